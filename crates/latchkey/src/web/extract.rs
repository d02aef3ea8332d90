//! Extractors that turn a request into what flows need, rejecting with our own envelope
//! (never axum's plain text): JSON bodies, the client, and the signed-in session.

use crate::web::AppState;
use crate::web::cookies::{DEVICE_COOKIE, SESSION_COOKIE};
use crate::web::csrf;
use crate::web::error::ApiError;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode, header};
use axum_extra::extract::CookieJar;
use latchkey_flows::{Authenticated, ClientInfo};
use serde::de::DeserializeOwned;
use std::net::{IpAddr, SocketAddr};

/// A JSON body: `application/json` only (415 otherwise, which also keeps cross-site
/// forms out), within the body limit (413), well-formed (400) and of the right shape with
/// no unknown fields (422).
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|m| {
                let m = m.trim().to_ascii_lowercase();
                m == "application/json" || (m.starts_with("application/") && m.ends_with("+json"))
            });
        if !is_json {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
            ));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large")
            } else {
                ApiError::new(StatusCode::BAD_REQUEST, "malformed_json")
            }
        })?;
        let de = &mut serde_json::Deserializer::from_slice(&bytes);
        match serde_path_to_error_free(de) {
            Ok(v) => Ok(ApiJson(v)),
            Err(e) if e.is_syntax() || e.is_eof() => {
                Err(ApiError::new(StatusCode::BAD_REQUEST, "malformed_json"))
            }
            Err(e) => Err(
                ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_input")
                    .with("detail", shape_error(&e)),
            ),
        }
    }
}

fn serde_path_to_error_free<T: DeserializeOwned>(
    de: &mut serde_json::Deserializer<serde_json::de::SliceRead<'_>>,
) -> Result<T, serde_json::Error> {
    let v = T::deserialize(&mut *de)?;
    de.end()?;
    Ok(v)
}

/// serde's message names the field and the expected type, never the value sent.
fn shape_error(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.find(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

/// The client: its address (the socket's peer, or the right-most untrusted
/// `X-Forwarded-For` hop when the peer is a trusted proxy), user agent, device token
/// (`latchkey_device` cookie or `Latchkey-Device` header) and challenge solution
/// (`Latchkey-Challenge`) or captcha response (`Latchkey-Captcha`).
pub struct Client(pub ClientInfo);

pub const DEVICE_HEADER: &str = "latchkey-device";
/// A remembered device's token, for apps (browsers send the cookie).
pub const TRUSTED_DEVICE_HEADER: &str = "latchkey-trusted-device";
pub const CHALLENGE_HEADER: &str = "latchkey-challenge";
pub const CAPTCHA_HEADER: &str = "latchkey-captcha";

fn header_str(parts: &Parts, name: &str, max: usize) -> Option<String> {
    parts
        .headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty() && v.len() <= max)
        .map(str::to_owned)
}

/// The client address: the peer unless it is a trusted proxy; then the right-most
/// `X-Forwarded-For` entry that is not itself trusted (entries left of it are whatever
/// the client chose to send, so they are never believed).
///
/// Every address is canonical (`::ffff:203.0.113.5` is `203.0.113.5`): on a `[::]`
/// listener IPv4 peers arrive mapped, and the limits and the proxy list (parsed the same
/// way, `config::parse_cidr`) must see one client as one address.
pub fn client_ip(
    peer: Option<IpAddr>,
    forwarded_for: &[&str],
    trusted: &[ipnet::IpNet],
) -> Option<IpAddr> {
    let peer = peer?.to_canonical();
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return Some(peer);
    }
    let mut hops = forwarded_for
        .iter()
        .flat_map(|h| h.split(','))
        .map(str::trim)
        .rev();
    let mut last = peer;
    for hop in hops.by_ref() {
        let Ok(ip) = hop.parse::<IpAddr>().map(|ip| ip.to_canonical()) else {
            // A hop we cannot read: the last one we could is as far as trust reaches.
            return Some(last);
        };
        if !is_trusted(&ip) {
            return Some(ip);
        }
        last = ip;
    }
    Some(last)
}

impl FromRequestParts<AppState> for Client {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip());
        let forwarded: Vec<&str> = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        let ip = client_ip(peer, &forwarded, &state.trusted_proxies).map(|ip| ip.to_string());
        let user_agent = parts
            .headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let jar = CookieJar::from_headers(&parts.headers);
        let device_token = header_str(parts, DEVICE_HEADER, 256).or_else(|| {
            jar.get(DEVICE_COOKIE)
                .map(|c| c.value().to_owned())
                .filter(|v| !v.is_empty() && v.len() <= 256)
        });
        let trusted_device_token = header_str(parts, TRUSTED_DEVICE_HEADER, 256).or_else(|| {
            jar.get(crate::web::cookies::TRUSTED_DEVICE_COOKIE)
                .map(|c| c.value().to_owned())
                .filter(|v| !v.is_empty() && v.len() <= 256)
        });
        Ok(Client(ClientInfo {
            ip,
            user_agent,
            device_token,
            trusted_device_token,
            challenge: header_str(parts, CHALLENGE_HEADER, 256),
            captcha: header_str(parts, CAPTCHA_HEADER, 4096),
        }))
    }
}

