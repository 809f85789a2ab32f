//! Stripe Checkout against a local fake of Stripe: a live-key merchant's
//! buyer is sent to Stripe's page and back, success is read from Stripe's
//! API, events count only when signed with the account's endpoint secret,
//! refunds go through the Refunds API. Runs on SQLite and PostgreSQL.

mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::{Value, json};
use server::config::ProviderUrls;
use support::stripe_fake::{self, StripeFake};
use support::{TestApp, app_with, form};

struct Rig {
    app: TestApp,
    stripe: StripeFake,
    live: String,
}

async fn rig() -> Rig {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let stripe = StripeFake::new(false, &base);
    let router = stripe_fake::router(stripe.clone());
    tokio::spawn(async move { axum::serve(listener, router).await });
    let app = app_with(|c| {
        c.provider_urls = ProviderUrls {
            stripe: Some(format!("{base}/stripe")),
            ..Default::default()
        };
    })
    .await;
    let db = &app.state.db;
    let live = server::store::merchants::create_key(db, &app.merchant_id, true)
        .await
        .unwrap()
        .secret;
    Rig { app, stripe, live }
}

fn creds(key: &str) -> Value {
    json!({"secret_key": key, "webhook_secret": stripe_fake::WEBHOOK_SECRET})
}

impl Rig {
    async fn live_api(&self, method: &str, path: &str, body: Option<Value>) -> support::Reply {
        self.app
            .api_as(Some(&self.live), method, path, body, &[])
            .await
    }

    /// A live Stripe account; the fake sends its events to the account's
    /// webhook URL.
    async fn account(&self) -> String {
        let body = json!({"provider": "stripe", "credentials": creds(stripe_fake::LIVE_KEY)});
        let r = self
            .live_api("POST", "/v1/connector_accounts", Some(body))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        let id = r.body["id"].as_str().unwrap().to_owned();
        assert_eq!(
            r.body["webhook_url"],
            format!("https://pay.example/hooks/stripe/{id}"),
            "the merchant is told where Stripe must send events"
        );
        let url = r.body["webhook_url"].as_str().unwrap();
        self.stripe.endpoint(url, stripe_fake::WEBHOOK_SECRET);
        id
    }

    async fn checkout(&self, currency: &str, amount: i64) -> Value {
        let body = json!({"currency": currency, "amount": amount,
            "success_url": "https://shop.example/ok", "cancel_url": "https://shop.example/no"});
        let r = self
            .live_api("POST", "/v1/checkout/sessions", Some(body))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        r.body
    }

    /// Chooses "Card" on the page (served by Stripe Checkout); returns
    /// where the buyer is sent.
    async fn pay_with_stripe(&self, session: &str) -> String {
        let r = self
            .app
            .send(form(&format!("/c/{session}"), "method=card"))
            .await;
        assert!(r.status.is_redirection(), "{} {}", r.status, r.text);
        self.app.onward(&r).await
    }

    async fn session(&self, id: &str) -> Value {
        self.live_api("GET", &format!("/v1/checkout/sessions/{id}"), None)
            .await
            .body
    }

    async fn post_event(&self, path: &str, signature: &str, body: &str) -> StatusCode {
        let req = Request::builder()
            .method("POST")
            .uri(path)
            .header("content-type", "application/json")
            .header("stripe-signature", signature)
            .body(Body::from(body.to_owned()))
            .unwrap();
        self.app.send(req).await.status
    }

    /// Delivers the events the fake recorded, as Stripe would.
    async fn deliver_events(&self) -> Vec<StatusCode> {
        let mut out = Vec::new();
        for e in self.stripe.events() {
            let path = e.url.trim_start_matches("https://pay.example");
            out.push(self.post_event(path, &e.signature, &e.body).await);
        }
        out
    }

    fn assert_fake_saw_no_violation(&self) {
        let v = self.stripe.violations();
        assert!(v.is_empty(), "what Lipa sent broke Stripe's rules: {v:?}");
    }
}

fn cs_id(url: &str) -> String {
    url.rsplit('/').next().unwrap().to_owned()
}

