//! Products: per-merchant checkout settings.

use super::{decode, json_column, to_json};
use crate::db::{Tx, flag, new_id, now_ms};
use crate::secrets::MasterKey;
use app::domain::product::{ProductSpec, SecretChange};
use app::domain::{Currency, MethodId};
use sqlx::any::AnyRow;
use sqlx::{Executor, Row};

#[derive(Clone, Debug)]
pub struct Product {
    pub id: String,
    pub merchant_id: String,
    pub spec: ProductSpec,
    pub has_webhook_secret: bool,
    /// Unix milliseconds.
    pub created_at: i64,
    pub updated_at: i64,
}

const COLUMNS: &str = "id, merchant_id, name, main_currency, payment_methods, webhook_url, \
     webhook_secret, embed_origins, active, created_at, updated_at";

fn from_row(r: &AnyRow) -> Result<Product, sqlx::Error> {
    let methods: Vec<String> = json_column(
        "payment_methods",
        &r.try_get::<String, _>("payment_methods")?,
    )?;
    let currency: String = r.try_get("main_currency")?;
    let secret: Option<String> = r.try_get("webhook_secret")?;
    Ok(Product {
        id: r.try_get("id")?,
        merchant_id: r.try_get("merchant_id")?,
        spec: ProductSpec {
            name: r.try_get("name")?,
            main_currency: decode("main_currency", Currency::parse(&currency))?,
            payment_methods: methods.iter().filter_map(|m| MethodId::parse(m)).collect(),
            webhook_url: r.try_get("webhook_url")?,
            embed_origins: json_column("embed_origins", &r.try_get::<String, _>("embed_origins")?)?,
            active: r.try_get::<i64, _>("active")? == 1,
        },
        has_webhook_secret: secret.is_some(),
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
    })
}

fn methods_json(spec: &ProductSpec) -> String {
    let names: Vec<&str> = spec.payment_methods.iter().map(|m| m.as_str()).collect();
    to_json(&names)
}

fn origins_json(spec: &ProductSpec) -> String {
    to_json(&spec.embed_origins)
}

/// Creates a product. Without a webhook secret in `secret`, one is made up
/// and returned (the only time it is ever shown).
pub async fn create(
    tx: &mut Tx<'_>,
    master: &MasterKey,
    merchant_id: &str,
    spec: &ProductSpec,
    secret: &SecretChange,
) -> Result<(Product, Option<String>), sqlx::Error> {
    create_with_id(tx, master, merchant_id, &new_id("prod", 16), spec, secret).await
}

/// As [`create`], keeping an id the merchant brings from another gateway
/// (its code names the product). Fails with a unique violation if taken.
pub async fn create_with_id(
    tx: &mut Tx<'_>,
    master: &MasterKey,
    merchant_id: &str,
    id: &str,
    spec: &ProductSpec,
    secret: &SecretChange,
) -> Result<(Product, Option<String>), sqlx::Error> {
    let id = id.to_owned();
    let now = now_ms();
    let (made_up, secret) = match secret {
        SecretChange::Set(s) => (None, Some(master.encrypt(s))),
        SecretChange::Keep => {
            let s = crate::webhooks::signature::WebhookSecret::generate();
            let stored = master.encrypt(&s);
            (Some(s), Some(stored))
        }
    };
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
    let product = Product {
        id,
        merchant_id: merchant_id.to_owned(),
        spec: spec.clone(),
        has_webhook_secret: secret.is_some(),
        created_at: now,
        updated_at: now,
    };
    Ok((product, made_up))
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

pub async fn get<'e, E: Executor<'e, Database = sqlx::Any>>(
    ex: E,
    merchant_id: &str,
    id: &str,
) -> Result<Option<Product>, sqlx::Error> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM products WHERE id = $1 AND merchant_id = $2"
    ))
    .bind(id)
    .bind(merchant_id)
    .fetch_optional(ex)
    .await?;
    row.as_ref().map(from_row).transpose()
}

/// The merchant's products, newest first.
pub async fn list<'e, E: Executor<'e, Database = sqlx::Any>>(
    ex: E,
    merchant_id: &str,
) -> Result<Vec<Product>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM products WHERE merchant_id = $1 ORDER BY created_at DESC, id DESC"
    ))
    .bind(merchant_id)
    .fetch_all(ex)
    .await?;
    rows.iter().map(from_row).collect()
}

/// The product a session without `product` falls back to: the merchant's
/// oldest active one.
pub async fn default_for<'e, E: Executor<'e, Database = sqlx::Any>>(
    ex: E,
    merchant_id: &str,
) -> Result<Option<Product>, sqlx::Error> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM products WHERE merchant_id = $1 AND active = 1
         ORDER BY created_at, id LIMIT 1"
    ))
    .bind(merchant_id)
    .fetch_optional(ex)
    .await?;
    row.as_ref().map(from_row).transpose()
}

/// The product's webhook signing secret, decrypted.
pub async fn webhook_secret<'e, E: Executor<'e, Database = sqlx::Any>>(
    ex: E,
    master: &MasterKey,
    id: &str,
) -> Result<Option<String>, sqlx::Error> {
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
pub async fn webhook_url(tx: &mut Tx<'_>, id: &str) -> Result<Option<String>, sqlx::Error> {
    let row = sqlx::query("SELECT webhook_url FROM products WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(row
        .map(|r| r.try_get::<Option<String>, _>("webhook_url"))
        .transpose()?
        .flatten())
}
