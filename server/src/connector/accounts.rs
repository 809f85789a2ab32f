//! A merchant's connector accounts as connectors: credentials checked and
//! opened, each provider's base URL chosen (its environment's, or the
//! operator's override), OAuth tokens cached until they expire, and the
//! [`Rails`] a mode's payments can travel.

use super::{
    Connector, ConnectorError, Outcome, Sandbox, daraja, flutterwave, momo, payfast, stripe,
    vodacom_mz,
};
use crate::config::{Config, ProviderUrls};
use crate::db::Db;
use crate::secrets::MasterKey;
use crate::store::Owner;
use crate::store::attempts::{self, Attempt};
use crate::store::connector_accounts::{self, Account};
use app::domain::provider::{Environment, Provider, Rail, Rails};
use app::domain::{Currency, Field, FieldError};
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// An account's credentials, by provider. Held only while in use; stored
/// sealed.
#[derive(Clone)]
pub enum Credentials {
    MpesaDaraja(daraja::Credentials),
    MpesaVodacomMz(vodacom_mz::Credentials),
    MtnMomo(momo::Credentials),
    Stripe(stripe::Credentials),
    Flutterwave(flutterwave::Credentials),
    Payfast(payfast::Credentials),
}

fn credential_error(field: &str, reason: impl Into<String>) -> FieldError {
    FieldError::new(
        "parameter_invalid",
        Field::Named(format!("credentials.{field}")),
        reason,
    )
}

impl Credentials {
    /// Reads and checks the provider's fields.
    pub fn parse(provider: Provider, v: Value) -> Result<Credentials, FieldError> {
        fn read<T: serde::de::DeserializeOwned>(v: Value) -> Result<T, FieldError> {
            serde_path_to_error::deserialize(v).map_err(|e| {
                let path = e.path().to_string();
                let field = if path == "." { String::new() } else { path };
                credential_error(&field, e.into_inner().to_string())
            })
        }
        let c = match provider {
            Provider::MpesaDaraja => Credentials::MpesaDaraja(read(v)?),
            Provider::MpesaVodacomMz => Credentials::MpesaVodacomMz(read(v)?),
            Provider::MtnMomo => Credentials::MtnMomo(read(v)?),
            Provider::Stripe => Credentials::Stripe(read(v)?),
            Provider::Flutterwave => Credentials::Flutterwave(read(v)?),
            Provider::Payfast => Credentials::Payfast(read(v)?),
        };
        match c.problem() {
            Some((field, reason)) => Err(credential_error(field, reason)),
            None => Ok(c),
        }
    }

    fn problem(&self) -> Option<(&'static str, &'static str)> {
        match self {
            Credentials::MpesaDaraja(c) => c.problem(),
            Credentials::MpesaVodacomMz(c) => c.problem(),
            Credentials::MtnMomo(c) => c.problem(),
            Credentials::Stripe(c) => c.problem(),
            Credentials::Flutterwave(c) => c.problem(),
            Credentials::Payfast(c) => c.problem(),
        }
    }

    /// What makes them wrong for an environment: Stripe has one address
    /// for both, and its key says test or live.
    pub fn environment_problem(&self, env: Environment) -> Option<FieldError> {
        match self {
            Credentials::Stripe(c) if c.is_live() != (env == Environment::Production) => {
                Some(credential_error(
                    "secret_key",
                    if c.is_live() {
                        "is a live key: a sandbox account takes a test key (sk_test_…)"
                    } else {
                        "is a test key: a production account takes a live key (sk_live_…)"
                    },
                ))
            }
            Credentials::Flutterwave(c) if c.is_live() != (env == Environment::Production) => {
                Some(credential_error(
                    "secret_key",
                    if c.is_live() {
                        "is a live key: a sandbox account takes a test key (FLWSECK_TEST-…)"
                    } else {
                        "is a test key: a production account takes a live key (FLWSECK-…)"
                    },
                ))
            }
            _ => None,
        }
    }

    /// The fields a merchant may see again (no secret among them).
    pub fn settings(&self) -> Map<String, Value> {
        let v = match self {
            Credentials::MpesaDaraja(c) => c.settings(),
            Credentials::MpesaVodacomMz(c) => c.settings(),
            Credentials::MtnMomo(c) => c.settings(),
            Credentials::Stripe(c) => c.settings(),
            Credentials::Flutterwave(c) => c.settings(),
            Credentials::Payfast(c) => c.settings(),
        };
        match v {
            Value::Object(m) => m,
            _ => Map::new(),
        }
    }

