//! Expressions that open with "the": "the past year", "the next day", "the 1990s", "the end of March",
//! "the same period a year ago", "the 23rd".

use super::{Hit, Tagger, hit};
use crate::timex::lexicon::{self, Unit};
use crate::timex::sem::{Sem, Shift, YearRef, duration_value, is_calendar, year_earlier};
use crate::timex::tokens::Class;

impl<'t> Tagger<'t> {
    pub(super) fn the_rule(&self, i: usize) -> Option<Hit> {
        let j = i + 1;
        if !self.joined(j) {
            return None;
        }
        let w = self.w(j);
        match w {
            "past" | "last" | "previous" | "next" | "coming" | "following" | "first" | "final" | "latest" | "same"
            | "current" | "preceding" | "entire" | "whole" | "full" | "prior" => {
                if let Some(found) = self.quantity_rule(j + 1)
                    && let Sem::Duration(value) = &found.sem
                {
                    // "the past few months" stands for the recent past rather than a length of time.
                    let vague = value.contains('X');
                    return match w {
                        "past" | "last" | "previous" if vague => hit(found.end, Sem::Reference("PAST_REF")),
                        "next" | "coming" if vague => hit(found.end, Sem::Reference("FUTURE_REF")),
                        _ => Some(found),
                    };
                }
                if let Some((unit, plural)) = lexicon::unit(self.w(j + 1)).filter(|_| self.joined(j + 1))
                    && let Some(found) = self.the_adjective_unit(j, unit, plural)
                {
                    return Some(found);
                }
                if self.is(j + 1, "period") {
                    return match w {
                        "latest" | "last" | "past" | "current" => hit(j + 2, Sem::LatestQuarter),
                        "same" => self.year_back(j + 2).map(|end| Hit { end, sem: year_earlier() }),
                        _ => None,
                    };
                }
                if w == "past" {
                    return hit(j + 1, Sem::Reference("PAST_REF"));
                }
                if let Some(found) = self.ordinal_rule(j) {
                    return Some(found);
                }
                None
            }
            "fiscal" => {
                if let Some(year) = self.year_at(j + 1) {
                    return hit(j + 2, Sem::Year(year));
                }
                self.is(j + 1, "year").then(|| Hit { end: j + 2, sem: Sem::UnitOffset { unit: Unit::Year, offset: 0 } })
            }
            "nineties" | "eighties" | "seventies" | "sixties" | "fifties" | "forties" | "thirties" | "twenties" => {
                hit(j + 1, Sem::Decade(lexicon::decade_word(w)?))
            }
            "corresponding" | "comparable" | "like" if self.is_any(j + 1, &["period", "quarter"]) => {
                self.year_back(j + 2).map(|end| Hit { end, sem: year_earlier() })
            }
            "future" => hit(j + 1, Sem::Reference("FUTURE_REF")),
            "near" | "foreseeable" | "distant" | "immediate" if self.is(j + 1, "future") => {
                hit(j + 2, Sem::Reference("FUTURE_REF"))
            }
            "present" => hit(j + 1, Sem::Reference("PRESENT_REF")),
            "long" | "short" | "near" if self.is(j + 1, "term") => hit(j + 2, Sem::Reference("FUTURE_REF")),
            "year" => {
                if self.punct(j + 1, b'-') && self.is_any(j + 2, &["ago", "earlier"]) {
                    // "the year-ago third quarter"
                    if let Some(Hit { end, sem: Sem::Quarter { quarter, .. } }) = self.ordinal_rule(j + 3) {
                        return hit(end, Sem::Quarter { year: YearRef::Offset(-1), quarter });
                    }
                    let end = if self.is_any(j + 3, &["quarter", "period"]) { j + 4 } else { j + 3 };
                    return hit(end, Sem::YearAgo);
                }
                if let Some(year) = self.year_at(j + 1) {
                    return hit(j + 2, Sem::Year(year));
                }
                if self.is(j + 1, "two") && self.is(j + 2, "thousand") {
                    return hit(j + 3, Sem::Year(2000));
                }
                if self.is_any(j + 1, &["before", "earlier"]) {
                    return hit(j + 2, year_earlier());
                }
                if self.is(j + 1, "after") {
                    return hit(j + 2, Sem::RefOffset { unit: Unit::Year, offset: 1 });
                }
                // "since the year's start"
                if self.is_any(j + 1, &["'", "\u{2019}"])
                    && self.is(j + 2, "s")
                    && self.is_any(j + 3, &["start", "beginning", "end", "close", "outset"])
                {
                    return hit(j + 4, Sem::UnitOffset { unit: Unit::Year, offset: 0 });
                }
                hit(j + 1, Sem::UnitOffset { unit: Unit::Year, offset: 0 })
            }
            "month" | "week" => {
                let unit = if w == "month" { Unit::Month } else { Unit::Week };
                if self.is_any(j + 1, &["before", "earlier"]) {
                    return hit(j + 2, Sem::RefOffset { unit, offset: -1 });
                }
                hit(j + 1, Sem::UnitOffset { unit, offset: 0 })
            }
            "day" => {
                if self.is_any(j + 1, &["before", "earlier"]) {
                    return hit(j + 2, Sem::RefOffset { unit: Unit::Day, offset: -1 });
                }
                if self.is(j + 1, "after") {
                    return hit(j + 2, Sem::RefOffset { unit: Unit::Day, offset: 1 });
                }
                hit(j + 1, Sem::DayOffset(0))
            }
            "weekend" => hit(j + 1, Sem::Weekend { offset: 0, shift: Shift::Tense }),
            "quarter" => {
                // "the quarter ended Sept. 30": the quarter most of whose months come before that date.
                if self.is_any(j + 1, &["ended", "ending"])
                    && let Some(month) = self.month_word(j + 2)
                {
                    return hit(j + 2, Sem::QuarterEnding(month));
                }
                hit(j + 1, Sem::LatestQuarter)
            }
            "end" | "beginning" | "start" | "middle" | "close" | "turn" | "rest" | "remainder" | "dawn" => {
                if !self.is(j + 1, "of") {
                    return None;
                }
                let inner = self.rule_at(j + 2).filter(|h| is_calendar(&h.sem))?;
                Some(inner)
            }
            _ => {
                if let Some(found) = self.decade_at(j) {
                    return Some(found);
                }
                if let Some(year) = self.year_at(j)
                    && let Some(Hit { end, sem: Sem::Quarter { quarter, .. } }) = self.ordinal_rule(j + 1)
                {
                    // "the 1988 third quarter"
                    return hit(end, Sem::Quarter { year: YearRef::Given(year), quarter });
                }
                if let Some(year) = self.year_at(j)
                    && self.is_any(j + 1, &["period", "quarter"])
                {
                    return hit(j + 2, Sem::QuarterOfYear(year));
                }
                if self.class(j) == Some(Class::Mixed)
                    && let Some(day) = self.day_at(j)
                {
                    if self.is(j + 1, "of")
                        && let Some(month) = self.month_word(j + 2)
                    {
                        return self.day_month_year(j + 3, day, month);
                    }
                    // "the 23rd." or "the 23rd, when", but not "the 11th hour" or "the 20th century".
                    let after = self.class(j + 1);
                    if after.is_none_or(|c| c == Class::Punct) && !self.punct(j + 1, b'-') {
                        return hit(j + 1, Sem::DayOfMonth(day));
                    }
                }
                if let Some(found) = self.ordinal_rule(j) {
                    return Some(found);
                }
                if let Some(found) = self.season_rule(j, Shift::Tense) {
                    return Some(found);
                }
                if let Some(found) = self.holiday_rule(j) {
                    return Some(found);
                }
                if lexicon::cardinal(w).is_some() || self.class(j) == Some(Class::Number) {
                    // "the nine months", but "the 30-day truce" is an adjective: the article stays out.
                    return self
                        .quantity_rule(j)
                        .filter(|h| matches!(h.sem, Sem::Duration(_)) && !self.punct(h.end - 2, b'-'));
                }
                None
            }
        }
    }

