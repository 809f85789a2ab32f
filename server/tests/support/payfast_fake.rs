//! A local fake of PayFast as Lipa uses it, following
//! developers.payfast.co.za and PayFast's PHP SDK: the hosted checkout
//! (`POST /eng/process`, whose fields must come in PayFast's order with a
//! valid signature salted with the passphrase), its page (pay or cancel),
//! the ITN posted to `notify_url` (signed over every posted field in
//! order), the server confirmation `/eng/query/validate`, and the API
//! (`/api/ping`, `/api/process/query/{id}`, `/api/refunds/{id}`) with its
//! signed headers. Everything Lipa sends wrong is recorded.

#![allow(dead_code)]

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use md5::{Digest, Md5};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

pub const MERCHANT_ID: &str = "10000100";
pub const MERCHANT_KEY: &str = "46f0cd694581a";
pub const PASSPHRASE: &str = "jt7NOE43FZPn";

/// PayFast's order of the checkout fields Lipa may send.
const ORDER: &[&str] = &[
    "merchant_id",
    "merchant_key",
    "return_url",
    "cancel_url",
    "notify_url",
    "name_first",
    "name_last",
    "email_address",
    "cell_number",
    "m_payment_id",
    "amount",
    "item_name",
    "item_description",
    "signature",
];

#[derive(Clone, Debug)]
pub struct Itn {
    pub url: String,
    pub body: String,
}

#[derive(Default)]
pub struct PfState {
    /// By m_payment_id: the posted checkout and, once paid, its ITN fields.
    pub payments: HashMap<String, Vec<(String, String)>>,
    pub paid: HashMap<String, Vec<(String, String)>>,
    pub refunds: Vec<(String, i64)>,
    pub violations: Vec<String>,
    pub itns: Vec<Itn>,
    outbox: Vec<Itn>,
    counter: u64,
}

#[derive(Clone, Default)]
pub struct PayfastFake {
    pub state: Arc<Mutex<PfState>>,
    pub deliver: bool,
}

fn urlencode(s: &str) -> String {
    let mut out = String::new();
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

fn joined(fields: &[(String, String)], skip_empty: bool) -> String {
    fields
        .iter()
        .filter(|(k, v)| k != "signature" && !(skip_empty && v.trim().is_empty()))
        .map(|(k, v)| format!("{k}={}", urlencode(v.trim())))
        .collect::<Vec<_>>()
        .join("&")
}

fn field<'a>(f: &'a [(String, String)], name: &str) -> Option<&'a str> {
    f.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

impl PayfastFake {
    pub fn new(deliver: bool) -> PayfastFake {
        PayfastFake {
            deliver,
            ..Default::default()
        }
    }

    pub fn violations(&self) -> Vec<String> {
        self.state.lock().unwrap().violations.clone()
    }

    pub fn itns(&self) -> Vec<Itn> {
        self.state.lock().unwrap().itns.clone()
    }

    fn violation(&self, what: impl Into<String>) {
        self.state.lock().unwrap().violations.push(what.into());
    }

    /// What PayFast would refuse about a checkout form.
    fn checkout_problem(&self, f: &[(String, String)]) -> Option<String> {
        let positions: Vec<usize> = f
            .iter()
            .map(|(k, _)| ORDER.iter().position(|o| o == k).unwrap_or(usize::MAX))
            .collect();
        if positions.contains(&usize::MAX) {
            return Some(format!("unknown field among {f:?}"));
        }
        if !positions.windows(2).all(|w| w[0] < w[1]) {
            return Some("fields out of PayFast's order".into());
        }
        if field(f, "merchant_id") != Some(MERCHANT_ID)
            || field(f, "merchant_key") != Some(MERCHANT_KEY)
        {
            return Some("merchant id or key unknown".into());
        }
        let expected = md5_hex(&format!(
            "{}&passphrase={}",
            joined(f, true),
            urlencode(PASSPHRASE)
        ));
        if field(f, "signature") != Some(expected.as_str()) {
            return Some("Generated signature does not match submitted signature.".into());
        }
        let amount = field(f, "amount").unwrap_or("");
        let decimals = amount.split_once('.').map_or(0, |(_, d)| d.len());
        if amount.parse::<f64>().map_or(true, |a| a <= 0.0) || decimals != 2 {
            return Some(format!("amount `{amount}` must be rands with two decimals"));
        }
        for n in [
            "return_url",
            "cancel_url",
            "notify_url",
            "m_payment_id",
            "item_name",
        ] {
            if field(f, n).is_none_or(str::is_empty) {
                return Some(format!("{n} is required"));
            }
        }
        None
    }

