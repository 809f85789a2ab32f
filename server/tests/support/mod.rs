//! A real router over a real database for each test: a fresh SQLite file, or
//! a fresh PostgreSQL database when `LIPA_TEST_POSTGRES` names a server.

#![allow(dead_code)]

pub mod events;
pub mod fakes;
pub mod flutterwave_fake;
pub mod payfast_fake;
pub mod payout_fakes;
pub mod process;
pub mod receiver;
pub mod stripe_fake;

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::http::{HeaderMap, Request, StatusCode, header};
use serde_json::Value;
use server::config::Config;
use server::db::Db;
use server::secrets::MasterKey;
use server::{AppState, bootstrap, router};
use std::time::Duration;
use tower::ServiceExt;

pub const KEY: &str = "sk_test_apitests_000000000000000000";
pub const MASTER_KEY: &str = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

pub struct TestApp {
    pub router: Router,
    pub state: AppState,
    pub merchant_id: String,
    _dir: tempfile::TempDir,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
    pub text: String,
}

impl Reply {
    /// Where a redirect sends the browser.
    pub fn location(&self) -> Option<String> {
        let l = self.headers.get(header::LOCATION)?;
        l.to_str().ok().map(str::to_owned)
    }
}

async fn database_url(dir: &std::path::Path) -> String {
    match std::env::var("LIPA_TEST_POSTGRES") {
        Ok(admin) if !admin.is_empty() => {
            use sqlx::Connection;
            let name = format!("lipa_test_{}", server::db::random_base62(12).to_lowercase());
            let mut conn = sqlx::PgConnection::connect(&admin)
                .await
                .expect("postgres admin connection");
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&mut conn)
                .await
                .expect("create test database");
            let (url, query) = match admin.split_once('?') {
                Some((url, q)) => (url, format!("?{q}")),
                None => (admin.as_str(), String::new()),
            };
            let (base, _) = url.rsplit_once('/').expect("a URL with a database name");
            format!("{base}/{name}{query}")
        }
        _ => format!("sqlite://{}/lipa.db?mode=rwc", dir.display()),
    }
}

pub async fn app() -> TestApp {
    app_with(|_| {}).await
}

pub async fn app_with(adjust: impl FnOnce(&mut Config)) -> TestApp {
    let (dir, url) = fresh_database().await;
    app_on(dir, url, adjust).await
}

/// A new, empty database (SQLite, or PostgreSQL when the tests run on it).
pub async fn fresh_database() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let url = database_url(dir.path()).await;
    (dir, url)
}

/// The application over a database that may already hold data.
pub async fn app_on(
    dir: tempfile::TempDir,
    database_url: String,
    adjust: impl FnOnce(&mut Config),
) -> TestApp {
    let mut config = Config {
        site_addr: "127.0.0.1:0".parse().unwrap(),
        database_url,
        public_url: "https://pay.example".into(),
        data_dir: dir.path().to_owned(),
        bootstrap_api_key: Some(KEY.into()),
        master_key: MasterKey::from_base64(MASTER_KEY).unwrap(),
        sandbox_delay: Duration::from_millis(0),
        push_timeout: Duration::from_secs(120),
        action_timeout: Duration::from_secs(900),
        sweep_interval: Duration::from_secs(3600),
        demo: false,
        min_session_secs: 1,
        demo_shop_addr: None,
        webhook_retry_base: Duration::from_millis(50),
        webhook_timeout: Duration::from_millis(1000),
        webhook_poll: Duration::from_millis(20),
        // The receivers the tests run are on loopback.
        webhook_reach: server::address::Reach::Any,
        limits: server::config::Limits::default(),
        client_ip_header: None,
        metrics_token: None,
        metrics_addr: None,
        provider_urls: Default::default(),
    };
    adjust(&mut config);
    let db = Db::connect(&config.database_url).await.expect("database");
    let merchant_id = bootstrap::ensure(&db, &config, KEY)
        .await
        .expect("bootstrap");
    let leptos = leptos::config::LeptosOptions::builder()
        .output_name("lipa")
        .build();
    let state = AppState::new(db, config, leptos);
    server::spawn_webhook_worker(&state);
    TestApp {
        router: router(state.clone()),
        state,
        merchant_id,
        _dir: dir,
    }
}

impl TestApp {
    /// Where the payment form's post `r` sends the buyer. A bank's or
    /// provider's page on another origin is not a redirect of the post (the
    /// page's CSP `form-action` keeps those to us and the merchant): the
    /// post comes back to the page (`#continue`), whose Continue link goes
    /// there; this follows it as the page does.
    pub async fn onward(&self, r: &Reply) -> String {
        let to = r.location().expect("the form post redirects");
        let Some(page) = to.strip_suffix("#continue") else {
            return to;
        };
        let page = self.send(get(page)).await;
        let before = page
            .text
            .split("data-testid=\"continue\"")
            .next()
            .filter(|b| b.len() < page.text.len())
            .unwrap_or_else(|| panic!("no Continue link: {}", page.text));
        let tag = before.rsplit("<a ").next().unwrap_or_default();
        let href = tag
            .split("href=\"")
            .nth(1)
            .and_then(|h| h.split('"').next());
        href.expect("the link's href").replace("&amp;", "&")
    }

    pub async fn send(&self, req: Request<Body>) -> Reply {
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = to_bytes(res.into_body(), 10 << 20).await.unwrap();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Reply {
            status,
            headers,
            body,
            text,
        }
    }

