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

/// A search over an atlas. Every term of the query must match, each either in the mention's article (its
/// text, title or file path) or in the mention's place (its name, its first-level division's or its country's
/// name: "Nebraska" finds Lincoln, Nebraska, and not Lincoln, Illinois); letters compare without regard to
/// case (ASCII letters). A term is a word or a "quoted phrase"; `-term` keeps only what it does not match, and
/// `a OR b` what either matches ([`parse_query`]).
#[derive(Debug, Clone, Default)]
pub struct Filter {
    words: Vec<WordMatches>,
    /// Every clause must hold; a clause holds when one of its terms (an index into `words`) matches, or, for
    /// a term marked excluded, does not.
    clauses: Vec<Vec<(usize, bool)>>,
    certainty: Certainty,
}

/// One term of a query: the text to find, and whether the search excludes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub text: String,
    pub excluded: bool,
}

/// A query as clauses that must all hold, each a list of terms of which one must: `astana "peace talks" -draft
/// OR -rumour` is `[[astana], ["peace talks"], [-draft, -rumour]]`. Terms are words or "quoted phrases" (an
/// unclosed quote runs to the end); `-` before a term excludes it; `OR` (in capitals) between two terms makes
/// either do. Searching for the word "or" takes lower case.
pub fn parse_query(query: &str) -> Vec<Vec<Term>> {
    let mut tokens: Vec<(String, bool, bool)> = Vec::new(); // text, excluded, quoted
    let mut rest = query.trim_start();
    while !rest.is_empty() {
        let (excluded, after_minus) = match rest.strip_prefix('-') {
            Some(after) if !after.is_empty() && !after.starts_with(char::is_whitespace) => (true, after),
            _ => (false, rest),
        };
        let (text, quoted, next) = match after_minus.strip_prefix('"') {
            Some(inside) => match inside.find('"') {
                Some(end) => (&inside[..end], true, &inside[end + 1..]),
                None => (inside, true, ""),
            },
            None => {
                let end = after_minus.find(char::is_whitespace).unwrap_or(after_minus.len());
                (&after_minus[..end], false, &after_minus[end..])
            }
        };
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            tokens.push((text, excluded, quoted));
        }
        rest = next.trim_start();
    }
    let mut clauses: Vec<Vec<Term>> = Vec::new();
    let mut join_next = false;
    for (text, excluded, quoted) in tokens {
        if text == "OR" && !quoted && !excluded {
            join_next = !clauses.is_empty();
            continue;
        }
        let term = Term { text, excluded };
        match clauses.last_mut() {
            Some(clause) if join_next => clause.push(term),
            _ => clauses.push(vec![term]),
        }
        join_next = false;
    }
    clauses
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
        let parsed = parse_query(query);
        // Each distinct term is searched for once, however often the query names it.
        let mut texts: Vec<&str> = Vec::new();
        let clauses: Vec<Vec<(usize, bool)>> = parsed
            .iter()
            .map(|clause| {
                clause
                    .iter()
                    .map(|term| {
                        let at = texts.iter().position(|t| *t == term.text).unwrap_or_else(|| {
                            texts.push(&term.text);
                            texts.len() - 1
                        });
                        (at, term.excluded)
                    })
                    .collect()
            })
            .collect();
        let finders: Vec<AhoCorasick> = texts
            .iter()
            .map(|text| AhoCorasick::builder().ascii_case_insensitive(true).build([text]))
            .collect::<Result<_, _>>()
            .unwrap_or_default();
        let clauses = if finders.len() == texts.len() { clauses } else { Vec::new() };
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
        Filter { words, clauses, certainty }
    }

    /// Whether this filter keeps everything (no words, any date).
    pub fn is_everything(&self) -> bool {
        self.clauses.is_empty() && self.certainty == Certainty::Any
    }

    pub fn keeps(&self, event: &Event) -> bool {
        let matches = |w: &WordMatches| {
            w.documents.get(event.doc as usize).copied().unwrap_or(false) || w.places.contains(&event.place)
        };
        self.certainty.keeps(event.dating)
            && self
                .clauses
                .iter()
                .all(|clause| clause.iter().any(|&(word, excluded)| matches(&self.words[word]) != excluded))
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
    fn a_query_is_terms_phrases_exclusions_and_or() {
        let term = |text: &str, excluded| Term { text: text.into(), excluded };
        assert_eq!(
            parse_query(r#" astana  "peace   talks" -draft OR -"rumour mill" "#),
            [
                vec![term("astana", false)],
                vec![term("peace talks", false)],
                vec![term("draft", true), term("rumour mill", true)]
            ]
        );
        assert_eq!(
            parse_query("OR a OR OR b or - \"unclosed quote"),
            [
                vec![term("a", false), term("b", false)],
                vec![term("or", false)],
                vec![term("-", false)],
                vec![term("unclosed quote", false)]
            ]
        );
        assert!(parse_query(" \"\" - ").iter().all(|c| c.iter().all(|t| t.text == "-")));

        let atlas = atlas();
        let rows: [(&str, &[&str]); 8] = [
            ("\"ceasefire talks\"", &["Astana", "Moscow"]),
            ("\"talks ceasefire\"", &[]),
            ("\"Foreign ministers\" OR background", &["Doha", "Geneva"]),
            ("-ceasefire", &["Doha", "Geneva"]),
            ("talks -moscow", &["Doha", "Geneva"]),
            ("-Kazakhstan -\"foreign ministers\"", &["Moscow", "Geneva"]),
            ("doha OR geneva OR nowhere", &["Doha", "Geneva"]),
            ("OR", &["Astana", "Moscow", "Doha", "Geneva"]),
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
