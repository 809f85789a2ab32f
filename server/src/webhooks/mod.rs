//! Telling merchants what happened, reliably.
//!
//! - [`emit`] writes an event into the outbox (`webhook_events`) inside the
//!   transaction of the change it reports: no change without its event, no
//!   event without its change, whatever crashes when.
//! - [`delivery`] is the worker that sends due events, signed per
//!   [`signature`], and retries failures on the [`schedule`].
//! - The event's id is the `webhook-id` of every attempt, so a receiver can
//!   drop duplicates (delivery is at least once).

pub mod delivery;
pub mod schedule;
pub mod signature;

use crate::db::{Tx, monotonic_us, new_id, now_ms};
use crate::objects::event::{EventData, EventObject};
use crate::store::events::{self, DeliveryStatus, Event};
use crate::store::sessions::Session;
use crate::store::{Owner, products};
use app::domain::EventType;
use tokio::sync::Notify;

static WAKE: Notify = Notify::const_new();

/// Tells the delivery worker that an event was committed. Call after the
/// commit; the worker also polls, so a missed call delays, never loses.
pub fn wake() {
    WAKE.notify_one();
}

/// Where a session's events go: its own `webhook_url`, else its product's
/// as of now; nowhere for event types its API does not send.
async fn endpoint_for(
    tx: &mut Tx<'_>,
    session: &Session,
    kind: EventType,
) -> Result<Option<String>, sqlx::Error> {
    if !session.compat.api.sends(kind) {
        return Ok(None);
    }
    match (&session.webhook_url, &session.product_id) {
        (Some(url), _) => Ok(Some(url.clone())),
        (None, Some(product)) => products::webhook_url(tx, &session.owner(), product).await,
        (None, None) => Ok(None),
    }
}

/// Who an event is about, and where it goes.
struct Subject<'a> {
    owner: Owner,
    session_id: Option<&'a str>,
    product_id: Option<&'a str>,
    endpoint: Option<String>,
}

/// Writes an event about `session` (as it is after the change) into the
/// outbox, in the caller's transaction.
pub async fn emit(
    tx: &mut Tx<'_>,
    session: &Session,
    kind: EventType,
    data: EventData,
) -> Result<String, sqlx::Error> {
    let subject = Subject {
        owner: session.owner(),
        session_id: Some(&session.id),
        product_id: session.product_id.as_deref(),
        endpoint: endpoint_for(tx, session, kind).await?,
    };
    record(tx, subject, kind, data).await
}

/// Writes a `payout.*` event into the outbox: to the webhook endpoint of
/// the product the payout was made under.
pub async fn emit_payout(
    tx: &mut Tx<'_>,
    payout: &crate::store::payouts::Payout,
    kind: EventType,
    data: EventData,
) -> Result<String, sqlx::Error> {
    let owner = Owner::new(&payout.merchant_id, payout.livemode);
    let endpoint = match &payout.product_id {
        Some(product) => products::webhook_url(tx, &owner, product).await?,
        None => None,
    };
    let subject = Subject {
        owner,
        session_id: None,
        product_id: payout.product_id.as_deref(),
        endpoint,
    };
    record(tx, subject, kind, data).await
}

async fn record(
    tx: &mut Tx<'_>,
    subject: Subject<'_>,
    kind: EventType,
    data: EventData,
) -> Result<String, sqlx::Error> {
    let id = new_id("evt", 24);
    let now = now_ms();
    let livemode = subject.owner.livemode;
    let envelope = EventObject::emitted(&id, kind, now, livemode, &data);
    let endpoint = subject.endpoint;
    let event = Event {
        id: id.clone(),
        merchant_id: subject.owner.merchant_id,
        livemode,
        event_type: kind,
        session_id: subject.session_id.map(str::to_owned),
        product_id: subject.product_id.map(str::to_owned),
        payload: serde_json::to_string(&envelope).expect("events serialise"),
        delivery_status: if endpoint.is_some() {
            DeliveryStatus::Pending
        } else {
            DeliveryStatus::NoEndpoint
        },
        next_attempt_at: endpoint.as_ref().map(|_| now),
        endpoint_url: endpoint,
        attempt_count: 0,
        delivered_at: None,
        created_at: now,
        created_seq: monotonic_us(),
    };
    events::insert(tx, &event).await?;
    tracing::info!(event = %id, kind = kind.as_str(), session = subject.session_id, "event recorded");
    Ok(id)
}

/// Writes a `charge.*` event about a charge (as it is now, inside `tx`)
/// into the outbox.
pub async fn emit_charge(
    tx: &mut Tx<'_>,
    session: &Session,
    kind: EventType,
    config: &crate::config::Config,
) -> Result<String, sqlx::Error> {
    let attempt = crate::store::attempts::latest(&mut **tx, &session.id).await?;
    let refund = crate::store::refunds::latest_reference(&mut **tx, &session.id).await?;
    let data = crate::objects::ChargeObject::new(session, attempt.as_ref(), refund, config);
    emit(tx, session, kind, EventData::Charge(Box::new(data))).await
}

/// Writes an event about a payment of `session` into the outbox.
pub async fn emit_payment(
    tx: &mut Tx<'_>,
    session: &Session,
    kind: EventType,
    payment: crate::objects::PaymentObject,
) -> Result<String, sqlx::Error> {
    emit(tx, session, kind, EventData::Payment(Box::new(payment))).await
}
