//! Recognition filters: the name matches that read as something other than a place, and the context rules
//! they read. A common or English word written with a capital ("March", "Police", "Reserve"); a person's name
//! ("Raquel Henry", "George W. Bush", "Jones added", "Evans, 17,"; a name read once as a person's is that person
//! everywhere in the article), or a frequent census surname that names only small places and that nothing in
//! the article puts in a place; an organisation or a building ("Washington Post", "Johnson & Johnson",
//! "Xinhua", "White House"); half of a hyphenated word ("Wal-Mart"); a county's bare name; a sentence's first
//! word when the article also uses it as an ordinary word ("Reading ..."). Text in another language than
//! English keeps only the names that are safe in any language ([`safe_in_any_language`]).

use std::cell::RefCell;
use std::ops::Range;
use std::sync::LazyLock;

use memchr::memmem;

use crate::gazetteer::{Gazetteer, Place, PlaceKind};
use crate::timex::lexicon;

use super::person_names::PersonNames;
use super::recognise::{self, NameMatch};
use super::resolve::same_key;
use super::words::{
    BRANDS, BREEDS, BUILDINGS, CLIMATE_PATTERNS, COMPANIES, FAITHS, FAMOUS_SURNAMES, HYPHENATED_AFTER_A_PLACE,
    HYPHENATED_BEFORE_A_PLACE, LEGENDS, LIVESTOCK, NAME_PARTICLES, NEWS_AGENCIES, OFFICES, ORGANISATIONS, PEOPLES,
    PERSON_TITLES, PLACE_SUFFIXES, PUBLIC_BODIES, QUALIFIERS, REGIMES, ROYALS, SURNAME_PARTICLES, is_common_word,
    is_english_word, is_given_name,
};

/// Drops matches that read as something other than a place.
pub(super) fn filter(text: &str, matches: Vec<NameMatch>, gazetteer: &Gazetteer) -> Vec<NameMatch> {
    // Where names that are not common words start: the other half of "Dallas-Fort Worth", not of "Wal-Mart".
    let matches_at: Vec<usize> =
        matches.iter().filter(|m| m.words > 1 || !is_common_word(&text[m.byte_range()])).map(|m| m.start).collect();
    let names = PersonNames::bundled();
    // Names that a mention somewhere in the article puts in a place ("in Greer", "Greer, South Carolina",
    // "GREER --", "Greer police"): a surname or a word alone elsewhere in the article is that place too. Worked
    // out for a name only when one of its mentions needs it.
    let placed: RefCell<Vec<(u32, bool)>> = RefCell::new(Vec::new());
    // Names read as a person's (or a disease's, or a company's) somewhere in the article: that person throughout.
    let mut person_names: Vec<u32> = Vec::new();
    let mut kept: Vec<NameMatch> = Vec::with_capacity(matches.len());
    for (i, m) in matches.iter().enumerate() {
        let written = &text[m.byte_range()];
        let demonym = m.entry.is_demonym();
        // One word as the person rules read it: "O'Connor" is two words of the gazetteer's key.
        let one_word = m.words == 1 || !written.contains(' ');
        // "Churchill, Man.": an abbreviation that qualifies the place before it is the state or province, though
        // its letters make a word.
        let qualifies_the_place_before = text[m.end..].starts_with('.')
            && kept.last().is_some_and(|before| text[before.end..m.start] == *", ")
            && gazetteer.senses(m.entry).iter().any(|&p| gazetteer.place(p).kind == PlaceKind::Admin1);
        // "NICE, France": a dateline's town with its country, though its name is a word.
        let a_datelines_town = || {
            m.capitals
                && recognise::at_line_start(text, m.start)
                && qualified_by(text, m, matches.get(i + 1), gazetteer)
        };
        if m.words == 1
            && !demonym
            && !qualifies_the_place_before
            && is_common_word(written)
            && !placed_though_a_word(text, &matches, i, gazetteer)
            && !a_datelines_town()
        {
            continue;
        }
        if headline_word(text, m) {
            continue;
        }
        let is_placed = |key: u32| {
            if let Some(&(_, is_placed)) = placed.borrow().iter().find(|(k, _)| *k == key) {
                return is_placed;
            }
            let is_placed = (0..matches.len()).any(|i| {
                matches[i].entry.key_id() == key
                    && (in_a_dateline_or_heading(text, &matches[i]) || place_cue(text, &matches, i, gazetteer))
            });
            placed.borrow_mut().push((key, is_placed));
            is_placed
        };
        // A company's name that only small towns bear is the company throughout where nothing places it
        // ("Magna International Inc ... Magna was up 1/8").
        if !demonym && opens_a_company_name(text, m, gazetteer) {
            if only_small_places(m, gazetteer) && !is_placed(m.entry.key_id()) {
                person_names.push(m.entry.key_id());
            }
            continue;
        }
        if !demonym
            && (is_building_or_weather(written)
                || is_organisation(text, m, gazetteer)
                || names_a_saints_house(text, m)
                || names_a_breed_or_grade(text, m)
                || a_regnal_number_follows(&text[m.end..]))
        {
            continue;
        }
        let area = gazetteer.senses(m.entry).iter().any(|&p| is_large_area(gazetteer.place(p)));
        // The name of a city of some size that the article puts in a place elsewhere ("Rodeo Gainesville" or
        // "Gainesville says" and "Gainesville residents"): where a person's name is read, only that mention is
        // dropped, not the city throughout.
        let a_city_placed =
            || !FAMOUS_SURNAMES.contains(&written) && !only_small_places(m, gazetteer) && is_placed(m.entry.key_id());
        // "Georgia's father", "said Georgia.": only a person, even where the name is a country's; that person
        // throughout the article, except that a country or state is dropped throughout only for a relative
        // ("..., said Russia, ..." can be the country speaking).
        if !demonym && !m.capitals && one_word {
            match only_a_person_around(text, m) {
                Some(PersonSign::Relative) => {
                    person_names.push(m.entry.key_id());
                    continue;
                }
                Some(PersonSign::SaidOrDoneTo) => {
                    if !area {
                        person_names.push(m.entry.key_id());
                    }
                    continue;
                }
                None => {}
            }
        }
        // A people's adjective before a place is no given name ("Palestinian Gaza", "Kurdish Kirkuk").
        let after_a_demonym = i > 0 && matches[i - 1].entry.is_demonym() && text[matches[i - 1].end..m.start] == *" ";
        if !demonym && !m.capitals && !after_a_demonym && word_before(text, m.start, names) == Before::PersonName {
            // Countries and states are seldom people's names: drop this mention only; so for a street named
            // after a person ("Old Alton Edwardsville Road" beside "downtown Edwardsville"). A frequent surname
            // that no country or state bears as its own name is a person's throughout ("reporter Bill Holland").
            let a_surname_of_another_name = || {
                frequent(names.ranks(written).surname, FREQUENT_SURNAME)
                    && !gazetteer.senses(m.entry).iter().any(|&p| {
                        let place = gazetteer.place(p);
                        is_large_area(place) && same_key(written, &place.name)
                    })
            };
            // A surname after a given name is that person throughout, a state's or a country's name too, where
            // nothing in the article places it ("Brian Lara ... Lara, disciplined", "director Neil Jordan ...
            // Jordan said"); not after any capitalised word ("Sink's 'My Safe Florida Homes' ads").
            let a_surname_nothing_places = || {
                names.ranks(written).surname != 0
                    && after_a_given_name(text, m.start, names)
                    && !is_placed(m.entry.key_id())
            };
            if one_word
                && (!area || a_surname_of_another_name() || a_surname_nothing_places())
                && !a_city_placed()
                && !a_street_follows(&text[m.end..])
            {
                person_names.push(m.entry.key_id());
            }
            continue;
        }
        if !demonym && !m.capitals && (after_a_name_opener(text, m.start) || a_fielders_or_bowlers(text, m.start)) {
            continue;
        }
        if !demonym && is_a_currency(&text[m.end..]) {
            continue;
        }
        // A disease named after a place is that disease throughout the article ("Marburg virus ... Marburg has
        // killed"), as a person is.
        if !demonym && !area && names_a_disease(&text[m.end..]) {
            person_names.push(m.entry.key_id());
            continue;
        }
        // Neither a demonym, nor in capitals, nor a large area's name: the person and word rules below apply.
        let ordinary = !demonym && !m.capitals && !area;
        // "St. Clair said": a surname of a saint's name is read as one word by the person rules.
        let saints_surname = m.words == 2 && (written.starts_with("St. ") || written.starts_with("St "));
        if ordinary
            && (one_word || saints_surname)
            && (person_after(&text[m.end..]) || initial_and_surname(&text[m.end..], false))
            && !names_a_capital(m, gazetteer)
            && !place_word_before(text, m.start)
        {
            // A surname that says something is that person ("Flores said"), wherever else it is placed; not a
            // city of some size that a dateline or a headline in capitals names ("Bonn says ...", "BONN, Aug. 22":
            // the government speaking).
            let in_capitals = || {
                a_city_of_size(written, m, gazetteer)
                    && matches
                        .iter()
                        .any(|other| other.entry.key_id() == m.entry.key_id() && in_a_dateline_or_heading(text, other))
            };
            if (names.ranks(written).surname != 0 && !in_capitals()) || !a_city_placed() {
                person_names.push(m.entry.key_id());
            }
            continue;
        }
        if ordinary && one_word && FAMOUS_SURNAMES.contains(&written) && !is_placed(m.entry.key_id()) {
            person_names.push(m.entry.key_id());
            continue;
        }
        if !demonym && !m.capitals && ROYALS.contains(&written) {
            person_names.push(m.entry.key_id());
            continue;
        }
        // A division named like a frequent given name, in a country the article names nothing else in, though
        // it names places elsewhere ("Diana", a region of Madagascar, in a London story of the princess): the
        // person, where nothing places the name. Not a city's name too ("Geneva", a canton and its city).
        if !demonym
            && !m.capitals
            && one_word
            && area
            && frequent(names.ranks(written).given, FREQUENT_GIVEN_NAME)
            && !a_city_of_size(written, m, gazetteer)
            && names_another_country(text, &matches, i, gazetteer)
            && !names_its_country(&matches, i, gazetteer)
            && !is_placed(m.entry.key_id())
        {
            person_names.push(m.entry.key_id());
            continue;
        }
        // A brand's or a people's name that small towns bear too ("Cadillac's new V8", "an Igbo politician").
        if ordinary
            && one_word
            && (BRANDS.contains(&written) || PEOPLES.contains(&written))
            && !is_placed(m.entry.key_id())
        {
            continue;
        }
        if ordinary
            && one_word
            && (names_a_people(&text[m.end..])
                || (names_a_family(text, m) && names.ranks(written).surname != 0 && only_small_places(m, gazetteer)))
        {
            continue;
        }
        if m.capitals && one_word && initial_and_surname(&text[m.end..], true) {
            continue;
        }
        if !demonym && !m.capitals && one_word && a_particle_and_surname_follow(&text[m.end..], area) {
            continue;
        }
        if !demonym && LEGENDS.contains(&written) && !is_placed(m.entry.key_id()) {
            continue;
        }
        if ordinary && one_word && a_persons_country_follows(text, &matches, i, gazetteer) {
            continue;
        }
        let owner = owns_a_longer_name(&text[m.end..]) || names_an_institution(&text[m.end..], m.words == 1);
        // The senses are read once, and only for the matches the two rules below can take.
        let small = ordinary && (one_word || owner) && only_small_places(m, gazetteer);
        if small && owner {
            continue;
        }
        // A person's name that is only another name of small places ("Abbas", an alternate of Fort Abbas in
        // Pakistan), or a frequent one that is only another name of places of any size ("Chen", an alternate of
        // Chenzhou; "Levi", of Lévis in Quebec), where nothing in the article places it.
        if ordinary && one_word && !is_placed(m.entry.key_id()) && only_by_another_name(written, m, gazetteer) && {
            let ranks = names.ranks(written);
            let a_name = ranks.given != 0 || ranks.surname != 0 || is_given_name(written);
            (small && a_name) || frequent(ranks.surname, FREQUENT_SURNAME) || frequent(ranks.given, FREQUENT_GIVEN_NAME)
        } {
            continue;
        }
        if small && one_word {
            match reads_as(text, m, is_placed(m.entry.key_id()), names) {
                Reading::Person | Reading::Word => continue,
                Reading::Place => {}
            }
        }
        if m.words > 1 && !demonym && only_common_words_by_another_name(written, m, gazetteer) {
            continue;
        }
        // Names that come only through another place's alternates and read as something longer: a person's
        // full name ("Manuel Gonzalez", of Colonia Manuel González in Mexico), or the end of a longer name
        // ("Eastern Creek", whose "Creek" is an alternate of Baytown, Texas; not "Eastern Mediterranean").
        if ordinary
            && (reads_as_a_full_name(written, names)
                || (one_word && after_a_capitalised_word(text, m.start) && only_towns(m, gazetteer)))
            && only_by_another_name(written, m, gazetteer)
        {
            continue;
        }
        if m.words == 1 && (hyphenated_to_a_word(text, m, &matches_at) || goes_on_after_an_apostrophe(&text[m.end..])) {
            continue;
        }
        if is_an_era(text, m) || in_a_strain_name(text, m) {
            continue;
        }
        if only_counties(written, m, gazetteer)
            && !text[m.end..].chars().take(60).collect::<String>().contains("counties")
        {
            continue;
        }
        if !demonym
            && !m.capitals
            && !m.entry.needs_dot()
            && !names_its_kind(written)
            && starts_a_longer_name(text, &m.byte_range())
            && !heads_an_organisation(text, m, gazetteer, names)
            && !(after_an_office_of(text, m.start)
                && a_holders_name_follows(&text[m.end..])
                && !is_english_word(written))
            && !(in_title_case(text, m.start)
                && !a_name_follows(&text[m.end..], names)
                && !names_a_newspaper(&text[m.end..]))
        {
            continue;
        }
        if m.words == 1
            && !m.capitals
            && is_sentence_start(text, m.start)
            && (used_as_a_word(text, written) || only_small_towns_by_another_name(written, m, gazetteer))
        {
            continue;
        }
        kept.push(*m);
    }
    if !person_names.is_empty() {
        kept.retain(|m| !person_names.contains(&m.entry.key_id()));
    }
    kept
}

