//! The review queue: the mentions the engine is least sure of, for a reader to check one by one, least sure
//! first (as Recogito's verification queue). A mention leaves the queue when it is marked right (kept in the
//! session's `verified` list) or corrected (a corrected mention has confidence 1).

use std::collections::HashSet;

use super::{Atlas, DocId};
use crate::session::MentionKey;

/// Mentions under this confidence are queued: about half of those are wrong (see the README's reliability
/// table), against one in ten above it.
pub const REVIEW_BELOW: f32 = 0.6;

/// One mention to check.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReviewItem {
    pub doc: DocId,
    /// Index into the document's `places`.
    pub mention: usize,
    pub confidence: f32,
}

/// The mentions under `below` that `verified` does not hold, least sure first (ties in article order).
pub fn review_queue(atlas: &Atlas, verified: &[MentionKey], below: f32) -> Vec<ReviewItem> {
    // Looked up by article and offset; the written text is compared only for those, so the articles' texts
    // are not all decompressed.
    let checked: HashSet<(&str, usize)> = verified.iter().map(|k| (k.article.as_str(), k.byte_start)).collect();
    let mut items = Vec::new();
    for (doc, document) in atlas.documents().iter().enumerate() {
        for (mention, place) in document.places.iter().enumerate() {
            if place.confidence >= below {
                continue;
            }
            let start = place.byte_range.start();
            if checked.contains(&(document.article.id.as_str(), start)) {
                let text = document.article.text.as_str();
                let written = &text[place.byte_range];
                let key = |k: &&MentionKey| k.article == document.article.id && k.byte_start == start;
                if verified.iter().filter(key).any(|k| k.text == written) {
                    continue;
                }
            }
            items.push(ReviewItem { doc: doc as DocId, mention, confidence: place.confidence });
        }
    }
    items.sort_by(|a, b| a.confidence.total_cmp(&b.confidence).then(a.doc.cmp(&b.doc)).then(a.mention.cmp(&b.mention)));
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Article;
    use crate::gazetteer::Gazetteer;
    use crate::index::analyze;

    fn atlas_of(texts: &[&str]) -> Atlas {
        let mut atlas = Atlas::new();
        for (i, text) in texts.iter().enumerate() {
            let id = format!("{i}.txt");
            let article = Article { title: "t".into(), ..Article::for_test(&id, text) };
            atlas.add(analyze(article, Gazetteer::bundled()));
        }
        atlas
    }

    #[test]
    fn the_least_sure_come_first_and_a_checked_mention_leaves_the_queue() {
        let atlas = atlas_of(&["Envoys met in Kazakhstan and in Geneva.", "Farmers in Paris sold hay."]);
        let queue = review_queue(&atlas, &[], 1.01);
        assert!(queue.windows(2).all(|w| w[0].confidence <= w[1].confidence), "{queue:?}");
        let all = queue.len();
        assert!(all >= 3, "{queue:?}");
        let first = queue[0];
        let document = atlas.document(first.doc);
        let range = document.places[first.mention].byte_range;
        let key = MentionKey {
            article: document.article.id.clone(),
            byte_start: range.start(),
            text: document.article.text.as_str()[range].to_owned(),
        };
        let checked = review_queue(&atlas, std::slice::from_ref(&key), 1.01);
        assert_eq!(checked.len(), all - 1);
        assert!(!checked.contains(&first));
        // A key whose text no longer matches (the file was edited) checks nothing.
        let stale = MentionKey { text: "Elsewhere".into(), ..key };
        assert_eq!(review_queue(&atlas, &[stale], 1.01).len(), all);
        assert!(review_queue(&atlas, &[], 0.0).is_empty());
    }
}
