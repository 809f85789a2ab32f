//! Vodacom M-Pesa Mozambique OpenAPI: C2B single stage, transaction status
//! query and reversal.
//!
//! Follows the API documentation of the Vodacom M-Pesa Mozambique developer
//! portal (developer.mpesa.vm.co.mz, "C2B Single Stage", "Query Transaction
//! Status", "Reversal" and "Response codes", read 2026-12-01). The bearer
//! token is the API key encrypted with the portal's public key (RSA PKCS#1
//! v1.5, base64). The C2B call blocks until the buyer answers on the phone
//! (up to about 90 seconds), so Lipa sends it from a background task and
//! the page shows the pending state meanwhile; the status query (keyed by
//! our third-party reference, known before the call) settles it even if
//! Lipa restarts in between.

use super::accounts::Shared;
use super::http::{self, Answer, Retry, decimal};
use super::{
    Connector, ConnectorError, Outcome, PaymentDetails, RefundAnswer, Started, Urls, failed,
};
use crate::store::attempts::Attempt;
use app::domain::attempt::failure;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use rsa::pkcs8::DecodePublicKey;
use rsa::{Pkcs1v15Encrypt, RsaPublicKey};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::Duration;

pub const NAME: &str = "mpesa_vodacom_mz";
pub const SANDBOX: &str = "https://api.sandbox.vm.co.mz";
pub const PRODUCTION: &str = "https://api.vm.co.mz";
/// The portal's ports for each API; an operator's base URL override serves
/// all three on its own address.
const C2B_PORT: u16 = 18352;
const QUERY_PORT: u16 = 18353;
const REVERSAL_PORT: u16 = 18354;
/// How long the C2B call may block waiting for the buyer's PIN.
pub const C2B_TIMEOUT: Duration = Duration::from_secs(120);

#[derive(Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = VodacomMzCredentials)]
#[serde(deny_unknown_fields)]
pub struct Credentials {
    #[schema(min_length = 1, pattern = "\\S")]
    pub api_key: String,
    /// The portal's public key: base64 of its DER SubjectPublicKeyInfo.
    #[schema(min_length = 1)]
    pub public_key: String,
    #[schema(pattern = "^[0-9]{1,10}$", example = "171717")]
    pub service_provider_code: String,
    /// For refunds (reversals); both or neither.
    pub initiator_identifier: Option<String>,
    pub security_credential: Option<String>,
}

impl Credentials {
    pub fn settings(&self) -> Value {
        json!({
            "service_provider_code": self.service_provider_code,
            "refunds": self.initiator_identifier.is_some(),
        })
    }

    pub fn problem(&self) -> Option<(&'static str, &'static str)> {
        if self.api_key.trim().is_empty() {
            return Some(("api_key", "must not be empty"));
        }
        if public_key(&self.public_key).is_none() {
            return Some(("public_key", "must be the portal's public key (base64 DER)"));
        }
        let code = &self.service_provider_code;
        if code.is_empty() || code.len() > 10 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Some(("service_provider_code", "must be the short code's digits"));
        }
        if self.initiator_identifier.is_some() != self.security_credential.is_some() {
            return Some((
                "security_credential",
                "goes with initiator_identifier: send both or neither",
            ));
        }
        None
    }

    /// `Authorization: Bearer` value: the API key, RSA-encrypted.
    pub fn bearer(&self) -> Result<String, ConnectorError> {
        let key = public_key(&self.public_key)
            .ok_or_else(|| ConnectorError::new(NAME, "the public key does not parse"))?;
        let ct = key
            .encrypt(
                &mut rsa::rand_core::OsRng,
                Pkcs1v15Encrypt,
                self.api_key.as_bytes(),
            )
            .map_err(|e| ConnectorError::new(NAME, format!("encrypting the API key: {e}")))?;
        Ok(B64.encode(ct))
    }
}

fn public_key(b64: &str) -> Option<RsaPublicKey> {
    let compact: String = b64.split_whitespace().collect();
    let der = B64.decode(compact).ok()?;
    RsaPublicKey::from_public_key_der(&der).ok()
}

