//! Date expressions in text, normalised to TIMEX3 values against the article's own date.
//!
//! This first version reads full dates ("13 January, 2017", "Jan. 13, 2017", "2017-01-13"), day-and-month
//! dates resolved to the year nearest the article date ("23 January"), and month-and-year dates ("May 2016").

use std::ops::Range;

use chrono::{Datelike, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexType {
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DatePrecision {
    Day,
    Week,
    Month,
    Season,
    Quarter,
    Year,
    Decade,
    Century,
}

/// A calendar interval, both ends inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateSpan {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub precision: DatePrecision,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timex {
    pub byte_range: Range<usize>,
    pub kind: TimexType,
    /// TIMEX3 value: "2017-01-23", "2016-12", "XXXX-01-23" when no year can be given.
    pub value: String,
    pub span: Option<DateSpan>,
}

/// Where an article's publication date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateSource {
    Dateline,
    Metadata,
    FileName,
    Given,
    /// Set by the user in the app (kept in the session, never written into the article).
    SetByUser,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleDate {
    pub date: NaiveDate,
    pub byte_range: Option<Range<usize>>,
    pub source: DateSource,
}

/// How far into an article a dateline is looked for.
const DATELINE_WINDOW_BYTES: usize = 1500;
const DATELINE_WINDOW_LINES: usize = 12;

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

/// A month name must be capitalised: "may" and "march" in lower case are verbs.
fn month_of(word: &str) -> Option<u32> {
    if !word.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let lower = word.to_ascii_lowercase();
    MONTHS.iter().find(|(name, _)| *name == lower).map(|&(_, m)| m)
}

#[derive(Debug, Clone, Copy)]
struct Token<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        if c.is_ascii_alphanumeric() || (c == '-' && start.is_some()) {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(Token { text: &text[s..i], start: s, end: i });
        }
    }
    out
}

fn day_number(word: &str) -> Option<u32> {
    let digits = ["st", "nd", "rd", "th"].iter().find_map(|s| word.strip_suffix(s)).unwrap_or(word);
    let day: u32 = digits.parse().ok().filter(|_| digits.len() <= 2)?;
    (1..=31).contains(&day).then_some(day)
}

fn year_number(word: &str) -> Option<i32> {
    let year: i32 = word.parse().ok().filter(|_| word.len() == 4)?;
    (1000..=2999).contains(&year).then_some(year)
}

/// Only these characters may sit between the parts of one date ("13 January, 2017", "Jan. 13").
fn joined(text: &str, a: &Token, b: &Token) -> bool {
    let gap = &text[a.end..b.start];
    gap.len() <= 3 && gap.chars().all(|c| c == ' ' || c == ',' || c == '.')
}

/// The year that puts month/day nearest the anchor.
fn nearest_year(month: u32, day: u32, anchor: NaiveDate) -> Option<NaiveDate> {
    (anchor.year() - 1..=anchor.year() + 1)
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .min_by_key(|d| (*d - anchor).num_days().abs())
}

fn day_timex(range: Range<usize>, date: NaiveDate) -> Timex {
    Timex {
        byte_range: range,
        kind: TimexType::Date,
        value: date.format("%Y-%m-%d").to_string(),
        span: Some(DateSpan { start: date, end: date, precision: DatePrecision::Day }),
    }
}

/// All date expressions in `text`, sorted by start, resolved against `anchor` when given.
pub fn find_timexes(text: &str, anchor: Option<NaiveDate>) -> Vec<Timex> {
    let toks = tokens(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let (found, used) = date_at(text, &toks[i..], anchor);
        match found {
            Some(timex) => {
                out.push(timex);
                i += used;
            }
            None => i += 1,
        }
    }
    out
}

/// The date starting at the first token, if any, and how many tokens it used.
fn date_at(text: &str, toks: &[Token], anchor: Option<NaiveDate>) -> (Option<Timex>, usize) {
    let t0 = toks[0];
    let next = |k: usize| toks.get(k).filter(|t| joined(text, &toks[k - 1], t)).copied();

    // 2017-01-13
    if let [y, m, d] = t0.text.split('-').collect::<Vec<_>>()[..]
        && let (Some(y), Ok(m), Ok(d)) = (year_number(y), m.parse(), d.parse())
        && let Some(date) = NaiveDate::from_ymd_opt(y, m, d)
    {
        return (Some(day_timex(t0.start..t0.end, date)), 1);
    }
    // 13 January[,] [2017]
    if let (Some(day), Some(t1)) = (day_number(t0.text), next(1))
        && let Some(month) = month_of(t1.text)
    {
        return with_optional_year(text, toks, day, month, 2, anchor);
    }
    // January 13[,] [2017]  /  January 2017
    if let (Some(month), Some(t1)) = (month_of(t0.text), next(1)) {
        if let Some(day) = day_number(t1.text) {
            return with_optional_year(text, toks, day, month, 2, anchor);
        }
        if let Some(year) = year_number(t1.text)
            && let Some(start) = NaiveDate::from_ymd_opt(year, month, 1)
        {
            let end = NaiveDate::from_ymd_opt(year + month as i32 / 12, month % 12 + 1, 1)
                .and_then(|d| d.pred_opt())
                .unwrap_or(start);
            let span = DateSpan { start, end, precision: DatePrecision::Month };
            let timex = Timex {
                byte_range: t0.start..t1.end,
                kind: TimexType::Date,
                value: format!("{year:04}-{month:02}"),
                span: Some(span),
            };
            return (Some(timex), 2);
        }
    }
    (None, 1)
}

