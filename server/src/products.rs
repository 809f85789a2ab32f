//! Products: the settings a merchant's checkouts inherit.

use crate::Core;
use crate::change::Change;
use crate::db::Ex;
use crate::error::{Conflict, Error, Resource, Result, taken};
use crate::store::events::{self, EndpointHealth};
use crate::store::{Owner, products, products::Product};
use crate::webhooks::signature::WebhookSecret;
use app::domain::product::{ProductDraft, ProductSpec, SecretChange, check_id};
use app::domain::{Field, FieldError};

/// A product with how its webhook endpoint has been doing.
pub struct ProductView {
    pub product: Product,
    pub health: Option<EndpointHealth>,
    /// A webhook secret Lipa made up on creation: shown this once.
    pub new_secret: Option<String>,
}

impl ProductView {
    pub fn object(&self) -> crate::objects::ProductObject {
        crate::objects::ProductObject::new(&self.product, self.health.as_ref())
            .with_new_secret(self.new_secret.clone())
    }
}

async fn health<'e>(ex: impl Ex<'e>, p: &Product) -> Result<Option<EndpointHealth>> {
    Ok(match &p.spec.webhook_url {
        Some(url) => Some(events::endpoint(ex, &p.owner(), url).await?),
        None => None,
    })
}

/// Creates a product, with the id the merchant asked for or a new one.
pub async fn create(
    core: &Core,
    owner: &Owner,
    id: Option<String>,
    draft: ProductDraft,
) -> Result<Change<ProductView>> {
    let id = match id {
        Some(id) => check_id(id)?,
        None => crate::db::new_id("prod", 16),
    };
    let (spec, secret) = draft.create(owner.livemode)?;
    reachable(core, &spec).await?;
    // Every product has a secret; one Lipa makes up is shown once, here.
    let (secret, new_secret) = match secret {
        SecretChange::Set(s) => (s, None),
        SecretChange::Keep => {
            let s = WebhookSecret::generate();
            (s.clone(), Some(s))
        }
    };
    let mut tx = core.db.begin().await?;
    let created =
        products::insert(&mut tx, &core.config.master_key, owner, &id, &spec, &secret).await;
    let product = match created {
        Ok(p) => p,
        Err(e) => {
            tx.rollback().await?;
            return Err(taken(e, Conflict::ProductExists(id.clone())));
        }
    };
    tracing::info!(product = %product.id, "product created");
    Ok(Change::new(
        tx,
        ProductView {
            product,
            health: None,
            new_secret,
        },
    ))
}

/// Changes the fields a draft sends.
pub async fn update(
    core: &Core,
    owner: &Owner,
    id: &str,
    draft: ProductDraft,
) -> Result<Change<ProductView>> {
    let url_sent = draft.webhook_url.is_some();
    let current = get(core, owner, id).await?;
    let (spec, secret) = draft.update(current.spec.clone(), owner.livemode)?;
    if url_sent {
        reachable(core, &spec).await?;
    }
    let mut tx = core.db.begin().await?;
    let product =
        products::update(&mut tx, &core.config.master_key, &current, &spec, &secret).await?;
    // Setting the URL (again) re-enables an endpoint a 410 disabled.
    if let Some(url) = url_sent.then_some(spec.webhook_url.as_deref()).flatten() {
        events::reset_endpoint(&mut tx, owner, url).await?;
    }
    let health = health(&mut *tx, &product).await?;
    tracing::info!(product = %product.id, "product updated");
    Ok(Change::new(
        tx,
        ProductView {
            product,
            health,
            new_secret: None,
        },
    ))
}

/// The product's webhook URL reaches a public address (or the operator
/// allows any).
async fn reachable(core: &Core, spec: &ProductSpec) -> Result<()> {
    let url = spec.webhook_url.as_deref();
    core.config
        .webhook_reach
        .check_given(url)
        .await
        .map_err(FieldError::from)?;
    Ok(())
}

async fn get(core: &Core, owner: &Owner, id: &str) -> Result<Product> {
    products::get(&core.db.pool, owner, id)
        .await?
        .ok_or_else(|| Error::NotFound(Resource::Product, id.to_owned()))
}

pub async fn find(core: &Core, owner: &Owner, id: &str) -> Result<ProductView> {
    let product = get(core, owner, id).await?;
    let health = health(&core.db.pool, &product).await?;
    Ok(ProductView {
        product,
        health,
        new_secret: None,
    })
}

/// The merchant's products, newest first.
pub async fn list(core: &Core, owner: &Owner) -> Result<Vec<ProductView>> {
    let mut out = Vec::new();
    for product in products::list(&core.db.pool, owner).await? {
        let health = health(&core.db.pool, &product).await?;
        out.push(ProductView {
            product,
            health,
            new_secret: None,
        });
    }
    Ok(out)
}

/// A product's id can be given only when it is created.
pub fn id_is_fixed() -> Error {
    FieldError::invalid(Field::Id, "cannot be changed").into()
}
