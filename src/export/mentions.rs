//! Exports of what the user is looking at: one record per place mention (respecting the time window), written
//! as GeoJSON (QGIS, kepler.gl), CSV (spreadsheets) or KML with time stamps (Google Earth's time slider).

use std::io::{self, Write};

use serde::Serialize;
use serde_json::json;

use crate::gazetteer::Gazetteer;
use crate::index::{Atlas, DocId, Filter, TimeWindow, date_of_day};

/// One place mention, flattened for export.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct MentionRow {
    pub article: String,
    pub title: String,
    /// The file the article came from (with `:line` for JSON Lines).
    pub source: String,
    pub passage: String,
    pub mention: String,
    pub place: String,
    /// The first-level division the place lies in or is ("Nebraska"), empty for countries and continents.
    pub admin1: Option<String>,
    /// ISO 3166-1 alpha-2 code.
    pub country: String,
    /// Empty (null in GeoJSON) for a place that is not a GeoNames feature.
    pub geonameid: Option<u32>,
    /// An id for every place: `geonames:N`, `newsatlas:N` or `user:...` ([`crate::gazetteer::Place::place_id`]).
    pub place_id: String,
    pub lat: f64,
    pub lon: f64,
    /// `YYYY-MM-DD`, or empty when undated.
    pub date: String,
    /// Where the date came from, as [`crate::index::EventDating::label`] words it ("date in the sentence", "article date").
    pub date_from: String,
    pub confidence: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    GeoJson,
    Csv,
    Kml,
}

impl std::str::FromStr for ExportFormat {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        match name.to_ascii_lowercase().as_str() {
            "geojson" | "json" => Ok(ExportFormat::GeoJson),
            "csv" => Ok(ExportFormat::Csv),
            "kml" => Ok(ExportFormat::Kml),
            _ => Err(format!("unknown export format {name:?}: choose geojson, csv or kml")),
        }
    }
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 3] = [ExportFormat::GeoJson, ExportFormat::Csv, ExportFormat::Kml];

    pub fn label(self) -> &'static str {
        match self {
            ExportFormat::GeoJson => "GeoJSON",
            ExportFormat::Csv => "CSV",
            ExportFormat::Kml => "KML",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::GeoJson => "geojson",
            ExportFormat::Csv => "csv",
            ExportFormat::Kml => "kml",
        }
    }
}

/// Every mention inside `window`, in document and text order.
pub fn mention_rows(atlas: &Atlas, gazetteer: &Gazetteer, window: &TimeWindow) -> Vec<MentionRow> {
    mention_rows_where(atlas, gazetteer, window, &Filter::default())
}

/// [`mention_rows`], keeping only the mentions a search `filter` keeps (what the app shows).
pub fn mention_rows_where(
    atlas: &Atlas,
    gazetteer: &Gazetteer,
    window: &TimeWindow,
    filter: &Filter,
) -> Vec<MentionRow> {
    // Events come in document order: each article's text is decompressed once.
    let mut text_of: Option<(DocId, String)> = None;
    atlas
        .events()
        .iter()
        .filter(|e| window.contains(e) && filter.keeps(e))
        .map(|event| {
            let document = atlas.document(event.doc);
            if text_of.as_ref().is_none_or(|(doc, _)| *doc != event.doc) {
                text_of = Some((event.doc, document.article.text.as_str().into_owned()));
            }
            let text = text_of.as_ref().map_or("", |(_, text)| text.as_str());
            let mention = &document.places[event.mention as usize];
            let place = gazetteer.place(event.place);
            let source = &document.article.source;
            MentionRow {
                article: document.article.id.clone(),
                title: document.article.title.clone(),
                source: match source.line {
                    Some(line) => format!("{}:{line}", source.path.display()),
                    None => source.path.display().to_string(),
                },
                passage: text[atlas.passage(event)].to_owned(),
                mention: text[mention.byte_range].to_owned(),
                place: place.name.clone(),
                admin1: gazetteer.admin1_name(place).map(str::to_owned),
                country: place.country_code.clone(),
                geonameid: place.geonames_id(),
                place_id: place.place_id(),
                lat: place.lat_deg,
                lon: place.lon_deg,
                date: event.day.and_then(date_of_day).map_or_else(String::new, |d| d.format("%Y-%m-%d").to_string()),
                date_from: event.dating.label().to_owned(),
                confidence: mention.confidence,
            }
        })
        .collect()
}

pub fn write(rows: &[MentionRow], format: ExportFormat, out: &mut dyn Write) -> io::Result<()> {
    match format {
        ExportFormat::GeoJson => write_geojson(rows, out),
        ExportFormat::Csv => write_csv(rows, out),
        ExportFormat::Kml => write_kml(rows, out),
    }
}

