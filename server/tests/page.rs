//! The buyer page and the payment flow behind it, against the real router
//! and database (the browser-level flows are in end2end/).

mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::json;
use support::{app, form, get, session_body};

#[tokio::test]
async fn renders_the_checkout_server_side() {
    let app = app().await;
    let mut body = session_body();
    body["locale"] = json!("pt");
    let id = app.new_session(body).await;
    let r = app.send(get(&format!("/c/{id}"))).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.text.contains("<html lang=\"pt\""), "{}", &r.text[..200]);
    assert!(r.text.contains("2.650,00\u{a0}MZN"));
    assert!(r.text.contains("Capulana"));
    assert!(r.text.contains("name=\"method\" value=\"mpesa\""));
    assert!(r.text.contains("action=\"/c/"));
    let csp = r.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(!csp.contains("unsafe-inline"));
    // The head every page shares is drawn once per process without a nonce:
    // the policy allows each of its inline scripts and its style by hash.
    let head = &r.text[..r.text.find("</head>").unwrap()];
    // The islands hydrate one task each (a long task on a slow phone
    // otherwise): Leptos' bootstrap still has the line we change.
    assert!(head.contains("await new Promise(r => setTimeout(r));const res = islandFn(el);"));
    for (tag, directive) in [("script", "script-src"), ("style", "style-src")] {
        let sources = csp
            .split(';')
            .find(|d| d.trim().starts_with(directive))
            .unwrap();
        let inline = inline_contents(head, tag);
        assert!(!inline.is_empty(), "{tag}");
        for content in inline {
            assert!(
                sources.contains(&sha256_source(content)),
                "{directive} lacks {content:.40}"
            );
        }
    }

    // Every nonce in the page is the response's own (the body's inline
    // scripts), and each response has its own.
    let nonce = nonce_of(csp);
    let again = app.send(get(&format!("/c/{id}"))).await;
    let other = nonce_of(
        again.headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap(),
    );
    assert_ne!(other, nonce);
    let in_page: std::collections::HashSet<&str> = again
        .text
        .split(" nonce=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    assert_eq!(in_page, std::collections::HashSet::from([other]));

    let r = app.send(get("/c/cs_unknown")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.text.contains("Checkout not found"));
    for path in ["/nothing/here", "/"] {
        let r = app.send(get(path)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
        assert!(r.text.contains("<html lang=\"en\""), "{path}");
    }
}

/// The contents of `html`'s `<tag>` elements that have content.
fn inline_contents<'a>(html: &'a str, tag: &str) -> Vec<&'a str> {
    html.split(&format!("<{tag}"))
        .skip(1)
        .map(|rest| &rest[rest.find('>').unwrap() + 1..rest.find(&format!("</{tag}>")).unwrap()])
        .filter(|content| !content.is_empty())
        .collect()
}

/// The CSP source that allows an inline element with `content`.
fn sha256_source(content: &str) -> String {
    use base64::Engine;
    use sha2::Digest;
    let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(content));
    format!("'sha256-{hash}'")
}

#[tokio::test]
async fn the_page_is_gzipped_for_browsers_that_take_it() {
    use std::io::Read;
    let app = app().await;
    let mut body = session_body();
    body["locale"] = json!("fr");
    let id = app.new_session(body).await;
    let plain = app.send(get(&format!("/c/{id}"))).await;
    assert!(plain.headers.get(header::CONTENT_ENCODING).is_none());
    for accept in ["gzip", "br, gzip, deflate", "gzip;q=0.5, *;q=0"] {
        let request = Request::get(format!("/c/{id}"))
            .header(header::ACCEPT_ENCODING, accept)
            .body(Body::empty())
            .unwrap();
        let (status, headers, bytes) = app.raw(request).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers[header::CONTENT_ENCODING], "gzip", "{accept}");
        assert_eq!(headers[header::VARY], "accept-encoding");
        let mut html = String::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_string(&mut html)
            .expect("one valid gzip member");
        assert!(html.starts_with("<!DOCTYPE html><html lang=\"fr\" dir=\"ltr\"><head>"));
        assert!(html.ends_with("</body></html>"));
        assert_eq!(without_nonces(&html), without_nonces(&plain.text));
    }
    for accept in ["br", "gzip;q=0", "identity"] {
        let request = Request::get(format!("/c/{id}"))
            .header(header::ACCEPT_ENCODING, accept)
            .body(Body::empty())
            .unwrap();
        let r = app.send(request).await;
        assert!(
            r.headers.get(header::CONTENT_ENCODING).is_none(),
            "{accept}"
        );
        assert!(r.text.starts_with("<!DOCTYPE html>"), "{accept}");
    }
}

