//! The reading side panel: passages that mention the selected place, and the full article with every
//! recognised place and date highlighted.

use std::ops::Range;

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Sense};

use crate::gazetteer::{Gazetteer, PlaceId};
use crate::index::{Atlas, DocId, Document, Filter, Passage, TimeWindow, date_source_label};
use crate::language::Language;
use crate::timex::DateSource;

const PLACE_BG: Color32 = Color32::from_rgb(0xfb, 0xe7, 0xa1);
const FOCUS_BG: Color32 = Color32::from_rgb(0xf6, 0xa8, 0x5a);
const DATE_BG: Color32 = Color32::from_rgb(0xcf, 0xe3, 0xf7);
/// Show at most this many passages at once; the rest are counted.
const MAX_PASSAGES: usize = 500;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReaderCommand {
    OpenArticle {
        doc: DocId,
        focus: Option<Range<usize>>,
    },
    BackToPassages,
    /// Go on to the first mention of `place` in the article after `doc` among the place's passages (the date
    /// window's and the search's): "Next mention" past an article's last mention of the place.
    NextArticle {
        doc: DocId,
        place: PlaceId,
    },
    /// Open the article's file in the system's default application.
    OpenFile(std::path::PathBuf),
    /// Correct the place (or date) of one mention: an index into the document's places.
    Correct {
        doc: DocId,
        mention: usize,
    },
    /// Set, or with `None` forget, the article's publication date.
    SetArticleDate {
        doc: DocId,
        date: Option<chrono::NaiveDate>,
    },
}

