//! The balance ledger, double entry: every movement of a merchant's money
//! (in one mode and currency) is a [`BalanceTxKind`] whose two legs sum to
//! zero: one on the merchant's `available` balance, the other on the
//! account the money came from or went to (the providers' clearing, money
//! on its way to a payout's recipient). Balances are only ever the sum of
//! their legs.

use serde::{Deserialize, Serialize};

/// What moved the money.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BalanceTxKind {
    /// A payment succeeded (a checkout's or a charge's).
    Payment,
    /// A refund was asked for: its amount leaves at once.
    Refund,
    /// A refund failed: its amount comes back.
    RefundFailure,
    /// A buyer's bank took a payment back.
    Chargeback,
    /// A payout was created: its amount is held until it is paid.
    Payout,
    /// A payout failed: its amount comes back.
    PayoutFailure,
}

/// The accounts a leg can post to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LedgerAccount {
    /// What the merchant can pay out.
    Available,
    /// Money between Lipa's books and the payment providers: payments
    /// collected, refunds and chargebacks given back.
    ProviderClearing,
    /// Money on its way to (or back from) payout recipients.
    Payouts,
}

impl BalanceTxKind {
    pub const ALL: [BalanceTxKind; 6] = [
        BalanceTxKind::Payment,
        BalanceTxKind::Refund,
        BalanceTxKind::RefundFailure,
        BalanceTxKind::Chargeback,
        BalanceTxKind::Payout,
        BalanceTxKind::PayoutFailure,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            BalanceTxKind::Payment => "payment",
            BalanceTxKind::Refund => "refund",
            BalanceTxKind::RefundFailure => "refund_failure",
            BalanceTxKind::Chargeback => "chargeback",
            BalanceTxKind::Payout => "payout",
            BalanceTxKind::PayoutFailure => "payout_failure",
        }
    }

    pub fn parse(s: &str) -> Option<BalanceTxKind> {
        BalanceTxKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Whether the movement adds to the merchant's available balance.
    fn credits(&self) -> bool {
        matches!(
            self,
            BalanceTxKind::Payment | BalanceTxKind::RefundFailure | BalanceTxKind::PayoutFailure
        )
    }

    /// Whether it may not take the available balance below zero. Refunds
    /// and chargebacks are owed whatever the balance; a payout is not.
    pub fn needs_funds(&self) -> bool {
        matches!(self, BalanceTxKind::Payout)
    }

    /// The effect on the available balance of moving `amount` (> 0).
    pub fn net(&self, amount: i64) -> i64 {
        if self.credits() { amount } else { -amount }
    }

    /// The two legs of moving `amount` (> 0): they always sum to zero.
    pub fn legs(&self, amount: i64) -> [(LedgerAccount, i64); 2] {
        let other = match self {
            BalanceTxKind::Payout | BalanceTxKind::PayoutFailure => LedgerAccount::Payouts,
            _ => LedgerAccount::ProviderClearing,
        };
        let net = self.net(amount);
        [(LedgerAccount::Available, net), (other, -net)]
    }
}

impl LedgerAccount {
    pub fn as_str(&self) -> &'static str {
        match self {
            LedgerAccount::Available => "available",
            LedgerAccount::ProviderClearing => "provider_clearing",
            LedgerAccount::Payouts => "payouts",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_movement_balances_and_moves_available_the_right_way() {
        for k in BalanceTxKind::ALL {
            let legs = k.legs(1_250);
            assert_eq!(legs[0].1 + legs[1].1, 0, "{k:?} balances");
            assert_eq!(legs[0].0, LedgerAccount::Available);
            assert_eq!(BalanceTxKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(BalanceTxKind::Payment.net(500), 500);
        assert_eq!(BalanceTxKind::Refund.net(500), -500);
        assert_eq!(BalanceTxKind::RefundFailure.net(500), 500);
        assert_eq!(BalanceTxKind::Chargeback.net(500), -500);
        assert_eq!(BalanceTxKind::Payout.net(500), -500);
        assert_eq!(BalanceTxKind::PayoutFailure.net(500), 500);
        assert_eq!(BalanceTxKind::Payout.legs(500)[1].0, LedgerAccount::Payouts);
        assert!(BalanceTxKind::Payout.needs_funds());
        assert!(
            !BalanceTxKind::Refund.needs_funds(),
            "a refund is owed anyway"
        );
    }
}
