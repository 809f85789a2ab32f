//! A local fake of Flutterwave's v3 API as Lipa uses it (Standard
//! payments, verify by id and by reference, refunds, balances as a key
//! check) and of its hosted payment page, following
//! developer.flutterwave.com. It checks what Lipa sends (the secret key,
//! `tx_ref` used once, amounts as exact decimals, the redirect URL,
//! `session_duration` within a day) and records every broken rule. On its
//! page the buyer pays, is declined or cancels; a payment sends a
//! `charge.completed` webhook carrying the secret hash as `verif-hash`,
//! and the buyer goes back to `redirect_url` with `status`, `tx_ref` and
//! `transaction_id`, as Flutterwave does.

#![allow(dead_code)]

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

pub const TEST_KEY: &str = "FLWSECK_TEST-fake0000lipa0000-X";
pub const LIVE_KEY: &str = "FLWSECK-fake0000lipa0000live-X";
pub const SECRET_HASH: &str = "lipa-fake-secret-hash";

#[derive(Clone, Debug)]
pub struct Hook {
    pub url: String,
    pub hash: String,
    pub body: String,
}

#[derive(Default)]
pub struct FlwState {
    /// By tx_ref: the payment as created, and its transaction once the
    /// buyer acted.
    pub payments: HashMap<String, Value>,
    pub transactions: HashMap<i64, Value>,
    pub refunds: Vec<Value>,
    pub violations: Vec<String>,
    pub hooks: Vec<Hook>,
    endpoint: Option<String>,
    counter: i64,
    pub page_base: String,
}

#[derive(Clone, Default)]
pub struct FlutterwaveFake {
    pub state: Arc<Mutex<FlwState>>,
    pub deliver: bool,
}

impl FlutterwaveFake {
    pub fn new(deliver: bool, page_base: &str) -> FlutterwaveFake {
        let fake = FlutterwaveFake {
            deliver,
            ..Default::default()
        };
        fake.state.lock().unwrap().page_base = page_base.to_owned();
        fake
    }

    pub fn endpoint(&self, url: &str) {
        self.state.lock().unwrap().endpoint = Some(url.to_owned());
    }

    pub fn violations(&self) -> Vec<String> {
        self.state.lock().unwrap().violations.clone()
    }

    pub fn hooks(&self) -> Vec<Hook> {
        self.state.lock().unwrap().hooks.clone()
    }

    pub fn payment(&self, tx_ref: &str) -> Option<Value> {
        self.state.lock().unwrap().payments.get(tx_ref).cloned()
    }

    fn violation(&self, what: impl Into<String>) {
        self.state.lock().unwrap().violations.push(what.into());
    }

    fn authorized(&self, headers: &HeaderMap) -> bool {
        let auth = headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        matches!(auth.strip_prefix("Bearer "), Some(k) if k == TEST_KEY || k == LIVE_KEY)
    }

    /// The buyer acts on the hosted page: `successful`, `failed` or
    /// `cancelled`. Returns where Flutterwave sends the buyer.
    pub fn act(&self, tx_ref: &str, status: &str) -> Option<String> {
        let (redirect, tx) = {
            let mut s = self.state.lock().unwrap();
            let p = s.payments.get(tx_ref)?.clone();
            if p["transaction_id"].is_i64() {
                return None;
            }
            let redirect = p["redirect_url"].as_str()?.to_owned();
            if status == "cancelled" {
                let sep = if redirect.contains('?') { '&' } else { '?' };
                return Some(format!("{redirect}{sep}status=cancelled&tx_ref={tx_ref}"));
            }
            s.counter += 1;
            let id = 4_000_000 + s.counter;
            let tx = json!({
                "id": id, "tx_ref": tx_ref, "flw_ref": format!("FLW-MOCK-{id}"),
                "amount": p["amount"], "currency": p["currency"], "charged_amount": p["amount"],
                "status": status, "payment_type": p["payment_options"],
                "processor_response": if status == "successful" { "Approved" } else { "Insufficient funds" },
            });
            s.transactions.insert(id, tx.clone());
            s.payments.get_mut(tx_ref)?["transaction_id"] = json!(id);
            (redirect, tx)
        };
        self.send_hook(json!({"event": "charge.completed", "data": tx}));
        let sep = if redirect.contains('?') { '&' } else { '?' };
        Some(format!(
            "{redirect}{sep}status={status}&tx_ref={tx_ref}&transaction_id={}",
            tx["id"]
        ))
    }

