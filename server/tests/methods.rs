//! Every kind of method through the sandbox, and what happens when nobody
//! answers: cards (with 3-D Secure), redirect methods, push timeouts and
//! sessions expiring under a payment.

mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::{Value, json};
use std::time::Duration;
use support::{TestApp, app, app_with, card, form, session_body};

async fn location(app: &TestApp, req: Request<Body>) -> String {
    let r = app.send(req).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
    r.headers[header::LOCATION].to_str().unwrap().to_owned()
}

fn state(s: &Value) -> (String, String, Option<String>) {
    (
        s["status"].as_str().unwrap().to_owned(),
        s["payment_status"].as_str().unwrap().to_owned(),
        s["failure_code"].as_str().map(str::to_owned),
    )
}

fn st(status: &str, payment: &str, failure: Option<&str>) -> (String, String, Option<String>) {
    (status.into(), payment.into(), failure.map(str::to_owned))
}

async fn card_row(app: &TestApp, id: &str) -> (String, String) {
    use sqlx::Row;
    let row =
        sqlx::query("SELECT card_brand, card_last4 FROM payment_attempts WHERE session_id = $1")
            .bind(id)
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    (
        row.try_get("card_brand").unwrap(),
        row.try_get("card_last4").unwrap(),
    )
}

#[tokio::test]
async fn cards_pay_at_once_and_keep_only_brand_and_last4() {
    let app = app().await;
    let id = app.new_session(session_body()).await;
    let to = location(
        &app,
        form(&format!("/c/{id}"), &card("4242+4242+4242+4242")),
    )
    .await;
    assert_eq!(to, format!("/c/{id}/return"));
    assert_eq!(
        state(&app.session(&id).await),
        st("complete", "succeeded", None)
    );
    assert_eq!(card_row(&app, &id).await, ("visa".into(), "4242".into()));
    // The full number is nowhere in the database.
    use sqlx::Row;
    let rows = sqlx::query("SELECT * FROM payment_attempts")
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap();
    for row in rows {
        for i in 0..sqlx::Row::len(&row) {
            if let Ok(Some(v)) = row.try_get::<Option<String>, _>(i) {
                assert!(!v.contains("4242424242424242"), "column {i}: {v}");
            }
        }
    }
}

