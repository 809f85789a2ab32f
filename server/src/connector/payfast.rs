//! PayFast (South Africa, ZAR): the buyer pays on PayFast's hosted page.
//!
//! Follows PayFast's developer documentation ("Custom integration": the
//! checkout form, its field order and signature; "Instant Transaction
//! Notification": the four checks; "API": signed headers, `GET /ping`,
//! `GET /process/query/{id}`, `POST /refunds/{id}`), read 2026-12-01, with
//! the official PHP SDK (github.com/Payfast/payfast-php-sdk) for the exact
//! string each signature covers. The checkout is a form POST from the
//! buyer's browser: Lipa's tagged page (`GET` on the attempt's notify URL)
//! renders it and submits it. An ITN counts only when its signature (MD5
//! over the posted fields in order, salted with the passphrase) holds, the
//! merchant, payment id and amount are ours, and PayFast's own
//! `/eng/query/validate` answers `VALID`.

use super::http::{self, Answer, Retry};
use super::{Connector, ConnectorError, Outcome, PaymentDetails, RefundAnswer, Started, Urls};
use crate::store::attempts::Attempt;
use app::domain::Money;
use app::domain::attempt::failure;
use md5::{Digest, Md5};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::sync::Arc;
use subtle::ConstantTimeEq;

pub const NAME: &str = "payfast";
pub const SANDBOX: &str = "https://sandbox.payfast.co.za";
pub const PRODUCTION: &str = "https://www.payfast.co.za";
/// The API host, for both (the sandbox adds `testing=true`).
pub const API: &str = "https://api.payfast.co.za";

#[derive(Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = PayfastCredentials)]
#[serde(deny_unknown_fields)]
pub struct Credentials {
    /// The merchant id from PayFast's dashboard (digits).
    #[schema(pattern = "^[0-9]+$")]
    pub merchant_id: String,
    pub merchant_key: String,
    /// The salt passphrase set in PayFast's settings; required, since
    /// PayFast's API and Lipa's ITN checks need it.
    pub passphrase: String,
}

impl Credentials {
    pub fn settings(&self) -> Value {
        json!({ "merchant_id": self.merchant_id })
    }

    pub fn problem(&self) -> Option<(&'static str, &'static str)> {
        if self.merchant_id.is_empty() || !self.merchant_id.bytes().all(|b| b.is_ascii_digit()) {
            return Some(("merchant_id", "must be PayFast's merchant id (digits)"));
        }
        if self.merchant_key.trim().len() < 8 {
            return Some(("merchant_key", "must be PayFast's merchant key"));
        }
        if self.passphrase.trim().is_empty() {
            return Some((
                "passphrase",
                "must be the passphrase set in PayFast's settings (Lipa needs one to sign and check)",
            ));
        }
        None
    }
}

/// PHP's `urlencode`, which PayFast's signatures are made with: letters,
/// digits and `-_.` stay, a space is `+`, everything else `%XX` (upper
/// case).
pub fn urlencode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn md5_hex(s: &str) -> String {
    hex::encode(Md5::digest(s.as_bytes()))
}

/// `k=v&…` of the non-empty fields in the given order.
pub fn param_string(fields: &[(String, String)]) -> String {
    fields
        .iter()
        .filter(|(k, v)| k != "signature" && !v.trim().is_empty())
        .map(|(k, v)| format!("{k}={}", urlencode(v.trim())))
        .collect::<Vec<_>>()
        .join("&")
}

/// The checkout form's signature: MD5 of the fields in PayFast's order,
/// then the passphrase.
pub fn sign(fields: &[(String, String)], passphrase: &str) -> String {
    let salted = format!(
        "{}&passphrase={}",
        param_string(fields),
        urlencode(passphrase.trim())
    );
    md5_hex(&salted)
}

/// An API call's signature: every header and body value and the
/// passphrase, sorted by name.
pub fn api_signature(values: &[(&str, String)], passphrase: &str) -> String {
    let mut all: Vec<(&str, String)> = values.to_vec();
    all.push(("passphrase", passphrase.to_owned()));
    all.sort_by(|a, b| a.0.cmp(b.0));
    let s = all
        .iter()
        .map(|(k, v)| format!("{k}={}", urlencode(v)))
        .collect::<Vec<_>>()
        .join("&");
    md5_hex(&s)
}

