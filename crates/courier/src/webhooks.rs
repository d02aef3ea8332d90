//! Signed webhooks (#13, API.md "Webhooks"): the `[[webhooks]]` endpoints and
//! `[webhook_delivery]` settings, the event body and its `Latchkey-Signature`, the
//! address checks that keep a webhook from reaching inside the network (SSRF), and
//! [`WebhookWorker`], which turns recorded events into deliveries (the events table is
//! the webhooks' outbox) and POSTs them with retries.
//!
//! Delivery is at least once: a delivery is marked delivered only after a 2xx, so a lost
//! answer or a crash mid-POST sends it again (receivers drop repeats by the body's `id`),
//! and nothing is lost across a restart: both the undispatched events and the pending
//! deliveries are rows.

use hmac::{Hmac, Mac};
use latchkey_domain::{Clock, EventType};
use latchkey_store::{DynStore, Event, NewDelivery, Result, WebhookDelivery};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::future::Future;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;
use time::OffsetDateTime;
use tokio::sync::Notify;
use tracing::Instrument;
use uuid::Uuid;

/// The signature header: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
pub const SIGNATURE_HEADER: &str = "Latchkey-Signature";

/// The type of the event [`WebhookEndpoints::test_delivery`] sends; no endpoint
/// subscribes to it, it goes only where it is asked to.
pub const TEST_EVENT_TYPE: &str = "webhook.test";

/// A secret shorter than this is refused at start.
pub const MIN_SECRET_LEN: usize = 16;

/// One `[[webhooks]]` entry.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebhookConfig {
    /// Where events are POSTed: `https://`, and not a private or loopback address
    /// (outside dev mode, where `http://127.0.0.1:…` and `http://localhost:…` are allowed).
    pub url: String,
    /// Signs each POST (at least 16 characters); the receiver checks
    /// `Latchkey-Signature` with it.
    #[serde(serialize_with = "ser_secret")]
    pub secret: SecretString,
    /// Event type names (`session.created`, …) or `["*"]` for every type.
    pub events: Vec<String>,
}

fn ser_secret<S: serde::Serializer>(
    v: &SecretString,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(v.expose_secret())
}

/// The `[webhook_delivery]` section of the config, in its units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebhookDeliveryConfig {
    /// Hours a failing delivery is retried before it is abandoned.
    pub retry_hours: i64,
    /// Seconds before the first retry; each further wait doubles…
    pub first_retry_secs: u64,
    /// …up to this many seconds between tries.
    pub max_retry_interval_secs: u64,
    /// Seconds a receiver has to answer one POST.
    pub timeout_secs: u64,
    /// Days a delivered or abandoned delivery stays in the delivery log.
    pub retention_days: i64,
}

impl Default for WebhookDeliveryConfig {
    fn default() -> Self {
        Self {
            retry_hours: 24,
            first_retry_secs: 30,
            max_retry_interval_secs: 600,
            timeout_secs: 10,
            retention_days: 30,
        }
    }
}

impl WebhookDeliveryConfig {
    /// Refuses values that would stop retries or deliveries.
    pub fn validate(&self) -> std::result::Result<(), WebhookConfigError> {
        if self.retry_hours < 1 || self.retention_days < 1 {
            return Err(WebhookConfigError(
                "webhook_delivery.retry_hours and retention_days must be at least 1".into(),
            ));
        }
        if self.first_retry_secs == 0
            || self.timeout_secs == 0
            || self.max_retry_interval_secs < self.first_retry_secs
        {
            return Err(WebhookConfigError(
                "webhook_delivery: first_retry_secs and timeout_secs must be at least 1, and max_retry_interval_secs at least first_retry_secs".into(),
            ));
        }
        Ok(())
    }

    /// The worker's policy: the defaults, with this section's values.
    pub fn policy(&self) -> WebhookPolicy {
        WebhookPolicy {
            first_retry: Duration::from_secs(self.first_retry_secs),
            max_interval: Duration::from_secs(self.max_retry_interval_secs),
            retry_for: time::Duration::hours(self.retry_hours),
            timeout: Duration::from_secs(self.timeout_secs),
            retention: time::Duration::days(self.retention_days),
            ..WebhookPolicy::default()
        }
    }
}

/// A `[[webhooks]]` or `[webhook_delivery]` setting that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct WebhookConfigError(pub String);

