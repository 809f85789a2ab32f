//! Webhooks end to end: a real receiver on loopback gets signed events from
//! the delivery worker; retries, slow-downs, 410s, redirects, the delivery
//! log, redelivery, refunds and chargebacks.

mod support;

use axum::http::StatusCode;
use serde_json::{Value, json};
use server::webhooks::signature::{WebhookSecret, verify};
use std::time::{Duration, Instant};
use support::events::{attempts, paid, paid_session, product, settled};
use support::receiver::{Behaviour, Receiver, answer, envelope};
use support::{TestApp, app, app_with, now_s, session_body};

#[tokio::test]
async fn paid_sessions_send_signed_events_with_the_merchants_references() {
    let app = app().await;
    let hooks = Receiver::start().await;
    let (product, secret) = product(&app, &hooks.url).await;
    let mut body = session_body();
    body["product"] = json!(product);
    body["client_reference_id"] = json!("order-1042");
    body["metadata"] = json!({ "cart": "c-77" });
    let id = app.new_session(body).await;
    let paid_at = Instant::now();
    paid(app.pay_by_card(&id, "4242424242424242").await);

    let got = hooks.wait_for(2, Duration::from_secs(5)).await;
    // The first delivery left within a second of the payment's commit.
    assert!(got[0].at.duration_since(paid_at) < Duration::from_secs(1));
    let secret = WebhookSecret::parse(&secret).unwrap();
    let theirs =
        standardwebhooks::Webhook::new(&app_secret(&app, &product).await).expect("their parser");
    let mut types = Vec::new();
    for r in &got {
        assert_eq!(r.path, "/hooks");
        // Our verifier and an independent implementation both accept it.
        verify(&secret, &r.id, &r.timestamp, &r.signature, &r.body, now_s()).unwrap();
        let mut h = http::HeaderMap::new();
        h.insert("webhook-id", r.id.parse().unwrap());
        h.insert("webhook-timestamp", r.timestamp.parse().unwrap());
        h.insert("webhook-signature", r.signature.parse().unwrap());
        theirs.verify(&r.body, &h).unwrap();
        // A tampered body does not verify.
        let mut tampered = r.body.to_vec();
        tampered[10] ^= 1;
        assert!(
            verify(
                &secret,
                &r.id,
                &r.timestamp,
                &r.signature,
                &tampered,
                now_s()
            )
            .is_err()
        );
        assert!(r.body.len() < 20 * 1024, "payloads stay small");

        let e = envelope(r);
        assert_eq!(e["id"], r.id.as_str(), "the envelope id is the webhook-id");
        assert!(e["id"].as_str().unwrap().starts_with("evt_"));
        assert_eq!(e["object"], "event");
        assert_eq!(e["livemode"], false);
        assert!((e["created"].as_i64().unwrap() - now_s()).abs() < 10);
        assert_eq!(e["data"]["client_reference_id"], "order-1042");
        assert_eq!(e["data"]["metadata"]["cart"], "c-77");
        types.push(e["type"].as_str().unwrap().to_owned());
    }
    // Events are sent as soon as they are committed, concurrently: their
    // order on the wire is not promised (the spec does not either).
    types.sort();
    assert_eq!(types, ["checkout.session.completed", "payment.succeeded"]);
    let by_type = |t: &str| got.iter().map(envelope).find(|e| e["type"] == t).unwrap();
    let payment = &by_type("payment.succeeded")["data"];
    assert_eq!(payment["object"], "payment");
    assert_eq!(payment["checkout_session"], id.as_str());
    assert_eq!(payment["amount"], 265000);
    assert_eq!(payment["status"], "succeeded");
    assert_eq!(payment["card"]["last4"], "4242");
    let session = app.session(&id).await;
    assert_eq!(payment["charge_reference"], session["charge_reference"]);
    assert_eq!(payment["reference"], "order-1042");
    let completed = &by_type("checkout.session.completed")["data"];
    assert_eq!(completed["object"], "checkout_session");
    assert_eq!(completed["status"], "complete");
    assert_eq!(completed["id"], id.as_str());

    // Both are delivered, logged once each, and nothing more is sent.
    for r in &got {
        let e = settled(&app, &r.id, Duration::from_secs(2)).await;
        assert_eq!(e["delivery"]["status"], "delivered");
        assert_eq!(e["delivery"]["attempts"], 1);
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(hooks.received().len(), 2);
}

/// The signing secret as stored for a product (decrypted): what the merchant holds.
async fn app_secret(app: &TestApp, product: &str) -> String {
    server::store::products::webhook_secret(
        &app.state.db.pool,
        &app.state.config.master_key,
        &server::store::Owner::new(&app.merchant_id, false),
        product,
    )
    .await
    .unwrap()
    .unwrap()
}

#[tokio::test]
async fn failures_are_retried_on_the_schedule_with_the_same_id() {
    // Base 50 ms: waits of ~50 ms, ~600 ms, ~3 s (±20%) after each failure.
    let app = app().await;
    let hooks = Receiver::start().await;
    let (product, _) = product(&app, &hooks.url).await;
    hooks.then([
        // Longer than the 1 s delivery timeout of the test configuration.
        Behaviour {
            status: 200,
            delay: Duration::from_millis(1500),
            ..Behaviour::default()
        },
        answer(500),
        answer(503),
        answer(200),
    ]);
    let mut body = session_body();
    body["product"] = json!(product);
    let id = app.new_session(body).await;
    paid(app.pay_by_card(&id, "4000000000000002").await); // declined: payment.failed

    let got = hooks.wait_for(4, Duration::from_secs(15)).await;
    let first = &got[0].id;
    assert_eq!(envelope(&got[0])["type"], "payment.failed");
    assert!(
        got.iter().take(4).all(|r| &r.id == first),
        "every retry carries the same webhook-id"
    );
    // A receiver that de-duplicates by webhook-id processes it once.
    let mut seen = std::collections::HashSet::new();
    let processed = got.iter().filter(|r| seen.insert(r.id.clone())).count();
    assert_eq!(processed, 1);

    let e = settled(&app, first, Duration::from_secs(5)).await;
    assert_eq!(e["delivery"]["status"], "delivered");
    let log = attempts(&app, first).await;
    assert_eq!(log.len(), 4);
    assert_eq!(log[0]["status_code"], Value::Null);
    let timeout_error = log[0]["error"].as_str().unwrap();
    assert!(timeout_error.contains("timed out"), "{timeout_error}");
    assert_eq!(log[1]["status_code"], 500);
    assert_eq!(log[1]["response_excerpt"], "receiver said 500");
    assert_eq!(log[2]["status_code"], 503);
    assert_eq!(log[3]["status_code"], 200);
    assert!(log[3]["next_attempt_at"].is_null());
    // The waits between attempts follow the schedule: each attempt starts
    // after the previous one ended (start + latency) plus the delay.
    let gap = |i: usize| {
        let end = log[i - 1]["attempted_at_ms"].as_i64().unwrap()
            + log[i - 1]["latency_ms"].as_i64().unwrap();
        log[i]["attempted_at_ms"].as_i64().unwrap() - end
    };
    let slack = 400; // the worker's poll interval and a busy machine
    for (i, nominal) in [(1, 50), (2, 600), (3, 3000)] {
        let g = gap(i);
        let lo = nominal * 8 / 10 - 5;
        let hi = nominal * 12 / 10 + slack;
        assert!(
            (lo..=hi).contains(&g),
            "wait before attempt {i}: {g} ms, expected {lo}..{hi}"
        );
    }
}

#[tokio::test]
async fn redirects_are_failures_and_are_not_followed() {
    let app = app().await;
    let hooks = Receiver::start().await;
    let (product, _) = product(&app, &hooks.url).await;
    hooks.then([Behaviour {
        status: 302,
        headers: vec![("location", format!("{}/elsewhere", hooks.url))],
        ..Behaviour::default()
    }]);
    let id = paid_session(&app, &product).await;
    let got = hooks.wait_for(3, Duration::from_secs(5)).await;
    assert!(got.iter().all(|r| r.path == "/hooks"), "never followed");
    let redirected = &got[0].id;
    let log = attempts(&app, redirected).await;
    assert_eq!(log[0]["status_code"], 302);
    assert!(log[0]["next_attempt_at"].is_i64(), "a 3xx is retried");
    let e = settled(&app, redirected, Duration::from_secs(5)).await;
    assert_eq!(e["delivery"]["status"], "delivered");
    assert_eq!(attempts(&app, redirected).await.len(), 2);
    let _ = id;
}

#[tokio::test]
async fn gone_disables_the_endpoint_until_the_merchant_sets_it_again() {
    let app = app().await;
    let hooks = Receiver::start().await;
    let (product, _) = product(&app, &hooks.url).await;
    hooks.then([answer(410), answer(410)]);
    let id = paid_session(&app, &product).await;
    hooks.wait_for(1, Duration::from_secs(5)).await;
    // The session's two events both end failed: one got the 410; the other
    // got it too if it was already on its way, or was never sent.
    let list = app
        .api("GET", &format!("/v1/events?checkout_session={id}"), None)
        .await;
    for e in list.body["data"].as_array().unwrap() {
        let id = e["id"].as_str().unwrap();
        let e = settled(&app, id, Duration::from_secs(5)).await;
        assert_eq!(e["delivery"]["status"], "failed", "a 410 is not retried");
        assert_eq!(attempts(&app, id).await.len(), 1);
    }
    let sent = hooks.received().len();
    assert!((1..=2).contains(&sent));
    // A second 410 not used (its event was never sent) is not for later.
    hooks.script.lock().unwrap().clear();
    let p = app
        .api("GET", &format!("/v1/products/{product}"), None)
        .await;
    assert_eq!(p.body["webhook_endpoint"]["status"], "disabled");
    // A later event is not sent to the disabled endpoint.
    let charge = app.session(&id).await["charge_reference"].clone();
    let r = app
        .api(
            "POST",
            "/v1/refunds",
            Some(json!({ "charge": charge, "amount": 100 })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let list = app
        .api("GET", "/v1/events?type=payment.refunded", None)
        .await;
    let completed = list.body["data"][0]["id"].as_str().unwrap().to_owned();
    let e = settled(&app, &completed, Duration::from_secs(5)).await;
    assert_eq!(e["delivery"]["status"], "failed");
    let log = attempts(&app, &completed).await;
    assert!(log[0]["error"].as_str().unwrap().contains("disabled"));
    assert_eq!(hooks.received().len(), sent);
    let r = app
        .api("POST", &format!("/v1/events/{completed}/redeliver"), None)
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.body["error"]["code"], "endpoint_disabled");

    // Setting the URL again re-enables it; redelivery sends the same id.
    let r = app
        .api(
            "POST",
            &format!("/v1/products/{product}"),
            Some(json!({ "webhook_url": hooks.url })),
        )
        .await;
    assert_eq!(r.body["webhook_endpoint"]["status"], "enabled");
    let r = app
        .api("POST", &format!("/v1/events/{completed}/redeliver"), None)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["attempt"]["status_code"], 200);
    assert_eq!(r.body["attempt"]["trigger"], "redeliver");
    assert_eq!(r.body["event"]["delivery"]["status"], "delivered");
    let got = hooks.received();
    assert_eq!(got.len(), sent + 1);
    assert_eq!(got[sent].id, completed, "the same webhook-id");
}

#[tokio::test]
async fn slow_down_answers_wait_for_retry_after() {
    let app = app().await;
    let hooks = Receiver::start().await;
    let (product, _) = product(&app, &hooks.url).await;
    hooks.then([Behaviour {
        status: 429,
        headers: vec![("retry-after", "2".into())],
        ..Behaviour::default()
    }]);
    let mut body = session_body();
    body["product"] = json!(product);
    let id = app.new_session(body).await;
    // One event only: the merchant expires the session.
    let r = app
        .api("POST", &format!("/v1/checkout/sessions/{id}/expire"), None)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let got = hooks.wait_for(2, Duration::from_secs(6)).await;
    assert_eq!(envelope(&got[0])["type"], "checkout.session.expired");
    let waited = got[1].at.duration_since(got[0].at);
    assert!(
        waited >= Duration::from_secs(2),
        "Retry-After: 2 honoured, waited {waited:?} (the schedule alone says 50 ms)"
    );
    let log = attempts(&app, &got[0].id).await;
    assert_eq!(log[0]["status_code"], 429);
}

#[tokio::test]
async fn an_endpoint_that_keeps_failing_is_marked_failing() {
    // Base 0.1 ms: the whole eleven-attempt schedule takes about 5 s.
    let app = app_with(|c| c.webhook_retry_base = Duration::from_micros(100)).await;
    let hooks = Receiver::start().await;
    let (product, _) = product(&app, &hooks.url).await;
    hooks.then((0..11).map(|_| answer(500)));
    let mut body = session_body();
    body["product"] = json!(product);
    let id = app.new_session(body).await;
    app.api("POST", &format!("/v1/checkout/sessions/{id}/expire"), None)
        .await;
    let got = hooks.wait_for(1, Duration::from_secs(5)).await;
    let e = settled(&app, &got[0].id, Duration::from_secs(20)).await;
    assert_eq!(e["delivery"]["status"], "failed");
    assert_eq!(e["delivery"]["attempts"], 11);
    assert_eq!(attempts(&app, &got[0].id).await.len(), 11);
    let p = app
        .api("GET", &format!("/v1/products/{product}"), None)
        .await;
    assert_eq!(p.body["webhook_endpoint"]["status"], "failing");
    assert!(p.body["webhook_endpoint"]["failing_since"].is_i64());
    // A success clears it.
    let r = app
        .api("POST", &format!("/v1/events/{}/redeliver", got[0].id), None)
        .await;
    assert_eq!(r.body["attempt"]["status_code"], 200, "{}", r.text);
    let p = app
        .api("GET", &format!("/v1/products/{product}"), None)
        .await;
    assert_eq!(p.body["webhook_endpoint"]["status"], "enabled");
}

#[tokio::test]
async fn a_session_can_send_its_events_elsewhere() {
    let app = app().await;
    let product_hooks = Receiver::start().await;
    let session_hooks = Receiver::start().await;
    let (product, _) = product(&app, &product_hooks.url).await;
    let mut body = session_body();
    body["product"] = json!(product);
    body["webhook_url"] = json!(session_hooks.url);
    let id = app.new_session(body).await;
    assert_eq!(
        app.session(&id).await["webhook_url"],
        session_hooks.url.as_str()
    );
    paid(app.pay_by_card(&id, "4242424242424242").await);
    session_hooks.wait_for(2, Duration::from_secs(5)).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(product_hooks.received().is_empty());

    // Plain http is only for loopback, and only in test mode.
    let mut body = session_body();
    body["webhook_url"] = json!("http://hooks.example/x");
    let r = app.create(body).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.body["error"]["param"], "webhook_url");

    // Without any active product there is no secret to sign with: refused
    // up front rather than failing every delivery later.
    sqlx::query("UPDATE products SET active = 0")
        .execute(app.state.db.writer())
        .await
        .unwrap();
    let before = app.session_count().await;
    let mut body = session_body();
    body["webhook_url"] = json!(session_hooks.url);
    let r = app.create(body).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text);
    assert_eq!(r.body["error"]["code"], "product_missing");
    assert_eq!(r.body["error"]["param"], "webhook_url");
    assert_eq!(app.session_count().await, before);
}

