//! Webhook events (the outbox), their delivery attempts, and the health of
//! each endpoint they go to.

use crate::db::{Db, Tx, flag};
use sqlx::any::AnyRow;
use sqlx::{Executor, Row};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeliveryStatus {
    Pending,
    Delivered,
    Failed,
    NoEndpoint,
}

impl DeliveryStatus {
    pub fn as_str(&self) -> &'static str {
        match self {
            DeliveryStatus::Pending => "pending",
            DeliveryStatus::Delivered => "delivered",
            DeliveryStatus::Failed => "failed",
            DeliveryStatus::NoEndpoint => "no_endpoint",
        }
    }

    fn parse(s: &str) -> Option<DeliveryStatus> {
        Some(match s {
            "pending" => DeliveryStatus::Pending,
            "delivered" => DeliveryStatus::Delivered,
            "failed" => DeliveryStatus::Failed,
            "no_endpoint" => DeliveryStatus::NoEndpoint,
            _ => return None,
        })
    }
}

#[derive(Clone, Debug)]
pub struct Event {
    pub id: String,
    pub merchant_id: String,
    pub livemode: bool,
    pub event_type: String,
    pub session_id: Option<String>,
    pub product_id: Option<String>,
    /// The envelope, exactly the bytes every attempt sends.
    pub payload: String,
    pub endpoint_url: Option<String>,
    pub delivery_status: DeliveryStatus,
    pub attempt_count: i64,
    /// Unix milliseconds.
    pub next_attempt_at: Option<i64>,
    pub delivered_at: Option<i64>,
    pub created_at: i64,
    pub created_seq: i64,
}

const COLUMNS: &str = "id, merchant_id, livemode, event_type, session_id, product_id, payload, \
    endpoint_url, delivery_status, attempt_count, next_attempt_at, delivered_at, created_at, created_seq";

fn from_row(r: &AnyRow) -> Result<Event, sqlx::Error> {
    let status: String = r.try_get("delivery_status")?;
    Ok(Event {
        id: r.try_get("id")?,
        merchant_id: r.try_get("merchant_id")?,
        livemode: r.try_get::<i64, _>("livemode")? == 1,
        event_type: r.try_get("event_type")?,
        session_id: r.try_get("session_id")?,
        product_id: r.try_get("product_id")?,
        payload: r.try_get("payload")?,
        endpoint_url: r.try_get("endpoint_url")?,
        delivery_status: DeliveryStatus::parse(&status)
            .ok_or_else(|| sqlx::Error::Decode("bad stored delivery_status".into()))?,
        attempt_count: r.try_get("attempt_count")?,
        next_attempt_at: r.try_get("next_attempt_at")?,
        delivered_at: r.try_get("delivered_at")?,
        created_at: r.try_get("created_at")?,
        created_seq: r.try_get("created_seq")?,
    })
}

pub async fn insert(tx: &mut Tx<'_>, e: &Event) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "INSERT INTO webhook_events ({COLUMNS})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"
    ))
    .bind(&e.id)
    .bind(&e.merchant_id)
    .bind(flag(e.livemode))
    .bind(&e.event_type)
    .bind(e.session_id.clone())
    .bind(e.product_id.clone())
    .bind(&e.payload)
    .bind(e.endpoint_url.clone())
    .bind(e.delivery_status.as_str())
    .bind(e.attempt_count)
    .bind(e.next_attempt_at)
    .bind(e.delivered_at)
    .bind(e.created_at)
    .bind(e.created_seq)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn get<'e, E: Executor<'e, Database = sqlx::Any>>(
    ex: E,
    id: &str,
) -> Result<Option<Event>, sqlx::Error> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM webhook_events WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(ex)
    .await?;
    row.as_ref().map(from_row).transpose()
}

/// Events waiting for an attempt whose time has come and that no worker
/// holds, oldest first.
pub async fn due(db: &Db, now: i64, limit: i64) -> Result<Vec<String>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id FROM webhook_events
         WHERE delivery_status = 'pending' AND next_attempt_at <= $1
           AND (lease_until IS NULL OR lease_until < $1)
         ORDER BY next_attempt_at, created_seq LIMIT $2",
    )
    .bind(now)
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(|r| r.try_get("id")).collect()
}

