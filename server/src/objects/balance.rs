//! The balance and its movements (`balance_transaction`).

use super::{BalanceTag, BalanceTxTag, list, lower_code, secs};
use crate::store::ledger::BalanceTx;
use app::domain::Currency;
use app::domain::ledger::BalanceTxKind;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct BalanceAmount {
    /// Minor units; negative when refunds or chargebacks took more than
    /// was paid in.
    amount: i64,
    currency: String,
}

/// What a merchant holds in one mode, per currency.
#[derive(Clone, Debug, Serialize, ToSchema)]
#[schema(as = Balance)]
pub struct BalanceObject {
    object: BalanceTag,
    livemode: bool,
    /// What can be paid out now.
    available: Vec<BalanceAmount>,
    /// What payouts under way hold: taken from `available` when they were
    /// made, gone when they are paid, back in `available` if they fail.
    /// (Payments are credited when they succeed: nothing incoming waits.)
    pending: Vec<BalanceAmount>,
}

impl BalanceObject {
    pub fn new(
        livemode: bool,
        available: Vec<(Currency, i64)>,
        pending: Vec<(Currency, i64)>,
    ) -> BalanceObject {
        let amounts = |v: Vec<(Currency, i64)>| {
            v.into_iter()
                .map(|(c, amount)| BalanceAmount {
                    amount,
                    currency: lower_code(c),
                })
                .collect()
        };
        BalanceObject {
            object: BalanceTag::Value,
            livemode,
            available: amounts(available),
            pending: amounts(pending),
        }
    }
}

/// One movement of the balance, pointing at what caused it.
#[derive(Clone, Debug, Serialize, ToSchema)]
#[schema(as = BalanceTransaction)]
pub struct BalanceTransactionObject {
    id: String,
    object: BalanceTxTag,
    /// The effect on the available balance: positive in, negative out.
    amount: i64,
    currency: String,
    #[serde(rename = "type")]
    kind: BalanceTxKind,
    /// The payment (`pay_…`), refund (`re_…`), chargeback (`cb_…`) or
    /// payout (`po_…`) that caused it.
    source: String,
    description: Option<String>,
    created: i64,
    livemode: bool,
}

impl BalanceTransactionObject {
    pub fn new(t: &BalanceTx) -> BalanceTransactionObject {
        BalanceTransactionObject {
            id: t.id.clone(),
            object: BalanceTxTag::Value,
            amount: t.net,
            currency: lower_code(t.currency),
            kind: t.kind,
            source: t.source.clone(),
            description: t.description.clone(),
            created: secs(t.created_at),
            livemode: t.livemode,
        }
    }
}

list!(BalanceTransactionList of BalanceTransactionObject);
