//! The merchant API against the real router and a real database.

mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::{Value, json};
use support::{KEY, app, session_body};

#[tokio::test]
async fn create_and_retrieve_a_session() {
    let app = app().await;
    let r = app.create(session_body()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let s = &r.body;
    let id = s["id"].as_str().unwrap();
    assert!(id.starts_with("cs_"));
    assert_eq!(s["object"], "checkout_session");
    assert_eq!(s["status"], "open");
    assert_eq!(s["payment_status"], "requires_payment_method");
    assert_eq!(s["mode"], "payment");
    assert_eq!(s["currency"], "mzn");
    assert_eq!(s["amount_subtotal"], 265_000);
    assert_eq!(s["amount_total"], 265_000);
    assert_eq!(s["url"], format!("https://pay.example/c/{id}"));
    assert_eq!(s["livemode"], false);
    assert_eq!(
        s["success_url"],
        "https://shop.example/ok?session_id={CHECKOUT_SESSION_ID}"
    );
    assert!(
        s["client_secret"]
            .as_str()
            .unwrap()
            .starts_with(&format!("{id}_secret_"))
    );
    assert!(s["charge_reference"].as_str().unwrap().starts_with("ch_"));
    assert!(s["client_reference_id"].is_string());
    assert!(s["expires_at"].as_i64().unwrap() > s["created"].as_i64().unwrap());
    assert_eq!(
        s["payment_method_types"],
        json!(["mpesa", "emola", "emis", "card", "stripe", "flutterwave"])
    );
    assert!(
        s.get("line_items").is_none(),
        "line items only when expanded"
    );

    let r = app
        .api("GET", &format!("/v1/checkout/sessions/{id}"), None)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.body["id"], id);
    assert!(r.body.get("line_items").is_none());

    let r = app
        .api(
            "GET",
            &format!("/v1/checkout/sessions/{id}?expand=line_items"),
            None,
        )
        .await;
    let items = r.body["line_items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["name"], "Capulana");
    assert_eq!(items[0]["amount_total"], 250_000);
    assert_eq!(items[1]["description"], "Maputo");
    assert!(items[0]["id"].as_str().unwrap().starts_with("li_"));
}

#[tokio::test]
async fn amount_customer_locale_and_expand_on_create() {
    let app = app().await;
    let r = app
        .create(json!({
            "amount": 2500, "currency": "kes", "description": "Pro plan for March",
            "customer": { "name": "Amina", "email": "amina@example.com", "phone": "+254712345678" },
            "locale": "pt", "submit_type": "donate", "source": "web",
            "metadata": { "order": "42" }, "client_reference_id": "cart-9",
            "expand": ["line_items"], "payment_method_types": ["M-Pesa", "card"]
        }))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let s = &r.body;
    assert_eq!(s["currency"], "kes");
    assert_eq!(s["amount_total"], 2500);
    assert_eq!(s["line_items"][0]["name"], "Pro plan for March");
    assert_eq!(s["customer"]["phone"], "+254712345678");
    assert_eq!(s["customer_email"], "amina@example.com");
    assert_eq!(s["locale"], "pt");
    assert_eq!(s["submit_type"], "donate");
    assert_eq!(s["metadata"], json!({ "order": "42" }));
    assert_eq!(s["client_reference_id"], "cart-9");
    assert_eq!(s["payment_method_types"], json!(["mpesa", "card"]));
}

#[tokio::test]
async fn authentication() {
    let app = app().await;
    let path = "/v1/checkout/sessions";
    let r = app.api_as(None, "GET", path, None, &[]).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.body["error"]["code"], "api_key_missing");

    let wrong = "sk_test_apitests_000000000000000001";
    let r = app.api_as(Some(wrong), "GET", path, None, &[]).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.body["error"]["code"], "api_key_invalid");

    let r = app.api_as(Some("not-a-key"), "GET", path, None, &[]).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);

    // The Zenofy-style header works too.
    let r = app
        .api_as(None, "GET", path, None, &[("api-key", KEY)])
        .await;
    assert_eq!(r.status, StatusCode::OK);

    // A revoked key stops working at once.
    let key = server::store::merchants::create_key(&app.state.db, &app.merchant_id, false)
        .await
        .unwrap();
    assert_eq!(
        app.api_as(Some(&key.secret), "GET", path, None, &[])
            .await
            .status,
        StatusCode::OK
    );
    server::store::merchants::revoke_key(&app.state.db, &key.prefix)
        .await
        .unwrap();
    assert_eq!(
        app.api_as(Some(&key.secret), "GET", path, None, &[])
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn keys_and_secrets_are_not_stored_in_clear() {
    use sqlx::Row;
    let app = app().await;
    let rows = sqlx::query("SELECT prefix, key_hash FROM api_keys")
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap();
    for row in rows {
        let hash: String = row.try_get("key_hash").unwrap();
        let prefix: String = row.try_get("prefix").unwrap();
        assert!(!hash.contains(&KEY[16..]));
        assert_eq!(hash.len(), 64);
        assert_eq!(prefix.len(), 16);
    }
    let r = app
        .api(
            "POST",
            "/v1/products",
            Some(json!({ "name": "Hooks", "main_currency": "MZN", "webhook_url": "https://hooks.example/lipa", "webhook_secret": "whsec_c3VwZXJzZWNyZXR2YWx1ZS0wMTIzNDU2Nzg5YWI=" })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert!(!r.text.contains("c3VwZXJzZWNyZXR2YWx1ZS0wMTIzNDU2Nzg5YWI"));
    assert_eq!(r.body["webhook_secret_set"], true);
    let stored: String = sqlx::query("SELECT webhook_secret FROM products WHERE id = $1")
        .bind(r.body["id"].as_str().unwrap())
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
        .try_get("webhook_secret")
        .unwrap();
    assert!(stored.starts_with("v1:"));
    assert!(!stored.contains("c3VwZXJzZWNyZXR2YWx1ZS0wMTIzNDU2Nzg5YWI"));
    assert_eq!(
        app.state.config.master_key.decrypt(&stored).unwrap(),
        "whsec_c3VwZXJzZWNyZXR2YWx1ZS0wMTIzNDU2Nzg5YWI="
    );
}

/// Each bad request: its status, error code and parameter, and nothing written.
#[tokio::test]
async fn every_validation_error_is_clear_and_writes_nothing() {
    let app = app().await;
    let with = |patch: Value| {
        let mut body = session_body();
        for (k, v) in patch.as_object().unwrap() {
            if v.is_null() {
                body.as_object_mut().unwrap().remove(k);
            } else {
                body[k] = v.clone();
            }
        }
        body
    };
    let soon = support::now_s() + 30;
    let cases: Vec<(Value, &str, Option<&str>)> = vec![
        (
            with(json!({"currency": ""})),
            "currency_unsupported",
            Some("currency"),
        ),
        (
            with(json!({"currency": "XYZ"})),
            "currency_unsupported",
            Some("currency"),
        ),
        (
            with(json!({"line_items": null})),
            "parameter_missing",
            Some("line_items"),
        ),
        (
            with(json!({"line_items": []})),
            "parameter_invalid",
            Some("line_items"),
        ),
        (
            with(json!({"amount": 100})),
            "parameter_invalid",
            Some("amount"),
        ),
        (
            with(json!({"line_items": null, "amount": 0})),
            "amount_too_small",
            Some("amount"),
        ),
        (
            with(json!({"line_items": null, "amount": 25.5})),
            "parameter_invalid",
            Some("amount"),
        ),
        (
            with(json!({"line_items": [{"name": "A", "unit_amount": 100, "quantity": 0}]})),
            "parameter_invalid",
            Some("line_items[0].quantity"),
        ),
        (
            with(json!({"line_items": [{"unit_amount": 100}]})),
            "parameter_missing",
            Some("line_items[0].name"),
        ),
        (
            with(json!({"line_items": [{"name": "A", "unit_amount": -5}]})),
            "parameter_invalid",
            Some("line_items[0].unit_amount"),
        ),
        (
            with(json!({"line_items": [{"name": "A", "unit_amount": 0}]})),
            "amount_too_small",
            Some("line_items"),
        ),
        (
            with(
                json!({"line_items": [{"name": "A", "unit_amount": 900000000000i64, "quantity": 10}]}),
            ),
            "amount_too_large",
            Some("line_items"),
        ),
        (
            with(json!({"line_items": [{"name": "A", "unit_amount": 1, "colour": "red"}]})),
            "parameter_unknown",
            Some("line_items[0].colour"),
        ),
        (
            with(json!({"success_url": "http://shop.example/ok"})),
            "url_invalid",
            Some("success_url"),
        ),
        (
            with(json!({"cancel_url": "not a url"})),
            "url_invalid",
            Some("cancel_url"),
        ),
        (
            with(json!({"description": "abc"})),
            "parameter_invalid",
            Some("description"),
        ),
        (
            with(json!({"description": "x".repeat(151)})),
            "parameter_invalid",
            Some("description"),
        ),
        (
            with(json!({"metadata": {"a":"1","b":"2","c":"3","d":"4","e":"5","f":"6"}})),
            "parameter_invalid",
            Some("metadata"),
        ),
        (
            with(json!({"metadata": {"k": "v".repeat(501)}})),
            "parameter_invalid",
            Some("metadata[k]"),
        ),
        (
            with(json!({"metadata": {"k".repeat(41): "v"}})),
            "parameter_invalid",
            Some("metadata"),
        ),
        (
            with(json!({"customer": {"phone": "840000000"}})),
            "parameter_invalid",
            Some("customer.phone"),
        ),
        (
            with(json!({"customer": {"email": "nope"}})),
            "parameter_invalid",
            Some("customer.email"),
        ),
        (
            with(json!({"locale": "de"})),
            "parameter_invalid",
            Some("locale"),
        ),
        (
            with(json!({"language": "de"})),
            "parameter_invalid",
            Some("locale"),
        ),
        (
            with(json!({"locale": "pt", "language": "fr"})),
            "parameter_invalid",
            Some("locale"),
        ),
        (
            with(json!({"mode": "subscription"})),
            "parameter_invalid",
            Some("mode"),
        ),
        (
            with(json!({"submit_type": "buy"})),
            "parameter_invalid",
            Some("submit_type"),
        ),
        (
            with(json!({"source": "fax"})),
            "parameter_invalid",
            Some("source"),
        ),
        (
            with(json!({"expires_at": soon - 3600})),
            "parameter_invalid",
            Some("expires_at"),
        ),
        (
            with(json!({"expires_at": soon + 30 * 86400})),
            "parameter_invalid",
            Some("expires_at"),
        ),
        (
            with(json!({"payment_method_types": ["ecocash"]})),
            "payment_method_currency",
            Some("payment_method_types[0]"),
        ),
        (
            with(json!({"payment_method_types": ["cash"]})),
            "payment_method_invalid",
            Some("payment_method_types[0]"),
        ),
        (
            with(json!({"product": "prod_nope"})),
            "resource_missing",
            Some("product"),
        ),
        (
            with(json!({"expand": ["customer"]})),
            "parameter_invalid",
            Some("expand[0]"),
        ),
        (
            with(json!({"shipping_rate": "x"})),
            "parameter_unknown",
            Some("shipping_rate"),
        ),
    ];
    for (body, code, param) in cases {
        let r = app.create(body.clone()).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{body} -> {}", r.text);
        assert_eq!(r.body["error"]["code"], code, "{body} -> {}", r.text);
        assert_eq!(
            r.body["error"]["param"].as_str(),
            param,
            "{body} -> {}",
            r.text
        );
        assert!(!r.body["error"]["message"].as_str().unwrap().is_empty());
    }
    // Not JSON at all.
    let req = Request::post("/v1/checkout/sessions")
        .header("authorization", format!("Bearer {KEY}"))
        .body(Body::from("{\"currency\": "))
        .unwrap();
    let r = app.send(req).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.body["error"]["code"], "invalid_json");
    // Too large.
    let big = json!({ "currency": "MZN", "description": "x".repeat(70_000) });
    let r = app.create(big).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", r.text);
    assert_eq!(r.body["error"]["code"], "request_too_large");

    assert_eq!(
        app.session_count().await,
        0,
        "no failed request wrote a session"
    );

    // Without `currency`, the merchant's default product decides.
    let r = app.create(with(json!({"currency": null}))).await;
    assert_eq!(r.body["currency"], "mzn", "{}", r.text);
}

#[tokio::test]
async fn list_pages_both_ways_with_filters() {
    let app = app().await;
    let mut ids = vec![];
    for i in 0..5 {
        let currency = if i == 4 { "KES" } else { "MZN" };
        let r = app
            .create(json!({ "currency": currency, "amount": 100 + i }))
            .await;
        assert_eq!(r.status, StatusCode::OK);
        ids.push(r.body["id"].as_str().unwrap().to_owned());
    }
    ids.reverse(); // newest first
    let page = |r: &support::Reply| -> Vec<String> {
        r.body["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_str().unwrap().to_owned())
            .collect()
    };

    let r = app.api("GET", "/v1/checkout/sessions", None).await;
    assert_eq!(r.body["object"], "list");
    assert_eq!(page(&r), ids);
    assert_eq!(r.body["paging"]["has_next_page"], false);

    let r = app.api("GET", "/v1/checkout/sessions?limit=2", None).await;
    assert_eq!(page(&r), ids[0..2]);
    assert_eq!(r.body["paging"]["has_next_page"], true);
    assert_eq!(r.body["paging"]["has_previous_page"], false);
    let end = r.body["paging"]["end_cursor"].as_str().unwrap().to_owned();

    let r = app
        .api(
            "GET",
            &format!("/v1/checkout/sessions?first=2&after={end}"),
            None,
        )
        .await;
    assert_eq!(page(&r), ids[2..4]);
    assert_eq!(r.body["paging"]["has_next_page"], true);
    assert_eq!(r.body["paging"]["has_previous_page"], true);
    let start = r.body["paging"]["start_cursor"]
        .as_str()
        .unwrap()
        .to_owned();
    let end = r.body["paging"]["end_cursor"].as_str().unwrap().to_owned();

    let r = app
        .api(
            "GET",
            &format!("/v1/checkout/sessions?first=2&after={end}"),
            None,
        )
        .await;
    assert_eq!(page(&r), ids[4..5]);
    assert_eq!(r.body["paging"]["has_next_page"], false);

    // Back again from the second page.
    let r = app
        .api(
            "GET",
            &format!("/v1/checkout/sessions?last=2&before={start}"),
            None,
        )
        .await;
    assert_eq!(page(&r), ids[0..2]);
    assert_eq!(r.body["paging"]["has_previous_page"], false);
    assert_eq!(r.body["paging"]["has_next_page"], true);

    let r = app
        .api(
            "GET",
            &format!("/v1/checkout/sessions?last=1&before={}", ids[4]),
            None,
        )
        .await;
    assert_eq!(page(&r), ids[3..4]);
    assert_eq!(r.body["paging"]["has_previous_page"], true);

    let r = app
        .api("GET", "/v1/checkout/sessions?currency=kes", None)
        .await;
    assert_eq!(page(&r), ids[0..1]);
    app.api(
        "POST",
        &format!("/v1/checkout/sessions/{}/expire", ids[1]),
        None,
    )
    .await;
    let r = app
        .api("GET", "/v1/checkout/sessions?status=expired", None)
        .await;
    assert_eq!(page(&r), ids[1..2]);
    let r = app
        .api(
            "GET",
            "/v1/checkout/sessions?status=open&currency=MZN&limit=100",
            None,
        )
        .await;
    assert_eq!(page(&r), [ids[2].clone(), ids[3].clone(), ids[4].clone()]);

    let today = time::OffsetDateTime::now_utc().date();
    let r = app
        .api(
            "GET",
            &format!("/v1/checkout/sessions?start_date={today}&end_date={today}"),
            None,
        )
        .await;
    assert_eq!(page(&r).len(), 5);
    let tomorrow = today.next_day().unwrap();
    let r = app
        .api(
            "GET",
            &format!("/v1/checkout/sessions?start_date={tomorrow}"),
            None,
        )
        .await;
    assert_eq!(page(&r).len(), 0);

    for (query, param) in [
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("limit=ten", "limit"),
        ("first=2&last=2", "last"),
        ("after=cs_x&before=cs_y", "before"),
        ("after=cs_missing", "after"),
        ("status=paid", "status"),
        ("currency=xyz", "currency"),
        ("start_date=2026-13-01", "start_date"),
        ("start_date=2026-05-02&end_date=2026-05-01", "end_date"),
        ("colour=red", "colour"),
    ] {
        let r = app
            .api("GET", &format!("/v1/checkout/sessions?{query}"), None)
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{query}: {}", r.text);
        assert_eq!(r.body["error"]["param"], param, "{query}: {}", r.text);
    }
}

#[tokio::test]
async fn sessions_are_private_to_their_merchant_and_mode() {
    let app = app().await;
    let id = app.new_session(session_body()).await;
    let other = server::store::merchants::create(&app.state.db, "Other")
        .await
        .unwrap();
    let other_key = server::store::merchants::create_key(&app.state.db, &other.id, false)
        .await
        .unwrap();
    let live_key = server::store::merchants::create_key(&app.state.db, &app.merchant_id, true)
        .await
        .unwrap();
    for key in [&other_key.secret, &live_key.secret] {
        let r = app
            .api_as(
                Some(key),
                "GET",
                &format!("/v1/checkout/sessions/{id}"),
                None,
                &[],
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert_eq!(r.body["error"]["code"], "resource_missing");
        let r = app
            .api_as(Some(key), "GET", "/v1/checkout/sessions", None, &[])
            .await;
        assert_eq!(r.body["data"], json!([]));
    }
}

#[tokio::test]
async fn expire() {
    let app = app().await;
    let id = app.new_session(session_body()).await;
    let r = app
        .api("POST", &format!("/v1/checkout/sessions/{id}/expire"), None)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["status"], "expired");
    assert_eq!(r.body["payment_status"], "cancelled");
    let r = app
        .api("POST", &format!("/v1/checkout/sessions/{id}/expire"), None)
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.body["error"]["code"], "session_not_open");
    let r = app
        .api("POST", "/v1/checkout/sessions/cs_nope/expire", None)
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app
        .api(
            "POST",
            &format!("/v1/checkout/sessions/{id}/expire"),
            Some(json!({"reason": "x"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.body["error"]["param"], "reason");
}

#[tokio::test]
async fn sessions_expire_on_time_without_anyone_looking() {
    let app = app().await;
    let now = support::now_s();
    let id = app
        .new_session(json!({ "currency": "MZN", "amount": 500, "expires_at": now + 1 }))
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    let touched = app.state.checkouts.sweep().await.unwrap();
    assert_eq!(touched, 1);
    use sqlx::Row;
    let status: String = sqlx::query("SELECT status FROM checkout_sessions WHERE id = $1")
        .bind(&id)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
        .try_get("status")
        .unwrap();
    assert_eq!(status, "expired");
}

#[tokio::test]
async fn idempotency_replays_refuses_and_serialises() {
    let app = app().await;
    let key = [("idempotency-key", "order-1042")];
    let post =
        |body: Value| app.api_as(Some(KEY), "POST", "/v1/checkout/sessions", Some(body), &key);

    let first = post(session_body()).await;
    assert_eq!(first.status, StatusCode::OK);
    // Same body, keys in another order: the same response.
    let mut reordered = serde_json::Map::new();
    for (k, v) in session_body().as_object().unwrap().iter().rev() {
        reordered.insert(k.clone(), v.clone());
    }
    let again = post(Value::Object(reordered)).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.text, first.text);
    assert_eq!(again.headers["idempotent-replayed"], "true");

    // Different body: refused.
    let mut other = session_body();
    other["currency"] = json!("KES");
    let r = post(other).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.body["error"]["code"], "idempotency_key_reused");

    // The same key on another endpoint is a different request.
    let r = app
        .api_as(
            Some(KEY),
            "POST",
            "/v1/products",
            Some(session_body()),
            &key,
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(app.session_count().await, 1);

    // A failed request does not burn its key: fixed, it goes through.
    let key2 = [("idempotency-key", "order-1043")];
    let mut bad = session_body();
    bad["currency"] = json!("XYZ");
    let r = app
        .api_as(Some(KEY), "POST", "/v1/checkout/sessions", Some(bad), &key2)
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = app
        .api_as(
            Some(KEY),
            "POST",
            "/v1/checkout/sessions",
            Some(session_body()),
            &key2,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(app.session_count().await, 2);
}

#[tokio::test]
async fn concurrent_requests_with_one_key_create_one_session() {
    let app = std::sync::Arc::new(app().await);
    let mut tasks = vec![];
    for _ in 0..8 {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            app.api_as(
                Some(KEY),
                "POST",
                "/v1/checkout/sessions",
                Some(session_body()),
                &[("idempotency-key", "same")],
            )
            .await
        }));
    }
    let mut ids = std::collections::BTreeSet::new();
    for t in tasks {
        let r = t.await.unwrap();
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        ids.insert(r.body["id"].as_str().unwrap().to_owned());
    }
    assert_eq!(ids.len(), 1, "every caller got the same session");
    assert_eq!(app.session_count().await, 1);
}

#[tokio::test]
async fn products_over_the_api() {
    let app = app().await;
    let r = app
        .api(
            "POST",
            "/v1/products",
            Some(json!({
                "type": "api_gateway", "name": "Pro plan", "main_currency": "mzn",
                "payment_methods": ["mpesa", "e-mola"], "embed_origins": ["https://shop.example"],
                "webhook_url": "https://shop.example/hooks"
            })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let id = r.body["id"].as_str().unwrap().to_owned();
    assert_eq!(r.body["object"], "product");
    assert_eq!(r.body["main_currency"], "mzn");
    assert_eq!(r.body["payment_methods"], json!(["mpesa", "emola"]));
    // Every product gets a signing secret; one we made up is shown once.
    assert_eq!(r.body["webhook_secret_set"], true);
    let secret = r.body["webhook_secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("whsec_"), "{secret}");
    assert_eq!(r.body["webhook_endpoint"]["status"], "enabled");
    assert_eq!(r.body["active"], true);

    let r = app.api("GET", &format!("/v1/products/{id}"), None).await;
    assert_eq!(r.body["name"], "Pro plan");
    assert!(r.body.get("webhook_secret").is_none());
    assert!(!r.text.contains(&secret));
    let r = app.api("GET", "/v1/products", None).await;
    assert_eq!(
        r.body["data"].as_array().unwrap().len(),
        2,
        "with the bootstrap product"
    );

    // A session on this product offers only its methods, and defaults to its currency.
    let r = app.create(json!({ "product": id, "amount": 1000 })).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["currency"], "mzn");
    assert_eq!(r.body["payment_method_types"], json!(["mpesa", "emola"]));
    assert_eq!(r.body["product"], id.as_str());
    let r = app
        .create(json!({ "product": id, "amount": 1000, "payment_method_types": ["card"] }))
        .await;
    assert_eq!(r.body["error"]["code"], "payment_method_unavailable");

    let r = app
        .api(
            "POST",
            &format!("/v1/products/{id}"),
            Some(json!({ "active": false, "webhook_secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["active"], false);
    assert_eq!(r.body["name"], "Pro plan");
    assert_eq!(r.body["webhook_secret_set"], true);
    let r = app.create(json!({ "product": id, "amount": 1000 })).await;
    assert_eq!(r.body["error"]["code"], "product_inactive");

    for (body, param) in [
        (json!({ "name": "X" }), "main_currency"),
        (
            json!({ "name": "X", "main_currency": "MZN", "embed_origins": ["*"] }),
            "embed_origins[0]",
        ),
        (
            json!({ "name": "X", "main_currency": "MZN", "type": "subscription" }),
            "type",
        ),
        (
            json!({ "name": "X", "main_currency": "MZN", "webhook_url": "ftp://x" }),
            "webhook_url",
        ),
        (
            json!({ "name": "X", "main_currency": "MZN", "secret": "x" }),
            "secret",
        ),
    ] {
        let r = app.api("POST", "/v1/products", Some(body.clone())).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{body}: {}", r.text);
        assert_eq!(r.body["error"]["param"], param, "{body}: {}", r.text);
    }
    let r = app.api("GET", "/v1/products/prod_nope", None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn unknown_endpoints_and_methods_answer_in_json() {
    let app = app().await;
    let r = app.api("GET", "/v1/nope", None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.body["error"]["code"], "resource_missing");
    let r = app.api("DELETE", "/v1/checkout/sessions", None).await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(r.body["error"]["code"], "method_not_allowed");
    assert!(r.headers.get("x-request-id").is_some());
}
