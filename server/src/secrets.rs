//! Secrets at rest: API keys are stored only as a SHA-256 hash (plus a
//! visible prefix), webhook secrets only encrypted with the server's master
//! key. Neither is ever logged; `Debug` on these types prints no secret.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::fmt;
use std::path::Path;
use subtle::ConstantTimeEq;

/// Characters of a key kept in clear to find and show it: `sk_test_AbCd1234`.
pub const KEY_PREFIX_LEN: usize = 16;

/// A parsed API key as presented by a client. Holds the secret only until it
/// has been hashed.
pub struct PresentedKey {
    pub livemode: bool,
    pub prefix: String,
    pub hash: [u8; 32],
}

impl fmt::Debug for PresentedKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PresentedKey({}…)", self.prefix)
    }
}

impl PresentedKey {
    /// `sk_test_...` (test mode) or `sk_live_...` (live mode), then 16 to
    /// 128 letters, digits or underscores.
    pub fn parse(key: &str) -> Option<PresentedKey> {
        let livemode = if key.starts_with("sk_live_") {
            true
        } else if key.starts_with("sk_test_") {
            false
        } else {
            return None;
        };
        let body = &key[8..];
        let well_formed = (16..=128).contains(&body.len())
            && body.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
        well_formed.then(|| PresentedKey {
            livemode,
            prefix: key[..KEY_PREFIX_LEN].to_owned(),
            hash: Sha256::digest(key.as_bytes()).into(),
        })
    }

    /// Constant-time comparison with a stored hex hash.
    pub fn matches(&self, stored_hex: &str) -> bool {
        let Ok(stored) = hex::decode(stored_hex) else {
            return false;
        };
        stored.len() == 32 && bool::from(self.hash.ct_eq(stored.as_slice()))
    }

    pub fn hash_hex(&self) -> String {
        hex::encode(self.hash)
    }
}

/// The test key `scripts/run` prints: public knowledge, so it works only
/// while the server runs with `LIPA_DEMO=1`.
pub const DEMO_API_KEY: &str = "sk_test_lipa_demo_0000000000000000";

/// Whether a stored key hash is the demo key's.
pub fn is_demo_key(stored_hex: &str) -> bool {
    PresentedKey::parse(DEMO_API_KEY).is_some_and(|demo| demo.matches(stored_hex))
}

/// A fresh random key, shown to the merchant once.
pub fn generate_key(livemode: bool) -> String {
    let mode = if livemode { "live" } else { "test" };
    format!("sk_{mode}_{}", crate::db::random_base62(32))
}

/// The server's master key: encrypts webhook secrets and derives client
/// secrets. From `LIPA_MASTER_KEY` (base64, 32 bytes) or a file created on
/// first start. Several servers sharing a database must share this key.
#[derive(Clone)]
pub struct MasterKey([u8; 32]);

impl fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MasterKey(..)")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error("LIPA_MASTER_KEY must be 32 bytes in base64")]
    BadMasterKey,
    #[error("could not read or create the master key file {0}: {1}")]
    KeyFile(String, std::io::Error),
    #[error("a stored secret could not be decrypted (wrong master key?)")]
    Decrypt,
}

impl MasterKey {
    pub fn from_base64(s: &str) -> Result<MasterKey, SecretError> {
        let bytes = B64
            .decode(s.trim())
            .map_err(|_| SecretError::BadMasterKey)?;
        let key: [u8; 32] = bytes.try_into().map_err(|_| SecretError::BadMasterKey)?;
        Ok(MasterKey(key))
    }

