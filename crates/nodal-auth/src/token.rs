//! Access tokens: JWTs signed with HMAC-SHA256 (HS256) through `biscuit`, behind the small
//! [`TokenCodec`] trait so that the JWT library stays in this one file.
//!
//! Claims: `iss`, `aud`, `sub` (user id), `org` (organization id), `role`, `sid` (session
//! id), `iat`, `nbf`, `exp`, `jti`. The header names the key (`kid`). Verification refuses
//! any algorithm but HS256 (`none` included), a bad signature, an unknown key id, a wrong
//! issuer or audience, and a token outside its validity period (with a small leeway).

use biscuit::jwa::SignatureAlgorithm;
use biscuit::jws::{Header, RegisteredHeader, Secret};
use biscuit::{
    ClaimPresenceOptions, ClaimsSet, Empty, JWT, Presence, RegisteredClaims, SingleOrMultiple,
    TemporalOptions, Validation, ValidationOptions,
};
use chrono::{DateTime, Duration, Utc};
use ring::digest;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{AuthError, TokenRejection};
use crate::role::Role;

/// Shortest HMAC key accepted, in bytes.
pub const MIN_KEY_BYTES: usize = 16;

/// What an access token says about its bearer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessClaims {
    /// The user (`sub`).
    pub user_id: Uuid,
    /// The user's organization (`org`).
    pub org_id: Uuid,
    /// The user's role when the token was issued (`role`).
    pub role: Role,
    /// The session the token belongs to (`sid`).
    pub session_id: Uuid,
    /// Token id (`jti`).
    pub token_id: Uuid,
    /// Issued at (`iat`, also `nbf`).
    pub issued_at: DateTime<Utc>,
    /// Expiry (`exp`).
    pub expires_at: DateTime<Utc>,
}

/// Issues and verifies access tokens.
pub trait TokenCodec: Send + Sync {
    /// Signs `claims` with the current key.
    ///
    /// # Errors
    /// [`AuthError::Internal`] when signing fails.
    fn issue(&self, claims: &AccessClaims) -> Result<String, AuthError>;

    /// Verifies `token` at time `now` and returns its claims.
    ///
    /// # Errors
    /// [`AuthError::InvalidToken`] with the reason.
    fn verify(&self, token: &str, now: DateTime<Utc>) -> Result<AccessClaims, AuthError>;
}

/// An HMAC key and its id.
#[derive(Clone)]
struct Key {
    id: String,
    secret: Vec<u8>,
}

/// The keys: one that signs, and older ones that still verify, so that the secret can be
/// rotated without signing everyone out. Key ids are derived from the secrets (the first
/// 8 bytes of their SHA-256, hex), so operators only manage secrets.
#[derive(Clone)]
pub struct KeyRing {
    signing: Key,
    previous: Vec<Key>,
}

impl std::fmt::Debug for KeyRing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyRing")
            .field("signing", &self.signing.id)
            .field(
                "previous",
                &self.previous.iter().map(|k| &k.id).collect::<Vec<_>>(),
            )
            .finish()
    }
}

fn key(secret: &[u8]) -> Result<Key, AuthError> {
    if secret.len() < MIN_KEY_BYTES {
        return Err(AuthError::Config(format!(
            "token keys must be at least {MIN_KEY_BYTES} bytes"
        )));
    }
    let digest = digest::digest(&digest::SHA256, secret);
    let id = digest.as_ref()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok(Key {
        id,
        secret: secret.to_vec(),
    })
}

impl KeyRing {
    /// A ring signing with `current` and also verifying with each of `previous`.
    ///
    /// # Errors
    /// [`AuthError::Config`] for a key shorter than [`MIN_KEY_BYTES`].
    pub fn new(current: &[u8], previous: &[&[u8]]) -> Result<Self, AuthError> {
        Ok(KeyRing {
            signing: key(current)?,
            previous: previous
                .iter()
                .map(|secret| key(secret))
                .collect::<Result<_, _>>()?,
        })
    }

    /// The id of the signing key.
    pub fn signing_key_id(&self) -> &str {
        &self.signing.id
    }

    fn find(&self, id: &str) -> Option<&Key> {
        std::iter::once(&self.signing)
            .chain(&self.previous)
            .find(|k| k.id == id)
    }
}

/// The claims Nodal adds to the registered ones.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct NodalClaims {
    org: Uuid,
    role: Role,
    sid: Uuid,
}

/// HS256 JWTs with a key ring, an issuer, an audience and a leeway for clock drift.
#[derive(Debug, Clone)]
pub struct JwtCodec {
    keys: KeyRing,
    issuer: String,
    audience: String,
    leeway: Duration,
}

