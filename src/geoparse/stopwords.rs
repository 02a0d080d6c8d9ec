//! Common English words that GeoNames also lists as place names ("Police" is a town in Poland, "March" one
//! in England). Written with a capital they are nearly always the word, not the place.

use std::ops::Range;
use std::sync::OnceLock;

use rustc_hash::FxHashSet;

/// Kept sorted for binary search (checked by a test).
#[rustfmt::skip]
const COMMON_WORDS: &[&str] = &[
    "About", "Academy", "Accord", "After", "Again", "Against", "Agency", "Air", "Alliance", "Along", "Also",
    "Among", "And", "Another", "Any", "April", "Arab", "Area", "Army", "Around", "August", "Avenue", "Back", "Bank",
    "Bath", "Battle", "Bay", "Beach", "Before", "Bell", "Best", "Between", "Big", "Board", "Both", "Bridge",
    "Bright", "Bureau", "But", "Camp", "Capital", "Cash", "Center", "Central", "Centre", "Chairman", "Chamber",
    "Chance", "Christian", "Christmas", "Church", "City", "Coalition", "College", "Commerce", "Common", "Commons",
    "Concord", "Congress", "Council", "Country", "County", "Court", "Crown", "Date", "Day", "December", "Defense",
    "Democrat", "Deputy", "Division", "Don", "Down", "During", "Each", "Early", "East", "Easter", "Eastern",
    "Eight", "Empire", "Energy", "English", "Enterprise", "Even", "Every", "Fair", "Faith", "Fall", "Family",
    "February", "Federal", "Field", "Five", "Flat", "For", "Force", "Foreign", "Forest", "Fort", "Four", "Freedom",
    "Friday", "From", "Garden", "Gay", "General", "Give", "God", "Gold", "Golden", "Good", "Governor", "Grace",
    "Grand", "Great", "Green", "Guard", "Guide", "Gulf", "Hall", "Hamas", "Harbor", "Harbour", "Has", "Have", "Her",
    "Here", "High", "His", "Holiday", "Home", "Hope", "Hospital", "House", "How", "However", "Human", "Hundred",
    "Independence", "Industry", "Into", "Islam", "Island", "Its", "January", "Jesus", "July", "June", "Just",
    "Justice", "King", "Lake", "Last", "Late", "Leader", "Liberal", "Liberty", "Line", "Little", "Loan", "Long",
    "Lower", "Main", "Major", "Man", "Many", "March", "Marine", "Market", "Mart", "Mass", "May", "Mayor", "Media",
    "Medical", "Middle", "Minister", "Mission", "Mobile", "Monday", "Moon", "More", "Most", "Mount", "Much",
    "National", "Navy", "Never", "New", "News", "Next", "Nice", "Nine", "None", "North", "Northeast", "Northern",
    "Northwest", "Not", "Nov", "November", "Now", "October", "Office", "Old", "One", "Only", "Opportunity",
    "Orange", "Other", "Our", "Over", "Pack", "Page", "Palace", "Park", "Passover", "Peace", "Plain", "Pleasant",
    "Point", "Police", "Port", "Post", "President", "Price", "Prime", "Prince", "Princess", "Progress", "Prospect",
    "Queen", "Reading", "Republic", "Republican", "Rest", "Rice", "River", "Road", "Rock", "Rose", "Round", "Royal",
    "Sale", "Saturday", "Secretary", "September", "Seven", "Share", "She", "Silver", "Since", "Six", "Snow", "Some",
    "South", "Southeast", "Southern", "Southwest", "Split", "Spring", "Square", "Star", "State", "Station", "Still",
    "Story", "Street", "Such", "Summit", "Sun", "Sunday", "Sunshine", "Ten", "That", "The", "Theater", "Their",
    "Then", "There", "These", "They", "This", "Those", "Three", "Thursday", "Time", "Titan", "Today", "Tower",
    "Town", "Trade", "Tuesday", "Two", "Under", "Union", "Unity", "University", "Upper", "Valley", "Victory",
    "Village", "Was", "Wednesday", "Welcome", "Well", "West", "Western", "What", "When", "Where", "While", "White",
    "Who", "Why", "Will", "With", "World", "Worth", "Year", "You", "Young",
];

