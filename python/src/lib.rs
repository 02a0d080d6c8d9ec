//! `newsatlas._native`: the News Atlas engine (the root crate without its app) for Python.
//!
//! The Python package (`python/newsatlas/`) wraps these functions; they take whole columns and give back whole
//! tables, so a batch of articles costs a few Python calls, not one per article. The engine does the work:
//! records are read as `newsatlas extract` reads JSON Lines lines ([`corpus::article_from_record`]), files as the
//! app reads them ([`corpus::articles_from_bytes`]), and articles are analysed with [`index::analyze`] with
//! the GIL released. Tables come back as Arrow buffers ([`columns`]) in the layout of
//! docs/stored-analysis.md ([`tables`]).

mod columns;
mod records;
mod tables;

use std::path::Path;

use newsatlas::corpus::{self, Article, MetadataDate, Problem, ReadError, SourceRef};
use newsatlas::export::extract_record;
use newsatlas::gazetteer::Gazetteer;
use newsatlas::index::analyze;
use pyo3::exceptions::{PyMemoryError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};

use crate::columns::ColumnBuffers;
use crate::tables::{TableColumns, too_large};

/// The `newsatlas extract` line of one text, as JSON: the record a JSON Lines line with these fields gives.
#[pyfunction]
#[pyo3(signature = (text, published=None, title=None, id=None))]
fn extract_json(
    py: Python<'_>,
    text: String,
    published: Option<String>,
    title: Option<String>,
    id: Option<String>,
) -> PyResult<String> {
    let mut object = serde_json::Map::new();
    for (field, value) in [("id", id), ("title", title), ("published", published), ("text", Some(text))] {
        if let Some(value) = value {
            object.insert(field.to_owned(), serde_json::Value::String(value));
        }
    }
    let source = SourceRef { path: "".into(), line: None };
    let article = corpus::article_from_record(&object, source, String::new())
        .map_err(|err| PyValueError::new_err(err.to_string()))?;
    py.detach(|| {
        let gazetteer = Gazetteer::bundled();
        let document = analyze(article, gazetteer);
        let text = document.article.text.as_str();
        serde_json::to_string(&extract_record(&document, &text, gazetteer))
    })
    .map_err(|err| PyValueError::new_err(err.to_string()))
}

/// Analyses records given as columns (`names[i]` holds `columns[i]`, one value a row, as `to_pylist` gives
/// them), read as JSON Lines lines with those fields. Row `i` came from `paths[i]` (else `path`) at
/// `lines[i]` (else `first_line + i`); a record without an id or url field gets `ID:LINE`, where ID is its
/// path relative to `root` (the file name without a root), as `newsatlas extract` names JSON Lines records.
#[pyfunction]
#[pyo3(signature = (names, columns, paths=None, lines=None, path=String::new(), first_line=1, root=None, threads=None))]
#[allow(clippy::too_many_arguments)] // one per keyword of the Python function
fn analyse_records(
    py: Python<'_>,
    names: Vec<String>,
    columns: Vec<Bound<'_, PyList>>,
    paths: Option<Vec<Option<String>>>,
    lines: Option<Vec<Option<i64>>>,
    path: String,
    first_line: usize,
    root: Option<String>,
    threads: Option<usize>,
) -> PyResult<Py<PyDict>> {
    if names.len() != columns.len() {
        return Err(PyValueError::new_err("one name a column"));
    }
    let rows = records::rows(&names, &columns)?;
    let sources = records::Sources { paths, lines, path, first_line, root };
    let tables = py.detach(move || {
        let (articles, problems) = records::articles(rows, &sources);
        tables::analyse(articles, &problems, threads)
    });
    to_python(py, tables.map_err(PyMemoryError::new_err)?)
}

/// The articles of files given as their paths and bytes, read as the app reads a folder holding them, as the
/// `read` table (article_id, path, line, title, text, date_value, date_field) and the `problems` table;
/// article ids are paths relative to `root` (file names without one). Files over `max_file_bytes` are
/// problems, as in the app, except JSON Lines files, which the app reads a line at a time.
#[pyfunction]
#[pyo3(signature = (paths, data, root=None, max_file_bytes=corpus::DEFAULT_MAX_FILE_BYTES))]
fn read_articles(
    py: Python<'_>,
    paths: Vec<String>,
    data: Vec<Bound<'_, PyBytes>>,
    root: Option<String>,
    max_file_bytes: u64,
) -> PyResult<Py<PyDict>> {
    let files: Vec<(String, Vec<u8>)> = paths.into_iter().zip(data.iter().map(|d| d.as_bytes().to_vec())).collect();
    let tables = py.detach(move || {
        let (articles, problems) = read_files(files, root.as_deref(), max_file_bytes);
        let mut read = tables::ReadTable::new();
        let mut problem_rows = tables::Problems::new();
        for article in &articles {
            read.push(article);
        }
        for problem in &problems {
            problem_rows.push(problem);
        }
        Ok(vec![("read", read.finish()?), ("problems", problem_rows.finish()?)])
    });
    to_python(py, tables.map_err(|columns::TooLarge(column)| PyMemoryError::new_err(too_large(column)))?)
}