    pub fn provider(&self) -> Provider {
        match self {
            Credentials::MpesaDaraja(_) => Provider::MpesaDaraja,
            Credentials::MpesaVodacomMz(_) => Provider::MpesaVodacomMz,
            Credentials::MtnMomo(_) => Provider::MtnMomo,
            Credentials::Stripe(_) => Provider::Stripe,
            Credentials::Flutterwave(_) => Provider::Flutterwave,
            Credentials::Payfast(_) => Provider::Payfast,
        }
    }

    /// The currencies the account collects in.
    pub fn currencies(&self) -> Vec<Currency> {
        let target = match self {
            Credentials::MtnMomo(c) => Some(c.target_environment.as_str()),
            _ => None,
        };
        self.provider().currencies(target)
    }

    /// The whole credentials as JSON, to seal.
    pub fn to_json(&self) -> String {
        let v = match self {
            Credentials::MpesaDaraja(c) => serde_json::to_value(c),
            Credentials::MpesaVodacomMz(c) => serde_json::to_value(c),
            Credentials::MtnMomo(c) => serde_json::to_value(c),
            Credentials::Stripe(c) => serde_json::to_value(c),
            Credentials::Flutterwave(c) => serde_json::to_value(c),
            Credentials::Payfast(c) => serde_json::to_value(c),
        };
        v.expect("plain data serialises").to_string()
    }
}

/// OAuth tokens by account version, until shortly before they expire.
#[derive(Default)]
pub struct Tokens(Mutex<HashMap<String, (String, Instant)>>);

impl Tokens {
    fn get(&self, key: &str) -> Option<String> {
        let map = self.0.lock().expect("token cache");
        map.get(key)
            .filter(|(_, until)| *until > Instant::now())
            .map(|(t, _)| t.clone())
    }

    fn put(&self, key: &str, token: &str, ttl: Duration) {
        let until = Instant::now() + ttl.saturating_sub(Duration::from_secs(60));
        let mut map = self.0.lock().expect("token cache");
        map.retain(|_, (_, u)| *u > Instant::now());
        map.insert(key.to_owned(), (token.to_owned(), until));
    }

    /// The cached token, or a fresh one from `fetch` (cached for its ttl).
    pub async fn get_or_fetch<F, Fut, E>(&self, key: &str, fetch: F) -> Result<String, E>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<(String, Duration), E>>,
    {
        if let Some(t) = self.get(key) {
            return Ok(t);
        }
        let (token, ttl) = fetch().await?;
        self.put(key, &token, ttl);
        Ok(token)
    }

    pub fn forget(&self, key: &str) {
        self.0.lock().expect("token cache").remove(key);
    }
}

/// What every connector shares: the HTTP client, the token cache, and the
/// answers of calls that finished in the background.
pub struct Shared {
    pub http: reqwest::Client,
    pub tokens: Tokens,
    answers: Mutex<HashMap<String, Outcome>>,
    db: Db,
}

impl Shared {
    /// A background call's final answer for an attempt.
    pub fn answered(&self, attempt: &str, outcome: Outcome) {
        if outcome != Outcome::Pending {
            let mut map = self.answers.lock().expect("answers");
            map.insert(attempt.to_owned(), outcome);
        }
    }

    /// Takes the background answer for an attempt, if one came.
    pub fn answer(&self, attempt: &str) -> Option<Outcome> {
        self.answers.lock().expect("answers").remove(attempt)
    }

    /// Stores a fuller provider reference learnt in the background.
    pub async fn remember_reference(&self, attempt: &str, reference: &str) {
        if let Err(e) = attempts::update_reference(self.db.writer(), attempt, reference).await {
            tracing::error!(attempt, error = %e, "could not store the provider's transaction id");
        }
    }
}

/// Every connector Lipa can reach, and how to pick one.
pub struct Connectors {
    pub sandbox: Sandbox,
    shared: Arc<Shared>,
    urls: ProviderUrls,
    master: MasterKey,
    db: Db,
}