/// Common given names that are also the names of towns ("Mary" in Turkmenistan, "Paul" in Cape Verde):
/// alone, in English news, they are people.
const GIVEN_NAMES: &[&str] = &[
    "Aaron",
    "Adam",
    "Alan",
    "Albert",
    "Alex",
    "Alice",
    "Amanda",
    "Amy",
    "Andrea",
    "Andrew",
    "Angela",
    "Ann",
    "Anna",
    "Anne",
    "Anthony",
    "Arthur",
    "Ashley",
    "Barbara",
    "Ben",
    "Betty",
    "Bill",
    "Billy",
    "Bob",
    "Bobby",
    "Brandon",
    "Brian",
    "Bruce",
    "Carl",
    "Carol",
    "Caroline",
    "Catherine",
    "Charles",
    "Charlie",
    "Chris",
    "Christina",
    "Christine",
    "Christopher",
    "Craig",
    "Cynthia",
    "Dan",
    "Daniel",
    "Danny",
    "David",
    "Deborah",
    "Dennis",
    "Diane",
    "Donald",
    "Donna",
    "Doris",
    "Dorothy",
    "Doug",
    "Douglas",
    "Earl",
    "Edward",
    "Elizabeth",
    "Emily",
    "Emma",
    "Eric",
    "Eugene",
    "Evelyn",
    "Frank",
    "Fred",
    "Gary",
    "George",
    "Gerald",
    "Gloria",
    "Grace",
    "Greg",
    "Gregory",
    "Harold",
    "Harry",
    "Heather",
    "Helen",
    "Henry",
    "Howard",
    "Jack",
    "Jacob",
    "James",
    "Jane",
    "Janet",
    "Janice",
    "Jason",
    "Jean",
    "Jeff",
    "Jeffrey",
    "Jennifer",
    "Jeremy",
    "Jerry",
    "Jesse",
    "Jessica",
    "Jim",
    "Jimmy",
    "Joan",
    "Joe",
    "John",
    "Johnny",
    "Jonathan",
    "Jose",
    "Joseph",
    "Joshua",
    "Joyce",
    "Juan",
    "Judith",
    "Judy",
    "Julia",
    "Julie",
    "Justin",
    "Karen",
    "Katherine",
    "Kathleen",
    "Kathy",
    "Keith",
    "Kelly",
    "Kenneth",
    "Kevin",
    "Kim",
    "Kristina",
    "Larry",
    "Laura",
    "Lauren",
    "Lawrence",
    "Linda",
    "Lisa",
    "Lori",
    "Louis",
    "Louise",
    "Margaret",
    "Maria",
    "Marie",
    "Marilyn",
    "Mark",
    "Martha",
    "Mary",
    "Matthew",
    "Megan",
    "Melissa",
    "Michael",
    "Michelle",
    "Mike",
    "Nancy",
    "Nathan",
    "Nicholas",
    "Nicole",
    "Pamela",
    "Pat",
    "Patricia",
    "Patrick",
    "Paul",
    "Peter",
    "Philip",
    "Phillip",
    "Ralph",
    "Randy",
    "Raymond",
    "Rebecca",
    "Richard",
    "Rick",
    "Robert",
    "Roger",
    "Ronald",
    "Rose",
    "Roy",
    "Russell",
    "Ruth",
    "Ryan",
    "Samuel",
    "Sandra",
    "Sara",
    "Sarah",
    "Scott",
    "Sean",
    "Sharon",
    "Shirley",
    "Stephanie",
    "Stephen",
    "Steve",
    "Steven",
    "Susan",
    "Teresa",
    "Terry",
    "Thomas",
    "Tim",
    "Timothy",
    "Tina",
    "Todd",
    "Tom",
    "Tony",
    "Tyler",
    "Vincent",
    "Walter",
    "Wayne",
    "William",
    "Willie",
    "Zachary",
];

