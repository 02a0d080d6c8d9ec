//! The tagger proper: tokens, the rules that recognise date expressions, and what each one means.
//!
//! Recognition works on tokens (runs of ASCII letters and digits, and single punctuation marks), with a
//! lower-cased copy of the text beside the original so that byte offsets agree. At each token the rules are
//! tried in a fixed order; each one takes the longest expression it can, and the tagger moves past it.
//! What a rule finds is a [`Sem`]: a meaning not yet placed on the calendar, which [`super::resolve`] turns
//! into a TIMEX3 value against the article date, the sentence's tense and the last date mentioned.

use std::cell::Cell;
use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use super::lexicon::{self, Unit};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    Word,
    Number,
    /// Digits then letters: "23rd", "1990s", "4pm".
    Mixed,
    Punct,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Tok {
    pub start: usize,
    pub end: usize,
    pub class: Class,
    pub space_before: bool,
    pub newline_before: bool,
}

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

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Hit {
    /// One past the last token.
    pub end: usize,
    pub sem: Sem,
}

fn hit(end: usize, sem: Sem) -> Option<Hit> {
    Some(Hit { end, sem })
}

/// FNV-1a: the words looked up are short, and SipHash's protection against chosen keys is not needed for a
/// fixed word list; this is the tagger's most frequent operation.
#[derive(Default)]
pub(super) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}

type WordSet = HashSet<&'static str, BuildHasherDefault<Fnv>>;

/// Every lower-case word that can start an expression; other words are skipped without trying a rule.
struct Starters {
    words: WordSet,
    /// For each length up to [`MAX_STARTER_LEN`] and first letter (26 for anything but `a`-`z`), the last
    /// letters of the starters (bit 0 for `a`, bit 31 for anything else): most words are turned away by
    /// these bits without hashing them.
    last_letters: [[u32; 27]; MAX_STARTER_LEN + 1],
}

/// Words longer than this are never tried.
const MAX_STARTER_LEN: usize = 13;

impl Starters {
    /// Where `word`'s bit is in [`Starters::last_letters`], if it is not too long.
    fn slot(word: &str) -> Option<(usize, usize, u32)> {
        let (&first, &last) = (word.as_bytes().first()?, word.as_bytes().last()?);
        if word.len() > MAX_STARTER_LEN {
            return None;
        }
        let first = if first.is_ascii_lowercase() { usize::from(first - b'a') } else { 26 };
        let last = if last.is_ascii_lowercase() { 1 << (last - b'a') } else { 1 << 31 };
        Some((word.len(), first, last))
    }

    fn contains(&self, word: &str) -> bool {
        Starters::slot(word).is_some_and(|(len, first, last)| self.last_letters[len][first] & last != 0)
            && self.words.contains(word)
    }
}

fn starters() -> &'static Starters {
    static STARTERS: OnceLock<Starters> = OnceLock::new();
    STARTERS.get_or_init(|| {
        let words = starter_words();
        let mut last_letters = [[0; 27]; MAX_STARTER_LEN + 1];
        for (len, first, last) in words.iter().filter_map(|word| Starters::slot(word)) {
            last_letters[len][first] |= last;
        }
        Starters { words, last_letters }
    })
}

fn starter_words() -> WordSet {
    lexicon::STARTERS.iter().copied().collect()
}

const DIGIT: u8 = 1;
const LETTER: u8 = 2;

/// What each byte is: [`DIGIT`], [`LETTER`] (ASCII only), or 0.
const ALPHANUMERIC: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = if byte.is_ascii_digit() {
            DIGIT
        } else if byte.is_ascii_alphabetic() {
            LETTER
        } else {
            0
        };
        b += 1;
    }
    table
};

