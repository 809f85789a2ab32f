//! Local fakes of the three mobile-money providers, each implementing the
//! documented requests and answers and checking what Lipa sends (field
//! names and formats, auth headers, the Daraja password, the Vodacom
//! bearer's RSA encryption, amounts). One server serves all three under
//! `/daraja`, `/vodacom` and `/momo`; outcomes are scripted per phone
//! number. Every broken rule is recorded in `violations`, which tests
//! assert empty. Used by the API tests (in-process), the process tests and,
//! through `examples/fake_providers.rs`, by Playwright.

#![allow(dead_code)]

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use rsa::pkcs8::EncodePublicKey;
use rsa::{Pkcs1v15Encrypt, RsaPrivateKey};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const DARAJA_KEY: &str = "fake_consumer_key";
pub const DARAJA_SECRET: &str = "fake_consumer_secret_9f8e7d";
pub const DARAJA_PASSKEY: &str = "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919";
pub const DARAJA_SHORTCODE: &str = "174379";
pub const VODACOM_API_KEY: &str = "fake_vodacom_api_key_6c5b4a";
pub const VODACOM_SP_CODE: &str = "171717";
pub const MOMO_USER: &str = "8a1d6f3e-2b4c-4d5e-9f60-718293a4b5c6";
pub const MOMO_API_KEY: &str = "fake_momo_api_key_3e2d1c";
pub const MOMO_SUBSCRIPTION: &str = "fake_momo_subscription_0a9b8c";

/// How the provider answers for one phone number.
#[derive(Clone, Debug)]
pub struct Script {
    /// Daraja `ResultCode`, Vodacom `output_ResponseCode`, MoMo `SUCCESSFUL`
    /// or a failure reason.
    pub result: String,
    /// How long the buyer takes to answer.
    pub delay: Duration,
    /// Whether the provider posts its callback (Daraja, MoMo).
    pub callback: bool,
    /// The payment request itself fails with HTTP 500.
    pub start_500: bool,
    /// The first status queries fail with HTTP 500.
    pub query_500s: u32,
}

impl Script {
    pub fn ok(result: &str) -> Script {
        Script {
            result: result.into(),
            delay: Duration::from_millis(300),
            callback: true,
            start_500: false,
            query_500s: 0,
        }
    }
}

/// A callback the fake sent (or, without a network, would have sent).
#[derive(Clone, Debug)]
pub struct Callback {
    pub url: String,
    pub method: &'static str,
    pub body: Value,
}

/// One payment request the fake took.
#[derive(Clone, Debug)]
struct Txn {
    script: Script,
    started: Instant,
    amount: String,
    callback_url: Option<String>,
    body: Value,
}

#[derive(Default)]
pub struct FakeState {
    pub scripts: HashMap<String, Script>,
    txns: HashMap<String, Txn>,
    pub violations: Vec<String>,
    pub callbacks: Vec<Callback>,
    pub pushes: usize,
    pub reversals: Vec<Value>,
    tokens: Vec<String>,
    counter: u64,
    /// Payouts (MoMo transfers, Daraja B2C payments) by reference.
    pub(super) transfers: HashMap<String, super::payout_fakes::Transfer>,
}

#[derive(Clone)]
pub struct Fake {
    pub state: Arc<Mutex<FakeState>>,
    pub vodacom_private: Arc<RsaPrivateKey>,
    /// Post callbacks for real (a server on a socket); otherwise only
    /// record them for the test to deliver.
    pub deliver: bool,
}

