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
    Some(Word { start: i, end: word_end(text, i) })
}

/// Where the word that starts at byte `start` (a char boundary) ends.
fn word_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = start;
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
    i
}

/// True when `second` follows `first` past a comma alone: the second qualifies the first ("Paris, Texas",
/// "Lincoln, Neb.") or the two are in a list.
pub(super) fn after_a_comma(text: &str, first: &NameMatch, second: &NameMatch) -> bool {
    matches!(&text[first.end..second.start], ", " | ",")
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
    if word.is_ascii() {
        return word.bytes().any(|b| b.is_ascii_alphabetic()) && !word.bytes().any(|b| b.is_ascii_lowercase());
    }
    word.chars().any(char::is_alphabetic) && !word.chars().any(char::is_lowercase)
}

/// Lower-case articles that begin Arabic and Romance place names ("al-Bab", "as-Suwayda", "el-Arish").
fn is_start_particle(word: &str) -> bool {
    matches!(word, "al" | "el" | "ad" | "ar" | "ash" | "az" | "ed" | "ez")
}

/// Lower-case words inside a name ("Isle of Man", "Newcastle upon Tyne", "Rio de Janeiro", "Deir ez-Zor",
/// "Weston-super-Mare", "Barrow-in-Furness", "Ashton-under-Lyne", "Ústí nad Labem", "Bergen op Zoom").
fn is_connector(word: &str) -> bool {
    matches!(
        word,
        "of" | "upon"
            | "on"
            | "super"
            | "in"
            | "under"
            | "cum"
            | "next"
            | "nad"
            | "pod"
            | "aan"
            | "op"
            | "ob"
            | "bei"
            | "sul"
            | "sous"
            | "lès"
            // French elisions: "Côte d'Ivoire", "Val d'Isère".
            | "d"
            | "l"
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
            | "au"
            | "aux"
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

/// True when `word` is the "s" of a possessive inside a name, right after its apostrophe: "Martha's Vineyard",
/// "St. John's", "King's Lynn", "Democratic People's Republic of Korea". (A name goes on past it only where the
/// gazetteer has a longer name; "Britain's economy" stays "Britain".)
fn is_possessive(text: &str, after: usize, word: Word) -> bool {
    matches!(&text[after..word.start], "'" | "\u{2019}") && &text[word.start..word.end] == "s"
}

/// What may stand between two words of one name: spaces, a hyphen, an apostrophe, the full stop of an
/// abbreviation (the word before has at most three letters: "St.", "Ft.", "W.Va."), at most three characters;
/// or a line wrap ([`is_line_wrap`]).
fn joins(separator: &str, word_before: &str) -> bool {
    if is_line_wrap(separator) {
        return true;
    }
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

/// True for the white space of a line broken inside a sentence, as hard-wrapped text has it: one line break
/// and any spaces or tabs around it ("Kuala\n    Lumpur"). A blank line ends a paragraph, not a name.
pub(super) fn is_line_wrap(separator: &str) -> bool {
    separator.bytes().filter(|&b| b == b'\n').count() == 1
        && separator.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
}

/// True when what follows a name in capitals can go on a dateline: a comma, a bracket, a dash, the end of the
/// line or a date. (The place finder's `opens_a_dateline` asks a narrower thing of a run of capitals.)
fn a_dateline_goes_on(after: &str) -> bool {
    let after = after.trim_start_matches([' ', '\t']);
    after.is_empty()
        || after.starts_with([',', '(', '-', '_', '\n', '\r', '\u{2014}', '\u{2013}'])
        || after.starts_with(|c: char| c.is_ascii_digit())
}

/// True when `at` begins a line (only spaces before it on its line), as datelines do.
pub(super) fn at_line_start(text: &str, at: usize) -> bool {
    text[..at].chars().rev().take_while(|&c| c != '\n').all(|c| c == ' ' || c == '\t')
}

/// Every name in `text`, leftmost and longest, not overlapping, in text order.
///
/// Only a word that starts with a capital or is a start particle can begin a name, and most words are
/// neither: the text is read eight bytes at a time ([`possible_starts`]) for the few bytes that may begin
/// such a word, and only those are looked at one by one. The result is the same as reading every word.
pub(super) fn recognise(text: &str, gazetteer: &Gazetteer) -> Vec<NameMatch> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut key = String::with_capacity(64);
    // Words that start before `pos` are inside a name already found.
    let mut pos = 0;
    let mut chunk_start = 0;
    while chunk_start < bytes.len() {
        let chunk_end = (chunk_start + 8).min(bytes.len());
        let chunk = match bytes[chunk_start..chunk_end].try_into() {
            Ok(whole) => u64::from_le_bytes(whole),
            Err(_) => {
                // The last few bytes, padded with spaces.
                let mut padded = [b' '; 8];
                padded[..chunk_end - chunk_start].copy_from_slice(&bytes[chunk_start..chunk_end]);
                u64::from_le_bytes(padded)
            }
        };
        let after_word = chunk_start > 0 && bytes[chunk_start - 1].is_ascii_alphanumeric();
        let mut starts = possible_starts(chunk, after_word);
        while starts != 0 {
            let at = chunk_start + (starts.trailing_zeros() / 8) as usize;
            starts &= starts - 1;
            if at < pos {
                continue;
            }
            let Some(word) = word_that_may_start_a_name(text, at) else { continue };
            pos = word.end;
            if let Some(found) = longest_name_at(text, word, gazetteer, &mut key) {
                pos = found.end;
                out.push(found);
            }
        }
        chunk_start = pos.max(chunk_end);
    }
    out
}

/// One bit (the lane's high bit) in each byte lane of a little-endian 8-byte chunk.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
const LOW_BITS: u64 = 0x0101_0101_0101_0101;

/// The bytes of a chunk of text (little-endian, one byte a lane) that may begin a word that may begin a
/// name, as the high bit of their lane: an ASCII capital, `a` or `e` (start particles) after a byte that is
/// not an ASCII letter or digit, and the first byte of every non-ASCII character. `after_word` says the byte
/// before the chunk is an ASCII letter or digit. Every such word's first byte is marked; marked bytes that do
/// not begin one are sorted out by [`word_that_may_start_a_name`].
fn possible_starts(chunk: u64, after_word: bool) -> u64 {
    let non_ascii = chunk & HIGH_BITS;
    // The ASCII value of every lane: adding at most 0x80 to it cannot carry into the next lane.
    let ascii = chunk & !HIGH_BITS;
    let at_least = |low: u8| (ascii + LOW_BITS * u64::from(0x80 - low)) & HIGH_BITS;
    let above = |high: u8| (ascii + LOW_BITS * u64::from(0x7f - high)) & HIGH_BITS;
    let equal = |byte: u8| !((ascii ^ (LOW_BITS * u64::from(byte))) + LOW_BITS * 0x7f) & HIGH_BITS;
    let capital = at_least(b'A') & !above(b'Z');
    let small = at_least(b'a') & !above(b'z');
    let digit = at_least(b'0') & !above(b'9');
    let not_alphanumeric = !(capital | small | digit) & HIGH_BITS | non_ascii;
    let after_not_alphanumeric = (not_alphanumeric << 8) | if after_word { 0 } else { 0x80 };
    let particle = (equal(b'a') | equal(b'e')) & !non_ascii;
    // A lead byte of UTF-8 has its top two bits set.
    let lead = chunk & (chunk << 1) & HIGH_BITS;
    (((capital & !non_ascii) | particle) & after_not_alphanumeric) | lead
}

/// The word that starts at byte `at` (an ASCII byte or the first byte of a character), if a word starts
/// there and it may begin a name: it starts with a capital, or is a start particle ("al-Bab").
fn word_that_may_start_a_name(text: &str, at: usize) -> Option<Word> {
    let bytes = text.as_bytes();
    let before = at.checked_sub(1).map(|i| bytes[i]);
    let after_word = match before {
        None => false,
        Some(b) if b < 0x80 => b.is_ascii_alphanumeric(),
        Some(_) => text[..at].chars().next_back().is_some_and(char::is_alphanumeric),
    };
    if after_word {
        return None;
    }
    let first = bytes[at];
    let word = |end| Word { start: at, end };
    if first.is_ascii_uppercase() {
        Some(word(word_end(text, at)))
    } else if first.is_ascii_lowercase() {
        let end = word_end(text, at);
        (end - at <= 3 && is_start_particle(&text[at..end])).then(|| word(end))
    } else if first >= 0x80 {
        let c = text[at..].chars().next()?;
        (c.is_alphanumeric() && c.is_uppercase()).then(|| word(word_end(text, at)))
    } else {
        None
    }
}

fn longest_name_at(text: &str, first: Word, gazetteer: &Gazetteer, key: &mut String) -> Option<NameMatch> {
    let first_text = &text[first.start..first.end];
    let particle_start = !starts_upper(first_text);
    key.clear();
    push_lower(first_text, key);
    // Whether every word so far is in capitals, worked out once a key is found (most capitalised words are
    // not the start of any name).
    let mut capitals = None;
    let mut last = first;
    let mut words = 1;
    let mut best = None;
    // The last word is the "s" of a possessive: "St. John's" ends a name only before a comma ("St. John's,
    // Newfoundland"), not in "St. John's Health System" or "Ripley's account".
    let mut ends_possessive = false;
    while let Some(entry) = gazetteer.name_entry(key) {
        let all_capitals = *capitals.get_or_insert_with(|| is_capitals(first_text));
        if entry.is_name()
            && !(particle_start && words < 2)
            && (!ends_possessive || text[last.end..].starts_with(','))
            && let Some(end) = accepted_end(text, first.start, last.end, entry, all_capitals)
        {
            best = Some(NameMatch { start: first.start, end, entry, words: words as u8, capitals: all_capitals });
        }
        if !entry.continues() || words >= MAX_NAME_WORDS {
            break;
        }
        let Some(next) = next_word(text, last.end) else { break };
        if !joins(&text[last.end..next.start], &text[last.start..last.end]) {
            break;
        }
        let next_text = &text[next.start..next.end];
        ends_possessive = is_possessive(text, last.end, next);
        if !starts_upper(next_text) && !is_connector(next_text) && !ends_possessive {
            break;
        }
        capitals = Some(all_capitals && is_capitals(next_text));
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
    if capitals && !entry.has_capitals_spelling() {
        // A name in capitals is a dateline or a headline; short ones are mostly acronyms ("ADA", "IRA"), unless
        // they open a dateline ("ROME (AP)", "ROME, Italy", "ROME 1996-08-30"; not "LIN Broadcasting").
        let letters = text[start..end].chars().filter(|c| c.is_alphabetic()).count();
        if letters < 5 && !(at_line_start(text, start) && a_dateline_goes_on(&text[end..])) {
            return None;
        }
    }
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The recogniser as it was before the chunked scan: every word read in turn.
    fn recognise_word_by_word(text: &str, gazetteer: &Gazetteer) -> Vec<NameMatch> {
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

    #[test]
    fn the_chunked_scan_finds_what_reading_every_word_finds() {
        let gaz = Gazetteer::bundled();
        let sentences = [
            "Rebels took al-Bab and el-Arish; shelling hit ar-Raqqa and Deir ez-Zor overnight.",
            "Flights from Dallas-Fort Worth to St .Petersburg and W.Va. were cut.",
            "«Zürich» — Ağrı, ÖREBRO and Évora; São Paulo, Île-de-France, Łódź.",
            "MOSCOW (AP) — Talks in Geneva, Ill., and Paris, Texas, ended. NEW YORK, N.Y.",
            "The ad said ash and az were ed-ez words, al fine, el else; ALeppo, aLeppo, éAleppo, 9Aleppo.",
            "Aleppo\nAleppo\tAleppo\u{a0}Aleppo\u{2019}Aleppo_Aleppo",
            "a e al el A E Al El ad ar ash az ed ez",
            "",
        ];
        let mut rng = fastrand::Rng::with_seed(7);
        let pieces = [
            "Al", "al", "el", "-", " ", ".", ",", "Bab", "Paris", "é", "É", "Ağrı", "\u{a0}", "\n", "ad", "e", "a",
            "York", "New", "St", "ez", "Zor", "Deir", "x", "9", "\u{2014}", "MOSCOW", "Texas", "Ill", "'", "’",
        ];
        let mut texts: Vec<String> = sentences.iter().map(|s| s.to_string()).collect();
        for _ in 0..3000 {
            let n = rng.usize(1..40);
            texts.push((0..n).map(|_| pieces[rng.usize(..pieces.len())]).collect());
        }
        for text in &texts {
            // Every starting offset, so that words fall at every position in a chunk.
            for skip in 0..text.len().min(9) {
                if !text.is_char_boundary(skip) {
                    continue;
                }
                let text = &text[skip..];
                assert_eq!(recognise(text, gaz), recognise_word_by_word(text, gaz), "{text:?}");
            }
        }
    }

    #[test]
    fn possible_starts_marks_capitals_particles_and_non_ascii() {
        // (chunk, byte before it is a letter or digit, lanes marked)
        let cases: [(&[u8; 8], bool, &[usize]); 6] = [
            (b"in Paris", false, &[3]),
            (b"xParis y", false, &[]),
            (b"Paris al", true, &[6]),
            (b"Paris al", false, &[0, 6]),
            (b"ae Ae_aE", false, &[0, 3, 6]),
            (&[0xc3, 0xa9, b'A', b' ', b'e', 0xe2, 0x80, 0x94], false, &[0, 2, 4, 5]),
        ];
        for (chunk, after_word, lanes) in cases {
            let marked = possible_starts(u64::from_le_bytes(*chunk), after_word);
            let found: Vec<usize> = (0..8).filter(|lane| marked & (0x80 << (8 * lane)) != 0).collect();
            assert_eq!(found, lanes, "{:?}", String::from_utf8_lossy(chunk));
        }
    }

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
