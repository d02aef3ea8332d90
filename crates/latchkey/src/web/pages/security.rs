//! `/settings/security`: the signed-in person changes their password (P2) with a plain
//! form. The same flow call as `PUT /api/account/password`: the current password, or a
//! sign-in within the privileged window; the owner is told; the other sessions end.
//! The page also shows and changes the second factors (M1): the authenticator app, the
//! recovery codes, passkeys (X1) and the remembered devices. Those changes need the
//! privileged window; outside it they send the browser to `/settings/reauthenticate`.
//!
//! Password fields are never filled back in: a re-rendered form starts them empty.

use super::context::{FormErrors, PageCtx};
use super::settings::{human, iso};
use super::totp::RecoveryCodesPage;
use super::{Page, form_errors, query_param, user_agent};
use crate::web::AppState;
use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use latchkey_flows::journeys::settings::MfaStatus;
use latchkey_flows::{Authenticated, FlowError, LinkedProvider, ProviderButton};
use serde::Deserialize;

const PATH: &str = "/settings/security";

/// Where a factor change outside the privileged window sends the browser (the same
/// address `/assets/passkey.js` goes to on a `403`).
pub const REAUTHENTICATE: &str = "/settings/reauthenticate?return_to=/settings/security";

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
    return_to: Option<String>,
}

pub async fn show(State(state): State<AppState>, page: Page) -> Response {
    let page = match page.signed_in(&state, PATH).await {
        Ok(signed_in) => signed_in,
        Err(answer) => return answer,
    };
    let (page, auth) = page;
    let notice = match query_param(page.query.as_deref(), "done").as_deref() {
        Some("password") => Some(page.t("security-password-changed")),
        Some("totp") => Some(page.t("totp-added-notice")),
        Some("totp-removed") => Some(page.t("totp-removed-notice")),
        Some("passkey-removed") => Some(page.t("passkey-removed-notice")),
        Some("device-forgotten") => Some(page.t("trusted-devices-revoked-notice")),
        Some("devices-forgotten") => Some(page.t("trusted-devices-all-revoked-notice")),
        Some("provider-unlinked") => Some(page.t("social-unlinked-notice")),
        // The provider's callback after a link from this page.
        _ if query_param(page.query.as_deref(), "linked").is_some() => {
            Some(page.t("social-linked-notice"))
        }
        _ => None,
    };
    render(
        &state,
        page,
        &auth,
        notice,
        FormErrors::default(),
        StatusCode::OK,
    )
    .await
}