impl Fake {
    pub fn new(deliver: bool) -> Fake {
        let key = RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 2048).expect("an RSA key");
        Fake {
            state: Arc::default(),
            vodacom_private: Arc::new(key),
            deliver,
        }
    }

    /// The portal's public key as merchants paste it: base64 DER.
    pub fn vodacom_public_key(&self) -> String {
        let der = self
            .vodacom_private
            .to_public_key()
            .to_public_key_der()
            .unwrap();
        B64.encode(der.as_bytes())
    }

    pub fn script(&self, phone: &str, s: Script) {
        self.state
            .lock()
            .unwrap()
            .scripts
            .insert(phone.to_owned(), s);
    }

    pub fn violations(&self) -> Vec<String> {
        self.state.lock().unwrap().violations.clone()
    }

    pub fn callbacks(&self) -> Vec<Callback> {
        self.state.lock().unwrap().callbacks.clone()
    }

    pub fn pushes(&self) -> usize {
        self.state.lock().unwrap().pushes
    }

    fn violation(&self, what: String) {
        self.state.lock().unwrap().violations.push(what);
    }

    pub(super) fn check(&self, ok: bool, what: &str) {
        if !ok {
            self.violation(what.to_owned());
        }
    }

    pub(super) fn next_id(&self, prefix: &str) -> String {
        let mut s = self.state.lock().unwrap();
        s.counter += 1;
        format!("{prefix}{:06}", s.counter)
    }

    pub(super) fn script_for(&self, phone: &str) -> Script {
        let s = self.state.lock().unwrap();
        s.scripts.get(phone).cloned().unwrap_or_else(|| {
            let default = match phone.get(..3) {
                Some("254") => "0",
                Some("258") => "INS-0",
                _ => "SUCCESSFUL",
            };
            Script::ok(default)
        })
    }

    pub(super) fn issue_token(&self) -> String {
        let t = self.next_id("tok_");
        self.state.lock().unwrap().tokens.push(t.clone());
        t
    }

    pub(super) fn bearer_ok(&self, headers: &HeaderMap) -> bool {
        let auth = header(headers, "authorization");
        let token = auth.strip_prefix("Bearer ").unwrap_or("");
        self.state.lock().unwrap().tokens.iter().any(|t| t == token)
    }

    /// Records a callback and, on a socket, sends it after the buyer's delay.
    pub(super) fn call_back(
        &self,
        url: String,
        method: &'static str,
        body: Value,
        delay: Duration,
    ) {
        let cb = Callback {
            url: url.clone(),
            method,
            body: body.clone(),
        };
        self.state.lock().unwrap().callbacks.push(cb);
        if !self.deliver {
            return;
        }
        tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            let client = reqwest::Client::new();
            let req = if method == "PUT" {
                client.put(&url)
            } else {
                client.post(&url)
            };
            let _ = req.json(&body).send().await;
        });
    }

    fn txn(&self, id: &str) -> Option<Txn> {
        self.state.lock().unwrap().txns.get(id).cloned()
    }

    fn take_query_500(&self, id: &str) -> bool {
        let mut s = self.state.lock().unwrap();
        match s.txns.get_mut(id) {
            Some(t) if t.script.query_500s > 0 => {
                t.script.query_500s -= 1;
                true
            }
            _ => false,
        }
    }

    fn record(&self, id: &str, txn: Txn) {
        let mut s = self.state.lock().unwrap();
        s.pushes += 1;
        s.txns.insert(id.to_owned(), txn);
    }
}

pub(super) fn header<'a>(h: &'a HeaderMap, name: &str) -> &'a str {
    h.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
}

pub(super) fn basic(user: &str, pass: &str) -> String {
    format!("Basic {}", B64.encode(format!("{user}:{pass}")))
}

fn digits(v: &Value, len: usize, prefix: &str) -> bool {
    let s = match v {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        _ => return false,
    };
    s.len() == len && s.starts_with(prefix) && s.bytes().all(|b| b.is_ascii_digit())
}

/// A decimal string with at most `places` decimals and no sign.
pub(super) fn decimal(v: &Value, places: usize) -> bool {
    let Some(s) = v.as_str() else { return false };
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && frac.len() <= places
        && frac.bytes().all(|b| b.is_ascii_digit())
        && (s.contains('.') != frac.is_empty())
}

pub fn router(fake: Fake) -> Router {
    Router::new()
        .route("/daraja/oauth/v1/generate", get(daraja_token))
        .route("/daraja/mpesa/stkpush/v1/processrequest", post(daraja_push))
        .route("/daraja/mpesa/stkpushquery/v1/query", post(daraja_query))
        .route(
            "/vodacom/ipg/v1x/c2bPayment/singleStage/",
            post(vodacom_c2b),
        )
        .route(
            "/vodacom/ipg/v1x/queryTransactionStatus/",
            get(vodacom_query),
        )
        .route("/vodacom/ipg/v1x/reversal/", put(vodacom_reversal))
        .route("/momo/collection/token/", post(momo_token))
        .route("/momo/collection/v1_0/requesttopay", post(momo_request))
        .route("/momo/collection/v1_0/requesttopay/{id}", get(momo_status))
        .merge(super::payout_fakes::routes())
        .route("/_fake/script", post(set_script))
        .route("/_fake/violations", get(list_violations))
        .route("/healthz", get(|| async { "ok" }))
        .with_state(fake)
}

