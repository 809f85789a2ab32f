//! `/embed.js`, the script a merchant's page loads to open a checkout as a
//! modal or inline frame. Served at a versioned URL that is cached for a
//! year (`/embed/<version>.js`) and at a short-cache alias (`/embed.js`)
//! for pages that always want the newest.

use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::sync::LazyLock;

pub const SCRIPT: &str = include_str!("../assets/embed.js");

/// The first 12 hex digits of the script's SHA-256: changes with every edit.
pub fn version() -> &'static str {
    static VERSION: LazyLock<String> =
        LazyLock::new(|| hex::encode(Sha256::digest(SCRIPT.as_bytes()))[..12].to_owned());
    &VERSION
}

/// Where the current script lives for good.
pub fn versioned_path() -> String {
    format!("/embed/{}.js", version())
}

fn script(cache: &'static str) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/javascript; charset=utf-8"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static(cache)),
        ],
        SCRIPT,
    )
        .into_response()
}

/// `GET /embed.js`: the newest script, cached for five minutes.
pub async fn alias() -> Response {
    script("public, max-age=300")
}

/// `GET /embed/{version}.js`: this version, cached for a year.
pub async fn versioned(Path(file): Path<String>) -> Response {
    if file.strip_suffix(".js") == Some(version()) {
        script("public, max-age=31536000, immutable")
    } else {
        StatusCode::NOT_FOUND.into_response()
    }
}
