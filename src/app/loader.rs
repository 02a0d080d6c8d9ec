//! The background load: reads and analyses a folder on worker threads, reporting as it goes.
//!
//! The UI thread never reads files. It starts a [`Loader`], then drains its messages each frame; dropping
//! the loader or calling [`Loader::cancel`] stops the work at the next file. [`Loader::reload`] reads only
//! the files that are new or changed since the snapshot it is given, and says which files are unchanged so
//! the app can keep what it already has for them.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};

use rayon::prelude::*;

use crate::corpus::{self, Problem, ReadOptions, Snapshot};
use crate::gazetteer::Gazetteer;
use crate::index::{Document, analyze};

/// What the worker tells the UI.
#[derive(Debug)]
pub enum LoadMessage {
    /// The folder was listed: this many files will be read.
    Listed { files: usize },
    /// Sent after `Listed`: the files whose earlier results stay valid (none on a first load), and the
    /// snapshot of this listing, to pass to the next [`Loader::reload`].
    Kept { unchanged: Vec<PathBuf>, snapshot: Snapshot },
    /// One file is done: the documents it held and the problems it had.
    FileDone { documents: Vec<Document>, problems: Vec<Problem> },
    /// Problems found while listing the folder.
    Problems(Vec<Problem>),
    /// Every file was read, or the load was cancelled.
    Finished { cancelled: bool },
}

pub struct Loader {
    pub root: PathBuf,
    cancel: Arc<AtomicBool>,
    messages: Receiver<LoadMessage>,
}

impl Loader {
    /// Starts loading `root`; `wake` is called after each message so the UI can repaint.
    pub fn start(root: PathBuf, options: ReadOptions, wake: impl Fn() + Send + Sync + 'static) -> Loader {
        Loader::reload(root, options, Snapshot::default(), wake)
    }

    /// Starts reloading `root`: files whose path, size and modification time match `previous` are not read.
    pub fn reload(
        root: PathBuf,
        options: ReadOptions,
        previous: Snapshot,
        wake: impl Fn() + Send + Sync + 'static,
    ) -> Loader {
        let cancel = Arc::new(AtomicBool::new(false));
        let (sender, messages) = channel();
        let worker_root = root.clone();
        let worker_cancel = cancel.clone();
        std::thread::Builder::new()
            .name("newsatlas-loader".into())
            .spawn(move || load(worker_root, options, &previous, &worker_cancel, &sender, &wake))
            .map_or_else(
                |err| {
                    // Without a thread there is no load; say so through the same channel the UI reads.
                    let (sender, receiver) = channel();
                    let problem = Problem::new(&root, format!("cannot start the loader: {err}"));
                    let _ = sender.send(LoadMessage::Problems(vec![problem]));
                    let _ = sender.send(LoadMessage::Finished { cancelled: true });
                    Loader { root: root.clone(), cancel: cancel.clone(), messages: receiver }
                },
                |_| Loader { root: root.clone(), cancel: cancel.clone(), messages },
            )
    }

    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// The next message, if one is waiting; `None` when nothing is waiting or the worker is gone.
    pub fn try_next(&self) -> Option<LoadMessage> {
        self.messages.try_recv().ok()
    }
}

impl Drop for Loader {
    fn drop(&mut self) {
        self.cancel();
    }
}

fn load(
    root: PathBuf,
    options: ReadOptions,
    previous: &Snapshot,
    cancel: &AtomicBool,
    sender: &Sender<LoadMessage>,
    wake: &(dyn Fn() + Sync),
) {
    let send = |message| {
        let _ = sender.send(message);
        wake();
    };
    // The gazetteer (a third of a second on one core) loads while the folder is listed; the first file waits
    // for it below.
    if Gazetteer::bundled_if_loaded().is_none() {
        std::thread::spawn(Gazetteer::bundled);
    }
    let listing = corpus::list_folder(&root);
    let plan = corpus::plan_reload(previous, &listing);
    let files: Vec<PathBuf> = plan.to_read().into_iter().map(|file| file.path.clone()).collect();
    send(LoadMessage::Listed { files: files.len() });
    send(LoadMessage::Kept { unchanged: plan.unchanged, snapshot: Snapshot::of(&listing) });
    if !listing.problems.is_empty() {
        send(LoadMessage::Problems(listing.problems));
    }
    let gazetteer = Gazetteer::bundled();
    let read_all = || {
        files.par_iter().for_each_with(sender.clone(), |sender, path| {
            if cancel.load(Ordering::Relaxed) {
                return;
            }
            let message = match corpus::read_file(&root, path, &options) {
                Ok((articles, problems)) => LoadMessage::FileDone {
                    documents: articles.into_iter().map(|a| analyze(a, gazetteer)).collect(),
                    problems,
                },
                Err(problem) => LoadMessage::FileDone { documents: Vec::new(), problems: vec![problem] },
            };
            let _ = sender.send(message);
            wake();
        })
    };
    // Workers that yield to the window's thread, so frames stay smooth while every core reads.
    match rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("newsatlas-reader-{i}"))
        .start_handler(|_| lower_priority())
        .build()
    {
        Ok(pool) => pool.install(read_all),
        Err(_) => read_all(),
    }
    send(LoadMessage::Finished { cancelled: cancel.load(Ordering::Relaxed) });
}

