//! Everything egui: the News Atlas window, with the map, the timeline and the reader kept in step.
//!
//! Data flows one way: the [`loader`] thread analyses files into documents, the app adds them to its
//! [`Atlas`], and the views read the atlas. Views return commands; [`NewsAtlasApp`] applies them once per
//! frame, so every change of selection or time window goes through one place.

pub mod basemap;
pub mod corrections;
pub mod files;
pub mod folder_picker;
pub mod loader;
pub mod map;
pub mod places;
pub mod reader;
pub mod timeline;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::corpus::{Problem, ReadOptions, Snapshot};
use crate::export::mentions::{self, ExportFormat};
use crate::gazetteer::{Gazetteer, PlaceId};
use crate::index::{
    Atlas, Certainty, DayNumber, DocId, Document, Filter, TimeIndex, TimeWindow, analyze, date_of_day, day_number,
};
use crate::session::{self, Corrector, MapView, PlaceCorrection, PlaceFix, Session, View};
use basemap::{Basemap, project, unproject};
use corrections::{CorrectionDialog, CorrectionOutcome};
use files::{FileAction, FileDialog, FileOutcome};
use folder_picker::{ChooserOutcome, FolderChooser, FolderPicker, PickOutcome};
use loader::{LoadMessage, Loader};
use map::{MapClick, MapMemory, Marker};
use reader::{ReaderCommand, ReaderView, plural};
use timeline::{TimelineCommand, TimelineState};

/// The sample articles that ship with the source, opened when no folder is given.
pub fn sample_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets").join("sample")
}

/// Opens the window on `folder`, or on the bundled samples.
///
/// With `NEWSATLAS_REPORT_STARTUP=1` in the environment it prints how long the first frame took to appear.
pub fn run(folder: Option<PathBuf>) -> anyhow::Result<()> {
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
        None => (Some(sample_folder()).filter(|p| p.is_dir()), None),
    }
}

/// Everything the user can ask for, applied at the end of the frame.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    PickFolder,
    OpenFolder(PathBuf),
    /// Read the open folder again: new and changed files only; the view stays as it is.
    Reload,
    CancelLoad,
    SelectPlace(Option<PlaceId>),
    Timeline(TimelineCommand),
    Reader(ReaderCommand),
    ShowProblems(bool),
    ShowAbout(bool),
    /// What the correction dialog decided.
    Correction(CorrectionOutcome),
    ShowFileDialog(FileAction),
    File(FileAction, PathBuf),
    /// Search words or date certainty changed.
    Search,
    Back,
    Forward,
    ShowHelp(bool),
    FocusSearch,
    /// Centre and zoom the map on the places shown.
    FitMap,
    /// Keep the selected place and date window in the session under a name.
    SaveSelection,
    RestoreSelection(usize),
    ForgetSelection(usize),
}

/// What the user had selected, for Back and Forward.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Selection {
    place: Option<PlaceId>,
    window: Option<(DayNumber, DayNumber)>,
}

/// Selections closer together than this replace each other in the history (a drag is one step).
const HISTORY_MERGE: Duration = Duration::from_millis(700);
const MAX_HISTORY: usize = 200;

/// The keyboard shortcuts, as the Help window lists them.
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("Ctrl+O", "Open a folder"),
    ("Ctrl+F", "Search"),
    ("Ctrl+E", "Export GeoJSON"),
    ("Esc", "Clear the selection"),
    ("Alt+Left / Alt+Right", "Back / forward through selections"),
    ("Space", "Play / pause the timeline"),
    ("+ / -", "Zoom the map in / out"),
    ("Home", "Show all places on the map"),
    ("Arrow keys", "Pan the map"),
    ("Tab / Shift+Tab", "Move between controls; Enter or Space presses the focused one"),
    ("F1", "This help"),
];

/// Progress of the current load, for the status bar.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct LoadProgress {
    pub files_total: Option<usize>,
    pub files_done: usize,
    pub articles: usize,
    pub places_found: usize,
    pub finished: bool,
    pub cancelled: bool,
    pub started: Option<Instant>,
    pub elapsed: Option<Duration>,
}

pub struct NewsAtlasApp {
    basemap: &'static Basemap,
    /// Shared with an export running in the background; changed through [`Arc::make_mut`], which copies it
    /// only if an export still reads it.
    atlas: Arc<Atlas>,
    /// An export being written in the background: its result, once there.
    export_job: Option<std::sync::mpsc::Receiver<Result<String, String>>>,
    /// The atlas's events sorted for window queries; rebuilt as documents arrive (see `refresh_index`).
    time_index: TimeIndex,
    /// What `time_index` holds.
    indexed: Indexed,
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
    timeline: TimelineState,
    window: Option<(DayNumber, DayNumber)>,
    include_undated: bool,
    selected_place: Option<PlaceId>,
    reader: ReaderView,
    markers: Vec<Marker>,
    /// Title and projected position of each place shown so far: they do not change with the window.
    marker_places: HashMap<PlaceId, (Arc<str>, [f64; 2])>,
    markers_for: Option<ViewKey>,
    /// Markers the playing window has left, and when: drawn fading for [`TRAIL`].
    trail: Vec<(Marker, Instant)>,
    show_links: bool,
    /// Place pairs named in one passage, for the window and index they were counted for.
    links: (Option<ViewKey>, Vec<(PlaceId, PlaceId, u32)>),
    show_problems: bool,
    show_about: bool,
    /// The session's corrections, applied to every document as it arrives.
    corrector: Corrector,
    /// Where the session is saved after each change: the folder's file in the data folder, or a "save as".
    session_path: Option<PathBuf>,
    /// The app's data folder (sessions live under it); tests point it at a temporary folder.
    data_folder: Option<PathBuf>,
    /// The view saved with the session, restored once the folder has loaded.
    pending_view: Option<View>,
    /// The view of the folder open at the end of the last run, for when its session has none.
    remembered_view: Option<View>,
    /// Corrections that found nothing to apply to, and session files that could not be read or written.
    session_notes: Vec<String>,
    /// Bumped whenever documents are corrected, so indexes and markers built from them are rebuilt.
    generation: u64,
    correction: Option<CorrectionDialog>,
    file_dialog: Option<FileDialog>,
    search_text: String,
    certainty: Certainty,
    /// The search applied to the index (rebuilt with it).
    filter: Filter,
    /// A search over a large atlas running on a thread of its own (see `refresh_index`).
    search_job: Option<SearchJob>,
    place_list: places::PlaceList,
    history: Vec<(Selection, Instant)>,
    /// Position in `history` of the selection shown.
    history_pos: usize,
    show_help: bool,
    focus_search: bool,
    /// While the timeline plays: when the window last moved, and the fraction of a day not yet moved.
    playing: Option<(Instant, f64)>,
    play_speed: timeline::PlaySpeed,
    cumulative: bool,
    chooser: Option<FolderChooser>,
    picker: FolderPicker,
    /// When the process started, while the first frame is still to be reported.
    launched: Option<Instant>,
}

