//! The buyer page's view of the engine: the app's
//! [`CheckoutService`](app::service::CheckoutService), the plain data a
//! page shows, and what its Content-Security-Policy must allow.

use crate::checkouts::{Checkouts, Loaded, offered_methods};
use crate::error::Error;
use crate::store::sessions::Session;
use crate::store::{Owner, merchants, products};
use app::domain::checkout::fill_success_url;
use app::domain::provider::Provider;
use app::domain::{Locale, MethodId, Money, Status};
use app::service::{
    self, CheckoutPage, CheckoutService, LangHints, PageData, PagePolicy, PayProblem, PayRequest,
    ServiceError,
};

/// `https://shop.example` from any URL on it.
pub fn origin_of(url: &str) -> Option<String> {
    url::Url::parse(url)
        .ok()
        .map(|u| u.origin().ascii_serialization())
        .filter(|o| o != "null")
}

/// What the checkout's page must allow beyond itself: a form post there can
/// end at the merchant's success URL (paid at once) or at a bank's or
/// provider's page (3-D Secure, redirect methods).
pub fn page_policy(loaded: &Loaded, embed_origins: &[String]) -> PagePolicy {
    let mut form_targets: Vec<String> = Vec::new();
    let action = loaded
        .attempt
        .as_ref()
        .and_then(|a| a.next_action_url.as_deref());
    for url in [loaded.session.success_url.as_deref(), action]
        .into_iter()
        .flatten()
    {
        if let Some(o) = origin_of(url).filter(|o| !form_targets.contains(o)) {
            form_targets.push(o);
        }
    }
    PagePolicy {
        form_targets,
        frame_ancestors: embed_origins.to_vec(),
    }
}

/// The origins allowed to frame this session's pages: its product's.
pub async fn embed_origins(checkouts: &Checkouts, s: &Session) -> Result<Vec<String>, Error> {
    Ok(match &s.product_id {
        Some(pid) => products::get(&checkouts.db.pool, &s.owner(), pid)
            .await?
            .map(|p| p.spec.embed_origins)
            .unwrap_or_default(),
        None => Vec::new(),
    })
}

fn attempt_view(a: &crate::store::attempts::Attempt, now_ms: i64) -> service::Attempt {
    service::Attempt {
        method: a.method,
        amount: Money::new(a.amount, a.currency),
        phone: a.phone.clone(),
        card_brand: a.card_brand,
        card_last4: a.card_last4.clone(),
        status: a.status,
        failure_code: a.failure_code.clone(),
        next_action_url: a.next_action_url.clone(),
        provider_page: Provider::parse(&a.connector)
            .filter(Provider::hosts_payment_page)
            .map(|p| p.display_name().to_owned()),
        seconds_left: ((a.timeout_at - now_ms) / 1000).max(0),
        created_at: a.created_at / 1000,
        updated_at: a.updated_at / 1000,
    }
}

/// The offered methods whose account takes the buyer's details on the
/// provider's own page.
async fn hosted_methods(
    checkouts: &Checkouts,
    s: &Session,
    methods: &[MethodId],
) -> Result<Vec<MethodId>, Error> {
    // Most pages offer nothing a provider's own page could take: no query.
    let could_be_hosted = |m: &MethodId| {
        Provider::ALL
            .iter()
            .any(|p| p.hosts_payment_page() && p.methods().contains(m))
    };
    if !methods.iter().any(could_be_hosted) {
        return Ok(Vec::new());
    }
    let owner = Owner::new(&s.merchant_id, s.livemode);
    let rails = checkouts.connectors.rails(&owner).await?;
    let hosted = |m: &&MethodId| {
        rails
            .rail(**m, s.currency)
            .is_some_and(|r| r.provider.hosts_payment_page())
    };
    Ok(methods.iter().filter(hosted).copied().collect())
}

