//! Date expressions in text, normalised to TIMEX3 values against the article's own date.
//!
//! A rule-based tagger in the HeidelTime tradition: [`find_timexes`] recognises absolute dates ("13 January
//! 2017", "Jan. 13", "2017-01-13", "1/13/2017", "the 23rd"), months, years, decades, seasons, quarters and
//! holidays; dates relative to the article date ("yesterday", "on Thursday", "last week", "two days ago",
//! "earlier this month"), to the last date mentioned ("a year earlier", "the next day") or to the present
//! as a whole ("now", "recently"); durations ("more than four years") and sets ("every week"). A month or
//! weekday without a year takes the one nearest the article date in the direction the sentence's tense
//! points. [`find_article_date`] reads a dateline ([`DateExpressions`] does both from one pass of the rules)
//! and [`parse_date_value`] a metadata date string.
//!
//! ```
//! use chrono::NaiveDate;
//! use newsatlas::timex::find_timexes;
//!
//! let text = "Talks ended on Wednesday and will resume in late January.";
//! let found = find_timexes(text, NaiveDate::from_ymd_opt(2017, 1, 13));
//! let values: Vec<&str> = found.iter().map(|t| t.value.as_str()).collect();
//! assert_eq!(values, ["2017-01-11", "2017-01"]);
//! ```

pub(crate) mod lexicon;
mod metadata;
mod resolve;
mod rules;
mod sem;
mod tokens;

use chrono::NaiveDate;

use crate::corpus::ByteSpan;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
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
    pub byte_range: ByteSpan,
    pub kind: TimexType,
    /// TIMEX3 value: "2017-01-23", "2016-12", "XXXX-01-23" when no year can be given.
    pub value: TimexValue,
    pub span: Option<DateSpan>,
}

/// A TIMEX3 value. Nearly all are short ("2017-01-23", "P3D") and are kept inline, so a million dates are
/// not a million small allocations; a longer one goes to the heap. Reads as a `str`.
#[derive(Clone, PartialEq, Eq)]
pub struct TimexValue(ValueRepr);

#[derive(Clone, PartialEq, Eq)]
enum ValueRepr {
    Inline { bytes: [u8; INLINE_VALUE], len: InlineLen },
    // Boxed twice so the pointer is thin (8 bytes) and fits beside the length byte: with the length's
    // spare values marking this variant, the whole value is 16 bytes, not 24.
    Heap(Box<Box<str>>),
}

const INLINE_VALUE: usize = 15;

/// The length of an inline value, 0 to [`INLINE_VALUE`]. An enum rather than a `u8` so that the values it
/// cannot take tell the two kinds of [`ValueRepr`] apart without a tag byte of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum InlineLen {
    L0,
    L1,
    L2,
    L3,
    L4,
    L5,
    L6,
    L7,
    L8,
    L9,
    L10,
    L11,
    L12,
    L13,
    L14,
    L15,
}

const INLINE_LENS: [InlineLen; INLINE_VALUE + 1] = {
    use InlineLen::*;
    [L0, L1, L2, L3, L4, L5, L6, L7, L8, L9, L10, L11, L12, L13, L14, L15]
};

impl TimexValue {
    pub fn as_str(&self) -> &str {
        match &self.0 {
            // The bytes were copied whole from a `str`, so they are UTF-8; the fallback is never taken.
            ValueRepr::Inline { bytes, len } => {
                std::str::from_utf8(&bytes[..usize::from(*len as u8)]).unwrap_or_default()
            }
            ValueRepr::Heap(text) => text,
        }
    }
}

impl From<String> for TimexValue {
    fn from(value: String) -> TimexValue {
        match INLINE_LENS.get(value.len()) {
            Some(_) => TimexValue::from(value.as_str()),
            None => TimexValue(ValueRepr::Heap(Box::new(value.into_boxed_str()))),
        }
    }
}

/// A short value (all but durations and sets, mostly) is copied inline, without allocating.
impl From<&str> for TimexValue {
    fn from(value: &str) -> TimexValue {
        match INLINE_LENS.get(value.len()) {
            Some(&len) => {
                let mut bytes = [0; INLINE_VALUE];
                bytes[..value.len()].copy_from_slice(value.as_bytes());
                TimexValue(ValueRepr::Inline { bytes, len })
            }
            None => TimexValue(ValueRepr::Heap(Box::new(value.into()))),
        }
    }
}

