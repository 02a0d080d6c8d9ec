//! Everything egui: the News Atlas window, with the map, the timeline and the reader kept in step.
//!
//! Data flows one way: the [`loader`] thread analyses files into documents, the app adds them to its
//! [`Atlas`], and the views read the atlas. Views return commands; [`NewsAtlasApp`] applies them once per
//! frame, so every change of selection or time window goes through one place.
//!
//! This file holds the app's state and the frame loop. The rooms around it:
//! - state that needs no window, each with its own tests: [`history`] (Back and Forward), [`playback`] (the
//!   playing timeline), [`live_index`] (the time index, the search and the key of derived views);
//! - [`background`], the one runner of work off the window's thread (loading, searching, exporting);
//! - [`commands`] (what the user can ask for, and applying it), [`folder`] (opening and reloading a folder,
//!   and its session), [`file_actions`] (exports and session files), [`markers`] (what the map shows);
//! - [`panels`] and [`windows`]: the menus, the side panels, the map's header, and the floating windows;
//! - the views and dialogs: [`map`], [`timeline`], [`reader`], [`places`], [`corrections`],
//!   [`file_dialog`], [`folder_picker`], with [`basemap`] under the map.

pub mod articles;
pub mod background;
pub mod basemap;
pub mod commands;
pub mod corrections;
pub mod edit_history;
pub mod file_actions;
pub mod file_dialog;
pub mod folder;
pub mod folder_picker;
pub mod history;
pub mod live_index;
pub mod loader;
pub mod map;
pub mod markers;
pub mod panels;
pub mod places;
pub mod playback;
pub mod reader;
pub mod review;
pub mod sample;
pub mod timeline;
pub mod windows;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::corpus::{Problem, Snapshot};
use crate::gazetteer::{Gazetteer, PlaceId};
use crate::index::{Atlas, DayNumber, DocId, TimeWindow};
use crate::session::{Corrector, Session, View};
use background::Job;
use basemap::Basemap;
use corrections::CorrectionDialog;
use file_dialog::FileDialog;
use folder_picker::{FolderChooser, FolderPicker};
use history::SelectionHistory;
use live_index::{LiveIndex, SearchQuery, ViewKey};
use loader::Loader;
use map::{MapMemory, Marker};
use playback::Playback;
use reader::ReaderView;
use timeline::TimelineState;

pub use commands::{Command, SHORTCUTS};

pub use sample::sample_folder;

/// The most of the window's width the reader and the place list may take, so the map keeps at least a third
/// of it whatever sizes were saved.
const READER_SHARE: f32 = 0.35;
const PLACES_SHARE: f32 = 0.3;
/// Below this window width the side panels start folded to a strip with one button, so the map has the room;
/// the button (or F6, or picking a place for the reader) unfolds them, and a button in them folds them again.
pub const FOLD_PANELS_BELOW: f32 = 1280.0;
const FOLDED_WIDTH: f32 = 34.0;

/// Whether the user folded (true) or unfolded (false) each side panel; `None` follows the window's width.
#[derive(Debug, Clone, Copy, Default)]
struct Folds {
    places: Option<bool>,
    reader: Option<bool>,
}

