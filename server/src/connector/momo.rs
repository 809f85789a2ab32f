//! MTN MoMo Open API, Collection product: request to pay and its status.
//!
//! Follows MTN's MoMo Developer portal (momodeveloper.mtn.com, "API
//! documentation: Collection" v1.0, "Common error" reasons and "Testing",
//! read 2026-12-01). Each attempt gets a fresh UUID v4 `X-Reference-Id`,
//! made before the call and stored with the attempt: it is MTN's
//! idempotency key (so a timed-out request may be sent again) and what Lipa
//! polls. The callback MTN sends to `X-Callback-Url` is unsigned and only
//! makes Lipa ask for the status.

use super::accounts::Shared;
use super::http::{self, Answer, Retry, decimal};
use super::{
    Connector, ConnectorError, Lookup, Outcome, PaymentDetails, PayoutAnswer, RefundAnswer,
    Started, Urls, failed,
};
use crate::store::attempts::Attempt;
use crate::store::payouts::Payout;
use app::domain::attempt::failure;
use app::domain::provider::MOMO_TARGETS;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::Duration;

pub const NAME: &str = "mtn_momo";
pub const SANDBOX: &str = "https://sandbox.momodeveloper.mtn.com";
pub const PRODUCTION: &str = "https://proxy.momoapi.mtn.com";
/// How long a request MTN does not know may still be on its way.
const UNKNOWN_AFTER_MS: i64 = 30_000;

#[derive(Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = MomoCredentials)]
#[serde(deny_unknown_fields)]
pub struct Credentials {
    /// The API user's id (a UUID).
    #[schema(format = "uuid")]
    pub api_user: String,
    #[schema(min_length = 1, pattern = "\\S")]
    pub api_key: String,
    /// The Collection product's subscription key (`Ocp-Apim-Subscription-Key`).
    #[schema(min_length = 1, pattern = "\\S")]
    pub subscription_key: String,
    /// `sandbox`, `mtnghana`, `mtnuganda`, ... (the README lists them).
    #[schema(schema_with = target_environments)]
    pub target_environment: String,
    /// The Disbursement product's credentials, for payouts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disbursement: Option<super::momo_disbursement::Credentials>,
}

/// `target_environment` as documented: one of MTN's names.
fn target_environments() -> utoipa::openapi::Object {
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .enum_values(Some(MOMO_TARGETS.iter().map(|(t, _)| *t)))
        .build()
}

impl Credentials {
    pub fn settings(&self) -> Value {
        json!({
            "api_user": self.api_user,
            "target_environment": self.target_environment,
            "disbursement_api_user": self.disbursement.as_ref().map(|d| &d.api_user),
        })
    }

    pub fn problem(&self) -> Option<(&'static str, &'static str)> {
        if uuid::Uuid::parse_str(&self.api_user).is_err() {
            return Some(("api_user", "must be the API user's UUID"));
        }
        if self.api_key.trim().is_empty() {
            return Some(("api_key", "must not be empty"));
        }
        if self.subscription_key.trim().is_empty() {
            return Some(("subscription_key", "must not be empty"));
        }
        if !MOMO_TARGETS
            .iter()
            .any(|(t, _)| *t == self.target_environment)
        {
            return Some((
                "target_environment",
                "must be one of MTN's target environments",
            ));
        }
        self.disbursement.as_ref().and_then(|d| d.problem())
    }
}

/// A failed request's `reason`, in Lipa's words.
pub fn failure_for(reason: &str) -> &'static str {
    match reason {
        "APPROVAL_REJECTED" | "TRANSACTION_CANCELED" => failure::CANCELLED,
        "EXPIRED" => failure::TIMEOUT,
        "PAYER_NOT_FOUND" => failure::INVALID_NUMBER,
        "NOT_ENOUGH_FUNDS" => failure::INSUFFICIENT_FUNDS,
        "PAYER_LIMIT_REACHED" => failure::LIMIT_REACHED,
        "INTERNAL_PROCESSING_ERROR" | "SERVICE_UNAVAILABLE" | "COULD_NOT_PERFORM_TRANSACTION" => {
            failure::PROVIDER_UNAVAILABLE
        }
        _ => failure::DECLINED,
    }
}

/// `reason` is a string in some answers and `{code, message}` in others.
fn reason(body: &Value) -> String {
    match body.get("reason") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Object(o)) => o
            .get("code")
            .and_then(|c| c.as_str())
            .unwrap_or("")
            .to_owned(),
        _ => body
            .get("code")
            .and_then(|c| c.as_str())
            .unwrap_or("")
            .to_owned(),
    }
}

pub struct Momo {
    pub creds: Credentials,
    pub base: String,
    pub cache_key: String,
    pub shared: Arc<Shared>,
}

/// Asks MTN for a Collection token: (token, lifetime).
pub async fn fetch_token(
    client: &reqwest::Client,
    base: &str,
    creds: &Credentials,
) -> Result<(String, Duration), ConnectorError> {
    let req = client
        .post(format!("{base}/collection/token/"))
        .basic_auth(&creds.api_user, Some(&creds.api_key))
        .header("Ocp-Apim-Subscription-Key", &creds.subscription_key)
        .header("Content-Length", "0");
    let a = http::send(NAME, "token", req, Retry::Idempotent).await?;
    a.oauth_token(3600).ok_or_else(|| {
        let why = format!("token refused: HTTP {} {}", a.status, reason_or_message(&a));
        ConnectorError::new(NAME, why)
    })
}

fn reason_or_message(a: &Answer) -> String {
    a.text("message")
        .or_else(|| a.text("error"))
        .unwrap_or_else(|| reason(&a.body))
}

