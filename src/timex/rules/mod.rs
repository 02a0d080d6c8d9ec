//! The rules that recognise date expressions, as methods of [`Tagger`]. This file holds the tagger, its
//! look-ups over the tokens and the loop that tries the rules; each family of rules has a file of its own:
//! `words` (expressions that open with a word of their own), `the`, `calendar` (weekdays, months, seasons,
//! holidays, quarters), `quantities` (counts of time units) and `numbers` (numeric dates, decades, clock times).
//!
//! Recognition works on [`super::tokens`], with a lower-cased copy of the text beside the original so that
//! byte offsets agree. A word that is not in [`lexicon::STARTERS`] is passed over without trying a rule. At
//! each token the rules are tried in a fixed order; each one takes the longest expression it can, and the
//! tagger moves past it. What a rule finds is a [`Sem`]: a meaning not yet placed on the calendar, which
//! [`super::resolve`] turns into a TIMEX3 value against the article date, the sentence's tense and the last
//! date mentioned.

use std::cell::Cell;
use std::sync::OnceLock;

use rustc_hash::FxHashSet;

use super::lexicon;
use super::sem::Sem;
use super::tokens::{Class, Tok, tokenize};

mod calendar;
mod numbers;
mod quantities;
mod the;
mod words;

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Hit {
    /// One past the last token.
    pub end: usize,
    pub sem: Sem,
}

fn hit(end: usize, sem: Sem) -> Option<Hit> {
    Some(Hit { end, sem })
}

type WordSet = FxHashSet<&'static str>;

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
        let words: WordSet = lexicon::STARTERS.iter().copied().collect();
        let mut last_letters = [[0; 27]; MAX_STARTER_LEN + 1];
        for (len, first, last) in words.iter().filter_map(|word| Starters::slot(word)) {
            last_letters[len][first] |= last;
        }
        Starters { words, last_letters }
    })
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
}

#[cfg(test)]
mod tests {
    use super::*;

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
