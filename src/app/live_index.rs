//! The live index: the atlas's events sorted for window queries ([`TimeIndex`]), kept up to date as articles
//! arrive, corrections change documents and the user searches.
//!
//! While a folder loads, new articles are added to the index a batch at a time instead of rebuilding it; a
//! search over a large atlas runs through the background runner, one at a time, and the index shows the last
//! result until the next one comes. Derived views (markers, links, the place list) are cached under a
//! [`ViewKey`] that changes whenever what the index holds changes. It needs no window: the caller passes the
//! time and whether a load is running.

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::background::{self, Job, Poll};
use crate::gazetteer::Gazetteer;
use crate::index::load::lower_priority;
use crate::index::{Atlas, Certainty, Filter, TimeIndex, TimeWindow};

/// Atlases of at least this many articles are searched on a thread of their own: scanning every text takes
/// tens of milliseconds from about here (100,000 articles: hundreds), too long for a frame.
pub const SEARCH_IN_BACKGROUND_FROM: usize = 2_000;
/// How often the time index takes in new articles while a load is running.
pub const INDEX_REFRESH: Duration = Duration::from_millis(250);
/// While a folder loads, a search is made again this often: articles are added only between searches (see
/// the app's frame loop), so searching more often would slow the load.
pub const SEARCH_REFRESH: Duration = Duration::from_secs(1);
/// Events the time index takes in at most in one frame (about 3 ms on two cores).
pub const INDEX_BATCH: usize = 40_000;

/// What the user searches for: words (a place, a country, a folder) and how certain dates must be.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchQuery {
    pub text: String,
    pub certainty: Certainty,
}

impl Default for SearchQuery {
    fn default() -> Self {
        SearchQuery { text: String::new(), certainty: Certainty::Any }
    }
}

impl SearchQuery {
    /// Whether the query keeps only some mentions.
    pub fn narrows(&self) -> bool {
        !self.text.trim().is_empty() || self.certainty != Certainty::Any
    }
}

/// The one key of every view derived from the index: the date window, how many events are indexed, and the
/// generation of corrections and searches they were indexed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ViewKey {
    pub window: TimeWindow,
    pub events: usize,
    pub generation: u64,
}

/// How many of the atlas's events the time index holds, of which generation, and when it was last built or
/// caught up.
#[derive(Debug, Clone, Copy)]
struct Indexed {
    events: usize,
    generation: u64,
    built_at: Instant,
}

/// A search running in the background: the atlas size and generation it searches, and its job, which sends
/// the matching mentions (the filter and the time index built with it).
struct SearchJob {
    events: usize,
    generation: u64,
    job: Job<(Filter, TimeIndex)>,
}

/// The time index of the atlas shown, the search it was built with, and the search running.
pub struct LiveIndex {
    time_index: TimeIndex,
    indexed: Indexed,
    /// The search applied to the index (rebuilt with it).
    filter: Filter,
    search: Option<SearchJob>,
    /// Bumped whenever documents are corrected or the search changes, so the index and the views built from
    /// it are rebuilt.
    generation: u64,
}

impl Default for LiveIndex {
    fn default() -> Self {
        LiveIndex {
            time_index: TimeIndex::default(),
            indexed: Indexed { events: 0, generation: 0, built_at: Instant::now() },
            filter: Filter::default(),
            search: None,
            generation: 0,
        }
    }
}

/// The threads searches run on: like the reading threads, they yield to the window's thread, so frames stay
/// smooth while a search scans every article (`None` if no thread could be started: the global pool then).
fn search_pool() -> Option<&'static rayon::ThreadPool> {
    static POOL: std::sync::OnceLock<Option<rayon::ThreadPool>> = std::sync::OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .thread_name(|i| format!("newsatlas-search-{i}"))
            .start_handler(|_| lower_priority())
            .build()
            .ok()
    })
    .as_ref()
}

impl LiveIndex {
    pub fn time_index(&self) -> &TimeIndex {
        &self.time_index
    }

    /// For the frame's window and the selected place's days, which the index keeps sorted for.
    pub fn time_index_mut(&mut self) -> &mut TimeIndex {
        &mut self.time_index
    }

    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    /// Events of the atlas the index holds (all or some of them while a folder loads).
    pub fn indexed_events(&self) -> usize {
        self.indexed.events
    }

    /// Whether a search is running in the background.
    pub fn is_searching(&self) -> bool {
        self.search.is_some()
    }

    /// The key of views derived from the index in `window`.
    pub fn key(&self, window: TimeWindow) -> ViewKey {
        ViewKey { window, events: self.indexed.events, generation: self.indexed.generation }
    }

    /// The documents changed (corrections) or the search did: the index is built again at the next refresh.
    pub fn invalidate(&mut self) {
        self.generation += 1;
    }

    /// Empties the index for an atlas that was replaced, and forgets a search of the one before.
    pub fn reset(&mut self, now: Instant) {
        self.time_index = TimeIndex::default();
        self.indexed = Indexed { events: 0, generation: self.generation, built_at: now };
        self.search = None;
    }

