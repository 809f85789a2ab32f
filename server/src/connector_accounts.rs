//! Connector accounts: a merchant plugs in their own provider credentials,
//! per mode. Credentials are checked, tried with the provider where it has
//! a cheap call, sealed with the master key (bound to the account's id) and
//! never shown, logged or put in an error again.

use crate::Core;
use crate::change::Change;
use crate::connector::Credentials;
use crate::db::{new_id, now_ms};
use crate::error::{Error, Resource, Result};
use crate::store::Owner;
use crate::store::connector_accounts::{self, Account};
use app::domain::MethodId;
use app::domain::provider::{Environment, Provider};
use app::domain::{Field, FieldError};
use serde_json::Value;

/// What a door asks for: every field optional, checked here.
#[derive(Default)]
pub struct AccountRequest {
    pub provider: Option<String>,
    pub environment: Option<String>,
    pub credentials: Option<Value>,
    pub methods: Option<Vec<String>>,
}

fn invalid(field: &str, reason: impl Into<String>) -> Error {
    FieldError::invalid(Field::Named(field.to_owned()), reason).into()
}

/// Live money never goes to a provider's sandbox.
fn environment(owner: &Owner, asked: Option<&str>) -> Result<Environment> {
    let default = if owner.livemode {
        Environment::Production
    } else {
        Environment::Sandbox
    };
    let env = match asked {
        None => default,
        Some(s) => Environment::parse(s)
            .ok_or_else(|| invalid("environment", "must be `sandbox` or `production`"))?,
    };
    if owner.livemode && env == Environment::Sandbox {
        return Err(invalid(
            "environment",
            "must be `production` for a live-mode account: use a test key for the provider's sandbox",
        ));
    }
    Ok(env)
}

fn methods(provider: Provider, asked: Option<Vec<String>>) -> Result<Vec<MethodId>> {
    let Some(list) = asked else {
        return Ok(provider.default_methods().to_vec());
    };
    if list.is_empty() {
        return Err(invalid(
            "methods",
            "must not be empty; omit it for the provider's methods",
        ));
    }
    let mut out = Vec::new();
    for (i, name) in list.iter().enumerate() {
        let m = MethodId::parse(name)
            .filter(|m| provider.methods().contains(m))
            .ok_or_else(|| {
                invalid(
                    &format!("methods[{i}]"),
                    format!("names `{name}`, which {provider} does not collect with"),
                )
            })?;
        if !out.contains(&m) {
            out.push(m);
        }
    }
    Ok(out)
}

/// Tries the credentials with the provider; its refusal is the merchant's
/// answer (never echoing a secret: reasons come from the provider's error
/// fields, which never repeat what was sent).
async fn verified(core: &Core, env: Environment, creds: &Credentials) -> Result<()> {
    if let Some(problem) = creds.environment_problem(env) {
        return Err(problem.into());
    }
    core.checkouts
        .connectors
        .verify(env, creds)
        .await
        .map_err(|reason| {
            FieldError::new(
                "connector_credentials_invalid",
                Field::Named("credentials".into()),
                format!("were refused by {}: {reason}", creds.provider()),
            )
            .into()
        })
}

/// Adds an account, enabled.
pub async fn create(core: &Core, owner: &Owner, req: AccountRequest) -> Result<Change<Account>> {
    let provider = req
        .provider
        .as_deref()
        .ok_or_else(|| FieldError::missing(Field::Named("provider".into())))?;
    let provider = Provider::parse(provider).ok_or_else(|| {
        invalid(
            "provider",
            "must be `mpesa_daraja`, `mpesa_vodacom_mz`, `mtn_momo`, `stripe`, `flutterwave` or `payfast`",
        )
    })?;
    let env = environment(owner, req.environment.as_deref())?;
    let methods = methods(provider, req.methods)?;
    let given = req
        .credentials
        .ok_or_else(|| FieldError::missing(Field::Named("credentials".into())))?;
    let creds = Credentials::parse(provider, given)?;
    verified(core, env, &creds).await?;
    let now = now_ms();
    let account = Account {
        id: new_id("ca", 20),
        merchant_id: owner.merchant_id.clone(),
        livemode: owner.livemode,
        provider,
        environment: env,
        methods,
        settings: creds.settings(),
        enabled: true,
        created_at: now,
        updated_at: now,
    };
    let sealed = core.config.master_key.seal(&account.id, &creds.to_json());
    let mut tx = core.db.begin().await?;
    connector_accounts::insert(&mut tx, &account, &sealed).await?;
    tracing::info!(account = %account.id, connector = provider.as_str(), "connector account added");
    Ok(Change::new(tx, account))
}

