//! Zenofy's API gateway checkout (`zenofy-order-api-gateway.txt`):
//! `POST /checkout/order-api-gateway` and `GET /checkout/order-status`,
//! `Api-Key` auth, errors `{success: false, message}` (400 or 401).

use super::iso_utc;
use crate::AppState;
use crate::api::extract::{ApiQuery, JsonBody};
use crate::api::openapi::{Description, EmailAddress, HttpsUrl, Reference};
use crate::api::{ApiError, Caller};
use crate::config::Config;
use crate::sessions::{self, ProductChoice, SessionRequest};
use crate::store::sessions::Session;
use app::domain::checkout::Customer;
use app::domain::{Api, CheckoutDraft, Field, FieldError, MethodId, PaymentStatus, Status};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};

/// Our fields in Zenofy's words.
fn name(f: &Field) -> String {
    match f {
        Field::PaymentMethodTypes => "payment_methods".into(),
        Field::PaymentMethodType(i) => format!("payment_methods[{i}]"),
        Field::ClientReferenceId => "reference".into(),
        Field::Locale => "language".into(),
        Field::Product => "productId".into(),
        other => other.native_name(),
    }
}

/// Zenofy's error shape: the one place our errors become its. 401 stays
/// 401; every other refusal is a 400.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ZenofyError {
    /// Always `false`.
    success: bool,
    message: String,
    #[serde(skip)]
    status: StatusCode,
}

impl From<ApiError> for ZenofyError {
    fn from(e: ApiError) -> ZenofyError {
        let status = match e.status {
            s @ (StatusCode::UNAUTHORIZED
            | StatusCode::PAYLOAD_TOO_LARGE
            | StatusCode::TOO_MANY_REQUESTS) => s,
            s if s.is_server_error() => s,
            _ => StatusCode::BAD_REQUEST,
        };
        // Zenofy's own words for its product rules.
        let message = match (e.code.as_str(), &e.field) {
            ("resource_missing", Some(Field::Product)) => "Product not found".into(),
            ("product_inactive", _) => "Product is not active".into(),
            ("product_webhook_missing", _) => {
                "Product has no webhook URL; save one on the product first".into()
            }
            ("resource_missing", Some(Field::Id)) => "Order not found".into(),
            _ => e.message_with(name),
        };
        ZenofyError {
            success: false,
            message,
            status,
        }
    }
}

super::error_shape!(ZenofyError);

/// Only `Api-Key` (plain, not Bearer) is Zenofy's way.
fn api_key_only(
    headers: &HeaderMap,
    caller: Result<Caller, ApiError>,
) -> Result<Caller, ZenofyError> {
    if headers.get("api-key").is_none() {
        return Err(ApiError::unauthorized(
            "api_key_missing",
            "send your checkout API key in the Api-Key header",
        )
        .into());
    }
    caller.map_err(|_| ApiError::unauthorized("api_key_invalid", "invalid API key").into())
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct OrderRequest {
    /// Required: an active product of yours with a webhook URL.
    #[serde(rename = "productId")]
    #[schema(value_type = String, min_length = 1)]
    product_id: Option<String>,
    /// Required. Minor units (2500 = 25.00).
    #[schema(value_type = i64, required = true, minimum = 1, maximum = 1_000_000_000_000_i64)]
    #[serde(default, deserialize_with = "app::domain::field::whole")]
    amount: Option<i64>,
    /// Defaults to the product's main currency.
    #[schema(value_type = Option<crate::api::openapi::CurrencyCode>)]
    currency: Option<String>,
    #[schema(value_type = Option<Reference>)]
    reference: Option<String>,
    #[schema(value_type = Option<Description>)]
    description: Option<String>,
    /// Required: name, email and phone (E.164).
    #[schema(value_type = ZenofyCustomer)]
    customer: Option<ZenofyCustomer>,
    #[schema(value_type = Option<Vec<MethodId>>, min_items = 1)]
    payment_methods: Option<Vec<String>>,
    #[schema(value_type = Option<HttpsUrl>)]
    success_url: Option<String>,
    #[schema(value_type = Option<HttpsUrl>)]
    cancel_url: Option<String>,
    #[schema(value_type = Option<crate::api::openapi::LocaleName>)]
    language: Option<String>,
}

/// Zenofy's customer: every field is required.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct ZenofyCustomer {
    #[schema(value_type = String, min_length = 1, max_length = 200, pattern = r"\S")]
    name: Option<String>,
    #[schema(value_type = EmailAddress)]
    email: Option<String>,
    /// E.164.
    #[schema(value_type = String, pattern = r"^\+[1-9][0-9]{6,14}$")]
    phone: Option<String>,
}

impl TryFrom<OrderRequest> for SessionRequest {
    type Error = FieldError;

