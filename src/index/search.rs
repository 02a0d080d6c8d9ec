//! Narrowing what is shown by a search: words in the articles, place, division (state, province) or country
//! names, file paths, and how a mention got its date.

use std::collections::{HashMap, HashSet};

use aho_corasick::AhoCorasick;
use rayon::prelude::*;

use super::{Atlas, Event, EventDating};
use crate::gazetteer::{Gazetteer, PlaceId};

/// Which mentions to keep by where their date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
pub enum Certainty {
    #[default]
    Any,
    /// A date written near the mention (its sentence or paragraph), or set by the user.
    StatedInText,
    /// Only the article's publication date.
    ArticleDate,
    Undated,
}

impl Certainty {
    pub const ALL: [Certainty; 4] =
        [Certainty::Any, Certainty::StatedInText, Certainty::ArticleDate, Certainty::Undated];

    pub fn label(self) -> &'static str {
        match self {
            Certainty::Any => "any date",
            Certainty::StatedInText => "date stated nearby",
            Certainty::ArticleDate => "article date only",
            Certainty::Undated => "undated",
        }
    }

    fn keeps(self, dating: EventDating) -> bool {
        match self {
            Certainty::Any => true,
            Certainty::StatedInText => {
                matches!(dating, EventDating::Sentence | EventDating::Paragraph | EventDating::SetByUser)
            }
            Certainty::ArticleDate => dating == EventDating::Article,
            Certainty::Undated => dating == EventDating::Undated,
        }
    }
}

/// What one search word matched: documents (text, title or path) and places (name, division or country).
#[derive(Debug, Clone, Default)]
struct WordMatches {
    documents: Vec<bool>,
    places: HashSet<PlaceId>,
}

/// A search over an atlas. Every word of the query must match, each either in the mention's article (its
/// text, title or file path) or in the mention's place (its name, its first-level division's or its country's
/// name: "Nebraska" finds Lincoln, Nebraska, and not Lincoln, Illinois); letters compare
/// without regard to case (ASCII letters).
#[derive(Debug, Clone, Default)]
pub struct Filter {
    words: Vec<WordMatches>,
    certainty: Certainty,
}

impl Filter {
    pub fn new(atlas: &Atlas, gazetteer: &Gazetteer, query: &str, certainty: Certainty) -> Filter {
        let mut places: Vec<PlaceId> = atlas.events().iter().map(|e| e.place).collect();
        places.sort_unstable();
        places.dedup();
        let mut place_texts: HashMap<PlaceId, String> = HashMap::with_capacity(places.len());
        for place in places {
            let p = gazetteer.place(place);
            let admin1 = gazetteer.admin1_name(p).unwrap_or_default();
            let country = gazetteer.country_name(&p.country_code).unwrap_or_default();
            place_texts.insert(place, format!("{} {admin1} {country}", p.name));
        }
        let finders: Vec<AhoCorasick> = query
            .split_whitespace()
            .filter_map(|word| AhoCorasick::builder().ascii_case_insensitive(true).build([word]).ok())
            .collect();
        // One pass over the articles for all the words, on every core: each text is decompressed once.
        let found: Vec<bool> = if finders.is_empty() {
            Vec::new()
        } else {
            atlas
                .documents()
                .par_iter()
                .flat_map_iter(|d| {
                    let text = d.article.text.as_str();
                    let path = d.article.source.path.as_os_str().as_encoded_bytes();
                    finders
                        .iter()
                        .map(|finder| {
                            finder.is_match(&*text) || finder.is_match(&d.article.title) || finder.is_match(path)
                        })
                        .collect::<Vec<bool>>()
                })
                .collect()
        };
        let words = finders
            .iter()
            .enumerate()
            .map(|(i, finder)| {
                let documents = found.iter().skip(i).step_by(finders.len()).copied().collect();
                let places = place_texts.iter().filter(|(_, text)| finder.is_match(text)).map(|(&p, _)| p).collect();
                WordMatches { documents, places }
            })
            .collect();
        Filter { words, certainty }
    }

    /// Whether this filter keeps everything (no words, any date).
    pub fn is_everything(&self) -> bool {
        self.words.is_empty() && self.certainty == Certainty::Any
    }

    pub fn keeps(&self, event: &Event) -> bool {
        self.certainty.keeps(event.dating)
            && self.words.iter().all(|w| {
                w.documents.get(event.doc as usize).copied().unwrap_or(false) || w.places.contains(&event.place)
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Article, SourceRef};
    use crate::index::analyze;

    fn atlas() -> Atlas {
        let mut atlas = Atlas::new();
        for (path, text) in [
            ("2017/astana.txt", "Talks\n13 January, 2017\nCeasefire talks in Astana. Delegates flew from Moscow."),
            ("2015/doha.txt", "Talks\n3 August, 2015\nForeign ministers met in Doha on 3 August, 2015."),
            ("notes.txt", "Background: Geneva hosted the talks."),
        ] {
            let article = Article {
                id: path.into(),
                source: SourceRef { path: path.into(), line: None },
                title: path.into(),
                text: text.into(),
                metadata_date: None,
            };
            atlas.add(analyze(article, Gazetteer::bundled()));
        }
        atlas
    }

    fn kept(atlas: &Atlas, query: &str, certainty: Certainty) -> Vec<String> {
        let gaz = Gazetteer::bundled();
        let filter = Filter::new(atlas, gaz, query, certainty);
        atlas.events().iter().filter(|e| filter.keeps(e)).map(|e| gaz.place(e.place).name.clone()).collect()
    }

    #[test]
    fn words_match_text_places_countries_and_paths() {
        let atlas = atlas();
        let all = kept(&atlas, "", Certainty::Any);
        assert_eq!(all.len(), 4);
        let rows: [(&str, &[&str]); 7] = [
            ("ceasefire", &["Astana", "Moscow"]),
            ("CEASEFIRE moscow", &["Astana", "Moscow"]),
            ("ceasefire geneva", &[]),
            ("Kazakhstan", &["Astana"]),
            ("2015/", &["Doha"]),
            ("background", &["Geneva"]),
            ("nowhere", &[]),
        ];
        for (query, expected) in rows {
            assert_eq!(kept(&atlas, query, Certainty::Any), expected, "{query}");
        }
    }

    #[test]
    fn words_match_the_first_level_division() {
        let mut atlas = Atlas::new();
        // Neither state is written in the article: only the places' divisions can match.
        let article = Article {
            id: "floods.txt".into(),
            source: SourceRef { path: "floods.txt".into(), line: None },
            title: "Floods".into(),
            text: "Flooding closed roads in Omaha and Des Moines on Sunday.".into(),
            metadata_date: None,
        };
        atlas.add(analyze(article, Gazetteer::bundled()));
        assert_eq!(kept(&atlas, "", Certainty::Any), ["Omaha", "Des Moines"]);
        assert_eq!(kept(&atlas, "Nebraska", Certainty::Any), ["Omaha"]);
        assert_eq!(kept(&atlas, "iowa", Certainty::Any), ["Des Moines"]);
        assert_eq!(kept(&atlas, "Ontario", Certainty::Any), Vec::<String>::new());
    }

    #[test]
    fn certainty_keeps_mentions_by_where_their_date_came_from() {
        let atlas = atlas();
        assert_eq!(kept(&atlas, "", Certainty::StatedInText), ["Doha"]);
        assert_eq!(kept(&atlas, "", Certainty::ArticleDate), ["Astana", "Moscow"]);
        assert_eq!(kept(&atlas, "", Certainty::Undated), ["Geneva"]);
        assert!(Filter::default().is_everything());
    }
}
