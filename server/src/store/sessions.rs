//! Checkout sessions.

use crate::db::{Db, Tx, flag};
use app::domain::checkout::{Customer, LineItem, NewCheckout, SubmitType};
use app::domain::{Currency, LocalePref, MethodId, PaymentStatus, SessionState, Status};
use serde::{Deserialize, Serialize};
use sqlx::any::AnyRow;
use sqlx::{Executor, Row};
use std::collections::BTreeMap;

/// A line item as stored, with its id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredLineItem {
    pub id: String,
    #[serde(flatten)]
    pub item: LineItem,
}

#[derive(Clone, Debug)]
pub struct Session {
    pub id: String,
    pub merchant_id: String,
    pub product_id: Option<String>,
    pub livemode: bool,
    pub state: SessionState,
    pub currency: Currency,
    pub amount_subtotal: i64,
    pub amount_total: i64,
    pub line_items: Vec<StoredLineItem>,
    pub description: Option<String>,
    pub success_url: Option<String>,
    pub cancel_url: Option<String>,
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
    pub compat: Compat,
}

/// Which API made a session and what it asked for beyond the native fields.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Compat {
    /// `payonify` (native), `zenofy`, `waftpay` or `orqex`.
    pub api: String,
    /// The caller's reference where its API makes it unique.
    pub external_reference: Option<String>,
    /// Fields only that API's responses echo.
    pub echo: serde_json::Value,
    pub brand_name: Option<String>,
    pub brand_color: Option<String>,
    pub restrict_phone: Option<String>,
    pub restrict_country: Option<String>,
    pub allow_partial: bool,
    pub amount_paid: i64,
}

impl Compat {
    pub fn native() -> Compat {
        Compat {
            api: "payonify".into(),
            echo: serde_json::json!({}),
            ..Compat::default()
        }
    }
}

impl Session {
    /// A new open session for a checked checkout, with fresh ids.
    pub fn open(
        merchant_id: &str,
        product_id: Option<String>,
        livemode: bool,
        c: NewCheckout,
    ) -> Session {
        let id = crate::db::new_id("cs", 24);
        let client_reference_id = crate::db::new_id("cref", 16);
        let charge_reference = crate::db::new_id("ch", 24);
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
            id,
            merchant_id: merchant_id.to_owned(),
            product_id,
            livemode,
            state: SessionState::NEW,
            currency: c.currency,
            amount_subtotal: c.amount_subtotal,
            amount_total: c.amount_total,
            line_items,
            description: c.description,
            success_url: c.success_url,
            cancel_url: c.cancel_url,
            customer: c.customer,
            client_reference_id: Some(c.client_reference_id.unwrap_or(client_reference_id)),
            source: c.source,
            submit_type: c.submit_type,
            locale: c.locale,
            payment_method_types: c.payment_method_types,
            metadata: c.metadata,
            charge_reference,
            failure_code: None,
            failure_reason: None,
            expires_at: c.expires_at,
            created_at: now_ms,
            created_seq: crate::db::monotonic_us(),
            completed_at: None,
            webhook_url: c.webhook_url,
            amount_refunded: 0,
            compat: Compat::native(),
        }
    }
}

const COLUMNS: &str = "id, merchant_id, product_id, livemode, status, payment_status, currency, \
    amount_subtotal, amount_total, line_items, description, success_url, cancel_url, \
    customer_name, customer_email, customer_phone, client_reference_id, source, submit_type, \
    locale, payment_method_types, metadata, charge_reference, failure_code, failure_reason, \
    expires_at_s, created_at, created_seq, completed_at, webhook_url, amount_refunded, api, external_reference, compat, brand_name, \
    brand_color, restrict_phone, restrict_country, allow_partial, amount_paid";

fn json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("plain data serialises")
}

