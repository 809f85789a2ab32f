//! The checkout session and the payment objects.

use super::{ItemTag, PaymentMode, PaymentTag, SessionTag, list, lower_code, secs};
use crate::config::Config;
use crate::store::attempts::Attempt;
use crate::store::sessions::Session;
use app::domain::attempt::AttemptStatus;
use app::domain::card::Brand;
use app::domain::checkout::{Customer, SubmitType};
use app::domain::{MethodId, PaymentStatus, Status};
use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// The checkout session (Payonify's `CheckoutSession`, and ours).
#[derive(Clone, Debug, Serialize, ToSchema)]
#[schema(as = CheckoutSession)]
pub struct CheckoutSessionObject {
    id: String,
    object: SessionTag,
    status: Status,
    payment_status: PaymentStatus,
    mode: PaymentMode,
    /// Lower case ISO 4217.
    currency: String,
    amount_subtotal: i64,
    amount_total: i64,
    /// Where the buyer pays.
    url: String,
    livemode: bool,
    payment_method_types: Vec<MethodId>,
    client_secret: String,
    client_reference_id: Option<String>,
    charge_reference: String,
    created: i64,
    expires_at: i64,
    completed_at: Option<i64>,
    success_url: Option<String>,
    cancel_url: Option<String>,
    customer_email: Option<String>,
    customer: Option<Customer>,
    description: Option<String>,
    /// `auto`, or one of the languages the page speaks: `en`, `pt`, `fr`,
    /// `sw`, `af`, `am`, `ha`, `lg`, `ln`, `mg`, `ny`, `rw`, `sn`, `so`,
    /// `xh`, `yo`, `zu`.
    locale: String,
    metadata: BTreeMap<String, String>,
    submit_type: SubmitType,
    /// `pos`, `web`, `mobile` or `ussd`.
    source: Option<String>,
    product: Option<String>,
    failure_code: Option<String>,
    failure_reason: Option<String>,
    amount_refunded: i64,
    /// Sessions paid in parts: received so far.
    amount_paid: i64,
    webhook_url: Option<String>,
    /// The payment link a buyer opened it from.
    payment_link: Option<String>,
    /// Always `null`: Lipa collects no shipping.
    #[schema(value_type = Option<Object>)]
    shipping: Option<()>,
    /// Only with `expand=line_items`.
    #[serde(skip_serializing_if = "Option::is_none")]
    line_items: Option<Vec<LineItemObject>>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
#[schema(as = LineItem)]
pub struct LineItemObject {
    id: String,
    object: ItemTag,
    name: String,
    description: Option<String>,
    unit_amount: i64,
    quantity: i64,
    amount_subtotal: i64,
    amount_total: i64,
    currency: String,
}

impl CheckoutSessionObject {
    pub fn new(s: &Session, config: &Config, expand_line_items: bool) -> CheckoutSessionObject {
        let currency = lower_code(s.currency);
        let line_items = expand_line_items.then(|| {
            s.line_items
                .iter()
                .map(|l| LineItemObject {
                    id: l.id.clone(),
                    object: ItemTag::Value,
                    name: l.item.name.clone(),
                    description: l.item.description.clone(),
                    unit_amount: l.item.unit_amount,
                    quantity: l.item.quantity,
                    amount_subtotal: l.item.amount_total(),
                    amount_total: l.item.amount_total(),
                    currency: currency.clone(),
                })
                .collect()
        });
        CheckoutSessionObject {
            id: s.id.clone(),
            object: SessionTag::Value,
            status: s.state.status,
            payment_status: s.state.payment_status,
            mode: PaymentMode::Value,
            currency,
            amount_subtotal: s.amount_subtotal,
            amount_total: s.amount_total,
            url: config.checkout_url(&s.id),
            livemode: s.livemode,
            payment_method_types: s.payment_method_types.clone(),
            client_secret: config.master_key.client_secret(&s.id),
            client_reference_id: s.client_reference_id.clone(),
            charge_reference: s.charge_reference.clone(),
            created: secs(s.created_at),
            expires_at: s.expires_at,
            completed_at: s.completed_at.map(secs),
            success_url: s.success_url.clone(),
            cancel_url: s.cancel_url.clone(),
            customer_email: s.customer.email.clone(),
            customer: (s.customer != Customer::default()).then(|| s.customer.clone()),
            description: s.description.clone(),
            locale: s.locale.as_str().to_owned(),
            metadata: s.metadata.clone(),
            submit_type: s.submit_type,
            source: s.source.clone(),
            product: s.product_id.clone(),
            failure_code: s.failure_code.clone(),
            failure_reason: s.failure_reason.clone(),
            amount_refunded: s.amount_refunded,
            amount_paid: s.compat.amount_paid,
            webhook_url: s.webhook_url.clone(),
            payment_link: s.payment_link.clone(),
            shipping: None,
            line_items,
        }
    }
}

list!(CheckoutSessionList of CheckoutSessionObject);

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CardObject {
    brand: Brand,
    pub last4: Option<String>,
}

/// One payment of a session (an attempt), as webhooks carry it, with the
/// merchant's own references for the session it paid.
#[derive(Clone, Debug, Serialize, ToSchema)]
#[schema(as = Payment)]
pub struct PaymentObject {
    id: String,
    object: PaymentTag,
    checkout_session: String,
    charge_reference: String,
    /// The merchant's own reference, under both names merchants know.
    reference: Option<String>,
    client_reference_id: Option<String>,
    metadata: BTreeMap<String, String>,
    amount: i64,
    amount_refunded: i64,
    currency: String,
    payment_method: MethodId,
    card: Option<CardObject>,
    status: AttemptStatus,
    failure_code: Option<String>,
    failure_reason: Option<String>,
    livemode: bool,
    created: i64,
    /// `payment.refunded` events: the refund.
    #[serde(skip_serializing_if = "Option::is_none")]
    refund: Option<super::RefundObject>,
    /// `payment.chargeback` events: the chargeback.
    #[serde(skip_serializing_if = "Option::is_none")]
    chargeback: Option<super::ChargebackObject>,
}

impl PaymentObject {
    /// For `payment.refunded`: the payment with the refund.
    pub fn with_refund(mut self, refund: super::RefundObject) -> PaymentObject {
        self.refund = Some(refund);
        self
    }

    /// For `payment.chargeback`: the payment with the chargeback.
    pub fn with_chargeback(mut self, chargeback: super::ChargebackObject) -> PaymentObject {
        self.chargeback = Some(chargeback);
        self
    }

    pub fn new(s: &Session, a: &Attempt) -> PaymentObject {
        PaymentObject {
            id: a.id.clone(),
            object: PaymentTag::Value,
            checkout_session: s.id.clone(),
            charge_reference: s.charge_reference.clone(),
            reference: s.client_reference_id.clone(),
            client_reference_id: s.client_reference_id.clone(),
            metadata: s.metadata.clone(),
            amount: a.amount,
            amount_refunded: s.amount_refunded,
            currency: lower_code(a.currency),
            payment_method: a.method,
            card: a.card_brand.map(|brand| CardObject {
                brand,
                last4: a.card_last4.clone(),
            }),
            status: a.status,
            failure_code: a.failure_code.clone(),
            failure_reason: a.failure_reason.clone(),
            livemode: s.livemode,
            created: secs(a.created_at),
            refund: None,
            chargeback: None,
        }
    }
}
