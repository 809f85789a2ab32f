//! The merchant API (`/v1`): JSON in and out, `{"error": {...}}` on failure,
//! `Authorization: Bearer` or `Api-Key` authentication, `Idempotency-Key` on
//! every POST. Handlers only translate between HTTP and the use cases;
//! [`compat`] holds the drop-in doors of other gateways.

mod auth;
pub mod balance;
pub mod charges;
pub mod compat;
pub mod connector_accounts;
mod error;
pub mod events;
pub mod extract;
mod idempotency;
pub mod openapi;
mod paging;
pub mod payment_links;
pub mod payouts;
pub mod products;
pub mod refunds;
pub mod sessions;

pub use auth::{Caller, Merchant, admit, authenticate};
pub use error::{ApiError, Text};
pub use idempotency::Reply;

use crate::AppState;
use axum::Router;
use axum::http::StatusCode;
use axum::routing::{get, post};

/// Every API route: `/v1` (native, and Orqex's checkouts), the other
/// compatible doors, and the API's own documents.
pub fn router() -> Router<AppState> {
    use compat::{waftpay, zenofy};
    Router::new()
        .nest("/v1", v1())
        .route("/openapi.json", get(openapi::json))
        .route("/docs", get(openapi::page))
        .route("/checkout/order-api-gateway", post(zenofy::create_order))
        .route("/checkout/order-status", get(zenofy::order_status_call))
        .route("/checkout-backend-api/v1/auth/token", post(waftpay::token))
        .route("/checkout-backend-api/v1/request", post(waftpay::request))
        .route(
            "/checkout-backend-api/v1/request/{reference}",
            get(waftpay::status),
        )
}

fn v1() -> Router<AppState> {
    Router::new()
        .route(
            "/checkout/sessions",
            post(sessions::create).get(sessions::list),
        )
        .route("/checkout/sessions/{id}", get(sessions::retrieve))
        .route("/checkout/sessions/{id}/expire", post(sessions::expire))
        .route("/products", post(products::create).get(products::list))
        .route(
            "/payment_links",
            post(payment_links::create).get(payment_links::list),
        )
        .route(
            "/payment_links/{id}",
            post(payment_links::update).get(payment_links::retrieve),
        )
        .route(
            "/connector_accounts",
            post(connector_accounts::create).get(connector_accounts::list),
        )
        .route(
            "/connector_accounts/{id}",
            get(connector_accounts::retrieve).post(connector_accounts::update),
        )
        .route(
            "/connector_accounts/{id}/disable",
            post(connector_accounts::disable),
        )
        .route(
            "/products/{id}",
            get(products::retrieve).post(products::update),
        )
        .route("/balance", get(balance::retrieve))
        .route("/balance_transactions", get(balance::list))
        .route(
            "/balance_transactions/{id}",
            get(balance::retrieve_transaction),
        )
        .route("/charges", post(charges::create).get(charges::list))
        .route("/charges/{id}", get(charges::retrieve))
        .route("/charges/{id}/confirm", post(charges::confirm))
        .route("/charges/{id}/cancel", post(charges::cancel))
        .route("/payouts", post(payouts::create).get(payouts::list))
        .route("/payouts/validate", post(payouts::validate))
        .route("/payouts/{id}", get(payouts::retrieve))
        .route("/refunds", post(refunds::create).get(refunds::list))
        .route("/refunds/{id}", get(refunds::retrieve))
        .route(
            "/test_helpers/checkout/sessions/{id}/chargeback",
            post(refunds::simulate_chargeback),
        )
        .route("/payment/checkouts", post(compat::orqex::create))
        .route("/payment/checkouts/{id}", get(compat::orqex::retrieve))
        .route("/events", get(events::list))
        .route("/events/{id}", get(events::retrieve))
        .route("/events/{id}/attempts", get(events::attempts))
        .route("/events/{id}/redeliver", post(events::redeliver))
        .fallback(|| async {
            ApiError::new(
                StatusCode::NOT_FOUND,
                "resource_missing",
                "no such endpoint",
            )
        })
        .method_not_allowed_fallback(|| async {
            ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "this endpoint does not take that method",
            )
        })
}

/// An error in the shape of the API a path belongs to, for answers made
/// before any handler runs (a body too large, a panic, a rate limit). Pages
/// and server functions get the native shape.
pub fn shaped(path: &str, e: ApiError) -> axum::response::Response {
    use axum::response::IntoResponse;
    use compat::{orqex::OrqexError, waftpay::WaftpayError, zenofy::ZenofyError};
    if path.starts_with("/checkout-backend-api/") {
        WaftpayError::from(e).into_response()
    } else if path.starts_with("/checkout/") {
        ZenofyError::from(e).into_response()
    } else if path.starts_with("/v1/payment/checkouts") {
        OrqexError::from(e).into_response()
    } else {
        e.into_response()
    }
}

/// `limit`, `first` or `last`: an integer from 1 to 100.
pub(crate) fn count(name: &str, v: Option<&str>) -> Result<Option<i64>, ApiError> {
    v.map(|s| {
        s.parse::<i64>()
            .ok()
            .filter(|n| (1..=100).contains(n))
            .ok_or_else(|| {
                ApiError::bad_request(
                    "parameter_invalid",
                    app::domain::Field::Named(name.to_owned()),
                    "must be an integer from 1 to 100",
                )
            })
    })
    .transpose()
}

/// A body that must be empty (or `{}`).
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoParams {}