/// A FeatureCollection of points; properties carry every column, and `date` the ISO day kepler.gl animates.
fn write_geojson(rows: &[MentionRow], out: &mut dyn Write) -> io::Result<()> {
    let features: Vec<serde_json::Value> = rows
        .iter()
        .map(|row| {
            let mut properties = serde_json::to_value(row).unwrap_or_default();
            if let Some(map) = properties.as_object_mut() {
                map.remove("lat");
                map.remove("lon");
                if row.date.is_empty() {
                    map.insert("date".into(), serde_json::Value::Null);
                }
            }
            json!({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [row.lon, row.lat]},
                "properties": properties,
            })
        })
        .collect();
    let collection = json!({"type": "FeatureCollection", "features": features});
    serde_json::to_writer_pretty(&mut *out, &collection)?;
    writeln!(out)
}

/// One row per mention, its text cells made safe for spreadsheets ([`spreadsheet_safe`]); numbers are written
/// as numbers (a longitude of -33.9 stays -33.9).
fn write_csv(rows: &[MentionRow], out: &mut dyn Write) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    for row in rows {
        let safe = |text: &String| spreadsheet_safe(text).into_owned();
        let row = MentionRow {
            article: safe(&row.article),
            title: safe(&row.title),
            source: safe(&row.source),
            passage: safe(&row.passage),
            mention: safe(&row.mention),
            place: safe(&row.place),
            admin1: row.admin1.as_ref().map(safe),
            country: safe(&row.country),
            place_id: safe(&row.place_id),
            date: safe(&row.date),
            date_from: safe(&row.date_from),
            ..row.clone()
        };
        writer.serialize(&row)?;
    }
    writer.flush()
}

/// A text cell a spreadsheet will show as text, as OWASP recommends against CSV injection: a cell starting with
/// `=`, `+`, `-`, `@`, a tab or a carriage return (which Excel, LibreOffice and Google Sheets would run as a
/// formula: `=HYPERLINK(...)`, `=cmd|...`, `@SUM(...)`) gets a single quote in front. Article text is not
/// ours to trust; only text cells pass through here, so numbers keep their sign.
pub fn spreadsheet_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}").into() } else { text.into() }
}

fn xml_escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            // Control characters other than tab and newlines are not allowed in XML 1.0.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => {}
            c => escaped.push(c),
        }
    }
    escaped
}

