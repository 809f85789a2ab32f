//! A demo merchant on its own origin (`LIPA_DEMO_SHOP_ADDR`): a cart that
//! opens the checkout as a modal or inline with `/embed.js`, the way a
//! merchant's site would. Its "server side" creates sessions for the demo
//! merchant and checks their status before saying "paid" (a redirect or a
//! browser event alone is never proof of payment). It also receives the
//! demo product's webhooks at `/webhooks`, verifies their signatures as a
//! merchant would, and shows them with the order.

use crate::AppState;
use crate::web::escape_html as escape;
use crate::webhooks::signature::{WebhookSecret, verify};
use axum::Json;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::json;
use std::sync::{Arc, Mutex};

#[derive(Clone)]
struct Shop {
    state: AppState,
    merchant_id: String,
    origin: String,
    /// Webhooks received, in order (duplicates included, flagged).
    hooks: Arc<Mutex<Vec<Received>>>,
}

#[derive(Clone, Debug, serde::Serialize)]
struct Received {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    session: Option<String>,
    verified: bool,
    duplicate: bool,
}

pub fn router(state: AppState, merchant_id: String, origin: String) -> Router {
    Router::new()
        .route("/", get(cart))
        .route("/checkout", post(create_checkout))
        .route("/status/{id}", get(status))
        .route("/thanks", get(thanks))
        .route("/webhooks", post(receive_webhook).get(webhook_log))
        .with_state(Shop {
            state,
            merchant_id,
            origin,
            hooks: Arc::default(),
        })
}

/// `POST /checkout`: the shop's server creates a session for the cart.
async fn create_checkout(State(shop): State<Shop>) -> Response {
    let urls = crate::bootstrap::ReturnUrls {
        success: Some(format!(
            "{}/thanks?session_id={{CHECKOUT_SESSION_ID}}",
            shop.origin
        )),
        cancel: Some(format!("{}/?cancelled=1", shop.origin)),
    };
    match crate::bootstrap::demo_session(&shop.state, &shop.merchant_id, urls).await {
        Ok(id) => {
            Json(json!({ "id": id, "url": shop.state.config.checkout_url(&id) })).into_response()
        }
        Err(e) => crate::api::ApiError::from(e).into_response(),
    }
}

/// What the shop's server knows about a session: the truth, from Lipa.
async fn verified_status(shop: &Shop, id: &str) -> Option<(String, String)> {
    // As the API's status call: settled first, only the merchant's own.
    let loaded = shop.state.checkouts.refresh(id).await.ok()??;
    let s = loaded.session;
    if s.merchant_id != shop.merchant_id {
        return None;
    }
    Some((
        s.state.status.as_str().to_owned(),
        s.state.payment_status.as_str().to_owned(),
    ))
}

