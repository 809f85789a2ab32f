//! Stripe Checkout: the buyer pays on Stripe's hosted page, so no card
//! number ever reaches Lipa.
//!
//! Follows Stripe's API reference (docs.stripe.com/api: "Create a Checkout
//! Session", "Retrieve a Checkout Session", "Expire a Checkout Session",
//! "Create a refund", "Idempotent requests"), "Check the webhook
//! signatures" (docs.stripe.com/webhooks) and "Supported currencies"
//! (docs.stripe.com/currencies), read 2026-12-01. Requests are
//! form-encoded with the secret key as bearer; every POST carries an
//! `Idempotency-Key` (the attempt's or the refund's id), so a timed-out
//! call is sent again safely. Success is only ever read from the API
//! (retrieving the Checkout Session), never from a redirect or an event.

use super::http::{self, Answer, Retry};
use super::{
    Connector, ConnectorError, Outcome, PaymentDetails, RefundAnswer, Started, Urls, failed,
};
use crate::store::attempts::Attempt;
use app::domain::attempt::failure;
use app::domain::locale::{Locale, LocalePref};
use app::domain::provider::stripe_amount as amount;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sha2::Sha256;
use std::sync::Arc;

pub const NAME: &str = "stripe";
/// One base URL for both: the key says test or live.
pub const BASE: &str = "https://api.stripe.com";
/// Stripe's default tolerance for a signed event's timestamp.
pub const TOLERANCE_SECS: i64 = 300;
/// A Checkout Session lives at least 30 minutes and at most 24 hours.
const MIN_EXPIRY_SECS: i64 = 30 * 60;
const MAX_EXPIRY_SECS: i64 = 24 * 60 * 60;

#[derive(Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = StripeCredentials)]
#[serde(deny_unknown_fields)]
pub struct Credentials {
    /// A secret (`sk_…`) or restricted (`rk_…`) key with write access to
    /// Checkout Sessions and Refunds.
    #[schema(pattern = "^(sk|rk)_(test|live)_\\S+$")]
    pub secret_key: String,
    /// The signing secret of the webhook endpoint the merchant added in
    /// Stripe's dashboard for Lipa's URL (`whsec_…`).
    #[schema(pattern = "^whsec_\\S+$")]
    pub webhook_secret: String,
}

impl Credentials {
    pub fn settings(&self) -> Value {
        json!({ "key_mode": if self.is_live() { "live" } else { "test" } })
    }

    pub fn is_live(&self) -> bool {
        self.secret_key.starts_with("sk_live_") || self.secret_key.starts_with("rk_live_")
    }

    pub fn problem(&self) -> Option<(&'static str, &'static str)> {
        let key = &self.secret_key;
        let known = ["sk_test_", "sk_live_", "rk_test_", "rk_live_"];
        if !known
            .iter()
            .any(|p| key.len() > p.len() && key.starts_with(p))
        {
            return Some((
                "secret_key",
                "must be a secret key (sk_test_…, sk_live_…) or a restricted key (rk_…)",
            ));
        }
        if !self.webhook_secret.starts_with("whsec_") || self.webhook_secret.len() < 10 {
            return Some((
                "webhook_secret",
                "must be the endpoint's signing secret (whsec_…)",
            ));
        }
        None
    }
}

/// The checkout's language for Stripe's page, which speaks English,
/// Portuguese and French among Lipa's; otherwise Stripe follows the
/// browser (`auto`).
fn locale(pref: LocalePref) -> &'static str {
    match pref {
        LocalePref::Fixed(Locale::En) => "en",
        LocalePref::Fixed(Locale::Pt) => "pt",
        LocalePref::Fixed(Locale::Fr) => "fr",
        _ => "auto",
    }
}

/// Whether `header` (`Stripe-Signature: t=…,v1=…,v1=…`) signs `body` with
/// `secret` within the tolerance of `now` (Unix seconds). Every `v1` is
/// tried (a rolled secret signs with both for a while), in constant time.
pub fn signature_valid(header: &str, body: &[u8], secret: &str, now: i64) -> bool {
    let mut t = None;
    let mut signatures = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", v)) => t = v.parse::<i64>().ok(),
            Some(("v1", v)) => signatures.extend(hex::decode(v).ok()),
            _ => {}
        }
    }
    let Some(t) = t else { return false };
    if (now - t).abs() > TOLERANCE_SECS {
        return false;
    }
    signatures.iter().any(|sig| {
        let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
        mac.update(format!("{t}.").as_bytes());
        mac.update(body);
        mac.verify_slice(sig).is_ok()
    })
}

pub struct Stripe {
    pub creds: Credentials,
    pub base: String,
    pub shared: Arc<super::accounts::Shared>,
}

