//! Tokens of the date tagger: runs of ASCII letters and digits, and single punctuation marks, with
//! what stands before each one (a space, a line break), as byte ranges of the text.

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
}