/// How many of the atlas's events the time index holds, of which generation of corrections, and when it was
/// last built or caught up.
#[derive(Clone, Copy)]
struct Indexed {
    events: usize,
    generation: u64,
    built_at: Instant,
}

impl Indexed {
    fn nothing(generation: u64) -> Self {
        Self { events: 0, generation, built_at: Instant::now() }
    }
}

/// Atlases of at least this many articles are searched on a thread of their own: scanning every text takes
/// tens of milliseconds from about here (100,000 articles: hundreds), too long for a frame.
const SEARCH_IN_BACKGROUND_FROM: usize = 2_000;

/// The threads searches run on: like the reading threads, they yield to the window's thread, so frames stay
/// smooth while a search scans every article (`None` if no thread could be started: the global pool then).
fn search_pool() -> Option<&'static rayon::ThreadPool> {
    static POOL: std::sync::OnceLock<Option<rayon::ThreadPool>> = std::sync::OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .thread_name(|i| format!("newsatlas-search-{i}"))
            .start_handler(|_| loader::lower_priority())
            .build()
            .ok()
    })
    .as_ref()
}

/// A search running in the background: the atlas and generation it searches, and where the matching mentions
/// (the filter and the time index built with it) will come.
struct SearchJob {
    events: usize,
    generation: u64,
    result: std::sync::mpsc::Receiver<(Filter, TimeIndex)>,
}

/// What derived views depend on: the window, how many events are indexed, and the index's generation.
type ViewKey = (TimeWindow, usize, u64);

/// How long a marker left behind by the playing window takes to fade out.
const TRAIL: Duration = Duration::from_millis(1500);
/// Lines drawn at most between places named together, the most frequent pairs first.
const MAX_LINKS: usize = 300;

/// Time a frame spends at most on the index and on taking in load messages, so a fast loader cannot stall
/// the UI.
const MESSAGE_BUDGET: Duration = Duration::from_millis(5);
/// How often the time index takes in new articles while a load is running.
const INDEX_REFRESH: Duration = Duration::from_millis(250);
/// While a folder loads, a search is made again this often: articles are added only between searches (see
/// `show`), so searching more often would slow the load.
const SEARCH_REFRESH: Duration = Duration::from_secs(1);
/// Events the time index takes in at most in one frame (about 3 ms on two cores).
const INDEX_BATCH: usize = 40_000;

