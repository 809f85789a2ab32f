//! Flutterwave Standard: the buyer pays on Flutterwave's hosted page
//! (cards, or the mobile money Flutterwave offers in the currency), so no
//! card number reaches Lipa.
//!
//! Follows Flutterwave's v3 documentation ("Flutterwave Standard",
//! "Transaction verification", "Webhooks", "Refunds", and the API
//! reference for `POST /v3/payments`, `GET /v3/transactions/{id}/verify`,
//! `GET /v3/transactions/verify_by_reference`, `POST
//! /v3/transactions/{id}/refund`, `GET /v3/balances`), read 2026-12-01.
//! Amounts go in major units as exact decimals. Success is only ever what
//! the verify endpoints say, and only for the same `tx_ref` (the attempt),
//! currency and at least the amount; the `verif-hash` header of a webhook
//! is a shared secret, compared in constant time, and even then only makes
//! Lipa verify.

use super::http::{self, Answer, Retry};
use super::{
    Connector, ConnectorError, Outcome, PaymentDetails, RefundAnswer, Started, Urls, failed,
};
use crate::store::attempts::Attempt;
use app::domain::attempt::failure;
use app::domain::locale::{Locale, LocalePref};
use app::domain::{Currency, MethodId, Money};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::sync::Arc;
use subtle::ConstantTimeEq;

pub const NAME: &str = "flutterwave";
/// One base URL for both: the key says test or live.
pub const BASE: &str = "https://api.flutterwave.com";
/// A Standard link lives at most 24 hours (`session_duration`, minutes).
const MAX_SESSION_MINUTES: i64 = 1440;

#[derive(Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = FlutterwaveCredentials)]
#[serde(deny_unknown_fields)]
pub struct Credentials {
    /// The secret key (`FLWSECK_TEST-…` or `FLWSECK-…`).
    #[schema(pattern = "^FLWSECK(_TEST)?-\\S+$")]
    pub secret_key: String,
    /// The "secret hash" set in the dashboard's webhook settings; Flutterwave
    /// sends it as `verif-hash`.
    pub secret_hash: String,
    /// The payment options the merchant's Flutterwave account offers for
    /// the `flutterwave` method (its page lists them), e.g. `card`,
    /// `mobilemoneyghana`, `mpesa`, `ussd`. Default: `card`.
    #[serde(default)]
    pub payment_options: Vec<String>,
}

impl Credentials {
    pub fn settings(&self) -> Value {
        json!({
            "key_mode": if self.is_live() { "live" } else { "test" },
            "payment_options": self.options(),
        })
    }

    pub fn is_live(&self) -> bool {
        !self.secret_key.starts_with("FLWSECK_TEST-")
    }

    fn options(&self) -> Vec<String> {
        if self.payment_options.is_empty() {
            vec!["card".to_owned()]
        } else {
            self.payment_options.clone()
        }
    }

    pub fn problem(&self) -> Option<(&'static str, &'static str)> {
        let key = &self.secret_key;
        let prefixed = ["FLWSECK_TEST-", "FLWSECK-"]
            .iter()
            .any(|p| key.len() > p.len() + 4 && key.starts_with(p));
        if !prefixed {
            return Some((
                "secret_key",
                "must be a Flutterwave secret key (FLWSECK_TEST-… or FLWSECK-…)",
            ));
        }
        if self.secret_hash.trim().len() < 8 {
            return Some((
                "secret_hash",
                "must be the webhook secret hash set in Flutterwave's dashboard (8 characters or more)",
            ));
        }
        let known = |o: &String| !o.is_empty() && o.bytes().all(|b| b.is_ascii_lowercase());
        if !self.payment_options.iter().all(known) {
            return Some((
                "payment_options",
                "are Flutterwave's option names in lower case (card, mpesa, mobilemoneyghana, …)",
            ));
        }
        None
    }
}

/// Whether a webhook's `verif-hash` is the account's secret hash.
pub fn hash_valid(header: &str, secret_hash: &str) -> bool {
    !header.is_empty() && bool::from(header.as_bytes().ct_eq(secret_hash.as_bytes()))
}

/// Flutterwave's `payment_options` for a Lipa method in a currency: a card
/// is `card`; M-Pesa is `mpesa`; MTN MoMo is the mobile money option of
/// the currency's country; the `flutterwave` method shows the account's.
fn payment_options(method: MethodId, currency: Currency, creds: &Credentials) -> String {
    let momo = match currency.code() {
        "GHS" => "mobilemoneyghana",
        "UGX" => "mobilemoneyuganda",
        "RWF" => "mobilemoneyrwanda",
        "ZMW" => "mobilemoneyzambia",
        "TZS" => "mobilemoneytanzania",
        "XAF" | "XOF" => "mobilemoneyfranco",
        _ => "mobilemoney",
    };
    match method {
        MethodId::Card => "card".to_owned(),
        MethodId::Mpesa => "mpesa".to_owned(),
        MethodId::MomoMtn => momo.to_owned(),
        _ => creds.options().join(","),
    }
}

/// `150.50` for 15050 KES: the exact decimal Flutterwave takes.
pub fn major(currency: Currency, minor: i64) -> String {
    http::decimal(minor, currency.exponent())
}