/// Lowers the calling thread's scheduling priority (Linux only, where the nice value is per thread).
pub(super) fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority has no memory effects; `who` 0 is the calling thread on Linux.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    fn drain(loader: &Loader) -> Vec<LoadMessage> {
        let started = Instant::now();
        let mut messages = Vec::new();
        while started.elapsed() < Duration::from_secs(120) {
            match loader.try_next() {
                Some(LoadMessage::Finished { cancelled }) => {
                    messages.push(LoadMessage::Finished { cancelled });
                    return messages;
                }
                Some(message) => messages.push(message),
                None => std::thread::sleep(Duration::from_millis(5)),
            }
        }
        panic!("the loader never finished");
    }

    #[test]
    fn reports_listing_each_file_and_the_end() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "Envoys met in Geneva.").unwrap();
        std::fs::write(dir.path().join("b.txt"), "").unwrap();
        std::fs::write(dir.path().join("c.doc"), "x").unwrap();
        let loader = Loader::start(dir.path().to_path_buf(), ReadOptions::default(), || {});
        let messages = drain(&loader);
        assert!(matches!(messages[0], LoadMessage::Listed { files: 2 }));
        let documents: usize = messages
            .iter()
            .map(|m| if let LoadMessage::FileDone { documents, .. } = m { documents.len() } else { 0 })
            .sum();
        let problems: usize = messages
            .iter()
            .map(|m| match m {
                LoadMessage::FileDone { problems, .. } | LoadMessage::Problems(problems) => problems.len(),
                _ => 0,
            })
            .sum();
        assert_eq!((documents, problems), (1, 2), "{messages:?}");
        assert!(matches!(messages.last(), Some(LoadMessage::Finished { cancelled: false })));
    }

    fn documents_and_kept(messages: &[LoadMessage]) -> (Vec<String>, Vec<PathBuf>, Snapshot) {
        let mut ids = Vec::new();
        let mut kept = (Vec::new(), Snapshot::default());
        for message in messages {
            match message {
                LoadMessage::FileDone { documents, .. } => ids.extend(documents.iter().map(|d| d.article.id.clone())),
                LoadMessage::Kept { unchanged, snapshot } => kept = (unchanged.clone(), snapshot.clone()),
                _ => {}
            }
        }
        ids.sort();
        (ids, kept.0, kept.1)
    }

    #[test]
    fn reload_reads_only_new_and_changed_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "Envoys met in Geneva.").unwrap();
        std::fs::write(dir.path().join("b.txt"), "Envoys met in Vienna.").unwrap();
        let first = drain(&Loader::start(dir.path().to_path_buf(), ReadOptions::default(), || {}));
        let (ids, unchanged, snapshot) = documents_and_kept(&first);
        assert_eq!((ids, unchanged.len(), snapshot.len()), (vec!["a.txt".to_owned(), "b.txt".to_owned()], 0, 2));

        std::fs::write(dir.path().join("b.txt"), "Envoys met in Vienna and Graz.").unwrap();
        std::fs::write(dir.path().join("c.md"), "# Talks in Oslo").unwrap();
        let loader = Loader::reload(dir.path().to_path_buf(), ReadOptions::default(), snapshot, || {});
        let second = drain(&loader);
        assert!(matches!(second[0], LoadMessage::Listed { files: 2 }), "{second:?}");
        let (ids, unchanged, snapshot) = documents_and_kept(&second);
        assert_eq!(ids, ["b.txt", "c.md"]);
        assert_eq!(unchanged, [dir.path().join("a.txt")]);
        assert_eq!(snapshot.len(), 3);
    }

    #[test]
    fn cancel_stops_the_load_early() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..400 {
            std::fs::write(dir.path().join(format!("{i:03}.txt")), "Envoys met in Geneva and Doha.").unwrap();
        }
        let loader = Loader::start(dir.path().to_path_buf(), ReadOptions::default(), || {});
        loader.cancel();
        let messages = drain(&loader);
        let files_done = messages.iter().filter(|m| matches!(m, LoadMessage::FileDone { .. })).count();
        assert!(files_done < 400, "all files were read despite cancel");
        assert!(matches!(messages.last(), Some(LoadMessage::Finished { cancelled: true })));
    }
}
