//! Payment links: the list, the form that makes one (fixed or buyer-chosen
//! amount, methods, success URL, one-time, expiry, a payment limit), and a
//! link's page with its QR code and share buttons. Plain forms: no
//! JavaScript needed.

use super::auth::Problem;
use super::frame::{Csrf, Frame, TableRegion, screen};
use super::texts::{t, ta};
use leptos::prelude::*;

#[derive(Clone, Debug)]
pub struct LinkRow {
    pub id: String,
    pub url: String,
    pub description: String,
    /// `1 500,00 MZN`, or the buyer's range.
    pub amount: String,
    pub paid: u32,
    pub active: bool,
}

/// What the new-link form shows: the values typed (again after a refusal).
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct LinkFields {
    pub description: String,
    pub currency: String,
    /// `fixed` or `chosen`.
    pub kind: String,
    pub amount: String,
    pub min: String,
    pub max: String,
    pub methods: Vec<String>,
    pub success_url: String,
    pub single_use: Option<String>,
    /// `2026-12-31`.
    pub expires: String,
    pub limit: String,
}

pub struct LinksPage {
    pub rows: Vec<LinkRow>,
    pub fields: LinkFields,
    pub problem: Option<String>,
    pub currencies: Vec<&'static str>,
    /// (id, name) of every method.
    pub methods: Vec<(String, String)>,
    pub can_edit: bool,
}

pub fn links(frame: &Frame, p: LinksPage) -> String {
    let f = frame.clone();
    let form = p.can_edit.then(|| new_link_form(&f, &p));
    let list = if p.rows.is_empty() {
        view! { <p>{f.t("links-none")}</p> }.into_any()
    } else {
        list(&f, p.rows).into_any()
    };
    let main = view! {
        {list}
        {form}
    };
    screen(frame, &frame.t("links-title"), main)
}

fn status(f: &Frame, active: bool) -> impl IntoView + use<> {
    let (class, text) = if active {
        ("status good", f.t("links-active"))
    } else {
        ("status", f.t("links-off"))
    };
    view! { <span class=class>{text}</span> }
}

