//! Reading a folder of articles: the folder walk, file formats, text decoding and article metadata.
//!
//! Nothing here writes anywhere. A file that cannot be read becomes a [`Problem`] with its path and a plain
//! reason, and the walk goes on, so one bad file never costs the user the rest of the folder. The walk looks
//! at a file's type before opening it (named pipes and devices would block or never end) and at its size
//! before reading it, so a folder of junk costs a directory listing, not a read of every byte.
//!
//! [`list_folder`] records each file's size and modification time; [`plan_reload`] compares two listings so
//! that a reload reads only what changed.

mod decode;
mod files;
mod formats;
mod html;
#[cfg(test)]
mod proptests;
mod records;
mod reload;
mod span;
pub mod spill;
mod stream;
mod text;

use std::path::{Path, PathBuf};

pub use decode::{Decoded, decode, normalize_line_endings};
pub use files::{FileStamp, ListedFile, Listing, list_folder, read_bytes};
pub use formats::title_from_text;
pub use html::{HtmlArticle, read_html};
pub use records::{article_from_record, read_csv_str, read_json_str, read_jsonl_str};
pub use reload::{ReloadPlan, Snapshot, plan_reload};
pub use span::ByteSpan;
pub use stream::JsonlStream;
pub use text::ArticleText;

/// Files larger than this are skipped by default: it takes the longest article but not a log file.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// No file larger than this is read, whatever the options say: offsets into a text are kept in 32 bits
/// ([`ByteSpan`]), and decoding can at most double a file's size (Latin-1 to UTF-8).
pub const MAX_FILE_BYTES_LIMIT: u64 = (u32::MAX / 2) as u64;

/// The file extensions the reader understands (lower case, without the dot).
pub const SUPPORTED_EXTENSIONS: &[&str] =
    &["txt", "text", "md", "markdown", "html", "htm", "xhtml", "json", "jsonl", "ndjson", "csv"];

/// Where an article came from, precise enough to open it again.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SourceRef {
    pub path: PathBuf,
    /// 1-based line for articles that are one line of a JSONL file or one record of a CSV file.
    pub line: Option<usize>,
}

/// One article as read from disk, before any extraction.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// The path relative to the opened folder, or the `id` (else `url`) field of a JSON, JSONL or CSV record.
    pub id: String,
    pub source: SourceRef,
    pub title: String,
    /// The text as decoded, with line endings made `\n`; all offsets point into it. For HTML, the main text of
    /// the page; for Markdown, the text after the front matter.
    pub text: ArticleText,
    /// A publication date given in structured metadata (a record field, Markdown front matter, HTML meta
    /// tags or JSON-LD), unparsed.
    /// Boxed: most articles have none, and every loaded article would otherwise carry 48 bytes for it.
    pub metadata_date: Option<Box<MetadataDate>>,
}

