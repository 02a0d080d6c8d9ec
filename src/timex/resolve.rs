//! Placing what the rules found on the calendar: against the article date, in the direction the sentence's
//! tense points, or relative to the last date the article mentioned.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::lexicon::Unit;
use super::rules::Tagger;
use super::sem::{Sem, Shift, YearRef};
use super::tokens::Class;
use super::{DatePrecision, DateSpan, TimexType};

/// Which way a sentence points from the article date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Future,
    Unknown,
    /// A deadline in a past-tense sentence ("closed until Friday", "had filed by Wednesday"): the nearest date
    /// either way, even for a weekday, which with no tense at all is the last one.
    Either,
}

/// A day and month this close to the article date are placed nearest it, whatever the tense says.
const NEAR_DAYS: i64 = 45;

/// How far from an expression a tense cue is looked for, in tokens, on each side.
const TENSE_WINDOW_TOKENS: usize = 20;

/// A past form after an auxiliary ("will be paid", "to be held") is a passive or an infinitive, not the
/// sentence's tense.
fn tense_cue(tagger: &Tagger, k: usize) -> Option<Tense> {
    let cue = word_tense(tagger, k)?;
    let auxiliary = k > 0 && matches!(tagger.w(k - 1), "be" | "been" | "being" | "will" | "to" | "get" | "gets");
    (cue == Tense::Future || !auxiliary).then_some(cue)
}

fn word_tense(tagger: &Tagger, k: usize) -> Option<Tense> {
    let w = tagger.w(k);
    match w {
        "will" | "shall" | "ll" | "next" | "tomorrow" | "upcoming" | "scheduled" | "expected" | "expects"
        | "expect" | "due" | "would" | "should" | "might" | "intends" | "slated" | "may" | "going" | "hopes"
        | "aims" | "soon" | "payable" | "effective" | "expire" | "expires" | "begins" | "starts" | "opens" | "ends"
        | "meets" | "resumes" | "arrives" | "leaves" | "visits" | "closes" | "returns" | "faces" | "launches" => {
            Some(Tense::Future)
        }
        "plan" | "plans" | "planning" if tagger.w(k + 1) == "to" => Some(Tense::Future),
        "since" => Some(Tense::Past),
        "set" if tagger.w(k + 1) == "to" => Some(Tense::Future),
        "won" if tagger.w(k + 1) == "'" || tagger.w(k + 1) == "\u{2019}" => Some(Tense::Future),
        "was" | "were" | "had" | "did" | "said" | "ago" | "last" | "yesterday" | "earlier" | "been" | "came"
        | "went" | "took" | "made" | "met" | "told" | "saw" | "gave" | "left" | "held" | "began" | "fell" | "rose"
        | "won" | "lost" | "sold" | "bought" | "paid" | "got" | "found" | "became" | "brought" | "struck" | "led"
        | "spoke" | "wrote" | "ran" | "kept" | "sent" | "shot" | "died" | "knew" | "thought" | "felt" | "stood"
        | "fought" | "fled" | "won't" => Some(Tense::Past),
        // A past participle after an article or an auxiliary is an adjective or a passive, not the tense.
        _ if w.len() >= 5
            && w.ends_with("ed")
            && !matches!(w, "indeed" | "speed" | "proceed" | "exceed" | "succeed" | "breed" | "greed" | "bleed")
            && tagger.w(k + 1) != "to"
            && !(k > 0
                && matches!(
                    tagger.w(k - 1),
                    "the" | "a" | "an" | "be" | "been" | "being" | "is" | "are" | "will" | "to" | "get" | "its"
                )) =>
        {
            match w {
                "proposed" | "based" | "related" | "united" | "limited" | "concerned" | "interested" | "supposed"
                | "intended" | "prepared" | "needed" => None,
                _ => Some(Tense::Past),
            }
        }
        _ => None,
    }
}

