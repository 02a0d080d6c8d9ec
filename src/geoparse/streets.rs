//! Streets and numbered roads: "Main Street", "40th Avenue South", "E. Broad St.", "Highway 19", "I-85".
//!
//! Local news names streets as often as towns, and annotated news corpora count them as places (LGL, TR-News
//! and GeoWebNews do), but no gazetteer bundled here lists them. They are found by their form: one to three
//! capitalised words or ordinals before a street word ("Street", "Ave.", ...), or a road word before a
//! number ("Highway 19"). Each is placed at the town or county the article names nearest before it (after
//! it, when none comes before): "a fire at 775 Main St." in a Torrington story is a mention of Torrington,
//! marked [`Form::Street`] so that the reader sees the street highlighted and the map counts it for the town.
//! A few streets known worldwide by themselves stand for their city wherever the story is ("Wall Street",
//! "Downing Street"). A street in an article that names no town is left out: there is nowhere to put it.
//!
//! Written by hand: the forms are a handful of words around a capitalised run, which a general pattern
//! crate would express no more clearly; the street and road words themselves are found with aho-corasick.

use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::corpus::ByteSpan;
use crate::gazetteer::{Gazetteer, PlaceId, PlaceKind};

use super::filters::a_given_name;
use super::person_names::PersonNames;
use super::{Form, PlaceMention};

/// Words that end a street's name, each with the space before it.
const STREET_WORDS: &[&str] =
    &[" Street", " St.", " Road", " Rd.", " Avenue", " Ave.", " Boulevard", " Blvd.", " Drive", " Lane", " Parkway"];

/// Words before a road's number ("Highway 19", "County Road 43", "FM 678" of Texas, "I-85").
const ROAD_WORDS: &[&str] =
    &["Highway ", "Interstate ", "Route ", "County Road ", "State Road ", "State Route ", "FM ", "I-"];

/// Directions that may follow a street's name ("40th Avenue South").
const DIRECTIONS: &[&str] = &["North", "South", "East", "West", "NE", "NW", "SE", "SW"];

/// Capitalised words that open a sentence or a phrase rather than a street's name ("The Street", "On Main
/// Street" starts at Main).
const NOT_A_NAME: &[&str] = &[
    "A", "An", "And", "At", "But", "By", "For", "From", "In", "Into", "Near", "Of", "Off", "On", "Onto", "The", "This",
    "That", "To", "Via", "With",
];

/// Streets known by themselves worldwide, with the city (its name and country) they stand for, and whether
/// they stand for it in any story (a bank, a government, a trade) or only where the story names that city or
/// no town at all (many towns have a Fifth Avenue and a Pennsylvania Avenue of their own).
const FAMOUS_STREETS: &[(&str, &str, &str, bool)] = &[
    ("Wall Street", "New York City", "US", true),
    ("Downing Street", "London", "GB", true),
    ("Fleet Street", "London", "GB", true),
    ("Harley Street", "London", "GB", true),
    ("Pennsylvania Avenue", "Washington", "US", false),
    ("Madison Avenue", "New York City", "US", false),
    ("Fifth Avenue", "New York City", "US", false),
    ("Bourbon Street", "New Orleans", "US", false),
    ("Sunset Boulevard", "Los Angeles", "US", false),
    ("Hollywood Boulevard", "Los Angeles", "US", false),
];

/// Names of a street's form that are no street of any town: idioms, shows, songs, a trade route.
const NOT_STREETS: &[&str] =
    &["Abbey Road", "Coronation Street", "Easy Street", "Memory Lane", "Penny Lane", "Sesame Street", "Silk Road"];

/// Words before "Drive" that make it a collection, not a street ("the annual Canned Food Drive", "a Blood
/// Drive").
const COLLECTED: &[&str] = &[
    "Backpack",
    "Blood",
    "Book",
    "Clothing",
    "Coat",
    "Diaper",
    "Donation",
    "Food",
    "Fund",
    "Membership",
    "Recruitment",
    "Registration",
    "Supply",
    "Toy",
    "Toys",
];

