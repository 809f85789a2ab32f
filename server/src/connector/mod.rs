//! Payment connectors: how a payment attempt reaches a provider. The page and
//! the order state machine only see this trait, so a real provider can be
//! added without touching either.

mod sandbox;

pub use sandbox::Sandbox;

use crate::store::attempts::Attempt;

/// What the provider says about an attempt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Pending,
    Succeeded,
    Failed { code: String, reason: String },
}

#[derive(Debug, thiserror::Error)]
#[error("{connector}: {message}")]
pub struct ConnectorError {
    pub connector: &'static str,
    pub message: String,
}

#[async_trait::async_trait]
pub trait Connector: Send + Sync + 'static {
    fn name(&self) -> &'static str;

    /// Asks the provider to collect the attempt's amount (for mobile money: a
    /// push prompt to the buyer's phone). Returns the provider's reference.
    async fn start(&self, attempt: &Attempt) -> Result<String, ConnectorError>;

    /// The provider's current answer for an attempt it accepted.
    async fn status(&self, attempt: &Attempt) -> Result<Outcome, ConnectorError>;
}