/// Which event types an endpoint receives.
#[derive(Debug, Clone)]
enum Subscription {
    All,
    Only(HashSet<&'static str>),
}

struct Endpoint {
    /// As configured: the deliveries' `endpoint` column names it by this.
    url: String,
    parsed: url::Url,
    secret: SecretString,
    events: Subscription,
}

/// The configured endpoints, checked at start, shared by the flows (the delivery log,
/// the test event) and the worker; and the bell that wakes the worker when an event is
/// recorded.
#[derive(Default)]
pub struct WebhookEndpoints {
    endpoints: Vec<Endpoint>,
    /// Dev mode: plain http to loopback, and no address checks.
    allow_private: bool,
    notify: Arc<Notify>,
}

impl WebhookEndpoints {
    /// Checks every entry: a URL that is `https://` (or, in dev mode, `http://` to a
    /// loopback host), whose host is no private, loopback or link-local address literal
    /// outside dev mode (names are checked when they are resolved, at each delivery); a
    /// secret of at least [`MIN_SECRET_LEN`] characters; known event types or `*`; no URL
    /// twice.
    pub fn from_config(
        configs: &[WebhookConfig],
        dev: bool,
    ) -> std::result::Result<Self, WebhookConfigError> {
        let mut endpoints: Vec<Endpoint> = Vec::with_capacity(configs.len());
        for (i, c) in configs.iter().enumerate() {
            let err = |what: String| WebhookConfigError(format!("[[webhooks]] #{}: {what}", i + 1));
            let parsed =
                url::Url::parse(&c.url).map_err(|e| err(format!("url is not a URL: {e}")))?;
            let host = parsed
                .host()
                .ok_or_else(|| err("url has no host".into()))?
                .to_owned();
            match (parsed.scheme(), dev) {
                ("https", _) => {}
                ("http", true) if is_loopback_host(&host) => {}
                ("http", true) => {
                    return Err(err(
                        "url must be https:// (dev mode also allows http://127.0.0.1:… and http://localhost:…)".into(),
                    ));
                }
                _ => return Err(err("url must be https://".into())),
            }
            if !dev
                && let Some(ip) = host_ip(&host)
                && forbidden(ip)
            {
                return Err(err(format!(
                    "url points at {ip}, a private, loopback or link-local address (allowed in dev mode only)"
                )));
            }
            if c.secret.expose_secret().chars().count() < MIN_SECRET_LEN {
                return Err(err(format!(
                    "secret must be at least {MIN_SECRET_LEN} characters"
                )));
            }
            let events = subscription(&c.events).map_err(err)?;
            if endpoints.iter().any(|e| e.url == c.url) {
                return Err(err("the same url is configured twice".into()));
            }
            endpoints.push(Endpoint {
                url: c.url.clone(),
                parsed,
                secret: c.secret.clone(),
                events,
            });
        }
        Ok(Self {
            endpoints,
            allow_private: dev,
            notify: Arc::new(Notify::new()),
        })
    }

    /// The configured URLs, in the config's order.
    pub fn urls(&self) -> Vec<String> {
        self.endpoints.iter().map(|e| e.url.clone()).collect()
    }

    pub fn is_empty(&self) -> bool {
        self.endpoints.is_empty()
    }

    /// Tells the worker an event was recorded, so it dispatches now rather than at its
    /// next poll. Without endpoints the poll marks events dispatched in batches instead.
    pub fn wake(&self) {
        if !self.is_empty() {
            self.notify.notify_one();
        }
    }

    /// The deliveries of `event`: one per endpoint subscribed to its type, all with the
    /// same body, created `now`.
    pub fn deliveries_for(&self, event: &Event, now: OffsetDateTime) -> Vec<NewDelivery> {
        let kind = event.kind.as_str();
        let subscribed: Vec<&Endpoint> = self
            .endpoints
            .iter()
            .filter(|e| match &e.events {
                Subscription::All => true,
                Subscription::Only(types) => types.contains(kind),
            })
            .collect();
        if subscribed.is_empty() {
            return Vec::new();
        }
        let body = event_body(event);
        subscribed
            .into_iter()
            .map(|e| NewDelivery {
                id: Uuid::now_v7(),
                event_id: event.id,
                event_type: kind.to_owned(),
                endpoint: e.url.clone(),
                body: body.clone(),
                created_at: now,
            })
            .collect()
    }

