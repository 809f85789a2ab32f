//! The shapes of our answers, for the OpenAPI document. The handlers build
//! their JSON directly; `server/tests/openapi.rs` checks real responses
//! against these, so the document cannot drift from what is sent.

#![allow(dead_code)]

use serde_json::Value;
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// `{"error": {...}}`, with the HTTP status that fits.
#[derive(ToSchema)]
pub struct Error {
    pub error: ErrorBody,
}

#[derive(ToSchema)]
pub struct ErrorBody {
    /// Stable, for programs: `parameter_missing`, `amount_too_large`, ...
    pub code: String,
    /// For people.
    pub message: String,
    /// The request field at fault (`line_items[1].quantity`), if one is.
    pub param: Option<String>,
}

#[derive(ToSchema)]
pub struct Paging {
    pub limit: i64,
    /// Older items follow.
    pub has_next_page: bool,
    /// Newer items precede.
    pub has_previous_page: bool,
    pub start_cursor: Option<String>,
    pub end_cursor: Option<String>,
}

#[derive(ToSchema)]
pub struct LineItem {
    pub id: String,
    pub object: String,
    pub name: String,
    pub description: Option<String>,
    pub unit_amount: i64,
    pub quantity: i64,
    pub amount_subtotal: i64,
    pub amount_total: i64,
    pub currency: String,
}

/// The checkout session (Payonify's `CheckoutSession`, and ours).
#[derive(ToSchema)]
pub struct CheckoutSession {
    pub id: String,
    /// `checkout_session`
    pub object: String,
    /// `open`, `complete`, `expired`
    pub status: String,
    /// `requires_payment_method`, `pending`, `succeeded`, `failed`, `cancelled`
    pub payment_status: String,
    pub mode: String,
    pub currency: String,
    pub amount_subtotal: i64,
    pub amount_total: i64,
    pub url: String,
    pub livemode: bool,
    pub payment_method_types: Vec<String>,
    pub client_secret: String,
    pub client_reference_id: Option<String>,
    pub charge_reference: String,
    pub created: i64,
    pub expires_at: i64,
    pub completed_at: Option<i64>,
    pub success_url: Option<String>,
    pub cancel_url: Option<String>,
    pub customer_email: Option<String>,
    pub customer: Option<app::domain::checkout::Customer>,
    pub description: Option<String>,
    pub locale: String,
    pub metadata: BTreeMap<String, String>,
    pub submit_type: String,
    pub source: Option<String>,
    pub product: Option<String>,
    pub failure_code: Option<String>,
    pub failure_reason: Option<String>,
    pub amount_refunded: i64,
    /// Sessions paid in parts: received so far.
    pub amount_paid: i64,
    pub webhook_url: Option<String>,
    /// Always `null`: Lipa collects no shipping.
    pub shipping: Option<Value>,
    /// Only with `expand=line_items`.
    pub line_items: Option<Vec<LineItem>>,
}

#[derive(ToSchema)]
pub struct CheckoutSessionList {
    pub object: String,
    pub data: Vec<CheckoutSession>,
    pub paging: Paging,
}

#[derive(ToSchema)]
pub struct WebhookEndpoint {
    /// `enabled`, `failing`, `disabled`
    pub status: String,
    pub failing_since: Option<i64>,
    pub disabled_at: Option<i64>,
    pub disabled_reason: Option<String>,
    pub last_success_at: Option<i64>,
    pub last_failure_at: Option<i64>,
}

#[derive(ToSchema)]
pub struct Product {
    pub id: String,
    pub object: String,
    /// `api_gateway`
    #[schema(rename = "type")]
    pub product_type: String,
    pub name: String,
    pub main_currency: String,
    pub payment_methods: Vec<String>,
    pub webhook_url: Option<String>,
    pub webhook_secret_set: bool,
    pub webhook_endpoint: Option<WebhookEndpoint>,
    /// Only in the create response, when Lipa made the secret up.
    pub webhook_secret: Option<String>,
    pub embed_origins: Vec<String>,
    pub active: bool,
    pub created: i64,
    pub updated: i64,
}

#[derive(ToSchema)]
pub struct ProductList {
    pub object: String,
    pub data: Vec<Product>,
}

#[derive(ToSchema)]
pub struct RefundAmount {
    /// Minor units.
    pub value: i64,
    pub currency: String,
}

/// Payonify's `Refund`.
#[derive(ToSchema)]
pub struct Refund {
    pub id: String,
    pub object: String,
    pub amount: RefundAmount,
    pub created: i64,
    pub charge: String,
    pub payment: String,
    pub checkout_session: String,
    pub reason: Option<String>,
    /// `pending`, `processing`, `succeeded`, `failed`, `cancelled`
    pub status: String,
    pub metadata: BTreeMap<String, String>,
    pub failure_code: Option<String>,
    pub failure_reason: Option<String>,
    /// `{card: {brand, last4}}` or `{mobile_money: {provider}}`
    pub refund_details: Option<Value>,
    pub livemode: bool,
}

