//! The buyer-facing web: the Leptos page at `/c/{id}`, its form post for
//! browsers without JavaScript, the return hop to the merchant, static files
//! and the headers every response carries.

pub mod assets;
pub mod dashboard;
mod gzip;
pub mod hooks;
pub mod link;
pub mod ops;
pub mod page;
pub mod payfast_page;
pub mod sandbox;

use crate::AppState;
use crate::checkouts::Checkouts;
use crate::error::Error;
use app::domain::card::CardInput;
use app::domain::{MethodId, MethodKind};
use app::service::{ClientIp, FormEcho, PayProblem, PayRequest, SharedCheckoutService};
use axum::extract::{Form, Path, RawQuery, State};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::*;

/// Context every page render gets: the checkout service and a fresh CSP nonce.
pub fn page_context(service: SharedCheckoutService) -> impl Fn() + Clone + Send + Sync + 'static {
    move || {
        provide_context(service.clone());
        leptos::nonce::provide_nonce();
    }
}

/// `?lang=xx` when `lang` names a language we speak, else empty.
fn lang_param(lang: Option<&str>) -> String {
    lang.and_then(app::domain::Locale::parse)
        .map(|l| format!("?lang={}", l.as_str()))
        .unwrap_or_default()
}

/// `?lang=xx` when the query names a language we speak, else empty.
fn lang_suffix(query: Option<&str>) -> String {
    lang_param(lang_of(query).as_deref())
}

/// The fields of the payment form, as a browser without JavaScript posts
/// them. Anything else in the form is ignored.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct PayFields {
    method: String,
    phone: String,
    card_number: String,
    card_expiry: String,
    card_cvc: String,
    card_name: String,
    lang: String,
    amount: String,
}

impl PayFields {
    fn request(&self, method: MethodId, client: Option<ClientIp>) -> PayRequest {
        PayRequest {
            client,
            method,
            phone: Some(self.phone.clone()),
            card: (method.kind() == MethodKind::Card).then(|| CardInput {
                number: self.card_number.clone(),
                expiry: self.card_expiry.clone(),
                cvc: self.card_cvc.clone(),
                name: self.card_name.clone(),
            }),
            amount: Some(self.amount.clone()),
        }
    }

    /// What comes back to the buyer with an error: never the card's number
    /// or CVC.
    fn echo(self, method: Option<MethodId>, problem: PayProblem) -> FormEcho {
        FormEcho {
            method,
            phone: self.phone,
            card_expiry: self.card_expiry,
            card_name: self.card_name,
            amount: self.amount,
            problem,
        }
    }
}

/// `POST /c/{id}`: the payment form without JavaScript. Success redirects to
/// the page (post/redirect/get), which now shows the pending state, or
/// straight to the bank or provider when the payment needs the buyer there;
/// a refused payment renders the page again with the error next to what
/// the buyer typed (never the card number or CVC).
pub async fn pay_without_js(
    State(state): State<AppState>,
    Path(id): Path<String>,
    parts: Parts,
    form: Result<Form<PayFields>, axum::extract::rejection::FormRejection>,
) -> Response {
    let fields = form.map(|Form(f)| f).unwrap_or_default();
    let suffix = lang_param(Some(&fields.lang));
    let page = format!("/c/{id}{suffix}");
    let method = MethodId::parse(&fields.method);
    let result = match method {
        None => Err(Error::Refused(PayProblem::MethodUnavailable)),
        Some(m) => {
            let client = parts.extensions.get::<ClientIp>().copied();
            let request = fields.request(m, client);
            state.checkouts.start_payment(&id, &request).await
        }
    };
    let problem = match result {
        Ok(()) => {
            let framed = in_frame(&parts.headers);
            let next = after_payment(&state, &id, &suffix, &page, framed).await;
            return Redirect::to(&next).into_response();
        }
        // The page explains a closed or unknown session better than an error.
        Err(Error::Refused(PayProblem::SessionClosed | PayProblem::NotFound)) => {
            return Redirect::to(&page).into_response();
        }
        Err(Error::Refused(problem)) => problem,
        Err(e) => {
            tracing::error!(error = %e, "payment could not start");
            PayProblem::Unavailable
        }
    };
    render_refused(&state, &id, parts, &page, fields.echo(method, problem)).await
}

/// Whether the browser loads this response into a frame (a merchant's
/// iframe), as its `Sec-Fetch-Dest` says.
fn in_frame(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get("sec-fetch-dest")
        .is_some_and(|v| v.as_bytes() == b"iframe")
}

