//! The buyer-facing pages: the HTML shell, the router, and the screens.
// The browser runs only the islands; the rest is drawn on the server.
#![cfg_attr(not(feature = "ssr"), allow(dead_code))]

mod checkout;
#[cfg(feature = "ssr")]
mod document;
mod embed;
mod island;
mod language;
mod parts;
mod pay_form;
mod texts;

use crate::api::page_locale;
use leptos::prelude::*;
use leptos_meta::{Html, Meta, Title, provide_meta_context};
use leptos_router::components::Router;
use leptos_router::hooks::use_query_map;
use parts::{Icon, StateIcon, t};

#[cfg(feature = "ssr")]
pub use document::{CheckoutDocument, Drawn, opening};

/// Every path but the checkout's (which the server draws as a
/// [`CheckoutDocument`]): a page that is not there.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Router>
            <NotFoundRoute/>
        </Router>
    }
}

/// The request's `?lang=`, for a page drawn without the router (a
/// checkout's [`CheckoutDocument`]).
#[derive(Clone, Debug)]
pub struct QueryLang(pub Option<String>);

/// The `?lang=` of the current URL, when it names a language we speak: as
/// the server read it for a checkout's document, from the router elsewhere.
pub(crate) fn lang_query() -> impl Fn() -> Option<String> + Clone + Send + Sync + 'static {
    let fixed = use_context::<QueryLang>();
    let query = fixed.is_none().then(use_query_map);
    move || match (&fixed, query) {
        (Some(QueryLang(lang)), _) => lang.clone(),
        (None, Some(query)) => query
            .read()
            .get("lang")
            .and_then(|l| crate::domain::Locale::parse(&l))
            .map(|l| l.as_str().to_owned()),
        (None, None) => None,
    }
}

/// `path` keeping the buyer's `?lang=` choice, so a reload or a form post
/// stays in the same language.
pub(crate) fn with_lang(path: &str) -> String {
    match lang_query()() {
        Some(lang) => format!("{path}?lang={lang}"),
        None => path.to_owned(),
    }
}

/// Unix seconds, from the browser's clock or the server's.
pub(crate) fn now_secs() -> i64 {
    #[cfg(feature = "hydrate")]
    {
        (js_sys::Date::now() / 1000.0) as i64
    }
    #[cfg(not(feature = "hydrate"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0)
    }
}

/// Any path we do not serve.
#[component]
fn NotFoundRoute() -> impl IntoView {
    let lang = lang_query();
    let locale = Resource::new_blocking(lang, page_locale);
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let locale = locale.await.unwrap_or_default();
                provide_context(locale);
                view! {
                    <Html {..} lang=locale.as_str() dir=locale.dir()/>
                    <Title text=t("notfound-page-title")/>
                    <Meta name="description" content=t("notfound-page-description")/>
                    <NotFound/>
                }
            })}
        </Suspense>
    }
}

/// No checkout has this id: a 404 with a way forward.
#[component]
pub(crate) fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <div class="shell">
            <main class="card">
                <section class="state" data-testid="not-found">
                    <div class="state-badge badge-muted"><StateIcon icon=Icon::Search/></div>
                    <h1>{t("notfound-title")}</h1>
                    <p class="text-slate-700">{t("notfound-body")}</p>
                </section>
            </main>
            <footer class="footer">{t("secured-by")}</footer>
        </div>
    }
}

/// The server could not load the checkout (database down, say).
#[component]
pub(crate) fn Unavailable() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::SERVICE_UNAVAILABLE);
    }
    view! {
        <div class="shell">
            <main class="card">
                <section class="state" role="alert">
                    <div class="state-badge badge-muted"><StateIcon icon=Icon::Cross/></div>
                    <p class="text-slate-700">{t("error-generic")}</p>
                </section>
            </main>
        </div>
    }
}

#[cfg(feature = "ssr")]
use shell::{HeadStatics, record_inline_hashes};
#[cfg(feature = "ssr")]
pub use shell::{csp_hash, set_content_security_policy, shell};

#[cfg(feature = "ssr")]
mod shell {
    use super::App;
    use leptos::nonce::use_nonce;
    use leptos::prelude::*;
    use leptos_meta::MetaTags;

