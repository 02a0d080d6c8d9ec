//! A stored analysis: a folder of Parquet tables holding what the engine found in a corpus (one row per place
//! mention, article, date expression and unreadable file), as `python -m newsatlas.spark` and
//! `newsatlas store` write it. The layout is fixed by `docs/stored-analysis.md` (version [`VERSION`]).
//!
//! Opening one analyses nothing again. [`list`] checks the folder's `_newsatlas.json` (a newer version is
//! refused with a clear reason) and lists its part files; [`read`] reads the articles, problems and date
//! expressions tables, then the mentions a record batch at a time, and hands on each article as a
//! [`Document`](crate::index::Document) as soon as all its mentions are in (the articles table counts them):
//! its places found in the gazetteer by id, its mentions' days and passages as stored
//! ([`StoredDocument`](crate::index::StoredDocument)). The text is the article's own when its file is still
//! where the analysis read it and its mentions are where the rows say; otherwise it is the stored passages
//! joined with gap markers ([`stand_in`]), and the reader says the full text was not reachable. A file that
//! cannot be read, or a row that makes no sense, becomes a [`Problem`] with its path and the reason; the rest
//! loads. [`write`] writes the same layout from analysed documents.

mod build;
mod columns;
mod read;
pub mod stand_in;
pub mod write;

use std::path::{Path, PathBuf};

pub use read::{Part, read, read_all};
pub use write::{StoreStats, StoredWriter, WriteError};

use crate::corpus::Problem;

/// The `format` of a stored analysis's `_newsatlas.json`.
pub const FORMAT: &str = "newsatlas-stored-analysis";
/// The layout version this build reads and writes.
pub const VERSION: u32 = 1;
/// The file that makes a folder a stored analysis.
pub const MANIFEST: &str = "_newsatlas.json";
/// The four tables, each a folder of `part-*.parquet` files.
pub const TABLES: [&str; 4] = ["articles", "problems", "timexes", "mentions"];

/// What `_newsatlas.json` says.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Manifest {
    pub format: String,
    pub version: u32,
    /// The version of the engine that wrote the analysis.
    #[serde(default)]
    pub engine: Option<String>,
}

/// Why a folder cannot be opened as a stored analysis at all.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StoredError {
    #[error("cannot read {}: {reason}", .path.display())]
    Manifest { path: PathBuf, reason: String },
    #[error("{} is not a News Atlas stored analysis (format {found:?}, expected {FORMAT:?})", .path.display())]
    NotStored { path: PathBuf, found: String },
    #[error(
        "{} was written by a newer News Atlas (stored-analysis version {found}; this one reads version {VERSION}): \
         open it with a newer News Atlas",
        .path.display()
    )]
    TooNew { path: PathBuf, found: u32 },
}

impl StoredError {
    /// The error as a row of the Problems list.
    pub fn to_problem(&self) -> Problem {
        let path = match self {
            StoredError::Manifest { path, .. }
            | StoredError::NotStored { path, .. }
            | StoredError::TooNew { path, .. } => path,
        };
        Problem::new(path, self.to_string())
    }
}

/// Whether `path` is a folder holding a stored analysis (a `_newsatlas.json`, whatever its version).
pub fn is_stored_analysis(path: &Path) -> bool {
    path.join(MANIFEST).is_file()
}

/// A stored analysis's part files, table by table (each list sorted by path).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tables {
    pub root: PathBuf,
    pub manifest: Option<Manifest>,
    pub articles: Vec<PathBuf>,
    pub problems: Vec<PathBuf>,
    pub timexes: Vec<PathBuf>,
    pub mentions: Vec<PathBuf>,
}

impl Tables {
    /// Every part file, in the order [`read`] reads them.
    pub fn files(&self) -> impl Iterator<Item = &PathBuf> {
        self.articles.iter().chain(&self.problems).chain(&self.timexes).chain(&self.mentions)
    }

    pub fn file_count(&self) -> usize {
        self.files().count()
    }

    /// Total size of the part files, in bytes.
    pub fn size_bytes(&self) -> u64 {
        self.files().filter_map(|file| std::fs::metadata(file).ok()).map(|m| m.len()).sum()
    }
}

/// Checks `root`'s `_newsatlas.json` and lists its tables' part files: the `.parquet` files under each table's
/// folder, leaving out hidden files and the `_` files Spark writes beside them (`_SUCCESS`, `_committed_…`).
/// A table folder that is missing lists no files; a table of the layout may be empty.
pub fn list(root: &Path) -> Result<Tables, StoredError> {
    let path = root.join(MANIFEST);
    let bytes =
        std::fs::read(&path).map_err(|err| StoredError::Manifest { path: path.clone(), reason: err.to_string() })?;
    let value: serde_json::Value = serde_json::from_slice(&bytes)
        .map_err(|err| StoredError::Manifest { path: path.clone(), reason: format!("not valid JSON ({err})") })?;
    let found = value.get("format").and_then(|f| f.as_str()).unwrap_or_default();
    if found != FORMAT {
        return Err(StoredError::NotStored { path, found: found.to_owned() });
    }
    let manifest: Manifest = serde_json::from_value(value)
        .map_err(|err| StoredError::Manifest { path: path.clone(), reason: format!("not a manifest ({err})") })?;
    if manifest.version > VERSION {
        return Err(StoredError::TooNew { path, found: manifest.version });
    }
    let part_files = |table: &str| -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root.join(table))
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|entry| !entry.file_name().to_string_lossy().starts_with(['.', '_']) || entry.depth() == 0)
            .filter_map(Result::ok)
            .filter(|entry| entry.file_type().is_file())
            .map(walkdir::DirEntry::into_path)
            .filter(|path| path.extension().is_some_and(|ext| ext.eq_ignore_ascii_case("parquet")))
            .collect();
        files.sort();
        files
    };
    Ok(Tables {
        root: root.to_path_buf(),
        manifest: Some(manifest),
        articles: part_files("articles"),
        problems: part_files("problems"),
        timexes: part_files("timexes"),
        mentions: part_files("mentions"),
    })
}
