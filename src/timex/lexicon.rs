//! Word tables of the tagger: month and weekday names, number words, time units, seasons, holidays, the
//! words an expression can start with, and the words around a number or a month name that decide what it is.
//!
//! Every lookup takes a lower-case word: the tagger keeps a lower-cased copy of the text beside the original,
//! so byte offsets agree and no word is lower-cased twice.

/// `january`..`december` and their common abbreviations.
pub fn month(word: &str) -> Option<u32> {
    Some(match word {
        "january" | "jan" => 1,
        "february" | "feb" | "febr" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sept" | "sep" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

/// Monday is 0, as in chrono's `num_days_from_monday`.
pub fn weekday(word: &str) -> Option<u32> {
    Some(match word {
        "monday" | "mon" => 0,
        "tuesday" | "tue" | "tues" => 1,
        "wednesday" | "wed" => 2,
        "thursday" | "thu" | "thur" | "thurs" => 3,
        "friday" | "fri" => 4,
        "saturday" | "sat" => 5,
        "sunday" | "sun" => 6,
        _ => return None,
    })
}

/// Cardinal number words up to ninety-nine, and the words that count without a number.
pub fn cardinal(word: &str) -> Option<u32> {
    Some(match word {
        "one" | "a" | "an" | "single" => 1,
        "two" | "couple" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" | "dozen" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        "hundred" => 100,
        _ => return None,
    })
}

/// Words that stand for an unknown count: "several years", "a few days", "many months".
pub fn vague_count(word: &str) -> bool {
    matches!(word, "several" | "few" | "many" | "some" | "numerous" | "multiple" | "countless")
}

/// Ordinal words and their number: "first" .. "thirty-first" is written as two tokens, so only the units.
pub fn ordinal(word: &str) -> Option<u32> {
    Some(match word {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "twenty-first" => 21,
        _ => return None,
    })
}

/// A unit of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Weekend,
    Week,
    Fortnight,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Unit {
    /// The TIMEX3 duration letter, and whether it goes after the `T` of a duration.
    pub fn duration_letter(self) -> (&'static str, bool) {
        match self {
            Unit::Second => ("S", true),
            Unit::Minute => ("M", true),
            Unit::Hour => ("H", true),
            Unit::Day => ("D", false),
            Unit::Weekend => ("WE", false),
            Unit::Week | Unit::Fortnight => ("W", false),
            Unit::Month => ("M", false),
            Unit::Quarter => ("Q", false),
            Unit::Year => ("Y", false),
            Unit::Decade => ("DE", false),
            Unit::Century => ("CE", false),
        }
    }
}

/// A unit word, singular or plural, and whether it was plural.
pub fn unit(word: &str) -> Option<(Unit, bool)> {
    Some(match word {
        "second" => (Unit::Second, false),
        "seconds" | "secs" => (Unit::Second, true),
        "minute" | "min" => (Unit::Minute, false),
        "minutes" | "mins" => (Unit::Minute, true),
        "hour" | "hr" => (Unit::Hour, false),
        "hours" | "hrs" => (Unit::Hour, true),
        "day" => (Unit::Day, false),
        "days" => (Unit::Day, true),
        "weekend" => (Unit::Weekend, false),
        "weekends" => (Unit::Weekend, true),
        "week" => (Unit::Week, false),
        "weeks" => (Unit::Week, true),
        "fortnight" => (Unit::Fortnight, false),
        "fortnights" => (Unit::Fortnight, true),
        "month" => (Unit::Month, false),
        "months" => (Unit::Month, true),
        "quarter" => (Unit::Quarter, false),
        "quarters" => (Unit::Quarter, true),
        "year" => (Unit::Year, false),
        "years" => (Unit::Year, true),
        "decade" => (Unit::Decade, false),
        "decades" => (Unit::Decade, true),
        "century" => (Unit::Century, false),
        "centuries" => (Unit::Century, true),
        _ => return None,
    })
}

/// "the nineties": the first three digits of the decade's years, in the twentieth century.
pub fn decade_word(word: &str) -> Option<i32> {
    Some(match word {
        "twenties" => 192,
        "thirties" => 193,
        "forties" => 194,
        "fifties" => 195,
        "sixties" => 196,
        "seventies" => 197,
        "eighties" => 198,
        "nineties" => 199,
        _ => return None,
    })
}

/// Seasons as TIMEX3 writes them.
pub fn season(word: &str) -> Option<&'static str> {
    Some(match word {
        "spring" => "SP",
        "summer" => "SU",
        "fall" | "autumn" => "FA",
        "winter" => "WI",
        _ => return None,
    })
}

/// Parts of a day as TIMEX3 writes them.
pub fn day_part(word: &str) -> Option<&'static str> {
    Some(match word {
        "morning" => "MO",
        "afternoon" => "AF",
        "evening" => "EV",
        "night" | "overnight" => "NI",
        _ => return None,
    })
}

/// Adverbs and adjectives that stand for the present, the past or the future as a whole.
pub fn reference_word(word: &str) -> Option<&'static str> {
    Some(match word {
        // "previously", "formerly" and "soon" are left out: in news they mostly order events rather than
        // place them, and annotators in the TimeML tradition seldom mark them.
        "now" | "currently" | "nowadays" | "current" => "PRESENT_REF",
        "recently" | "recent" | "lately" => "PAST_REF",
        _ => return None,
    })
}