#[derive(ToSchema)]
pub struct RefundList {
    pub object: String,
    pub data: Vec<Refund>,
    pub paging: Paging,
}

#[derive(ToSchema)]
pub struct Chargeback {
    pub id: String,
    pub object: String,
    pub amount: i64,
    pub currency: String,
    pub reason: String,
    pub payment: String,
    pub checkout_session: String,
    pub created: i64,
}

#[derive(ToSchema)]
pub struct Delivery {
    /// `pending`, `delivered`, `failed`, `no_endpoint`
    pub status: String,
    pub endpoint_url: Option<String>,
    pub attempts: i64,
    pub next_attempt_at: Option<i64>,
    pub delivered_at: Option<i64>,
}

/// An event, as sent (the same bytes every attempt), with its delivery.
#[derive(ToSchema)]
pub struct Event {
    /// Also the `webhook-id` header of every attempt.
    pub id: String,
    pub object: String,
    /// `payment.succeeded`, `payment.failed`, `payment.refunded`,
    /// `payment.chargeback`, `checkout.session.completed`, `checkout.session.expired`
    #[schema(rename = "type")]
    pub event_type: String,
    pub created: i64,
    pub livemode: bool,
    /// The payment or the checkout session.
    pub data: Value,
    pub delivery: Delivery,
}

#[derive(ToSchema)]
pub struct EventList {
    pub object: String,
    pub data: Vec<Event>,
    pub paging: Paging,
}

#[derive(ToSchema)]
pub struct WebhookAttempt {
    pub id: String,
    pub object: String,
    pub event: String,
    pub attempt_number: i64,
    /// `schedule` or `redeliver`
    pub trigger: String,
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

#[derive(ToSchema)]
pub struct WebhookAttemptList {
    pub object: String,
    pub data: Vec<WebhookAttempt>,
}

#[derive(ToSchema)]
pub struct Redelivery {
    pub event: Event,
    pub attempt: WebhookAttempt,
}

// Zenofy.

#[derive(ToSchema)]
pub struct ZenofyCheckout {
    pub checkout_id: String,
    pub checkout_url: String,
    /// ISO 8601 UTC: `2026-05-20T14:30:00.0000000Z`
    pub expires_at: String,
}

#[derive(ToSchema)]
pub struct ZenofyError {
    /// Always `false`.
    pub success: bool,
    pub message: String,
}

#[derive(ToSchema)]
pub struct ZenofyOrderStatus {
    pub success: bool,
    #[schema(rename = "orderId")]
    pub order_id: String,
    /// `pending`, `failed`, `paid`, `partially_refunded`, `refunded`, `expired`, `cancelled`
    pub status: String,
    pub payment_status: String,
    pub amount: i64,
    pub amount_refunded: i64,
    pub currency: String,
    pub reference: Option<String>,
    #[schema(rename = "productId")]
    pub product_id: Option<String>,
    pub checkout_url: String,
    pub paid_at: Option<String>,
    pub expires_at: String,
}

// Orqex.

#[derive(ToSchema)]
pub struct OrqexAmount {
    /// Minor units of the currency's real exponent (XOF has none).
    pub value: i64,
    pub formatted: String,
    pub short: String,
    pub currency: String,
}

#[derive(ToSchema)]
pub struct OrqexCustomer {
    pub id: String,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub email: Option<String>,
    pub avatar_url: Option<String>,
}

#[derive(ToSchema)]
pub struct OrqexCheckout {
    pub id: String,
    pub token: String,
    pub url: String,
    pub restriction: Value,
    pub customization: Value,
    pub expires_at: String,
    pub created_at: String,
}

#[derive(ToSchema)]
pub struct OrqexPayment {
    pub id: String,
    pub amount: OrqexAmount,
    pub customer: OrqexCustomer,
    pub description: Option<String>,
    pub return_url: Option<String>,
    pub webhook_url: Option<String>,
    pub statement_descriptor: Option<String>,
    pub receipt_email: Option<String>,
    pub metadata: BTreeMap<String, String>,
    pub active_attempt: Option<Value>,
    /// `pending`, `processing`, `failed`, `succeeded`, `expired`
    pub status: String,
    pub completed_at: Option<String>,
    pub expires_at: String,
    pub created_at: String,
}

#[derive(ToSchema)]
pub struct OrqexData {
    pub checkout: OrqexCheckout,
    pub payment: OrqexPayment,
}

#[derive(ToSchema)]
pub struct OrqexResponse {
    pub message: String,
    pub data: OrqexData,
}

#[derive(ToSchema)]
pub struct OrqexError {
    pub message: String,
    pub error: ErrorBody,
}

// Waftpay.

/// Waftpay's envelope, for answers and errors.
#[derive(ToSchema)]
pub struct WaftpayEnvelope {
    /// The HTTP status as a string: `"200"`, `"400"`...
    pub code: String,
    /// `SUCCESS` or `FAILED`
    pub status: String,
    pub description: String,
    /// `{checkout_url, expires_at}`, `{access_token, token_type, expires_in,
    /// expires_at}`, the status of a request, or on failure `{error_code, field}`.
    pub data: Value,
}