/// True when a match is a place in text of any language: a name of several words, a country or continent, or
/// a state or a large town written under its own name (not one of its alternates, which include words of
/// every language: "Les" is an alternate of Lezhë, "Des" of Dej).
pub(super) fn safe_in_any_language(text: &str, m: &NameMatch, gazetteer: &Gazetteer) -> bool {
    if m.entry.is_demonym() {
        return false;
    }
    if m.words > 1 {
        return true;
    }
    let written = &text[m.byte_range()];
    gazetteer.senses(m.entry).iter().any(|&id| {
        let place = gazetteer.place(id);
        match place.kind {
            PlaceKind::Country | PlaceKind::Continent => true,
            PlaceKind::Admin1 | PlaceKind::City => {
                (place.is_capital || place.kind == PlaceKind::Admin1 || place.population >= SMALL_PLACE)
                    && same_key(written, &place.name)
            }
            _ => false,
        }
    })
}

/// Population from which a town is news in its own right: a word that names only smaller places and is a
/// frequent surname is read as the surname unless the text makes it a place.
pub(super) const SMALL_PLACE: u64 = 100_000;
/// Surnames at most this rank in the census list (about one American in 20,000 bears the last of them) are
/// frequent enough to be read as persons on their own.
const FREQUENT_SURNAME: u32 = 5_000;

/// A country, a continent, or a state or province of [`SMALL_PLACE`] people or more: seldom a person's name
/// ("Georgia", "Jordan" are the places even after a given name), unlike small divisions (Flores in Uruguay).
fn is_large_area(place: &Place) -> bool {
    match place.kind {
        PlaceKind::Country | PlaceKind::Continent => true,
        PlaceKind::Admin1 => place.population >= SMALL_PLACE,
        _ => false,
    }
}

/// True when a sense is a capital: "Moscow said" is the government speaking.
fn names_a_capital(m: &NameMatch, gazetteer: &Gazetteer) -> bool {
    gazetteer.senses(m.entry).iter().any(|&id| gazetteer.place(id).is_capital)
}

/// True when every sense is a place too small to be news on its own: a town under [`SMALL_PLACE`] that is no
/// capital, a county, or a landmark.
fn only_small_places(m: &NameMatch, gazetteer: &Gazetteer) -> bool {
    gazetteer.senses(m.entry).iter().all(|&id| {
        let place = gazetteer.place(id);
        !place.is_capital
            && match place.kind {
                PlaceKind::City => place.population < SMALL_PLACE,
                PlaceKind::Admin1 => place.population < SMALL_PLACE,
                PlaceKind::Admin2 | PlaceKind::Landmark => true,
                _ => false,
            }
    })
}

/// The country codes of the match's senses.
fn countries_of<'g>(m: &NameMatch, gazetteer: &'g Gazetteer) -> Vec<&'g str> {
    gazetteer.senses(m.entry).iter().map(|&p| gazetteer.place(p).country_code.as_str()).collect()
}

/// True when another name in the article is of a place in the country of one of match `i`'s senses, or is
/// that country: "Victoria" beside "Melbourne". A country's own name is always in its country.
fn names_its_country(matches: &[NameMatch], i: usize, gazetteer: &Gazetteer) -> bool {
    let m = &matches[i];
    let senses = gazetteer.senses(m.entry);
    if senses.iter().any(|&p| gazetteer.place(p).kind == PlaceKind::Country) {
        return true;
    }
    let countries = countries_of(m, gazetteer);
    matches.iter().filter(|other| other.entry.key_id() != m.entry.key_id()).any(|other| {
        gazetteer.senses(other.entry).iter().any(|&p| countries.contains(&gazetteer.place(p).country_code.as_str()))
    })
}

