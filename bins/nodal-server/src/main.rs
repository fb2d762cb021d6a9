//! `nodal-server`: the Nodal service.
//!
//! `nodal-server` (or `nodal-server serve`) loads configuration, sets up logging, connects the
//! database pool, applies migrations and serves HTTP until SIGTERM or SIGINT, when it stops
//! accepting, lets in-flight requests finish within the grace period, closes the pool and
//! exits 0. Other subcommands: `migrate`, `healthcheck` (for container health checks; no curl
//! needed), `openapi` (prints the OpenAPI document), `check-config`, and
//! `admin create --org NAME --email EMAIL` (creates an organization and its first admin; the
//! password comes from `NODAL_ADMIN_PASSWORD` or the first line of standard input).

use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};
use nodal_http::settings::{LoadNotes, LogFormat};
use nodal_http::{AppState, Settings, build_app};
use tracing_subscriber::EnvFilter;

#[derive(Parser)]
#[command(name = "nodal-server", version, about = "Nodal analysis service")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve HTTP (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Exit 0 when the local server answers `/health/live`, 1 otherwise.
    Healthcheck {
        /// Seconds to wait for the answer.
        #[arg(long, default_value_t = 3)]
        timeout_secs: u64,
    },
    /// Print the OpenAPI document as JSON.
    Openapi,
    /// Load and validate the configuration, print a redacted summary, and exit.
    CheckConfig,
    /// Manage accounts from the command line.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create an organization and its first admin. The password is read from
    /// NODAL_ADMIN_PASSWORD, or else from the first line of standard input.
    Create {
        /// Organization name (its URL slug is derived from it).
        #[arg(long)]
        org: String,
        /// The admin's email address.
        #[arg(long)]
        email: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(Command::Openapi) = cli.command {
        return match serde_json::to_string_pretty(&nodal_http::openapi()) {
            Ok(json) => {
                println!("{json}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("cannot serialize the OpenAPI document: {e}");
                ExitCode::FAILURE
            }
        };
    }
    let (settings, notes) = match Settings::load() {
        Ok(loaded) => loaded,
        Err(e) => {
            eprintln!("nodal-server: {e}");
            return ExitCode::from(2);
        }
    };
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            init_logging(&settings);
            log_start(&settings, &notes);
            serve(settings)
        }
        Command::Migrate => {
            init_logging(&settings);
            migrate(&settings)
        }
        Command::Healthcheck { timeout_secs } => healthcheck(&settings, timeout_secs),
        Command::CheckConfig => {
            println!("{}", settings.summary());
            ExitCode::SUCCESS
        }
        Command::Admin {
            command: AdminCommand::Create { org, email },
        } => {
            init_logging(&settings);
            match admin_create(&settings, &org, &email) {
                Ok(message) => {
                    println!("{message}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("nodal-server admin create: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Openapi => ExitCode::SUCCESS,
    }
}

fn init_logging(settings: &Settings) {
    let filter = EnvFilter::try_from_default_env()
        .or_else(|_| EnvFilter::try_new(&settings.log.level))
        .unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match settings.log_format() {
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_current_span(false)
            .init(),
        LogFormat::Pretty => builder.init(),
    }
    // Panics anywhere (handlers included) go to the structured log, not bare stderr.
    std::panic::set_hook(Box::new(|info| {
        let location = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        tracing::error!(%location, %message, "panic");
    }));
}

fn log_start(settings: &Settings, notes: &LoadNotes) {
    tracing::info!(
        version = env!("CARGO_PKG_VERSION"),
        environment = settings.environment.as_str(),
        files = ?notes.files_read,
        "starting nodal-server"
    );
    tracing::info!(settings = %settings.summary(), "configuration");
    if notes.generated_secret {
        tracing::warn!(
            "no auth.jwt_secret configured: generated a random one for this process; \
             sessions will not survive a restart (set NODAL__AUTH__JWT_SECRET to keep them)"
        );
    }
}

fn connect_and_migrate(
    settings: &Settings,
    stats: nodal_store::PoolStats,
) -> Result<nodal_store::DbPool, String> {
    let pool = nodal_store::build_pool_observed(&settings.database, stats)
        .map_err(|e| format!("cannot open the database: {e}"))?;
    let applied =
        nodal_store::run_migrations(&pool).map_err(|e| format!("migrations failed: {e}"))?;
    if applied.is_empty() {
        tracing::info!("database schema is current");
    } else {
        tracing::info!(?applied, "applied migrations");
    }
    Ok(pool)
}

fn migrate(settings: &Settings) -> ExitCode {
    match connect_and_migrate(settings, nodal_store::PoolStats::default()) {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("{e}");
            ExitCode::FAILURE
        }
    }
}

fn serve(settings: Settings) -> ExitCode {
    let pool_stats = nodal_store::PoolStats::default();
    let pool = match connect_and_migrate(&settings, pool_stats.clone()) {
        Ok(pool) => pool,
        Err(e) => {
            tracing::error!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let server = &settings.server;
    let workers = if server.workers == 0 {
        std::thread::available_parallelism().map_or(2, |n| n.get())
    } else {
        server.workers
    };
    let bind = (server.host.clone(), server.port);
    let keep_alive = if server.keep_alive_secs == 0 {
        actix_web::http::KeepAlive::Disabled
    } else {
        actix_web::http::KeepAlive::Timeout(Duration::from_secs(server.keep_alive_secs))
    };
    let client_request_timeout = Duration::from_secs(server.client_request_timeout_secs);
    let grace = server.shutdown_grace_secs;
    let metrics_bind = settings
        .metrics
        .port
        .filter(|_| settings.metrics.enabled)
        .map(|port| {
            let host = settings.metrics.host.clone();
            (host.unwrap_or_else(|| server.host.clone()), port)
        });
    let state = AppState::new(settings, pool).with_pool_stats(pool_stats);
    // Prepare the dummy hash now, so that the first sign-in with an unknown email takes no
    // longer than any other.
    state.auth.hasher().verify_dummy("");
    let app_state = state.clone();
    let metrics_state = state.clone();
    let housekeeping_state = state.clone();

    let result = actix_web::rt::System::new().block_on(async move {
        let http = actix_web::HttpServer::new(move || build_app(app_state.clone()))
            .workers(workers)
            .keep_alive(keep_alive)
            .client_request_timeout(client_request_timeout)
            .shutdown_timeout(grace)
            .bind(bind.clone())
            .map_err(|e| format!("cannot listen on {}:{}: {e}", bind.0, bind.1))?;
        for addr in http.addrs() {
            tracing::info!(%addr, workers, "listening");
        }
        nodal_http::housekeeping::spawn(housekeeping_state);
        // `/metrics` on its own listener, kept off the public port; it stops with the API.
        let metrics = match metrics_bind {
            Some(bind) => {
                let listener = actix_web::HttpServer::new(move || {
                    nodal_http::metrics_app(metrics_state.clone())
                })
                .workers(1)
                .disable_signals()
                .bind(bind.clone())
                .map_err(|e| format!("cannot listen on {}:{} for metrics: {e}", bind.0, bind.1))?;
                for addr in listener.addrs() {
                    tracing::info!(%addr, "serving /metrics");
                }
                let running = listener.run();
                let handle = running.handle();
                actix_web::rt::spawn(running);
                Some(handle)
            }
            None => None,
        };
        let result = http.run().await.map_err(|e| format!("server error: {e}"));
        if let Some(metrics) = metrics {
            metrics.stop(true).await;
        }
        result
    });
    match result {
        Ok(()) => {
            let idle = state.pool.state();
            drop(state);
            tracing::info!(
                idle_connections = idle.idle_connections,
                "stopped: in-flight requests finished, database pool closed"
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            tracing::error!("{e}");
            ExitCode::FAILURE
        }
    }
}

/// The admin password: `NODAL_ADMIN_PASSWORD`, or the first line of standard input.
fn admin_password() -> Result<String, String> {
    if let Ok(password) = std::env::var("NODAL_ADMIN_PASSWORD")
        && !password.is_empty()
    {
        return Ok(password);
    }
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(|e| format!("cannot read the password from standard input: {e}"))?;
    let password = line.trim_end_matches(['\r', '\n']).to_owned();
    if password.is_empty() {
        return Err("no password: set NODAL_ADMIN_PASSWORD or write it on standard input".into());
    }
    Ok(password)
}

/// A URL slug from an organization name: lower-case ASCII letters and digits, other runs
/// turned into single hyphens.
fn slug_of(name: &str) -> String {
    let mut slug = String::new();
    for c in name.trim().chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let mut slug = slug.trim_end_matches('-').to_owned();
    slug.truncate(nodal_store::organizations::MAX_SLUG_LEN);
    slug.trim_end_matches('-').to_owned()
}

/// Creates an organization and its first admin; returns what to print.
fn admin_create(settings: &Settings, org: &str, email: &str) -> Result<String, String> {
    use nodal_store::accounts::audit::{self, NewAuditEvent};
    use nodal_store::accounts::users::{self, NewUser};

    let password = admin_password()?;
    nodal_auth::PasswordPolicy {
        min_chars: settings.auth.password_min_chars,
    }
    .check(&password, email)
    .map_err(|e| format!("password {e}"))?;
    nodal_store::accounts::users::validate_email(email.trim()).map_err(|e| e.to_string())?;
    let slug = slug_of(org);
    if slug.is_empty() {
        return Err("the organization name needs at least one letter or digit".into());
    }
    let hash = nodal_auth::PasswordHasher::owasp()
        .hash(&password)
        .map_err(|e| e.to_string())?;
    let pool = connect_and_migrate(settings, nodal_store::PoolStats::default())?;
    let mut conn = nodal_store::connection(&pool).map_err(|e| e.to_string())?;
    let now = chrono::Utc::now();
    let (organization, user) = nodal_store::transaction(&mut conn, |conn| {
        let organization = nodal_store::organizations::create(
            conn,
            &nodal_store::NewOrganization {
                name: org.trim(),
                slug: &slug,
            },
        )?;
        let user = users::create(
            conn,
            &NewUser {
                organization_id: organization.id,
                email,
                role: "admin",
                password_hash: Some(&hash),
            },
            now,
        )?;
        audit::record(
            conn,
            &NewAuditEvent {
                organization_id: Some(organization.id),
                user_id: Some(user.id),
                kind: "user_created",
                detail: Some(r#"{"role":"admin","via":"command_line"}"#),
                ..NewAuditEvent::default()
            },
            now,
        )?;
        Ok((organization, user))
    })
    .map_err(|e| format!("cannot create the organization and admin: {e}"))?;
    Ok(format!(
        "created organization {} ({}) and admin {} ({})",
        organization.name, organization.id, user.email, user.id
    ))
}

/// Asks the local server for `/health/live` over plain TCP: the runtime image has no curl.
fn healthcheck(settings: &Settings, timeout_secs: u64) -> ExitCode {
    let host = match settings.server.host.as_str() {
        "0.0.0.0" => "127.0.0.1",
        "::" | "[::]" => "::1",
        other => other,
    };
    let timeout = Duration::from_secs(timeout_secs.max(1));
    let probe = || -> std::io::Result<bool> {
        let addr = (host, settings.server.port)
            .to_socket_addrs()?
            .next()
            .ok_or_else(|| std::io::Error::other("address did not resolve"))?;
        let mut stream = TcpStream::connect_timeout(&addr, timeout)?;
        stream.set_read_timeout(Some(timeout))?;
        stream.set_write_timeout(Some(timeout))?;
        stream.write_all(
            b"GET /health/live HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
        )?;
        let mut head = [0u8; 32];
        let n = stream.read(&mut head)?;
        Ok(head[..n].starts_with(b"HTTP/1.1 200"))
    };
    match probe() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => {
            eprintln!("healthcheck: the server answered but is not live");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("healthcheck: {e}");
            ExitCode::FAILURE
        }
    }
}
