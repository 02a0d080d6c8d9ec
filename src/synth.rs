//! A synthetic news corpus for measuring speed at scale: real place names from the bundled gazetteer in
//! sentences written for this purpose, with datelines, dates in the text, and folders by year and month.
//!
//! It stands in for a real archive in benchmarks; nothing in the engine knows about it.

use std::fmt::Write as _;
use std::io;
use std::path::Path;

use chrono::{Datelike, Days, NaiveDate};

use crate::corpus::{Article, ByteSpan, SourceRef};
use crate::gazetteer::{Gazetteer, PlaceId, PlaceKind};
use crate::geoparse::{Form, PlaceMention};
use crate::index::{Atlas, Document};
use crate::language::Language;
use crate::timex::{ArticleDate, DateSource};

/// Appends `sentence` to `text` with its first letter in capitals, and a space.
pub fn push_sentence(text: &mut String, sentence: &str) {
    let mut chars = sentence.chars();
    if let Some(first) = chars.next() {
        text.extend(first.to_uppercase());
        text.push_str(chars.as_str());
    }
    text.push(' ');
}

/// Month names, for generated text (also used by the benchmarks' generators).
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
pub const WEEKDAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const PEOPLE: [&str; 8] = [
    "the foreign minister",
    "a government spokesman",
    "the prime minister",
    "opposition leaders",
    "the envoy",
    "local officials",
    "the defence ministry",
    "aid workers",
];
const TOPICS: [&str; 8] = [
    "trade talks",
    "a ceasefire",
    "flood relief",
    "the election",
    "energy prices",
    "a peace plan",
    "border security",
    "the budget",
];

/// Sentence patterns: `{P}` and `{Q}` are places, `{C}` a country, `{D}` a date, `{W}` a weekday, `{S}` a
/// speaker, `{T}` a topic, `{N}` a number.
const SENTENCES: [&str; 16] = [
    "{S} said on {W} that talks in {P} would continue.",
    "Delegations from {C} arrived in {P} on {D} to discuss {T}.",
    "Officials in {P} and {Q} said {N} people had been affected by {T}.",
    "The meeting in {P}, the first since {D}, ended without an agreement on {T}.",
    "{S} travelled from {P} to {Q} last week for talks on {T}.",
    "Protesters gathered outside the parliament in {P} on {W}.",
    "Markets in {P} fell sharply after {S} warned about {T}.",
    "A second round of talks is set to begin in {Q} on {D}.",
    "Reporters in {P} saw long queues at petrol stations.",
    "{S} in {C} described the outcome as a step forward.",
    "Flights between {P} and {Q} were cancelled on {W} because of storms.",
    "Since {D}, more than {N} families have left the area around {P}.",
    "Analysts in {Q} expect {T} to dominate the agenda next month.",
    "The agreement signed in {P} covers {T} and runs until {D}.",
    "{S} met counterparts from {C} and {Q} on the sidelines of the summit.",
    "Residents of {P} said the situation had improved since {W}.",
];

/// Sentences without a place, as most sentences of real news are: with them an article of 2.5 KB names about
/// a dozen places, as agency copy does.
const FILLER: [&str; 12] = [
    "{S} declined to comment on the details of the proposal.",
    "The figures could not be independently verified.",
    "It was not immediately clear how many people would be affected by {T}.",
    "Critics say the plan does too little and comes too late.",
    "{S} said more talks would be needed before any decision on {T}.",
    "Prices have risen by {N} per cent over the past year, according to official data.",
    "The decision is expected to be challenged in court.",
    "Several witnesses described scenes of confusion as the news spread.",
    "{S} told reporters that the matter was being taken very seriously.",
    "A final report is due to be published later this year.",
    "Observers said the vote had been largely peaceful.",
    "The talks on {T} have been going on for more than {N} hours in total.",
];

/// What [`generate`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SynthStats {
    pub articles: usize,
    pub bytes: u64,
}

