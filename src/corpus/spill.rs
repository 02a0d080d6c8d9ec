//! Where compressed article texts go once a folder holds more of them than memory should: an unnamed file in
//! the app's data folder, written once and read back a text at a time.
//!
//! A loaded folder keeps every article's text, compressed ([`super::ArticleText`]), for the reader, the
//! passages and a search. At a million articles those are hundreds of megabytes that are read a few at a time.
//! Once [`spill_texts_to`] has set up the store (the app and the command line do, tests do not), the first
//! `keep_in_memory` bytes of compressed text stay in memory and every later text is appended to the file and
//! kept as its offset and length: reading one back is a read of a few hundred bytes from the page cache.
//!
//! The file has no name from the start (it is removed when the program ends, however it ends) and lives in the
//! app's data folder, never in the user's: `/tmp` is often memory itself (tmpfs). Writes go through a buffer
//! of [`FLUSH_AT`] bytes; a text still in the buffer is read from there. If a write fails the buffer stays in
//! memory, nothing is lost, and no more texts are spilled.

use std::fs::File;
use std::io;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};

/// Bytes gathered before a write.
const FLUSH_AT: usize = 1 << 20;

/// The store of one process, once set up.
static STORE: OnceLock<Spill> = OnceLock::new();

/// Sets up the store in `folder` (created if need be): compressed texts past the first `keep_in_memory` bytes
/// go to a file there. Called once, at start; a second call changes nothing.
pub fn spill_texts_to(folder: &Path, keep_in_memory: u64) -> io::Result<()> {
    std::fs::create_dir_all(folder)?;
    let spill = Spill::new(tempfile::tempfile_in(folder)?, keep_in_memory);
    let _ = STORE.set(spill);
    Ok(())
}

/// The process's store, if one was set up.
pub(super) fn store() -> Option<&'static Spill> {
    STORE.get()
}

/// Bytes of compressed text spilled so far (0 without a store).
pub fn spilled_bytes() -> u64 {
    store().map_or(0, Spill::size)
}

/// A spill file and what is not written to it yet.
pub(super) struct Spill {
    file: File,
    pending: Mutex<Pending>,
    /// Compressed bytes offered so far, kept or spilled (they count only up: a text dropped gives no room
    /// back, so once past `keep_in_memory` every text is spilled).
    offered: AtomicU64,
    keep_in_memory: u64,
    /// A write failed: texts stay in memory from then on.
    failed: AtomicBool,
}

#[derive(Default)]
struct Pending {
    /// Bytes after `written`, in the order stored.
    buffer: Vec<u8>,
    /// Bytes of the file written.
    written: u64,
}

/// Where a spilled text is: its offset in the spill file and its length (and, for the caller, the length of
/// the text it decompresses to: a text's size is asked for without reading it back). Sixteen bytes, so that
/// [`super::ArticleText`] stays as small as a `String`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Spilled {
    pub at: u64,
    pub len: u32,
    pub text_len: u32,
}

impl Spill {
    pub(super) fn new(file: File, keep_in_memory: u64) -> Spill {
        Spill {
            file,
            pending: Mutex::new(Pending::default()),
            offered: AtomicU64::new(0),
            keep_in_memory,
            failed: AtomicBool::new(false),
        }
    }

    /// Stores `bytes` in the file and says where, or `None` when they should stay in memory (the budget is
    /// not spent yet, or writing failed once).
    pub(super) fn store(&self, bytes: &[u8], text_len: u32) -> Option<Spilled> {
        let len = u32::try_from(bytes.len()).ok()?;
        if self.failed.load(Ordering::Relaxed) {
            return None;
        }
        let before = self.offered.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        if before + bytes.len() as u64 <= self.keep_in_memory {
            return None;
        }
        let mut pending = self.pending.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let at = pending.written + pending.buffer.len() as u64;
        pending.buffer.extend_from_slice(bytes);
        if pending.buffer.len() >= FLUSH_AT {
            match write_at(&self.file, &pending.buffer, pending.written) {
                Ok(()) => {
                    pending.written += pending.buffer.len() as u64;
                    pending.buffer.clear();
                }
                // The buffer keeps what it holds (the texts in it are read from there) and takes nothing more.
                Err(_) => self.failed.store(true, Ordering::Relaxed),
            }
        }
        Some(Spilled { at, len, text_len })
    }

