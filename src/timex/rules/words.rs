//! Expressions that open with a word of their own: "today", "this week", "last December", "early next year",
//! "more than two years", "every day", "recently".

use super::{Hit, Tagger, hit};
use crate::timex::lexicon::{self, Unit};
use crate::timex::sem::{Sem, Shift, YearRef, duration_value, is_calendar, time_of};

impl<'t> Tagger<'t> {
    pub(super) fn word_rule(&self, i: usize) -> Option<Hit> {
        let w = self.w(i);
        match w {
            "the" => return self.the_rule(i),
            "this" | "last" | "next" | "past" | "coming" | "previous" | "recent" | "current" => {
                if let Some(found) = self.deictic_rule(i) {
                    return Some(found);
                }
            }
            "early" | "late" | "mid" | "middle" | "earlier" | "later" => return self.edge_rule(i),
            "today" => return self.with_day_part(i + 1, Sem::DayOffset(0)),
            "yesterday" => return self.with_day_part(i + 1, Sem::DayOffset(-1)),
            "tomorrow" => return self.with_day_part(i + 1, Sem::DayOffset(1)),
            "tonight" => return hit(i + 1, time_of(Sem::DayOffset(0), "NI")),
            "noon" | "midnight" => {
                let time = if w == "noon" { "12:00" } else { "24:00" };
                return hit(i + 1, time_of(Sem::DayOffset(0), time));
            }
            "future" if i > 0 && self.is(i - 1, "in") => return hit(i + 1, Sem::Reference("FUTURE_REF")),
            "fiscal" => {
                let j = self.skip_hyphen(i + 1);
                if let Some(year) = self.year_at(j).or_else(|| self.short_year_at(j)) {
                    return hit(j + 1, Sem::Year(year));
                }
                if let Some(found) = self.word_rule_inner(j) {
                    return Some(found);
                }
                return None;
            }
            "more" | "less" | "fewer" if self.is(i + 1, "than") => return self.approximate(i + 2),
            "at" if self.is(i + 1, "least") || self.is(i + 1, "most") => return self.approximate(i + 2),
            "up" if self.is(i + 1, "to") => return self.approximate(i + 2),
            "no" if self.is_any(i + 1, &["more", "less", "fewer"]) && self.is(i + 2, "than") => {
                return self.approximate(i + 3);
            }
            "in" if self.is(i + 1, "future") => return hit(i + 2, Sem::Reference("FUTURE_REF")),
            "once" if self.is_any(i + 1, &["a", "every", "per", "each"]) => {
                let unit = lexicon::unit(self.w(i + 2)).filter(|(_, plural)| !plural)?.0;
                return hit(i + 3, Sem::Set(duration_value(Some(1.0), unit)));
            }
            _ => {}
        }
        if lexicon::approximator(w)
            && let Some(found) = self.approximate(i + 1)
        {
            return Some(found);
        }
        self.word_rule_inner(i)
    }

