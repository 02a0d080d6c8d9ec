//! The article table: the articles of the folder with their title, date (and where it came from), folder or
//! file, language and number of place mentions, sortable, searched by title or path (words, "phrases", OR,
//! -exclusion), and narrowed by facets (folder or source file, country mentioned, how the mentions are dated),
//! as document tools (Datashare, Palladio) list them. By default it lists the articles with a mention in the
//! map's time window and search, so the table, the map and the timeline show the same thing. A click opens the
//! article in the reader.

use std::cmp::Reverse;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::background::{self, Job, Poll, Wake};
use super::live_index::ViewKey;
use crate::gazetteer::Gazetteer;
use crate::index::{Atlas, DayNumber, DocId, Document, Filter, TimeWindow, date_source_label, parse_query};
use crate::timex::DatePrecision;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ArticleSort {
    #[default]
    Date,
    Title,
    File,
    Places,
}

impl ArticleSort {
    const ALL: [ArticleSort; 4] = [ArticleSort::Date, ArticleSort::Title, ArticleSort::File, ArticleSort::Places];

    fn label(self) -> &'static str {
        match self {
            ArticleSort::Date => "Date",
            ArticleSort::Title => "Title",
            ArticleSort::File => "File",
            ArticleSort::Places => "Places",
        }
    }
}

/// What the articles can be narrowed by, beside the search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facet {
    /// The folder an article file is in, or the file a record-per-line article came from.
    Source,
    /// The countries of the places an article mentions (or that are themselves countries).
    Country,
    /// How finely the article's mentions are dated: to a day, a week, a month, or not at all.
    Dating,
}

impl Facet {
    pub const ALL: [Facet; 3] = [Facet::Source, Facet::Country, Facet::Dating];

    pub fn label(self) -> &'static str {
        match self {
            Facet::Source => "Folder or source",
            Facet::Country => "Country mentioned",
            Facet::Dating => "Mentions dated to",
        }
    }
}

/// The value of [`Facet::Source`] for an article in the top folder itself.
const TOP_FOLDER: &str = "(top folder)";
const NO_PLACE: &str = "(no place)";
/// The values of [`Facet::Dating`], one bit each in [`dating_bit`]'s order.
const DATING_VALUES: [&str; 5] = ["a day", "a week", "a month", "no date", "(no mention)"];
const NO_MENTION_BIT: u8 = 1 << 4;

/// The map's view the table can be limited to: its time window and search, and the key they were made for.
#[derive(Clone, Copy)]
pub struct MapView<'a> {
    pub key: ViewKey,
    pub window: &'a TimeWindow,
    pub filter: &'a Filter,
}

/// Everything the rows depend on; the rows are made again when it changes.
#[derive(Debug, Clone, PartialEq)]
struct RowsKey {
    documents: usize,
    view: Option<ViewKey>,
    sort: ArticleSort,
    query: String,
    chosen: [BTreeSet<String>; 3],
}

#[derive(Debug)]
pub struct ArticleTable {
    sort: ArticleSort,
    query: String,
    /// Only the articles with a mention in the map's window and search.
    in_view: bool,
    /// The values chosen in each facet (in [`Facet::ALL`]'s order); none chosen keeps every article.
    chosen: [BTreeSet<String>; 3],
    rows: Vec<DocId>,
    /// Each facet's values with how many articles have them among those the search and the other facets keep,
    /// most first.
    facets: [Vec<(String, usize)>; 3],
    rows_for: Option<RowsKey>,
    made_at: Option<Instant>,
    index: FacetIndex,
    /// Rows being made in the background, and what for.
    making: Option<Job<(Made, RowsKey)>>,
    /// From this many events on, [`ArticleTable::refresh_in_background`] makes the rows in the background.
    in_background_from: usize,
}

impl Default for ArticleTable {
    fn default() -> Self {
        ArticleTable {
            sort: ArticleSort::default(),
            query: String::new(),
            in_view: true,
            chosen: Default::default(),
            rows: Vec::new(),
            facets: Default::default(),
            rows_for: None,
            made_at: None,
            index: FacetIndex::default(),
            making: None,
            in_background_from: IN_BACKGROUND_FROM,
        }
    }
}

/// While articles arrive, the rows are made again at most this often: sorting a large folder's rows every
/// frame would slow the window down as it loads. A new sort, search or facet applies at once.
pub const REMAKE_WHILE_LOADING: Duration = Duration::from_millis(750);

/// Past this many events, the window's rows are made in the background: a few milliseconds' work below it.
const IN_BACKGROUND_FROM: usize = 200_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArticleTableOutcome {
    Open(DocId),
    Close,
}

