//! `/v1/products`: the settings a checkout inherits.

use super::extract::Idempotent;
use super::openapi::CurrencyCode;
use super::{ApiError, Merchant, Reply};
use crate::objects::{ErrorObject, ProductList, ProductObject};
use crate::products;
use app::domain::MethodId;
use app::domain::product::ProductDraft;
use axum::extract::Path;
use axum::response::Response;
use serde::Deserialize;

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProductBody {
    /// Create only: keep the id the product had at another gateway.
    #[schema(pattern = "^[A-Za-z0-9_-]{1,64}$")]
    id: Option<String>,
    /// `api_gateway`.
    #[serde(rename = "type")]
    #[schema(value_type = Option<crate::objects::ProductType>)]
    product_type: Option<String>,
    #[schema(min_length = 1, max_length = 100, pattern = r"\S")]
    name: Option<String>,
    #[schema(value_type = Option<CurrencyCode>)]
    main_currency: Option<String>,
    #[schema(value_type = Option<Vec<MethodId>>, min_items = 1)]
    payment_methods: Option<Vec<String>>,
    /// An https URL; an empty string removes it.
    #[schema(
        max_length = 2048,
        pattern = r"^(https://[a-z0-9-]+(\.[a-z0-9-]+)+(/[!-~]*)?)?$"
    )]
    webhook_url: Option<String>,
    /// Write-only: `whsec_` and base64 of 24 to 64 bytes.
    #[schema(pattern = "^whsec_([A-Za-z0-9+/]{4}){8,22}$")]
    webhook_secret: Option<String>,
    /// Exact origins such as `https://shop.example`.
    #[schema(max_items = 20, value_type = Option<Vec<String>>)]
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

/// Create a product (its webhook secret is returned once if Lipa makes it up).
#[utoipa::path(post, path = "/v1/products", operation_id = "create_product", tag = "Products", request_body = ProductBody,
    responses((status = 200, body = ProductObject), (status = 400, body = ErrorObject), (status = 409, body = ErrorObject)))]
pub async fn create(m: Merchant, req: Idempotent<ProductBody>) -> Result<Response, ApiError> {
    let (core, owner) = (&m.core, &m.owner);
    req.run(core, owner, |mut body: ProductBody| async {
        let id = body.id.take();
        let change = products::create(core, owner, id, body.into()).await?;
        Ok(change.map(|p| Reply::ok(&p.object())))
    })
    .await
}

/// Change the fields sent.
#[utoipa::path(post, path = "/v1/products/{id}", operation_id = "update_product", tag = "Products", request_body = ProductBody,
    params(("id" = String, Path)),
    responses((status = 200, body = ProductObject), (status = 400, body = ErrorObject), (status = 404, body = ErrorObject)))]
pub async fn update(
    m: Merchant,
    Path(id): Path<String>,
    req: Idempotent<ProductBody>,
) -> Result<Response, ApiError> {
    let (core, owner) = (&m.core, &m.owner);
    req.run(core, owner, |body: ProductBody| async {
        if body.id.is_some() {
            return Err(products::id_is_fixed().into());
        }
        let change = products::update(core, owner, &id, body.into()).await?;
        Ok(change.map(|p| Reply::ok(&p.object())))
    })
    .await
}

/// Retrieve a product, with its webhook endpoint's health.
#[utoipa::path(get, path = "/v1/products/{id}", operation_id = "retrieve_product", tag = "Products", params(("id" = String, Path)),
    responses((status = 200, body = ProductObject), (status = 404, body = ErrorObject)))]
pub async fn retrieve(
    m: Merchant,
    Path(id): Path<String>,
) -> Result<axum::Json<ProductObject>, ApiError> {
    Ok(axum::Json(
        products::find(&m.core, &m.owner, &id).await?.object(),
    ))
}

/// The merchant's products.
#[utoipa::path(get, path = "/v1/products", operation_id = "list_products", tag = "Products",
    responses((status = 200, body = ProductList)))]
pub async fn list(m: Merchant) -> Result<axum::Json<ProductList>, ApiError> {
    let all = products::list(&m.core, &m.owner).await?;
    Ok(axum::Json(ProductList::new(
        all.iter().map(|p| p.object()).collect(),
    )))
}