    /// Bytes stored, written or not.
    fn size(&self) -> u64 {
        let pending = self.pending.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        pending.written + pending.buffer.len() as u64
    }

    /// The bytes stored at `spilled`.
    pub(super) fn load(&self, spilled: Spilled) -> io::Result<Vec<u8>> {
        let mut bytes = vec![0; spilled.len as usize];
        {
            let pending = self.pending.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            if spilled.at >= pending.written {
                let from = (spilled.at - pending.written) as usize;
                let held = pending.buffer.get(from..from + bytes.len()).ok_or(io::ErrorKind::UnexpectedEof)?;
                bytes.copy_from_slice(held);
                return Ok(bytes);
            }
        }
        read_at(&self.file, &mut bytes, spilled.at)?;
        Ok(bytes)
    }
}

#[cfg(unix)]
fn write_at(file: &File, bytes: &[u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, bytes, at)
}

#[cfg(unix)]
fn read_at(file: &File, bytes: &mut [u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, bytes, at)
}

#[cfg(windows)]
fn write_at(file: &File, mut bytes: &[u8], mut at: u64) -> io::Result<()> {
    while !bytes.is_empty() {
        let n = std::os::windows::fs::FileExt::seek_write(file, bytes, at)?;
        if n == 0 {
            return Err(io::ErrorKind::WriteZero.into());
        }
        bytes = &bytes[n..];
        at += n as u64;
    }
    Ok(())
}

#[cfg(windows)]
fn read_at(file: &File, mut bytes: &mut [u8], mut at: u64) -> io::Result<()> {
    while !bytes.is_empty() {
        let n = std::os::windows::fs::FileExt::seek_read(file, bytes, at)?;
        if n == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        bytes = &mut bytes[n..];
        at += n as u64;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spill(keep_in_memory: u64) -> Spill {
        Spill::new(tempfile::tempfile().unwrap(), keep_in_memory)
    }

    #[test]
    fn texts_past_the_budget_are_read_back_from_the_buffer_and_from_the_file() {
        let spill = spill(10);
        assert_eq!(spill.store(b"0123456789", 0), None, "within the budget: kept in memory");
        let small = spill.store(b"Rain in Oslo.", 0).unwrap();
        assert_eq!(spill.load(small).unwrap(), b"Rain in Oslo.", "still in the buffer");
        let big: Vec<u8> = (0..FLUSH_AT + 10).map(|i| (i % 251) as u8).collect();
        let written = spill.store(&big, 0).unwrap();
        assert!(spill.pending.lock().unwrap().buffer.is_empty(), "a full buffer is written");
        let after = spill.store(b"Sun in Doha.", 0).unwrap();
        assert_eq!(spill.load(small).unwrap(), b"Rain in Oslo.", "from the file");
        assert_eq!(spill.load(written).unwrap(), big);
        assert_eq!(spill.load(after).unwrap(), b"Sun in Doha.");
    }

    #[test]
    fn texts_stored_from_many_threads_each_read_back_whole() {
        let spill = spill(0);
        let stored: Vec<(Spilled, Vec<u8>)> = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..4u8)
                .map(|worker| {
                    let spill = &spill;
                    scope.spawn(move || {
                        (0..2000)
                            .map(|i| {
                                let text = vec![worker; 300 + i % 700];
                                (spill.store(&text, 0).unwrap(), text)
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            workers.into_iter().flat_map(|w| w.join().unwrap()).collect()
        });
        for (spilled, text) in stored {
            assert_eq!(spill.load(spilled).unwrap(), text);
        }
    }

    #[test]
    fn after_a_failed_write_texts_stay_in_memory_and_none_is_lost() {
        // A file opened read-only cannot be written: the first flush fails.
        let path = tempfile::NamedTempFile::new().unwrap();
        let spill = Spill::new(File::open(path.path()).unwrap(), 0);
        let big = vec![7u8; FLUSH_AT];
        let spilled = spill.store(&big, 0).unwrap();
        assert_eq!(spill.load(spilled).unwrap(), big, "the buffer keeps what the file did not take");
        assert_eq!(spill.store(b"Rain in Oslo.", 0), None, "no more texts are spilled");
    }
}