/// True when another name in the article is a country, a large division or a city of some size under its own
/// name, outside every country of match `i`'s senses ("LONDON" and "British" beside "Diana" of Madagascar).
fn names_another_country(text: &str, matches: &[NameMatch], i: usize, gazetteer: &Gazetteer) -> bool {
    let countries = countries_of(&matches[i], gazetteer);
    matches.iter().filter(|other| other.entry.key_id() != matches[i].entry.key_id()).any(|other| {
        let written = &text[other.byte_range()];
        let places = gazetteer.senses(other.entry);
        places.iter().all(|&p| !countries.contains(&gazetteer.place(p).country_code.as_str()))
            && places.iter().any(|&p| {
                let place = gazetteer.place(p);
                is_large_area(place)
                    || (place.kind == PlaceKind::City
                        && place.population >= SMALL_PLACE
                        && same_key(written, &place.name))
            })
    })
}

/// True when a small town's name ends a person's name that a country in brackets follows, the person's, as
/// results lists write them ("3. Evelyne Leu (Switzerland)", "Jesper Skibby (Denmark)"): after a capitalised
/// word, and the town is not in that country ("Lausanne (Switzerland)" would be).
fn a_persons_country_follows(text: &str, matches: &[NameMatch], i: usize, gazetteer: &Gazetteer) -> bool {
    let m = &matches[i];
    let Some(next) = matches.get(i + 1).filter(|n| n.start == m.end + 2 && text[m.end..].starts_with(" (")) else {
        return false;
    };
    let country = gazetteer
        .senses(next.entry)
        .iter()
        .map(|&p| gazetteer.place(p))
        .find(|p| p.kind == PlaceKind::Country && text[next.end..].starts_with(')'));
    country.is_some_and(|country| {
        recognise::previous_word(text, m.start)
            .is_some_and(|w| text[w.end..m.start] == *" " && text[w.start..].starts_with(char::is_uppercase))
            && only_small_places(m, gazetteer)
            && !countries_of(m, gazetteer).contains(&country.country_code.as_str())
    })
}

/// True when the text around match `i` says a place is meant: a preposition of place before it ("in Greer"),
/// a state joined to it by a hyphen ("Nebraska-Lincoln"),
/// a word for a feature before it ("Lake Robinson", "Mount Hood"), a state or country after a comma
/// ("Greer, South Carolina"), a word that goes with a town after it ("Greer police", "a Chapin man"), the word
/// "counties" close after it ("Barrow, Jackson and Madison counties"), or a list of three names or more, or
/// with a larger place ("Hutchinson, Kingman, Larned and Pratt").
fn place_cue(text: &str, matches: &[NameMatch], i: usize, gazetteer: &Gazetteer) -> bool {
    let m = &matches[i];
    // A party to a case, whose name the comma ends: "U.S. v. Chen, U.S. District Court".
    if [" v. ", " vs. ", " v "].iter().any(|v| text[..m.start].ends_with(v)) {
        return false;
    }
    // "in Abbas's detention centres" is as likely a person's as a place's: a possessive after the name takes the
    // preposition's sign away.
    let possessive = after_a_possessive(&text[m.end..]).is_some();
    if (place_word_before(text, m.start) && !possessive) || qualified_by(text, m, matches.get(i + 1), gazetteer) {
        return true;
    }
    // A campus named after its state and town: "University of Nebraska-Lincoln", "Wisconsin-Madison".
    if let Some(state) = i.checked_sub(1).map(|j| &matches[j])
        && text[state.end..m.start] == *"-"
        && gazetteer.senses(state.entry).iter().any(|&p| gazetteer.place(p).kind == PlaceKind::Admin1)
    {
        return true;
    }
    if let Some(word) = recognise::previous_word(text, m.start)
        && text[word.end..m.start] == *" "
        && FEATURE_WORDS.contains(&&text[word.start..word.end])
    {
        return true;
    }
    let next_word: &str = text[m.end..]
        .strip_prefix(' ')
        .map_or("", |rest| rest.split(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or(""));
    // The town's police, capitalised as its name is ("the Concord Police"); not "Council", which a
    // federation's or a region's has too ("Federation Council", "Arctic Council").
    if TOWN_NOUNS.contains(&next_word) || next_word == "Police" {
        return true;
    }
    let mut end = (m.end + 60).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    if text[m.end..end].contains("counties") {
        return true;
    }
    let listed =
        |a: &NameMatch, b: &NameMatch| matches!(&text[a.end..b.start], ", " | " and " | ", and " | " or " | ", or ");
    // A building listed beside the name is no sign of a place ("the White House, Lincoln visited"), nor a name
    // that opens a person's ("Lindsay and Charlotte Graham").
    let listed_place = |a: &NameMatch, b: &NameMatch, other: &NameMatch| {
        listed(a, b)
            && !is_building_or_weather(&text[other.byte_range()])
            && !starts_a_longer_name(text, &other.byte_range())
    };
    let before = i.checked_sub(1).map(|j| &matches[j]).filter(|p| listed_place(p, m, p));
    let after = matches.get(i + 1).filter(|n| listed_place(m, n, n));
    match (before, after) {
        (Some(_), Some(_)) => true,
        (Some(other), None) | (None, Some(other)) => !only_small_places(other, gazetteer),
        (None, None) => false,
    }
}

/// Words for a natural or built feature that go before a name: "Lake Robinson", "Mount Hood", "Fort Myers".
const FEATURE_WORDS: &[&str] = &["Camp", "Cape", "Fort", "Lake", "Mount", "Mt", "Port"];

/// Lower-case words that follow a town's name ("Paris firefighters", "Chapin man", "Hurricane police", "a Columbus
/// attorney").
const TOWN_NOUNS: &[&str] = &[
    "area",
    "attorney",
    "businessman",
    "businesswoman",
    "city",
    "council",
    "couple",
    "developer",
    "family",
    "firefighters",
    "home",
    "lawyer",
    "man",
    "men",
    "native",
    "natives",
    "officers",
    "officials",
    "police",
    "resident",
    "residents",
    "school",
    "schools",
    "teen",
    "teenager",
    "town",
    "township",
    "village",
    "woman",
    "women",
];

/// True for a town whose name is also a common word or a given name, where the words around it make it the
/// town: "in", "near" or "outside" before it and its state after it ("in Concord, N.H."; not "In March, China's"
/// nor "On Thursday, Alaska"); and for a given name ("Tyler", "Eugene"), "in", "near" or "outside" alone ("near
/// Tyler", not "talked to Roy" nor "the birth of Jack") or a direction and "of" ("two miles east of Brandon");
/// and for either in a list of names that ends in "counties" ("Douglas, Sarpy and Lancaster counties").
fn placed_though_a_word(text: &str, matches: &[NameMatch], i: usize, gazetteer: &Gazetteer) -> bool {
    let m = &matches[i];
    let written = &text[m.byte_range()];
    let Some(word) = recognise::previous_word(text, m.start).filter(|w| text[w.end..m.start] == *" ") else {
        return false;
    };
    let after_in_or_near = matches!(&text[word.start..word.end], "in" | "near" | "outside");
    // After "in", "near" or "outside": a town with its state after it ("in Concord, N.H."), or a city that is
    // news in its own right, under its own name, before no other capitalised word ("an attack in Nice", "talks
    // in Split"; not "in Metro Vancouver").
    if after_in_or_near
        && !names_a_month_or_day(written)
        && (qualified_by(text, m, matches.get(i + 1), gazetteer)
            || (!text[m.end..].strip_prefix(' ').is_some_and(recognise::starts_upper)
                && a_city_of_size(written, m, gazetteer)))
    {
        return true;
    }
    if in_a_list_of_counties(text, m.start, m.end) {
        return true;
    }
    if !is_given_name(written) {
        return false;
    }
    after_in_or_near
        || (&text[word.start..word.end] == "of"
            && recognise::previous_word(text, word.start).is_some_and(|direction| {
                text[direction.end..word.start] == *" " && DIRECTIONS.contains(&&text[direction.start..direction.end])
            }))
}

/// True when the name at `start..end` is one of a list of capitalised names ending in "counties": "Douglas,
/// Sarpy and Lancaster counties" for each of the three; not "the middle of Indiana counties", the state's.
pub(super) fn in_a_list_of_counties(text: &str, start: usize, end: usize) -> bool {
    let after = &text[end..];
    let mut to = after.len().min(120);
    while !after.is_char_boundary(to) {
        to -= 1;
    }
    // Called for every mention, and few are followed by the word: memchr's searcher, built once, finds it
    // faster than the standard library's, which prepares its search on every call.
    static COUNTIES: LazyLock<memmem::Finder<'static>> = LazyLock::new(|| memmem::Finder::new(" counties"));
    let Some(at) = COUNTIES.find(&after.as_bytes()[..to]) else { return false };
    let mut words = after[..at].split([',', ' ']).filter(|word| !word.is_empty()).peekable();
    let names_follow = words.peek().is_some();
    if !words.all(|word| matches!(word, "and" | "or") || word.starts_with(|c: char| c.is_uppercase())) {
        return false;
    }
    // The last of the list: a name listed before it.
    let before = &text[..start];
    names_follow
        || [", ", " and ", ", and ", " or ", ", or "].iter().any(|joint| {
            before.strip_suffix(joint).is_some_and(|rest| {
                rest.rsplit(' ').next().is_some_and(|word| word.starts_with(|c: char| c.is_uppercase()))
            })
        })
}

/// True for a word of the language in a headline written in capitals, where a capitalised word next to it
/// shows that the whole line is: "CRICKET - LEICESTERSHIRE TAKE OVER", "CHINA IN SURPRISE DEFEAT". A comma or a
/// bracket after it makes it a dateline's place ("BATH, England", "READING (Reuters)").
fn headline_word(text: &str, m: &NameMatch) -> bool {
    let capitals_word = |word: Option<recognise::Word>, between: &str| {
        word.is_some_and(|w| {
            let word = &text[w.start..w.end];
            word.len() > 1 && recognise::is_capitals(word) && !between.contains('\n')
        })
    };
    m.capitals
        && m.words == 1
        && !opens_a_dateline(text, m)
        && is_english_word(&text[m.byte_range()])
        && ({
            let before = recognise::previous_word(text, m.start);
            capitals_word(before, before.map_or("", |w| &text[w.end..m.start]))
        } || {
            let after = recognise::next_word(text, m.end);
            capitals_word(after, after.map_or("", |w| &text[m.end..w.start]))
        })
}

/// True for a name in capitals that is not a word of a headline in capitals: a dateline's or a heading's
/// place ("MOSCOW (AP)", "GREER --"), which places the name throughout the article.
fn in_a_dateline_or_heading(text: &str, m: &NameMatch) -> bool {
    m.capitals && !headline_word(text, m)
}

/// True when a name in capitals opens a dateline: the capitals from it end at a comma or a bracket ("BATH,
/// England", "READING (Reuters)"), for a name of several words at the start of a line or a sentence ("... coal
/// mine. RIDGE FARM, Ill.").
fn opens_a_dateline(text: &str, m: &NameMatch) -> bool {
    let mut end = m.end;
    loop {
        let rest = &text[end..];
        if rest.starts_with([',', '(']) || rest.starts_with(" (") {
            return end == m.end || recognise::at_line_start(text, m.start) || is_sentence_start(text, m.start);
        }
        match recognise::next_word(text, end) {
            Some(w) if text[end..w.start] == *" " && recognise::is_capitals(&text[w.start..w.end]) => end = w.end,
            _ => return false,
        }
    }
}

/// True when a city of [`SMALL_PLACE`] people or more (news in its own right) bears the name as its own.
fn a_city_of_size(written: &str, m: &NameMatch, gazetteer: &Gazetteer) -> bool {
    gazetteer.senses(m.entry).iter().any(|&id| {
        let place = gazetteer.place(id);
        place.kind == PlaceKind::City && place.population >= SMALL_PLACE && same_key(written, &place.name)
    })
}

/// True for a month's or a day's name, as the date tagger reads them: "in March, China's largest" is no town
/// of March.
fn names_a_month_or_day(word: &str) -> bool {
    let lower = word.to_lowercase();
    lexicon::month(&lower).is_some() || lexicon::weekday(&lower).is_some()
}

/// Directions that, with "of", place what follows ("northwest of Tyler").
const DIRECTIONS: &[&str] = &["north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"];

/// True when the name right after this one, past a comma, is a state or country ("Lincoln, Neb.").
fn qualified_by(text: &str, m: &NameMatch, next: Option<&NameMatch>, gazetteer: &Gazetteer) -> bool {
    next.is_some_and(|n| {
        recognise::after_a_comma(text, m, n)
            && gazetteer
                .senses(n.entry)
                .iter()
                .any(|&p| matches!(gazetteer.place(p).kind, PlaceKind::Country | PlaceKind::Admin1))
    })
}

/// How a one-word name of small places reads in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    Place,
    /// A frequent surname or given name that nothing in the article puts in a place: a person here.
    Person,
    /// An English word, an organisation or a part of a longer name, here only.
    Word,
}