impl NewsAtlasApp {
    /// An app that starts loading `folder` on its first frame, and asks `picker` for folders.
    pub fn new(folder: Option<PathBuf>, picker: FolderPicker) -> NewsAtlasApp {
        NewsAtlasApp {
            basemap: Basemap::bundled(),
            atlas: Arc::new(Atlas::new()),
            export_job: None,
            time_index: TimeIndex::default(),
            indexed: Indexed::nothing(0),
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
            timeline: TimelineState::default(),
            window: None,
            include_undated: true,
            selected_place: None,
            reader: ReaderView::default(),
            markers: Vec::new(),
            marker_places: HashMap::new(),
            markers_for: None,
            trail: Vec::new(),
            show_links: false,
            links: (None, Vec::new()),
            show_problems: false,
            show_about: false,
            corrector: Corrector::default(),
            session_path: None,
            data_folder: session::data_folder(),
            pending_view: None,
            remembered_view: None,
            session_notes: Vec::new(),
            generation: 0,
            correction: None,
            file_dialog: None,
            search_text: String::new(),
            certainty: Certainty::Any,
            filter: Filter::default(),
            search_job: None,
            place_list: places::PlaceList::default(),
            history: Vec::new(),
            history_pos: 0,
            show_help: false,
            focus_search: false,
            playing: None,
            play_speed: timeline::PlaySpeed::default(),
            cumulative: false,
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
    pub fn open_article(&mut self, doc: DocId) {
        self.reader = ReaderView::Article { doc, focus: None, scrolled: false, date_text: String::new() };
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
        self.refresh_index();
        // A search or an export in the background shares the atlas: adding articles now would copy it whole.
        // They wait in the loader's channel until it is done; a search is then made again only after
        // `SEARCH_REFRESH`, and the articles come in meanwhile.
        if self.search_job.is_none() && self.export_job.is_none() {
            self.drain_loader(MESSAGE_BUDGET.saturating_sub(started.elapsed()));
        }
        self.poll_export(&ctx);
        if self.search_job.is_some() {
            ctx.request_repaint_after(Duration::from_millis(16));
        }
        self.advance_playback(&ctx);
        self.time_index.set_window(&self.time_window());
        if let Some(place) = self.selected_place {
            self.time_index.sort_days_of(place);
        }
        self.refresh_markers();

        let mut commands = Vec::new();
        let article_days = self.article_days();
        egui::Panel::top("menu").show(ui, |ui| self.top_bar_ui(ui, &mut commands));
        // Each side panel fills the size it has (the user's, or the default) instead of following its content,
        // so the map does not change size as content arrives.
        egui::Panel::bottom("timeline").resizable(true).default_size(190.0).show(ui, |ui| {
            ui.set_min_height(ui.available_height());
            let view = timeline::TimelineView {
                index: &self.time_index,
                undated_documents: self.atlas.undated_documents(),
                window: self.window,
                include_undated: self.include_undated,
                selected_place: self.selected_place,
                article_days: &article_days,
                playing: self.playing.is_some(),
                speed: self.play_speed,
                cumulative: self.cumulative,
            };
            let command = timeline::timeline_ui(ui, &mut self.timeline, &view);
            commands.extend(command.map(Command::Timeline));
        });
        egui::Panel::right("reader").resizable(true).default_size(400.0).show(ui, |ui| {
            ui.set_min_width(ui.available_width());
            self.reader_ui(ui, &mut commands);
        });
        egui::Panel::left("places").resizable(true).default_size(360.0).show(ui, |ui| {
            ui.set_min_width(ui.available_width());
            let key = (self.indexed.generation, format!("{:?}{}", self.window, self.include_undated));
            let key = (key.0.wrapping_mul(1_000_003).wrapping_add(self.indexed.events as u64), key.1);
            let gazetteer = Gazetteer::bundled_if_loaded();
            if let Some(gazetteer) = gazetteer.filter(|_| !self.time_index.is_empty()) {
                let clicked = self.place_list.ui(ui, &self.time_index, gazetteer, key, self.selected_place);
                commands.extend(clicked.map(|place| Command::SelectPlace(Some(place))));
            } else {
                ui.heading("Places");
                ui.weak("No places yet.");
            }
        });
        egui::CentralPanel::default().show(ui, |ui| self.map_panel_ui(ui, &mut commands));
        self.windows_ui(&ctx, &mut commands);
        self.handle_dropped_files(&ctx, &mut commands);
        self.shortcuts(&ctx, &mut commands);

        for command in commands {
            self.apply(command, &ctx);
        }
        if self.loader.is_some() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
    }

    /// Keyboard shortcuts (see [`SHORTCUTS`]); letters only while no text field has the keyboard.
    fn shortcuts(&self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        use egui::{Key, Modifiers};
        let typing = ctx.egui_wants_keyboard_input();
        ctx.input_mut(|i| {
            if i.consume_key(Modifiers::COMMAND, Key::O) {
                commands.push(Command::PickFolder);
            }
            if i.consume_key(Modifiers::COMMAND, Key::F) {
                commands.push(Command::FocusSearch);
            }
            if i.consume_key(Modifiers::COMMAND, Key::E) {
                commands.push(Command::ShowFileDialog(FileAction::Export(ExportFormat::GeoJson)));
            }
            if i.consume_key(Modifiers::ALT, Key::ArrowLeft) {
                commands.push(Command::Back);
            }
            if i.consume_key(Modifiers::ALT, Key::ArrowRight) {
                commands.push(Command::Forward);
            }
            if i.consume_key(Modifiers::NONE, Key::F1) {
                commands.push(Command::ShowHelp(true));
            }
            if !typing && i.consume_key(Modifiers::NONE, Key::Escape) {
                commands.push(Command::SelectPlace(None));
            }
            if !typing && i.consume_key(Modifiers::NONE, Key::Home) {
                commands.push(Command::FitMap);
            }
            if !typing && i.consume_key(Modifiers::NONE, Key::Space) {
                commands.push(Command::Timeline(TimelineCommand::TogglePlay));
            }
        });
    }

    /// Days of the events of the article open in the reader, so the timeline can show them.
    fn article_days(&self) -> Vec<DayNumber> {
        let ReaderView::Article { doc, .. } = self.reader else { return Vec::new() };
        let mut days: Vec<DayNumber> =
            self.atlas.events().iter().filter(|e| e.doc == doc).filter_map(|e| e.day).collect();
        days.sort_unstable();
        days
    }

    /// Places of the article open in the reader, sorted, so the map can ring their markers.
    fn article_places(&self) -> Vec<PlaceId> {
        let ReaderView::Article { doc, .. } = self.reader else { return Vec::new() };
        let Some(document) = self.atlas.documents().get(doc as usize) else { return Vec::new() };
        let mut places: Vec<PlaceId> = document.places.iter().map(|m| m.place).collect();
        places.sort_unstable();
        places.dedup();
        places
    }

    /// Moves the date window forward while the timeline plays; stops at the last dated mention.
    fn advance_playback(&mut self, ctx: &egui::Context) {
        let Some((last_tick, carry)) = self.playing else { return };
        let Some((first, last)) = self.time_index.day_extent() else {
            self.playing = None;
            return;
        };
        let days = carry + last_tick.elapsed().as_secs_f64() * self.play_speed.days_per_sec();
        let step = days.floor() as DayNumber;
        self.playing = Some((Instant::now(), days - f64::from(step)));
        let (start, end) = self.window.unwrap_or((first, first + self.play_speed.window_days() - 1));
        let end = (end + step).min(last);
        let start = if self.cumulative { first } else { (start + step).min(end) };
        self.window = Some((start, end));
        if end >= last {
            self.playing = None;
        }
        ctx.request_repaint();
    }

    /// Records the selection shown now in the history, after whatever the user had gone back from.
    fn remember_selection(&mut self) {
        let now = Selection { place: self.selected_place, window: self.window };
        self.history.truncate(self.history_pos + 1);
        let steps = self.history.len();
        match self.history.last_mut() {
            Some((last, _)) if *last == now => return,
            Some((last, at)) if at.elapsed() < HISTORY_MERGE && steps > 1 => {
                *last = now;
                *at = Instant::now();
                return;
            }
            _ => {}
        }
        self.history.push((now, Instant::now()));
        if self.history.len() > MAX_HISTORY {
            self.history.remove(0);
        }
        self.history_pos = self.history.len() - 1;
    }

    fn go_to_history(&mut self, position: usize) {
        if let Some(&(selection, _)) = self.history.get(position) {
            self.history_pos = position;
            self.selected_place = selection.place;
            self.window = selection.window;
            self.reader = ReaderView::Passages;
        }
    }

    pub fn can_go_back(&self) -> bool {
        self.history_pos > 0
    }

    pub fn can_go_forward(&self) -> bool {
        self.history_pos + 1 < self.history.len()
    }

    fn start_load(&mut self, folder: PathBuf, ctx: &egui::Context) {
        let wake_ctx = ctx.clone();
        self.loader = Some(Loader::start(folder.clone(), ReadOptions::default(), move || wake_ctx.request_repaint()));
        self.session_path = self.data_folder.as_deref().map(|data| session::default_path_in(data, &folder));
        self.session_notes.clear();
        let session = match self.session_path.as_deref().filter(|path| path.is_file()) {
            Some(path) => Session::load(path).unwrap_or_else(|err| {
                self.session_notes.push(format!("{err}; starting a new session"));
                Session::for_folder(&folder)
            }),
            None => Session::for_folder(&folder),
        };
        let remembered = self.remembered_view.take();
        self.pending_view = Some(match remembered {
            Some(view) if session.view == View::default() => view,
            _ => session.view.clone(),
        });
        self.corrector.set_session(session);
        self.folder = Some(folder);
        self.atlas = Arc::new(Atlas::new());
        self.reset_index();
        self.problems.clear();
        self.progress = LoadProgress { started: Some(Instant::now()), ..Default::default() };
        self.window = None;
        self.selected_place = None;
        self.reader = ReaderView::Passages;
        self.markers_for = None;
        self.map_fitted = false;
    }

    /// Reads the open folder again, keeping the view (time window, selected place, map position).
    fn start_reload(&mut self, ctx: &egui::Context) {
        let Some(folder) = self.folder.clone().filter(|_| self.loader.is_none()) else { return };
        let wake_ctx = ctx.clone();
        let previous = self.snapshot.clone();
        let options = ReadOptions::default();
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
        self.reset_index();
        self.markers_for = None;
        // Document ids change as the atlas is rebuilt; an open article falls back to the passage list.
        self.reader = ReaderView::Passages;
    }

    /// Takes in what the loader sent, for at most `budget` (and at least one message).
    fn drain_loader(&mut self, budget: Duration) {
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
                LoadMessage::FileDone { documents, problems } => {
                    self.progress.files_done += 1;
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

    /// Applies the session's corrections to a newly read document and adds it to the atlas.
    fn add_document(&mut self, mut document: Document) {
        let gazetteer = Gazetteer::bundled();
        self.corrector.apply(&mut document, gazetteer);
        let days = self.corrector.event_days(&document);
        let atlas = Arc::make_mut(&mut self.atlas);
        let doc = atlas.add(document);
        for (mention, day) in days {
            atlas.set_event_day(doc, mention, day);
        }
    }

    /// Re-reads the documents `touched` selects against the current session: each is analysed again from its
    /// text (so a withdrawn correction is undone too) and corrected, and the views are rebuilt.
    fn reapply_corrections(&mut self, touched: impl Fn(&Document) -> bool) {
        let gazetteer = Gazetteer::bundled();
        let ids: Vec<DocId> =
            (0..self.atlas.documents().len() as DocId).filter(|&id| touched(self.atlas.document(id))).collect();
        let mut replacements = Vec::with_capacity(ids.len());
        for &id in &ids {
            let mut document = analyze(self.atlas.document(id).article.clone(), gazetteer);
            self.corrector.apply(&mut document, gazetteer);
            replacements.push((id, document));
        }
        let event_days: Vec<(DocId, Vec<(u32, DayNumber)>)> =
            replacements.iter().map(|(id, document)| (*id, self.corrector.event_days(document))).collect();
        let atlas = Arc::make_mut(&mut self.atlas);
        atlas.replace_documents(replacements);
        for (doc, days) in event_days {
            for (mention, day) in days {
                atlas.set_event_day(doc, mention, day);
            }
        }
        self.generation += 1;
        if self.selected_place.is_some_and(|place| !self.atlas.events().iter().any(|e| e.place == place)) {
            self.selected_place = None;
        }
        self.save_session();
    }

    /// The view as the session keeps it.
    fn current_view(&self) -> View {
        let (lon, lat) = unproject(self.map.center);
        let gazetteer = Gazetteer::bundled_if_loaded();
        View {
            map: Some(MapView { center_lon_deg: lon, center_lat_deg: lat, zoom: self.map.zoom }),
            window: self.window.and_then(|(a, b)| Some((date_of_day(a)?, date_of_day(b)?))),
            include_undated: self.include_undated,
            selected_place: self.selected_place.zip(gazetteer).map(|(place, gaz)| gaz.place(place).geonameid),
        }
    }

    fn restore_view(&mut self, view: &View) {
        if let Some(map) = view.map {
            self.map.center = project(map.center_lon_deg, map.center_lat_deg);
            self.map.zoom = map.zoom;
            self.map_fitted = true;
        }
        self.window = view.window.map(|(a, b)| (day_number(a), day_number(b)));
        self.include_undated = view.include_undated;
        self.selected_place =
            view.selected_place.and_then(|id| self.corrector.place_of_geonameid(id, Gazetteer::bundled()));
    }

    /// Writes the session (with the current view) where it lives; a failure is reported, never fatal.
    fn save_session(&mut self) {
        let Some(path) = self.session_path.clone() else { return };
        self.corrector.set_view(self.current_view());
        if let Err(err) = self.corrector.session().save(&path) {
            self.session_notes.push(err.to_string());
        }
    }

    /// Changes the saved selections, and saves the session.
    fn change_selections(&mut self, edit: impl FnOnce(&mut Vec<session::SavedSelection>)) {
        edit(self.corrector.selections_mut());
        self.save_session();
    }

    /// Changes the session with `edit`, then re-reads the documents `touched` selects.
    fn edit_session(&mut self, edit: impl FnOnce(&mut Session), touched: impl Fn(&Document) -> bool) {
        let mut session = self.corrector.session_clone();
        edit(&mut session);
        self.corrector.set_session(session);
        self.reapply_corrections(touched);
    }

    fn apply_correction(&mut self, outcome: CorrectionOutcome) {
        match outcome {
            CorrectionOutcome::Close => self.correction = None,
            CorrectionOutcome::Place(correction) => {
                let scope = correction.scope.clone();
                let fix = correction.fix.clone();
                self.edit_session(|s| s.correct_place(correction), |d| scope.may_touch(d));
                let gazetteer = Gazetteer::bundled();
                let moved_to = match fix {
                    PlaceFix::Place { geonameid } => self.corrector.place_of_geonameid(geonameid, gazetteer),
                    PlaceFix::NewPlace { name, lat_deg, lon_deg } => {
                        Some(gazetteer.add_user_place(&name, lat_deg, lon_deg))
                    }
                    PlaceFix::NotAPlace => None,
                };
                if moved_to.is_some() {
                    // Follow the mention to its new place, so the user sees where it went.
                    self.selected_place = moved_to;
                    self.reader = ReaderView::Passages;
                }
                self.correction = None;
            }
            CorrectionOutcome::EventDate(key, date) => {
                let article = key.article.clone();
                self.edit_session(|s| s.set_event_date(key, date), |d| d.article.id == article);
            }
        }
    }

    fn run_file_action(&mut self, action: FileAction, path: PathBuf) {
        let result: Result<String, String> = match action {
            FileAction::Export(_) if self.export_job.is_some() => Err("An export is still being written.".to_owned()),
            FileAction::Export(format) => {
                self.start_export(format, path);
                Ok("Writing…".to_owned())
            }
            FileAction::SaveSession => {
                self.session_path = Some(path.clone());
                let notes = self.session_notes.len();
                self.save_session();
                match self.session_notes.get(notes) {
                    Some(error) => Err(error.clone()),
                    None => {
                        Ok(format!("Saved the session to {}; changes are saved there from now on.", path.display()))
                    }
                }
            }
            FileAction::OpenSession => match Session::load(&path) {
                Ok(session) => {
                    let view = session.view.clone();
                    self.session_path = Some(path.clone());
                    let everything = |_: &Document| true;
                    self.edit_session(|s| *s = session, everything);
                    self.restore_view(&view);
                    self.session_notes = self.corrector.unapplied();
                    Ok(format!("Opened the session {}.", path.display()))
                }
                Err(err) => Err(err.to_string()),
            },
        };
        self.show_file_message(result);
    }

    /// Writes the mentions in the current window, with corrections, as `format`, on a thread of its own so
    /// the window goes on while a large export is written; [`Self::poll_export`] shows the result.
    fn start_export(&mut self, format: ExportFormat, path: PathBuf) {
        let (atlas, window, filter) = (self.atlas.clone(), self.time_window(), self.filter.clone());
        let (sender, receiver) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new().name("newsatlas-export".into()).spawn(move || {
            let result = export(&atlas, &window, &filter, format, &path);
            // Let go of the atlas before the result is seen, as a search does.
            drop(atlas);
            let _ = sender.send(result);
        });
        match spawned {
            Ok(_) => self.export_job = Some(receiver),
            Err(err) => self.show_file_message(Err(format!("cannot start the export: {err}"))),
        }
    }

    /// Shows a finished export's result in the file dialog; keeps frames coming while one runs.
    fn poll_export(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.export_job else { return };
        match job.try_recv() {
            Ok(result) => {
                self.export_job = None;
                self.show_file_message(result);
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => ctx.request_repaint_after(Duration::from_millis(50)),
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.export_job = None;
                self.show_file_message(Err("the export stopped before it finished".to_owned()));
            }
        }
    }

    fn show_file_message(&mut self, result: Result<String, String>) {
        if let Some(dialog) = &mut self.file_dialog {
            dialog.message = Some(match result {
                Ok(message) => (false, message),
                Err(message) => (true, message),
            });
        }
    }

    /// Where a file dialog starts: a file named after the folder, in the home folder.
    fn default_file(&self, action: FileAction) -> PathBuf {
        let stem = self
            .folder
            .as_deref()
            .and_then(Path::file_name)
            .map_or_else(|| "news".to_owned(), |n| n.to_string_lossy().into_owned());
        let name = match action {
            FileAction::Export(format) => format!("{stem}-mentions.{}", format.extension()),
            FileAction::SaveSession | FileAction::OpenSession => format!("{stem}.newsatlas-session.json"),
        };
        match (action, &self.session_path) {
            (FileAction::OpenSession, Some(current)) => current.clone(),
            _ => std::env::home_dir().unwrap_or_default().join(name),
        }
    }

    /// Re-sorts the events for window queries when documents arrived: at once when loading is over, and
    /// at most every [`INDEX_REFRESH`] ([`SEARCH_REFRESH`] with a search) while it goes on, so the map fills in
    /// without costing every frame.
    fn refresh_index(&mut self) {
        let events = self.atlas.events().len();
        let Indexed { events: indexed, generation, built_at } = self.indexed;
        let searching = !self.search_text.trim().is_empty() || self.certainty != Certainty::Any;
        let refresh = if searching { SEARCH_REFRESH } else { INDEX_REFRESH };
        let due = self.loader.is_none() || indexed == 0 || built_at.elapsed() >= refresh;
        if events > indexed && indexed > 0 && generation == self.generation && !searching && due {
            // New articles while a folder loads: added to the index instead of building it again, which
            // would cost a frame hundreds of milliseconds on a large folder, and at most a frame's worth at a
            // time (the rest on the next frames).
            let until = events.min(indexed + INDEX_BATCH);
            self.time_index.extend(&self.atlas, indexed..until);
            let built_at = if until < events { built_at } else { Instant::now() };
            self.indexed = Indexed { events: until, generation, built_at };
        } else if (events != indexed || generation != self.generation) && due {
            let gazetteer = Gazetteer::bundled_if_loaded().filter(|_| searching);
            match gazetteer {
                Some(gazetteer) if self.atlas.documents().len() >= SEARCH_IN_BACKGROUND_FROM => {
                    self.search_in_background(gazetteer);
                }
                Some(gazetteer) => self.search_here(gazetteer),
                None => {
                    self.search_job = None;
                    self.index_with(Filter::default());
                }
            }
        }
    }

    /// Rebuilds the time index of the whole atlas with the mentions `filter` keeps.
    fn index_with(&mut self, filter: Filter) {
        self.filter = filter;
        self.time_index = TimeIndex::build_where(&self.atlas, &self.filter);
        let events = self.atlas.events().len();
        self.indexed = Indexed { events, generation: self.generation, built_at: Instant::now() };
    }

    /// Searches the atlas in this frame.
    fn search_here(&mut self, gazetteer: &Gazetteer) {
        self.index_with(Filter::new(&self.atlas, gazetteer, &self.search_text, self.certainty));
    }

    /// Empties the time index for an atlas that was replaced, and forgets a search of the one before.
    fn reset_index(&mut self) {
        self.time_index = TimeIndex::default();
        self.indexed = Indexed::nothing(self.generation);
        self.search_job = None;
    }

    /// Searches a large atlas on a thread of its own, one search at a time: the map keeps showing the last
    /// result until the search for what is typed now comes back. A search started for text typed since is
    /// let finish and its result dropped, and only then is the next one started, so fast typing does not
    /// pile up searches competing for the cores. While a folder loads, a search of the articles in so far is
    /// shown, and the next one takes in those that arrived meanwhile.
    fn search_in_background(&mut self, gazetteer: &'static Gazetteer) {
        let events = self.atlas.events().len();
        if let Some(job) = &self.search_job {
            match job.result.try_recv() {
                Ok((filter, time_index)) => {
                    // The atlas only grows within a generation (a replaced atlas drops the job: `reset_index`).
                    let current = job.generation == self.generation && job.events <= events;
                    let built = Indexed { events: job.events, generation: job.generation, built_at: Instant::now() };
                    self.search_job = None;
                    if current {
                        self.filter = filter;
                        self.time_index = time_index;
                        self.indexed = built;
                        return;
                    }
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => return,
                Err(std::sync::mpsc::TryRecvError::Disconnected) => self.search_job = None,
            }
        }
        let (atlas, query, certainty) = (self.atlas.clone(), self.search_text.clone(), self.certainty);
        let (sender, receiver) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new().name("newsatlas-search".into()).spawn(move || {
            let search = || {
                let filter = Filter::new(&atlas, gazetteer, &query, certainty);
                let time_index = TimeIndex::build_where(&atlas, &filter);
                (filter, time_index)
            };
            let result = match search_pool() {
                Some(pool) => pool.install(search),
                None => search(),
            };
            // Let go of the atlas before the result is seen: the window adds articles once it has the result,
            // and would copy an atlas still shared.
            drop(atlas);
            let _ = sender.send(result);
        });
        match spawned {
            Ok(_) => self.search_job = Some(SearchJob { events, generation: self.generation, result: receiver }),
            // No thread to be had: search here, at the cost of a slow frame.
            Err(_) => self.search_here(gazetteer),
        }
    }

    /// Whether a search is running in the background.
    pub fn is_searching(&self) -> bool {
        self.search_job.is_some()
    }

    /// Searches for `text`, as typing it in the search field does.
    pub fn search(&mut self, text: &str) {
        text.clone_into(&mut self.search_text);
        self.generation += 1;
    }

    fn refresh_markers(&mut self) {
        let key = (self.time_window(), self.indexed.events, self.indexed.generation);
        if self.markers_for == Some(key) {
            return;
        }
        if self.indexed.events == 0 {
            self.markers.clear();
            self.markers_for = Some(key);
            return;
        }
        // Loaded by the loader thread before it sent any event, so this does not wait.
        let gazetteer = Gazetteer::bundled();
        let places = &mut self.marker_places;
        // Most mentioned first, as `place_counts` sorts them: the map draws small markers on top.
        let before = std::mem::take(&mut self.markers);
        self.markers = self
            .time_index
            .place_counts()
            .into_iter()
            .map(|count| {
                let (title, projected) = places
                    .entry(count.place)
                    .or_insert_with(|| {
                        let place = gazetteer.place(count.place);
                        (reader::place_title(gazetteer, count.place).into(), project(place.lon_deg, place.lat_deg))
                    })
                    .clone();
                Marker { place: count.place, projected, mentions: count.mentions, title }
            })
            .collect();
        self.markers_for = Some(key);
        if self.playing.is_some() {
            // Places the moving window has just left fade out instead of vanishing.
            let shown: std::collections::HashSet<PlaceId> = self.markers.iter().map(|m| m.place).collect();
            let now = Instant::now();
            self.trail.retain(|(marker, _)| !shown.contains(&marker.place));
            self.trail.extend(before.into_iter().filter(|m| !shown.contains(&m.place)).map(|m| (m, now)));
        }
        self.trail.retain(|(_, left)| left.elapsed() < TRAIL);
    }

    /// What the map draws over its markers this frame.
    fn overlays(&mut self) -> map::Overlays {
        let trail = self
            .trail
            .iter()
            .map(|(m, left)| (m.projected, m.mentions, 1.0 - left.elapsed().as_secs_f32() / TRAIL.as_secs_f32()))
            .filter(|t| t.2 > 0.0)
            .collect();
        let mut links = Vec::new();
        if self.show_links
            && let Some(gazetteer) = Gazetteer::bundled_if_loaded()
        {
            let key = (self.time_window(), self.indexed.events, self.indexed.generation);
            if self.links.0 != Some(key) {
                let mut pairs = self.atlas.co_mentions(&self.time_window(), &self.filter);
                pairs.truncate(MAX_LINKS);
                self.links = (Some(key), pairs);
            }
            let projected = |place| {
                let p = gazetteer.place(place);
                project(p.lon_deg, p.lat_deg)
            };
            links = self.links.1.iter().map(|&(a, b, n)| (projected(a), projected(b), n)).collect();
        }
        if !self.trail.is_empty() {
            // Keep repainting until the trail has faded.
            self.trail.retain(|(_, left)| left.elapsed() < TRAIL);
        }
        map::Overlays { ringed: self.article_places(), trail, links }
    }

    fn top_bar_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui.button("Open folder…").clicked() {
                    commands.push(Command::PickFolder);
                }
                let can_reload = self.folder.is_some() && self.loader.is_none();
                if ui.add_enabled(can_reload, egui::Button::new("Reload")).clicked() {
                    commands.push(Command::Reload);
                }
                if ui.add_enabled(self.loader.is_some(), egui::Button::new("Cancel loading")).clicked() {
                    commands.push(Command::CancelLoad);
                }
                if ui.button("Problems…").clicked() {
                    commands.push(Command::ShowProblems(true));
                }
                ui.separator();
                let loaded = self.folder.is_some();
                for format in ExportFormat::ALL {
                    let text = format!("Export {}…", format.label());
                    if ui.add_enabled(loaded, egui::Button::new(text)).clicked() {
                        commands.push(Command::ShowFileDialog(FileAction::Export(format)));
                    }
                }
                ui.separator();
                if ui.add_enabled(loaded, egui::Button::new("Save session as…")).clicked() {
                    commands.push(Command::ShowFileDialog(FileAction::SaveSession));
                }
                if ui.add_enabled(loaded, egui::Button::new("Open session…")).clicked() {
                    commands.push(Command::ShowFileDialog(FileAction::OpenSession));
                }
                ui.separator();
                if ui.button("Quit").clicked() {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
            ui.menu_button("Selections", |ui| {
                let can_save = self.selected_place.is_some() || self.window.is_some();
                if ui.add_enabled(can_save, egui::Button::new("Save this selection")).clicked() {
                    commands.push(Command::SaveSelection);
                }
                let saved = &self.corrector.session().selections;
                if !saved.is_empty() {
                    ui.separator();
                }
                for (index, selection) in saved.iter().enumerate() {
                    ui.horizontal(|ui| {
                        if ui.button(&selection.name).clicked() {
                            commands.push(Command::RestoreSelection(index));
                        }
                        if ui.small_button("Forget").on_hover_text("Remove this saved selection").clicked() {
                            commands.push(Command::ForgetSelection(index));
                        }
                    });
                }
            });
            ui.menu_button("Help", |ui| {
                if ui.button("Keyboard shortcuts").clicked() {
                    commands.push(Command::ShowHelp(true));
                }
                if ui.button("About News Atlas").clicked() {
                    commands.push(Command::ShowAbout(true));
                }
            });
            if ui.add_enabled(self.can_go_back(), egui::Button::new("Back")).on_hover_text("Alt+Left").clicked() {
                commands.push(Command::Back);
            }
            if ui.add_enabled(self.can_go_forward(), egui::Button::new("Forward")).on_hover_text("Alt+Right").clicked()
            {
                commands.push(Command::Forward);
            }
            ui.separator();
            self.status_ui(ui, commands);
        });
    }

    fn status_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        // The folder's name; its whole path on hover.
        match &self.folder {
            Some(folder) => {
                let name = folder.file_name().map_or_else(|| folder.display().to_string(), |n| n.display().to_string());
                ui.label(egui::RichText::new(name).strong()).on_hover_text(folder.display().to_string());
            }
            None => {
                ui.strong("No folder open");
            }
        }
        let p = &self.progress;
        if self.loader.is_some() {
            let total = p.files_total.unwrap_or(0);
            let fraction = if total == 0 { 0.0 } else { p.files_done as f32 / total as f32 };
            let text = match p.files_total {
                Some(total) => {
                    format!("Reading {} / {} files · {} found", p.files_done, total, plural(p.places_found, "place"))
                }
                None => "Listing files…".to_owned(),
            };
            ui.add(egui::ProgressBar::new(fraction).desired_width(280.0).text(text));
            if ui.button("Cancel").clicked() {
                commands.push(Command::CancelLoad);
            }
        } else if p.finished {
            let secs = p.elapsed.map_or(0.0, |e| e.as_secs_f64());
            let cancelled = if p.cancelled { " (cancelled)" } else { "" };
            ui.label(format!(
                "{} · {} mentions · read in {secs:.1} s{cancelled}",
                plural(p.articles, "article"),
                p.places_found
            ));
        }
        let problems = self.problems.len() + self.session_notes.len();
        if problems > 0 {
            let text = format!("Problems: {problems}");
            if ui.button(egui::RichText::new(text).color(ui.visuals().warn_fg_color)).clicked() {
                commands.push(Command::ShowProblems(true));
            }
        }
    }

    fn reader_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let command = match (&self.reader, self.selected_place) {
            (ReaderView::Article { .. }, _) => {
                reader::article_ui(ui, &self.atlas, Gazetteer::bundled(), self.folder.as_deref(), &mut self.reader)
            }
            (ReaderView::Passages, Some(place)) => {
                reader::passages_ui(ui, &self.atlas, Gazetteer::bundled(), place, &self.time_window(), &self.filter)
            }
            (ReaderView::Passages, None) => {
                ui.heading("Passages");
                ui.label("Click a marker on the map to read the passages that mention the place.");
                ui.add_space(8.0);
                ui.weak("Drag the map to pan; scroll, pinch or press + and - to zoom. Drag across the timeline to choose a date window; drag the window or its edges to move or resize it.");
                None
            }
        };
        commands.extend(command.map(Command::Reader));
    }

    fn search_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Search");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.search_text)
                        .hint_text("words, place, country or folder")
                        .desired_width(200.0),
                )
                .labelled_by(label.id);
            if std::mem::take(&mut self.focus_search) {
                field.request_focus();
            }
            if field.changed() {
                commands.push(Command::Search);
            }
            let before = self.certainty;
            egui::ComboBox::from_label("Dates").selected_text(self.certainty.label()).show_ui(ui, |ui| {
                for certainty in Certainty::ALL {
                    ui.selectable_value(&mut self.certainty, certainty, certainty.label());
                }
            });
            if self.certainty != before {
                commands.push(Command::Search);
            }
            if self.search_job.is_some() {
                ui.spinner();
                ui.weak("Searching…");
            }
            ui.checkbox(&mut self.show_links, "Links")
                .on_hover_text("Lines between places named in the same passage, thicker for more passages");
            if !self.filter.is_everything() {
                ui.weak(format!("{} of {} mentions match", self.time_index.len(), self.atlas.events().len()));
                if ui.button("Clear search").clicked() {
                    self.search_text.clear();
                    self.certainty = Certainty::Any;
                    commands.push(Command::Search);
                }
            }
        });
    }

    fn map_panel_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        self.search_ui(ui, commands);
        let mentions: u32 = self.markers.iter().map(|m| m.mentions).sum();
        let window = match self.window {
            Some((a, b)) => format!(
                "{} to {}",
                crate::index::date_of_day(a).map_or_else(String::new, |d| d.to_string()),
                crate::index::date_of_day(b).map_or_else(String::new, |d| d.to_string())
            ),
            None => "all dates".to_owned(),
        };
        ui.horizontal(|ui| {
            ui.label(format!(
                "Showing {} · {} · {window}",
                plural(self.markers.len(), "place"),
                plural(mentions as usize, "mention")
            ));
            if ui.small_button("Show all places").on_hover_text("Fit the map to the places shown (Home)").clicked() {
                commands.push(Command::FitMap);
            }
        });
        let rect = ui.available_rect_before_wrap();
        if !self.map_fitted && rect.width() > 0.0 {
            self.map.fit_world(rect);
            self.map_fitted = true;
        }
        let settled = self.last_map_rect.replace(rect) == Some(rect);
        if self.fit_to_data && rect.width() > 0.0 && self.indexed.events == self.atlas.events().len() {
            if settled {
                self.map.fit_points(rect, self.markers.iter().map(|m| m.projected));
                self.fit_to_data = false;
            } else {
                ui.ctx().request_repaint();
            }
        }
        let placing = self.correction.as_ref().and_then(CorrectionDialog::placing);
        if let Some((name, _)) = &placing {
            ui.colored_label(ui.visuals().warn_fg_color, format!("Click the map where “{name}” is."));
        }
        let overlays = self.overlays();
        if !overlays.trail.is_empty() {
            ui.ctx().request_repaint();
        }
        match map::map_ui(ui, &mut self.map, self.basemap, &self.markers, self.selected_place, &overlays) {
            Some(MapClick::Marker(place)) => commands.push(Command::SelectPlace(Some(place))),
            Some(MapClick::Empty { lon_deg, lat_deg }) => {
                if let Some((name, scope)) = placing {
                    let fix = PlaceFix::NewPlace { name, lat_deg, lon_deg };
                    commands.push(Command::Correction(CorrectionOutcome::Place(PlaceCorrection { scope, fix })));
                }
            }
            None => {}
        }
    }

    fn windows_ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        if self.show_problems {
            let mut open = true;
            egui::Window::new("Problems").open(&mut open).default_size([620.0, 360.0]).show(ctx, |ui| {
                ui.label(format!("{} could not be read; everything else loaded.", plural(self.problems.len(), "file")));
                egui::ScrollArea::vertical().show(ui, |ui| {
                    for problem in &self.problems {
                        ui.label(problem.to_string());
                    }
                    if !self.session_notes.is_empty() {
                        ui.separator();
                        ui.strong("Session");
                        for note in &self.session_notes {
                            ui.label(note);
                        }
                    }
                });
            });
            if !open {
                commands.push(Command::ShowProblems(false));
            }
        }
        if self.show_about {
            let mut open = true;
            egui::Window::new("About News Atlas").open(&mut open).show(ctx, |ui| {
                ui.label("News Atlas shows where and when the news happened.");
                ui.add_space(6.0);
                ui.label("Place names © GeoNames (geonames.org), CC BY 4.0, modified.");
                ui.label(
                    "Country points: GeoNames (CC BY 4.0) via gvenzl/sample-data (CC BY 4.0); Canada's and other \
                     territories': CIA World Factbook via world-countries, which is made available under the ODbL 1.0.",
                );
                ui.label("Map data: Made with Natural Earth (public domain).");
                ui.label(
                    "Curated places (districts, bases, regions): News Atlas, sources in assets/places-curated.tsv.",
                );
                if let Some(gazetteer) = Gazetteer::bundled_if_loaded() {
                    ui.label(format!(
                        "Gazetteer: {} places, {} names.",
                        gazetteer.places().len(),
                        gazetteer.name_count()
                    ));
                }
            });
            if !open {
                commands.push(Command::ShowAbout(false));
            }
        }
        if self.show_help {
            let mut open = true;
            egui::Window::new("Keyboard shortcuts").open(&mut open).show(ctx, |ui| {
                egui::Grid::new("shortcuts").num_columns(2).striped(true).show(ui, |ui| {
                    for (keys, action) in SHORTCUTS {
                        ui.strong(*keys);
                        ui.label(*action);
                        ui.end_row();
                    }
                });
            });
            if !open {
                commands.push(Command::ShowHelp(false));
            }
        }
        if let Some(dialog) = &mut self.correction {
            let outcome = dialog.ui(ctx, &self.atlas, Gazetteer::bundled());
            commands.extend(outcome.map(Command::Correction));
        }
        if let Some(dialog) = &mut self.file_dialog {
            match dialog.ui(ctx) {
                Some(FileOutcome::Run(action, path)) => commands.push(Command::File(action, path)),
                Some(FileOutcome::Close) => self.file_dialog = None,
                None => {}
            }
        }
        if let Some(chooser) = &mut self.chooser {
            match chooser.ui(ctx) {
                Some(ChooserOutcome::Open(folder)) => commands.push(Command::OpenFolder(folder)),
                Some(ChooserOutcome::Close) => self.chooser = None,
                None => {}
            }
        }
    }

    fn handle_dropped_files(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let (hovering, dropped) = ctx.input(|i| {
            (!i.raw.hovered_files.is_empty(), i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).next())
        });
        if hovering {
            let painter =
                ctx.layer_painter(egui::LayerId::new(egui::Order::Foreground, egui::Id::unique("drop overlay")));
            let rect = ctx.content_rect();
            painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(160));
            painter.text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                "Drop a folder to open it",
                egui::FontId::proportional(28.0),
                egui::Color32::WHITE,
            );
        }
        if let Some(path) = dropped {
            commands.push(Command::OpenFolder(path));
        }
    }

    fn apply(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::PickFolder => match (self.picker)() {
                PickOutcome::Picked(folder) => self.start_load(folder, ctx),
                PickOutcome::Cancelled => {}
                PickOutcome::Unavailable => {
                    let start = self.folder.clone().or_else(std::env::home_dir).unwrap_or_else(|| PathBuf::from("/"));
                    self.chooser = Some(FolderChooser::new(&start));
                }
            },
            Command::OpenFolder(folder) => {
                self.chooser = None;
                self.start_load(folder, ctx);
            }
            Command::Reload => self.start_reload(ctx),
            Command::CancelLoad => {
                if let Some(loader) = &self.loader {
                    loader.cancel();
                }
            }
            Command::SelectPlace(place) => {
                self.selected_place = place;
                self.reader = ReaderView::Passages;
                self.remember_selection();
            }
            Command::Timeline(TimelineCommand::SetWindow(window)) => {
                self.window = window;
                self.remember_selection();
            }
            Command::Search => self.generation += 1,
            Command::Back => self.go_to_history(self.history_pos.saturating_sub(1)),
            Command::Forward => self.go_to_history(self.history_pos + 1),
            Command::ShowHelp(show) => self.show_help = show,
            Command::SaveSelection => {
                let gazetteer = Gazetteer::bundled();
                let place = self.selected_place.map(|p| gazetteer.place(p));
                let window = self.window.and_then(|(a, b)| Some((date_of_day(a)?, date_of_day(b)?)));
                let name = match (place, window) {
                    (Some(p), Some((a, b))) => format!("{}, {a} to {b}", p.name),
                    (Some(p), None) => p.name.clone(),
                    (None, Some((a, b))) => format!("{a} to {b}"),
                    (None, None) => return,
                };
                let selection = session::SavedSelection { name, place: place.map(|p| p.geonameid), window };
                self.change_selections(|saved| saved.push(selection));
            }
            Command::RestoreSelection(index) => {
                let Some(saved) = self.corrector.session().selections.get(index).cloned() else { return };
                let gazetteer = Gazetteer::bundled();
                self.selected_place = saved.place.and_then(|id| self.corrector.place_of_geonameid(id, gazetteer));
                self.window = saved.window.map(|(a, b)| (day_number(a), day_number(b)));
                self.reader = ReaderView::Passages;
                self.remember_selection();
            }
            Command::ForgetSelection(index) => self.change_selections(|saved| {
                if index < saved.len() {
                    saved.remove(index);
                }
            }),
            Command::FocusSearch => self.focus_search = true,
            Command::FitMap => self.fit_to_data = true,
            Command::Timeline(TimelineCommand::SetIncludeUndated(include)) => self.include_undated = include,
            Command::Timeline(TimelineCommand::TogglePlay) => {
                self.playing = match self.playing {
                    Some(_) => {
                        // Paused, the map shows exactly the window: no fading trail.
                        self.trail.clear();
                        None
                    }
                    None => {
                        // Playing from the end starts again from the beginning.
                        let extent = self.time_index.day_extent();
                        if let (Some((_, end)), Some((first, last))) = (self.window, extent)
                            && end >= last
                        {
                            let length = self.window.map_or(0, |(a, b)| b - a);
                            self.window = Some((first, first + length));
                        }
                        Some((Instant::now(), 0.0))
                    }
                };
            }
            Command::Timeline(TimelineCommand::SetSpeed(speed)) => self.play_speed = speed,
            Command::Timeline(TimelineCommand::SetCumulative(cumulative)) => self.cumulative = cumulative,
            Command::Reader(ReaderCommand::OpenArticle { doc, focus }) => {
                self.reader = ReaderView::Article { doc, focus, scrolled: false, date_text: String::new() };
            }
            Command::Reader(ReaderCommand::BackToPassages) => self.reader = ReaderView::Passages,
            Command::Reader(ReaderCommand::Correct { doc, mention }) => {
                self.correction = Some(CorrectionDialog::new(doc, mention));
            }
            Command::Reader(ReaderCommand::SetArticleDate { doc, date }) => {
                let Some(document) = self.atlas.documents().get(doc as usize) else { return };
                let article = document.article.id.clone();
                self.edit_session(|s| s.set_article_date(&article, date), |d| d.article.id == article);
            }
            Command::Correction(outcome) => self.apply_correction(outcome),
            Command::Reader(ReaderCommand::OpenFile(path)) => {
                if let Err(err) = open_in_system(&path) {
                    self.session_notes.push(format!("cannot open {}: {err}", path.display()));
                }
            }
            Command::ShowFileDialog(action) => {
                self.file_dialog = Some(FileDialog::new(action, &self.default_file(action)));
            }
            Command::File(action, path) => self.run_file_action(action, path),
            Command::ShowProblems(show) => self.show_problems = show,
            Command::ShowAbout(show) => self.show_about = show,
        }
    }
}

