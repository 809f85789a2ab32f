//! `/c/{id}`: the checkout a buyer pays, in each of its states.

use super::language::{LanguageSwitcher, Switching};
use super::parts::{Icon, OrderSummary, StateIcon, method_name, money, t, ta};
use super::pay_form::PayForm;
use super::{NotFound, Unavailable, lang_query, with_lang};
use crate::api::load_checkout;
use crate::domain::phone::display_phone;
use crate::domain::{Locale, LocaleSource, PaymentStatus, Status};
use crate::service::{AttemptStatus, CheckoutPage, FormEcho, PageData};
use leptos::prelude::*;
use leptos_meta::{Html, Meta, Title};
use leptos_router::hooks::use_params_map;

/// How often the page asks whether a pending payment has settled.
#[cfg(feature = "hydrate")]
const POLL_MS: u64 = 2000;

#[component]
pub fn CheckoutRoute() -> impl IntoView {
    let params = use_params_map();
    let lang = lang_query();
    let data = Resource::new_blocking(
        move || (params.read().get("id").unwrap_or_default(), lang()),
        |(id, lang)| load_checkout(id, lang),
    );
    Switching::provide();
    // A language switch fetches the page again; the old one stays on screen
    // until the new one is ready.
    view! {
        <Transition>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <CheckoutScreen data/> }.into_any(),
                    Err(_) => view! { <Unavailable/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn CheckoutScreen(data: PageData) -> impl IntoView {
    // Now that the checkout is known, its page may post to where it leads.
    #[cfg(feature = "ssr")]
    crate::page::set_content_security_policy(&data.policy);
    provide_context(data.locale);
    let lang = data.locale.as_str();
    match data.checkout {
        None => view! { <Html {..} lang=lang/><NotFound/> }.into_any(),
        Some(checkout) => {
            let languages = Languages {
                current: data.locale,
                source: data.locale_source,
            };
            #[cfg(feature = "hydrate")]
            restore_stored_choice(languages, &checkout.id);
            view! {
                <Html {..} lang=lang/>
                <Checkout initial=checkout echo=data.echo languages/>
            }
            .into_any()
        }
    }
}

/// The page's language and why; the merchant's fixed choice hides the switcher.
#[derive(Clone, Copy, Debug)]
struct Languages {
    current: Locale,
    source: LocaleSource,
}

/// In a frame our cookie may not arrive, so the server only guessed the
/// language; the browser's own storage may know the buyer's earlier choice.
#[cfg(feature = "hydrate")]
fn restore_stored_choice(languages: Languages, id: &str) {
    let navigate = leptos_router::hooks::use_navigate();
    let path = format!("/c/{id}");
    Effect::new(move |done: Option<()>| {
        if done.is_none()
            && languages.source.is_a_guess()
            && let Some(stored) = super::language::stored_choice()
            && stored != languages.current
        {
            super::language::switch_to(stored, &path, &navigate);
        }
    });
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

/// Follows the screen once hydrated: tells a framing page, polls a pending
/// payment, leaves for the merchant once paid, sends the buyer to a bank's
/// or provider's page.
#[cfg(feature = "hydrate")]
fn watch(page: RwSignal<CheckoutPage>, screen: Memo<Screen>, just_paid: RwSignal<bool>) {
    {
        let p = page.read_untracked();
        super::embed::start(&p.embed_origins, &p.id);
    }
    Effect::new(move |previous: Option<Screen>| {
        let now = screen.get();
        if previous != Some(now) {
            tell_the_framing_page(now, &page.read_untracked());
        }
        if now == Screen::Pending && previous != Some(Screen::Pending) {
            poll_until_settled(page.get_untracked().id, page, just_paid);
        }
        // Paid while this page watched (not a later visit): leave.
        if now == Screen::Paid && previous.is_some_and(|p| p != Screen::Paid) {
            just_paid.set(true);
        }
        // The buyer just pressed Pay and must confirm elsewhere: go there
        // (in a frame, not to a provider's page, which refuses frames: the
        // Action screen's link takes the top window there).
        if now == Screen::Action && previous == Some(Screen::Pay) {
            let url = page
                .read_untracked()
                .attempt
                .as_ref()
                .filter(|a| a.provider_page.is_none() || !super::embed::framed())
                .and_then(|a| a.next_action_url.clone());
            if let Some(url) = url {
                let _ = window().location().assign(&url);
            }
        }
        now
    });
    Effect::new(move |_| {
        let url = page.read().return_url.clone();
        // In a frame the merchant's page (or the buyer, with the link)
        // moves the top window; a frame cannot do it by itself.
        if let (true, Some(url), false) = (just_paid.get(), url, super::embed::framed()) {
            let _ = window().location().replace(&url);
        }
    });
}

/// The part of the card that changes with the checkout's state.
#[component]
fn ScreenView(
    page: RwSignal<CheckoutPage>,
    screen: Memo<Screen>,
    just_paid: RwSignal<bool>,
    echo: StoredValue<Option<FormEcho>>,
    merchant: String,
) -> impl IntoView {
    move || {
        match screen.get() {
        Screen::Pay => {
            let echo = echo.try_update_value(Option::take).flatten();
            view! { <PayForm page echo/> }.into_any()
        }
        Screen::Pending => view! { <Pending page/> }.into_any(),
        Screen::Action => view! { <Action page/> }.into_any(),
        Screen::Paid => view! { <Paid page just_paid/> }.into_any(),
        Screen::Expired => view! {
            <Closed icon=Icon::Clock title="expired-title" body="expired-body" merchant=merchant.clone()/>
        }
        .into_any(),
        Screen::Cancelled => view! {
            <Closed icon=Icon::Cross title="cancelled-title" body="cancelled-body" merchant=merchant.clone()/>
        }
        .into_any(),
    }
    }
}

#[component]
fn Checkout(initial: CheckoutPage, echo: Option<FormEcho>, languages: Languages) -> impl IntoView {
    let merchant = initial.merchant_name.clone();
    let switcher = (languages.source != LocaleSource::Merchant).then(|| {
        view! { <LanguageSwitcher current=languages.current path=format!("/c/{}", initial.id)/> }
    });
    let livemode = initial.livemode;
    let brand_style = initial
        .brand_color
        .clone()
        .map(|(color, on)| view! { <BrandStyle color on/> });
    let summary = view! {
        <OrderSummary
            merchant=merchant.clone()
            description=initial.description.clone()
            items=initial.line_items.clone()
            total=initial.total
        />
    };
    let page = RwSignal::new(initial);
    let screen = Memo::new(move |_| Screen::of(&page.read()));
    // Set when this tab saw the payment go through, so it may leave for the
    // merchant's success page; a later visit shows the receipt instead.
    let just_paid = RwSignal::new(false);
    // A refused no-JS form post is shown once, on the first form.
    let echo = StoredValue::new(echo);
    #[cfg(feature = "hydrate")]
    watch(page, screen, just_paid);

    view! {
        <Title text=ta("page-title", &[("merchant", &merchant)])/>
        <Meta name="description" content=ta("page-description", &[("merchant", &merchant)])/>
        {brand_style}
        <div class="shell">
            <header class="topbar">
                {(!livemode).then(|| view! { <p class="test-banner">{t("test-mode")}</p> })}
                {switcher}
            </header>
            <main class="card">
                {summary}
                <ScreenView page screen just_paid echo merchant/>
            </main>
            <footer class="footer">{t("secured-by")}</footer>
        </div>
    }
}

/// What the framing merchant page hears when the screen changes.
#[cfg(feature = "hydrate")]
fn tell_the_framing_page(screen: Screen, p: &CheckoutPage) {
    use wasm_bindgen::JsValue;
    let id = ("session_id", JsValue::from(p.id.as_str()));
    let status = ("status", JsValue::from(p.status.as_str()));
    let paid = ("payment_status", JsValue::from(p.payment_status.as_str()));
    match screen {
        Screen::Pending | Screen::Action => {
            super::embed::post("payment_pending", &[id, status, paid])
        }
        Screen::Paid => {
            let url = p.return_url.as_deref().map_or(JsValue::NULL, JsValue::from);
            super::embed::post("completed", &[id, status, paid, ("return_url", url)]);
        }
        Screen::Expired | Screen::Cancelled => super::embed::post("expired", &[id, status, paid]),
        Screen::Pay => {}
    }
}

/// Asks the server every [`POLL_MS`] until the payment leaves `pending`.
/// One request at a time, so a slow network never piles them up.
#[cfg(feature = "hydrate")]
fn poll_until_settled(id: String, page: RwSignal<CheckoutPage>, just_paid: RwSignal<bool>) {
    let _ = just_paid;
    set_timeout(
        move || {
            leptos::task::spawn_local(async move {
                let still_pending = match load_checkout(id.clone(), None).await {
                    Ok(PageData {
                        checkout: Some(p), ..
                    }) => {
                        let pending = Screen::of(&p) == Screen::Pending;
                        page.try_set(p);
                        pending
                    }
                    // A dropped request on a mobile network: keep asking.
                    _ => true,
                };
                if still_pending && !page.is_disposed() {
                    poll_until_settled(id, page, just_paid);
                }
            });
        },
        std::time::Duration::from_millis(POLL_MS),
    );
}

#[component]
fn Pending(page: RwSignal<CheckoutPage>) -> impl IntoView {
    let p = page.get_untracked();
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
    // Counts down in the browser from the server's figure at render time.
    let left = RwSignal::new(attempt.as_ref().map_or(0, |a| a.seconds_left));
    #[cfg(feature = "hydrate")]
    super::parts::every(std::time::Duration::from_secs(1), move || {
        left.update(|s| *s = (*s - 1).max(0))
    });
    let countdown = move || {
        let s = left.get();
        ta(
            "pending-countdown",
            &[("time", &format!("{}:{:02}", s / 60, s % 60))],
        )
    };
    view! {
        <section class="state" data-testid="pending">
            <noscript inner_html=refresh></noscript>
            <div class="state-badge badge-wait"><StateIcon icon=Icon::Phone/></div>
            <div aria-live="polite">
                <h2>{t("pending-title")}</h2>
                <p class="text-slate-700">
                    {ta("pending-body", &[("amount", &money(p.attempt.as_ref().map_or(p.total, |a| a.amount))), ("phone", &phone), ("method", &method)])}
                </p>
            </div>
            <p class="waiting"><span class="spinner" aria-hidden="true"></span>{t("pending-waiting")}</p>
            <p class="countdown tabular-nums" data-testid="countdown">{countdown}</p>
            <a class="link" href=check_href rel="external">{t("pending-check")}</a>
        </section>
    }
}

/// The buyer must confirm elsewhere: a 3-D Secure challenge or the
/// provider's own page. Normally the page goes there by itself; this is
/// what a buyer sees coming back without finishing.
#[component]
fn Action(page: RwSignal<CheckoutPage>) -> impl IntoView {
    let p = page.get_untracked();
    let attempt = p.attempt.clone();
    // On a provider's own page, name the provider ("Stripe"), not the
    // method ("Card").
    let provider = attempt.as_ref().and_then(|a| a.provider_page.clone());
    let method = attempt
        .as_ref()
        .map(|a| provider.clone().unwrap_or_else(|| method_name(a.method)))
        .unwrap_or_default();
    let card = attempt.as_ref().is_some_and(|a| a.card_brand.is_some());
    // Providers' pages refuse to be framed: in a merchant's frame the
    // buyer goes there in the top window (a link, so a user gesture).
    let target = provider.is_some().then_some("_top");
    let url = attempt.and_then(|a| a.next_action_url).unwrap_or_default();
    let (title, body) = if card {
        (t("action-card-title"), t("action-card-body"))
    } else {
        (
            ta("action-redirect-title", &[("method", &method)]),
            ta("action-redirect-body", &[("method", &method)]),
        )
    };
    let id = p.id.clone();
    let on_abandon = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            ev.prevent_default();
            let id = id.clone();
            leptos::task::spawn_local(async move {
                if let Ok(next) = crate::api::abandon(id).await {
                    page.try_set(next);
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, &id);
    };
    view! {
        <section class="state" data-testid="action">
            <div class="state-badge badge-wait"><StateIcon icon=Icon::Lock/></div>
            <h2>{title}</h2>
            <p class="text-slate-700">{body}</p>
            <a class="button" href=url target=target rel="external" data-testid="continue">{t("action-continue")}</a>
            <form method="post" action=with_lang(&format!("/c/{}/abandon", p.id)) on:submit=on_abandon>
                <button type="submit" class="link-button" data-testid="abandon">{t("action-abandon")}</button>
            </form>
        </section>
    }
}

#[component]
fn Paid(page: RwSignal<CheckoutPage>, just_paid: RwSignal<bool>) -> impl IntoView {
    let p = page.get_untracked();
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
    let return_url = p.return_url.clone();
    // In a frame nothing moves the buyer by itself (see `embed`).
    let leaving = move || just_paid.get() && return_url.is_some() && !super::embed::framed();
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
            {move || leaving().then(|| view! {
                <p class="waiting"><span class="spinner" aria-hidden="true"></span>
                    {ta("redirecting", &[("merchant", &p.merchant_name)])}</p>
            })}
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
