//! The API doors a checkout can come through, and what each promises its
//! merchants beyond the native API.

use super::webhook::EventType;
use serde::{Deserialize, Serialize};

/// Which API created a session.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Api {
    /// `/v1/checkout/sessions`, shaped like Payonify's.
    #[default]
    #[serde(rename = "payonify")]
    Native,
    Zenofy,
    Waftpay,
    Orqex,
}

impl Api {
    pub const ALL: [Api; 4] = [Api::Native, Api::Zenofy, Api::Waftpay, Api::Orqex];

    /// As stored.
    pub fn as_str(&self) -> &'static str {
        match self {
            Api::Native => "payonify",
            Api::Zenofy => "zenofy",
            Api::Waftpay => "waftpay",
            Api::Orqex => "orqex",
        }
    }

    pub fn parse(s: &str) -> Option<Api> {
        Api::ALL.into_iter().find(|a| a.as_str() == s)
    }

    /// How many metadata pairs a checkout may carry (Orqex documents 10).
    pub fn max_metadata_keys(&self) -> usize {
        match self {
            Api::Orqex => 10,
            _ => 5,
        }
    }

    /// Zenofy sends only three webhook types; its merchants get only those.
    pub fn sends(&self, kind: EventType) -> bool {
        match self {
            Api::Zenofy => matches!(
                kind,
                EventType::PaymentSucceeded
                    | EventType::PaymentRefunded
                    | EventType::PaymentChargeback
            ),
            _ => true,
        }
    }

    /// Zenofy's checkouts name a product that must be able to receive its
    /// webhooks: one with a webhook URL.
    pub fn needs_product_webhook(&self) -> bool {
        *self == Api::Zenofy
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_names_round_trip() {
        for a in Api::ALL {
            assert_eq!(Api::parse(a.as_str()), Some(a));
        }
        assert_eq!(Api::parse("stripe"), None);
    }

    #[test]
    fn zenofy_merchants_hear_only_of_payments() {
        assert!(Api::Zenofy.sends(EventType::PaymentSucceeded));
        assert!(!Api::Zenofy.sends(EventType::SessionCompleted));
        assert!(!Api::Zenofy.sends(EventType::PaymentFailed));
        assert!(Api::Native.sends(EventType::PaymentFailed));
    }
}
