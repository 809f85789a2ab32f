//! Zenofy's API gateway checkout (`zenofy-order-api-gateway.txt`):
//! `POST /checkout/order-api-gateway` and `GET /checkout/order-status`,
//! `Api-Key` auth, errors `{success: false, message}` (400 or 401).

use super::super::sessions::build;
use super::{iso_utc, parse_lenient};
use crate::AppState;
use crate::api::{ApiError, Caller};
use crate::store::products;
use crate::store::sessions::{Compat, Session};
use app::domain::checkout::Customer;
use app::domain::{CheckoutDraft, PaymentStatus, Status};
use axum::Json;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;

/// Zenofy's error shape. 401 stays 401; every other refusal is a 400.
pub struct ZenofyError(ApiError);

impl From<ApiError> for ZenofyError {
    fn from(e: ApiError) -> ZenofyError {
        ZenofyError(e)
    }
}

impl From<sqlx::Error> for ZenofyError {
    fn from(e: sqlx::Error) -> ZenofyError {
        ZenofyError(e.into())
    }
}

impl IntoResponse for ZenofyError {
    fn into_response(self) -> Response {
        let status = match self.0.status {
            StatusCode::UNAUTHORIZED => StatusCode::UNAUTHORIZED,
            s if s.is_server_error() => s,
            _ => StatusCode::BAD_REQUEST,
        };
        let message = match &self.0.param {
            Some(p) if !self.0.message.contains(p.as_str()) => format!("{p}: {}", self.0.message),
            _ => self.0.message.clone(),
        };
        let message = super::rename_fields(&message, ZENOFY_NAMES);
        (
            status,
            Json(json!({ "success": false, "message": message })),
        )
            .into_response()
    }
}

/// Our field names in Zenofy's words.
const ZENOFY_NAMES: &[(&str, &str)] = &[
    ("payment_method_types", "payment_methods"),
    ("client_reference_id", "reference"),
    ("locale", "language"),
    ("`product`", "`productId`"),
];

fn refuse(message: &str) -> ZenofyError {
    ZenofyError(ApiError::bad_request("parameter_invalid", None, message))
}

/// Only `Api-Key` (plain, not Bearer) is Zenofy's way.
fn api_key_only(
    headers: &HeaderMap,
    caller: Result<Caller, ApiError>,
) -> Result<Caller, ZenofyError> {
    if headers.get("api-key").is_none() {
        return Err(ZenofyError(ApiError::unauthorized(
            "api_key_missing",
            "send your checkout API key in the Api-Key header",
        )));
    }
    caller.map_err(|_| ZenofyError(ApiError::unauthorized("api_key_invalid", "invalid API key")))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub(crate) struct OrderRequest {
    #[serde(rename = "productId")]
    product_id: Option<String>,
    amount: Option<i64>,
    currency: Option<String>,
    reference: Option<String>,
    description: Option<String>,
    customer: Option<Customer>,
    payment_methods: Option<Vec<String>>,
    success_url: Option<String>,
    cancel_url: Option<String>,
    language: Option<String>,
}

/// `POST /checkout/order-api-gateway`.
#[utoipa::path(post, path = "/checkout/order-api-gateway", tag = "Zenofy compatible",
    security(("api_key" = [])), request_body = OrderRequest,
    responses((status = 200, body = super::super::schema::ZenofyCheckout), (status = 400, body = super::super::schema::ZenofyError),
        (status = 401, body = super::super::schema::ZenofyError)))]
