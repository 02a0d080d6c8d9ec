//! Events (a place mention with a date and a passage) and the queries the views ask of them.
//!
//! [`analyze`] turns an [`Article`] into a [`Document`]: its publication date, place mentions and date
//! expressions. An [`Atlas`] collects documents as they arrive and answers time-window and place queries.

mod bins;
pub mod load;
mod passage;
pub mod review;
mod search;
mod time_index;

use std::ops::Range;

use chrono::NaiveDate;

use crate::corpus::{Article, ByteSpan};
use crate::gazetteer::{Gazetteer, PlaceId};
use crate::geoparse::{self, PlaceMention};
use crate::language::Language;
use crate::timex::{self, ArticleDate, DatePrecision, DateSource, DateSpan, Timex};

pub use bins::{BinUnit, bin_edges};
pub use passage::{MAX_PASSAGE_SIDE_BYTES, bounded_passage, has_blank_lines, paragraph_range, passage_range};
pub use search::{Certainty, Filter, parse_query};
pub use time_index::{PlaceSummary, TimeIndex};

/// An article with everything extracted from it.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub article: Article,
    pub published: Option<ArticleDate>,
    pub places: Vec<PlaceMention>,
    pub timexes: Vec<Timex>,
    /// The language the article is written in; places in other languages than English are found only by
    /// the names that are safe in any language ([`geoparse::find_places_in`]).
    pub language: Language,
    /// What a stored analysis said of the document when it was read from one ([`crate::stored`]) rather than
    /// analysed: its events' dates and passages are taken from there, not worked out from the text.
    /// Boxed: analysed documents, nearly all of them, carry 8 bytes for it.
    pub stored: Option<Box<StoredDocument>>,
}

/// What a stored analysis (`docs/stored-analysis.md`) gives a document beyond its places and dates: each
/// mention's date and passage as the analysis that wrote it found them, which no one works out again.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StoredDocument {
    /// One per stored mention, sorted by the mention's first byte (mentions never start at the same byte).
    /// Once the document is in an [`Atlas`] and uncorrected, its events say the same and these are dropped
    /// (`in_atlas`): at ten million mentions they would hold 300 MB beside the atlas's own. Only the stored
    /// events of mentions later dated by hand are kept then, to take the hand's date back
    /// ([`Atlas::document_as_stored`]).
    pub events: Vec<StoredEvent>,
    /// The events live in the atlas's own (see `events`).
    pub in_atlas: bool,
    /// False when the article's file could not be read (or no longer matches the stored mentions): the text is
    /// then the stored passages, each once, with [`GAP_MARKER`] where the article went on.
    pub full_text: bool,
    /// The places and the publication date as stored, kept once a correction has changed them, so that
    /// a correction taken back finds them again ([`Document::as_analysed`]).
    pub original: Option<Box<(Vec<PlaceMention>, Option<ArticleDate>)>>,
    /// The events were worked out from the full text by this engine, just now ([`analyze_for_atlas`]) or when the
    /// folder's analysis was cached ([`crate::cache`]), not read from a stored analysis: they are what
    /// [`Atlas::add`] would work out, on a reading thread instead of the window's. The document is then a
    /// plain analysed one: the atlas drops them once added, and a correction drops them first.
    pub worked_out: bool,
}

impl StoredDocument {
    /// The events of `document` worked out from its text ([`work_out_events`]).
    pub fn worked_out(text: &str, places: &[PlaceMention], timexes: &[Timex], published: Option<&ArticleDate>) -> Self {
        let article_day = published.map(|p| day_number(p.date));
        let events = work_out_events(text, places, timexes, article_day);
        StoredDocument { events, full_text: true, original: None, worked_out: true, in_atlas: false }
    }
}

/// Between two stored passages of an article whose file could not be read: what stands for the text left out.
pub const GAP_MARKER: &str = "\n\n[…]\n\n";

/// One stored mention's date and passage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoredEvent {
    /// The mention's first byte in the document's text.
    pub byte_start: u32,
    /// The day the mention was placed on, if any.
    pub day: Option<DayNumber>,
    pub precision: Option<DatePrecision>,
    pub dating: EventDating,
    /// The passage shown for the mention.
    pub passage: ByteSpan,
    /// Index into the document's `timexes` of the expression that gave the date, or [`NO_TIMEX`].
    pub timex: u32,
}

impl StoredEvent {
    /// The stored event of the mention starting at `byte_start`.
    fn find(events: &[StoredEvent], byte_start: usize) -> Option<&StoredEvent> {
        let at = events.binary_search_by_key(&byte_start, |e| e.byte_start as usize).ok()?;
        events.get(at)
    }
}

impl Document {
    /// The document as its analysis gave it, before any correction: analysed again from its text, or, for a
    /// document read from a stored analysis, as it was stored (nothing is analysed again).
    pub fn as_analysed(&self, gazetteer: &Gazetteer) -> Document {
        let Some(stored) = &self.stored else { return analyze(self.article.clone(), gazetteer) };
        let mut document = self.clone();
        if let Some(original) = &stored.original {
            (document.places, document.published) = (**original).clone();
        }
        document
    }
}