impl Connectors {
    pub fn new(db: Db, config: &Config) -> Connectors {
        let shared = Shared {
            http: super::http::client(Duration::from_secs(30)),
            tokens: Tokens::default(),
            answers: Mutex::default(),
            db: db.clone(),
        };
        Connectors {
            sandbox: Sandbox {
                delay: config.sandbox_delay,
                public_url: config.public_url.clone(),
            },
            shared: Arc::new(shared),
            urls: config.provider_urls.clone(),
            master: config.master_key.clone(),
            db,
        }
    }

    /// Where the owner's payments can go: their enabled accounts, and in
    /// test mode the sandbox for the rest.
    pub async fn rails(&self, owner: &Owner) -> Result<Rails, sqlx::Error> {
        let accounts = connector_accounts::list(&self.db.pool, owner).await?;
        let rails = accounts
            .into_iter()
            .filter(|a| a.enabled)
            .map(|a| Rail {
                currencies: a.provider.currencies(a.setting("target_environment")),
                account: a.id,
                provider: a.provider,
                methods: a.methods,
            })
            .collect();
        Ok(Rails {
            sandbox: !owner.livemode,
            accounts: rails,
        })
    }

    /// The connector an attempt went through (disabled accounts too: what
    /// they started must still settle and refund).
    pub async fn for_attempt(
        &self,
        attempt: &Attempt,
    ) -> Result<Box<dyn Connector>, ConnectorError> {
        match &attempt.connector_account {
            None if attempt.connector == "sandbox" => Ok(Box::new(self.sandbox.clone())),
            None => Err(ConnectorError::new(
                "none",
                format!("no connector `{}`", attempt.connector),
            )),
            Some(id) => self.for_account_id(id).await,
        }
    }

    /// The connector a payout went through.
    pub async fn for_payout(
        &self,
        payout: &crate::store::payouts::Payout,
    ) -> Result<Box<dyn Connector>, ConnectorError> {
        match &payout.connector_account {
            None if payout.connector == "sandbox" => Ok(Box::new(self.sandbox.clone())),
            None => Err(ConnectorError::new(
                "none",
                format!("no connector `{}`", payout.connector),
            )),
            Some(id) => self.for_account_id(id).await,
        }
    }

    /// Where a payout to `method` in `currency` goes: the owner's enabled
    /// account for it, else the sandbox in test mode; `None` in live mode
    /// without an account. The account id comes with its connector.
    pub async fn payout_route(
        &self,
        owner: &Owner,
        method: app::domain::MethodId,
        currency: Currency,
    ) -> Result<Option<(Box<dyn Connector>, Option<String>)>, ConnectorError> {
        let rails = self
            .rails(owner)
            .await
            .map_err(|e| ConnectorError::new("none", format!("database: {e}")))?;
        match rails.rail(method, currency) {
            Some(rail) => {
                let account = rail.account.clone();
                Ok(Some((self.for_account_id(&account).await?, Some(account))))
            }
            None if !owner.livemode => Ok(Some((Box::new(self.sandbox.clone()), None))),
            None => Ok(None),
        }
    }

    pub async fn for_account_id(&self, id: &str) -> Result<Box<dyn Connector>, ConnectorError> {
        let store = |e: sqlx::Error| ConnectorError::new("none", format!("database: {e}"));
        let account = connector_accounts::TABLE
            .find(&self.db.pool, id)
            .await
            .map_err(store)?
            .ok_or_else(|| ConnectorError::new("none", format!("no connector account {id}")))?;
        let creds = self.credentials(&account).await?;
        Ok(self.build(&account, creds))
    }

    /// The account's credentials, opened.
    pub async fn credentials(&self, account: &Account) -> Result<Credentials, ConnectorError> {
        let name = account.provider.as_str();
        let sealed = connector_accounts::sealed_credentials(&self.db.pool, &account.id)
            .await
            .map_err(|e| ConnectorError::new(name, format!("database: {e}")))?
            .unwrap_or_default();
        let json = self
            .master
            .open(&account.id, &sealed)
            .map_err(|e| ConnectorError::new(name, e.to_string()))?;
        let value = serde_json::from_str(&json).unwrap_or(Value::Null);
        Credentials::parse(account.provider, value)
            .map_err(|e| ConnectorError::new(name, format!("stored credentials: {}", e.message())))
    }

    /// What every connector shares (for the provider callbacks).
    pub fn shared(&self) -> Arc<Shared> {
        self.shared.clone()
    }

