//! The timeline: a histogram of dated mentions (egui_plot) with a date window the user brushes, moves and
//! resizes, plus date fields for exact entry. It does not change app state: it returns a [`TimelineCommand`].

use egui::Color32;
use egui_plot::{Bar, BarChart, HoverPosition, Plot};

use crate::gazetteer::PlaceId;
use crate::index::{BinUnit, DayNumber, TimeIndex, bin_edges, date_of_day, day_number};

const MAX_BINS: usize = 2000;
/// How close (in points) the pointer must be to a window edge to grab it.
const EDGE_GRAB_PX: f32 = 6.0;
const WINDOW_FILL: Color32 = Color32::from_rgba_premultiplied(20, 45, 80, 60);
const WINDOW_EDGE: Color32 = Color32::from_rgb(70, 130, 210);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimelineCommand {
    /// Show only events in these days (inclusive); `None` shows every date.
    SetWindow(Option<(DayNumber, DayNumber)>),
    SetIncludeUndated(bool),
    TogglePlay,
    SetSpeed(PlaySpeed),
    SetCumulative(bool),
}

/// How fast the window moves while the timeline plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PlaySpeed {
    DayPerSecond,
    #[default]
    WeekPerSecond,
    MonthPerSecond,
    YearPerSecond,
}

impl PlaySpeed {
    pub const ALL: [PlaySpeed; 4] =
        [PlaySpeed::DayPerSecond, PlaySpeed::WeekPerSecond, PlaySpeed::MonthPerSecond, PlaySpeed::YearPerSecond];

    pub fn days_per_sec(self) -> f64 {
        match self {
            PlaySpeed::DayPerSecond => 1.0,
            PlaySpeed::WeekPerSecond => 7.0,
            PlaySpeed::MonthPerSecond => 30.0,
            PlaySpeed::YearPerSecond => 365.0,
        }
    }

    /// The window a playback starts with when none is chosen: a few seconds' worth of travel.
    pub fn window_days(self) -> DayNumber {
        (self.days_per_sec() * 4.0) as DayNumber
    }