/// Opens the window on `folder`, or on the bundled samples.
///
/// With `NEWSATLAS_REPORT_STARTUP=1` in the environment it prints how long the first frame took to appear.
/// `cache_limit_bytes` bounds the analysis cache in the data folder ([`crate::cache`]); 0 turns it off.
pub fn run(folder: Option<PathBuf>, cache_limit_bytes: u64) -> anyhow::Result<()> {
    let launched = Instant::now();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("News Atlas")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "News Atlas",
        options,
        Box::new(move |cc| {
            let remembered: Remembered =
                cc.storage.and_then(|storage| eframe::get_value(storage, eframe::APP_KEY)).unwrap_or_default();
            let (folder, view) = startup_folder(folder, remembered);
            let mut app = NewsAtlasApp::new(folder, folder_picker::system_picker());
            app.remembered_view = view;
            app.cache_limit_bytes = cache_limit_bytes;
            if std::env::var_os("NEWSATLAS_REPORT_STARTUP").is_some() {
                app.launched = Some(launched);
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|err| anyhow::anyhow!("cannot open the window: {err}"))
}

/// What the app remembers between runs (eframe's storage): the folder open last and how it was shown.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Remembered {
    pub last_folder: Option<PathBuf>,
    pub view: View,
}

/// The folder to open at start: the one on the command line, else the one open last time (with its view) if
/// it is still there, else the bundled samples.
pub fn startup_folder(given: Option<PathBuf>, remembered: Remembered) -> (Option<PathBuf>, Option<View>) {
    if given.is_some() {
        return (given, None);
    }
    match remembered.last_folder.filter(|folder| folder.is_dir()) {
        Some(folder) => (Some(folder), Some(remembered.view)),
        None => (sample_folder(), None),
    }
}

/// The panels F6 moves the keyboard between, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PanelFocus {
    #[default]
    Places,
    Map,
    Timeline,
    Reader,
}

impl PanelFocus {
    const ORDER: [PanelFocus; 4] = [PanelFocus::Places, PanelFocus::Map, PanelFocus::Timeline, PanelFocus::Reader];

    /// The panel after this one (before it, `back`), round the window.
    fn step(self, back: bool) -> PanelFocus {
        let at = PanelFocus::ORDER.iter().position(|&p| p == self).unwrap_or(0);
        let n = PanelFocus::ORDER.len();
        PanelFocus::ORDER[if back { (at + n - 1) % n } else { (at + 1) % n }]
    }
}

/// Progress of the current load, for the status bar.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct LoadProgress {
    pub files_total: Option<usize>,
    pub files_done: usize,
    /// Files whose analysis came from the folder's cache, not analysed again.
    pub files_cached: usize,
    /// Bytes read of the large JSON Lines files being read as a stream (none for other files).
    pub bytes_read_in_file: u64,
    pub articles: usize,
    pub places_found: usize,
    pub finished: bool,
    pub cancelled: bool,
    pub started: Option<Instant>,
    pub elapsed: Option<Duration>,
}