fn list(f: &Frame, rows: Vec<LinkRow>) -> impl IntoView + use<> {
    let l = f.lang;
    let rows = rows
        .into_iter()
        .map(|r| {
            let href = format!("/dashboard/links/{}", r.id);
            let name = if r.description.is_empty() { r.id.clone() } else { r.description.clone() };
            view! {
                <tr>
                    <th scope="row"><a href=href>{name}</a><br/><span class="url">{r.url}</span></th>
                    <td class="num">{r.amount}</td>
                    <td class="num">{r.paid}</td>
                    <td>{status(f, r.active)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <TableRegion label=f.t("links-title")>
            <table data-testid="links" class="stack">
                <thead><tr>
                    <th scope="col">{t(l, "links-col-link")}</th>
                    <th scope="col" class="num">{t(l, "links-col-amount")}</th>
                    <th scope="col" class="num">{t(l, "links-col-paid")}</th>
                    <th scope="col">{t(l, "links-col-status")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </TableRegion>
    }
}

fn new_link_form(f: &Frame, p: &LinksPage) -> impl IntoView + use<> {
    let v = p.fields.clone();
    let chosen = v.kind == "chosen";
    let currency = if v.currency.is_empty() {
        "MZN".to_owned()
    } else {
        v.currency.clone()
    };
    let currencies = p
        .currencies
        .iter()
        .map(|c| view! { <option value=*c selected=*c == currency>{*c}</option> })
        .collect_view();
    let methods = p
        .methods
        .iter()
        .map(|(id, name)| {
            let checked = v.methods.contains(id);
            view! { <label><input type="checkbox" name="methods" value=id.clone() checked=checked/>{name.clone()}</label> }
        })
        .collect_view();
    let l = f.lang;
    view! {
        <h2 id="new-link">{t(l, "links-new")}</h2>
        <Problem text=p.problem.clone()/>
        <form method="post" action="/dashboard/links" aria-labelledby="new-link">
            <Csrf token=f.csrf.clone()/>
            <label for="description">{t(l, "links-description")}</label>
            <input id="description" name="description" value=v.description maxlength="500" aria-describedby="description-hint"/>
            <p class="hint" id="description-hint">{t(l, "links-description-hint")}</p>
            <label for="currency">{t(l, "links-currency")}</label>
            <select id="currency" name="currency">{currencies}</select>
            <fieldset>
                <legend>{t(l, "links-amount-kind")}</legend>
                <label><input type="radio" name="kind" value="fixed" checked=!chosen/>{t(l, "links-fixed")}</label>
                <label><input type="radio" name="kind" value="chosen" checked=chosen/>{t(l, "links-chosen")}</label>
            </fieldset>
            <label for="amount">{t(l, "links-amount")}</label>
            <input id="amount" name="amount" inputmode="decimal" dir="ltr" value=v.amount/>
            <div class="pair">
                <div>
                    <label for="min">{t(l, "links-min")}</label>
                    <input id="min" name="min" inputmode="decimal" dir="ltr" value=v.min/>
                </div>
                <div>
                    <label for="max">{t(l, "links-max")}</label>
                    <input id="max" name="max" inputmode="decimal" dir="ltr" value=v.max/>
                </div>
            </div>
            <fieldset aria-describedby="methods-hint">
                <legend>{t(l, "links-methods")}</legend>
                <p class="hint" id="methods-hint">{t(l, "links-methods-hint")}</p>
                <div class="choices">{methods}</div>
            </fieldset>
            <label for="success_url">{t(l, "links-success-url")}</label>
            <input id="success_url" name="success_url" type="url" dir="ltr" value=v.success_url aria-describedby="success-hint"/>
            <p class="hint" id="success-hint">{t(l, "links-success-hint")}</p>
            <fieldset>
                <label><input type="checkbox" name="single_use" value="on" checked=v.single_use.is_some()/>{t(l, "links-single-use")}</label>
            </fieldset>
            <label for="expires">{t(l, "links-expires")}</label>
            <input id="expires" name="expires" type="date" value=v.expires/>
            <label for="limit">{t(l, "links-limit")}</label>
            <input id="limit" name="limit" inputmode="numeric" dir="ltr" value=v.limit/>
            <div class="actions"><button type="submit">{t(l, "links-create")}</button></div>
        </form>
    }
}

pub struct LinkPage {
    pub row: LinkRow,
    pub merchant: String,
    /// The QR code as SVG, drawn on the server from the link's URL.
    pub qr_svg: String,
    pub notice: Option<String>,
    pub can_edit: bool,
}

pub fn link(frame: &Frame, p: LinkPage) -> String {
    let l = frame.lang;
    let text = ta(
        l,
        "links-share-text",
        &[("merchant", &p.merchant), ("url", &p.row.url)],
    );
    let encoded: String = url::form_urlencoded::byte_serialize(text.as_bytes()).collect();
    let whatsapp = format!("https://wa.me/?text={encoded}");
    let sms = format!("sms:?&body={encoded}");
    let title = if p.row.description.is_empty() {
        p.row.id.clone()
    } else {
        p.row.description.clone()
    };
    let toggle = p.can_edit.then(|| {
        let (value, label) = if p.row.active { ("off", "links-switch-off") } else { ("on", "links-switch-on") };
        view! {
            <form method="post" action=format!("/dashboard/links/{}", p.row.id)>
                <Csrf token=frame.csrf.clone()/>
                <input type="hidden" name="active" value=value/>
                <div class="actions"><button type="submit" class="secondary">{t(l, label)}</button></div>
            </form>
        }
    });
    let qr_alt = ta(l, "links-qr-alt", &[("url", &p.row.url)]);
    let main = view! {
        {p.notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
        <div class="two-col">
            <div>
                <p>{status(frame, p.row.active)}</p>
                <h2>{t(l, "links-url")}</h2>
                <p class="url" data-testid="link-url">{p.row.url.clone()}</p>
                <p>{t(l, "links-col-amount")}": "<strong>{p.row.amount.clone()}</strong></p>
                <p>{t(l, "links-col-paid")}": "<strong data-testid="link-paid">{p.row.paid}</strong></p>
                <div class="share">
                    <a class="button" href=whatsapp target="_blank" rel="noopener noreferrer">{t(l, "links-share-whatsapp")}</a>
                    <a class="button secondary" href=sms>{t(l, "links-share-sms")}</a>
                </div>
                {toggle}
            </div>
            <figure class="qr" aria-labelledby="qr-caption">
                <div role="img" aria-label=qr_alt inner_html=p.qr_svg data-testid="qr"></div>
                <figcaption id="qr-caption">
                    <p class="caption">{p.row.amount.clone()}</p>
                    <p>{p.merchant.clone()}</p>
                    <p class="url">{p.row.url.clone()}</p>
                </figcaption>
            </figure>
        </div>
    };
    screen(frame, &title, main)
}
