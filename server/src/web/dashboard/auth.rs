//! Signing up from a one-time link, signing in (password, then the second
//! factor when the account has one), signing out, and choosing the
//! merchant and mode a session looks at.

use super::{
    PRE_COOKIE, SESSION_COOKIE, client, cookie, csrf_ok, csrf_refused, failure, lang, nonce, page,
    remember_lang, set_cookie, signed_form, viewer,
};
use crate::AppState;
use crate::accounts::{self, AccountError, SignIn};
use crate::db::random_base62;
use crate::store::accounts as store;
use app::dashboard::auth::{self as views, SignInPage, SignUpPage};
use app::dashboard::texts::{t, ta};
use app::domain::Locale;
use app::domain::account::PasswordProblem;
use axum::extract::{Form, Path, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

/// The double-submit token of a browser not yet signed in: its cookie's,
/// or a new one (with the cookie to set).
fn pre_token(state: &AppState, parts: &Parts) -> (String, Option<axum::http::HeaderValue>) {
    match cookie(parts, PRE_COOKIE) {
        Some(t) if t.len() >= 20 => (t, None),
        _ => {
            let t = random_base62(32);
            let set = set_cookie(state, PRE_COOKIE, Some(&t));
            (t, Some(set))
        }
    }
}

fn with_cookies(
    mut res: Response,
    cookies: impl IntoIterator<Item = axum::http::HeaderValue>,
) -> Response {
    for c in cookies {
        res.headers_mut().append(header::SET_COOKIE, c);
    }
    res
}

/// Signs a browser in with a new cookie (the old one, if any, ends).
async fn signed_in(state: &AppState, parts: &Parts, token: &str, to: &str) -> Response {
    if let Some(old) = cookie(parts, SESSION_COOKIE) {
        let _ = store::delete_session(state.db.writer(), &accounts::token_hash(&old)).await;
    }
    let set = set_cookie(state, SESSION_COOKIE, Some(token));
    with_cookies(Redirect::to(to).into_response(), [set])
}

fn sign_in_page(
    state: &AppState,
    parts: &Parts,
    status: StatusCode,
    email: String,
    problem: Option<String>,
) -> Response {
    let (csrf, set) = pre_token(state, parts);
    let n = nonce();
    let html = views::sign_in(SignInPage {
        lang: lang(parts),
        nonce: n.clone(),
        csrf,
        email,
        problem,
    });
    let mut res = with_cookies(page(status, &n, html), set);
    remember_lang(state, parts, &mut res);
    res
}

/// `GET /dashboard/sign-in`.
pub async fn sign_in_form(State(state): State<AppState>, parts: Parts) -> Response {
    if viewer(&state, &parts).await.is_ok() {
        return Redirect::to("/dashboard").into_response();
    }
    sign_in_page(&state, &parts, StatusCode::OK, String::new(), None)
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Credentials {
    email: String,
    password: String,
    csrf: String,
}

fn locked_text(l: Locale, until_ms: i64) -> String {
    let time = app::i18n::date_time(l, until_ms.div_euclid(1000) + 59);
    ta(l, "signin-locked", &[("time", &time)])
}

/// `POST /dashboard/sign-in`.
pub async fn sign_in(
    State(state): State<AppState>,
    parts: Parts,
    Form(c): Form<Credentials>,
) -> Response {
    let expected = cookie(&parts, PRE_COOKIE).unwrap_or_default();
    if !csrf_ok(&parts, &expected, &c.csrf) {
        return csrf_refused(&parts);
    }
    let l = lang(&parts);
    match accounts::sign_in(&state.core, &c.email, &c.password, &client(&parts)).await {
        Ok(SignIn::Done(token)) => signed_in(&state, &parts, &token, "/dashboard").await,
        Ok(SignIn::SecondFactor(token)) => {
            signed_in(&state, &parts, &token, "/dashboard/sign-in/code").await
        }
        Err(AccountError::Locked(until)) => {
            let text = locked_text(l, until);
            sign_in_page(
                &state,
                &parts,
                StatusCode::TOO_MANY_REQUESTS,
                c.email,
                Some(text),
            )
        }
        Err(AccountError::WrongPassword) => {
            let text = t(l, "signin-wrong");
            sign_in_page(
                &state,
                &parts,
                StatusCode::UNAUTHORIZED,
                c.email,
                Some(text),
            )
        }
        Err(e) => failure(&parts, e),
    }
}

/// The half-open session (password given, code awaited) of this browser.
async fn pending(state: &AppState, parts: &Parts) -> Option<store::DashboardSession> {
    let token = cookie(parts, SESSION_COOKIE)?;
    let s = store::find_session(&state.db.pool, &accounts::token_hash(&token))
        .await
        .ok()
        .flatten()?;
    (!s.signed_in).then_some(s)
}

fn code_page(parts: &Parts, csrf: String, status: StatusCode, problem: Option<String>) -> Response {
    let n = nonce();
    let html = views::second_factor(lang(parts), &n, csrf, problem);
    page(status, &n, html)
}

/// `GET /dashboard/sign-in/code`.
pub async fn code_form(State(state): State<AppState>, parts: Parts) -> Response {
    match pending(&state, &parts).await {
        Some(s) => code_page(&parts, s.csrf_token, StatusCode::OK, None),
        None => Redirect::to("/dashboard/sign-in").into_response(),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Code {
    code: String,
    csrf: String,
}

/// `POST /dashboard/sign-in/code`.
pub async fn code(State(state): State<AppState>, parts: Parts, Form(c): Form<Code>) -> Response {
    let Some(s) = pending(&state, &parts).await else {
        return Redirect::to("/dashboard/sign-in").into_response();
    };
    if !csrf_ok(&parts, &s.csrf_token, &c.csrf) {
        return csrf_refused(&parts);
    }
    let token = cookie(&parts, SESSION_COOKIE).unwrap_or_default();
    let l = lang(&parts);
    match accounts::second_factor(&state.core, &token, &c.code, &client(&parts)).await {
        Ok(new) => signed_in(&state, &parts, &new, "/dashboard").await,
        Err(AccountError::WrongCode) => code_page(
            &parts,
            s.csrf_token,
            StatusCode::UNAUTHORIZED,
            Some(t(l, "signin-code-wrong")),
        ),
        Err(AccountError::Locked(until)) => code_page(
            &parts,
            s.csrf_token,
            StatusCode::TOO_MANY_REQUESTS,
            Some(locked_text(l, until)),
        ),
        Err(AccountError::LinkClosed) => {
            let text = t(l, "signin-code-expired");
            sign_in_page(
                &state,
                &parts,
                StatusCode::UNAUTHORIZED,
                String::new(),
                Some(text),
            )
        }
        Err(e) => failure(&parts, e),
    }
}

fn link_closed(parts: &Parts) -> Response {
    let l = lang(parts);
    let n = nonce();
    let html = views::notice(
        l,
        &n,
        parts.uri.path(),
        &t(l, "signup-closed-title"),
        &t(l, "signup-closed-body"),
        Some(("/dashboard/sign-in", t(l, "signin-title"))),
    );
    page(StatusCode::GONE, &n, html)
}

async fn sign_up_page(
    state: &AppState,
    parts: &Parts,
    token: &str,
    status: StatusCode,
    problem: Option<String>,
) -> Response {
    let link = match accounts::open_link(&state.core, token).await {
        Ok(link) => link,
        Err(AccountError::LinkClosed) => return link_closed(parts),
        Err(e) => return failure(parts, e),
    };
    let merchant = crate::store::merchants::get(&state.db.pool, &link.merchant_id)
        .await
        .ok()
        .flatten()
        .map(|m| m.name)
        .unwrap_or_default();
    let existing = matches!(
        store::user_by_email(&state.db.pool, &link.email).await,
        Ok(Some(_))
    );
    let (csrf, set) = pre_token(state, parts);
    let n = nonce();
    let html = views::sign_up(SignUpPage {
        lang: lang(parts),
        nonce: n.clone(),
        csrf,
        token: token.to_owned(),
        merchant,
        email: link.email,
        role: link.role,
        existing,
        problem,
    });
    let mut res = with_cookies(page(status, &n, html), set);
    remember_lang(state, parts, &mut res);
    res
}

/// `GET /dashboard/sign-up/{token}`.
pub async fn sign_up_form(
    State(state): State<AppState>,
    Path(token): Path<String>,
    parts: Parts,
) -> Response {
    sign_up_page(&state, &parts, &token, StatusCode::OK, None).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NewPassword {
    password: String,
    confirm: Option<String>,
    csrf: String,
}

fn password_text(l: Locale, p: PasswordProblem) -> String {
    let id = match p {
        PasswordProblem::TooShort => "password-too-short",
        PasswordProblem::TooLong => "password-too-long",
        PasswordProblem::Common => "password-common",
        PasswordProblem::ContainsEmail => "password-contains-email",
    };
    t(l, id)
}

/// `POST /dashboard/sign-up/{token}`.
pub async fn sign_up(
    State(state): State<AppState>,
    Path(token): Path<String>,
    parts: Parts,
    Form(f): Form<NewPassword>,
) -> Response {
    let expected = cookie(&parts, PRE_COOKIE).unwrap_or_default();
    if !csrf_ok(&parts, &expected, &f.csrf) {
        return csrf_refused(&parts);
    }
    let l = lang(&parts);
    if f.confirm.as_ref().is_some_and(|c| *c != f.password) {
        let text = t(l, "signup-mismatch");
        return sign_up_page(
            &state,
            &parts,
            &token,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(text),
        )
        .await;
    }
    let problem = match accounts::sign_up(&state.core, &token, &f.password, &client(&parts)).await {
        Ok(session) => return signed_in(&state, &parts, &session, "/dashboard/security").await,
        Err(AccountError::LinkClosed) => return link_closed(&parts),
        Err(AccountError::Password(p)) => password_text(l, p),
        Err(AccountError::WrongPassword) => t(l, "signin-wrong"),
        Err(e) => return failure(&parts, e),
    };
    sign_up_page(
        &state,
        &parts,
        &token,
        StatusCode::UNPROCESSABLE_ENTITY,
        Some(problem),
    )
    .await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Csrf {
    csrf: String,
}

/// `POST /dashboard/sign-out`.
pub async fn sign_out(
    State(state): State<AppState>,
    parts: Parts,
    Form(f): Form<Csrf>,
) -> Response {
    let v = or_answer!(signed_form(&state, &parts, &f.csrf).await);
    if let Err(e) = accounts::sign_out(&state.core, &v).await {
        return failure(&parts, e);
    }
    let clear = set_cookie(&state, SESSION_COOKIE, None);
    with_cookies(Redirect::to("/dashboard/sign-in").into_response(), [clear])
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct View {
    csrf: String,
    livemode: String,
    merchant: Option<String>,
}

/// `POST /dashboard/view`: the test/live switch and the merchant choice.
pub async fn switch_view(
    State(state): State<AppState>,
    parts: Parts,
    Form(f): Form<View>,
) -> Response {
    let v = or_answer!(signed_form(&state, &parts, &f.csrf).await);
    let live = f.livemode == "true";
    match accounts::switch_view(&state.core, &v, f.merchant.as_deref(), live).await {
        Ok(()) => Redirect::to("/dashboard").into_response(),
        Err(e) => failure(&parts, e),
    }
}
