//! The checkout inside a merchant's frame: tells the merchant's page what
//! happens (`ready`, `resize`, `payment_pending`, `completed`, `cancelled`,
//! `expired`), only ever to the framing origin and only when the product
//! allows that origin. The browser's `frame-ancestors` has already refused
//! any other; this checks again before saying anything.
//!
//! When the merchant's page runs `/embed.js` it answers `ready` with
//! `host`; from then on it decides what success and cancel do. A plain
//! iframe gets links that open in the top window (a user gesture), since
//! browsers block a frame from moving its parent by itself.

#[cfg(feature = "hydrate")]
pub use imp::*;

use super::island::{self, Model};
use leptos::prelude::*;
use miniserde::{Deserialize, Serialize};

/// The frame island's data: the origins the product lets frame the
/// checkout, and what to tell them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Frame {
    pub origins: Vec<String>,
    pub checkout: String,
    pub news: FrameNews,
    /// The page's language and direction and the word for "Close", told
    /// with `ready` so `embed.js` lays its dialog out as the checkout.
    pub page: PageLanguage,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageLanguage {
    pub lang: String,
    pub dir: String,
    pub close: String,
}

impl Model for Frame {
    const CARRIER: &'static str = "lipa-frame";
}

/// What the framing page hears about the screen the checkout shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrameNews {
    /// `payment_pending`, `completed` or `expired`; empty for nothing to
    /// say (the buyer is choosing).
    pub kind: String,
    pub status: String,
    pub payment_status: String,
    /// With `completed`: where the merchant asked the buyer to go (empty:
    /// nowhere).
    pub return_url: String,
}