/// Minor units of a JSON amount in major units (`100`, `150.5`).
fn minor_of(v: &Value, currency: Currency) -> Option<i64> {
    let text = match v {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        _ => return None,
    };
    Money::from_major(&text, currency).map(|m| m.minor)
}

fn page_locale(pref: LocalePref) -> Option<&'static str> {
    match pref {
        LocalePref::Fixed(Locale::Fr) => Some("fr"),
        LocalePref::Fixed(Locale::En) => Some("en"),
        _ => None,
    }
}

pub struct Flutterwave {
    pub creds: Credentials,
    pub base: String,
    pub shared: Arc<super::accounts::Shared>,
}

impl Flutterwave {
    fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.shared
            .http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.creds.secret_key)
    }

    fn payment(&self, attempt: &Attempt, urls: &Urls) -> Value {
        let now = crate::db::now_ms();
        let minutes = ((attempt.timeout_at - now) / 60_000).clamp(10, MAX_SESSION_MINUTES);
        let mut meta = json!({ "lipa_session": attempt.session_id });
        if let Some(lang) = page_locale(urls.locale) {
            meta["language"] = json!(lang);
        }
        let amount =
            serde_json::value::RawValue::from_string(major(attempt.currency, attempt.amount))
                .expect("a decimal is a JSON number");
        json!({
            "tx_ref": attempt.id,
            "amount": amount,
            "currency": attempt.currency.code(),
            "redirect_url": urls.return_url,
            "payment_options": payment_options(attempt.method, attempt.currency, &self.creds),
            "session_duration": minutes,
            "max_retry_attempt": 3,
            // Flutterwave requires an email; the buyer gives theirs on its page.
            "customer": { "email": format!("{}@buyers.lipa.invalid", attempt.session_id.to_ascii_lowercase()) },
            "customizations": { "title": format!("Order {}", attempt.session_id) },
            "meta": meta,
        })
    }

    /// Flutterwave's record of a transaction: by its id when a webhook or
    /// the return told it (and then it must carry our `tx_ref`), otherwise
    /// by our reference.
    async fn verify(&self, attempt: &Attempt) -> Result<Option<Value>, ConnectorError> {
        let reference = attempt.connector_reference.as_deref().unwrap_or_default();
        let req = if !reference.is_empty() && reference.bytes().all(|b| b.is_ascii_digit()) {
            self.request(
                reqwest::Method::GET,
                &format!("/v3/transactions/{reference}/verify"),
            )
        } else {
            self.request(reqwest::Method::GET, "/v3/transactions/verify_by_reference")
                .query(&[("tx_ref", attempt.id.as_str())])
        };
        let a = http::send(NAME, "verify", req, Retry::Idempotent).await?;
        match a.status {
            200 if a.body["status"] == "success" => Ok(Some(a.body["data"].clone())),
            // Not created yet: the buyer has not paid (or not chosen) on the page.
            400 | 404 => Ok(None),
            _ => Err(ConnectorError::new(
                NAME,
                format!("verify failed: {}", error_text(&a)),
            )),
        }
    }

    /// The transaction id Flutterwave gave the attempt's payment.
    async fn transaction_id(&self, attempt: &Attempt) -> Result<Option<i64>, ConnectorError> {
        let data = self.verify(attempt).await?;
        Ok(data
            .filter(|d| d["tx_ref"].as_str() == Some(attempt.id.as_str()))
            .and_then(|d| d["id"].as_i64()))
    }

    /// Verifies a transaction a webhook or the return named: its id, if it
    /// is this attempt's.
    pub async fn confirm_id(&self, attempt: &Attempt, id: i64) -> Result<bool, ConnectorError> {
        let req = self.request(
            reqwest::Method::GET,
            &format!("/v3/transactions/{id}/verify"),
        );
        let a = http::send(NAME, "verify", req, Retry::Idempotent).await?;
        Ok(a.ok() && a.body["data"]["tx_ref"].as_str() == Some(attempt.id.as_str()))
    }
}

fn error_text(a: &Answer) -> String {
    a.body["message"]
        .as_str()
        .map(str::to_owned)
        .unwrap_or_else(|| format!("HTTP {}", a.status))
}

/// What a verified transaction says about the attempt: success only for
/// our `tx_ref`, the currency, and at least the amount.
pub fn outcome(data: &Value, attempt: &Attempt) -> Outcome {
    if data["tx_ref"].as_str() != Some(attempt.id.as_str()) {
        return Outcome::Pending;
    }
    match data["status"].as_str().unwrap_or_default() {
        "successful" => {
            let currency_ok = data["currency"].as_str() == Some(attempt.currency.code());
            let paid = minor_of(&data["amount"], attempt.currency).unwrap_or(0);
            if currency_ok && paid >= attempt.amount {
                Outcome::Succeeded
            } else {
                failed(
                    failure::DECLINED,
                    "Flutterwave's transaction does not match the payment",
                )
            }
        }
        "failed" => failed(
            failure::DECLINED,
            data["processor_response"]
                .as_str()
                .unwrap_or("Flutterwave declined the payment"),
        ),
        _ => Outcome::Pending,
    }
}