pub struct NewsAtlasApp {
    basemap: &'static Basemap,
    /// The open folder's own gazetteer: the bundled tables, shared, and the places its corrections added.
    /// Made when the loader says the tables have loaded (before its first article), so the window's thread
    /// never waits for them; dropped when another folder opens.
    gazetteer: Option<Arc<Gazetteer>>,
    /// Shared with a search or an export running in the background; changed through [`Arc::make_mut`], which
    /// copies it only if one still reads it.
    atlas: Arc<Atlas>,
    /// An export being written in the background: its result, once there.
    export_job: Option<Job<Result<String, String>>>,
    /// The atlas's events sorted for window queries, the search, and the key of the views built from them.
    live: LiveIndex,
    problems: Vec<Problem>,
    folder: Option<PathBuf>,
    /// Path, size and modification time of each file of the last load, for Reload.
    snapshot: Snapshot,
    pending_open: Option<PathBuf>,
    loader: Option<Loader>,
    progress: LoadProgress,
    map: MapMemory,
    map_fitted: bool,
    /// Fit the map to the markers at the next frame (once a folder has loaded, unless a session placed it).
    fit_to_data: bool,
    /// The map's rectangle in the last frame: a fit waits until it stops changing (the first frames of a
    /// window lay out the panels around the map).
    last_map_rect: Option<egui::Rect>,
    /// The window's size in the last frame: a change is a resize, which the map follows.
    last_screen: Option<egui::Vec2>,
    timeline: TimelineState,
    window: Option<(DayNumber, DayNumber)>,
    include_undated: bool,
    selected_place: Option<PlaceId>,
    reader: ReaderView,
    markers: Vec<Marker>,
    /// Title and projected position of each place shown so far, by place id: they do not change with the window.
    marker_places: Vec<Option<(Arc<str>, [f64; 2])>>,
    markers_for: Option<ViewKey>,
    /// Markers the playing window has left, and when: drawn fading for [`markers::TRAIL`].
    trail: Vec<(Marker, Instant)>,
    show_links: bool,
    /// The map shades hexagons by mentions instead of drawing markers.
    show_density: bool,
    /// What the markers' colour tells, and what it told when they were last made.
    marker_colour: map::MarkerColour,
    markers_coloured: map::MarkerColour,
    place_confidence: markers::PlaceConfidence,
    /// Place pairs named in one passage, for the view they were counted for.
    links: (Option<ViewKey>, Vec<(PlaceId, PlaceId, u32)>),
    show_problems: bool,
    show_about: bool,
    /// The session's corrections, applied to every document as it arrives.
    corrector: Corrector,
    /// Where the session is saved after each change: the folder's file in the data folder, or a "save as".
    session_path: Option<PathBuf>,
    /// The app's data folder (sessions live under it); tests point it at a temporary folder.
    data_folder: Option<PathBuf>,
    /// The size limit of the analysis cache kept in the data folder; 0: no cache.
    cache_limit_bytes: u64,
    /// When the last frame started.
    last_frame: Option<Instant>,
    /// The view saved with the session, restored once the folder has loaded.
    pending_view: Option<View>,
    /// The view of the folder open at the end of the last run, for when its session has none.
    remembered_view: Option<View>,
    /// Corrections that found nothing to apply to, and session files that could not be read or written.
    session_notes: Vec<String>,
    /// Held while this window may write the session at `session_path`; `None` when another window writes it.
    session_lock: Option<crate::session::store::SessionLock>,
    correction: Option<CorrectionDialog>,
    file_dialog: Option<FileDialog>,
    query: SearchQuery,
    place_list: places::PlaceList,
    history: SelectionHistory,
    /// Sessions before each correction, for Edit > Undo (the latest last), and those undone, for Redo.
    undo: edit_history::EditHistory,
    /// The review window, when open.
    review: Option<review::ReviewWindow>,
    /// The article table, when open.
    articles: Option<articles::ArticleTable>,
    folds: Folds,
    show_help: bool,
    focus_search: bool,
    /// The panel whose first control takes the keyboard this frame (F6), and the one F6 moved to last
    /// (before the first F6, the reader: so F6 starts at the places).
    panel_focus: Option<PanelFocus>,
    panel_focus_last: PanelFocus,
    playback: Playback,
    chooser: Option<FolderChooser>,
    picker: FolderPicker,
    /// When the process started, while the first frame is still to be reported.
    launched: Option<Instant>,
}

/// Time a frame spends at most on the index and on taking in load messages, so a fast loader cannot stall
/// the UI.
const MESSAGE_BUDGET: Duration = Duration::from_millis(5);

/// When frames come slowly (more than [`SLOW_FRAME`] apart: a software renderer, a remote display), a frame
/// may take in messages for this share of the time since the last one, up to [`SLOW_FRAME_MESSAGE_BUDGET`]: at
/// a few frames a second, 5 ms a frame would make a folder read from the cache load at a few hundred articles
/// a second. At display rates the budget stays [`MESSAGE_BUDGET`], so frames keep within 16 ms.
const SLOW_FRAME: Duration = Duration::from_millis(50);
const SLOW_FRAME_SHARE: f64 = 0.4;
const SLOW_FRAME_MESSAGE_BUDGET: Duration = Duration::from_millis(100);

/// The message budget of a frame that comes `interval` after the last.
fn message_budget(interval: Option<Duration>) -> Duration {
    match interval {
        Some(interval) if interval > SLOW_FRAME => {
            interval.mul_f64(SLOW_FRAME_SHARE).clamp(MESSAGE_BUDGET, SLOW_FRAME_MESSAGE_BUDGET)
        }
        _ => MESSAGE_BUDGET,
    }
}

