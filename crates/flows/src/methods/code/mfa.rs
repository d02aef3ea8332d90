//! A code by SMS or email as the second step: sent to a verified contact of the account
//! (`flows.mfa().send_code`), kept on the ticket, judged with the same rules as every
//! code (the ticket's tries and the account's wrong-code cap, both reserved first).

use crate::journeys::mfa::SecondFactor;
use crate::kernel::codes::salt;
use crate::kernel::registry::{SecondFactorFacts, SecondFactorMethod};
use crate::{ClientInfo, FlowError, Flows};
use latchkey_domain::CodeCheck;
use latchkey_store::{ContactKind, Flow, Identity};

pub(crate) struct CodeFactor<'a> {
    channel: &'static str,
    code: &'a str,
}

impl<'a> CodeFactor<'a> {
    pub fn new(channel: &str, code: &'a str) -> Result<Self, FlowError> {
        let channel = match channel {
            "sms" => "sms",
            "email" => "email",
            _ => return Err(FlowError::InvalidInput { field: "method" }),
        };
        Ok(Self { channel, code })
    }
}

impl SecondFactor for CodeFactor<'_> {
    fn method(&self) -> &'static str {
        self.channel
    }

    async fn verify(
        self,
        flows: &Flows,
        ticket: &Flow,
        _identity: &Identity,
        _client: &ClientInfo,
    ) -> Result<(), FlowError> {
        let account_key = flows.reserve_account_code_try(ticket).await?;
        let codes = flows.issued_codes(ticket.id).await?;
        let before = ticket.failures.saturating_sub(1);
        match flows
            .codes
            .check(&salt(ticket.id), &codes, before, self.code, flows.now())
        {
            CodeCheck::Accepted => {
                flows
                    .store
                    .refund_lockout_failure(&account_key, None)
                    .await?;
                Ok(())
            }
            CodeCheck::Exhausted => Err(FlowError::FlowExpired),
            CodeCheck::Wrong { .. } | CodeCheck::Expired => {
                Err(FlowError::InvalidCode { attempts_left: 0 })
            }
        }
    }
}

/// A code to a verified contact may finish a second step, unless that contact's code
/// was the first step.
impl SecondFactorMethod for super::Code {
    fn second_factors(&self, account: &SecondFactorFacts<'_>, out: &mut Vec<String>) {
        if account.verified_phone && account.via != Some(ContactKind::Phone) {
            out.push("sms".to_owned());
        }
        if account.verified_email && account.via != Some(ContactKind::Email) {
            out.push("email".to_owned());
        }
    }
}
