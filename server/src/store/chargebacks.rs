//! Chargebacks (simulated in test mode).

use crate::db::Tx;
use sqlx::{Executor, Row};

#[derive(Clone, Debug)]
pub struct Chargeback {
    pub id: String,
    pub session_id: String,
    pub attempt_id: String,
    pub amount: i64,
    pub reason: String,
    /// Unix milliseconds.
    pub created_at: i64,
}

/// Fails with a unique violation if the session already has one.
pub async fn insert(tx: &mut Tx<'_>, c: &Chargeback) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO chargebacks (id, session_id, attempt_id, amount, reason, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&c.id)
    .bind(&c.session_id)
    .bind(&c.attempt_id)
    .bind(c.amount)
    .bind(&c.reason)
    .bind(c.created_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn for_session<'e, E: Executor<'e, Database = sqlx::Any>>(
    ex: E,
    session_id: &str,
) -> Result<Option<Chargeback>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT id, session_id, attempt_id, amount, reason, created_at
         FROM chargebacks WHERE session_id = $1",
    )
    .bind(session_id)
    .fetch_optional(ex)
    .await?;
    row.map(|r| {
        Ok(Chargeback {
            id: r.try_get("id")?,
            session_id: r.try_get("session_id")?,
            attempt_id: r.try_get("attempt_id")?,
            amount: r.try_get("amount")?,
            reason: r.try_get("reason")?,
            created_at: r.try_get("created_at")?,
        })
    })
    .transpose()
}
