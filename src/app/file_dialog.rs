//! The dialog for writing and reading files the user names: exports and session files.
//!
//! The path is a text field, filled with a sensible default, with *Browse…* for the system dialog where the
//! desktop has one (rfd); like the folder chooser, it works without a desktop portal.

use std::path::{Path, PathBuf};

use crate::export::mentions::ExportFormat;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileAction {
    Export(ExportFormat),
    SaveSession,
    OpenSession,
}

impl FileAction {
    fn title(self) -> String {
        match self {
            FileAction::Export(format) => format!("Export {}", format.label()),
            FileAction::SaveSession => "Save session as".to_owned(),
            FileAction::OpenSession => "Open session".to_owned(),
        }
    }

    fn button(self) -> &'static str {
        match self {
            FileAction::Export(_) => "Export",
            FileAction::SaveSession => "Save",
            FileAction::OpenSession => "Open",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum FileOutcome {
    Run(FileAction, PathBuf),
    Close,
}

#[derive(Debug, Clone)]
pub struct FileDialog {
    pub action: FileAction,
    path_text: String,
    /// The result of the last attempt, shown under the field: (is an error, message).
    pub message: Option<(bool, String)>,
    /// The path field has been given the keyboard (once, when the dialog opens).
    focused: bool,
}

impl FileDialog {
    /// A dialog for `action`, its path field set to `default`.
    pub fn new(action: FileAction, default: &Path) -> FileDialog {
        FileDialog { action, path_text: default.display().to_string(), message: None, focused: false }
    }

    pub fn ui(&mut self, ctx: &egui::Context) -> Option<FileOutcome> {
        let mut outcome = None;
        let mut open = true;
        egui::Window::new(self.action.title()).open(&mut open).default_width(520.0).show(ctx, |ui| {
            if let FileAction::Export(_) = self.action {
                ui.label("Exports the mentions shown now: the date window and the search, with your corrections.");
            }
            ui.horizontal(|ui| {
                let label = ui.label("File");
                let field =
                    ui.add(egui::TextEdit::singleline(&mut self.path_text).desired_width(360.0)).labelled_by(label.id);
                // The dialog takes the keyboard when it opens: type the path, or Esc to close it.
                if !std::mem::replace(&mut self.focused, true) {
                    field.request_focus();
                }
                if ui.button("Browse…").clicked()
                    && let Some(path) = self.browse()
                {
                    self.path_text = path.display().to_string();
                }
            });
            if ui.button(self.action.button()).clicked() && !self.path_text.trim().is_empty() {
                outcome = Some(FileOutcome::Run(self.action, PathBuf::from(self.path_text.trim())));
            }
            if let Some((is_error, message)) = &self.message {
                let color = if *is_error { ui.visuals().error_fg_color } else { ui.visuals().text_color() };
                ui.colored_label(color, message);
            }
        });
        if !open {
            return Some(FileOutcome::Close);
        }
        outcome
    }

    /// The system file dialog, when there is one (without a desktop portal rfd returns nothing at once).
    fn browse(&self) -> Option<PathBuf> {
        let current = PathBuf::from(self.path_text.trim());
        let mut dialog = rfd::FileDialog::new();
        if let Some(folder) = current.parent().filter(|p| p.is_dir()) {
            dialog = dialog.set_directory(folder);
        }
        if let Some(name) = current.file_name() {
            dialog = dialog.set_file_name(name.to_string_lossy());
        }
        match self.action {
            FileAction::OpenSession => dialog.pick_file(),
            FileAction::Export(_) | FileAction::SaveSession => dialog.save_file(),
        }
    }
}
