//! Reading a folder of articles: the folder walk, file formats, text decoding and article metadata.
//!
//! Nothing here writes anywhere. A file that cannot be read becomes a [`Problem`] with its path and a plain
//! reason, and the walk goes on, so one bad file never costs the user the rest of the folder.

mod formats;

use std::path::{Path, PathBuf};

pub use formats::{read_jsonl_str, title_from_text};

/// Files larger than this are skipped by default: it takes the longest article but not a log file.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// The file extensions the reader understands (lower case, without the dot).
pub const SUPPORTED_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "jsonl", "ndjson"];

/// Where an article came from, precise enough to open it again.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SourceRef {
    pub path: PathBuf,
    /// 1-based line for articles that are one line of a JSONL file.
    pub line: Option<usize>,
}

/// One article as read from disk, before any extraction.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// The path relative to the opened folder, or the `id` field of a JSONL line.
    pub id: String,
    pub source: SourceRef,
    pub title: String,
    /// The text exactly as decoded (a UTF-8 byte order mark removed); all offsets point into it.
    pub text: String,
    /// A publication date given in structured metadata (JSONL field, Markdown front matter), unparsed.
    pub metadata_date: Option<MetadataDate>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetadataDate {
    pub value: String,
    /// Where it was found, e.g. `"jsonl field dct"` or `"front matter date"`.
    pub field: String,
}

/// A file (or a line of one) that was skipped, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub reason: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path.display(), line, self.reason),
            None => write!(f, "{}: {}", self.path.display(), self.reason),
        }
    }
}

impl Problem {
    pub fn new(path: &Path, reason: impl Into<String>) -> Problem {
        Problem { path: path.to_path_buf(), line: None, reason: reason.into() }
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
    let mut files = Vec::new();
    let mut problems = Vec::new();
    if root.is_file() {
        files.push(root.to_path_buf());
        return (files, problems);
    }
    let walk = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.'));
    for entry in walk {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                let path = entry.into_path();
                if is_supported(&path) {
                    files.push(path);
                } else {
                    problems.push(Problem::new(&path, "not a supported format (.txt, .md or .jsonl)"));
                }
            }
            Ok(entry) if entry.file_type().is_dir() => {}
            Ok(entry) => problems.push(Problem::new(entry.path(), "not a regular file")),
            Err(err) => {
                let path = err.path().unwrap_or(root).to_path_buf();
                let reason = if err.loop_ancestor().is_some() {
                    "symbolic link loop".to_owned()
                } else {
                    err.io_error().map_or_else(|| err.to_string(), |io| io.to_string())
                };
                problems.push(Problem { path, line: None, reason });
            }
        }
    }
    (files, problems)
}

fn is_supported(path: &Path) -> bool {
    extension(path).is_some_and(|ext| SUPPORTED_EXTENSIONS.contains(&ext.as_str()))
}

fn extension(path: &Path) -> Option<String> {
    path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase())
}

/// Reads one file into its articles (one for a text file, one per line for JSONL).
///
/// `root` is the opened folder: article ids are paths relative to it. Problems with single lines of a JSONL
/// file come back beside the articles that did load.
pub fn read_file(root: &Path, path: &Path, options: &ReadOptions) -> Result<(Vec<Article>, Vec<Problem>), Problem> {
    let metadata = std::fs::metadata(path).map_err(|err| Problem::new(path, err.to_string()))?;
    if !metadata.is_file() {
        return Err(Problem::new(path, "not a regular file"));
    }
    if metadata.len() > options.max_file_bytes {
        return Err(Problem::new(
            path,
            format!("too large ({} MB; the limit is {} MB)", metadata.len() >> 20, options.max_file_bytes >> 20),
        ));
    }
    let bytes = std::fs::read(path).map_err(|err| Problem::new(path, err.to_string()))?;
    let text = formats::decode_text(&bytes).map_err(|reason| Problem::new(path, reason))?;
    let id = relative_id(root, path);
    match extension(path).as_deref() {
        Some("jsonl" | "ndjson") => Ok(formats::read_jsonl_str(&text, path)),
        Some("md" | "markdown") => Ok((vec![formats::markdown_article(id, path, text)], Vec::new())),
        _ => Ok((vec![formats::text_article(id, path, text)], Vec::new())),
    }
}

/// The article id of a file: its path relative to the opened folder, with `/` separators.
pub fn relative_id(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).ok().filter(|p| !p.as_os_str().is_empty());
    match relative {
        Some(rel) => rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"),
        None => path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned()),
    }
}

/// Reads every supported file under `root` in order. The app's loader does the same work file by file so it
/// can report progress; this is the simple form for the command line and tests.
pub fn read_folder(root: &Path, options: &ReadOptions) -> (Vec<Article>, Vec<Problem>) {
    let (files, mut problems) = list_files(root);
    let mut articles = Vec::new();
    for path in files {
        match read_file(root, &path, options) {
            Ok((mut found, mut line_problems)) => {
                articles.append(&mut found);
                problems.append(&mut line_problems);
            }
            Err(problem) => problems.push(problem),
        }
    }
    problems.sort();
    (articles, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        std::fs::write(dir.path().join("d.txt"), [0xff, 0xfe, 0x00, 0x41, 0x00]).unwrap();
        std::fs::write(dir.path().join(".hidden.txt"), "x").unwrap();
        let (articles, problems) = read_folder(dir.path(), &ReadOptions::default());
        let ids: Vec<_> = articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a.txt", "sub/b.md"]);
        assert!(articles[0].text.starts_with("Talks"), "BOM removed");
        assert_eq!(articles[1].title, "Astana talks");
        let reasons: Vec<_> = problems.iter().map(|p| (relative_id(dir.path(), &p.path), p.reason.clone())).collect();
        assert_eq!(reasons.len(), 2, "{reasons:?}");
        assert!(reasons[0].0 == "c.pdf" && reasons[0].1.contains("not a supported format"));
        assert!(reasons[1].0 == "d.txt" && reasons[1].1.contains("binary"));
    }

    #[test]
    fn size_limit_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.txt");
        std::fs::write(&path, "x".repeat(2048)).unwrap();
        let err = read_file(dir.path(), &path, &ReadOptions { max_file_bytes: 1024 }).unwrap_err();
        assert!(err.reason.contains("too large"));
    }
}