/// Talks to the framing page, if any (an island that draws nothing):
/// starts the conversation and tells it what this screen shows.
#[island]
pub fn FrameTalk() -> impl IntoView {
    let Frame {
        origins,
        checkout,
        news,
        page,
    } = island::model();
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsValue;
        start(&origins, &checkout, &page);
        let n = news;
        if !n.kind.is_empty() {
            let mut fields = vec![
                ("session_id", JsValue::from(checkout.as_str())),
                ("status", JsValue::from(n.status.as_str())),
                ("payment_status", JsValue::from(n.payment_status.as_str())),
            ];
            if n.kind == "completed" {
                let url = match n.return_url.as_str() {
                    "" => JsValue::NULL,
                    url => JsValue::from(url),
                };
                fields.push(("return_url", url));
            }
            post(&n.kind, &fields);
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (origins, checkout, news, page);
}

/// `scheme://host[:port]` of a URL, by hand: the `url` crate would add some
/// 80 KB of Unicode tables to the wasm for this one use.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
fn origin_prefix(url: &str) -> Option<String> {
    let start = url.find("://")? + 3;
    let end = url[start..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| start + i);
    (end > start).then(|| url[..end].to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::origin_prefix;

    #[test]
    fn origins_of_referrers() {
        let o = |u| origin_prefix(u);
        assert_eq!(
            o("https://Shop.example/cart?x=1").as_deref(),
            Some("https://shop.example")
        );
        assert_eq!(
            o("http://127.0.0.1:4200/").as_deref(),
            Some("http://127.0.0.1:4200")
        );
        assert_eq!(
            o("http://localhost:4100?a").as_deref(),
            Some("http://localhost:4100")
        );
        assert_eq!(
            o("https://shop.example").as_deref(),
            Some("https://shop.example")
        );
        assert_eq!(o(""), None);
        assert_eq!(o("https:///path"), None);
    }
}

#[cfg(feature = "hydrate")]
mod imp {
    use js_sys::{Object, Reflect};
    use leptos::prelude::{document, window};
    use std::cell::{Cell, OnceCell};
    use std::rc::Rc;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::*;

    struct Parent {
        window: web_sys::Window,
        /// The framing page's origin, checked against the allow list.
        origin: String,
        host: Cell<bool>,
    }

    thread_local! {
        static PARENT: OnceCell<Option<Rc<Parent>>> = const { OnceCell::new() };
    }

    fn parent() -> Option<Rc<Parent>> {
        PARENT.with(|p| p.get().cloned().flatten())
    }

    pub fn framed() -> bool {
        let w = window();
        w.parent()
            .ok()
            .flatten()
            .is_some_and(|p| !Object::is(&p, &w))
    }

    pub fn hosted() -> bool {
        parent().is_some_and(|p| p.host.get())
    }

    /// The origin of the page that frames us: what the browser says
    /// (`location.ancestorOrigins`), else the referrer's origin.
    fn framing_origin() -> Option<String> {
        let w = window();
        // `location.ancestorOrigins` (Chromium, Safari) is not in web-sys.
        let from_ancestors = Reflect::get(&w.location(), &"ancestorOrigins".into())
            .ok()
            .filter(|list| !list.is_undefined())
            .and_then(|list| Reflect::get(&list, &0.into()).ok())
            .and_then(|o| o.as_string());
        let from_referrer = || super::origin_prefix(&document().referrer());
        from_ancestors.or_else(from_referrer)
    }

    /// Starts talking to the framing page, once per page load. Does nothing
    /// at top level or when the framing origin is not allowed.
    pub fn start(allowed: &[String], session_id: &str, page: &super::PageLanguage) {
        let first = PARENT.with(|p| p.get().is_none());
        if !first {
            return;
        }
        let found = framed()
            .then(framing_origin)
            .flatten()
            .filter(|o| allowed.iter().any(|a| a.trim_end_matches('/') == o));
        let parent = found.and_then(|origin| {
            let w = window().parent().ok().flatten()?;
            Some(Rc::new(Parent {
                window: w,
                origin,
                host: Cell::new(false),
            }))
        });
        PARENT.with(|p| {
            let _ = p.set(parent.clone());
        });
        let Some(parent) = parent else {
            return;
        };
        listen_for_host(&parent);
        catch_cancel(session_id.to_owned());
        watch_height();
        forward_escape();
        post(
            "ready",
            &[
                ("session_id", session_id.into()),
                ("lang", page.lang.as_str().into()),
                ("dir", page.dir.as_str().into()),
                ("close_label", page.close.as_str().into()),
            ],
        );
    }

    fn listen_for_host(parent: &Rc<Parent>) {
        let me = parent.clone();
        let on_message =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
                let from_parent = ev.source().is_some_and(|s| Object::is(&s, &me.window));
                if !from_parent || ev.origin() != me.origin {
                    return;
                }
                let data = ev.data();
                let field = |k: &str| {
                    Reflect::get(&data, &k.into())
                        .ok()
                        .and_then(|v| v.as_string())
                };
                if field("source").as_deref() == Some("lipa-embed")
                    && field("type").as_deref() == Some("host")
                {
                    me.host.set(true);
                    // Marked on the page, so a test can tell when the
                    // script's answer has arrived.
                    if let Some(html) = document().document_element() {
                        let _ = html.set_attribute("data-hosted", "");
                    }
                }
            });
        let _ = window()
            .add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
        on_message.forget();
    }

    /// A click on the merchant's cancel link, when the merchant's page runs
    /// our embed script: the script decides where a cancel goes.
    fn catch_cancel(session_id: String) {
        let on_click = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
            let link = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("a[data-testid=cancel]").ok().flatten());
            if let (Some(link), true) = (link, hosted()) {
                ev.prevent_default();
                let url = link.get_attribute("href").unwrap_or_default();
                post(
                    "cancelled",
                    &[
                        ("session_id", session_id.as_str().into()),
                        ("cancel_url", url.as_str().into()),
                    ],
                );
            }
        });
        let _ =
            document().add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
        on_click.forget();
    }

    /// Posts the page's height whenever it changes, so the frame fits it.
    fn watch_height() {
        let report = || {
            if let Some(shell) = document().query_selector(".shell").ok().flatten() {
                let h = shell
                    .unchecked_into::<web_sys::HtmlElement>()
                    .offset_height();
                post("resize", &[("height", h.into())]);
            }
        };
        let on_resize = Closure::<dyn FnMut()>::new(report);
        if let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
            // Observe the body: the checkout's screens replace `.shell`'s
            // children, and a language switch replaces `.shell` itself.
            if let Some(body) = document().body() {
                observer.observe(&body);
            }
            std::mem::forget(observer);
        }
        on_resize.forget();
        report();
    }

    /// Escape pressed inside the frame closes the merchant's modal; on key
    /// up, so the key has finished with this frame before it goes away.
    fn forward_escape() {
        let on_key =
            Closure::<dyn FnMut(web_sys::KeyboardEvent)>::new(move |ev: web_sys::KeyboardEvent| {
                if ev.key() == "Escape" {
                    post("escape", &[]);
                }
            });
        let _ =
            document().add_event_listener_with_callback("keyup", on_key.as_ref().unchecked_ref());
        on_key.forget();
    }

    /// Sends `{source: "lipa", type, ...fields}` to the framing page, at its
    /// checked origin; never to `*`.
    pub fn post(kind: &str, fields: &[(&str, JsValue)]) {
        let Some(p) = parent() else {
            return;
        };
        let msg = Object::new();
        let _ = Reflect::set(&msg, &"source".into(), &"lipa".into());
        let _ = Reflect::set(&msg, &"type".into(), &kind.into());
        for (k, v) in fields {
            let _ = Reflect::set(&msg, &(*k).into(), v);
        }
        let _ = p.window.post_message(&msg, &p.origin);
    }
}