/// Opens a file in the desktop's default application, without waiting for it.
fn open_in_system(path: &Path) -> std::io::Result<()> {
    let mut command = if cfg!(target_os = "windows") {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else {
        std::process::Command::new("xdg-open")
    };
    command.arg(path).stdin(std::process::Stdio::null()).stdout(std::process::Stdio::null());
    command.stderr(std::process::Stdio::null()).spawn().map(drop)
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

/// Writes the mentions of `atlas` in `window` that `filter` keeps as `format` to `path`: to a temporary file
/// beside it first, renamed over `path` once complete, so a failed export never leaves half a file.
fn export(
    atlas: &Atlas,
    window: &TimeWindow,
    filter: &Filter,
    format: ExportFormat,
    path: &Path,
) -> Result<String, String> {
    let rows = mentions::mention_rows_where(atlas, Gazetteer::bundled(), window, filter);
    let name = path.file_name().map_or_else(|| "export".into(), |n| n.to_string_lossy().into_owned());
    let temporary = path.with_file_name(format!(".{name}.newsatlas-partial"));
    let written = std::fs::File::create(&temporary).and_then(|file| {
        let mut out = std::io::BufWriter::new(file);
        mentions::write(&rows, format, &mut out)?;
        std::io::Write::flush(&mut out)?;
        drop(out);
        std::fs::rename(&temporary, path)
    });
    if let Err(err) = written {
        let _ = std::fs::remove_file(&temporary);
        return Err(format!("cannot write {}: {err}", path.display()));
    }
    Ok(format!("Wrote {} to {}.", plural(rows.len(), "mention"), path.display()))
}
