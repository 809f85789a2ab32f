//! Merchants and their API keys.

use super::query::Table;
use super::row::Encodings;
use super::{One, Owner};
use crate::db::{Db, Ex, flag, new_id, now_ms};
use crate::secrets::{PresentedKey, generate_key};
use sqlx::Row;
use sqlx::any::AnyRow;

#[derive(Clone, Debug, serde::Deserialize)]
pub struct Merchant {
    pub id: String,
    pub name: String,
}

pub const TABLE: Table<Merchant> = Table::new("merchants", "id, name", Encodings::NONE);

/// Who is calling the API: the merchant behind a valid key, in the key's mode.
#[derive(Clone, Debug)]
pub struct Caller {
    pub owner: Owner,
    pub key_id: String,
    /// The key is the public demo key.
    pub demo_key: bool,
}

impl Caller {
    fn from_key_row(r: &AnyRow) -> Result<Caller, sqlx::Error> {
        Ok(Caller {
            owner: Owner {
                merchant_id: r.try_get("merchant_id")?,
                livemode: r.try_get::<i64, _>("livemode")? == 1,
            },
            key_id: r.try_get("id")?,
            demo_key: crate::secrets::is_demo_key(&r.try_get::<String, _>("key_hash")?),
        })
    }
}

/// A freshly created key: the only time its secret exists in clear.
pub struct NewKey {
    pub id: String,
    pub secret: String,
    pub prefix: String,
}

pub async fn create(db: &Db, name: &str) -> Result<Merchant, sqlx::Error> {
    let m = Merchant {
        id: new_id("mer", 16),
        name: name.to_owned(),
    };
    sqlx::query("INSERT INTO merchants (id, name, created_at) VALUES ($1, $2, $3)")
        .bind(&m.id)
        .bind(&m.name)
        .bind(now_ms())
        .execute(db.writer())
        .await?;
    Ok(m)
}

pub async fn get<'e>(ex: impl Ex<'e>, id: &str) -> One<Merchant> {
    TABLE.find(ex, id).await
}

/// What a checkout's page shows of its merchant, read in one query: the
/// name, and the origins the session's product lets frame the page.
pub struct Storefront {
    pub name: String,
    /// Empty without a product (or for a product that is gone).
    pub embed_origins: Vec<String>,
    pub brand: Brand,
}

/// A merchant's brand: a colour, and a logo (its hash and size in pixels).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Brand {
    pub color: Option<String>,
    pub logo: Option<(String, i64, i64)>,
}

pub async fn storefront<'e>(
    ex: impl Ex<'e>,
    owner: &Owner,
    product_id: Option<&str>,
) -> One<Storefront> {
    let row = sqlx::query(
        "SELECT m.name, p.embed_origins, m.brand_color, m.logo_hash, m.logo_width, m.logo_height
         FROM merchants m
         LEFT JOIN products p ON p.merchant_id = m.id AND p.livemode = $2 AND p.id = $3
         WHERE m.id = $1",
    )
    .bind(&owner.merchant_id)
    .bind(flag(owner.livemode))
    .bind(product_id.unwrap_or(""))
    .fetch_optional(ex)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let origins: Option<String> = row.try_get("embed_origins")?;
    let embed_origins = match origins {
        Some(json) => serde_json::from_str(&json).map_err(|e| sqlx::Error::Decode(e.into()))?,
        None => Vec::new(),
    };
    Ok(Some(Storefront {
        name: row.try_get("name")?,
        embed_origins,
        brand: brand_of(&row)?,
    }))
}

fn brand_of(row: &AnyRow) -> Result<Brand, sqlx::Error> {
    let hash: Option<String> = row.try_get("logo_hash")?;
    let size: (Option<i64>, Option<i64>) =
        (row.try_get("logo_width")?, row.try_get("logo_height")?);
    Ok(Brand {
        color: row.try_get("brand_color")?,
        logo: match (hash, size) {
            (Some(h), (Some(w), Some(x))) => Some((h, w, x)),
            _ => None,
        },
    })
}