fn from_row(r: &AnyRow) -> Result<Session, sqlx::Error> {
    let bad = |what: &str| sqlx::Error::Decode(format!("bad stored {what}").into());
    let status: String = r.try_get("status")?;
    let payment_status: String = r.try_get("payment_status")?;
    let currency: String = r.try_get("currency")?;
    let items: String = r.try_get("line_items")?;
    let methods: String = r.try_get("payment_method_types")?;
    let metadata: String = r.try_get("metadata")?;
    let submit_type: String = r.try_get("submit_type")?;
    let locale: String = r.try_get("locale")?;
    let methods: Vec<String> = serde_json::from_str(&methods).map_err(|_| bad("methods"))?;
    Ok(Session {
        id: r.try_get("id")?,
        merchant_id: r.try_get("merchant_id")?,
        product_id: r.try_get("product_id")?,
        livemode: r.try_get::<i64, _>("livemode")? == 1,
        state: SessionState {
            status: Status::parse(&status).ok_or_else(|| bad("status"))?,
            payment_status: PaymentStatus::parse(&payment_status)
                .ok_or_else(|| bad("payment_status"))?,
        },
        currency: Currency::parse(&currency).ok_or_else(|| bad("currency"))?,
        amount_subtotal: r.try_get("amount_subtotal")?,
        amount_total: r.try_get("amount_total")?,
        line_items: serde_json::from_str(&items).map_err(|_| bad("line_items"))?,
        description: r.try_get("description")?,
        success_url: r.try_get("success_url")?,
        cancel_url: r.try_get("cancel_url")?,
        customer: Customer {
            name: r.try_get("customer_name")?,
            email: r.try_get("customer_email")?,
            phone: r.try_get("customer_phone")?,
        },
        client_reference_id: r.try_get("client_reference_id")?,
        source: r.try_get("source")?,
        submit_type: SubmitType::parse(&submit_type).ok_or_else(|| bad("submit_type"))?,
        locale: LocalePref::parse(&locale).ok_or_else(|| bad("locale"))?,
        payment_method_types: methods.iter().filter_map(|m| MethodId::parse(m)).collect(),
        metadata: serde_json::from_str(&metadata).map_err(|_| bad("metadata"))?,
        charge_reference: r.try_get("charge_reference")?,
        failure_code: r.try_get("failure_code")?,
        failure_reason: r.try_get("failure_reason")?,
        expires_at: r.try_get("expires_at_s")?,
        created_at: r.try_get("created_at")?,
        created_seq: r.try_get("created_seq")?,
        completed_at: r.try_get("completed_at")?,
        webhook_url: r.try_get("webhook_url")?,
        amount_refunded: r.try_get("amount_refunded")?,
        compat: Compat {
            api: r.try_get("api")?,
            external_reference: r.try_get("external_reference")?,
            echo: serde_json::from_str(&r.try_get::<String, _>("compat")?)
                .map_err(|_| bad("compat"))?,
            brand_name: r.try_get("brand_name")?,
            brand_color: r.try_get("brand_color")?,
            restrict_phone: r.try_get("restrict_phone")?,
            restrict_country: r.try_get("restrict_country")?,
            allow_partial: r.try_get::<i64, _>("allow_partial")? == 1,
            amount_paid: r.try_get("amount_paid")?,
        },
    })
}

