//! Checkout sessions.

use super::query::{Filter, Page, Slice, Table, Value};
use super::row::Encodings;
use super::{Many, One, Owner, to_json};
use crate::db::{Ex, Tx, flag};
use app::domain::charge::{CancellationReason, ChargeExtras, SessionKind};
use app::domain::checkout::{Customer, LineItem, NewCheckout, SubmitType};
use app::domain::{
    Api, Currency, LocalePref, MethodId, PaymentStatus, Restriction, SessionState, Status,
};
use serde::{Deserialize, Serialize};
use sqlx::Row;
use std::collections::BTreeMap;

/// A line item as stored, with its id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredLineItem {
    pub id: String,
    #[serde(flatten)]
    pub item: LineItem,
}

serde_with::with_prefix!(customer_columns "customer_");
serde_with::with_prefix!(restrict_columns "restrict_");

#[derive(Clone, Debug, Deserialize)]
pub struct Session {
    pub id: String,
    pub merchant_id: String,
    pub product_id: Option<String>,
    pub livemode: bool,
    /// Columns `status` and `payment_status`.
    #[serde(flatten)]
    pub state: SessionState,
    pub currency: Currency,
    pub amount_subtotal: i64,
    pub amount_total: i64,
    pub line_items: Vec<StoredLineItem>,
    pub description: Option<String>,
    pub success_url: Option<String>,
    pub cancel_url: Option<String>,
    /// Columns `customer_name`, `customer_email`, `customer_phone`.
    #[serde(flatten, with = "customer_columns")]
    pub customer: Customer,
    pub client_reference_id: Option<String>,
    pub source: Option<String>,
    pub submit_type: SubmitType,
    pub locale: LocalePref,
    pub payment_method_types: Vec<MethodId>,
    pub metadata: BTreeMap<String, String>,
    pub charge_reference: String,
    pub failure_code: Option<String>,
    pub failure_reason: Option<String>,
    /// Unix seconds.
    #[serde(rename = "expires_at_s")]
    pub expires_at: i64,
    /// Unix milliseconds.
    pub created_at: i64,
    /// Ordering key, see the migration.
    pub created_seq: i64,
    pub completed_at: Option<i64>,
    /// Overrides the product's webhook endpoint for this session's events.
    pub webhook_url: Option<String>,
    /// Refunded so far (or reserved by a refund under way), minor units.
    pub amount_refunded: i64,
    /// What the compatible APIs add; the native API leaves it default.
    #[serde(flatten)]
    pub compat: Compat,
    pub kind: SessionKind,
    /// What only charges have.
    pub charge: ChargeExtras,
    pub cancellation_reason: Option<CancellationReason>,
    /// Unix milliseconds.
    pub cancelled_at: Option<i64>,
    /// The payment link a visit opened it from.
    #[serde(default)]
    pub payment_link: Option<String>,
}

/// Which API made a session and what it asked for beyond the native fields.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct Compat {
    pub api: Api,
    /// The caller's reference where its API makes it unique.
    pub external_reference: Option<String>,
    /// Fields only that API's responses echo (column `compat`).
    #[serde(rename = "compat")]
    pub echo: serde_json::Value,
    pub brand_name: Option<String>,
    pub brand_color: Option<String>,
    /// Columns `restrict_phone` and `restrict_country`.
    #[serde(flatten, with = "restrict_columns")]
    pub restriction: Restriction,
    pub allow_partial: bool,
    pub amount_paid: i64,
}