/// `html` with its nonces taken out.
fn without_nonces(html: &str) -> String {
    html.split(" nonce=\"")
        .map(|part| part.split_once('"').map_or(part, |(_, rest)| rest))
        .collect()
}

/// The nonce a Content-Security-Policy allows.
fn nonce_of(csp: &str) -> &str {
    csp.split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap()
}

#[tokio::test]
async fn pays_without_javascript_and_returns_to_the_merchant() {
    let app = app().await;
    let id = app.new_session(session_body()).await;

    let r = app
        .send(form(
            &format!("/c/{id}"),
            "method=mpesa&phone=84+000+0000&lang=pt",
        ))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    // The sandbox answers at once in these tests, so the buyer goes straight
    // to the return hop (a slower answer sends them to the pending page).
    assert_eq!(
        r.headers[header::LOCATION],
        format!("/c/{id}/return?lang=pt")
    );

    let r = app.send(get(&format!("/c/{id}/return"))).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        r.headers[header::LOCATION],
        format!("https://shop.example/ok?session_id={id}")
    );
    let s = app.session(&id).await;
    assert_eq!(
        (s["status"].as_str(), s["payment_status"].as_str()),
        (Some("complete"), Some("succeeded"))
    );
    assert!(s["completed_at"].is_i64());

    // Paying a paid session changes nothing.
    let r = app
        .send(form(&format!("/c/{id}"), "method=mpesa&phone=840000000"))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    use sqlx::Row;
    let n: i64 = sqlx::query("SELECT COUNT(*) AS n FROM payment_attempts WHERE session_id = $1")
        .bind(&id)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
        .try_get("n")
        .unwrap();
    assert_eq!(n, 1);
}

#[tokio::test]
async fn a_refused_form_comes_back_with_the_error() {
    let app = app().await;
    let id = app.new_session(session_body()).await;
    let r = app
        .send(form(&format!("/c/{id}"), "method=mpesa&phone=86+000+0000"))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text.contains("This number is not on M-Pesa."),
        "{}",
        r.text
    );
    assert!(r.text.contains("value=\"86 000 0000\""));
    let r = app
        .send(form(&format!("/c/{id}"), "method=ecocash&phone=771234567"))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text
            .contains("This payment method is not available for this order.")
    );
    let s = app.session(&id).await;
    assert_eq!(s["payment_status"], "requires_payment_method");
}

#[tokio::test]
async fn declined_then_paid() {
    let app = app().await;
    let id = app.new_session(session_body()).await;
    app.send(form(&format!("/c/{id}"), "method=mpesa&phone=840000001"))
        .await;
    let s = app.session(&id).await;
    assert_eq!(
        (
            s["status"].as_str(),
            s["payment_status"].as_str(),
            s["failure_code"].as_str()
        ),
        (Some("open"), Some("failed"), Some("insufficient_funds"))
    );
    app.send(form(&format!("/c/{id}"), "method=emola&phone=860000000"))
        .await;
    let s = app.session(&id).await;
    assert_eq!(
        (s["status"].as_str(), s["payment_status"].as_str()),
        (Some("complete"), Some("succeeded"))
    );
    assert_eq!(s["failure_code"], json!(null));
}

