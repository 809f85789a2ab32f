//! Safaricom M-Pesa Express (STK Push), Kenya, through the Daraja API.
//!
//! Follows Safaricom's Daraja documentation for "Authorization", "M-Pesa
//! Express Simulate" and "M-Pesa Express Query" (developer.safaricom.co.ke,
//! read 2026-12-01) and the result codes of the M-PESA STK Push Developer
//! Guide v1.1. The callback Daraja posts to `CallBackURL` is unsigned: Lipa
//! only takes it as a hint and asks the STK Push Query API for the truth.

use super::accounts::Shared;
use super::http::{self, Answer, Retry};
use super::{
    Connector, ConnectorError, Outcome, PaymentDetails, PayoutAnswer, RefundAnswer, Started, Urls,
    failed,
};
use crate::store::attempts::Attempt;
use crate::store::payouts::Payout;
use app::domain::attempt::failure;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::Duration;

pub const NAME: &str = "mpesa_daraja";
pub const SANDBOX: &str = "https://sandbox.safaricom.co.ke";
pub const PRODUCTION: &str = "https://api.safaricom.co.ke";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub enum TransactionType {
    /// Paybill: the money goes to `business_short_code`.
    CustomerPayBillOnline,
    /// Buy Goods: the money goes to `till_number`.
    CustomerBuyGoodsOnline,
}

/// What the merchant gets from the Daraja portal.
#[derive(Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = DarajaCredentials)]
#[serde(deny_unknown_fields)]
pub struct Credentials {
    #[schema(min_length = 1, pattern = "\\S")]
    pub consumer_key: String,
    #[schema(min_length = 1, pattern = "\\S")]
    pub consumer_secret: String,
    /// Paybill number, or the store (head office) number for Buy Goods.
    #[schema(pattern = "^[0-9]{1,10}$", example = "174379")]
    pub business_short_code: String,
    #[schema(min_length = 1, pattern = "\\S")]
    pub passkey: String,
    pub transaction_type: TransactionType,
    /// Required for `CustomerBuyGoodsOnline`: the till the money goes to.
    #[schema(pattern = "^[0-9]{1,10}$")]
    pub till_number: Option<String>,
    /// The B2C initiator, for payouts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub b2c: Option<super::daraja_b2c::Credentials>,
}

impl Credentials {
    /// The fields a merchant may see again.
    pub fn settings(&self) -> Value {
        json!({
            "business_short_code": self.business_short_code,
            "transaction_type": self.transaction_type,
            "till_number": self.till_number,
            "b2c_short_code": self.b2c.as_ref().map(|b| &b.short_code),
            "b2c_initiator_name": self.b2c.as_ref().map(|b| &b.initiator_name),
        })
    }

    /// What is wrong with them, as (field, reason).
    pub fn problem(&self) -> Option<(&'static str, &'static str)> {
        let digits =
            |s: &str| !s.is_empty() && s.len() <= 10 && s.bytes().all(|b| b.is_ascii_digit());
        if self.consumer_key.trim().is_empty() {
            return Some(("consumer_key", "must not be empty"));
        }
        if self.consumer_secret.trim().is_empty() {
            return Some(("consumer_secret", "must not be empty"));
        }
        if self.passkey.trim().is_empty() {
            return Some(("passkey", "must not be empty"));
        }
        if !digits(&self.business_short_code) {
            return Some(("business_short_code", "must be the short code's digits"));
        }
        match (&self.transaction_type, &self.till_number) {
            (TransactionType::CustomerBuyGoodsOnline, None) => {
                Some(("till_number", "is required for CustomerBuyGoodsOnline"))
            }
            (_, Some(t)) if !digits(t) => Some(("till_number", "must be the till's digits")),
            _ => self.b2c.as_ref().and_then(|b| b.problem()),
        }
    }

    fn party_b(&self) -> &str {
        match self.transaction_type {
            TransactionType::CustomerBuyGoodsOnline => self
                .till_number
                .as_deref()
                .unwrap_or(&self.business_short_code),
            TransactionType::CustomerPayBillOnline => &self.business_short_code,
        }
    }

    /// `Password`: base64(short code + passkey + timestamp).
    pub fn password(&self, timestamp: &str) -> String {
        B64.encode(format!(
            "{}{}{timestamp}",
            self.business_short_code, self.passkey
        ))
    }
}

/// `YYYYMMDDHHmmss` in East Africa Time (UTC+3), as Daraja wants it.
pub fn timestamp(unix_ms: i64) -> String {
    let eat = time::OffsetDateTime::from_unix_timestamp(unix_ms / 1000 + 3 * 3600)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    let f = time::macros::format_description!("[year][month][day][hour][minute][second]");
    eat.format(&f).unwrap_or_default()
}

