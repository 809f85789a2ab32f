//! Payments: checkout sessions with filters, search and cursor pages, and
//! a payment's page: its timeline (attempts, events and each webhook
//! delivery, refunds) and its actions (refund with a confirmation step,
//! expire, copy the checkout link, redeliver an event).

use super::auth::Problem;
use super::frame::{Csrf, Frame, TableRegion, screen};
use super::texts::{t, ta};
use leptos::prelude::*;

/// How a status reads at a glance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Good,
    Bad,
    Neutral,
}

impl Tone {
    fn class(self) -> &'static str {
        match self {
            Tone::Good => "status good",
            Tone::Bad => "status bad",
            Tone::Neutral => "status",
        }
    }
}

#[derive(Clone, Debug)]
pub struct PaymentRow {
    pub id: String,
    pub created: String,
    pub amount: String,
    pub status: (String, Tone),
    pub method: String,
    pub customer: String,
}

/// The filters as typed (a query string): kept in the form and the links.
#[derive(Clone, Debug, Default, serde::Deserialize, serde::Serialize)]
#[serde(default)]
pub struct PaymentFilter {
    pub status: String,
    pub method: String,
    pub currency: String,
    /// `2026-12-01`.
    pub from: String,
    pub to: String,
    pub q: String,
    /// The last session of the page before.
    pub after: String,
}

pub struct PaymentsPage {
    pub rows: Vec<PaymentRow>,
    pub filter: PaymentFilter,
    /// The query string of the next (older) page, if there is one.
    pub next: Option<String>,
    pub methods: Vec<(String, String)>,
    pub currencies: Vec<&'static str>,
}

/// The status filter's values and their labels.
pub const STATUSES: [(&str, &str); 5] = [
    ("open", "payments-status-open"),
    ("paid", "payments-status-paid"),
    ("pending", "payments-status-pending"),
    ("failed", "payments-status-failed"),
    ("expired", "payments-status-expired"),
];

fn select(
    id: &'static str,
    label: String,
    any: String,
    chosen: &str,
    options: Vec<(String, String)>,
) -> impl IntoView + use<> {
    let chosen = chosen.to_owned();
    let options = options
        .into_iter()
        .map(|(v, l)| {
            let selected = v == chosen;
            view! { <option value=v selected=selected>{l}</option> }
        })
        .collect_view();
    view! {
        <div>
            <label for=id>{label}</label>
            <select id=id name=id><option value="">{any}</option>{options}</select>
        </div>
    }
}

fn filters(f: &Frame, p: &PaymentsPage) -> impl IntoView + use<> {
    let l = f.lang;
    let v = p.filter.clone();
    let statuses = STATUSES
        .iter()
        .map(|(v, k)| ((*v).to_owned(), t(l, k)))
        .collect();
    let currencies = p
        .currencies
        .iter()
        .map(|c| ((*c).to_owned(), (*c).to_owned()))
        .collect();
    view! {
        <form method="get" action="/dashboard/payments" class="filters" aria-label=t(l, "payments-filter")>
            <div class="search">
                <label for="q">{t(l, "payments-search")}</label>
                <input id="q" name="q" type="search" value=v.q.clone() aria-describedby="q-hint"/>
                <p class="hint" id="q-hint">{t(l, "payments-search-hint")}</p>
            </div>
            <div class="filter-row">
                {select("status", t(l, "payments-status"), t(l, "payments-any"), &v.status, statuses)}
                {select("method", t(l, "payments-method"), t(l, "payments-any"), &v.method, p.methods.clone())}
                {select("currency", t(l, "payments-currency"), t(l, "payments-any"), &v.currency, currencies)}
                <div>
                    <label for="from">{t(l, "payments-from")}</label>
                    <input id="from" name="from" type="date" value=v.from.clone()/>
                </div>
                <div>
                    <label for="to">{t(l, "payments-to")}</label>
                    <input id="to" name="to" type="date" value=v.to.clone()/>
                </div>
            </div>
            <div class="actions"><button type="submit">{t(l, "payments-apply")}</button></div>
        </form>
    }
}