    pub fn send_hook(&self, body: Value) {
        let Some(url) = self.state.lock().unwrap().endpoint.clone() else {
            return;
        };
        let hook = Hook {
            url: url.clone(),
            hash: SECRET_HASH.to_owned(),
            body: body.to_string(),
        };
        self.state.lock().unwrap().hooks.push(hook.clone());
        if self.deliver {
            tokio::spawn(async move {
                let _ = reqwest::Client::new()
                    .post(hook.url)
                    .header("verif-hash", hook.hash)
                    .header("content-type", "application/json")
                    .body(hook.body)
                    .send()
                    .await;
            });
        }
    }
}

fn error(status: u16, message: &str) -> Response {
    let body = json!({"status": "error", "message": message, "data": null});
    (StatusCode::from_u16(status).unwrap(), Json(body)).into_response()
}

fn unauthorized() -> Response {
    error(401, "Invalid authorization key")
}

pub fn router(fake: FlutterwaveFake) -> Router {
    Router::new()
        .route("/flutterwave/v3/balances", get(balances))
        .route("/flutterwave/v3/payments", post(create_payment))
        .route(
            "/flutterwave/v3/transactions/verify_by_reference",
            get(verify_by_reference),
        )
        .route("/flutterwave/v3/transactions/{id}/verify", get(verify))
        .route("/flutterwave/v3/transactions/{id}/refund", post(refund))
        .route("/flutterwave/pay/{tx_ref}", get(hosted_page))
        .route("/flutterwave/pay/{tx_ref}/{outcome}", post(hosted_act))
        .route("/flutterwave/_fake/endpoint", post(set_endpoint))
        .route("/flutterwave/_fake/violations", get(list_violations))
        .with_state(fake)
}

async fn balances(State(f): State<FlutterwaveFake>, headers: HeaderMap) -> Response {
    if !f.authorized(&headers) {
        return unauthorized();
    }
    Json(json!({"status": "success", "message": "Wallet balances fetched", "data": []}))
        .into_response()
}

/// An amount as Flutterwave reads it: a positive JSON number, with at most
/// two decimals.
fn amount_ok(v: &Value) -> bool {
    let Value::Number(n) = v else { return false };
    let text = n.to_string();
    let decimals = text.split_once('.').map_or(0, |(_, d)| d.len());
    n.as_f64().is_some_and(|a| a > 0.0) && decimals <= 2
}

fn payment_problem(b: &Value) -> Option<String> {
    if b["tx_ref"].as_str().is_none_or(str::is_empty) {
        return Some("tx_ref is required".into());
    }
    if !amount_ok(&b["amount"]) {
        return Some(format!(
            "amount must be a positive number, got {}",
            b["amount"]
        ));
    }
    if b["currency"].as_str().is_none_or(|c| c.len() != 3) {
        return Some("currency must be an ISO code".into());
    }
    if b["redirect_url"]
        .as_str()
        .is_none_or(|u| !u.starts_with("http"))
    {
        return Some("redirect_url must be a URL".into());
    }
    if b["customer"]["email"]
        .as_str()
        .is_none_or(|e| !e.contains('@'))
    {
        return Some("customer.email is required".into());
    }
    let minutes = b["session_duration"].as_i64().unwrap_or(0);
    if !(1..=1440).contains(&minutes) {
        return Some("session_duration must be 1 to 1440 minutes".into());
    }
    None
}

async fn create_payment(
    State(f): State<FlutterwaveFake>,
    headers: HeaderMap,
    Json(b): Json<Value>,
) -> Response {
    if !f.authorized(&headers) {
        return unauthorized();
    }
    if let Some(problem) = payment_problem(&b) {
        f.violation(format!("payment: {problem}"));
        return error(400, &problem);
    }
    let tx_ref = b["tx_ref"].as_str().unwrap().to_owned();
    let mut s = f.state.lock().unwrap();
    if s.payments.contains_key(&tx_ref) {
        s.violations.push(format!("tx_ref `{tx_ref}` used twice"));
        return error(400, "Duplicate transaction reference");
    }
    let link = format!("{}/flutterwave/pay/{tx_ref}", s.page_base);
    s.payments.insert(tx_ref, b);
    Json(json!({"status": "success", "message": "Hosted Link", "data": {"link": link}}))
        .into_response()
}

