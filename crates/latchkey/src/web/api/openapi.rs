//! The generated OpenAPI 3.1 description of the JSON API, served at `/api/openapi.json`.
//!
//! Handlers carry their own `#[utoipa::path]`; this module gathers them, and holds the
//! shared pieces: the error envelope, the stable error codes and the response groups that
//! many calls share (bad JSON bodies, missing sessions, server errors). A route added to
//! `api::router()` must be listed in [`ApiDoc`]'s `paths(...)`; the `openapi` API test
//! fails otherwise.

use super::{
    account, account_data, codes, contacts, events, factors, health, mfa, password, recovery,
    registration, sessions, social,
};
use crate::web::AppState;
use crate::web::admin::api as admin;
use crate::web::api::bodies::PasswordProblemBody;
use crate::web::api::code_flow::FlowStarted;
use axum::Json;
use axum::Router;
use axum::routing::get;
use serde::Serialize;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{IntoResponses, Modify, OpenApi, ToSchema};

/// Every stable error code with what it means. Codes are API; messages are for people.
pub const ERROR_CODES: &[(&str, &str)] = &[
    (
        "already_linked",
        "409: that provider identity is already linked to another account",
    ),
    (
        "state_mismatch",
        "400: a social callback whose state this browser did not start",
    ),
    (
        "provider_denied",
        "401: consent was refused at the provider",
    ),
    (
        "provider_unavailable",
        "502: the identity provider could not be reached",
    ),
    (
        "provider_error",
        "401: the provider refused the code or token, or its answer does not check",
    ),
    (
        "link_required",
        "409: the provider's verified email is an existing account's; prove it with `link_flow_id`",
    ),
    ("malformed_json", "400: the body is not well-formed JSON"),
    (
        "invalid_code",
        "400: wrong code; `attempts_left` says how many tries the flow has left",
    ),
    (
        "unauthenticated",
        "401: no session, or it expired or was revoked",
    ),
    (
        "invalid_credentials",
        "401: unknown identifier or wrong password (the same answer for both)",
    ),
    (
        "csrf_failed",
        "403: a cookie-authenticated state-changing call without the `X-CSRF-Token` header",
    ),
    ("account_blocked", "403: the account is blocked"),
    (
        "forbidden",
        "403: the admin key's role may not do this, or an agent acted on a high-privilege account",
    ),
    (
        "no_verified_contact",
        "409: the account has no verified contact to send a recovery to",
    ),
    (
        "reauthentication_required",
        "403: the change needs a sign-in or re-authentication (`POST /api/account/reauthenticate`) within the privileged window (10 minutes by default), or `current_password` where the call takes one",
    ),
    (
        "challenge_required",
        "403: risk is up; solve `challenge` (proof of work) or the captcha and resend with `Latchkey-Challenge`",
    ),
    (
        "invalid_credential",
        "400: the passkey assertion or registration does not verify (or lacks user verification)",
    ),
    (
        "already_registered",
        "409: that passkey is already on an account",
    ),
    (
        "last_method",
        "409: removing it would leave the account no way in",
    ),
    (
        "primary_contact",
        "409: a primary contact cannot be removed while another of its kind exists; make that one primary first",
    ),
    (
        "unlock_link_invalid",
        "410: the unlock link is unknown, used or expired",
    ),
    ("not_found", "404: no such route or resource"),
    (
        "flow_expired",
        "410: the flow is unknown, expired, completed or out of tries; start again",
    ),
    (
        "payload_too_large",
        "413: the body exceeds the configured limit",
    ),
    (
        "unsupported_media_type",
        "415: the body is not `application/json`",
    ),
    (
        "invalid_input",
        "422: a field is missing or malformed (`field` names it) or the body has the wrong shape (`detail`)",
    ),
    (
        "invalid_identifier",
        "422: not an email address or a phone number",
    ),
    (
        "weak_password",
        "422: the new password is refused; `problems` lists every reason",
    ),
    (
        "channel_unavailable",
        "422: the code cannot go out on that channel (no SMS transport)",
    ),
    (
        "too_many_attempts",
        "429: too many attempts; `retry_after` seconds (also the `Retry-After` header)",
    ),
    (
        "too_soon",
        "429: a new code was sent too recently; `retry_after` seconds",
    ),
    (
        "internal",
        "500: an internal error; details are logged, never shown",
    ),
    (
        "server_busy",
        "503: the password-hashing pool is full; retry after `retry_after` seconds",
    ),
    (
        "unsupported_hash",
        "422: an imported `password_hash` of a scheme Latchkey does not verify, or malformed",
    ),
    (
        "hash_cost_too_high",
        "422: an imported `password_hash` whose cost parameters exceed the limits",
    ),
    (
        "identity_exists",
        "409: an imported account's verified email or phone is already another account's",
    ),
];

