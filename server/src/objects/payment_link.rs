//! Payment links.

use super::{PaymentLinkTag, list, lower_code, secs};
use crate::config::Config;
use crate::store::payment_links::PaymentLink;
use app::domain::Currency;
use app::domain::checkout::LineItemDraft;
use serde::Serialize;
use utoipa::ToSchema;

/// The amount a buyer may choose, minor units.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CustomAmount {
    minimum: i64,
    maximum: i64,
}

/// A link to share: each visit to `url` opens a fresh checkout session
/// (with `payment_link` set to this id).
#[derive(Clone, Debug, Serialize, ToSchema)]
#[schema(as = PaymentLink)]
pub struct PaymentLinkObject {
    id: String,
    object: PaymentLinkTag,
    /// The short URL to share.
    url: String,
    active: bool,
    livemode: bool,
    currency: Option<String>,
    /// Minor units, when the link names one amount.
    amount: Option<i64>,
    line_items: Option<Vec<LineItemDraft>>,
    /// When the buyer chooses the amount.
    custom_amount: Option<CustomAmount>,
    description: Option<String>,
    payment_method_types: Option<Vec<String>>,
    /// None: Lipa's receipt.
    success_url: Option<String>,
    single_use: bool,
    expires_at: Option<i64>,
    payment_limit: Option<i64>,
    /// Checkouts opened from the link and paid.
    payments: u32,
    created: i64,
    updated: i64,
}

impl PaymentLinkObject {
    /// `l`, paid `paid` times.
    pub fn new(l: &PaymentLink, paid: u32, config: &Config) -> PaymentLinkObject {
        let c = &l.checkout;
        PaymentLinkObject {
            id: l.id.clone(),
            object: PaymentLinkTag::Value,
            url: config.link_url(&l.id),
            active: l.active,
            livemode: l.livemode,
            currency: c
                .currency
                .as_deref()
                .and_then(Currency::parse)
                .map(lower_code),
            amount: c.amount,
            line_items: c.line_items.clone(),
            custom_amount: l
                .custom_amount_min
                .zip(l.custom_amount_max)
                .map(|(minimum, maximum)| CustomAmount { minimum, maximum }),
            description: c.description.clone(),
            payment_method_types: c.payment_method_types.clone(),
            success_url: c.success_url.clone(),
            single_use: l.single_use,
            expires_at: l.expires_at,
            payment_limit: l.payment_limit,
            payments: paid,
            created: secs(l.created_at),
            updated: secs(l.updated_at),
        }
    }
}

list!(PaymentLinkList of PaymentLinkObject, unpaged);