fn with_optional_year(
    text: &str,
    toks: &[Token],
    day: u32,
    month: u32,
    used: usize,
    anchor: Option<NaiveDate>,
) -> (Option<Timex>, usize) {
    let start = toks[0].start;
    let last = toks[used - 1];
    if let Some(t) = toks.get(used).filter(|t| joined(text, &last, t))
        && let Some(year) = year_number(t.text)
    {
        let date = NaiveDate::from_ymd_opt(year, month, day);
        return (date.map(|d| day_timex(start..t.end, d)), used + 1);
    }
    match anchor {
        Some(anchor) => (nearest_year(month, day, anchor).map(|d| day_timex(start..last.end, d)), used),
        None => {
            let timex = Timex {
                byte_range: start..last.end,
                kind: TimexType::Date,
                value: format!("XXXX-{month:02}-{day:02}"),
                span: None,
            };
            (Some(timex), used)
        }
    }
}

/// The publication date stated near the top of an article: the first full date (with a year) in the
/// first lines, as in a dateline or byline.
pub fn find_article_date(text: &str) -> Option<ArticleDate> {
    let mut window_end = text.len().min(DATELINE_WINDOW_BYTES);
    while !text.is_char_boundary(window_end) {
        window_end -= 1;
    }
    if let Some((offset, _)) = text.match_indices('\n').filter(|(i, _)| *i > 0).nth(DATELINE_WINDOW_LINES * 2)
        && offset < window_end
    {
        window_end = offset;
    }
    find_timexes(&text[..window_end], None).into_iter().find_map(|t| {
        let span = t.span?;
        (span.precision == DatePrecision::Day).then_some(ArticleDate {
            date: span.start,
            byte_range: Some(t.byte_range),
            source: DateSource::Dateline,
        })
    })
}

/// A date written in a file name: "2017-01-13-syria.txt", "20170113_talks.md".
pub fn date_from_file_name(name: &str) -> Option<NaiveDate> {
    let digits: Vec<(usize, char)> = name.char_indices().collect();
    (0..digits.len()).find_map(|i| {
        let rest: String = digits[i..].iter().map(|&(_, c)| c).take(10).collect();
        let before_is_digit = i > 0 && digits[i - 1].1.is_ascii_digit();
        if before_is_digit {
            return None;
        }
        let compact: String = rest.chars().filter(|c| *c != '-' && *c != '_').take(8).collect();
        let separated =
            rest.len() == 10 && matches!(rest.as_bytes()[4], b'-' | b'_') && rest.as_bytes()[4] == rest.as_bytes()[7];
        let plain = rest.len() >= 8 && rest[..8].chars().all(|c| c.is_ascii_digit());
        if !(separated || plain) || compact.len() != 8 || !compact.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let year = year_number(&compact[..4])?;
        NaiveDate::from_ymd_opt(year, compact[4..6].parse().ok()?, compact[6..8].parse().ok()?)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn expressions_and_values() {
        let anchor = Some(ymd(2017, 1, 13));
        let cases: &[(&str, &str, &str)] = &[
            ("Talks in Astana are set to begin on 23 January.", "23 January", "2017-01-23"),
            ("It was signed on Jan. 13, 2017 in Moscow.", "Jan. 13, 2017", "2017-01-13"),
            ("It was signed on January 13th, 2017 in Moscow.", "January 13th, 2017", "2017-01-13"),
            ("Published 2016-12-29.", "2016-12-29", "2016-12-29"),
            ("The ceasefire of December 29 held.", "December 29", "2016-12-29"),
            ("Elections in May 2016 were held.", "May 2016", "2016-05"),
        ];
        for (text, span, value) in cases {
            let found = find_timexes(text, anchor);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert_eq!(&text[found[0].byte_range.clone()], *span, "{text}");
            assert_eq!(found[0].value, *value, "{text}");
        }
    }

    #[test]
    fn verbs_and_plain_numbers_are_not_dates() {
        for text in ["They may meet. 250,000 were killed in 2015 protests.", "Troops march on.", "May 40 people"] {
            assert!(find_timexes(text, None).is_empty(), "{text}");
        }
    }

    #[test]
    fn without_anchor_the_year_stays_unknown() {
        let found = find_timexes("on 23 January", None);
        assert_eq!(found[0].value, "XXXX-01-23");
        assert_eq!(found[0].span, None);
    }

    #[test]
    fn dateline_near_the_top() {
        let text = "Russia, Turkey open to talks\n\n3 min read\n13 January, 2017\nA man rides a bicycle";
        let found = find_article_date(text).unwrap();
        assert_eq!(found.date, ymd(2017, 1, 13));
        assert_eq!(found.source, DateSource::Dateline);
        assert!(find_article_date("Talks will start on 23 January.").is_none());
    }

    #[test]
    fn file_name_dates() {
        assert_eq!(date_from_file_name("2017-01-13-syria.txt"), Some(ymd(2017, 1, 13)));
        assert_eq!(date_from_file_name("talks_20170113.md"), Some(ymd(2017, 1, 13)));
        assert_eq!(date_from_file_name("000_efcf3355165a804e.txt"), None);
        assert_eq!(date_from_file_name("2017-13-45.txt"), None);
    }
}
