//! Disambiguation: one sense for each name of an article, scored from what the field has learnt works on news.
//!
//! A sense's score starts from a prior: the kind of place (countries, then continents and regions, then states
//! and provinces) and a city's population, capital status and how widely it is known, less a penalty for a name
//! that is only one of a place's alternates when another town carries it as its own. A qualifier that follows
//! the name ("Paris, Texas", "Moscow, Idaho") adds a bonus. The rest of the article adds the share of its other
//! places in the same state or country (weighted by how sure each of them is), within 100 km, and a bonus at
//! home when most of them lie in one country. Each name is resolved alone first, then again in turn with the
//! others' latest choices as context until none changes, and every mention of a name gets the same sense.

use std::collections::HashMap;

use crate::corpus::ByteSpan;
use crate::gazetteer::{Gazetteer, Place, PlaceId, PlaceKind};

use super::confidence;
use super::filters::{SMALL_PLACE, in_a_list_of_counties};
use super::person_names::PersonNames;
use super::recognise::{NameMatch, after_a_comma};
use super::{Candidates, Form, PlaceMention};

/// One name of the article with all its mentions.
struct Group<'g> {
    senses: &'g [PlaceId],
    mentions: Vec<usize>,
    /// Senses of the names that qualify this one ("Paris, Texas": Texas's senses for Paris) or that it
    /// qualifies (Paris's senses for Texas).
    qualifier_senses: Vec<PlaceId>,
    qualified_senses: Vec<PlaceId>,
    /// The groups of the names listed beside this one ("Alabama and Georgia", "Armenia, Georgia and
    /// Azerbaijan"): the items of a list are places of one kind.
    siblings: Vec<usize>,
    /// Sense chosen in the last round and its confidence.
    choice: Option<(PlaceId, f64)>,
    /// What each sense scores before the other names are looked at, and its codes ([`sense_facts`]): the
    /// same in every round, so worked out once.
    facts: Vec<SenseFacts>,
    /// The name as first written.
    written: &'g str,
    /// A mention is followed by a state's office ("New York Gov. Andrew Cuomo", "the Washington
    /// Legislature"): the name is the state's.
    names_a_state: bool,
    /// A mention is in a list of names that ends in "counties" ("Douglas, Sarpy and Lancaster counties"): the
    /// name is a county's.
    names_a_county: bool,
    /// A mention is followed by "state" in lower case ("Washington state"): the name is a US state's.
    names_a_us_state: bool,
    /// The senses that are a country or first-level division under the name as written (Quebec, Oklahoma): a
    /// city may be named apart from them ([`city_named_apart_cap`]). Empty for most names.
    areas_of_its_name: Vec<PlaceId>,
    /// A mention follows "city of", "town of" or "village of" ("the central city of Puebla"): the name is a
    /// city's, though writers call the city apart from its division elsewhere.
    called_a_city: bool,
}

/// True for " city of ", " town of ", " port of " and the like: what stands between a demonym and a place
/// name in "the Canadian city of London".
fn names_a_kind_of_place_of(between: &str) -> bool {
    between.strip_prefix(' ').and_then(|rest| rest.strip_suffix(" of ")).is_some_and(|kind| {
        matches!(
            kind,
            "city" | "town" | "village" | "port" | "capital" | "region" | "province" | "state" | "county" | "island"
        )
    })
}

/// For each name (an index into `matches`), whether it is listed together with the next: "A and B", "A or B",
/// "A & B", and the items of "A, B and C" (a comma joins two names of a list only where the list ends in "and"
/// or "or"; "Paris, Texas" is a qualifier).
fn listed_with_the_next(text: &str, matches: &[NameMatch]) -> Vec<bool> {
    #[derive(Clone, Copy, PartialEq)]
    enum Joint {
        And,
        Comma,
        None,
    }
    let joints: Vec<Joint> = matches
        .windows(2)
        .map(|pair| match &text[pair[0].end..pair[1].start] {
            " and " | " or " | ", and " | ", or " | " & " => Joint::And,
            ", " => Joint::Comma,
            _ => Joint::None,
        })
        .collect();
    let mut listed = vec![false; matches.len()];
    // Whether the joint after the current one belongs to a list that ends in "and" or "or".
    let mut list_goes_on = false;
    for (i, &joint) in joints.iter().enumerate().rev() {
        listed[i] = joint == Joint::And || (joint == Joint::Comma && list_goes_on);
        list_goes_on = listed[i];
    }
    listed
}

/// A country listed beside a name that is first a country, and a first-level division listed beside one that is
/// first a division of the same country, get [`QUALIFIER_BONUS`]: "Alabama and Georgia" (the state), "Armenia,
/// Georgia and Azerbaijan" (the country), "Oregon and Washington" (the state); not "stops in Washington, New
/// York and Boston", where New York is first the city; nor a division over the city that is the same place
/// ("Žilina, Nitra, Prešov and Košice": cities). "First" is the sense of the best prior, before qualifiers and
/// context.
fn favour_the_kind_of_their_list(groups: &mut [Group], gazetteer: &Gazetteer) {
    if groups.iter().all(|group| group.siblings.is_empty()) {
        return;
    }
    let firsts: Vec<Option<&Place>> = groups
        .iter()
        .map(|group| {
            let own_scores = group.senses.iter().zip(&group.facts).map(|(&id, facts)| {
                let place = gazetteer.place(id);
                (prior(place).min(facts.cap), place)
            });
            own_scores.max_by(|(a, _), (b, _)| a.total_cmp(b)).map(|(_, place)| place)
        })
        .collect();
    for group in groups.iter_mut() {
        if group.siblings.is_empty() {
            continue;
        }
        let listed: Vec<&Place> = group.siblings.iter().filter_map(|&g| firsts[g]).collect();
        for i in 0..group.senses.len() {
            let place = gazetteer.place(group.senses[i]);
            let same_kind = listed.iter().any(|other| {
                other.kind == place.kind
                    && match place.kind {
                        PlaceKind::Country => true,
                        PlaceKind::Admin1 => other.country_code == place.country_code,
                        _ => false,
                    }
            });
            if same_kind {
                let facts = &mut group.facts[i];
                facts.score = (facts.score + QUALIFIER_BONUS).min(facts.cap);
            }
        }
    }
}

/// Words after a name that make it a state or province ("New York Gov.", "Washington Legislature", "New York
/// State").
const STATE_OFFICES: [&str; 6] = ["Gov", "Governor", "Legislature", "Premier", "Lt", "State"];

/// True when "city of", "town of" or "village of" stands right before the name ("the central city of Puebla").
fn called_a_city(before: &str) -> bool {
    ["city of ", "town of ", "village of "].iter().any(|kind| ends_with_ignoring_case(before, kind))
}

/// True when "state of" or "province of" stands right before the name ("the state of Washington", "the
/// province of Quebec"), or "province" right after it ("Quebec province").
fn called_a_state_or_province(before: &str, after: &str) -> bool {
    ["state of ", "province of "].iter().any(|kind| ends_with_ignoring_case(before, kind))
        || after.strip_prefix(" province").is_some_and(|rest| !rest.starts_with(char::is_alphanumeric))
}

