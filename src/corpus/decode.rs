//! Turning a file's bytes into text: byte order marks, UTF-8, UTF-16, legacy single-byte encodings, binary
//! junk, and line endings.
//!
//! The order of the checks matters. A byte order mark is the strongest evidence and wins. Without one, text
//! whose every other byte is zero is UTF-16 (as some Windows tools write it, with no mark). A file
//! that is valid UTF-8 is UTF-8 (legacy encodings almost never produce valid multi-byte UTF-8 by accident).
//! Otherwise an HTML file's own `<meta charset>` is believed, and failing that chardetng guesses from the
//! byte statistics, as browsers do. Binary files are refused before any guessing: a guess on a JPEG would
//! still produce "text".

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

use super::ReadError;

/// How many leading bytes are inspected for binary content and for an HTML charset declaration.
pub(super) const SNIFF_BYTES: usize = 8192;

/// Text decoded from a file, and the encoding it was decoded from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text with any byte order mark removed and every line ending (`\r\n`, lone `\r`) turned into `\n`.
    pub text: String,
    /// The WHATWG name of the encoding, e.g. `"UTF-8"`, `"UTF-16LE"`, `"windows-1252"`.
    pub encoding: &'static str,
}

/// Decodes a file's bytes. `html` allows a `<meta charset>` declaration to choose the encoding.
pub fn decode(bytes: &[u8], html: bool) -> Result<Decoded, ReadError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        if body.iter().all(u8::is_ascii_whitespace) {
            return Err(ReadError::Empty);
        }
        let (text, _) = encoding.decode_without_bom_handling(body);
        return finish(&text, encoding);
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ReadError::Empty);
    }
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if let Some(encoding) = utf16_without_bom(bytes, head) {
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        let decoded_head = &text.as_bytes()[..text.len().min(SNIFF_BYTES)];
        if let Some(reason) = binary_reason(decoded_head) {
            return Err(ReadError::Binary(reason));
        }
        return finish(&text, encoding);
    }
    if let Some(reason) = binary_reason(head) {
        return Err(ReadError::Binary(reason));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return finish(text, UTF_8);
    }
    let encoding = html.then(|| html_declared_charset(head)).flatten().unwrap_or_else(|| guess(bytes));
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    finish(&text, encoding)
}

fn finish(text: &str, encoding: &'static Encoding) -> Result<Decoded, ReadError> {
    // UTF-16 files are full of NUL bytes by nature, so the binary check can only run on their decoded text.
    if text.contains('\0') {
        return Err(ReadError::Binary("contains NUL characters"));
    }
    if text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    Ok(Decoded { text: normalize_line_endings(text), encoding: encoding.name() })
}

/// UTF-16 without a byte order mark, recognised by its zero bytes: many characters of a text are ASCII, whose
/// high byte is zero, while low bytes hardly ever are. Binary data
/// has zeros in both places.
pub(super) fn utf16_without_bom(bytes: &[u8], head: &[u8]) -> Option<&'static Encoding> {
    let pairs = head.len() / 2;
    if !bytes.len().is_multiple_of(2) || pairs < 8 {
        return None;
    }
    let zeros_at = |byte: usize| head.chunks_exact(2).filter(|pair| pair[byte] == 0).count();
    let (first, second) = (zeros_at(0), zeros_at(1));
    // At least one character in five ASCII (spaces, digits and punctuation count, so Cyrillic or Greek text
    // passes too), and at most one in fifty with a zero low byte (U+0100, U+0400, U+2000, ...).
    let mostly = |zeros: usize| zeros * 5 >= pairs;
    let hardly = |zeros: usize| zeros * 50 <= pairs;
    if mostly(second) && hardly(first) {
        Some(UTF_16LE)
    } else if mostly(first) && hardly(second) {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Why the first bytes of a file look like binary data rather than text, if they do.
pub(super) fn binary_reason(head: &[u8]) -> Option<&'static str> {
    if head.contains(&0) {
        return Some("contains NUL bytes");
    }
    // Text has tabs, newlines and form feeds but hardly any other C0 control bytes; a few are tolerated
    // because old files carry the odd stray one (0x1A end-of-file marks, escape codes in pasted logs).
    let controls = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)).count();
    (controls * 20 > head.len()).then_some("too many control bytes")
}

/// A charset named in the first bytes of an HTML file: `<meta charset="...">` or the older `http-equiv` form.
/// UTF-16 labels are ignored, as browsers do: a file that reached this point has no NUL bytes.
fn html_declared_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"charset") {
        let mut rest = &lower[from + pos + b"charset".len()..];
        from += pos + 1;
        rest = trim_start(rest);
        let Some(after_eq) = rest.strip_prefix(b"=") else { continue };
        let value = trim_start(after_eq);
        let value = value.strip_prefix(b"\"").or_else(|| value.strip_prefix(b"'")).unwrap_or(value);
        let end = value.iter().position(|&b| matches!(b, b'"' | b'\'' | b';' | b'>' | b'/') || b.is_ascii_whitespace());
        let label = &value[..end.unwrap_or(value.len())];
        match Encoding::for_label(label) {
            Some(encoding) if encoding == UTF_16LE || encoding == UTF_16BE => return Some(UTF_8),
            Some(encoding) => return Some(encoding),
            None => continue,
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(bytes.len());
    &bytes[start..]
}

/// chardetng's guess for bytes that are not UTF-8: in practice Windows-1252 for Western European text, and
/// the right legacy encoding for Cyrillic, Greek, Central European and East Asian text.
pub(super) fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Deny)
}

