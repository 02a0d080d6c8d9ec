//! The correction dialog: give a mention another place (one of the engine's candidates, or any place found by
//! name), mark it "not a place", or set its date. The dialog only describes the change; the app applies it.

use chrono::NaiveDate;

use crate::gazetteer::{self, Gazetteer, PlaceId};
use crate::index::{Atlas, DocId};
use crate::session::{MentionKey, PlaceCorrection, PlaceFix, PlaceScope};

use super::reader::{place_title, plural};

/// Results shown for a name search.
const SEARCH_LIMIT: usize = 12;

#[derive(Debug, Clone, PartialEq)]
pub enum CorrectionOutcome {
    Place(PlaceCorrection),
    EventDate(MentionKey, Option<NaiveDate>),
    Close,
}

/// The open dialog: which mention it corrects and what the user has typed.
#[derive(Debug, Clone)]
pub struct CorrectionDialog {
    doc: DocId,
    /// Index into the document's `places`.
    mention: usize,
    only_this: bool,
    query: String,
    results: Vec<PlaceId>,
    results_for: String,
    date_text: String,
    date_error: Option<String>,
    /// Waiting for a click on the map to put the mention there: its name and the correction's scope.
    placing: Option<(String, PlaceScope)>,
    /// How many mentions share this one's written name and place.
    same_sense: Option<usize>,
}

impl CorrectionDialog {
    pub fn new(doc: DocId, mention: usize) -> CorrectionDialog {
        CorrectionDialog {
            doc,
            mention,
            // A correction made from one passage is about that passage until the user asks for more.
            only_this: true,
            query: String::new(),
            results: Vec::new(),
            results_for: String::new(),
            date_text: String::new(),
            date_error: None,
            placing: None,
            same_sense: None,
        }
    }

    /// While the user is putting a new place on the map: its name and which mentions go there.
    pub fn placing(&self) -> Option<(String, PlaceScope)> {
        self.placing.clone()
    }