/// How sure a street's place is, as a share of its town's confidence: the street may lie in another town
/// than the one named nearest.
const STREET_CONFIDENCE_SHARE: f32 = 0.75;

/// How many words a street's name may have before its street word.
const MAX_NAME_WORDS: usize = 3;

/// Adds a mention for every street and numbered road in `text` that no mention covers yet, placed at the
/// town or county named nearest before it (or after it), and keeps `mentions` sorted by position. A street
/// named with a people's word replaces that demonym ("Frenchmen Street" is a street, not France).
pub(super) fn add_streets(text: &str, mentions: &mut Vec<PlaceMention>, gazetteer: &Gazetteer) {
    let found = streets(text);
    if found.is_empty() {
        return;
    }
    let towns: Vec<&PlaceMention> = mentions
        .iter()
        .filter(|m| m.form == Form::Name)
        .filter(|m| matches!(gazetteer.place(m.place).kind, PlaceKind::City | PlaceKind::Admin2))
        .collect();
    let mut added = Vec::new();
    for range in found.into_iter().filter(|r| !NOT_STREETS.contains(&&text[r.clone()])) {
        let covered = mentions.iter().any(|m| m.form != Form::Demonym && overlaps(m, &range));
        if covered {
            continue;
        }
        let famous = famous_city(&text[range.clone()], gazetteer)
            .filter(|&(city, anywhere)| anywhere || towns.is_empty() || towns.iter().any(|town| town.place == city));
        let placed = match famous {
            Some((city, _)) => Some((city, 1.0)),
            None => nearest_town(&towns, range.start).map(|town| (town.place, town.confidence)),
        };
        let (Some((place, confidence)), Some(byte_range)) = (placed, ByteSpan::new(range)) else { continue };
        added.push(PlaceMention {
            byte_range,
            place,
            confidence: confidence * STREET_CONFIDENCE_SHARE,
            candidates: [place].into_iter().collect(),
            form: Form::Street,
        });
    }
    if !added.is_empty() {
        mentions
            .retain(|m| m.form != Form::Demonym || !added.iter().any(|street| overlaps(m, &street.byte_range.range())));
        mentions.extend(added);
        mentions.sort_by_key(|m| m.byte_range.start());
    }
}

fn overlaps(mention: &PlaceMention, range: &Range<usize>) -> bool {
    mention.byte_range.start() < range.end && range.start < mention.byte_range.end()
}

/// The town named last before byte `at`, or else the first after it.
fn nearest_town<'m>(towns: &[&'m PlaceMention], at: usize) -> Option<&'m PlaceMention> {
    let before = towns.iter().rev().find(|m| m.byte_range.end() <= at);
    before.or_else(|| towns.iter().find(|m| m.byte_range.start() >= at)).copied()
}

/// The city a street known by itself stands for, and whether it does in any story.
fn famous_city(street: &str, gazetteer: &Gazetteer) -> Option<(PlaceId, bool)> {
    let &(_, city, country, anywhere) = FAMOUS_STREETS.iter().find(|(name, ..)| *name == street)?;
    let city = gazetteer
        .lookup(city)
        .iter()
        .copied()
        .filter(|&id| {
            let place = gazetteer.place(id);
            place.kind == PlaceKind::City && place.country_code == country
        })
        .max_by_key(|&id| gazetteer.place(id).population)?;
    Some((city, anywhere))
}

fn matcher() -> &'static AhoCorasick {
    static MATCHER: OnceLock<AhoCorasick> = OnceLock::new();
    MATCHER.get_or_init(|| {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(STREET_WORDS.iter().chain(ROAD_WORDS))
            .expect("a handful of fixed words builds")
    })
}

/// The byte ranges of the streets and roads in `text`, in order.
fn streets(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for hit in matcher().find_iter(text) {
        let word = &text[hit.range()];
        let found = if word.starts_with(' ') {
            street_ending_at(text, hit.start(), hit.end())
        } else {
            road_at(text, hit.start(), hit.end())
        };
        if let Some(range) = found
            && out.last().is_none_or(|last| last.end <= range.start)
        {
            out.push(range);
        }
    }
    out
}

