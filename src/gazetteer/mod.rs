//! The bundled place table (GeoNames cities, Natural Earth country points, continents) and its name index.
//!
//! The table ships inside the binary (`assets/gazetteer.tsv.gz`, rebuilt by `tools/build-assets`), so the
//! app needs no network and no data folder. [`Gazetteer::bundled`] parses it once per process.

mod search;

pub use search::search;

use std::collections::HashMap;
use std::io::Read;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

/// The compressed table compiled into the binary.
const BUNDLED_TSV_GZ: &[u8] = include_bytes!("../../assets/gazetteer.tsv.gz");

static BUNDLED: OnceLock<Gazetteer> = OnceLock::new();

/// Names shorter than this (in bytes) are not matched in text: two-letter names are mostly abbreviations.
const MIN_NAME_BYTES: usize = 3;

#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("cannot decompress the gazetteer: {0}")]
    Decompress(#[from] std::io::Error),
    #[error("gazetteer line {line}: {reason}")]
    Row { line: usize, reason: String },
}

/// What kind of place a row is: it decides precedence when one name has several senses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PlaceKind {
    Country,
    Continent,
    City,
    /// Added by the user in a correction; not from GeoNames.
    UserAdded,
}

impl PlaceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Country => "country",
            PlaceKind::Continent => "continent",
            PlaceKind::City => "city",
            PlaceKind::UserAdded => "added by you",
        }
    }
}

/// Index of a place in [`Gazetteer::places`].
pub type PlaceId = u32;

#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub geonameid: u32,
    pub kind: PlaceKind,
    pub name: String,
    pub lat_deg: f64,
    pub lon_deg: f64,
    /// ISO 3166-1 alpha-2 code, empty for continents.
    pub country_code: String,
    pub admin1_code: String,
    pub population: u64,
    pub is_capital: bool,
}

/// The place table with an automaton over every name and alternate name.
pub struct Gazetteer {
    places: Vec<Place>,
    /// For each automaton pattern, the places that carry that name.
    pattern_places: Vec<Vec<PlaceId>>,
    patterns: Vec<String>,
    matcher: AhoCorasick,
    /// Lower-cased name -> pattern index, for look-ups of words the automaton cannot see (ALL-CAPS datelines).
    by_lower_name: HashMap<String, u32>,
    country_by_code: HashMap<String, PlaceId>,
    /// Places the user added in corrections; their ids continue after the bundled table's. An append-only
    /// vector, so the shared, read-only gazetteer can grow without a lock and old references stay valid.
    user_places: boxcar::Vec<Place>,
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer").field("places", &self.places.len()).field("names", &self.patterns.len()).finish()
    }
}

