//! `/v1/connector_accounts`: the merchant's own provider credentials.

use super::NoParams;
use super::extract::Idempotent;
use super::{ApiError, Merchant, Reply};
use crate::connector::{daraja, flutterwave, momo, payfast, stripe, vodacom_mz};
use crate::connector_accounts::{self, AccountRequest};
use crate::objects::{ConnectorAccountList, ConnectorAccountObject, ErrorObject};
use app::domain::MethodId;
use app::domain::provider::{Environment, Provider};
use axum::extract::Path;
use axum::response::Response;
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConnectorAccountBody {
    /// Create only.
    #[schema(value_type = Option<Provider>)]
    provider: Option<String>,
    /// Default: `sandbox` for a test key, `production` for a live key (which
    /// accepts only `production`).
    #[schema(value_type = Option<Environment>)]
    environment: Option<String>,
    /// Write-only: the provider's fields (see the README). On update, the
    /// fields sent replace the stored ones.
    #[schema(value_type = Option<Object>)]
    credentials: Option<Value>,
    /// Default: every method the provider collects with.
    #[schema(value_type = Option<Vec<MethodId>>, min_items = 1)]
    methods: Option<Vec<String>>,
}

impl From<ConnectorAccountBody> for AccountRequest {
    fn from(b: ConnectorAccountBody) -> AccountRequest {
        AccountRequest {
            provider: b.provider,
            environment: b.environment,
            credentials: b.credentials,
            methods: b.methods,
        }
    }
}

// The create request as documented, one shape per provider: the handler
// reads the looser `ConnectorAccountBody` to answer field by field.
/// One shape per provider: `credentials` holds that provider's fields.
#[allow(dead_code)]
#[derive(utoipa::ToSchema)]
#[serde(tag = "provider", rename_all = "snake_case")]
pub enum NewConnectorAccount {
    MpesaDaraja {
        #[schema(value_type = Option<Environment>)]
        environment: Option<String>,
        credentials: daraja::Credentials,
        #[schema(value_type = Option<Vec<MethodId>>, min_items = 1)]
        methods: Option<Vec<String>>,
    },
    MpesaVodacomMz {
        #[schema(value_type = Option<Environment>)]
        environment: Option<String>,
        credentials: vodacom_mz::Credentials,
        #[schema(value_type = Option<Vec<MethodId>>, min_items = 1)]
        methods: Option<Vec<String>>,
    },
    MtnMomo {
        #[schema(value_type = Option<Environment>)]
        environment: Option<String>,
        credentials: momo::Credentials,
        #[schema(value_type = Option<Vec<MethodId>>, min_items = 1)]
        methods: Option<Vec<String>>,
    },
    Stripe {
        #[schema(value_type = Option<Environment>)]
        environment: Option<String>,
        credentials: stripe::Credentials,
        #[schema(value_type = Option<Vec<MethodId>>, min_items = 1)]
        methods: Option<Vec<String>>,
    },
    Flutterwave {
        #[schema(value_type = Option<Environment>)]
        environment: Option<String>,
        credentials: flutterwave::Credentials,
        #[schema(value_type = Option<Vec<MethodId>>, min_items = 1)]
        methods: Option<Vec<String>>,
    },
    Payfast {
        #[schema(value_type = Option<Environment>)]
        environment: Option<String>,
        credentials: payfast::Credentials,
        #[schema(value_type = Option<Vec<MethodId>>, min_items = 1)]
        methods: Option<Vec<String>>,
    },
}

/// Add a connector account (its credentials are tried with the provider).
#[utoipa::path(post, path = "/v1/connector_accounts", operation_id = "create_connector_account", tag = "Connector accounts",
    request_body = NewConnectorAccount,
    responses((status = 200, body = ConnectorAccountObject), (status = 400, body = ErrorObject)))]
pub async fn create(
    m: Merchant,
    req: Idempotent<ConnectorAccountBody>,
) -> Result<Response, ApiError> {
    let (core, owner) = (&m.core, &m.owner);
    req.run(core, owner, |body: ConnectorAccountBody| async {
        let change = connector_accounts::create(core, owner, body.into()).await?;
        Ok(change.map(|a| Reply::ok(&ConnectorAccountObject::new(&a, &core.config.public_url))))
    })
    .await
}

/// Change the environment, the methods, or rotate credentials.
#[utoipa::path(post, path = "/v1/connector_accounts/{id}", operation_id = "update_connector_account", tag = "Connector accounts",
    request_body = ConnectorAccountBody, params(("id" = String, Path)),
    responses((status = 200, body = ConnectorAccountObject), (status = 400, body = ErrorObject), (status = 404, body = ErrorObject)))]
pub async fn update(
    m: Merchant,
    Path(id): Path<String>,
    req: Idempotent<ConnectorAccountBody>,
) -> Result<Response, ApiError> {
    let (core, owner) = (&m.core, &m.owner);
    req.run(core, owner, |body: ConnectorAccountBody| async {
        let change = connector_accounts::update(core, owner, &id, body.into()).await?;
        Ok(change.map(|a| Reply::ok(&ConnectorAccountObject::new(&a, &core.config.public_url))))
    })
    .await
}

/// Stop sending payments to the account.
#[utoipa::path(post, path = "/v1/connector_accounts/{id}/disable", operation_id = "disable_connector_account", tag = "Connector accounts",
    params(("id" = String, Path)),
    responses((status = 200, body = ConnectorAccountObject), (status = 404, body = ErrorObject)))]
pub async fn disable(
    m: Merchant,
    Path(id): Path<String>,
    req: Idempotent<NoParams>,
) -> Result<Response, ApiError> {
    let (core, owner) = (&m.core, &m.owner);
    req.run(core, owner, |NoParams {}| async {
        let change = connector_accounts::disable(core, owner, &id).await?;
        Ok(change.map(|a| Reply::ok(&ConnectorAccountObject::new(&a, &core.config.public_url))))
    })
    .await
}

/// Retrieve a connector account.
#[utoipa::path(get, path = "/v1/connector_accounts/{id}", operation_id = "retrieve_connector_account", tag = "Connector accounts",
    params(("id" = String, Path)),
    responses((status = 200, body = ConnectorAccountObject), (status = 404, body = ErrorObject)))]
pub async fn retrieve(
    m: Merchant,
    Path(id): Path<String>,
) -> Result<axum::Json<ConnectorAccountObject>, ApiError> {
    let a = connector_accounts::find(&m.core, &m.owner, &id).await?;
    Ok(axum::Json(ConnectorAccountObject::new(
        &a,
        &m.core.config.public_url,
    )))
}

/// The merchant's connector accounts in the key's mode, oldest first.
#[utoipa::path(get, path = "/v1/connector_accounts", operation_id = "list_connector_accounts", tag = "Connector accounts",
    responses((status = 200, body = ConnectorAccountList)))]
pub async fn list(m: Merchant) -> Result<axum::Json<ConnectorAccountList>, ApiError> {
    let all = connector_accounts::list(&m.core, &m.owner).await?;
    Ok(axum::Json(ConnectorAccountList::new(
        all.iter()
            .map(|a| ConnectorAccountObject::new(a, &m.core.config.public_url))
            .collect(),
    )))
}
