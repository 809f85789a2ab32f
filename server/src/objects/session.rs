//! The checkout session and the payment objects.

use super::{ListTag, Paging, lower_code, secs, tag};
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

tag!(SessionTag = "checkout_session");
tag!(PaymentMode = "payment");
tag!(ItemTag = "item");
tag!(PaymentTag = "payment");

/// The checkout session (Payonify's `CheckoutSession`, and ours).
#[derive(Clone, Debug, Serialize, ToSchema)]
#[schema(as = CheckoutSession)]
pub struct CheckoutSessionObject {
    pub id: String,
    pub object: SessionTag,
    pub status: Status,
    pub payment_status: PaymentStatus,
    pub mode: PaymentMode,
    /// Lower case ISO 4217.
    pub currency: String,
    pub amount_subtotal: i64,
    pub amount_total: i64,
    /// Where the buyer pays.
    pub url: String,
    pub livemode: bool,
    pub payment_method_types: Vec<MethodId>,
    pub client_secret: String,
    pub client_reference_id: Option<String>,
    pub charge_reference: String,
    pub created: i64,
    pub expires_at: i64,
    pub completed_at: Option<i64>,
    pub success_url: Option<String>,
    pub cancel_url: Option<String>,
    pub customer_email: Option<String>,
    pub customer: Option<Customer>,
    pub description: Option<String>,
    /// `auto`, `en`, `pt`, `fr` or `sw`.
    pub locale: String,
    pub metadata: BTreeMap<String, String>,
    pub submit_type: SubmitType,
    /// `pos`, `web`, `mobile` or `ussd`.
    pub source: Option<String>,
    pub product: Option<String>,
    pub failure_code: Option<String>,
    pub failure_reason: Option<String>,
    pub amount_refunded: i64,
    /// Sessions paid in parts: received so far.
    pub amount_paid: i64,
    pub webhook_url: Option<String>,
    /// Always `null`: Lipa collects no shipping.
    #[schema(value_type = Option<Object>)]
    pub shipping: Option<()>,
    /// Only with `expand=line_items`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line_items: Option<Vec<LineItemObject>>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
#[schema(as = LineItem)]
pub struct LineItemObject {
    pub id: String,
    pub object: ItemTag,
    pub name: String,
    pub description: Option<String>,
    pub unit_amount: i64,
    pub quantity: i64,
    pub amount_subtotal: i64,
    pub amount_total: i64,
    pub currency: String,
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
            shipping: None,
            line_items,
        }
    }
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CheckoutSessionList {
    pub object: ListTag,
    pub data: Vec<CheckoutSessionObject>,
    pub paging: Paging,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CardObject {
    pub brand: Brand,
    pub last4: Option<String>,
}

/// One payment of a session (an attempt), as webhooks carry it, with the
/// merchant's own references for the session it paid.
#[derive(Clone, Debug, Serialize, ToSchema)]
#[schema(as = Payment)]
pub struct PaymentObject {
    pub id: String,
    pub object: PaymentTag,
    pub checkout_session: String,
    pub charge_reference: String,
    /// The merchant's own reference, under both names merchants know.
    pub reference: Option<String>,
    pub client_reference_id: Option<String>,
    pub metadata: BTreeMap<String, String>,
    pub amount: i64,
    pub amount_refunded: i64,
    pub currency: String,
    pub payment_method: MethodId,
    pub card: Option<CardObject>,
    pub status: AttemptStatus,
    pub failure_code: Option<String>,
    pub failure_reason: Option<String>,
    pub livemode: bool,
    pub created: i64,
    /// `payment.refunded` events: the refund.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refund: Option<super::RefundObject>,
    /// `payment.chargeback` events: the chargeback.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chargeback: Option<super::ChargebackObject>,
}

impl PaymentObject {
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