    /// The response's status, headers and body bytes, as sent.
    pub async fn raw(&self, req: Request<Body>) -> (StatusCode, HeaderMap, Vec<u8>) {
        let res = self.router.clone().oneshot(req).await.unwrap();
        let (status, headers) = (res.status(), res.headers().clone());
        let bytes = to_bytes(res.into_body(), 10 << 20).await.unwrap();
        (status, headers, bytes.to_vec())
    }

    /// A JSON API call with the test key.
    pub async fn api(&self, method: &str, path: &str, body: Option<Value>) -> Reply {
        self.api_as(Some(KEY), method, path, body, &[]).await
    }

    pub async fn api_as(
        &self,
        key: Option<&str>,
        method: &str,
        path: &str,
        body: Option<Value>,
        headers: &[(&str, &str)],
    ) -> Reply {
        let mut req = Request::builder().method(method).uri(path);
        if let Some(k) = key {
            req = req.header("authorization", format!("Bearer {k}"));
        }
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let body = match body {
            Some(b) => {
                req = req.header("content-type", "application/json");
                Body::from(b.to_string())
            }
            None => Body::empty(),
        };
        self.send(req.body(body).unwrap()).await
    }

    pub async fn create(&self, body: Value) -> Reply {
        self.api("POST", "/v1/checkout/sessions", Some(body)).await
    }

    /// Creates a session that must succeed; returns its id.
    pub async fn new_session(&self, body: Value) -> String {
        let r = self.create(body).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        r.body["id"].as_str().unwrap().to_owned()
    }

    /// The session as the API returns it now.
    pub async fn session(&self, id: &str) -> Value {
        self.api("GET", &format!("/v1/checkout/sessions/{id}"), None)
            .await
            .body
    }

    /// How many sessions the test merchant has, to prove errors wrote nothing.
    pub async fn session_count(&self) -> i64 {
        use sqlx::Row;
        sqlx::query("SELECT COUNT(*) AS n FROM checkout_sessions")
            .fetch_one(&self.state.db.pool)
            .await
            .unwrap()
            .try_get("n")
            .unwrap()
    }
}

/// A valid create request; tests change one thing at a time.
pub fn session_body() -> Value {
    serde_json::json!({
        "currency": "MZN",
        "line_items": [
            { "name": "Capulana", "unit_amount": 125000, "quantity": 2 },
            { "name": "Delivery", "unit_amount": 15000, "quantity": 1, "description": "Maputo" }
        ],
        "success_url": "https://shop.example/ok?session_id={CHECKOUT_SESSION_ID}",
        "cancel_url": "https://shop.example/cancel"
    })
}

/// A form post, as a browser without JavaScript sends it.
pub fn form(path: &str, body: &str) -> Request<Body> {
    Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html")
        .body(Body::from(body.to_owned()))
        .unwrap()
}

/// A page load.
pub fn get(path: &str) -> Request<Body> {
    Request::get(path)
        .header(header::ACCEPT, "text/html")
        .body(Body::empty())
        .unwrap()
}

/// The payment form filled in for a card.
pub fn card(number: &str) -> String {
    format!(
        "method=card&card_number={number}&card_expiry=12%2F30&card_cvc=123&card_name=Amina+Machava"
    )
}

/// A test card that pays at once.
pub const CARD_OK: &str = "4242424242424242";

/// Unix seconds now.
pub fn now_s() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// An object's keys, sorted.
pub fn keys(v: &Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
    k.sort();
    k
}

impl TestApp {
    /// A second merchant on the same server; returns its test key.
    pub async fn other_merchant_key(&self, name: &str) -> String {
        let db = &self.state.db;
        let other = server::store::merchants::create(db, name).await.unwrap();
        let key = server::store::merchants::create_key(db, &other.id, false);
        key.await.unwrap().secret
    }

    /// A live key of the test merchant.
    pub async fn live_key(&self) -> String {
        let key = server::store::merchants::create_key(&self.state.db, &self.merchant_id, true);
        key.await.unwrap().secret
    }

    /// The buyer pays the session by card on the page (without JavaScript).
    pub async fn pay_by_card(&self, session: &str, number: &str) -> Reply {
        self.send(form(&format!("/c/{session}"), &card(number)))
            .await
    }
}

/// Recomputes every balance from the entries: the stored balance must be
/// the sum of its `available` legs, and each movement's legs sum to zero.
pub async fn assert_books_balance(app: &TestApp) {
    use sqlx::Row;
    let pool = &app.state.db.pool;
    let stored = sqlx::query("SELECT merchant_id, livemode, currency, available FROM balances")
        .fetch_all(pool)
        .await
        .unwrap();
    assert!(!stored.is_empty());
    for row in stored {
        let (m, live, cur, avail): (String, i64, String, i64) =
            (row.get(0), row.get(1), row.get(2), row.get(3));
        let sum: i64 = sqlx::query(
            "SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM ledger_entries
             WHERE merchant_id = $1 AND livemode = $2 AND currency = $3 AND account = 'available'",
        )
        .bind(&m)
        .bind(live)
        .bind(&cur)
        .fetch_one(pool)
        .await
        .unwrap()
        .get(0);
        assert_eq!(sum, avail, "{m} {cur}: the balance is its entries' sum");
    }
    let unbalanced = sqlx::query(
        "SELECT balance_transaction FROM ledger_entries GROUP BY balance_transaction
         HAVING SUM(amount) <> 0 OR COUNT(*) <> 2",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    assert!(
        unbalanced.is_empty(),
        "every movement's two legs sum to zero"
    );
}
