//! One article of a stored analysis made into a [`Document`], from its rows: the text (the article's own when
//! its file can be read and agrees with the rows, else a [stand-in](super::stand_in)), its places and date
//! expressions at byte offsets into that text, and each mention's stored day and passage.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use super::stand_in::StandIn;
use crate::corpus::{Article, ByteSpan, Problem, ReadError, SourceRef};
use crate::gazetteer::{Gazetteer, PlaceId};
use crate::geoparse::{Form, PlaceMention};
use crate::index::{Document, EventDating, NO_TIMEX, StoredDocument, StoredEvent, date_source_label, day_number};
use crate::language::Language;
use crate::timex::{ArticleDate, DatePrecision, DateSource, DateSpan, Timex, TimexType, TimexValue};

/// An article as the articles table has it (or, for an article that table lacks, as its first mention row
/// tells it).
#[derive(Debug, Clone)]
pub struct ArticleInfo {
    pub id: String,
    pub path: String,
    pub line: Option<usize>,
    pub title: String,
    pub published: Option<NaiveDate>,
    /// Where the publication date came from, as its `published_source` label says.
    pub published_source: DateSource,
    pub language: Language,
    /// Code points of the article's text, when known.
    pub chars: Option<u32>,
    /// How many mention rows the article has, when known.
    pub mentions: Option<u32>,
}

/// One row of the mentions table, its place already found in the gazetteer.
#[derive(Debug, Clone)]
pub struct MentionRow {
    /// Code points into the article's text, end exclusive.
    pub start: u32,
    pub end: u32,
    pub mention: String,
    pub place: PlaceId,
    pub form: Form,
    pub confidence: f32,
    pub date: Option<NaiveDate>,
    pub dating: EventDating,
    pub passage: String,
    pub passage_start: u32,
}

/// One row of the timexes table.
#[derive(Debug, Clone)]
pub struct TimexRow {
    pub start: u32,
    pub end: u32,
    pub kind: TimexType,
    pub value: TimexValue,
}

/// Finds the gazetteer's place for a row: by its table id (`place_id`, else `geonameid`), else by its name and
/// country near its point, so that an analysis made with another gazetteer still finds its places.
pub struct PlaceResolver<'g> {
    gazetteer: &'g Gazetteer,
    by_table_id: FxHashMap<u32, PlaceId>,
}

/// How far (in degrees of latitude and longitude) a place found by name may lie from the row's point.
const NEAR_DEG: f64 = 0.5;