/// `{"error": {"code", "message", ...}}`: the body of every error.
#[derive(Serialize, ToSchema)]
pub struct ErrorEnvelope {
    pub error: ErrorBody,
}

/// The error itself. `code` is stable; `message` is localized (`?lang=`, the locale
/// cookie or `Accept-Language`). Other fields depend on the code.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    #[schema(schema_with = error_code_schema)]
    pub code: String,
    /// Localized text for people; never parse it.
    pub message: String,
    /// `invalid_input`: the field at fault.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// `invalid_input`: what is wrong with the body's shape (never echoes the value).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// `invalid_code`: tries left in this flow.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attempts_left: Option<u32>,
    /// `429` and `503`: seconds to wait; the `Retry-After` header says the same.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<i64>,
    /// `too_soon`: the same as `retry_after`, for the message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seconds: Option<i64>,
    /// `weak_password`: every reason the password is refused.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problems: Option<Vec<PasswordProblemBody>>,
}

fn error_code_schema() -> utoipa::openapi::Object {
    let mut description = String::from("Stable error code:\n");
    for (code, meaning) in ERROR_CODES {
        description.push_str(&format!("- `{code}`: {meaning}\n"));
    }
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .enum_values(Some(ERROR_CODES.iter().map(|(code, _)| *code)))
        .description(Some(description))
        .build()
}

/// `200`: the account is unlocked; this device is now known to it.
#[derive(Serialize, ToSchema)]
pub struct DeviceTokenBody {
    pub device_token: String,
}

/// What every call with a JSON body can answer before the handler runs (besides `400
/// malformed_json` and `422 invalid_input`, listed with each call's own 400 and 422).
#[derive(IntoResponses)]
pub enum BodyErrors {
    /// `payload_too_large`: the body is larger than the configured limit.
    #[response(status = 413)]
    TooLarge(ErrorEnvelope),
    /// `unsupported_media_type`: the body is not `application/json`.
    #[response(status = 415)]
    UnsupportedMediaType(ErrorEnvelope),
}

/// What the calls that start a code flow from an identifier refuse with (verification,
/// login codes, recovery), besides `BodyErrors`.
#[derive(IntoResponses)]
pub enum StartErrors {
    /// `malformed_json`
    #[response(status = 400)]
    Malformed(ErrorEnvelope),
    /// `invalid_input`, `invalid_identifier`, `channel_unavailable`
    #[response(status = 422)]
    Invalid(ErrorEnvelope),
}

/// What every code step refuses with (registration, verification, login codes,
/// recovery), besides `BodyErrors`.
#[derive(IntoResponses)]
pub enum CodeErrors {
    /// `invalid_code` (`attempts_left`) or `malformed_json`
    #[response(status = 400)]
    WrongCode(ErrorEnvelope),
    /// `not_found`: the flow id is malformed
    #[response(status = 404)]
    NotFound(ErrorEnvelope),
    /// `flow_expired`: unknown, expired, completed or out of tries
    #[response(status = 410)]
    Expired(ErrorEnvelope),
    /// `invalid_input`
    #[response(status = 422)]
    Invalid(ErrorEnvelope),
}