/// True when "English" and a kind of place stand right before the name ("the English city of Salisbury"):
/// "English" is a common word (the language), no demonym the recogniser finds, but there it is England's, as
/// "Canadian" is Canada's in "the Canadian city of London".
fn after_an_english_kind_of_place(before: &str) -> bool {
    before
        .strip_suffix(" of ")
        .and_then(|rest| rest.rsplit_once(' '))
        .is_some_and(|(head, _)| head.ends_with(" English") && names_a_kind_of_place_of(&before[head.len()..]))
}

/// True when "state" in lower case follows the name, as American English writes a state it tells from its
/// city ("Washington state", "New York state governor", "the Georgia state line").
fn state_follows(after: &str) -> bool {
    after.strip_prefix(" state").is_some_and(|rest| !rest.starts_with(char::is_alphanumeric))
}

/// True when `text` ends with `end` in any letter case (ASCII).
fn ends_with_ignoring_case(text: &str, end: &str) -> bool {
    text.len() >= end.len()
        && text.is_char_boundary(text.len() - end.len())
        && text[text.len() - end.len()..].eq_ignore_ascii_case(end)
}

/// True when a state's office follows the name's end at `after`.
fn state_office_follows(after: &str) -> bool {
    after.strip_prefix(' ').is_some_and(|rest| {
        let word = rest.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
        STATE_OFFICES.contains(&word)
    })
}

/// The prior of a sense before context: the kind of place, then a city's size, capital status and how
/// widely it is known (its number of alternate names).
fn prior(place: &Place) -> f64 {
    let size = (place.population as f64 + 1.0).ln();
    let fame = PROMINENCE_WEIGHT * (f64::from(place.alternate_count) + 1.0).ln();
    match place.kind {
        PlaceKind::Country => 23.0 + 0.1 * size,
        PlaceKind::Continent => 19.0,
        PlaceKind::Region => 17.0,
        PlaceKind::Admin1 => ADMIN1_PRIOR - SMALL_DIVISION_WEIGHT * small_division(place.population),
        PlaceKind::Admin2 => 11.0,
        PlaceKind::Landmark | PlaceKind::UserAdded => 12.0,
        PlaceKind::City => size + fame + if place.is_capital { 4.0 } else { 0.0 },
    }
}

/// A first-level division's prior, less [`SMALL_DIVISION_WEIGHT`] times [`small_division`]: a parish of
/// Bermuda or Jamaica ("Southampton", "Manchester", 6,633 and 61,946 people) is not ahead of the English city
/// of its name, as a state or a province of millions is ahead of the towns named after it.
const ADMIN1_PRIOR: f64 = 15.5;
const SMALL_DIVISION_WEIGHT: f64 = 0.5;
/// Divisions of at least this many people (most states, provinces and regions) have the full prior.
const LARGE_DIVISION: f64 = 1_000_000.0;

/// How far below [`LARGE_DIVISION`] a division's population is, as ln(large / population); 0 for a large
/// division or one whose population the table does not give.
fn small_division(population: u64) -> f64 {
    if population == 0 { 0.0 } else { (LARGE_DIVISION / population as f64).ln().max(0.0) }
}

/// Weight of ln(1 + alternate names) in a city's prior.
const PROMINENCE_WEIGHT: f64 = 0.75;
/// A city reached through one of its alternate names ("Maryville", an old name of Beeville, Texas) against a
/// city whose own name it is (Maryville, Tennessee): alternates include old and foreign names, so the town
/// that carries the name today is the likelier sense unless the other is much larger.
const ALTERNATE_NAME_PENALTY: f64 = 3.0;

/// Bonus for a sense that lies in (or is) the division or country a qualifier names.
const QUALIFIER_BONUS: f64 = 8.0;

/// Bonus for a state or province named before its office ("Washington Gov."): more than the article's other
/// places can give a town of that name in their state.
const STATE_OFFICE_BONUS: f64 = 20.0;
/// Context is the share of the article's other mentions that support a sense, times these weights: the
/// share in the same country, in the same first-level division, and within [`NEAR_KM`]. A share, not a
/// count, so that one aside ("the author lives in Chicago") does not move the article's Geneva to Illinois,
/// while a local story whose every place is in Idaho moves its Moscow there.
const SAME_COUNTRY_WEIGHT: f64 = 4.0;
/// An article whose other places lie mostly in one country (a local paper) is about that country: its
/// namesakes of foreign cities (Paris, Texas; London, Kentucky) get this bonus.
const DOMINANT_SHARE: f64 = 0.8;
const DOMINANT_COUNTRY_BONUS: f64 = 6.0;
/// ... and at least this much weight (mentions times confidence squared) behind it.
const DOMINANT_MIN_WEIGHT: f64 = 1.5;
const SAME_ADMIN1_WEIGHT: f64 = 14.0;
const NEAR_WEIGHT: f64 = 6.0;
const NEAR_KM: f64 = 100.0;
/// A division that is the same place as a city of the same name inside it (Moscow, Astana, Geneva: cities
/// that are their own division) scores at most the city's score less this, so the more precise city wins.
const CITY_STATE_MARGIN: f64 = 0.5;
const CITY_STATE_KM: f64 = 50.0;

/// Kilometres per degree of latitude (and of longitude at the equator).
const KM_PER_DEGREE: f64 = 111.2;

/// Whether two places are at most `km` apart: most pairs are told apart by their latitudes or longitudes alone,
/// without the trigonometry of [`distance_km`].
fn within_km(a: &Place, b: &Place, km: f64) -> bool {
    let reach_deg = km / KM_PER_DEGREE;
    if (a.lat_deg - b.lat_deg).abs() > reach_deg * 1.01 {
        return false;
    }
    // A degree of longitude is shortest at the pole-most of the two latitudes. Near the poles a great circle
    // cuts across far shorter than the parallels, so there only the full formula decides.
    let polemost = a.lat_deg.abs().max(b.lat_deg.abs());
    let dlon = (a.lon_deg - b.lon_deg).abs();
    let dlon = dlon.min(360.0 - dlon);
    if polemost < 70.0 && dlon * cos_at_most(polemost.to_radians()) > reach_deg * 1.01 {
        return false;
    }
    distance_km(a, b) <= km
}

/// A lower bound of `x.cos()` for `x` in [0, π/2], within 0.001 of it up to 70° and without a call to the
/// library: the series cut after a negative term never exceeds the cosine, so a pair it sets apart is apart.
fn cos_at_most(x: f64) -> f64 {
    let x2 = x * x;
    1.0 - x2 / 2.0 * (1.0 - x2 / 12.0 * (1.0 - x2 / 30.0))
}

/// Great-circle distance in km.
pub fn distance_km(a: &Place, b: &Place) -> f64 {
    let (lat1, lat2) = (a.lat_deg.to_radians(), b.lat_deg.to_radians());
    let (dlat, dlon) = (lat2 - lat1, (b.lon_deg - a.lon_deg).to_radians());
    let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}

