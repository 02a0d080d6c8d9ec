//! An article's text: plain while it is read and analysed, then kept compressed (LZ4) for as long as the
//! folder is open. Texts are the largest part of a loaded folder, and after analysis they are only read a
//! few articles at a time (the reader, passages, an export) or once in a while in full (a search); past a
//! budget, compressed texts are kept in a file rather than in memory ([`super::spill`]).

use std::borrow::Cow;

use super::spill::{self, Spilled};

/// An article's text, plain or compressed. Read it with [`ArticleText::as_str`].
#[derive(Clone, Default)]
pub struct ArticleText(Repr);

#[derive(Clone)]
enum Repr {
    Plain(String),
    /// LZ4 block, its uncompressed length in the first four bytes.
    Packed(Box<[u8]>),
    /// Such a block in the spill file.
    Spilled(Spilled),
}

impl Default for Repr {
    fn default() -> Repr {
        Repr::Plain(String::new())
    }
}

impl ArticleText {
    /// The text: borrowed when plain, decompressed when packed (about 2.5 GB/s), read back and decompressed
    /// when spilled.
    pub fn as_str(&self) -> Cow<'_, str> {
        match &self.0 {
            Repr::Plain(text) => Cow::Borrowed(text),
            Repr::Packed(bytes) => Cow::Owned(unpack(bytes)),
            Repr::Spilled(spilled) => {
                // The spill file is the process's own and was written before this was made; a failed read
                // (the disk gone) shows an empty text, as a file that can no longer be read would.
                let bytes = spill::store().and_then(|store| store.load(*spilled).ok()).unwrap_or_default();
                Cow::Owned(unpack(&bytes))
            }
        }
    }

    /// Length in bytes of the text (not of its compressed form).
    pub fn len(&self) -> usize {
        match &self.0 {
            Repr::Plain(text) => text.len(),
            Repr::Packed(bytes) => {
                bytes.get(..4).and_then(|b| b.try_into().ok()).map_or(0, |b| u32::from_le_bytes(b) as usize)
            }
            Repr::Spilled(spilled) => spilled.text_len as usize,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Compresses the text, unless that would not make it smaller.
    pub fn pack(&mut self) {
        let Repr::Plain(text) = &mut self.0 else { return };
        // The length prefix is 32 bits; the reader refuses files that could decode past that.
        if u32::try_from(text.len()).is_err() {
            return;
        }
        let packed = lz4_flex::compress_prepend_size(text.as_bytes());
        if packed.len() < text.len() {
            self.0 = Repr::Packed(packed.into_boxed_slice());
            self.spill();
        } else {
            text.shrink_to_fit();
        }
    }

    /// Moves a packed text to the spill file when one is set up and its budget is spent.
    fn spill(&mut self) {
        let Repr::Packed(bytes) = &self.0 else { return };
        let text_len = self.len() as u32;
        if let Some(spilled) = spill::store().and_then(|store| store.store(bytes, text_len)) {
            self.0 = Repr::Spilled(spilled);
        }
    }

    /// Whether the text is kept compressed (in memory or spilled).
    pub fn is_packed(&self) -> bool {
        !matches!(self.0, Repr::Plain(_))
    }

    /// The compressed form as [`ArticleText::pack`] made it (an LZ4 block after its 32-bit length), if packed;
    /// read back when spilled (`None` if that fails).
    pub fn packed_bytes(&self) -> Option<Cow<'_, [u8]>> {
        match &self.0 {
            Repr::Packed(bytes) => Some(Cow::Borrowed(bytes)),
            Repr::Spilled(spilled) => spill::store()?.load(*spilled).ok().map(Cow::Owned),
            Repr::Plain(_) => None,
        }
    }

    /// A text from the bytes [`ArticleText::packed_bytes`] gave, or `None` when they cannot be a compressed form
    /// (no length, or nothing after it; `pack` never packs an empty text). They are not decompressed to check
    /// them: the caller checks them otherwise (the analysis cache, by CRC-32).
    pub fn from_packed_bytes(bytes: Vec<u8>) -> Option<ArticleText> {
        let len = u32::from_le_bytes(bytes.get(..4)?.try_into().ok()?);
        if bytes.len() <= 4 || len == 0 {
            return None;
        }
        let mut text = ArticleText(Repr::Packed(bytes.into_boxed_slice()));
        text.spill();
        Some(text)
    }
}

/// The text of an LZ4 block that [`ArticleText::pack`] made. The bytes were compressed from a `str`, so they
/// decompress to UTF-8; the empty fallback is taken only for bytes that could not be read back.
fn unpack(bytes: &[u8]) -> String {
    lz4_flex::decompress_size_prepended(bytes).ok().and_then(|plain| String::from_utf8(plain).ok()).unwrap_or_default()
}

impl From<String> for ArticleText {
    fn from(text: String) -> ArticleText {
        ArticleText(Repr::Plain(text))
    }
}

impl From<&str> for ArticleText {
    fn from(text: &str) -> ArticleText {
        ArticleText(Repr::Plain(text.to_owned()))
    }
}

impl PartialEq for ArticleText {
    fn eq(&self, other: &ArticleText) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<str> for ArticleText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for ArticleText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::fmt::Debug for ArticleText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&*self.as_str(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_packed_text_reads_back_the_same() {
        let texts = [
            "",
            "Short.",
            "Storms closed the port of Chittagong on Monday; ferries to Sandwip stayed in harbour until \
             Wednesday, officials said. The port reopened on Thursday, and the ferries ran again on Friday.\n\n\
             Storms closed the port of Chittagong again a week later.",
            "Zürich, São Paulo and Kraków: texts keep every character, whatever its length in bytes.",
        ];
        for text in texts {
            let mut kept = ArticleText::from(text);
            kept.pack();
            assert_eq!(kept.as_str(), text);
            assert_eq!(kept.len(), text.len());
            assert_eq!(kept, text);
        }
    }

    #[test]
    fn only_texts_that_get_smaller_are_packed() {
        let mut short = ArticleText::from("Rain in Oslo.");
        short.pack();
        assert!(!short.is_packed());
        let mut long = ArticleText::from("Rain fell on Oslo and on Bergen. ".repeat(20).as_str());
        long.pack();
        assert!(long.is_packed());
        assert!(long.as_str().starts_with("Rain fell on Oslo"));
    }
}