    pub fn label(self) -> &'static str {
        match self {
            PlaySpeed::DayPerSecond => "1 day/s",
            PlaySpeed::WeekPerSecond => "1 week/s",
            PlaySpeed::MonthPerSecond => "1 month/s",
            PlaySpeed::YearPerSecond => "1 year/s",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Drag {
    /// A new window from this day to the pointer.
    Brush {
        anchor: f64,
    },
    MoveWindow {
        grab_offset: f64,
        length: i32,
    },
    StartEdge,
    EndEdge,
}

/// What the timeline remembers between frames.
#[derive(Debug, Default)]
pub struct TimelineState {
    /// The first date field takes the keyboard on the next frame (F6).
    pub focus_from: bool,
    drag: Option<Drag>,
    start_text: String,
    end_text: String,
    /// The window the text fields were last filled from, to refill them when it changes elsewhere.
    texts_for: Option<Option<(DayNumber, DayNumber)>>,
    /// The plot's first view spans every date, the stray ones too, rather than the bulk of them.
    pub every_date: bool,
}

fn format_day(day: DayNumber) -> String {
    date_of_day(day).map_or_else(String::new, |d| d.format("%Y-%m-%d").to_string())
}

/// The share of dated mentions left out at each end of the timeline's first view (zoom out to see them).
pub(super) const BULK_SHARE: f64 = 0.01;

/// Axis marks on calendar boundaries: years, months or days, whichever gives a readable number of labels for
/// the span shown (never 1999-09-03 and 2002-05-30).
fn calendar_marks(input: egui_plot::GridInput) -> Vec<egui_plot::GridMark> {
    let (lo, hi) = input.bounds;
    let span_days = hi - lo;
    if !(span_days.is_finite() && span_days > 0.0) {
        return Vec::new();
    }
    let (Some(start), Some(end)) = (date_of_day(lo.floor() as DayNumber), date_of_day(hi.ceil() as DayNumber)) else {
        return Vec::new();
    };
    let mut marks = Vec::new();
    let mut push = |date: chrono::NaiveDate, step_size: f64| {
        let value = f64::from(day_number(date));
        if (lo..=hi).contains(&value) {
            marks.push(egui_plot::GridMark { value, step_size });
        }
    };
    use chrono::Datelike;
    if span_days > 3.0 * 365.0 {
        // Every year, or every 2, 5, 10, ... years on a long span.
        let years = span_days / 365.25;
        let every =
            [1, 2, 5, 10, 20, 50, 100, 200, 500].into_iter().find(|&n| years / f64::from(n) <= 12.0).unwrap_or(1000);
        let mut year = start.year() - start.year().rem_euclid(every);
        while year <= end.year() {
            if let Some(date) = chrono::NaiveDate::from_ymd_opt(year, 1, 1) {
                push(date, YEAR_STEP * f64::from(every));
            }
            year += every;
        }
    } else if span_days > 60.0 {
        // Every month, or every quarter or half year.
        let months = span_days / 30.4;
        let every = [1, 3, 6].into_iter().find(|&n| months / f64::from(n) <= 12.0).unwrap_or(12);
        let mut month = start.year() * 12 + (start.month0() as i32 / every) * every;
        while month <= end.year() * 12 + end.month0() as i32 {
            if let Some(date) =
                chrono::NaiveDate::from_ymd_opt(month.div_euclid(12), month.rem_euclid(12) as u32 + 1, 1)
            {
                push(date, MONTH_STEP * f64::from(every));
            }
            month += every;
        }
    } else {
        // Every day or two, or every week from a Monday (the span is two months at most).
        let every = [1, 2].into_iter().find(|&n| span_days / f64::from(n) <= 12.0).unwrap_or(7);
        let mut day = lo.floor() as DayNumber;
        while every >= 7 && date_of_day(day).is_some_and(|d| d.weekday() != chrono::Weekday::Mon) {
            day += 1;
        }
        while f64::from(day) <= hi
            && let Some(date) = date_of_day(day)
        {
            push(date, f64::from(every));
            day += every;
        }
    }
    marks
}

/// The timeline's colours: every mention, the selected place's, each faint (half opaque) for dates
/// coarser than a day.
const ALL_BARS: Color32 = Color32::from_rgb(0x8a, 0x9b, 0xb0);
const ALL_BARS_SPREAD: Color32 = Color32::from_rgba_premultiplied(0x40, 0x48, 0x52, 0x77);
const PLACE_BARS: Color32 = Color32::from_rgb(0x1f, 0x5f, 0xbf);
const PLACE_BARS_SPREAD: Color32 = Color32::from_rgba_premultiplied(0x0e, 0x2c, 0x59, 0x77);

/// Step sizes that tell the label formatter what a mark stands for.
const YEAR_STEP: f64 = 365.0;
const MONTH_STEP: f64 = 30.0;

/// A mark's label: "2016" for a year mark, "2016-12" for a month, the whole day otherwise.
fn format_mark(day: DayNumber, step_size: f64) -> String {
    let format = if step_size >= YEAR_STEP {
        "%Y"
    } else if step_size >= MONTH_STEP {
        "%Y-%m"
    } else {
        "%Y-%m-%d"
    };
    date_of_day(day).map_or_else(String::new, |d| d.format(format).to_string())
}

/// The dated mentions the timeline's first view leaves out, at either end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StrayDates {
    pub mentions: usize,
    pub first: DayNumber,
    pub last: DayNumber,
}

impl std::fmt::Display for StrayDates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mentions = super::reader::plural(self.mentions, "mention");
        write!(
            f,
            "{mentions} dated outside the first view (dates from {} to {})",
            format_day(self.first),
            format_day(self.last)
        )
    }
}

/// The mentions dated outside [`TimeIndex::day_bulk`], when showing them would widen the timeline by more than
/// a quarter: the first and last 1% of dates spread evenly over the years are no strays.
pub fn stray_dates(index: &TimeIndex) -> Option<StrayDates> {
    let (first, last) = index.day_extent()?;
    let (bulk_first, bulk_last) = index.day_bulk(BULK_SHARE)?;
    let mentions = index.dated_len() - index.dated_between(bulk_first, bulk_last);
    let widens = f64::from(last - first) > STRAY_WIDENING * f64::from((bulk_last - bulk_first).max(1));
    (mentions > 0 && widens).then_some(StrayDates { mentions, first, last })
}

/// How much wider than the bulk of the dates the whole span must be for the dates outside it to be strays.
const STRAY_WIDENING: f64 = 1.25;

fn parse_day(text: &str) -> Option<DayNumber> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok().map(day_number)
}

/// What the timeline shows.
pub struct TimelineView<'a> {
    pub index: &'a TimeIndex,
    pub undated_documents: usize,
    pub window: Option<(DayNumber, DayNumber)>,
    pub include_undated: bool,
    pub selected_place: Option<PlaceId>,
    /// Days of the events of the article open in the reader (sorted), drawn in their own colour.
    pub article_days: &'a [DayNumber],
    pub playing: bool,
    pub speed: PlaySpeed,
    pub cumulative: bool,
}

