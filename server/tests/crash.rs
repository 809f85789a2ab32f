//! The outbox survives `kill -9`: the real `lipa` binary is killed after a
//! payment committed and while its webhooks were on the wire; the next
//! start delivers them, with the same `webhook-id`s.

use axum::body::Bytes;
use axum::http::HeaderMap;
use serde_json::{Value, json};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::process::{KEY, Server, free_port, kill_hard, wait_healthy};

mod support;

fn start(dir: &std::path::Path, port: u16) -> Server {
    support::process::start(dir, port, &[])
}

async fn api(s: &Server, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
    let client = reqwest::Client::new();
    let mut req = client
        .request(method, format!("{}{path}", s.base))
        .bearer_auth(KEY);
    if let Some(b) = body {
        req = req
            .header("content-type", "application/json")
            .body(b.to_string());
    }
    let res = req.send().await.unwrap();
    let status = res.status();
    let v: Value = serde_json::from_slice(&res.bytes().await.unwrap()).unwrap();
    assert!(status.is_success(), "{path}: {v}");
    v
}

#[derive(Clone, Default)]
struct Receiver {
    ids: Arc<Mutex<Vec<String>>>,
    /// While set, requests hang (the server is killed meanwhile).
    hang: Arc<AtomicBool>,
}

#[tokio::test(flavor = "multi_thread")]
async fn events_survive_kill_9_and_are_delivered_after_restart() {
    let dir = tempfile::tempdir().unwrap();
    let receiver = Receiver::default();
    receiver.hang.store(true, Ordering::SeqCst);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let hook_url = format!("http://{}/hooks", listener.local_addr().unwrap());
    let r = receiver.clone();
    let app = axum::Router::new().fallback(move |h: HeaderMap, _body: Bytes| {
        let r = r.clone();
        async move {
            let id = h
                .get("webhook-id")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_owned();
            r.ids.lock().unwrap().push(id);
            if r.hang.load(Ordering::SeqCst) {
                tokio::time::sleep(Duration::from_secs(600)).await;
            }
            "ok"
        }
    });
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    let port = free_port();
    let mut server = start(dir.path(), port);
    wait_healthy(&server).await;
    let product = api(
        &server,
        reqwest::Method::POST,
        "/v1/products",
        Some(json!({ "name": "Crash", "main_currency": "MZN", "webhook_url": hook_url })),
    )
    .await;
    let session = api(
        &server,
        reqwest::Method::POST,
        "/v1/checkout/sessions",
        Some(json!({ "product": product["id"], "amount": 150000, "currency": "MZN" })),
    )
    .await;
    let id = session["id"].as_str().unwrap().to_owned();
    // The buyer pays (the no-JS form post): the payment commits with its events.
    let paid = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(format!("{}/c/{id}", server.base))
        .form(&[
            ("method", "card"),
            ("card_number", "4242424242424242"),
            ("card_expiry", "12/30"),
            ("card_cvc", "123"),
            ("card_name", "Amina Machava"),
        ])
        .send()
        .await
        .unwrap();
    assert!(paid.status().is_redirection(), "{}", paid.status());

    // Both events are on the wire, their outcome not yet recorded: kill -9.
    let start_wait = Instant::now();
    while receiver.ids.lock().unwrap().len() < 2 {
        assert!(
            start_wait.elapsed() < Duration::from_secs(5),
            "no webhook left"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    kill_hard(&mut server);
    let before: Vec<String> = receiver.ids.lock().unwrap().clone();

    // Restart on the same database; the receiver now answers.
    receiver.hang.store(false, Ordering::SeqCst);
    let mut server = start(dir.path(), port);
    wait_healthy(&server).await;
    let start_wait = Instant::now();
    let events = loop {
        let list = api(
            &server,
            reqwest::Method::GET,
            &format!("/v1/events?checkout_session={id}"),
            None,
        )
        .await;
        let events = list["data"].as_array().unwrap().clone();
        if events.len() == 2
            && events
                .iter()
                .all(|e| e["delivery"]["status"] == "delivered")
        {
            break events;
        }
        assert!(
            start_wait.elapsed() < Duration::from_secs(20),
            "not delivered after restart: {list}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let after: Vec<String> = receiver.ids.lock().unwrap()[before.len()..].to_vec();
    for e in &events {
        let eid = e["id"].as_str().unwrap().to_owned();
        assert!(before.contains(&eid), "sent before the kill");
        assert!(
            after.contains(&eid),
            "sent again after the restart, same id"
        );
    }
    // The session is paid, whatever the merchant's endpoint went through.
    let s = api(
        &server,
        reqwest::Method::GET,
        &format!("/v1/checkout/sessions/{id}"),
        None,
    )
    .await;
    assert_eq!(s["payment_status"], "succeeded");
    kill_hard(&mut server);
}