/// The merchant's brand.
pub async fn brand<'e>(ex: impl Ex<'e>, merchant_id: &str) -> Result<Brand, sqlx::Error> {
    let row = sqlx::query(
        "SELECT brand_color, logo_hash, logo_width, logo_height FROM merchants WHERE id = $1",
    )
    .bind(merchant_id)
    .fetch_one(ex)
    .await?;
    brand_of(&row)
}

pub async fn set_brand_color<'e>(
    ex: impl Ex<'e>,
    merchant_id: &str,
    color: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE merchants SET brand_color = $1 WHERE id = $2")
        .bind(color)
        .bind(merchant_id)
        .execute(ex)
        .await?;
    Ok(())
}

/// A re-encoded logo: PNG bytes, their hash, the size in pixels.
pub struct Logo {
    pub png: Vec<u8>,
    pub hash: String,
    pub width: i64,
    pub height: i64,
}

/// Sets (or, with `None`, removes) the merchant's logo.
pub async fn set_logo<'e>(
    ex: impl Ex<'e>,
    merchant_id: &str,
    logo: Option<&Logo>,
) -> Result<(), sqlx::Error> {
    use base64::Engine as _;
    let b64 = logo.map(|l| base64::engine::general_purpose::STANDARD.encode(&l.png));
    sqlx::query(
        "UPDATE merchants SET logo_png = $1, logo_hash = $2, logo_width = $3, logo_height = $4
         WHERE id = $5",
    )
    .bind(b64)
    .bind(logo.map(|l| l.hash.clone()))
    .bind(logo.map(|l| l.width))
    .bind(logo.map(|l| l.height))
    .bind(merchant_id)
    .execute(ex)
    .await?;
    Ok(())
}

/// The PNG of the merchant's logo, if its hash is still `hash`.
pub async fn logo_png<'e>(
    ex: impl Ex<'e>,
    merchant_id: &str,
    hash: &str,
) -> Result<Option<Vec<u8>>, sqlx::Error> {
    use base64::Engine as _;
    let b64: Option<Option<String>> =
        sqlx::query_scalar("SELECT logo_png FROM merchants WHERE id = $1 AND logo_hash = $2")
            .bind(merchant_id)
            .bind(hash)
            .fetch_optional(ex)
            .await?;
    Ok(b64
        .flatten()
        .and_then(|b| base64::engine::general_purpose::STANDARD.decode(b).ok()))
}

/// Creates a random key for the merchant.
pub async fn create_key(db: &Db, merchant_id: &str, livemode: bool) -> Result<NewKey, sqlx::Error> {
    let secret = generate_key(livemode);
    let id = insert_key(db, merchant_id, &secret).await?;
    let prefix = secret[..crate::secrets::KEY_PREFIX_LEN].to_owned();
    Ok(NewKey { id, secret, prefix })
}

/// Registers a key the operator chose (the bootstrap key). Returns its id.
pub async fn insert_key(db: &Db, merchant_id: &str, secret: &str) -> Result<String, sqlx::Error> {
    let key = PresentedKey::parse(secret)
        .ok_or_else(|| sqlx::Error::Protocol("malformed API key".into()))?;
    let id = new_id("key", 16);
    sqlx::query(
        "INSERT INTO api_keys (id, merchant_id, prefix, key_hash, livemode, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&id)
    .bind(merchant_id)
    .bind(&key.prefix)
    .bind(key.hash_hex())
    .bind(flag(key.livemode))
    .bind(now_ms())
    .execute(db.writer())
    .await?;
    Ok(id)
}

/// Revokes by key id or by visible prefix. Returns how many keys it revoked.
pub async fn revoke_key(db: &Db, id_or_prefix: &str) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE api_keys SET revoked_at = $1
         WHERE (id = $2 OR prefix = $2) AND revoked_at IS NULL",
    )
    .bind(now_ms())
    .bind(id_or_prefix)
    .execute(db.writer())
    .await?;
    Ok(done.rows_affected())
}

