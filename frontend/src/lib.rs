//! The browser entry: hydrates the islands of the server-rendered page (the
//! payment form, the language menu, the pending countdown, the cancel link,
//! the talk with a framing page). Everything else is plain HTML.

// Links the islands' hydration functions, which the app crate exports.
extern crate app;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    leptos::mount::hydrate_islands();
    // The islands hydrate right after this, within the same task: mark the
    // page interactive on the next one. CSS then hides what only browsers
    // without our script need (the language menu's button).
    leptos::prelude::set_timeout(
        || {
            if let Some(root) = leptos::prelude::document().document_element() {
                let _ = root.class_list().add_1("hydrated");
            }
            // Lets tests (and curious developers) know the page is interactive.
            let _ = js_sys::Reflect::set(
                &leptos::prelude::window(),
                &"__lipa_hydrated".into(),
                &true.into(),
            );
        },
        std::time::Duration::ZERO,
    );
}