/// What the panel shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ReaderView {
    #[default]
    Passages,
    Article {
        doc: DocId,
        focus: Option<Range<usize>>,
        /// The focus is scrolled into view once, then the user scrolls freely.
        scrolled: bool,
        /// What the user typed in the publication date field.
        date_text: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Highlight {
    Place,
    Date,
    Focus,
}

fn text_format(ui: &egui::Ui, highlight: Option<Highlight>) -> TextFormat {
    let mut format =
        TextFormat { font_id: FontId::proportional(14.0), color: ui.visuals().text_color(), ..Default::default() };
    if let Some(h) = highlight {
        format.background = match h {
            Highlight::Place => PLACE_BG,
            Highlight::Date => DATE_BG,
            Highlight::Focus => FOCUS_BG,
        };
        format.color = Color32::BLACK;
    }
    format
}

/// Lays out `text[range]` with highlights (byte ranges into `text`, sorted or not, overlaps dropped).
fn highlighted(ui: &egui::Ui, text: &str, range: Range<usize>, marks: &[(Range<usize>, Highlight)]) -> LayoutJob {
    let mut marks: Vec<&(Range<usize>, Highlight)> =
        marks.iter().filter(|(r, _)| r.start >= range.start && r.end <= range.end).collect();
    marks.sort_by_key(|(r, h)| (r.start, *h != Highlight::Focus));
    let mut job = LayoutJob::default();
    let mut pos = range.start;
    for (r, h) in marks {
        if r.start < pos {
            continue;
        }
        job.append(&text[pos..r.start], 0.0, text_format(ui, None));
        job.append(&text[r.clone()], 0.0, text_format(ui, Some(*h)));
        pos = r.end;
    }
    job.append(&text[pos..range.end], 0.0, text_format(ui, None));
    job.wrap.max_width = ui.available_width();
    job
}

fn document_marks(document: &Document, focus: Option<&Range<usize>>) -> Vec<(Range<usize>, Highlight)> {
    let mut marks: Vec<(Range<usize>, Highlight)> = Vec::new();
    marks.extend(focus.map(|f| (f.clone(), Highlight::Focus)));
    marks.extend(document.places.iter().map(|p| (p.byte_range.range(), Highlight::Place)));
    marks.extend(document.timexes.iter().map(|t| (t.byte_range.range(), Highlight::Date)));
    marks
}

fn date_line(document: &Document) -> String {
    match &document.published {
        Some(p) => format!("{} ({})", p.date.format("%-d %B %Y"), date_source_label(p.source)),
        None => "undated".to_owned(),
    }
}

fn file_name(document: &Document) -> String {
    let source = &document.article.source;
    let name =
        source.path.file_name().map_or_else(|| source.path.display().to_string(), |n| n.to_string_lossy().into_owned());
    match source.line {
        Some(line) => format!("{name}:{line}"),
        None => name,
    }
}

/// "Lincoln, Nebraska, United States": the place told apart from its namesakes by its division and country.
pub fn place_title(gazetteer: &Gazetteer, place: PlaceId) -> String {
    gazetteer.describe(gazetteer.place(place))
}

/// The passages panel for `place` in `window`.
pub fn passages_ui(
    ui: &mut egui::Ui,
    atlas: &Atlas,
    gazetteer: &Gazetteer,
    place: PlaceId,
    window: &TimeWindow,
    filter: &Filter,
    take_keyboard: bool,
) -> Option<ReaderCommand> {
    let passages = atlas.passages_of_place_where(place, window, filter);
    let mentions: usize = passages.iter().map(|p| p.mentions.len()).sum();
    ui.heading(place_title(gazetteer, place));
    let p = gazetteer.place(place);
    ui.weak(format!(
        "{} · {:.3}°, {:.3}° · {} in {} in this time window",
        p.kind.as_str(),
        p.lat_deg,
        p.lon_deg,
        plural(mentions, "mention"),
        plural(passages.len(), "passage")
    ));
    ui.separator();
    let mut command = None;
    // Grouped by article, articles in the order of their first passage (earliest date first).
    let mut articles: Vec<(DocId, Vec<&Passage>)> = Vec::new();
    for passage in passages.iter().take(MAX_PASSAGES) {
        match articles.iter_mut().find(|(doc, _)| *doc == passage.doc) {
            Some((_, group)) => group.push(passage),
            None => articles.push((passage.doc, vec![passage])),
        }
    }
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        for (doc, group) in &articles {
            let document = atlas.document(*doc);
            let text = document.article.text.as_str();
            ui.add_space(4.0);
            ui.label(egui::RichText::new(&document.article.title).strong());
            let published = match document.published {
                Some(_) => format!("published {}", date_line(document)),
                None => "no publication date".to_owned(),
            };
            ui.weak(format!("{published} · {}", file_name(document)));
            for passage in group {
                let event_date = passage.day.and_then(crate::index::date_of_day).map_or_else(
                    || "undated".to_owned(),
                    |d| format!("{} ({})", date_with_precision(d, passage.precision), passage.dating.label()),
                );
                ui.add_space(2.0);
                ui.weak(event_date);
                // The place in the passage stands out; the dates in it are marked as in the article.
                let mut marks: Vec<(Range<usize>, Highlight)> =
                    passage.mentions.iter().map(|m| (m.clone(), Highlight::Focus)).collect();
                marks.extend(document.timexes.iter().map(|t| (t.byte_range.range(), Highlight::Date)));
                let job = highlighted(ui, &text, passage.byte_range.clone(), &marks);
                let response = ui.add(egui::Label::new(job).sense(Sense::click()));
                // Named by its text, so that a screen reader reads the passage that has the keyboard.
                response.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::accesskit::Role::Link, true, &text[passage.byte_range.clone()])
                });
                // The first passage takes the keyboard (F6).
                if take_keyboard && std::ptr::eq(passage, &articles[0].1[0]) {
                    response.request_focus();
                }
                super::focus_ring(ui, &response);
                if response.clicked() {
                    command =
                        Some(ReaderCommand::OpenArticle { doc: passage.doc, focus: passage.mentions.first().cloned() });
                }
                response.on_hover_text("Open the whole article here");
                let mention = passage
                    .mentions
                    .first()
                    .and_then(|first| document.places.iter().position(|m| m.byte_range.range() == *first));
                if let Some(mention) = mention
                    && ui
                        .small_button("Correct…")
                        .on_hover_text("Choose another place, or mark it not a place")
                        .clicked()
                {
                    command = Some(ReaderCommand::Correct { doc: passage.doc, mention });
                }
            }
            ui.separator();
        }
        if passages.len() > MAX_PASSAGES {
            ui.weak(format!("… and {} more", passages.len() - MAX_PASSAGES));
        }
    });
    command
}

