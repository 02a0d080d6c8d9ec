//! Place mentions in text: recognition of gazetteer names, then one resolved sense per name per article.
//!
//! Recognition runs the gazetteer's Aho-Corasick automaton over the text (case-sensitive, every overlapping
//! match), keeps matches that start and end on word boundaries, and takes the longest at each position
//! ("Kuala Lumpur" over "Kuala"). ALL-CAPS words ("MOSCOW (AP)") are looked up separately. Matches that are
//! common English words written with a capital are dropped.
//!
//! Disambiguation follows what the field has learnt: countries and continents before cities of the same name,
//! then cities in a country the article mentions, then capitals and population.

use std::collections::HashMap;
use std::ops::Range;

use crate::gazetteer::{Gazetteer, PlaceId, PlaceKind};

mod stopwords;

/// A resolved place name in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceMention {
    pub byte_range: Range<usize>,
    pub place: PlaceId,
    /// How sure the resolution is, from 0 to 1: 1 when the name has one sense, lower as rivals get close.
    pub confidence: f32,
    /// Every sense considered, best first (the chosen `place` is the first).
    pub candidates: Vec<PlaceId>,
}

/// How many ranked alternatives a mention keeps.
const MAX_CANDIDATES: usize = 5;

/// A recognised name before resolution: where it is and which automaton pattern it is.
#[derive(Debug, Clone, PartialEq, Eq)]
struct NameMatch {
    byte_range: Range<usize>,
    pattern: u32,
}

/// Finds and resolves every place mention in `text`, sorted by position.
pub fn find_places(text: &str, gazetteer: &Gazetteer) -> Vec<PlaceMention> {
    let matches = recognise(text, gazetteer);
    resolve(&matches, gazetteer)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn on_word_boundaries(text: &str, range: &Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
}

fn recognise(text: &str, gazetteer: &Gazetteer) -> Vec<NameMatch> {
    let mut found: Vec<NameMatch> = gazetteer
        .matcher()
        .find_overlapping_iter(text)
        .map(|m| NameMatch { byte_range: m.start()..m.end(), pattern: m.pattern().as_u32() })
        .filter(|m| on_word_boundaries(text, &m.byte_range))
        .filter(|m| !stopwords::is_common_word(text, &m.byte_range))
        .filter(|m| !stopwords::starts_a_longer_name(text, &m.byte_range))
        .collect();
    found.extend(all_caps_names(text, gazetteer));
    // Leftmost, then longest, then non-overlapping.
    found.sort_by(|a, b| a.byte_range.start.cmp(&b.byte_range.start).then(b.byte_range.end.cmp(&a.byte_range.end)));
    let mut chosen: Vec<NameMatch> = Vec::with_capacity(found.len());
    for m in found {
        if chosen.last().is_none_or(|last| m.byte_range.start >= last.byte_range.end) {
            chosen.push(m);
        }
    }
    chosen
}

/// Names written in capitals, as in datelines ("MOSCOW (AP) —", "KUALA LUMPUR, Malaysia"): runs of one to
/// three upper-case words looked up in any case, longest first.
fn all_caps_names(text: &str, gazetteer: &Gazetteer) -> Vec<NameMatch> {
    let words: Vec<Range<usize>> = upper_case_words(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let mut matched = false;
        for n in (1..=3).rev() {
            let Some(last) = words.get(i + n - 1) else {
                continue;
            };
            let adjacent = words[i..i + n].windows(2).all(|w| text[w[0].end..w[1].start].chars().all(|c| c == ' '));
            if !adjacent {
                continue;
            }
            let range = words[i].start..last.end;
            if let Some(pattern) = gazetteer.pattern_for_any_case(&text[range.clone()]) {
                out.push(NameMatch { byte_range: range, pattern });
                i += n;
                matched = true;
                break;
            }
        }
        if !matched {
            i += 1;
        }
    }
    out
}

/// Byte ranges of words of three or more letters, all upper case.
fn upper_case_words(text: &str) -> Vec<Range<usize>> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        if c.is_alphanumeric() || c == '-' {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            let word = &text[s..i];
            let letters = word.chars().filter(|c| c.is_alphabetic()).count();
            if letters >= 3 && word.chars().all(|c| !c.is_lowercase() && !c.is_numeric()) {
                words.push(s..i);
            }
        }
    }
    words
}

/// One sense per name per article: every mention of the same name resolves to the same place.
fn resolve(matches: &[NameMatch], gazetteer: &Gazetteer) -> Vec<PlaceMention> {
    // How often the article names each country, directly or through a name that has a single sense.
    let mut country_mentions: HashMap<&str, u32> = HashMap::new();
    for m in matches {
        let senses = gazetteer.pattern_senses(m.pattern);
        let country = senses.iter().find(|&&p| gazetteer.place(p).kind == PlaceKind::Country);
        if let Some(&place) = country.or(if senses.len() == 1 { senses.first() } else { None }) {
            *country_mentions.entry(&gazetteer.place(place).country_code).or_default() += 1;
        }
    }

    let mut resolved: HashMap<u32, (Vec<PlaceId>, f32)> = HashMap::new();
    let mut out = Vec::with_capacity(matches.len());
    for m in matches {
        let (candidates, confidence) = resolved
            .entry(m.pattern)
            .or_insert_with(|| rank_senses(gazetteer.pattern_senses(m.pattern), &country_mentions, gazetteer))
            .clone();
        let Some(&place) = candidates.first() else {
            continue;
        };
        out.push(PlaceMention { byte_range: m.byte_range.clone(), place, confidence, candidates });
    }
    out
}

