//! A provider's signing keys (its JWKS), cached. A token naming a key id the cache does
//! not hold may be a key the provider just rotated in, so the keys are fetched again,
//! but at most once per [`REFETCH_INTERVAL`]: an attacker sending tokens with made-up
//! key ids cannot make Latchkey fetch the provider's keys once per request.

use openidconnect::JsonWebKey;
use openidconnect::core::CoreJsonWebKeySet;
use std::sync::{PoisonError, RwLock};
use std::time::{Duration, Instant};

/// The least time between two fetches of one provider's keys.
pub const REFETCH_INTERVAL: Duration = Duration::from_secs(60);

pub(crate) struct JwksCache {
    state: RwLock<State>,
}

struct State {
    keys: CoreJsonWebKeySet,
    /// When the keys were last fetched, or a refetch last claimed.
    fetched_at: Instant,
}

impl JwksCache {
    /// Keys just fetched (with the discovery document) at `at`.
    pub(crate) fn new(keys: CoreJsonWebKeySet, at: Instant) -> Self {
        Self {
            state: RwLock::new(State {
                keys,
                fetched_at: at,
            }),
        }
    }

    pub(crate) fn keys(&self) -> CoreJsonWebKeySet {
        self.read(|s| s.keys.clone())
    }

    /// Whether a key with this id is cached.
    pub(crate) fn has_kid(&self, kid: &str) -> bool {
        self.read(|s| {
            s.keys
                .keys()
                .iter()
                .any(|k| k.key_id().is_some_and(|id| id.as_str() == kid))
        })
    }

    /// Whether a token naming `kid` should make the keys be fetched again now: the kid
    /// is unknown and the last fetch is at least [`REFETCH_INTERVAL`] old. A `true`
    /// claims the slot (the next one opens an interval later), whether or not the fetch
    /// then succeeds.
    pub(crate) fn claim_refetch(&self, kid: &str, now: Instant) -> bool {
        if self.has_kid(kid) {
            return false;
        }
        let mut state = self.state.write().unwrap_or_else(PoisonError::into_inner);
        if now.saturating_duration_since(state.fetched_at) < REFETCH_INTERVAL {
            return false;
        }
        state.fetched_at = now;
        true
    }

    /// The keys a refetch brought.
    pub(crate) fn replace(&self, keys: CoreJsonWebKeySet) {
        let mut state = self.state.write().unwrap_or_else(PoisonError::into_inner);
        state.keys = keys;
    }

    fn read<T>(&self, f: impl FnOnce(&State) -> T) -> T {
        f(&self.state.read().unwrap_or_else(PoisonError::into_inner))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(kids: &[&str]) -> CoreJsonWebKeySet {
        let keys: Vec<serde_json::Value> = kids
            .iter()
            .map(|kid| {
                serde_json::json!({
                    "kty": "RSA", "use": "sig", "alg": "RS256", "kid": kid,
                    "n": "sXch", "e": "AQAB",
                })
            })
            .collect();
        serde_json::from_value(serde_json::json!({ "keys": keys })).unwrap()
    }

    #[test]
    fn an_unknown_kid_refetches_at_most_once_a_minute() {
        let t0 = Instant::now();
        let cache = JwksCache::new(set(&["a"]), t0);
        // A known kid never refetches.
        assert!(!cache.claim_refetch("a", t0 + Duration::from_secs(600)));
        // Right after discovery: no refetch, even for an unknown kid.
        assert!(!cache.claim_refetch("b", t0 + Duration::from_secs(59)));
        // A minute on: one refetch, then none for another minute, whatever the kid.
        let t1 = t0 + REFETCH_INTERVAL;
        assert!(cache.claim_refetch("b", t1));
        assert!(!cache.claim_refetch("b", t1));
        assert!(!cache.claim_refetch("c", t1 + Duration::from_secs(59)));
        assert!(cache.claim_refetch("c", t1 + REFETCH_INTERVAL));
    }

    #[test]
    fn refetched_keys_replace_the_cache() {
        let t0 = Instant::now();
        let cache = JwksCache::new(set(&["a"]), t0);
        assert!(cache.claim_refetch("b", t0 + REFETCH_INTERVAL));
        cache.replace(set(&["b"]));
        assert!(cache.has_kid("b"));
        assert!(!cache.has_kid("a"));
        assert!(!cache.claim_refetch("b", t0 + 3 * REFETCH_INTERVAL));
    }
}
