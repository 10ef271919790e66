//! Starting and stopping the emulator, from `main`, from async tests and from plain sync tests.

use std::io;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::clock::Clock;
use crate::config::Config;
use crate::fault::{FaultConfig, FaultControl, FaultLayer};
use crate::registry_size_worker::{self, RegistrySizeWorkerOptions, WorkerHandle};
use crate::routes::{api_routes, route_table, router};
use crate::state::AppState;
use crate::storage::{Storage, StorageError};

/// How to run an emulator. `EmulatorOptions::new(db)` gives the emulator's default configuration,
/// a free port on 127.0.0.1 and no dashboard.
#[derive(Debug, Clone)]
pub struct EmulatorOptions {
    pub config: Config,
    pub db_path: PathBuf,
    pub listen: SocketAddr,
    /// The built dashboard; `None` serves only the API (`/` then answers 404).
    pub dist: Option<PathBuf>,
    /// Where the dashboard is served: `/` by default, or a folder such as `/admin/`, as when it is
    /// hosted behind the registry's own web server.
    pub dist_mount: String,
    /// Served as the dashboard's `config.json` instead of the file in `dist` (the demo's, which
    /// names the OAuth application its seed registered).
    pub dashboard_config: Option<PathBuf>,
    /// Whether the folder's name without its slash (`/admin`) redirects to the folder (as the
    /// README's nginx block does) or, off, is answered 404 as Quay's own web app answers it.
    pub redirect_bare_folder: bool,
    /// Injected latency/errors (none by default); changeable later through
    /// [`RunningEmulator::set_faults`].
    pub faults: FaultConfig,
    /// A live fault switch to serve with instead of a new one made from `faults`: an emulator
    /// restarted on the same database keeps the switch its tests hold.
    pub fault_control: Option<FaultControl>,
    /// The background registry-size calculation (on by default).
    pub registry_size: RegistrySizeWorkerOptions,
    /// How long a request may take before it is answered 504 (nginx's 60 s by default).
    pub request_timeout: Duration,
    /// Where every "now" comes from: the wall clock by default; tests pin it.
    pub clock: Clock,
    /// Emit a `tracing` event per request (method, path, status, time); the binary's
    /// `--log requests` prints them on stderr.
    pub log_requests: bool,
}

impl EmulatorOptions {
    pub fn new(db_path: impl Into<PathBuf>) -> EmulatorOptions {
        EmulatorOptions {
            config: Config::default_emulator(),
            db_path: db_path.into(),
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            dist: None,
            dist_mount: "/".to_string(),
            redirect_bare_folder: true,
            dashboard_config: None,
            faults: FaultConfig::none(),
            fault_control: None,
            registry_size: RegistrySizeWorkerOptions::default(),
            request_timeout: crate::limits::DEFAULT_REQUEST_TIMEOUT,
            clock: Clock::system(),
            log_requests: false,
        }
    }

    /// Reads every date from `clock` (a pinned one in tests: see [`Clock::pinned`]).
    pub fn clock(mut self, clock: Clock) -> EmulatorOptions {
        self.clock = clock;
        self
    }

    /// Answers 504 to requests that take longer (see `crate::limits`).
    pub fn request_timeout(mut self, timeout: Duration) -> EmulatorOptions {
        self.request_timeout = timeout;
        self
    }

    pub fn config(mut self, config: Config) -> EmulatorOptions {
        self.config = config;
        self
    }

    pub fn listen(mut self, addr: SocketAddr) -> EmulatorOptions {
        self.listen = addr;
        self
    }

    pub fn dist(mut self, dir: impl Into<PathBuf>) -> EmulatorOptions {
        self.dist = Some(dir.into());
        self
    }

    /// Serves the dashboard under `folder` (e.g. `/admin/`) instead of `/`.
    pub fn dist_mount(mut self, folder: &str) -> EmulatorOptions {
        let trimmed = folder.trim_matches('/');
        self.dist_mount = if trimmed.is_empty() {
            "/".to_string()
        } else {
            format!("/{trimmed}/")
        };
        self
    }

