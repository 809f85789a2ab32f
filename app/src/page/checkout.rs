//! `/c/{id}`: the checkout a buyer pays, in each of its states.

//!
//! The page is drawn on the server; only its islands (the payment form,
//! the language menu, the pending countdown, the cancel link and the talk
//! with a framing page) run in the browser. A screen changes with a page
//! load: the form posts, the pending countdown loads the page again (through
//! `/c/{id}/return`) once the payment settles.

use super::embed::{Frame, FrameNews, FrameTalk, PageLanguage};
use super::island::{self, Model};
use super::language::{LanguageSwitcher, Switcher};
use super::parts::{Icon, OrderSummary, StateIcon, method_name, money, t, ta};
use super::pay_form::PayScreen;
use super::{NotFound, lang_query, with_lang};
use crate::domain::phone::display_phone;
use crate::domain::{Locale, LocaleSource, PaymentStatus, Status};
use crate::service::{AttemptStatus, CheckoutPage, FormEcho, PageData};
use leptos::prelude::*;

/// How often the page asks whether a pending payment has settled.
#[cfg(feature = "hydrate")]
const POLL_MS: u64 = 2000;

/// The body of a checkout's page (the locale is in context already).
#[component]
pub(crate) fn CheckoutScreen(data: PageData) -> impl IntoView {
    // Now that the checkout is known, its page may post to where it leads.
    #[cfg(feature = "ssr")]
    crate::page::set_content_security_policy(&data.policy);
    match data.checkout {
        None => view! { <NotFound/> }.into_any(),
        Some(checkout) => {
            let languages = Languages {
                current: data.locale,
                source: data.locale_source,
            };
            let logo = data.logo;
            view! { <Checkout initial=checkout echo=data.echo languages logo/> }.into_any()
        }
    }
}

/// The page's title and description.
pub(crate) fn head_texts(data: &PageData) -> (String, String) {
    match &data.checkout {
        Some(p) => {
            let merchant = [("merchant", p.merchant_name.as_str())];
            (
                ta("page-title", &merchant),
                ta("page-description", &merchant),
            )
        }
        None => (t("notfound-page-title"), t("notfound-page-description")),
    }
}

/// The page's language and why; the merchant's fixed choice hides the switcher.
#[derive(Clone, Copy, Debug)]
struct Languages {
    current: Locale,
    source: LocaleSource,
}

/// What the buyer is looking at; the page swaps screens only when this changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Screen {
    Pay,
    /// Waiting for the provider (a push to the buyer's phone).
    Pending,
    /// Waiting for the buyer elsewhere (3-D Secure, a provider's page).
    Action,
    Paid,
    Expired,
    Cancelled,
}

impl Screen {
    fn of(p: &CheckoutPage) -> Screen {
        let needs_action = p
            .attempt
            .as_ref()
            .is_some_and(|a| a.status == AttemptStatus::RequiresAction);
        match (p.status, p.payment_status) {
            (Status::Complete, _) => Screen::Paid,
            (Status::Expired, PaymentStatus::Cancelled) => Screen::Cancelled,
            (Status::Expired, _) => Screen::Expired,
            (Status::Open, PaymentStatus::Pending) if needs_action => Screen::Action,
            (Status::Open, PaymentStatus::Pending) => Screen::Pending,
            (Status::Open, _) => Screen::Pay,
        }
    }
}

/// The merchant's colour, with the text colour chosen to read on it, as
/// CSS variables in a style carrying this response's nonce (the page's CSP
/// admits no other).
#[component]
fn BrandStyle(color: String, on: String) -> impl IntoView {
    let css = format!(
        ".shell{{--brand:{color};--on-brand:{on};\
         --brand-soft:color-mix(in srgb,{color} 10%,#fff);\
         --brand-ring:color-mix(in srgb,{color} 35%,transparent);\
         --brand-hover:color-mix(in srgb,{color} 85%,#000)}}"
    );
    #[cfg(feature = "ssr")]
    let nonce = leptos::nonce::use_nonce().map(|n| n.to_string());
    #[cfg(not(feature = "ssr"))]
    let nonce: Option<String> = None;
    view! { <style nonce=nonce>{css}</style> }
}