impl JwtCodec {
    /// A codec for `issuer` and `audience`, allowing `leeway` of clock drift.
    pub fn new(
        keys: KeyRing,
        issuer: impl Into<String>,
        audience: impl Into<String>,
        leeway: Duration,
    ) -> Self {
        JwtCodec {
            keys,
            issuer: issuer.into(),
            audience: audience.into(),
            leeway,
        }
    }
}

impl TokenCodec for JwtCodec {
    fn issue(&self, claims: &AccessClaims) -> Result<String, AuthError> {
        let registered = RegisteredClaims {
            issuer: Some(self.issuer.clone()),
            subject: Some(claims.user_id.to_string()),
            audience: Some(SingleOrMultiple::Single(self.audience.clone())),
            expiry: Some(claims.expires_at.into()),
            not_before: Some(claims.issued_at.into()),
            issued_at: Some(claims.issued_at.into()),
            id: Some(claims.token_id.to_string()),
        };
        let header = Header {
            registered: RegisteredHeader {
                algorithm: SignatureAlgorithm::HS256,
                key_id: Some(self.keys.signing.id.clone()),
                ..Default::default()
            },
            private: Empty {},
        };
        let jwt = JWT::new_decoded(
            header,
            ClaimsSet {
                registered,
                private: NodalClaims {
                    org: claims.org_id,
                    role: claims.role,
                    sid: claims.session_id,
                },
            },
        );
        let encoded = jwt
            .into_encoded(&Secret::Bytes(self.keys.signing.secret.clone()))
            .map_err(|e| AuthError::Internal(format!("token signing: {e}")))?;
        Ok(encoded.unwrap_encoded().to_string())
    }