/// `99.00` for 9900 cents.
fn rands(minor: i64) -> String {
    format!("{}.{:02}", minor / 100, minor % 100)
}

/// What an ITN says, once checked.
#[derive(Debug, PartialEq, Eq)]
pub enum Notice {
    Paid {
        pf_payment_id: String,
    },
    Cancelled,
    /// Anything else PayFast may say (treated as no news).
    Other,
}

/// Why an ITN is not believed.
#[derive(Debug, PartialEq, Eq)]
pub enum Rejected {
    Signature,
    NotOurs,
    Amount,
}

/// The fields an ITN signs: everything posted before `signature`, empty
/// ones too, in the order PayFast posted them (as PayFast's SDK checks).
pub fn itn_string(fields: &[(String, String)]) -> String {
    fields
        .iter()
        .take_while(|(k, _)| k != "signature")
        .map(|(k, v)| format!("{k}={}", urlencode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// An ITN's signature: [`itn_string`] salted with the passphrase.
pub fn itn_signature(fields: &[(String, String)], passphrase: &str) -> String {
    md5_hex(&format!(
        "{}&passphrase={}",
        itn_string(fields),
        urlencode(passphrase.trim())
    ))
}

/// The first three ITN checks, which need no network: the signature, the
/// merchant and payment id, the amount (to the cent; never a float).
pub fn check_itn(
    fields: &[(String, String)],
    creds: &Credentials,
    attempt: &Attempt,
) -> Result<Notice, Rejected> {
    let get = |n: &str| fields.iter().find(|(k, _)| k == n).map(|(_, v)| v.as_str());
    let expected = itn_signature(fields, &creds.passphrase);
    let given = get("signature").unwrap_or_default();
    if !bool::from(expected.as_bytes().ct_eq(given.as_bytes())) {
        return Err(Rejected::Signature);
    }
    if get("merchant_id") != Some(creds.merchant_id.as_str())
        || get("m_payment_id") != Some(attempt.id.as_str())
    {
        return Err(Rejected::NotOurs);
    }
    let gross = get("amount_gross").and_then(|a| Money::from_major(a, attempt.currency));
    if gross.map(|m| m.minor) != Some(attempt.amount) {
        return Err(Rejected::Amount);
    }
    Ok(match get("payment_status") {
        Some("COMPLETE") => Notice::Paid {
            pf_payment_id: get("pf_payment_id").unwrap_or_default().to_owned(),
        },
        Some("CANCELLED") => Notice::Cancelled,
        _ => Notice::Other,
    })
}

pub struct Payfast {
    pub creds: Credentials,
    /// The process host (sandbox or www, or the operator's).
    pub base: String,
    pub api: String,
    pub sandbox: bool,
    pub shared: Arc<super::accounts::Shared>,
}

impl Payfast {
    /// The checkout form's fields, in PayFast's order, signed.
    pub fn form(
        &self,
        attempt: &Attempt,
        return_url: &str,
        notify_url: &str,
    ) -> Vec<(String, String)> {
        let mut fields: Vec<(String, String)> = [
            ("merchant_id", self.creds.merchant_id.clone()),
            ("merchant_key", self.creds.merchant_key.clone()),
            ("return_url", return_url.to_owned()),
            ("cancel_url", return_url.to_owned()),
            ("notify_url", notify_url.to_owned()),
            ("m_payment_id", attempt.id.clone()),
            ("amount", rands(attempt.amount)),
            ("item_name", format!("Order {}", attempt.session_id)),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
        let signature = sign(&fields, &self.creds.passphrase);
        fields.push(("signature".to_owned(), signature));
        fields
    }

    /// Where the form goes.
    pub fn process_url(&self) -> String {
        format!("{}/eng/process", self.base)
    }

    /// PayFast's server confirmation of an ITN: the posted fields (up to
    /// the signature) sent back to `/eng/query/validate`.
    pub async fn confirmed(&self, fields: &[(String, String)]) -> Result<bool, ConnectorError> {
        let body = itn_string(fields);
        let req = self
            .shared
            .http
            .post(format!("{}/eng/query/validate", self.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body);
        let a = http::send(NAME, "validate", req, Retry::Idempotent).await?;
        Ok(a.ok() && a.body.as_str().map(str::trim) == Some("VALID"))
    }

    fn api_request(
        &self,
        method: reqwest::Method,
        path: &str,
        body: &[(&str, String)],
    ) -> reqwest::RequestBuilder {
        api_request(
            &self.shared.http,
            &self.api,
            self.sandbox,
            &self.creds,
            method,
            path,
            body,
        )
    }
}

fn api_request(
    client: &reqwest::Client,
    api: &str,
    sandbox: bool,
    creds: &Credentials,
    method: reqwest::Method,
    path: &str,
    body: &[(&str, String)],
) -> reqwest::RequestBuilder {
    let timestamp = time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    let mut values = vec![
        ("merchant-id", creds.merchant_id.clone()),
        ("version", "v1".to_owned()),
        ("timestamp", timestamp.clone()),
    ];
    values.extend(body.iter().cloned());
    let signature = api_signature(&values, &creds.passphrase);
    let url = format!("{api}{path}{}", if sandbox { "?testing=true" } else { "" });
    let mut req = client
        .request(method, url)
        .header("merchant-id", &creds.merchant_id)
        .header("version", "v1")
        .header("timestamp", timestamp)
        .header("signature", signature);
    if !body.is_empty() {
        let map: serde_json::Map<String, Value> = body
            .iter()
            .map(|(k, v)| {
                // Whole numbers (the amount in cents, flags) go as numbers.
                let value = v.parse::<i64>().map_or_else(|_| json!(v), |n| json!(n));
                ((*k).to_owned(), value)
            })
            .collect();
        req = req.json(&map);
    }
    req
}

fn error_text(a: &Answer) -> String {
    a.body["data"]["message"]
        .as_str()
        .or(a.body["message"].as_str())
        .map(str::to_owned)
        .unwrap_or_else(|| format!("HTTP {}", a.status))
}

#[async_trait::async_trait]
impl Connector for Payfast {
    fn name(&self) -> &'static str {
        NAME
    }

    /// Nothing to call yet: the buyer's browser posts the signed form from
    /// Lipa's page at the attempt's notify URL.
    async fn start(
        &self,
        attempt: &Attempt,
        details: PaymentDetails<'_>,
        urls: &Urls,
    ) -> Result<Started, ConnectorError> {
        details.redirect(NAME)?;
        if attempt.currency.code() != "ZAR" {
            return Err(ConnectorError::new(NAME, "PayFast takes rand only"));
        }
        Ok(Started::Action {
            reference: attempt.id.clone(),
            url: urls.callback_url.clone(),
        })
    }

    /// A checked ITN's answer; otherwise, once PayFast's payment id is
    /// known, PayFast's transaction query.
    async fn status(&self, attempt: &Attempt) -> Result<Outcome, ConnectorError> {
        if let Some(answer) = self.shared.answer(&attempt.id) {
            return Ok(answer);
        }
        let Some(pf_id) = attempt
            .connector_reference
            .as_deref()
            .filter(|r| *r != attempt.id)
        else {
            return Ok(Outcome::Pending);
        };
        let req = self.api_request(
            reqwest::Method::GET,
            &format!("/process/query/{pf_id}"),
            &[],
        );
        let a = http::send(NAME, "query", req, Retry::Idempotent).await?;
        if !a.ok() {
            return Err(ConnectorError::new(
                NAME,
                format!("query failed: {}", error_text(&a)),
            ));
        }
        let r = &a.body["data"]["response"];
        let paid = r["amount_gross"]
            .as_str()
            .and_then(|g| Money::from_major(g, attempt.currency))
            .map(|m| m.minor);
        Ok(match r["status"].as_str() {
            Some("COMPLETE") if paid == Some(attempt.amount) => Outcome::Succeeded,
            Some("COMPLETE") => {
                super::failed(failure::DECLINED, "PayFast's payment does not match")
            }
            Some("CANCELLED") => super::failed(failure::CANCELLED, "Cancelled on PayFast's page"),
            _ => Outcome::Pending,
        })
    }

    /// A PayFast checkout cannot be withdrawn; a late ITN is checked like
    /// any other.
    async fn cancel(&self, _attempt: &Attempt) -> Result<(), ConnectorError> {
        Ok(())
    }

    async fn refund(
        &self,
        attempt: &Attempt,
        refund_id: &str,
        amount: i64,
    ) -> Result<RefundAnswer, ConnectorError> {
        let Some(pf_id) = attempt
            .connector_reference
            .as_deref()
            .filter(|r| *r != attempt.id)
        else {
            return Err(ConnectorError::new(NAME, "no PayFast payment id"));
        };
        let body = [
            ("amount", amount.to_string()),
            ("reason", format!("Lipa refund {refund_id}")),
            ("notify_buyer", "1".to_owned()),
        ];
        let req = self.api_request(reqwest::Method::POST, &format!("/refunds/{pf_id}"), &body);
        let a = http::send(NAME, "refund", req, Retry::Never).await?;
        if a.ok() && a.body["data"]["response"] == json!(true) {
            Ok(RefundAnswer::Succeeded {
                reference: format!("{pf_id}/{refund_id}"),
            })
        } else {
            Ok(RefundAnswer::Refused {
                code: "refund_failed".into(),
                reason: format!("PayFast: {}", error_text(&a)),
            })
        }
    }
}

/// Tries the merchant id and passphrase with PayFast's `GET /ping`.
pub async fn verify(
    client: &reqwest::Client,
    api: &str,
    sandbox: bool,
    creds: &Credentials,
) -> Result<(), ConnectorError> {
    let req = api_request(
        client,
        api,
        sandbox,
        creds,
        reqwest::Method::GET,
        "/ping",
        &[],
    );
    let a = http::send(NAME, "ping", req, Retry::Idempotent).await?;
    if a.ok() {
        Ok(())
    } else {
        Err(ConnectorError::new(
            NAME,
            format!("credentials refused: {}", error_text(&a)),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn urlencode_is_phps() {
        assert_eq!(urlencode("a b*c~d-_.é"), "a+b%2Ac%7Ed-_.%C3%A9");
        assert_eq!(
            urlencode("https://x.example/c?a=1"),
            "https%3A%2F%2Fx.example%2Fc%3Fa%3D1"
        );
    }

    #[test]
    fn the_form_signature_covers_non_empty_fields_in_order_and_the_passphrase() {
        let f = pairs(&[
            ("merchant_id", "10000100"),
            ("merchant_key", "46f0cd694581a"),
            ("name_first", ""),
            ("amount", "5.00"),
            ("item_name", "Order #123"),
        ]);
        let expected = md5_hex(
            "merchant_id=10000100&merchant_key=46f0cd694581a&amount=5.00&item_name=Order+%23123&passphrase=jt7NOE43FZPn",
        );
        assert_eq!(sign(&f, "jt7NOE43FZPn"), expected);
        let mut reordered = f.clone();
        reordered.swap(0, 1);
        assert_ne!(sign(&reordered, "jt7NOE43FZPn"), expected, "order matters");
        assert_eq!(rands(9_900), "99.00");
    }

    #[test]
    fn api_signatures_sort_every_value_with_the_passphrase() {
        let v = [
            ("version", "v1".to_owned()),
            ("merchant-id", "10000100".to_owned()),
            ("timestamp", "2026-12-01T10:00:00Z".to_owned()),
        ];
        let expected = md5_hex(
            "merchant-id=10000100&passphrase=secret&timestamp=2026-12-01T10%3A00%3A00Z&version=v1",
        );
        assert_eq!(api_signature(&v, "secret"), expected);
    }
}
