//! Composing messages: subject, text and HTML per message and locale.
//!
//! Each message Latchkey sends is a struct implementing [`Message`], defined beside the
//! flow that sends it (`latchkey-flows`); [`compose`] renders one for one recipient.
//! Every string comes from Fluent (`crates/i18n/locales/<lang>/messages.ftl`), looked up
//! through [`Strings`]. An email is first laid out as a [`Layout`] and then rendered
//! twice from that one value, as plain text and as HTML, so both parts always say the
//! same thing. No message carries a sign-in link (PRODUCT.md X1): only plain links to the
//! `/login` page, and the one-time link a message was asked for (a reset link, a "this
//! wasn't me" link).

use crate::brand::MailBrand;
use crate::layout::{Button, Layout};
use latchkey_i18n::Locale;
use latchkey_store::{Channel, NewMessage};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

/// What every message needs to know about the deployment.
#[derive(Debug, Clone)]
pub struct ComposeContext {
    /// The sender name shown in messages (the shop's name).
    pub sender_name: String,
    /// Base URL for links in messages; never taken from a request's Host header.
    pub public_url: String,
    /// How long what each message carries stays usable: the courier retries a failing
    /// delivery for that long and no longer.
    pub lifetimes: MessageLifetimes,
    /// The shop's name per language, its logo and colours (`[brand]`); the default is
    /// the plain look, the name being `sender_name` in every language.
    pub brand: MailBrand,
}

/// How long each kind of message is worth delivering, counted from when it is composed.
/// The code and token lifetimes must match the flows' (`FlowSettings::message_lifetimes`
/// builds them from the flows' own policies); the defaults here are the flows' defaults,
/// for tests of this crate, and a test in `latchkey-flows` checks that they still are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MessageLifetimes {
    /// A one-time code's lifetime (`CodePolicy::ttl`).
    pub code: Duration,
    /// How long a flow stays open; a code cannot outlive its flow.
    pub flow: Duration,
    /// A reset link's lifetime.
    pub reset_link: Duration,
    /// An unlock link's lifetime.
    pub unlock_link: Duration,
    /// A "this wasn't me" link's lifetime.
    pub report_link: Duration,
    /// Messages that carry nothing that expires (a welcome, a method hint).
    pub notice: Duration,
}

impl Default for MessageLifetimes {
    fn default() -> Self {
        Self {
            code: latchkey_domain::CodePolicy::default().ttl,
            flow: Duration::hours(1),
            reset_link: Duration::hours(2),
            unlock_link: Duration::hours(2),
            report_link: Duration::days(30),
            notice: crate::CourierConfig::default().notice_retry(),
        }
    }
}

impl MessageLifetimes {
    /// How long a one-time code really lives: its own lifetime, cut short by its flow's.
    pub fn one_time_code(&self) -> Duration {
        self.code.min(self.flow)
    }
}

/// One kind of message Latchkey sends, with what it carries (a code, a link, an address).
///
/// Its strings are the Fluent messages `message-<stem>-<part>`, where the stem is
/// [`Self::name`] with `_` written as `-` (`login_code` reads `message-login-code-subject`,
/// `message-login-code-sms`, …). Every string may use `{ $sender }` (the shop's name) and
/// `{ $url }` (the sign-in page) and whatever [`Self::args`] adds.
pub trait Message {
    /// The stable name stored with the outbox row and shown in the dev mailbox.
    fn name(&self) -> &'static str;

    /// How long the message is worth delivering, counted from when it is composed.
    fn lifetime(&self, lifetimes: &MessageLifetimes) -> Duration;

    /// The message's own Fluent arguments, e.g. `("code", …)`; `locale` is there for
    /// arguments that are themselves translated (see [`method_name`]).
    fn args(&self, locale: Locale) -> Vec<(&'static str, String)> {
        let _ = locale;
        Vec::new()
    }

    /// The email's subject line.
    fn subject(&self, s: &Strings<'_>) -> String {
        s.get("subject")
    }

    /// The whole SMS.
    fn sms(&self, s: &Strings<'_>) -> String {
        s.get("sms")
    }

