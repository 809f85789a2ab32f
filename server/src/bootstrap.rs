//! Start-up data for containers and CI: with `LIPA_BOOTSTRAP_API_KEY` set, a
//! demo merchant owning that key and an active product with every method.

use crate::AppState;
use crate::db::{Db, is_unique_violation};
use crate::store::{merchants, products, sessions};
use app::domain::product::{ProductDraft, SecretChange};

pub const DEMO_MERCHANT: &str = "Demo Store";

/// Ensures the bootstrap key, its merchant and a product exist. Returns the
/// merchant id. Safe to run on every start and from several instances.
pub async fn ensure(
    db: &Db,
    config: &crate::config::Config,
    key: &str,
) -> Result<String, sqlx::Error> {
    let merchant_id = match merchants::key_owner(db, key).await? {
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
                    merchants::key_owner(db, key).await?.unwrap_or(m.id)
                }
                Err(e) => return Err(e),
            }
        }
    };
    if products::default_for(db, &merchant_id).await?.is_none() {
        let (spec, _) = ProductDraft {
            name: Some("Demo checkout".into()),
            main_currency: Some("MZN".into()),
            ..Default::default()
        }
        .create(false)
        .expect("the demo product is valid");
        let mut tx = db.begin().await?;
        let (p, _) = products::create(
            &mut tx,
            &config.master_key,
            &merchant_id,
            &spec,
            &SecretChange::Keep,
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
    let Some(product) = products::default_for(db, merchant_id).await? else {
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
    crate::store::events::reset_endpoint(&mut tx, merchant_id, &hooks).await?;
    tx.commit().await?;
    tracing::info!(product = %product.id, %origin, "demo shop may embed the demo checkout and gets its webhooks");
    Ok(())
}

/// A ready checkout for the demo banner and the demo shop, created the way
/// the API creates one; `extra` adds fields (say, the return URLs).
pub async fn demo_session(
    state: &AppState,
    merchant_id: &str,
    extra: serde_json::Value,
) -> Result<String, crate::api::ApiError> {
    let caller = merchants::Caller {
        merchant_id: merchant_id.to_owned(),
        livemode: false,
        key_id: String::new(),
    };
    let mut body = serde_json::json!({
        "currency": "MZN",
        "description": "Order #1042",
        "line_items": [
            { "name": "Capulana, hand-printed", "unit_amount": 125000, "quantity": 2 },
            { "name": "Delivery in Maputo", "unit_amount": 15000, "quantity": 1 }
        ],
        "customer": { "name": "Amina Machava", "phone": "+258840000000" }
    });
    if let (Some(body), serde_json::Value::Object(extra)) = (body.as_object_mut(), extra) {
        body.extend(extra);
    }
    let (session, _) =
        crate::api::sessions::prepare(state, &caller, body.to_string().as_bytes()).await?;
    let mut tx = state.db.begin().await?;
    sessions::insert(&mut tx, &session).await?;
    tx.commit().await?;
    Ok(session.id)
}