/// Whether two country or division codes are equal: they are a few bytes long, too short for a call to the
/// library's memory comparison to pay.
fn same_code(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}

/// True when `inner` lies in the division or country `outer`.
fn lies_in(inner: &Place, outer: &Place) -> bool {
    match outer.kind {
        PlaceKind::Country => same_code(&inner.country_code, &outer.country_code) && inner.kind != PlaceKind::Country,
        PlaceKind::Admin1 => {
            same_code(&inner.country_code, &outer.country_code)
                && same_code(&inner.admin1_code, &outer.admin1_code)
                && inner.kind != PlaceKind::Admin1
        }
        _ => false,
    }
}

/// One sense per name per article, chosen in two rounds: alone, then with the other names' choices.
/// When `features` is given, it receives each mention's confidence features ([`confidence::features`]), in the
/// order of the mentions.
pub(super) fn resolve(
    text: &str,
    matches: &[NameMatch],
    gazetteer: &Gazetteer,
    mut features: Option<&mut Vec<[f64; confidence::FEATURES]>>,
) -> Vec<PlaceMention> {
    let mut groups: Vec<Group> = Vec::new();
    let mut group_of_key: HashMap<u32, usize> = HashMap::new();
    let mut group_of_match = Vec::with_capacity(matches.len());
    for (i, m) in matches.iter().enumerate() {
        let g = *group_of_key.entry(m.entry.key_id()).or_insert_with(|| {
            let senses = gazetteer.senses(m.entry);
            let written = &text[m.byte_range()];
            let areas_of_its_name = senses
                .iter()
                .copied()
                .filter(|&id| {
                    let place = gazetteer.place(id);
                    matches!(place.kind, PlaceKind::Admin1 | PlaceKind::Country) && same_key(written, &place.name)
                })
                .collect();
            groups.push(Group {
                senses,
                mentions: Vec::new(),
                qualifier_senses: Vec::new(),
                qualified_senses: Vec::new(),
                siblings: Vec::new(),
                choice: None,
                facts: Vec::new(),
                written,
                names_a_state: false,
                names_a_county: false,
                names_a_us_state: false,
                areas_of_its_name,
                called_a_city: false,
            });
            groups.len() - 1
        });
        groups[g].names_a_state |=
            state_office_follows(&text[m.end..]) || called_a_state_or_province(&text[..m.start], &text[m.end..]);
        groups[g].names_a_us_state |= state_follows(&text[m.end..]);
        groups[g].names_a_county |= in_a_list_of_counties(text, m.start, m.end);
        groups[g].called_a_city |= called_a_city(&text[..m.start]);
        if after_an_english_kind_of_place(&text[..m.start]) {
            groups[g].qualifier_senses.extend_from_slice(gazetteer.lookup("England"));
        }
        groups[g].mentions.push(i);
        group_of_match.push(g);
    }
    // "Paris, Texas", "Moscow, Idaho", "Springfield, Ill.": a name right after a comma qualifies the one before.
    // "the Canadian city of London", "the Syrian town of Douma": a demonym before the kind of place qualifies the
    // name after it.
    for (i, pair) in matches.windows(2).enumerate() {
        let (first, second) = (group_of_match[i], group_of_match[i + 1]);
        if first == second {
            continue;
        }
        if after_a_comma(text, &pair[0], &pair[1]) {
            let qualifier = groups[second].senses.to_vec();
            let qualified = groups[first].senses.to_vec();
            groups[first].qualifier_senses.extend(qualifier);
            groups[second].qualified_senses.extend(qualified);
        } else if pair[0].entry.is_demonym() && names_a_kind_of_place_of(&text[pair[0].end..pair[1].start]) {
            let qualifier = groups[first].senses.to_vec();
            groups[second].qualifier_senses.extend(qualifier);
        }
    }

    let listed = listed_with_the_next(text, matches);
    for first in (0..matches.len()).filter(|&i| listed[i]) {
        let (a, b) = (group_of_match[first], group_of_match[first + 1]);
        if a == b {
            continue;
        }
        groups[a].siblings.push(b);
        groups[b].siblings.push(a);
    }

    for group in &mut groups {
        group.facts = sense_facts(group, gazetteer);
    }
    favour_the_kind_of_their_list(&mut groups, gazetteer);
    pair_towns_with_their_counties(&mut groups, gazetteer);
    break_ties_by_neighbours(&mut groups, gazetteer);

    let mention_counts: Vec<usize> = groups.iter().map(|g| g.mentions.len()).collect();
    // First every name alone; then each in turn with the others' latest choices, until no choice changes.
    // (Two rounds of all names at once could swap a pair for ever: Huntsville chose Alabama because Walker
    // County had, while Walker County moved to Texas because Huntsville had been there.) The surest names go
    // first: chosen alone, they have the most to learn from the context, and the unsure ones (a county
    // whose namesakes tie) then follow the article's settled places rather than lead them astray.
    for round in 0..CONTEXT_ROUNDS {
        let mut choices = other_choices(groups.iter().map(|g| g.choice), &mention_counts, gazetteer);
        if round == 0 {
            let ranked: Vec<_> = (0..groups.len())
                .map(|g| rank(&groups[g], &Context { choices: &choices, own: g }, gazetteer))
                .collect();
            for (group, (best, confidence)) in groups.iter_mut().zip(ranked) {
                group.choice = best.map(|b| (b, confidence));
            }
            continue;
        }
        let mut changed = false;
        let mut order: Vec<usize> = (0..groups.len()).collect();
        order.sort_by(|&a, &b| {
            let sure = |g: usize| groups[g].choice.map_or(0.0, |c| c.1);
            sure(b).total_cmp(&sure(a))
        });
        for g in order {
            let (best, confidence) = rank(&groups[g], &Context { choices: &choices, own: g }, gazetteer);
            let choice = best.map(|b| (b, confidence));
            changed |= choice.map(|c| c.0) != groups[g].choice.map(|c| c.0);
            groups[g].choice = choice;
            let at = choices.partition_point(|o| o.group < g);
            match (
                choices.get(at).is_some_and(|o| o.group == g),
                OtherChoice::of(g, choice, mention_counts[g], gazetteer),
            ) {
                (true, Some(new)) => choices[at] = new,
                (true, None) => {
                    choices.remove(at);
                }
                (false, Some(new)) => choices.insert(at, new),
                (false, None) => {}
            }
        }
        if !changed {
            break;
        }
    }

    let in_state_only = towns_only_in_their_state(text, matches, &groups, &group_of_match, gazetteer);
    let names = PersonNames::bundled();
    let mut out = Vec::with_capacity(matches.len());
    let mut ranked_cache: Vec<Option<(Candidates, f32, Agreement)>> = vec![None; groups.len()];
    let choices = other_choices(groups.iter().map(|g| g.choice), &mention_counts, gazetteer);
    for (i, m) in matches.iter().enumerate() {
        let g = group_of_match[i];
        let (candidates, margin, agreement) = *ranked_cache[g].get_or_insert_with(|| {
            let context = Context { choices: &choices, own: g };
            let scored = scored_senses(&groups[g], &context, gazetteer);
            let margin = confidence_of(&scored);
            let agreement = scored.first().map_or(Agreement::default(), |&(_, id)| {
                agreement(&groups[g], id, &OtherChoices::of(&context), gazetteer)
            });
            (scored.into_iter().map(|(_, id)| id).collect(), margin as f32, agreement)
        });
        let Some(&first) = candidates.first() else { continue };
        let (place, candidates) = match in_state_only[g] {
            Some(state) => (state, std::iter::once(state).chain(candidates.iter().copied()).collect()),
            None if listed[i] => (first, candidates),
            None => match qualified_here(text, matches, i, &group_of_match, &groups, &candidates, gazetteer) {
                Some(own) => {
                    let mut candidates = candidates;
                    candidates.promote(own);
                    (own, candidates)
                }
                None => (first, candidates),
            },
        };
        // Only a text of 4 GiB or more has offsets past 32 bits, and the reader refuses such files.
        let Some(byte_range) = ByteSpan::new(m.byte_range()) else { continue };
        let written = &text[m.byte_range()];
        let evidence = confidence::Evidence {
            margin: f64::from(margin),
            senses: groups[g].senses.len(),
            place: gazetteer.place(place),
            own_name: same_key(written, &gazetteer.place(place).name),
            words: m.words,
            capitals: m.capitals,
            demonym: m.entry.is_demonym(),
            mentions: groups[g].mentions.len(),
            written,
            same_country: agreement.same_country,
            near: agreement.near,
            names: groups.len(),
        };
        let features_of = confidence::features(&evidence, names);
        let mut confidence = confidence::confidence(&features_of);
        if in_state_only[g].is_some() {
            confidence = confidence.min(STATE_ONLY_CONFIDENCE);
        }
        let doubtful_other_name = confidence < OTHER_NAME_FLOOR
            && !evidence.own_name
            && !evidence.demonym
            && matches!(evidence.place.kind, PlaceKind::City | PlaceKind::Admin2)
            && !written.contains([' ', '-'])
            && !candidates.iter().any(|&c| {
                let other = gazetteer.place(c);
                other.population >= SMALL_PLACE
                    && (same_key(written, &other.name)
                        || (other.kind == PlaceKind::City && shortens(written, &other.name)))
            });
        if doubtful_other_name {
            continue;
        }
        if let Some(features) = features.as_deref_mut() {
            features.push(features_of);
        }
        let form = if m.entry.is_demonym() { Form::Demonym } else { Form::Name };
        out.push(PlaceMention { byte_range, place, confidence, candidates, form });
    }
    out
}