/// Serves the fakes on a local port; returns their base URL.
pub async fn serve(fake: Fake) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router(fake)).await });
    format!("http://{addr}")
}

async fn set_script(State(f): State<Fake>, Json(b): Json<Value>) -> StatusCode {
    let mut s = Script::ok(b["result"].as_str().unwrap_or("0"));
    s.delay = Duration::from_millis(b["delay_ms"].as_u64().unwrap_or(300));
    s.callback = b["callback"].as_bool().unwrap_or(true);
    s.start_500 = b["start_500"].as_bool().unwrap_or(false);
    f.script(b["phone"].as_str().unwrap_or(""), s);
    StatusCode::NO_CONTENT
}

async fn list_violations(State(f): State<Fake>) -> Json<Value> {
    Json(json!(f.violations()))
}

// Daraja ----------------------------------------------------------------

async fn daraja_token(
    State(f): State<Fake>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    f.check(
        q.get("grant_type").map(String::as_str) == Some("client_credentials"),
        "daraja token: grant_type",
    );
    if header(&headers, "authorization") != basic(DARAJA_KEY, DARAJA_SECRET) {
        let body = json!({"requestId": "1", "errorCode": "400.008.01", "errorMessage": "Invalid Authentication passed"});
        return (StatusCode::BAD_REQUEST, Json(body)).into_response();
    }
    Json(json!({"access_token": f.issue_token(), "expires_in": "3599"})).into_response()
}

fn daraja_error(status: StatusCode, code: &str, message: &str) -> Response {
    (
        status,
        Json(json!({"requestId": "fake", "errorCode": code, "errorMessage": message})),
    )
        .into_response()
}

fn check_password(f: &Fake, b: &Value) {
    let ts = b["Timestamp"].as_str().unwrap_or("");
    f.check(
        ts.len() == 14 && ts.bytes().all(|c| c.is_ascii_digit()),
        "daraja: Timestamp is YYYYMMDDHHmmss",
    );
    let now_eat = time::OffsetDateTime::now_utc() + time::Duration::hours(3);
    let fmt = time::macros::format_description!("[year][month][day][hour]");
    let hour = now_eat.format(&fmt).unwrap();
    f.check(
        ts.starts_with(&hour[..8]),
        "daraja: Timestamp is East Africa Time",
    );
    let want = B64.encode(format!("{DARAJA_SHORTCODE}{DARAJA_PASSKEY}{ts}"));
    f.check(
        b["Password"].as_str() == Some(want.as_str()),
        "daraja: Password is base64(shortcode+passkey+timestamp)",
    );
    f.check(
        b["BusinessShortCode"].as_i64() == DARAJA_SHORTCODE.parse().ok(),
        "daraja: BusinessShortCode",
    );
}

