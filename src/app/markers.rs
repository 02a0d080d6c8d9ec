//! What the map and the timeline show of the index: a marker per place in the window (cached under the
//! index's [`ViewKey`](super::live_index::ViewKey)), the trail the playing window leaves, the lines between
//! places named together, and the places and days of the article open in the reader.

use std::time::{Duration, Instant};

use super::NewsAtlasApp;
use super::basemap::project;
use super::map::{self, Marker, MarkerColour};
use super::reader::{self, ReaderView};
use crate::gazetteer::PlaceId;
use crate::index::{Atlas, DayNumber};

/// How long a marker left behind by the playing window takes to fade out.
pub const TRAIL: Duration = Duration::from_millis(1500);
/// Lines drawn at most between places named together, the most frequent pairs first.
const MAX_LINKS: usize = 300;

impl NewsAtlasApp {
    /// Days of the events of the article open in the reader, so the timeline can show them.
    pub(super) fn article_days(&self) -> Vec<DayNumber> {
        let ReaderView::Article { doc, .. } = self.reader else { return Vec::new() };
        let mut days: Vec<DayNumber> = self.atlas.events_of(doc).iter().filter_map(|e| e.day).collect();
        days.sort_unstable();
        days
    }

    /// Places of the article open in the reader, sorted, so the map can ring their markers.
    fn article_places(&self) -> Vec<PlaceId> {
        let ReaderView::Article { doc, .. } = self.reader else { return Vec::new() };
        let Some(document) = self.atlas.documents().get(doc as usize) else { return Vec::new() };
        let mut places: Vec<PlaceId> = document.places.iter().map(|m| m.place).collect();
        places.sort_unstable();
        places.dedup();
        places
    }

    pub(super) fn refresh_markers(&mut self) {
        let key = self.live.key(self.time_window());
        if self.markers_for == Some(key) && self.markers_coloured == self.marker_colour {
            return;
        }
        self.markers_coloured = self.marker_colour;
        if self.live.indexed_events() == 0 {
            self.markers.clear();
            self.markers_for = Some(key);
            return;
        }
        // Events come only once the loader has said the gazetteer is ready; until then there is nothing to show.
        if self.gazetteer.is_none() {
            return;
        }
        let shades = self.marker_shades(key.generation);
        let Some(gazetteer) = self.gazetteer.as_deref() else { return };
        let places = &mut self.marker_places;
        // Most mentioned first, as `place_counts` sorts them: the map draws small markers on top.
        let before = std::mem::take(&mut self.markers);
        self.markers = self
            .live
            .time_index()
            .place_counts()
            .into_iter()
            .map(|count| {
                let slot = count.place as usize;
                if slot >= places.len() {
                    places.resize(slot + 1, None);
                }
                let (title, projected) = places[slot]
                    .get_or_insert_with(|| {
                        let place = gazetteer.place(count.place);
                        (reader::place_title(gazetteer, count.place).into(), project(place.lon_deg, place.lat_deg))
                    })
                    .clone();
                let shade = shades.get(&count.place).copied();
                Marker { place: count.place, projected, mentions: count.mentions, title, shade }
            })
            .collect();
        self.markers_for = Some(key);
        if self.playback.is_playing() {
            // Places the moving window has just left fade out instead of vanishing.
            let shown: std::collections::HashSet<PlaceId> = self.markers.iter().map(|m| m.place).collect();
            let now = Instant::now();
            self.trail.retain(|(marker, _)| !shown.contains(&marker.place));
            self.trail.extend(before.into_iter().filter(|m| !shown.contains(&m.place)).map(|m| (m, now)));
        }
        self.trail.retain(|(_, left)| left.elapsed() < TRAIL);
    }

    /// Each place's shade on the scale of the chosen [`MarkerColour`] (see [`Marker::shade`]).
    fn marker_shades(&mut self, generation: u64) -> std::collections::HashMap<PlaceId, f32> {
        let index = self.live.time_index();
        match self.marker_colour {
            MarkerColour::Plain => std::collections::HashMap::new(),
            MarkerColour::Recency => {
                // Over all dates, the span the timeline first shows: a few stray dates (an 1884 anniversary)
                // would otherwise make every place look recent.
                let span = self.window.or_else(|| index.day_bulk(super::timeline::BULK_SHARE));
                let Some((first, last)) = span else { return Default::default() };
                let span = (last - first).max(1) as f32;
                index
                    .place_summaries()
                    .into_iter()
                    .filter_map(|s| Some((s.place, (s.last_day? - first) as f32 / span)))
                    .collect()
            }
            MarkerColour::Confidence => {
                self.place_confidence.update(&self.atlas, generation);
                index
                    .place_counts()
                    .into_iter()
                    .filter_map(|c| Some((c.place, self.place_confidence.mean(c.place)?)))
                    .collect()
            }
        }
    }

    /// What the map draws over its markers this frame.
    pub(super) fn overlays(&mut self) -> map::Overlays {
        let trail = self
            .trail
            .iter()
            .map(|(m, left)| (m.projected, m.mentions, 1.0 - left.elapsed().as_secs_f32() / TRAIL.as_secs_f32()))
            .filter(|t| t.2 > 0.0)
            .collect();
        let mut links = Vec::new();
        if self.show_links
            && let Some(gazetteer) = self.gazetteer.as_deref()
        {
            let key = self.live.key(self.time_window());
            if self.links.0 != Some(key) {
                let mut pairs = self.atlas.co_mentions(&self.time_window(), self.live.filter());
                pairs.truncate(MAX_LINKS);
                self.links = (Some(key), pairs);
            }
            let projected = |place| {
                let p = gazetteer.place(place);
                project(p.lon_deg, p.lat_deg)
            };
            links = self.links.1.iter().map(|&(a, b, n)| (projected(a), projected(b), n)).collect();
        }
        if !self.trail.is_empty() {
            // Keep repainting until the trail has faded.
            self.trail.retain(|(_, left)| left.elapsed() < TRAIL);
        }
        map::Overlays {
            ringed: self.article_places(),
            trail,
            links,
            density: self.show_density,
            colour: self.marker_colour,
            focus: false,
        }
    }
}

/// The mean confidence of each place's mentions, kept up to date as the atlas grows: only new events are
/// read, and a new generation (a correction) reads them all again.
#[derive(Debug, Default)]
pub(super) struct PlaceConfidence {
    /// By place id: the sum of the confidences and the number of mentions.
    sums: Vec<(f32, u32)>,
    events: usize,
    generation: u64,
}

impl PlaceConfidence {
    fn update(&mut self, atlas: &Atlas, generation: u64) {
        let events = atlas.events();
        if generation != self.generation || events.len() < self.events {
            *self = PlaceConfidence { generation, ..PlaceConfidence::default() };
        }
        for event in &events[self.events..] {
            let Some(mention) = atlas.document(event.doc).places.get(event.mention as usize) else { continue };
            let place = event.place as usize;
            if place >= self.sums.len() {
                self.sums.resize(place + 1, (0.0, 0));
            }
            self.sums[place].0 += mention.confidence;
            self.sums[place].1 += 1;
        }
        self.events = events.len();
    }

    fn mean(&self, place: PlaceId) -> Option<f32> {
        let &(sum, n) = self.sums.get(place as usize)?;
        (n > 0).then(|| sum / n as f32)
    }
}
