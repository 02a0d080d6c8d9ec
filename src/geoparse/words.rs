//! The word tables the place finder reads context with: common English words that GeoNames also lists as
//! places ("Police" is a town in Poland, "March" one in England; written with a capital they are nearly always
//! the word), given names, titles that go before a person's name, words that continue a place name into a larger
//! one, words that make a place the seat of a public body, and words that name a part of a place.

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

/// Kept sorted for binary search (checked by a test). The planets are here too: alone, "Earth" is not the town
/// in Texas, nor "Mars" the one in Pennsylvania.
#[rustfmt::skip]
pub(super) const COMMON_WORDS: &[&str] = &[
    "About", "Academy", "Accord", "Across", "After", "Again", "Against", "Agency", "Air", "Alliance", "Along", "Also",
    "Among", "And", "Another", "Any", "April", "Arab", "Area", "Army", "Around", "At", "August", "Avenue", "Back",
    "Bank", "Bath", "Battle", "Bay", "Beach", "Before", "Bell", "Best", "Between", "Big", "Board", "Both", "Bridge",
    "Bright", "Bureau", "But", "By", "Camp", "Can", "Capital", "Cash", "Center", "Central", "Centre", "Chairman",
    "Chamber", "Chance", "Christian", "Christmas", "Church", "City", "Coalition", "College", "Commerce", "Common",
    "Commons", "Commonwealth", "Congress", "Council", "Country", "County", "Court", "Crown", "Date", "Day", "December",
    "Defense", "Democrat", "Deputy", "Division", "Don", "Down", "During", "Each", "Early", "Earth", "East", "Easter",
    "Eastern", "Eight", "Empire", "Energy", "English", "Enterprise", "Even", "Every", "Fair", "Faith", "Fall", "Family",
    "February", "Federal", "Field", "Five", "Flat", "For", "Force", "Foreign", "Forest", "Fort", "Four", "Freedom",
    "Friday", "From", "Garden", "Gay", "General", "Give", "God", "Gold", "Golden", "Good", "Governor", "Grace", "Grand",
    "Great", "Green", "Guard", "Guide", "Gulf", "Hall", "Hamas", "Harbor", "Harbour", "Has", "Have", "Her", "Here",
    "High", "Highway", "His", "Holiday", "Home", "Hope", "Hospital", "House", "How", "However", "Human", "Hundred",
    "In", "Independence", "Industry", "Into", "Islam", "Island", "Its", "January", "Jesus", "July", "June", "Just",
    "Justice", "King", "Labor", "Labour", "Lake", "Last", "Late", "Leader", "Liberal", "Liberty", "Line", "Little",
    "Loan", "Long", "Loop", "Lower", "Main", "Major", "Man", "Many", "March", "Marine", "Market", "Mars", "Mart",
    "Mass", "May", "Mayor", "Media", "Medical", "Mercury", "Metro", "Middle", "Mill", "Minister", "Mission", "Mobile",
    "Monday", "Moon", "More", "Most", "Mount", "Much", "National", "Navy", "Near", "Never", "New", "News", "Next",
    "Nice", "Nine", "None", "North", "Northeast", "Northern", "Northwest", "Not", "Nov", "November", "Now", "October",
    "Of", "Office", "Old", "Olympic", "On", "One", "Only", "Onto", "Opportunity", "Orange", "Other", "Our", "Outside",
    "Over", "Pack", "Page", "Palace", "Park", "Passover", "Peace", "Plain", "Pleasant", "Pluto", "Point", "Police",
    "Port", "Post", "President", "Price", "Prime", "Prince", "Princess", "Prix", "Progress", "Prospect", "Queen",
    "Reading", "Republic", "Republican", "Reservoir", "Rest", "Rice", "River", "Road", "Rock", "Rose", "Round", "Royal",
    "Sale", "Saturday", "Saturn", "Secretary", "September", "Seven", "Share", "She", "Silver", "Since", "Six", "Snow",
    "Some", "South", "Southeast", "Southern", "Southwest", "Split", "Spring", "Square", "Star", "State", "Station",
    "Still", "Story", "Street", "Such", "Summit", "Sun", "Sunday", "Sunshine", "Ten", "That", "The", "Theater", "Their",
    "Then", "There", "These", "They", "This", "Those", "Three", "Through", "Thursday", "Time", "Titan", "To", "Today",
    "Tour", "Toward", "Towards", "Tower", "Town", "Trade", "Tuesday", "Two", "Under", "Union", "Unity", "University",
    "Until", "Upon", "Upper", "Valley", "Venus", "Via", "Victory", "Village", "Was", "Wednesday", "Welcome", "Well",
    "West", "Western", "What", "When", "Where", "While", "White", "Who", "Why", "Will", "With", "Within", "World",
    "Worth", "Year", "You", "Young",
];

