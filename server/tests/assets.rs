//! The page's JS and wasm: precompressed, negotiated, cached for a year.

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode};
use axum::routing::get;
use server::web::assets::{Assets, serve};
use std::io::Read;
use tower::ServiceExt;

async fn fetch(
    app: &Router,
    path: &str,
    accept: &str,
) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let req = Request::get(path)
        .header("accept-encoding", accept)
        .body(Body::empty())
        .unwrap();
    let res = app.clone().oneshot(req).await.unwrap();
    let (status, headers) = (res.status(), res.headers().clone());
    (
        status,
        headers,
        to_bytes(res.into_body(), 1 << 24).await.unwrap().to_vec(),
    )
}

#[tokio::test]
async fn assets_are_served_in_the_smallest_encoding_the_browser_takes() {
    let dir = tempfile::tempdir().unwrap();
    // Compressible like a real bundle: repeated code with some variety.
    let wasm: Vec<u8> = (0..200_000u32)
        .map(|i| ((i % 251) ^ (i / 977)) as u8)
        .collect();
    std::fs::write(dir.path().join("lipa.abc123.wasm"), &wasm).unwrap();
    let app = Router::new()
        .route("/pkg/{file}", get(serve))
        .with_state(Assets::load(
            dir.path().to_string_lossy().into_owned(),
            true,
        ));

    // Compression runs in the background; until then the file is served as is.
    let mut brotli = None;
    for _ in 0..200 {
        let (status, h, body) = fetch(&app, "/pkg/lipa.abc123.wasm", "gzip, deflate, br").await;
        assert_eq!(status, StatusCode::OK);
        if h.get("content-encoding").is_some_and(|v| v == "br") {
            brotli = Some((h, body));
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let (h, body) = brotli.expect("brotli within 10 s");
    assert_eq!(h["content-type"], "application/wasm");
    assert_eq!(h["vary"], "accept-encoding");
    assert_eq!(h["cache-control"], "public, max-age=31536000, immutable");
    let mut out = Vec::new();
    brotli::Decompressor::new(body.as_slice(), 4096)
        .read_to_end(&mut out)
        .unwrap();
    assert_eq!(out, wasm);
    assert!(body.len() < wasm.len() / 2, "{} bytes", body.len());

    let (_, h, body) = fetch(&app, "/pkg/lipa.abc123.wasm", "gzip").await;
    assert_eq!(h["content-encoding"], "gzip");
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(body.as_slice())
        .read_to_end(&mut out)
        .unwrap();
    assert_eq!(out, wasm);

    let (_, h, body) = fetch(&app, "/pkg/lipa.abc123.wasm", "br;q=0, identity").await;
    assert!(h.get("content-encoding").is_none());
    assert_eq!(body, wasm);

    let (status, ..) = fetch(&app, "/pkg/other.wasm", "br").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
