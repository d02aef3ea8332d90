//! The web edge: client addresses as the limits see them (IPv4-mapped and IPv6 /64s),
//! the CSRF check of the unlock form, and what the listener does with slow or too many
//! connections.

use latchkey::config::Config;
use latchkey_testkit::{Backend, TestApp};
use reqwest::StatusCode;
use serde_json::json;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const PW: &str = "correct horse battery";

/// 127.0.0.1 is a trusted proxy, so each request names its client in `X-Forwarded-For`;
/// only the per-IP sign-in limit is low enough to matter.
async fn spawn_behind_proxy(per_ip: u64) -> TestApp {
    TestApp::spawn_with(Backend::Sqlite, |c: &mut Config| {
        c.trusted_proxies = vec!["127.0.0.1".into()];
        c.limits.sign_in_per_ip.max = per_ip;
        c.limits.sign_in_per_network.max = 1000;
        c.limits.sign_in_per_identifier.max = 1000;
        c.limits.challenge_after_ip_failures = 1000;
        c.limits.lockout_free_failures = 1000;
    })
    .await
    .unwrap()
}

async fn sign_in_from(app: &TestApp, ip: &str, identifier: &str) -> StatusCode {
    app.client
        .post(app.url("/api/sessions"))
        .header("x-forwarded-for", ip)
        .json(&json!({"identifier": identifier, "password": "wrong"}))
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ipv6_addresses_in_one_64_share_the_per_ip_limit() {
    let app = spawn_behind_proxy(3).await;
    // Rotating the interface identifier within one /64 does not buy fresh tries.
    for (n, ip) in ["2001:db8:1:2::1", "2001:db8:1:2::2", "2001:db8:1:2:aaaa::3"]
        .iter()
        .enumerate()
    {
        let status = sign_in_from(&app, ip, &format!("v6-{n}@shop.example")).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{ip}");
    }
    let status = sign_in_from(
        &app,
        "2001:db8:1:2:ffff:ffff:ffff:ffff",
        "v6-9@shop.example",
    )
    .await;
    assert_eq!(
        status,
        StatusCode::TOO_MANY_REQUESTS,
        "same /64, fourth try"
    );
    // Another /64 has its own count.
    let status = sign_in_from(&app, "2001:db8:1:3::1", "v6-10@shop.example").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "another /64");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ipv4_mapped_address_counts_as_its_ipv4_address() {
    let app = spawn_behind_proxy(3).await;
    for n in 0..3 {
        let status = sign_in_from(&app, "::ffff:203.0.113.5", &format!("m{n}@shop.example")).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let status = sign_in_from(&app, "203.0.113.5", "m9@shop.example").await;
    assert_eq!(
        status,
        StatusCode::TOO_MANY_REQUESTS,
        "::ffff:203.0.113.5 and 203.0.113.5 are one client"
    );
    // Mapped addresses of other IPv4 clients do not share one key.
    let status = sign_in_from(&app, "::ffff:203.0.113.6", "m10@shop.example").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "another IPv4 client");
}

/// `name=value` of the `Set-Cookie` whose name is `name`.
fn cookie_pair(res: &reqwest::Response, name: &str) -> Option<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .find(|pair| pair.starts_with(&format!("{name}=")))
        .map(str::to_owned)
}

/// The `value` of the hidden input `name` in a page.
fn hidden_field(html: &str, name: &str) -> Option<String> {
    let at = html.find(&format!("name=\"{name}\""))?;
    let rest = &html[at..];
    let start = rest.find("value=\"")? + "value=\"".len();
    let end = rest[start..].find('"')?;
    Some(rest[start..start + end].to_owned())
}

async fn unlock_token(app: &TestApp, email: &str) -> String {
    app.register(email, PW).await;
    for _ in 0..6 {
        app.post(
            "/api/sessions",
            json!({"identifier": email, "password": "nope"}),
        )
        .await;
    }
    let notice = app.message_with(email, "/unlock?token=").await;
    let text = notice["text"].as_str().unwrap();
    let link = text
        .split_whitespace()
        .find(|w| w.contains("/unlock?token="))
        .unwrap();
    link.split("token=")
        .nth(1)
        .unwrap()
        .trim_end_matches('.')
        .to_owned()
}