/// What a framing page hears about `screen`.
fn frame_news(screen: Screen, p: &CheckoutPage) -> FrameNews {
    let kind = match screen {
        Screen::Pending | Screen::Action => "payment_pending",
        Screen::Paid => "completed",
        Screen::Expired | Screen::Cancelled => "expired",
        Screen::Pay => return FrameNews::default(),
    };
    FrameNews {
        kind: kind.to_owned(),
        status: p.status.as_str().to_owned(),
        payment_status: p.payment_status.as_str().to_owned(),
        return_url: p.return_url.clone().unwrap_or_default(),
    }
}

/// The part of the card that changes with the checkout's state.
fn screen_view(screen: Screen, p: CheckoutPage, echo: Option<FormEcho>) -> AnyView {
    let merchant = p.merchant_name.clone();
    match screen {
        Screen::Pay => view! { <PayScreen p echo lang=lang_query()()/> }.into_any(),
        Screen::Pending => view! { <Pending p/> }.into_any(),
        Screen::Action => view! { <Action p/> }.into_any(),
        Screen::Paid => view! { <Paid p/> }.into_any(),
        Screen::Expired => view! {
            <Closed icon=Icon::Clock title="expired-title" body="expired-body" merchant/>
        }
        .into_any(),
        Screen::Cancelled => view! {
            <Closed icon=Icon::Cross title="cancelled-title" body="cancelled-body" merchant/>
        }
        .into_any(),
    }
}

#[component]
fn Checkout(
    initial: CheckoutPage,
    echo: Option<FormEcho>,
    languages: Languages,
    logo: Option<(String, i64, i64)>,
) -> impl IntoView {
    let p = initial;
    let merchant = p.merchant_name.clone();
    let switcher = (languages.source != LocaleSource::Merchant).then(|| {
        let carrier = island::share(Switcher {
            current: languages.current.as_str().to_owned(),
            path: format!("/c/{}", p.id),
            checkout: p.id.clone(),
            guessed: languages.source.is_a_guess(),
        });
        view! { {carrier} <LanguageSwitcher/> }
    });
    let brand_style = p
        .brand_color
        .clone()
        .map(|(color, on)| view! { <BrandStyle color on/> });
    let summary = view! {
        <OrderSummary
            merchant=merchant.clone()
            description=p.description.clone()
            items=p.line_items.clone()
            total=p.total
            logo=logo
        />
    };
    let screen = Screen::of(&p);
    let talk = {
        let carrier = island::share(Frame {
            origins: p.embed_origins.clone(),
            checkout: p.id.clone(),
            news: frame_news(screen, &p),
            page: PageLanguage {
                lang: languages.current.as_str().to_owned(),
                dir: languages.current.dir().to_owned(),
                close: t("close"),
            },
        });
        view! { {carrier} <FrameTalk/> }
    };
    let livemode = p.livemode;
    view! {
        {brand_style}
        <div class="shell">
            <header class="topbar">
                {(!livemode).then(|| view! { <p class="test-banner">{t("test-mode")}</p> })}
                {switcher}
            </header>
            <main class="card">
                {summary}
                {screen_view(screen, p, echo)}
            </main>
            <footer class="footer">{t("secured-by")}</footer>
        </div>
        {talk}
    }
}

