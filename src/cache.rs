//! The analysis cache: what the engine found in each file of a folder (its articles, places, dates and
//! problems), kept in the app's data folder so that a folder opened before reopens without being analysed again.
//! Nothing is ever written into the user's folder.
//!
//! One cache file per folder. A file's analysis is used again only when the file's path, size and
//! modification time are what they were, and the cache was written by this very engine ([`engine_version`]): a
//! changed file, or a new build of News Atlas, analyses again. A cache that cannot be read (truncated, corrupt,
//! from another version) is ignored whole and written anew; each record carries a CRC-32 of its bytes, so a
//! damaged one is never decoded. The file is written atomically (a temporary file renamed over the old one),
//! and the cache folder is kept under a size limit by removing the folders used longest ago ([`evict`]).
//!
//! # Why this format
//!
//! The stored analysis ([`crate::stored`], Parquet) is made to be read by other tools, one row per mention, and
//! holds passages but not the articles' texts: opening it reads every article file again and parses it. The
//! cache is read only by this build, must give back each file's documents exactly as the analysis made them,
//! texts included (kept LZ4-compressed, as in memory), and must be cheap to index by file. So it is a sequence
//! of records, one per file, each the file's stamp and its documents encoded with `postcard` (serde, compact
//! varints, strings borrowed while decoding), framed by length and CRC-32; then an index of the records (path,
//! stamp, offset) with its own CRC-32, and a footer pointing to it. The file starts with a magic line,
//! [`FORMAT_VERSION`] and the engine version. Opening a cache reads the header, footer and index only; a
//! record is read when its file is loaded, so the cache never sits in memory whole.

use std::borrow::Cow;
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use chrono::{Datelike, NaiveDate};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::atomic_write::AtomicFile;
use crate::corpus::{Article, ArticleText, ByteSpan, FileStamp, MetadataDate, Problem, SourceRef};
use crate::geoparse::{Form, MAX_CANDIDATES, PlaceMention};
use crate::index::{
    DayNumber, Document, EventDating, NO_TIMEX, StoredDocument, StoredEvent, day_number, work_out_events,
};
use crate::language::Language;
use crate::timex::{ArticleDate, DatePrecision, DateSource, DateSpan, Timex, TimexType};

/// Changes whenever the layout below changes; a cache of another format version is ignored.
pub const FORMAT_VERSION: u32 = 1;
const MAGIC: &[u8; 16] = b"NEWSATLAS-CACHE\n";
/// The cache folder's default size limit: 2 GiB.
pub const DEFAULT_LIMIT_BYTES: u64 = 2 << 30;
const EXTENSION: &str = "cache";

/// Where a folder's cache goes and what it may hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacheOptions {
    /// The folder's cache file.
    pub file: PathBuf,
    /// The engine that analyses: a cache written by another is ignored.
    pub engine: String,
    /// The size the cache folder (every folder's cache file) is kept under.
    pub limit_bytes: u64,
}

impl CacheOptions {
    /// The cache of `folder` in the app's data folder `data`: `data/cache/NAME-HASH.cache`, named as the
    /// folder's session is, after its canonical path.
    pub fn in_data_folder(data: &Path, folder: &Path, limit_bytes: u64) -> CacheOptions {
        let session = crate::session::default_path_in(data, folder);
        let name = session.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let file = data.join("cache").join(format!("{name}.{EXTENSION}"));
        CacheOptions { file, engine: engine_version(), limit_bytes }
    }
}

/// This build of the engine: its version, and the size and modification time of the running program, so
/// that a rebuilt or reinstalled program never takes the analysis of another for its own.
pub fn engine_version() -> String {
    let build = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| {
            let (secs, nanos) = m.modified().ok().and_then(since_epoch).unwrap_or_default();
            format!("{} bytes, modified {secs}.{nanos:09}", m.len())
        })
        .unwrap_or_default();
    format!("newsatlas {} ({build})", env!("CARGO_PKG_VERSION"))
}

fn since_epoch(time: SystemTime) -> Option<(u64, u32)> {
    let since = time.duration_since(SystemTime::UNIX_EPOCH).ok()?;
    Some((since.as_secs(), since.subsec_nanos()))
}

