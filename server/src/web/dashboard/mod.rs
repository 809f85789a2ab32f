//! `/dashboard`: the merchant dashboard's doors. Each handler reads who is
//! signed in (the `lipa_dash` cookie), checks the form's CSRF token on
//! every state-changing request, calls a use case, and draws a screen from
//! `app::dashboard`.
//!
//! CSRF: a signed-in session's forms carry its synchronizer token; the
//! forms before sign-in (sign-in, sign-up) carry a double-submit token that
//! must equal the `lipa_pre` cookie. A post the browser marks as coming from
//! another site (`Sec-Fetch-Site: cross-site`) is refused either way.

/// The value of a `Result<T, Response>`, or the handler answers with the
/// response (a redirect to sign in, a refusal).
macro_rules! or_answer {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(res) => return res,
        }
    };
}

mod auth;
mod developers;
mod home;
mod links;
mod payments;
mod problem;
mod security;
pub mod settings;
mod team;

use crate::AppState;
use crate::accounts::{self, Client, Viewer};
use crate::db::random_base62;
use app::dashboard::texts::{dashboard_locale, t};
use app::dashboard::{Frame, Section};
use app::domain::{Locale, LocalePref};
use app::service::ClientIp;
use axum::Router;
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use subtle::ConstantTimeEq;

pub const SESSION_COOKIE: &str = "lipa_dash";
const PRE_COOKIE: &str = "lipa_pre";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/dashboard", get(home::show))
        .route(
            "/dashboard/sign-in",
            get(auth::sign_in_form).post(auth::sign_in),
        )
        .route(
            "/dashboard/sign-in/code",
            get(auth::code_form).post(auth::code),
        )
        .route(
            "/dashboard/sign-up/{token}",
            get(auth::sign_up_form).post(auth::sign_up),
        )
        .route("/dashboard/sign-out", post(auth::sign_out))
        .route("/dashboard/view", post(auth::switch_view))
        .route(
            "/dashboard/security",
            get(security::show).post(security::enrol),
        )
        .route("/dashboard/payments", get(payments::list))
        .route("/dashboard/payments/{id}", get(payments::show))
        .route("/dashboard/payments/{id}/refund", post(payments::refund))
        .route("/dashboard/payments/{id}/expire", post(payments::expire))
        .route(
            "/dashboard/events/{id}/redeliver",
            post(payments::redeliver),
        )
        .route("/dashboard/developers", get(developers::show))
        .route("/dashboard/developers/keys", post(developers::create_key))
        .route(
            "/dashboard/developers/keys/{id}/revoke",
            post(developers::revoke_key),
        )
        .route("/dashboard/settings", get(settings::show))
        .route(
            "/dashboard/settings/products/{id}",
            post(settings::save_product),
        )
        .route(
            "/dashboard/settings/products/{id}/secret",
            post(settings::rotate_secret),
        )
        .route("/dashboard/settings/brand", post(settings::save_color))
        .route(
            "/dashboard/settings/logo",
            post(settings::upload_logo).layer(axum::extract::DefaultBodyLimit::max(
                crate::branding::UPLOAD_LIMIT,
            )),
        )
        .route("/dashboard/settings/preview", get(settings::preview))
        .route("/brand/{merchant}/{file}", get(settings::logo))
        .route("/dashboard/team", get(team::show))
        .route("/dashboard/team/invite", post(team::invite))
        .route("/dashboard/team/{user}", post(team::change))
        .route("/dashboard/links", get(links::list).post(links::create))
        .route(
            "/dashboard/links/{id}",
            get(links::show).post(links::toggle),
        )
}

/// The dashboard's language: `?lang=`, else the remembered choice or the
/// browser's, among the four the dashboard speaks.
fn lang(parts: &Parts) -> Locale {
    let query = query_lang(parts);
    dashboard_locale(query.unwrap_or_else(|| super::buyer_locale(parts, LocalePref::Auto)))
}

fn query_lang(parts: &Parts) -> Option<Locale> {
    url::form_urlencoded::parse(parts.uri.query().unwrap_or("").as_bytes())
        .find(|(k, _)| k == "lang")
        .and_then(|(_, v)| Locale::parse(&v))
}

fn cookie(parts: &Parts, name: &str) -> Option<String> {
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_owned())
}

fn client(parts: &Parts) -> Client {
    let ip = parts
        .extensions
        .get::<ClientIp>()
        .map(|c| c.0.to_string())
        .unwrap_or_else(|| "unknown".into());
    Client { ip }
}

/// A `Set-Cookie` for the dashboard's cookies: HttpOnly, SameSite=Lax,
/// Secure behind https; `None` clears it.
fn set_cookie(state: &AppState, name: &str, value: Option<&str>) -> HeaderValue {
    let secure = state.config.public_url.starts_with("https://");
    let mut c = cookie::Cookie::build((name.to_owned(), value.unwrap_or("").to_owned()))
        .path("/dashboard")
        .http_only(true)
        .same_site(cookie::SameSite::Lax)
        .secure(secure)
        .build();
    if value.is_none() {
        c.make_removal();
    }
    HeaderValue::from_str(&c.to_string()).expect("cookie text is a header value")
}