impl Stripe {
    fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.shared
            .http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.creds.secret_key)
    }

    fn session_form(
        &self,
        attempt: &Attempt,
        urls: &Urls,
    ) -> Result<Vec<(String, String)>, ConnectorError> {
        let amount = amount(attempt.currency, attempt.amount).ok_or_else(|| {
            ConnectorError::new(
                NAME,
                format!(
                    "Stripe cannot take {} {} exactly",
                    attempt.amount, attempt.currency
                ),
            )
        })?;
        let now = crate::db::now_ms() / 1000;
        let until = (attempt.timeout_at / 1000).clamp(now + MIN_EXPIRY_SECS, now + MAX_EXPIRY_SECS);
        let pairs = [
            ("mode", "payment".to_owned()),
            ("success_url", urls.return_url.clone()),
            ("cancel_url", urls.return_url.clone()),
            ("client_reference_id", attempt.session_id.clone()),
            ("expires_at", until.to_string()),
            ("locale", locale(urls.locale).to_owned()),
            ("line_items[0][quantity]", "1".to_owned()),
            (
                "line_items[0][price_data][currency]",
                attempt.currency.code().to_ascii_lowercase(),
            ),
            ("line_items[0][price_data][unit_amount]", amount.to_string()),
            (
                "line_items[0][price_data][product_data][name]",
                format!("Order {}", attempt.session_id),
            ),
            ("metadata[lipa_attempt]", attempt.id.clone()),
            (
                "payment_intent_data[metadata][lipa_attempt]",
                attempt.id.clone(),
            ),
        ];
        Ok(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
    }

    async fn retrieve(&self, id: &str) -> Result<Answer, ConnectorError> {
        let req = self.request(reqwest::Method::GET, &format!("/v1/checkout/sessions/{id}"));
        let a = http::send(NAME, "retrieve_session", req, Retry::Idempotent).await?;
        if a.ok() {
            Ok(a)
        } else {
            Err(ConnectorError::new(
                NAME,
                format!("retrieve failed: {}", error_text(&a)),
            ))
        }
    }
}

/// Stripe's error message (`error.message`), or the HTTP status.
fn error_text(a: &Answer) -> String {
    a.body["error"]["message"]
        .as_str()
        .map(str::to_owned)
        .unwrap_or_else(|| format!("HTTP {}", a.status))
}

/// What a retrieved Checkout Session says about the attempt. A paid
/// session must be for exactly the attempt's amount and currency.
pub fn outcome(session: &Value, attempt: &Attempt) -> Outcome {
    let status = session["status"].as_str().unwrap_or_default();
    let paid = session["payment_status"].as_str() == Some("paid");
    match status {
        "complete" if paid => {
            let expected = amount(attempt.currency, attempt.amount);
            let currency = session["currency"].as_str().unwrap_or_default();
            let matches = session["amount_total"].as_i64() == expected
                && currency.eq_ignore_ascii_case(attempt.currency.code());
            if matches {
                Outcome::Succeeded
            } else {
                failed(
                    failure::DECLINED,
                    "Stripe's session does not match the payment",
                )
            }
        }
        "expired" => failed(
            failure::CANCELLED,
            "The Stripe Checkout session expired unpaid",
        ),
        // `open`, or complete with a delayed payment method still settling.
        _ => Outcome::Pending,
    }
}

