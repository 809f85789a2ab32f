//! `/v1/products`: the settings a checkout inherits.

use super::idempotency::{self, Reply};
use super::{ApiError, Caller, RawBody, parse_json, secs};
use crate::AppState;
use crate::store::events::{self, EndpointHealth};
use crate::store::{products, products::Product};
use app::domain::product::ProductDraft;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde::Deserialize;
use serde_json::{Value, json};

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ProductBody {
    /// Create only: keep the id the product had at another gateway.
    id: Option<String>,
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

fn is_product_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
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
/// is set is shown. `health` is how its webhook endpoint has been doing.
pub fn product_json(p: &Product, health: Option<&EndpointHealth>) -> Value {
    let endpoint = p.spec.webhook_url.as_ref().map(|_| {
        let h = health.cloned().unwrap_or_default();
        json!({
            "status": h.status(),
            "failing_since": h.failing_since.map(secs),
            "disabled_at": h.disabled_at.map(secs),
            "disabled_reason": h.disabled_reason,
            "last_success_at": h.last_success_at.map(secs),
            "last_failure_at": h.last_failure_at.map(secs),
        })
    });
    json!({
        "id": p.id,
        "object": "product",
        "type": "api_gateway",
        "name": p.spec.name,
        "main_currency": p.spec.main_currency.code().to_ascii_lowercase(),
        "payment_methods": p.spec.payment_methods.iter().map(|m| m.as_str()).collect::<Vec<_>>(),
        "webhook_url": p.spec.webhook_url,
        "webhook_secret_set": p.has_webhook_secret,
        "webhook_endpoint": endpoint,
        "embed_origins": p.spec.embed_origins,
        "active": p.spec.active,
        "created": secs(p.created_at),
        "updated": secs(p.updated_at),
    })
}

/// Create a product (its webhook secret is returned once if Lipa makes it up).
#[utoipa::path(post, path = "/v1/products", tag = "Products", security(("bearer" = []), ("api_key" = [])), request_body = ProductBody,
    responses((status = 200, body = super::schema::Product), (status = 400, body = super::schema::Error), (status = 409, body = super::schema::Error)))]
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
            let mut req: ProductBody = parse_json(body)?;
            let id = match req.id.take() {
                Some(id) if is_product_id(&id) => id,
                Some(_) => {
                    return Err(ApiError::bad_request(
                        "parameter_invalid",
                        Some("id".into()),
                        "`id` must be 1 to 64 letters, digits, `_` or `-`",
                    ));
                }
                None => crate::db::new_id("prod", 16),
            };
            let (spec, secret) = ProductDraft::from(req).create(caller.livemode)?;
            let mut tx = state.db.begin().await?;
            let created = products::create_with_id(
                &mut tx,
                &state.config.master_key,
                &caller.merchant_id,
                &id,
                &spec,
                &secret,
            )
            .await;
            let (product, made_up) = match created {
                Ok(p) => p,
                Err(e) if crate::db::is_unique_violation(&e) => {
                    tx.rollback().await?;
                    return Err(ApiError::conflict(
                        "resource_exists",
                        format!("a product `{id}` already exists"),
                    )
                    .with_param("id"));
                }
                Err(e) => return Err(e.into()),
            };
            let mut body = product_json(&product, None);
            // A secret we made up is shown once, here; one the merchant
            // chose is never echoed.
            if let Some(secret) = made_up {
                body["webhook_secret"] = json!(secret);
            }
            let reply = Reply::ok(&body);
            idem.record(&mut tx, reply.status, &reply.body).await?;
            tx.commit().await?;
            tracing::info!(product = %product.id, "product created");
            Ok(reply)
        },
    )
    .await
}

/// Change the fields sent.
#[utoipa::path(post, path = "/v1/products/{id}", tag = "Products", security(("bearer" = []), ("api_key" = [])), request_body = ProductBody,
    params(("id" = String, Path)),
    responses((status = 200, body = super::schema::Product), (status = 400, body = super::schema::Error), (status = 404, body = super::schema::Error)))]
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
        if req.id.is_some() {
            return Err(ApiError::bad_request(
                "parameter_invalid",
                Some("id".into()),
                "a product's `id` cannot be changed",
            ));
        }
        let url_sent = req.webhook_url.is_some();
        let current = find(state, caller, id).await?;
        let (spec, secret) =
            ProductDraft::from(req).update(current.spec.clone(), caller.livemode)?;
        let mut tx = state.db.begin().await?;
        let product =
            products::update(&mut tx, &state.config.master_key, &current, &spec, &secret).await?;
        // Setting the URL (again) re-enables an endpoint a 410 disabled.
        if let Some(url) = url_sent.then_some(spec.webhook_url.as_deref()).flatten() {
            events::reset_endpoint(&mut tx, &caller.merchant_id, url).await?;
        }
        let health = health_of(&mut *tx, &product).await?;
        let reply = Reply::ok(&product_json(&product, health.as_ref()));
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

/// Retrieve a product, with its webhook endpoint's health.
#[utoipa::path(get, path = "/v1/products/{id}", tag = "Products", security(("bearer" = []), ("api_key" = [])), params(("id" = String, Path)),
    responses((status = 200, body = super::schema::Product), (status = 404, body = super::schema::Error)))]
pub async fn retrieve(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<axum::Json<Value>, ApiError> {
    let product = find(&state, &caller, &id).await?;
    let health = health_of(&state.db.pool, &product).await?;
    Ok(axum::Json(product_json(&product, health.as_ref())))
}

async fn health_of<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    ex: E,
    p: &Product,
) -> Result<Option<EndpointHealth>, sqlx::Error> {
    match &p.spec.webhook_url {
        Some(url) => Ok(Some(events::endpoint(ex, &p.merchant_id, url).await?)),
        None => Ok(None),
    }
}

/// The merchant's products.
#[utoipa::path(get, path = "/v1/products", tag = "Products", security(("bearer" = []), ("api_key" = [])),
    responses((status = 200, body = super::schema::ProductList)))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<axum::Json<Value>, ApiError> {
    let all = products::list(&state.db, &caller.merchant_id).await?;
    let mut data = Vec::with_capacity(all.len());
    for p in &all {
        let health = health_of(&state.db.pool, p).await?;
        data.push(product_json(p, health.as_ref()));
    }
    Ok(axum::Json(json!({ "object": "list", "data": data })))
}
