//! What can go wrong in a use case, in the domain's terms. Each API door
//! shapes it into its own error (status, code, field names); the buyer page
//! into a message in the buyer's language.

use app::domain::FieldError;
use app::service::PayProblem;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A field of the request is wrong (400).
    #[error(transparent)]
    Invalid(#[from] FieldError),
    /// The caller has no such object (404).
    #[error("no {} `{}`", .0.name(), .1)]
    NotFound(Resource, String),
    /// The object is not in a state that allows this (409).
    #[error("{}", .0.message())]
    Conflict(Conflict),
    /// This key may not do this (403).
    #[error("{}", .0.message())]
    Forbidden(Forbidden),
    /// The key's merchant was deleted under it (401).
    #[error("the key's merchant no longer exists")]
    MerchantGone,
    /// The buyer's payment could not start.
    #[error("payment refused: {0:?}")]
    Refused(PayProblem),
    /// The database failed; nothing was changed that the caller can see.
    #[error(transparent)]
    Store(#[from] sqlx::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The objects a caller can ask for by id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resource {
    CheckoutSession,
    Refund,
    Event,
    Product,
    ConnectorAccount,
    BalanceTransaction,
    Charge,
    Payout,
    PaymentLink,
}

impl Resource {
    pub fn name(&self) -> &'static str {
        match self {
            Resource::CheckoutSession => "checkout session",
            Resource::Refund => "refund",
            Resource::Event => "event",
            Resource::Product => "product",
            Resource::ConnectorAccount => "connector account",
            Resource::BalanceTransaction => "balance transaction",
            Resource::Charge => "charge",
            Resource::Payout => "payout",
            Resource::PaymentLink => "payment link",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Conflict {
    /// The session moved while we looked at it.
    SessionChanged,
    /// A payment is under way; the session cannot be expired until it settles.
    PaymentPending,
    SessionNotOpen,
    /// Another refund took the amount first.
    RefundRace,
    /// The caller's unique reference is taken.
    ReferenceInUse,
    ChargebackExists,
    ProductExists(String),
    /// No webhook URL to (re)deliver to.
    NoEndpoint,
    EndpointDisabled,
    DeliveryInProgress,
    /// Only a charge waiting for a payment method, or whose push failed,
    /// can be confirmed.
    ChargeNotConfirmable,
    /// The charge is `.0` (a push answered, or already cancelled).
    ChargeNotCancellable(&'static str),
    /// The charge of checkout session `.0`: confirmed and cancelled there.
    ChargeOfCheckout(String),
}

impl Conflict {
    pub fn code(&self) -> &'static str {
        match self {
            Conflict::SessionChanged => "session_changed",
            Conflict::PaymentPending => "payment_pending",
            Conflict::SessionNotOpen => "session_not_open",
            Conflict::RefundRace => "refund_conflict",
            Conflict::ReferenceInUse => "reference_in_use",
            Conflict::ChargebackExists => "chargeback_exists",
            Conflict::ProductExists(_) => "resource_exists",
            Conflict::NoEndpoint => "no_endpoint",
            Conflict::EndpointDisabled => "endpoint_disabled",
            Conflict::DeliveryInProgress => "delivery_in_progress",
            Conflict::ChargeNotConfirmable => "charge_not_confirmable",
            Conflict::ChargeNotCancellable(_) => "charge_not_cancellable",
            Conflict::ChargeOfCheckout(_) => "charge_of_checkout",
        }
    }

    pub fn message(&self) -> String {
        match self {
            Conflict::SessionChanged => "the session changed meanwhile; retrieve it and retry".into(),
            Conflict::PaymentPending => "a payment is being processed for this session; it cannot be expired until it settles".into(),
            Conflict::SessionNotOpen => "only open checkout sessions can be expired".into(),
            Conflict::RefundRace => "another refund changed this charge meanwhile; retry".into(),
            Conflict::ReferenceInUse => "a checkout with this reference already exists".into(),
            Conflict::ChargebackExists => "this payment already has a chargeback".into(),
            Conflict::ProductExists(id) => format!("a product `{id}` already exists"),
            Conflict::NoEndpoint => "no webhook URL is set for this event's product or session".into(),
            Conflict::EndpointDisabled => "the endpoint answered 410 Gone and was disabled; set the product's webhook_url again to re-enable it".into(),
            Conflict::DeliveryInProgress => "this event is being delivered right now; look at its attempts in a moment".into(),
            Conflict::ChargeNotConfirmable => "only a charge that requires a payment method, or whose last push failed, can be confirmed".into(),
            Conflict::ChargeNotCancellable(status) => format!("the charge is {status}; only a charge whose push nobody has answered can be cancelled"),
            Conflict::ChargeOfCheckout(session) => format!("this charge belongs to checkout session `{session}`: the buyer pays it on its page; expire the session to cancel it"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Forbidden {
    /// Chargebacks are simulated in test mode only.
    LiveChargeback,
}

impl Forbidden {
    pub fn code(&self) -> &'static str {
        match self {
            Forbidden::LiveChargeback => "livemode_not_allowed",
        }
    }

    pub fn message(&self) -> &'static str {
        match self {
            Forbidden::LiveChargeback => "chargebacks can only be simulated with a test-mode key",
        }
    }
}

/// A unique violation on insert means the caller's reference is taken.
pub fn taken(e: sqlx::Error, conflict: Conflict) -> Error {
    if crate::db::is_unique_violation(&e) {
        Error::Conflict(conflict)
    } else {
        Error::Store(e)
    }
}

/// A list cursor (`after`, `before`) that names nothing of the caller's.
pub fn no_cursor(param: &str, id: Option<&str>, what: &str) -> Error {
    app::domain::FieldError::invalid(
        app::domain::Field::Named(param.to_owned()),
        format!(
            "names `{}`, which is no {what} of yours to page from",
            id.unwrap_or_default()
        ),
    )
    .into()
}
