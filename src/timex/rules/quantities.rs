//! Counts of time units: "two days", "20-year", "a decade", "several weeks", "a year ago", "$5 a year".

use super::{Hit, Tagger, hit};
use crate::timex::lexicon::{self, Unit};
use crate::timex::sem::{Sem, duration_value};
use crate::timex::tokens::Class;

impl<'t> Tagger<'t> {
    /// A count at `i`: digits, number words ("twenty-four", "two and a half"), "a", "a few", "several";
    /// the count (`None` when vague) and the token after it.
    pub(super) fn count_at(&self, i: usize) -> Option<(Option<f64>, usize)> {
        if !self.joined(i) {
            return None;
        }
        let w = self.w(i);
        let (mut value, mut j) = match self.class(i)? {
            Class::Number => {
                let n: f64 = w.parse().ok().filter(|_| w.len() <= 6)?;
                // "2.5 years"
                if self.punct(i + 1, b'.') && self.tight(i + 1) && self.class(i + 2) == Some(Class::Number) {
                    let fraction: f64 = format!("0.{}", self.w(i + 2)).parse().ok()?;
                    (Some(n + fraction), i + 3)
                } else {
                    (Some(n), i + 1)
                }
            }
            Class::Word => {
                if matches!(w, "a" | "an") {
                    match self.w(i + 1) {
                        "few" if self.joined(i + 1) => (None, i + 2),
                        "couple" if self.is(i + 2, "of") => (Some(2.0), i + 3),
                        "half" if self.joined(i + 1) => (Some(0.5), i + 2),
                        "dozen" if self.joined(i + 1) => (Some(12.0), i + 2),
                        _ => (Some(1.0), i + 1),
                    }
                } else if lexicon::vague_count(w) {
                    (None, i + 1)
                } else {
                    let n = lexicon::cardinal(w)?;
                    let mut n = n as f64;
                    let mut j = i + 1;
                    // "twenty-four", "twenty four"
                    if (20.0..100.0).contains(&n) {
                        let k = self.skip_hyphen(j);
                        if let Some(unit) = lexicon::cardinal(self.w(k)).filter(|u| *u < 10 && self.joined(k)) {
                            n += unit as f64;
                            j = k + 1;
                        }
                    }
                    if self.is(j, "hundred") {
                        n *= 100.0;
                        j += 1;
                    }
                    (Some(n), j)
                }
            }
            _ => return None,
        };
        if self.is(j, "and") && self.is(j + 1, "a") && self.is(j + 2, "half") {
            value = value.map(|v| v + 0.5);
            j += 3;
        }
        if self.is(j, "to") || self.is(j, "or") {
            // "two to three years": the range keeps its first count.
            if self.count_at(j + 1).is_some_and(|(_, k)| lexicon::unit(self.w(k)).is_some()) {
                j = self.count_at(j + 1)?.1;
            }
        }
        Some((value, j))
    }

    /// A quantity of time: "two days", "20-year", "a decade", "several weeks", "a year ago", "$5 a year".
    pub(super) fn quantity_rule(&self, i: usize) -> Option<Hit> {
        let (count, j) = self.count_at(i)?;
        let word_count = self.class(i) == Some(Class::Word);
        let hyphen = self.punct(j, b'-') && self.tight(j) && self.tight(j + 1);
        let j = if hyphen { j + 1 } else { j };
        if !self.joined(j) {
            return None;
        }
        let (unit, plural) = lexicon::unit(self.w(j))?;
        if self.punct(j + 1, b'-') && self.tight(j + 1) && self.is_any(j + 2, &["earlier", "ago", "end", "old"]) {
            return None;
        }
        if unit == Unit::Quarter && hyphen {
            // "three-quarters" is a fraction.
            return None;
        }
        let single = matches!(self.w(i), "a" | "an" | "one" | "single");
        // "a second chance", "a quarter of the vote", "one day he": not quantities of time.
        if (matches!(unit, Unit::Second | Unit::Quarter) && single) || (count.is_none() && !plural && !hyphen) {
            return None;
        }
        let end = j + 1;
        // Ages: "five years old", "a 20-year-old".
        if self.is(end, "old") || (self.punct(end, b'-') && self.is(end + 1, "old")) {
            return None;
        }
        let n = count.map(|c| c as i64).filter(|_| count.is_some_and(|c| c.fract() == 0.0));
        if self.is(end, "ago") {
            return match n {
                Some(n) => hit(end + 1, Sem::Ago { unit, offset: -n }),
                None => hit(end + 1, Sem::Reference("PAST_REF")),
            };
        }
        if self.is(end, "from") && self.is(end + 1, "now") {
            return match n {
                Some(n) => hit(end + 2, Sem::UnitOffset { unit, offset: n }),
                None => hit(end + 2, Sem::Reference("FUTURE_REF")),
            };
        }
        if self.is_any(end, &["earlier", "later", "before"]) && !self.is(end + 1, "than") {
            let sign = if self.w(end) == "later" { 1 } else { -1 };
            return match n {
                Some(n) => hit(end + 1, Sem::RefOffset { unit, offset: sign * n }),
                None => hit(end + 1, Sem::Reference(if sign > 0 { "FUTURE_REF" } else { "PAST_REF" })),
            };
        }
        // "$2 a share a year", "15 a year", "twice a week": a rate, not a length of time.
        if matches!(self.w(i), "a" | "an" | "per") && !plural && i > 0 {
            let before = self.w(i - 1);
            let rate = self.class(i - 1) == Some(Class::Number)
                || matches!(before, "%" | "percent" | "times" | "twice" | "once" | "million" | "billion" | "share");
            if rate {
                return hit(end, Sem::Set(duration_value(Some(1.0), unit)));
            }
        }
        if !word_count && self.class(i) == Some(Class::Number) && count.is_some_and(|c| c > 1000.0) {
            return None;
        }
        hit(end, Sem::Duration(duration_value(count, unit)))
    }
}
