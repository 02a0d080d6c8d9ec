//! The engine end to end on folders: the bundled samples, the four seed articles, and `newsatlas extract`.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use newsatlas::corpus::{self, ReadOptions};
use newsatlas::gazetteer::Gazetteer;
use newsatlas::index::{Atlas, TimeWindow, analyze, day_number};

fn sample_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample")
}

/// The seed articles the product was first described with; CI has `shared/` beside the checkout.
fn seeds_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds")
}

fn load(folder: &Path) -> Atlas {
    let (articles, problems) = corpus::read_folder(folder, &ReadOptions::default());
    assert!(problems.is_empty(), "{problems:?}");
    let mut atlas = Atlas::new();
    for article in articles {
        atlas.add(analyze(article, Gazetteer::bundled()));
    }
    atlas
}

/// Great-circle distance in km.
fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lon1, lat2, lon2) = (a.0.to_radians(), a.1.to_radians(), b.0.to_radians(), b.1.to_radians());
    let h = ((lat2 - lat1) / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

#[test]
fn sample_articles_load_with_dates_and_places() {
    let atlas = load(&sample_folder());
    assert_eq!(atlas.documents().len(), 6);
    assert_eq!(atlas.undated_documents(), 1, "the background note has no date");
    let gaz = Gazetteer::bundled();
    let counts = atlas.place_counts(&TimeWindow::ALL);
    let names: Vec<&str> = counts.iter().map(|c| gaz.place(c.place).name.as_str()).collect();
    for name in ["Moscow", "Astana", "Doha", "Geneva", "Kuala Lumpur"] {
        assert!(names.contains(&name), "{name} not in {names:?}");
    }
    let md = atlas.documents().iter().find(|d| d.article.id.ends_with(".md")).unwrap();
    assert_eq!(md.article.title, "Gulf capital hosts three-way talks on the Syrian war");
    assert_eq!(md.published.as_ref().unwrap().date, NaiveDate::from_ymd_opt(2015, 8, 3).unwrap());
}

#[test]
fn narrowing_the_window_drops_places() {
    let atlas = load(&sample_folder());
    let day = |y, m, d| day_number(NaiveDate::from_ymd_opt(y, m, d).unwrap());
    let all = atlas.place_counts(&TimeWindow { days: None, include_undated: false });
    let august_2015 =
        atlas.place_counts(&TimeWindow { days: Some((day(2015, 8, 1), day(2015, 8, 31))), include_undated: false });
    assert!(!august_2015.is_empty() && august_2015.len() < all.len());
    let gaz = Gazetteer::bundled();
    assert!(august_2015.iter().all(|c| gaz.place(c.place).name != "Astana"));
}

#[test]
fn seeds_five_places_within_25_km_and_the_dateline() {
    let folder = seeds_folder();
    if !folder.is_dir() {
        eprintln!("skipping: {} not found", folder.display());
        return;
    }
    let atlas = load(&folder);
    let gaz = Gazetteer::bundled();
    let truth = [
        ("Moscow", (55.7558, 37.6173)),
        ("Astana", (51.1694, 71.4491)),
        ("Doha", (25.2854, 51.5310)),
        ("Geneva", (46.2044, 6.1432)),
        ("Kuala Lumpur", (3.1390, 101.6869)),
    ];
    for (name, point) in truth {
        let mentions: Vec<_> = atlas
            .documents()
            .iter()
            .flat_map(|d| {
                let text = d.article.text.as_str().into_owned();
                d.places.iter().map(move |m| (text[m.byte_range].to_owned(), m.place)).collect::<Vec<_>>()
            })
            .filter(|(text, _)| text.eq_ignore_ascii_case(name))
            .collect();
        assert!(!mentions.is_empty(), "{name} not found in the seeds");
        for (_, place) in mentions {
            let p = gaz.place(place);
            let km = distance_km((p.lat_deg, p.lon_deg), point);
            assert!(km < 25.0, "{name} placed {km:.0} km away at {}, {}", p.name, p.country_code);
        }
    }
    let dated = atlas.documents().iter().find(|d| d.article.id.starts_with("004_")).unwrap();
    assert_eq!(dated.published.as_ref().unwrap().date, NaiveDate::from_ymd_opt(2017, 1, 13).unwrap());
}

#[test]
fn extract_command_writes_one_line_per_article_and_reports_bad_files() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(input.join("a.txt"), "Talks\n13 January, 2017\nDelegates met in Geneva on the Middle East.")
        .unwrap();
    std::fs::write(input.join("junk.txt"), [0u8, 159, 146, 150]).unwrap();
    // Beside the input folder: an output inside it is refused (tests/cli_outputs.rs).
    let out = dir.path().join("out.jsonl");
    let binary = env!("CARGO_BIN_EXE_newsatlas");
    let result = std::process::Command::new(binary).arg("extract").arg(&input).arg("-o").arg(&out).output().unwrap();
    assert!(result.status.success());
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("junk.txt") && stderr.contains("binary"), "{stderr}");
    let lines: Vec<serde_json::Value> =
        std::fs::read_to_string(&out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["id"], "a.txt");
    assert_eq!(lines[0]["published"]["date"], "2017-01-13");
    assert_eq!(lines[0]["published"]["source"], "dateline");
    let geneva = &lines[0]["toponyms"][0];
    assert_eq!(geneva["name"], "Geneva");
    assert_eq!(geneva["country"], "CH");
    assert_eq!(geneva["admin1"], "Geneva");
    assert_eq!(geneva["geonameid"], 2660646);
    assert_eq!(geneva["place_id"], "geonames:2660646");
    // A region we curated is no GeoNames feature: no geonameid, an id of our own.
    let middle_east = &lines[0]["toponyms"][1];
    assert_eq!(middle_east["name"], "Middle East");
    assert_eq!(middle_east["geonameid"], serde_json::Value::Null);
    assert_eq!(middle_east["admin1"], serde_json::Value::Null);
    assert!(middle_east["place_id"].as_str().is_some_and(|id| id.starts_with("newsatlas:9300")), "{middle_east}");
    assert_eq!(lines[0]["timexes"][0]["value"], "2017-01-13");
}

