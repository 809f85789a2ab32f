//! Stored first responses of `Idempotency-Key` requests, encrypted with the
//! master key (they can hold a webhook secret shown once, or a buyer's
//! contact details).

use crate::db::{Db, Tx, flag};
use crate::secrets::MasterKey;
use sqlx::Row;

/// Keys are remembered this long.
pub const RETENTION_MS: i64 = 24 * 60 * 60 * 1000;
/// A claim whose request never finished (the server died mid-request) may be
/// taken over after this long.
pub const ABANDONED_MS: i64 = 60 * 1000;

pub struct KeyRef<'a> {
    pub merchant_id: &'a str,
    pub livemode: bool,
    pub key: &'a str,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Claim {
    /// First use: the caller runs the request and records its response.
    Fresh,
    /// Seen before with the same request: send this again.
    Replay { status: u16, body: String },
    /// Seen before with a different request.
    Mismatch,
    /// The first request with this key is still running.
    InProgress,
}

pub async fn claim(
    db: &Db,
    master: &MasterKey,
    k: &KeyRef<'_>,
    request_hash: &str,
    now_ms: i64,
) -> Result<Claim, sqlx::Error> {
    sqlx::query(
        "DELETE FROM idempotency_keys
         WHERE merchant_id = $1 AND livemode = $2 AND idem_key = $3
           AND (created_at < $4 OR (status_code IS NULL AND created_at < $5))",
    )
    .bind(k.merchant_id)
    .bind(flag(k.livemode))
    .bind(k.key)
    .bind(now_ms - RETENTION_MS)
    .bind(now_ms - ABANDONED_MS)
    .execute(db.writer())
    .await?;
    let inserted = sqlx::query(
        "INSERT INTO idempotency_keys (merchant_id, livemode, idem_key, request_hash, created_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
    )
    .bind(k.merchant_id)
    .bind(flag(k.livemode))
    .bind(k.key)
    .bind(request_hash)
    .bind(now_ms)
    .execute(db.writer())
    .await?;
    if inserted.rows_affected() == 1 {
        return Ok(Claim::Fresh);
    }
    let row = sqlx::query(
        "SELECT request_hash, status_code, response_body FROM idempotency_keys
         WHERE merchant_id = $1 AND livemode = $2 AND idem_key = $3",
    )
    .bind(k.merchant_id)
    .bind(flag(k.livemode))
    .bind(k.key)
    .fetch_optional(db.writer())
    .await?;
    let Some(row) = row else {
        // Released between our insert and our read: treat as still running.
        return Ok(Claim::InProgress);
    };
    let hash: String = row.try_get("request_hash")?;
    if hash != request_hash {
        return Ok(Claim::Mismatch);
    }
    let status: Option<i64> = row.try_get("status_code")?;
    let body: Option<String> = row.try_get("response_body")?;
    Ok(match (status, body) {
        (Some(status), Some(stored)) => Claim::Replay {
            status: status as u16,
            body: open(master, stored)?,
        },
        _ => Claim::InProgress,
    })
}

/// A stored body in clear. Bodies stored before they were encrypted (JSON,
/// never `v1:...`) are read as they are until they age out.
fn open(master: &MasterKey, stored: String) -> Result<String, sqlx::Error> {
    if !stored.starts_with("v1:") {
        return Ok(stored);
    }
    master
        .decrypt(&stored)
        .map_err(|e| sqlx::Error::Decode(format!("idempotent response: {e}").into()))
}

/// Records the response, in the same transaction as the change it reports.
pub async fn complete(
    tx: &mut Tx<'_>,
    master: &MasterKey,
    k: &KeyRef<'_>,
    status: u16,
    body: &str,
) -> Result<(), sqlx::Error> {
    let body = master.encrypt(body);
    sqlx::query(
        "UPDATE idempotency_keys SET status_code = $1, response_body = $2
         WHERE merchant_id = $3 AND livemode = $4 AND idem_key = $5",
    )
    .bind(i64::from(status))
    .bind(&body)
    .bind(k.merchant_id)
    .bind(flag(k.livemode))
    .bind(k.key)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Forgets an unfinished claim (the request failed and changed nothing), so
/// the client may retry with the same key.
pub async fn release(db: &Db, k: &KeyRef<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "DELETE FROM idempotency_keys
         WHERE merchant_id = $1 AND livemode = $2 AND idem_key = $3 AND status_code IS NULL",
    )
    .bind(k.merchant_id)
    .bind(flag(k.livemode))
    .bind(k.key)
    .execute(db.writer())
    .await?;
    Ok(())
}

/// Forgets keys older than the retention window. Returns how many.
pub async fn purge(db: &Db, now_ms: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM idempotency_keys WHERE created_at < $1")
        .bind(now_ms - RETENTION_MS)
        .execute(db.writer())
        .await?;
    Ok(done.rows_affected())
}
