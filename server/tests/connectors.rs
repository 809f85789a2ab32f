//! Real rails against local fakes of each provider: connector accounts,
//! payments through the page, callbacks that are only hints, refunds, and
//! what happens when a provider fails. Runs on SQLite and PostgreSQL.

mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::{Value, json};
use server::config::ProviderUrls;
use std::time::Duration;
use support::fakes::{self, Fake, Script};
use support::{TestApp, app_with, form};

struct Rig {
    app: TestApp,
    fake: Fake,
    live: String,
}

async fn rig() -> Rig {
    let fake = Fake::new(false);
    let base = fakes::serve(fake.clone()).await;
    let app = app_with(|c| {
        c.provider_urls = ProviderUrls {
            mpesa_daraja: Some(format!("{base}/daraja")),
            mpesa_vodacom_mz: Some(format!("{base}/vodacom")),
            mtn_momo: Some(format!("{base}/momo")),
            ..Default::default()
        };
    })
    .await;
    let db = &app.state.db;
    let live = server::store::merchants::create_key(db, &app.merchant_id, true)
        .await
        .unwrap()
        .secret;
    Rig { app, fake, live }
}

fn daraja_creds() -> Value {
    json!({"consumer_key": fakes::DARAJA_KEY, "consumer_secret": fakes::DARAJA_SECRET,
        "business_short_code": fakes::DARAJA_SHORTCODE, "passkey": fakes::DARAJA_PASSKEY,
        "transaction_type": "CustomerPayBillOnline"})
}

fn vodacom_creds(fake: &Fake) -> Value {
    json!({"api_key": fakes::VODACOM_API_KEY, "public_key": fake.vodacom_public_key(),
        "service_provider_code": fakes::VODACOM_SP_CODE,
        "initiator_identifier": "initiator_fake", "security_credential": "credential_fake"})
}

fn momo_creds() -> Value {
    json!({"api_user": fakes::MOMO_USER, "api_key": fakes::MOMO_API_KEY,
        "subscription_key": fakes::MOMO_SUBSCRIPTION, "target_environment": "mtnghana"})
}

impl Rig {
    async fn live_api(&self, method: &str, path: &str, body: Option<Value>) -> support::Reply {
        self.app
            .api_as(Some(&self.live), method, path, body, &[])
            .await
    }

    async fn add(&self, provider: &str, credentials: Value) -> String {
        let body = json!({"provider": provider, "credentials": credentials});
        let r = self
            .live_api("POST", "/v1/connector_accounts", Some(body))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        r.body["id"].as_str().unwrap().to_owned()
    }

    async fn checkout(&self, currency: &str, amount: i64) -> String {
        let body = json!({"currency": currency, "amount": amount,
            "success_url": "https://shop.example/ok", "cancel_url": "https://shop.example/no"});
        let r = self
            .live_api("POST", "/v1/checkout/sessions", Some(body))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        r.body["id"].as_str().unwrap().to_owned()
    }

    async fn pay(&self, session: &str, method: &str, phone: &str) {
        let body = format!("method={method}&phone={}", phone.replace('+', "%2B"));
        let r = self.app.send(form(&format!("/c/{session}"), &body)).await;
        assert!(
            r.status.is_redirection() || r.status == StatusCode::OK,
            "{} {}",
            r.status,
            r.text
        );
    }

    async fn session(&self, id: &str) -> Value {
        self.live_api("GET", &format!("/v1/checkout/sessions/{id}"), None)
            .await
            .body
    }

