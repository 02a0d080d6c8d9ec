//! The place list: every place in view with its country, mentions in the date window, and first and last
//! date, sortable by any column and filtered by name as the user types. Clicking a row selects the place.
//! Only the rows in view are laid out, so the list costs the same for ten places or a hundred thousand.

use std::cmp::Reverse;

use super::live_index::ViewKey;
use crate::gazetteer::{Gazetteer, PlaceId};
use crate::index::{PlaceSummary, TimeIndex, date_of_day};

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

/// What the list remembers: its sort, its filter, and the rows for the last input.
#[derive(Debug, Default)]
pub struct PlaceList {
    pub sort_by: SortBy,
    pub filter: String,
    /// The filter field takes the keyboard on the next frame (F6).
    pub focus_filter: bool,
    rows: Vec<PlaceSummary>,
    /// The view (index and window), sort and filter the rows were made for.
    rows_for: Option<(ViewKey, SortBy, String)>,
}

/// The name and where it lies: ("Lincoln", "Nebraska, United States"), ("Moscow", "Russia"); the second is empty
/// for countries and places without a country.
fn row_name(gazetteer: &Gazetteer, place: PlaceId) -> (String, String) {
    let p = gazetteer.place(place);
    let described = gazetteer.describe(p);
    let where_ = described.strip_prefix(p.name.as_str()).and_then(|rest| rest.strip_prefix(", ")).unwrap_or("");
    (p.name.clone(), where_.to_owned())
}

