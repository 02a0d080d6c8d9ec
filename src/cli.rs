//! The command line: `newsatlas [PATH]` opens the app, `newsatlas extract PATH` writes what was found,
//! `newsatlas export PATH --format F` writes the mentions for GIS tools.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use anyhow::Context;
use clap::{Parser, Subcommand};
use rayon::prelude::*;

use chrono::NaiveDate;

use crate::atomic_write::AtomicFile;
use crate::cache::CacheOptions;
use crate::corpus::{self, Problem, ReadOptions, Snapshot};
use crate::export::extract_record;
use crate::export::mentions::{ExportFormat, mention_rows, write as write_mentions};
use crate::gazetteer::Gazetteer;
use crate::index::load::{LoadMessage, LoadOptions, load_folder};
use crate::index::{Atlas, DayNumber, Document, TimeWindow, analyze, analyze_for_atlas, day_number};
use crate::session::{Corrector, Session};

#[derive(Debug, Parser)]
#[command(name = "newsatlas", version, about = "Explore where and when the news happened.")]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// Folder of articles to open in the app (the bundled sample articles when omitted).
    pub path: Option<PathBuf>,
    /// Size limit of the analysis cache in the app's data folder, in MB (folders opened longest ago are
    /// removed first); 0 turns the cache off.
    #[arg(long, default_value_t = crate::cache::DEFAULT_LIMIT_BYTES >> 20)]
    pub cache_limit_mb: u64,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract places and dates, one JSON line per article.
    Extract {
        /// A folder of articles, or a .jsonl file (one {"id","text",...} object a line).
        path: PathBuf,
        /// Write to this file instead of standard output (`-` is standard output). It may not be an input or
        /// lie inside the input folder.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Skip files larger than this many megabytes.
        #[arg(long, default_value_t = corpus::DEFAULT_MAX_FILE_BYTES >> 20)]
        max_file_mb: u64,
    },
    /// Export every place mention as GeoJSON, CSV or KML, with a session's corrections applied.
    Export {
        /// A folder of articles, or a .jsonl file.
        path: PathBuf,
        /// geojson, csv or kml.
        #[arg(long)]
        format: ExportFormat,
        /// A session file saved by the app (File > Save session as…): its corrections are applied.
        #[arg(long)]
        session: Option<PathBuf>,
        /// Only mentions dated on or after this day (YYYY-MM-DD); undated ones are left out.
        #[arg(long)]
        from: Option<NaiveDate>,
        /// Only mentions dated on or before this day (YYYY-MM-DD); undated ones are left out.
        #[arg(long)]
        to: Option<NaiveDate>,
        /// Write to this file instead of standard output (`-` is standard output). It may not be an input or
        /// lie inside the input folder.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Skip files larger than this many megabytes.
        #[arg(long, default_value_t = corpus::DEFAULT_MAX_FILE_BYTES >> 20)]
        max_file_mb: u64,
    },
    /// Analyse a folder of articles (or a .jsonl file) and write what was found as a stored analysis: the
    /// Parquet tables of docs/stored-analysis.md, which `newsatlas OUTDIR` and `newsatlas export OUTDIR` open
    /// without analysing anything again.
    Store {
        /// A folder of articles, a .jsonl file, or a stored analysis (written again).
        path: PathBuf,
        /// The folder to write; a stored analysis there is replaced, any other folder that is not empty is
        /// refused. It may not lie inside PATH.
        outdir: PathBuf,
        /// Skip files larger than this many megabytes.
        #[arg(long, default_value_t = corpus::DEFAULT_MAX_FILE_BYTES >> 20)]
        max_file_mb: u64,
    },
    /// Write a synthetic stored analysis of N place mentions (about ten an article) to OUTDIR, for benchmarks.
    GenStored {
        mentions: usize,
        outdir: PathBuf,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Write a synthetic corpus of N articles (about 2.5 KB each) under DIR, for benchmarks.
    GenCorpus {
        count: usize,
        dir: PathBuf,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Write one JSON Lines file at DIR (a file path) instead of a folder of text files.
        #[arg(long)]
        jsonl: bool,
    },
    /// Time reading, extracting and indexing a folder, and report the peak memory.
    BenchLoad {
        path: PathBuf,
        /// Worker threads (default: one per core).
        #[arg(long)]
        threads: Option<usize>,
    },
}

