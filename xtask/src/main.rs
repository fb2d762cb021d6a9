//! Project tasks, run as `cargo xtask <task>`:
//!
//! - `ci`: formatting, clippy `-D warnings`, the OpenAPI document is current, the Dockerfile
//!   lints clean (when hadolint is installed), and every test on SQLite and PostgreSQL.
//! - `openapi`: writes `docs/openapi.json` from the code.
//! - `bench`: runs the criterion benches and prints one table.
//! - `new-migration NAME`: creates the migration folder pair for SQLite and PostgreSQL.
//! - `load`: starts the release server on a temporary database, signs in, drives it with wrk
//!   on 127.0.0.1 (a cache hit, a cache miss, a health route) and prints requests per second,
//!   p50/p99 latency and the server's peak resident memory.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{SystemTime, UNIX_EPOCH};

mod load;

type Result<T> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("ci") => ci(),
        Some("openapi") => write_openapi(),
        Some("bench") => bench(&args[1..]),
        Some("load") => load::run(&args[1..]),
        Some("new-migration") => match args.get(1) {
            Some(name) => new_migration(name),
            None => Err("usage: cargo xtask new-migration NAME".into()),
        },
        _ => Err("usage: cargo xtask <ci | openapi | bench [FILTER] | new-migration NAME>".into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root. `cargo run` (which the `xtask` alias is) sets `CARGO_MANIFEST_DIR`
/// for the running process, and that is the checkout being worked on; the compile-time
/// value is only a fallback, because a target folder shared between checkouts (as CI's
/// is) can hold an `xtask` binary built from another checkout.
pub(crate) fn root() -> PathBuf {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    manifest_dir
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

pub(crate) fn cargo() -> Command {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.current_dir(root());
    cmd
}

pub(crate) fn run(step: &str, cmd: &mut Command) -> Result<()> {
    eprintln!("==> {step}");
    let status = cmd
        .status()
        .map_err(|e| format!("{step}: cannot start: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{step} failed ({status})"))
    }
}

fn ci() -> Result<()> {
    let in_ci = std::env::var_os("CI").is_some();
    let postgres = std::env::var("NODAL_TEST_POSTGRES_URL").ok();
    if in_ci && postgres.is_none() {
        return Err(
            "CI is set but NODAL_TEST_POSTGRES_URL is not: the PostgreSQL half of the tests \
             cannot be skipped in CI (.ci/run exports it)"
                .into(),
        );
    }
    if postgres.is_none() {
        eprintln!(
            "note: NODAL_TEST_POSTGRES_URL is unset; PostgreSQL tests are skipped \
             (set it, e.g. postgres://postgres@127.0.0.1:5432/test)"
        );
    }
    run(
        "cargo fmt --check",
        cargo().args(["fmt", "--all", "--", "--check"]),
    )?;
    run(
        "cargo clippy -D warnings",
        cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--locked",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    check_openapi()?;
    hadolint()?;
    run(
        "cargo test (SQLite and PostgreSQL)",
        cargo().args(["test", "--workspace", "--locked"]),
    )?;
    eprintln!("==> ci passed");
    Ok(())
}

fn generate_openapi() -> Result<String> {
    let output = cargo()
        .args([
            "run",
            "--quiet",
            "--locked",
            "--package",
            "nodal-server",
            "--",
            "openapi",
        ])
        .output()
        .map_err(|e| format!("cannot run nodal-server openapi: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "nodal-server openapi failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    String::from_utf8(output.stdout).map_err(|e| format!("OpenAPI output is not UTF-8: {e}"))
}

fn openapi_path() -> PathBuf {
    root().join("docs").join("openapi.json")
}

fn write_openapi() -> Result<()> {
    let json = generate_openapi()?;
    std::fs::write(openapi_path(), json).map_err(|e| format!("cannot write: {e}"))?;
    eprintln!("wrote {}", openapi_path().display());
    Ok(())
}

fn check_openapi() -> Result<()> {
    eprintln!("==> docs/openapi.json is current");
    let generated = generate_openapi()?;
    let committed = std::fs::read_to_string(openapi_path()).unwrap_or_default();
    if generated == committed {
        Ok(())
    } else {
        Err("docs/openapi.json is stale: run `cargo xtask openapi` and commit it".into())
    }
}

fn hadolint() -> Result<()> {
    let dockerfile = root().join("deploy").join("Dockerfile");
    match Command::new("hadolint").arg("--version").output() {
        Ok(out) if out.status.success() => run(
            "hadolint deploy/Dockerfile",
            Command::new("hadolint").arg(dockerfile),
        ),
        _ => {
            if std::env::var_os("CI").is_some() {
                Err("CI is set but hadolint is not installed (.ci/run installs it)".into())
            } else {
                eprintln!("note: hadolint not installed; Dockerfile lint skipped");
                Ok(())
            }
        }
    }
}

fn bench(args: &[String]) -> Result<()> {
    let mut cmd = cargo();
    cmd.args(["bench", "--workspace", "--locked"]);
    if let Some(filter) = args.first() {
        cmd.args(["--", filter.as_str()]);
    }
    run("cargo bench", &mut cmd)?;
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"));
    let mut rows = Vec::new();
    collect_estimates(&target.join("criterion"), &mut rows);
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    println!("\n{:<60} {:>14} {:>14}", "benchmark", "mean", "± (95% CI)");
    for (name, mean_ns, half_width_ns) in rows {
        println!(
            "{:<60} {:>14} {:>14}",
            name,
            human_time(mean_ns),
            human_time(half_width_ns)
        );
    }
    Ok(())
}

/// Finds `<id>/new/estimates.json` files written by criterion and reads the mean.
fn collect_estimates(dir: &Path, rows: &mut Vec<(String, f64, f64)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if !path.is_dir() {
            continue;
        }
        let estimates = path.join("new").join("estimates.json");
        let benchmark = path.join("new").join("benchmark.json");
        if estimates.is_file() {
            let read = |p: &Path| -> Option<serde_json::Value> {
                serde_json::from_str(&std::fs::read_to_string(p).ok()?).ok()
            };
            if let (Some(est), Some(meta)) = (read(&estimates), read(&benchmark)) {
                let mean = &est["mean"];
                let point = mean["point_estimate"].as_f64().unwrap_or(f64::NAN);
                let lower = mean["confidence_interval"]["lower_bound"]
                    .as_f64()
                    .unwrap_or(point);
                let upper = mean["confidence_interval"]["upper_bound"]
                    .as_f64()
                    .unwrap_or(point);
                let name = meta["full_id"].as_str().unwrap_or("?").to_string();
                rows.push((name, point, (upper - lower) / 2.0));
            }
        } else {
            collect_estimates(&path, rows);
        }
    }
}

fn human_time(ns: f64) -> String {
    if ns >= 1e9 {
        format!("{:.3} s", ns / 1e9)
    } else if ns >= 1e6 {
        format!("{:.3} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.3} µs", ns / 1e3)
    } else {
        format!("{ns:.1} ns")
    }
}

fn new_migration(name: &str) -> Result<()> {
    if name.is_empty()
        || !name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        return Err("migration names are snake_case: lowercase letters, digits and _".into());
    }
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_err(|e| e.to_string())?
        .as_secs();
    let stamp = timestamp(secs);
    for backend in ["sqlite", "postgres"] {
        let dir = root()
            .join("migrations")
            .join(backend)
            .join(format!("{stamp}_{name}"));
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for (file, text) in [
            ("up.sql", format!("-- {name} ({backend}): the change.\n")),
            (
                "down.sql",
                format!("-- {name} ({backend}): undo exactly what up.sql does.\n"),
            ),
        ] {
            std::fs::write(dir.join(file), text).map_err(|e| format!("{file}: {e}"))?;
        }
        eprintln!("created {}", dir.display());
    }
    Ok(())
}

/// `YYYY-MM-DD-HHMMSS` in UTC, diesel's migration prefix.
fn timestamp(unix_secs: u64) -> String {
    let days = (unix_secs / 86_400) as i64;
    let rem = unix_secs % 86_400;
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}-{:02}{:02}{:02}",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

/// Gregorian date from days since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migration_timestamps_are_diesel_shaped() {
        assert_eq!(timestamp(0), "1970-01-01-000000");
        // 2026-11-26 16:21:52 UTC
        assert_eq!(timestamp(1_795_710_112), "2026-11-26-162152");
        assert_eq!(timestamp(951_782_400), "2000-02-29-000000");
    }
}