pub fn timeline_ui(ui: &mut egui::Ui, state: &mut TimelineState, view: &TimelineView) -> Option<TimelineCommand> {
    let TimelineView {
        index,
        undated_documents,
        window,
        include_undated,
        selected_place,
        article_days,
        playing,
        speed,
        cumulative,
    } = *view;
    let mut command = None;
    if state.texts_for != Some(window) {
        let (start, end) = window.map_or((String::new(), String::new()), |(a, b)| (format_day(a), format_day(b)));
        state.start_text = start;
        state.end_text = end;
        state.texts_for = Some(window);
    }

    ui.horizontal(|ui| {
        ui.strong("Timeline");
        let from_label = ui.label("From");
        let from =
            ui.add(egui::TextEdit::singleline(&mut state.start_text).desired_width(90.0).hint_text("YYYY-MM-DD"));
        let from = from.labelled_by(from_label.id);
        if std::mem::take(&mut state.focus_from) {
            from.request_focus();
        }
        let to_label = ui.label("to");
        let to = ui.add(egui::TextEdit::singleline(&mut state.end_text).desired_width(90.0).hint_text("YYYY-MM-DD"));
        let to = to.labelled_by(to_label.id);
        let submitted = (from.lost_focus() || to.lost_focus())
            && (from.changed() || to.changed() || ui.input(|i| i.key_pressed(egui::Key::Enter)))
            || ui.add(egui::Button::new("Apply dates")).clicked();
        if submitted {
            let extent = index.day_extent();
            let start = parse_day(&state.start_text).or(extent.map(|e| e.0));
            let end = parse_day(&state.end_text).or(extent.map(|e| e.1));
            if let (Some(a), Some(b)) = (start, end) {
                command = Some(TimelineCommand::SetWindow(Some((a.min(b), a.max(b)))));
            }
        }
        if ui.add_enabled(window.is_some(), egui::Button::new("All dates")).clicked() {
            command = Some(TimelineCommand::SetWindow(None));
        }
        let mut include = include_undated;
        if ui.checkbox(&mut include, format!("Include undated articles ({undated_documents})")).changed() {
            command = Some(TimelineCommand::SetIncludeUndated(include));
        }
        ui.separator();
        let play = if playing { "Pause" } else { "Play" };
        if ui.button(play).on_hover_text("Move the date window forward (Space)").clicked() {
            command = Some(TimelineCommand::TogglePlay);
        }
        let mut chosen = speed;
        egui::ComboBox::from_label("Speed").selected_text(speed.label()).show_ui(ui, |ui| {
            for option in PlaySpeed::ALL {
                ui.selectable_value(&mut chosen, option, option.label());
            }
        });
        if chosen != speed {
            command = Some(TimelineCommand::SetSpeed(chosen));
        }
        let mut keep = cumulative;
        if ui.checkbox(&mut keep, "Cumulative").on_hover_text("Keep the window's start at the first date").changed() {
            command = Some(TimelineCommand::SetCumulative(keep));
        }
        if let Some(stray) = stray_dates(index) {
            ui.separator();
            let (text, hover) = if state.every_date {
                ("Fit the bulk".to_owned(), "Show the middle 98% of the dates again".to_owned())
            } else {
                (format!("+{} stray", stray.mentions), format!("{stray}: show every date"))
            };
            if ui.button(text).on_hover_text(hover).clicked() {
                state.every_date = !state.every_date;
            }
        }
    });

    let shown = if state.every_date { index.day_extent() } else { index.day_bulk(BULK_SHARE) };
    let Some((first, last)) = shown else {
        ui.weak("No dated mentions yet.");
        return command;
    };
    let margin_days = (f64::from(last - first) * 0.03).max(3.0);
    // The plot remembers its bounds; a new extent (more articles read) starts it afresh, so the first
    // articles of a load do not fix the view to their dates.
    let plot = Plot::new(("timeline", first, last))
        .height(ui.available_height().max(150.0))
        .allow_drag(false)
        .allow_scroll(false)
        .allow_zoom([true, false])
        .allow_boxed_zoom(false)
        .allow_double_click_reset(true)
        .show_y(false)
        .y_axis_min_width(24.0)
        .include_y(0.0)
        .default_x_bounds(f64::from(first) - margin_days, f64::from(last) + 1.0 + margin_days)
        .x_grid_spacer(calendar_marks)
        .x_axis_formatter(|mark, _| format_mark(mark.value.round() as DayNumber, mark.step_size))
        .label_formatter(|hover| {
            let (HoverPosition::NearDataPoint { position, .. } | HoverPosition::Elsewhere { position }) = hover;
            Some(format_day(position.x.floor() as DayNumber))
        });
    let response = plot.show(ui, |plot_ui| {
        let bounds = plot_ui.plot_bounds();
        let (lo, hi) = (bounds.min()[0], bounds.max()[0]);
        let unit = BinUnit::for_span(hi - lo);
        let edges = bin_edges(lo.floor() as DayNumber, hi.ceil() as DayNumber, unit, MAX_BINS);
        let centre_and_width = |e: &[DayNumber]| {
            let width = f64::from(e[1] - e[0]);
            (f64::from(e[0]) + width / 2.0, width * 0.9)
        };
        let bars = |counts: Vec<u32>, color: Color32| {
            let bars: Vec<Bar> = edges
                .windows(2)
                .zip(counts)
                .filter(|(_, c)| *c > 0)
                .map(|(e, c)| {
                    let (centre, width) = centre_and_width(e);
                    Bar::new(centre, f64::from(c)).width(width).fill(color)
                })
                .collect();
            BarChart::new(format!("Mentions per {}", unit.label()), bars).color(color)
        };
        // Mentions dated to a day in full colour; those dated only to a week or a month spread over it,
        // lighter, on top: "late December" is December, not 1 December.
        let bars_by_precision = |place: Option<PlaceId>, color: Color32, spread_color: Color32| {
            let (exact, spread) = index.histogram_by_precision(&edges, place);
            let spread_bars: Vec<Bar> = edges
                .windows(2)
                .zip(exact.iter().zip(spread))
                .filter(|(_, (_, s))| *s > 0.0)
                .map(|(e, (&c, s))| {
                    let (centre, width) = centre_and_width(e);
                    Bar::new(centre, s).width(width).base_offset(f64::from(c)).fill(spread_color)
                })
                .collect();
            let name = format!("Dated to a week or month, per {}", unit.label());
            [bars(exact, color), BarChart::new(name, spread_bars).color(spread_color)]
        };
        for chart in bars_by_precision(None, ALL_BARS, ALL_BARS_SPREAD) {
            plot_ui.bar_chart(chart);
        }
        if let Some(place) = selected_place {
            for chart in bars_by_precision(Some(place), PLACE_BARS, PLACE_BARS_SPREAD) {
                plot_ui.bar_chart(chart);
            }
        }
        if !article_days.is_empty() {
            let positions: Vec<usize> = edges.iter().map(|&e| article_days.partition_point(|&d| d < e)).collect();
            let counts = positions.windows(2).map(|w| (w[1] - w[0]) as u32).collect();
            plot_ui.bar_chart(bars(counts, Color32::from_rgb(0xe0, 0x7b, 0x39)));
        }
        let response = plot_ui.response().clone();
        if response.hovered() {
            let scroll = plot_ui.ctx().input(|i| i.smooth_scroll_delta.y);
            if scroll != 0.0 {
                plot_ui.zoom_bounds_around_hovered(egui::vec2((scroll / 200.0).exp(), 1.0));
            }
        }
        let pointer_x = plot_ui.pointer_coordinate().map(|p| p.x);
        let px_per_day = plot_ui.transform().dpos_dvalue_x() as f32;
        (response, pointer_x, px_per_day)
    });
    if let Some((a, b)) = window {
        // Painted over the plot rather than added as a plot item, so it never stretches the plot's bounds.
        let frame = *response.transform.frame();
        let x0 = response.transform.position_from_point_x(f64::from(a));
        let x1 = response.transform.position_from_point_x(f64::from(b) + 1.0);
        let rect = egui::Rect::from_x_y_ranges(x0.max(frame.left())..=x1.min(frame.right()), frame.y_range());
        if rect.width() > 0.0 {
            let painter = ui.painter_at(frame);
            painter.rect_filled(rect, 0.0, WINDOW_FILL);
            for x in [x0, x1].into_iter().filter(|x| frame.x_range().contains(*x)) {
                painter.vline(x, frame.y_range(), egui::Stroke::new(2.0, WINDOW_EDGE));
            }
        }
    }
    let (plot_response, pointer_x, px_per_day) = response.inner;
    if let Some(new_window) = brush(state, &plot_response, pointer_x, px_per_day, window) {
        command = Some(TimelineCommand::SetWindow(Some(new_window)));
    }
    command
}

