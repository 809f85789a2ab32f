//! Charges (`/v1/charges`): the full documented request and object, the
//! sandbox's EcoCash numbers (pays, fails, never answers), confirm and
//! cancel rules, refunds by charge, events, the balance, lists, and bad
//! input that names its field and writes nothing. SQLite and PostgreSQL.

mod support;

use axum::http::StatusCode;
use serde_json::{Value, json};
use support::{TestApp, app, keys, session_body};

const PAYS: &str = "+263771234000";
const FAILS: &str = "+263771230001";
const SILENT: &str = "+263771230002";

fn ecocash(phone: &str) -> Value {
    json!({ "mobile_money": { "ecocash": { "phone": phone } } })
}

/// Every field of Payonify's `ChargeCreateRequest`.
fn full_request(phone: &str) -> Value {
    json!({
        "amount": 2500,
        "currency": "usd",
        "source": "pos",
        "description": "Two bags of maize meal",
        "payment_method": ecocash(phone),
        "metadata": { "order": "A-1001", "till": "3", "cashier": "Rudo", "shift": "am", "lane": "2" },
        "confirm": true,
        "receipt_email": "tendai@example.com",
        "statement_descriptor": "Duka la Amina 42",
        "shipping": {
            "name": "Tendai Moyo",
            "carrier": "DHL",
            "tracking_number": "ZW123456789",
            "phone": "+263771234567",
            "address": { "line1": "12 Samora Machel Ave", "line2": "Flat 3", "city": "Harare",
                         "state": "Harare", "postal_code": "00263", "country": "ZW" }
        },
        "return_url": "https://shop.example/done"
    })
}

async fn charge(app: &TestApp, body: Value) -> Value {
    let r = app.api("POST", "/v1/charges", Some(body)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    r.body
}

async fn events_of(app: &TestApp, kind: &str) -> Vec<Value> {
    let r = app
        .api("GET", &format!("/v1/events?type={kind}&limit=100"), None)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    r.body["data"].as_array().unwrap().clone()
}

async fn usd_available(app: &TestApp) -> i64 {
    let b = app.api("GET", "/v1/balance", None).await.body;
    b["available"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["currency"] == "usd")
        .map_or(0, |a| a["amount"].as_i64().unwrap())
}

#[tokio::test]
async fn a_confirmed_charge_to_a_paying_number_succeeds_with_every_documented_field() {
    let app = app().await;
    let c = charge(&app, full_request(PAYS)).await;
    assert_eq!(
        keys(&c),
        [
            "amount",
            "amount_refunded",
            "cancellation_reason",
            "cancelled_at",
            "checkout_session",
            "client_secret",
            "created",
            "description",
            "failure_code",
            "failure_reason",
            "id",
            "livemode",
            "metadata",
            "object",
            "paid",
            "payment",
            "payment_method",
            "payment_method_details",
            "product",
            "receipt_email",
            "refund_reference",
            "return_url",
            "shipping",
            "source",
            "statement_descriptor",
            "status",
        ]
    );
    let id = c["id"].as_str().unwrap();
    assert!(id.starts_with("ch_"), "{c}");
    assert_eq!(c["object"], "charge");
    assert_eq!(c["amount"], json!({ "value": 2500, "currency": "usd" }));
    assert_eq!(
        (c["status"].as_str(), c["paid"].as_bool()),
        (Some("succeeded"), Some(true))
    );
    assert_eq!(c["livemode"], false);
    assert!(c["created"].as_i64().unwrap() > 1_700_000_000);
    assert_eq!(c["payment_method"], "mobile_money");
    assert_eq!(
        c["payment_method_details"],
        json!({ "mobile_money": { "provider": "ecocash", "phone": PAYS } })
    );
    assert_eq!(c["metadata"]["cashier"], "Rudo");
    assert_eq!(c["receipt_email"], "tendai@example.com");
    assert_eq!(c["statement_descriptor"], "Duka la Amina 42");
    assert_eq!(c["return_url"], "https://shop.example/done");
    assert_eq!(c["shipping"]["address"]["country"], "ZW");
    assert_eq!(c["shipping"]["tracking_number"], "ZW123456789");
    assert_eq!(c["source"], "pos");
    assert_eq!(c["description"], "Two bags of maize meal");
    assert!(
        c["client_secret"]
            .as_str()
            .unwrap()
            .starts_with(&format!("{id}_secret_"))
    );
    for absent in [
        "failure_code",
        "failure_reason",
        "cancelled_at",
        "cancellation_reason",
        "refund_reference",
        "checkout_session",
    ] {
        assert!(c[absent].is_null(), "{absent}: {c}");
    }
    // The same object from retrieve, and the event that told the merchant.
    let again = app.api("GET", &format!("/v1/charges/{id}"), None).await;
    assert_eq!(again.body["status"], "succeeded");
    let events = events_of(&app, "charge.succeeded").await;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["data"]["id"], id);
    assert_eq!(events[0]["data"]["paid"], true);
    assert_eq!(usd_available(&app).await, 2500);
    // A charge is not a checkout session.
    let sessions = app.api("GET", "/v1/checkout/sessions", None).await;
    assert_eq!(sessions.body["data"], json!([]));
}