/// How a one-word name that only small places bear reads, when no verb or title has already made it a person.
/// A person: a frequent surname or given name ("his girlfriend Olivia"), unless the article puts the name in a
/// place somewhere (`placed`, see [`place_cue`]). A word: an English word with no such sign ("Reserve",
/// "Federation"), or a name followed by a number ("Loop 286").
fn reads_as(text: &str, m: &NameMatch, placed: bool, names: &PersonNames) -> Reading {
    let written = &text[m.byte_range()];
    let after = &text[m.end..];
    if placed {
        return Reading::Place;
    }
    let ranks = names.ranks(written);
    if frequent(ranks.surname, FREQUENT_SURNAME) || frequent(ranks.given, FREQUENT_GIVEN_NAME) {
        return Reading::Person;
    }
    // A road or a code: "Loop 286", "Metro 911".
    let numbered = after.strip_prefix(' ').is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
    if is_english_word(written) || numbered {
        return Reading::Word;
    }
    Reading::Place
}

/// True when a possessive joins the name to a capitalised word: "St. John's Lutheran School", "Soho's Bar".
fn owns_a_longer_name(after: &str) -> bool {
    let Some(rest) = after_a_possessive(after).and_then(|rest| rest.strip_prefix(' ')) else { return false };
    rest.chars().next().is_some_and(char::is_uppercase)
}

/// The text after a possessive "'s" (or "’s") that `after` opens with.
fn after_a_possessive(after: &str) -> Option<&str> {
    after.strip_prefix("'s").or_else(|| after.strip_prefix("\u{2019}s"))
}

/// True when a middle initial and a surname follow ("Barry M. George", "Judah P. Benjamin"): the name is a
/// person's given name. With `in_capitals`, the surname is in capitals too, as a signature's ("BRUCE R. BENT
/// President").
fn initial_and_surname(after: &str, in_capitals: bool) -> bool {
    let bytes = after.as_bytes();
    let [b' ', initial, b'.', b' ', first, second, ..] = bytes else { return false };
    let surname_goes_on = if in_capitals { second.is_ascii_uppercase() } else { second.is_ascii_lowercase() };
    initial.is_ascii_uppercase() && first.is_ascii_uppercase() && surname_goes_on
}

/// True when a surname's particle and a capitalised word follow: the name is a given name ("Hassan el Bushra",
/// "Ludwig van Beethoven") or a surname's first particle ("Van der Westhuizen", though Van is a Turkish city and
/// province). Not "de", "del" or "la", which go on many a longer place name ("Santiago de Cuba"); after a
/// large area's name only the particles that never follow one ("Iraq al Qaeda fighters" keeps Iraq).
fn a_particle_and_surname_follow(after: &str, large_area: bool) -> bool {
    let mut words = after.strip_prefix(' ').unwrap_or("").splitn(3, ' ');
    let (Some(particle), Some(surname)) = (words.next(), words.next()) else { return false };
    let never_after_a_place = matches!(particle, "der" | "den" | "ter" | "ten");
    let surname_particle = never_after_a_place
        || (!large_area && matches!(particle, "el" | "al" | "bin" | "ibn" | "van" | "von" | "da" | "di" | "dos"));
    surname_particle && surname.starts_with(|c: char| c.is_uppercase())
}

/// True when "the" or a possessive comes before the name and "family" after it: a family's name ("the Underwood
/// family", "Toronto's Thomson family"; not "a Gainesville family", a family of the town). The caller asks that
/// the name be a surname and only small towns' (not "the Miami family" of a boy's relatives there).
fn names_a_family(text: &str, m: &NameMatch) -> bool {
    let before = &text[..m.start];
    (before.ends_with("the ") || before.ends_with("'s ") || before.ends_with("’s "))
        && text[m.end..].starts_with(" family")
}

/// True when "University" or "College" follows ("Georgetown University", "Kishwaukee College"), or "Court"
/// after a one-word name ("Superior Court"; a county's court, "Meigs County Court", is in the county): the
/// school's or court's name, which only names the place when the place is large enough to be news itself
/// ("Cambridge University"), as the caller checks.
fn names_an_institution(after: &str, one_word: bool) -> bool {
    match next_word(after) {
        Some("University" | "College") => true,
        Some("Court") => one_word,
        _ => false,
    }
}

/// True when "people" follows ("the Adena people"): a people or culture named after a place (a country's or
/// state's people are kept as the place, as the caller checks).
fn names_a_people(after: &str) -> bool {
    next_word(after) == Some("people")
}

/// The word right after a name, past one space.
fn next_word(after: &str) -> Option<&str> {
    after.strip_prefix(' ').map(|rest| rest.split(|c: char| !c.is_alphabetic()).next().unwrap_or(""))
}

/// True when a word for a disease or its agent follows ("Marburg virus", "Reston ebolavirus", "Lassa fever",
/// "Lyme disease"): the disease is named after the place, and is not it. A country or state keeps its reading
/// ("the United States flu season"), as the caller checks.
fn names_a_disease(after: &str) -> bool {
    matches!(
        next_word(after),
        Some(
            "virus" | "viruses" | "ebolavirus" | "fever" | "hemorrhagic" | "haemorrhagic" | "disease" | "encephalitis"
        )
    )
}

