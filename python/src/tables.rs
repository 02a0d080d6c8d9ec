//! The tables of a stored analysis (docs/stored-analysis.md), built column by column from analysed articles:
//! one row per article, place mention, date expression and problem.

use newsatlas::corpus::{Article, Problem, SourceRef};
use newsatlas::export::{extract_record, mention_placings};
use newsatlas::gazetteer::Gazetteer;
use newsatlas::index::{Atlas, analyze};
use rayon::prelude::*;

use crate::columns::{ColumnBuffers, Fixed, TooLarge, Utf8, date32, days_since_epoch, int32};

/// Columns of the `read` table: articles as the reader gives them, before analysis (see `read_articles`).
pub struct ReadTable {
    article_id: Utf8,
    path: Utf8,
    line: Fixed<i32>,
    title: Utf8,
    text: Utf8,
    date_value: Utf8,
    date_field: Utf8,
}

impl ReadTable {
    pub fn new() -> ReadTable {
        ReadTable {
            article_id: Utf8::new("article_id"),
            path: Utf8::new("path"),
            line: Fixed::new("line"),
            title: Utf8::new("title"),
            text: Utf8::new("text"),
            date_value: Utf8::new("date_value"),
            date_field: Utf8::new("date_field"),
        }
    }

    pub fn push(&mut self, article: &Article) {
        self.article_id.push(&article.id);
        self.path.push(&article.source.path.to_string_lossy());
        self.line.push_option(article.source.line.map(int32));
        self.title.push(&article.title);
        self.text.push(&article.text.as_str());
        let date = article.metadata_date.as_deref();
        self.date_value.push_option(date.map(|d| d.value.as_str()));
        self.date_field.push_option(date.map(|d| d.field.as_str()));
    }

    pub fn finish(self) -> Result<Vec<ColumnBuffers>, TooLarge> {
        Ok(vec![
            self.article_id.finish()?,
            self.path.finish()?,
            self.line.finish(),
            self.title.finish()?,
            self.text.finish()?,
            self.date_value.finish()?,
            self.date_field.finish()?,
        ])
    }
}

/// The columns an article's rows begin with in the articles and mentions tables.
struct ArticleColumns {
    article_id: Utf8,
    path: Utf8,
    line: Fixed<i32>,
    title: Utf8,
    published: Fixed<i32>,
    published_source: Utf8,
}

impl ArticleColumns {
    fn new() -> ArticleColumns {
        ArticleColumns {
            article_id: Utf8::new("article_id"),
            path: Utf8::new("path"),
            line: Fixed::new("line"),
            title: Utf8::new("title"),
            published: date32("published"),
            published_source: Utf8::new("published_source"),
        }
    }

    fn push(&mut self, article: &ArticleFields<'_>) {
        self.article_id.push(article.id);
        self.path.push(article.path);
        self.line.push_option(article.line);
        self.title.push(article.title);
        self.published.push_option(article.published);
        self.published_source.push_option(article.published_source);
    }

    fn finish(self) -> Result<Vec<ColumnBuffers>, TooLarge> {
        Ok(vec![
            self.article_id.finish()?,
            self.path.finish()?,
            self.line.finish(),
            self.title.finish()?,
            self.published.finish(),
            self.published_source.finish()?,
        ])
    }
}

/// What every row of one article repeats.
struct ArticleFields<'a> {
    id: &'a str,
    path: &'a str,
    line: Option<i32>,
    title: &'a str,
    published: Option<i32>,
    published_source: Option<&'a str>,
}

/// The four tables of a stored analysis, as columns.
pub struct Tables {
    articles: ArticleColumns,
    language: Utf8,
    chars: Fixed<i32>,
    mention_count: Fixed<i32>,
    timex_count: Fixed<i32>,
    mentions: Mentions,
    timexes: Timexes,
    problems: Problems,
}

struct Mentions {
    article: ArticleColumns,
    mention: Utf8,
    start: Fixed<i32>,
    end: Fixed<i32>,
    place: Utf8,
    admin1: Utf8,
    country: Utf8,
    geonameid: Fixed<i64>,
    place_id: Utf8,
    lat: Fixed<f64>,
    lon: Fixed<f64>,
    kind: Utf8,
    form: Utf8,
    confidence: Fixed<f32>,
    date: Fixed<i32>,
    date_from: Utf8,
    passage: Utf8,
    passage_start: Fixed<i32>,
}

struct Timexes {
    article_id: Utf8,
    start: Fixed<i32>,
    end: Fixed<i32>,
    text: Utf8,
    kind: Utf8,
    value: Utf8,
}

pub struct Problems {
    path: Utf8,
    line: Fixed<i32>,
    reason: Utf8,
}

impl Problems {
    pub fn new() -> Problems {
        Problems { path: Utf8::new("path"), line: Fixed::new("line"), reason: Utf8::new("reason") }
    }

    pub fn push(&mut self, problem: &Problem) {
        self.path.push(&problem.path.to_string_lossy());
        self.line.push_option(problem.line.map(int32));
        self.reason.push(&problem.reason());
    }

    pub fn finish(self) -> Result<Vec<ColumnBuffers>, TooLarge> {
        Ok(vec![self.path.finish()?, self.line.finish(), self.reason.finish()?])
    }
}

