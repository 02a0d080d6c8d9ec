//! Confidence that a mention is right: a real place, put within 161 km of where it is.
//!
//! The disambiguation's own margin (how far the chosen sense scores ahead of the next) says only whether the
//! right namesake was picked; most wrong markers are words that are no place at all ("Bush", "Reserve"), on
//! which that margin is often complete. So the confidence shown is a logistic model over what is known of the
//! mention: the margin, the kind and size of the place, whether the name is its own or an alternate, how the
//! name reads as a person's or an English word, how often the article names it. Its weights are fitted by
//! `tools/calibrate` on the three public gold sets pooled (LGL, TR-News, GeoVirus), and the README prints the
//! reliability table that the same command gives.

use crate::gazetteer::{Place, PlaceKind};

use super::person_names::PersonNames;
use super::words::is_english_word;

/// What is known of one mention when its confidence is worked out.
#[derive(Debug, Clone, Copy)]
pub(super) struct Evidence<'a> {
    /// The disambiguation's margin as a probability: 1 for a name with one sense.
    pub margin: f64,
    pub senses: usize,
    pub place: &'a Place,
    /// The name as written is the place's own name, not one of its alternates.
    pub own_name: bool,
    pub words: u8,
    pub capitals: bool,
    pub demonym: bool,
    /// Mentions of the name in the article.
    pub mentions: usize,
    pub written: &'a str,
    /// Shares of the article's other places in the same country, and within 100 km.
    pub same_country: f64,
    pub near: f64,
    /// Distinct names of places in the article.
    pub names: usize,
}

/// Number of features.
pub const FEATURES: usize = 18;

/// The features of a mention, in the order of [`WEIGHTS`] (the first is the intercept).
pub(super) fn features(evidence: &Evidence, names: &PersonNames) -> [f64; FEATURES] {
    let place = evidence.place;
    let ranks = if evidence.words == 1 { names.ranks(evidence.written) } else { Default::default() };
    let rank_score = |rank: u32| if rank == 0 { 0.0 } else { 1.0 - (f64::from(rank)).ln() / 12.0 };
    let kind = |k: PlaceKind| f64::from(u8::from(place.kind == k));
    let single = evidence.words == 1;
    [
        1.0,
        evidence.margin,
        (evidence.senses as f64).ln(),
        kind(PlaceKind::Country),
        kind(PlaceKind::Admin1),
        kind(PlaceKind::Admin2),
        f64::from(u8::from(matches!(place.kind, PlaceKind::Continent | PlaceKind::Region | PlaceKind::Landmark))),
        if place.kind == PlaceKind::City { (place.population as f64 + 1.0).ln() / 10.0 } else { 0.0 },
        f64::from(u8::from(evidence.own_name)),
        f64::from(u8::from(!single)),
        f64::from(u8::from(evidence.capitals || evidence.demonym)),
        rank_score(ranks.surname),
        rank_score(ranks.given),
        f64::from(u8::from(single && is_english_word(evidence.written))),
        (evidence.mentions as f64).ln(),
        evidence.same_country,
        evidence.near,
        (evidence.names as f64).ln(),
    ]
}

/// Weights of [`features`], fitted by `tools/calibrate --fit`.
#[rustfmt::skip]
pub const WEIGHTS: [f64; FEATURES] = [
    -5.0220, 1.7818, -0.1519, 3.0264, 2.2154, 1.9546, 2.0168, 1.7458, 1.1951, -0.0300, 1.1414, -1.5332, -1.5536, -1.0663, 0.0167, 1.0340, 2.6873, 0.4106,
];

/// The share of mentions right, by the lowest weighted sum of features that has it: an isotonic map from
/// `tools/calibrate --fit`, cautious at the top (0.9 and more only where at least 96% of the gold sets'
/// mentions are right).
#[rustfmt::skip]
const KNOTS: [(f64, f64); 12] = [
    (-3.2786, 0.1818), (-0.6320, 0.3396), (-0.0506, 0.5348), (0.3358, 0.6881), (1.1013, 0.7326), (1.2778, 0.8449), (1.4598, 0.8850), (2.0906, 0.8984), (2.2114, 0.8984), (2.6190, 0.8984), (2.8437, 0.9439), (3.3412, 0.9778),
];

/// The calibrated confidence of a mention, from 0 to 1: linear between [`KNOTS`], but 0.9 is reached only at
/// a knot's score, so that the cautious top holds.
pub(super) fn confidence(features: &[f64; FEATURES]) -> f32 {
    let z: f64 = features.iter().zip(WEIGHTS).map(|(x, w)| x * w).sum();
    if z <= KNOTS[0].0 {
        return KNOTS[0].1 as f32;
    }
    for pair in KNOTS.windows(2) {
        let ((z0, p0), (z1, p1)) = (pair[0], pair[1]);
        if z < z1 {
            let p = p0 + (p1 - p0) * (z - z0) / (z1 - z0);
            return (if p0 < 0.9 { p.min(0.899) } else { p }) as f32;
        }
    }
    KNOTS[KNOTS.len() - 1].1 as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knots_rise_and_stay_within_zero_and_one() {
        assert!(KNOTS.windows(2).all(|p| p[0].0 < p[1].0 && p[0].1 <= p[1].1));
        assert!(KNOTS.iter().all(|&(_, p)| (0.0..=1.0).contains(&p)));
        let mut features = [0.0; FEATURES];
        for z in [-100.0, -1.0, 0.0, 1.0, 2.5, 100.0] {
            features[0] = z / WEIGHTS[0];
            let c = confidence(&features);
            assert!((0.0..=1.0).contains(&c), "{z}: {c}");
        }
    }
}
