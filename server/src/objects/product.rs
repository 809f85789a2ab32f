//! Products and the health of their webhook endpoints.

use super::{ProductTag, ProductType, list, lower_code, secs};
use crate::store::events::{EndpointHealth, EndpointStatus};
use crate::store::products::Product;
use app::domain::MethodId;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Clone, Debug, Serialize, ToSchema)]
#[schema(as = WebhookEndpoint)]
pub struct WebhookEndpointObject {
    status: EndpointStatus,
    failing_since: Option<i64>,
    disabled_at: Option<i64>,
    disabled_reason: Option<String>,
    last_success_at: Option<i64>,
    last_failure_at: Option<i64>,
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
    id: String,
    object: ProductTag,
    #[serde(rename = "type")]
    product_type: ProductType,
    name: String,
    main_currency: String,
    payment_methods: Vec<MethodId>,
    webhook_url: Option<String>,
    webhook_secret_set: bool,
    /// How the endpoint at `webhook_url` has been doing.
    webhook_endpoint: Option<WebhookEndpointObject>,
    /// Only in the create response, when Lipa made the secret up: shown once.
    #[serde(skip_serializing_if = "Option::is_none")]
    webhook_secret: Option<String>,
    embed_origins: Vec<String>,
    active: bool,
    /// Whether live keys see it (test keys see only test products).
    livemode: bool,
    created: i64,
    updated: i64,
}

impl ProductObject {
    /// With a webhook secret Lipa made up: shown once, on creation.
    pub fn with_new_secret(mut self, secret: Option<String>) -> ProductObject {
        self.webhook_secret = secret;
        self
    }

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
            livemode: p.livemode,
            created: secs(p.created_at),
            updated: secs(p.updated_at),
        }
    }
}

list!(ProductList of ProductObject, unpaged);
