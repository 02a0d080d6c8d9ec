//! Time-window queries fast enough to run every frame on a million mentions.
//!
//! [`TimeIndex`] keeps the dated events sorted by day, so a window is a range of that array found by binary
//! search, and keeps the mention count of every place for the current window. Moving the window only touches
//! the events that enter or leave it, so scrubbing the timeline costs what changed, not what is loaded.

use std::ops::Range;

use rayon::slice::ParallelSliceMut;
use rustc_hash::FxHashMap as HashMap;

use super::{Atlas, DayNumber, Filter, PlaceCount, TimeWindow, date_of_day, day_number};
use crate::gazetteer::PlaceId;
use crate::timex::DatePrecision;

/// One row of the place list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlaceSummary {
    pub place: PlaceId,
    /// Mentions in the current window.
    pub mentions: u32,
    /// Mentions indexed, in any window.
    pub total: u32,
    pub first_day: Option<DayNumber>,
    pub last_day: Option<DayNumber>,
    /// When every mention on `first_day` is dated only to a week or a month starting that day: the last day
    /// of that week or month, so the list can say "2016-12" rather than claim 1 December.
    pub first_until: Option<DayNumber>,
    /// The same for `last_day`.
    pub last_until: Option<DayNumber>,
}

/// Sorted dated events, undated counts, and live per-place counts for one window.
#[derive(Debug, Clone, Default)]
pub struct TimeIndex {
    /// Days of the dated events, ascending.
    days: Vec<DayNumber>,
    /// The place slot of each entry of `days`.
    slots: Vec<u32>,
    /// Slot -> place.
    places: Vec<PlaceId>,
    /// Place -> slot, by place id (ids are the gazetteer's dense row numbers); [`NO_SLOT`] where none.
    slot_of: Vec<u32>,
    /// Days of each slot's dated events (for the selected place's histogram): ascending, except in the
    /// slots marked in `unsorted`, which [`TimeIndex::extend`] appended to out of order.
    days_by_slot: Vec<Vec<DayNumber>>,
    unsorted: Vec<bool>,
    /// First and last day of each slot's dated events.
    day_span: Vec<Option<(DayNumber, DayNumber)>>,
    /// The dated events whose date is coarser than a day (a week, a month), counted by the days their date
    /// covers (first, last): they are indexed on their first day, and drawn over all of them
    /// ([`TimeIndex::histogram_by_precision`]). Few keys: one a month or week with such dates.
    coarse: HashMap<(DayNumber, DayNumber), u32>,
    coarse_by_slot: HashMap<u32, HashMap<(DayNumber, DayNumber), u32>>,
    undated_by_slot: Vec<u32>,
    /// Mentions of each slot inside `range` (plus undated ones when `include_undated`).
    counts: Vec<u32>,
    range: Range<usize>,
    include_undated: bool,
    /// The window last set, kept so [`TimeIndex::extend`] can count it again.
    window: Option<TimeWindow>,
}

/// `slot_of`'s mark for a place with no slot.
const NO_SLOT: u32 = u32::MAX;

impl TimeIndex {
    /// Indexes every event of `atlas`; the window starts as [`TimeWindow::ALL`].
    pub fn build(atlas: &Atlas) -> TimeIndex {
        TimeIndex::build_where(atlas, &Filter::default())
    }

    /// Indexes the events of `atlas` that `filter` keeps.
    pub fn build_where(atlas: &Atlas, filter: &Filter) -> TimeIndex {
        let mut index = TimeIndex::default();
        let everything = filter.is_everything();
        let mut dated = index.add_events(atlas.events().iter().filter(|e| everything || filter.keeps(e)));
        // A whole folder's events at once (1.7 million for 100,000 articles): a tenth of a second on one core.
        dated.par_sort_unstable();
        for &(day, slot) in &dated {
            index.add_day(slot, day);
        }
        (index.days, index.slots) = dated.into_iter().unzip();
        index.recount(&TimeWindow::ALL);
        index
    }

