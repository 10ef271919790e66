//! `quay-emulator [--config FILE.yaml] [--db FILE.db] [--listen 127.0.0.1:8080] [--dist DIR]
//! [--seed demo [--seed-rng N]] [--fault-…]` (see `--help`).
//!
//! Any start-up problem is one line on stderr and exit code 2. With `--seed demo` the database is
//! seeded first and a short summary (with the admin's credentials) goes to stdout. Once the server
//! accepts connections, one line `listening on http://ADDR` goes to stdout.

use std::io::Write;
use std::process::ExitCode;

use quay_emulator::cli::{parse_args, CliAction, Seed};
use quay_emulator::{demo, load_config, start, EmulatorOptions};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("quay-emulator: {message}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let mut args = match parse_args(std::env::args_os().skip(1))? {
        CliAction::Help(text) | CliAction::Version(text) => {
            print!("{text}");
            return Ok(());
        }
        CliAction::Run(args) => args,
    };
    let override_json = std::env::var("QUAY_OVERRIDE_CONFIG").ok();
    // The configuration is checked before anything touches the disk.
    let mut config = load_config(args.config.as_deref(), override_json.as_deref())?;
    if let Some(Seed::Demo) = args.seed {
        let started = std::time::Instant::now();
        let summary = demo::seed(&args.db, args.seed_rng)
            .map_err(|e| format!("cannot seed {}: {e}", args.db.display()))?;
        let config_path = demo::write_config(&args.db, &summary)
            .map_err(|e| format!("cannot seed {}: {e}", args.db.display()))?;
        if args.config.is_none() {
            config = load_config(Some(&config_path), override_json.as_deref())?;
        }
        // The dashboard's application redirects to the address served, known once bound.
        if args.dashboard_config.is_none() {
            args.dashboard_config = Some(demo::dashboard_config_path(&args.db));
        }
        let mut out = std::io::stdout().lock();
        for line in summary.report_lines(started.elapsed(), &config_path) {
            let _ = writeln!(out, "{line}");
        }
        let _ = out.flush();
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the runtime: {e}"))?;
    let seeded = args.seed.is_some();
    let db = args.db.clone();
    runtime.block_on(async move {
        let options = EmulatorOptions {
            config,
            db_path: args.db,
            listen: args.listen,
            dist: Some(args.dist),
            dist_mount: "/".to_string(),
            redirect_bare_folder: true,
            dashboard_config: args.dashboard_config,
            faults: args.faults,
            fault_control: None,
            registry_size: args.registry_size,
            request_timeout: args.request_timeout,
            clock: quay_emulator::Clock::system(),
            log_requests: args.log_requests,
        };
        if args.log_requests {
            quay_emulator::cli::log_requests_to_stderr();
        }
        let running = start(options).await.map_err(|e| e.to_string())?;
        if seeded {
            demo::register_dashboard(&db, &format!("http://{}/", running.addr()))
                .map_err(|e| format!("cannot seed {}: {e}", db.display()))?;
        }
        {
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "listening on http://{}", running.addr());
            let _ = out.flush();
        }
        stop_signal().await;
        running.shutdown().await;
        Ok(())
    })
}

/// Ctrl-C, or SIGTERM on Unix.
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