/// `output_ResponseCode`, in Lipa's words. `None`: success.
pub fn failure_for(code: &str) -> Option<&'static str> {
    Some(match code {
        "INS-0" => return None,
        "INS-5" => failure::CANCELLED,
        "INS-6" => failure::DECLINED,
        "INS-9" => failure::TIMEOUT,
        "INS-2006" => failure::INSUFFICIENT_FUNDS,
        "INS-2051" | "INS-2002" => failure::INVALID_NUMBER,
        "INS-995" | "INS-996" | "INS-4" => failure::DECLINED,
        _ => failure::PROVIDER_UNAVAILABLE,
    })
}

/// Our third-party reference for an attempt: letters and digits only.
pub fn reference(attempt: &Attempt) -> String {
    attempt.id.trim_start_matches("pay_").to_owned()
}

pub struct VodacomMz {
    pub creds: Credentials,
    /// `Some`: an operator's override, one address for every API.
    pub base_override: Option<String>,
    pub base: &'static str,
    pub shared: Arc<Shared>,
}

fn describe(a: &Answer) -> String {
    format!(
        "{} {}",
        a.text("output_ResponseCode")
            .unwrap_or_else(|| format!("HTTP {}", a.status)),
        a.text("output_ResponseDesc").unwrap_or_default()
    )
}

impl VodacomMz {
    fn url(&self, port: u16, path: &str) -> String {
        match &self.base_override {
            Some(b) => format!("{b}{path}"),
            None => format!("{}:{port}{path}", self.base),
        }
    }

    fn request(
        &self,
        method: reqwest::Method,
        url: String,
    ) -> Result<reqwest::RequestBuilder, ConnectorError> {
        Ok(self
            .shared
            .http
            .request(method, url)
            .header("Authorization", format!("Bearer {}", self.creds.bearer()?))
            .header("Origin", "*"))
    }

    /// The C2B call itself, which blocks until the buyer answers.
    /// Returns the outcome and M-Pesa's transaction id (for reversals).
    async fn c2b(
        &self,
        attempt: &Attempt,
        phone: &str,
    ) -> Result<(Outcome, Option<String>), ConnectorError> {
        let r = reference(attempt);
        let body = json!({
            "input_TransactionReference": r.chars().take(12).collect::<String>(),
            "input_CustomerMSISDN": phone,
            "input_Amount": decimal(attempt.amount, attempt.currency.exponent()),
            "input_ThirdPartyReference": r,
            "input_ServiceProviderCode": self.creds.service_provider_code,
        });
        let url = self.url(C2B_PORT, "/ipg/v1x/c2bPayment/singleStage/");
        let req = self
            .request(reqwest::Method::POST, url)?
            .json(&body)
            .timeout(C2B_TIMEOUT);
        let a = http::send(NAME, "c2b", req, Retry::Never).await?;
        let code = a.text("output_ResponseCode").unwrap_or_default();
        let outcome = match failure_for(&code) {
            None => Outcome::Succeeded,
            // A duplicate: the first request with this reference stands.
            Some(_) if code == "INS-10" => Outcome::Pending,
            Some(f) => failed(f, format!("M-Pesa {}", describe(&a))),
        };
        Ok((outcome, a.text("output_TransactionID")))
    }

    /// The status query, by our third-party reference.
    async fn query(&self, query_reference: &str) -> Result<Answer, ConnectorError> {
        let url = self.url(QUERY_PORT, "/ipg/v1x/queryTransactionStatus/");
        let req = self.request(reqwest::Method::GET, url)?.query(&[
            (
                "input_ThirdPartyReference",
                format!("Q{}", crate::db::random_base62(12)),
            ),
            ("input_QueryReference", query_reference.to_owned()),
            (
                "input_ServiceProviderCode",
                self.creds.service_provider_code.clone(),
            ),
        ]);
        // Polled: a failed query is asked again on the next poll.
        http::send(NAME, "query", req, Retry::Never).await
    }
}

