//! `/v1/refunds` (the Payonify `Refund` object) and, in test mode,
//! `/v1/test_helpers/checkout/sessions/{id}/chargeback`.

use super::idempotency::{self, Reply};
use super::{ApiError, Caller, RawBody, parse_json, secs};
use crate::AppState;
use crate::db::{is_unique_violation, monotonic_us, new_id, now_ms};
use crate::store::attempts::{self, Attempt};
use crate::store::chargebacks::{self, Chargeback};
use crate::store::refunds::{self, Refund};
use crate::store::sessions::{self, Session};
use crate::webhooks::{self, EventType};
use app::domain::PaymentStatus;
use app::domain::refund::{RefundDraft, refund_amount};
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::BTreeMap;

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CreateRefund {
    charge: Option<String>,
    amount: Option<i64>,
    reason: Option<String>,
    #[schema(value_type = Option<BTreeMap<String, String>>)]
    metadata: Option<BTreeMap<String, Value>>,
}

/// The refund object.
pub fn refund_json(r: &Refund, attempt: Option<&Attempt>) -> Value {
    let details = attempt.map(|a| match (&a.card_brand, &a.phone) {
        (Some(brand), _) => json!({ "card": { "brand": brand.as_str(), "last4": a.card_last4 } }),
        (None, Some(_)) => json!({ "mobile_money": { "provider": a.method.as_str() } }),
        (None, None) => json!({ "redirect": { "provider": a.method.as_str() } }),
    });
    json!({
        "id": r.id,
        "object": "refund",
        "amount": { "value": r.amount, "currency": r.currency.code().to_ascii_lowercase() },
        "created": secs(r.created_at),
        "charge": r.charge,
        "payment": r.attempt_id,
        "checkout_session": r.session_id,
        "reason": r.reason,
        "status": r.status,
        "metadata": r.metadata,
        "failure_code": r.failure_code,
        "failure_reason": r.failure_reason,
        "refund_details": details,
        "livemode": r.livemode,
    })
}

/// The paid session and payment a `charge` names: the session's charge
/// reference (`ch_...`) or the payment's id (`pay_...`).
async fn paid_charge(
    state: &AppState,
    caller: &Caller,
    charge: &str,
) -> Result<(Session, Attempt), ApiError> {
    let missing = || {
        ApiError::bad_request(
            "resource_missing",
            Some("charge".into()),
            format!("no charge `{charge}`"),
        )
    };
    let session = if charge.starts_with("pay_") {
        let a = attempts::get(&state.db.pool, charge)
            .await?
            .ok_or_else(missing)?;
        sessions::get_for(
            &state.db,
            &caller.merchant_id,
            caller.livemode,
            &a.session_id,
        )
        .await?
    } else {
        sessions::by_charge(&state.db, &caller.merchant_id, caller.livemode, charge).await?
    }
    .ok_or_else(missing)?;
    let attempt = attempts::succeeded(&state.db.pool, &session.id).await?;
    match attempt {
        Some(a) if session.state.payment_status == PaymentStatus::Succeeded => Ok((session, a)),
        _ => Err(ApiError::bad_request(
            "charge_not_paid",
            Some("charge".into()),
            format!("`{charge}` has not been paid; only paid charges can be refunded"),
        )),
    }
}

