//! The passage around a mention: its sentence, bounded by the paragraph it sits in.

use std::ops::Range;

/// Short words that end with a full stop without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Dr", "Gen", "Gov", "Jan", "Feb", "Aug", "Sept", "Oct", "Nov", "Dec", "Mr", "Mrs", "Ms", "No", "Prof", "Rep",
    "Sen", "St", "vs",
];

/// How much of a sentence a passage shows on each side of its mention. A sentence is rarely longer than a few
/// hundred bytes; a text without full stops is one sentence, and each of its mentions would otherwise carry all
/// of it (a 400 KB such text exported 4.9 GB of CSV, issue 18).
pub const MAX_PASSAGE_SIDE_BYTES: usize = 400;

/// The passage shown for a mention: its `sentence`, cut to [`MAX_PASSAGE_SIDE_BYTES`] on each side of
/// `mention` at a space when the sentence is longer. Always holds the mention.
pub fn bounded_passage(text: &str, sentence: &Range<usize>, mention: &Range<usize>) -> Range<usize> {
    let (mut start, mut end) = (sentence.start, sentence.end);
    if mention.start.saturating_sub(start) > MAX_PASSAGE_SIDE_BYTES && mention.start <= text.len() {
        start = mention.start - MAX_PASSAGE_SIDE_BYTES;
        while !text.is_char_boundary(start) {
            start += 1;
        }
        // Start at a word: after the first space in the window, if there is one.
        if let Some(space) = text[start..mention.start].find(char::is_whitespace) {
            start += space;
        }
        start += text[start..mention.start].len() - text[start..mention.start].trim_start().len();
    }
    if end.saturating_sub(mention.end) > MAX_PASSAGE_SIDE_BYTES && mention.end <= text.len() {
        end = mention.end + MAX_PASSAGE_SIDE_BYTES;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        if let Some(space) = text[mention.end..end].rfind(char::is_whitespace) {
            end = mention.end + space;
        }
        end = mention.end + text[mention.end..end].trim_end().len();
    }
    start..end
}

