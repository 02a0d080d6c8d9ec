//! The article table: every article of the folder with its title, date, file and number of place mentions,
//! sortable and filtered by words of the title or path, as document tools (Datashare, Palladio) list them.
//! A click opens the article in the reader.

use std::cmp::Reverse;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::index::{Atlas, DocId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ArticleSort {
    #[default]
    Date,
    Title,
    File,
    Places,
}

impl ArticleSort {
    const ALL: [ArticleSort; 4] = [ArticleSort::Date, ArticleSort::Title, ArticleSort::File, ArticleSort::Places];

    fn label(self) -> &'static str {
        match self {
            ArticleSort::Date => "Date",
            ArticleSort::Title => "Title",
            ArticleSort::File => "File",
            ArticleSort::Places => "Places",
        }
    }
}

#[derive(Debug, Default)]
pub struct ArticleTable {
    sort: ArticleSort,
    filter: String,
    rows: Vec<DocId>,
    /// The number of articles, sort and filter the rows were made for, and when.
    rows_for: Option<(usize, ArticleSort, String)>,
    made_at: Option<Instant>,
}

/// While articles arrive, the rows are made again at most this often: sorting a large folder's rows every
/// frame would slow the window down as it loads. A new sort or filter applies at once.
pub const REMAKE_WHILE_LOADING: Duration = Duration::from_millis(750);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArticleTableOutcome {
    Open(DocId),
    Close,
}

impl ArticleTable {
    /// The articles shown, in order.
    pub fn rows(&self) -> &[DocId] {
        &self.rows
    }

    /// Rows for `atlas` under the sort and filter, made again when one of them changed, or when articles
    /// came in and the rows are [`REMAKE_WHILE_LOADING`] old (at `now`). True when the rows may be stale.
    pub fn refresh(&mut self, atlas: &Atlas, now: Instant) -> bool {
        let wanted = (atlas.documents().len(), self.sort, self.filter.trim().to_lowercase());
        match &self.rows_for {
            Some(made_for) if *made_for == wanted => return false,
            Some((_, sort, filter))
                if (*sort, filter) == (wanted.1, &wanted.2)
                    && self.made_at.is_some_and(|at| now.duration_since(at) < REMAKE_WHILE_LOADING) =>
            {
                return true;
            }
            _ => {}
        }
        self.made_at = Some(now);
        let words = &wanted.2;
        let documents = atlas.documents();
        let mut rows: Vec<DocId> = (0..documents.len() as DocId)
            .filter(|&id| {
                let article = &documents[id as usize].article;
                words.is_empty()
                    || article.title.to_lowercase().contains(words.as_str())
                    || article.id.to_lowercase().contains(words.as_str())
            })
            .collect();
        let doc = |id: &DocId| &documents[*id as usize];
        match self.sort {
            // Undated articles last; the same day in file order.
            ArticleSort::Date => {
                rows.sort_by_key(|id| (doc(id).published.is_none(), doc(id).published.as_ref().map(|p| p.date), *id))
            }
            ArticleSort::Title => rows.sort_by_cached_key(|id| (doc(id).article.title.to_lowercase(), *id)),
            ArticleSort::File => rows.sort_by(|a, b| doc(a).article.id.cmp(&doc(b).article.id)),
            ArticleSort::Places => rows.sort_by_key(|id| (Reverse(doc(id).places.len()), *id)),
        }
        self.rows = rows;
        self.rows_for = Some(wanted);
        false
    }