/// Each mention of a place's country in the article adds this much to its score ...
const COUNTRY_EVIDENCE_PER_MENTION: f64 = 0.75;
/// ... up to this much: enough to prefer a town over a namesake up to e^2 (about 7) times its size, not
/// enough to move "Geneva" to Illinois because an article mentions the United States.
const MAX_COUNTRY_EVIDENCE: f64 = 2.0;

/// Ranks the senses of one name, best first, with the confidence of the first.
fn rank_senses(
    senses: &[PlaceId],
    country_mentions: &HashMap<&str, u32>,
    gazetteer: &Gazetteer,
) -> (Vec<PlaceId>, f32) {
    let score = |id: PlaceId| -> f64 {
        let place = gazetteer.place(id);
        let kind_bonus = match place.kind {
            PlaceKind::Country => 100.0,
            PlaceKind::Continent => 90.0,
            PlaceKind::City | PlaceKind::UserAdded => 0.0,
        };
        let mentions = country_mentions.get(place.country_code.as_str()).copied().unwrap_or(0);
        let country_evidence = (f64::from(mentions) * COUNTRY_EVIDENCE_PER_MENTION).min(MAX_COUNTRY_EVIDENCE);
        let capital = if place.is_capital { 2.0 } else { 0.0 };
        kind_bonus + country_evidence + capital + (place.population as f64 + 1.0).ln()
    };
    let mut scored: Vec<(f64, PlaceId)> = senses.iter().map(|&id| (score(id), id)).collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let confidence = match scored.as_slice() {
        [] => 0.0,
        [_] => 1.0,
        [best, second, ..] => (1.0 / (1.0 + (-(best.0 - second.0)).exp())) as f32,
    };
    (scored.into_iter().take(MAX_CANDIDATES).map(|(_, id)| id).collect(), confidence)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, String, String)> {
        let gaz = Gazetteer::bundled();
        find_places(text, gaz)
            .into_iter()
            .map(|m| {
                let place = gaz.place(m.place);
                (text[m.byte_range].to_owned(), place.name.clone(), place.country_code.clone())
            })
            .collect()
    }

    fn one(name: &str, country: &str) -> (String, String, String) {
        (name.to_owned(), name.to_owned(), country.to_owned())
    }

    #[test]
    fn finds_the_seed_cities() {
        let text =
            "Lavrov met Kerry in Kuala Lumpur after talks in Doha; next round in Astana, then Geneva and Moscow.";
        assert_eq!(
            names(text),
            [
                one("Kuala Lumpur", "MY"),
                one("Doha", "QA"),
                one("Astana", "KZ"),
                one("Geneva", "CH"),
                one("Moscow", "RU")
            ]
        );
    }

    #[test]
    fn countries_win_over_towns_of_the_same_name() {
        // Through alternate names alone "Turkey" would find a town in the United States.
        assert_eq!(names("Russia and Turkey agreed."), [one("Russia", "RU"), one("Turkey", "TR")]);
    }

    #[test]
    fn all_caps_datelines() {
        assert_eq!(
            names("MOSCOW (AP) — Russia has"),
            [("MOSCOW".into(), "Moscow".into(), "RU".into()), one("Russia", "RU")]
        );
    }

    #[test]
    fn word_boundaries_are_respected() {
        assert!(names("Moscowitz and Parisian cafes").is_empty());
        assert_eq!(names("Moscow's move"), [one("Moscow", "RU")]);
    }

    #[test]
    fn article_country_decides_between_namesakes() {
        // Hyderabad in India is the larger city; an article about Pakistan means the one in Sindh.
        let found = names("Floods hit Hyderabad and Karachi, officials in Pakistan said. Hyderabad was worst hit.");
        assert!(found.iter().filter(|f| f.0 == "Hyderabad").all(|f| f.2 == "PK"), "{found:?}");
        assert_eq!(names("Floods hit Hyderabad, officials said.")[0].2, "IN");
    }

    #[test]
    fn names_of_people_and_organisations_are_not_places() {
        for text in [
            "Coalition leader Badr Jamus told reporters.",
            "The Washington Post reported.",
            "Support The Moscow Times!",
        ] {
            assert!(names(text).is_empty(), "{text}: {:?}", names(text));
        }
        assert_eq!(names("Fighting near Aleppo Province went on."), [one("Aleppo", "SY")]);
    }

    #[test]
    fn seed_regressions() {
        // Geneva went to Illinois when an article also named the United States.
        let text = "Officials from the United States and Russia met in Washington. Talks in Geneva on Thursday.";
        assert!(names(text).contains(&one("Geneva", "CH")), "{:?}", names(text));
    }

    #[test]
    fn common_words_are_not_places() {
        assert!(
            names("The talks in March may resume. Police said.").is_empty(),
            "{:?}",
            names("The talks in March may resume. Police said.")
        );
    }

    #[test]
    fn confidence_and_candidates() {
        let gaz = Gazetteer::bundled();
        let found = find_places("Geneva", gaz);
        assert_eq!(found.len(), 1);
        assert!(found[0].candidates.len() > 1);
        assert!(found[0].confidence > 0.5 && found[0].confidence <= 1.0);
    }
}
