//! `/v1/checkout/sessions`: create, retrieve, list, expire. Shapes follow the
//! Payonify checkout-session reference.

use super::extract::{ApiQuery, Idempotent};
use super::openapi::{CurrencyCode, LocaleName, ModeName, SourceName};
use super::paging::{Start, created_range, invalid};
use super::{ApiError, Merchant, NoParams, Reply};
use crate::api::openapi::{Description, EmailAddress, HttpsUrl, Reference};
use crate::objects::{CheckoutSessionList, CheckoutSessionObject, ErrorObject, Paging};
use crate::sessions::{self, ProductChoice, SessionRequest};
use crate::store::query::Page;
use crate::store::sessions::ListQuery;
use app::domain::checkout::{CheckoutDraft, Customer, LineItemDraft, SubmitType};
use app::domain::{Currency, Field, MethodId, Status};
use axum::extract::Path;
use axum::response::Response;
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// The request body of `POST /v1/checkout/sessions`. Send `line_items` or
/// `amount`, not both.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateSession {
    #[schema(value_type = Option<ModeName>)]
    mode: Option<String>,
    /// ISO 4217, either case; defaults to the product's main currency.
    #[schema(value_type = Option<CurrencyCode>)]
    currency: Option<String>,
    #[schema(value_type = Vec<LineItemDraft>, required = false, min_items = 1, max_items = 100)]
    line_items: Option<Vec<LineItemDraft>>,
    /// Minor units: one line for the whole amount.
    #[schema(value_type = i64, required = false, minimum = 1, maximum = 1_000_000_000_000_i64)]
    #[serde(default, deserialize_with = "app::domain::field::whole")]
    amount: Option<i64>,
    /// `https://` (test mode: `http://localhost` too); may hold
    /// `{CHECKOUT_SESSION_ID}`.
    #[schema(value_type = Option<HttpsUrl>)]
    success_url: Option<String>,
    #[schema(value_type = Option<HttpsUrl>)]
    cancel_url: Option<String>,
    customer: Option<Customer>,
    /// The same as `customer.email`, if both are sent.
    #[schema(value_type = Option<EmailAddress>)]
    customer_email: Option<String>,
    #[schema(value_type = Option<Reference>)]
    client_reference_id: Option<String>,
    #[schema(value_type = Option<Description>)]
    description: Option<String>,
    #[schema(value_type = Option<SourceName>)]
    source: Option<String>,
    #[schema(value_type = Option<SubmitType>)]
    submit_type: Option<String>,
    #[serde(alias = "language")]
    #[schema(value_type = Option<LocaleName>)]
    locale: Option<String>,
    /// Up to 5 string values of at most 500 characters, keys of 1 to 40.
    #[schema(value_type = Option<BTreeMap<String, String>>)]
    metadata: Option<BTreeMap<String, Value>>,
    /// Methods the buyer may use (those that take the currency); default:
    /// every method the product enables.
    #[schema(value_type = Option<Vec<MethodId>>, min_items = 1)]
    payment_method_types: Option<Vec<String>>,
    /// Unix seconds, from a minute to 7 days from now.
    #[serde(default, deserialize_with = "app::domain::field::whole")]
    expires_at: Option<i64>,
    /// A product of yours; default: your oldest active one.
    product: Option<String>,
    /// `line_items` only.
    #[schema(value_type = Option<Vec<ExpandName>>)]
    expand: Option<Vec<String>>,
    #[schema(value_type = Option<HttpsUrl>)]
    webhook_url: Option<String>,
}

super::openapi::string_enum!(
    /// What may be expanded: `line_items`.
    ExpandName,
    vec!["line_items".to_owned()]
);

impl From<CreateSession> for SessionRequest {
    fn from(r: CreateSession) -> SessionRequest {
        SessionRequest {
            product: r
                .product
                .map_or(ProductChoice::Default, ProductChoice::Named),
            draft: CheckoutDraft {
                mode: r.mode,
                currency: r.currency,
                line_items: r.line_items,
                amount: r.amount,
                success_url: r.success_url,
                cancel_url: r.cancel_url,
                customer: r.customer,
                customer_email: r.customer_email,
                client_reference_id: r.client_reference_id,
                description: r.description,
                source: r.source,
                submit_type: r.submit_type,
                locale: r.locale,
                metadata: r.metadata,
                payment_method_types: r.payment_method_types,
                expires_at: r.expires_at,
                webhook_url: r.webhook_url,
                ..CheckoutDraft::default()
            },
            echo: serde_json::json!({}),
        }
    }
}

/// `expand` may only name `line_items`.
fn wants_line_items(expand: &[String]) -> Result<bool, ApiError> {
    for (i, e) in expand.iter().enumerate() {
        if e != "line_items" {
            return Err(ApiError::bad_request(
                "parameter_invalid",
                Field::Expand(i),
                format!("names `{e}`, which cannot be expanded; only `line_items` can"),
            ));
        }
    }
    Ok(!expand.is_empty())
}

/// Create a checkout session.
#[utoipa::path(post, path = "/v1/checkout/sessions", operation_id = "create_checkout_session", tag = "Checkout sessions",
    request_body = CreateSession,
    responses((status = 200, body = CheckoutSessionObject), (status = 400, body = ErrorObject),
        (status = 401, body = ErrorObject), (status = 409, body = ErrorObject)))]
