//! The analysis of any text: places, dates, the index and passages. No panic, and every range falls on
//! character boundaries of the text.

#![no_main]

use libfuzzer_sys::fuzz_target;
use newsatlas::corpus::{Article, SourceRef};
use newsatlas::gazetteer::Gazetteer;
use newsatlas::index::{Atlas, TimeWindow, analyze};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let article = Article {
        id: "fuzz.txt".into(),
        source: SourceRef { path: "fuzz.txt".into(), line: None },
        title: "fuzz".into(),
        text: text.clone().into(),
        metadata_date: None,
    };
    let in_text = |range: &std::ops::Range<usize>| {
        range.start < range.end
            && range.end <= text.len()
            && text.is_char_boundary(range.start)
            && text.is_char_boundary(range.end)
    };
    let document = analyze(article, Gazetteer::bundled());
    for place in &document.places {
        assert!(in_text(&place.byte_range.range()));
    }
    for timex in &document.timexes {
        assert!(in_text(&timex.byte_range.range()));
    }
    let mut atlas = Atlas::new();
    atlas.add(document);
    let places: Vec<_> = atlas.events().iter().map(|event| event.place).collect();
    for place in places {
        for passage in atlas.passages_of_place(place, &TimeWindow::ALL) {
            assert!(in_text(&passage.byte_range));
        }
    }
});
