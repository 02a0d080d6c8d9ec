//! Whole-file text formats: plain text, and Markdown with YAML or TOML front matter; headline guessing.

use super::{Article, MetadataDate, SourceRef};

pub(super) fn text_article(id: String, source: SourceRef, text: String) -> Article {
    let title = title_from_text(&text).unwrap_or_else(|| super::file_stem(&source.path));
    Article { id, source, title, text: text.into(), metadata_date: None }
}

/// Markdown: front matter (`title:`, `date:`; YAML between `---` lines or TOML between `+++` lines) when
/// present, else the first heading. The front matter is metadata, not article text, so it is cut off.
pub(super) fn markdown_article(id: String, source: SourceRef, text: &str) -> Article {
    let mut title = None;
    let mut metadata_date = None;
    let (front, body) = split_front_matter(text);
    for line in front.lines() {
        // YAML says `key: value`, TOML says `key = value`; values may hold either character (times do).
        let Some((key, value)) = line.find([':', '=']).map(|at| (&line[..at], &line[at + 1..])) else {
            continue;
        };
        let key = key.trim();
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'').trim();
        if value.is_empty() {
            continue;
        }
        match key.to_ascii_lowercase().as_str() {
            "title" | "headline" if title.is_none() => title = Some(value.to_owned()),
            "date" | "published" | "publishdate" | "pubdate" | "date_published" | "published_at"
                if metadata_date.is_none() =>
            {
                metadata_date =
                    Some(Box::new(MetadataDate { value: value.to_owned(), field: format!("front matter {key}") }))
            }
            _ => {}
        }
    }
    let title = title
        .or_else(|| {
            body.lines()
                .map(str::trim)
                .find(|l| l.starts_with('#'))
                .map(|l| l.trim_start_matches('#').trim().to_owned())
                .filter(|l| !l.is_empty())
        })
        .or_else(|| title_from_text(body))
        .unwrap_or_else(|| super::file_stem(&source.path));
    Article { id, source, title, text: body.into(), metadata_date }
}

/// The front matter (without its fences) and the rest. Text without a closed front matter block is all body.
fn split_front_matter(text: &str) -> (&str, &str) {
    for fence in ["---", "+++"] {
        let Some(rest) = text.strip_prefix(fence).and_then(|r| r.strip_prefix('\n')) else {
            continue;
        };
        let mut offset = 0;
        for line in rest.split_inclusive('\n') {
            if line.trim_end() == fence {
                let body = &rest[offset + line.len()..];
                return (&rest[..offset], body.trim_start_matches('\n'));
            }
            offset += line.len();
        }
    }
    ("", text)
}

/// A headline-like line near the top: the first line of two to twenty words that is one unfinished
/// sentence. Saved web pages often start with page furniture ("Share story", "Back to...", "Support us!",
/// "Sign up! Read more.", "3 min read"): a short line with a word of a page's buttons, a line ending like a
/// call to action, or several sentences in one line. Without a headline, the first sentence of the first
/// line of several words stands in, cut short.
pub fn title_from_text(text: &str) -> Option<String> {
    // A line of only punctuation (`---`, `***`, `|`) is decoration, never a title.
    let lines: Vec<&str> =
        text.lines().map(str::trim).filter(|l| l.chars().any(char::is_alphanumeric)).take(12).collect();
    // Counted up to 21: no test below needs more, and a paragraph can be thousands of words long.
    let words = |line: &str| line.split_whitespace().take(21).count();
    let sentence_breaks = |line: &str| {
        let bytes = line.as_bytes();
        (1..bytes.len().saturating_sub(1)).any(|i| {
            bytes[i] == b' '
                && (bytes[i - 1] == b'!' || matches!(bytes[i - 1], b'.' | b'?') && bytes[i + 1].is_ascii_uppercase())
        })
    };
    let furniture = |line: &str| {
        words(line) < 4
            && line
                .split(|c: char| !c.is_alphanumeric())
                .any(|word| FURNITURE_WORDS.iter().any(|furniture| word.eq_ignore_ascii_case(furniture)))
    };
    let looks_like_headline = |line: &&&str| {
        (2..=20).contains(&words(line))
            && !furniture(line)
            && !line.ends_with(['.', ':', '!', ';', ',', '\u{2026}'])
            && !sentence_breaks(line)
    };
    if let Some(line) = lines.iter().find(looks_like_headline) {
        return Some(line.chars().take(160).collect());
    }
    match lines.iter().find(|line| words(line) >= 4) {
        Some(line) => Some(first_sentence_cut(line, 100)),
        None => lines.first().map(|line| line.chars().take(160).collect()),
    }
}

