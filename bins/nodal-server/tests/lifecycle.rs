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
    let port = free_port();
    let log = dir.join("server.log");
    let child = command(dir, port)
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

const ADMIN_EMAIL: &str = "admin@lifecycle.example.com";
const ADMIN_PASSWORD: &str = "lifecycle-Bottomhole-4471";

/// `nodal-server admin create` with the password on standard input.
fn admin_create(dir: &Path, password: &str) -> std::process::Output {
    let mut child = command(dir, free_port())
        .args([
            "admin",
            "create",
            "--org",
            "Lifecycle Oil & Gas",
            "--email",
            ADMIN_EMAIL,
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{password}").unwrap();
    child.wait_with_output().unwrap()
}

/// Signs in over HTTP; returns the access token.
fn sign_in(port: u16) -> String {
    let body = format!(r#"{{"email":"{ADMIN_EMAIL}","password":"{ADMIN_PASSWORD}"}}"#);
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    let json = &response[response.find("\r\n\r\n").unwrap() + 4..];
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    value["access_token"].as_str().unwrap().to_owned()
}

#[test]
fn admin_create_makes_an_admin_who_can_sign_in_and_refuses_weak_passwords() {
    let dir = tempfile::tempdir().unwrap();
    let weak = admin_create(dir.path(), "password1234");
    assert!(!weak.status.success());
    assert!(
        String::from_utf8_lossy(&weak.stderr).contains("common"),
        "{weak:?}"
    );
    let created = admin_create(dir.path(), ADMIN_PASSWORD);
    assert!(created.status.success(), "{created:?}");
    assert!(
        String::from_utf8_lossy(&created.stdout).contains("lifecycle-oil-gas")
            || String::from_utf8_lossy(&created.stdout).contains("Lifecycle Oil & Gas")
    );
    // The same organization again is a conflict, not a second copy.
    assert!(!admin_create(dir.path(), ADMIN_PASSWORD).status.success());
    let server = start(dir.path());
    let token = sign_in(server.port);
    assert_eq!(token.split('.').count(), 3);
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
    assert!(admin_create(dir.path(), ADMIN_PASSWORD).status.success());
    let mut server = start(dir.path());
    let port = server.port;
    let token = sign_in(port);

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
        "POST /api/v1/pvt/properties HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
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