    /// The buyer pays on the page: PayFast posts the ITN, then sends the
    /// buyer to `return_url`.
    pub fn pay(&self, m_payment_id: &str) -> Option<String> {
        let checkout = self
            .state
            .lock()
            .unwrap()
            .payments
            .get(m_payment_id)?
            .clone();
        let get = |n: &str| field(&checkout, n).unwrap_or("").to_owned();
        let pf_payment_id = {
            let mut s = self.state.lock().unwrap();
            s.counter += 1;
            (2_900_000 + s.counter).to_string()
        };
        let mut itn: Vec<(String, String)> = [
            ("m_payment_id", get("m_payment_id")),
            ("pf_payment_id", pf_payment_id),
            ("payment_status", "COMPLETE".to_owned()),
            ("item_name", get("item_name")),
            ("item_description", String::new()),
            ("amount_gross", get("amount")),
            ("amount_fee", "-2.30".to_owned()),
            ("amount_net", get("amount")),
            ("custom_str1", String::new()),
            ("name_first", "Test".to_owned()),
            ("name_last", "Buyer".to_owned()),
            ("email_address", "buyer@example.com".to_owned()),
            ("merchant_id", MERCHANT_ID.to_owned()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
        let sig = md5_hex(&format!(
            "{}&passphrase={}",
            joined(&itn, false),
            urlencode(PASSPHRASE)
        ));
        itn.push(("signature".to_owned(), sig));
        self.state
            .lock()
            .unwrap()
            .paid
            .insert(m_payment_id.to_owned(), itn.clone());
        self.send_itn(&get("notify_url"), &itn);
        Some(get("return_url"))
    }

    pub fn send_itn(&self, url: &str, fields: &[(String, String)]) {
        let body = fields
            .iter()
            .map(|(k, v)| format!("{k}={}", urlencode(v)))
            .collect::<Vec<_>>()
            .join("&");
        let itn = Itn {
            url: url.to_owned(),
            body,
        };
        let mut s = self.state.lock().unwrap();
        s.itns.push(itn.clone());
        if self.deliver {
            s.outbox.push(itn);
        }
    }

    /// Posts the ITNs waiting to go, before the buyer is sent back (as
    /// PayFast usually does; a buyer back first sees the page wait).
    async fn flush(&self) {
        let out = std::mem::take(&mut self.state.lock().unwrap().outbox);
        for itn in out {
            let _ = reqwest::Client::new()
                .post(itn.url)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(itn.body)
                .send()
                .await;
        }
    }

    /// Whether an API call's headers are signed as PayFast's API requires.
    fn api_signed(&self, headers: &HeaderMap, body: &[(String, String)]) -> bool {
        let h = |n: &str| {
            headers
                .get(n)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_owned()
        };
        if h("merchant-id") != MERCHANT_ID || h("version") != "v1" || h("timestamp").is_empty() {
            return false;
        }
        let mut all: Vec<(String, String)> = vec![
            ("merchant-id".into(), h("merchant-id")),
            ("version".into(), h("version")),
            ("timestamp".into(), h("timestamp")),
            ("passphrase".into(), PASSPHRASE.into()),
        ];
        all.extend(body.iter().cloned());
        all.sort();
        let s = all
            .iter()
            .map(|(k, v)| format!("{k}={}", urlencode(v)))
            .collect::<Vec<_>>()
            .join("&");
        h("signature") == md5_hex(&s)
    }
}

pub fn router(fake: PayfastFake) -> Router {
    Router::new()
        .route("/payfast/eng/process", post(process))
        .route("/payfast/pay/{id}/{outcome}", post(hosted_act))
        .route("/payfast/eng/query/validate", post(validate))
        .route("/payfast/api/ping", get(ping))
        .route("/payfast/api/process/query/{id}", get(query))
        .route("/payfast/api/refunds/{id}", post(refund))
        .route("/payfast/_fake/violations", get(list_violations))
        .with_state(fake)
}

fn pairs(body: &[u8]) -> Vec<(String, String)> {
    url::form_urlencoded::parse(body).into_owned().collect()
}

async fn process(State(f): State<PayfastFake>, body: Bytes) -> Response {
    let form = pairs(&body);
    if let Some(problem) = f.checkout_problem(&form) {
        f.violation(format!("checkout: {problem}"));
        return (StatusCode::BAD_REQUEST, Html(format!("<p>{problem}</p>"))).into_response();
    }
    let id = field(&form, "m_payment_id").unwrap_or("").to_owned();
    let amount = field(&form, "amount").unwrap_or("").to_owned();
    f.state.lock().unwrap().payments.insert(id.clone(), form);
    Html(format!(
        "<!doctype html><html lang=en><head><meta name=viewport content='width=device-width'>\
         <title>PayFast (fake)</title><link rel=icon href='data:,'></head><body><main>\
         <h1>Pay R {amount}</h1>\
         <form method=post action='/payfast/pay/{id}/pay'><button>Pay</button></form>\
         <form method=post action='/payfast/pay/{id}/cancel'><button>Cancel</button></form>\
         </main></body></html>"
    ))
    .into_response()
}

async fn hosted_act(
    State(f): State<PayfastFake>,
    Path((id, outcome)): Path<(String, String)>,
) -> Response {
    let url = if outcome == "pay" {
        f.pay(&id)
    } else {
        let s = f.state.lock().unwrap();
        s.payments
            .get(&id)
            .and_then(|p| field(p, "cancel_url").map(str::to_owned))
    };
    f.flush().await;
    match url {
        Some(url) => Redirect::to(&url).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// `VALID` only for the exact fields of an ITN this fake sent.
async fn validate(State(f): State<PayfastFake>, body: Bytes) -> &'static str {
    let sent = pairs(&body);
    let s = f.state.lock().unwrap();
    let known = s.paid.values().any(|itn| {
        let signed: Vec<_> = itn
            .iter()
            .take_while(|(k, _)| k != "signature")
            .cloned()
            .collect();
        signed == sent
    });
    if known { "VALID" } else { "INVALID" }
}

fn api_error(status: u16, message: &str) -> Response {
    let body = json!({"code": status, "status": "failed", "data": {"response": false, "message": message}});
    (StatusCode::from_u16(status).unwrap(), Json(body)).into_response()
}

async fn ping(State(f): State<PayfastFake>, headers: HeaderMap) -> Response {
    if !f.api_signed(&headers, &[]) {
        return api_error(401, "Merchant authorization failed.");
    }
    "\"Payfast API\"".into_response()
}

async fn query(
    State(f): State<PayfastFake>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    if !f.api_signed(&headers, &[]) {
        return api_error(401, "Merchant authorization failed.");
    }
    let s = f.state.lock().unwrap();
    let itn = s
        .paid
        .values()
        .find(|itn| field(itn, "pf_payment_id") == Some(id.as_str()));
    match itn {
        Some(itn) => Json(
            json!({"code": 200, "status": "success", "data": {"response": {
                "pf_payment_id": id, "m_payment_id": field(itn, "m_payment_id"),
                "status": "COMPLETE", "amount_gross": field(itn, "amount_gross"),
            }}}),
        )
        .into_response(),
        None => api_error(404, "Transaction not found"),
    }
}

async fn refund(
    State(f): State<PayfastFake>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Json(b): Json<Value>,
) -> Response {
    let body: Vec<(String, String)> = b
        .as_object()
        .map(|o| {
            o.iter()
                .map(|(k, v)| (k.clone(), v.as_str().map_or(v.to_string(), str::to_owned)))
                .collect()
        })
        .unwrap_or_default();
    if !f.api_signed(&headers, &body) {
        f.violation("refund with a bad API signature");
        return api_error(401, "Merchant authorization failed.");
    }
    let amount = field(&body, "amount")
        .and_then(|a| a.parse::<i64>().ok())
        .unwrap_or(0);
    let mut s = f.state.lock().unwrap();
    let gross = s
        .paid
        .values()
        .find(|itn| field(itn, "pf_payment_id") == Some(id.as_str()))
        .and_then(|itn| field(itn, "amount_gross").map(str::to_owned));
    let Some(gross) = gross else {
        s.violations.push(format!("refund of unknown payment {id}"));
        return api_error(404, "Transaction not found");
    };
    let cents = gross.replace('.', "").parse::<i64>().unwrap_or(0);
    let done: i64 = s
        .refunds
        .iter()
        .filter(|(p, _)| *p == id)
        .map(|(_, a)| a)
        .sum();
    if amount <= 0 || done + amount > cents {
        return api_error(400, "Refund amount exceeds the available amount");
    }
    s.refunds.push((id, amount));
    Json(
        json!({"code": 200, "status": "success", "data": {"response": true, "message": "Success"}}),
    )
    .into_response()
}

async fn list_violations(State(f): State<PayfastFake>) -> Json<Value> {
    Json(json!(f.violations()))
}