    /// A `webhook.test` event for the endpoint `url` only, due at once; `None` when no
    /// endpoint has that URL.
    pub fn test_delivery(&self, url: &str, now: OffsetDateTime) -> Option<NewDelivery> {
        let endpoint = self.endpoints.iter().find(|e| e.url == url)?;
        let id = Uuid::now_v7();
        Some(NewDelivery {
            id: Uuid::now_v7(),
            event_id: id,
            event_type: TEST_EVENT_TYPE.to_owned(),
            endpoint: endpoint.url.clone(),
            body: body_json(id, TEST_EVENT_TYPE, now, None, &serde_json::json!({})),
            created_at: now,
        })
    }

    fn get(&self, url: &str) -> Option<&Endpoint> {
        self.endpoints.iter().find(|e| e.url == url)
    }
}

fn subscription(events: &[String]) -> std::result::Result<Subscription, String> {
    if events.is_empty() {
        return Err("events is empty (list event types, or \"*\" for all)".into());
    }
    if events.iter().any(|e| e == "*") {
        return Ok(Subscription::All);
    }
    let mut types = HashSet::new();
    for name in events {
        let kind = EventType::parse(name).ok_or_else(|| {
            format!(
                "events: {name:?} is no event type (see API.md, \"Account settings\"), nor \"*\""
            )
        })?;
        types.insert(kind.as_str());
    }
    Ok(Subscription::Only(types))
}

/// The JSON POSTed for `event`: `{"id", "type", "created_at", "identity_id", "data"}`.
pub fn event_body(event: &Event) -> String {
    body_json(
        event.id,
        event.kind.as_str(),
        event.at,
        Some(event.identity_id.0),
        &event.data,
    )
}

fn body_json(
    id: Uuid,
    kind: &str,
    at: OffsetDateTime,
    identity: Option<Uuid>,
    data: &serde_json::Value,
) -> String {
    // A struct, not `json!`, so the keys keep the documented order.
    #[derive(Serialize)]
    struct Body<'a> {
        id: Uuid,
        #[serde(rename = "type")]
        kind: &'a str,
        #[serde(with = "time::serde::rfc3339")]
        created_at: OffsetDateTime,
        identity_id: Option<Uuid>,
        data: &'a serde_json::Value,
    }
    let body = Body {
        id,
        kind,
        created_at: at,
        identity_id: identity,
        data,
    };
    // Serialising plain strings, a UUID and a JSON value cannot fail; the fallback keeps
    // the type total without a panic.
    serde_json::to_string(&body).unwrap_or_else(|_| format!("{{\"id\":\"{id}\"}}"))
}

/// The `Latchkey-Signature` value for `body` sent at `timestamp` (unix seconds).
pub fn signature(secret: &SecretString, timestamp: i64, body: &str) -> String {
    let Ok(mut mac) = Hmac::<sha2::Sha256>::new_from_slice(secret.expose_secret().as_bytes())
    else {
        // HMAC takes keys of any length; this arm is unreachable.
        return format!("t={timestamp},v1=");
    };
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body.as_bytes());
    format!(
        "t={timestamp},v1={}",
        hex::encode(mac.finalize().into_bytes())
    )
}

// --- addresses ---------------------------------------------------------------------------

fn host_ip(host: &url::Host<String>) -> Option<IpAddr> {
    match host {
        url::Host::Ipv4(v4) => Some(IpAddr::V4(*v4)),
        url::Host::Ipv6(v6) => Some(IpAddr::V6(*v6)),
        url::Host::Domain(_) => None,
    }
}

fn is_loopback_host(host: &url::Host<String>) -> bool {
    match host {
        url::Host::Domain(d) => d.eq_ignore_ascii_case("localhost"),
        other => host_ip(other).is_some_and(|ip| ip.is_loopback()),
    }
}

/// Whether a webhook may not be sent to `ip` (outside dev mode): anything that is not a
/// public unicast address: private, loopback, link-local (cloud metadata at
/// 169.254.169.254), unspecified, multicast, broadcast, shared (carrier NAT),
/// documentation, benchmarking and reserved ranges, and IPv6's unique-local, site-local and
/// the IPv4 addresses it embeds (mapped, compatible, NAT64).
pub fn forbidden(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => forbidden_v4(v4),
        IpAddr::V6(v6) => forbidden_v6(v6),
    }
}

fn forbidden_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    ip.is_private()
        || ip.is_loopback()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || a == 0
        || (a == 100 && (64..128).contains(&b)) // 100.64.0.0/10, shared address space
        || (a == 192 && b == 0 && c == 0) // 192.0.0.0/24, IETF protocol assignments
        || (a == 198 && (18..20).contains(&b)) // 198.18.0.0/15, benchmarking
        || a >= 240 // 240.0.0.0/4, reserved
}

