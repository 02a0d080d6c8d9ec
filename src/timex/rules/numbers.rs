//! Expressions that open with a number: "2017-01-13", "1/13/2017", "13 January 2017", "the 1990s", "4:52 pm",
//! "0800 UTC", and years alone.

use super::{Hit, Tagger, hit};
use crate::timex::lexicon;
use crate::timex::sem::{Sem, YearRef, time_of};
use crate::timex::tokens::Class;

impl<'t> Tagger<'t> {
    pub(super) fn number_rule(&self, i: usize) -> Option<Hit> {
        if let Some(found) = self.decade_at(i) {
            return Some(found);
        }
        let digits = self.digits(i);
        // 2017-01-13, 2017/01/13, with an optional time after a "T"
        if digits == 4
            && (self.punct(i + 1, b'-') || self.punct(i + 1, b'/'))
            && self.tight(i + 1)
            && self.tight(i + 2)
            && self.digits(i + 2) == 2
            && self.punct(i + 3, self.text.as_bytes()[self.toks[i + 1].start])
            && self.tight(i + 3)
            && self.tight(i + 4)
        {
            let year: i32 = self.w(i).parse().ok()?;
            let month: u32 = self.w(i + 2).parse().ok()?;
            let day_word = self.w(i + 4);
            let day: u32 = day_word.get(..2)?.parse().ok()?;
            if (1..=12).contains(&month) && (day_word.len() == 2 || day_word.as_bytes()[2] == b't') {
                return hit(i + 5, Sem::Day { year: YearRef::Given(year), month, day });
            }
        }
        // 1/13/2017, 13/01/2017, 1/13/17
        if (1..=2).contains(&digits)
            && self.punct(i + 1, b'/')
            && self.tight(i + 1)
            && self.digits(i + 2) >= 1
            && self.digits(i + 2) <= 2
            && self.punct(i + 3, b'/')
            && self.tight(i + 3)
            && self.tight(i + 4)
        {
            let a: u32 = self.w(i).parse().ok()?;
            let b: u32 = self.w(i + 2).parse().ok()?;
            let year = self.year_at(i + 4).or_else(|| self.short_year_at(i + 4))?;
            // Day first only when the first number cannot be a month; US order otherwise.
            let (month, day) = if a > 12 { (b, a) } else { (a, b) };
            if (1..=12).contains(&month) && (1..=31).contains(&day) {
                return hit(i + 5, Sem::Day { year: YearRef::Given(year), month, day });
            }
            return None;
        }
        if let Some((time, end)) = self.clock_at(i) {
            let (day, end) = self.day_after_a_clock(end).unwrap_or((Sem::DayOffset(0), end));
            return hit(end, time_of(day, &time));
        }
        // "0800 UTC"
        if digits == 4 && self.joined(i + 1) && lexicon::time_zone(self.w(i + 1)).is_some() {
            let hhmm: u32 = self.w(i).parse().ok()?;
            if hhmm / 100 <= 24 && hhmm % 100 < 60 {
                let (time, end) = self.with_zone(hhmm / 100, hhmm % 100, i + 1);
                return hit(end, time_of(Sem::DayOffset(0), &time));
            }
        }
        // 13 January [2017], 13th of January
        if let Some(day) = self.day_at(i) {
            let j = if self.class(i) == Some(Class::Mixed) && self.is(i + 1, "of") { i + 2 } else { i + 1 };
            if let Some(month) = self.month_word(j) {
                let k = if self.w(j).len() <= 4 { self.skip_dot(j + 1) } else { j + 1 };
                return self.day_month_year(k, day, month);
            }
        }
        if let Some(found) = self.ordinal_rule(i) {
            return Some(found);
        }
        if let Some(found) = self.quantity_rule(i) {
            return Some(found);
        }
        if let Some(year) = self.year_at(i) {
            return hit(i + 1, Sem::Year(year));
        }
        None
    }

    /// "'90s", "the 1990s", "1980s", "the 90s".
    pub(super) fn decade_at(&self, i: usize) -> Option<Hit> {
        let (j, apostrophe) = if matches!(self.w(i), "'" | "\u{2019}") { (i + 1, true) } else { (i, false) };
        if !self.joined(j) || (apostrophe && !self.tight(j)) {
            return None;
        }
        let w = self.w(j);
        if self.class(j) == Some(Class::Mixed)
            && let Some(digits) = w.strip_suffix('s')
        {
            if !digits.bytes().all(|b| b.is_ascii_digit()) || !digits.ends_with('0') {
                return None;
            }
            let decade = match digits.len() {
                4 => digits[..3].parse().ok()?,
                2 if apostrophe || (i > 0 && self.is_any(i - 1, &["the", "mid", "early", "late", "-"])) => {
                    let short: i32 = digits.parse().ok()?;
                    if short < 30 { 200 + short / 10 } else { 190 + short / 10 }
                }
                _ => return None,
            };
            return hit(j + 1, Sem::Decade(decade));
        }
        None
    }