impl NewsAtlasApp {
    /// An app that starts loading `folder` on its first frame, and asks `picker` for folders.
    pub fn new(folder: Option<PathBuf>, picker: FolderPicker) -> NewsAtlasApp {
        NewsAtlasApp {
            basemap: Basemap::bundled(),
            gazetteer: None,
            atlas: Arc::new(Atlas::new()),
            export_job: None,
            live: LiveIndex::default(),
            problems: Vec::new(),
            folder: None,
            snapshot: Snapshot::default(),
            pending_open: folder,
            loader: None,
            progress: LoadProgress::default(),
            map: MapMemory::default(),
            map_fitted: false,
            fit_to_data: false,
            last_map_rect: None,
            last_screen: None,
            timeline: TimelineState::default(),
            window: None,
            include_undated: true,
            selected_place: None,
            reader: ReaderView::default(),
            markers: Vec::new(),
            marker_places: Vec::new(),
            markers_for: None,
            trail: Vec::new(),
            show_links: false,
            show_density: false,
            marker_colour: map::MarkerColour::Plain,
            markers_coloured: map::MarkerColour::Plain,
            place_confidence: markers::PlaceConfidence::default(),
            links: (None, Vec::new()),
            show_problems: false,
            show_about: false,
            corrector: Corrector::default(),
            session_path: None,
            data_folder: crate::session::data_folder(),
            cache_limit_bytes: crate::cache::DEFAULT_LIMIT_BYTES,
            last_frame: None,
            pending_view: None,
            remembered_view: None,
            session_notes: Vec::new(),
            session_lock: None,
            correction: None,
            file_dialog: None,
            query: SearchQuery::default(),
            place_list: places::PlaceList::default(),
            history: SelectionHistory::default(),
            undo: edit_history::EditHistory::default(),
            review: None,
            articles: None,
            folds: Folds::default(),
            show_help: false,
            focus_search: false,
            panel_focus: None,
            panel_focus_last: PanelFocus::Reader,
            playback: Playback::default(),
            chooser: None,
            picker,
            launched: None,
        }
    }

    /// An app showing an atlas built elsewhere (benchmarks, tests), as if it had just finished loading.
    pub fn with_atlas(atlas: Atlas, picker: FolderPicker) -> NewsAtlasApp {
        let mut app = NewsAtlasApp::new(None, picker);
        app.progress = LoadProgress {
            articles: atlas.documents().len(),
            places_found: atlas.events().len(),
            finished: true,
            ..Default::default()
        };
        // An atlas with events was resolved against the gazetteer, so it is loaded already; this runs before
        // the first frame in any case.
        let bundled =
            if atlas.events().is_empty() { Gazetteer::bundled_if_loaded() } else { Some(Gazetteer::bundled()) };
        app.gazetteer = bundled.map(|bundled| Arc::new(bundled.without_user_places()));
        app.atlas = Arc::new(atlas);
        app
    }

    /// Keeps sessions under `folder` instead of the user's data folder (tests use a temporary one).
    pub fn with_data_folder(mut self, folder: PathBuf) -> NewsAtlasApp {
        self.data_folder = Some(folder);
        self
    }

    pub fn atlas(&self) -> &Atlas {
        &self.atlas
    }

    /// The open folder's gazetteer (the bundled tables and the places its corrections added), once loaded.
    pub fn gazetteer(&self) -> Option<&Gazetteer> {
        self.gazetteer.as_deref()
    }

    /// The corrections and view of the open folder.
    pub fn session(&self) -> &Session {
        self.corrector.session()
    }

    /// Where the session is saved after each change.
    pub fn session_path(&self) -> Option<&Path> {
        self.session_path.as_deref()
    }

