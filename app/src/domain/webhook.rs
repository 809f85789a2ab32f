//! What Lipa tells merchants happened: the types of webhook events.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum EventType {
    #[serde(rename = "checkout.session.completed")]
    SessionCompleted,
    #[serde(rename = "checkout.session.expired")]
    SessionExpired,
    #[serde(rename = "payment.succeeded")]
    PaymentSucceeded,
    #[serde(rename = "payment.failed")]
    PaymentFailed,
    #[serde(rename = "payment.refunded")]
    PaymentRefunded,
    #[serde(rename = "payment.chargeback")]
    PaymentChargeback,
    #[serde(rename = "charge.succeeded")]
    ChargeSucceeded,
    #[serde(rename = "charge.failed")]
    ChargeFailed,
    #[serde(rename = "charge.cancelled")]
    ChargeCancelled,
    #[serde(rename = "charge.refunded")]
    ChargeRefunded,
    #[serde(rename = "payout.paid")]
    PayoutPaid,
    #[serde(rename = "payout.failed")]
    PayoutFailed,
}

impl EventType {
    pub const ALL: [EventType; 12] = [
        EventType::SessionCompleted,
        EventType::SessionExpired,
        EventType::PaymentSucceeded,
        EventType::PaymentFailed,
        EventType::PaymentRefunded,
        EventType::PaymentChargeback,
        EventType::ChargeSucceeded,
        EventType::ChargeFailed,
        EventType::ChargeCancelled,
        EventType::ChargeRefunded,
        EventType::PayoutPaid,
        EventType::PayoutFailed,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            EventType::SessionCompleted => "checkout.session.completed",
            EventType::SessionExpired => "checkout.session.expired",
            EventType::PaymentSucceeded => "payment.succeeded",
            EventType::PaymentFailed => "payment.failed",
            EventType::PaymentRefunded => "payment.refunded",
            EventType::PaymentChargeback => "payment.chargeback",
            EventType::ChargeSucceeded => "charge.succeeded",
            EventType::ChargeFailed => "charge.failed",
            EventType::ChargeCancelled => "charge.cancelled",
            EventType::ChargeRefunded => "charge.refunded",
            EventType::PayoutPaid => "payout.paid",
            EventType::PayoutFailed => "payout.failed",
        }
    }

    pub fn parse(s: &str) -> Option<EventType> {
        EventType::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// Whether the event's `data` is the checkout session (otherwise it is
    /// the payment).
    pub fn is_about_session(&self) -> bool {
        matches!(
            self,
            EventType::SessionCompleted | EventType::SessionExpired
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_serde() {
        for t in EventType::ALL {
            assert_eq!(
                serde_json::to_value(t).unwrap(),
                serde_json::json!(t.as_str())
            );
            assert_eq!(EventType::parse(t.as_str()), Some(t));
        }
    }
}
