//! Flutterwave Standard and PayFast against local fakes: a live merchant's
//! buyer goes to the provider's page and back, success is what the
//! provider's verify or ITN checks say, a forged or replayed notice
//! changes nothing, refunds go through the provider. SQLite and
//! PostgreSQL.

mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::{Value, json};
use server::config::ProviderUrls;
use support::flutterwave_fake::{self, FlutterwaveFake};
use support::payfast_fake::{self, PayfastFake};
use support::{TestApp, app_with, form};

struct Rig {
    app: TestApp,
    flw: FlutterwaveFake,
    pf: PayfastFake,
    live: String,
    base: String,
}

async fn rig() -> Rig {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let flw = FlutterwaveFake::new(false, &base);
    let pf = PayfastFake::new(false);
    let router = flutterwave_fake::router(flw.clone()).merge(payfast_fake::router(pf.clone()));
    tokio::spawn(async move { axum::serve(listener, router).await });
    let app = app_with(|c| {
        c.provider_urls = ProviderUrls {
            flutterwave: Some(format!("{base}/flutterwave")),
            payfast: Some(format!("{base}/payfast")),
            ..Default::default()
        };
    })
    .await;
    let live = server::store::merchants::create_key(&app.state.db, &app.merchant_id, true)
        .await
        .unwrap()
        .secret;
    Rig {
        app,
        flw,
        pf,
        live,
        base,
    }
}

impl Rig {
    async fn live_api(&self, method: &str, path: &str, body: Option<Value>) -> support::Reply {
        self.app
            .api_as(Some(&self.live), method, path, body, &[])
            .await
    }

    async fn account(&self, provider: &str, credentials: Value, methods: Option<Value>) -> Value {
        let mut body = json!({"provider": provider, "credentials": credentials});
        if let Some(m) = methods {
            body["methods"] = m;
        }
        let r = self
            .live_api("POST", "/v1/connector_accounts", Some(body))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        r.body
    }

    async fn flutterwave(&self) -> String {
        let a = self
            .account(
                "flutterwave",
                json!({"secret_key": flutterwave_fake::LIVE_KEY, "secret_hash": flutterwave_fake::SECRET_HASH,
                    "payment_options": ["card", "mobilemoneyghana"]}),
                Some(json!(["card", "flutterwave", "momo_mtn"])),
            )
            .await;
        let url = a["webhook_url"]
            .as_str()
            .expect("a webhook URL to set at Flutterwave");
        self.flw.endpoint(url);
        a["id"].as_str().unwrap().to_owned()
    }

    async fn payfast(&self) -> String {
        let a = self
            .account(
                "payfast",
                json!({"merchant_id": payfast_fake::MERCHANT_ID, "merchant_key": payfast_fake::MERCHANT_KEY,
                    "passphrase": payfast_fake::PASSPHRASE}),
                None,
            )
            .await;
        assert_eq!(a["settings"]["merchant_id"], payfast_fake::MERCHANT_ID);
        assert!(
            !a.to_string().contains(payfast_fake::PASSPHRASE),
            "never shown again"
        );
        a["id"].as_str().unwrap().to_owned()
    }

    async fn checkout(&self, currency: &str, amount: i64, methods: Value) -> String {
        let body = json!({"currency": currency, "amount": amount, "payment_method_types": methods,
            "success_url": "https://shop.example/ok", "cancel_url": "https://shop.example/no"});
        let r = self
            .live_api("POST", "/v1/checkout/sessions", Some(body))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        r.body["id"].as_str().unwrap().to_owned()
    }

    async fn choose(&self, session: &str, method: &str) -> String {
        let r = self
            .app
            .send(form(&format!("/c/{session}"), &format!("method={method}")))
            .await;
        assert!(r.status.is_redirection(), "{} {}", r.status, r.text);
        self.app.onward(&r).await
    }

    async fn session(&self, id: &str) -> Value {
        self.live_api("GET", &format!("/v1/checkout/sessions/{id}"), None)
            .await
            .body
    }

    async fn post(&self, path: &str, headers: &[(&str, &str)], body: String) -> StatusCode {
        let mut req = Request::builder().method("POST").uri(path);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        self.app
            .send(req.body(Body::from(body)).unwrap())
            .await
            .status
    }

    async fn deliver_flutterwave_hooks(&self) -> Vec<StatusCode> {
        let mut out = Vec::new();
        for h in self.flw.hooks() {
            let path = h.url.trim_start_matches("https://pay.example").to_owned();
            let headers = [
                ("verif-hash", h.hash.as_str()),
                ("content-type", "application/json"),
            ];
            out.push(self.post(&path, &headers, h.body).await);
        }
        out
    }

