//! Payouts: the merchant sends money from its balance to a mobile wallet.

use super::charge::{Wallet, check_min_amount, parse_wallet};
use super::checkout::validate_metadata;
use super::currency::Currency;
use super::field::{Field, FieldError, check_len_opt};
use super::money::MAX_AMOUNT;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PayoutStatus {
    Pending,
    Paid,
    Failed,
}

impl PayoutStatus {
    pub fn as_str(&self) -> &'static str {
        match self {
            PayoutStatus::Pending => "pending",
            PayoutStatus::Paid => "paid",
            PayoutStatus::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<PayoutStatus> {
        [
            PayoutStatus::Pending,
            PayoutStatus::Paid,
            PayoutStatus::Failed,
        ]
        .into_iter()
        .find(|p| p.as_str() == s)
    }
}

/// Failure codes a payout may carry.
pub mod code {
    /// The wallet does not exist or cannot receive money.
    pub const RECIPIENT_NOT_FOUND: &str = "recipient_not_found";
    /// The provider refused the transfer (limits, its own balance, ...).
    pub const PROVIDER_DECLINED: &str = "provider_declined";
    /// The provider could not be reached and did not take the payout.
    pub const PROVIDER_UNAVAILABLE: &str = "provider_unavailable";
}

/// A payout as the merchant asked for it, unchecked.
#[derive(Clone, Debug, Default)]
pub struct PayoutDraft {
    pub amount: Option<i64>,
    pub currency: Option<String>,
    pub destination: Option<Value>,
    pub description: Option<String>,
    pub metadata: Option<BTreeMap<String, Value>>,
}

/// A checked payout, ready to reserve and send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewPayout {
    pub amount: i64,
    pub currency: Currency,
    pub wallet: Wallet,
    pub description: Option<String>,
    pub metadata: BTreeMap<String, String>,
}

impl PayoutDraft {
    pub fn validate(self) -> Result<NewPayout, FieldError> {
        let amount = self
            .amount
            .ok_or_else(|| FieldError::missing(Field::Amount))?;
        check_min_amount(amount, Field::Amount)?;
        if amount > MAX_AMOUNT {
            return Err(FieldError::new(
                "amount_too_large",
                Field::Amount,
                format!("must be at most {MAX_AMOUNT} minor units"),
            ));
        }
        let currency = self
            .currency
            .ok_or_else(|| FieldError::missing(Field::Currency))?;
        let currency = Currency::of_field(&currency, Field::Currency)?;
        let wallet = destination(self.destination.as_ref(), currency)?;
        Ok(NewPayout {
            amount,
            currency,
            wallet,
            description: check_len_opt(self.description, Field::Description, 1, 150)?,
            metadata: validate_metadata(self.metadata.unwrap_or_default())?,
        })
    }
}

/// `destination` of a payout or of its validation, for a currency.
pub fn destination(v: Option<&Value>, currency: Currency) -> Result<Wallet, FieldError> {
    let v = v.ok_or_else(|| FieldError::missing(Field::Named("destination".into())))?;
    parse_wallet(v, "destination", currency)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn draft() -> PayoutDraft {
        PayoutDraft {
            amount: Some(2500),
            currency: Some("usd".into()),
            destination: Some(json!({"mobile_money": {"ecocash": {"phone": "+263771234567"}}})),
            description: Some("Salary".into()),
            metadata: None,
        }
    }

    #[test]
    fn a_payout_needs_its_amount_currency_and_destination() {
        let p = draft().validate().unwrap();
        assert_eq!((p.amount, p.currency.code()), (2500, "USD"));
        assert_eq!(p.wallet.phone, "+263771234567");
        let e = PayoutDraft {
            amount: Some(99),
            ..draft()
        }
        .validate()
        .unwrap_err();
        assert_eq!(
            (e.code.as_str(), e.param()),
            ("amount_too_small", "amount".into())
        );
        let e = PayoutDraft {
            destination: None,
            ..draft()
        }
        .validate()
        .unwrap_err();
        assert_eq!(e.param(), "destination");
        let e = PayoutDraft {
            description: Some("x".repeat(151)),
            ..draft()
        }
        .validate()
        .unwrap_err();
        assert_eq!(e.param(), "description");
        let six: BTreeMap<String, Value> = (0..6).map(|i| (format!("k{i}"), json!("v"))).collect();
        let e = PayoutDraft {
            metadata: Some(six),
            ..draft()
        }
        .validate()
        .unwrap_err();
        assert_eq!(e.param(), "metadata");
    }
}
