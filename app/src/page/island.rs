//! How an island gets its data. Leptos would serialize an island's props
//! with serde_json into the page and back in the browser; serde_json, serde's
//! visitors and the float formatting their errors reach cost the wasm about
//! a fifth of its size. So our islands take no props: the server component
//! that renders an island first `share`s the island's [`Model`] (context for
//! the island's server render, and a `<script type="application/json">`
//! carrier in the page), and the island reads its `model` from the context
//! on the server and from the carrier in the browser, with miniserde (a JSON
//! library built for small code).

use leptos::prelude::*;

/// An island's data: plain fields (strings, numbers, lists), one island of
/// a kind per page.
pub trait Model:
    miniserde::Serialize + miniserde::Deserialize + Clone + Send + Sync + 'static
{
    /// The id of the element that carries it in the page.
    const CARRIER: &'static str;
}

/// Makes `model` the data of the island rendered after it and returns the
/// element that carries it to the browser. Call it before building the
/// island's view.
///
/// The carrier has the response's nonce like every inline script: a data
/// block never runs, but the page's rule stays simple (see `shell`).
pub fn share<M: Model>(model: M) -> impl IntoView {
    let json = carrier_text(&model);
    provide_context(model);
    let nonce = leptos::nonce::use_nonce();
    view! { <script type="application/json" id=M::CARRIER nonce=nonce inner_html=json></script> }
}

/// JSON that cannot end its `<script>` element: `<` only occurs inside
/// strings, where `\u003c` means the same.
fn carrier_text<M: Model>(model: &M) -> String {
    miniserde::json::to_string(model).replace('<', "\\u003c")
}

/// The island's data: what the server component shared.
pub fn model<M: Model>() -> M {
    #[cfg(feature = "hydrate")]
    {
        document()
            .get_element_by_id(M::CARRIER)
            .and_then(|e| e.text_content())
            .and_then(|text| miniserde::json::from_str(&text).ok())
            .expect("the server renders each island's data")
    }
    #[cfg(not(feature = "hydrate"))]
    {
        expect_context::<M>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use miniserde::{Deserialize, Serialize};

    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    struct Demo {
        name: String,
        list: Vec<(String, String)>,
        at: i64,
        maybe: Option<String>,
    }

    impl Model for Demo {
        const CARRIER: &'static str = "demo";
    }

    #[test]
    fn the_carrier_cannot_close_its_script_and_reads_back() {
        let demo = Demo {
            name: "</script><script>alert(1)</script>".into(),
            list: vec![("error-x".into(), "Não é \"válido\" {method}\n".into())],
            at: -1_700_000_000_000,
            maybe: None,
        };
        let text = carrier_text(&demo);
        assert!(!text.contains('<'), "{text}");
        assert_eq!(miniserde::json::from_str::<Demo>(&text).unwrap(), demo);
    }
}