/// Reads the article's date, then its places and dates: for records written as they are made (`newsatlas
/// extract`, the Python package). See [`analyze_for_atlas`] for a document to keep.
pub fn analyze(article: Article, gazetteer: &Gazetteer) -> Document {
    analyze_inner(article, gazetteer, false)
}

/// [`analyze`], then what a document kept in an [`Atlas`] wants, done here, on a reading thread, rather than
/// by [`Atlas::add`] on the thread that adds documents: each mention's date and passage worked out while the
/// text is plain ([`StoredDocument::worked_out`]), and the text compressed (see
/// [`ArticleText`](crate::corpus::ArticleText)).
pub fn analyze_for_atlas(article: Article, gazetteer: &Gazetteer) -> Document {
    analyze_inner(article, gazetteer, true)
}

fn analyze_inner(mut article: Article, gazetteer: &Gazetteer, for_atlas: bool) -> Document {
    let text = article.text.as_str();
    let dates = timex::DateExpressions::tag(&text);
    let published = publication_date(&article, &dates);
    let mut timexes = dates.resolve(published.as_ref().map(|d| d.date));
    drop(dates);
    let language = crate::language::detect(&text);
    let places = geoparse::find_places_in(&text, language, gazetteer);
    // Documents stay in memory for the whole session: no spare capacity (a third more timexes than needed).
    timexes.shrink_to_fit();
    let stored = for_atlas.then(|| Box::new(StoredDocument::worked_out(&text, &places, &timexes, published.as_ref())));
    drop(text);
    if for_atlas {
        article.text.pack();
    }
    Document { article, published, places, timexes, language, stored }
}

/// Metadata first (JSONL fields, front matter), then a dateline among the article's `dates`, then a date in
/// the file name.
fn publication_date(article: &Article, dates: &timex::DateExpressions) -> Option<ArticleDate> {
    if let Some(meta) = &article.metadata_date
        && let Some(date) = timex::parse_date_value(&meta.value)
    {
        let source = if meta.field.starts_with("jsonl") { DateSource::Given } else { DateSource::Metadata };
        return Some(ArticleDate { date, byte_range: None, source });
    }
    dates.dateline().or_else(|| {
        let name = article.source.path.file_name()?.to_string_lossy();
        let date = timex::date_from_file_name(&name)?;
        Some(ArticleDate { date, byte_range: None, source: DateSource::FileName })
    })
}

/// A plain-words label for where an article date came from.
pub fn date_source_label(source: DateSource) -> &'static str {
    match source {
        DateSource::Dateline => "dateline",
        DateSource::Metadata => "metadata",
        DateSource::FileName => "file name",
        DateSource::Given => "given",
        DateSource::SetByUser => "set by hand",
    }
}

/// Index of a document in [`Atlas::documents`].
pub type DocId = u32;

/// Days since 0001-01-01 (chrono's `num_days_from_ce`): compact, ordered, and cheap to bin.
pub type DayNumber = i32;

pub fn day_number(date: NaiveDate) -> DayNumber {
    chrono::Datelike::num_days_from_ce(&date)
}

pub fn date_of_day(day: DayNumber) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(day)
}

/// Which date an event took, from the most certain to the least.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum EventDating {
    /// A date the user set for this event.
    SetByUser,
    /// A date expression in the mention's sentence, the nearest one.
    Sentence,
    /// A date expression elsewhere in the mention's paragraph: the last one before the sentence, else the
    /// first one after it.
    Paragraph,
    /// The article's publication date.
    Article,
    /// Neither: the event is undated.
    Undated,
}

impl EventDating {
    /// A plain-words label for the timeline and the reader.
    pub fn label(self) -> &'static str {
        match self {
            EventDating::Sentence => "date in the sentence",
            EventDating::Paragraph => "date in the paragraph",
            EventDating::Article => "article date",
            EventDating::Undated => "undated",
            EventDating::SetByUser => "set by hand",
        }
    }
}

/// One place mention placed in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Event {
    pub doc: DocId,
    /// Index into the document's `places`.
    pub mention: u32,
    pub place: PlaceId,
    /// The first day of the date the event took.
    pub day: Option<DayNumber>,
    /// How fine that date is: a month-precise date puts the event on the month's first day.
    pub precision: Option<DatePrecision>,
    pub dating: EventDating,
    /// The passage (sentence) around the mention, kept so that passages and co-mentions are found without
    /// reading the (compressed) text.
    passage: ByteSpan,
    /// Index into the document's `timexes` of the expression that dated the event, or [`NO_TIMEX`]: an
    /// `Option<u32>` would take 8 bytes, and a million events 4 MB more (see [`Event::timex`]).
    timex: u32,
}

/// The `timex` of an event that no date expression dated.
pub const NO_TIMEX: u32 = u32::MAX;

impl Event {
    /// Index into the document's `timexes` of the expression that dated the event, if one did.
    pub fn timex(&self) -> Option<u32> {
        (self.timex != NO_TIMEX).then_some(self.timex)
    }
}

