//! What the user can ask for ([`Command`]), collected from the views during a frame and applied at its end
//! by [`NewsAtlasApp::apply`], so every change of selection, window or session goes through one place; and
//! the keyboard shortcuts that produce them.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::NewsAtlasApp;
use super::corrections::{CorrectionDialog, CorrectionOutcome};
use super::file_dialog::{FileAction, FileDialog};
use super::folder_picker::{FolderChooser, PickOutcome};
use super::history::Selection;
use super::reader::{ReaderCommand, ReaderView};
use super::timeline::TimelineCommand;
use crate::export::mentions::ExportFormat;
use crate::gazetteer::PlaceId;
use crate::index::{date_of_day, day_number};
use crate::session::{self, PlaceFix};

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
    /// F6 / Shift+F6: the keyboard to the next (or previous) panel.
    FocusPanel {
        back: bool,
    },
    /// Centre and zoom the map on the places shown.
    FitMap,
    /// Keep the selected place and date window in the session under a name.
    SaveSelection,
    RestoreSelection(usize),
    ForgetSelection(usize),
    /// Esc: closes the dialog on top, or clears the selection when none is open.
    Escape,
    /// Edit > Undo and Redo of corrections and dates set by hand.
    Undo,
    Redo,
    /// Open (or close) the review window.
    ShowReview(bool),
    /// Open (or close) the article table.
    ShowArticles(bool),
    Review(super::review::ReviewOutcome),
}

/// The keyboard shortcuts, as the Help window lists them.
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("Ctrl+O", "Open a folder"),
    ("Ctrl+F", "Search"),
    ("Ctrl+E", "Export GeoJSON"),
    ("Esc", "Close the dialog on top, else clear the selection"),
    ("Ctrl+Z / Ctrl+Shift+Z", "Undo / redo a correction"),
    ("Alt+Left / Alt+Right", "Back / forward through selections"),
    ("Space", "Play / pause the timeline"),
    ("+ / -", "Zoom the map in / out"),
    ("Home", "Show all places on the map"),
    ("Arrow keys", "Pan the map; with a marker ringed, go to the nearest marker that way"),
    ("Tab / Shift+Tab", "Move between controls, markers and passages; Enter or Space presses the ringed one"),
    ("F6 / Shift+F6", "Move the keyboard to the next / previous panel: places, map, timeline, passages"),
    ("F1", "This help"),
];

/// Keyboard shortcuts (see [`SHORTCUTS`]); letters only while no text field has the keyboard.
pub(super) fn shortcuts(ctx: &egui::Context, commands: &mut Vec<Command>) {
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
        if i.consume_key(Modifiers::SHIFT, Key::F6) {
            commands.push(Command::FocusPanel { back: true });
        }
        if i.consume_key(Modifiers::NONE, Key::F6) {
            commands.push(Command::FocusPanel { back: false });
        }
        if i.consume_key(Modifiers::NONE, Key::F1) {
            commands.push(Command::ShowHelp(true));
        }
        if !typing && i.consume_key(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z) {
            commands.push(Command::Redo);
        }
        if !typing && i.consume_key(Modifiers::COMMAND, Key::Z) {
            commands.push(Command::Undo);
        }
        if !typing && i.consume_key(Modifiers::NONE, Key::Escape) {
            commands.push(Command::Escape);
        }
        if !typing && i.consume_key(Modifiers::NONE, Key::Home) {
            commands.push(Command::FitMap);
        }
        if !typing && i.consume_key(Modifiers::NONE, Key::Space) {
            commands.push(Command::Timeline(TimelineCommand::TogglePlay));
        }
    });
}

impl NewsAtlasApp {
    /// Records the selection shown now in the history.
    fn remember_selection(&mut self) {
        self.history.remember(Selection { place: self.selected_place, window: self.window });
    }

    /// Shows a selection from the history.
    fn show_selection(&mut self, selection: Option<Selection>) {
        if let Some(selection) = selection {
            self.selected_place = selection.place;
            self.window = selection.window;
            self.reader = ReaderView::Passages;
        }
    }