/// Where an article came from, for [`Facet::Source`] and the table's column: the file, relative to the open
/// folder, when the file holds many articles (JSON Lines, CSV); else the folder the file is in.
fn source_of(document: &Document, folder: Option<&Path>) -> String {
    let path = &document.article.source.path;
    let relative = folder.and_then(|f| path.strip_prefix(f).ok()).unwrap_or(path);
    let shown = if document.article.source.line.is_some() { Some(relative) } else { relative.parent() };
    match shown.map(|p| p.display().to_string()) {
        Some(text) if !text.is_empty() => text,
        _ => TOP_FOLDER.to_owned(),
    }
}

/// The bit of [`DATING_VALUES`] for how an event is dated.
fn dating_bit(day: Option<DayNumber>, precision: Option<DatePrecision>) -> u8 {
    match (day, precision) {
        (None, _) => 1 << 3,
        (Some(_), Some(DatePrecision::Week)) => 1 << 1,
        (Some(_), Some(p)) if p >= DatePrecision::Month => 1 << 2,
        (Some(_), _) => 1,
    }
}

/// Whether the words of a parsed query hold for `text` (lower case): every clause, by one of its terms.
fn query_holds(clauses: &[Vec<(String, bool)>], text: &str) -> bool {
    clauses.iter().all(|clause| clause.iter().any(|(term, excluded)| text.contains(term.as_str()) != *excluded))
}

/// [`FacetIndex::country_of_place`]'s marks for a place not looked up yet, and for one in no country.
const NOT_LOOKED_UP: u32 = u32::MAX;
const NO_COUNTRY: u32 = u32::MAX - 1;

/// Each article's facet values, as numbers into each facet's list of values: worked out once per article as
/// articles arrive (so the rows of 100,000 articles are made again without reading every path and place), and
/// afresh when articles were replaced (a correction).
#[derive(Debug, Default)]
struct FacetIndex {
    /// The articles indexed, and the revision of the atlas ([`Atlas::revision`]) and the folder they were
    /// indexed in.
    made_for: (usize, u64),
    folder: Option<std::path::PathBuf>,
    /// The number of each place's country in the country facet, by place id.
    country_of_place: Vec<u32>,
    /// Each facet's values (for [`Facet::Dating`], [`DATING_VALUES`]), and where each is in its list.
    values: [Vec<String>; 3],
    numbers: [HashMap<String, u32>; 3],
    /// Per article: its folder or source; the start of its countries in `countries`.
    source: Vec<u32>,
    countries_from: Vec<u32>,
    countries: Vec<u32>,
}

impl FacetIndex {
    fn number(&mut self, facet: Facet, value: &str) -> u32 {
        let f = facet as usize;
        if let Some(&n) = self.numbers[f].get(value) {
            return n;
        }
        let n = self.values[f].len() as u32;
        self.values[f].push(value.to_owned());
        self.numbers[f].insert(value.to_owned(), n);
        n
    }

    /// Indexes the articles of `atlas` not indexed yet, all of them again when its documents were replaced or
    /// the folder is another.
    fn update(&mut self, atlas: &Atlas, gazetteer: Option<&Gazetteer>, folder: Option<&Path>) {
        let documents = atlas.documents();
        let revision = atlas.revision();
        if self.made_for.1 != revision || self.made_for.0 > documents.len() || self.folder.as_deref() != folder {
            *self = FacetIndex { made_for: (0, revision), folder: folder.map(Path::to_path_buf), ..Default::default() };
        }
        if self.values[Facet::Dating as usize].is_empty() {
            for value in DATING_VALUES {
                self.number(Facet::Dating, value);
            }
        }
        for document in &documents[self.made_for.0..] {
            let source = self.number(Facet::Source, &source_of(document, folder));
            self.source.push(source);
            self.countries_from.push(self.countries.len() as u32);
            let mut mine: Vec<u32> = match gazetteer {
                Some(gazetteer) => document.places.iter().map(|m| self.country_number(m.place, gazetteer)).collect(),
                None => Vec::new(),
            };
            mine.retain(|&n| n != NO_COUNTRY);
            mine.sort_unstable();
            mine.dedup();
            if mine.is_empty() {
                mine.push(self.number(Facet::Country, NO_PLACE));
            }
            self.countries.extend(mine);
        }
        self.made_for.0 = documents.len();
    }

    /// The number of `place`'s country in the country facet ([`NO_COUNTRY`] for a place in none).
    fn country_number(&mut self, place: crate::gazetteer::PlaceId, gazetteer: &Gazetteer) -> u32 {
        let at = place as usize;
        if at >= self.country_of_place.len() {
            self.country_of_place.resize(at + 1, NOT_LOOKED_UP);
        }
        if self.country_of_place[at] == NOT_LOOKED_UP {
            let name = gazetteer.country_name(&gazetteer.place(place).country_code);
            self.country_of_place[at] = name.map_or(NO_COUNTRY, |name| self.number(Facet::Country, name));
        }
        self.country_of_place[at]
    }

