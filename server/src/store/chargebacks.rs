//! Chargebacks (simulated in test mode).

use crate::db::Tx;

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
