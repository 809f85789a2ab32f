//! The sandbox's own pages: the 3-D Secure challenge of test cards and the
//! "provider page" of redirect methods. They stand in for a bank's or a
//! provider's site, so they are plain HTML on their own, outside the app.

use super::buyer_locale;
use super::escape_html as escape;
use crate::AppState;
use crate::checkouts::ActionResult;
use crate::store::attempts::{self, Attempt};
use crate::store::{merchants, sessions};
use app::domain::attempt::AttemptStatus;
use app::domain::{Locale, LocalePref, MethodKind, Money};
use app::i18n::{t, ta};
use axum::extract::{Form, Path, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

const STYLE: &str = "body{font-family:system-ui,sans-serif;background:#1e293b;color:#0f172a;margin:0;padding:1rem}\
main{max-width:26rem;margin:2rem auto;background:#fff;border-radius:12px;padding:1.5rem}\
.tag{display:inline-block;background:#fde68a;color:#78350f;font-size:.8rem;font-weight:700;padding:.2rem .5rem;border-radius:6px}\
h1{font-size:1.3rem;margin:.75rem 0}p{line-height:1.5}button{width:100%;min-height:3rem;margin-top:.75rem;border-radius:10px;\
font:inherit;font-weight:600;border:1.5px solid #334155;background:#fff;cursor:pointer}\
.approve{background:#1d4ed8;border-color:#1d4ed8;color:#fff}a{color:#1d4ed8}";

/// Where a page's form may post to and who may frame it: a checkout
/// embedded in a merchant's page sends the buyer here inside the frame, as
/// a bank's 3-D Secure page would be.
#[derive(Default)]
struct Policy<'a> {
    /// Where the form post may end after redirects (the merchant's success
    /// page, reached through the checkout's return hop).
    form_target: Option<&'a str>,
    frame_ancestors: &'a [String],
}

/// A page in the checkout's language and direction.
fn page(locale: Locale, title: &str, body: &str, policy: Policy) -> Response {
    let html = format!(
        "<!doctype html><html lang=\"{lang}\" dir=\"{dir}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><style>{STYLE}</style></head><body><main>\
         <span class=\"tag\">{tag}</span>{body}</main></body></html>",
        lang = locale.as_str(),
        dir = locale.dir(),
        title = escape(title),
        tag = escape(&t(locale, "test-mode")),
    );
    let mut res = Html(html).into_response();
    let ancestors = app::service::frame_ancestors(policy.frame_ancestors);
    let csp = format!(
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' {}; frame-ancestors {ancestors}",
        policy.form_target.unwrap_or("")
    );
    if let Ok(v) = HeaderValue::from_str(csp.trim()) {
        res.headers_mut().insert(header::CONTENT_SECURITY_POLICY, v);
    }
    res
}

/// What the page shows about a test payment's checkout: whom it pays, in
/// which language, where a form post may end and who may frame the page.
struct Context {
    merchant: String,
    locale: Locale,
    success_origin: Option<String>,
    embed_origins: Vec<String>,
}

async fn context(state: &AppState, a: &Attempt, parts: &Parts) -> Context {
    let pool = &state.db.pool;
    let session = sessions::TABLE
        .find(pool, &a.session_id)
        .await
        .ok()
        .flatten();
    let Some(s) = session else {
        return Context {
            merchant: String::new(),
            locale: buyer_locale(parts, LocalePref::Auto),
            success_origin: None,
            embed_origins: Vec::new(),
        };
    };
    let merchant = merchants::get(pool, &s.merchant_id).await.ok().flatten();
    Context {
        merchant: merchant.map(|m| m.name).unwrap_or_default(),
        locale: buyer_locale(parts, s.locale),
        success_origin: s.success_url.as_deref().and_then(super::page::origin_of),
        embed_origins: super::page::embed_origins(&state.checkouts, &s)
            .await
            .unwrap_or_default(),
    }
}

