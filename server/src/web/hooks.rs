//! Provider callbacks: `/hooks/{connector}/{attempt}/{tag}`. Providers sign
//! nothing (Daraja's STK callback, MTN's request-to-pay callback), so a
//! callback is only a hint: its path must carry the tag only Lipa can make
//! for that attempt, its reference must match the attempt's, and then Lipa
//! asks the provider's query API, which alone decides. A forged, replayed
//! or duplicate callback changes nothing.

use crate::AppState;
use crate::store::attempts;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

/// The reference a provider's callback names, by connector.
fn named_reference(connector: &str, body: &Value) -> Option<String> {
    let text = |v: &Value| v.as_str().map(str::to_owned);
    match connector {
        crate::connector::daraja::NAME => text(&body["Body"]["stkCallback"]["CheckoutRequestID"]),
        // MTN's callback repeats the status object; our reference is in
        // the path, `externalId` is the attempt.
        crate::connector::momo::NAME => text(&body["externalId"]),
        _ => None,
    }
}

pub async fn receive(
    State(state): State<AppState>,
    Path((connector, attempt_id, tag)): Path<(String, String, String)>,
    body: Bytes,
) -> Response {
    let master = &state.config.master_key;
    if !master.check_tag("callback", &attempt_id, &tag) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let attempt = match attempts::TABLE.find(&state.db.pool, &attempt_id).await {
        Ok(Some(a)) if a.connector == connector => a,
        Ok(_) => return StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "callback: database");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let named = named_reference(&connector, &body);
    let expected = match connector.as_str() {
        crate::connector::momo::NAME => Some(attempt.id.as_str()),
        _ => attempt.connector_reference.as_deref(),
    };
    if named.is_none() || named.as_deref() != expected {
        tracing::warn!(connector = %connector, attempt = %attempt.id,
            "callback names another request; ignored");
        return accepted();
    }
    tracing::info!(connector = %connector, attempt = %attempt.id,
        "provider callback; asking the provider's query API");
    if let Err(e) = state.checkouts.refresh(&attempt.session_id).await {
        tracing::warn!(attempt = %attempt.id, error = %e, "callback: settling failed; the sweeper will retry");
    }
    accepted()
}

/// What Daraja expects back; MTN only looks at the status.
fn accepted() -> Response {
    Json(json!({"ResultCode": 0, "ResultDesc": "Accepted"})).into_response()
}
