//! `/v1/refunds` (the Payonify `Refund` object) and, in test mode,
//! `/v1/test_helpers/checkout/sessions/{id}/chargeback`.

use super::extract::{ApiQuery, Idempotent};
use super::{ApiError, Merchant, Reply, count};
use crate::api::openapi::Reference;
use crate::objects::{ChargebackObject, ErrorObject, Paging, RefundList, RefundObject};
use crate::refunds;
use app::domain::refund::RefundDraft;
use axum::extract::Path;
use axum::response::Response;
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateRefund {
    /// The session's `charge_reference` (`ch_...`) or a payment id (`pay_...`).
    #[schema(value_type = String, min_length = 1, pattern = r"^(ch|pay)_[A-Za-z0-9]+$")]
    charge: Option<String>,
    /// Minor units; default: all that is left to refund.
    #[schema(minimum = 1)]
    #[serde(default, deserialize_with = "app::domain::field::whole")]
    amount: Option<i64>,
    #[schema(min_length = 1, max_length = 500, pattern = r"\S")]
    reason: Option<String>,
    #[schema(value_type = Option<BTreeMap<String, String>>)]
    metadata: Option<BTreeMap<String, Value>>,
}

impl From<CreateRefund> for RefundDraft {
    fn from(r: CreateRefund) -> RefundDraft {
        RefundDraft {
            charge: r.charge,
            amount: r.amount,
            reason: r.reason,
            metadata: r.metadata,
        }
    }
}

/// Refund a paid charge, in full or in part.
#[utoipa::path(post, path = "/v1/refunds", operation_id = "create_refund", tag = "Refunds", request_body = CreateRefund,
    responses((status = 200, body = RefundObject), (status = 400, body = ErrorObject), (status = 409, body = ErrorObject)))]
pub async fn create(m: Merchant, req: Idempotent<CreateRefund>) -> Result<Response, ApiError> {
    let (core, owner) = (&m.core, &m.owner);
    let render = |r: &refunds::RefundView| Reply::ok(&r.object());
    req.run_journaled(
        core,
        owner,
        render,
        |body: CreateRefund, journal| async move {
            let change = refunds::create(core, owner, body.into(), &journal).await?;
            Ok(change.map(|r| render(&r)))
        },
    )
    .await
}

/// Retrieve a refund.
#[utoipa::path(get, path = "/v1/refunds/{id}", operation_id = "retrieve_refund", tag = "Refunds", params(("id" = String, Path)),
    responses((status = 200, body = RefundObject), (status = 404, body = ErrorObject)))]
pub async fn retrieve(
    m: Merchant,
    Path(id): Path<String>,
) -> Result<axum::Json<RefundObject>, ApiError> {
    Ok(axum::Json(
        refunds::find(&m.core, &m.owner, &id).await?.object(),
    ))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    #[param(value_type = Option<i64>, minimum = 1, maximum = 100)]
    limit: Option<String>,
    /// A refund id: the page after it (older).
    after: Option<String>,
    checkout_session: Option<String>,
}

/// List refunds, newest first.
#[utoipa::path(get, path = "/v1/refunds", operation_id = "list_refunds", tag = "Refunds",
    params(ListParams),
    responses((status = 200, body = RefundList), (status = 400, body = ErrorObject)))]
pub async fn list(
    m: Merchant,
    ApiQuery(p): ApiQuery<ListParams>,
) -> Result<axum::Json<RefundList>, ApiError> {
    let limit = count("limit", p.limit.as_deref())?.unwrap_or(10);
    let session = p.checkout_session.as_deref();
    let slice = refunds::list(&m.core, &m.owner, session, p.after.as_deref(), limit).await?;
    let paging = Paging::of_slice(limit, &slice, |r| &r.refund.id);
    let data = slice.items.iter().map(|r| r.object()).collect();
    Ok(axum::Json(RefundList::new(data, paging)))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SimulateChargeback {
    /// Minor units; default: the whole payment.
    #[schema(minimum = 1)]
    #[serde(default, deserialize_with = "app::domain::field::whole")]
    amount: Option<i64>,
    #[schema(value_type = Option<Reference>)]
    reason: Option<String>,
}

/// Test mode: the buyer's bank takes a payment back.
#[utoipa::path(post, path = "/v1/test_helpers/checkout/sessions/{id}/chargeback", operation_id = "simulate_chargeback", tag = "Refunds",
    params(("id" = String, Path)), request_body = SimulateChargeback,
    responses((status = 200, body = ChargebackObject), (status = 403, body = ErrorObject), (status = 404, body = ErrorObject), (status = 409, body = ErrorObject)))]
pub async fn simulate_chargeback(
    m: Merchant,
    Path(id): Path<String>,
    req: Idempotent<SimulateChargeback>,
) -> Result<Response, ApiError> {
    let (core, owner, id) = (&m.core, &m.owner, &id);
    req.run(core, owner, |body: SimulateChargeback| async move {
        let change =
            refunds::simulate_chargeback(core, owner, id, body.amount, body.reason).await?;
        Ok(change.map(|c| Reply::ok(&c.object())))
    })
    .await
}
