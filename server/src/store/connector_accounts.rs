//! Connector accounts: a merchant's credentials for a real provider, per
//! mode. The credentials column is sealed with the master key and never
//! read by [`TABLE`]: only [`sealed_credentials`] fetches it.

use super::query::{Table, Value};
use super::row::Encodings;
use super::{Many, One, Owner, to_json};
use crate::db::{Ex, Tx, flag};
use app::domain::MethodId;
use app::domain::provider::{Environment, Provider};
use sqlx::Row;

#[derive(Clone, Debug, serde::Deserialize)]
pub struct Account {
    pub id: String,
    pub merchant_id: String,
    pub livemode: bool,
    pub provider: Provider,
    pub environment: Environment,
    pub methods: Vec<MethodId>,
    /// The credentials' non-secret fields.
    pub settings: serde_json::Map<String, serde_json::Value>,
    pub enabled: bool,
    /// Unix milliseconds.
    pub created_at: i64,
    pub updated_at: i64,
}

pub const TABLE: Table<Account> = Table::new(
    "connector_accounts",
    "id, merchant_id, livemode, provider, environment, methods, settings, enabled, created_at, \
     updated_at",
    Encodings {
        flags: &["livemode", "enabled"],
        json: &["methods", "settings"],
    },
);

impl Account {
    pub fn owner(&self) -> Owner {
        Owner::new(&self.merchant_id, self.livemode)
    }

    /// A non-secret setting, e.g. MoMo's `target_environment`.
    pub fn setting(&self, name: &str) -> Option<&str> {
        self.settings.get(name).and_then(|v| v.as_str())
    }
}

/// Stores a new account with its sealed credentials.
pub async fn insert(tx: &mut Tx<'_>, a: &Account, sealed: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO connector_accounts (id, merchant_id, livemode, provider, environment,
             methods, settings, credentials, enabled, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(&a.id)
    .bind(&a.merchant_id)
    .bind(flag(a.livemode))
    .bind(a.provider.as_str())
    .bind(a.environment.as_str())
    .bind(to_json(&a.methods))
    .bind(to_json(&a.settings))
    .bind(sealed)
    .bind(flag(a.enabled))
    .bind(a.created_at)
    .bind(a.updated_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Saves an account's fields and, when given, its new sealed credentials.
pub async fn update(tx: &mut Tx<'_>, a: &Account, sealed: Option<&str>) -> Result<(), sqlx::Error> {
    let set = "UPDATE connector_accounts SET environment = $1, methods = $2, settings = $3, \
               enabled = $4, updated_at = $5, credentials = COALESCE($6, credentials) \
               WHERE id = $7 AND merchant_id = $8 AND livemode = $9";
    sqlx::query(set)
        .bind(a.environment.as_str())
        .bind(to_json(&a.methods))
        .bind(to_json(&a.settings))
        .bind(flag(a.enabled))
        .bind(a.updated_at)
        .bind(sealed.map(str::to_owned))
        .bind(&a.id)
        .bind(&a.merchant_id)
        .bind(flag(a.livemode))
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn get<'e>(ex: impl Ex<'e>, owner: &Owner, id: &str) -> One<Account> {
    TABLE.find_owned(ex, owner, id).await
}

/// The owner's accounts, oldest first (the order routing prefers them in).
pub async fn list<'e>(ex: impl Ex<'e>, owner: &Owner) -> Many<Account> {
    let oldest_first = "WHERE merchant_id = $1 AND livemode = $2 ORDER BY created_at, id";
    let binds: [Value; 2] = [
        owner.merchant_id.as_str().into(),
        flag(owner.livemode).into(),
    ];
    TABLE.select(ex, oldest_first, &binds).await
}

/// The account's credentials, still sealed.
pub async fn sealed_credentials<'e>(ex: impl Ex<'e>, id: &str) -> One<String> {
    let row = sqlx::query("SELECT credentials FROM connector_accounts WHERE id = $1")
        .bind(id)
        .fetch_optional(ex)
        .await?;
    row.map(|r| r.try_get::<String, _>("credentials"))
        .transpose()
}