/// The word lists as hash sets, built on first use: every common word, title and given name; and the common
/// words alone (compared in title case too).
fn word_sets() -> &'static (WordSet, WordSet) {
    static SETS: OnceLock<(WordSet, WordSet)> = OnceLock::new();
    SETS.get_or_init(|| {
        let any = COMMON_WORDS.iter().chain(PERSON_TITLES).chain(GIVEN_NAMES).copied().collect();
        let common = COMMON_WORDS.iter().copied().collect();
        (any, common)
    })
}

type WordSet = FxHashSet<&'static str>;

/// Longer than any common word: such a word needs no title-case look-up.
const MAX_COMMON_WORD_BYTES: usize = 32;

/// True when `word` (one word, as written or in capitals) is a common word rather than a place.
pub(super) fn is_common_word(word: &str) -> bool {
    let (any, common) = word_sets();
    if any.contains(word) {
        return true;
    }
    // "MARCH", "POLICE": compare in title case (the first letter as written, the rest in lower case).
    if word.is_ascii() {
        let bytes = word.as_bytes();
        if bytes.len() > MAX_COMMON_WORD_BYTES || !bytes.iter().skip(1).any(u8::is_ascii_uppercase) {
            // Too long for the list, or already in title case (then it was looked up above).
            return false;
        }
        let mut title = [0u8; MAX_COMMON_WORD_BYTES];
        title[0] = bytes[0];
        for (to, from) in title[1..bytes.len()].iter_mut().zip(&bytes[1..]) {
            *to = from.to_ascii_lowercase();
        }
        return std::str::from_utf8(&title[..bytes.len()]).is_ok_and(|t| common.contains(t));
    }
    let mut chars = word.chars();
    let Some(first) = chars.next() else { return false };
    let title: String = std::iter::once(first).chain(chars.flat_map(char::to_lowercase)).collect();
    title != word && common.contains(title.as_str())
}

/// Words that continue a place name into a larger place ("Aleppo Province") or that a date or a clause
/// may put after one ("in Ohio Tuesday"): the match stays a place.
const PLACE_SUFFIXES: &[&str] = &[
    "Airport",
    "April",
    "Area",
    "August",
    "Borough",
    "City",
    "County",
    "December",
    "District",
    "February",
    "Friday",
    "Governorate",
    "January",
    "July",
    "June",
    "March",
    "May",
    "Monday",
    "November",
    "Oblast",
    "October",
    "Parish",
    "Province",
    "Region",
    "Saturday",
    "September",
    "State",
    "Sunday",
    "Territory",
    "Thursday",
    "Township",
    "Tuesday",
    "Valley",
    "Wednesday",
];

/// True when the match is followed by another capitalised word, as in a person's or an organisation's name
/// ("Badr Jamus", "The Moscow Times", "Washington Post"). Place names that run on are in the gazetteer as a
/// whole ("Kuala Lumpur"), and matching takes the longest, so what remains is rarely a place.
pub(super) fn starts_a_longer_name(text: &str, range: &Range<usize>) -> bool {
    let Some(mut rest) = text[range.end..].strip_prefix(' ') else {
        return false;
    };
    // A French, Italian or Spanish particle joins the name to a longer one the gazetteer lacks ("Palais des
    // Nations", "Musée du Louvre"); names it has ("Rio de Janeiro") were matched whole before this.
    if let Some(after) = NAME_PARTICLES.iter().find_map(|p| rest.strip_prefix(p).and_then(|r| r.strip_prefix(' '))) {
        rest = after;
        let next: &str = rest.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
        return next.chars().next().is_some_and(char::is_uppercase);
    }
    let next: &str = rest.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    let mut chars = next.chars();
    let capitalised = chars.next().is_some_and(char::is_uppercase) && chars.next().is_some_and(char::is_lowercase);
    capitalised && !PLACE_SUFFIXES.contains(&next) && !PUBLIC_BODIES.contains(&next)
}

/// Particles inside Romance proper names, longest first so "de la" is tried before a shorter one.
const NAME_PARTICLES: &[&str] = &["de las", "de los", "de la", "degli", "della", "des", "dei", "du"];

