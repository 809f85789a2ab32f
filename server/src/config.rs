//! Configuration from environment variables, with defaults that run the
//! product on one machine with nothing to set up.

use crate::address::Reach;
use crate::secrets::{MasterKey, SecretError};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Clone, Debug)]
pub struct Config {
    /// `LEPTOS_SITE_ADDR`: where to listen (default 127.0.0.1:3000).
    pub site_addr: SocketAddr,
    /// `DATABASE_URL`: `sqlite://...` (default `sqlite://<data dir>/lipa.db`)
    /// or `postgres://...`.
    pub database_url: String,
    /// `LIPA_PUBLIC_URL`: base of the checkout URLs we hand out, without a
    /// trailing slash (default `http://localhost:<port>`).
    pub public_url: String,
    /// `LIPA_DATA_DIR`: where the SQLite file and master key live (default `./data`).
    pub data_dir: PathBuf,
    /// `LIPA_BOOTSTRAP_API_KEY`: an `sk_test_...` key to ensure at start-up,
    /// with a demo merchant and a product with every method.
    pub bootstrap_api_key: Option<String>,
    /// `LIPA_MASTER_KEY` or `<data dir>/master.key`.
    pub master_key: MasterKey,
    /// `LIPA_SANDBOX_APPROVE_MS`: how long the sandbox takes to answer a
    /// payment request (default 4000).
    pub sandbox_delay: Duration,
    /// `LIPA_PUSH_TIMEOUT_MS`: how long a mobile-money push waits for the
    /// buyer's approval before it fails with `timeout` (default 120000).
    pub push_timeout: Duration,
    /// `LIPA_ACTION_TIMEOUT_MS`: how long a 3-D Secure challenge or a
    /// provider's page may take (default 900000, 15 minutes).
    pub action_timeout: Duration,
    /// `LIPA_SWEEP_INTERVAL_MS`: how often pending payments and expired
    /// sessions are settled in the background (default 5000).
    pub sweep_interval: Duration,
    /// `LIPA_DEMO`: print a ready demo checkout URL after start-up.
    pub demo: bool,
    /// `LIPA_MIN_SESSION_SECS`: the shortest `expires_at` a merchant may ask
    /// for, in seconds from now (default 60; tests lower it).
    pub min_session_secs: i64,
    /// `LIPA_DEMO_SHOP_ADDR`: where to serve the demo merchant page (a cart
    /// that opens checkouts as a modal or inline), on its own origin. Unset:
    /// no demo shop. The demo product allows `http://<this address>` to
    /// frame its checkouts.
    pub demo_shop_addr: Option<SocketAddr>,
    /// `LIPA_WEBHOOK_RETRY_BASE_MS`: the wait after a webhook's first failed
    /// attempt; later waits are multiples of it (default 5000, which spreads
    /// eleven attempts over about three days; see `webhooks::schedule`).
    pub webhook_retry_base: Duration,
    /// `LIPA_WEBHOOK_TIMEOUT_MS`: how long one delivery may take (default 10000).
    pub webhook_timeout: Duration,
    /// `LIPA_WEBHOOK_POLL_MS`: how often the delivery worker looks for due
    /// retries (default 500; new events wake it at once).
    pub webhook_poll: Duration,
    /// `LIPA_WEBHOOK_ALLOW_PRIVATE=1`: webhooks may go to loopback and
    /// private addresses (local development only). Default: public
    /// addresses only, in every mode.
    pub webhook_reach: Reach,
    /// Velocity limits; see [`Limits`].
    pub limits: Limits,
    /// `LIPA_CLIENT_IP_HEADER`: the header a trusted reverse proxy puts the
    /// buyer's address in (`x-forwarded-for`: its last entry is used).
    /// Unset: the connection's peer address.
    pub client_ip_header: Option<axum::http::HeaderName>,
    /// `LIPA_METRICS_TOKEN`: `GET /metrics` answers only with
    /// `Authorization: Bearer <token>`.
    pub metrics_token: Option<String>,
    /// `LIPA_METRICS_ADDR`: serve `/metrics` (without a token) on this
    /// address only, for example a private interface.
    pub metrics_addr: Option<SocketAddr>,
    /// Operators' overrides of each provider's base URL.
    pub provider_urls: ProviderUrls,
}