/// The sense of mention `i` that its own qualifier names, where the name's sense for the article lies
/// elsewhere: "Paris, Texas" in a story about Paris, France, "Portland, Maine" beside Portland, Oregon. The
/// qualifier is the name right after a comma, chosen as a country or a state, and not the next item of a list
/// ("Washington, Pennsylvania and California"); the name's sense for the article is a town; the sense here is the
/// best of the name's candidates that lies in the qualifier.
fn qualified_here(
    text: &str,
    matches: &[NameMatch],
    i: usize,
    group_of_match: &[usize],
    groups: &[Group],
    candidates: &Candidates,
    gazetteer: &Gazetteer,
) -> Option<PlaceId> {
    let next = matches.get(i + 1)?;
    let (g, q) = (group_of_match[i], group_of_match[i + 1]);
    if g == q || !after_a_comma(text, &matches[i], next) {
        return None;
    }
    let (qualifier, _) = groups[q].choice?;
    let qualifier = gazetteer.place(qualifier);
    if !matches!(qualifier.kind, PlaceKind::Country | PlaceKind::Admin1) {
        return None;
    }
    let first = *candidates.first()?;
    if gazetteer.place(first).kind != PlaceKind::City || lies_in(gazetteer.place(first), qualifier) {
        return None;
    }
    candidates.iter().copied().find(|&c| lies_in(gazetteer.place(c), qualifier))
}

/// True when `written` is the first word of `name`, which goes on with a river or a district ("Frankfurt" of
/// Frankfurt am Main and Frankfurt (Oder), "Freiburg" of Freiburg im Breisgau): the town's short name.
fn shortens(written: &str, name: &str) -> bool {
    name.get(..written.len()).is_some_and(|head| head.eq_ignore_ascii_case(written))
        && name[written.len()..].starts_with([' ', '('])
}

/// Below this confidence a one-word name that is only another name of the town or county chosen for it, and
/// no place's own name ("Luck", an alternate of Lutsk; "Newcomers", of Newcomerstown; "Lee", of Lee County), is
/// left out: nothing in its article bears it out, and such names are more often words, people and brands than
/// the town. A name that a city of [`SMALL_PLACE`] people or more (news in its own right) bears as its own
/// ("Paris"), or a city as the first word of its own ("Frankfurt"; a county's is not: "Polk School"), is a
/// place name, whichever place is chosen for it.
const OTHER_NAME_FLOOR: f32 = 0.3;

/// Countries whose news qualifies a town with its state or province ("Belgrade, Minn.", "Churchill, Man.",
/// "Mareeba, Queensland").
const TOWN_STATE_COUNTRIES: [&str; 3] = ["US", "CA", "AU"];

/// The confidence at most of a town placed at its state ([`towns_only_in_their_state`]): below one half, where
/// the review queue starts.
const STATE_ONLY_CONFIDENCE: f32 = 0.45;

/// For each name, the state or province it is to be placed at when the article writes it as a town of that
/// state ("Belgrade, Minn.", "Churchill, Man.") and none of the gazetteer's places of that name lies there: the
/// town is too small for the gazetteer (under 1,000 people), and its namesakes elsewhere (Belgrade in Serbia,
/// Churchill County in Nevada) would put it in another state or country. The state is as near as the gazetteer
/// can say. Only for a name whose every sense is a town, a county or a landmark, written before a state or
/// province of a country that qualifies towns so, and not in a list ("Wajir, Mandera and Garissa", "Ohio,
/// Indiana, Michigan").
fn towns_only_in_their_state(
    text: &str,
    matches: &[NameMatch],
    groups: &[Group],
    group_of_match: &[usize],
    gazetteer: &Gazetteer,
) -> Vec<Option<PlaceId>> {
    let mut in_state = vec![None; groups.len()];
    for i in 1..matches.len() {
        let (town, state) = (&matches[i - 1], &matches[i]);
        if !after_a_comma(text, town, state) || state.entry.is_demonym() {
            continue;
        }
        let in_a_list = (i >= 2 && after_a_comma(text, &matches[i - 2], town))
            || matches.get(i + 1).is_some_and(|next| {
                after_a_comma(text, state, next) || matches!(&text[state.end..next.start], " and " | ", and " | " or ")
            });
        let (g, q) = (group_of_match[i - 1], group_of_match[i]);
        let Some((chosen_state, _)) = groups[q].choice else { continue };
        let state_place = gazetteer.place(chosen_state);
        if in_a_list
            || g == q
            || state_place.kind != PlaceKind::Admin1
            || !TOWN_STATE_COUNTRIES.contains(&state_place.country_code.as_str())
        {
            continue;
        }
        let senses = groups[g].senses;
        let towns_only = senses
            .iter()
            .all(|&s| matches!(gazetteer.place(s).kind, PlaceKind::City | PlaceKind::Landmark | PlaceKind::Admin2));
        if towns_only && !senses.iter().any(|&s| lies_in(gazetteer.place(s), state_place)) {
            in_state[g] = Some(chosen_state);
        }
    }
    in_state
}