impl Momo {
    async fn token(&self) -> Result<String, ConnectorError> {
        let fetch = || fetch_token(&self.shared.http, &self.base, &self.creds);
        self.shared
            .tokens
            .get_or_fetch(&self.cache_key, fetch)
            .await
    }

    async fn authed(
        &self,
        method: reqwest::Method,
        path: &str,
    ) -> Result<reqwest::RequestBuilder, ConnectorError> {
        Ok(self
            .shared
            .http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(self.token().await?)
            .header("X-Target-Environment", &self.creds.target_environment)
            .header("Ocp-Apim-Subscription-Key", &self.creds.subscription_key))
    }
}

#[async_trait::async_trait]
impl Connector for Momo {
    fn name(&self) -> &'static str {
        NAME
    }

    async fn start(
        &self,
        attempt: &Attempt,
        details: PaymentDetails<'_>,
        urls: &Urls,
    ) -> Result<Started, ConnectorError> {
        let phone = details.phone(NAME)?;
        let reference = uuid::Uuid::new_v4().to_string();
        let body = json!({
            "amount": decimal(attempt.amount, attempt.currency.exponent()),
            "currency": attempt.currency.code(),
            "externalId": attempt.id,
            "payer": {"partyIdType": "MSISDN", "partyId": phone.trim_start_matches('+')},
            "payerMessage": "Payment",
            "payeeNote": attempt.session_id,
        });
        let req = self
            .authed(reqwest::Method::POST, "/collection/v1_0/requesttopay")
            .await?
            .header("X-Reference-Id", &reference)
            .header("X-Callback-Url", &urls.callback_url)
            .json(&body);
        // Keyed by X-Reference-Id: MTN answers a repeat with 409, never a
        // second request to the buyer.
        match http::send(NAME, "request_to_pay", req, Retry::Idempotent).await {
            Ok(a) if a.status == 202 || a.status == 409 => Ok(Started::Pending { reference }),
            Ok(a) if a.status >= 500 => Ok(Started::Pending { reference }),
            Ok(a) => Ok(Started::Done {
                reference,
                outcome: failed(
                    failure_for(&reason(&a.body)),
                    format!("MoMo refused: {}", reason_or_message(&a)),
                ),
            }),
            // Unknown: the request may have reached MTN. Poll it.
            Err(_) => Ok(Started::Pending { reference }),
        }
    }

    async fn status(&self, attempt: &Attempt) -> Result<Outcome, ConnectorError> {
        let Some(reference) = attempt.connector_reference.as_deref() else {
            return Ok(Outcome::Pending);
        };
        let path = format!("/collection/v1_0/requesttopay/{reference}");
        let req = self.authed(reqwest::Method::GET, &path).await?;
        // Polled: a failed read is asked again on the next poll.
        let a = http::send(NAME, "status", req, Retry::Never).await?;
        if a.status == 404 {
            // MTN records a request before it answers 202: one it still
            // does not know after a while never reached it.
            let age = crate::db::now_ms() - attempt.created_at;
            return Ok(if age > UNKNOWN_AFTER_MS {
                failed(
                    failure::PROVIDER_UNAVAILABLE,
                    "MoMo has no record of the request",
                )
            } else {
                Outcome::Pending
            });
        }
        if !a.ok() {
            return Err(ConnectorError::new(
                NAME,
                format!("status failed: HTTP {}", a.status),
            ));
        }
        Ok(match a.text("status").as_deref() {
            Some("SUCCESSFUL") => Outcome::Succeeded,
            Some("FAILED") => {
                let r = reason(&a.body);
                failed(failure_for(&r), format!("MoMo: {r}"))
            }
            _ => Outcome::Pending,
        })
    }

    async fn cancel(&self, _attempt: &Attempt) -> Result<(), ConnectorError> {
        Ok(())
    }

    async fn refund(
        &self,
        _attempt: &Attempt,
        _refund_id: &str,
        _amount: i64,
    ) -> Result<RefundAnswer, ConnectorError> {
        Ok(RefundAnswer::Refused {
            code: "refund_unsupported".into(),
            reason: "MTN MoMo refunds go through the Disbursement product, which needs its own \
                     API user and subscription: refund from the MoMo partner portal"
                .into(),
        })
    }

    fn pays_out(&self) -> bool {
        self.creds.disbursement.is_some()
    }

    async fn payout(&self, p: &Payout, callback_url: &str) -> Result<PayoutAnswer, ConnectorError> {
        self.transfer(p, callback_url).await
    }

    async fn payout_status(&self, p: &Payout) -> Result<PayoutAnswer, ConnectorError> {
        self.transfer_status(p).await
    }

    async fn lookup(&self, phone: &str) -> Result<Lookup, ConnectorError> {
        if self.creds.disbursement.is_none() {
            return Ok(Lookup::Unsupported);
        }
        self.account_holder(phone).await
    }
}

pub fn cache_key(account: &str, updated_at: i64) -> String {
    format!("{NAME}:{account}:{updated_at}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_map_to_lipa_failures() {
        assert_eq!(failure_for("APPROVAL_REJECTED"), "cancelled");
        assert_eq!(failure_for("EXPIRED"), "timeout");
        assert_eq!(failure_for("PAYER_NOT_FOUND"), "invalid_number");
        assert_eq!(failure_for("NOT_ENOUGH_FUNDS"), "insufficient_funds");
        assert_eq!(failure_for("SOMETHING_NEW"), "declined");
        assert_eq!(reason(&json!({"reason": {"code": "EXPIRED"}})), "EXPIRED");
        assert_eq!(reason(&json!({"reason": "EXPIRED"})), "EXPIRED");
    }
}
