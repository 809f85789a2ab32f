//! Server functions: the page's only way to the server. Each is a thin call
//! into the [`CheckoutService`](crate::service::CheckoutService) the server
//! provides as context.

use crate::domain::card::CardInput;
use crate::domain::{Locale, MethodId};
use crate::service::{CheckoutPage, PageData, PayProblem};
use leptos::prelude::*;

/// Loads the checkout and picks the buyer's language.
#[server(prefix = "/api", endpoint = "checkout")]
pub async fn load_checkout(id: String, lang: Option<String>) -> Result<PageData, ServerFnError> {
    use crate::service::{FormEcho, LangHints};
    let service = ssr::service()?;
    let hints = LangHints {
        query: lang,
        accept_language: ssr::accept_language(),
    };
    let mut data = service
        .page(&id, &hints)
        .await
        .map_err(ServerFnError::new)?;
    data.echo = use_context::<FormEcho>();
    Ok(data)
}

/// Starts paying with `method`. Returns the updated checkout, or why the
/// payment could not start.
#[server(prefix = "/api", endpoint = "pay")]
pub async fn pay(
    id: String,
    method: MethodId,
    phone: Option<String>,
    card: Option<CardInput>,
) -> Result<Result<CheckoutPage, PayProblem>, ServerFnError> {
    use crate::service::PayRequest;
    let service = ssr::service()?;
    service
        .pay(
            &id,
            PayRequest {
                method,
                phone,
                card,
            },
        )
        .await
        .map_err(ServerFnError::new)
}

/// Gives up on an attempt that waits for the buyer elsewhere (3-D Secure, a
/// provider's page), so another method can be chosen.
#[server(prefix = "/api", endpoint = "abandon")]
pub async fn abandon(id: String) -> Result<CheckoutPage, ServerFnError> {
    let service = ssr::service()?;
    service.abandon(&id).await.map_err(ServerFnError::new)
}

/// The language for a page that has no checkout behind it.
#[server(prefix = "/api", endpoint = "locale")]
pub async fn page_locale(lang: Option<String>) -> Result<Locale, ServerFnError> {
    use crate::domain::LocalePref;
    let accept = ssr::accept_language();
    Ok(Locale::negotiate(
        LocalePref::Auto,
        lang.as_deref(),
        accept.as_deref(),
    ))
}

#[cfg(feature = "ssr")]
mod ssr {
    use crate::service::SharedCheckoutService;
    use leptos::prelude::*;

    pub fn service() -> Result<SharedCheckoutService, ServerFnError> {
        use_context::<SharedCheckoutService>()
            .ok_or_else(|| ServerFnError::new("checkout service missing from context"))
    }

    pub fn accept_language() -> Option<String> {
        let parts = use_context::<http::request::Parts>()?;
        let value = parts.headers.get(http::header::ACCEPT_LANGUAGE)?;
        value.to_str().ok().map(str::to_owned)
    }
}
