//! The buyer-facing web: the Leptos page at `/c/{id}`, its form post for
//! browsers without JavaScript, the return hop to the merchant, static files
//! and the headers every response carries.

use crate::AppState;
use crate::checkouts::Checkouts;
use app::domain::card::CardInput;
use app::domain::{MethodId, MethodKind};
use app::service::{FormEcho, PayProblem, PayRequest, SharedCheckoutService};
use axum::body::{Body, to_bytes};
use axum::extract::{Path, RawQuery, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::*;

/// Context every page render gets: the checkout service and a fresh CSP nonce.
pub fn page_context(service: SharedCheckoutService) -> impl Fn() + Clone + Send + Sync + 'static {
    move || {
        provide_context(service.clone());
        leptos::nonce::provide_nonce();
    }
}

/// `?lang=xx` when the query names a language we speak, else empty.
fn lang_suffix(query: Option<&str>) -> String {
    url::form_urlencoded::parse(query.unwrap_or("").as_bytes())
        .find(|(k, _)| k == "lang")
        .and_then(|(_, v)| app::domain::Locale::parse(&v))
        .map(|l| format!("?lang={}", l.as_str()))
        .unwrap_or_default()
}

/// `POST /c/{id}`: the payment form without JavaScript. Success redirects to
/// the page (post/redirect/get), which now shows the pending state, or
/// straight to the bank or provider when the payment needs the buyer there;
/// a refused payment renders the page again with the error next to what
/// the buyer typed (never the card number or CVC).
pub async fn pay_without_js(
    State(state): State<AppState>,
    Path(id): Path<String>,
    req: Request,
) -> Response {
    let (mut parts, body) = req.into_parts();
    let Ok(bytes) = to_bytes(body, 16 * 1024).await else {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    let mut method = None;
    let mut phone = String::new();
    let mut card = CardInput::default();
    let mut lang = None;
    let mut amount = String::new();
    for (k, v) in url::form_urlencoded::parse(&bytes) {
        match k.as_ref() {
            "method" => method = MethodId::parse(&v),
            "phone" => phone = v.into_owned(),
            "card_number" => card.number = v.into_owned(),
            "card_expiry" => card.expiry = v.into_owned(),
            "card_cvc" => card.cvc = v.into_owned(),
            "card_name" => card.name = v.into_owned(),
            "lang" => lang = app::domain::Locale::parse(&v),
            "amount" => amount = v.into_owned(),
            _ => {}
        }
    }
    let suffix = lang
        .map(|l| format!("?lang={}", l.as_str()))
        .unwrap_or_default();
    let page = format!("/c/{id}{suffix}");
    let result = match method {
        None => Ok(Err(PayProblem::MethodUnavailable)),
        Some(m) => {
            let request = PayRequest {
                method: m,
                phone: Some(phone.clone()),
                card: (m.kind() == MethodKind::Card).then(|| card.clone()),
                amount: Some(amount.clone()),
            };
            state.checkouts.start_payment(&id, &request).await
        }
    };
    let problem = match result {
        Ok(Ok(())) => {
            // Paid at once (most cards): on to the merchant; needs the buyer
            // elsewhere: there; otherwise the page, now pending.
            let next = match state.checkouts.refresh(&id).await {
                Ok(Some(loaded))
                    if loaded.session.state.status == app::domain::Status::Complete =>
                {
                    Some(format!("/c/{id}/return{suffix}"))
                }
                Ok(Some(loaded)) => Checkouts::next_action(&loaded).map(str::to_owned),
                _ => None,
            };
            return Redirect::to(next.as_deref().unwrap_or(&page)).into_response();
        }
        Ok(Err(PayProblem::SessionClosed | PayProblem::NotFound)) => {
            // The page explains a closed or unknown session better than an error.
            return Redirect::to(&page).into_response();
        }
        Ok(Err(problem)) => problem,
        Err(e) => {
            tracing::error!(error = %e, "payment could not start");
            PayProblem::Unavailable
        }
    };
    let echo = FormEcho {
        method,
        phone,
        card_expiry: card.expiry,
        card_name: card.name,
        amount,
        problem,
    };
    parts.method = Method::GET;
    parts.uri = page.parse().unwrap_or_else(|_| parts.uri.clone());
    let service: SharedCheckoutService = state.checkouts.clone();
    let context = page_context(service);
    let options = state.leptos.clone();
    let render = leptos_axum::render_app_async_with_context(
        move || {
            context();
            provide_context(echo.clone());
        },
        move || app::shell(options.clone()),
    );
    let mut response = render(Request::from_parts(parts, Body::empty())).await;
    if response.status() == StatusCode::OK {
        *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    response
}

/// `POST /c/{id}/abandon`: leave a 3-D Secure challenge or a provider's page
/// unfinished and choose another method (without JavaScript).
pub async fn abandon_without_js(
    State(state): State<AppState>,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    if let Err(e) = state.checkouts.abandon_action(&id).await {
        tracing::error!(error = %e, "could not abandon the attempt");
    }
    Redirect::to(&format!("/c/{id}{}", lang_suffix(query.as_deref()))).into_response()
}

/// `GET /c/{id}/return`: where a page without JavaScript goes to check on a
/// pending payment. Sends the buyer to the merchant's success URL once paid,
/// otherwise back to the page. Only ever the URL the merchant gave.
pub async fn return_to_merchant(
    State(state): State<AppState>,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
    headers: axum::http::HeaderMap,
) -> Response {
    let back = format!("/c/{id}{}", lang_suffix(query.as_deref()));
    // Inside a merchant's frame (back from a bank or provider page), the
    // merchant's page must not open in the frame: the checkout shows the
    // result and tells the framing page, or offers a top-window link.
    let in_frame = headers
        .get("sec-fetch-dest")
        .is_some_and(|v| v.as_bytes() == b"iframe");
    if in_frame {
        return Redirect::to(&back).into_response();
    }
    match state.checkouts.refresh(&id).await {
        Ok(Some(loaded)) => match state.checkouts.page_view(&loaded).await {
            Ok(page) => Redirect::to(page.return_url.as_deref().unwrap_or(&back)).into_response(),
            Err(_) => Redirect::to(&back).into_response(),
        },
        _ => Redirect::to(&back).into_response(),
    }
}

/// Text for the HTML we write by hand (the sandbox and demo shop pages).
pub fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// Headers on every response. Pages set their own nonce-based CSP; anything
/// else (JSON, files) gets a policy that allows nothing.
pub fn security_headers(res: &mut Response) {
    let h = res.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(
            "default-src 'none'; frame-ancestors 'none'",
        ));
    // Checkout state changes under the buyer's feet: never serve a stale copy.
    h.entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
}

pub async fn add_security_headers(req: Request, next: axum::middleware::Next) -> Response {
    let mut res = next.run(req).await;
    security_headers(&mut res);
    res
}

/// Long-lived caching for the hashed wasm/JS bundle; the names change with
/// every build.
pub async fn cache_static(req: Request, next: axum::middleware::Next) -> Response {
    let mut res = next.run(req).await;
    if res.status() == StatusCode::OK {
        res.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        );
    }
    res
}
