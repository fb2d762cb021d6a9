//! Passwords: argon2id hashing with the OWASP parameters and the password policy.
//!
//! Hashing costs tens of milliseconds of CPU by design: callers run it on a blocking pool,
//! never on an async worker.

use std::sync::OnceLock;

use argon2::password_hash::{PasswordHasher as _, PasswordVerifier as _};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::error::AuthError;

/// Argon2id memory cost, KiB (OWASP Password Storage Cheat Sheet: m=19 MiB, t=2, p=1).
pub const MEMORY_KIB: u32 = 19 * 1024;
/// Argon2id iterations (OWASP).
pub const ITERATIONS: u32 = 2;
/// Argon2id lanes (OWASP).
pub const PARALLELISM: u32 = 1;
/// Longest accepted password, in characters (bounds the hashing work per request).
pub const MAX_PASSWORD_CHARS: usize = 1024;

static COMMON_PASSWORDS: &str = include_str!("common-passwords.txt");

/// Password hashing with argon2id v1.3 and the OWASP parameters.
#[derive(Debug, Clone)]
pub struct PasswordHasher {
    params: Params,
}

impl Default for PasswordHasher {
    fn default() -> Self {
        Self::owasp()
    }
}

impl PasswordHasher {
    /// argon2id, m = 19 MiB, t = 2, p = 1.
    pub fn owasp() -> Self {
        // The constants are within argon2's limits; `DEFAULT` is the same triple.
        let params =
            Params::new(MEMORY_KIB, ITERATIONS, PARALLELISM, None).unwrap_or(Params::DEFAULT);
        PasswordHasher { params }
    }

    fn argon2(&self) -> Argon2<'static> {
        Argon2::new(Algorithm::Argon2id, Version::V0x13, self.params.clone())
    }

    /// The PHC string (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`) of `password`, with a
    /// fresh random salt.
    ///
    /// # Errors
    /// [`AuthError::Internal`] when hashing fails (no randomness).
    pub fn hash(&self, password: &str) -> Result<String, AuthError> {
        self.argon2()
            .hash_password(password.as_bytes())
            .map(|hash| hash.to_string())
            .map_err(|e| AuthError::Internal(format!("password hashing: {e}")))
    }

    /// Whether `password` matches the stored PHC string (the parameters in the string are
    /// used, so older hashes keep verifying after a parameter change).
    pub fn verify(&self, password: &str, phc: &str) -> bool {
        self.argon2()
            .verify_password(password.as_bytes(), phc)
            .is_ok()
    }

    /// Spends the same work as [`Self::verify`] against a hash that matches nothing, so that
    /// a sign-in for an unknown email takes about as long as one with a wrong password.
    pub fn verify_dummy(&self, password: &str) {
        static DUMMY: OnceLock<Option<String>> = OnceLock::new();
        let dummy = DUMMY.get_or_init(|| {
            let random = crate::opaque::OpaqueToken::generate();
            PasswordHasher::owasp().hash(&random.plain).ok()
        });
        if let Some(phc) = dummy {
            let _ = self.verify(password, phc);
        }
    }
}

/// What a new password must satisfy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PasswordPolicy {
    /// Fewest characters.
    pub min_chars: usize,
}

impl Default for PasswordPolicy {
    fn default() -> Self {
        PasswordPolicy { min_chars: 12 }
    }
}

impl PasswordPolicy {
    /// Checks a new password for the account `email`: at least `min_chars` and at most
    /// [`MAX_PASSWORD_CHARS`] characters, not a very common password, not the email or its
    /// local part, not one repeated character.
    ///
    /// # Errors
    /// [`AuthError::WeakPassword`] naming the rule.
    pub fn check(&self, password: &str, email: &str) -> Result<(), AuthError> {
        let chars = password.chars().count();
        if chars < self.min_chars {
            return Err(AuthError::WeakPassword(format!(
                "must be at least {} characters",
                self.min_chars
            )));
        }
        if chars > MAX_PASSWORD_CHARS {
            return Err(AuthError::WeakPassword(format!(
                "must be at most {MAX_PASSWORD_CHARS} characters"
            )));
        }
        let lower = password.to_lowercase();
        if is_common(&lower) {
            return Err(AuthError::WeakPassword(
                "is one of the most common passwords: choose another".into(),
            ));
        }
        let email = email.trim().to_lowercase();
        let local = email.split('@').next().unwrap_or_default();
        if lower == email || (!local.is_empty() && lower == local) {
            return Err(AuthError::WeakPassword(
                "must not be the email address".into(),
            ));
        }
        let mut distinct: Vec<char> = lower.chars().collect();
        distinct.sort_unstable();
        distinct.dedup();
        if distinct.len() < 4 {
            return Err(AuthError::WeakPassword(
                "must use more than three different characters".into(),
            ));
        }
        Ok(())
    }
}

fn is_common(lower: &str) -> bool {
    COMMON_PASSWORDS
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .any(|common| common == lower)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_with_owasp_parameters_and_salted() {
        let hasher = PasswordHasher::owasp();
        let first = hasher.hash("correct horse staple").unwrap();
        let second = hasher.hash("correct horse staple").unwrap();
        assert!(
            first.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{first}"
        );
        assert_ne!(first, second, "salts must differ");
        assert!(hasher.verify("correct horse staple", &first));
        assert!(!hasher.verify("correct horse stapler", &first));
        assert!(!hasher.verify("anything", "not a phc string"));
    }

    #[test]
    fn policy_refuses_short_common_email_and_monotonous_passwords() {
        let policy = PasswordPolicy::default();
        let email = "Jane.Doe@example.com";
        assert!(policy.check("reservoir-drawdown-42", email).is_ok());
        for bad in [
            "short",
            "Password1234",
            "QWERTY123456",
            "jane.doe@example.com",
            "aaaabbbbaaaabbbb",
        ] {
            assert!(
                matches!(policy.check(bad, email), Err(AuthError::WeakPassword(_))),
                "{bad}"
            );
        }
        assert!(policy.check(&"x1y2".repeat(300), email).is_err());
    }
}