async fn post_unlock(app: &TestApp, cookie: Option<&str>, body: String) -> reqwest::Response {
    let mut req = app
        .client
        .post(app.url("/unlock"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept-language", "fr")
        .body(body);
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    req.send().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_unlock_form_needs_its_csrf_token_and_a_refusal_spends_nothing() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let token = unlock_token(&app, "csrf-unlock@shop.example").await;

    let page = app
        .client
        .get(app.url(&format!("/unlock?token={token}")))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let cookie = cookie_pair(&page, "latchkey_csrf").expect("the page sets the CSRF cookie");
    let html = page.text().await.unwrap();
    let csrf = hidden_field(&html, "csrf").expect("the form carries the CSRF token");
    assert_eq!(cookie, format!("latchkey_csrf={csrf}"));

    // Cross-site: no cookie, no field. Then the cookie with a wrong field, and the
    // field without its cookie.
    let wrong = "x".repeat(csrf.len());
    for (cookie, body) in [
        (None, format!("token={token}")),
        (Some(cookie.as_str()), format!("token={token}&csrf={wrong}")),
        (None, format!("token={token}&csrf={csrf}")),
    ] {
        let res = post_unlock(&app, cookie, body).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
        assert!(
            cookie_pair(&res, "latchkey_device").is_none(),
            "no device cookie"
        );
        let html = res.text().await.unwrap();
        assert!(
            html.contains("rechargez la page"),
            "a French refusal page: {html}"
        );
        assert!(html.contains("<html"), "{html}");
    }

    // Nothing was spent: the link still shows its form, and the right token unlocks.
    let res = app
        .client
        .get(app.url(&format!("/unlock?token={token}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK, "the link still works");
    let res = post_unlock(&app, Some(&cookie), format!("token={token}&csrf={csrf}")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(cookie_pair(&res, "latchkey_device").is_some());
    let html = res.text().await.unwrap();
    assert!(html.contains("unlock-done"), "{html}");
    let res = app
        .post(
            "/api/sessions",
            json!({"identifier": "csrf-unlock@shop.example", "password": PW}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED, "unlocked");
}

fn host_port(app: &TestApp) -> String {
    app.address.trim_start_matches("http://").to_owned()
}

/// Reads until the server closes the connection or `within` passes; `Some(bytes read)`
/// when it closed.
async fn closed_within(stream: &mut TcpStream, within: Duration) -> Option<Vec<u8>> {
    let mut got = Vec::new();
    let deadline = tokio::time::Instant::now() + within;
    let mut buf = [0u8; 1024];
    loop {
        match tokio::time::timeout_at(deadline, stream.read(&mut buf)).await {
            Err(_) => return None,
            Ok(Ok(0)) | Ok(Err(_)) => return Some(got),
            Ok(Ok(n)) => got.extend_from_slice(&buf[..n]),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_request_head_is_cut_off_after_the_header_read_timeout() {
    let app = TestApp::spawn_with(Backend::Sqlite, |c| c.header_read_timeout_secs = 1)
        .await
        .unwrap();
    let started = Instant::now();
    // Slowloris: a request head that never ends.
    let mut slow = TcpStream::connect(host_port(&app)).await.unwrap();
    slow.write_all(b"GET /health/alive HTTP/1.1\r\nHost: x\r\nX-Slow: 1")
        .await
        .unwrap();
    // And a connection that never says anything.
    let mut silent = TcpStream::connect(host_port(&app)).await.unwrap();
    let got = closed_within(&mut slow, Duration::from_secs(5)).await;
    assert!(got.is_some(), "the slow head still holds its connection");
    assert!(
        closed_within(&mut silent, Duration::from_secs(5))
            .await
            .is_some(),
        "the silent connection is still open"
    );
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(900),
        "closed before the timeout: {waited:?}"
    );
    // A request that arrives in time is served as usual.
    let res = app
        .client
        .get(app.url("/health/alive"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_beyond_the_cap_wait_until_one_closes() {
    let app = TestApp::spawn_with(Backend::Sqlite, |c| c.max_connections = 2)
        .await
        .unwrap();
    // Two connections hold both places (each served one request and stays open).
    let mut held = Vec::new();
    for _ in 0..2 {
        let mut s = TcpStream::connect(host_port(&app)).await.unwrap();
        s.write_all(b"GET /health/alive HTTP/1.1\r\nHost: x\r\n\r\n")
            .await
            .unwrap();
        let mut buf = [0u8; 512];
        let n = s.read(&mut buf).await.unwrap();
        assert!(buf[..n].starts_with(b"HTTP/1.1 200"));
        held.push(s);
    }
    // A third is not served while they are open…
    let mut third = TcpStream::connect(host_port(&app)).await.unwrap();
    third
        .write_all(b"GET /health/alive HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut buf = [0u8; 512];
    let early = tokio::time::timeout(Duration::from_millis(700), third.read(&mut buf)).await;
    assert!(early.is_err(), "served beyond the cap");
    // …and is, as soon as one of them closes.
    drop(held.pop());
    let n = tokio::time::timeout(Duration::from_secs(5), third.read(&mut buf))
        .await
        .expect("served once a place is free")
        .unwrap();
    assert!(
        buf[..n].starts_with(b"HTTP/1.1 200"),
        "{}",
        String::from_utf8_lossy(&buf[..n])
    );
}

/// On a `[::]` listener an IPv4 client's peer address is `::ffff:127.0.0.1`; the
/// trusted proxy `127.0.0.1` must still match it, or every client behind the proxy is
/// the proxy itself and shares one per-address count.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ipv4_proxy_is_trusted_when_it_reaches_a_dual_stack_listener() {
    let Ok(listener) = dual_stack_listener().await else {
        eprintln!("SKIPPED: no dual-stack [::] listener on this machine");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut config =
        latchkey_testkit::test_config(format!("sqlite://{}", dir.path().join("lk.db").display()));
    config.trusted_proxies = vec!["127.0.0.1".into()];
    config.limits.sign_in_per_ip.max = 2;
    config.limits.sign_in_per_network.max = 1000;
    config.limits.challenge_after_ip_failures = 1000;
    let app = latchkey::Application::with_listener(
        config,
        listener,
        std::sync::Arc::new(latchkey_testkit::ManualClock::default()),
    )
    .await
    .unwrap();
    let port = app.local_addr().unwrap().port();
    tokio::spawn(app.run(std::future::pending()));
    let client = reqwest::Client::new();
    // Over IPv4 to the [::] socket: the peer is mapped.
    for n in 0..4 {
        let status = client
            .post(format!("http://127.0.0.1:{port}/api/sessions"))
            .header("x-forwarded-for", format!("198.51.100.{n}"))
            .json(&json!({"identifier": format!("ds{n}@shop.example"), "password": "x"}))
            .send()
            .await
            .unwrap()
            .status();
        assert_eq!(
            status,
            StatusCode::UNAUTHORIZED,
            "client {n} counted as the proxy"
        );
    }
}

/// `[::]:0`, if IPv4 clients can reach it (Linux's default, `bindv6only = 0`).
async fn dual_stack_listener() -> std::io::Result<tokio::net::TcpListener> {
    let listener = tokio::net::TcpListener::bind("[::]:0").await?;
    let port = listener.local_addr()?.port();
    let probe = TcpStream::connect(("127.0.0.1", port)).await?;
    let (accepted, peer) = listener.accept().await?;
    drop((probe, accepted));
    if !matches!(peer.ip(), std::net::IpAddr::V6(v6) if v6.to_ipv4_mapped().is_some()) {
        return Err(std::io::Error::other("not dual-stack"));
    }
    Ok(listener)
}
