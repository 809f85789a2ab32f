//! The compatible APIs: each gateway's documented sample request, sent
//! unchanged, succeeds with exactly the documented response fields; each
//! documented error; and the outcome through that gateway's own mechanism.

mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::{Value, json};
use std::time::Duration;
use support::receiver::{Receiver, envelope};
use support::{CARD_OK, KEY, TestApp, app, keys};

fn is_iso(s: &Value, fraction: usize) -> bool {
    let s = s.as_str().unwrap_or("");
    let head = s.len() == 20 + fraction + usize::from(fraction > 0);
    let parsed =
        time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).is_ok();
    head && parsed && s.ends_with('Z')
}

// ---------------------------------------------------------------- Zenofy

/// The body of `zenofy-order-api-gateway.txt`, byte for byte.
const ZENOFY_SAMPLE: &str = r#"{
"productId": "507f1f77bcf86cd799439011",
"amount": 2500,
"currency": "MZN",
"reference": "inv-2026-0042",
"description": "Pro plan — March 2026",
"customer": {
"name": "João Silva",
"email": "buyer@example.com",
"phone": "+258840000000"
},
"payment_methods": ["mpesa", "card"],
"success_url": "https://your-app.com/paid?ref=inv-2026-0042",
"cancel_url": "https://your-app.com/cancelled",
"language": "pt"
}"#;

async fn zenofy(app: &TestApp, key: Option<&str>, body: &str) -> support::Reply {
    let mut req = Request::post("/checkout/order-api-gateway")
        .header(header::CONTENT_TYPE, "application/json");
    if let Some(k) = key {
        req = req.header("Api-Key", k);
    }
    app.send(req.body(Body::from(body.to_owned())).unwrap())
        .await
}

