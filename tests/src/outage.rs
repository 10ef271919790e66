//! A registry that goes away and comes back: the test's emulator stopped (its port then refuses
//! connections) and started again on the same port, with the same database and the same fault
//! switch, while the browser keeps its page.

use std::sync::Arc;
use std::time::Duration;

use quay_emulator::{EmulatorOptions, RunningEmulator};
use tokio::sync::Mutex;

use crate::Ctx;

/// The test's emulator and how to start it again; clones share it.
#[derive(Clone)]
pub struct Emulator {
    inner: Arc<Mutex<Slot>>,
}

struct Slot {
    running: Option<RunningEmulator>,
    /// The options it was started with, pinned to its address and fault switch.
    restart: EmulatorOptions,
}

impl Emulator {
    /// `options`: those `running` was started with.
    pub(crate) fn new(running: RunningEmulator, options: EmulatorOptions) -> Emulator {
        let restart = options
            .listen(running.addr())
            .fault_control(running.fault_control());
        Emulator {
            inner: Arc::new(Mutex::new(Slot {
                running: Some(running),
                restart,
            })),
        }
    }

    /// Stops it if it runs (the end of a test, or an outage).
    pub(crate) async fn shutdown(&self) {
        let running = self.inner.lock().await.running.take();
        if let Some(running) = running {
            running.shutdown().await;
        }
    }

    async fn start(&self) {
        let mut slot = self.inner.lock().await;
        assert!(slot.running.is_none(), "the emulator is already running");
        // The old listener's port may take a moment to be free again.
        let mut attempts = 0;
        let running = loop {
            match quay_emulator::start(slot.restart.clone()).await {
                Ok(running) => break running,
                Err(e) if attempts < 50 => {
                    attempts += 1;
                    eprintln!("restarting the emulator: {e}; retrying");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => panic!("the emulator does not start again: {e}"),
            }
        };
        slot.running = Some(running);
    }
}

impl Ctx {
    /// Stops the emulator: until [`Ctx::start_emulator`], every request is refused.
    pub async fn stop_emulator(&self) {
        self.emulator.shutdown().await;
    }

    /// Starts the stopped emulator again on the same port and database; [`Ctx::faults`] still
    /// drives it.
    pub async fn start_emulator(&self) {
        self.emulator.start().await;
    }
}
