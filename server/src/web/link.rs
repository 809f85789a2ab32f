//! `/l/{id}`: a payment link's short URL. A visit opens a fresh checkout
//! and sends the buyer there; a link whose buyer chooses the amount asks
//! for it first (a plain form: no JavaScript needed); a closed or unknown
//! link says so in the buyer's language.

use super::buyer_locale;
use super::escape_html as escape;
use crate::AppState;
use crate::payment_links::{self, Visit};
use crate::store::merchants;
use crate::store::payment_links::PaymentLink;
use app::domain::{Currency, Locale, LocalePref, Money};
use app::i18n::{t, ta};
use axum::extract::{Form, Path, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
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
    let html = format!(
        "<!doctype html><html lang=\"{lang}\" dir=\"{dir}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"robots\" content=\"noindex\"><title>{title}</title><style>{STYLE}</style></head>\
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

/// The form that asks a buyer how much to pay, with `problem` under it.
async fn amount_form(
    state: &AppState,
    l: Locale,
    link: &PaymentLink,
    bounds: (i64, i64),
    problem: bool,
) -> Response {
    let merchant = merchants::get(&state.db.pool, &link.merchant_id)
        .await
        .ok()
        .flatten()
        .map(|m| m.name)
        .unwrap_or_default();
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
         aria-describedby=\"amount-hint{described}\"{invalid}>\
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
        }) => amount_form(state, l, &link, (min, max), refused).await,
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

/// `GET /l/{id}`.
pub async fn visit(
    State(state): State<AppState>,
    Path(id): Path<String>,
    parts: Parts,
) -> Response {
    answer(&state, buyer_locale(&parts, LocalePref::Auto), &id, None).await
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
