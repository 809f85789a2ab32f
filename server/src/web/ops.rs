//! The operator's doors: liveness (`/healthz`), readiness (`/readyz`: the
//! database answers) and the metrics (`/metrics`, behind a token or on an
//! address of its own).

use crate::AppState;
use crate::db::now_ms;
use crate::metrics::METRICS;
use crate::store::events;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::time::Duration;
use subtle::ConstantTimeEq;

/// How long readiness waits for the database.
const READY_WITHIN: Duration = Duration::from_secs(2);

/// `GET /readyz`: 200 while the database answers, 503 while it does not.
pub async fn ready(State(state): State<AppState>) -> Response {
    let ping = sqlx::query("SELECT 1").execute(&state.db.pool);
    match tokio::time::timeout(READY_WITHIN, ping).await {
        Ok(Ok(_)) => "ready".into_response(),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "not ready: the database failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response(),
    }
}

/// `GET /metrics` on the public address: only with the operator's token
/// (`LIPA_METRICS_TOKEN`); absent without one.
pub async fn guarded(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(token) = state.config.metrics_token.as_deref() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    if !bool::from(given.as_bytes().ct_eq(token.as_bytes())) {
        return (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer")],
            "a metrics token is required",
        )
            .into_response();
    }
    exposition(state).await
}

/// The exposition itself: on the metrics address, or behind the token.
pub async fn exposition(state: AppState) -> Response {
    let now = now_ms();
    let (backlog, oldest) = match events::backlog(&state.db.pool, now).await {
        Ok(b) => b,
        Err(e) => {
            tracing::warn!(error = %e, "metrics: the webhook backlog could not be read");
            (0, None)
        }
    };
    (
        [(
            header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        METRICS.render(now, backlog, oldest),
    )
        .into_response()
}

/// The router for `LIPA_METRICS_ADDR`: `/metrics` without a token.
pub fn metrics_router(state: AppState) -> axum::Router {
    axum::Router::new()
        .route(
            "/metrics",
            axum::routing::get(|State(s): State<AppState>| exposition(s)),
        )
        .with_state(state)
}