pub async fn insert(tx: &mut Tx<'_>, s: &Session) -> Result<(), sqlx::Error> {
    let methods: Vec<&str> = s.payment_method_types.iter().map(|m| m.as_str()).collect();
    sqlx::query(&format!(
        "INSERT INTO checkout_sessions ({COLUMNS}, mode, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
                 $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35, $36,
                 $37, $38, $39, $40, 'payment', $27)"
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
    .bind(json(&s.line_items))
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
    .bind(json(&methods))
    .bind(json(&s.metadata))
    .bind(&s.charge_reference)
    .bind(s.failure_code.clone())
    .bind(s.failure_reason.clone())
    .bind(s.expires_at)
    .bind(s.created_at)
    .bind(s.created_seq)
    .bind(s.completed_at)
    .bind(s.webhook_url.clone())
    .bind(s.amount_refunded)
    .bind(&s.compat.api)
    .bind(s.compat.external_reference.clone())
    .bind(s.compat.echo.to_string())
    .bind(s.compat.brand_name.clone())
    .bind(s.compat.brand_color.clone())
    .bind(s.compat.restrict_phone.clone())
    .bind(s.compat.restrict_country.clone())
    .bind(flag(s.compat.allow_partial))
    .bind(s.compat.amount_paid)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Any session by id (the buyer page: the id is the capability).
pub async fn get<'e, E: Executor<'e, Database = sqlx::Any>>(
    ex: E,
    id: &str,
) -> Result<Option<Session>, sqlx::Error> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM checkout_sessions WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(ex)
    .await?;
    row.as_ref().map(from_row).transpose()
}

/// A session as the API sees it: only the caller's own, in the caller's mode.
pub async fn get_for(
    db: &Db,
    merchant_id: &str,
    livemode: bool,
    id: &str,
) -> Result<Option<Session>, sqlx::Error> {
    Ok(get(&db.pool, id)
        .await?
        .filter(|s| s.merchant_id == merchant_id && s.livemode == livemode))
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

/// Filters and cursors of `GET /v1/checkout/sessions`.
#[derive(Clone, Debug, Default)]
pub struct ListQuery {
    pub status: Option<Status>,
    pub currency: Option<Currency>,
    /// Unix milliseconds, inclusive.
    pub created_from: Option<i64>,
    /// Unix milliseconds, exclusive.
    pub created_before: Option<i64>,
    pub limit: i64,
    pub page: Page,
}

/// Which way to page from a cursor. The list is newest first; `After`
/// continues to older sessions, `Before` goes back to newer ones.
#[derive(Clone, Debug, Default)]
pub enum Page {
    #[default]
    First,
    After((i64, String)),
    Before((i64, String)),
    Last,
}

pub struct ListPage {
    pub sessions: Vec<Session>,
    pub has_more_older: bool,
    pub has_more_newer: bool,
}

/// The position of a session in the list, for cursors.
pub async fn position(
    db: &Db,
    merchant_id: &str,
    livemode: bool,
    id: &str,
) -> Result<Option<(i64, String)>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT created_seq, id FROM checkout_sessions WHERE id = $1 AND merchant_id = $2 AND livemode = $3",
    )
    .bind(id)
    .bind(merchant_id)
    .bind(flag(livemode))
    .fetch_optional(&db.pool)
    .await?;
    row.map(|r| Ok((r.try_get("created_seq")?, r.try_get("id")?)))
        .transpose()
}

pub async fn list(
    db: &Db,
    merchant_id: &str,
    livemode: bool,
    q: &ListQuery,
) -> Result<ListPage, sqlx::Error> {
    // Built from fixed fragments only; every value is a bind parameter.
    let mut filters = String::from("merchant_id = $1 AND livemode = $2");
    let mut n = 2;
    let mut next = |sql: &str| {
        n += 1;
        sql.replace('?', &format!("${n}"))
    };
    if q.status.is_some() {
        filters += &next(" AND status = ?");
    }
    if q.currency.is_some() {
        filters += &next(" AND currency = ?");
    }
    if q.created_from.is_some() {
        filters += &next(" AND created_at >= ?");
    }
    if q.created_before.is_some() {
        filters += &next(" AND created_at < ?");
    }
    let older = "(created_seq < {c} OR (created_seq = {c} AND id < {i}))";
    let newer = "(created_seq > {c} OR (created_seq = {c} AND id > {i}))";
    let cursor_sql = |template: &str, n: usize| {
        template
            .replace("{c}", &format!("${}", n + 1))
            .replace("{i}", &format!("${}", n + 2))
    };
    let (cursor_filter, order, reverse) = match &q.page {
        Page::First => (String::new(), "DESC", false),
        Page::After(_) => (format!(" AND {}", cursor_sql(older, n)), "DESC", false),
        Page::Before(_) => (format!(" AND {}", cursor_sql(newer, n)), "ASC", true),
        Page::Last => (String::new(), "ASC", true),
    };
    let limit_param = match &q.page {
        Page::After(_) | Page::Before(_) => n + 3,
        _ => n + 1,
    };
    let sql = format!(
        "SELECT {COLUMNS} FROM checkout_sessions WHERE {filters}{cursor_filter}
         ORDER BY created_seq {order}, id {order} LIMIT ${limit_param}"
    );
    let mut query = bind_filters(sqlx::query(&sql), merchant_id, livemode, q);
    if let Page::After((c, i)) | Page::Before((c, i)) = &q.page {
        query = query.bind(*c).bind(i.clone());
    }
    let rows = query.bind(q.limit + 1).fetch_all(&db.pool).await?;
    let mut sessions = rows.iter().map(from_row).collect::<Result<Vec<_>, _>>()?;
    let more_in_direction = sessions.len() as i64 > q.limit;
    sessions.truncate(q.limit as usize);
    if reverse {
        sessions.reverse();
    }
    // Whether anything lies beyond the other end of this page.
    let other_side = match (&q.page, reverse) {
        (Page::After(_), _) | (Page::Before(_), _) => {
            let edge = if reverse {
                sessions.last()
            } else {
                sessions.first()
            };
            match edge {
                Some(s) => {
                    exists_beyond(db, &filters, merchant_id, livemode, q, s, !reverse).await?
                }
                None => true,
            }
        }
        _ => false,
    };
    let (has_more_older, has_more_newer) = if reverse {
        (other_side, more_in_direction)
    } else {
        (more_in_direction, other_side)
    };
    Ok(ListPage {
        sessions,
        has_more_older,
        has_more_newer,
    })
}

