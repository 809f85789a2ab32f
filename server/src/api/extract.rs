//! Typed request plumbing: JSON bodies and query strings parsed into their
//! request types with errors that name the parameter, and the idempotent
//! POST (raw body, `Idempotency-Key`, route) every write goes through.

use super::ApiError;
use super::idempotency::{self, Reply};
use crate::Core;
use crate::change::Change;
use crate::store::Owner;
use app::domain::Field;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;
use serde::de::DeserializeOwned;
use std::future::Future;
use std::marker::PhantomData;

/// Parses a JSON body, naming the offending parameter on failure
/// (`line_items[0].quantity`, or the unknown field itself). An empty body
/// is `{}`.
pub fn parse_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    let body: &[u8] = if body.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        body
    };
    let de = &mut serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        json_error(path, inner)
    })
}

fn json_error(path: String, inner: serde_json::Error) -> ApiError {
    let message = inner.to_string();
    let quoted = |prefix: &str| {
        message
            .strip_prefix(prefix)
            .and_then(|rest| rest.split('`').next())
            .map(str::to_owned)
    };
    // The path of an unknown field ends with the field itself.
    if let Some(field) = quoted("unknown field `") {
        return ApiError::bad_request(
            "parameter_unknown",
            Field::Named(path),
            "is not a parameter we know",
        )
        .with_whole(format!("unknown parameter `{field}`"));
    }
    // The same field twice (or under its other name, `language` for
    // `locale`): name it, like any other invalid parameter.
    if let Some(field) = quoted("duplicate field `") {
        let param = match path.as_str() {
            "." => field,
            parent => format!("{parent}.{field}"),
        };
        return ApiError::bad_request(
            "parameter_invalid",
            Field::Named(param),
            "is given more than once",
        );
    }
    if inner.is_syntax() || inner.is_eof() {
        return ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_json",
            format!("the body is not valid JSON: {message}"),
        );
    }
    match path.as_str() {
        "." => ApiError::new(StatusCode::BAD_REQUEST, "parameter_invalid", message),
        _ => ApiError::bad_request(
            "parameter_invalid",
            Field::Named(path),
            format!("is invalid: {message}"),
        ),
    }
}

impl ApiError {
    /// The same error with a message of its own (the field still named).
    fn with_whole(mut self, message: String) -> ApiError {
        self.text = super::error::Text::Whole(message);
        self
    }
}

/// Query parameters as a struct, with the same errors as JSON bodies.
pub fn parse_query<T: DeserializeOwned>(query: Option<&str>) -> Result<T, ApiError> {
    let pairs: std::collections::BTreeMap<String, String> =
        url::form_urlencoded::parse(query.unwrap_or("").as_bytes())
            .into_owned()
            .collect();
    let value = serde_json::to_value(pairs).expect("strings serialise");
    parse_json(&serde_json::to_vec(&value).expect("values serialise"))
}

/// A query string parsed into `T`.
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<ApiQuery<T>, ApiError> {
        parse_query(parts.uri.query()).map(ApiQuery)
    }
}

fn too_large(e: impl std::fmt::Display) -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "request_too_large",
        format!("the request body could not be read: {e}"),
    )
}

/// A JSON body parsed into `T`.
pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<JsonBody<T>, ApiError> {
        let bytes = Bytes::from_request(req, state).await.map_err(too_large)?;
        parse_json(&bytes).map(JsonBody)
    }
}

/// The header that carries a POST's idempotency key, and its rules.
pub trait KeyHeader: Send + Sync + 'static {
    const NAME: &'static str;
    fn check(key: &str) -> Result<(), ApiError>;
}

/// `Idempotency-Key`: 1 to 255 visible characters.
pub struct IdempotencyKey;

impl KeyHeader for IdempotencyKey {
    const NAME: &'static str = "idempotency-key";

    fn check(key: &str) -> Result<(), ApiError> {
        if key.is_empty() || key.len() > 255 {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "idempotency_key_invalid",
                "Idempotency-Key must be 1 to 255 visible ASCII characters",
            ));
        }
        Ok(())
    }
}

/// An idempotent POST: its body (parsed only once the key is claimed), the
/// key and the route, so the same key with the same request replays the
/// first answer.
pub struct Idempotent<T, K = IdempotencyKey> {
    key: Option<String>,
    route: String,
    body: Bytes,
    _types: PhantomData<fn() -> (T, K)>,
}

impl<S: Send + Sync, T, K: KeyHeader> FromRequest<S> for Idempotent<T, K> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Idempotent<T, K>, ApiError> {
        let route = format!("{} {}", req.method(), req.uri().path());
        let key = match req.headers().get(K::NAME).map(|v| v.to_str()) {
            None => None,
            Some(Ok(k)) => {
                K::check(k)?;
                Some(k.to_owned())
            }
            Some(Err(_)) => {
                K::check("")?;
                None
            }
        };
        let body = Bytes::from_request(req, state).await.map_err(too_large)?;
        Ok(Idempotent {
            key,
            route,
            body,
            _types: PhantomData,
        })
    }
}

impl<T: DeserializeOwned, K> Idempotent<T, K> {
    /// Runs `work` once per key: it parses the body, makes its change and
    /// says what to answer; the answer is stored in the change's
    /// transaction. A repeat of the key with the same request gets the
    /// stored answer, with a different one a 409.
    pub async fn run<F, Fut>(
        self,
        core: &Core,
        owner: &Owner,
        work: F,
    ) -> Result<Response, ApiError>
    where
        F: FnOnce(T) -> Fut,
        Fut: Future<Output = Result<Change<Reply>, ApiError>>,
    {
        self.run_holding(core, owner, |request, _| work(request))
            .await
    }

    /// [`Idempotent::run`] for work that records its answer in a
    /// [`crate::change::Journal`] before money may move (`render` makes the
    /// answer from what it records).
    pub async fn run_journaled<R, F, Fut>(
        self,
        core: &Core,
        owner: &Owner,
        render: R,
        work: F,
    ) -> Result<Response, ApiError>
    where
        F: FnOnce(T, idempotency::KeyJournal<R>) -> Fut,
        Fut: Future<Output = Result<Change<Reply>, ApiError>>,
    {
        self.run_holding(core, owner, |request, key| {
            work(request, idempotency::KeyJournal::new(core, key, render))
        })
        .await
    }

    async fn run_holding<F, Fut>(
        self,
        core: &Core,
        owner: &Owner,
        work: F,
    ) -> Result<Response, ApiError>
    where
        F: FnOnce(T, Option<idempotency::HeldKey>) -> Fut,
        Fut: Future<Output = Result<Change<Reply>, ApiError>>,
    {
        let claim = idempotency::claim(core, owner, self.key, &self.route, &self.body).await?;
        let key = match claim {
            idempotency::Claimed::Replay(response) => return Ok(response),
            idempotency::Claimed::Fresh(key) => key,
        };
        let result = match parse_json::<T>(&self.body) {
            Ok(request) => work(request, key.clone()).await,
            Err(e) => Err(e),
        };
        idempotency::finish(core, key, result).await
    }
}