impl<'g> PlaceResolver<'g> {
    pub fn new(gazetteer: &'g Gazetteer) -> PlaceResolver<'g> {
        let mut by_table_id: FxHashMap<u32, PlaceId> = gazetteer.former_ids().collect();
        for (id, place) in gazetteer.places().iter().enumerate() {
            by_table_id.insert(place.geonameid, id as PlaceId);
        }
        PlaceResolver { gazetteer, by_table_id }
    }

    pub fn resolve(
        &self,
        place_id: &str,
        geonameid: Option<i64>,
        name: &str,
        country: &str,
        point: Option<(f64, f64)>,
    ) -> Result<PlaceId, String> {
        let own_id = place_id.strip_prefix("geonames:").or_else(|| place_id.strip_prefix("newsatlas:"));
        let table_id =
            own_id.and_then(|id| id.parse::<u32>().ok()).or_else(|| geonameid.and_then(|id| id.try_into().ok()));
        if let Some(&place) = table_id.and_then(|id| self.by_table_id.get(&id)) {
            return Ok(place);
        }
        let near = |&&id: &&PlaceId| {
            let place = self.gazetteer.place(id);
            let (lat, lon) = point.unwrap_or((place.lat_deg, place.lon_deg));
            let distance = (place.lat_deg - lat).abs().max((place.lon_deg - lon).abs());
            (place.country_code == country && distance <= NEAR_DEG).then_some((distance, id))
        };
        let by_name = self.gazetteer.lookup(name).iter().filter(|id| near(id).is_some());
        by_name.min_by(|a, b| near(a).partial_cmp(&near(b)).unwrap_or(std::cmp::Ordering::Equal)).copied().ok_or_else(
            || {
                if place_id.starts_with("user:") {
                    format!("the place {place_id} was added by hand in a session; this gazetteer does not have it")
                } else {
                    format!("the place {place_id} ({name}) is not in this gazetteer")
                }
            },
        )
    }
}

/// The event dating of a `date_from` label, as [`EventDating::label`] writes it.
pub fn dating_of_label(label: &str) -> Option<EventDating> {
    [EventDating::SetByUser, EventDating::Sentence, EventDating::Paragraph, EventDating::Article, EventDating::Undated]
        .into_iter()
        .find(|dating| dating.label() == label)
}

/// The date source of a `published_source` label, as [`date_source_label`] writes it; another word is taken
/// for metadata.
pub fn date_source_of_label(label: Option<&str>) -> DateSource {
    [DateSource::Dateline, DateSource::Metadata, DateSource::FileName, DateSource::Given, DateSource::SetByUser]
        .into_iter()
        .find(|&source| Some(date_source_label(source)) == label)
        .unwrap_or(DateSource::Metadata)
}

/// The timex type of a `type` cell.
pub fn timex_type(name: &str) -> Option<TimexType> {
    [TimexType::Date, TimexType::Time, TimexType::Duration, TimexType::Set].into_iter().find(|t| t.as_str() == name)
}

/// The calendar span of a TIMEX3 value that names a day (`2017-01-23`), an ISO week (`2017-W03`) or a month
/// (`2017-01`): the dates that can date an event. Other values (years, durations, `PRESENT_REF`) have none here.
pub fn value_span(value: &str) -> Option<DateSpan> {
    let day = |start: NaiveDate, end: NaiveDate, precision| Some(DateSpan { start, end, precision });
    match value.len() {
        10 => {
            let date = NaiveDate::parse_from_str(value, "%Y-%m-%d").ok()?;
            day(date, date, DatePrecision::Day)
        }
        7 => {
            let start = NaiveDate::parse_from_str(&format!("{value}-01"), "%Y-%m-%d").ok()?;
            let end = start.checked_add_months(chrono::Months::new(1))?.pred_opt()?;
            day(start, end, DatePrecision::Month)
        }
        8 if value.as_bytes()[5] == b'W' => {
            let year: i32 = value[..4].parse().ok()?;
            let week: u32 = value[6..].parse().ok()?;
            let start = NaiveDate::from_isoywd_opt(year, week, chrono::Weekday::Mon)?;
            day(start, start.checked_add_days(chrono::Days::new(6))?, DatePrecision::Week)
        }
        _ => None,
    }
}

/// Where to look for an article's file: the path as the analysis saw it (absolute, or relative to the working
/// folder), then relative to the stored analysis's folder and to the folder holding it.
pub fn article_file(path: &str, stored_root: &Path) -> Option<PathBuf> {
    let given = Path::new(path);
    let mut candidates = vec![given.to_path_buf()];
    if given.is_relative() {
        candidates.push(stored_root.join(given));
        if let Some(parent) = stored_root.parent() {
            candidates.push(parent.join(given));
        }
    }
    candidates.into_iter().find(|candidate| candidate.is_file())
}

/// The article of a file's `articles` that `info` names: the record at its line with its id, else the only
/// record at its line.
pub fn find_article<'a>(articles: &'a [Article], info: &ArticleInfo) -> Option<&'a Article> {
    let at_line: Vec<&Article> = articles.iter().filter(|a| a.source.line == info.line).collect();
    at_line.iter().find(|a| a.id == info.id).or_else(|| (at_line.len() == 1).then(|| &at_line[0])).copied()
}

/// Byte offsets of code point offsets in one text.
struct CharToByte {
    chars: Vec<u32>,
    bytes: Vec<usize>,
}