pub async fn create_order(
    State(state): State<AppState>,
    headers: HeaderMap,
    caller: Result<Caller, ApiError>,
    body: axum::body::Bytes,
) -> Result<Json<serde_json::Value>, ZenofyError> {
    let caller = api_key_only(&headers, caller)?;
    let req: OrderRequest = parse_lenient(&body)?;
    let product_id = req
        .product_id
        .filter(|p| !p.is_empty())
        .ok_or_else(|| refuse("productId is required"))?;
    if req.amount.is_none() {
        return Err(refuse("amount is required"));
    }
    let customer = req.customer.ok_or_else(|| refuse("customer is required"))?;
    for (value, name) in [
        (&customer.name, "customer.name"),
        (&customer.email, "customer.email"),
        (&customer.phone, "customer.phone"),
    ] {
        if value.as_deref().is_none_or(|v| v.trim().is_empty()) {
            return Err(refuse(&format!("{name} is required")));
        }
    }
    let product = products::get(&state.db, &caller.merchant_id, &product_id)
        .await?
        .ok_or_else(|| refuse("Product not found"))?;
    if !product.spec.active {
        return Err(refuse("Product is not active"));
    }
    if product.spec.webhook_url.is_none() {
        return Err(refuse(
            "Product has no webhook URL; save one on the product first",
        ));
    }
    let draft = CheckoutDraft {
        currency: req.currency,
        amount: req.amount,
        description: req.description,
        customer: Some(customer),
        client_reference_id: req.reference,
        payment_method_types: req.payment_methods,
        success_url: req.success_url,
        cancel_url: req.cancel_url,
        locale: req.language,
        ..CheckoutDraft::default()
    };
    let mut session = build(&state, &caller, Some(product), draft, 5).await?;
    session.compat = Compat {
        api: "zenofy".into(),
        ..Compat::native()
    };
    super::insert(&state, &session).await?;
    Ok(Json(json!({
        "checkout_id": session.id,
        "checkout_url": state.config.checkout_url(&session.id),
        "expires_at": iso_utc(session.expires_at * 1000, 7),
    })))
}

#[derive(Deserialize)]
pub struct StatusQuery {
    #[serde(rename = "orderId")]
    order_id: Option<String>,
}

/// The order's state in Zenofy's words (the document names the call, not
/// its answer; this is our choice, written in the README).
fn order_status(s: &Session) -> &'static str {
    match (s.state.status, s.state.payment_status) {
        (Status::Complete, _) if s.amount_refunded >= s.amount_total => "refunded",
        (Status::Complete, _) if s.amount_refunded > 0 => "partially_refunded",
        (Status::Complete, _) => "paid",
        (Status::Expired, PaymentStatus::Cancelled) => "cancelled",
        (Status::Expired, _) => "expired",
        (Status::Open, PaymentStatus::Failed) => "failed",
        (Status::Open, _) => "pending",
    }
}

/// `GET /checkout/order-status?orderId=`.
#[utoipa::path(get, path = "/checkout/order-status", tag = "Zenofy compatible",
    security(("api_key" = [])), params(("orderId" = String, Query)),
    responses((status = 200, body = super::super::schema::ZenofyOrderStatus), (status = 400, body = super::super::schema::ZenofyError),
        (status = 401, body = super::super::schema::ZenofyError)))]
pub async fn order_status_call(
    State(state): State<AppState>,
    headers: HeaderMap,
    caller: Result<Caller, ApiError>,
    Query(q): Query<StatusQuery>,
) -> Result<Json<serde_json::Value>, ZenofyError> {
    let caller = api_key_only(&headers, caller)?;
    let id = q
        .order_id
        .filter(|i| !i.is_empty())
        .ok_or_else(|| refuse("orderId is required"))?;
    // Settled first: the answer is the truth as of now.
    let s = state
        .checkouts
        .refresh(&id)
        .await?
        .map(|l| l.session)
        .filter(|s| s.merchant_id == caller.merchant_id && s.livemode == caller.livemode)
        .ok_or_else(|| refuse("Order not found"))?;
    let paid_at = s.completed_at.map(|ms| iso_utc(ms, 7));
    Ok(Json(json!({
        "success": true,
        "orderId": s.id,
        "status": order_status(&s),
        "payment_status": s.state.payment_status.as_str(),
        "amount": s.amount_total,
        "amount_refunded": s.amount_refunded,
        "currency": s.currency.code(),
        "reference": s.client_reference_id,
        "productId": s.product_id,
        "checkout_url": state.config.checkout_url(&s.id),
        "paid_at": paid_at,
        "expires_at": iso_utc(s.expires_at * 1000, 7),
    })))
}

/// Zenofy sends three webhook types; a Zenofy session sends only those.
pub fn sends(kind: crate::webhooks::EventType) -> bool {
    use crate::webhooks::EventType::*;
    matches!(kind, PaymentSucceeded | PaymentRefunded | PaymentChargeback)
}