impl PlaceList {
    /// Rebuilds the rows when the index, window, sort or filter changed (`key` names the index and window).
    /// Names are looked up only when the filter or the sort needs them: while the user drags the date window
    /// over a large corpus, rows are ordered by numbers alone, and only the rows in view are ever written out.
    fn refresh(&mut self, index: &TimeIndex, gazetteer: &Gazetteer, key: ViewKey) {
        let wanted = (key, self.sort_by, self.filter.clone());
        if self.rows_for.as_ref() == Some(&wanted) {
            return;
        }
        let filter = self.filter.trim().to_lowercase();
        // The first and last days are worked out here only to sort by them; otherwise for the rows in view.
        let summaries = match self.sort_by {
            SortBy::First | SortBy::Last => index.place_summaries(),
            _ => index.place_summaries_without_days(),
        };
        let mut rows: Vec<PlaceSummary> = summaries.into_iter().filter(|s| s.mentions > 0).collect();
        let by_name = !filter.is_empty() || matches!(self.sort_by, SortBy::Name | SortBy::Country);
        if by_name {
            let mut named: Vec<(PlaceSummary, String, String)> = rows
                .into_iter()
                .map(|summary| {
                    let (name, country) = row_name(gazetteer, summary.place);
                    (summary, name, country)
                })
                .filter(|(_, name, country)| {
                    filter.is_empty()
                        || name.to_lowercase().contains(&filter)
                        || country.to_lowercase().contains(&filter)
                })
                .collect();
            match self.sort_by {
                // By country (the last part of "Nebraska, United States"), then division, then name.
                SortBy::Country => named.sort_by(|a, b| {
                    let country = |w: &str| w.rsplit(", ").next().unwrap_or("").to_owned();
                    country(&a.2).cmp(&country(&b.2)).then(a.2.cmp(&b.2)).then(a.1.cmp(&b.1))
                }),
                _ => named.sort_by(|a, b| a.1.cmp(&b.1)),
            }
            rows = named.into_iter().map(|(summary, _, _)| summary).collect();
        }
        match self.sort_by {
            SortBy::Name | SortBy::Country => {}
            SortBy::Mentions => rows.sort_by_key(|r| (Reverse(r.mentions), r.place)),
            SortBy::First => rows.sort_by_key(|r| (r.first_day.is_none(), r.first_day, r.place)),
            SortBy::Last => rows.sort_by_key(|r| (r.last_day.is_none(), Reverse(r.last_day), r.place)),
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
        key: ViewKey,
        selected: Option<PlaceId>,
    ) -> Option<PlaceId> {
        ui.heading("Places");
        ui.horizontal(|ui| {
            let label = ui.label("Filter places");
            let field = ui
                .add(egui::TextEdit::singleline(&mut self.filter).hint_text("name or country").desired_width(140.0))
                .labelled_by(label.id);
            if std::mem::take(&mut self.focus_filter) {
                field.request_focus();
            }
        });
        ui.horizontal_wrapped(|ui| {
            ui.weak("Sort");
            for sort in SortBy::ALL {
                ui.selectable_value(&mut self.sort_by, sort, sort.label());
            }
        });
        self.refresh(index, gazetteer, key);
        ui.weak(format!("{} in this window", super::reader::plural(self.rows.len(), "place")));
        ui.separator();
        let mut clicked = None;
        let row_height = ui.spacing().interact_size.y;
        // Names get the width the numbers and dates leave and are cut short to fit it, so the panel keeps
        // its width whatever names scroll into view.
        let name_width = (ui.available_width() - NUMBERS_WIDTH).max(MIN_NAME_WIDTH);
        egui::ScrollArea::vertical().auto_shrink(false).show_rows(ui, row_height, self.rows.len(), |ui, shown| {
            egui::Grid::new("place list").striped(true).num_columns(3).show(ui, |ui| {
                for row in &self.rows[shown] {
                    let (name, country) = row_name(gazetteer, row.place);
                    let title = if country.is_empty() || country == name { name } else { format!("{name}, {country}") };
                    let button = egui::Button::selectable(selected == Some(row.place), title).truncate();
                    let layout = egui::Layout::left_to_right(egui::Align::Center);
                    let response = ui.allocate_ui_with_layout(egui::vec2(name_width, row_height), layout, |ui| {
                        ui.set_min_width(name_width);
                        ui.add(button)
                    });
                    if response.inner.clicked() {
                        clicked = Some(row.place);
                    }
                    ui.label(row.mentions.to_string());
                    ui.weak(day_span(&index.place_summary(row.place).unwrap_or(*row)));
                    ui.end_row();
                }
            });
        });
        clicked
    }
}

/// Room for the mentions and date columns of the place list, in points.
const NUMBERS_WIDTH: f32 = 210.0;
const MIN_NAME_WIDTH: f32 = 80.0;

fn day_span(row: &PlaceSummary) -> String {
    let format =
        |day: Option<i32>, until: Option<i32>| Some(date_label(date_of_day(day?)?, until.and_then(date_of_day)));
    match (format(row.first_day, row.first_until), format(row.last_day, row.last_until)) {
        (Some(a), Some(b)) if a == b => a,
        (Some(a), Some(b)) => format!("{a} – {b}"),
        _ => "undated".to_owned(),
    }
}

/// A date as precise as the text made it: `2016-12-05`, or the month `2016-12`, or the ISO week `2016-W49`
/// when the date is a month or a week starting on `day` and ending on `until`.
pub fn date_label(day: chrono::NaiveDate, until: Option<chrono::NaiveDate>) -> String {
    use chrono::Datelike;
    match until {
        Some(end) if day.day() == 1 && (end - day).num_days() >= 27 => day.format("%Y-%m").to_string(),
        Some(end) if end > day => day.format("%G-W%V").to_string(),
        _ => day.format("%Y-%m-%d").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_as_precise_as_they_are() {
        let date = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(date_label(date("2016-12-05"), None), "2016-12-05");
        assert_eq!(date_label(date("2016-12-01"), Some(date("2016-12-31"))), "2016-12");
        assert_eq!(date_label(date("2016-12-05"), Some(date("2016-12-11"))), "2016-W49");
        assert_eq!(date_label(date("2017-02-01"), Some(date("2017-02-28"))), "2017-02");
    }
}
