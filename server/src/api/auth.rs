//! API key authentication: `Authorization: Bearer sk_...` or `Api-Key: sk_...`.

use super::ApiError;
use crate::secrets::PresentedKey;
use crate::store::Owner;
use crate::store::merchants;
use crate::{AppState, Core};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;

pub use crate::store::merchants::Caller;

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Caller, ApiError> {
        let header = |name: &str| parts.headers.get(name).and_then(|v| v.to_str().ok());
        let presented = header("authorization")
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .or_else(|| header("api-key"))
            .map(str::trim);
        let Some(secret) = presented else {
            return Err(ApiError::unauthorized(
                "api_key_missing",
                "send your secret key as `Authorization: Bearer sk_...` or `Api-Key: sk_...`",
            ));
        };
        let caller = authenticate(state, secret).await?;
        tracing::Span::current().record("merchant", caller.owner.merchant_id.as_str());
        Ok(caller)
    }
}

/// The caller behind a presented secret key, if it is valid, not revoked,
/// and not the public demo key of a server outside demo mode.
pub async fn authenticate(state: &AppState, secret: &str) -> Result<Caller, ApiError> {
    let invalid = || ApiError::unauthorized("api_key_invalid", "the API key is invalid or revoked");
    let key = PresentedKey::parse(secret).ok_or_else(invalid)?;
    let caller = merchants::authenticate(&state.db.pool, &key)
        .await?
        .ok_or_else(invalid)?;
    merchants::note_key_use(&state.db, &caller.key_id);
    admit(state, caller)
}

/// Refuses the public demo key unless the server runs with `LIPA_DEMO=1`.
pub fn admit(state: &AppState, caller: Caller) -> Result<Caller, ApiError> {
    if caller.demo_key && !state.config.demo {
        return Err(ApiError::unauthorized(
            "api_key_demo_only",
            "this is the public demo key: it works only while the server runs with LIPA_DEMO=1",
        ));
    }
    Ok(caller)
}

/// The merchant behind a valid key, in the key's mode, and the core its
/// requests reach: what every native handler starts from.
pub struct Merchant {
    pub core: Core,
    pub owner: Owner,
}

impl FromRequestParts<AppState> for Merchant {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Merchant, ApiError> {
        let caller = Caller::from_request_parts(parts, state).await?;
        Ok(Merchant {
            core: state.core.clone(),
            owner: caller.owner,
        })
    }
}