    /// Words that start an expression on their own, also after "fiscal", "early" and the like.
    pub(super) fn word_rule_inner(&self, i: usize) -> Option<Hit> {
        let w = self.w(i);
        if let Some(value) = lexicon::reference_word(w) {
            // "current" and "recent" before a unit are handled by `deictic_rule`; here they stand alone.
            return hit(i + 1, Sem::Reference(value));
        }
        if let Some(value) = lexicon::frequency_adverb(w) {
            return hit(i + 1, Sem::Set(value.into()));
        }
        if lexicon::set_quantifier(w) {
            let (count, j) = match self.count_at(i + 1) {
                Some((count, j)) => (count, j),
                None if self.is(i + 1, "other") => (Some(2.0), i + 2),
                None => (Some(1.0), i + 1),
            };
            if let Some((unit, _)) = lexicon::unit(self.w(j)).filter(|_| self.joined(j)) {
                return hit(j + 1, Sem::Set(duration_value(count, unit)));
            }
            if let Some(weekday) = lexicon::weekday(self.w(j)).filter(|_| self.capitalised(j)) {
                return hit(j + 1, Sem::Set(format!("XXXX-WXX-{}", weekday + 1)));
            }
            return None;
        }
        if self.capitalised(i)
            && let Some(weekday) = lexicon::weekday(w)
        {
            return self.weekday_rule(i, weekday);
        }
        if let Some(month) = self.month_word(i) {
            return self.month_rule(i, month, Shift::Tense);
        }
        if let Some(found) = self.season_rule(i, Shift::Tense) {
            return Some(found);
        }
        if let Some(found) = self.holiday_rule(i) {
            return Some(found);
        }
        if let Some(found) = self.ordinal_rule(i) {
            return Some(found);
        }
        if let Some(found) = self.quantity_rule(i) {
            return Some(found);
        }
        // "by year-end": the last day of the year the tense points to.
        let year_end = Sem::Day { year: YearRef::Infer, month: 12, day: 31 };
        if w == "year" && self.punct(i + 1, b'-') && self.is(i + 2, "end") {
            return hit(i + 3, year_end);
        }
        if w == "year"
            && self.is(i + 1, "end")
            && i > 0
            && self.is_any(i - 1, &["by", "at", "around", "before", "after", "until", "since", "the"])
        {
            return hit(i + 2, year_end);
        }
        if w == "these" && self.is(i + 1, "days") {
            return hit(i + 2, Sem::Reference("PRESENT_REF"));
        }
        if w == "that"
            && let Some((unit, false)) = lexicon::unit(self.w(i + 1)).filter(|_| self.joined(i + 1))
            && matches!(unit, Unit::Day | Unit::Week | Unit::Month | Unit::Quarter | Unit::Year)
        {
            return hit(i + 2, Sem::RefOffset { unit, offset: 0 });
        }
        // Years in words, as spoken: "nineteen ninety-six".
        if let Some(century @ (18 | 19)) = lexicon::cardinal(w)
            && let Some(tens) = lexicon::cardinal(self.w(i + 1)).filter(|n| (20..=90).contains(n) && n % 10 == 0)
            && self.joined(i + 1)
        {
            let k = self.skip_hyphen(i + 2);
            let (units, end) = match lexicon::cardinal(self.w(k)).filter(|n| *n < 10 && self.joined(k)) {
                Some(units) => (units, k + 1),
                None => (0, i + 2),
            };
            return hit(end, Sem::Year(century as i32 * 100 + (tens + units) as i32));
        }
        if w == "year" && self.punct(i + 1, b'-') && self.is_any(i + 2, &["earlier", "ago"]) {
            return hit(i + 3, Sem::YearAgo);
        }
        // A plural unit alone: "for years", "weeks of talks".
        if let Some((unit, true)) = lexicon::unit(w) {
            if self.is(i + 1, "ago") {
                return hit(i + 2, Sem::Reference("PAST_REF"));
            }
            if self.is_any(i + 1, &["-", "old"]) {
                return None;
            }
            return hit(i + 1, Sem::Duration(duration_value(None, unit)));
        }
        None
    }

    /// A quantity after "more than", "nearly", "at least" ...: the words are kept in the expression.
    pub(super) fn approximate(&self, j: usize) -> Option<Hit> {
        let found = self.quantity_rule(j)?;
        matches!(found.sem, Sem::Duration(_) | Sem::Ago { .. } | Sem::RefOffset { .. } | Sem::Reference(_))
            .then_some(found)
    }

    /// "today", "Friday" and the like, with an optional part of the day after them: "Friday night".
    pub(super) fn with_day_part(&self, j: usize, date: Sem) -> Option<Hit> {
        if let Some(part) = lexicon::day_part(self.w(j)).filter(|_| self.joined(j)) {
            return hit(j + 1, time_of(date, part));
        }
        if let Some((time, end)) = self.clock_after(j) {
            return hit(end, time_of(date, &time));
        }
        hit(j, date)
    }