/// The analysis of a batch: every table's columns, in the order of docs/stored-analysis.md.
pub type TableColumns = Vec<(&'static str, Vec<ColumnBuffers>)>;

impl Tables {
    pub fn new() -> Tables {
        Tables {
            articles: ArticleColumns::new(),
            language: Utf8::new("language"),
            chars: Fixed::new("chars"),
            mention_count: Fixed::new("mentions"),
            timex_count: Fixed::new("timexes"),
            mentions: Mentions {
                article: ArticleColumns::new(),
                mention: Utf8::new("mention"),
                start: Fixed::new("start"),
                end: Fixed::new("end"),
                place: Utf8::new("place"),
                admin1: Utf8::new("admin1"),
                country: Utf8::new("country"),
                geonameid: Fixed::new("geonameid"),
                place_id: Utf8::new("place_id"),
                lat: Fixed::new("lat"),
                lon: Fixed::new("lon"),
                kind: Utf8::new("kind"),
                form: Utf8::new("form"),
                confidence: Fixed::new("confidence"),
                date: date32("date"),
                date_from: Utf8::new("date_from"),
                passage: Utf8::new("passage"),
                passage_start: Fixed::new("passage_start"),
            },
            timexes: Timexes {
                article_id: Utf8::new("article_id"),
                start: Fixed::new("start"),
                end: Fixed::new("end"),
                text: Utf8::new("text"),
                kind: Utf8::new("type"),
                value: Utf8::new("value"),
            },
            problems: Problems::new(),
        }
    }

    pub fn push_problem(&mut self, problem: &Problem) {
        self.problems.push(problem);
    }

    /// Adds the rows of one article, analysed into an atlas of its own (which places its mentions in passages
    /// and on days as the app does).
    fn push_analysed(&mut self, atlas: &Atlas, gazetteer: &Gazetteer) {
        let Some(document) = atlas.documents().first() else { return };
        let text = document.article.text.as_str();
        let record = extract_record(document, &text, gazetteer);
        let placings = mention_placings(atlas, 0, &text);
        let source: &SourceRef = &document.article.source;
        let path = source.path.to_string_lossy();
        let article = ArticleFields {
            id: record.id,
            path: &path,
            line: source.line.map(int32),
            title: record.title,
            published: document.published.as_ref().map(|p| days_since_epoch(p.date)),
            published_source: record.published.source,
        };
        self.articles.push(&article);
        self.language.push(record.language.code());
        self.chars.push(int32(text.chars().count()));
        self.mention_count.push(int32(record.toponyms.len()));
        self.timex_count.push(int32(record.timexes.len()));
        let m = &mut self.mentions;
        for (toponym, placing) in record.toponyms.iter().zip(&placings) {
            m.article.push(&article);
            m.mention.push(toponym.text);
            m.start.push(int32(toponym.start));
            m.end.push(int32(toponym.end));
            m.place.push(toponym.name);
            m.admin1.push_option(toponym.admin1);
            m.country.push(toponym.country);
            m.geonameid.push_option(toponym.geonameid.map(i64::from));
            m.place_id.push(&toponym.place_id);
            m.lat.push(toponym.lat);
            m.lon.push(toponym.lon);
            m.kind.push(toponym.kind);
            m.form.push_option(toponym.form);
            m.confidence.push(toponym.confidence);
            m.date.push_option(placing.date.map(days_since_epoch));
            m.date_from.push(placing.date_from);
            m.passage.push(placing.passage);
            m.passage_start.push(int32(placing.passage_start));
        }
        for timex in &record.timexes {
            let t = &mut self.timexes;
            t.article_id.push(record.id);
            t.start.push(int32(timex.start));
            t.end.push(int32(timex.end));
            t.text.push(timex.text);
            t.kind.push(timex.kind);
            t.value.push(timex.value);
        }
    }

    pub fn finish(self) -> Result<TableColumns, TooLarge> {
        let mut articles = self.articles.finish()?;
        articles.extend([
            self.language.finish()?,
            self.chars.finish(),
            self.mention_count.finish(),
            self.timex_count.finish(),
        ]);
        let m = self.mentions;
        let mut mentions = m.article.finish()?;
        mentions.extend([
            m.mention.finish()?,
            m.start.finish(),
            m.end.finish(),
            m.place.finish()?,
            m.admin1.finish()?,
            m.country.finish()?,
            m.geonameid.finish(),
            m.place_id.finish()?,
            m.lat.finish(),
            m.lon.finish(),
            m.kind.finish()?,
            m.form.finish()?,
            m.confidence.finish(),
            m.date.finish(),
            m.date_from.finish()?,
            m.passage.finish()?,
            m.passage_start.finish(),
        ]);
        let t = self.timexes;
        let timexes = vec![
            t.article_id.finish()?,
            t.start.finish(),
            t.end.finish(),
            t.text.finish()?,
            t.kind.finish()?,
            t.value.finish()?,
        ];
        Ok(vec![
            ("mentions", mentions),
            ("articles", articles),
            ("timexes", timexes),
            ("problems", self.problems.finish()?),
        ])
    }
}

/// Analyses `articles` on `threads` threads (all cores when `None`), in input order, and lays out their rows
/// with `problems` after them.
pub fn analyse(articles: Vec<Article>, problems: &[Problem], threads: Option<usize>) -> Result<TableColumns, String> {
    let gazetteer = Gazetteer::bundled();
    let one_atlas = |article: Article| {
        let mut atlas = Atlas::new();
        atlas.add(analyze(article, gazetteer));
        atlas
    };
    let atlases: Vec<Atlas> = match threads {
        Some(1) => articles.into_iter().map(one_atlas).collect(),
        Some(threads) => rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .map_err(|err| format!("cannot start {threads} threads: {err}"))?
            .install(|| articles.into_par_iter().map(one_atlas).collect()),
        None => articles.into_par_iter().map(one_atlas).collect(),
    };
    let mut tables = Tables::new();
    for atlas in &atlases {
        tables.push_analysed(atlas, gazetteer);
    }
    for problem in problems {
        tables.push_problem(problem);
    }
    tables.finish().map_err(|TooLarge(column)| too_large(column))
}

pub fn too_large(column: &str) -> String {
    format!("more than 2 GiB of text in the {column} column of one batch: pass smaller batches")
}
