//! What only the real binary shows: a huge upload leaves its memory flat,
//! and SIGTERM finishes what is under way before it exits.

mod support;

use serde_json::json;
use std::time::{Duration, Instant};
use support::process::{KEY, Server, free_port, rss_kb, signal, start, wait_healthy};
use support::receiver::{Behaviour, Receiver};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const UPLOAD: usize = 300 << 20;

/// Sends `head` then up to 300 MB of body in 1 MB pieces until the server
/// answers; returns the status line and how many bytes went out.
async fn upload(s: &Server, head: String, chunked: bool) -> (String, usize) {
    let stream = TcpStream::connect(("127.0.0.1", s.port)).await.unwrap();
    let (mut read, mut write) = stream.into_split();
    let writer = tokio::spawn(async move {
        let piece = vec![b'a'; 1 << 20];
        let mut sent = 0;
        if write.write_all(head.as_bytes()).await.is_err() {
            return sent;
        }
        while sent < UPLOAD {
            let ok = if chunked {
                let size = format!("{:x}\r\n", piece.len());
                write.write_all(size.as_bytes()).await.is_ok()
                    && write.write_all(&piece).await.is_ok()
                    && write.write_all(b"\r\n").await.is_ok()
            } else {
                write.write_all(&piece).await.is_ok()
            };
            if !ok {
                break;
            }
            sent += piece.len();
        }
        sent
    });
    let mut answer = vec![0u8; 512];
    let n = tokio::time::timeout(Duration::from_secs(30), read.read(&mut answer))
        .await
        .expect("an answer before the upload ends")
        .unwrap();
    let status = String::from_utf8_lossy(&answer[..n])
        .lines()
        .next()
        .unwrap_or("")
        .to_owned();
    writer.abort();
    let sent = writer.await.unwrap_or(0);
    (status, sent)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_300_mb_upload_is_refused_early_and_memory_stays_flat() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), free_port(), &[]);
    wait_healthy(&server).await;
    let before = rss_kb(&server);
    let declared = format!(
        "POST /api/locale HTTP/1.1\r\nhost: x\r\ncontent-type: application/x-www-form-urlencoded\r\ncontent-length: {UPLOAD}\r\n\r\n"
    );
    let (status, sent_declared) = upload(&server, declared, false).await;
    assert!(status.contains("413"), "{status}");
    let chunked = "POST /api/locale HTTP/1.1\r\nhost: x\r\ncontent-type: application/x-www-form-urlencoded\r\ntransfer-encoding: chunked\r\n\r\n".to_owned();
    let (status, sent_chunked) = upload(&server, chunked, true).await;
    assert!(status.contains("413"), "{status}");
    let after = rss_kb(&server);
    eprintln!(
        "RSS before {before} kB, after {after} kB; body bytes written before the 413: declared {sent_declared}, chunked {sent_chunked}"
    );
    assert!(
        after < before + 16 * 1024,
        "RSS grew from {before} kB to {after} kB"
    );
    signal(&server, "-9");
}

#[tokio::test(flavor = "multi_thread")]
async fn sigterm_finishes_requests_and_deliveries_under_way_then_exits() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = start(
        dir.path(),
        free_port(),
        &[("LIPA_WEBHOOK_TIMEOUT_MS", "5000")],
    );
    wait_healthy(&server).await;
    let slow = Receiver::start().await;
    slow.then((0..2).map(|_| Behaviour {
        status: 200,
        delay: Duration::from_millis(1500),
        ..Behaviour::default()
    }));
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let post = |path: &str, body: serde_json::Value| {
        client
            .post(format!("{}{path}", server.base))
            .bearer_auth(KEY)
            .header("content-type", "application/json")
            .body(body.to_string())
            .send()
    };
    let json = |bytes: &[u8]| serde_json::from_slice::<serde_json::Value>(bytes).unwrap();
    let product = post(
        "/v1/products",
        json!({ "name": "Drain", "main_currency": "MZN", "webhook_url": slow.url }),
    );
    let product = json(&product.await.unwrap().bytes().await.unwrap());
    let session = post(
        "/v1/checkout/sessions",
        json!({ "product": product["id"], "amount": 150000, "currency": "MZN" }),
    );
    let session = json(&session.await.unwrap().bytes().await.unwrap());
    let id = session["id"].as_str().unwrap();
    client
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
    // A delivery is on the wire, and a request is half sent.
    slow.wait_for(1, Duration::from_secs(5)).await;
    let body = json!({ "amount": 5000, "currency": "MZN" }).to_string();
    let mut half = TcpStream::connect(("127.0.0.1", server.port))
        .await
        .unwrap();
    let head = format!(
        "POST /v1/checkout/sessions HTTP/1.1\r\nhost: x\r\nauthorization: Bearer {KEY}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    );
    half.write_all(head.as_bytes()).await.unwrap();
    half.write_all(&body.as_bytes()[..5]).await.unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;

    signal(&server, "-TERM");
    let stopped = Instant::now();
    // No new connections ...
    let refuses = async {
        while TcpStream::connect(("127.0.0.1", server.port)).await.is_ok() {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    };
    tokio::time::timeout(Duration::from_secs(3), refuses)
        .await
        .expect("the server stops accepting");
    // ... but the half-sent request is answered.
    half.write_all(&body.as_bytes()[5..]).await.unwrap();
    let mut answer = String::new();
    half.read_to_string(&mut answer).await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let (_, body) = answer.split_once("\r\n\r\n").unwrap();
    let created = json(body.as_bytes());
    assert!(
        created["id"].as_str().unwrap().starts_with("cs_"),
        "{answer}"
    );
    // It exits once the delivery under way is recorded, not before.
    let status = tokio::task::spawn_blocking(move || server.child.wait().unwrap())
        .await
        .unwrap();
    assert!(status.success(), "{status}");
    assert!(stopped.elapsed() < Duration::from_secs(10));
    let db = format!("sqlite://{}/lipa.db", dir.path().display());
    let db = server::db::Db::connect(&db).await.unwrap();
    let delivered: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM webhook_attempts WHERE status_code = 200")
            .fetch_one(&db.pool)
            .await
            .unwrap();
    assert!(
        delivered >= 1,
        "the delivery under way at SIGTERM was recorded"
    );
}