fn forbidden_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return forbidden_v4(v4);
    }
    let s = ip.segments();
    // ::a.b.c.d (IPv4-compatible, deprecated) and 64:ff9b::/96 (NAT64) reach IPv4.
    if s[..6] == [0, 0, 0, 0, 0, 0] || s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        let embedded = Ipv4Addr::new((s[6] >> 8) as u8, s[6] as u8, (s[7] >> 8) as u8, s[7] as u8);
        return ip.is_loopback() || ip.is_unspecified() || forbidden_v4(embedded);
    }
    ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        || (s[0] & 0xfe00) == 0xfc00 // fc00::/7, unique local
        || (s[0] & 0xffc0) == 0xfe80 // fe80::/10, link-local
        || (s[0] & 0xffc0) == 0xfec0 // fec0::/10, site-local (deprecated)
        || (s[0] == 0x2001 && s[1] == 0x0db8) // 2001:db8::/32, documentation
}

/// Why a host may not be reached; found in a send error's sources when the resolver
/// refused at connect time.
#[derive(Debug, thiserror::Error)]
#[error("refused: {host} resolves to {ip}, a private, loopback or link-local address")]
struct Refused {
    host: String,
    ip: IpAddr,
}

/// Resolves `host` and refuses it if any of its addresses is [`forbidden`].
async fn checked_lookup(
    host: &str,
    port: u16,
) -> std::result::Result<Vec<SocketAddr>, LookupError> {
    let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host, port))
        .await
        .map_err(|e| LookupError::Dns(e.to_string()))?
        .collect();
    if addrs.is_empty() {
        return Err(LookupError::Dns("no address".into()));
    }
    // Any bad address refuses the host: connecting to "the good one" would leave the
    // choice to whoever controls the name.
    if let Some(bad) = addrs.iter().find(|a| forbidden(a.ip())) {
        return Err(LookupError::Refused(Refused {
            host: host.to_owned(),
            ip: bad.ip(),
        }));
    }
    Ok(addrs)
}

#[derive(Debug)]
enum LookupError {
    Dns(String),
    Refused(Refused),
}

/// The HTTP client's resolver outside dev mode: the addresses it connects to are the ones
/// it checked, in the same lookup, so a name that answers a public address to the check
/// and a private one to the connection (DNS rebinding) is refused too.
struct CheckedResolver;

impl reqwest::dns::Resolve for CheckedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_owned();
        Box::pin(async move {
            match checked_lookup(&host, 0).await {
                Ok(addrs) => Ok(Box::new(addrs.into_iter()) as reqwest::dns::Addrs),
                Err(LookupError::Refused(r)) => Err(Box::new(r) as _),
                Err(LookupError::Dns(e)) => Err(e.into()),
            }
        })
    }
}

// --- the worker --------------------------------------------------------------------------

/// How the worker retries and paces itself.
#[derive(Debug, Clone)]
pub struct WebhookPolicy {
    /// The wait after the first failure; it doubles after each further one…
    pub first_retry: Duration,
    /// …up to this.
    pub max_interval: Duration,
    /// A delivery still failing this long after it was created is abandoned.
    pub retry_for: time::Duration,
    /// One POST's time limit.
    pub timeout: Duration,
    /// Events dispatched, and deliveries claimed, per round trip to the store.
    pub batch: u32,
    /// How long a claim keeps other workers off a delivery; longer than `timeout`.
    pub lease: Duration,
    /// How often `run` looks for events and due retries when nobody wakes it.
    pub poll_interval: Duration,
    /// Finished deliveries are deleted once they are this old.
    pub retention: time::Duration,
    /// How often `run` purges (by the worker's clock).
    pub purge_interval: time::Duration,
}

impl Default for WebhookPolicy {
    fn default() -> Self {
        Self {
            first_retry: Duration::from_secs(30),
            max_interval: Duration::from_secs(600),
            retry_for: time::Duration::hours(24),
            timeout: Duration::from_secs(10),
            batch: 64,
            lease: Duration::from_secs(60),
            poll_interval: Duration::from_secs(2),
            retention: time::Duration::days(30),
            purge_interval: time::Duration::hours(1),
        }
    }
}

