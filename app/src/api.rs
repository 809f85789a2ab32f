//! Server functions: the page's only way to the server. Each is a thin call
//! into the [`CheckoutService`](crate::service::CheckoutService) the server
//! provides as context.

use crate::domain::card::CardInput;
use crate::domain::{Locale, MethodId};
use crate::service::{CheckoutPage, PayProblem};
use leptos::prelude::*;

/// Starts paying with `method`. Returns the updated checkout, or why the
/// payment could not start.
#[server(prefix = "/api", endpoint = "pay")]
pub async fn pay(
    id: String,
    method: MethodId,
    phone: Option<String>,
    card: Option<CardInput>,
    #[server(default)] amount: Option<String>,
) -> Result<Result<CheckoutPage, PayProblem>, ServerFnError> {
    use crate::service::PayRequest;
    let service = ssr::service()?;
    let client = ssr::client_ip();
    let answer = service
        .pay(
            &id,
            PayRequest {
                method,
                phone,
                card,
                amount,
                client,
            },
        )
        .await
        .map_err(ServerFnError::new)?;
    // A velocity limit is a 429, naming the limit for the page to explain.
    if let Err(problem) = &answer
        && let Some(code) = problem.limit_code()
    {
        ssr::set_status(http::StatusCode::TOO_MANY_REQUESTS);
        return Err(ServerFnError::ServerError(code.to_owned()));
    }
    Ok(answer)
}

/// Gives up on an attempt that waits for the buyer elsewhere (3-D Secure, a
/// provider's page), so another method can be chosen.
#[server(prefix = "/api", endpoint = "abandon")]
pub async fn abandon(id: String) -> Result<CheckoutPage, ServerFnError> {
    let service = ssr::service()?;
    service.abandon(&id).await.map_err(ServerFnError::new)
}

/// Whether the checkout still waits on the buyer's phone: what the pending
/// screen asks every few seconds (a few bytes, not the whole page). `None`
/// while it waits; once settled, where to go: the merchant's success page
/// when paid and the merchant gave one, otherwise (`""`) the checkout page
/// again, which shows what happened.
#[server(prefix = "/api", endpoint = "progress", input = leptos::server_fn::codec::GetUrl)]
pub async fn payment_progress(id: String) -> Result<Option<String>, ServerFnError> {
    use crate::domain::{PaymentStatus, Status};
    use crate::service::{AttemptStatus, LangHints};
    let service = ssr::service()?;
    let data = service
        .page(&id, &LangHints::default())
        .await
        .map_err(ServerFnError::new)?;
    let Some(p) = data.checkout else {
        return Ok(Some(String::new()));
    };
    let waiting = p.status == Status::Open
        && p.payment_status == PaymentStatus::Pending
        && p.attempt
            .is_some_and(|a| a.status != AttemptStatus::RequiresAction);
    Ok((!waiting).then(|| p.return_url.unwrap_or_default()))
}

/// The language for a page that has no checkout behind it.
#[server(prefix = "/api", endpoint = "locale")]
pub async fn page_locale(lang: Option<String>) -> Result<Locale, ServerFnError> {
    use crate::domain::LocalePref;
    let hints = ssr::lang_hints(lang);
    let (locale, _) = Locale::negotiate(
        LocalePref::Auto,
        hints.query.as_deref(),
        hints.remembered.as_deref(),
        hints.accept_language.as_deref(),
    );
    Ok(locale)
}

#[cfg(feature = "ssr")]
pub use ssr::{lang_hints_of, remember_choice};

#[cfg(feature = "ssr")]
mod ssr {
    use crate::domain::Locale;
    use crate::service::{LangHints, SharedCheckoutService};
    use leptos::prelude::*;

    /// The client's address, as the server's front door judged it.
    pub fn client_ip() -> Option<crate::service::ClientIp> {
        use_context::<http::request::Parts>()
            .and_then(|p| p.extensions.get::<crate::service::ClientIp>().copied())
    }

    pub fn set_status(status: http::StatusCode) {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(status);
        }
    }

    pub fn service() -> Result<SharedCheckoutService, ServerFnError> {
        use_context::<SharedCheckoutService>()
            .ok_or_else(|| ServerFnError::new("checkout service missing from context"))
    }

    /// What the request says about the buyer's language: `query` (`?lang=`),
    /// their earlier choice (a first-party cookie; inside a frame the
    /// browser may withhold it, and the page falls back on the URL and the
    /// browser's own storage) and `Accept-Language`.
    pub fn lang_hints(query: Option<String>) -> LangHints {
        match use_context::<http::request::Parts>() {
            Some(parts) => lang_hints_of(&parts, query),
            None => LangHints {
                query,
                ..LangHints::default()
            },
        }
    }

    /// [`lang_hints`] from the request's `parts`.
    pub fn lang_hints_of(parts: &http::request::Parts, query: Option<String>) -> LangHints {
        let accept_language = parts
            .headers
            .get(http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let remembered = parts
            .headers
            .get_all(http::header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(cookie::Cookie::split_parse)
            .filter_map(Result::ok)
            .find(|c| c.name() == LANG_COOKIE)
            .map(|c| c.value().to_owned());
        LangHints {
            query,
            remembered,
            accept_language,
        }
    }

    /// Remembers a language the buyer picked (`?lang=`) for their next
    /// checkout, in a cookie of ours that only says which language.
    pub fn remember_choice(lang: Option<&str>) {
        let Some(locale) = lang.and_then(Locale::parse) else {
            return;
        };
        let Some(response) = use_context::<leptos_axum::ResponseOptions>() else {
            return;
        };
        let secure = use_context::<http::request::Parts>().is_some_and(|p| {
            p.headers
                .get("x-forwarded-proto")
                .is_some_and(|v| v.as_bytes() == b"https")
                || p.uri.scheme_str() == Some("https")
        });
        let c = cookie::Cookie::build((LANG_COOKIE, locale.as_str()))
            .path("/")
            .max_age(cookie::time::Duration::days(365))
            .same_site(cookie::SameSite::Lax)
            .http_only(true)
            .secure(secure)
            .build();
        if let Ok(v) = http::HeaderValue::from_str(&c.to_string()) {
            response.append_header(http::header::SET_COOKIE, v);
        }
    }

    const LANG_COOKIE: &str = "lipa_lang";
}
