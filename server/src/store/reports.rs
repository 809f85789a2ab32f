//! Figures for the dashboard's home: what was paid, per currency, per day
//! and per method, for one owner since a moment (Unix ms). A payment counts
//! when it succeeded, at the time it did (its last update).

use super::Owner;
use crate::db::Ex;

const PAID: &str = "FROM payment_attempts a JOIN checkout_sessions s ON s.id = a.session_id
     WHERE s.merchant_id = $1 AND s.livemode = $2 AND a.updated_at >= $3";

/// Paid amounts per currency (minor units), largest first.
pub async fn paid_by_currency<'e>(
    ex: impl Ex<'e>,
    owner: &Owner,
    since: i64,
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    let sql = format!(
        "SELECT a.currency, CAST(SUM(a.amount) AS BIGINT) AS total {PAID} AND a.status = 'succeeded'
         GROUP BY a.currency ORDER BY total DESC, a.currency"
    );
    owner_since(&sql, owner, since)
        .fetch_all(ex)
        .await
        .map(rows2)
}

/// Checkouts paid since then.
pub async fn paid_count<'e>(
    ex: impl Ex<'e>,
    owner: &Owner,
    since: i64,
) -> Result<i64, sqlx::Error> {
    let sql = format!("SELECT COUNT(*) {PAID} AND a.status = 'succeeded'");
    let row = owner_since(&sql, owner, since).fetch_one(ex).await?;
    sqlx::Row::try_get(&row, 0)
}

/// Paid per day (days since the Unix epoch) in one currency.
pub async fn paid_per_day<'e>(
    ex: impl Ex<'e>,
    owner: &Owner,
    currency: &str,
    since: i64,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    let sql = format!(
        "SELECT a.updated_at / 86400000 AS day, CAST(SUM(a.amount) AS BIGINT) {PAID}
           AND a.status = 'succeeded' AND a.currency = $4 GROUP BY day ORDER BY day"
    );
    let rows = owner_since(&sql, owner, since)
        .bind(currency)
        .fetch_all(ex)
        .await?;
    rows.iter()
        .map(|r| Ok((sqlx::Row::try_get(r, 0)?, sqlx::Row::try_get(r, 1)?)))
        .collect()
}

/// Per method: payments that succeeded and payments that ended (succeeded
/// or failed), most tried first.
pub async fn method_rates<'e>(
    ex: impl Ex<'e>,
    owner: &Owner,
    since: i64,
) -> Result<Vec<(String, i64, i64)>, sqlx::Error> {
    let sql = format!(
        "SELECT a.method, CAST(SUM(CASE WHEN a.status = 'succeeded' THEN 1 ELSE 0 END) AS BIGINT) AS paid, COUNT(*) AS tried
         {PAID} AND a.status IN ('succeeded', 'failed') GROUP BY a.method ORDER BY tried DESC, a.method"
    );
    let rows = owner_since(&sql, owner, since).fetch_all(ex).await?;
    rows.iter()
        .map(|r| {
            Ok((
                sqlx::Row::try_get(r, 0)?,
                sqlx::Row::try_get(r, 1)?,
                sqlx::Row::try_get(r, 2)?,
            ))
        })
        .collect()
}

fn owner_since<'q>(sql: &'q str, owner: &'q Owner, since: i64) -> super::Query<'q> {
    owner.query(sql).bind(since)
}

fn rows2(rows: Vec<sqlx::any::AnyRow>) -> Vec<(String, i64)> {
    rows.iter()
        .filter_map(|r| {
            Some((
                sqlx::Row::try_get(r, 0).ok()?,
                sqlx::Row::try_get(r, 1).ok()?,
            ))
        })
        .collect()
}
