//! Webhook events (the outbox), their delivery attempts, and the health of
//! each endpoint they go to.

use super::query::{Filter, Table};
use super::row::Encodings;
use super::{Many, Owner};
use crate::db::{Db, Ex, Tx, flag};
use app::domain::EventType;
use serde::{Deserialize, Serialize};
use sqlx::Row;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
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
}

#[derive(Clone, Debug, Deserialize)]
pub struct Event {
    pub id: String,
    pub merchant_id: String,
    pub livemode: bool,
    pub event_type: EventType,
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

impl Event {
    pub fn owner(&self) -> Owner {
        Owner::new(&self.merchant_id, self.livemode)
    }
}

const COLUMNS: &str = "id, merchant_id, livemode, event_type, session_id, product_id, payload, \
    endpoint_url, delivery_status, attempt_count, next_attempt_at, delivered_at, created_at, created_seq";

pub const TABLE: Table<Event> = Table::new(
    "webhook_events",
    COLUMNS,
    Encodings {
        flags: &["livemode"],
        json: &[],
    },
);

/// Delivery attempts.
pub const ATTEMPTS: Table<Attempt> = Table::new(
    "webhook_attempts",
    "id, event_id, attempt_number, url, attempted_at, status_code, latency_ms, error, \
     response_excerpt, trigger, next_attempt_at",
    Encodings::NONE,
);

/// Endpoint health.
const ENDPOINTS: Table<EndpointHealth> = Table::new(
    "webhook_endpoints",
    "disabled_at, disabled_reason, failing_since, exhausted_at, last_success_at, last_failure_at",
    Encodings::NONE,
);

pub async fn insert(tx: &mut Tx<'_>, e: &Event) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "INSERT INTO webhook_events ({COLUMNS})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"
    ))
    .bind(&e.id)
    .bind(&e.merchant_id)
    .bind(flag(e.livemode))
    .bind(e.event_type.as_str())
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

/// Events waiting for an attempt whose time has come and that no worker
/// holds, merchants in turn (each one's oldest first), leaving out what
/// would take a merchant past `share` events held at once (by any server).
pub async fn due<'e>(ex: impl Ex<'e>, now: i64, limit: i64, share: i64) -> Many<String> {
    let rows = sqlx::query(
        "WITH held AS (
             SELECT merchant_id, COUNT(*) AS n FROM webhook_events
             WHERE lease_until >= $1 GROUP BY merchant_id),
         waiting AS (
             SELECT id, merchant_id, next_attempt_at, created_seq,
                    ROW_NUMBER() OVER (PARTITION BY merchant_id
                                       ORDER BY next_attempt_at, created_seq) AS turn
             FROM webhook_events
             WHERE delivery_status = 'pending' AND next_attempt_at <= $1
               AND (lease_until IS NULL OR lease_until < $1))
         SELECT w.id FROM waiting w LEFT JOIN held h ON h.merchant_id = w.merchant_id
         WHERE w.turn + COALESCE(h.n, 0) <= $3
         ORDER BY w.turn, w.next_attempt_at, w.created_seq LIMIT $2",
    )
    .bind(now)
    .bind(limit)
    .bind(share)
    .fetch_all(ex)
    .await?;
    rows.iter().map(|r| r.try_get("id")).collect()
}

/// Events due now and not yet delivered, and when the oldest of them fell
/// due (Unix milliseconds): the backlog, for the metrics.
pub async fn backlog<'e>(ex: impl Ex<'e>, now: i64) -> Result<(i64, Option<i64>), sqlx::Error> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS n, MIN(next_attempt_at) AS oldest FROM webhook_events
         WHERE delivery_status = 'pending' AND next_attempt_at <= $1",
    )
    .bind(now)
    .fetch_one(ex)
    .await?;
    Ok((row.try_get("n")?, row.try_get("oldest")?))
}

/// Takes hold of an event until `until` for a redelivery, unless another
/// worker (here or on another server) holds it.
pub async fn claim(db: &Db, id: &str, now: i64, until: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE webhook_events SET lease_until = $1
         WHERE id = $2 AND (lease_until IS NULL OR lease_until < $3)",
    )
    .bind(until)
    .bind(id)
    .bind(now)
    .execute(db.writer())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Takes hold of those of `ids` still due and not held, in one statement