/// The last word of a county's name as written.
const COUNTY_WORDS: [&str; 3] = ["County", "Parish", "Borough"];

/// How far a town may lie from its county's point to be taken as in it: about the size of a large county.
const COUNTY_TOWN_KM: f64 = 40.0;

/// A town and a county named in one article confirm each other when the town lies in that county ("Paris and
/// Henry County": Paris, Tennessee, in Henry County, Tennessee; "Moscow" and "Latah County"): both senses get
/// [`QUALIFIER_BONUS`], as if one had been written after the other with a comma. A county name has a sense
/// in many states, so it does not mislead a story elsewhere unless a town of the story happens to lie in one
/// of them; the bonus is the qualifier's, which a capital or a country's big city outweighs only in a story
/// whose other places are there too.
fn pair_towns_with_their_counties(groups: &mut [Group], gazetteer: &Gazetteer) {
    // Only a name written as a county's ("Henry County", not "Suffolk"), and only towns of names that are no
    // state's, country's or region's ("California", Pennsylvania, lies in Washington County) and are not the
    // county's own name ("Plymouth" and "Plymouth County" say nothing of each other).
    let county_word = |written: &str| {
        written.split_whitespace().last().is_some_and(|w| COUNTY_WORDS.iter().any(|c| w.eq_ignore_ascii_case(c)))
    };
    let a_larger_place = |group: &Group| {
        group.senses.iter().any(|&id| {
            matches!(
                gazetteer.place(id).kind,
                PlaceKind::Country | PlaceKind::Admin1 | PlaceKind::Region | PlaceKind::Continent
            )
        })
    };
    let named_after = |county: &str, town: &str| county.to_lowercase().starts_with(&town.to_lowercase());
    let mut bonuses: Vec<(usize, usize)> = Vec::new();
    for (c, county) in groups.iter().enumerate() {
        if !county_word(county.written) {
            continue;
        }
        for (j, &county_id) in county.senses.iter().enumerate() {
            let county_place = gazetteer.place(county_id);
            if county_place.kind != PlaceKind::Admin2 || !same_key(county.written, &county_place.name) {
                continue;
            }
            for (t, town) in groups.iter().enumerate() {
                if t == c || a_larger_place(town) || named_after(&county_place.name, town.written) {
                    continue;
                }
                for (i, &town_id) in town.senses.iter().enumerate().take(NEIGHBOUR_SENSES) {
                    let town_place = gazetteer.place(town_id);
                    if town_place.kind == PlaceKind::City
                        && same_key(town.written, &town_place.name)
                        && same_code(&town_place.country_code, &county_place.country_code)
                        && same_code(&town_place.admin1_code, &county_place.admin1_code)
                        && within_km(town_place, county_place, COUNTY_TOWN_KM)
                    {
                        bonuses.extend([(t, i), (c, j)]);
                    }
                }
            }
        }
    }
    bonuses.sort_unstable();
    bonuses.dedup();
    for (g, i) in bonuses {
        groups[g].facts[i].score += QUALIFIER_BONUS;
    }
}

/// Rounds of choosing at most: the first alone, the others in context (most articles settle in the second).
const CONTEXT_ROUNDS: usize = 5;

/// Senses within this much of the best score before context are tied ([`break_ties_by_neighbours`]).
const TIE_MARGIN: f64 = 0.5;
/// What the share of the other names with a sense nearby adds to a tied sense: enough to settle a tie, too
/// little to overturn a difference of size or kind.
const NEIGHBOUR_WEIGHT: f64 = 1.0;
/// Senses of another name looked at for neighbours, at most (a name like "Springfield" has dozens).
const NEIGHBOUR_SENSES: usize = 64;

/// Names whose best senses tie before context (counties of one name all score the same: Henry County in
/// Alabama, Georgia, Tennessee, ...) prefer the sense that has a possible sense of the article's other names
/// within [`NEAR_KM`] ("Walker County" and "Huntsville": Walker County, Texas, around Huntsville, Texas),
/// weighted by those names' mentions. Without it the first of the tied senses won, and then misled the names
/// around it.
fn break_ties_by_neighbours(groups: &mut [Group], gazetteer: &Gazetteer) {
    let local = |id: PlaceId| {
        let place = gazetteer.place(id);
        matches!(place.kind, PlaceKind::City | PlaceKind::Admin2 | PlaceKind::Landmark).then_some(place)
    };
    let total: usize = groups.iter().map(|g| g.mentions.len()).sum();
    for g in 0..groups.len() {
        let group = &groups[g];
        let best = group.facts.iter().map(|f| f.score).fold(f64::MIN, f64::max);
        let tied: Vec<usize> = (0..group.senses.len()).filter(|&i| group.facts[i].score >= best - TIE_MARGIN).collect();
        let others = total - group.mentions.len();
        if tied.len() < 2 || others == 0 {
            continue;
        }
        let bonuses: Vec<(usize, f64)> = tied
            .into_iter()
            .filter_map(|i| {
                let place = local(group.senses[i])?;
                let near: usize = groups
                    .iter()
                    .enumerate()
                    .filter(|&(h, other)| {
                        h != g
                            && other.senses.iter().take(NEIGHBOUR_SENSES).any(|&id| {
                                id != group.senses[i] && local(id).is_some_and(|o| within_km(o, place, NEAR_KM))
                            })
                    })
                    .map(|(_, other)| other.mentions.len())
                    .sum();
                Some((i, NEIGHBOUR_WEIGHT * near as f64 / others as f64))
            })
            .collect();
        for (i, bonus) in bonuses {
            groups[g].facts[i].score += bonus;
        }
    }
}

/// How well a mention's chosen place agrees with the other places of the article: the shares of them in its
/// country and within [`NEAR_KM`].
#[derive(Debug, Clone, Copy, Default)]
struct Agreement {
    same_country: f64,
    near: f64,
}

fn agreement(group: &Group, chosen: PlaceId, others: &OtherChoices, gazetteer: &Gazetteer) -> Agreement {
    let place = gazetteer.place(chosen);
    let Some(facts) = group.senses.iter().position(|&id| id == chosen).and_then(|i| group.facts.get(i)) else {
        return Agreement::default();
    };
    if others.is_empty() {
        return Agreement::default();
    }
    let support = others.support(place, facts, true, &group.siblings);
    Agreement { same_country: others.share(support.same_country), near: others.share(support.near) }
}

