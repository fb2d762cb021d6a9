//! The real binary: start-up on a fresh SQLite database, configuration refusal, the
//! healthcheck subcommand, and a graceful stop with a request in flight.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_nodal-server");

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn command(dir: &Path, port: u16) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("NODAL_ENV", "test")
        .env("NODAL_CONFIG_DIR", dir)
        .env(
            "NODAL__DATABASE__URL",
            format!("sqlite://{}", dir.join("nodal.db").display()),
        )
        .env("NODAL__SERVER__PORT", port.to_string())
        .env("NODAL__SERVER__WORKERS", "1")
        .env("NODAL__SERVER__SHUTDOWN_GRACE_SECS", "20")
        .env("NODAL__LOG__LEVEL", "info")
        .env("NODAL__LOG__FORMAT", "json");
    cmd
}

struct Server {
    child: Child,
    port: u16,
    log: std::path::PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(dir: &Path) -> Server {
    start_with(dir, &[])
}

fn start_with(dir: &Path, env: &[(&str, String)]) -> Server {
    let port = free_port();
    let log = dir.join("server.log");
    let child = command(dir, port)
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let mut server = Server { child, port, log };
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            panic!(
                "server exited early ({status}): {}",
                std::fs::read_to_string(&server.log).unwrap_or_default()
            );
        }
        if get(port, "/health/ready").is_ok_and(|r| r.starts_with("HTTP/1.1 200")) {
            return server;
        }
        assert!(Instant::now() < deadline, "server did not become ready");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn get(port: u16, path: &str) -> std::io::Result<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    Ok(response)
}

fn wait_for_exit(server: &mut Server, within: Duration) -> std::process::ExitStatus {
    let deadline = Instant::now() + within;
    loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            return status;
        }
        assert!(Instant::now() < deadline, "server did not stop in time");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn signal(server: &Server, name: &str) {
    let status = Command::new("kill")
        .arg(format!("-{name}"))
        .arg(server.child.id().to_string())
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn serves_on_a_fresh_database_answers_the_healthcheck_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = start(dir.path());
    let port = server.port;

    // The healthcheck subcommand, as the container runs it.
    let status = command(dir.path(), port)
        .arg("healthcheck")
        .status()
        .unwrap();
    assert!(status.success());
    let response = get(port, "/api/v1").unwrap();
    assert!(response.contains("\"name\":\"nodal\""), "{response}");

    signal(&server, "TERM");
    let status = wait_for_exit(&mut server, Duration::from_secs(15));
    assert!(status.success(), "exit status {status}");
    let log = std::fs::read_to_string(&server.log).unwrap();
    assert!(log.contains("database pool closed"), "{log}");
    // One structured access-log event per request.
    assert!(log.contains("\"route\":\"/api/v1\""), "{log}");

    // Once stopped, the healthcheck fails.
    let status = command(dir.path(), port)
        .arg("healthcheck")
        .status()
        .unwrap();
    assert!(!status.success());
}

#[test]
fn sigterm_lets_a_request_in_flight_finish_then_exits_zero() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = start(dir.path());
    let port = server.port;

    // A request in flight: its head and half its body have arrived, and the handler is
    // waiting for the rest when the signal comes.
    let body = br#"{"fluid":{"oil_api":35,"gas_sg":0.75,"gor_scf_stb":600},"points":[{"pressure_psia":2000,"temperature_degf":180}]}"#;
    let (first, rest) = body.split_at(body.len() / 2);
    let mut in_flight = TcpStream::connect(("127.0.0.1", port)).unwrap();
    in_flight
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        in_flight,
        "POST /api/v1/pvt/properties HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .unwrap();
    in_flight.write_all(first).unwrap();
    in_flight.flush().unwrap();
    std::thread::sleep(Duration::from_millis(300));

    signal(&server, "TERM");
    // The listener closes: new connections are refused while the old one finishes.
    let deadline = Instant::now() + Duration::from_secs(5);
    while TcpStream::connect(("127.0.0.1", port)).is_ok() {
        assert!(
            Instant::now() < deadline,
            "still accepting connections after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        server.child.try_wait().unwrap().is_none(),
        "exited before the in-flight request finished"
    );

    in_flight.write_all(rest).unwrap();
    let mut response = String::new();
    in_flight.read_to_string(&mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains("\"bubble_point_psia\""), "{response}");

    let status = wait_for_exit(&mut server, Duration::from_secs(15));
    assert!(status.success(), "exit status {status}");
}

#[test]
fn sigint_stops_an_idle_server_with_exit_code_zero() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = start(dir.path());
    signal(&server, "INT");
    let status = wait_for_exit(&mut server, Duration::from_secs(15));
    assert!(status.success(), "exit status {status}");
}

#[test]
fn production_refuses_to_start_and_names_the_setting() {
    let dir = tempfile::tempdir().unwrap();
    let output = command(dir.path(), free_port())
        .env("NODAL_ENV", "production")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("database.url"), "{stderr}");
    assert!(stderr.contains("auth.jwt_secret"), "{stderr}");
}

#[test]
fn migrate_subcommand_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    for _ in 0..2 {
        let status = command(dir.path(), free_port())
            .arg("migrate")
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success());
    }
}

#[test]
fn openapi_subcommand_prints_the_document() {
    let output = Command::new(BIN).arg("openapi").output().unwrap();
    assert!(output.status.success());
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(document["info"]["title"], "Nodal");
}

#[test]
fn metrics_port_serves_metrics_on_its_own_listener_only() {
    let dir = tempfile::tempdir().unwrap();
    let metrics_port = free_port();
    let mut server = start_with(
        dir.path(),
        &[("NODAL__METRICS__PORT", metrics_port.to_string())],
    );
    let api = get(server.port, "/metrics").unwrap();
    assert!(api.starts_with("HTTP/1.1 404"), "{api}");
    let metrics = get(metrics_port, "/metrics").unwrap();
    assert!(metrics.starts_with("HTTP/1.1 200"), "{metrics}");
    assert!(
        metrics.contains(
            "nodal_http_requests_total{route=\"/health/ready\",method=\"GET\",status=\"200\"}"
        ),
        "{metrics}"
    );
    assert!(
        metrics.contains("nodal_db_pool_checkouts_total"),
        "{metrics}"
    );

    signal(&server, "TERM");
    let status = wait_for_exit(&mut server, Duration::from_secs(15));
    assert!(status.success(), "exit status {status}");
    assert!(
        get(metrics_port, "/metrics").is_err(),
        "the metrics listener stops too"
    );
}