    pub(super) fn short_year_at(&self, i: usize) -> Option<i32> {
        if !self.joined(i) || self.digits(i) != 2 {
            return None;
        }
        let short: i32 = self.w(i).parse().ok()?;
        Some(if short < 50 { 2000 + short } else { 1900 + short })
    }

    /// The day named right after a clock time, with an optional "on", and the end: "7 p.m. Tuesday", "12:30 p.m.
    /// on Sunday", "3pm yesterday". Without one, a clock time is on the article's day.
    fn day_after_a_clock(&self, j: usize) -> Option<(Sem, usize)> {
        let k = if self.is(j, "on") { j + 1 } else { j };
        if !self.joined(k) {
            return None;
        }
        let offset = match self.w(k) {
            "today" => Some(0),
            "yesterday" => Some(-1),
            "tomorrow" => Some(1),
            _ => None,
        };
        if let Some(offset) = offset {
            return Some((Sem::DayOffset(offset), k + 1));
        }
        let weekday = lexicon::weekday(self.w(k)).filter(|_| self.capitalised(k))?;
        let found = self.weekday_rule(k, weekday)?;
        matches!(found.sem, Sem::Weekday { .. } | Sem::Day { .. }).then_some((found.sem, found.end))
    }

    /// A clock time right after a date, with an optional "at": "Friday at 4:52 pm".
    pub(super) fn clock_after(&self, j: usize) -> Option<(String, usize)> {
        let j = self.skip_comma(j);
        let k = if self.is(j, "at") { j + 1 } else { j };
        self.clock_at(k)
    }

    /// "4:52 pm", "16:52", "9 a.m.", "18:00 UTC"; the time as "HH:MM" (with "Z" for UTC) and the end.
    pub(super) fn clock_at(&self, i: usize) -> Option<(String, usize)> {
        if !self.joined(i) {
            return None;
        }
        let mut minute = 0;
        let mut meridiem_needed = true;
        let (mut hour, mut j): (u32, usize) = match self.class(i)? {
            Class::Number if self.digits(i) <= 2 => (self.w(i).parse().ok()?, i + 1),
            Class::Mixed => {
                // "4pm", "11am"
                let w = self.w(i);
                let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
                let suffix = &w[digits.len()..];
                if !matches!(suffix, "am" | "pm") || digits.len() > 2 {
                    return None;
                }
                let mut hour: u32 = digits.parse().ok()?;
                if hour == 0 || hour > 12 {
                    return None;
                }
                if suffix == "pm" && hour < 12 {
                    hour += 12;
                } else if suffix == "am" && hour == 12 {
                    hour = 0;
                }
                return Some(self.with_zone(hour, 0, i + 1));
            }
            _ => return None,
        };
        if self.punct(j, b':') && self.tight(j) && self.digits(j + 1) == 2 && self.tight(j + 1) {
            minute = self.w(j + 1).parse().ok()?;
            j += 2;
            meridiem_needed = false;
        }
        let meridiem = match self.w(j) {
            "am" | "pm" if self.joined(j) => Some((self.w(j) == "pm", j + 1)),
            "a" | "p" if self.punct(j + 1, b'.') && self.is(j + 2, "m") => {
                Some((self.w(j) == "p", self.skip_dot(j + 3)))
            }
            _ => None,
        };
        match meridiem {
            Some((pm, end)) => {
                if hour == 0 || hour > 12 {
                    return None;
                }
                if pm && hour < 12 {
                    hour += 12;
                } else if !pm && hour == 12 {
                    hour = 0;
                }
                j = end;
            }
            None if meridiem_needed => {
                // A bare clock time needs its zone: "18:00 UTC".
                lexicon::time_zone(self.w(j)).filter(|_| self.joined(j) && minute == 0 && hour <= 24)?;
            }
            None => {}
        }
        if hour > 24 || minute > 59 {
            return None;
        }
        Some(self.with_zone(hour, minute, j))
    }

    pub(super) fn with_zone(&self, hour: u32, minute: u32, j: usize) -> (String, usize) {
        let zone = lexicon::time_zone(self.w(j)).filter(|_| self.joined(j));
        let time = format!("{hour:02}:{minute:02}{}", if zone == Some(true) { "Z" } else { "" });
        (time, if zone.is_some() { j + 1 } else { j })
    }
}