impl Session {
    /// A new open session for a checked checkout, with fresh ids. `echo` is
    /// what its API's responses repeat back.
    pub fn open(
        owner: &Owner,
        product_id: Option<String>,
        c: NewCheckout,
        echo: serde_json::Value,
    ) -> Session {
        let now_ms = crate::db::now_ms();
        let line_items = c
            .line_items
            .into_iter()
            .map(|item| StoredLineItem {
                id: crate::db::new_id("li", 16),
                item,
            })
            .collect();
        Session {
            id: crate::db::new_id("cs", 24),
            merchant_id: owner.merchant_id.clone(),
            product_id,
            livemode: owner.livemode,
            state: SessionState::NEW,
            currency: c.currency,
            amount_subtotal: c.amount_subtotal,
            amount_total: c.amount_total,
            line_items,
            description: c.description,
            success_url: c.success_url,
            cancel_url: c.cancel_url,
            customer: c.customer,
            client_reference_id: Some(
                c.client_reference_id
                    .unwrap_or_else(|| crate::db::new_id("cref", 16)),
            ),
            source: c.source,
            submit_type: c.submit_type,
            locale: c.locale,
            payment_method_types: c.payment_method_types,
            metadata: c.metadata,
            charge_reference: crate::db::new_id("ch", 24),
            failure_code: None,
            failure_reason: None,
            expires_at: c.expires_at,
            created_at: now_ms,
            created_seq: crate::db::monotonic_us(),
            completed_at: None,
            webhook_url: c.webhook_url,
            amount_refunded: 0,
            compat: Compat {
                api: c.api,
                external_reference: c.external_reference,
                echo,
                brand_name: c.brand_name,
                brand_color: c.brand_color,
                restriction: c.restriction,
                allow_partial: c.allow_partial,
                amount_paid: 0,
            },
            kind: SessionKind::Checkout,
            charge: ChargeExtras::default(),
            cancellation_reason: None,
            cancelled_at: None,
            payment_link: None,
        }
    }

    pub fn owner(&self) -> Owner {
        Owner {
            merchant_id: self.merchant_id.clone(),
            livemode: self.livemode,
        }
    }

    /// What is left to pay.
    pub fn amount_left(&self) -> app::domain::Money {
        app::domain::Money::new(self.amount_total - self.compat.amount_paid, self.currency)
    }
}

const COLUMNS: &str = "id, merchant_id, product_id, livemode, status, payment_status, currency, \
    amount_subtotal, amount_total, line_items, description, success_url, cancel_url, \
    customer_name, customer_email, customer_phone, client_reference_id, source, submit_type, \
    locale, payment_method_types, metadata, charge_reference, failure_code, failure_reason, \
    expires_at_s, created_at, created_seq, completed_at, webhook_url, amount_refunded, api, external_reference, compat, brand_name, \
    brand_color, restrict_phone, restrict_country, allow_partial, amount_paid, kind, charge, \
    cancellation_reason, cancelled_at, payment_link";

pub const TABLE: Table<Session> = Table::new(
    "checkout_sessions",
    COLUMNS,
    Encodings {
        flags: &["livemode", "allow_partial"],
        json: &[
            "line_items",
            "payment_method_types",
            "metadata",
            "compat",
            "charge",
        ],
    },
);

pub async fn insert(tx: &mut Tx<'_>, s: &Session) -> Result<(), sqlx::Error> {
    let methods: Vec<&str> = s.payment_method_types.iter().map(|m| m.as_str()).collect();
    sqlx::query(&format!(
        "INSERT INTO checkout_sessions ({COLUMNS}, mode, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
                 $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35, $36,
                 $37, $38, $39, $40, $41, $42, $43, $44, $45, 'payment', $27)"
    ))
    .bind(&s.id)
    .bind(&s.merchant_id)
    .bind(s.product_id.clone())
    .bind(flag(s.livemode))
    .bind(s.state.status.as_str())
    .bind(s.state.payment_status.as_str())
    .bind(s.currency.code())
    .bind(s.amount_subtotal)
    .bind(s.amount_total)
    .bind(to_json(&s.line_items))
    .bind(s.description.clone())
    .bind(s.success_url.clone())
    .bind(s.cancel_url.clone())
    .bind(s.customer.name.clone())
    .bind(s.customer.email.clone())
    .bind(s.customer.phone.clone())
    .bind(s.client_reference_id.clone())
    .bind(s.source.clone())
    .bind(s.submit_type.as_str())
    .bind(s.locale.as_str())
    .bind(to_json(&methods))
    .bind(to_json(&s.metadata))
    .bind(&s.charge_reference)
    .bind(s.failure_code.clone())
    .bind(s.failure_reason.clone())
    .bind(s.expires_at)
    .bind(s.created_at)
    .bind(s.created_seq)
    .bind(s.completed_at)
    .bind(s.webhook_url.clone())
    .bind(s.amount_refunded)
    .bind(s.compat.api.as_str())
    .bind(s.compat.external_reference.clone())
    .bind(s.compat.echo.to_string())
    .bind(s.compat.brand_name.clone())
    .bind(s.compat.brand_color.clone())
    .bind(s.compat.restriction.phone.clone())
    .bind(s.compat.restriction.country.clone())
    .bind(flag(s.compat.allow_partial))
    .bind(s.compat.amount_paid)
    .bind(s.kind.as_str())
    .bind(to_json(&s.charge))
    .bind(s.cancellation_reason.map(|r| r.as_str()))
    .bind(s.cancelled_at)
    .bind(s.payment_link.clone())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Moves a session from one state to the next, but only if nobody moved it
