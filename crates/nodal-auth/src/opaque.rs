//! Opaque random tokens (refresh tokens, password-set tokens, CSRF tokens).
//!
//! A token is 256 random bits, sent base64url-encoded. The database keeps only the SHA-256
//! of the sent form, so a leaked table grants nothing.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use ring::digest;

/// A freshly generated opaque token: the value to hand out once, and the hash to store.
#[derive(Clone, PartialEq, Eq)]
pub struct OpaqueToken {
    /// The value given to the client (43 base64url characters).
    pub plain: String,
    /// Lower-case hex SHA-256 of `plain`: what is stored.
    pub hash: String,
}

impl std::fmt::Debug for OpaqueToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpaqueToken")
            .field("plain", &"***")
            .field("hash", &self.hash)
            .finish()
    }
}

impl OpaqueToken {
    /// 256 bits from the operating system's generator.
    pub fn generate() -> Self {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        let plain = URL_SAFE_NO_PAD.encode(bytes);
        let hash = hash_opaque_token(&plain);
        OpaqueToken { plain, hash }
    }
}

/// Lower-case hex SHA-256 of a token as sent.
pub fn hash_opaque_token(plain: &str) -> String {
    let digest = digest::digest(&digest::SHA256, plain.as_bytes());
    digest.as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares two strings in time that depends only on their lengths.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Whether a double-submit CSRF token sent in the header matches the cookie's. Both must be
/// present and non-empty.
pub fn csrf_matches(cookie: Option<&str>, header: Option<&str>) -> bool {
    match (cookie, header) {
        (Some(cookie), Some(header)) if !cookie.is_empty() => constant_time_eq(cookie, header),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_256_bit_and_stored_only_as_sha256() {
        let token = OpaqueToken::generate();
        assert_eq!(token.plain.len(), 43);
        assert_eq!(token.hash.len(), 64);
        assert_ne!(token.plain, OpaqueToken::generate().plain);
        assert_eq!(hash_opaque_token(&token.plain), token.hash);
        // FIPS 180-2 test vector.
        assert_eq!(
            hash_opaque_token("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(!format!("{token:?}").contains(&token.plain));
    }

    #[test]
    fn csrf_needs_both_values_equal() {
        assert!(csrf_matches(Some("abc"), Some("abc")));
        assert!(!csrf_matches(Some("abc"), Some("abd")));
        assert!(!csrf_matches(Some("abc"), None));
        assert!(!csrf_matches(None, Some("abc")));
        assert!(!csrf_matches(Some(""), Some("")));
        assert!(!constant_time_eq("abc", "abcd"));
    }
}