    /// Reads the key file, creating it (mode 0600) with a random key if absent.
    pub fn load_or_create(path: &Path) -> Result<MasterKey, SecretError> {
        let err = |e| SecretError::KeyFile(path.display().to_string(), e);
        match std::fs::read_to_string(path) {
            Ok(s) => MasterKey::from_base64(&s),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent).map_err(err)?;
                }
                let mut key = [0u8; 32];
                rand::rng().fill_bytes(&mut key);
                write_private(path, &B64.encode(key)).map_err(err)?;
                Ok(MasterKey(key))
            }
            Err(e) => Err(err(e)),
        }
    }

    /// `v1:` + base64(nonce ‖ ciphertext).
    pub fn encrypt(&self, plaintext: &str) -> String {
        let cipher = XChaCha20Poly1305::new((&self.0).into());
        let mut nonce = [0u8; 24];
        rand::rng().fill_bytes(&mut nonce);
        let ct = cipher
            .encrypt(XNonce::from_slice(&nonce), plaintext.as_bytes())
            .expect("encryption cannot fail for in-memory data");
        let mut out = nonce.to_vec();
        out.extend_from_slice(&ct);
        format!("v1:{}", B64.encode(out))
    }

    pub fn decrypt(&self, stored: &str) -> Result<String, SecretError> {
        let data = stored
            .strip_prefix("v1:")
            .and_then(|b| B64.decode(b).ok())
            .filter(|d| d.len() > 24)
            .ok_or(SecretError::Decrypt)?;
        let (nonce, ct) = data.split_at(24);
        let cipher = XChaCha20Poly1305::new((&self.0).into());
        let pt = cipher
            .decrypt(XNonce::from_slice(nonce), ct)
            .map_err(|_| SecretError::Decrypt)?;
        String::from_utf8(pt).map_err(|_| SecretError::Decrypt)
    }

    /// Seals `plaintext` bound to `aad` (the record it belongs to): it opens
    /// only with the same `aad`, so a sealed value copied onto another record
    /// is useless. `v2:` + base64(nonce ‖ ciphertext).
    pub fn seal(&self, aad: &str, plaintext: &str) -> String {
        let cipher = XChaCha20Poly1305::new((&self.0).into());
        let mut nonce = [0u8; 24];
        rand::rng().fill_bytes(&mut nonce);
        let payload = Payload {
            msg: plaintext.as_bytes(),
            aad: aad.as_bytes(),
        };
        let ct = cipher
            .encrypt(XNonce::from_slice(&nonce), payload)
            .expect("encryption cannot fail for in-memory data");
        let mut out = nonce.to_vec();
        out.extend_from_slice(&ct);
        format!("v2:{}", B64.encode(out))
    }

    /// Opens what [`MasterKey::seal`] sealed for the same `aad`.
    pub fn open(&self, aad: &str, stored: &str) -> Result<String, SecretError> {
        let data = stored
            .strip_prefix("v2:")
            .and_then(|b| B64.decode(b).ok())
            .filter(|d| d.len() > 24)
            .ok_or(SecretError::Decrypt)?;
        let (nonce, ct) = data.split_at(24);
        let cipher = XChaCha20Poly1305::new((&self.0).into());
        let payload = Payload {
            msg: ct,
            aad: aad.as_bytes(),
        };
        let pt = cipher
            .decrypt(XNonce::from_slice(nonce), payload)
            .map_err(|_| SecretError::Decrypt)?;
        String::from_utf8(pt).map_err(|_| SecretError::Decrypt)
    }

    /// A tag only this key makes for `purpose` and `subject`: the
    /// unguessable part of a provider's callback path.
    pub fn tag(&self, purpose: &str, subject: &str) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.0).expect("any key length");
        mac.update(purpose.as_bytes());
        mac.update(b":");
        mac.update(subject.as_bytes());
        hex::encode(&mac.finalize().into_bytes()[..16])
    }

    /// Whether `tag` is this key's tag for `purpose` and `subject`, in
    /// constant time.
    pub fn check_tag(&self, purpose: &str, subject: &str, tag: &str) -> bool {
        let want = self.tag(purpose, subject);
        bool::from(want.as_bytes().ct_eq(tag.as_bytes()))
    }

    /// A short-lived bearer token standing for an API key (Waftpay's token
    /// flow): `wft_<claims>.<HMAC>`, nothing stored. `claims` is plain
    /// text without dots.
    pub fn sign_token(&self, claims: &str) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.0).expect("any key length");
        mac.update(b"token:");
        mac.update(claims.as_bytes());
        let tag = mac.finalize().into_bytes();
        let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        format!("wft_{}.{}", b64.encode(claims), b64.encode(tag))
    }

    /// The claims of a token this key signed, if the signature holds.
    pub fn open_token(&self, token: &str) -> Option<String> {
        let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let (claims, tag) = token.strip_prefix("wft_")?.split_once('.')?;
        let claims = String::from_utf8(b64.decode(claims).ok()?).ok()?;
        let tag = b64.decode(tag).ok()?;
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.0).expect("any key length");
        mac.update(b"token:");
        mac.update(claims.as_bytes());
        mac.verify_slice(&tag).ok()?;
        Some(claims)
    }

    /// The session's `client_secret`: derived, so it is never stored.
    pub fn client_secret(&self, session_id: &str) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.0).expect("any key length");
        mac.update(b"client_secret:");
        mac.update(session_id.as_bytes());
        let tag = mac.finalize().into_bytes();
        format!("{session_id}_secret_{}", &hex::encode(tag)[..24])
    }
}

