//! Common English words that GeoNames also lists as place names ("Police" is a town in Poland, "March" one
//! in England). Written with a capital they are nearly always the word, not the place.

use std::ops::Range;

/// Kept sorted for binary search (checked by a test).
#[rustfmt::skip]
const COMMON_WORDS: &[&str] = &[
    "About", "Academy", "Accord", "After", "Again", "Against", "Agency", "Alliance", "Along", "Also", "Among",
    "And", "Another", "Any", "April", "Army", "Around", "August", "Avenue", "Back", "Bank", "Bath", "Battle",
    "Beach", "Before", "Best", "Between", "Big", "Board", "Both", "Bridge", "But", "Camp", "Capital", "Center",
    "Central", "Centre", "Chairman", "Chance", "Church", "City", "Coalition", "College", "Commerce", "Common",
    "Concord", "Congress", "Council", "Country", "County", "Court", "Crown", "Date", "Day", "December", "Defense",
    "Deputy", "Down", "During", "Each", "Early", "East", "Eastern", "Eight", "Empire", "Energy", "Enterprise",
    "Even", "Every", "Fair", "Faith", "Fall", "Family", "February", "Field", "Five", "Flat", "For", "Foreign",
    "Forest", "Fort", "Four", "Freedom", "Friday", "From", "Garden", "General", "Gold", "Golden", "Good",
    "Governor", "Grand", "Great", "Green", "Harbor", "Harbour", "Has", "Have", "Her", "Here", "High", "His", "Home",
    "Hope", "Hospital", "House", "However", "Human", "Hundred", "Independence", "Industry", "Into", "Island", "Its",
    "January", "July", "June", "Just", "Justice", "King", "Lake", "Last", "Late", "Liberty", "Little", "Long",
    "Lower", "Main", "Major", "Man", "Many", "March", "Market", "May", "Mayor", "Middle", "Minister", "Mission",
    "Mobile", "Monday", "More", "Most", "Mount", "Much", "National", "Never", "New", "News", "Next", "Nice", "Nine",
    "North", "Northern", "Not", "November", "Now", "October", "Office", "Old", "One", "Only", "Opportunity",
    "Orange", "Other", "Our", "Over", "Palace", "Park", "Peace", "Plain", "Pleasant", "Point", "Police", "Port",
    "Post", "President", "Prime", "Prince", "Princess", "Progress", "Prospect", "Queen", "Reading", "Republic",
    "Rest", "River", "Road", "Rock", "Round", "Royal", "Sale", "Saturday", "Secretary", "September", "Seven",
    "Share", "She", "Silver", "Since", "Six", "Snow", "Some", "South", "Southern", "Split", "Spring", "Square",
    "State", "Station", "Still", "Street", "Such", "Summit", "Sunday", "Sunshine", "Ten", "That", "The", "Their",
    "Then", "There", "These", "They", "This", "Those", "Three", "Thursday", "Time", "Today", "Tower", "Town",
    "Trade", "Tuesday", "Two", "Under", "Union", "Unity", "University", "Upper", "Valley", "Victory", "Village",
    "Was", "Wednesday", "Well", "West", "Western", "What", "When", "Where", "While", "White", "Who", "Will", "With",
    "World", "Year", "You", "Young",
];

/// True when the single word at `range` of `text` is a common word rather than a place.
pub(super) fn is_common_word(text: &str, range: &Range<usize>) -> bool {
    let word = &text[range.clone()];
    !word.contains(' ') && COMMON_WORDS.binary_search(&word).is_ok()
}

/// Words that continue a place name into a larger place ("Aleppo Province"): the match stays a place.
const PLACE_SUFFIXES: &[&str] = &[
    "Airport",
    "Area",
    "City",
    "County",
    "District",
    "Governorate",
    "Oblast",
    "Province",
    "Region",
    "State",
    "Territory",
    "Valley",
];

/// True when the match is followed by another capitalised word, as in a person's or an organisation's name
/// ("Badr Jamus", "The Moscow Times", "Washington Post"). Place names that run on are in the gazetteer as a
/// whole ("Kuala Lumpur"), and matching takes the longest, so what remains is rarely a place.
pub(super) fn starts_a_longer_name(text: &str, range: &Range<usize>) -> bool {
    let Some(rest) = text[range.end..].strip_prefix(' ') else {
        return false;
    };
    let next: &str = rest.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    let mut chars = next.chars();
    let capitalised = chars.next().is_some_and(char::is_uppercase) && chars.next().is_some_and(char::is_lowercase);
    capitalised && !PLACE_SUFFIXES.contains(&next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_sorted_for_binary_search() {
        assert!(COMMON_WORDS.windows(2).all(|w| w[0] <= w[1]));
    }

    #[test]
    fn only_single_words_are_filtered() {
        assert!(is_common_word("In March", &(3..8)));
        assert!(!is_common_word("Nice city", &(0..9)));
        assert!(!is_common_word("Moscow", &(0..6)));
    }

    #[test]
    fn longer_names() {
        assert!(starts_a_longer_name("Badr Jamus said", &(0..4)));
        assert!(!starts_a_longer_name("Aleppo Province", &(0..6)));
        assert!(!starts_a_longer_name("Moscow said", &(0..6)));
        assert!(!starts_a_longer_name("Moscow. The", &(0..6)));
        assert!(!starts_a_longer_name("MOSCOW (AP)", &(0..6)));
    }
}
