//! Stored analyses (issue 20): `newsatlas store` writes the Parquet layout of docs/stored-analysis.md, and
//! `newsatlas export`, the loader and sessions open it as they open a folder of articles, analysing nothing
//! again: the same rows come out, passages stay right when the articles cannot be read, a broken part file is
//! listed while the rest loads, and a newer layout is refused in words.

#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Mutex;
use std::sync::atomic::AtomicBool;

use newsatlas::corpus::{ReadOptions, Snapshot};
use newsatlas::gazetteer::Gazetteer;
use newsatlas::index::load::{LoadMessage, LoadOptions, load_folder};
use newsatlas::index::{Atlas, Document, EventDating, TimeWindow, analyze};
use newsatlas::session::{Corrector, MentionKey, PlaceCorrection, PlaceFix, PlaceScope, Session};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn newsatlas(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsatlas")).args(args).current_dir(cwd).output().unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// `newsatlas export PATH --format csv` run in `cwd`, as text.
fn export_csv(path: &str, cwd: &Path) -> String {
    let output = newsatlas(&["export", path, "--format", "csv"], cwd);
    assert!(output.status.success(), "export {path}: {}", stderr(&output));
    String::from_utf8(output.stdout).unwrap()
}

fn store(path: &str, outdir: &Path, cwd: &Path) {
    let output = newsatlas(&["store", path, outdir.to_str().unwrap()], cwd);
    assert!(output.status.success(), "store {path}: {}", stderr(&output));
}

/// A folder of two articles, one of them in a JSON Lines file, in a temporary folder `in/`.
fn small_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("in")).unwrap();
    std::fs::write(
        dir.path().join("in/talks.txt"),
        "Talks in Rabat\n\n13 January 2017\n\nDelegates met in Rabat and Santiago on 23 January. The talks went on \
         for hours.\n\nLater, envoys flew to Geneva.",
    )
    .unwrap();
    let record = serde_json::json!({"id": "n1", "published": "2016-05-02", "title": "Floods",
        "text": "Floods hit Dhaka. Nothing more was said.\n\nRescuers reached Chittagong on Tuesday."});
    std::fs::write(dir.path().join("in/news.jsonl"), format!("{record}\n")).unwrap();
    dir
}

/// Regression-proofing the round trip: the seeds and the bundled samples, stored and exported again, give
/// the rows their folders give, mention for mention.
#[test]
fn exporting_a_stored_analysis_gives_the_rows_of_its_folder() {
    let out = tempfile::tempdir().unwrap();
    for (name, folder) in [("seeds", "../shared/seeds"), ("sample", "assets/sample")] {
        let stored = out.path().join(name);
        store(folder, &stored, &repo());
        for table in ["mentions", "articles", "timexes", "problems"] {
            assert!(stored.join(table).join("part-00000.parquet").is_file(), "{name}: {table}");
        }
        let manifest: serde_json::Value =
            serde_json::from_slice(&std::fs::read(stored.join("_newsatlas.json")).unwrap()).unwrap();
        assert_eq!(
            (manifest["format"].as_str(), manifest["version"].as_u64()),
            (Some("newsatlas-stored-analysis"), Some(1))
        );
        let original = export_csv(folder, &repo());
        let again = export_csv(stored.to_str().unwrap(), &repo());
        assert!(original.lines().count() > 5, "{name}: {original}");
        assert_eq!(again, original, "{name}");
        // Stored again from the stored analysis, the same.
        let twice = out.path().join(format!("{name}-again"));
        store(stored.to_str().unwrap(), &twice, &repo());
        assert_eq!(export_csv(twice.to_str().unwrap(), &repo()), original, "{name}, stored twice");
    }
}

fn read_stored(stored: &Path) -> (Vec<Document>, Vec<newsatlas::corpus::Problem>) {
    newsatlas::stored::read_all(stored, &ReadOptions::default(), Gazetteer::bundled()).unwrap()
}