    /// "this year", "last week", "next Friday", "last December", "this morning", "recent years".
    pub(super) fn deictic_rule(&self, i: usize) -> Option<Hit> {
        let w = self.w(i);
        let mut j = i + 1;
        let this_past = w == "this" && self.is(j, "past");
        if this_past {
            j += 1;
        }
        if self.is(j, "fiscal") {
            j += 1;
        }
        if !self.joined(j) {
            return None;
        }
        let next = self.w(j);
        let (offset, shift) = match w {
            "this" | "current" => (0, Shift::This),
            "last" | "past" | "previous" => (-1, Shift::Last),
            "next" | "coming" => (1, Shift::Next),
            _ => (0, Shift::Tense),
        };
        let offset = if this_past { -1 } else { offset };
        if matches!(w, "recent" | "current") {
            return match lexicon::unit(next) {
                Some((Unit::Year, true)) => hit(j + 1, Sem::Reference("PAST_REF")),
                Some((_, true)) if w == "recent" => hit(j + 1, Sem::Reference("PAST_REF")),
                Some((unit, false)) if w == "current" => hit(j + 1, Sem::UnitOffset { unit, offset: 0 }),
                _ => None,
            };
        }
        if let Some((unit, plural)) = lexicon::unit(next) {
            if plural {
                return None;
            }
            return match unit {
                Unit::Year if self.is_any(j + 1, &["'", "\u{2019}"]) && self.is(j + 2, "s") => {
                    // "last year's quarter", "next year's first quarter"
                    if offset < 0 && self.is_any(j + 3, &["quarter", "period"]) {
                        return hit(j + 4, Sem::RefOffset { unit: Unit::Year, offset });
                    }
                    let year = YearRef::Offset(offset as i32);
                    match self.ordinal_rule(j + 3) {
                        Some(Hit { end, sem: Sem::Quarter { quarter, .. } }) => {
                            hit(end, Sem::Quarter { year, quarter })
                        }
                        Some(Hit { end, sem: Sem::Half { half, .. } }) => hit(end, Sem::Half { year, half }),
                        _ => hit(j + 1, Sem::UnitOffset { unit, offset }),
                    }
                }
                Unit::Weekend => hit(j + 1, Sem::Weekend { offset, shift }),
                Unit::Day | Unit::Hour | Unit::Minute | Unit::Second | Unit::Fortnight => None,
                _ if w == "past" && unit == Unit::Decade => hit(j + 1, Sem::Duration(duration_value(Some(1.0), unit))),
                _ => hit(j + 1, Sem::UnitOffset { unit, offset }),
            };
        }
        if let Some(part) = lexicon::day_part(next) {
            return match (w, part) {
                ("this", _) => hit(j + 1, time_of(Sem::DayOffset(0), part)),
                ("last", "NI" | "EV") => hit(j + 1, time_of(Sem::DayOffset(-1), part)),
                _ => None,
            };
        }
        if let Some(weekday) = lexicon::weekday(next).filter(|_| self.capitalised(j)) {
            return self.with_day_part(j + 1, Sem::Weekday { weekday, shift });
        }
        if let Some(month) = self.month_word(j) {
            return self.month_rule(j, month, shift);
        }
        if let Some(found) = self.season_rule(j, shift) {
            return Some(found);
        }
        if matches!(w, "last" | "past" | "next" | "coming" | "previous")
            && let Some(found) = self.quantity_rule(j)
            && matches!(found.sem, Sem::Duration(_))
        {
            return Some(found);
        }
        None
    }

    /// "early next year", "late December", "mid-2008", "earlier this week", "late yesterday".
    pub(super) fn edge_rule(&self, i: usize) -> Option<Hit> {
        let j = self.skip_hyphen(i + 1);
        let j = if self.is(j, "in") { j + 1 } else { j };
        if !self.joined(j) {
            return None;
        }
        let inner = self.rule_at(j).filter(|h| is_calendar(&h.sem))?;
        Some(inner)
    }
}
