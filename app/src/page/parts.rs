//! Small pieces of the page: translated text, method marks, icons, the
//! order summary.

use crate::domain::checkout::LineItem;
use crate::domain::{Locale, MethodId, Money};
#[cfg(not(feature = "hydrate"))]
use crate::i18n;
use leptos::prelude::*;

/// The page's language, provided once by the route.
pub fn locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

/// A message in the page's language: from Fluent on the server, from the
/// island's [`Texts`](super::texts::Texts) in the browser.
pub fn t(id: &str) -> String {
    ta(id, &[])
}

#[cfg(not(feature = "hydrate"))]
pub fn ta(id: &str, args: &[(&str, &str)]) -> String {
    i18n::ta(locale(), id, args)
}

#[cfg(feature = "hydrate")]
pub fn ta(id: &str, args: &[(&str, &str)]) -> String {
    use_context::<super::texts::Texts>()
        .map(|texts| texts.get(id, args))
        .unwrap_or_default()
}

/// A message with one number, in the plural form the language needs
/// (server only: an island gets the forms it needs as texts).
#[cfg(not(feature = "hydrate"))]
pub fn tn(id: &str, name: &str, n: i64) -> String {
    i18n::tn(locale(), id, name, n)
}

/// Runs `f` every `period` in the browser while the calling component lives.
#[cfg(feature = "hydrate")]
pub fn every(period: std::time::Duration, f: impl Fn() + 'static) {
    let tick = set_interval_with_handle(f, period).ok();
    on_cleanup(move || {
        if let Some(handle) = tick {
            handle.clear();
        }
    });
}

pub fn money(m: Money) -> String {
    m.format(locale().number_style())
}

/// Brand names stay as they are; "Card" is a word and is translated.
pub fn method_name(m: MethodId) -> String {
    match m {
        MethodId::Card => t("method-card"),
        _ => m.info().name.to_owned(),
    }
}

/// A method's mark: its brand colour with a short word on it. Drawn inline so
/// it costs no request.
#[component]
pub fn MethodMark(method: MethodId) -> impl IntoView {
    let info = method.info();
    let light_background = matches!(method, MethodId::MomoMtn | MethodId::Flutterwave);
    let ink = if light_background {
        "#1a1a1a"
    } else {
        "#ffffff"
    };
    let size = match info.mark.len() {
        0..=2 => "15",
        3..=4 => "12",
        _ => "10",
    };
    view! {
        <svg class="mark" viewBox="0 0 48 32" width="40" height="27" aria-hidden="true" focusable="false">
            <rect width="48" height="32" rx="6" fill=info.color></rect>
            <text x="24" y="20.5" text-anchor="middle" font-size=size font-weight="700" font-family="system-ui,sans-serif" fill=ink>
                {info.mark}
            </text>
        </svg>
    }
}

/// Amount, what it is for, and the line items.
#[component]
pub fn OrderSummary(
    merchant: String,
    description: Option<String>,
    items: Vec<LineItem>,
    total: Money,
    /// The merchant's logo (URL, width, height), shown at most 48 px high.
    #[prop(default = None)]
    logo: Option<(String, i64, i64)>,
) -> impl IntoView {
    let currency = total.currency;
    // A single line that only repeats the description says nothing new.
    let single_line = items.len() == 1 && items[0].quantity == 1;
    let headline = description
        .clone()
        .or_else(|| single_line.then(|| items[0].name.clone()));
    let show_items = !single_line;
    view! {
        <section class="summary" aria-labelledby="summary-amount">
            {logo.map(|(src, w, h)| {
                // The name follows in the heading: the logo says nothing more.
                let height = h.min(48);
                let width = w * height / h.max(1);
                view! { <img src=src alt="" width=width height=height data-testid="logo"/> }
            })}
            <h1 class="merchant">{merchant}</h1>
            <p id="summary-amount" class="amount" data-testid="amount">{money(total)}</p>
            {headline.map(|h| view! { <p class="text-slate-600 mt-1">{h}</p> })}
            {show_items.then(|| view! {
                <h2 class="sr-only">{t("order-summary")}</h2>
                <ul class="items" data-testid="line-items">
                    {items.into_iter().map(|item| {
                        let line_total = Money::new(item.amount_total(), currency);
                        view! {
                            <li>
                                <span class="item-name">
                                    {item.name}
                                    {(item.quantity > 1).then(|| view! {
                                        <span class="qty">{ta("quantity", &[("quantity", &item.quantity.to_string())])}</span>
                                    })}
                                    {item.description.map(|d| view! { <span class="item-desc">{d}</span> })}
                                </span>
                                <span class="tabular-nums whitespace-nowrap">{money(line_total)}</span>
                            </li>
                        }
                    }).collect_view()}
                    <li class="total">
                        <span>{t("total")}</span>
                        <span class="tabular-nums whitespace-nowrap">{money(total)}</span>
                    </li>
                </ul>
            })}
        </section>
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Icon {
    Phone,
    Check,
    Clock,
    Cross,
    Search,
    Lock,
}

/// Outline icons, 24×24, drawn in the current text colour.
#[component]
pub fn StateIcon(icon: Icon) -> impl IntoView {
    let path = match icon {
        Icon::Phone => {
            "M8 2h8a2 2 0 0 1 2 2v16a2 2 0 0 1-2 2H8a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2zm3 16h2"
        }
        Icon::Check => "M20 6 9 17l-5-5",
        Icon::Clock => "M12 7v5l3 2M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0z",
        Icon::Cross => "M18 6 6 18M6 6l12 12",
        Icon::Search => "M11 19a8 8 0 1 0 0-16 8 8 0 0 0 0 16zm10 2-4.3-4.3",
        Icon::Lock => {
            "M6 11h12a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1v-8a1 1 0 0 1 1-1zm2 0V7a4 4 0 0 1 8 0v4"
        }
    };
    view! {
        <svg class="state-icon" viewBox="0 0 24 24" width="28" height="28" fill="none" stroke="currentColor"
            stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">
            <path d=path></path>
        </svg>
    }
}