/// Where the session token came from; decides whether CSRF applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenSource {
    Bearer,
    Cookie,
}

/// The request's session: `Authorization: Bearer` (judged by the token alone) or the
/// session cookie (which needs the CSRF header on state-changing calls).
pub struct Auth(pub Authenticated, pub TokenSource);

pub fn bearer(parts: &Parts) -> Option<&str> {
    parts
        .headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::trim)
}

impl FromRequestParts<AppState> for Auth {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let jar = CookieJar::from_headers(&parts.headers);
        let (token, source) = match bearer(parts) {
            Some(t) => (t.to_owned(), TokenSource::Bearer),
            None => match jar.get(SESSION_COOKIE) {
                Some(c) => (c.value().to_owned(), TokenSource::Cookie),
                None => return Err(ApiError::unauthenticated()),
            },
        };
        let auth = state
            .flows
            .sessions()
            .authenticate(&token)
            .await?
            .ok_or_else(ApiError::unauthenticated)?;
        let safe = matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
        if source == TokenSource::Cookie
            && !safe
            && !csrf::verify(&jar, csrf::header_token(&parts.headers))
        {
            return Err(ApiError::new(StatusCode::FORBIDDEN, "csrf_failed"));
        }
        Ok(Auth(auth, source))
    }
}

#[cfg(test)]
mod tests {
    use super::client_ip;

    fn ip(s: &str) -> std::net::IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn forwarded_for_is_believed_only_from_trusted_proxies() {
        let trusted = vec!["10.0.0.0/8".parse().unwrap()];
        // Untrusted peer: its header is ignored.
        assert_eq!(
            client_ip(Some(ip("203.0.113.1")), &["198.51.100.7"], &trusted),
            Some(ip("203.0.113.1"))
        );
        // Trusted peer: the right-most untrusted hop; a spoofed left part is ignored.
        assert_eq!(
            client_ip(
                Some(ip("10.0.0.2")),
                &["1.2.3.4, 198.51.100.7", "10.0.0.9"],
                &trusted
            ),
            Some(ip("198.51.100.7"))
        );
        // No header: the proxy itself.
        assert_eq!(
            client_ip(Some(ip("10.0.0.2")), &[], &trusted),
            Some(ip("10.0.0.2"))
        );
        // Garbage in the chain stops the walk at the last readable trusted hop.
        assert_eq!(
            client_ip(Some(ip("10.0.0.2")), &["198.51.100.7, junk"], &trusted),
            Some(ip("10.0.0.2"))
        );
        assert_eq!(client_ip(None, &[], &trusted), None);
        // Nothing trusted: always the peer.
        assert_eq!(
            client_ip(Some(ip("10.0.0.2")), &["198.51.100.7"], &[]),
            Some(ip("10.0.0.2"))
        );
    }

    #[test]
    fn ipv4_mapped_addresses_are_canonical_on_both_sides() {
        let trusted = vec![crate::config::parse_cidr("10.0.0.0/8").unwrap()];
        // A [::] listener sees IPv4 peers mapped: the client is the IPv4 address.
        assert_eq!(
            client_ip(Some(ip("::ffff:203.0.113.5")), &[], &[]),
            Some(ip("203.0.113.5"))
        );
        // A mapped peer inside an IPv4 proxy range is that proxy.
        assert_eq!(
            client_ip(Some(ip("::ffff:10.0.0.2")), &["198.51.100.7"], &trusted),
            Some(ip("198.51.100.7"))
        );
        // Mapped hops in the header are canonical too, trusted or not.
        assert_eq!(
            client_ip(
                Some(ip("10.0.0.2")),
                &["::ffff:198.51.100.7, ::ffff:10.0.0.9"],
                &trusted
            ),
            Some(ip("198.51.100.7"))
        );
        // A proxy range written mapped matches plain IPv4 peers.
        let mapped = vec![crate::config::parse_cidr("::ffff:10.0.0.0/104").unwrap()];
        assert_eq!(
            client_ip(Some(ip("10.0.0.2")), &["198.51.100.7"], &mapped),
            Some(ip("198.51.100.7"))
        );
        // Plain IPv6 stays as it is.
        assert_eq!(
            client_ip(Some(ip("2001:db8::1")), &[], &trusted),
            Some(ip("2001:db8::1"))
        );
    }
}
