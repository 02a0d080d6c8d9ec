//! The open folder: starting a load or a reload, taking in what the loader sends, and the folder's session
//! (its corrections applied as documents arrive and again when they change, its view saved and restored).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::basemap::{project, unproject};
use super::loader::{LoadMessage, Loader};
use super::reader::ReaderView;
use super::{LoadProgress, NewsAtlasApp};
use crate::cache::CacheOptions;
use crate::corpus::{ReadOptions, Snapshot};
use crate::gazetteer::PlaceId;
use crate::index::load::LoadOptions;
use crate::index::{Atlas, DocId, Document, date_of_day, day_number};
use crate::session::{self, MapView, Session, View};

impl NewsAtlasApp {
    pub(super) fn start_load(&mut self, folder: PathBuf, ctx: &egui::Context) {
        let wake_ctx = ctx.clone();
        let options = self.load_options(&folder);
        self.loader = Some(Loader::start(folder.clone(), options, move || wake_ctx.request_repaint()));
        if let Some(data) = &self.data_folder {
            session::adopt_earlier_name(data, &folder);
        }
        self.session_path = self.data_folder.as_deref().map(|data| session::default_path_in(data, &folder));
        self.session_notes.clear();
        self.undo.clear();
        // Let go of the last folder's session first: it may be this folder's.
        self.session_lock = None;
        let session = match self.session_path.as_deref() {
            Some(path) => {
                let opened = session::store::open(path, &folder);
                self.session_notes.extend(opened.notes);
                self.session_lock = opened.lock;
                opened.session
            }
            None => Session::for_folder(&folder),
        };
        let remembered = self.remembered_view.take();
        self.pending_view = Some(match remembered {
            Some(view) if session.view == View::default() => view,
            _ => session.view.clone(),
        });
        self.corrector.set_session(session);
        self.folder = Some(folder);
        // The places the last folder's corrections added go with it; the loader brings the gazetteer again.
        self.gazetteer = None;
        self.atlas = Arc::new(Atlas::new());
        self.live.reset(Instant::now());
        self.problems.clear();
        self.progress = LoadProgress { started: Some(Instant::now()), ..Default::default() };
        self.window = None;
        self.selected_place = None;
        self.reader = ReaderView::Passages;
        self.markers_for = None;
        self.map_fitted = false;
    }

    /// How the loader reads `folder`: its analysis cached in the app's data folder unless the cache is off.
    fn load_options(&self, folder: &Path) -> LoadOptions {
        let cache = self
            .data_folder
            .as_deref()
            .filter(|_| self.cache_limit_bytes > 0)
            .map(|data| CacheOptions::in_data_folder(data, folder, self.cache_limit_bytes));
        LoadOptions { read: ReadOptions::default(), threads: None, cache }
    }

    /// Reads the open folder again, keeping the view (time window, selected place, map position).
    pub(super) fn start_reload(&mut self, ctx: &egui::Context) {
        let Some(folder) = self.folder.clone().filter(|_| self.loader.is_none()) else { return };
        let wake_ctx = ctx.clone();
        let previous = self.snapshot.clone();
        let options = self.load_options(&folder);
        self.loader = Some(Loader::reload(folder, options, previous, move || wake_ctx.request_repaint()));
        // Which corrections apply is worked out again as the kept and re-read documents go through them.
        self.session_notes.clear();
        self.corrector.set_session(self.corrector.session_clone());
        self.progress = LoadProgress { started: Some(Instant::now()), ..Default::default() };
    }

