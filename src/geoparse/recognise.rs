//! Recognition: gazetteer names in text, found a word at a time, longest first, under case rules.
//!
//! The text is read once, word by word. Lower-case words are skipped without a look-up (place names start
//! with a capital, except after an Arabic or Romance article: "al-Bab", "de"); at a capitalised word the
//! recogniser grows a key word by word ([`crate::gazetteer::name_key`]) while the gazetteer says a longer
//! name goes on from it, and keeps the longest key that is a name. Words join across spaces, hyphens,
//! apostrophes and the full stop of an abbreviation ("St. Petersburg", "St .Petersburg", "W.Va."), never
//! across commas or sentence ends.

use std::ops::Range;

use crate::gazetteer::{Gazetteer, MAX_NAME_WORDS, NameEntry, push_lower};

/// A recognised name before filtering and resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct NameMatch {
    pub start: usize,
    pub end: usize,
    pub entry: NameEntry,
    /// Number of words in the name.
    pub words: u8,
    /// Written entirely in capitals ("MOSCOW").
    pub capitals: bool,
}

impl NameMatch {
    pub fn byte_range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// A word: a run of letters and digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Word {
    pub start: usize,
    pub end: usize,
}

/// The first word at or after byte `from` (a char boundary).
pub(super) fn next_word(text: &str, from: usize) -> Option<Word> {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            break;
        }
        if b >= 0x80 {
            let c = text[i..].chars().next()?;
            if c.is_alphanumeric() {
                break;
            }
            i += c.len_utf8();
        } else {
            i += 1;
        }
    }
    if i >= bytes.len() {
        return None;
    }
    let start = i;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            i += 1;
        } else if b >= 0x80 {
            match text[i..].chars().next() {
                Some(c) if c.is_alphanumeric() => i += c.len_utf8(),
                _ => break,
            }
        } else {
            break;
        }
    }
    Some(Word { start, end: i })
}

/// The last word that ends at or before byte `before`.
pub(super) fn previous_word(text: &str, before: usize) -> Option<Word> {
    let head = &text[..before];
    let end = head.char_indices().rev().find(|(_, c)| c.is_alphanumeric()).map(|(i, c)| i + c.len_utf8())?;
    let start =
        head[..end].char_indices().rev().find(|(_, c)| !c.is_alphanumeric()).map_or(0, |(i, c)| i + c.len_utf8());
    Some(Word { start, end })
}

pub(super) fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// All letters are capitals (digits allowed), and there is at least one letter.
pub(super) fn is_capitals(word: &str) -> bool {
    word.chars().any(char::is_alphabetic) && !word.chars().any(char::is_lowercase)
}

/// Lower-case articles that begin Arabic and Romance place names ("al-Bab", "as-Suwayda", "el-Arish").
fn is_start_particle(word: &str) -> bool {
    matches!(word, "al" | "el" | "ad" | "ar" | "ash" | "az" | "ed" | "ez")
}

/// Lower-case words inside a name ("Isle of Man", "Newcastle upon Tyne", "Rio de Janeiro", "Deir ez-Zor").
fn is_connector(word: &str) -> bool {
    matches!(
        word,
        "of" | "upon"
            | "on"
            | "the"
            | "and"
            | "de"
            | "del"
            | "la"
            | "le"
            | "les"
            | "los"
            | "las"
            | "di"
            | "da"
            | "do"
            | "dos"
            | "das"
            | "du"
            | "des"
            | "y"
            | "sur"
            | "am"
            | "im"
            | "an"
            | "der"
            | "al"
            | "el"
            | "ad"
            | "ar"
            | "as"
            | "ash"
            | "at"
            | "az"
            | "ed"
            | "es"
            | "ez"
            | "en"
            | "bin"
            | "ibn"
    )
}

/// What may stand between two words of one name: spaces, a hyphen, an apostrophe, the full stop of an
/// abbreviation (the word before has at most three letters: "St.", "Ft.", "W.Va."), at most three characters.
fn joins(separator: &str, word_before: &str) -> bool {
    let mut count = 0;
    for c in separator.chars() {
        count += 1;
        let allowed = match c {
            ' ' | '\u{a0}' | '-' | '\'' | '\u{2019}' | '\u{2018}' | '`' => true,
            '.' => word_before.chars().count() <= 3,
            _ => false,
        };
        if !allowed || count > 3 {
            return false;
        }
    }
    count > 0
}

