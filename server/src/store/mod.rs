//! Storage, one module per table: plain functions, no logic beyond what the
//! SQL guarantees.
//!
//! One receiver convention:
//! - reads take `ex`, any executor: `&db.pool`, or `&mut *tx` to read
//!   inside a transaction;
//! - changes take `tx: &mut Tx`, the caller's transaction, so a change, its
//!   webhook event and the API's idempotent answer commit together;
//! - the few operations that are a unit on their own (a merchant or key
//!   made from the CLI, the idempotency claim) take `&Db` and commit alone.
//!
//! Objects an API key reaches are scoped by their [`Owner`] in the SQL
//! itself: a query for another merchant's (or mode's) object finds nothing.

pub mod accounts;
pub mod attempts;
pub mod chargebacks;
pub mod connector_accounts;
pub mod events;
pub mod idempotency;
pub mod ledger;
pub mod limits;
pub mod merchants;
pub mod payment_links;
pub mod payouts;
pub mod products;
pub mod query;
pub mod refunds;
pub mod reports;
pub mod row;
pub mod sessions;

/// What a read gives: one row (or none), or the rows found.
pub type One<T> = Result<Option<T>, sqlx::Error>;
pub type Many<T> = Result<Vec<T>, sqlx::Error>;

/// Whose objects: a merchant, in one mode (test or live).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Owner {
    pub merchant_id: String,
    pub livemode: bool,
}

impl Owner {
    pub fn new(merchant_id: &str, livemode: bool) -> Owner {
        Owner {
            merchant_id: merchant_id.to_owned(),
            livemode,
        }
    }

    /// `sql` with this owner bound to `$1` (merchant) and `$2` (mode).
    pub fn query<'q>(&'q self, sql: &'q str) -> Query<'q> {
        sqlx::query(sql)
            .bind(self.merchant_id.as_str())
            .bind(crate::db::flag(self.livemode))
    }
}

/// A query with its arguments, ready to run.
pub type Query<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

/// Plain data as a JSON column.
pub(crate) fn to_json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("plain data serialises")
}

/// Rows of `(currency, amount)` (a balance, a sum per currency), skipping
/// any currency Lipa no longer knows.
pub(crate) fn currency_amounts(rows: &[sqlx::any::AnyRow]) -> Vec<(app::domain::Currency, i64)> {
    use sqlx::Row;
    rows.iter()
        .filter_map(|r| {
            let code: String = r.try_get(0).ok()?;
            Some((
                app::domain::Currency::parse(&code)?,
                r.try_get::<i64, _>(1).ok()?,
            ))
        })
        .collect()
}