/// Splits text into tokens. Non-ASCII characters become punctuation tokens of their own, except the
/// no-break space, which is a space.
pub(super) fn tokenize(text: &str) -> Vec<Tok> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 5);
    let (mut i, mut space, mut newline) = (0, false, false);
    while i < bytes.len() {
        let c = bytes[i];
        let kind = ALPHANUMERIC[usize::from(c)];
        if kind != 0 {
            let start = i;
            // Bit 1: a letter; bit 0: a digit. A word's bits or'ed together say what it has.
            let mut kinds = 0;
            while let Some(&b) = bytes.get(i) {
                let k = ALPHANUMERIC[usize::from(b)];
                if k == 0 {
                    break;
                }
                kinds |= k;
                i += 1;
            }
            let letters = kinds & LETTER != 0;
            let class = match (letters, kind == DIGIT) {
                (false, _) => Class::Number,
                (true, true) => Class::Mixed,
                (true, false) => Class::Word,
            };
            out.push(Tok { start, end: i, class, space_before: space, newline_before: newline });
            (space, newline) = (false, false);
        } else if c == b'\n' {
            (space, newline) = (true, true);
            i += 1;
        } else if c.is_ascii_whitespace() {
            space = true;
            i += 1;
        } else if c == 0xC2 && bytes.get(i + 1) == Some(&0xA0) {
            space = true;
            i += 2;
        } else {
            let len = match c {
                0xF0.. => 4,
                0xE0.. => 3,
                0xC0.. => 2,
                _ => 1,
            };
            let end = (i + len).min(bytes.len());
            out.push(Tok { start: i, end, class: Class::Punct, space_before: space, newline_before: newline });
            (space, newline) = (false, false);
            i = end;
        }
    }
    out
}

pub(super) struct Tagger<'t> {
    pub text: &'t str,
    pub lower: String,
    pub toks: Vec<Tok>,
    /// The token the rules are trying to start an expression at: it may begin a line.
    start: Cell<usize>,
}

impl<'t> Tagger<'t> {
    pub fn new(text: &'t str) -> Tagger<'t> {
        Tagger { text, lower: text.to_ascii_lowercase(), toks: tokenize(text), start: Cell::new(0) }
    }

    /// The lower-case text of token `i`, or "" past the end.
    pub fn w(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| &self.lower[t.start..t.end])
    }

