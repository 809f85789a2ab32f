//! Gzip for the checkout page. Every page in one language opens with the
//! same bytes (doctype, `<html lang>`, the shared head: about half the
//! page), so that opening is deflated once, at the best level, and each
//! response deflates only what follows it. Both parts are one deflate
//! stream: the opening ends on a sync flush (byte-aligned, not final) and
//! the rest is compressed with the opening as its preset dictionary, so its
//! back-references into the opening are valid and the page is as small as
//! if it had been compressed whole. Each thread keeps one compressor and
//! resets it instead of allocating and zeroing a new one per response.

use flate2::{Compress, Compression, FlushCompress, Status};
use std::cell::RefCell;

/// A document's opening, deflated once.
pub struct Opening {
    text: &'static str,
    deflated: Vec<u8>,
    crc: u32,
}

/// gzip's fixed header: deflate, no name or time, unknown OS.
const HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];

/// What each response's part is compressed at (zlib's default).
const LEVEL: u32 = 6;

thread_local! {
    static COMPRESSOR: RefCell<Compress> = RefCell::new(Compress::new(Compression::new(LEVEL), false));
}

impl Opening {
    pub fn new(text: &'static str) -> Opening {
        let mut c = Compress::new(Compression::best(), false);
        let mut deflated = Vec::with_capacity(text.len() + 64);
        deflate(&mut c, text.as_bytes(), &mut deflated, FlushCompress::Sync);
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
        let mut out = Vec::with_capacity(HEADER.len() + self.deflated.len() + rest.len() / 2 + 64);
        out.extend_from_slice(&HEADER);
        out.extend_from_slice(&self.deflated);
        COMPRESSOR.with_borrow_mut(|c| {
            c.reset();
            // Only a compressor that has not started can take a dictionary:
            // a fresh or reset one always can.
            let _ = c.set_dictionary(self.text.as_bytes());
            deflate(c, rest, &mut out, FlushCompress::Finish);
        });
        let mut crc = crc32fast::Hasher::new_with_initial_len(self.crc, self.text.len() as u64);
        crc.update(rest);
        out.extend_from_slice(&crc.finalize().to_le_bytes());
        let size = (self.text.len() + rest.len()) as u32; // ISIZE is modulo 2^32
        out.extend_from_slice(&size.to_le_bytes());
        out
    }
}

/// Deflates all of `input` into `out` and flushes as `flush` says.
fn deflate(c: &mut Compress, mut input: &[u8], out: &mut Vec<u8>, flush: FlushCompress) {
    loop {
        out.reserve(input.len() / 2 + 256);
        let before = c.total_in();
        let status = c.compress_vec(input, out, flush);
        input = &input[(c.total_in() - before) as usize..];
        let done = match (status, flush) {
            (Ok(Status::StreamEnd), _) => true,
            // A sync flush is complete when all input is taken and the
            // output did not fill up.
            (Ok(_), FlushCompress::Sync) => input.is_empty() && out.len() < out.capacity(),
            (Ok(_), _) => false,
            (Err(_), _) => unreachable!("deflate does not fail on valid parameters"),
        };
        if done {
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
    fn the_rest_is_as_small_as_compressing_the_page_whole() {
        let head: &'static str = Box::leak(
            (0..300)
                .map(|i| format!(".c{i}{{margin:{i}px}}"))
                .collect::<String>()
                .into_boxed_str(),
        );
        let rest: String = (0..300)
            .map(|i| format!("<b class=\"c{i}\">.c{i}</b>"))
            .collect();
        let split = Opening::new(head).gzip(rest.as_bytes()).len();
        let mut whole = flate2::write::GzEncoder::new(Vec::new(), Compression::new(LEVEL));
        std::io::Write::write_all(&mut whole, format!("{head}{rest}").as_bytes()).unwrap();
        let whole = whole.finish().unwrap().len();
        assert!(
            split <= whole + whole / 50,
            "split {split} bytes, whole {whole}"
        );
    }
}
