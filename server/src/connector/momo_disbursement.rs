//! MTN MoMo Open API, Disbursement product: payouts (`transfer`) and the
//! account-holder lookup.
//!
//! Follows MTN's MoMo Developer portal ("API documentation: Disbursement"
//! v1.0: `POST /disbursement/token/`, `POST /disbursement/v1_0/transfer`,
//! `GET /disbursement/v1_0/transfer/{referenceId}`,
//! `GET /disbursement/v1_0/accountholder/msisdn/{msisdn}/active` and
//! `.../basicuserinfo`; read 2026-12-01). The Disbursement product has its
//! own subscription key and API user. Each payout's `X-Reference-Id` is a
//! UUID (version 4 form) derived from the payout's id, so a transfer that
//! timed out is asked about, or sent again, under the same reference: MTN
//! answers a repeat with 409 and never pays twice.

use super::http::{self, Retry, decimal};
use super::momo::{Momo, NAME};
use super::{ConnectorError, Lookup, PayoutAnswer};
use crate::store::payouts::Payout;
use app::domain::payout::code;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// How long a transfer MTN does not know may still be on its way.
const UNKNOWN_AFTER_MS: i64 = 30_000;

/// The Disbursement product's API user and subscription.
#[derive(Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = MomoDisbursementCredentials)]
#[serde(deny_unknown_fields)]
pub struct Credentials {
    #[schema(format = "uuid")]
    pub api_user: String,
    #[schema(min_length = 1, pattern = "\\S")]
    pub api_key: String,
    /// The Disbursement product's `Ocp-Apim-Subscription-Key`.
    #[schema(min_length = 1, pattern = "\\S")]
    pub subscription_key: String,
}

impl Credentials {
    pub fn problem(&self) -> Option<(&'static str, &'static str)> {
        if uuid::Uuid::parse_str(&self.api_user).is_err() {
            return Some(("disbursement.api_user", "must be the API user's UUID"));
        }
        if self.api_key.trim().is_empty() {
            return Some(("disbursement.api_key", "must not be empty"));
        }
        if self.subscription_key.trim().is_empty() {
            return Some(("disbursement.subscription_key", "must not be empty"));
        }
        None
    }
}

/// The payout's `X-Reference-Id`: the same for every call about it.
pub fn reference(payout_id: &str) -> String {
    let digest = Sha256::digest(format!("lipa-payout:{payout_id}").as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .to_string()
}

/// A failed transfer's `reason`, in Lipa's payout codes.
fn failure_code(reason: &str) -> &'static str {
    match reason {
        "PAYEE_NOT_FOUND" | "NOT_ALLOWED_TARGET_ENVIRONMENT" => code::RECIPIENT_NOT_FOUND,
        "INTERNAL_PROCESSING_ERROR" | "SERVICE_UNAVAILABLE" => code::PROVIDER_UNAVAILABLE,
        _ => code::PROVIDER_DECLINED,
    }
}

fn reason(body: &Value) -> String {
    match body.get("reason") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Object(o)) => o
            .get("code")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned(),
        _ => body
            .get("code")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned(),
    }
}

impl Momo {
    fn disbursement(&self) -> Result<&Credentials, ConnectorError> {
        self.creds
            .disbursement
            .as_ref()
            .ok_or_else(|| ConnectorError::new(NAME, "the account has no disbursement credentials"))
    }

    async fn disbursement_token(&self) -> Result<String, ConnectorError> {
        let d = self.disbursement()?;
        let fetch = || async {
            let req = self
                .shared
                .http
                .post(format!("{}/disbursement/token/", self.base))
                .basic_auth(&d.api_user, Some(&d.api_key))
                .header("Ocp-Apim-Subscription-Key", &d.subscription_key)
                .header("Content-Length", "0");
            let a = http::send(NAME, "disbursement_token", req, Retry::Idempotent).await?;
            a.oauth_token(3600).ok_or_else(|| {
                ConnectorError::new(
                    NAME,
                    format!("disbursement token refused: HTTP {}", a.status),
                )
            })
        };
        let key = format!("{}:disbursement", self.cache_key);
        self.shared.tokens.get_or_fetch(&key, fetch).await
    }

    async fn disbursing(
        &self,
        method: reqwest::Method,
        path: &str,
    ) -> Result<reqwest::RequestBuilder, ConnectorError> {
        let d = self.disbursement()?;
        Ok(self
            .shared
            .http
            .request(method, format!("{}/disbursement/v1_0{path}", self.base))
            .bearer_auth(self.disbursement_token().await?)
            .header("X-Target-Environment", &self.creds.target_environment)
            .header("Ocp-Apim-Subscription-Key", &d.subscription_key))
    }

