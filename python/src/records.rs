//! Articles from columns: records with the field names `newsatlas extract` reads in JSON Lines (a Parquet file,
//! a data frame), and the `read` table `read_articles` gives.

use std::path::{Path, PathBuf};

use newsatlas::corpus::{self, Article, Problem, SourceRef};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyFloat, PyInt, PyList, PyString};

/// One record: its non-null fields, as a JSON Lines line would hold them.
pub type Row = serde_json::Map<String, serde_json::Value>;

/// The rows of `columns` (one Python list per column, named by `names`), converted while the GIL is held.
pub fn rows(names: &[String], columns: &[Bound<'_, PyList>]) -> PyResult<Vec<Row>> {
    let count = columns.first().map_or(0, |c| c.len());
    let mut rows = vec![Row::new(); count];
    for (name, column) in names.iter().zip(columns) {
        if column.len() != count {
            return Err(pyo3::exceptions::PyValueError::new_err(format!("column {name} has another length")));
        }
        for (row, value) in rows.iter_mut().zip(column.iter()) {
            if let Some(value) = json_value(&value) {
                row.insert(name.clone(), value);
            }
        }
    }
    Ok(rows)
}

/// A value as a JSON Lines record would hold it; `None` for what the reader ignores in any field (nulls,
/// booleans, objects).
fn json_value(value: &Bound<'_, PyAny>) -> Option<serde_json::Value> {
    if let Ok(text) = value.cast::<PyString>() {
        return text.to_cow().ok().map(|t| serde_json::Value::String(t.into_owned()));
    }
    if value.is_instance_of::<PyBool>() {
        return None;
    }
    if value.is_instance_of::<PyInt>() {
        return match value.extract::<i64>() {
            Ok(n) => Some(n.into()),
            Err(_) => value.extract::<u64>().ok().map(Into::into),
        };
    }
    if value.is_instance_of::<PyFloat>() {
        return value.extract::<f64>().ok().and_then(serde_json::Number::from_f64).map(serde_json::Value::Number);
    }
    // A body stored as a list of paragraphs.
    if let Ok(items) = value.cast::<PyList>() {
        let strings: Option<Vec<serde_json::Value>> =
            items.iter().map(|item| item.extract::<String>().ok().map(serde_json::Value::String)).collect();
        return strings.map(serde_json::Value::Array);
    }
    None
}

/// Where the rows of a batch came from (see `analyse_records`).
pub struct Sources {
    pub paths: Option<Vec<Option<String>>>,
    pub lines: Option<Vec<Option<i64>>>,
    pub path: String,
    pub first_line: usize,
    pub root: Option<String>,
}

/// The article of each row, or the problem that kept it out (no text field, an empty text).
pub fn articles(rows: Vec<Row>, sources: &Sources) -> (Vec<Article>, Vec<Problem>) {
    let (mut articles, mut problems) = (Vec::new(), Vec::new());
    for (index, row) in rows.into_iter().enumerate() {
        let path = sources.paths.as_ref().and_then(|p| p.get(index).cloned().flatten());
        let path = PathBuf::from(path.as_deref().unwrap_or(&sources.path));
        let line = sources.lines.as_ref().and_then(|l| l.get(index).copied().flatten());
        let line = line.and_then(|l| usize::try_from(l).ok()).unwrap_or(sources.first_line + index);
        let fallback_id = match fallback_base(&path, sources.root.as_deref()) {
            Some(base) => format!("{base}:{line}"),
            None => line.to_string(),
        };
        let source = SourceRef { path: path.clone(), line: Some(line) };
        match corpus::article_from_record(&row, source, fallback_id) {
            Ok(article) => articles.push(article),
            Err(error) => problems.push(Problem::at_line(&path, line, error)),
        }
    }
    (articles, problems)
}

/// What a record's own id is made from when it has none: its file's id, as for a JSON Lines line.
fn fallback_base(path: &Path, root: Option<&str>) -> Option<String> {
    if path.as_os_str().is_empty() {
        return None;
    }
    Some(corpus::relative_id(root.map_or(path, Path::new), path))
}

/// The columns of a `read` table: article_id, path, line, title, text, date_value, date_field.
#[derive(FromPyObject)]
#[allow(clippy::type_complexity)]
pub struct ReadColumns(
    Vec<String>,
    Vec<String>,
    Vec<Option<i64>>,
    Vec<String>,
    Vec<String>,
    Vec<Option<String>>,
    Vec<Option<String>>,
);

impl ReadColumns {
    /// The articles, exactly as the reader gave them to `read_articles`.
    pub fn articles(self) -> Vec<Article> {
        let ReadColumns(ids, paths, lines, titles, texts, date_values, date_fields) = self;
        ids.into_iter()
            .zip(paths)
            .zip(lines)
            .zip(titles)
            .zip(texts)
            .zip(date_values.into_iter().zip(date_fields))
            .map(|(((((id, path), line), title), text), (date_value, date_field))| Article {
                id,
                source: SourceRef { path: path.into(), line: line.and_then(|l| usize::try_from(l).ok()) },
                title,
                text: text.into(),
                metadata_date: crate::metadata_date(date_value, date_field),
            })
            .collect()
    }
}