/// Counts down the time the buyer has to approve on their phone and asks
/// the server every [`POLL_MS`] whether the payment settled; then goes on
/// to the merchant's success page (paid, at top level) or loads this page
/// again (`page`), which shows what happened. One request at a time, so a
/// slow network never piles them up.
#[island]
fn PendingWatch() -> impl IntoView {
    let Watch {
        checkout,
        seconds_left,
        template,
        page,
    } = island::model();
    let left = RwSignal::new(seconds_left);
    #[cfg(feature = "hydrate")]
    {
        super::parts::every(std::time::Duration::from_secs(1), move || {
            left.update(|s| *s = (*s - 1).max(0))
        });
        poll_until_settled(checkout, page);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (checkout, page);
    let countdown = move || {
        let s = left.get();
        template.replace("{time}", &format!("{}:{:02}", s / 60, s % 60))
    };
    view! { <p class="countdown tabular-nums" data-testid="countdown">{countdown}</p> }
}

/// The pending island's data: the countdown's start and words (`{time}`
/// left to fill), and the page to load once the payment settled.
#[derive(Clone, miniserde::Serialize, miniserde::Deserialize)]
struct Watch {
    checkout: String,
    seconds_left: i64,
    template: String,
    page: String,
}

impl Model for Watch {
    const CARRIER: &'static str = "lipa-pending";
}

#[cfg(feature = "hydrate")]
fn poll_until_settled(checkout: String, page: String) {
    set_timeout(
        move || {
            leptos::task::spawn_local(async move {
                match ask_progress(&checkout).await {
                    // In a frame the merchant's page (told by `FrameTalk` on
                    // the receipt) or the buyer moves the top window.
                    Some(Some(to)) if !to.is_empty() && !super::embed::framed() => {
                        let _ = window().location().replace(&to);
                    }
                    Some(Some(_)) => {
                        let _ = window().location().replace(&page);
                    }
                    // Still waiting, or a dropped request on a mobile
                    // network: keep asking.
                    _ => poll_until_settled(checkout, page),
                }
            });
        },
        std::time::Duration::from_millis(POLL_MS),
    );
}

/// `GET /api/progress?id=`: the server function [`payment_progress`]
/// called with the browser's own `fetch`, which keeps the server
/// function client (and its codecs) out of the wasm.
///
/// [`payment_progress`]: crate::api::payment_progress
#[cfg(feature = "hydrate")]
async fn ask_progress(checkout: &str) -> Option<Option<String>> {
    use leptos::server_fn::ServerFn;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let url = format!(
        "{}?id={}",
        <crate::api::PaymentProgress as ServerFn>::PATH,
        js_sys::encode_uri_component(checkout)
    );
    let response: web_sys::Response = JsFuture::from(window().fetch_with_str(&url))
        .await
        .ok()?
        .dyn_into()
        .ok()?;
    if !response.ok() {
        return None;
    }
    let text = JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()?;
    miniserde::json::from_str(&text).ok()
}

#[component]
fn Pending(p: CheckoutPage) -> impl IntoView {
    let attempt = p.attempt.clone();
    let method = attempt
        .as_ref()
        .map(|a| method_name(a.method))
        .unwrap_or_default();
    let phone = attempt
        .as_ref()
        .and_then(|a| a.phone.clone())
        .map(|ph| display_phone(&ph).replace(' ', "\u{a0}"))
        .unwrap_or_default();
    let check_href = with_lang(&format!("/c/{}/return", p.id));
    // Without JavaScript the page refreshes itself; with it, it polls.
    let refresh = format!(r#"<meta http-equiv="refresh" content="3;url={check_href}">"#);
    let template = ta("pending-countdown", &[("time", "{time}")]);
    let seconds_left = attempt.as_ref().map_or(0, |a| a.seconds_left);
    let amount = money(attempt.as_ref().map_or(p.total, |a| a.amount));
    let carrier = island::share(Watch {
        checkout: p.id.clone(),
        seconds_left,
        template,
        page: with_lang(&format!("/c/{}", p.id)),
    });
    view! {
        <section class="state" data-testid="pending">
            <noscript inner_html=refresh></noscript>
            <div class="state-badge badge-wait"><StateIcon icon=Icon::Phone/></div>
            <div aria-live="polite">
                <h2>{t("pending-title")}</h2>
                <p class="text-slate-700">
                    {ta("pending-body", &[("amount", &amount), ("phone", &phone), ("method", &method)])}
                </p>
            </div>
            <p class="waiting"><span class="spinner" aria-hidden="true"></span>{t("pending-waiting")}</p>
            {carrier}
            <PendingWatch/>
            <a class="link" href=check_href rel="external">{t("pending-check")}</a>
        </section>
    }
}

/// The buyer must confirm elsewhere: a 3-D Secure challenge or the
/// provider's own page. Normally the form post goes there by itself; this
/// is what a buyer sees coming back without finishing, or inside a frame
/// (a provider's page refuses frames: the link takes the top window there).
#[component]
fn Action(p: CheckoutPage) -> impl IntoView {
    let attempt = p.attempt.clone();
    // On a provider's own page, name the provider ("Stripe"), not the
    // method ("Card").
    let provider = attempt.as_ref().and_then(|a| a.provider_page.clone());
    let method = attempt
        .as_ref()
        .map(|a| provider.clone().unwrap_or_else(|| method_name(a.method)))
        .unwrap_or_default();
    let card = attempt.as_ref().is_some_and(|a| a.card_brand.is_some());
    let target = provider.is_some().then_some("_top");
    let url = attempt.and_then(|a| a.next_action_url).unwrap_or_default();
    let carrier = island::share(Onward {
        url,
        target: target.unwrap_or_default().to_owned(),
        label: t("action-continue"),
    });
    let (title, body) = if card {
        (t("action-card-title"), t("action-card-body"))
    } else {
        (
            ta("action-redirect-title", &[("method", &method)]),
            ta("action-redirect-body", &[("method", &method)]),
        )
    };
    view! {
        <section class="state" data-testid="action">
            <div class="state-badge badge-wait"><StateIcon icon=Icon::Lock/></div>
            <h2>{title}</h2>
            <p class="text-slate-700">{body}</p>
            {carrier}
            <Continue/>
            <form method="post" action=with_lang(&format!("/c/{}/abandon", p.id))>
                <button type="submit" class="link-button" data-testid="abandon">{t("action-abandon")}</button>
            </form>
        </section>
    }
}

/// Where `Continue` goes, in which window (`_top` or empty), and its words.
#[derive(Clone, miniserde::Serialize, miniserde::Deserialize)]
struct Onward {
    url: String,
    target: String,
    label: String,
}

impl Model for Onward {
    const CARRIER: &'static str = "lipa-continue";
}

/// The way to the bank's or provider's page. Right after the Pay button
/// (`#continue`, set by the form post's redirect) it goes there by itself.
#[island]
fn Continue() -> impl IntoView {
    let Onward { url, target, label } = island::model();
    #[cfg(feature = "hydrate")]
    if window().location().hash().is_ok_and(|h| h == "#continue") {
        let _ = window().location().replace(&url);
    }
    let target = (!target.is_empty()).then_some(target);
    view! { <a class="button" href=url target=target rel="external" data-testid="continue">{label}</a> }
}

#[component]
fn Paid(p: CheckoutPage) -> impl IntoView {
    let merchant = p.merchant_name.clone();
    let method = p
        .attempt
        .as_ref()
        .map(|a| match (a.card_brand, &a.card_last4) {
            (Some(brand), Some(last4)) => {
                format!("{} \u{2022}\u{2022}\u{2022}\u{2022} {last4}", brand.name())
            }
            _ => method_name(a.method),
        });
    let paid_at = p.attempt.as_ref().map(|a| a.updated_at);
    // In a frame nothing moves the buyer by itself (see `embed`): the link
    // takes the top window to the merchant.
    let return_link = p.return_url.clone().map(|url| {
        let label = ta("return-to-merchant", &[("merchant", &merchant)]);
        view! { <a class="button" href=url rel="external" target="_top" data-testid="return-link">{label}</a> }
    });
    let has_return = p.return_url.is_some();
    view! {
        <section class="state" aria-live="polite" data-testid="receipt">
            <div class="state-badge badge-ok"><StateIcon icon=Icon::Check/></div>
            <h2>{t("receipt-title")}</h2>
            <p class="text-slate-700">{ta("receipt-body", &[("merchant", &merchant)])}</p>
            <dl class="receipt">
                <div><dt>{t("receipt-amount")}</dt><dd class="tabular-nums">{money(p.total)}</dd></div>
                {method.map(|m| view! { <div><dt>{t("receipt-method")}</dt><dd>{m}</dd></div> })}
                <div><dt>{t("receipt-reference")}</dt><dd class="mono" data-testid="reference">{p.reference.clone()}</dd></div>
                {paid_at.map(|at| view! {
                    <div><dt>{t("receipt-date")}</dt><dd>{crate::i18n::date_time(super::parts::locale(), at)}</dd></div>
                })}
            </dl>
            {return_link}
            {(!has_return).then(|| view! { <p class="text-slate-600 mt-4">{t("receipt-close")}</p> })}
        </section>
    }
}

#[component]
fn Closed(icon: Icon, title: &'static str, body: &'static str, merchant: String) -> impl IntoView {
    view! {
        <section class="state" data-testid=title>
            <div class="state-badge badge-muted"><StateIcon icon/></div>
            <h2>{t(title)}</h2>
            <p class="text-slate-700">{ta(body, &[("merchant", &merchant)])}</p>
        </section>
    }
}