/// The buyer page's view of a session.
pub async fn page_view(checkouts: &Checkouts, loaded: &Loaded) -> Result<CheckoutPage, Error> {
    Ok(page_and_logo(checkouts, loaded).await?.0)
}

/// A session's logo for its page: URL, width, height.
pub type PageLogo = Option<(String, i64, i64)>;

/// The page's view of a session and the merchant's logo, from the one
/// storefront read.
pub async fn page_and_logo(
    checkouts: &Checkouts,
    loaded: &Loaded,
) -> Result<(CheckoutPage, PageLogo), Error> {
    let s = &loaded.session;
    let front = merchants::storefront(&checkouts.db.pool, &s.owner(), s.product_id.as_deref())
        .await?
        .unwrap_or(merchants::Storefront {
            name: String::new(),
            embed_origins: Vec::new(),
            brand: Default::default(),
        });
    let return_url = (s.state.status == Status::Complete)
        .then(|| s.success_url.as_deref().map(|u| fill_success_url(u, &s.id)))
        .flatten();
    let now = crate::db::now_ms();
    let methods = offered_methods(s);
    let hosted = hosted_methods(checkouts, s, &methods).await?;
    let logo = front
        .brand
        .logo
        .as_ref()
        .map(|(hash, w, h)| (crate::branding::logo_url(&s.merchant_id, hash), *w, *h));
    let page = CheckoutPage {
        id: s.id.clone(),
        merchant_name: s.compat.brand_name.clone().unwrap_or(front.name),
        livemode: s.livemode,
        description: s.description.clone(),
        line_items: s.line_items.iter().map(|l| l.item.clone()).collect(),
        total: Money::new(s.amount_total, s.currency),
        status: s.state.status,
        payment_status: s.state.payment_status,
        methods,
        hosted,
        submit_type: s.submit_type,
        prefill_phone: s.customer.phone.clone(),
        cancel_url: s.cancel_url.clone(),
        return_url,
        reference: s.charge_reference.clone(),
        attempt: loaded.attempt.as_ref().map(|a| attempt_view(a, now)),
        expires_at: s.expires_at,
        embed_origins: front.embed_origins,
        brand_color: s
            .compat
            .brand_color
            .as_ref()
            .or(front.brand.color.as_ref())
            .map(|c| (c.clone(), app::domain::brand::text_on(c).to_owned())),
        locked_phone: s.compat.restriction.phone.clone(),
        partial: s.compat.allow_partial.then(|| {
            let paid = Money::new(s.compat.amount_paid, s.currency);
            (paid, s.amount_left())
        }),
    };
    Ok((page, logo))
}

fn service_error(e: Error) -> ServiceError {
    tracing::error!(error = %e, "checkout service failed");
    ServiceError("database unavailable".into())
}

#[async_trait::async_trait]
impl CheckoutService for Checkouts {
    async fn page(&self, id: &str, hints: &LangHints) -> Result<PageData, ServiceError> {
        let loaded = self.refresh(id).await.map_err(service_error)?;
        let pref = loaded
            .as_ref()
            .map(|l| l.session.locale)
            .unwrap_or_default();
        let (locale, locale_source) = Locale::negotiate(
            pref,
            hints.query.as_deref(),
            hints.remembered.as_deref(),
            hints.accept_language.as_deref(),
        );
        let (checkout, policy, logo) = match &loaded {
            Some(l) => {
                let (c, logo) = page_and_logo(self, l).await.map_err(service_error)?;
                let policy = page_policy(l, &c.embed_origins);
                (Some(c), policy, logo)
            }
            None => (None, PagePolicy::default(), None),
        };
        Ok(PageData {
            locale,
            locale_source,
            checkout,
            echo: None,
            policy,
            logo,
        })
    }

