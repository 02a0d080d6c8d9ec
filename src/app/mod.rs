//! Everything egui: the News Atlas window, with the map, the timeline and the reader kept in step.
//!
//! Data flows one way: the [`loader`] thread analyses files into documents, the app adds them to its
//! [`Atlas`], and the views read the atlas. Views return commands; [`NewsAtlasApp`] applies them once per
//! frame, so every change of selection or time window goes through one place.

pub mod basemap;
pub mod folder_picker;
pub mod loader;
pub mod map;
pub mod reader;
pub mod timeline;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::corpus::{Problem, ReadOptions, Snapshot};
use crate::gazetteer::{Gazetteer, PlaceId};
use crate::index::{Atlas, DayNumber, TimeIndex, TimeWindow};
use basemap::{Basemap, project};
use folder_picker::{ChooserOutcome, FolderChooser, FolderPicker, PickOutcome};
use loader::{LoadMessage, Loader};
use map::{MapMemory, Marker};
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
    let folder = folder.or_else(|| Some(sample_folder()).filter(|p| p.is_dir()));
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
        Box::new(move |_cc| {
            let mut app = NewsAtlasApp::new(folder, folder_picker::system_picker());
            if std::env::var_os("NEWSATLAS_REPORT_STARTUP").is_some() {
                app.launched = Some(launched);
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|err| anyhow::anyhow!("cannot open the window: {err}"))
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
}

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
    atlas: Atlas,
    /// The atlas's events sorted for window queries; rebuilt as documents arrive (see `refresh_index`).
    time_index: TimeIndex,
    /// How many events `time_index` holds, and when it was built.
    indexed: (usize, Instant),
    problems: Vec<Problem>,
    folder: Option<PathBuf>,
    /// Path, size and modification time of each file of the last load, for Reload.
    snapshot: Snapshot,
    pending_open: Option<PathBuf>,
    loader: Option<Loader>,
    progress: LoadProgress,
    map: MapMemory,
    map_fitted: bool,
    timeline: TimelineState,
    window: Option<(DayNumber, DayNumber)>,
    include_undated: bool,
    selected_place: Option<PlaceId>,
    reader: ReaderView,
    markers: Vec<Marker>,
    /// Title and projected position of each place shown so far: they do not change with the window.
    marker_places: HashMap<PlaceId, (Arc<str>, [f64; 2])>,
    markers_for: Option<(TimeWindow, usize)>,
    show_problems: bool,
    show_about: bool,
    chooser: Option<FolderChooser>,
    picker: FolderPicker,
    /// When the process started, while the first frame is still to be reported.
    launched: Option<Instant>,
}

/// Load messages handled per frame at most, so a fast loader cannot stall the UI.
const MESSAGE_BUDGET: Duration = Duration::from_millis(8);
/// How often the time index is rebuilt while a load is running.
const INDEX_REFRESH: Duration = Duration::from_millis(500);

