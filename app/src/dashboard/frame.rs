//! What every dashboard screen shares: the document, the header with the
//! merchant and the test/live switch, the navigation, the language links.

use super::texts::{t, ta};
use crate::domain::Locale;
use crate::domain::account::{Permission, Role};
use leptos::prelude::*;

/// The dashboard's stylesheet (`style/dashboard.css`, built by `build.rs`):
/// only dashboard pages carry it.
pub const STYLE: &str = include_str!(concat!(env!("OUT_DIR"), "/dashboard.css"));

/// A screen of the dashboard, for the navigation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Home,
    Payments,
    Links,
    Developers,
    Team,
    Settings,
    Security,
}

impl Section {
    pub fn path(self) -> &'static str {
        match self {
            Section::Home => "/dashboard",
            Section::Payments => "/dashboard/payments",
            Section::Links => "/dashboard/links",
            Section::Developers => "/dashboard/developers",
            Section::Team => "/dashboard/team",
            Section::Settings => "/dashboard/settings",
            Section::Security => "/dashboard/security",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Section::Home => "dash-nav-home",
            Section::Payments => "dash-nav-payments",
            Section::Links => "dash-nav-links",
            Section::Developers => "dash-nav-developers",
            Section::Team => "dash-nav-team",
            Section::Settings => "dash-nav-settings",
            Section::Security => "dash-nav-security",
        }
    }

    /// Whether `role` sees this screen in the navigation.
    fn shown_to(self, role: Role) -> bool {
        match self {
            Section::Developers => role.can(Permission::ManageKeys),
            Section::Team => role.can(Permission::ManageTeam),
            Section::Settings => role.can(Permission::ManageBranding),
            _ => true,
        }
    }
}

/// Who looks, at what: drawn on every signed-in screen.
#[derive(Clone, Debug)]
pub struct Frame {
    pub lang: Locale,
    pub nonce: String,
    pub csrf: String,
    pub email: String,
    pub role: Role,
    pub merchant_id: String,
    /// Every merchant the user belongs to: (id, name).
    pub merchants: Vec<(String, String)>,
    pub livemode: bool,
    pub section: Section,
    /// The path of this screen, for the language links.
    pub path: String,
}

impl Frame {
    pub fn t(&self, id: &str) -> String {
        t(self.lang, id)
    }

    pub fn merchant_name(&self) -> String {
        self.merchants
            .iter()
            .find(|(id, _)| *id == self.merchant_id)
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    }
}

/// The hidden field every state-changing form carries.
/// A table that scrolls sideways on its own when too wide for the screen:
/// a named region in the tab order, so keyboard users can scroll it too.
#[component]
pub fn TableRegion(label: String, children: Children) -> impl IntoView {
    view! { <div class="table-wrap" tabindex="0" role="region" aria-label=label>{children()}</div> }
}

#[component]
pub fn Csrf(token: String) -> impl IntoView {
    view! { <input type="hidden" name="csrf" value=token/> }
}

/// A whole document: head with the dashboard's style, then `body`.
pub fn document(lang: Locale, nonce: &str, title: &str, body: String) -> String {
    let title = format!("{title} · {}", t(lang, "dash-product"));
    let head = view! {
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="robots" content="noindex"/>
        <link rel="icon" href="data:,"/>
        <title>{title}</title>
        <style nonce=nonce.to_owned()>{STYLE}</style>
    }
    .to_html();
    format!(
        "<!DOCTYPE html><html lang=\"{}\" dir=\"{}\"><head>{head}</head><body>{body}</body></html>",
        lang.as_str(),
        lang.dir()
    )
}

/// A signed-in screen: the frame around `main`.
pub fn screen(frame: &Frame, title: &str, main: impl IntoView + 'static) -> String {
    let body = view! {
        <a class="skip" href="#main">{frame.t("dash-skip")}</a>
        <Header frame=frame.clone()/>
        <div class="shell">
            <Nav frame=frame.clone()/>
            <main id="main" tabindex="-1" aria-labelledby="page-title">
                <h1 id="page-title">{title.to_owned()}</h1>
                {main}
            </main>
        </div>
        <Languages lang=frame.lang path=frame.path.clone()/>
    }
    .to_html();
    document(frame.lang, &frame.nonce, title, body)
}

