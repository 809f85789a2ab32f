//! The language switcher, and keeping what the buyer typed when they use it.
//!
//! Without JavaScript the switcher is a GET form (`?lang=xx`). Once its
//! island runs, choosing a language is enough: the page loads again with
//! `?lang=xx` (so reloads and form posts keep it; the server remembers the
//! choice in a first-party cookie, the browser's own storage remembers it
//! too, as a frame may not get our cookie), and the payment form comes back
//! with what the buyer had typed, except the card number and CVC, which
//! never leave the form.

use super::parts::t;
use crate::domain::Locale;
#[cfg(feature = "hydrate")]
use crate::domain::MethodId;
use leptos::prelude::*;

/// What the buyer had typed when they switched language, kept in this
/// tab's session storage for the next page load only. Never the card
/// number or CVC.
#[cfg(feature = "hydrate")]
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Draft {
    /// The checkout it was typed into.
    pub checkout: String,
    pub method: Option<MethodId>,
    pub phone: String,
    pub card_expiry: String,
    pub card_name: String,
}

#[cfg(feature = "hydrate")]
pub(crate) use browser::take_draft;

#[cfg(feature = "hydrate")]
impl Draft {
    /// Text inputs hold no line breaks: one line per field.
    fn encode(&self) -> String {
        let method = self.method.map_or("", |m| m.as_str());
        [
            &self.checkout,
            method,
            &self.phone,
            &self.card_expiry,
            &self.card_name,
        ]
        .join("\n")
    }

    fn decode(s: &str) -> Option<Draft> {
        let mut lines = s.split('\n');
        let mut next = || lines.next().map(str::to_owned);
        Some(Draft {
            checkout: next()?,
            method: MethodId::parse(&next()?),
            phone: next()?,
            card_expiry: next()?,
            card_name: next()?,
        })
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::Draft;
    use crate::domain::{Locale, MethodId};
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;

    /// Where the browser keeps the buyer's choice for their next checkout.
    const CHOICE: &str = "lipa.lang";
    /// Where a switch leaves the draft (session storage: this tab only).
    const DRAFT: &str = "lipa.draft";
    /// Set by a switch so the menu gets the focus back after the reload.
    const REFOCUS: &str = "lipa.refocus";

    // Access throws in some privacy modes; then there is nothing to keep.
    fn local() -> Option<web_sys::Storage> {
        window().local_storage().ok().flatten()
    }

    fn session() -> Option<web_sys::Storage> {
        window().session_storage().ok().flatten()
    }

    /// The choice this browser remembered in its own storage.
    pub(super) fn stored_choice() -> Option<Locale> {
        let value = local()?.get_item(CHOICE).ok().flatten()?;
        Locale::parse(&value)
    }

    /// Loads `path` in `locale`, remembering the choice and, when `draft`
    /// is given, what the buyer had typed.
    pub(super) fn switch_to(locale: Locale, path: &str, draft: Option<Draft>) {
        if let Some(s) = local() {
            let _ = s.set_item(CHOICE, locale.as_str());
        }
        if let (Some(s), Some(d)) = (session(), draft) {
            let _ = s.set_item(DRAFT, &d.encode());
            let _ = s.set_item(REFOCUS, "1");
        }
        let _ = window()
            .location()
            .replace(&format!("{path}?lang={}", locale.as_str()));
    }

    /// The draft a switch left for `checkout`, once.
    pub(crate) fn take_draft(checkout: &str) -> Option<Draft> {
        let s = session()?;
        let saved = s.get_item(DRAFT).ok().flatten()?;
        let _ = s.remove_item(DRAFT);
        Draft::decode(&saved).filter(|d| d.checkout == checkout)
    }

    /// Whether the page just came back from a switch (once).
    pub(super) fn take_refocus() -> bool {
        let Some(s) = session() else { return false };
        let set = s.get_item(REFOCUS).ok().flatten().is_some();
        let _ = s.remove_item(REFOCUS);
        set
    }

    /// Reads the payment form as the buyer left it.
    pub(super) fn capture_draft(checkout: &str) -> Draft {
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
            checkout: checkout.to_owned(),
            method: input("input[name=method]:checked").and_then(|i| MethodId::parse(&i.value())),
            phone: value("phone"),
            card_expiry: value("card-expiry"),
            card_name: value("card-name"),
        }
    }
}

/// The language menu's data: the page's language (its code), its own path
/// without a query, the checkout's id, and whether the server only guessed
/// the language (no `?lang=`, no cookie).
#[derive(Clone, miniserde::Serialize, miniserde::Deserialize)]
pub(crate) struct Switcher {
    pub current: String,
    pub path: String,
    pub checkout: String,
    pub guessed: bool,
}

impl super::island::Model for Switcher {
    const CARRIER: &'static str = "lipa-language";
}

/// A small menu of the languages, each named in itself. When the server
/// only guessed the language, the browser's stored choice, if any, wins.
#[island]
pub(crate) fn LanguageSwitcher() -> impl IntoView {
    let Switcher {
        current,
        path,
        checkout,
        guessed,
    } = super::island::model();
    let current = Locale::parse(&current).unwrap_or_default();
    #[cfg(feature = "hydrate")]
    let on_change = {
        let path = path.clone();
        move |ev: leptos::ev::Event| {
            if let Some(l) = Locale::parse(&event_target_value(&ev)) {
                browser::switch_to(l, &path, Some(browser::capture_draft(&checkout)));
            }
        }
    };
    #[cfg(not(feature = "hydrate"))]
    let on_change = {
        let _ = &checkout;
        |_: leptos::ev::Event| {}
    };
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        // In a frame our cookie may not arrive, so the server only guessed;
        // the buyer's earlier choice, kept by this browser, wins.
        match browser::stored_choice() {
            Some(stored) if guessed && stored != current => browser::switch_to(stored, &path, None),
            // Back from a switch: the menu the buyer used keeps the focus.
            _ if browser::take_refocus() => {
                if let Some(el) = document().get_element_by_id("lang") {
                    let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
                }
            }
            _ => {}
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = guessed;
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
                {Locale::MENU.into_iter().map(|l| view! {
                    <option value=l.as_str() lang=l.as_str() selected=l == current>{l.endonym()}</option>
                }).collect_view()}
            </select>
            // Before (or without) WebAssembly the menu needs a button; once
            // the island runs, choosing is enough and CSS hides it.
            <button type="submit" class="lang-go">{t("language-apply")}</button>
        </form>
    }
}
