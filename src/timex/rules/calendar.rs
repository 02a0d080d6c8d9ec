//! Named days and stretches of the calendar: weekdays, months with their day and year, seasons, holidays,
//! and quarters, halves and centuries by their ordinal ("the third quarter of 2009").

use super::{Hit, Tagger, hit};
use crate::timex::lexicon;
use crate::timex::sem::{Sem, Shift, YearRef, time_of};
use crate::timex::tokens::Class;

impl<'t> Tagger<'t> {
    /// A weekday, with an optional date after it ("Friday, January 13, 2017") or a part of the day.
    pub(super) fn weekday_rule(&self, i: usize, weekday: u32) -> Option<Hit> {
        let j = self.skip_comma(self.skip_dot(i + 1));
        if let Some(month) = self.month_word(j)
            && let Some(found) = self.month_rule(j, month, Shift::Tense)
            && matches!(found.sem, Sem::Day { .. } | Sem::Time { .. })
        {
            return Some(found);
        }
        if let Some(day) = self.day_at(j)
            && let Some(month) = self.month_word(j + 1)
        {
            return self.day_month_year(j + 2, day, month);
        }
        if self.w(i).len() <= 4 && !(self.punct(i + 1, b'.') && self.tight(i + 1)) {
            // "Sun" and "Wed" without a full stop are more often a name or a verb.
            return None;
        }
        self.with_day_part(i + 1, Sem::Weekday { weekday, shift: Shift::Tense })
    }

    /// A month name at `i`: "January 13[, 2017]", "Jan. 2017", "May of 2008", "June this year", "December".
    pub(super) fn month_rule(&self, i: usize, month: u32, shift: Shift) -> Option<Hit> {
        let abbreviated = self.w(i).len() <= 4 && !matches!(self.w(i), "may" | "june" | "july");
        let j = if abbreviated { self.skip_dot(i + 1) } else { i + 1 };
        if let Some(day) = self.day_at(j)
            && !self.punct(j + 1, b':')
            && !(self.punct(j + 1, b',') && self.digits(j + 2) == 3)
        {
            return self.day_month_year(j + 1, day, month).map(|mut found| {
                if let Sem::Day { year: YearRef::Infer, .. } = found.sem
                    && shift != Shift::Tense
                {
                    found.sem = Sem::Month { year: YearRef::Infer, month, shift };
                }
                found
            });
        }
        let k = if self.is(j, "of") { j + 1 } else { self.skip_comma(j) };
        if let Some(year) = self.year_at(k) {
            return hit(k + 1, Sem::Month { year: YearRef::Given(year), month, shift: Shift::Tense });
        }
        if let Some(year) = self.year_offset_at(k) {
            return hit(k + 2, Sem::Month { year: YearRef::Offset(year), month, shift: Shift::Tense });
        }
        if abbreviated && j == i + 1 {
            // "Jan" alone is more often a name.
            return None;
        }
        if matches!(month, 3 | 5) && shift == Shift::Tense {
            let context = i > 0 && (self.is_any(i - 1, lexicon::MONTH_CONTEXT) || self.punct(i - 1, b'-'));
            if !context {
                return None;
            }
        }
        hit(j, Sem::Month { year: YearRef::Infer, month, shift })
    }

    /// "this year" (0), "last year" (-1), "next year" (1) at `i`.
    pub(super) fn year_offset_at(&self, i: usize) -> Option<i32> {
        if !self.is(i + 1, "year") {
            return None;
        }
        match self.w(i) {
            "this" if self.joined(i) => Some(0),
            "last" if self.joined(i) => Some(-1),
            "next" if self.joined(i) => Some(1),
            _ => None,
        }
    }

    /// After a day and month: an optional year, or the time of day.
    pub(super) fn day_month_year(&self, j: usize, day: u32, month: u32) -> Option<Hit> {
        let k = self.skip_comma(j);
        let (year, end) = match self.year_at(k) {
            Some(year) => (YearRef::Given(year), k + 1),
            None => match self.year_offset_at(k) {
                Some(offset) => (YearRef::Offset(offset), k + 2),
                None => (YearRef::Infer, j),
            },
        };
        let date = Sem::Day { year, month, day };
        if let Some((time, end)) = self.clock_after(end) {
            return hit(end, time_of(date, &time));
        }
        hit(end, date)
    }

