//! Cache keys: the canonical JSON form of a validated request, with the calculation kind and
//! the engine version.
//!
//! Two requests that mean the same calculation must land on one key, whatever the client's
//! field order, number spelling (`35`, `35.0`, `3.5e1`) or sign of zero; a request that means
//! another calculation must not. Keys are built from the *typed* request after
//! deserialization, so serde defaults are already applied and unknown fields already refused.

use std::fmt::Write as _;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use serde::Serialize;
use serde_json::Value;

/// Largest magnitude at which every integer is exactly representable in an `f64` (2^53).
const EXACT_INTEGER_LIMIT: f64 = 9_007_199_254_740_992.0;

/// Separates the version, the kind and the body inside a canonical key (ASCII unit
/// separator: cannot appear unescaped in JSON text).
const SEPARATOR: char = '\u{1f}';

/// Why a key could not be built.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// The request could not be turned into JSON (for example a map with non-string keys).
    #[error("the request cannot be serialized into a cache key: {0}")]
    Serialize(#[from] serde_json::Error),
}

/// The typed key of one cached calculation: engine version, calculation kind and the
/// canonical JSON of the request. Cheap to clone (shared).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CacheKey {
    kind: &'static str,
    canonical: Arc<str>,
}

impl CacheKey {
    /// The key of `request` for the calculation `kind` under `engine_version`.
    ///
    /// # Errors
    /// [`KeyError::Serialize`] when the request cannot be represented as JSON.
    pub fn new<T: Serialize + ?Sized>(
        kind: &'static str,
        engine_version: &str,
        request: &T,
    ) -> Result<Self, KeyError> {
        let value = serde_json::to_value(request)?;
        let mut canonical = String::with_capacity(256);
        canonical.push_str(engine_version);
        canonical.push(SEPARATOR);
        canonical.push_str(kind);
        canonical.push(SEPARATOR);
        write_canonical(&value, &mut canonical);
        Ok(Self {
            kind,
            canonical: canonical.into(),
        })
    }

    /// The calculation kind (for example `hydraulics.traverse`).
    pub fn kind(&self) -> &'static str {
        self.kind
    }

    /// The full canonical text: `version`, `kind` and the JSON, separated by U+001F.
    pub fn as_str(&self) -> &str {
        &self.canonical
    }

    /// Length of the canonical text, bytes.
    pub fn len(&self) -> usize {
        self.canonical.len()
    }

    /// Whether the canonical text is empty (never, for a key built by [`CacheKey::new`]).
    pub fn is_empty(&self) -> bool {
        self.canonical.is_empty()
    }

    /// A stable 64-bit digest of the canonical text (FNV-1a), used to name the entry in the
    /// shared tier. Collisions are harmless: the shared tier stores the full key beside the
    /// value and checks it on every read.
    pub fn digest(&self) -> u64 {
        fnv1a(self.canonical.as_bytes())
    }
}

impl Hash for CacheKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.canonical.hash(state);
    }
}

/// FNV-1a, 64-bit: stable across builds and platforms, unlike the standard library's hasher.
fn fnv1a(bytes: &[u8]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    bytes
        .iter()
        .fold(OFFSET, |hash, &b| (hash ^ u64::from(b)).wrapping_mul(PRIME))
}

/// Writes `value` as canonical JSON: object keys sorted, no whitespace, every number that
/// holds an integer value written as that integer (so `-0.0`, `0` and `0.0` agree, as do
/// `35` and `35.0`), other numbers in their shortest round-trip form.
pub fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => write_number(n, out),
        Value::String(s) => write_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
            out.push('{');
            for (i, (name, item)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(name, out);
                out.push(':');
                write_canonical(item, out);
            }
            out.push('}');
        }
    }
}

