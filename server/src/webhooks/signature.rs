//! Standard Webhooks signatures (<https://www.standardwebhooks.com/>):
//! `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`,
//! keyed by the bytes of a `whsec_<base64>` secret.
//!
//! [`verify`] is what we tell merchants to do (and what our tests do): check
//! the timestamp is within five minutes of now, then compare every `v1`
//! signature in the header in constant time.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;
use std::fmt;
use subtle::ConstantTimeEq;

/// How far a timestamp may be from now, either way.
pub const TOLERANCE_SECS: i64 = 5 * 60;

/// The bytes of a signing secret. `Debug` never shows them.
#[derive(Clone)]
pub struct WebhookSecret(Vec<u8>);

impl fmt::Debug for WebhookSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("WebhookSecret(..)")
    }
}

impl WebhookSecret {
    /// `whsec_` followed by base64 of 24 to 64 bytes.
    pub fn parse(s: &str) -> Option<WebhookSecret> {
        let bytes = B64.decode(s.strip_prefix("whsec_")?).ok()?;
        (24..=64)
            .contains(&bytes.len())
            .then_some(WebhookSecret(bytes))
    }

    /// A fresh secret of 32 random bytes, as the merchant sees it.
    pub fn generate() -> String {
        let mut key = [0u8; 32];
        rand::rng().fill_bytes(&mut key);
        format!("whsec_{}", B64.encode(key))
    }
}

fn mac(secret: &WebhookSecret, id: &str, timestamp: &str, body: &[u8]) -> Hmac<Sha256> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&secret.0).expect("any key length");
    mac.update(id.as_bytes());
    mac.update(b".");
    mac.update(timestamp.as_bytes());
    mac.update(b".");
    mac.update(body);
    mac
}

