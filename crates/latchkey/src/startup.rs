//! Building the application from a config and a bound listener (tests bind port 0), and
//! running it: the HTTP server, the courier worker and the webhook worker in one process.

use crate::config::Config;
use crate::server::{self, ConnectionLimits};
use crate::web::{self, AppState};
use anyhow::Context;
use latchkey_courier::{
    ComposeContext, Courier, DevMailbox, SmsWebhook, SmtpTransport, Transport, Transports,
};
use latchkey_courier::{WebhookEndpoints, WebhookWorker};
use latchkey_domain::{Clock, CodePolicy, SystemClock};
use latchkey_flows::{Abuse, FlowParts, FlowSettings, Flows};
use latchkey_limits::{DynLimits, Resilient};
use latchkey_store::DynStore;
use secrecy::ExposeSecret;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio::sync::Notify;

pub struct Application {
    listener: TcpListener,
    router: axum::Router,
    /// `GET /metrics` on a listener of its own (`metrics_bind`), if any.
    metrics: Option<(TcpListener, axum::Router)>,
    limits: ConnectionLimits,
    /// `None` once [`Self::take_courier`] took it: then `run` starts no worker.
    courier: Option<Courier>,
    /// `None` once [`Self::take_webhooks`] took it: then `run` starts no webhook worker.
    webhooks: Option<WebhookWorker>,
    pub state: AppState,
}

impl Application {
    /// Binds `config.bind` and builds the application with the system clock.
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        let listener = TcpListener::bind(config.bind)
            .await
            .with_context(|| format!("cannot listen on {}", config.bind))?;
        Self::with_listener(config, listener, Arc::new(SystemClock)).await
    }

    /// Builds the application on `listener`; the metrics listener is bound here from
    /// `config.metrics_bind` (tests give `127.0.0.1:0` and read [`Self::metrics_addr`]).
    pub async fn with_listener(
        config: Config,
        listener: TcpListener,
        clock: Arc<dyn Clock>,
    ) -> anyhow::Result<Self> {
        let metrics_listener = match config.metrics_addr()? {
            Some(addr) => match TcpListener::bind(addr).await {
                Ok(listener) => Some(listener),
                // The demo must start on any machine: a port taken by something else
                // costs it its metrics, not its sign-in page. A deployment fails loudly.
                Err(error) if config.dev => {
                    tracing::warn!(%error, metrics.bind = %addr, "dev mode: no metrics listener (LATCHKEY_METRICS_BIND)");
                    None
                }
                Err(error) => {
                    return Err(anyhow::Error::new(error)
                        .context(format!("cannot listen on {addr} (LATCHKEY_METRICS_BIND)")));
                }
            },
            None => None,
        };
        let limits = ConnectionLimits {
            header_read_timeout: std::time::Duration::from_secs(config.header_read_timeout_secs),
            max_connections: config.max_connections,
        };
        // Checked here as well as in `Config::validate`: tests and embedders build from a
        // `Config` they did not load.
        config
            .webhook_delivery
            .validate()
            .map_err(|e| anyhow::anyhow!("configuration: {e}"))?;
        let webhooks = Arc::new(
            WebhookEndpoints::from_config(&config.webhooks, config.dev)
                .map_err(|e| anyhow::anyhow!("configuration: {e}"))?,
        );
        let store = latchkey_store::connect(&config.database_url)
            .await
            .context("cannot open the database")?;
        store
            .migrate()
            .await
            .context("cannot migrate the database")?;
        let courier = Courier::new(
            store.clone(),
            build_transports(&config, store.clone())?,
            clock.clone(),
            config.courier.policy(),
        );
        let webhook_worker = WebhookWorker::new(
            store.clone(),
            clock.clone(),
            webhooks.clone(),
            config.webhook_delivery.policy(),
        )
        .map_err(|e| anyhow::anyhow!("{e}"))?;
        let abuse = build_abuse(&config).await?;
        let flows = build_flows(&config, store, clock, courier.notifier(), abuse, webhooks)?;
        let trusted_proxies = config
            .trusted_proxies
            .iter()
            .map(|c| crate::config::parse_cidr(c).map_err(anyhow::Error::msg))
            .collect::<anyhow::Result<Vec<_>>>()?;
        let brand = crate::brand::Brand::load(&config.brand, &config.sender_name, config.dev)?;
        let state = AppState::new(web::Shared {
            flows,
            config: Arc::new(config),
            trusted_proxies: Arc::new(trusted_proxies),
            brand: Arc::new(brand),
        });
        let router = web::router(state.clone());
        let metrics =
            metrics_listener.map(|l| (l, web::metrics::router().with_state(state.clone())));
        Ok(Self {
            listener,
            router,
            metrics,
            limits,
            courier: Some(courier),
            webhooks: Some(webhook_worker),
            state,
        })
    }

    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Where `GET /metrics` is served; `None` when `metrics_bind` is off.
    pub fn metrics_addr(&self) -> Option<SocketAddr> {
        self.metrics
            .as_ref()
            .and_then(|(listener, _)| listener.local_addr().ok())
    }

    /// Takes the courier out, so that [`Self::run`] starts no background worker and the
    /// caller delivers with `Courier::drain` when it chooses (tests do, to read the
    /// mailbox at once instead of waiting for a worker).
    pub fn take_courier(&mut self) -> Option<Courier> {
        self.courier.take()
    }

    /// Takes the webhook worker out, as [`Self::take_courier`] does the courier: tests
    /// dispatch and deliver with `WebhookWorker::drain` when they choose.
    pub fn take_webhooks(&mut self) -> Option<WebhookWorker> {
        self.webhooks.take()
    }

    /// Serves HTTP (and the metrics listener) and runs the courier until `shutdown`
    /// resolves; the courier finishes the round it is in, so no message is left
    /// half-sent.
    pub async fn run(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let stop = Arc::new(Notify::new());
        let courier_stop = stop.clone();
        let courier = self
            .courier
            .map(|c| tokio::spawn(c.run(async move { courier_stop.notified().await })));
        let webhooks_stop = Arc::new(Notify::new());
        let webhooks = self.webhooks.map(|w| {
            let stop = webhooks_stop.clone();
            tokio::spawn(w.run(async move { stop.notified().await }))
        });
        let eraser_stop = Arc::new(Notify::new());
        let eraser = tokio::spawn(erase_due_accounts(
            self.state.flows.clone(),
            eraser_stop.clone(),
        ));
        let metrics_stop = Arc::new(Notify::new());
        let metrics = self.metrics.map(|(listener, router)| {
            let stop = metrics_stop.clone();
            tokio::spawn(server::serve(listener, router, self.limits, async move {
                stop.notified().await
            }))
        });
        let served = server::serve(self.listener, self.router, self.limits, shutdown)
            .await
            .context("server error");
        metrics_stop.notify_one();
        if let Some(metrics) = metrics {
            let _ = metrics.await;
        }
        eraser_stop.notify_one();
        let _ = eraser.await;
        // notify_one stores a permit, so the courier stops even if it is mid-round now.
        stop.notify_one();
        if let Some(courier) = courier {
            let _ = courier.await;
        }
        // Its round finishes first: a POST in flight is recorded, not left leased.
        webhooks_stop.notify_one();
        if let Some(webhooks) = webhooks {
            let _ = webhooks.await;
        }
        served
    }
}

