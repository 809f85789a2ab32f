//! Webhook events, as sent and as the events API shows them, and their
//! delivery attempts.

use super::{CheckoutSessionObject, ListTag, Paging, PaymentObject, secs, tag};
use crate::store::events::{Attempt, DeliveryStatus, Event, Trigger};
use app::domain::EventType;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use utoipa::ToSchema;

tag!(EventTag = "event");
tag!(AttemptTag = "webhook_attempt");

/// What an event is about: the checkout session (`checkout.session.*`) or
/// the payment (`payment.*`).
#[derive(Clone, Debug, Serialize, ToSchema)]
#[serde(untagged)]
pub enum EventData {
    Session(Box<CheckoutSessionObject>),
    Payment(Box<PaymentObject>),
}

/// The body every delivery of an event sends, byte for byte.
#[derive(Clone, Debug, Serialize)]
pub struct Envelope {
    pub id: String,
    pub object: EventTag,
    #[serde(rename = "type")]
    pub event_type: EventType,
    pub created: i64,
    pub livemode: bool,
    pub data: EventData,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
#[schema(as = Delivery)]
pub struct DeliveryObject {
    pub status: DeliveryStatus,
    pub endpoint_url: Option<String>,
    pub attempts: i64,
    pub next_attempt_at: Option<i64>,
    pub delivered_at: Option<i64>,
}

/// An event, as sent (the same bytes every attempt), with its delivery.
#[derive(Clone, Debug, Serialize, ToSchema)]
#[schema(as = Event)]
pub struct EventObject {
    /// Also the `webhook-id` header of every attempt.
    pub id: String,
    pub object: EventTag,
    #[serde(rename = "type")]
    pub event_type: EventType,
    pub created: i64,
    pub livemode: bool,
    /// The payment or the checkout session, as sent.
    #[schema(value_type = EventData)]
    pub data: Box<RawValue>,
    pub delivery: DeliveryObject,
}

/// Only the part of a stored envelope the events API needs again.
#[derive(Deserialize)]
struct Stored {
    data: Box<RawValue>,
}

impl EventObject {
    pub fn new(e: &Event) -> EventObject {
        let data = serde_json::from_str::<Stored>(&e.payload)
            .map(|s| s.data)
            .unwrap_or_else(|_| RawValue::from_string("null".into()).expect("null is JSON"));
        EventObject {
            id: e.id.clone(),
            object: EventTag::Value,
            event_type: e.event_type,
            created: secs(e.created_at),
            livemode: e.livemode,
            data,
            delivery: DeliveryObject {
                status: e.delivery_status,
                endpoint_url: e.endpoint_url.clone(),
                attempts: e.attempt_count,
                next_attempt_at: e.next_attempt_at.map(secs),
                delivered_at: e.delivered_at.map(secs),
            },
        }
    }
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct EventList {
    pub object: ListTag,
    pub data: Vec<EventObject>,
    pub paging: Paging,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
#[schema(as = WebhookAttempt)]
pub struct WebhookAttemptObject {
    pub id: String,
    pub object: AttemptTag,
    pub event: String,
    pub attempt_number: i64,
    pub trigger: Trigger,
    pub url: String,
    pub attempted_at: i64,
    pub attempted_at_ms: i64,
    pub status_code: Option<i64>,
    pub latency_ms: i64,
    pub error: Option<String>,
    /// The first 512 bytes of the answer.
    pub response_excerpt: Option<String>,
    pub next_attempt_at: Option<i64>,
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

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct WebhookAttemptList {
    pub object: ListTag,
    pub data: Vec<WebhookAttemptObject>,
}

/// A redelivery's answer: the event as it stands after, and the attempt.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Redelivery {
    pub event: EventObject,
    pub attempt: WebhookAttemptObject,
}
