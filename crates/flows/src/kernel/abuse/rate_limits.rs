//! Rate limits: counters per IP, network, address, number and country, each a
//! reservation counted before the work it guards.

use super::{Rule, too_many};
use crate::{ClientInfo, FlowError, Flows};
use latchkey_domain::Identifier;
use latchkey_limits::Hit;
use latchkey_store::ContactKind;
use std::net::IpAddr;
use time::Duration;

/// The /24 (IPv4) or /64 (IPv6) an address belongs to.
pub fn network_of(ip: &str) -> Option<String> {
    match ip.parse::<IpAddr>().ok()?.to_canonical() {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            Some(format!("{}.{}.{}.0/24", o[0], o[1], o[2]))
        }
        IpAddr::V6(v6) => {
            let s = v6.segments();
            Some(format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3]))
        }
    }
}

/// What per-address limits count an address as: an IPv4 address itself, an IPv6 address
/// its /64 (one subscriber gets a whole /64 and can rotate within it for free).
/// IPv4-mapped addresses count as their IPv4 address; anything unparseable as itself.
pub fn ip_key(ip: &str) -> String {
    match ip.parse::<IpAddr>().map(|ip| ip.to_canonical()) {
        Ok(IpAddr::V4(v4)) => v4.to_string(),
        Ok(IpAddr::V6(_)) => network_of(ip).unwrap_or_else(|| ip.to_owned()),
        Err(_) => ip.to_owned(),
    }
}

impl Flows {
    /// Counts one event against each rule, then refuses when any is exceeded: the count
    /// is a reservation, so of any number of simultaneous events at most `max` pass.
    pub(crate) async fn count_against(&self, rules: &[(String, Rule)]) -> Result<(), FlowError> {
        let now = self.now();
        let mut refused: Option<Duration> = None;
        for (key, rule) in rules {
            let hit = self.abuse.limits.hit(key, rule.window, now).await?;
            if hit.count > rule.max {
                refused = Some(refused.map_or(hit.resets_in, |r| r.max(hit.resets_in)));
            }
        }
        match refused {
            Some(retry_after) => {
                tracing::info!(limits.rule = %rules.first().map(|r| r.0.split(':').next().unwrap_or("")).unwrap_or(""), "rate limit reached");
                Err(too_many(retry_after))
            }
            None => Ok(()),
        }
    }

    /// Counts one failure against `key` for `window`.
    pub(crate) async fn count_failure(&self, key: &str, window: Duration) -> Result<(), FlowError> {
        self.abuse.limits.hit(key, window, self.now()).await?;
        Ok(())
    }

    pub(super) async fn peek(&self, key: &str, window: Duration) -> Result<Hit, FlowError> {
        Ok(self.abuse.limits.peek(key, window, self.now()).await?)
    }

    /// Before a code message goes out: per-IP, per-address, per-number and per-country
    /// limits, and a challenge once one IP has asked for many. Runs before any hashing.
    pub(crate) async fn guard_send(
        &self,
        kind: ContactKind,
        key: &str,
        country_code: Option<String>,
        client: &ClientInfo,
    ) -> Result<(), FlowError> {
        let r = &self.abuse.rates;
        let mut rules = match kind {
            ContactKind::Email => vec![(format!("send:email:{key}"), r.messages_per_email)],
            ContactKind::Phone => {
                let mut v = vec![(format!("send:phone:{key}"), r.sms_per_phone)];
                if let Some(cc) = country_code.filter(|c| !c.is_empty()) {
                    v.push((format!("send:cc:{cc}"), r.sms_per_country));
                }
                v
            }
        };
        if let Some(ip) = &client.ip {
            let sent = self
                .peek(
                    &format!("send:ip:{}", ip_key(ip)),
                    self.abuse.challenge.window,
                )
                .await?
                .count;
            if sent >= self.abuse.challenge.after_ip_messages {
                self.require_challenge(client).await?;
            }
            // Its own key: `send:ip:` above counts for the challenge in its own window, and
            // sharing the key would count every send twice.
            rules.push((format!("send:ip-rate:{}", ip_key(ip)), r.messages_per_ip));
            self.abuse
                .limits
                .hit(
                    &format!("send:ip:{}", ip_key(ip)),
                    self.abuse.challenge.window,
                    self.now(),
                )
                .await?;
        }
        self.count_against(&rules).await
    }

    /// Before a one-time code is compared: the client's per-address limits on code
    /// submissions, counted (reserved) first, so a burst from one address cannot outrun
    /// them.
    pub(crate) async fn guard_code_check(&self, client: &ClientInfo) -> Result<(), FlowError> {
        let Some(ip) = &client.ip else {
            return Ok(());
        };
        let r = &self.abuse.rates;
        let mut rules = vec![(format!("code:ip:{}", ip_key(ip)), r.code_checks_per_ip)];
        if let Some(net) = network_of(ip) {
            rules.push((format!("code:net:{net}"), r.code_checks_per_network));
        }
        self.count_against(&rules).await
    }

    /// Guards a send to an identifier (phone numbers also count per country).
    pub(crate) async fn guard_send_to(
        &self,
        identifier: &Identifier,
        client: &ClientInfo,
    ) -> Result<(), FlowError> {
        let cc = match identifier {
            Identifier::Phone(p) => Some(p.country_code()),
            Identifier::Email(_) => None,
        };
        self.guard_send(identifier.kind(), &identifier.key(), cc, client)
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn networks_are_24s_and_64s() {
        assert_eq!(
            network_of("203.0.113.77").as_deref(),
            Some("203.0.113.0/24")
        );
        assert_eq!(
            network_of("2001:db8:1:2:3:4:5:6").as_deref(),
            Some("2001:db8:1:2::/64")
        );
        assert_eq!(network_of("nonsense"), None);
        assert_eq!(
            network_of("::ffff:203.0.113.77").as_deref(),
            Some("203.0.113.0/24"),
            "IPv4 clients on a [::] listener do not share one network"
        );
    }

    #[test]
    fn ip_keys_are_ipv4_addresses_and_ipv6_64s() {
        assert_eq!(ip_key("203.0.113.5"), "203.0.113.5");
        assert_eq!(ip_key("::ffff:203.0.113.5"), "203.0.113.5");
        assert_eq!(ip_key("2001:db8:1:2:3:4:5:6"), "2001:db8:1:2::/64");
        assert_eq!(ip_key("2001:db8:1:2:ffff::1"), ip_key("2001:db8:1:2::9"));
        assert_ne!(ip_key("2001:db8:1:2::1"), ip_key("2001:db8:1:3::1"));
        assert_eq!(ip_key("nonsense"), "nonsense");
    }
}
