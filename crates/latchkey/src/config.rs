//! Configuration in layers: built-in defaults (dev-mode defaults with `--dev`), then the
//! TOML file, then `LATCHKEY_*` environment variables (nested keys with `__`:
//! `LATCHKEY_PASSWORD__MIN_LENGTH=10`). Secrets are `SecretString`, redacted in `Debug`.

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use std::path::Path;

// Each section is the policy struct of the crate that uses it, with its defaults; this
// file only nests them.
pub use latchkey_courier::CourierConfig;
pub use latchkey_domain::PasswordConfig;
pub use latchkey_flows::methods::social::config::{
    OidcConfig, ProviderConfig, ProviderKind, ResponseMode,
};
pub use latchkey_flows::{
    AccountConfig, HashingConfig, LimitsConfig, RecoveryConfig, RuleConfig, SessionConfig,
};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Listen address.
    pub bind: SocketAddr,
    /// Where `GET /metrics` is served: a listener of its own, never the public one (its
    /// counters describe traffic, which is for operators only). Empty or `off`: no metrics.
    pub metrics_bind: String,
    /// Seconds a client may take to send a request head (also the idle time allowed
    /// between requests on a kept-alive connection) before the connection is closed.
    pub header_read_timeout_secs: u64,
    /// Connections served at once on each listener; further ones wait, unaccepted, until
    /// one closes.
    pub max_connections: usize,
    /// Base URL for links in messages; never taken from the Host header.
    pub public_url: String,
    /// `sqlite://path.db` or `postgres://…`.
    pub database_url: String,
    /// Optional Redis for counters shared by several nodes.
    #[serde(serialize_with = "ser_secret_opt")]
    pub redis_url: Option<SecretString>,
    /// `smtp://[user:pass@]host:port` (STARTTLS when offered) or `smtps://…` (implicit TLS).
    #[serde(serialize_with = "ser_secret_opt")]
    pub smtp_url: Option<SecretString>,
    /// Sender address of emails.
    pub smtp_from: String,
    /// SMS gateway webhook; Latchkey POSTs `{"to","body","locale"}`.
    #[serde(serialize_with = "ser_secret_opt")]
    pub sms_url: Option<SecretString>,
    /// Bootstrap bearer token for the admin API.
    #[serde(serialize_with = "ser_secret_opt")]
    pub admin_token: Option<SecretString>,
    /// Dev mode: dev mailbox, cookies without `Secure`, `/dev/mailbox`.
    pub dev: bool,
    /// The name messages are signed with (the shop's name).
    pub sender_name: String,
    /// Region (ISO 3166 alpha-2) for phone numbers typed without a country code.
    pub default_phone_region: Option<String>,
    /// A GeoIP database in MaxMind's `.mmdb` format (GeoLite2 City or GeoIP2 City): the
    /// device list, the activity page and the new-device notice then name each address's
    /// city and country. Unset: no places. A missing or unreadable file stops startup.
    pub geoip_database: Option<String>,
    /// Where `?return_to=` may send people after sign-in (URL prefixes).
    pub return_to_allowlist: Vec<String>,
    /// Request bodies larger than this are refused with 413.
    pub max_body_bytes: usize,
    /// `text` or `json`.
    pub log_format: LogFormat,
    /// Signs device tokens and challenges (at least 32 characters of randomness; the same
    /// on every node). Required outside dev mode; dev mode makes one up at start.
    #[serde(serialize_with = "ser_secret_opt")]
    pub secret_key: Option<SecretString>,
    /// Proxies (CIDRs, `10.0.0.0/8`, `::1/128`) whose `X-Forwarded-For` is believed: the
    /// client is the right-most address not in this list. Empty: the socket's peer.
    pub trusted_proxies: Vec<String>,
    /// `[password]`: what a new password must be (the domain's password policy).
    pub password: PasswordConfig,
    /// `[session]`: how long sessions last (the flows').
    pub session: SessionConfig,
    /// `[hashing]`: Argon2id and its pool of threads (the flows').
    pub hashing: HashingConfig,
    /// `[recovery]`: reset and report links (the flows').
    pub recovery: RecoveryConfig,
    /// `[limits]`: abuse protection: lockout, rate limits, the challenge, an optional
    /// captcha (the flows').
    pub limits: LimitsConfig,
    /// `[courier]`: the outbox's retries and retention (the courier's).
    pub courier: CourierConfig,
    /// `[account]`: account deletion's grace period (the flows').
    pub account: AccountConfig,
    /// `[[oidc.providers]]`: the social sign-in providers, in the order their buttons
    /// show (the flows').
    #[serde(default)]
    pub oidc: OidcConfig,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Text,
    Json,
}