    /// Answers the folder's name without its slash with 404 instead of a redirect (see
    /// [`EmulatorOptions::redirect_bare_folder`]).
    pub fn without_bare_folder_redirect(mut self) -> EmulatorOptions {
        self.redirect_bare_folder = false;
        self
    }

    /// Starts with these faults injected (see `crate::fault`).
    pub fn faults(mut self, faults: FaultConfig) -> EmulatorOptions {
        self.faults = faults;
        self
    }

    /// How the registry-size worker runs (tests use short intervals, or none).
    /// Serve with `control` (see [`EmulatorOptions::fault_control`]); `faults` is then unused.
    pub fn fault_control(mut self, control: FaultControl) -> EmulatorOptions {
        self.fault_control = Some(control);
        self
    }

    pub fn registry_size_worker(mut self, options: RegistrySizeWorkerOptions) -> EmulatorOptions {
        self.registry_size = options;
        self
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot open database {}: {source}", path.display())]
    Database { path: PathBuf, source: StorageError },
    #[error("cannot listen on {addr}: {}", crate::io_message(source))]
    Listen { addr: SocketAddr, source: io::Error },
    #[error("cannot start the emulator: {}", crate::io_message(.0))]
    Runtime(io::Error),
    #[error("invalid fault injection: {0}")]
    Faults(String),
}

/// A running emulator inside the caller's tokio runtime. Dropping it stops the server.
pub struct RunningEmulator {
    addr: SocketAddr,
    clock: Clock,
    faults: FaultControl,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<io::Result<()>>>,
    /// Dropping it stops the worker too.
    worker: Option<WorkerHandle>,
}

impl RunningEmulator {
    /// The bound address (the real port when started on port 0).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`, no trailing slash.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The clock its dates come from.
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// Replaces the injected faults for the requests that arrive from now on
    /// ([`FaultConfig::none`] switches them off). An invalid configuration is refused.
    pub fn set_faults(&self, faults: FaultConfig) -> Result<(), String> {
        self.faults.set(faults)
    }

    /// The faults in force.
    pub fn faults(&self) -> FaultConfig {
        self.faults.get()
    }

    /// A handle on the fault configuration that outlives borrows of the emulator.
    pub fn fault_control(&self) -> FaultControl {
        self.faults.clone()
    }

    /// Stops accepting, lets requests in flight finish (at most 5 s), stops the background
    /// worker (an unfinished calculation is queued again), and returns.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = tokio::time::timeout(Duration::from_secs(5), task).await;
        }
        if let Some(worker) = self.worker.take() {
            worker.stop().await;
        }
    }
}

impl Drop for RunningEmulator {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Opens the database, binds the address and serves in the current tokio runtime. Returns once
/// the listener accepts connections.
pub async fn start(opts: EmulatorOptions) -> Result<RunningEmulator, StartError> {
    let EmulatorOptions {
        config,
        db_path,
        listen,
        dist,
        dist_mount,
        redirect_bare_folder,
        dashboard_config,
        faults,
        fault_control,
        registry_size,
        request_timeout,
        clock,
        log_requests,
    } = opts;
    let faults = match fault_control {
        Some(control) => control,
        None => FaultControl::new(faults).map_err(StartError::Faults)?,
    };
    let path = db_path.clone();
    crate::clock::serve_database_with(&db_path, &clock);
    let storage_clock = clock.clone();
    let storage =
        tokio::task::spawn_blocking(move || Storage::open_with_clock(&path, storage_clock))
            .await
            .map_err(|e| StartError::Runtime(io::Error::other(e.to_string())))?
            .map_err(|source| StartError::Database {
                path: db_path.clone(),
                source,
            })?;
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|source| StartError::Listen {
            addr: listen,
            source,
        })?;
    let addr = listener.local_addr().map_err(StartError::Runtime)?;

