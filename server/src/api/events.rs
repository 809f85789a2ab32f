//! `/v1/events`: what we told (or tried to tell) the merchant, each
//! delivery attempt, and redelivery on demand.

use super::idempotency::{self, Reply};
use super::{ApiError, Caller, RawBody, count, paging, parse_json, parse_query, secs};
use crate::AppState;
use crate::store::events::{self, Attempt, Event, ListQuery};
use crate::store::{products, sessions};
use crate::webhooks::EventType;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};

/// The event as sent, with where its delivery stands.
fn event_json(e: &Event) -> Value {
    let mut v: Value = serde_json::from_str(&e.payload).unwrap_or(Value::Null);
    v["delivery"] = json!({
        "status": e.delivery_status.as_str(),
        "endpoint_url": e.endpoint_url,
        "attempts": e.attempt_count,
        "next_attempt_at": e.next_attempt_at.map(secs),
        "delivered_at": e.delivered_at.map(secs),
    });
    v
}

fn attempt_json(a: &Attempt) -> Value {
    json!({
        "id": a.id,
        "object": "webhook_attempt",
        "event": a.event_id,
        "attempt_number": a.attempt_number,
        "trigger": a.trigger,
        "url": a.url,
        "attempted_at": secs(a.attempted_at),
        "attempted_at_ms": a.attempted_at,
        "status_code": a.status_code,
        "latency_ms": a.latency_ms,
        "error": a.error,
        "response_excerpt": a.response_excerpt,
        "next_attempt_at": a.next_attempt_at.map(secs),
    })
}

async fn find(state: &AppState, caller: &Caller, id: &str) -> Result<Event, ApiError> {
    events::get(&state.db.pool, id)
        .await?
        .filter(|e| e.merchant_id == caller.merchant_id && e.livemode == caller.livemode)
        .ok_or_else(|| ApiError::not_found(format!("no event `{id}`")).with_param("id"))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ListParams {
    limit: Option<String>,
    after: Option<String>,
    #[serde(rename = "type")]
    event_type: Option<String>,
    checkout_session: Option<String>,
}

/// List events, newest first.
#[utoipa::path(get, path = "/v1/events", tag = "Webhooks", security(("bearer" = []), ("api_key" = [])),
    params(("limit" = Option<i64>, Query), ("after" = Option<String>, Query), ("type" = Option<String>, Query), ("checkout_session" = Option<String>, Query)),
    responses((status = 200, body = super::schema::EventList)))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let p: ListParams = parse_query(query.as_deref())?;
    let limit = count("limit", p.limit.as_deref())?.unwrap_or(10);
    if let Some(t) = &p.event_type
        && EventType::parse(t).is_none()
    {
        let known: Vec<&str> = EventType::ALL.iter().map(|t| t.as_str()).collect();
        return Err(ApiError::bad_request(
            "parameter_invalid",
            Some("type".into()),
            format!("`type` must be one of {}", known.join(", ")),
        ));
    }
    let after = match &p.after {
        Some(id) => {
            let e = find(&state, &caller, id).await.map_err(|_| {
                ApiError::bad_request(
                    "parameter_invalid",
                    Some("after".into()),
                    format!("no event `{id}` to page from"),
                )
            })?;
            Some((e.created_seq, e.id))
        }
        None => None,
    };
    let q = ListQuery {
        event_type: p.event_type,
        session_id: p.checkout_session,
        after,
        limit,
    };
    let page = events::list(&state.db, &caller.merchant_id, caller.livemode, &q).await?;
    Ok(axum::Json(json!({
        "object": "list",
        "data": page.events.iter().map(event_json).collect::<Vec<_>>(),
        "paging": paging(
            limit,
            page.has_more,
            p.after.is_some(),
            page.events.first().map(|e| &e.id),
            page.events.last().map(|e| &e.id),
        ),
    }))
    .into_response())
}

/// Retrieve an event.
#[utoipa::path(get, path = "/v1/events/{id}", tag = "Webhooks", security(("bearer" = []), ("api_key" = [])), params(("id" = String, Path)),
    responses((status = 200, body = super::schema::Event), (status = 404, body = super::schema::Error)))]
pub async fn retrieve(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let e = find(&state, &caller, &id).await?;
    Ok(axum::Json(event_json(&e)).into_response())
}

/// Every delivery attempt of an event.
#[utoipa::path(get, path = "/v1/events/{id}/attempts", tag = "Webhooks", security(("bearer" = []), ("api_key" = [])), params(("id" = String, Path)),
    responses((status = 200, body = super::schema::WebhookAttemptList), (status = 404, body = super::schema::Error)))]
pub async fn attempts(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let e = find(&state, &caller, &id).await?;
    let list = events::attempts(&state.db, &e.id).await?;
    Ok(axum::Json(json!({
        "object": "list",
        "data": list.iter().map(attempt_json).collect::<Vec<_>>(),
    }))
    .into_response())
}

/// Where an event would go now: its session's own URL, else its product's
/// current one (the merchant may have fixed it since).
async fn current_endpoint(state: &AppState, e: &Event) -> Result<Option<String>, sqlx::Error> {
    if let Some(sid) = &e.session_id
        && let Some(s) = sessions::get(&state.db.pool, sid).await?
        && s.webhook_url.is_some()
    {
        return Ok(s.webhook_url);
    }
    Ok(match &e.product_id {
        Some(pid) => products::get(&state.db, &e.merchant_id, pid)
            .await?
            .and_then(|p| p.spec.webhook_url),
        None => e.endpoint_url.clone(),
    })
}

/// Sends the event again now, to the current endpoint, and answers with
/// that attempt. It keeps its `webhook-id`.
/// Send an event again now, with the same `webhook-id`.
#[utoipa::path(post, path = "/v1/events/{id}/redeliver", tag = "Webhooks", security(("bearer" = []), ("api_key" = [])), params(("id" = String, Path)),
    responses((status = 200, body = super::schema::Redelivery), (status = 409, body = super::schema::Error)))]
pub async fn redeliver(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    RawBody(body): RawBody,
) -> Response {
    let route = format!("POST /v1/events/{id}/redeliver");
    let (state, caller, body, id) = (&state, &caller, &body, &id);
    idempotency::run(state, caller, &headers, &route, body, |idem| async move {
        let super::sessions::NoParams {} = parse_json(body)?;
        let event = find(state, caller, id).await?;
        let url = current_endpoint(state, &event).await?.ok_or_else(|| {
            ApiError::conflict(
                "no_endpoint",
                "no webhook URL is set for this event's product or session",
            )
        })?;
        let health = events::endpoint(&state.db.pool, &caller.merchant_id, &url).await?;
        if health.disabled_at.is_some() {
            return Err(ApiError::conflict(
                "endpoint_disabled",
                "the endpoint answered 410 Gone and was disabled; set the product's webhook_url again to re-enable it",
            ));
        }
        if !state.deliverer.claim_for_redelivery(id).await? {
            return Err(ApiError::conflict(
                "delivery_in_progress",
                "this event is being delivered right now; look at its attempts in a moment",
            ));
        }
        let attempt = state
            .deliverer
            .deliver(id, Some(&url))
            .await?
            .ok_or_else(|| ApiError::not_found(format!("no event `{id}`")))?;
        let event = find(state, caller, id).await?;
        let reply = Reply {
            status: StatusCode::OK,
            body: json!({ "event": event_json(&event), "attempt": attempt_json(&attempt) })
                .to_string(),
        };
        let mut tx = state.db.begin().await?;
        idem.record(&mut tx, reply.status, &reply.body).await?;
        tx.commit().await?;
        Ok(reply)
    })
    .await
}