fn fetched(tx: &Value) -> Response {
    Json(json!({"status": "success", "message": "Transaction fetched successfully", "data": tx}))
        .into_response()
}

async fn verify(
    State(f): State<FlutterwaveFake>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    if !f.authorized(&headers) {
        return unauthorized();
    }
    let tx = id
        .parse::<i64>()
        .ok()
        .and_then(|id| f.state.lock().unwrap().transactions.get(&id).cloned());
    match tx {
        Some(tx) => fetched(&tx),
        None => error(400, "No transaction was found for this id"),
    }
}

async fn verify_by_reference(
    State(f): State<FlutterwaveFake>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    if !f.authorized(&headers) {
        return unauthorized();
    }
    let tx_ref = q.get("tx_ref").cloned().unwrap_or_default();
    let s = f.state.lock().unwrap();
    let tx = s
        .transactions
        .values()
        .find(|t| t["tx_ref"] == tx_ref.as_str());
    match tx {
        Some(tx) => fetched(tx),
        None => error(400, "No transaction was found for this id"),
    }
}

async fn refund(
    State(f): State<FlutterwaveFake>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Json(b): Json<Value>,
) -> Response {
    if !f.authorized(&headers) {
        return unauthorized();
    }
    let mut s = f.state.lock().unwrap();
    let Some(tx) = s.transactions.get(&id).cloned() else {
        s.violations
            .push(format!("refund of an unknown transaction {id}"));
        return error(400, "No transaction was found for this id");
    };
    if tx["status"] != "successful" || !amount_ok(&b["amount"]) {
        s.violations.push(format!("refund: {b} for {tx}"));
        return error(400, "Refund cannot be processed");
    }
    let cents = |v: &Value| (v.as_f64().unwrap_or(0.0) * 100.0).round() as i64;
    let done: i64 = s
        .refunds
        .iter()
        .filter(|r| r["tx_id"] == id)
        .map(|r| cents(&r["amount_refunded"]))
        .sum();
    if done + cents(&b["amount"]) > cents(&tx["amount"]) {
        return error(400, "Refund amount exceeds the transaction amount");
    }
    s.counter += 1;
    let refund = json!({"id": 75_000 + s.counter, "tx_id": id, "amount_refunded": b["amount"],
        "status": "completed", "comments": b["comments"], "destination": "payment_source"});
    s.refunds.push(refund.clone());
    Json(json!({"status": "success", "message": "Transaction refund initiated", "data": refund}))
        .into_response()
}

async fn hosted_page(State(f): State<FlutterwaveFake>, Path(tx_ref): Path<String>) -> Response {
    let Some(p) = f.payment(&tx_ref) else {
        return (StatusCode::NOT_FOUND, "No such payment").into_response();
    };
    Html(format!(
        "<!doctype html><html lang=en><head><meta name=viewport content='width=device-width'>\
         <title>Flutterwave Checkout (fake)</title><link rel=icon href='data:,'></head><body><main>\
         <h1>Pay {currency} {amount}</h1><p>Options: {options}</p>\
         <form method=post action='/flutterwave/pay/{tx_ref}/successful'><button>Pay</button></form>\
         <form method=post action='/flutterwave/pay/{tx_ref}/failed'><button>Decline</button></form>\
         <form method=post action='/flutterwave/pay/{tx_ref}/cancelled'><button>Cancel</button></form>\
         </main></body></html>",
        currency = p["currency"].as_str().unwrap_or(""),
        amount = p["amount"],
        options = p["payment_options"].as_str().unwrap_or(""),
    ))
    .into_response()
}

async fn hosted_act(
    State(f): State<FlutterwaveFake>,
    Path((tx_ref, outcome)): Path<(String, String)>,
) -> Response {
    match f.act(&tx_ref, &outcome) {
        Some(url) => Redirect::to(&url).into_response(),
        None => (StatusCode::CONFLICT, "This payment cannot be changed").into_response(),
    }
}

async fn set_endpoint(State(f): State<FlutterwaveFake>, Json(b): Json<Value>) -> StatusCode {
    f.endpoint(b["url"].as_str().unwrap_or(""));
    StatusCode::NO_CONTENT
}

async fn list_violations(State(f): State<FlutterwaveFake>) -> Json<Value> {
    Json(json!(f.violations()))
}