impl Gazetteer {
    /// The gazetteer compiled into the binary, parsed on first use.
    pub fn bundled() -> &'static Gazetteer {
        BUNDLED.get_or_init(|| {
            // The asset is built and tested with the program; failing here means a broken build, not bad input.
            Gazetteer::from_tsv_gz(BUNDLED_TSV_GZ).unwrap_or_else(|err| panic!("bundled gazetteer is corrupt: {err}"))
        })
    }

    /// The bundled gazetteer if something has already loaded it, without waiting for it.
    pub fn bundled_if_loaded() -> Option<&'static Gazetteer> {
        BUNDLED.get()
    }

    pub fn from_tsv_gz(bytes: &[u8]) -> Result<Gazetteer, GazetteerError> {
        let mut tsv = String::new();
        flate2::read::GzDecoder::new(bytes).read_to_string(&mut tsv)?;
        Gazetteer::from_tsv(&tsv)
    }

    /// Parses the table written by `tools/build-assets` (see its header line for the columns).
    pub fn from_tsv(tsv: &str) -> Result<Gazetteer, GazetteerError> {
        let mut places = Vec::new();
        let mut names_of_place: Vec<(PlaceId, &str)> = Vec::new();
        for (line_index, line) in tsv.lines().enumerate() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let row_error = |reason: &str| GazetteerError::Row { line: line_index + 1, reason: reason.to_owned() };
            let cols: Vec<&str> = line.split('\t').collect();
            let [id, kind, name, lat, lon, cc, admin1, population, flags, alternates] = cols[..] else {
                return Err(row_error("expected 10 columns"));
            };
            let kind = match kind {
                "C" => PlaceKind::Country,
                "K" => PlaceKind::Continent,
                "P" => PlaceKind::City,
                _ => return Err(row_error("unknown kind")),
            };
            let place_id = places.len() as PlaceId;
            places.push(Place {
                geonameid: id.parse().map_err(|_| row_error("bad id"))?,
                kind,
                name: name.to_owned(),
                lat_deg: lat.parse().map_err(|_| row_error("bad latitude"))?,
                lon_deg: lon.parse().map_err(|_| row_error("bad longitude"))?,
                country_code: cc.to_owned(),
                admin1_code: admin1.to_owned(),
                population: population.parse().map_err(|_| row_error("bad population"))?,
                is_capital: flags.split(',').any(|f| f == "capital"),
            });
            names_of_place.push((place_id, name));
            names_of_place.extend(alternates.split('|').filter(|a| !a.is_empty()).map(|a| (place_id, a)));
        }

        let mut pattern_index: HashMap<&str, u32> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut pattern_places: Vec<Vec<PlaceId>> = Vec::new();
        for (place_id, name) in names_of_place {
            if name.len() < MIN_NAME_BYTES {
                continue;
            }
            let index = *pattern_index.entry(name).or_insert_with(|| {
                patterns.push(name.to_owned());
                pattern_places.push(Vec::new());
                (patterns.len() - 1) as u32
            });
            let senses = &mut pattern_places[index as usize];
            if senses.last() != Some(&place_id) {
                senses.push(place_id);
            }
        }
        let matcher = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .map_err(|err| GazetteerError::Row { line: 0, reason: err.to_string() })?;
        let mut by_lower_name = HashMap::with_capacity(patterns.len());
        for (index, name) in patterns.iter().enumerate() {
            by_lower_name.entry(name.to_lowercase()).or_insert(index as u32);
        }
        let country_by_code = places
            .iter()
            .enumerate()
            .filter(|(_, p)| p.kind == PlaceKind::Country)
            .map(|(i, p)| (p.country_code.clone(), i as PlaceId))
            .collect();
        Ok(Gazetteer {
            places,
            pattern_places,
            patterns,
            matcher,
            by_lower_name,
            country_by_code,
            user_places: boxcar::Vec::new(),
        })
    }

    pub fn places(&self) -> &[Place] {
        &self.places
    }

    /// A bundled place, or one the user added ([`Gazetteer::add_user_place`]).
    pub fn place(&self, id: PlaceId) -> &Place {
        let id = id as usize;
        match self.places.get(id) {
            Some(place) => place,
            None => &self.user_places[id - self.places.len()],
        }
    }

    /// Adds a place the user put on the map (a district or landmark no list has); the same name at the same
    /// point is the same place. Its GeoNames id is 0.
    pub fn add_user_place(&self, name: &str, lat_deg: f64, lon_deg: f64) -> PlaceId {
        let existing =
            self.user_places.iter().find(|(_, p)| p.name == name && p.lat_deg == lat_deg && p.lon_deg == lon_deg);
        let index = match existing {
            Some((index, _)) => index,
            None => self.user_places.push(Place {
                geonameid: 0,
                kind: PlaceKind::UserAdded,
                name: name.to_owned(),
                lat_deg,
                lon_deg,
                country_code: String::new(),
                admin1_code: String::new(),
                population: 0,
                is_capital: false,
            }),
        };
        (self.places.len() + index) as PlaceId
    }

    /// The automaton over all names; pattern `i` is [`Gazetteer::pattern_name`]`(i)`.
    pub fn matcher(&self) -> &AhoCorasick {
        &self.matcher
    }

    pub fn pattern_name(&self, pattern: u32) -> &str {
        &self.patterns[pattern as usize]
    }

    /// Every place called by the name of automaton pattern `pattern`.
    pub fn pattern_senses(&self, pattern: u32) -> &[PlaceId] {
        &self.pattern_places[pattern as usize]
    }

    /// The pattern of a name written in any letter case ("MOSCOW", "moscow").
    pub fn pattern_for_any_case(&self, name: &str) -> Option<u32> {
        self.by_lower_name.get(&name.to_lowercase()).copied()
    }

    /// All places called `name` (exact spelling of a name or alternate name).
    pub fn lookup(&self, name: &str) -> &[PlaceId] {
        self.by_lower_name
            .get(&name.to_lowercase())
            .filter(|&&p| self.patterns[p as usize] == name)
            .map_or(&[], |&p| self.pattern_places[p as usize].as_slice())
    }

    /// The country's own row, by ISO code.
    pub fn country(&self, code: &str) -> Option<PlaceId> {
        self.country_by_code.get(code).copied()
    }

    /// The English name of a country, by ISO code ("RU" -> "Russia").
    pub fn country_name(&self, code: &str) -> Option<&str> {
        self.country(code).map(|id| self.place(id).name.as_str())
    }

    pub fn name_count(&self) -> usize {
        self.patterns.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = "# header\n\
        2017370\tC\tRussia\t58.2\t44.7\tRU\t\t144478050\t\tRussian Federation\n\
        524901\tP\tMoscow\t55.75\t37.61\tRU\t48\t10381222\tcapital\tMoskva|Moscou\n\
        5601538\tP\tMoscow\t46.73\t-117.0\tUS\tID\t25060\t\tMoskva\n";

    #[test]
    fn parses_rows_and_alternates() {
        let gaz = Gazetteer::from_tsv(SMALL).unwrap();
        assert_eq!(gaz.places().len(), 3);
        assert_eq!(gaz.lookup("Moscow"), &[1, 2]);
        assert_eq!(gaz.lookup("Moskva"), &[1, 2]);
        assert_eq!(gaz.lookup("Moscou"), &[1]);
        assert_eq!(gaz.lookup("moscow"), &[] as &[PlaceId]);
        assert!(gaz.place(1).is_capital);
        assert_eq!(gaz.country_name("RU"), Some("Russia"));
        assert!(gaz.pattern_for_any_case("MOSCOW").is_some());
    }

    #[test]
    fn user_places_follow_the_bundled_ones() {
        let gaz = Gazetteer::from_tsv(SMALL).unwrap();
        let mazzeh = gaz.add_user_place("Mazzeh", 33.5, 36.25);
        assert_eq!(mazzeh, 3);
        assert_eq!(gaz.add_user_place("Mazzeh", 33.5, 36.25), mazzeh, "the same place is added once");
        assert_eq!(gaz.add_user_place("Mazzeh", 33.6, 36.25), 4);
        let place = gaz.place(mazzeh);
        assert_eq!((place.name.as_str(), place.kind, place.geonameid), ("Mazzeh", PlaceKind::UserAdded, 0));
        assert_eq!(gaz.place(1).name, "Moscow");
    }

    #[test]
    fn rejects_malformed_rows() {
        assert!(Gazetteer::from_tsv("1\tC\tX\n").is_err());
        assert!(Gazetteer::from_tsv("1\tQ\tX\t0\t0\tXX\t\t0\t\t\n").is_err());
        assert!(Gazetteer::from_tsv("x\tC\tX\t0\t0\tXX\t\t0\t\t\n").is_err());
    }

    #[test]
    fn bundled_table_has_the_seed_cities() {
        let gaz = Gazetteer::bundled();
        for name in ["Moscow", "Astana", "Doha", "Geneva", "Kuala Lumpur", "Damascus"] {
            assert!(!gaz.lookup(name).is_empty(), "{name} missing");
        }
        assert!(gaz.places().len() > 170_000);
        assert!(gaz.lookup("Nur-Sultan").iter().any(|&p| gaz.place(p).name == "Astana"));
    }
}