impl WebhookPolicy {
    /// The wait after `attempts` failures: `first_retry * 2^(attempts-1)`, at most
    /// `max_interval`, less up to 10 % taken from the delivery id, so deliveries that failed
    /// together (a receiver's outage) come back spread out, and never later than promised.
    pub fn retry_delay(&self, attempts: u32, id: Uuid) -> Duration {
        let exp = attempts.saturating_sub(1).min(30);
        let delay = self
            .first_retry
            .saturating_mul(1u32 << exp)
            .min(self.max_interval);
        let bytes = id.as_bytes();
        let salt = u16::from_le_bytes([bytes[14], bytes[15]]) ^ (attempts as u16);
        delay.saturating_sub(delay.mul_f64(f64::from(salt) / f64::from(u16::MAX) / 10.0))
    }
}

/// What one [`WebhookWorker::drain`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WebhookReport {
    /// Events turned into deliveries (or marked dispatched with none).
    pub dispatched: u32,
    pub claimed: u32,
    pub delivered: u32,
    /// Failed and scheduled for another attempt.
    pub retried: u32,
    pub abandoned: u32,
}

/// Dispatches recorded events into deliveries and delivers them.
pub struct WebhookWorker {
    store: DynStore,
    clock: Arc<dyn Clock>,
    endpoints: Arc<WebhookEndpoints>,
    policy: WebhookPolicy,
    client: reqwest::Client,
}

/// One attempt's outcome.
enum Attempt {
    Delivered(u16),
    Failed {
        status: Option<u16>,
        error: String,
    },
    /// Retrying cannot help (the address is refused, the endpoint is gone).
    Refused(String),
}

impl WebhookWorker {
    pub fn new(
        store: DynStore,
        clock: Arc<dyn Clock>,
        endpoints: Arc<WebhookEndpoints>,
        policy: WebhookPolicy,
    ) -> std::result::Result<Self, WebhookConfigError> {
        let mut builder = reqwest::Client::builder()
            // A redirect would take the signed event wherever the receiver points,
            // around the address check; a 3xx is a failed attempt.
            .redirect(reqwest::redirect::Policy::none())
            // A proxy would resolve the name itself, out of the check's sight.
            .no_proxy()
            .timeout(policy.timeout)
            .connect_timeout(policy.timeout)
            .user_agent(concat!("Latchkey-Webhooks/", env!("CARGO_PKG_VERSION")));
        if !endpoints.allow_private {
            builder = builder.dns_resolver(Arc::new(CheckedResolver));
        }
        let client = builder
            .build()
            .map_err(|e| WebhookConfigError(format!("webhook HTTP client: {e}")))?;
        Ok(Self {
            store,
            clock,
            endpoints,
            policy,
            client,
        })
    }

    /// Dispatches and delivers until `shutdown` completes; a round in progress finishes
    /// first. Runs with no endpoints too: it then only marks events dispatched.
    pub async fn run(self, shutdown: impl Future) {
        tracing::info!(
            webhooks.endpoints = self.endpoints.endpoints.len(),
            "webhook worker started"
        );
        let mut shutdown = std::pin::pin!(shutdown);
        let mut last_purge: Option<OffsetDateTime> = None;
        loop {
            if let Err(error) = self.drain().await {
                tracing::warn!(%error, "webhook worker could not read the store");
            }
            let now = self.clock.now();
            if last_purge.is_none_or(|t| now - t >= self.policy.purge_interval) {
                last_purge = Some(now);
                match self.purge().await {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(purged = n, "old webhook deliveries purged"),
                    Err(error) => tracing::warn!(%error, "could not purge webhook deliveries"),
                }
            }
            tokio::select! {
                _ = &mut shutdown => break,
                _ = self.endpoints.notify.notified() => {}
                _ = tokio::time::sleep(self.policy.poll_interval) => {}
            }
        }
        tracing::info!("webhook worker stopped");
    }

    /// Dispatches every undispatched event, then delivers every delivery due now, once.
    pub async fn drain(&self) -> Result<WebhookReport> {
        let mut report = WebhookReport {
            dispatched: self.dispatch().await?,
            ..WebhookReport::default()
        };
        self.deliver_due(&mut report).await?;
        Ok(report)
    }

    /// Turns every undispatched event into its deliveries; returns how many events.
    pub async fn dispatch(&self) -> Result<u32> {
        let batch = self.policy.batch.max(1);
        let mut total = 0;
        loop {
            let now = self.clock.now();
            let endpoints = &self.endpoints;
            let route = move |event: &Event| endpoints.deliveries_for(event, now);
            let taken = self.store.dispatch_events(batch, &route).await?;
            total += taken;
            if taken < batch {
                return Ok(total);
            }
        }
    }