/// A file's stamp as the cache keeps it: size, then modification time in seconds and nanoseconds.
type Stamp = (u64, u64, u32);

fn stamp_of(stamp: FileStamp) -> Option<Stamp> {
    let (secs, nanos) = since_epoch(stamp.modified?)?;
    Some((stamp.size_bytes, secs, nanos))
}

/// A cache file opened: its index, by the path of the file each record describes. Records are read from the
/// file when asked for, so an open cache costs memory only for its index.
#[derive(Debug, Default)]
pub struct Cache {
    file: Option<std::fs::File>,
    /// By path as written (UTF-8; other paths are never cached), hashed with FxHash: a `Path` hashes component
    /// by component, which took 4% of a reopen of 100,000 files in its profile.
    entries: FxHashMap<String, Entry>,
}

/// Where a file's record is in the cache, and the stamp it was made for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    stamp: Stamp,
    offset: u64,
    len: u32,
}

impl Cache {
    /// Opens the cache at `file`. A missing file is an empty cache; so is one that cannot be used (another
    /// engine or format, cut short, damaged), since the caller will write it anew.
    pub fn open(file: &Path, engine: &str) -> Cache {
        let Ok(opened) = std::fs::File::open(file) else { return Cache::default() };
        let Some(entries) = Cache::index(&opened, engine) else { return Cache::default() };
        // The modification time says when the folder was last opened, for eviction.
        let _ = std::fs::File::options().write(true).open(file).and_then(|f| f.set_modified(SystemTime::now()));
        Cache { file: Some(opened), entries }
    }

