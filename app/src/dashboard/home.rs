//! Home: today's and the last 30 days' volume, paid checkouts, success rate
//! per method, and a chart drawn on the server (an SVG with the same
//! figures as a table for screen readers and without images).

use super::frame::{Frame, TableRegion, screen};
use super::texts::{t, ta};
use leptos::prelude::*;

#[derive(Clone, Debug)]
pub struct MethodRate {
    pub method: String,
    pub paid: i64,
    pub tried: i64,
}

#[derive(Clone, Debug)]
pub struct ChartDay {
    /// `3 Dec`.
    pub label: String,
    pub minor: i64,
    /// The amount as the language writes money.
    pub shown: String,
}

#[derive(Clone, Debug, Default)]
pub struct HomeData {
    /// Paid today, one formatted amount per currency.
    pub today: Vec<String>,
    pub month: Vec<String>,
    pub paid_count: i64,
    pub methods: Vec<MethodRate>,
    /// The busiest currency's last 30 days, oldest first.
    pub chart: Option<(String, Vec<ChartDay>)>,
}

pub fn home(frame: &Frame, data: HomeData) -> String {
    let f = frame.clone();
    let volume = |amounts: Vec<String>| {
        if amounts.is_empty() {
            vec![f.t("home-nothing")]
        } else {
            amounts
        }
        .into_iter()
        .map(|a| view! { <p class="figure">{a}</p> })
        .collect_view()
    };
    let empty = data.paid_count == 0 && data.methods.is_empty();
    let main = view! {
        {empty.then(|| view! { <p class="notice">{f.t("home-no-payments")}</p> })}
        <div class="cards">
            <section class="card" aria-labelledby="today">
                <h2 id="today">{f.t("home-today")}</h2>
                {volume(data.today)}
            </section>
            <section class="card" aria-labelledby="month">
                <h2 id="month">{f.t("home-month")}</h2>
                {volume(data.month)}
            </section>
            <section class="card" aria-labelledby="count">
                <h2 id="count">{f.t("home-payments")}</h2>
                <p class="figure" data-testid="paid-count">{data.paid_count}</p>
            </section>
        </div>
        {data.chart.map(|(currency, days)| chart(&f, &currency, days))}
        {(!data.methods.is_empty()).then(|| rates(&f, data.methods))}
    };
    screen(frame, &frame.t("home-title"), main)
}

fn rates(f: &Frame, methods: Vec<MethodRate>) -> impl IntoView + use<> {
    let l = f.lang;
    let rows = methods
        .into_iter()
        .map(|m| {
            let rate = if m.tried > 0 {
                m.paid * 100 / m.tried
            } else {
                0
            };
            view! {
                <tr><th scope="row">{m.method}</th><td class="num">{format!("{rate} %")}</td>
                <td class="num">{format!("{} / {}", m.paid, m.tried)}</td></tr>
            }
        })
        .collect_view();
    view! {
        <h2>{f.t("home-rate-title")}</h2>
        <TableRegion label=f.t("home-rate-title")>
            <table>
                <thead><tr>
                    <th scope="col">{t(l, "home-rate-method")}</th>
                    <th scope="col" class="num">{t(l, "home-rate-rate")}</th>
                    <th scope="col" class="num">{t(l, "home-rate-tries")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </TableRegion>
    }
}

/// Thirty bars, scaled to the best day; the figures again in a table.
fn chart(f: &Frame, currency: &str, days: Vec<ChartDay>) -> impl IntoView + use<> {
    let l = f.lang;
    let title = ta(l, "home-chart-title", &[("currency", currency)]);
    let (w, h, gap) = (600.0_f64, 160.0_f64, 4.0_f64);
    let best = days.iter().map(|d| d.minor).max().unwrap_or(0).max(1) as f64;
    let bar = (w - gap * (days.len() as f64)) / (days.len().max(1) as f64);
    let bars = days
        .iter()
        .enumerate()
        .map(|(i, d)| {
            // A drawing's proportion, never money: the amounts stay integers.
            let height =
                (d.minor as f64 / best * (h - 20.0)).max(if d.minor > 0 { 2.0 } else { 0.0 });
            let x = i as f64 * (bar + gap);
            view! {
                <rect x=format!("{x:.1}") y=format!("{:.1}", h - height) width=format!("{bar:.1}")
                    height=format!("{height:.1}") rx="2" fill="#0f766e"/>
            }
        })
        .collect_view();
    let rows = days
        .into_iter()
        .map(|d| view! { <tr><th scope="row">{d.label}</th><td class="num">{d.shown}</td></tr> })
        .collect_view();
    view! {
        <section class="chart" aria-labelledby="chart-title">
            <h2 id="chart-title">{title.clone()}</h2>
            <svg viewBox=format!("0 0 {w} {h}") role="img" aria-labelledby="chart-svg-title" data-testid="chart">
                <title id="chart-svg-title">{title}</title>
                <line x1="0" y1=h.to_string() x2=w.to_string() y2=h.to_string() stroke="#94a3b8"/>
                {bars}
            </svg>
            <details>
                <summary>{f.t("home-chart-table")}</summary>
                <TableRegion label=f.t("home-chart-table")>
                    <table>
                        <thead><tr><th scope="col">{t(l, "home-chart-day")}</th><th scope="col" class="num">{t(l, "home-chart-amount")}</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </TableRegion>
            </details>
        </section>
    }
}
