//! Record formats: JSON (one article, an array, or a news-API response), JSON Lines and CSV with a header.
//!
//! Scrapers and news APIs name their fields differently (`text`, `content`, `body`, `maintext`;
//! `publishedAt`, `date_publish`, `pubDate`). Field names are compared without case, `_` or `-`, and each
//! role has a list of names tried in order, so the common exports load without configuration.

use std::borrow::Cow;
use std::path::Path;

use super::{Article, MetadataDate, Problem, ReadError, SourceRef, normalize_line_endings, title_from_text};

/// Field names (normalised: lower case, letters and digits only) for each role, most specific first.
const TEXT_FIELDS: &[&str] =
    &["text", "content", "body", "maintext", "articlebody", "articletext", "fulltext", "description", "summary"];
const TITLE_FIELDS: &[&str] = &["title", "headline"];
/// `dct` (document creation time, as TimeBank calls it) is the most deliberate statement of an article's date.
const DATE_FIELDS: &[&str] = &[
    "dct",
    "published",
    "publishedat",
    "datepublished",
    "datepublish",
    "publishdate",
    "publicationdate",
    "pubdate",
    "date",
];
const ID_FIELDS: &[&str] = &["id", "docid", "documentid", "articleid", "uuid", "guid"];
const URL_FIELDS: &[&str] = &["url", "link", "sourceurl", "permalink"];
/// Where news-API responses and scraper dumps keep their list of articles inside a JSON object.
const CONTAINER_FIELDS: &[&str] = &["articles", "items", "data", "results", "documents", "docs", "posts", "stories"];

/// One file's record problems are listed up to this many; the rest are counted in one last line, so that a
/// million-line file of junk does not bury everything else in the Problems panel.
pub(super) const MAX_PROBLEMS_PER_FILE: usize = 50;

fn normalize_key(key: &str) -> String {
    key.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

/// A record's string fields: (name as written, normalised name, value).
struct Fields<'a> {
    pairs: Vec<(&'a str, String, Cow<'a, str>)>,
}