/// Takes hold of an event until `until`, unless another worker (here or on
/// another server) holds it. `scheduled` claims only a due, pending event;
/// otherwise (a redelivery) any event not held.
pub async fn claim(
    db: &Db,
    id: &str,
    now: i64,
    until: i64,
    scheduled: bool,
) -> Result<bool, sqlx::Error> {
    let only_due = if scheduled {
        " AND delivery_status = 'pending' AND next_attempt_at <= $3"
    } else {
        ""
    };
    let done = sqlx::query(&format!(
        "UPDATE webhook_events SET lease_until = $1
         WHERE id = $2 AND (lease_until IS NULL OR lease_until < $3){only_due}"
    ))
    .bind(until)
    .bind(id)
    .bind(now)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// One HTTP attempt, as recorded.
#[derive(Clone, Debug)]
pub struct Attempt {
    pub id: String,
    pub event_id: String,
    pub attempt_number: i64,
    pub url: String,
    pub attempted_at: i64,
    pub status_code: Option<i64>,
    pub latency_ms: i64,
    pub error: Option<String>,
    pub response_excerpt: Option<String>,
    pub trigger: &'static str,
    pub next_attempt_at: Option<i64>,
}

/// Records an attempt and where the event stands after it, releasing the
/// hold on it.
pub async fn record_attempt(
    tx: &mut Tx<'_>,
    a: &Attempt,
    status: &DeliveryStatus,
    endpoint_url: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO webhook_attempts (id, event_id, attempt_number, url, attempted_at, status_code,
             latency_ms, error, response_excerpt, trigger, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(&a.id)
    .bind(&a.event_id)
    .bind(a.attempt_number)
    .bind(&a.url)
    .bind(a.attempted_at)
    .bind(a.status_code)
    .bind(a.latency_ms)
    .bind(a.error.clone())
    .bind(a.response_excerpt.clone())
    .bind(a.trigger)
    .bind(a.next_attempt_at)
    .execute(&mut **tx)
    .await?;
    let delivered_at = (*status == DeliveryStatus::Delivered).then_some(a.attempted_at);
    sqlx::query(
        "UPDATE webhook_events SET delivery_status = $1, attempt_count = $2, next_attempt_at = $3,
             delivered_at = COALESCE($4, delivered_at), endpoint_url = $5, lease_until = NULL
         WHERE id = $6",
    )
    .bind(status.as_str())
    .bind(a.attempt_number)
    .bind(a.next_attempt_at)
    .bind(delivered_at)
    .bind(endpoint_url)
    .bind(&a.event_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Lets go of an event without an attempt (nothing was sent).
pub async fn release(db: &Db, id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE webhook_events SET lease_until = NULL WHERE id = $1")
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

fn attempt_from_row(r: &AnyRow) -> Result<Attempt, sqlx::Error> {
    let trigger: String = r.try_get("trigger")?;
    Ok(Attempt {
        id: r.try_get("id")?,
        event_id: r.try_get("event_id")?,
        attempt_number: r.try_get("attempt_number")?,
        url: r.try_get("url")?,
        attempted_at: r.try_get("attempted_at")?,
        status_code: r.try_get("status_code")?,
        latency_ms: r.try_get("latency_ms")?,
        error: r.try_get("error")?,
        response_excerpt: r.try_get("response_excerpt")?,
        trigger: if trigger == "redeliver" {
            "redeliver"
        } else {
            "schedule"
        },
        next_attempt_at: r.try_get("next_attempt_at")?,
    })
}

/// An event's attempts, oldest first.
pub async fn attempts(db: &Db, event_id: &str) -> Result<Vec<Attempt>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, event_id, attempt_number, url, attempted_at, status_code, latency_ms, error,
             response_excerpt, trigger, next_attempt_at
         FROM webhook_attempts WHERE event_id = $1 ORDER BY attempted_at, attempt_number",
    )
    .bind(event_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(attempt_from_row).collect()
}

/// Filters of `GET /v1/events`; newest first, `after` continues to older.
pub struct ListQuery {
    pub event_type: Option<String>,
    pub session_id: Option<String>,
    pub after: Option<(i64, String)>,
    pub limit: i64,
}

pub struct ListPage {
    pub events: Vec<Event>,
    pub has_more: bool,
}

pub async fn list(
    db: &Db,
    merchant_id: &str,
    livemode: bool,
    q: &ListQuery,
) -> Result<ListPage, sqlx::Error> {
    // Every optional filter is bound; a NULL one matches everything.
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM webhook_events
         WHERE merchant_id = $1 AND livemode = $2
           AND ($3 IS NULL OR event_type = $3)
           AND ($4 IS NULL OR session_id = $4)
           AND ($5 IS NULL OR created_seq < $5 OR (created_seq = $5 AND id < $6))
         ORDER BY created_seq DESC, id DESC LIMIT $7"
    ))
    .bind(merchant_id)
    .bind(flag(livemode))
    .bind(q.event_type.clone())
    .bind(q.session_id.clone())
    .bind(q.after.as_ref().map(|a| a.0))
    .bind(q.after.as_ref().map(|a| a.1.clone()))
    .bind(q.limit + 1)
    .fetch_all(&db.pool)
    .await?;
    let mut events = rows.iter().map(from_row).collect::<Result<Vec<_>, _>>()?;
    let has_more = events.len() as i64 > q.limit;
    events.truncate(q.limit as usize);
    Ok(ListPage { events, has_more })
}

/// How an endpoint has been doing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EndpointHealth {
    pub disabled_at: Option<i64>,
    pub disabled_reason: Option<String>,
    pub failing_since: Option<i64>,
    pub exhausted_at: Option<i64>,
    pub last_success_at: Option<i64>,
    pub last_failure_at: Option<i64>,
}

impl EndpointHealth {
    /// `disabled` (a 410), `failing` (an event used up its retries since the
    /// last success) or `enabled`.
    pub fn status(&self) -> &'static str {
        if self.disabled_at.is_some() {
            "disabled"
        } else if self.exhausted_at.is_some() {
            "failing"
        } else {
            "enabled"
        }
    }
}