#[test]
fn extract_reads_jsonl_with_given_dates() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    std::fs::write(
        &input,
        "{\"id\":\"d1\",\"dct\":\"2015-08-05\",\"text\":\"Ministers met in Kuala Lumpur.\"}\nnot json\n",
    )
    .unwrap();
    let binary = env!("CARGO_BIN_EXE_newsatlas");
    let result = std::process::Command::new(binary).arg("extract").arg(&input).output().unwrap();
    assert!(result.status.success());
    assert!(String::from_utf8_lossy(&result.stderr).contains("in.jsonl:2"));
    let line: serde_json::Value = serde_json::from_slice(&result.stdout).unwrap();
    assert_eq!(line["id"], "d1");
    assert_eq!(line["published"]["date"], "2015-08-05");
    assert_eq!(line["toponyms"][0]["start"], 17);
    assert_eq!(line["toponyms"][0]["end"], 29);
}

#[test]
fn extract_on_a_missing_path_fails_clearly() {
    let binary = env!("CARGO_BIN_EXE_newsatlas");
    let result = std::process::Command::new(binary).args(["extract", "/no/such/folder"]).output().unwrap();
    assert!(!result.status.success());
    assert!(String::from_utf8_lossy(&result.stderr).contains("no such file or folder"));
}

#[test]
fn export_command_applies_the_session_and_writes_each_format() {
    use newsatlas::session::{PlaceCorrection, PlaceFix, PlaceScope, Session};

    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    std::fs::write(articles.join("a.txt"), "Talks\n13 January, 2017\nDelegates met in Geneva and Doha.").unwrap();
    std::fs::write(articles.join("b.txt"), "Talks\n2 March, 2017\nDelegates met in Geneva again.").unwrap();
    let gaz = Gazetteer::bundled();
    let geonameid = |name: &str, country: &str| {
        let id = gaz.lookup(name).iter().copied().find(|&p| gaz.place(p).country_code == country).unwrap();
        gaz.place(id).geonameid
    };
    let mut session = Session::for_folder(&articles);
    session.correct_place(PlaceCorrection {
        scope: PlaceScope::Everywhere { text: "Doha".into(), was: geonameid("Doha", "QA") },
        fix: PlaceFix::NotAPlace,
    });
    let session_file = dir.path().join("session.json");
    session.save(&session_file).unwrap();

    let binary = env!("CARGO_BIN_EXE_newsatlas");
    let run = |format: &str, extra: &[&str]| -> String {
        let out = dir.path().join(format!("out.{format}"));
        let result = std::process::Command::new(binary)
            .arg("export")
            .arg(&articles)
            .args(["--format", format, "--session"])
            .arg(&session_file)
            .args(extra)
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap();
        assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
        std::fs::read_to_string(&out).unwrap()
    };

    let geojson: geojson::GeoJson = run("geojson", &[]).parse().unwrap();
    let geojson::GeoJson::FeatureCollection(collection) = geojson else { panic!("not a FeatureCollection") };
    let places: Vec<&str> =
        collection.features.iter().filter_map(|f| f.property("place").and_then(|p| p.as_str())).collect();
    assert_eq!(places, ["Geneva", "Geneva"], "Doha was corrected away");
    let first = &collection.features[0];
    assert_eq!(first.property("admin1").and_then(|p| p.as_str()), Some("Geneva"));
    assert_eq!(first.property("geonameid").and_then(|p| p.as_u64()), Some(2660646));
    assert_eq!(first.property("place_id").and_then(|p| p.as_str()), Some("geonames:2660646"));

    let csv = run("csv", &["--from", "2017-03-01"]);
    let rows: Vec<csv::StringRecord> =
        csv::Reader::from_reader(csv.as_bytes()).records().collect::<Result<_, _>>().unwrap();
    assert_eq!(rows.len(), 1, "only the March article is in the window");
    let header = csv::Reader::from_reader(csv.as_bytes()).headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).map(|i| &rows[0][i]);
    assert_eq!((column("admin1"), column("place_id")), (Some("Geneva"), Some("geonames:2660646")));
    assert!(rows[0].iter().any(|field| field == "2017-03-02"), "{:?}", rows[0]);

    let kml = run("kml", &[]);
    let document = roxmltree::Document::parse(&kml).unwrap();
    assert_eq!(document.descendants().filter(|n| n.has_tag_name("Placemark")).count(), 2);
    let data = |name: &str| -> Vec<&str> {
        document
            .descendants()
            .filter(|n| n.has_tag_name("Data") && n.attribute("name") == Some(name))
            .filter_map(|n| n.descendants().find(|v| v.has_tag_name("value")).and_then(|v| v.text()))
            .collect()
    };
    assert_eq!(data("admin1"), ["Geneva", "Geneva"]);
    assert_eq!(data("place_id"), ["geonames:2660646", "geonames:2660646"]);
}