/// Makes room for `more` items, growing by an eighth at a time rather than doubling: the atlas's vectors are
/// the largest in the program, and a doubled vector's unused half is memory a large folder never gives back
/// (what a copy has touched stays resident). Growing by an eighth copies about eight times the final size
/// in all, a few tens of milliseconds for 100,000 articles.
fn reserve_gently<T>(vec: &mut Vec<T>, more: usize) {
    if vec.capacity() - vec.len() < more {
        vec.reserve_exact(more.max(vec.len() / 8).max(1024));
    }
}

/// Date expressions that can date an event: a day, a week or a month, not a year or a duration.
fn dating_timexes(timexes: &[Timex]) -> Vec<(usize, &Timex, DateSpan)> {
    timexes
        .iter()
        .enumerate()
        .filter_map(|(i, t)| {
            let span = t.span?;
            (span.precision <= DatePrecision::Month).then_some((i, t, span))
        })
        .collect()
}

/// The nearest of `candidates` (sorted by position) inside `range` to `mention`; earlier wins a tie.
///
/// Date expressions do not overlap, so sorted by start they are sorted by end too: every step is a binary
/// search, and a sentence or paragraph of any length costs the same (a scan from its start made one long
/// paragraph quadratic, issue 18).
fn nearest_in<'a>(
    candidates: &'a [(usize, &Timex, DateSpan)],
    range: &Range<usize>,
    mention: &Range<usize>,
) -> Option<&'a (usize, &'a Timex, DateSpan)> {
    let first = candidates.partition_point(|(_, t, _)| t.byte_range.start() < range.start);
    let inside = &candidates[first..];
    let inside = &inside[..inside.partition_point(|(_, t, _)| t.byte_range.end() <= range.end)];
    // Before the mention, the nearest is the last; after it (or overlapping it), the first.
    let split = inside.partition_point(|(_, t, _)| t.byte_range.end() <= mention.start);
    let before = split.checked_sub(1).map(|i| (&inside[i], mention.start - inside[i].1.byte_range.end()));
    let after = inside.get(split).map(|c| (c, c.1.byte_range.start().saturating_sub(mention.end)));
    match (before, after) {
        (Some((before, gap_before)), Some((after, gap_after))) => {
            Some(if gap_before <= gap_after { before } else { after })
        }
        (before, after) => before.or(after).map(|(c, _)| c),
    }
}

/// In `paragraph`, outside `sentence`: the last candidate before the sentence, else the first after it. Binary
/// searches, as in [`nearest_in`].
fn paragraph_date<'a>(
    candidates: &'a [(usize, &Timex, DateSpan)],
    paragraph: &Range<usize>,
    sentence: &Range<usize>,
) -> Option<&'a (usize, &'a Timex, DateSpan)> {
    let first = candidates.partition_point(|(_, t, _)| t.byte_range.start() < paragraph.start);
    let inside = &candidates[first..];
    let before = inside.partition_point(|(_, t, _)| t.byte_range.end() <= sentence.start);
    if let Some(last) = before.checked_sub(1) {
        return Some(&inside[last]);
    }
    let after = inside.partition_point(|(_, t, _)| t.byte_range.start() < sentence.end);
    inside.get(after).filter(|(_, t, _)| t.byte_range.end() <= paragraph.end)
}

/// Each mention's date and passage, worked out from the text: the nearest date expression of a day, week or
/// month in its sentence, else one in its paragraph, else the article's date (`article_day`). `places` sorted by
/// position, as the place finder gives them.
pub fn work_out_events(
    text: &str,
    places: &[PlaceMention],
    timexes: &[Timex],
    article_day: Option<DayNumber>,
) -> Vec<StoredEvent> {
    let candidates = dating_timexes(timexes);
    let blank_lines = has_blank_lines(text);
    // Mentions come sorted by position, so each sentence's bounds and date are found once however many
    // places it names.
    let mut sentence: Range<usize> = 0..0;
    let mut paragraph: Range<usize> = 0..0;
    let mut paragraph_choice = None;
    let mut events = Vec::with_capacity(places.len());
    for (mention, place) in places.iter().enumerate() {
        if mention == 0 || place.byte_range.start() >= sentence.end {
            sentence = passage_range(text, place.byte_range.start());
            if mention == 0 || place.byte_range.start() >= paragraph.end {
                paragraph = paragraph_range(text, place.byte_range.start(), blank_lines);
            }
            paragraph_choice = paragraph_date(&candidates, &paragraph, &sentence);
        }
        let in_sentence = nearest_in(&candidates, &sentence, &place.byte_range.range());
        let (day, precision, dating, timex) = match (in_sentence, paragraph_choice, article_day) {
            (Some((i, _, span)), _, _) => {
                (Some(day_number(span.start)), Some(span.precision), EventDating::Sentence, Some(*i as u32))
            }
            (None, Some((i, _, span)), _) => {
                (Some(day_number(span.start)), Some(span.precision), EventDating::Paragraph, Some(*i as u32))
            }
            (None, None, Some(day)) => (Some(day), Some(DatePrecision::Day), EventDating::Article, None),
            (None, None, None) => (None, None, EventDating::Undated, None),
        };
        // An article with 4 billion date expressions would need 4 billion bytes of dates in its text, which the
        // reader refuses: `NO_TIMEX` is never a real index.
        let timex = timex.unwrap_or(NO_TIMEX);
        // The reader refuses texts whose offsets would not fit in 32 bits.
        let passage = ByteSpan::new(bounded_passage(text, &sentence, &place.byte_range.range())).unwrap_or_default();
        events.push(StoredEvent {
            byte_start: place.byte_range.start() as u32,
            day,
            precision,
            dating,
            passage,
            timex,
        });
    }
    events
}