/// Names to draw from: the most populous cities and every country, so mentions follow a realistic skew.
fn place_names(gazetteer: &Gazetteer) -> (Vec<&str>, Vec<&str>) {
    let mut cities: Vec<_> = gazetteer.places().iter().filter(|p| p.kind == PlaceKind::City).collect();
    cities.sort_by(|a, b| b.population.cmp(&a.population).then(a.geonameid.cmp(&b.geonameid)));
    let cities = cities.into_iter().take(4000).map(|p| p.name.as_str()).collect();
    let countries =
        gazetteer.places().iter().filter(|p| p.kind == PlaceKind::Country).map(|p| p.name.as_str()).collect();
    (cities, countries)
}

/// Picks with a skew towards the front of the list (big cities are in the news more often).
fn skewed<'a>(rng: &mut fastrand::Rng, items: &[&'a str]) -> &'a str {
    let r = rng.f64();
    items[((r * r * r) * items.len() as f64) as usize % items.len()]
}

fn day_text(date: NaiveDate) -> String {
    format!("{} {}", date.day(), MONTHS[date.month0() as usize])
}

/// One article of about `target_bytes`, dated `date`.
pub fn article_text(
    rng: &mut fastrand::Rng,
    date: NaiveDate,
    cities: &[&str],
    countries: &[&str],
    target_bytes: usize,
) -> String {
    let mut text = String::with_capacity(target_bytes + 256);
    let dateline_city = skewed(rng, cities);
    let topic = TOPICS[rng.usize(..TOPICS.len())];
    let _ = write!(text, "Talks on {topic} resume in {dateline_city}\n\n{}, {}\n\n", day_text(date), date.year());
    let _ = write!(text, "{} — ", dateline_city.to_uppercase());
    while text.len() < target_bytes {
        for _ in 0..rng.usize(2..5) {
            let pattern = if rng.u32(0..3) == 0 {
                SENTENCES[rng.usize(..SENTENCES.len())]
            } else {
                FILLER[rng.usize(..FILLER.len())]
            };
            let offset_days = rng.u64(0..40);
            let mentioned = if rng.bool() {
                date.checked_sub_days(Days::new(offset_days))
            } else {
                date.checked_add_days(Days::new(offset_days))
            }
            .unwrap_or(date);
            let mut sentence = pattern.to_owned();
            for (slot, value) in [
                ("{P}", skewed(rng, cities).to_owned()),
                ("{Q}", skewed(rng, cities).to_owned()),
                ("{C}", countries[rng.usize(..countries.len())].to_owned()),
                ("{D}", day_text(mentioned)),
                ("{W}", WEEKDAYS[rng.usize(..7)].to_owned()),
                ("{S}", PEOPLE[rng.usize(..PEOPLE.len())].to_owned()),
                ("{T}", TOPICS[rng.usize(..TOPICS.len())].to_owned()),
                ("{N}", rng.u32(20..50_000).to_string()),
            ] {
                sentence = sentence.replace(slot, &value);
            }
            push_sentence(&mut text, &sentence);
        }
        text.push_str("\n\n");
    }
    text
}

/// Writes `count` articles of about 2.5 KB under `dir/YYYY/MM/`, from `seed` (the same seed gives the same
/// corpus).
pub fn generate(count: usize, dir: &Path, seed: u64, gazetteer: &Gazetteer) -> io::Result<SynthStats> {
    let (cities, countries) = place_names(gazetteer);
    let mut rng = fastrand::Rng::with_seed(seed);
    let first = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
    let mut bytes = 0;
    for i in 0..count {
        let date = first.checked_add_days(Days::new(rng.u64(0..9125))).unwrap_or(first);
        let text = article_text(&mut rng, date, &cities, &countries, 2500);
        let folder = dir.join(format!("{:04}", date.year())).join(format!("{:02}", date.month()));
        std::fs::create_dir_all(&folder)?;
        std::fs::write(folder.join(format!("{i:07}.txt")), &text)?;
        bytes += text.len() as u64;
    }
    Ok(SynthStats { articles: count, bytes })
}

