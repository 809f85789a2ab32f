//! Start-up data for containers and CI: with `LIPA_BOOTSTRAP_API_KEY` set, a
//! demo merchant owning that key and an active product with every method.

use crate::Core;
use crate::db::{Db, is_unique_violation};
use crate::sessions::{self, ProductChoice, SessionRequest};
use crate::store::{Owner, merchants, products};
use app::domain::CheckoutDraft;
use app::domain::checkout::{Customer, LineItemDraft};
use app::domain::product::{ProductDraft, SecretChange};

pub const DEMO_MERCHANT: &str = "Demo Store";

/// Ensures the bootstrap key, its merchant and a product exist. Returns the
/// merchant id. Safe to run on every start and from several instances.
pub async fn ensure(
    db: &Db,
    config: &crate::config::Config,
    key: &str,
) -> Result<String, sqlx::Error> {
    let merchant_id = match merchants::key_owner(&db.pool, key).await? {
        Some(id) => id,
        None => {
            let m = merchants::create(db, DEMO_MERCHANT).await?;
            match merchants::insert_key(db, &m.id, key).await {
                Ok(_) => {
                    tracing::info!(merchant = %m.id, "bootstrap merchant created");
                    m.id
                }
                // Another instance registered the key first: use its merchant.
                Err(e) if is_unique_violation(&e) => {
                    merchants::key_owner(&db.pool, key).await?.unwrap_or(m.id)
                }
                Err(e) => return Err(e),
            }
        }
    };
    // The bootstrap key is a test key: its product is a test product.
    let owner = Owner::new(&merchant_id, false);
    if products::default_for(&db.pool, &owner).await?.is_none() {
        let (spec, _) = ProductDraft {
            name: Some("Demo checkout".into()),
            main_currency: Some("MZN".into()),
            ..Default::default()
        }
        .create(false)
        .expect("the demo product is valid");
        let mut tx = db.begin().await?;
        let p = products::insert(
            &mut tx,
            &config.master_key,
            &owner,
            &crate::db::new_id("prod", 16),
            &spec,
            &crate::webhooks::signature::WebhookSecret::generate(),
        )
        .await?;
        tx.commit().await?;
        tracing::info!(product = %p.id, "bootstrap product created with every method");
    }
    if let Some(origin) = config.demo_shop_origin() {
        allow_embedding(db, config, &merchant_id, &origin).await?;
    }
    Ok(merchant_id)
}

/// Wires the demo product to the demo shop: the shop's origin may frame its
/// checkouts, and its events go to the shop's `/webhooks`.
async fn allow_embedding(
    db: &Db,
    config: &crate::config::Config,
    merchant_id: &str,
    origin: &str,
) -> Result<(), sqlx::Error> {
    let owner = Owner::new(merchant_id, false);
    let Some(product) = products::default_for(&db.pool, &owner).await? else {
        return Ok(());
    };
    let hooks = format!("{origin}/webhooks");
    let mut spec = product.spec.clone();
    if !spec.embed_origins.iter().any(|o| o == origin) {
        spec.embed_origins.push(origin.to_owned());
    }
    spec.webhook_url = Some(hooks.clone());
    if spec == product.spec {
        return Ok(());
    }
    let mut tx = db.begin().await?;
    products::update(
        &mut tx,
        &config.master_key,
        &product,
        &spec,
        &SecretChange::Keep,
    )
    .await?;
    crate::store::events::reset_endpoint(&mut tx, &owner, &hooks).await?;
    tx.commit().await?;
    tracing::info!(product = %product.id, %origin, "demo shop may embed the demo checkout and gets its webhooks");
    Ok(())
}

/// Where a demo checkout sends the buyer back to.
#[derive(Clone, Debug, Default)]
pub struct ReturnUrls {
    pub success: Option<String>,
    pub cancel: Option<String>,
}

/// A ready checkout for the demo banner and the demo shop, opened the way
/// every door opens one.
pub async fn demo_session(
    core: &Core,
    merchant_id: &str,
    urls: ReturnUrls,
) -> Result<String, crate::error::Error> {
    let owner = Owner::new(merchant_id, false);
    let item = |name: &str, unit_amount, quantity| LineItemDraft {
        name: Some(name.to_owned()),
        unit_amount: Some(unit_amount),
        quantity: Some(quantity),
        description: None,
    };
    let draft = CheckoutDraft {
        currency: Some("MZN".into()),
        description: Some("Order #1042".into()),
        line_items: Some(vec![
            item("Capulana, hand-printed", 125_000, 2),
            item("Delivery in Maputo", 15_000, 1),
        ]),
        customer: Some(Customer {
            name: Some("Amina Machava".into()),
            email: None,
            phone: Some("+258840000000".into()),
        }),
        success_url: urls.success,
        cancel_url: urls.cancel,
        ..CheckoutDraft::default()
    };
    let request = SessionRequest {
        product: ProductChoice::Default,
        draft,
        echo: serde_json::json!({}),
    };
    let session = sessions::open(core, &owner, request)
        .await?
        .commit()
        .await?;
    Ok(session.id)
}