async fn status(State(shop): State<Shop>, Path(id): Path<String>) -> Response {
    match verified_status(&shop, &id).await {
        Some((status, payment_status)) => {
            Json(json!({ "status": status, "payment_status": payment_status })).into_response()
        }
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// `POST /webhooks`: what a merchant's endpoint does. Verify the signature
/// on the raw body first, answer 2xx quickly, process each `webhook-id` once.
async fn receive_webhook(
    State(shop): State<Shop>,
    headers: axum::http::HeaderMap,
    body: axum::body::Bytes,
) -> StatusCode {
    let header = |n: &str| headers.get(n).and_then(|v| v.to_str().ok()).unwrap_or("");
    let owner = crate::store::Owner::new(&shop.merchant_id, false);
    let secret = match crate::store::products::default_for(&shop.state.db.pool, &owner).await {
        Ok(Some(p)) => crate::store::products::webhook_secret(
            &shop.state.db.pool,
            &shop.state.config.master_key,
            &owner,
            &p.id,
        )
        .await
        .ok()
        .flatten(),
        _ => None,
    };
    let Some(secret) = secret.as_deref().and_then(WebhookSecret::parse) else {
        return StatusCode::SERVICE_UNAVAILABLE;
    };
    let now = crate::db::now_ms() / 1000;
    let id = header("webhook-id").to_owned();
    let verified = verify(
        &secret,
        &id,
        header("webhook-timestamp"),
        header("webhook-signature"),
        &body,
        now,
    )
    .is_ok();
    let event: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
    let data = &event["data"];
    let session = data["checkout_session"]
        .as_str()
        .or_else(|| data["id"].as_str().filter(|s| s.starts_with("cs_")))
        .map(str::to_owned);
    let mut hooks = shop.hooks.lock().expect("not poisoned");
    let duplicate = hooks.iter().any(|h| h.id == id && h.verified);
    hooks.push(Received {
        id,
        kind: event["type"].as_str().unwrap_or("").to_owned(),
        session,
        verified,
        duplicate,
    });
    if verified {
        StatusCode::NO_CONTENT
    } else {
        StatusCode::BAD_REQUEST
    }
}

#[derive(Deserialize)]
struct LogQuery {
    session: Option<String>,
}

/// `GET /webhooks?session=`: what the shop received (for its pages).
async fn webhook_log(State(shop): State<Shop>, Query(q): Query<LogQuery>) -> Response {
    let hooks = shop.hooks.lock().expect("not poisoned");
    let list: Vec<&Received> = hooks
        .iter()
        .filter(|h| q.session.is_none() || h.session == q.session)
        .collect();
    Json(list).into_response()
}

#[derive(Deserialize)]
struct ThanksQuery {
    session_id: Option<String>,
}

async fn thanks(State(shop): State<Shop>, Query(q): Query<ThanksQuery>) -> Html<String> {
    let id = q.session_id.unwrap_or_default();
    let verified = verified_status(&shop, &id).await;
    let text = match verified {
        Some((s, p)) if s == "complete" => format!("Paid and verified ({s}/{p})."),
        Some((s, p)) => format!("Not paid yet ({s}/{p})."),
        None => "Unknown order.".to_owned(),
    };
    let hooks: String = shop
        .hooks
        .lock()
        .expect("not poisoned")
        .iter()
        .filter(|h| h.session.as_deref() == Some(id.as_str()) && !h.duplicate)
        .map(|h| {
            let mark = if h.verified {
                "signature verified"
            } else {
                "bad signature"
            };
            format!("<li>{}: {mark}</li>", escape(&h.kind))
        })
        .collect();
    let hooks = if hooks.is_empty() {
        "<li>None yet; they arrive within a second of the payment.</li>".to_owned()
    } else {
        hooks
    };
    Html(layout(
        "Thank you",
        &format!(
            "<h1>Thank you</h1><p data-testid=\"verified\">{}</p>\
             <h2>Webhooks received</h2><ul id=\"hooks\">{hooks}</ul>\
             <p><a href=\"/\">Back to the shop</a></p>",
            escape(&text)
        ),
    ))
}

async fn cart(State(shop): State<Shop>) -> Html<String> {
    let script = format!(
        "{}{}",
        shop.state.config.public_url,
        crate::embed::versioned_path()
    );
    Html(layout(
        "Capulana Co. — cart",
        &CART.replace("{EMBED_JS}", &script),
    ))
}

/// The shop's `main` is named: a checkout framed in it has its own, and
/// two unnamed `main` landmarks on one screen confuse a screen reader.
fn layout(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><link rel=\"icon\" href=\"data:,\">\
         <title>{0}</title><style>{STYLE}</style></head><body><main aria-label=\"{0}\">{body}</main></body></html>",
        escape(title)
    )
}

const STYLE: &str = "*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,sans-serif;\
color:#1c1917;background:#fafaf9}main{max-width:44rem;margin:0 auto;padding:1rem}\
h1{font-size:1.5rem;margin:.5rem 0 1rem}.shop{font-weight:700;color:#9a3412}\
ul{list-style:none;padding:0;margin:0 0 1rem}li{display:flex;justify-content:space-between;\
padding:.5rem 0;border-bottom:1px solid #e7e5e4}.total{font-weight:700}\
.actions{display:flex;flex-wrap:wrap;gap:.5rem;margin:1rem 0}button{font:inherit;font-weight:600;\
padding:.75rem 1rem;border-radius:.5rem;border:2px solid #9a3412;background:#9a3412;color:#fff;\
cursor:pointer}button.alt{background:#fff;color:#9a3412}#inline{margin-top:1rem;border-radius:1rem;\
overflow:hidden}#result{font-weight:600;color:#166534}#log{font:13px/1.4 ui-monospace,monospace;\
color:#57534e;padding-left:1.25rem}h2{font-size:1.125rem;margin:1.5rem 0 .5rem}\
#hooks{font:13px/1.4 ui-monospace,monospace;color:#166534}#hooks li{border:0;padding:.125rem 0}";

const CART: &str = r#"<p class="shop">Capulana Co. · demo merchant</p>
<h1>Your cart</h1>
<ul>
  <li><span>Capulana, hand-printed × 2</span><span>MZN 2,500.00</span></li>
  <li><span>Delivery in Maputo</span><span>MZN 150.00</span></li>
  <li class="total"><span>Total</span><span>MZN 2,650.00</span></li>
</ul>
<div class="actions">
  <button id="modal" type="button">Pay in a window</button>
  <button id="mount" type="button" class="alt">Pay on this page</button>
</div>
<p id="result" role="status"></p>
<div id="inline"></div>
<h2>Events from the checkout</h2>
<ol id="log"></ol>
<h2>Webhooks received by the shop's server</h2>
<ul id="hooks"></ul>
<script src="{EMBED_JS}"></script>
<script>
  var log = document.getElementById('log'), result = document.getElementById('result');
  function note(text) { var li = document.createElement('li'); li.textContent = text; log.appendChild(li); }
  async function newCheckout() {
    var r = await fetch('/checkout', { method: 'POST' });
    return r.json();
  }
  function handlers(s) {
    return {
      url: s.url,
      onEvent: function (e) {
        if (e.type !== 'resize') note(e.type + (e.status ? ' ' + e.status + '/' + e.payment_status : ''));
      },
      onComplete: async function (e) {
        // The event says "completed"; the shop's server checks before believing it.
        var v = await (await fetch('/status/' + encodeURIComponent(e.session_id))).json();
        result.textContent = v.status === 'complete' ? 'Paid, verified by the shop: ' + v.status + '/' + v.payment_status
                                                      : 'Not paid: ' + v.status + '/' + v.payment_status;
        showHooks(e.session_id, 0);
      },
      onCancel: function () { result.textContent = 'Checkout cancelled; your cart is still here.'; },
      onClose: function () { note('closed'); }
    };
  }
  // The shop's server also hears from Lipa directly, by signed webhook.
  async function showHooks(id, tries) {
    var list = await (await fetch('/webhooks?session=' + encodeURIComponent(id))).json();
    var box = document.getElementById('hooks');
    box.textContent = '';
    list.filter(function (h) { return !h.duplicate; }).forEach(function (h) {
      var li = document.createElement('li');
      li.textContent = h.type + ': ' + (h.verified ? 'signature verified' : 'bad signature');
      box.appendChild(li);
    });
    if (list.length < 2 && tries < 20) setTimeout(function () { showHooks(id, tries + 1); }, 250);
  }
  document.getElementById('modal').onclick = async function () {
    result.textContent = '';
    Lipa.open(handlers(await newCheckout()));
  };
  document.getElementById('mount').onclick = async function () {
    result.textContent = '';
    var box = document.getElementById('inline');
    box.textContent = '';
    Lipa.mount(box, handlers(await newCheckout()));
  };
</script>"#;