/// Writes the same articles as [`generate`] as one JSON Lines file (`id`, `published`, `text` on each line),
/// as a news API or a scraper exports them: for measuring a record file of gigabytes.
pub fn generate_jsonl(count: usize, file: &Path, seed: u64, gazetteer: &Gazetteer) -> io::Result<SynthStats> {
    use std::io::Write;
    let (cities, countries) = place_names(gazetteer);
    let mut rng = fastrand::Rng::with_seed(seed);
    let first = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
    let mut out = crate::atomic_write::AtomicFile::create(file)?;
    let mut bytes = 0;
    for i in 0..count {
        let date = first.checked_add_days(Days::new(rng.u64(0..9125))).unwrap_or(first);
        let text = article_text(&mut rng, date, &cities, &countries, 2500);
        let record = serde_json::json!({ "id": format!("{i:09}"), "published": date.to_string(), "text": text });
        serde_json::to_writer(&mut out, &record)?;
        out.write_all(b"\n")?;
        bytes += text.len() as u64;
    }
    out.commit()?;
    Ok(SynthStats { articles: count, bytes })
}

/// An atlas of `documents` articles with `mentions_per_document` place mentions each, made without reading
/// text: for measuring the views at scale (a million mentions in a second or two). Places follow the same
/// skew as [`generate`]; about one article in twenty is undated.
pub fn synthetic_atlas(documents: usize, mentions_per_document: usize, seed: u64, gazetteer: &Gazetteer) -> Atlas {
    let mut cities: Vec<PlaceId> =
        (0..gazetteer.places().len() as PlaceId).filter(|&id| gazetteer.place(id).kind == PlaceKind::City).collect();
    cities.sort_by_key(|&id| std::cmp::Reverse(gazetteer.place(id).population));
    cities.truncate(20_000);
    let mut rng = fastrand::Rng::with_seed(seed);
    let first = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
    let mut atlas = Atlas::new();
    for i in 0..documents {
        let text = "Delegates met there. ".repeat(mentions_per_document);
        let places = (0..mentions_per_document)
            .map(|m| {
                let r = rng.f64();
                let place = cities[((r * r * r) * cities.len() as f64) as usize % cities.len()];
                let start = m * 21 + 15;
                PlaceMention {
                    byte_range: ByteSpan::new(start..start + 5).unwrap_or_default(),
                    place,
                    confidence: 1.0,
                    candidates: std::iter::once(place).collect(),
                    form: Form::Name,
                }
            })
            .collect();
        let published = (rng.u32(0..20) != 0).then(|| ArticleDate {
            date: first.checked_add_days(Days::new(rng.u64(0..9125))).unwrap_or(first),
            byte_range: None,
            source: DateSource::Dateline,
        });
        let id = format!("{i:07}.txt");
        let article = Article {
            id: id.clone(),
            source: SourceRef { path: id.clone().into(), line: None },
            title: id,
            text: text.into(),
            metadata_date: None,
        };
        atlas.add(Document {
            article,
            published,
            places,
            timexes: Vec::new(),
            language: Language::ENGLISH,
            stored: None,
        });
    }
    atlas
}