#[tokio::test]
async fn concurrent_payments_make_exactly_one_attempt() {
    let app = support::app_with(|c| c.sandbox_delay = std::time::Duration::from_secs(60)).await;
    let app = std::sync::Arc::new(app);
    let id = app.new_session(session_body()).await;
    let mut tasks = vec![];
    for _ in 0..8 {
        let (app, id) = (app.clone(), id.clone());
        tasks.push(tokio::spawn(async move {
            app.send(form(&format!("/c/{id}"), "method=mpesa&phone=840000000"))
                .await
                .status
        }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap(), StatusCode::SEE_OTHER);
    }
    use sqlx::Row;
    let n: i64 = sqlx::query("SELECT COUNT(*) AS n FROM payment_attempts WHERE session_id = $1")
        .bind(&id)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
        .try_get("n")
        .unwrap();
    assert_eq!(n, 1);
    // While pending, the merchant cannot expire it from under the buyer.
    let r = app
        .api("POST", &format!("/v1/checkout/sessions/{id}/expire"), None)
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.body["error"]["code"], "payment_pending");
}

#[tokio::test]
async fn the_database_refuses_a_second_live_attempt() {
    // Even code that skipped the state machine could not pay twice.
    let app = app().await;
    let id = app.new_session(session_body()).await;
    let insert = |attempt: &str| {
        sqlx::query(
            "INSERT INTO payment_attempts (id, session_id, method, connector, amount, currency, status, timeout_at, created_at, updated_at)
             VALUES ($1, $2, 'mpesa', 'sandbox', 100, 'MZN', 'succeeded', 0, 0, 0)",
        )
        .bind(attempt.to_owned())
        .bind(id.clone())
        .execute(app.state.db.writer())
    };
    insert("pay_a").await.unwrap();
    let second = insert("pay_b").await.unwrap_err();
    assert!(server::db::is_unique_violation(&second), "{second}");
}

#[tokio::test]
async fn live_sessions_take_no_sandbox_payments() {
    let app = app().await;
    let live = server::store::merchants::create_key(&app.state.db, &app.merchant_id, true)
        .await
        .unwrap();
    // Without a live connector account nothing can take the money: the
    // checkout is refused up front, naming why.
    let r = app
        .api_as(
            Some(&live.secret),
            "POST",
            "/v1/checkout/sessions",
            Some(
                json!({"currency": "MZN", "amount": 100, "success_url": "https://shop.example/ok"}),
            ),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text);
    assert_eq!(r.body["error"]["code"], "payment_method_unavailable");
    // Live mode insists on https.
    let r = app
        .api_as(
            Some(&live.secret),
            "POST",
            "/v1/checkout/sessions",
            Some(json!({"currency": "MZN", "amount": 100, "success_url": "http://localhost/ok"})),
            &[],
        )
        .await;
    assert_eq!(r.body["error"]["param"], "success_url");
}