/// `\r\n` and lone `\r` (old Mac files) become `\n`, so that every later stage sees one kind of line end.
pub fn normalize_line_endings(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut bytes = if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
        bytes.extend(utf16_no_bom(text, big_endian));
        bytes
    }

    fn utf16_no_bom(text: &str, big_endian: bool) -> Vec<u8> {
        let mut bytes = Vec::new();
        for unit in text.encode_utf16() {
            let pair = if big_endian { unit.to_be_bytes() } else { unit.to_le_bytes() };
            bytes.extend_from_slice(&pair);
        }
        bytes
    }

    #[test]
    fn decodes_each_supported_encoding() {
        let cases: Vec<(&str, Vec<u8>, &str, &str)> = vec![
            ("plain UTF-8", "Talks in Zürich".as_bytes().to_vec(), "Talks in Zürich", "UTF-8"),
            ("UTF-8 with BOM", b"\xEF\xBB\xBFTalks in Z\xC3\xBCrich".to_vec(), "Talks in Zürich", "UTF-8"),
            ("UTF-16 LE with BOM", utf16("Envoys reach Sana’a", false), "Envoys reach Sana’a", "UTF-16LE"),
            ("UTF-16 BE with BOM", utf16("Envoys reach Sana’a", true), "Envoys reach Sana’a", "UTF-16BE"),
            ("UTF-16 LE without BOM", utf16_no_bom("Envoys reach Sana’a", false), "Envoys reach Sana’a", "UTF-16LE"),
            ("UTF-16 BE without BOM", utf16_no_bom("Envoys reach Sana’a", true), "Envoys reach Sana’a", "UTF-16BE"),
            (
                "UTF-16 LE without BOM, Cyrillic with spaces and digits",
                utf16_no_bom("Переговоры в Москве 27 января 2017 года, затем в Астане", false),
                "Переговоры в Москве 27 января 2017 года, затем в Астане",
                "UTF-16LE",
            ),
            (
                "Windows-1252 curly quotes and accents",
                b"The mayor of S\xE3o Paulo said \x93we will rebuild\x94 after the floods in Bogot\xE1.".to_vec(),
                "The mayor of São Paulo said “we will rebuild” after the floods in Bogotá.",
                "windows-1252",
            ),
            (
                "Latin-1 accents",
                b"Le ministre a visit\xE9 Montr\xE9al et Qu\xE9bec la semaine derni\xE8re.".to_vec(),
                "Le ministre a visité Montréal et Québec la semaine dernière.",
                "windows-1252",
            ),
        ];
        for (name, bytes, text, encoding) in cases {
            let decoded = decode(&bytes, false).unwrap_or_else(|err| panic!("{name}: {err}"));
            assert_eq!((decoded.text.as_str(), decoded.encoding), (text, encoding), "{name}");
        }
    }

    #[test]
    fn html_meta_charset_is_believed_over_the_guess() {
        let bytes = b"<html><head><meta charset=\"iso-8859-2\"><title>x</title></head><body>\xA3\xF3d\xBC</body>";
        let decoded = decode(bytes, true).unwrap();
        assert_eq!(decoded.encoding, "ISO-8859-2");
        assert!(decoded.text.contains("Łódź"), "{}", decoded.text);
        let http_equiv =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">\xCC\xEE\xF1\xEA\xE2\xE0";
        assert!(decode(http_equiv, true).unwrap().text.contains("Москва"));
    }

    #[test]
    fn refuses_binary_and_empty_files() {
        let cases: [(&str, &[u8], ReadError); 9] = [
            ("empty", b"", ReadError::Empty),
            ("only whitespace", b" \n\r\n\t ", ReadError::Empty),
            ("only a BOM", b"\xEF\xBB\xBF", ReadError::Empty),
            ("UTF-16 BOM and spaces", b"\xFF\xFE \x00\n\x00", ReadError::Empty),
            ("NUL bytes", b"GIF89a\x01\x00\x01\x00\x00\xff", ReadError::Binary("contains NUL bytes")),
            ("control bytes", b"\x01\x02\x03\x04\x05\x06\x07\x08abc", ReadError::Binary("too many control bytes")),
            ("UTF-16 with NUL characters", b"\xFF\xFEa\x00\x00\x00b\x00", ReadError::Binary("contains NUL characters")),
            (
                "zeros at every other byte, but control codes between",
                b"\x01\x00\x02\x00\x03\x00\x04\x00\x05\x00\x06\x00\x07\x00\x08\x00",
                ReadError::Binary("too many control bytes"),
            ),
            (
                "zeros in both bytes of a pair",
                b"a\x00\x00\x00b\x00c\x00d\x00e\x00f\x00g\x00h\x00i\x00",
                ReadError::Binary("contains NUL bytes"),
            ),
        ];
        for (name, bytes, expected) in cases {
            assert_eq!(decode(bytes, false), Err(expected), "{name}");
        }
    }

    #[test]
    fn line_endings_of_every_kind_become_newlines() {
        let cases = [
            ("Unix\nlines\n", "Unix\nlines\n"),
            ("Windows\r\nlines\r\n", "Windows\nlines\n"),
            ("old Mac\rlines\r", "old Mac\nlines\n"),
            ("mixed\r\n\rand\n\r\n", "mixed\n\nand\n\n"),
        ];
        for (input, expected) in cases {
            assert_eq!(decode(input.as_bytes(), false).unwrap().text, expected, "{input:?}");
        }
    }
}
