//! Velocity limits' counters. A meter is one row of `rate_limits`; the
//! counts come from the rows the limits are about (payment attempts).

use super::Query;
use crate::db::{Db, Ex, Tx};
use sqlx::Row;

const NEW_METER: &str =
    "INSERT INTO rate_limits (key, tat) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING";
const ADMIT: &str = "UPDATE rate_limits SET tat = (CASE WHEN tat > $2 THEN tat ELSE $2 END) + $3
     WHERE key = $1 AND (CASE WHEN tat > $2 THEN tat ELSE $2 END) <= $2 + $4";
const HOLD: &str = "INSERT INTO rate_limits (key, tat) VALUES ($1, $2)
     ON CONFLICT (key) DO UPDATE SET tat = excluded.tat";

/// `sql` with a meter's key at `$1` and the time at `$2`.
fn meter<'q>(sql: &'q str, key: &'q str, now: i64) -> Query<'q> {
    sqlx::query(sql).bind(key).bind(now)
}

/// One step of the generic cell rate algorithm for `key`: admits a request
/// when the key's theoretical arrival time is no further than `tolerance`
/// ahead of `now`, moving it on by `interval`. One conditional UPDATE, so
/// concurrent requests (on any server) cannot both take the last place.
pub async fn admit(
    db: &Db,
    key: &str,
    now: i64,
    interval: i64,
    tolerance: i64,
) -> Result<bool, sqlx::Error> {
    meter(NEW_METER, key, now).execute(db.writer()).await?;
    let moved = meter(ADMIT, key, now)
        .bind(interval)
        .bind(tolerance)
        .execute(db.writer())
        .await?;
    Ok(moved.rows_affected() == 1)
}

/// Takes `key`'s row for the rest of the transaction: a second transaction
/// holding the same key waits until this one ends (PostgreSQL's row lock;
/// SQLite has one writer anyway). Must be the transaction's first write.
pub async fn hold(tx: &mut Tx<'_>, key: &str, now: i64) -> Result<(), sqlx::Error> {
    meter(HOLD, key, now).execute(&mut **tx).await?;
    Ok(())
}

/// Payments started for `phone` since `since` (Unix milliseconds), on any
/// checkout.
pub async fn pushes_since(tx: &mut Tx<'_>, phone: &str, since: i64) -> Result<i64, sqlx::Error> {
    sqlx::query("SELECT COUNT(*) AS n FROM payment_attempts WHERE phone = $1 AND created_at > $2")
        .bind(phone)
        .bind(since)
        .fetch_one(&mut **tx)
        .await?
        .try_get("n")
}

/// A checkout's failed payments.
pub async fn failed_attempts<'e>(ex: impl Ex<'e>, session_id: &str) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "SELECT COUNT(*) AS n FROM payment_attempts WHERE session_id = $1 AND status = 'failed'",
    )
    .bind(session_id)
    .fetch_one(ex)
    .await?
    .try_get("n")
}

/// Forgets meters that have run down (their time is past by a day).
pub async fn forget_idle<'e>(ex: impl Ex<'e>, now: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM rate_limits WHERE tat < $1")
        .bind(now - 86_400_000)
        .execute(ex)
        .await?;
    Ok(done.rows_affected())
}