/// True when `at` begins a line (only spaces before it on its line), as datelines do.
pub(super) fn at_line_start(text: &str, at: usize) -> bool {
    text[..at].chars().rev().take_while(|&c| c != '\n').all(|c| c == ' ' || c == '\t')
}

/// Every name in `text`, leftmost and longest, not overlapping, in text order.
pub(super) fn recognise(text: &str, gazetteer: &Gazetteer) -> Vec<NameMatch> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut key = String::with_capacity(64);
    let mut pos = 0;
    while let Some(word) = next_word(text, pos) {
        pos = word.end;
        let first = bytes[word.start];
        let may_start = if first.is_ascii_uppercase() {
            true
        } else if first.is_ascii_lowercase() {
            word.end - word.start <= 3 && is_start_particle(&text[word.start..word.end])
        } else if first >= 0x80 {
            starts_upper(&text[word.start..word.end])
        } else {
            false
        };
        if !may_start {
            continue;
        }
        if let Some(found) = longest_name_at(text, word, gazetteer, &mut key) {
            pos = found.end;
            out.push(found);
        }
    }
    out
}

fn longest_name_at(text: &str, first: Word, gazetteer: &Gazetteer, key: &mut String) -> Option<NameMatch> {
    let first_text = &text[first.start..first.end];
    let particle_start = !starts_upper(first_text);
    key.clear();
    push_lower(first_text, key);
    let mut capitals = is_capitals(first_text);
    let mut last = first;
    let mut words = 1;
    let mut best = None;
    while let Some(entry) = gazetteer.name_entry(key) {
        if entry.is_name()
            && !(particle_start && words < 2)
            && let Some(end) = accepted_end(text, first.start, last.end, entry, capitals)
        {
            best = Some(NameMatch { start: first.start, end, entry, words: words as u8, capitals });
        }
        if !entry.continues() || words >= MAX_NAME_WORDS {
            break;
        }
        let Some(next) = next_word(text, last.end) else { break };
        if !joins(&text[last.end..next.start], &text[last.start..last.end]) {
            break;
        }
        let next_text = &text[next.start..next.end];
        if !starts_upper(next_text) && !is_connector(next_text) {
            break;
        }
        capitals &= is_capitals(next_text);
        key.push(' ');
        push_lower(next_text, key);
        last = next;
        words += 1;
    }
    best
}

/// Where a name that ends its last word at `end` ends, if its spelling rules allow it here.
fn accepted_end(text: &str, start: usize, end: usize, entry: NameEntry, capitals: bool) -> Option<usize> {
    let mut end = end;
    if entry.needs_dot() {
        if !text[end..].starts_with('.') {
            return None;
        }
        end += 1;
    }
    if entry.capitals_only() && !capitals {
        return None;
    }
    if capitals && !entry.capitals_only() {
        // A name in capitals is a dateline or a headline; short ones are mostly acronyms ("ADA", "IRA").
        let letters = text[start..end].chars().filter(|c| c.is_alphabetic()).count();
        if letters < 5 && !at_line_start(text, start) {
            return None;
        }
    }
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_separators() {
        let text = "St .Petersburg, al-Bab";
        let w1 = next_word(text, 0).unwrap();
        assert_eq!(&text[w1.start..w1.end], "St");
        let w2 = next_word(text, w1.end).unwrap();
        assert_eq!(&text[w2.start..w2.end], "Petersburg");
        assert!(joins(&text[w1.end..w2.start], "St"));
        assert!(!joins(", ", "Petersburg"));
        assert!(!joins(". ", "Kansas"), "a sentence end is not inside a name");
        assert!(joins(".", "W"));
        let before = previous_word(text, w2.start).unwrap();
        assert_eq!(&text[before.start..before.end], "St");
        assert_eq!(previous_word("  ", 2), None);
    }

    #[test]
    fn non_ascii_words() {
        let text = "«Zürich» — Ağrı";
        let w = next_word(text, 0).unwrap();
        assert_eq!(&text[w.start..w.end], "Zürich");
        let w = next_word(text, w.end).unwrap();
        assert_eq!(&text[w.start..w.end], "Ağrı");
        assert!(starts_upper("Ağrı") && !is_capitals("Ağrı") && is_capitals("AĞRI"));
    }

    #[test]
    fn line_starts() {
        assert!(at_line_start("MOSCOW (AP)", 0));
        assert!(at_line_start("Title\n  DOHA, Qatar", 8));
        assert!(!at_line_start("in DOHA", 3));
    }
}
