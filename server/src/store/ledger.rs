//! The balance ledger's tables: balance transactions, their legs, and the
//! available balances they add up to.

use super::Owner;
use super::query::Table;
use super::row::Encodings;
use crate::db::{Ex, Tx, flag};
use app::domain::Currency;
use app::domain::ledger::{BalanceTxKind, LedgerAccount};

#[derive(Clone, Debug, serde::Deserialize)]
pub struct BalanceTx {
    pub id: String,
    pub merchant_id: String,
    pub livemode: bool,
    pub currency: Currency,
    pub kind: BalanceTxKind,
    /// The effect on the available balance (signed minor units).
    pub net: i64,
    pub source: String,
    pub description: Option<String>,
    /// Unix milliseconds.
    pub created_at: i64,
    pub created_seq: i64,
}

const COLUMNS: &str =
    "id, merchant_id, livemode, currency, kind, net, source, description, created_at, created_seq";

pub const TABLE: Table<BalanceTx> = Table::new(
    "balance_transactions",
    COLUMNS,
    Encodings {
        flags: &["livemode"],
        json: &[],
    },
);

/// Records a movement and its legs. Fails with a unique violation if this
/// kind of movement was already recorded for its source.
pub async fn insert(
    tx: &mut Tx<'_>,
    t: &BalanceTx,
    legs: &[(LedgerAccount, i64)],
) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "INSERT INTO balance_transactions ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
    ))
    .bind(&t.id)
    .bind(&t.merchant_id)
    .bind(flag(t.livemode))
    .bind(t.currency.code())
    .bind(t.kind.as_str())
    .bind(t.net)
    .bind(&t.source)
    .bind(t.description.clone())
    .bind(t.created_at)
    .bind(t.created_seq)
    .execute(&mut **tx)
    .await?;
    for (n, (account, amount)) in legs.iter().enumerate() {
        sqlx::query(
            "INSERT INTO ledger_entries (id, balance_transaction, merchant_id, livemode, currency, account, amount)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(format!("{}_{n}", t.id.replacen("txn_", "le_", 1)))
        .bind(&t.id)
        .bind(&t.merchant_id)
        .bind(flag(t.livemode))
        .bind(t.currency.code())
        .bind(account.as_str())
        .bind(*amount)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Moves an available balance by `delta`. With `floor`, only if it stays
/// at or above zero (one conditional UPDATE: concurrent payouts cannot both
/// take the last of it). Whether it moved.
pub async fn move_available(
    tx: &mut Tx<'_>,
    owner: &Owner,
    currency: Currency,
    delta: i64,
    floor: bool,
) -> Result<bool, sqlx::Error> {
    sqlx::query(
        "INSERT INTO balances (merchant_id, livemode, currency, available) VALUES ($1, $2, $3, 0)
         ON CONFLICT (merchant_id, livemode, currency) DO NOTHING",
    )
    .bind(&owner.merchant_id)
    .bind(flag(owner.livemode))
    .bind(currency.code())
    .execute(&mut **tx)
    .await?;
    let guard = if floor {
        " AND available + $1 >= 0"
    } else {
        ""
    };
    let done = sqlx::query(&format!(
        "UPDATE balances SET available = available + $1
         WHERE merchant_id = $2 AND livemode = $3 AND currency = $4{guard}"
    ))
    .bind(delta)
    .bind(&owner.merchant_id)
    .bind(flag(owner.livemode))
    .bind(currency.code())
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The owner's available balances, by currency.
pub async fn available<'e>(
    ex: impl Ex<'e>,
    owner: &Owner,
) -> Result<Vec<(Currency, i64)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT currency, available FROM balances WHERE merchant_id = $1 AND livemode = $2 ORDER BY currency",
    )
    .bind(&owner.merchant_id)
    .bind(flag(owner.livemode))
    .fetch_all(ex)
    .await?;
    Ok(super::currency_amounts(&rows))
}

/// The id of the movement of `kind` caused by `source`, if posted.
pub async fn id_of<'e>(ex: impl Ex<'e>, kind: BalanceTxKind, source: &str) -> super::One<String> {
    use sqlx::Row;
    let row = sqlx::query("SELECT id FROM balance_transactions WHERE kind = $1 AND source = $2")
        .bind(kind.as_str())
        .bind(source)
        .fetch_optional(ex)
        .await?;
    row.map(|r| r.try_get("id")).transpose()
}
