//! The checkout session state machine.
//!
//! A session has a `status` (is the checkout usable?) and a `payment_status`
//! (where is the money?), with the values of the Payonify reference. Every
//! change of either goes through [`SessionState::apply`], so the rules live in
//! one place and the storage layer only records what this module allows.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Open,
    Complete,
    Expired,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    RequiresPaymentMethod,
    Pending,
    Succeeded,
    Failed,
    Cancelled,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionState {
    pub status: Status,
    pub payment_status: PaymentStatus,
}

/// Something that happens to a session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    /// The buyer started paying (a payment attempt was created).
    PaymentStarted,
    /// The provider confirmed the money.
    PaymentSucceeded,
    /// The provider confirmed a part of the money (sessions paid in parts);
    /// the rest is still to pay.
    PartPaid,
    /// The provider refused or the buyer declined; the buyer may try again.
    PaymentFailed,
    /// `expires_at` passed with no payment under way.
    TimedOut,
    /// The merchant expired the session through the API.
    ExpiredByMerchant,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TransitionError {
    /// The session is complete or expired; nothing more can happen to it.
    SessionClosed,
    /// A payment is being processed; wait for its outcome.
    PaymentPending,
    /// No payment is under way, so there is no outcome to record.
    NoPaymentPending,
}

impl TransitionError {
    pub fn code(&self) -> &'static str {
        match self {
            TransitionError::SessionClosed => "session_closed",
            TransitionError::PaymentPending => "payment_pending",
            TransitionError::NoPaymentPending => "no_payment_pending",
        }
    }
}

impl fmt::Display for TransitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TransitionError::SessionClosed => "the checkout session is no longer open",
            TransitionError::PaymentPending => "a payment is being processed for this session",
            TransitionError::NoPaymentPending => "no payment is being processed for this session",
        })
    }
}

impl SessionState {
    pub const NEW: SessionState = SessionState {
        status: Status::Open,
        payment_status: PaymentStatus::RequiresPaymentMethod,
    };

    pub fn apply(self, event: Event) -> Result<SessionState, TransitionError> {
        use PaymentStatus as P;
        use Status as S;
        if self.status != S::Open {
            return Err(TransitionError::SessionClosed);
        }
        let pending = self.payment_status == P::Pending;
        let next = |status, payment_status| {
            Ok(SessionState {
                status,
                payment_status,
            })
        };
        match event {
            Event::PaymentStarted if pending => Err(TransitionError::PaymentPending),
            Event::PaymentStarted => next(S::Open, P::Pending),
            Event::PaymentSucceeded if pending => next(S::Complete, P::Succeeded),
            Event::PartPaid if pending => next(S::Open, P::RequiresPaymentMethod),
            Event::PaymentFailed if pending => next(S::Open, P::Failed),
            Event::PaymentSucceeded | Event::PartPaid | Event::PaymentFailed => {
                Err(TransitionError::NoPaymentPending)
            }
            Event::TimedOut | Event::ExpiredByMerchant if pending => {
                Err(TransitionError::PaymentPending)
            }
            Event::TimedOut => next(S::Expired, self.payment_status),
            Event::ExpiredByMerchant => next(S::Expired, P::Cancelled),
        }
    }

    /// Can the buyer start a payment now?
    pub fn accepts_payment(&self) -> bool {
        self.apply(Event::PaymentStarted).is_ok()
    }
}

impl Status {
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Complete => "complete",
            Status::Expired => "expired",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Some(match s {
            "open" => Status::Open,
            "complete" => Status::Complete,
            "expired" => Status::Expired,
            _ => return None,
        })
    }
}

