//! The payment attempt state machine: one press of Pay, from the request to
//! the provider's final answer.
//!
//! ```text
//!             ActionRequired              ActionCompleted
//!   Pending ─────────────────▶ RequiresAction ───────────▶ Pending
//!      │ Approved                  │ Approved
//!      ▼                           ▼
//!   Succeeded                   Succeeded
//!   (Pending or RequiresAction) + Declined | TimedOut | Abandoned ─▶ Failed
//! ```
//! Succeeded and Failed are final.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AttemptStatus {
    /// Waiting for the provider (or for the buyer to approve on the phone).
    Pending,
    /// The buyer must do something elsewhere: a 3-D Secure challenge, the
    /// provider's own page.
    RequiresAction,
    Succeeded,
    Failed,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttemptEvent {
    Approved,
    Declined,
    ActionRequired,
    ActionCompleted,
    /// No answer within the method's time limit, or the session expired.
    TimedOut,
    /// The buyer gave up on this attempt (chose another method).
    Abandoned,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AttemptTransitionError {
    pub from: AttemptStatus,
    pub event: AttemptEvent,
}

impl AttemptStatus {
    pub fn apply(self, event: AttemptEvent) -> Result<AttemptStatus, AttemptTransitionError> {
        use AttemptEvent as E;
        use AttemptStatus as S;
        match (self, event) {
            (S::Pending | S::RequiresAction, E::Approved) => Ok(S::Succeeded),
            (S::Pending | S::RequiresAction, E::Declined | E::TimedOut | E::Abandoned) => {
                Ok(S::Failed)
            }
            (S::Pending, E::ActionRequired) => Ok(S::RequiresAction),
            (S::RequiresAction, E::ActionCompleted) => Ok(S::Pending),
            (from, event) => Err(AttemptTransitionError { from, event }),
        }
    }

    /// Still under way: at most one such attempt per session.
    pub fn is_live(&self) -> bool {
        matches!(self, AttemptStatus::Pending | AttemptStatus::RequiresAction)
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            AttemptStatus::Pending => "pending",
            AttemptStatus::RequiresAction => "requires_action",
            AttemptStatus::Succeeded => "succeeded",
            AttemptStatus::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<AttemptStatus> {
        Some(match s {
            "pending" => AttemptStatus::Pending,
            "requires_action" => AttemptStatus::RequiresAction,
            "succeeded" => AttemptStatus::Succeeded,
            "failed" => AttemptStatus::Failed,
            _ => return None,
        })
    }
}

/// Why an attempt failed: stable codes, shown to merchants as
/// `failure_code` and to buyers through `failure-<code>` messages.
pub mod failure {
    pub const INSUFFICIENT_FUNDS: &str = "insufficient_funds";
    pub const DECLINED: &str = "declined";
    pub const CARD_DECLINED: &str = "card_declined";
    pub const AUTHENTICATION_FAILED: &str = "authentication_failed";
    pub const TIMEOUT: &str = "timeout";
    pub const CANCELLED: &str = "cancelled";
    pub const SESSION_EXPIRED: &str = "session_expired";
    pub const PROVIDER_UNAVAILABLE: &str = "provider_unavailable";
    /// The buyer's phone could not be reached (off, no signal).
    pub const PHONE_UNREACHABLE: &str = "phone_unreachable";
    pub const WRONG_PIN: &str = "wrong_pin";
    /// The buyer's wallet is busy with another payment.
    pub const PAYMENT_IN_PROGRESS: &str = "payment_in_progress";
    /// The number has no wallet with this provider.
    pub const INVALID_NUMBER: &str = "invalid_number";
    /// The wallet's transaction limit is reached.
    pub const LIMIT_REACHED: &str = "limit_reached";

    /// Codes the page has a sentence for; anything else reads as generic.
    pub const KNOWN: &[&str] = &[
        INSUFFICIENT_FUNDS,
        DECLINED,
        CARD_DECLINED,
        AUTHENTICATION_FAILED,
        TIMEOUT,
        CANCELLED,
        SESSION_EXPIRED,
        PROVIDER_UNAVAILABLE,
        PHONE_UNREACHABLE,
        WRONG_PIN,
        PAYMENT_IN_PROGRESS,
        INVALID_NUMBER,
        LIMIT_REACHED,
    ];
}

#[cfg(test)]
mod tests {
    use super::*;
    use AttemptEvent as E;
    use AttemptStatus as S;

    const ALL_STATES: [AttemptStatus; 4] = [S::Pending, S::RequiresAction, S::Succeeded, S::Failed];
    const ALL_EVENTS: [AttemptEvent; 6] = [
        E::Approved,
        E::Declined,
        E::ActionRequired,
        E::ActionCompleted,
        E::TimedOut,
        E::Abandoned,
    ];

    /// The full table: every state crossed with every event.
    #[test]
    fn every_allowed_and_forbidden_transition() {
        let allowed: &[(AttemptStatus, AttemptEvent, AttemptStatus)] = &[
            (S::Pending, E::Approved, S::Succeeded),
            (S::Pending, E::Declined, S::Failed),
            (S::Pending, E::ActionRequired, S::RequiresAction),
            (S::Pending, E::TimedOut, S::Failed),
            (S::Pending, E::Abandoned, S::Failed),
            (S::RequiresAction, E::Approved, S::Succeeded),
            (S::RequiresAction, E::Declined, S::Failed),
            (S::RequiresAction, E::ActionCompleted, S::Pending),
            (S::RequiresAction, E::TimedOut, S::Failed),
            (S::RequiresAction, E::Abandoned, S::Failed),
        ];
        let mut checked = 0;
        for from in ALL_STATES {
            for event in ALL_EVENTS {
                let want = allowed
                    .iter()
                    .find(|(f, e, _)| *f == from && *e == event)
                    .map(|(_, _, to)| *to);
                match want {
                    Some(to) => assert_eq!(from.apply(event), Ok(to), "{from:?} + {event:?}"),
                    None => assert_eq!(
                        from.apply(event),
                        Err(AttemptTransitionError { from, event }),
                        "{from:?} + {event:?} must be refused"
                    ),
                }
                checked += 1;
            }
        }
        assert_eq!(checked, 24);
    }

    #[test]
    fn live_and_final() {
        assert!(S::Pending.is_live() && S::RequiresAction.is_live());
        assert!(!S::Succeeded.is_live() && !S::Failed.is_live());
        for s in ALL_STATES {
            assert_eq!(AttemptStatus::parse(s.as_str()), Some(s));
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", s.as_str())
            );
        }
    }
}