/// Is there a matching session newer (`newer = true`) or older than `edge`?
async fn exists_beyond(
    db: &Db,
    filters: &str,
    merchant_id: &str,
    livemode: bool,
    q: &ListQuery,
    edge: &Session,
    newer: bool,
) -> Result<bool, sqlx::Error> {
    let n = 2 + q.filter_count();
    let (op, c, i) = (if newer { ">" } else { "<" }, n + 1, n + 2);
    let sql = format!(
        "SELECT 1 AS one FROM checkout_sessions WHERE {filters}
         AND (created_seq {op} ${c} OR (created_seq = ${c} AND id {op} ${i})) LIMIT 1"
    );
    let row = bind_filters(sqlx::query(&sql), merchant_id, livemode, q)
        .bind(edge.created_seq)
        .bind(edge.id.clone())
        .fetch_optional(&db.pool)
        .await?;
    Ok(row.is_some())
}

type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

/// Binds `$1..` of the list filters, in the order `list` wrote them.
fn bind_filters<'q>(
    query: AnyQuery<'q>,
    merchant_id: &'q str,
    livemode: bool,
    q: &ListQuery,
) -> AnyQuery<'q> {
    let mut query = query.bind(merchant_id).bind(flag(livemode));
    if let Some(s) = q.status {
        query = query.bind(s.as_str());
    }
    if let Some(c) = q.currency {
        query = query.bind(c.code().to_owned());
    }
    if let Some(t) = q.created_from {
        query = query.bind(t);
    }
    if let Some(t) = q.created_before {
        query = query.bind(t);
    }
    query
}

impl ListQuery {
    fn filter_count(&self) -> usize {
        usize::from(self.status.is_some())
            + usize::from(self.currency.is_some())
            + usize::from(self.created_from.is_some())
            + usize::from(self.created_before.is_some())
    }
}

/// Open sessions whose time ran out, oldest first.
pub async fn expired_open(db: &Db, now_s: i64, limit: i64) -> Result<Vec<String>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id FROM checkout_sessions WHERE status = 'open' AND expires_at_s <= $1
         ORDER BY expires_at_s LIMIT $2",
    )
    .bind(now_s)
    .bind(limit)
    .fetch_all(&db.pool)
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

/// The caller's session with this charge reference.
pub async fn by_charge(
    db: &Db,
    merchant_id: &str,
    livemode: bool,
    charge: &str,
) -> Result<Option<Session>, sqlx::Error> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM checkout_sessions
         WHERE charge_reference = $1 AND merchant_id = $2 AND livemode = $3"
    ))
    .bind(charge)
    .bind(merchant_id)
    .bind(flag(livemode))
    .fetch_optional(&db.pool)
    .await?;
    row.as_ref().map(from_row).transpose()
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

/// The id of the caller's session made through `api` with this reference.
pub async fn by_external_reference(
    db: &Db,
    merchant_id: &str,
    livemode: bool,
    api: &str,
    reference: &str,
) -> Result<Option<String>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT id FROM checkout_sessions
         WHERE merchant_id = $1 AND livemode = $2 AND api = $3 AND external_reference = $4",
    )
    .bind(merchant_id)
    .bind(flag(livemode))
    .bind(api)
    .bind(reference)
    .fetch_optional(&db.pool)
    .await?;
    row.map(|r| r.try_get("id")).transpose()
}
