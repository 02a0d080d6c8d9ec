//! Property tests: every reader takes arbitrary input without panicking, and keeps its promises about what
//! it returns. Two kinds of input: raw bytes, and text stitched from fragments of each format's syntax
//! (which reaches much deeper into the parsers than random bytes do). Case counts are kept modest so that
//! `cargo test` stays fast; raise `PROPTEST_CASES` for a longer run.

use std::path::Path;

use proptest::prelude::*;

use super::*;

/// Pieces of every supported syntax, plus the characters that trip decoders and line counters.
const FRAGMENTS: &[&str] = &[
    "<html>",
    "<head>",
    "<body>",
    "<article>",
    "</article>",
    "<p>",
    "</p>",
    "<div class=\"ad\">",
    "</div>",
    "<br>",
    "<script>",
    "</script>",
    "<pre>",
    "</pre>",
    "<a href=x>",
    "</a>",
    "<meta charset=\"latin1\">",
    "<meta property=\"article:published_time\" content=\"",
    "<script type=\"application/ld+json\">",
    "<title>",
    "</title>",
    "<h1>",
    "</h1>",
    "&amp;",
    "&#0;",
    "<!--",
    "-->",
    "{",
    "}",
    "[",
    "]",
    "\"text\"",
    "\"date\"",
    "\"id\"",
    "\"articles\"",
    ":",
    ",",
    "\"",
    "\\",
    "\\u0000",
    "null",
    "1e999",
    "---",
    "+++",
    "title: ",
    "date = ",
    "text,date,title",
    ";",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "\u{feff}",
    "\u{0}",
    "é",
    "\u{a0}",
    "\u{2028}",
    "Geneva",
    " ",
    "2017-01-23",
    "\u{1F30D}",
];

fn stitched() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..120).prop_map(|parts| parts.concat())
}

fn bytes() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(any::<u8>(), 0..1024)
}

/// `cases` unless `PROPTEST_CASES` asks for more (CI's longer, time-bounded run does).
fn config(cases: u32) -> ProptestConfig {
    let asked = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse::<u32>().ok()).unwrap_or(0);
    ProptestConfig { cases: cases.max(asked), failure_persistence: None, ..ProptestConfig::default() }
}

proptest! {
    #![proptest_config(config(96))]

    #[test]
    fn decode_never_panics_and_leaves_no_carriage_returns(bytes in bytes(), html in any::<bool>()) {
        if let Ok(decoded) = decode(&bytes, html) {
            prop_assert!(!decoded.text.contains('\r'));
            prop_assert!(!decoded.text.contains('\0'));
            prop_assert!(!decoded.text.trim().is_empty());
        }
    }

    #[test]
    fn decode_takes_stitched_text(text in stitched()) {
        let _ = decode(text.as_bytes(), true);
    }

    #[test]
    fn html_reader_never_panics(text in stitched()) {
        let _ = html::nests_deeper_than(&text, 3);
        let page = read_html(&text);
        prop_assert!(!page.text.contains('\r'));
        prop_assert!(page.title.as_ref().is_none_or(|t| !t.trim().is_empty()));
    }

    #[test]
    fn html_reader_takes_lossy_bytes(bytes in bytes()) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = html::nests_deeper_than(&text, 3);
        let _ = read_html(&text);
    }

    #[test]
    fn jsonl_reader_accounts_for_every_line(text in stitched()) {
        let (articles, problems) = read_jsonl_str(&text, Path::new("p.jsonl"), "p.jsonl");
        let lines = text.lines().count();
        prop_assert!(articles.iter().all(|a| a.source.line.is_some_and(|l| (1..=lines).contains(&l))));
        prop_assert!(articles.len() + problems.len() <= lines + 1);
    }

    #[test]
    fn json_reader_never_panics(text in stitched()) {
        let _ = read_json_str(&text, Path::new("p.json"), "p.json");
    }

    #[test]
    fn csv_reader_never_panics(text in stitched()) {
        if let Ok((articles, _)) = read_csv_str(&text, Path::new("p.csv"), "p.csv") {
            prop_assert!(articles.iter().all(|a| a.source.line.is_some_and(|l| l >= 2)));
        }
    }

    #[test]
    fn markdown_and_titles_never_panic(text in stitched()) {
        let source = SourceRef { path: "p.md".into(), line: None };
        let article = formats::markdown_article("p.md".into(), source, &text);
        prop_assert!(text.contains(&*article.text.as_str()));
        let _ = title_from_text(&text);
    }

    #[test]
    fn record_readers_take_lossy_bytes(bytes in bytes()) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = read_jsonl_str(&text, Path::new("p.jsonl"), "p.jsonl");
        let _ = read_json_str(&text, Path::new("p.json"), "p.json");
        let _ = read_csv_str(&text, Path::new("p.csv"), "p.csv");
    }
}

proptest! {
    #![proptest_config(config(24))]

    /// The whole path a file takes, through the file system, for every extension.
    #[test]
    fn read_file_never_panics_on_any_format(bytes in bytes(), text in stitched()) {
        let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
        for ext in SUPPORTED_EXTENSIONS {
            for (name, content) in [("bytes", bytes.as_slice()), ("text", text.as_bytes())] {
                let path = dir.path().join(format!("{name}.{ext}"));
                std::fs::write(&path, content).map_err(|e| TestCaseError::fail(e.to_string()))?;
                match read_file(dir.path(), &path, &ReadOptions::default()) {
                    Ok((articles, _)) => prop_assert!(articles.iter().all(|a| a.source.path == path)),
                    Err(problem) => prop_assert!(!problem.reason().is_empty()),
                }
            }
        }
    }
}