    /// Adds the events of `atlas` numbered `events`, the next ones after those indexed (appended since this
    /// index was built from the events before them), with no filter (as while a folder loads). It costs the new events and a
    /// merge of the sorted columns, where a new build would cost every event again; the window stays. A
    /// place's own days are sorted only when asked for ([`TimeIndex::sort_days_of`]).
    pub fn extend(&mut self, atlas: &Atlas, events: Range<usize>) {
        let Some(new) = atlas.events().get(events) else { return };
        // A batch, on the window's thread while a folder loads: sorted there, not handed to the busy pool.
        let mut batch = self.add_events(new.iter());
        batch.sort_unstable();
        for &(day, slot) in &batch {
            self.add_day(slot, day);
        }
        // The window's counts take in the new events that fall inside it.
        let window = self.window.unwrap_or(TimeWindow::ALL);
        self.counts.resize(self.places.len(), 0);
        let inside = |day: DayNumber| window.days.is_none_or(|(first, last)| first <= day && day <= last);
        for &(_, slot) in batch.iter().filter(|&&(day, _)| inside(day)) {
            self.counts[slot as usize] += 1;
        }
        if self.include_undated {
            for event in new.iter().filter(|e| e.day.is_none()) {
                self.counts[self.slot_of[event.place as usize] as usize] += 1;
            }
        }
        // Merge the sorted batch into the sorted columns, from the back, in place.
        let old_len = self.days.len();
        self.days.resize(old_len + batch.len(), 0);
        self.slots.resize(old_len + batch.len(), 0);
        let (mut i, mut j, mut k) = (old_len, batch.len(), old_len + batch.len());
        while j > 0 {
            k -= 1;
            if i > 0 && (self.days[i - 1], self.slots[i - 1]) > batch[j - 1] {
                i -= 1;
                self.days[k] = self.days[i];
                self.slots[k] = self.slots[i];
            } else {
                j -= 1;
                (self.days[k], self.slots[k]) = batch[j];
            }
        }
        self.range = self.range_of(&window);
    }