    /// Keeps the documents and problems of files that did not change since the last load and drops the rest;
    /// the loader sends the new and changed files next. On a first load nothing is kept.
    fn keep_unchanged(&mut self, unchanged: &[PathBuf], snapshot: Snapshot) {
        self.snapshot = snapshot;
        let unchanged: std::collections::HashSet<&Path> = unchanged.iter().map(PathBuf::as_path).collect();
        let previous = std::mem::take(&mut self.atlas);
        for document in previous.documents() {
            if unchanged.contains(document.article.source.path.as_path()) {
                self.progress.articles += 1;
                self.progress.places_found += document.places.len();
                // Corrections apply again (they are idempotent), so the corrector sees what still applies.
                self.add_document(document.clone());
            }
        }
        self.problems.retain(|problem| unchanged.contains(problem.path.as_path()));
        self.live.reset(Instant::now());
        self.markers_for = None;
        // Document ids change as the atlas is rebuilt; an open article falls back to the passage list.
        self.reader = ReaderView::Passages;
    }

    /// Takes in what the loader sent, for at most `budget` (and at least one message).
    pub(super) fn drain_loader(&mut self, budget: Duration) {
        if self.loader.is_none() {
            return;
        }
        let started = Instant::now();
        let mut finished = false;
        let mut first = true;
        while std::mem::take(&mut first) || started.elapsed() < budget {
            let Some(message) = self.loader.as_ref().and_then(Loader::try_next) else {
                break;
            };
            match message {
                LoadMessage::Listed { files } => self.progress.files_total = Some(files),
                LoadMessage::Kept { unchanged, snapshot } => self.keep_unchanged(&unchanged, snapshot),
                LoadMessage::Problems(problems) => self.problems.extend(problems),
                LoadMessage::Cached { files } => self.progress.files_cached = files,
                LoadMessage::GazetteerReady(bundled) => {
                    // A folder's own gazetteer, kept over reloads: the places added in its corrections stay
                    // with it and go when another folder opens.
                    if self.gazetteer.is_none() {
                        self.gazetteer = Some(Arc::new(bundled.without_user_places()));
                    }
                }
                LoadMessage::FilePart { documents, problems, bytes_read } => {
                    self.progress.bytes_read_in_file += bytes_read;
                    self.problems.extend(problems);
                    for document in documents {
                        self.progress.articles += 1;
                        self.progress.places_found += document.places.len();
                        self.add_document(document);
                    }
                }
                LoadMessage::FileDone { documents, problems } => {
                    self.progress.files_done += 1;
                    self.progress.bytes_read_in_file = 0;
                    self.problems.extend(problems);
                    for document in documents {
                        self.progress.articles += 1;
                        self.progress.places_found += document.places.len();
                        self.add_document(document);
                    }
                }
                LoadMessage::Finished { cancelled } => {
                    self.progress.cancelled = cancelled;
                    if cancelled {
                        // Some listed files were never read: the next reload must not count them unchanged.
                        self.snapshot = Snapshot::default();
                    }
                    finished = true;
                }
            }
        }
        if finished {
            self.progress.finished = true;
            self.progress.elapsed = self.progress.started.map(|s| s.elapsed());
            self.problems.sort();
            self.loader = None;
            self.session_notes.extend(self.corrector.unapplied());
            // After a first load, the session's view (or a fit to the places); a reload keeps the view as is.
            if let Some(view) = self.pending_view.take() {
                self.fit_to_data = view.map.is_none();
                if view != View::default() {
                    self.restore_view(&view);
                }
            }
        }
    }

    /// Applies the session's corrections to a newly read document and adds it to the atlas (the engine's one
    /// step for this, [`crate::session::Corrector::add_to`]).
    fn add_document(&mut self, document: Document) {
        // The loader says the gazetteer is ready before it sends documents, and documents kept on a reload
        // were read after that; without it there is nothing to resolve against, so nothing can arrive.
        let Some(gazetteer) = self.gazetteer.as_deref() else { return };
        self.corrector.add_to(Arc::make_mut(&mut self.atlas), document, gazetteer);
    }

