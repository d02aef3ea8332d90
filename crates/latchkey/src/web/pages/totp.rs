//! `/settings/security/totp`: setting up an authenticator app (M1). GET starts an
//! enrolment (a new secret, shown as a QR code and as text); POST confirms it with the
//! first code and, on the account's first second factor, shows the recovery codes once.
//!
//! A wrong code shows the form again for the same enrolment but not the secret: the
//! secret lives only in the enrolment flow, and the page neither carries it in a hidden
//! field nor reads it back. The person has usually added it to the app already; if not,
//! "start again" makes a new one.

use super::context::{FormErrors, PageCtx};
use super::{Page, form_errors};
use crate::web::AppState;
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::http::StatusCode;
use axum::response::Response;
use base64::Engine;
use latchkey_domain::FlowId;
use latchkey_flows::FlowError;
use serde::Deserialize;

const PATH: &str = "/settings/security/totp";
const REAUTHENTICATE: &str = "/settings/reauthenticate?return_to=/settings/security/totp";

#[derive(Deserialize)]
pub struct ConfirmForm {
    #[serde(default)]
    enrollment_id: String,
    #[serde(default)]
    code: String,
}

pub async fn show(State(state): State<AppState>, page: Page) -> Response {
    let (page, auth) = match page.signed_in(&state, PATH).await {
        Ok(signed_in) => signed_in,
        Err(answer) => return answer,
    };
    match state.flows.settings().start_totp(&auth).await {
        Ok(enrolment) => {
            let template = TotpPage {
                ctx: page.ctx(),
                errors: FormErrors::default(),
                notice: None,
                enrollment_id: enrolment.enrollment_id.to_string(),
                secret: Some(SecretView::new(&enrolment.secret, &enrolment.qr_svg)),
            };
            page.render(StatusCode::OK, &template)
        }
        Err(FlowError::ReauthenticationRequired) => page.redirect(REAUTHENTICATE),
        Err(e) => page.flow_error(e, None),
    }
}

pub async fn confirm(
    State(state): State<AppState>,
    page: Page,
    form: Result<Form<ConfirmForm>, FormRejection>,
) -> Response {
    let (page, auth) = match page.signed_in(&state, PATH).await {
        Ok(signed_in) => signed_in,
        Err(answer) => return answer,
    };
    let Ok(Form(form)) = form else {
        return page.flow_error(FlowError::InvalidInput { field: "code" }, None);
    };
    let Ok(enrollment) = form.enrollment_id.parse::<FlowId>() else {
        return start_again(page);
    };
    let code: String = form.code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
        let errors = FormErrors::default().with_field("totp_code", page.t("verify-code-format"));
        return retry(
            page,
            &form.enrollment_id,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    }
    match state
        .flows
        .settings()
        .confirm_totp(&auth, enrollment, &code)
        .await
    {
        Ok(Some(codes)) => {
            let template = RecoveryCodesPage {
                ctx: page.ctx(),
                codes,
            };
            page.render(StatusCode::OK, &template)
        }
        Ok(None) => page.redirect("/settings/security?done=totp"),
        Err(FlowError::ReauthenticationRequired) => page.redirect(REAUTHENTICATE),
        Err(FlowError::FlowExpired) => start_again(page),
        Err(e) => {
            let (status, mut errors) = form_errors(page.locale, e);
            for (name, _) in &mut errors.fields {
                if *name == "code" {
                    *name = "totp_code";
                }
            }
            retry(page, &form.enrollment_id, errors, status)
        }
    }
}

/// The confirm form again, for the same enrolment, without the secret.
fn retry(page: Page, enrollment_id: &str, errors: FormErrors, status: StatusCode) -> Response {
    let template = TotpPage {
        ctx: page.ctx(),
        errors,
        notice: None,
        enrollment_id: enrollment_id.to_owned(),
        secret: None,
    };
    page.render(status, &template)
}

/// The enrolment is gone (expired, used, out of tries): the error page, with a new one.
fn start_again(page: Page) -> Response {
    let link = super::message::Link {
        href: PATH.to_owned(),
        text: page.t("totp-start-again"),
    };
    page.flow_error(FlowError::FlowExpired, Some(link))
}

/// The secret of a new enrolment, as the page shows it.
#[derive(Debug, Clone)]
pub struct SecretView {
    /// The raw base32 (for the `data-secret` attribute).
    pub raw: String,
    /// In groups of four, easier to type by hand.
    pub grouped: String,
    /// The QR code as a `data:` URL (the CSP allows `img-src data:`).
    pub qr_src: String,
}

impl SecretView {
    pub fn new(secret: &str, qr_svg: &str) -> Self {
        let chars: Vec<char> = secret.chars().collect();
        let grouped = chars
            .chunks(4)
            .map(|c| c.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join(" ");
        let b64 = base64::engine::general_purpose::STANDARD.encode(qr_svg.as_bytes());
        Self {
            raw: secret.to_owned(),
            grouped,
            qr_src: format!("data:image/svg+xml;base64,{b64}"),
        }
    }
}

/// `/settings/security/totp`: scan, then confirm with the first code.
#[derive(Template)]
#[template(path = "totp.html")]
pub struct TotpPage {
    pub ctx: PageCtx,
    pub errors: FormErrors,
    /// Always `None` (the shared error partial shows one when there is).
    pub notice: Option<String>,
    pub enrollment_id: String,
    /// `None` when the form comes back after a wrong code (see the module's comment).
    pub secret: Option<SecretView>,
}

/// "Save your recovery codes": shown once, after the first second factor or a new set.
#[derive(Template)]
#[template(path = "recovery_codes.html")]
pub struct RecoveryCodesPage {
    pub ctx: PageCtx,
    pub codes: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::super::layout_tests::page_en;
    use super::SecretView;

    #[test]
    fn the_secret_is_grouped_and_the_qr_is_a_data_url() {
        let view = SecretView::new("JBSWY3DPEHPK3PXPJBSW", "<svg/>");
        assert_eq!(view.grouped, "JBSW Y3DP EHPK 3PXP JBSW");
        assert_eq!(view.qr_src, "data:image/svg+xml;base64,PHN2Zy8+");
    }

    #[test]
    fn the_totp_pages_follow_the_conventions_the_browser_tests_rely_on() {
        let html = page_en("totp");
        for needle in [
            "data-testid=\"totp-qr\" src=\"data:image/svg+xml;base64,",
            "alt=\"QR code",
            "data-testid=\"totp-secret\" data-secret=\"JBSWY3DPEHPK3PXPJBSW\">JBSW Y3DP",
            "action=\"/settings/security/totp\"",
            "name=\"enrollment_id\" value=\"0190",
            "id=\"totp_code\" name=\"code\"",
            "autocomplete=\"one-time-code\"",
            "data-testid=\"totp-confirm\"",
            "<label for=\"totp_code\">",
        ] {
            assert!(html.contains(needle), "totp lacks {needle}");
        }
        let retry = page_en("totp-retry");
        assert!(!retry.contains("data-secret"), "the secret came back");
        assert!(retry.contains("aria-invalid=\"true\""));
        assert!(retry.contains("href=\"/settings/security/totp\""));
        let codes = page_en("recovery-codes");
        assert_eq!(codes.matches("<li><code>").count(), 10, "{codes}");
        for needle in [
            "<ol class=\"codes\" data-testid=\"recovery-codes\"",
            "data-testid=\"recovery-codes-done\"",
            "href=\"/settings/security\"",
            "only time",
        ] {
            assert!(codes.contains(needle), "recovery codes lack {needle}");
        }
    }
}
