//! Counters in Redis, each update one atomic Lua script, so every node sees every hit.

use crate::{Hit, Limits, LimitsError, window_of};
use async_trait::async_trait;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use time::{Duration, OffsetDateTime};

/// KEYS[1] = window key, ARGV[1] = amount, ARGV[2] = expiry in ms. The expiry is set
/// when the key is created, so a window's counter lives as long as the window.
const ADD: &str = r"
local v = redis.call('INCRBY', KEYS[1], ARGV[1])
if redis.call('PTTL', KEYS[1]) < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return v
";

#[derive(Clone)]
pub struct RedisLimits {
    conn: ConnectionManager,
    add: redis::Script,
}

fn err(e: redis::RedisError) -> LimitsError {
    LimitsError::Unavailable(e.to_string())
}

impl RedisLimits {
    /// Does not connect yet: the first call does, and reconnects after a failure.
    pub fn lazy(url: &str) -> Result<Self, LimitsError> {
        let client = redis::Client::open(url).map_err(err)?;
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(std::time::Duration::from_millis(500)))
            .set_response_timeout(Some(std::time::Duration::from_millis(500)))
            .set_number_of_retries(1);
        Ok(Self {
            conn: ConnectionManager::new_lazy_with_config(client, config).map_err(err)?,
            add: redis::Script::new(ADD),
        })
    }

    pub async fn ping(&self) -> Result<(), LimitsError> {
        let mut conn = self.conn.clone();
        redis::cmd("PING")
            .query_async::<String>(&mut conn)
            .await
            .map(|_| ())
            .map_err(err)
    }
}

#[async_trait]
impl Limits for RedisLimits {
    async fn add(
        &self,
        key: &str,
        n: u64,
        window: Duration,
        now: OffsetDateTime,
    ) -> Result<Hit, LimitsError> {
        let (wkey, len, resets_in) = window_of(key, window, now);
        let mut conn = self.conn.clone();
        let count: u64 = self
            .add
            .key(format!("latchkey:{wkey}"))
            .arg(n)
            .arg(len + 1000)
            .invoke_async(&mut conn)
            .await
            .map_err(err)?;
        Ok(Hit { count, resets_in })
    }

    async fn first_use(
        &self,
        key: &str,
        until: OffsetDateTime,
        now: OffsetDateTime,
    ) -> Result<bool, LimitsError> {
        let ttl = (until - now).whole_milliseconds().max(1) as u64;
        let mut conn = self.conn.clone();
        // SET NX is atomic on its own: of two nodes, exactly one sets the mark.
        let set: Option<String> = redis::cmd("SET")
            .arg(format!("latchkey:once:{key}"))
            .arg(1)
            .arg("NX")
            .arg("PX")
            .arg(ttl)
            .query_async(&mut conn)
            .await
            .map_err(err)?;
        Ok(set.is_some())
    }

    fn describe(&self) -> String {
        "redis".into()
    }
}
