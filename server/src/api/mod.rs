//! The merchant API (`/v1`): JSON in and out, `{"error": {...}}` on failure,
//! `Authorization: Bearer` or `Api-Key` authentication, `Idempotency-Key` on
//! every POST.

mod auth;
pub mod compat;
mod error;
pub mod events;
mod idempotency;
pub mod openapi;
pub mod products;
pub mod refunds;
pub mod schema;
pub mod sessions;

pub use auth::Caller;
pub use error::ApiError;

use crate::AppState;
use axum::Router;
use axum::routing::{get, post};
use serde::de::DeserializeOwned;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/checkout/sessions",
            post(sessions::create).get(sessions::list),
        )
        .route("/checkout/sessions/{id}", get(sessions::retrieve))
        .route("/checkout/sessions/{id}/expire", post(sessions::expire))
        .route("/products", post(products::create).get(products::list))
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
        .route(
            "/products/{id}",
            get(products::retrieve).post(products::update),
        )
        .fallback(|| async { ApiError::not_found("no such endpoint") })
        .method_not_allowed_fallback(|| async {
            ApiError::new(
                axum::http::StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "this endpoint does not take that method",
            )
        })
}

/// Parses a JSON body, naming the offending parameter on failure
/// (`line_items[0].quantity`, or the unknown field itself).
pub fn parse_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    let body: &[u8] = if body.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        body
    };
    let de = &mut serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let message = inner.to_string();
        // The path of an unknown field ends with the field itself.
        if let Some(field) = message
            .strip_prefix("unknown field `")
            .and_then(|rest| rest.split('`').next())
        {
            return ApiError::bad_request(
                "parameter_unknown",
                Some(path),
                format!("unknown parameter `{field}`"),
            );
        }
        // The same field twice (or under its other name, `language` for
        // `locale`): name it, like any other invalid parameter.
        if let Some(field) = message
            .strip_prefix("duplicate field `")
            .and_then(|rest| rest.split('`').next())
        {
            let param = match path.as_str() {
                "." => field.to_owned(),
                parent => format!("{parent}.{field}"),
            };
            return ApiError::bad_request(
                "parameter_invalid",
                Some(param),
                format!("`{field}` is given more than once"),
            );
        }
        if inner.is_syntax() || inner.is_eof() {
            return ApiError::bad_request(
                "invalid_json",
                None,
                format!("the body is not valid JSON: {message}"),
            );
        }
        let param = (path != ".").then_some(path);
        ApiError::bad_request("parameter_invalid", param, message)
    })
}

/// The raw body of a POST, kept as bytes for the idempotency fingerprint.
/// A body over the limit is a JSON `413`, like every other API error.
pub struct RawBody(pub axum::body::Bytes);

impl<S: Send + Sync> axum::extract::FromRequest<S> for RawBody {
    type Rejection = ApiError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<RawBody, ApiError> {
        axum::body::Bytes::from_request(req, state)
            .await
            .map(RawBody)
            .map_err(|e| {
                ApiError::new(
                    axum::http::StatusCode::PAYLOAD_TOO_LARGE,
                    "request_too_large",
                    format!("the request body could not be read: {e}"),
                )
            })
    }
}

/// Query parameters as a struct, with the same errors as JSON bodies.
pub(crate) fn parse_query<T: serde::de::DeserializeOwned>(
    query: Option<&str>,
) -> Result<T, ApiError> {
    let pairs: std::collections::BTreeMap<String, String> =
        url::form_urlencoded::parse(query.unwrap_or("").as_bytes())
            .into_owned()
            .collect();
    let value = serde_json::to_value(pairs).expect("strings serialise");
    parse_json(&serde_json::to_vec(&value).expect("values serialise"))
}

pub(crate) fn count(name: &str, v: Option<&str>) -> Result<Option<i64>, ApiError> {
    v.map(|s| {
        s.parse::<i64>()
            .ok()
            .filter(|n| (1..=100).contains(n))
            .ok_or_else(|| {
                ApiError::bad_request(
                    "parameter_invalid",
                    Some(name.into()),
                    format!("`{name}` must be an integer from 1 to 100"),
                )
            })
    })
    .transpose()
}

/// The `paging` object of lists (newest first; "next" pages are older).
pub(crate) fn paging(
    limit: i64,
    has_next: bool,
    has_previous: bool,
    start: Option<&String>,
    end: Option<&String>,
) -> serde_json::Value {
    serde_json::json!({
        "limit": limit,
        "has_next_page": has_next,
        "has_previous_page": has_previous,
        "start_cursor": start,
        "end_cursor": end,
    })
}

/// Unix seconds from stored milliseconds.
pub fn secs(ms: i64) -> i64 {
    ms.div_euclid(1000)
}