pub fn payments(frame: &Frame, p: PaymentsPage) -> String {
    let f = frame.clone();
    let l = f.lang;
    let rows = p
        .rows
        .iter()
        .cloned()
        .map(|r| {
            view! {
                <tr>
                    <th scope="row"><a href=format!("/dashboard/payments/{}", r.id) class="url">{r.id.clone()}</a></th>
                    <td>{r.created}</td>
                    <td class="num">{r.amount}</td>
                    <td><span class=r.status.1.class()>{r.status.0}</span></td>
                    <td>{r.method}</td>
                    <td class="customer">{r.customer}</td>
                </tr>
            }
        })
        .collect_view();
    let table = if p.rows.is_empty() {
        view! { <p data-testid="no-payments">{t(l, "payments-none")}</p> }.into_any()
    } else {
        view! {
            <TableRegion label=t(l, "payments-title")>
                <table data-testid="payments" class="stack">
                    <thead><tr>
                        <th scope="col">"ID"</th>
                        <th scope="col">{t(l, "payments-col-created")}</th>
                        <th scope="col" class="num">{t(l, "payments-col-amount")}</th>
                        <th scope="col">{t(l, "payments-col-status")}</th>
                        <th scope="col">{t(l, "payments-method")}</th>
                        <th scope="col">{t(l, "payments-col-customer")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </TableRegion>
        }
        .into_any()
    };
    let first = (!p.filter.after.is_empty()).then(|| {
        let mut v = p.filter.clone();
        v.after.clear();
        let q = serde_urlencoded(&v);
        view! { <a href=format!("/dashboard/payments?{q}")>{t(l, "payments-first")}</a> }
    });
    let next = p.next.clone().map(|q| {
        view! { <a href=format!("/dashboard/payments?{q}") rel="next">{t(l, "payments-next")}</a> }
    });
    let main = view! {
        {filters(&f, &p)}
        {table}
        <nav class="pages" aria-label=t(l, "payments-pages")>{first}{next}</nav>
    };
    screen(frame, &t(l, "payments-title"), main)
}

/// A filter as a query string.
pub fn serde_urlencoded(f: &PaymentFilter) -> String {
    let mut s = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in [
        ("status", &f.status),
        ("method", &f.method),
        ("currency", &f.currency),
        ("from", &f.from),
        ("to", &f.to),
        ("q", &f.q),
        ("after", &f.after),
    ] {
        if !v.is_empty() {
            s.append_pair(k, v);
        }
    }
    s.finish()
}

/// One moment of a payment's life.
#[derive(Clone, Debug)]
pub struct TimelineItem {
    pub at: String,
    pub title: String,
    pub detail: Option<String>,
    pub tone: Tone,
    /// An event that can be sent again.
    pub redeliver: Option<String>,
}

/// A refund asked for, to confirm: the typed amount and how it reads.
#[derive(Clone, Debug)]
pub struct RefundReview {
    pub typed: String,
    pub shown: String,
    /// Names this confirmation: a second post of it (a double click, a
    /// reload) refunds nothing more.
    pub once: String,
}

pub struct PaymentPage {
    pub id: String,
    pub amount: String,
    pub status: (String, Tone),
    pub checkout_url: String,
    pub facts: Vec<(String, String)>,
    pub timeline: Vec<TimelineItem>,
    /// Up to how much may still be refunded, as shown; `None`: nothing.
    pub refundable: Option<String>,
    pub total_paid: String,
    pub can_refund: bool,
    pub can_operate: bool,
    pub can_expire: bool,
    pub review: Option<RefundReview>,
    pub notice: Option<String>,
    pub problem: Option<String>,
}

pub fn payment(frame: &Frame, p: PaymentPage) -> String {
    let l = frame.lang;
    let facts = p
        .facts
        .iter()
        .cloned()
        .map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> })
        .collect_view();
    let main = view! {
        {p.notice.clone().map(|n| view! { <p class="notice" role="status" data-testid="notice">{n}</p> })}
        <Problem text=p.problem.clone()/>
        <div class="two-col">
            <div>
                <p><span class=p.status.1.class() data-testid="payment-status">{p.status.0.clone()}</span></p>
                <dl class="facts">{facts}</dl>
                <CheckoutLink frame=frame.clone() url=p.checkout_url.clone()/>
                <h2>{t(l, "payment-timeline")}</h2>
                {timeline(frame, &p)}
            </div>
            <div>{actions(frame, &p)}</div>
        </div>
    };
    screen(
        frame,
        &ta(l, "payment-title", &[("amount", &p.amount)]),
        main,
    )
}

