//! The balance and its movements: `GET /v1/balance`,
//! `GET /v1/balance_transactions[/{id}]`.

use super::extract::ApiQuery;
use super::{ApiError, Merchant, count};
use crate::ledger;
use crate::objects::{
    BalanceObject, BalanceTransactionList, BalanceTransactionObject, ErrorObject, Paging,
};
use app::domain::ledger::BalanceTxKind;
use app::domain::{Field, FieldError};
use axum::Json;
use axum::extract::Path;
use serde::Deserialize;

#[utoipa::path(get, path = "/v1/balance", operation_id = "retrieve_balance", tag = "Balance",
    responses((status = 200, body = BalanceObject)))]
pub async fn retrieve(m: Merchant) -> Result<Json<BalanceObject>, ApiError> {
    Ok(Json(ledger::balance(&m.core.db.pool, &m.owner).await?))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    #[param(value_type = Option<i64>, minimum = 1, maximum = 100)]
    limit: Option<String>,
    after: Option<String>,
    /// Only movements of this type.
    #[param(value_type = Option<BalanceTxKind>)]
    #[serde(rename = "type")]
    kind: Option<String>,
}

#[utoipa::path(get, path = "/v1/balance_transactions", operation_id = "list_balance_transactions", tag = "Balance",
    params(ListParams),
    responses((status = 200, body = BalanceTransactionList), (status = 400, body = ErrorObject)))]
pub async fn list(
    m: Merchant,
    ApiQuery(p): ApiQuery<ListParams>,
) -> Result<Json<BalanceTransactionList>, ApiError> {
    let limit = count("limit", p.limit.as_deref())?.unwrap_or(10);
    let kind = match p.kind.as_deref() {
        None => None,
        Some(k) => Some(BalanceTxKind::parse(k).ok_or_else(|| {
            FieldError::invalid(
                Field::Named("type".into()),
                "must be payment, refund, refund_failure, chargeback, payout or payout_failure",
            )
        })?),
    };
    let pool = &m.core.db.pool;
    let slice = ledger::list(pool, &m.owner, kind, p.after.as_deref(), limit).await?;
    let paging = Paging::of_slice(limit, &slice, |t| &t.id);
    let data = slice
        .items
        .iter()
        .map(BalanceTransactionObject::new)
        .collect();
    Ok(Json(BalanceTransactionList::new(data, paging)))
}

#[utoipa::path(get, path = "/v1/balance_transactions/{id}", operation_id = "retrieve_balance_transaction", tag = "Balance",
    params(("id" = String, Path)),
    responses((status = 200, body = BalanceTransactionObject), (status = 404, body = ErrorObject)))]
pub async fn retrieve_transaction(
    m: Merchant,
    Path(id): Path<String>,
) -> Result<Json<BalanceTransactionObject>, ApiError> {
    let t = ledger::find(&m.core.db.pool, &m.owner, &id).await?;
    Ok(Json(BalanceTransactionObject::new(&t)))
}
