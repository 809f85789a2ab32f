//! The sandbox's own pages: the 3-D Secure challenge of test cards and the
//! "provider page" of redirect methods. They stand in for a bank's or a
//! provider's site, so they are plain HTML on their own, outside the app.

use super::escape_html as escape;
use crate::AppState;
use crate::checkouts::ActionResult;
use crate::store::attempts::{self, Attempt};
use crate::store::{merchants, sessions};
use app::domain::attempt::AttemptStatus;
use app::domain::{MethodKind, Money};
use axum::extract::{Form, Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

const STYLE: &str = "body{font-family:system-ui,sans-serif;background:#1e293b;color:#0f172a;margin:0;padding:1rem}\
main{max-width:26rem;margin:2rem auto;background:#fff;border-radius:12px;padding:1.5rem}\
.tag{display:inline-block;background:#fde68a;color:#78350f;font-size:.8rem;font-weight:700;padding:.2rem .5rem;border-radius:6px}\
h1{font-size:1.3rem;margin:.75rem 0}p{line-height:1.5}button{width:100%;min-height:3rem;margin-top:.75rem;border-radius:10px;\
font:inherit;font-weight:600;border:1.5px solid #334155;background:#fff;cursor:pointer}\
.approve{background:#1d4ed8;border-color:#1d4ed8;color:#fff}a{color:#1d4ed8}";

/// `form_target`: where the form post may end after redirects (the
/// merchant's success page, reached through the checkout's return hop).
/// `frame_ancestors`: who may frame it; a checkout embedded in a merchant's
/// page sends the buyer here inside the frame, as a bank's 3-D Secure page
/// would be.
fn page(
    title: &str,
    body: &str,
    form_target: Option<&str>,
    frame_ancestors: &[String],
) -> Response {
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><style>{STYLE}</style></head><body><main>\
         <span class=\"tag\">Lipa sandbox · test mode</span>{body}</main></body></html>",
        title = escape(title),
    );
    let mut res = Html(html).into_response();
    let ancestors = app::service::frame_ancestors(frame_ancestors);
    let csp = format!(
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' {}; frame-ancestors {ancestors}",
        form_target.unwrap_or("")
    );
    if let Ok(v) = HeaderValue::from_str(csp.trim()) {
        res.headers_mut().insert(header::CONTENT_SECURITY_POLICY, v);
    }
    res
}

/// What the page shows about a test payment's checkout: whom it pays,
/// where a form post may end and who may frame the page.
struct Context {
    merchant: String,
    success_origin: Option<String>,
    embed_origins: Vec<String>,
}

async fn context(state: &AppState, a: &Attempt) -> Context {
    let pool = &state.db.pool;
    let session = sessions::TABLE
        .find(pool, &a.session_id)
        .await
        .ok()
        .flatten();
    let Some(s) = session else {
        return Context {
            merchant: String::new(),
            success_origin: None,
            embed_origins: Vec::new(),
        };
    };
    let merchant = merchants::get(pool, &s.merchant_id).await.ok().flatten();
    Context {
        merchant: merchant.map(|m| m.name).unwrap_or_default(),
        success_origin: s.success_url.as_deref().and_then(super::page::origin_of),
        embed_origins: super::page::embed_origins(&state.checkouts, &s)
            .await
            .unwrap_or_default(),
    }
}

/// The page's words: a bank's 3-D Secure check for cards, a provider's
/// checkout otherwise.
fn wording(a: &Attempt) -> (String, String, &'static str, &'static str) {
    if a.method.kind() == MethodKind::Card {
        let card = format!(
            "{} •••• {}",
            a.card_brand.map(|b| b.name()).unwrap_or("Card"),
            a.card_last4.as_deref().unwrap_or("")
        );
        (
            "3-D Secure check".to_owned(),
            format!(
                "Your bank asks you to confirm this payment with {}.",
                escape(&card)
            ),
            "Complete authentication",
            "Fail authentication",
        )
    } else {
        let name = a.method.info().name;
        (
            format!("{name} test payment"),
            format!("This page stands in for {name}'s own checkout."),
            "Authorize test payment",
            "Decline test payment",
        )
    }
}

/// `GET /sandbox/{attempt}`.
pub async fn show(State(state): State<AppState>, Path(attempt_id): Path<String>) -> Response {
    let Ok(Some(a)) = attempts::TABLE.find(&state.db.pool, &attempt_id).await else {
        let missing = page("Not found", "<h1>No such test payment</h1>", None, &[]);
        return (StatusCode::NOT_FOUND, missing).into_response();
    };
    if a.status != AttemptStatus::RequiresAction {
        let back = format!("/c/{}", a.session_id);
        let body = format!(
            "<h1>This test payment is finished</h1><p><a href=\"{back}\">Back to the checkout</a></p>"
        );
        return page("Finished", &body, None, &[]);
    }
    let cx = context(&state, &a).await;
    let amount = Money::new(a.amount, a.currency).format(app::domain::Locale::En.number_style());
    let (title, what, approve, decline) = wording(&a);
    let button = |result: &str, class: &str, label: &str| {
        format!(
            "<form method=\"post\"><input type=\"hidden\" name=\"result\" value=\"{result}\">\
             <button class=\"{class}\" data-testid=\"sandbox-{result}\">{label}</button></form>"
        )
    };
    let body = format!(
        "<h1>{}</h1><p>{}</p><p><strong>{}</strong> to {}</p>{}{}{}",
        escape(&title),
        what,
        escape(&amount),
        escape(&cx.merchant),
        button("approve", "approve", approve),
        button("decline", "", decline),
        button("cancel", "", "Cancel and go back"),
    );
    page(
        &title,
        &body,
        cx.success_origin.as_deref(),
        &cx.embed_origins,
    )
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