/// A screen without the frame (sign-in, sign-up, errors).
pub fn bare(
    lang: Locale,
    nonce: &str,
    path: &str,
    title: &str,
    main: impl IntoView + 'static,
) -> String {
    let body = view! {
        <main id="main" class="bare">
            <p class="product">{t(lang, "dash-product")}</p>
            <h1>{title.to_owned()}</h1>
            {main}
        </main>
        <Languages lang=lang path=path.to_owned()/>
    }
    .to_html();
    document(lang, nonce, title, body)
}

#[component]
fn Header(frame: Frame) -> impl IntoView {
    let live = frame.livemode;
    let (badge, switch) = if live {
        ("dash-mode-live", "dash-to-test")
    } else {
        ("dash-mode-test", "dash-to-live")
    };
    let role = t(frame.lang, &format!("dash-role-{}", frame.role.as_str()));
    let who = ta(
        frame.lang,
        "dash-signed-in-as",
        &[("email", &frame.email), ("role", &role)],
    );
    let several = frame.merchants.len() > 1;
    view! {
        <header class="top" class:live=live aria-label=frame.merchant_name()>
            <div class="top-row">
                <p class="merchant-name">{frame.merchant_name()}</p>
                <p class="mode-badge" data-testid="mode-badge">{t(frame.lang, badge)}</p>
                <form method="post" action="/dashboard/view" class="inline">
                    <Csrf token=frame.csrf.clone()/>
                    <input type="hidden" name="livemode" value=if live { "false" } else { "true" }/>
                    <button type="submit" class="secondary" data-testid="mode-switch">{t(frame.lang, switch)}</button>
                </form>
                <form method="post" action="/dashboard/sign-out" class="inline end">
                    <Csrf token=frame.csrf.clone()/>
                    <button type="submit" class="link-button">{t(frame.lang, "dash-sign-out")}</button>
                </form>
            </div>
            {live.then(|| view! { <p class="live-note" role="note">{t(frame.lang, "dash-mode-live-note")}</p> })}
            <p class="who">{who}</p>
            {several.then(|| view! { <MerchantSwitch frame=frame.clone()/> })}
        </header>
    }
}

#[component]
fn MerchantSwitch(frame: Frame) -> impl IntoView {
    let options = frame
        .merchants
        .iter()
        .map(|(id, name)| {
            let selected = *id == frame.merchant_id;
            view! { <option value=id.clone() selected=selected>{name.clone()}</option> }
        })
        .collect_view();
    view! {
        <form method="post" action="/dashboard/view" class="inline merchant-switch">
            <Csrf token=frame.csrf.clone()/>
            <input type="hidden" name="livemode" value=if frame.livemode { "true" } else { "false" }/>
            <label for="merchant">{t(frame.lang, "dash-merchant")}</label>
            <select id="merchant" name="merchant">{options}</select>
            <button type="submit" class="secondary">{t(frame.lang, "dash-switch-merchant")}</button>
        </form>
    }
}

#[component]
fn Nav(frame: Frame) -> impl IntoView {
    let items = [
        Section::Home,
        Section::Payments,
        Section::Links,
        Section::Settings,
        Section::Developers,
        Section::Team,
        Section::Security,
    ]
    .into_iter()
    .filter(|s| s.shown_to(frame.role))
    .map(|s| {
        let current = (s == frame.section).then_some("page");
        view! { <li><a href=s.path() aria-current=current>{t(frame.lang, s.label())}</a></li> }
    })
    .collect_view();
    view! {
        <nav aria-label=t(frame.lang, "dash-nav-label")>
            <ul>{items}</ul>
        </nav>
    }
}

#[component]
fn Languages(lang: Locale, path: String) -> impl IntoView {
    let links = super::texts::SOURCES
        .iter()
        .map(|(l, _)| {
            let href = format!("{path}?lang={}", l.as_str());
            let current = (*l == lang).then_some("true");
            view! {
                <li><a href=href lang=l.as_str() hreflang=l.as_str() aria-current=current>{l.endonym()}</a></li>
            }
        })
        .collect_view();
    view! {
        <footer aria-label=t(lang, "dash-language")>
            <nav aria-label=t(lang, "dash-language")><ul class="languages">{links}</ul></nav>
        </footer>
    }
}

/// A signed-in screen that only says something (not allowed, not found).
pub fn message(frame: &Frame, title: &str, body: String, alert: bool) -> String {
    let main = if alert {
        view! { <p class="problem" role="alert">{body}</p> }.into_any()
    } else {
        view! { <p>{body}</p> }.into_any()
    };
    screen(frame, title, main)
}