#[cfg(test)]
impl Article {
    /// An article for tests: `id` is also its path and its title.
    pub(crate) fn for_test(id: &str, text: &str) -> Article {
        Article {
            id: id.into(),
            source: SourceRef { path: id.into(), line: None },
            title: id.into(),
            text: text.into(),
            metadata_date: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetadataDate {
    pub value: String,
    /// Where it was found, e.g. `"jsonl field publishedAt"`, `"front matter date"`,
    /// `"html meta article:published_time"` or `"json-ld datePublished"`.
    pub field: String,
}

/// Why a file, or one record of a file, was not read.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, thiserror::Error)]
pub enum ReadError {
    #[error("not a supported format (supported: .txt, .md, .html, .json, .jsonl, .csv)")]
    Unsupported,
    #[error("empty file")]
    Empty,
    #[error("binary file ({0})")]
    Binary(&'static str),
    #[error("too large ({}; the limit is {})", megabytes(*.size_bytes), megabytes(*.limit_bytes))]
    TooLarge { size_bytes: u64, limit_bytes: u64 },
    #[error("{0}, not a regular file")]
    NotRegularFile(&'static str),
    #[error("symbolic link loop")]
    LinkLoop,
    #[error("dangling symbolic link (its target does not exist)")]
    DanglingLink,
    #[error("permission denied")]
    PermissionDenied,
    #[error("deleted while loading")]
    Vanished,
    #[error("kept changing while it was being read; try Reload")]
    KeptChanging,
    /// A note, not a failure: the file loaded, but not as it was listed (cut short or grown by another
    /// program since the folder was listed), so the user knows what was read.
    #[error("changed after the folder was listed ({} then, {} when read); read as it is now", megabytes(*.listed_bytes), megabytes(*.read_bytes))]
    ChangedSinceListed { listed_bytes: u64, read_bytes: u64 },
    #[error("cannot read: {0}")]
    Io(String),
    /// The file or record is not what its extension says: bad JSON, bad CSV, no text where text should be.
    #[error("{0}")]
    Malformed(String),
    #[error("{0}")]
    Other(String),
}

/// A size as people read it: "900 bytes", "12 KB", "3.5 MB", "32 MB", "3.0 GB".
fn megabytes(bytes: u64) -> String {
    const KB: u64 = 1 << 10;
    const MB: u64 = 1 << 20;
    const GB: u64 = 1 << 30;
    match bytes {
        0..KB => format!("{bytes} bytes"),
        KB..MB => format!("{} KB", bytes / KB),
        MB..10_485_760 => format!("{:.1} MB", bytes as f64 / MB as f64),
        10_485_760..GB => format!("{} MB", bytes / MB),
        _ => format!("{:.1} GB", bytes as f64 / GB as f64),
    }
}

/// A file (or a line of one) that was skipped, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub error: ReadError,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path.display(), line, self.error),
            None => write!(f, "{}: {}", self.path.display(), self.error),
        }
    }
}

impl Problem {
    /// A problem described in words, for failures outside the reader (e.g. a thread that would not start).
    pub fn new(path: &Path, reason: impl Into<String>) -> Problem {
        Problem { path: path.to_path_buf(), line: None, error: ReadError::Other(reason.into()) }
    }

    pub fn of(path: &Path, error: ReadError) -> Problem {
        Problem { path: path.to_path_buf(), line: None, error }
    }

    pub fn at_line(path: &Path, line: usize, error: ReadError) -> Problem {
        Problem { path: path.to_path_buf(), line: Some(line), error }
    }

    /// True for a note on a file that did load ([`ReadError::ChangedSinceListed`]), not a failure.
    pub fn is_note(&self) -> bool {
        matches!(self.error, ReadError::ChangedSinceListed { .. })
    }

    /// The plain-language reason, without the path.
    pub fn reason(&self) -> String {
        self.error.to_string()
    }

    /// What a list of problems adds up to, in words: files that could not be read are told apart from records
    /// left out of files that did load ("2 files could not be read; 3 records were left out of 1 file that
    /// loaded").
    pub fn summary(problems: &[Problem]) -> String {
        let changed = problems.iter().filter(|p| p.is_note()).count();
        let unread: std::collections::BTreeSet<&Path> =
            problems.iter().filter(|p| p.line.is_none() && !p.is_note()).map(|p| p.path.as_path()).collect();
        let records = problems.iter().filter(|p| p.line.is_some() && !unread.contains(p.path.as_path()));
        let record_files: std::collections::BTreeSet<&Path> = records.clone().map(|p| p.path.as_path()).collect();
        let count = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut parts = Vec::new();
        if !unread.is_empty() {
            parts.push(format!("{} could not be read", count(unread.len(), "file", "files")));
        }
        if !record_files.is_empty() {
            parts.push(format!(
                "{} left out of {} that loaded",
                count(records.count(), "record was", "records were"),
                count(record_files.len(), "file", "files")
            ));
        }
        if changed > 0 {
            parts.push(format!(
                "{} after the folder was listed and read as {} now",
                count(changed, "file changed", "files changed"),
                if changed == 1 { "it is" } else { "they are" }
            ));
        }
        if parts.is_empty() {
            "Every file was read.".to_owned()
        } else {
            format!("{}; everything else loaded.", parts.join("; "))
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOptions {
    pub max_file_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions { max_file_bytes: DEFAULT_MAX_FILE_BYTES }
    }
}

/// The files under `root` the reader will try, sorted by path, and problems met on the way.
///
/// Hidden files and folders (name starting with a dot) are left out, as file managers do. Files with an
/// extension the reader does not know are reported, so the user sees that they were not read.
pub fn list_files(root: &Path) -> (Vec<PathBuf>, Vec<Problem>) {
    let listing = list_folder(root);
    (listing.files.into_iter().map(|file| file.path).collect(), listing.problems)
}

/// True when the reader knows the file's extension (see [`SUPPORTED_EXTENSIONS`]).
pub fn is_supported(path: &Path) -> bool {
    extension(path).is_some_and(|ext| SUPPORTED_EXTENSIONS.contains(&ext.as_str()))
}

fn extension(path: &Path) -> Option<String> {
    path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase())
}

/// Reads one file into its articles (one for a text or HTML file, one per record for JSON, JSONL and CSV).
///
/// `root` is the opened folder: article ids are paths relative to it. Problems with single records come back
/// beside the articles that did load; a problem with the whole file is the `Err`.
pub fn read_file(root: &Path, path: &Path, options: &ReadOptions) -> Result<(Vec<Article>, Vec<Problem>), Problem> {
    read_file_stamped(root, path, options).map(|(articles, problems, _)| (articles, problems))
}

/// [`read_file`], with the file's size and time as read.
fn read_file_stamped(
    root: &Path,
    path: &Path,
    options: &ReadOptions,
) -> Result<(Vec<Article>, Vec<Problem>, FileStamp), Problem> {
    let ext = extension(path).unwrap_or_default();
    if !SUPPORTED_EXTENSIONS.contains(&ext.as_str()) {
        return Err(Problem::of(path, ReadError::Unsupported));
    }
    let (bytes, stamp) = read_bytes(path, options.max_file_bytes).map_err(|err| Problem::of(path, err))?;
    let (articles, problems) = articles_from_bytes(path, relative_id(root, path), bytes)?;
    Ok((articles, problems, stamp))
}

/// The articles in a file's bytes, read as its extension says (see [`read_file`], which reads the bytes
/// first). `id` is the file's article id. This is every reader after the disk: what the fuzz targets drive.
pub fn articles_from_bytes(path: &Path, id: String, bytes: Vec<u8>) -> Result<(Vec<Article>, Vec<Problem>), Problem> {
    let ext = extension(path).unwrap_or_default();
    let is_html = matches!(ext.as_str(), "html" | "htm" | "xhtml");
    let text = decode(&bytes, is_html).map_err(|err| Problem::of(path, err))?.text;
    drop(bytes);
    let source = SourceRef { path: path.to_path_buf(), line: None };
    match ext.as_str() {
        "jsonl" | "ndjson" => Ok(read_jsonl_str(&text, path, &id)),
        "json" => read_json_str(&text, path, &id),
        "csv" => read_csv_str(&text, path, &id),
        "md" | "markdown" => {
            let article = formats::markdown_article(id, source, &text);
            if article.text.as_str().trim().is_empty() {
                return Err(Problem::of(path, ReadError::Malformed("no text after the front matter".to_owned())));
            }
            Ok((vec![article], Vec::new()))
        }
        "html" | "htm" | "xhtml" => {
            let page = read_html(&text);
            if page.text.trim().is_empty() {
                return Err(Problem::of(path, ReadError::Malformed("no article text found in the page".to_owned())));
            }
            let title = page.title.or_else(|| title_from_text(&page.text)).unwrap_or_else(|| file_stem(path));
            Ok((
                vec![Article { id, source, title, text: page.text.into(), metadata_date: page.date.map(Box::new) }],
                Vec::new(),
            ))
        }
        _ => Ok((vec![formats::text_article(id, source, text)], Vec::new())),
    }
}

fn file_stem(path: &Path) -> String {
    path.file_stem().map_or_else(String::new, |s| s.to_string_lossy().into_owned())
}

/// The article id of a file: its path relative to the opened folder, with `/` separators.
pub fn relative_id(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).ok().filter(|p| !p.as_os_str().is_empty());
    match relative {
        Some(rel) => rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"),
        None => path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned()),
    }
}

/// Reads one file as [`read_file`] does, handing its articles to `on_batch` a batch of at most
/// `batch_articles` at a time, and returns the last, partial batch (problems with the whole file included).
///
/// A JSON Lines file larger than the size limit is read a line at a time ([`JsonlStream`]) in bounded memory:
/// the limit then applies to each line (one article), and a line over it is a problem with its line number.
/// Any other file is read whole, within the limit, and comes back as the one last batch; if its size is not
/// the one `file` was listed with, a note ([`ReadError::ChangedSinceListed`]) says it was read as it is now.
pub fn read_file_in_batches(
    root: &Path,
    file: &ListedFile,
    options: &ReadOptions,
    batch_articles: usize,
    on_batch: &mut dyn FnMut(Vec<Article>, Vec<Problem>, u64),
) -> (Vec<Article>, Vec<Problem>) {
    let path = file.path.as_path();
    if !streams(path, options) {
        return match read_file_stamped(root, path, options) {
            Ok((articles, mut problems, stamp)) => {
                // Cut short (or grown) by another program since the listing: read as it is now, and said.
                if stamp.size_bytes != file.stamp.size_bytes {
                    let error = ReadError::ChangedSinceListed {
                        listed_bytes: file.stamp.size_bytes,
                        read_bytes: stamp.size_bytes,
                    };
                    problems.push(Problem::of(path, error));
                }
                (articles, problems)
            }
            Err(problem) => (Vec::new(), vec![problem]),
        };
    }
    let limit_bytes = options.max_file_bytes.min(MAX_FILE_BYTES_LIMIT);
    let mut stream = match JsonlStream::open(path, relative_id(root, path), limit_bytes) {
        Ok(stream) => stream,
        Err(problem) => return (Vec::new(), vec![problem]),
    };
    let (mut articles, mut problems) = (Vec::new(), Vec::new());
    while let Some(record) = stream.next() {
        match record {
            Ok(article) => articles.push(article),
            Err(problem) => problems.push(problem),
        }
        if articles.len() >= batch_articles.max(1) {
            on_batch(std::mem::take(&mut articles), std::mem::take(&mut problems), stream.bytes_read());
        }
    }
    (articles, problems)
}

/// Whether `path` is read as a stream: a JSON Lines file over the size limit.
fn streams(path: &Path, options: &ReadOptions) -> bool {
    let record_file = matches!(extension(path).as_deref(), Some("jsonl" | "ndjson"));
    record_file && std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() > options.max_file_bytes)
}

