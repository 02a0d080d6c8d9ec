//! Recognition filters: the name matches that read as something other than a place, and the context rules
//! they read. A common word written with a capital ("March", "Police"), a name inside a person's or an
//! organisation's name ("Raquel Henry", "Washington Post"; a name seen once as part of a person's name is
//! dropped everywhere in the article), half of a hyphenated word ("Wal-Mart"), a county's bare name (mostly a
//! surname), and a sentence's first word when the article also uses it as an ordinary word ("Reading ...").

use std::ops::Range;

use crate::gazetteer::{Gazetteer, PlaceKind};

use super::recognise::{self, NameMatch};
use super::resolve::same_key;
use super::words::{
    GIVEN_NAMES, NAME_PARTICLES, PERSON_TITLES, PLACE_SUFFIXES, PUBLIC_BODIES, QUALIFIERS, is_common_word,
};

/// Drops matches that read as something other than a place.
pub(super) fn filter(text: &str, matches: Vec<NameMatch>, gazetteer: &Gazetteer) -> Vec<NameMatch> {
    // Where names that are not common words start: the other half of "Dallas-Fort Worth", not of "Wal-Mart".
    let matches_at: Vec<usize> = matches
        .iter()
        .filter(|m| m.words > 1 || !is_common_word(&text[m.byte_range()]))
        .map(|m| m.start)
        .collect();
    let mut person_names: Vec<u32> = Vec::new();
    let mut kept: Vec<NameMatch> = Vec::with_capacity(matches.len());
    for m in matches {
        let written = &text[m.byte_range()];
        let demonym = m.entry.is_demonym();
        if m.words == 1 && !demonym && is_common_word(written) {
            continue;
        }
        let area = gazetteer
            .senses(m.entry)
            .iter()
            .any(|&p| matches!(gazetteer.place(p).kind, PlaceKind::Country | PlaceKind::Admin1 | PlaceKind::Continent));
        if !demonym && !m.capitals && word_before(text, m.start) == Before::PersonName {
            // Countries and states are seldom people's names: drop this mention only.
            if m.words == 1 && !area {
                person_names.push(m.entry.key_id());
            }
            continue;
        }
        if m.words == 1 && hyphenated_to_a_word(text, &m, &matches_at) {
            continue;
        }
        if only_counties(&m, gazetteer) && !text[m.end..].chars().take(60).collect::<String>().contains("counties") {
            continue;
        }
        if !demonym && !m.capitals && !m.entry.needs_dot() && starts_a_longer_name(text, &m.byte_range()) {
            continue;
        }
        if m.words == 1
            && !m.capitals
            && is_sentence_start(text, m.start)
            && (used_as_a_word(text, written) || only_small_towns_by_another_name(written, &m, gazetteer))
        {
            continue;
        }
        kept.push(m);
    }
    if !person_names.is_empty() {
        kept.retain(|m| !person_names.contains(&m.entry.key_id()));
    }
    kept
}

/// True when a one-word match is half of a hyphenated word that is not itself a place ("Wal-Mart",
/// "Coca-Cola"); "Dallas-Fort Worth" keeps both halves because the other half is a match too.
fn hyphenated_to_a_word(text: &str, m: &NameMatch, matches_at: &[usize]) -> bool {
    let after = text[m.end..].strip_prefix('-').and_then(|rest| rest.chars().next());
    if after.is_some_and(char::is_alphabetic) && matches_at.binary_search(&(m.end + 1)).is_err() {
        return true;
    }
    let before = text[..m.start].strip_suffix('-').and_then(|head| head.chars().next_back());
    before.is_some_and(char::is_alphabetic)
        && recognise::previous_word(text, m.start)
            .is_some_and(|w| matches_at.binary_search(&w.start).is_err() && w.end + 1 == m.start)
}

/// True when every sense is a county reached through its bare name ("Bell" for Bell County): such names
/// are mostly surnames, unless the text goes on to say "counties" ("Barrow and Oconee counties").
fn only_counties(m: &NameMatch, gazetteer: &Gazetteer) -> bool {
    m.words == 1 && gazetteer.senses(m.entry).iter().all(|&p| gazetteer.place(p).kind == PlaceKind::Admin2)
}

/// True when every sense is a small town that has the name only as an alternate, an old or foreign name
/// ("Deep" is the German name of Mrzeżyno in Poland). Opening a sentence, such a word is the English word.
fn only_small_towns_by_another_name(written: &str, m: &NameMatch, gazetteer: &Gazetteer) -> bool {
    gazetteer.senses(m.entry).iter().all(|&id| {
        let place = gazetteer.place(id);
        place.kind == PlaceKind::City && place.population < SMALL_TOWN && !same_key(written, &place.name)
    })
}

/// Population under which a town known abroad by another name is rarely news.
const SMALL_TOWN: u64 = 15_000;

