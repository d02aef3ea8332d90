//! The shop's brand (issue #14) over HTTP: the name, logo, colours and links on the pages,
//! the served brand files and their cache, the CSP kept intact, messages signed with the
//! shop's name, and the starts refused for a bad colour pair, a missing file or a plain
//! `http://` logo.

use crate::pages::{browser, get, sign_up};
use latchkey::Application;
use latchkey::config::Config;
use latchkey_testkit::TestApp;
use reqwest::StatusCode;
use reqwest::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE};
use std::path::{Path, PathBuf};
use std::sync::Arc;

const LOGO_SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="32" viewBox="0 0 120 32"><rect width="32" height="32" rx="6" fill="#0b5fff"/></svg>"##;
/// The smallest valid PNG (1×1, transparent).
const FAVICON_PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
    0x42, 0x60, 0x82,
];
const BRAND_CSS: &str = ".brand-name { letter-spacing: 0.02em; }\n";

/// A folder with the brand's files that outlives the test's config (the app reads the
/// files at start; the OS temp folder is cleaned by the OS, not by the test).
fn brand_files() -> PathBuf {
    let dir = tempfile::tempdir().expect("tempdir").keep();
    std::fs::write(dir.join("logo.svg"), LOGO_SVG).unwrap();
    std::fs::write(dir.join("favicon.png"), FAVICON_PNG).unwrap();
    std::fs::write(dir.join("brand.css"), BRAND_CSS).unwrap();
    dir
}

fn path_in(dir: &Path, file: &str) -> String {
    dir.join(file).display().to_string()
}

/// Acme Shop: a name in Latin, Cyrillic and Chinese, a logo file, a favicon, colours,
/// links and an extra stylesheet.
fn acme(config: &mut Config) {
    let dir = brand_files();
    let b = &mut config.brand;
    b.name = Some("Acme Shop".into());
    b.names = [
        ("ru".to_owned(), "Акме".to_owned()),
        ("zh-CN".to_owned(), "艾克美".to_owned()),
    ]
    .into_iter()
    .collect();
    b.logo = Some(path_in(&dir, "logo.svg"));
    b.logo_alt = Some("Acme Shop — since 1990".into());
    b.favicon = Some(path_in(&dir, "favicon.png"));
    b.primary_color = Some("#0b5fff".into());
    b.accent_color = Some("#e8f0ff".into());
    b.home_url = Some("https://shop.example/".into());
    b.support_url = Some("https://shop.example/help".into());
    b.privacy_url = Some("https://shop.example/privacy".into());
    b.terms_url = Some("https://shop.example/terms".into());
    b.css_path = Some(path_in(&dir, "brand.css"));
}

fn cdn_logo(config: &mut Config) {
    config.brand.logo = Some("https://cdn.shop.example/logo.png".into());
}

fn title(html: &str) -> &str {
    html.split("<title>")
        .nth(1)
        .and_then(|t| t.split("</title>").next())
        .unwrap_or("")
}

fn header(html: &str) -> &str {
    html.split("<header")
        .nth(1)
        .and_then(|h| h.split("</header>").next())
        .unwrap_or("")
}

fn footer(html: &str) -> &str {
    html.split("<footer")
        .nth(1)
        .and_then(|h| h.split("</footer>").next())
        .unwrap_or("")
}

/// The `?v=` version in `html` after `prefix` (`/brand/logo?v=`).
fn version_after<'a>(html: &'a str, prefix: &str) -> &'a str {
    html.split(prefix)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no {prefix} in the page"))
}

latchkey_testkit::both_backends!(with = crate::brand::acme;
    pages_wear_the_shops_name_logo_colours_and_links,
    brand_files_are_served_with_a_long_cache_and_a_strict_csp,
    messages_are_signed_with_the_shops_name,
    journeys_end_with_back_to_the_shop,
);