/// The whole article, scrolled once to `focus`.
pub fn article_ui(
    ui: &mut egui::Ui,
    atlas: &Atlas,
    gazetteer: &Gazetteer,
    folder: Option<&std::path::Path>,
    view: &mut ReaderView,
    take_keyboard: bool,
) -> Option<ReaderCommand> {
    let ReaderView::Article { doc, focus, scrolled, date_text } = view else {
        return None;
    };
    let document = atlas.document(*doc);
    let mut command = None;
    // Wrapped, so a narrow panel puts the buttons on two lines instead of cutting them off.
    ui.horizontal_wrapped(|ui| {
        let back = ui.button("Back to passages");
        if take_keyboard {
            back.request_focus();
        }
        if back.clicked() {
            command = Some(ReaderCommand::BackToPassages);
        }
        if ui.button("Open file").on_hover_text("Open it in the system's default application").clicked() {
            command = Some(ReaderCommand::OpenFile(document.article.source.path.clone()));
        }
        // Next and previous mention of the focused place (of any place when none is focused).
        let focused_place =
            focus.as_ref().and_then(|f| document.places.iter().find(|m| m.byte_range.range() == *f)).map(|m| m.place);
        let mentions: Vec<Range<usize>> = document
            .places
            .iter()
            .filter(|m| focused_place.is_none_or(|p| m.place == p))
            .map(|m| m.byte_range.range())
            .collect();
        let at = focus.as_ref().map_or(0, |f| f.start);
        let previous = mentions.iter().rev().find(|r| r.start < at);
        let next = mentions.iter().find(|r| r.start > at || (focus.is_none() && r.start >= at));
        if ui.add_enabled(previous.is_some(), egui::Button::new("Previous mention")).clicked() {
            *focus = previous.cloned();
            *scrolled = false;
        }
        // Past the article's last mention of the place, the next article that mentions it.
        let onward = focused_place.filter(|_| next.is_none());
        let hover = if onward.is_some() { "The next article that mentions this place" } else { "" };
        let button = ui.add_enabled(next.is_some() || onward.is_some(), egui::Button::new("Next mention"));
        if button.on_hover_text(hover).clicked() {
            match (next, onward) {
                (Some(next), _) => {
                    *focus = Some(next.clone());
                    *scrolled = false;
                }
                (None, Some(place)) => command = Some(ReaderCommand::NextArticle { doc: *doc, place }),
                (None, None) => {}
            }
        }
    });
    ui.heading(&document.article.title);
    // The path inside the opened folder reads better than the whole path, which is a hover away.
    let path = &document.article.source.path;
    let shown = folder.and_then(|f| path.strip_prefix(f).ok()).unwrap_or(path);
    let line = document.article.source.line.map_or_else(String::new, |l| format!(":{l}"));
    ui.weak(format!("{} · {}{line}", date_line(document), shown.display())).on_hover_text(path.display().to_string());
    if !document.language.is_english() {
        // English articles, nearly all of them, say nothing: the note is for the ones read with fewer rules.
        let language = match document.language {
            Language::UNDETERMINED => "a language other than English",
            language => language.name(),
        };
        ui.label(format!(
            "Written in {language}: only names that are places in any language (several words, countries, large \
             towns) are found in it."
        ));
    }
    if document.stored.as_ref().is_some_and(|stored| !stored.full_text) {
        // A stored analysis whose article file is not where it was read (or has changed since).
        ui.label(
            "The full text was not reachable: its file is not where the analysis read it, or has changed. Shown \
             are the stored passages, with […] where the article goes on.",
        );
    }
    ui.horizontal(|ui| {
        let label = ui.label("Publication date");
        ui.add(egui::TextEdit::singleline(date_text).hint_text("YYYY-MM-DD").desired_width(100.0))
            .labelled_by(label.id);
        if ui.button("Set date").clicked()
            && let Ok(date) = chrono::NaiveDate::parse_from_str(date_text.trim(), "%Y-%m-%d")
        {
            command = Some(ReaderCommand::SetArticleDate { doc: *doc, date: Some(date) });
        }
        let set_by_hand = document.published.as_ref().is_some_and(|p| p.source == DateSource::SetByUser);
        if ui.add_enabled(set_by_hand, egui::Button::new("Use the date found")).clicked() {
            command = Some(ReaderCommand::SetArticleDate { doc: *doc, date: None });
        }
    });
    ui.horizontal(|ui| {
        legend(ui, "place", PLACE_BG);
        legend(ui, "date", DATE_BG);
        if focus.is_some() {
            legend(ui, "this mention", FOCUS_BG);
        }
    });
    ui.separator();
    let text = document.article.text.as_str();
    let text: &str = &text;
    let marks = document_marks(document, focus.as_ref());
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        let mut start = 0;
        for paragraph in text.split_inclusive('\n') {
            let range = start..start + paragraph.trim_end().len();
            start += paragraph.len();
            if range.is_empty() {
                continue;
            }
            let job = highlighted(ui, text, range.clone(), &marks);
            let (pos, galley, response) = egui::Label::new(job).sense(Sense::click()).layout_in_ui(ui);
            ui.painter().galley(pos, galley.clone(), ui.visuals().text_color());
            response.widget_info(|| egui::WidgetInfo::labeled(egui::accesskit::Role::Label, true, galley.text()));
            // The character under the pointer, as a byte offset into the text: hovering a place tells how it
            // was resolved, clicking it corrects it.
            let mention_at = |pointer: egui::Pos2| {
                let char_index = galley.cursor_from_pos(pointer - pos).index.0;
                let byte = text[range.clone()].char_indices().nth(char_index).map(|(b, _)| range.start + b)?;
                document.places.iter().position(|m| m.byte_range.contains(byte))
            };
            if let Some(mention) = response.hover_pos().and_then(mention_at) {
                let m = &document.places[mention];
                let others: Vec<String> =
                    m.candidates.iter().skip(1).take(3).map(|&c| place_title(gazetteer, c)).collect();
                let mut tip = format!(
                    "{} · {} · confidence {:.2}",
                    place_title(gazetteer, m.place),
                    gazetteer.place(m.place).kind.as_str(),
                    m.confidence
                );
                if !others.is_empty() {
                    tip.push_str(&format!("\nother candidates: {}", others.join("; ")));
                }
                tip.push_str("\nclick to correct");
                response.clone().on_hover_text(tip);
            }
            if response.clicked()
                && let Some(mention) = response.interact_pointer_pos().and_then(mention_at)
            {
                command = Some(ReaderCommand::Correct { doc: *doc, mention });
            }
            let holds_focus = focus.as_ref().is_some_and(|f| range.start <= f.start && f.start < range.end);
            if holds_focus && !*scrolled {
                response.scroll_to_me(Some(egui::Align::Center));
                *scrolled = true;
            }
        }
    });
    command
}

fn legend(ui: &mut egui::Ui, label: &str, color: Color32) {
    ui.label(egui::RichText::new(label).background_color(color).color(Color32::BLACK));
}

/// A date written as finely as it is known: "23 January 2017", "week of 16 January 2017", "December 2016".
fn date_with_precision(date: chrono::NaiveDate, precision: Option<crate::timex::DatePrecision>) -> String {
    use crate::timex::DatePrecision;
    match precision {
        Some(DatePrecision::Day) | None => date.format("%-d %B %Y").to_string(),
        Some(DatePrecision::Week) => date.format("week of %-d %B %Y").to_string(),
        Some(DatePrecision::Month) => date.format("%B %Y").to_string(),
        Some(_) => date.format("%Y").to_string(),
    }
}

pub fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}