impl CharToByte {
    fn new(text: &str, mut chars: Vec<u32>) -> CharToByte {
        chars.sort_unstable();
        chars.dedup();
        let mut bytes = Vec::with_capacity(chars.len());
        let mut wanted = chars.iter().peekable();
        for (index, (byte, _)) in text.char_indices().chain(std::iter::once((text.len(), ' '))).enumerate() {
            while wanted.next_if(|&&c| c as usize == index).is_some() {
                bytes.push(byte);
            }
            if wanted.peek().is_none() {
                break;
            }
        }
        chars.truncate(bytes.len());
        CharToByte { chars, bytes }
    }

    fn byte(&self, char_offset: u32) -> Option<usize> {
        self.chars.binary_search(&char_offset).ok().map(|i| self.bytes[i])
    }

    fn range(&self, start: u32, end: u32) -> Option<std::ops::Range<usize>> {
        let range = self.byte(start)?..self.byte(end)?;
        (range.start <= range.end).then_some(range)
    }
}

/// The places, timexes and events of `rows` in `text` (the article's own), or `None` when a mention or its
/// passage is not at the offsets its row gives (the file changed since it was analysed).
type Placed = (Vec<PlaceMention>, Vec<(Timex, usize)>, Vec<StoredEvent>);

/// Room for an article's mentions, exactly: the lists are kept as long as the article, and ten mentions
/// pushed one by one would hold room for sixteen (at ten million mentions the peak fell by 230 MB). The date
/// expressions are collected whole.
fn placed_for(mentions: usize) -> Placed {
    (Vec::with_capacity(mentions), Vec::new(), Vec::with_capacity(mentions))
}

fn in_full_text(text: &str, rows: &[MentionRow], timexes: &[TimexRow]) -> Option<Placed> {
    let mut offsets: Vec<u32> = Vec::with_capacity(rows.len() * 4 + timexes.len() * 2);
    for row in rows {
        let passage_end = row.passage_start.saturating_add(row.passage.chars().count() as u32);
        offsets.extend([row.start, row.end, row.passage_start, passage_end]);
    }
    offsets.extend(timexes.iter().flat_map(|t| [t.start, t.end]));
    let map = CharToByte::new(text, offsets);
    let mut placed = placed_for(rows.len());
    for row in rows {
        let range = map.range(row.start, row.end)?;
        let passage_end = row.passage_start.saturating_add(row.passage.chars().count() as u32);
        let passage = map.range(row.passage_start, passage_end)?;
        if text[range.clone()] != *row.mention || text[passage.clone()] != *row.passage {
            return None;
        }
        push_mention(&mut placed, row, range, passage);
    }
    placed.1 =
        timexes.iter().enumerate().filter_map(|(i, t)| Some((timex(t, map.range(t.start, t.end)?)?, i))).collect();
    Some(placed)
}

fn push_mention(
    placed: &mut Placed,
    row: &MentionRow,
    range: std::ops::Range<usize>,
    passage: std::ops::Range<usize>,
) -> Option<()> {
    let byte_range = ByteSpan::new(range)?;
    placed.0.push(PlaceMention {
        byte_range,
        place: row.place,
        confidence: row.confidence,
        candidates: std::iter::once(row.place).collect(),
        form: row.form,
    });
    placed.2.push(StoredEvent {
        byte_start: byte_range.start() as u32,
        day: row.date.map(day_number),
        precision: None,
        dating: row.dating,
        passage: ByteSpan::new(passage)?,
        timex: NO_TIMEX,
    });
    Some(())
}

fn timex(row: &TimexRow, range: std::ops::Range<usize>) -> Option<Timex> {
    Some(Timex {
        byte_range: ByteSpan::new(range)?,
        kind: row.kind,
        value: row.value.clone(),
        span: value_span(&row.value),
    })
}

