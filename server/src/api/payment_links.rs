//! `/v1/payment_links`: checkouts to share as a short URL.

use super::extract::Idempotent;
use super::openapi::{CurrencyCode, Description, HttpsUrl};
use super::{ApiError, Merchant, Reply};
use crate::objects::{ErrorObject, PaymentLinkList, PaymentLinkObject};
use crate::payment_links;
use app::domain::MethodId;
use app::domain::checkout::LineItemDraft;
use app::domain::payment_link::PaymentLinkDraft;
use axum::extract::Path;
use axum::response::Response;
use serde::Deserialize;

/// Send `amount`, `line_items`, or both `custom_amount_min` and
/// `custom_amount_max` (the buyer chooses). On update, the amount fields
/// cannot change.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PaymentLinkBody {
    #[schema(value_type = Option<CurrencyCode>)]
    currency: Option<String>,
    #[schema(value_type = Vec<LineItemDraft>, required = false, min_items = 1, max_items = 100)]
    line_items: Option<Vec<LineItemDraft>>,
    /// Minor units.
    #[schema(value_type = i64, required = false, minimum = 1, maximum = 1_000_000_000_000_i64)]
    #[serde(default, deserialize_with = "app::domain::field::whole")]
    amount: Option<i64>,
    /// Minor units: the least the buyer may pay.
    #[schema(value_type = i64, required = false, minimum = 1, maximum = 1_000_000_000_000_i64)]
    #[serde(default, deserialize_with = "app::domain::field::whole")]
    custom_amount_min: Option<i64>,
    /// Minor units: the most the buyer may pay.
    #[schema(value_type = i64, required = false, minimum = 1, maximum = 1_000_000_000_000_i64)]
    #[serde(default, deserialize_with = "app::domain::field::whole")]
    custom_amount_max: Option<i64>,
    #[schema(value_type = Option<Description>)]
    description: Option<String>,
    #[schema(value_type = Option<Vec<MethodId>>, min_items = 1)]
    payment_method_types: Option<Vec<String>>,
    /// Empty: Lipa's receipt.
    #[schema(value_type = Option<HttpsUrl>)]
    success_url: Option<String>,
    /// Closes after one payment.
    single_use: Option<bool>,
    /// Unix seconds, in the future.
    #[serde(default, deserialize_with = "app::domain::field::whole")]
    expires_at: Option<i64>,
    /// At most this many payments.
    #[schema(minimum = 1)]
    #[serde(default, deserialize_with = "app::domain::field::whole_count")]
    payment_limit: Option<u32>,
    active: Option<bool>,
}

impl From<PaymentLinkBody> for PaymentLinkDraft {
    fn from(b: PaymentLinkBody) -> PaymentLinkDraft {
        PaymentLinkDraft {
            currency: b.currency,
            line_items: b.line_items,
            amount: b.amount,
            custom_amount_min: b.custom_amount_min,
            custom_amount_max: b.custom_amount_max,
            description: b.description,
            payment_method_types: b.payment_method_types,
            success_url: b.success_url,
            single_use: b.single_use,
            expires_at: b.expires_at,
            payment_limit: b.payment_limit,
            active: b.active,
        }
    }
}

/// Create a payment link.
#[utoipa::path(post, path = "/v1/payment_links", operation_id = "create_payment_link", tag = "Payment links",
    request_body = PaymentLinkBody,
    responses((status = 200, body = PaymentLinkObject), (status = 400, body = ErrorObject)))]
pub async fn create(m: Merchant, req: Idempotent<PaymentLinkBody>) -> Result<Response, ApiError> {
    let (core, owner) = (&m.core, &m.owner);
    req.run(core, owner, |body: PaymentLinkBody| async {
        let change = payment_links::create(core, owner, body.into()).await?;
        Ok(change.map(|v| Reply::ok(&PaymentLinkObject::new(&v.link, v.paid, &core.config))))
    })
    .await
}

/// Deactivate or edit a link (words and rules; not its amount).
#[utoipa::path(post, path = "/v1/payment_links/{id}", operation_id = "update_payment_link", tag = "Payment links",
    request_body = PaymentLinkBody, params(("id" = String, Path)),
    responses((status = 200, body = PaymentLinkObject), (status = 400, body = ErrorObject), (status = 404, body = ErrorObject)))]
pub async fn update(
    m: Merchant,
    Path(id): Path<String>,
    req: Idempotent<PaymentLinkBody>,
) -> Result<Response, ApiError> {
    let (core, owner) = (&m.core, &m.owner);
    req.run(core, owner, |body: PaymentLinkBody| async {
        let change = payment_links::update(core, owner, &id, body.into()).await?;
        Ok(change.map(|v| Reply::ok(&PaymentLinkObject::new(&v.link, v.paid, &core.config))))
    })
    .await
}

/// Retrieve a payment link, with how many times it was paid.
#[utoipa::path(get, path = "/v1/payment_links/{id}", operation_id = "retrieve_payment_link", tag = "Payment links",
    params(("id" = String, Path)),
    responses((status = 200, body = PaymentLinkObject), (status = 404, body = ErrorObject)))]
pub async fn retrieve(
    m: Merchant,
    Path(id): Path<String>,
) -> Result<axum::Json<PaymentLinkObject>, ApiError> {
    let v = payment_links::find(&m.core, &m.owner, &id).await?;
    Ok(axum::Json(PaymentLinkObject::new(
        &v.link,
        v.paid,
        &m.core.config,
    )))
}

/// The merchant's payment links, newest first.
#[utoipa::path(get, path = "/v1/payment_links", operation_id = "list_payment_links", tag = "Payment links",
    responses((status = 200, body = PaymentLinkList)))]
pub async fn list(m: Merchant) -> Result<axum::Json<PaymentLinkList>, ApiError> {
    let all = payment_links::list(&m.core, &m.owner).await?;
    let config = &m.core.config;
    Ok(axum::Json(PaymentLinkList::new(
        all.iter()
            .map(|v| PaymentLinkObject::new(&v.link, v.paid, config))
            .collect(),
    )))
}