    pub fn ui(&mut self, ctx: &egui::Context, atlas: &Atlas, folder: Option<&Path>) -> Option<ArticleTableOutcome> {
        let mut outcome = None;
        let mut open = true;
        egui::Window::new("Articles").open(&mut open).default_size([720.0, 520.0]).show(ctx, |ui| {
            ui.horizontal(|ui| {
                let label = ui.label("Filter articles");
                ui.add(
                    egui::TextEdit::singleline(&mut self.filter)
                        .hint_text("words of the title or file")
                        .desired_width(240.0),
                )
                .labelled_by(label.id);
                ui.separator();
                ui.weak("Sort");
                for sort in ArticleSort::ALL {
                    if ui.selectable_label(self.sort == sort, sort.label()).clicked() {
                        self.sort = sort;
                    }
                }
            });
            if self.refresh(atlas, Instant::now()) {
                ctx.request_repaint_after(REMAKE_WHILE_LOADING);
            }
            ui.weak(format!("{} of {}", super::reader::plural(self.rows.len(), "article"), atlas.documents().len()));
            ui.separator();
            let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
            // Only the rows in view are laid out: a folder of 100,000 articles scrolls as fast as one of ten.
            egui::ScrollArea::vertical().auto_shrink([false, false]).show_rows(
                ui,
                row_height,
                self.rows.len(),
                |ui, shown| {
                    for &id in &self.rows[shown] {
                        let document = atlas.document(id);
                        ui.horizontal(|ui| {
                            let date = document
                                .published
                                .as_ref()
                                .map_or_else(|| "undated".to_owned(), |p| p.date.to_string());
                            ui.add_sized([80.0, row_height], egui::Label::new(egui::RichText::new(date).weak()));
                            let places = super::reader::plural(document.places.len(), "place mention");
                            ui.add_sized([120.0, row_height], egui::Label::new(egui::RichText::new(places).weak()));
                            let path = &document.article.source.path;
                            let file = folder.and_then(|f| path.strip_prefix(f).ok()).unwrap_or(path);
                            let title = ui.selectable_label(false, &document.article.title);
                            if title.on_hover_text(file.display().to_string()).clicked() {
                                outcome = Some(ArticleTableOutcome::Open(id));
                            }
                        });
                    }
                },
            );
        });
        if !open {
            outcome = Some(ArticleTableOutcome::Close);
        }
        outcome
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Article, SourceRef};
    use crate::gazetteer::Gazetteer;
    use crate::index::analyze;

    #[test]
    fn rows_sort_and_filter() {
        let mut atlas = Atlas::new();
        for (id, text) in [
            ("b.txt", "Talks in Doha\n\n5 August 2015\n\nEnvoys met in Doha and Riyadh."),
            ("a.txt", "Snow in Astana\n\n13 January 2017\n\nSnow fell in Astana."),
            ("c.txt", "Notes\n\nNothing dated, nothing placed."),
        ] {
            let article = Article {
                id: id.into(),
                source: SourceRef { path: id.into(), line: None },
                title: text.lines().next().unwrap().into(),
                text: text.to_owned().into(),
                metadata_date: None,
            };
            atlas.add(analyze(article, Gazetteer::bundled()));
        }
        let ids = |table: &ArticleTable| -> Vec<String> {
            table.rows().iter().map(|&d| atlas.document(d).article.id.clone()).collect()
        };
        let mut table = ArticleTable::default();
        let now = Instant::now();
        table.refresh(&atlas, now);
        assert_eq!(ids(&table), ["b.txt", "a.txt", "c.txt"], "by date, undated last");
        table.sort = ArticleSort::Places;
        table.refresh(&atlas, now);
        assert_eq!(ids(&table), ["b.txt", "a.txt", "c.txt"]);
        table.sort = ArticleSort::File;
        table.refresh(&atlas, now);
        assert_eq!(ids(&table), ["a.txt", "b.txt", "c.txt"]);
        table.filter = "SNOW".into();
        table.refresh(&atlas, now);
        assert_eq!(ids(&table), ["a.txt"]);

        // Articles that come in are listed once the rows are old enough, not every frame.
        table.filter.clear();
        table.refresh(&atlas, now);
        let article = Article {
            id: "d.txt".into(),
            source: SourceRef { path: "d.txt".into(), line: None },
            title: "Later".into(),
            text: "Later\n\nRain in Doha.".to_owned().into(),
            metadata_date: None,
        };
        atlas.add(analyze(article, Gazetteer::bundled()));
        let ids = |table: &ArticleTable| table.rows().len();
        assert!(table.refresh(&atlas, now + REMAKE_WHILE_LOADING / 2), "stale for now");
        assert_eq!(ids(&table), 3);
        assert!(!table.refresh(&atlas, now + REMAKE_WHILE_LOADING));
        assert_eq!(ids(&table), 4);
    }
}