    async fn deliver_itns(&self) -> Vec<StatusCode> {
        let mut out = Vec::new();
        for itn in self.pf.itns() {
            let path = itn.url.trim_start_matches("https://pay.example").to_owned();
            let headers = [("content-type", "application/x-www-form-urlencoded")];
            out.push(self.post(&path, &headers, itn.body).await);
        }
        out
    }

    /// What the buyer's browser does with Lipa's PayFast page: posts its
    /// form to PayFast. Returns the m_payment_id.
    async fn post_payfast_form(&self, hop: &str) -> String {
        let path = hop.trim_start_matches("https://pay.example");
        let page = self.app.send(support::get(path)).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.text);
        let csp = page.headers["content-security-policy"].to_str().unwrap();
        assert!(csp.contains(&format!("form-action {}", self.base)), "{csp}");
        let action = attr(
            &page.text,
            "<form id=\"pf\" method=\"post\" action=\"",
            "\"",
        );
        assert_eq!(action, format!("{}/payfast/eng/process", self.base));
        let fields = hidden_inputs(&page.text);
        let id = fields
            .iter()
            .find(|(k, _)| k == "m_payment_id")
            .unwrap()
            .1
            .clone();
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        let r = reqwest::Client::new()
            .post(action)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
        id
    }

    fn assert_fakes_saw_no_violation(&self) {
        let v = [self.flw.violations(), self.pf.violations()].concat();
        assert!(
            v.is_empty(),
            "what Lipa sent broke the providers' rules: {v:?}"
        );
    }
}