pub async fn change_password(
    State(state): State<AppState>,
    page: Page,
    form: Result<Form<PasswordForm>, FormRejection>,
) -> Response {
    let (page, auth) = match page.signed_in(&state, PATH).await {
        Ok(signed_in) => signed_in,
        Err(answer) => return answer,
    };
    let Ok(Form(form)) = form else {
        let errors = FormErrors::form(page.t("error-invalid_input"));
        return render(&state, page, &auth, None, errors, StatusCode::BAD_REQUEST).await;
    };
    let page = page.with_form_return_to(form.return_to.as_deref());
    if form.password != form.password_confirm {
        let errors =
            FormErrors::default().with_field("password_confirm", page.t("password-mismatch"));
        return render(
            &state,
            page,
            &auth,
            None,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    // An empty field is how a form says "not given"; the JSON twin omits the key.
    let current = Some(form.current_password.as_str()).filter(|p| !p.is_empty());
    match state
        .flows
        .settings()
        .change_password(&auth, current, &form.password)
        .await
    {
        Ok(()) => {
            let to = page.keep_return_to(&format!("{PATH}?done=password"));
            page.redirect(&to)
        }
        Err(e) => {
            let (status, errors) = match e {
                // The generic sign-in wording would talk about email and phone numbers.
                FlowError::InvalidCredentials => (
                    StatusCode::UNAUTHORIZED,
                    FormErrors::default()
                        .with_field("current_password", page.t("security-current-wrong")),
                ),
                FlowError::ReauthenticationRequired => (
                    StatusCode::FORBIDDEN,
                    FormErrors::default().with_field(
                        "current_password",
                        page.locale.t_args(
                            "security-current-needed",
                            &[("minutes", &window_minutes(&state).to_string())],
                        ),
                    ),
                ),
                e => form_errors(page.locale, e),
            };
            render(&state, page, &auth, None, errors, status).await
        }
    }
}

/// `POST /settings/security/totp/remove`.
pub async fn remove_totp(State(state): State<AppState>, page: Page) -> Response {
    let (page, auth) = match page.signed_in(&state, PATH).await {
        Ok(signed_in) => signed_in,
        Err(answer) => return answer,
    };
    let result = state.flows.settings().remove_totp(&auth).await;
    changed(&state, page, &auth, result, "totp-removed").await
}

/// `POST /settings/security/recovery-codes`: a new set, shown once on the answer itself
/// (no redirect: the codes are kept nowhere they could be shown from again).
pub async fn regenerate_recovery_codes(State(state): State<AppState>, page: Page) -> Response {
    let (page, auth) = match page.signed_in(&state, PATH).await {
        Ok(signed_in) => signed_in,
        Err(answer) => return answer,
    };
    match state
        .flows
        .settings()
        .regenerate_recovery_codes(&auth)
        .await
    {
        Ok(codes) => {
            let template = RecoveryCodesPage {
                ctx: page.ctx(),
                codes,
            };
            page.render(StatusCode::OK, &template)
        }
        Err(e) => changed(&state, page, &auth, Err(e), "").await,
    }
}

/// `POST /settings/security/passkeys/{id}/remove`; the last way in is refused on the page.
pub async fn remove_passkey(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
) -> Response {
    let (page, auth) = match page.signed_in(&state, PATH).await {
        Ok(signed_in) => signed_in,
        Err(answer) => return answer,
    };
    let result = match id.parse::<uuid::Uuid>() {
        Ok(id) => state.flows.settings().remove_passkey(&auth, id).await,
        Err(_) => Err(FlowError::NotFound),
    };
    changed(&state, page, &auth, result, "passkey-removed").await
}

/// `POST /settings/security/providers/{provider}/unlink`: every link to that provider
/// goes; never the last way in (refused on the page).
pub async fn unlink_provider(
    State(state): State<AppState>,
    page: Page,
    Path(provider): Path<String>,
) -> Response {
    let (page, auth) = match page.signed_in(&state, PATH).await {
        Ok(signed_in) => signed_in,
        Err(answer) => return answer,
    };
    let result = state.flows.social().unlink(&auth, &provider).await;
    changed(&state, page, &auth, result, "provider-unlinked").await
}

/// `POST /settings/security/trusted-devices/{id}/revoke`.
pub async fn revoke_trusted_device(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
) -> Response {
    let (page, auth) = match page.signed_in(&state, PATH).await {
        Ok(signed_in) => signed_in,
        Err(answer) => return answer,
    };
    let result = match id.parse::<uuid::Uuid>() {
        Ok(id) => state.flows.mfa().revoke_trusted_device(&auth, id).await,
        Err(_) => Err(FlowError::NotFound),
    };
    changed(&state, page, &auth, result, "device-forgotten").await
}

/// `POST /settings/security/trusted-devices/revoke`: forget every remembered device.
pub async fn revoke_trusted_devices(State(state): State<AppState>, page: Page) -> Response {
    let (page, auth) = match page.signed_in(&state, PATH).await {
        Ok(signed_in) => signed_in,
        Err(answer) => return answer,
    };
    let result = state.flows.mfa().revoke_trusted_devices(&auth).await;
    changed(&state, page, &auth, result, "devices-forgotten").await
}

/// How a factor change ends: back to the page with its notice; to re-authentication
/// outside the privileged window; else the page with the refusal (`last_method`, …).
async fn changed(
    state: &AppState,
    page: Page,
    auth: &Authenticated,
    result: Result<(), FlowError>,
    done: &str,
) -> Response {
    match result {
        Ok(()) => {
            let to = page.keep_return_to(&format!("{PATH}?done={done}"));
            page.redirect(&to)
        }
        Err(FlowError::ReauthenticationRequired) => page.redirect(REAUTHENTICATE),
        Err(e) => {
            let (status, mut errors) = form_errors(page.locale, e);
            if let Some((_, message)) = errors.fields.pop() {
                errors.form = Some(message);
            }
            render(state, page, auth, None, errors, status).await
        }
    }
}

async fn render(
    state: &AppState,
    page: Page,
    auth: &Authenticated,
    notice: Option<String>,
    errors: FormErrors,
    status: StatusCode,
) -> Response {
    let mfa = match state.flows.settings().mfa_status(auth).await {
        Ok(status) => MfaView::new(&page, &status),
        Err(e) => return page.flow_error(e, None),
    };
    let providers = match state.flows.social().linked(auth).await {
        Ok(linked) => ProvidersView::new(linked, state.flows.social().buttons()),
        Err(e) => return page.flow_error(e, None),
    };
    let template = SecurityPage {
        ctx: page.ctx(),
        errors,
        notice,
        password_min: state.config.password.min_length,
        window_minutes: window_minutes(state),
        user_inputs: user_inputs(auth),
        passkeys_enabled: state.flows.passkeys_enabled(),
        mfa,
        providers,
    };
    page.render(status, &template)
}

/// What the strength meter should count as guessable (the server checks the same on
/// submit): the account's addresses and name, as a JSON array for `app.js`.
fn user_inputs(auth: &Authenticated) -> String {
    let mut inputs: Vec<&str> = auth
        .view
        .contacts
        .iter()
        .map(|c| c.address.as_str())
        .collect();
    if let Some(name) = &auth.view.name {
        inputs.push(name);
    }
    serde_json::to_string(&inputs).unwrap_or_else(|_| "[]".to_owned())
}

fn window_minutes(state: &AppState) -> i64 {
    state.flows.settings().privileged_window().whole_minutes()
}

/// The second factors as the page shows them.
#[derive(Debug, Clone, Default)]
pub struct MfaView {
    pub totp: bool,
    /// "3 recovery codes left", in the page's language and plural rules.
    pub codes_left: String,
    pub codes_low: bool,
    pub passkeys: Vec<PasskeyItem>,
    pub devices: Vec<DeviceItem>,
}

#[derive(Debug, Clone)]
pub struct PasskeyItem {
    pub id: String,
    pub name: String,
    pub created_iso: String,
    pub created_text: String,
    /// When it was last used, `None` for never.
    pub last_used: Option<(String, String)>,
}

#[derive(Debug, Clone)]
pub struct DeviceItem {
    pub id: String,
    pub user_agent: String,
    pub created_iso: String,
    pub created_text: String,
    pub last_used_iso: String,
    pub last_used_text: String,
    pub expires_iso: String,
    pub expires_text: String,
}

impl MfaView {
    fn new(page: &Page, status: &MfaStatus) -> Self {
        Self {
            totp: status.totp,
            codes_left: page.locale.t_count(
                "recovery-codes-count",
                u64::from(status.recovery_codes_left),
            ),
            codes_low: status.recovery_codes_low,
            passkeys: status
                .passkeys
                .iter()
                .map(|p| PasskeyItem {
                    id: p.id.to_string(),
                    name: Some(p.name.clone())
                        .filter(|n| !n.trim().is_empty())
                        .unwrap_or_else(|| page.t("passkey-unnamed")),
                    created_iso: iso(p.created_at),
                    created_text: human(p.created_at),
                    last_used: p.last_used_at.map(|t| (iso(t), human(t))),
                })
                .collect(),
            devices: status
                .trusted_devices
                .iter()
                .map(|d| DeviceItem {
                    id: d.id.to_string(),
                    user_agent: d
                        .user_agent
                        .as_deref()
                        .and_then(user_agent::describe)
                        .unwrap_or_else(|| page.t("trusted-devices-unknown")),
                    created_iso: iso(d.created_at),
                    created_text: human(d.created_at),
                    last_used_iso: iso(d.last_used_at),
                    last_used_text: human(d.last_used_at),
                    expires_iso: iso(d.expires_at),
                    expires_text: human(d.expires_at),
                })
                .collect(),
        }
    }
}

/// The linked accounts section: the providers on the account, and a link for each
/// configured one that is not.
#[derive(Debug, Clone, Default)]
pub struct ProvidersView {
    pub linked: Vec<LinkedItem>,
    /// Configured and not linked yet, in the configured order.
    pub available: Vec<ProviderButton>,
}

#[derive(Debug, Clone)]
pub struct LinkedItem {
    /// The provider id (URLs); `label` is what people read.
    pub provider: String,
    pub label: String,
    pub email: Option<String>,
    pub linked_iso: String,
    pub linked_text: String,
    pub last_used: Option<(String, String)>,
}

impl ProvidersView {
    fn new(linked: Vec<LinkedProvider>, buttons: Vec<ProviderButton>) -> Self {
        // One row per provider, even if it holds two identities (unlink takes both).
        let mut items: Vec<LinkedItem> = Vec::new();
        for p in linked {
            if items.iter().any(|i| i.provider == p.provider) {
                continue;
            }
            items.push(LinkedItem {
                linked_iso: iso(p.linked_at),
                linked_text: human(p.linked_at),
                last_used: p.last_used_at.map(|t| (iso(t), human(t))),
                provider: p.provider,
                label: p.label,
                email: p.email,
            });
        }
        let available = buttons
            .into_iter()
            .filter(|b| !items.iter().any(|i| i.provider == b.id))
            .collect();
        Self {
            linked: items,
            available,
        }
    }

    /// No provider configured and none linked: no section.
    pub fn shown(&self) -> bool {
        !self.linked.is_empty() || !self.available.is_empty()
    }
}

/// `/settings/security`: change the password; the second factors, passkeys,
/// remembered devices and linked accounts.
#[derive(Template)]
#[template(path = "security.html")]
pub struct SecurityPage {
    pub ctx: PageCtx,
    pub errors: FormErrors,
    pub notice: Option<String>,
    pub password_min: usize,
    /// How long after signing in the current password may be left out.
    pub window_minutes: i64,
    /// The account's addresses and name as a JSON array: guessable for the strength meter.
    pub user_inputs: String,
    /// Whether passkeys are configured (a relying party): else their part is left out.
    pub passkeys_enabled: bool,
    pub mfa: MfaView,
    pub providers: ProvidersView,
}

#[cfg(test)]
mod tests {
    use super::super::layout_tests::page_en;

    #[test]
    fn the_security_form_follows_the_conventions_the_browser_tests_rely_on() {
        let security = page_en("security");
        for needle in [
            "action=\"/settings/security/password\"",
            "href=\"/settings\"",
            "id=\"current_password\" name=\"current_password\" type=\"password\" autocomplete=\"current-password\"",
            "aria-describedby=\"current_password-help current_password-error\" aria-invalid=\"true\"",
            "id=\"current_password-capslock-hint\"",
            "id=\"current_password-layout-hint\"",
            "id=\"password\" name=\"password\" type=\"password\" autocomplete=\"new-password\"",
            "id=\"password_confirm\"",
            "data-strength=\"password-strength\"",
            "role=\"alert\"",
            "href=\"#current_password\"",
            "less than 10 minutes ago",
        ] {
            assert!(security.contains(needle), "security lacks {needle}");
        }
        // It may be left empty after a fresh sign-in: the flow decides, not the browser.
        let current = security
            .split("<input id=\"current_password\"")
            .nth(1)
            .and_then(|rest| rest.split('>').next())
            .unwrap_or_default();
        assert!(!current.contains("required"), "{current}");
    }

    #[test]
    fn the_second_factors_follow_the_conventions_the_browser_tests_rely_on() {
        let security = page_en("security");
        for needle in [
            "aria-labelledby=\"two-factor-h\"",
            "<h2 id=\"two-factor-h\">Two-factor authentication</h2>",
            "action=\"/settings/security/totp/remove\"",
            "data-testid=\"totp-remove\"",
            "data-testid=\"recovery-codes-left\">2 recovery codes left</p>",
            "role=\"status\" data-testid=\"recovery-codes-low\">Warning:",
            "action=\"/settings/security/recovery-codes\"",
            "data-testid=\"recovery-codes-regenerate\"",
            "<ul class=\"list\" data-testid=\"passkey-list\">",
            "data-testid=\"passkey-item\"",
            "action=\"/settings/security/passkeys/p1/remove\"",
            "data-testid=\"passkey-remove\"",
            "Never",
            "<form class=\"stack\" data-passkey-register hidden data-csrf=\"csrf-token-value\" data-error-text=",
            "<label for=\"passkey-name\">",
            "id=\"passkey-name\" name=\"name\"",
            "data-testid=\"passkey-add\"",
            "<p data-passkey-nojs",
            "src=\"/assets/passkey.js?v=v1\"",
            "data-testid=\"trusted-device-item\"",
            "Firefox · Linux",
            "action=\"/settings/security/trusted-devices/d1/revoke\"",
            "action=\"/settings/security/trusted-devices/revoke\"",
            "<time datetime=\"2026-12-20T10:00:00Z\">",
        ] {
            assert!(security.contains(needle), "security lacks {needle}");
        }
        // A passkey's name is the owner's text: escaped.
        assert!(!security.contains("<b>Work</b>"));
        assert!(security.contains("&#60;b&#62;Work") || security.contains("&lt;b&gt;Work"));
    }

    #[test]
    fn the_linked_accounts_follow_the_conventions_the_browser_tests_rely_on() {
        let security = page_en("security");
        for needle in [
            "<section class=\"card\" id=\"providers\" aria-labelledby=\"providers-h\">",
            "<h2 id=\"providers-h\">Linked accounts</h2>",
            "<ul class=\"list\" data-testid=\"provider-list\">",
            "data-testid=\"provider-item\"",
            "<p class=\"list-main\" id=\"provider-item-acme\">Acme</p>",
            "<dt>Email</dt><dd>ann@example.com</dd>",
            "<dt>Linked</dt><dd><time datetime=\"2026-11-20T10:00:00Z\">2026-11-20 10:00 UTC</time></dd>",
            "action=\"/settings/security/providers/acme/unlink\"",
            "<button type=\"submit\" class=\"button button-secondary\" aria-describedby=\"provider-item-acme\" data-testid=\"provider-unlink-acme\">Unlink</button>",
            "<a href=\"/auth/google/start?intent=link\" data-testid=\"provider-link-google\">Link Google</a>",
        ] {
            assert!(security.contains(needle), "security lacks {needle}");
        }
        // Linked already: not offered again.
        assert!(!security.contains("/auth/acme/start"));
        let section = security
            .split("id=\"providers\"")
            .nth(1)
            .and_then(|s| s.split("</section>").next())
            .unwrap_or_default();
        assert_eq!(
            section.matches("method=\"post\"").count(),
            section.matches("name=\"csrf\"").count()
        );
    }

    #[test]
    fn without_a_second_factor_the_page_offers_the_setup() {
        use super::super::context::FormErrors;
        use super::super::layout_tests::ctx;
        use super::{MfaView, SecurityPage};
        use askama::Template;
        use latchkey_i18n::Locale;
        let html = SecurityPage {
            ctx: ctx(Locale::En),
            errors: FormErrors::default(),
            notice: None,
            password_min: 8,
            window_minutes: 10,
            user_inputs: "[]".into(),
            passkeys_enabled: false,
            mfa: MfaView {
                codes_left: Locale::En.t_count("recovery-codes-count", 0),
                ..MfaView::default()
            },
            providers: super::ProvidersView::default(),
        }
        .render()
        .expect("renders");
        assert!(html.contains("href=\"/settings/security/totp\" data-testid=\"totp-setup\""));
        assert!(!html.contains("totp-remove"));
        assert!(!html.contains("recovery-codes-low"));
        assert!(!html.contains("data-passkey-register"), "passkeys are off");
        assert!(!html.contains("passkey.js"));
        assert!(!html.contains("trusted-devices/revoke"));
        assert!(
            !html.contains("id=\"providers\""),
            "no provider configured or linked"
        );
    }
}
