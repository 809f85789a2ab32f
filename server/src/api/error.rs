//! An API error: a status, a stable code, the field at fault and what is
//! wrong. The native API answers `{"error": {"code", "message", "param"}}`;
//! each compatible API shapes the same error its own way, naming fields in
//! its own words.

use crate::error::{Conflict, Error};
use crate::objects::{ErrorBody, ErrorObject};
use app::domain::{Field, FieldError};
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: String,
    /// The request field at fault, if one is.
    pub field: Option<Field>,
    pub text: Text,
}

/// What is wrong, said about the field (after its name) or on its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    AboutField(String),
    Whole(String),
}

impl ApiError {
    pub fn new(status: StatusCode, code: &str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            code: code.to_owned(),
            field: None,
            text: Text::Whole(message.into()),
        }
    }

    pub fn bad_request(code: &str, field: Field, reason: impl Into<String>) -> ApiError {
        ApiError {
            field: Some(field),
            text: Text::AboutField(reason.into()),
            ..ApiError::new(StatusCode::BAD_REQUEST, code, "")
        }
    }

    pub fn unauthorized(code: &str, message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::UNAUTHORIZED, code, message)
    }

    /// The field as `name` spells it, for a message or a `param`.
    pub fn param_with(&self, name: impl Fn(&Field) -> String) -> Option<String> {
        self.field.as_ref().map(name)
    }

    /// The message, naming the field as `name` spells it.
    pub fn message_with(&self, name: impl Fn(&Field) -> String) -> String {
        match (&self.text, &self.field) {
            (Text::AboutField(reason), Some(f)) => format!("`{}` {reason}", name(f)),
            (Text::AboutField(text) | Text::Whole(text), _) => text.clone(),
        }
    }

    /// The native `{"error": ...}` body.
    pub fn object(&self) -> ErrorObject {
        ErrorObject {
            error: ErrorBody {
                code: self.code.clone(),
                message: self.message_with(Field::native_name),
                param: self.param_with(Field::native_name),
            },
        }
    }
}

impl From<FieldError> for ApiError {
    fn from(e: FieldError) -> ApiError {
        ApiError::bad_request(&e.code, e.field, e.reason)
    }
}

impl From<Error> for ApiError {
    fn from(e: Error) -> ApiError {
        match e {
            Error::Invalid(fe) => fe.into(),
            Error::NotFound(resource, id) => ApiError {
                field: Some(Field::Id),
                ..ApiError::new(
                    StatusCode::NOT_FOUND,
                    "resource_missing",
                    format!("no {} `{id}`", resource.name()),
                )
            },
            Error::Conflict(c) => ApiError {
                field: matches!(c, Conflict::ProductExists(_)).then_some(Field::Id),
                ..ApiError::new(StatusCode::CONFLICT, c.code(), c.message())
            },
            Error::Forbidden(f) => ApiError::new(StatusCode::FORBIDDEN, f.code(), f.message()),
            Error::MerchantGone => {
                ApiError::unauthorized("api_key_invalid", "the key's merchant no longer exists")
            }
            Error::Refused(p) => match p.limit_code() {
                // A charge's push refused by a velocity limit (too many
                // pushes to one number, too many failed attempts).
                Some(code) => ApiError::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    code,
                    "too many payment requests for this charge or number; wait before trying again",
                ),
                None => {
                    tracing::error!(problem = ?p, "a payment refusal reached the API");
                    internal()
                }
            },
            Error::Store(e) => e.into(),
        }
    }
}

fn internal() -> ApiError {
    ApiError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal_error",
        "something went wrong on our side; it is safe to retry with the same Idempotency-Key",
    )
}

/// Database failures are logged with their cause and reported without it.
impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> ApiError {
        tracing::error!(error = %e, "database error");
        internal()
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut res = (self.status, Json(self.object())).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            res.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer realm=\"lipa\""),
            );
        }
        res
    }
}
