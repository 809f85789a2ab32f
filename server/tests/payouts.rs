//! Payouts (`/v1/payouts`): validation by the sandbox's lookup or the
//! number's rules, the sandbox's numbers (paid, `recipient_not_found`,
//! pending then paid), the balance reserved and given back, overdrafts and
//! races refused, events, lists, bad input. SQLite and PostgreSQL.

mod support;

use axum::http::StatusCode;
use serde_json::{Value, json};
use support::{KEY, TestApp, app, assert_books_balance, keys};

const PAID: &str = "+263771234000";
const NO_WALLET: &str = "+263771230003";
const SLOW: &str = "+263771230004";

fn ecocash(phone: &str) -> Value {
    json!({ "mobile_money": { "ecocash": { "phone": phone } } })
}

/// Every field of Payonify's `PayoutCreateRequest`.
fn payout_request(amount: i64, phone: &str) -> Value {
    json!({
        "amount": amount,
        "currency": "usd",
        "destination": ecocash(phone),
        "description": "November wages",
        "metadata": { "employee": "E-17", "period": "2026-11" }
    })
}

/// Puts `amount` USD on the balance with a paid charge.
async fn fund(app: &TestApp, amount: i64) {
    let r = app
        .api(
            "POST",
            "/v1/charges",
            Some(json!({
            "amount": amount, "currency": "USD", "source": "web", "confirm": true,
            "payment_method": ecocash(PAID) })),
        )
        .await;
    assert_eq!(r.body["status"], "succeeded", "{}", r.text);
}

async fn usd(app: &TestApp) -> i64 {
    let b = app.api("GET", "/v1/balance", None).await.body;
    b["available"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["currency"] == "usd")
        .map_or(0, |a| a["amount"].as_i64().unwrap())
}

async fn payout(app: &TestApp, body: Value) -> support::Reply {
    app.api("POST", "/v1/payouts", Some(body)).await
}

async fn event_count(app: &TestApp, kind: &str) -> usize {
    let r = app
        .api("GET", &format!("/v1/events?type={kind}&limit=100"), None)
        .await;
    r.body["data"].as_array().unwrap().len()
}

#[tokio::test]
async fn a_destination_is_validated_by_lookup_or_refused() {
    let app = app().await;
    let v = |body: Value| {
        let app = &app;
        async move { app.api("POST", "/v1/payouts/validate", Some(body)).await }
    };
    let ok = v(json!({ "destination": ecocash("0771 234 000") })).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.text);
    assert_eq!(
        ok.body,
        json!({ "valid": true, "recipient": { "provider": "ecocash", "phone": PAID,
            "name": "Sandbox Recipient", "checked_by": "provider_lookup" } })
    );
    let none = v(json!({ "destination": ecocash(NO_WALLET) })).await;
    assert_eq!(none.body, json!({ "valid": false, "recipient": null }));
    let mpesa = v(json!({ "destination": { "mobile_money": { "mpesa": { "phone": "+258841230000" } } }, "currency": "MZN" })).await;
    assert_eq!(
        mpesa.body["recipient"]["phone"], "+258841230000",
        "{}",
        mpesa.text
    );
    for (body, param) in [
        (json!({}), "destination"),
        (
            json!({ "destination": ecocash("+263711234567") }),
            "destination.mobile_money.ecocash.phone",
        ),
        (
            json!({ "destination": { "mobile_money": { "visa": { "phone": PAID } } } }),
            "destination.mobile_money",
        ),
        (
            json!({ "destination": ecocash(PAID), "currency": "MZN" }),
            "destination.mobile_money.ecocash",
        ),
    ] {
        let r = v(body).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text);
        assert_eq!(r.body["error"]["param"], param, "{}", r.text);
    }
}