/// What a plain resend answers (registration, verification, login codes; recovery's
/// takes a body and answers more).
#[derive(IntoResponses)]
pub enum ResendAnswers {
    /// A new code is on its way
    #[response(status = 202)]
    Sent(FlowStarted),
    /// `not_found`: the flow id is malformed
    #[response(status = 404)]
    NotFound(ErrorEnvelope),
    /// `flow_expired`
    #[response(status = 410)]
    Expired(ErrorEnvelope),
    /// `too_soon` (`retry_after`, `Retry-After` header)
    #[response(status = 429, headers(("Retry-After" = i64, description = "Seconds to wait")))]
    TooSoon(ErrorEnvelope),
}

/// What every call can answer when the server fails.
#[derive(IntoResponses)]
pub enum ServerErrors {
    /// `internal`: details are logged, never shown.
    #[response(status = 500)]
    Internal(ErrorEnvelope),
}

/// The description, generated from the handlers' annotations.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Latchkey",
        description = "Self-service account API: registration, sign-in, sessions, verification and login codes.\n\nEvery error is `{\"error\": {\"code\", \"message\", ...}}` (schema `ErrorEnvelope`); `429` always carries `Retry-After`. Messages follow `?lang=`, the `latchkey_lang` cookie, then `Accept-Language`.",
        license(name = "Apache-2.0", identifier = "Apache-2.0"),
    ),
    paths(
        admin::search,
        admin::create_identity,
        admin::show,
        admin::block,
        admin::unblock,
        admin::unlock,
        admin::end_sessions,
        admin::send_recovery,
        admin::remove_mfa,
        admin::delete_identity,
        admin::record_facts,
        admin::set_privilege,
        admin::events,
        admin::dashboard,
        admin::list_keys,
        admin::create_key,
        admin::revoke_key,
        admin::webhooks,
        admin::test_webhook,
        contacts::add,
        contacts::complete,
        contacts::resend,
        contacts::make_primary,
        contacts::remove,
        events::list,
        social::id_token,
        social::show_link,
        social::send_link_code,
        social::prove_link,
        social::list,
        social::unlink,
        registration::start,
        registration::complete,
        codes::resend_registration,
        sessions::create,
        sessions::list,
        sessions::revoke_others,
        sessions::revoke,
        sessions::current,
        sessions::sign_out,
        codes::start_verification,
        codes::complete_verification,
        codes::resend_verification,
        codes::start_login_code,
        codes::complete_login_code,
        codes::resend_login_code,
        password::check,
        recovery::start,
        recovery::status,
        recovery::resend,
        recovery::code,
        recovery::reset,
        recovery::report,
        recovery::method_hint,
        account_data::get_account,
        account_data::update_account,
        account_data::delete_account,
        account_data::export_account,
        account::change_password,
        mfa::finish,
        mfa::send_code,
        mfa::passkey_options,
        mfa::passkey_sign_in,
        factors::status,
        factors::start_totp,
        factors::confirm_totp,
        factors::remove_totp,
        factors::regenerate_recovery_codes,
        factors::passkey_options,
        factors::add_passkey,
        factors::remove_passkey,
        factors::revoke_trusted_device,
        factors::revoke_trusted_devices,
        factors::reauthenticate,
        crate::web::abuse::unlock_api,
        openapi_json,
        health::alive,
        health::ready,
    ),
    components(schemas(ErrorEnvelope, ErrorBody)),
    modifiers(&Security, &Language),
    tags(
        (name = "registration", description = "Sign-up with an email or phone number and a code"),
        (name = "sessions", description = "Sign-in, the session check, sign-out, signed-in devices"),
        (name = "verification", description = "Proving a contact is yours with a code"),
        (name = "login-codes", description = "Passwordless sign-in with a code"),
        (name = "passwords", description = "The strength meter"),
        (name = "recovery", description = "Back into an account: recovery by code or link, \"this wasn't me\", method hints"),
        (name = "account", description = "Changes to the signed-in account"),
        (name = "abuse", description = "Unlocking an account after a lockout"),
        (name = "operations", description = "Health probes and this description"),
        (name = "admin", description = "The shop's backend and support desk: accounts, the audit trail, admin keys (`Authorization: Bearer <admin key>`)"),
    ),
)]
pub struct ApiDoc;

