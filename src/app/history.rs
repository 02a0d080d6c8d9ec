//! Back and Forward through what the user selected: a list of selections (place and date window) and the
//! position of the one shown, with quick successive changes (a drag of the date window) merged into one step.
//!
//! It needs no window: the time comes from a [`Clock`], so tests step it by hand.

use std::time::{Duration, Instant};

use crate::gazetteer::PlaceId;
use crate::index::DayNumber;

/// What the user had selected, for Back and Forward.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    pub place: Option<PlaceId>,
    pub window: Option<(DayNumber, DayNumber)>,
}

/// Selections closer together than this replace each other in the history (a drag is one step).
pub const HISTORY_MERGE: Duration = Duration::from_millis(700);
/// Steps kept at most; the oldest go first.
pub const MAX_HISTORY: usize = 200;

/// Where the history reads the time: the system's monotonic clock in the app, a hand-stepped one in tests.
pub trait Clock {
    fn now(&self) -> Instant;
}

/// The system's monotonic clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant::now()
    }
}

/// The selections the user went through, oldest first, and which one is shown.
#[derive(Debug, Default)]
pub struct SelectionHistory<C: Clock = SystemClock> {
    steps: Vec<(Selection, Instant)>,
    /// Position in `steps` of the selection shown.
    position: usize,
    clock: C,
}

impl<C: Clock> SelectionHistory<C> {
    pub fn with_clock(clock: C) -> Self {
        SelectionHistory { steps: Vec::new(), position: 0, clock }
    }

    /// Records the selection shown now, after whatever the user had gone back from (which is dropped).
    pub fn remember(&mut self, now: Selection) {
        self.steps.truncate(self.position + 1);
        let count = self.steps.len();
        let time = self.clock.now();
        match self.steps.last_mut() {
            Some((last, _)) if *last == now => return,
            Some((last, at)) if time.saturating_duration_since(*at) < HISTORY_MERGE && count > 1 => {
                *last = now;
                *at = time;
                return;
            }
            _ => {}
        }
        self.steps.push((now, time));
        if self.steps.len() > MAX_HISTORY {
            self.steps.remove(0);
        }
        self.position = self.steps.len() - 1;
    }

    /// Moves one step back and returns the selection there, if there is one before.
    pub fn back(&mut self) -> Option<Selection> {
        self.go_to(self.position.saturating_sub(1))
    }

    /// Moves one step forward and returns the selection there, if the user had gone back.
    pub fn forward(&mut self) -> Option<Selection> {
        self.go_to(self.position + 1)
    }

    fn go_to(&mut self, position: usize) -> Option<Selection> {
        let &(selection, _) = self.steps.get(position)?;
        self.position = position;
        Some(selection)
    }

    pub fn can_go_back(&self) -> bool {
        self.position > 0
    }

    pub fn can_go_forward(&self) -> bool {
        self.position + 1 < self.steps.len()
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.steps.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    /// A clock that moves only when told.
    struct TestClock {
        start: Instant,
        elapsed: Cell<Duration>,
    }

    impl TestClock {
        fn new() -> Self {
            TestClock { start: Instant::now(), elapsed: Cell::new(Duration::ZERO) }
        }
    }

    impl Clock for &TestClock {
        fn now(&self) -> Instant {
            self.start + self.elapsed.get()
        }
    }

    fn place(id: PlaceId) -> Selection {
        Selection { place: Some(id), window: None }
    }

    const NOTHING: Selection = Selection { place: None, window: None };
    const LATER: Duration = Duration::from_secs(1);

    fn step(clock: &TestClock, by: Duration) {
        clock.elapsed.set(clock.elapsed.get() + by);
    }

    #[test]
    fn back_and_forward_walk_the_selections() {
        let clock = TestClock::new();
        let mut history = SelectionHistory::with_clock(&clock);
        assert!(!history.can_go_back() && !history.can_go_forward());
        for selection in [NOTHING, place(1), place(2)] {
            history.remember(selection);
            step(&clock, LATER);
        }
        assert!(history.can_go_back() && !history.can_go_forward());
        assert_eq!(history.back(), Some(place(1)));
        assert_eq!(history.back(), Some(NOTHING));
        assert!(!history.can_go_back());
        assert_eq!(history.back(), Some(NOTHING), "Back at the start stays there");
        assert_eq!(history.forward(), Some(place(1)));
        assert_eq!(history.forward(), Some(place(2)));
        assert_eq!(history.forward(), None);
    }

    #[test]
    fn a_new_selection_after_going_back_drops_the_steps_ahead() {
        let clock = TestClock::new();
        let mut history = SelectionHistory::with_clock(&clock);
        for selection in [NOTHING, place(1), place(2)] {
            history.remember(selection);
            step(&clock, LATER);
        }
        history.back();
        history.remember(place(3));
        assert!(!history.can_go_forward());
        assert_eq!(history.back(), Some(place(1)));
        assert_eq!(history.len(), 3);
    }

    #[test]
    fn quick_changes_merge_into_one_step_and_repeats_are_ignored() {
        let clock = TestClock::new();
        let mut history = SelectionHistory::with_clock(&clock);
        history.remember(NOTHING);
        step(&clock, LATER);
        // A drag of the date window: many windows within a fraction of a second.
        for end in 10..20 {
            history.remember(Selection { place: None, window: Some((0, end)) });
            step(&clock, Duration::from_millis(50));
        }
        assert_eq!(history.len(), 2);
        history.remember(Selection { place: None, window: Some((0, 19)) });
        assert_eq!(history.len(), 2, "the same selection again is no step");
        step(&clock, HISTORY_MERGE);
        history.remember(place(7));
        assert_eq!(history.len(), 3, "after a pause a change is a step of its own");
        assert_eq!(history.back(), Some(Selection { place: None, window: Some((0, 19)) }));
    }

    #[test]
    fn the_first_step_is_never_merged_away() {
        let clock = TestClock::new();
        let mut history = SelectionHistory::with_clock(&clock);
        history.remember(NOTHING);
        history.remember(place(1));
        assert_eq!(history.len(), 2);
        assert_eq!(history.back(), Some(NOTHING));
    }

    #[test]
    fn only_the_last_steps_are_kept() {
        let clock = TestClock::new();
        let mut history = SelectionHistory::with_clock(&clock);
        for id in 0..(MAX_HISTORY as PlaceId + 50) {
            history.remember(place(id));
            step(&clock, LATER);
        }
        assert_eq!(history.len(), MAX_HISTORY);
        let mut oldest = None;
        while history.can_go_back() {
            oldest = history.back();
        }
        assert_eq!(oldest, Some(place(50)));
    }
}
