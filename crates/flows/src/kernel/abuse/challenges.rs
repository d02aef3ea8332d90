//! The proof-of-work challenge (and the external captcha that may stand in for it): what
//! a client must solve once risk is up.

use super::Abuse;
use crate::{ClientInfo, FlowError, Flows};
use latchkey_domain::challenge::{Challenge, Solution, Verdict};
use time::OffsetDateTime;

impl Abuse {
    /// Issues a challenge now (what `challenge_required` carries).
    pub fn issue_challenge(&self, now: OffsetDateTime) -> Challenge {
        self.challenge_key
            .issue(self.challenge.difficulty, now, self.challenge.ttl)
    }
}

impl Flows {
    /// Passes when the client sent a valid, unspent solution (or captcha); otherwise
    /// refuses with a fresh challenge.
    pub(crate) async fn require_challenge(&self, client: &ClientInfo) -> Result<(), FlowError> {
        let now = self.now();
        if let Some(solution) = client.challenge.as_deref().and_then(Solution::parse) {
            let verdict =
                self.abuse
                    .challenge_key
                    .verify(&solution, self.abuse.challenge.difficulty, now);
            if verdict == Verdict::Solved {
                let until = OffsetDateTime::from_unix_timestamp(solution.expires_at)
                    .unwrap_or(now + self.abuse.challenge.ttl);
                let first = self
                    .abuse
                    .limits
                    .first_use(&format!("challenge:{}", solution.salt), until, now)
                    .await?;
                if first {
                    return Ok(());
                }
            }
        }
        if let (Some(captcha), Some(response)) = (&self.abuse.captcha, client.captcha.as_deref())
            && captcha.verify(response, client.ip.as_deref()).await
        {
            return Ok(());
        }
        Err(FlowError::ChallengeRequired {
            challenge: Box::new(self.abuse.issue_challenge(now)),
            captcha: self
                .abuse
                .captcha
                .as_ref()
                .map(|c| (c.provider.as_str().to_owned(), c.site_key.clone())),
        })
    }
}