/// `LATCHKEY_*` variables that are not settings: the command line's `LATCHKEY_CONFIG`, the
/// log filter `LATCHKEY_LOG`, and what the test tooling sets. Every other `LATCHKEY_*`
/// variable must be a setting, so a typo stops the start instead of being ignored.
const NOT_SETTINGS: &[&str] = &["config", "log", "require_peers", "bin", "test_log"];

fn ser_secret_opt<S: serde::Serializer>(v: &Option<SecretString>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(secret) => s.serialize_some(secret.expose_secret()),
        None => s.serialize_none(),
    }
}

impl Config {
    fn defaults(dev: bool) -> Self {
        Self {
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            metrics_bind: "127.0.0.1:9090".into(),
            header_read_timeout_secs: 10,
            max_connections: 10_000,
            // In dev mode `localhost`, not the IP address: passkeys need a host name
            // (browsers refuse an IP as a WebAuthn relying party).
            public_url: if dev {
                "http://localhost:8080".into()
            } else {
                "http://127.0.0.1:8080".into()
            },
            database_url: "sqlite://latchkey.db".into(),
            redis_url: None,
            smtp_url: None,
            smtp_from: "no-reply@localhost".into(),
            sms_url: None,
            admin_token: None,
            dev,
            sender_name: "Latchkey".into(),
            default_phone_region: None,
            geoip_database: None,
            return_to_allowlist: Vec::new(),
            max_body_bytes: 64 * 1024,
            log_format: LogFormat::Text,
            secret_key: None,
            trusted_proxies: Vec::new(),
            password: PasswordConfig::default(),
            session: SessionConfig::default(),
            hashing: HashingConfig::default(),
            recovery: RecoveryConfig::default(),
            limits: LimitsConfig::default(),
            courier: CourierConfig::default(),
            account: AccountConfig::default(),
            oidc: OidcConfig::default(),
        }
    }

    /// Defaults, then the file, then the environment. `dev` picks the dev-mode defaults;
    /// every explicit setting still wins.
    pub fn load(file: Option<&Path>, dev: bool) -> Result<Self, ConfigError> {
        let mut config = Self::layers(file, dev)?;
        if dev {
            config.dev = true;
        }
        config.validate()?;
        Ok(config)
    }

    /// The same layers as [`Self::load`] for the offline commands (`latchkey import`),
    /// which open only the database: without the checks that only a server needs (a
    /// courier transport, the secret key, an https public URL).
    pub fn load_for_tools(file: Option<&Path>) -> Result<Self, ConfigError> {
        Self::layers(file, false)
    }

    fn layers(file: Option<&Path>, dev: bool) -> Result<Self, ConfigError> {
        let mut figment = Figment::from(Serialized::defaults(Self::defaults(dev)));
        if let Some(path) = file {
            if !path.exists() {
                return Err(ConfigError(format!(
                    "config file {} not found",
                    path.display()
                )));
            }
            figment = figment.merge(Toml::file(path));
        }
        figment = figment.merge(Env::prefixed("LATCHKEY_").split("__").ignore(NOT_SETTINGS));
        figment.extract().map_err(|e| ConfigError(e.to_string()))
    }