/// True when the article also writes `word` in lower case, as an ordinary word ("reading", "mobile").
fn used_as_a_word(text: &str, word: &str) -> bool {
    let lower = word.to_lowercase();
    if lower == word {
        return false;
    }
    text.match_indices(lower.as_str()).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + lower.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// True when the match is followed by another capitalised word, as in a person's or an organisation's name
/// ("Badr Jamus", "The Moscow Times", "Washington Post"). Place names that run on are in the gazetteer as a
/// whole ("Kuala Lumpur"), and matching takes the longest, so what remains is rarely a place.
pub(super) fn starts_a_longer_name(text: &str, range: &Range<usize>) -> bool {
    let Some(mut rest) = text[range.end..].strip_prefix(' ') else {
        return false;
    };
    // A French, Italian or Spanish particle joins the name to a longer one the gazetteer lacks ("Palais des
    // Nations", "Musée du Louvre"); names it has ("Rio de Janeiro") were matched whole before this.
    if let Some(after) = NAME_PARTICLES.iter().find_map(|p| rest.strip_prefix(p).and_then(|r| r.strip_prefix(' '))) {
        rest = after;
        let next: &str = rest.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
        return next.chars().next().is_some_and(char::is_uppercase);
    }
    let next: &str = rest.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    let mut chars = next.chars();
    let capitalised = chars.next().is_some_and(char::is_uppercase) && chars.next().is_some_and(char::is_lowercase);
    capitalised && !PLACE_SUFFIXES.contains(&next) && !PUBLIC_BODIES.contains(&next)
}

/// How the word before a name reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Before {
    /// Nothing that says anything about the name.
    Neutral,
    /// A title or a capitalised word that makes the name part of a person's name ("Raquel Henry", "Sen. Boxer").
    PersonName,
}

/// Reads the word before the match at `start`.
pub(super) fn word_before(text: &str, start: usize) -> Before {
    let Some(word) = super::recognise::previous_word(text, start) else {
        return Before::Neutral;
    };
    let previous = &text[word.start..word.end];
    let separator = &text[word.end..start];
    if PERSON_TITLES.contains(&previous) && (separator == " " || separator == ". ") {
        return Before::PersonName;
    }
    if separator != " " {
        return Before::Neutral;
    }
    if GIVEN_NAMES.binary_search(&previous).is_ok() {
        return Before::PersonName;
    }
    let mut chars = previous.chars();
    let capitalised = chars.next().is_some_and(char::is_uppercase) && chars.all(|c| c.is_lowercase());
    if !capitalised || QUALIFIERS.contains(&previous) || is_common_word(previous) {
        return Before::Neutral;
    }
    // A capitalised first word of a sentence may be any word ("Rethinking Egypt"): no evidence either way.
    if is_sentence_start(text, word.start) {
        return Before::Neutral;
    }
    Before::PersonName
}

/// True when the word at `start` begins a sentence: at the start of the text or of a line, or after a
/// full stop, question or exclamation mark (and any quotes).
pub(super) fn is_sentence_start(text: &str, start: usize) -> bool {
    for c in text[..start].chars().rev() {
        match c {
            ' ' | '\t' | '"' | '\'' | '\u{201c}' | '\u{2018}' | '(' => continue,
            '\n' | '.' | '!' | '?' | ':' => return true,
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn person_names_before_a_match() {
        let cases = [
            ("Chiquita Raquel Henry, 19, was arrested", "Henry", Before::PersonName),
            ("said Sen. Boxer on Monday", "Boxer", Before::PersonName),
            ("Police in Paris said", "Paris", Before::Neutral),
            ("In Paris, police said", "Paris", Before::Neutral),
            ("Fires in Southern California spread", "California", Before::Neutral),
            ("The Hague court", "Hague", Before::Neutral),
            ("Officials. Georgia said", "Georgia", Before::Neutral),
        ];
        for (text, name, expected) in cases {
            let start = text.find(name).unwrap();
            assert_eq!(word_before(text, start), expected, "{text}");
        }
    }

    #[test]
    fn sentence_starts() {
        assert!(is_sentence_start("Reading is fun", 0));
        assert!(is_sentence_start("He left. \"Reading is fun", 10));
        assert!(!is_sentence_start("in Reading", 3));
    }

    #[test]
    fn longer_names() {
        assert!(starts_a_longer_name("Badr Jamus said", &(0..4)));
        assert!(!starts_a_longer_name("Aleppo Province", &(0..6)));
        assert!(!starts_a_longer_name("Moscow said", &(0..6)));
        assert!(!starts_a_longer_name("Moscow. The", &(0..6)));
        assert!(!starts_a_longer_name("MOSCOW (AP)", &(0..6)));
        assert!(!starts_a_longer_name("in Ohio Tuesday", &(3..7)));
        // Regression: "Palais" alone is a town in Brittany.
        assert!(starts_a_longer_name("at the Palais des Nations in", &(7..13)));
        assert!(starts_a_longer_name("Puerta de la Luz", &(0..6)));
        assert!(!starts_a_longer_name("Moscow du jour", &(0..6)), "a lower-case word after the particle");
    }
}
