//! The page between Lipa and PayFast: PayFast's hosted checkout is reached
//! by a form POST from the buyer's browser (its "Custom integration"), so
//! Lipa serves the signed form and submits it at once. Without JavaScript
//! the buyer presses the button. Nothing on it is secret: PayFast designed
//! the merchant key and signature to travel through the browser.

use super::escape_html as escape;
use app::domain::Locale;
use app::i18n::{t, ta};
use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};

const SUBMIT: &str = "document.getElementById('pf').submit()";
const STYLE: &str = "body{font-family:system-ui,sans-serif;background:#f8fafc;color:#0f172a;margin:0;padding:1rem}\
main{max-width:26rem;margin:2rem auto;background:#fff;border-radius:12px;padding:1.5rem;border:1px solid #e2e8f0}\
h1{font-size:1.25rem;margin:0 0 .5rem}p{line-height:1.5;color:#334155}\
button{width:100%;min-height:3rem;margin-top:.75rem;border-radius:10px;font:inherit;font-weight:600;\
border:0;background:#0f766e;color:#fff;cursor:pointer}";

pub fn render(action: &str, fields: &[(String, String)], locale: Locale) -> Response {
    let inputs: String = fields
        .iter()
        .map(|(k, v)| {
            format!(
                "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
                escape(k),
                escape(v)
            )
        })
        .collect();
    let name = [("method", "PayFast")];
    let html = format!(
        "<!doctype html><html lang=\"{lang}\" dir=\"{dir}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><style>{STYLE}</style></head><body><main>\
         <form id=\"pf\" method=\"post\" action=\"{action}\">{inputs}\
         <h1>{title}</h1><p>{body}</p><button type=\"submit\">{button}</button></form>\
         </main><script>{SUBMIT}</script></body></html>",
        lang = locale.as_str(),
        dir = locale.dir(),
        title = escape(&ta(locale, "action-redirect-title", &name)),
        body = escape(&ta(locale, "action-redirect-body", &name)),
        button = escape(&t(locale, "action-continue")),
        action = escape(action),
    );
    let hash = app::page::csp_hash(SUBMIT);
    let target = crate::web::page::origin_of(action).unwrap_or_default();
    let csp = format!(
        "default-src 'none'; style-src 'unsafe-inline'; script-src {hash}; \
         form-action {target}; frame-ancestors 'none'"
    );
    let mut res = Html(html).into_response();
    if let Ok(v) = HeaderValue::from_str(&csp) {
        res.headers_mut().insert(header::CONTENT_SECURITY_POLICY, v);
    }
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}