#[async_trait::async_trait]
impl Connector for VodacomMz {
    fn name(&self) -> &'static str {
        NAME
    }

    /// Sends the C2B call from a background task and answers at once: the
    /// request thread and every database transaction are free while the
    /// buyer types their PIN.
    async fn start(
        &self,
        attempt: &Attempt,
        details: PaymentDetails<'_>,
        _urls: &Urls,
    ) -> Result<Started, ConnectorError> {
        let phone = details.phone(NAME)?;
        self.creds.bearer()?;
        let this = VodacomMz {
            creds: self.creds.clone(),
            base_override: self.base_override.clone(),
            base: self.base,
            shared: self.shared.clone(),
        };
        let reference_now = reference(attempt);
        let (attempt, phone) = (attempt.clone(), phone.trim_start_matches('+').to_owned());
        tokio::spawn(async move {
            // An error leaves the outcome unknown: the status query decides.
            if let Ok((outcome, transaction)) = this.c2b(&attempt, &phone).await {
                if let Some(t) = transaction {
                    let full = format!("{}/{t}", reference(&attempt));
                    this.shared.remember_reference(&attempt.id, &full).await;
                }
                this.shared.answered(&attempt.id, outcome);
            }
        });
        Ok(Started::Pending {
            reference: reference_now,
        })
    }

    async fn status(&self, attempt: &Attempt) -> Result<Outcome, ConnectorError> {
        if let Some(o) = self.shared.answer(&attempt.id) {
            return Ok(o);
        }
        let a = self.query(&reference(attempt)).await?;
        if a.text("output_ResponseCode").as_deref() != Some("INS-0") {
            return Err(ConnectorError::new(
                NAME,
                format!("query failed: {}", describe(&a)),
            ));
        }
        let status = a
            .text("output_ResponseTransactionStatus")
            .unwrap_or_default();
        Ok(match status.as_str() {
            "Completed" => Outcome::Succeeded,
            "Cancelled" => failed(failure::CANCELLED, "M-Pesa: Cancelled"),
            "Expired" => failed(failure::TIMEOUT, "M-Pesa: Expired"),
            // `Pending`, or `N/A` while the C2B call is still on its way.
            _ => Outcome::Pending,
        })
    }

    async fn cancel(&self, _attempt: &Attempt) -> Result<(), ConnectorError> {
        Ok(())
    }

    /// A reversal of the C2B transaction, keyed by the refund's id: a
    /// repeat is refused as a duplicate (`INS-10`), which means the first
    /// one went through.
    async fn refund(
        &self,
        attempt: &Attempt,
        refund_id: &str,
        amount: i64,
    ) -> Result<RefundAnswer, ConnectorError> {
        let (Some(initiator), Some(credential)) = (
            &self.creds.initiator_identifier,
            &self.creds.security_credential,
        ) else {
            return Ok(unsupported(
                "this account has no initiator_identifier and security_credential",
            ));
        };
        let transaction = attempt
            .connector_reference
            .as_deref()
            .and_then(|r| r.split_once('/'));
        let Some((_, transaction)) = transaction else {
            return Ok(unsupported(
                "M-Pesa's transaction id for this payment is unknown",
            ));
        };
        let third_party: String = refund_id
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect();
        let body = json!({
            "input_ReversalAmount": decimal(amount, attempt.currency.exponent()),
            "input_TransactionID": transaction,
            "input_SecurityCredential": credential,
            "input_InitiatorIdentifier": initiator,
            "input_ThirdPartyReference": third_party,
            "input_ServiceProviderCode": self.creds.service_provider_code,
        });
        let url = self.url(REVERSAL_PORT, "/ipg/v1x/reversal/");
        let req = self.request(reqwest::Method::PUT, url)?.json(&body);
        let a = http::send(NAME, "reversal", req, Retry::Never).await?;
        let code = a.text("output_ResponseCode").unwrap_or_default();
        Ok(match code.as_str() {
            "INS-0" | "INS-10" => RefundAnswer::Succeeded {
                reference: a.text("output_TransactionID").unwrap_or(third_party),
            },
            _ if a.status >= 500 => return Err(ConnectorError::new(NAME, describe(&a))),
            _ => RefundAnswer::Refused {
                code: "provider_refused".into(),
                reason: format!("M-Pesa {}", describe(&a)),
            },
        })
    }
}

fn unsupported(why: &str) -> RefundAnswer {
    RefundAnswer::Refused {
        code: "refund_unsupported".into(),
        reason: format!("cannot reverse: {why}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn response_codes_map_to_lipa_failures() {
        assert_eq!(failure_for("INS-0"), None);
        assert_eq!(failure_for("INS-2006"), Some("insufficient_funds"));
        assert_eq!(failure_for("INS-2051"), Some("invalid_number"));
        assert_eq!(failure_for("INS-9"), Some("timeout"));
        assert_eq!(failure_for("INS-5"), Some("cancelled"));
        assert_eq!(failure_for("INS-1"), Some("provider_unavailable"));
    }
}
