//! The errors of `nodal-auth`, in its own words.

/// Why an access token was refused. Callers answer 401 whatever the reason; the reason is
/// for logs and tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TokenRejection {
    /// Not three base64url parts of JSON.
    #[error("malformed token")]
    Malformed,
    /// Signed with another algorithm than HS256 (including `none`).
    #[error("unexpected signing algorithm")]
    Algorithm,
    /// The key id names no key of the ring (or is missing).
    #[error("unknown key id")]
    UnknownKey,
    /// The signature does not match.
    #[error("bad signature")]
    Signature,
    /// Wrong `iss`.
    #[error("wrong issuer")]
    Issuer,
    /// Wrong `aud`.
    #[error("wrong audience")]
    Audience,
    /// `exp` has passed (beyond the leeway).
    #[error("expired")]
    Expired,
    /// `nbf` or `iat` lies in the future (beyond the leeway).
    #[error("not yet valid")]
    NotYetValid,
    /// A required claim is missing or not of the expected form.
    #[error("missing or invalid claim")]
    Claims,
}

/// Everything that can go wrong in `nodal-auth`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuthError {
    /// The password breaks the policy; the message says which rule.
    #[error("{0}")]
    WeakPassword(String),
    /// An access token was refused.
    #[error("token refused: {0}")]
    InvalidToken(TokenRejection),
    /// A key or parameter is unusable (e.g. an empty secret).
    #[error("configuration: {0}")]
    Config(String),
    /// Hashing or signing failed unexpectedly.
    #[error("internal: {0}")]
    Internal(String),
}

impl From<TokenRejection> for AuthError {
    fn from(rejection: TokenRejection) -> Self {
        AuthError::InvalidToken(rejection)
    }
}
