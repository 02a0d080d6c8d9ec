//! Time-window queries fast enough to run every frame on a million mentions.
//!
//! [`TimeIndex`] keeps the dated events sorted by day, so a window is a range of that array found by binary
//! search, and keeps the mention count of every place for the current window. Moving the window only touches
//! the events that enter or leave it, so scrubbing the timeline costs what changed, not what is loaded.

use std::collections::HashMap;
use std::ops::Range;

use super::{Atlas, DayNumber, Filter, PlaceCount, TimeWindow};
use crate::gazetteer::PlaceId;

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
    /// Days of each slot's dated events, ascending (for the selected place's histogram).
    days_by_slot: Vec<Vec<DayNumber>>,
    undated_by_slot: Vec<u32>,
    /// Mentions of each slot inside `range` (plus undated ones when `include_undated`).
    counts: Vec<u32>,
    range: Range<usize>,
    include_undated: bool,
}

impl TimeIndex {
    /// Indexes every event of `atlas`; the window starts as [`TimeWindow::ALL`].
    pub fn build(atlas: &Atlas) -> TimeIndex {
        TimeIndex::build_where(atlas, &Filter::default())
    }

    /// Indexes the events of `atlas` that `filter` keeps.
    pub fn build_where(atlas: &Atlas, filter: &Filter) -> TimeIndex {
        let mut slot_of: HashMap<PlaceId, u32> = HashMap::new();
        let mut places = Vec::new();
        let mut dated: Vec<(DayNumber, u32)> = Vec::with_capacity(atlas.events().len());
        let mut undated_by_slot: Vec<u32> = Vec::new();
        let everything = filter.is_everything();
        for event in atlas.events().iter().filter(|e| everything || filter.keeps(e)) {
            let slot = *slot_of.entry(event.place).or_insert_with(|| {
                places.push(event.place);
                undated_by_slot.push(0);
                (places.len() - 1) as u32
            });
            match event.day {
                Some(day) => dated.push((day, slot)),
                None => undated_by_slot[slot as usize] += 1,
            }
        }
        dated.sort_unstable();
        let mut days_by_slot = vec![Vec::new(); places.len()];
        for &(day, slot) in &dated {
            days_by_slot[slot as usize].push(day);
        }
        let (days, slots) = dated.into_iter().unzip();
        let mut index = TimeIndex {
            days,
            slots,
            places,
            days_by_slot,
            counts: undated_by_slot.clone(),
            undated_by_slot,
            range: 0..0,
            include_undated: true,
        };
        index.set_window(&TimeWindow::ALL);
        index
    }

    /// Number of dated events indexed.
    pub fn dated_len(&self) -> usize {
        self.days.len()
    }

    pub fn day_extent(&self) -> Option<(DayNumber, DayNumber)> {
        Some((*self.days.first()?, *self.days.last()?))
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
    /// mentioned on at all (None when all its mentions are undated).
    pub fn place_summaries(&self) -> Vec<PlaceSummary> {
        self.places
            .iter()
            .enumerate()
            .map(|(slot, &place)| {
                let days = &self.days_by_slot[slot];
                PlaceSummary {
                    place,
                    mentions: self.counts[slot],
                    total: days.len() as u32 + self.undated_by_slot[slot],
                    first_day: days.first().copied(),
                    last_day: days.last().copied(),
                }
            })
            .collect()
    }

    /// Number of events indexed, dated or not.
    pub fn len(&self) -> usize {
        self.days.len() + self.undated_by_slot.iter().map(|&n| n as usize).sum::<usize>()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Dated mentions per bin, bin `i` holding days in `[edges[i], edges[i + 1])`, of every place or of
    /// `place` alone. Costs a binary search per edge, whatever is loaded.
    pub fn histogram(&self, edges: &[DayNumber], place: Option<PlaceId>) -> Vec<u32> {
        let days: &[DayNumber] = match place {
            None => &self.days,
            Some(place) => match self.places.iter().position(|&p| p == place) {
                Some(slot) => &self.days_by_slot[slot],
                None => &[],
            },
        };
        let positions: Vec<usize> = edges.iter().map(|&edge| days.partition_point(|&d| d < edge)).collect();
        positions.windows(2).map(|w| (w[1] - w[0]) as u32).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Article, SourceRef};
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
            let id = format!("{i}.txt");
            let article = Article {
                id: id.clone(),
                source: SourceRef { path: id.clone().into(), line: None },
                title: id,
                text: (*text).to_owned(),
                metadata_date: None,
            };
            atlas.add(analyze(article, Gazetteer::bundled()));
        }
        atlas
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

    #[test]
    fn empty_atlas() {
        let mut index = TimeIndex::build(&Atlas::new());
        index.set_window(&TimeWindow { days: Some((1, 2)), include_undated: false });
        assert!(index.place_counts().is_empty());
        assert_eq!(index.day_extent(), None);
        assert!(index.histogram(&[], None).is_empty());
    }
}
