//! Refunds (Payonify's `Refund`) and chargebacks.

use super::{ChargebackTag, RefundTag, list, lower_code, secs};
use crate::store::attempts::Attempt;
use crate::store::chargebacks::Chargeback;
use crate::store::refunds::Refund;
use app::domain::MethodId;
use app::domain::card::Brand;
use app::domain::refund::RefundStatus;
use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// An amount with its currency (charges, refunds, payouts).
#[derive(Clone, Debug, Serialize, ToSchema)]
#[schema(as = Amount)]
pub struct AmountObject {
    /// Minor units.
    value: i64,
    /// Lower case ISO 4217.
    currency: String,
}

impl AmountObject {
    pub fn new(value: i64, currency: app::domain::Currency) -> AmountObject {
        AmountObject {
            value,
            currency: lower_code(currency),
        }
    }
}

/// How the money goes back: to the card, or to the wallet it came from.
#[derive(Clone, Debug, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RefundDetails {
    Card { brand: Brand, last4: Option<String> },
    MobileMoney { provider: MethodId },
    Redirect { provider: MethodId },
}

/// Payonify's `Refund`.
#[derive(Clone, Debug, Serialize, ToSchema)]
#[schema(as = Refund)]
pub struct RefundObject {
    id: String,
    object: RefundTag,
    amount: AmountObject,
    created: i64,
    /// The session's charge reference.
    charge: String,
    /// The payment refunded.
    payment: String,
    checkout_session: String,
    reason: Option<String>,
    status: RefundStatus,
    metadata: BTreeMap<String, String>,
    failure_code: Option<String>,
    failure_reason: Option<String>,
    refund_details: Option<RefundDetails>,
    livemode: bool,
}

impl RefundObject {
    pub fn new(r: &Refund, attempt: Option<&Attempt>) -> RefundObject {
        let details = attempt.map(|a| match (a.card_brand, &a.phone) {
            (Some(brand), _) => RefundDetails::Card {
                brand,
                last4: a.card_last4.clone(),
            },
            (None, Some(_)) => RefundDetails::MobileMoney { provider: a.method },
            (None, None) => RefundDetails::Redirect { provider: a.method },
        });
        RefundObject {
            id: r.id.clone(),
            object: RefundTag::Value,
            amount: AmountObject::new(r.amount, r.currency),
            created: secs(r.created_at),
            charge: r.charge.clone(),
            payment: r.attempt_id.clone(),
            checkout_session: r.session_id.clone(),
            reason: r.reason.clone(),
            status: r.status,
            metadata: r.metadata.clone(),
            failure_code: r.failure_code.clone(),
            failure_reason: r.failure_reason.clone(),
            refund_details: details,
            livemode: r.livemode,
        }
    }
}

list!(RefundList of RefundObject);

#[derive(Clone, Debug, Serialize, ToSchema)]
#[schema(as = Chargeback)]
pub struct ChargebackObject {
    id: String,
    object: ChargebackTag,
    amount: i64,
    currency: String,
    reason: String,
    payment: String,
    checkout_session: String,
    created: i64,
}

impl ChargebackObject {
    pub fn new(c: &Chargeback, a: &Attempt) -> ChargebackObject {
        ChargebackObject {
            id: c.id.clone(),
            object: ChargebackTag::Value,
            amount: c.amount,
            currency: lower_code(a.currency),
            reason: c.reason.clone(),
            payment: c.attempt_id.clone(),
            checkout_session: c.session_id.clone(),
            created: secs(c.created_at),
        }
    }
}