impl<'a> Fields<'a> {
    fn from_json(object: &'a serde_json::Map<String, serde_json::Value>) -> Fields<'a> {
        let mut pairs = Vec::new();
        for (key, value) in object {
            let normalized = normalize_key(key);
            let text = match value {
                serde_json::Value::String(s) => Cow::Borrowed(s.as_str()),
                // Numbers are ids, never dates: `1485216000` could be anything.
                serde_json::Value::Number(n) if ID_FIELDS.contains(&normalized.as_str()) => Cow::Owned(n.to_string()),
                // Some scrapers store the body as a list of paragraphs.
                serde_json::Value::Array(items) if items.iter().all(serde_json::Value::is_string) => {
                    Cow::Owned(items.iter().filter_map(serde_json::Value::as_str).collect::<Vec<_>>().join("\n\n"))
                }
                _ => continue,
            };
            pairs.push((key.as_str(), normalized, text));
        }
        Fields { pairs }
    }

    /// The first role name present with a non-blank value: (name as written, value).
    fn find(&self, names: &[&str]) -> Option<(&str, &str)> {
        names.iter().find_map(|name| {
            self.pairs
                .iter()
                .find(|(_, normalized, value)| normalized == name && !value.trim().is_empty())
                .map(|(key, _, value)| (*key, value.as_ref()))
        })
    }

    fn has_any(&self, names: &[&str]) -> bool {
        self.pairs.iter().any(|(_, normalized, _)| names.contains(&normalized.as_str()))
    }
}

fn no_text_error(fields: &Fields<'_>) -> ReadError {
    if fields.has_any(TEXT_FIELDS) {
        ReadError::Malformed("the text field is empty".to_owned())
    } else {
        ReadError::Malformed(format!("no text field (looked for {})", TEXT_FIELDS.join(", ")))
    }
}

/// Builds an article from one record. `kind` names the format in the date's field label ("jsonl", "csv").
fn record_article(
    fields: &Fields<'_>,
    source: SourceRef,
    fallback_id: String,
    kind: &str,
) -> Result<Article, ReadError> {
    let Some((_, text)) = fields.find(TEXT_FIELDS) else {
        return Err(no_text_error(fields));
    };
    let id =
        fields.find(ID_FIELDS).or_else(|| fields.find(URL_FIELDS)).map_or(fallback_id, |(_, v)| v.trim().to_owned());
    let title = fields
        .find(TITLE_FIELDS)
        .map(|(_, v)| v.trim().to_owned())
        .or_else(|| title_from_text(text))
        .unwrap_or_else(|| id.clone());
    let metadata_date = fields
        .find(DATE_FIELDS)
        .map(|(key, value)| MetadataDate { value: value.trim().to_owned(), field: format!("{kind} field {key}") })
        .map(Box::new);
    Ok(Article { id, source, title, text: text.into(), metadata_date })
}

fn cap_problems(path: &Path, problems: &mut Vec<Problem>) {
    if problems.len() > MAX_PROBLEMS_PER_FILE {
        let more = problems.len() - MAX_PROBLEMS_PER_FILE;
        problems.truncate(MAX_PROBLEMS_PER_FILE);
        problems.push(Problem::of(path, ReadError::Malformed(format!("and {more} more bad records, not listed"))));
    }
}

/// One article per non-empty line. `id` is the file's id; a line without an `id` or `url` field gets
/// `"{id}:{line}"`.
pub fn read_jsonl_str(text: &str, path: &Path, id: &str) -> (Vec<Article>, Vec<Problem>) {
    let mut articles = Vec::new();
    let mut problems = Vec::new();
    for (index, line) in text.lines().enumerate() {
        match jsonl_record(line, path, id, index + 1) {
            Some(Ok(article)) => articles.push(article),
            Some(Err(problem)) => problems.push(problem),
            None => {}
        }
    }
    cap_problems(path, &mut problems);
    (articles, problems)
}

/// The article of one JSON Lines line (`line_number` 1-based), or why it is not one; `None` for a blank line.
pub(super) fn jsonl_record(line: &str, path: &Path, id: &str, line_number: usize) -> Option<Result<Article, Problem>> {
    if line.trim().is_empty() {
        return None;
    }
    let source = SourceRef { path: path.to_path_buf(), line: Some(line_number) };
    let result = match serde_json::from_str::<serde_json::Value>(line) {
        Ok(serde_json::Value::Object(object)) => {
            record_article(&Fields::from_json(&object), source, format!("{id}:{line_number}"), "jsonl")
        }
        Ok(_) => Err(ReadError::Malformed("not a JSON object".to_owned())),
        Err(err) => Err(ReadError::Malformed(format!("not valid JSON ({err})"))),
    };
    Some(result.map_err(|err| Problem::at_line(path, line_number, err)))
}

/// The article of one record that another program has already split into fields (a row of a Parquet file or of
/// a data frame), read exactly as a line of a JSON Lines file with those fields: the same field names, numbers
/// as ids only, a list of strings as paragraphs, the date passed on as given. `fallback_id` is its id when it
/// has no id or url field.
pub fn article_from_record(
    object: &serde_json::Map<String, serde_json::Value>,
    source: SourceRef,
    fallback_id: String,
) -> Result<Article, ReadError> {
    record_article(&Fields::from_json(object), source, fallback_id, "jsonl")
}

/// A JSON file: one article object, an array of them, or an object holding the array (`"articles": [...]`,
/// as news APIs answer). A file that is really JSON Lines under a `.json` name is read as such.
pub fn read_json_str(text: &str, path: &Path, id: &str) -> Result<(Vec<Article>, Vec<Problem>), Problem> {
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(err) => {
            let first_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
            if err.line() > 1 && serde_json::from_str::<serde_json::Map<_, _>>(first_line).is_ok() {
                return Ok(read_jsonl_str(text, path, id));
            }
            return Err(Problem::at_line(path, err.line(), ReadError::Malformed(format!("not valid JSON ({err})"))));
        }
    };
    let source = SourceRef { path: path.to_path_buf(), line: None };
    let items = match &value {
        serde_json::Value::Array(items) => items,
        serde_json::Value::Object(object) => {
            let fields = Fields::from_json(object);
            if fields.find(TEXT_FIELDS).is_some() {
                let article =
                    record_article(&fields, source, id.to_owned(), "json").map_err(|e| Problem::of(path, e))?;
                return Ok((vec![article], Vec::new()));
            }
            let container = CONTAINER_FIELDS.iter().find_map(|name| {
                object.iter().find(|(k, v)| normalize_key(k) == *name && v.is_array()).and_then(|(_, v)| v.as_array())
            });
            match container {
                Some(items) => items,
                None => return Err(Problem::of(path, no_text_error(&fields))),
            }
        }
        _ => return Err(Problem::of(path, ReadError::Malformed("JSON that is neither an object nor an array".into()))),
    };
    let mut articles = Vec::new();
    let mut problems = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let number = index + 1;
        let result = match item {
            serde_json::Value::Object(object) => {
                record_article(&Fields::from_json(object), source.clone(), format!("{id}#{number}"), "json")
            }
            _ => Err(ReadError::Malformed("not a JSON object".to_owned())),
        };
        match result {
            Ok(article) => articles.push(article),
            Err(err) => problems.push(Problem::of(path, ReadError::Malformed(format!("item {number}: {err}")))),
        }
    }
    if articles.is_empty() && problems.is_empty() {
        return Err(Problem::of(path, ReadError::Malformed("no articles in the JSON array".to_owned())));
    }
    cap_problems(path, &mut problems);
    Ok((articles, problems))
}

