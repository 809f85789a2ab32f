//! Velocity limits (issue 13, item 7): failed payments per checkout, pushes
//! per phone number, payments per client address, and each merchant's
//! share of the webhook slots. On SQLite and, with `LIPA_TEST_POSTGRES`,
//! on PostgreSQL with two servers sharing the database.

mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::json;
use std::time::{Duration, Instant};
use support::receiver::{Behaviour, Receiver};
use support::{TestApp, app, app_with, form, session_body};

/// The page's `pay` server function, as the browser calls it.
fn server_fn_pay(id: &str, fields: &str, from: &str) -> Request<Body> {
    Request::post("/api/pay")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("x-forwarded-for", from)
        .body(Body::from(format!("id={id}&{fields}")))
        .unwrap()
}

const DECLINED: &str = "4000000000000002";

async fn attempts(app: &TestApp, session: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM payment_attempts WHERE session_id = $1")
        .bind(session)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_checkout_takes_no_more_than_five_failed_payments() {
    let app = app().await;
    let id = app.new_session(session_body()).await;
    for _ in 0..5 {
        let r = app.pay_by_card(&id, DECLINED).await;
        assert!(r.status.is_redirection(), "{} {}", r.status, r.text);
    }
    assert_eq!(attempts(&app, &id).await, 5);
    // The sixth, even with a good card, is refused on the page ...
    let r = app.pay_by_card(&id, support::CARD_OK).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.text.contains("too many failed payments"), "{}", r.text);
    // ... and by the server function the page calls.
    let fields = "method=card&card[number]=4242424242424242&card[expiry]=12%2F30&card[cvc]=123&card[name]=Awa";
    let r = app.send(server_fn_pay(&id, fields, "198.51.100.7")).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.text);
    assert!(r.text.contains("too_many_attempts"), "{}", r.text);
    assert_eq!(attempts(&app, &id).await, 5, "nothing was written");
    assert_ne!(app.session(&id).await["payment_status"], "succeeded");
}

/// Starts a payment to `phone` on a new checkout; the HTTP status.
async fn push(app: &TestApp, phone: &str) -> StatusCode {
    let id = app.new_session(session_body()).await;
    let r = app
        .send(form(
            &format!("/c/{id}"),
            &format!("method=mpesa&phone={phone}"),
        ))
        .await;
    r.status
}

#[tokio::test]
async fn a_phone_number_gets_at_most_three_pushes_in_ten_minutes() {
    let app = app().await;
    // 84 000 0002 never answers: each push stays pending on its checkout.
    for _ in 0..3 {
        assert!(push(&app, "840000002").await.is_redirection());
    }
    assert_eq!(push(&app, "840000002").await, StatusCode::TOO_MANY_REQUESTS);
    // The same number written another way is the same number.
    assert_eq!(
        push(&app, "+258840000002").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // Through the server function too.
    let id = app.new_session(session_body()).await;
    let r = app
        .send(server_fn_pay(
            &id,
            "method=mpesa&phone=840000002",
            "198.51.100.8",
        ))
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.text);
    assert!(r.text.contains("too_many_pushes"));
    // Another number is not held up.
    assert!(push(&app, "840000000").await.is_redirection());
}

#[tokio::test]
async fn pushes_to_one_number_from_two_servers_at_once_stop_at_three() {
    let first = app().await;
    // A second server on the same database (PostgreSQL when the tests run
    // on it): the limit is in the database, not in either process.
    let url = first.state.config.database_url.clone();
    let dir = tempfile::tempdir().unwrap();
    let second = support::app_on(dir, url, |_| {}).await;
    let mut ids = Vec::new();
    for _ in 0..8 {
        ids.push(first.new_session(session_body()).await);
    }
    let sends = ids.iter().enumerate().map(|(i, id)| {
        let server = if i % 2 == 0 { &first } else { &second };
        server.send(form(&format!("/c/{id}"), "method=mpesa&phone=840000002"))
    });
    let replies = futures_util::future::join_all(sends).await;
    let started = replies.iter().filter(|r| r.status.is_redirection()).count();
    let limited = replies
        .iter()
        .filter(|r| r.status == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!((started, limited), (3, 5));
    let pushes: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM payment_attempts WHERE phone = '+258840000002'")
            .fetch_one(&first.state.db.pool)
            .await
            .unwrap();
    assert_eq!(pushes, 3);
}

#[tokio::test]
async fn one_client_address_may_start_only_so_many_payments() {
    let app = app_with(|c| {
        c.limits.pay_burst = 3;
        c.limits.pay_per_minute = 1;
        c.client_ip_header = Some(header::HeaderName::from_static("x-forwarded-for"));
    })
    .await;
    let id = app.new_session(session_body()).await;
    // Each try is refused for its phone number; the tries are what count.
    let tries = "method=mpesa&phone=12";
    for _ in 0..3 {
        let r = app
            .send(server_fn_pay(&id, tries, "10.0.0.1, 203.0.113.9"))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    }
    let r = app
        .send(server_fn_pay(&id, tries, "10.0.0.1, 203.0.113.9"))
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.text.contains("too_fast"));
    // The proxy's last entry is the client: a forged first entry changes
    // nothing, another client is not held up.
    let r = app
        .send(server_fn_pay(&id, tries, "192.0.2.1, 203.0.113.9"))
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    let r = app.send(server_fn_pay(&id, tries, "203.0.113.10")).await;
    assert_eq!(r.status, StatusCode::OK);
    // An IPv6 client is its /64.
    for (i, from) in ["2001:db8:1:2::1", "2001:db8:1:2::2", "2001:db8:1:2::3"]
        .iter()
        .enumerate()
    {
        let r = app.send(server_fn_pay(&id, tries, from)).await;
        assert_eq!(r.status, StatusCode::OK, "try {i}");
    }
    let r = app
        .send(server_fn_pay(&id, tries, "2001:db8:1:2::ffff"))
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn one_merchants_dead_endpoint_does_not_hold_up_another() {
    let app = app_with(|c| c.webhook_timeout = Duration::from_millis(3000)).await;
    // Merchant A's endpoint never answers in time.
    let dead = Receiver::start().await;
    dead.then((0..40).map(|_| Behaviour {
        status: 200,
        delay: Duration::from_secs(30),
        ..Behaviour::default()
    }));
    let (product_a, _) = support::events::product(&app, &dead.url).await;
    for _ in 0..10 {
        support::events::paid_session(&app, &product_a).await;
    }
    // Twenty events of A's are due; A holds no more than its share (8 of
    // the 32 slots, by default).
    dead.wait_for(8, Duration::from_secs(5)).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(dead.received().len(), 8, "A holds eight slots, no more");

    // Merchant B's event goes out at once, not after A's timeouts.
    let key = app.other_merchant_key("B").await;
    let alive = Receiver::start().await;
    let body = json!({ "name": "B", "main_currency": "MZN", "webhook_url": alive.url });
    let r = app
        .api_as(Some(&key), "POST", "/v1/products", Some(body), &[])
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let mut session = session_body();
    session["product"] = r.body["id"].clone();
    let r = app
        .api_as(
            Some(&key),
            "POST",
            "/v1/checkout/sessions",
            Some(session),
            &[],
        )
        .await;
    let id = r.body["id"].as_str().unwrap().to_owned();
    let started = Instant::now();
    support::events::paid(app.pay_by_card(&id, support::CARD_OK).await);
    alive.wait_for(2, Duration::from_secs(10)).await;
    assert!(
        started.elapsed() < Duration::from_millis(1500),
        "B waited {:?} behind A's dead endpoint",
        started.elapsed()
    );
}
