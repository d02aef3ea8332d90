//! The one error type of the web layer and its JSON envelope:
//! `{"error": {"code": "snake_case_code", "message": "localized text", ...}}`.
//!
//! Handlers return [`ApiError`] without knowing the request's language; the
//! [`localize_errors`] middleware writes the message in the request's locale. A 5xx hides
//! its detail from the client and logs it.

use crate::web::locale;
use axum::Json;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use latchkey_flows::FlowError;
use latchkey_i18n::Locale;
use serde_json::{Map, Value, json};

#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    /// Machine-readable details, also the Fluent arguments of the message.
    pub extra: Map<String, Value>,
    /// Extra sentences appended to the message (password problems), as Fluent keys with args.
    pub details: Vec<(String, Vec<(String, String)>)>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str) -> Self {
        Self {
            status,
            code,
            extra: Map::new(),
            details: Vec::new(),
        }
    }

    pub fn with(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.extra.insert(key.to_owned(), value.into());
        self
    }

    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found")
    }

    pub fn unauthenticated() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "unauthenticated")
    }

    pub fn internal(detail: impl std::fmt::Display) -> Self {
        tracing::error!(error.detail = %detail, "internal error");
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal")
    }

    /// The localized message.
    pub fn message(&self, locale: Locale) -> String {
        let args: Vec<(String, String)> = self
            .extra
            .iter()
            .filter_map(|(k, v)| match v {
                Value::String(s) => Some((k.clone(), s.clone())),
                Value::Number(n) => Some((k.clone(), n.to_string())),
                _ => None,
            })
            .collect();
        let mut text = translate(locale, &format!("error-{}", self.code), &args);
        for (key, args) in &self.details {
            text.push(' ');
            text.push_str(&translate(locale, key, args));
        }
        text
    }

    pub fn body(&self, locale: Locale) -> Value {
        let mut error = self.extra.clone();
        error.insert("code".into(), self.code.into());
        error.insert("message".into(), self.message(locale).into());
        json!({ "error": error })
    }

    pub fn retry_after(&self) -> Option<i64> {
        self.extra.get("retry_after").and_then(Value::as_i64)
    }
}

pub fn translate(locale: Locale, key: &str, args: &[(String, String)]) -> String {
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    locale.t_args(key, &args)
}

fn seconds(d: time::Duration) -> i64 {
    // Round up: "retry after 0 s" would invite an immediate retry that fails again.
    (d.whole_milliseconds() as i64 + 999) / 1000
}