    /// Checks the header (format, engine) and reads the index the footer points to: `None` if either is not
    /// as written by this engine, whole.
    fn index(file: &std::fs::File, engine: &str) -> Option<FxHashMap<String, Entry>> {
        let size = file.metadata().ok()?.len();
        let header_len = header_len(engine);
        if read_at(file, 0, header_len)? != header(engine) {
            return None;
        }
        let footer_at = size.checked_sub(FOOTER_LEN).filter(|&at| at >= header_len)?;
        let footer = read_at(file, footer_at, FOOTER_LEN)?;
        if footer.get(16..24)? != FOOTER_MAGIC {
            return None;
        }
        let index_at = u64::from_le_bytes(footer.get(0..8)?.try_into().ok()?);
        let index_len = u32::from_le_bytes(footer.get(8..12)?.try_into().ok()?);
        let index_crc = u32::from_le_bytes(footer.get(12..16)?.try_into().ok()?);
        if index_at.checked_add(u64::from(index_len)) != Some(footer_at) {
            return None;
        }
        let index = read_at(file, index_at, u64::from(index_len))?;
        if crc32fast::hash(&index) != index_crc {
            return None;
        }
        let entries: Vec<(Cow<'_, str>, Entry)> = postcard::from_bytes(&index).ok()?;
        let within = |e: &Entry| e.offset >= header_len && e.offset + u64::from(e.len) <= index_at;
        if !entries.iter().all(|(_, e)| within(e)) {
            return None;
        }
        Some(entries.into_iter().map(|(path, entry)| (path.into_owned(), entry)).collect())
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Where the record of the file at `path` is, if it was cached with this `stamp`.
    pub fn get(&self, path: &Path, stamp: FileStamp) -> Option<Entry> {
        let entry = self.entries.get(path.to_str()?)?;
        (Some(entry.stamp) == stamp_of(stamp)).then_some(*entry)
    }

    /// The record of the file at `path`, found at `entry` ([`Cache::get`]), framed as written, once its CRC-32
    /// is checked.
    pub fn read(&self, path: &Path, entry: Entry) -> Option<Record> {
        let framed = read_at(self.file.as_ref()?, entry.offset, u64::from(entry.len))?;
        let crc = u32::from_le_bytes(framed.get(4..8)?.try_into().ok()?);
        let payload = framed.get(8..)?;
        let len = u32::from_le_bytes(framed.get(..4)?.try_into().ok()?);
        if u32::try_from(payload.len()).ok()? != len || crc32fast::hash(payload) != crc {
            return None;
        }
        Some(Record { path: path.to_str()?.to_owned(), framed, stamp: entry.stamp })
    }
}

/// What a cache starts with: the magic line, the format version, and the engine that wrote it.
fn header(engine: &str) -> Vec<u8> {
    let mut header = MAGIC.to_vec();
    header.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    header.extend_from_slice(&(engine.len() as u32).to_le_bytes());
    header.extend_from_slice(engine.as_bytes());
    header
}

fn header_len(engine: &str) -> u64 {
    (MAGIC.len() + 8 + engine.len()) as u64
}

/// What a cache ends with: where its index is (offset, length, CRC-32), then this.
const FOOTER_MAGIC: &[u8; 8] = b"NAINDEX\n";
const FOOTER_LEN: u64 = 24;

fn read_at(file: &std::fs::File, offset: u64, len: u64) -> Option<Vec<u8>> {
    let mut buffer = vec![0; usize::try_from(len).ok()?];
    #[cfg(unix)]
    std::os::unix::fs::FileExt::read_exact_at(file, &mut buffer, offset).ok()?;
    #[cfg(windows)]
    {
        let mut done = 0;
        while done < buffer.len() {
            let n = std::os::windows::fs::FileExt::seek_read(file, &mut buffer[done..], offset + done as u64).ok()?;
            if n == 0 {
                return None;
            }
            done += n;
        }
    }
    Some(buffer)
}

/// One file's record, framed (length, CRC-32, payload), as written in a cache, with the path and stamp it is
/// for (also in the payload; kept here so that writing it needs no decoding).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    framed: Vec<u8>,
    path: String,
    stamp: Stamp,
}

impl Record {
    /// The record of the file at `path` (as the loader lists it) with its `stamp`, for [`Writer::add`]: its
    /// documents in `parts` (each made by [`encode_documents`]) and its problems. `None` when the file cannot
    /// be cached: a path that is not UTF-8, or no modification time to tell a change by.
    pub fn encode(path: &Path, stamp: FileStamp, parts: &[Vec<u8>], problems: &[Problem]) -> Option<Record> {
        let (path, stamp) = (path.to_str()?, stamp_of(stamp)?);
        let record = WireRecord {
            path: Cow::Borrowed(path),
            stamp,
            problems: problems
                .iter()
                .map(|p| WireProblem { line: p.line.map(|l| l as u64), reason: Cow::Owned(p.error.to_string()) })
                .collect(),
            parts: parts.iter().map(Vec::as_slice).collect(),
        };
        let payload = postcard::to_allocvec(&record).ok()?;
        let mut framed = Vec::with_capacity(payload.len() + 8);
        framed.extend_from_slice(&u32::try_from(payload.len()).ok()?.to_le_bytes());
        framed.extend_from_slice(&crc32fast::hash(&payload).to_le_bytes());
        framed.extend_from_slice(&payload);
        Some(Record { framed, path: path.to_owned(), stamp })
    }

