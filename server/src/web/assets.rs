//! The page's JS and wasm, served precompressed: each file is compressed
//! once with brotli (quality 11) and gzip (level 9), on a low-priority
//! thread off the request path,
//! and every request gets the smallest encoding its `Accept-Encoding` takes
//! (`Vary: Accept-Encoding` so caches keep them apart). Hashed names are
//! cached for a year. Until compression has finished (a second or two after
//! start), the files are served as they are on disk and compressed on the
//! fly by the stack's `CompressionLayer`.

use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, OnceLock};
use tower::ServiceExt;
use tower_http::services::ServeDir;

/// One file in its three encodings.
struct Asset {
    content_type: &'static str,
    identity: Bytes,
    brotli: Bytes,
    gzip: Bytes,
}

/// The encodings we serve, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

impl Encoding {
    /// The best encoding `accept` (an `Accept-Encoding` value) takes: a
    /// coding listed with `q=0` is refused, `*` stands for any not listed.
    pub fn negotiate(accept: &str) -> Encoding {
        if Encoding::accepts(accept, "br") {
            Encoding::Brotli
        } else if Encoding::accepts(accept, "gzip") {
            Encoding::Gzip
        } else {
            Encoding::Identity
        }
    }

    /// Whether `accept` (an `Accept-Encoding` value) takes `coding`.
    pub fn accepts(accept: &str, coding: &str) -> bool {
        let mut listed = None;
        let mut any = None;
        for part in accept.split(',') {
            let mut bits = part.split(';');
            let name = bits.next().unwrap_or("").trim();
            let weight = bits
                .filter_map(|b| b.trim().strip_prefix("q="))
                .filter_map(|v| v.trim().parse::<f32>().ok())
                .next_back()
                .unwrap_or(1.0);
            if name.eq_ignore_ascii_case(coding) {
                listed = Some(weight);
            } else if name == "*" {
                any = Some(weight);
            }
        }
        listed.or(any).is_some_and(|w| w > 0.0)
    }
}

/// The site's `pkg` directory, compressed in the background at start.
#[derive(Clone)]
pub struct Assets {
    dir: Arc<str>,
    immutable: bool,
    ready: Arc<OnceLock<HashMap<String, Asset>>>,
}

impl Assets {
    /// Starts compressing every file of `dir`.
    pub fn load(dir: String, immutable: bool) -> Assets {
        let assets = Assets {
            dir: dir.into(),
            immutable,
            ready: Arc::new(OnceLock::new()),
        };
        let (dir, ready) = (assets.dir.clone(), assets.ready.clone());
        // A thread of its own, its priority lowered for good.
        let spawned = std::thread::Builder::new()
            .name("lipa-assets".into())
            .spawn(move || {
                lower_this_threads_priority();
                let files = compress_dir(&dir);
                tracing::debug!(files = files.len(), "assets compressed");
                let _ = ready.set(files);
            });
        if let Err(e) = spawned {
            tracing::warn!(error = %e, "assets will be compressed on the fly");
        }
        assets
    }

    fn cache_control(&self) -> HeaderValue {
        HeaderValue::from_static(if self.immutable {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        })
    }
}

/// Brotli at its best quality takes seconds of CPU for a large bundle:
/// requests come first (nice 19 for this thread only, on Linux).
fn lower_this_threads_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: plain syscalls on the calling thread's own id.
    unsafe {
        let tid = libc::syscall(libc::SYS_gettid) as libc::id_t;
        libc::setpriority(libc::PRIO_PROCESS, tid, 19);
    }
}

fn compress_dir(dir: &str) -> HashMap<String, Asset> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return HashMap::new();
    };
    entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let data = std::fs::read(e.path()).ok()?;
            Some((name.clone(), compress(&name, data)))
        })
        .collect()
}

fn compress(name: &str, data: Vec<u8>) -> Asset {
    let mut brotli = Vec::with_capacity(data.len() / 3);
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    let _ = brotli::BrotliCompress(&mut data.as_slice(), &mut brotli, &params);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let gzip = gz
        .write_all(&data)
        .and_then(|_| gz.finish())
        .unwrap_or_default();
    Asset {
        content_type: content_type(name),
        identity: data.into(),
        brotli: brotli.into(),
        gzip: gzip.into(),
    }
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next() {
        Some("wasm") => "application/wasm",
        Some("js") => "text/javascript",
        Some("css") => "text/css",
        _ => "application/octet-stream",
    }
}

/// `GET /pkg/{file}`.
pub async fn serve(
    State(assets): State<Assets>,
    Path(file): Path<String>,
    req: Request,
) -> Response {
    let Some(asset) = assets.ready.get().and_then(|all| all.get(&file)) else {
        return from_disk(&assets, &file, req).await;
    };
    let accept = req
        .headers()
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let (body, encoding) = match Encoding::negotiate(accept) {
        Encoding::Brotli if !asset.brotli.is_empty() => (asset.brotli.clone(), Some("br")),
        Encoding::Brotli | Encoding::Gzip if !asset.gzip.is_empty() => {
            (asset.gzip.clone(), Some("gzip"))
        }
        _ => (asset.identity.clone(), None),
    };
    let mut res = Response::new(Body::from(body));
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(asset.content_type),
    );
    h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    h.insert(header::CACHE_CONTROL, assets.cache_control());
    if let Some(e) = encoding {
        h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(e));
    }
    res
}

/// Before compression is done (or for a file that appeared since).
async fn from_disk(assets: &Assets, file: &str, req: Request) -> Response {
    let (mut parts, body) = req.into_parts();
    parts.uri = format!("/{file}").parse().unwrap_or_default();
    let req = Request::from_parts(parts, body);
    let mut res = match ServeDir::new(&*assets.dir).oneshot(req).await {
        Ok(res) => res.into_response(),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    };
    if res.status() == StatusCode::OK {
        res.headers_mut()
            .insert(header::CACHE_CONTROL, assets.cache_control());
    }
    res
}

#[cfg(test)]
mod tests {
    use super::Encoding::{self, *};

    #[test]
    fn the_best_encoding_the_browser_takes() {
        assert_eq!(Encoding::negotiate("gzip, deflate, br, zstd"), Brotli);
        assert_eq!(Encoding::negotiate("gzip, deflate"), Gzip);
        assert_eq!(Encoding::negotiate("br;q=0, gzip;q=0.5"), Gzip);
        assert_eq!(Encoding::negotiate(""), Identity);
        assert_eq!(Encoding::negotiate("identity"), Identity);
        assert_eq!(Encoding::negotiate("*"), Brotli);
        assert_eq!(Encoding::negotiate("*;q=0, gzip"), Gzip);
        assert_eq!(Encoding::negotiate("BR"), Brotli);
    }
}
