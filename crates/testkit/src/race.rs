//! Requests that arrive together: each goes out on its own TCP connection minus its last
//! byte, and only once every connection holds its request does one release step send all
//! the last bytes. The server cannot start judging any of them before all are in flight,
//! so a check-then-act limit shows itself (a thread pool that happens to run requests one
//! after another would not).

use reqwest::StatusCode;
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// One HTTP/1.1 request to send in a race.
#[derive(Debug, Clone)]
pub struct RaceRequest {
    pub method: &'static str,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl RaceRequest {
    pub fn post_json(path: &str, body: &Value) -> Self {
        Self {
            method: "POST",
            path: path.to_owned(),
            headers: vec![("content-type".into(), "application/json".into())],
            body: serde_json::to_vec(body).unwrap(),
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    fn bytes(&self, host: &str) -> Vec<u8> {
        let mut head = format!(
            "{} {} HTTP/1.1\r\nhost: {host}\r\nconnection: close\r\ncontent-length: {}\r\n",
            self.method,
            self.path,
            self.body.len()
        );
        for (k, v) in &self.headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        let mut bytes = head.into_bytes();
        bytes.extend_from_slice(&self.body);
        bytes
    }
}

/// A response read off a raced connection.
#[derive(Debug, Clone)]
pub struct RaceResponse {
    pub status: StatusCode,
    pub body: String,
}

impl RaceResponse {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or(Value::Null)
    }

    /// `error.code` of a JSON error envelope, if any.
    pub fn error_code(&self) -> Option<String> {
        self.json()["error"]["code"].as_str().map(str::to_owned)
    }
}

/// Sends every request on its own connection to `address` (`http://host:port`), holds back
/// each one's last byte until all are written, then releases them together.
pub async fn race(address: &str, requests: Vec<RaceRequest>) -> Vec<RaceResponse> {
    let host = address.trim_start_matches("http://").to_owned();
    let mut held = Vec::with_capacity(requests.len());
    for req in &requests {
        let bytes = req.bytes(&host);
        let mut stream = TcpStream::connect(&host).await.expect("connect");
        stream.set_nodelay(true).unwrap();
        let (head, last) = bytes.split_at(bytes.len() - 1);
        stream.write_all(head).await.unwrap();
        stream.flush().await.unwrap();
        held.push((stream, last[0]));
    }
    // Every request is on the wire but for one byte; give the server a moment to have read
    // them all up to that byte, then release.
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(held.len()));
    let tasks: Vec<_> = held
        .into_iter()
        .map(|(mut stream, last)| {
            let barrier = barrier.clone();
            tokio::spawn(async move {
                barrier.wait().await;
                stream.write_all(&[last]).await.unwrap();
                let mut raw = Vec::new();
                stream.read_to_end(&mut raw).await.unwrap();
                parse(&raw)
            })
        })
        .collect();
    let mut out = Vec::with_capacity(tasks.len());
    for t in tasks {
        out.push(t.await.unwrap());
    }
    out
}

fn parse(raw: &[u8]) -> RaceResponse {
    let text = String::from_utf8_lossy(raw);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse::<u16>().ok())
        .and_then(|s| StatusCode::from_u16(s).ok())
        .unwrap_or_else(|| panic!("no status line in {head:?}"));
    let chunked = head.lines().any(|l| {
        l.to_ascii_lowercase()
            .starts_with("transfer-encoding: chunked")
    });
    let body = if chunked {
        dechunk(body)
    } else {
        body.to_owned()
    };
    RaceResponse { status, body }
}

fn dechunk(mut rest: &str) -> String {
    let mut out = String::new();
    while let Some((size, tail)) = rest.split_once("\r\n") {
        let Ok(n) = usize::from_str_radix(size.trim(), 16) else {
            break;
        };
        if n == 0 || tail.len() < n {
            break;
        }
        out.push_str(&tail[..n]);
        rest = tail[n..].trim_start_matches("\r\n");
    }
    out
}

/// How many responses have this status.
pub fn count(responses: &[RaceResponse], status: StatusCode) -> usize {
    responses.iter().filter(|r| r.status == status).count()
}