/// Words that make the place before them the seat of a public body or service ("Ohio Department of
/// Transportation", "Dublin City Council", "Georgia Bureau of Investigation"): the place is still named,
/// unlike in a title of its own ("Washington Post", "Paris Hilton").
const PUBLIC_BODIES: &[&str] = &[
    "Assembly",
    "Association",
    "Authority",
    "Board",
    "Bureau",
    "Chamber",
    "Coalition",
    "College",
    "Commission",
    "Community",
    "Convention",
    "Council",
    "Court",
    "Department",
    "Division",
    "Fire",
    "General",
    "Guard",
    "Health",
    "Highway",
    "Historical",
    "Hospital",
    "House",
    "Legislature",
    "Library",
    "Medical",
    "Museum",
    "National",
    "Office",
    "Police",
    "Public",
    "School",
    "Schools",
    "Senate",
    "Service",
    "Sheriff",
    "Society",
    "Supreme",
    "Turnpike",
    "University",
    "Zoo",
];

/// Words that name a part of a place or its surroundings and go before its name ("Southern California",
/// "Greater London", "Downtown Atlanta").
const QUALIFIERS: &[&str] = &[
    "Central",
    "Coastal",
    "Downtown",
    "East",
    "Eastern",
    "Greater",
    "Inner",
    "Lower",
    "Metro",
    "Mid",
    "North",
    "Northeast",
    "Northeastern",
    "Northern",
    "Northwest",
    "Northwestern",
    "Outer",
    "Rural",
    "South",
    "Southeast",
    "Southeastern",
    "Southern",
    "Southwest",
    "Southwestern",
    "Upper",
    "West",
    "Western",
];

/// Titles and roles that go before a person's name ("Sen. Clinton", "Mayor Lincoln").
const PERSON_TITLES: &[&str] = &[
    "Bishop",
    "Brother",
    "Capt",
    "Captain",
    "Chief",
    "Coach",
    "Col",
    "Commissioner",
    "Councilman",
    "Councilwoman",
    "Cpl",
    "Deputy",
    "Det",
    "Detective",
    "Dr",
    "Father",
    "Gen",
    "General",
    "Gov",
    "Governor",
    "Judge",
    "Justice",
    "Lt",
    "Mayor",
    "Miss",
    "Mr",
    "Mrs",
    "Ms",
    "Officer",
    "Pastor",
    "President",
    "Prof",
    "Rep",
    "Rev",
    "Sen",
    "Senator",
    "Sgt",
    "Sheriff",
    "Sir",
    "Sister",
    "Supt",
    "Trooper",
];

/// How the word before a name reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Before {
    /// Nothing that says anything about the name.
    Neutral,
    /// A title or a capitalised word that makes the name part of a person's name ("Raquel Henry", "Sen. Boxer").
    PersonName,
}

/// Reads the word before the match at `start`.
pub(super) fn word_before(text: &str, start: usize) -> Before {
    let Some(word) = super::recognise::previous_word(text, start) else {
        return Before::Neutral;
    };
    let previous = &text[word.start..word.end];
    let separator = &text[word.end..start];
    if PERSON_TITLES.contains(&previous) && (separator == " " || separator == ". ") {
        return Before::PersonName;
    }
    if separator != " " {
        return Before::Neutral;
    }
    if GIVEN_NAMES.binary_search(&previous).is_ok() {
        return Before::PersonName;
    }
    let mut chars = previous.chars();
    let capitalised = chars.next().is_some_and(char::is_uppercase) && chars.all(|c| c.is_lowercase());
    if !capitalised || QUALIFIERS.contains(&previous) || is_common_word(previous) {
        return Before::Neutral;
    }
    // A capitalised first word of a sentence may be any word ("Rethinking Egypt"): no evidence either way.
    if is_sentence_start(text, word.start) {
        return Before::Neutral;
    }
    Before::PersonName
}

