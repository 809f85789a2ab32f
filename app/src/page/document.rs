//! `/c/{id}` as one document, drawn straight from the checkout's data.
//!
//! The server reads the checkout first and then draws its page in one
//! synchronous pass: no router, resource or suspense (once the data is
//! read, nothing is left to wait for). The document's opening (doctype,
//! `<html lang>`, and the head every page shares) is drawn once per process
//! and language without a nonce: the Content-Security-Policy allows its
//! inline style and scripts by their hashes, so the opening is the same
//! bytes on every response and the server can compress it once.

use super::checkout::{CheckoutScreen, head_texts};
use super::parts::t;
use super::{HeadStatics, QueryLang, Unavailable};
use crate::domain::Locale;
use crate::service::PageData;
use leptos::prelude::*;
use std::sync::OnceLock;

/// A checkout's page: its data, or `None` when it could not be read.
pub struct CheckoutDocument {
    pub data: Option<PageData>,
    /// The request's `?lang=`, when it names a language we speak.
    pub lang: Option<String>,
}

/// A drawn document: its language's [`opening`], then `rest`.
pub struct Drawn {
    pub locale: Locale,
    /// The page's own head (title, description) and its body, to the end of
    /// the document.
    pub rest: String,
}

impl CheckoutDocument {
    /// Draws the document. Call it inside an owner that holds the request's
    /// context: its parts, response options and nonce.
    pub fn draw(self, options: &LeptosOptions) -> Drawn {
        let locale = match &self.data {
            Some(d) => d.locale,
            None => self
                .lang
                .as_deref()
                .and_then(Locale::parse)
                .unwrap_or_default(),
        };
        provide_context(locale);
        provide_context(QueryLang(self.lang));
        let (title, description) = match &self.data {
            Some(data) => head_texts(data),
            None => (t("error-generic"), String::new()),
        };
        // Drawn before the body, whose policy names the head's hashes.
        opening(options, locale);
        let titles = view! { <title>{title}</title><meta name="description" content=description/> }
            .to_html();
        let body = match self.data {
            Some(data) => view! { <CheckoutScreen data/> }.into_any(),
            None => view! { <Unavailable/> }.into_any(),
        }
        .to_html();
        Drawn {
            locale,
            rest: format!("{titles}</head><body>{body}</body></html>"),
        }
    }
}

/// The start of every document in `locale`, up to its page's own title:
/// drawn once per process and language.
pub fn opening(options: &LeptosOptions, locale: Locale) -> &'static str {
    static OPENINGS: OnceLock<Vec<String>> = OnceLock::new();
    let all = OPENINGS.get_or_init(|| {
        let head = shared_head(options);
        let all = Locale::ALL.map(|l| {
            let (lang, dir) = (l.as_str(), l.dir());
            format!("<!DOCTYPE html><html lang=\"{lang}\" dir=\"{dir}\"><head>{head}")
        });
        all.to_vec()
    });
    &all[locale.index()]
}

/// The head every page shares, drawn outside any request (so without a
/// nonce), and the hashes of its inline style and scripts recorded for the
/// pages' Content-Security-Policy.
fn shared_head(options: &LeptosOptions) -> String {
    // On a thread of its own: a new root owner becomes its thread's
    // current one, which must not replace the request's.
    let draw = || {
        let root = Owner::new_root(None);
        root.with(|| view! { <HeadStatics options=options.clone()/> }.to_html())
    };
    let html = std::thread::scope(|s| s.spawn(draw).join()).expect("the shared head draws");
    let html = yield_between_islands(&html);
    super::record_inline_hashes(&html);
    html
}

/// Where Leptos' bootstrap hydrates one island.
const HYDRATE_ISLAND: &str = "const res = islandFn(el);";

/// Leptos' bootstrap hydrates every island in one task once the wasm is
/// ready; on a slow phone that is one long task (about 150 ms in
/// Lighthouse's mobile run) in which a tap waits. Giving the browser a turn
/// before each island splits it into one task per island. (A test of the
/// served page checks the bootstrap still has this line after an upgrade.)
fn yield_between_islands(head: &str) -> String {
    head.replace(
        HYDRATE_ISLAND,
        "await new Promise(r => setTimeout(r));const res = islandFn(el);",
    )
}
