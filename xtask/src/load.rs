//! `cargo xtask load`: the release server under load on this machine, bounded in time, on
//! 127.0.0.1 only.
//!
//! Steps: build the release binary; create a temporary SQLite database and an organization
//! with an admin (`nodal-server admin create`); start the server; sign in; prime the cache;
//! then run wrk (Debian package `wrk`) against three routes: a cache hit (the same PVT
//! request again and again), a cache miss (a 100-station traverse whose wellhead pressure
//! changes on every request, so no two requests share a cache key) and `/health/live`.
//! Prints requests per second, p50 and p99 latency, and the server's peak resident memory
//! (VmHWM) over the whole run.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::{Result, cargo, root};

const ADMIN_EMAIL: &str = "load@nodal.test";
const ADMIN_PASSWORD: &str = "load-test-Password-7316";

const PVT_BODY: &str = r#"{"fluid":{"oil_api":35,"gas_sg":0.75,"gor_scf_stb":600,"water_salinity_wt_pct":3},"points":[{"pressure_psia":1500,"temperature_degf":180},{"pressure_psia":3000,"temperature_degf":180},{"pressure_psia":4500,"temperature_degf":180}]}"#;

/// A 10,000 ft vertical traverse at 100 stations; `WHP` is replaced per request.
const TRAVERSE_BODY: &str = r#"{"fluid":{"oil_api":35,"gas_sg":0.75,"gor_scf_stb":600,"water_salinity_wt_pct":3},"well":{"sections":[{"bottom_md_ft":10000,"tubing_id_in":2.441}]},"rates":{"liquid_rate_stb_d":1500,"water_cut_fraction":0.3},"temperature":{"wellhead_temperature_degf":100,"bottomhole_temperature_degf":200},"wellhead_pressure_psia":WHP,"options":{"correlation":"beggs_brill_1973"}}"#;