/// The merchant a presented key belongs to, if the key is valid and not
/// revoked. Finds candidates by the visible prefix, then compares hashes in
/// constant time.
pub async fn authenticate<'e>(ex: impl Ex<'e>, key: &PresentedKey) -> One<Caller> {
    let rows = sqlx::query(
        "SELECT id, merchant_id, key_hash, livemode FROM api_keys
         WHERE prefix = $1 AND revoked_at IS NULL",
    )
    .bind(&key.prefix)
    .fetch_all(ex)
    .await?;
    for row in rows {
        let stored: String = row.try_get("key_hash")?;
        let caller = Caller::from_key_row(&row)?;
        if key.matches(&stored) && caller.owner.livemode == key.livemode {
            return Ok(Some(caller));
        }
    }
    Ok(None)
}

/// The merchant that owns a key, whether or not the key is revoked.
pub async fn key_owner<'e>(ex: impl Ex<'e>, secret: &str) -> One<String> {
    let Some(key) = PresentedKey::parse(secret) else {
        return Ok(None);
    };
    let row = sqlx::query("SELECT merchant_id FROM api_keys WHERE key_hash = $1")
        .bind(key.hash_hex())
        .fetch_optional(ex)
        .await?;
    row.map(|r| r.try_get("merchant_id")).transpose()
}

/// The caller behind a key id, if the key still exists and is not revoked
/// (for tokens issued from a key: revoking the key ends them too).
pub async fn caller_for_key<'e>(ex: impl Ex<'e>, key_id: &str) -> One<Caller> {
    let row = sqlx::query(
        "SELECT id, merchant_id, key_hash, livemode FROM api_keys
         WHERE id = $1 AND revoked_at IS NULL",
    )
    .bind(key_id)
    .fetch_optional(ex)
    .await?;
    row.as_ref().map(Caller::from_key_row).transpose()
}

/// Notes that a key was used now, at most once a minute per key and
/// process, in the background: an API call never waits for this write.
pub fn note_key_use(db: &Db, key_id: &str) {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    static LAST: OnceLock<Mutex<HashMap<String, i64>>> = OnceLock::new();
    let now = now_ms();
    {
        let mut last = LAST
            .get_or_init(Default::default)
            .lock()
            .expect("not poisoned");
        if last.get(key_id).is_some_and(|t| now - t < 60_000) {
            return;
        }
        last.insert(key_id.to_owned(), now);
    }
    let (db, id) = (db.clone(), key_id.to_owned());
    tokio::spawn(async move {
        let done = sqlx::query("UPDATE api_keys SET last_used_at = $1 WHERE id = $2")
            .bind(now)
            .bind(&id)
            .execute(db.writer())
            .await;
        if let Err(e) = done {
            tracing::warn!(error = %e, "could not note an API key's use");
        }
    });
}

/// A key as the dashboard lists it: never its hash.
#[derive(Clone, Debug)]
pub struct KeyInfo {
    pub id: String,
    pub prefix: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

/// The owner's keys, newest first.
pub async fn keys<'e>(ex: impl Ex<'e>, owner: &Owner) -> Result<Vec<KeyInfo>, sqlx::Error> {
    type Row = (String, String, i64, Option<i64>, Option<i64>);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, prefix, created_at, last_used_at, revoked_at FROM api_keys
         WHERE merchant_id = $1 AND livemode = $2 ORDER BY created_at DESC, id DESC",
    )
    .bind(&owner.merchant_id)
    .bind(flag(owner.livemode))
    .fetch_all(ex)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, prefix, created_at, last_used_at, revoked_at)| KeyInfo {
                id,
                prefix,
                created_at,
                last_used_at,
                revoked_at,
            },
        )
        .collect())
}

/// Revokes one of the owner's keys; false when it is not theirs or was revoked.
pub async fn revoke_owned_key<'e>(
    ex: impl Ex<'e>,
    owner: &Owner,
    id: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE api_keys SET revoked_at = $1
         WHERE id = $2 AND merchant_id = $3 AND livemode = $4 AND revoked_at IS NULL",
    )
    .bind(now_ms())
    .bind(id)
    .bind(&owner.merchant_id)
    .bind(flag(owner.livemode))
    .execute(ex)
    .await?;
    Ok(done.rows_affected() == 1)
}
