//! Read-only connections for the hot reads (token lookups, listings), so concurrent requests do
//! not queue behind the one writer connection: in WAL mode readers never block the writer and
//! each sees the last committed state when its statement starts.

use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::Connection;

/// Readers are CPU-bound: more of them than cores only adds switching, and each connection keeps
/// its own page cache and compiled statements, so they are opened once and kept.
fn max_readers() -> usize {
    std::thread::available_parallelism().map_or(4, |n| (n.get() * 2).max(4))
}

pub(super) struct ReaderPool {
    path: PathBuf,
    max: usize,
    state: Mutex<PoolState>,
    returned: Condvar,
}

#[derive(Default)]
struct PoolState {
    idle: Vec<Connection>,
    opened: usize,
}

impl ReaderPool {
    pub(super) fn new(path: &Path) -> ReaderPool {
        ReaderPool {
            path: path.to_path_buf(),
            max: max_readers(),
            state: Mutex::new(PoolState::default()),
            returned: Condvar::new(),
        }
    }

    /// An idle connection, a new one while fewer than the maximum exist, else the next one given
    /// back.
    pub(super) fn get(&self) -> rusqlite::Result<Reader<'_>> {
        let mut state = self.lock();
        loop {
            if let Some(conn) = state.idle.pop() {
                return Ok(self.reader(conn));
            }
            if state.opened < self.max {
                state.opened += 1;
                drop(state);
                return match open_reader(&self.path) {
                    Ok(conn) => Ok(self.reader(conn)),
                    Err(e) => {
                        self.lock().opened -= 1;
                        Err(e)
                    }
                };
            }
            state = self.returned.wait(state).unwrap_or_else(|e| e.into_inner());
        }
    }

    fn reader(&self, conn: Connection) -> Reader<'_> {
        Reader {
            pool: self,
            conn: Some(conn),
        }
    }

    fn lock(&self) -> MutexGuard<'_, PoolState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn open_reader(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(Duration::from_secs(5))?;
    // A bug that wrote through a reader would bypass the writer's serialisation: refuse it.
    conn.pragma_update(None, "query_only", true)?;
    // Pages read through the OS's mapping are shared by all readers instead of copied per cache.
    conn.pragma_update(None, "mmap_size", 256i64 << 20)?;
    Ok(conn)
}

/// A pooled read-only connection, given back when dropped.
pub(super) struct Reader<'a> {
    pool: &'a ReaderPool,
    conn: Option<Connection>,
}

impl Deref for Reader<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        self.conn.as_ref().expect("present until dropped")
    }
}

impl Drop for Reader<'_> {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            self.pool.lock().idle.push(conn);
            self.pool.returned.notify_one();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pool() -> (tempfile::TempDir, ReaderPool) {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("r.db");
        let conn = Connection::open(&path).expect("open");
        conn.execute_batch("PRAGMA journal_mode = WAL; CREATE TABLE t (x INTEGER);")
            .expect("schema");
        (dir, ReaderPool::new(&path))
    }

    #[test]
    fn readers_refuse_writes() {
        let (_dir, pool) = pool();
        let reader = pool.get().expect("reader");
        assert!(reader.execute("INSERT INTO t VALUES (1)", []).is_err());
        let n: i64 = reader
            .query_row("SELECT COUNT(*) FROM t", [], |r| r.get(0))
            .expect("read");
        assert_eq!(n, 0);
    }

    #[test]
    fn connections_are_reused_and_bounded() {
        let (_dir, pool) = pool();
        let held: Vec<Reader<'_>> = (0..pool.max).map(|_| pool.get().expect("reader")).collect();
        assert_eq!(pool.lock().opened, pool.max);
        // One more waits for a connection given back instead of opening another.
        std::thread::scope(|scope| {
            let waiter = scope.spawn(|| pool.get().map(|_| ()));
            std::thread::sleep(Duration::from_millis(50));
            assert!(!waiter.is_finished(), "opened beyond the maximum");
            drop(held);
            waiter.join().expect("joined").expect("reader");
        });
        assert_eq!(pool.lock().opened, pool.max);
        assert_eq!(pool.lock().idle.len(), pool.max);
    }
}
