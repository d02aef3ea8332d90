//! `?return_to=`: where to send the browser after a flow ends. Only addresses on the
//! configured allow-list (or paths on this server) survive; anything else is dropped
//! silently, so the parameter cannot turn Latchkey into an open redirect.

use url::Url;

/// `raw` if it is a path on this server or matches an allow-list entry; `None` otherwise.
///
/// An entry is an origin (`https://shop.example`) or an origin with a path prefix
/// (`https://shop.example/account/`); a match needs the same scheme, host and port, and
/// the path under the prefix.
pub fn checked(raw: &str, allow_list: &[String]) -> Option<String> {
    let raw = raw.trim();
    if raw.is_empty() || raw.len() > 2048 || raw.chars().any(|c| c.is_control()) {
        return None;
    }
    if is_local_path(raw) {
        return Some(raw.to_owned());
    }
    let url = Url::parse(raw).ok()?;
    if !matches!(url.scheme(), "https" | "http")
        || !url.username().is_empty()
        || url.password().is_some()
    {
        return None;
    }
    allow_list
        .iter()
        .filter_map(|entry| Url::parse(entry.trim()).ok())
        .any(|allowed| {
            allowed.scheme() == url.scheme()
                && allowed.host_str().map(str::to_ascii_lowercase)
                    == url.host_str().map(str::to_ascii_lowercase)
                && allowed.port_or_known_default() == url.port_or_known_default()
                && path_under(url.path(), allowed.path())
        })
        .then(|| url.to_string())
}

/// `/settings`, but not `//evil.example` or `/\evil.example`, which browsers treat as
/// another host.
fn is_local_path(raw: &str) -> bool {
    raw.starts_with('/') && !raw.starts_with("//") && !raw.starts_with("/\\") && !raw.contains('\\')
}

fn path_under(path: &str, prefix: &str) -> bool {
    if prefix.is_empty() || prefix == "/" {
        return true;
    }
    path == prefix.trim_end_matches('/')
        || path.starts_with(&format!("{}/", prefix.trim_end_matches('/')))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list() -> Vec<String> {
        vec![
            "https://shop.example".into(),
            "https://app.example:8443/account/".into(),
        ]
    }

    #[test]
    fn allowed_origins_and_prefixes_pass() {
        assert_eq!(
            checked("https://shop.example/cart?x=1", &list()).as_deref(),
            Some("https://shop.example/cart?x=1")
        );
        assert!(checked("https://SHOP.example/", &list()).is_some());
        assert!(checked("https://app.example:8443/account/orders", &list()).is_some());
        assert!(checked("https://app.example:8443/account", &list()).is_some());
        assert!(checked("/settings?tab=1", &list()).is_some());
    }

    #[test]
    fn everything_else_is_dropped() {
        for bad in [
            "https://evil.example/",
            "https://shop.example.evil.example/",
            "http://shop.example/",
            "https://shop.example:444/",
            "https://app.example:8443/accounting",
            "https://app.example/account/",
            "https://user@shop.example/",
            "//evil.example/",
            "/\\evil.example/",
            "javascript:alert(1)",
            "data:text/html,hi",
            "",
            "shop.example",
        ] {
            assert_eq!(checked(bad, &list()), None, "{bad}");
        }
        assert_eq!(checked("https://shop.example/", &[]), None);
    }
}