/// The event of a mention read from a stored analysis: its stored date and passage, except that a mention
/// dated by its article's date follows that date when the user has set another (or removed it).
fn stored_event(
    stored: &StoredEvent,
    doc: DocId,
    mention: u32,
    place: PlaceId,
    article_day: Option<DayNumber>,
) -> Event {
    let mut event = Event {
        doc,
        mention,
        place,
        day: stored.day,
        precision: stored.precision,
        dating: stored.dating,
        passage: stored.passage,
        timex: stored.timex,
    };
    if matches!(stored.dating, EventDating::Article | EventDating::Undated) {
        (event.day, event.precision, event.dating) = match article_day {
            Some(day) => (Some(day), Some(DatePrecision::Day), EventDating::Article),
            None => (None, None, EventDating::Undated),
        };
    }
    event
}

/// The stored event an event was made from ([`stored_event`] the other way round; an event dated by the
/// article's date is that again when added).
fn stored_event_of(event: &Event, place: &PlaceMention) -> StoredEvent {
    StoredEvent {
        byte_start: place.byte_range.start() as u32,
        day: event.day,
        precision: event.precision,
        dating: event.dating,
        passage: event.passage,
        timex: event.timex,
    }
}

/// A sentence that mentions a place, with every mention of it in that sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    pub doc: DocId,
    pub byte_range: Range<usize>,
    /// Byte ranges of the place's mentions, in text order.
    pub mentions: Vec<Range<usize>>,
    pub day: Option<DayNumber>,
    /// How fine that date is.
    pub precision: Option<DatePrecision>,
    /// Where the first mention's date came from.
    pub dating: EventDating,
}

/// Every document loaded so far and its events.
#[derive(Debug, Default, Clone)]
pub struct Atlas {
    documents: Vec<Document>,
    events: Vec<Event>,
    /// How many times documents were replaced ([`Atlas::revision`]).
    revision: u64,
    /// Documents with no publication date, kept as they come: the timeline shows it every frame.
    undated: usize,
}

/// Mentions of one place in a query's window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlaceCount {
    pub place: PlaceId,
    pub mentions: u32,
}

/// A closed range of days, or everything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeWindow {
    pub days: Option<(DayNumber, DayNumber)>,
    pub include_undated: bool,
}

impl TimeWindow {
    pub const ALL: TimeWindow = TimeWindow { days: None, include_undated: true };

    pub fn contains(&self, event: &Event) -> bool {
        match (event.day, self.days) {
            (None, _) => self.include_undated,
            (Some(_), None) => true,
            (Some(day), Some((first, last))) => first <= day && day <= last,
        }
    }
}

impl Atlas {
    pub fn new() -> Atlas {
        Atlas::default()
    }

    pub fn documents(&self) -> &[Document] {
        &self.documents
    }

    pub fn document(&self, id: DocId) -> &Document {
        &self.documents[id as usize]
    }

    /// A copy of the document with a stored analysis's events in it as [`Atlas::add`] took them (they live in
    /// the atlas once it is added: [`StoredDocument::in_atlas`]), dates set by hand taken back; for putting
    /// the document through [`Atlas::add`] again.
    pub fn document_as_stored(&self, id: DocId) -> Document {
        let mut document = self.documents[id as usize].clone();
        if let Some(stored) = document.stored.as_deref_mut()
            && stored.in_atlas
        {
            let own = self.events_of(id).iter();
            let hand_dated = std::mem::take(&mut stored.events);
            stored.events = own
                .filter_map(|event| {
                    let place = document.places.get(event.mention as usize)?;
                    let kept = StoredEvent::find(&hand_dated, place.byte_range.start());
                    Some(kept.copied().unwrap_or_else(|| stored_event_of(event, place)))
                })
                .collect();
            stored.in_atlas = false;
        }
        document
    }

    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// Adds a document and its events, and compresses its text if [`analyze_for_atlas`] has not; returns its id.
    pub fn add(&mut self, mut document: Document) -> DocId {
        reserve_gently(&mut self.documents, 1);
        reserve_gently(&mut self.events, document.places.len());
        let doc = self.documents.len() as DocId;
        let article_day = document.published.as_ref().map(|p| day_number(p.date));
        let worked_out;
        let events = match document.stored.as_deref() {
            Some(stored) => &stored.events,
            None => {
                worked_out =
                    work_out_events(&document.article.text.as_str(), &document.places, &document.timexes, article_day);
                &worked_out
            }
        };
        for (mention, place) in document.places.iter().enumerate() {
            let start = place.byte_range.start();
            // Corrections only drop or move mentions of a stored analysis, so each has its stored event; the
            // fallback is the article's date and the mention itself as its passage.
            let fallback = StoredEvent {
                byte_start: start as u32,
                day: None,
                precision: None,
                dating: EventDating::Article,
                passage: place.byte_range,
                timex: NO_TIMEX,
            };
            // Worked-out events are one per mention, in order; after a correction, found by position.
            let found = events
                .get(mention)
                .filter(|e| e.byte_start as usize == start)
                .or_else(|| StoredEvent::find(events, start))
                .unwrap_or(&fallback);
            self.events.push(stored_event(found, doc, mention as u32, place.place, article_day));
        }
        match document.stored.as_deref_mut() {
            Some(stored) if stored.worked_out => document.stored = None,
            // A stored document no correction changed: its events are the atlas's now.
            Some(stored) if stored.original.is_none() => {
                stored.events = Vec::new();
                stored.in_atlas = true;
            }
            _ => {}
        }
        document.article.text.pack();
        self.undated += usize::from(document.published.is_none());
        self.documents.push(document);
        doc
    }