#[tokio::test]
async fn a_declined_card_leaves_the_session_open() {
    let app = app().await;
    let id = app.new_session(session_body()).await;
    location(&app, form(&format!("/c/{id}"), &card("4000000000000002"))).await;
    assert_eq!(
        state(&app.session(&id).await),
        st("open", "failed", Some("card_declined"))
    );
    let r = app
        .send(
            Request::get(format!("/c/{id}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert!(r.text.contains("Your card was declined."), "{}", r.text);
    // Then a good card goes through.
    location(&app, form(&format!("/c/{id}"), &card("4242424242424242"))).await;
    assert_eq!(
        state(&app.session(&id).await),
        st("complete", "succeeded", None)
    );
}

#[tokio::test]
async fn three_d_secure_goes_to_the_challenge_and_back() {
    let app = app().await;
    for (result, want) in [
        ("approve", st("complete", "succeeded", None)),
        (
            "decline",
            st("open", "failed", Some("authentication_failed")),
        ),
        ("cancel", st("open", "failed", Some("cancelled"))),
    ] {
        let id = app.new_session(session_body()).await;
        let challenge = location(&app, form(&format!("/c/{id}"), &card("4000000000003220"))).await;
        assert!(
            challenge.starts_with("https://pay.example/sandbox/pay_"),
            "{challenge}"
        );
        assert_eq!(state(&app.session(&id).await), st("open", "pending", None));
        let path = challenge.trim_start_matches("https://pay.example");
        let page = app
            .send(Request::get(path).body(Body::empty()).unwrap())
            .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.text.contains("3-D Secure check")
                && page.text.contains("Visa\u{a0}••••\u{a0}3220"),
            "{}",
            page.text
        );
        // The checkout itself offers a way out while the challenge waits.
        let r = app
            .send(
                Request::get(format!("/c/{id}"))
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert!(r.text.contains("Confirm with your bank"), "{}", r.text);
        let back = location(&app, form(path, &format!("result={result}"))).await;
        assert_eq!(back, format!("/c/{id}/return"));
        assert_eq!(state(&app.session(&id).await), want, "{result}");
    }
}

/// The sandbox's stand-in pages speak the checkout's language, right to
/// left in Arabic, and follow the buyer's browser when the merchant left
/// the language open.
#[tokio::test]
async fn the_sandbox_pages_follow_the_checkouts_language() {
    let app = app().await;
    let mut body = session_body();
    body["locale"] = json!("ar");
    let id = app.new_session(body).await;
    let to = location(&app, form(&format!("/c/{id}"), &card("4000000000003220"))).await;
    let path = to.trim_start_matches("https://pay.example").to_owned();
    let page = app
        .send(Request::get(&path).body(Body::empty()).unwrap())
        .await;
    assert!(
        page.text.contains("<html lang=\"ar\" dir=\"rtl\">"),
        "{}",
        page.text
    );
    assert!(page.text.contains("إكمال المصادقة"), "{}", page.text);
    // The amount in its own isolate, written as CLDR writes it in Arabic.
    assert!(
        page.text.contains("<bdi>\u{200f}2,650.00\u{a0}MZN</bdi>"),
        "{}",
        page.text
    );

    let id = app.new_session(session_body()).await;
    let to = location(&app, form(&format!("/c/{id}"), &card("4000000000003220"))).await;
    let path = to.trim_start_matches("https://pay.example").to_owned();
    let page = app
        .send(
            Request::get(&path)
                .header(header::ACCEPT_LANGUAGE, "pt-MZ,pt;q=0.9")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert!(page.text.contains("<html lang=\"pt\" dir=\"ltr\">"));
    assert!(
        page.text.contains("Verificação 3-D Secure"),
        "{}",
        page.text
    );
}

#[tokio::test]
async fn redirect_methods_pay_on_the_providers_page() {
    let app = app().await;
    let mut body = session_body();
    body["payment_method_types"] = json!(["emis", "stripe", "mpesa"]);
    let id = app.new_session(body).await;
    let to = location(&app, form(&format!("/c/{id}"), "method=stripe")).await;
    let path = to.trim_start_matches("https://pay.example").to_owned();
    let page = app
        .send(Request::get(&path).body(Body::empty()).unwrap())
        .await;
    assert!(page.text.contains("Stripe test payment"), "{}", page.text);
    location(&app, form(&path, "result=approve")).await;
    assert_eq!(
        state(&app.session(&id).await),
        st("complete", "succeeded", None)
    );
    // The page is finished with once paid.
    let again = app
        .send(Request::get(&path).body(Body::empty()).unwrap())
        .await;
    assert!(again.text.contains("finished"));
}

#[tokio::test]
async fn the_buyer_can_leave_a_challenge_for_another_method() {
    let app = app().await;
    let id = app.new_session(session_body()).await;
    location(&app, form(&format!("/c/{id}"), &card("4000000000003220"))).await;
    let to = location(&app, form(&format!("/c/{id}/abandon?lang=pt"), "")).await;
    assert_eq!(to, format!("/c/{id}?lang=pt"));
    assert_eq!(
        state(&app.session(&id).await),
        st("open", "failed", Some("cancelled"))
    );
    location(
        &app,
        form(&format!("/c/{id}"), "method=mpesa&phone=840000000"),
    )
    .await;
    assert_eq!(
        state(&app.session(&id).await),
        st("complete", "succeeded", None)
    );
}

#[tokio::test]
async fn card_mistakes_come_back_without_the_number() {
    let app = app().await;
    let id = app.new_session(session_body()).await;
    let cases = [
        (
            "method=card&card_number=4242424242424241&card_expiry=12%2F30&card_cvc=123&card_name=A",
            "This card number is not valid.",
        ),
        (
            "method=card&card_number=4242424242424242&card_expiry=01%2F20&card_cvc=123&card_name=A",
            "This card has expired.",
        ),
        (
            "method=card&card_number=4242424242424242&card_expiry=12%2F30&card_cvc=12&card_name=A",
            "Enter the 3-digit code",
        ),
        (
            "method=card&card_number=4242424242424242&card_expiry=12%2F30&card_cvc=123&card_name=+",
            "Enter the name as it appears",
        ),
        (
            "method=card&card_number=&card_expiry=&card_cvc=&card_name=",
            "Enter your card number.",
        ),
    ];
    for (body, message) in cases {
        let r = app.send(form(&format!("/c/{id}"), body)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(r.text.contains(message), "{body}: {message}");
        assert!(
            !r.text.contains("424242424242424"),
            "the number must not come back"
        );
        assert!(
            !r.text.contains("value=\"123\""),
            "the CVC must not come back"
        );
    }
    assert_eq!(
        state(&app.session(&id).await),
        st("open", "requires_payment_method", None)
    );
}

#[tokio::test]
async fn an_unanswered_push_times_out_and_can_be_sent_again() {
    let app = app_with(|c| c.push_timeout = Duration::from_millis(800)).await;
    let id = app.new_session(session_body()).await;
    location(
        &app,
        form(&format!("/c/{id}"), "method=mpesa&phone=840000002"),
    )
    .await;
    assert_eq!(state(&app.session(&id).await), st("open", "pending", None));
    let r = app
        .send(
            Request::get(format!("/c/{id}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert!(r.text.contains("Time left to approve: 0:0"), "{}", r.text);
    tokio::time::sleep(Duration::from_millis(900)).await;
    assert_eq!(
        state(&app.session(&id).await),
        st("open", "failed", Some("timeout"))
    );
    let r = app
        .send(
            Request::get(format!("/c/{id}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert!(
        r.text
            .contains("Your phone did not answer the request in time.")
    );
    // Send again, this time to a number that answers.
    location(
        &app,
        form(&format!("/c/{id}"), "method=emola&phone=860000000"),
    )
    .await;
    assert_eq!(
        state(&app.session(&id).await),
        st("complete", "succeeded", None)
    );
}

#[tokio::test]
async fn a_session_expiring_under_a_payment_resolves_it() {
    let app = app_with(|c| c.sandbox_delay = Duration::from_secs(3600)).await;
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let mut body = session_body();
    // Two seconds, not one: `now` is truncated to the second, so one could
    // leave the payment below only milliseconds before the session expires
    // (a busy machine then expired it while paying, not in the sweep).
    body["expires_at"] = json!(now + 2);
    let id = app.new_session(body).await;
    location(
        &app,
        form(&format!("/c/{id}"), "method=mpesa&phone=840000000"),
    )
    .await;
    tokio::time::sleep(Duration::from_millis(3100)).await;
    // Nobody looks at it: the sweep resolves the attempt, then the session.
    assert_eq!(app.state.checkouts.sweep().await.unwrap(), 1);
    use sqlx::Row;
    let attempt: (String, Option<String>) =
        sqlx::query("SELECT status, failure_code FROM payment_attempts WHERE session_id = $1")
            .bind(&id)
            .fetch_one(&app.state.db.pool)
            .await
            .map(|r| {
                (
                    r.try_get("status").unwrap(),
                    r.try_get("failure_code").unwrap(),
                )
            })
            .unwrap();
    assert_eq!(attempt, ("failed".into(), Some("session_expired".into())));
    assert_eq!(
        state(&app.session(&id).await),
        st("expired", "failed", Some("session_expired"))
    );
    // Nothing more can start.
    let r = app
        .send(form(&format!("/c/{id}"), "method=mpesa&phone=840000000"))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        state(&app.session(&id).await),
        st("expired", "failed", Some("session_expired"))
    );
}

#[tokio::test]
async fn each_mobile_money_network_checks_its_numbers() {
    let app = app().await;
    for (currency, method, good, bad) in [
        ("MZN", "emola", "870000000", "840000000"),
        ("USD", "ecocash", "0771234560", "0711234560"),
        ("ZWG", "onemoney", "+263 71 123 4560", "+263 77 123 4560"),
        ("UGX", "momo_mtn", "0772000000", "0712000000"),
        ("KES", "mpesa", "0712000000", "0612000000"),
    ] {
        let id = app
            .new_session(
                json!({ "currency": currency, "amount": 5000, "payment_method_types": [method] }),
            )
            .await;
        let r = app
            .send(form(
                &format!("/c/{id}"),
                &format!("method={method}&phone={bad}"),
            ))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{method} {bad}");
        location(
            &app,
            form(
                &format!("/c/{id}"),
                &format!("method={method}&phone={good}"),
            ),
        )
        .await;
        assert_eq!(
            state(&app.session(&id).await),
            st("complete", "succeeded", None),
            "{method} {good}"
        );
    }
}
