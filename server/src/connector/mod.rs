//! Payment connectors: how a payment attempt reaches a provider. The page and
//! the order state machine only see this trait, so a real provider can be
//! added without touching either.

pub mod accounts;
pub mod daraja;
pub mod daraja_b2c;
pub mod flutterwave;
pub mod http;
pub mod momo;
pub mod momo_disbursement;
pub mod payfast;
mod sandbox;
pub mod stripe;
pub mod vodacom_mz;

pub use accounts::{Connectors, Credentials};
pub use sandbox::Sandbox;

use crate::store::attempts::Attempt;
use crate::store::payouts::Payout;
use app::domain::card::Card;

/// What the buyer gave for this attempt. A card's number lives only here,
/// for the length of the request; it is never stored or logged.
#[derive(Debug)]
pub enum PaymentDetails<'a> {
    /// Mobile money: the E.164 number to push the request to.
    Phone(&'a str),
    Card(&'a Card),
    /// The provider collects the details on its own page.
    Redirect,
}

impl<'a> PaymentDetails<'a> {
    /// The phone a mobile-money connector pushes to; anything else is a
    /// routing mistake, reported as `connector`'s error.
    pub fn phone(self, connector: &'static str) -> Result<&'a str, ConnectorError> {
        match self {
            PaymentDetails::Phone(p) => Ok(p),
            _ => Err(ConnectorError::new(connector, "takes a phone number")),
        }
    }

    /// Nothing, for a provider whose own page collects the details; any
    /// details given are a routing mistake, reported as `connector`'s.
    pub fn redirect(self, connector: &'static str) -> Result<(), ConnectorError> {
        match self {
            PaymentDetails::Redirect => Ok(()),
            _ => Err(ConnectorError::new(
                connector,
                "collects the details on its own page",
            )),
        }
    }
}

/// What the provider says about an attempt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Pending,
    Succeeded,
    Failed { code: String, reason: String },
}

/// How the provider took the request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Started {
    /// Accepted; the answer comes later (a push waiting for the buyer's PIN).
    Pending { reference: String },
    /// Answered at once (most card payments).
    Done { reference: String, outcome: Outcome },
    /// The buyer must go to `url` (3-D Secure, the provider's page) and will
    /// come back to `return_url`.
    Action { reference: String, url: String },
}

/// What the provider says about a refund.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RefundAnswer {
    Succeeded {
        reference: String,
    },
    /// Taken; the answer comes later (ask again with the same refund id).
    Pending,
    /// Refused for good: nothing moved.
    Refused {
        code: String,
        reason: String,
    },
}

/// What the provider says about a payout.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PayoutAnswer {
    Paid {
        reference: Option<String>,
    },
    /// Taken; the answer comes later (a callback, or asking again).
    Pending {
        reference: Option<String>,
    },
    /// Refused for good: nothing was sent.
    Failed {
        code: String,
        message: String,
    },
}

/// What a provider's account-holder lookup says about a wallet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup {
    /// The wallet can receive money; the holder's name when given.
    Found {
        name: Option<String>,
    },
    NotFound,
    /// The provider has no lookup.
    Unsupported,
}

#[derive(Debug, thiserror::Error)]
#[error("{connector}: {message}")]
pub struct ConnectorError {
    pub connector: &'static str,
    pub message: String,
}

impl ConnectorError {
    pub fn new(connector: &'static str, message: impl Into<String>) -> ConnectorError {
        ConnectorError {
            connector,
            message: message.into(),
        }
    }
}

/// Where the provider sends the buyer back (`return_url`) and its own
/// result (`callback_url`: an unguessable path per attempt).
pub struct Urls {
    pub return_url: String,
    pub callback_url: String,
    /// The checkout's language, for providers whose page speaks it.
    pub locale: app::domain::locale::LocalePref,
}

/// A failure with its Lipa code and the provider's words.
pub fn failed(code: &str, reason: impl Into<String>) -> Outcome {
    Outcome::Failed {
        code: code.to_owned(),
        reason: reason.into(),
    }
}

#[async_trait::async_trait]
pub trait Connector: Send + Sync + 'static {
    fn name(&self) -> &'static str;

    /// Asks the provider to collect the attempt's amount.
    async fn start(
        &self,
        attempt: &Attempt,
        details: PaymentDetails<'_>,
        urls: &Urls,
    ) -> Result<Started, ConnectorError>;

    /// The provider's current answer for an attempt it accepted.
    async fn status(&self, attempt: &Attempt) -> Result<Outcome, ConnectorError>;

    /// Withdraws a request nobody answered (timeout, the buyer left).
    async fn cancel(&self, attempt: &Attempt) -> Result<(), ConnectorError>;

    /// Returns `amount` minor units of a succeeded attempt. `refund_id` is
    /// the provider's idempotency key: asking again with the same id (after
    /// a timeout, from the sweeper) never refunds twice. An error means the
    /// outcome is unknown and the refund stays pending.
    async fn refund(
        &self,
        attempt: &Attempt,
        refund_id: &str,
        amount: i64,
    ) -> Result<RefundAnswer, ConnectorError>;

    /// Whether this account can send payouts (its provider has a payout
    /// API and the account holds its credentials).
    fn pays_out(&self) -> bool {
        false
    }

    /// Sends a payout to its wallet; `callback_url` is where the provider
    /// may post its result (an unguessable path per payout). The payout's
    /// id is the provider's idempotency key where it has one. An error
    /// means the outcome is unknown: the payout stays pending and is asked
    /// about again.
    async fn payout(
        &self,
        payout: &Payout,
        callback_url: &str,
    ) -> Result<PayoutAnswer, ConnectorError> {
        let _ = (payout, callback_url);
        Err(ConnectorError::new(self.name(), "sends no payouts"))
    }

    /// The provider's current answer for a payout it took.
    async fn payout_status(&self, payout: &Payout) -> Result<PayoutAnswer, ConnectorError> {
        Ok(PayoutAnswer::Pending {
            reference: payout.connector_reference.clone(),
        })
    }

    /// What a provider's result callback about a payout says, for
    /// providers with no API to ask (Daraja B2C); `None`: ask with
    /// [`Connector::payout_status`].
    fn payout_callback(&self, payout: &Payout, body: &serde_json::Value) -> Option<PayoutAnswer> {
        let _ = (payout, body);
        None
    }

    /// Whether a wallet exists and can receive money, by the provider's
    /// account-holder lookup.
    async fn lookup(&self, phone: &str) -> Result<Lookup, ConnectorError> {
        let _ = phone;
        Ok(Lookup::Unsupported)
    }
}