/// The checkout's URL to copy: selectable text, and a Copy button once
/// the page's small script runs.
#[component]
fn CheckoutLink(frame: Frame, url: String) -> impl IntoView {
    let l = frame.lang;
    let script = "document.querySelectorAll('[data-copy]').forEach(function(b){b.hidden=false;\
        b.addEventListener('click',function(){var i=document.getElementById(b.dataset.copy);\
        navigator.clipboard.writeText(i.value).then(function(){b.textContent=b.dataset.done;});});});";
    view! {
        <label for="checkout-url">{t(l, "payment-checkout-link")}</label>
        <div class="copy-row">
            <input id="checkout-url" readonly value=url dir="ltr"/>
            <button type="button" class="secondary" data-copy="checkout-url" data-done=t(l, "payment-copied") hidden>{t(l, "payment-copy")}</button>
        </div>
        <script nonce=frame.nonce.clone()>{script}</script>
    }
}

fn timeline(f: &Frame, p: &PaymentPage) -> impl IntoView + use<> {
    let l = f.lang;
    let csrf = f.csrf.clone();
    let can = p.can_operate;
    let items = p
        .timeline
        .iter()
        .cloned()
        .map(|item| {
            let redeliver = item.redeliver.filter(|_| can).map(|event| {
                view! {
                    <form method="post" action=format!("/dashboard/events/{event}/redeliver") class="inline">
                        <Csrf token=csrf.clone()/>
                        <input type="hidden" name="payment" value=p.id.clone()/>
                        <button type="submit" class="link-button">{t(l, "payment-redeliver")}</button>
                    </form>
                }
            });
            view! {
                <li class=item.tone.class().replace("status", "tl")>
                    <p class="tl-title">{item.title}</p>
                    {item.detail.map(|d| view! { <p class="tl-detail">{d}</p> })}
                    <p class="tl-at"><time>{item.at}</time></p>
                    {redeliver}
                </li>
            }
        })
        .collect_view();
    view! { <ol class="timeline" data-testid="timeline">{items}</ol> }
}

fn actions(f: &Frame, p: &PaymentPage) -> impl IntoView + use<> {
    let l = f.lang;
    let refund = match (&p.review, &p.refundable) {
        (Some(r), _) if p.can_refund => Some(confirm_refund(f, p, r).into_any()),
        (None, Some(most)) if p.can_refund => Some(
            view! {
                <form method="post" action=format!("/dashboard/payments/{}/refund", p.id) class="card">
                    <h2>{t(l, "payment-refund")}</h2>
                    <Csrf token=f.csrf.clone()/>
                    <label for="refund-amount">{t(l, "payment-refund-amount")}</label>
                    <input id="refund-amount" name="amount" inputmode="decimal" dir="ltr" aria-describedby="refund-hint"/>
                    <p class="hint" id="refund-hint">{ta(l, "payment-refund-hint", &[("amount", most)])}</p>
                    <div class="actions"><button type="submit">{t(l, "payment-refund-review")}</button></div>
                </form>
            }
            .into_any(),
        ),
        _ => None,
    };
    let expire = (p.can_expire && p.can_operate).then(|| {
        view! {
            <form method="post" action=format!("/dashboard/payments/{}/expire", p.id) class="card">
                <Csrf token=f.csrf.clone()/>
                <p>{t(l, "payment-expire-hint")}</p>
                <button type="submit" class="danger">{t(l, "payment-expire")}</button>
            </form>
        }
    });
    view! { {refund} {expire} }
}

fn confirm_refund(f: &Frame, p: &PaymentPage, r: &RefundReview) -> impl IntoView + use<> {
    let l = f.lang;
    let amount = [
        ("amount", r.shown.as_str()),
        ("total", p.total_paid.as_str()),
    ];
    view! {
        <form method="post" action=format!("/dashboard/payments/{}/refund", p.id) class="card confirm" aria-labelledby="confirm-title">
            <h2 id="confirm-title">{ta(l, "payment-refund-confirm-title", &amount)}</h2>
            <p>{ta(l, "payment-refund-confirm-body", &amount)}</p>
            <Csrf token=f.csrf.clone()/>
            <input type="hidden" name="amount" value=r.typed.clone()/>
            <input type="hidden" name="confirm" value="yes"/>
            <input type="hidden" name="once" value=r.once.clone()/>
            <div class="actions">
                <button type="submit" class="danger">{ta(l, "payment-refund-confirm", &amount)}</button>
                <a class="button secondary" href=format!("/dashboard/payments/{}", p.id)>{t(l, "payment-refund-cancel")}</a>
            </div>
        </form>
    }
}
