//! The review window: the mentions the engine is least sure of ([`crate::index::review`]), each marked right
//! or corrected in turn; what is marked stays in the folder's session.

use std::time::Instant;

use crate::gazetteer::Gazetteer;
use crate::index::review::{REVIEW_BELOW, ReviewItem, review_queue};
use crate::index::{Atlas, DocId};
use crate::session::MentionKey;

use super::articles::REMAKE_WHILE_LOADING;
use super::reader::place_title;

/// Rows shown at once: the least sure first; the rest come up as these are checked.
const SHOWN: usize = 25;

#[derive(Debug, Default)]
pub struct ReviewWindow {
    /// The queue, and the number of articles it was made from; made again when the session changes, and at
    /// most every [`REMAKE_WHILE_LOADING`] while articles come in.
    queue: Option<(Vec<ReviewItem>, usize)>,
    made_at: Option<Instant>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ReviewOutcome {
    /// The mention is right: keep it out of the queue.
    Verify(MentionKey),
    /// Open the correction dialog on it.
    Correct {
        doc: DocId,
        mention: usize,
    },
    Close,
}

impl ReviewWindow {
    /// The session or the corrections changed: the queue is made again when next shown.
    pub fn invalidate(&mut self) {
        self.queue = None;
    }

    /// Mentions left to check, once the queue has been made.
    pub fn left(&self) -> Option<usize> {
        self.queue.as_ref().map(|(items, _)| items.len())
    }

    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        atlas: &Atlas,
        gazetteer: &Gazetteer,
        verified: &[MentionKey],
    ) -> Option<ReviewOutcome> {
        let documents = atlas.documents().len();
        let now = Instant::now();
        match &self.queue {
            Some((_, made_for)) if *made_for == documents => {}
            Some(_) if self.made_at.is_some_and(|at| now.duration_since(at) < REMAKE_WHILE_LOADING) => {
                ctx.request_repaint_after(REMAKE_WHILE_LOADING);
            }
            _ => {
                self.queue = Some((review_queue(atlas, verified, REVIEW_BELOW), documents));
                self.made_at = Some(now);
            }
        }
        let (items, _) = self.queue.as_ref()?;
        let mut outcome = None;
        let mut open = true;
        egui::Window::new("Review places").open(&mut open).default_size([560.0, 520.0]).show(ctx, |ui| {
            ui.label(format!(
                "{} left to check: the mentions under confidence {REVIEW_BELOW}, least sure first. Mark each right, or \
                 correct it; both are kept in the folder's session.",
                super::reader::plural(items.len(), "mention")
            ));
            ui.separator();
            egui::ScrollArea::vertical().auto_shrink([false, true]).show(ui, |ui| {
                for item in items.iter().take(SHOWN) {
                    let document = atlas.document(item.doc);
                    let Some(mention) = document.places.get(item.mention) else { continue };
                    let text = document.article.text.as_str();
                    let range = mention.byte_range.range();
                    let written = &text[range.clone()];
                    ui.horizontal_wrapped(|ui| {
                        ui.strong(written);
                        ui.label(format!("read as {}", place_title(gazetteer, mention.place)));
                        ui.weak(format!("confidence {:.2} · {}", item.confidence, document.article.id));
                    });
                    ui.weak(context_of(&text, range.clone()));
                    ui.horizontal(|ui| {
                        let key = MentionKey {
                            article: document.article.id.clone(),
                            byte_start: range.start,
                            text: written.into(),
                        };
                        if ui.button("Right").on_hover_text("The place is right: take it off the list").clicked() {
                            outcome = Some(ReviewOutcome::Verify(key));
                        }
                        if ui.button("Correct…").on_hover_text("Choose another place, or mark it not a place").clicked()
                        {
                            outcome = Some(ReviewOutcome::Correct { doc: item.doc, mention: item.mention });
                        }
                    });
                    ui.separator();
                }
                if items.is_empty() {
                    ui.label("Nothing left to check.");
                }
            });
        });
        if !open {
            outcome = Some(ReviewOutcome::Close);
        }
        outcome
    }
}

/// About 80 bytes either side of the mention, cut at character boundaries, on one line.
fn context_of(text: &str, range: std::ops::Range<usize>) -> String {
    let mut start = range.start.saturating_sub(80);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (range.end + 80).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    format!("…{}…", text[start..end].replace('\n', " "))
}
