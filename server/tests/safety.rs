//! Safe for live money: modes are separate worlds, requests only reach
//! public addresses, bodies are bounded, restrictions hold for every method,
//! input never panics the server.

mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::{Value, json};
use server::address::Reach;
use server::store::{Owner, products};
use std::time::{Duration, Instant};
use support::events::{attempts, paid, product};
use support::receiver::{Receiver, answer};
use support::{KEY, TestApp, app, app_with, session_body};

async fn live_key(app: &TestApp) -> String {
    server::store::merchants::create_key(&app.state.db, &app.merchant_id, true)
        .await
        .unwrap()
        .secret
}

fn new_product(id: &str, webhook_url: &str) -> Value {
    json!({ "id": id, "name": "Plan", "main_currency": "MZN", "webhook_url": webhook_url })
}

#[tokio::test]
async fn a_key_sees_and_changes_only_its_modes_products() {
    let app = app().await;
    let live = live_key(&app).await;
    let r = app
        .api(
            "POST",
            "/v1/products",
            Some(new_product("plan", "https://test.example/h")),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["livemode"], false);

    // The live key does not see, read or change the test product...
    let list = app
        .api_as(Some(&live), "GET", "/v1/products", None, &[])
        .await;
    let ids: Vec<&str> = list.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert!(!ids.contains(&"plan"), "{ids:?}");
    let r = app
        .api_as(Some(&live), "GET", "/v1/products/plan", None, &[])
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let hijack = json!({ "webhook_url": "https://attacker.example/h", "active": false });
    let r = app
        .api_as(Some(&live), "POST", "/v1/products/plan", Some(hijack), &[])
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // ...and may use the same id for its own, a different product.
    let r = app
        .api_as(
            Some(&live),
            "POST",
            "/v1/products",
            Some(new_product("plan", "https://live.example/h")),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["livemode"], true);
    let test = app.api("GET", "/v1/products/plan", None).await;
    assert_eq!(test.body["webhook_url"], "https://test.example/h");
    assert_eq!(test.body["active"], true);
    // Ids are still unique within a mode.
    let r = app
        .api(
            "POST",
            "/v1/products",
            Some(new_product("plan", "https://x.example/h")),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn a_410_to_a_test_event_leaves_the_live_endpoint_enabled() {
    let app = app().await;
    let hooks = Receiver::start().await;
    let (product_id, _) = product(&app, &hooks.url).await;
    // A live product at the very same URL (stored as is: live mode would
    // want https from the API).
    let test_owner = Owner::new(&app.merchant_id, false);
    let live_owner = Owner::new(&app.merchant_id, true);
    let pool = &app.state.db.pool;
    let spec = products::get(pool, &test_owner, &product_id)
        .await
        .unwrap()
        .unwrap()
        .spec;
    let mut tx = app.state.db.begin().await.unwrap();
    let master = &app.state.config.master_key;
    products::insert(&mut tx, master, &live_owner, &product_id, &spec, "whsec_x")
        .await
        .unwrap();
    tx.commit().await.unwrap();

    hooks.then([answer(410), answer(410)]);
    let mut body = session_body();
    body["product"] = json!(product_id);
    let id = app.new_session(body).await;
    paid(app.pay_by_card(&id, support::CARD_OK).await);
    hooks.wait_for(1, Duration::from_secs(5)).await;
    let start = Instant::now();
    loop {
        let p = app
            .api("GET", &format!("/v1/products/{product_id}"), None)
            .await;
        if p.body["webhook_endpoint"]["status"] == "disabled" {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(5), "{}", p.text);
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let live = live_key(&app).await;
    let p = app
        .api_as(
            Some(&live),
            "GET",
            &format!("/v1/products/{product_id}"),
            None,
            &[],
        )
        .await;
    assert_eq!(
        p.body["webhook_endpoint"]["status"], "enabled",
        "{}",
        p.text
    );
}

/// The last migration before products had a mode.
const BEFORE_MODES: i64 = 20261123000002;

#[tokio::test]
async fn an_older_database_keeps_its_products_in_both_modes() {
    let (dir, url) = support::fresh_database().await;
    let db = server::db::Db::connect_until(&url, Some(BEFORE_MODES))
        .await
        .unwrap();
    let master = server::secrets::MasterKey::from_base64(support::MASTER_KEY).unwrap();
    let secret = master.encrypt("whsec_b2xkIHNlY3JldCBmcm9tIGJlZm9yZSBtb2Rlcw");
    for sql in [
        "INSERT INTO merchants (id, name, created_at) VALUES ('mer_old', 'Old shop', 1)",
        "INSERT INTO products (id, merchant_id, product_type, name, main_currency, payment_methods,
            webhook_url, webhook_secret, embed_origins, active, created_at, updated_at)
         VALUES ('prod_old', 'mer_old', 'api_gateway', 'Old plan', 'MZN', '[\"mpesa\",\"card\"]',
            'https://old.example/hooks', $1, '[\"https://old.example\"]', 1, 1, 1)",
        "INSERT INTO checkout_sessions (id, merchant_id, product_id, livemode, status, payment_status,
            mode, currency, amount_subtotal, amount_total, line_items, submit_type, locale,
            payment_method_types, metadata, charge_reference, expires_at_s, created_at, created_seq,
            updated_at)
         VALUES ('cs_live_old', 'mer_old', 'prod_old', 1, 'open', 'requires_payment_method',
            'payment', 'MZN', 5000, 5000, '[{\"id\":\"li_old\",\"name\":\"Plan\",\"unit_amount\":5000,\"quantity\":1}]',
            'pay', 'auto', '[\"mpesa\",\"card\"]', '{}', 'ch_old', 4102444800, 1, 1, 1)",
    ] {
        sqlx::query(sql).bind(&secret).execute(db.writer()).await.unwrap();
    }
    db.pool.close().await;

    let app = support::app_on(dir, url, |_| {}).await;
    let pool = &app.state.db.pool;
    for livemode in [false, true] {
        let owner = Owner::new("mer_old", livemode);
        let p = products::get(pool, &owner, "prod_old").await.unwrap();
        let p = p.unwrap_or_else(|| panic!("prod_old in livemode={livemode}"));
        assert_eq!(p.spec.embed_origins, vec!["https://old.example".to_owned()]);
        let s = products::webhook_secret(pool, &app.state.config.master_key, &owner, "prod_old")
            .await
            .unwrap();
        assert_eq!(
            s.as_deref(),
            Some("whsec_b2xkIHNlY3JldCBmcm9tIGJlZm9yZSBtb2Rlcw")
        );
    }
    // The live session still has its product: its page may be framed by
    // the product's origin.
    let page = app.send(support::get("/c/cs_live_old")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    let csp = page.headers["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("frame-ancestors 'self' https://old.example"),
        "{csp}"
    );
}

#[tokio::test]
async fn private_webhook_urls_are_refused_when_given_without_naming_addresses() {
    let app = app_with(|c| c.webhook_reach = Reach::Public).await;
    let live = live_key(&app).await;
    let cases = [
        (None, "http://127.0.0.1:6379/", "loopback"),
        (None, "http://localhost:8080/admin", "not public"),
        (
            Some(live.as_str()),
            "https://169.254.169.254/latest/meta-data",
            "link-local",
        ),
        (
            Some(live.as_str()),
            "https://[::ffff:10.0.0.1]/h",
            "private-use",
        ),
        (
            Some(live.as_str()),
            "https://[::a00:1]/h",
            "IPv4-compatible",
        ),
        (Some(live.as_str()), "https://[2002:a00:1::]/h", "6to4"),
        (Some(live.as_str()), "https://[2001::1]/h", "Teredo"),
        (Some(live.as_str()), "https://[fec0::1]/h", "site-local"),
        (Some(live.as_str()), "https://[100::1]/h", "discard-only"),
    ];
    for (key, url, why) in cases {
        let key = key.unwrap_or(KEY);
        let r = app
            .api_as(
                Some(key),
                "POST",
                "/v1/products",
                Some(json!({ "name": "P", "main_currency": "MZN", "webhook_url": url })),
                &[],
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{url}: {}", r.text);
        assert_eq!(r.body["error"]["code"], "url_invalid");
        assert_eq!(r.body["error"]["param"], "webhook_url");
        let message = r.body["error"]["message"].as_str().unwrap();
        assert!(message.contains(why), "{url}: {message}");
        if url.contains("localhost") {
            assert!(
                !message.contains("127.0.0.1") && !message.contains("::1"),
                "{message}"
            );
        }
        // A session's own webhook URL is checked the same way.
        let mut body = session_body();
        body["webhook_url"] = json!(url);
        let r = app
            .api_as(Some(key), "POST", "/v1/checkout/sessions", Some(body), &[])
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{url}: {}", r.text);
        assert_eq!(r.body["error"]["code"], "url_invalid");
    }
    assert_eq!(app.session_count().await, 0);
}

#[tokio::test]
async fn deliveries_check_the_address_again_and_echo_nothing() {
    let app = app_with(|c| c.webhook_reach = Reach::Public).await;
    let hooks = Receiver::start().await;
    // A URL that was public when given and resolves to loopback now.
    let url = hooks.url.replace("127.0.0.1", "localhost");
    let owner = Owner::new(&app.merchant_id, false);
    let pool = &app.state.db.pool;
    let product = products::default_for(pool, &owner).await.unwrap().unwrap();
    let mut spec = product.spec.clone();
    spec.webhook_url = Some(url.clone());
    let mut tx = app.state.db.begin().await.unwrap();
    let keep = app::domain::product::SecretChange::Keep;
    products::update(
        &mut tx,
        &app.state.config.master_key,
        &product,
        &spec,
        &keep,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    let id = app.new_session(session_body()).await;
    paid(app.pay_by_card(&id, support::CARD_OK).await);
    let list = app
        .api("GET", &format!("/v1/events?checkout_session={id}"), None)
        .await;
    let event = list.body["data"][0]["id"].as_str().unwrap().to_owned();
    let start = Instant::now();
    let log = loop {
        let log = attempts(&app, &event).await;
        if !log.is_empty() {
            break log;
        }
        assert!(start.elapsed() < Duration::from_secs(5));
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    let error = log[0]["error"].as_str().unwrap();
    assert!(error.contains("not public"), "{error}");
    assert!(!error.contains("127.0.0.1"), "{error}");
    assert!(log[0]["status_code"].is_null());
    assert!(log[0]["response_excerpt"].is_null());
    assert!(hooks.received().is_empty(), "nothing reached loopback");
}

#[tokio::test]
async fn the_public_demo_key_works_only_in_demo_mode() {
    assert!(
        include_str!("../../scripts/run").contains(server::secrets::DEMO_API_KEY),
        "scripts/run prints the demo key this server knows"
    );
    for demo in [false, true] {
        let app = app_with(|c| c.demo = demo).await;
        server::store::merchants::insert_key(
            &app.state.db,
            &app.merchant_id,
            server::secrets::DEMO_API_KEY,
        )
        .await
        .unwrap();
        let demo_key = Some(server::secrets::DEMO_API_KEY);
        let r = app.api_as(demo_key, "GET", "/v1/products", None, &[]).await;
        let token = app
            .api_as(
                None,
                "POST",
                "/checkout-backend-api/v1/auth/token",
                Some(json!({ "api_key": server::secrets::DEMO_API_KEY })),
                &[],
            )
            .await;
        if demo {
            assert_eq!(r.status, StatusCode::OK, "{}", r.text);
            assert_eq!(token.status, StatusCode::OK, "{}", token.text);
        } else {
            assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.text);
            assert_eq!(r.body["error"]["code"], "api_key_demo_only");
            assert_eq!(token.status, StatusCode::UNAUTHORIZED, "{}", token.text);
            // Other keys are not affected.
            let r = app.api("GET", "/v1/products", None).await;
            assert_eq!(r.status, StatusCode::OK);
        }
    }
}

/// A body of `size` bytes, declared or streamed in chunks.
fn big_post(path: &str, size: usize, declared: bool, content_type: &str) -> Request<Body> {
    let chunk = axum::body::Bytes::from(vec![b'a'; 16 * 1024]);
    let chunks = size / chunk.len();
    let body = Body::from_stream(futures_util::stream::iter(
        (0..chunks).map(move |_| Ok::<_, std::io::Error>(chunk.clone())),
    ));
    let mut req = Request::post(path)
        .header("content-type", content_type)
        .header("authorization", format!("Bearer {KEY}"));
    if declared {
        req = req.header("content-length", (chunks * 16 * 1024).to_string());
    }
    req.body(body).unwrap()
}

#[tokio::test]
async fn every_body_is_bounded_and_refused_in_the_doors_shape() {
    let app = app().await;
    let id = app.new_session(session_body()).await;
    let form = "application/x-www-form-urlencoded";
    let json = "application/json";
    let pages = [
        ("/api/locale", form),
        ("/api/pay", form),
        (&*format!("/c/{id}"), form),
        ("/v1/checkout/sessions", json),
    ];
    for (path, kind) in pages {
        for declared in [true, false] {
            let r = app.send(big_post(path, 1 << 20, declared, kind)).await;
            assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{path} {declared}");
            assert_eq!(
                r.body["error"]["code"], "request_too_large",
                "{path}: {}",
                r.text
            );
        }
    }
    let r = app
        .send(big_post("/checkout/order-api-gateway", 1 << 20, true, json))
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(r.body["success"], false, "Zenofy's shape: {}", r.text);
    let r = app
        .send(big_post(
            "/checkout-backend-api/v1/request",
            1 << 20,
            false,
            json,
        ))
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        r.body["data"]["error_code"], "request_too_large",
        "{}",
        r.text
    );
    // Just under the limit is read (and judged on its merits).
    let r = app
        .send(big_post("/api/locale", 48 * 1024, false, form))
        .await;
    assert_ne!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn a_restricted_checkout_refuses_every_other_method() {
    let app = app().await;
    let body = json!({
        "amount": 2650,
        "currency": "MZN",
        "description": "Capulana",
        "customer": { "email": "awa@example.com", "first_name": "Awa", "last_name": "Diop" },
        "restriction": { "phone": { "number": "840000000", "country": "MZ" } },
    });
    let r = app
        .api_as(Some(KEY), "POST", "/v1/payment/checkouts", Some(body), &[])
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let id = r.body["data"]["checkout"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // The page offers M-Pesa to that number and nothing else.
    let page = app.send(support::get(&format!("/c/{id}"))).await;
    assert!(page.text.contains(r#"value="mpesa""#));
    for other in ["card", "emola", "emis", "stripe", "flutterwave"] {
        assert!(
            !page.text.contains(&format!(r#"value="{other}""#)),
            "{other} offered"
        );
    }
    // A forged form with a card is refused; nothing is written.
    let r = app.pay_by_card(&id, support::CARD_OK).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    let form = "method=emola&phone=860000000";
    let r = app.send(support::form(&format!("/c/{id}"), form)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let s = app
        .api("GET", &format!("/v1/payment/checkouts/{id}"), None)
        .await;
    assert_eq!(s.body["data"]["payment"]["status"], "pending", "{}", s.text);
    assert_eq!(attempt_count(&app, &id).await, 0);

    // A country restriction offers that country's methods only.
    let body = json!({
        "amount": 2650,
        "currency": "MZN",
        "description": "Capulana",
        "customer": { "email": "awa@example.com", "first_name": "Awa", "last_name": "Diop" },
        "restriction": { "country_code": "MZ" },
    });
    let r = app
        .api_as(Some(KEY), "POST", "/v1/payment/checkouts", Some(body), &[])
        .await;
    let id = r.body["data"]["checkout"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let page = app.send(support::get(&format!("/c/{id}"))).await;
    for offered in ["mpesa", "emola", "emis"] {
        assert!(
            page.text.contains(&format!(r#"value="{offered}""#)),
            "{offered}"
        );
    }
    assert!(!page.text.contains(r#"value="card""#));
    let r = app.pay_by_card(&id, support::CARD_OK).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(attempt_count(&app, &id).await, 0);
}

async fn attempt_count(app: &TestApp, session: &str) -> i64 {
    use sqlx::Row;
    sqlx::query("SELECT COUNT(*) AS n FROM payment_attempts WHERE session_id = $1")
        .bind(session)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
        .try_get("n")
        .unwrap()
}

#[tokio::test]
async fn a_multibyte_expiry_is_an_error_not_a_panic() {
    let app = app().await;
    let id = app.new_session(session_body()).await;
    for expiry in [
        "1%C3%A91",
        "%C3%A9%C3%A9",
        "12%2F%C3%A9",
        "%F0%9F%92%B3%F0%9F%92%B3",
    ] {
        let body = format!(
            "method=card&card_number=4242424242424242&card_expiry={expiry}&card_cvc=123&card_name=A"
        );
        let r = app.send(support::form(&format!("/c/{id}"), &body)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{expiry}");
    }
}

#[tokio::test]
async fn a_panic_is_a_500_with_the_request_id() {
    use tower::ServiceExt;
    let routes = axum::Router::new().route(
        "/boom",
        axum::routing::get(|| async {
            if std::hint::black_box(true) {
                panic!("input the code did not expect");
            }
            "unreachable"
        }),
    );
    let app = server::http::stack(routes, &support::app().await.state.config);
    let res = app
        .oneshot(Request::get("/boom").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let id = res.headers()["x-request-id"].to_str().unwrap().to_owned();
    assert!(!id.is_empty());
    let body = axum::body::to_bytes(res.into_body(), 1 << 16)
        .await
        .unwrap();
    let body: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(body["error"]["code"], "internal_error");
    assert!(body["error"]["message"].as_str().unwrap().contains(&id));
}

/// Makes the database refuse to record a refund's outcome, as a crash or a
/// lost connection would between the provider's answer and our record.
async fn break_refund_settling(app: &TestApp, broken: bool) {
    let postgres = app.state.config.database_url.starts_with("postgres");
    let statements: &[&str] = match (postgres, broken) {
        (false, true) => &[
            "CREATE TRIGGER settle_fails BEFORE UPDATE OF status ON refunds
            WHEN NEW.status <> 'pending' BEGIN SELECT RAISE(ABORT, 'injected failure'); END",
        ],
        (false, false) => &["DROP TRIGGER settle_fails"],
        (true, true) => &[
            "CREATE FUNCTION settle_fails() RETURNS trigger AS $$ BEGIN
               IF NEW.status <> 'pending' THEN RAISE EXCEPTION 'injected failure'; END IF;
               RETURN NEW; END $$ LANGUAGE plpgsql",
            "CREATE TRIGGER settle_fails BEFORE UPDATE ON refunds
               FOR EACH ROW EXECUTE FUNCTION settle_fails()",
        ],
        (true, false) => &["DROP TRIGGER settle_fails ON refunds"],
    };
    for sql in statements {
        sqlx::query(sql)
            .execute(app.state.db.writer())
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn a_refund_is_asked_for_once_per_key_whatever_fails_after() {
    let app = app().await;
    let id = app.new_session(session_body()).await;
    paid(app.pay_by_card(&id, support::CARD_OK).await);
    let charge = app.session(&id).await["charge_reference"].clone();
    break_refund_settling(&app, true).await;
    const HEADERS: &[(&str, &str)] = &[("Idempotency-Key", "refund-1")];
    let refund = || {
        let body = json!({ "charge": charge, "amount": 1000 });
        app.api_as(Some(KEY), "POST", "/v1/refunds", Some(body), HEADERS)
    };
    let first = refund().await;
    assert_eq!(
        first.status,
        StatusCode::INTERNAL_SERVER_ERROR,
        "{}",
        first.text
    );
    // The retry the error invites gets the refund, pending; nothing new.
    let mut ids = Vec::new();
    for _ in 0..2 {
        let again = refund().await;
        assert_eq!(again.status, StatusCode::OK, "{}", again.text);
        assert_eq!(again.body["status"], "pending");
        ids.push(again.body["id"].as_str().unwrap().to_owned());
    }
    assert_eq!(ids[0], ids[1]);
    assert_eq!(app.session(&id).await["amount_refunded"], 1000);
    let list = app.api("GET", "/v1/refunds", None).await;
    assert_eq!(list.body["data"].as_array().unwrap().len(), 1);

    // The sweeper settles it once the database works again, asking the
    // provider with the same refund id.
    break_refund_settling(&app, false).await;
    sqlx::query("UPDATE refunds SET updated_at = 0")
        .execute(app.state.db.writer())
        .await
        .unwrap();
    assert_eq!(server::refunds::sweep(&app.state.core).await.unwrap(), 1);
    assert_eq!(server::refunds::sweep(&app.state.core).await.unwrap(), 0);
    let r = app
        .api("GET", &format!("/v1/refunds/{}", ids[0]), None)
        .await;
    assert_eq!(r.body["status"], "succeeded", "{}", r.text);
    assert_eq!(app.session(&id).await["amount_refunded"], 1000);
    let events = app
        .api("GET", "/v1/events?type=payment.refunded", None)
        .await;
    assert_eq!(events.body["data"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    for (public_url, hsts) in [
        ("https://pay.example", true),
        ("http://localhost:3000", false),
    ] {
        let app = app_with(|c| c.public_url = public_url.into()).await;
        let id = app.new_session(session_body()).await;
        let requests = [
            support::get(&format!("/c/{id}")),
            support::get("/c/cs_nope"),
            support::get("/healthz"),
            support::get("/embed.js"),
            support::get("/v1/nothing-here"),
            support::get("/openapi.json"),
            big_post("/v1/checkout/sessions", 1 << 20, true, "application/json"),
        ];
        for req in requests {
            let path = req.uri().path().to_owned();
            let r = app.send(req).await;
            let h = &r.headers;
            assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
            assert_eq!(h["referrer-policy"], "same-origin", "{path}");
            assert!(h.contains_key("content-security-policy"), "{path}");
            assert_eq!(h.contains_key("strict-transport-security"), hsts, "{path}");
            assert!(h.contains_key("x-request-id"), "{path}");
        }
    }
}

#[tokio::test]
async fn a_replayed_answer_is_stored_encrypted() {
    let app = app().await;
    let headers = [("Idempotency-Key", "product-1")];
    let body = json!({ "name": "P", "main_currency": "MZN" });
    let first = app
        .api_as(
            Some(KEY),
            "POST",
            "/v1/products",
            Some(body.clone()),
            &headers,
        )
        .await;
    let secret = first.body["webhook_secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("whsec_"));
    let stored: String = sqlx::query_scalar("SELECT response_body FROM idempotency_keys")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert!(stored.starts_with("v1:"), "{stored}");
    assert!(!stored.contains(&secret) && !stored.contains("whsec_"));
    let again = app
        .api_as(Some(KEY), "POST", "/v1/products", Some(body), &headers)
        .await;
    assert_eq!(again.body, first.body, "the replay is the first answer");
}

#[tokio::test]
async fn product_ids_are_each_merchants_own() {
    let app = app().await;
    let key = app.other_merchant_key("Other shop").await;
    for k in [KEY, key.as_str()] {
        let r = app
            .api_as(
                Some(k),
                "POST",
                "/v1/products",
                Some(new_product("pro", "https://a.example/h")),
                &[],
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    }
}

#[tokio::test]
async fn another_merchants_read_settles_nothing() {
    let app = app().await;
    let key = app.other_merchant_key("Other shop").await;
    let mut body = session_body();
    body["expires_at"] = json!(support::now_s() + 1);
    let id = app.new_session(body).await;
    tokio::time::sleep(Duration::from_millis(1100)).await;
    for (method, path) in [
        ("GET", format!("/v1/checkout/sessions/{id}")),
        ("POST", format!("/v1/checkout/sessions/{id}/expire")),
        ("GET", format!("/v1/payment/checkouts/{id}")),
    ] {
        let r = app.api_as(Some(&key), method, &path, None, &[]).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
    }
    let status: String = sqlx::query_scalar("SELECT status FROM checkout_sessions WHERE id = $1")
        .bind(&id)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(status, "open", "only its owner's look settles it");
    assert_eq!(app.session(&id).await["status"], "expired");
}

#[tokio::test]
async fn readiness_follows_the_database() {
    let app = app().await;
    let r = app.send(support::get("/readyz")).await;
    assert_eq!(r.status, StatusCode::OK);
    app.state.db.pool.close().await;
    let r = app.send(support::get("/readyz")).await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE);
    // Liveness is about the process only.
    assert_eq!(
        app.send(support::get("/healthz")).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn metrics_need_the_operators_token_and_count_what_happened() {
    let closed = app().await;
    assert_eq!(
        closed.send(support::get("/metrics")).await.status,
        StatusCode::NOT_FOUND,
        "no token set: no metrics on the public address"
    );
    let app = app_with(|c| c.metrics_token = Some("m3trics-t0ken".into())).await;
    let scrape = |token: &'static str| {
        Request::get("/metrics")
            .header("authorization", format!("Bearer {token}"))
            .body(Body::empty())
            .unwrap()
    };
    assert_eq!(
        app.send(scrape("wrong")).await.status,
        StatusCode::UNAUTHORIZED
    );
    let (product, _) = product(&app, "http://127.0.0.1:9/hooks").await;
    support::events::paid_session(&app, &product).await;
    let r = app.send(scrape("m3trics-t0ken")).await;
    assert_eq!(r.status, StatusCode::OK);
    for series in [
        r#"lipa_http_requests_total{route="/v1/checkout/sessions",method="POST",status="200"}"#,
        r#"lipa_http_request_duration_seconds_bucket{le="0.005",route="/c/{id}"}"#,
        r#"lipa_payments_total{method="card",outcome="succeeded"}"#,
        r#"lipa_payments_total{method="card",outcome="started"}"#,
        "lipa_webhook_backlog ",
        "lipa_webhook_backlog_age_seconds ",
        "lipa_webhook_delivery_duration_seconds_bucket",
        "lipa_sweeper_lag_seconds ",
    ] {
        assert!(
            r.text.contains(series),
            "{series} missing from:\n{}",
            r.text
        );
    }
    // Checkout ids never become series of their own.
    assert!(!r.text.contains("cs_"), "{}", r.text);
}

/// A client that goes away while its change is opening a transaction
/// (the request's future is dropped at any point of `BEGIN`) must not
/// leave the database's writer inside a transaction nothing will end:
/// every later change would fail until a restart.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_cancelled_while_it_begins_leaves_the_writer_usable() {
    let (_dir, url) = support::fresh_database().await;
    let db = server::db::Db::connect(&url).await.unwrap();
    for round in 0..2_000u64 {
        // Polled a few times, the database's thread given a little time
        // between polls, then dropped: before, during or after the BEGIN.
        let mut begin = Box::pin(db.begin());
        for _ in 0..round % 5 {
            let polled = std::future::poll_fn(|cx| {
                std::task::Poll::Ready(begin.as_mut().poll(cx).is_ready())
            })
            .await;
            if polled {
                break;
            }
            std::thread::sleep(Duration::from_micros(round % 97));
        }
        drop(begin);
        let mut tx = tokio::time::timeout(Duration::from_secs(10), db.begin())
            .await
            .expect("the writer is free again")
            .unwrap_or_else(|e| panic!("round {round}: {e}"));
        sqlx::query("SELECT 1").execute(&mut *tx).await.unwrap();
        tx.commit().await.unwrap();
    }
}

/// On SQLite, what is committed is copied from the write-ahead log into
/// the database file soon after, by the checkpointer, long before the log
/// reaches the 1,000 pages at which the writer would copy it itself.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_changes_reach_the_database_file_without_the_writer_copying_them() {
    let (dir, url) = support::fresh_database().await;
    if url.starts_with("postgres") {
        return;
    }
    let db = server::db::Db::connect(&url).await.unwrap();
    let file = dir.path().join("lipa.db");
    let size = || std::fs::metadata(&file).unwrap().len();
    let before = size();
    // About 100 pages: a tenth of what makes the writer checkpoint.
    let mut tx = db.begin().await.unwrap();
    sqlx::query("CREATE TABLE filler (b TEXT)")
        .execute(&mut *tx)
        .await
        .unwrap();
    for _ in 0..100 {
        sqlx::query("INSERT INTO filler VALUES ($1)")
            .bind("x".repeat(4000))
            .execute(&mut *tx)
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
    let until = Instant::now() + Duration::from_secs(5);
    while size() < before + 100 * 4000 {
        assert!(
            Instant::now() < until,
            "the database file stayed at {} bytes",
            size()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