    /// `POST /transfer`, then one status read: MTN often settles at once.
    pub async fn transfer(
        &self,
        p: &Payout,
        callback_url: &str,
    ) -> Result<PayoutAnswer, ConnectorError> {
        let reference = reference(&p.id);
        let body = json!({
            "amount": decimal(p.amount, p.currency.exponent()),
            "currency": p.currency.code(),
            "externalId": p.id,
            "payee": {"partyIdType": "MSISDN", "partyId": p.phone.trim_start_matches('+')},
            "payerMessage": p.description.as_deref().unwrap_or("Payout"),
            "payeeNote": p.id,
        });
        let req = self
            .disbursing(reqwest::Method::POST, "/transfer")
            .await?
            .header("X-Reference-Id", &reference)
            .header("X-Callback-Url", callback_url)
            .json(&body);
        let a = http::send(NAME, "transfer", req, Retry::Idempotent).await?;
        match a.status {
            202 | 409 => self.transfer_status(p).await,
            s if s >= 500 => Ok(PayoutAnswer::Pending {
                reference: Some(reference),
            }),
            _ => {
                let r = reason(&a.body);
                Ok(PayoutAnswer::Failed {
                    code: failure_code(&r).into(),
                    message: format!("MoMo refused the transfer: {r}"),
                })
            }
        }
    }

    /// `GET /transfer/{referenceId}`.
    pub async fn transfer_status(&self, p: &Payout) -> Result<PayoutAnswer, ConnectorError> {
        let reference = reference(&p.id);
        let req = self
            .disbursing(reqwest::Method::GET, &format!("/transfer/{reference}"))
            .await?;
        let a = http::send(NAME, "transfer_status", req, Retry::Never).await?;
        if a.status == 404 {
            let age = crate::db::now_ms() - p.created_at;
            return Ok(if age > UNKNOWN_AFTER_MS {
                PayoutAnswer::Failed {
                    code: code::PROVIDER_UNAVAILABLE.into(),
                    message: "MoMo has no record of the transfer".into(),
                }
            } else {
                PayoutAnswer::Pending {
                    reference: Some(reference),
                }
            });
        }
        if !a.ok() {
            return Err(ConnectorError::new(
                NAME,
                format!("transfer status: HTTP {}", a.status),
            ));
        }
        Ok(match a.text("status").as_deref() {
            Some("SUCCESSFUL") => PayoutAnswer::Paid {
                reference: a.text("financialTransactionId").or(Some(reference)),
            },
            Some("FAILED") => {
                let r = reason(&a.body);
                PayoutAnswer::Failed {
                    code: failure_code(&r).into(),
                    message: format!("MoMo: {r}"),
                }
            }
            _ => PayoutAnswer::Pending {
                reference: Some(reference),
            },
        })
    }

    /// `accountholder/msisdn/{n}/active`, then the holder's name from
    /// `basicuserinfo` (a name that cannot be read is left out).
    pub async fn account_holder(&self, phone: &str) -> Result<Lookup, ConnectorError> {
        let msisdn = phone.trim_start_matches('+');
        let req = self
            .disbursing(
                reqwest::Method::GET,
                &format!("/accountholder/msisdn/{msisdn}/active"),
            )
            .await?;
        let a = http::send(NAME, "account_holder", req, Retry::Idempotent).await?;
        let active = a.ok() && a.body.get("result").and_then(Value::as_bool) == Some(true);
        if !active {
            return if a.ok() || a.status == 404 {
                Ok(Lookup::NotFound)
            } else {
                Err(ConnectorError::new(
                    NAME,
                    format!("account holder: HTTP {}", a.status),
                ))
            };
        }
        let path = format!("/accountholder/msisdn/{msisdn}/basicuserinfo");
        let req = self.disbursing(reqwest::Method::GET, &path).await?;
        let name = match http::send(NAME, "basic_user_info", req, Retry::Idempotent).await {
            Ok(info) if info.ok() => holder_name(&info.body),
            _ => None,
        };
        Ok(Lookup::Found { name })
    }
}

/// `name`, else `given_name family_name`.
fn holder_name(info: &Value) -> Option<String> {
    let text = |k: &str| {
        info.get(k)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
    };
    text("name").map(str::to_owned).or_else(|| {
        let parts: Vec<&str> = [text("given_name"), text("family_name")]
            .into_iter()
            .flatten()
            .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_stable_uuid_v4_forms_per_payout() {
        let a = reference("po_1");
        assert_eq!(a, reference("po_1"));
        assert_ne!(a, reference("po_2"));
        assert_eq!(uuid::Uuid::parse_str(&a).unwrap().get_version_num(), 4);
    }

    #[test]
    fn names_and_reasons() {
        assert_eq!(
            holder_name(&json!({"given_name": "Ama", "family_name": "Mensah"})).as_deref(),
            Some("Ama Mensah")
        );
        assert_eq!(
            holder_name(&json!({"name": "Kofi B"})).as_deref(),
            Some("Kofi B")
        );
        assert_eq!(holder_name(&json!({})), None);
        assert_eq!(failure_code("PAYEE_NOT_FOUND"), "recipient_not_found");
        assert_eq!(failure_code("NOT_ENOUGH_FUNDS"), "provider_declined");
    }
}