/// (one commit for a batch), until `until`; gives the ids it took.
pub async fn claim_due(db: &Db, ids: &[String], now: i64, until: i64) -> Many<String> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = (0..ids.len())
        .map(|i| format!("${}", i + 3))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "UPDATE webhook_events SET lease_until = $1
         WHERE id IN ({list}) AND delivery_status = 'pending' AND next_attempt_at <= $2
           AND (lease_until IS NULL OR lease_until < $2)
         RETURNING id"
    );
    let mut query = sqlx::query(&sql).bind(until).bind(now);
    for id in ids {
        query = query.bind(id);
    }
    let rows = query.fetch_all(db.writer()).await?;
    rows.iter().map(|r| r.try_get("id")).collect()
}

/// Why an attempt was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Trigger {
    /// The retry schedule (the first attempt included).
    Schedule,
    /// The merchant asked for it.
    Redeliver,
}

impl Trigger {
    pub fn as_str(&self) -> &'static str {
        match self {
            Trigger::Schedule => "schedule",
            Trigger::Redeliver => "redeliver",
        }
    }
}

/// One HTTP attempt, as recorded.
#[derive(Clone, Debug, Deserialize)]
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
    pub trigger: Trigger,
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
    .bind(a.trigger.as_str())
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
        .execute(db.writer())
        .await?;
    Ok(())
}

/// An event's attempts, oldest first.
pub async fn attempts<'e>(ex: impl Ex<'e>, event_id: &str) -> Many<Attempt> {
    ATTEMPTS
        .select(
            ex,
            "WHERE event_id = $1 ORDER BY attempted_at, attempt_number",
            &[event_id.into()],
        )
        .await
}

/// Filters of `GET /v1/events`.
#[derive(Clone, Debug, Default)]
pub struct ListQuery {
    pub event_type: Option<EventType>,
    pub session_id: Option<String>,
}

impl ListQuery {
    pub fn filters(&self) -> Vec<Filter> {
        let mut filters = Vec::new();
        if let Some(t) = self.event_type {
            filters.push(Filter::eq("event_type", t.as_str()));
        }
        if let Some(s) = &self.session_id {
            filters.push(Filter::eq("session_id", s.as_str()));
        }
        filters
    }
}

/// How an endpoint has been doing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct EndpointHealth {
    pub disabled_at: Option<i64>,
    pub disabled_reason: Option<String>,
    pub failing_since: Option<i64>,
    pub exhausted_at: Option<i64>,
    pub last_success_at: Option<i64>,
    pub last_failure_at: Option<i64>,
}

/// How an endpoint is doing, in a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EndpointStatus {
    Enabled,
    /// An event used up its retries since the last success.
    Failing,
    /// It answered 410 Gone; nothing is sent until the URL is set again.
    Disabled,
}

impl EndpointHealth {
    pub fn status(&self) -> EndpointStatus {
        if self.disabled_at.is_some() {
            EndpointStatus::Disabled
        } else if self.exhausted_at.is_some() {
            EndpointStatus::Failing
        } else {
            EndpointStatus::Enabled
        }
    }
}

pub async fn endpoint<'e>(
    ex: impl Ex<'e>,
    owner: &Owner,
    url: &str,
) -> Result<EndpointHealth, sqlx::Error> {
    let found = ENDPOINTS
        .select_one(
            ex,
            "WHERE merchant_id = $1 AND livemode = $2 AND url = $3",
            &[
                owner.merchant_id.as_str().into(),
                flag(owner.livemode).into(),
                url.into(),
            ],
        )
        .await?;
    Ok(found.unwrap_or_default())
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
    owner: &Owner,
    url: &str,
    news: EndpointNews<'_>,
    now: i64,
) -> Result<(), sqlx::Error> {
    owner
        .query(
            "INSERT INTO webhook_endpoints (merchant_id, livemode, url) VALUES ($1, $2, $3)
         ON CONFLICT (merchant_id, livemode, url) DO NOTHING",
        )
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
            "last_failure_at = $1, disabled_at = $1, disabled_reason = $5",
            Some(reason.to_owned()),
        ),
    };
    let sql = format!(
        "UPDATE webhook_endpoints SET {set} WHERE merchant_id = $2 AND livemode = $3 AND url = $4"
    );
    let mut query = sqlx::query(&sql)
        .bind(now)
        .bind(&owner.merchant_id)
        .bind(flag(owner.livemode))
        .bind(url);
    if let Some(reason) = reason {
        query = query.bind(reason);
    }
    query.execute(&mut **tx).await?;
    Ok(())
}

/// The merchant set this URL again: start afresh (re-enables it).
pub async fn reset_endpoint(tx: &mut Tx<'_>, owner: &Owner, url: &str) -> Result<(), sqlx::Error> {
    owner
        .query(
            "DELETE FROM webhook_endpoints WHERE merchant_id = $1 AND livemode = $2 AND url = $3",
        )
        .bind(url)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
