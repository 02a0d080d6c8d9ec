//! Opening a folder: list it, work out what a reload must read again, read and analyse each file on worker
//! threads, and report each step as a [`LoadMessage`].
//!
//! This is the loader the app runs on a background thread (through `app::background`) and the one
//! `newsatlas bench-load` times, so the benchmark measures what users run. [`load_folder`] blocks until every
//! file is read or `cancel` is set; the caller decides where its messages go.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;

use super::{Document, analyze_for_atlas};
use crate::cache::{self, Cache, CacheOptions, Record};
use crate::corpus::{self, Problem, ReadOptions, Snapshot};
use crate::gazetteer::Gazetteer;

/// What the loader reports, in this order: `Listed`, `Kept`, perhaps `Problems`, `GazetteerReady`, one
/// `FileDone` per file read (after `FilePart`s for a large JSON Lines file), perhaps `Cached`, `Finished`.
#[derive(Debug)]
pub enum LoadMessage {
    /// The folder was listed: this many files will be read.
    Listed { files: usize },
    /// Sent after `Listed`: the files whose earlier results stay valid (none on a first load), and the
    /// snapshot of this listing, to pass to the next reload.
    Kept { unchanged: Vec<PathBuf>, snapshot: Snapshot },
    /// The gazetteer has loaded: sent before the first file's documents, which were resolved against it.
    GazetteerReady(&'static Gazetteer),
    /// Sent before `Finished` when the folder's cache was used: this many of the files read were found there
    /// unchanged, and their analysis was taken from it.
    Cached { files: usize },
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
    /// Where the folder's analysis is cached ([`crate::cache`]): files found there unchanged are not analysed
    /// again, and the cache is brought up to date once every file is read. `None`: no cache.
    pub cache: Option<CacheOptions>,
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
        send(LoadMessage::Problems(listing.problems.clone()));
    }
    // A cache that cannot be used is as good as none: every file is analysed, and the cache written anew.
    let cache = options.cache.as_ref().map(|c| Cache::open(&c.file, &c.engine)).unwrap_or_default();
    let gazetteer = Gazetteer::bundled();
    send(LoadMessage::GazetteerReady(gazetteer));
    let cached = AtomicUsize::new(0);
    // The records of the files analysed now go to the new cache as they are made.
    let writer = options.cache.as_ref().map(cache::Writer::new);
    let read_all = || {
        files.par_iter().for_each(|file| {
            if cancel.load(Ordering::Relaxed) {
                return;
            }
            if let Some(entry) = cache.get(&file.path, file.stamp)
                && let Some(record) = cache.read(&file.path, entry)
                && let Ok((parts, problems)) = record.decode(gazetteer.places().len())
            {
                send_cached(parts, problems, send);
                cached.fetch_add(1, Ordering::Relaxed);
                return;
            }
            let caching = writer.is_some();
            let mut encoded = Vec::new();
            let mut analysed = 0;
            let mut analyze_all = |articles: Vec<corpus::Article>| -> Vec<Document> {
                let documents: Vec<Document> =
                    articles.into_par_iter().map(|a| analyze_for_atlas(a, gazetteer)).collect();
                analysed += documents.len();
                if caching {
                    encoded.push(cache::encode_documents(&documents));
                }
                documents
            };
            let mut last_bytes = 0;
            // The problems sent with the parts, for the file's record.
            let mut part_problems = Vec::new();
            let mut send_part = |articles: Vec<corpus::Article>, problems: Vec<Problem>, bytes_read: u64| {
                // Cancelling stops a large file at its next batch: its later records are not read.
                if !cancel.load(Ordering::Relaxed) {
                    let documents = analyze_all(articles);
                    if caching {
                        part_problems.extend(problems.iter().cloned());
                    }
                    send(LoadMessage::FilePart { documents, problems, bytes_read: bytes_read - last_bytes });
                    last_bytes = bytes_read;
                }
            };
            let (articles, problems) =
                corpus::read_file_in_batches(root, file, &options.read, FILE_PART_ARTICLES, &mut send_part);
            let documents = analyze_all(articles);
            // A file that gave no article is read again next time: it may be readable by then. A file cut short
            // by a cancel is not cached at all.
            if let Some(writer) = &writer
                && analysed > 0
                && !cancel.load(Ordering::Relaxed)
            {
                part_problems.extend(problems.iter().cloned());
                part_problems.sort();
                if let Some(record) = Record::encode(&file.path, file.stamp, &encoded, &part_problems) {
                    writer.add(&record);
                }
            }
            send(LoadMessage::FileDone { documents, problems });
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
    let cached = cached.into_inner();
    if cached > 0 {
        send(LoadMessage::Cached { files: cached });
    }
    let cancelled = cancel.load(Ordering::Relaxed);
    send(LoadMessage::Finished { cancelled });
    // After `Finished`, so nothing waits for it. A cancelled load keeps what it analysed: the files it did not
    // get to keep their old records, if any.
    if let Some(writer) = writer {
        writer.finish(&cache, listing.files.iter().map(|f| (f.path.as_path(), f.stamp)));
    }
}

/// Sends a file's documents as the cache gave them, in the parts they were first read in.
fn send_cached(parts: Vec<Vec<Document>>, problems: Vec<Problem>, send: &(dyn Fn(LoadMessage) + Sync)) {
    let mut parts = parts.into_iter().peekable();
    while let Some(documents) = parts.next() {
        if parts.peek().is_some() {
            send(LoadMessage::FilePart { documents, problems: Vec::new(), bytes_read: 0 });
        } else {
            return send(LoadMessage::FileDone { documents, problems });
        }
    }
    send(LoadMessage::FileDone { documents: Vec::new(), problems });
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
    // The gazetteer loads while the tables the mentions need first are read.
    let gazetteer = || {
        let gazetteer = Gazetteer::bundled();
        send(LoadMessage::GazetteerReady(gazetteer));
        gazetteer
    };
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

    fn load(root: &Path, cache: Option<&CacheOptions>, previous: &Snapshot) -> Vec<LoadMessage> {
        let messages = Mutex::new(Vec::new());
        let record = |message: LoadMessage| messages.lock().unwrap().push(message);
        let options = LoadOptions { cache: cache.cloned(), ..LoadOptions::default() };
        load_folder(root, &options, previous, &AtomicBool::new(false), &record);
        messages.into_inner().unwrap()
    }

    /// The documents (by id) and problems a load sent, and how many files it took from the cache.
    fn results(messages: &[LoadMessage]) -> (Vec<Document>, Vec<Problem>, usize) {
        let (mut documents, mut problems, mut cached) = (Vec::new(), Vec::new(), 0);
        for message in messages {
            match message {
                LoadMessage::FilePart { documents: d, problems: p, .. }
                | LoadMessage::FileDone { documents: d, problems: p } => {
                    documents.extend(d.iter().cloned());
                    problems.extend(p.iter().cloned());
                }
                LoadMessage::Cached { files } => cached = *files,
                _ => {}
            }
        }
        documents.sort_by(|a, b| (&a.article.source, &a.article.id).cmp(&(&b.article.source, &b.article.id)));
        problems.sort();
        (documents, problems, cached)
    }

    fn places(documents: &[Document]) -> Vec<String> {
        let gazetteer = Gazetteer::bundled();
        let mut names: Vec<String> =
            documents.iter().flat_map(|d| &d.places).map(|p| gazetteer.place(p.place).name.to_string()).collect();
        names.sort();
        names
    }

    fn cache_in(data: &Path, engine: &str) -> CacheOptions {
        CacheOptions { file: data.join("cache").join("folder.cache"), engine: engine.to_owned(), limit_bytes: 1 << 30 }
    }

    fn folder_of_articles() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "Envoys met in Geneva on Monday, 13 January 2017.").unwrap();
        let lines = [
            r#"{"id": "one", "title": "Talks", "date": "2017-01-20", "text": "Talks went on in Astana and Moscow."}"#,
            "{not json",
            r#"{"id": "two", "text": "Aid reached Doha last week."}"#,
        ];
        std::fs::write(dir.path().join("b.jsonl"), lines.join("\n")).unwrap();
        dir
    }

    fn listing(dir: &Path) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir).into_iter().map(|e| e.unwrap().into_path()).collect();
        files.sort();
        files
    }

    #[test]
    fn a_folder_opened_again_takes_its_analysis_from_the_cache_and_gives_the_same() {
        let (folder, data) = (folder_of_articles(), tempfile::tempdir().unwrap());
        let cache = cache_in(data.path(), "engine 1");
        let before = listing(folder.path());
        let first = results(&load(folder.path(), Some(&cache), &Snapshot::default()));
        assert_eq!(first.2, 0, "nothing was cached yet");
        assert!(cache.file.is_file());
        assert_eq!(places(&first.0), ["Astana", "Doha", "Geneva", "Moscow"]);
        assert_eq!(first.1.len(), 1, "{:?}", first.1);

        let second = results(&load(folder.path(), Some(&cache), &Snapshot::default()));
        assert_eq!(second.2, 2, "both files came from the cache");
        assert_eq!(second.0, first.0, "the same documents: texts, places, dates");
        assert_eq!(
            second.1.iter().map(ToString::to_string).collect::<Vec<_>>(),
            first.1.iter().map(ToString::to_string).collect::<Vec<_>>()
        );
        assert_eq!(listing(folder.path()), before, "nothing written into the user's folder");
    }

    #[test]
    fn a_changed_file_is_analysed_again_and_the_cache_is_keyed_by_its_stamp() {
        let (folder, data) = (folder_of_articles(), tempfile::tempdir().unwrap());
        let cache = cache_in(data.path(), "engine 1");
        load(folder.path(), Some(&cache), &Snapshot::default());
        // Same size, same modification time, other words: the stamp says unchanged, so the cache answers.
        let path = folder.path().join("a.txt");
        let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
        std::fs::write(&path, "Envoys met in Lisbon on Monday, 13 January 2017.").unwrap();
        std::fs::File::options().write(true).open(&path).unwrap().set_modified(modified).unwrap();
        let (documents, _, cached) = results(&load(folder.path(), Some(&cache), &Snapshot::default()));
        assert_eq!((cached, places(&documents).contains(&"Geneva".to_owned())), (2, true));
        // A new modification time: analysed again, and the cache follows.
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(modified + std::time::Duration::from_secs(5))
            .unwrap();
        let (documents, _, cached) = results(&load(folder.path(), Some(&cache), &Snapshot::default()));
        assert_eq!((cached, places(&documents).contains(&"Lisbon".to_owned())), (1, true));
        let (documents, _, cached) = results(&load(folder.path(), Some(&cache), &Snapshot::default()));
        assert_eq!((cached, places(&documents).contains(&"Lisbon".to_owned())), (2, true));
        // A new file, and a file removed.
        std::fs::write(folder.path().join("c.txt"), "Rain in Kuala Lumpur.").unwrap();
        std::fs::remove_file(folder.path().join("b.jsonl")).unwrap();
        let (documents, _, cached) = results(&load(folder.path(), Some(&cache), &Snapshot::default()));
        assert_eq!((cached, places(&documents)), (1, vec!["Kuala Lumpur".to_owned(), "Lisbon".to_owned()]));
        assert_eq!(Cache::open(&cache.file, &cache.engine).len(), 2, "the removed file's record went");
    }

    #[test]
    fn a_cache_from_another_engine_is_not_used() {
        let (folder, data) = (folder_of_articles(), tempfile::tempdir().unwrap());
        load(folder.path(), Some(&cache_in(data.path(), "engine 1")), &Snapshot::default());
        let newer = cache_in(data.path(), "engine 2");
        let (documents, _, cached) = results(&load(folder.path(), Some(&newer), &Snapshot::default()));
        assert_eq!((cached, documents.len()), (0, 3));
        // It was written anew for the new engine.
        let (_, _, cached) = results(&load(folder.path(), Some(&newer), &Snapshot::default()));
        assert_eq!(cached, 2);
    }

    #[test]
    fn a_damaged_cache_is_ignored_and_written_anew() {
        let (folder, data) = (folder_of_articles(), tempfile::tempdir().unwrap());
        let cache = cache_in(data.path(), "engine 1");
        let fresh = results(&load(folder.path(), None, &Snapshot::default()));
        load(folder.path(), Some(&cache), &Snapshot::default());
        let good = std::fs::read(&cache.file).unwrap();
        let flipped = |at: usize| {
            let mut bytes = good.clone();
            bytes[at] ^= 0x55;
            bytes
        };
        let damages: [(&str, Vec<u8>); 8] = [
            ("a byte flipped in the first record", flipped(80)),
            ("a byte flipped in the middle", flipped(good.len() / 2)),
            ("a byte flipped in the index", flipped(good.len() - 30)),
            ("a byte flipped in the footer", flipped(good.len() - 5)),
            ("cut in half", good[..good.len() / 2].to_vec()),
            ("cut in its header", good[..10].to_vec()),
            ("empty", Vec::new()),
            ("not a cache", b"PK\x03\x04 some other file".to_vec()),
        ];
        for (damage, bytes) in damages {
            std::fs::write(&cache.file, bytes).unwrap();
            let (documents, problems, cached) = results(&load(folder.path(), Some(&cache), &Snapshot::default()));
            // A damaged record costs its file's analysis; a damaged header or index, the whole cache's.
            assert!(cached < 2, "{damage}");
            assert_eq!((&documents, problems.len()), (&fresh.0, fresh.1.len()), "{damage}");
            let (documents, _, cached) = results(&load(folder.path(), Some(&cache), &Snapshot::default()));
            assert_eq!((cached, &documents), (2, &fresh.0), "{damage}: rebuilt");
        }
    }

    #[test]
    fn a_reload_brings_the_cache_up_to_date() {
        let (folder, data) = (folder_of_articles(), tempfile::tempdir().unwrap());
        let cache = cache_in(data.path(), "engine 1");
        let first = load(folder.path(), Some(&cache), &Snapshot::default());
        let snapshot = first
            .iter()
            .find_map(|m| if let LoadMessage::Kept { snapshot, .. } = m { Some(snapshot.clone()) } else { None })
            .unwrap();
        std::fs::write(folder.path().join("c.txt"), "Rain in Kuala Lumpur.").unwrap();
        let (documents, _, _) = results(&load(folder.path(), Some(&cache), &snapshot));
        assert_eq!(places(&documents), ["Kuala Lumpur"], "a reload reads only the new file");
        let (documents, _, cached) = results(&load(folder.path(), Some(&cache), &Snapshot::default()));
        assert_eq!((cached, documents.len()), (3, 4), "and the cache holds all three files");
    }

    #[test]
    fn a_cancelled_load_caches_the_files_it_finished() {
        let (folder, data) = (folder_of_articles(), tempfile::tempdir().unwrap());
        for i in 0..6 {
            std::fs::write(folder.path().join(format!("c{i}.txt")), format!("Talks {i} were held in Geneva.")).unwrap();
        }
        let cache = cache_in(data.path(), "engine 1");
        let cancel = AtomicBool::new(false);
        let options = LoadOptions { cache: Some(cache.clone()), threads: Some(1), ..LoadOptions::default() };
        let stop = |message: LoadMessage| {
            if matches!(message, LoadMessage::FileDone { .. }) {
                cancel.store(true, Ordering::Relaxed);
            }
        };
        load_folder(folder.path(), &options, &Snapshot::default(), &cancel, &stop);
        let (documents, _, cached) = results(&load(folder.path(), Some(&cache), &Snapshot::default()));
        assert_eq!(documents.len(), 9, "every article, the rest analysed now");
        assert!((1..8).contains(&cached), "{cached} of 8 files from the cache");
        let (_, _, cached) = results(&load(folder.path(), Some(&cache), &Snapshot::default()));
        assert_eq!(cached, 8);
    }

    #[test]
    fn a_large_json_lines_file_comes_back_from_the_cache_in_parts_with_every_problem() {
        let (folder, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let lines: Vec<String> = (1..=3000)
            .map(|n| match n {
                10 | 2500 => "{broken".to_owned(),
                _ => format!(r#"{{"id": "a{n}", "text": "Report {n} from Geneva."}}"#),
            })
            .collect();
        std::fs::write(folder.path().join("big.jsonl"), lines.join("\n")).unwrap();
        let cache = cache_in(data.path(), "engine 1");
        // Over the size limit, so read as a stream, a part at a time.
        let read = ReadOptions { max_file_bytes: 10_000 };
        let run = || {
            let messages = Mutex::new(Vec::new());
            let options = LoadOptions { read, cache: Some(cache.clone()), ..LoadOptions::default() };
            load_folder(folder.path(), &options, &Snapshot::default(), &AtomicBool::new(false), &|m| {
                messages.lock().unwrap().push(m)
            });
            let messages = messages.into_inner().unwrap();
            let parts = messages.iter().filter(|m| matches!(m, LoadMessage::FilePart { .. })).count();
            let (documents, problems, cached) = results(&messages);
            let lines: Vec<Option<usize>> = problems.iter().map(|p| p.line).collect();
            (documents.len(), lines, parts, cached)
        };
        let first = run();
        assert_eq!((first.0, &first.1), (2998, &vec![Some(10), Some(2500)]));
        assert!(first.2 >= 1, "read in parts");
        let again = run();
        assert_eq!((again.0, &again.1, again.3), (2998, &first.1, 1), "every article and problem, from the cache");
        assert!(again.2 >= 1, "sent in parts as well");
    }

    #[test]
    fn a_folder_whose_cache_alone_is_over_the_limit_is_not_cached() {
        let (folder, data) = (folder_of_articles(), tempfile::tempdir().unwrap());
        let small = CacheOptions { limit_bytes: 100, ..cache_in(data.path(), "engine 1") };
        let (documents, _, _) = results(&load(folder.path(), Some(&small), &Snapshot::default()));
        assert_eq!(documents.len(), 3);
        assert!(!small.file.exists());
        let (_, _, cached) = results(&load(folder.path(), Some(&small), &Snapshot::default()));
        assert_eq!(cached, 0);
    }
}