pub async fn create(m: Merchant, req: Idempotent<CreateSession>) -> Result<Response, ApiError> {
    let (core, owner) = (&m.core, &m.owner);
    req.run(core, owner, |body: CreateSession| async {
        let expand = wants_line_items(body.expand.as_deref().unwrap_or_default())?;
        let change = sessions::open(core, owner, body.into()).await?;
        Ok(change.map(|s| Reply::ok(&CheckoutSessionObject::new(&s, &core.config, expand))))
    })
    .await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetrieveQuery {
    expand: Option<String>,
    #[serde(rename = "expand[]")]
    expand_list: Option<String>,
}

/// Retrieve a session (settled first: always the truth).
#[utoipa::path(get, path = "/v1/checkout/sessions/{id}", operation_id = "retrieve_checkout_session", tag = "Checkout sessions",
    params(("id" = String, Path), ("expand" = Option<ExpandName>, Query)),
    responses((status = 200, body = CheckoutSessionObject), (status = 404, body = ErrorObject)))]
pub async fn retrieve(
    m: Merchant,
    Path(id): Path<String>,
    ApiQuery(q): ApiQuery<RetrieveQuery>,
) -> Result<axum::Json<CheckoutSessionObject>, ApiError> {
    let expand: Vec<String> = q.expand.into_iter().chain(q.expand_list).collect();
    let expand = wants_line_items(&expand)?;
    let session = sessions::find(&m.core, &m.owner, &id).await?;
    let object = CheckoutSessionObject::new(&session, &m.core.config, expand);
    Ok(axum::Json(object))
}

/// Expire an open session.
#[utoipa::path(post, path = "/v1/checkout/sessions/{id}/expire", operation_id = "expire_checkout_session", tag = "Checkout sessions",
    params(("id" = String, Path)),
    responses((status = 200, body = CheckoutSessionObject), (status = 404, body = ErrorObject), (status = 409, body = ErrorObject)))]
pub async fn expire(
    m: Merchant,
    Path(id): Path<String>,
    req: Idempotent<NoParams>,
) -> Result<Response, ApiError> {
    let (core, owner) = (&m.core, &m.owner);
    req.run(core, owner, |NoParams {}| async {
        let change = sessions::expire(core, owner, &id).await?;
        Ok(change.map(|s| Reply::ok(&CheckoutSessionObject::new(&s, &core.config, false))))
    })
    .await
}

/// Query parameters of `GET /v1/checkout/sessions`.
#[derive(Deserialize, Default, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// 1 to 100 (default 10).
    #[param(value_type = Option<i64>, minimum = 1, maximum = 100)]
    limit: Option<String>,
    /// With `after`: this many older sessions.
    #[param(value_type = Option<i64>, minimum = 1, maximum = 100)]
    first: Option<String>,
    /// With `before` (or alone, the oldest): this many newer sessions.
    #[param(value_type = Option<i64>, minimum = 1, maximum = 100)]
    last: Option<String>,
    /// A session id: the page after it (older).
    after: Option<String>,
    /// A session id: the page before it (newer).
    before: Option<String>,
    #[param(value_type = Option<Status>)]
    status: Option<String>,
    #[param(value_type = Option<CurrencyCode>)]
    currency: Option<String>,
    /// `YYYY-MM-DD`, UTC.
    #[param(value_type = Option<String>, format = Date)]
    start_date: Option<String>,
    /// `YYYY-MM-DD`, UTC, inclusive.
    #[param(value_type = Option<String>, format = Date)]
    end_date: Option<String>,
}

impl ListParams {
    fn window(&self) -> Result<(i64, Start<'_>), ApiError> {
        Start::of(
            [&self.limit, &self.first, &self.last].map(Option::as_deref),
            self.after.as_deref(),
            self.before.as_deref(),
        )
    }

    fn query(&self) -> Result<ListQuery, ApiError> {
        let status = self
            .status
            .as_deref()
            .map(|s| {
                Status::parse(s).ok_or_else(|| {
                    invalid("status", "must be one of `open`, `complete`, `expired`")
                })
            })
            .transpose()?;
        let currency = self
            .currency
            .as_deref()
            .map(|c| {
                Currency::parse(c).ok_or_else(|| invalid("currency", "is not a currency we accept"))
            })
            .transpose()?;
        let (from, before) = created_range(self.start_date.as_deref(), self.end_date.as_deref())?;
        Ok(ListQuery {
            kind: Some(app::domain::charge::SessionKind::Checkout),
            status,
            payment_status: None,
            currency,
            created_from: from,
            created_before: before,
        })
    }
}

/// List sessions, newest first.
#[utoipa::path(get, path = "/v1/checkout/sessions", operation_id = "list_checkout_sessions", tag = "Checkout sessions",
    params(ListParams),
    responses((status = 200, body = CheckoutSessionList), (status = 400, body = ErrorObject)))]
pub async fn list(
    m: Merchant,
    ApiQuery(p): ApiQuery<ListParams>,
) -> Result<axum::Json<CheckoutSessionList>, ApiError> {
    let (core, owner) = (&m.core, &m.owner);
    let (limit, start) = p.window()?;
    let query = p.query()?;
    let page = match start {
        Start::After(id) => Page::After(sessions::cursor(core, owner, "after", id).await?),
        Start::Before(id) => Page::Before(sessions::cursor(core, owner, "before", id).await?),
        Start::Oldest => Page::Last,
        Start::Newest => Page::First,
    };
    let slice = sessions::list(core, owner, &query, &page, limit).await?;
    let paging = Paging::of_slice(limit, &slice, |s| &s.id);
    let config = &m.core.config;
    let data = slice
        .items
        .iter()
        .map(|s| CheckoutSessionObject::new(s, config, false));
    Ok(axum::Json(CheckoutSessionList::new(data.collect(), paging)))
}