    fn verify(&self, token: &str, now: DateTime<Utc>) -> Result<AccessClaims, AuthError> {
        let encoded = JWT::<NodalClaims, Empty>::new_encoded(token);
        let header = encoded
            .unverified_header()
            .map_err(|_| TokenRejection::Malformed)?;
        if header.registered.algorithm != SignatureAlgorithm::HS256 {
            return Err(TokenRejection::Algorithm.into());
        }
        let key = header
            .registered
            .key_id
            .as_deref()
            .and_then(|id| self.keys.find(id))
            .ok_or(TokenRejection::UnknownKey)?;
        let decoded = encoded
            .decode(
                &Secret::Bytes(key.secret.clone()),
                SignatureAlgorithm::HS256,
            )
            .map_err(|e| match e {
                biscuit::errors::Error::ValidationError(
                    biscuit::errors::ValidationError::WrongAlgorithmHeader,
                ) => TokenRejection::Algorithm,
                biscuit::errors::Error::ValidationError(_) => TokenRejection::Signature,
                _ => TokenRejection::Malformed,
            })?;
        let presence = ClaimPresenceOptions {
            issued_at: Presence::Required,
            not_before: Presence::Required,
            expiry: Presence::Required,
            issuer: Presence::Required,
            audience: Presence::Required,
            subject: Presence::Required,
            id: Presence::Required,
        };
        let options = ValidationOptions {
            claim_presence_options: presence,
            temporal_options: TemporalOptions {
                epsilon: self.leeway,
                now: Some(now),
            },
            issued_at: Validation::Validate(Duration::MAX),
            not_before: Validation::Validate(()),
            expiry: Validation::Validate(()),
            issuer: Validation::Validate(self.issuer.clone()),
            audience: Validation::Validate(self.audience.clone()),
        };
        decoded.validate(options).map_err(|e| {
            use biscuit::errors::{Error, ValidationError as V};
            match e {
                Error::ValidationError(V::Expired(_) | V::TooOld(_)) => TokenRejection::Expired,
                Error::ValidationError(V::NotYetValid(_)) => TokenRejection::NotYetValid,
                Error::ValidationError(V::InvalidIssuer(_)) => TokenRejection::Issuer,
                Error::ValidationError(V::InvalidAudience(_)) => TokenRejection::Audience,
                _ => TokenRejection::Claims,
            }
        })?;
        let claims = decoded.payload().map_err(|_| TokenRejection::Malformed)?;
        let registered = &claims.registered;
        let parse = |value: &Option<String>| {
            value
                .as_deref()
                .and_then(|v| Uuid::parse_str(v).ok())
                .ok_or(TokenRejection::Claims)
        };
        let time = |value: &Option<biscuit::Timestamp>| {
            value.as_ref().map(|t| **t).ok_or(TokenRejection::Claims)
        };
        Ok(AccessClaims {
            user_id: parse(&registered.subject)?,
            org_id: claims.private.org,
            role: claims.private.role,
            session_id: claims.private.sid,
            token_id: parse(&registered.id)?,
            issued_at: time(&registered.issued_at)?,
            expires_at: time(&registered.expiry)?,
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use base64::Engine as _;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use chrono::TimeZone;

    use super::*;

    const KEY: &[u8] = b"0123456789abcdef0123456789abcdef";
    const OLD: &[u8] = b"fedcba9876543210fedcba9876543210";

    fn codec(current: &[u8], previous: &[&[u8]]) -> JwtCodec {
        JwtCodec::new(
            KeyRing::new(current, previous).unwrap(),
            "nodal",
            "nodal-api",
            Duration::seconds(30),
        )
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap()
    }

    fn claims() -> AccessClaims {
        AccessClaims {
            user_id: Uuid::now_v7(),
            org_id: Uuid::now_v7(),
            role: Role::Engineer,
            session_id: Uuid::now_v7(),
            token_id: Uuid::new_v4(),
            issued_at: now(),
            expires_at: now() + Duration::minutes(15),
        }
    }

    fn rejection(result: Result<AccessClaims, AuthError>) -> TokenRejection {
        match result {
            Err(AuthError::InvalidToken(reason)) => reason,
            other => panic!("expected a rejection, got {other:?}"),
        }
    }

    #[test]
    fn round_trip_carries_every_claim() {
        let codec = codec(KEY, &[]);
        let claims = claims();
        let token = codec.issue(&claims).unwrap();
        assert_eq!(codec.verify(&token, now()).unwrap(), claims);
        let payload: serde_json::Value = serde_json::from_slice(
            &URL_SAFE_NO_PAD
                .decode(token.split('.').nth(1).unwrap())
                .unwrap(),
        )
        .unwrap();
        for claim in [
            "iss", "aud", "sub", "org", "role", "sid", "iat", "nbf", "exp", "jti",
        ] {
            assert!(payload.get(claim).is_some(), "{claim} missing: {payload}");
        }
    }

    #[test]
    fn expiry_and_not_before_honour_the_leeway() {
        let codec = codec(KEY, &[]);
        let token = codec.issue(&claims()).unwrap();
        let expiry = now() + Duration::minutes(15);
        assert!(codec.verify(&token, expiry + Duration::seconds(29)).is_ok());
        assert_eq!(
            rejection(codec.verify(&token, expiry + Duration::seconds(31))),
            TokenRejection::Expired
        );
        assert!(codec.verify(&token, now() - Duration::seconds(29)).is_ok());
        assert_eq!(
            rejection(codec.verify(&token, now() - Duration::seconds(31))),
            TokenRejection::NotYetValid
        );
    }

    #[test]
    fn tampered_payload_is_a_bad_signature() {
        let codec = codec(KEY, &[]);
        let token = codec.issue(&claims()).unwrap();
        let parts: Vec<&str> = token.split('.').collect();
        let mut payload: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
        payload["role"] = "admin".into();
        let forged = format!(
            "{}.{}.{}",
            parts[0],
            URL_SAFE_NO_PAD.encode(payload.to_string()),
            parts[2]
        );
        assert_eq!(
            rejection(codec.verify(&forged, now())),
            TokenRejection::Signature
        );
    }

    #[test]
    fn alg_none_and_other_algorithms_are_refused() {
        let codec = codec(KEY, &[]);
        let token = codec.issue(&claims()).unwrap();
        let parts: Vec<&str> = token.split('.').collect();
        let kid = codec.keys.signing_key_id().to_owned();
        for alg in ["none", "HS512", "RS256"] {
            let header = URL_SAFE_NO_PAD
                .encode(serde_json::json!({"alg": alg, "typ": "JWT", "kid": kid}).to_string());
            let forged = format!("{header}.{}.", parts[1]);
            assert_eq!(
                rejection(codec.verify(&forged, now())),
                TokenRejection::Algorithm,
                "{alg}"
            );
        }
    }

    #[test]
    fn wrong_issuer_or_audience_is_refused() {
        let token = codec(KEY, &[]).issue(&claims()).unwrap();
        let other_audience = JwtCodec::new(
            KeyRing::new(KEY, &[]).unwrap(),
            "nodal",
            "another-api",
            Duration::seconds(30),
        );
        assert_eq!(
            rejection(other_audience.verify(&token, now())),
            TokenRejection::Audience
        );
        let other_issuer = JwtCodec::new(
            KeyRing::new(KEY, &[]).unwrap(),
            "someone-else",
            "nodal-api",
            Duration::seconds(30),
        );
        assert_eq!(
            rejection(other_issuer.verify(&token, now())),
            TokenRejection::Issuer
        );
    }

    #[test]
    fn rotation_keeps_old_tokens_valid_and_unknown_keys_are_refused() {
        let old_token = codec(OLD, &[]).issue(&claims()).unwrap();
        let rotated = codec(KEY, &[OLD]);
        assert!(rotated.verify(&old_token, now()).is_ok());
        assert_eq!(
            rejection(codec(KEY, &[]).verify(&old_token, now())),
            TokenRejection::UnknownKey
        );
        assert_eq!(
            rejection(rotated.verify("not.a.token", now())),
            TokenRejection::Malformed
        );
        assert!(KeyRing::new(b"short", &[]).is_err());
    }
}
