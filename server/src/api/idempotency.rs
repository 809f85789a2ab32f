//! `Idempotency-Key`: the same key with the same request returns the first
//! response for 24 hours; with a different request it is a 409; two at once
//! run once (the second waits for the first and gets its response).

use super::ApiError;
use crate::Core;
use crate::change::{Change, Journal};
use crate::db::{Tx, now_ms};
use crate::secrets::MasterKey;
use crate::store::Owner;
use crate::store::idempotency::{self as store, Claim, KeyRef};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::time::Duration;

/// How long a second request waits for the first one with its key.
const WAIT_FOR_FIRST: Duration = Duration::from_secs(10);

/// A successful answer: status and JSON body, as stored for replays.
pub struct Reply {
    pub status: StatusCode,
    pub body: String,
}

impl Reply {
    pub fn json(status: StatusCode, value: &impl Serialize) -> Reply {
        Reply {
            status,
            body: serde_json::to_string(value).expect("objects serialise"),
        }
    }

    pub fn ok(value: &impl Serialize) -> Reply {
        Reply::json(StatusCode::OK, value)
    }

    fn into_response(self, replayed: bool) -> Response {
        let mut res = (self.status, self.body).into_response();
        let headers = res.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        if replayed {
            headers.insert("idempotent-replayed", HeaderValue::from_static("true"));
        }
        res
    }
}

/// A key this request holds until it finishes.
#[derive(Clone)]
pub struct HeldKey {
    owner: Owner,
    key: String,
}

impl HeldKey {
    fn as_ref(&self) -> KeyRef<'_> {
        KeyRef {
            merchant_id: &self.owner.merchant_id,
            livemode: self.owner.livemode,
            key: &self.key,
        }
    }
}

pub enum Claimed {
    /// Seen before with the same request: its first answer.
    Replay(Response),
    /// This request runs (holding the key, if it sent one).
    Fresh(Option<HeldKey>),
}

/// The request's fingerprint: method and path, and the body with its keys
/// sorted (so key order and white space do not make it "different").
fn request_hash(route: &str, body: &[u8]) -> String {
    let canonical = match serde_json::from_slice::<Value>(body) {
        Ok(v) => serde_json::to_vec(&v).expect("JSON values serialise"),
        Err(_) => body.to_vec(),
    };
    let mut h = Sha256::new();
    h.update(route.as_bytes());
    h.update(b"\n");
    h.update(&canonical);
    hex::encode(h.finalize())
}

/// Claims the key for this request, waiting a while for a first request
/// with the same key still running.
pub async fn claim(
    core: &Core,
    owner: &Owner,
    key: Option<String>,
    route: &str,
    body: &[u8],
) -> Result<Claimed, ApiError> {
    let Some(key) = key else {
        return Ok(Claimed::Fresh(None));
    };
    let held = HeldKey {
        owner: owner.clone(),
        key,
    };
    let hash = request_hash(route, body);
    let started = tokio::time::Instant::now();
    loop {
        let master = &core.config.master_key;
        match store::claim(&core.db, master, &held.as_ref(), &hash, now_ms()).await? {
            Claim::Fresh => return Ok(Claimed::Fresh(Some(held))),
            Claim::Replay { status, body } => {
                let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
                return Ok(Claimed::Replay(Reply { status, body }.into_response(true)));
            }
            Claim::Mismatch => {
                return Err(ApiError::new(
                    StatusCode::CONFLICT,
                    "idempotency_key_reused",
                    "this Idempotency-Key was used with a different request; use a new key",
                ));
            }
            Claim::InProgress if started.elapsed() < WAIT_FOR_FIRST => {
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            Claim::InProgress => {
                return Err(ApiError::new(
                    StatusCode::CONFLICT,
                    "idempotency_key_in_use",
                    "a request with this Idempotency-Key is still being processed; retry shortly",
                ));
            }
        }
    }
}

/// The held key as a use case's [`Journal`]: the use case records its
/// answer (rendered by `render`) before money may move; a later failure
/// then leaves that answer for retries instead of letting the key go.
pub struct KeyJournal<R> {
    key: Option<HeldKey>,
    master: MasterKey,
    render: R,
}

impl<R> KeyJournal<R> {
    pub fn new(core: &Core, key: Option<HeldKey>, render: R) -> KeyJournal<R> {
        KeyJournal {
            key,
            master: core.config.master_key.clone(),
            render,
        }
    }
}

#[async_trait::async_trait]
impl<T: Sync, R: Fn(&T) -> Reply + Send + Sync> Journal<T> for KeyJournal<R> {
    async fn record(&self, tx: &mut Tx<'_>, value: &T) -> Result<(), sqlx::Error> {
        let Some(k) = &self.key else {
            return Ok(());
        };
        let reply = (self.render)(value);
        store::complete(
            tx,
            &self.master,
            &k.as_ref(),
            reply.status.as_u16(),
            &reply.body,
        )
        .await
    }
}

/// Stores the answer with the change and commits. An error lets the key
/// go so a corrected retry may use it, unless the use case already
/// recorded an answer (money may have moved): retries get that one.
pub async fn finish(
    core: &Core,
    key: Option<HeldKey>,
    result: Result<Change<Reply>, ApiError>,
) -> Result<Response, ApiError> {
    match result {
        Ok(mut change) => {
            if let Some(k) = &key {
                let reply = &change.value;
                store::complete(
                    &mut change.tx,
                    &core.config.master_key,
                    &k.as_ref(),
                    reply.status.as_u16(),
                    &reply.body,
                )
                .await?;
            }
            Ok(change.commit().await?.into_response(false))
        }
        Err(e) => {
            if let Some(k) = &key
                && let Err(db) = store::release(&core.db, &k.as_ref()).await
            {
                tracing::error!(error = %db, "could not release an idempotency key");
            }
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_ignores_key_order_and_spacing_but_not_values() {
        let a = request_hash("POST /v1/x", br#"{"a":1,"b":[1,2]}"#);
        let b = request_hash("POST /v1/x", br#"{ "b": [1, 2], "a": 1 }"#);
        let c = request_hash("POST /v1/x", br#"{"a":2,"b":[1,2]}"#);
        let d = request_hash("POST /v1/y", br#"{"a":1,"b":[1,2]}"#);
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_ne!(a, d);
    }
}