#[tokio::test]
async fn a_failing_number_fails_with_the_documented_fields_and_can_be_confirmed_again() {
    let app = app().await;
    let c = charge(&app, full_request(FAILS)).await;
    let id = c["id"].as_str().unwrap();
    assert_eq!(
        (c["status"].as_str(), c["paid"].as_bool()),
        (Some("failed"), Some(false))
    );
    assert_eq!(c["failure_code"], "insufficient_funds");
    assert!(
        c["failure_reason"]
            .as_str()
            .unwrap()
            .contains("nsufficient"),
        "{c}"
    );
    let failed = events_of(&app, "charge.failed").await;
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0]["data"]["failure_code"], "insufficient_funds");
    assert_eq!(usd_available(&app).await, 0);

    let r = app
        .api(
            "POST",
            &format!("/v1/charges/{id}/confirm"),
            Some(json!({ "payment_method": ecocash(PAYS) })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["status"], "succeeded");
    assert!(r.body["failure_code"].is_null());
    assert_eq!(usd_available(&app).await, 2500);
    // Paid: neither confirmed nor cancelled again.
    let r = app
        .api(
            "POST",
            &format!("/v1/charges/{id}/confirm"),
            Some(json!({ "payment_method": ecocash(PAYS) })),
        )
        .await;
    assert_eq!(
        (r.status, r.body["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("charge_not_confirmable"))
    );
    let r = app
        .api("POST", &format!("/v1/charges/{id}/cancel"), Some(json!({})))
        .await;
    assert_eq!(
        (r.status, r.body["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("charge_not_cancellable"))
    );
}

#[tokio::test]
async fn an_unconfirmed_charge_waits_takes_its_fields_on_confirm_and_can_be_cancelled() {
    let app = app().await;
    let c = charge(
        &app,
        json!({ "amount": 100, "currency": "USD", "source": "ussd" }),
    )
    .await;
    let id = c["id"].as_str().unwrap();
    assert_eq!(c["status"], "requires_payment_method");
    assert!(
        c["payment_method"].is_null() && c["payment_method_details"].is_null(),
        "{c}"
    );
    // Confirm needs a payment method when creation gave none.
    let r = app
        .api(
            "POST",
            &format!("/v1/charges/{id}/confirm"),
            Some(json!({})),
        )
        .await;
    assert_eq!(
        (r.status, r.body["error"]["param"].as_str()),
        (StatusCode::BAD_REQUEST, Some("payment_method"))
    );
    // A bad field on confirm names it and changes nothing.
    let r = app
        .api(
            "POST",
            &format!("/v1/charges/{id}/confirm"),
            Some(json!({ "payment_method": ecocash(SILENT), "statement_descriptor": "no!" })),
        )
        .await;
    assert_eq!(
        r.body["error"]["param"], "statement_descriptor",
        "{}",
        r.text
    );
    assert_eq!(
        app.api("GET", &format!("/v1/charges/{id}"), None)
            .await
            .body["status"],
        "requires_payment_method"
    );

    // A number that never answers: pending until cancelled.
    let r = app
        .api("POST", &format!("/v1/charges/{id}/confirm"),
            Some(json!({ "payment_method": ecocash(SILENT), "description": "Airtime bundle", "metadata": { "till": "9" } })))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["status"], "pending");
    assert_eq!(r.body["description"], "Airtime bundle");
    assert_eq!(r.body["metadata"], json!({ "till": "9" }));
    let r = app
        .api(
            "POST",
            &format!("/v1/charges/{id}/cancel"),
            Some(json!({ "cancellation_reason": "sometime" })),
        )
        .await;
    assert_eq!(
        r.body["error"]["param"], "cancellation_reason",
        "{}",
        r.text
    );
    let r = app
        .api(
            "POST",
            &format!("/v1/charges/{id}/cancel"),
            Some(json!({ "cancellation_reason": "requested_by_customer" })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["status"], "cancelled");
    assert_eq!(r.body["cancellation_reason"], "requested_by_customer");
    assert!(r.body["cancelled_at"].as_i64().unwrap() >= r.body["created"].as_i64().unwrap());
    assert!(r.body["failure_code"].is_null());
    let cancelled = events_of(&app, "charge.cancelled").await;
    assert_eq!(cancelled.len(), 1);
    assert_eq!(cancelled[0]["data"]["id"], id);
    let r = app
        .api("POST", &format!("/v1/charges/{id}/cancel"), Some(json!({})))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    let r = app
        .api(
            "POST",
            &format!("/v1/charges/{id}/confirm"),
            Some(json!({ "payment_method": ecocash(PAYS) })),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    assert_eq!(usd_available(&app).await, 0);
}

#[tokio::test]
async fn bad_input_names_its_field_and_writes_nothing() {
    let app = app().await;
    let cases: Vec<(&str, Value, &str)> = vec![
        ("amount", json!(99), "amount_too_small"),
        ("currency", json!("xyz"), "currency_unsupported"),
        ("source", json!("fax"), "parameter_invalid"),
        ("description", json!("abc"), "parameter_invalid"),
        ("description", json!("x".repeat(151)), "parameter_invalid"),
        (
            "metadata",
            json!({"a": "1", "b": "2", "c": "3", "d": "4", "e": "5", "f": "6"}),
            "parameter_invalid",
        ),
        ("receipt_email", json!("not-an-email"), "parameter_invalid"),
        (
            "statement_descriptor",
            json!("Duka-42"),
            "parameter_invalid",
        ),
        (
            "statement_descriptor",
            json!("x".repeat(23)),
            "parameter_invalid",
        ),
        (
            "shipping.name",
            json!({ "carrier": "DHL" }),
            "parameter_missing",
        ),
        (
            "shipping.carrier",
            json!({ "name": "T", "carrier": "x".repeat(101) }),
            "parameter_invalid",
        ),
        (
            "shipping.phone",
            json!({ "name": "T", "phone": "1".repeat(51) }),
            "parameter_invalid",
        ),
        (
            "return_url",
            json!("http://shop.example/done"),
            "url_invalid",
        ),
        (
            "payment_method.mobile_money",
            json!({ "mobile_money": { "card": { "phone": PAYS } } }),
            "payment_method_unavailable",
        ),
        (
            "payment_method.mobile_money.ecocash.phone",
            json!({ "mobile_money": { "ecocash": { "phone": "+263711234567" } } }),
            "phone_wrong_network",
        ),
    ];
    for (field, value, code) in cases {
        let mut body = full_request(PAYS);
        let top = field.split('.').next().unwrap();
        body[top] = value;
        let r = app.api("POST", "/v1/charges", Some(body)).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{field}: {}", r.text);
        assert_eq!(r.body["error"]["param"], field, "{}", r.text);
        assert_eq!(r.body["error"]["code"], code, "{}", r.text);
        assert!(
            r.body["error"]["message"].as_str().unwrap().contains(field),
            "{}",
            r.text
        );
    }
    let mut no_method = full_request(PAYS);
    no_method.as_object_mut().unwrap().remove("payment_method");
    let r = app.api("POST", "/v1/charges", Some(no_method)).await;
    assert_eq!(r.body["error"]["param"], "payment_method", "{}", r.text);
    for missing in ["amount", "currency", "source"] {
        let mut body = full_request(PAYS);
        body.as_object_mut().unwrap().remove(missing);
        let r = app.api("POST", "/v1/charges", Some(body)).await;
        assert_eq!(
            (r.status, r.body["error"]["param"].as_str()),
            (StatusCode::BAD_REQUEST, Some(missing)),
            "{}",
            r.text
        );
    }
    let r = app
        .api(
            "POST",
            "/v1/charges",
            Some(json!({ "amount": 2500, "currency": "USD", "source": "web", "tip": 5 })),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text);
    assert_eq!(app.session_count().await, 0, "nothing written");
    assert!(events_of(&app, "charge.succeeded").await.is_empty());
}

#[tokio::test]
async fn charges_are_refunded_by_charge_listed_and_include_checkouts() {
    let app = app().await;
    let paid = charge(&app, full_request(PAYS)).await;
    let id = paid["id"].as_str().unwrap();
    let r = app
        .api(
            "POST",
            "/v1/refunds",
            Some(json!({ "charge": id, "amount": 1000, "reason": "one bag was torn" })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["status"], "succeeded");
    let refund = r.body["id"].as_str().unwrap().to_owned();
    let c = app
        .api("GET", &format!("/v1/charges/{id}"), None)
        .await
        .body;
    assert_eq!(c["refund_reference"], refund.as_str());
    assert_eq!(c["amount_refunded"], 1000);
    let refunded = events_of(&app, "charge.refunded").await;
    assert_eq!(refunded.len(), 1);
    assert_eq!(refunded[0]["data"]["refund_reference"], refund.as_str());
    assert_eq!(usd_available(&app).await, 1500);

    let failed = charge(&app, full_request(FAILS)).await;
    let waiting = charge(
        &app,
        json!({ "amount": 300, "currency": "USD", "source": "web" }),
    )
    .await;
    let session = app.new_session(session_body()).await;
    let checkout = app.session(&session).await;
    let checkout_charge = checkout["charge_reference"].as_str().unwrap();

    let list = app.api("GET", "/v1/charges?limit=10", None).await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.text);
    let ids: Vec<&str> = list.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            checkout_charge,
            waiting["id"].as_str().unwrap(),
            failed["id"].as_str().unwrap(),
            id
        ]
    );
    let by_status = |s: &'static str| {
        let app = &app;
        async move {
            let r = app
                .api("GET", &format!("/v1/charges?status={s}"), None)
                .await;
            assert_eq!(r.status, StatusCode::OK, "{}", r.text);
            r.body["data"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["id"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(by_status("succeeded").await, [id]);
    assert_eq!(by_status("failed").await, [failed["id"].as_str().unwrap()]);
    assert_eq!(by_status("requires_payment_method").await.len(), 2);
    let page = app
        .api(
            "GET",
            &format!(
                "/v1/charges?limit=2&after={}",
                waiting["id"].as_str().unwrap()
            ),
            None,
        )
        .await;
    let after: Vec<&str> = page.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(after, [failed["id"].as_str().unwrap(), id]);
    assert_eq!(page.body["paging"]["has_next_page"], false, "{}", page.text);
    let r = app.api("GET", "/v1/charges?status=paid", None).await;
    assert_eq!(r.body["error"]["param"], "status");
    let r = app.api("GET", "/v1/charges?after=ch_nothing", None).await;
    assert_eq!(r.body["error"]["param"], "after");
    let today = time::OffsetDateTime::now_utc().date();
    let r = app
        .api(
            "GET",
            &format!("/v1/charges?start_date={}", today.next_day().unwrap()),
            None,
        )
        .await;
    assert_eq!(r.body["data"], json!([]), "{}", r.text);

    // A checkout's charge: retrieved here, paid and cancelled on its page.
    let c = app
        .api("GET", &format!("/v1/charges/{checkout_charge}"), None)
        .await
        .body;
    assert_eq!(
        (c["checkout_session"].as_str(), c["status"].as_str()),
        (Some(session.as_str()), Some("requires_payment_method"))
    );
    assert_eq!(c["client_secret"], checkout["client_secret"]);
    let r = app
        .api(
            "POST",
            &format!("/v1/charges/{checkout_charge}/cancel"),
            Some(json!({})),
        )
        .await;
    assert_eq!(
        (r.status, r.body["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("charge_of_checkout"))
    );
    // Another merchant sees none of it.
    let other = app.other_merchant_key("Other shop").await;
    let r = app
        .api_as(Some(&other), "GET", &format!("/v1/charges/{id}"), None, &[])
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_idempotent_retry_of_a_confirmed_charge_pushes_once() {
    let app = app().await;
    let headers = [("idempotency-key", "charge-1")];
    let first = app
        .api_as(
            Some(support::KEY),
            "POST",
            "/v1/charges",
            Some(full_request(PAYS)),
            &headers,
        )
        .await;
    let second = app
        .api_as(
            Some(support::KEY),
            "POST",
            "/v1/charges",
            Some(full_request(PAYS)),
            &headers,
        )
        .await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text);
    assert_eq!(first.body, second.body);
    assert_eq!(second.headers["idempotent-replayed"], "true");
    assert_eq!(app.session_count().await, 1);
    assert_eq!(usd_available(&app).await, 2500);
}