    fn try_from(r: OrderRequest) -> Result<SessionRequest, FieldError> {
        let product = r
            .product_id
            .filter(|p| !p.is_empty())
            .ok_or(FieldError::missing(Field::Product))?;
        let amount = r.amount.ok_or(FieldError::missing(Field::Amount))?;
        let c = r.customer.ok_or(FieldError::missing(Field::Customer))?;
        for (value, field) in [
            (&c.name, Field::CustomerName),
            (&c.email, Field::CustomerEmail),
            (&c.phone, Field::CustomerPhone),
        ] {
            if value.as_deref().is_none_or(|v| v.trim().is_empty()) {
                return Err(FieldError::missing(field));
            }
        }
        let customer = Customer {
            name: c.name,
            email: c.email,
            phone: c.phone,
        };
        Ok(SessionRequest {
            product: ProductChoice::Named(product),
            draft: CheckoutDraft {
                api: Api::Zenofy,
                currency: r.currency,
                amount: Some(amount),
                description: r.description,
                customer: Some(customer),
                client_reference_id: r.reference,
                payment_method_types: r.payment_methods,
                success_url: r.success_url,
                cancel_url: r.cancel_url,
                locale: r.language,
                ..CheckoutDraft::default()
            },
            echo: serde_json::json!({}),
        })
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ZenofyCheckout {
    checkout_id: String,
    checkout_url: String,
    /// ISO 8601 UTC: `2026-05-20T14:30:00.0000000Z`
    expires_at: String,
}

impl From<(&Session, &Config)> for ZenofyCheckout {
    fn from((s, config): (&Session, &Config)) -> ZenofyCheckout {
        ZenofyCheckout {
            checkout_id: s.id.clone(),
            checkout_url: config.checkout_url(&s.id),
            expires_at: iso_utc(s.expires_at * 1000, 7),
        }
    }
}

/// `POST /checkout/order-api-gateway`.
#[utoipa::path(post, path = "/checkout/order-api-gateway", operation_id = "zenofy_create_order", tag = "Zenofy compatible",
    security(("api_key" = [])), request_body = OrderRequest,
    responses((status = 200, body = ZenofyCheckout), (status = 400, body = ZenofyError),
        (status = 401, body = ZenofyError)))]
pub async fn create_order(
    State(state): State<AppState>,
    headers: HeaderMap,
    caller: Result<Caller, ApiError>,
    body: Result<JsonBody<OrderRequest>, ApiError>,
) -> Result<Json<ZenofyCheckout>, ZenofyError> {
    let caller = api_key_only(&headers, caller)?;
    let JsonBody(req) = body?;
    let request = SessionRequest::try_from(req).map_err(ApiError::from)?;
    let session = sessions::open(&state, &caller.owner, request)
        .await?
        .commit()
        .await
        .map_err(ApiError::from)?;
    Ok(Json(ZenofyCheckout::from((
        &session,
        state.config.as_ref(),
    ))))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatusQuery {
    #[serde(rename = "orderId")]
    #[param(rename = "orderId")]
    order_id: Option<String>,
}

/// `pending`, `failed`, `paid`, `partially_refunded`, `refunded`, `expired`,
/// `cancelled` (the document names the call, not its answer; our choice).
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    Pending,
    Failed,
    Paid,
    PartiallyRefunded,
    Refunded,
    Expired,
    Cancelled,
}

impl From<&Session> for OrderStatus {
    fn from(s: &Session) -> OrderStatus {
        match (s.state.status, s.state.payment_status) {
            (Status::Complete, _) if s.amount_refunded >= s.amount_total => OrderStatus::Refunded,
            (Status::Complete, _) if s.amount_refunded > 0 => OrderStatus::PartiallyRefunded,
            (Status::Complete, _) => OrderStatus::Paid,
            (Status::Expired, PaymentStatus::Cancelled) => OrderStatus::Cancelled,
            (Status::Expired, _) => OrderStatus::Expired,
            (Status::Open, PaymentStatus::Failed) => OrderStatus::Failed,
            (Status::Open, _) => OrderStatus::Pending,
        }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ZenofyOrderStatus {
    success: bool,
    #[serde(rename = "orderId")]
    order_id: String,
    status: OrderStatus,
    payment_status: PaymentStatus,
    amount: i64,
    amount_refunded: i64,
    currency: String,
    reference: Option<String>,
    #[serde(rename = "productId")]
    product_id: Option<String>,
    checkout_url: String,
    paid_at: Option<String>,
    expires_at: String,
}

impl From<(&Session, &Config)> for ZenofyOrderStatus {
    fn from((s, config): (&Session, &Config)) -> ZenofyOrderStatus {
        ZenofyOrderStatus {
            success: true,
            order_id: s.id.clone(),
            status: OrderStatus::from(s),
            payment_status: s.state.payment_status,
            amount: s.amount_total,
            amount_refunded: s.amount_refunded,
            currency: s.currency.code().to_owned(),
            reference: s.client_reference_id.clone(),
            product_id: s.product_id.clone(),
            checkout_url: config.checkout_url(&s.id),
            paid_at: s.completed_at.map(|ms| iso_utc(ms, 7)),
            expires_at: iso_utc(s.expires_at * 1000, 7),
        }
    }
}

/// `GET /checkout/order-status?orderId=`.
#[utoipa::path(get, path = "/checkout/order-status", operation_id = "zenofy_order_status", tag = "Zenofy compatible",
    security(("api_key" = [])), params(StatusQuery),
    responses((status = 200, body = ZenofyOrderStatus), (status = 400, body = ZenofyError),
        (status = 401, body = ZenofyError)))]
pub async fn order_status_call(
    State(state): State<AppState>,
    headers: HeaderMap,
    caller: Result<Caller, ApiError>,
    query: Result<ApiQuery<StatusQuery>, ApiError>,
) -> Result<Json<ZenofyOrderStatus>, ZenofyError> {
    let caller = api_key_only(&headers, caller)?;
    let ApiQuery(q) = query?;
    let id = q
        .order_id
        .filter(|i| !i.is_empty())
        .ok_or(ApiError::from(FieldError::missing(Field::Named(
            "orderId".into(),
        ))))?;
    let s = sessions::find(&state, &caller.owner, &id).await?;
    Ok(Json(ZenofyOrderStatus::from((&s, state.config.as_ref()))))
}
