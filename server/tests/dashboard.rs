//! The dashboard's accounts through its HTML doors, as a browser without
//! JavaScript uses them: sign-up links, passwords, two-factor, lock-out,
//! CSRF, roles, and one merchant's users never seeing another's objects.

mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use server::accounts;
use server::store::accounts as store;
use std::collections::BTreeMap;
use support::{TestApp, app_with};

/// A server that takes the client's address from a header, so tests can
/// sign in from several addresses.
async fn app() -> TestApp {
    app_with(|c| c.client_ip_header = Some(header::HeaderName::from_static("x-test-client-ip")))
        .await
}

/// A browser: its cookies, and the last page's CSRF token.
struct Browser<'a> {
    app: &'a TestApp,
    cookies: BTreeMap<String, String>,
    ip: String,
}

impl<'a> Browser<'a> {
    fn new(app: &'a TestApp) -> Browser<'a> {
        Browser::from_ip(app, "198.51.100.7")
    }

    fn from_ip(app: &'a TestApp, ip: &str) -> Browser<'a> {
        Browser {
            app,
            cookies: BTreeMap::new(),
            ip: ip.to_owned(),
        }
    }

    fn request(&self, method: &str, path: &str) -> axum::http::request::Builder {
        let jar: Vec<String> = self
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        Request::builder()
            .method(method)
            .uri(path)
            .header(header::ACCEPT, "text/html")
            .header(header::COOKIE, jar.join("; "))
            .header("x-test-client-ip", &self.ip)
    }

    async fn send(&mut self, req: Request<Body>) -> support::Reply {
        let r = self.app.send(req).await;
        for v in r.headers.get_all(header::SET_COOKIE) {
            let c = cookie::Cookie::parse(v.to_str().unwrap().to_owned()).unwrap();
            if c.value().is_empty() {
                self.cookies.remove(c.name());
            } else {
                self.cookies
                    .insert(c.name().to_owned(), c.value().to_owned());
            }
        }
        r
    }

    async fn get(&mut self, path: &str) -> support::Reply {
        let req = self.request("GET", path).body(Body::empty()).unwrap();
        self.send(req).await
    }

    async fn post(&mut self, path: &str, form: &[(&str, &str)]) -> support::Reply {
        let body: String = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(form)
            .finish();
        let req = self
            .request("POST", path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap();
        self.send(req).await
    }
}

/// The value of the first `name="csrf"` field of a page.
fn csrf(page: &str) -> String {
    field(page, "csrf").expect("a CSRF field")
}

fn field(page: &str, name: &str) -> Option<String> {
    let at = page.find(&format!("name=\"{name}\""))?;
    let tag_start = page[..at].rfind('<')?;
    let tag = &page[tag_start..at + page[at..].find('>')?];
    let v = tag.split("value=\"").nth(1)?.split('"').next()?;
    Some(v.to_owned())
}

const PASSWORD: &str = "maputo sunset over the bay";

/// `email` joins the test merchant as `role` through a fresh link and is
/// signed in; returns their browser.
async fn member<'a>(app: &'a TestApp, merchant: &str, email: &str, role: &str) -> Browser<'a> {
    let role = app::domain::account::Role::parse(role).unwrap();
    let link = accounts::sign_up_link(&app.state.core, merchant, email, role, None)
        .await
        .unwrap();
    let path = link
        .split_once("/dashboard")
        .map(|(_, p)| format!("/dashboard{p}"))
        .unwrap();
    let mut b = Browser::new(app);
    let page = b.get(&path).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    let r = b
        .post(
            &path,
            &[
                ("csrf", &csrf(&page.text)),
                ("password", PASSWORD),
                ("confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
    b
}

fn path_of(link: &str) -> String {
    link.split_once("/dashboard")
        .map(|(_, p)| format!("/dashboard{p}"))
        .unwrap()
}

#[tokio::test]
async fn a_sign_up_link_makes_an_owner_once() {
    let app = app().await;
    let link = accounts::sign_up_link(
        &app.state.core,
        &app.merchant_id,
        "Ana@Shop.example",
        app::domain::account::Role::Owner,
        None,
    )
    .await
    .unwrap();
    let path = path_of(&link);
    let mut b = Browser::new(&app);
    let page = b.get(&path).await;
    assert!(page.text.contains("ana@shop.example"), "{}", page.text);
    let token = csrf(&page.text);

    // Weak, mismatched, then without the CSRF token: refused, nothing made.
    let weak = b
        .post(
            &path,
            &[
                ("csrf", &token),
                ("password", "password1234"),
                ("confirm", "password1234"),
            ],
        )
        .await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        weak.text.contains("one of the most common"),
        "{}",
        weak.text
    );
    let short = b
        .post(
            &path,
            &[
                ("csrf", &token),
                ("password", "short"),
                ("confirm", "short"),
            ],
        )
        .await;
    assert!(short.text.contains("at least 12 characters"));
    let differ = b
        .post(
            &path,
            &[
                ("csrf", &token),
                ("password", PASSWORD),
                ("confirm", "another long phrase"),
            ],
        )
        .await;
    assert!(differ.text.contains("differ"));
    let forged = b
        .post(
            &path,
            &[
                ("csrf", "guess"),
                ("password", PASSWORD),
                ("confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert!(
        store::user_by_email(&app.state.db.pool, "ana@shop.example")
            .await
            .unwrap()
            .is_none()
    );

    let ok = b
        .post(
            &path,
            &[
                ("csrf", &token),
                ("password", PASSWORD),
                ("confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    assert_eq!(ok.location().as_deref(), Some("/dashboard/security"));
    let cookie = ok
        .headers
        .get(header::SET_COOKIE)
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let home = b.get("/dashboard").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.text.contains("Test mode") && home.text.contains("ana@shop.example"));
    // The password is kept as argon2id only.
    let user = store::user_by_email(&app.state.db.pool, "ana@shop.example")
        .await
        .unwrap()
        .unwrap();
    assert!(user.password_hash.starts_with("$argon2id$") && !user.password_hash.contains(PASSWORD));

    // The link worked once.
    let again = Browser::new(&app).get(&path).await;
    assert_eq!(again.status, StatusCode::GONE);
    // Signed out, the dashboard sends to sign-in.
    let out = b
        .post("/dashboard/sign-out", &[("csrf", &csrf(&home.text))])
        .await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    let after = b.get("/dashboard").await;
    assert_eq!(after.location().as_deref(), Some("/dashboard/sign-in"));
}

async fn sign_in<'a>(
    app: &'a TestApp,
    ip: &str,
    email: &str,
    password: &str,
) -> (Browser<'a>, support::Reply) {
    let mut b = Browser::from_ip(app, ip);
    let page = b.get("/dashboard/sign-in").await;
    let r = b
        .post(
            "/dashboard/sign-in",
            &[
                ("csrf", &csrf(&page.text)),
                ("email", email),
                ("password", password),
            ],
        )
        .await;
    (b, r)
}

#[tokio::test]
async fn five_wrong_passwords_lock_the_account_then_a_right_one_waits() {
    let app = app().await;
    member(&app, &app.merchant_id, "ops@shop.example", "owner").await;
    for _ in 0..4 {
        let (_, r) = sign_in(
            &app,
            "203.0.113.1",
            "ops@shop.example",
            "wrong password here",
        )
        .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        assert!(r.text.contains("Wrong email or password"));
    }
    let (_, fifth) = sign_in(
        &app,
        "203.0.113.1",
        "ops@shop.example",
        "wrong password here",
    )
    .await;
    assert_eq!(fifth.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(fifth.text.contains("locked until"), "{}", fifth.text);
    // The right password from another address waits too: the account is locked.
    let (_, right) = sign_in(&app, "203.0.113.9", "ops@shop.example", PASSWORD).await;
    assert_eq!(right.status, StatusCode::TOO_MANY_REQUESTS);
    // Nobody else is locked.
    member(&app, &app.merchant_id, "sam@shop.example", "viewer").await;
    let (_, other) = sign_in(&app, "203.0.113.9", "sam@shop.example", PASSWORD).await;
    assert_eq!(other.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn an_address_trying_many_accounts_is_locked() {
    let app = app().await;
    for i in 0..20 {
        let (_, r) = sign_in(
            &app,
            "203.0.113.50",
            &format!("u{i}@shop.example"),
            "wrong password here",
        )
        .await;
        let expected = if i < 19 {
            StatusCode::UNAUTHORIZED
        } else {
            StatusCode::TOO_MANY_REQUESTS
        };
        assert_eq!(r.status, expected, "attempt {i}");
    }
}

#[tokio::test]
async fn two_factor_enrols_then_signs_in_with_a_code_or_a_recovery_code() {
    let app = app().await;
    let mut b = member(&app, &app.merchant_id, "ana@shop.example", "owner").await;
    let page = b.get("/dashboard/security").await;
    assert!(page.text.contains("<svg"), "a QR code");
    let after = page
        .text
        .split("data-testid=\"totp-secret\"")
        .nth(1)
        .unwrap();
    let secret = after
        .split_once('>')
        .unwrap()
        .1
        .split('<')
        .next()
        .unwrap()
        .to_owned();
    let totp = totp_rs::TOTP::new(
        totp_rs::Algorithm::SHA1,
        6,
        1,
        30,
        totp_rs::Secret::Encoded(secret.clone()).to_bytes().unwrap(),
        Some("Lipa".into()),
        "ana@shop.example".into(),
    )
    .unwrap();
    let sealed = field(&page.text, "sealed").unwrap();
    let wrong = b
        .post(
            "/dashboard/security",
            &[
                ("csrf", &csrf(&page.text)),
                ("sealed", &sealed),
                ("code", "000000"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    let code = totp.generate_current().unwrap();
    let done = b
        .post(
            "/dashboard/security",
            &[
                ("csrf", &csrf(&page.text)),
                ("sealed", &sealed),
                ("code", &code),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text);
    let codes: Vec<String> = done
        .text
        .split("<li>")
        .skip(1)
        .filter_map(|s| s.split("</li>").next())
        .filter(|c| c.len() == 11 && c.contains('-'))
        .map(str::to_owned)
        .collect();
    assert_eq!(codes.len(), 10, "{}", done.text);
    let user = store::user_by_email(&app.state.db.pool, "ana@shop.example")
        .await
        .unwrap()
        .unwrap();
    assert!(
        !user.totp_secret.unwrap().contains(&secret),
        "the secret is sealed"
    );

    // The password alone no longer signs in.
    let (mut b2, r) = sign_in(&app, "198.51.100.8", "ana@shop.example", PASSWORD).await;
    assert_eq!(r.location().as_deref(), Some("/dashboard/sign-in/code"));
    assert_eq!(
        b2.get("/dashboard").await.location().as_deref(),
        Some("/dashboard/sign-in")
    );
    let form = b2.get("/dashboard/sign-in/code").await;
    let pending = b2.cookies.get("lipa_dash").cloned();
    let bad = b2
        .post(
            "/dashboard/sign-in/code",
            &[("csrf", &csrf(&form.text)), ("code", "123456")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNAUTHORIZED);
    // The code that turned two-factor on is spent; the app's next one
    // (one step ahead is within the allowed skew) signs in.
    let enrolled = b2
        .post(
            "/dashboard/sign-in/code",
            &[("csrf", &csrf(&form.text)), ("code", &code)],
        )
        .await;
    assert_eq!(enrolled.status, StatusCode::UNAUTHORIZED);
    let next = totp.generate(support::now_s() as u64 + 30);
    let ok = b2
        .post(
            "/dashboard/sign-in/code",
            &[("csrf", &csrf(&form.text)), ("code", &next)],
        )
        .await;
    assert_eq!(ok.location().as_deref(), Some("/dashboard"));
    assert_ne!(
        b2.cookies.get("lipa_dash"),
        pending.as_ref(),
        "a new cookie at sign-in"
    );
    assert_eq!(b2.get("/dashboard").await.status, StatusCode::OK);

    // That code works once: overheard, it opens no second session.
    let (mut b4, _) = sign_in(&app, "198.51.100.10", "ana@shop.example", PASSWORD).await;
    let form = b4.get("/dashboard/sign-in/code").await;
    let replay = b4
        .post(
            "/dashboard/sign-in/code",
            &[("csrf", &csrf(&form.text)), ("code", &next)],
        )
        .await;
    assert_eq!(replay.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        b4.get("/dashboard").await.location().as_deref(),
        Some("/dashboard/sign-in")
    );

    // A recovery code works once.
    for (attempt, expected) in [(0, StatusCode::SEE_OTHER), (1, StatusCode::UNAUTHORIZED)] {
        let (mut b3, r) = sign_in(&app, "198.51.100.9", "ana@shop.example", PASSWORD).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let form = b3.get("/dashboard/sign-in/code").await;
        let used = b3
            .post(
                "/dashboard/sign-in/code",
                &[
                    ("csrf", &csrf(&form.text)),
                    ("code", &codes[0].to_lowercase()),
                ],
            )
            .await;
        assert_eq!(used.status, expected, "attempt {attempt}");
    }
}

#[tokio::test]
async fn forms_need_the_session_csrf_token_and_the_same_site() {
    let app = app().await;
    let mut b = member(&app, &app.merchant_id, "ana@shop.example", "owner").await;
    let page = b.get("/dashboard/links").await;
    let token = csrf(&page.text);
    let link = [
        ("description", "Capulana"),
        ("currency", "MZN"),
        ("kind", "fixed"),
        ("amount", "1500"),
    ];
    let mut without: Vec<(&str, &str)> = link.to_vec();
    without.push(("csrf", "not-the-token"));
    let r = b.post("/dashboard/links", &without).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // The right token from a page on another site (what a browser says).
    let body = format!("csrf={token}&description=Capulana&currency=MZN&kind=fixed&amount=1500");
    let cross = b
        .request("POST", "/dashboard/links")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "cross-site")
        .body(Body::from(body))
        .unwrap();
    assert_eq!(b.send(cross).await.status, StatusCode::FORBIDDEN);
    let links = app.api("GET", "/v1/payment_links", None).await;
    assert_eq!(
        links.body["data"].as_array().unwrap().len(),
        0,
        "nothing was made"
    );

    let mut with = link.to_vec();
    with.push(("csrf", &token));
    let made = b.post("/dashboard/links", &with).await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.text);
    let links = app.api("GET", "/v1/payment_links", None).await;
    assert_eq!(links.body["data"][0]["amount"], 150000);
    let shown = b.get(&made.location().unwrap()).await;
    assert!(
        shown.text.contains("<svg") && shown.text.contains("https://wa.me/?text="),
        "QR and share"
    );
    // A refusal names the field and the reason in the user's language.
    let bounds = [
        ("csrf", token.as_str()),
        ("description", "Doação"),
        ("currency", "MZN"),
        ("kind", "chosen"),
        ("min", "50"),
        ("max", "10"),
    ];
    let r = b.post("/dashboard/links?lang=pt", &bounds).await;
    assert!(
        r.text.contains("O máximo tem de ser pelo menos o mínimo."),
        "{}",
        r.text
    );
    assert!(!r.text.contains("custom_amount_max"), "no API words");
    let r = b.post("/dashboard/links?lang=fr", &bounds[..5]).await;
    assert!(r.text.contains("Remplissez « Maximum »."), "{}", r.text);
}

#[tokio::test]
async fn roles_limit_what_a_member_does_and_merchants_stay_apart() {
    let app = app().await;
    let mut viewer = member(&app, &app.merchant_id, "viewer@shop.example", "viewer").await;
    let page = viewer.get("/dashboard/links").await;
    assert!(
        !page.text.contains("action=\"/dashboard/links\""),
        "no form for a viewer"
    );
    let r = viewer
        .post(
            "/dashboard/links",
            &[
                ("csrf", &csrf(&page.text)),
                ("currency", "MZN"),
                ("kind", "fixed"),
                ("amount", "10"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(
        !page.text.contains("/dashboard/team"),
        "no team screen for a viewer"
    );

    // An owner's link, in test mode.
    let mut owner = member(&app, &app.merchant_id, "owner@shop.example", "owner").await;
    let page = owner.get("/dashboard/links").await;
    let made = owner
        .post(
            "/dashboard/links",
            &[
                ("csrf", &csrf(&page.text)),
                ("description", "Chapa"),
                ("currency", "MZN"),
                ("kind", "fixed"),
                ("amount", "250"),
            ],
        )
        .await;
    let link_path = made.location().unwrap();
    let link_path = link_path.split('?').next().unwrap();

    // Live mode shows none of it.
    let home = owner.get("/dashboard").await;
    owner
        .post(
            "/dashboard/view",
            &[("csrf", &csrf(&home.text)), ("livemode", "true")],
        )
        .await;
    let live = owner.get("/dashboard/links").await;
    assert!(
        live.text.contains("Live mode") && !live.text.contains("Chapa"),
        "{}",
        live.text
    );
    assert_eq!(owner.get(link_path).await.status, StatusCode::NOT_FOUND);

    // Another merchant's owner sees none of it either.
    let other = server::store::merchants::create(&app.state.db, "Other shop")
        .await
        .unwrap();
    let mut stranger = member(&app, &other.id, "boss@other.example", "owner").await;
    assert!(
        !stranger
            .get("/dashboard/links")
            .await
            .text
            .contains("Chapa")
    );
    assert_eq!(stranger.get(link_path).await.status, StatusCode::NOT_FOUND);
    // And cannot switch to a merchant they do not belong to.
    let home = stranger.get("/dashboard").await;
    stranger
        .post(
            "/dashboard/view",
            &[
                ("csrf", &csrf(&home.text)),
                ("livemode", "false"),
                ("merchant", &app.merchant_id),
            ],
        )
        .await;
    assert!(stranger.get("/dashboard").await.text.contains("Other shop"));
}

/// A paid session of the test merchant (by card on its page).
async fn paid_session(app: &TestApp, reference: &str) -> String {
    let mut body = support::session_body();
    body["client_reference_id"] = serde_json::json!(reference);
    body["customer_email"] = serde_json::json!("buyer@example.com");
    let id = app.new_session(body).await;
    let r = app.pay_by_card(&id, support::CARD_OK).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
    id
}

#[tokio::test]
async fn payments_are_found_then_refunded_in_part_after_a_confirmation() {
    let app = app().await;
    let paid = paid_session(&app, "order-1042").await;
    let open = app.new_session(support::session_body()).await;
    let mut owner = member(&app, &app.merchant_id, "ana@shop.example", "owner").await;

    let all = owner.get("/dashboard/payments").await;
    assert!(all.text.contains(&paid) && all.text.contains(&open));
    let by_ref = owner.get("/dashboard/payments?q=order-1042").await;
    assert!(by_ref.text.contains(&paid) && !by_ref.text.contains(&open));
    let by_email = owner.get("/dashboard/payments?q=BUYER%40example.com").await;
    assert!(by_email.text.contains(&paid));
    let opened = owner.get("/dashboard/payments?status=open").await;
    assert!(opened.text.contains(&open) && !opened.text.contains(&paid));
    let cards = owner
        .get("/dashboard/payments?method=card&currency=MZN")
        .await;
    assert!(cards.text.contains(&paid) && !cards.text.contains(&open));

    let page = owner.get(&format!("/dashboard/payments/{paid}")).await;
    assert!(
        page.text.contains("Card payment succeeded"),
        "{}",
        page.text
    );
    let path = format!("/dashboard/payments/{paid}/refund");
    // The first post only asks to confirm: nothing refunded yet.
    let review = owner
        .post(&path, &[("csrf", &csrf(&page.text)), ("amount", "100")])
        .await;
    assert!(
        review.text.contains("Refund MZN\u{a0}100.00?"),
        "{}",
        review.text
    );
    assert_eq!(
        app.session(&paid).await["amount_refunded"]
            .as_i64()
            .unwrap_or(0),
        0
    );
    // The confirmation carries its own token: posted twice (a double
    // click, a reload), it refunds once.
    let once = field(&review.text, "once").unwrap();
    let confirm = [
        ("csrf", csrf(&page.text)),
        ("amount", "100".to_owned()),
        ("confirm", "yes".to_owned()),
        ("once", once),
    ];
    let confirm: Vec<(&str, &str)> = confirm.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let first = owner.post(&path, &confirm).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.text);
    let again = owner.post(&path, &confirm).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    assert_eq!(app.session(&paid).await["amount_refunded"], 10_000);
    let done = owner.get(&first.location().unwrap()).await;
    assert!(
        done.text.contains("Refund of MZN\u{a0}100.00 made."),
        "{}",
        done.text
    );
    assert!(done.text.contains("Partly refunded"));
    let too_much = owner
        .post(
            &path,
            &[
                ("csrf", &csrf(&page.text)),
                ("amount", "999999"),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(too_much.status, StatusCode::UNPROCESSABLE_ENTITY);
    let log = store::audit_log(&app.state.db.pool, &app.merchant_id, 10)
        .await
        .unwrap();
    assert!(
        log.iter()
            .any(|e| e.action == "refund.created" && e.email == "ana@shop.example")
    );

    // Expire the open one.
    let page = owner.get(&format!("/dashboard/payments/{open}")).await;
    let r = owner
        .post(
            &format!("/dashboard/payments/{open}/expire"),
            &[("csrf", &csrf(&page.text))],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(app.session(&open).await["status"], "expired");
}

#[tokio::test]
async fn support_refunds_only_up_to_the_limit_the_owner_set() {
    let app = app().await;
    let paid = paid_session(&app, "order-7").await;
    let mut support = member(&app, &app.merchant_id, "help@shop.example", "support").await;
    let user = store::user_by_email(&app.state.db.pool, "help@shop.example")
        .await
        .unwrap()
        .unwrap();
    let mut tx = app.state.db.begin().await.unwrap();
    store::set_role(
        &mut tx,
        &app.merchant_id,
        &user.id,
        app::domain::account::Role::Support,
        Some(5_000),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let page = support.get(&format!("/dashboard/payments/{paid}")).await;
    let path = format!("/dashboard/payments/{paid}/refund");
    let over = support
        .post(
            &path,
            &[
                ("csrf", &csrf(&page.text)),
                ("amount", "51"),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert!(
        over.text.contains("may refund up to MZN\u{a0}50.00"),
        "{}",
        over.text
    );
    let review = support
        .post(&path, &[("csrf", &csrf(&page.text)), ("amount", "50")])
        .await;
    let once = field(&review.text, "once").unwrap();
    let ok = support
        .post(
            &path,
            &[
                ("csrf", &csrf(&page.text)),
                ("amount", "50"),
                ("confirm", "yes"),
                ("once", &once),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.text);
    let shown = support.get(&ok.location().unwrap()).await;
    assert!(shown.text.contains("Refund of MZN\u{a0}50.00 made."));
}

#[tokio::test]
async fn developers_make_keys_support_cannot_and_owners_run_the_team() {
    let app = app().await;
    let mut support = member(&app, &app.merchant_id, "help@shop.example", "support").await;
    let page = support.get("/dashboard").await;
    assert!(!page.text.contains("/dashboard/developers"));
    assert_eq!(
        support.get("/dashboard/developers").await.status,
        StatusCode::FORBIDDEN
    );
    let r = support
        .post("/dashboard/developers/keys", &[("csrf", &csrf(&page.text))])
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(
        support.get("/dashboard/team").await.status,
        StatusCode::FORBIDDEN
    );

    let mut dev = member(&app, &app.merchant_id, "dev@shop.example", "developer").await;
    let page = dev.get("/dashboard/developers").await;
    assert_eq!(page.status, StatusCode::OK);
    let made = dev
        .post("/dashboard/developers/keys", &[("csrf", &csrf(&page.text))])
        .await;
    let after = made.text.split("data-testid=\"new-key\"").nth(1).unwrap();
    let secret = after
        .split_once('>')
        .unwrap()
        .1
        .split('<')
        .next()
        .unwrap()
        .to_owned();
    assert!(secret.starts_with("sk_test_"), "{secret}");
    // The key works, and the page says when it was last used.
    let r = app
        .api_as(Some(&secret), "GET", "/v1/checkout/sessions", None, &[])
        .await;
    assert_eq!(r.status, StatusCode::OK);
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let page = dev.get("/dashboard/developers").await;
    assert!(!page.text.contains(&secret), "shown once only");
    let prefix = &secret[..16];
    let row = page
        .text
        .split(prefix)
        .nth(1)
        .unwrap()
        .split("</tr>")
        .next()
        .unwrap();
    assert!(!row.contains("Never used"), "{row}");
    // Revoked, it no longer works.
    let key_id = row
        .split("/dashboard/developers/keys/")
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap();
    dev.post(
        &format!("/dashboard/developers/keys/{key_id}/revoke"),
        &[("csrf", &csrf(&page.text))],
    )
    .await;
    let r = app
        .api_as(Some(&secret), "GET", "/v1/checkout/sessions", None, &[])
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);

    // The owner invites, changes a role, and reads it all in the audit log.
    let mut owner = member(&app, &app.merchant_id, "boss@shop.example", "owner").await;
    let page = owner.get("/dashboard/team").await;
    let invited = owner
        .post(
            "/dashboard/team/invite",
            &[
                ("csrf", &csrf(&page.text)),
                ("email", "new@shop.example"),
                ("role", "viewer"),
            ],
        )
        .await;
    assert!(
        invited.text.contains("/dashboard/sign-up/"),
        "{}",
        invited.text
    );
    let support_user = store::user_by_email(&app.state.db.pool, "help@shop.example")
        .await
        .unwrap()
        .unwrap();
    owner
        .post(
            &format!("/dashboard/team/{}", support_user.id),
            &[
                ("csrf", &csrf(&page.text)),
                ("role", "support"),
                ("refund_limit", "500"),
            ],
        )
        .await;
    let members = store::members(&app.state.db.pool, &app.merchant_id)
        .await
        .unwrap();
    let limit = members
        .iter()
        .find(|m| m.1 == "help@shop.example")
        .unwrap()
        .3;
    assert_eq!(limit, Some(50_000));
    let page = owner.get("/dashboard/team").await;
    for action in [
        "api_key.created",
        "api_key.revoked",
        "member.invited",
        "member.role_changed",
        "member.joined",
    ] {
        assert!(page.text.contains(action), "{action} in the audit log");
    }
}

/// A multipart body with the CSRF token and one file.
fn multipart(csrf: &str, name: &str, kind: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let b = "lipa-test-boundary";
    let mut body = format!(
        "--{b}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
         --{b}\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"{name}\"\r\nContent-Type: {kind}\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{b}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={b}"), body)
}

fn png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbaImage::from_pixel(w, h, image::Rgba([200, 30, 30, 255]));
    let mut out = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

#[tokio::test]
async fn the_brand_colour_and_a_re_encoded_logo_reach_the_checkout() {
    let app = app().await;
    let mut owner = member(&app, &app.merchant_id, "boss@shop.example", "owner").await;
    let page = owner.get("/dashboard/settings").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    let token = csrf(&page.text);
    let r = owner
        .post(
            "/dashboard/settings/brand",
            &[("csrf", &token), ("color", "#7c3aed")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let bad = owner
        .post(
            "/dashboard/settings/brand",
            &[("csrf", &token), ("color", "purple;}")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);

    let upload = |b: &Browser, kind: &str, name: &str, bytes: Vec<u8>| {
        let (ct, body) = multipart(&token, name, kind, &bytes);
        b.request("POST", "/dashboard/settings/logo")
            .header(header::CONTENT_TYPE, ct)
            .body(Body::from(body))
            .unwrap()
    };
    let svg =
        br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#.to_vec();
    let refused = owner
        .send(upload(&owner, "image/svg+xml", "logo.svg", svg))
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text.contains("not a PNG, JPEG or WebP"));
    let big = owner
        .send(upload(
            &owner,
            "image/png",
            "big.png",
            vec![0x89; 400 * 1024],
        ))
        .await;
    assert_eq!(big.status, StatusCode::PAYLOAD_TOO_LARGE);
    let ok = owner
        .send(upload(&owner, "image/png", "logo.png", png(600, 300)))
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.text);

    // The checkout shows both; the logo is the re-encoded PNG, cached for good.
    let id = app.new_session(support::session_body()).await;
    let checkout = app.send(support::get(&format!("/c/{id}"))).await;
    assert!(checkout.text.contains("--brand:#7c3aed"), "the colour");
    let src = checkout
        .text
        .split("data-testid=\"logo\"")
        .next()
        .unwrap()
        .rsplit("src=\"")
        .next()
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    assert!(src.starts_with("/brand/"), "{src}");
    assert!(
        checkout.text.contains("width=\"96\" height=\"48\""),
        "scaled to 48 px high"
    );
    let (status, headers, bytes) = app.raw(support::get(&src)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "image/png");
    assert!(
        headers[header::CACHE_CONTROL]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    let stored = image::load_from_memory(&bytes).unwrap();
    assert_eq!((stored.width(), stored.height()), (256, 128));

    // The preview: this origin may frame it, nobody else.
    let preview = owner.get("/dashboard/settings/preview").await;
    assert_eq!(preview.status, StatusCode::OK);
    let csp = preview.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.ends_with("frame-ancestors 'self' https://pay.example"),
        "{csp}"
    );
    assert!(preview.text.contains("--brand:#7c3aed"));

    // A support member may not change any of it.
    let mut support = member(&app, &app.merchant_id, "help@shop.example", "support").await;
    assert_eq!(
        support.get("/dashboard/settings").await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn a_session_idle_for_twelve_hours_ends() {
    let app = app().await;
    let mut b = member(&app, &app.merchant_id, "ana@shop.example", "owner").await;
    assert_eq!(b.get("/dashboard").await.status, StatusCode::OK);
    let thirteen_hours_ago = server::db::now_ms() - 13 * 3_600_000;
    sqlx::query("UPDATE dashboard_sessions SET last_seen = $1")
        .bind(thirteen_hours_ago)
        .execute(app.state.db.writer())
        .await
        .unwrap();
    let r = b.get("/dashboard").await;
    assert_eq!(r.location().as_deref(), Some("/dashboard/sign-in"));
}