/// True when a currency sign follows with no space: "US$460 million", "NZ$5" name money.
fn is_a_currency(after: &str) -> bool {
    after.starts_with('$')
}

/// True when the word goes on after an apostrophe ("Baha'i", "Baha’i"), other than as a possessive ("Texas's").
fn goes_on_after_an_apostrophe(after: &str) -> bool {
    let Some(rest) = after.strip_prefix('\'').or_else(|| after.strip_prefix('\u{2019}')) else { return false };
    let mut letters = rest.chars().take_while(|c| c.is_alphabetic());
    !matches!((letters.next(), letters.next()), (None, _) | (Some('s' | 'S'), None))
}

/// True for "B.C." or "BC" after a number: the era ("250 B.C."), not British Columbia.
fn is_an_era(text: &str, m: &NameMatch) -> bool {
    let written = &text[m.byte_range()];
    matches!(written, "B.C." | "BC" | "B.C")
        && recognise::previous_word(text, m.start)
            .is_some_and(|w| text[w.start..w.end].bytes().all(|b| b.is_ascii_digit()) && text[w.end..m.start] == *" ")
}

/// True for a name of several words that are all common words and that no sense bears as its own name: "The
/// City" (an alternate of Thompsonville), "White Bear".
fn only_common_words_by_another_name(written: &str, m: &NameMatch, gazetteer: &Gazetteer) -> bool {
    written.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).all(is_common_word)
        && only_by_another_name(written, m, gazetteer)
}

/// True when no sense bears the name as written as its own name: the match came through alternates (old,
/// foreign or other names) only.
fn only_by_another_name(written: &str, m: &NameMatch, gazetteer: &Gazetteer) -> bool {
    !gazetteer.senses(m.entry).iter().any(|&id| same_key(written, &gazetteer.place(id).name))
}

/// True when every sense is a city or town.
fn only_towns(m: &NameMatch, gazetteer: &Gazetteer) -> bool {
    gazetteer.senses(m.entry).iter().all(|&id| gazetteer.place(id).kind == PlaceKind::City)
}

/// True for a rank in a census list (0: not in it) at most `top`.
fn frequent(rank: u32, top: u32) -> bool {
    rank != 0 && rank <= top
}

/// True for a given name of the hand list or a frequent one of the census's.
pub(super) fn a_given_name(word: &str, names: &PersonNames) -> bool {
    is_given_name(word) || names.is_given_name(word, FREQUENT_GIVEN_NAME)
}

/// True for two words that are a frequent given name and a frequent surname ("Manuel Gonzalez").
fn reads_as_a_full_name(written: &str, names: &PersonNames) -> bool {
    let mut words = written.split(' ');
    let (Some(given), Some(surname), None) = (words.next(), words.next(), words.next()) else { return false };
    a_given_name(given, names) && frequent(names.ranks(surname).surname, FREQUENT_SURNAME)
}

/// True when a given name stands right before `start` ("Neil Jordan").
fn after_a_given_name(text: &str, start: usize, names: &PersonNames) -> bool {
    recognise::previous_word(text, start)
        .is_some_and(|word| text[word.end..start] == *" " && a_given_name(&text[word.start..word.end], names))
}

/// True when a capitalised word stands right before `start`, in the same sentence: the name goes on from it.
fn after_a_capitalised_word(text: &str, start: usize) -> bool {
    recognise::previous_word(text, start).is_some_and(|word| {
        text[word.end..start] == *" "
            && text[word.start..].starts_with(char::is_uppercase)
            && !is_sentence_start(text, word.start)
    })
}

/// Verbs that follow a person's name in news ("Jones said", "Bush told reporters", "Obama took office").
const VERBS_OF_SAYING: &[&str] = &[
    "acknowledged",
    "added",
    "adds",
    "admitted",
    "agreed",
    "announced",
    "argued",
    "asked",
    "believes",
    "claimed",
    "concluded",
    "confirmed",
    "continued",
    "continues",
    "criticised",
    "criticized",
    "declined",
    "denied",
    "explained",
    "explains",
    "insisted",
    "met",
    "noted",
    "notes",
    "pledged",
    "praised",
    "promised",
    "recalled",
    "recalls",
    "replied",
    "replies",
    "reported",
    "said",
    "says",
    "signed",
    "stated",
    "testified",
    "thinks",
    "told",
    "took",
    "tweeted",
    "urged",
    "vowed",
    "warned",
    "wrote",
];

/// Relatives a person has and a place does not: "Georgia's father".
const RELATIVES: [&str; 16] = [
    "brother",
    "dad",
    "daughter",
    "father",
    "fiance",
    "fiancé",
    "girlfriend",
    "grandfather",
    "grandmother",
    "husband",
    "mom",
    "mother",
    "mum",
    "sister",
    "son",
    "wife",
];

/// True when the words around a name fit only a person: a relative after its possessive ("Georgia's
/// father"), "said" or "according to" before it at the end of a clause ("said Georgia.", "According to
/// Conrad, ..."), or a verb done only to a person before it ("stabbed Welch"). Not "herself" or "himself"
/// after it: "to flee Cuba himself".
fn only_a_person_around(text: &str, m: &NameMatch) -> Option<PersonSign> {
    let after = &text[m.end..];
    let relative = after_a_possessive(after).and_then(|rest| rest.strip_prefix(' ')).is_some_and(|rest| {
        let word = rest.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
        RELATIVES.contains(&word)
    });
    if relative {
        return Some(PersonSign::Relative);
    }
    let before = &text[..m.start];
    let source = before.ends_with(" said ") || before.ends_with("ccording to ");
    if source && after.starts_with(['.', ',']) {
        return Some(PersonSign::SaidOrDoneTo);
    }
    // "charged with killing Welch", "allegedly stabbed Welch": what is done only to a person.
    let victim = recognise::previous_word(text, m.start)
        .is_some_and(|w| &text[w.end..m.start] == " " && DONE_ONLY_TO_A_PERSON.contains(&&text[w.start..w.end]));
    victim.then_some(PersonSign::SaidOrDoneTo)
}

/// Verbs whose object is a person, never a place, right before a name ("stabbed Welch"); not "hit", "struck" or
/// "attacked", which storms and armies do to places.
const DONE_ONLY_TO_A_PERSON: &[&str] = &[
    "abducted",
    "abducting",
    "kidnapped",
    "kidnapping",
    "killed",
    "killing",
    "murdered",
    "murdering",
    "raped",
    "stabbed",
    "stabbing",
    "strangled",
    "strangling",
];

/// What makes a name a person's in [`only_a_person_around`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PersonSign {
    /// "Georgia's father": a person throughout, even a country's name.
    Relative,
    /// "said Georgia.", "stabbed Welch": a town's name is a person throughout, a country's or state's only here.
    SaidOrDoneTo,
}

