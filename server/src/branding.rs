//! A merchant's brand on its checkouts: a colour, and a logo uploaded from
//! the dashboard. A logo is never kept as uploaded: only PNG, JPEG or WebP
//! up to 256 KB is accepted (SVG never: it can carry scripts), decoded with
//! bounded dimensions, scaled to fit 256×256 and written again as PNG.

use crate::Core;
use crate::store::merchants::{self, Logo};
use image::{ImageFormat, ImageReader, Limits};
use sha2::{Digest, Sha256};
use std::io::Cursor;

/// The largest upload taken.
pub const MAX_LOGO_BYTES: usize = 256 * 1024;
/// The largest request body of an upload: the image and the multipart
/// framing around it.
pub const UPLOAD_LIMIT: usize = 300 * 1024;
/// The largest side of a stored logo, in pixels.
const MAX_SIDE: u32 = 256;

/// Why an upload is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogoProblem {
    TooLarge,
    /// Not PNG, JPEG or WebP (SVG included), or not a readable image.
    NotAnImage,
}

/// Decodes an uploaded PNG, JPEG or WebP and writes it again as a PNG that
/// fits in 256×256 (never larger than uploaded).
pub fn reencode(bytes: &[u8]) -> Result<Logo, LogoProblem> {
    if bytes.len() > MAX_LOGO_BYTES {
        return Err(LogoProblem::TooLarge);
    }
    let format = image::guess_format(bytes).map_err(|_| LogoProblem::NotAnImage)?;
    if !matches!(
        format,
        ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::WebP
    ) {
        return Err(LogoProblem::NotAnImage);
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(4096);
    limits.max_image_height = Some(4096);
    limits.max_alloc = Some(64 * 1024 * 1024);
    reader.limits(limits);
    let img = reader.decode().map_err(|_| LogoProblem::NotAnImage)?;
    let img = if img.width() > MAX_SIDE || img.height() > MAX_SIDE {
        img.thumbnail(MAX_SIDE, MAX_SIDE)
    } else {
        img
    };
    let mut png = Vec::new();
    img.write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
        .map_err(|_| LogoProblem::NotAnImage)?;
    let hash = hex::encode(&Sha256::digest(&png)[..12]);
    Ok(Logo {
        png,
        hash,
        width: i64::from(img.width()),
        height: i64::from(img.height()),
    })
}

/// Stores the uploaded logo for the merchant, once re-encoded.
pub async fn set_logo(
    core: &Core,
    merchant_id: &str,
    upload: &[u8],
) -> Result<Result<(), LogoProblem>, sqlx::Error> {
    let bytes = upload.to_vec();
    let logo = tokio::task::spawn_blocking(move || reencode(&bytes))
        .await
        .map_err(|_| sqlx::Error::Protocol("logo re-encoding panicked".into()))?;
    match logo {
        Ok(logo) => {
            merchants::set_logo(core.db.writer(), merchant_id, Some(&logo)).await?;
            Ok(Ok(()))
        }
        Err(p) => Ok(Err(p)),
    }
}

/// The URL a checkout shows the logo at: its hash in the name, so it is
/// cached for good and changes with the logo.
pub fn logo_url(merchant_id: &str, hash: &str) -> String {
    format!("/brand/{merchant_id}/{hash}.png")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbaImage::from_pixel(w, h, image::Rgba([15, 118, 110, 255]));
        let mut out = Vec::new();
        img.write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn a_logo_is_scaled_to_fit_and_written_as_png() {
        let logo = reencode(&png(1024, 512)).unwrap();
        assert_eq!((logo.width, logo.height), (256, 128));
        assert!(logo.png.starts_with(b"\x89PNG"));
        let small = reencode(&png(64, 64)).unwrap();
        assert_eq!((small.width, small.height), (64, 64));
    }

    #[test]
    fn svg_junk_and_large_uploads_are_refused() {
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
        assert_eq!(reencode(svg).err(), Some(LogoProblem::NotAnImage));
        assert_eq!(reencode(b"GIF89a....").err(), Some(LogoProblem::NotAnImage));
        let mut truncated = png(32, 32);
        truncated.truncate(40);
        assert_eq!(reencode(&truncated).err(), Some(LogoProblem::NotAnImage));
        assert_eq!(
            reencode(&vec![0u8; MAX_LOGO_BYTES + 1]).err(),
            Some(LogoProblem::TooLarge)
        );
    }
}
