//! Products and branding: each product's methods, currency, embed origins
//! and webhook (its secret rotated and shown once), the merchant's brand
//! colour and logo, and a preview of the checkout at phone and desktop
//! widths.

use super::auth::Problem;
use super::frame::{Csrf, Frame, screen};
use super::texts::{t, ta};
use leptos::prelude::*;

#[derive(Clone, Debug)]
pub struct ProductForm {
    pub id: String,
    pub name: String,
    pub currency: String,
    pub methods: Vec<String>,
    pub embed_origins: String,
    pub webhook_url: String,
}

pub struct SettingsPage {
    pub products: Vec<ProductForm>,
    pub currencies: Vec<&'static str>,
    /// (id, name) of every method.
    pub methods: Vec<(String, String)>,
    pub brand_color: String,
    /// The logo's URL, if there is one.
    pub logo: Option<String>,
    /// A webhook secret just made: (product, secret), shown once.
    pub new_secret: Option<(String, String)>,
    pub notice: Option<String>,
    pub problem: Option<String>,
    pub can_edit: bool,
    /// The preview at desktop width (else a phone's).
    pub desktop: bool,
}

pub fn settings(frame: &Frame, p: SettingsPage) -> String {
    let l = frame.lang;
    let products = p
        .products
        .iter()
        .cloned()
        .map(|prod| product_form(frame, &p, prod))
        .collect_view();
    let main = view! {
        {p.notice.clone().map(|n| view! { <p class="notice" role="status" data-testid="notice">{n}</p> })}
        <Problem text=p.problem.clone()/>
        {p.new_secret.clone().map(|(product, secret)| view! {
            <div class="notice" role="status">
                <p>{ta(l, "settings-secret-once", &[("product", &product)])}</p>
                <p class="secret" data-testid="new-secret" dir="ltr">{secret}</p>
            </div>
        })}
        <div class="two-col">
            <div>
                <h2 id="brand">{t(l, "settings-brand")}</h2>
                {brand_forms(frame, &p)}
                {products}
            </div>
            <div>
                <h2>{t(l, "settings-preview")}</h2>
                <p class="hint">{t(l, "settings-preview-hint")}</p>
                {preview(frame, p.desktop)}
            </div>
        </div>
    };
    screen(frame, &t(l, "dash-nav-settings"), main)
}

/// One preview at a time (two frames of the same page would repeat its
/// landmarks), with links between a phone's width and a desktop's.
fn preview(f: &Frame, desktop: bool) -> impl IntoView + use<> {
    let l = f.lang;
    let (class, title) = if desktop {
        ("desktop", t(l, "settings-preview-desktop"))
    } else {
        ("phone", t(l, "settings-preview-phone"))
    };
    view! {
        <ul class="preview-sizes">
            <li><a href="/dashboard/settings" aria-current=(!desktop).then_some("true")>{t(l, "settings-preview-phone")}</a></li>
            <li><a href="/dashboard/settings?preview=desktop" aria-current=desktop.then_some("true")>{t(l, "settings-preview-desktop")}</a></li>
        </ul>
        <div class="previews">
            <iframe src="/dashboard/settings/preview" title=title class=class data-testid="preview"></iframe>
        </div>
    }
}

fn brand_forms(f: &Frame, p: &SettingsPage) -> impl IntoView + use<> {
    let l = f.lang;
    let disabled = !p.can_edit;
    view! {
        <form method="post" action="/dashboard/settings/brand" class="card">
            <Csrf token=f.csrf.clone()/>
            <label for="brand-color">{t(l, "settings-color")}</label>
            <input id="brand-color" name="color" type="color" value=p.brand_color.clone() class="color" disabled=disabled/>
            <div class="actions"><button type="submit" disabled=disabled>{t(l, "settings-save-color")}</button></div>
        </form>
        <form method="post" action="/dashboard/settings/logo" enctype="multipart/form-data" class="card">
            <Csrf token=f.csrf.clone()/>
            {p.logo.clone().map(|src| view! { <img src=src alt=t(l, "settings-logo-now") class="logo-now" data-testid="logo-now"/> })}
            <label for="logo">{t(l, "settings-logo")}</label>
            <input id="logo" name="logo" type="file" accept="image/png,image/jpeg,image/webp" aria-describedby="logo-hint" disabled=disabled/>
            <p class="hint" id="logo-hint">{t(l, "settings-logo-hint")}</p>
            <div class="actions"><button type="submit" disabled=disabled>{t(l, "settings-upload")}</button></div>
        </form>
    }
}

fn product_form(f: &Frame, p: &SettingsPage, prod: ProductForm) -> impl IntoView + use<> {
    let l = f.lang;
    let id = prod.id.clone();
    let field = move |name: &str| format!("{name}-{id}");
    let currencies = p
        .currencies
        .iter()
        .map(|c| view! { <option value=*c selected=*c == prod.currency>{*c}</option> })
        .collect_view();
    let methods = p
        .methods
        .iter()
        .map(|(m, name)| {
            let checked = prod.methods.contains(m);
            view! { <label><input type="checkbox" name="methods" value=m.clone() checked=checked/>{name.clone()}</label> }
        })
        .collect_view();
    let disabled = !p.can_edit;
    view! {
        <h2>{ta(l, "settings-product", &[("name", &prod.name)])}</h2>
        <form method="post" action=format!("/dashboard/settings/products/{}", prod.id) class="card">
            <Csrf token=f.csrf.clone()/>
            <label for=field("currency")>{t(l, "links-currency")}</label>
            <select id=field("currency") name="currency" disabled=disabled>{currencies}</select>
            <fieldset disabled=disabled>
                <legend>{t(l, "links-methods")}</legend>
                <div class="choices">{methods}</div>
            </fieldset>
            <label for=field("origins")>{t(l, "settings-origins")}</label>
            <textarea id=field("origins") name="embed_origins" rows="3" dir="ltr" aria-describedby=field("origins-hint") disabled=disabled>{prod.embed_origins.clone()}</textarea>
            <p class="hint" id=field("origins-hint")>{t(l, "settings-origins-hint")}</p>
            <label for=field("webhook")>{t(l, "settings-webhook")}</label>
            <input id=field("webhook") name="webhook_url" type="url" dir="ltr" value=prod.webhook_url.clone() disabled=disabled/>
            <div class="actions"><button type="submit" disabled=disabled>{t(l, "team-save")}</button></div>
        </form>
        <form method="post" action=format!("/dashboard/settings/products/{}/secret", prod.id) class="inline">
            <Csrf token=f.csrf.clone()/>
            <button type="submit" class="secondary" disabled=disabled>{t(l, "settings-rotate")}</button>
        </form>
    }
}