/// A street whose street word runs from `word_start` (its space) to `word_end`: the name words before it, and a
/// direction after it ("40th Avenue South").
fn street_ending_at(text: &str, word_start: usize, word_end: usize) -> Option<std::ops::Range<usize>> {
    let street_word = &text[word_start..word_end];
    let after = &text[word_end..];
    let abbreviated = street_word.ends_with('.');
    if !abbreviated && after.starts_with(|c: char| c.is_alphanumeric() || c == '-') {
        return None; // "Streetcar", "Roadhouse", "Drive-in"
    }
    let start = name_start(text, word_start)?;
    let last_word = text[start..word_start].rsplit(' ').next().unwrap_or("");
    if street_word == " Drive" && COLLECTED.contains(&last_word) {
        return None;
    }
    if street_word == " Lane"
        && a_given_name(&text[start..word_start], PersonNames::bundled())
        && !after_a_street_cue(&text[..start])
    {
        return None; // a person: "Nathan Lane", "Lois Lane"; not "the 500 block of Kelley Lane"
    }
    let mut end = word_end;
    let next = next_capitalised_word(after);
    if let Some(direction) = next.filter(|w| DIRECTIONS.contains(w)) {
        end += 1 + direction.len();
    } else if next.is_some() && !abbreviated {
        return None; // a longer name: "Wall Street Journal", "Elm Street Elementary"
    } else if next.is_some() && street_word == " St." {
        return None; // "St." before a capitalised word is a saint's: "John St. Clair"
    }
    Some(start..end)
}

/// True when `before` ends with what comes before a street's name: a house number, "block of", "on", "off",
/// "onto", "along".
fn after_a_street_cue(before: &str) -> bool {
    let Some(before) = before.strip_suffix(' ') else { return false };
    before.ends_with(|c: char| c.is_ascii_digit())
        || [" block of", " on", " off", " onto", " along"].iter().any(|cue| before.ends_with(cue))
}

/// The start of the one to three name words before byte `end` (the space before the street word), less a
/// first word that opens a phrase ("On Main Street" starts at Main); none when no name word comes before.
fn name_start(text: &str, end: usize) -> Option<usize> {
    let mut starts: Vec<(usize, &str)> = Vec::with_capacity(MAX_NAME_WORDS);
    let mut at = end;
    while starts.len() < MAX_NAME_WORDS {
        let before = &text[..at];
        let word_start =
            before.char_indices().rev().find(|(_, c)| c.is_whitespace()).map_or(0, |(i, c)| i + c.len_utf8());
        let word = &before[word_start..];
        if !is_name_word(word) {
            break;
        }
        starts.push((word_start, word));
        // Words of one name are apart by one space, never by a line break.
        if word_start == 0 || !before[..word_start].ends_with(' ') {
            break;
        }
        at = word_start - 1;
    }
    let (mut start, first_word) = *starts.last()?;
    if NOT_A_NAME.contains(&first_word) {
        if starts.len() == 1 {
            return None;
        }
        start += first_word.len() + 1;
    }
    Some(start)
}

/// A word of a street's name: capitalised ("Main", "O'Neal", "Martin"), an ordinal ("40th", "2nd") or a
/// direction's initial ("E."); not a possessive ("Portadown's Garvaghy Road").
fn is_name_word(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else { return false };
    if first.is_ascii_digit() {
        let digits = word.trim_start_matches(|c: char| c.is_ascii_digit());
        return matches!(digits, "st" | "nd" | "rd" | "th");
    }
    if matches!(word, "N." | "S." | "E." | "W.") {
        return true;
    }
    first.is_uppercase()
        && word.len() > 1
        && !word.ends_with("'s")
        && !word.ends_with("’s")
        && chars.all(|c| c.is_alphabetic() || c == '\'' || c == '’' || c == '-')
        && !word.chars().skip(1).all(|c| c.is_uppercase())
}

