//! Payment links: the API, and a buyer's visits to `/l/{id}`.

mod support;

use axum::http::{StatusCode, header};
use serde_json::{Value, json};
use support::{CARD_OK, TestApp, app, form, get, now_s};

async fn link(app: &TestApp, body: Value) -> Value {
    let r = app.api("POST", "/v1/payment_links", Some(body)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    r.body
}

/// Visits the link; returns the session it opened.
async fn open(app: &TestApp, id: &str) -> String {
    let r = app.send(get(&format!("/l/{id}"))).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
    let to = r.headers[header::LOCATION].to_str().unwrap().to_owned();
    to.strip_prefix("/c/").expect("a checkout").to_owned()
}

#[tokio::test]
async fn each_visit_opens_a_fresh_checkout_of_the_link() {
    let app = app().await;
    let l = link(
        &app,
        json!({ "currency": "MZN", "amount": 25000, "description": "Capulana", "payment_method_types": ["mpesa", "card"] }),
    )
    .await;
    let id = l["id"].as_str().unwrap();
    assert!(id.starts_with("plink_"));
    assert_eq!(l["url"], format!("https://pay.example/l/{id}"));
    assert_eq!(
        (l["object"].as_str(), l["amount"].as_i64()),
        (Some("payment_link"), Some(25000))
    );
    assert_eq!(
        (l["active"].as_bool(), l["payments"].as_i64()),
        (Some(true), Some(0))
    );
    let (a, b) = (open(&app, id).await, open(&app, id).await);
    assert_ne!(a, b, "a fresh session per visit");
    let s = app.session(&a).await;
    assert_eq!(s["payment_link"], id);
    assert_eq!(
        (s["amount_total"].as_i64(), s["description"].as_str()),
        (Some(25000), Some("Capulana"))
    );
    assert_eq!(s["payment_method_types"], json!(["mpesa", "card"]));
    assert_eq!(
        s["success_url"],
        Value::Null,
        "no success URL: Lipa's receipt"
    );
    // Paid once: the link counts it.
    app.pay_by_card(&a, CARD_OK).await;
    let l = app
        .api("GET", &format!("/v1/payment_links/{id}"), None)
        .await;
    assert_eq!(l.body["payments"], 1);
    let list = app.api("GET", "/v1/payment_links", None).await;
    assert_eq!(list.body["data"][0]["payments"], 1, "the list counts too");
}

#[tokio::test]
async fn a_single_use_link_closes_after_its_payment_and_a_switched_off_one_at_once() {
    let app = app().await;
    let l = link(
        &app,
        json!({ "currency": "MZN", "amount": 5000, "single_use": true }),
    )
    .await;
    let id = l["id"].as_str().unwrap();
    let s = open(&app, id).await;
    app.pay_by_card(&s, CARD_OK).await;
    let r = app.send(get(&format!("/l/{id}"))).await;
    assert_eq!(r.status, StatusCode::GONE);
    assert!(r.text.contains("This payment link is closed"), "{}", r.text);

    let l = link(&app, json!({ "currency": "MZN", "amount": 5000 })).await;
    let id = l["id"].as_str().unwrap();
    let off = app
        .api(
            "POST",
            &format!("/v1/payment_links/{id}"),
            Some(json!({ "active": false })),
        )
        .await;
    assert_eq!(
        (off.status, off.body["active"].as_bool()),
        (StatusCode::OK, Some(false))
    );
    let r = app
        .send(
            axum::http::Request::get(format!("/l/{id}"))
                .header(header::ACCEPT_LANGUAGE, "pt-MZ")
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::GONE);
    assert!(
        r.text.contains("Este link de pagamento está fechado"),
        "{}",
        r.text
    );
    assert_eq!(
        app.send(get("/l/plink_nope")).await.status,
        StatusCode::NOT_FOUND
    );
}

/// A link shared in a chat app is fetched by the app to draw its card: the
/// card shows the link's words, and no checkout is opened for the bot.
#[tokio::test]
async fn chat_apps_drawing_a_card_open_no_checkout() {
    let app = app().await;
    let l = link(
        &app,
        json!({ "currency": "MZN", "amount": 25000, "description": "Capulana <estampada>" }),
    )
    .await;
    let id = l["id"].as_str().unwrap();
    let before = app.session_count().await;
    let bots = [
        "WhatsApp/2.23.20.0",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "TelegramBot (like TwitterBot)",
        "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
    ];
    for agent in bots {
        let req = axum::http::Request::get(format!("/l/{id}"))
            .header(header::USER_AGENT, agent)
            .body(axum::body::Body::empty())
            .unwrap();
        let r = app.send(req).await;
        assert_eq!(r.status, StatusCode::OK, "{agent}");
        assert!(
            r.text
                .contains("<meta property=\"og:title\" content=\"Capulana &lt;estampada&gt;\">"),
            "{}",
            r.text
        );
    }
    let head = axum::http::Request::head(format!("/l/{id}"))
        .body(axum::body::Body::empty())
        .unwrap();
    assert_eq!(app.send(head).await.status, StatusCode::OK);
    assert_eq!(app.session_count().await, before, "no checkout for bots");
    // A phone's browser opens the checkout as before.
    let phone =
        "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36";
    let req = axum::http::Request::get(format!("/l/{id}"))
        .header(header::USER_AGENT, phone)
        .body(axum::body::Body::empty())
        .unwrap();
    assert_eq!(app.send(req).await.status, StatusCode::SEE_OTHER);
    assert_eq!(app.session_count().await, before + 1);
}

#[tokio::test]
async fn the_buyer_chooses_the_amount_within_the_bounds() {
    let app = app().await;
    let l = link(
        &app,
        json!({ "currency": "MZN", "custom_amount_min": 10000, "custom_amount_max": 500000, "description": "Donation" }),
    )
    .await;
    let id = l["id"].as_str().unwrap();
    assert_eq!(
        l["custom_amount"],
        json!({ "minimum": 10000, "maximum": 500000 })
    );
    let before = app.session_count().await;
    let page = app.send(get(&format!("/l/{id}"))).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.text.contains("How much do you want to pay?"),
        "{}",
        page.text
    );
    assert!(page.text.contains("MZN\u{a0}100.00") && page.text.contains("MZN\u{a0}5,000.00"));
    // Too little, or not a number: the form again, with the error; no session.
    for typed in ["50", "abc"] {
        let r = app
            .send(form(&format!("/l/{id}"), &format!("amount={typed}")))
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{typed}");
        assert!(r.text.contains("aria-invalid=\"true\""), "{typed}");
        let kept = format!("value=\"{typed}\"");
        assert!(r.text.contains(&kept), "what they typed stays: {typed}");
    }
    assert_eq!(app.session_count().await, before);
    let r = app
        .send(form(&format!("/l/{id}"), "amount=1+750%2C50"))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
    let s = r.headers[header::LOCATION]
        .to_str()
        .unwrap()
        .trim_start_matches("/c/")
        .to_owned();
    let s = app.session(&s).await;
    assert_eq!(
        (s["amount_total"].as_i64(), s["payment_link"].as_str()),
        (Some(175050), Some(id))
    );
}

