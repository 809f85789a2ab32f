//! `/v1/charges`: create, confirm, cancel, retrieve, list. Shapes follow
//! Payonify's charge reference.

use super::extract::{ApiQuery, Idempotent};
use super::openapi::{CurrencyCode, Description, EmailAddress, HttpsUrl, SourceName};
use super::paging::{Start, created_range, invalid};
use super::{ApiError, Merchant, Reply};
use crate::charges::{self, ChargeFilter, ChargeRequest, ChargeView, ConfirmRequest};
use crate::objects::{ChargeList, ChargeObject, ErrorObject, Paging};
use crate::sessions::ProductChoice;
use crate::store::query::Page;
use app::domain::charge::{CancellationReason, ChargeStatus, Shipping};
use app::domain::{Currency, Field, FieldError};
use axum::extract::Path;
use axum::response::Response;
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// `{"phone": "+263771234567"}`: E.164, or the country's own way of
/// writing it.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct PhoneBody {
    phone: String,
}

/// One mobile money provider and the number: send exactly one key.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct MobileMoneyBody {
    ecocash: Option<PhoneBody>,
    onemoney: Option<PhoneBody>,
    mpesa: Option<PhoneBody>,
    emola: Option<PhoneBody>,
    momo_mtn: Option<PhoneBody>,
}

/// Payonify's `PaymentMethod` (and a payout's `destination`).
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct WalletBody {
    mobile_money: MobileMoneyBody,
}

/// Payonify's `ChargeCreateRequest`.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateCharge {
    #[schema(value_type = i64, required = true, minimum = 100, maximum = 1_000_000_000_000_i64)]
    #[serde(default, deserialize_with = "app::domain::field::whole")]
    amount: Option<i64>,
    #[schema(value_type = CurrencyCode, required = true)]
    currency: Option<String>,
    #[schema(value_type = SourceName, required = true)]
    source: Option<String>,
    #[schema(value_type = Option<Description>)]
    description: Option<String>,
    #[schema(value_type = Option<WalletBody>)]
    payment_method: Option<Value>,
    /// Up to 5 string values of at most 500 characters, keys of 1 to 40.
    #[schema(value_type = Option<BTreeMap<String, String>>)]
    metadata: Option<BTreeMap<String, Value>>,
    /// Send the push now (needs `payment_method`). Default false.
    confirm: Option<bool>,
    #[schema(value_type = Option<EmailAddress>)]
    receipt_email: Option<String>,
    #[schema(value_type = Option<String>, min_length = 4, max_length = 22, pattern = "^[A-Za-z0-9 ]+$")]
    statement_descriptor: Option<String>,
    shipping: Option<Shipping>,
    #[schema(value_type = Option<HttpsUrl>)]
    return_url: Option<String>,
    /// A product of yours (its methods and webhook endpoint); default: your
    /// oldest active one.
    product: Option<String>,
}

impl From<CreateCharge> for ChargeRequest {
    fn from(r: CreateCharge) -> ChargeRequest {
        ChargeRequest {
            product: r
                .product
                .map_or(ProductChoice::Default, ProductChoice::Named),
            amount: r.amount,
            currency: r.currency,
            source: r.source,
            description: r.description,
            payment_method: r.payment_method,
            metadata: r.metadata,
            confirm: r.confirm.unwrap_or(false),
            receipt_email: r.receipt_email,
            statement_descriptor: r.statement_descriptor,
            shipping: r.shipping,
            return_url: r.return_url,
        }
    }
}

/// Payonify's `ChargeConfirmRequest`.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConfirmCharge {
    /// Required unless the charge was created with one.
    #[schema(value_type = WalletBody)]
    payment_method: Option<Value>,
    #[schema(value_type = Option<Description>)]
    description: Option<String>,
    #[schema(value_type = Option<BTreeMap<String, String>>)]
    metadata: Option<BTreeMap<String, Value>>,
    #[schema(value_type = Option<EmailAddress>)]
    receipt_email: Option<String>,
    #[schema(value_type = Option<String>, min_length = 4, max_length = 22, pattern = "^[A-Za-z0-9 ]+$")]
    statement_descriptor: Option<String>,
    shipping: Option<Shipping>,
    #[schema(value_type = Option<HttpsUrl>)]
    return_url: Option<String>,
}

impl From<ConfirmCharge> for ConfirmRequest {
    fn from(r: ConfirmCharge) -> ConfirmRequest {
        ConfirmRequest {
            payment_method: r.payment_method,
            description: r.description,
            metadata: r.metadata,
            receipt_email: r.receipt_email,
            statement_descriptor: r.statement_descriptor,
            shipping: r.shipping,
            return_url: r.return_url,
        }
    }
}

/// Payonify's `ChargeCancelRequest`.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CancelCharge {
    #[schema(value_type = Option<CancellationReason>)]
    cancellation_reason: Option<String>,
}

/// Create a charge: ask a buyer's phone for money without the hosted page.
#[utoipa::path(post, path = "/v1/charges", operation_id = "create_charge", tag = "Charges",
    request_body = CreateCharge,
    responses((status = 200, body = ChargeObject), (status = 400, body = ErrorObject),
        (status = 409, body = ErrorObject), (status = 429, body = ErrorObject)))]
pub async fn create(m: Merchant, req: Idempotent<CreateCharge>) -> Result<Response, ApiError> {
    let (core, owner) = (&m.core, &m.owner);
    let render = |v: &ChargeView| Reply::ok(&v.object(core));
    req.run_journaled(
        core,
        owner,
        render,
        |body: CreateCharge, journal| async move {
            let change = charges::create(core, owner, body.into(), &journal).await?;
            Ok(change.map(|v| render(&v)))
        },
    )
    .await
}

