//! Reading a stored analysis's tables into documents: articles, problems and date expressions first (they are
//! small beside the mentions), then the mentions a record batch at a time, each article handed on as soon as
//! the articles table's count of its mentions is in, so the map fills while the rest is read.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use super::Tables;
use super::build::{self, ArticleInfo, MentionRow, PlaceResolver, TimexRow};
use super::columns::{Column, missing_column, optional_line, read_batches, required_offset, required_text, row_count};
use crate::corpus::{self, Problem, ReadError, ReadOptions};
use crate::gazetteer::Gazetteer;
use crate::geoparse::Form;
use crate::index::{Document, EventDating};
use crate::language::Language;
use crate::timex::TimexValue;

const ARTICLE_COLUMNS: [&str; 9] =
    ["article_id", "path", "line", "title", "published", "published_source", "language", "chars", "mentions"];
const ARTICLE_REQUIRED: [&str; 3] = ["article_id", "path", "title"];
const PROBLEM_COLUMNS: [&str; 3] = ["path", "line", "reason"];
const TIMEX_COLUMNS: [&str; 5] = ["article_id", "start", "end", "type", "value"];
const MENTION_COLUMNS: [&str; 21] = [
    "article_id",
    "path",
    "line",
    "title",
    "published",
    "published_source",
    "mention",
    "start",
    "end",
    "place",
    "country",
    "geonameid",
    "place_id",
    "lat",
    "lon",
    "form",
    "confidence",
    "date",
    "date_from",
    "passage",
    "passage_start",
];
const MENTION_REQUIRED: [&str; 11] = [
    "article_id",
    "path",
    "title",
    "mention",
    "start",
    "end",
    "place",
    "place_id",
    "date_from",
    "passage",
    "passage_start",
];

/// What [`read`] hands on: documents, problems, and whether a part file is done (for progress).
pub struct Part {
    pub documents: Vec<Document>,
    pub problems: Vec<Problem>,
    pub file_done: bool,
}

/// The problems of one part file's rows: at most [`MAX_ROW_PROBLEMS`] listed, the rest counted in a last one.
struct RowProblems<'p> {
    file: &'p Path,
    listed: Vec<Problem>,
    more: usize,
}

const MAX_ROW_PROBLEMS: usize = 50;

