//! Provider callbacks: `/hooks/{connector}/{attempt}/{tag}`. Providers sign
//! nothing (Daraja's STK callback, MTN's request-to-pay callback), so a
//! callback is only a hint: its path must carry the tag only Lipa can make
//! for that attempt, its reference must match the attempt's, and then Lipa
//! asks the provider's query API, which alone decides. A forged, replayed
//! or duplicate callback changes nothing. Stripe signs its events:
//! `/hooks/stripe/{account}` checks the signature first.

use crate::AppState;
use crate::connector::{Credentials, flutterwave, payfast, stripe};
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

/// A provider's result for a payout: `/hooks/payouts/{payout}/{tag}`. The
/// tag only Lipa can make for that payout must be in the path; then the
/// provider's query API decides (MTN), or, where the provider has none
/// (Daraja B2C), its result must name the conversation Lipa started.
pub async fn receive_payout(
    State(state): State<AppState>,
    Path((payout_id, tag)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    if !state
        .config
        .master_key
        .check_tag("payout", &payout_id, &tag)
    {
        return StatusCode::NOT_FOUND.into_response();
    }
    let payout = match crate::store::payouts::TABLE
        .find(&state.db.pool, &payout_id)
        .await
    {
        Ok(Some(p)) => p,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "payout callback: database");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let connector = match state.checkouts.connectors.for_payout(&payout).await {
        Ok(c) => c,
        Err(e) => {
            tracing::error!(payout = %payout.id, error = %e, "payout callback: no connector");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let owner = crate::store::Owner::new(&payout.merchant_id, payout.livemode);
    let result = match connector.payout_callback(&payout, &body) {
        Some(answer) => crate::payouts::provider_answered(&state.core, payout, answer).await,
        None => crate::payouts::find(&state.core, &owner, &payout_id)
            .await
            .map(|_| ()),
    };
    if let Err(e) = result {
        tracing::warn!(payout = %payout_id, error = %e, "payout callback: settling failed; the sweeper will retry");
    }
    accepted()
}

/// What Daraja expects back; MTN only looks at the status.
fn accepted() -> Response {
    Json(json!({"ResultCode": 0, "ResultDesc": "Accepted"})).into_response()
}

/// A webhook's connector account of `provider` and its opened
/// credentials; 404 for no such account, 503 when the store fails.
async fn provider_account(
    state: &AppState,
    id: &str,
    provider: Provider,
) -> Result<(connector_accounts::Account, Credentials), Response> {
    let account = match connector_accounts::TABLE.find(&state.db.pool, id).await {
        Ok(Some(a)) if a.provider == provider => a,
        Ok(_) => return Err(StatusCode::NOT_FOUND.into_response()),
        Err(e) => {
            tracing::error!(error = %e, %provider, "provider event: database");
            return Err(StatusCode::SERVICE_UNAVAILABLE.into_response());
        }
    };
    match state.checkouts.connectors.credentials(&account).await {
        Ok(creds) => Ok((account, creds)),
        Err(_) => Err(StatusCode::SERVICE_UNAVAILABLE.into_response()),
    }
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
    let (account, creds) = match provider_account(&state, &account_id, Provider::Stripe).await {
        Ok((a, Credentials::Stripe(c))) => (a, c),
        Ok(_) => return StatusCode::SERVICE_UNAVAILABLE.into_response(),
        Err(r) => return r,
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
    } else if matches!(kind, "charge.refunded" | "refund.updated" | "refund.failed") {
        // A refund moved at Stripe: Lipa's pending ones are asked again
        // (by the Refunds API, which alone decides).
        if let Err(e) = crate::refunds::settle_now(&state.core).await {
            tracing::warn!(error = %e, "stripe refund event: the sweeper will retry");
        }
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

/// `POST /hooks/flutterwave/{account}`: the webhook URL a merchant sets in
/// Flutterwave's dashboard. Flutterwave signs nothing: its `verif-hash`
/// header must equal the account's secret hash (compared in constant
/// time), and even then the event only names a transaction, which Lipa
/// verifies with Flutterwave's API for this attempt's `tx_ref` before the
/// engine reads its status the same way.
pub async fn receive_flutterwave(
    State(state): State<AppState>,
    Path(account_id): Path<String>,
    headers: axum::http::HeaderMap,
    body: Bytes,
) -> Response {
    let connectors = &state.checkouts.connectors;
    let (account, creds) = match provider_account(&state, &account_id, Provider::Flutterwave).await
    {
        Ok((a, Credentials::Flutterwave(c))) => (a, c),
        Ok(_) => return StatusCode::SERVICE_UNAVAILABLE.into_response(),
        Err(r) => return r,
    };
    let hash = headers
        .get("verif-hash")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !flutterwave::hash_valid(hash, &creds.secret_hash) {
        tracing::warn!(account = %account.id, "flutterwave event without the secret hash; ignored");
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let event: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let data = &event["data"];
    let (Some(tx_ref), Some(id)) = (data["tx_ref"].as_str(), data["id"].as_i64()) else {
        return StatusCode::OK.into_response();
    };
    let attempt = match attempts::TABLE.find(&state.db.pool, tx_ref).await {
        Ok(Some(a)) if a.connector_account.as_deref() == Some(account.id.as_str()) => a,
        _ => {
            tracing::warn!(account = %account.id, "flutterwave event names no attempt of this account");
            return StatusCode::OK.into_response();
        }
    };
    let fw = flutterwave::Flutterwave {
        creds,
        base: connectors.base(Provider::Flutterwave, account.environment),
        shared: connectors.shared(),
    };
    match fw.confirm_id(&attempt, id).await {
        Ok(true) => {
            connectors
                .shared()
                .remember_reference(&attempt.id, &id.to_string())
                .await;
            if let Err(e) = state.checkouts.refresh(&attempt.session_id).await {
                tracing::warn!(attempt = %attempt.id, error = %e, "flutterwave event: settling failed; the sweeper will retry");
            }
        }
        Ok(false) => {
            tracing::warn!(attempt = %attempt.id, "flutterwave event names another transaction; ignored")
        }
        Err(e) => tracing::warn!(attempt = %attempt.id, error = %e, "flutterwave verify failed"),
    }
    StatusCode::OK.into_response()
}

/// The PayFast attempt a tagged URL names, with its connector.
async fn payfast_attempt(
    state: &AppState,
    attempt_id: &str,
    tag: &str,
) -> Result<(crate::store::attempts::Attempt, payfast::Payfast), Response> {
    if !state
        .config
        .master_key
        .check_tag("callback", attempt_id, tag)
    {
        return Err(StatusCode::NOT_FOUND.into_response());
    }
    let connectors = &state.checkouts.connectors;
    let attempt = match attempts::TABLE.find(&state.db.pool, attempt_id).await {
        Ok(Some(a)) if a.connector == payfast::NAME => a,
        Ok(_) => return Err(StatusCode::NOT_FOUND.into_response()),
        Err(_) => return Err(StatusCode::SERVICE_UNAVAILABLE.into_response()),
    };
    let account_id = attempt.connector_account.clone().unwrap_or_default();
    let account = match connector_accounts::TABLE
        .find(&state.db.pool, &account_id)
        .await
    {
        Ok(Some(a)) => a,
        _ => return Err(StatusCode::NOT_FOUND.into_response()),
    };
    match connectors.credentials(&account).await {
        Ok(Credentials::Payfast(creds)) => {
            Ok((attempt, connectors.payfast(account.environment, creds)))
        }
        _ => Err(StatusCode::SERVICE_UNAVAILABLE.into_response()),
    }
}

/// `GET /hooks/payfast/{attempt}/{tag}`: the signed checkout form PayFast
/// documents, posted by the buyer's browser to PayFast (at once with
/// JavaScript, with the button without).
pub async fn payfast_form(
    State(state): State<AppState>,
    Path((attempt_id, tag)): Path<(String, String)>,
) -> Response {
    let (attempt, pf) = match payfast_attempt(&state, &attempt_id, &tag).await {
        Ok(found) => found,
        Err(r) => return r,
    };
    if attempt.status != app::domain::attempt::AttemptStatus::RequiresAction {
        let back = format!("/c/{}", attempt.session_id);
        return axum::response::Redirect::to(&back).into_response();
    }
    let locale = match crate::store::sessions::TABLE
        .find(&state.db.pool, &attempt.session_id)
        .await
    {
        Ok(Some(s)) => match s.locale {
            app::domain::locale::LocalePref::Fixed(l) => l,
            _ => app::domain::Locale::En,
        },
        _ => app::domain::Locale::En,
    };
    let return_url = format!(
        "{}/c/{}/return",
        state.config.public_url, attempt.session_id
    );
    let notify_url = state.checkouts.callback_url(&attempt);
    let fields = pf.form(&attempt, &return_url, &notify_url);
    super::payfast_page::render(&pf.process_url(), &fields, locale)
}

/// `POST /hooks/payfast/{attempt}/{tag}`: PayFast's ITN. Believed only
/// when the signature, merchant, payment id and amount hold and PayFast's
/// `/eng/query/validate` answers `VALID`; then PayFast's payment id is
/// kept (for its query and refund APIs) and the engine settles.
pub async fn receive_payfast(
    State(state): State<AppState>,
    Path((attempt_id, tag)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let (attempt, pf) = match payfast_attempt(&state, &attempt_id, &tag).await {
        Ok(found) => found,
        Err(r) => return r,
    };
    let fields: Vec<(String, String)> = url::form_urlencoded::parse(&body).into_owned().collect();
    let notice = match payfast::check_itn(&fields, &pf.creds, &attempt) {
        Ok(n) => n,
        Err(why) => {
            tracing::warn!(attempt = %attempt.id, ?why, "payfast ITN refused");
            return StatusCode::BAD_REQUEST.into_response();
        }
    };
    match pf.confirmed(&fields).await {
        Ok(true) => {}
        Ok(false) => {
            tracing::warn!(attempt = %attempt.id, "payfast did not confirm the ITN; ignored");
            return StatusCode::BAD_REQUEST.into_response();
        }
        Err(e) => {
            tracing::warn!(attempt = %attempt.id, error = %e, "payfast validate failed; PayFast will resend");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    }
    let shared = state.checkouts.connectors.shared();
    match notice {
        payfast::Notice::Paid { pf_payment_id } => {
            shared.remember_reference(&attempt.id, &pf_payment_id).await;
            shared.answered(&attempt.id, crate::connector::Outcome::Succeeded);
        }
        payfast::Notice::Cancelled => shared.answered(
            &attempt.id,
            crate::connector::failed(
                app::domain::attempt::failure::CANCELLED,
                "Cancelled on PayFast's page",
            ),
        ),
        payfast::Notice::Other => {}
    }
    if let Err(e) = state.checkouts.refresh(&attempt.session_id).await {
        tracing::warn!(attempt = %attempt.id, error = %e, "payfast ITN: settling failed; the sweeper will retry");
    }
    StatusCode::OK.into_response()
}
