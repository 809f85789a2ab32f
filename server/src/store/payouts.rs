//! Payouts to mobile wallets.

use super::query::Table;
use super::row::Encodings;
use super::{Many, to_json};
use crate::db::{Ex, Tx, flag};
use app::domain::payout::PayoutStatus;
use app::domain::{Currency, MethodId};
use std::collections::BTreeMap;

#[derive(Clone, Debug, serde::Deserialize)]
pub struct Payout {
    pub id: String,
    pub merchant_id: String,
    pub livemode: bool,
    pub amount: i64,
    pub currency: Currency,
    pub provider: MethodId,
    /// E.164.
    pub phone: String,
    pub status: PayoutStatus,
    pub description: Option<String>,
    pub metadata: BTreeMap<String, String>,
    pub failure_code: Option<String>,
    pub failure_message: Option<String>,
    pub product_id: Option<String>,
    pub connector: String,
    pub connector_account: Option<String>,
    pub connector_reference: Option<String>,
    pub callback_token: String,
    /// Unix milliseconds.
    pub created_at: i64,
    pub created_seq: i64,
    pub updated_at: i64,
    /// When it was paid (Unix milliseconds).
    pub arrived_at: Option<i64>,
}

const COLUMNS: &str = "id, merchant_id, livemode, amount, currency, provider, phone, status, \
    description, metadata, failure_code, failure_message, product_id, connector, connector_account, \
    connector_reference, callback_token, created_at, created_seq, updated_at, arrived_at";

pub const TABLE: Table<Payout> = Table::new(
    "payouts",
    COLUMNS,
    Encodings {
        flags: &["livemode"],
        json: &["metadata"],
    },
);

pub async fn insert(tx: &mut Tx<'_>, p: &Payout) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "INSERT INTO payouts ({COLUMNS})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
                 $19, $20, $21)"
    ))
    .bind(&p.id)
    .bind(&p.merchant_id)
    .bind(flag(p.livemode))
    .bind(p.amount)
    .bind(p.currency.code())
    .bind(p.provider.as_str())
    .bind(&p.phone)
    .bind(p.status.as_str())
    .bind(p.description.clone())
    .bind(to_json(&p.metadata))
    .bind(p.failure_code.clone())
    .bind(p.failure_message.clone())
    .bind(p.product_id.clone())
    .bind(&p.connector)
    .bind(p.connector_account.clone())
    .bind(p.connector_reference.clone())
    .bind(&p.callback_token)
    .bind(p.created_at)
    .bind(p.created_seq)
    .bind(p.updated_at)
    .bind(p.arrived_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Records the provider's reference for a payout it took.
pub async fn set_reference<'e>(
    ex: impl Ex<'e>,
    id: &str,
    reference: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE payouts SET connector_reference = $1 WHERE id = $2")
        .bind(reference)
        .bind(id)
        .execute(ex)
        .await?;
    Ok(())
}

/// Settles a pending payout (paid or failed). Whether it was still pending:
/// the request, a callback and the sweeper may all hear the answer.
pub async fn settle(tx: &mut Tx<'_>, p: &Payout, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE payouts SET status = $1, failure_code = $2, failure_message = $3,
             arrived_at = $4, updated_at = $5
         WHERE id = $6 AND status = 'pending'",
    )
    .bind(p.status.as_str())
    .bind(p.failure_code.clone())
    .bind(p.failure_message.clone())
    .bind(p.arrived_at)
    .bind(now)
    .bind(&p.id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Pending payouts last asked about before `before` (Unix ms), oldest first.
pub async fn stale<'e>(ex: impl Ex<'e>, before: i64, limit: i64) -> Many<Payout> {
    let stale = "WHERE status = 'pending' AND updated_at < $1 ORDER BY updated_at LIMIT $2";
    TABLE
        .select(ex, stale, &[before.into(), limit.into()])
        .await
}

/// Marks a pending payout as just asked about.
pub async fn touch(pool: &sqlx::AnyPool, id: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE payouts SET updated_at = $1 WHERE id = $2 AND status = 'pending'")
        .bind(now)
        .bind(id)
        .execute(pool)
        .await?;
    Ok(())
}

/// What the owner's pending payouts hold, per currency.
pub async fn pending_totals<'e>(
    ex: impl Ex<'e>,
    owner: &super::Owner,
) -> Result<Vec<(Currency, i64)>, sqlx::Error> {
    let rows = owner
        .query(
            "SELECT currency, CAST(SUM(amount) AS BIGINT) AS held FROM payouts
             WHERE merchant_id = $1 AND livemode = $2 AND status = 'pending'
             GROUP BY currency ORDER BY currency",
        )
        .fetch_all(ex)
        .await?;
    Ok(super::currency_amounts(&rows))
}
