//! Byte ranges into an article's text, kept in 32 bits: a million mentions each hold two offsets, and no
//! article comes near 4 GiB (the reader refuses files past [`MAX_FILE_BYTES_LIMIT`](super::MAX_FILE_BYTES_LIMIT)).

use std::ops::Range;

/// A byte range into an article's text: half the size of a `Range<usize>`, and `Copy`.
///
/// Index a `str` with it directly: `&text[span]`. Offsets are bytes, as in a `Range<usize>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct ByteSpan {
    start: u32,
    end: u32,
}

impl ByteSpan {
    /// The span of `range`, or `None` when an offset does not fit in 32 bits (a text of 4 GiB or more).
    pub fn new(range: Range<usize>) -> Option<ByteSpan> {
        Some(ByteSpan { start: u32::try_from(range.start).ok()?, end: u32::try_from(range.end).ok()? })
    }

    pub fn start(self) -> usize {
        self.start as usize
    }

    pub fn end(self) -> usize {
        self.end as usize
    }

    pub fn range(self) -> Range<usize> {
        self.start()..self.end()
    }

    pub fn len(self) -> usize {
        self.end().saturating_sub(self.start())
    }

    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }

    pub fn contains(self, offset: usize) -> bool {
        self.range().contains(&offset)
    }
}

impl From<ByteSpan> for Range<usize> {
    fn from(span: ByteSpan) -> Range<usize> {
        span.range()
    }
}

impl std::ops::Index<ByteSpan> for str {
    type Output = str;

    fn index(&self, span: ByteSpan) -> &str {
        &self[span.range()]
    }
}

impl std::ops::Index<ByteSpan> for String {
    type Output = str;

    fn index(&self, span: ByteSpan) -> &str {
        &self[span.range()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_reads_the_same_text_as_its_range() {
        let text = "Flooding closed roads near Dhaka on Tuesday.";
        for range in [27..32, 0..8, 36..43, 44..44] {
            let span = ByteSpan::new(range.clone()).expect("fits in 32 bits");
            assert_eq!(&text[span], &text[range.clone()]);
            assert_eq!(span.range(), range);
            assert_eq!((span.start(), span.end(), span.len()), (range.start, range.end, range.len()));
        }
    }

    #[test]
    fn offsets_past_four_gibibytes_give_no_span() {
        let past = u32::MAX as usize + 1;
        assert_eq!(ByteSpan::new(0..past), None);
        assert_eq!(ByteSpan::new(past..past + 3), None);
        assert!(ByteSpan::new(0..u32::MAX as usize).is_some());
    }

    #[test]
    fn a_span_is_half_the_size_of_a_range() {
        assert_eq!(std::mem::size_of::<ByteSpan>(), 8);
        assert_eq!(std::mem::size_of::<Range<usize>>(), 16);
    }
}