pub fn run(cli: Cli) -> anyhow::Result<()> {
    // Commands that hold a whole folder (the window, export, store, bench-load) keep its texts past a budget
    // in a file; `extract` holds one article at a time.
    if !matches!(cli.command, Some(Command::Extract { .. } | Command::GenStored { .. } | Command::GenCorpus { .. })) {
        spill_texts();
    }
    match cli.command {
        Some(Command::Extract { path, output, max_file_mb }) => {
            let options = ReadOptions { max_file_bytes: megabytes(max_file_mb) };
            let output = output_file(output, &[&path])?;
            crate::atomic_write::remove_temporaries_on_signals()?;
            extract(&path, output.as_deref(), &options)
        }
        Some(Command::Export { path, format, session, from, to, output, max_file_mb }) => {
            let options = ReadOptions { max_file_bytes: megabytes(max_file_mb) };
            let inputs: Vec<&Path> = std::iter::once(path.as_path()).chain(session.as_deref()).collect();
            let output = output_file(output, &inputs)?;
            crate::atomic_write::remove_temporaries_on_signals()?;
            let session = session.map(|file| Session::load(&file)).transpose()?;
            let window = match (from, to) {
                (None, None) => TimeWindow::ALL,
                (from, to) => TimeWindow {
                    days: Some((from.map_or(DayNumber::MIN, day_number), to.map_or(DayNumber::MAX, day_number))),
                    include_undated: false,
                },
            };
            export(&path, format, session, &window, output.as_deref(), &options)
        }
        Some(Command::Store { path, outdir, max_file_mb }) => {
            let options = ReadOptions { max_file_bytes: megabytes(max_file_mb) };
            let Some(outdir) = output_file(Some(outdir), &[&path])? else {
                anyhow::bail!("a stored analysis is a folder: give its path, not `-`");
            };
            store(&path, &outdir, &options)
        }
        Some(Command::GenStored { mentions, outdir, seed }) => {
            let started = std::time::Instant::now();
            let stats = crate::synth::generate_stored(mentions, &outdir, seed, Gazetteer::bundled())?;
            println!(
                "wrote {} articles, {} mentions, {} date expressions to {} in {:.1} s",
                stats.articles,
                stats.mentions,
                stats.timexes,
                shown(&outdir),
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Some(Command::GenCorpus { count, dir, seed, jsonl }) => {
            let started = std::time::Instant::now();
            let generate = if jsonl { crate::synth::generate_jsonl } else { crate::synth::generate };
            let stats = generate(count, &dir, seed, Gazetteer::bundled())
                .with_context(|| format!("cannot write to {}", shown(&dir)))?;
            println!(
                "wrote {} articles, {:.1} MB, to {} in {:.1} s",
                stats.articles,
                stats.bytes as f64 / 1e6,
                shown(&dir),
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Some(Command::BenchLoad { path, threads }) => bench_load(&path, threads),
        #[cfg(feature = "app")]
        None => crate::app::run(cli.path, megabytes(cli.cache_limit_mb)),
        #[cfg(not(feature = "app"))]
        None => {
            anyhow::bail!("this build of newsatlas has no window (built without the `app` feature): give a command")
        }
    }
}

/// Compressed texts kept in memory before the rest go to the spill file ([`crate::corpus::spill`]): about
/// 80 MB of text, thirty thousand articles.
const TEXTS_KEPT_IN_MEMORY: u64 = 32 << 20;

/// Sets up the spill file in the app's data folder. Without one (no home folder, a read-only disk) texts stay
/// in memory, as they always did.
fn spill_texts() {
    if let Some(data) = crate::session::data_folder() {
        let _ = crate::corpus::spill::spill_texts_to(&data.join("spill"), TEXTS_KEPT_IN_MEMORY);
    }
}

/// The file `-o` names, or `None` for standard output (no `-o`, or `-o -`).
///
/// Refuses a file that is one of `inputs` or lies inside an input folder: it would destroy an article, and be
/// read back as one next time. Both sides are compared as canonical paths (symbolic links, `..` and `.`
/// resolved); the output may not exist yet, so its folder is resolved and its name put back.
pub fn output_file(output: Option<PathBuf>, inputs: &[&Path]) -> anyhow::Result<Option<PathBuf>> {
    let Some(output) = output.filter(|o| o.as_os_str() != "-") else { return Ok(None) };
    let resolved = match std::fs::canonicalize(&output) {
        Ok(existing) => Some(existing),
        Err(_) => {
            let folder = output.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
            let folder = std::fs::canonicalize(folder);
            folder.ok().zip(output.file_name()).map(|(folder, name)| folder.join(name))
        }
    };
    // An output whose folder cannot be resolved cannot be written either; creating it says why.
    let Some(resolved) = resolved else { return Ok(Some(output)) };
    for input in inputs {
        let Ok(input_resolved) = std::fs::canonicalize(input) else { continue };
        if resolved == input_resolved {
            anyhow::bail!(
                "refusing to write {}: it is the input {} (nothing was written)",
                shown(&output),
                shown(input)
            );
        }
        if input_resolved.is_dir() && resolved.starts_with(&input_resolved) {
            anyhow::bail!(
                "refusing to write {}: it is inside the input folder {}, where it could overwrite an article and \
                 would be read as one next time (nothing was written; choose a path outside it)",
                shown(&output),
                shown(input)
            );
        }
    }
    Ok(Some(output))
}

/// A path as it may be printed to a terminal: see [`terminal_safe`].
pub fn shown(path: &Path) -> String {
    terminal_safe(&path.display().to_string())
}

/// `text` with its control characters escaped as Rust writes them (`\n`, `\u{1b}`), so a file name cannot
/// recolour the terminal, move its cursor or fake a line of its own (issue 18). Other text is unchanged.
pub fn terminal_safe(text: &str) -> String {
    if !text.chars().any(char::is_control) {
        return text.to_owned();
    }
    let mut safe = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() {
            safe.extend(c.escape_default());
        } else {
            safe.push(c);
        }
    }
    safe
}

/// Reads `path` a batch of articles at a time (a JSON Lines file of any size among them), extracts each batch
/// in parallel and writes its records in input order, so memory holds one batch; problems go to stderr, and
/// progress too when it is a terminal.
pub fn extract(path: &Path, output: Option<&Path>, options: &ReadOptions) -> anyhow::Result<()> {
    let mut out = Output::create(output)?;
    let mut progress = Progress::new(path);
    let mut written: anyhow::Result<()> = Ok(());
    let record = |document: Document| {
        let text = document.article.text.as_str();
        serde_json::to_string(&extract_record(&document, &text, Gazetteer::bundled()))
    };
    for_each_batch(path, options, Analysis::Plain, &record, &mut |lines, _, bytes_read| {
        progress.update(lines.len(), bytes_read);
        if written.is_err() {
            return;
        }
        written = lines.into_iter().try_for_each(|line| Ok(writeln!(out, "{}", line?)?));
    })?;
    progress.finish();
    written?;
    out.finish(output)
}

/// What [`for_each_batch`] hands each batch to: what `finish` made of each document, the problems met since
/// the last batch, and the bytes of files read so far.
type OnBatch<'a, T> = dyn FnMut(Vec<T>, &[Problem], u64) + 'a;

/// Articles read, analysed and written at once by `extract`.
const EXTRACT_CHUNK: usize = 4096;

/// How [`for_each_batch`] analyses articles.
#[derive(Clone, Copy)]
enum Analysis {
    /// Places and dates only ([`analyze`]): for records written as they are.
    Plain,
    /// With each mention's date and passage worked out and the text compressed, in parallel too
    /// ([`analyze_for_atlas`]): for documents that go into an [`Atlas`].
    ForAtlas,
}

/// Reads `path` a batch at a time and analyses each batch in parallel, in input order; problems go to stderr.
/// Each document goes through `finish` on the thread that analysed it; `on_batch` gets the results and the
/// bytes of files read so far.
///
/// One thread reads the next batch while the others analyse the last one, and it starts before the gazetteer
/// has loaded, so neither reading nor loading waits for the other. At most one batch waits between them.
///
/// A stored analysis ([`crate::stored`]) is read, not analysed: its documents come in one batch, in the order
/// of their files.
fn for_each_batch<T: Send>(
    path: &Path,
    options: &ReadOptions,
    analysis: Analysis,
    finish: &(dyn Fn(Document) -> T + Sync),
    on_batch: &mut OnBatch<T>,
) -> anyhow::Result<()> {
    if !path.exists() {
        anyhow::bail!("{}: no such file or folder", shown(path));
    }
    let report = |problems: &[Problem]| {
        for problem in problems {
            eprintln!("skipped {}", terminal_safe(&problem.to_string()));
        }
    };
    if crate::stored::is_stored_analysis(path) {
        let (documents, problems) = crate::stored::read_all(path, options, Gazetteer::bundled())?;
        report(&problems);
        let size_bytes = crate::stored::list(path)?.size_bytes();
        on_batch(documents.into_par_iter().map(finish).collect(), &problems, size_bytes);
        return Ok(());
    }
    let analyze = match analysis {
        Analysis::Plain => analyze,
        Analysis::ForAtlas => analyze_for_atlas,
    };
    std::thread::scope(|scope| {
        let (sender, batches) = std::sync::mpsc::sync_channel(1);
        scope.spawn(move || {
            corpus::read_folder_in_batches(path, options, EXTRACT_CHUNK, &mut |articles, problems, bytes_read| {
                // The receiver lives until this thread is done, unless the analysing side panicked: then
                // there is no one left to send to.
                let _ = sender.send((articles, problems, bytes_read));
            });
        });
        let gazetteer = Gazetteer::bundled();
        for (articles, mut problems, bytes_read) in batches {
            problems.sort();
            report(&problems);
            let done = articles.into_par_iter().map(|article| finish(analyze(article, gazetteer))).collect();
            on_batch(done, &problems, bytes_read);
        }
    });
    Ok(())
}

/// Reads `path` and analyses every article in parallel, in input order; problems go to stderr.
fn analyze_path(path: &Path, options: &ReadOptions) -> anyhow::Result<Vec<Document>> {
    let mut documents = Vec::new();
    let mut progress = Progress::new(path);
    for_each_batch(path, options, Analysis::ForAtlas, &|document| document, &mut |mut batch, _, bytes_read| {
        progress.update(batch.len(), bytes_read);
        documents.append(&mut batch);
    })?;
    progress.finish();
    Ok(documents)
}

/// A line on standard error, at most once a second, saying how far a long run has got and how long it has
/// left: only when it is a terminal, so that logs and tests see the same output however fast the machine.
struct Progress {
    started: std::time::Instant,
    shown: std::time::Instant,
    articles: usize,
    /// The size of the files to read, when standard error is a terminal.
    total_bytes: Option<u64>,
    printed: bool,
}

impl Progress {
    fn new(path: &Path) -> Progress {
        use std::io::IsTerminal;
        let now = std::time::Instant::now();
        // Listing the folder again costs little beside reading and analysing it.
        let total_bytes = std::io::stderr()
            .is_terminal()
            .then(|| corpus::list_folder(path).files.iter().map(|file| file.stamp.size_bytes).sum());
        Progress { started: now, shown: now, articles: 0, total_bytes, printed: false }
    }

    fn update(&mut self, articles: usize, bytes_read: u64) {
        self.articles += articles;
        let Some(total_bytes) = self.total_bytes else { return };
        if self.shown.elapsed().as_secs_f64() < 1.0 {
            return;
        }
        self.shown = std::time::Instant::now();
        let secs = self.started.elapsed().as_secs_f64();
        let rate = bytes_read as f64 / secs;
        let left = total_bytes.saturating_sub(bytes_read) as f64 / rate.max(1.0);
        eprint!(
            "\r{} articles, {:.0} of {:.0} MB read in {secs:.0} s ({:.1} MB/s), about {left:.0} s left  ",
            self.articles,
            bytes_read as f64 / 1e6,
            total_bytes as f64 / 1e6,
            rate / 1e6
        );
        self.printed = true;
    }

    fn finish(&self) {
        if self.printed {
            eprintln!();
        }
    }
}

/// Where a command writes: standard output, or a file that takes its target's place only once complete (see
/// [`crate::atomic_write`]), so a failed run never leaves half a file.
enum Output {
    Stdout(std::io::BufWriter<std::io::StdoutLock<'static>>),
    File(AtomicFile),
}

impl Output {
    fn create(output: Option<&Path>) -> anyhow::Result<Output> {
        Ok(match output {
            Some(file) => {
                Output::File(AtomicFile::create(file).with_context(|| format!("cannot create {}", shown(file)))?)
            }
            None => Output::Stdout(std::io::BufWriter::new(std::io::stdout().lock())),
        })
    }

    /// Flushes what is written and, for a file, puts it in its target's place.
    fn finish(self, output: Option<&Path>) -> anyhow::Result<()> {
        match self {
            Output::Stdout(mut out) => out.flush()?,
            Output::File(file) => {
                let path = output.unwrap_or(Path::new(""));
                file.commit().with_context(|| format!("cannot write {}", shown(path)))?;
            }
        }
        Ok(())
    }
}

impl Write for Output {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        match self {
            Output::Stdout(out) => out.write(bytes),
            Output::File(file) => file.write(bytes),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Output::Stdout(out) => out.flush(),
            Output::File(file) => file.flush(),
        }
    }
}

/// Writes the mentions of `path` inside `window` as `format`, after applying `session`'s corrections.
pub fn export(
    path: &Path,
    format: ExportFormat,
    session: Option<Session>,
    window: &TimeWindow,
    output: Option<&Path>,
    options: &ReadOptions,
) -> anyhow::Result<()> {
    let documents = analyze_path(path, options)?;
    // The places the session's corrections add go into this run's own gazetteer, not the shared one.
    let gazetteer = &Gazetteer::bundled().without_user_places();
    let mut corrector = Corrector::new(session.unwrap_or_default());
    let mut atlas = Atlas::new();
    for document in documents {
        corrector.add_to(&mut atlas, document, gazetteer);
    }
    for unapplied in corrector.unapplied() {
        eprintln!("session: {}", terminal_safe(&unapplied.to_string()));
    }
    let rows = mention_rows(&atlas, gazetteer, window);
    let mut out = Output::create(output)?;
    write_mentions(&rows, format, &mut out)?;
    out.finish(output)?;
    eprintln!("exported {} mentions of {} articles", rows.len(), atlas.documents().len());
    Ok(())
}

/// Analyses `path` (or reads it, if it is a stored analysis) and writes what was found to `outdir` as a
/// stored analysis; problems go to stderr and into its problems table.
pub fn store(path: &Path, outdir: &Path, options: &ReadOptions) -> anyhow::Result<()> {
    let mut writer = crate::stored::StoredWriter::create(outdir)?;
    let mut written: Result<(), crate::stored::WriteError> = Ok(());
    let mut progress = Progress::new(path);
    for_each_batch(path, options, Analysis::ForAtlas, &|document| document, &mut |documents, problems, bytes_read| {
        progress.update(documents.len(), bytes_read);
        if written.is_ok() {
            written = writer.add_problems(problems).and_then(|()| writer.add(documents, Gazetteer::bundled()));
        }
    })?;
    progress.finish();
    written?;
    let stats = writer.commit()?;
    eprintln!(
        "stored {} articles, {} mentions, {} date expressions and {} problems in {}",
        stats.articles,
        stats.mentions,
        stats.timexes,
        stats.problems,
        shown(outdir)
    );
    Ok(())
}

/// Times the stages of opening a folder, as the app does them: reading alone, then reading with extraction
/// and indexing (what stands between Open and an interactive map). Runs on warm file caches.
///
/// The second stage runs the app's own loader ([`load_folder`]) on a thread, with its own reading pool, and one
/// thread (the app's UI thread) adds the documents to the atlas with the app's step ([`Corrector::add_to`]) as
/// they arrive; the time index is built at the end. As in the app, the loader lists the folder while the
/// gazetteer loads on another thread: the gazetteer is not loaded before it, and the folder is listed once.
pub fn bench_load(path: &Path, threads: Option<usize>) -> anyhow::Result<()> {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads.unwrap_or(0)).build()?;
    let options = ReadOptions::default();
    // A stored analysis is read, not analysed: there is no reading stage to time apart.
    let stored = crate::stored::list(path).ok().filter(|_| crate::stored::is_stored_analysis(path));
    let started = std::time::Instant::now();
    let (files, _) = if stored.is_some() { Default::default() } else { pool.install(|| corpus::list_files(path)) };
    let list_secs = started.elapsed().as_secs_f64();

    let read =
        |file: &PathBuf| corpus::read_file(path, file, &options).map(|(articles, _)| articles).unwrap_or_default();
    let started = std::time::Instant::now();
    let bytes: usize = match &stored {
        Some(tables) => tables.size_bytes() as usize,
        None => pool.install(|| files.par_iter().map(|f| read(f).iter().map(|a| a.text.len()).sum::<usize>()).sum()),
    };
    let read_secs = started.elapsed().as_secs_f64();

    // The analysis is cached in a folder of the bench's own, as the app caches it in its data folder: the
    // first load writes the cache, a second one (below) reopens from it.
    let cache_folder = bench_cache_folder()?;
    let cache = CacheOptions {
        file: cache_folder.join("bench.cache"),
        engine: crate::cache::engine_version(),
        limit_bytes: u64::MAX,
    };
    let load_options = LoadOptions { read: options, threads, cache: Some(cache.clone()) };
    let load = timed_load(path, &load_options);
    let (atlas, extract_secs) = (load.atlas, load.finished_secs);
    let articles = atlas.documents().len();
    let started = std::time::Instant::now();
    let index = crate::index::TimeIndex::build(&atlas);
    let total_secs = extract_secs + started.elapsed().as_secs_f64();

    let mb = bytes as f64 / 1e6;
    match &stored {
        Some(tables) => println!(
            "stored analysis: {} Parquet files, {articles} articles, {mb:.1} MB on disk; {} threads",
            tables.file_count(),
            pool.current_num_threads()
        ),
        None => {
            println!(
                "corpus: {} files, {articles} articles, {mb:.1} MB; {} threads",
                files.len(),
                pool.current_num_threads()
            )
        }
    }
    match (&stored, load.gazetteer_secs) {
        (None, Some(secs)) => {
            println!("listing + gazetteer:            {secs:>8.3} s  (in parallel; the listing alone {list_secs:.3} s)")
        }
        (None, None) => {}
        (Some(_), _) => {
            println!("gazetteer load:                 while the articles and date expressions tables are read")
        }
    }
    if stored.is_none() {
        println!("read only:                      {:>8.3} s  {:>7.1} MB/s", read_secs, mb / read_secs);
    }
    if stored.is_some() {
        println!("read tables + add to atlas:     {:>8.3} s  {:>7.1} MB/s of Parquet", extract_secs, mb / extract_secs);
        println!("read tables + index:            {:>8.3} s  ({} mentions)", total_secs, atlas.events().len());
    } else {
        println!("read + extract + add to atlas:  {:>8.3} s  {:>7.1} MB/s", extract_secs, mb / extract_secs);
        println!(
            "read + extract + index:         {:>8.3} s  {:>7.1} MB/s  ({:.1}x reading alone; {} mentions)",
            total_secs,
            mb / total_secs,
            total_secs / read_secs,
            atlas.events().len()
        );
    }
    if let Some(first_secs) = load.first_secs {
        println!("first places in the atlas:      {first_secs:>8.3} s  after Open (list + gazetteer, first file)");
    }
    println!("open to whole folder indexed:   {total_secs:>8.3} s  (the above: list + gazetteer, then the files)");
    // The peak of the first load, before the reopen below adds its own.
    let first_peak_mb = peak_memory_mb();
    let spilled_mb = crate::corpus::spill::spilled_bytes() as f64 / 1e6;
    if stored.is_none() {
        drop(index);
        drop(atlas);
        // Reopening: the analysis of every file comes from the cache the load above wrote.
        let reopen = timed_load(path, &load_options);
        let started = std::time::Instant::now();
        let index = crate::index::TimeIndex::build(&reopen.atlas);
        let reopen_secs = reopen.finished_secs + started.elapsed().as_secs_f64();
        let cache_mb = std::fs::metadata(&cache.file).map_or(0.0, |m| m.len() as f64 / 1e6);
        println!(
            "reopen (analysis cached):       {reopen_secs:>8.3} s  (list, cache, index; the cache {cache_mb:.0} MB, \
             {:.2}x corpus; gazetteer already loaded)",
            cache_mb / mb
        );
        drop(index);
    }
    let _ = std::fs::remove_dir_all(&cache_folder);
    if let Some(cpu_secs) = process_cpu_secs() {
        println!(
            "CPU time of the whole run:      {cpu_secs:>8.3} s  (user + system, all threads; the machine may be shared)"
        );
    }
    if let Some(peak_mb) = first_peak_mb {
        println!("peak memory:                    {peak_mb:>8.0} MB  ({:.2}x corpus)", peak_mb / mb);
    }
    println!(
        "texts kept in the spill file:   {spilled_mb:>8.0} MB  (compressed, past the first {} MB kept in memory)",
        TEXTS_KEPT_IN_MEMORY >> 20
    );
    if let Some(peak_mb) = peak_memory_mb().filter(|_| stored.is_none()) {
        println!("peak memory with the reopen:    {peak_mb:>8.0} MB  ({:.2}x corpus)", peak_mb / mb);
    }
    // Last, not to count in the peaks above: the gazetteer on its own, as a new process loads it.
    let started = std::time::Instant::now();
    Gazetteer::from_tsv_gz(Gazetteer::bundled_bytes())?;
    println!("gazetteer load alone:           {:>8.3} s", started.elapsed().as_secs_f64());
    Ok(())
}

/// What [`timed_load`] gives back: the atlas and when things happened, in seconds from the start.
pub struct TimedLoad {
    pub atlas: crate::index::Atlas,
    /// When the loader said which gazetteer it resolves against (after listing the folder).
    pub gazetteer_secs: Option<f64>,
    /// When the atlas got its first event.
    pub first_secs: Option<f64>,
    /// When the loader said it finished.
    pub finished_secs: f64,
}

/// Runs the app's loader on `path` on a thread of its own while this thread adds the documents to an atlas as
/// the app's UI thread does, until the loader says it finished.
pub fn timed_load(path: &Path, options: &LoadOptions) -> TimedLoad {
    let started = std::time::Instant::now();
    let (sender, receiver) = std::sync::mpsc::channel::<LoadMessage>();
    let mut atlas = crate::index::Atlas::new();
    let mut corrector = Corrector::default();
    // The loader says which gazetteer it resolved against before it sends documents.
    let mut gazetteer = None;
    let (mut gazetteer_secs, mut first_secs, mut finished_secs) = (None, None, 0.0);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let send = |message| {
                let _ = sender.send(message);
            };
            load_folder(path, options, &Snapshot::default(), &AtomicBool::new(false), &send);
        });
        // Like the app's UI thread, take what has arrived once a frame rather than waking for every file.
        'frames: while let Ok(first) = receiver.recv() {
            for message in std::iter::once(first).chain(receiver.try_iter()) {
                match message {
                    LoadMessage::GazetteerReady(bundled) => {
                        gazetteer = Some(bundled);
                        gazetteer_secs = Some(started.elapsed().as_secs_f64());
                    }
                    LoadMessage::FileDone { documents, .. } | LoadMessage::FilePart { documents, .. } => {
                        let Some(gazetteer) = gazetteer else { continue };
                        for document in documents {
                            corrector.add_to(&mut atlas, document, gazetteer);
                        }
                    }
                    // The loader goes on writing the cache, which nobody waits for.
                    LoadMessage::Finished { .. } => {
                        finished_secs = started.elapsed().as_secs_f64();
                        if first_secs.is_none() && !atlas.events().is_empty() {
                            first_secs = Some(finished_secs);
                        }
                        break 'frames;
                    }
                    _ => {}
                }
            }
            if first_secs.is_none() && !atlas.events().is_empty() {
                first_secs = Some(started.elapsed().as_secs_f64());
            }
            std::thread::sleep(std::time::Duration::from_millis(16));
        }
    });
    TimedLoad { atlas, gazetteer_secs, first_secs, finished_secs }
}

/// A folder of `bench-load`'s own under the system's temporary folder, for its analysis cache.
fn bench_cache_folder() -> anyhow::Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("newsatlas-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// User and system CPU time of the process so far, from /proc (Linux only).
fn process_cpu_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses and may hold spaces): utime and stime are the
    // 12th and 13th, in clock ticks.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    // /proc counts in USER_HZ, which Linux fixes at 100 on the architectures we build for.
    Some(ticks / 100.0)
}

/// The process's peak resident memory, from /proc (Linux only).
fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// `--max-file-mb` in bytes; a number too large for bytes means no limit rather than wrapping round to 0.
fn megabytes(mb: u64) -> u64 {
    mb.saturating_mul(1 << 20)
}

#[cfg(test)]
mod tests {
    /// Regression (issue 18): `--max-file-mb 17592186044416` was "limit is 0 bytes".
    #[test]
    fn a_huge_file_limit_does_not_wrap_round_to_zero() {
        assert_eq!(super::megabytes(32), 32 << 20);
        assert_eq!(super::megabytes(17_592_186_044_416), u64::MAX);
    }
}
