//! The language an article is written in, so that English rules are used only on English text.
//!
//! Most news a user opens is English, and English is told from a few hundred words by how many of them are
//! English function words ("the", "of", "and"): that test costs a pass over the opening of the text. Only text
//! that fails it goes to `whatlang` (a trigram model of 69 languages) to be named.

use serde::Serialize;

/// An article's language; written as its ISO 639-3 code ("eng", "fra"), or `und` when it cannot be told.
/// One byte, as every document keeps one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(into = "&'static str")]
pub struct Language(Option<whatlang::Lang>);

impl Language {
    pub const ENGLISH: Language = Language(Some(whatlang::Lang::Eng));
    pub const UNDETERMINED: Language = Language(None);

    pub fn code(self) -> &'static str {
        self.0.map_or("und", |lang| lang.code())
    }

    /// The language of an ISO 639-3 code as [`Language::code`] writes it; `und` or a code whatlang does not
    /// know is [`Language::UNDETERMINED`].
    pub fn from_code(code: &str) -> Language {
        Language(whatlang::Lang::from_code(code))
    }

    pub fn is_english(self) -> bool {
        self == Language::ENGLISH
    }

    /// The language's name in English ("French"), or "unknown".
    pub fn name(self) -> &'static str {
        self.0.map_or("unknown", |lang| lang.eng_name())
    }
}

impl From<Language> for &'static str {
    fn from(language: Language) -> &'static str {
        language.code()
    }
}

/// How much of the text is read: enough words to tell, little enough to cost nothing on long articles.
const SAMPLE_BYTES: usize = 2_000;
/// Fewer words than this tell nothing: a headline or a caption is taken as English, as everything was before.
const MIN_WORDS: usize = 12;
/// English prose has about a third of its words among the function words of [`is_english_function_word`];
/// French or German under 5%. Past [`SURE_WORDS`] words at this share, the text is English.
const MIN_ENGLISH_PERCENT: usize = 15;
const SURE_WORDS: usize = 60;

/// Frequent English words that are rare in other languages written in Latin script (no "a", "in", "on", "so"),
/// in lower case.
fn is_english_function_word(word: &[u8]) -> bool {
    matches!(
        word,
        b"and"
            | b"are"
            | b"as"
            | b"at"
            | b"be"
            | b"been"
            | b"but"
            | b"by"
            | b"for"
            | b"from"
            | b"had"
            | b"has"
            | b"have"
            | b"he"
            | b"his"
            | b"is"
            | b"it"
            | b"its"
            | b"not"
            | b"of"
            | b"said"
            | b"she"
            | b"that"
            | b"the"
            | b"their"
            | b"they"
            | b"this"
            | b"to"
            | b"was"
            | b"were"
            | b"which"
            | b"who"
            | b"will"
            | b"with"
    )
}

/// The language of `text`. A byte scan of its opening: words are runs of ASCII letters and non-ASCII bytes.
pub fn detect(text: &str) -> Language {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    let bytes = sample.as_bytes();
    let (mut words, mut english, mut i) = (0usize, 0usize, 0usize);
    let mut lower = [0u8; 5];
    while i < bytes.len() {
        let in_word = |b: u8| b.is_ascii_alphabetic() || b >= 0x80;
        while i < bytes.len() && !in_word(bytes[i]) {
            i += 1;
        }
        let start = i;
        while i < bytes.len() && in_word(bytes[i]) {
            i += 1;
        }
        if i == start {
            break;
        }
        words += 1;
        let word = &bytes[start..i];
        if word.len() <= lower.len() && word.is_ascii() {
            for (to, from) in lower.iter_mut().zip(word) {
                *to = from.to_ascii_lowercase();
            }
            english += usize::from(is_english_function_word(&lower[..word.len()]));
        }
        if words >= SURE_WORDS && english * 100 >= MIN_ENGLISH_PERCENT * words {
            return Language::ENGLISH;
        }
    }
    if words < MIN_WORDS || english * 100 >= MIN_ENGLISH_PERCENT * words {
        return Language::ENGLISH;
    }
    match whatlang::detect(sample) {
        Some(info) if info.lang() == whatlang::Lang::Eng || info.is_reliable() => Language(Some(info.lang())),
        _ => Language::UNDETERMINED,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_of_news() {
        let cases = [
            (
                "Talks on Syria resumed in Astana on Monday, the Kazakh foreign ministry said, and delegates from \
              Russia, Turkey and Iran were expected to attend.",
                "eng",
            ),
            (
                "Les négociations sur la Syrie ont repris lundi à Astana, a annoncé le ministère kazakh des Affaires \
              étrangères, et des délégués de la Russie, de la Turquie et de l'Iran sont attendus.",
                "fra",
            ),
            (
                "Die Gespräche über Syrien wurden am Montag in Astana wieder aufgenommen, teilte das kasachische \
              Außenministerium mit, und Delegierte aus Russland, der Türkei und dem Iran werden erwartet.",
                "deu",
            ),
            (
                "Las conversaciones sobre Siria se reanudaron el lunes en Astaná, informó el ministerio de \
              Exteriores kazajo, y se espera la llegada de delegados de Rusia, Turquía e Irán.",
                "spa",
            ),
            ("Moscow talks", "eng"),
            ("", "eng"),
        ];
        for (text, code) in cases {
            assert_eq!(detect(text).code(), code, "{text}");
        }
        assert_eq!(detect(cases[1].0).name(), "French");
    }

    #[test]
    fn the_sample_ends_on_a_character_boundary() {
        for text in ["é ".repeat(SAMPLE_BYTES), format!("a{}", "é ".repeat(SAMPLE_BYTES))] {
            let _ = detect(&text);
        }
    }
}
