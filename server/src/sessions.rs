//! Checkout sessions: open one, find, list, expire. Every door that creates
//! a checkout (the native API, the compatible APIs, the demo, later the
//! dashboard and payment links) ends in [`open`].

use crate::Core;
use crate::change::Change;
use crate::db::now_ms;
use crate::error::{Conflict, Error, Resource, Result, no_cursor, taken};
use crate::objects::secs;
use crate::store::query::{Cursor, Page, Slice};
use crate::store::sessions::{self, ListQuery, Session};
use crate::store::{Owner, merchants, products, products::Product};
use app::domain::charge::SessionKind;
use app::domain::checkout::{CheckoutDraft, DraftContext, ProductRules};
use app::domain::session::TransitionError;
use app::domain::{Event, Field, FieldError};
use serde_json::Value;

/// A checkout as a door asks for it.
pub struct SessionRequest {
    pub product: ProductChoice,
    pub draft: CheckoutDraft,
    /// What the door's own answers repeat back later, stored as given.
    pub echo: Value,
}

/// Which product's settings the checkout takes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum ProductChoice {
    /// The merchant's oldest active product, if any.
    #[default]
    Default,
    Named(String),
}

/// The product a session uses, checked for the door it came through.
async fn product_for(
    core: &Core,
    owner: &Owner,
    choice: &ProductChoice,
    draft: &CheckoutDraft,
) -> Result<Option<Product>> {
    let id = match choice {
        ProductChoice::Default => {
            return Ok(products::default_for(&core.db.pool, owner).await?);
        }
        ProductChoice::Named(id) => id,
    };
    let refuse = |code: &str, reason: &str| FieldError::new(code, Field::Product, reason);
    let p = products::get(&core.db.pool, owner, id)
        .await?
        .ok_or_else(|| refuse("resource_missing", "names no product of yours"))?;
    if !p.spec.active {
        return Err(refuse("product_inactive", "is not active").into());
    }
    if draft.api.needs_product_webhook() && p.spec.webhook_url.is_none() {
        return Err(refuse(
            "product_webhook_missing",
            "has no webhook URL; save one on the product first",
        )
        .into());
    }
    Ok(Some(p))
}

/// Checks a checkout against the merchant's product and builds its session,
/// writing nothing.
pub async fn prepare(core: &Core, owner: &Owner, req: SessionRequest) -> Result<Session> {
    let merchant = merchants::get(&core.db.pool, &owner.merchant_id)
        .await?
        .ok_or(Error::MerchantGone)?;
    let product = product_for(core, owner, &req.product, &req.draft).await?;
    let cx = DraftContext {
        now: secs(now_ms()),
        livemode: owner.livemode,
        product: product.as_ref().map(|p| ProductRules {
            name: p.spec.name.clone(),
            main_currency: p.spec.main_currency,
            methods: p.spec.payment_methods.clone(),
        }),
        fallback_item_name: product
            .as_ref()
            .map_or(merchant.name, |p| p.spec.name.clone()),
        min_lifetime_secs: core.config.min_session_secs,
        rails: core.checkouts.connectors.rails(owner).await?,
    };
    let raw_webhook = req.draft.webhook_url.clone();
    let reach = core.config.webhook_reach;
    let checkout = match req.draft.validate(&cx) {
        Ok(c) => c,
        // An unreachable webhook URL is reported before a missing connector
        // account: it is the merchant's first thing to fix.
        Err(e) if e.code == "payment_method_unavailable" => {
            reach
                .check_given(raw_webhook.as_deref())
                .await
                .map_err(FieldError::from)?;
            return Err(e.into());
        }
        Err(e) => return Err(e.into()),
    };
    reach
        .check_given(checkout.webhook_url.as_deref())
        .await
        .map_err(FieldError::from)?;
    if checkout.webhook_url.is_some() && product.is_none() {
        // Events are signed with a product's secret: without one, none could
        // be delivered.
        return Err(FieldError::new(
            "product_missing",
            Field::WebhookUrl,
            "needs a product to sign events with its webhook secret: create a product first",
        )
        .into());
    }
    Ok(Session::open(
        owner,
        product.map(|p| p.id),
        checkout,
        req.echo,
    ))
}

/// Opens a checkout: checks it and stores it, uncommitted.
pub async fn open(core: &Core, owner: &Owner, req: SessionRequest) -> Result<Change<Session>> {
    let session = prepare(core, owner, req).await?;
    store(core, session).await
}

/// Stores a prepared session, uncommitted.
pub async fn store(core: &Core, session: Session) -> Result<Change<Session>> {
    let mut tx = core.db.begin().await?;
    if let Err(e) = sessions::insert(&mut tx, &session).await {
        // Release SQLite's write lock now, not when the connection is reused.
        tx.rollback().await?;
        return Err(taken(e, Conflict::ReferenceInUse));
    }
    tracing::info!(session = %session.id, api = session.compat.api.as_str(),
        amount = session.amount_total, currency = %session.currency, "checkout session created");
    Ok(Change::new(tx, session))
}

/// The owner's session, settled first: the truth as of now.
pub async fn find(core: &Core, owner: &Owner, id: &str) -> Result<Session> {
    sessions::TABLE
        .find_owned(&core.db.pool, owner, id)
        .await?
        .filter(|s| s.kind == SessionKind::Checkout)
        .ok_or_else(|| Error::NotFound(Resource::CheckoutSession, id.to_owned()))?;
    core.checkouts
        .refresh(id)
        .await?
        .map(|l| l.session)
        .ok_or_else(|| Error::NotFound(Resource::CheckoutSession, id.to_owned()))
}

/// The owner's session made through a door with its own unique reference.
pub async fn by_reference(
    core: &Core,
    owner: &Owner,
    api: app::domain::Api,
    reference: &str,
) -> Result<Session> {
    let id = sessions::by_external_reference(&core.db.pool, owner, api, reference)
        .await?
        .ok_or_else(|| Error::NotFound(Resource::CheckoutSession, reference.to_owned()))?;
    find(core, owner, &id).await
}

/// Where the owner's session `id` stands in the list, to page from it;
/// `param` is the query parameter that named it.
pub async fn cursor(core: &Core, owner: &Owner, param: &str, id: &str) -> Result<Cursor> {
    sessions::TABLE
        .cursor(&core.db.pool, owner, id)
        .await?
        .ok_or_else(|| no_cursor(param, Some(id), "checkout session"))
}

pub async fn list(
    core: &Core,
    owner: &Owner,
    q: &ListQuery,
    page: &Page,
    limit: i64,
) -> Result<Slice<Session>> {
    Ok(sessions::list(&core.db.pool, owner, q, page, limit).await?)
}

/// The merchant expires an open session with no payment under way.
pub async fn expire(core: &Core, owner: &Owner, id: &str) -> Result<Change<Session>> {
    let session = find(core, owner, id).await?;
    let next = session
        .state
        .apply(Event::ExpiredByMerchant)
        .map_err(|e| match e {
            TransitionError::PaymentPending => Error::Conflict(Conflict::PaymentPending),
            _ => Error::Conflict(Conflict::SessionNotOpen),
        })?;
    let mut tx = core.db.begin().await?;
    if !sessions::transition(&mut tx, id, session.state, next, None, now_ms()).await? {
        tx.rollback().await?;
        return Err(Error::Conflict(Conflict::SessionChanged));
    }
    let updated = core.checkouts.emit_expired(&mut tx, id).await?;
    tracing::info!(session = %id, "checkout session expired by the merchant");
    Ok(Change::new(tx, updated))
}