    /// The stylesheet built by `build.rs` from `style/` and the utilities the
    /// components use. Inlined: the first response paints the page.
    pub const STYLE: &str = include_str!(concat!(env!("OUT_DIR"), "/lipa.css"));

    /// Leptos loads the islands' wasm when the browser is idle, which keeps
    /// it off the first paint; but a busy page (a merchant's animated modal
    /// around our frame) may never let the browser idle, so the wait gets a
    /// limit.
    const IDLE_LIMIT: &str = "if(window.requestIdleCallback){const r=requestIdleCallback;\
        window.requestIdleCallback=(c,o)=>r(c,Object.assign({timeout:300},o))}";

    /// The CSP sources (`'sha256-…'`) of the shared head's inline scripts
    /// and style, once it has been drawn.
    static HEAD_HASHES: std::sync::OnceLock<(String, String)> = std::sync::OnceLock::new();

    /// Records the hashes of `head`'s inline scripts and style.
    pub(super) fn record_inline_hashes(head: &str) {
        let _ = HEAD_HASHES.set((hash_sources(head, "script"), hash_sources(head, "style")));
    }

    /// The Content-Security-Policy source that allows an inline script or
    /// style with exactly this `content`: `'sha256-…'`.
    pub fn csp_hash(content: &str) -> String {
        use base64::Engine;
        use sha2::Digest;
        let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(content));
        format!("'sha256-{hash}'")
    }

    /// ` 'sha256-…'` for the content of every `<tag>` in `html` that has
    /// content (a script with `src` has none).
    fn hash_sources(html: &str, tag: &str) -> String {
        let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
        let mut sources = String::new();
        let mut rest = html;
        while let Some(at) = rest.find(&open) {
            let element = &rest[at..];
            let (Some(start), Some(end)) = (element.find('>'), element.find(&close)) else {
                break;
            };
            let content = &element[start + 1..end];
            if !content.is_empty() {
                sources.push(' ');
                sources.push_str(&csp_hash(content));
            }
            rest = &element[end + close.len()..];
        }
        sources
    }

    /// The page's Content-Security-Policy: only our own scripts, the shared
    /// head's inline ones (by hash) and those carrying this response's
    /// nonce, no inline styles but ours, forms only to us and to where
    /// `policy` says a form post may be redirected. A later call (once the
    /// checkout is loaded) replaces an earlier one.
    pub fn set_content_security_policy(policy: &crate::service::PagePolicy) {
        let (Some(response), Some(n)) =
            (use_context::<leptos_axum::ResponseOptions>(), use_nonce())
        else {
            return;
        };
        let mut form_action = String::from("'self'");
        for origin in &policy.form_targets {
            form_action.push(' ');
            form_action.push_str(origin);
        }
        let frame_ancestors = crate::service::frame_ancestors(&policy.frame_ancestors);
        let (scripts, styles) = HEAD_HASHES.get().map_or(("", ""), |(s, t)| (s, t));
        let csp = format!(
            "default-src 'none'; script-src 'self' 'nonce-{n}'{scripts} 'wasm-unsafe-eval'; \
             style-src 'nonce-{n}'{styles}; connect-src 'self'; img-src 'self' data:; \
             form-action {form_action}; base-uri 'none'; frame-ancestors {frame_ancestors}"
        );
        if let Ok(value) = http::HeaderValue::from_str(&csp) {
            response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
        }
    }

    /// What every page's head holds: meta tags, the stylesheet, the
    /// hydration bootstrap.
    #[component]
    pub fn HeadStatics(options: LeptosOptions) -> impl IntoView {
        let nonce = use_nonce();
        view! {
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <meta name="robots" content="noindex"/>
            <meta name="theme-color" content="#0f766e"/>
            <link rel="icon" href="data:,"/>
            <style nonce=nonce.clone() inner_html=STYLE></style>
            <script nonce=nonce inner_html=IDLE_LIMIT></script>
            <HydrationScripts options islands=true/>
        }
    }

    /// The document around the app.
    pub fn shell(options: LeptosOptions) -> impl IntoView {
        set_content_security_policy(&crate::service::PagePolicy::default());
        view! {
            <!DOCTYPE html>
            <html>
                <head>
                    <HeadStatics options/>
                    <MetaTags/>
                </head>
                <body>
                    <App/>
                </body>
            </html>
        }
    }
}