    /// Gives each new place a slot and counts undated events; returns the dated ones as (day, slot), unsorted.
    fn add_events<'a>(&mut self, events: impl Iterator<Item = &'a super::Event>) -> Vec<(DayNumber, u32)> {
        // Room for every event at once: grown by doubling, this list would hold up to twice its size at the
        // end of a large load, when memory peaks.
        let mut dated: Vec<(DayNumber, u32)> = Vec::with_capacity(events.size_hint().1.unwrap_or(0));
        for event in events {
            let place = event.place as usize;
            if place >= self.slot_of.len() {
                self.slot_of.resize(place + 1, NO_SLOT);
            }
            let slot = match self.slot_of[place] {
                NO_SLOT => {
                    let slot = self.places.len() as u32;
                    self.slot_of[place] = slot;
                    self.places.push(event.place);
                    self.undated_by_slot.push(0);
                    self.days_by_slot.push(Vec::new());
                    self.unsorted.push(false);
                    self.day_span.push(None);
                    slot
                }
                slot => slot,
            };
            match event.day {
                Some(day) => {
                    dated.push((day, slot));
                    if let Some(last) = event.precision.and_then(|precision| last_day_of(day, precision)) {
                        *self.coarse.entry((day, last)).or_default() += 1;
                        *self.coarse_by_slot.entry(slot).or_default().entry((day, last)).or_default() += 1;
                    }
                }
                None => self.undated_by_slot[slot as usize] += 1,
            }
        }
        dated
    }

    /// Appends a dated event's day to its slot.
    fn add_day(&mut self, slot: u32, day: DayNumber) {
        let slot = slot as usize;
        let days = &mut self.days_by_slot[slot];
        if days.last().is_some_and(|&last| last > day) {
            self.unsorted[slot] = true;
        }
        days.push(day);
        let span = self.day_span[slot].get_or_insert((day, day));
        *span = (span.0.min(day), span.1.max(day));
    }

    fn slot(&self, place: PlaceId) -> Option<usize> {
        self.slot_of.get(place as usize).filter(|&&slot| slot != NO_SLOT).map(|&slot| slot as usize)
    }

    /// Sorts the days of `place` if new ones came in out of order, so its histogram is a binary search
    /// per bin again. The app calls it for the selected place.
    pub fn sort_days_of(&mut self, place: PlaceId) {
        if let Some(slot) = self.slot(place)
            && std::mem::take(&mut self.unsorted[slot])
        {
            // A slot's days are sorted runs, one per extension: the stable sort merges runs.
            self.days_by_slot[slot].sort();
        }
    }

    /// Counts `window` from nothing.
    fn recount(&mut self, window: &TimeWindow) {
        self.counts = vec![0; self.places.len()];
        self.range = 0..0;
        self.include_undated = false;
        self.set_window(window);
    }

    /// Number of dated events indexed.
    pub fn dated_len(&self) -> usize {
        self.days.len()
    }

    pub fn day_extent(&self) -> Option<(DayNumber, DayNumber)> {
        Some((*self.days.first()?, *self.days.last()?))
    }

    /// The days between which the middle of the dated mentions lie, leaving out `share` of them at each end
    /// (0.01: the 1st and 99th percentiles), so that a few stray dates (an 1884 anniversary, a 2027 plan) do
    /// not squash the rest into a corner.
    pub fn day_bulk(&self, share: f64) -> Option<(DayNumber, DayNumber)> {
        let n = self.days.len();
        let cut = ((n as f64) * share.clamp(0.0, 0.49)).floor() as usize;
        Some((*self.days.get(cut)?, *self.days.get(n.checked_sub(1 + cut)?)?))
    }

    /// Number of dated events between `first` and `last` (both included).
    pub fn dated_between(&self, first: DayNumber, last: DayNumber) -> usize {
        self.range_of(&TimeWindow { days: Some((first, last)), include_undated: false }).len()
    }

    fn range_of(&self, window: &TimeWindow) -> Range<usize> {
        match window.days {
            None => 0..self.days.len(),
            Some((first, last)) => {
                let start = self.days.partition_point(|&d| d < first);
                let end = self.days.partition_point(|&d| d <= last).max(start);
                start..end
            }
        }
    }

    /// Moves the window, updating counts by the events that entered or left it.
    pub fn set_window(&mut self, window: &TimeWindow) {
        let new = self.range_of(window);
        let old = self.range.clone();
        let overlap = new.start.max(old.start)..new.end.min(old.end);
        if overlap.is_empty() {
            self.add_range(old, -1);
            self.add_range(new.clone(), 1);
        } else {
            self.add_range(old.start..overlap.start, -1);
            self.add_range(overlap.end..old.end, -1);
            self.add_range(new.start..overlap.start, 1);
            self.add_range(overlap.end..new.end, 1);
        }
        if window.include_undated != self.include_undated {
            for (count, &undated) in self.counts.iter_mut().zip(&self.undated_by_slot) {
                *count = if window.include_undated { *count + undated } else { *count - undated };
            }
            self.include_undated = window.include_undated;
        }
        self.range = new;
        self.window = Some(*window);
    }

    fn add_range(&mut self, range: Range<usize>, sign: i32) {
        for &slot in &self.slots[range] {
            let count = &mut self.counts[slot as usize];
            *count = if sign > 0 { *count + 1 } else { *count - 1 };
        }
    }

    /// Mentions per place in the current window, most mentioned first (ties by place id); places with none
    /// are left out.
    pub fn place_counts(&self) -> Vec<PlaceCount> {
        let mut out: Vec<PlaceCount> = self
            .counts
            .iter()
            .zip(&self.places)
            .filter(|(count, _)| **count > 0)
            .map(|(&mentions, &place)| PlaceCount { place, mentions })
            .collect();
        out.sort_unstable_by(|a, b| b.mentions.cmp(&a.mentions).then(a.place.cmp(&b.place)));
        out
    }

    /// Every indexed place with its mentions in the current window and the first and last day it is
    /// mentioned on in that window (None when it has no dated mention there).
    pub fn place_summaries(&self) -> Vec<PlaceSummary> {
        (0..self.places.len()).map(|slot| self.summary(slot, true)).collect()
    }

    /// [`TimeIndex::place_summaries`] without the first and last days (all None), which cost two binary
    /// searches a place: a list sorted by mentions or names needs the days of the rows in view only
    /// ([`TimeIndex::place_summary`]), and at ten million mentions the days of every place cost a frame.
    pub fn place_summaries_without_days(&self) -> Vec<PlaceSummary> {
        (0..self.places.len()).map(|slot| self.summary(slot, false)).collect()
    }

    /// The summary of one place, days included (None if it is not indexed).
    pub fn place_summary(&self, place: PlaceId) -> Option<PlaceSummary> {
        self.slot(place).map(|slot| self.summary(slot, true))
    }

    fn summary(&self, slot: usize, with_days: bool) -> PlaceSummary {
        let span = match self.window.and_then(|w| w.days) {
            _ if !with_days => None,
            Some(window) if self.counts[slot] > 0 => self.span_within(slot, window),
            Some(_) => None,
            None => self.day_span[slot],
        };
        PlaceSummary {
            place: self.places[slot],
            mentions: self.counts[slot],
            total: self.days_by_slot[slot].len() as u32 + self.undated_by_slot[slot],
            first_day: span.map(|(first, _)| first),
            last_day: span.map(|(_, last)| last),
            first_until: span.and_then(|(first, _)| self.coarse_until(slot, first)),
            last_until: span.and_then(|(_, last)| self.coarse_until(slot, last)),
        }
    }

    /// The last day of the widest week or month starting on `day` that dates `slot`'s mentions there, when no
    /// mention of it on that day is dated to the day itself.
    fn coarse_until(&self, slot: usize, day: DayNumber) -> Option<DayNumber> {
        let coarse = self.coarse_by_slot.get(&(slot as u32))?;
        let (mut count, mut until) = (0, None);
        for (&(_, last), &n) in coarse.iter().filter(|((first, _), _)| *first == day) {
            count += n as usize;
            until = until.max(Some(last));
        }
        let until = until?;
        let days = &self.days_by_slot[slot];
        let on_day = if self.unsorted[slot] {
            days.iter().filter(|&&d| d == day).count()
        } else {
            days.partition_point(|&d| d <= day) - days.partition_point(|&d| d < day)
        };
        (on_day <= count).then_some(until)
    }

    /// The first and last day of `slot`'s mentions between `first` and `last`: two binary searches when its
    /// days are sorted, else one pass over them.
    fn span_within(&self, slot: usize, (first, last): (DayNumber, DayNumber)) -> Option<(DayNumber, DayNumber)> {
        let days = &self.days_by_slot[slot];
        if self.unsorted[slot] {
            let inside = days.iter().copied().filter(|&d| first <= d && d <= last);
            return inside.fold(None, |span, d| {
                Some(span.map_or((d, d), |(a, b): (DayNumber, DayNumber)| (a.min(d), b.max(d))))
            });
        }
        let from = days.partition_point(|&d| d < first);
        let to = days.partition_point(|&d| d <= last);
        (from < to).then(|| (days[from], days[to - 1]))
    }

    /// Number of events indexed, dated or not.
    pub fn len(&self) -> usize {
        self.days.len() + self.undated_by_slot.iter().map(|&n| n as usize).sum::<usize>()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Dated mentions per bin, bin `i` holding days in `[edges[i], edges[i + 1])`, of every place or of
    /// `place` alone. Costs a binary search per edge, whatever is loaded (a place whose days are not sorted
    /// yet costs a binary search per day instead: see [`TimeIndex::sort_days_of`]).
    pub fn histogram(&self, edges: &[DayNumber], place: Option<PlaceId>) -> Vec<u32> {
        let days: &[DayNumber] = match place {
            None => &self.days,
            Some(place) => match self.slot(place) {
                Some(slot) if self.unsorted[slot] => return histogram_of_unsorted(&self.days_by_slot[slot], edges),
                Some(slot) => &self.days_by_slot[slot],
                None => &[],
            },
        };
        let positions: Vec<usize> = edges.iter().map(|&edge| days.partition_point(|&d| d < edge)).collect();
        positions.windows(2).map(|w| (w[1] - w[0]) as u32).collect()
    }
}