/// Reads each file's bytes as [`corpus::read_file`] reads a file from disk, in order.
fn read_files(files: Vec<(String, Vec<u8>)>, root: Option<&str>, max_file_bytes: u64) -> (Vec<Article>, Vec<Problem>) {
    let (mut articles, mut problems) = (Vec::new(), Vec::new());
    for (path, bytes) in files {
        let path = Path::new(&path);
        let id = corpus::relative_id(Path::new(root.unwrap_or(&path.to_string_lossy())), path);
        let streamed = matches!(
            path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).as_deref(),
            Some("jsonl" | "ndjson")
        );
        let limit_bytes = if streamed { corpus::MAX_FILE_BYTES_LIMIT } else { max_file_bytes };
        let limit_bytes = limit_bytes.min(corpus::MAX_FILE_BYTES_LIMIT);
        let size_bytes = bytes.len() as u64;
        let read = if !corpus::is_supported(path) {
            Err(Problem::of(path, ReadError::Unsupported))
        } else if size_bytes > limit_bytes {
            Err(Problem::of(path, ReadError::TooLarge { size_bytes, limit_bytes }))
        } else {
            corpus::articles_from_bytes(path, id, bytes)
        };
        match read {
            Ok((found, found_problems)) => {
                articles.extend(found);
                problems.extend(found_problems);
            }
            Err(problem) => problems.push(problem),
        }
    }
    (articles, problems)
}

/// Analyses articles given as the columns of a `read` table (see [`read_articles`]), with `problems` (path,
/// line, reason) passed on to the problems table.
#[pyfunction]
#[pyo3(signature = (read, problems, threads=None))]
fn analyse_articles(
    py: Python<'_>,
    read: records::ReadColumns,
    problems: (Vec<String>, Vec<Option<i64>>, Vec<String>),
    threads: Option<usize>,
) -> PyResult<Py<PyDict>> {
    let tables = py.detach(move || {
        let articles = read.articles();
        let (paths, lines, reasons) = problems;
        let problems: Vec<Problem> = paths
            .into_iter()
            .zip(lines)
            .zip(reasons)
            .map(|((path, line), reason)| Problem {
                path: path.into(),
                line: line.and_then(|l| usize::try_from(l).ok()),
                error: ReadError::Other(reason),
            })
            .collect();
        tables::analyse(articles, &problems, threads)
    });
    to_python(py, tables.map_err(PyMemoryError::new_err)?)
}

/// Loads the bundled gazetteer now (it loads on first use otherwise, about a second): lets a caller pay for it
/// before timing anything.
#[pyfunction]
fn load_gazetteer(py: Python<'_>) -> usize {
    py.detach(|| Gazetteer::bundled().places().len())
}

/// Tables as `{name: [(column, arrow type, length, null count, validity, offsets, values), ...]}`, buffers as
/// `bytes` (see `newsatlas._arrow`).
fn to_python(py: Python<'_>, tables: TableColumns) -> PyResult<Py<PyDict>> {
    let out = PyDict::new(py);
    for (table, columns) in tables {
        let list = PyList::empty(py);
        for ColumnBuffers { name, arrow_type, len, null_count, validity, offsets, values } in columns {
            let validity = validity.map(|v| PyBytes::new(py, &v));
            let offsets = offsets.map(|o| PyBytes::new(py, &o));
            list.append((name, arrow_type, len, null_count, validity, offsets, PyBytes::new(py, &values)))?;
        }
        out.set_item(table, list)?;
    }
    Ok(out.unbind())
}

#[pymodule]
fn _native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add("ENGINE_VERSION", newsatlas_version())?;
    module.add_function(wrap_pyfunction!(extract_json, module)?)?;
    module.add_function(wrap_pyfunction!(analyse_records, module)?)?;
    module.add_function(wrap_pyfunction!(read_articles, module)?)?;
    module.add_function(wrap_pyfunction!(analyse_articles, module)?)?;
    module.add_function(wrap_pyfunction!(load_gazetteer, module)?)?;
    Ok(())
}

/// The engine's crate version, written to `_newsatlas.json`.
fn newsatlas_version() -> &'static str {
    // The binding and the engine are versioned together (python/Cargo.toml follows Cargo.toml).
    env!("CARGO_PKG_VERSION")
}

/// A metadata date as the reader records it: kept here so `records` builds articles the way the reader does.
pub(crate) fn metadata_date(value: Option<String>, field: Option<String>) -> Option<Box<MetadataDate>> {
    value.map(|value| Box::new(MetadataDate { value, field: field.unwrap_or_default() }))
}