/// Where a started payment takes the buyer: on to the merchant when paid at
/// once (most cards), to the bank or provider when it needs them there,
/// otherwise back to the page, now pending. A provider's own page refuses
/// frames, so in a frame the page offers a link to it in the top window.
async fn after_payment(
    state: &AppState,
    id: &str,
    suffix: &str,
    page: &str,
    framed: bool,
) -> String {
    let next = match state.checkouts.refresh(id).await {
        Ok(Some(loaded)) if loaded.session.state.status == app::domain::Status::Complete => {
            Some(format!("/c/{id}/return{suffix}"))
        }
        Ok(Some(loaded)) if framed && Checkouts::on_provider_page(&loaded) => None,
        Ok(Some(loaded)) => Checkouts::next_action(&loaded).map(|url| {
            // The page's CSP (`form-action`) lets a form post's redirect
            // reach only our own origin and the merchant's: elsewhere (a
            // provider's or a bank's page), the page takes the buyer there
            // (at once with JavaScript, with a button without it).
            let ours = page::origin_of(&state.config.public_url);
            if page::origin_of(url) == ours {
                url.to_owned()
            } else {
                format!("{page}#continue")
            }
        }),
        _ => None,
    };
    next.unwrap_or_else(|| page.to_owned())
}

/// The page again, as a 422 (a 429 for a velocity limit), with the
/// refusal next to what was typed.
async fn render_refused(
    state: &AppState,
    id: &str,
    mut parts: Parts,
    page: &str,
    echo: FormEcho,
) -> Response {
    let status = if echo.problem.is_limit() {
        StatusCode::TOO_MANY_REQUESTS
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    parts.method = Method::GET;
    parts.uri = page.parse().unwrap_or_else(|_| parts.uri.clone());
    let mut response = checkout_page(state, id, parts, Some(echo)).await;
    if response.status() == StatusCode::OK {
        *response.status_mut() = status;
    }
    response
}

/// `GET /c/{id}`: the checkout's page.
pub async fn show(State(state): State<AppState>, Path(id): Path<String>, parts: Parts) -> Response {
    checkout_page(&state, &id, parts, None).await
}

/// Checkout `id`'s page for the request `parts`: read, then drawn in one
/// pass (see [`app::page::CheckoutDocument`]).
async fn checkout_page(
    state: &AppState,
    id: &str,
    parts: Parts,
    echo: Option<FormEcho>,
) -> Response {
    use app::service::CheckoutService;
    let lang = lang_of(parts.uri.query());
    let hints = app::api::lang_hints_of(&parts, lang.clone());
    let data = state.checkouts.page(id, &hints).await.ok().map(|mut d| {
        d.echo = echo;
        d
    });
    page::draw(
        &state.leptos,
        parts,
        app::page::CheckoutDocument { data, lang },
    )
    .await
}

/// The language a query's `lang` names, when we speak it.
fn lang_of(query: Option<&str>) -> Option<String> {
    url::form_urlencoded::parse(query.unwrap_or("").as_bytes())
        .find(|(k, _)| k == "lang")
        .and_then(|(_, v)| app::domain::Locale::parse(&v))
        .map(|l| l.as_str().to_owned())
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
    if in_frame(&headers) {
        return Redirect::to(&back).into_response();
    }
    // The provider's event may be settling the same payment at this very
    // moment, and a refresh that loses that race answers what it read
    // before: the session is read again after it, so a paid buyer goes on
    // to the merchant whoever recorded the payment.
    if let Err(e) = state.checkouts.refresh(&id).await {
        tracing::warn!(session = %id, error = %e, "return hop: could not ask the provider");
    }
    match state.checkouts.load(&id).await.ok().flatten() {
        Some(loaded) => match page::page_view(&state.checkouts, &loaded).await {
            Ok(page) => Redirect::to(page.return_url.as_deref().unwrap_or(&back)).into_response(),
            Err(_) => Redirect::to(&back).into_response(),
        },
        None => Redirect::to(&back).into_response(),
    }
}

/// The checkout's language as its page picks it, but for `?lang=`: the
/// merchant's choice, the buyer's remembered one, then the browser's.
pub(crate) fn buyer_locale(
    parts: &axum::http::request::Parts,
    pref: app::domain::LocalePref,
) -> app::domain::Locale {
    let hints = app::api::lang_hints_of(parts, None);
    let (remembered, accept) = (
        hints.remembered.as_deref(),
        hints.accept_language.as_deref(),
    );
    app::domain::Locale::negotiate(pref, None, remembered, accept).0
}

/// Text for the HTML we write by hand (the sandbox and demo shop pages).
pub fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}