    /// Corrections that no longer apply, and session files that could not be read or written.
    pub fn session_notes(&self) -> &[String] {
        &self.session_notes
    }

    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    pub fn is_loading(&self) -> bool {
        self.pending_open.is_some() || self.loader.is_some()
    }

    pub fn progress(&self) -> &LoadProgress {
        &self.progress
    }

    /// Shows only events between these days (inclusive), or every date.
    pub fn set_time_window(&mut self, days: Option<(DayNumber, DayNumber)>) {
        self.window = days;
    }

    /// Shows the map as the density view's hexagons (true) or as markers.
    pub fn set_density(&mut self, on: bool) {
        self.show_density = on;
    }

    /// Opens (or closes) the article table.
    pub fn show_article_table(&mut self, on: bool) {
        self.articles = on.then(articles::ArticleTable::default);
    }

    /// Zooms the map to `zoom` around a point (longitude, latitude in degrees).
    pub fn look_at(&mut self, lon_deg: f64, lat_deg: f64, zoom: f64) {
        self.map.center = basemap::project(lon_deg, lat_deg);
        self.map.zoom = zoom.clamp(map::MIN_ZOOM, map::MAX_ZOOM);
    }

    pub fn time_window(&self) -> TimeWindow {
        TimeWindow { days: self.window, include_undated: self.include_undated }
    }

    /// Places shown on the map now, with their mention counts.
    pub fn markers(&self) -> &[Marker] {
        &self.markers
    }

    pub fn selected_place(&self) -> Option<PlaceId> {
        self.selected_place
    }

    /// The mention the reader's article view is focused on, if an article is open.
    pub fn article_focus(&self) -> Option<std::ops::Range<usize>> {
        match &self.reader {
            ReaderView::Article { focus, .. } => focus.clone(),
            ReaderView::Passages => None,
        }
    }

    /// Shows one article in the reader, as clicking one of its passages does.
    /// The article open in the reader, if any.
    pub fn article_doc(&self) -> Option<DocId> {
        match &self.reader {
            ReaderView::Article { doc, .. } => Some(*doc),
            ReaderView::Passages => None,
        }
    }

    pub fn open_article(&mut self, doc: DocId) {
        self.reader = ReaderView::Article { doc, focus: None, scrolled: false, date_text: String::new() };
    }

    /// The articles the article table lists, in order, while it is open.
    pub fn article_rows(&self) -> Option<&[DocId]> {
        self.articles.as_ref().map(articles::ArticleTable::rows)
    }

    /// Mentions left in the review queue, while the review window is open.
    pub fn review_left(&self) -> Option<usize> {
        self.review.as_ref().and_then(review::ReviewWindow::left)
    }

    /// What Edit > Undo would undo, if anything: the number of edits that can be undone.
    pub fn undoable(&self) -> usize {
        self.undo.undoable()
    }

    pub fn can_go_back(&self) -> bool {
        self.history.can_go_back()
    }

    pub fn can_go_forward(&self) -> bool {
        self.history.can_go_forward()
    }

    /// Whether a search is running in the background.
    pub fn is_searching(&self) -> bool {
        self.live.is_searching()
    }

    /// Searches for `text`, as typing it in the search field does.
    pub fn search(&mut self, text: &str) {
        text.clone_into(&mut self.query.text);
        self.live.invalidate();
    }