    pub(super) fn apply(&mut self, command: Command, ctx: &egui::Context) {
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
            Command::ShowReview(show) => self.review = show.then(super::review::ReviewWindow::default),
            Command::ShowArticles(show) => self.articles = show.then(super::articles::ArticleTable::default),
            Command::Review(outcome) => match outcome {
                super::review::ReviewOutcome::Verify(key) => self.edit_session(|s| s.verify(key), |_| false),
                super::review::ReviewOutcome::Correct { doc, mention } => {
                    self.correction = Some(CorrectionDialog::new(doc, mention));
                }
                super::review::ReviewOutcome::Close => self.review = None,
            },
            Command::Undo => self.undo_edit(false),
            Command::Redo => self.undo_edit(true),
            Command::Escape => {
                // One dialog at a time, in this order: the folder chooser and file dialogs, the correction dialog,
                // the review and article windows, then the windows that only show something (`||` stops at the
                // first one closed).
                let closed = self.chooser.take().is_some()
                    || self.file_dialog.take().is_some()
                    || self.correction.take().is_some()
                    || self.review.take().is_some()
                    || self.articles.take().is_some()
                    || std::mem::take(&mut self.show_help)
                    || std::mem::take(&mut self.show_problems)
                    || std::mem::take(&mut self.show_about);
                if !closed {
                    self.apply(Command::SelectPlace(None), ctx);
                }
            }
            Command::SelectPlace(place) => {
                self.selected_place = place;
                // A place picked in a narrow window unfolds the reader, which lists its passages.
                if place.is_some() {
                    self.folds.reader = Some(false);
                }
                self.reader = ReaderView::Passages;
                self.remember_selection();
            }
            Command::Timeline(TimelineCommand::SetWindow(window)) => {
                self.window = window;
                self.remember_selection();
            }
            Command::Search => self.live.invalidate(),
            Command::Back => {
                let selection = self.history.back();
                self.show_selection(selection);
            }
            Command::Forward => {
                let selection = self.history.forward();
                self.show_selection(selection);
            }
            Command::ShowHelp(show) => self.show_help = show,
            Command::SaveSelection => {
                // A place is selected only once the gazetteer is there.
                let place = self.selected_place.zip(self.gazetteer.as_deref()).map(|(p, gazetteer)| gazetteer.place(p));
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
                self.selected_place = saved.place.and_then(|id| self.place_of_geonameid(id));
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
            Command::FocusPanel { back } => {
                let next = self.panel_focus_last.step(back);
                // The keyboard cannot go into a folded panel: F6 unfolds it.
                match next {
                    super::PanelFocus::Places => self.folds.places = Some(false),
                    super::PanelFocus::Reader => self.folds.reader = Some(false),
                    _ => {}
                }
                self.panel_focus_last = next;
                self.panel_focus = Some(next);
            }
            Command::FitMap => self.fit_to_data = true,
            Command::Timeline(TimelineCommand::SetIncludeUndated(include)) => self.include_undated = include,
            Command::Timeline(TimelineCommand::TogglePlay) => {
                if self.playback.is_playing() {
                    // Paused, the map shows exactly the window: no fading trail.
                    self.trail.clear();
                    self.playback.pause();
                } else {
                    let extent = self.live.time_index().day_extent();
                    self.playback.play(Instant::now(), &mut self.window, extent);
                }
            }
            Command::Timeline(TimelineCommand::SetSpeed(speed)) => self.playback.speed = speed,
            Command::Timeline(TimelineCommand::SetCumulative(cumulative)) => self.playback.cumulative = cumulative,
            Command::Reader(ReaderCommand::OpenArticle { doc, focus }) => {
                self.reader = ReaderView::Article { doc, focus, scrolled: false, date_text: String::new() };
            }
            Command::Reader(ReaderCommand::BackToPassages) => self.reader = ReaderView::Passages,
            Command::Reader(ReaderCommand::NextArticle { doc, place }) => {
                let passages = self.atlas.passages_of_place_where(place, &self.time_window(), self.live.filter());
                let onward = passages
                    .iter()
                    .rposition(|p| p.doc == doc)
                    .and_then(|here| passages[here + 1..].iter().find(|p| p.doc != doc));
                if let Some(passage) = onward {
                    let focus = passage.mentions.first().cloned();
                    self.reader =
                        ReaderView::Article { doc: passage.doc, focus, scrolled: false, date_text: String::new() };
                }
            }
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

    fn apply_correction(&mut self, outcome: CorrectionOutcome) {
        match outcome {
            CorrectionOutcome::Close => self.correction = None,
            CorrectionOutcome::Place(correction) => {
                let scope = correction.scope.clone();
                let fix = correction.fix.clone();
                self.edit_session(|s| s.correct_place(correction), |d| scope.may_touch(d));
                let moved_to = match fix {
                    PlaceFix::Place { geonameid } => self.place_of_geonameid(geonameid),
                    PlaceFix::NewPlace { name, lat_deg, lon_deg } => {
                        self.gazetteer.as_ref().map(|gazetteer| gazetteer.add_user_place(&name, lat_deg, lon_deg))
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
