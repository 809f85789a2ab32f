//! Provider callbacks: `/hooks/{connector}/{attempt}/{tag}`. Providers sign
//! nothing (Daraja's STK callback, MTN's request-to-pay callback), so a
//! callback is only a hint: its path must carry the tag only Lipa can make
//! for that attempt, its reference must match the attempt's, and then Lipa
//! asks the provider's query API, which alone decides. A forged, replayed
//! or duplicate callback changes nothing. Stripe signs its events:
//! `/hooks/stripe/{account}` checks the signature first.

use crate::AppState;
use crate::connector::{Credentials, stripe};
use crate::store::{attempts, connector_accounts};
use app::domain::provider::Provider;
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

/// `POST /hooks/stripe/{account}`: the endpoint a merchant adds in Stripe's
/// dashboard. Only an event signed with that account's endpoint secret
/// within Stripe's five-minute tolerance is read, and even then it only
/// makes Lipa retrieve the Checkout Session from Stripe's API, which alone
/// decides. Anything else answers 400 (Stripe shows it to the merchant).
pub async fn receive_stripe(
    State(state): State<AppState>,
    Path(account_id): Path<String>,
    headers: axum::http::HeaderMap,
    body: Bytes,
) -> Response {
    let connectors = &state.checkouts.connectors;
    let account = match connector_accounts::TABLE
        .find(&state.db.pool, &account_id)
        .await
    {
        Ok(Some(a)) if a.provider == Provider::Stripe => a,
        Ok(_) => return StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "stripe event: database");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let Ok(Credentials::Stripe(creds)) = connectors.credentials(&account).await else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    let signature = headers
        .get("stripe-signature")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let now = crate::db::now_ms() / 1000;
    if !stripe::signature_valid(signature, &body, &creds.webhook_secret, now) {
        tracing::warn!(account = %account.id, "stripe event with a bad or stale signature; ignored");
        return (StatusCode::BAD_REQUEST, "signature invalid").into_response();
    }
    let event: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let kind = event["type"].as_str().unwrap_or_default();
    if kind.starts_with("checkout.session.") {
        settle_from_stripe(&state, &account.id, &event["data"]["object"]).await;
    } else {
        tracing::info!(account = %account.id, kind, "stripe event not acted on");
    }
    Json(json!({"received": true})).into_response()
}

/// Asks Stripe about the attempt a Checkout Session event names, if the
/// attempt went through this account with this session.
async fn settle_from_stripe(state: &AppState, account: &str, object: &Value) {
    let Some(attempt_id) = object["metadata"]["lipa_attempt"].as_str() else {
        return;
    };
    let attempt = match attempts::TABLE.find(&state.db.pool, attempt_id).await {
        Ok(Some(a)) => a,
        _ => return,
    };
    let ours = attempt.connector_account.as_deref() == Some(account)
        && attempt.connector_reference.as_deref() == object["id"].as_str();
    if !ours {
        tracing::warn!(account, attempt = %attempt.id, "stripe event names another session; ignored");
        return;
    }
    if let Err(e) = state.checkouts.refresh(&attempt.session_id).await {
        tracing::warn!(attempt = %attempt.id, error = %e, "stripe event: settling failed; the sweeper will retry");
    }
}
