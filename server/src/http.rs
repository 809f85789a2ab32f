//! The HTTP stack every request passes through, outermost first: a request
//! id and its log line ([`crate::telemetry`]), the security headers,
//! compression, a 500 with the request id instead of a dropped connection
//! when anything panics, a bounded body, the client's address; then, for
//! each route, its metrics; then the routes.

use crate::api::{ApiError, shaped};
use crate::config::Config;
use crate::metrics::METRICS;
use app::service::ClientIp;
use axum::Router;
use axum::body::Body;
use axum::extract::{ConnectInfo, MatchedPath, Request};
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::{Next, from_fn};
use axum::response::Response;
use futures_util::FutureExt;
use http_body_util::{BodyExt, LengthLimitError, Limited};
use std::net::{IpAddr, SocketAddr};
use std::panic::AssertUnwindSafe;
use std::time::Instant;
use tower_http::compression::CompressionLayer;

/// The largest request body any route takes.
pub const BODY_LIMIT: usize = 64 * 1024;
/// The one door that takes more: a logo upload.
const UPLOAD_PATH: &str = "/dashboard/settings/logo";
use crate::branding::UPLOAD_LIMIT;

/// The largest body a request to `path` may send.
fn body_limit(path: &str) -> usize {
    if path == UPLOAD_PATH {
        UPLOAD_LIMIT
    } else {
        BODY_LIMIT
    }
}

/// Wraps the application's routes in the stack. An https public URL tells
/// browsers to never use plain http (HSTS).
pub fn stack(routes: Router, config: &Config) -> Router {
    let https = config.public_url.starts_with("https://");
    let header = config.client_ip_header.clone();
    let app = routes
        .layer(from_fn(measure))
        .layer(from_fn(bad_arguments))
        .layer(axum::extract::DefaultBodyLimit::max(BODY_LIMIT))
        .layer(from_fn(move |req: Request, next: Next| {
            client_ip(header.clone(), req, next)
        }))
        .layer(from_fn(bound_body))
        .layer(from_fn(catch_panic))
        .layer(CompressionLayer::new())
        .layer(from_fn(move |req: Request, next: Next| async move {
            let mut res = next.run(req).await;
            security_headers(&mut res, https);
            res
        }));
    crate::telemetry::trace_requests(app)
}

/// Counts the request under its route's pattern (never the path itself:
/// ids would make a series per checkout) and times it.
async fn measure(req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or("other", |m| m.as_str())
        .to_owned();
    let method = req.method().as_str().to_owned();
    let started = Instant::now();
    let res = next.run(req).await;
    METRICS.request(&route, &method, res.status().as_u16(), started.elapsed());
    res
}

/// Notes who is asking, for the per-client limits: the last address in the
/// header a trusted proxy sets (`LIPA_CLIENT_IP_HEADER`), else the peer.
async fn client_ip(header: Option<HeaderName>, mut req: Request, next: Next) -> Response {
    let forwarded = header
        .and_then(|h| req.headers().get(h))
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.rsplit(',').next())
        .and_then(|v| v.trim().parse::<IpAddr>().ok());
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    if let Some(ip) = forwarded.or(peer) {
        req.extensions_mut().insert(ClientIp(ip));
    }
    next.run(req).await
}

/// Headers on every response. Pages set their own nonce-based CSP (with
/// the `frame-ancestors` their product allows); anything else (JSON, files,
/// errors) gets a policy that allows nothing. `Referrer-Policy: same-origin`
/// is stricter than `strict-origin-when-cross-origin`: a merchant's page
/// learns nothing of the checkout's URL.
fn security_headers(res: &mut Response, https: bool) {
    let h = res.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    if https {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    h.entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(
            "default-src 'none'; frame-ancestors 'none'",
        ));
    // Checkout state changes under the buyer's feet: never serve a stale copy.
    h.entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
}

/// Refuses a body over [`BODY_LIMIT`] with 413 before reading it when its
/// length is declared, and as soon as the limit is passed when it is sent
/// in chunks (server functions and form posts included), in the shape of
/// the API the path belongs to. Memory per request stays under the limit.
async fn bound_body(req: Request, next: Next) -> Response {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let limit = body_limit(req.uri().path());
    match declared {
        Some(n) if n > limit as u64 => return too_large(req.uri().path()),
        // hyper reads no further than the declared length.
        Some(_) => return next.run(req).await,
        None => {}
    }
    let (parts, body) = req.into_parts();
    match Limited::new(body, limit).collect().await {
        Ok(read) => {
            let req = Request::from_parts(parts, Body::from(read.to_bytes()));
            next.run(req).await
        }
        Err(e) if e.is::<LengthLimitError>() => too_large(parts.uri.path()),
        Err(_) => shaped(
            parts.uri.path(),
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "body_unreadable",
                "the request body could not be read",
            ),
        ),
    }
}

fn too_large(path: &str) -> Response {
    let limit = BODY_LIMIT / 1024;
    shaped(
        path,
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "request_too_large",
            format!("the request body is larger than {limit} KB"),
        ),
    )
}

/// The page's server functions (`/api/...`) answer arguments they cannot
/// read with a 500 (`server_fn` treats every error alike); they are the
/// client's mistake: 400.
async fn bad_arguments(req: Request, next: Next) -> Response {
    if !req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    let res = next.run(req).await;
    if res.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = match body.collect().await {
        Ok(b) => b.to_bytes(),
        Err(_) => return Response::from_parts(parts, Body::empty()),
    };
    if bytes.starts_with(b"Args|") || bytes.starts_with(b"Deserialization|") {
        parts.status = StatusCode::BAD_REQUEST;
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// A panic anywhere below becomes a 500 that names the request id (also in
/// `x-request-id`), logged; the connection stays up.
async fn catch_panic(req: Request, next: Next) -> Response {
    let id = req
        .headers()
        .get(crate::telemetry::REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-")
        .to_owned();
    let path = req.uri().path().to_owned();
    match AssertUnwindSafe(next.run(req)).catch_unwind().await {
        Ok(res) => res,
        Err(_) => {
            tracing::error!(request = %id, %path, "request panicked");
            let message = format!(
                "something went wrong on our side (request {id}); please try again, and quote this id if it keeps happening"
            );
            shaped(
                &path,
                ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal_error", message),
            )
        }
    }
}