/// Reads every supported file under `root` in order, handing the articles to `on_batch` in batches of about
/// `batch_articles` (small files are gathered into one batch; a large JSON Lines file is split over several),
/// with the problems met since the last batch and the bytes of files read so far. Memory holds one batch,
/// whatever the size of the folder or of its files.
pub fn read_folder_in_batches(
    root: &Path,
    options: &ReadOptions,
    batch_articles: usize,
    on_batch: &mut dyn FnMut(Vec<Article>, Vec<Problem>, u64),
) {
    let listing = list_folder(root);
    let mut problems = listing.problems;
    let mut articles = Vec::new();
    let mut done_bytes = 0;
    for file in &listing.files {
        let mut hand_on = |found: Vec<Article>, found_problems: Vec<Problem>, file_bytes: u64| {
            articles.extend(found);
            problems.extend(found_problems);
            on_batch(std::mem::take(&mut articles), std::mem::take(&mut problems), done_bytes + file_bytes);
        };
        let (found, found_problems) = read_file_in_batches(root, file, options, batch_articles, &mut hand_on);
        articles.extend(found);
        problems.extend(found_problems);
        done_bytes += file.stamp.size_bytes;
        if articles.len() >= batch_articles {
            on_batch(std::mem::take(&mut articles), std::mem::take(&mut problems), done_bytes);
        }
    }
    if !articles.is_empty() || !problems.is_empty() {
        on_batch(articles, problems, done_bytes);
    }
}

