//! What the file dialog runs: exports of the mentions shown (written in the background, atomically), and
//! saving or opening a session file.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::NewsAtlasApp;
use super::background::{self, Poll};
use super::file_dialog::FileAction;
use super::reader::plural;
use crate::atomic_write::AtomicFile;
use crate::export::mentions::{self, ExportFormat};
use crate::gazetteer::Gazetteer;
use crate::index::{Atlas, Document, Filter, TimeWindow};
use crate::session::{self, Session};

impl NewsAtlasApp {
    /// The lock of the session file at `path` for *Save session as…*: the one this window holds when `path` is
    /// its own session file (a second lock on it would be refused, as if another window held it), else a new
    /// one.
    fn lock_session_file(&mut self, path: &Path) -> std::io::Result<Option<session::store::SessionLock>> {
        let canonical = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
        let own = self.session_lock.is_some()
            && self.session_path.as_deref().is_some_and(|own| canonical(own) == canonical(path));
        if own { Ok(self.session_lock.take()) } else { session::store::lock(path) }
    }

    pub(super) fn run_file_action(&mut self, action: FileAction, path: PathBuf) {
        let result: Result<String, String> = match action {
            FileAction::Export(_) if self.export_job.is_some() => Err("An export is still being written.".to_owned()),
            FileAction::Export(format) => {
                self.start_export(format, path);
                Ok("Writing…".to_owned())
            }
            FileAction::SaveSession => match self.lock_session_file(&path) {
                Ok(Some(lock)) => {
                    self.session_path = Some(path.clone());
                    self.session_lock = Some(lock);
                    let notes = self.session_notes.len();
                    self.save_session();
                    match self.session_notes.get(notes) {
                        Some(error) => Err(error.clone()),
                        None => {
                            Ok(format!("Saved the session to {}; changes are saved there from now on.", path.display()))
                        }
                    }
                }
                Ok(None) => Err(format!("{} is the session of another News Atlas window.", path.display())),
                Err(err) => Err(format!("cannot lock {}: {err}", path.display())),
            },
            FileAction::OpenSession => match Session::load(&path) {
                Ok(mut session) => {
                    let clamped = session.clamp();
                    let view = session.view.clone();
                    // The lock of the session being left goes before this one's is taken: it may be the same.
                    self.session_lock = None;
                    let lock = session::store::lock(&path).ok().flatten();
                    let read_only = lock.is_none();
                    self.session_lock = lock;
                    self.session_path = Some(path.clone());
                    let everything = |_: &Document| true;
                    self.edit_session(|s| *s = session, everything);
                    // Another session file: the edits of the one before are not this one's to undo.
                    self.undo.clear();
                    self.restore_view(&view);
                    self.session_notes = self.corrector.unapplied();
                    self.session_notes.extend(clamped);
                    if read_only {
                        self.session_notes.push(format!(
                            "{} is the session of another News Atlas window: changes made here are not saved",
                            path.display()
                        ));
                    }
                    Ok(format!("Opened the session {}.", path.display()))
                }
                Err(err) => Err(err.to_string()),
            },
        };
        self.show_file_message(result);
    }

    /// Writes the mentions in the current window, with corrections, as `format`, through the background
    /// runner so the window goes on while a large export is written; [`Self::poll_export`] shows the result.
    fn start_export(&mut self, format: ExportFormat, path: PathBuf) {
        let (atlas, window, filter) = (self.atlas.clone(), self.time_window(), self.live.filter().clone());
        let gazetteer = self.gazetteer.clone();
        let spawned = background::spawn("newsatlas-export", background::no_wake(), move |reporter| {
            // A folder exported before its first article arrived: the export's thread, not the window's, waits
            // for the gazetteer.
            let gazetteer = gazetteer.as_deref().unwrap_or_else(|| Gazetteer::bundled());
            let result = export(&atlas, gazetteer, &window, &filter, format, &path);
            // Let go of the atlas before the result is seen, as a search does.
            drop(atlas);
            reporter.send(result);
        });
        match spawned {
            Ok(job) => self.export_job = Some(job),
            Err(err) => self.show_file_message(Err(format!("cannot start the export: {err}"))),
        }
    }

    /// Shows a finished export's result in the file dialog; keeps frames coming while one runs.
    pub(super) fn poll_export(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.export_job else { return };
        match job.poll() {
            Poll::Message(result) => {
                self.export_job = None;
                self.show_file_message(result);
            }
            Poll::Waiting => ctx.request_repaint_after(Duration::from_millis(50)),
            Poll::Ended => {
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
    pub(super) fn default_file(&self, action: FileAction) -> PathBuf {
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
}

/// Writes the mentions of `atlas` in `window` that `filter` keeps as `format` to `path`, with the one atomic
/// writer ([`crate::atomic_write`]), so a failed export never leaves half a file.
fn export(
    atlas: &Atlas,
    gazetteer: &Gazetteer,
    window: &TimeWindow,
    filter: &Filter,
    format: ExportFormat,
    path: &Path,
) -> Result<String, String> {
    let rows = mentions::mention_rows_where(atlas, gazetteer, window, filter);
    let written = AtomicFile::create(path).and_then(|mut out| {
        mentions::write(&rows, format, &mut out)?;
        out.commit()
    });
    if let Err(err) = written {
        return Err(format!("cannot write {}: {err}", path.display()));
    }
    Ok(format!("Wrote {} to {}.", plural(rows.len(), "mention"), path.display()))
}
