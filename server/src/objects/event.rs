//! Webhook events, as sent and as the events API shows them, and their
//! delivery attempts.

use super::{AttemptTag, CheckoutSessionObject, EventTag, PaymentObject, list, secs};
use crate::store::events::{Attempt, DeliveryStatus, Event, Trigger};
use app::domain::EventType;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use utoipa::ToSchema;

/// What an event is about: the checkout session (`checkout.session.*`),
/// the payment (`payment.*`), the charge (`charge.*`) or the payout
/// (`payout.*`).
#[derive(Clone, Debug, Serialize, ToSchema)]
#[serde(untagged)]
pub enum EventData {
    Session(Box<CheckoutSessionObject>),
    Payment(Box<PaymentObject>),
    Charge(Box<super::ChargeObject>),
    Payout(Box<super::PayoutObject>),
}

#[derive(Clone, Debug, Serialize, ToSchema)]
#[schema(as = Delivery)]
pub struct DeliveryObject {
    status: DeliveryStatus,
    endpoint_url: Option<String>,
    attempts: i64,
    next_attempt_at: Option<i64>,
    delivered_at: Option<i64>,
}

/// An event: what every delivery sends, byte for byte (without
/// `delivery`), and, from the events API, where its delivery stands.
#[derive(Clone, Debug, Serialize, ToSchema)]
#[schema(as = Event)]
pub struct EventObject {
    /// Also the `webhook-id` header of every attempt.
    id: String,
    object: EventTag,
    #[serde(rename = "type")]
    event_type: EventType,
    created: i64,
    livemode: bool,
    /// The payment or the checkout session.
    #[schema(value_type = EventData)]
    data: Box<RawValue>,
    /// Only from the events API.
    #[serde(skip_serializing_if = "Option::is_none")]
    delivery: Option<DeliveryObject>,
}

/// Only the part of a stored event the events API needs again.
#[derive(Deserialize)]
struct Stored {
    data: Box<RawValue>,
}

impl EventObject {
    /// A new event, as its deliveries will send it.
    pub fn emitted(
        id: &str,
        event_type: EventType,
        created_ms: i64,
        livemode: bool,
        data: &EventData,
    ) -> EventObject {
        let data = serde_json::value::to_raw_value(data).expect("event data serialises");
        let head = (id.to_owned(), event_type, created_ms, livemode);
        EventObject::from_parts(head, data, None)
    }

    /// A stored event with its delivery.
    pub fn new(e: &Event) -> EventObject {
        let data = serde_json::from_str::<Stored>(&e.payload)
            .map(|s| s.data)
            .unwrap_or_else(|_| RawValue::from_string("null".into()).expect("null is JSON"));
        let delivery = DeliveryObject {
            status: e.delivery_status,
            endpoint_url: e.endpoint_url.clone(),
            attempts: e.attempt_count,
            next_attempt_at: e.next_attempt_at.map(secs),
            delivered_at: e.delivered_at.map(secs),
        };
        let head = (e.id.clone(), e.event_type, e.created_at, e.livemode);
        EventObject::from_parts(head, data, Some(delivery))
    }

    fn from_parts(
        (id, event_type, created_ms, livemode): (String, EventType, i64, bool),
        data: Box<RawValue>,
        delivery: Option<DeliveryObject>,
    ) -> EventObject {
        EventObject {
            id,
            object: EventTag::Value,
            event_type,
            created: secs(created_ms),
            livemode,
            data,
            delivery,
        }
    }
}

list!(EventList of EventObject);

#[derive(Clone, Debug, Serialize, ToSchema)]
#[schema(as = WebhookAttempt)]
pub struct WebhookAttemptObject {
    id: String,
    object: AttemptTag,
    event: String,
    attempt_number: i64,
    trigger: Trigger,
    url: String,
    attempted_at: i64,
    attempted_at_ms: i64,
    status_code: Option<i64>,
    latency_ms: i64,
    error: Option<String>,
    /// The first 512 bytes of the answer.
    response_excerpt: Option<String>,
    next_attempt_at: Option<i64>,
}

impl From<&Attempt> for WebhookAttemptObject {
    fn from(a: &Attempt) -> WebhookAttemptObject {
        WebhookAttemptObject {
            id: a.id.clone(),
            object: AttemptTag::Value,
            event: a.event_id.clone(),
            attempt_number: a.attempt_number,
            trigger: a.trigger,
            url: a.url.clone(),
            attempted_at: secs(a.attempted_at),
            attempted_at_ms: a.attempted_at,
            status_code: a.status_code,
            latency_ms: a.latency_ms,
            error: a.error.clone(),
            response_excerpt: a.response_excerpt.clone(),
            next_attempt_at: a.next_attempt_at.map(secs),
        }
    }
}

list!(WebhookAttemptList of WebhookAttemptObject, unpaged);

/// A redelivery's answer: the event as it stands after, and the attempt.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Redelivery {
    event: EventObject,
    attempt: WebhookAttemptObject,
}

impl Redelivery {
    pub fn new(event: EventObject, attempt: WebhookAttemptObject) -> Redelivery {
        Redelivery { event, attempt }
    }
}
