//! What the flows count, through the `metrics` facade (the binary installs the Prometheus
//! recorder; without one these are no-ops). Labels are bounded sets: methods, outcomes
//! (`success` or a stable error code), flow kinds and channels; never identifiers.

use crate::FlowError;
use crate::journeys::mfa::SignInOutcome;
use crate::kernel::codes::channel_of;
use latchkey_store::{ContactKind, FlowKind};

/// One sign-in attempt and how it ended.
pub(crate) fn sign_in(method: &'static str, result: &Result<SignInOutcome, FlowError>) {
    let outcome = match result {
        Ok(SignInOutcome::SignedIn(_)) => "success",
        Ok(SignInOutcome::MfaRequired(_)) => "mfa_required",
        Err(e) => e.code(),
    };
    metrics::counter!("latchkey_sign_ins_total", "method" => method, "outcome" => outcome)
        .increment(1);
}

/// One try of a second factor and how it ended (`success`, `invalid_code`).
pub(crate) fn second_factor(method: &'static str, outcome: &'static str) {
    metrics::counter!("latchkey_second_factors_total", "method" => method, "outcome" => outcome)
        .increment(1);
}

/// A code flow was stored. Counted alike whether the identifier has an account or not
/// (an unknown one gets a flow with no code message): counting the codes actually
/// queued would tell a scraper which identifiers are known, so `_codes` (how many
/// were) is deliberately not counted.
pub(crate) fn code_flow_opened(kind: FlowKind, channel: ContactKind, _codes: usize) {
    if kind == FlowKind::Registration {
        metrics::counter!("latchkey_registrations_started_total").increment(1);
    }
    metrics::counter!(
        "latchkey_code_flows_opened_total",
        "channel" => channel_of(channel).as_str(),
        "flow" => kind.as_str(),
    )
    .increment(1);
}

/// A resend was accepted; as for [`code_flow_opened`], counted whether or not a message
/// went (`_messages`).
pub(crate) fn codes_sent(kind: FlowKind, channel: ContactKind, _messages: usize) {
    metrics::counter!(
        "latchkey_code_resends_total",
        "channel" => channel_of(channel).as_str(),
        "flow" => kind.as_str(),
    )
    .increment(1);
}

pub(crate) fn registration_completed() {
    metrics::counter!("latchkey_registrations_completed_total").increment(1);
}

pub(crate) fn hashing_busy() {
    metrics::counter!("latchkey_hashing_busy_total").increment(1);
}
