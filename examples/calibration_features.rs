//! Writes the confidence features of every place mention found in gold JSON Lines files (`{"id","text"}` a
//! line), one line per article: `{"id","toponyms":[{"start","end","lat","lon","features":[...]}]}` with
//! character offsets, for `tools/calibrate` to fit the confidence model with.
//!
//! `cargo run --release --example calibration_features -- GOLD.jsonl... > features.jsonl`

use std::io::{BufRead, Write};

use newsatlas::gazetteer::Gazetteer;
use newsatlas::geoparse;

fn main() -> anyhow::Result<()> {
    let gazetteer = Gazetteer::bundled();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for path in std::env::args().skip(1) {
        for line in std::io::BufReader::new(std::fs::File::open(&path)?).lines() {
            let article: serde_json::Value = serde_json::from_str(&line?)?;
            let (Some(id), Some(text)) = (article["id"].as_str(), article["text"].as_str()) else { continue };
            let toponyms: Vec<serde_json::Value> = geoparse::find_places_with_features(text, gazetteer)
                .into_iter()
                .map(|(mention, features)| {
                    let place = gazetteer.place(mention.place);
                    let chars = |byte: usize| text[..byte].chars().count();
                    serde_json::json!({
                        "start": chars(mention.byte_range.start()),
                        "end": chars(mention.byte_range.end()),
                        "lat": place.lat_deg,
                        "lon": place.lon_deg,
                        "form": mention.form.label().unwrap_or("name"),
                        "name": place.name,
                        "features": features,
                    })
                })
                .collect();
            writeln!(out, "{}", serde_json::json!({ "id": id, "toponyms": toponyms }))?;
        }
    }
    Ok(())
}