    /// Deletes delivered and abandoned deliveries older than the retention.
    pub async fn purge(&self) -> Result<u64> {
        let before = self.clock.now() - self.policy.retention;
        self.store.purge_deliveries(before).await
    }

    async fn deliver_due(&self, report: &mut WebhookReport) -> Result<()> {
        let batch = self.policy.batch.max(1);
        loop {
            let now = self.clock.now();
            let claimed = self
                .store
                .claim_due_deliveries(now, now + self.policy.lease, batch)
                .await?;
            let count = u32::try_from(claimed.len()).unwrap_or(u32::MAX);
            report.claimed += count;
            for delivery in claimed {
                self.deliver(delivery, report).await;
            }
            if count < batch {
                return Ok(());
            }
        }
    }

    async fn deliver(&self, d: WebhookDelivery, report: &mut WebhookReport) {
        let attempt = d.attempts + 1;
        // The endpoint's host only: its path or query may carry a token of the receiver's.
        let host = url::Url::parse(&d.delivery.endpoint)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
            .unwrap_or_default();
        let span = tracing::info_span!(
            "webhook.deliver",
            delivery.id = %d.delivery.id,
            event.id = %d.delivery.event_id,
            event.kind = %d.delivery.event_type,
            webhook.host = %host,
            webhook.attempt = attempt,
        );
        let outcome = self.attempt(&d).instrument(span.clone()).await;
        let now = self.clock.now();
        let stored = async {
            match outcome {
                Attempt::Delivered(status) => {
                    report.delivered += 1;
                    counted("delivered");
                    tracing::info!(outcome = "delivered", status, "webhook delivered");
                    self.store
                        .mark_delivery_ok(d.delivery.id, attempt, status, now)
                        .await
                }
                Attempt::Refused(reason) => {
                    report.abandoned += 1;
                    counted("abandoned");
                    tracing::warn!(outcome = "abandoned", reason = %reason, "webhook abandoned");
                    self.store
                        .mark_delivery_failed(d.delivery.id, attempt, None, None, &reason, now)
                        .await
                }
                Attempt::Failed { status, error } => {
                    let next = now + self.policy.retry_delay(attempt, d.delivery.id);
                    let deadline = d.delivery.created_at + self.policy.retry_for;
                    if next > deadline {
                        report.abandoned += 1;
                        counted("abandoned");
                        let reason = format!(
                            "gave up after {attempt} attempts over {} hours: {error}",
                            self.policy.retry_for.whole_hours()
                        );
                        tracing::warn!(outcome = "abandoned", error = %error, "webhook abandoned");
                        return self
                            .store
                            .mark_delivery_failed(
                                d.delivery.id,
                                attempt,
                                None,
                                status,
                                &reason,
                                now,
                            )
                            .await;
                    }
                    report.retried += 1;
                    counted("retried");
                    tracing::info!(outcome = "retry", error = %error, "webhook failed; will retry");
                    self.store
                        .mark_delivery_failed(
                            d.delivery.id,
                            attempt,
                            Some(next),
                            status,
                            &error,
                            now,
                        )
                        .await
                }
            }
        }
        .instrument(span.clone())
        .await;
        if let Err(error) = stored {
            let _in_span = span.entered();
            // The lease runs out and the delivery is sent again: at least once.
            tracing::error!(%error, "could not record the webhook outcome");
        }
    }

    /// One POST, after the address check. Errors are built from status codes and error
    /// kinds, never from the URL (it may carry a token), the secret or the signature.
    async fn attempt(&self, d: &WebhookDelivery) -> Attempt {
        let Some(endpoint) = self.endpoints.get(&d.delivery.endpoint) else {
            return Attempt::Refused("the endpoint is no longer configured".into());
        };
        if !self.endpoints.allow_private
            && let Err(refused) = self.check_address(&endpoint.parsed).await
        {
            return refused;
        }
        let t = self.clock.now().unix_timestamp();
        let sent = self
            .client
            .post(endpoint.parsed.clone())
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header(
                SIGNATURE_HEADER,
                signature(&endpoint.secret, t, &d.delivery.body),
            )
            .body(d.delivery.body.clone())
            .send()
            .await;
        match sent {
            Ok(response) if response.status().is_success() => {
                Attempt::Delivered(response.status().as_u16())
            }
            Ok(response) => Attempt::Failed {
                status: Some(response.status().as_u16()),
                error: format!("answered {}", response.status().as_u16()),
            },
            Err(e) => {
                if let Some(refused) = refused_in(&e) {
                    return Attempt::Refused(refused.to_string());
                }
                let kind = if e.is_timeout() {
                    "timed out"
                } else if e.is_connect() {
                    "connection failed"
                } else {
                    "request failed"
                };
                Attempt::Failed {
                    status: None,
                    error: format!("{kind}: {}", e.without_url()),
                }
            }
        }
    }