async fn pages_wear_the_shops_name_logo_colours_and_links(app: TestApp) {
    let client = browser();
    for (lang, name) in [("en", "Acme Shop"), ("ru", "Акме"), ("zh-CN", "艾克美")] {
        for path in ["/login", "/register", "/recovery", "/no-such-page"] {
            let (_, html) = get(&client, &app, &format!("{path}?lang={lang}")).await;
            let at = format!("{path} in {lang}");
            assert!(
                title(&html).ends_with(&format!(" — {name}")),
                "{at}: {}",
                title(&html)
            );
            let head = header(&html);
            assert!(
                head.contains("href=\"https://shop.example/\""),
                "{at}: {head}"
            );
            assert!(head.contains(&format!(">{name}</span>")), "{at}: {head}");
            assert!(head.contains("src=\"/brand/logo?v="), "{at}: {head}");
            assert!(
                head.contains("alt=\"Acme Shop — since 1990\""),
                "{at}: {head}"
            );
            assert!(!html.contains("Latchkey"), "{at}: still says Latchkey");
            let foot = footer(&html);
            for url in [
                "https://shop.example/help",
                "https://shop.example/privacy",
                "https://shop.example/terms",
            ] {
                assert!(foot.contains(&format!("href=\"{url}\"")), "{at}: {foot}");
            }
            assert!(html.contains("href=\"/brand/theme.css?v="), "{at}");
            assert!(html.contains("href=\"/brand/brand.css?v="), "{at}");
            assert!(
                html.contains("<link rel=\"icon\" href=\"/brand/favicon?v="),
                "{at}"
            );
            // CSP: still no inline style or script.
            assert!(!html.contains(" style="), "{at}: inline style");
            assert!(!html.contains("<style"), "{at}: style element");
        }
    }
    let (_, ru) = get(&client, &app, "/login?lang=ru").await;
    assert!(
        footer(&ru).contains(">Конфиденциальность</a>"),
        "{}",
        footer(&ru)
    );
}

async fn brand_files_are_served_with_a_long_cache_and_a_strict_csp(app: TestApp) {
    let client = browser();
    let (_, html) = get(&client, &app, "/login").await;
    let page = client.get(app.url("/login")).send().await.unwrap();
    assert_eq!(
        page.headers()[CONTENT_SECURITY_POLICY],
        latchkey::web::headers::CSP,
        "a logo file changes nothing in the pages' CSP"
    );
    for (path, content_type, body) in [
        ("/brand/logo?v=", "image/svg+xml", LOGO_SVG.as_bytes()),
        ("/brand/favicon?v=", "image/png", FAVICON_PNG),
        (
            "/brand/brand.css?v=",
            "text/css; charset=utf-8",
            BRAND_CSS.as_bytes(),
        ),
    ] {
        let url = format!("{path}{}", version_after(&html, path));
        let res = client.get(app.url(&url)).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{url}");
        assert_eq!(res.headers()[CONTENT_TYPE], content_type, "{url}");
        let cache = res.headers()[CACHE_CONTROL].to_str().unwrap().to_owned();
        assert!(
            cache.contains("max-age=31536000") && cache.contains("immutable"),
            "{url}: {cache}"
        );
        let csp = res.headers()[CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            csp.contains("sandbox") && csp.contains("default-src 'none'"),
            "{url}: {csp}"
        );
        assert_eq!(&res.bytes().await.unwrap()[..], body, "{url}");
    }
    let url = format!(
        "/brand/theme.css?v={}",
        version_after(&html, "/brand/theme.css?v=")
    );
    let (status, theme) = get(&client, &app, &url).await;
    assert_eq!(status, StatusCode::OK);
    assert!(theme.contains("--primary: #0b5fff;"), "{theme}");
    assert!(theme.contains("--primary-text: #ffffff;"), "{theme}");
    assert!(theme.contains("--brand-accent: #e8f0ff;"), "{theme}");
    assert!(
        theme.contains("prefers-color-scheme: dark"),
        "light scheme only: {theme}"
    );
}