    /// "spring", "the summer of 2008", "last fall", "winter 2009".
    pub(super) fn season_rule(&self, i: usize, shift: Shift) -> Option<Hit> {
        let season = lexicon::season(self.w(i)).filter(|_| self.joined(i))?;
        let k = if self.is(i + 1, "of") { i + 2 } else { i + 1 };
        if let Some(year) = self.year_at(k) {
            return hit(k + 1, Sem::Season { year: YearRef::Given(year), season, shift: Shift::Tense });
        }
        if let Some(offset) = self.year_offset_at(k) {
            return hit(k + 2, Sem::Season { year: YearRef::Offset(offset), season, shift: Shift::Tense });
        }
        if self.is(i + 1, "of") {
            return None;
        }
        // "fall" and "spring" are also verbs and nouns: alone, they need a word that makes them a season.
        let before = if i > 0 { self.w(i - 1) } else { "" };
        let context = shift != Shift::Tense
            || matches!(before, "in" | "the" | "this" | "last" | "next" | "during" | "early" | "late" | "mid" | "by")
            || matches!(self.w(i), "summer" | "winter" | "autumn");
        if !context || (self.capitalised(i) && i > 0 && !self.toks[i].newline_before && before != "the") {
            return None;
        }
        hit(i + 1, Sem::Season { year: YearRef::Infer, season, shift })
    }

    pub(super) fn holiday_rule(&self, i: usize) -> Option<Hit> {
        if !self.capitalised(i) {
            return None;
        }
        let w = self.w(i);
        let day = |k: usize| if self.is(k, "day") { k + 1 } else { k };
        let (name, end) = match w {
            "christmas" => {
                if self.is(i + 1, "eve") {
                    ("christmas eve", i + 2)
                } else {
                    ("christmas", day(i + 1))
                }
            }
            "thanksgiving" => ("thanksgiving", day(i + 1)),
            "easter" => ("easter", if self.is_any(i + 1, &["sunday", "day"]) { i + 2 } else { i + 1 }),
            "halloween" => ("halloween", i + 1),
            "new" if self.is(i + 1, "year") && self.is_any(i + 2, &["'", "\u{2019}"]) && self.is(i + 3, "s") => {
                if self.is(i + 4, "eve") {
                    ("new year's eve", i + 5)
                } else if self.is(i + 4, "day") {
                    ("new year's day", i + 5)
                } else {
                    return None;
                }
            }
            "valentine" if self.is_any(i + 1, &["'", "\u{2019}"]) && self.is(i + 2, "s") && self.is(i + 3, "day") => {
                ("valentine's day", i + 4)
            }
            "independence" | "labor" | "memorial" | "boxing" if self.is(i + 1, "day") => {
                let name = match w {
                    "independence" => "independence day",
                    "labor" => "labor day",
                    "memorial" => "memorial day",
                    _ => "boxing day",
                };
                (name, i + 2)
            }
            _ => return None,
        };
        let k = self.skip_comma(end);
        if let Some(year) = self.year_at(k) {
            return hit(k + 1, Sem::Holiday { name, year: YearRef::Given(year) });
        }
        hit(end, Sem::Holiday { name, year: YearRef::Infer })
    }

    /// "the third quarter [of 2009]", "third-quarter", "first-half", "the 20th century".
    pub(super) fn ordinal_rule(&self, i: usize) -> Option<Hit> {
        let w = self.w(i);
        let n = lexicon::ordinal(w)
            .or_else(|| (self.class(i) == Some(Class::Mixed)).then(|| self.day_at(i)).flatten().filter(|n| *n <= 21))?;
        let j = self.skip_hyphen(i + 1);
        if !self.joined(j) {
            return None;
        }
        let make = |year: YearRef| match self.w(j) {
            "quarter" if (1..=4).contains(&n) => Some(Sem::Quarter { year, quarter: n }),
            "half" if (1..=2).contains(&n) => Some(Sem::Half { year, half: n }),
            _ => None,
        };
        if self.w(j) == "century" {
            return hit(j + 1, Sem::Century(n as i32 - 1));
        }
        make(YearRef::Infer)?;
        let end = j + 1;
        if self.is(end, "of") {
            let k = end + 1;
            if let Some(year) = self.year_at(k) {
                return hit(k + 1, make(YearRef::Given(year))?);
            }
            if self.is(k, "fiscal") && self.year_at(k + 1).is_some() {
                return hit(k + 2, make(YearRef::Given(self.year_at(k + 1)?))?);
            }
            if let Some(offset) = self.year_offset_at(k) {
                return hit(k + 2, make(YearRef::Offset(offset))?);
            }
            if self.is(k, "the") && self.is(k + 1, "year") {
                return hit(k + 2, make(YearRef::Offset(0))?);
            }
        }
        if let Some(year) = self.year_at(end).filter(|_| self.tight(end) || self.punct(end - 1, b'-')) {
            return hit(end + 1, make(YearRef::Given(year))?);
        }
        hit(end, make(YearRef::Infer)?)
    }
}