/// The `webhook-signature` header value for one delivery.
pub fn sign(secret: &WebhookSecret, id: &str, timestamp: i64, body: &[u8]) -> String {
    let tag = mac(secret, id, &timestamp.to_string(), body)
        .finalize()
        .into_bytes();
    format!("v1,{}", B64.encode(tag))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum VerifyError {
    #[error("a webhook header is missing or empty")]
    MissingHeader,
    #[error("webhook-timestamp is not a Unix time in seconds")]
    BadTimestamp,
    #[error("the timestamp is more than five minutes old")]
    TooOld,
    #[error("the timestamp is more than five minutes in the future")]
    TooNew,
    #[error("no signature matches")]
    NoMatch,
}

/// Checks a delivery as a receiver should: the three headers' values, the
/// raw body exactly as received, and the receiver's clock (Unix seconds).
pub fn verify(
    secret: &WebhookSecret,
    id: &str,
    timestamp: &str,
    signatures: &str,
    body: &[u8],
    now: i64,
) -> Result<(), VerifyError> {
    if id.is_empty() || timestamp.is_empty() || signatures.trim().is_empty() {
        return Err(VerifyError::MissingHeader);
    }
    let ts: i64 = timestamp.parse().map_err(|_| VerifyError::BadTimestamp)?;
    if ts < now - TOLERANCE_SECS {
        return Err(VerifyError::TooOld);
    }
    if ts > now + TOLERANCE_SECS {
        return Err(VerifyError::TooNew);
    }
    let expected = mac(secret, id, timestamp, body).finalize().into_bytes();
    // Several space-separated signatures may be sent (during a secret
    // rotation); any `v1` one that matches will do.
    let matched = signatures
        .split(' ')
        .filter_map(|s| s.strip_prefix("v1,"))
        .filter_map(|b64| B64.decode(b64).ok())
        .any(|sig| sig.len() == expected.len() && bool::from(sig.ct_eq(&expected)));
    if matched {
        Ok(())
    } else {
        Err(VerifyError::NoMatch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC_SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const SPEC_ID: &str = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    const SPEC_TS: i64 = 1614265330;
    const SPEC_BODY: &[u8] = br#"{"test": 2432232314}"#;
    const SPEC_SIG: &str = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    #[test]
    fn reproduces_the_specification_test_vector() {
        let secret = WebhookSecret::parse(SPEC_SECRET).unwrap();
        assert_eq!(sign(&secret, SPEC_ID, SPEC_TS, SPEC_BODY), SPEC_SIG);
        assert_eq!(
            verify(&secret, SPEC_ID, "1614265330", SPEC_SIG, SPEC_BODY, SPEC_TS),
            Ok(())
        );
    }

    #[test]
    fn refuses_what_a_receiver_must_refuse() {
        let secret = WebhookSecret::parse(SPEC_SECRET).unwrap();
        let ts = "1614265330";
        let check = |id: &str, ts: &str, sig: &str, body: &[u8], now: i64| {
            verify(&secret, id, ts, sig, body, now)
        };
        use VerifyError::*;
        assert_eq!(
            check(SPEC_ID, ts, "", SPEC_BODY, SPEC_TS),
            Err(MissingHeader)
        );
        assert_eq!(
            check("", ts, SPEC_SIG, SPEC_BODY, SPEC_TS),
            Err(MissingHeader)
        );
        assert_eq!(
            check(SPEC_ID, "", SPEC_SIG, SPEC_BODY, SPEC_TS),
            Err(MissingHeader)
        );
        assert_eq!(
            check(SPEC_ID, "soon", SPEC_SIG, SPEC_BODY, SPEC_TS),
            Err(BadTimestamp)
        );
        // Truncated signature, wrong version, tampered body, other id.
        let truncated = &SPEC_SIG[..SPEC_SIG.len() - 8];
        assert_eq!(
            check(SPEC_ID, ts, truncated, SPEC_BODY, SPEC_TS),
            Err(NoMatch)
        );
        let v2 = SPEC_SIG.replace("v1,", "v2,");
        assert_eq!(check(SPEC_ID, ts, &v2, SPEC_BODY, SPEC_TS), Err(NoMatch));
        let tampered = br#"{"test": 2432232315}"#;
        assert_eq!(
            check(SPEC_ID, ts, SPEC_SIG, tampered, SPEC_TS),
            Err(NoMatch)
        );
        assert_eq!(
            check("msg_other", ts, SPEC_SIG, SPEC_BODY, SPEC_TS),
            Err(NoMatch)
        );
        // Wrong key.
        let other = WebhookSecret::parse(&WebhookSecret::generate()).unwrap();
        assert_eq!(
            verify(&other, SPEC_ID, ts, SPEC_SIG, SPEC_BODY, SPEC_TS),
            Err(NoMatch)
        );
        // Five minutes either way is the limit.
        assert_eq!(
            check(SPEC_ID, ts, SPEC_SIG, SPEC_BODY, SPEC_TS + 300),
            Ok(())
        );
        assert_eq!(
            check(SPEC_ID, ts, SPEC_SIG, SPEC_BODY, SPEC_TS + 301),
            Err(TooOld)
        );
        assert_eq!(
            check(SPEC_ID, ts, SPEC_SIG, SPEC_BODY, SPEC_TS - 300),
            Ok(())
        );
        assert_eq!(
            check(SPEC_ID, ts, SPEC_SIG, SPEC_BODY, SPEC_TS - 301),
            Err(TooNew)
        );
        // One good signature among several is enough.
        let several = format!("v1,bm9wZQ== {SPEC_SIG}");
        assert_eq!(check(SPEC_ID, ts, &several, SPEC_BODY, SPEC_TS), Ok(()));
    }

    #[test]
    fn secrets_are_whsec_base64_of_24_to_64_bytes() {
        let fresh = WebhookSecret::generate();
        assert!(fresh.starts_with("whsec_"));
        assert!(WebhookSecret::parse(&fresh).is_some());
        assert_ne!(fresh, WebhookSecret::generate());
        for bad in [
            "",
            "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "whsec_",
            "whsec_c2hvcnQ=",
            "whsec_not base64!",
        ] {
            assert!(WebhookSecret::parse(bad).is_none(), "{bad}");
        }
        let s = WebhookSecret::parse(SPEC_SECRET).unwrap();
        assert_eq!(format!("{s:?}"), "WebhookSecret(..)");
    }

    /// An independent implementation, the `standardwebhooks` crate, accepts
    /// what we sign and refuses what it must.
    #[test]
    fn the_standardwebhooks_crate_accepts_our_signatures() {
        let secret_text = WebhookSecret::generate();
        let ours = WebhookSecret::parse(&secret_text).unwrap();
        let theirs = standardwebhooks::Webhook::new(&secret_text).unwrap();
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs() as i64;
        let body = br#"{"id":"evt_1","type":"payment.succeeded"}"#;
        let headers = |ts: i64, sig: &str| {
            let mut h = http::HeaderMap::new();
            h.insert("webhook-id", "evt_1".parse().unwrap());
            h.insert("webhook-timestamp", ts.to_string().parse().unwrap());
            h.insert("webhook-signature", sig.parse().unwrap());
            h
        };
        let sig = sign(&ours, "evt_1", now, body);
        theirs.verify(body, &headers(now, &sig)).unwrap();
        // Their signature is ours, byte for byte.
        assert_eq!(theirs.sign("evt_1", now, body).unwrap(), sig);
        // A tampered body and an old timestamp fail there too.
        let tampered = br#"{"id":"evt_1","type":"payment.failed"}"#;
        assert!(theirs.verify(tampered, &headers(now, &sig)).is_err());
        let old = now - 10 * 60;
        let old_sig = sign(&ours, "evt_1", old, body);
        assert!(theirs.verify(body, &headers(old, &old_sig)).is_err());
    }
}
