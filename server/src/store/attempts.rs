//! Payment attempts: each time a buyer presses Pay.

use super::query::Table;
use super::row::Encodings;
use super::{Many, One};
use crate::db::{Ex, Tx};
use app::domain::attempt::AttemptStatus;
use app::domain::card::Brand;
use app::domain::{Currency, MethodId};

#[derive(Clone, Debug, serde::Deserialize)]
pub struct Attempt {
    pub id: String,
    pub session_id: String,
    pub method: MethodId,
    pub connector: String,
    pub phone: Option<String>,
    pub card_brand: Option<Brand>,
    pub card_last4: Option<String>,
    pub amount: i64,
    pub currency: Currency,
    pub status: AttemptStatus,
    pub failure_code: Option<String>,
    pub failure_reason: Option<String>,
    pub connector_reference: Option<String>,
    pub next_action_url: Option<String>,
    /// Unix milliseconds.
    pub timeout_at: i64,
    pub created_at: i64,
    pub updated_at: i64,
    /// A part of a session paid in parts.
    pub partial: bool,
    /// The connector account it went through (`None`: the sandbox).
    pub connector_account: Option<String>,
}

pub const TABLE: Table<Attempt> = Table::new(
    "payment_attempts",
    COLUMNS,
    Encodings {
        flags: &["partial"],
        json: &[],
    },
);

const COLUMNS: &str = "id, session_id, method, connector, phone, card_brand, card_last4, amount, \
    currency, status, failure_code, failure_reason, connector_reference, next_action_url, \
    timeout_at, created_at, updated_at, partial, connector_account";

/// Inserts a new attempt. Fails with a unique violation when the session
/// already has one under way or succeeded: the database's double-pay guard.
pub async fn insert(tx: &mut Tx<'_>, a: &Attempt) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "INSERT INTO payment_attempts ({COLUMNS})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)"
    ))
    .bind(&a.id)
    .bind(&a.session_id)
    .bind(a.method.as_str())
    .bind(&a.connector)
    .bind(a.phone.clone())
    .bind(a.card_brand.map(|b| b.as_str()))
    .bind(a.card_last4.clone())
    .bind(a.amount)
    .bind(a.currency.code())
    .bind(a.status.as_str())
    .bind(a.failure_code.clone())
    .bind(a.failure_reason.clone())
    .bind(a.connector_reference.clone())
    .bind(a.next_action_url.clone())
    .bind(a.timeout_at)
    .bind(a.created_at)
    .bind(a.updated_at)
    .bind(crate::db::flag(a.partial))
    .bind(a.connector_account.clone())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Replaces the provider's reference with a fuller one (a transaction id
/// learnt after the attempt started).
pub async fn update_reference<'e>(
    ex: impl Ex<'e>,
    id: &str,
    reference: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE payment_attempts SET connector_reference = $1 WHERE id = $2")
        .bind(reference)
        .bind(id)
        .execute(ex)
        .await?;
    Ok(())
}

/// The session's most recent attempt.
pub async fn latest<'e>(ex: impl Ex<'e>, session_id: &str) -> One<Attempt> {
    let latest = "WHERE session_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1";
    TABLE.select_one(ex, latest, &[session_id.into()]).await
}

/// What the provider said when it accepted the request.
pub async fn set_reference(
    tx: &mut Tx<'_>,
    id: &str,
    reference: &str,
    next_action_url: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE payment_attempts SET connector_reference = COALESCE(connector_reference, $1),
             next_action_url = $2 WHERE id = $3",
    )
    .bind(reference)
    .bind(next_action_url.map(str::to_owned))
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Moves an attempt on to `to`, but only if it is still as loaded
/// (another request or server instance may have moved it first).
pub async fn transition(
    tx: &mut Tx<'_>,
    a: &Attempt,
    to: AttemptStatus,
    failure: Option<(&str, &str)>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE payment_attempts SET status = $1, failure_code = $2, failure_reason = $3, updated_at = $4
         WHERE id = $5 AND status = $6",
    )
    .bind(to.as_str())
    .bind(failure.map(|f| f.0.to_owned()))
    .bind(failure.map(|f| f.1.to_owned()))
    .bind(crate::db::now_ms())
    .bind(&a.id)
    .bind(a.status.as_str())
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Attempts still under way, oldest first, for the background sweep.
pub async fn live<'e>(ex: impl Ex<'e>, limit: i64) -> Many<Attempt> {
    let live = "WHERE status IN ('pending', 'requires_action') ORDER BY created_at LIMIT $1";
    TABLE.select(ex, live, &[limit.into()]).await
}

/// The session's most recent paid attempt, if any (sessions paid in parts
/// have several).
pub async fn succeeded<'e>(ex: impl Ex<'e>, session_id: &str) -> One<Attempt> {
    Ok(paid_parts(ex, session_id).await?.pop())
}

/// Every paid attempt of a session, oldest first (several when paid in parts).
pub async fn paid_parts<'e>(ex: impl Ex<'e>, session_id: &str) -> Many<Attempt> {
    let paid = "WHERE session_id = $1 AND status = 'succeeded' ORDER BY created_at, id";
    TABLE.select(ex, paid, &[session_id.into()]).await
}
