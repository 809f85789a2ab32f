//! Developers: API keys (made here and shown once, revoked, last used),
//! each webhook endpoint's health and its recent deliveries, the event log,
//! and the way to the API reference.

use super::frame::{Csrf, Frame, TableRegion, screen};
use super::payments::Tone;
use super::texts::{t, ta};
use leptos::prelude::*;

#[derive(Clone, Debug)]
pub struct KeyRow {
    pub id: String,
    pub prefix: String,
    pub created: String,
    pub last_used: Option<String>,
    pub revoked: Option<String>,
}

#[derive(Clone, Debug)]
pub struct EndpointRow {
    pub url: String,
    pub status: (String, Tone),
}

#[derive(Clone, Debug)]
pub struct DeliveryRow {
    pub at: String,
    pub event: String,
    pub url: String,
    pub result: (String, Tone),
}

#[derive(Clone, Debug)]
pub struct EventRow {
    pub id: String,
    pub kind: String,
    pub at: String,
    pub status: String,
    /// The payment it is about, to open its timeline.
    pub payment: Option<String>,
}

pub struct DevelopersPage {
    pub keys: Vec<KeyRow>,
    /// A key just made: its secret, shown this once.
    pub new_secret: Option<String>,
    pub endpoints: Vec<EndpointRow>,
    pub deliveries: Vec<DeliveryRow>,
    pub events: Vec<EventRow>,
}

pub fn developers(frame: &Frame, p: DevelopersPage) -> String {
    let l = frame.lang;
    let main = view! {
        <p><a href="/docs">{t(l, "dev-docs")}</a></p>
        <h2>{t(l, "dev-keys")}</h2>
        {p.new_secret.map(|s| view! {
            <div class="notice" role="status">
                <p>{t(l, "dev-key-once")}</p>
                <p class="secret" data-testid="new-key" dir="ltr">{s}</p>
            </div>
        })}
        {keys(frame, p.keys)}
        <form method="post" action="/dashboard/developers/keys">
            <Csrf token=frame.csrf.clone()/>
            <div class="actions"><button type="submit">{t(l, if frame.livemode { "dev-key-create-live" } else { "dev-key-create-test" })}</button></div>
        </form>
        <h2>{t(l, "dev-endpoints")}</h2>
        {endpoints(frame, p.endpoints)}
        <h2>{t(l, "dev-deliveries")}</h2>
        {deliveries(frame, p.deliveries)}
        <h2>{t(l, "dev-events")}</h2>
        {events(frame, p.events)}
    };
    screen(frame, &t(l, "dash-nav-developers"), main)
}

fn keys(f: &Frame, rows: Vec<KeyRow>) -> impl IntoView + use<> {
    let l = f.lang;
    if rows.is_empty() {
        return view! { <p>{t(l, "dev-no-keys")}</p> }.into_any();
    }
    let csrf = f.csrf.clone();
    let rows = rows
        .into_iter()
        .map(|k| {
            let action = match &k.revoked {
                Some(when) => view! { <span>{ta(l, "dev-key-revoked", &[("time", when)])}</span> }.into_any(),
                None => view! {
                    <form method="post" action=format!("/dashboard/developers/keys/{}/revoke", k.id) class="inline">
                        <Csrf token=csrf.clone()/>
                        <button type="submit" class="link-button">{t(l, "dev-key-revoke")}</button>
                    </form>
                }
                .into_any(),
            };
            view! {
                <tr>
                    <th scope="row" class="url">{format!("{}…", k.prefix)}</th>
                    <td>{k.created}</td>
                    <td>{k.last_used.unwrap_or_else(|| t(l, "dev-key-never"))}</td>
                    <td>{action}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <TableRegion label=t(l, "dev-keys")><table data-testid="keys" class="stack">
            <thead><tr>
                <th scope="col">{t(l, "dev-key")}</th>
                <th scope="col">{t(l, "payments-col-created")}</th>
                <th scope="col">{t(l, "dev-key-last-used")}</th>
                <th scope="col"><span class="visually-hidden">{t(l, "dev-key-actions")}</span></th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table></TableRegion>
    }
    .into_any()
}

fn endpoints(f: &Frame, rows: Vec<EndpointRow>) -> impl IntoView + use<> {
    let l = f.lang;
    if rows.is_empty() {
        return view! { <p>{t(l, "dev-no-endpoints")}</p> }.into_any();
    }
    let items = rows
        .into_iter()
        .map(|e| {
            let class = match e.status.1 {
                Tone::Good => "status good",
                Tone::Bad => "status bad",
                Tone::Neutral => "status",
            };
            view! { <li><span class="url">{e.url}</span>" "<span class=class>{e.status.0}</span></li> }
        })
        .collect_view();
    view! { <ul class="plain">{items}</ul> }.into_any()
}

fn deliveries(f: &Frame, rows: Vec<DeliveryRow>) -> impl IntoView + use<> {
    let l = f.lang;
    if rows.is_empty() {
        return view! { <p>{t(l, "dev-no-deliveries")}</p> }.into_any();
    }
    let rows = rows
        .into_iter()
        .map(|d| {
            let class = if d.result.1 == Tone::Good {
                "status good"
            } else {
                "status bad"
            };
            view! {
                <tr><th scope="row">{d.at}</th><td>{d.event}</td><td class="url">{d.url}</td>
                <td><span class=class>{d.result.0}</span></td></tr>
            }
        })
        .collect_view();
    view! {
        <TableRegion label=t(l, "dev-deliveries")><table class="stack">
            <thead><tr>
                <th scope="col">{t(l, "dev-when")}</th>
                <th scope="col">{t(l, "dev-event")}</th>
                <th scope="col">"URL"</th>
                <th scope="col">{t(l, "dev-result")}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table></TableRegion>
    }
    .into_any()
}

fn events(f: &Frame, rows: Vec<EventRow>) -> impl IntoView + use<> {
    let l = f.lang;
    if rows.is_empty() {
        return view! { <p>{t(l, "dev-no-events")}</p> }.into_any();
    }
    let rows = rows
        .into_iter()
        .map(|e| {
            let kind = match e.payment {
                Some(p) => view! { <a href=format!("/dashboard/payments/{p}")>{e.kind}</a> }.into_any(),
                None => view! { <span>{e.kind}</span> }.into_any(),
            };
            view! { <tr><th scope="row">{e.at}</th><td>{kind}</td><td class="url">{e.id}</td><td>{e.status}</td></tr> }
        })
        .collect_view();
    view! {
        <TableRegion label=t(l, "dev-events")><table data-testid="events" class="stack">
            <thead><tr>
                <th scope="col">{t(l, "dev-when")}</th>
                <th scope="col">{t(l, "dev-event")}</th>
                <th scope="col">"ID"</th>
                <th scope="col">{t(l, "dev-result")}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table></TableRegion>
    }
    .into_any()
}