/// Daraja's result codes, in Lipa's words.
pub fn outcome(code: &str, desc: &str) -> Outcome {
    let lipa = match code {
        "0" => return Outcome::Succeeded,
        "1" => failure::INSUFFICIENT_FUNDS,
        "1032" => failure::CANCELLED,
        "1037" => failure::PHONE_UNREACHABLE,
        "2001" => failure::WRONG_PIN,
        "1019" => failure::TIMEOUT,
        "1001" => failure::PAYMENT_IN_PROGRESS,
        "1025" | "9999" | "1036" => failure::PROVIDER_UNAVAILABLE,
        _ => failure::DECLINED,
    };
    failed(lipa, format!("M-Pesa {code}: {desc}"))
}

pub struct Daraja {
    pub creds: Credentials,
    pub base: String,
    /// Token cache key: the account and its version.
    pub cache_key: String,
    pub shared: Arc<Shared>,
}

/// Whether a Daraja error means "still waiting for the buyer".
fn still_processing(a: &Answer) -> bool {
    a.text("errorCode").as_deref() == Some("500.001.1001")
}

fn error_text(a: &Answer) -> String {
    let msg = a
        .text("errorMessage")
        .or_else(|| a.text("ResponseDescription"))
        .unwrap_or_else(|| format!("HTTP {}", a.status));
    match a.text("errorCode") {
        Some(code) => format!("{code} {msg}"),
        None => msg,
    }
}

impl Daraja {
    /// A bearer token, from the cache while it lasts.
    async fn token(&self) -> Result<String, ConnectorError> {
        let fetch = || fetch_token(&self.shared.http, &self.base, &self.creds);
        self.shared
            .tokens
            .get_or_fetch(&self.cache_key, fetch)
            .await
    }

    /// POSTs `body` with a token; once more with a fresh one if it expired.
    pub(super) async fn post(
        &self,
        operation: &'static str,
        path: &str,
        body: &Value,
        retry: Retry,
    ) -> Result<Answer, ConnectorError> {
        for fresh in [false, true] {
            if fresh {
                self.shared.tokens.forget(&self.cache_key);
            }
            let req = self
                .shared
                .http
                .post(format!("{}{path}", self.base))
                .bearer_auth(self.token().await?)
                .json(body);
            let a = http::send(NAME, operation, req, retry).await?;
            if a.status != 401 || fresh {
                return Ok(a);
            }
        }
        unreachable!("the loop returns on its second pass")
    }

    fn push_body(
        &self,
        attempt: &Attempt,
        phone: &str,
        callback: &str,
    ) -> Result<Value, ConnectorError> {
        let ts = timestamp(crate::db::now_ms());
        let number = |s: &str| {
            s.parse::<i64>()
                .map_err(|_| ConnectorError::new(NAME, "not a number"))
        };
        // Whole shillings only; routing never sends cents here.
        if attempt.amount % 100 != 0 {
            return Err(ConnectorError::new(
                NAME,
                "M-Pesa Express takes whole shillings",
            ));
        }
        let reference: String = attempt
            .id
            .trim_start_matches("pay_")
            .chars()
            .take(12)
            .collect();
        Ok(json!({
            "BusinessShortCode": number(&self.creds.business_short_code)?,
            "Password": self.creds.password(&ts),
            "Timestamp": ts,
            "TransactionType": self.creds.transaction_type,
            "Amount": attempt.amount / 100,
            "PartyA": number(phone)?,
            "PartyB": number(self.creds.party_b())?,
            "PhoneNumber": number(phone)?,
            "CallBackURL": callback,
            "AccountReference": reference,
            "TransactionDesc": "Payment",
        }))
    }
}

/// Asks Daraja for an OAuth token: (token, lifetime).
pub async fn fetch_token(
    client: &reqwest::Client,
    base: &str,
    creds: &Credentials,
) -> Result<(String, Duration), ConnectorError> {
    let req = client
        .get(format!(
            "{base}/oauth/v1/generate?grant_type=client_credentials"
        ))
        .basic_auth(&creds.consumer_key, Some(&creds.consumer_secret));
    let a = http::send(NAME, "token", req, Retry::Idempotent).await?;
    a.oauth_token(3599)
        .ok_or_else(|| ConnectorError::new(NAME, format!("token refused: {}", error_text(&a))))
}