/// Reads every supported file under `root` in order. The app's loader does the same work file by file so it
/// can report progress; this is the simple form for tests. Problems come back sorted.
pub fn read_folder(root: &Path, options: &ReadOptions) -> (Vec<Article>, Vec<Problem>) {
    let (mut articles, mut problems) = (Vec::new(), Vec::new());
    read_folder_in_batches(root, options, usize::MAX, &mut |mut found, mut found_problems, _| {
        articles.append(&mut found);
        problems.append(&mut found_problems);
    });
    problems.sort();
    (articles, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_tells_unread_files_from_records_left_out() {
        let (a, b, c) = (Path::new("a.bin"), Path::new("b.jsonl"), Path::new("c.jsonl"));
        let other = |why: &str| ReadError::Other(why.to_owned());
        let rows: [(Vec<Problem>, &str); 4] = [
            (vec![], "Every file was read."),
            (vec![Problem::of(a, other("binary"))], "1 file could not be read; everything else loaded."),
            (
                vec![Problem::at_line(b, 2, other("x")), Problem::at_line(b, 9, other("x"))],
                "2 records were left out of 1 file that loaded; everything else loaded.",
            ),
            (
                vec![
                    Problem::of(a, other("binary")),
                    Problem::at_line(b, 2, other("x")),
                    Problem::at_line(c, 1, other("x")),
                ],
                "1 file could not be read; 2 records were left out of 2 files that loaded; everything else loaded.",
            ),
        ];
        for (problems, expected) in rows {
            assert_eq!(Problem::summary(&problems), expected);
        }
    }

    /// Regression (issue 18): a file cut short after the folder was listed was read short without a word.
    #[test]
    fn a_file_cut_short_after_listing_is_read_as_it_is_now_with_a_note() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "Talks in Geneva\n\nEnvoys met in Geneva and then in Astana on Monday.").unwrap();
        let listing = list_folder(dir.path());
        std::fs::write(&path, "Talks in Geneva\n\nEnvoys met in Geneva.").unwrap();
        let (articles, problems) =
            read_file_in_batches(dir.path(), &listing.files[0], &ReadOptions::default(), 100, &mut |_, _, _| {});
        assert_eq!(articles.len(), 1, "it loads, as it is now");
        assert!(articles[0].text.as_str().ends_with("met in Geneva."));
        assert_eq!(problems.len(), 1);
        assert!(problems[0].is_note());
        assert!(
            problems[0].reason().starts_with("changed after the folder was listed (67 bytes then, 38 bytes"),
            "{}",
            problems[0]
        );
        assert_eq!(
            Problem::summary(&problems),
            "1 file changed after the folder was listed and read as it is now; everything else loaded."
        );
        // Unchanged since listing: nothing to say.
        let listing = list_folder(dir.path());
        let (_, problems) =
            read_file_in_batches(dir.path(), &listing.files[0], &ReadOptions::default(), 100, &mut |_, _, _| {});
        assert!(problems.is_empty());
    }

    #[test]
    fn relative_ids_use_forward_slashes() {
        let root = Path::new("/data/news");
        assert_eq!(relative_id(root, Path::new("/data/news/2017/a.txt")), "2017/a.txt");
        assert_eq!(relative_id(Path::new("/data/news/a.txt"), Path::new("/data/news/a.txt")), "a.txt");
    }

    #[test]
    fn reads_a_folder_and_reports_what_it_skips() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "\u{feff}Talks in Geneva\n\nDelegates met in Geneva.").unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/b.md"), "# Astana talks\n\nText.").unwrap();
        std::fs::write(dir.path().join("c.pdf"), "%PDF").unwrap();
        std::fs::write(dir.path().join("d.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
        std::fs::write(dir.path().join(".hidden.txt"), "x").unwrap();
        let (articles, problems) = read_folder(dir.path(), &ReadOptions::default());
        let ids: Vec<_> = articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a.txt", "sub/b.md"]);
        assert!(articles[0].text.as_str().starts_with("Talks"), "BOM removed");
        assert_eq!(articles[1].title, "Astana talks");
        let reasons: Vec<_> = problems.iter().map(|p| (relative_id(dir.path(), &p.path), p.reason())).collect();
        assert_eq!(reasons.len(), 2, "{reasons:?}");
        assert!(reasons[0].0 == "c.pdf" && reasons[0].1.contains("not a supported format"), "{reasons:?}");
        assert!(reasons[1].0 == "d.txt" && reasons[1].1.contains("binary"));
    }

    #[test]
    fn size_limit_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.txt");
        std::fs::write(&path, "x".repeat(2048)).unwrap();
        let err = read_file(dir.path(), &path, &ReadOptions { max_file_bytes: 1024 }).unwrap_err();
        assert!(matches!(err.error, ReadError::TooLarge { size_bytes: 2048, limit_bytes: 1024 }), "{err}");
        assert_eq!(err.reason(), "too large (2 KB; the limit is 1 KB)");
    }
}
