//! Products: per-merchant checkout settings.

use super::query::Table;
use super::row::Encodings;
use super::{Many, One, to_json};
use crate::db::{Ex, Tx, flag, now_ms};
use crate::secrets::MasterKey;
use app::domain::product::{ProductSpec, SecretChange};
use sqlx::Row;

#[derive(Clone, Debug, serde::Deserialize)]
pub struct Product {
    pub id: String,
    pub merchant_id: String,
    #[serde(flatten)]
    pub spec: ProductSpec,
    pub has_webhook_secret: bool,
    /// Unix milliseconds.
    pub created_at: i64,
    pub updated_at: i64,
}

const TABLE: Table<Product> = Table::new(
    "products",
    "id, merchant_id, name, main_currency, payment_methods, webhook_url, embed_origins, active, \
     CASE WHEN webhook_secret IS NULL THEN 0 ELSE 1 END AS has_webhook_secret, \
     created_at, updated_at",
    Encodings {
        flags: &["active", "has_webhook_secret"],
        json: &["payment_methods", "embed_origins"],
    },
);

fn methods_json(spec: &ProductSpec) -> String {
    let names: Vec<&str> = spec.payment_methods.iter().map(|m| m.as_str()).collect();
    to_json(&names)
}

fn origins_json(spec: &ProductSpec) -> String {
    to_json(&spec.embed_origins)
}

/// Stores a new product with its webhook signing secret (encrypted).
/// Fails with a unique violation if the id is taken.
pub async fn insert(
    tx: &mut Tx<'_>,
    master: &MasterKey,
    merchant_id: &str,
    id: &str,
    spec: &ProductSpec,
    secret: &str,
) -> Result<Product, sqlx::Error> {
    let id = id.to_owned();
    let now = now_ms();
    let secret = Some(master.encrypt(secret));
    sqlx::query(
        "INSERT INTO products (id, merchant_id, product_type, name, main_currency, payment_methods,
             webhook_url, webhook_secret, embed_origins, active, created_at, updated_at)
         VALUES ($1, $2, 'api_gateway', $3, $4, $5, $6, $7, $8, $9, $10, $10)",
    )
    .bind(&id)
    .bind(merchant_id)
    .bind(&spec.name)
    .bind(spec.main_currency.code())
    .bind(methods_json(spec))
    .bind(spec.webhook_url.clone())
    .bind(secret.clone())
    .bind(origins_json(spec))
    .bind(flag(spec.active))
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(Product {
        id,
        merchant_id: merchant_id.to_owned(),
        spec: spec.clone(),
        has_webhook_secret: true,
        created_at: now,
        updated_at: now,
    })
}

pub async fn update(
    tx: &mut Tx<'_>,
    master: &MasterKey,
    product: &Product,
    spec: &ProductSpec,
    secret: &SecretChange,
) -> Result<Product, sqlx::Error> {
    let now = now_ms();
    let base = "UPDATE products SET name = $1, main_currency = $2, payment_methods = $3,
             webhook_url = $4, embed_origins = $5, active = $6, updated_at = $7";
    let query = match secret {
        SecretChange::Keep => format!("{base} WHERE id = $8"),
        SecretChange::Set(_) => format!("{base}, webhook_secret = $9 WHERE id = $8"),
    };
    let encrypted = match secret {
        SecretChange::Set(s) => Some(master.encrypt(s)),
        _ => None,
    };
    let mut q = sqlx::query(&query)
        .bind(&spec.name)
        .bind(spec.main_currency.code())
        .bind(methods_json(spec))
        .bind(spec.webhook_url.clone())
        .bind(origins_json(spec))
        .bind(flag(spec.active))
        .bind(now)
        .bind(&product.id);
    if !matches!(secret, SecretChange::Keep) {
        q = q.bind(encrypted);
    }
    q.execute(&mut **tx).await?;
    Ok(Product {
        spec: spec.clone(),
        has_webhook_secret: match secret {
            SecretChange::Keep => product.has_webhook_secret,
            SecretChange::Set(_) => true,
        },
        updated_at: now,
        ..product.clone()
    })
}

pub async fn get<'e>(ex: impl Ex<'e>, merchant_id: &str, id: &str) -> One<Product> {
    let mine = "WHERE id = $1 AND merchant_id = $2";
    TABLE
        .select_one(ex, mine, &[id.into(), merchant_id.into()])
        .await
}

/// The merchant's products, newest first.
pub async fn list<'e>(ex: impl Ex<'e>, merchant_id: &str) -> Many<Product> {
    let newest_first = "WHERE merchant_id = $1 ORDER BY created_at DESC, id DESC";
    TABLE.select(ex, newest_first, &[merchant_id.into()]).await
}

/// The product a session without `product` falls back to: the merchant's
/// oldest active one.
pub async fn default_for<'e>(ex: impl Ex<'e>, merchant_id: &str) -> One<Product> {
    let oldest_active = "WHERE merchant_id = $1 AND active = 1 ORDER BY created_at, id LIMIT 1";
    TABLE
        .select_one(ex, oldest_active, &[merchant_id.into()])
        .await
}

/// The product's webhook signing secret, decrypted.
pub async fn webhook_secret<'e>(ex: impl Ex<'e>, master: &MasterKey, id: &str) -> One<String> {
    let row = sqlx::query("SELECT webhook_secret FROM products WHERE id = $1")
        .bind(id)
        .fetch_optional(ex)
        .await?;
    let Some(stored) = row
        .map(|r| r.try_get::<Option<String>, _>("webhook_secret"))
        .transpose()?
        .flatten()
    else {
        return Ok(None);
    };
    master
        .decrypt(&stored)
        .map(Some)
        .map_err(|e| sqlx::Error::Decode(e.to_string().into()))
}

/// The product's webhook URL, read inside a transaction.
pub async fn webhook_url(tx: &mut Tx<'_>, id: &str) -> One<String> {
    let row = sqlx::query("SELECT webhook_url FROM products WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(row
        .map(|r| r.try_get::<Option<String>, _>("webhook_url"))
        .transpose()?
        .flatten())
}
