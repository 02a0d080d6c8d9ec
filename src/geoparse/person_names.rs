//! How common a word is as a surname or a given name in the US Census name lists (public domain; built into
//! `assets/person-names.tsv.gz` by `tools/build-name-lists`). The place finder weighs a capitalised word that
//! is both a town and a frequent surname ("Roberts", "Castro", "Bush") as a person unless the text makes it a
//! place.

use std::io::Read;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

const BUNDLED_TSV_GZ: &[u8] = include_bytes!("../../assets/person-names.tsv.gz");

/// Ranks of one name: 1 is the most frequent, 0 means not in that list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct NameRanks {
    pub surname: u32,
    pub given: u32,
}

pub(super) struct PersonNames {
    ranks: FxHashMap<Box<str>, NameRanks>,
}

/// Longest name kept; longer words are not looked up (no allocation for the lower-case key).
const MAX_NAME_BYTES: usize = 24;

impl PersonNames {
    /// The bundled lists, parsed once per process.
    pub fn bundled() -> &'static PersonNames {
        static NAMES: OnceLock<PersonNames> = OnceLock::new();
        NAMES.get_or_init(|| {
            let mut tsv = String::new();
            // The asset is built and checked with the program: a failure here is a broken build, and no
            // names then only means fewer persons recognised.
            let _ = flate2::read::GzDecoder::new(BUNDLED_TSV_GZ).read_to_string(&mut tsv);
            PersonNames::parse(&tsv)
        })
    }

    fn parse(tsv: &str) -> PersonNames {
        let mut ranks = FxHashMap::default();
        for line in tsv.lines().filter(|l| !l.starts_with('#')) {
            let mut fields = line.split('\t');
            let (Some(name), Some(surname), Some(given)) = (fields.next(), fields.next(), fields.next()) else {
                continue;
            };
            if name.len() > MAX_NAME_BYTES {
                continue;
            }
            let ranks_of = NameRanks { surname: surname.parse().unwrap_or(0), given: given.parse().unwrap_or(0) };
            ranks.insert(name.into(), ranks_of);
        }
        PersonNames { ranks }
    }

    /// The ranks of `word` as written (any letter case); zero ranks for words in neither list.
    pub fn ranks(&self, word: &str) -> NameRanks {
        // The census writes names without apostrophes ("OCONNOR" for O'Connor and O’Connor).
        let mut lower = [0u8; MAX_NAME_BYTES];
        let mut len = 0;
        for c in word.chars().filter(|&c| c != '\'' && c != '\u{2019}') {
            if !c.is_ascii() || len == MAX_NAME_BYTES {
                return NameRanks::default();
            }
            lower[len] = c.to_ascii_lowercase() as u8;
            len += 1;
        }
        std::str::from_utf8(&lower[..len]).ok().and_then(|key| self.ranks.get(key).copied()).unwrap_or_default()
    }

    /// A given name among the `top` most frequent.
    pub fn is_given_name(&self, word: &str, top: u32) -> bool {
        let rank = self.ranks(word).given;
        rank != 0 && rank <= top
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn census_ranks() {
        let names = PersonNames::bundled();
        assert_eq!(names.ranks("Jones").surname, 4);
        assert_eq!(names.ranks("JONES").surname, 4);
        assert!((1..=1000).contains(&names.ranks("Castro").surname));
        assert!(names.is_given_name("Virginia", 200));
        assert_eq!(names.ranks("Moscow").surname, 0);
        assert_eq!(names.ranks("Ağrı"), NameRanks::default());
        assert_eq!(names.ranks(""), NameRanks::default());
        assert_eq!(names.ranks("O\u{2019}Connor"), names.ranks("O'Connor"));
        assert_ne!(names.ranks("O'Connor"), NameRanks::default());
    }
}
