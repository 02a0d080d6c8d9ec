//! Property tests for the analysis of any text: finding places and dates, indexing them and cutting
//! passages must never panic, and every range they give must fall on character boundaries of the text.
//! `PROPTEST_CASES` raises the number of cases (CI runs many more).

use newsatlas::corpus::{Article, SourceRef};
use newsatlas::gazetteer::Gazetteer;
use newsatlas::index::{Atlas, TimeWindow, analyze};
use proptest::prelude::*;

/// Pieces of news text and of what breaks tokenisers: place names in odd spacing and case, streets and roads,
/// dates in many forms, punctuation, combining marks, scripts other than Latin, and control characters.
const FRAGMENTS: &[&str] = &[
    "Moscow",
    "MOSCOW",
    "St .Petersburg",
    "St. Petersburg",
    "al-Bab",
    "Kafr Soussa",
    "Washington Post",
    "Paris Hilton",
    "New York",
    "Lake Geneva",
    "Torrington",
    "Main Street",
    "Street",
    " St.",
    " Lane",
    " Drive",
    "Highway 19",
    "Route ",
    "I-85",
    "Douglas, Sarpy and Lancaster counties",
    "7 p.m. Tuesday",
    "\u{2003}",
    "Syrian",
    "the",
    "in",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\t",
    ",",
    ".",
    ". ",
    "'",
    "\u{2019}",
    "-",
    "\u{2014}",
    "(",
    ")",
    "13 January, 2017",
    "January 13, 2017",
    "on Wednesday",
    "late December",
    "next week",
    "2017-01-23",
    "1/13/2017",
    "23",
    "1999",
    "May",
    "the 3rd of",
    "é",
    "e\u{301}",
    "\u{130}stanbul",
    "\u{41c}\u{43e}\u{441}\u{43a}\u{432}\u{430}",
    "\u{62f}\u{645}\u{634}\u{642}",
    "\u{1F30D}",
    "\u{a0}",
    "\u{200b}",
    "\u{feff}",
    "\u{0}",
];

fn news_like() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..160).prop_map(|parts| parts.concat())
}

fn config() -> ProptestConfig {
    let asked = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse::<u32>().ok()).unwrap_or(0);
    ProptestConfig { cases: asked.max(64), failure_persistence: None, ..ProptestConfig::default() }
}

fn article(text: String) -> Article {
    Article {
        id: "a.txt".into(),
        source: SourceRef { path: "a.txt".into(), line: None },
        title: "a".into(),
        text: text.into(),
        metadata_date: None,
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn analysis_of_any_text_keeps_to_character_boundaries(text in news_like()) {
        let gazetteer = Gazetteer::bundled();
        let document = analyze(article(text.clone()), gazetteer);
        let in_text = |range: &std::ops::Range<usize>| {
            range.start < range.end
                && range.end <= text.len()
                && text.is_char_boundary(range.start)
                && text.is_char_boundary(range.end)
        };
        for place in &document.places {
            prop_assert!(in_text(&place.byte_range.range()), "{:?} in {text:?}", place.byte_range);
        }
        for timex in &document.timexes {
            prop_assert!(in_text(&timex.byte_range.range()), "{:?} in {text:?}", timex.byte_range);
        }
        let mut atlas = Atlas::new();
        atlas.add(document);
        let events: Vec<_> = atlas.events().to_vec();
        for event in &events {
            for passage in atlas.passages_of_place(event.place, &TimeWindow::ALL) {
                prop_assert!(in_text(&passage.byte_range), "{:?} in {text:?}", passage.byte_range);
            }
        }
    }

    #[test]
    fn arbitrary_unicode_never_panics(text in "\\PC{0,300}") {
        let document = analyze(article(text), Gazetteer::bundled());
        let mut atlas = Atlas::new();
        atlas.add(document);
        prop_assert!(atlas.documents().len() == 1);
    }
}