struct Server {
    child: Child,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn run(args: &[String]) -> Result<()> {
    let seconds: u64 = match args.first() {
        Some(s) => s
            .parse()
            .ok()
            .filter(|s| (1..=120).contains(s))
            .ok_or("load: SECONDS must be 1 to 120")?,
        None => 10,
    };
    if Command::new("wrk").arg("--version").output().is_err() {
        return Err("load: wrk is not installed (apt-get install wrk)".into());
    }
    super::run(
        "cargo build --release -p nodal-server",
        cargo().args(["build", "--release", "--locked", "-p", "nodal-server"]),
    )?;
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"));
    let binary = target.join("release").join("nodal-server");
    let dir = std::env::temp_dir().join(format!("nodal-load-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("load: {e}"))?;
    let result = drive(&binary, &dir, seconds);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn server_command(binary: &Path, dir: &Path, port: u16) -> Command {
    let mut cmd = Command::new(binary);
    cmd.env("NODAL_ENV", "development")
        .env("NODAL_CONFIG_DIR", dir)
        .env(
            "NODAL__DATABASE__URL",
            format!("sqlite://{}", dir.join("load.db").display()),
        )
        .env("NODAL__SERVER__HOST", "127.0.0.1")
        .env("NODAL__SERVER__PORT", port.to_string())
        .env("NODAL__LOG__LEVEL", "warn")
        .env(
            "NODAL__AUTH__JWT_SECRET",
            "9c1e5a7f3b2d4e6a8c0f1b3d5e7a9c2e4f6b8d0a1c3e",
        )
        .env("NODAL_ADMIN_PASSWORD", ADMIN_PASSWORD)
        .stdin(Stdio::null());
    cmd
}

fn drive(binary: &Path, dir: &Path, seconds: u64) -> Result<()> {
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| format!("load: no free port: {e}"))?
        .port();
    let status = server_command(binary, dir, port)
        .args([
            "admin",
            "create",
            "--org",
            "Load Test",
            "--email",
            ADMIN_EMAIL,
        ])
        .stdout(Stdio::null())
        .status()
        .map_err(|e| format!("load: admin create: {e}"))?;
    if !status.success() {
        return Err("load: `nodal-server admin create` failed".into());
    }
    let log = std::fs::File::create(dir.join("server.log")).map_err(|e| e.to_string())?;
    let child = server_command(binary, dir, port)
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .map_err(|e| format!("load: cannot start the server: {e}"))?;
    let server = Server { child };
    wait_ready(port)?;

    let login = format!(r#"{{"email":"{ADMIN_EMAIL}","password":"{ADMIN_PASSWORD}"}}"#);
    let (status, body) = http(port, "POST", "/api/v1/auth/login", None, &login)?;
    if status != 200 {
        return Err(format!("load: sign-in failed ({status}): {body}"));
    }
    let token = serde_json::from_str::<serde_json::Value>(&body)
        .ok()
        .and_then(|v| v["access_token"].as_str().map(str::to_owned))
        .ok_or("load: no access_token in the sign-in answer")?;

    // Prime the cache entry the hit scenario reads.
    let (status, body) = http(
        port,
        "POST",
        "/api/v1/pvt/properties",
        Some(&token),
        PVT_BODY,
    )?;
    if status != 200 {
        return Err(format!("load: PVT request failed ({status}): {body}"));
    }

    let scripts = write_scripts(dir, &token)?;
    let url = format!("http://127.0.0.1:{port}");
    let mut rows = Vec::new();
    for (name, script, path) in [
        (
            "cache hit: POST /api/v1/pvt/properties",
            Some(&scripts.0),
            "/api/v1/pvt/properties",
        ),
        (
            "cache miss: POST /api/v1/hydraulics/traverse (100 stations)",
            Some(&scripts.1),
            "/api/v1/hydraulics/traverse",
        ),
        ("health: GET /health/live", None, "/health/live"),
    ] {
        let mut cmd = Command::new("wrk");
        cmd.args([
            "-t1",
            "-c32",
            &format!("-d{seconds}s"),
            "--latency",
            "--timeout",
            "5s",
        ]);
        if let Some(script) = script {
            cmd.arg("-s").arg(script);
        }
        let output = cmd
            .arg(format!("{url}{path}"))
            .output()
            .map_err(|e| format!("load: wrk: {e}"))?;
        let text = String::from_utf8_lossy(&output.stdout).to_string();
        rows.push((name, parse_wrk(&text)));
    }
    let peak_kib = peak_rss_kib(server.child.id());
    drop(server);

    println!(
        "\n{:<62} {:>12} {:>10} {:>10} {:>9}",
        "scenario", "requests/s", "p50", "p99", "non-2xx"
    );
    for (name, stats) in rows {
        match stats {
            Some(s) => println!(
                "{:<62} {:>12.0} {:>10} {:>10} {:>9}",
                name, s.requests_per_sec, s.p50, s.p99, s.non_2xx
            ),
            None => println!("{name:<62} wrk output not understood"),
        }
    }
    match peak_kib {
        Some(kib) => println!(
            "\npeak resident memory of the server: {:.1} MB",
            kib as f64 / 1024.0
        ),
        None => println!("\npeak resident memory: not available"),
    }
    Ok(())
}

fn write_scripts(dir: &Path, token: &str) -> Result<(PathBuf, PathBuf)> {
    let hit = dir.join("hit.lua");
    let miss = dir.join("miss.lua");
    let escape = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
    std::fs::write(
        &hit,
        format!(
            "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\n\
             wrk.headers[\"Authorization\"] = \"Bearer {token}\"\nwrk.body = \"{}\"\n",
            escape(PVT_BODY)
        ),
    )
    .map_err(|e| e.to_string())?;
    let (before, after) = TRAVERSE_BODY.split_once("WHP").ok_or("load: template")?;
    std::fs::write(
        &miss,
        format!(
            "local counter = 0\n\
             request = function()\n\
               counter = counter + 1\n\
               local whp = 150 + (counter % 100000) / 1000\n\
               local body = \"{}\" .. string.format(\"%.3f\", whp) .. \"{}\"\n\
               return wrk.format(\"POST\", nil, {{[\"Content-Type\"] = \"application/json\", [\"Authorization\"] = \"Bearer {token}\"}}, body)\n\
             end\n",
            escape(before),
            escape(after)
        ),
    )
    .map_err(|e| e.to_string())?;
    Ok((hit, miss))
}

struct WrkStats {
    requests_per_sec: f64,
    p50: String,
    p99: String,
    non_2xx: u64,
}

fn parse_wrk(text: &str) -> Option<WrkStats> {
    let mut stats = WrkStats {
        requests_per_sec: 0.0,
        p50: String::new(),
        p99: String::new(),
        non_2xx: 0,
    };
    for line in text.lines() {
        let line = line.trim();
        if let Some(v) = line.strip_prefix("Requests/sec:") {
            stats.requests_per_sec = v.trim().parse().ok()?;
        } else if let Some(v) = line.strip_prefix("50%") {
            stats.p50 = v.trim().to_string();
        } else if let Some(v) = line.strip_prefix("99%") {
            stats.p99 = v.trim().to_string();
        } else if let Some(v) = line.strip_prefix("Non-2xx or 3xx responses:") {
            stats.non_2xx = v.trim().parse().unwrap_or(0);
        }
    }
    (stats.requests_per_sec > 0.0).then_some(stats)
}

fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

fn wait_ready(port: u16) -> Result<()> {
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if let Ok((200, _)) = http(port, "GET", "/health/ready", None, "") {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Err("load: the server did not become ready in 30 s".into())
}

/// One HTTP/1.1 request over a fresh connection; returns the status and the body.
fn http(
    port: u16,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: &str,
) -> Result<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .map_err(|e| e.to_string())?;
    let auth = token.map_or(String::new(), |t| format!("Authorization: Bearer {t}\r\n"));
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n{auth}Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .map_err(|e| e.to_string())?;
    let mut response = String::new();
    stream
        .read_to_string(&mut response)
        .map_err(|e| e.to_string())?;
    let status = response
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or("load: malformed HTTP response")?;
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    Ok((status, body))
}
