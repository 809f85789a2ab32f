//! The sandbox connector: a pretend provider for test mode. It answers from
//! the phone number, like a provider's test numbers (documented in the
//! README):
//!
//! | number ends in | outcome                                  |
//! |----------------|------------------------------------------|
//! | `0001`         | declined: insufficient funds             |
//! | `0002`         | never answers (stays pending)            |
//! | anything else  | approved (e.g. `0000`)                   |
//!
//! Answers come `delay` after the request. The outcome is computed from the
//! attempt itself, so it survives restarts and any server instance gives
//! the same answer.

use super::{Connector, ConnectorError, Outcome};
use crate::db::{new_id, now_ms};
use crate::store::attempts::Attempt;
use std::time::Duration;

pub struct Sandbox {
    pub delay: Duration,
}

impl Sandbox {
    pub fn decide(phone: &str, elapsed: Duration, delay: Duration) -> Outcome {
        if elapsed < delay {
            return Outcome::Pending;
        }
        if phone.ends_with("0001") {
            Outcome::Failed {
                code: "insufficient_funds".into(),
                reason: "Insufficient funds in the buyer's account".into(),
            }
        } else if phone.ends_with("0002") {
            Outcome::Pending
        } else {
            Outcome::Succeeded
        }
    }
}

#[async_trait::async_trait]
impl Connector for Sandbox {
    fn name(&self) -> &'static str {
        "sandbox"
    }

    async fn start(&self, _attempt: &Attempt) -> Result<String, ConnectorError> {
        Ok(new_id("sbx", 20))
    }

    async fn status(&self, attempt: &Attempt) -> Result<Outcome, ConnectorError> {
        let elapsed = Duration::from_millis((now_ms() - attempt.created_at).max(0) as u64);
        let phone = attempt.phone.as_deref().unwrap_or("");
        Ok(Sandbox::decide(phone, elapsed, self.delay))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_numbers() {
        let d = Duration::from_secs(2);
        let later = Duration::from_secs(3);
        assert_eq!(
            Sandbox::decide("+258840000000", Duration::from_secs(1), d),
            Outcome::Pending
        );
        assert_eq!(
            Sandbox::decide("+258840000000", later, d),
            Outcome::Succeeded
        );
        assert!(matches!(
            Sandbox::decide("+258840000001", later, d),
            Outcome::Failed { code, .. } if code == "insufficient_funds"
        ));
        assert_eq!(
            Sandbox::decide("+258840000002", Duration::from_secs(3600), d),
            Outcome::Pending
        );
        assert_eq!(
            Sandbox::decide("+258841234567", later, d),
            Outcome::Succeeded
        );
    }
}