/// How often `serve` erases the accounts whose deletion grace period is over (and deletes
/// events past their retention).
const ERASE_EVERY: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// Every [`ERASE_EVERY`] (the first after one period, so a start is not slowed), erases
/// the accounts due, until `stop`. A pass in progress finishes first. Every node may run
/// it: erasing is conditional in the store, so two nodes erase an account once.
async fn erase_due_accounts(flows: Flows, stop: Arc<Notify>) {
    let mut every =
        tokio::time::interval_at(tokio::time::Instant::now() + ERASE_EVERY, ERASE_EVERY);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = stop.notified() => return,
            _ = every.tick() => {}
        }
        match flows.erase_due_accounts().await {
            Ok(0) => {}
            Ok(n) => tracing::info!(erased = n, "accounts erased after their grace period"),
            Err(e) => tracing::error!(error = %e, "erasing due accounts failed"),
        }
        // The events' retention rides the same timer (`[events] retention_days`).
        if let Err(e) = flows.purge_old_events().await {
            tracing::error!(error = %e, "purging old events failed");
        }
    }
}

/// SMTP and the SMS webhook when configured; in dev mode the dev mailbox stands in for
/// whichever is not. Outside dev mode SMS is simply off without `sms_url` (flows refuse
/// phone codes then), so nothing is ever queued for a transport that does not exist.
fn build_transports(config: &Config, store: DynStore) -> anyhow::Result<Transports> {
    let mailbox: Arc<dyn Transport> = Arc::new(DevMailbox::new(store));
    let email: Arc<dyn Transport> = match &config.smtp_url {
        Some(url) => Arc::new(
            SmtpTransport::from_url(url.expose_secret(), &config.smtp_from)
                .context("LATCHKEY_SMTP_URL / LATCHKEY_SMTP_FROM")?
                .with_sender_name(&config.brand.shop_name(&config.sender_name)),
        ),
        None if config.dev => mailbox.clone(),
        None => anyhow::bail!("no email transport: set LATCHKEY_SMTP_URL"),
    };
    let sms: Arc<dyn Transport> = match &config.sms_url {
        Some(url) => Arc::new(SmsWebhook::new(url.expose_secret()).context("LATCHKEY_SMS_URL")?),
        None => mailbox,
    };
    Ok(Transports { email, sms })
}

/// The flows a tool (`latchkey admin`) runs on: the configured database, migrated, and
/// [`offline_flows`] on it.
pub async fn tool_flows(config: &Config) -> anyhow::Result<Flows> {
    let store = latchkey_store::connect(&config.database_url)
        .await
        .context("cannot open the database")?;
    store
        .migrate()
        .await
        .context("cannot migrate the database")?;
    offline_flows(config, store)
}