/// first (compare-and-set on both status columns). Returns whether it moved.
///
/// `failure_code`/`failure_reason` describe the last failed payment: set
/// with `failure`, cleared when the payment succeeds, kept otherwise (a
/// session that then expires still says why its payment failed).
pub async fn transition(
    tx: &mut Tx<'_>,
    id: &str,
    from: SessionState,
    to: SessionState,
    failure: Option<(&str, &str)>,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    let completed_at = (to.status == Status::Complete).then_some(now_ms);
    let failure_sql = match (failure, to.payment_status) {
        (Some(_), _) => "failure_code = $3, failure_reason = $4",
        (None, PaymentStatus::Succeeded) => "failure_code = NULL, failure_reason = NULL",
        (None, _) => {
            "failure_code = COALESCE($3, failure_code), failure_reason = COALESCE($4, failure_reason)"
        }
    };
    let done = sqlx::query(&format!(
        "UPDATE checkout_sessions
         SET status = $1, payment_status = $2, {failure_sql},
             completed_at = COALESCE($5, completed_at), updated_at = $6
         WHERE id = $7 AND status = $8 AND payment_status = $9"
    ))
    .bind(to.status.as_str())
    .bind(to.payment_status.as_str())
    .bind(failure.map(|f| f.0.to_owned()))
    .bind(failure.map(|f| f.1.to_owned()))
    .bind(completed_at)
    .bind(now_ms)
    .bind(id)
    .bind(from.status.as_str())
    .bind(from.payment_status.as_str())
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Whether `amount` more still fits in the session's total. Called after a
/// [`transition`] in the same transaction, which holds the session's row:
/// nobody can add a payment between this read and the commit.
pub async fn has_room(tx: &mut Tx<'_>, id: &str, amount: i64) -> Result<bool, sqlx::Error> {
    let row = sqlx::query(
        "SELECT 1 AS room FROM checkout_sessions WHERE id = $1 AND amount_paid + $2 <= amount_total",
    )
    .bind(id)
    .bind(amount)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.is_some())
}

/// Filters of `GET /v1/checkout/sessions`.
#[derive(Clone, Debug, Default)]
pub struct ListQuery {
    /// `None`: both (the charges list shows every checkout's charge too).
    pub kind: Option<SessionKind>,
    pub status: Option<Status>,
    pub payment_status: Option<PaymentStatus>,
    pub currency: Option<Currency>,
    /// Unix milliseconds, inclusive.
    pub created_from: Option<i64>,
    /// Unix milliseconds, exclusive.
    pub created_before: Option<i64>,
}

impl ListQuery {
    fn filters(&self) -> Vec<Filter> {
        let mut f = Vec::new();
        if let Some(k) = self.kind {
            f.push(Filter::eq("kind", Value::Text(k.as_str().into())));
        }
        if let Some(s) = self.status {
            f.push(Filter::eq("status", Value::Text(s.as_str().into())));
        }
        if let Some(p) = self.payment_status {
            f.push(Filter::eq("payment_status", Value::Text(p.as_str().into())));
        }
        if let Some(c) = self.currency {
            f.push(Filter::eq("currency", Value::Text(c.code().into())));
        }
        if let Some(t) = self.created_from {
            f.push(Filter {
                column: "created_at",
                op: ">=",
                value: Value::Int(t),
            });
        }
        if let Some(t) = self.created_before {
            f.push(Filter {
                column: "created_at",
                op: "<",
                value: Value::Int(t),
            });
        }
        f
    }
}