impl TimeIndex {
    /// [`TimeIndex::histogram`] with each mention dated only to a week or a month spread over its days, so that
    /// the timeline never draws "late December" as one day: `exact` counts the mentions dated to a day, and
    /// `spread[i]` the share of the coarser ones' days that fall in bin `i` (a month-dated mention adds 1/31 to
    /// each day of December, or 1 to December's bin).
    pub fn histogram_by_precision(&self, edges: &[DayNumber], place: Option<PlaceId>) -> (Vec<u32>, Vec<f64>) {
        let mut exact = self.histogram(edges, place);
        let mut spread = vec![0.0; exact.len()];
        let coarse = match place {
            None => Some(&self.coarse),
            Some(place) => self.slot(place).and_then(|slot| self.coarse_by_slot.get(&(slot as u32))),
        };
        for (&(first, last), &count) in coarse.into_iter().flatten() {
            // Out of the bin of its first day, where `histogram` counted it...
            let first_bin = edges.partition_point(|&edge| edge <= first).checked_sub(1);
            if let Some(bin) = first_bin.and_then(|bin| exact.get_mut(bin)) {
                *bin = bin.saturating_sub(count);
            }
            // ...and over the bins of all its days.
            let days = f64::from(last - first + 1);
            for bin in first_bin.unwrap_or(0)..spread.len() {
                let (lo, hi) = (edges[bin].max(first), (edges[bin + 1] - 1).min(last));
                if lo > last {
                    break;
                }
                if hi >= lo {
                    spread[bin] += f64::from(count) * f64::from(hi - lo + 1) / days;
                }
            }
        }
        (exact, spread)
    }
}