/// Whether two names have the same index key (words compared lower-cased, whatever stands between them),
/// without building the keys.
pub(super) fn same_key(a: &str, b: &str) -> bool {
    // Most senses of a name are spelt as written: skip the word splitting for them.
    if a.len() == b.len() && a.eq_ignore_ascii_case(b) {
        return true;
    }
    if a.is_ascii() && b.is_ascii() {
        return ascii_key_bytes(a).eq(ascii_key_bytes(b));
    }
    key_chars(a).eq(key_chars(b))
}

/// The key of an ASCII name as bytes, one per letter or digit, lower-cased, with the high bit set on the
/// first letter of every word after the first (where the key has a space).
fn ascii_key_bytes(name: &str) -> impl Iterator<Item = u8> + '_ {
    let (mut in_word, mut seen_word) = (false, false);
    name.bytes().filter_map(move |byte| {
        if !byte.is_ascii_alphanumeric() {
            in_word = false;
            return None;
        }
        let starts_later_word = !in_word && seen_word;
        in_word = true;
        seen_word = true;
        Some(byte.to_ascii_lowercase() | if starts_later_word { 0x80 } else { 0 })
    })
}

/// The characters of a name's key, each word preceded by a space.
fn key_chars(name: &str) -> impl Iterator<Item = char> + '_ {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .flat_map(|w| std::iter::once(' ').chain(w.chars().flat_map(char::to_lowercase)))
}

/// The other names' choices, as seen from group `own`.
struct Context<'a> {
    /// The choices of the last round as context, in the order of their groups (a group without a choice has
    /// none).
    choices: &'a [OtherChoice<'a>],
    own: usize,
}

fn rank(group: &Group, context: &Context, gazetteer: &Gazetteer) -> (Option<PlaceId>, f64) {
    let scored = scored_senses(group, context, gazetteer);
    let confidence = confidence_of(&scored);
    (scored.first().map(|&(_, id)| id), confidence)
}

fn confidence_of(scored: &[(f64, PlaceId)]) -> f64 {
    match scored {
        [] => 0.0,
        [_] => 1.0,
        [best, second, ..] => 1.0 / (1.0 + (-(best.0 - second.0)).exp()),
    }
}

/// A country or division code packed into an integer with its length, so that comparing two is one
/// comparison; codes longer than seven bytes (a few divisions' in the bundled table) compare as strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Code(u64);

impl Code {
    const LONG: Code = Code(u64::MAX);

    fn of(code: &str) -> Code {
        if code.len() > 7 {
            return Code::LONG;
        }
        let mut packed = code.len() as u64;
        for (i, byte) in code.bytes().enumerate() {
            packed |= u64::from(byte) << (8 * (i + 1));
        }
        Code(packed)
    }

    /// Whether the codes `self` and `other` (packed from `a` and `b`) are equal. Two codes of different
    /// lengths never pack to the same integer, nor does a long one and a short one.
    fn same(self, other: Code, a: &str, b: &str) -> bool {
        self == other && (self != Code::LONG || a == b)
    }
}

/// Another name's choice as context.
struct OtherChoice<'a> {
    /// The group whose choice it is.
    group: usize,
    place: &'a Place,
    is_country: bool,
    country: Code,
    admin1: Code,
    /// A sure choice of a place that is not an area: it counts for the distance test.
    anchor: bool,
    weight: f64,
}

/// The groups' choices as context, weighted by their mentions (a place named five times is the article's
/// focus) and by how sure each choice is, with their codes packed once a round for all groups and senses.
fn other_choices<'a>(
    choices: impl Iterator<Item = Option<(PlaceId, f64)>>,
    mention_counts: &[usize],
    gazetteer: &'a Gazetteer,
) -> Vec<OtherChoice<'a>> {
    choices
        .zip(mention_counts)
        .enumerate()
        .filter_map(|(group, (choice, &mentions))| OtherChoice::of(group, choice, mentions, gazetteer))
        .collect()
}

impl<'a> OtherChoice<'a> {
    /// Group `group`'s choice as context, if it has one and a mention.
    fn of(group: usize, choice: Option<(PlaceId, f64)>, mentions: usize, gazetteer: &'a Gazetteer) -> Option<Self> {
        let (id, confidence) = choice?;
        if mentions == 0 {
            return None;
        }
        let place = gazetteer.place(id);
        Some(OtherChoice {
            group,
            place,
            is_country: place.kind == PlaceKind::Country,
            country: Code::of(&place.country_code),
            admin1: Code::of(&place.admin1_code),
            anchor: confidence >= 0.6 && !place.kind.is_area(),
            // A sure choice counts fully, a coin toss a quarter: names that are also surnames or words
            // ("Lincoln", "Evans") are often the unsure ones and should not pull the rest of the article
            // abroad.
            weight: mentions as f64 * confidence * confidence,
        })
    }
}

/// The choices of the groups other than the one being scored. Every sum adds its weights in the order of the
/// groups, as the sums over filtered lists they replace did, so scores are the same to the last bit.
struct OtherChoices<'a> {
    context: &'a Context<'a>,
    total: f64,
}

/// The weight of the other choices in a sense's country, first-level division, and within [`NEAR_KM`].
struct Support {
    same_country: f64,
    same_admin1: f64,
    near: f64,
}

impl<'a> OtherChoices<'a> {
    fn of(context: &'a Context<'a>) -> OtherChoices<'a> {
        let mut others = OtherChoices { context, total: 0.0 };
        others.total = others.iter().map(|o| o.weight).sum();
        others
    }

    fn iter(&self) -> impl Iterator<Item = &'a OtherChoice<'a>> + use<'a> {
        let own = self.context.own;
        self.context.choices.iter().filter(move |o| o.group != own)
    }

    fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }

    fn share(&self, weight: f64) -> f64 {
        if self.total <= 0.0 { 0.0 } else { weight / self.total }
    }

    /// What supports `place`, in one pass over the other choices. The division counts only choices that are
    /// not countries; the distance test is made only when `near` is asked for. A division listed beside the
    /// name (one of `siblings`) is its peer, not where it lies: "England and Wales" says nothing for a village
    /// called Wales in England.
    fn support(&self, place: &Place, facts: &SenseFacts, near: bool, siblings: &[usize]) -> Support {
        let (country, admin1) = (facts.country, facts.admin1);
        let mut support = Support { same_country: 0.0, same_admin1: 0.0, near: 0.0 };
        for o in self.iter() {
            let peer = o.place.kind == PlaceKind::Admin1 && siblings.contains(&o.group);
            if o.country.same(country, &o.place.country_code, &place.country_code) {
                support.same_country += o.weight;
                if !o.is_country && !peer && o.admin1.same(admin1, &o.place.admin1_code, &place.admin1_code) {
                    support.same_admin1 += o.weight;
                }
            }
            if near && o.anchor && !peer && within_km(o.place, place, NEAR_KM) {
                support.near += o.weight;
            }
        }
        support
    }
}

/// A city reached by an alternate name is a division's namesake when it holds at least one in this many of the
/// division's people.
const NAMESAKE_SHARE: u64 = 10;

