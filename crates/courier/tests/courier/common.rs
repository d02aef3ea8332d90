//! The courier's own test helpers: a scripted transport, an outage, a composed message.
//! The fresh store and the manual clock come from latchkey-testkit.

use async_trait::async_trait;
use latchkey_courier::{
    ComposeContext, Courier, CourierPolicy, Message, MessageLifetimes, SendError, Transport,
    Transports, compose,
};
use latchkey_flows::methods::code::messages::LoginCode;
use latchkey_i18n::Locale;
use latchkey_store::{Channel, DynStore, NewMessage};
use latchkey_testkit::ManualClock;
use latchkey_testkit::TestStore;
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use time::OffsetDateTime;
use uuid::Uuid;

pub fn ctx() -> ComposeContext {
    ComposeContext {
        sender_name: "Acme Shop".into(),
        public_url: "https://shop.example.com".into(),
        lifetimes: MessageLifetimes::default(),
        brand: Default::default(),
    }
}

pub fn message(template: &dyn Message, channel: Channel, to: &str, locale: Locale) -> NewMessage {
    compose(
        &ctx(),
        template,
        channel,
        to,
        locale,
        OffsetDateTime::now_utc(),
    )
}

/// A fresh, migrated SQLite store of the courier's own.
pub async fn store() -> TestStore {
    latchkey_testkit::sqlite_store("courier.db").await
}

/// A transport whose outcomes a test scripts; it records every message it was handed.
#[derive(Default)]
pub struct Scripted {
    pub outcomes: Mutex<VecDeque<Result<(), SendError>>>,
    pub sent: Mutex<Vec<Uuid>>,
    /// Wait this long in each send, so concurrent drains overlap.
    pub delay: Option<std::time::Duration>,
}

impl Scripted {
    pub fn with(outcomes: impl IntoIterator<Item = Result<(), SendError>>) -> Arc<Self> {
        Arc::new(Self {
            outcomes: Mutex::new(outcomes.into_iter().collect()),
            ..Self::default()
        })
    }

    pub fn counts(&self) -> HashMap<Uuid, usize> {
        let mut counts = HashMap::new();
        for id in self.sent.lock().expect("lock").iter() {
            *counts.entry(*id).or_default() += 1;
        }
        counts
    }
}

#[async_trait]
impl Transport for Scripted {
    async fn send(&self, msg: &NewMessage) -> Result<(), SendError> {
        if let Some(delay) = self.delay {
            tokio::time::sleep(delay).await;
        }
        self.sent.lock().expect("lock").push(msg.id);
        // When the script runs out, every further send succeeds.
        self.outcomes
            .lock()
            .expect("lock")
            .pop_front()
            .unwrap_or(Ok(()))
    }

    fn name(&self) -> &'static str {
        "scripted"
    }
}

pub fn courier(store: &DynStore, transport: Arc<dyn Transport>, clock: &ManualClock) -> Courier {
    Courier::new(
        store.clone(),
        Transports::single(transport),
        Arc::new(clock.clone()),
        CourierPolicy::default(),
    )
}

/// The store keeps milliseconds; messages built at a whole millisecond compare equal.
pub fn clock() -> ManualClock {
    latchkey_testkit::whole_millis_clock()
}

/// A login code composed at the clock's time, so it is due at once.
pub fn due(clock: &ManualClock, to: &str, code: &str) -> NewMessage {
    composed(clock, &LoginCode { code }, Channel::Email, to)
}

/// A relay that is down until a point in the test clock's time: every send before it fails
/// with a temporary error (as a refused connection does), every send from then on succeeds.
pub struct Outage {
    clock: ManualClock,
    until: OffsetDateTime,
    /// When each message was handed over successfully, by id.
    pub delivered: Mutex<HashMap<Uuid, OffsetDateTime>>,
    pub attempts: Mutex<usize>,
}

impl Outage {
    pub fn until(clock: &ManualClock, until: OffsetDateTime) -> Arc<Self> {
        Arc::new(Self {
            clock: clock.clone(),
            until,
            delivered: Mutex::default(),
            attempts: Mutex::default(),
        })
    }
}

#[async_trait]
impl Transport for Outage {
    async fn send(&self, msg: &NewMessage) -> Result<(), SendError> {
        use latchkey_domain::Clock;
        *self.attempts.lock().expect("lock") += 1;
        let now = self.clock.now();
        if now < self.until {
            return Err(SendError::temporary(
                "smtp connection error: connection refused",
            ));
        }
        self.delivered.lock().expect("lock").insert(msg.id, now);
        Ok(())
    }

    fn name(&self) -> &'static str {
        "outage"
    }
}

/// `template` composed at the clock's time, as a flow would compose it.
pub fn composed(
    clock: &ManualClock,
    template: &dyn Message,
    channel: Channel,
    to: &str,
) -> NewMessage {
    use latchkey_domain::Clock;
    compose(&ctx(), template, channel, to, Locale::En, clock.now())
}