/// The document of one stored article. `rows` are its mention rows in any order, `timexes` its date
/// expressions, `file_articles` what its file holds when it could be read. Rows that do not fit the text
/// become problems on the article's path.
pub fn build(
    info: ArticleInfo,
    mut rows: Vec<MentionRow>,
    mut timexes: Vec<TimexRow>,
    file_articles: Option<&[Article]>,
    problems: &mut Vec<Problem>,
) -> Document {
    rows.sort_by_key(|row| (row.start, row.end));
    // Mentions never share a first code point: a repeated row (a task that ran twice) is one mention.
    rows.dedup_by_key(|row| row.start);
    timexes.sort_by_key(|t| (t.start, t.end));
    let path = PathBuf::from(&info.path);
    let own = file_articles.and_then(|articles| find_article(articles, &info));
    let full = own.and_then(|article| {
        let text = article.text.as_str();
        in_full_text(&text, &rows, &timexes).map(|placed| (text.into_owned(), placed))
    });
    let full_text = full.is_some();
    let (text, (places, mut found_timexes, mut events)) = full.unwrap_or_else(|| {
        // The mentions go in too: a passage can end inside its mention ("Sault Ste." ends a sentence for the
        // passage splitter), and the mention then continues the passage.
        let pieces =
            rows.iter().flat_map(|row| [(row.passage_start, row.passage.as_str()), (row.start, row.mention.as_str())]);
        let stand_in = StandIn::new(pieces, info.chars);
        let mut placed = placed_for(rows.len());
        for row in &rows {
            let passage_end = row.passage_start.saturating_add(row.passage.chars().count() as u32);
            let range = stand_in.byte_range(row.start, row.end);
            let passage = stand_in.byte_range(row.passage_start, passage_end);
            let fits = range.as_ref().is_some_and(|r| stand_in.text[r.clone()] == *row.mention);
            let pushed = match (range, passage) {
                (Some(range), Some(passage)) if fits => push_mention(&mut placed, row, range, passage),
                _ => None,
            };
            if pushed.is_none() {
                let reason = format!(
                    "the stored mention “{}” at code points {}..{} is not in its stored passage; left out",
                    row.mention, row.start, row.end
                );
                problems.push(problem(&path, info.line, reason));
            }
        }
        placed.1 = timexes
            .iter()
            .enumerate()
            .filter_map(|(i, t)| Some((timex(t, stand_in.byte_range(t.start, t.end)?)?, i)))
            .collect();
        (stand_in.text, placed)
    });
    found_timexes.sort_by_key(|(t, _)| t.byte_range.start());
    let timexes: Vec<Timex> = found_timexes.drain(..).map(|(t, _)| t).collect();
    for (event, place) in events.iter_mut().zip(&places) {
        date_event(event, place, &timexes);
    }
    let published = info.published.map(|date| ArticleDate { date, byte_range: None, source: info.published_source });
    let mut article = Article {
        id: info.id,
        source: SourceRef { path, line: info.line },
        title: info.title,
        text: text.into(),
        metadata_date: None,
    };
    // Compressed here, on a worker, as `index::analyze` does: the thread that adds documents to the atlas
    // (the window's) does not.
    article.text.pack();
    Document {
        article,
        published,
        places,
        timexes,
        language: info.language,
        stored: Some(Box::new(StoredDocument {
            events,
            full_text,
            original: None,
            worked_out: false,
            in_atlas: false,
        })),
    }
}

/// Gives a stored event dated by a date expression that expression's precision and index, when the
/// article's date expressions include one of that day near the mention (the nearest); the layout stores the
/// day alone.
fn date_event(event: &mut StoredEvent, place: &PlaceMention, timexes: &[Timex]) {
    match (event.dating, event.day) {
        (EventDating::Sentence | EventDating::Paragraph, Some(day)) => {
            let mention = place.byte_range.start();
            let nearest = timexes
                .iter()
                .enumerate()
                .filter_map(|(i, t)| {
                    let span = t.span?;
                    (span.precision <= DatePrecision::Month && day_number(span.start) == day).then_some((i, t, span))
                })
                .min_by_key(|(_, t, _)| t.byte_range.start().abs_diff(mention));
            (event.precision, event.timex) = match nearest {
                Some((i, _, span)) => (Some(span.precision), i as u32),
                None => (Some(DatePrecision::Day), NO_TIMEX),
            };
        }
        (EventDating::SetByUser | EventDating::Article, Some(_)) => event.precision = Some(DatePrecision::Day),
        (_, None) => event.dating = EventDating::Undated,
        _ => {}
    }
}