/// The two ways to present a session.
struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("The `session_token` of a sign-in (apps)."))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "admin",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "An admin key: `LATCHKEY_ADMIN_TOKEN`, or one made by `latchkey admin create-key`.",
                    ))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "cookie",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                crate::web::cookies::SESSION_COOKIE,
                "The session cookie (browsers). State-changing calls also need the \
                 `X-CSRF-Token` header matching the `latchkey_csrf` cookie.",
            ))),
        );
    }
}

/// Every call answers in the request's language: `?lang=` on any of them.
struct Language;

impl Modify for Language {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::path::{ParameterBuilder, ParameterIn};
        let lang = ParameterBuilder::new()
            .name("lang")
            .parameter_in(ParameterIn::Query)
            .required(utoipa::openapi::Required::False)
            .description(Some(
                "Language of messages: en, ru, es, pt-BR, fr, zh-CN (else the `latchkey_lang` \
                 cookie, then `Accept-Language`). Unknown values are ignored.",
            ))
            .schema(Some(
                utoipa::openapi::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String),
            ))
            .build();
        for item in openapi.paths.paths.values_mut() {
            for op in [
                &mut item.get,
                &mut item.post,
                &mut item.put,
                &mut item.delete,
                &mut item.patch,
            ]
            .into_iter()
            .flatten()
            {
                op.parameters
                    .get_or_insert_with(Vec::new)
                    .push(utoipa::openapi::RefOr::T(lang.clone()));
            }
        }
    }
}

/// The description as JSON, built once.
pub fn document() -> &'static serde_json::Value {
    static DOC: std::sync::OnceLock<serde_json::Value> = std::sync::OnceLock::new();
    DOC.get_or_init(|| serde_json::to_value(ApiDoc::openapi()).unwrap_or_default())
}

/// This description.
#[utoipa::path(
    get,
    path = "/api/openapi.json",
    operation_id = "openapi_json",
    tag = "operations",
    responses(
        (status = 200, description = "The OpenAPI 3.1 description of this API",
         content_type = "application/json", body = Object),
    ),
)]
pub async fn openapi_json() -> Json<&'static serde_json::Value> {
    Json(document())
}

pub fn router() -> Router<AppState> {
    Router::new().route("/api/openapi.json", get(openapi_json))
}

#[cfg(test)]
mod tests {
    use super::*;
    use latchkey_flows::FlowError;