#[tokio::test]
async fn a_live_payment_goes_through_stripes_page_and_is_confirmed_by_its_api() {
    let rig = rig().await;
    rig.account().await;
    let s = rig.checkout("KES", 150_050).await;
    let id = s["id"].as_str().unwrap();
    assert_eq!(
        s["payment_method_types"],
        json!(["card"]),
        "a Stripe account serves cards"
    );
    // Lipa's live page asks for no card number: Stripe's page does.
    let page = rig.app.send(support::get(&format!("/c/{id}"))).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("value=\"card\""), "the page offers Card");
    assert!(
        !page.text.contains("name=\"card_number\""),
        "no card-number field in live mode"
    );
    let url = rig.pay_with_stripe(id).await;
    assert!(url.contains("/stripe/pay/cs_test_"), "{url}");
    let cs = rig.stripe.session(&cs_id(&url)).unwrap();
    assert_eq!(
        (cs["amount_total"].as_i64(), cs["currency"].as_str()),
        (Some(150_050), Some("kes"))
    );
    assert_eq!(cs["client_reference_id"], id);
    assert_eq!(rig.session(id).await["payment_status"], "pending");
    rig.stripe.pay(&cs_id(&url)).unwrap();
    assert_eq!(rig.deliver_events().await, vec![StatusCode::OK]);
    let paid = rig.session(id).await;
    assert_eq!(
        (paid["status"].as_str(), paid["payment_status"].as_str()),
        (Some("complete"), Some("succeeded"))
    );
    // A replay of the same signed event changes nothing.
    assert_eq!(rig.deliver_events().await, vec![StatusCode::OK]);
    rig.assert_fake_saw_no_violation();

    let r = rig
        .live_api(
            "POST",
            "/v1/refunds",
            Some(json!({"charge": paid["charge_reference"], "amount": 50_050})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["status"], "succeeded", "{}", r.text);
    let refund = rig.stripe.state.lock().unwrap().refunds[0].clone();
    assert_eq!(refund["amount"], 50_050);
    rig.assert_fake_saw_no_violation();
}

#[tokio::test]
async fn coming_back_from_stripe_without_an_event_asks_stripes_api() {
    let rig = rig().await;
    rig.account().await;
    let s = rig.checkout("ZAR", 9_900).await;
    let id = s["id"].as_str().unwrap();
    // A card number posted anyway (a stale or forged form) is not read.
    let r = rig
        .app
        .send(form(
            &format!("/c/{id}"),
            &support::card("4242424242424242"),
        ))
        .await;
    assert!(r.status.is_redirection(), "{} {}", r.status, r.text);
    let url = rig.app.onward(&r).await;
    assert!(url.contains("/stripe/pay/cs_test_"), "{url}");
    // Back before paying: still the checkout, nothing paid.
    let back = rig.app.send(support::get(&format!("/c/{id}/return"))).await;
    assert_eq!(
        back.location().as_deref(),
        Some(format!("/c/{id}").as_str())
    );
    rig.stripe.pay(&cs_id(&url)).unwrap();
    // No event delivered: the return hop reads Stripe's session.
    let back = rig.app.send(support::get(&format!("/c/{id}/return"))).await;
    assert_eq!(back.location().as_deref(), Some("https://shop.example/ok"));
    assert_eq!(rig.session(id).await["payment_status"], "succeeded");
}