/// A CSV file with a header row; commas, semicolons or tabs (whichever the header uses most). Each record
/// keeps the line it starts on; quoted fields may span lines.
pub fn read_csv_str(text: &str, path: &Path, id: &str) -> Result<(Vec<Article>, Vec<Problem>), Problem> {
    let text = normalize_line_endings(text);
    let mut lines = LineCounter::new(&text);
    let header_line = text.lines().next().unwrap_or("");
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|&d| (header_line.bytes().filter(|&b| b == d).count(), d == b','))
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new().flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(headers) => headers.iter().map(str::to_owned).collect(),
        Err(err) => return Err(Problem::at_line(path, 1, ReadError::Malformed(format!("not valid CSV ({err})")))),
    };
    let normalized: Vec<String> = headers.iter().map(|h| normalize_key(h)).collect();
    if !normalized.iter().any(|h| TEXT_FIELDS.contains(&h.as_str())) {
        let reason = format!("no text column in the CSV header (looked for {})", TEXT_FIELDS.join(", "));
        return Err(Problem::at_line(path, 1, ReadError::Malformed(reason)));
    }
    let mut articles = Vec::new();
    let mut problems = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(err) => {
                let line = err.position().map_or(0, |p| lines.line_at(p.byte()));
                problems.push(Problem::at_line(path, line, ReadError::Malformed(format!("not valid CSV ({err})"))));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
        if record.iter().all(|field| field.trim().is_empty()) {
            continue;
        }
        let pairs = headers
            .iter()
            .zip(&normalized)
            .zip(record.iter())
            .map(|((key, norm), value)| (key.as_str(), norm.clone(), Cow::Borrowed(value)))
            .collect();
        let source = SourceRef { path: path.to_path_buf(), line: Some(line) };
        match record_article(&Fields { pairs }, source, format!("{id}:{line}"), "csv") {
            Ok(article) => articles.push(article),
            Err(err) => problems.push(Problem::at_line(path, line, err)),
        }
    }
    cap_problems(path, &mut problems);
    Ok((articles, problems))
}