impl std::ops::Deref for TimexValue {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<&str> for TimexValue {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::fmt::Debug for TimexValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for TimexValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where an article's publication date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
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
    pub byte_range: Option<ByteSpan>,
    pub source: DateSource,
}

/// How far into an article a dateline is looked for.
const DATELINE_WINDOW_BYTES: usize = 1500;
const DATELINE_WINDOW_LINES: usize = 12;

pub use metadata::parse_date_value;

/// All date expressions in `text`, sorted by start, resolved against `anchor` when given.
pub fn find_timexes(text: &str, anchor: Option<NaiveDate>) -> Vec<Timex> {
    DateExpressions::tag(text).resolve(anchor)
}

/// The publication date stated near the top of an article: the first full date (with a year) in the
/// first lines, as in a dateline or byline.
pub fn find_article_date(text: &str) -> Option<ArticleDate> {
    DateExpressions::tag(text).dateline()
}

/// The date expressions of one text, tagged once: an article's dateline ([`DateExpressions::dateline`]) and
/// all its expressions resolved against the date that gives ([`DateExpressions::resolve`]) come from one pass
/// of the rules.
pub struct DateExpressions<'t> {
    tagger: rules::Tagger<'t>,
    /// (first token, what the rules found there), in text order.
    hits: Vec<(usize, rules::Hit)>,
}

