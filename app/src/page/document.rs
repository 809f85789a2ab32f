//! `/c/{id}` as one document, drawn straight from the checkout's data.
//!
//! The server reads the checkout first and then draws its page in one
//! synchronous pass: no router, resource or suspense (once the data is
//! read, nothing is left to wait for), and the head, the same on every page
//! but for the response's nonce, is drawn once per process.

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

/// Where the response's nonce goes in the head drawn once.
const NONCE_MARK: &str = "{{nonce}}";

impl CheckoutDocument {
    /// The HTML document. Call it inside an owner that holds the request's
    /// context: its parts, response options and nonce.
    pub fn to_html(self, options: &LeptosOptions) -> String {
        let nonce = leptos::nonce::use_nonce()
            .map(|n| n.to_string())
            .unwrap_or_default();
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
        let head = head_once(options, &nonce).replace(NONCE_MARK, &nonce);
        let titles = view! { <title>{title}</title><meta name="description" content=description/> }
            .to_html();
        let body = match self.data {
            Some(data) => view! { <CheckoutScreen data/> }.into_any(),
            None => view! { <Unavailable/> }.into_any(),
        }
        .to_html();
        format!(
            "<!DOCTYPE html><html lang=\"{}\"><head>{head}{titles}</head><body>{body}</body></html>",
            locale.as_str()
        )
    }
}

/// Every page's head, drawn for the first request (with its `nonce`) and
/// kept with a mark where each response's nonce goes.
fn head_once(options: &LeptosOptions, nonce: &str) -> &'static str {
    static HEAD: OnceLock<String> = OnceLock::new();
    HEAD.get_or_init(|| {
        let html = view! { <HeadStatics options=options.clone()/> }.to_html();
        if nonce.is_empty() {
            html
        } else {
            html.replace(nonce, NONCE_MARK)
        }
    })
}
