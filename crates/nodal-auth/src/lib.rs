//! # nodal-auth
//!
//! The security building blocks of Nodal, free of web and database types so that they can be
//! tested on their own and reused:
//!
//! - [`password`]: argon2id hashing with OWASP parameters and the password policy (minimum
//!   length, very common passwords refused);
//! - [`token`]: short-lived access tokens (JWT, HS256, through `biscuit`) behind the
//!   [`token::TokenCodec`] trait, with a key ring for secret rotation;
//! - [`opaque`]: random opaque tokens (refresh, password-set, CSRF) of which only a SHA-256
//!   hash is stored, and constant-time comparison;
//! - [`role`]: the three roles and what each may do;
//! - [`rate_limit`] and [`lockout`]: abuse resistance rules;
//! - [`clock`]: the time source, replaceable in tests.

pub mod clock;
pub mod error;
pub mod lockout;
pub mod opaque;
pub mod password;
pub mod rate_limit;
pub mod role;
pub mod token;

pub use clock::{Clock, SystemClock, TestClock};
pub use error::{AuthError, TokenRejection};
pub use lockout::LockoutPolicy;
pub use opaque::{OpaqueToken, constant_time_eq, hash_opaque_token};
pub use password::{PasswordHasher, PasswordPolicy};
pub use rate_limit::{RateLimit, RateLimiter};
pub use role::Role;
pub use token::{AccessClaims, JwtCodec, KeyRing, TokenCodec};