/// Refund a paid charge, in full or in part.
#[utoipa::path(post, path = "/v1/refunds", tag = "Refunds", security(("bearer" = []), ("api_key" = [])), request_body = CreateRefund,
    responses((status = 200, body = super::schema::Refund), (status = 400, body = super::schema::Error), (status = 409, body = super::schema::Error)))]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    RawBody(body): RawBody,
) -> Response {
    let (state, caller, body) = (&state, &caller, &body);
    idempotency::run(state, caller, &headers, "POST /v1/refunds", body, |idem| async move {
        let req: CreateRefund = parse_json(body)?;
        let draft = RefundDraft {
            charge: req.charge,
            amount: req.amount,
            reason: req.reason,
            metadata: req.metadata,
        }
        .validate()?;
        let (session, attempt) = paid_charge(state, caller, &draft.charge).await?;
        // What was paid: the session's total received (several payments
        // when paid in parts), or this payment for sessions from before that.
        let paid = session.compat.amount_paid.max(attempt.amount);
        let amount = refund_amount(draft.amount, paid, session.amount_refunded)?;
        let now = now_ms();
        let mut refund = Refund {
            id: new_id("re", 24),
            merchant_id: caller.merchant_id.clone(),
            livemode: caller.livemode,
            session_id: session.id.clone(),
            attempt_id: attempt.id.clone(),
            charge: session.charge_reference.clone(),
            amount,
            currency: attempt.currency,
            reason: draft.reason,
            metadata: draft.metadata,
            status: "pending".into(),
            failure_code: None,
            failure_reason: None,
            connector_reference: None,
            created_at: now,
            created_seq: monotonic_us(),
        };
        // Reserve the amount first: a concurrent refund sees it taken.
        let mut tx = state.db.begin().await?;
        if !sessions::reserve_refund(&mut tx, &session.id, amount).await? {
            tx.rollback().await?;
            let fresh = sessions::get(&state.db.pool, &session.id).await?;
            let refunded = fresh.map_or(session.amount_refunded, |s| s.amount_refunded);
            refund_amount(Some(amount), paid, refunded)?;
            return Err(ApiError::conflict(
                "refund_conflict",
                "another refund changed this charge meanwhile; retry",
            ));
        }
        refunds::insert(&mut tx, &refund).await?;
        tx.commit().await?;

        let answer = state.checkouts.refund_at_provider(&attempt, amount).await;
        let mut tx = state.db.begin().await?;
        match answer {
            Ok(reference) => {
                refund.status = "succeeded".into();
                refund.connector_reference = Some(reference);
            }
            Err(e) => {
                tracing::warn!(refund = %refund.id, error = %e.message, "provider refused the refund");
                refund.status = "failed".into();
                refund.failure_code = Some("provider_error".into());
                refund.failure_reason = Some("the payment provider did not accept the refund".into());
                sessions::release_refund(&mut tx, &session.id, amount).await?;
            }
        }
        refunds::settle(&mut tx, &refund, now_ms()).await?;
        if refund.status == "succeeded" {
            let paid = sessions::get(&mut *tx, &session.id).await?.unwrap_or(session);
            let mut data = webhooks::payment_object(&paid, &attempt);
            data["refund"] = refund_json(&refund, Some(&attempt));
            webhooks::emit(&mut tx, &paid, EventType::PaymentRefunded, data).await?;
        }
        let reply = Reply::ok(&refund_json(&refund, Some(&attempt)));
        idem.record(&mut tx, reply.status, &reply.body).await?;
        tx.commit().await?;
        webhooks::wake();
        tracing::info!(refund = %refund.id, amount, status = %refund.status, "refund");
        Ok(reply)
    })
    .await
}

/// Retrieve a refund.
#[utoipa::path(get, path = "/v1/refunds/{id}", tag = "Refunds", security(("bearer" = []), ("api_key" = [])), params(("id" = String, Path)),
    responses((status = 200, body = super::schema::Refund), (status = 404, body = super::schema::Error)))]