#[tokio::test]
async fn bad_links_are_refused_with_the_field_and_write_nothing() {
    let app = app().await;
    for (body, param) in [
        (json!({ "currency": "MZN" }), "amount"),
        (
            json!({ "custom_amount_min": 100, "custom_amount_max": 50, "currency": "MZN" }),
            "custom_amount_max",
        ),
        (
            json!({ "amount": 100, "custom_amount_min": 1, "custom_amount_max": 5, "currency": "MZN" }),
            "custom_amount_min",
        ),
        (
            json!({ "currency": "MZN", "amount": 100, "payment_limit": 0 }),
            "payment_limit",
        ),
        (
            json!({ "currency": "MZN", "amount": 100, "expires_at": now_s() - 1 }),
            "expires_at",
        ),
        (json!({ "currency": "XYZ", "amount": 100 }), "currency"),
        (
            json!({ "currency": "MZN", "amount": 100, "payment_method_types": ["nope"] }),
            "payment_method_types[0]",
        ),
    ] {
        let r = app
            .api("POST", "/v1/payment_links", Some(body.clone()))
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{body}: {}", r.text);
        assert_eq!(r.body["error"]["param"], param, "{body}: {}", r.text);
    }
    let list = app.api("GET", "/v1/payment_links", None).await;
    assert_eq!(list.body["data"], json!([]));
    // The amount of an existing link never changes.
    let l = link(&app, json!({ "currency": "MZN", "amount": 100 })).await;
    let id = l["id"].as_str().unwrap();
    let r = app
        .api(
            "POST",
            &format!("/v1/payment_links/{id}"),
            Some(json!({ "amount": 1 })),
        )
        .await;
    assert_eq!(
        (r.status, r.body["error"]["param"].as_str()),
        (StatusCode::BAD_REQUEST, Some("amount"))
    );
}

#[tokio::test]
async fn another_merchant_and_the_other_mode_see_none_of_it() {
    let app = app().await;
    let l = link(&app, json!({ "currency": "MZN", "amount": 100 })).await;
    let id = l["id"].as_str().unwrap();
    let other = app.other_merchant_key("Other shop").await;
    let path = format!("/v1/payment_links/{id}");
    let r = app.api_as(Some(&other), "GET", &path, None, &[]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app
        .api_as(
            Some(&other),
            "POST",
            &path,
            Some(json!({ "active": false })),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let list = app
        .api_as(Some(&other), "GET", "/v1/payment_links", None, &[])
        .await;
    assert_eq!(list.body["data"], json!([]));
    let live = app.live_key().await;
    let r = app.api_as(Some(&live), "GET", &path, None, &[]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let mine = app.api("GET", "/v1/payment_links", None).await;
    assert_eq!(mine.body["data"][0]["id"], id);
}
