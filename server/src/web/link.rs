//! `/l/{id}`: a payment link's short URL. A visit opens a fresh checkout
//! and sends the buyer there; a link whose buyer chooses the amount asks
//! for it first (a plain form: no JavaScript needed); a closed or unknown
//! link says so in the buyer's language. Chat apps that fetch a shared
//! link to draw its card get the link's title instead of a checkout.

use super::buyer_locale;
use super::escape_html as escape;
use crate::AppState;
use crate::payment_links::{self, Visit};
use crate::store::merchants;
use crate::store::payment_links::{self as links, PaymentLink};
use app::domain::{Currency, Locale, LocalePref, Money};
use app::i18n::{t, ta};
use axum::extract::{Form, Path, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

const STYLE: &str = "body{font-family:system-ui,sans-serif;background:#f1f5f9;color:#0f172a;margin:0;padding:1rem}\
main{max-width:26rem;margin:2rem auto;background:#fff;border-radius:1rem;padding:1.5rem}\
h1{font-size:1.25rem;margin:.25rem 0 .75rem}p{line-height:1.5;color:#334155;margin:.5rem 0}\
.merchant{font-weight:600;color:#334155}label{display:block;font-weight:600;margin:1rem 0 .375rem}\
input{display:block;box-sizing:border-box;width:100%;min-height:3rem;padding:.625rem .875rem;font:inherit;font-size:1.125rem;\
border:1.5px solid #64748b;border-radius:.625rem}[dir=rtl] input{text-align:end}\
.hint{font-size:.875rem;color:#475569}.error{color:#b91c1c;font-weight:500}\
button{width:100%;min-height:3.25rem;margin-top:1.25rem;border:0;border-radius:.75rem;font:inherit;font-weight:600;\
background:#0f766e;color:#fff;cursor:pointer}";

fn page(l: Locale, status: StatusCode, title: &str, body: &str) -> Response {
    page_with(l, status, title, "", body)
}

/// A page with `head` (already escaped) added to its `<head>`.
fn page_with(l: Locale, status: StatusCode, title: &str, head: &str, body: &str) -> Response {
    let html = format!(
        "<!doctype html><html lang=\"{lang}\" dir=\"{dir}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"robots\" content=\"noindex\"><title>{title}</title>{head}<style>{STYLE}</style></head>\
         <body><main>{body}</main></body></html>",
        lang = l.as_str(),
        dir = l.dir(),
        title = escape(title),
    );
    let mut res = (status, Html(html)).into_response();
    let csp =
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";
    res.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(csp),
    );
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

fn closed(l: Locale, status: StatusCode, title: &str, body: &str) -> Response {
    let html = format!(
        "<h1>{}</h1><p>{}</p>",
        escape(&t(l, title)),
        escape(&t(l, body))
    );
    page(l, status, &t(l, title), &html)
}

/// The name of the merchant whose link this is (empty if it is gone).
async fn merchant_name(state: &AppState, link: &PaymentLink) -> String {
    merchants::get(&state.db.pool, &link.merchant_id)
        .await
        .ok()
        .flatten()
        .map(|m| m.name)
        .unwrap_or_default()
}

/// The form that asks a buyer how much to pay; when they typed an amount
/// it refused, that amount again with the problem under it.
async fn amount_form(
    state: &AppState,
    l: Locale,
    link: &PaymentLink,
    bounds: (i64, i64),
    refused: Option<&str>,
) -> Response {
    let problem = refused.is_some();
    let merchant = merchant_name(state, link).await;
    let currency = link.checkout.currency.as_deref().and_then(Currency::parse);
    let Some(currency) = currency else {
        return closed(l, StatusCode::NOT_FOUND, "notfound-title", "notfound-body");
    };
    let money = |m| Money::new(m, currency).format(l.number_style());
    let range = [("min", money(bounds.0)), ("max", money(bounds.1))];
    let range: Vec<(&str, &str)> = range.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let error = if problem {
        format!(
            "<p class=\"error\" id=\"amount-error\" role=\"alert\">{}</p>",
            escape(&ta(l, "link-amount-invalid", &range))
        )
    } else {
        String::new()
    };
    let title = t(l, "link-amount-title");
    let body = format!(
        "<p class=\"merchant\">{merchant}</p><h1>{title}</h1>{description}\
         <form method=\"post\"><label for=\"amount\">{label}</label>\
         <input id=\"amount\" name=\"amount\" inputmode=\"decimal\" dir=\"ltr\" autocomplete=\"off\" required \
         aria-describedby=\"amount-hint{described}\"{invalid}{value}>\
         <p class=\"hint\" id=\"amount-hint\">{hint}</p>{error}\
         <button type=\"submit\" data-testid=\"link-continue\">{go}</button></form>",
        merchant = escape(&merchant),
        title = escape(&title),
        description = link
            .checkout
            .description
            .as_deref()
            .map(|d| format!("<p>{}</p>", escape(d)))
            .unwrap_or_default(),
        label = escape(&ta(
            l,
            "link-amount-label",
            &[("currency", currency.code())]
        )),
        described = if problem { " amount-error" } else { "" },
        invalid = if problem {
            " aria-invalid=\"true\""
        } else {
            ""
        },
        value = refused
            .map(|typed| format!(" value=\"{}\"", escape(typed)))
            .unwrap_or_default(),
        hint = escape(&ta(l, "link-amount-hint", &range)),
        go = escape(&t(l, "action-continue")),
    );
    let status = if problem {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    page(l, status, &title, &body)
}

async fn answer(state: &AppState, l: Locale, id: &str, typed: Option<&str>) -> Response {
    match payment_links::visit(&state.core, id, typed).await {
        Ok(Visit::Opened(session)) => Redirect::to(&format!("/c/{session}")).into_response(),
        Ok(Visit::ChooseAmount {
            link,
            min,
            max,
            refused,
        }) => amount_form(state, l, &link, (min, max), typed.filter(|_| refused)).await,
        Ok(Visit::Closed(_)) => {
            closed(l, StatusCode::GONE, "link-closed-title", "link-closed-body")
        }
        Ok(Visit::NotFound) => closed(l, StatusCode::NOT_FOUND, "notfound-title", "notfound-body"),
        Err(e) => {
            tracing::warn!(link = %id, error = %e, "payment link could not open a checkout");
            closed(
                l,
                StatusCode::SERVICE_UNAVAILABLE,
                "link-closed-title",
                "error-generic",
            )
        }
    }
}

/// `GET /l/{id}` (and `HEAD`).
pub async fn visit(
    State(state): State<AppState>,
    Path(id): Path<String>,
    parts: Parts,
) -> Response {
    let l = buyer_locale(&parts, LocalePref::Auto);
    if is_preview(&parts) {
        return preview(&state, l, &id).await;
    }
    answer(&state, l, &id, None).await
}

/// What chat apps and search engines send when they fetch a shared URL to
/// draw its card (lower case, as found in their `User-Agent`).
const UNFURLERS: [&str; 16] = [
    "whatsapp",
    "facebookexternalhit",
    "facebot",
    "twitterbot",
    "telegrambot",
    "slackbot",
    "discordbot",
    "linkedinbot",
    "skypeuripreview",
    "viber",
    "snapchat",
    "pinterest",
    "mastodon",
    "googlebot",
    "bingbot",
    "applebot",
];

/// A `HEAD` request or a link unfurler: no checkout of its own, which
/// would sit unpaid and count as a visit.
fn is_preview(parts: &Parts) -> bool {
    let agent = parts
        .headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    parts.method == Method::HEAD || UNFURLERS.iter().any(|bot| agent.contains(bot))
}

/// The card a chat app draws for a shared link: the link's words and the
/// merchant's name (Open Graph), and the same on the page.
async fn preview(state: &AppState, l: Locale, id: &str) -> Response {
    let link = links::find(&state.db.pool, id).await.ok().flatten();
    let Some(link) = link.filter(|k| k.active) else {
        return closed(l, StatusCode::NOT_FOUND, "notfound-title", "notfound-body");
    };
    let merchant = merchant_name(state, &link).await;
    let title = link
        .checkout
        .description
        .clone()
        .unwrap_or(merchant.clone());
    let head = format!(
        "<meta property=\"og:type\" content=\"website\">\
         <meta property=\"og:site_name\" content=\"{merchant}\">\
         <meta property=\"og:title\" content=\"{title}\">\
         <meta property=\"og:description\" content=\"{merchant}\">",
        merchant = escape(&merchant),
        title = escape(&title),
    );
    let body = format!(
        "<p class=\"merchant\">{}</p><h1>{}</h1>",
        escape(&merchant),
        escape(&title)
    );
    page_with(l, StatusCode::OK, &title, &head, &body)
}

#[derive(Deserialize)]
pub struct Chosen {
    amount: String,
}

/// `POST /l/{id}`: the amount a buyer typed.
pub async fn choose(
    State(state): State<AppState>,
    Path(id): Path<String>,
    parts: Parts,
    Form(c): Form<Chosen>,
) -> Response {
    let l = buyer_locale(&parts, LocalePref::Auto);
    answer(&state, l, &id, Some(&c.amount)).await
}