pub async fn retrieve(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let refund = refunds::get(&state.db.pool, &id)
        .await?
        .filter(|r| r.merchant_id == caller.merchant_id && r.livemode == caller.livemode)
        .ok_or_else(|| ApiError::not_found(format!("no refund `{id}`")).with_param("id"))?;
    let attempt = attempts::get(&state.db.pool, &refund.attempt_id).await?;
    Ok(axum::Json(refund_json(&refund, attempt.as_ref())).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ListParams {
    limit: Option<String>,
    after: Option<String>,
    checkout_session: Option<String>,
}

/// List refunds, newest first.
#[utoipa::path(get, path = "/v1/refunds", tag = "Refunds", security(("bearer" = []), ("api_key" = [])),
    params(("limit" = Option<i64>, Query), ("after" = Option<String>, Query), ("checkout_session" = Option<String>, Query)),
    responses((status = 200, body = super::schema::RefundList)))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let p: ListParams = super::parse_query(query.as_deref())?;
    let limit = super::count("limit", p.limit.as_deref())?.unwrap_or(10);
    let after = match &p.after {
        Some(id) => Some(
            refunds::get(&state.db.pool, id)
                .await?
                .filter(|r| r.merchant_id == caller.merchant_id && r.livemode == caller.livemode)
                .map(|r| (r.created_seq, r.id))
                .ok_or_else(|| {
                    ApiError::bad_request(
                        "parameter_invalid",
                        Some("after".into()),
                        format!("no refund `{id}` to page from"),
                    )
                })?,
        ),
        None => None,
    };
    let (list, more) = refunds::list(
        &state.db,
        &caller.merchant_id,
        caller.livemode,
        p.checkout_session.as_deref(),
        after,
        limit,
    )
    .await?;
    let mut data = Vec::with_capacity(list.len());
    for r in &list {
        let attempt = attempts::get(&state.db.pool, &r.attempt_id).await?;
        data.push(refund_json(r, attempt.as_ref()));
    }
    Ok(axum::Json(json!({
        "object": "list",
        "data": data,
        "paging": super::paging(limit, more, p.after.is_some(), list.first().map(|r| &r.id), list.last().map(|r| &r.id)),
    }))
    .into_response())
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct SimulateChargeback {
    amount: Option<i64>,
    reason: Option<String>,
}

/// Test mode: the buyer's bank takes a payment back.
#[utoipa::path(post, path = "/v1/test_helpers/checkout/sessions/{id}/chargeback", tag = "Refunds", security(("bearer" = []), ("api_key" = [])),
    params(("id" = String, Path)), request_body = SimulateChargeback,
    responses((status = 200, body = super::schema::Chargeback), (status = 403, body = super::schema::Error), (status = 409, body = super::schema::Error)))]
pub async fn simulate_chargeback(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    RawBody(body): RawBody,
) -> Response {
    let route = format!("POST /v1/test_helpers/checkout/sessions/{id}/chargeback");
    let (state, caller, body, id) = (&state, &caller, &body, &id);
    idempotency::run(state, caller, &headers, &route, body, |idem| async move {
        if caller.livemode {
            return Err(ApiError::new(
                axum::http::StatusCode::FORBIDDEN,
                "livemode_not_allowed",
                "chargebacks can only be simulated with a test-mode key",
            ));
        }
        let req: SimulateChargeback = parse_json(body)?;
        let session = sessions::get_for(&state.db, &caller.merchant_id, false, id)
            .await?
            .ok_or_else(|| {
                ApiError::not_found(format!("no checkout session `{id}`")).with_param("id")
            })?;
        let (session, attempt) = paid_charge(state, caller, &session.charge_reference).await?;
        let amount = req.amount.unwrap_or(attempt.amount);
        if amount <= 0 || amount > attempt.amount {
            return Err(ApiError::bad_request(
                "parameter_invalid",
                Some("amount".into()),
                format!("`amount` must be from 1 to {}", attempt.amount),
            ));
        }
        let reason = app::domain::checkout::check_len(
            req.reason.unwrap_or_else(|| "fraudulent".into()),
            "reason",
            1,
            200,
        )?;
        let chargeback = Chargeback {
            id: new_id("cb", 24),
            session_id: session.id.clone(),
            attempt_id: attempt.id.clone(),
            amount,
            reason,
            created_at: now_ms(),
        };
        let mut tx = state.db.begin().await?;
        if let Err(e) = chargebacks::insert(&mut tx, &chargeback).await {
            tx.rollback().await?;
            return Err(if is_unique_violation(&e) {
                ApiError::conflict(
                    "chargeback_exists",
                    "this payment already has a chargeback",
                )
            } else {
                e.into()
            });
        }
        let mut data = webhooks::payment_object(&session, &attempt);
        data["chargeback"] = chargeback_json(&chargeback, &attempt);
        webhooks::emit(&mut tx, &session, EventType::PaymentChargeback, data).await?;
        let reply = Reply::ok(&chargeback_json(&chargeback, &attempt));
        idem.record(&mut tx, reply.status, &reply.body).await?;
        tx.commit().await?;
        webhooks::wake();
        tracing::info!(session = %session.id, chargeback = %chargeback.id, amount, "chargeback simulated");
        Ok(reply)
    })
    .await
}

fn chargeback_json(c: &Chargeback, a: &Attempt) -> Value {
    json!({
        "id": c.id,
        "object": "chargeback",
        "amount": c.amount,
        "currency": a.currency.code().to_ascii_lowercase(),
        "reason": c.reason,
        "payment": c.attempt_id,
        "checkout_session": c.session_id,
        "created": secs(c.created_at),
    })
}