    /// Re-reads the documents `touched` selects against the current session: each is analysed again from its
    /// text (so a withdrawn correction is undone too) and corrected, and the views are rebuilt.
    fn reapply_corrections(&mut self, touched: impl Fn(&Document) -> bool) {
        if let Some(gazetteer) = self.gazetteer.as_deref() {
            let ids: Vec<DocId> =
                (0..self.atlas.documents().len() as DocId).filter(|&id| touched(self.atlas.document(id))).collect();
            self.corrector.redo_in(Arc::make_mut(&mut self.atlas), &ids, gazetteer);
        }
        self.live.invalidate();
        if self.selected_place.is_some_and(|place| !self.atlas.events().iter().any(|e| e.place == place)) {
            self.selected_place = None;
        }
        self.save_session();
    }

    /// The place with this GeoNames id, once the gazetteer is there.
    pub(super) fn place_of_geonameid(&mut self, geonameid: u32) -> Option<PlaceId> {
        let gazetteer = self.gazetteer.as_deref()?;
        self.corrector.place_of_geonameid(geonameid, gazetteer)
    }

    /// The view as the session keeps it.
    pub(super) fn current_view(&self) -> View {
        let (lon, lat) = unproject(self.map.center);
        View {
            map: Some(MapView { center_lon_deg: lon, center_lat_deg: lat, zoom: self.map.zoom }),
            window: self.window.and_then(|(a, b)| Some((date_of_day(a)?, date_of_day(b)?))),
            include_undated: self.include_undated,
            selected_place: self
                .selected_place
                .zip(self.gazetteer.as_deref())
                .map(|(place, gaz)| gaz.place(place).geonameid),
        }
    }

    pub(super) fn restore_view(&mut self, view: &View) {
        if let Some(map) = view.map {
            self.map.center = project(map.center_lon_deg, map.center_lat_deg);
            self.map.zoom = map.zoom.clamp(super::map::MIN_ZOOM, super::map::MAX_ZOOM);
            self.map_fitted = true;
        }
        self.window = view.window.map(|(a, b)| (day_number(a), day_number(b)));
        self.include_undated = view.include_undated;
        self.selected_place = view.selected_place.and_then(|id| self.place_of_geonameid(id));
    }

    /// Writes the session (with the current view) where it lives, if this window holds its lock (another window
    /// on the same folder writes it, and the user was told); a failure is reported, never fatal.
    pub(super) fn save_session(&mut self) {
        let Some(path) = self.session_path.clone().filter(|_| self.session_lock.is_some()) else { return };
        self.corrector.set_view(self.current_view());
        if let Err(err) = self.corrector.session().save(&path) {
            self.session_notes.push(err.to_string());
        }
    }

    /// Changes the saved selections, and saves the session.
    pub(super) fn change_selections(&mut self, edit: impl FnOnce(&mut Vec<session::SavedSelection>)) {
        edit(self.corrector.selections_mut());
        self.save_session();
    }

    /// Changes the session with `edit`, then re-reads the documents `touched` selects.
    /// The edit can be undone (Edit > Undo), unless it changed nothing.
    pub(super) fn edit_session(&mut self, edit: impl FnOnce(&mut Session), touched: impl Fn(&Document) -> bool) {
        let before = self.corrector.session_clone();
        let mut session = before.clone();
        edit(&mut session);
        if session != before {
            self.undo.record(before);
        }
        self.corrector.set_session(session);
        self.reapply_corrections(touched);
        if let Some(review) = &mut self.review {
            review.invalidate();
        }
    }

    /// Edit > Undo (`redo` false) or Redo: puts the session back as it was and reads every article's
    /// corrections again.
    pub(super) fn undo_edit(&mut self, redo: bool) {
        let current = self.corrector.session_clone();
        let restored = if redo { self.undo.redo(current) } else { self.undo.undo(current) };
        if let Some(session) = restored {
            self.corrector.set_session(session);
            self.reapply_corrections(|_| true);
            if let Some(review) = &mut self.review {
                review.invalidate();
            }
        }
    }
}