#[cfg(unix)]
fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    f.write_all(contents.as_bytes())
}

#[cfg(not(unix))]
fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    std::fs::write(path, contents)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_by_mode_and_hash_compares() {
        let k = generate_key(false);
        assert!(k.starts_with("sk_test_"));
        let p = PresentedKey::parse(&k).unwrap();
        assert!(!p.livemode);
        assert_eq!(p.prefix, &k[..16]);
        assert!(p.matches(&p.hash_hex()));
        let other = PresentedKey::parse(&generate_key(false)).unwrap();
        assert!(!p.matches(&other.hash_hex()));
        assert!(!p.matches("not hex"));
        assert!(PresentedKey::parse(&generate_key(true)).unwrap().livemode);
        for bad in [
            "",
            "sk_test_short",
            "pk_test_0123456789abcdef",
            "sk_test_0123456789abcdef!",
            "sk_prod_0123456789abcdef",
        ] {
            assert!(PresentedKey::parse(bad).is_none(), "{bad}");
        }
        assert!(!format!("{p:?}").contains(&k[16..]));
    }

    #[test]
    fn secrets_round_trip_and_resist_tampering() {
        let mk = MasterKey([7; 32]);
        let stored = mk.encrypt("whsec_abc");
        assert!(!stored.contains("whsec_abc"));
        assert_eq!(mk.decrypt(&stored).unwrap(), "whsec_abc");
        assert_ne!(mk.encrypt("whsec_abc"), stored, "fresh nonce each time");
        let mut tampered = stored.clone().into_bytes();
        let last = tampered.len() - 3;
        tampered[last] = if tampered[last] == b'A' { b'B' } else { b'A' };
        assert!(mk.decrypt(&String::from_utf8(tampered).unwrap()).is_err());
        assert!(MasterKey([8; 32]).decrypt(&stored).is_err());
        assert!(format!("{mk:?}") == "MasterKey(..)");
    }

    #[test]
    fn sealed_values_open_only_for_their_record() {
        let mk = MasterKey([9; 32]);
        let sealed = mk.seal("ca_1", r#"{"consumer_secret":"s3cret"}"#);
        assert!(!sealed.contains("s3cret"));
        assert_eq!(
            mk.open("ca_1", &sealed).unwrap(),
            r#"{"consumer_secret":"s3cret"}"#
        );
        assert!(mk.open("ca_2", &sealed).is_err(), "bound to its account id");
        assert!(MasterKey([8; 32]).open("ca_1", &sealed).is_err());
        assert!(mk.check_tag("cb", "pay_1", &mk.tag("cb", "pay_1")));
        assert!(!mk.check_tag("cb", "pay_2", &mk.tag("cb", "pay_1")));
        assert!(!mk.check_tag("cb", "pay_1", ""));
    }

    #[test]
    fn tokens_open_only_with_their_key_and_untouched() {
        let mk = MasterKey([3; 32]);
        let t = mk.sign_token("key_1|1795400000");
        assert_eq!(mk.open_token(&t).as_deref(), Some("key_1|1795400000"));
        assert_eq!(MasterKey([4; 32]).open_token(&t), None);
        let forged = mk.sign_token("key_2|1795400000");
        let (_, tag) = forged.split_once('.').unwrap();
        let (claims, _) = t.split_once('.').unwrap();
        assert_eq!(mk.open_token(&format!("{claims}.{tag}")), None);
        assert_eq!(mk.open_token("wft_abc"), None);
    }

    #[test]
    fn client_secret_is_stable_per_session() {
        let mk = MasterKey([1; 32]);
        assert_eq!(mk.client_secret("cs_1"), mk.client_secret("cs_1"));
        assert_ne!(mk.client_secret("cs_1"), mk.client_secret("cs_2"));
        assert!(mk.client_secret("cs_1").starts_with("cs_1_secret_"));
    }
}