/// The tense of the sentence around tokens `first..end`: the nearest cue word wins, the left one on a tie.
pub fn tense_near(tagger: &Tagger, first: usize, end: usize) -> Tense {
    // "Wednesday's ruling" has happened.
    if matches!(tagger.w(end), "'" | "\u{2019}") && tagger.w(end + 1) == "s" {
        return Tense::Past;
    }
    // A deadline in a past-tense sentence ("loans were extended through January") is placed nearest.
    let deadline = first > 0 && matches!(tagger.w(first - 1), "until" | "till" | "through" | "by");
    let number = |k: usize| tagger.toks.get(k).is_some_and(|t| t.class == Class::Number);
    let stops = |k: usize| {
        let decimal_point = tagger.w(k) == "." && k > 0 && number(k - 1) && number(k + 1);
        tagger.toks[k].class == Class::Punct && matches!(tagger.w(k), "." | "?" | "!" | ";" | "\"") && !decimal_point
    };
    let mut left = None;
    for k in (first.saturating_sub(TENSE_WINDOW_TOKENS)..first).rev() {
        if stops(k) {
            break;
        }
        if let Some(tense) = tense_cue(tagger, k) {
            left = Some((first - k, tense));
            break;
        }
        if tagger.toks[k].newline_before {
            break;
        }
    }
    let mut right = None;
    for k in end..(end + TENSE_WINDOW_TOKENS).min(tagger.toks.len()) {
        if tagger.toks[k].newline_before || stops(k) {
            break;
        }
        if let Some(tense) = tense_cue(tagger, k) {
            right = Some((k + 1 - end, tense));
            break;
        }
    }
    let tense = match (left, right) {
        (Some((l, t)), Some((r, _))) if l <= r => t,
        (_, Some((_, t))) | (Some((_, t)), None) => t,
        (None, None) => Tense::Unknown,
    };
    if deadline && tense == Tense::Past { Tense::Either } else { tense }
}

/// Whether a meaning needs the tense to be placed.
pub fn needs_tense(sem: &Sem) -> bool {
    match sem {
        Sem::Day { year: YearRef::Infer, .. }
        | Sem::Month { year: YearRef::Infer, .. }
        | Sem::Season { year: YearRef::Infer, .. }
        | Sem::Quarter { year: YearRef::Infer, .. }
        | Sem::Half { year: YearRef::Infer, .. }
        | Sem::Holiday { year: YearRef::Infer, .. }
        | Sem::Weekday { .. }
        | Sem::Weekend { .. } => true,
        Sem::Time { date, .. } => needs_tense(date),
        _ => false,
    }
}

/// The last date an article mentioned, for "a year earlier", "the next day", "the quarter".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LastRef {
    Day(NaiveDate),
    Month(i32, u32),
    Quarter(i32, u32),
    Year(i32),
}

/// A resolved meaning: the TIMEX3 type and value, and the calendar span when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub kind: TimexType,
    pub value: String,
    pub span: Option<DateSpan>,
}

pub struct Resolver {
    anchor: Option<NaiveDate>,
    last: Option<LastRef>,
    /// The last quarter mentioned, for "the 1988 period" and "the year-ago results" in an earnings story.
    last_quarter: Option<(i32, u32)>,
}

fn days_in(y: i32, m: u32) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(y, m, 1)?;
    first.checked_add_months(Months::new(1))?.pred_opt()
}

fn span(start: NaiveDate, end: NaiveDate, precision: DatePrecision) -> Option<DateSpan> {
    Some(DateSpan { start, end, precision })
}

fn month_index(y: i32, m: u32) -> i64 {
    y as i64 * 12 + m as i64 - 1
}

fn month_of_index(index: i64) -> (i32, u32) {
    (index.div_euclid(12) as i32, index.rem_euclid(12) as u32 + 1)
}

/// The decade whose years begin with the three digits `d` (199 for the 1990s).
fn decade(d: i32) -> Resolved {
    let start = NaiveDate::from_ymd_opt(d * 10, 1, 1);
    let end = NaiveDate::from_ymd_opt(d * 10 + 9, 12, 31);
    Resolved {
        kind: TimexType::Date,
        value: format!("{d:03}"),
        span: start.zip(end).and_then(|(s, e)| span(s, e, DatePrecision::Decade)),
    }
}

/// The century whose years begin with the two digits `c` (19 for the 20th century).
fn century(c: i32) -> Resolved {
    let start = NaiveDate::from_ymd_opt(c * 100, 1, 1);
    let end = NaiveDate::from_ymd_opt(c * 100 + 99, 12, 31);
    Resolved {
        kind: TimexType::Date,
        value: format!("{c:02}"),
        span: start.zip(end).and_then(|(s, e)| span(s, e, DatePrecision::Century)),
    }
}

