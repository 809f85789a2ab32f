//! `/v1/payouts`: validate a destination, send a payout, retrieve, list.
//! Shapes follow Payonify's payout reference.

use super::extract::{ApiQuery, Idempotent};
use super::openapi::{CurrencyCode, Description};
use super::{ApiError, Merchant, Reply, count};
use crate::objects::{ErrorObject, Paging, PayoutList, PayoutObject, PayoutValidation};
use crate::payouts::{self, PayoutView};
use app::domain::payout::{PayoutDraft, PayoutStatus};
use app::domain::{Field, FieldError};
use axum::Json;
use axum::extract::Path;
use axum::response::Response;
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// Payonify's `PayoutValidateRequest`.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ValidatePayout {
    #[schema(value_type = super::charges::WalletBody, required = true)]
    destination: Option<Value>,
    /// The currency to check the number's rules for; default: any the
    /// provider serves.
    #[schema(value_type = Option<CurrencyCode>)]
    currency: Option<String>,
}

/// Payonify's `PayoutCreateRequest`.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreatePayout {
    #[schema(value_type = i64, required = true, minimum = 100, maximum = 1_000_000_000_000_i64)]
    #[serde(default, deserialize_with = "app::domain::field::whole")]
    amount: Option<i64>,
    #[schema(value_type = CurrencyCode, required = true)]
    currency: Option<String>,
    #[schema(value_type = super::charges::WalletBody, required = true)]
    destination: Option<Value>,
    #[schema(value_type = Option<Description>)]
    description: Option<String>,
    /// Up to 5 string values of at most 500 characters, keys of 1 to 40.
    #[schema(value_type = Option<BTreeMap<String, String>>)]
    metadata: Option<BTreeMap<String, Value>>,
}

impl From<CreatePayout> for PayoutDraft {
    fn from(r: CreatePayout) -> PayoutDraft {
        PayoutDraft {
            amount: r.amount,
            currency: r.currency,
            destination: r.destination,
            description: r.description,
            metadata: r.metadata,
        }
    }
}

/// Check that a wallet can receive a payout, without sending anything.
#[utoipa::path(post, path = "/v1/payouts/validate", operation_id = "validate_payout", tag = "Payouts",
    request_body = ValidatePayout,
    responses((status = 200, body = PayoutValidation), (status = 400, body = ErrorObject)))]
pub async fn validate(
    m: Merchant,
    super::extract::JsonBody(body): super::extract::JsonBody<ValidatePayout>,
) -> Result<Json<PayoutValidation>, ApiError> {
    let v = payouts::validate(
        &m.core,
        &m.owner,
        body.destination.as_ref(),
        body.currency.as_deref(),
    )
    .await?;
    Ok(Json(v))
}

/// Send money from your balance to a mobile wallet.
#[utoipa::path(post, path = "/v1/payouts", operation_id = "create_payout", tag = "Payouts",
    request_body = CreatePayout,
    responses((status = 200, body = PayoutObject), (status = 400, body = ErrorObject), (status = 409, body = ErrorObject)))]
pub async fn create(m: Merchant, req: Idempotent<CreatePayout>) -> Result<Response, ApiError> {
    let (core, owner) = (&m.core, &m.owner);
    let render = |v: &PayoutView| Reply::ok(&v.object());
    req.run_journaled(
        core,
        owner,
        render,
        |body: CreatePayout, journal| async move {
            let change = payouts::create(core, owner, body.into(), &journal).await?;
            Ok(change.map(|v| render(&v)))
        },
    )
    .await
}

/// Retrieve a payout (asking its provider first while it is pending).
#[utoipa::path(get, path = "/v1/payouts/{id}", operation_id = "retrieve_payout", tag = "Payouts",
    params(("id" = String, Path)),
    responses((status = 200, body = PayoutObject), (status = 404, body = ErrorObject)))]
pub async fn retrieve(m: Merchant, Path(id): Path<String>) -> Result<Json<PayoutObject>, ApiError> {
    Ok(Json(payouts::find(&m.core, &m.owner, &id).await?.object()))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    #[param(value_type = Option<i64>, minimum = 1, maximum = 100)]
    limit: Option<String>,
    /// A payout id: the page after it (older).
    after: Option<String>,
    #[param(value_type = Option<PayoutStatus>)]
    status: Option<String>,
}

/// List payouts, newest first.
#[utoipa::path(get, path = "/v1/payouts", operation_id = "list_payouts", tag = "Payouts",
    params(ListParams),
    responses((status = 200, body = PayoutList), (status = 400, body = ErrorObject)))]
pub async fn list(
    m: Merchant,
    ApiQuery(p): ApiQuery<ListParams>,
) -> Result<Json<PayoutList>, ApiError> {
    let limit = count("limit", p.limit.as_deref())?.unwrap_or(10);
    let status = p
        .status
        .as_deref()
        .map(|s| {
            PayoutStatus::parse(s).ok_or_else(|| {
                FieldError::invalid(
                    Field::Named("status".into()),
                    "must be one of `pending`, `paid`, `failed`",
                )
            })
        })
        .transpose()?;
    let slice = payouts::list(&m.core, &m.owner, status, p.after.as_deref(), limit).await?;
    let paging = Paging::of_slice(limit, &slice, |v| &v.payout.id);
    let data = slice.items.iter().map(PayoutView::object).collect();
    Ok(Json(PayoutList::new(data, paging)))
}