/// Writes a stored analysis ([`crate::stored`]) of about `mentions` place mentions to `dir`, as the Spark job
/// would write for a corpus of articles that are not on this machine: about ten mentions an article, in
/// sentences naming one place each, a third of them with a day in the sentence (dating the mention), the
/// rest dated by their paragraph or their article. Nothing is analysed, so ten million mentions take minutes,
/// not hours; the same seed gives the same analysis.
pub fn generate_stored(
    mentions: usize,
    dir: &Path,
    seed: u64,
    gazetteer: &Gazetteer,
) -> Result<crate::stored::StoreStats, crate::stored::WriteError> {
    use crate::timex::{DatePrecision, DateSpan, Timex, TimexType};
    let mut cities: Vec<PlaceId> =
        (0..gazetteer.places().len() as PlaceId).filter(|&id| gazetteer.place(id).kind == PlaceKind::City).collect();
    cities.sort_by_key(|&id| (std::cmp::Reverse(gazetteer.place(id).population), id));
    cities.truncate(20_000);
    let mut rng = fastrand::Rng::with_seed(seed);
    let first = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
    let mut writer = crate::stored::StoredWriter::create(dir)?;
    let (mut left, mut article) = (mentions, 0usize);
    while left > 0 {
        let mut atlas = Atlas::new();
        while left > 0 && atlas.documents().len() < 10_000 {
            let count = rng.usize(4..17).min(left);
            left -= count;
            let date = first.checked_add_days(Days::new(rng.u64(0..9125))).unwrap_or(first);
            let mut text = String::with_capacity(count * 120);
            let (mut places, mut timexes) = (Vec::with_capacity(count), Vec::new());
            for m in 0..count {
                if m > 0 && m % 3 == 0 {
                    text.push_str("\n\n");
                }
                let r = rng.f64();
                let place = cities[((r * r * r) * cities.len() as f64) as usize % cities.len()];
                let name = &gazetteer.place(place).name;
                let _ = write!(text, "{} in ", PEOPLE[rng.usize(..PEOPLE.len())]);
                let start = text.len();
                text.push_str(name);
                places.push(PlaceMention {
                    byte_range: ByteSpan::new(start..text.len()).unwrap_or_default(),
                    place,
                    confidence: rng.u8(50..100) as f32 / 100.0,
                    candidates: std::iter::once(place).collect(),
                    form: Form::Name,
                });
                if rng.u32(0..3) == 0 {
                    let day = date.checked_sub_days(Days::new(rng.u64(0..30))).unwrap_or(date);
                    text.push_str(" said on ");
                    let start = text.len();
                    text.push_str(&day_text(day));
                    timexes.push(Timex {
                        byte_range: ByteSpan::new(start..text.len()).unwrap_or_default(),
                        kind: TimexType::Date,
                        value: day.format("%Y-%m-%d").to_string().into(),
                        span: Some(DateSpan { start: day, end: day, precision: DatePrecision::Day }),
                    });
                    let _ = write!(text, " that {} would go on. ", TOPICS[rng.usize(..TOPICS.len())]);
                } else {
                    let _ = write!(text, " said {} would go on. ", TOPICS[rng.usize(..TOPICS.len())]);
                }
            }
            let published =
                (rng.u32(0..20) != 0).then_some(ArticleDate { date, byte_range: None, source: DateSource::Metadata });
            let id = format!("{:04}/{article:08}.txt", date.year());
            let title =
                format!("Talks on {} in {}", TOPICS[article % TOPICS.len()], gazetteer.place(places[0].place).name);
            let article_record = Article {
                id: id.clone(),
                source: SourceRef { path: Path::new("generated").join(&id), line: None },
                title,
                text: text.into(),
                metadata_date: None,
            };
            atlas.add(Document {
                article: article_record,
                published,
                places,
                timexes,
                language: Language::ENGLISH,
                stored: None,
            });
            article += 1;
        }
        writer.add_atlas(&atlas, gazetteer)?;
    }
    writer.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_corpus_and_it_reads_back() {
        let gazetteer = Gazetteer::bundled();
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let stats = generate(5, a.path(), 7, gazetteer).unwrap();
        generate(5, b.path(), 7, gazetteer).unwrap();
        assert_eq!(stats.articles, 5);
        assert!(stats.bytes > 5 * 2400);
        let (articles, problems) = crate::corpus::read_folder(a.path(), &Default::default());
        let (again, _) = crate::corpus::read_folder(b.path(), &Default::default());
        assert!(problems.is_empty());
        assert_eq!(
            articles.iter().map(|x| &x.text).collect::<Vec<_>>(),
            again.iter().map(|x| &x.text).collect::<Vec<_>>()
        );
        let document = crate::index::analyze(articles[0].clone(), gazetteer);
        assert!(document.published.is_some(), "the dateline is read");
        assert!((4..=30).contains(&document.places.len()), "{} places", document.places.len());
    }

    #[test]
    fn synthetic_atlas_has_the_requested_size() {
        let atlas = synthetic_atlas(200, 10, 3, Gazetteer::bundled());
        assert_eq!(atlas.documents().len(), 200);
        assert_eq!(atlas.events().len(), 2000);
        assert!(atlas.undated_documents() > 0 && atlas.undated_documents() < 40);
        let event = atlas.events()[0];
        assert_eq!(&atlas.document(event.doc).article.text.as_str()[atlas.passage(&event)], "Delegates met there.");
    }
}