/// The merchant's Zenofy product, brought over with its id.
async fn zenofy_product(app: &TestApp, webhook_url: &str) {
    let r = app
        .api(
            "POST",
            "/v1/products",
            Some(json!({
                "id": "507f1f77bcf86cd799439011", "type": "api_gateway", "name": "Pro plan",
                "main_currency": "MZN", "webhook_url": webhook_url,
                "payment_methods": ["mpesa", "emola", "card"]
            })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
}

#[tokio::test]
async fn zenofy_sample_request_creates_a_checkout() {
    let app = app().await;
    zenofy_product(&app, "https://your-app.com/hooks").await;
    let r = zenofy(&app, Some(KEY), ZENOFY_SAMPLE).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(keys(&r.body), ["checkout_id", "checkout_url", "expires_at"]);
    let id = r.body["checkout_id"].as_str().unwrap();
    assert_eq!(
        r.body["checkout_url"],
        format!("https://pay.example/c/{id}").as_str()
    );
    // ISO 8601 UTC as the document shows it: 2026-05-20T14:30:00.0000000Z.
    assert!(is_iso(&r.body["expires_at"], 7), "{}", r.body["expires_at"]);

    // The session behind it: the sample's values, in our model.
    let s = app.session(id).await;
    assert_eq!(s["amount_total"], 2500);
    assert_eq!(s["currency"], "mzn");
    assert_eq!(s["client_reference_id"], "inv-2026-0042");
    assert_eq!(s["payment_method_types"], json!(["mpesa", "card"]));
    assert_eq!(s["locale"], "pt");
    assert_eq!(s["customer"]["phone"], "+258840000000");
    assert_eq!(
        s["success_url"],
        "https://your-app.com/paid?ref=inv-2026-0042"
    );
    assert_eq!(s["product"], "507f1f77bcf86cd799439011");

    // `currency` defaults to the product's main currency.
    let mut body: Value = serde_json::from_str(ZENOFY_SAMPLE).unwrap();
    body.as_object_mut().unwrap().remove("currency");
    let r = zenofy(&app, Some(KEY), &body.to_string()).await;
    let s = app.session(r.body["checkout_id"].as_str().unwrap()).await;
    assert_eq!(s["currency"], "mzn");
}

#[tokio::test]
async fn zenofy_errors_are_its_own_shape() {
    let app = app().await;
    zenofy_product(&app, "https://your-app.com/hooks").await;
    let before = app.session_count().await;
    let sample: Value = serde_json::from_str(ZENOFY_SAMPLE).unwrap();
    let without = |field: &str| {
        let mut b = sample.clone();
        b.as_object_mut().unwrap().remove(field);
        b.to_string()
    };
    let with = |field: &str, v: Value| {
        let mut b = sample.clone();
        b[field] = v;
        b.to_string()
    };
    // 401: no key, a Bearer key, a wrong key.
    for r in [
        zenofy(&app, None, ZENOFY_SAMPLE).await,
        zenofy(&app, Some("sk_test_wrongwrongwrongwrong"), ZENOFY_SAMPLE).await,
        app.send(
            Request::post("/checkout/order-api-gateway")
                .header(header::AUTHORIZATION, format!("Bearer {KEY}"))
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(ZENOFY_SAMPLE))
                .unwrap(),
        )
        .await,
    ] {
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.text);
        assert_eq!(keys(&r.body), ["message", "success"]);
        assert_eq!(r.body["success"], false);
    }
    // 400s, each with a message that says what is wrong.
    for (body, says) in [
        (without("productId"), "productId"),
        (without("amount"), "amount"),
        (without("customer"), "customer"),
        (with("productId", json!("nope")), "Product not found"),
        (with("amount", json!(0)), "amount"),
        (with("amount", json!("25.00")), "amount"),
        (with("currency", json!("ZZZ")), "currency"),
        (with("payment_methods", json!(["cash"])), "payment_methods"),
        (
            with("success_url", json!("http://your-app.com/paid")),
            "success_url",
        ),
        (
            with("customer", json!({ "name": "João" })),
            "customer.email",
        ),
        ("{not json".to_owned(), "JSON"),
    ] {
        let r = zenofy(&app, Some(KEY), &body).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{body}: {}", r.text);
        assert_eq!(keys(&r.body), ["message", "success"], "{body}");
        assert_eq!(r.body["success"], false);
        let message = r.body["message"].as_str().unwrap();
        assert!(message.contains(says), "{body}: {message}");
    }
    // The product rules: active, with a webhook URL.
    let r = app
        .api(
            "POST",
            "/v1/products/507f1f77bcf86cd799439011",
            Some(json!({ "webhook_url": "" })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let r = zenofy(&app, Some(KEY), ZENOFY_SAMPLE).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body["message"].as_str().unwrap().contains("webhook URL"));
    app.api(
        "POST",
        "/v1/products/507f1f77bcf86cd799439011",
        Some(json!({ "webhook_url": "https://your-app.com/hooks", "active": false })),
    )
    .await;
    let r = zenofy(&app, Some(KEY), ZENOFY_SAMPLE).await;
    assert!(r.body["message"].as_str().unwrap().contains("not active"));
    assert_eq!(app.session_count().await, before, "nothing written");
}

#[tokio::test]
async fn zenofy_merchants_learn_the_outcome_by_status_call_and_webhook() {
    let app = app().await;
    let hooks = Receiver::start().await;
    zenofy_product(&app, &hooks.url).await;
    let r = zenofy(&app, Some(KEY), ZENOFY_SAMPLE).await;
    let id = r.body["checkout_id"].as_str().unwrap().to_owned();
    let status = |id: String| {
        let app = &app;
        async move {
            app.send(
                Request::get(format!("/checkout/order-status?orderId={id}"))
                    .header("Api-Key", KEY)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
        }
    };
    let r = status(id.clone()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["success"], true);
    assert_eq!(r.body["status"], "pending");
    assert_eq!(r.body["reference"], "inv-2026-0042");
    let paid = app.pay_by_card(&id, CARD_OK).await;
    assert!(paid.status.is_redirection(), "{}", paid.text);
    let r = status(id.clone()).await;
    assert_eq!(r.body["status"], "paid");
    assert!(is_iso(&r.body["paid_at"], 7));
    let r = status("cs_nope".into()).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.body["success"], false);

    // Zenofy's webhook: payment.succeeded with the merchant's reference, signed.
    let got = hooks.wait_for(1, Duration::from_secs(5)).await;
    let e = envelope(&got[0]);
    assert_eq!(e["type"], "payment.succeeded");
    assert_eq!(e["data"]["reference"], "inv-2026-0042");
    assert!(got[0].signature.starts_with("v1,"));
    // Only Zenofy's event types go to a Zenofy merchant.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(hooks.received().len(), 1);
    let _ = KEY;
}

// ---------------------------------------------------------------- Orqex

/// The sample of `orqex-create-checkout.txt` with its placeholders filled
/// (the document shows `<string>`); every field it lists is sent.
fn orqex_sample(webhook_url: &str) -> Value {
    json!({
        "amount": 2,
        "currency": "XOF",
        "description": "Abonnement mensuel",
        "customer": {
            "email": "awa.diop@example.com",
            "first_name": "Awa",
            "last_name": "Diop",
            "address": "12 Rue Carnot",
            "city": "Dakar",
            "state": "Dakar",
            "country": "SN",
            "zip": "10200"
        },
        "return_url": "https://shop.example/return",
        "webhook_url": webhook_url,
        "statement_descriptor": "SHOP EXAMPLE",
        "receipt_email": "awa.diop@example.com",
        "restriction": {
            "country_code": "CI",
            "phone": { "number": "0501234567", "country": "CI" }
        },
        "customization": { "color": "#FFD400", "brand": "Boutique Awa" },
        "metadata": { "order": "A-77", "items": 3 }
    })
}

async fn orqex(app: &TestApp, body: Value, idem: Option<&str>) -> support::Reply {
    let mut headers = vec![];
    if let Some(k) = idem {
        headers.push(("X-Idempotency-Key", k));
    }
    app.api_as(
        Some(KEY),
        "POST",
        "/v1/payment/checkouts",
        Some(body),
        &headers,
    )
    .await
}

fn shape(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(m.iter().map(|(k, v)| (k.clone(), shape(v))).collect()),
        Value::String(_) => json!("string"),
        Value::Number(_) => json!("number"),
        Value::Bool(_) => json!("bool"),
        Value::Null => json!("null"),
        Value::Array(_) => json!("array"),
    }
}