#[tokio::test]
async fn forged_and_stale_events_change_nothing() {
    let rig = rig().await;
    let account = rig.account().await;
    let s = rig.checkout("KES", 20_000).await;
    let id = s["id"].as_str().unwrap();
    let url = rig.pay_with_stripe(id).await;
    let path = format!("/hooks/stripe/{account}");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let body = json!({"id": "evt_forged", "type": "checkout.session.completed",
        "data": {"object": {"id": cs_id(&url), "object": "checkout.session", "status": "complete",
        "payment_status": "paid", "metadata": {"lipa_attempt": "x"}}}})
    .to_string();
    let forged = format!(
        "t={now},v1={}",
        stripe_fake::sign("whsec_someone_else", now, body.as_bytes())
    );
    assert_eq!(
        rig.post_event(&path, &forged, &body).await,
        StatusCode::BAD_REQUEST
    );
    let stale_t = now - 600;
    let stale = format!(
        "t={stale_t},v1={}",
        stripe_fake::sign(stripe_fake::WEBHOOK_SECRET, stale_t, body.as_bytes())
    );
    assert_eq!(
        rig.post_event(&path, &stale, &body).await,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        rig.post_event(&path, "", &body).await,
        StatusCode::BAD_REQUEST
    );
    // Even a well-signed event is only a hint: Stripe's API says unpaid.
    let signed = format!(
        "t={now},v1={}",
        stripe_fake::sign(stripe_fake::WEBHOOK_SECRET, now, body.as_bytes())
    );
    assert_eq!(rig.post_event(&path, &signed, &body).await, StatusCode::OK);
    assert_eq!(rig.session(id).await["payment_status"], "pending");
    assert_eq!(
        rig.post_event("/hooks/stripe/ca_nobody", &signed, &body)
            .await,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_buyer_who_leaves_stripes_page_can_pay_another_way() {
    let rig = rig().await;
    rig.account().await;
    let s = rig.checkout("KES", 20_000).await;
    let id = s["id"].as_str().unwrap();
    let url = rig.pay_with_stripe(id).await;
    let r = rig.app.send(form(&format!("/c/{id}/abandon"), "")).await;
    assert!(r.status.is_redirection(), "{}", r.status);
    assert_eq!(
        rig.stripe.session(&cs_id(&url)).unwrap()["status"],
        "expired",
        "Stripe's page can no longer be paid"
    );
    let again = rig.session(id).await;
    assert_eq!(again["status"], "open", "{again}");
    assert!(rig.stripe.pay(&cs_id(&url)).is_none());
    let url2 = rig.pay_with_stripe(id).await;
    assert_ne!(
        cs_id(&url),
        cs_id(&url2),
        "a new Stripe session for the new attempt"
    );
    rig.assert_fake_saw_no_violation();
}

#[tokio::test]
async fn stripe_accounts_take_only_matching_keys_and_amounts_stripe_can_charge() {
    let rig = rig().await;
    let body = json!({"provider": "stripe", "credentials": creds(stripe_fake::SECRET_KEY)});
    let r = rig
        .live_api("POST", "/v1/connector_accounts", Some(body))
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text);
    assert_eq!(
        r.body["error"]["param"], "credentials.secret_key",
        "a test key cannot take live money"
    );
    let body = json!({"provider": "stripe", "credentials": creds("sk_live_not_a_real_key")});
    let r = rig
        .live_api("POST", "/v1/connector_accounts", Some(body))
        .await;
    assert_eq!(
        r.body["error"]["code"], "connector_credentials_invalid",
        "{}",
        r.text
    );
    assert!(!r.text.contains("sk_live_not_a_real_key"), "never echoed");
    rig.account().await;
    // MGA has cents in ISO 4217 but none at Stripe: 5,000.50 ariary cannot go.
    let r = rig
        .live_api(
            "POST",
            "/v1/checkout/sessions",
            Some(
                json!({"currency": "MGA", "amount": 500_050, "payment_method_types": ["card"],
                "success_url": "https://shop.example/ok"}),
            ),
        )
        .await;
    assert_eq!(
        r.body["error"]["code"], "payment_method_unavailable",
        "{}",
        r.text
    );
    let s = rig.checkout("UGX", 5_000).await;
    let url = rig.pay_with_stripe(s["id"].as_str().unwrap()).await;
    let cs = rig.stripe.session(&cs_id(&url)).unwrap();
    assert_eq!(
        cs["amount_total"], 5_000,
        "UGX is zero-decimal at Stripe too"
    );
    rig.assert_fake_saw_no_violation();
}

#[tokio::test]
async fn a_pending_refund_settles_when_stripe_says_the_charge_was_refunded() {
    let rig = rig().await;
    rig.account().await;
    rig.stripe.state.lock().unwrap().pending_refunds = true;
    let s = rig.checkout("ZAR", 10_000).await;
    let id = s["id"].as_str().unwrap();
    let url = rig.pay_with_stripe(id).await;
    rig.stripe.pay(&cs_id(&url)).unwrap();
    rig.deliver_events().await;
    let paid = rig.session(id).await;
    assert_eq!(paid["payment_status"], "succeeded");
    let r = rig
        .live_api(
            "POST",
            "/v1/refunds",
            Some(json!({"charge": paid["charge_reference"], "amount": 4_000})),
        )
        .await;
    assert_eq!(r.body["status"], "pending", "{}", r.text);
    let refund = r.body["id"].as_str().unwrap().to_owned();
    rig.stripe.settle_refunds();
    let kinds: Vec<String> = rig.stripe.events().iter().map(|e| e.body.clone()).collect();
    assert!(kinds.last().unwrap().contains("charge.refunded"));
    rig.deliver_events().await;
    let r = rig
        .live_api("GET", &format!("/v1/refunds/{refund}"), None)
        .await;
    assert_eq!(r.body["status"], "succeeded", "{}", r.text);
    assert_eq!(
        rig.stripe.state.lock().unwrap().refunds.len(),
        1,
        "asked again, never refunded twice"
    );
    rig.assert_fake_saw_no_violation();
}

#[tokio::test]
async fn a_payment_made_as_the_attempt_times_out_is_kept() {
    let rig = rig().await;
    rig.account().await;
    let s = rig.checkout("ZAR", 7_000).await;
    let id = s["id"].as_str().unwrap();
    rig.pay_with_stripe(id).await;
    // The attempt's time is up; the buyer pays on Stripe's page just as
    // Lipa expires the Checkout Session.
    sqlx::query("UPDATE payment_attempts SET timeout_at = 0 WHERE session_id = $1")
        .bind(id)
        .execute(rig.app.state.db.writer())
        .await
        .unwrap();
    rig.stripe.state.lock().unwrap().pay_on_expire = true;
    rig.app.state.checkouts.refresh(id).await.unwrap();
    let paid = rig.session(id).await;
    assert_eq!(
        (paid["status"].as_str(), paid["payment_status"].as_str()),
        (Some("complete"), Some("succeeded")),
        "Stripe took the money: Lipa says paid, not timed out"
    );
}
