//! Refunds of paid sessions.

use super::query::{Filter, Table};
use super::row::Encodings;
use super::{Many, to_json};
use crate::db::{Ex, Tx, flag};
use app::domain::Currency;
use app::domain::refund::RefundStatus;
use std::collections::BTreeMap;

#[derive(Clone, Debug, serde::Deserialize)]
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
    pub status: RefundStatus,
    pub failure_code: Option<String>,
    pub failure_reason: Option<String>,
    pub connector_reference: Option<String>,
    /// Unix milliseconds.
    pub created_at: i64,
    pub created_seq: i64,
}

const COLUMNS: &str = "id, merchant_id, livemode, session_id, attempt_id, charge, amount, currency, \
    reason, metadata, status, failure_code, failure_reason, connector_reference, created_at, created_seq";

pub const TABLE: Table<Refund> = Table::new(
    "refunds",
    COLUMNS,
    Encodings {
        flags: &["livemode"],
        json: &["metadata"],
    },
);

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
    .bind(to_json(&r.metadata))
    .bind(r.status.as_str())
    .bind(r.failure_code.clone())
    .bind(r.failure_reason.clone())
    .bind(r.connector_reference.clone())
    .bind(r.created_at)
    .bind(r.created_seq)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Records how the provider answered, if the refund is still pending (the
/// request and the sweeper may both hear the answer). Whether it did.
pub async fn settle(tx: &mut Tx<'_>, r: &Refund, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE refunds SET status = $1, failure_code = $2, failure_reason = $3,
             connector_reference = $4, updated_at = $5
         WHERE id = $6 AND status = 'pending'",
    )
    .bind(r.status.as_str())
    .bind(r.failure_code.clone())
    .bind(r.failure_reason.clone())
    .bind(r.connector_reference.clone())
    .bind(now)
    .bind(&r.id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Pending refunds last touched before `before` (Unix ms), oldest first:
/// their provider's answer never got recorded.
pub async fn stale<'e>(ex: impl Ex<'e>, before: i64, limit: i64) -> Many<Refund> {
    let stale = "WHERE status = 'pending' AND updated_at < $1 ORDER BY updated_at LIMIT $2";
    TABLE
        .select(ex, stale, &[before.into(), limit.into()])
        .await
}

/// Marks a refund as just asked about, so the sweeper waits before asking
/// again.
pub async fn touch(pool: &sqlx::AnyPool, id: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE refunds SET updated_at = $1 WHERE id = $2 AND status = 'pending'")
        .bind(now)
        .bind(id)
        .execute(pool)
        .await?;
    Ok(())
}

/// Refunds of one session, or all.
pub fn of_session(session_id: Option<&str>) -> Vec<Filter> {
    session_id
        .map(|s| Filter::eq("session_id", s))
        .into_iter()
        .collect()
}

/// The latest refund of a session that did not fail: a charge's
/// `refund_reference`.
pub async fn latest_reference<'e>(ex: impl Ex<'e>, session_id: &str) -> super::One<String> {
    let row = sqlx::query(
        "SELECT id FROM refunds WHERE session_id = $1 AND status <> 'failed'
         ORDER BY created_seq DESC LIMIT 1",
    )
    .bind(session_id)
    .fetch_optional(ex)
    .await?;
    use sqlx::Row;
    row.map(|r| r.try_get("id")).transpose()
}