/// One Placemark per mention; dated ones carry a TimeStamp so Google Earth's time slider can play them.
/// ExtendedData carries the columns that tell the place apart (division, country, ids) and the mention's own.
fn write_kml(rows: &[MentionRow], out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>News Atlas export</name>"#)?;
    for row in rows {
        writeln!(out, "<Placemark><name>{}</name>", xml_escape(&row.place))?;
        writeln!(
            out,
            "<description>{} ({}): {}</description>",
            xml_escape(&row.title),
            xml_escape(&row.article),
            xml_escape(&row.passage)
        )?;
        if !row.date.is_empty() {
            writeln!(out, "<TimeStamp><when>{}</when></TimeStamp>", row.date)?;
        }
        let geonameid = row.geonameid.map(|id| id.to_string());
        let confidence = row.confidence.to_string();
        let data = [
            ("article", row.article.as_str()),
            ("mention", &row.mention),
            ("admin1", row.admin1.as_deref().unwrap_or_default()),
            ("country", &row.country),
            ("geonameid", geonameid.as_deref().unwrap_or_default()),
            ("place_id", &row.place_id),
            ("date_from", &row.date_from),
            ("confidence", &confidence),
        ];
        write!(out, "<ExtendedData>")?;
        for (name, value) in data {
            write!(out, r#"<Data name="{name}"><value>{}</value></Data>"#, xml_escape(value))?;
        }
        writeln!(out, "</ExtendedData>")?;
        writeln!(out, "<Point><coordinates>{},{}</coordinates></Point></Placemark>", row.lon, row.lat)?;
    }
    writeln!(out, "</Document></kml>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Article;
    use crate::index::{analyze, day_number};

    fn atlas() -> Atlas {
        let mut atlas = Atlas::new();
        for (id, text) in [
            ("a.txt", "Talks\n13 January, 2017\nEnvoys met in Astana & Geneva on 23 January. \"Progress\" <was> slow."),
            ("b.txt", "No date. Delegates met in Doha."),
        ] {
            let article = Article { title: format!("Title of {id}"), ..Article::for_test(id, text) };
            atlas.add(analyze(article, Gazetteer::bundled()));
        }
        atlas
    }

    fn export(rows: &[MentionRow], format: ExportFormat) -> String {
        let mut out = Vec::new();
        write(rows, format, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn rows_follow_the_window() {
        let atlas = atlas();
        let gaz = Gazetteer::bundled();
        let all = mention_rows(&atlas, gaz, &TimeWindow::ALL);
        let places: Vec<&str> = all.iter().map(|r| r.place.as_str()).collect();
        assert_eq!(places, ["Astana", "Geneva", "Doha"]);
        assert_eq!((all[0].date.as_str(), all[0].date_from.as_str()), ("2017-01-23", "date in the sentence"));
        assert_eq!((all[2].date.as_str(), all[2].date_from.as_str()), ("", "undated"));
        let day = day_number(chrono::NaiveDate::from_ymd_opt(2017, 1, 23).unwrap());
        let dated = mention_rows(&atlas, gaz, &TimeWindow { days: Some((day, day)), include_undated: false });
        assert_eq!(dated.len(), 2);
        let searched = Filter::new(&atlas, gaz, "Doha", crate::index::Certainty::Any);
        let doha = mention_rows_where(&atlas, gaz, &TimeWindow::ALL, &searched);
        assert_eq!(doha.iter().map(|r| r.place.as_str()).collect::<Vec<_>>(), ["Doha"]);
    }

    #[test]
    fn geojson_parses_as_geojson() {
        let rows = mention_rows(&atlas(), Gazetteer::bundled(), &TimeWindow::ALL);
        let text = export(&rows, ExportFormat::GeoJson);
        let parsed: geojson::GeoJson = text.parse().unwrap();
        let geojson::GeoJson::FeatureCollection(collection) = parsed else { panic!("not a collection") };
        assert_eq!(collection.features.len(), 3);
        let first = &collection.features[0];
        let Some(geojson::GeometryValue::Point { coordinates: point }) = first.geometry.as_ref().map(|g| &g.value)
        else {
            panic!("not a point")
        };
        assert!((point[0] - rows[0].lon).abs() < 1e-9 && (point[1] - rows[0].lat).abs() < 1e-9);
        assert_eq!(first.property("date").and_then(|d| d.as_str()), Some("2017-01-23"));
        assert_eq!(collection.features[2].property("date"), Some(&serde_json::Value::Null));
    }

    #[test]
    fn csv_round_trips() {
        let rows = mention_rows(&atlas(), Gazetteer::bundled(), &TimeWindow::ALL);
        let text = export(&rows, ExportFormat::Csv);
        let back: Vec<MentionRow> =
            csv::Reader::from_reader(text.as_bytes()).deserialize().collect::<Result<_, _>>().unwrap();
        assert_eq!(back, rows);
    }

    /// Regression (issue 18): CSV cells that a spreadsheet would run as formulas.
    #[test]
    fn csv_text_cells_cannot_be_formulas_and_numbers_keep_their_sign() {
        let cases = [
            ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"),
            ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
            ("@SUM(1+1)", "'@SUM(1+1)"),
            ("+1 555", "'+1 555"),
            ("-2+3", "'-2+3"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("Talks in Rabat = progress", "Talks in Rabat = progress"),
            ("", ""),
        ];
        for (cell, safe) in cases {
            assert_eq!(spreadsheet_safe(cell), safe, "{cell:?}");
        }
        let mut rows = mention_rows(&atlas(), Gazetteer::bundled(), &TimeWindow::ALL);
        rows[0].title = "=HYPERLINK(\"http://evil\")".into();
        rows[0].passage = "@SUM(A1)".into();
        rows[0].lat = -33.9;
        rows[0].lon = -70.5;
        let text = export(&rows, ExportFormat::Csv);
        let back: Vec<MentionRow> =
            csv::Reader::from_reader(text.as_bytes()).deserialize().collect::<Result<_, _>>().unwrap();
        assert_eq!(back[0].title, "'=HYPERLINK(\"http://evil\")");
        assert_eq!(back[0].passage, "'@SUM(A1)");
        assert_eq!((back[0].lat, back[0].lon), (-33.9, -70.5));
        assert_eq!(back[1..], rows[1..]);
    }

    #[test]
    fn kml_is_well_formed_xml_with_time_stamps() {
        let rows = mention_rows(&atlas(), Gazetteer::bundled(), &TimeWindow::ALL);
        let text = export(&rows, ExportFormat::Kml);
        let document = roxmltree::Document::parse(&text).unwrap();
        let placemarks: Vec<_> = document.descendants().filter(|n| n.has_tag_name("Placemark")).collect();
        assert_eq!(placemarks.len(), 3);
        let whens: Vec<&str> =
            document.descendants().filter(|n| n.has_tag_name("when")).filter_map(|n| n.text()).collect();
        assert_eq!(whens, ["2017-01-23", "2017-01-23"]);
        let description = placemarks[0].descendants().find(|n| n.has_tag_name("description")).unwrap();
        assert!(description.text().unwrap().contains("Astana & Geneva"));
        assert_eq!(xml_escape("a\u{1}<b>"), "a&lt;b&gt;");
    }
}
