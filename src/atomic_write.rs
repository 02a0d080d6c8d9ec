//! Writing a file so that a crash, a full disk or a kill at any moment leaves either the old file or the new
//! one, never half of one: sessions, the app's exports and the command line's `-o` all write this way.
//!
//! The bytes go to a temporary file in the same folder (`.NAME.PID-N.tmp`, unique to the process and the
//! writer, so two runs writing the same target never share one: each renames a whole file, and the last rename
//! wins), are flushed to disk, and the temporary file is renamed over the target (a rename within one file
//! system is atomic). [`write_atomic`] writes bytes held in memory; an [`AtomicFile`] is written as a stream
//! and takes the target's place on [`AtomicFile::commit`] (dropped without a commit, it removes its temporary
//! file). Destructors do not run when a signal ends the process: [`remove_temporaries_on_signals`] makes
//! SIGINT, SIGTERM and SIGHUP remove every temporary file still being written before the process exits.
//!
//! A target that exists and is not a file (`-o /dev/null`, `-o /dev/stdout`, a named pipe) is written
//! directly: renaming a file over it would replace the device with a file (run as root, `-o /dev/null` did).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

/// The temporary files being written now. Creating, committing and removing one holds the lock, so a signal's
/// clean-up sees each file either still temporary or already renamed, never half-way.
static LIVE_TEMPORARIES: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Numbers the temporary files of this process.
static NEXT_TEMPORARY: AtomicU64 = AtomicU64::new(0);

fn live_temporaries() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    // A panic while holding the lock leaves a list that is still right.
    LIVE_TEMPORARIES.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn forget_temporary(live: &mut Vec<PathBuf>, temporary: &Path) {
    if let Some(at) = live.iter().position(|p| p == temporary) {
        live.swap_remove(at);
    }
}

/// Writes `bytes` to `path` atomically (see the module's doc). The folder must exist: a path in a missing
/// folder is more often a typing mistake than a wish.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = AtomicFile::create(path)?;
    file.write_all(bytes)?;
    file.commit()
}

/// A file being written beside its target, which it replaces on [`AtomicFile::commit`].
pub struct AtomicFile {
    /// `None` once committed.
    out: Option<BufWriter<File>>,
    /// `None` when the target is written directly (a device or a pipe).
    temporary: Option<PathBuf>,
    path: PathBuf,
}

impl AtomicFile {
    /// Starts writing the temporary file for `path`; fails if `path`'s folder does not exist.
    pub fn create(path: &Path) -> std::io::Result<AtomicFile> {
        if std::fs::metadata(path).is_ok_and(|target| !target.is_file() && !target.is_dir()) {
            let file = File::options().write(true).open(path)?;
            return Ok(AtomicFile { out: Some(BufWriter::new(file)), temporary: None, path: path.to_path_buf() });
        }
        let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let name = path.file_name().map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
        let number = NEXT_TEMPORARY.fetch_add(1, Ordering::Relaxed);
        let temporary = folder.join(format!(".{name}.{}-{number}.tmp", std::process::id()));
        remove_stale_temporaries(folder, &name);
        let mut live = live_temporaries();
        // `create_new`: a temporary left by a crashed run with the same process id is never written into.
        let file = File::options().write(true).create_new(true).open(&temporary)?;
        live.push(temporary.clone());
        Ok(AtomicFile { out: Some(BufWriter::new(file)), temporary: Some(temporary), path: path.to_path_buf() })
    }

    /// Flushes everything to disk and renames the temporary file over the target.
    pub fn commit(mut self) -> std::io::Result<()> {
        let Some(out) = self.out.take() else { return Ok(()) };
        let written = out.into_inner().map_err(std::io::IntoInnerError::into_error);
        let Some(temporary) = self.temporary.take() else { return written.map(drop) };
        let synced = written.and_then(|file| file.sync_all());
        let mut live = live_temporaries();
        let committed = synced.and_then(|()| {
            if live.contains(&temporary) {
                std::fs::rename(&temporary, &self.path)
            } else {
                Err(std::io::Error::other("interrupted"))
            }
        });
        if committed.is_err() {
            let _ = std::fs::remove_file(&temporary);
        }
        forget_temporary(&mut live, &temporary);
        committed
    }