#[async_trait::async_trait]
impl Connector for Stripe {
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
        let form = self.session_form(attempt, urls)?;
        let req = self
            .request(reqwest::Method::POST, "/v1/checkout/sessions")
            .header("Idempotency-Key", format!("lipa_{}", attempt.id))
            .form(&form);
        let a = http::send(NAME, "create_session", req, Retry::Idempotent).await?;
        match (a.text("id"), a.text("url")) {
            (Some(reference), Some(url)) if a.ok() => Ok(Started::Action { reference, url }),
            _ => Err(ConnectorError::new(
                NAME,
                format!("session refused: {}", error_text(&a)),
            )),
        }
    }

    async fn status(&self, attempt: &Attempt) -> Result<Outcome, ConnectorError> {
        let Some(id) = attempt.connector_reference.as_deref() else {
            return Ok(Outcome::Pending);
        };
        Ok(outcome(&self.retrieve(id).await?.body, attempt))
    }

    /// Expires the Checkout Session, so the buyer cannot pay it after
    /// choosing another way (an already complete one is left alone).
    async fn cancel(&self, attempt: &Attempt) -> Result<(), ConnectorError> {
        let Some(id) = attempt.connector_reference.as_deref() else {
            return Ok(());
        };
        let path = format!("/v1/checkout/sessions/{id}/expire");
        let req = self
            .request(reqwest::Method::POST, &path)
            .header("Idempotency-Key", format!("lipa_expire_{}", attempt.id));
        let a = http::send(NAME, "expire_session", req, Retry::Idempotent).await?;
        if a.ok() || a.status == 400 {
            Ok(())
        } else {
            Err(ConnectorError::new(
                NAME,
                format!("expire failed: {}", error_text(&a)),
            ))
        }
    }

    async fn refund(
        &self,
        attempt: &Attempt,
        refund_id: &str,
        amount_minor: i64,
    ) -> Result<RefundAnswer, ConnectorError> {
        let Some(id) = attempt.connector_reference.as_deref() else {
            return Err(ConnectorError::new(
                NAME,
                "the attempt has no Checkout Session",
            ));
        };
        let Some(stripe_amount) = amount(attempt.currency, amount_minor) else {
            return Ok(RefundAnswer::Refused {
                code: "amount_invalid".into(),
                reason: format!(
                    "Stripe cannot refund {amount_minor} {} exactly",
                    attempt.currency
                ),
            });
        };
        let session = self.retrieve(id).await?;
        let Some(intent) = session.text("payment_intent") else {
            return Err(ConnectorError::new(
                NAME,
                "the Checkout Session has no payment",
            ));
        };
        let form = [
            ("payment_intent", intent),
            ("amount", stripe_amount.to_string()),
            ("metadata[lipa_refund]", refund_id.to_owned()),
        ];
        let req = self
            .request(reqwest::Method::POST, "/v1/refunds")
            .header("Idempotency-Key", format!("lipa_{refund_id}"))
            .form(&form);
        let a = http::send(NAME, "refund", req, Retry::Idempotent).await?;
        // A repeat under the same key replays the first answer: a refund
        // that was pending then is read again for its status now.
        match (refund_answer(&a), a.text("id")) {
            (RefundAnswer::Pending, Some(id)) => {
                let req = self.request(reqwest::Method::GET, &format!("/v1/refunds/{id}"));
                let now = http::send(NAME, "retrieve_refund", req, Retry::Idempotent).await?;
                Ok(refund_answer(&now))
            }
            (answer, _) => Ok(answer),
        }
    }
}

fn refund_answer(a: &Answer) -> RefundAnswer {
    if !a.ok() {
        return RefundAnswer::Refused {
            code: a.body["error"]["code"]
                .as_str()
                .unwrap_or("refund_failed")
                .to_owned(),
            reason: format!("Stripe: {}", error_text(a)),
        };
    }
    let reference = a.text("id").unwrap_or_default();
    match a.text("status").as_deref() {
        Some("succeeded") => RefundAnswer::Succeeded { reference },
        Some("failed") | Some("canceled") => RefundAnswer::Refused {
            code: "refund_failed".into(),
            reason: format!("Stripe: {}", a.text("failure_reason").unwrap_or_default()),
        },
        _ => RefundAnswer::Pending,
    }
}

/// Tries the secret key with Stripe's cheapest authenticated call.
pub async fn verify(
    client: &reqwest::Client,
    base: &str,
    creds: &Credentials,
) -> Result<(), ConnectorError> {
    let req = client
        .get(format!("{base}/v1/balance"))
        .bearer_auth(&creds.secret_key);
    let a = http::send(NAME, "balance", req, Retry::Idempotent).await?;
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

    #[test]
    fn signatures_are_checked_like_stripes_libraries() {
        let secret = "whsec_test_secret";
        let body = br#"{"id":"evt_1","type":"checkout.session.completed"}"#;
        let sign = |t: i64, key: &str| {
            let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).unwrap();
            mac.update(format!("{t}.").as_bytes());
            mac.update(body);
            hex::encode(mac.finalize().into_bytes())
        };
        let now = 1_764_590_000;
        let good = format!("t={now},v1={}", sign(now, secret));
        assert!(signature_valid(&good, body, secret, now + 10));
        let rolled = format!(
            "t={now},v1={},v1={}",
            sign(now, "whsec_old"),
            sign(now, secret)
        );
        assert!(
            signature_valid(&rolled, body, secret, now),
            "any v1 may match"
        );
        assert!(
            !signature_valid(&good, body, secret, now + 301),
            "older than 5 minutes"
        );
        assert!(!signature_valid(&good, b"{}", secret, now), "another body");
        let v0_only = format!("t={now},v0={}", sign(now, secret));
        assert!(
            !signature_valid(&v0_only, body, secret, now),
            "v0 is not a signature"
        );
        assert!(!signature_valid("garbage", body, secret, now));
    }
}