async fn daraja_push(State(f): State<Fake>, headers: HeaderMap, Json(b): Json<Value>) -> Response {
    if !f.bearer_ok(&headers) {
        return daraja_error(
            StatusCode::UNAUTHORIZED,
            "404.001.03",
            "Invalid Access Token",
        );
    }
    check_password(&f, &b);
    f.check(
        b["TransactionType"] == "CustomerPayBillOnline"
            || b["TransactionType"] == "CustomerBuyGoodsOnline",
        "daraja: TransactionType",
    );
    f.check(b["Amount"].is_u64(), "daraja: Amount is whole shillings");
    f.check(
        digits(&b["PartyA"], 12, "254") && b["PartyA"] == b["PhoneNumber"],
        "daraja: PartyA/PhoneNumber 2547...",
    );
    f.check(b["PartyB"].is_number(), "daraja: PartyB");
    let cb = b["CallBackURL"].as_str().unwrap_or("").to_owned();
    f.check(
        cb.starts_with("http") && cb.contains("/hooks/mpesa_daraja/"),
        "daraja: CallBackURL",
    );
    f.check(
        b["AccountReference"]
            .as_str()
            .is_some_and(|s| !s.is_empty() && s.len() <= 12),
        "daraja: AccountReference <= 12",
    );
    f.check(
        b["TransactionDesc"]
            .as_str()
            .is_some_and(|s| !s.is_empty() && s.len() <= 13),
        "daraja: TransactionDesc <= 13",
    );
    let phone = b["PhoneNumber"].to_string();
    let script = f.script_for(&phone);
    if script.start_500 {
        return daraja_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "500.003.02",
            "System is busy",
        );
    }
    let id = f.next_id("ws_CO_");
    let merchant = f.next_id("29115-");
    if script.callback {
        let code = script.result.parse::<i64>().unwrap_or(1);
        let body = json!({"Body": {"stkCallback": {
            "MerchantRequestID": merchant, "CheckoutRequestID": id,
            "ResultCode": code, "ResultDesc": "The service request is processed."}}});
        f.call_back(cb.clone(), "POST", body, script.delay);
    }
    let txn = Txn {
        script,
        started: Instant::now(),
        amount: b["Amount"].to_string(),
        callback_url: Some(cb),
        body: b,
    };
    f.record(&id, txn);
    Json(
        json!({"MerchantRequestID": merchant, "CheckoutRequestID": id, "ResponseCode": "0",
        "ResponseDescription": "Success. Request accepted for processing",
        "CustomerMessage": "Success. Request accepted for processing"}),
    )
    .into_response()
}

async fn daraja_query(State(f): State<Fake>, headers: HeaderMap, Json(b): Json<Value>) -> Response {
    if !f.bearer_ok(&headers) {
        return daraja_error(
            StatusCode::UNAUTHORIZED,
            "404.001.03",
            "Invalid Access Token",
        );
    }
    check_password(&f, &b);
    let id = b["CheckoutRequestID"].as_str().unwrap_or("").to_owned();
    let Some(txn) = f.txn(&id) else {
        return daraja_error(
            StatusCode::BAD_REQUEST,
            "400.002.02",
            "Bad Request - Invalid CheckoutRequestID",
        );
    };
    if f.take_query_500(&id) {
        return daraja_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "500.003.02",
            "System is busy",
        );
    }
    if txn.started.elapsed() < txn.script.delay {
        return daraja_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "500.001.1001",
            "The transaction is being processed",
        );
    }
    Json(json!({"ResponseCode": "0", "ResponseDescription": "The service request has been accepted successsfully",
        "MerchantRequestID": "29115-1", "CheckoutRequestID": id,
        "ResultCode": txn.script.result, "ResultDesc": "Result from the fake"}))
    .into_response()
}

// Vodacom Mozambique ------------------------------------------------------

fn vodacom_auth(f: &Fake, headers: &HeaderMap) -> bool {
    f.check(
        !header(headers, "origin").is_empty(),
        "vodacom: Origin header",
    );
    let auth = header(headers, "authorization");
    let Some(ct) = auth
        .strip_prefix("Bearer ")
        .and_then(|b| B64.decode(b).ok())
    else {
        return false;
    };
    f.vodacom_private
        .decrypt(Pkcs1v15Encrypt, &ct)
        .ok()
        .as_deref()
        == Some(VODACOM_API_KEY.as_bytes())
}

fn vodacom(status: StatusCode, code: &str, extra: Value) -> Response {
    let mut body = json!({"output_ResponseCode": code, "output_ResponseDesc": format!("{code} from the fake"),
        "output_ConversationID": "conv1"});
    if let (Some(o), Value::Object(e)) = (body.as_object_mut(), extra) {
        o.extend(e);
    }
    (status, Json(body)).into_response()
}