#[tokio::test]
async fn orqex_sample_request_creates_a_checkout_in_the_documented_shape() {
    let app = app().await;
    let r = orqex(
        &app,
        orqex_sample("https://shop.example/hooks"),
        Some("order-A-77-attempt-1"),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(keys(&r.body), ["data", "message"]);
    assert_eq!(keys(&r.body["data"]), ["checkout", "payment"]);
    // Exactly the documented fields, with the documented types.
    assert_eq!(
        shape(&r.body["data"]["checkout"]),
        json!({
            "id": "string", "token": "string", "url": "string",
            "restriction": { "country_code": "string", "phone": { "number": "string", "country": "string" } },
            "customization": { "color": "string", "brand": "string" },
            "expires_at": "string", "created_at": "string"
        })
    );
    let payment = &r.body["data"]["payment"];
    assert_eq!(
        keys(payment),
        [
            "active_attempt",
            "amount",
            "completed_at",
            "created_at",
            "customer",
            "description",
            "expires_at",
            "id",
            "metadata",
            "receipt_email",
            "return_url",
            "statement_descriptor",
            "status",
            "webhook_url"
        ]
    );
    assert_eq!(
        keys(&payment["customer"]),
        ["avatar_url", "email", "first_name", "id", "last_name"]
    );
    // 2 XOF in major units is 2 XOF (XOF has no minor unit).
    assert_eq!(
        payment["amount"],
        json!({ "value": 2, "formatted": "2 XOF", "short": "2 XOF", "currency": "XOF" })
    );
    assert_eq!(
        payment["metadata"],
        json!({ "order": "A-77", "items": "3" })
    );
    assert_eq!(payment["statement_descriptor"], "SHOP EXAMPLE");
    assert!(is_iso(&payment["expires_at"], 3));
    let checkout = &r.body["data"]["checkout"];
    assert_eq!(checkout["restriction"]["phone"]["number"], "+2250501234567");
    assert_eq!(
        checkout["customization"],
        json!({ "color": "#ffd400", "brand": "Boutique Awa" })
    );
    let id = checkout["id"].as_str().unwrap();
    assert_eq!(
        checkout["url"],
        format!("https://pay.example/c/{id}").as_str()
    );

    // The same X-Idempotency-Key replays the answer; no second checkout.
    let again = orqex(
        &app,
        orqex_sample("https://shop.example/hooks"),
        Some("order-A-77-attempt-1"),
    )
    .await;
    assert_eq!(again.body, r.body);
    assert_eq!(app.session_count().await, 1);

    // Major units with decimals, where the currency has them.
    let mut body = orqex_sample("https://shop.example/hooks");
    body["currency"] = json!("MZN");
    body["amount"] = json!(50.5);
    body.as_object_mut().unwrap().remove("restriction");
    let r = orqex(&app, body, None).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(r.body["data"]["payment"]["amount"]["value"], 5050);
    assert_eq!(
        r.body["data"]["payment"]["amount"]["formatted"],
        "50.50 MZN"
    );
}

#[tokio::test]
async fn orqex_errors_name_the_field() {
    let app = app().await;
    let sample = orqex_sample("https://shop.example/hooks");
    type Change = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(Change, &str)> = vec![
        (
            Box::new(|b| {
                b.as_object_mut().unwrap().remove("amount");
            }),
            "amount",
        ),
        (Box::new(|b| b["amount"] = json!(0.5)), "amount"),
        (Box::new(|b| b["amount"] = json!(1.5)), "amount"), // XOF has no decimals
        (
            Box::new(|b| {
                b.as_object_mut().unwrap().remove("currency");
            }),
            "currency",
        ),
        (Box::new(|b| b["currency"] = json!("xof")), "currency"),
        (
            Box::new(|b| {
                b.as_object_mut().unwrap().remove("description");
            }),
            "description",
        ),
        (
            Box::new(|b| b["description"] = json!("x".repeat(501))),
            "description",
        ),
        (
            Box::new(|b| {
                b.as_object_mut().unwrap().remove("customer");
            }),
            "customer",
        ),
        (
            Box::new(|b| b["statement_descriptor"] = json!("x".repeat(23))),
            "statement_descriptor",
        ),
        (
            Box::new(|b| b["receipt_email"] = json!("not-an-email")),
            "receipt_email",
        ),
        (
            Box::new(|b| b["return_url"] = json!("http://shop.example/return")),
            "return_url",
        ),
        (
            Box::new(|b| b["webhook_url"] = json!("ftp://shop.example")),
            "webhook_url",
        ),
        (
            Box::new(|b| b["customization"]["color"] = json!("yellow")),
            "customization.color",
        ),
        (
            Box::new(|b| b["restriction"]["country_code"] = json!("XX")),
            "restriction.country_code",
        ),
        (
            Box::new(|b| b["restriction"]["phone"]["number"] = json!("+258840000000")),
            "restriction.phone.number",
        ),
        (
            Box::new(|b| {
                b["metadata"] = json!(
                    (0..11)
                        .map(|i| (format!("k{i}"), json!("v")))
                        .collect::<serde_json::Map<_, _>>()
                )
            }),
            "metadata",
        ),
    ];
    for (change, param) in cases {
        let mut body = sample.clone();
        change(&mut body);
        let r = orqex(&app, body.clone(), None).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{param}: {}", r.text);
        assert_eq!(r.body["error"]["param"], param, "{}", r.text);
        assert!(r.body["message"].is_string());
    }
    // X-Idempotency-Key: 8 to 128 characters.
    let r = orqex(&app, sample.clone(), Some("short")).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.body["error"]["code"], "idempotency_key_invalid");
    // A wrong key.
    let r = app
        .api_as(
            Some("sk_test_wrongwrongwrongwrong"),
            "POST",
            "/v1/payment/checkouts",
            Some(sample),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.body["message"].is_string());
    assert_eq!(app.session_count().await, 0, "nothing written");
}