/// An HTML page with its nonce-based policy, never cached.
fn page(status: StatusCode, nonce: &str, html: String) -> Response {
    let mut res = (status, Html(html)).into_response();
    let csp = format!(
        "default-src 'none'; style-src 'nonce-{nonce}'; script-src 'nonce-{nonce}'; img-src 'self' data:; frame-src 'self'; \
         form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    );
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_str(&csp).expect("ascii"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

fn nonce() -> String {
    random_base62(22)
}

/// Remembers a language picked with `?lang=` (the same cookie the buyer
/// page uses).
fn remember_lang(state: &AppState, parts: &Parts, res: &mut Response) {
    if let Some(l) = query_lang(parts) {
        let secure = state.config.public_url.starts_with("https://");
        let c = cookie::Cookie::build(("lipa_lang", l.as_str()))
            .path("/")
            .max_age(cookie::time::Duration::days(365))
            .same_site(cookie::SameSite::Lax)
            .http_only(true)
            .secure(secure)
            .build();
        if let Ok(v) = HeaderValue::from_str(&c.to_string()) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
}

/// The signed-in viewer, or the response that sends the browser to sign in.
async fn viewer(state: &AppState, parts: &Parts) -> Result<Viewer, Response> {
    let found = match cookie(parts, SESSION_COOKIE) {
        Some(token) => accounts::viewer(&state.core, &token).await,
        None => Ok(None),
    };
    match found {
        Ok(Some(v)) => Ok(v),
        Ok(None) => Err(Redirect::to("/dashboard/sign-in").into_response()),
        Err(e) => Err(failure(parts, e)),
    }
}

/// The viewer behind a state-changing form, once its CSRF token is the
/// session's.
async fn signed_form(state: &AppState, parts: &Parts, csrf: &str) -> Result<Viewer, Response> {
    let v = viewer(state, parts).await?;
    if !csrf_ok(parts, &v.session.csrf_token, csrf) {
        return Err(csrf_refused(parts));
    }
    Ok(v)
}

/// The viewer behind a state-changing form whose role allows `p`.
async fn acting(
    state: &AppState,
    parts: &Parts,
    csrf: &str,
    p: app::domain::account::Permission,
    section: Section,
) -> Result<Viewer, Response> {
    let v = signed_form(state, parts, csrf).await?;
    if !v.membership.role.can(p) {
        return Err(forbidden(&frame(parts, &v, section)));
    }
    Ok(v)
}

/// A page that only explains, with a way back to the dashboard.
fn explain(parts: &Parts, status: StatusCode, title: String, body: String) -> Response {
    let l = lang(parts);
    let n = nonce();
    let back = Some(("/dashboard", t(l, "dash-back-home")));
    let html = app::dashboard::auth::notice(l, &n, parts.uri.path(), &title, &body, back);
    page(status, &n, html)
}

fn failure(parts: &Parts, e: impl std::fmt::Display) -> Response {
    tracing::error!(error = %e, "dashboard request failed");
    let l = lang(parts);
    let body = app::i18n::t(l, "error-generic");
    explain(
        parts,
        StatusCode::SERVICE_UNAVAILABLE,
        t(l, "dash-csrf-title"),
        body,
    )
}

/// Whether a posted token equals the expected one (constant time), and the
/// browser does not say the post came from another site.
fn csrf_ok(parts: &Parts, expected: &str, posted: &str) -> bool {
    let cross_site = parts
        .headers
        .get("sec-fetch-site")
        .is_some_and(|v| v.as_bytes() == b"cross-site");
    !cross_site && !expected.is_empty() && bool::from(expected.as_bytes().ct_eq(posted.as_bytes()))
}

/// The 403 page for a post without the right CSRF token.
fn csrf_refused(parts: &Parts) -> Response {
    let l = lang(parts);
    explain(
        parts,
        StatusCode::FORBIDDEN,
        t(l, "dash-csrf-title"),
        t(l, "dash-csrf-body"),
    )
}

/// The 403 page for what the viewer's role does not allow.
fn forbidden(frame: &Frame) -> Response {
    let html = app::dashboard::frame::message(
        frame,
        &frame.t("dash-forbidden-title"),
        frame.t("dash-forbidden-body"),
        true,
    );
    page(StatusCode::FORBIDDEN, &frame.nonce, html)
}

/// What every signed-in screen draws around itself.
fn frame(parts: &Parts, v: &Viewer, section: Section) -> Frame {
    Frame {
        lang: lang(parts),
        nonce: nonce(),
        csrf: v.session.csrf_token.clone(),
        email: v.user.email.clone(),
        role: v.membership.role,
        merchant_id: v.membership.merchant_id.clone(),
        merchants: v
            .memberships
            .iter()
            .map(|m| (m.merchant_id.clone(), m.merchant_name.clone()))
            .collect(),
        livemode: v.session.livemode,
        section,
        path: parts.uri.path().to_owned(),
    }
}

/// A drawn signed-in screen as a response.
fn screen(
    state: &AppState,
    parts: &Parts,
    frame: &Frame,
    status: StatusCode,
    html: String,
) -> Response {
    let mut res = page(status, &frame.nonce, html);
    remember_lang(state, parts, &mut res);
    res
}

/// A signed-in 404: the object is not this merchant's (in this mode).
fn not_found(state: &AppState, parts: &Parts, frame: &Frame) -> Response {
    let l = frame.lang;
    let html = app::dashboard::frame::message(
        frame,
        &app::i18n::t(l, "notfound-title"),
        app::i18n::t(l, "notfound-body"),
        false,
    );
    screen(state, parts, frame, StatusCode::NOT_FOUND, html)
}