    fn out(&mut self) -> std::io::Result<&mut BufWriter<File>> {
        self.out.as_mut().ok_or_else(|| std::io::Error::other("the file was already committed"))
    }
}

impl Write for AtomicFile {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.out()?.write(bytes)
    }

    fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.out()?.write_all(bytes)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out()?.flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if let (Some(_), Some(temporary)) = (self.out.take(), self.temporary.take()) {
            let mut live = live_temporaries();
            let _ = std::fs::remove_file(&temporary);
            forget_temporary(&mut live, &temporary);
        }
    }
}

/// Removes the temporary files for `name` in `folder` left by a process that no longer runs (one killed with
/// SIGKILL, or a machine that lost power, mid-write): no clean-up ran for them. A temporary file of a process
/// that still runs (another window or command writing the same target) is left alone.
fn remove_stale_temporaries(folder: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(folder) else { return };
    let prefix = format!(".{name}.");
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(rest) = file_name.to_str().and_then(|n| n.strip_prefix(&prefix)) else { continue };
        let Some((pid, number)) = rest.strip_suffix(".tmp").and_then(|r| r.split_once('-')) else { continue };
        let (Ok(pid), Ok(_)) = (pid.parse::<u32>(), number.parse::<u64>()) else { continue };
        if pid != std::process::id() && !process_runs(pid) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether a process with this id runs now (signal 0 checks without sending anything).
#[cfg(unix)]
fn process_runs(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else { return false };
    // SAFETY: kill with signal 0 sends nothing; it only reports whether the process exists.
    let result = unsafe { libc::kill(pid, 0) };
    result == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(not(unix))]
fn process_runs(_pid: u32) -> bool {
    true
}

#[cfg(unix)]
/// Removes every temporary file being written; the lock stays held, so none is created or renamed after.
fn remove_live_temporaries_and_exit(code: i32) -> ! {
    let live = live_temporaries();
    for temporary in live.iter() {
        let _ = std::fs::remove_file(temporary);
    }
    std::process::exit(code)
}

/// The write end of the pipe a signal handler writes to; -1 until [`remove_temporaries_on_signals`] runs.
#[cfg(unix)]
static SIGNAL_PIPE: std::sync::atomic::AtomicI32 = std::sync::atomic::AtomicI32::new(-1);

/// On SIGINT, SIGTERM or SIGHUP: removes the temporary files being written (the targets keep their old
/// contents) and exits with 128 + the signal's number (130 for Ctrl+C, 143 for SIGTERM), as shells report a
/// process killed by it. For the command line; the app saves through the same writer but has windows to close.
///
/// A signal handler may only do async-signal-safe things, so it writes the signal's number to a pipe and a
/// thread does the clean-up (the `ctrlc` crate works the same way but does not say which signal came).
#[cfg(unix)]
pub fn remove_temporaries_on_signals() -> std::io::Result<()> {
    static INSTALLED: std::sync::OnceLock<()> = std::sync::OnceLock::new();
    if INSTALLED.get().is_some() {
        return Ok(());
    }
    extern "C" fn on_signal(signal: libc::c_int) {
        let byte = signal as u8;
        let fd = SIGNAL_PIPE.load(Ordering::Relaxed);
        // SAFETY: write(2) is async-signal-safe, and the buffer is a live local byte.
        unsafe { libc::write(fd, (&raw const byte).cast(), 1) };
    }
    let mut fds = [0 as libc::c_int; 2];
    // SAFETY: `fds` has room for the two descriptors pipe2 writes.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    SIGNAL_PIPE.store(fds[1], Ordering::Relaxed);
    let read_fd = fds[0];
    std::thread::Builder::new().name("signals".into()).spawn(move || {
        let mut byte = 0u8;
        loop {
            // SAFETY: reads one byte into a live local.
            let read = unsafe { libc::read(read_fd, (&raw mut byte).cast(), 1) };
            if read == 1 {
                remove_live_temporaries_and_exit(128 + i32::from(byte));
            }
            if read == 0 || std::io::Error::last_os_error().kind() != std::io::ErrorKind::Interrupted {
                return;
            }
        }
    })?;
    for signal in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
        // SAFETY: a zeroed sigaction with a handler that only calls write(2) is a valid argument.
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
            action.sa_flags = libc::SA_RESTART;
            libc::sigemptyset(&mut action.sa_mask);
            if libc::sigaction(signal, &action, std::ptr::null_mut()) != 0 {
                return Err(std::io::Error::last_os_error());
            }
        }
    }
    let _ = INSTALLED.set(());
    Ok(())
}