/// Common given names that are also the names of towns ("Mary" in Turkmenistan, "Paul" in Cape Verde):
/// alone, in English news, they are people. With them, the most frequent Arabic given names, which the census
/// lists of [`super::person_names`] lack, so that "Mohammed Rashid" is a person (Rashid is Rosetta's Arabic name).
pub(super) const GIVEN_NAMES: &[&str] = &[
    "Aaron",
    "Abdel",
    "Abdul",
    "Abdullah",
    "Adam",
    "Ahmad",
    "Ahmed",
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
    "Ibrahim",
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
    "Khaled",
    "Khalid",
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
    "Mahmoud",
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
    "Mohamed",
    "Mohammad",
    "Mohammed",
    "Muhammad",
    "Mustafa",
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
    "Yusuf",
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

/// True when `word`, as written, is one of [`GIVEN_NAMES`].
pub(super) fn is_given_name(word: &str) -> bool {
    GIVEN_NAMES.binary_search(&word).is_ok()
}

/// True when `word` (one word, as written or in capitals) is a common word rather than a place.
pub(super) fn is_common_word(word: &str) -> bool {
    let (any, common) = word_sets();
    if any.contains(word) {
        return true;
    }
    // The plural of a common word ("Marines", "Highways"), but not the own name of a city of a million people
    // or more (New York's borough of Queens; checked against the bundled gazetteer, it is the only one).
    if let Some(singular) = word.strip_suffix('s')
        && singular.len() > 2
        && word != "Queens"
        && common.contains(singular)
    {
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
pub(super) const PLACE_SUFFIXES: &[&str] = &[
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

/// Words joined after a place's name by a hyphen that keep it a place: "Moscow-based", "Atlanta-area",
/// "Kabul-bound", "Texas-wide", "Moscow-backed".
pub(super) const HYPHENATED_AFTER_A_PLACE: &[&str] =
    &["area", "backed", "based", "born", "bound", "controlled", "headquartered", "held", "led", "registered", "wide"];

/// Words joined before a place's name by a hyphen that keep it a place: "pro-Moscow", "post-Soviet",
/// "made-in-China", and the party letter of a lawmaker's district ("D-Columbus", "R-Texas").
pub(super) const HYPHENATED_BEFORE_A_PLACE: &[&str] =
    &["anti", "D", "ex", "I", "in", "mid", "non", "post", "pre", "pro", "R", "trans"];

/// Particles inside Romance proper names, longest first so "de la" is tried before a shorter one.
pub(super) const NAME_PARTICLES: &[&str] = &["de las", "de los", "de la", "degli", "della", "des", "dei", "du", "de"];

/// Words that make the place before them the seat of a public body or service ("Ohio Department of
/// Transportation", "Dublin City Council", "Georgia Bureau of Investigation"): the place is still named,
/// unlike in a title of its own ("Washington Post", "Paris Hilton").
pub(super) const PUBLIC_BODIES: &[&str] = &[
    "Arts",
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
    "Emergency",
    "Environmental",
    "Fire",
    "General",
    "Government",
    "Guard",
    "Health",
    "Highway",
    "Historical",
    "Hospital",
    "House",
    "Legislature",
    "Library",
    "Mayor",
    "Medical",
    "Metropolitan",
    "Municipal",
    "Museum",
    "National",
    "Office",
    "Parks",
    "Police",
    "Public",
    "Regional",
    "School",
    "Schools",
    "Senate",
    "Service",
    "Sheriff",
    "Society",
    "Supreme",
    "Tourism",
    "Transit",
    "Turnpike",
    "University",
    "Zoo",
];

/// Offices of a place, written after its name before the holder's ("Manitoba Premier Brian Pallister",
/// "Texas Gov. Rick Perry", "Dublin City Manager"): the place is named.
pub(super) const OFFICES: &[&str] = &[
    "Ambassador",
    "Archbishop",
    "Assemblyman",
    "Assemblywoman",
    "Attorney",
    "Auditor",
    "Bishop",
    "Clerk",
    "Commissioner",
    "Congressman",
    "Congresswoman",
    "Coroner",
    "Councilman",
    "Councilwoman",
    "Gov",
    "Governor",
    "King",
    "Manager",
    "Minister",
    "Premier",
    "President",
    "Prime",
    "Prosecutor",
    "Queen",
    "Rep",
    "Representative",
    "Secretary",
    "Sen",
    "Senator",
    "Superintendent",
    "Treasurer",
];

/// Words that name a part of a place or its surroundings and go before its name ("Southern California",
/// "Greater London", "Downtown Atlanta").
pub(super) const QUALIFIERS: &[&str] = &[
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

/// Words for a regime or an era of a state that go before its name ("Nazi Germany", "Soviet Russia", "Imperial
/// Japan", "Ottoman Turkey"): the place in its time, not a person's given name.
pub(super) const REGIMES: &[&str] = &[
    "Ancient",
    "Colonial",
    "Communist",
    "Czarist",
    "Fascist",
    "Francoist",
    "Imperial",
    "Maoist",
    "Medieval",
    "Nazi",
    "Occupied",
    "Ottoman",
    "Postwar",
    "Prewar",
    "Revolutionary",
    "Soviet",
    "Tsarist",
    "Wartime",
];

/// Titles and roles that go before a person's name ("Sen. Clinton", "Mayor Lincoln").
pub(super) const PERSON_TITLES: &[&str] = &[
    "Ambassador",
    "Bishop",
    "Brother",
    "Capt",
    "Captain",
    "Chief",
    "Coach",
    "Col",
    "Commissioner",
    "Const",
    "Constable",
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
    "King",
    "Lt",
    "Maj",
    "Mayor",
    "Minister",
    "Miss",
    "Mr",
    "Mrs",
    "Ms",
    "Officer",
    "Pastor",
    "President",
    "Prince",
    "Princess",
    "Prof",
    "Pvt",
    "Queen",
    "Rabbi",
    "Rep",
    "Reps",
    "Rev",
    "Secretary",
    "Sen",
    "Senator",
    "Sens",
    "Sgt",
    "Sheriff",
    "Sir",
    "Sister",
    "Supt",
    "Trooper",
];

/// Buildings whose names are also (translated) names of towns: the White House is not Casablanca (Dar el Beida).
/// Matched whole, they are the building, which the map does not show.
pub(super) const BUILDINGS: &[&str] = &["Kremlin", "Palais des Nations", "Pentagon", "White House"];

/// Patterns of the climate named like towns (El Niño in Baja California): in news they are the weather.
pub(super) const CLIMATE_PATTERNS: &[&str] = &["El Niño", "El Nino", "La Niña", "La Nina"];

/// Breeds of livestock named after their places ("Angus cattle", "a dairy Holstein", "Suffolk sheep"): before
/// one of [`LIVESTOCK`], or after "dairy", the breed.
pub(super) const BREEDS: &[&str] = &[
    "Angus",
    "Ayrshire",
    "Berkshire",
    "Brahman",
    "Charolais",
    "Clydesdale",
    "Dorset",
    "Galloway",
    "Guernsey",
    "Hampshire",
    "Hereford",
    "Holstein",
    "Jersey",
    "Limousin",
    "Shetland",
    "Simmental",
    "Suffolk",
    "Texel",
    "Yorkshire",
];

/// Animals that follow a breed's name ([`BREEDS`]).
pub(super) const LIVESTOCK: &[&str] = &[
    "beef", "breed", "breeder", "breeders", "breeds", "bull", "bulls", "calf", "calves", "cattle", "cow", "cows",
    "ewe", "ewes", "heifer", "heifers", "hog", "hogs", "horse", "horses", "lamb", "lambs", "pig", "pigs", "ponies",
    "pony", "ram", "rams", "sheep", "steer", "steers",
];

/// Lower-case words that begin a surname ("de Kock", "van Gogh", "von Trapp", "da Silva").
pub(super) const SURNAME_PARTICLES: &[&str] =
    &["de", "van", "von", "der", "den", "da", "di", "du", "del", "della", "dos", "ter", "arap", "bin", "ibn"];

/// Alliances, agencies and armed groups whose names GeoNames has as towns' ("Nato" in the Philippines, "Taliban" as
/// another name of Bozhüyük in Turkey): in news they are the body, in capitals too.
pub(super) const ORGANISATIONS: &[&str] = &[
    "ASEAN",
    "Daesh",
    "Fatah",
    "Hamas",
    "Hezbollah",
    "Houthi",
    "Houthis",
    "ISIL",
    "ISIS",
    "Likud",
    "Mafia",
    "NASA",
    "NATO",
    "OPEC",
    "OSCE",
    "Shabab",
    "Taliban",
    "UNESCO",
    "UNICEF",
];

/// News agencies whose names are also towns' (Xinhua in China, Yonhap): in news they are the agency.
pub(super) const NEWS_AGENCIES: &[&str] = &["Bernama", "Interfax", "Kyodo", "Tass", "Xinhua", "Yonhap"];

/// Brands so often in the news under their one word that the bare word is the brand unless the article puts it
/// in a place ("Cadillac's new V8" against "in Cadillac, Mich."): each is also the name of small towns only
/// (Cadillac, Michigan; Zara, Turkey; Tata, Hungary; Hermes, France). Brands named after large places
/// ("Toyota", "Nokia") are in [`COMPANIES`].
pub(super) const BRANDS: &[&str] = &[
    "Alcoa",
    "Cadillac",
    "Canon",
    "Carlsberg",
    "Dunlop",
    "Hermes",
    "Hermès",
    "Kellogg",
    "Macy",
    "Monsanto",
    "Pemex",
    "Puma",
    "Tata",
    "Zara",
];

/// Peoples whose name is also that of small towns or counties only, or another name of one ("Igbo" of
/// Igbo-Ukwu, Nigeria; "Berber", Sudan; "Mohawk", New York; "Apache", Apache County): the people unless the
/// article puts the name in a place.
pub(super) const PEOPLES: &[&str] = &[
    "Apache", "Berber", "Cherokee", "Choctaw", "Comanche", "Igbo", "Kikuyu", "Maya", "Mohawk", "Navajo", "Seminole",
    "Sioux", "Walloon",
];

/// Faiths' adjectives, which come before a place as a people's do ("Jewish West Bank settlements", "Sunni
/// Anbar"), not as a given name does.
pub(super) const FAITHS: &[&str] = &[
    "Buddhist",
    "Catholic",
    "Druze",
    "Hindu",
    "Jewish",
    "Moslem",
    "Muslim",
    "Orthodox",
    "Protestant",
    "Shia",
    "Shiite",
    "Sikh",
    "Sunni",
];

/// Surnames of people so often in the news under their surname alone that the bare word is the person unless
/// the article puts it in a place ("Lincoln visited the troops" against "in Lincoln", "Lincoln police",
/// "LINCOLN, Neb."): presidents and leaders whose surnames are also towns (Lincoln, Nebraska; Obama, Japan;
/// Fort Abbas, Pakistan) or another name of a city (Stalin, of Donetsk; Gorky, of Nizhny Novgorod).
pub(super) const FAMOUS_SURNAMES: &[&str] = &[
    "Abbas",
    "Andropov",
    "Annan",
    "Aquino",
    "Arafat",
    "Brezhnev",
    "Bush",
    "Castro",
    "Chirac",
    "Clinton",
    "Engels",
    "Gorky",
    "Jefferson",
    "Kennedy",
    "Lincoln",
    "Livni",
    "Lula",
    "Mandela",
    "Mao",
    "Marcos",
    "Merkel",
    "Morsi",
    "Mubarak",
    "Nasrallah",
    "Nixon",
    "Obama",
    "Sadat",
    "Schroeder",
    "Sisi",
    "Stalin",
    "Tito",
    "Truman",
];

/// Figures of legend that small towns are named after (Santa Claus, Indiana): the figure unless the article puts
/// the name in a place ("in Santa Claus, Ind.").
pub(super) const LEGENDS: &[&str] = &["Father Christmas", "Santa Claus"];

/// Royals named in the news by title and given name, which a few villages bear too (Prince Charles and Queen
/// Elizabeth in Canada): the person, wherever the article names them ("Diana and Prince Charles divorced").
/// Not Princess Anne, a county seat in Maryland.
pub(super) const ROYALS: &[&str] = &[
    "King Charles",
    "Prince Andrew",
    "Prince Charles",
    "Prince Harry",
    "Prince Philip",
    "Prince William",
    "Princess Diana",
    "Queen Elizabeth",
];

/// Companies whose names are also towns' (Toyota and Honda in Japan, Continental in Ohio, McDonald in
/// Pennsylvania, DuPont in Washington; Mobil, another name of Mobile, Alabama): in English news, the company
/// (or its cars, or its restaurants).
pub(super) const COMPANIES: &[&str] =
    &["Continental", "Du Pont", "DuPont", "Google", "Honda", "McDonald", "Mobil", "Nokia", "Toyota"];

/// English words that GeoNames also has as one-word place names and that the dictionary has only in lower
/// case ("reserve", "federation", "due"): `assets/english-words.txt`, built by `tools/build-name-lists`.
pub(super) fn is_english_word(word: &str) -> bool {
    static WORDS: OnceLock<WordSet> = OnceLock::new();
    let words = WORDS.get_or_init(|| {
        include_str!("../../assets/english-words.txt").lines().filter(|l| !l.starts_with('#')).collect()
    });
    let bytes = word.as_bytes();
    if bytes.len() > MAX_COMMON_WORD_BYTES || !word.is_ascii() {
        return false;
    }
    let mut lower = [0u8; MAX_COMMON_WORD_BYTES];
    for (to, from) in lower.iter_mut().zip(bytes) {
        *to = from.to_ascii_lowercase();
    }
    std::str::from_utf8(&lower[..bytes.len()]).is_ok_and(|l| words.contains(l))
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
}
