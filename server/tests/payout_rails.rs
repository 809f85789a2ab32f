//! Payouts on real rails against local fakes: MTN MoMo Disbursement
//! (lookup, transfer, status) and Daraja B2C (payment request, the result
//! it posts, forged results ignored), funded by live charges through the
//! same fakes. SQLite and PostgreSQL.

mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::{Value, json};
use server::config::ProviderUrls;
use std::time::Duration;
use support::fakes::{self, Fake, Script};
use support::payout_fakes as pf;
use support::{TestApp, app_with};

struct Rig {
    app: TestApp,
    fake: Fake,
    live: String,
}

async fn rig() -> Rig {
    let fake = Fake::new(false);
    let base = fakes::serve(fake.clone()).await;
    let app = app_with(|c| {
        c.provider_urls = ProviderUrls {
            mpesa_daraja: Some(format!("{base}/daraja")),
            mtn_momo: Some(format!("{base}/momo")),
            ..Default::default()
        };
    })
    .await;
    let live = app.live_key().await;
    Rig { app, fake, live }
}

impl Rig {
    async fn api(&self, method: &str, path: &str, body: Option<Value>) -> support::Reply {
        self.app
            .api_as(Some(&self.live), method, path, body, &[])
            .await
    }

    async fn add(&self, provider: &str, credentials: Value) {
        let body = json!({"provider": provider, "credentials": credentials});
        let r = self.api("POST", "/v1/connector_accounts", Some(body)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    }

    /// A live charge paid through the fake: money on the balance.
    async fn fund(&self, currency: &str, amount: i64, provider: &str, phone: &str) {
        let body = json!({"amount": amount, "currency": currency, "source": "pos", "confirm": true,
            "payment_method": {"mobile_money": {provider: {"phone": phone}}}});
        let r = self.api("POST", "/v1/charges", Some(body)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        let id = r.body["id"].as_str().unwrap().to_owned();
        let c = self
            .until(&format!("/v1/charges/{id}"), |c| c["status"] != "pending")
            .await;
        assert_eq!(c["status"], "succeeded", "{c}");
    }

    /// Polls `path` (which asks the provider) until `done` holds.
    async fn until(&self, path: &str, done: impl Fn(&Value) -> bool) -> Value {
        for _ in 0..60 {
            let v = self.api("GET", path, None).await.body;
            if done(&v) {
                return v;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{path} did not settle");
    }

    async fn payout(&self, currency: &str, amount: i64, provider: &str, phone: &str) -> Value {
        let body = json!({"amount": amount, "currency": currency, "description": "Supplier 17",
            "destination": {"mobile_money": {provider: {"phone": phone}}}});
        let r = self.api("POST", "/v1/payouts", Some(body)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        r.body
    }

    async fn available(&self, currency: &str) -> i64 {
        let b = self.api("GET", "/v1/balance", None).await.body;
        let code = currency.to_ascii_lowercase();
        b["available"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["currency"] == code.as_str())
            .map_or(0, |a| a["amount"].as_i64().unwrap())
    }

    async fn post(&self, path: &str, body: &Value) -> StatusCode {
        let req = Request::post(path)
            .header("content-type", "application/json")
            .body(Body::from(body.to_string()))
            .unwrap();
        self.app.send(req).await.status
    }

    /// Delivers the payout results the fake recorded, as Daraja would.
    async fn deliver_results(&self) {
        for cb in self.fake.callbacks() {
            if cb.url.contains("/hooks/payouts/") {
                let path = cb.url.trim_start_matches("https://pay.example");
                assert_eq!(self.post(path, &cb.body).await, StatusCode::OK);
            }
        }
    }

    fn assert_no_violation(&self) {
        assert_eq!(self.fake.violations(), Vec::<String>::new());
    }
}

fn momo_creds(disbursement: bool) -> Value {
    let mut c = json!({"api_user": fakes::MOMO_USER, "api_key": fakes::MOMO_API_KEY,
        "subscription_key": fakes::MOMO_SUBSCRIPTION, "target_environment": "mtnghana"});
    if disbursement {
        c["disbursement"] = json!({"api_user": pf::MOMO_DISB_USER, "api_key": pf::MOMO_DISB_KEY,
            "subscription_key": pf::MOMO_DISB_SUBSCRIPTION});
    }
    c
}

fn daraja_creds() -> Value {
    json!({"consumer_key": fakes::DARAJA_KEY, "consumer_secret": fakes::DARAJA_SECRET,
        "business_short_code": fakes::DARAJA_SHORTCODE, "passkey": fakes::DARAJA_PASSKEY,
        "transaction_type": "CustomerPayBillOnline",
        "b2c": {"initiator_name": pf::DARAJA_INITIATOR, "security_credential": pf::DARAJA_SECURITY_CREDENTIAL,
            "short_code": pf::DARAJA_B2C_SHORTCODE, "command_id": "BusinessPayment"}})
}

#[tokio::test]
async fn momo_disbursement_looks_up_pays_and_fails_with_the_reservation_back() {
    let rig = rig().await;
    rig.add("mtn_momo", momo_creds(true)).await;
    rig.fund("GHS", 10_000, "momo_mtn", "+233241230010").await;
    rig.fake
        .script("233241230012", Script::ok("PAYEE_NOT_FOUND"));

    let check = |phone: &str| json!({"destination": {"mobile_money": {"momo_mtn": {"phone": phone}}}, "currency": "GHS"});
    let found = rig
        .api("POST", "/v1/payouts/validate", Some(check("+233241230011")))
        .await;
    assert_eq!(
        found.body["recipient"],
        json!({"provider": "momo_mtn", "phone": "+233241230011", "name": "Ama Mensah", "checked_by": "provider_lookup"}),
        "{}",
        found.text
    );
    let missing = rig
        .api("POST", "/v1/payouts/validate", Some(check("+233241230012")))
        .await;
    assert_eq!(missing.body, json!({"valid": false, "recipient": null}));

    let paid = rig.payout("GHS", 2500, "momo_mtn", "+233241230011").await;
    assert_eq!(
        paid["status"], "pending",
        "MTN answers 202, then PENDING: {paid}"
    );
    assert_eq!(rig.available("GHS").await, 7500);
    let id = paid["id"].as_str().unwrap();
    let paid = rig
        .until(&format!("/v1/payouts/{id}"), |p| p["status"] != "pending")
        .await;
    assert_eq!(paid["status"], "paid", "{paid}");

    let failed = rig.payout("GHS", 3000, "momo_mtn", "+233241230012").await;
    let id = failed["id"].as_str().unwrap();
    let failed = rig
        .until(&format!("/v1/payouts/{id}"), |p| p["status"] != "pending")
        .await;
    assert_eq!(
        (failed["status"].as_str(), failed["failure_code"].as_str()),
        (Some("failed"), Some("recipient_not_found"))
    );
    assert_eq!(
        rig.available("GHS").await,
        7500,
        "a failed payout gives its reservation back"
    );
    let transfers = rig.fake.transfers();
    assert_eq!(transfers.len(), 2);
    assert!(transfers.iter().all(|t| t["payerMessage"] == "Supplier 17"));
    rig.assert_no_violation();
}

#[tokio::test]
async fn an_account_without_payout_credentials_checks_numbers_only_and_sends_nothing() {
    let rig = rig().await;
    rig.add("mtn_momo", momo_creds(false)).await;
    rig.fund("GHS", 10_000, "momo_mtn", "+233241230010").await;
    let check = json!({"destination": {"mobile_money": {"momo_mtn": {"phone": "+233241230011"}}}});
    let r = rig.api("POST", "/v1/payouts/validate", Some(check)).await;
    assert_eq!(
        r.body["recipient"]["checked_by"], "phone_rules",
        "{}",
        r.text
    );
    let body = json!({"amount": 2500, "currency": "GHS",
        "destination": {"mobile_money": {"momo_mtn": {"phone": "+233241230011"}}}});
    let r = rig.api("POST", "/v1/payouts", Some(body)).await;
    assert_eq!(
        (r.status, r.body["error"]["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("payout_method_unavailable"))
    );
    assert_eq!(
        r.body["error"]["param"],
        "destination.mobile_money.momo_mtn"
    );
    assert_eq!(rig.available("GHS").await, 10_000);
    assert!(rig.fake.transfers().is_empty());
}

#[tokio::test]
async fn daraja_b2c_pays_when_its_result_arrives_and_ignores_forged_ones() {
    let rig = rig().await;
    rig.add("mpesa_daraja", daraja_creds()).await;
    rig.fund("KES", 100_000, "mpesa", "+254712000010").await;
    rig.fake.script("254712000012", Script::ok("2040"));
    rig.fake.script("254712000013", Script::ok("REFUSE"));

    let check = json!({"destination": {"mobile_money": {"mpesa": {"phone": "0712 000 011"}}}, "currency": "KES"});
    let r = rig.api("POST", "/v1/payouts/validate", Some(check)).await;
    assert_eq!(
        r.body["recipient"]["checked_by"], "phone_rules",
        "Daraja has no lookup: {}",
        r.text
    );

    let paid = rig.payout("KES", 20_000, "mpesa", "+254712000011").await;
    assert_eq!(paid["status"], "pending", "{paid}");
    let unknown = rig.payout("KES", 10_000, "mpesa", "+254712000012").await;
    assert_eq!(rig.available("KES").await, 70_000);
    // A result that does not name Daraja's conversation is ignored; a
    // wrong tag is a 404.
    let id = paid["id"].as_str().unwrap();
    let tag = server::secrets::MasterKey::from_base64(support::MASTER_KEY)
        .unwrap()
        .tag("payout", id);
    let forged = json!({"Result": {"ResultCode": 0, "ResultDesc": "ok", "OriginatorConversationID": id,
        "ConversationID": "AG_forged", "TransactionID": "X"}});
    assert_eq!(
        rig.post(&format!("/hooks/payouts/{id}/{tag}"), &forged)
            .await,
        StatusCode::OK
    );
    assert_eq!(
        rig.post(&format!("/hooks/payouts/{id}/{}", "0".repeat(32)), &forged)
            .await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        rig.api("GET", &format!("/v1/payouts/{id}"), None)
            .await
            .body["status"],
        "pending"
    );

    tokio::time::sleep(Duration::from_millis(400)).await;
    rig.deliver_results().await;
    let paid = rig
        .api("GET", &format!("/v1/payouts/{id}"), None)
        .await
        .body;
    assert_eq!(paid["status"], "paid", "{paid}");
    let unknown_id = unknown["id"].as_str().unwrap();
    let failed = rig
        .api("GET", &format!("/v1/payouts/{unknown_id}"), None)
        .await
        .body;
    assert_eq!(failed["failure_code"], "recipient_not_found", "{failed}");
    assert!(failed["failure_message"].as_str().unwrap().contains("2040"));
    assert_eq!(rig.available("KES").await, 80_000);
    // A second delivery changes nothing.
    rig.deliver_results().await;
    assert_eq!(rig.available("KES").await, 80_000);

    // Refused at once, and cents M-Pesa cannot send: the money comes back.
    let refused = rig.payout("KES", 10_000, "mpesa", "+254712000013").await;
    assert_eq!(
        (refused["status"].as_str(), refused["failure_code"].as_str()),
        (Some("failed"), Some("provider_declined"))
    );
    let cents = rig.payout("KES", 10_050, "mpesa", "+254712000011").await;
    assert_eq!(cents["status"], "failed", "{cents}");
    assert_eq!(rig.available("KES").await, 80_000);
    rig.assert_no_violation();
}
