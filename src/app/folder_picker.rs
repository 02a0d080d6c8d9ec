//! Choosing a folder: the system dialog (rfd) when the desktop has one, else an in-app chooser.
//!
//! On Linux without a desktop portal, rfd's default backend returns "nothing chosen" at once instead of
//! showing a dialog. No person cancels a dialog that fast, so an answer within [`NO_DIALOG_SECS`] is taken
//! to mean there is no system dialog, and the app opens its own chooser: never a dead end.

use std::path::{Path, PathBuf};
use std::time::Instant;

/// An empty answer faster than this means no dialog was shown.
const NO_DIALOG_SECS: f64 = 0.08;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickOutcome {
    Picked(PathBuf),
    Cancelled,
    /// No system dialog could be shown; the caller should offer its own.
    Unavailable,
}

/// A way to ask the user for a folder. The app holds one, so tests can pass a fake.
pub type FolderPicker = Box<dyn FnMut() -> PickOutcome>;

/// The system folder dialog through rfd.
pub fn system_picker() -> FolderPicker {
    Box::new(|| {
        let started = Instant::now();
        match rfd::FileDialog::new().set_title("Open a folder of articles").pick_folder() {
            Some(path) => PickOutcome::Picked(path),
            None if started.elapsed().as_secs_f64() < NO_DIALOG_SECS => PickOutcome::Unavailable,
            None => PickOutcome::Cancelled,
        }
    })
}

/// The in-app chooser: a folder list the user walks through.
#[derive(Debug, Clone)]
pub struct FolderChooser {
    dir: PathBuf,
    path_text: String,
    subfolders: Vec<PathBuf>,
    /// Files of article formats directly in `dir`, so a folder of articles without subfolders does not look
    /// empty.
    article_files: usize,
    error: Option<String>,
    /// The path field has been given the keyboard (once, when the chooser opens).
    focused: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChooserOutcome {
    Open(PathBuf),
    Close,
}

/// "4 article files".
fn article_files_text(files: usize) -> String {
    if files == 1 { "1 article file".to_owned() } else { format!("{files} article files") }
}

impl FolderChooser {
    /// Files of article formats directly in the folder shown.
    pub fn article_files(&self) -> usize {
        self.article_files
    }

    pub fn new(start: &Path) -> FolderChooser {
        let mut chooser = FolderChooser {
            dir: PathBuf::new(),
            path_text: String::new(),
            subfolders: Vec::new(),
            article_files: 0,
            error: None,
            focused: false,
        };
        chooser.enter(start.to_path_buf());
        chooser
    }

    /// Lists `dir`'s subfolders (one directory read, on demand) and moves there if it can be read.
    fn enter(&mut self, dir: PathBuf) {
        match std::fs::read_dir(&dir) {
            Ok(entries) => {
                let visible: Vec<PathBuf> = entries
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
                    .collect();
                let (mut subfolders, files): (Vec<PathBuf>, Vec<PathBuf>) =
                    visible.into_iter().partition(|p| p.is_dir());
                subfolders.sort();
                self.subfolders = subfolders;
                self.article_files = files.iter().filter(|p| crate::corpus::is_supported(p)).count();
                self.path_text = dir.display().to_string();
                self.dir = dir;
                self.error = None;
            }
            Err(err) => self.error = Some(format!("{}: {err}", dir.display())),
        }
    }

    pub fn ui(&mut self, ctx: &egui::Context) -> Option<ChooserOutcome> {
        let mut outcome = None;
        let mut open = true;
        egui::Window::new("Open a folder of articles")
            .open(&mut open)
            .default_size([520.0, 420.0])
            .collapsible(false)
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    let label = ui.label("Folder path");
                    let edit = ui
                        .add(egui::TextEdit::singleline(&mut self.path_text).desired_width(340.0))
                        .labelled_by(label.id);
                    if !std::mem::replace(&mut self.focused, true) {
                        edit.request_focus();
                    }
                    if edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                        self.enter(PathBuf::from(self.path_text.trim()));
                    }
                    if ui.button("Go").clicked() {
                        self.enter(PathBuf::from(self.path_text.trim()));
                    }
                });
                if let Some(error) = &self.error {
                    ui.colored_label(ui.visuals().error_fg_color, error);
                }
                ui.horizontal(|ui| {
                    let parent = self.dir.parent().map(Path::to_path_buf);
                    if ui.add_enabled(parent.is_some(), egui::Button::new("Up one level")).clicked()
                        && let Some(parent) = parent
                    {
                        self.enter(parent);
                    }
                    if let Some(home) = std::env::home_dir()
                        && ui.button("Home").clicked()
                    {
                        self.enter(home);
                    }
                });
                ui.separator();
                let mut next = None;
                egui::ScrollArea::vertical().max_height(260.0).auto_shrink([false, true]).show(ui, |ui| {
                    match (self.article_files, self.subfolders.is_empty()) {
                        (0, true) => ui.weak("No subfolders and no article files here."),
                        (0, false) => ui.weak("No article files directly here; subfolders:"),
                        (files, true) => ui.label(format!("{} here, no subfolders.", article_files_text(files))),
                        (files, false) => ui.label(format!("{} here, and subfolders:", article_files_text(files))),
                    };
                    for folder in &self.subfolders {
                        let name = folder.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                        if ui.selectable_label(false, name).clicked() {
                            next = Some(folder.clone());
                        }
                    }
                });
                if let Some(folder) = next {
                    self.enter(folder);
                }
                ui.separator();
                ui.horizontal(|ui| {
                    if ui.button("Open this folder").clicked() {
                        outcome = Some(ChooserOutcome::Open(self.dir.clone()));
                    }
                    if ui.button("Cancel").clicked() {
                        outcome = Some(ChooserOutcome::Close);
                    }
                });
            });
        if !open {
            outcome = Some(ChooserOutcome::Close);
        }
        outcome
    }
}
