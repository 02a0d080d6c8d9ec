//! Calendar bins for the timeline histogram: days, weeks (from Monday), months or years, chosen so a span
//! shows a readable number of bars.

use chrono::{Datelike, NaiveDate};

use super::{DayNumber, date_of_day, day_number};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BinUnit {
    Day,
    Week,
    Month,
    Year,
}

impl BinUnit {
    /// The finest unit that gives at most about 150 bars over `span_days`.
    pub fn for_span(span_days: f64) -> BinUnit {
        if span_days <= 150.0 {
            BinUnit::Day
        } else if span_days <= 7.0 * 150.0 {
            BinUnit::Week
        } else if span_days <= 30.5 * 150.0 {
            BinUnit::Month
        } else {
            BinUnit::Year
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            BinUnit::Day => "day",
            BinUnit::Week => "week",
            BinUnit::Month => "month",
            BinUnit::Year => "year",
        }
    }

    /// The start of the bin containing `date`.
    fn floor(self, date: NaiveDate) -> NaiveDate {
        match self {
            BinUnit::Day => date,
            BinUnit::Week => date - chrono::Days::new(u64::from(date.weekday().num_days_from_monday())),
            BinUnit::Month => date.with_day(1).unwrap_or(date),
            BinUnit::Year => NaiveDate::from_ymd_opt(date.year(), 1, 1).unwrap_or(date),
        }
    }

    fn next(self, date: NaiveDate) -> Option<NaiveDate> {
        match self {
            BinUnit::Day => date.succ_opt(),
            BinUnit::Week => date.checked_add_days(chrono::Days::new(7)),
            BinUnit::Month => date.checked_add_months(chrono::Months::new(1)),
            BinUnit::Year => date.checked_add_months(chrono::Months::new(12)),
        }
    }
}

/// Bin edges covering `first..=last`: the first edge at or before `first`, the last after `last`.
/// At most `max_bins` bins are made, so a wild range cannot exhaust memory.
pub fn bin_edges(first: DayNumber, last: DayNumber, unit: BinUnit, max_bins: usize) -> Vec<DayNumber> {
    let (Some(first_date), Some(_)) = (date_of_day(first), date_of_day(last)) else {
        return Vec::new();
    };
    let mut edge = unit.floor(first_date);
    let mut edges = vec![day_number(edge)];
    while edges.len() <= max_bins && *edges.last().unwrap_or(&last) <= last {
        let Some(next) = unit.next(edge) else { break };
        edge = next;
        edges.push(day_number(edge));
    }
    edges
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> DayNumber {
        day_number(NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    #[test]
    fn unit_follows_the_span() {
        assert_eq!(BinUnit::for_span(30.0), BinUnit::Day);
        assert_eq!(BinUnit::for_span(400.0), BinUnit::Week);
        assert_eq!(BinUnit::for_span(3000.0), BinUnit::Month);
        assert_eq!(BinUnit::for_span(30000.0), BinUnit::Year);
    }

    #[test]
    fn edges_align_to_the_calendar() {
        // 2017-01-13 is a Friday: its week starts on Monday the 9th.
        assert_eq!(
            bin_edges(day(2017, 1, 13), day(2017, 1, 20), BinUnit::Week, 100),
            [day(2017, 1, 9), day(2017, 1, 16), day(2017, 1, 23)]
        );
        assert_eq!(
            bin_edges(day(2016, 12, 31), day(2017, 1, 1), BinUnit::Month, 100),
            [day(2016, 12, 1), day(2017, 1, 1), day(2017, 2, 1)]
        );
        assert_eq!(bin_edges(day(2015, 6, 1), day(2015, 6, 1), BinUnit::Year, 100), [day(2015, 1, 1), day(2016, 1, 1)]);
        assert_eq!(bin_edges(day(2015, 1, 1), day(2099, 1, 1), BinUnit::Day, 10).len(), 11);
        assert!(bin_edges(i32::MAX, i32::MAX, BinUnit::Day, 10).is_empty());
    }
}
