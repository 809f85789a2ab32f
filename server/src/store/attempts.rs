//! Payment attempts: each time a buyer presses Pay.

use crate::db::Tx;
use app::domain::{Currency, MethodId};
use app::service::AttemptStatus;
use sqlx::any::AnyRow;
use sqlx::{Executor, Row};

#[derive(Clone, Debug)]
pub struct Attempt {
    pub id: String,
    pub session_id: String,
    pub method: MethodId,
    pub connector: String,
    pub phone: Option<String>,
    pub amount: i64,
    pub currency: Currency,
    pub status: AttemptStatus,
    pub failure_code: Option<String>,
    pub failure_reason: Option<String>,
    pub connector_reference: Option<String>,
    /// Unix milliseconds.
    pub created_at: i64,
    pub updated_at: i64,
}

const COLUMNS: &str = "id, session_id, method, connector, phone, amount, currency, status, \
    failure_code, failure_reason, connector_reference, created_at, updated_at";

pub fn status_str(s: AttemptStatus) -> &'static str {
    match s {
        AttemptStatus::Pending => "pending",
        AttemptStatus::Succeeded => "succeeded",
        AttemptStatus::Failed => "failed",
    }
}

fn from_row(r: &AnyRow) -> Result<Attempt, sqlx::Error> {
    let bad = |what: &str| sqlx::Error::Decode(format!("bad stored {what}").into());
    let method: String = r.try_get("method")?;
    let currency: String = r.try_get("currency")?;
    let status: String = r.try_get("status")?;
    Ok(Attempt {
        id: r.try_get("id")?,
        session_id: r.try_get("session_id")?,
        method: MethodId::parse(&method).ok_or_else(|| bad("method"))?,
        connector: r.try_get("connector")?,
        phone: r.try_get("phone")?,
        amount: r.try_get("amount")?,
        currency: Currency::parse(&currency).ok_or_else(|| bad("currency"))?,
        status: match status.as_str() {
            "pending" => AttemptStatus::Pending,
            "succeeded" => AttemptStatus::Succeeded,
            "failed" => AttemptStatus::Failed,
            _ => return Err(bad("status")),
        },
        failure_code: r.try_get("failure_code")?,
        failure_reason: r.try_get("failure_reason")?,
        connector_reference: r.try_get("connector_reference")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
    })
}

/// Inserts a pending attempt. Fails with a unique violation when the session
/// already has one pending or succeeded: the database's double-pay guard.
pub async fn insert(tx: &mut Tx<'_>, a: &Attempt) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "INSERT INTO payment_attempts ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
    ))
    .bind(&a.id)
    .bind(&a.session_id)
    .bind(a.method.as_str())
    .bind(&a.connector)
    .bind(a.phone.clone())
    .bind(a.amount)
    .bind(a.currency.code())
    .bind(status_str(a.status))
    .bind(a.failure_code.clone())
    .bind(a.failure_reason.clone())
    .bind(a.connector_reference.clone())
    .bind(a.created_at)
    .bind(a.updated_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The session's most recent attempt.
pub async fn latest<'e, E: Executor<'e, Database = sqlx::Any>>(
    ex: E,
    session_id: &str,
) -> Result<Option<Attempt>, sqlx::Error> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM payment_attempts WHERE session_id = $1
         ORDER BY created_at DESC, id DESC LIMIT 1"
    ))
    .bind(session_id)
    .fetch_optional(ex)
    .await?;
    row.as_ref().map(from_row).transpose()
}

/// Records the connector's reference once the provider accepted the request.
pub async fn set_reference<'e, E: Executor<'e, Database = sqlx::Any>>(
    ex: E,
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

/// Settles a pending attempt. Returns false if it was no longer pending
/// (another request or server instance settled it first).
pub async fn settle(
    tx: &mut Tx<'_>,
    id: &str,
    status: AttemptStatus,
    failure: Option<(&str, &str)>,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE payment_attempts SET status = $1, failure_code = $2, failure_reason = $3, updated_at = $4
         WHERE id = $5 AND status = 'pending'",
    )
    .bind(status_str(status))
    .bind(failure.map(|f| f.0.to_owned()))
    .bind(failure.map(|f| f.1.to_owned()))
    .bind(now_ms)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Pending attempts, oldest first, for the background sweep.
pub async fn pending<'e, E: Executor<'e, Database = sqlx::Any>>(
    ex: E,
    limit: i64,
) -> Result<Vec<Attempt>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM payment_attempts WHERE status = 'pending' ORDER BY created_at LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(ex)
    .await?;
    rows.iter().map(from_row).collect()
}
