//! The browser entry: hydrates the server-rendered page.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
    // From here on the page acts without page loads; CSS hides what only
    // browsers without our script need (the language menu's button).
    if let Some(root) = leptos::prelude::document().document_element() {
        let _ = root.class_list().add_1("hydrated");
    }
    // Lets tests (and curious developers) know the page is interactive.
    let _ = js_sys::Reflect::set(
        &leptos::prelude::window(),
        &"__lipa_hydrated".into(),
        &true.into(),
    );
}
