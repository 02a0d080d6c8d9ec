//! Finding places by the name a user types, for corrections: prefix matches on names and alternate names,
//! compared as the gazetteer's name keys are (any letter case, punctuation ignored).

use super::{Gazetteer, PlaceId, PlaceKind};

/// Places whose name or alternate name starts with `query` (any letter case), countries first, then by
/// population; at most `limit`.
pub fn search(gazetteer: &Gazetteer, query: &str, limit: usize) -> Vec<PlaceId> {
    let query = query.trim();
    if query.is_empty() {
        return Vec::new();
    }
    let mut key = String::with_capacity(query.len());
    super::name_key(query, &mut key);
    if key.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<PlaceId> = Vec::new();
    for (name, senses) in gazetteer.names() {
        if name.starts_with(&key) {
            found.extend_from_slice(senses);
        }
    }
    found.sort_unstable();
    found.dedup();
    found.sort_by_key(|&id| {
        let place = gazetteer.place(id);
        (place.kind != PlaceKind::Country, std::cmp::Reverse(place.population), id)
    });
    found.truncate(limit);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_by_prefix_and_alternate_name_biggest_first() {
        let gaz = Gazetteer::bundled();
        let names = |q: &str| -> Vec<String> {
            search(gaz, q, 3)
                .iter()
                .map(|&id| format!("{} {}", gaz.place(id).name, gaz.place(id).country_code))
                .collect()
        };
        assert_eq!(names("genev")[0], "Geneva CH");
        assert!(names("GENEVA").iter().any(|n| n == "Geneva US"), "{:?}", names("GENEVA"));
        assert_eq!(names("Nur-Sultan")[0], "Astana KZ");
        assert!(names("  ").is_empty());
        assert!(names("Qqqzz").is_empty());
    }
}
