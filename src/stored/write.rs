//! Writing a stored analysis: the four tables of `docs/stored-analysis.md` as Parquet (Snappy, as Spark and
//! pyarrow write by default) and `_newsatlas.json`, from analysed documents. What `newsatlas store` and the
//! scale generator write, and what the tests open instead of running Spark.
//!
//! The whole folder is written beside its target under a temporary name and renamed into place by
//! [`StoredWriter::commit`], so a crash or a kill leaves the old analysis (or none), never half of one.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::builder::{Date32Builder, Float32Builder, Float64Builder, Int32Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use chrono::NaiveDate;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use super::{MANIFEST, Manifest};
use crate::corpus::Problem;
use crate::gazetteer::Gazetteer;
use crate::index::{Atlas, Document, date_of_day, date_source_label};

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("cannot write {}: {source}", .path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("cannot write {}: {source}", .path.display())]
    Parquet { path: PathBuf, source: parquet::errors::ParquetError },
    #[error("cannot write {}: {source}", .path.display())]
    Arrow { path: PathBuf, source: arrow_schema::ArrowError },
    #[error(
        "refusing to replace {}: it is not a stored analysis (nothing was written; choose a new folder)",
        .path.display()
    )]
    NotStored { path: PathBuf },
}

/// One value of a row, in the column's type.
enum Value<'a> {
    Text(Option<&'a str>),
    Int32(Option<i32>),
    Int64(Option<i64>),
    Float32(f32),
    Float64(f64),
    Date(Option<NaiveDate>),
}

enum Builder {
    Text(StringBuilder),
    Int32(Int32Builder),
    Int64(Int64Builder),
    Float32(Float32Builder),
    Float64(Float64Builder),
    Date(Date32Builder),
}

/// Days since 1970-01-01, as Parquet's `DATE` counts them.
fn epoch_days(date: NaiveDate) -> i32 {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    (date - epoch).num_days() as i32
}

impl Builder {
    fn new(data_type: &DataType) -> Builder {
        match data_type {
            DataType::Int32 => Builder::Int32(Int32Builder::new()),
            DataType::Int64 => Builder::Int64(Int64Builder::new()),
            DataType::Float32 => Builder::Float32(Float32Builder::new()),
            DataType::Float64 => Builder::Float64(Float64Builder::new()),
            DataType::Date32 => Builder::Date(Date32Builder::new()),
            _ => Builder::Text(StringBuilder::new()),
        }
    }

    fn push(&mut self, value: Value) {
        match (self, value) {
            (Builder::Text(b), Value::Text(v)) => b.append_option(v),
            (Builder::Int32(b), Value::Int32(v)) => b.append_option(v),
            (Builder::Int64(b), Value::Int64(v)) => b.append_option(v),
            (Builder::Float32(b), Value::Float32(v)) => b.append_value(v),
            (Builder::Float64(b), Value::Float64(v)) => b.append_value(v),
            (Builder::Date(b), Value::Date(v)) => b.append_option(v.map(epoch_days)),
            // The tables below give every column a value of its own type.
            _ => unreachable!("a value of another type than its column"),
        }
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Builder::Text(b) => Arc::new(b.finish()),
            Builder::Int32(b) => Arc::new(b.finish()),
            Builder::Int64(b) => Arc::new(b.finish()),
            Builder::Float32(b) => Arc::new(b.finish()),
            Builder::Float64(b) => Arc::new(b.finish()),
            Builder::Date(b) => Arc::new(b.finish()),
        }
    }
}

/// Rows gathered before they are written as one record batch.
const BATCH_ROWS: usize = 65_536;

/// One table: its part files under its folder, rows gathered in column builders.
struct Table {
    folder: PathBuf,
    schema: SchemaRef,
    builders: Vec<Builder>,
    rows: usize,
    writer: Option<(ArrowWriter<File>, PathBuf)>,
    parts: usize,
    rows_in_part: usize,
    rows_per_part: usize,
    rows_written: usize,
}

impl Table {
    fn new(folder: PathBuf, columns: &[(&str, DataType, bool)], rows_per_part: usize) -> Table {
        let fields: Vec<Field> =
            columns.iter().map(|(name, t, nullable)| Field::new(*name, t.clone(), *nullable)).collect();
        let builders = columns.iter().map(|(_, t, _)| Builder::new(t)).collect();
        Table {
            folder,
            schema: Arc::new(Schema::new(fields)),
            builders,
            rows: 0,
            writer: None,
            parts: 0,
            rows_in_part: 0,
            rows_per_part,
            rows_written: 0,
        }
    }