/// A sense's score from the kind and size of the place and from the qualifiers next to the name, and its
/// packed codes.
#[derive(Debug, Clone, Copy)]
struct SenseFacts {
    score: f64,
    country: Code,
    admin1: Code,
    /// At most what the sense may score for the name as written, whatever its qualifiers and list say: a
    /// division below its namesake city ([`namesake_city_cap`]), a city below the division or country it is named
    /// apart from ([`city_named_apart_cap`]); infinite for other senses.
    cap: f64,
    /// A city named apart from the division of the name ([`city_named_apart_cap`]): places near it say nothing
    /// for it, since the city itself, named in full ("OKLAHOMA CITY" on the dateline), is near.
    named_apart: bool,
}

/// At most what a division may score when a city of its name lies in it and is the same place (Moscow, Astana,
/// Geneva: cities that are their own division): the city's prior less [`CITY_STATE_MARGIN`], so the more precise
/// city wins. `None` for other senses.
fn namesake_city_cap(group: &Group, place: &Place, gazetteer: &Gazetteer) -> Option<f64> {
    if place.kind != PlaceKind::Admin1 {
        return None;
    }
    group
        .senses
        .iter()
        .map(|&other| gazetteer.place(other))
        // The division's namesake city: of the very name (New York), or big enough to have given the division
        // its name (Ar Raqqah, "Raqqa", of Raqqa Governorate); not a small town that only has the name as an
        // alternate ("Maryland" of Maryland City), nor a city named apart from its division ([`named_apart`]:
        // Oklahoma City, whose point lies within a few kilometres of Oklahoma's).
        .filter(|city| {
            city.kind == PlaceKind::City
                && lies_in(city, place)
                && within_km(city, place, CITY_STATE_KM)
                && (same_key(group.written, &city.name)
                    || city.population.saturating_mul(NAMESAKE_SHARE) >= place.population)
                && !named_apart(group.written, city, place, gazetteer)
        })
        .map(prior)
        .max_by(f64::total_cmp)
        .map(|city_prior| city_prior - CITY_STATE_MARGIN)
}

/// At most what a city may score when writers call it "<name> City" to tell it from the division or country of
/// its name that it lies in ([`named_apart`]): the bare name is the division or country ("the premier of
/// Quebec", "storms hit Oklahoma"), and the city scores at most the area's prior less [`CITY_STATE_MARGIN`],
/// unless the text calls it a city ("the city of Puebla"). `None` for other senses.
fn city_named_apart_cap(group: &Group, city: &Place, gazetteer: &Gazetteer) -> Option<f64> {
    if group.called_a_city || city.kind != PlaceKind::City {
        return None;
    }
    group
        .areas_of_its_name
        .iter()
        .map(|&area| gazetteer.place(area))
        .filter(|area| named_apart(group.written, city, area, gazetteer))
        .map(prior)
        .max_by(f64::total_cmp)
        .map(|area_prior| area_prior - CITY_STATE_MARGIN)
}

/// A city of this many people or more is known by its bare name before its division's: "New York" is the city.
const KNOWN_BY_ITS_BARE_NAME: u64 = 5_000_000;

/// True when the city is called `written` and "City" ("Oklahoma City", "Quebec City", "Jilin City", as its own
/// name or another), which writers add to tell it from the division or country `area` of the bare name that it
/// lies in; not a city of [`KNOWN_BY_ITS_BARE_NAME`] people, nor one that holds half its area's people or more
/// (Dubai, Ajman: the emirate is the city and its outskirts).
fn named_apart(written: &str, city: &Place, area: &Place, gazetteer: &Gazetteer) -> bool {
    if city.kind != PlaceKind::City
        || city.population >= KNOWN_BY_ITS_BARE_NAME
        || city.population.saturating_mul(2) >= area.population
        || !lies_in(city, area)
    {
        return false;
    }
    let named_apart = format!("{written} City");
    same_key(&named_apart, &city.name)
        || gazetteer.lookup(&named_apart).iter().any(|&id| std::ptr::eq(gazetteer.place(id), city))
}

/// The facts of every sense of `group`, in the order of its senses.
fn sense_facts(group: &Group, gazetteer: &Gazetteer) -> Vec<SenseFacts> {
    group
        .senses
        .iter()
        .map(|&id| {
            let place = gazetteer.place(id);
            let mut score = prior(place);
            let qualified = group.qualifier_senses.iter().any(|&q| lies_in(place, gazetteer.place(q)));
            let qualifies = group.qualified_senses.iter().any(|&q| lies_in(gazetteer.place(q), place));
            if qualified || qualifies {
                score += QUALIFIER_BONUS;
            }
            if place.kind == PlaceKind::Admin1
                && (group.names_a_state || group.names_a_us_state && place.country_code == "US")
            {
                score += STATE_OFFICE_BONUS;
            }
            if group.names_a_county && place.kind == PlaceKind::Admin2
                || group.called_a_city && place.kind == PlaceKind::City
            {
                score += QUALIFIER_BONUS;
            }
            let named_apart = city_named_apart_cap(group, place, gazetteer);
            let cap = namesake_city_cap(group, place, gazetteer).or(named_apart).unwrap_or(f64::INFINITY);
            SenseFacts {
                score: score.min(cap),
                country: Code::of(&place.country_code),
                admin1: Code::of(&place.admin1_code),
                cap,
                named_apart: named_apart.is_some(),
            }
        })
        .collect()
}