    /// The values of `facet` that article `doc` has (`dating`: its bits of [`DATING_VALUES`]).
    fn of(&self, facet: Facet, doc: usize, dating: u8) -> impl Iterator<Item = u32> + '_ {
        let (source, countries): (&[u32], &[u32]) = match facet {
            Facet::Source => (std::slice::from_ref(&self.source[doc]), &[]),
            Facet::Country => {
                let from = self.countries_from[doc] as usize;
                let to = self.countries_from.get(doc + 1).map_or(self.countries.len(), |&n| n as usize);
                (&[], &self.countries[from..to])
            }
            Facet::Dating => (&[], &[]),
        };
        let bits =
            (0..DATING_VALUES.len() as u32).filter(move |bit| facet == Facet::Dating && dating & (1 << bit) != 0);
        source.iter().chain(countries).copied().chain(bits)
    }
}

impl ArticleTable {
    /// The articles shown, in order.
    pub fn rows(&self) -> &[DocId] {
        &self.rows
    }

    /// The values of `facet` and how many articles have each, among those the search and the other facets keep.
    pub fn facet_values(&self, facet: Facet) -> &[(String, usize)] {
        &self.facets[facet as usize]
    }

    /// Rows for `atlas` under the sort, search and facets (and `view`, the map's window and search, when the
    /// table is limited to it), made again when one of them changed; when only the articles or the view
    /// changed, at most every [`REMAKE_WHILE_LOADING`] (at `now`). True when the rows may be stale.
    pub fn refresh(
        &mut self,
        atlas: &Atlas,
        gazetteer: Option<&Gazetteer>,
        folder: Option<&Path>,
        view: Option<MapView<'_>>,
        now: Instant,
    ) -> bool {
        let view = view.filter(|_| self.in_view);
        let wanted = self.wanted(atlas, view);
        if let Some(stale) = self.made_recently(&wanted, now) {
            return stale;
        }
        self.made_at = Some(now);
        self.index.update(atlas, gazetteer, folder);
        let rows = Rows::make(&self.index, atlas, view.map(|v| (v.window, v.filter)), &wanted);
        self.take(rows, wanted);
        false
    }

    /// [`ArticleTable::refresh`] for the window: past [`IN_BACKGROUND_FROM`] events the rows are made on a
    /// thread of their own (a million articles' rows take a tenth of a second, and the table's first opening
    /// indexes every article), and the rows made before stay listed until the new ones come; `wake` draws
    /// the window again when they do. While the rows are being made they share the atlas, so articles that
    /// arrive wait.
    pub fn refresh_in_background(
        &mut self,
        atlas: &Arc<Atlas>,
        gazetteer: Option<&Arc<Gazetteer>>,
        folder: Option<&Path>,
        view: Option<MapView<'_>>,
        now: Instant,
        wake: Wake,
    ) -> bool {
        if let Some(job) = &self.making {
            match job.poll() {
                Poll::Message((made, wanted)) => {
                    self.index = made.index;
                    self.take(made.rows, wanted);
                    self.making = None;
                }
                Poll::Waiting => return true,
                // Cancelled or failed: the index went with it and is made again.
                Poll::Ended => self.making = None,
            }
        }
        if atlas.events().len() < self.in_background_from {
            return self.refresh(atlas, gazetteer.map(|g| &**g), folder, view, now);
        }
        let view = view.filter(|_| self.in_view);
        let wanted = self.wanted(atlas, view);
        if let Some(stale) = self.made_recently(&wanted, now) {
            return stale;
        }
        self.made_at = Some(now);
        let mut index = std::mem::take(&mut self.index);
        let (atlas, gazetteer) = (Arc::clone(atlas), gazetteer.cloned());
        let folder = folder.map(Path::to_path_buf);
        let view = view.map(|v| (*v.window, v.filter.clone()));
        let job = background::spawn("article rows", wake, move |reporter| {
            index.update(&atlas, gazetteer.as_deref(), folder.as_deref());
            let rows = Rows::make(&index, &atlas, view.as_ref().map(|(w, f)| (w, f)), &wanted);
            reporter.send((Made { index, rows }, wanted));
        });
        // Without a thread, the rows stay as they are; the next frame tries again.
        self.making = job.ok();
        true
    }