impl<'t> DateExpressions<'t> {
    pub fn tag(text: &'t str) -> DateExpressions<'t> {
        let tagger = rules::Tagger::new(text);
        let hits = tagger.hit_iter().collect();
        DateExpressions { tagger, hits }
    }

    /// The first expression that resolves to a day without an article date, among those that start in the
    /// text's first lines.
    pub fn dateline(&self) -> Option<ArticleDate> {
        let text = self.tagger.text;
        let mut window_end = text.len().min(DATELINE_WINDOW_BYTES);
        while !text.is_char_boundary(window_end) {
            window_end -= 1;
        }
        if let Some(offset) =
            memchr::memchr_iter(b'\n', &text.as_bytes()[..window_end]).filter(|&i| i > 0).nth(DATELINE_WINDOW_LINES * 2)
        {
            window_end = offset;
        }
        // Each expression is resolved knowing only those before it, so the ones after the first day cannot
        // change the answer.
        let mut resolver = resolve::Resolver::new(None);
        self.hits
            .iter()
            .take_while(|(first, _)| self.tagger.toks[*first].start < window_end)
            .filter_map(|(first, found)| resolved(&self.tagger, &mut resolver, *first, found))
            .find_map(|t| {
                let span = t.span?;
                (span.precision == DatePrecision::Day).then_some(ArticleDate {
                    date: span.start,
                    byte_range: Some(t.byte_range),
                    source: DateSource::Dateline,
                })
            })
    }

    /// Every expression, resolved against `anchor` when given, in text order.
    pub fn resolve(&self, anchor: Option<NaiveDate>) -> Vec<Timex> {
        let mut resolver = resolve::Resolver::new(anchor);
        self.hits.iter().filter_map(|(first, found)| resolved(&self.tagger, &mut resolver, *first, found)).collect()
    }
}

/// One expression the tagger found, resolved after those before it.
fn resolved(
    tagger: &rules::Tagger,
    resolver: &mut resolve::Resolver,
    first: usize,
    found: &rules::Hit,
) -> Option<Timex> {
    let tense = if resolve::needs_tense(&found.sem) {
        resolve::tense_near(tagger, first, found.end)
    } else {
        resolve::Tense::Unknown
    };
    let resolved = resolver.resolve(&found.sem, tense);
    let (Some(first_tok), Some(last_tok)) = (tagger.toks.get(first), tagger.toks.get(found.end - 1)) else {
        return None;
    };
    Some(Timex {
        // Only a text of 4 GiB or more has offsets past 32 bits, and the reader refuses such files.
        byte_range: ByteSpan::new(first_tok.start..last_tok.end)?,
        kind: resolved.kind,
        value: resolved.value.into(),
        span: resolved.span,
    })
}

fn year_number(word: &str) -> Option<i32> {
    let year: i32 = word.parse().ok().filter(|_| word.len() == 4)?;
    (1000..=2999).contains(&year).then_some(year)
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

    /// One row per rule: a sentence, the expression found in it, its type and value, for an article dated
    /// Friday 13 January 2017.
    #[test]
    fn expressions_and_values() {
        let anchor = Some(ymd(2017, 1, 13));
        let cases: &[(&str, &str, &str, &str)] = &[
            // absolute dates
            ("Talks in Astana are set to begin on 23 January.", "23 January", "DATE", "2017-01-23"),
            ("It was signed on Jan. 13, 2017 in Moscow.", "Jan. 13, 2017", "DATE", "2017-01-13"),
            ("It was signed on January 13th, 2017 in Moscow.", "January 13th, 2017", "DATE", "2017-01-13"),
            // Regression: the year was left out of the span when "to" followed it.
            ("He asked them to come on 27 January, 2017 to talk.", "27 January, 2017", "DATE", "2017-01-27"),
            ("The deal was signed on the 3rd of March 2015.", "the 3rd of March 2015", "DATE", "2015-03-03"),
            ("Published 2016-12-29.", "2016-12-29", "DATE", "2016-12-29"),
            ("Posted 2016-12-29T08:15:00Z by staff.", "2016-12-29T08", "DATE", "2016-12-29"),
            ("The ceasefire of December 29 held.", "December 29", "DATE", "2016-12-29"),
            ("Filed on 1/13/2017 in Ohio.", "1/13/2017", "DATE", "2017-01-13"),
            ("Filed on 23/01/2017 in Leeds.", "23/01/2017", "DATE", "2017-01-23"),
            ("Friday, January 13, 2017 4:52 PM", "Friday, January 13, 2017 4:52 PM", "TIME", "2017-01-13T16:52"),
            ("The vote is due on the 23rd.", "the 23rd", "DATE", "2017-01-23"),
            ("Elections in May 2016 were held.", "May 2016", "DATE", "2016-05"),
            ("The law passed in 2015.", "2015", "DATE", "2015"),
            ("He grew up in the 1990s.", "the 1990s", "DATE", "199"),
            ("Music of the '80s returned.", "the '80s", "DATE", "198"),
            ("Empires of the 19th century fell.", "the 19th century", "DATE", "18"),
            ("They married in the summer of 2015.", "the summer of 2015", "DATE", "2015-SU"),
            ("Growth slowed in mid-2008.", "mid-2008", "DATE", "2008"),
            ("Profit fell in the first quarter of 2016.", "the first quarter of 2016", "DATE", "2016-Q1"),
            ("Fiscal 2015 sales were flat.", "Fiscal 2015", "DATE", "2015"),
            // months and seasons without a year, placed by tense
            ("Fighting broke out in late December.", "late December", "DATE", "2016-12"),
            ("Fighting was fierce in March.", "March", "DATE", "2016-03"),
            ("A new round will open in March.", "March", "DATE", "2017-03"),
            ("Turnout was low last November.", "last November", "DATE", "2016-11"),
            ("The vote is planned for the spring.", "the spring", "DATE", "2017-SP"),
            ("Troops withdrew last fall.", "last fall", "DATE", "2016-FA"),
            ("They met at Christmas.", "Christmas", "DATE", "2016-12-25"),
            // days relative to the article date
            ("Rebels shelled the town yesterday.", "yesterday", "DATE", "2017-01-12"),
            ("The envoy arrives today.", "today", "DATE", "2017-01-13"),
            ("The envoy arrives tomorrow.", "tomorrow", "DATE", "2017-01-14"),
            ("Kerry met Lavrov on Thursday.", "Thursday", "DATE", "2017-01-12"),
            ("The rebels said on Wednesday that they would attend.", "Wednesday", "DATE", "2017-01-11"),
            ("Delegates will meet on Thursday.", "Thursday", "DATE", "2017-01-19"),
            // A deadline in a past-tense sentence: the nearest such day either way.
            ("The government has kept the markets closed until Saturday.", "Saturday", "DATE", "2017-01-14"),
            ("Most members had filed reports by Wednesday.", "Wednesday", "DATE", "2017-01-11"),
            ("They were freed last Friday.", "last Friday", "DATE", "2017-01-06"),
            ("They will be freed next Friday.", "next Friday", "DATE", "2017-01-20"),
            ("The plane landed two days ago.", "two days ago", "DATE", "2017-01-11"),
            ("The strike began late yesterday.", "late yesterday", "DATE", "2017-01-12"),
            // weeks, months, years relative to the article date
            ("The talks begin next week.", "next week", "DATE", "2017-W03"),
            ("Envoys arrived earlier this week.", "earlier this week", "DATE", "2017-W02"),
            ("Protesters gathered over the weekend.", "the weekend", "DATE", "2017-W01-WE"),
            ("Prices rose last month.", "last month", "DATE", "2016-12"),
            ("Talks are due later this month.", "later this month", "DATE", "2017-01"),
            ("Turnout fell last year.", "last year", "DATE", "2016"),
            ("Elections are due next year.", "next year", "DATE", "2018"),
            ("Growth will pick up early next year.", "early next year", "DATE", "2018"),
            ("Prices have risen since the year\u{2019}s start.", "the year\u{2019}s start", "DATE", "2017"),
            ("Prices rose 5% in the past year.", "the past year", "DATE", "2016"),
            ("The company expects a loss for the current quarter.", "the current quarter", "DATE", "2017-Q1"),
            // times of day
            ("Shots rang out this morning.", "this morning", "TIME", "2017-01-13TMO"),
            ("Clashes went on late into Friday night.", "Friday night", "TIME", "2017-01-13TNI"),
            ("The polls close at 18:00 UTC.", "18:00 UTC", "TIME", "2017-01-13T18:00Z"),
            ("The polls close at 8 p.m. local time.", "8 p.m.", "TIME", "2017-01-13T20:00"),
            // a clock time takes the day named after it
            ("Firefighters arrived at 12:30 p.m. on Wednesday.", "12:30 p.m. on Wednesday", "TIME", "2017-01-11T12:30"),
            ("The polls closed at 10 p.m. yesterday.", "10 p.m. yesterday", "TIME", "2017-01-12T22:00"),
            // the present, past and future as a whole
            ("Talks are now in their third day.", "now", "DATE", "PRESENT_REF"),
            ("Talks recently resumed.", "recently", "DATE", "PAST_REF"),
            ("Ties may improve in the future.", "the future", "DATE", "FUTURE_REF"),
            // durations
            ("The war has dragged on for more than four years.", "more than four years", "DURATION", "P4Y"),
            ("Talks lasted nearly two and a half years.", "nearly two and a half years", "DURATION", "P2.5Y"),
            ("The 30-day truce held.", "30-day", "DURATION", "P30D"),
            ("Sales rose in the first nine months.", "the first nine months", "DURATION", "P9M"),
            ("Talks took several weeks.", "several weeks", "DURATION", "PXW"),
            ("The siege lasted 90 minutes.", "90 minutes", "DURATION", "PT90M"),
            ("The dispute goes back decades.", "decades", "DURATION", "PXDE"),
            // sets
            ("Inspectors visit every week.", "every week", "SET", "P1W"),
            ("The paper is published daily.", "daily", "SET", "P1D"),
            ("The fee is $40 a year.", "a year", "SET", "P1Y"),
        ];
        let mut wrong = Vec::new();
        for (text, span, kind, value) in cases {
            let found: Vec<(&str, &str, String)> = find_timexes(text, anchor)
                .into_iter()
                .map(|t| (&text[t.byte_range], t.kind.as_str(), t.value.to_string()))
                .collect();
            if found != [(*span, *kind, value.to_string())] {
                wrong.push(format!("{text}: {found:?}"));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    /// Expressions that count back from the last date mentioned, in the order of the text.
    #[test]
    fn references_to_the_last_date() {
        let anchor = Some(ymd(2017, 1, 13));
        let cases: &[(&str, &[&str])] = &[
            ("Profit fell in the third quarter from a year earlier.", &["2016-Q3", "2015-Q3"]),
            ("Net rose in the fourth quarter, up from $3 million a year ago.", &["2016-Q4", "2015-Q4"]),
            ("The latest quarter was weak.", &["2016-Q4"]),
            ("He arrived on March 3, 2015 and left the next day.", &["2015-03-03", "2015-03-04"]),
            ("In 2012 the port closed; a year later it reopened.", &["2012", "2013"]),
            ("In May 2014 the plant opened, the same month a year earlier than planned.", &["2014-05", "2013-05"]),
        ];
        for (text, values) in cases {
            let found: Vec<String> = find_timexes(text, anchor).into_iter().map(|t| t.value.to_string()).collect();
            assert_eq!(&found[..values.len().min(found.len())], *values, "{text}: {found:?}");
        }
    }

    /// Regressions found on the evaluation corpora, each a sentence written for the test: (article date,
    /// text, values in order).
    #[test]
    fn tense_and_reference_regressions() {
        type Case<'a> = ((i32, u32, u32), &'a str, &'a [&'a str]);
        let cases: &[Case] = &[
            // "agreed" ends in "-eed" but is a past form
            ((2017, 1, 13), "Both sides agreed in June to a truce.", &["2016-06"]),
            // the decimal point in "$29.75" does not end the sentence before the tense cue
            ((2017, 1, 13), "Shares rose to $42.875 in June from $29.75 in March.", &["2016-06", "2016-03"]),
            // "be paid" is a passive: "will" gives the tense
            ((2016, 10, 26), "The dividend will be paid Dec. 14 to holders of record.", &["2016-12-14"]),
            // a possessive weekday has happened
            ((2017, 1, 13), "Lawyers will appeal Wednesday's ruling.", &["2017-01-11"]),
            // the month next to the article's, and a day weeks away, are taken nearest
            ((2016, 10, 30), "Dealers placed orders for November transactions.", &["2016-11"]),
            ((2016, 10, 30), "The bid was extended to Nov. 16.", &["2016-11-16"]),
            ((2016, 10, 30), "Loans were extended through January.", &["2017-01"]),
            ((2017, 1, 13), "The deal should close by year-end.", &["2017-12-31"]),
            // a year before a quarter is that quarter a year before, and the story stays on the quarter
            (
                (2016, 11, 1),
                "Net rose in the third quarter from a year earlier; the quarter was strong.",
                &["2016-Q3", "2015-Q3", "2016-Q3"],
            ),
            ((2017, 1, 13), "Net fell in the 2015 third quarter.", &["2015-Q3"]),
            ((2017, 1, 13), "Sales rose from the year-earlier level.", &["2016"]),
            // an expression at the start of a line
            ((2017, 1, 13), "Talks\n23 January\nDelegates will meet.", &["2017-01-23"]),
        ];
        let mut wrong = Vec::new();
        for &((y, m, d), text, values) in cases {
            let found: Vec<String> =
                find_timexes(text, Some(ymd(y, m, d))).into_iter().map(|t| t.value.to_string()).collect();
            if found != values {
                wrong.push(format!("{text}: {found:?}"));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn verbs_and_plain_numbers_are_not_dates() {
        let texts = [
            "They may meet.",
            "Troops march on.",
            "May 40 people",
            "The March of the Living drew crowds.",
            "At least 2000 people attended.",
            "Between 2000 to 3000 troops moved.",
            "Shares fell 2,015 points.",
            "The fall of the city shocked them.",
            "Voters want a second chance.",
            "A quarter of voters stayed home.",
            "The 45-year-old man was held.",
            "The man, 52 years old, was held.",
            "Sun and Sat are short words.",
        ];
        for text in texts {
            let found = find_timexes(text, Some(ymd(2017, 1, 13)));
            assert!(found.is_empty(), "{text}: {found:?}");
        }
    }

    #[test]
    fn values_read_back_whether_short_or_long() {
        let values = ["", "2017-01-23", "2017-01-23T16:5", "2017-01-23T16:52", "a value longer than inline"];
        for value in values {
            let kept = TimexValue::from(value.to_owned());
            assert_eq!(kept.as_str(), value);
            assert_eq!(kept.to_string(), value);
            assert_eq!(format!("{kept:?}"), format!("{value:?}"));
        }
    }

    #[test]
    fn a_value_takes_sixteen_bytes_inline_or_not() {
        assert_eq!(std::mem::size_of::<TimexValue>(), 16);
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
    fn the_dateline_is_the_first_full_date_as_the_whole_window_would_say() {
        // The dateline reader stops at the first day it resolves; it must agree with tagging the whole window.
        let cases = [
            "Markets rally\nMarch 3, 2021\nStocks rose on Monday after the report of Feb. 26, 2021.",
            "In 2019 the mayor promised a bridge.\n14 June 2020 - The bridge opened on Friday.",
            "Weather\nIt rained last week, and on 2 May 2018 the river rose.",
            "No year here: the vote is on 5 May.\nIt was announced on Tuesday.",
        ];
        for text in cases {
            let whole = find_timexes(text, None).into_iter().find_map(|t| {
                t.span.filter(|s| s.precision == DatePrecision::Day).map(|s| (s.start, t.byte_range.range()))
            });
            let found = find_article_date(text).map(|d| (d.date, d.byte_range.unwrap_or_default().range()));
            assert_eq!(found, whole, "{text}");
        }
        assert_eq!(find_article_date(cases[0]).map(|d| d.date), Some(ymd(2021, 3, 3)));
    }

    #[test]
    fn file_name_dates() {
        assert_eq!(date_from_file_name("2017-01-13-syria.txt"), Some(ymd(2017, 1, 13)));
        assert_eq!(date_from_file_name("talks_20170113.md"), Some(ymd(2017, 1, 13)));
        assert_eq!(date_from_file_name("000_efcf3355165a804e.txt"), None);
        assert_eq!(date_from_file_name("2017-13-45.txt"), None);
    }
}