    /// Refuses an address literal or a name that resolves to a [`forbidden`] address. A
    /// name that does not resolve now is a failed attempt, retried.
    async fn check_address(&self, url: &url::Url) -> std::result::Result<(), Attempt> {
        let Some(host) = url.host() else {
            return Err(Attempt::Refused("the url has no host".into()));
        };
        if let Some(ip) = host_ip(&host.to_owned()) {
            return if forbidden(ip) {
                Err(Attempt::Refused(format!(
                    "refused: {ip} is a private, loopback or link-local address"
                )))
            } else {
                Ok(())
            };
        }
        let port = url.port_or_known_default().unwrap_or(443);
        let name = url.host_str().unwrap_or_default();
        match checked_lookup(name, port).await {
            Ok(_) => Ok(()),
            Err(LookupError::Refused(r)) => Err(Attempt::Refused(r.to_string())),
            Err(LookupError::Dns(e)) => Err(Attempt::Failed {
                status: None,
                error: format!("dns lookup failed: {e}"),
            }),
        }
    }
}

/// The resolver's refusal, if that is what stopped the request.
fn refused_in(e: &reqwest::Error) -> Option<&Refused> {
    let mut source: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(e);
    while let Some(s) = source {
        if let Some(r) = s.downcast_ref::<Refused>() {
            return Some(r);
        }
        source = s.source();
    }
    None
}