pub async fn find(core: &Core, owner: &Owner, id: &str) -> Result<Account> {
    connector_accounts::get(&core.db.pool, owner, id)
        .await?
        .ok_or_else(|| Error::NotFound(Resource::ConnectorAccount, id.to_owned()))
}

pub async fn list(core: &Core, owner: &Owner) -> Result<Vec<Account>> {
    Ok(connector_accounts::list(&core.db.pool, owner).await?)
}

/// Changes the fields sent. New credentials are laid over the stored ones
/// (so rotating one secret needs only that field) and tried again.
pub async fn update(
    core: &Core,
    owner: &Owner,
    id: &str,
    req: AccountRequest,
) -> Result<Change<Account>> {
    let mut account = find(core, owner, id).await?;
    if req
        .provider
        .as_deref()
        .is_some_and(|p| p != account.provider.as_str())
    {
        return Err(invalid(
            "provider",
            "cannot change: add a new account instead",
        ));
    }
    let env = match req.environment.as_deref() {
        Some(e) => environment(owner, Some(e))?,
        None => account.environment,
    };
    let methods = match req.methods {
        Some(m) => methods(account.provider, Some(m))?,
        None => account.methods.clone(),
    };
    let mut sealed = None;
    if req.credentials.is_some() || env != account.environment {
        let creds = merged(core, &account, req.credentials).await?;
        verified(core, env, &creds).await?;
        account.settings = creds.settings();
        sealed = Some(core.config.master_key.seal(&account.id, &creds.to_json()));
    }
    account.environment = env;
    account.methods = methods;
    account.updated_at = now_ms();
    let mut tx = core.db.begin().await?;
    connector_accounts::update(&mut tx, &account, sealed.as_deref()).await?;
    tracing::info!(account = %account.id, connector = account.provider.as_str(),
        rotated = sealed.is_some(), "connector account updated");
    Ok(Change::new(tx, account))
}

/// The stored credentials with the new fields laid over them.
async fn merged(core: &Core, account: &Account, new: Option<Value>) -> Result<Credentials> {
    let stored = core
        .checkouts
        .connectors
        .credentials(account)
        .await
        .map_err(|e| {
            invalid(
                "credentials",
                format!(
                    "the stored ones cannot be opened ({}): send them all again",
                    e.message
                ),
            )
        })?;
    let mut all: Value = serde_json::from_str(&stored.to_json()).unwrap_or(Value::Null);
    match (new, all.as_object_mut()) {
        (Some(Value::Object(fields)), Some(obj)) => obj.extend(fields),
        (Some(_), _) => return Err(invalid("credentials", "must be an object")),
        (None, _) => {}
    }
    Ok(Credentials::parse(account.provider, all)?)
}

/// Stops routing payments to the account. What it already started still
/// settles and refunds through it.
pub async fn disable(core: &Core, owner: &Owner, id: &str) -> Result<Change<Account>> {
    let mut account = find(core, owner, id).await?;
    account.enabled = false;
    account.updated_at = now_ms();
    let mut tx = core.db.begin().await?;
    connector_accounts::update(&mut tx, &account, None).await?;
    tracing::info!(account = %account.id, connector = account.provider.as_str(), "connector account disabled");
    Ok(Change::new(tx, account))
}
