//! The sandbox connector: a pretend provider for test mode, with test
//! numbers like a real provider's (documented in the README).
//!
//! Mobile money, by the phone number's last digits, answered `delay` after
//! the request:
//!
//! | ends in | outcome                         |
//! |---------|---------------------------------|
//! | `0001`  | declined: insufficient funds    |
//! | `0002`  | never answers (times out)       |
//! | other   | approved (e.g. `0000`)          |
//!
//! Payouts, by the wallet's last digits: `0003` has no wallet (the lookup
//! says so and a payout fails `recipient_not_found`), `0004` is pending at
//! first and paid once `delay` has passed, any other number is paid at
//! once.
//!
//! Cards, at once: `4000 0000 0000 0002` is declined, `4000 0000 0000 3220`
//! asks for 3-D Secure on the sandbox's challenge page, any other valid
//! number (e.g. `4242 4242 4242 4242`) is approved. Redirect methods send the
//! buyer to the sandbox's provider page.
//!
//! Phone outcomes are computed from the attempt itself, so they survive
//! restarts and every server instance gives the same answer; the challenge
//! and provider pages settle their attempts directly.

use super::{
    Connector, ConnectorError, Lookup, Outcome, PaymentDetails, PayoutAnswer, RefundAnswer,
    Started, Urls,
};
use crate::db::{new_id, now_ms};
use crate::store::attempts::Attempt;
use crate::store::payouts::Payout;
use app::domain::attempt::failure;
use app::domain::payout::code;
use std::time::Duration;

pub const DECLINED_CARD: &str = "4000000000000002";
pub const THREE_DS_CARD: &str = "4000000000003220";

#[derive(Clone)]
pub struct Sandbox {
    pub delay: Duration,
    /// Base of the sandbox's own pages, e.g. `https://pay.example`.
    pub public_url: String,
}

impl Sandbox {
    pub fn decide_phone(phone: &str, elapsed: Duration, delay: Duration) -> Outcome {
        if elapsed < delay {
            return Outcome::Pending;
        }
        if phone.ends_with("0001") {
            Outcome::Failed {
                code: failure::INSUFFICIENT_FUNDS.into(),
                reason: "Insufficient funds in the buyer's account".into(),
            }
        } else if phone.ends_with("0002") {
            Outcome::Pending
        } else {
            Outcome::Succeeded
        }
    }

    /// A sandbox payout's answer, `elapsed` after it was made.
    pub fn decide_payout(phone: &str, elapsed: Duration, delay: Duration) -> PayoutAnswer {
        let reference = Some(format!(
            "sbx_po_{}",
            &phone[phone.len().saturating_sub(4)..]
        ));
        if phone.ends_with("0003") {
            PayoutAnswer::Failed {
                code: code::RECIPIENT_NOT_FOUND.into(),
                message: "No wallet is registered to this number".into(),
            }
        } else if phone.ends_with("0004") && elapsed < delay.max(Duration::from_millis(1)) {
            PayoutAnswer::Pending { reference }
        } else {
            PayoutAnswer::Paid { reference }
        }
    }

    fn page(&self, attempt: &Attempt) -> String {
        format!("{}/sandbox/{}", self.public_url, attempt.id)
    }
}

#[async_trait::async_trait]
impl Connector for Sandbox {
    fn name(&self) -> &'static str {
        "sandbox"
    }

    async fn start(
        &self,
        attempt: &Attempt,
        details: PaymentDetails<'_>,
        _urls: &Urls,
    ) -> Result<Started, ConnectorError> {
        let reference = new_id("sbx", 20);
        Ok(match details {
            PaymentDetails::Phone(_) => Started::Pending { reference },
            PaymentDetails::Card(card) if card.number == DECLINED_CARD => Started::Done {
                reference,
                outcome: Outcome::Failed {
                    code: failure::CARD_DECLINED.into(),
                    reason: "The card was declined".into(),
                },
            },
            PaymentDetails::Card(card) if card.number == THREE_DS_CARD => Started::Action {
                reference,
                url: self.page(attempt),
            },
            PaymentDetails::Card(_) => Started::Done {
                reference,
                outcome: Outcome::Succeeded,
            },
            PaymentDetails::Redirect => Started::Action {
                reference,
                url: self.page(attempt),
            },
        })
    }

    async fn status(&self, attempt: &Attempt) -> Result<Outcome, ConnectorError> {
        match &attempt.phone {
            Some(phone) => {
                let elapsed = Duration::from_millis((now_ms() - attempt.created_at).max(0) as u64);
                Ok(Sandbox::decide_phone(phone, elapsed, self.delay))
            }
            // Challenge and provider pages answer through `complete_action`.
            None => Ok(Outcome::Pending),
        }
    }

    async fn cancel(&self, _attempt: &Attempt) -> Result<(), ConnectorError> {
        Ok(())
    }

    /// Every refund succeeds, once per refund id: asking again answers
    /// with the same reference.
    async fn refund(
        &self,
        _attempt: &Attempt,
        refund_id: &str,
        _amount: i64,
    ) -> Result<RefundAnswer, ConnectorError> {
        Ok(RefundAnswer::Succeeded {
            reference: format!("sbx_{refund_id}"),
        })
    }

    fn pays_out(&self) -> bool {
        true
    }

    async fn payout(
        &self,
        p: &Payout,
        _callback_url: &str,
    ) -> Result<PayoutAnswer, ConnectorError> {
        Ok(Sandbox::decide_payout(&p.phone, Duration::ZERO, self.delay))
    }

    async fn payout_status(&self, p: &Payout) -> Result<PayoutAnswer, ConnectorError> {
        let elapsed = Duration::from_millis((now_ms() - p.created_at).max(0) as u64);
        Ok(Sandbox::decide_payout(&p.phone, elapsed, self.delay))
    }

    async fn lookup(&self, phone: &str) -> Result<Lookup, ConnectorError> {
        Ok(if phone.ends_with("0003") {
            Lookup::NotFound
        } else {
            Lookup::Found {
                name: Some("Sandbox Recipient".into()),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_numbers() {
        let (d, soon, later) = (
            Duration::from_secs(2),
            Duration::from_secs(1),
            Duration::from_secs(3),
        );
        let declined = Outcome::Failed {
            code: "insufficient_funds".into(),
            reason: "Insufficient funds in the buyer's account".into(),
        };
        for (phone, elapsed, outcome) in [
            ("+258840000000", soon, Outcome::Pending),
            ("+258840000000", later, Outcome::Succeeded),
            ("+258840000001", later, declined),
            ("+258840000002", Duration::from_secs(3600), Outcome::Pending),
            ("+258841234567", later, Outcome::Succeeded),
        ] {
            assert_eq!(Sandbox::decide_phone(phone, elapsed, d), outcome, "{phone}");
        }
    }
}
