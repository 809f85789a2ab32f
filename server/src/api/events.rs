//! `/v1/events`: what we told (or tried to tell) the merchant, each
//! delivery attempt, and redelivery on demand.

use super::extract::{ApiQuery, Idempotent};
use super::{ApiError, Merchant, NoParams, Reply, count};
use crate::change::Change;
use crate::events;
use crate::objects::{
    ErrorObject, EventList, EventObject, Paging, Redelivery, WebhookAttemptList,
    WebhookAttemptObject,
};
use crate::store::events::ListQuery;
use app::domain::{EventType, Field};
use axum::extract::Path;
use axum::response::Response;
use serde::Deserialize;

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    #[param(value_type = Option<i64>, minimum = 1, maximum = 100)]
    limit: Option<String>,
    /// An event id: the page after it (older).
    after: Option<String>,
    #[serde(rename = "type")]
    #[param(rename = "type", value_type = Option<EventType>)]
    event_type: Option<String>,
    checkout_session: Option<String>,
}

/// List events, newest first.
#[utoipa::path(get, path = "/v1/events", operation_id = "list_events", tag = "Webhooks",
    params(ListParams),
    responses((status = 200, body = EventList), (status = 400, body = ErrorObject)))]
pub async fn list(
    m: Merchant,
    ApiQuery(p): ApiQuery<ListParams>,
) -> Result<axum::Json<EventList>, ApiError> {
    let limit = count("limit", p.limit.as_deref())?.unwrap_or(10);
    let event_type = match &p.event_type {
        Some(t) => Some(EventType::parse(t).ok_or_else(|| {
            let known: Vec<&str> = EventType::ALL.iter().map(|t| t.as_str()).collect();
            ApiError::bad_request(
                "parameter_invalid",
                Field::Named("type".into()),
                format!("must be one of {}", known.join(", ")),
            )
        })?),
        None => None,
    };
    let q = ListQuery {
        event_type,
        session_id: p.checkout_session,
    };
    let slice = events::list(&m.core, &m.owner, &q, p.after.as_deref(), limit).await?;
    let paging = Paging::of_slice(limit, &slice, |e| &e.id);
    let data = slice.items.iter().map(EventObject::new).collect();
    Ok(axum::Json(EventList::new(data, paging)))
}

/// Retrieve an event.
#[utoipa::path(get, path = "/v1/events/{id}", operation_id = "retrieve_event", tag = "Webhooks", params(("id" = String, Path)),
    responses((status = 200, body = EventObject), (status = 404, body = ErrorObject)))]
pub async fn retrieve(
    m: Merchant,
    Path(id): Path<String>,
) -> Result<axum::Json<EventObject>, ApiError> {
    let e = events::find(&m.core, &m.owner, &id).await?;
    Ok(axum::Json(EventObject::new(&e)))
}

/// Every delivery attempt of an event.
#[utoipa::path(get, path = "/v1/events/{id}/attempts", operation_id = "list_event_attempts", tag = "Webhooks", params(("id" = String, Path)),
    responses((status = 200, body = WebhookAttemptList), (status = 404, body = ErrorObject)))]
pub async fn attempts(
    m: Merchant,
    Path(id): Path<String>,
) -> Result<axum::Json<WebhookAttemptList>, ApiError> {
    let list = events::attempts(&m.core, &m.owner, &id).await?;
    let data = list.iter().map(WebhookAttemptObject::from).collect();
    Ok(axum::Json(WebhookAttemptList::new(data)))
}

/// Send an event again now, with the same `webhook-id`.
#[utoipa::path(post, path = "/v1/events/{id}/redeliver", operation_id = "redeliver_event", tag = "Webhooks", params(("id" = String, Path)),
    responses((status = 200, body = Redelivery), (status = 404, body = ErrorObject), (status = 409, body = ErrorObject)))]
pub async fn redeliver(
    m: Merchant,
    Path(id): Path<String>,
    req: Idempotent<NoParams>,
) -> Result<Response, ApiError> {
    let (core, owner) = (&m.core, &m.owner);
    req.run(core, owner, |NoParams {}| async {
        let (event, attempt) = events::redeliver(core, owner, &id).await?;
        let reply = Reply::ok(&Redelivery::new(
            EventObject::new(&event),
            WebhookAttemptObject::from(&attempt),
        ));
        Ok(Change::new(core.db.begin().await?, reply))
    })
    .await
}
