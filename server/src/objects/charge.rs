//! The charge (Payonify's `Charge`): a checkout session's payment seen as
//! one object, whether the API made it (`POST /v1/charges`) or a checkout.

use super::{AmountObject, ChargeTag, list, secs};
use crate::config::Config;
use crate::store::attempts::Attempt;
use crate::store::sessions::Session;
use app::domain::card::Brand;
use app::domain::charge::{CancellationReason, ChargeStatus, SessionKind, Shipping};
use app::domain::{MethodId, MethodKind};
use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// How the charge was (or is being) paid.
#[derive(Clone, Debug, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethodDetails {
    MobileMoney { provider: MethodId, phone: String },
    Card { brand: Brand, last4: Option<String> },
    Redirect { provider: MethodId },
}

impl PaymentMethodDetails {
    fn of(a: &Attempt) -> PaymentMethodDetails {
        match (a.card_brand, &a.phone) {
            (Some(brand), _) => PaymentMethodDetails::Card {
                brand,
                last4: a.card_last4.clone(),
            },
            (None, Some(phone)) => PaymentMethodDetails::MobileMoney {
                provider: a.method,
                phone: phone.clone(),
            },
            (None, None) => PaymentMethodDetails::Redirect { provider: a.method },
        }
    }
}

#[derive(Clone, Debug, Serialize, ToSchema)]
#[schema(as = Charge)]
pub struct ChargeObject {
    /// `ch_...`
    id: String,
    object: ChargeTag,
    amount: AmountObject,
    livemode: bool,
    created: i64,
    /// Whether the charge succeeded.
    paid: bool,
    status: ChargeStatus,
    metadata: BTreeMap<String, String>,
    client_secret: String,
    /// `mobile_money` once a payment method is given (`card` or
    /// `redirect` for a checkout's payment).
    payment_method: Option<MethodKind>,
    payment_method_details: Option<PaymentMethodDetails>,
    description: Option<String>,
    receipt_email: Option<String>,
    return_url: Option<String>,
    statement_descriptor: Option<String>,
    shipping: Option<Shipping>,
    /// The latest refund of this charge that did not fail.
    refund_reference: Option<String>,
    /// Only when `status` is `failed`.
    failure_code: Option<String>,
    failure_reason: Option<String>,
    cancelled_at: Option<i64>,
    cancellation_reason: Option<CancellationReason>,
    /// `pos`, `web`, `mobile` or `ussd`.
    source: Option<String>,
    /// The checkout session whose charge this is; `null` for charges made
    /// with `POST /v1/charges`.
    checkout_session: Option<String>,
    /// The latest payment attempt (`pay_...`).
    payment: Option<String>,
    amount_refunded: i64,
    product: Option<String>,
}

impl ChargeObject {
    pub fn new(
        s: &Session,
        latest: Option<&Attempt>,
        refund_reference: Option<String>,
        config: &Config,
    ) -> ChargeObject {
        let status = ChargeStatus::of(s.state, latest.map(|a| a.status));
        let failed = status == ChargeStatus::Failed;
        let cancelled = status == ChargeStatus::Cancelled;
        let wallet = s.charge.wallet.as_ref();
        ChargeObject {
            id: s.charge_reference.clone(),
            object: ChargeTag::Value,
            amount: AmountObject::new(s.amount_total, s.currency),
            livemode: s.livemode,
            created: secs(s.created_at),
            paid: status == ChargeStatus::Succeeded,
            status,
            metadata: s.metadata.clone(),
            // A checkout's charge shares its session's secret; a charge's
            // own does not show the session underneath.
            client_secret: config.master_key.client_secret(match s.kind {
                SessionKind::Checkout => &s.id,
                SessionKind::Charge => &s.charge_reference,
            }),
            payment_method: latest
                .map(|a| a.method.kind())
                .or(wallet.map(|_| MethodKind::MobileMoney)),
            payment_method_details: latest.map(PaymentMethodDetails::of).or_else(|| {
                wallet.map(|w| PaymentMethodDetails::MobileMoney {
                    provider: w.provider,
                    phone: w.phone.clone(),
                })
            }),
            description: s.description.clone(),
            receipt_email: s.customer.email.clone(),
            return_url: s.success_url.clone(),
            statement_descriptor: s.charge.statement_descriptor.clone(),
            shipping: s.charge.shipping.clone(),
            refund_reference,
            failure_code: s.failure_code.clone().filter(|_| failed),
            failure_reason: s.failure_reason.clone().filter(|_| failed),
            cancelled_at: cancelled.then(|| secs(s.cancelled_at.unwrap_or(s.expires_at * 1000))),
            cancellation_reason: cancelled.then(|| cancellation_reason(s)).flatten(),
            source: s.source.clone(),
            checkout_session: (s.kind == SessionKind::Checkout).then(|| s.id.clone()),
            payment: latest.map(|a| a.id.clone()),
            amount_refunded: s.amount_refunded,
            product: s.product_id.clone(),
        }
    }
}

/// The merchant's reason (maybe none); a charge that ran out of time was
/// `abandoned`.
fn cancellation_reason(s: &Session) -> Option<CancellationReason> {
    match s.cancelled_at {
        Some(_) => s.cancellation_reason,
        None => Some(CancellationReason::Abandoned),
    }
}

list!(ChargeList of ChargeObject);