impl<'p> RowProblems<'p> {
    fn new(file: &'p Path) -> RowProblems<'p> {
        RowProblems { file, listed: Vec::new(), more: 0 }
    }

    /// A bad row (1-based within the file).
    fn row(&mut self, row: usize, reason: String) {
        if self.listed.len() < MAX_ROW_PROBLEMS {
            self.listed.push(Problem::at_line(self.file, row, ReadError::Malformed(format!("row {row}: {reason}"))));
        } else {
            self.more += 1;
        }
    }

    /// The problems so far, and the file's own reason when it could not be read to its end.
    fn take(&mut self, file_error: Option<String>) -> Vec<Problem> {
        let mut problems = std::mem::take(&mut self.listed);
        if self.more > 0 {
            let reason = format!("{} more rows left out", std::mem::take(&mut self.more));
            problems.push(Problem::of(self.file, ReadError::Malformed(reason)));
        }
        if let Some(reason) = file_error {
            problems.push(Problem::of(self.file, ReadError::Malformed(reason)));
        }
        problems
    }
}

/// Reads every table of `tables` and hands on what it finds to `on_part`, documents as soon as they are
/// complete; stops early when `cancel` is set. Article files named by the rows are read (within `options`'
/// limits) for their full text.
///
/// The gazetteer is only needed for the mentions: `gazetteer` is called (it may load it) while the articles,
/// problems and date expressions tables are read, each on a thread of the pool it runs in.
pub fn read<'g>(
    tables: &Tables,
    options: &ReadOptions,
    gazetteer: impl FnOnce() -> &'g Gazetteer + Send,
    cancel: &AtomicBool,
    on_part: &mut dyn FnMut(Part),
) {
    let cancelled = || cancel.load(Ordering::Relaxed);
    let (gazetteer, (articles, timexes, problems)) = rayon::join(gazetteer, || read_small_tables(tables));
    for problems in problems {
        on_part(Part { documents: Vec::new(), problems, file_done: true });
    }
    let resolver = PlaceResolver::new(gazetteer);
    let mut pending = Pending { articles, timexes, mentions: HashMap::default(), extra: HashMap::default() };
    for file in &tables.mentions {
        if cancelled() {
            return;
        }
        let mut rows = RowProblems::new(file);
        let mut first_row = 1;
        let read = read_batches(file, &MENTION_COLUMNS, &mut |batch| {
            if let Some(reason) = missing_column(batch, &MENTION_REQUIRED) {
                return Err(reason);
            }
            let complete = pending.add_mentions(batch, first_row, &resolver, &mut rows)?;
            first_row += batch.num_rows();
            let (documents, mut problems) = build_all(complete, &tables.root, options);
            problems.extend(rows.take(None));
            on_part(Part { documents, problems, file_done: false });
            if cancelled() { Err("cancelled".to_owned()) } else { Ok(()) }
        });
        if cancelled() {
            return;
        }
        on_part(Part { documents: Vec::new(), problems: rows.take(read.err()), file_done: true });
    }
    // Articles whose mentions did not all come (a part file that could not be read), those the articles table
    // lacks, and those without mentions.
    let (documents, problems) = build_all(pending.rest(), &tables.root, options);
    on_part(Part { documents, problems, file_done: false });
}

/// The articles, problems and date expressions tables (small beside the mentions), read side by side: what
/// the articles and date expressions tables hold by article id, and each part file's problems.
type SmallTables = (HashMap<String, ArticleInfo>, HashMap<String, Vec<TimexRow>>, Vec<Vec<Problem>>);

fn read_small_tables(tables: &Tables) -> SmallTables {
    let rows = |files: &[PathBuf]| files.iter().filter_map(|file| row_count(file)).sum::<usize>();
    // The articles table's rows, read from the files' footers once: both maps are sized from them.
    let article_rows = rows(&tables.articles);
    let read_all_articles = || {
        // Sized once: growing a map of a million articles rehashes it twenty times.
        let mut articles = HashMap::with_capacity_and_hasher(article_rows, Default::default());
        let problems: Vec<Vec<Problem>> =
            tables.articles.iter().map(|file| read_articles(file, &mut articles)).collect();
        (articles, problems)
    };
    let read_the_rest = || {
        // An entry per article at most (sized once, as the articles' map).
        let capacity = rows(&tables.timexes).min(article_rows);
        let mut timexes = HashMap::with_capacity_and_hasher(capacity, Default::default());
        let problems: Vec<Vec<Problem>> = tables
            .problems
            .iter()
            .map(|file| read_problems(file))
            .chain(tables.timexes.iter().map(|file| read_timexes(file, &mut timexes)))
            .collect();
        (timexes, problems)
    };
    let ((articles, mut problems), (timexes, more)) = rayon::join(read_all_articles, read_the_rest);
    problems.extend(more);
    (articles, timexes, problems)
}

/// Reads a whole stored analysis: its documents in the order of their source (path, then line; records of
/// one file without lines in the order stored) and every problem, sorted.
pub fn read_all(
    root: &Path,
    options: &ReadOptions,
    gazetteer: &Gazetteer,
) -> Result<(Vec<Document>, Vec<Problem>), super::StoredError> {
    let tables = super::list(root)?;
    let (mut documents, mut problems) = (Vec::new(), Vec::new());
    read(&tables, options, || gazetteer, &AtomicBool::new(false), &mut |part| {
        documents.extend(part.documents);
        problems.extend(part.problems);
    });
    documents.sort_by(|a, b| a.article.source.cmp(&b.article.source));
    problems.sort();
    Ok((documents, problems))
}

