//! The web side of abuse protection: unlock links (`GET /unlock?token=…` shows a confirm
//! page, only `POST /unlock` or `POST /api/unlock` spends the token, since mail scanners
//! prefetch links) and the proof-of-work script `/assets/pow.js`.

use crate::web::AppState;
use crate::web::api::sessions::device_cookie;
use crate::web::csrf;
use crate::web::error::{ApiError, translate};
use crate::web::extract::{ApiJson, Client};
use crate::web::locale::Lang;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Form, Json, Router};
use axum_extra::extract::CookieJar;
use latchkey_i18n::Locale;
use serde::Deserialize;

/// The challenge solver for our pages: intercepts the submit of any form carrying
/// `data-challenge`, solves it and submits again with a `latchkey_challenge` field.
pub const POW_JS: &str = include_str!("../../assets/pow.js");

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/unlock", get(unlock_page).post(unlock_form))
        .route("/assets/pow.js", get(pow_js))
}

async fn pow_js() -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/javascript; charset=utf-8"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            ),
        ],
        POW_JS,
    )
        .into_response()
}

#[derive(Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    token: String,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UnlockBody {
    token: String,
}

fn t(locale: Locale, key: &str) -> String {
    translate(locale, key, &[])
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// A bare page in the product's language (the pages branch may restyle it; it needs no
/// script and no inline style, so the CSP holds).
fn page(locale: Locale, body: &str) -> Html<String> {
    Html(format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"referrer\" content=\"no-referrer\">\
         <title>{title}</title></head><body><main id=\"main\">\
         <h1>{title}</h1>{body}</main></body></html>",
        lang = locale.tag(),
        title = escape(&t(locale, "unlock-title")),
    ))
}

fn invalid_page(locale: Locale) -> Response {
    let body = format!(
        "<p data-testid=\"unlock-invalid\">{}</p><p><a href=\"/recovery\">{}</a></p>",
        escape(&t(locale, "unlock-invalid")),
        escape(&t(locale, "unlock-reset"))
    );
    (StatusCode::GONE, page(locale, &body)).into_response()
}

pub async fn unlock_page(
    State(state): State<AppState>,
    Lang(locale): Lang,
    jar: CookieJar,
    Query(q): Query<TokenQuery>,
) -> Result<Response, ApiError> {
    if !state.flows.unlock().link_valid(&q.token).await? {
        return Ok(invalid_page(locale));
    }
    let (jar, csrf_token) = csrf::ensure(jar, state.config.secure_cookies());
    let body = format!(
        "<p>{intro}</p><form method=\"post\" action=\"/unlock\" data-testid=\"unlock-form\">\
         <input type=\"hidden\" name=\"token\" value=\"{token}\">\
         <input type=\"hidden\" name=\"{field}\" value=\"{csrf}\">\
         <button type=\"submit\">{submit}</button></form>",
        intro = escape(&t(locale, "unlock-intro")),
        token = escape(&q.token),
        field = csrf::CSRF_FIELD,
        csrf = escape(&csrf_token),
        submit = escape(&t(locale, "unlock-submit")),
    );
    Ok((jar, page(locale, &body)).into_response())
}

#[derive(Deserialize)]
pub struct UnlockForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    csrf: Option<String>,
}

/// A form posted from elsewhere (no or a wrong CSRF token): refused before the token is
/// looked at, so it stays unspent, with a way back to the confirm page.
fn csrf_refused(locale: Locale, token: &str) -> Response {
    let back = format!(
        "/unlock?token={}",
        url::form_urlencoded::byte_serialize(token.as_bytes()).collect::<String>()
    );
    let body = format!(
        "<p role=\"alert\" data-testid=\"unlock-csrf\">{}</p><p><a href=\"{}\">{}</a></p>",
        escape(&t(locale, "error-csrf_failed")),
        escape(&back),
        escape(&t(locale, "try-again"))
    );
    (StatusCode::FORBIDDEN, page(locale, &body)).into_response()
}

pub async fn unlock_form(
    State(state): State<AppState>,
    Lang(locale): Lang,
    Client(client): Client,
    jar: CookieJar,
    Form(form): Form<UnlockForm>,
) -> Result<Response, ApiError> {
    if !csrf::verify(&jar, form.csrf.as_deref()) {
        tracing::info!("unlock form refused: CSRF token mismatch");
        return Ok(csrf_refused(locale, &form.token));
    }
    match state.flows.unlock().spend(&form.token, &client).await {
        Ok(device) => {
            let jar = CookieJar::new().add(device_cookie(&state, &device));
            let body = format!(
                "<p role=\"status\" data-testid=\"unlock-done\">{}</p><p><a href=\"/login\">{}</a></p>",
                escape(&t(locale, "unlock-done")),
                escape(&t(locale, "unlock-sign-in"))
            );
            Ok((jar, page(locale, &body)).into_response())
        }
        Err(latchkey_flows::FlowError::LinkInvalid) => Ok(invalid_page(locale)),
        Err(e) => Err(e.into()),
    }
}

/// `POST /api/unlock {"token"}` → `200 {"device_token"}` and the device cookie.
#[utoipa::path(
    post,
    path = "/api/unlock",
    operation_id = "unlock",
    tag = "abuse",
    request_body = UnlockBody,
    responses(
        (status = 200, description = "Unlocked; the answer carries a device token for this account (also set as the `latchkey_device` cookie)", body = crate::web::api::openapi::DeviceTokenBody),
        (status = 400, description = "`malformed_json`", body = crate::web::api::openapi::ErrorEnvelope),
        (status = 410, description = "`unlock_link_invalid`: unknown, used or expired", body = crate::web::api::openapi::ErrorEnvelope),
        (status = 422, description = "`invalid_input`", body = crate::web::api::openapi::ErrorEnvelope),
        crate::web::api::openapi::BodyErrors,
        crate::web::api::openapi::ServerErrors,
    ),
)]
pub async fn unlock_api(
    State(state): State<AppState>,
    Client(client): Client,
    ApiJson(body): ApiJson<UnlockBody>,
) -> Result<Response, ApiError> {
    let device = state.flows.unlock().spend(&body.token, &client).await?;
    let jar = CookieJar::new().add(device_cookie(&state, &device));
    Ok((
        StatusCode::OK,
        jar,
        Json(serde_json::json!({ "device_token": device })),
    )
        .into_response())
}