#[tokio::test]
async fn payouts_pay_fail_or_wait_and_the_balance_follows() {
    let app = app().await;
    // Nothing to pay out yet: refused, nothing written.
    let r = payout(&app, payout_request(2500, PAID)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text);
    assert_eq!(
        (
            r.body["error"]["code"].as_str(),
            r.body["error"]["param"].as_str()
        ),
        (Some("balance_insufficient"), Some("amount"))
    );
    assert_eq!(
        app.api("GET", "/v1/payouts", None).await.body["data"],
        json!([])
    );

    fund(&app, 10_000).await;
    let paid = payout(&app, payout_request(2500, PAID)).await;
    assert_eq!(paid.status, StatusCode::OK, "{}", paid.text);
    let p = &paid.body;
    assert_eq!(
        keys(p),
        [
            "amount",
            "arrived_at",
            "balance_transaction",
            "created",
            "description",
            "destination_details",
            "failure_code",
            "failure_message",
            "id",
            "livemode",
            "metadata",
            "object",
            "status"
        ]
    );
    assert!(p["id"].as_str().unwrap().starts_with("po_"));
    assert_eq!(p["object"], "payout");
    assert_eq!(p["amount"], json!({ "value": 2500, "currency": "usd" }));
    assert_eq!(p["status"], "paid");
    assert_eq!(p["livemode"], false);
    assert_eq!(p["description"], "November wages");
    assert_eq!(p["metadata"]["employee"], "E-17");
    assert_eq!(
        p["destination_details"],
        json!({ "type": "mobile_money", "mobile_money": { "provider": "ecocash", "phone": PAID } })
    );
    assert!(p["failure_code"].is_null() && p["failure_message"].is_null());
    assert!(p["arrived_at"].as_i64().unwrap() >= p["created"].as_i64().unwrap());
    let txn = app
        .api(
            "GET",
            &format!(
                "/v1/balance_transactions/{}",
                p["balance_transaction"].as_str().unwrap()
            ),
            None,
        )
        .await;
    assert_eq!(
        (txn.body["type"].as_str(), txn.body["source"].as_str()),
        (Some("payout"), p["id"].as_str())
    );
    assert_eq!(usd(&app).await, 7500);
    assert_eq!(event_count(&app, "payout.paid").await, 1);

    // No wallet: failed, and the reservation comes back.
    let failed = payout(&app, payout_request(3000, NO_WALLET)).await;
    assert_eq!(failed.body["status"], "failed", "{}", failed.text);
    assert_eq!(failed.body["failure_code"], "recipient_not_found");
    assert!(
        failed.body["failure_message"]
            .as_str()
            .unwrap()
            .contains("wallet")
    );
    assert_eq!(usd(&app).await, 7500);
    assert_eq!(event_count(&app, "payout.failed").await, 1);
    let back = app
        .api("GET", "/v1/balance_transactions?type=payout_failure", None)
        .await;
    assert_eq!(back.body["data"][0]["source"], failed.body["id"]);

    // Pending at first, reserved meanwhile, then paid when asked again.
    let slow = payout(&app, payout_request(5000, SLOW)).await;
    assert_eq!(slow.body["status"], "pending", "{}", slow.text);
    assert!(slow.body["arrived_at"].is_null());
    assert_eq!(usd(&app).await, 2500);
    let balance = app.api("GET", "/v1/balance", None).await.body;
    assert_eq!(
        balance["pending"],
        json!([{ "amount": 5000, "currency": "usd" }]),
        "held by the payout under way"
    );
    // More than what is left is refused while it is reserved.
    let r = payout(&app, payout_request(2600, PAID)).await;
    assert_eq!(
        r.body["error"]["code"], "balance_insufficient",
        "{}",
        r.text
    );
    let id = slow.body["id"].as_str().unwrap();
    let later = app.api("GET", &format!("/v1/payouts/{id}"), None).await;
    assert_eq!(later.body["status"], "paid", "{}", later.text);
    assert_eq!(usd(&app).await, 2500);
    assert_eq!(
        app.api("GET", "/v1/balance", None).await.body["pending"],
        json!([])
    );
    assert_eq!(event_count(&app, "payout.paid").await, 2);

    // Lists, filters and cursors.
    let all = app.api("GET", "/v1/payouts", None).await;
    let ids: Vec<&str> = all.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            id,
            failed.body["id"].as_str().unwrap(),
            paid.body["id"].as_str().unwrap()
        ]
    );
    let only_failed = app.api("GET", "/v1/payouts?status=failed", None).await;
    assert_eq!(only_failed.body["data"].as_array().unwrap().len(), 1);
    let after = app
        .api("GET", &format!("/v1/payouts?limit=1&after={id}"), None)
        .await;
    assert_eq!(after.body["data"][0]["id"], failed.body["id"]);
    assert_eq!(
        after.body["paging"]["has_next_page"], true,
        "{}",
        after.text
    );
    for (q, param) in [
        ("status=sent", "status"),
        ("after=po_nope", "after"),
        ("limit=0", "limit"),
    ] {
        let r = app.api("GET", &format!("/v1/payouts?{q}"), None).await;
        assert_eq!(r.body["error"]["param"], param, "{}", r.text);
    }
    let other = app.other_merchant_key("Other shop").await;
    let r = app
        .api_as(Some(&other), "GET", &format!("/v1/payouts/{id}"), None, &[])
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_books_balance(&app).await;
}

