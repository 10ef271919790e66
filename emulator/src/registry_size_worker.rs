//! The registry-size worker (Quay's `workers/quotaregistrysizeworker.py`) inside the emulator
//! process: it polls for a queued calculation (`POST /api/v1/superuser/registrysize/`), marks it
//! running, sums the declared size of every stored blob and stores the total with its completion
//! time (Quay's `QuotaRegistrySizeWorker`; `calculate_registry_size` in `data/model/quota.py`).
//!
//! Quay sums in one query; the emulator walks the blobs in batches with a pause between them so
//! that a client can watch queued → running → done, and so that request handling (which shares
//! the one SQLite connection) only ever waits for one short batch. A calculation interrupted by a
//! stop or a crash is queued again and runs after the next start.

use std::time::Duration;

use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::config::Config;
use crate::state::AppState;
use crate::storage::{Storage, StorageError};

/// How the worker runs. [`Default`] is what the binary uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistrySizeWorkerOptions {
    /// `false`: no worker at all (queued calculations stay queued, as in Quay without workers).
    pub enabled: bool,
    /// How often the worker looks for a queued calculation (Quay: 60 s).
    pub poll_interval: Duration,
    /// Blobs summed per batch.
    pub batch_size: u32,
    /// The pause between two batches.
    pub batch_pause: Duration,
}

/// Default poll interval: a queued calculation starts within a second.
pub const DEFAULT_POLL_MS: u64 = 1_000;
/// Default pause between batches: a run over the demo data (~112,000 blobs) lasts ~2 s.
pub const DEFAULT_BATCH_PAUSE_MS: u64 = 100;
pub const DEFAULT_BATCH_SIZE: u32 = 5_000;

impl Default for RegistrySizeWorkerOptions {
    fn default() -> Self {
        RegistrySizeWorkerOptions {
            enabled: true,
            poll_interval: Duration::from_millis(DEFAULT_POLL_MS),
            batch_size: DEFAULT_BATCH_SIZE,
            batch_pause: Duration::from_millis(DEFAULT_BATCH_PAUSE_MS),
        }
    }
}

impl RegistrySizeWorkerOptions {
    /// No worker.
    pub fn disabled() -> RegistrySizeWorkerOptions {
        RegistrySizeWorkerOptions {
            enabled: false,
            ..RegistrySizeWorkerOptions::default()
        }
    }
}

/// Whether Quay would run its worker with this configuration: quota management on, and
/// superusers possible (its `__main__` guard, kept as written).
pub fn quay_runs_worker(config: &Config) -> bool {
    let ldap_filter = config
        .raw("LDAP_SUPERUSER_FILTER")
        .is_some_and(crate::python::truthy);
    config.feature_quota_management
        && (config.feature_super_users || config.super_users.is_empty() || ldap_filter)
}

/// A running worker; [`WorkerHandle::stop`] ends it, dropping the handle signals it too.
pub struct WorkerHandle {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl WorkerHandle {
    /// Signals the worker and waits (at most 5 s) until it has put an unfinished calculation
    /// back in the queue and ended.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        let _ = tokio::time::timeout(Duration::from_secs(5), self.task).await;
    }
}

/// Starts the worker in the current runtime, unless disabled by `options` or by the
/// configuration (see [`quay_runs_worker`]).
pub fn spawn(state: AppState, options: RegistrySizeWorkerOptions) -> Option<WorkerHandle> {
    if !options.enabled || !quay_runs_worker(state.config()) {
        return None;
    }
    let (stop, stopped) = watch::channel(false);
    let task = tokio::spawn(run(state, options, stopped));
    Some(WorkerHandle { stop, task })
}

/// Storage work on a blocking thread (the connection mutex must not block the runtime).
async fn blocking<T, F>(state: &AppState, work: F) -> Result<T, String>
where
    F: FnOnce(&Storage) -> Result<T, StorageError> + Send + 'static,
    T: Send + 'static,
{
    let state = state.clone();
    tokio::task::spawn_blocking(move || work(state.storage()))
        .await
        .map_err(|e| e.to_string())?
        .map_err(|e| e.to_string())
}

/// Sleeps `pause`; `false` when the worker was told to stop (or its handle dropped) meanwhile.
async fn pause(stopped: &mut watch::Receiver<bool>, pause: Duration) -> bool {
    if *stopped.borrow() {
        return false;
    }
    tokio::select! {
        _ = tokio::time::sleep(pause) => true,
        _ = stopped.changed() => false,
    }
}

fn report(what: &str, error: &str) {
    eprintln!("quay-emulator: registry size worker: {what}: {error}");
}

async fn run(
    state: AppState,
    options: RegistrySizeWorkerOptions,
    mut stopped: watch::Receiver<bool>,
) {
    // Only this process runs calculations on its database: a running one is a leftover.
    if let Err(e) = blocking(&state, Storage::requeue_registry_size_calculation).await {
        report("cannot requeue an interrupted calculation", &e);
    }
    while pause(&mut stopped, options.poll_interval).await {
        match blocking(&state, Storage::start_registry_size_calculation).await {
            Ok(true) => calculate(&state, &options, &mut stopped).await,
            Ok(false) => {}
            Err(e) => report("cannot start a calculation", &e),
        }
    }
}

/// One calculation, already marked running. Stopped or failed halfway, it is queued again.
async fn calculate(
    state: &AppState,
    options: &RegistrySizeWorkerOptions,
    stopped: &mut watch::Receiver<bool>,
) {
    let limit = i64::from(options.batch_size.max(1));
    let mut after = 0;
    let mut total: i64 = 0;
    let outcome = loop {
        let batch = match blocking(state, move |s| s.sum_blob_batch(after, limit)).await {
            Ok(batch) => batch,
            Err(e) => break Err(e),
        };
        total = total.saturating_add(batch.bytes);
        if batch.count < limit {
            break Ok(total);
        }
        after = batch.last_id;
        if !pause(stopped, options.batch_pause).await {
            break Err(String::new());
        }
    };
    let result = match outcome {
        Ok(total) => {
            blocking(state, move |s| {
                s.finish_registry_size_calculation(total, s.clock().unix_ms())
            })
            .await
        }
        Err(e) => {
            if !e.is_empty() {
                report("calculation failed, queued again", &e);
            }
            blocking(state, |s| s.requeue_registry_size_calculation().map(|_| ())).await
        }
    };
    if let Err(e) = result {
        report("cannot store the calculation", &e);
    }
}