/// Confirm a charge: send the push to the buyer's phone.
#[utoipa::path(post, path = "/v1/charges/{id}/confirm", operation_id = "confirm_charge", tag = "Charges",
    params(("id" = String, Path)), request_body = ConfirmCharge,
    responses((status = 200, body = ChargeObject), (status = 400, body = ErrorObject),
        (status = 404, body = ErrorObject), (status = 409, body = ErrorObject), (status = 429, body = ErrorObject)))]
pub async fn confirm(
    m: Merchant,
    Path(id): Path<String>,
    req: Idempotent<ConfirmCharge>,
) -> Result<Response, ApiError> {
    let (core, owner, id) = (&m.core, &m.owner, &id);
    req.run(core, owner, |body: ConfirmCharge| async move {
        let change = charges::confirm(core, owner, id, body.into()).await?;
        Ok(change.map(|v| Reply::ok(&v.object(core))))
    })
    .await
}

/// Cancel a charge whose push nobody has answered.
#[utoipa::path(post, path = "/v1/charges/{id}/cancel", operation_id = "cancel_charge", tag = "Charges",
    params(("id" = String, Path)), request_body = CancelCharge,
    responses((status = 200, body = ChargeObject), (status = 400, body = ErrorObject),
        (status = 404, body = ErrorObject), (status = 409, body = ErrorObject)))]
pub async fn cancel(
    m: Merchant,
    Path(id): Path<String>,
    req: Idempotent<CancelCharge>,
) -> Result<Response, ApiError> {
    let (core, owner, id) = (&m.core, &m.owner, &id);
    req.run(core, owner, |body: CancelCharge| async move {
        let reason = body
            .cancellation_reason
            .as_deref()
            .map(CancellationReason::parse)
            .transpose()?;
        let change = charges::cancel(core, owner, id, reason).await?;
        Ok(change.map(|v| Reply::ok(&v.object(core))))
    })
    .await
}

/// Retrieve a charge (a checkout session's `charge_reference` too).
#[utoipa::path(get, path = "/v1/charges/{id}", operation_id = "retrieve_charge", tag = "Charges",
    params(("id" = String, Path)),
    responses((status = 200, body = ChargeObject), (status = 404, body = ErrorObject)))]
pub async fn retrieve(
    m: Merchant,
    Path(id): Path<String>,
) -> Result<axum::Json<ChargeObject>, ApiError> {
    let view = charges::find(&m.core, &m.owner, &id).await?;
    Ok(axum::Json(view.object(&m.core)))
}

/// Query parameters of `GET /v1/charges`.
#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// 1 to 100 (default 10).
    #[param(value_type = Option<i64>, minimum = 1, maximum = 100)]
    limit: Option<String>,
    /// With `after`: this many older charges.
    #[param(value_type = Option<i64>, minimum = 1, maximum = 100)]
    first: Option<String>,
    /// With `before` (or alone, the oldest): this many newer charges.
    #[param(value_type = Option<i64>, minimum = 1, maximum = 100)]
    last: Option<String>,
    /// A charge id: the page after it (older).
    after: Option<String>,
    /// A charge id: the page before it (newer).
    before: Option<String>,
    /// `pending` and `requires_authorization` both list the charges with a
    /// payment under way.
    #[param(value_type = Option<ChargeStatus>)]
    status: Option<String>,
    #[param(value_type = Option<CurrencyCode>)]
    currency: Option<String>,
    /// Created on or after this day, `YYYY-MM-DD`, UTC.
    #[param(value_type = Option<String>, format = Date)]
    start_date: Option<String>,
    /// Created on or before this day, `YYYY-MM-DD`, UTC.
    #[param(value_type = Option<String>, format = Date)]
    end_date: Option<String>,
}

impl ListParams {
    fn filter(&self) -> Result<ChargeFilter, ApiError> {
        let status = self
            .status
            .as_deref()
            .map(|s| {
                ChargeStatus::parse(s).ok_or_else(|| {
                    FieldError::invalid(
                        Field::Named("status".into()),
                        "must be one of `requires_payment_method`, `requires_authorization`, \
                         `pending`, `succeeded`, `failed`, `cancelled`",
                    )
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
        let (created_from, created_before) =
            created_range(self.start_date.as_deref(), self.end_date.as_deref())?;
        Ok(ChargeFilter {
            status,
            currency,
            created_from,
            created_before,
        })
    }
}

/// List charges (those of checkouts too), newest first.
#[utoipa::path(get, path = "/v1/charges", operation_id = "list_charges", tag = "Charges",
    params(ListParams),
    responses((status = 200, body = ChargeList), (status = 400, body = ErrorObject)))]
pub async fn list(
    m: Merchant,
    ApiQuery(p): ApiQuery<ListParams>,
) -> Result<axum::Json<ChargeList>, ApiError> {
    let (core, owner) = (&m.core, &m.owner);
    let (limit, start) = Start::of(
        [&p.limit, &p.first, &p.last].map(Option::as_deref),
        p.after.as_deref(),
        p.before.as_deref(),
    )?;
    let filter = p.filter()?;
    let page = match start {
        Start::After(id) => Page::After(charges::cursor(core, owner, "after", id).await?),
        Start::Before(id) => Page::Before(charges::cursor(core, owner, "before", id).await?),
        Start::Oldest => Page::Last,
        Start::Newest => Page::First,
    };
    let slice = charges::list(core, owner, &filter, &page, limit).await?;
    let paging = Paging::of_slice(limit, &slice, |v| &v.session.charge_reference);
    let data = slice.items.iter().map(|v| v.object(core)).collect();
    Ok(axum::Json(ChargeList::new(data, paging)))
}