/// From candidates keyed in one ordered unit, the one the tense points to; `strict` leaves out the
/// anchor's own (for "last Friday" said on a Friday).
fn choose(keys: &[i64], anchor: i64, tense: Tense, strict: bool) -> Option<usize> {
    let before = |k: i64| if strict { k < anchor } else { k <= anchor };
    let after = |k: i64| if strict { k > anchor } else { k >= anchor };
    match tense {
        Tense::Past => keys.iter().rposition(|&k| before(k)),
        Tense::Future => keys.iter().position(|&k| after(k)),
        Tense::Unknown | Tense::Either => (0..keys.len()).min_by_key(|&i| ((keys[i] - anchor).abs(), keys[i] > anchor)),
    }
}

fn tense_of(shift: Shift, tense: Tense) -> (Tense, bool) {
    match shift {
        Shift::Tense => (tense, false),
        Shift::Last => (Tense::Past, true),
        Shift::Next => (Tense::Future, true),
        Shift::This => (Tense::Unknown, false),
    }
}

const SEASONS: [&str; 4] = ["WI", "SP", "SU", "FA"];

impl Resolver {
    pub fn new(anchor: Option<NaiveDate>) -> Resolver {
        Resolver { anchor, last: None, last_quarter: None }
    }

    fn day(&mut self, date: NaiveDate) -> Resolved {
        self.last = Some(LastRef::Day(date));
        Resolved {
            kind: TimexType::Date,
            value: format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day()),
            span: span(date, date, DatePrecision::Day),
        }
    }

    fn month(&mut self, y: i32, m: u32) -> Resolved {
        self.last = Some(LastRef::Month(y, m));
        let start = NaiveDate::from_ymd_opt(y, m, 1);
        Resolved {
            kind: TimexType::Date,
            value: format!("{y:04}-{m:02}"),
            span: start.zip(days_in(y, m)).and_then(|(s, e)| span(s, e, DatePrecision::Month)),
        }
    }

    fn year(&mut self, y: i32) -> Resolved {
        self.last = Some(LastRef::Year(y));
        let start = NaiveDate::from_ymd_opt(y, 1, 1);
        let end = NaiveDate::from_ymd_opt(y, 12, 31);
        Resolved {
            kind: TimexType::Date,
            value: format!("{y:04}"),
            span: start.zip(end).and_then(|(s, e)| span(s, e, DatePrecision::Year)),
        }
    }

    fn quarter(&mut self, y: i32, q: u32) -> Resolved {
        self.last = Some(LastRef::Quarter(y, q));
        self.last_quarter = Some((y, q));
        let start = NaiveDate::from_ymd_opt(y, q * 3 - 2, 1);
        Resolved {
            kind: TimexType::Date,
            value: format!("{y:04}-Q{q}"),
            span: start.zip(days_in(y, q * 3)).and_then(|(s, e)| span(s, e, DatePrecision::Quarter)),
        }
    }

    fn week(&mut self, date: NaiveDate, weekend: bool) -> Resolved {
        let week = date.iso_week();
        let monday = NaiveDate::from_isoywd_opt(week.year(), week.week(), Weekday::Mon);
        let sunday = NaiveDate::from_isoywd_opt(week.year(), week.week(), Weekday::Sun);
        let suffix = if weekend { "-WE" } else { "" };
        Resolved {
            kind: TimexType::Date,
            value: format!("{:04}-W{:02}{suffix}", week.year(), week.week()),
            span: monday.zip(sunday).and_then(|(s, e)| span(s, e, DatePrecision::Week)),
        }
    }

    fn plain(kind: TimexType, value: impl Into<String>) -> Resolved {
        Resolved { kind, value: value.into(), span: None }
    }

    fn unknown() -> Resolved {
        Resolver::plain(TimexType::Date, "XXXX-XX-XX")
    }

    /// The meaning `sem` as a TIMEX3 value, `tense` being the sentence's.
    pub fn resolve(&mut self, sem: &Sem, tense: Tense) -> Resolved {
        self.try_resolve(sem, tense).unwrap_or_else(Resolver::unknown)
    }

    /// One function per family of meaning; `None` when the calendar cannot place it (no article date, no
    /// such day).
    fn try_resolve(&mut self, sem: &Sem, tense: Tense) -> Option<Resolved> {
        match *sem {
            Sem::Day { year, month, day } => self.day_of_year(year, month, day, tense),
            Sem::DayOfMonth(day) => {
                let anchor = self.anchor?;
                Some(self.day(NaiveDate::from_ymd_opt(anchor.year(), anchor.month(), day)?))
            }
            Sem::Month { year, month, shift } => self.month_of_year(year, month, shift, tense),
            Sem::Year(y) => Some(self.year(y)),
            Sem::Decade(d) => Some(decade(d)),
            Sem::Century(c) => Some(century(c)),
            Sem::Season { year, season, shift } => self.season(year, season, shift, tense),
            Sem::Quarter { year, quarter } => Some(self.quarter_of_year(year, quarter, tense)),
            Sem::Half { year, half } => self.half(year, half, tense),
            Sem::Weekday { weekday, shift } => self.weekday(weekday, shift, tense),
            Sem::Weekend { offset, shift } => self.weekend(offset, shift, tense),
            Sem::Holiday { name, year } => self.holiday_of_year(name, year, tense),
            Sem::DayOffset(k) => Some(self.day(add_days(self.anchor?, k)?)),
            Sem::UnitOffset { unit, offset } => self.offset(self.anchor?, unit, offset),
            Sem::Ago { unit, offset } => self.ago(unit, offset),
            Sem::RefOffset { unit, offset } => self.relative_to_last(unit, offset),
            Sem::LatestQuarter => Some(self.latest_quarter()),
            Sem::YearAgo => self.year_ago(),
            Sem::QuarterEnding(month) => self.quarter_ending(month),
            Sem::QuarterOfYear(y) => Some(self.quarter_in(y)),
            Sem::Reference(value) => Some(Resolver::plain(TimexType::Date, value)),
            Sem::Duration(ref value) => Some(Resolver::plain(TimexType::Duration, value.clone())),
            Sem::Set(ref value) => Some(Resolver::plain(TimexType::Set, value.clone())),
            Sem::Time { ref date, ref time } => Some(self.time_of_day(date, time, tense)),
        }
    }

    /// Runs `f`, then puts back the dates last talked about: a comparison ("a year earlier", "the year-ago
    /// quarter") names a date without moving the story to it.
    fn keeping_last<T>(&mut self, f: impl FnOnce(&mut Resolver) -> T) -> T {
        let (last, last_quarter) = (self.last, self.last_quarter);
        let resolved = f(self);
        (self.last, self.last_quarter) = (last, last_quarter);
        resolved
    }

    /// A day and month in the year given, in a year counted from the article's, or in the one the tense
    /// points to.
    fn day_of_year(&mut self, year: YearRef, month: u32, day: u32, tense: Tense) -> Option<Resolved> {
        match year {
            YearRef::Given(y) => Some(self.day(NaiveDate::from_ymd_opt(y, month, day)?)),
            YearRef::Offset(k) => Some(self.day(NaiveDate::from_ymd_opt(self.anchor?.year() + k, month, day)?)),
            YearRef::Infer => match self.anchor {
                Some(anchor) => self.nearest_day(anchor, month, day, tense),
                None => Some(Resolver::plain(TimexType::Date, format!("XXXX-{month:02}-{day:02}"))),
            },
        }
    }

    /// A day and month without a year: last year's, this year's or next year's, by the tense and the distance
    /// from the article date.
    fn nearest_day(&mut self, anchor: NaiveDate, month: u32, day: u32, tense: Tense) -> Option<Resolved> {
        let dates: Vec<NaiveDate> =
            (anchor.year() - 1..=anchor.year() + 1).filter_map(|y| NaiveDate::from_ymd_opt(y, month, day)).collect();
        // The tense decides by month ("the rights expired Nov. 21" in a November 2 article is
        // this November), the distance by day when the tense is unknown.
        let nearest = {
            let keys: Vec<i64> = dates.iter().map(|d| d.num_days_from_ce() as i64).collect();
            choose(&keys, anchor.num_days_from_ce() as i64, Tense::Unknown, false)
        };
        // A day within weeks of the article date is that one, whatever the tense: "the bid was
        // extended to Nov. 16" in an October 30 article.
        // (A future tense still looks forward: "should close by year-end" in January is next
        // December.)
        let close = nearest.filter(|&i| {
            (dates[i] - anchor).num_days().abs() <= NEAR_DAYS && (tense != Tense::Future || dates[i] >= anchor)
        });
        let chosen = match tense {
            _ if close.is_some() => close?,
            Tense::Unknown | Tense::Either => {
                let keys: Vec<i64> = dates.iter().map(|d| d.num_days_from_ce() as i64).collect();
                choose(&keys, anchor.num_days_from_ce() as i64, tense, false)?
            }
            _ => {
                let keys: Vec<i64> = dates.iter().map(|d| month_index(d.year(), d.month())).collect();
                choose(&keys, month_index(anchor.year(), anchor.month()), tense, false)?
            }
        };
        Some(self.day(dates[chosen]))
    }

    /// A month in the year given, in a year counted from the article's, or the one the tense or "last",
    /// "this", "next" point to.
    fn month_of_year(&mut self, year: YearRef, month: u32, shift: Shift, tense: Tense) -> Option<Resolved> {
        Some(match (year, self.anchor) {
            (YearRef::Given(y), _) => self.month(y, month),
            (YearRef::Offset(k), Some(anchor)) => self.month(anchor.year() + k, month),
            (YearRef::Infer, Some(anchor)) => {
                if shift == Shift::This {
                    return Some(self.month(anchor.year(), month));
                }
                let keys: Vec<i64> = (anchor.year() - 1..=anchor.year() + 1).map(|y| month_index(y, month)).collect();
                let (tense, strict) = tense_of(shift, tense);
                let anchor_key = month_index(anchor.year(), anchor.month());
                // The month before or after the article's is that one, whatever the tense: "trading for
                // November" in an October 30 article.
                let next_door = keys
                    .iter()
                    .position(|&k| (k - anchor_key).abs() <= 1 && (tense != Tense::Future || k >= anchor_key));
                let chosen = match (shift, next_door) {
                    (Shift::Tense, Some(i)) => i,
                    _ => choose(&keys, anchor_key, tense, strict)?,
                };
                let (y, m) = month_of_index(keys[chosen]);
                self.month(y, m)
            }
            _ => Resolver::plain(TimexType::Date, format!("XXXX-{month:02}")),
        })
    }

    /// A season in the year given, in a year counted from the article's, or the one the tense or "last",
    /// "this", "next" point to.
    fn season(&mut self, year: YearRef, season: &str, shift: Shift, tense: Tense) -> Option<Resolved> {
        let index = SEASONS.iter().position(|s| *s == season)? as i64;
        let y = match (year, self.anchor) {
            (YearRef::Given(y), _) => y,
            (YearRef::Offset(k), Some(anchor)) => anchor.year() + k,
            (YearRef::Infer, Some(anchor)) => {
                // Winter is counted with the year it ends in, so December belongs to next year's.
                let (ay, am) = (anchor.year(), anchor.month());
                let anchor_season = if am == 12 { 0 } else { (am / 3) as i64 };
                let anchor_key = (ay as i64 + i64::from(am == 12)) * 4 + anchor_season;
                let keys: Vec<i64> = (ay - 1..=ay + 1).map(|y| y as i64 * 4 + index).collect();
                let (tense, strict) = tense_of(shift, tense);
                let chosen = match shift {
                    Shift::This => keys.iter().position(|k| k / 4 == anchor_key / 4),
                    _ => choose(&keys, anchor_key, tense, strict),
                }?;
                (keys[chosen] / 4) as i32
            }
            _ => return Some(Resolver::plain(TimexType::Date, format!("XXXX-{season}"))),
        };
        self.last = Some(LastRef::Year(y));
        let start_month = [12, 3, 6, 9][index as usize];
        let start_year = if index == 0 { y - 1 } else { y };
        let start = NaiveDate::from_ymd_opt(start_year, start_month, 1)?;
        let end = start.checked_add_months(Months::new(3))?.pred_opt()?;
        Some(Resolved {
            kind: TimexType::Date,
            value: format!("{y:04}-{season}"),
            span: span(start, end, DatePrecision::Season),
        })
    }

    /// A quarter in the year given, in a year counted from the article's, or in the article's year unless a
    /// past tense puts a later quarter in the year before.
    fn quarter_of_year(&mut self, year: YearRef, quarter: u32, tense: Tense) -> Resolved {
        let y = match (year, self.anchor) {
            (YearRef::Given(y), _) => y,
            (YearRef::Offset(k), Some(anchor)) => anchor.year() + k,
            (YearRef::Infer, Some(anchor)) => {
                let current = anchor.month().div_ceil(3);
                if tense == Tense::Past && quarter > current { anchor.year() - 1 } else { anchor.year() }
            }
            _ => return Resolver::plain(TimexType::Date, format!("XXXX-Q{quarter}")),
        };
        self.quarter(y, quarter)
    }

    /// A half year, placed as [`Resolver::quarter_of_year`] places a quarter.
    fn half(&mut self, year: YearRef, half: u32, tense: Tense) -> Option<Resolved> {
        let y = match (year, self.anchor) {
            (YearRef::Given(y), _) => y,
            (YearRef::Offset(k), Some(anchor)) => anchor.year() + k,
            (YearRef::Infer, Some(anchor)) => {
                let current = if anchor.month() <= 6 { 1 } else { 2 };
                if tense == Tense::Past && half > current { anchor.year() - 1 } else { anchor.year() }
            }
            _ => return Some(Resolver::plain(TimexType::Date, format!("XXXX-H{half}"))),
        };
        self.last = Some(LastRef::Year(y));
        let start = NaiveDate::from_ymd_opt(y, half * 6 - 5, 1)?;
        let end = days_in(y, half * 6)?;
        Some(Resolved {
            kind: TimexType::Date,
            value: format!("{y:04}-H{half}"),
            span: span(start, end, DatePrecision::Quarter),
        })
    }

    /// A weekday in the article's week or the one before or after, by tense or by "last", "this", "next".
    fn weekday(&mut self, weekday: u32, shift: Shift, tense: Tense) -> Option<Resolved> {
        let Some(anchor) = self.anchor else {
            return Some(Resolver::plain(TimexType::Date, format!("XXXX-WXX-{}", weekday + 1)));
        };
        let today = anchor.weekday().num_days_from_monday() as i64;
        let back = (today - weekday as i64).rem_euclid(7);
        let before = anchor.checked_sub_days(Days::new(back as u64))?;
        let after = anchor.checked_add_days(Days::new(((weekday as i64 - today).rem_euclid(7)) as u64))?;
        let date = match (shift, tense) {
            (Shift::Last, _) if back == 0 => anchor.checked_sub_days(Days::new(7))?,
            (Shift::Last, _) => before,
            (Shift::Next, _) if after == anchor => anchor.checked_add_days(Days::new(7))?,
            (Shift::Next, _) | (Shift::This, _) => after,
            (Shift::Tense, Tense::Future) => after,
            (Shift::Tense, Tense::Either) if after - anchor < anchor - before => after,
            (Shift::Tense, _) => before,
        };
        Some(self.day(date))
    }

    /// "the weekend" by tense, "this weekend", "last weekend": the ISO week it falls in.
    fn weekend(&mut self, offset: i64, shift: Shift, tense: Tense) -> Option<Resolved> {
        let anchor = self.anchor?;
        let saturday_back = (anchor.weekday().num_days_from_monday() as i64 - 5).rem_euclid(7);
        let base = match (shift, tense) {
            (Shift::Tense, Tense::Past) => add_days(anchor, -saturday_back)?,
            _ => add_days(anchor, offset * 7)?,
        };
        Some(self.week(base, true))
    }

    /// A holiday in the year given, in a year counted from the article's, or the one the tense points to.
    fn holiday_of_year(&mut self, name: &str, year: YearRef, tense: Tense) -> Option<Resolved> {
        let anchor = self.anchor;
        let years: Vec<i32> = match (year, anchor) {
            (YearRef::Given(y), _) => vec![y],
            (YearRef::Offset(k), Some(anchor)) => vec![anchor.year() + k],
            (YearRef::Infer, Some(anchor)) => (anchor.year() - 1..=anchor.year() + 1).collect(),
            _ => return Some(Resolver::unknown()),
        };
        let dates: Vec<NaiveDate> = years.iter().filter_map(|&y| holiday(name, y)).collect();
        let chosen = match (dates.len(), anchor) {
            (1, _) => 0,
            (_, Some(anchor)) => {
                let keys: Vec<i64> = dates.iter().map(|d| d.num_days_from_ce() as i64).collect();
                choose(&keys, anchor.num_days_from_ce() as i64, tense, false)?
            }
            _ => return None,
        };
        Some(self.day(*dates.get(chosen)?))
    }

    /// "two years ago": units back from the article date; but looking back from the quarter being talked
    /// about ("a year ago") is that quarter a year before, and leaves it the one being talked about.
    fn ago(&mut self, unit: Unit, offset: i64) -> Option<Resolved> {
        if unit == Unit::Year && matches!(self.last, Some(LastRef::Quarter(..))) {
            return self.keeping_last(|r| r.ref_offset(Unit::Year, offset));
        }
        self.offset(self.anchor?, unit, offset)
    }

    /// "a year earlier", "the next day": units from the last date mentioned. Looking years back leaves that
    /// date the one being talked about.
    fn relative_to_last(&mut self, unit: Unit, offset: i64) -> Option<Resolved> {
        if unit == Unit::Year && offset < 0 {
            return self.keeping_last(|r| r.ref_offset(Unit::Year, offset));
        }
        self.ref_offset(unit, offset)
    }

    /// "the quarter": the one last talked about, else the last one finished before the article date.
    fn latest_quarter(&mut self) -> Resolved {
        match (self.last_quarter, self.anchor) {
            (Some((y, q)), _) => self.quarter(y, q),
            (_, Some(anchor)) => {
                let index = anchor.year() * 4 + (anchor.month() as i32 - 1) / 3 - 1;
                self.quarter(index.div_euclid(4), index.rem_euclid(4) as u32 + 1)
            }
            _ => Resolver::plain(TimexType::Date, "XXXX-QX"),
        }
    }

    /// "year-ago": the quarter being reported a year before, else last year.
    fn year_ago(&mut self) -> Option<Resolved> {
        match self.last_quarter {
            Some((y, q)) => Some(self.keeping_last(|r| r.quarter(y - 1, q))),
            None => {
                let anchor = self.anchor?;
                Some(self.keeping_last(|r| r.year(anchor.year() - 1)))
            }
        }
    }

    /// "the quarter ended July 31": the quarter of the month before it, in the year up to the article date.
    fn quarter_ending(&mut self, month: u32) -> Option<Resolved> {
        let anchor = self.anchor?;
        let year = if month > anchor.month() { anchor.year() - 1 } else { anchor.year() };
        let index = month_index(year, month) - 1;
        let (y, m) = month_of_index(index);
        Some(self.quarter(y, m.div_ceil(3)))
    }

    /// "the 1988 period": the quarter last talked about, in year `y` (which it leaves the one talked about);
    /// the year `y` when no quarter was.
    fn quarter_in(&mut self, y: i32) -> Resolved {
        match self.last_quarter {
            Some((_, q)) => self.keeping_last(|r| r.quarter(y, q)),
            None => self.year(y),
        }
    }

    fn offset(&mut self, anchor: NaiveDate, unit: Unit, offset: i64) -> Option<Resolved> {
        Some(match unit {
            // "two hours ago" is still the article's day, as far as a calendar can tell.
            Unit::Second | Unit::Minute | Unit::Hour => self.day(anchor),
            Unit::Day => self.day(add_days(anchor, offset)?),
            Unit::Week => self.week(add_days(anchor, offset * 7)?, false),
            Unit::Fortnight => self.week(add_days(anchor, offset * 14)?, false),
            Unit::Weekend => self.week(add_days(anchor, offset * 7)?, true),
            Unit::Month => {
                let (y, m) = month_of_index(month_index(anchor.year(), anchor.month()) + offset);
                self.month(y, m)
            }
            Unit::Quarter => {
                let index = anchor.year() as i64 * 4 + (anchor.month() as i64 - 1) / 3 + offset;
                self.quarter(index.div_euclid(4) as i32, index.rem_euclid(4) as u32 + 1)
            }
            Unit::Year => self.year(anchor.year() + offset as i32),
            Unit::Decade => decade(anchor.year() / 10 + offset as i32),
            Unit::Century => century(anchor.year() / 100 + offset as i32),
        })
    }

    fn ref_offset(&mut self, unit: Unit, offset: i64) -> Option<Resolved> {
        let last = self.last;
        let anchor = self.anchor;
        let base_day = match last {
            Some(LastRef::Day(d)) => Some(d),
            _ => anchor,
        };
        Some(match (unit, last) {
            (Unit::Year, Some(LastRef::Quarter(y, q))) => self.quarter(y + offset as i32, q),
            (Unit::Year, Some(LastRef::Month(y, m))) => self.month(y + offset as i32, m),
            (Unit::Year, Some(LastRef::Year(y))) => self.year(y + offset as i32),
            (Unit::Year, _) => self.year(base_day?.year() + offset as i32),
            (Unit::Quarter, Some(LastRef::Quarter(y, q))) => {
                let index = y as i64 * 4 + q as i64 - 1 + offset;
                self.quarter(index.div_euclid(4) as i32, index.rem_euclid(4) as u32 + 1)
            }
            (Unit::Month, Some(LastRef::Month(y, m))) => {
                let (y, m) = month_of_index(month_index(y, m) + offset);
                self.month(y, m)
            }
            (Unit::Day, _) => self.day(add_days(base_day?, offset)?),
            (Unit::Week, _) => self.week(add_days(base_day?, offset * 7)?, false),
            _ => self.offset(base_day?, unit, offset)?,
        })
    }

    /// A clock time or part of the day on a date; on an unknown date when the date is not a single day.
    fn time_of_day(&mut self, date: &Sem, time: &str, tense: Tense) -> Resolved {
        match self.try_resolve(date, tense) {
            Some(Resolved { value, span, .. }) if span.is_some_and(|s| s.precision == DatePrecision::Day) => {
                Resolved { kind: TimexType::Time, value: format!("{value}T{time}"), span }
            }
            _ => Resolver::plain(TimexType::Time, format!("XXXX-XX-XXT{time}")),
        }
    }
}