async fn messages_are_signed_with_the_shops_name(app: TestApp) {
    let res = app
        .post(
            "/api/registrations",
            serde_json::json!({"email": "ann@example.com", "password": "Quiet-Lantern-4821", "locale": "ru"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    app.post(
        "/api/registrations",
        serde_json::json!({"email": "bob@example.com", "password": "Quiet-Lantern-4821"}),
    )
    .await;
    for (to, name) in [
        ("ann@example.com", "Акме"),
        ("bob@example.com", "Acme Shop"),
    ] {
        let messages = app.wait_for_messages(to, 1).await;
        let m = &messages[0];
        let text = m["text"].as_str().unwrap_or_default();
        let subject = m["subject"].as_str().unwrap_or_default();
        assert!(text.contains(name), "{to}: {text}");
        assert!(
            !text.contains("Latchkey") && !subject.contains("Latchkey"),
            "{to}: {subject} {text}"
        );
    }
}

async fn journeys_end_with_back_to_the_shop(app: TestApp) {
    let client = sign_up(&app, "ann@example.com").await;
    let (status, html) = get(&client, &app, "/settings").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains(
            "<a href=\"https://shop.example/\" data-testid=\"back-to-shop\">Back to Acme Shop</a>"
        ),
        "{html}"
    );
    let (_, ru) = get(&client, &app, "/settings?lang=ru").await;
    assert!(ru.contains(">Вернуться в Акме</a>"), "{ru}");
    // The message page that ends a journey (here: a recovery link that is no longer good).
    let (_, html) = get(&client, &app, "/recovery/link?token=nonsense&lang=zh-CN").await;
    assert!(html.contains(">返回艾克美</a>"), "{html}");
}

/// No `[brand]` at all.
mod plain {
    use super::*;

    latchkey_testkit::both_backends!(without_a_brand_the_pages_keep_their_look);

    async fn without_a_brand_the_pages_keep_their_look(app: TestApp) {
        let client = browser();
        let (_, html) = get(&client, &app, "/login").await;
        // testkit's config sets only `sender_name`: it names the pages now, as it signs mail.
        assert!(title(&html).ends_with(" — Test Shop"), "{}", title(&html));
        let head = header(&html);
        assert!(head.contains("<a class=\"brand\" href=\"/\""), "{head}");
        assert!(!head.contains("<img"), "{head}");
        assert!(!html.contains("/brand/"), "no brand files linked");
        assert!(html.contains("<link rel=\"icon\" href=\"data:,\">"));
        assert!(!html.contains("data-testid=\"shop-links\""));
        assert!(!html.contains("back-to-shop"));
        for path in [
            "/brand/logo",
            "/brand/favicon",
            "/brand/theme.css",
            "/brand/brand.css",
        ] {
            let res = client.get(app.url(path)).send().await.unwrap();
            assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
        }
    }
}

/// A logo on the shop's own CDN.
mod cdn {
    use super::*;

    latchkey_testkit::both_backends!(with = crate::brand::cdn_logo; an_https_logo_adds_only_its_origin_to_img_src);

    async fn an_https_logo_adds_only_its_origin_to_img_src(app: TestApp) {
        let res = browser().get(app.url("/login")).send().await.unwrap();
        let csp = res.headers()[CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .to_owned();
        let html = res.text().await.unwrap();
        assert!(
            html.contains("src=\"https://cdn.shop.example/logo.png\""),
            "{html}"
        );
        assert_eq!(
            csp,
            latchkey::web::headers::CSP.replace(
                "img-src 'self' data:;",
                "img-src 'self' data: https://cdn.shop.example;"
            )
        );
        // Scripts and styles still come from Latchkey only.
        assert!(csp.contains("script-src 'self';") && csp.contains("style-src 'self';"));
        let api = browser()
            .get(app.url("/health/alive"))
            .send()
            .await
            .unwrap();
        assert_eq!(api.status(), StatusCode::OK);
    }
}

// ---------------------------------------------------------------- refused starts

/// A config file as an operator writes one, loaded as `latchkey serve --config` does.
fn load(toml: &str, dev: bool) -> Result<Config, String> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("latchkey.toml");
    let head = if dev {
        String::new()
    } else {
        // What production needs anyway, so only the brand can be wrong.
        "smtp_url = \"smtp://127.0.0.1:2525\"\nsecret_key = \"0123456789abcdef0123456789abcdef0123\"\n".to_owned()
    };
    std::fs::write(&file, format!("{head}{toml}")).unwrap();
    Config::load(Some(&file), dev).map_err(|e| e.0)
}

#[test]
fn a_bad_colour_pair_is_refused_at_start_with_the_ratio() {
    let e = load("[brand]\nprimary_color = \"#7aa7ff\"\n", true).unwrap_err();
    assert!(e.contains("brand.primary_color"), "{e}");
    assert!(e.contains("#7aa7ff") && e.contains("#ffffff"), "{e}");
    assert!(e.contains("2.38:1") && e.contains("4.50:1"), "{e}");
    let e = load("[brand]\naccent_color = \"#0b5fff\"\n", true).unwrap_err();
    assert!(
        e.contains("brand.accent_color") && e.contains("#1a1a1a"),
        "{e}"
    );
    assert!(
        load(
            "[brand]\nprimary_color = \"#0b5fff\"\naccent_color = \"#e8f0ff\"\n",
            true
        )
        .is_ok()
    );
}

#[test]
fn a_missing_logo_file_is_a_clear_start_up_error() {
    let e = load("[brand]\nlogo = \"/nonexistent/acme/logo.svg\"\n", true).unwrap_err();
    assert!(
        e.contains("brand.logo")
            && e.contains("/nonexistent/acme/logo.svg")
            && e.contains("not found"),
        "{e}"
    );
    let e = load("[brand]\nfavicon = \"/nonexistent/favicon.png\"\n", true).unwrap_err();
    assert!(
        e.contains("brand.favicon") && e.contains("not found"),
        "{e}"
    );
    let e = load("[brand]\ncss_path = \"/nonexistent/brand.css\"\n", true).unwrap_err();
    assert!(
        e.contains("brand.css_path") && e.contains("not found"),
        "{e}"
    );
}

#[test]
fn an_http_logo_url_is_refused_outside_dev_mode() {
    let toml = "[brand]\nlogo = \"http://cdn.shop.example/logo.png\"\n";
    let e = load(toml, false).unwrap_err();
    assert!(e.contains("brand.logo") && e.contains("http://"), "{e}");
    assert!(
        load(toml, true).is_ok(),
        "dev mode may use a local http server"
    );
    assert!(
        load(
            "[brand]\nlogo = \"https://cdn.shop.example/logo.png\"\n",
            false
        )
        .is_ok()
    );
}

#[test]
fn sender_name_alone_still_names_the_shop() {
    let c = load("sender_name = \"Old Shop\"\n", true).unwrap();
    assert_eq!(c.brand.shop_name(&c.sender_name), "Old Shop");
    let c = load(
        "sender_name = \"Old Shop\"\n[brand]\nname = \"New Shop\"\n",
        true,
    )
    .unwrap();
    assert_eq!(c.brand.shop_name(&c.sender_name), "New Shop");
}

/// The application itself refuses to build, whoever loaded the config (tests and
/// embedders hand `Application` a `Config` they built by hand).
#[tokio::test]
async fn the_application_refuses_a_brand_that_fails_its_checks() {
    let dir = tempfile::tempdir().unwrap();
    let mut config =
        latchkey_testkit::test_config(format!("sqlite://{}", dir.path().join("lk.db").display()));
    config.brand.primary_color = Some("#ffcc00".into());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let error =
        match Application::with_listener(config, listener, Arc::new(latchkey_domain::SystemClock))
            .await
        {
            Ok(_) => panic!("built with a failing colour"),
            Err(e) => format!("{e:#}"),
        };
    assert!(
        error.contains("#ffcc00") && error.contains("1.51:1"),
        "{error}"
    );
}
