//! What a rule found, before it is placed on the calendar: a [`Sem`], which [`super::resolve`] turns into a
//! TIMEX3 value against the article date, the sentence's tense and the last date mentioned.

use super::lexicon::Unit;

/// Which year a day, month, season or quarter falls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum YearRef {
    Given(i32),
    /// Relative to the article's year: "this year" 0, "last year" -1.
    Offset(i32),
    /// The one the tense points to, nearest the article date.
    Infer,
}

/// How a weekday, month or season without a year is placed: by tense, or by "last", "this", "next".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shift {
    Tense,
    Last,
    This,
    Next,
}

/// What an expression means, before it is placed on the calendar.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Sem {
    Day {
        year: YearRef,
        month: u32,
        day: u32,
    },
    /// A day of the article's month: "the 23rd".
    DayOfMonth(u32),
    Month {
        year: YearRef,
        month: u32,
        shift: Shift,
    },
    Year(i32),
    /// The first three digits of the years: 199 for "the 1990s".
    Decade(i32),
    /// The first two digits of the years: 19 for "the 20th century".
    Century(i32),
    Season {
        year: YearRef,
        season: &'static str,
        shift: Shift,
    },
    Quarter {
        year: YearRef,
        quarter: u32,
    },
    Half {
        year: YearRef,
        half: u32,
    },
    Weekday {
        weekday: u32,
        shift: Shift,
    },
    Holiday {
        name: &'static str,
        year: YearRef,
    },
    /// Days from the article date: today 0, yesterday -1.
    DayOffset(i64),
    /// Units from the article date: "this week" 0, "last month" -1, "two years ago" -2.
    UnitOffset {
        unit: Unit,
        offset: i64,
    },
    /// "two years ago": units back from the article date, except that "a year ago" in a story about a
    /// quarter means that quarter a year before.
    Ago {
        unit: Unit,
        offset: i64,
    },
    /// Units from the last date mentioned: "a year earlier", "the next day".
    RefOffset {
        unit: Unit,
        offset: i64,
    },
    /// "the weekend" (by tense), "this weekend" 0, "last weekend" -1.
    Weekend {
        offset: i64,
        shift: Shift,
    },
    /// "the quarter", "the latest quarter": the quarter last talked about, else the last one finished.
    LatestQuarter,
    /// "year-ago", "year-earlier": the period being reported, a year before; else last year.
    YearAgo,
    /// "the quarter ended July 31": the quarter ending about then.
    QuarterEnding(u32),
    /// "the 1988 period": the quarter last talked about, in another year.
    QuarterOfYear(i32),
    Reference(&'static str),
    Duration(String),
    Set(String),
    /// A time of day on a date: "this morning" (part "MO"), "Friday 4:52 pm" ("16:52").
    Time {
        date: Box<Sem>,
        time: String,
    },
}

/// Meanings that name a stretch of the calendar, and so can follow "the end of", "early" and the like.
pub(super) fn is_calendar(sem: &Sem) -> bool {
    matches!(
        sem,
        Sem::Day { .. }
            | Sem::Month { .. }
            | Sem::Year(_)
            | Sem::Decade(_)
            | Sem::Century(_)
            | Sem::Season { .. }
            | Sem::Quarter { .. }
            | Sem::Half { .. }
            | Sem::Weekday { .. }
            | Sem::DayOffset(_)
            | Sem::UnitOffset { .. }
            | Sem::Ago { .. }
            | Sem::RefOffset { .. }
            | Sem::Weekend { .. }
            | Sem::LatestQuarter
            | Sem::YearAgo
            | Sem::QuarterEnding(_)
            | Sem::Time { .. }
    )
}

pub(super) fn year_earlier() -> Sem {
    Sem::RefOffset { unit: Unit::Year, offset: -1 }
}

pub(super) fn time_of(date: Sem, time: &str) -> Sem {
    Sem::Time { date: Box::new(date), time: time.into() }
}

/// A TIMEX3 duration: "P4Y", "PT30M", "P2.5Y", "PXD" when the count is vague.
pub(super) fn duration_value(count: Option<f64>, unit: Unit) -> String {
    let (count, unit) = match (count, unit) {
        (Some(n), Unit::Fortnight) => (Some(n * 2.0), Unit::Week),
        (Some(n), Unit::Decade) => (Some(n * 10.0), Unit::Year),
        (Some(n), Unit::Century) => (Some(n * 100.0), Unit::Year),
        other => other,
    };
    let (letter, time) = unit.duration_letter();
    let number = match count {
        Some(n) if n.fract() == 0.0 => format!("{}", n as i64),
        Some(n) => format!("{n}"),
        None => "X".into(),
    };
    format!("P{}{number}{letter}", if time { "T" } else { "" })
}