    pub fn ui(&mut self, ctx: &egui::Context, atlas: &Atlas, gazetteer: &Gazetteer) -> Option<CorrectionOutcome> {
        let document = atlas.documents().get(self.doc as usize)?;
        let Some(mention) = document.places.get(self.mention) else {
            // The mention went away (marked "not a place"): nothing left to correct.
            return Some(CorrectionOutcome::Close);
        };
        let text = document.article.text.as_str();
        let written = &text[mention.byte_range];
        let key = MentionKey {
            article: document.article.id.clone(),
            byte_start: mention.byte_range.start(),
            text: written.into(),
        };
        let current = gazetteer.place(mention.place);
        let scope = if self.only_this {
            PlaceScope::Only(key.clone())
        } else {
            PlaceScope::Everywhere { text: written.into(), was: current.geonameid }
        };
        // Counted once per dialog: it scans every event, and the mention it counts for does not change.
        let same_sense = *self.same_sense.get_or_insert_with(|| {
            atlas
                .events()
                .iter()
                .filter(|e| e.place == mention.place)
                .filter(|e| {
                    let m = &atlas.document(e.doc).places[e.mention as usize];
                    atlas.document(e.doc).article.text.as_str()[m.byte_range].to_lowercase() == written.to_lowercase()
                })
                .count()
        });

        let mut outcome = None;
        let mut open = true;
        egui::Window::new("Correct a place").open(&mut open).default_width(440.0).show(ctx, |ui| {
            ui.label(format!("“{written}” in {}", document.article.id));
            ui.weak(format!(
                "Now: {} · {} · confidence {:.2}",
                place_title(gazetteer, mention.place),
                current.kind.as_str(),
                mention.confidence
            ));
            ui.add_space(4.0);
            ui.radio_value(
                &mut self.only_this,
                false,
                format!("Every “{written}” placed at {} ({})", current.name, plural(same_sense, "mention")),
            );
            ui.radio_value(&mut self.only_this, true, "Only this mention");
            ui.separator();

            let choose = |place: PlaceId| {
                Some(CorrectionOutcome::Place(PlaceCorrection {
                    scope: scope.clone(),
                    fix: PlaceFix::Place { geonameid: gazetteer.place(place).geonameid },
                }))
            };
            ui.strong("Other places of that name");
            let others: Vec<PlaceId> = mention.candidates.iter().copied().filter(|&c| c != mention.place).collect();
            if others.is_empty() {
                ui.weak("The gazetteer knows no other place of that name.");
            }
            for place in others {
                if ui.button(place_button_text(gazetteer, place)).clicked() {
                    outcome = choose(place);
                }
            }
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                let label = ui.label("Find a place");
                ui.add(egui::TextEdit::singleline(&mut self.query).hint_text("name").desired_width(220.0))
                    .labelled_by(label.id);
            });
            if self.results_for != self.query {
                self.results = gazetteer::search(gazetteer, &self.query, SEARCH_LIMIT);
                self.results_for.clone_from(&self.query);
            }
            for &place in &self.results {
                if ui.button(place_button_text(gazetteer, place)).clicked() {
                    outcome = choose(place);
                }
            }
            ui.add_space(4.0);
            if let Some((name, _)) = &self.placing {
                ui.colored_label(ui.visuals().warn_fg_color, format!("Click the map where “{name}” is."));
                if ui.button("Stop placing").clicked() {
                    self.placing = None;
                }
            } else if ui.button("Put it on the map…").on_hover_text("Add a place the gazetteer lacks").clicked() {
                self.placing = Some((name_case(written), scope.clone()));
            }
            if ui.button("Not a place").on_hover_text("These words do not name a place here").clicked() {
                outcome =
                    Some(CorrectionOutcome::Place(PlaceCorrection { scope: scope.clone(), fix: PlaceFix::NotAPlace }));
            }
            ui.separator();

            ui.horizontal(|ui| {
                let label = ui.label("Date of this mention");
                ui.add(egui::TextEdit::singleline(&mut self.date_text).hint_text("YYYY-MM-DD").desired_width(100.0))
                    .labelled_by(label.id);
                if ui.button("Set date").clicked() {
                    match NaiveDate::parse_from_str(self.date_text.trim(), "%Y-%m-%d") {
                        Ok(date) => outcome = Some(CorrectionOutcome::EventDate(key.clone(), Some(date))),
                        Err(_) => self.date_error = Some("Write the date as YYYY-MM-DD.".into()),
                    }
                }
                if ui.button("Clear date").on_hover_text("Use the date found in the text again").clicked() {
                    outcome = Some(CorrectionOutcome::EventDate(key.clone(), None));
                }
            });
            if let Some(error) = &self.date_error {
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
        });
        if !open {
            return Some(CorrectionOutcome::Close);
        }
        outcome
    }
}

/// A name written in capitals, as in a dateline ("KAFR SOUSA"), in the case names are usually written.
fn name_case(written: &str) -> String {
    if written.chars().any(char::is_lowercase) {
        return written.to_owned();
    }
    let mut out = String::with_capacity(written.len());
    let mut word_start = true;
    for c in written.chars() {
        if word_start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        word_start = !c.is_alphanumeric();
    }
    out
}

fn place_button_text(gazetteer: &Gazetteer, place: PlaceId) -> String {
    let p = gazetteer.place(place);
    let population = if p.population > 0 { format!(", population {}", thousands(p.population)) } else { String::new() };
    format!("{} ({}{population})", place_title(gazetteer, place), p.kind.as_str())
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{name_case, thousands};

    #[test]
    fn names_in_capitals_are_written_as_names() {
        assert_eq!(name_case("KAFR SOUSA"), "Kafr Sousa");
        assert_eq!(name_case("AL-BAB"), "Al-Bab");
        assert_eq!(name_case("al-Bab"), "al-Bab");
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(10_381_222), "10,381,222");
    }
}
