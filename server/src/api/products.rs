//! `/v1/products`: the settings a checkout inherits.

use super::idempotency::{self, Reply};
use super::{ApiError, Caller, RawBody, parse_json, secs};
use crate::AppState;
use crate::store::{products, products::Product};
use app::domain::product::ProductDraft;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde::Deserialize;
use serde_json::{Value, json};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProductBody {
    #[serde(rename = "type")]
    product_type: Option<String>,
    name: Option<String>,
    main_currency: Option<String>,
    payment_methods: Option<Vec<String>>,
    webhook_url: Option<String>,
    webhook_secret: Option<String>,
    embed_origins: Option<Vec<String>>,
    active: Option<bool>,
}

impl From<ProductBody> for ProductDraft {
    fn from(b: ProductBody) -> ProductDraft {
        ProductDraft {
            product_type: b.product_type,
            name: b.name,
            main_currency: b.main_currency,
            payment_methods: b.payment_methods,
            webhook_url: b.webhook_url,
            webhook_secret: b.webhook_secret,
            embed_origins: b.embed_origins,
            active: b.active,
        }
    }
}

/// The product object. The webhook secret is write-only: only whether one
/// is set is shown.
pub fn product_json(p: &Product) -> Value {
    json!({
        "id": p.id,
        "object": "product",
        "type": "api_gateway",
        "name": p.spec.name,
        "main_currency": p.spec.main_currency.code().to_ascii_lowercase(),
        "payment_methods": p.spec.payment_methods.iter().map(|m| m.as_str()).collect::<Vec<_>>(),
        "webhook_url": p.spec.webhook_url,
        "webhook_secret_set": p.has_webhook_secret,
        "embed_origins": p.spec.embed_origins,
        "active": p.spec.active,
        "created": secs(p.created_at),
        "updated": secs(p.updated_at),
    })
}

pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    RawBody(body): RawBody,
) -> Response {
    let (state, caller, body) = (&state, &caller, &body);
    idempotency::run(
        state,
        caller,
        &headers,
        "POST /v1/products",
        body,
        |idem| async move {
            let req: ProductBody = parse_json(body)?;
            let (spec, secret) = ProductDraft::from(req).create(caller.livemode)?;
            let mut tx = state.db.begin().await?;
            let product = products::create(
                &mut tx,
                &state.config.master_key,
                &caller.merchant_id,
                &spec,
                &secret,
            )
            .await?;
            let reply = Reply::ok(&product_json(&product));
            idem.record(&mut tx, reply.status, &reply.body).await?;
            tx.commit().await?;
            tracing::info!(product = %product.id, "product created");
            Ok(reply)
        },
    )
    .await
}

pub async fn update(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    RawBody(body): RawBody,
) -> Response {
    let route = format!("POST /v1/products/{id}");
    let (state, caller, body, id) = (&state, &caller, &body, &id);
    idempotency::run(state, caller, &headers, &route, body, |idem| async move {
        let req: ProductBody = parse_json(body)?;
        let current = find(state, caller, id).await?;
        let (spec, secret) =
            ProductDraft::from(req).update(current.spec.clone(), caller.livemode)?;
        let mut tx = state.db.begin().await?;
        let product =
            products::update(&mut tx, &state.config.master_key, &current, &spec, &secret).await?;
        let reply = Reply::ok(&product_json(&product));
        idem.record(&mut tx, reply.status, &reply.body).await?;
        tx.commit().await?;
        tracing::info!(product = %product.id, "product updated");
        Ok(reply)
    })
    .await
}

async fn find(state: &AppState, caller: &Caller, id: &str) -> Result<Product, ApiError> {
    products::get(&state.db, &caller.merchant_id, id)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no product `{id}`")).with_param("id"))
}

pub async fn retrieve(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<axum::Json<Value>, ApiError> {
    Ok(axum::Json(product_json(&find(&state, &caller, &id).await?)))
}

pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<axum::Json<Value>, ApiError> {
    let all = products::list(&state.db, &caller.merchant_id).await?;
    Ok(axum::Json(json!({
        "object": "list",
        "data": all.iter().map(product_json).collect::<Vec<_>>(),
    })))
}