/// 1-based line numbers of records from their byte offsets, counted forward (records come in order).
///
/// The csv crate's own line count places a record on the blank line before it, if any; a record's line is
/// where its first character is.
struct LineCounter<'a> {
    text: &'a str,
    byte: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> LineCounter<'a> {
        LineCounter { text, byte: 0, line: 1 }
    }

    fn line_at(&mut self, byte: u64) -> usize {
        let bytes = self.text.as_bytes();
        let mut target = usize::try_from(byte).unwrap_or(usize::MAX).min(bytes.len());
        while target < bytes.len() && bytes[target] == b'\n' {
            target += 1;
        }
        if target < self.byte {
            self.byte = 0;
            self.line = 1;
        }
        self.line += bytes[self.byte..target].iter().filter(|&&b| b == b'\n').count();
        self.byte = target;
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(articles: &[Article]) -> Vec<(String, Option<usize>, String, Option<String>)> {
        articles
            .iter()
            .map(|a| {
                let date = a.metadata_date.as_ref().map(|d| format!("{} ({})", d.value, d.field));
                (a.id.clone(), a.source.line, a.title.clone(), date)
            })
            .collect()
    }

    #[test]
    fn jsonl_lines_field_names_and_bad_lines() {
        let text = concat!(
            "{\"id\":\"a\",\"text\":\"Protests spread to Lagos.\",\"dct\":\"2015-08-05\"}\n",
            "\n",
            "{oops\n",
            "{\"id\":7,\"title\":\"Quake\",\"content\":\"A quake shook Izmir.\",\"publishedAt\":\"2020-10-30T11:51:00Z\"}\n",
            "{\"id\":\"z\"}\n",
            "{\"url\":\"https://example.org/n/1\",\"body\":[\"Ships left Odesa.\",\"More followed.\"],\"date_publish\":\"2022-08-01 09:00:00\"}\n",
            "[1,2]\n",
            "{\"maintext\":\"Rain in Lima.\",\"text\":\"  \"}\n",
        );
        let (articles, problems) = read_jsonl_str(text, Path::new("feeds/f.jsonl"), "feeds/f.jsonl");
        let expected = vec![
            (
                "a".to_owned(),
                Some(1),
                "Protests spread to Lagos.".to_owned(),
                Some("2015-08-05 (jsonl field dct)".to_owned()),
            ),
            ("7".into(), Some(4), "Quake".into(), Some("2020-10-30T11:51:00Z (jsonl field publishedAt)".into())),
            (
                "https://example.org/n/1".into(),
                Some(6),
                "Ships left Odesa.".into(),
                Some("2022-08-01 09:00:00 (jsonl field date_publish)".into()),
            ),
            ("feeds/f.jsonl:8".into(), Some(8), "Rain in Lima.".into(), None),
        ];
        assert_eq!(summary(&articles), expected);
        assert_eq!(articles[2].text, "Ships left Odesa.\n\nMore followed.");
        let lines: Vec<_> = problems.iter().map(|p| (p.line.unwrap(), p.reason())).collect();
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert!(lines[0].0 == 3 && lines[0].1.starts_with("not valid JSON"), "{lines:?}");
        assert!(lines[1].0 == 5 && lines[1].1.starts_with("no text field"), "{lines:?}");
        assert_eq!(lines[2], (7, "not a JSON object".to_owned()));
    }

    #[test]
    fn a_record_from_elsewhere_reads_as_its_json_lines_line() {
        let path = Path::new("rows.parquet");
        let lines = [
            r#"{"headline": "Talks", "body": ["In Geneva.", "Then Astana."], "docId": 7, "publishedAt": "2017-01-13"}"#,
            r#"{"text": "Only text, in Doha."}"#,
            r#"{"title": "No text here"}"#,
        ];
        for (index, line) in lines.iter().enumerate() {
            let number = index + 1;
            let expected = jsonl_record(line, path, "rows.parquet", number).unwrap();
            let object: serde_json::Map<String, serde_json::Value> = serde_json::from_str(line).unwrap();
            let source = SourceRef { path: path.to_path_buf(), line: Some(number) };
            let found = article_from_record(&object, source, format!("rows.parquet:{number}"));
            assert_eq!(found.map_err(|err| Problem::at_line(path, number, err)), expected, "{line}");
        }
    }

    #[test]
    fn json_object_array_and_news_api_response() {
        let path = Path::new("x.json");
        let single = r#"{"headline":"Dam bursts","text":"Water reached Derna.","datePublished":"2023-09-11"}"#;
        let (articles, problems) = read_json_str(single, path, "x.json").unwrap();
        assert!(problems.is_empty());
        assert_eq!(
            summary(&articles),
            [(
                "x.json".to_owned(),
                None,
                "Dam bursts".to_owned(),
                Some("2023-09-11 (json field datePublished)".into())
            )]
        );

        let array = r#"[{"text":"Fire near Athens."},{"title":"no body"},{"text":"Snow in Kyiv.","id":"k"}]"#;
        let (articles, problems) = read_json_str(array, path, "x.json").unwrap();
        let ids: Vec<_> = articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["x.json#1", "k"]);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].reason().starts_with("item 2: no text field"), "{}", problems[0]);

        let response = r#"{"status":"ok","totalResults":1,"articles":[{"source":{"id":null,"name":"Wire"},
            "title":"Port reopens","url":"https://example.com/p","publishedAt":"2024-01-02T03:04:05Z",
            "content":"The port of Durban reopened."}]}"#;
        let (articles, _) = read_json_str(response, path, "x.json").unwrap();
        assert_eq!(summary(&articles)[0].0, "https://example.com/p");
        assert_eq!(articles[0].text, "The port of Durban reopened.");
    }

    #[test]
    fn json_errors_and_jsonl_under_a_json_name() {
        let path = Path::new("x.json");
        let cases = [
            ("{\"text\": \"unterminated", "not valid JSON"),
            ("\"just a string\"", "neither an object nor an array"),
            ("{\"title\":\"t\"}", "no text field"),
            ("[]", "no articles"),
        ];
        for (text, reason) in cases {
            let err = read_json_str(text, path, "x.json").unwrap_err();
            assert!(err.reason().contains(reason), "{text:?}: {err}");
        }
        let lines = "{\"text\":\"Ash fell on Catania.\"}\n{\"text\":\"Flights resumed.\"}\n";
        let (articles, _) = read_json_str(lines, path, "x.json").unwrap();
        assert_eq!(articles.iter().map(|a| a.source.line).collect::<Vec<_>>(), [Some(1), Some(2)]);
    }

    #[test]
    fn csv_with_header_delimiters_and_multiline_fields() {
        let path = Path::new("export.csv");
        let text = "Title,Published At,Content,URL\n\
                    Flood warning,2021-07-14,\"Rivers rose in Liege.\nResidents left.\",https://example.net/a\n\
                    \n\
                    No body,2021-07-15,,https://example.net/b\n\
                    Heat record,2021-07-16,Temperatures peaked in Lytton.\n";
        let (articles, problems) = read_csv_str(text, path, "export.csv").unwrap();
        assert_eq!(
            summary(&articles),
            [
                (
                    "https://example.net/a".to_owned(),
                    Some(2),
                    "Flood warning".to_owned(),
                    Some("2021-07-14 (csv field Published At)".to_owned())
                ),
                (
                    "export.csv:6".into(),
                    Some(6),
                    "Heat record".into(),
                    Some("2021-07-16 (csv field Published At)".into())
                ),
            ]
        );
        assert_eq!(articles[0].text, "Rivers rose in Liege.\nResidents left.");
        assert_eq!(
            problems.iter().map(|p| (p.line, p.reason())).collect::<Vec<_>>(),
            [(Some(5), "the text field is empty".into())]
        );

        let semicolons = "id;date;body\n1;2019-04-15;Fire damaged the cathedral in Paris.\n";
        let (articles, _) = read_csv_str(semicolons, path, "export.csv").unwrap();
        assert_eq!(
            summary(&articles),
            [(
                "1".to_owned(),
                Some(2),
                "Fire damaged the cathedral in Paris.".to_owned(),
                Some("2019-04-15 (csv field date)".to_owned())
            )]
        );
        let tabs = "headline\ttext\nVote count\tBallots were counted in Nairobi.\n";
        assert_eq!(read_csv_str(tabs, path, "export.csv").unwrap().0[0].title, "Vote count");

        // Regression (found by the property test): records after lone-CR line ends kept line 1.
        let old_mac = "title,text\rFog,Fog closed the airport in Quito.\r\rHail,Hail fell on Cuenca.\r";
        let lines: Vec<_> =
            read_csv_str(old_mac, path, "export.csv").unwrap().0.iter().map(|a| a.source.line).collect();
        assert_eq!(lines, [Some(2), Some(4)]);

        let err = read_csv_str("name,age\nAda,36\n", path, "export.csv").unwrap_err();
        assert!(err.reason().starts_with("no text column"), "{err}");
    }

    #[test]
    fn many_bad_records_are_counted_not_all_listed() {
        let text = "{\"title\":\"no text\"}\n".repeat(80);
        let (articles, problems) = read_jsonl_str(&text, Path::new("junk.jsonl"), "junk.jsonl");
        assert!(articles.is_empty());
        assert_eq!(problems.len(), MAX_PROBLEMS_PER_FILE + 1);
        assert_eq!(problems.last().unwrap().reason(), "and 30 more bad records, not listed");
    }
}