fn problem(path: &Path, line: Option<usize>, reason: String) -> Problem {
    Problem { path: path.to_path_buf(), line, error: ReadError::Malformed(reason) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_that_can_date_an_event_have_spans() {
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let rows = [
            ("2017-01-23", Some((date(2017, 1, 23), date(2017, 1, 23), DatePrecision::Day))),
            ("2016-12", Some((date(2016, 12, 1), date(2016, 12, 31), DatePrecision::Month))),
            ("2017-W03", Some((date(2017, 1, 16), date(2017, 1, 22), DatePrecision::Week))),
            ("2017", None),
            ("P3D", None),
            ("PRESENT_REF", None),
            ("XXXX-01-23", None),
        ];
        for (value, expected) in rows {
            assert_eq!(value_span(value).map(|s| (s.start, s.end, s.precision)), expected, "{value}");
        }
    }

    #[test]
    fn labels_read_back() {
        for dating in [EventDating::Sentence, EventDating::Paragraph, EventDating::Article, EventDating::Undated] {
            assert_eq!(dating_of_label(dating.label()), Some(dating));
        }
        assert_eq!(date_source_of_label(Some("dateline")), DateSource::Dateline);
        assert_eq!(timex_type("DURATION"), Some(TimexType::Duration));
    }

    #[test]
    fn code_points_become_bytes() {
        let map = CharToByte::new("Zürich and Kraków", vec![11, 0, 17, 6, 99]);
        assert_eq!(map.range(0, 6), Some(0..7));
        assert_eq!(map.range(11, 17), Some(12..19));
        assert_eq!(map.byte(99), None, "past the end");
    }

    /// Regression: the passage splitter ends a sentence at "Ste.", so "Sault Ste. Marie" ran past the end of
    /// its passage and was left out of an article whose file could not be read (19 of a million generated
    /// mentions).
    #[test]
    fn a_mention_running_past_its_passage_is_kept_without_the_article() {
        let gaz = Gazetteer::bundled();
        let place = gaz.lookup("Sault Ste. Marie")[0];
        let info = ArticleInfo {
            id: "a".into(),
            path: "gone/a.txt".into(),
            line: None,
            title: "a".into(),
            published: None,
            published_source: DateSource::Metadata,
            language: Language::ENGLISH,
            chars: Some(60),
            mentions: Some(1),
        };
        let row = MentionRow {
            start: 13,
            end: 29,
            mention: "Sault Ste. Marie".into(),
            place,
            form: Form::Name,
            confidence: 0.9,
            date: None,
            dating: EventDating::Undated,
            passage: "Officials in Sault Ste.".into(),
            passage_start: 0,
        };
        let mut problems = Vec::new();
        let document = build(info, vec![row], Vec::new(), None, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        let text = document.article.text.as_str();
        assert_eq!(text, "Officials in Sault Ste. Marie\n\n[…]");
        assert_eq!(&text[document.places[0].byte_range], "Sault Ste. Marie");
        assert_eq!(&text[document.stored.unwrap().events[0].passage], "Officials in Sault Ste.");
    }

    #[test]
    fn places_are_found_by_id_then_by_name_near_their_point() {
        let gaz = Gazetteer::bundled();
        let resolver = PlaceResolver::new(gaz);
        let doha = gaz.lookup("Doha").iter().copied().find(|&id| gaz.place(id).country_code == "QA").unwrap();
        let place = gaz.place(doha);
        let by_id = resolver.resolve(&place.place_id(), None, "x", "", None);
        assert_eq!(by_id, Ok(doha));
        let by_name = resolver.resolve("geonames:1", None, "Doha", "QA", Some((place.lat_deg + 0.1, place.lon_deg)));
        assert_eq!(by_name, Ok(doha));
        let far = resolver.resolve("geonames:1", None, "Doha", "QA", Some((0.0, 0.0)));
        assert!(far.unwrap_err().contains("not in this gazetteer"));
    }
}