/// Turns drags on the plot into window changes: drag outside the window to draw a new one, inside to move
/// it, on an edge to resize it.
fn brush(
    state: &mut TimelineState,
    response: &egui::Response,
    pointer_x: Option<f64>,
    px_per_day: f32,
    window: Option<(DayNumber, DayNumber)>,
) -> Option<(DayNumber, DayNumber)> {
    let x = pointer_x?;
    if response.drag_started() {
        let grab_days = f64::from(EDGE_GRAB_PX / px_per_day.abs().max(1e-3));
        state.drag = Some(match window {
            Some((a, _)) if (x - f64::from(a)).abs() <= grab_days => Drag::StartEdge,
            Some((_, b)) if (x - f64::from(b + 1)).abs() <= grab_days => Drag::EndEdge,
            Some((a, b)) if f64::from(a) < x && x < f64::from(b + 1) => {
                Drag::MoveWindow { grab_offset: x - f64::from(a), length: b - a }
            }
            _ => Drag::Brush { anchor: x },
        });
    }
    if !response.dragged() {
        state.drag = None;
        return None;
    }
    let day = x.floor() as DayNumber;
    match (state.drag?, window) {
        (Drag::Brush { anchor }, _) => {
            let a = anchor.floor() as DayNumber;
            Some((a.min(day), a.max(day)))
        }
        (Drag::MoveWindow { grab_offset, length }, _) => {
            let start = (x - grab_offset).round() as DayNumber;
            Some((start, start + length))
        }
        (Drag::StartEdge, Some((_, b))) => Some((day.min(b), b)),
        (Drag::EndEdge, Some((a, _))) => Some((a, (x.round() as DayNumber - 1).max(a))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stray_dates_are_counted_and_named() {
        use crate::corpus::{Article, SourceRef};
        use crate::gazetteer::Gazetteer;
        use crate::index::{Atlas, analyze};
        let mut atlas = Atlas::new();
        let add = |atlas: &mut Atlas, i: usize, date: &str| {
            let id = format!("{i}.txt");
            let text = format!("Talks\n{date}\nEnvoys met in Astana.");
            let source = SourceRef { path: id.clone().into(), line: None };
            let article = Article { id: id.clone(), source, title: id, text: text.into(), metadata_date: None };
            atlas.add(analyze(article, Gazetteer::bundled()));
        };
        for i in 0..150 {
            add(&mut atlas, i, &format!("{} January, 2017", 1 + i % 28));
        }
        assert_eq!(stray_dates(&TimeIndex::build(&atlas)), None, "the first and last days of the month are no strays");
        add(&mut atlas, 150, "13 January, 1884");
        add(&mut atlas, 151, "2 March, 2027");
        let stray = stray_dates(&TimeIndex::build(&atlas)).unwrap();
        assert_eq!((format_day(stray.first), format_day(stray.last)), ("1884-01-13".into(), "2027-03-02".into()));
        assert!(stray.mentions >= 2, "{stray}");
        assert!(stray.to_string().contains("dated outside the first view"));
    }

    fn marks(from: &str, to: &str) -> Vec<String> {
        let day = |s: &str| f64::from(parse_day(s).unwrap());
        let input = egui_plot::GridInput { bounds: (day(from), day(to)), base_step_size: 1.0 };
        calendar_marks(input).iter().map(|m| format_mark(m.value as DayNumber, m.step_size)).collect()
    }

    /// Regression (issue 17): axis labels fell on odd days (1999-09-03, 2002-05-30) instead of years.
    #[test]
    fn axis_marks_fall_on_years_months_or_days_as_the_span_needs() {
        assert_eq!(marks("1999-08-20", "2004-03-01"), ["2000", "2001", "2002", "2003", "2004"]);
        assert_eq!(marks("1980-06-01", "2024-06-01")[..3], ["1985", "1990", "1995"]);
        assert_eq!(marks("2016-10-15", "2017-02-10"), ["2016-11", "2016-12", "2017-01", "2017-02"]);
        assert_eq!(
            marks("2016-12-30", "2017-01-03"),
            ["2016-12-30", "2016-12-31", "2017-01-01", "2017-01-02", "2017-01-03"]
        );
        assert_eq!(marks("2017-01-01", "2017-02-10")[..2], ["2017-01-02", "2017-01-09"], "every Monday");
    }
}
