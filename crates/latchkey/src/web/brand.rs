//! The shop's brand on the web: `/brand/logo`, `/brand/favicon`, `/brand/theme.css` (the
//! colours as CSS custom properties) and `/brand/brand.css` (the shop's own stylesheet),
//! and the brand every page of a request renders with.
//!
//! The brand reaches the layout through a task-local set once per request by [`scope`],
//! so every page context (`PageCtx::new`, whoever builds it: a form page, the CSRF
//! refusal, the admin console) wears it without each handler passing it along.

use crate::brand::{Asset, Brand, Logo};
use crate::web::AppState;
use crate::web::headers;
use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::sync::{Arc, LazyLock};

tokio::task_local! {
    static BRAND: Arc<Brand>;
}

/// No `[brand]`: what a page rendered outside a request (unit tests) wears.
static PLAIN: LazyLock<Arc<Brand>> = LazyLock::new(|| Arc::new(Brand::plain("Latchkey")));

/// The brand of the request being served (the plain one outside a request).
pub fn current() -> Arc<Brand> {
    BRAND.try_with(Arc::clone).unwrap_or_else(|_| PLAIN.clone())
}

/// Middleware: serves the rest of the request with the application's brand.
pub async fn scope(State(state): State<AppState>, req: Request, next: Next) -> Response {
    BRAND.scope(state.brand.clone(), next.run(req)).await
}

/// The content and the link carry the version, so the browser may keep it a year.
const CACHE_CONTROL: &str = "public, max-age=31536000, immutable";

/// A served SVG could carry script: opened on its own it runs nothing and loads nothing.
const ASSET_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/brand/logo", get(logo))
        .route("/brand/favicon", get(favicon))
        .route("/brand/theme.css", get(theme))
        .route("/brand/brand.css", get(stylesheet))
}

fn serve(asset: Option<&Asset>) -> Response {
    let Some(asset) = asset else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let mut res = (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(asset.content_type),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static(CACHE_CONTROL),
            ),
        ],
        asset.bytes.clone(),
    )
        .into_response();
    res.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(ASSET_CSP),
    );
    res
}

async fn logo(State(state): State<AppState>) -> Response {
    match &state.brand.logo {
        Some(Logo::File(asset)) => serve(Some(asset)),
        _ => serve(None),
    }
}

async fn favicon(State(state): State<AppState>) -> Response {
    serve(state.brand.favicon.as_ref())
}

async fn theme(State(state): State<AppState>) -> Response {
    serve(state.brand.theme.as_ref())
}

async fn stylesheet(State(state): State<AppState>) -> Response {
    serve(state.brand.css.as_ref())
}

/// The pages' CSP for this brand: today's, with an `https://` logo's origin (and only
/// that origin) added to `img-src`.
pub fn csp_for(brand: &Brand) -> HeaderValue {
    match &brand.img_origin {
        Some(origin) => HeaderValue::from_str(&headers::CSP.replace(
            "img-src 'self' data:;",
            &format!("img-src 'self' data: {origin};"),
        ))
        .unwrap_or(HeaderValue::from_static(headers::CSP)),
        None => HeaderValue::from_static(headers::CSP),
    }
}