    /// The file's documents, in the parts they were read in, and its problems. `places` is the number of
    /// places in the gazetteer: a place id past it makes the record unusable, as does any offset outside its
    /// article's text.
    pub fn decode(&self, places: usize) -> Result<(Vec<Vec<Document>>, Vec<Problem>), String> {
        let payload = self.framed.get(8..).ok_or("truncated record")?;
        let record: WireRecord<'_> = postcard::from_bytes(payload).map_err(|e| e.to_string())?;
        let path = PathBuf::from(record.path.as_ref());
        let problems = record
            .problems
            .into_iter()
            .map(|p| Problem { line: p.line.map(|l| l as usize), ..Problem::new(&path, p.reason) })
            .collect();
        let parts = record
            .parts
            .into_iter()
            .map(|part| {
                let documents: Vec<WireDocument<'_>> = postcard::from_bytes(part).map_err(|e| e.to_string())?;
                documents.into_iter().map(|d| d.into_document(&path, places)).collect::<Result<Vec<_>, String>>()
            })
            .collect::<Result<Vec<_>, String>>()?;
        Ok((parts, problems))
    }
}

/// `documents` encoded for a [`Record`]. Texts are copied as they are in memory (compressed when packed).
pub fn encode_documents(documents: &[Document]) -> Vec<u8> {
    let wire: Vec<WireDocument<'_>> = documents.iter().map(WireDocument::of).collect();
    // Serialising plain data into a vector cannot fail; an empty part would only drop the file's documents.
    postcard::to_allocvec(&wire).unwrap_or_default()
}

/// Writes a folder's cache anew while its files are analysed: each file's record goes to a temporary file as
/// soon as it is made (nothing is held in memory), and [`Writer::finish`] adds the records still valid in the
/// old cache and the index, and renames the result over the old cache, atomically. Shared by the loading threads.
pub struct Writer {
    options: CacheOptions,
    state: Mutex<WriterState>,
}

#[derive(Default)]
struct WriterState {
    /// Started with the first record; `None` before, and after a write failed.
    out: Option<AtomicFile>,
    failed: bool,
    /// Where the next record goes.
    offset: u64,
    index: Vec<(String, Entry)>,
    written: HashSet<PathBuf>,
}

impl WriterState {
    fn add(&mut self, options: &CacheOptions, record: &Record) {
        if self.failed {
            return;
        }
        let written = match self.out.take() {
            Some(out) => Ok(out),
            None => Writer::start(options).inspect(|_| self.offset = header_len(&options.engine)),
        }
        .and_then(|mut out| out.write_all(&record.framed).map(|()| out));
        match written {
            Ok(out) => {
                let len = record.framed.len() as u32;
                self.index.push((record.path.clone(), Entry { stamp: record.stamp, offset: self.offset, len }));
                self.offset += u64::from(len);
                self.out = Some(out);
                self.written.insert(PathBuf::from(&record.path));
            }
            // A cache that cannot be written (a full disk, a read-only data folder) only means analysing again.
            Err(_) => self.failed = true,
        }
    }
}

impl Writer {
    pub fn new(options: &CacheOptions) -> Writer {
        Writer { options: options.clone(), state: Mutex::default() }
    }

    /// Adds a file's record (from [`Record::encode`]).
    pub fn add(&self, record: &Record) {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).add(&self.options, record);
    }

    fn start(options: &CacheOptions) -> std::io::Result<AtomicFile> {
        if let Some(parent) = options.file.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let mut out = AtomicFile::create(&options.file)?;
        out.write_all(&header(&options.engine))?;
        Ok(out)
    }

    /// Completes the cache with the records of `old` for the rest of the folder's `files` (those not added,
    /// unchanged since `old` was written) and the index, and replaces the old cache with it; then keeps the
    /// cache folder under its limit ([`evict`]). Nothing is written when nothing changed. Returns whether it
    /// wrote.
    pub fn finish<'f>(self, old: &Cache, files: impl IntoIterator<Item = (&'f Path, FileStamp)>) -> bool {
        let mut state = self.state.into_inner().unwrap_or_else(|e| e.into_inner());
        let kept: Vec<(&Path, Entry)> = files
            .into_iter()
            .filter(|(path, _)| !state.written.contains(*path))
            .filter_map(|(path, stamp)| Some((path, old.get(path, stamp)?)))
            .collect();
        if state.out.is_none() && kept.len() == old.len() && self.options.file.exists() {
            return false;
        }
        for (path, entry) in kept {
            // A record that reads back damaged is left out: its file is analysed next time.
            if let Some(record) = old.read(path, entry) {
                state.add(&self.options, &record);
            }
        }
        if state.out.is_none() {
            state.out = Writer::start(&self.options).ok();
            state.offset = header_len(&self.options.engine);
        }
        let (Some(mut out), false) = (state.out.take(), state.failed) else { return false };
        let written = postcard::to_allocvec(&state.index).map_err(std::io::Error::other).and_then(|index| {
            out.write_all(&index)?;
            out.write_all(&state.offset.to_le_bytes())?;
            out.write_all(&u32::try_from(index.len()).map_err(std::io::Error::other)?.to_le_bytes())?;
            out.write_all(&crc32fast::hash(&index).to_le_bytes())?;
            out.write_all(FOOTER_MAGIC)?;
            out.commit()
        });
        if written.is_err() {
            return false;
        }
        // A folder whose analysis alone is over the limit is not cached; others make room for it.
        if std::fs::metadata(&self.options.file).is_ok_and(|m| m.len() > self.options.limit_bytes) {
            let _ = std::fs::remove_file(&self.options.file);
            return false;
        }
        evict(&self.options.file, self.options.limit_bytes);
        true
    }
}