/// The byte range of the sentence containing `byte_pos`, trimmed of surrounding white space.
pub fn passage_range(text: &str, byte_pos: usize) -> Range<usize> {
    let pos = (0..=byte_pos.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    // Line ends and sentence marks are ASCII, so the scan goes by bytes: a byte below 0x80 is a whole char.
    let bytes = text.as_bytes();
    let is_mark = |b: u8| matches!(b, b'.' | b'!' | b'?');
    let start = (0..pos)
        .rev()
        .find(|&i| bytes[i] == b'\n' || (is_mark(bytes[i]) && ends_sentence(text, i)))
        .map_or(0, |i| i + 1);
    let end = (pos..text.len())
        .find(|&i| bytes[i] == b'\n' || (is_mark(bytes[i]) && ends_sentence(text, i)))
        .map_or(text.len(), |i| if bytes[i] == b'\n' { i } else { i + 1 });
    let (start, end) = (start.min(end), end);
    let slice = &text[start..end];
    let trimmed_start = start + (slice.len() - slice.trim_start().len());
    let trimmed_end = end - (slice.len() - slice.trim_end().len());
    trimmed_start..trimmed_end.max(trimmed_start)
}

/// Whether a text marks paragraphs with blank lines; when it does not, each line is a paragraph.
pub fn has_blank_lines(text: &str) -> bool {
    text.split('\n').skip(1).any(|line| line.trim().is_empty())
}

/// The byte range of the paragraph containing `byte_pos`: the lines around it up to a blank line, or only
/// its own line when `blank_lines` is false (see [`has_blank_lines`]).
pub fn paragraph_range(text: &str, byte_pos: usize, blank_lines: bool) -> Range<usize> {
    let pos = (0..=byte_pos.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    let line_start = |at: usize| text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = |at: usize| text[at..].find('\n').map_or(text.len(), |i| at + i);
    let (mut start, mut end) = (line_start(pos), line_end(pos));
    if blank_lines {
        while start > 0 {
            let previous = line_start(start - 1);
            if text[previous..start - 1].trim().is_empty() {
                break;
            }
            start = previous;
        }
        while end < text.len() {
            let next = line_end(end + 1);
            if text[end + 1..next].trim().is_empty() {
                break;
            }
            end = next;
        }
    }
    start..end
}

/// True when the character at byte `i` is a full stop, question or exclamation mark that ends a sentence:
/// followed by a space and a capital or quote, and not closing an abbreviation or an initial ("U.S.").
fn ends_sentence(text: &str, i: usize) -> bool {
    let Some(c) = text[i..].chars().next() else {
        return false;
    };
    if !matches!(c, '.' | '!' | '?') {
        return false;
    }
    let after = &text[i + c.len_utf8()..];
    let after = after.trim_start_matches(['"', '\'', '”', '’', ')']);
    let mut rest = after.chars();
    if !rest.next().is_some_and(char::is_whitespace) {
        return false;
    }
    let next_word = after.trim_start();
    if !next_word.starts_with(|n: char| n.is_uppercase() || n.is_numeric() || matches!(n, '"' | '“' | '‘' | '\'')) {
        return false;
    }
    if c != '.' {
        return true;
    }
    let word_before = text[..i].rsplit(|ch: char| ch.is_whitespace() || ch == '(').next().unwrap_or("");
    let last_part = word_before.rsplit('.').next().unwrap_or("");
    let is_initial = last_part.chars().count() == 1 && last_part.chars().all(char::is_uppercase);
    !is_initial && !ABBREVIATIONS.contains(&last_part)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passage_of(text: &str, word: &str) -> String {
        let pos = text.find(word).unwrap();
        text[passage_range(text, pos)].to_owned()
    }

    #[test]
    fn sentences_and_paragraphs() {
        let text = "First line about Doha\n\nLavrov met Kerry. He met U.S. Secretary Kerry in Kuala Lumpur on Wednesday. Then he left!";
        assert_eq!(passage_of(text, "Doha"), "First line about Doha");
        assert_eq!(passage_of(text, "Kuala"), "He met U.S. Secretary Kerry in Kuala Lumpur on Wednesday.");
        assert_eq!(passage_of(text, "Lavrov"), "Lavrov met Kerry.");
        assert_eq!(passage_of(text, "left"), "Then he left!");
    }

    #[test]
    fn paragraphs_end_at_blank_lines_or_lines() {
        let text = "Title\n\nFirst line.\nSecond line.\n\nLast.";
        assert!(has_blank_lines(text));
        let pos = text.find("Second").unwrap();
        assert_eq!(&text[paragraph_range(text, pos, true)], "First line.\nSecond line.");
        assert_eq!(&text[paragraph_range(text, pos, false)], "Second line.");
        assert_eq!(&text[paragraph_range(text, 0, true)], "Title");
        assert!(!has_blank_lines("One.\nTwo."));
        for pos in 0..=text.len() + 1 {
            let range = paragraph_range(text, pos, true);
            assert!(range.start <= range.end && range.end <= text.len());
        }
    }

    #[test]
    fn abbreviations_do_not_split() {
        let text = "Talks in St. Petersburg went on. Next.";
        assert_eq!(passage_of(text, "Petersburg"), "Talks in St. Petersburg went on.");
    }

    /// The sentence scan as first written, a char at a time: the byte scan must agree with it.
    fn passage_by_chars(text: &str, byte_pos: usize) -> Range<usize> {
        let pos = (0..=byte_pos.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        let mut start = 0;
        for (i, c) in text[..pos].char_indices().rev() {
            if c == '\n' || ends_sentence(text, i) {
                start = i + c.len_utf8();
                break;
            }
        }
        let mut end = text.len();
        for (i, c) in text[pos..].char_indices() {
            if c == '\n' {
                end = pos + i;
                break;
            }
            if ends_sentence(text, pos + i) {
                end = pos + i + c.len_utf8();
                break;
            }
        }
        let (start, end) = (start.min(end), end);
        let slice = &text[start..end];
        let trimmed_start = start + (slice.len() - slice.trim_start().len());
        let trimmed_end = end - (slice.len() - slice.trim_end().len());
        trimmed_start..trimmed_end.max(trimmed_start)
    }

    #[test]
    fn byte_scan_agrees_with_the_char_scan() {
        let texts = [
            "Talks in Zürich ended. Délégués left for Genève! Did they? «Yes.» Then — nothing.",
            "Dr. Ahmed met Gen. Lee in St. Louis.\nNext line… ends here. Über alles.",
            "No marks at all",
            "Ends with a mark.",
            "Ağrı. İzmir? Şanlıurfa!\n\nŁódź.",
        ];
        for text in texts {
            for pos in 0..=text.len() + 1 {
                assert_eq!(passage_range(text, pos), passage_by_chars(text, pos), "{text:?} at {pos}");
            }
        }
    }

    #[test]
    fn long_sentences_are_cut_round_the_mention_at_spaces() {
        let short = "Delegates met in Rabat.";
        let sentence = 0..short.len();
        let at = short.find("Rabat").unwrap();
        assert_eq!(bounded_passage(short, &sentence, &(at..at + 5)), sentence);
        // Regression (issue 18): a text without full stops is one sentence, and each mention carried all of it.
        let text = format!("{}Rabat{}", "délégués met in ".repeat(100), " and talks went on".repeat(100));
        let at = text.find("Rabat").unwrap();
        let passage = bounded_passage(&text, &(0..text.len()), &(at..at + 5));
        assert!(passage.start <= at && at + 5 <= passage.end, "{passage:?}");
        assert!(passage.len() <= 2 * MAX_PASSAGE_SIDE_BYTES + 5, "{passage:?}");
        let shown = &text[passage];
        assert!(shown.starts_with("délégués ") || shown.starts_with("met ") || shown.starts_with("in "), "{shown}");
        assert!(shown.ends_with("talks") || shown.ends_with("went") || shown.ends_with("on") || shown.ends_with("and"));
    }

    #[test]
    fn never_panics_on_odd_positions() {
        let text = "é. Ü! ß";
        for pos in 0..=text.len() + 2 {
            let range = passage_range(text, pos);
            assert!(range.start <= range.end && range.end <= text.len());
        }
        assert_eq!(passage_range("", 0), 0..0);
    }
}
