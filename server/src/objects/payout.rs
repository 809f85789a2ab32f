//! The payout (Payonify's `Payout`) and the answer of a destination check.

use super::{AmountObject, PayoutTag, list, secs};
use crate::store::payouts::Payout;
use app::domain::MethodId;
use app::domain::payout::PayoutStatus;
use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// Where the money went.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct DestinationDetails {
    /// Always `mobile_money`.
    #[serde(rename = "type")]
    kind: &'static str,
    mobile_money: WalletObject,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
#[schema(as = Wallet)]
pub struct WalletObject {
    provider: MethodId,
    /// E.164.
    phone: String,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
#[schema(as = Payout)]
pub struct PayoutObject {
    /// `po_...`
    id: String,
    object: PayoutTag,
    amount: AmountObject,
    livemode: bool,
    created: i64,
    status: PayoutStatus,
    description: Option<String>,
    metadata: BTreeMap<String, String>,
    destination_details: DestinationDetails,
    /// Only when `status` is `failed`: `recipient_not_found`,
    /// `provider_declined` or `provider_unavailable`.
    failure_code: Option<String>,
    failure_message: Option<String>,
    /// When it was paid, Unix seconds.
    arrived_at: Option<i64>,
    /// The balance transaction that reserved it.
    balance_transaction: Option<String>,
}

impl PayoutObject {
    pub fn new(p: &Payout, balance_transaction: Option<String>) -> PayoutObject {
        PayoutObject {
            id: p.id.clone(),
            object: PayoutTag::Value,
            amount: AmountObject::new(p.amount, p.currency),
            livemode: p.livemode,
            created: secs(p.created_at),
            status: p.status,
            description: p.description.clone(),
            metadata: p.metadata.clone(),
            destination_details: DestinationDetails {
                kind: "mobile_money",
                mobile_money: WalletObject {
                    provider: p.provider,
                    phone: p.phone.clone(),
                },
            },
            failure_code: p.failure_code.clone(),
            failure_message: p.failure_message.clone(),
            arrived_at: p.arrived_at.map(secs),
            balance_transaction,
        }
    }
}

list!(PayoutList of PayoutObject);

/// How a destination was checked.
#[derive(Clone, Copy, Debug, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CheckedBy {
    /// The provider's account-holder lookup answered.
    ProviderLookup,
    /// The provider has no lookup: only the number's rules were checked.
    PhoneRules,
}

/// Payonify's `PayoutValidateResponse`.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PayoutValidation {
    valid: bool,
    /// Only when `valid`.
    recipient: Option<Recipient>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Recipient {
    provider: MethodId,
    /// E.164.
    phone: String,
    /// The account holder's name, when the provider's lookup gives it.
    name: Option<String>,
    checked_by: CheckedBy,
}

impl PayoutValidation {
    pub fn invalid() -> PayoutValidation {
        PayoutValidation {
            valid: false,
            recipient: None,
        }
    }

    pub fn valid(
        provider: MethodId,
        phone: String,
        name: Option<String>,
        checked_by: CheckedBy,
    ) -> PayoutValidation {
        PayoutValidation {
            valid: true,
            recipient: Some(Recipient {
                provider,
                phone,
                name,
                checked_by,
            }),
        }
    }
}