impl PaymentStatus {
    pub fn as_str(&self) -> &'static str {
        match self {
            PaymentStatus::RequiresPaymentMethod => "requires_payment_method",
            PaymentStatus::Pending => "pending",
            PaymentStatus::Succeeded => "succeeded",
            PaymentStatus::Failed => "failed",
            PaymentStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<PaymentStatus> {
        Some(match s {
            "requires_payment_method" => PaymentStatus::RequiresPaymentMethod,
            "pending" => PaymentStatus::Pending,
            "succeeded" => PaymentStatus::Succeeded,
            "failed" => PaymentStatus::Failed,
            "cancelled" => PaymentStatus::Cancelled,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Event::*;
    use PaymentStatus as P;
    use Status as S;

    fn st(status: Status, payment_status: PaymentStatus) -> SessionState {
        SessionState {
            status,
            payment_status,
        }
    }

    const EVENTS: [Event; 6] = [
        PaymentStarted,
        PaymentSucceeded,
        PartPaid,
        PaymentFailed,
        TimedOut,
        ExpiredByMerchant,
    ];

    /// The whole table: every reachable state crossed with every event.
    #[test]
    fn every_transition() {
        use TransitionError::*;
        let cases: &[(SessionState, Event, Result<SessionState, TransitionError>)] = &[
            // A fresh session.
            (
                SessionState::NEW,
                PaymentStarted,
                Ok(st(S::Open, P::Pending)),
            ),
            (SessionState::NEW, PaymentSucceeded, Err(NoPaymentPending)),
            (SessionState::NEW, PartPaid, Err(NoPaymentPending)),
            // A part paid: open again for the rest.
            (
                st(S::Open, P::Pending),
                PartPaid,
                Ok(st(S::Open, P::RequiresPaymentMethod)),
            ),
            (SessionState::NEW, PaymentFailed, Err(NoPaymentPending)),
            (
                SessionState::NEW,
                TimedOut,
                Ok(st(S::Expired, P::RequiresPaymentMethod)),
            ),
            (
                SessionState::NEW,
                ExpiredByMerchant,
                Ok(st(S::Expired, P::Cancelled)),
            ),
            // Payment under way.
            (st(S::Open, P::Pending), PaymentStarted, Err(PaymentPending)),
            (
                st(S::Open, P::Pending),
                PaymentSucceeded,
                Ok(st(S::Complete, P::Succeeded)),
            ),
            (
                st(S::Open, P::Pending),
                PaymentFailed,
                Ok(st(S::Open, P::Failed)),
            ),
            (st(S::Open, P::Pending), TimedOut, Err(PaymentPending)),
            (
                st(S::Open, P::Pending),
                ExpiredByMerchant,
                Err(PaymentPending),
            ),
            // After a failed attempt the buyer may try again.
            (
                st(S::Open, P::Failed),
                PaymentStarted,
                Ok(st(S::Open, P::Pending)),
            ),
            (
                st(S::Open, P::Failed),
                PaymentSucceeded,
                Err(NoPaymentPending),
            ),
            (st(S::Open, P::Failed), PaymentFailed, Err(NoPaymentPending)),
            (
                st(S::Open, P::Failed),
                TimedOut,
                Ok(st(S::Expired, P::Failed)),
            ),
            (
                st(S::Open, P::Failed),
                ExpiredByMerchant,
                Ok(st(S::Expired, P::Cancelled)),
            ),
        ];
        for (from, event, want) in cases {
            assert_eq!(from.apply(*event), *want, "{from:?} + {event:?}");
        }
    }

    #[test]
    fn closed_sessions_refuse_everything() {
        for closed in [
            st(S::Complete, P::Succeeded),
            st(S::Expired, P::RequiresPaymentMethod),
            st(S::Expired, P::Failed),
            st(S::Expired, P::Cancelled),
        ] {
            assert!(!closed.accepts_payment());
            for event in EVENTS {
                assert_eq!(
                    closed.apply(event),
                    Err(TransitionError::SessionClosed),
                    "{closed:?} {event:?}"
                );
            }
        }
    }

    #[test]
    fn names_match_the_reference() {
        for s in [S::Open, S::Complete, S::Expired] {
            assert_eq!(Status::parse(s.as_str()), Some(s));
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", s.as_str())
            );
        }
        for p in [
            P::RequiresPaymentMethod,
            P::Pending,
            P::Succeeded,
            P::Failed,
            P::Cancelled,
        ] {
            assert_eq!(PaymentStatus::parse(p.as_str()), Some(p));
            assert_eq!(
                serde_json::to_string(&p).unwrap(),
                format!("\"{}\"", p.as_str())
            );
        }
    }
}