    /// What the rows would be made for now.
    fn wanted(&self, atlas: &Atlas, view: Option<MapView<'_>>) -> RowsKey {
        RowsKey {
            documents: atlas.documents().len(),
            view: view.map(|v| v.key),
            sort: self.sort,
            // As typed: `OR` in capitals joins terms; the terms themselves compare in lower case.
            query: self.query.trim().to_owned(),
            chosen: self.chosen.clone(),
        }
    }

    /// `Some(stale)` when the rows need not be made again now: they were made for `wanted` (not stale), or
    /// only the articles or the view changed since rows made less than [`REMAKE_WHILE_LOADING`] ago (stale).
    fn made_recently(&self, wanted: &RowsKey, now: Instant) -> Option<bool> {
        match &self.rows_for {
            Some(made_for) if made_for == wanted => Some(false),
            Some(made_for)
                if (made_for.sort, &made_for.query, &made_for.chosen)
                    == (wanted.sort, &wanted.query, &wanted.chosen)
                    && made_for.view.is_some() == wanted.view.is_some()
                    && self.made_at.is_some_and(|at| now.duration_since(at) < REMAKE_WHILE_LOADING) =>
            {
                Some(true)
            }
            _ => None,
        }
    }

    fn take(&mut self, rows: Rows, made_for: RowsKey) {
        self.rows = rows.rows;
        self.facets = rows.facets;
        self.rows_for = Some(made_for);
    }
}

/// Rows made in the background, with the facet index they were made with.
struct Made {
    index: FacetIndex,
    rows: Rows,
}

/// The rows of the table and the counts of the facets' values.
struct Rows {
    rows: Vec<DocId>,
    facets: [Vec<(String, usize)>; 3],
}

impl Rows {
    /// The rows of `atlas` for `wanted` (its sort, search and facets), limited to the articles with a mention in
    /// `view`'s window that its filter keeps; `index` has every article of `atlas`.
    fn make(index: &FacetIndex, atlas: &Atlas, view: Option<(&TimeWindow, &Filter)>, wanted: &RowsKey) -> Rows {
        let documents = atlas.documents();
        // One pass over the mentions: how each article's are dated, and which articles have one in the view.
        let mut dating = vec![0u8; documents.len()];
        let mut shown = vec![view.is_none(); documents.len()];
        for event in atlas.events() {
            let doc = event.doc as usize;
            dating[doc] |= dating_bit(event.day, event.precision);
            if let Some((window, filter)) = view
                && !shown[doc]
            {
                shown[doc] = window.contains(event) && filter.keeps(event);
            }
        }
        for bits in &mut dating {
            if *bits == 0 {
                *bits = NO_MENTION_BIT;
            }
        }
        let clauses: Vec<Vec<(String, bool)>> = parse_query(&wanted.query)
            .into_iter()
            .map(|clause| clause.into_iter().map(|term| (term.text.to_lowercase(), term.excluded)).collect())
            .collect();
        let chosen: [Vec<bool>; 3] = Facet::ALL.map(|facet| {
            let f = facet as usize;
            index.values[f].iter().map(|v| wanted.chosen[f].contains(v)).collect()
        });
        // Facets count, for each of their values, the articles every other facet keeps: choosing a country
        // narrows the folders' counts, and the other countries stay to choose from.
        let mut counts: [Vec<usize>; 3] = Facet::ALL.map(|facet| vec![0; index.values[facet as usize].len()]);
        let mut rows: Vec<DocId> = Vec::new();
        for id in (0..documents.len()).filter(|&id| shown[id]) {
            if !clauses.is_empty() {
                let document = &documents[id];
                let source = &index.values[Facet::Source as usize][index.source[id] as usize];
                let path = document.article.source.path.display();
                let text = format!("{} {path} {source}", document.article.title).to_lowercase();
                if !query_holds(&clauses, &text) {
                    continue;
                }
            }
            let keeps = Facet::ALL.map(|facet| {
                let f = facet as usize;
                wanted.chosen[f].is_empty() || index.of(facet, id, dating[id]).any(|v| chosen[f][v as usize])
            });
            for facet in Facet::ALL {
                if keeps.iter().enumerate().all(|(other, keeps)| other == facet as usize || *keeps) {
                    for value in index.of(facet, id, dating[id]) {
                        counts[facet as usize][value as usize] += 1;
                    }
                }
            }
            if keeps.iter().all(|k| *k) {
                rows.push(id as DocId);
            }
        }
        let facets = Facet::ALL.map(|facet| {
            let f = facet as usize;
            // A value listed has articles, or is chosen (with 0, so it can be taken back).
            let mut values: Vec<(String, usize)> = index.values[f]
                .iter()
                .zip(&counts[f])
                .filter(|&(value, &n)| n > 0 || wanted.chosen[f].contains(value))
                .map(|(value, &n)| (value.clone(), n))
                .collect();
            if facet != Facet::Dating {
                values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            }
            // A chosen value the index does not know (the folder's articles changed) stays listed too.
            for value in &wanted.chosen[f] {
                if !values.iter().any(|(v, _)| v == value) {
                    values.push((value.clone(), 0));
                }
            }
            values
        });
        let doc = |id: &DocId| &documents[*id as usize];
        match wanted.sort {
            // Undated articles last; the same day in file order.
            ArticleSort::Date => {
                rows.sort_by_key(|id| (doc(id).published.is_none(), doc(id).published.as_ref().map(|p| p.date), *id))
            }
            ArticleSort::Title => rows.sort_by_cached_key(|id| (doc(id).article.title.to_lowercase(), *id)),
            ArticleSort::File => rows.sort_by(|a, b| doc(a).article.id.cmp(&doc(b).article.id)),
            ArticleSort::Places => rows.sort_by_key(|id| (Reverse(doc(id).places.len()), *id)),
        }
        Rows { rows, facets }
    }
}