pub async fn list(
    pool: &sqlx::AnyPool,
    owner: &Owner,
    q: &ListQuery,
    page: &Page,
    limit: i64,
) -> Result<Slice<Session>, sqlx::Error> {
    TABLE.page(pool, owner, &q.filters(), page, limit).await
}

/// Open sessions whose time ran out, oldest first.
pub async fn expired_open<'e>(ex: impl Ex<'e>, now_s: i64, limit: i64) -> Many<String> {
    let rows = sqlx::query(
        "SELECT id FROM checkout_sessions WHERE status = 'open' AND expires_at_s <= $1
         ORDER BY expires_at_s LIMIT $2",
    )
    .bind(now_s)
    .bind(limit)
    .fetch_all(ex)
    .await?;
    rows.iter().map(|r| r.try_get("id")).collect()
}

/// Reserves `amount` of what was paid for a refund, unless that would take
/// the refunds past the total. Returns whether it fit.
pub async fn reserve_refund(tx: &mut Tx<'_>, id: &str, amount: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE checkout_sessions SET amount_refunded = amount_refunded + $1
         WHERE id = $2 AND payment_status = 'succeeded' AND amount_refunded + $1 <= amount_total",
    )
    .bind(amount)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Gives back a reservation whose refund failed.
pub async fn release_refund(tx: &mut Tx<'_>, id: &str, amount: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE checkout_sessions SET amount_refunded = amount_refunded - $1 WHERE id = $2",
    )
    .bind(amount)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Adds a paid part (or the whole) to what the session has received;
/// returns the new total paid.
pub async fn add_paid(tx: &mut Tx<'_>, id: &str, amount: i64) -> Result<i64, sqlx::Error> {
    sqlx::query("UPDATE checkout_sessions SET amount_paid = amount_paid + $1 WHERE id = $2")
        .bind(amount)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    let row = sqlx::query("SELECT amount_paid FROM checkout_sessions WHERE id = $1")
        .bind(id)
        .fetch_one(&mut **tx)
        .await?;
    row.try_get("amount_paid")
}

/// The id of the owner's session made through `api` with this reference.
pub async fn by_external_reference<'e>(
    ex: impl Ex<'e>,
    owner: &Owner,
    api: Api,
    reference: &str,
) -> One<String> {
    let row = owner
        .query(
            "SELECT id FROM checkout_sessions
         WHERE merchant_id = $1 AND livemode = $2 AND api = $3 AND external_reference = $4",
        )
        .bind(api.as_str())
        .bind(reference)
        .fetch_optional(ex)
        .await?;
    row.map(|r| r.try_get("id")).transpose()
}

/// What a charge's confirm request may change, all at once.
pub struct ChargeUpdate<'a> {
    pub description: Option<&'a str>,
    pub metadata: Option<&'a BTreeMap<String, String>>,
    pub receipt_email: Option<&'a str>,
    pub return_url: Option<&'a str>,
    pub extras: &'a ChargeExtras,
}

/// Updates a charge's fields (those given; the others stay).
pub async fn update_charge(
    tx: &mut Tx<'_>,
    id: &str,
    u: ChargeUpdate<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE checkout_sessions SET description = COALESCE($1, description),
             metadata = COALESCE($2, metadata), customer_email = COALESCE($3, customer_email),
             success_url = COALESCE($4, success_url), charge = $5
         WHERE id = $6 AND kind = 'charge'",
    )
    .bind(u.description.map(str::to_owned))
    .bind(u.metadata.map(to_json))
    .bind(u.receipt_email.map(str::to_owned))
    .bind(u.return_url.map(str::to_owned))
    .bind(to_json(u.extras))
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Records why and when the merchant cancelled a charge.
pub async fn set_cancelled(
    tx: &mut Tx<'_>,
    id: &str,
    reason: Option<CancellationReason>,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE checkout_sessions SET cancellation_reason = $1, cancelled_at = $2 WHERE id = $3",
    )
    .bind(reason.map(|r| r.as_str()))
    .bind(at)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