#[tokio::test]
async fn orqex_page_is_branded_and_takes_only_the_restricted_phone() {
    let app = app().await;
    let hooks = Receiver::start().await;
    let r = orqex(&app, orqex_sample(&hooks.url), None).await;
    let id = r.body["data"]["checkout"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let page = app
        .send(
            Request::get(format!("/c/{id}"))
                .header(header::ACCEPT, "text/html")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text;
    assert!(
        html.contains("Boutique Awa"),
        "the brand name heads the page"
    );
    // Yellow takes dark text: the colour the merchant chose, the text we chose.
    assert!(
        html.contains("--brand:#ffd400;--on-brand:#111111"),
        "{html}"
    );
    // The fixed number, read-only; only Côte d'Ivoire's MTN is offered.
    assert!(
        html.contains(r#"value="+225 05 0123 4567""#) || html.contains("+225 05"),
        "{html}"
    );
    assert!(html.contains("readonly"));
    assert!(html.contains(r#"value="momo_mtn""#));
    assert!(!html.contains(r#"value="mpesa""#));

    let pay = |phone: &'static str| {
        let app = &app;
        let id = id.clone();
        async move {
            app.send(
                Request::post(format!("/c/{id}"))
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .header(header::ACCEPT, "text/html")
                    .body(Body::from(format!("method=momo_mtn&phone={phone}")))
                    .unwrap(),
            )
            .await
        }
    };
    let refused = pay("%2B2250509999999").await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text.contains("only from the number shown"));
    let paid = pay("%2B2250501234567").await;
    assert!(paid.status.is_redirection(), "{}", paid.text);
    // The sandbox answers; the merchant's webhook_url hears it, and the
    // retrieve call says so.
    let got = hooks.wait_for(1, Duration::from_secs(10)).await;
    let e = envelope(&got[0]);
    assert!(
        e["type"].as_str().unwrap().starts_with("payment.")
            || e["type"] == "checkout.session.completed"
    );
    let r = app
        .api("GET", &format!("/v1/payment/checkouts/{id}"), None)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["data"]["payment"]["status"], "succeeded");
    assert_eq!(
        r.body["data"]["payment"]["active_attempt"]["method"]["value"],
        "momo_mtn"
    );
}

// ---------------------------------------------------------------- Waftpay

/// The request body of `waftpay-checkout.txt`. Sent unchanged except
/// `extra_params.expiry`: the document's date (2026-02-14) has passed, and
/// a checkout cannot expire before it is made.
fn waftpay_sample(callback: &str) -> Value {
    json!({
        "customer": {
            "first_name": "Amina",
            "other_names": "Kariuki",
            "email": "amina.kariuki@example.com",
            "phone_number": "254733112244"
        },
        "timestamp": "2025-11-18T09:45:30.540Z",
        "checkout_reference": "CHK623581942",
        "payment_reference": "INV20478519",
        "msisdn": "254711223344",
        "country": "KEN",
        "currency": "KES",
        "amount": 1750,
        "mode": "redirect",
        "callback_url": callback,
        "success_redirect_url": "https://webhook.site/aa2b85e4-1c13-4a9c-9b7e-3d7f3d91c9f1",
        "fail_redirect_url": "https://webhook.site/aa2b85e4-1c13-4a9c-9b7e-3d7f3d91c9f1",
        "meta_data": { "order_id": "ORDER-39182" },
        "extra_params": {
            "language": "en",
            "expiry": future_expiry(),
            "strict_amount": true
        }
    })
}

fn future_expiry() -> String {
    let t = time::OffsetDateTime::now_utc() + time::Duration::days(2);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

async fn waftpay_token(app: &TestApp) -> String {
    let r = app
        .send(
            Request::post("/checkout-backend-api/v1/auth/token")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(json!({ "api_key": KEY }).to_string()))
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(keys(&r.body), ["code", "data", "description", "status"]);
    assert_eq!(r.body["data"]["token_type"], "Bearer");
    r.body["data"]["access_token"].as_str().unwrap().to_owned()
}

async fn waftpay(app: &TestApp, token: &str, body: Value) -> support::Reply {
    app.send(
        Request::post("/checkout-backend-api/v1/request")
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .unwrap(),
    )
    .await
}

#[tokio::test]
async fn waftpay_sample_request_is_accepted_in_its_envelope() {
    let app = app().await;
    let token = waftpay_token(&app).await;
    let r = waftpay(
        &app,
        &token,
        waftpay_sample("https://webhook.site/aa2b85e4"),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(keys(&r.body), ["code", "data", "description", "status"]);
    assert_eq!(r.body["code"], "200");
    assert_eq!(r.body["status"], "SUCCESS");
    assert_eq!(r.body["description"], "Request accepted");
    assert_eq!(keys(&r.body["data"]), ["checkout_url", "expires_at"]);
    assert!(is_iso(&r.body["data"]["expires_at"], 3));
    let url = r.body["data"]["checkout_url"].as_str().unwrap();
    let id = url.rsplit('/').next().unwrap();
    let s = app.session(id).await;
    // 1750 KES in major units.
    assert_eq!(s["amount_total"], 175000);
    assert_eq!(s["client_reference_id"], "INV20478519");
    assert_eq!(s["customer"]["phone"], "+254711223344");
    assert_eq!(s["webhook_url"], "https://webhook.site/aa2b85e4");
    assert_eq!(s["metadata"]["order_id"], "ORDER-39182");

    // checkout_reference is unique per merchant.
    let again = waftpay(
        &app,
        &token,
        waftpay_sample("https://webhook.site/aa2b85e4"),
    )
    .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.text);
    assert_eq!(again.body["status"], "FAILED");
    assert_eq!(again.body["code"], "409");
}

#[tokio::test]
async fn waftpay_errors_keep_its_envelope() {
    let app = app().await;
    let token = waftpay_token(&app).await;
    let sample = waftpay_sample("https://webhook.site/x");
    // No token, a forged one, a revoked key's.
    for t in ["", "wft_eyJ.forged", "sk_test_apitests_000000000000000000"] {
        let r = waftpay(&app, t, sample.clone()).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{t}: {}", r.text);
        assert_eq!(r.body["status"], "FAILED");
        assert_eq!(r.body["code"], "401");
    }
    let bad_token = app
        .send(
            Request::post("/checkout-backend-api/v1/auth/token")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(r#"{"api_key":"sk_test_wrongwrongwrongwrong"}"#))
                .unwrap(),
        )
        .await;
    assert_eq!(bad_token.status, StatusCode::UNAUTHORIZED);
    let cases: Vec<(&str, Value, &str)> = vec![
        ("checkout_reference", Value::Null, "checkout_reference"),
        ("amount", Value::Null, "amount"),
        ("amount", json!(0), "amount"),
        ("currency", json!("ZZZ"), "currency"),
        ("country", json!("XYZ"), "country"),
        ("callback_url", Value::Null, "callback_url"),
        (
            "callback_url",
            json!("http://example.com/cb"),
            "callback_url",
        ),
        (
            "success_redirect_url",
            json!("not a url"),
            "success_redirect_url",
        ),
        ("mode", json!("popup"), "mode"),
    ];
    for (field, value, says) in cases {
        let mut body = sample.clone();
        body["checkout_reference"] = json!(format!("CHK-{field}-{value}"));
        if value.is_null() {
            body.as_object_mut().unwrap().remove(field);
        } else {
            body[field] = value;
        }
        let r = waftpay(&app, &token, body).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{field}: {}", r.text);
        assert_eq!(keys(&r.body), ["code", "data", "description", "status"]);
        assert_eq!(r.body["status"], "FAILED");
        assert!(
            r.body["description"].as_str().unwrap().contains(says),
            "{}",
            r.text
        );
    }
    let mut body = sample.clone();
    body["extra_params"]["expiry"] = json!("2026-02-14 18:30:00");
    let r = waftpay(&app, &token, body).await;
    assert_eq!(
        r.status,
        StatusCode::BAD_REQUEST,
        "a past expiry: {}",
        r.text
    );
    assert_eq!(app.session_count().await, 0, "nothing written");

    // Revoking the key ends its tokens.
    server::store::merchants::revoke_key(&app.state.db, &KEY[..16])
        .await
        .unwrap();
    let r = waftpay(&app, &token, sample).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn waftpay_partial_payments_keep_the_session_open_until_paid() {
    let app = app().await;
    let hooks = Receiver::start().await;
    let token = waftpay_token(&app).await;
    let mut body = waftpay_sample(&hooks.url);
    body["extra_params"]["strict_amount"] = json!(false);
    let r = waftpay(&app, &token, body).await;
    let url = r.body["data"]["checkout_url"].as_str().unwrap().to_owned();
    let id = url.rsplit('/').next().unwrap().to_owned();
    let pay = |amount: &'static str| {
        let app = &app;
        let id = id.clone();
        async move {
            app.send(
                Request::post(format!("/c/{id}"))
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .header(header::ACCEPT, "text/html")
                    .body(Body::from(format!(
                        "method=mpesa&phone=%2B254700000000&amount={amount}"
                    )))
                    .unwrap(),
            )
            .await
        }
    };
    let status = || async {
        app.send(
            Request::get("/checkout-backend-api/v1/request/CHK623581942")
                .header(header::AUTHORIZATION, format!("Bearer {token}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await
    };
    // The page offers the amount field with what is left.
    let page = app
        .send(
            Request::get(format!("/c/{id}"))
                .header(header::ACCEPT, "text/html")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert!(page.text.contains(r#"id="amount""#));
    assert!(
        page.text.contains(r#"value="1750.00""#),
        "what is left, to start"
    );
    // More than is left, or nothing: refused.
    for bad in ["1750.01", "0", "abc"] {
        let r = pay(bad).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert!(r.text.contains("no more than what is left"), "{bad}");
    }
    // A first part: 500.
    let r = pay("500").await;
    assert!(r.status.is_redirection(), "{}", r.text);
    let s = app.session(&id).await;
    assert_eq!(
        (s["status"].as_str(), s["amount_paid"].as_i64()),
        (Some("open"), Some(50000))
    );
    let st = status().await;
    assert_eq!(st.status, StatusCode::OK, "{}", st.text);
    assert_eq!(st.body["data"]["status"], "PARTIALLY_PAID");
    assert_eq!(st.body["data"]["amount_paid"], "500.00");
    // The rest, typed the Kenyan way.
    let r = pay("1%2C250.00").await;
    assert!(r.status.is_redirection(), "{}", r.text);
    let s = app.session(&id).await;
    assert_eq!(s["status"], "complete");
    assert_eq!(s["amount_paid"], 175000);
    let st = status().await;
    assert_eq!(st.body["data"]["status"], "PAID");
    assert_eq!(st.body["data"]["payments"].as_array().unwrap().len(), 2);

    // The callback_url hears each part and the completion.
    let got = hooks.wait_for(3, Duration::from_secs(5)).await;
    let mut types: Vec<String> = got
        .iter()
        .map(|r| envelope(r)["type"].as_str().unwrap().to_owned())
        .collect();
    types.sort();
    assert_eq!(
        types,
        [
            "checkout.session.completed",
            "payment.succeeded",
            "payment.succeeded"
        ]
    );
    let parts: i64 = got
        .iter()
        .map(envelope)
        .filter(|e| e["type"] == "payment.succeeded")
        .map(|e| e["data"]["amount"].as_i64().unwrap())
        .sum();
    assert_eq!(parts, 175000);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parts_paid_at_once_never_take_more_than_the_total() {
    let app = app().await;
    let token = waftpay_token(&app).await;
    for round in 0..3 {
        let mut body = waftpay_sample("https://shop.example/hooks");
        body["checkout_reference"] = json!(format!("CHK-RACE-{round}"));
        body["extra_params"]["strict_amount"] = json!(false);
        let r = waftpay(&app, &token, body).await;
        let url = r.body["data"]["checkout_url"].as_str().unwrap().to_owned();
        let id = url.rsplit('/').next().unwrap().to_owned();
        // Eight tabs each pay 1,000 of the 1,750 by card at the same moment.
        let tabs = (0..8).map(|_| {
            let card = format!("{}&amount=1000", support::card(support::CARD_OK));
            app.send(support::form(&format!("/c/{id}"), &card))
        });
        futures_util::future::join_all(tabs).await;
        let s = app.session(&id).await;
        let paid: i64 =
            sqlx::query_scalar::<_, i64>("SELECT amount_paid FROM checkout_sessions WHERE id = $1")
                .bind(&id)
                .fetch_one(&app.state.db.pool)
                .await
                .unwrap();
        assert_eq!(paid, 100_000, "one part of 1,000.00 KES, not more: {s}");
    }
}

/// Every language the page speaks is accepted wherever an API takes one:
/// the native `locale`, Zenofy's `language` and Waftpay's
/// `extra_params.language`; the page then opens in it.
#[tokio::test]
async fn every_door_takes_every_language_the_page_speaks() {
    let app = app().await;
    zenofy_product(&app, "https://your-app.com/hooks").await;
    let token = waftpay_token(&app).await;
    for (n, locale) in app::domain::Locale::ALL.iter().enumerate() {
        let code = locale.as_str();
        let mut native = support::session_body();
        native["locale"] = json!(code);
        let native = app.new_session(native).await;

        let mut z: Value = serde_json::from_str(ZENOFY_SAMPLE).unwrap();
        z["language"] = json!(code);
        z["reference"] = json!(format!("inv-lang-{n}"));
        let r = zenofy(&app, Some(KEY), &z.to_string()).await;
        assert_eq!(r.status, StatusCode::OK, "{code}: {}", r.text);
        let zen = r.body["checkout_id"].as_str().unwrap().to_owned();

        let mut w = waftpay_sample("https://webhook.site/aa2b85e4");
        w["extra_params"]["language"] = json!(code);
        w["checkout_reference"] = json!(format!("CHK-LANG-{n}"));
        let r = waftpay(&app, &token, w).await;
        assert_eq!(r.status, StatusCode::OK, "{code}: {}", r.text);
        let url = r.body["data"]["checkout_url"].as_str().unwrap();
        let waft = url.rsplit('/').next().unwrap().to_owned();

        for id in [native, zen, waft] {
            assert_eq!(app.session(&id).await["locale"], code);
            let page = app.send(support::get(&format!("/c/{id}"))).await;
            assert!(
                page.text.contains(&format!("<html lang=\"{code}\"")),
                "{code}"
            );
        }
    }
    let mut wrong = support::session_body();
    wrong["locale"] = json!("de");
    let r = app.api("POST", "/v1/checkout/sessions", Some(wrong)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.text.contains("`zu`"), "{}", r.text);
}