#[test]
fn articles_that_can_be_read_keep_their_full_text() {
    let dir = small_folder();
    let stored = dir.path().join("stored");
    store("in", &stored, dir.path());
    let (documents, problems) = read_stored(&stored);
    assert!(problems.is_empty(), "{problems:?}");
    let full: Vec<bool> = documents.iter().map(|d| d.stored.as_ref().unwrap().full_text).collect();
    assert_eq!(full, [true, true]);
    let text = documents[1].article.text.as_str();
    assert!(text.starts_with("Talks in Rabat\n\n13 January 2017"), "{text}");
}

#[test]
fn without_its_articles_a_stored_analysis_shows_its_passages_with_gaps() {
    let dir = small_folder();
    let stored = dir.path().join("stored");
    store("in", &stored, dir.path());
    let before = export_csv("stored", dir.path());
    std::fs::rename(dir.path().join("in"), dir.path().join("moved")).unwrap();
    // The passages, places and dates are the stored ones.
    assert_eq!(export_csv("stored", dir.path()), before);

    let (documents, problems) = read_stored(&stored);
    assert!(problems.is_empty(), "{problems:?}");
    let gaz = Gazetteer::bundled();
    let talks = documents.iter().find(|d| d.article.id == "talks.txt").unwrap();
    assert!(!talks.stored.as_ref().unwrap().full_text);
    let text = talks.article.text.as_str();
    assert_eq!(
        text,
        "Talks in Rabat\n\n[…]\n\nDelegates met in Rabat and Santiago on 23 January.\n\n[…]\n\nLater, envoys flew to Geneva.",
        "each passage once, a gap where the article went on"
    );
    let mut atlas = Atlas::new();
    for document in documents {
        atlas.add(document);
    }
    // Every mention is highlighted on its own words, and its passage is the stored sentence.
    for event in atlas.events() {
        let document = atlas.document(event.doc);
        let text = document.article.text.as_str();
        let mention = &document.places[event.mention as usize];
        let written = &text[mention.byte_range];
        assert!(["Rabat", "Santiago", "Geneva", "Dhaka", "Chittagong"].contains(&written), "{written}");
        assert!(text[atlas.passage(event)].contains(&text[mention.byte_range]));
    }
    let santiago = atlas.events().iter().find(|e| gaz.place(e.place).name == "Santiago").unwrap();
    assert_eq!(santiago.dating, EventDating::Sentence);
    assert_eq!(santiago.precision, Some(newsatlas::timex::DatePrecision::Day));
    let rabat_passages = atlas.passages_of_place(santiago.place, &TimeWindow::ALL);
    assert_eq!(rabat_passages.len(), 1);
    // The date expressions in the passages are still marked.
    let talks = atlas.documents().iter().find(|d| d.article.id == "talks.txt").unwrap();
    let dates: Vec<String> =
        talks.timexes.iter().map(|t| talks.article.text.as_str()[t.byte_range].to_owned()).collect();
    assert_eq!(dates, ["23 January"]);
}