/// True when the word at `start` begins a sentence: at the start of the text or of a line, or after a
/// full stop, question or exclamation mark (and any quotes).
pub(super) fn is_sentence_start(text: &str, start: usize) -> bool {
    for c in text[..start].chars().rev() {
        match c {
            ' ' | '\t' | '"' | '\'' | '\u{201c}' | '\u{2018}' | '(' => continue,
            '\n' | '.' | '!' | '?' | ':' => return true,
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_sorted_for_binary_search() {
        assert!(COMMON_WORDS.windows(2).all(|w| w[0] <= w[1]));
        assert!(GIVEN_NAMES.windows(2).all(|w| w[0] <= w[1]));
    }

    #[test]
    fn common_words_fit_the_title_case_buffer() {
        assert!(COMMON_WORDS.iter().all(|w| w.len() <= MAX_COMMON_WORD_BYTES));
    }

    #[test]
    fn common_word_look_up_agrees_with_the_lists() {
        // The hash sets and the allocation-free title case must say what searching the lists says.
        let by_lists = |word: &str| {
            let title: String = word.chars().take(1).chain(word.chars().skip(1).flat_map(char::to_lowercase)).collect();
            COMMON_WORDS.contains(&word)
                || PERSON_TITLES.contains(&word)
                || GIVEN_NAMES.contains(&word)
                || (title != word && COMMON_WORDS.contains(&title.as_str()))
        };
        let words = [
            "March",
            "MARCH",
            "mARCH",
            "march",
            "Police",
            "POLICE",
            "Bishop",
            "BISHOP",
            "Aaron",
            "AARON",
            "Paris",
            "PARIS",
            "Ağrı",
            "AĞRI",
            "Über",
            "ÜBER",
            "",
            "X",
            "Independence",
            "INDEPENDENCEDAY",
        ];
        for word in words {
            assert_eq!(is_common_word(word), by_lists(word), "{word}");
        }
        for &word in COMMON_WORDS.iter().chain(PERSON_TITLES).chain(GIVEN_NAMES) {
            assert!(is_common_word(word), "{word}");
            let upper = word.to_uppercase();
            assert_eq!(is_common_word(&upper), by_lists(&upper), "{upper}");
        }
    }

    #[test]
    fn common_words_in_any_case() {
        assert!(is_common_word("March"));
        assert!(is_common_word("MARCH"));
        assert!(!is_common_word("Moscow"));
        assert!(!is_common_word("MOSCOW"));
    }

    #[test]
    fn person_names_before_a_match() {
        let cases = [
            ("Chiquita Raquel Henry, 19, was arrested", "Henry", Before::PersonName),
            ("said Sen. Boxer on Monday", "Boxer", Before::PersonName),
            ("Police in Paris said", "Paris", Before::Neutral),
            ("In Paris, police said", "Paris", Before::Neutral),
            ("Fires in Southern California spread", "California", Before::Neutral),
            ("The Hague court", "Hague", Before::Neutral),
            ("Officials. Georgia said", "Georgia", Before::Neutral),
        ];
        for (text, name, expected) in cases {
            let start = text.find(name).unwrap();
            assert_eq!(word_before(text, start), expected, "{text}");
        }
    }

    #[test]
    fn sentence_starts() {
        assert!(is_sentence_start("Reading is fun", 0));
        assert!(is_sentence_start("He left. \"Reading is fun", 10));
        assert!(!is_sentence_start("in Reading", 3));
    }

    #[test]
    fn longer_names() {
        assert!(starts_a_longer_name("Badr Jamus said", &(0..4)));
        assert!(!starts_a_longer_name("Aleppo Province", &(0..6)));
        assert!(!starts_a_longer_name("Moscow said", &(0..6)));
        assert!(!starts_a_longer_name("Moscow. The", &(0..6)));
        assert!(!starts_a_longer_name("MOSCOW (AP)", &(0..6)));
        assert!(!starts_a_longer_name("in Ohio Tuesday", &(3..7)));
        // Regression: "Palais" alone is a town in Brittany.
        assert!(starts_a_longer_name("at the Palais des Nations in", &(7..13)));
        assert!(starts_a_longer_name("Puerta de la Luz", &(0..6)));
        assert!(!starts_a_longer_name("Moscow du jour", &(0..6)), "a lower-case word after the particle");
    }
}
