//! Arbitrary bodies to every door that parses one: the buyer's form
//! without JavaScript, the page's server functions, and the create
//! endpoints of the native and compatible APIs. Whatever arrives, the
//! answer is a 2xx, 3xx or 4xx in the door's shape: never a 5xx, never a
//! dropped connection. Bounded: `PROPTEST_CASES` (default 64 per door).

mod support;

use axum::body::Body;
use axum::http::{Request, header};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{Value, json};
use support::{KEY, TestApp};

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

/// Field values near the real ones and far from them.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9 /+.,é\\-]{0,20}",
        Just("4242424242424242".to_owned()),
        Just("12/30".to_owned()),
        Just("1é1".to_owned()),
        Just("840000000".to_owned()),
        Just("card".to_owned()),
        Just("mpesa".to_owned()),
    ]
}

/// A urlencoded form with the pay form's field names (and others).
fn form() -> impl Strategy<Value = String> {
    let name = prop_oneof![
        Just("method"),
        Just("phone"),
        Just("card_number"),
        Just("card_expiry"),
        Just("card_cvc"),
        Just("card_name"),
        Just("amount"),
        Just("lang"),
        Just("card[number]"),
        Just("card[expiry]"),
        Just("id"),
    ];
    prop::collection::vec((name, value()), 0..8).prop_map(|pairs| {
        let mut f = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in pairs {
            f.append_pair(k, &v);
        }
        f.finish()
    })
}

/// JSON of any shape, biased to objects with the APIs' field names.
fn json_body() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        value().prop_map(Value::from),
    ];
    let tree = leaf.prop_recursive(3, 24, 6, |inner| {
        let key = prop_oneof![
            Just("amount".to_owned()),
            Just("currency".to_owned()),
            Just("line_items".to_owned()),
            Just("product".to_owned()),
            Just("restriction".to_owned()),
            Just("customer".to_owned()),
            Just("expires_at".to_owned()),
            Just("webhook_url".to_owned()),
            Just("unit_amount".to_owned()),
            Just("quantity".to_owned()),
            any::<String>(),
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::btree_map(key, inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    });
    prop_oneof![
        tree.prop_map(|v| v.to_string()),
        any::<String>(),
        Just("{\"amount\":".to_owned()),
    ]
}

fn post(path: &str, content_type: &str, body: String) -> Request<Body> {
    Request::post(path)
        .header(header::CONTENT_TYPE, content_type)
        .header(header::AUTHORIZATION, format!("Bearer {KEY}"))
        .header("api-key", KEY)
        .header("idempotency-key", uuid::Uuid::new_v4().to_string())
        .body(Body::from(body))
        .unwrap()
}

/// Runs `strategy`'s bodies against `path`; fails on any 5xx.
fn hammer<S: Strategy<Value = String>>(
    app: &TestApp,
    rt: &tokio::runtime::Runtime,
    path: &str,
    content_type: &str,
    strategy: S,
) {
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&strategy, |body| {
            let reply = rt.block_on(app.send(post(path, content_type, body.clone())));
            prop_assert!(
                reply.status.as_u16() < 500,
                "{path} answered {} to {body:?}: {}",
                reply.status,
                reply.text
            );
            Ok(())
        })
        .unwrap();
}

#[test]
fn no_body_makes_any_door_fail() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let app = rt.block_on(support::app());
    let id = rt.block_on(app.new_session(support::session_body()));
    let form_type = "application/x-www-form-urlencoded";
    hammer(&app, &rt, &format!("/c/{id}"), form_type, form());
    hammer(&app, &rt, "/api/pay", form_type, form());
    hammer(&app, &rt, "/api/checkout", form_type, form());
    hammer(&app, &rt, "/api/locale", form_type, form());
    for path in [
        "/v1/checkout/sessions",
        "/v1/products",
        "/checkout/order-api-gateway",
        "/v1/payment/checkouts",
        "/checkout-backend-api/v1/request",
    ] {
        hammer(&app, &rt, path, "application/json", json_body());
    }
}