/// The page's words (title, what happens, approve, decline): a bank's
/// 3-D Secure check for cards, a provider's checkout otherwise.
fn wording(a: &Attempt, l: Locale) -> [String; 4] {
    if a.method.kind() == MethodKind::Card {
        let card = format!(
            "{}\u{a0}••••\u{a0}{}",
            a.card_brand.map(|b| b.name()).unwrap_or("Card"),
            a.card_last4.as_deref().unwrap_or("")
        );
        [
            t(l, "sandbox-card-title"),
            ta(l, "sandbox-card-body", &[("card", &card)]),
            t(l, "sandbox-card-approve"),
            t(l, "sandbox-card-decline"),
        ]
    } else {
        let name = [("method", a.method.info().name)];
        [
            ta(l, "sandbox-provider-title", &name),
            ta(l, "sandbox-provider-body", &name),
            t(l, "sandbox-approve"),
            t(l, "sandbox-decline"),
        ]
    }
}

/// `GET /sandbox/{attempt}`.
pub async fn show(
    State(state): State<AppState>,
    Path(attempt_id): Path<String>,
    parts: Parts,
) -> Response {
    let Ok(Some(a)) = attempts::TABLE.find(&state.db.pool, &attempt_id).await else {
        let l = buyer_locale(&parts, LocalePref::Auto);
        let title = t(l, "sandbox-missing");
        let missing = page(
            l,
            &title,
            &format!("<h1>{}</h1>", escape(&title)),
            Policy::default(),
        );
        return (StatusCode::NOT_FOUND, missing).into_response();
    };
    let cx = context(&state, &a, &parts).await;
    let l = cx.locale;
    if a.status != AttemptStatus::RequiresAction {
        let title = t(l, "sandbox-finished");
        let body = format!(
            "<h1>{}</h1><p><a href=\"/c/{}\">{}</a></p>",
            escape(&title),
            escape(&a.session_id),
            escape(&t(l, "sandbox-back"))
        );
        return page(l, &title, &body, Policy::default());
    }
    let amount = Money::new(a.amount, a.currency).format(l.number_style());
    let [title, what, approve, decline] = wording(&a, l);
    let button = |result: &str, class: &str, label: &str| {
        format!(
            "<form method=\"post\"><input type=\"hidden\" name=\"result\" value=\"{result}\">\
             <button class=\"{class}\" data-testid=\"sandbox-{result}\">{}</button></form>",
            escape(label)
        )
    };
    // The amount in its own isolate: `MZN 2,650.00` never reorders, even
    // in a right-to-left sentence.
    let body = format!(
        "<h1>{}</h1><p>{}</p><p><strong><bdi>{}</bdi></strong></p><p>{}</p>{}{}{}",
        escape(&title),
        escape(&what),
        escape(&amount),
        escape(&ta(l, "sandbox-payee", &[("merchant", &cx.merchant)])),
        button("approve", "approve", &approve),
        button("decline", "", &decline),
        button("cancel", "", &t(l, "action-abandon")),
    );
    let policy = Policy {
        form_target: cx.success_origin.as_deref(),
        frame_ancestors: &cx.embed_origins,
    };
    page(l, &title, &body, policy)
}

#[derive(Deserialize)]
pub struct Decision {
    result: String,
}

/// `POST /sandbox/{attempt}`: records what the buyer chose and sends them
/// back through the checkout's return hop: to the merchant if paid, else to
/// the checkout, which shows the result.
pub async fn decide(
    State(state): State<AppState>,
    Path(attempt_id): Path<String>,
    Form(d): Form<Decision>,
) -> Response {
    let result = match d.result.as_str() {
        "approve" => ActionResult::Approve,
        "decline" => ActionResult::Decline,
        "cancel" => ActionResult::Cancel,
        _ => return StatusCode::BAD_REQUEST.into_response(),
    };
    match state.checkouts.complete_action(&attempt_id, result).await {
        Ok(Some(session)) => Redirect::to(&format!("/c/{session}/return")).into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "sandbox action failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