/// The last day of a date of `precision` that starts on `first`, when it is coarser than a day.
fn last_day_of(first: DayNumber, precision: DatePrecision) -> Option<DayNumber> {
    use chrono::{Datelike, Months};
    let months = match precision {
        DatePrecision::Day => return None,
        DatePrecision::Week => return first.checked_add(6),
        DatePrecision::Month => 1,
        DatePrecision::Season | DatePrecision::Quarter => 3,
        DatePrecision::Year => 12,
        DatePrecision::Decade => 120,
        DatePrecision::Century => 1200,
    };
    let start = date_of_day(first)?;
    let next = start.with_day(1)?.checked_add_months(Months::new(months))?;
    Some(day_number(next) - 1)
}

/// [`TimeIndex::histogram`] of days in any order.
fn histogram_of_unsorted(days: &[DayNumber], edges: &[DayNumber]) -> Vec<u32> {
    let mut bins = vec![0; edges.len().saturating_sub(1)];
    for &day in days {
        // The number of edges at or before `day` is one more than its bin.
        let after = edges.partition_point(|&edge| edge <= day);
        if let Some(bin) = after.checked_sub(1).and_then(|bin| bins.get_mut(bin)) {
            *bin += 1;
        }
    }
    bins
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Article;
    use crate::gazetteer::Gazetteer;
    use crate::index::{BinUnit, analyze, bin_edges};

    fn atlas() -> Atlas {
        let texts = [
            "Talks\n3 August, 2015\nEnvoys met in Doha and Moscow. Later in Doha on 5 August, 2015.",
            "Talks\n13 January, 2017\nEnvoys met in Astana. They go to Geneva on 8 February, 2017.",
            "Talks\n24 January, 2017\nAstana, Moscow and Geneva.",
            "No date here. Envoys met in Geneva and Kuala Lumpur.",
        ];
        let mut atlas = Atlas::new();
        for (i, text) in texts.iter().enumerate() {
            add(&mut atlas, &format!("{i}.txt"), text);
        }
        atlas
    }

    /// Adds the analysis of `text` as the article `id` (also its path and title).
    fn add(atlas: &mut Atlas, id: &str, text: &str) {
        atlas.add(analyze(Article::for_test(id, text), Gazetteer::bundled()));
    }

    /// Regression (issue 17): "late December" was drawn as one day, 1 December.
    #[test]
    fn a_mention_dated_to_a_month_is_spread_over_the_month() {
        let mut atlas = Atlas::new();
        let text =
            "Talks\n13 January, 2017\nEnvoys met in Astana in late December. Geneva hosts talks on 8 February, 2017.";
        add(&mut atlas, "a.txt", text);
        let day = |s: &str| day_number(chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap());
        let astana = atlas.events().iter().find(|e| e.precision == Some(DatePrecision::Month)).expect("a month date");
        assert_eq!(astana.day, Some(day("2016-12-01")));
        let index = TimeIndex::build(&atlas);

        // Day bins from 30 November to 2 January: 1/31 on each day of December, nothing exact on 1 December.
        let edges: Vec<DayNumber> = (day("2016-11-30")..=day("2017-01-02")).collect();
        let (exact, spread) = index.histogram_by_precision(&edges, None);
        assert!(exact.iter().all(|&c| c == 0), "{exact:?}");
        assert_eq!((spread[0], spread[32]), (0.0, 0.0), "nothing on 30 November or 1 January");
        assert!(spread[1..32].iter().all(|&s| (s - 1.0 / 31.0).abs() < 1e-9), "{spread:?}");

        // Month bins: the whole mention in December; the day-dated mention of February stays exact.
        let edges = [day("2016-11-01"), day("2016-12-01"), day("2017-01-01"), day("2017-02-01"), day("2017-03-01")];
        let (exact, spread) = index.histogram_by_precision(&edges, None);
        assert_eq!(exact, [0, 0, 0, 1]);
        assert_eq!(spread, [0.0, 1.0, 0.0, 0.0]);
        let (exact, spread) = index.histogram_by_precision(&edges, Some(astana.place));
        assert_eq!((exact, spread), (vec![0, 0, 0, 0], vec![0.0, 1.0, 0.0, 0.0]));
        assert_eq!(index.histogram(&edges, None), [0, 1, 0, 1], "indexed on its first day, as before");

        // The place list says a month for it, not 1 December, unless a mention dates that day itself.
        let astana = astana.place;
        let summary = |index: &TimeIndex| index.place_summaries().into_iter().find(|s| s.place == astana).unwrap();
        let row = summary(&index);
        assert_eq!((row.first_day, row.first_until), (Some(day("2016-12-01")), Some(day("2016-12-31"))));
        assert_eq!(row.last_day, Some(day("2016-12-01")));
        add(&mut atlas, "b.txt", "Talks\n1 December, 2016\nEnvoys met in Astana on 1 December, 2016.");
        let row = summary(&TimeIndex::build(&atlas));
        assert_eq!((row.first_day, row.first_until), (Some(day("2016-12-01")), None), "a day-dated mention that day");
    }

    /// The index must agree with the plain scan in `Atlas` for every window, reached in any order.
    #[test]
    fn incremental_counts_match_a_full_scan() {
        let atlas = atlas();
        let mut index = TimeIndex::build(&atlas);
        let (first, last) = atlas.day_extent().unwrap();
        assert_eq!(index.day_extent(), Some((first, last)));
        let mut windows = vec![TimeWindow::ALL];
        for a in (first - 2..=last + 2).step_by(37) {
            for b in (a..=last + 40).step_by(61) {
                for include_undated in [true, false] {
                    windows.push(TimeWindow { days: Some((a, b)), include_undated });
                }
            }
        }
        windows.push(TimeWindow { days: Some((last + 5, last + 9)), include_undated: false });
        for window in windows.iter().chain(windows.iter().rev()) {
            index.set_window(window);
            assert_eq!(index.place_counts(), atlas.place_counts(window), "{window:?}");
        }
    }

    #[test]
    fn extending_an_index_matches_building_it_anew() {
        let full = atlas();
        let (first, last) = full.day_extent().unwrap();
        for window in [
            TimeWindow { days: Some((first + 3, last)), include_undated: false },
            TimeWindow { days: Some((first, first + 40)), include_undated: true },
            TimeWindow::ALL,
        ] {
            extend_matches_a_new_build(&full, window);
        }
    }

    fn extend_matches_a_new_build(full: &Atlas, window: TimeWindow) {
        let (first, last) = full.day_extent().unwrap();
        // The same events, added a document at a time as a load adds them.
        let mut growing = Atlas::new();
        let mut index = TimeIndex::build(&growing);
        index.set_window(&window);
        for document in full.documents() {
            let from = growing.events().len();
            growing.add(document.clone());
            index.extend(&growing, from..growing.events().len());
        }
        let mut built = TimeIndex::build(&growing);
        built.set_window(&window);
        assert_eq!(index.place_counts(), built.place_counts());
        assert_eq!(index.place_counts(), growing.place_counts(&window));
        let summaries = |i: &TimeIndex| {
            let mut s = i.place_summaries();
            s.sort_by_key(|s| s.place);
            s
        };
        assert_eq!(summaries(&index), summaries(&built));
        let edges = bin_edges(first - 3, last + 3, BinUnit::Day, 10_000);
        assert_eq!(index.histogram(&edges, None), built.histogram(&edges, None));
        assert!(index.unsorted.contains(&true), "Geneva's days came in out of order");
        for event in growing.events() {
            let place = Some(event.place);
            assert_eq!(index.histogram(&edges, place), built.histogram(&edges, place), "days as they came");
            index.sort_days_of(event.place);
            assert_eq!(index.histogram(&edges, place), built.histogram(&edges, place), "days sorted");
        }
        assert_eq!(index.len(), built.len());
    }

    #[test]
    fn histograms_match_a_full_scan() {
        let atlas = atlas();
        let index = TimeIndex::build(&atlas);
        let (first, last) = atlas.day_extent().unwrap();
        for unit in [BinUnit::Day, BinUnit::Week, BinUnit::Month, BinUnit::Year] {
            let edges = bin_edges(first - 3, last + 3, unit, 10_000);
            assert_eq!(index.histogram(&edges, None), atlas.histogram(&edges, None), "{unit:?}");
            for event in atlas.events() {
                let place = Some(event.place);
                assert_eq!(index.histogram(&edges, place), atlas.histogram(&edges, place));
            }
        }
        assert_eq!(index.histogram(&[first, last + 1], Some(u32::MAX)), [0]);
    }

    #[test]
    fn place_summaries_and_filtered_builds() {
        let atlas = atlas();
        let gaz = Gazetteer::bundled();
        let mut index = TimeIndex::build(&atlas);
        assert_eq!(index.len(), atlas.events().len());
        let (first, _) = atlas.day_extent().unwrap();
        index.set_window(&TimeWindow { days: Some((first, first + 30)), include_undated: false });
        let doha = index.place_summaries().into_iter().find(|s| gaz.place(s.place).name == "Doha").unwrap();
        assert_eq!((doha.mentions, doha.total), (2, 2));
        assert!(doha.first_day.is_some() && doha.first_day <= doha.last_day);
        let geneva = index.place_summaries().into_iter().find(|s| gaz.place(s.place).name == "Geneva").unwrap();
        assert_eq!((geneva.mentions, geneva.total), (0, 3));

        let filter = Filter::new(&atlas, gaz, "Kuala", crate::index::Certainty::Any);
        let narrowed = TimeIndex::build_where(&atlas, &filter);
        let mut names: Vec<&str> = narrowed.place_counts().iter().map(|c| gaz.place(c.place).name.as_str()).collect();
        names.sort_unstable();
        assert_eq!(names, ["Geneva", "Kuala Lumpur"], "the words of the undated article");
    }

    /// Regression (issue 17): a few stray dates squashed the bulk of a folder into a quarter of the timeline.
    #[test]
    fn the_bulk_of_the_days_leaves_out_stray_ones() {
        let mut days: Vec<DayNumber> = (0..1000).map(|i| 10_000 + i).collect();
        days.insert(0, -50_000);
        days.push(90_000);
        let index = TimeIndex { days, ..TimeIndex::default() };
        assert_eq!(index.day_extent(), Some((-50_000, 90_000)));
        assert_eq!(index.day_bulk(0.01), Some((10_009, 10_990)));
        assert_eq!(index.day_bulk(0.0), index.day_extent());
        assert_eq!(TimeIndex::default().day_bulk(0.01), None);
    }

    /// Regression (issue 17): the place list's First and Last gave a place's whole range, not the window's.
    #[test]
    fn first_and_last_days_are_those_in_the_window() {
        let atlas = atlas();
        let mut index = TimeIndex::build(&atlas);
        let (first, last) = atlas.day_extent().unwrap();
        for window in [(first, last), (first + 1, last - 1), (first + 20, first + 400), (last, last)] {
            index.set_window(&TimeWindow { days: Some(window), include_undated: false });
            for summary in index.place_summaries() {
                let days: Vec<DayNumber> = atlas
                    .events()
                    .iter()
                    .filter(|e| e.place == summary.place)
                    .filter_map(|e| e.day)
                    .filter(|&d| window.0 <= d && d <= window.1)
                    .collect();
                let expected = days.iter().min().copied().zip(days.iter().max().copied());
                assert_eq!(summary.first_day.zip(summary.last_day), expected, "{window:?}");
                // One place at a time (the rows in view) says the same.
                assert_eq!(index.place_summary(summary.place), Some(summary));
            }
            // Without the days: the same places and counts.
            let without: Vec<PlaceSummary> = index.place_summaries_without_days();
            let with = index.place_summaries();
            assert!(without.iter().all(|s| s.first_day.is_none() && s.last_day.is_none()));
            let counts =
                |rows: &[PlaceSummary]| rows.iter().map(|s| (s.place, s.mentions, s.total)).collect::<Vec<_>>();
            assert_eq!(counts(&without), counts(&with));
        }
    }

    #[test]
    fn empty_atlas() {
        let mut index = TimeIndex::build(&Atlas::new());
        index.set_window(&TimeWindow { days: Some((1, 2)), include_undated: false });
        assert!(index.place_counts().is_empty());
        assert_eq!(index.day_extent(), None);
        assert!(index.histogram(&[], None).is_empty());
    }
}
