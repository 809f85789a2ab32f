//! Refunds of paid sessions.

use crate::db::{Db, Tx, flag};
use app::domain::Currency;
use sqlx::any::AnyRow;
use sqlx::{Executor, Row};
use std::collections::BTreeMap;

#[derive(Clone, Debug)]
pub struct Refund {
    pub id: String,
    pub merchant_id: String,
    pub livemode: bool,
    pub session_id: String,
    pub attempt_id: String,
    /// The session's charge reference.
    pub charge: String,
    pub amount: i64,
    pub currency: Currency,
    pub reason: Option<String>,
    pub metadata: BTreeMap<String, String>,
    /// `pending`, `processing`, `succeeded`, `failed` or `cancelled`.
    pub status: String,
    pub failure_code: Option<String>,
    pub failure_reason: Option<String>,
    pub connector_reference: Option<String>,
    /// Unix milliseconds.
    pub created_at: i64,
    pub created_seq: i64,
}

const COLUMNS: &str = "id, merchant_id, livemode, session_id, attempt_id, charge, amount, currency, \
    reason, metadata, status, failure_code, failure_reason, connector_reference, created_at, created_seq";

fn from_row(r: &AnyRow) -> Result<Refund, sqlx::Error> {
    let bad = |what: &str| sqlx::Error::Decode(format!("bad stored {what}").into());
    let currency: String = r.try_get("currency")?;
    let metadata: String = r.try_get("metadata")?;
    Ok(Refund {
        id: r.try_get("id")?,
        merchant_id: r.try_get("merchant_id")?,
        livemode: r.try_get::<i64, _>("livemode")? == 1,
        session_id: r.try_get("session_id")?,
        attempt_id: r.try_get("attempt_id")?,
        charge: r.try_get("charge")?,
        amount: r.try_get("amount")?,
        currency: Currency::parse(&currency).ok_or_else(|| bad("currency"))?,
        reason: r.try_get("reason")?,
        metadata: serde_json::from_str(&metadata).map_err(|_| bad("metadata"))?,
        status: r.try_get("status")?,
        failure_code: r.try_get("failure_code")?,
        failure_reason: r.try_get("failure_reason")?,
        connector_reference: r.try_get("connector_reference")?,
        created_at: r.try_get("created_at")?,
        created_seq: r.try_get("created_seq")?,
    })
}

pub async fn insert(tx: &mut Tx<'_>, r: &Refund) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "INSERT INTO refunds ({COLUMNS}, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $15)"
    ))
    .bind(&r.id)
    .bind(&r.merchant_id)
    .bind(flag(r.livemode))
    .bind(&r.session_id)
    .bind(&r.attempt_id)
    .bind(&r.charge)
    .bind(r.amount)
    .bind(r.currency.code())
    .bind(r.reason.clone())
    .bind(serde_json::to_string(&r.metadata).expect("strings serialise"))
    .bind(&r.status)
    .bind(r.failure_code.clone())
    .bind(r.failure_reason.clone())
    .bind(r.connector_reference.clone())
    .bind(r.created_at)
    .bind(r.created_seq)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Records how the provider answered.
pub async fn settle(tx: &mut Tx<'_>, r: &Refund, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE refunds SET status = $1, failure_code = $2, failure_reason = $3,
             connector_reference = $4, updated_at = $5
         WHERE id = $6",
    )
    .bind(&r.status)
    .bind(r.failure_code.clone())
    .bind(r.failure_reason.clone())
    .bind(r.connector_reference.clone())
    .bind(now)
    .bind(&r.id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn get<'e, E: Executor<'e, Database = sqlx::Any>>(
    ex: E,
    id: &str,
) -> Result<Option<Refund>, sqlx::Error> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM refunds WHERE id = $1"))
        .bind(id)
        .fetch_optional(ex)
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// The merchant's refunds, newest first; `after` continues to older ones.
pub async fn list(
    db: &Db,
    merchant_id: &str,
    livemode: bool,
    session_id: Option<&str>,
    after: Option<(i64, String)>,
    limit: i64,
) -> Result<(Vec<Refund>, bool), sqlx::Error> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM refunds
         WHERE merchant_id = $1 AND livemode = $2
           AND ($3 IS NULL OR session_id = $3)
           AND ($4 IS NULL OR created_seq < $4 OR (created_seq = $4 AND id < $5))
         ORDER BY created_seq DESC, id DESC LIMIT $6"
    ))
    .bind(merchant_id)
    .bind(flag(livemode))
    .bind(session_id.map(str::to_owned))
    .bind(after.as_ref().map(|a| a.0))
    .bind(after.map(|a| a.1))
    .bind(limit + 1)
    .fetch_all(&db.pool)
    .await?;
    let mut refunds = rows.iter().map(from_row).collect::<Result<Vec<_>, _>>()?;
    let more = refunds.len() as i64 > limit;
    refunds.truncate(limit as usize);
    Ok((refunds, more))
}