pub async fn endpoint<'e, E: Executor<'e, Database = sqlx::Any>>(
    ex: E,
    merchant_id: &str,
    url: &str,
) -> Result<EndpointHealth, sqlx::Error> {
    let row = sqlx::query(
        "SELECT disabled_at, disabled_reason, failing_since, exhausted_at, last_success_at,
             last_failure_at
         FROM webhook_endpoints WHERE merchant_id = $1 AND url = $2",
    )
    .bind(merchant_id)
    .bind(url)
    .fetch_optional(ex)
    .await?;
    let Some(r) = row else {
        return Ok(EndpointHealth::default());
    };
    Ok(EndpointHealth {
        disabled_at: r.try_get("disabled_at")?,
        disabled_reason: r.try_get("disabled_reason")?,
        failing_since: r.try_get("failing_since")?,
        exhausted_at: r.try_get("exhausted_at")?,
        last_success_at: r.try_get("last_success_at")?,
        last_failure_at: r.try_get("last_failure_at")?,
    })
}

/// What one attempt says about its endpoint.
pub enum EndpointNews<'a> {
    Success,
    Failure,
    /// The last retry of an event failed.
    Exhausted,
    Gone(&'a str),
}

pub async fn endpoint_news(
    tx: &mut Tx<'_>,
    merchant_id: &str,
    url: &str,
    news: EndpointNews<'_>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO webhook_endpoints (merchant_id, url) VALUES ($1, $2)
         ON CONFLICT (merchant_id, url) DO NOTHING",
    )
    .bind(merchant_id)
    .bind(url)
    .execute(&mut **tx)
    .await?;
    let (set, reason) = match news {
        EndpointNews::Success => (
            "last_success_at = $1, failing_since = NULL, exhausted_at = NULL",
            None,
        ),
        EndpointNews::Failure => (
            "last_failure_at = $1, failing_since = COALESCE(failing_since, $1)",
            None,
        ),
        EndpointNews::Exhausted => (
            "last_failure_at = $1, failing_since = COALESCE(failing_since, $1), exhausted_at = $1",
            None,
        ),
        EndpointNews::Gone(reason) => (
            "last_failure_at = $1, disabled_at = $1, disabled_reason = $4",
            Some(reason.to_owned()),
        ),
    };
    let sql = format!("UPDATE webhook_endpoints SET {set} WHERE merchant_id = $2 AND url = $3");
    let mut query = sqlx::query(&sql).bind(now).bind(merchant_id).bind(url);
    if let Some(reason) = reason {
        query = query.bind(reason);
    }
    query.execute(&mut **tx).await?;
    Ok(())
}

/// The merchant set this URL again: start afresh (re-enables it).
pub async fn reset_endpoint(
    tx: &mut Tx<'_>,
    merchant_id: &str,
    url: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM webhook_endpoints WHERE merchant_id = $1 AND url = $2")
        .bind(merchant_id)
        .bind(url)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
