//! Undo and redo of the user's edits to a session (corrections, dates set by hand): the session as it was
//! before each edit is kept, up to [`MAX_UNDO`] of them, so any correction, however many mentions it moved,
//! can be taken back and made again.

use crate::session::Session;

/// Edits that can be undone, the oldest dropped first.
pub const MAX_UNDO: usize = 100;

#[derive(Debug, Default)]
pub struct EditHistory {
    undo: Vec<Session>,
    redo: Vec<Session>,
}

impl EditHistory {
    /// Records that `before` was the session before an edit; a new edit forgets what was undone.
    pub fn record(&mut self, before: Session) {
        if self.undo.len() == MAX_UNDO {
            self.undo.remove(0);
        }
        self.undo.push(before);
        self.redo.clear();
    }

    /// The session to go back to from `current`, which Redo will give back.
    pub fn undo(&mut self, current: Session) -> Option<Session> {
        let before = self.undo.pop()?;
        self.redo.push(current);
        Some(before)
    }

    /// The session undone last, leaving `current` to undo again.
    pub fn redo(&mut self, current: Session) -> Option<Session> {
        let after = self.redo.pop()?;
        self.undo.push(current);
        Some(after)
    }

    pub fn undoable(&self) -> usize {
        self.undo.len()
    }

    pub fn redoable(&self) -> usize {
        self.redo.len()
    }

    /// Forgets everything: another folder or session file is open.
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use std::path::Path;

    fn dated(day: u32) -> Session {
        let mut session = Session::for_folder(Path::new("/news"));
        session.set_article_date("a.txt", NaiveDate::from_ymd_opt(2017, 1, day));
        session
    }

    #[test]
    fn undo_and_redo_walk_back_and_forth_and_a_new_edit_forgets_the_undone() {
        let mut history = EditHistory::default();
        history.record(dated(1));
        history.record(dated(2));
        assert_eq!(history.undo(dated(3)), Some(dated(2)));
        assert_eq!(history.undo(dated(2)), Some(dated(1)));
        assert_eq!(history.undo(dated(1)), None);
        assert_eq!(history.redo(dated(1)), Some(dated(2)));
        history.record(dated(9));
        assert_eq!(history.redoable(), 0, "a new edit forgets what was undone");
        for day in 10..10 + MAX_UNDO as u32 + 5 {
            history.record(dated(day));
        }
        assert_eq!(history.undoable(), MAX_UNDO);
    }
}
