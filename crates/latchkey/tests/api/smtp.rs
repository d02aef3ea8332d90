//! A real SMTP server (aiosmtpd, writing a Maildir) receives the verification email of a
//! full registration. Skipped without aiosmtpd unless `LATCHKEY_REQUIRE_PEERS=1`.

use latchkey_testkit::{Backend, TestApp};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub(crate) struct Smtpd {
    child: Child,
    pub(crate) port: u16,
    dir: tempfile::TempDir,
}

impl Drop for Smtpd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub(crate) async fn start_smtpd() -> Option<Smtpd> {
    let available = Command::new("python3")
        .args(["-c", "import aiosmtpd"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !available {
        assert!(
            std::env::var("LATCHKEY_REQUIRE_PEERS").as_deref() != Ok("1"),
            "aiosmtpd is required (LATCHKEY_REQUIRE_PEERS=1): python3 -m pip install aiosmtpd"
        );
        eprintln!("SKIPPED: SMTP test (aiosmtpd not installed: python3 -m pip install aiosmtpd)");
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let child = Command::new("python3")
        .args([
            "-m",
            "aiosmtpd",
            "-n",
            "-l",
            &format!("127.0.0.1:{port}"),
            "-c",
            "aiosmtpd.handlers.Mailbox",
        ])
        .arg(dir.path().join("Maildir"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Owned by `Smtpd` at once, so the process is killed and reaped on every path.
    let smtpd = Smtpd { child, port, dir };
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return Some(smtpd);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("aiosmtpd did not start on port {port}");
}

/// The first delivered email whose raw text contains `needle` (a subject, say), read once
/// the app's courier has handed every due message to the server (aiosmtpd files a mail in
/// the Maildir before it answers the DATA command, so it is there when the send returns).
pub(crate) async fn wait_for_mail(app: &TestApp, smtpd: &Smtpd, needle: &str) -> String {
    app.drain_courier().await;
    let new = smtpd.dir.path().join("Maildir").join("new");
    if let Ok(entries) = std::fs::read_dir(&new) {
        for entry in entries.flatten() {
            if let Ok(mail) = std::fs::read_to_string(entry.path())
                && mail.contains(needle)
            {
                return mail;
            }
        }
    }
    panic!("no email containing {needle:?} reached the Maildir");
}

/// The one email in the Maildir, once the courier has delivered.
async fn read_maildir(app: &TestApp, smtpd: &Smtpd) -> String {
    app.drain_courier().await;
    let new = smtpd.dir.path().join("Maildir").join("new");
    let entry = std::fs::read_dir(&new)
        .ok()
        .and_then(|mut e| e.next())
        .expect("a message in the Maildir")
        .unwrap();
    std::fs::read_to_string(entry.path()).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registration_code_arrives_by_real_smtp() {
    let Some(smtpd) = start_smtpd().await else {
        return;
    };
    let port = smtpd.port;
    let app = TestApp::spawn_with(Backend::Sqlite, |c| {
        c.smtp_url = Some(format!("smtp://127.0.0.1:{port}").into());
        c.smtp_from = "accounts@shop.example".into();
    })
    .await
    .unwrap();
    let res = app
        .post(
            "/api/registrations",
            json!({"email": "rosa@shop.example", "password": "correct horse battery"}),
        )
        .await;
    let flow = res.json::<Value>().await.unwrap()["flow_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let mail = read_maildir(&app, &smtpd).await;
    assert!(mail.contains("rosa@shop.example"), "{mail}");
    assert!(mail.contains("accounts@shop.example"));
    assert!(
        mail.contains("multipart/alternative"),
        "text and HTML parts"
    );
    // The code stands on a line of its own in the text part. Not "the first run of six
    // digits anywhere": the Message-ID, Date and MIME boundary headers can hold one.
    let code = mail
        .lines()
        .map(str::trim)
        .find(|l| l.len() == 6 && l.bytes().all(|b| b.is_ascii_digit()))
        .expect("a code on its own line in the email")
        .to_owned();
    assert!(
        app.mailbox("rosa@shop.example").await.is_empty(),
        "SMTP configured: not the dev mailbox"
    );
    let res = app
        .post(
            &format!("/api/registrations/{flow}/code"),
            json!({"code": code}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
}