    /// Catches the index up with `atlas`: at once when no load runs (`loading` false), and at most every
    /// [`INDEX_REFRESH`] ([`SEARCH_REFRESH`] with a search) while one goes on, so the map fills in without
    /// costing every frame. Searching needs the gazetteer; without it the index holds every mention.
    pub fn refresh(
        &mut self,
        atlas: &Arc<Atlas>,
        query: &SearchQuery,
        loading: bool,
        gazetteer: Option<&Arc<Gazetteer>>,
        now: Instant,
    ) {
        let events = atlas.events().len();
        let Indexed { events: indexed, generation, built_at } = self.indexed;
        let searching = query.narrows();
        let refresh = if searching { SEARCH_REFRESH } else { INDEX_REFRESH };
        let due = !loading || indexed == 0 || now.saturating_duration_since(built_at) >= refresh;
        if events > indexed && indexed > 0 && generation == self.generation && !searching && due {
            // New articles while a folder loads: added to the index instead of building it again, which
            // would cost a frame hundreds of milliseconds on a large folder, and at most a frame's worth at a
            // time (the rest on the next frames).
            let until = events.min(indexed + INDEX_BATCH);
            self.time_index.extend(atlas, indexed..until);
            let built_at = if until < events { built_at } else { now };
            self.indexed = Indexed { events: until, generation, built_at };
        } else if (events != indexed || generation != self.generation) && due {
            match gazetteer.filter(|_| searching) {
                Some(gazetteer) if atlas.documents().len() >= SEARCH_IN_BACKGROUND_FROM => {
                    self.search_in_background(atlas, query, gazetteer, now);
                }
                Some(gazetteer) => self.search_here(atlas, query, gazetteer, now),
                None => {
                    self.search = None;
                    self.index_with(atlas, Filter::default(), now);
                }
            }
        }
    }

    /// Rebuilds the time index of the whole atlas with the mentions `filter` keeps.
    fn index_with(&mut self, atlas: &Atlas, filter: Filter, now: Instant) {
        self.filter = filter;
        self.time_index = TimeIndex::build_where(atlas, &self.filter);
        self.indexed = Indexed { events: atlas.events().len(), generation: self.generation, built_at: now };
    }

    /// Searches the atlas in this frame.
    fn search_here(&mut self, atlas: &Atlas, query: &SearchQuery, gazetteer: &Gazetteer, now: Instant) {
        let filter = Filter::new(atlas, gazetteer, &query.text, query.certainty);
        self.index_with(atlas, filter, now);
    }

