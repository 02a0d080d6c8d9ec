//! Opening a folder: list it, work out what a reload must read again, read and analyse each file on worker
//! threads, and report each step as a [`LoadMessage`].
//!
//! This is the loader the app runs on a background thread (through `app::background`) and the one
//! `newsatlas bench-load` times, so the benchmark measures what users run. [`load_folder`] blocks until every
//! file is read or `cancel` is set; the caller decides where its messages go.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use super::{Document, analyze};
use crate::corpus::{self, Problem, ReadOptions, Snapshot};
use crate::gazetteer::Gazetteer;

/// What the loader reports, in this order: `Listed`, `Kept`, perhaps `Problems`, `GazetteerReady`, one
/// `FileDone` per file read (after `FilePart`s for a large JSON Lines file), `Finished`.
#[derive(Debug)]
pub enum LoadMessage {
    /// The folder was listed: this many files will be read.
    Listed { files: usize },
    /// Sent after `Listed`: the files whose earlier results stay valid (none on a first load), and the
    /// snapshot of this listing, to pass to the next reload.
    Kept { unchanged: Vec<PathBuf>, snapshot: Snapshot },
    /// The gazetteer has loaded: sent before the first file's documents, which were resolved against it.
    GazetteerReady(&'static Gazetteer),
    /// Part of a large JSON Lines file, read as a stream: its documents and problems so far, and the bytes of
    /// the file read since its last part. The file's last part comes as `FileDone`.
    FilePart { documents: Vec<Document>, problems: Vec<Problem>, bytes_read: u64 },
    /// One file is done: the documents it held and the problems it had (after any `FilePart`s).
    FileDone { documents: Vec<Document>, problems: Vec<Problem> },
    /// Problems found while listing the folder.
    Problems(Vec<Problem>),
    /// Every file was read, or the load was cancelled.
    Finished { cancelled: bool },
}

/// Articles of a large JSON Lines file read and analysed before they are sent, so the view fills and the
/// progress moves while the file is read.
const FILE_PART_ARTICLES: usize = 2048;

/// How a load runs.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    pub read: ReadOptions,
    /// Reading threads (`None`: one per core).
    pub threads: Option<usize>,
}

/// Reads `root` (only the files that are new or changed since `previous`), sending what it finds to `send`
/// from the reading threads. Returns once `Finished` is sent.
pub fn load_folder(
    root: &Path,
    options: &LoadOptions,
    previous: &Snapshot,
    cancel: &AtomicBool,
    send: &(dyn Fn(LoadMessage) + Sync),
) {
    // The gazetteer (a third of a second on one core) loads while the folder is listed; the first file waits
    // for it below.
    if Gazetteer::bundled_if_loaded().is_none() {
        std::thread::spawn(Gazetteer::bundled);
    }
    if crate::stored::is_stored_analysis(root) {
        return load_stored(root, options, cancel, send);
    }
    let listing = corpus::list_folder(root);
    let plan = corpus::plan_reload(previous, &listing);
    let files: Vec<corpus::ListedFile> = plan.to_read().into_iter().cloned().collect();
    send(LoadMessage::Listed { files: files.len() });
    send(LoadMessage::Kept { unchanged: plan.unchanged, snapshot: Snapshot::of(&listing) });
    if !listing.problems.is_empty() {
        send(LoadMessage::Problems(listing.problems));
    }
    let gazetteer = Gazetteer::bundled();
    send(LoadMessage::GazetteerReady(gazetteer));
    let read_all = || {
        files.par_iter().for_each(|file| {
            if cancel.load(Ordering::Relaxed) {
                return;
            }
            let analyze_all = |articles: Vec<corpus::Article>| -> Vec<Document> {
                articles.into_par_iter().map(|a| analyze(a, gazetteer)).collect()
            };
            let mut last_bytes = 0;
            let mut send_part = |articles: Vec<corpus::Article>, problems: Vec<Problem>, bytes_read: u64| {
                // Cancelling stops a large file at its next batch: its later records are not read.
                if !cancel.load(Ordering::Relaxed) {
                    let documents = analyze_all(articles);
                    send(LoadMessage::FilePart { documents, problems, bytes_read: bytes_read - last_bytes });
                    last_bytes = bytes_read;
                }
            };
            let (articles, problems) =
                corpus::read_file_in_batches(root, file, &options.read, FILE_PART_ARTICLES, &mut send_part);
            send(LoadMessage::FileDone { documents: analyze_all(articles), problems });
        })
    };
    // Workers that yield to the window's thread, so frames stay smooth while every core reads.
    match rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads.unwrap_or(0))
        .thread_name(|i| format!("newsatlas-reader-{i}"))
        .start_handler(|_| lower_priority())
        .build()
    {
        Ok(pool) => pool.install(read_all),
        Err(_) => read_all(),
    }
    send(LoadMessage::Finished { cancelled: cancel.load(Ordering::Relaxed) });
}

/// Opens a stored analysis ([`crate::stored`]) with the same messages as a folder of articles: each part file
/// counts as a file, and nothing of it is kept over a reload (it is read again whole, and analysed not at all).
fn load_stored(root: &Path, options: &LoadOptions, cancel: &AtomicBool, send: &(dyn Fn(LoadMessage) + Sync)) {
    let tables = match crate::stored::list(root) {
        Ok(tables) => tables,
        Err(err) => {
            send(LoadMessage::Listed { files: 0 });
            send(LoadMessage::Kept { unchanged: Vec::new(), snapshot: Snapshot::default() });
            send(LoadMessage::Problems(vec![err.to_problem()]));
            send(LoadMessage::Finished { cancelled: false });
            return;
        }
    };
    send(LoadMessage::Listed { files: tables.file_count() });
    send(LoadMessage::Kept { unchanged: Vec::new(), snapshot: Snapshot::default() });
    let gazetteer = Gazetteer::bundled();
    send(LoadMessage::GazetteerReady(gazetteer));
    let read = || {
        crate::stored::read(&tables, &options.read, gazetteer, cancel, &mut |part| {
            let crate::stored::Part { documents, problems, file_done } = part;
            send(if file_done {
                LoadMessage::FileDone { documents, problems }
            } else {
                LoadMessage::FilePart { documents, problems, bytes_read: 0 }
            });
        })
    };
    // Article files are read and documents built on workers that yield to the window's thread.
    match rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads.unwrap_or(0))
        .thread_name(|i| format!("newsatlas-reader-{i}"))
        .start_handler(|_| lower_priority())
        .build()
    {
        Ok(pool) => pool.install(read),
        Err(_) => read(),
    }
    send(LoadMessage::Finished { cancelled: cancel.load(Ordering::Relaxed) });
}

/// Lowers the calling thread's scheduling priority (Linux only, where the nice value is per thread).
pub fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority has no memory effects; `who` 0 is the calling thread on Linux.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[test]
    fn the_gazetteer_is_ready_before_the_first_document() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "Envoys met in Geneva.").unwrap();
        let messages = Mutex::new(Vec::new());
        let record = |message: LoadMessage| messages.lock().unwrap().push(message);
        load_folder(dir.path(), &LoadOptions::default(), &Snapshot::default(), &AtomicBool::new(false), &record);
        let messages = messages.into_inner().unwrap();
        let ready = messages.iter().position(|m| matches!(m, LoadMessage::GazetteerReady(_)));
        let first_file = messages.iter().position(|m| matches!(m, LoadMessage::FileDone { .. }));
        assert!(ready.is_some() && ready < first_file, "{messages:?}");
        assert!(matches!(messages.last(), Some(LoadMessage::Finished { cancelled: false })));
    }
}
