//! Drop-in endpoints for merchants coming from other gateways. Each adapter
//! only translates: its request into a [`CheckoutDraft`] for the one session
//! builder ([`super::sessions::build`]), the session back into its response
//! shape, our errors into its error shape. No logic of its own.
//!
//! Unknown request fields are ignored here (as those gateways do), so a
//! merchant's existing request works unchanged.
//!
//! [`CheckoutDraft`]: app::domain::CheckoutDraft

pub mod orqex;
pub mod waftpay;
pub mod zenofy;

use super::ApiError;
use crate::AppState;
use crate::store::sessions::{self, Session};
use serde::de::DeserializeOwned;

/// The compatible endpoints outside `/v1` (Orqex's live under `/v1`, see
/// [`super::router`]).
pub fn router() -> axum::Router<AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/openapi.json", get(super::openapi::json))
        .route("/docs", get(super::openapi::page))
        .route("/checkout/order-api-gateway", post(zenofy::create_order))
        .route("/checkout/order-status", get(zenofy::order_status_call))
        .route("/checkout-backend-api/v1/auth/token", post(waftpay::token))
        .route("/checkout-backend-api/v1/request", post(waftpay::request))
        .route(
            "/checkout-backend-api/v1/request/{reference}",
            get(waftpay::status),
        )
}

/// Parses a body, naming the field that is wrong (unknown fields pass).
pub fn parse_lenient<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    let body: &[u8] = if body.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        body
    };
    let de = &mut serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if inner.is_syntax() || inner.is_eof() {
            return ApiError::bad_request(
                "invalid_json",
                None,
                format!("the body is not valid JSON: {inner}"),
            );
        }
        let param = (path != ".").then_some(path.clone());
        ApiError::bad_request("parameter_invalid", param, format!("`{path}`: {inner}"))
    })
}

/// Puts another API's field names into one of our messages.
pub fn rename_fields(message: &str, names: &[(&str, &str)]) -> String {
    names.iter().fold(message.to_owned(), |m, (ours, theirs)| {
        m.replace(ours, theirs)
    })
}

/// A Unix time as ISO 8601 UTC with `digits` fractional digits (0-9):
/// `2026-05-20T14:30:00.0000000Z` with 7.
pub fn iso_utc(unix_ms: i64, digits: usize) -> String {
    let t = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(unix_ms) * 1_000_000)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    let base = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    );
    if digits == 0 {
        return format!("{base}Z");
    }
    let nanos = format!("{:09}", t.nanosecond());
    format!("{base}.{}Z", &nanos[..digits.min(9)])
}

/// Inserts a built session (with what its API added) and logs it.
pub async fn insert(state: &AppState, session: &Session) -> Result<(), ApiError> {
    let mut tx = state.db.begin().await?;
    if let Err(e) = sessions::insert(&mut tx, session).await {
        tx.rollback().await?;
        return Err(if crate::db::is_unique_violation(&e) {
            ApiError::conflict(
                "reference_in_use",
                "a checkout with this reference already exists",
            )
        } else {
            e.into()
        });
    }
    tx.commit().await?;
    tracing::info!(session = %session.id, api = %session.compat.api, amount = session.amount_total,
        currency = %session.currency, "checkout session created");
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn iso_times_have_the_asked_precision() {
        let ms = 1_779_287_400_000 + 921; // 2026-05-20T14:30:00.921Z
        assert_eq!(super::iso_utc(ms, 3), "2026-05-20T14:30:00.921Z");
        assert_eq!(super::iso_utc(ms - 921, 7), "2026-05-20T14:30:00.0000000Z");
        assert_eq!(super::iso_utc(ms, 0), "2026-05-20T14:30:00Z");
    }
}
