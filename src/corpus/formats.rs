//! File formats: plain text, Markdown with front matter, JSON Lines; and text decoding.

use std::path::Path;

use super::{Article, MetadataDate, Problem, SourceRef};

/// Decodes a file's bytes as UTF-8 text, without a byte order mark.
pub(super) fn decode_text(bytes: &[u8]) -> Result<String, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.is_empty() {
        return Err("empty file".to_owned());
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err("binary file (contains NUL bytes)".to_owned());
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(err) => Err(format!("not UTF-8 text (invalid byte at offset {})", err.valid_up_to())),
    }
}

pub(super) fn text_article(id: String, path: &Path, text: String) -> Article {
    let title = title_from_text(&text).unwrap_or_else(|| file_stem(path));
    Article { id, source: SourceRef { path: path.to_path_buf(), line: None }, title, text, metadata_date: None }
}

/// Markdown: YAML-style front matter (`title:`, `date:`) when present, else the first heading.
pub(super) fn markdown_article(id: String, path: &Path, text: String) -> Article {
    let mut title = None;
    let mut metadata_date = None;
    if let Some(front) = front_matter(&text) {
        for line in front.lines() {
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim().trim_matches(|c| c == '"' || c == '\'').to_owned();
            match key.trim().to_ascii_lowercase().as_str() {
                "title" if !value.is_empty() => title = Some(value),
                "date" | "published" if !value.is_empty() => {
                    metadata_date = Some(MetadataDate { value, field: format!("front matter {}", key.trim()) })
                }
                _ => {}
            }
        }
    }
    let title = title
        .or_else(|| {
            text.lines()
                .map(str::trim)
                .find(|l| l.starts_with('#'))
                .map(|l| l.trim_start_matches('#').trim().to_owned())
                .filter(|l| !l.is_empty())
        })
        .or_else(|| title_from_text(&text))
        .unwrap_or_else(|| file_stem(path));
    Article { id, source: SourceRef { path: path.to_path_buf(), line: None }, title, text, metadata_date }
}

fn front_matter(text: &str) -> Option<&str> {
    let rest = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n"))?;
    let end = rest.find("\n---")?;
    Some(&rest[..end])
}

fn file_stem(path: &Path) -> String {
    path.file_stem().map_or_else(String::new, |s| s.to_string_lossy().into_owned())
}

/// A headline-like line near the top: the first short line of several words that does not end a sentence.
/// Saved web pages often start with "Share story" or menu text; those are too short to pass.
pub fn title_from_text(text: &str) -> Option<String> {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).take(12).collect();
    let looks_like_headline = |line: &&&str| {
        let words = line.split_whitespace().count();
        (4..=20).contains(&words) && !line.ends_with('.') && !line.ends_with(':')
    };
    lines.iter().find(looks_like_headline).or_else(|| lines.first()).map(|line| line.chars().take(160).collect())
}

/// One article per non-empty line: `{"id", "text", "title"?, "url"?, "dct"|"date"|"published"?}`.
pub fn read_jsonl_str(text: &str, path: &Path) -> (Vec<Article>, Vec<Problem>) {
    let mut articles = Vec::new();
    let mut problems = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line_number = index + 1;
        if line.trim().is_empty() {
            continue;
        }
        let problem = |reason: String| Problem { path: path.to_path_buf(), line: Some(line_number), reason };
        let value: serde_json::Value = match serde_json::from_str(line) {
            Ok(value) => value,
            Err(err) => {
                problems.push(problem(format!("not valid JSON ({err})")));
                continue;
            }
        };
        let Some(body) = value.get("text").and_then(|t| t.as_str()) else {
            problems.push(problem("no \"text\" field".to_owned()));
            continue;
        };
        let id = match value.get("id") {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => format!("line {line_number}"),
        };
        let title = value
            .get("title")
            .and_then(|t| t.as_str())
            .filter(|t| !t.trim().is_empty())
            .map(str::to_owned)
            .or_else(|| title_from_text(body))
            .unwrap_or_else(|| id.clone());
        let metadata_date = ["dct", "date", "published"].iter().find_map(|field| {
            let value = value.get(*field)?.as_str()?.trim();
            (!value.is_empty()).then(|| MetadataDate { value: value.to_owned(), field: format!("jsonl field {field}") })
        });
        articles.push(Article {
            id,
            source: SourceRef { path: path.to_path_buf(), line: Some(line_number) },
            title,
            text: body.to_owned(),
            metadata_date,
        });
    }
    (articles, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_rules() {
        assert_eq!(decode_text(b"\xEF\xBB\xBFabc").unwrap(), "abc");
        assert!(decode_text(b"").unwrap_err().contains("empty"));
        assert!(decode_text(b"\xEF\xBB\xBF").unwrap_err().contains("empty"));
        assert!(decode_text(b"a\0b").unwrap_err().contains("binary"));
        assert!(decode_text(b"caf\xe9").unwrap_err().contains("offset 3"));
    }

    #[test]
    fn titles_skip_page_furniture() {
        let text =
            "Share story\n\nMOSCOW (AP) — Russia has invited the group.\nRussia invites opposition to Moscow talks\n";
        assert_eq!(title_from_text(text).unwrap(), "Russia invites opposition to Moscow talks");
        assert_eq!(title_from_text("One line.").unwrap(), "One line.");
        assert_eq!(title_from_text(""), None);
    }

    #[test]
    fn markdown_front_matter() {
        let text = "---\ntitle: \"Talks end\"\ndate: 2017-01-24\n---\n# Other\nBody".to_owned();
        let article = markdown_article("a.md".into(), Path::new("a.md"), text);
        assert_eq!(article.title, "Talks end");
        assert_eq!(article.metadata_date.unwrap().value, "2017-01-24");
    }

    #[test]
    fn jsonl_lines_and_bad_lines() {
        let text = "{\"id\":\"a\",\"text\":\"In Doha.\",\"dct\":\"2015-08-05\"}\n\n{oops\n{\"id\":7,\"title\":\"T\",\"text\":\"x\"}\n{\"id\":\"z\"}\n";
        let (articles, problems) = read_jsonl_str(text, Path::new("f.jsonl"));
        assert_eq!(articles.len(), 2);
        assert_eq!(articles[0].metadata_date.as_ref().unwrap().value, "2015-08-05");
        assert_eq!(articles[1].id, "7");
        assert_eq!(articles[1].source.line, Some(4));
        assert_eq!(problems.iter().map(|p| p.line.unwrap()).collect::<Vec<_>>(), [3, 5]);
    }
}