/// `LIPA_MPESA_DARAJA_BASE_URL`, `LIPA_MPESA_VODACOM_MZ_BASE_URL`,
/// `LIPA_MTN_MOMO_BASE_URL`: when set, every account of that provider talks
/// to this address instead of its environment's (a proxy, or the tests'
/// local fakes).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProviderUrls {
    pub mpesa_daraja: Option<String>,
    pub mpesa_vodacom_mz: Option<String>,
    pub mtn_momo: Option<String>,
    pub stripe: Option<String>,
    pub flutterwave: Option<String>,
    pub payfast: Option<String>,
}

impl ProviderUrls {
    fn from_env() -> ProviderUrls {
        ProviderUrls {
            mpesa_daraja: var("LIPA_MPESA_DARAJA_BASE_URL"),
            mpesa_vodacom_mz: var("LIPA_MPESA_VODACOM_MZ_BASE_URL"),
            mtn_momo: var("LIPA_MTN_MOMO_BASE_URL"),
            stripe: var("LIPA_STRIPE_BASE_URL"),
            flutterwave: var("LIPA_FLUTTERWAVE_BASE_URL"),
            payfast: var("LIPA_PAYFAST_BASE_URL"),
        }
    }
}

/// What one checkout, phone number, buyer's connection and merchant may ask
/// of Lipa, with defaults a merchant would accept. They are kept in the
/// database, so they hold across servers sharing it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// `LIPA_LIMIT_FAILED_PER_SESSION`: failed payments a checkout may have
    /// before it takes no more (default 5): card testing ends there.
    pub failed_per_session: i64,
    /// `LIPA_LIMIT_PUSHES_PER_PHONE`: payment requests one phone number
    /// may receive within the window, across every checkout (default 3).
    pub pushes_per_phone: i64,
    /// `LIPA_LIMIT_PUSH_WINDOW_SECS`: that window (default 600).
    pub push_window: Duration,
    /// `LIPA_LIMIT_PAY_BURST`: payments one client address may start at
    /// once (default 10) ...
    pub pay_burst: u64,
    /// `LIPA_LIMIT_PAY_PER_MINUTE`: ... and then per minute (default 6).
    pub pay_per_minute: u64,
    /// `LIPA_WEBHOOK_SLOTS`: deliveries under way at once, per server
    /// (default 32).
    pub webhook_slots: usize,
    /// `LIPA_WEBHOOK_SLOTS_PER_MERCHANT`: of those, how many one merchant's
    /// events may hold (default 8, a quarter), so a dead endpoint delays
    /// nobody else.
    pub webhook_slots_per_merchant: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            failed_per_session: 5,
            pushes_per_phone: 3,
            push_window: Duration::from_secs(600),
            pay_burst: 10,
            pay_per_minute: 6,
            webhook_slots: 32,
            webhook_slots_per_merchant: 8,
        }
    }
}