    /// Refuses settings that would be unsafe in production, saying what to set.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let url = url::Url::parse(&self.public_url)
            .map_err(|e| ConfigError(format!("LATCHKEY_PUBLIC_URL is not a URL: {e}")))?;
        self.metrics_addr()?;
        if self.header_read_timeout_secs == 0 {
            return Err(ConfigError(
                "LATCHKEY_HEADER_READ_TIMEOUT_SECS must be at least 1".into(),
            ));
        }
        if self.max_connections == 0 {
            return Err(ConfigError(
                "LATCHKEY_MAX_CONNECTIONS must be at least 1".into(),
            ));
        }
        for cidr in &self.trusted_proxies {
            parse_cidr(cidr).map_err(|e| ConfigError(format!("trusted_proxies: {e}")))?;
        }
        if self.limits.captcha_provider.is_some()
            && (self.limits.captcha_site_key.is_none() || self.limits.captcha_secret.is_none())
        {
            return Err(ConfigError(
                "limits.captcha_provider needs limits.captcha_site_key and limits.captcha_secret"
                    .into(),
            ));
        }
        if self.courier.notice_retry_hours < 1 || self.courier.retention_days < 1 {
            return Err(ConfigError(
                "courier.notice_retry_hours and courier.retention_days must be at least 1".into(),
            ));
        }
        if let Some(key) = &self.secret_key
            && key.expose_secret().len() < 32
        {
            return Err(ConfigError(
                "LATCHKEY_SECRET_KEY must be at least 32 characters (e.g. `openssl rand -base64 48`)".into(),
            ));
        }
        if self.dev {
            return Ok(());
        }
        if self.smtp_url.is_none() {
            return Err(ConfigError(
                "no courier transport: set LATCHKEY_SMTP_URL (and LATCHKEY_SMTP_FROM), or run with --dev to use the dev mailbox".into(),
            ));
        }
        if self.secret_key.is_none() {
            return Err(ConfigError(
                "no LATCHKEY_SECRET_KEY: set one (at least 32 random characters, the same on every node); it signs device tokens and challenges".into(),
            ));
        }
        if url.scheme() != "https" && !self.bind.ip().is_loopback() {
            return Err(ConfigError(format!(
                "LATCHKEY_PUBLIC_URL must be https:// when listening on {} (links in messages and Secure cookies depend on it)",
                self.bind
            )));
        }
        Ok(())
    }

    /// The metrics listener's address; `None` when metrics are off.
    pub fn metrics_addr(&self) -> Result<Option<SocketAddr>, ConfigError> {
        let value = self.metrics_bind.trim();
        if value.is_empty() || value.eq_ignore_ascii_case("off") {
            return Ok(None);
        }
        value.parse().map(Some).map_err(|_| {
            ConfigError(format!(
                "LATCHKEY_METRICS_BIND {value:?} is not an address (e.g. 127.0.0.1:9090), empty or `off`"
            ))
        })
    }

    /// Cookies go without `Secure` only in dev mode over plain http.
    pub fn secure_cookies(&self) -> bool {
        !(self.dev && self.public_url.starts_with("http://"))
    }
}