#[test]
fn a_broken_part_file_is_listed_and_the_rest_loads() {
    let dir = small_folder();
    std::fs::create_dir(dir.path().join("other")).unwrap();
    std::fs::write(dir.path().join("other/oslo.txt"), "Storms in Oslo\n\nFerries from Oslo to Kiel stopped.").unwrap();
    let (stored, other) = (dir.path().join("stored"), dir.path().join("stored-other"));
    store("in", &stored, dir.path());
    store("other", &other, dir.path());
    // A second part file in each table, its mentions cut short.
    for table in ["articles", "mentions"] {
        std::fs::copy(other.join(table).join("part-00000.parquet"), stored.join(table).join("part-00001.parquet"))
            .unwrap();
    }
    let cut = stored.join("mentions/part-00001.parquet");
    let bytes = std::fs::read(&cut).unwrap();
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    // And a file that is no Parquet at all.
    std::fs::write(stored.join("timexes/part-00001.parquet"), "not parquet").unwrap();

    let (documents, problems) = read_stored(&stored);
    let ids: Vec<&str> = documents.iter().map(|d| d.article.id.as_str()).collect();
    assert_eq!(ids, ["n1", "talks.txt", "oslo.txt"], "every article is there");
    assert!(documents[2].places.is_empty(), "its mentions were in the broken file");
    assert!(!documents[1].places.is_empty());
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(shown.iter().any(|p| p.contains("mentions/part-00001.parquet") && p.contains("Parquet")), "{shown:?}");
    assert!(shown.iter().any(|p| p.contains("timexes/part-00001.parquet")), "{shown:?}");
    assert!(shown.iter().any(|p| p.contains("oslo.txt") && p.contains("0 were read")), "{shown:?}");
    // The command line goes on and says so.
    let output = newsatlas(&["export", "stored", "--format", "csv"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains("part-00001.parquet"), "{}", stderr(&output));
}

#[test]
fn a_newer_layout_is_refused_in_words() {
    let dir = small_folder();
    let stored = dir.path().join("stored");
    store("in", &stored, dir.path());
    std::fs::write(stored.join("_newsatlas.json"), r#"{"format": "newsatlas-stored-analysis", "version": 2}"#).unwrap();
    let output = newsatlas(&["export", "stored", "--format", "csv"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("written by a newer News Atlas (stored-analysis version 2; this one reads version 1)"),
        "{}",
        stderr(&output)
    );
    // The app's loader lists it as the folder's problem and loads nothing.
    let messages = Mutex::new(Vec::new());
    let record = |message: LoadMessage| messages.lock().unwrap().push(message);
    load_folder(&stored, &LoadOptions::default(), &Snapshot::default(), &AtomicBool::new(false), &record);
    let messages = messages.into_inner().unwrap();
    let problems: Vec<String> = messages
        .iter()
        .filter_map(|m| if let LoadMessage::Problems(p) = m { Some(p) } else { None })
        .flatten()
        .map(ToString::to_string)
        .collect();
    assert_eq!(problems.len(), 1);
    assert!(problems[0].contains("newer News Atlas"), "{problems:?}");
    assert!(!messages.iter().any(|m| matches!(m, LoadMessage::FileDone { documents, .. } if !documents.is_empty())));
}

#[test]
fn the_loader_opens_a_stored_analysis_like_a_folder() {
    let dir = small_folder();
    let stored = dir.path().join("stored");
    store("in", &stored, dir.path());
    let messages = Mutex::new(Vec::new());
    let record = |message: LoadMessage| messages.lock().unwrap().push(message);
    load_folder(&stored, &LoadOptions::default(), &Snapshot::default(), &AtomicBool::new(false), &record);
    let messages = messages.into_inner().unwrap();
    assert!(matches!(messages[0], LoadMessage::Listed { files: 4 }), "{:?}", messages[0]);
    let documents: usize = messages
        .iter()
        .map(|m| match m {
            LoadMessage::FileDone { documents, .. } | LoadMessage::FilePart { documents, .. } => documents.len(),
            _ => 0,
        })
        .sum();
    assert_eq!(documents, 2);
    let files_done = messages.iter().filter(|m| matches!(m, LoadMessage::FileDone { .. })).count();
    assert_eq!(files_done, 4, "one per part file, for the progress bar");
    assert!(matches!(messages.last(), Some(LoadMessage::Finished { cancelled: false })));
}

/// Corrections and sessions on a stored analysis: a place corrected and taken back, a mention's date set by
/// hand, an article's date set by hand (moving the mentions it dated), with nothing analysed again.
#[test]
fn corrections_apply_to_a_stored_analysis_and_can_be_taken_back() {
    let dir = small_folder();
    let stored = dir.path().join("stored");
    store("in", &stored, dir.path());
    std::fs::rename(dir.path().join("in"), dir.path().join("moved")).unwrap();
    let gaz = Gazetteer::bundled().without_user_places();
    let (documents, _) = read_stored(&stored);
    let talks = documents.iter().find(|d| d.article.id == "talks.txt").unwrap();
    let text = talks.article.text.as_str().into_owned();
    let rabat_count = talks.places.iter().filter(|m| &text[m.byte_range] == "Rabat").count();
    let rabat = talks.places.iter().find(|m| &text[m.byte_range] == "Rabat").unwrap().byte_range.start();
    let geneva = talks.places.iter().find(|m| &text[m.byte_range] == "Geneva").unwrap().byte_range.start();
    let key =
        |start: usize, text: &str| MentionKey { article: "talks.txt".into(), byte_start: start, text: text.into() };
    let mut session = Session::default();
    session.correct_place(PlaceCorrection { scope: PlaceScope::Only(key(rabat, "Rabat")), fix: PlaceFix::NotAPlace });
    session.set_event_date(key(geneva, "Geneva"), chrono::NaiveDate::from_ymd_opt(2020, 5, 1));
    let mut corrector = Corrector::new(session);
    let mut atlas = Atlas::new();
    for document in documents {
        corrector.add_to(&mut atlas, document, &gaz);
    }
    assert!(corrector.unapplied().is_empty(), "{:?}", corrector.unapplied());
    let names = |atlas: &Atlas| -> Vec<(String, EventDating)> {
        atlas.events().iter().map(|e| (gaz.place(e.place).name.clone(), e.dating)).collect()
    };
    let rabats = |names: &[(String, EventDating)]| names.iter().filter(|(n, _)| n == "Rabat").count();
    let corrected = names(&atlas);
    assert_eq!(rabats(&corrected), rabat_count - 1, "{corrected:?}");
    assert!(corrected.contains(&("Geneva".into(), EventDating::SetByUser)), "{corrected:?}");

    // Taken back: the stored mention comes back as it was stored (its date in the sentence).
    let mut session = corrector.session_clone();
    session.places.clear();
    session.event_dates.clear();
    session.article_dates.push(newsatlas::session::ArticleDateCorrection {
        article: "n1".into(),
        date: chrono::NaiveDate::from_ymd_opt(2016, 6, 1).unwrap(),
    });
    corrector.set_session(session);
    let ids: Vec<u32> = (0..atlas.documents().len() as u32).collect();
    corrector.redo_in(&mut atlas, &ids, &gaz);
    let restored = names(&atlas);
    assert_eq!(rabats(&restored), rabat_count, "{restored:?}");
    assert!(restored.contains(&("Rabat".into(), EventDating::Sentence)), "{restored:?}");
    assert!(
        restored.contains(&("Geneva".into(), EventDating::Paragraph))
            || restored.contains(&("Geneva".into(), EventDating::Article)),
        "{restored:?}"
    );
    // The floods article's mentions dated by its article follow the date set by hand; nothing was analysed.
    let dhaka = atlas.events().iter().find(|e| gaz.place(e.place).name == "Dhaka").unwrap();
    assert_eq!(
        (dhaka.day.and_then(newsatlas::index::date_of_day), dhaka.dating),
        (chrono::NaiveDate::from_ymd_opt(2016, 6, 1), EventDating::Article)
    );
    assert!(atlas.documents().iter().all(|d| d.stored.is_some()));
}

/// `newsatlas export --session` on a stored analysis applies the session as it does on a folder.
#[test]
fn export_applies_a_session_to_a_stored_analysis() {
    let dir = small_folder();
    let stored = dir.path().join("stored");
    store("in", &stored, dir.path());
    let gaz = Gazetteer::bundled();
    let talks =
        analyze(newsatlas::corpus::read_folder(&dir.path().join("in"), &ReadOptions::default()).0.remove(1), gaz);
    assert_eq!(talks.article.id, "talks.txt");
    let text = talks.article.text.as_str();
    let geneva = talks.places.iter().find(|m| &text[m.byte_range] == "Geneva").unwrap().place;
    let mut session = Session::default();
    session.correct_place(PlaceCorrection {
        scope: PlaceScope::Everywhere { text: "Geneva".into(), was: gaz.place(geneva).geonameid },
        fix: PlaceFix::NotAPlace,
    });
    let session_file = dir.path().join("session.json");
    session.save(&session_file).unwrap();
    for path in ["in", "stored"] {
        let output = newsatlas(&["export", path, "--format", "csv", "--session", "session.json"], dir.path());
        assert!(output.status.success(), "{}", stderr(&output));
        let csv = String::from_utf8(output.stdout).unwrap();
        assert!(!csv.contains(",Geneva,"), "{path}: {csv}");
        assert!(csv.contains(",Santiago,"), "{path}: {csv}");
    }
}