impl From<FlowError> for ApiError {
    fn from(e: FlowError) -> Self {
        use StatusCode as S;
        let code = e.code();
        match e {
            FlowError::InvalidInput { field } => {
                Self::new(S::UNPROCESSABLE_ENTITY, code).with("field", field)
            }
            FlowError::InvalidIdentifier => {
                Self::new(S::UNPROCESSABLE_ENTITY, code).with("field", "identifier")
            }
            FlowError::InvalidCode { attempts_left } => {
                Self::new(S::BAD_REQUEST, code).with("attempts_left", attempts_left)
            }
            FlowError::FlowExpired => Self::new(S::GONE, code),
            FlowError::TooManyAttempts { retry_after } => {
                Self::new(S::TOO_MANY_REQUESTS, code).with("retry_after", seconds(retry_after))
            }
            FlowError::TooSoon { retry_after } => Self::new(S::TOO_MANY_REQUESTS, code)
                .with("retry_after", seconds(retry_after))
                .with("seconds", seconds(retry_after)),
            FlowError::InvalidCredentials => Self::new(S::UNAUTHORIZED, code),
            FlowError::WeakPassword(problems) => {
                let mut err = Self::new(S::UNPROCESSABLE_ENTITY, code).with(
                    "problems",
                    serde_json::to_value(&problems).unwrap_or(Value::Null),
                );
                err.details = problems
                    .iter()
                    .map(|p| {
                        let args = match p {
                            latchkey_domain::PasswordProblem::TooShort { min } => {
                                vec![("min".to_owned(), min.to_string())]
                            }
                            latchkey_domain::PasswordProblem::TooLong { max_bytes } => {
                                vec![("max_bytes".to_owned(), max_bytes.to_string())]
                            }
                            _ => Vec::new(),
                        };
                        (format!("password-{}", p.code()), args)
                    })
                    .collect();
                err
            }
            FlowError::AccountBlocked => Self::new(S::FORBIDDEN, code),
            FlowError::ChannelUnavailable => Self::new(S::UNPROCESSABLE_ENTITY, code),
            FlowError::Busy { retry_after } => {
                Self::new(S::SERVICE_UNAVAILABLE, code).with("retry_after", seconds(retry_after))
            }
            FlowError::ChallengeRequired { challenge, captcha } => {
                let mut err =
                    Self::new(S::FORBIDDEN, code).with("challenge", challenge_json(&challenge));
                if let Some((provider, site_key)) = captcha {
                    err = err.with(
                        "captcha",
                        json!({"provider": provider, "site_key": site_key}),
                    );
                }
                err
            }
            FlowError::InvalidCredential => Self::new(S::BAD_REQUEST, code),
            FlowError::AlreadyRegistered | FlowError::LastMethod | FlowError::PrimaryContact => {
                Self::new(S::CONFLICT, code)
            }
            FlowError::LinkInvalid => Self::new(S::GONE, code),
            FlowError::AlreadyLinked => Self::new(S::CONFLICT, code),
            FlowError::StateMismatch => Self::new(S::BAD_REQUEST, code),
            FlowError::ProviderDenied | FlowError::ProviderRefused => {
                Self::new(S::UNAUTHORIZED, code)
            }
            FlowError::ProviderUnavailable => Self::new(S::BAD_GATEWAY, code),
            FlowError::LinkRequired { flow } => {
                Self::new(S::CONFLICT, code).with("link_flow_id", flow.to_string())
            }
            FlowError::Forbidden => Self::new(S::FORBIDDEN, code),
            FlowError::NoVerifiedContact => Self::new(S::CONFLICT, code),
            FlowError::NotFound => Self::not_found(),
            FlowError::Unauthenticated => Self::unauthenticated(),
            FlowError::ReauthenticationRequired => Self::new(S::FORBIDDEN, code),
            FlowError::UnsupportedHash | FlowError::HashCostTooHigh => {
                Self::new(S::UNPROCESSABLE_ENTITY, code).with("field", "password_hash")
            }
            FlowError::IdentityExists => Self::new(S::CONFLICT, code),
            FlowError::Internal(cause) => Self::internal(Chain(&*cause)),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut res = (self.status, Json(self.body(Locale::En))).into_response();
        if let Some(v) = self
            .retry_after()
            .and_then(|secs| HeaderValue::from_str(&secs.to_string()).ok())
        {
            res.headers_mut().insert(header::RETRY_AFTER, v);
        }
        res.extensions_mut().insert(self);
        res
    }
}

/// An error and every cause under it, `outer: inner: innermost`, for the logs: a
/// database error under a flow's internal error must reach the operator whole.
pub struct Chain<'a>(pub &'a (dyn std::error::Error + 'static));

impl std::fmt::Display for Chain<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)?;
        let mut cause = self.0.source();
        while let Some(e) = cause {
            write!(f, ": {e}")?;
            cause = e.source();
        }
        Ok(())
    }
}

/// Rewrites error envelopes in the request's language.
pub async fn localize_errors(req: Request, next: Next) -> Response {
    let locale = locale::resolve(req.uri().query(), req.headers());
    let mut res = next.run(req).await;
    if locale == Locale::En {
        return res;
    }
    let Some(err) = res.extensions_mut().remove::<ApiError>() else {
        return res;
    };
    let (mut parts, _) = res.into_parts();
    let body = serde_json::to_vec(&err.body(locale)).unwrap_or_default();
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, axum::body::Body::from(body))
}

/// A proof-of-work challenge as clients get it: in the `challenge_required` error and in
/// the sign-in page, where `assets/pow.js` reads the same shape.
pub(crate) fn challenge_json(
    challenge: &latchkey_domain::challenge::Challenge,
) -> serde_json::Value {
    json!({
        "algorithm": challenge.algorithm,
        "salt": challenge.salt,
        "difficulty": challenge.difficulty,
        "expires_at": challenge.expires_at,
        "signature": challenge.signature,
        "token": challenge.token(),
    })
}