    /// The email's content, laid out once for both its text and its HTML part.
    fn email(&self, s: &Strings<'_>) -> Layout;
}

/// A method key (`password`, `code`, `passkey`, `google`, …) in the recipient's language;
/// provider names and future methods pass through untranslated rather than leaking a
/// Fluent id.
pub fn method_name(locale: Locale, method: &str) -> String {
    let key = format!("message-method-{method}");
    if locale.has(&key) {
        locale.t(&key)
    } else {
        method.to_owned()
    }
}

/// Renders `message` for one recipient on one channel in one locale.
pub fn compose(
    ctx: &ComposeContext,
    message: &dyn Message,
    channel: Channel,
    recipient: &str,
    locale: Locale,
    now: OffsetDateTime,
) -> NewMessage {
    let strings = Strings::new(ctx, message, locale);
    let (subject, text, html) = match channel {
        Channel::Sms => (String::new(), message.sms(&strings), None),
        Channel::Email => {
            let subject = message.subject(&strings);
            let layout = message.email(&strings);
            let text = layout.to_text();
            let html = layout.to_html_branded(locale, &subject, &ctx.brand, strings.sender);
            (subject, text, html)
        }
    };
    NewMessage {
        id: Uuid::now_v7(),
        channel,
        recipient: recipient.to_owned(),
        locale: locale.tag().to_owned(),
        template: message.name().to_owned(),
        subject,
        text,
        html,
        created_at: now,
        useful_until: now + message.lifetime(&ctx.lifetimes),
    }
}

/// One message's strings in one locale, with its arguments filled in.
pub struct Strings<'a> {
    locale: Locale,
    /// `message-<stem>`, the prefix of the message's own Fluent ids.
    stem: String,
    login_url: String,
    sender: &'a str,
    args: Vec<(&'static str, String)>,
}

impl<'a> Strings<'a> {
    fn new(ctx: &'a ComposeContext, message: &dyn Message, locale: Locale) -> Self {
        let base = ctx.public_url.trim_end_matches('/');
        Self {
            locale,
            stem: format!("message-{}", message.name().replace('_', "-")),
            login_url: format!("{base}/login"),
            sender: ctx.brand.name_for(locale, &ctx.sender_name),
            args: message.args(locale),
        }
    }

    /// The recipient's locale.
    pub fn locale(&self) -> Locale {
        self.locale
    }

    /// The sign-in page: the one link any message may carry unasked.
    pub fn login_url(&self) -> &str {
        &self.login_url
    }

    /// The message's own string `message-<stem>-<part>`, arguments filled in.
    pub fn get(&self, part: &str) -> String {
        self.t(&format!("{}-{part}", self.stem))
    }

    /// Any Fluent message (a shared one such as `message-never-share`), with the
    /// message's arguments filled in.
    pub fn t(&self, id: &str) -> String {
        let mut args: Vec<(&str, &str)> = vec![("sender", self.sender), ("url", &self.login_url)];
        args.extend(self.args.iter().map(|(k, v)| (*k, v.as_str())));
        self.locale.t_args(id, &args)
    }

    /// A button labelled with the Fluent message `label_id`, leading to `url`.
    pub fn button(&self, label_id: &str, url: &str) -> Button {
        let label = self.t(label_id);
        let text = self
            .locale
            .t_args("message-link", &[("label", &label), ("url", url)]);
        Button::new(label, url, text)
    }

    /// The "Sign in" button, leading to the sign-in page.
    pub fn sign_in_button(&self) -> Button {
        self.button("message-button-sign-in", &self.login_url)
    }

    /// A new email layout with the message's heading (`message-<stem>-heading`) and the
    /// shared footer.
    pub fn layout(&self) -> Layout {
        Layout::new(self.get("heading"), self.t("message-footer"))
    }

    /// The layout every one-time-code email shares: the message's intro, the code in its
    /// box, when it expires, that nobody will ask for it, and the message's "ignore this"
    /// line. A message may still add a button.
    pub fn code_layout(&self, code: &str) -> Layout {
        self.layout()
            .paragraph(self.get("intro"))
            .code(self.t("message-code-label"), code)
            .paragraph(self.t("message-code-expires"))
            .paragraph(self.t("message-never-share"))
            .paragraph(self.get("ignore"))
    }
}
