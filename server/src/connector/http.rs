//! Calls to providers: one client with timeouts, the connector's name and
//! the operation on every log line and metric, and retries only where the
//! provider documents the call as safe to repeat. Bodies are never logged:
//! they hold phone numbers, and requests hold credentials.

use super::ConnectorError;
use crate::metrics::METRICS;
use reqwest::RequestBuilder;
use serde_json::Value;
use std::time::{Duration, Instant};

/// A provider's answer: its status and its JSON body (`Null` when empty or
/// not JSON).
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub body: Value,
}

impl Answer {
    pub fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// A text field of the body, whether the provider sent it as a string
    /// or a number.
    pub fn text(&self, name: &str) -> Option<String> {
        match self.body.get(name)? {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    }

    /// An OAuth answer's `access_token` and how long it lives
    /// (`expires_in`, else `default_secs`); `None` if the token was refused.
    pub fn oauth_token(&self, default_secs: u64) -> Option<(String, Duration)> {
        let token = self.text("access_token").filter(|_| self.ok())?;
        let secs = self.text("expires_in").and_then(|s| s.parse().ok());
        Some((token, Duration::from_secs(secs.unwrap_or(default_secs))))
    }
}

/// Whether a call may be sent again after a timeout or a 5xx.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Retry {
    /// Sending it twice could move money twice.
    Never,
    /// The provider says repeating it is harmless (a token, a status read,
    /// a request keyed by our reference).
    Idempotent,
}

const ATTEMPTS: u32 = 3;

/// The client every connector shares.
pub fn client(timeout: Duration) -> reqwest::Client {
    reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(5))
        .timeout(timeout)
        .user_agent(concat!("lipa/", env!("CARGO_PKG_VERSION")))
        .build()
        .expect("the HTTP client builds")
}

/// Sends `req`, retrying per `retry`, and reads the answer.
pub async fn send(
    connector: &'static str,
    operation: &'static str,
    req: RequestBuilder,
    retry: Retry,
) -> Result<Answer, ConnectorError> {
    let tries = if retry == Retry::Idempotent {
        ATTEMPTS
    } else {
        1
    };
    let mut last = None;
    for n in 0..tries {
        if n > 0 {
            tokio::time::sleep(Duration::from_millis(250 * u64::from(n))).await;
        }
        let Some(this) = req.try_clone() else {
            break;
        };
        match once(connector, operation, this).await {
            Ok(a) if a.status >= 500 && n + 1 < tries => last = Some(Ok(a)),
            Ok(a) => return Ok(a),
            Err(e) => last = Some(Err(e)),
        }
    }
    last.unwrap_or_else(|| {
        Err(ConnectorError::new(
            connector,
            "the request could not be built",
        ))
    })
}

async fn once(
    connector: &'static str,
    operation: &'static str,
    req: RequestBuilder,
) -> Result<Answer, ConnectorError> {
    let started = Instant::now();
    let result = req.send().await;
    let ms = started.elapsed().as_millis() as u64;
    let res = match result {
        Ok(res) => res,
        Err(e) => {
            let outcome = if e.is_timeout() {
                "timeout"
            } else {
                "unreachable"
            };
            METRICS.connector_call(connector, operation, outcome);
            tracing::warn!(connector, operation, ms, outcome, "provider call failed");
            return Err(ConnectorError::new(
                connector,
                format!("{operation}: the provider did not answer ({outcome})"),
            ));
        }
    };
    let status = res.status().as_u16();
    let bytes = res.bytes().await.unwrap_or_default();
    // A provider answering in plain text (PayFast's `VALID`) is kept as a
    // JSON string.
    let body = serde_json::from_slice(&bytes)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()));
    let outcome = if (200..300).contains(&status) {
        "ok".to_owned()
    } else {
        format!("http_{status}")
    };
    METRICS.connector_call(connector, operation, &outcome);
    tracing::info!(connector, operation, status, ms, "provider answered");
    Ok(Answer { status, body })
}

/// `amount` minor units of a currency with `exponent` decimals, written
/// exactly as a decimal string: `1050`, 2 → `10.50`; `1000`, 2 → `10`.
pub fn decimal(amount: i64, exponent: u8) -> String {
    let unit = 10i64.pow(u32::from(exponent));
    let (whole, frac) = (amount / unit, amount % unit);
    if frac == 0 {
        whole.to_string()
    } else {
        format!("{whole}.{frac:0width$}", width = usize::from(exponent))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_exact() {
        assert_eq!(decimal(1050, 2), "10.50");
        assert_eq!(decimal(1005, 2), "10.05");
        assert_eq!(decimal(1000, 2), "10");
        assert_eq!(decimal(1500, 0), "1500");
        assert_eq!(decimal(1, 3), "0.001");
    }
}
