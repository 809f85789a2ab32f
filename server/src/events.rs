//! The event log: what Lipa told (or tried to tell) a merchant, each
//! delivery attempt, and redelivery on demand.

use crate::Core;
use crate::error::{Conflict, Error, Resource, Result, no_cursor};
use crate::store::events::{self, Attempt, Event, ListQuery};
use crate::store::query::Slice;
use crate::store::{Owner, products, sessions};

pub async fn find(core: &Core, owner: &Owner, id: &str) -> Result<Event> {
    events::TABLE
        .find_owned(&core.db.pool, owner, id)
        .await?
        .ok_or_else(|| Error::NotFound(Resource::Event, id.to_owned()))
}

/// The owner's events, newest first; `after` an event id continues to
/// older ones.
pub async fn list(
    core: &Core,
    owner: &Owner,
    q: &ListQuery,
    after: Option<&str>,
    limit: i64,
) -> Result<Slice<Event>> {
    events::TABLE
        .page_after(&core.db.pool, owner, &q.filters(), after, limit)
        .await?
        .ok_or_else(|| no_cursor("after", after, "event"))
}

/// Every delivery attempt of the owner's event, oldest first.
pub async fn attempts(core: &Core, owner: &Owner, id: &str) -> Result<Vec<Attempt>> {
    let e = find(core, owner, id).await?;
    Ok(events::attempts(&core.db.pool, &e.id).await?)
}

/// Where an event would go now: its session's own URL, else its product's
/// current one (the merchant may have fixed it since).
async fn current_endpoint(core: &Core, e: &Event) -> Result<Option<String>> {
    if let Some(sid) = &e.session_id
        && let Some(s) = sessions::TABLE.find(&core.db.pool, sid).await?
        && s.webhook_url.is_some()
    {
        return Ok(s.webhook_url);
    }
    Ok(match &e.product_id {
        Some(pid) => products::get(&core.db.pool, &e.owner(), pid)
            .await?
            .and_then(|p| p.spec.webhook_url),
        None => e.endpoint_url.clone(),
    })
}

/// Sends the event again now, to its current endpoint, with the same
/// `webhook-id`. Returns the event as it stands after, and the attempt.
pub async fn redeliver(core: &Core, owner: &Owner, id: &str) -> Result<(Event, Attempt)> {
    let event = find(core, owner, id).await?;
    let url = current_endpoint(core, &event)
        .await?
        .ok_or(Error::Conflict(Conflict::NoEndpoint))?;
    let health = events::endpoint(&core.db.pool, owner, &url).await?;
    if health.disabled_at.is_some() {
        return Err(Error::Conflict(Conflict::EndpointDisabled));
    }
    if !core.deliverer.claim_for_redelivery(id).await? {
        return Err(Error::Conflict(Conflict::DeliveryInProgress));
    }
    let attempt = core
        .deliverer
        .deliver(id, Some(&url))
        .await?
        .ok_or_else(|| Error::NotFound(Resource::Event, id.to_owned()))?;
    Ok((find(core, owner, id).await?, attempt))
}
