//! The payout side of the mobile-money fakes: MTN MoMo Disbursement
//! (`transfer`, its status, the account-holder lookup) and Daraja B2C
//! (`paymentrequest` and the result it posts). Each checks what Lipa sends
//! (its own token and subscription key, the reference, the body's fields)
//! and answers per the phone number's script: `SUCCESSFUL`/`0` pays, any
//! other MoMo reason or B2C result code fails with it, `REFUSE` is refused
//! on the spot, and the script's delay keeps a transfer pending.

#![allow(dead_code)]

use super::fakes::{Fake, Script, basic, decimal, header};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{Value, json};
use std::time::Instant;

pub const MOMO_DISB_USER: &str = "5b7f2c1d-9e3a-4b6c-8d0e-1f2a3b4c5d6e";
pub const MOMO_DISB_KEY: &str = "fake_momo_disbursement_key_77";
pub const MOMO_DISB_SUBSCRIPTION: &str = "fake_momo_disbursement_sub_88";
pub const DARAJA_INITIATOR: &str = "testapi";
pub const DARAJA_SECURITY_CREDENTIAL: &str = "Zm9vYmFyLWVuY3J5cHRlZC1wYXNzd29yZA==";
pub const DARAJA_B2C_SHORTCODE: &str = "600996";

/// One payout the fake took.
#[derive(Clone, Debug)]
pub struct Transfer {
    pub script: Script,
    pub started: Instant,
    pub body: Value,
}

pub fn routes() -> Router<Fake> {
    Router::new()
        .route("/momo/disbursement/token/", post(momo_token))
        .route("/momo/disbursement/v1_0/transfer", post(momo_transfer))
        .route(
            "/momo/disbursement/v1_0/transfer/{id}",
            get(momo_transfer_status),
        )
        .route(
            "/momo/disbursement/v1_0/accountholder/msisdn/{msisdn}/active",
            get(momo_active),
        )
        .route(
            "/momo/disbursement/v1_0/accountholder/msisdn/{msisdn}/basicuserinfo",
            get(momo_user_info),
        )
        .route("/daraja/mpesa/b2c/v3/paymentrequest", post(b2c_payment))
}

impl Fake {
    fn transfer(&self, id: &str) -> Option<Transfer> {
        self.state.lock().unwrap().transfers.get(id).cloned()
    }

    fn take(&self, id: &str, t: Transfer) {
        self.state
            .lock()
            .unwrap()
            .transfers
            .insert(id.to_owned(), t);
    }

    /// The payouts the fake took, by reference.
    pub fn transfers(&self) -> Vec<Value> {
        let s = self.state.lock().unwrap();
        s.transfers.values().map(|t| t.body.clone()).collect()
    }
}

// MTN MoMo Disbursement ---------------------------------------------------

async fn momo_token(State(f): State<Fake>, headers: HeaderMap) -> Response {
    let ok = header(&headers, "authorization") == basic(MOMO_DISB_USER, MOMO_DISB_KEY)
        && header(&headers, "ocp-apim-subscription-key") == MOMO_DISB_SUBSCRIPTION;
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

/// Disbursement calls carry a token and the Disbursement product's key.
fn disbursing(f: &Fake, headers: &HeaderMap) -> bool {
    f.check(
        header(headers, "ocp-apim-subscription-key") == MOMO_DISB_SUBSCRIPTION,
        "momo disbursement: the Disbursement product's subscription key",
    );
    f.check(
        !header(headers, "x-target-environment").is_empty(),
        "momo disbursement: X-Target-Environment",
    );
    f.bearer_ok(headers)
}

async fn momo_transfer(
    State(f): State<Fake>,
    headers: HeaderMap,
    Json(b): Json<Value>,
) -> Response {
    if !disbursing(&f, &headers) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let reference = header(&headers, "x-reference-id").to_owned();
    let uuid = uuid::Uuid::parse_str(&reference).is_ok();
    f.check(uuid, "momo transfer: X-Reference-Id is a UUID");
    f.check(
        decimal(&b["amount"], 2),
        "momo transfer: amount is a decimal string",
    );
    f.check(
        b["currency"].as_str().is_some_and(|c| c.len() == 3),
        "momo transfer: currency",
    );
    f.check(
        b["externalId"]
            .as_str()
            .is_some_and(|s| s.starts_with("po_")),
        "momo transfer: externalId",
    );
    f.check(
        b["payee"]["partyIdType"] == "MSISDN",
        "momo transfer: payee.partyIdType",
    );
    let phone = b["payee"]["partyId"].as_str().unwrap_or("").to_owned();
    f.check(
        phone.bytes().all(|c| c.is_ascii_digit()) && !phone.is_empty(),
        "momo transfer: payee.partyId digits",
    );
    f.check(
        b["payerMessage"].is_string() && b["payeeNote"].is_string(),
        "momo transfer: messages",
    );
    if f.transfer(&reference).is_some() {
        return (
            StatusCode::CONFLICT,
            Json(json!({"code": "RESOURCE_ALREADY_EXIST"})),
        )
            .into_response();
    }
    let script = f.script_for(&phone);
    if script.result == "REFUSE" {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({"code": "PAYEE_NOT_ALLOWED_TO_RECEIVE"})),
        )
            .into_response();
    }
    f.take(
        &reference,
        Transfer {
            script,
            started: Instant::now(),
            body: b,
        },
    );
    StatusCode::ACCEPTED.into_response()
}