    /// Draws the whole window into `ui` (also what the UI tests drive).
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if let Some(folder) = self.pending_open.take() {
            self.start_load(folder, &ctx);
        }
        // Articles that arrived are taken in for what is left of a few milliseconds once the index has taken
        // in the ones before: a frame that extends the index reads fewer messages.
        let started = Instant::now();
        let budget = message_budget(self.last_frame.replace(started).map(|last| started - last));
        self.live.refresh(&self.atlas, &self.query, self.loader.is_some(), self.gazetteer.as_ref(), started);
        // A search, an export or the article table's rows made in the background share the atlas: adding
        // articles now would copy it whole.
        // They wait in the loader's channel until it is done; a search is then made again only after
        // `SEARCH_REFRESH`, and the articles come in meanwhile.
        // (The table's rows may still be in the making after it closed: the atlas is shared until they are.)
        let shared = Arc::strong_count(&self.atlas) > 1;
        if !self.live.is_searching() && self.export_job.is_none() && !shared {
            self.drain_loader(budget.saturating_sub(started.elapsed()));
        }
        self.poll_export(&ctx);
        if self.live.is_searching() {
            ctx.request_repaint_after(Duration::from_millis(16));
        }
        // The index takes in a batch of events a frame: once the loader has stopped waking the window (a folder
        // read from the cache ends before the index has caught up), the next frames must still come.
        if self.live.indexed_events() < self.atlas.events().len() {
            ctx.request_repaint();
        }
        let extent = self.live.time_index().day_extent();
        if self.playback.advance(Instant::now(), &mut self.window, extent) {
            ctx.request_repaint();
        }
        let window = self.time_window();
        self.live.time_index_mut().set_window(&window);
        if let Some(place) = self.selected_place {
            self.live.time_index_mut().sort_days_of(place);
        }
        self.refresh_markers();

        let mut commands = Vec::new();
        egui::Panel::top("menu").show(ui, |ui| self.top_bar_ui(ui, &mut commands));
        // Each side panel fills the size it has (the user's, or the default) instead of following its content,
        // so the map does not change size as content arrives. No panel may take more than its share of the
        // window, whatever size was saved (egui keeps panel sizes between runs), so the map always shows.
        // Sizes follow the window: at 1024 x 700 the map keeps about half the width, at 800 x 500 too.
        let screen = ui.ctx().content_rect().size();
        let timeline = egui::Panel::bottom("timeline").resizable(true);
        timeline.default_size(190.0f32.min(0.28 * screen.y)).max_size(0.4 * screen.y).show(ui, |ui| {
            ui.set_min_height(ui.available_height());
            self.timeline_panel_ui(ui, &mut commands);
        });
        let narrow = screen.x < FOLD_PANELS_BELOW;
        // In a narrow window, both panels unfolded still leave the map half of it.
        let (reader_share, places_share) = if narrow { (0.24, 0.2) } else { (READER_SHARE, PLACES_SHARE) };
        let (width, max) = (400.0f32.min(0.31f32.min(reader_share) * screen.x), reader_share * screen.x);
        let folded = self.folds.reader.unwrap_or(narrow);
        let reader = side_panel(ui, &READER_PANEL, folded, narrow, width, max, |ui| self.reader_ui(ui, &mut commands));
        self.folds.reader = reader.or(self.folds.reader);
        let (width, max) = (360.0f32.min(0.28f32.min(places_share) * screen.x), places_share * screen.x);
        let folded = self.folds.places.unwrap_or(narrow);
        let places =
            side_panel(ui, &PLACES_PANEL, folded, narrow, width, max, |ui| self.places_panel_ui(ui, &mut commands));
        self.folds.places = places.or(self.folds.places);
        egui::CentralPanel::default().show(ui, |ui| self.map_panel_ui(ui, &mut commands));
        self.windows_ui(&ctx, &mut commands);
        windows::dropped_files_ui(&ctx, &mut commands);
        commands::shortcuts(&ctx, &mut commands);

        for command in commands {
            self.apply(command, &ctx);
        }
        if self.loader.is_some() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
    }
}

