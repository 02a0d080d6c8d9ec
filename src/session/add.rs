//! The one pipeline step between reading an article and showing it: apply the session's corrections to the
//! analysed document, add it to the atlas, and set the event dates the user fixed by hand.
//!
//! The app (as documents arrive, and again when a correction changes), `newsatlas export` and
//! `newsatlas bench-load` all go through these functions, so they cannot drift apart.

use super::Corrector;
use crate::gazetteer::Gazetteer;
use crate::index::{Atlas, DayNumber, DocId, Document};

impl Corrector {
    /// Applies the session's corrections to a freshly analysed `document`, adds it to `atlas` and sets the days
    /// of the events dated by hand.
    pub fn add_to(&mut self, atlas: &mut Atlas, mut document: Document, gazetteer: &Gazetteer) -> DocId {
        self.apply(&mut document, gazetteer);
        let days = self.event_days(&document);
        let doc = atlas.add(document);
        for (mention, day) in days {
            atlas.set_event_day(doc, mention, day);
        }
        doc
    }

    /// Takes the documents `ids` of `atlas` back to what their analysis gave (analysed again from their text, or
    /// as a stored analysis had them: see [`Document::as_analysed`]), so a withdrawn correction is undone too,
    /// applies the session's corrections and puts them back in place, with the event days set by hand.
    pub fn redo_in(&mut self, atlas: &mut Atlas, ids: &[DocId], gazetteer: &Gazetteer) {
        let mut replacements = Vec::with_capacity(ids.len());
        for &id in ids {
            let mut document = atlas.document_as_stored(id).as_analysed(gazetteer);
            self.apply(&mut document, gazetteer);
            replacements.push((id, document));
        }
        let event_days: Vec<(DocId, Vec<(u32, DayNumber)>)> =
            replacements.iter().map(|(id, document)| (*id, self.event_days(document))).collect();
        atlas.replace_documents(replacements);
        for (doc, days) in event_days {
            for (mention, day) in days {
                atlas.set_event_day(doc, mention, day);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Article;
    use crate::index::{EventDating, analyze};
    use crate::session::{MentionKey, PlaceCorrection, PlaceFix, PlaceScope, Session};

    const TEXT: &str = "Envoys met in Doha and Geneva.";

    #[test]
    fn added_documents_are_corrected_and_dated_by_hand() {
        let gaz = Gazetteer::bundled();
        let document = analyze(Article::for_test("a.txt", TEXT), gaz);
        let doha = document.places[0].byte_range.start();
        let mut session = Session::default();
        session.correct_place(PlaceCorrection {
            scope: PlaceScope::Only(MentionKey { article: "a.txt".into(), byte_start: doha, text: "Doha".into() }),
            fix: PlaceFix::NotAPlace,
        });
        let geneva = document.places[1].byte_range.start();
        let key = MentionKey { article: "a.txt".into(), byte_start: geneva, text: "Geneva".into() };
        session.set_event_date(key, chrono::NaiveDate::from_ymd_opt(2020, 5, 1));
        let mut corrector = Corrector::new(session);
        let mut atlas = Atlas::new();
        let doc = corrector.add_to(&mut atlas, document, gaz);
        assert_eq!(atlas.document(doc).places.len(), 1, "Doha is not a place here");
        assert_eq!(atlas.events()[0].dating, EventDating::SetByUser);
        assert!(corrector.unapplied().is_empty());
    }

    #[test]
    fn redoing_a_document_undoes_a_withdrawn_correction() {
        let gaz = Gazetteer::bundled();
        let mut session = Session::default();
        session.correct_place(PlaceCorrection {
            scope: PlaceScope::Everywhere { text: "Doha".into(), was: 0 },
            fix: PlaceFix::NotAPlace,
        });
        let mut atlas = Atlas::new();
        let mut corrector = Corrector::new(Session::default());
        let doc = corrector.add_to(&mut atlas, analyze(Article::for_test("a.txt", TEXT), gaz), gaz);
        let doha = atlas.document(doc).places[0].place;
        session.places[0].scope = PlaceScope::Everywhere { text: "Doha".into(), was: gaz.place(doha).geonameid };
        corrector.set_session(session);
        corrector.redo_in(&mut atlas, &[doc], gaz);
        assert_eq!(atlas.document(doc).places.len(), 1);
        corrector.set_session(Session::default());
        corrector.redo_in(&mut atlas, &[doc], gaz);
        assert_eq!(atlas.document(doc).places.len(), 2);
        assert_eq!(atlas.events().len(), 2);
    }
}