async fn vodacom_c2b(State(f): State<Fake>, headers: HeaderMap, Json(b): Json<Value>) -> Response {
    if !vodacom_auth(&f, &headers) {
        return vodacom(StatusCode::UNAUTHORIZED, "INS-2", json!({}));
    }
    f.check(
        digits(&b["input_CustomerMSISDN"], 12, "2588"),
        "vodacom: input_CustomerMSISDN 2588...",
    );
    f.check(
        decimal(&b["input_Amount"], 2),
        "vodacom: input_Amount decimal string",
    );
    f.check(
        b["input_ServiceProviderCode"] == VODACOM_SP_CODE,
        "vodacom: input_ServiceProviderCode",
    );
    f.check(
        b["input_TransactionReference"]
            .as_str()
            .is_some_and(|s| !s.is_empty()),
        "vodacom: input_TransactionReference",
    );
    let third = b["input_ThirdPartyReference"]
        .as_str()
        .unwrap_or("")
        .to_owned();
    f.check(
        !third.is_empty() && third.bytes().all(|c| c.is_ascii_alphanumeric()),
        "vodacom: input_ThirdPartyReference",
    );
    if f.txn(&third).is_some() {
        return vodacom(StatusCode::CONFLICT, "INS-10", json!({}));
    }
    let phone = b["input_CustomerMSISDN"].as_str().unwrap_or("").to_owned();
    let script = f.script_for(&phone);
    if script.start_500 {
        return vodacom(StatusCode::INTERNAL_SERVER_ERROR, "INS-1", json!({}));
    }
    let (delay, result) = (script.delay, script.result.clone());
    f.record(
        &third,
        Txn {
            script,
            started: Instant::now(),
            amount: b["input_Amount"].to_string(),
            callback_url: None,
            body: b,
        },
    );
    // C2B blocks until the buyer answers.
    tokio::time::sleep(delay).await;
    let status = if result == "INS-0" {
        StatusCode::CREATED
    } else {
        StatusCode::BAD_REQUEST
    };
    let tx = format!("TX{third}");
    vodacom(
        status,
        &result,
        json!({"output_TransactionID": tx, "output_ThirdPartyReference": third}),
    )
}

async fn vodacom_query(
    State(f): State<Fake>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    if !vodacom_auth(&f, &headers) {
        return vodacom(StatusCode::UNAUTHORIZED, "INS-2", json!({}));
    }
    f.check(
        q.get("input_ServiceProviderCode").map(String::as_str) == Some(VODACOM_SP_CODE),
        "vodacom query: input_ServiceProviderCode",
    );
    f.check(
        q.get("input_ThirdPartyReference")
            .is_some_and(|s| !s.is_empty()),
        "vodacom query: input_ThirdPartyReference",
    );
    let reference = q.get("input_QueryReference").cloned().unwrap_or_default();
    if f.take_query_500(&reference) {
        return vodacom(StatusCode::INTERNAL_SERVER_ERROR, "INS-1", json!({}));
    }
    let status = match f.txn(&reference) {
        None => "N/A",
        Some(t) if t.started.elapsed() < t.script.delay => "Pending",
        Some(t) => match t.script.result.as_str() {
            "INS-0" => "Completed",
            "INS-9" => "Expired",
            _ => "Cancelled",
        },
    };
    vodacom(
        StatusCode::OK,
        "INS-0",
        json!({"output_ResponseTransactionStatus": status}),
    )
}

async fn vodacom_reversal(
    State(f): State<Fake>,
    headers: HeaderMap,
    Json(b): Json<Value>,
) -> Response {
    if !vodacom_auth(&f, &headers) {
        return vodacom(StatusCode::UNAUTHORIZED, "INS-2", json!({}));
    }
    f.check(
        decimal(&b["input_ReversalAmount"], 2),
        "vodacom reversal: input_ReversalAmount",
    );
    f.check(
        b["input_TransactionID"]
            .as_str()
            .is_some_and(|s| s.starts_with("TX")),
        "vodacom reversal: input_TransactionID",
    );
    f.check(
        b["input_InitiatorIdentifier"].as_str().is_some(),
        "vodacom reversal: input_InitiatorIdentifier",
    );
    f.check(
        b["input_SecurityCredential"].as_str().is_some(),
        "vodacom reversal: input_SecurityCredential",
    );
    let third = b["input_ThirdPartyReference"].clone();
    let duplicate = {
        let mut s = f.state.lock().unwrap();
        let dup = s
            .reversals
            .iter()
            .any(|r| r["input_ThirdPartyReference"] == third);
        s.reversals.push(b.clone());
        dup
    };
    if duplicate {
        return vodacom(StatusCode::CONFLICT, "INS-10", json!({}));
    }
    vodacom(
        StatusCode::OK,
        "INS-0",
        json!({"output_TransactionID": "REV1", "output_ThirdPartyReference": third}),
    )
}

// MTN MoMo --------------------------------------------------------------