/// Removes cache files from the folder holding `keep` (the one just written, never removed), those used longest
/// ago first, until the folder's cache files take at most `limit_bytes`. Returns the files removed.
pub fn evict(keep: &Path, limit_bytes: u64) -> Vec<PathBuf> {
    let Some(dir) = keep.parent() else { return Vec::new() };
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<(SystemTime, u64, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == EXTENSION))
        .filter_map(|e| {
            let metadata = e.metadata().ok()?;
            Some((metadata.modified().unwrap_or(SystemTime::UNIX_EPOCH), metadata.len(), e.path()))
        })
        .collect();
    let mut total: u64 = files.iter().map(|(_, len, _)| len).sum();
    files.sort();
    let mut removed = Vec::new();
    for (_, len, path) in files {
        if total <= limit_bytes {
            break;
        }
        if path != keep && std::fs::remove_file(&path).is_ok() {
            total -= len;
            removed.push(path);
        }
    }
    removed
}

/// A file's record.
#[derive(Serialize, Deserialize)]
struct WireRecord<'a> {
    #[serde(borrow)]
    path: Cow<'a, str>,
    stamp: Stamp,
    #[serde(borrow)]
    problems: Vec<WireProblem<'a>>,
    #[serde(borrow)]
    parts: Vec<&'a [u8]>,
}

#[derive(Serialize, Deserialize)]
struct WireProblem<'a> {
    line: Option<u64>,
    #[serde(borrow)]
    reason: Cow<'a, str>,
}

#[derive(Serialize, Deserialize)]
struct WireDocument<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    line: Option<u64>,
    #[serde(borrow)]
    title: Cow<'a, str>,
    #[serde(borrow)]
    text: WireText<'a>,
    #[serde(borrow)]
    metadata_date: Option<(Cow<'a, str>, Cow<'a, str>)>,
    published: Option<WireArticleDate>,
    #[serde(borrow)]
    language: Cow<'a, str>,
    places: Vec<WirePlace>,
    #[serde(borrow)]
    timexes: Vec<WireTimex<'a>>,
    /// One per place mention, in order: its date and passage, as [`crate::index::work_out_events`] gave them.
    events: Vec<WireEvent>,
}

#[derive(Serialize, Deserialize)]
struct WireEvent {
    byte_start: u32,
    day: Option<DayNumber>,
    precision: Option<DatePrecision>,
    dating: EventDating,
    passage: (u32, u32),
    timex: u32,
}

#[derive(Serialize, Deserialize)]
enum WireText<'a> {
    #[serde(borrow)]
    Plain(Cow<'a, str>),
    #[serde(borrow)]
    Packed(Cow<'a, [u8]>),
}

#[derive(Serialize, Deserialize)]
struct WireArticleDate {
    day: i32,
    range: Option<(u32, u32)>,
    source: DateSource,
}

#[derive(Serialize, Deserialize)]
struct WirePlace {
    range: (u32, u32),
    place: u32,
    confidence: f32,
    /// Each place id plus one, 0 for an unused slot: a fixed array decodes without an allocation.
    candidates: [u32; MAX_CANDIDATES],
    form: Form,
}

#[derive(Serialize, Deserialize)]
struct WireTimex<'a> {
    range: (u32, u32),
    kind: TimexType,
    #[serde(borrow)]
    value: Cow<'a, str>,
    span: Option<(i32, i32, DatePrecision)>,
}

fn span_of(span: ByteSpan) -> (u32, u32) {
    (span.start() as u32, span.end() as u32)
}

fn day_of(date: NaiveDate) -> i32 {
    date.num_days_from_ce()
}

