//! A webhook receiver on loopback for the tests: records every request and
//! answers as scripted (status, delay, headers), 200 by default.

#![allow(dead_code)]

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What the receiver does with the next request.
#[derive(Clone, Default)]
pub struct Behaviour {
    pub status: u16,
    pub delay: Duration,
    pub headers: Vec<(&'static str, String)>,
}

pub fn answer(status: u16) -> Behaviour {
    Behaviour {
        status,
        ..Behaviour::default()
    }
}

#[derive(Clone, Debug)]
pub struct Received {
    pub at: Instant,
    pub path: String,
    pub id: String,
    pub timestamp: String,
    pub signature: String,
    pub body: Bytes,
}

#[derive(Clone, Default)]
pub struct Receiver {
    pub got: Arc<Mutex<Vec<Received>>>,
    pub script: Arc<Mutex<VecDeque<Behaviour>>>,
    pub url: String,
}

impl Receiver {
    pub async fn start() -> Receiver {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let r = Receiver {
            url: format!("http://{}/hooks", listener.local_addr().unwrap()),
            ..Receiver::default()
        };
        let me = r.clone();
        let app = axum::Router::new().fallback(
            move |uri: axum::http::Uri, headers: HeaderMap, body: Bytes| {
                let me = me.clone();
                async move { me.handle(uri.path().to_owned(), headers, body).await }
            },
        );
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        r
    }

    pub async fn handle(&self, path: String, h: HeaderMap, body: Bytes) -> Response {
        let get = |n: &str| {
            h.get(n)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_owned()
        };
        self.got.lock().unwrap().push(Received {
            at: Instant::now(),
            path,
            id: get("webhook-id"),
            timestamp: get("webhook-timestamp"),
            signature: get("webhook-signature"),
            body,
        });
        let b = self
            .script
            .lock()
            .unwrap()
            .pop_front()
            .unwrap_or_else(|| answer(200));
        tokio::time::sleep(b.delay).await;
        let mut res = (
            StatusCode::from_u16(b.status).unwrap(),
            format!("receiver said {}", b.status),
        )
            .into_response();
        for (k, v) in b.headers {
            res.headers_mut().insert(k, v.parse().unwrap());
        }
        res
    }

    pub fn then(&self, behaviours: impl IntoIterator<Item = Behaviour>) {
        self.script.lock().unwrap().extend(behaviours);
    }

    pub fn received(&self) -> Vec<Received> {
        self.got.lock().unwrap().clone()
    }

    /// Waits until `n` requests have arrived (or fails after `within`).
    pub async fn wait_for(&self, n: usize, within: Duration) -> Vec<Received> {
        let start = Instant::now();
        loop {
            let got = self.received();
            if got.len() >= n {
                return got;
            }
            assert!(
                start.elapsed() < within,
                "only {} of {n} webhook requests arrived",
                got.len()
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
}

pub fn envelope(r: &Received) -> Value {
    serde_json::from_slice(&r.body).unwrap()
}