/// An article ready to build: what is known of it, its mention rows and its date expressions.
type Complete = (ArticleInfo, Vec<MentionRow>, Vec<TimexRow>);

/// Articles read so far, and the mention rows of those not yet complete. In `articles` and `extra` an article's
/// id is the map's key alone (a million fewer strings to make): its `ArticleInfo::id` is empty there and is given
/// back when the article leaves the map ([`with_id`]).
struct Pending {
    articles: HashMap<String, ArticleInfo>,
    timexes: HashMap<String, Vec<TimexRow>>,
    mentions: HashMap<String, Vec<MentionRow>>,
    /// Articles the articles table lacks, as their first mention row tells them.
    extra: HashMap<String, ArticleInfo>,
}

impl Pending {
    /// Takes in one batch of mention rows and returns the articles it completed.
    fn add_mentions(
        &mut self,
        batch: &arrow_array::RecordBatch,
        first_row: usize,
        resolver: &PlaceResolver,
        problems: &mut RowProblems,
    ) -> Result<Vec<Complete>, String> {
        let columns = MentionColumns::of(batch)?;
        let mut touched: Vec<String> = Vec::new();
        for row in 0..batch.num_rows() {
            let parsed = columns.row(row, resolver);
            let (article, mention_row) = match parsed {
                Ok(parsed) => parsed,
                Err(reason) => {
                    problems.row(first_row + row, reason);
                    continue;
                }
            };
            if !self.articles.contains_key(article) && !self.extra.contains_key(article) {
                self.extra.insert(article.to_owned(), columns.article(row));
            }
            // `entry` would allocate the id for every row; most rows find their article's list there already.
            match self.mentions.get_mut(article) {
                Some(rows) => rows.push(mention_row),
                None => {
                    self.mentions.insert(article.to_owned(), vec![mention_row]);
                }
            }
            if touched.last().is_none_or(|last| last != article) {
                touched.push(article.to_owned());
            }
        }
        // An article is complete once it has the mentions the articles table counts (a later batch may still
        // bring more of an article the table lacks: those wait for the end).
        let mut complete = Vec::new();
        touched.sort_unstable();
        touched.dedup();
        for id in touched {
            let count = self.articles.get(&id).and_then(|a| a.mentions);
            let rows = self.mentions.get(&id).map_or(0, Vec::len);
            if count.is_none_or(|count| rows < count as usize) {
                continue;
            }
            if let (Some(info), Some(rows)) = (self.articles.remove(&id), self.mentions.remove(&id)) {
                let timexes = self.timexes.remove(&id).unwrap_or_default();
                complete.push((with_id(info, id), rows, timexes));
            }
        }
        shrink_when_emptied(&mut self.articles);
        shrink_when_emptied(&mut self.timexes);
        Ok(complete)
    }

    /// Everything not handed on yet.
    fn rest(mut self) -> Vec<Complete> {
        let mut rest = Vec::new();
        for (id, rows) in std::mem::take(&mut self.mentions) {
            let Some(info) = self.articles.remove(&id).or_else(|| self.extra.remove(&id)) else { continue };
            let timexes = self.timexes.remove(&id).unwrap_or_default();
            rest.push((with_id(info, id), rows, timexes));
        }
        for (id, info) in self.articles.drain() {
            let timexes = self.timexes.remove(&id).unwrap_or_default();
            rest.push((with_id(info, id), Vec::new(), timexes));
        }
        rest.sort_by(|a, b| (&a.0.path, a.0.line, &a.0.id).cmp(&(&b.0.path, b.0.line, &b.0.id)));
        rest
    }
}

/// An article as it leaves [`Pending`]'s maps, with the id its key held.
fn with_id(info: ArticleInfo, id: String) -> ArticleInfo {
    ArticleInfo { id, ..info }
}

