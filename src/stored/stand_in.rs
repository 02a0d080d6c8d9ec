//! The text shown for an article whose file cannot be read: its stored passages, each once, in the article's
//! order, with [`GAP_MARKER`] wherever the article went on between them, and a way to carry the stored code
//! point offsets (into the whole article) over to byte offsets into this text.

use crate::index::GAP_MARKER;

/// A stand-in text and where its pieces came from.
#[derive(Debug, Default)]
pub struct StandIn {
    pub text: String,
    /// (first code point in the article, code point after the last, first byte in `text`), sorted and
    /// not overlapping.
    segments: Vec<(u32, u32, usize)>,
    /// Whether each segment is ASCII, where code points are bytes (most news in English).
    ascii: Vec<bool>,
}

impl StandIn {
    /// Joins `passages` (first code point in the article, text), given in any order and perhaps repeated or
    /// overlapping, for an article of `article_chars` code points (`None` when unknown: the text is then taken
    /// to go on after the last passage).
    pub fn new<'a>(passages: impl IntoIterator<Item = (u32, &'a str)>, article_chars: Option<u32>) -> StandIn {
        let mut passages: Vec<(u32, &str)> = passages.into_iter().collect();
        passages.sort_unstable();
        passages.dedup();
        let mut stand_in = StandIn::default();
        // The code point after the text so far.
        let mut end: u32 = 0;
        for (start, passage) in passages {
            let chars = passage.chars().count() as u32;
            let passage_end = start.saturating_add(chars);
            if stand_in.segments.is_empty() || start > end {
                let gap = if stand_in.segments.is_empty() { start > 0 } else { true };
                if gap {
                    // A gap at the very start needs no blank lines before it.
                    let marker = if stand_in.text.is_empty() { GAP_MARKER.trim_start() } else { GAP_MARKER };
                    stand_in.text.push_str(marker);
                }
                stand_in.segments.push((start, passage_end, stand_in.text.len()));
                stand_in.text.push_str(passage);
                end = passage_end;
            } else if passage_end > end {
                // Overlaps the last segment (two bounded passages of one long sentence): the rest of it
                // continues that segment.
                let skip = (end - start) as usize;
                let rest_at = passage.char_indices().nth(skip).map_or(passage.len(), |(i, _)| i);
                stand_in.text.push_str(&passage[rest_at..]);
                if let Some(last) = stand_in.segments.last_mut() {
                    last.1 = passage_end;
                }
                end = passage_end;
            }
        }
        let ends = stand_in.segments.iter().skip(1).map(|s| s.2).chain([stand_in.text.len()]);
        let ascii = stand_in.segments.iter().zip(ends).map(|(s, end)| stand_in.text[s.2..end].is_ascii()).collect();
        stand_in.ascii = ascii;
        if article_chars.is_none_or(|chars| chars > end) {
            stand_in.text.push_str(GAP_MARKER.trim_end());
        }
        stand_in
    }

    /// The byte range in [`StandIn::text`] of the article's code points `start..end`, when they lie in one
    /// passage.
    pub fn byte_range(&self, start: u32, end: u32) -> Option<std::ops::Range<usize>> {
        let at = self.segments.partition_point(|&(_, segment_end, _)| segment_end < end);
        let &(segment_start, segment_end, byte) = self.segments.get(at)?;
        if start < segment_start || end > segment_end || end < start {
            return None;
        }
        if self.ascii.get(at) == Some(&true) {
            return Some(byte + (start - segment_start) as usize..byte + (end - segment_start) as usize);
        }
        let segment = &self.text[byte..];
        let byte_of = |chars: u32| {
            segment.char_indices().nth((chars - segment_start) as usize).map_or(segment.len(), |(i, _)| i) + byte
        };
        Some(byte_of(start)..byte_of(end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passages_are_joined_once_with_gaps_where_the_article_went_on() {
        let article = "Talks opened in Geneva. Nothing else. Envoys from Moscow came. Snow fell. Ankara stayed away.";
        let chars = |text: &str| text.chars().count() as u32;
        let at = |passage: &str| chars(&article[..article.find(passage).unwrap()]);
        let passages =
            ["Envoys from Moscow came.", "Talks opened in Geneva.", "Envoys from Moscow came.", "Ankara stayed away."];
        let stand_in = StandIn::new(passages.iter().map(|p| (at(p), *p)), Some(chars(article)));
        assert_eq!(
            stand_in.text,
            "Talks opened in Geneva.\n\n[…]\n\nEnvoys from Moscow came.\n\n[…]\n\nAnkara stayed away."
        );
        let moscow = at("Moscow");
        let range = stand_in.byte_range(moscow, moscow + 6).unwrap();
        assert_eq!(&stand_in.text[range], "Moscow");
        assert_eq!(stand_in.byte_range(at("Nothing"), at("Nothing") + 7), None, "not in a passage");
    }

    #[test]
    fn overlapping_passages_continue_each_other_and_offsets_count_code_points() {
        let article = "À Zürich, São Paulo et Kraków ont voté";
        let stand_in = StandIn::new([(2, "Zürich, São Paulo"), (10, "São Paulo et Kraków")], None);
        assert_eq!(stand_in.text, "[…]\n\nZürich, São Paulo et Kraków\n\n[…]");
        let krakow = article.chars().position(|c| c == 'K').unwrap() as u32;
        assert_eq!(&stand_in.text[stand_in.byte_range(krakow, krakow + 6).unwrap()], "Kraków");
        assert_eq!(&stand_in.text[stand_in.byte_range(2, 8).unwrap()], "Zürich");
    }
}