#[async_trait::async_trait]
impl Connector for Daraja {
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
        let body = self.push_body(attempt, phone.trim_start_matches('+'), &urls.callback_url)?;
        // A push is not idempotent at Daraja: never sent twice.
        let a = self
            .post(
                "stk_push",
                "/mpesa/stkpush/v1/processrequest",
                &body,
                Retry::Never,
            )
            .await?;
        match a.text("CheckoutRequestID") {
            Some(reference) if a.ok() && a.text("ResponseCode").as_deref() == Some("0") => {
                Ok(Started::Pending { reference })
            }
            _ if still_processing(&a) || error_text(&a).contains("500.001.1001") => {
                Ok(Started::Done {
                    reference: String::new(),
                    outcome: failed(failure::PAYMENT_IN_PROGRESS, error_text(&a)),
                })
            }
            _ if a.status >= 500 => Err(ConnectorError::new(NAME, error_text(&a))),
            _ => Ok(Started::Done {
                reference: String::new(),
                outcome: failed(
                    failure::DECLINED,
                    format!("M-Pesa refused the push: {}", error_text(&a)),
                ),
            }),
        }
    }

    /// The STK Push Query API: the only answer Lipa trusts.
    async fn status(&self, attempt: &Attempt) -> Result<Outcome, ConnectorError> {
        let Some(reference) = attempt
            .connector_reference
            .as_deref()
            .filter(|r| !r.is_empty())
        else {
            return Ok(Outcome::Pending);
        };
        let ts = timestamp(crate::db::now_ms());
        let body = json!({
            "BusinessShortCode": self.creds.business_short_code.parse::<i64>().unwrap_or_default(),
            "Password": self.creds.password(&ts),
            "Timestamp": ts,
            "CheckoutRequestID": reference,
        });
        // Polled by the page and the sweeper: a failed query is simply
        // asked again later, so it is not retried here.
        let a = self
            .post(
                "stk_query",
                "/mpesa/stkpushquery/v1/query",
                &body,
                Retry::Never,
            )
            .await?;
        if still_processing(&a) {
            return Ok(Outcome::Pending);
        }
        match a.text("ResultCode") {
            Some(code) if a.ok() => Ok(outcome(&code, &a.text("ResultDesc").unwrap_or_default())),
            _ => Err(ConnectorError::new(
                NAME,
                format!("query failed: {}", error_text(&a)),
            )),
        }
    }

    /// Daraja has no way to withdraw a push: it expires on the phone.
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
            reason:
                "M-Pesa Express payments are reversed by Safaricom's Reversal API, which needs \
                     an initiator's credentials Lipa does not hold: reverse it from the M-Pesa \
                     business portal"
                    .into(),
        })
    }

    fn pays_out(&self) -> bool {
        self.creds.b2c.is_some()
    }

    async fn payout(&self, p: &Payout, callback_url: &str) -> Result<PayoutAnswer, ConnectorError> {
        self.b2c_payment(p, callback_url).await
    }

    fn payout_callback(&self, p: &Payout, body: &Value) -> Option<PayoutAnswer> {
        super::daraja_b2c::result(p, body)
    }
}

/// The token cache is per account version: rotating credentials starts
/// afresh.
pub fn cache_key(account: &str, updated_at: i64) -> String {
    format!("{NAME}:{account}:{updated_at}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_and_timestamp_follow_the_portal() {
        // 2016-02-16 13:56:27 UTC is 16:56:27 in Nairobi.
        assert_eq!(timestamp(1_455_630_987_000), "20160216165627");
        let c = Credentials {
            consumer_key: "k".into(),
            consumer_secret: "s".into(),
            business_short_code: "174379".into(),
            passkey: "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919".into(),
            transaction_type: TransactionType::CustomerPayBillOnline,
            till_number: None,
            b2c: None,
        };
        // The portal's own example password for these values.
        assert_eq!(
            c.password("20160216165627"),
            "MTc0Mzc5YmZiMjc5ZjlhYTliZGJjZjE1OGU5N2RkNzFhNDY3Y2QyZTBjODkzMDU5YjEwZjc4ZTZiNzJhZGExZWQyYzkxOTIwMTYwMjE2MTY1NjI3"
        );
        assert!(c.problem().is_none());
        let buy_goods = Credentials {
            transaction_type: TransactionType::CustomerBuyGoodsOnline,
            ..c.clone()
        };
        assert_eq!(buy_goods.problem().map(|p| p.0), Some("till_number"));
    }

    #[test]
    fn result_codes_map_to_lipa_failures() {
        assert_eq!(outcome("0", "ok"), Outcome::Succeeded);
        for (code, lipa) in [
            ("1032", "cancelled"),
            ("1037", "phone_unreachable"),
            ("1", "insufficient_funds"),
            ("2001", "wrong_pin"),
            ("1019", "timeout"),
            ("1001", "payment_in_progress"),
            ("4242", "declined"),
        ] {
            let Outcome::Failed { code: got, .. } = outcome(code, "x") else {
                panic!("{code} is a failure");
            };
            assert_eq!(got, lipa, "{code}");
        }
    }
}
