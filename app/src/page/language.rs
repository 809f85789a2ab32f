//! The language switcher, and keeping what the buyer typed when they use it.
//!
//! Without JavaScript the switcher is a GET form (`?lang=xx`). Once
//! hydrated, choosing a language swaps the page in place: the URL gets
//! `?lang=xx` (so reloads and form posts keep it), the server remembers the
//! choice in a first-party cookie, the browser's own storage remembers it
//! too (a frame may not get our cookie), and the payment form comes back
//! with what the buyer had typed.

use super::parts::t;
use crate::domain::{Locale, MethodId};
use leptos::prelude::*;

/// What the buyer had typed when they switched language. Held in memory
/// for the next render only; never stored, never sent anywhere.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Draft {
    pub method: Option<MethodId>,
    pub phone: String,
    pub card_number: String,
    pub card_expiry: String,
    pub card_cvc: String,
    pub card_name: String,
}

/// Carries what a language switch must keep across the re-render it causes:
/// the buyer's typing and the menu's focus. Provided by the route, above
/// the part that re-renders.
#[derive(Clone, Copy)]
pub(crate) struct Switching {
    draft: StoredValue<Option<Draft>>,
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    refocus: StoredValue<bool>,
}

impl Switching {
    pub fn provide() {
        provide_context(Switching {
            draft: StoredValue::new(None),
            refocus: StoredValue::new(false),
        });
    }

    /// The draft left by a switch, once.
    pub fn take_draft() -> Option<Draft> {
        use_context::<Switching>()?
            .draft
            .try_update_value(Option::take)
            .flatten()
    }
}

/// Where the browser keeps the buyer's choice for their next checkout.
#[cfg(feature = "hydrate")]
const STORAGE_KEY: &str = "lipa.lang";

#[cfg(feature = "hydrate")]
fn storage() -> Option<web_sys::Storage> {
    // Access throws in some privacy modes; then there is nothing to keep.
    window().local_storage().ok().flatten()
}

/// The choice this browser remembered in its own storage.
#[cfg(feature = "hydrate")]
pub(crate) fn stored_choice() -> Option<Locale> {
    let value = storage()?.get_item(STORAGE_KEY).ok().flatten()?;
    Locale::parse(&value)
}

/// Shows the page in `locale` without a page load: `?lang=` on the URL, the
/// choice remembered, the route's data fetched again in that language.
#[cfg(feature = "hydrate")]
pub(crate) fn switch_to(
    locale: Locale,
    path: &str,
    navigate: &dyn Fn(&str, leptos_router::NavigateOptions),
) {
    if let Some(s) = storage() {
        let _ = s.set_item(STORAGE_KEY, locale.as_str());
    }
    navigate(
        &format!("{path}?lang={}", locale.as_str()),
        leptos_router::NavigateOptions {
            replace: true,
            scroll: false,
            ..Default::default()
        },
    );
}

/// Reads the payment form as the buyer left it.
#[cfg(feature = "hydrate")]
fn capture_draft() -> Draft {
    use wasm_bindgen::JsCast;
    let doc = document();
    let input = |selector: &str| {
        doc.query_selector(selector)
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
    };
    let value = |id: &str| {
        input(&format!("#{id}"))
            .map(|i| i.value())
            .unwrap_or_default()
    };
    Draft {
        method: input("input[name=method]:checked").and_then(|i| MethodId::parse(&i.value())),
        phone: value("phone"),
        card_number: value("card-number"),
        card_expiry: value("card-expiry"),
        card_cvc: value("card-cvc"),
        card_name: value("card-name"),
    }
}

/// A small menu of the languages, each named in itself. `path` is the
/// page's own path, without a query.
#[component]
pub(crate) fn LanguageSwitcher(current: Locale, path: String) -> impl IntoView {
    let switching = use_context::<Switching>();
    #[cfg(feature = "hydrate")]
    let on_change = {
        let navigate = leptos_router::hooks::use_navigate();
        let path = path.clone();
        move |ev: leptos::ev::Event| {
            let Some(l) = Locale::parse(&event_target_value(&ev)) else {
                return;
            };
            if let Some(s) = switching {
                s.draft.set_value(Some(capture_draft()));
                s.refocus.set_value(true);
            }
            switch_to(l, &path, &navigate);
        }
    };
    #[cfg(not(feature = "hydrate"))]
    let on_change = |_: leptos::ev::Event| {};
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        // Back from a switch: the menu the buyer used keeps the focus.
        let back =
            switching.is_some_and(|s| s.refocus.try_update_value(std::mem::take).unwrap_or(false));
        if back {
            use wasm_bindgen::JsCast;
            if let Some(el) = document().get_element_by_id("lang") {
                let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = switching;
    view! {
        <form class="lang-switch" method="get" action=path data-testid="language-switcher">
            <label for="lang">
                <svg viewBox="0 0 24 24" aria-hidden="true" width="18" height="18">
                    <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="1.75"/>
                    <path d="M3 12h18M12 3c2.5 2.6 3.7 5.6 3.7 9s-1.2 6.4-3.7 9c-2.5-2.6-3.7-5.6-3.7-9S9.5 5.6 12 3z"
                        fill="none" stroke="currentColor" stroke-width="1.75"/>
                </svg>
                <span class="sr-only">{t("language")}</span>
            </label>
            <select id="lang" name="lang" on:change=on_change>
                {Locale::ALL.into_iter().map(|l| view! {
                    <option value=l.as_str() lang=l.as_str() selected=l == current>{l.endonym()}</option>
                }).collect_view()}
            </select>
            // Before (or without) WebAssembly the menu needs a button; once
            // hydrated, choosing is enough and CSS hides it.
            <button type="submit" class="lang-go">{t("language-apply")}</button>
        </form>
    }
}