impl NewsAtlasApp {
    /// An app that starts loading `folder` on its first frame, and asks `picker` for folders.
    pub fn new(folder: Option<PathBuf>, picker: FolderPicker) -> NewsAtlasApp {
        NewsAtlasApp {
            basemap: Basemap::bundled(),
            atlas: Atlas::new(),
            time_index: TimeIndex::default(),
            indexed: (0, Instant::now()),
            problems: Vec::new(),
            folder: None,
            snapshot: Snapshot::default(),
            pending_open: folder,
            loader: None,
            progress: LoadProgress::default(),
            map: MapMemory::default(),
            map_fitted: false,
            timeline: TimelineState::default(),
            window: None,
            include_undated: true,
            selected_place: None,
            reader: ReaderView::default(),
            markers: Vec::new(),
            marker_places: HashMap::new(),
            markers_for: None,
            show_problems: false,
            show_about: false,
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
        app.atlas = atlas;
        app
    }

    pub fn atlas(&self) -> &Atlas {
        &self.atlas
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

    /// Draws the whole window into `ui` (also what the UI tests drive).
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if let Some(folder) = self.pending_open.take() {
            self.start_load(folder, &ctx);
        }
        self.drain_loader();
        self.refresh_index();
        self.refresh_markers();

        let mut commands = Vec::new();
        egui::Panel::top("menu").show(ui, |ui| self.top_bar_ui(ui, &mut commands));
        egui::Panel::bottom("timeline").resizable(true).default_size(190.0).show(ui, |ui| {
            let view = timeline::TimelineView {
                index: &self.time_index,
                undated_documents: self.atlas.undated_documents(),
                window: self.window,
                include_undated: self.include_undated,
                selected_place: self.selected_place,
            };
            let command = timeline::timeline_ui(ui, &mut self.timeline, &view);
            commands.extend(command.map(Command::Timeline));
        });
        egui::Panel::right("reader")
            .resizable(true)
            .default_size(400.0)
            .show(ui, |ui| self.reader_ui(ui, &mut commands));
        egui::CentralPanel::default().show(ui, |ui| self.map_panel_ui(ui, &mut commands));
        self.windows_ui(&ctx, &mut commands);
        self.handle_dropped_files(&ctx, &mut commands);
        if ctx.input(|i| i.key_pressed(egui::Key::Escape)) && !ctx.egui_wants_keyboard_input() {
            commands.push(Command::SelectPlace(None));
        }

        for command in commands {
            self.apply(command, &ctx);
        }
        if self.loader.is_some() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
    }

    fn start_load(&mut self, folder: PathBuf, ctx: &egui::Context) {
        let wake_ctx = ctx.clone();
        self.loader = Some(Loader::start(folder.clone(), ReadOptions::default(), move || wake_ctx.request_repaint()));
        self.folder = Some(folder);
        self.atlas = Atlas::new();
        self.time_index = TimeIndex::default();
        self.indexed = (0, Instant::now());
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
                self.atlas.add(document.clone());
            }
        }
        self.problems.retain(|problem| unchanged.contains(problem.path.as_path()));
        self.time_index = TimeIndex::default();
        self.indexed = (0, Instant::now());
        self.markers_for = None;
        // Document ids change as the atlas is rebuilt; an open article falls back to the passage list.
        self.reader = ReaderView::Passages;
    }

    fn drain_loader(&mut self) {
        if self.loader.is_none() {
            return;
        }
        let started = Instant::now();
        let mut finished = false;
        while started.elapsed() < MESSAGE_BUDGET {
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
                        self.atlas.add(document);
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
        }
    }

    /// Re-sorts the events for window queries when documents arrived: at once when loading is over, and
    /// at most every [`INDEX_REFRESH`] while it goes on, so the map fills in without costing every frame.
    fn refresh_index(&mut self) {
        let events = self.atlas.events().len();
        let (indexed, built_at) = self.indexed;
        let due = self.loader.is_none() || built_at.elapsed() >= INDEX_REFRESH;
        if events != indexed && due {
            self.time_index = TimeIndex::build(&self.atlas);
            self.indexed = (events, Instant::now());
        }
        self.time_index.set_window(&self.time_window());
    }

    fn refresh_markers(&mut self) {
        let key = (self.time_window(), self.indexed.0);
        if self.markers_for == Some(key) {
            return;
        }
        if self.indexed.0 == 0 {
            self.markers.clear();
            self.markers_for = Some(key);
            return;
        }
        // Loaded by the loader thread before it sent any event, so this does not wait.
        let gazetteer = Gazetteer::bundled();
        let places = &mut self.marker_places;
        // Most mentioned first, as `place_counts` sorts them: the map draws small markers on top.
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
                if ui.button("Quit").clicked() {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
            ui.menu_button("Help", |ui| {
                if ui.button("About News Atlas").clicked() {
                    commands.push(Command::ShowAbout(true));
                }
            });
            ui.separator();
            self.status_ui(ui, commands);
        });
    }

    fn status_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let folder = self.folder.as_ref().map_or_else(|| "No folder open".to_owned(), |f| f.display().to_string());
        ui.label(egui::RichText::new(folder).strong());
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
        if !self.problems.is_empty() {
            let text = format!("Problems: {}", self.problems.len());
            if ui.button(egui::RichText::new(text).color(ui.visuals().warn_fg_color)).clicked() {
                commands.push(Command::ShowProblems(true));
            }
        }
    }

    fn reader_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let command = match (&self.reader, self.selected_place) {
            (ReaderView::Article { .. }, _) => reader::article_ui(ui, &self.atlas, &mut self.reader),
            (ReaderView::Passages, Some(place)) => {
                reader::passages_ui(ui, &self.atlas, Gazetteer::bundled(), place, &self.time_window())
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

    fn map_panel_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let mentions: u32 = self.markers.iter().map(|m| m.mentions).sum();
        let window = match self.window {
            Some((a, b)) => format!(
                "{} to {}",
                crate::index::date_of_day(a).map_or_else(String::new, |d| d.to_string()),
                crate::index::date_of_day(b).map_or_else(String::new, |d| d.to_string())
            ),
            None => "all dates".to_owned(),
        };
        ui.label(format!(
            "Showing {} · {} · {window}",
            plural(self.markers.len(), "place"),
            plural(mentions as usize, "mention")
        ));
        let rect = ui.available_rect_before_wrap();
        if !self.map_fitted && rect.width() > 0.0 {
            self.map.fit_world(rect);
            self.map_fitted = true;
        }
        if let Some(place) = map::map_ui(ui, &mut self.map, self.basemap, &self.markers, self.selected_place) {
            commands.push(Command::SelectPlace(Some(place)));
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
                ui.label("Map data: Made with Natural Earth (public domain).");
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
            }
            Command::Timeline(TimelineCommand::SetWindow(window)) => self.window = window,
            Command::Timeline(TimelineCommand::SetIncludeUndated(include)) => self.include_undated = include,
            Command::Reader(ReaderCommand::OpenArticle { doc, focus }) => {
                self.reader = ReaderView::Article { doc, focus, scrolled: false };
            }
            Command::Reader(ReaderCommand::BackToPassages) => self.reader = ReaderView::Passages,
            Command::ShowProblems(show) => self.show_problems = show,
            Command::ShowAbout(show) => self.show_about = show,
        }
    }
}

impl eframe::App for NewsAtlasApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
        if let Some(launched) = self.launched.take() {
            eprintln!("first frame {:.0} ms after launch", launched.elapsed().as_secs_f64() * 1e3);
        }
    }
}