/// True when the text after a name reads as what follows a person's: a verb of saying, or a comma and an age
/// or "who".
fn person_after(after: &str) -> bool {
    if let Some(rest) = after.strip_prefix(' ') {
        let word: &str = rest.split(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or("");
        // "The Obama administration", "the Clinton and Bush administrations".
        return VERBS_OF_SAYING.contains(&word) || word == "administration" || word == "administrations";
    }
    let Some(rest) = after.strip_prefix(", ") else { return false };
    let word: &str = rest.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    if word == "who" || word == "whose" {
        return true;
    }
    // An apposition that names a role: "Obama, then a senator from Illinois", "Castro, the Cuban leader",
    // "Bolton, an incendiary neo-conservative media commentator"; not one that names a kind of place first
    // ("Reading, a town whose mayor").
    let role = rest
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .take(6)
        .take_while(|w| w.chars().next().is_some_and(char::is_lowercase))
        .find(|w| PERSON_ROLES.contains(w) || KINDS_OF_PLACE.contains(w));
    if role.is_some_and(|w| PERSON_ROLES.contains(&w)) {
        return true;
    }
    // An age: "Lindsey Evans, 17, a senior".
    let digits = word.len();
    (1..=3).contains(&digits) && word.bytes().all(|b| b.is_ascii_digit()) && rest[digits..].starts_with(',')
}

/// Nouns for a kind of place, in an apposition after the name ("Reading, a town whose mayor ...").
const KINDS_OF_PLACE: &[&str] = &[
    "area",
    "capital",
    "city",
    "community",
    "country",
    "county",
    "district",
    "island",
    "municipality",
    "nation",
    "port",
    "province",
    "region",
    "state",
    "suburb",
    "town",
    "township",
    "village",
];

/// Nouns for what a person is, in an apposition after the name.
const PERSON_ROLES: &[&str] = &[
    "activist",
    "actor",
    "adviser",
    "advisor",
    "aide",
    "ambassador",
    "analyst",
    "attorney",
    "author",
    "candidate",
    "chairman",
    "chairwoman",
    "coach",
    "columnist",
    "commentator",
    "congressman",
    "congresswoman",
    "daughter",
    "diplomat",
    "director",
    "economist",
    "father",
    "founder",
    "governor",
    "husband",
    "journalist",
    "judge",
    "lawyer",
    "leader",
    "manager",
    "mayor",
    "minister",
    "mother",
    "owner",
    "player",
    "president",
    "professor",
    "reporter",
    "resident",
    "senator",
    "sheriff",
    "singer",
    "son",
    "spokesman",
    "spokeswoman",
    "strategist",
    "student",
    "teacher",
    "wife",
    "writer",
];

/// Prepositions that put a place after them ("in Roberts", "near Lincoln").
const PLACE_PREPOSITIONS: &[&str] = &[
    "across", "around", "at", "between", "from", "in", "inside", "into", "near", "of", "outside", "through", "to",
    "toward", "towards", "via",
];

/// True when the word before `start` is a preposition of place.
fn place_word_before(text: &str, start: usize) -> bool {
    let Some(word) = recognise::previous_word(text, start) else { return false };
    let written = &text[word.start..word.end];
    text[word.end..start] == *" " && PLACE_PREPOSITIONS.iter().any(|p| p.eq_ignore_ascii_case(written))
}

/// Words that begin a longer place name ("Fort Hood", "Camp David", "Mount Kenya"): when the gazetteer lacks
/// the whole name (names it has were matched whole before this), the word after is not a place of its own.
const NAME_OPENERS: &[&str] = &["Camp", "Cape", "Fort", "Ft", "Mount", "Mt", "Port"];

/// True when the match follows a word that opens a longer place name ("Fort Hood" is no Hood County).
fn after_a_name_opener(text: &str, start: usize) -> bool {
    let Some(word) = recognise::previous_word(text, start) else { return false };
    matches!(&text[word.end..start], " " | ". ") && NAME_OPENERS.contains(&&text[word.start..word.end])
}

/// True when the match follows a cricket scorecard's "c" (caught by) or "b" (bowled by): a player ("Aamir
/// Sohail c Cork b Croft 46").
fn a_fielders_or_bowlers(text: &str, start: usize) -> bool {
    recognise::previous_word(text, start)
        .is_some_and(|word| text[word.end..start] == *" " && matches!(&text[word.start..word.end], "b" | "c"))
}

/// True for a building's name ("White House", "Pentagon") or a pattern of the climate's ("El Niño"): that, not
/// a town that shares its words.
fn is_building_or_weather(written: &str) -> bool {
    let first = written.as_bytes().first().map(u8::to_ascii_uppercase);
    BUILDINGS.iter().chain(CLIMATE_PATTERNS).any(|b| b.as_bytes().first() == first.as_ref() && same_key(written, b))
}

/// True when an office and "of" come right before the name ("President of Ukraine Petro Poroshenko", "Mayor of
/// Chicago Rahm Emanuel"): where the holder's name follows, the name is the place of the office.
fn after_an_office_of(text: &str, start: usize) -> bool {
    let Some(head) = text[..start].strip_suffix(" of ") else { return false };
    recognise::previous_word(text, head.len()).is_some_and(|w| {
        let office = &text[w.start..w.end];
        w.end == head.len() && (OFFICES.contains(&office) || office == "Mayor")
    })
}

/// True when two or three capitalised words follow that end in no word for a body: a person's name ("Petro
/// Poroshenko"), not a body's ("Law Society").
fn a_holders_name_follows(after: &str) -> bool {
    let words: Vec<&str> = capitalised_after(after).collect();
    (2..=3).contains(&words.len())
        && words.iter().all(|w| !PUBLIC_BODIES.contains(w) && !BODIES.contains(w) && !COMPANY_ENDINGS.contains(w))
}

/// True for a breed of livestock named after its place ("Angus cattle", "the fourth largest Angus breeder", "a
/// dairy Holstein"; not "cattle in Angus"), or a grade of crude oil ("Brent crude").
fn names_a_breed_or_grade(text: &str, m: &NameMatch) -> bool {
    let written = &text[m.byte_range()];
    let next = next_word(&text[m.end..]);
    (BREEDS.contains(&written)
        && (next.is_some_and(|word| LIVESTOCK.contains(&word)) || text[..m.start].ends_with("dairy ")))
        || (written == "Brent" && matches!(next, Some("crude" | "oil" | "futures" | "benchmark" | "blend" | "north")))
}

/// True for a king's, queen's or pope's number after the name: "Queen Elizabeth II" is no town in Alberta.
fn a_regnal_number_follows(after: &str) -> bool {
    next_word(after).is_some_and(|word| {
        matches!(
            word,
            "II" | "III" | "IV" | "VI" | "VII" | "VIII" | "IX" | "XI" | "XII" | "XIII" | "XIV" | "XV" | "XVI"
        )
    })
}

/// True for a saint's name in the possessive before the name of a house named after the saint ("St. Paul's
/// Hospital", "St. Paul's United Brethren Church"); not the town's possessive ("St. Paul's mayor", "St.
/// Petersburg's Pulkovo Airport": Petersburg is no given name).
fn names_a_saints_house(text: &str, m: &NameMatch) -> bool {
    let written = &text[m.byte_range()];
    let Some(saint) = ["St. ", "St ", "Saint ", "Ste. ", "Ste "].iter().find_map(|s| written.strip_prefix(s)) else {
        return false;
    };
    let Some(rest) = after_a_possessive(&text[m.end..]) else { return false };
    is_given_name(saint) && capitalised_after(rest).any(|word| SAINTS_HOUSES.contains(&word))
}

/// Words that name what is named after a saint.
const SAINTS_HOUSES: &[&str] = &[
    "Abbey",
    "Academy",
    "Basilica",
    "Cathedral",
    "Catholic",
    "Chapel",
    "Church",
    "College",
    "Episcopal",
    "Hospital",
    "Lutheran",
    "Methodist",
    "Parish",
    "School",
];

/// Words that end a company's name.
const COMPANY_ENDINGS: &[&str] =
    &["Co", "Corp", "Corporation", "Inc", "Incorporated", "Ltd", "Limited", "LLC", "Plc", "PLC", "GmbH"];

/// True when the capitalised words after the name, joined to it by spaces or hyphens, end in a word that ends a
/// company's name ("Hewlett-Packard Co.", "Dallas Semiconductor Corp.", "Packard Inc."). "Washington Co." is
/// Washington County: "Co." ends a company's name only after another word.
fn opens_a_company_name(text: &str, m: &NameMatch, gazetteer: &Gazetteer) -> bool {
    // A founder's possessive opens the name too ("Hudson's Bay Co."); not a country's or a state's, which stays
    // the place ("Canada's Broadcasting Corporation").
    let after = &text[m.end..];
    let mut rest = match after_a_possessive(after) {
        Some(rest) if !gazetteer.senses(m.entry).iter().any(|&p| is_large_area(gazetteer.place(p))) => rest,
        _ => after,
    };
    for words_between in 0..4 {
        let Some(after) = rest.strip_prefix(['-', ' ']) else { return false };
        let word = after.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
        if !word.chars().next().is_some_and(char::is_uppercase) {
            return false;
        }
        if COMPANY_ENDINGS.contains(&word) {
            return word != "Co" || words_between > 0;
        }
        rest = &after[word.len()..];
    }
    false
}

/// True when the name is an organisation's: a news agency ("Xinhua") or a company ("Toyota"; a company's longer
/// name is [`opens_a_company_name`]), the end of a body's name ("Bank of America"), or a name of small places
/// joined to another name by an ampersand ("Johnson & Johnson", "Stevens & Wilkinson"; not "Astana & Geneva").
fn is_organisation(text: &str, m: &NameMatch, gazetteer: &Gazetteer) -> bool {
    let written = &text[m.byte_range()];
    if NEWS_AGENCIES.iter().chain(COMPANIES).chain(ORGANISATIONS).any(|a| written.eq_ignore_ascii_case(a)) {
        return true;
    }
    let after = text[m.end..].trim_start_matches(' ');
    let before = text[..m.start].trim_end_matches(' ');
    // Parliaments whose names are towns' too: "the State Duma" is Russia's, not Douma in Syria.
    if matches!(written, "Duma" | "Rada") && ["State", "the", "The", "Verkhovna"].iter().any(|w| before.ends_with(w)) {
        return true;
    }
    // "Bank of America", "Voice of America", "Future Farmers of America", "Peanut Corp. of America": after "of"
    // and a capitalised word, "America" ends a body's name (the country is "the United States of America").
    if written == "America"
        && !in_title_case(text, m.start)
        && before.strip_suffix(" of").is_some_and(|head| {
            recognise::previous_word(text, head.len()).is_some_and(|word| {
                text[word.start..].starts_with(char::is_uppercase) && !is_sentence_start(text, word.start)
            })
        })
    {
        return true;
    }
    // "Queens of the Stone Age", "the Queens of England": the plural, not the borough.
    if written == "Queens" && after.starts_with("of ") {
        return true;
    }
    // "Air France", "Air Canada", "Air Zimbabwe": an airline.
    if text[..m.start].strip_suffix("Air ").is_some_and(|head| !head.ends_with(|c: char| c.is_alphanumeric())) {
        return true;
    }
    if a_universitys_state(written, after) && gazetteer.senses(m.entry).iter().any(|&p| is_us_state(gazetteer.place(p)))
    {
        return true;
    }
    (after.starts_with('&') || before.ends_with('&')) && only_small_places(m, gazetteer)
}

/// True when "State" and no capitalised word follow the name: "Mississippi State started the game", "Michigan
/// State's coach", "at Ohio State." name a university or its team. "Kentucky State Police", "Iowa State Fair"
/// and "New York State", "Washington State" (what those states are often called) are the state.
fn a_universitys_state(written: &str, after: &str) -> bool {
    if matches!(written, "New York" | "Washington") {
        return false;
    }
    after.strip_prefix("State").is_some_and(|rest| {
        !rest.starts_with(|c: char| c.is_alphanumeric())
            && !rest.trim_start_matches([' ', '\n']).starts_with(|c: char| c.is_uppercase())
    })
}

fn is_us_state(place: &Place) -> bool {
    place.kind == PlaceKind::Admin1 && place.country_code == "US"
}

/// True when the name stands between slashes, as in a virus strain's name ("A/California/7/2009",
/// "B/Brisbane/60/2008"): the place the sample was taken, not one the story is about.
fn in_a_strain_name(text: &str, m: &NameMatch) -> bool {
    text[..m.start].ends_with('/') && text[m.end..].starts_with('/')
}

/// True when a one-word match is half of a hyphenated word that is not itself a place ("Wal-Mart",
/// "Coca-Cola"); "Dallas-Fort Worth" keeps both halves because the other half is a match too. A word that
/// makes the place a location ("Moscow-based", "Atlanta-area", "pro-Moscow", a lawmaker's "D-Columbus") keeps
/// it.
fn hyphenated_to_a_word(text: &str, m: &NameMatch, matches_at: &[usize]) -> bool {
    let after = text[m.end..].strip_prefix('-');
    if after.and_then(|rest| rest.chars().next()).is_some_and(char::is_alphabetic)
        && matches_at.binary_search(&(m.end + 1)).is_err()
        && !after
            .and_then(next_letters)
            .is_some_and(|word| HYPHENATED_AFTER_A_PLACE.contains(&word) || is_acronym(word))
    {
        return true;
    }
    let before = text[..m.start].strip_suffix('-').and_then(|head| head.chars().next_back());
    before.is_some_and(char::is_alphabetic)
        && recognise::previous_word(text, m.start).is_some_and(|w| {
            let word = &text[w.start..w.end];
            matches_at.binary_search(&w.start).is_err()
                && w.end + 1 == m.start
                && !HYPHENATED_BEFORE_A_PLACE.contains(&word)
                && !is_acronym(word)
        })
}

/// True for a word of two or more capitals: a body or a bloc joined to a place ("Canada-EU trade", "US-China",
/// "NATO-Russia").
fn is_acronym(word: &str) -> bool {
    word.len() >= 2 && word.bytes().all(|b| b.is_ascii_uppercase())
}

/// The letters at the start of `text`, if any.
fn next_letters(text: &str) -> Option<&str> {
    let end = text.find(|c: char| !c.is_alphabetic()).unwrap_or(text.len());
    (end > 0).then(|| &text[..end])
}

/// True when every sense is a county reached through its bare name ("Bell" for Bell County): such names
/// are mostly surnames, unless the text goes on to say "counties" ("Barrow and Oconee counties"). A large
/// county whose own name is the word ("Dorset", "Kent") is the place.
fn only_counties(written: &str, m: &NameMatch, gazetteer: &Gazetteer) -> bool {
    m.words == 1
        && gazetteer.senses(m.entry).iter().all(|&p| {
            let place = gazetteer.place(p);
            place.kind == PlaceKind::Admin2 && !(place.population >= LARGE_COUNTY && same_key(written, &place.name))
        })
}

/// Population from which a county known by its own one-word name ("Dorset", "Kent") is rarely a surname.
const LARGE_COUNTY: u64 = 150_000;

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
    memmem::find_iter(text.as_bytes(), lower.as_bytes()).any(|i| {
        let before = text[..i].chars().next_back();
        let after = text[i + lower.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// True when the name ends in the word for its kind of place ("Walker County", "Dublin City"): a capitalised
/// word after it names the place's office or institution ("Walker County Judge", "Laurel County Clerk"), which
/// is in that place.
fn names_its_kind(written: &str) -> bool {
    written.rsplit(' ').next().is_some_and(|last| {
        matches!(last, "County" | "Parish" | "Borough" | "Township" | "District" | "Province" | "Oblast" | "City")
    })
}

/// Words that make a newspaper of the place name before them ("The Washington Post", "Texas Tribune").
const NEWSPAPER_WORDS: &[&str] = &[
    "Chronicle",
    "Courier",
    "Daily",
    "Examiner",
    "Free",
    "Gazette",
    "Globe",
    "Herald",
    "Independent",
    "Journal",
    "Monitor",
    "News",
    "Observer",
    "Post",
    "Press",
    "Record",
    "Register",
    "Star",
    "Sun",
    "Telegraph",
    "Times",
    "Tribune",
];

/// True when a place's own name opens a longer name that is a body of that place, not a person's nor a
/// newspaper's: "the Texas Alcoholic Beverage Commission", "Manitoba Underdogs Rescue", "the Springfield Science
/// Museum", "Huntsville High School", "the Gainesville Riding Club" name bodies of the place, and the text speaks
/// of it. A country's or a large state's name is taken unless it is also a given name ("Chad Johnson") or a
/// surname follows with no word for a body after it; a town's only when its name is no given name, frequent
/// surname ("Paris Hilton", "Lincoln Memorial") nor saint's, the next word is no frequent given name or surname,
/// and a word for a body follows ("School", "Club", "Project"). Never a name reached through an alternate
/// ("Vladimir" of Vladimir Oblast), a newspaper ("The Washington Post", "Winnipeg Free Press", "Lansing State
/// Journal"), nor a street ("Washington Avenue").
fn heads_an_organisation(text: &str, m: &NameMatch, gazetteer: &Gazetteer, names: &PersonNames) -> bool {
    let written = &text[m.byte_range()];
    let own = |area: bool| {
        gazetteer.senses(m.entry).iter().any(|&id| {
            let place = gazetteer.place(id);
            let kind = if area { is_large_area(place) } else { place.kind == PlaceKind::City };
            kind && same_key(written, &place.name)
        })
    };
    // Only called for a name that starts a longer one: one space, then the next word.
    let next = next_word(&text[m.end..]).unwrap_or("");
    let ranks = names.ranks(written);
    if ranks.given != 0 || STREET_WORDS.contains(&next) || names_a_newspaper(&text[m.end..]) {
        return false;
    }
    let next_ranks = names.ranks(next);
    let body = || capitalised_after(&text[m.end..]).any(|word| PUBLIC_BODIES.contains(&word) || BODIES.contains(&word));
    if own(true) {
        return next_ranks.surname == 0 || is_english_word(next) || body();
    }
    // A saint's name before a body is the saint's ("St. James United Methodist Church").
    let saints = ["St", "Saint", "Ste", "San", "Santa", "São"]
        .iter()
        .any(|saint| written.strip_prefix(saint).is_some_and(|rest| rest.starts_with([' ', '.'])));
    own(false)
        && !saints
        && !frequent(ranks.surname, FREQUENT_SURNAME)
        && !FAMOUS_SURNAMES.contains(&written)
        && (is_common_word(next)
            || !(frequent(next_ranks.surname, FREQUENT_SURNAME) || frequent(next_ranks.given, FREQUENT_GIVEN_NAME)))
        && body()
}

/// Words that end the name of a town's body, beside the public ones ("Dublin Veterans Project", "Gainesville
/// Riding Club", "Nashville Film Festival"); without one, a town's name before other capitalised words is
/// rather a person's ("Vladimir Putin") or a thing's ("Homeland Security").
const BODIES: &[&str] = &[
    "Academy",
    "Center",
    "Centre",
    "Club",
    "Committee",
    "Festival",
    "Foundation",
    "Games",
    "Institute",
    "League",
    "Olympics",
    "Orchestra",
    "Project",
    "Symphony",
    "Theatre",
];

/// The (at most four) capitalised words right after a name, each after one space.
fn capitalised_after(after: &str) -> impl Iterator<Item = &str> {
    let mut rest = after;
    std::iter::from_fn(move || {
        let word = next_word(rest).filter(|w| w.starts_with(|c: char| c.is_uppercase()))?;
        rest = &rest[1 + word.len()..];
        Some(word)
    })
    .take(4)
}

/// True when one of the (at most four) capitalised words after a name makes it a newspaper's ("Free Press",
/// "State Journal", "Morning Herald").
fn names_a_newspaper(after: &str) -> bool {
    capitalised_after(after).any(|word| NEWSPAPER_WORDS.contains(&word))
}

/// True when the next word makes a street of the name before it ("Alton Edwardsville Road").
fn a_street_follows(after: &str) -> bool {
    let next = after.strip_prefix(' ').map_or("", |rest| rest.split(|c: char| !c.is_alphabetic()).next().unwrap_or(""));
    STREET_WORDS.contains(&next)
}

/// Words that make a street, road or smaller place of the name before them ("Washington Avenue", "Illinois
/// Route 159", "Tennessee Colony").
const STREET_WORDS: &[&str] = &[
    "Ave",
    "Avenue",
    "Bay",
    "Blvd",
    "Boulevard",
    "Circle",
    "Colony",
    "Court",
    "Ct",
    "Dr",
    "Drive",
    "Highway",
    "Hwy",
    "Lane",
    "Ln",
    "Parkway",
    "Pkwy",
    "Pl",
    "Place",
    "Rd",
    "Road",
    "Route",
    "St",
    "Street",
    "Terrace",
    "Trail",
    "Way",
];

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
    // "Ballon d'Or", "Palme d'Or": an elided particle joins a longer name too.
    if let Some(after) = ["d'", "d\u{2019}"].iter().find_map(|p| rest.strip_prefix(p)) {
        return after.chars().next().is_some_and(char::is_uppercase);
    }
    let next: &str = rest.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    let mut chars = next.chars();
    let capitalised = chars.next().is_some_and(char::is_uppercase) && chars.next().is_some_and(char::is_lowercase);
    // A word that can end a place's name does not, before a newspaper's word ("Lansing State Journal").
    capitalised
        && ((!PLACE_SUFFIXES.contains(&next) && !PUBLIC_BODIES.contains(&next) && !OFFICES.contains(&next))
            || names_a_newspaper(&text[range.end..]))
}

/// True when the next word is a frequent given name or surname ("Paris Hilton"): in a headline too, the name
/// is a person's (as a newspaper's name is a newspaper's: "The Moscow Times").
fn a_name_follows(after: &str, names: &PersonNames) -> bool {
    let next = after.trim_start().split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    let ranks = names.ranks(next);
    is_given_name(next) || frequent(ranks.given, FREQUENT_GIVEN_NAME) || frequent(ranks.surname, FREQUENT_SURNAME)
}

/// Given names at most this rank in the census lists (the rarest of them borne by about one American in
/// 10,000) mark the capitalised word after them as a surname.
const FREQUENT_GIVEN_NAME: u32 = 1_000;

/// How the word before a name reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Before {
    /// Nothing that says anything about the name.
    Neutral,
    /// A title or a capitalised word that makes the name part of a person's name ("Raquel Henry", "Sen. Boxer").
    PersonName,
}

/// Reads the word before the match at `start`.
pub(super) fn word_before(text: &str, start: usize, names: &PersonNames) -> Before {
    let Some(word) = super::recognise::previous_word(text, start) else {
        return Before::Neutral;
    };
    let previous = &text[word.start..word.end];
    // A line broken inside a name ("Gareth\n    Bale" in hard-wrapped text) still joins a title or a given name
    // to it; any other capitalised word ending a line may end a caption or a heading.
    let wrapped = recognise::is_line_wrap(&text[word.end..start]);
    let separator = if wrapped { " " } else { &text[word.end..start] };
    if separator == " " && FAITHS.contains(&previous) {
        return Before::Neutral;
    }
    if PERSON_TITLES.contains(&previous) && (separator == " " || separator == ". ") {
        return Before::PersonName;
    }
    // An initial: "George W. Bush", "Roy A. Nelson", "B.J. Unthank"; but not a point of the compass before a
    // place ("N.W. Rochester", "in W. Columbia") unless a given name comes first ("George W. Bush").
    if separator == ". " && previous.len() == 1 && previous.bytes().all(|b| b.is_ascii_uppercase()) {
        let compass = matches!(previous, "N" | "S" | "E" | "W");
        let named_before = recognise::previous_word(text, word.start).is_some_and(|w| {
            text[w.end..word.start] == *" " && text[w.start..w.end].chars().next().is_some_and(char::is_uppercase)
        });
        if !compass || named_before {
            return Before::PersonName;
        }
    }
    if separator != " " {
        return Before::Neutral;
    }
    // A frequent given name, even opening a sentence ("Mitch Lewis and ...").
    if a_given_name(previous, names) {
        return Before::PersonName;
    }
    // A surname's particle after a given name ("Mike de Kock", "Vincent van Gogh"), or after a word in lower
    // case ("the third known da Vinci sketch"; not "Tour de France", and not "van", an English word too).
    if SURNAME_PARTICLES.contains(&previous) {
        let before = recognise::previous_word(text, word.start).filter(|w| text[w.end..word.start] == *" ");
        let after_given_name = before.is_some_and(|given| a_given_name(&text[given.start..given.end], names));
        let after_lower_case =
            previous != "van" && before.is_some_and(|w| text[w.start..w.end].starts_with(|c: char| c.is_lowercase()));
        if after_given_name || after_lower_case {
            return Before::PersonName;
        }
    }
    let mut chars = previous.chars();
    let capitalised = chars.next().is_some_and(char::is_uppercase) && chars.all(|c| c.is_lowercase());
    if wrapped
        || !capitalised
        || QUALIFIERS.contains(&previous)
        || REGIMES.contains(&previous)
        || is_common_word(previous)
    {
        return Before::Neutral;
    }
    // A capitalised first word of a sentence may be any word ("Rethinking Egypt"): no evidence either way. The
    // full stop of a title ends no sentence ("Const. Kwesi Millington").
    let after_title = recognise::previous_word(text, word.start).is_some_and(|w| {
        PERSON_TITLES.contains(&&text[w.start..w.end]) && matches!(&text[w.end..word.start], " " | ". ")
    });
    if is_sentence_start(text, word.start) && !after_title {
        return Before::Neutral;
    }
    // In a headline every word is capitalised ("Senior Official Visits Georgia").
    if in_title_case(text, start) {
        return Before::Neutral;
    }
    Before::PersonName
}

/// The longest headline [`in_title_case`] looks for, in bytes either side of the name.
const HEADLINE_BYTES: usize = 200;

/// Short words that a title in title case leaves in lower case.
const TITLE_CASE_MINOR_WORDS: [&str; 17] =
    ["a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "vs", "with"];

/// True when the sentence around `at` opens a line (or the text) and is written in title case, as headlines
/// are: four words or more, every one capitalised but the short ones, and no comma (a list of names or of
/// streets is no headline).
/// There a capitalised word next to a name says nothing of it. The full stop of an abbreviation ("U.S.",
/// "St.", "Gen.") ends no sentence here.
pub(super) fn in_title_case(text: &str, at: usize) -> bool {
    let ends_at = |i: usize| match text.as_bytes()[i] {
        b'\n' | b'!' | b'?' => true,
        b'.' => text[..i].rsplit(|c: char| !c.is_alphabetic()).next().is_some_and(|word| word.len() >= 4),
        _ => false,
    };
    // A headline is short: no further than this is looked at, so a long text without full stops costs no more.
    let (lo, hi) = (at.saturating_sub(HEADLINE_BYTES), (at + HEADLINE_BYTES).min(text.len()));
    let start = match (lo..at).rev().find(|&i| ends_at(i)) {
        Some(i) => i + 1,
        None if lo == 0 => 0,
        None => return false,
    };
    let Some(end) = (at..hi).find(|&i| ends_at(i)).or((hi == text.len()).then_some(hi)) else { return false };
    let sentence = &text[start..end];
    let opens_a_line = start == 0 || text[..start].ends_with('\n');
    if !opens_a_line || sentence.contains(',') {
        return false;
    }
    let mut words = 0;
    for word in sentence.split_whitespace() {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        let Some(first) = word.chars().next().filter(|c| c.is_alphabetic()) else { continue };
        if first.is_lowercase() && !TITLE_CASE_MINOR_WORDS.contains(&word) {
            return false;
        }
        words += 1;
    }
    words >= 4
}

/// True when the word at `start` begins a sentence or a quotation: at the start of the text or of a line, after
/// a full stop, question or exclamation mark (and any quotes), or right after an opening quote.
pub(super) fn is_sentence_start(text: &str, start: usize) -> bool {
    let mut spaced = false;
    for c in text[..start].chars().rev() {
        match c {
            // Quoted words open with a capital wherever the quote stands ("signs that said “Vote no”").
            '\u{201c}' | '\u{2018}' => return true,
            '"' if !spaced => return true,
            ' ' | '\t' => spaced = true,
            '"' | '\'' | '(' => continue,
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
            assert_eq!(word_before(text, start, PersonNames::bundled()), expected, "{text}");
        }
    }

    #[test]
    fn sentence_starts() {
        assert!(is_sentence_start("Reading is fun", 0));
        assert!(is_sentence_start("He left. \"Reading is fun", 10));
        assert!(!is_sentence_start("in Reading", 3));
        assert!(is_sentence_start("signs that said \u{201c}Vote no", 19));
        assert!(is_sentence_start("signs that said \"Vote no", 17));
        assert!(!is_sentence_start("he said \" Vote", 10));
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