fn momo_headers_ok(f: &Fake, headers: &HeaderMap) -> bool {
    f.check(
        header(headers, "ocp-apim-subscription-key") == MOMO_SUBSCRIPTION,
        "momo: Ocp-Apim-Subscription-Key",
    );
    f.check(
        !header(headers, "x-target-environment").is_empty(),
        "momo: X-Target-Environment",
    );
    f.bearer_ok(headers)
}

async fn momo_token(State(f): State<Fake>, headers: HeaderMap) -> Response {
    let ok = header(&headers, "authorization") == basic(MOMO_USER, MOMO_API_KEY)
        && header(&headers, "ocp-apim-subscription-key") == MOMO_SUBSCRIPTION;
    if !ok {
        return (
            StatusCode::UNAUTHORIZED,
            Json(json!({"error": "login_failed"})),
        )
            .into_response();
    }
    Json(json!({"access_token": f.issue_token(), "token_type": "access_token", "expires_in": 3600}))
        .into_response()
}

async fn momo_request(State(f): State<Fake>, headers: HeaderMap, Json(b): Json<Value>) -> Response {
    if !momo_headers_ok(&f, &headers) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let reference = header(&headers, "x-reference-id").to_owned();
    let v4 = uuid::Uuid::parse_str(&reference).is_ok_and(|u| u.get_version_num() == 4);
    f.check(v4, "momo: X-Reference-Id is a UUID v4");
    f.check(decimal(&b["amount"], 2), "momo: amount is a decimal string");
    f.check(
        b["currency"].as_str().is_some_and(|c| c.len() == 3),
        "momo: currency",
    );
    f.check(
        b["externalId"]
            .as_str()
            .is_some_and(|s| s.starts_with("pay_")),
        "momo: externalId",
    );
    f.check(
        b["payer"]["partyIdType"] == "MSISDN",
        "momo: payer.partyIdType",
    );
    let phone = b["payer"]["partyId"].as_str().unwrap_or("").to_owned();
    f.check(
        !phone.is_empty() && phone.bytes().all(|c| c.is_ascii_digit()),
        "momo: payer.partyId digits",
    );
    if f.txn(&reference).is_some() {
        return (
            StatusCode::CONFLICT,
            Json(json!({"code": "RESOURCE_ALREADY_EXIST"})),
        )
            .into_response();
    }
    let script = f.script_for(&phone);
    if script.start_500 {
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            Json(json!({"code": "INTERNAL_PROCESSING_ERROR"})),
        )
            .into_response();
    }
    let callback = header(&headers, "x-callback-url").to_owned();
    if script.callback && !callback.is_empty() {
        let body = momo_body(&b, &reference, &script.result);
        f.call_back(callback.clone(), "PUT", body, script.delay);
    }
    f.record(
        &reference,
        Txn {
            script,
            started: Instant::now(),
            amount: b["amount"].to_string(),
            callback_url: Some(callback),
            body: b,
        },
    );
    StatusCode::ACCEPTED.into_response()
}

fn momo_body(request: &Value, reference: &str, result: &str) -> Value {
    let mut body = json!({"amount": request["amount"], "currency": request["currency"],
        "externalId": request["externalId"], "payer": request["payer"],
        "payerMessage": request["payerMessage"], "payeeNote": request["payeeNote"]});
    if result == "SUCCESSFUL" {
        body["status"] = json!("SUCCESSFUL");
        body["financialTransactionId"] = json!(format!("ft-{reference}"));
    } else {
        body["status"] = json!("FAILED");
        body["reason"] = json!(result);
    }
    body
}

async fn momo_status(
    State(f): State<Fake>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    if !momo_headers_ok(&f, &headers) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let Some(t) = f.txn(&id) else {
        return (
            StatusCode::NOT_FOUND,
            Json(json!({"code": "RESOURCE_NOT_FOUND"})),
        )
            .into_response();
    };
    if f.take_query_500(&id) {
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            Json(json!({"code": "INTERNAL_PROCESSING_ERROR"})),
        )
            .into_response();
    }
    if t.started.elapsed() < t.script.delay {
        let mut body = momo_body(&t.body, &id, "SUCCESSFUL");
        body["status"] = json!("PENDING");
        return Json(body).into_response();
    }
    Json(momo_body(&t.body, &id, &t.script.result)).into_response()
}