fn attr(html: &str, before: &str, after: &str) -> String {
    let start = html.find(before).expect(before) + before.len();
    let end = html[start..].find(after).unwrap() + start;
    html[start..end].replace("&amp;", "&")
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn hidden_inputs(html: &str) -> Vec<(String, String)> {
    html.split("<input type=\"hidden\" name=\"")
        .skip(1)
        .map(|chunk| {
            let (name, rest) = chunk.split_once("\" value=\"").unwrap();
            let value = rest.split_once('"').unwrap().0;
            (unescape(name), unescape(value))
        })
        .collect()
}

fn tx_ref(url: &str) -> String {
    url.rsplit('/').next().unwrap().to_owned()
}

#[tokio::test]
async fn a_live_card_payment_goes_through_flutterwaves_page_and_is_verified() {
    let rig = rig().await;
    rig.flutterwave().await;
    let id = rig.checkout("KES", 150_050, json!(["card"])).await;
    let page = rig.app.send(support::get(&format!("/c/{id}"))).await;
    assert!(
        !page.text.contains("name=\"card_number\""),
        "no card-number field in live mode"
    );
    let url = rig.choose(&id, "card").await;
    assert!(url.contains("/flutterwave/pay/"), "{url}");
    let p = rig.flw.payment(&tx_ref(&url)).unwrap();
    assert_eq!(
        p["amount"].to_string(),
        "1500.5",
        "an exact decimal in shillings"
    );
    assert_eq!(
        (p["currency"].as_str(), p["payment_options"].as_str()),
        (Some("KES"), Some("card"))
    );
    assert_eq!(
        p["redirect_url"],
        format!("https://pay.example/c/{id}/return")
    );
    let back = rig.flw.act(&tx_ref(&url), "successful").unwrap();
    assert!(back.contains("transaction_id="), "{back}");
    assert_eq!(rig.deliver_flutterwave_hooks().await, vec![StatusCode::OK]);
    let paid = rig.session(&id).await;
    assert_eq!(paid["payment_status"], "succeeded", "{paid}");
    // The same webhook again changes nothing.
    assert_eq!(rig.deliver_flutterwave_hooks().await, vec![StatusCode::OK]);
    let r = rig
        .live_api(
            "POST",
            "/v1/refunds",
            Some(json!({"charge": paid["charge_reference"], "amount": 50_050})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["status"], "succeeded", "{}", r.text);
    let refund = rig.flw.state.lock().unwrap().refunds[0].clone();
    assert_eq!(refund["amount_refunded"].to_string(), "500.5");
    rig.assert_fakes_saw_no_violation();
}

#[tokio::test]
async fn coming_back_from_flutterwave_without_a_webhook_verifies_by_reference() {
    let rig = rig().await;
    rig.flutterwave().await;
    let id = rig.checkout("GHS", 2_000, json!(["momo_mtn"])).await;
    let url = rig.choose(&id, "momo_mtn").await;
    let p = rig.flw.payment(&tx_ref(&url)).unwrap();
    assert_eq!(
        p["payment_options"], "mobilemoneyghana",
        "MTN MoMo through Flutterwave"
    );
    // The buyer is declined on Flutterwave's page, comes back: not paid, and
    // may choose again.
    let back = rig.flw.act(&tx_ref(&url), "failed").unwrap();
    let path = back.trim_start_matches("https://pay.example");
    let r = rig.app.send(support::get(path)).await;
    assert_eq!(r.location().as_deref(), Some(format!("/c/{id}").as_str()));
    let s = rig.session(&id).await;
    assert_eq!(
        (s["status"].as_str(), s["payment_status"].as_str()),
        (Some("open"), Some("failed")),
        "{s}"
    );
    let url = rig.choose(&id, "momo_mtn").await;
    let back = rig.flw.act(&tx_ref(&url), "successful").unwrap();
    let r = rig
        .app
        .send(support::get(back.trim_start_matches("https://pay.example")))
        .await;
    assert_eq!(r.location().as_deref(), Some("https://shop.example/ok"));
    assert_eq!(rig.session(&id).await["payment_status"], "succeeded");
    rig.assert_fakes_saw_no_violation();
}

#[tokio::test]
async fn flutterwave_webhooks_without_the_hash_or_for_another_payment_change_nothing() {
    let rig = rig().await;
    let account = rig.flutterwave().await;
    let id = rig.checkout("KES", 10_000, json!(["flutterwave"])).await;
    let url = rig.choose(&id, "flutterwave").await;
    assert_eq!(
        rig.flw.payment(&tx_ref(&url)).unwrap()["payment_options"],
        "card,mobilemoneyghana"
    );
    let path = format!("/hooks/flutterwave/{account}");
    let forged =
        json!({"event": "charge.completed", "data": {"id": 4_000_001, "tx_ref": tx_ref(&url),
        "status": "successful", "amount": 100, "currency": "KES"}})
        .to_string();
    let json_type = ("content-type", "application/json");
    assert_eq!(
        rig.post(&path, &[json_type], forged.clone()).await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        rig.post(&path, &[json_type, ("verif-hash", "guess")], forged.clone())
            .await,
        StatusCode::UNAUTHORIZED
    );
    // With the hash, the event is only a hint: Flutterwave knows no such
    // transaction.
    let hashed = [json_type, ("verif-hash", flutterwave_fake::SECRET_HASH)];
    assert_eq!(rig.post(&path, &hashed, forged).await, StatusCode::OK);
    assert_eq!(rig.session(&id).await["payment_status"], "pending");
    // Another checkout's real transaction, named for this one, is refused.
    let other = rig.checkout("KES", 100, json!(["card"])).await;
    let other_url = rig.choose(&other, "card").await;
    rig.flw.act(&tx_ref(&other_url), "successful").unwrap();
    let tx_id = rig
        .flw
        .state
        .lock()
        .unwrap()
        .transactions
        .keys()
        .next()
        .copied()
        .unwrap();
    let swapped =
        json!({"event": "charge.completed", "data": {"id": tx_id, "tx_ref": tx_ref(&url)}})
            .to_string();
    assert_eq!(rig.post(&path, &hashed, swapped).await, StatusCode::OK);
    assert_eq!(rig.session(&id).await["payment_status"], "pending");
}

#[tokio::test]
async fn a_live_payfast_payment_is_believed_only_after_the_itn_checks() {
    let rig = rig().await;
    rig.payfast().await;
    let id = rig.checkout("ZAR", 9_900, json!(["payfast"])).await;
    let hop = rig.choose(&id, "payfast").await;
    assert!(
        hop.starts_with("https://pay.example/hooks/payfast/"),
        "{hop}"
    );
    let m_payment_id = rig.post_payfast_form(&hop).await;
    rig.pf.pay(&m_payment_id).unwrap();
    let itn = rig.pf.itns()[0].clone();
    let path = itn.url.trim_start_matches("https://pay.example").to_owned();
    let form_type = ("content-type", "application/x-www-form-urlencoded");
    // Tampered amount: the signature no longer holds.
    let tampered = itn.body.replace("amount_gross=99.00", "amount_gross=9.90");
    assert_eq!(
        rig.post(&path, &[form_type], tampered).await,
        StatusCode::BAD_REQUEST
    );
    // Another attempt's tag: not found.
    let wrong = format!("{}x", path);
    assert_eq!(
        rig.post(&wrong, &[form_type], itn.body.clone()).await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(rig.session(&id).await["payment_status"], "pending");
    assert_eq!(rig.deliver_itns().await, vec![StatusCode::OK]);
    let paid = rig.session(&id).await;
    assert_eq!(paid["payment_status"], "succeeded", "{paid}");
    // A replayed ITN changes nothing.
    assert_eq!(rig.deliver_itns().await, vec![StatusCode::OK]);
    let r = rig
        .live_api(
            "POST",
            "/v1/refunds",
            Some(json!({"charge": paid["charge_reference"], "amount": 2_500})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["status"], "succeeded", "{}", r.text);
    assert_eq!(
        rig.pf.state.lock().unwrap().refunds,
        vec![("2900001".to_owned(), 2_500)]
    );
    rig.assert_fakes_saw_no_violation();
}

#[tokio::test]
async fn a_signed_itn_payfast_does_not_confirm_is_ignored() {
    let rig = rig().await;
    rig.payfast().await;
    let id = rig.checkout("ZAR", 5_000, json!(["payfast"])).await;
    let hop = rig.choose(&id, "payfast").await;
    let m_payment_id = rig.post_payfast_form(&hop).await;
    // Someone who knows the passphrase signs an ITN PayFast never sent.
    let fields: Vec<(String, String)> = [
        ("m_payment_id", m_payment_id.as_str()),
        ("pf_payment_id", "777"),
        ("payment_status", "COMPLETE"),
        ("amount_gross", "50.00"),
        ("merchant_id", payfast_fake::MERCHANT_ID),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect();
    let mut signed = fields.clone();
    signed.push((
        "signature".into(),
        server::connector::payfast::itn_signature(&fields, payfast_fake::PASSPHRASE),
    ));
    let body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(signed)
        .finish();
    let path = hop.trim_start_matches("https://pay.example");
    let form_type = ("content-type", "application/x-www-form-urlencoded");
    assert_eq!(
        rig.post(path, &[form_type], body).await,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(rig.session(&id).await["payment_status"], "pending");
    // The buyer cancels on PayFast's page instead and can pay another way.
    let r = rig.app.send(form(&format!("/c/{id}/abandon"), "")).await;
    assert!(r.status.is_redirection());
    assert_eq!(rig.session(&id).await["status"], "open");
    rig.assert_fakes_saw_no_violation();
}

#[tokio::test]
async fn accounts_refuse_wrong_keys_and_only_rand_goes_to_payfast() {
    let rig = rig().await;
    let r = rig
        .live_api(
            "POST",
            "/v1/connector_accounts",
            Some(json!({"provider": "flutterwave", "credentials": {"secret_key": flutterwave_fake::TEST_KEY,
                "secret_hash": flutterwave_fake::SECRET_HASH}})),
        )
        .await;
    assert_eq!(
        r.body["error"]["param"], "credentials.secret_key",
        "{}",
        r.text
    );
    let r = rig
        .live_api(
            "POST",
            "/v1/connector_accounts",
            Some(json!({"provider": "payfast", "credentials": {"merchant_id": payfast_fake::MERCHANT_ID,
                "merchant_key": payfast_fake::MERCHANT_KEY, "passphrase": "wrong-passphrase"}})),
        )
        .await;
    assert_eq!(
        r.body["error"]["code"], "connector_credentials_invalid",
        "{}",
        r.text
    );
    assert!(!r.text.contains("wrong-passphrase"), "never echoed");
    rig.payfast().await;
    let r = rig
        .live_api(
            "POST",
            "/v1/checkout/sessions",
            Some(
                json!({"currency": "KES", "amount": 1000, "payment_method_types": ["payfast"],
                "success_url": "https://shop.example/ok"}),
            ),
        )
        .await;
    assert_eq!(
        r.body["error"]["code"], "payment_method_currency",
        "{}",
        r.text
    );
    // PayFast serves its own method, not cards: a live card needs Stripe
    // or Flutterwave.
    let r = rig
        .live_api(
            "POST",
            "/v1/checkout/sessions",
            Some(
                json!({"currency": "ZAR", "amount": 1000, "payment_method_types": ["card"],
                "success_url": "https://shop.example/ok"}),
            ),
        )
        .await;
    assert_eq!(
        r.body["error"]["code"], "payment_method_unavailable",
        "{}",
        r.text
    );
}