/// Signals are left to their default on other systems (a Windows Ctrl+C leaves the temporary file behind).
#[cfg(not(unix))]
pub fn remove_temporaries_on_signals() -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(folder: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(folder)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// Regression: `newsatlas extract ... -o /dev/null` run as root renamed its temporary file over /dev/null,
    /// which became a file (and every later read of /dev/null read what had been written to it).
    #[cfg(unix)]
    #[test]
    fn a_device_is_written_directly_and_stays_a_device() {
        use std::os::unix::fs::FileTypeExt;
        let null = Path::new("/dev/null");
        write_atomic(null, b"nothing to keep").unwrap();
        let mut stream = AtomicFile::create(null).unwrap();
        stream.write_all(b"nor this").unwrap();
        stream.commit().unwrap();
        assert!(std::fs::metadata(null).unwrap().file_type().is_char_device());
        assert!(!names(Path::new("/dev")).iter().any(|name| name.starts_with(".null.")));
    }

    #[test]
    fn writes_replace_the_file_and_leave_nothing_beside_it() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("out.json");
        std::fs::write(&path, "old").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(names(folder.path()), ["out.json"]);
    }

    /// Regression (issue 18): the temporary file of a save killed with SIGKILL was left behind forever.
    #[cfg(unix)]
    #[test]
    fn a_dead_writers_temporary_is_removed_by_the_next_write_and_a_live_ones_kept() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("s.json");
        let mut finished = std::process::Command::new("true").spawn().unwrap();
        finished.wait().unwrap();
        let dead = format!(".s.json.{}-0.tmp", finished.id());
        // Process 1 always runs.
        let live = ".s.json.1-0.tmp".to_owned();
        let other_target = format!(".t.json.{}-0.tmp", finished.id());
        for name in [&dead, &live, &other_target] {
            std::fs::write(folder.path().join(name), "{\"cut sh").unwrap();
        }
        write_atomic(&path, b"{}").unwrap();
        let mut expected = vec![live, other_target, "s.json".to_owned()];
        expected.sort();
        assert_eq!(names(folder.path()), expected);
    }

    #[test]
    fn a_stream_shows_up_only_when_committed() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("sub").join("out.csv");
        assert!(AtomicFile::create(&path).is_err(), "no file in a folder that is not there");
        std::fs::create_dir(folder.path().join("sub")).unwrap();
        let mut file = AtomicFile::create(&path).unwrap();
        writeln!(file, "a,b").unwrap();
        assert!(!path.exists(), "nothing at the target before the commit");
        file.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "a,b\n");
        assert_eq!(names(&folder.path().join("sub")), ["out.csv"]);
    }

    #[test]
    fn an_abandoned_stream_leaves_the_old_file_and_no_temporary() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("out.csv");
        std::fs::write(&path, "old").unwrap();
        let mut file = AtomicFile::create(&path).unwrap();
        writeln!(file, "half a").unwrap();
        drop(file);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(names(folder.path()), ["out.csv"]);
    }

    #[test]
    fn two_writers_of_one_target_in_one_process_do_not_share_a_temporary() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("out.csv");
        let mut first = AtomicFile::create(&path).unwrap();
        let mut second = AtomicFile::create(&path).unwrap();
        assert_ne!(first.temporary, second.temporary);
        write!(first, "first").unwrap();
        write!(second, "second").unwrap();
        second.commit().unwrap();
        first.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "first");
        assert_eq!(names(folder.path()), ["out.csv"]);
        assert!(!live_temporaries().iter().any(|p| p.starts_with(folder.path())));
    }
}
