//! Gzip for the checkout page. Every page in one language opens with the
//! same bytes (doctype, `<html lang>`, the shared head: about half the
//! page), so that opening is deflated once, at the best level, and each
//! response deflates only what follows it. Both parts are one deflate
//! stream: the opening ends on a sync flush (byte-aligned, not final) and
//! the rest follows as deflate blocks of its own, the last one final.
//!
//! The rest is deflated by libdeflate at its fastest level: for the 10 KB
//! that follow the opening it takes about a third of the time zlib's
//! default level took with the opening as a preset dictionary (27 µs
//! against 91 µs on the 2-core VM) for about 250 more bytes on the wire
//! (the rest can no longer point back into the opening). Each thread keeps
//! one compressor, so nothing is allocated or zeroed per response.

use flate2::{Compress, Compression, FlushCompress};
use std::cell::RefCell;

/// A document's opening, deflated once.
pub struct Opening {
    text: &'static str,
    deflated: Vec<u8>,
    crc: u32,
}

/// gzip's fixed header: deflate, no name or time, unknown OS.
const HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];

/// libdeflate's level for each response's part: its fastest that compresses
/// (0 only stores).
const LEVEL: i32 = 1;

thread_local! {
    static COMPRESSOR: RefCell<libdeflater::Compressor> = RefCell::new(libdeflater::Compressor::new(
        libdeflater::CompressionLvl::new(LEVEL).expect("1 is one of libdeflate's levels"),
    ));
}

impl Opening {
    pub fn new(text: &'static str) -> Opening {
        let mut c = Compress::new(Compression::best(), false);
        let mut deflated = Vec::with_capacity(text.len() + 64);
        deflate_to_sync_flush(&mut c, text.as_bytes(), &mut deflated);
        Opening {
            text,
            deflated,
            crc: crc32fast::hash(text.as_bytes()),
        }
    }

    /// The opening's text.
    pub fn text(&self) -> &'static str {
        self.text
    }

    /// The gzip member of this opening followed by `rest`.
    pub fn gzip(&self, rest: &[u8]) -> Vec<u8> {
        let mut out = HEADER.to_vec();
        out.extend_from_slice(&self.deflated);
        COMPRESSOR.with_borrow_mut(|c| {
            let at = out.len();
            out.resize(at + c.deflate_compress_bound(rest.len()), 0);
            let n = c
                .deflate_compress(rest, &mut out[at..])
                .expect("the bound always fits");
            out.truncate(at + n);
        });
        let mut crc = crc32fast::Hasher::new_with_initial_len(self.crc, self.text.len() as u64);
        crc.update(rest);
        out.extend_from_slice(&crc.finalize().to_le_bytes());
        let size = (self.text.len() + rest.len()) as u32; // ISIZE is modulo 2^32
        out.extend_from_slice(&size.to_le_bytes());
        out
    }
}

/// Deflates all of `input` into `out`, ending on a sync flush: byte-aligned
/// and not final, so the rest's deflate blocks can follow it.
fn deflate_to_sync_flush(c: &mut Compress, mut input: &[u8], out: &mut Vec<u8>) {
    loop {
        out.reserve(input.len() / 2 + 256);
        let before = c.total_in();
        c.compress_vec(input, out, FlushCompress::Sync)
            .expect("deflate does not fail on valid parameters");
        input = &input[(c.total_in() - before) as usize..];
        // Complete when all input is taken and the output did not fill up.
        if input.is_empty() && out.len() < out.capacity() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn gunzip(bytes: &[u8]) -> String {
        let mut text = String::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_string(&mut text)
            .expect("a valid gzip member");
        text
    }

    #[test]
    fn opening_and_rest_inflate_to_the_whole_document() {
        let head: &'static str =
            "<!DOCTYPE html><html lang=\"pt\"><head><style>.a{color:red}.b{color:blue}</style>";
        let opening = Opening::new(head);
        for rest in [
            "",
            "<title>x</title></head><body class=\"a b\">.a{color:red}</body></html>",
        ] {
            let bytes = opening.gzip(rest.as_bytes());
            assert_eq!(gunzip(&bytes), format!("{head}{rest}"));
        }
    }

    #[test]
    fn long_documents_survive_many_output_buffers() {
        let head: &'static str = Box::leak(
            (0..2_000)
                .map(|i| format!("<p data-i=\"{i}\">{}</p>", i * 7919 % 104_729))
                .collect::<String>()
                .into_boxed_str(),
        );
        let rest: String = (0..5_000)
            .map(|i| format!("<li>{}</li>", i * 31 % 977))
            .collect();
        let opening = Opening::new(head);
        // The same thread's compressor, reused for several responses.
        for _ in 0..3 {
            assert_eq!(
                gunzip(&opening.gzip(rest.as_bytes())),
                format!("{head}{rest}")
            );
        }
    }

    #[test]
    fn the_rest_is_about_as_small_as_zlib_makes_it() {
        let head: &'static str = Box::leak(
            (0..300)
                .map(|i| format!(".c{i}{{margin:{i}px}}"))
                .collect::<String>()
                .into_boxed_str(),
        );
        let rest: String = (0..300)
            .map(|i| format!("<b class=\"c{i}\">{}</b>", i * 7 % 13))
            .collect();
        let opening = Opening::new(head);
        let split = opening.gzip(rest.as_bytes()).len() - opening.deflated.len() - HEADER.len() - 8;
        let mut alone = flate2::write::GzEncoder::new(Vec::new(), Compression::default());
        std::io::Write::write_all(&mut alone, rest.as_bytes()).unwrap();
        let alone = alone.finish().unwrap().len() - HEADER.len() - 8;
        assert!(
            split <= alone + alone / 10,
            "the rest took {split} bytes, zlib's default level {alone}"
        );
    }
}