    fn push(&mut self, row: Vec<Value>) -> Result<(), WriteError> {
        for (builder, value) in self.builders.iter_mut().zip(row) {
            builder.push(value);
        }
        self.rows += 1;
        if self.rows >= BATCH_ROWS {
            self.flush()?;
        }
        Ok(())
    }

    /// Writes the gathered rows to the current part file (starting one when needed).
    fn flush(&mut self) -> Result<(), WriteError> {
        if self.rows == 0 {
            return Ok(());
        }
        if self.writer.is_none() {
            let path = self.folder.join(format!("part-{:05}.parquet", self.parts));
            self.parts += 1;
            let file = File::create(&path).map_err(|source| WriteError::Io { path: path.clone(), source })?;
            let properties = WriterProperties::builder()
                .set_compression(Compression::SNAPPY)
                .set_max_row_group_row_count(Some(BATCH_ROWS * 2))
                .build();
            let writer = ArrowWriter::try_new(file, self.schema.clone(), Some(properties))
                .map_err(|source| WriteError::Parquet { path: path.clone(), source })?;
            self.writer = Some((writer, path));
        }
        let columns: Vec<ArrayRef> = self.builders.iter_mut().map(Builder::finish).collect();
        let Some((writer, path)) = &mut self.writer else { return Ok(()) };
        let batch = RecordBatch::try_new(self.schema.clone(), columns)
            .map_err(|source| WriteError::Arrow { path: path.clone(), source })?;
        writer.write(&batch).map_err(|source| WriteError::Parquet { path: path.clone(), source })?;
        self.rows_in_part += self.rows;
        self.rows_written += self.rows;
        self.rows = 0;
        if self.rows_in_part >= self.rows_per_part {
            self.close_part()?;
        }
        Ok(())
    }

    fn close_part(&mut self) -> Result<(), WriteError> {
        if let Some((writer, path)) = self.writer.take() {
            writer.close().map_err(|source| WriteError::Parquet { path, source })?;
        }
        self.rows_in_part = 0;
        Ok(())
    }

    /// Writes what is left; a table without rows still gets one (empty) part file, so readers see its columns.
    fn finish(&mut self) -> Result<(), WriteError> {
        self.flush()?;
        if self.parts == 0 {
            let path = self.folder.join("part-00000.parquet");
            let file = File::create(&path).map_err(|source| WriteError::Io { path: path.clone(), source })?;
            let writer = ArrowWriter::try_new(file, self.schema.clone(), None)
                .map_err(|source| WriteError::Parquet { path: path.clone(), source })?;
            writer.close().map_err(|source| WriteError::Parquet { path, source })?;
        }
        self.close_part()
    }
}

use DataType::{Date32, Float32, Float64, Int32, Int64, Utf8};

fn article_columns() -> Vec<(&'static str, DataType, bool)> {
    vec![
        ("article_id", Utf8, false),
        ("path", Utf8, false),
        ("line", Int32, true),
        ("title", Utf8, false),
        ("published", Date32, true),
        ("published_source", Utf8, true),
    ]
}

/// What [`StoredWriter::commit`] wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StoreStats {
    pub articles: usize,
    pub mentions: usize,
    pub timexes: usize,
    pub problems: usize,
}

/// Writes a stored analysis, documents a batch at a time (memory holds one batch).
pub struct StoredWriter {
    target: PathBuf,
    temporary: PathBuf,
    mentions: Table,
    articles: Table,
    timexes: Table,
    problems: Table,
    committed: bool,
}

/// Rows in one part file of the mentions table (other tables are a tenth of it or less).
pub const MENTIONS_PER_PART: usize = 1 << 20;