async fn momo_transfer_status(
    State(f): State<Fake>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    if !disbursing(&f, &headers) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let Some(t) = f.transfer(&id) else {
        return (
            StatusCode::NOT_FOUND,
            Json(json!({"code": "RESOURCE_NOT_FOUND"})),
        )
            .into_response();
    };
    let b = &t.body;
    let mut body = json!({"amount": b["amount"], "currency": b["currency"], "externalId": b["externalId"],
        "payee": b["payee"], "payerMessage": b["payerMessage"], "payeeNote": b["payeeNote"]});
    if t.started.elapsed() < t.script.delay {
        body["status"] = json!("PENDING");
    } else if t.script.result == "SUCCESSFUL" {
        body["status"] = json!("SUCCESSFUL");
        body["financialTransactionId"] = json!(format!("ft-{id}"));
    } else {
        body["status"] = json!("FAILED");
        body["reason"] = json!(t.script.result);
    }
    Json(body).into_response()
}

async fn momo_active(
    State(f): State<Fake>,
    headers: HeaderMap,
    Path(msisdn): Path<String>,
) -> Response {
    if !disbursing(&f, &headers) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let found = f.script_for(&msisdn).result != "PAYEE_NOT_FOUND";
    Json(json!({"result": found})).into_response()
}

async fn momo_user_info(
    State(f): State<Fake>,
    headers: HeaderMap,
    Path(_msisdn): Path<String>,
) -> Response {
    if !disbursing(&f, &headers) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    Json(
        json!({"given_name": "Ama", "family_name": "Mensah", "locale": "en_GH", "gender": "FEMALE",
        "status": "ACTIVE"}),
    )
    .into_response()
}

// Daraja B2C ---------------------------------------------------------------

fn check_b2c(f: &Fake, b: &Value) {
    let text = |k: &str| b[k].as_str().unwrap_or("");
    f.check(
        text("OriginatorConversationID").starts_with("po_"),
        "b2c: OriginatorConversationID",
    );
    f.check(
        text("InitiatorName") == DARAJA_INITIATOR,
        "b2c: InitiatorName",
    );
    f.check(
        text("SecurityCredential") == DARAJA_SECURITY_CREDENTIAL,
        "b2c: SecurityCredential",
    );
    f.check(
        matches!(
            text("CommandID"),
            "BusinessPayment" | "SalaryPayment" | "PromotionPayment"
        ),
        "b2c: CommandID",
    );
    f.check(
        b["Amount"].as_u64().is_some_and(|a| a >= 1),
        "b2c: Amount is whole shillings",
    );
    f.check(
        text("PartyA") == DARAJA_B2C_SHORTCODE,
        "b2c: PartyA is the B2C short code",
    );
    let party_b = text("PartyB");
    f.check(
        party_b.len() == 12 && party_b.starts_with("254"),
        "b2c: PartyB is 2547XXXXXXXX",
    );
    f.check(
        (2..=100).contains(&text("Remarks").len()),
        "b2c: Remarks 2 to 100 characters",
    );
    for url in ["ResultURL", "QueueTimeOutURL"] {
        f.check(
            text(url).starts_with("https://"),
            "b2c: result URLs are https",
        );
    }
}

async fn b2c_payment(State(f): State<Fake>, headers: HeaderMap, Json(b): Json<Value>) -> Response {
    if !f.bearer_ok(&headers) {
        return (
            StatusCode::UNAUTHORIZED,
            Json(json!({"errorCode": "404.001.04", "errorMessage": "Invalid Access Token"})),
        )
            .into_response();
    }
    check_b2c(&f, &b);
    let script = f.script_for(b["PartyB"].as_str().unwrap_or(""));
    if script.result == "REFUSE" {
        let body = json!({"requestId": "fake", "errorCode": "400.002.02", "errorMessage": "Bad Request - Invalid PartyB"});
        return (StatusCode::BAD_REQUEST, Json(body)).into_response();
    }
    let conversation = f.next_id("AG_20261201_");
    let originator = b["OriginatorConversationID"].clone();
    if script.callback {
        let result = b2c_result(&script.result, &conversation, &originator, &b);
        f.call_back(
            b["ResultURL"].as_str().unwrap_or("").to_owned(),
            "POST",
            result,
            script.delay,
        );
    }
    f.take(
        &conversation,
        Transfer {
            script,
            started: Instant::now(),
            body: b,
        },
    );
    Json(
        json!({"ConversationID": conversation, "OriginatorConversationID": originator,
        "ResponseCode": "0", "ResponseDescription": "Accept the service request successfully."}),
    )
    .into_response()
}

/// The result Daraja posts: the documented shape for a payment made, or
/// the result code and its description.
fn b2c_result(code: &str, conversation: &str, originator: &Value, request: &Value) -> Value {
    let desc = match code {
        "0" => "The service request is processed successfully.",
        "1" => "The balance is insufficient for the transaction.",
        "2040" => {
            "Credit Party customer type (Unregistered or Registered Customer) can't be supported by the service."
        }
        "SFC_IC0003" => "Request timed out",
        _ => "The service request failed.",
    };
    let mut result = json!({"ResultType": 0, "ResultCode": code.parse::<i64>().map_or(json!(code), |n| json!(n)),
        "ResultDesc": desc, "OriginatorConversationID": originator, "ConversationID": conversation,
        "TransactionID": if code == "0" { "NLJ41HAY6Q" } else { "NLJ0000000" }});
    if code == "0" {
        let phone = request["PartyB"].as_str().unwrap_or("");
        result["ResultParameters"] = json!({"ResultParameter": [
            {"Key": "TransactionAmount", "Value": request["Amount"]},
            {"Key": "TransactionReceipt", "Value": "NLJ41HAY6Q"},
            {"Key": "B2CRecipientIsRegisteredCustomer", "Value": "Y"},
            {"Key": "ReceiverPartyPublicName", "Value": format!("{phone} - Wanjiru Kamau")},
            {"Key": "TransactionCompletedDateTime", "Value": "01.12.2026 21:45:50"},
        ]});
    }
    json!({"Result": result})
}
