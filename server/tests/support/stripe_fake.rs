//! A local fake of Stripe's API as Lipa uses it (Checkout Sessions,
//! Refunds, the balance as a key check) and of Stripe's hosted Checkout
//! page, following docs.stripe.com/api. It checks what Lipa sends (the
//! secret key, form fields, amounts, `expires_at` bounds, idempotency keys
//! reused only with the same parameters) and records every broken rule in
//! `violations`. Paying on its page completes the session and sends a
//! `checkout.session.completed` event signed with the endpoint's secret
//! (`Stripe-Signature`, HMAC-SHA256 over `t.body`) to the endpoint set with
//! `endpoint()`; without a socket the event is only recorded.

#![allow(dead_code)]

use axum::extract::{Form, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha256;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

pub const SECRET_KEY: &str = "sk_test_fake_51Lipa0000000000";
pub const LIVE_KEY: &str = "sk_live_fake_51Lipa0000000000";
pub const WEBHOOK_SECRET: &str = "whsec_fake_lipa_0123456789";

/// What an idempotency key says about a request.
enum Replay {
    New,
    Same(Value),
    Conflict,
}

impl Replay {
    /// The answer a repeat gets, if this is one.
    fn answer(self) -> Option<Response> {
        match self {
            Replay::New => None,
            Replay::Same(v) => Some(Json(v).into_response()),
            Replay::Conflict => Some(error(
                400,
                "idempotency_error",
                "Keys for idempotent requests can only be used with the same parameters they were first used with.",
            )),
        }
    }
}

/// An event the fake sent (or would have sent).
#[derive(Clone, Debug)]
pub struct Event {
    pub url: String,
    pub signature: String,
    pub body: String,
}

#[derive(Default)]
pub struct StripeState {
    pub sessions: HashMap<String, Value>,
    /// Idempotency key -> (parameters, answer).
    idempotent: HashMap<String, (Vec<(String, String)>, Value)>,
    pub refunds: Vec<Value>,
    pub violations: Vec<String>,
    pub events: Vec<Event>,
    endpoint: Option<(String, String)>,
    counter: u64,
    /// Where the hosted page lives (this fake's own address).
    pub page_base: String,
    /// Refunds start `pending` (as for some payment methods) until
    /// `settle_refunds`.
    pub pending_refunds: bool,
    /// The buyer pays just as Lipa expires the session (a race).
    pub pay_on_expire: bool,
}

#[derive(Clone, Default)]
pub struct StripeFake {
    pub state: Arc<Mutex<StripeState>>,
    pub deliver: bool,
}

impl StripeFake {
    pub fn new(deliver: bool, page_base: &str) -> StripeFake {
        let fake = StripeFake {
            deliver,
            ..Default::default()
        };
        fake.state.lock().unwrap().page_base = page_base.to_owned();
        fake
    }

    /// Where events go, signed with `secret` (the merchant's endpoint).
    pub fn endpoint(&self, url: &str, secret: &str) {
        self.state.lock().unwrap().endpoint = Some((url.to_owned(), secret.to_owned()));
    }

    pub fn violations(&self) -> Vec<String> {
        self.state.lock().unwrap().violations.clone()
    }

    pub fn events(&self) -> Vec<Event> {
        self.state.lock().unwrap().events.clone()
    }

    pub fn session(&self, id: &str) -> Option<Value> {
        self.state.lock().unwrap().sessions.get(id).cloned()
    }

    fn violation(&self, what: impl Into<String>) {
        self.state.lock().unwrap().violations.push(what.into());
    }

    fn next_id(&self, prefix: &str) -> String {
        let mut s = self.state.lock().unwrap();
        s.counter += 1;
        format!("{prefix}{:024}", s.counter)
    }

    fn authorized(&self, headers: &HeaderMap) -> bool {
        let auth = headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        matches!(auth.strip_prefix("Bearer "), Some(k) if k == SECRET_KEY || k == LIVE_KEY)
    }

    /// The buyer pays on the hosted page: the session completes, and the
    /// endpoint hears of it.
    pub fn pay(&self, id: &str) -> Option<String> {
        let pi = self.next_id("pi_");
        let session = {
            let mut s = self.state.lock().unwrap();
            let session = s.sessions.get_mut(id)?;
            if session["status"] != "open" {
                return None;
            }
            session["status"] = json!("complete");
            session["payment_status"] = json!("paid");
            session["payment_intent"] = json!(pi);
            session.clone()
        };
        self.send_event("checkout.session.completed", session.clone());
        session["success_url"]
            .as_str()
            .map(|u| u.replace("{CHECKOUT_SESSION_ID}", id))
    }

    /// Pending refunds succeed; Stripe says so with `charge.refunded`.
    pub fn settle_refunds(&self) {
        let settled: Vec<Value> = {
            let mut s = self.state.lock().unwrap();
            s.refunds
                .iter_mut()
                .filter(|r| r["status"] == "pending")
                .map(|r| {
                    r["status"] = json!("succeeded");
                    r.clone()
                })
                .collect()
        };
        for r in settled {
            let charge = json!({"id": self.next_id("ch_"), "object": "charge",
                "payment_intent": r["payment_intent"], "refunded": true, "amount_refunded": r["amount"]});
            self.send_event("charge.refunded", charge);
        }
    }

    /// Signs and records an event; on a socket, posts it.
    pub fn send_event(&self, kind: &str, object: Value) {
        let Some((url, secret)) = self.state.lock().unwrap().endpoint.clone() else {
            return;
        };
        let body = json!({"id": self.next_id("evt_"), "object": "event", "type": kind,
            "data": {"object": object}})
        .to_string();
        let t = chrono_now();
        let signature = format!("t={t},v1={}", sign(&secret, t, body.as_bytes()));
        let event = Event {
            url: url.clone(),
            signature: signature.clone(),
            body: body.clone(),
        };
        self.state.lock().unwrap().events.push(event);
        if self.deliver {
            tokio::spawn(async move {
                let _ = reqwest::Client::new()
                    .post(url)
                    .header("Stripe-Signature", signature)
                    .header("content-type", "application/json")
                    .body(body)
                    .send()
                    .await;
            });
        }
    }

    /// What a POST gets before it is read: 401 without the key, or the
    /// answer to an earlier request with the same idempotency key.
    fn gate(&self, headers: &HeaderMap, form: &[(String, String)]) -> Option<Response> {
        if !self.authorized(headers) {
            return Some(unauthorized());
        }
        self.replay(headers, form).answer()
    }

    /// The same parameters under the same key answer the same; other
    /// parameters are Stripe's `idempotency_error`.
    fn replay(&self, headers: &HeaderMap, form: &[(String, String)]) -> Replay {
        let Some(key) = headers.get("idempotency-key").and_then(|v| v.to_str().ok()) else {
            self.violation("a POST without an Idempotency-Key");
            return Replay::New;
        };
        let sorted = sorted(form);
        let s = self.state.lock().unwrap();
        match s.idempotent.get(key) {
            Some((params, answer)) if *params == sorted => Replay::Same(answer.clone()),
            Some(_) => Replay::Conflict,
            None => Replay::New,
        }
    }

    fn remember(&self, headers: &HeaderMap, form: &[(String, String)], answer: &Value) {
        if let Some(key) = headers.get("idempotency-key").and_then(|v| v.to_str().ok()) {
            let mut s = self.state.lock().unwrap();
            s.idempotent
                .insert(key.to_owned(), (sorted(form), answer.clone()));
        }
    }
}

/// A request's parameters in a stable order, to compare two requests.
fn sorted(form: &[(String, String)]) -> Vec<(String, String)> {
    let mut v = form.to_vec();
    v.sort();
    v
}

pub fn sign(secret: &str, t: i64, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{t}.").as_bytes());
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

fn chrono_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

fn error(status: u16, code: &str, message: &str) -> Response {
    let body =
        json!({"error": {"type": "invalid_request_error", "code": code, "message": message}});
    (StatusCode::from_u16(status).unwrap(), Json(body)).into_response()
}

fn unauthorized() -> Response {
    error(
        401,
        "invalid_api_key",
        "Invalid API Key provided: sk_test_****",
    )
}

pub fn router(fake: StripeFake) -> Router {
    Router::new()
        .route("/stripe/v1/balance", get(balance))
        .route("/stripe/v1/checkout/sessions", post(create_session))
        .route("/stripe/v1/checkout/sessions/{id}", get(retrieve_session))
        .route(
            "/stripe/v1/checkout/sessions/{id}/expire",
            post(expire_session),
        )
        .route("/stripe/v1/refunds", post(create_refund))
        .route("/stripe/v1/refunds/{id}", get(retrieve_refund))
        .route("/stripe/pay/{id}", get(hosted_page))
        .route("/stripe/pay/{id}/pay", post(hosted_pay))
        .route("/stripe/pay/{id}/cancel", post(hosted_cancel))
        .route("/stripe/_fake/endpoint", post(set_endpoint))
        .route("/stripe/_fake/violations", get(list_violations))
        .with_state(fake)
}

async fn balance(State(f): State<StripeFake>, headers: HeaderMap) -> Response {
    if !f.authorized(&headers) {
        return unauthorized();
    }
    Json(json!({"object": "balance", "available": [], "pending": [], "livemode": false}))
        .into_response()
}

fn field<'a>(form: &'a [(String, String)], name: &str) -> Option<&'a str> {
    form.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// What Stripe would refuse, in its own words.
fn session_problem(form: &[(String, String)]) -> Option<String> {
    let now = chrono_now();
    let f = |n: &str| field(form, n);
    if f("mode") != Some("payment") {
        return Some("mode must be payment".into());
    }
    for n in ["success_url", "cancel_url", "client_reference_id"] {
        if f(n).is_none_or(str::is_empty) {
            return Some(format!("Missing required param: {n}."));
        }
    }
    let currency = f("line_items[0][price_data][currency]").unwrap_or("");
    if currency.len() != 3 || currency != currency.to_ascii_lowercase() {
        return Some("line_items[0][price_data][currency] must be a lowercase ISO code".into());
    }
    let amount = f("line_items[0][price_data][unit_amount]").and_then(|a| a.parse::<i64>().ok());
    if amount.is_none_or(|a| a <= 0) {
        return Some("line_items[0][price_data][unit_amount] must be a positive integer".into());
    }
    if f("line_items[0][quantity]") != Some("1")
        || f("line_items[0][price_data][product_data][name]").is_none()
    {
        return Some("line_items[0] needs a quantity and a product name".into());
    }
    let expires = f("expires_at")
        .and_then(|e| e.parse::<i64>().ok())
        .unwrap_or(0);
    if expires < now + 30 * 60 - 60 || expires > now + 24 * 3600 + 60 {
        return Some("expires_at must be 30 minutes to 24 hours from now".into());
    }
    None
}

async fn create_session(
    State(f): State<StripeFake>,
    headers: HeaderMap,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    if let Some(answer) = f.gate(&headers, &form) {
        return answer;
    }
    if let Some(problem) = session_problem(&form) {
        f.violation(format!("checkout session: {problem}"));
        return error(400, "parameter_invalid", &problem);
    }
    let id = f.next_id("cs_test_");
    let page_base = f.state.lock().unwrap().page_base.clone();
    let get = |n: &str| field(&form, n).unwrap_or_default().to_owned();
    let session = json!({
        "id": id, "object": "checkout.session", "mode": "payment",
        "url": format!("{page_base}/stripe/pay/{id}"),
        "status": "open", "payment_status": "unpaid", "payment_intent": null,
        "amount_total": get("line_items[0][price_data][unit_amount]").parse::<i64>().unwrap_or(0),
        "currency": get("line_items[0][price_data][currency]"),
        "client_reference_id": get("client_reference_id"),
        "success_url": get("success_url"), "cancel_url": get("cancel_url"),
        "expires_at": get("expires_at").parse::<i64>().unwrap_or(0),
        "locale": get("locale"),
        "metadata": {"lipa_attempt": get("metadata[lipa_attempt]")},
    });
    f.state
        .lock()
        .unwrap()
        .sessions
        .insert(id.clone(), session.clone());
    f.remember(&headers, &form, &session);
    Json(session).into_response()
}

async fn retrieve_session(
    State(f): State<StripeFake>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    if !f.authorized(&headers) {
        return unauthorized();
    }
    match f.session(&id) {
        Some(s) => Json(s).into_response(),
        None => error(
            404,
            "resource_missing",
            &format!("No such checkout.session: '{id}'"),
        ),
    }
}

async fn expire_session(
    State(f): State<StripeFake>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    if !f.authorized(&headers) {
        return unauthorized();
    }
    if f.state.lock().unwrap().pay_on_expire {
        f.pay(&id);
    }
    let mut s = f.state.lock().unwrap();
    let Some(session) = s.sessions.get_mut(&id) else {
        return error(
            404,
            "resource_missing",
            &format!("No such checkout.session: '{id}'"),
        );
    };
    if session["status"] != "open" {
        return error(
            400,
            "checkout_session_not_open",
            "Only Checkout Sessions with a status in [\"open\"] can be expired.",
        );
    }
    session["status"] = json!("expired");
    Json(session.clone()).into_response()
}

async fn create_refund(
    State(f): State<StripeFake>,
    headers: HeaderMap,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    if let Some(answer) = f.gate(&headers, &form) {
        return answer;
    }
    let intent = field(&form, "payment_intent")
        .unwrap_or_default()
        .to_owned();
    let amount = field(&form, "amount")
        .and_then(|a| a.parse::<i64>().ok())
        .unwrap_or(0);
    let paid = {
        let s = f.state.lock().unwrap();
        let refunded: i64 = s
            .refunds
            .iter()
            .filter(|r| r["payment_intent"] == intent.as_str())
            .map(|r| r["amount"].as_i64().unwrap_or(0))
            .sum();
        s.sessions
            .values()
            .find(|x| x["payment_intent"] == intent.as_str())
            .map(|x| x["amount_total"].as_i64().unwrap_or(0) - refunded)
    };
    let Some(left) = paid else {
        f.violation(format!("refund of an unknown payment intent `{intent}`"));
        return error(
            404,
            "resource_missing",
            &format!("No such payment_intent: '{intent}'"),
        );
    };
    if amount <= 0 || amount > left {
        return error(
            400,
            "amount_too_large",
            &format!(
                "Refund amount ({amount}) is greater than unrefunded amount on charge ({left})"
            ),
        );
    }
    let status = if f.state.lock().unwrap().pending_refunds {
        "pending"
    } else {
        "succeeded"
    };
    let refund = json!({"id": f.next_id("re_"), "object": "refund", "amount": amount,
        "payment_intent": intent, "status": status});
    f.state.lock().unwrap().refunds.push(refund.clone());
    f.remember(&headers, &form, &refund);
    Json(refund).into_response()
}

async fn retrieve_refund(
    State(f): State<StripeFake>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    if !f.authorized(&headers) {
        return unauthorized();
    }
    let s = f.state.lock().unwrap();
    match s.refunds.iter().find(|r| r["id"] == id.as_str()) {
        Some(r) => Json(r.clone()).into_response(),
        None => error(404, "resource_missing", &format!("No such refund: '{id}'")),
    }
}

async fn hosted_page(State(f): State<StripeFake>, Path(id): Path<String>) -> Response {
    let Some(s) = f.session(&id) else {
        return (StatusCode::NOT_FOUND, "No such session").into_response();
    };
    let amount = s["amount_total"].as_i64().unwrap_or(0);
    let currency = s["currency"].as_str().unwrap_or("").to_ascii_uppercase();
    Html(format!(
        "<!doctype html><html lang=en><head><meta name=viewport content='width=device-width'>\
         <title>Stripe Checkout (fake)</title><link rel=icon href='data:,'></head><body><main><h1>Pay {currency} {amount} (minor units)</h1>\
         <p>Status: {status}</p>\
         <form method=post action='/stripe/pay/{id}/pay'><button>Pay</button></form>\
         <form method=post action='/stripe/pay/{id}/cancel'><button>Back</button></form></main></body></html>",
        status = s["status"].as_str().unwrap_or("")
    ))
    .into_response()
}

async fn hosted_pay(State(f): State<StripeFake>, Path(id): Path<String>) -> Response {
    match f.pay(&id) {
        Some(url) => Redirect::to(&url).into_response(),
        None => (StatusCode::CONFLICT, "This session cannot be paid").into_response(),
    }
}

async fn hosted_cancel(State(f): State<StripeFake>, Path(id): Path<String>) -> Response {
    let url = f
        .session(&id)
        .and_then(|s| s["cancel_url"].as_str().map(str::to_owned));
    match url {
        Some(url) => Redirect::to(&url).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn set_endpoint(State(f): State<StripeFake>, Json(b): Json<Value>) -> StatusCode {
    f.endpoint(
        b["url"].as_str().unwrap_or(""),
        b["secret"].as_str().unwrap_or(""),
    );
    StatusCode::NO_CONTENT
}

async fn list_violations(State(f): State<StripeFake>) -> Json<Value> {
    Json(json!(f.violations()))
}