    /// Gives one event a date set by the user. `mention` indexes the document's `places`.
    pub fn set_event_day(&mut self, doc: DocId, mention: u32, day: DayNumber) {
        // Events are pushed document by document and mention by mention, so they are sorted by both.
        if let Ok(at) = self.events.binary_search_by_key(&(doc, mention), |e| (e.doc, e.mention)) {
            let event = &mut self.events[at];
            // A stored document's own event is kept before the hand changes it, so taking the date back finds it.
            let Document { places, stored, .. } = &mut self.documents[doc as usize];
            if let Some(stored) = stored.as_deref_mut()
                && stored.in_atlas
                && event.dating != EventDating::SetByUser
                && let Some(place) = places.get(mention as usize)
            {
                let original = stored_event_of(event, place);
                let at = stored.events.partition_point(|e| e.byte_start < original.byte_start);
                if stored.events.get(at).is_none_or(|e| e.byte_start != original.byte_start) {
                    stored.events.insert(at, original);
                }
            }
            event.day = Some(day);
            event.precision = Some(DatePrecision::Day);
            event.dating = EventDating::SetByUser;
            event.timex = NO_TIMEX;
        }
    }

    /// Counts the replacements of documents ([`Atlas::replace_documents`]): what was worked out from the
    /// documents is stale when it changed; documents added since are new ones.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Replaces documents (re-analysed or corrected) and their events, leaving every other event as it was.
    pub fn replace_documents(&mut self, mut replacements: Vec<(DocId, Document)>) {
        self.revision += 1;
        replacements.sort_by_key(|(id, _)| *id);
        replacements.dedup_by_key(|(id, _)| *id);
        let old = std::mem::take(&mut self.events);
        let mut rest = old.as_slice();
        for (id, document) in replacements {
            if id as usize >= self.documents.len() {
                continue;
            }
            let before = rest.partition_point(|e| e.doc < id);
            self.events.extend_from_slice(&rest[..before]);
            rest = &rest[before..];
            rest = &rest[rest.partition_point(|e| e.doc == id)..];
            // The events of one document, computed as `add` does, then moved to the document's id.
            let mut one = Atlas::new();
            one.add(document);
            self.events.extend(one.events.into_iter().map(|e| Event { doc: id, ..e }));
            if let Some(document) = one.documents.pop() {
                let replaced = std::mem::replace(&mut self.documents[id as usize], document);
                self.undated -= usize::from(replaced.published.is_none());
                self.undated += usize::from(self.documents[id as usize].published.is_none());
            }
        }
        self.events.extend_from_slice(rest);
    }

    /// Documents with no publication date.
    pub fn undated_documents(&self) -> usize {
        self.undated
    }

    /// The events of one document: events are pushed document by document, so they are sorted by it.
    pub fn events_of(&self, doc: DocId) -> &[Event] {
        let first = self.events.partition_point(|e| e.doc < doc);
        let count = self.events[first..].partition_point(|e| e.doc == doc);
        &self.events[first..first + count]
    }

    /// First and last day of any dated event.
    pub fn day_extent(&self) -> Option<(DayNumber, DayNumber)> {
        let mut days = self.events.iter().filter_map(|e| e.day);
        let first = days.next()?;
        Some(days.fold((first, first), |(lo, hi), d| (lo.min(d), hi.max(d))))
    }

