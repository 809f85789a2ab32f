//! Products and the health of their webhook endpoints.

use super::{ListTag, lower_code, secs, tag};
use crate::store::events::{EndpointHealth, EndpointStatus};
use crate::store::products::Product;
use app::domain::MethodId;
use serde::Serialize;
use utoipa::ToSchema;

tag!(ProductTag = "product");
tag!(ProductType = "api_gateway");

#[derive(Clone, Debug, Serialize, ToSchema)]
#[schema(as = WebhookEndpoint)]
pub struct WebhookEndpointObject {
    pub status: EndpointStatus,
    pub failing_since: Option<i64>,
    pub disabled_at: Option<i64>,
    pub disabled_reason: Option<String>,
    pub last_success_at: Option<i64>,
    pub last_failure_at: Option<i64>,
}

impl From<&EndpointHealth> for WebhookEndpointObject {
    fn from(h: &EndpointHealth) -> WebhookEndpointObject {
        WebhookEndpointObject {
            status: h.status(),
            failing_since: h.failing_since.map(secs),
            disabled_at: h.disabled_at.map(secs),
            disabled_reason: h.disabled_reason.clone(),
            last_success_at: h.last_success_at.map(secs),
            last_failure_at: h.last_failure_at.map(secs),
        }
    }
}

/// The product: the settings a checkout inherits. The webhook secret is
/// write-only: only whether one is set is shown.
#[derive(Clone, Debug, Serialize, ToSchema)]
#[schema(as = Product)]
pub struct ProductObject {
    pub id: String,
    pub object: ProductTag,
    #[serde(rename = "type")]
    pub product_type: ProductType,
    pub name: String,
    pub main_currency: String,
    pub payment_methods: Vec<MethodId>,
    pub webhook_url: Option<String>,
    pub webhook_secret_set: bool,
    /// How the endpoint at `webhook_url` has been doing.
    pub webhook_endpoint: Option<WebhookEndpointObject>,
    /// Only in the create response, when Lipa made the secret up: shown once.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub webhook_secret: Option<String>,
    pub embed_origins: Vec<String>,
    pub active: bool,
    pub created: i64,
    pub updated: i64,
}

impl ProductObject {
    pub fn new(p: &Product, health: Option<&EndpointHealth>) -> ProductObject {
        let endpoint = p
            .spec
            .webhook_url
            .as_ref()
            .map(|_| WebhookEndpointObject::from(&health.cloned().unwrap_or_default()));
        ProductObject {
            id: p.id.clone(),
            object: ProductTag::Value,
            product_type: ProductType::Value,
            name: p.spec.name.clone(),
            main_currency: lower_code(p.spec.main_currency),
            payment_methods: p.spec.payment_methods.clone(),
            webhook_url: p.spec.webhook_url.clone(),
            webhook_secret_set: p.has_webhook_secret,
            webhook_endpoint: endpoint,
            webhook_secret: None,
            embed_origins: p.spec.embed_origins.clone(),
            active: p.spec.active,
            created: secs(p.created_at),
            updated: secs(p.updated_at),
        }
    }
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ProductList {
    pub object: ListTag,
    pub data: Vec<ProductObject>,
}
