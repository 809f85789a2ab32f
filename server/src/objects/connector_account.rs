//! Connector accounts. Credentials are write-only: the object says whether
//! they are set and repeats only their non-secret fields.

use super::{ConnectorAccountTag, list, secs};
use crate::store::connector_accounts::Account;
use app::domain::MethodId;
use app::domain::provider::{Environment, Provider};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Clone, Debug, Serialize, ToSchema)]
#[schema(as = ConnectorAccount)]
pub struct ConnectorAccountObject {
    id: String,
    object: ConnectorAccountTag,
    provider: Provider,
    environment: Environment,
    methods: Vec<MethodId>,
    /// The credentials' non-secret fields, e.g. `business_short_code`.
    #[schema(value_type = Object)]
    settings: serde_json::Map<String, serde_json::Value>,
    credentials_set: bool,
    /// Where the provider must send its events, for providers configured
    /// with one endpoint per account (Stripe: add it in Stripe's dashboard
    /// and give its signing secret as `webhook_secret`).
    #[serde(skip_serializing_if = "Option::is_none")]
    webhook_url: Option<String>,
    /// `enabled` or `disabled`.
    status: AccountStatus,
    livemode: bool,
    created: i64,
    updated: i64,
}

#[derive(Clone, Copy, Debug, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AccountStatus {
    Enabled,
    Disabled,
}

impl ConnectorAccountObject {
    /// The object for an account of a Lipa reached at `public_url`.
    pub fn new(a: &Account, public_url: &str) -> ConnectorAccountObject {
        // Where the merchant points the provider's account-wide webhooks
        // (PayFast is told per payment).
        let webhook_url = matches!(a.provider, Provider::Stripe | Provider::Flutterwave)
            .then(|| format!("{public_url}/hooks/{}/{}", a.provider, a.id));
        ConnectorAccountObject {
            webhook_url,
            id: a.id.clone(),
            object: ConnectorAccountTag::Value,
            provider: a.provider,
            environment: a.environment,
            methods: a.methods.clone(),
            settings: a.settings.clone(),
            credentials_set: true,
            status: if a.enabled {
                AccountStatus::Enabled
            } else {
                AccountStatus::Disabled
            },
            livemode: a.livemode,
            created: secs(a.created_at),
            updated: secs(a.updated_at),
        }
    }
}

list!(ConnectorAccountList of ConnectorAccountObject, unpaged);
