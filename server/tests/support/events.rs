//! Helpers for tests that follow webhook events: products with endpoints,
//! paid sessions, and events as the API shows them.

#![allow(dead_code)]

use super::{TestApp, session_body};
use axum::http::StatusCode;
use serde_json::{Value, json};
use std::time::{Duration, Instant};

/// A product whose events go to `url`; returns its id and signing secret.
pub async fn product(app: &TestApp, url: &str) -> (String, String) {
    let r = app
        .api(
            "POST",
            "/v1/products",
            Some(json!({ "name": "Hooks", "main_currency": "MZN", "webhook_url": url })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    (
        r.body["id"].as_str().unwrap().to_owned(),
        r.body["webhook_secret"].as_str().unwrap().to_owned(),
    )
}

/// A card payment went through the form: on, or back with an error.
pub fn paid(r: super::Reply) {
    assert!(r.status.is_redirection() || r.status == StatusCode::UNPROCESSABLE_ENTITY);
}

/// A paid session on `product`; returns its id.
pub async fn paid_session(app: &TestApp, product: &str) -> String {
    let mut body = session_body();
    body["product"] = json!(product);
    body["client_reference_id"] = json!("order-1042");
    body["metadata"] = json!({ "cart": "c-77" });
    let id = app.new_session(body).await;
    paid(app.pay_by_card(&id, "4242424242424242").await);
    id
}

pub async fn attempts(app: &TestApp, event: &str) -> Vec<Value> {
    let r = app
        .api("GET", &format!("/v1/events/{event}/attempts"), None)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    r.body["data"].as_array().unwrap().clone()
}

pub async fn event(app: &TestApp, id: &str) -> Value {
    app.api("GET", &format!("/v1/events/{id}"), None).await.body
}

/// Polls an event until its delivery is no longer pending.
pub async fn settled(app: &TestApp, id: &str, within: Duration) -> Value {
    let start = Instant::now();
    loop {
        let e = event(app, id).await;
        if e["delivery"]["status"] != "pending" {
            return e;
        }
        assert!(start.elapsed() < within, "still pending: {e}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
