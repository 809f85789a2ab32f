//! The compatible APIs: each gateway's documented sample request, sent
//! unchanged, succeeds with exactly the documented response fields; each
//! documented error; and the outcome through that gateway's own mechanism.

mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::{Value, json};
use std::time::Duration;
use support::receiver::{Receiver, envelope};
use support::{KEY, TestApp, app};

fn keys(v: &Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
    k.sort();
    k
}

fn is_iso(s: &Value, fraction: usize) -> bool {
    let s = s.as_str().unwrap_or("");
    let head = s.len() == 20 + fraction + usize::from(fraction > 0);
    let parsed =
        time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).is_ok();
    head && parsed && s.ends_with('Z')
}

async fn pay_by_card(app: &TestApp, session: &str) {
    let body = "method=card&card_number=4242424242424242&card_expiry=12%2F30&card_cvc=123&card_name=Amina+Machava";
    let r = app
        .send(
            Request::post(format!("/c/{session}"))
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ACCEPT, "text/html")
                .body(Body::from(body))
                .unwrap(),
        )
        .await;
    assert!(r.status.is_redirection(), "{}", r.text);
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
    pay_by_card(&app, &id).await;
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