/// The capitalised word right after a space at the start of `after`.
fn next_capitalised_word(after: &str) -> Option<&str> {
    let rest = after.strip_prefix(' ')?;
    let end = rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len());
    let word = &rest[..end];
    word.starts_with(|c: char| c.is_uppercase()).then_some(word)
}

/// A numbered road whose road word runs from `start` to `word_end` ("Highway 19", "I-85"), with "U.S." or
/// "State" before "Highway" or "Route" ("U.S. Highway 59").
fn road_at(text: &str, start: usize, word_end: usize) -> Option<std::ops::Range<usize>> {
    let before = &text[..start];
    if before.ends_with(|c: char| c.is_alphanumeric() || c == '-' || c == '.') {
        return None;
    }
    let digits = text[word_end..].bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 4 {
        return None;
    }
    let end = word_end + digits;
    let after = &text[end..];
    if after.starts_with(|c: char| c.is_alphanumeric())
        || (after.starts_with('.') && after[1..].starts_with(|c: char| c.is_ascii_digit()))
    {
        return None; // "Route 66s", the radio station "FM 104.5"
    }
    let mut start = start;
    for prefix in ["U.S. ", "State "] {
        if before.ends_with(prefix) && (text[start..].starts_with("Highway") || text[start..].starts_with("Route")) {
            start -= prefix.len();
        }
    }
    Some(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        streets(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn streets_and_roads_are_found_by_their_form() {
        let rows: &[(&str, &[&str])] = &[
            ("A fire at 775 Main St., near the intersection of Dawes Street.", &["Main St.", "Dawes Street"]),
            ("Police closed Main Street on Monday.", &["Main Street"]),
            ("On Main Street, a parade.", &["Main Street"]),
            (
                "The crash on 40th Avenue South and North Nokomis Street.",
                &["40th Avenue South", "North Nokomis Street"],
            ),
            ("It is at 12 E. Broad St. in the old town.", &["E. Broad St."]),
            ("Highway 19 and County Road 43 meet at I-85.", &["Highway 19", "County Road 43", "I-85"]),
            ("Drive north on U.S. Highway 59 to Route 128.", &["U.S. Highway 59", "Route 128"]),
            ("FM 678 was closed.", &["FM 678"]),
            ("Marchers took Portadown's Garvaghy Road.", &["Garvaghy Road"]),
            ("Homes on Memorial Lane flooded.", &["Memorial Lane"]),
            ("Give at the annual Canned Food Drive.", &[]),
            // Spaces of more than one byte before a name (no panic, no street across them).
            ("Closed:\u{a0}Main Street and\u{2003}Elm Road.", &["Main Street", "Elm Road"]),
            // Not streets.
            ("The Wall Street Journal reported.", &[]),
            ("A streetcar ran down the road.", &[]),
            ("Listen on FM 104.5 tonight.", &[]),
            ("He met John St. Clair there.", &[]),
            ("The actor Nathan Lane will host.", &[]),
            ("Police went to the 500 block of Kelley Lane.", &["Kelley Lane"]),
            ("Drive-in movies are back.", &[]),
            ("The Street is a website.", &[]),
            ("THE MAIN ROAD is closed.", &[]),
        ];
        for (text, expected) in rows {
            assert_eq!(found(text), *expected, "{text}");
        }
    }

    #[test]
    fn odd_text_around_the_street_words_reads_without_a_panic() {
        let odd = [
            " Street",
            "Street",
            " St.",
            "St.",
            "I-",
            "I-9",
            "Route ",
            "Route 12345",
            "FM 1.",
            "é Road",
            "É Road",
            "\u{2003} Lane",
            "Ünter Straße Avenue",
            "1st Avenue",
            "On Street",
            "U.S. Highway",
            "State Route 9",
            "日本 Road",
            "A\u{a0}B Drive",
            "-- Drive-",
            "Lane Lane Lane Lane",
        ];
        for text in odd {
            let _ = streets(text);
        }
    }
}