/// `10.0.0.0/8`, `::1/128`, or a bare address (one host). An IPv4-mapped range
/// (`::ffff:10.0.0.0/104`) becomes its IPv4 range, since client addresses are compared
/// in their canonical form.
pub fn parse_cidr(s: &str) -> Result<ipnet::IpNet, String> {
    let s = s.trim();
    let net = s
        .parse::<ipnet::IpNet>()
        .or_else(|_| s.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
        .map_err(|_| format!("{s:?} is not an address or CIDR"))?;
    Ok(match net {
        ipnet::IpNet::V6(v6) if v6.prefix_len() >= 96 => match v6.addr().to_ipv4_mapped() {
            Some(v4) => ipnet::Ipv4Net::new(v4, v6.prefix_len() - 96)
                .map(ipnet::IpNet::V4)
                .unwrap_or(net),
            None => net,
        },
        _ => net,
    })
}

#[derive(Debug, Clone, thiserror::Error)]
#[error("configuration: {0}")]
pub struct ConfigError(pub String);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn production_needs_a_transport_and_https() {
        let mut c = Config::defaults(false);
        assert!(c.validate().unwrap_err().0.contains("LATCHKEY_SMTP_URL"));
        c.smtp_url = Some("smtp://localhost:25".into());
        assert!(c.validate().unwrap_err().0.contains("LATCHKEY_SECRET_KEY"));
        c.secret_key = Some("k".repeat(40).into());
        assert!(c.validate().is_ok(), "loopback bind may use http");
        c.bind = "0.0.0.0:8080".parse().unwrap();
        assert!(c.validate().unwrap_err().0.contains("https"));
        c.public_url = "https://accounts.shop.example".into();
        assert!(c.validate().is_ok());
    }

    #[test]
    #[allow(clippy::result_large_err)] // figment's Jail decides the closure's error type
    fn tooling_variables_are_not_settings_but_typos_are_refused() {
        figment::Jail::expect_with(|jail| {
            jail.set_env("LATCHKEY_REQUIRE_PEERS", "1");
            jail.set_env("LATCHKEY_LOG", "debug");
            jail.set_env("LATCHKEY_CONFIG", "ignored.toml");
            jail.set_env("LATCHKEY_SENDER_NAME", "Acme");
            jail.set_env("LATCHKEY_PASSWORD__MIN_LENGTH", "10");
            jail.set_env("LATCHKEY_SESSION__IDLE_HOURS", "5");
            jail.set_env("LATCHKEY_LIMITS__SIGN_IN_PER_IP__MAX", "7");
            jail.set_env("LATCHKEY_COURIER__RETENTION_DAYS", "3");
            let c = Config::load(None, true).map_err(|e| e.0)?;
            assert_eq!(c.sender_name, "Acme");
            assert_eq!(c.password.min_length, 10);
            assert_eq!(c.session.idle_hours, 5);
            assert_eq!(c.limits.sign_in_per_ip.max, 7);
            assert_eq!(c.courier.retention_days, 3);
            jail.set_env("LATCHKEY_SENDR_NAME", "typo");
            assert!(Config::load(None, true).is_err());
            Ok(())
        });
    }

    #[test]
    fn dev_mode_needs_nothing_and_drops_secure() {
        let c = Config::defaults(true);
        assert!(c.validate().is_ok());
        assert!(!c.secure_cookies());
    }

    /// `latchkey.example.toml` at the repository root, with its commented-out examples
    /// (`# key = value`) uncommented when `uncomment`.
    fn example(uncomment: bool) -> String {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../latchkey.example.toml");
        let text = std::fs::read_to_string(&path).expect("latchkey.example.toml");
        if !uncomment {
            return text;
        }
        text.lines()
            .map(|line| match line.strip_prefix("# ") {
                Some(rest) if is_key_line(rest) => rest,
                _ => line,
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn is_key_line(line: &str) -> bool {
        line.split_once(" = ").is_some_and(|(key, _)| {
            !key.is_empty() && key.chars().all(|c| c.is_ascii_lowercase() || c == '_')
        })
    }

    /// Every key path (`bind`, `password.min_length`) of a JSON object, tables included.
    fn key_paths(value: &serde_json::Value, prefix: &str, out: &mut Vec<String>) {
        if let Some(map) = value.as_object() {
            for (key, v) in map {
                let path = format!("{prefix}{key}");
                key_paths(v, &format!("{path}."), out);
                out.push(path);
            }
        }
    }

    fn paths_of(value: &serde_json::Value) -> Vec<String> {
        let mut out = Vec::new();
        key_paths(value, "", &mut out);
        out.sort();
        out
    }

    #[test]
    fn the_example_config_lists_every_key_with_its_default() {
        let defaults = serde_json::to_value(Config::defaults(false)).unwrap();

        // As shipped, it loads and changes nothing: its values are the defaults.
        let shipped: Config = Figment::from(Serialized::defaults(Config::defaults(false)))
            .merge(Toml::string(&example(false)))
            .extract()
            .expect("the example parses as a Config");
        assert_eq!(serde_json::to_value(shipped).unwrap(), defaults);

        // Uncommented, it names every key of Config, nested ones included, with values of
        // the right types (deny_unknown_fields refuses a key Config lacks).
        let full: serde_json::Value = Figment::from(Toml::string(&example(true)))
            .extract()
            .expect("the uncommented example parses");
        Figment::from(Toml::string(&example(true)))
            .extract::<Config>()
            .expect("every uncommented key is a Config key of the right type");
        assert_eq!(
            paths_of(&full),
            paths_of(&defaults),
            "keys differ from Config"
        );

        // Each key says its environment variable.
        let text = example(false);
        for path in paths_of(&defaults) {
            if defaults
                .pointer(&format!("/{}", path.replace('.', "/")))
                .is_some_and(|v| v.is_object())
            {
                continue;
            }
            let var = format!("LATCHKEY_{}", path.replace('.', "__").to_uppercase());
            assert!(
                text.contains(&format!("# env: {var}")),
                "latchkey.example.toml lacks `# env: {var}`"
            );
        }
    }

    #[test]
    fn the_example_config_loads_as_a_file() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../latchkey.example.toml");
        let config = Config::load(Some(&path), true).expect("loads in dev mode");
        assert_eq!(config.bind, Config::defaults(true).bind);
    }

    #[test]
    fn trusted_proxies_and_secret_key_are_checked() {
        let mut c = Config::defaults(true);
        c.trusted_proxies = vec!["10.0.0.0/8".into(), "::1".into()];
        assert!(c.validate().is_ok());
        c.trusted_proxies.push("nonsense".into());
        assert!(c.validate().unwrap_err().0.contains("trusted_proxies"));
        let mut c = Config::defaults(true);
        c.secret_key = Some("short".into());
        assert!(c.validate().unwrap_err().0.contains("32"));
    }

    #[test]
    fn metrics_bind_is_an_address_or_off() {
        let mut c = Config::defaults(false);
        assert_eq!(
            c.metrics_addr().unwrap(),
            Some("127.0.0.1:9090".parse().unwrap()),
            "on loopback by default, away from the public listener"
        );
        for off in ["", "off", "OFF", " "] {
            c.metrics_bind = off.into();
            assert_eq!(c.metrics_addr().unwrap(), None, "{off:?}");
        }
        c.metrics_bind = "nonsense".into();
        let mut dev = Config::defaults(true);
        dev.metrics_bind = c.metrics_bind.clone();
        assert!(dev.validate().unwrap_err().0.contains("METRICS_BIND"));
    }

    #[test]
    fn connection_limits_are_positive() {
        let mut c = Config::defaults(true);
        assert_eq!(
            (c.header_read_timeout_secs, c.max_connections),
            (10, 10_000)
        );
        c.header_read_timeout_secs = 0;
        assert!(c.validate().is_err());
        let mut c = Config::defaults(true);
        c.max_connections = 0;
        assert!(c.validate().is_err());
    }

    #[test]
    fn ipv4_mapped_proxy_ranges_become_ipv4_ranges() {
        assert_eq!(
            parse_cidr("::ffff:10.0.0.0/104").unwrap(),
            "10.0.0.0/8".parse::<ipnet::IpNet>().unwrap()
        );
        assert_eq!(
            parse_cidr("::ffff:192.0.2.7").unwrap(),
            "192.0.2.7/32".parse::<ipnet::IpNet>().unwrap()
        );
        assert_eq!(
            parse_cidr("2001:db8::/32").unwrap(),
            "2001:db8::/32".parse::<ipnet::IpNet>().unwrap()
        );
    }

    #[test]
    fn secrets_are_redacted_in_debug() {
        let mut c = Config::defaults(true);
        c.smtp_url = Some("smtp://user:hunter2@mail:25".into());
        assert!(!format!("{c:?}").contains("hunter2"));
    }
}
