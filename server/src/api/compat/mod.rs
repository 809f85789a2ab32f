//! Drop-in endpoints for merchants coming from other gateways. Each adapter
//! only translates: its request into a [`SessionRequest`] for the one
//! session use case ([`crate::sessions::open`]) with `TryFrom`, the session
//! back into its answer with `From`, and our errors into its error shape at
//! one point, naming fields in its own words by lookup. No rules of its own.
//!
//! Unknown request fields are ignored here (as those gateways do), so a
//! merchant's existing request works unchanged.
//!
//! [`SessionRequest`]: crate::sessions::SessionRequest

pub mod orqex;
pub mod waftpay;
pub mod zenofy;

/// An API's error shape made `From` every error a use case or extractor can
/// give (through [`ApiError`](crate::api::ApiError)), and answered with the
/// status it carries.
macro_rules! error_shape {
    ($shape:ident) => {
        impl From<crate::error::Error> for $shape {
            fn from(e: crate::error::Error) -> $shape {
                crate::api::ApiError::from(e).into()
            }
        }

        impl From<sqlx::Error> for $shape {
            fn from(e: sqlx::Error) -> $shape {
                crate::api::ApiError::from(e).into()
            }
        }

        impl From<app::domain::FieldError> for $shape {
            fn from(e: app::domain::FieldError) -> $shape {
                crate::api::ApiError::from(e).into()
            }
        }

        impl axum::response::IntoResponse for $shape {
            fn into_response(self) -> axum::response::Response {
                (self.status, axum::Json(self)).into_response()
            }
        }
    };
}
pub(crate) use error_shape;

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
