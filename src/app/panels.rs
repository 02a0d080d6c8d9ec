//! The panels around the map and the map's own header: the menu bar with the status of the load, the
//! timeline, the place list, the reader, the search bar, and the map panel. Each reads the app's state and
//! pushes [`Command`]s; the few widgets that edit state directly (the search field, the map's memory) own it.

use super::corrections::{CorrectionDialog, CorrectionOutcome};
use super::file_dialog::FileAction;
use super::map::{self, MapClick};
use super::reader::{self, ReaderView, plural};
use super::{Command, NewsAtlasApp, PanelFocus, timeline};
use crate::export::mentions::ExportFormat;
use crate::index::Certainty;
use crate::session::{PlaceCorrection, PlaceFix};

/// The most saved selections the Selections menu lists (the latest ones).
const MENU_SELECTIONS: usize = 50;

impl NewsAtlasApp {
    pub(super) fn timeline_panel_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let article_days = self.article_days();
        let view = timeline::TimelineView {
            index: self.live.time_index(),
            undated_documents: self.atlas.undated_documents(),
            window: self.window,
            include_undated: self.include_undated,
            selected_place: self.selected_place,
            article_days: &article_days,
            playing: self.playback.is_playing(),
            speed: self.playback.speed,
            cumulative: self.playback.cumulative,
        };
        self.timeline.focus_from |= self.panel_focus.take_if(|p| *p == PanelFocus::Timeline).is_some();
        let command = timeline::timeline_ui(ui, &mut self.timeline, &view);
        commands.extend(command.map(Command::Timeline));
    }

    pub(super) fn places_panel_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let key = self.live.key(self.time_window());
        self.place_list.focus_filter |= self.panel_focus.take_if(|p| *p == PanelFocus::Places).is_some();
        match self.gazetteer.as_deref().filter(|_| !self.live.time_index().is_empty()) {
            Some(gazetteer) => {
                let clicked = self.place_list.ui(ui, self.live.time_index(), gazetteer, key, self.selected_place);
                commands.extend(clicked.map(|place| Command::SelectPlace(Some(place))));
            }
            None => {
                ui.heading("Places");
                ui.weak("No places yet.");
            }
        }
    }

    pub(super) fn top_bar_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
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
            ui.menu_button("Edit", |ui| {
                let undo = format!("Undo correction ({})", self.undo.undoable());
                if ui.add_enabled(self.undo.undoable() > 0, egui::Button::new(undo)).clicked() {
                    commands.push(Command::Undo);
                }
                let redo = format!("Redo correction ({})", self.undo.redoable());
                if ui.add_enabled(self.undo.redoable() > 0, egui::Button::new(redo)).clicked() {
                    commands.push(Command::Redo);
                }
                ui.separator();
                if ui.add_enabled(self.gazetteer.is_some(), egui::Button::new("Review uncertain places…")).clicked() {
                    commands.push(Command::ShowReview(true));
                }
            });
            ui.menu_button("View", |ui| {
                if ui.button("Article table…").clicked() {
                    commands.push(Command::ShowArticles(true));
                }
                ui.separator();
                ui.weak("Colour the markers");
                for colour in map::MarkerColour::ALL {
                    ui.radio_value(&mut self.marker_colour, colour, colour.label()).on_hover_text(colour.meaning());
                }
                ui.checkbox(&mut self.show_density, "Density view")
                    .on_hover_text("Hexagons shaded by the mentions of the places inside, instead of markers");
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
                // However many a session holds, the menu lists the latest few: its cost is bounded.
                let first_shown = saved.len().saturating_sub(MENU_SELECTIONS);
                if first_shown > 0 {
                    ui.weak(format!("{first_shown} older selections not listed"));
                }
                for (index, selection) in saved.iter().enumerate().skip(first_shown) {
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
                if ui.button("Open a folder…").clicked() {
                    commands.push(Command::PickFolder);
                }
            }
        }
        let p = &self.progress;
        if self.loader.is_some() {
            let total = p.files_total.unwrap_or(0);
            let fraction = if total == 0 { 0.0 } else { p.files_done as f32 / total as f32 };
            let text = match p.files_total {
                Some(total) if p.bytes_read_in_file > 0 => format!(
                    "Reading {} / {} files ({} MB of a large file) · {} found",
                    p.files_done,
                    total,
                    p.bytes_read_in_file >> 20,
                    plural(p.places_found, "place")
                ),
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
            let cached = match p.files_cached {
                0 => String::new(),
                n if Some(n) == p.files_total => " (from the cache)".to_owned(),
                n => format!(" ({n} of {} files from the cache)", p.files_total.unwrap_or(n)),
            };
            let label = ui.label(format!(
                "{} · {} mentions · read in {secs:.1} s{cached}{cancelled}",
                plural(p.articles, "article"),
                p.places_found
            ));
            if p.files_cached > 0 {
                label.on_hover_text(format!(
                    "{} unchanged since the folder was last opened: their analysis came from the cache",
                    plural(p.files_cached, "file")
                ));
            }
        }
        let problems = self.problems.len() + self.session_notes.len();
        if problems > 0 {
            let text = format!("Problems: {problems}");
            if ui.button(egui::RichText::new(text).color(ui.visuals().warn_fg_color)).clicked() {
                commands.push(Command::ShowProblems(true));
            }
        }
    }

    pub(super) fn reader_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        // An article is open, or a place selected, only once documents came, after the gazetteer.
        let focus = self.panel_focus.take_if(|p| *p == PanelFocus::Reader).is_some();
        let command = match (&self.reader, self.selected_place, self.gazetteer.as_deref()) {
            (ReaderView::Article { .. }, _, Some(gazetteer)) => {
                reader::article_ui(ui, &self.atlas, gazetteer, self.folder.as_deref(), &mut self.reader, focus)
            }
            (ReaderView::Passages, Some(place), Some(gazetteer)) => {
                let window = self.time_window();
                reader::passages_ui(ui, &self.atlas, gazetteer, place, &window, self.live.filter(), focus)
            }
            _ => {
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
                    egui::TextEdit::singleline(&mut self.query.text)
                        .hint_text("words, place, country or folder")
                        .desired_width(200.0),
                )
                .labelled_by(label.id)
                .on_hover_text("Every word must match; \"a phrase\", -excluded, this OR that");
            if std::mem::take(&mut self.focus_search) {
                field.request_focus();
            }
            if field.changed() {
                commands.push(Command::Search);
            }
            let before = self.query.certainty;
            egui::ComboBox::from_label("Dates").selected_text(self.query.certainty.label()).show_ui(ui, |ui| {
                for certainty in Certainty::ALL {
                    ui.selectable_value(&mut self.query.certainty, certainty, certainty.label());
                }
            });
            if self.query.certainty != before {
                commands.push(Command::Search);
            }
            if self.live.is_searching() {
                ui.spinner();
                ui.weak("Searching…");
            }
            ui.checkbox(&mut self.show_links, "Links")
                .on_hover_text("Lines between places named in the same passage, thicker for more passages");
            if !self.live.filter().is_everything() {
                ui.weak(format!("{} of {} mentions match", self.live.time_index().len(), self.atlas.events().len()));
                if ui.button("Clear search").clicked() {
                    self.query.text.clear();
                    self.query.certainty = Certainty::Any;
                    commands.push(Command::Search);
                }
            }
        });
    }

    pub(super) fn map_panel_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
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
            ui.checkbox(&mut self.show_density, "Density").on_hover_text(
                "Hexagons shaded by the mentions of the places inside, for folders too dense for markers",
            );
        });
        let rect = ui.available_rect_before_wrap();
        if !self.map_fitted && rect.width() > 0.0 {
            self.map.fit_world(rect);
            self.map_fitted = true;
        }
        let before = self.last_map_rect.replace(rect);
        let settled = before == Some(rect);
        // The window was resized (not a panel dragged): the map keeps showing what it showed.
        let screen = ui.ctx().content_rect().size();
        if let Some(before) = before
            && self.map_fitted
            && self.last_screen.replace(screen).is_some_and(|last| last != screen)
        {
            self.map.keep_view_on_resize(before, rect);
        }
        if self.fit_to_data && rect.width() > 0.0 && self.live.indexed_events() == self.atlas.events().len() {
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
        let mut overlays = self.overlays();
        overlays.focus = self.panel_focus.take_if(|p| *p == PanelFocus::Map).is_some();
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
}