/// Words of the buttons and links a saved web page starts with ("Share story", "Subscribe now").
const FURNITURE_WORDS: &[&str] = &[
    "share",
    "subscribe",
    "advertise",
    "advertisement",
    "donate",
    "click",
    "login",
    "signup",
    "menu",
    "newsletter",
    "cookies",
    "print",
    "email",
    "comments",
    "read",
    "skip",
];

/// The first sentence of `line`, cut at a word boundary with an ellipsis when longer than `max` characters.
fn first_sentence_cut(line: &str, max: usize) -> String {
    let sentence = line
        .char_indices()
        .find(|&(i, c)| matches!(c, '.' | '!' | '?') && line[i + 1..].starts_with(' ') && i > 0)
        .map_or(line, |(i, c)| &line[..i + c.len_utf8()]);
    if sentence.chars().count() <= max {
        return sentence.to_owned();
    }
    let cut: String = sentence.chars().take(max).collect();
    let at_word = cut.rfind(' ').map_or(cut.as_str(), |i| &cut[..i]);
    format!("{}\u{2026}", at_word.trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_skip_page_furniture() {
        let text =
            "Share story\n\nMOSCOW (AP) — Russia has invited the group.\nRussia invites opposition to Moscow talks\n";
        assert_eq!(title_from_text(text).unwrap(), "Russia invites opposition to Moscow talks");
        assert_eq!(title_from_text("One line.").unwrap(), "One line.");
        assert_eq!(title_from_text(""), None);
        // (page text, title)
        let cases = [
            (
                "Back to...\nSIGN UP! Get Our Letter. Read More\nFerry Sinks Off Lesbos, Dozens Rescued\nBody.",
                "Ferry Sinks Off Lesbos, Dozens Rescued",
            ),
            (
                "Support Our Reporting!\nShare It! - Click Here\nFloods Close Schools Across the Region\nBody text.",
                "Floods Close Schools Across the Region",
            ),
            ("Is This the End of the Drought?\nBody.", "Is This the End of the Drought?"),
            (
                "Share story\n\nLIMA (Wire) — Rescuers reached the last of the villages cut off by the landslide on Monday after three days of digging. More text.",
                "LIMA (Wire) — Rescuers reached the last of the villages cut off by the landslide on Monday after\u{2026}",
            ),
            ("Share story\n\nRain fell in Lima on Monday. Roads closed.", "Rain fell in Lima on Monday."),
            // Short headlines are headlines.
            ("Ferry service resumes\n\nBoats left Piraeus for Crete on Tuesday.", "Ferry service resumes"),
            ("Markets rally\n\nTraders in Frankfurt cheered.", "Markets rally"),
            ("3 min read\nPrint article\nStorm hits coast\n\nWaves broke the sea wall.", "Storm hits coast"),
            ("Subscribe\nBreaking\nShare prices tumble in Tokyo\nBody.", "Share prices tumble in Tokyo"),
        ];
        for (text, title) in cases {
            assert_eq!(title_from_text(text).unwrap(), title, "{text:?}");
        }
    }

    #[test]
    fn markdown_front_matter() {
        let source = || SourceRef { path: "notes/a.md".into(), line: None };
        // (file text, title, date and its field, body)
        let cases = [
            (
                "---\ntitle: \"Ferry sinks off Lesbos\"\ndate: 2019-03-02\nsource: Wire\n---\n# Other\nBody",
                "Ferry sinks off Lesbos",
                Some(("2019-03-02", "front matter date")),
                "# Other\nBody",
            ),
            (
                "+++\ntitle = 'Harvest fails in Punjab'\npublishDate = \"2021-10-05T08:00:00Z\"\n+++\n\nFarmers said.",
                "Harvest fails in Punjab",
                Some(("2021-10-05T08:00:00Z", "front matter publishDate")),
                "Farmers said.",
            ),
            (
                "# Storm reaches Manila\n\nWinds rose.",
                "Storm reaches Manila",
                None,
                "# Storm reaches Manila\n\nWinds rose.",
            ),
            ("---\nunclosed: yes\nBody text here", "unclosed: yes", None, "---\nunclosed: yes\nBody text here"),
            ("---\n---\n", "a", None, ""),
        ];
        for (text, title, date, body) in cases {
            let article = markdown_article("a.md".into(), source(), text);
            assert_eq!(article.title, title, "{text:?}");
            let found = article.metadata_date.as_ref().map(|d| (d.value.as_str(), d.field.as_str()));
            assert_eq!(found, date, "{text:?}");
            assert_eq!(article.text, body, "{text:?}");
        }
    }
}