    /// "the past year", "the next day", "the latest quarter", "the last few weeks".
    pub(super) fn the_adjective_unit(&self, j: usize, unit: Unit, plural: bool) -> Option<Hit> {
        let w = self.w(j);
        let end = j + 2;
        if plural {
            return match w {
                "past" | "last" | "next" | "coming" | "previous" | "following" | "first" | "final" => {
                    hit(end, Sem::Duration(duration_value(None, unit)))
                }
                _ => None,
            };
        }
        let sem = match (w, unit) {
            ("latest" | "last" | "past" | "previous" | "current" | "prior", Unit::Quarter) if w != "current" => {
                Sem::LatestQuarter
            }
            ("current", Unit::Quarter) => Sem::UnitOffset { unit: Unit::Quarter, offset: 0 },
            ("same", _) => {
                let end = self.year_back(end)?;
                return hit(end, year_earlier());
            }
            ("past" | "last", Unit::Decade | Unit::Century) => Sem::Duration(duration_value(Some(1.0), unit)),
            ("past" | "last", _) => Sem::UnitOffset { unit, offset: -1 },
            ("coming", _) => Sem::UnitOffset { unit, offset: 1 },
            ("previous" | "preceding" | "prior", _) => Sem::RefOffset { unit, offset: -1 },
            ("next" | "following", _) => Sem::RefOffset { unit, offset: 1 },
            ("current" | "entire" | "whole" | "full", _) => Sem::UnitOffset { unit, offset: 0 },
            _ => return None,
        };
        hit(end, sem)
    }

    /// After "the same period": "last year", "a year ago", "of the previous year"; the end when found.
    pub(super) fn year_back(&self, j: usize) -> Option<usize> {
        let j = if self.is(j, "of") { j + 1 } else { j };
        if self.is(j, "last") && self.is(j + 1, "year") {
            return Some(j + 2);
        }
        if self.is(j, "the") && self.is_any(j + 1, &["previous", "prior"]) && self.is(j + 2, "year") {
            return Some(j + 3);
        }
        if self.is_any(j, &["a", "one"]) && self.is(j + 1, "year") && self.is_any(j + 2, &["ago", "earlier"]) {
            return Some(j + 3);
        }
        None
    }
}
