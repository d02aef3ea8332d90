//! The SMTP transport against a real SMTP server: aiosmtpd writing a Maildir.

use crate::common::message;
use latchkey_courier::{SmtpTransport, Transport};
use latchkey_flows::journeys::registration::messages::RegistrationCode;
use latchkey_flows::methods::code::messages::LoginCode;
use latchkey_i18n::Locale;
use latchkey_store::Channel;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// aiosmtpd as a child process, killed when the test ends however it ends.
struct SmtpServer {
    child: Child,
    port: u16,
    maildir: PathBuf,
    _dir: tempfile::TempDir,
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn python_has(module: &str) -> bool {
    Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// `None` (the test passes, saying so) when aiosmtpd is missing, unless CI demands peers.
async fn start_smtp() -> Option<SmtpServer> {
    if !python_has("aiosmtpd") {
        assert!(
            std::env::var("LATCHKEY_REQUIRE_PEERS").as_deref() != Ok("1"),
            "aiosmtpd is not installed and LATCHKEY_REQUIRE_PEERS=1"
        );
        println!("SKIPPED: aiosmtpd not installed");
        return None;
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port();
    let dir = tempfile::tempdir().expect("temp dir");
    let maildir = dir.path().join("Maildir");
    let child = Command::new("python3")
        .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}")])
        .args(["-c", "aiosmtpd.handlers.Mailbox"])
        .arg(&maildir)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn aiosmtpd");
    let server = SmtpServer {
        child,
        port,
        maildir,
        _dir: dir,
    };
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return Some(server);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("aiosmtpd did not listen on {port}");
}

/// Parses one stored mail with Python's `email` package: a real MIME parser, not ours.
fn parse_mail(path: &Path) -> serde_json::Value {
    const SCRIPT: &str = r#"
import email, email.policy, json, sys
msg = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.default)
parts = [{"type": p.get_content_type(), "body": p.get_content()}
         for p in msg.walk() if not p.is_multipart()]
print(json.dumps({"subject": str(msg["subject"]), "from": str(msg["from"]), "to": str(msg["to"]),
                  "message_id": str(msg["message-id"]), "date": str(msg["date"]),
                  "type": msg.get_content_type(), "parts": parts}))
"#;
    let out = Command::new("python3")
        .args(["-c", SCRIPT])
        .arg(path)
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

/// The mails in the Maildir, at least `n` of them. Read once: aiosmtpd files a mail
/// before it answers the DATA command, so it is there when `send` returns.
fn mails(maildir: &Path, n: usize) -> Vec<PathBuf> {
    let files: Vec<PathBuf> = std::fs::read_dir(maildir.join("new"))
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    assert!(
        files.len() >= n,
        "expected {n} mails in {}, found {}",
        maildir.display(),
        files.len()
    );
    files
}

#[tokio::test]
async fn registration_code_arrives_with_text_and_html_parts() {
    let Some(server) = start_smtp().await else {
        return;
    };
    let transport = SmtpTransport::from_url(
        &format!("smtp://127.0.0.1:{}", server.port),
        "noreply@shop.example.com",
    )
    .expect("transport")
    .with_sender_name("Acme Shop");

    let en = message(
        &RegistrationCode { code: "482913" },
        Channel::Email,
        "ann@example.com",
        Locale::En,
    );
    transport.send(&en).await.expect("send en");
    let files = mails(&server.maildir, 1);
    let mail = parse_mail(&files[0]);

    assert_eq!(mail["subject"], en.subject.as_str());
    assert_eq!(mail["from"], "Acme Shop <noreply@shop.example.com>");
    assert_eq!(mail["to"], "ann@example.com");
    assert_eq!(
        mail["message_id"],
        format!("<{}@shop.example.com>", en.id).as_str()
    );
    assert_ne!(mail["date"], "None");
    assert_eq!(mail["type"], "multipart/alternative");
    let parts = mail["parts"].as_array().expect("parts");
    let types: Vec<&str> = parts.iter().filter_map(|p| p["type"].as_str()).collect();
    assert_eq!(types, ["text/plain", "text/html"]);
    let text = parts[0]["body"].as_str().expect("text");
    let html = parts[1]["body"].as_str().expect("html");
    assert!(text.contains("482913"), "{text}");
    assert!(text.contains("15 minutes"));
    assert!(html.contains("482913"));
    assert!(html.contains("<html lang=\"en\">"));

    // Non-ASCII subject and bodies survive the header and transfer encodings.
    let zh = message(
        &RegistrationCode { code: "771204" },
        Channel::Email,
        "li@example.com",
        Locale::ZhCn,
    );
    transport.send(&zh).await.expect("send zh");
    let files = mails(&server.maildir, 2);
    let mail = files
        .iter()
        .map(|f| parse_mail(f))
        .find(|m| m["to"] == "li@example.com")
        .expect("zh mail");
    assert_eq!(mail["subject"], zh.subject.as_str());
    assert!(
        mail["parts"][0]["body"]
            .as_str()
            .is_some_and(|t| t.contains("771204") && t.contains("验证码"))
    );
}

#[tokio::test]
async fn refused_connections_are_temporary_and_bad_addresses_permanent() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port();
    // Nothing listens on the port any more.
    let transport = SmtpTransport::from_url(
        &format!("smtp://127.0.0.1:{port}"),
        "noreply@shop.example.com",
    )
    .expect("transport");
    let msg = message(
        &LoginCode { code: "123456" },
        Channel::Email,
        "ann@example.com",
        Locale::En,
    );
    let err = transport.send(&msg).await.expect_err("nobody listens");
    assert!(!err.permanent, "{err:?}");
    assert!(!err.message.contains("123456"));

    let mut bad = msg.clone();
    bad.recipient = "not an address".into();
    let err = transport.send(&bad).await.expect_err("bad address");
    assert!(err.permanent);
}
