//! The balance ledger: the only writer of balances. Each movement is
//! posted inside the transaction of the change that causes it (a payment
//! settling, a refund asked for or failing, a chargeback, a payout), so
//! the books and the objects can never disagree.

use crate::db::{Tx, monotonic_us, new_id, now_ms};
use crate::error::Result;
use crate::objects::BalanceObject;
use crate::store::Owner;
use crate::store::ledger::{self, BalanceTx};
use crate::store::query::{Filter, Slice};
use app::domain::Currency;
use app::domain::ledger::BalanceTxKind;

/// What caused a movement, and how much it moved (> 0).
pub struct Movement<'a> {
    pub kind: BalanceTxKind,
    pub currency: Currency,
    pub amount: i64,
    /// The id of the object that caused it.
    pub source: &'a str,
    pub description: Option<String>,
}

/// Posts a movement and its legs, and moves the available balance. `None`
/// when the movement needs funds (a payout) and the balance has too few:
/// then nothing was written.
pub async fn post(tx: &mut Tx<'_>, owner: &Owner, m: Movement<'_>) -> Result<Option<BalanceTx>> {
    let net = m.kind.net(m.amount);
    if !ledger::move_available(tx, owner, m.currency, net, m.kind.needs_funds()).await? {
        return Ok(None);
    }
    let t = BalanceTx {
        id: new_id("txn", 24),
        merchant_id: owner.merchant_id.clone(),
        livemode: owner.livemode,
        currency: m.currency,
        kind: m.kind,
        net,
        source: m.source.to_owned(),
        description: m.description,
        created_at: now_ms(),
        created_seq: monotonic_us(),
    };
    ledger::insert(tx, &t, &m.kind.legs(m.amount)).await?;
    tracing::info!(txn = %t.id, kind = m.kind.as_str(), net, currency = %m.currency, source = m.source, "ledger");
    Ok(Some(t))
}

/// The owner's balance: what is available, and what payouts under way
/// hold, per currency.
pub async fn balance(pool: &sqlx::AnyPool, owner: &Owner) -> Result<BalanceObject> {
    let available = ledger::available(pool, owner).await?;
    let pending = crate::store::payouts::pending_totals(pool, owner).await?;
    Ok(BalanceObject::new(owner.livemode, available, pending))
}

/// The owner's movements, newest first; `after` one continues to older.
pub async fn list(
    pool: &sqlx::AnyPool,
    owner: &Owner,
    kind: Option<BalanceTxKind>,
    after: Option<&str>,
    limit: i64,
) -> Result<Slice<BalanceTx>> {
    let filters: Vec<Filter> = kind
        .map(|k| Filter::eq("kind", k.as_str()))
        .into_iter()
        .collect();
    ledger::TABLE
        .page_after(pool, owner, &filters, after, limit)
        .await?
        .ok_or_else(|| crate::error::no_cursor("after", after, "balance transaction"))
}

/// One of the owner's movements.
pub async fn find(pool: &sqlx::AnyPool, owner: &Owner, id: &str) -> Result<BalanceTx> {
    ledger::TABLE
        .find_owned(pool, owner, id)
        .await?
        .ok_or_else(|| {
            crate::error::Error::NotFound(crate::error::Resource::BalanceTransaction, id.to_owned())
        })
}