#[tokio::test]
async fn refunds_are_partial_limited_and_announced() {
    let app = app().await;
    let hooks = Receiver::start().await;
    let (product, _) = product(&app, &hooks.url).await;
    let id = paid_session(&app, &product).await;
    let charge = app.session(&id).await["charge_reference"]
        .as_str()
        .unwrap()
        .to_owned();
    let refunds = || async {
        use sqlx::Row;
        sqlx::query("SELECT COUNT(*) AS n FROM refunds")
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap()
            .try_get::<i64, _>("n")
            .unwrap()
    };

    let r = app
        .api(
            "POST",
            "/v1/refunds",
            Some(json!({ "charge": charge, "amount": 65000, "reason": "One capulana returned", "metadata": { "rma": "R-9" } })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let first = r.body.clone();
    assert!(first["id"].as_str().unwrap().starts_with("re_"));
    assert_eq!(first["object"], "refund");
    assert_eq!(
        first["amount"],
        json!({ "value": 65000, "currency": "mzn" })
    );
    assert_eq!(first["charge"], charge.as_str());
    assert_eq!(first["status"], "succeeded");
    assert_eq!(first["reason"], "One capulana returned");
    assert_eq!(first["metadata"]["rma"], "R-9");
    assert_eq!(first["refund_details"]["card"]["last4"], "4242");
    assert!(first["failure_code"].is_null());
    assert_eq!(app.session(&id).await["amount_refunded"], 65000);

    // More than is left: refused, nothing written.
    let r = app
        .api(
            "POST",
            "/v1/refunds",
            Some(json!({ "charge": charge, "amount": 200001 })),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.body["error"]["code"], "amount_too_large");
    assert_eq!(r.body["error"]["param"], "amount");
    assert_eq!(refunds().await, 1);

    // Without an amount: the rest. Then nothing is left.
    let r = app
        .api("POST", "/v1/refunds", Some(json!({ "charge": charge })))
        .await;
    assert_eq!(r.body["amount"]["value"], 200000, "{}", r.text);
    let r = app
        .api(
            "POST",
            "/v1/refunds",
            Some(json!({ "charge": charge, "amount": 1 })),
        )
        .await;
    assert_eq!(r.body["error"]["code"], "charge_already_refunded");
    assert_eq!(app.session(&id).await["amount_refunded"], 265000);

    // Errors name their parameter.
    for (body, code, param) in [
        (json!({}), "parameter_missing", "charge"),
        (json!({ "charge": "ch_nope" }), "resource_missing", "charge"),
        (
            json!({ "charge": charge, "amount": 0 }),
            "parameter_invalid",
            "amount",
        ),
        (
            json!({ "charge": charge, "amount": "5" }),
            "parameter_invalid",
            "amount",
        ),
        (
            json!({ "charge": charge, "colour": "red" }),
            "parameter_unknown",
            "colour",
        ),
    ] {
        let r = app.api("POST", "/v1/refunds", Some(body.clone())).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(r.body["error"]["code"], code, "{body}");
        assert_eq!(r.body["error"]["param"], param, "{body}");
    }
    let unpaid = app.new_session(session_body()).await;
    let unpaid_charge = app.session(&unpaid).await["charge_reference"].clone();
    let r = app
        .api(
            "POST",
            "/v1/refunds",
            Some(json!({ "charge": unpaid_charge })),
        )
        .await;
    assert_eq!(r.body["error"]["code"], "charge_not_paid");
    assert_eq!(refunds().await, 2);

    // List and retrieve.
    let r = app.api("GET", "/v1/refunds", None).await;
    assert_eq!(r.body["data"].as_array().unwrap().len(), 2);
    assert_eq!(r.body["data"][1]["id"], first["id"]);
    assert_eq!(r.body["paging"]["has_next_page"], false);
    let r = app.api("GET", "/v1/refunds?limit=1", None).await;
    assert_eq!(r.body["paging"]["has_next_page"], true);
    let r = app
        .api(
            "GET",
            &format!("/v1/refunds/{}", first["id"].as_str().unwrap()),
            None,
        )
        .await;
    assert_eq!(r.body, first);
    assert_eq!(
        app.api("GET", "/v1/refunds/re_nope", None).await.status,
        StatusCode::NOT_FOUND
    );

    // Each refund is a payment.refunded event carrying it.
    let got = hooks.wait_for(4, Duration::from_secs(5)).await;
    let mut refunded: Vec<Value> = got
        .iter()
        .map(envelope)
        .filter(|e| e["type"] == "payment.refunded")
        .collect();
    refunded.sort_by_key(|e| e["data"]["amount_refunded"].as_i64());
    assert_eq!(refunded.len(), 2);
    assert_eq!(refunded[0]["data"]["refund"]["amount"]["value"], 65000);
    assert_eq!(refunded[0]["data"]["amount_refunded"], 65000);
    assert_eq!(refunded[1]["data"]["amount_refunded"], 265000);
}

#[tokio::test]
async fn concurrent_refunds_never_exceed_the_payment() {
    let app = app().await;
    let (product, _) = product(&app, "https://hooks.example/x").await;
    let id = paid_session(&app, &product).await;
    let charge = app.session(&id).await["charge_reference"].clone();
    let body = json!({ "charge": charge, "amount": 200000 });
    let (a, b, c) = tokio::join!(
        app.api("POST", "/v1/refunds", Some(body.clone())),
        app.api("POST", "/v1/refunds", Some(body.clone())),
        app.api("POST", "/v1/refunds", Some(body.clone())),
    );
    let ok = [&a, &b, &c]
        .iter()
        .filter(|r| r.status == StatusCode::OK)
        .count();
    assert_eq!(ok, 1, "{} / {} / {}", a.text, b.text, c.text);
    assert_eq!(app.session(&id).await["amount_refunded"], 200000);
}

#[tokio::test]
async fn test_mode_can_simulate_a_chargeback() {
    let app = app().await;
    let hooks = Receiver::start().await;
    let (product, _) = product(&app, &hooks.url).await;
    let id = paid_session(&app, &product).await;
    let path = format!("/v1/test_helpers/checkout/sessions/{id}/chargeback");
    let r = app
        .api(
            "POST",
            &path,
            Some(json!({ "reason": "product_not_received" })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["object"], "chargeback");
    assert_eq!(r.body["amount"], 265000);
    let r = app.api("POST", &path, None).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.body["error"]["code"], "chargeback_exists");
    let unpaid = app.new_session(session_body()).await;
    let r = app
        .api(
            "POST",
            &format!("/v1/test_helpers/checkout/sessions/{unpaid}/chargeback"),
            None,
        )
        .await;
    assert_eq!(r.body["error"]["code"], "charge_not_paid");
    let live = server::store::merchants::create_key(&app.state.db, &app.merchant_id, true)
        .await
        .unwrap()
        .secret;
    let r = app.api_as(Some(&live), "POST", &path, None, &[]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    let got = hooks.wait_for(3, Duration::from_secs(5)).await;
    let e = got
        .iter()
        .map(envelope)
        .find(|e| e["type"] == "payment.chargeback")
        .expect("a payment.chargeback event");
    assert_eq!(e["data"]["chargeback"]["reason"], "product_not_received");
    assert_eq!(e["data"]["client_reference_id"], "order-1042");
}

#[tokio::test]
async fn the_events_api_lists_filters_and_pages() {
    let app = app().await;
    let hooks = Receiver::start().await;
    let (product, _) = product(&app, &hooks.url).await;
    let id = paid_session(&app, &product).await;
    hooks.wait_for(2, Duration::from_secs(5)).await;
    let r = app.api("GET", "/v1/events", None).await;
    assert_eq!(r.status, StatusCode::OK);
    let types: Vec<&str> = r.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["type"].as_str().unwrap())
        .collect();
    assert_eq!(
        types,
        ["checkout.session.completed", "payment.succeeded"],
        "newest first"
    );
    let r = app.api("GET", "/v1/events?limit=1", None).await;
    assert_eq!(r.body["paging"]["has_next_page"], true);
    let after = r.body["paging"]["end_cursor"].as_str().unwrap().to_owned();
    let r = app
        .api("GET", &format!("/v1/events?limit=1&after={after}"), None)
        .await;
    assert_eq!(r.body["data"][0]["type"], "payment.succeeded");
    assert_eq!(r.body["paging"]["has_next_page"], false);
    let r = app
        .api("GET", "/v1/events?type=payment.succeeded", None)
        .await;
    assert_eq!(r.body["data"].as_array().unwrap().len(), 1);
    assert_eq!(r.body["data"][0]["data"]["checkout_session"], id.as_str());
    let r = app.api("GET", "/v1/events?type=payment.maybe", None).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.body["error"]["param"], "type");
    let r = app.api("GET", "/v1/events/evt_nope", None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // Another merchant's key sees none of it.
    let key = app.other_merchant_key("Other").await;
    let r = app.api_as(Some(&key), "GET", "/v1/events", None, &[]).await;
    assert_eq!(r.body["data"].as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn events_without_an_endpoint_are_kept_but_not_sent() {
    let app = app().await;
    // The bootstrap product has no webhook URL.
    let id = app.new_session(session_body()).await;
    paid(app.pay_by_card(&id, "4242424242424242").await);
    let r = app
        .api("GET", &format!("/v1/events?checkout_session={id}"), None)
        .await;
    let data = r.body["data"].as_array().unwrap();
    assert_eq!(data.len(), 2);
    assert!(
        data.iter()
            .all(|e| e["delivery"]["status"] == "no_endpoint")
    );
}

#[tokio::test]
async fn the_largest_session_still_sends_small_payloads() {
    let app = app().await;
    let hooks = Receiver::start().await;
    // Every field a merchant controls, as long as it may be.
    let long_url = |base: &str| format!("{base}?q={}", "x".repeat(2048 - base.len() - 3));
    let budget = |c: &str| -> Value {
        (0..3)
            .map(|i| (format!("{i:0>40}"), json!(c.repeat(500))))
            .collect::<serde_json::Map<_, _>>()
            .into()
    };
    let mut body = session_body();
    body["success_url"] = json!(long_url("https://shop.example/ok"));
    body["cancel_url"] = json!(long_url("https://shop.example/cancel"));
    body["webhook_url"] = json!(long_url(&hooks.url));
    body["client_reference_id"] = json!("r".repeat(200));
    body["description"] = json!("d".repeat(150));
    body["metadata"] = budget("🌍");
    let id = app.new_session(body).await;
    paid(app.pay_by_card(&id, "4242424242424242").await);
    let charge = app.session(&id).await["charge_reference"].clone();
    let r = app
        .api(
            "POST",
            "/v1/refunds",
            Some(json!({ "charge": charge, "amount": 100, "reason": "é".repeat(500), "metadata": budget("🌍") })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);

    let got = hooks.wait_for(3, Duration::from_secs(5)).await;
    for r in &got {
        let kind = envelope(r)["type"].clone();
        assert!(r.body.len() < 20 * 1024, "{kind}: {} bytes", r.body.len());
    }
}
