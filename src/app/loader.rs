//! The background load of a folder: the engine's loader ([`crate::index::load`]) run through the app's
//! background runner ([`super::background`]).
//!
//! The UI thread never reads files. It starts a [`Loader`], then drains its messages each frame; dropping
//! the loader or calling [`Loader::cancel`] stops the work at the next file. [`Loader::reload`] reads only
//! the files that are new or changed since the snapshot it is given, and says which files are unchanged so
//! the app can keep what it already has for them.

use std::path::PathBuf;
use std::sync::Arc;

use super::background::{self, Job, Poll};
use crate::corpus::{Problem, Snapshot};
use crate::index::load::{LoadOptions, load_folder};

pub use crate::index::load::LoadMessage;

pub struct Loader {
    pub root: PathBuf,
    job: Job<LoadMessage>,
}

impl Loader {
    /// Starts loading `root`; `wake` is called after each message so the UI can repaint.
    pub fn start(root: PathBuf, options: LoadOptions, wake: impl Fn() + Send + Sync + 'static) -> Loader {
        Loader::reload(root, options, Snapshot::default(), wake)
    }

    /// Starts reloading `root`: files whose path, size and modification time match `previous` are not read.
    pub fn reload(
        root: PathBuf,
        options: LoadOptions,
        previous: Snapshot,
        wake: impl Fn() + Send + Sync + 'static,
    ) -> Loader {
        let worker_root = root.clone();
        let spawned = background::spawn("newsatlas-loader", Arc::new(wake), move |reporter| {
            load_folder(&worker_root, &options, &previous, reporter.cancel_flag(), &|message| reporter.send(message))
        });
        let job = spawned.unwrap_or_else(|err| {
            // Without a thread there is no load; say so through the same channel the UI reads.
            let problem = Problem::new(&root, format!("cannot start the loader: {err}"));
            Job::ended_with([LoadMessage::Problems(vec![problem]), LoadMessage::Finished { cancelled: true }])
        });
        Loader { root, job }
    }

    pub fn cancel(&self) {
        self.job.cancel();
    }

    /// The next message, if one is waiting; `None` when nothing is waiting or the worker is gone.
    pub fn try_next(&self) -> Option<LoadMessage> {
        match self.job.poll() {
            Poll::Message(message) => Some(message),
            Poll::Waiting | Poll::Ended => None,
        }
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
        let loader = Loader::start(dir.path().to_path_buf(), LoadOptions::default(), || {});
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
        let first = drain(&Loader::start(dir.path().to_path_buf(), LoadOptions::default(), || {}));
        let (ids, unchanged, snapshot) = documents_and_kept(&first);
        assert_eq!((ids, unchanged.len(), snapshot.len()), (vec!["a.txt".to_owned(), "b.txt".to_owned()], 0, 2));

        std::fs::write(dir.path().join("b.txt"), "Envoys met in Vienna and Graz.").unwrap();
        std::fs::write(dir.path().join("c.md"), "# Talks in Oslo").unwrap();
        let loader = Loader::reload(dir.path().to_path_buf(), LoadOptions::default(), snapshot, || {});
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
        let loader = Loader::start(dir.path().to_path_buf(), LoadOptions::default(), || {});
        loader.cancel();
        let messages = drain(&loader);
        let files_done = messages.iter().filter(|m| matches!(m, LoadMessage::FileDone { .. })).count();
        assert!(files_done < 400, "all files were read despite cancel");
        assert!(matches!(messages.last(), Some(LoadMessage::Finished { cancelled: true })));
    }
}