    let routes = api_routes(&config);
    let fault_layer = FaultLayer {
        control: faults.clone(),
        cors_origin: config.cors_origin.clone(),
    };
    let limits = crate::limits::Limits {
        request_timeout,
        cors_origin: config.cors_origin.clone(),
    };
    let dashboard = dist.map(|dir| crate::state::Dashboard {
        dir,
        mount: dist_mount,
        redirect_bare_folder,
        config_file: dashboard_config,
    });
    let state = AppState::new(config, storage, dashboard, route_table(&routes));
    let worker = registry_size_worker::spawn(state.clone(), registry_size);
    // Outermost, so faults also cover static files and every answer of the inner layers.
    let mut app = router(state, routes)
        .layer(axum::middleware::from_fn_with_state(
            fault_layer,
            crate::fault::inject,
        ))
        .layer(axum::middleware::from_fn_with_state(
            limits,
            crate::limits::enforce,
        ));
    // Outside even the limits, so their 413 and 504 are logged too.
    if log_requests {
        app = app.layer(crate::request_log::layer());
    }
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async {
            // Also resolves when the handle is dropped without an explicit stop.
            let _ = stopped.await;
        })
        .await
    });
    Ok(RunningEmulator {
        addr,
        clock,
        faults,
        stop: Some(stop),
        task: Some(task),
        worker,
    })
}

/// An emulator on its own thread with its own runtime, for tests without one. Dropping it stops
/// the server and waits for the thread.
pub struct BlockingEmulator {
    addr: SocketAddr,
    faults: FaultControl,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl BlockingEmulator {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// See [`RunningEmulator::set_faults`].
    pub fn set_faults(&self, faults: FaultConfig) -> Result<(), String> {
        self.faults.set(faults)
    }

    pub fn faults(&self) -> FaultConfig {
        self.faults.get()
    }

    /// Same as dropping it.
    pub fn shutdown(self) {}
}

impl Drop for BlockingEmulator {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// [`start`] on a dedicated thread and runtime; usable from sync code and from inside another
/// runtime alike.
pub fn start_blocking(opts: EmulatorOptions) -> Result<BlockingEmulator, StartError> {
    type Ready = Result<(SocketAddr, FaultControl), StartError>;
    let (ready_tx, ready_rx) = std::sync::mpsc::channel::<Ready>();
    let (stop, stopped) = oneshot::channel::<()>();
    let thread = std::thread::Builder::new()
        .name("quay-emulator".into())
        .spawn(move || {
            let runtime = match tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
            {
                Ok(rt) => rt,
                Err(e) => {
                    let _ = ready_tx.send(Err(StartError::Runtime(e)));
                    return;
                }
            };
            runtime.block_on(async move {
                match start(opts).await {
                    Ok(running) => {
                        let _ = ready_tx.send(Ok((running.addr(), running.fault_control())));
                        let _ = stopped.await;
                        running.shutdown().await;
                    }
                    Err(e) => {
                        let _ = ready_tx.send(Err(e));
                    }
                }
            });
        })
        .map_err(StartError::Runtime)?;
    let (addr, faults) = match ready_rx.recv() {
        Ok(result) => result?,
        Err(_) => {
            let _ = thread.join();
            return Err(StartError::Runtime(io::Error::other(
                "the emulator thread ended before starting",
            )));
        }
    };
    Ok(BlockingEmulator {
        addr,
        faults,
        stop: Some(stop),
        thread: Some(thread),
    })
}

/// The configuration `main` runs with: the YAML file (or the emulator's defaults without one),
/// then `QUAY_OVERRIDE_CONFIG` when given. The error is the one-line message to print.
pub fn load_config(path: Option<&Path>, override_json: Option<&str>) -> Result<Config, String> {
    let config = match path {
        None => Config::default_emulator(),
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| {
                format!(
                    "cannot read config {}: {}",
                    path.display(),
                    crate::io_message(&e)
                )
            })?;
            Config::from_yaml_str(&text)
                .map_err(|e| format!("invalid config {}: {e}", path.display()))?
        }
    };
    match override_json {
        Some(json) => config
            .with_overrides(json)
            .map_err(|e| format!("invalid configuration override: {e}")),
        None => Ok(config),
    }
}
