//! Every reader after the disk: text decoding (UTF-8, UTF-16, legacy encodings, binary refusal), HTML, JSON,
//! JSON Lines, CSV and Markdown front matter. The first byte picks the file's extension; the rest is the file.
//! Any input must give articles or a problem, never a panic, and every article's text must be one the
//! analysis can index (offsets fit in 32 bits).

#![no_main]

use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;

const EXTENSIONS: &[&str] = &["txt", "md", "html", "json", "jsonl", "csv"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let path = PathBuf::from(format!("fuzz.{}", EXTENSIONS[usize::from(pick) % EXTENSIONS.len()]));
    if let Ok((articles, problems)) = newsatlas::corpus::articles_from_bytes(&path, "fuzz".into(), bytes.to_vec()) {
        for article in &articles {
            assert!(u32::try_from(article.text.as_str().len()).is_ok());
        }
        for problem in &problems {
            assert!(!problem.to_string().is_empty());
        }
    }
});
