//! Payment connectors: how a payment attempt reaches a provider. The page and
//! the order state machine only see this trait, so a real provider can be
//! added without touching either.

pub mod accounts;
pub mod daraja;
pub mod flutterwave;
pub mod http;
pub mod momo;
pub mod payfast;
mod sandbox;
pub mod stripe;
pub mod vodacom_mz;

pub use accounts::{Connectors, Credentials};
pub use sandbox::Sandbox;

use crate::store::attempts::Attempt;
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
}