/// A side panel of the window, and the buttons that unfold and fold it: (text, name) each.
struct SidePanel {
    panel: fn(&'static str) -> egui::Panel,
    id: &'static str,
    folded_id: &'static str,
    unfold: (&'static str, &'static str),
    fold: (&'static str, &'static str),
}

const READER_PANEL: SidePanel = SidePanel {
    panel: egui::Panel::right,
    id: "reader",
    folded_id: "reader folded",
    unfold: ("«", "Show the passages and the reader"),
    fold: ("»", "Fold the reader"),
};

const PLACES_PANEL: SidePanel = SidePanel {
    panel: egui::Panel::left,
    id: "places",
    folded_id: "places folded",
    unfold: ("»", "Show the place list"),
    fold: ("«", "Fold the place list"),
};

/// Shows `side` folded to its button, or unfolded (`width` at first, at most `max`) around `content`, with a
/// button to fold it in a `narrow` window. Returns whether the user folded it (true) or unfolded it (false).
fn side_panel(
    ui: &mut egui::Ui,
    side: &SidePanel,
    folded: bool,
    narrow: bool,
    width: f32,
    max: f32,
    content: impl FnOnce(&mut egui::Ui),
) -> Option<bool> {
    let mut choice = None;
    if folded {
        (side.panel)(side.folded_id).exact_size(FOLDED_WIDTH).resizable(false).show(ui, |ui| {
            if folded_strip(ui, side.unfold.0, side.unfold.1).clicked() {
                choice = Some(false);
            }
        });
    } else {
        (side.panel)(side.id).resizable(true).default_size(width).max_size(max).show(ui, |ui| {
            ui.set_min_width(ui.available_width());
            if narrow && fold_button(ui, side.fold.0, side.fold.1) {
                choice = Some(true);
            }
            content(ui);
        });
    }
    choice
}

/// A folded side panel: one button, named for screen readers and on hover, that unfolds it.
fn folded_strip(ui: &mut egui::Ui, icon: &str, name: &str) -> egui::Response {
    ui.add_space(6.0);
    let response = ui.add(egui::Button::new(egui::RichText::new(icon).size(18.0)).min_size(egui::vec2(26.0, 26.0)));
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, name));
    response.on_hover_text(name)
}

/// The button at the top of an unfolded side panel of a narrow window that folds it; true when clicked.
fn fold_button(ui: &mut egui::Ui, icon: &str, name: &str) -> bool {
    let response = ui.small_button(icon);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, name));
    response.on_hover_text(name).clicked()
}

impl eframe::App for NewsAtlasApp {
    /// Saves the view into the session of a folder the user has corrected (eframe calls this on exit too).
    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if !self.corrector.session().is_empty() && self.loader.is_none() {
            self.save_session();
        }
        let remembered = Remembered { last_folder: self.folder.clone(), view: self.current_view() };
        eframe::set_value(storage, eframe::APP_KEY, &remembered);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
        if let Some(launched) = self.launched.take() {
            eprintln!("first frame {:.0} ms after launch", launched.elapsed().as_secs_f64() * 1e3);
        }
    }
}

/// A ring around a widget that has the keyboard, for widgets egui draws no focus for (markers, passages): Tab
/// shows where it is, and Enter or Space presses it.
fn focus_ring(ui: &egui::Ui, response: &egui::Response) {
    if response.has_focus() {
        let stroke = egui::Stroke::new(2.0, ui.visuals().selection.stroke.color);
        ui.painter().rect_stroke(response.rect.expand(2.0), 3.0, stroke, egui::StrokeKind::Outside);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slow_frames_take_in_more_messages_each_and_fast_ones_keep_to_five_milliseconds() {
        let ms = Duration::from_millis;
        assert_eq!(message_budget(None), MESSAGE_BUDGET);
        assert_eq!(message_budget(Some(ms(16))), MESSAGE_BUDGET, "60 frames a second");
        assert_eq!(message_budget(Some(ms(40))), MESSAGE_BUDGET, "25 frames a second");
        assert_eq!(message_budget(Some(ms(200))), ms(80), "five frames a second");
        assert_eq!(message_budget(Some(ms(3000))), SLOW_FRAME_MESSAGE_BUDGET);
    }
}