    /// Searches a large atlas in the background, one search at a time: the map keeps showing the last result
    /// until the search for what is typed now comes back. A search started for text typed since is let finish
    /// and its result dropped, and only then is the next one started, so fast typing does not pile up
    /// searches competing for the cores. While a folder loads, a search of the articles in so far is shown,
    /// and the next one takes in those that arrived meanwhile.
    fn search_in_background(
        &mut self,
        atlas: &Arc<Atlas>,
        query: &SearchQuery,
        gazetteer: &Arc<Gazetteer>,
        now: Instant,
    ) {
        let events = atlas.events().len();
        if let Some(search) = &self.search {
            match search.job.poll() {
                Poll::Message((filter, time_index)) => {
                    // The atlas only grows within a generation (a replaced atlas drops the job: `reset`).
                    let current = search.generation == self.generation && search.events <= events;
                    let built = Indexed { events: search.events, generation: search.generation, built_at: now };
                    self.search = None;
                    if current {
                        self.filter = filter;
                        self.time_index = time_index;
                        self.indexed = built;
                        return;
                    }
                }
                Poll::Waiting => return,
                Poll::Ended => self.search = None,
            }
        }
        let (atlas_for_search, text, certainty) = (atlas.clone(), query.text.clone(), query.certainty);
        let gazetteer_for_search = Arc::clone(gazetteer);
        let spawned = background::spawn("newsatlas-search", background::no_wake(), move |reporter| {
            let search = || {
                let filter = Filter::new(&atlas_for_search, &gazetteer_for_search, &text, certainty);
                let time_index = TimeIndex::build_where(&atlas_for_search, &filter);
                (filter, time_index)
            };
            let result = match search_pool() {
                Some(pool) => pool.install(search),
                None => search(),
            };
            // Let go of the atlas before the result is seen: the window adds articles once it has the result,
            // and would copy an atlas still shared.
            drop(atlas_for_search);
            reporter.send(result);
        });
        match spawned {
            Ok(job) => self.search = Some(SearchJob { events, generation: self.generation, job }),
            // No thread to be had: search here, at the cost of a slow frame.
            Err(_) => self.search_here(atlas, query, gazetteer, now),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Article, SourceRef};
    use crate::index::analyze;

    fn atlas_of(texts: &[&str]) -> Atlas {
        let mut atlas = Atlas::new();
        for (i, text) in texts.iter().enumerate() {
            let id = format!("{i}.txt");
            let article = Article {
                id: id.clone(),
                source: SourceRef { path: id.clone().into(), line: None },
                title: id,
                text: (*text).into(),
                metadata_date: None,
            };
            atlas.add(analyze(article, Gazetteer::bundled()));
        }
        atlas
    }

    fn query(text: &str) -> SearchQuery {
        SearchQuery { text: text.into(), certainty: Certainty::Any }
    }

    const TEXTS: [&str; 3] = ["Envoys met in Geneva.", "Floods hit Doha.", "Talks in Geneva and Doha."];

    #[test]
    fn without_a_load_the_index_takes_in_the_whole_atlas_at_once() {
        let atlas = Arc::new(atlas_of(&TEXTS));
        let mut live = LiveIndex::default();
        let now = Instant::now();
        live.refresh(&atlas, &SearchQuery::default(), false, None, now);
        assert_eq!(live.indexed_events(), atlas.events().len());
        assert_eq!(live.time_index().len(), atlas.events().len());
        assert!(live.filter().is_everything());
    }

    #[test]
    fn while_loading_new_articles_are_added_once_the_refresh_interval_has_passed() {
        let mut atlas = Arc::new(atlas_of(&TEXTS[..1]));
        let mut live = LiveIndex::default();
        let start = Instant::now();
        live.refresh(&atlas, &SearchQuery::default(), true, None, start);
        let first = live.indexed_events();
        assert_eq!(first, atlas.events().len(), "an empty index is built at once");
        *Arc::make_mut(&mut atlas) = atlas_of(&TEXTS);
        live.refresh(&atlas, &SearchQuery::default(), true, None, start + INDEX_REFRESH / 2);
        assert_eq!(live.indexed_events(), first, "too soon: the index waits");
        let key = live.key(TimeWindow::ALL);
        live.refresh(&atlas, &SearchQuery::default(), true, None, start + INDEX_REFRESH);
        assert_eq!(live.indexed_events(), atlas.events().len());
        assert_ne!(live.key(TimeWindow::ALL), key, "views built on the smaller index are stale");
    }

    #[test]
    fn a_search_narrows_the_index_and_clearing_it_brings_everything_back() {
        let atlas = Arc::new(atlas_of(&TEXTS));
        let gazetteer = Arc::new(Gazetteer::bundled().without_user_places());
        let gazetteer = Some(&gazetteer);
        let mut live = LiveIndex::default();
        let now = Instant::now();
        live.refresh(&atlas, &SearchQuery::default(), false, gazetteer, now);
        let everything = live.time_index().len();
        live.invalidate();
        live.refresh(&atlas, &query("floods"), false, gazetteer, now);
        assert!(!live.filter().is_everything());
        assert_eq!(live.time_index().len(), 1, "only the mention of Doha in the article about floods");
        live.invalidate();
        live.refresh(&atlas, &SearchQuery::default(), false, gazetteer, now);
        assert_eq!(live.time_index().len(), everything);
    }

    #[test]
    fn nothing_is_rebuilt_while_nothing_changed() {
        let atlas = Arc::new(atlas_of(&TEXTS));
        let mut live = LiveIndex::default();
        let now = Instant::now();
        live.refresh(&atlas, &SearchQuery::default(), false, None, now);
        let key = live.key(TimeWindow::ALL);
        live.refresh(&atlas, &SearchQuery::default(), false, None, now + Duration::from_secs(5));
        assert_eq!(live.key(TimeWindow::ALL), key);
        live.invalidate();
        live.refresh(&atlas, &SearchQuery::default(), false, None, now);
        assert_ne!(live.key(TimeWindow::ALL), key, "a new generation is a new key");
    }

    #[test]
    fn a_large_atlas_is_searched_in_the_background() {
        let gazetteer = Arc::new(Gazetteer::bundled().without_user_places());
        let atlas = Arc::new(crate::synth::synthetic_atlas(SEARCH_IN_BACKGROUND_FROM, 2, 5, &gazetteer));
        let mut live = LiveIndex::default();
        let now = Instant::now();
        live.refresh(&atlas, &SearchQuery::default(), false, Some(&gazetteer), now);
        let everything = live.time_index().len();
        live.invalidate();
        // A folder name no synthetic article has: nothing matches.
        live.refresh(&atlas, &query("zzzz-nowhere"), false, Some(&gazetteer), now);
        assert!(live.is_searching());
        assert_eq!(live.time_index().len(), everything, "the last result stays until the search is done");
        let started = Instant::now();
        while live.is_searching() && started.elapsed() < Duration::from_secs(60) {
            std::thread::sleep(Duration::from_millis(5));
            live.refresh(&atlas, &query("zzzz-nowhere"), false, Some(&gazetteer), Instant::now());
        }
        assert!(!live.is_searching());
        assert_eq!(live.time_index().len(), 0);
    }

    #[test]
    fn reset_forgets_the_index_and_a_running_search() {
        let atlas = Arc::new(atlas_of(&TEXTS));
        let mut live = LiveIndex::default();
        live.refresh(&atlas, &SearchQuery::default(), false, None, Instant::now());
        live.reset(Instant::now());
        assert_eq!((live.indexed_events(), live.time_index().len()), (0, 0));
        assert!(!live.is_searching());
    }
}