impl StoredWriter {
    /// Starts writing the stored analysis that [`StoredWriter::commit`] puts at `target`.
    pub fn create(target: &Path) -> Result<StoredWriter, WriteError> {
        let name = target.file_name().map_or_else(|| "stored".into(), |n| n.to_string_lossy().into_owned());
        let parent = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let temporary = parent.join(format!(".{name}.{}.tmp", std::process::id()));
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| WriteError::Io { path, source }
        };
        if temporary.exists() {
            std::fs::remove_dir_all(&temporary).map_err(io(&temporary))?;
        }
        for table in super::TABLES {
            std::fs::create_dir_all(temporary.join(table)).map_err(io(&temporary))?;
        }
        let mut mentions = article_columns();
        mentions.extend([
            ("mention", Utf8, false),
            ("start", Int32, false),
            ("end", Int32, false),
            ("place", Utf8, false),
            ("admin1", Utf8, true),
            ("country", Utf8, false),
            ("geonameid", Int64, true),
            ("place_id", Utf8, false),
            ("lat", Float64, false),
            ("lon", Float64, false),
            ("kind", Utf8, false),
            ("form", Utf8, true),
            ("confidence", Float32, false),
            ("date", Date32, true),
            ("date_from", Utf8, false),
            ("passage", Utf8, false),
            ("passage_start", Int32, false),
        ]);
        let mut articles = article_columns();
        articles.extend([
            ("language", Utf8, false),
            ("chars", Int32, false),
            ("mentions", Int32, false),
            ("timexes", Int32, false),
        ]);
        let timexes = [
            ("article_id", Utf8, false),
            ("start", Int32, false),
            ("end", Int32, false),
            ("text", Utf8, false),
            ("type", Utf8, false),
            ("value", Utf8, false),
        ];
        let problems = [("path", Utf8, false), ("line", Int32, true), ("reason", Utf8, false)];
        Ok(StoredWriter {
            target: target.to_path_buf(),
            mentions: Table::new(temporary.join("mentions"), &mentions, MENTIONS_PER_PART),
            articles: Table::new(temporary.join("articles"), &articles, MENTIONS_PER_PART),
            timexes: Table::new(temporary.join("timexes"), &timexes, MENTIONS_PER_PART),
            problems: Table::new(temporary.join("problems"), &problems, MENTIONS_PER_PART),
            temporary,
            committed: false,
        })
    }

    /// Adds analysed documents: their events are worked out as the app does ([`Atlas::add`]).
    pub fn add(&mut self, documents: Vec<Document>, gazetteer: &Gazetteer) -> Result<(), WriteError> {
        let mut atlas = Atlas::new();
        for document in documents {
            atlas.add(document);
        }
        self.add_atlas(&atlas, gazetteer)
    }

    /// Adds every document of `atlas` with its events.
    pub fn add_atlas(&mut self, atlas: &Atlas, gazetteer: &Gazetteer) -> Result<(), WriteError> {
        let events = atlas.events();
        let mut next_event = 0;
        for (doc, document) in atlas.documents().iter().enumerate() {
            let first = next_event;
            while next_event < events.len() && events[next_event].doc as usize == doc {
                next_event += 1;
            }
            self.add_document(document, &events[first..next_event], atlas, gazetteer)?;
        }
        Ok(())
    }

    fn add_document(
        &mut self,
        document: &Document,
        events: &[crate::index::Event],
        atlas: &Atlas,
        gazetteer: &Gazetteer,
    ) -> Result<(), WriteError> {
        let text = document.article.text.as_str();
        let article = &document.article;
        let path = article.source.path.to_string_lossy();
        let line = article.source.line.and_then(|l| i32::try_from(l).ok());
        let published = document.published.as_ref().map(|p| p.date);
        let published_source = document.published.as_ref().map(|p| date_source_label(p.source));
        let head = || {
            vec![
                Value::Text(Some(article.id.as_str())),
                Value::Text(Some(&path)),
                Value::Int32(line),
                Value::Text(Some(article.title.as_str())),
                Value::Date(published),
                Value::Text(published_source),
            ]
        };
        let mut offsets: Vec<usize> = Vec::with_capacity(events.len() * 3 + document.timexes.len() * 2 + 1);
        for event in events {
            let mention = &document.places[event.mention as usize];
            offsets.extend([mention.byte_range.start(), mention.byte_range.end(), atlas.passage(event).start]);
        }
        offsets.extend(document.timexes.iter().flat_map(|t| [t.byte_range.start(), t.byte_range.end()]));
        offsets.push(text.len());
        let chars = ByteToChar::new(&text, offsets);
        let char_at = |byte: usize| Value::Int32(Some(chars.char(byte) as i32));
        for event in events {
            let mention = &document.places[event.mention as usize];
            let place = gazetteer.place(mention.place);
            let passage = atlas.passage(event);
            let place_id = place.place_id();
            let mut row = head();
            row.extend([
                Value::Text(Some(&text[mention.byte_range])),
                char_at(mention.byte_range.start()),
                char_at(mention.byte_range.end()),
                Value::Text(Some(&place.name)),
                Value::Text(gazetteer.admin1_name(place)),
                Value::Text(Some(&place.country_code)),
                Value::Int64(place.geonames_id().map(i64::from)),
                Value::Text(Some(&place_id)),
                Value::Float64(place.lat_deg),
                Value::Float64(place.lon_deg),
                Value::Text(Some(place.kind.as_str())),
                Value::Text(mention.form.label()),
                Value::Float32(mention.confidence),
                Value::Date(event.day.and_then(date_of_day)),
                Value::Text(Some(event.dating.label())),
                Value::Text(Some(&text[passage.clone()])),
                char_at(passage.start),
            ]);
            self.mentions.push(row)?;
        }
        for timex in &document.timexes {
            self.timexes.push(vec![
                Value::Text(Some(article.id.as_str())),
                char_at(timex.byte_range.start()),
                char_at(timex.byte_range.end()),
                Value::Text(Some(&text[timex.byte_range])),
                Value::Text(Some(timex.kind.as_str())),
                Value::Text(Some(timex.value.as_str())),
            ])?;
        }
        let mut row = head();
        row.extend([
            Value::Text(Some(document.language.code())),
            char_at(text.len()),
            Value::Int32(Some(events.len() as i32)),
            Value::Int32(Some(document.timexes.len() as i32)),
        ]);
        self.articles.push(row)
    }

    /// Adds files or records that could not be read.
    pub fn add_problems(&mut self, problems: &[Problem]) -> Result<(), WriteError> {
        for problem in problems {
            let path = problem.path.to_string_lossy();
            let reason = problem.reason();
            let line = problem.line.and_then(|l| i32::try_from(l).ok());
            self.problems.push(vec![Value::Text(Some(&path)), Value::Int32(line), Value::Text(Some(&reason))])?;
        }
        Ok(())
    }

    /// Finishes the tables, writes `_newsatlas.json` and puts the folder in its target's place: a stored
    /// analysis there already is replaced, anything else is left alone and refused.
    pub fn commit(mut self) -> Result<StoreStats, WriteError> {
        for table in [&mut self.mentions, &mut self.articles, &mut self.timexes, &mut self.problems] {
            table.finish()?;
        }
        let manifest = Manifest {
            format: super::FORMAT.to_owned(),
            version: super::VERSION,
            engine: Some(env!("CARGO_PKG_VERSION").to_owned()),
        };
        let manifest_path = self.temporary.join(MANIFEST);
        let json = serde_json::to_vec_pretty(&manifest).unwrap_or_default();
        std::fs::write(&manifest_path, json).map_err(|source| WriteError::Io { path: manifest_path, source })?;
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| WriteError::Io { path, source }
        };
        if self.target.exists() {
            let empty = std::fs::read_dir(&self.target).is_ok_and(|mut entries| entries.next().is_none());
            if !super::is_stored_analysis(&self.target) && !empty {
                return Err(WriteError::NotStored { path: self.target.clone() });
            }
            // The old analysis goes aside first, so that the target is never a mix of both.
            let old = self.temporary.with_extension("old");
            std::fs::rename(&self.target, &old).map_err(io(&self.target))?;
            std::fs::rename(&self.temporary, &self.target).map_err(io(&self.target))?;
            std::fs::remove_dir_all(&old).map_err(io(&old))?;
        } else {
            std::fs::rename(&self.temporary, &self.target).map_err(io(&self.target))?;
        }
        self.committed = true;
        Ok(StoreStats {
            articles: self.articles.rows_written,
            mentions: self.mentions.rows_written,
            timexes: self.timexes.rows_written,
            problems: self.problems.rows_written,
        })
    }
}

impl Drop for StoredWriter {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.temporary);
        }
    }
}

/// Code point offsets of byte offsets in one text.
struct ByteToChar {
    bytes: Vec<usize>,
    chars: Vec<usize>,
}

impl ByteToChar {
    fn new(text: &str, mut bytes: Vec<usize>) -> ByteToChar {
        bytes.sort_unstable();
        bytes.dedup();
        let mut chars = Vec::with_capacity(bytes.len());
        let (mut byte, mut count) = (0, 0);
        for &wanted in &bytes {
            let wanted = wanted.min(text.len());
            count += text.get(byte..wanted).map_or(0, |s| s.chars().count());
            byte = byte.max(wanted);
            chars.push(count);
        }
        ByteToChar { bytes, chars }
    }

    fn char(&self, byte: usize) -> usize {
        self.bytes.binary_search(&byte).map_or(0, |i| self.chars[i])
    }
}