    /// Polls the status API (which asks the provider) until the payment
    /// is no longer pending.
    async fn settled(&self, id: &str) -> Value {
        for _ in 0..100 {
            let s = self.session(id).await;
            if s["payment_status"] != "pending" {
                return s;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the payment did not settle");
    }

    /// Delivers the callbacks the fake recorded, as the provider would.
    async fn deliver_callbacks(&self) -> Vec<StatusCode> {
        let mut statuses = Vec::new();
        for cb in self.fake.callbacks() {
            let path = cb.url.trim_start_matches("https://pay.example").to_owned();
            statuses.push(self.callback(cb.method, &path, &cb.body).await);
        }
        statuses
    }

    async fn callback(&self, method: &str, path: &str, body: &Value) -> StatusCode {
        let req = Request::builder()
            .method(method)
            .uri(path)
            .header("content-type", "application/json")
            .body(Body::from(body.to_string()))
            .unwrap();
        self.app.send(req).await.status
    }

    async fn count(&self, sql: &str) -> i64 {
        use sqlx::Row;
        sqlx::query(sql)
            .fetch_one(&self.app.state.db.pool)
            .await
            .unwrap()
            .try_get(0)
            .unwrap()
    }
}

#[tokio::test]
async fn a_live_kes_checkout_is_paid_through_daraja_and_confirmed_by_its_query_api() {
    let rig = rig().await;
    let account = rig.add("mpesa_daraja", daraja_creds()).await;
    let id = rig.checkout("KES", 150_000).await;
    assert_eq!(
        rig.session(&id).await["payment_method_types"],
        json!(["mpesa"])
    );
    let slow = Script {
        delay: Duration::from_millis(1500),
        ..Script::ok("0")
    };
    rig.fake.script("254712345678", slow);
    rig.pay(&id, "mpesa", "+254712345678").await;
    assert_eq!(rig.session(&id).await["payment_status"], "pending");
    tokio::time::sleep(Duration::from_millis(1600)).await;
    assert_eq!(rig.deliver_callbacks().await, vec![StatusCode::OK]);
    let s = rig.session(&id).await;
    assert_eq!(
        (s["status"].as_str(), s["payment_status"].as_str()),
        (Some("complete"), Some("succeeded"))
    );
    rig.assert_fake_saw_no_violation();
    // A duplicate callback changes nothing.
    assert_eq!(rig.deliver_callbacks().await, vec![StatusCode::OK]);
    let n = rig
        .count("SELECT COUNT(*) FROM webhook_events WHERE event_type = 'payment.succeeded'")
        .await;
    assert!(
        n <= 1,
        "one payment.succeeded at most (no product endpoint here): {n}"
    );
    let a = rig
        .live_api("GET", &format!("/v1/connector_accounts/{account}"), None)
        .await;
    assert_eq!(a.body["settings"]["business_short_code"], "174379");
    assert_eq!(a.body["credentials_set"], true);
    for secret in [
        fakes::DARAJA_SECRET,
        fakes::DARAJA_PASSKEY,
        fakes::DARAJA_KEY,
    ] {
        assert!(!a.text.contains(secret));
    }
}

#[tokio::test]
async fn a_forged_success_callback_leaves_a_cancelled_payment_unpaid() {
    let rig = rig().await;
    rig.add("mpesa_daraja", daraja_creds()).await;
    rig.fake.script(
        "254712000032",
        Script {
            callback: false,
            ..Script::ok("1032")
        },
    );
    let id = rig.checkout("KES", 50_000).await;
    rig.pay(&id, "mpesa", "+254712000032").await;
    let (path, reference) = rig.latest_callback(&id).await;
    // The buyer cancelled; a forger posts "success" to the real path.
    let forged = json!({"Body": {"stkCallback": {"MerchantRequestID": "x",
        "CheckoutRequestID": reference, "ResultCode": 0, "ResultDesc": "The service request is processed successfully."}}});
    tokio::time::sleep(Duration::from_millis(350)).await;
    assert_eq!(rig.callback("POST", &path, &forged).await, StatusCode::OK);
    let s = rig.session(&id).await;
    assert_eq!(s["payment_status"], "failed", "{s}");
    assert_eq!(s["failure_code"], "cancelled");
    // A path without Lipa's tag is not even read.
    let flipped = if path.ends_with('0') { '1' } else { '0' };
    let wrong = format!("{}{flipped}", &path[..path.len() - 1]);
    assert_eq!(
        rig.callback("POST", &wrong, &forged).await,
        StatusCode::NOT_FOUND
    );
}

impl Rig {
    fn assert_fake_saw_no_violation(&self) {
        let v = self.fake.violations();
        assert!(
            v.is_empty(),
            "what Lipa sent broke the provider's rules: {v:?}"
        );
    }

    /// A new checkout, paid from `phone`, once settled.
    async fn pay_to_the_end(
        &self,
        currency: &str,
        amount: i64,
        method: &str,
        phone: &str,
    ) -> Value {
        let id = self.checkout(currency, amount).await;
        self.pay(&id, method, phone).await;
        self.settled(&id).await
    }

    /// The latest attempt's callback path and provider reference.
    async fn latest_callback(&self, session: &str) -> (String, String) {
        let a = server::store::attempts::latest(&self.app.state.db.pool, session)
            .await
            .unwrap()
            .unwrap();
        let url = self.app.state.checkouts.callback_url(&a);
        (
            url.trim_start_matches("https://pay.example").to_owned(),
            a.connector_reference.unwrap(),
        )
    }
}

#[tokio::test]
async fn daraja_failures_reach_the_buyer_in_lipa_words_and_no_callback_is_settled_by_querying() {
    let rig = rig().await;
    rig.add("mpesa_daraja", daraja_creds()).await;
    for (phone, code, lipa) in [
        ("254712000001", "1", "insufficient_funds"),
        ("254712002001", "2001", "wrong_pin"),
        ("254712001037", "1037", "phone_unreachable"),
    ] {
        rig.fake.script(
            phone,
            Script {
                callback: false,
                query_500s: 1,
                ..Script::ok(code)
            },
        );
        let s = rig
            .pay_to_the_end("KES", 20_000, "mpesa", &format!("+{phone}"))
            .await;
        assert_eq!(s["failure_code"], lipa, "{code}");
        let id = s["id"].as_str().unwrap();
        let page = rig.app.send(support::get(&format!("/c/{id}"))).await;
        assert_eq!(page.status, StatusCode::OK);
    }
    rig.assert_fake_saw_no_violation();
}

#[tokio::test]
async fn a_daraja_500_on_the_push_is_a_clear_failure_and_nothing_is_charged_twice() {
    let rig = rig().await;
    rig.add("mpesa_daraja", daraja_creds()).await;
    rig.fake.script(
        "254712000500",
        Script {
            start_500: true,
            ..Script::ok("0")
        },
    );
    let id = rig.checkout("KES", 20_000).await;
    rig.pay(&id, "mpesa", "+254712000500").await;
    let s = rig.session(&id).await;
    assert_eq!(s["failure_code"], "provider_unavailable");
    assert_eq!(s["status"], "open", "the buyer can try again");
    assert_eq!(rig.fake.pushes(), 0, "a push is never retried blindly");
}

#[tokio::test]
async fn live_mode_offers_only_what_an_account_can_take() {
    let rig = rig().await;
    let body = |m: Value| {
        json!({"currency": "KES", "amount": 10_050, "payment_method_types": m,
        "success_url": "https://shop.example/ok"})
    };
    let r = rig
        .live_api(
            "POST",
            "/v1/checkout/sessions",
            Some(body(json!(["mpesa"]))),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        r.body["error"]["code"], "payment_method_unavailable",
        "{}",
        r.text
    );
    assert!(
        r.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("mpesa")
    );
    rig.add("mpesa_daraja", daraja_creds()).await;
    // KES 100.50 cannot go to M-Pesa Express (whole shillings): never rounded.
    let r = rig
        .live_api(
            "POST",
            "/v1/checkout/sessions",
            Some(body(json!(["mpesa"]))),
        )
        .await;
    assert_eq!(
        r.body["error"]["code"], "payment_method_unavailable",
        "{}",
        r.text
    );
    let r = rig
        .live_api("POST", "/v1/checkout/sessions", Some(body(json!(["card"]))))
        .await;
    assert_eq!(r.body["error"]["code"], "payment_method_unavailable");
    // Test mode still has the sandbox for everything.
    let t = rig
        .app
        .api(
            "POST",
            "/v1/checkout/sessions",
            Some(body(json!(["mpesa"]))),
        )
        .await;
    assert_eq!(t.status, StatusCode::OK, "{}", t.text);
}

#[tokio::test]
async fn credentials_are_tried_sealed_and_never_shown() {
    let rig = rig().await;
    let mut bad = daraja_creds();
    bad["consumer_secret"] = json!("wrong-secret-value");
    let body = json!({"provider": "mpesa_daraja", "credentials": bad});
    let r = rig
        .live_api("POST", "/v1/connector_accounts", Some(body))
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        r.body["error"]["code"], "connector_credentials_invalid",
        "{}",
        r.text
    );
    assert!(
        r.text.contains("Invalid Authentication passed"),
        "the provider's reason: {}",
        r.text
    );
    assert!(!r.text.contains("wrong-secret-value"));
    let sandbox = json!({"provider": "mpesa_daraja", "environment": "sandbox", "credentials": daraja_creds()});
    let r = rig
        .live_api("POST", "/v1/connector_accounts", Some(sandbox))
        .await;
    assert_eq!(
        r.status,
        StatusCode::BAD_REQUEST,
        "live money never goes to a sandbox"
    );
    let id = rig.add("mpesa_daraja", daraja_creds()).await;
    use sqlx::Row;
    let row = sqlx::query("SELECT credentials, settings FROM connector_accounts WHERE id = $1")
        .bind(&id)
        .fetch_one(&rig.app.state.db.pool)
        .await
        .unwrap();
    let stored: String = row.try_get("credentials").unwrap();
    let settings: String = row.try_get("settings").unwrap();
    for secret in [
        fakes::DARAJA_SECRET,
        fakes::DARAJA_PASSKEY,
        fakes::DARAJA_KEY,
    ] {
        assert!(!stored.contains(secret) && !settings.contains(secret));
    }
    // Rotating one secret keeps the rest; a wrong one is refused and nothing changes.
    let rotate = json!({"credentials": {"consumer_secret": "wrong"}});
    let r = rig
        .live_api(
            "POST",
            &format!("/v1/connector_accounts/{id}"),
            Some(rotate),
        )
        .await;
    assert_eq!(r.body["error"]["code"], "connector_credentials_invalid");
    let list = rig.live_api("GET", "/v1/connector_accounts", None).await;
    assert_eq!(list.body["data"].as_array().unwrap().len(), 1);
    let test_list = rig.app.api("GET", "/v1/connector_accounts", None).await;
    assert_eq!(test_list.body["data"], json!([]), "accounts are per mode");
    let r = rig
        .live_api(
            "POST",
            &format!("/v1/connector_accounts/{id}/disable"),
            None,
        )
        .await;
    assert_eq!(r.body["status"], "disabled");
    let r = rig
        .live_api(
            "POST",
            "/v1/checkout/sessions",
            Some(json!({"currency": "KES", "amount": 10_000})),
        )
        .await;
    assert_eq!(
        r.body["error"]["code"], "payment_method_unavailable",
        "{}",
        r.text
    );
}

#[tokio::test]
async fn vodacom_mozambique_c2b_pays_without_holding_the_request_and_refunds_by_reversal() {
    let rig = rig().await;
    rig.add("mpesa_vodacom_mz", vodacom_creds(&rig.fake)).await;
    rig.fake.script(
        "258841234567",
        Script {
            delay: Duration::from_millis(1500),
            ..Script::ok("INS-0")
        },
    );
    let id = rig.checkout("MZN", 125_050).await;
    let started = std::time::Instant::now();
    rig.pay(&id, "mpesa", "+258841234567").await;
    assert!(
        started.elapsed() < Duration::from_millis(1200),
        "the page answers while C2B blocks"
    );
    assert_eq!(rig.session(&id).await["payment_status"], "pending");
    let s = rig.settled(&id).await;
    assert_eq!(s["payment_status"], "succeeded", "{s}");
    let r = rig
        .live_api(
            "POST",
            "/v1/refunds",
            Some(json!({"charge": s["charge_reference"], "amount": 50_025})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["status"], "succeeded", "{}", r.text);
    let reversal = rig.fake.state.lock().unwrap().reversals[0].clone();
    assert_eq!(reversal["input_ReversalAmount"], "500.25");
    rig.assert_fake_saw_no_violation();
    rig.fake.script("258841000006", Script::ok("INS-2006"));
    let s = rig
        .pay_to_the_end("MZN", 1_000, "mpesa", "+258841000006")
        .await;
    assert_eq!(s["failure_code"], "insufficient_funds");
}

#[tokio::test]
async fn mtn_momo_request_to_pay_is_polled_and_its_callback_only_triggers_a_query() {
    let rig = rig().await;
    rig.add("mtn_momo", momo_creds()).await;
    let id = rig.checkout("GHS", 2_550).await;
    rig.pay(&id, "momo_mtn", "+233241234567").await;
    tokio::time::sleep(Duration::from_millis(350)).await;
    rig.deliver_callbacks().await;
    let s = rig.settled(&id).await;
    assert_eq!(s["payment_status"], "succeeded", "{s}");
    rig.fake.script(
        "233241000001",
        Script {
            query_500s: 2,
            ..Script::ok("APPROVAL_REJECTED")
        },
    );
    let rejected = rig
        .pay_to_the_end("GHS", 1_000, "momo_mtn", "+233241000001")
        .await;
    assert_eq!(rejected["failure_code"], "cancelled");
    // A MoMo 500 on the request leaves it to polling; MTN never saw it, so
    // it ends as unavailable rather than hanging (checked by the engine's
    // time limit and the 404 rule).
    rig.assert_fake_saw_no_violation();
    let r = rig
        .live_api(
            "POST",
            "/v1/refunds",
            Some(json!({"charge": s["charge_reference"], "amount": 100})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(
        r.body["status"], "failed",
        "MoMo Collection cannot refund: {}",
        r.text
    );
    // The failed refund gave its amount back to the balance.
    let b = rig.live_api("GET", "/v1/balance", None).await.body;
    assert_eq!(
        b["available"],
        json!([{"amount": 2_550, "currency": "ghs"}]),
        "{b}"
    );
    let moves = rig
        .live_api("GET", "/v1/balance_transactions", None)
        .await
        .body;
    let kinds: Vec<&str> = moves["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["type"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["refund_failure", "refund", "payment"]);
}

mod killed {
    //! `kill -9` between the provider's acceptance and its answer: the
    //! payment still settles, exactly once, after a restart.

    use super::*;
    use support::process::{self, KEY};

    async fn killed_between_acceptance_and_result(
        provider: &str,
        creds: impl FnOnce(&Fake) -> Value,
        currency: &str,
        phone: &str,
    ) {
        let fake = Fake::new(true);
        let creds = creds(&fake);
        let base = fakes::serve(fake.clone()).await;
        fake.script(
            phone.trim_start_matches('+'),
            Script {
                delay: Duration::from_secs(3),
                ..Script::ok(if provider == "mpesa_daraja" {
                    "0"
                } else {
                    "INS-0"
                })
            },
        );
        let dir = tempfile::tempdir().unwrap();
        let port = process::free_port();
        let public = format!("http://127.0.0.1:{port}");
        let env = [
            ("LIPA_MPESA_DARAJA_BASE_URL", format!("{base}/daraja")),
            ("LIPA_MPESA_VODACOM_MZ_BASE_URL", format!("{base}/vodacom")),
            ("LIPA_PUBLIC_URL", public.clone()),
            ("LIPA_SWEEP_INTERVAL_MS", "200".to_owned()),
        ];
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let mut lipa = process::start(dir.path(), port, &env);
        process::wait_healthy(&lipa).await;
        let http = reqwest::Client::new();
        let api = |path: &str| http.post(format!("{public}{path}")).bearer_auth(KEY);
        let r = api("/v1/connector_accounts")
            .json(&json!({"provider": provider, "credentials": creds}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
        let r: Value = api("/v1/checkout/sessions")
            .json(
                &json!({"currency": currency, "amount": 10_000, "payment_method_types": ["mpesa"]}),
            )
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let id = r["id"].as_str().unwrap().to_owned();
        let pay = http
            .post(format!("{public}/c/{id}"))
            .header("accept", "text/html")
            .form(&[("method", "mpesa"), ("phone", phone)])
            .send()
            .await
            .unwrap();
        assert!(pay.status().is_success() || pay.status().is_redirection());
        assert_eq!(fake.pushes(), 1, "the provider accepted the request");
        process::kill_hard(&mut lipa);
        // The buyer approves while Lipa is down; Daraja's callback is lost.
        tokio::time::sleep(Duration::from_millis(3200)).await;
        let lipa = process::start(dir.path(), port, &env);
        process::wait_healthy(&lipa).await;
        let mut status = Value::Null;
        for _ in 0..100 {
            let s: Value = http
                .get(format!("{public}/v1/checkout/sessions/{id}"))
                .bearer_auth(KEY)
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            status = s["payment_status"].clone();
            if status != "pending" {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert_eq!(status, "succeeded");
        let events: Value = http
            .get(format!("{public}/v1/events"))
            .bearer_auth(KEY)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let succeeded = events["data"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["type"] == "payment.succeeded")
            .count();
        assert_eq!(succeeded, 1, "settled exactly once");
        assert_eq!(fake.pushes(), 1, "never asked twice");
        assert!(fake.violations().is_empty(), "{:?}", fake.violations());
    }

    #[tokio::test]
    async fn daraja() {
        let creds = |_: &Fake| {
            let mut c = daraja_creds();
            c["transaction_type"] = json!("CustomerBuyGoodsOnline");
            c["till_number"] = json!("5432100");
            c
        };
        killed_between_acceptance_and_result("mpesa_daraja", creds, "KES", "+254712777001").await;
    }

    #[tokio::test]
    async fn vodacom_mozambique() {
        killed_between_acceptance_and_result(
            "mpesa_vodacom_mz",
            vodacom_creds,
            "MZN",
            "+258841777001",
        )
        .await;
    }
}

/// `lipa connector add|list|disable`, as an operator runs them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cli_adds_lists_and_disables_accounts_without_showing_secrets() {
    let fake = Fake::new(false);
    let base = fakes::serve(fake).await;
    let dir = tempfile::tempdir().unwrap();
    let daraja = format!("{base}/daraja");
    let run = move |args: Vec<String>, creds: Option<String>| {
        let dir = dir.path().to_owned();
        let daraja = daraja.clone();
        async move {
            tokio::task::spawn_blocking(move || {
                let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_lipa"));
                cmd.args(&args)
                    .env_clear()
                    .env("LIPA_DATA_DIR", dir)
                    .env("LIPA_MPESA_DARAJA_BASE_URL", daraja)
                    .env("RUST_LOG", "warn");
                if let Some(c) = creds {
                    cmd.env("LIPA_CONNECTOR_CREDENTIALS", c);
                }
                let out = cmd.output().unwrap();
                let text = |b: Vec<u8>| String::from_utf8(b).unwrap().trim().to_owned();
                (out.status.success(), text(out.stdout), text(out.stderr))
            })
            .await
            .unwrap()
        }
    };
    let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let (ok, merchant, _) = run(args(&["merchant", "create", "--name", "Duka"]), None).await;
    assert!(ok);
    let add = args(&[
        "connector",
        "add",
        "--merchant",
        &merchant,
        "--provider",
        "mpesa_daraja",
        "--live",
    ]);
    let mut bad = daraja_creds();
    bad["consumer_secret"] = json!("not-the-secret");
    let (ok, _, err) = run(add.clone(), Some(bad.to_string())).await;
    assert!(
        !ok && err.contains("Invalid Authentication passed"),
        "{err}"
    );
    assert!(!err.contains("not-the-secret"));
    let (ok, id, err) = run(add, Some(daraja_creds().to_string())).await;
    assert!(ok && id.starts_with("ca_"), "{id} {err}");
    let (_, list, _) = run(
        args(&["connector", "list", "--merchant", &merchant, "--live"]),
        None,
    )
    .await;
    assert!(
        list.contains(&id) && list.contains("174379") && list.contains("enabled"),
        "{list}"
    );
    assert!(!list.contains(fakes::DARAJA_SECRET) && !list.contains(fakes::DARAJA_PASSKEY));
    let (ok, line, _) = run(args(&["connector", "disable", &id]), None).await;
    assert!(ok && line.contains("disabled"), "{line}");
}