    /// Every code a flow can refuse with, through a match the compiler keeps complete.
    fn flow_codes() -> Vec<&'static str> {
        let all = [
            FlowError::InvalidInput { field: "x" },
            FlowError::InvalidIdentifier,
            FlowError::InvalidCode { attempts_left: 1 },
            FlowError::FlowExpired,
            FlowError::TooManyAttempts {
                retry_after: time::Duration::seconds(1),
            },
            FlowError::TooSoon {
                retry_after: time::Duration::seconds(1),
            },
            FlowError::InvalidCredentials,
            FlowError::WeakPassword(Vec::new()),
            FlowError::AccountBlocked,
            FlowError::ChannelUnavailable,
            FlowError::Busy {
                retry_after: time::Duration::seconds(1),
            },
            FlowError::NotFound,
            FlowError::Unauthenticated,
            FlowError::ReauthenticationRequired,
            FlowError::ChallengeRequired {
                challenge: Box::new(latchkey_domain::challenge::Challenge {
                    algorithm: "sha256",
                    salt: String::new(),
                    difficulty: 0,
                    expires_at: 0,
                    signature: String::new(),
                }),
                captcha: None,
            },
            FlowError::InvalidCredential,
            FlowError::AlreadyRegistered,
            FlowError::LastMethod,
            FlowError::PrimaryContact,
            FlowError::LinkInvalid,
            FlowError::AlreadyLinked,
            FlowError::StateMismatch,
            FlowError::ProviderDenied,
            FlowError::ProviderUnavailable,
            FlowError::ProviderRefused,
            FlowError::LinkRequired {
                flow: latchkey_domain::FlowId::new(),
            },
            FlowError::Forbidden,
            FlowError::NoVerifiedContact,
            FlowError::UnsupportedHash,
            FlowError::HashCostTooHigh,
            FlowError::IdentityExists,
            FlowError::Internal(String::new().into()),
        ];
        for e in &all {
            // A new variant fails to compile here until it is added to `all` above.
            match e {
                FlowError::InvalidInput { .. }
                | FlowError::InvalidIdentifier
                | FlowError::InvalidCode { .. }
                | FlowError::FlowExpired
                | FlowError::TooManyAttempts { .. }
                | FlowError::TooSoon { .. }
                | FlowError::InvalidCredentials
                | FlowError::WeakPassword(_)
                | FlowError::AccountBlocked
                | FlowError::ChannelUnavailable
                | FlowError::Busy { .. }
                | FlowError::NotFound
                | FlowError::Unauthenticated
                | FlowError::ReauthenticationRequired
                | FlowError::ChallengeRequired { .. }
                | FlowError::InvalidCredential
                | FlowError::AlreadyRegistered
                | FlowError::LastMethod
                | FlowError::PrimaryContact
                | FlowError::LinkInvalid
                | FlowError::AlreadyLinked
                | FlowError::StateMismatch
                | FlowError::ProviderDenied
                | FlowError::ProviderUnavailable
                | FlowError::ProviderRefused
                | FlowError::LinkRequired { .. }
                | FlowError::Forbidden
                | FlowError::NoVerifiedContact
                | FlowError::UnsupportedHash
                | FlowError::HashCostTooHigh
                | FlowError::IdentityExists
                | FlowError::Internal(_) => {}
            }
        }
        all.iter().map(FlowError::code).collect()
    }

    /// Codes the web layer makes itself: the first string literal after `ApiError::new(`
    /// in every source file under `src/web`.
    fn web_codes() -> Vec<String> {
        let mut found = Vec::new();
        let mut dirs = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/web")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                    continue;
                }
                if path.extension().is_none_or(|e| e != "rs") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                for (i, _) in text.match_indices("ApiError::new(") {
                    let rest = &text[i..];
                    let Some(open) = rest.find('"') else { continue };
                    let Some(len) = rest[open + 1..].find('"') else {
                        continue;
                    };
                    let code = &rest[open + 1..open + 1 + len];
                    if !code.is_empty() && code.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                    {
                        found.push(code.to_owned());
                    }
                }
            }
        }
        found
    }

    #[test]
    fn every_error_code_is_documented() {
        let documented: Vec<&str> = ERROR_CODES.iter().map(|(c, _)| *c).collect();
        for code in flow_codes() {
            assert!(
                documented.contains(&code),
                "{code} missing from ERROR_CODES"
            );
        }
        let web = web_codes();
        assert!(
            web.iter().any(|c| c == "malformed_json"),
            "scan found {web:?}"
        );
        for code in web {
            assert!(
                documented.contains(&code.as_str()),
                "{code} missing from ERROR_CODES"
            );
        }
    }

    #[test]
    fn the_description_is_openapi_3_1_with_the_envelope() {
        let doc = document();
        assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
        let code = &doc["components"]["schemas"]["ErrorBody"]["properties"]["code"];
        assert_eq!(code["enum"].as_array().unwrap().len(), ERROR_CODES.len());
    }
}