/// Words that make the rest a set: "every day", "each year", "per week".
pub fn set_quantifier(word: &str) -> bool {
    matches!(word, "every" | "each" | "per")
}

/// "daily", "weekly" ...: a set of one unit.
pub fn frequency_adverb(word: &str) -> Option<&'static str> {
    Some(match word {
        "hourly" => "PT1H",
        "daily" | "nightly" => "P1D",
        "weekly" => "P1W",
        "monthly" => "P1M",
        "yearly" => "P1Y",
        _ => return None,
    })
}

/// Words before a quantity that stay part of the expression: "nearly two years", "more than a decade".
pub fn approximator(word: &str) -> bool {
    matches!(
        word,
        "nearly" | "almost" | "about" | "around" | "roughly" | "approximately" | "some" | "over" | "just" | "only"
    )
}

/// Zone names after a clock time; the ones meaning UTC give a `Z`.
pub fn time_zone(word: &str) -> Option<bool> {
    Some(match word {
        "utc" | "gmt" | "z" => true,
        "est" | "edt" | "et" | "cst" | "cdt" | "ct" | "mst" | "mdt" | "pst" | "pdt" | "pt" | "bst" | "cet" | "cest"
        | "ist" | "jst" | "aest" => false,
        _ => return None,
    })
}

/// Every lower-case word that can start an expression; the tagger tries no rule at any other word, so the
/// first word of a new rule belongs here too. Some words are listed twice; the tagger keeps them as a set.
#[rustfmt::skip] // A theme a line: rustfmt would give each of these 200 words a line of its own.
pub const STARTERS: &[&str] = &[
    // Words that open a rule of their own: deictics, edges, relative days, holidays, comparisons, sets.
    "the", "this", "last", "next", "past", "coming", "previous", "recent", "current", "early", "late", "mid", "middle",
    "earlier", "later", "today", "yesterday", "tomorrow", "tonight", "future", "fiscal", "year", "christmas",
    "thanksgiving", "new", "easter", "halloween", "valentine", "independence", "labor", "memorial", "boxing", "noon",
    "midnight", "that", "these", "more", "less", "fewer", "at", "up", "no", "in", "few", "every", "each", "per", "once",
    // Months and weekdays, with their abbreviations.
    "january", "jan", "february", "feb", "febr", "march", "mar", "april", "apr", "may", "june", "jun", "july", "jul",
    "august", "aug", "september", "sept", "sep", "october", "oct", "november", "nov", "december", "dec", "monday",
    "mon", "tuesday", "tue", "tues", "wednesday", "wed", "thursday", "thu", "thur", "thurs", "friday", "fri",
    "saturday", "sat", "sunday", "sun",
    // Counts: number words, vague counts and ordinals.
    "one", "a", "an", "single", "two", "couple", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "dozen", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "several", "many", "some",
    "numerous", "multiple", "countless", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
    "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
    "eighteenth", "nineteenth", "twentieth",
    // Seasons.
    "spring", "summer", "fall", "autumn", "winter",
    // The present and the past as a whole (`reference_word`); a few pass here that no rule takes.
    "now", "currently", "presently", "nowadays", "recently", "lately", "previously", "formerly", "soon",
    // Frequencies (`frequency_adverb`); a few pass here that no rule takes.
    "hourly", "daily", "nightly", "weekly", "monthly", "quarterly", "annual", "annually", "yearly",
    // Approximators before a quantity.
    "nearly", "almost", "about", "around", "roughly", "approximately", "over", "just", "only",
    // Plural units alone: "for years", "weeks of talks".
    "seconds", "minutes", "hours", "days", "weeks", "months", "years", "decades", "centuries", "weekends",
];

/// Words that, before a bare "May" or "March", make it the month and not the verb or the noun.
#[rustfmt::skip] // As STARTERS.
pub const MONTH_CONTEXT: &[&str] = &[
    "in", "since", "by", "until", "till", "of", "last", "this", "next", "early", "late", "mid", "during", "from", "to",
    "through", "before", "after", "and", "or", "between", "end", "beginning", "start", "middle", "on", "as",
];

/// Words after a four-digit number that make it a count, not a year.
#[rustfmt::skip] // As STARTERS.
pub const COUNT_NOUNS: &[&str] = &[
    "people", "persons", "men", "women", "children", "troops", "soldiers", "workers", "employees", "jobs", "members",
    "residents", "students", "units", "cars", "homes", "houses", "shares", "tons", "tonnes", "barrels", "miles", "km",
    "kilometres", "kilometers", "feet", "ft", "meters", "metres", "m", "dollars", "euros", "pounds", "yen", "points",
    "votes", "seats", "cases", "deaths", "acres", "hectares", "kg", "lbs", "calories", "rpm", "hp", "mph", "to",
    "percent", "pct", "others", "more", "new", "staff", "patients", "refugees", "pages",
];