/// Every sense of the group with its score, best first. A name with one sense keeps the score it has
/// before context.
fn scored_senses(group: &Group, context: &Context, gazetteer: &Gazetteer) -> Vec<(f64, PlaceId)> {
    let computed;
    let facts = if group.facts.len() == group.senses.len() {
        &group.facts
    } else {
        computed = sense_facts(group, gazetteer);
        &computed
    };
    if let ([id], [facts]) = (group.senses, facts.as_slice()) {
        // One sense wins whatever the context says: only its place in the list is used, not its score.
        return vec![(facts.score, *id)];
    }
    let others = OtherChoices::of(context);
    // The local-paper bonus keeps a story's namesakes of foreign places at home (Paris, Tennessee; Lebanon,
    // Pennsylvania); a name that is also a region or continent keeps that reading ("the Middle East", not a
    // Baltimore neighbourhood).
    let an_area =
        group.senses.iter().any(|&id| matches!(gazetteer.place(id).kind, PlaceKind::Region | PlaceKind::Continent));
    let mut scored: Vec<(f64, PlaceId)> = group
        .senses
        .iter()
        .zip(facts)
        .map(|(&id, facts)| {
            let place = gazetteer.place(id);
            let mut score = facts.score;
            if !others.is_empty() && !place.country_code.is_empty() {
                let near = matches!(place.kind, PlaceKind::City | PlaceKind::Landmark | PlaceKind::Admin2)
                    && !facts.named_apart;
                let support = others.support(place, facts, near, &group.siblings);
                score += SAME_COUNTRY_WEIGHT * others.share(support.same_country);
                if !an_area
                    && others.share(support.same_country) >= DOMINANT_SHARE
                    && support.same_country >= DOMINANT_MIN_WEIGHT
                {
                    score += DOMINANT_COUNTRY_BONUS;
                }
                if place.kind != PlaceKind::Country && !place.admin1_code.is_empty() {
                    score += SAME_ADMIN1_WEIGHT * others.share(support.same_admin1);
                }
                if near {
                    score += NEAR_WEIGHT * others.share(support.near);
                }
            }
            (score, id)
        })
        .collect();
    cap_counties_and_sort(&mut scored, group.names_a_county, gazetteer);
    // The alternate-name penalty needs the senses' own names, which are costly to read for names with many
    // senses: it is worked out only when a sense reached through an alternate comes first, and only among the
    // senses close enough behind it to overtake it, the one case where it changes the choice.
    let alternate = |id: PlaceId| {
        let place = gazetteer.place(id);
        matches!(place.kind, PlaceKind::City | PlaceKind::Admin1) && !same_key(group.written, &place.name)
    };
    if scored.first().is_some_and(|&(_, id)| alternate(id)) {
        // A country's own name is the country, not a city that has it as another name ("Mexico", an alternate of
        // Mexico City, even beside a "MEXICO CITY" dateline).
        let country = scored.iter().find(|&&(_, id)| {
            let place = gazetteer.place(id);
            place.kind == PlaceKind::Country && same_key(group.written, &place.name)
        });
        if let Some(&(country_score, _)) = country {
            for (score, id) in scored.iter_mut() {
                if alternate(*id) {
                    *score = score.min(country_score - CITY_STATE_MARGIN);
                }
            }
            cap_counties_and_sort(&mut scored, group.names_a_county, gazetteer);
            return scored;
        }
        let floor = scored[0].0 - ALTERNATE_NAME_PENALTY;
        let close = scored.iter().take_while(|&&(score, _)| score >= floor).count();
        let owner_close = scored[..close].iter().any(|&(_, id)| {
            let place = gazetteer.place(id);
            match place.kind {
                // A country always carries its name; a division that does is often named after its
                // capital (Raqqa Governorate), whose city is the likelier sense.
                PlaceKind::Country => true,
                PlaceKind::City => same_key(group.written, &place.name),
                PlaceKind::Admin1 => {
                    same_key(group.written, &place.name)
                        && !group.senses.iter().any(|&other| lies_in(gazetteer.place(other), place))
                }
                _ => false,
            }
        });
        if owner_close {
            for (score, id) in &mut scored[..close] {
                // A county's bare name is only an alternate of "X County", but the text said it is a county's.
                let said_a_county = group.names_a_county && gazetteer.place(*id).kind == PlaceKind::Admin2;
                if alternate(*id) && !said_a_county {
                    *score -= ALTERNATE_NAME_PENALTY;
                }
            }
            cap_counties_and_sort(&mut scored, group.names_a_county, gazetteer);
        }
    }
    scored
}

/// A county's bare name ("Ohio" of Ohio County) never beats a state or country of that name, unless the text
/// says it is a county's (`named_a_county`: "Douglas, Sarpy and Lancaster counties", though Douglas is a
/// division of the Isle of Man); then best first.
fn cap_counties_and_sort(scored: &mut [(f64, PlaceId)], named_a_county: bool, gazetteer: &Gazetteer) {
    let best_division = scored
        .iter()
        .filter(|(_, id)| matches!(gazetteer.place(*id).kind, PlaceKind::Country | PlaceKind::Admin1))
        .map(|&(score, _)| score)
        .max_by(f64::total_cmp);
    if let Some(best_division) = best_division.filter(|_| !named_a_county) {
        for (score, id) in scored.iter_mut() {
            if gazetteer.place(*id).kind == PlaceKind::Admin2 {
                *score = score.min(best_division - CITY_STATE_MARGIN);
            }
        }
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_distance_test_agrees_with_the_great_circle() {
        let gaz = Gazetteer::bundled();
        let places: Vec<&Place> = gaz.places().iter().step_by(997).collect();
        for a in &places {
            for b in &places {
                for km in [50.0, 100.0, 2000.0] {
                    assert_eq!(within_km(a, b, km), distance_km(a, b) <= km, "{} {} {km}", a.name, b.name);
                }
            }
        }
    }

    #[test]
    fn the_cosine_bound_stays_under_the_cosine() {
        for tenth in 0..=700 {
            let x = (f64::from(tenth) / 10.0).to_radians();
            let (bound, cos) = (cos_at_most(x), x.cos());
            assert!(bound <= cos && cos - bound < 1e-3, "{tenth}: {bound} vs {cos}");
        }
    }

    #[test]
    fn packed_codes_compare_as_their_strings() {
        let codes = [
            "",
            "US",
            "GB",
            "ENG",
            "07",
            "7",
            "0",
            "00",
            "ID",
            "IDA",
            "Q\u{e9}",
            "ABCDEFGHIJKLMNOP",
            "ABCDEFGHIJKLMNOQ",
        ];
        for a in codes {
            for b in codes {
                assert_eq!(Code::of(a).same(Code::of(b), a, b), a == b, "{a:?} / {b:?}");
                assert_eq!(same_code(a, b), a == b, "{a:?} / {b:?}");
            }
        }
    }

    #[test]
    fn same_key_compares_words_whatever_stands_between_them() {
        for (a, b, same) in [
            ("St. Petersburg", "st petersburg", true),
            ("St .Petersburg", "St. Petersburg", true),
            ("al-Bab", "Al Bab", true),
            ("Stpetersburg", "St Petersburg", false),
            ("Rogersville", "Rogers Park", false),
            ("Québec", "QUÉBEC", true),
            ("Québec", "Quebec", false),
        ] {
            assert_eq!(same_key(a, b), same, "{a} / {b}");
        }
    }

    #[test]
    fn unsure_names_weigh_less_as_context() {
        // Paris between three sure mentions of an American town and three coin-toss mentions of an English one
        // (a surname taken for a town): the sure ones decide.
        let gaz = Gazetteer::bundled();
        let sense_in = |name: &str, country: &str| {
            gaz.lookup(name).iter().copied().find(|&id| gaz.place(id).country_code == country).unwrap()
        };
        let paris = Group {
            senses: gaz.lookup("Paris"),
            mentions: vec![0],
            qualifier_senses: Vec::new(),
            qualified_senses: Vec::new(),
            siblings: Vec::new(),
            choice: None,
            facts: Vec::new(),
            written: "Paris",
            names_a_state: false,
            names_a_county: false,
            names_a_us_state: false,
            areas_of_its_name: Vec::new(),
            called_a_city: false,
        };
        let choices = [None, Some((sense_in("Clarksville", "US"), 1.0)), Some((sense_in("Lancaster", "GB"), 0.5))];
        let choices = other_choices(choices.into_iter(), &[1, 3, 3], gaz);
        let context = Context { choices: &choices, own: 0 };
        let best = gaz.place(scored_senses(&paris, &context, gaz)[0].1);
        let clarksville = gaz.place(sense_in("Clarksville", "US"));
        assert_eq!((best.country_code.as_str(), best.admin1_code.as_str()), ("US", clarksville.admin1_code.as_str()));
    }
}