    /// The provider's base URL for an environment, or the operator's.
    pub fn base(&self, provider: Provider, env: Environment) -> String {
        let (over, sandbox, production) = match provider {
            Provider::MpesaDaraja => (&self.urls.mpesa_daraja, daraja::SANDBOX, daraja::PRODUCTION),
            Provider::MpesaVodacomMz => (
                &self.urls.mpesa_vodacom_mz,
                vodacom_mz::SANDBOX,
                vodacom_mz::PRODUCTION,
            ),
            Provider::MtnMomo => (&self.urls.mtn_momo, momo::SANDBOX, momo::PRODUCTION),
            Provider::Stripe => (&self.urls.stripe, stripe::BASE, stripe::BASE),
            Provider::Flutterwave => (&self.urls.flutterwave, flutterwave::BASE, flutterwave::BASE),
            Provider::Payfast => (&self.urls.payfast, payfast::SANDBOX, payfast::PRODUCTION),
        };
        match (over, env) {
            (Some(url), _) => url.trim_end_matches('/').to_owned(),
            (None, Environment::Sandbox) => sandbox.to_owned(),
            (None, Environment::Production) => production.to_owned(),
        }
    }

    /// A connector for the account and its credentials.
    pub fn build(&self, account: &Account, creds: Credentials) -> Box<dyn Connector> {
        let base = self.base(account.provider, account.environment);
        let shared = self.shared.clone();
        match creds {
            Credentials::MpesaDaraja(creds) => Box::new(daraja::Daraja {
                creds,
                base,
                cache_key: daraja::cache_key(&account.id, account.updated_at),
                shared,
            }),
            Credentials::MpesaVodacomMz(creds) => Box::new(vodacom_mz::VodacomMz {
                creds,
                base_override: self.urls.mpesa_vodacom_mz.clone(),
                base: match account.environment {
                    Environment::Sandbox => vodacom_mz::SANDBOX,
                    Environment::Production => vodacom_mz::PRODUCTION,
                },
                shared,
            }),
            Credentials::MtnMomo(creds) => Box::new(momo::Momo {
                creds,
                base,
                cache_key: momo::cache_key(&account.id, account.updated_at),
                shared,
            }),
            Credentials::Stripe(creds) => Box::new(stripe::Stripe {
                creds,
                base,
                shared,
            }),
            Credentials::Flutterwave(creds) => Box::new(flutterwave::Flutterwave {
                creds,
                base,
                shared,
            }),
            Credentials::Payfast(creds) => Box::new(self.payfast(account.environment, creds)),
        }
    }

    /// PayFast's connector: its process host and its API host (the
    /// operator's override serves both, the API under `/api`).
    pub fn payfast(&self, env: Environment, creds: payfast::Credentials) -> payfast::Payfast {
        let api = match &self.urls.payfast {
            Some(url) => format!("{}/api", url.trim_end_matches('/')),
            None => payfast::API.to_owned(),
        };
        payfast::Payfast {
            creds,
            base: self.base(Provider::Payfast, env),
            api,
            sandbox: env == Environment::Sandbox,
            shared: self.shared.clone(),
        }
    }

    /// Tries the credentials with the provider's cheapest call: an OAuth
    /// token where there is one; for Vodacom Mozambique, whose token is
    /// made locally, encrypting the API key with the public key. `Err` is
    /// the provider's reason.
    pub async fn verify(&self, env: Environment, creds: &Credentials) -> Result<(), String> {
        let base = self.base(creds.provider(), env);
        let http = &self.shared.http;
        let result = match creds {
            Credentials::MpesaDaraja(c) => daraja::fetch_token(http, &base, c).await.map(|_| ()),
            Credentials::MtnMomo(c) => momo::fetch_token(http, &base, c).await.map(|_| ()),
            Credentials::MpesaVodacomMz(c) => c.bearer().map(|_| ()),
            Credentials::Stripe(c) => stripe::verify(http, &base, c).await,
            Credentials::Flutterwave(c) => flutterwave::verify_key(http, &base, c).await,
            Credentials::Payfast(c) => {
                let p = self.payfast(env, c.clone());
                payfast::verify(http, &p.api, p.sandbox, c).await
            }
        };
        result.map_err(|e| e.message)
    }
}