impl<'a> WireDocument<'a> {
    fn of(document: &'a Document) -> WireDocument<'a> {
        let article = &document.article;
        let worked_out;
        let events = match document.stored.as_deref() {
            Some(stored) if stored.worked_out => &stored.events,
            // Not met in a load (`analyze` works them out), but a document from elsewhere is cached as well.
            _ => {
                let day = document.published.as_ref().map(|p| day_number(p.date));
                worked_out = work_out_events(&article.text.as_str(), &document.places, &document.timexes, day);
                &worked_out
            }
        };
        let text = match article.text.packed_bytes() {
            Some(bytes) => WireText::Packed(bytes),
            None => WireText::Plain(article.text.as_str()),
        };
        WireDocument {
            id: Cow::Borrowed(&article.id),
            line: article.source.line.map(|l| l as u64),
            title: Cow::Borrowed(&article.title),
            text,
            metadata_date: article.metadata_date.as_ref().map(|m| (Cow::Borrowed(&*m.value), Cow::Borrowed(&*m.field))),
            published: document.published.as_ref().map(|p| WireArticleDate {
                day: day_of(p.date),
                range: p.byte_range.map(span_of),
                source: p.source,
            }),
            language: Cow::Borrowed(document.language.code()),
            places: document
                .places
                .iter()
                .map(|p| WirePlace {
                    range: span_of(p.byte_range),
                    place: p.place,
                    confidence: p.confidence,
                    candidates: std::array::from_fn(|i| p.candidates.get(i).map_or(0, |id| id.saturating_add(1))),
                    form: p.form,
                })
                .collect(),
            timexes: document
                .timexes
                .iter()
                .map(|t| WireTimex {
                    range: span_of(t.byte_range),
                    kind: t.kind,
                    value: Cow::Borrowed(t.value.as_str()),
                    span: t.span.map(|s| (day_of(s.start), day_of(s.end), s.precision)),
                })
                .collect(),
            events: events
                .iter()
                .map(|e| WireEvent {
                    byte_start: e.byte_start,
                    day: e.day,
                    precision: e.precision,
                    dating: e.dating,
                    passage: span_of(e.passage),
                    timex: e.timex,
                })
                .collect(),
        }
    }

    fn into_document(self, path: &Path, places: usize) -> Result<Document, String> {
        let text = match self.text {
            WireText::Plain(text) => ArticleText::from(text.into_owned()),
            WireText::Packed(bytes) => ArticleText::from_packed_bytes(bytes.into_owned()).ok_or("bad packed text")?,
        };
        let text_len = text.len();
        let in_text = |(start, end): (u32, u32)| {
            ByteSpan::new(start as usize..end as usize).filter(|_| start <= end && end as usize <= text_len)
        };
        let date = |day: i32| NaiveDate::from_num_days_from_ce_opt(day).ok_or("a day out of range");
        let place = |id: u32| if (id as usize) < places { Ok(id) } else { Err("a place not in the gazetteer") };
        let published = match self.published {
            Some(p) => Some(ArticleDate {
                date: date(p.day)?,
                byte_range: p.range.map(|r| in_text(r).ok_or("a date outside the text")).transpose()?,
                source: p.source,
            }),
            None => None,
        };
        let place_mentions = self
            .places
            .into_iter()
            .map(|p| {
                Ok(PlaceMention {
                    byte_range: in_text(p.range).ok_or("a place outside the text")?,
                    place: place(p.place)?,
                    confidence: p.confidence,
                    candidates: p
                        .candidates
                        .into_iter()
                        .filter(|&id| id > 0)
                        .map(|id| place(id - 1))
                        .collect::<Result<_, _>>()?,
                    form: p.form,
                })
            })
            .collect::<Result<Vec<_>, &str>>()?;
        let timexes = self
            .timexes
            .into_iter()
            .map(|t| {
                let span = match t.span {
                    Some((start, end, precision)) => Some(DateSpan { start: date(start)?, end: date(end)?, precision }),
                    None => None,
                };
                Ok(Timex {
                    byte_range: in_text(t.range).ok_or("a date outside the text")?,
                    kind: t.kind,
                    value: t.value.into_owned().into(),
                    span,
                })
            })
            .collect::<Result<Vec<_>, &str>>()?;
        let events = self
            .events
            .into_iter()
            .map(|e| {
                let timex_known = e.timex == NO_TIMEX || (e.timex as usize) < timexes.len();
                Ok(StoredEvent {
                    byte_start: e.byte_start,
                    day: e.day,
                    precision: e.precision,
                    dating: e.dating,
                    passage: in_text(e.passage).filter(|_| timex_known).ok_or("an event outside the text")?,
                    timex: e.timex,
                })
            })
            .collect::<Result<Vec<_>, &str>>()?;
        if events.len() != place_mentions.len()
            || events.iter().zip(&place_mentions).any(|(e, p)| e.byte_start as usize != p.byte_range.start())
        {
            return Err("events that are not the places'".into());
        }
        let article = Article {
            id: self.id.into_owned(),
            source: SourceRef { path: path.to_path_buf(), line: self.line.map(|l| l as usize) },
            title: self.title.into_owned(),
            text,
            metadata_date: self
                .metadata_date
                .map(|(value, field)| Box::new(MetadataDate { value: value.into_owned(), field: field.into_owned() })),
        };
        Ok(Document {
            article,
            published,
            places: place_mentions,
            timexes,
            language: Language::from_code(&self.language),
            stored: Some(Box::new(StoredDocument {
                events,
                full_text: true,
                original: None,
                worked_out: true,
                in_atlas: false,
            })),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn the_folders_used_longest_ago_are_evicted_first_and_the_one_just_written_never() {
        let dir = tempfile::tempdir().unwrap();
        let now = SystemTime::now();
        let file = |name: &str, age_secs: u64| {
            let path = dir.path().join(name);
            std::fs::write(&path, vec![0; 100]).unwrap();
            std::fs::File::options()
                .write(true)
                .open(&path)
                .unwrap()
                .set_modified(now - Duration::from_secs(age_secs))
                .unwrap();
            path
        };
        let (old, older, oldest, other) =
            (file("a.cache", 10), file("b.cache", 20), file("c.cache", 30), file("notes.txt", 40));
        let just_written = file("d.cache", 50);
        assert_eq!(evict(&just_written, 250), [oldest.clone(), older.clone()]);
        assert!(old.exists() && just_written.exists() && other.exists());
        assert_eq!(evict(&just_written, 0), [old]);
        assert!(just_written.exists());
    }

    #[test]
    fn a_record_with_a_place_outside_the_gazetteer_or_its_text_is_refused() {
        let mut article = Article {
            id: "a".into(),
            source: SourceRef { path: "a.txt".into(), line: None },
            title: String::new(),
            text: ArticleText::from("Rain in Oslo."),
            metadata_date: None,
        };
        article.text.pack();
        let place = |place, range: std::ops::Range<usize>| PlaceMention {
            byte_range: ByteSpan::new(range).unwrap(),
            place,
            confidence: 1.0,
            candidates: [place].into_iter().collect(),
            form: Form::Name,
        };
        let document = |places| Document {
            article: article.clone(),
            published: None,
            places,
            timexes: Vec::new(),
            language: Language::ENGLISH,
            stored: None,
        };
        let stamp = FileStamp { size_bytes: 13, modified: Some(SystemTime::now()) };
        let decode = |document: Document| {
            let framed = Record::encode(Path::new("a.txt"), stamp, &[encode_documents(&[document])], &[]).unwrap();
            framed.decode(10).map(|(parts, _)| parts)
        };
        let good = document(vec![place(3, 8..12)]);
        let decoded = decode(good.clone()).unwrap().remove(0).remove(0);
        assert_eq!((&decoded.article, &decoded.places), (&good.article, &good.places));
        assert!(decoded.stored.is_some_and(|s| s.worked_out && s.events.len() == 1));
        assert!(decode(document(vec![place(10, 8..12)])).is_err(), "place 10 of 10");
        assert!(decode(document(vec![place(3, 8..14)])).is_err(), "past the text's 13 bytes");
    }
}