/// Counts an attempt's outcome (a no-op unless the binary installed a recorder).
fn counted(outcome: &'static str) {
    metrics::counter!("latchkey_webhook_deliveries_total", "outcome" => outcome).increment(1);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(url: &str, events: &[&str]) -> WebhookConfig {
        WebhookConfig {
            url: url.into(),
            secret: "0123456789abcdef".into(),
            events: events.iter().map(|e| (*e).to_owned()).collect(),
        }
    }

    fn check(url: &str, dev: bool) -> std::result::Result<(), String> {
        WebhookEndpoints::from_config(&[config(url, &["*"])], dev)
            .map(|_| ())
            .map_err(|e| e.0)
    }

    #[test]
    fn urls_are_https_and_not_private_outside_dev_mode() {
        assert!(check("https://shop.example/hooks/latchkey", false).is_ok());
        assert!(check("https://93.184.215.14/hook", false).is_ok());
        assert!(
            check("http://shop.example/hook", false)
                .unwrap_err()
                .contains("https")
        );
        for private in [
            "https://127.0.0.1/",
            "https://10.1.2.3/",
            "https://192.168.0.1/",
            "https://172.16.0.1/",
            "https://169.254.169.254/latest/meta-data",
            "https://0.0.0.0/",
            "https://[::1]/",
            "https://[fd00::1]/",
            "https://[fe80::1]/",
            "https://[::ffff:10.0.0.1]/",
        ] {
            assert!(
                check(private, false).unwrap_err().contains("private"),
                "{private}"
            );
        }
        // Dev mode: plain http to loopback, nothing else.
        assert!(check("http://127.0.0.1:9000/hook", true).is_ok());
        assert!(check("http://localhost:9000/hook", true).is_ok());
        assert!(check("https://127.0.0.1/", true).is_ok());
        assert!(check("http://shop.example/hook", true).is_err());
        assert!(check("ftp://shop.example/", true).is_err());
    }

    #[test]
    fn secrets_event_names_and_duplicates_are_checked() {
        let mut short = config("https://a.example/", &["*"]);
        short.secret = "short".into();
        let e = WebhookEndpoints::from_config(&[short], false)
            .err()
            .unwrap();
        assert!(e.0.contains("16"), "{e}");
        assert!(!e.0.contains("short"), "the secret is not in the error");
        let unknown = config("https://a.example/", &["session.stolen"]);
        let e = WebhookEndpoints::from_config(&[unknown], false)
            .err()
            .unwrap();
        assert!(e.0.contains("session.stolen"), "{e}");
        let test_type = config("https://a.example/", &[TEST_EVENT_TYPE]);
        assert!(WebhookEndpoints::from_config(&[test_type], false).is_err());
        assert!(
            WebhookEndpoints::from_config(&[config("https://a.example/", &[])], false).is_err()
        );
        let twice = [
            config("https://a.example/", &["*"]),
            config("https://a.example/", &["*"]),
        ];
        assert!(WebhookEndpoints::from_config(&twice, false).is_err());
        for t in EventType::ALL {
            let one = config("https://a.example/", &[t.as_str()]);
            assert!(WebhookEndpoints::from_config(&[one], false).is_ok(), "{t}");
        }
    }

    #[test]
    fn forbidden_addresses() {
        for ip in [
            "127.0.0.1",
            "10.0.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "255.255.255.255",
            "224.0.0.1",
            "240.0.0.1",
            "::1",
            "::",
            "fc00::1",
            "fe80::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "64:ff9b::a00:1",
            "::127.0.0.1",
        ] {
            assert!(forbidden(ip.parse().unwrap()), "{ip}");
        }
        for ip in [
            "93.184.215.14",
            "8.8.8.8",
            "2606:4700::1111",
            "64:ff9b::808:808",
        ] {
            assert!(!forbidden(ip.parse().unwrap()), "{ip}");
        }
    }

    /// The receiver's side: HMAC-SHA256 over "<t>.<body>", hex.
    #[test]
    fn the_signature_is_hmac_sha256_of_timestamp_dot_body() {
        let secret: SecretString = "whsec_0123456789abcdef".into();
        let body = r#"{"id":"x"}"#;
        let sig = signature(&secret, 1_700_000_000, body);
        let mut mac = Hmac::<sha2::Sha256>::new_from_slice(b"whsec_0123456789abcdef").unwrap();
        mac.update(b"1700000000.{\"id\":\"x\"}");
        let want = hex::encode(mac.finalize().into_bytes());
        assert_eq!(sig, format!("t=1700000000,v1={want}"));
        assert_ne!(
            signature(&secret, 1_700_000_001, body),
            sig,
            "the time is signed"
        );
    }

    #[test]
    fn retries_start_within_the_first_delay_double_and_cap() {
        let policy = WebhookPolicy::default();
        for _ in 0..50 {
            let id = Uuid::now_v7();
            for attempts in 1..=12u32 {
                let d = policy.retry_delay(attempts, id);
                let exact =
                    (policy.first_retry * (1u32 << (attempts - 1))).min(policy.max_interval);
                assert!(d <= exact, "{attempts}: {d:?} > {exact:?}");
                assert!(d >= exact.mul_f64(0.9), "{attempts}: {d:?}");
            }
        }
        assert!(policy.retry_delay(1, Uuid::now_v7()) <= Duration::from_secs(30));
        assert!(policy.retry_delay(40, Uuid::now_v7()) <= Duration::from_secs(600));
    }

    #[test]
    fn the_body_has_the_documented_keys_in_order() {
        let event = Event {
            id: Uuid::now_v7(),
            identity_id: latchkey_domain::ids::IdentityId(Uuid::now_v7()),
            kind: EventType::SessionCreated,
            at: time::macros::datetime!(2025-03-01 12:00:00 UTC),
            ip: Some("203.0.113.9".into()),
            user_agent: Some("Firefox".into()),
            data: serde_json::json!({"method": "password"}),
            actor: None,
            outcome: EventType::SessionCreated.default_outcome(),
        };
        let body = event_body(&event);
        assert_eq!(
            body,
            format!(
                r#"{{"id":"{}","type":"session.created","created_at":"2025-03-01T12:00:00Z","identity_id":"{}","data":{{"method":"password"}}}}"#,
                event.id, event.identity_id.0
            )
        );
        let endpoints = WebhookEndpoints::from_config(
            &[
                config("https://all.example/", &["*"]),
                config("https://failed.example/", &["signin.failed"]),
                config(
                    "https://sessions.example/",
                    &["session.created", "identity.created"],
                ),
            ],
            false,
        )
        .unwrap();
        let now = OffsetDateTime::now_utc();
        let got: Vec<String> = endpoints
            .deliveries_for(&event, now)
            .into_iter()
            .map(|d| {
                assert_eq!((d.event_id, d.body.as_str()), (event.id, body.as_str()));
                d.endpoint
            })
            .collect();
        assert_eq!(got, ["https://all.example/", "https://sessions.example/"]);
        let test = endpoints
            .test_delivery("https://failed.example/", now)
            .unwrap();
        assert_eq!(test.event_type, TEST_EVENT_TYPE);
        assert!(
            endpoints
                .test_delivery("https://other.example/", now)
                .is_none()
        );
    }
}
