//! The lock that keeps two builds from writing beside one another at once. It is an
//! advisory lock (flock) on the folder that holds the output, held from before a build makes
//! its staging folder until it has deleted the old output: nothing is created for it, so
//! nothing is left behind for anyone to clean, and the system releases it when the process
//! ends, however it ends.

use std::fs::{File, TryLockError};
use std::io;
use std::path::Path;

/// A held lock on a folder, released when dropped.
#[derive(Debug)]
pub(super) struct FolderLock {
    _folder: File,
}

impl FolderLock {
    /// Locks `dir`, calling `on_wait` first if another process holds it, then waiting for it.
    /// `None` where folders cannot be locked (Windows, some network file systems): the build
    /// goes on unlocked, as aula always did there, and leaves other builds' folders alone.
    /// An error when another build holds it and the wait for it failed: going on then would
    /// write beside that build.
    pub(super) fn acquire(dir: &Path, on_wait: impl FnOnce()) -> io::Result<Option<FolderLock>> {
        let Ok(folder) = File::open(dir) else {
            return Ok(None);
        };
        match folder.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                on_wait();
                folder.lock().map_err(|e| {
                    io::Error::new(
                        e.kind(),
                        format!("another aula build is writing beside it, and waiting for it failed ({e})"),
                    )
                })?;
            }
            Err(TryLockError::Error(_)) => return Ok(None),
        }
        Ok(Some(FolderLock { _folder: folder }))
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use std::time::Duration;

    #[test]
    fn a_second_lock_waits_for_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let first = FolderLock::acquire(dir.path(), || panic!("nobody holds it"))
            .unwrap()
            .unwrap();
        let (tx, rx) = mpsc::channel();
        let path = dir.path().to_path_buf();
        let second = std::thread::spawn(move || {
            let waited = tx.clone();
            let lock = FolderLock::acquire(&path, move || waited.send("waiting").unwrap());
            tx.send("locked").unwrap();
            lock.is_ok_and(|l| l.is_some())
        });
        assert_eq!(rx.recv().unwrap(), "waiting");
        assert!(
            rx.recv_timeout(Duration::from_millis(200)).is_err(),
            "it did not wait"
        );
        drop(first);
        assert_eq!(rx.recv().unwrap(), "locked");
        assert!(second.join().unwrap());
    }
}
