//! Products: checkout settings, per merchant and mode. Ids are unique per
//! owner: a test product and a live one may share an id and are different
//! products.

use super::query::{Table, Value};
use super::row::Encodings;
use super::{Many, One, Owner, to_json};
use crate::db::{Ex, Tx, flag, now_ms};
use crate::secrets::MasterKey;
use app::domain::product::{ProductSpec, SecretChange};
use sqlx::Row;

#[derive(Clone, Debug, serde::Deserialize)]
pub struct Product {
    pub id: String,
    pub merchant_id: String,
    pub livemode: bool,
    #[serde(flatten)]
    pub spec: ProductSpec,
    pub has_webhook_secret: bool,
    /// Unix milliseconds.
    pub created_at: i64,
    pub updated_at: i64,
}

const TABLE: Table<Product> = Table::new(
    "products",
    "id, merchant_id, livemode, name, main_currency, payment_methods, webhook_url, embed_origins, active, \
     CASE WHEN webhook_secret IS NULL THEN 0 ELSE 1 END AS has_webhook_secret, \
     created_at, updated_at",
    Encodings {
        flags: &["livemode", "active", "has_webhook_secret"],
        json: &["payment_methods", "embed_origins"],
    },
);

impl Product {
    pub fn owner(&self) -> Owner {
        Owner::new(&self.merchant_id, self.livemode)
    }
}

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
    owner: &Owner,
    id: &str,
    spec: &ProductSpec,
    secret: &str,
) -> Result<Product, sqlx::Error> {
    let id = id.to_owned();
    let now = now_ms();
    let secret = Some(master.encrypt(secret));
    sqlx::query(
        "INSERT INTO products (id, merchant_id, livemode, product_type, name, main_currency,
             payment_methods, webhook_url, webhook_secret, embed_origins, active, created_at,
             updated_at)
         VALUES ($1, $2, $11, 'api_gateway', $3, $4, $5, $6, $7, $8, $9, $10, $10)",
    )
    .bind(&id)
    .bind(&owner.merchant_id)
    .bind(&spec.name)
    .bind(spec.main_currency.code())
    .bind(methods_json(spec))
    .bind(spec.webhook_url.clone())
    .bind(secret.clone())
    .bind(origins_json(spec))
    .bind(flag(spec.active))
    .bind(now)
    .bind(flag(owner.livemode))
    .execute(&mut **tx)
    .await?;
    Ok(Product {
        id,
        merchant_id: owner.merchant_id.clone(),
        livemode: owner.livemode,
        spec: spec.clone(),
        has_webhook_secret: true,
        created_at: now,
        updated_at: now,
    })
}

/// One owner's product `$8`: merchant `$9`, mode `$10`.
const THIS: &str = "WHERE id = $8 AND merchant_id = $9 AND livemode = $10";

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
        SecretChange::Keep => format!("{base} {THIS}"),
        SecretChange::Set(_) => format!("{base}, webhook_secret = $11 {THIS}"),
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
        .bind(&product.id)
        .bind(&product.merchant_id)
        .bind(flag(product.livemode));
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

pub async fn get<'e>(ex: impl Ex<'e>, owner: &Owner, id: &str) -> One<Product> {
    TABLE.find_owned(ex, owner, id).await
}

/// The owner's products, newest first.
pub async fn list<'e>(ex: impl Ex<'e>, owner: &Owner) -> Many<Product> {
    let newest_first = "WHERE merchant_id = $1 AND livemode = $2 ORDER BY created_at DESC, id DESC";
    TABLE.select(ex, newest_first, &owned(owner)).await
}

/// The product a session without `product` falls back to: the owner's
/// oldest active one.
pub async fn default_for<'e>(ex: impl Ex<'e>, owner: &Owner) -> One<Product> {
    let oldest_active = "WHERE merchant_id = $1 AND livemode = $2 AND active = 1 \
                         ORDER BY created_at, id LIMIT 1";
    TABLE.select_one(ex, oldest_active, &owned(owner)).await
}

fn owned(owner: &Owner) -> [Value; 2] {
    [
        owner.merchant_id.as_str().into(),
        flag(owner.livemode).into(),
    ]
}

/// The product's webhook signing secret, decrypted.
pub async fn webhook_secret<'e>(
    ex: impl Ex<'e>,
    master: &MasterKey,
    owner: &Owner,
    id: &str,
) -> One<String> {
    let row = owner.query(
        "SELECT webhook_secret FROM products WHERE merchant_id = $1 AND livemode = $2 AND id = $3")
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
pub async fn webhook_url(tx: &mut Tx<'_>, owner: &Owner, id: &str) -> One<String> {
    let row = owner
        .query(
            "SELECT webhook_url FROM products WHERE merchant_id = $1 AND livemode = $2 AND id = $3",
        )
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(row
        .map(|r| r.try_get::<Option<String>, _>("webhook_url"))
        .transpose()?
        .flatten())
}