impl ArticleTable {
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        atlas: &Arc<Atlas>,
        gazetteer: Option<&Arc<Gazetteer>>,
        folder: Option<&Path>,
        view: MapView<'_>,
    ) -> Option<ArticleTableOutcome> {
        let mut outcome = None;
        let mut open = true;
        egui::Window::new("Articles").open(&mut open).default_size([900.0, 560.0]).show(ctx, |ui| {
            ui.horizontal(|ui| {
                let label = ui.label("Search articles");
                ui.add(
                    egui::TextEdit::singleline(&mut self.query)
                        .hint_text("title or file: words, \"a phrase\", a OR b, -word")
                        .desired_width(260.0),
                )
                .labelled_by(label.id);
                ui.checkbox(&mut self.in_view, "Only those in the map's window and search")
                    .on_hover_text("Articles with a place mention in the timeline's window that the search keeps");
                ui.separator();
                ui.weak("Sort");
                for sort in ArticleSort::ALL {
                    if ui.selectable_label(self.sort == sort, sort.label()).clicked() {
                        self.sort = sort;
                    }
                }
            });
            let repaint = ctx.clone();
            let wake: Wake = Arc::new(move || repaint.request_repaint());
            if self.refresh_in_background(atlas, gazetteer, folder, Some(view), Instant::now(), wake) {
                ctx.request_repaint_after(REMAKE_WHILE_LOADING);
            }
            ui.horizontal(|ui| {
                ui.weak(format!(
                    "{} of {}{}",
                    super::reader::plural(self.rows.len(), "article"),
                    atlas.documents().len(),
                    if self.making.is_some() { " (listing them again…)" } else { "" }
                ));
                if self.chosen.iter().any(|c| !c.is_empty()) && ui.small_button("Clear facets").clicked() {
                    self.chosen = Default::default();
                }
            });
            ui.separator();
            ui.horizontal_top(|ui| {
                ui.vertical(|ui| {
                    ui.set_width(220.0);
                    egui::ScrollArea::vertical().id_salt("article facets").show(ui, |ui| self.facets_ui(ui));
                });
                ui.separator();
                ui.vertical(|ui| outcome = self.table_ui(ui, atlas, folder));
            });
        });
        if !open {
            outcome = Some(ArticleTableOutcome::Close);
        }
        outcome
    }

    /// Each facet's values with their counts, as checkboxes; the most common first, a dozen of them.
    fn facets_ui(&mut self, ui: &mut egui::Ui) {
        const SHOWN: usize = 12;
        for facet in Facet::ALL {
            egui::CollapsingHeader::new(facet.label()).default_open(true).show(ui, |ui| {
                let values = &self.facets[facet as usize];
                let chosen = &mut self.chosen[facet as usize];
                for (value, count) in values.iter().take(SHOWN) {
                    let mut on = chosen.contains(value);
                    if ui.checkbox(&mut on, format!("{value} ({count})")).changed() {
                        if on {
                            chosen.insert(value.clone());
                        } else {
                            chosen.remove(value);
                        }
                    }
                }
                if values.len() > SHOWN {
                    ui.weak(format!("and {} more: search to narrow", values.len() - SHOWN));
                }
            });
        }
    }

    fn table_ui(&self, ui: &mut egui::Ui, atlas: &Atlas, folder: Option<&Path>) -> Option<ArticleTableOutcome> {
        let mut outcome = None;
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
        const WIDTHS: [f32; 4] = [150.0, 90.0, 70.0, 150.0];
        let cell = |ui: &mut egui::Ui, width: f32, text: egui::RichText| {
            ui.add_sized([width, row_height], egui::Label::new(text).truncate());
        };
        ui.horizontal(|ui| {
            for (width, head) in WIDTHS.iter().zip(["Date (from)", "Places", "Language", "Folder or source"]) {
                cell(ui, *width, egui::RichText::new(head).strong());
            }
            ui.strong("Title");
        });
        // Only the rows in view are laid out: a folder of 100,000 articles scrolls as fast as one of ten.
        egui::ScrollArea::vertical().auto_shrink([false, false]).show_rows(
            ui,
            row_height,
            self.rows.len(),
            |ui, shown| {
                for &id in &self.rows[shown] {
                    let document = atlas.document(id);
                    ui.horizontal(|ui| {
                        let date = document.published.as_ref().map_or_else(
                            || "undated".to_owned(),
                            |p| format!("{} ({})", p.date, date_source_label(p.source)),
                        );
                        cell(ui, WIDTHS[0], egui::RichText::new(date).weak());
                        cell(ui, WIDTHS[1], egui::RichText::new(document.places.len().to_string()).weak());
                        cell(ui, WIDTHS[2], egui::RichText::new(document.language.name()).weak());
                        cell(ui, WIDTHS[3], egui::RichText::new(source_of(document, folder)).weak());
                        let path = &document.article.source.path;
                        let file = folder.and_then(|f| path.strip_prefix(f).ok()).unwrap_or(path);
                        let title = ui.selectable_label(false, &document.article.title);
                        if title.on_hover_text(file.display().to_string()).clicked() {
                            outcome = Some(ArticleTableOutcome::Open(id));
                        }
                    });
                }
            },
        );
        outcome
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Article, SourceRef};
    use crate::gazetteer::Gazetteer;
    use crate::index::analyze;

    #[test]
    fn rows_sort_and_filter() {
        let gaz = Gazetteer::bundled();
        let mut atlas = Atlas::new();
        for (id, text) in [
            ("b.txt", "Talks in Doha\n\n5 August 2015\n\nEnvoys met in Doha and Riyadh."),
            ("a.txt", "Snow in Astana\n\n13 January 2017\n\nSnow fell in Astana."),
            ("c.txt", "Notes\n\nNothing dated, nothing placed."),
        ] {
            let article = Article { title: text.lines().next().unwrap().into(), ..Article::for_test(id, text) };
            atlas.add(analyze(article, gaz));
        }
        let ids = |table: &ArticleTable| -> Vec<String> {
            table.rows().iter().map(|&d| atlas.document(d).article.id.clone()).collect()
        };
        let mut table = ArticleTable::default();
        let now = Instant::now();
        table.refresh(&atlas, Some(gaz), None, None, now);
        assert_eq!(ids(&table), ["b.txt", "a.txt", "c.txt"], "by date, undated last");
        table.sort = ArticleSort::Places;
        table.refresh(&atlas, Some(gaz), None, None, now);
        assert_eq!(ids(&table), ["b.txt", "a.txt", "c.txt"]);
        table.sort = ArticleSort::File;
        table.refresh(&atlas, Some(gaz), None, None, now);
        assert_eq!(ids(&table), ["a.txt", "b.txt", "c.txt"]);
        table.query = "SNOW".into();
        table.refresh(&atlas, Some(gaz), None, None, now);
        assert_eq!(ids(&table), ["a.txt"]);

        // Articles that come in are listed once the rows are old enough, not every frame.
        table.query.clear();
        table.refresh(&atlas, Some(gaz), None, None, now);
        let article = Article {
            id: "d.txt".into(),
            source: SourceRef { path: "d.txt".into(), line: None },
            title: "Later".into(),
            text: "Later\n\nRain in Doha.".to_owned().into(),
            metadata_date: None,
        };
        atlas.add(analyze(article, gaz));
        let ids = |table: &ArticleTable| table.rows().len();
        assert!(table.refresh(&atlas, Some(gaz), None, None, now + REMAKE_WHILE_LOADING / 2), "stale for now");
        assert_eq!(ids(&table), 3);
        assert!(!table.refresh(&atlas, Some(gaz), None, None, now + REMAKE_WHILE_LOADING));
        assert_eq!(ids(&table), 4);
    }

    /// The article of `text` (its first line the title) at `path` in the folder /news.
    fn article(path: &str, text: &str) -> Article {
        Article {
            id: path.into(),
            source: SourceRef { path: format!("/news/{path}").into(), line: None },
            title: text.lines().next().unwrap().into(),
            text: text.to_owned().into(),
            metadata_date: None,
        }
    }

    fn atlas_of(files: &[(&str, &str)]) -> Atlas {
        let mut atlas = Atlas::new();
        for (path, text) in files {
            atlas.add(analyze(article(path, text), Gazetteer::bundled()));
        }
        atlas
    }

    fn titles(table: &ArticleTable, atlas: &Atlas) -> Vec<String> {
        table.rows().iter().map(|&d| atlas.document(d).article.title.clone()).collect()
    }

    #[test]
    fn a_large_folders_rows_are_made_in_the_background_and_the_old_ones_stay_meanwhile() {
        let atlas = Arc::new(atlas_of(&[
            ("b.txt", "Talks in Doha\n\n5 August 2015\n\nEnvoys met in Doha."),
            ("a.txt", "Snow in Astana\n\n13 January 2017\n\nSnow fell in Astana."),
        ]));
        let mut table = ArticleTable { in_background_from: 0, ..Default::default() };
        let made_in_background = |table: &mut ArticleTable| {
            let started = Instant::now();
            let mut polls = 0;
            while table.refresh_in_background(&atlas, None, None, None, Instant::now(), background::no_wake()) {
                assert!(started.elapsed() < Duration::from_secs(30), "the rows never came");
                polls += 1;
                std::thread::sleep(Duration::from_millis(1));
            }
            polls
        };
        assert!(made_in_background(&mut table) > 0, "not made on the window's thread");
        assert_eq!(titles(&table, &atlas), ["Talks in Doha", "Snow in Astana"]);
        table.sort = ArticleSort::File;
        let started = Instant::now();
        assert!(table.refresh_in_background(&atlas, None, None, None, started, background::no_wake()));
        assert_eq!(titles(&table, &atlas), ["Talks in Doha", "Snow in Astana"], "the old rows meanwhile");
        made_in_background(&mut table);
        assert_eq!(titles(&table, &atlas), ["Snow in Astana", "Talks in Doha"]);
        let mut at_once = ArticleTable { sort: ArticleSort::File, ..Default::default() };
        assert!(!at_once.refresh_in_background(&atlas, None, None, None, started, background::no_wake()));
        assert_eq!(titles(&at_once, &atlas), titles(&table, &atlas), "a small folder's rows come at once, the same");
    }

    #[test]
    fn facets_count_and_narrow_the_articles() {
        let gaz = Gazetteer::bundled();
        let atlas = atlas_of(&[
            ("wires/doha.txt", "Talks in Doha\n\n5 August 2015\n\nEnvoys met in Doha on 5 August 2015."),
            ("wires/astana.txt", "Snow in Astana\n\n13 January 2017\n\nSnow fell in Astana in late December."),
            ("blogs/moscow.txt", "Moscow notes\n\nDelegates left Moscow for Astana."),
            ("empty.txt", "Notes\n\nNothing placed."),
        ]);
        let folder = Path::new("/news");
        let mut table = ArticleTable { in_view: false, ..Default::default() };
        let now = Instant::now();
        table.refresh(&atlas, Some(gaz), Some(folder), None, now);
        assert_eq!(table.rows().len(), 4);
        let values = |table: &ArticleTable, facet| table.facet_values(facet).to_vec();
        let pairs = |list: &[(&str, usize)]| list.iter().map(|(v, n)| ((*v).to_owned(), *n)).collect::<Vec<_>>();
        assert_eq!(values(&table, Facet::Source), pairs(&[("wires", 2), ("(top folder)", 1), ("blogs", 1)]));
        assert_eq!(
            values(&table, Facet::Country),
            pairs(&[("Kazakhstan", 2), ("(no place)", 1), ("Qatar", 1), ("Russia", 1)])
        );
        assert_eq!(
            values(&table, Facet::Dating),
            pairs(&[("a day", 2), ("a month", 1), ("no date", 1), ("(no mention)", 1)])
        );

        // A chosen country narrows the rows and the other facets' counts, not its own facet's.
        table.chosen[Facet::Country as usize].insert("Kazakhstan".into());
        table.refresh(&atlas, Some(gaz), Some(folder), None, now);
        assert_eq!(titles(&table, &atlas), ["Snow in Astana", "Moscow notes"]);
        assert_eq!(values(&table, Facet::Source), pairs(&[("blogs", 1), ("wires", 1)]));
        assert_eq!(values(&table, Facet::Country).len(), 4);
        // Two facets: both must hold; two values of one facet: either.
        table.chosen[Facet::Source as usize].insert("wires".into());
        table.refresh(&atlas, Some(gaz), Some(folder), None, now);
        assert_eq!(titles(&table, &atlas), ["Snow in Astana"]);
        table.chosen[Facet::Source as usize].insert("blogs".into());
        table.refresh(&atlas, Some(gaz), Some(folder), None, now);
        assert_eq!(table.rows().len(), 2);
        // A chosen value with no article left stays listed, to be taken back.
        table.query = "doha".into();
        table.refresh(&atlas, Some(gaz), Some(folder), None, now);
        assert!(table.rows().is_empty());
        assert!(values(&table, Facet::Country).contains(&("Kazakhstan".to_owned(), 0)));
    }

    /// The facet values are worked out once per article, and again when an article is replaced (a correction).
    #[test]
    fn facets_follow_replaced_articles() {
        let gaz = Gazetteer::bundled();
        let mut atlas =
            atlas_of(&[("a.txt", "Talks\n\nEnvoys met in Doha."), ("b.txt", "Snow\n\nSnow fell in Moscow.")]);
        let mut table = ArticleTable { in_view: false, ..Default::default() };
        let now = Instant::now();
        table.refresh(&atlas, Some(gaz), None, None, now);
        let countries = |table: &ArticleTable| -> Vec<String> {
            table.facet_values(Facet::Country).iter().map(|(v, _)| v.clone()).collect()
        };
        assert_eq!(countries(&table), ["Qatar", "Russia"]);
        atlas.replace_documents(vec![(0, analyze(article("a.txt", "Talks\n\nEnvoys met in Astana."), gaz))]);
        table.sort = ArticleSort::Title;
        table.refresh(&atlas, Some(gaz), None, None, now);
        assert_eq!(countries(&table), ["Kazakhstan", "Russia"]);
    }

    #[test]
    fn the_search_takes_phrases_or_and_exclusions() {
        let gaz = Gazetteer::bundled();
        let atlas = atlas_of(&[
            ("a.txt", "Peace talks in Astana\n\nDelegates met in Astana."),
            ("b.txt", "Talks of peace in Doha\n\nEnvoys met in Doha."),
            ("c.txt", "Snow in Moscow\n\nSnow fell in Moscow."),
        ]);
        let mut table = ArticleTable { in_view: false, sort: ArticleSort::File, ..Default::default() };
        let now = Instant::now();
        for (query, expected) in [
            ("\"peace talks\"", &["Peace talks in Astana"][..]),
            ("peace talks", &["Peace talks in Astana", "Talks of peace in Doha"]),
            ("talks -doha", &["Peace talks in Astana"]),
            ("doha OR moscow", &["Talks of peace in Doha", "Snow in Moscow"]),
            ("c.txt", &["Snow in Moscow"]),
        ] {
            table.query = query.into();
            table.refresh(&atlas, Some(gaz), None, None, now);
            assert_eq!(titles(&table, &atlas), expected, "{query}");
        }
    }

    #[test]
    fn the_table_follows_the_maps_window_and_search() {
        use crate::index::{Certainty, day_number};
        let gaz = Gazetteer::bundled();
        let atlas = atlas_of(&[
            ("a.txt", "Talks in Doha\n\n5 August 2015\n\nEnvoys met in Doha."),
            ("b.txt", "Snow in Astana\n\n13 January 2017\n\nSnow fell in Astana."),
        ]);
        let mut table = ArticleTable { sort: ArticleSort::File, ..Default::default() };
        let day = |y, m, d| day_number(chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap());
        let everything = Filter::default();
        let key = |window: TimeWindow, generation| ViewKey { window, events: atlas.events().len(), generation };
        let all = TimeWindow::ALL;
        let view = MapView { key: key(all, 0), window: &all, filter: &everything };
        let now = Instant::now();
        table.refresh(&atlas, Some(gaz), None, Some(view), now);
        assert_eq!(table.rows().len(), 2);
        let in_2017 = TimeWindow { days: Some((day(2017, 1, 1), day(2017, 12, 31))), include_undated: false };
        let view = MapView { key: key(in_2017, 0), window: &in_2017, filter: &everything };
        table.refresh(&atlas, Some(gaz), None, Some(view), now + REMAKE_WHILE_LOADING);
        assert_eq!(titles(&table, &atlas), ["Snow in Astana"]);
        let qatar = Filter::new(&atlas, gaz, "Qatar", Certainty::Any);
        let view = MapView { key: key(all, 1), window: &all, filter: &qatar };
        table.refresh(&atlas, Some(gaz), None, Some(view), now + REMAKE_WHILE_LOADING * 2);
        assert_eq!(titles(&table, &atlas), ["Talks in Doha"]);
        // Unticked, the table lists every article again, at once.
        table.in_view = false;
        table.refresh(&atlas, Some(gaz), None, Some(view), now + REMAKE_WHILE_LOADING * 2);
        assert_eq!(table.rows().len(), 2);
    }
}