fn write_number(n: &serde_json::Number, out: &mut String) {
    if let Some(i) = n.as_i64() {
        let _ = write!(out, "{i}");
    } else if let Some(u) = n.as_u64() {
        let _ = write!(out, "{u}");
    } else if let Some(x) = n.as_f64() {
        if x == x.trunc() && x.abs() < EXACT_INTEGER_LIMIT {
            // Integer-valued: `-0.0` becomes `0`. The cast is exact below 2^53.
            #[allow(clippy::cast_possible_truncation)]
            let whole = x as i64;
            let _ = write!(out, "{whole}");
        } else {
            // `{:?}` on f64 is the shortest text that reads back to the same value.
            let _ = write!(out, "{x:?}");
        }
    }
}

fn write_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use serde_json::json;

    use super::*;

    fn key(kind: &'static str, version: &str, value: Value) -> CacheKey {
        CacheKey::new(kind, version, &value).unwrap()
    }

    #[test]
    fn field_order_and_number_spelling_do_not_split_a_case() {
        let a: Value = serde_json::from_str(
            r#"{"fluid":{"oil_api":35,"gas_sg":0.75},"points":[{"p":1500.0,"t":180}]}"#,
        )
        .unwrap();
        let b: Value = serde_json::from_str(
            r#"{ "points": [ {"t": 1.8e2, "p": 1500} ], "fluid": {"gas_sg": 7.5e-1, "oil_api": 35.0} }"#,
        )
        .unwrap();
        assert_eq!(key("pvt.properties", "1", a), key("pvt.properties", "1", b));
    }

    #[test]
    fn negative_zero_equals_zero() {
        assert_eq!(
            key("k", "1", json!({"x": -0.0})),
            key("k", "1", json!({"x": 0.0}))
        );
        assert_eq!(
            key("k", "1", json!({"x": -0.0})),
            key("k", "1", json!({"x": 0}))
        );
    }

    #[test]
    fn different_values_kinds_and_versions_are_different_keys() {
        let base = key("k", "1", json!({"x": 1.5, "list": [1, 2]}));
        assert_ne!(base, key("k", "1", json!({"x": 1.5000001, "list": [1, 2]})));
        assert_ne!(base, key("k", "1", json!({"x": 1.5, "list": [2, 1]})));
        assert_ne!(
            base,
            key("k", "1", json!({"x": 1.5, "list": [1, 2], "y": null}))
        );
        assert_ne!(base, key("other", "1", json!({"x": 1.5, "list": [1, 2]})));
        assert_ne!(base, key("k", "2", json!({"x": 1.5, "list": [1, 2]})));
        assert_ne!(
            base.digest(),
            key("k", "2", json!({"x": 1.5, "list": [1, 2]})).digest()
        );
    }

    #[test]
    fn strings_are_escaped_so_they_cannot_forge_structure() {
        let a = key("k", "1", json!({"a": "x\",\"b\":\"y"}));
        let b = key("k", "1", json!({"a": "x", "b": "y"}));
        assert_ne!(a, b);
        assert!(
            a.as_str().ends_with(r#"{"a":"x\",\"b\":\"y"}"#),
            "{}",
            a.as_str()
        );
    }

    #[test]
    fn typed_requests_apply_defaults_before_keying() {
        #[derive(serde::Deserialize, Serialize)]
        struct Request {
            pressure_psia: f64,
            #[serde(default)]
            salinity_wt_pct: f64,
            #[serde(default)]
            method: Option<String>,
        }
        let explicit: Request = serde_json::from_str(
            r#"{"pressure_psia": 1500, "salinity_wt_pct": 0.0, "method": null}"#,
        )
        .unwrap();
        let implicit: Request = serde_json::from_str(r#"{"pressure_psia": 1.5e3}"#).unwrap();
        assert_eq!(
            CacheKey::new("k", "1", &explicit).unwrap(),
            CacheKey::new("k", "1", &implicit).unwrap()
        );
    }

    #[test]
    fn canonical_text_is_compact_sorted_json() {
        let k = key(
            "pvt.curve",
            "0.1.0",
            json!({"b": [1.25, true], "a": {"d": "x", "c": 1e21}}),
        );
        assert_eq!(
            k.as_str(),
            "0.1.0\u{1f}pvt.curve\u{1f}{\"a\":{\"c\":1e21,\"d\":\"x\"},\"b\":[1.25,true]}"
        );
        assert_eq!(k.kind(), "pvt.curve");
    }
}