impl Limits {
    fn from_env() -> Result<Limits, ConfigError> {
        let d = Limits::default();
        let slots = number("LIPA_WEBHOOK_SLOTS", d.webhook_slots as u64)?.max(1) as usize;
        Ok(Limits {
            failed_per_session: number("LIPA_LIMIT_FAILED_PER_SESSION", 5)?.max(1) as i64,
            pushes_per_phone: number("LIPA_LIMIT_PUSHES_PER_PHONE", 3)?.max(1) as i64,
            push_window: Duration::from_secs(number("LIPA_LIMIT_PUSH_WINDOW_SECS", 600)?),
            pay_burst: number("LIPA_LIMIT_PAY_BURST", d.pay_burst)?.max(1),
            pay_per_minute: number("LIPA_LIMIT_PAY_PER_MINUTE", d.pay_per_minute)?.max(1),
            webhook_slots: slots,
            webhook_slots_per_merchant: (number(
                "LIPA_WEBHOOK_SLOTS_PER_MERCHANT",
                d.webhook_slots_per_merchant as u64,
            )? as usize)
                .clamp(1, slots),
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{0} is not a valid listen address: {1}")]
    Addr(String, std::net::AddrParseError),
    #[error("LIPA_CLIENT_IP_HEADER: {0} is not a header name")]
    Header(String),
    #[error("{0} must be a whole number")]
    Number(&'static str),
    #[error(
        "LIPA_BOOTSTRAP_API_KEY must be an sk_test_ key of 16 to 128 letters, digits or underscores after the prefix"
    )]
    BootstrapKey,
    #[error(transparent)]
    Secret(#[from] SecretError),
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// A switch: set and not `0` or `false`.
fn flag(name: &str) -> bool {
    var(name).is_some_and(|v| v != "0" && v != "false")
}

fn number(name: &'static str, default: u64) -> Result<u64, ConfigError> {
    match var(name) {
        None => Ok(default),
        Some(v) => v.trim().parse().map_err(|_| ConfigError::Number(name)),
    }
}

impl Config {
    pub fn from_env() -> Result<Config, ConfigError> {
        let addr = var("LEPTOS_SITE_ADDR").unwrap_or_else(|| "127.0.0.1:3000".into());
        let site_addr: SocketAddr = addr
            .parse()
            .map_err(|e| ConfigError::Addr(addr.clone(), e))?;
        let data_dir = PathBuf::from(var("LIPA_DATA_DIR").unwrap_or_else(|| "data".into()));
        let database_url = var("DATABASE_URL")
            .unwrap_or_else(|| format!("sqlite://{}/lipa.db?mode=rwc", data_dir.display()));
        let public_url = var("LIPA_PUBLIC_URL")
            .unwrap_or_else(|| format!("http://localhost:{}", site_addr.port()))
            .trim_end_matches('/')
            .to_owned();
        let bootstrap_api_key = var("LIPA_BOOTSTRAP_API_KEY");
        if let Some(k) = &bootstrap_api_key {
            let parsed = crate::secrets::PresentedKey::parse(k);
            if parsed.is_none_or(|p| p.livemode) {
                return Err(ConfigError::BootstrapKey);
            }
        }
        let master_key = match var("LIPA_MASTER_KEY") {
            Some(k) => MasterKey::from_base64(&k)?,
            None => MasterKey::load_or_create(&data_dir.join("master.key"))?,
        };
        Ok(Config {
            site_addr,
            database_url,
            public_url,
            data_dir,
            bootstrap_api_key,
            master_key,
            sandbox_delay: Duration::from_millis(number("LIPA_SANDBOX_APPROVE_MS", 4000)?),
            push_timeout: Duration::from_millis(number("LIPA_PUSH_TIMEOUT_MS", 120_000)?),
            action_timeout: Duration::from_millis(number("LIPA_ACTION_TIMEOUT_MS", 900_000)?),
            sweep_interval: Duration::from_millis(number("LIPA_SWEEP_INTERVAL_MS", 5000)?.max(100)),
            demo: flag("LIPA_DEMO"),
            min_session_secs: number("LIPA_MIN_SESSION_SECS", 60)? as i64,
            demo_shop_addr: match var("LIPA_DEMO_SHOP_ADDR") {
                None => None,
                Some(a) => Some(a.parse().map_err(|e| ConfigError::Addr(a.clone(), e))?),
            },
            webhook_retry_base: Duration::from_millis(
                number("LIPA_WEBHOOK_RETRY_BASE_MS", 5000)?.max(1),
            ),
            webhook_timeout: Duration::from_millis(
                number("LIPA_WEBHOOK_TIMEOUT_MS", 10_000)?.max(100),
            ),
            webhook_poll: Duration::from_millis(number("LIPA_WEBHOOK_POLL_MS", 500)?.max(10)),
            webhook_reach: if flag("LIPA_WEBHOOK_ALLOW_PRIVATE") {
                Reach::Any
            } else {
                Reach::Public
            },
            limits: Limits::from_env()?,
            client_ip_header: match var("LIPA_CLIENT_IP_HEADER") {
                None => None,
                Some(h) => Some(h.parse().map_err(|_| ConfigError::Header(h))?),
            },
            metrics_token: var("LIPA_METRICS_TOKEN"),
            metrics_addr: match var("LIPA_METRICS_ADDR") {
                None => None,
                Some(a) => Some(a.parse().map_err(|e| ConfigError::Addr(a.clone(), e))?),
            },
            provider_urls: ProviderUrls::from_env(),
        })
    }

    /// The demo shop's origin, when it runs.
    pub fn demo_shop_origin(&self) -> Option<String> {
        self.demo_shop_addr.map(|a| format!("http://{a}"))
    }

    /// The buyer-facing URL of a checkout.
    pub fn checkout_url(&self, session_id: &str) -> String {
        format!("{}/c/{}", self.public_url, session_id)
    }

    /// The short URL of a payment link.
    pub fn link_url(&self, link_id: &str) -> String {
        format!("{}/l/{}", self.public_url, link_id)
    }
}