    /// Mentions per place inside `window`, most mentioned first (ties by place id).
    pub fn place_counts(&self, window: &TimeWindow) -> Vec<PlaceCount> {
        let mut counts: std::collections::HashMap<PlaceId, u32> = std::collections::HashMap::new();
        for event in self.events.iter().filter(|e| window.contains(e)) {
            *counts.entry(event.place).or_default() += 1;
        }
        let mut out: Vec<PlaceCount> =
            counts.into_iter().map(|(place, mentions)| PlaceCount { place, mentions }).collect();
        out.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.place.cmp(&b.place)));
        out
    }

    /// Dated events per bin, bin `i` holding days in `[edges[i], edges[i + 1])`; `edges` must be sorted.
    /// Only events of `place` are counted when it is given; undated events never are.
    pub fn histogram(&self, edges: &[DayNumber], place: Option<PlaceId>) -> Vec<u32> {
        let mut out = vec![0u32; edges.len().saturating_sub(1)];
        for event in &self.events {
            if place.is_some_and(|p| p != event.place) {
                continue;
            }
            let Some(day) = event.day else { continue };
            let bin = edges.partition_point(|&edge| edge <= day);
            if bin > 0
                && let Some(slot) = out.get_mut(bin - 1)
            {
                *slot += 1;
            }
        }
        out
    }

    /// Events of one place inside `window`: dated ones first, oldest first, then by article and position.
    pub fn events_of_place(&self, place: PlaceId, window: &TimeWindow) -> Vec<Event> {
        self.events_of_place_where(place, window, &Filter::default())
    }

    /// [`Atlas::events_of_place`], keeping only the events `filter` keeps.
    pub fn events_of_place_where(&self, place: PlaceId, window: &TimeWindow, filter: &Filter) -> Vec<Event> {
        let mut events: Vec<Event> =
            self.events.iter().filter(|e| e.place == place && window.contains(e) && filter.keeps(e)).copied().collect();
        events.sort_by_key(|e| (e.day.is_none(), e.day, self.document(e.doc).article.id.as_str(), e.mention));
        events
    }

    /// The passages that mention `place` inside `window`, in the order of [`Atlas::events_of_place`]; a
    /// sentence that names the place twice is one passage with two mentions.
    pub fn passages_of_place(&self, place: PlaceId, window: &TimeWindow) -> Vec<Passage> {
        self.passages_of_place_where(place, window, &Filter::default())
    }

    /// [`Atlas::passages_of_place`], keeping only the mentions `filter` keeps.
    pub fn passages_of_place_where(&self, place: PlaceId, window: &TimeWindow, filter: &Filter) -> Vec<Passage> {
        let mut passages: Vec<Passage> = Vec::new();
        for event in self.events_of_place_where(place, window, filter) {
            let byte_range = self.passage(&event);
            let mention = self.document(event.doc).places[event.mention as usize].byte_range.range();
            match passages.last_mut() {
                Some(last) if last.doc == event.doc && last.byte_range == byte_range => last.mentions.push(mention),
                _ => passages.push(Passage {
                    doc: event.doc,
                    byte_range,
                    mentions: vec![mention],
                    day: event.day,
                    precision: event.precision,
                    dating: event.dating,
                }),
            }
        }
        passages
    }

    /// Pairs of places named in one passage, with how many passages name both, most first; only events in
    /// `window` that `filter` keeps count. Pairs are ordered (smaller place id first).
    pub fn co_mentions(&self, window: &TimeWindow, filter: &Filter) -> Vec<(PlaceId, PlaceId, u32)> {
        let mut pairs: std::collections::HashMap<(PlaceId, PlaceId), u32> = std::collections::HashMap::new();
        let mut group: Vec<PlaceId> = Vec::new();
        let mut group_key: Option<(DocId, Range<usize>)> = None;
        let mut flush = |group: &mut Vec<PlaceId>| {
            group.sort_unstable();
            group.dedup();
            for (i, &a) in group.iter().enumerate() {
                for &b in &group[i + 1..] {
                    *pairs.entry((a, b)).or_default() += 1;
                }
            }
            group.clear();
        };
        for event in self.events.iter().filter(|e| window.contains(e) && filter.keeps(e)) {
            let key = (event.doc, self.passage(event));
            if group_key.as_ref() != Some(&key) {
                flush(&mut group);
                group_key = Some(key);
            }
            group.push(event.place);
        }
        flush(&mut group);
        let mut out: Vec<(PlaceId, PlaceId, u32)> = pairs.into_iter().map(|((a, b), n)| (a, b, n)).collect();
        out.sort_unstable_by(|x, y| y.2.cmp(&x.2).then((x.0, x.1).cmp(&(y.0, y.1))));
        out
    }

    /// The passage (sentence) around an event's mention, as a byte range of its document's text.
    pub fn passage(&self, event: &Event) -> Range<usize> {
        event.passage.range()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_take_sentence_then_paragraph_then_article_date() {
        let gaz = Gazetteer::bundled();
        let text = "Syria talks\n13 January, 2017\n\nTalks in Astana begin on 23 January. Delegates flew from \
                    Moscow.\n\nFighting went on near Aleppo. In Geneva, envoys met on Tuesday; Ankara stayed away.";
        let doc = analyze(Article::for_test("a.txt", text), gaz);
        assert_eq!(doc.published.as_ref().unwrap().date, NaiveDate::from_ymd_opt(2017, 1, 13).unwrap());
        let mut atlas = Atlas::new();
        atlas.add(doc);
        let named: Vec<(String, Option<NaiveDate>, EventDating)> = atlas
            .events()
            .iter()
            .map(|e| (gaz.place(e.place).name.clone(), e.day.and_then(date_of_day), e.dating))
            .collect();
        let date = |d| NaiveDate::from_ymd_opt(2017, 1, d);
        let expected = [
            ("Astana", date(23), EventDating::Sentence),
            ("Moscow", date(23), EventDating::Paragraph),
            ("Aleppo", date(10), EventDating::Paragraph),
            ("Geneva", date(10), EventDating::Sentence),
            ("Ankara", date(10), EventDating::Sentence),
        ];
        for (name, day, dating) in expected {
            assert!(named.contains(&(name.into(), day, dating)), "{name}: {named:?}");
        }
        let aleppo = atlas.events().iter().find(|e| gaz.place(e.place).name == "Aleppo").unwrap();
        assert_eq!(aleppo.precision, Some(DatePrecision::Day));
        assert!(aleppo.timex().is_some());
    }

    /// A stored document's events live in the atlas once added; put through the atlas again (a correction),
    /// it has them back as stored, a date set by hand taken back.
    #[test]
    fn stored_events_move_into_the_atlas_and_come_back_as_stored() {
        let gaz = Gazetteer::bundled();
        let text = "Syria talks\n13 January, 2017\n\nTalks in Astana begin on 23 January. Delegates flew from \
                    Moscow.\n\nIn Geneva, envoys met on Tuesday; Ankara stayed away.";
        let mut document = analyze(Article::for_test("a.txt", text), gaz);
        let mut stored =
            StoredDocument::worked_out(text, &document.places, &document.timexes, document.published.as_ref());
        stored.worked_out = false;
        let as_stored = stored.events.clone();
        document.stored = Some(Box::new(stored));
        let mut atlas = Atlas::new();
        atlas.add(document);
        let before = atlas.events().to_vec();
        let kept = atlas.document(0).stored.as_deref().unwrap();
        assert!(kept.in_atlas && kept.events.is_empty(), "the atlas's events say the same");

        atlas.set_event_day(0, 0, day_number(NaiveDate::from_ymd_opt(2020, 5, 1).unwrap()));
        assert_eq!(atlas.events()[0].dating, EventDating::SetByUser);
        let again = atlas.document_as_stored(0);
        assert_eq!(again.stored.as_deref().unwrap().events, as_stored, "the hand's date taken back");
        atlas.replace_documents(vec![(0, again)]);
        assert_eq!(atlas.events(), before.as_slice());
    }

    #[test]
    fn stored_texts_are_packed_and_passages_need_no_text() {
        let gaz = Gazetteer::bundled();
        let sentence = "Ferries from Piraeus to Crete were cancelled on Monday because of high winds. ";
        let text = format!("{}Flights to Heraklion ran as planned.", sentence.repeat(6));
        let mut atlas = Atlas::new();
        atlas.add(analyze(Article::for_test("a.txt", &text), gaz));
        let document = atlas.document(0);
        assert!(document.article.text.is_packed());
        assert_eq!(document.article.text.as_str(), text);
        assert!(!atlas.events().is_empty());
        for event in atlas.events() {
            let mention = &document.places[event.mention as usize];
            assert_eq!(atlas.passage(event), passage_range(&text, mention.byte_range.start()));
        }
    }

    #[test]
    fn atlas_vectors_grow_by_an_eighth_not_by_doubling() {
        let mut items: Vec<u64> = Vec::new();
        for (i, more) in (0..200_000u64).zip([1, 3, 17, 1, 40].into_iter().cycle()) {
            reserve_gently(&mut items, more);
            assert!(items.capacity() >= items.len() + more);
            assert!(items.capacity() <= items.len() + (items.len() / 8).max(1024).max(more), "{i}");
            items.push(i);
        }
    }

    #[test]
    fn events_without_a_date_nearby_take_the_article_date() {
        let gaz = Gazetteer::bundled();
        let text = "Jan. 2, 2017\n\nTalks in Doha begin on 9 January.\n\nDelegates flew from Moscow.";
        let mut atlas = Atlas::new();
        atlas.add(analyze(Article::for_test("a.txt", text), gaz));
        let moscow = atlas.events().iter().find(|e| gaz.place(e.place).name == "Moscow").unwrap();
        assert_eq!(
            (moscow.day.and_then(date_of_day), moscow.dating),
            (NaiveDate::from_ymd_opt(2017, 1, 2), EventDating::Article)
        );
        assert_eq!(moscow.timex(), None);
    }

    #[test]
    fn month_dates_count_years_do_not() {
        let gaz = Gazetteer::bundled();
        let text = "Jan. 2, 2017\n\nFloods hit Lima in March 2016.\n\nQuito grew fast in 2015.";
        let mut atlas = Atlas::new();
        atlas.add(analyze(Article::for_test("a.txt", text), gaz));
        let of = |name: &str| *atlas.events().iter().find(|e| gaz.place(e.place).name == name).unwrap();
        let lima = of("Lima");
        assert_eq!(
            (lima.day.and_then(date_of_day), lima.precision),
            (NaiveDate::from_ymd_opt(2016, 3, 1), Some(DatePrecision::Month))
        );
        assert_eq!(of("Quito").dating, EventDating::Article);
    }

    #[test]
    fn a_sentence_naming_a_place_twice_is_one_passage() {
        let gaz = Gazetteer::bundled();
        let mut atlas = Atlas::new();
        atlas.add(analyze(Article::for_test("a.txt", "ASTANA — Talks in Astana began. Astana was cold."), gaz));
        let astana = atlas.events()[0].place;
        let passages = atlas.passages_of_place(astana, &TimeWindow::ALL);
        let texts: Vec<(String, usize)> = passages
            .iter()
            .map(|p| (atlas.document(p.doc).article.text.as_str()[p.byte_range.clone()].to_owned(), p.mentions.len()))
            .collect();
        assert_eq!(texts, [("ASTANA — Talks in Astana began.".to_owned(), 2), ("Astana was cold.".to_owned(), 1)]);
    }

    #[test]
    fn undated_articles_are_kept_apart() {
        let gaz = Gazetteer::bundled();
        let mut atlas = Atlas::new();
        atlas.add(analyze(Article::for_test("a.txt", "Delegates met in Geneva."), gaz));
        atlas.add(analyze(Article::for_test("b.txt", "Jan. 2, 2017\nDelegates met in Doha."), gaz));
        assert_eq!(atlas.undated_documents(), 1);
        assert_eq!(atlas.events_of(1).iter().map(|e| e.doc).collect::<Vec<_>>(), [1]);
        let mut dated = atlas.clone();
        dated.replace_documents(vec![(0, analyze(Article::for_test("a.txt", "Jan. 3, 2017\nMet in Geneva."), gaz))]);
        assert_eq!(dated.undated_documents(), 0, "kept when a document is replaced");
        let day = day_number(NaiveDate::from_ymd_opt(2017, 1, 2).unwrap());
        let dated_only = TimeWindow { days: Some((day, day)), include_undated: false };
        let names = |w: &TimeWindow| -> Vec<String> {
            atlas.place_counts(w).iter().map(|c| gaz.place(c.place).name.clone()).collect()
        };
        assert_eq!(names(&dated_only), ["Doha"]);
        assert_eq!(names(&TimeWindow { include_undated: true, ..dated_only }).len(), 2);
        assert_eq!(atlas.histogram(&[day - 1, day, day + 1, day + 2], None), [0, 1, 0]);
        assert_eq!(atlas.day_extent(), Some((day, day)));
    }

    #[test]
    fn replacing_a_document_keeps_the_other_events() {
        let gaz = Gazetteer::bundled();
        let mut atlas = Atlas::new();
        atlas.add(analyze(Article::for_test("a.txt", "Delegates met in Geneva."), gaz));
        atlas.add(analyze(Article::for_test("b.txt", "Delegates met in Doha and Moscow."), gaz));
        atlas.add(analyze(Article::for_test("c.txt", "Delegates met in Astana."), gaz));
        atlas.replace_documents(vec![(1, analyze(Article::for_test("b.txt", "Delegates met in Kuala Lumpur."), gaz))]);
        let names: Vec<(DocId, String)> =
            atlas.events().iter().map(|e| (e.doc, gaz.place(e.place).name.clone())).collect();
        let expected = [(0, "Geneva"), (1, "Kuala Lumpur"), (2, "Astana")].map(|(d, n)| (d, n.to_owned()));
        assert_eq!(names, expected);
        assert_eq!(atlas.document(1).article.text, "Delegates met in Kuala Lumpur.");
    }

    #[test]
    fn places_named_in_one_passage_are_linked() {
        let gaz = Gazetteer::bundled();
        let mut atlas = Atlas::new();
        let text = "Envoys flew from Moscow to Doha. Moscow and Doha agreed. Geneva waits.";
        atlas.add(analyze(Article::for_test("a.txt", text), gaz));
        let links: Vec<(String, String, u32)> = atlas
            .co_mentions(&TimeWindow::ALL, &Filter::default())
            .into_iter()
            .map(|(a, b, n)| {
                let mut names = [gaz.place(a).name.clone(), gaz.place(b).name.clone()];
                names.sort();
                let [a, b] = names;
                (a, b, n)
            })
            .collect();
        assert_eq!(links, [("Doha".to_owned(), "Moscow".to_owned(), 2)]);
    }
}
#[cfg(test)]
mod layout_tests {
    use std::mem::size_of;

    /// A loaded folder holds one of these per mention (a million or more for 100,000 articles): a field
    /// that grows them shows at once in the peak memory of `newsatlas bench-load`.
    #[test]
    fn per_mention_records_stay_compact() {
        let sizes = [
            ("PlaceMention", size_of::<crate::geoparse::PlaceMention>(), 40),
            // One per article: as small as the `String` it holds while plain, spilled or not.
            ("ArticleText", size_of::<crate::corpus::ArticleText>(), 24),
            ("Timex", size_of::<crate::timex::Timex>(), 40),
            ("Event", size_of::<super::Event>(), 36),
            // One per mention of a stored analysis (issue 20).
            ("StoredEvent", size_of::<super::StoredEvent>(), 28),
            // One per article; 8 bytes of it are the pointer to what a stored analysis gives (issue 20).
            ("Document", size_of::<super::Document>(), 200),
        ];
        for (name, size, limit) in sizes {
            assert!(size <= limit, "{name} is {size} bytes, more than {limit}");
        }
    }
}