/// Lockout, limits, challenge and captcha from `[limits]`, keyed by `secret_key`.
async fn build_abuse(config: &Config) -> anyhow::Result<Abuse> {
    let secret: Vec<u8> = match &config.secret_key {
        Some(key) => key.expose_secret().as_bytes().to_vec(),
        None if config.dev => {
            // Dev only: device tokens and challenges stop verifying at each restart.
            tracing::warn!(
                "no LATCHKEY_SECRET_KEY: using a random one until this process stops (dev mode)"
            );
            let mut key = vec![0u8; 32];
            getrandom::fill(&mut key).map_err(|e| anyhow::anyhow!("random source: {e}"))?;
            key
        }
        None => anyhow::bail!("LATCHKEY_SECRET_KEY is required outside dev mode"),
    };
    let limits: DynLimits = match &config.redis_url {
        Some(url) => {
            let r = Resilient::with_redis(url.expose_secret())
                .map_err(|e| anyhow::anyhow!("LATCHKEY_REDIS_URL: {e}"))?;
            r.probe().await;
            Arc::new(r)
        }
        None => Arc::new(Resilient::local()),
    };
    Ok(Abuse::with_config(&secret, limits, &config.limits))
}

fn build_flows(
    config: &Config,
    store: DynStore,
    clock: Arc<dyn Clock>,
    courier: Arc<Notify>,
    abuse: Abuse,
    webhooks: Arc<WebhookEndpoints>,
) -> anyhow::Result<Flows> {
    let hasher = config
        .hashing
        .hasher()
        .context("invalid hashing parameters")?;
    let codes = CodePolicy::default();
    let settings = FlowSettings::new(
        &config.session,
        &config.recovery,
        config.default_phone_region.clone(),
        config.dev || config.sms_url.is_some(),
    )
    .with_account(&config.account);
    let lifetimes = settings.message_lifetimes(&codes, &abuse, config.courier.notice_retry());
    Ok(Flows::new(FlowParts {
        store,
        clock,
        hasher,
        passwords: Arc::new(config.password.policy()),
        codes,
        compose: Arc::new(ComposeContext {
            sender_name: config.brand.shop_name(&config.sender_name),
            public_url: config.public_url.trim_end_matches('/').to_owned(),
            lifetimes,
            brand: crate::brand::Brand::load(&config.brand, &config.sender_name, config.dev)?
                .mail(&config.public_url),
        }),
        settings: Arc::new(settings),
        courier,
        abuse: Arc::new(abuse),
        passkeys: passkey_party(config),
        providers: Arc::new(
            latchkey_flows::methods::social::Providers::from_config(&config.oidc)
                .map_err(|e| anyhow::anyhow!("[[oidc.providers]]: {e}"))?,
        ),
        places: Arc::new(match &config.geoip_database {
            Some(path) => latchkey_flows::kernel::places::Places::open(path)
                .context("LATCHKEY_GEOIP_DATABASE / geoip_database")?,
            None => latchkey_flows::kernel::places::Places::none(),
        }),
        admin: Arc::new(latchkey_flows::AdminSettings::new(
            config.admin_token.as_ref().map(|t| t.expose_secret()),
            &config.events,
        )),
        webhooks,
    }))
}

/// The WebAuthn relying party of `public_url` (its host is the RP id, its origin the only
/// one accepted). Browsers refuse an IP address as an RP id: passkeys are then off, and
/// the log says why once.
fn passkey_party(config: &Config) -> Option<Arc<latchkey_flows::methods::passkey::Ceremonies>> {
    let url = url::Url::parse(&config.public_url).ok()?;
    let is_ip = matches!(url.host(), Some(url::Host::Ipv4(_) | url::Host::Ipv6(_)));
    if is_ip {
        tracing::warn!(
            public_url = %config.public_url,
            "passkeys are off: a relying party needs a host name, not an IP address (use http://localhost:… in dev)"
        );
        return None;
    }
    match latchkey_flows::methods::passkey::Ceremonies::new(
        &url,
        &config.brand.shop_name(&config.sender_name),
    ) {
        Ok(party) => Some(Arc::new(party)),
        Err(e) => {
            tracing::warn!(error = %e, "passkeys are off: the public URL is no WebAuthn relying party");
            None
        }
    }
}

/// The flows for an offline command (`latchkey admin`, `latchkey import`): the store, the
/// clock, the hashing pool and the password policy from `config`; no transport and no
/// courier (a message the command causes stays in the outbox until `serve` delivers it),
/// local limits under a throwaway key (no command path reaches them), and the webhook
/// endpoints without their worker (events a tool records wait, undispatched, for
/// `serve`'s).
pub fn offline_flows(config: &Config, store: DynStore) -> anyhow::Result<Flows> {
    let mut key = vec![0u8; 32];
    getrandom::fill(&mut key).map_err(|e| anyhow::anyhow!("random source: {e}"))?;
    let abuse = Abuse::with_config(&key, Arc::new(Resilient::local()), &config.limits);
    let webhooks = WebhookEndpoints::from_config(&config.webhooks, config.dev)
        .map_err(|e| anyhow::anyhow!("configuration: {e}"))?;
    build_flows(
        config,
        store,
        Arc::new(SystemClock),
        Arc::new(Notify::new()),
        abuse,
        Arc::new(webhooks),
    )
}