/// Arabic: the document says `dir="rtl"`, the not-found page too.
#[tokio::test]
async fn arabic_pages_are_right_to_left() {
    let app = app().await;
    let id = app.new_session(session_body()).await;
    let r = app
        .send(
            Request::get(format!("/c/{id}?lang=ar"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert!(
        r.text
            .starts_with("<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\"><head>")
    );
    // Phone and card digits stay left to right inside the mirrored form.
    assert!(
        r.text
            .contains("id=\"phone\" name=\"phone\" type=\"tel\" dir=\"ltr\"")
    );
    assert!(
        r.text
            .contains("id=\"card-number\" name=\"card_number\" type=\"text\" dir=\"ltr\"")
    );
    let r = app
        .send(
            Request::get("/c/cs_nope?lang=ar")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.text.contains("dir=\"rtl\""), "{}", &r.text[..300]);
}

/// The page's language: the merchant's fixed choice, `?lang=`, the buyer's
/// remembered choice (our cookie), `Accept-Language`, then English.
#[tokio::test]
async fn language_is_chosen_first_match_wins_and_a_choice_is_remembered() {
    let app = app().await;
    let id = app.new_session(session_body()).await;
    let page = |query: &str, cookie: Option<&str>, accept: Option<&str>| {
        let mut r = Request::get(format!("/c/{id}{query}")).header(header::ACCEPT, "text/html");
        if let Some(c) = cookie {
            r = r.header(header::COOKIE, c);
        }
        if let Some(a) = accept {
            r = r.header(header::ACCEPT_LANGUAGE, a);
        }
        r.body(Body::empty()).unwrap()
    };
    let lang_of = |text: &str| {
        let start = text.find("<html lang=\"").expect("html lang") + 12;
        text[start..start + 2].to_owned()
    };

    let r = app.send(page("", None, None)).await;
    assert_eq!(lang_of(&r.text), "en");
    assert!(r.headers.get(header::SET_COOKIE).is_none());
    assert!(r.text.contains("data-testid=\"language-switcher\""));

    let r = app
        .send(page("", None, Some("fr-CI,fr;q=0.9,en;q=0.5")))
        .await;
    assert_eq!(lang_of(&r.text), "fr");
    assert!(r.text.contains("2\u{202f}650,00\u{a0}MZN"), "French money");
    assert!(r.text.contains("Payer avec"));

    // Choosing a language (the switcher's `?lang=`) sets a first-party cookie.
    let r = app.send(page("?lang=sw", None, Some("fr"))).await;
    assert_eq!(lang_of(&r.text), "sw");
    assert!(r.text.contains("Lipa kwa"));
    let cookie = r.headers[header::SET_COOKIE].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("lipa_lang=sw;"), "{cookie}");
    assert!(
        cookie.contains("SameSite=Lax") && cookie.contains("HttpOnly"),
        "{cookie}"
    );

    // The remembered choice beats Accept-Language; `?lang=` beats both.
    let r = app.send(page("", Some("lipa_lang=sw"), Some("pt"))).await;
    assert_eq!(lang_of(&r.text), "sw");
    let r = app
        .send(page("?lang=pt", Some("lipa_lang=sw"), Some("fr")))
        .await;
    assert_eq!(lang_of(&r.text), "pt");
    assert!(r.text.contains("2.650,00\u{a0}MZN"));
    // An unknown value anywhere falls through to the next hint.
    let r = app
        .send(page("?lang=de", Some("lipa_lang=xx"), Some("de, sw;q=0.5")))
        .await;
    assert_eq!(lang_of(&r.text), "sw");

    // The merchant's `locale` (or `language`) wins and hides the switcher.
    let mut body = session_body();
    body["language"] = json!("fr");
    let fixed = app.new_session(body).await;
    let r = app
        .send(
            Request::get(format!("/c/{fixed}?lang=en"))
                .header(header::COOKIE, "lipa_lang=pt")
                .header(header::ACCEPT_LANGUAGE, "sw")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(lang_of(&r.text), "fr");
    assert!(!r.text.contains("language-switcher"));
}

/// Only the product's embed origins may frame its checkouts; without any,
/// nobody may. `/embed.js` is served at a versioned, long-cached URL and a
/// short-cached alias.
#[tokio::test]
async fn frame_ancestors_follow_the_product_and_the_embed_script_is_served() {
    let app = app().await;
    let csp_of = |r: &support::Reply| {
        r.headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .to_owned()
    };
    let plain = app.new_session(session_body()).await;
    let r = app.send(get(&format!("/c/{plain}"))).await;
    assert!(
        csp_of(&r).ends_with("frame-ancestors 'none'"),
        "{}",
        csp_of(&r)
    );

    let p = app
        .api(
            "POST",
            "/v1/products",
            Some(json!({
                "type": "api_gateway", "name": "Framed", "main_currency": "MZN",
                "embed_origins": ["https://shop.example", "https://m.shop.example"]
            })),
        )
        .await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.text);
    let mut body = session_body();
    body["product"] = p.body["id"].clone();
    let framed = app.new_session(body).await;
    let r = app.send(get(&format!("/c/{framed}"))).await;
    assert!(
        csp_of(&r).ends_with("frame-ancestors 'self' https://shop.example https://m.shop.example"),
        "{}",
        csp_of(&r)
    );
    assert!(!csp_of(&r).contains('*'));

    let alias = app.send(get("/embed.js")).await;
    assert_eq!(alias.status, StatusCode::OK);
    assert_eq!(alias.headers[header::CACHE_CONTROL], "public, max-age=300");
    assert!(alias.text.contains("window, document"));
    let versioned = app.send(get(&server::embed::versioned_path())).await;
    assert_eq!(versioned.status, StatusCode::OK);
    assert_eq!(
        versioned.headers[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(versioned.text, alias.text);
    let stale = app.send(get("/embed/0123456789ab.js")).await;
    assert_eq!(stale.status, StatusCode::NOT_FOUND);
}
