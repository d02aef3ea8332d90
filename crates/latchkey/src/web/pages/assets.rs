//! The pages' static files (`/assets/app.css`, `/assets/app.js`, `/assets/passkey.js`),
//! compiled into the binary
//! and served with a long cache; the layout adds `?v=<hash>` so a new release busts it.

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

const APP_CSS: &str = include_str!("../../../assets/app.css");
const APP_JS: &str = include_str!("../../../assets/app.js");
const PASSKEY_JS: &str = include_str!("../../../assets/passkey.js");

/// A year: the URLs carry the content hash, so a changed file gets a new URL.
const CACHE_CONTROL: &str = "public, max-age=31536000, immutable";

/// FNV-1a over the files, as 16 hex digits, computed at compile time.
pub const ASSET_VERSION: &str = {
    const fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
        let mut i = 0;
        while i < bytes.len() {
            h ^= bytes[i] as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
            i += 1;
        }
        h
    }
    const HASH: u64 = fnv(
        fnv(
            fnv(0xcbf2_9ce4_8422_2325, APP_CSS.as_bytes()),
            APP_JS.as_bytes(),
        ),
        PASSKEY_JS.as_bytes(),
    );
    const HEX: [u8; 16] = {
        let digits = b"0123456789abcdef";
        let mut out = [0u8; 16];
        let mut i = 0;
        while i < 16 {
            out[i] = digits[((HASH >> (60 - 4 * i)) & 0xf) as usize];
            i += 1;
        }
        out
    };
    match std::str::from_utf8(&HEX) {
        Ok(s) => s,
        Err(_) => panic!("hex digits are ASCII"),
    }
};

pub fn router<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new()
        .route("/assets/app.css", get(css))
        .route("/assets/app.js", get(js))
        .route("/assets/passkey.js", get(passkey_js))
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static(CACHE_CONTROL),
            ),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
        ],
        body,
    )
        .into_response()
}

async fn css() -> Response {
    asset("text/css; charset=utf-8", APP_CSS)
}

async fn js() -> Response {
    asset("text/javascript; charset=utf-8", APP_JS)
}

async fn passkey_js() -> Response {
    asset("text/javascript; charset=utf-8", PASSKEY_JS)
}