fn add_days(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    if days >= 0 {
        date.checked_add_days(Days::new(days as u64))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    }
}

/// The `n`th `weekday` of a month (`n` = -1 for the last).
fn nth_weekday(y: i32, m: u32, weekday: Weekday, n: i32) -> Option<NaiveDate> {
    if n > 0 {
        NaiveDate::from_weekday_of_month_opt(y, m, weekday, n as u8)
    } else {
        let last = days_in(y, m)?;
        let back = (last.weekday().num_days_from_monday() as i64 - weekday.num_days_from_monday() as i64).rem_euclid(7);
        add_days(last, -back)
    }
}

/// Easter Sunday (the anonymous Gregorian computus).
fn easter(y: i32) -> Option<NaiveDate> {
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(y, month as u32, day as u32)
}

fn holiday(name: &str, y: i32) -> Option<NaiveDate> {
    match name {
        "christmas" => NaiveDate::from_ymd_opt(y, 12, 25),
        "christmas eve" => NaiveDate::from_ymd_opt(y, 12, 24),
        "boxing day" => NaiveDate::from_ymd_opt(y, 12, 26),
        "new year's day" => NaiveDate::from_ymd_opt(y, 1, 1),
        "new year's eve" => NaiveDate::from_ymd_opt(y, 12, 31),
        "halloween" => NaiveDate::from_ymd_opt(y, 10, 31),
        "valentine's day" => NaiveDate::from_ymd_opt(y, 2, 14),
        "independence day" => NaiveDate::from_ymd_opt(y, 7, 4),
        "thanksgiving" => nth_weekday(y, 11, Weekday::Thu, 4),
        "labor day" => nth_weekday(y, 9, Weekday::Mon, 1),
        "memorial day" => nth_weekday(y, 5, Weekday::Mon, -1),
        "easter" => easter(y),
        _ => None,
    }
}