#[tokio::test]
async fn bad_payouts_name_their_field_and_write_nothing() {
    let app = app().await;
    fund(&app, 10_000).await;
    let cases: Vec<(&str, Value, &str)> = vec![
        ("amount", json!(99), "amount_too_small"),
        ("amount", json!(1.5), "parameter_invalid"),
        ("currency", json!("xyz"), "currency_unsupported"),
        (
            "destination.mobile_money",
            json!({ "mobile_money": { "card": { "phone": PAID } } }),
            "payment_method_unavailable",
        ),
        (
            "destination.mobile_money.ecocash.phone",
            json!({ "mobile_money": { "ecocash": { "phone": "12" } } }),
            "phone_wrong_length",
        ),
        ("description", json!("x".repeat(151)), "parameter_invalid"),
        (
            "metadata",
            json!({"a": "1", "b": "2", "c": "3", "d": "4", "e": "5", "f": "6"}),
            "parameter_invalid",
        ),
    ];
    for (field, value, code) in cases {
        let mut body = payout_request(2500, PAID);
        body[field.split('.').next().unwrap()] = value;
        let r = payout(&app, body).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{field}: {}", r.text);
        if field != "amount" || code != "parameter_invalid" {
            assert_eq!(r.body["error"]["param"], field, "{}", r.text);
            assert_eq!(r.body["error"]["code"], code, "{}", r.text);
        }
    }
    for missing in ["amount", "currency", "destination"] {
        let mut body = payout_request(2500, PAID);
        body.as_object_mut().unwrap().remove(missing);
        let r = payout(&app, body).await;
        assert_eq!(r.body["error"]["param"], missing, "{}", r.text);
    }
    assert_eq!(
        app.api("GET", "/v1/payouts", None).await.body["data"],
        json!([])
    );
    assert_eq!(usd(&app).await, 10_000);
    // Live mode without a live account: no rail to pay out on.
    let live = app.live_key().await;
    let r = app
        .api_as(
            Some(&live),
            "POST",
            "/v1/payouts",
            Some(payout_request(2500, PAID)),
            &[],
        )
        .await;
    assert_eq!(
        r.body["error"]["code"], "payout_method_unavailable",
        "{}",
        r.text
    );
}

#[tokio::test]
async fn fifty_payouts_at_once_never_overdraw_and_retries_pay_once() {
    let app = app().await;
    fund(&app, 1000).await;
    let runs = (0..50).map(|_| payout(&app, payout_request(100, PAID)));
    let replies = futures_util::future::join_all(runs).await;
    let paid = replies
        .iter()
        .filter(|r| r.status == StatusCode::OK)
        .count();
    let refused = replies
        .iter()
        .filter(|r| r.body["error"]["code"] == "balance_insufficient")
        .count();
    assert_eq!((paid, refused), (10, 40), "exactly what the balance holds");
    assert_eq!(usd(&app).await, 0);
    assert_books_balance(&app).await;

    fund(&app, 500).await;
    let key = [("idempotency-key", "wages-nov-e17")];
    let first = app
        .api_as(
            Some(KEY),
            "POST",
            "/v1/payouts",
            Some(payout_request(400, PAID)),
            &key,
        )
        .await;
    let again = app
        .api_as(
            Some(KEY),
            "POST",
            "/v1/payouts",
            Some(payout_request(400, PAID)),
            &key,
        )
        .await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text);
    assert_eq!(first.body, again.body);
    assert_eq!(usd(&app).await, 100, "paid once");
}
