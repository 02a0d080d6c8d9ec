//! Publication dates given as metadata strings: HTML meta tags, JSON-LD, JSON and CSV fields, front matter.

use chrono::{DateTime, NaiveDate, NaiveDateTime};

use super::{DatePrecision, find_timexes};

/// Formats with a date and a time but no zone, tried in order.
const LOCAL_DATE_TIMES: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
];

/// Formats of a date alone, tried in order on the first ten characters.
const DATES: &[&str] = &["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d"];

/// The calendar date of a metadata value, as written where it was published (a zone offset is not
/// applied: "2017-01-13T23:30:00-05:00" is the 13th, as the newspaper's readers saw it).
///
/// Reads ISO 8601 and RFC 3339 with or without time and zone ("2017-01-13", "2017-01-13T16:52:00Z",
/// "2017-01-13 16:52", "20170113"), RFC 2822 ("Fri, 13 Jan 2017 16:52:00 +0000"), dates in words
/// ("Jan 13, 2017", "13 January 2017", "Friday, January 13, 2017 4:52 PM"), numeric dates ("1/13/2017",
/// "13/01/2017"), and Unix times in seconds or milliseconds ("1484326320").
pub fn parse_date_value(value: &str) -> Option<NaiveDate> {
    let value = value.trim().trim_matches('"').trim();
    if value.is_empty() || value.len() > 200 {
        return None;
    }
    if value.bytes().all(|b| b.is_ascii_digit()) {
        return match value.len() {
            8 => NaiveDate::parse_from_str(value, "%Y%m%d").ok(),
            9 | 10 => DateTime::from_timestamp(value.parse().ok()?, 0).map(|t| t.date_naive()),
            12 | 13 => DateTime::from_timestamp_millis(value.parse().ok()?).map(|t| t.date_naive()),
            _ => None,
        };
    }
    if let Ok(time) = DateTime::parse_from_rfc3339(value) {
        return Some(time.date_naive());
    }
    if let Ok(time) = DateTime::parse_from_rfc2822(value) {
        return Some(time.date_naive());
    }
    if let Some(time) = LOCAL_DATE_TIMES.iter().find_map(|f| NaiveDateTime::parse_from_str(value, f).ok()) {
        return Some(time.date());
    }
    if let Some(head) = value.get(..10)
        && let Some(date) = DATES.iter().find_map(|f| NaiveDate::parse_from_str(head, f).ok())
    {
        return Some(date);
    }
    find_timexes(value, None)
        .into_iter()
        .find_map(|t| t.span.filter(|s| s.precision == DatePrecision::Day).map(|s| s.start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_values() {
        let day = NaiveDate::from_ymd_opt(2017, 1, 13);
        let cases: &[(&str, Option<NaiveDate>)] = &[
            ("2017-01-13", day),
            ("2017-01-13T16:52:00Z", day),
            ("2017-01-13T16:52:00.123+01:00", day),
            ("2017-01-13T23:30:00-05:00", day),
            ("2017-01-13T16:52:00+0100", day),
            ("2017-01-13 16:52:00", day),
            ("2017-01-13T16:52", day),
            ("2017/01/13", day),
            ("20170113", day),
            ("Fri, 13 Jan 2017 16:52:00 +0000", day),
            ("Fri, 13 Jan 2017 16:52:00 GMT", day),
            ("Jan 13, 2017", day),
            ("Jan. 13, 2017", day),
            ("January 13, 2017", day),
            ("13 January 2017", day),
            ("13 January, 2017", day),
            ("Friday, January 13, 2017 4:52 PM", day),
            ("1/13/2017", day),
            ("13/01/2017", day),
            ("1484326320", day),
            ("1484326320000", day),
            (" \"2017-01-13\" ", day),
            ("2017", None),
            ("January 2017", None),
            ("yesterday", None),
            ("", None),
            ("not a date", None),
            ("2017-13-45", None),
        ];
        for (value, expected) in cases {
            assert_eq!(parse_date_value(value), *expected, "{value}");
        }
    }
}