/// Gives back the room of a map emptied to a quarter of it. The articles and date expressions maps are read
/// whole first and emptied as their articles are built: a million articles' map holds room for two million
/// (300 MB), which would otherwise stay taken while the documents fill the memory.
fn shrink_when_emptied<V>(map: &mut HashMap<String, V>) {
    if map.len() < map.capacity() / 4 {
        map.shrink_to_fit();
    }
}

/// The columns of one batch of the mentions table.
struct MentionColumns<'a> {
    id: Column<'a>,
    path: Column<'a>,
    line: Column<'a>,
    title: Column<'a>,
    published: Column<'a>,
    published_source: Column<'a>,
    mention: Column<'a>,
    start: Column<'a>,
    end: Column<'a>,
    place: Column<'a>,
    country: Column<'a>,
    geonameid: Column<'a>,
    place_id: Column<'a>,
    lat: Column<'a>,
    lon: Column<'a>,
    form: Column<'a>,
    confidence: Column<'a>,
    date: Column<'a>,
    date_from: Column<'a>,
    passage: Column<'a>,
    passage_start: Column<'a>,
}

impl<'a> MentionColumns<'a> {
    fn of(batch: &'a arrow_array::RecordBatch) -> Result<MentionColumns<'a>, String> {
        let col = |name: &str| Column::of(batch, name);
        Ok(MentionColumns {
            id: col("article_id")?,
            path: col("path")?,
            line: col("line")?,
            title: col("title")?,
            published: col("published")?,
            published_source: col("published_source")?,
            mention: col("mention")?,
            start: col("start")?,
            end: col("end")?,
            place: col("place")?,
            country: col("country")?,
            geonameid: col("geonameid")?,
            place_id: col("place_id")?,
            lat: col("lat")?,
            lon: col("lon")?,
            form: col("form")?,
            confidence: col("confidence")?,
            date: col("date")?,
            date_from: col("date_from")?,
            passage: col("passage")?,
            passage_start: col("passage_start")?,
        })
    }

    /// The article id of `row` and its mention, its place found in the gazetteer, or why it makes no sense.
    fn row(&self, row: usize, resolver: &PlaceResolver) -> Result<(&'a str, MentionRow), String> {
        let article = required_text(&self.id, row, "article_id")?;
        let (start, end) = (required_offset(&self.start, row, "start")?, required_offset(&self.end, row, "end")?);
        if end < start {
            return Err(format!("the mention ends ({end}) before it starts ({start})"));
        }
        let date_from = required_text(&self.date_from, row, "date_from")?;
        let dating =
            build::dating_of_label(date_from).ok_or_else(|| format!("date_from {date_from:?} is not known"))?;
        let point = self.lat.float(row).zip(self.lon.float(row));
        let place = resolver.resolve(
            required_text(&self.place_id, row, "place_id")?,
            self.geonameid.int(row),
            required_text(&self.place, row, "place")?,
            self.country.text(row).unwrap_or_default(),
            point,
        )?;
        let date = self.date.date(row);
        let mention = MentionRow {
            start,
            end,
            mention: required_text(&self.mention, row, "mention")?.to_owned(),
            place,
            form: Form::from_label(self.form.text(row)),
            confidence: self.confidence.float(row).unwrap_or(0.0) as f32,
            date,
            // A day set by hand without a day is no day at all.
            dating: if dating == EventDating::SetByUser && date.is_none() { EventDating::Undated } else { dating },
            passage: required_text(&self.passage, row, "passage")?.to_owned(),
            passage_start: required_offset(&self.passage_start, row, "passage_start")?,
        };
        Ok((article, mention))
    }

    /// An article the articles table lacks, as the mention at `row` tells it; its id is left to the caller's map
    /// key (see [`Pending`]).
    fn article(&self, row: usize) -> ArticleInfo {
        ArticleInfo {
            id: String::new(),
            path: self.path.text(row).unwrap_or_default().to_owned(),
            line: optional_line(&self.line, row).unwrap_or(None),
            title: self.title.text(row).unwrap_or_default().to_owned(),
            published: self.published.date(row),
            published_source: build::date_source_of_label(self.published_source.text(row)),
            language: Language::UNDETERMINED,
            chars: None,
            mentions: None,
        }
    }
}

/// Builds `complete` articles on the worker threads, the articles of one file together (the file is read
/// once); documents come back in the order given.
fn build_all(complete: Vec<Complete>, root: &Path, options: &ReadOptions) -> (Vec<Document>, Vec<Problem>) {
    if complete.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let mut by_path: Vec<(String, Vec<Complete>)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::default();
    for item in complete {
        let at = *index.entry(item.0.path.clone()).or_insert_with(|| {
            by_path.push((item.0.path.clone(), Vec::new()));
            by_path.len() - 1
        });
        by_path[at].1.push(item);
    }
    let built: Vec<(Vec<Document>, Vec<Problem>)> = by_path
        .into_par_iter()
        .map(|(path, items)| {
            let mut problems = Vec::new();
            let file_articles = read_article_file(&path, root, options);
            let documents = items
                .into_iter()
                .map(|(info, rows, timexes)| {
                    let expected = info.mentions;
                    let (found, line) = (rows.len(), info.line);
                    if let Some(expected) = expected.filter(|&e| e as usize != found) {
                        let reason = format!(
                            "the stored analysis counts {expected} place mentions in this article; {found} were read"
                        );
                        problems.push(Problem {
                            path: PathBuf::from(&path),
                            line,
                            error: ReadError::Malformed(reason),
                        });
                    }
                    build::build(info, rows, timexes, file_articles.as_deref(), &mut problems)
                })
                .collect();
            (documents, problems)
        })
        .collect();
    let mut documents = Vec::new();
    let mut problems = Vec::new();
    for (mut d, mut p) in built {
        documents.append(&mut d);
        problems.append(&mut p);
    }
    (documents, problems)
}

/// The articles of the file an article came from, when it can still be read.
fn read_article_file(path: &str, root: &Path, options: &ReadOptions) -> Option<Vec<corpus::Article>> {
    let file = build::article_file(path, root)?;
    let folder = file.parent().unwrap_or(Path::new(""));
    corpus::read_file(folder, &file, options).ok().map(|(articles, _)| articles)
}

fn read_articles(file: &Path, articles: &mut HashMap<String, ArticleInfo>) -> Vec<Problem> {
    let mut rows = RowProblems::new(file);
    let mut first_row = 1;
    let read = read_batches(file, &ARTICLE_COLUMNS, &mut |batch| {
        if let Some(reason) = missing_column(batch, &ARTICLE_REQUIRED) {
            return Err(reason);
        }
        let columns: Vec<Column> =
            ARTICLE_COLUMNS.iter().map(|name| Column::of(batch, name)).collect::<Result<_, _>>()?;
        for row in 0..batch.num_rows() {
            let parsed = article_row(&columns, row);
            match parsed {
                Ok(mut info) => {
                    // The key holds the id (see `Pending`).
                    articles.insert(std::mem::take(&mut info.id), info);
                }
                Err(reason) => rows.row(first_row + row, reason),
            }
        }
        first_row += batch.num_rows();
        Ok(())
    });
    rows.take(read.err())
}

/// One row of the articles table, its columns in the order of [`ARTICLE_COLUMNS`].
fn article_row(columns: &[Column], row: usize) -> Result<ArticleInfo, String> {
    let [id, path, line, title, published, published_source, language, chars, mentions] = columns else {
        return Err("the articles table's columns".to_owned());
    };
    Ok(ArticleInfo {
        id: required_text(id, row, "article_id")?.to_owned(),
        path: required_text(path, row, "path")?.to_owned(),
        line: optional_line(line, row)?,
        title: required_text(title, row, "title")?.to_owned(),
        published: published.date(row),
        published_source: build::date_source_of_label(published_source.text(row)),
        language: language.text(row).map_or(Language::UNDETERMINED, Language::from_code),
        chars: chars.int(row).and_then(|c| u32::try_from(c).ok()),
        mentions: mentions.int(row).and_then(|c| u32::try_from(c).ok()),
    })
}

fn read_problems(file: &Path) -> Vec<Problem> {
    let mut rows = RowProblems::new(file);
    let mut found = Vec::new();
    let mut first_row = 1;
    let read = read_batches(file, &PROBLEM_COLUMNS, &mut |batch| {
        if let Some(reason) = missing_column(batch, &PROBLEM_COLUMNS[..1]) {
            return Err(reason);
        }
        let (path, line, reason) =
            (Column::of(batch, "path")?, Column::of(batch, "line")?, Column::of(batch, "reason")?);
        for row in 0..batch.num_rows() {
            match required_text(&path, row, "path") {
                Ok(path) => found.push(Problem {
                    path: PathBuf::from(path),
                    line: optional_line(&line, row).unwrap_or(None),
                    error: ReadError::Other(reason.text(row).unwrap_or("could not be read").to_owned()),
                }),
                Err(reason) => rows.row(first_row + row, reason),
            }
        }
        first_row += batch.num_rows();
        Ok(())
    });
    found.extend(rows.take(read.err()));
    found
}

fn read_timexes(file: &Path, timexes: &mut HashMap<String, Vec<TimexRow>>) -> Vec<Problem> {
    let mut rows = RowProblems::new(file);
    let mut first_row = 1;
    // An article's expressions are written together: they are gathered while the id stays the same, and the map
    // is looked up once per article, not per row.
    let mut run: Option<(String, Vec<TimexRow>)> = None;
    let read = read_batches(file, &TIMEX_COLUMNS, &mut |batch| {
        if let Some(reason) = missing_column(batch, &TIMEX_COLUMNS) {
            return Err(reason);
        }
        let col = |name: &str| Column::of(batch, name);
        let (id, start, end, kind, value) =
            (col("article_id")?, col("start")?, col("end")?, col("type")?, col("value")?);
        for row in 0..batch.num_rows() {
            match timex_row([&id, &start, &end, &kind, &value], row) {
                Ok((article, timex)) => match &mut run {
                    Some((id, found)) if id == article => found.push(timex),
                    _ => {
                        if let Some(done) = run.replace((article.to_owned(), vec![timex])) {
                            file_away(timexes, done);
                        }
                    }
                },
                Err(reason) => rows.row(first_row + row, reason),
            }
        }
        first_row += batch.num_rows();
        Ok(())
    });
    if let Some(done) = run {
        file_away(timexes, done);
    }
    rows.take(read.err())
}

/// Files one article's run of date expressions in `timexes`, after any it has there already.
fn file_away(timexes: &mut HashMap<String, Vec<TimexRow>>, (id, found): (String, Vec<TimexRow>)) {
    match timexes.get_mut(&id) {
        Some(before) => before.extend(found),
        None => {
            timexes.insert(id, found);
        }
    }
}

/// One row of the timexes table: its article id and the expression.
fn timex_row<'a>([id, start, end, kind, value]: [&Column<'a>; 5], row: usize) -> Result<(&'a str, TimexRow), String> {
    let kind = required_text(kind, row, "type")?;
    let timex = TimexRow {
        start: required_offset(start, row, "start")?,
        end: required_offset(end, row, "end")?,
        kind: build::timex_type(kind).ok_or_else(|| format!("type {kind:?} is not known"))?,
        value: TimexValue::from(required_text(value, row, "value")?),
    };
    Ok((required_text(id, row, "article_id")?, timex))
}
