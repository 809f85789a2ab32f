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

use crate::api::secs;
use crate::config::Config;
use crate::db::{Tx, monotonic_us, new_id, now_ms};
use crate::store::attempts::Attempt;
use crate::store::events::{self, DeliveryStatus, Event};
use crate::store::products;
use crate::store::sessions::Session;
use serde_json::{Value, json};
use tokio::sync::Notify;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventType {
    SessionCompleted,
    SessionExpired,
    PaymentSucceeded,
    PaymentFailed,
    PaymentRefunded,
    PaymentChargeback,
}

impl EventType {
    pub const ALL: [EventType; 6] = [
        EventType::SessionCompleted,
        EventType::SessionExpired,
        EventType::PaymentSucceeded,
        EventType::PaymentFailed,
        EventType::PaymentRefunded,
        EventType::PaymentChargeback,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            EventType::SessionCompleted => "checkout.session.completed",
            EventType::SessionExpired => "checkout.session.expired",
            EventType::PaymentSucceeded => "payment.succeeded",
            EventType::PaymentFailed => "payment.failed",
            EventType::PaymentRefunded => "payment.refunded",
            EventType::PaymentChargeback => "payment.chargeback",
        }
    }

    pub fn parse(s: &str) -> Option<EventType> {
        EventType::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

static WAKE: Notify = Notify::const_new();

/// Tells the delivery worker that an event was committed. Call after the
/// commit; the worker also polls, so a missed call delays, never loses.
pub fn wake() {
    WAKE.notify_one();
}

/// Writes an event about `session` (as it is after the change) into the
/// outbox, in the caller's transaction. Its endpoint is the session's own
/// `webhook_url`, else its product's, as of now.
pub async fn emit(
    tx: &mut Tx<'_>,
    session: &Session,
    kind: EventType,
    data: Value,
) -> Result<String, sqlx::Error> {
    let endpoint = match (&session.webhook_url, &session.product_id) {
        // A session made through Zenofy's API gets only Zenofy's event types.
        _ if session.compat.api == "zenofy" && !crate::api::compat::zenofy::sends(kind) => None,
        (Some(url), _) => Some(url.clone()),
        (None, Some(product)) => products::webhook_url(tx, product).await?,
        (None, None) => None,
    };
    let id = new_id("evt", 24);
    let now = now_ms();
    let payload = json!({
        "id": id,
        "object": "event",
        "type": kind.as_str(),
        "created": secs(now),
        "livemode": session.livemode,
        "data": data,
    })
    .to_string();
    let event = Event {
        id: id.clone(),
        merchant_id: session.merchant_id.clone(),
        livemode: session.livemode,
        event_type: kind.as_str().to_owned(),
        session_id: Some(session.id.clone()),
        product_id: session.product_id.clone(),
        payload,
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
    tracing::info!(event = %id, kind = kind.as_str(), session = %session.id, "event recorded");
    Ok(id)
}

/// The payment object of events: the attempt, with the merchant's own
/// references for the session it paid.
pub fn payment_object(s: &Session, a: &Attempt) -> Value {
    json!({
        "id": a.id,
        "object": "payment",
        "checkout_session": s.id,
        "charge_reference": s.charge_reference,
        // The merchant's own reference, under both names merchants know.
        "reference": s.client_reference_id,
        "client_reference_id": s.client_reference_id,
        "metadata": s.metadata,
        "amount": a.amount,
        "amount_refunded": s.amount_refunded,
        "currency": a.currency.code().to_ascii_lowercase(),
        "payment_method": a.method.as_str(),
        "card": a.card_brand.map(|b| json!({ "brand": b.as_str(), "last4": a.card_last4 })),
        "status": a.status.as_str(),
        "failure_code": a.failure_code,
        "failure_reason": a.failure_reason,
        "livemode": s.livemode,
        "created": secs(a.created_at),
    })
}

/// The session object of events, as `GET /v1/checkout/sessions/{id}` shows it.
pub fn session_object(config: &Config, s: &Session) -> Value {
    crate::api::sessions::session_object(config, s, false)
}