    fn raw(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| &self.text[t.start..t.end])
    }

    fn capitalised(&self, i: usize) -> bool {
        self.raw(i).starts_with(|c: char| c.is_ascii_uppercase())
    }

    /// Token `i` exists and continues the line of the token before it (or starts the expression).
    fn joined(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.newline_before || i == self.start.get())
    }

    fn is(&self, i: usize, word: &str) -> bool {
        self.joined(i) && self.w(i) == word
    }

    fn is_any(&self, i: usize, words: &[&str]) -> bool {
        self.joined(i) && words.contains(&self.w(i))
    }

    fn class(&self, i: usize) -> Option<Class> {
        self.toks.get(i).map(|t| t.class)
    }

    /// Token `i` is the punctuation mark `c`.
    fn punct(&self, i: usize, c: u8) -> bool {
        self.joined(i) && self.class(i) == Some(Class::Punct) && self.text.as_bytes()[self.toks[i].start] == c
    }

    /// Token `i` touches the token before it (no space between).
    fn tight(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.space_before)
    }

    /// Past an abbreviation's full stop, if there is one.
    fn skip_dot(&self, i: usize) -> usize {
        if self.punct(i, b'.') && self.tight(i) { i + 1 } else { i }
    }

    /// Past a comma, if there is one.
    fn skip_comma(&self, i: usize) -> usize {
        if self.punct(i, b',') { i + 1 } else { i }
    }

    /// Past a hyphen joining two words ("third-quarter"), if there is one.
    fn skip_hyphen(&self, i: usize) -> usize {
        if self.punct(i, b'-') && self.tight(i) && self.tight(i + 1) { i + 1 } else { i }
    }

    fn digits(&self, i: usize) -> usize {
        if self.class(i) == Some(Class::Number) { self.w(i).len() } else { 0 }
    }

    /// A day of the month: "13", "13th", "1st".
    fn day_at(&self, i: usize) -> Option<u32> {
        if !self.joined(i) {
            return None;
        }
        let w = self.w(i);
        let digits = match self.class(i)? {
            Class::Number => w,
            Class::Mixed => ["st", "nd", "rd", "th"].iter().find_map(|s| w.strip_suffix(s))?,
            _ => return None,
        };
        let day: u32 = digits.parse().ok().filter(|_| digits.len() <= 2)?;
        (1..=31).contains(&day).then_some(day)
    }

    /// A four-digit year, with a check that it is not a count or an amount.
    fn year_at(&self, i: usize) -> Option<i32> {
        if !self.joined(i) || self.digits(i) != 4 {
            return None;
        }
        let year: i32 = self.w(i).parse().ok()?;
        if !(1000..=2100).contains(&year) {
            return None;
        }
        if i > 0 {
            let before = self.w(i - 1);
            let amount = matches!(before, "$" | "#" | "\u{a3}" | "\u{20ac}")
                || (self.tight(i) && matches!(before, "," | ".") && i > 1 && self.class(i - 2) == Some(Class::Number));
            if amount {
                return None;
            }
        }
        // "2000 to 3000 troops" is a count; "27 January, 2017 to discuss" a date, the month in front says so.
        let after_month = (1..=3).any(|back| i >= back && self.month_word(i - back).is_some());
        if self.punct(i + 1, b'%') || self.is_any(i + 1, lexicon::COUNT_NOUNS) && !(after_month && self.is(i + 1, "to"))
        {
            return None;
        }
        if (self.punct(i + 1, b',') || self.punct(i + 1, b'.')) && self.tight(i + 1) && self.tight(i + 2) {
            return None;
        }
        if self.punct(i + 1, b',') && self.digits(i + 2) == 3 {
            return None;
        }
        if year < 1800 && !(i > 0 && self.is_any(i - 1, &["in", "since", "of", "year", "from", "until", "by"])) {
            return None;
        }
        Some(year)
    }

    /// A month name, capitalised: "may" and "march" in lower case are a verb and a noun.
    fn month_word(&self, i: usize) -> Option<u32> {
        if !self.joined(i) || self.class(i) != Some(Class::Word) || !self.capitalised(i) {
            return None;
        }
        lexicon::month(self.w(i))
    }

    /// All date expressions, as (first token, hit), in text order.
    /// The expressions one at a time, in text order, so a caller that needs only the first few (the
    /// dateline) stops trying rules there.
    pub fn hit_iter(&self) -> impl Iterator<Item = (usize, Hit)> + '_ {
        let starters = starters();
        let mut i = 0;
        std::iter::from_fn(move || {
            while i < self.toks.len() {
                let tok = self.toks[i];
                let worth_trying = match tok.class {
                    Class::Word => starters.contains(self.w(i)),
                    Class::Number | Class::Mixed => true,
                    Class::Punct => self.w(i) == "'" || self.w(i) == "\u{2019}",
                };
                self.start.set(i);
                if worth_trying && let Some(found) = self.rule_at(i) {
                    let first = i;
                    i = found.end.max(i + 1);
                    return Some((first, found));
                }
                i += 1;
            }
            None
        })
    }

    fn rule_at(&self, i: usize) -> Option<Hit> {
        match self.class(i)? {
            Class::Word => self.word_rule(i),
            Class::Number | Class::Mixed => self.number_rule(i),
            Class::Punct => self.decade_at(i),
        }
    }

    fn word_rule(&self, i: usize) -> Option<Hit> {
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
    fn word_rule_inner(&self, i: usize) -> Option<Hit> {
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
    fn approximate(&self, j: usize) -> Option<Hit> {
        let found = self.quantity_rule(j)?;
        matches!(found.sem, Sem::Duration(_) | Sem::Ago { .. } | Sem::RefOffset { .. } | Sem::Reference(_))
            .then_some(found)
    }

    /// "today", "Friday" and the like, with an optional part of the day after them: "Friday night".
    fn with_day_part(&self, j: usize, date: Sem) -> Option<Hit> {
        if let Some(part) = lexicon::day_part(self.w(j)).filter(|_| self.joined(j)) {
            return hit(j + 1, time_of(date, part));
        }
        if let Some((time, end)) = self.clock_after(j) {
            return hit(end, time_of(date, &time));
        }
        hit(j, date)
    }

    /// A clock time right after a date, with an optional "at": "Friday at 4:52 pm".
    fn clock_after(&self, j: usize) -> Option<(String, usize)> {
        let j = self.skip_comma(j);
        let k = if self.is(j, "at") { j + 1 } else { j };
        self.clock_at(k)
    }

    /// "4:52 pm", "16:52", "9 a.m.", "18:00 UTC"; the time as "HH:MM" (with "Z" for UTC) and the end.
    fn clock_at(&self, i: usize) -> Option<(String, usize)> {
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

    fn with_zone(&self, hour: u32, minute: u32, j: usize) -> (String, usize) {
        let zone = lexicon::time_zone(self.w(j)).filter(|_| self.joined(j));
        let time = format!("{hour:02}:{minute:02}{}", if zone == Some(true) { "Z" } else { "" });
        (time, if zone.is_some() { j + 1 } else { j })
    }

    fn the_rule(&self, i: usize) -> Option<Hit> {
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
    fn the_adjective_unit(&self, j: usize, unit: Unit, plural: bool) -> Option<Hit> {
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
    fn year_back(&self, j: usize) -> Option<usize> {
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

    /// "this year", "last week", "next Friday", "last December", "this morning", "recent years".
    fn deictic_rule(&self, i: usize) -> Option<Hit> {
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
    fn edge_rule(&self, i: usize) -> Option<Hit> {
        let j = self.skip_hyphen(i + 1);
        let j = if self.is(j, "in") { j + 1 } else { j };
        if !self.joined(j) {
            return None;
        }
        let inner = self.rule_at(j).filter(|h| is_calendar(&h.sem))?;
        Some(inner)
    }

    /// A weekday, with an optional date after it ("Friday, January 13, 2017") or a part of the day.
    fn weekday_rule(&self, i: usize, weekday: u32) -> Option<Hit> {
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
    fn month_rule(&self, i: usize, month: u32, shift: Shift) -> Option<Hit> {
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
    fn year_offset_at(&self, i: usize) -> Option<i32> {
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
    fn day_month_year(&self, j: usize, day: u32, month: u32) -> Option<Hit> {
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
    fn season_rule(&self, i: usize, shift: Shift) -> Option<Hit> {
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

    fn holiday_rule(&self, i: usize) -> Option<Hit> {
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
    fn ordinal_rule(&self, i: usize) -> Option<Hit> {
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

    /// A count at `i`: digits, number words ("twenty-four", "two and a half"), "a", "a few", "several";
    /// the count (`None` when vague) and the token after it.
    fn count_at(&self, i: usize) -> Option<(Option<f64>, usize)> {
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
    fn quantity_rule(&self, i: usize) -> Option<Hit> {
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

    fn short_year_at(&self, i: usize) -> Option<i32> {
        if !self.joined(i) || self.digits(i) != 2 {
            return None;
        }
        let short: i32 = self.w(i).parse().ok()?;
        Some(if short < 50 { 2000 + short } else { 1900 + short })
    }

    /// "'90s", "the 1990s", "1980s", "the 90s".
    fn decade_at(&self, i: usize) -> Option<Hit> {
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

    fn number_rule(&self, i: usize) -> Option<Hit> {
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
        if let Some(found) = self.clock_at(i) {
            return hit(found.1, time_of(Sem::DayOffset(0), &found.0));
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
}

/// Meanings that name a stretch of the calendar, and so can follow "the end of", "early" and the like.
fn is_calendar(sem: &Sem) -> bool {
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

fn year_earlier() -> Sem {
    Sem::RefOffset { unit: Unit::Year, offset: -1 }
}

fn time_of(date: Sem, time: &str) -> Sem {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The tokens as plain tuples, to compare.
    fn fields(toks: &[Tok]) -> Vec<(usize, usize, Class, bool, bool)> {
        toks.iter().map(|t| (t.start, t.end, t.class, t.space_before, t.newline_before)).collect()
    }

    /// How words were split before the byte table: two range checks a byte.
    fn word_end_and_class(bytes: &[u8], start: usize) -> (usize, Class) {
        let mut i = start;
        let mut letters = false;
        while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
            letters |= bytes[i].is_ascii_alphabetic();
            i += 1;
        }
        let class = match (letters, bytes[start].is_ascii_digit()) {
            (false, _) => Class::Number,
            (true, true) => Class::Mixed,
            (true, false) => Class::Word,
        };
        (i, class)
    }

    #[test]
    fn words_split_as_before() {
        let texts = [
            "On 13 Jan. 2017, 3rd-quarter profits (Q3) rose 4.5% to $1,200m; mid-2016\nfigures were 2x.",
            "Ölpreis «März» 1990s\u{a0}now — 9/11 A1b2 b2B Z 0 ''",
            "",
        ];
        for text in texts {
            let toks = tokenize(text);
            for tok in toks.iter().filter(|t| t.class != Class::Punct) {
                assert_eq!(
                    (tok.end, tok.class),
                    word_end_and_class(text.as_bytes(), tok.start),
                    "{text:?} at {}",
                    tok.start
                );
            }
            let words: Vec<&str> = fields(&toks)
                .iter()
                .filter(|t| t.2 != Class::Punct)
                .map(|&(start, end, ..)| &text[start..end])
                .collect();
            let expected: Vec<&str> =
                text.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
            assert_eq!(words, expected, "{text:?}");
        }
    }

    #[test]
    fn starters_turn_away_only_words_that_are_not_starters() {
        let starters = starters();
        for &word in &starters.words {
            assert!(starters.contains(word), "{word}");
        }
        for word in ["the", "thee", "they", "a", "", "zz", "yesterdays", "mid", "middle", "x1", "1x", "é"] {
            assert_eq!(starters.contains(word), starters.words.contains(word), "{word}");
        }
    }
}
