//! `Idempotency-Key`: the same key with the same request returns the first
//! response for 24 hours; with a different request it is a 409; two at once
//! run once (the second waits for the first and gets its response).

use super::{ApiError, Caller};
use crate::AppState;
use crate::db::{Tx, now_ms};
use crate::store::idempotency::{self as store, Claim, KeyRef};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// How long a second request waits for the first one with its key.
const WAIT_FOR_FIRST: Duration = Duration::from_secs(10);

/// Handed to a POST handler so it can store its response in the same
/// transaction as the change the response reports.
pub struct Idempotency {
    key: Option<String>,
    merchant_id: String,
    livemode: bool,
    recorded: AtomicBool,
}

impl Idempotency {
    fn key_ref(&self) -> Option<KeyRef<'_>> {
        self.key.as_deref().map(|key| KeyRef {
            merchant_id: &self.merchant_id,
            livemode: self.livemode,
            key,
        })
    }

    pub async fn record(
        &self,
        tx: &mut Tx<'_>,
        status: StatusCode,
        body: &str,
    ) -> Result<(), sqlx::Error> {
        if let Some(k) = self.key_ref() {
            store::complete(tx, &k, status.as_u16(), body).await?;
            self.recorded.store(true, Ordering::SeqCst);
        }
        Ok(())
    }
}

/// A handler's successful answer: status and JSON body.
pub struct Reply {
    pub status: StatusCode,
    pub body: String,
}

impl Reply {
    pub fn ok(value: &Value) -> Reply {
        Reply {
            status: StatusCode::OK,
            body: serde_json::to_string(value).expect("JSON values serialise"),
        }
    }
}

fn json_response(status: StatusCode, body: String, replayed: bool) -> Response {
    let mut res = (status, body).into_response();
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

/// Runs a POST handler under the request's `Idempotency-Key`, if it has one.
pub async fn run<F, Fut>(
    state: &AppState,
    caller: &Caller,
    headers: &HeaderMap,
    route: &str,
    body: &[u8],
    handler: F,
) -> Response
where
    F: FnOnce(std::sync::Arc<Idempotency>) -> Fut,
    Fut: Future<Output = Result<Reply, ApiError>>,
{
    let key = match headers.get("idempotency-key").map(|v| v.to_str()) {
        None => None,
        Some(Ok(k)) if !k.is_empty() && k.len() <= 255 => Some(k.to_owned()),
        Some(_) => {
            return ApiError::bad_request(
                "idempotency_key_invalid",
                None,
                "Idempotency-Key must be 1 to 255 visible ASCII characters",
            )
            .into_response();
        }
    };
    run_keyed(state, caller, key, route, body, handler).await
}

/// As [`run`], with a key the caller read itself (another API's header).
pub async fn run_keyed<F, Fut>(
    state: &AppState,
    caller: &Caller,
    key: Option<String>,
    route: &str,
    body: &[u8],
    handler: F,
) -> Response
where
    F: FnOnce(std::sync::Arc<Idempotency>) -> Fut,
    Fut: Future<Output = Result<Reply, ApiError>>,
{
    let idem = std::sync::Arc::new(Idempotency {
        key,
        merchant_id: caller.merchant_id.clone(),
        livemode: caller.livemode,
        recorded: AtomicBool::new(false),
    });
    if let Some(k) = idem.key_ref() {
        let hash = request_hash(route, body);
        let started = tokio::time::Instant::now();
        loop {
            let claim = match store::claim(&state.db, &k, &hash, now_ms()).await {
                Ok(c) => c,
                Err(e) => return ApiError::from(e).into_response(),
            };
            match claim {
                Claim::Fresh => break,
                Claim::Replay { status, body } => {
                    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
                    return json_response(status, body, true);
                }
                Claim::Mismatch => {
                    return ApiError::conflict(
                        "idempotency_key_reused",
                        "this Idempotency-Key was used with a different request; use a new key",
                    )
                    .into_response();
                }
                Claim::InProgress if started.elapsed() < WAIT_FOR_FIRST => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                Claim::InProgress => {
                    return ApiError::conflict(
                        "idempotency_key_in_use",
                        "a request with this Idempotency-Key is still being processed; retry shortly",
                    )
                    .into_response();
                }
            }
        }
    }

    let result = handler(idem.clone()).await;
    let Some(k) = idem.key_ref() else {
        return match result {
            Ok(reply) => json_response(reply.status, reply.body, false),
            Err(e) => e.into_response(),
        };
    };
    match result {
        Ok(reply) => {
            // A handler that changed nothing records here instead.
            if !idem.recorded.load(Ordering::SeqCst) {
                let stored = async {
                    let mut tx = state.db.begin().await?;
                    store::complete(&mut tx, &k, reply.status.as_u16(), &reply.body).await?;
                    tx.commit().await
                };
                if let Err(e) = stored.await {
                    tracing::error!(error = %e, "could not store the idempotent response");
                }
            }
            json_response(reply.status, reply.body, false)
        }
        Err(e) => {
            // Errors change nothing: forget the key so a corrected retry works.
            if let Err(db) = store::release(&state.db, &k).await {
                tracing::error!(error = %db, "could not release an idempotency key");
            }
            e.into_response()
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