    async fn pay(
        &self,
        id: &str,
        request: PayRequest,
    ) -> Result<Result<CheckoutPage, PayProblem>, ServiceError> {
        match self.start_payment(id, &request).await {
            Ok(()) => {}
            Err(Error::Refused(problem)) => return Ok(Err(problem)),
            Err(e) => return Err(service_error(e)),
        }
        match self.load(id).await.map_err(service_error)? {
            Some(l) => Ok(Ok(page_view(self, &l).await.map_err(service_error)?)),
            None => Ok(Err(PayProblem::NotFound)),
        }
    }

    async fn abandon(&self, id: &str) -> Result<CheckoutPage, ServiceError> {
        match self.abandon_action(id).await.map_err(service_error)? {
            Some(l) => page_view(self, &l).await.map_err(service_error),
            None => Err(ServiceError("no such checkout".into())),
        }
    }
}

/// Draws `page` for the request `parts`: the HTML with the status and
/// headers its components set (the CSP, a 404, the language cookie), and
/// the hydration context's data after it, as `leptos_axum` would; gzipped
/// here (see [`super::gzip`]) when the browser takes it.
pub async fn draw(
    options: &leptos::prelude::LeptosOptions,
    parts: axum::http::request::Parts,
    page: app::page::CheckoutDocument,
) -> axum::response::Response {
    use axum::http::{HeaderValue, header};
    use leptos::prelude::*;
    use std::sync::Arc;
    let gzip = parts
        .headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| super::assets::Encoding::accepts(v, "gzip"));
    let shared: Arc<dyn hydration_context::SharedContext + Send + Sync> =
        Arc::new(hydration_context::SsrSharedContext::new());
    let owner = Owner::new_root(Some(shared.clone()));
    let response = leptos_axum::ResponseOptions::default();
    let (drawn, nonce) = owner.with(|| {
        let lang = page.lang.clone();
        provide_context(parts);
        provide_context(response.clone());
        leptos::nonce::provide_nonce();
        app::api::remember_choice(lang.as_deref());
        let nonce = leptos::nonce::use_nonce().map(|n| n.to_string());
        (page.draw(options), nonce)
    });
    let mut rest = drawn.rest;
    append_hydration_data(&shared, &mut rest, nonce.as_deref()).await;
    owner.unset_with_forced_cleanup();
    let opening = opening(options, drawn.locale);
    let body = if gzip {
        opening.gzip(rest.as_bytes())
    } else {
        [opening.text(), &rest].concat().into_bytes()
    };
    let parts = std::mem::take(&mut *response.0.write().unwrap_or_else(|e| e.into_inner()));
    let mut res = axum::response::Response::new(axum::body::Body::from(body));
    *res.status_mut() = parts.status.unwrap_or_default();
    let headers = res.headers_mut();
    headers.extend(parts.headers);
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if gzip {
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    }
    res
}

/// The hydration context's data, as nonce'd scripts before `</body>`.
async fn append_hydration_data(
    shared: &std::sync::Arc<dyn hydration_context::SharedContext + Send + Sync>,
    html: &mut String,
    nonce: Option<&str>,
) {
    use futures_util::StreamExt;
    let Some(chunks) = shared.pending_data() else {
        return;
    };
    let chunks: Vec<String> = chunks.collect().await;
    let nonce = nonce.map(|n| format!(" nonce=\"{n}\"")).unwrap_or_default();
    let at = html.rfind("</body>").unwrap_or(html.len());
    let scripts: String = chunks
        .iter()
        .map(|c| format!("<script{nonce}>{c}</script>"))
        .collect();
    html.insert_str(at, &scripts);
}

/// The opening of every page in `locale`, deflated once per process.
fn opening(
    options: &leptos::prelude::LeptosOptions,
    locale: app::domain::Locale,
) -> &'static super::gzip::Opening {
    static OPENINGS: std::sync::OnceLock<Vec<super::gzip::Opening>> = std::sync::OnceLock::new();
    let all = OPENINGS.get_or_init(|| {
        Locale::ALL
            .iter()
            .map(|l| super::gzip::Opening::new(app::page::opening(options, *l)))
            .collect()
    });
    &all[locale.index()]
}
