//! Refunds: what a merchant may give back, checked before anything is
//! written. Amounts are minor units of the payment's currency.

use super::checkout::validate_metadata;
use super::field::{Field, FieldError, check_len_opt};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// Where a refund stands (Payonify's values; Lipa uses the first four).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RefundStatus {
    /// Asked of the provider; the amount is reserved.
    Pending,
    Processing,
    Succeeded,
    /// The provider refused; the amount is free again.
    Failed,
    Cancelled,
}

impl RefundStatus {
    pub const ALL: [RefundStatus; 5] = [
        RefundStatus::Pending,
        RefundStatus::Processing,
        RefundStatus::Succeeded,
        RefundStatus::Failed,
        RefundStatus::Cancelled,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            RefundStatus::Pending => "pending",
            RefundStatus::Processing => "processing",
            RefundStatus::Succeeded => "succeeded",
            RefundStatus::Failed => "failed",
            RefundStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<RefundStatus> {
        RefundStatus::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// A refund request, unchecked.
#[derive(Clone, Debug, Default)]
pub struct RefundDraft {
    pub charge: Option<String>,
    pub amount: Option<i64>,
    pub reason: Option<String>,
    pub metadata: Option<BTreeMap<String, Value>>,
}

/// A checked refund request; the amount is settled against the payment by
/// [`refund_amount`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewRefund {
    pub charge: String,
    pub amount: Option<i64>,
    pub reason: Option<String>,
    pub metadata: BTreeMap<String, String>,
}

impl RefundDraft {
    pub fn validate(self) -> Result<NewRefund, FieldError> {
        let charge = self
            .charge
            .filter(|c| !c.trim().is_empty())
            .ok_or_else(|| FieldError::missing(Field::Charge))?;
        if let Some(a) = self.amount
            && a <= 0
        {
            return Err(FieldError::invalid(
                Field::Amount,
                "must be a positive whole number of minor units",
            ));
        }
        Ok(NewRefund {
            charge: charge.trim().to_owned(),
            amount: self.amount,
            reason: check_len_opt(self.reason, Field::Reason, 1, 500)?,
            metadata: validate_metadata(self.metadata.unwrap_or_default())?,
        })
    }
}

/// How much a refund gives back: what was asked, or all that is left. The
/// sum of refunds never exceeds what was paid.
pub fn refund_amount(asked: Option<i64>, paid: i64, refunded: i64) -> Result<i64, FieldError> {
    let left = paid - refunded;
    if left <= 0 {
        return Err(FieldError::new(
            "charge_already_refunded",
            Field::Charge,
            "names a payment already refunded in full",
        ));
    }
    match asked {
        None => Ok(left),
        Some(a) if a <= left => Ok(a),
        Some(a) => Err(FieldError::new(
            "amount_too_large",
            Field::Amount,
            format!("({a}) is more than what is left to refund ({left})"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refunds_never_exceed_what_was_paid() {
        assert_eq!(refund_amount(None, 10_000, 0), Ok(10_000));
        assert_eq!(refund_amount(None, 10_000, 2_500), Ok(7_500));
        assert_eq!(refund_amount(Some(2_500), 10_000, 0), Ok(2_500));
        assert_eq!(refund_amount(Some(7_500), 10_000, 2_500), Ok(7_500));
        let e = refund_amount(Some(7_501), 10_000, 2_500).unwrap_err();
        assert_eq!(
            (e.code.as_str(), e.param().as_str()),
            ("amount_too_large", "amount")
        );
        let e = refund_amount(Some(1), 10_000, 10_000).unwrap_err();
        assert_eq!(e.code, "charge_already_refunded");
    }

    #[test]
    fn requests_are_checked() {
        let ok = RefundDraft {
            charge: Some(" ch_1 ".into()),
            amount: Some(500),
            reason: Some("Damaged".into()),
            metadata: Some(serde_json::from_value(serde_json::json!({"order": "42"})).unwrap()),
        }
        .validate()
        .unwrap();
        assert_eq!(ok.charge, "ch_1");
        assert_eq!(ok.metadata["order"], "42");
        let param = |d: RefundDraft| Some(d.validate().unwrap_err().param());
        assert_eq!(param(RefundDraft::default()), Some("charge".into()));
        let with = |amount| RefundDraft {
            charge: Some("ch_1".into()),
            amount: Some(amount),
            ..Default::default()
        };
        assert_eq!(param(with(0)), Some("amount".into()));
        assert_eq!(param(with(-5)), Some("amount".into()));
        let six_keys = serde_json::json!({"a":"1","b":"1","c":"1","d":"1","e":"1","f":"1"});
        let d = RefundDraft {
            charge: Some("ch_1".into()),
            metadata: Some(serde_json::from_value(six_keys).unwrap()),
            ..Default::default()
        };
        assert_eq!(param(d), Some("metadata".into()));
    }
}