#[async_trait::async_trait]
impl Connector for Flutterwave {
    fn name(&self) -> &'static str {
        NAME
    }

    async fn start(
        &self,
        attempt: &Attempt,
        details: PaymentDetails<'_>,
        urls: &Urls,
    ) -> Result<Started, ConnectorError> {
        details.redirect(NAME)?;
        let req = self
            .request(reqwest::Method::POST, "/v3/payments")
            .json(&self.payment(attempt, urls));
        // A repeat of the same tx_ref is refused by Flutterwave, never
        // charged twice; a timed-out call is not retried.
        let a = http::send(NAME, "create_payment", req, Retry::Never).await?;
        match a.body["data"]["link"].as_str() {
            Some(url) if a.ok() => Ok(Started::Action {
                reference: attempt.id.clone(),
                url: url.to_owned(),
            }),
            _ => Err(ConnectorError::new(
                NAME,
                format!("payment refused: {}", error_text(&a)),
            )),
        }
    }

    async fn status(&self, attempt: &Attempt) -> Result<Outcome, ConnectorError> {
        Ok(match self.verify(attempt).await? {
            Some(data) => outcome(&data, attempt),
            None => Outcome::Pending,
        })
    }

    /// Flutterwave has no way to close a Standard link; it lapses after
    /// `session_duration`, and a late payment is verified like any other.
    async fn cancel(&self, _attempt: &Attempt) -> Result<(), ConnectorError> {
        Ok(())
    }

    async fn refund(
        &self,
        attempt: &Attempt,
        refund_id: &str,
        amount: i64,
    ) -> Result<RefundAnswer, ConnectorError> {
        let Some(id) = self.transaction_id(attempt).await? else {
            return Err(ConnectorError::new(NAME, "no Flutterwave transaction"));
        };
        let amount = serde_json::value::RawValue::from_string(major(attempt.currency, amount))
            .expect("a decimal is a JSON number");
        let req = self
            .request(
                reqwest::Method::POST,
                &format!("/v3/transactions/{id}/refund"),
            )
            .json(&json!({ "amount": amount, "comments": format!("Lipa refund {refund_id}") }));
        // No idempotency key in v3: sent once; an unknown outcome stays
        // pending and is asked again by the sweeper.
        let a = http::send(NAME, "refund", req, Retry::Never).await?;
        if !a.ok() {
            return Ok(RefundAnswer::Refused {
                code: "refund_failed".into(),
                reason: format!("Flutterwave: {}", error_text(&a)),
            });
        }
        let reference = a.body["data"]["id"].to_string();
        Ok(match a.body["data"]["status"].as_str() {
            Some("completed") => RefundAnswer::Succeeded { reference },
            Some("failed") => RefundAnswer::Refused {
                code: "refund_failed".into(),
                reason: "Flutterwave refused the refund".into(),
            },
            _ => RefundAnswer::Pending,
        })
    }
}

/// Tries the secret key with a read of the account's balances.
pub async fn verify_key(
    client: &reqwest::Client,
    base: &str,
    creds: &Credentials,
) -> Result<(), ConnectorError> {
    let req = client
        .get(format!("{base}/v3/balances"))
        .bearer_auth(&creds.secret_key);
    let a = http::send(NAME, "balances", req, Retry::Idempotent).await?;
    if a.ok() {
        Ok(())
    } else {
        Err(ConnectorError::new(
            NAME,
            format!("key refused: {}", error_text(&a)),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cur(c: &str) -> Currency {
        Currency::parse(c).unwrap()
    }

    #[test]
    fn amounts_are_exact_decimals_both_ways() {
        assert_eq!(major(cur("KES"), 15_050), "150.50");
        assert_eq!(major(cur("UGX"), 5_000), "5000");
        assert_eq!(minor_of(&json!(150.5), cur("KES")), Some(15_050));
        assert_eq!(minor_of(&json!(100), cur("KES")), Some(10_000));
        assert_eq!(major(cur("KES"), 10_000), "100");
        assert_eq!(minor_of(&json!("99.99"), cur("ZAR")), Some(9_999));
    }

    #[test]
    fn options_follow_the_method_and_the_account() {
        let creds = Credentials {
            secret_key: "FLWSECK_TEST-abcdef".into(),
            secret_hash: "hash-hash".into(),
            payment_options: vec!["card".into(), "ussd".into()],
        };
        assert_eq!(payment_options(MethodId::Card, cur("NGN"), &creds), "card");
        assert_eq!(
            payment_options(MethodId::MomoMtn, cur("GHS"), &creds),
            "mobilemoneyghana"
        );
        assert_eq!(
            payment_options(MethodId::Mpesa, cur("KES"), &creds),
            "mpesa"
        );
        assert_eq!(
            payment_options(MethodId::Flutterwave, cur("NGN"), &creds),
            "card,ussd"
        );
        assert!(!creds.is_live());
        assert!(hash_valid("hash-hash", "hash-hash"));
        assert!(!hash_valid("hash-hasH", "hash-hash"));
        assert!(!hash_valid("", "hash-hash"));
    }
}
