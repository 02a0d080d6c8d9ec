//! The place list: every place in view with its country, mentions in the date window, and first and last
//! date, sortable by any column and filtered by name as the user types. Clicking a row selects the place.

use std::cmp::Reverse;

use crate::gazetteer::{Gazetteer, PlaceId};
use crate::index::{PlaceSummary, TimeIndex, date_of_day};

/// Rows drawn at most; the rest are counted.
const MAX_ROWS: usize = 400;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum SortBy {
    Name,
    Country,
    #[default]
    Mentions,
    First,
    Last,
}

impl SortBy {
    const ALL: [SortBy; 5] = [SortBy::Name, SortBy::Country, SortBy::Mentions, SortBy::First, SortBy::Last];

    fn label(self) -> &'static str {
        match self {
            SortBy::Name => "Name",
            SortBy::Country => "Country",
            SortBy::Mentions => "Mentions",
            SortBy::First => "First",
            SortBy::Last => "Last",
        }
    }
}

/// One row, with the strings it shows.
#[derive(Debug, Clone)]
struct Row {
    summary: PlaceSummary,
    name: String,
    country: String,
}

/// What the list remembers: its sort, its filter, and the rows for the last input.
#[derive(Debug, Default)]
pub struct PlaceList {
    pub sort_by: SortBy,
    pub filter: String,
    rows: Vec<Row>,
    /// The (index generation, window key, sort, filter) the rows were made for.
    rows_for: Option<(u64, String, SortBy, String)>,
}

impl PlaceList {
    /// Rebuilds the rows when the index, window, sort or filter changed (`key` names the index and window).
    fn refresh(&mut self, index: &TimeIndex, gazetteer: &Gazetteer, key: (u64, String)) {
        let wanted = (key.0, key.1, self.sort_by, self.filter.clone());
        if self.rows_for.as_ref() == Some(&wanted) {
            return;
        }
        let filter = self.filter.trim().to_lowercase();
        let mut rows: Vec<Row> = index
            .place_summaries()
            .into_iter()
            .filter(|s| s.mentions > 0)
            .map(|summary| {
                let place = gazetteer.place(summary.place);
                let country = gazetteer.country_name(&place.country_code).unwrap_or_default().to_owned();
                Row { summary, name: place.name.clone(), country }
            })
            .filter(|row| {
                filter.is_empty()
                    || row.name.to_lowercase().contains(&filter)
                    || row.country.to_lowercase().contains(&filter)
            })
            .collect();
        match self.sort_by {
            SortBy::Name => rows.sort_by(|a, b| a.name.cmp(&b.name)),
            SortBy::Country => rows.sort_by(|a, b| a.country.cmp(&b.country).then(a.name.cmp(&b.name))),
            SortBy::Mentions => rows.sort_by_key(|r| (Reverse(r.summary.mentions), r.summary.place)),
            SortBy::First => rows.sort_by_key(|r| (r.summary.first_day.is_none(), r.summary.first_day)),
            SortBy::Last => rows.sort_by_key(|r| (r.summary.last_day.is_none(), Reverse(r.summary.last_day))),
        }
        self.rows = rows;
        self.rows_for = Some(wanted);
    }

    /// The list; returns the place whose row was clicked.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        index: &TimeIndex,
        gazetteer: &Gazetteer,
        key: (u64, String),
        selected: Option<PlaceId>,
    ) -> Option<PlaceId> {
        ui.heading("Places");
        ui.horizontal(|ui| {
            let label = ui.label("Filter places");
            ui.add(egui::TextEdit::singleline(&mut self.filter).hint_text("name or country").desired_width(140.0))
                .labelled_by(label.id);
        });
        ui.horizontal_wrapped(|ui| {
            ui.weak("Sort by");
            for sort in SortBy::ALL {
                ui.selectable_value(&mut self.sort_by, sort, sort.label());
            }
        });
        self.refresh(index, gazetteer, key);
        ui.weak(format!("{} in this window", super::reader::plural(self.rows.len(), "place")));
        ui.separator();
        let mut clicked = None;
        egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
            egui::Grid::new("place list").striped(true).num_columns(3).show(ui, |ui| {
                for row in self.rows.iter().take(MAX_ROWS) {
                    let name = if row.country.is_empty() || row.country == row.name {
                        row.name.clone()
                    } else {
                        format!("{}, {}", row.name, row.country)
                    };
                    let is_selected = selected == Some(row.summary.place);
                    if ui.selectable_label(is_selected, name).clicked() {
                        clicked = Some(row.summary.place);
                    }
                    ui.label(row.summary.mentions.to_string());
                    ui.weak(day_span(row.summary.first_day, row.summary.last_day));
                    ui.end_row();
                }
            });
            if self.rows.len() > MAX_ROWS {
                ui.weak(format!("… and {} more; filter to find them", self.rows.len() - MAX_ROWS));
            }
        });
        clicked
    }
}

fn day_span(first: Option<i32>, last: Option<i32>) -> String {
    let format = |day: Option<i32>| day.and_then(date_of_day).map(|d| d.format("%Y-%m-%d").to_string());
    match (format(first), format(last)) {
        (Some(a), Some(b)) if a == b => a,
        (Some(a), Some(b)) => format!("{a} – {b}"),
        _ => "undated".to_owned(),
    }
}
