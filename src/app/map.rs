//! The map view: the basemap, and a marker per place sized by its mentions in the time window.
//!
//! Rebuilt every frame from a small [`MapMemory`] (centre and zoom), as walkers does. Markers are real
//! widgets with accessible labels, so screen readers and UI tests can find and click them.

use std::collections::HashMap;
use std::sync::Arc;

use egui::{Color32, Mesh, Pos2, Rect, Sense, Shape, Stroke, Vec2, epaint, pos2};

use super::basemap::Basemap;
use crate::gazetteer::PlaceId;

/// Pixels across the whole world at zoom 0.
const WORLD_PX_AT_ZOOM_0: f64 = 256.0;
pub(super) const MIN_ZOOM: f64 = 0.0;
pub(super) const MAX_ZOOM: f64 = 14.0;

const OCEAN: Color32 = Color32::from_rgb(0xd4, 0xe6, 0xf1);
const LAND: Color32 = Color32::from_rgb(0xf4, 0xf1, 0xe8);
const COAST: Color32 = Color32::from_rgb(0x9a, 0xb4, 0xc6);
const BORDER: Color32 = Color32::from_rgb(0xb8, 0xae, 0x9c);
const DIVISION: Color32 = Color32::from_rgb(0xcc, 0xc2, 0xb0);
/// From this zoom (the world 2,900 pixels wide, a large country filling much of the map) first-level
/// division lines are drawn, so a reader can tell where in a country a place is.
pub const DIVISIONS_FROM_ZOOM: f64 = 3.5;
const MARKER: Color32 = Color32::from_rgb(0xd3, 0x45, 0x2f);
const MARKER_SELECTED: Color32 = Color32::from_rgb(0x1f, 0x5f, 0xbf);

/// Where the map looks: the centre in projected units and the zoom level (each level doubles the scale).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MapMemory {
    pub center: [f64; 2],
    pub zoom: f64,
}

impl Default for MapMemory {
    fn default() -> Self {
        MapMemory { center: [0.5, 0.42], zoom: 2.0 }
    }
}

impl MapMemory {
    fn scale(&self) -> f64 {
        WORLD_PX_AT_ZOOM_0 * self.zoom.exp2()
    }

    pub fn to_screen(&self, rect: Rect, point: [f64; 2]) -> Pos2 {
        let scale = self.scale();
        let c = rect.center();
        pos2(
            (f64::from(c.x) + (point[0] - self.center[0]) * scale) as f32,
            (f64::from(c.y) + (point[1] - self.center[1]) * scale) as f32,
        )
    }

    pub fn from_screen(&self, rect: Rect, pos: Pos2) -> [f64; 2] {
        let scale = self.scale();
        let c = rect.center();
        [self.center[0] + f64::from(pos.x - c.x) / scale, self.center[1] + f64::from(pos.y - c.y) / scale]
    }

    /// Zooms by `levels`, keeping the projected point under `anchor` where it is on screen.
    pub fn zoom_around(&mut self, rect: Rect, anchor: Pos2, levels: f64) {
        let before = self.from_screen(rect, anchor);
        self.zoom = (self.zoom + levels).clamp(MIN_ZOOM, MAX_ZOOM);
        let after = self.from_screen(rect, anchor);
        self.center[0] += before[0] - after[0];
        self.center[1] += before[1] - after[1];
        self.clamp();
    }

    pub fn pan_pixels(&mut self, delta: Vec2) {
        let scale = self.scale();
        self.center[0] -= f64::from(delta.x) / scale;
        self.center[1] -= f64::from(delta.y) / scale;
        self.clamp();
    }

    /// The smallest zoom that shows the whole world's width in `rect`.
    pub fn fit_world(&mut self, rect: Rect) {
        self.zoom = (f64::from(rect.width()) / WORLD_PX_AT_ZOOM_0).log2().clamp(MIN_ZOOM, MAX_ZOOM);
        self.center = [0.5, 0.45];
    }

    /// Centres and zooms so every point (projected units) shows in `rect` with a margin; the world view when
    /// there are none. A single place is shown at a regional zoom, not as close as the map goes.
    pub fn fit_points(&mut self, rect: Rect, points: impl IntoIterator<Item = [f64; 2]>) {
        let mut bounds: Option<([f64; 2], [f64; 2])> = None;
        for p in points {
            let (lo, hi) = bounds.get_or_insert((p, p));
            *lo = [lo[0].min(p[0]), lo[1].min(p[1])];
            *hi = [hi[0].max(p[0]), hi[1].max(p[1])];
        }
        let Some((lo, hi)) = bounds else {
            self.fit_world(rect);
            return;
        };
        const MARGIN: f64 = 0.15;
        const MIN_SPAN: f64 = 0.02;
        let span_x = (hi[0] - lo[0]).max(MIN_SPAN) * (1.0 + 2.0 * MARGIN);
        let span_y = (hi[1] - lo[1]).max(MIN_SPAN) * (1.0 + 2.0 * MARGIN);
        let scale = (f64::from(rect.width()) / span_x).min(f64::from(rect.height()) / span_y);
        let world_fit = (f64::from(rect.width()) / WORLD_PX_AT_ZOOM_0).log2();
        self.zoom = (scale / WORLD_PX_AT_ZOOM_0).log2().clamp(world_fit.max(MIN_ZOOM), MAX_ZOOM);
        self.center = [(lo[0] + hi[0]) / 2.0, (lo[1] + hi[1]) / 2.0];
        self.clamp();
    }

    /// Keeps what was in view when the map's rectangle changes from `before` to `after` (the window was
    /// resized): the centre stays, and the zoom changes so the same area fits, as far as the zoom limits allow.
    pub fn keep_view_on_resize(&mut self, before: Rect, after: Rect) {
        if before.width() <= 0.0 || before.height() <= 0.0 || after.width() <= 0.0 || after.height() <= 0.0 {
            return;
        }
        let ratio = (after.width() / before.width()).min(after.height() / before.height());
        self.zoom = (self.zoom + f64::from(ratio).log2()).clamp(MIN_ZOOM, MAX_ZOOM);
    }

    fn clamp(&mut self) {
        self.center[0] = self.center[0].clamp(0.0, 1.0);
        self.center[1] = self.center[1].clamp(0.0, 1.0);
    }
}

/// One marker to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    pub place: PlaceId,
    /// The place in projected units (see [`project`]).
    pub projected: [f64; 2],
    pub mentions: u32,
    /// "Moscow, Russia": with the count, the marker's accessible label and hover text.
    pub title: Arc<str>,
    /// Where the marker falls on the scale of the chosen [`MarkerColour`], 0 to 1; `None` when it has no
    /// value there (an undated place, by recency), or when markers are not coloured.
    pub shade: Option<f32>,
}

/// What the colour of a marker tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum MarkerColour {
    /// All markers alike.
    #[default]
    Plain,
    /// When the place was last mentioned in the date window: pale early, deep red late.
    Recency,
    /// How sure the engine is of the place, on average over its mentions: red unsure, blue sure.
    Confidence,
}

impl MarkerColour {
    pub const ALL: [MarkerColour; 3] = [MarkerColour::Plain, MarkerColour::Recency, MarkerColour::Confidence];

    pub fn label(self) -> &'static str {
        match self {
            MarkerColour::Plain => "one colour",
            MarkerColour::Recency => "by recency",
            MarkerColour::Confidence => "by confidence",
        }
    }

    /// What the colours mean, for a hover.
    pub fn meaning(self) -> &'static str {
        match self {
            MarkerColour::Plain => "Every marker alike",
            MarkerColour::Recency => {
                "Pale for places last named early in the date window, deep red for late ones; grey for undated ones"
            }
            MarkerColour::Confidence => "Red where the engine is unsure of the place, blue where it is sure",
        }
    }

    /// The fill for `shade` (see [`Marker::shade`]); grey for a marker with no value.
    fn fill(self, shade: Option<f32>) -> Color32 {
        // ColorBrewer's YlOrRd (recency, as the density view) and RdYlBu (confidence), both safe for the
        // common kinds of colour blindness.
        const RECENCY: [[u8; 3]; 4] = [[0xfe, 0xd9, 0x76], [0xfd, 0x8d, 0x3c], [0xe3, 0x1a, 0x1c], [0x80, 0x00, 0x26]];
        const CONFIDENCE: [[u8; 3]; 4] =
            [[0xd7, 0x19, 0x1c], [0xfd, 0xae, 0x61], [0xab, 0xd9, 0xe9], [0x2c, 0x7b, 0xb6]];
        let ramp = match self {
            MarkerColour::Plain => return MARKER,
            MarkerColour::Recency => &RECENCY,
            MarkerColour::Confidence => &CONFIDENCE,
        };
        match shade {
            Some(t) => ramp_colour(ramp, t),
            None => Color32::from_gray(150),
        }
    }
}

/// The colour at `t` (0 to 1) along `ramp`, mixed linearly between its stops.
fn ramp_colour(ramp: &[[u8; 3]], t: f32) -> Color32 {
    let at = t.clamp(0.0, 1.0) * (ramp.len() - 1) as f32;
    let i = (at as usize).min(ramp.len() - 2);
    let f = at - i as f32;
    let mix = |c: usize| (f32::from(ramp[i][c]) * (1.0 - f) + f32::from(ramp[i + 1][c]) * f).round() as u8;
    Color32::from_rgb(mix(0), mix(1), mix(2))
}

impl Marker {
    /// "Moscow, Russia: 12 mentions".
    pub fn label(&self) -> String {
        let s = if self.mentions == 1 { "" } else { "s" };
        format!("{}: {} mention{s}", self.title, self.mentions)
    }
}

/// At most this many symbols, the most mentioned in view, are widgets of their own (with an accessible label);
/// the rest are drawn and hit-tested by the map, so a hundred thousand places cost no more than a few widgets.
const MAX_MARKER_WIDGETS: usize = 400;

/// Marker radii in points: [`MIN_RADIUS`] for one mention, growing with the square root of mentions so areas
/// compare honestly. Up to [`SCALE_MENTIONS`] mentions the scale is fixed (3 + 2.5 √mentions); past it, the
/// most mentioned place in the date window gets [`MAX_RADIUS`] and the others their share, so the largest
/// never covers a continent and the rest stay told apart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RadiusScale {
    most: u32,
}

const MIN_RADIUS: f32 = 3.0;
const MAX_RADIUS: f32 = 20.0;
const SCALE_MENTIONS: u32 = 46;

impl RadiusScale {
    /// The scale for a view whose most mentioned marker has `most` mentions.
    pub fn for_most(most: u32) -> RadiusScale {
        RadiusScale { most: most.max(SCALE_MENTIONS) }
    }

    pub fn radius(self, mentions: u32) -> f32 {
        let share = mentions as f32 / self.most as f32;
        (MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * share.sqrt()).min(MAX_RADIUS)
    }
}

/// What the map draws besides the markers.
#[derive(Debug, Default)]
pub struct Overlays {
    /// Places ringed (the article being read), sorted.
    pub ringed: Vec<PlaceId>,
    /// Markers fading out after the playing window left them: projected point, mentions, opacity 0..1.
    pub trail: Vec<([f64; 2], u32, f32)>,
    /// Lines between places named in the same passages: both ends projected, and how many passages.
    pub links: Vec<([f64; 2], [f64; 2], u32)>,
    /// The density view: hexagons shaded by the mentions of the places inside, instead of markers.
    pub density: bool,
    /// What the markers' colour tells.
    pub colour: MarkerColour,
    /// The most mentioned marker takes the keyboard (F6).
    pub focus: bool,
}

/// A click on the map.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MapClick {
    /// On the marker of a place.
    Marker(PlaceId),
    /// Where no marker is, at this point of the earth.
    Empty { lon_deg: f64, lat_deg: f64 },
}

/// The point of `centers` nearest to `from` in `direction` (a unit vector on screen), within 45 degrees of it;
/// nearer the straight line wins over a little nearer off it (distance over the squared cosine, as egui moves
/// focus between widgets). Arrow keys use it to go from marker to marker.
pub fn nearest_in_direction(centers: &[Pos2], from: Pos2, direction: Vec2) -> Option<usize> {
    let cone = std::f32::consts::FRAC_1_SQRT_2;
    centers
        .iter()
        .enumerate()
        .filter_map(|(i, &center)| {
            let offset = center - from;
            let distance = offset.length();
            let cosine = offset.dot(direction) / distance;
            (distance > 0.5 && cosine >= cone).then_some((i, distance / (cosine * cosine)))
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

/// Draws the map and its markers; returns what was clicked.
pub fn map_ui(
    ui: &mut egui::Ui,
    memory: &mut MapMemory,
    basemap: &Basemap,
    markers: &[Marker],
    selected: Option<PlaceId>,
    overlays: &Overlays,
) -> Option<MapClick> {
    let ringed = &overlays.ringed;
    let (rect, response) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, "World map"));
    if response.dragged() {
        memory.pan_pixels(response.drag_delta());
    }
    if response.hovered() {
        let (scroll, pinch, pointer) = ui.input(|i| (i.smooth_scroll_delta.y, i.zoom_delta(), i.pointer.hover_pos()));
        let anchor = pointer.unwrap_or(rect.center());
        if scroll != 0.0 {
            memory.zoom_around(rect, anchor, f64::from(scroll) / 200.0);
        }
        if pinch != 1.0 {
            memory.zoom_around(rect, anchor, f64::from(pinch).log2());
        }
    }
    if !ui.ctx().egui_wants_keyboard_input() {
        let (zoom_in, zoom_out) = ui.input(|i| {
            (i.key_pressed(egui::Key::Plus) || i.key_pressed(egui::Key::Equals), i.key_pressed(egui::Key::Minus))
        });
        if zoom_in {
            memory.zoom_around(rect, rect.center(), 1.0);
        }
        if zoom_out {
            memory.zoom_around(rect, rect.center(), -1.0);
        }
        let pan = ui.input(|i| {
            let key = |k| if i.key_down(k) { 1.0 } else { 0.0 };
            egui::vec2(
                key(egui::Key::ArrowLeft) - key(egui::Key::ArrowRight),
                key(egui::Key::ArrowUp) - key(egui::Key::ArrowDown),
            ) * ARROW_PAN_PX
        });
        if pan != Vec2::ZERO && !ui.input(|i| i.modifiers.alt) {
            memory.pan_pixels(pan);
            ui.ctx().request_repaint();
        }
    }

    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, OCEAN);
    draw_basemap(ui, &painter, rect, memory, basemap);

    for &(a, b, passages) in &overlays.links {
        let width = (1.0 + (passages as f32).ln() * 1.5).min(8.0);
        painter.line_segment([memory.to_screen(rect, a), memory.to_screen(rect, b)], Stroke::new(width, LINK));
    }
    let scale = RadiusScale::for_most(markers.first().map_or(1, |m| m.mentions));
    for &(point, mentions, opacity) in overlays.trail.iter().filter(|_| !overlays.density) {
        let center = memory.to_screen(rect, point);
        painter.circle_filled(center, scale.radius(mentions), MARKER.gamma_multiply(0.5 * opacity));
    }

    let symbols = if overlays.density {
        hex_symbols(markers, memory, rect)
    } else {
        layout_symbols(markers, memory, rect, scale)
    };
    let most = symbols.iter().map(|s| s.mentions).max().unwrap_or(1);

    for symbol in symbols.iter().filter(|_| overlays.density) {
        let corners = hex_corners(symbol.center, HEX_RADIUS - 0.75);
        let stroke = if symbol.holds(selected) {
            Stroke::new(2.5, MARKER_SELECTED)
        } else {
            Stroke::new(0.5, Color32::from_white_alpha(150))
        };
        painter.add(Shape::convex_polygon(corners, density_color(symbol.mentions, most), stroke));
    }
    for symbol in symbols.iter().filter(|_| !overlays.density) {
        let fill = if symbol.holds(selected) { MARKER_SELECTED } else { overlays.colour.fill(symbol.shade()) };
        let fill = fill.gamma_multiply(0.75);
        // A stroke makes egui tessellate a path; small symbols are filled discs, which are cheap.
        if symbol.radius >= 6.0 {
            painter.circle(symbol.center, symbol.radius, fill, Stroke::new(1.0, Color32::WHITE));
        } else {
            painter.circle_filled(symbol.center, symbol.radius, fill);
        }
        if symbol.places > 1 {
            let text = symbol.places.to_string();
            painter.text(
                symbol.center,
                egui::Align2::CENTER_CENTER,
                text,
                egui::FontId::proportional(11.0),
                Color32::WHITE,
            );
        }
    }

    draw_labels(&painter, rect, &symbols);

    // The places of the article being read get a ring, so the map shows where that article goes.
    for symbol in symbols.iter().filter(|s| s.members.iter().any(|m| ringed.binary_search(&m.place).is_ok())) {
        painter.circle_stroke(symbol.center, symbol.radius + 3.0, Stroke::new(2.5, RING));
    }

    let mut action = None;
    let mut hovered: Option<&Symbol> = None;
    let mut focused: Option<&Symbol> = None;
    let marker_id = |symbol: &Symbol| ui.scope_id().with(("marker", symbol.top.place, symbol.places));
    // Symbols come most mentioned first (see `singles` and `cluster`).
    let with_widgets = &symbols[..symbols.len().min(MAX_MARKER_WIDGETS)];
    for symbol in with_widgets {
        let hit = Rect::from_center_size(symbol.center, Vec2::splat(2.0 * symbol.radius.max(6.0))).intersect(rect);
        let response = ui.interact(hit, marker_id(symbol), Sense::click());
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, symbol.label()));
        if overlays.focus && std::ptr::eq(symbol, &symbols[0]) {
            response.request_focus();
        }
        if response.clicked() {
            action = Some(symbol.action());
        }
        if response.hovered() {
            hovered = Some(symbol);
        }
        // A marker that has the keyboard (Tab) is ringed and named, as under the pointer.
        if response.has_focus() {
            let stroke = Stroke::new(2.5, ui.visuals().selection.stroke.color);
            painter.circle_stroke(symbol.center, symbol.radius + 4.0, stroke);
            focused = Some(symbol);
            // The arrow keys are the map's while a marker has the keyboard: they go to the nearest marker that
            // way, not to whichever widget of the window egui finds there.
            let arrows = egui::EventFilter { horizontal_arrows: true, vertical_arrows: true, ..Default::default() };
            ui.memory_mut(|m| m.set_focus_lock_filter(response.id, arrows));
        }
    }
    if let Some(from) = focused {
        let direction = ui.input_mut(|i| {
            [
                (egui::Key::ArrowLeft, Vec2::LEFT),
                (egui::Key::ArrowRight, Vec2::RIGHT),
                (egui::Key::ArrowUp, Vec2::UP),
                (egui::Key::ArrowDown, Vec2::DOWN),
            ]
            .into_iter()
            .find(|(key, _)| i.consume_key(egui::Modifiers::NONE, *key))
            .map(|(_, direction)| direction)
        });
        let centers: Vec<Pos2> = with_widgets.iter().map(|s| s.center).collect();
        if let Some(to) = direction.and_then(|d| nearest_in_direction(&centers, from.center, d)) {
            ui.memory_mut(|m| m.request_focus(marker_id(&with_widgets[to])));
        }
    }
    // The symbols without a widget of their own: the topmost one under the pointer, found by the map itself.
    if hovered.is_none()
        && let Some(pointer) = response.hover_pos()
    {
        hovered = symbols.iter().rev().find(|s| s.center.distance(pointer) <= s.radius.max(4.0));
        if let Some(symbol) = hovered
            && response.clicked()
        {
            action = Some(symbol.action());
        }
    }
    if let Some(symbol) = hovered.or(focused) {
        let fill = if symbol.holds(selected) { MARKER_SELECTED } else { MARKER };
        painter.circle_stroke(symbol.center, symbol.radius + 2.0, Stroke::new(2.0, fill));
        let tip = egui::Tooltip::always_open(
            ui.ctx().clone(),
            ui.layer_id(),
            ui.scope_id().with("marker tip"),
            // Beside the marker that has the keyboard, unless the pointer is on one.
            if hovered.is_some() {
                egui::PopupAnchor::Pointer
            } else {
                egui::PopupAnchor::Position(symbol.center + Vec2::new(symbol.radius + 6.0, 0.0))
            },
        );
        tip.show(|ui| ui.label(symbol.label()));
    }
    match action {
        Some(MapAction::Select(place)) => Some(MapClick::Marker(place)),
        Some(MapAction::ZoomTo(pos)) => {
            memory.zoom_around(rect, pos, 2.0);
            None
        }
        None => {
            let pointer = response.clicked().then(|| response.interact_pointer_pos()).flatten()?;
            let (lon_deg, lat_deg) = super::basemap::unproject(memory.from_screen(rect, pointer));
            Some(MapClick::Empty { lon_deg, lat_deg })
        }
    }
}

/// Names are written beside at most this many markers, the most mentioned first, never over each other.
const MAX_LABELS: usize = 30;
/// Markers tried for a label at most, the most mentioned first.
const MAX_LABEL_TRIES: usize = 120;
const LINK: Color32 = Color32::from_rgba_premultiplied(40, 70, 140, 110);

const LABEL_FONT_PX: f32 = 11.0;
const LABEL_TEXT: Color32 = Color32::from_gray(30);

fn draw_labels(painter: &egui::Painter, rect: Rect, symbols: &[Symbol]) {
    let layout =
        |name: &str| painter.layout_no_wrap(name.to_owned(), egui::FontId::proportional(LABEL_FONT_PX), LABEL_TEXT);
    for (galley, area) in place_labels(symbols, rect, |name| {
        let galley = layout(name);
        let size = galley.size();
        (galley, size)
    }) {
        painter.rect_filled(area, 2.0, Color32::from_rgba_unmultiplied(255, 255, 255, 170));
        painter.galley(area.min + Vec2::splat(LABEL_PAD), galley, LABEL_TEXT);
    }
}

/// Room around a label's text, inside its box.
const LABEL_PAD: f32 = 1.5;

/// Where the names of `symbols` go: beside the symbol, inside `rect`, never over another name. Only the
/// largest symbols are tried, clusters too: with thousands in view, laying out a name for each would cost more
/// than the rest of the frame. Symbols come most mentioned first, so the names written are the big places',
/// and a small place's name never takes the room a bigger one needs. `layout` gives a name's text and size.
fn place_labels<T>(symbols: &[Symbol], rect: Rect, mut layout: impl FnMut(&str) -> (T, Vec2)) -> Vec<(T, Rect)> {
    let mut placed: Vec<(T, Rect)> = Vec::new();
    for symbol in symbols.iter().take(MAX_LABEL_TRIES) {
        if placed.len() >= MAX_LABELS {
            break;
        }
        let (text, size) = layout(&symbol.map_name());
        let min = symbol.center + Vec2::new(symbol.radius + 3.0 - LABEL_PAD, -size.y / 2.0 - LABEL_PAD);
        let area = Rect::from_min_size(min, size + Vec2::splat(2.0 * LABEL_PAD));
        if rect.contains_rect(area) && !placed.iter().any(|(_, p)| p.intersects(area)) {
            placed.push((text, area));
        }
    }
    placed
}

/// How far the arrow keys pan the map per frame, in points.
const ARROW_PAN_PX: f32 = 8.0;
const RING: Color32 = Color32::from_rgb(0xe0, 0x7b, 0x39);

/// Up to this many markers in view, each starts as a symbol of its own; past it, markers that share a cell of
/// the screen grid start as one, so the map stays fast with a hundred thousand places. Symbols that overlap
/// are then merged ([`separate`]).
const MAX_OVERLAP_MARKERS: usize = 300;
const CLUSTER_CELL_PX: f32 = 28.0;
/// A cluster is at least this big, so its count fits inside.
const MIN_CLUSTER_RADIUS: f32 = 9.0;
/// A cluster's accessible label names at most this many of its places.
const CLUSTER_LABEL_PLACES: usize = 4;

/// What the map draws: one marker, or a cluster of markers that would overlap.
struct Symbol<'m> {
    center: Pos2,
    radius: f32,
    mentions: u32,
    places: usize,
    /// The most mentioned place inside.
    top: &'m Marker,
    /// The markers inside, most mentioned first.
    members: Vec<&'m Marker>,
}

enum MapAction {
    Select(PlaceId),
    ZoomTo(Pos2),
}

impl Symbol<'_> {
    /// The members' shades, weighted by their mentions; `None` when none has one.
    fn shade(&self) -> Option<f32> {
        let (sum, weight) = self
            .members
            .iter()
            .filter_map(|m| Some((m.shade?, m.mentions.max(1) as f32)))
            .fold((0.0, 0.0), |(s, w), (shade, n)| (s + shade * n, w + n));
        (weight > 0.0).then(|| sum / weight)
    }

    fn holds(&self, place: Option<PlaceId>) -> bool {
        place.is_some_and(|p| self.members.iter().any(|m| m.place == p))
    }

    fn label(&self) -> String {
        if self.places == 1 {
            return self.top.label();
        }
        // Semicolons, since titles hold commas; no colon after a title, so "Geneva, Switzerland:" finds only
        // Geneva's own marker.
        let mut label = format!("Cluster of {} places, {} mentions: ", self.places, self.mentions);
        // Namesakes the gazetteer cannot tell apart by name, division and country are named once, with their
        // number: "Doha, India (2 places)", not "Doha, India; Doha, India".
        let shown = &self.members[..self.members.len().min(CLUSTER_LABEL_PLACES)];
        let mut named: Vec<(&str, usize)> = Vec::new();
        for member in shown {
            match named.iter_mut().find(|(title, _)| *title == &*member.title) {
                Some((_, count)) => *count += 1,
                None => named.push((&member.title, 1)),
            }
        }
        let named: Vec<String> = named
            .into_iter()
            .map(|(title, count)| if count == 1 { title.to_owned() } else { format!("{title} ({count} places)") })
            .collect();
        label.push_str(&named.join("; "));
        if self.places > shown.len() {
            label.push_str(&format!("; and {} more", self.places - shown.len()));
        }
        label
    }

    /// The name written beside the symbol on the map: the place's own name ("Moscow"), or for a cluster its
    /// most mentioned place's and how many more it holds ("Moscow +3").
    fn map_name(&self) -> String {
        let name = self.top.title.split(',').next().unwrap_or_default();
        if self.places == 1 { name.to_owned() } else { format!("{name} +{}", self.places - 1) }
    }

    /// A click selects a single place, and zooms into a cluster until it splits.
    fn action(&self) -> MapAction {
        if self.places == 1 { MapAction::Select(self.top.place) } else { MapAction::ZoomTo(self.center) }
    }
}

/// The symbols for the markers in view, most mentioned first: drawing in that order puts small ones on top.
/// No two overlap: markers that would are one cluster, at any zoom.
fn layout_symbols<'m>(markers: &'m [Marker], memory: &MapMemory, rect: Rect, scale: RadiusScale) -> Vec<Symbol<'m>> {
    // Markers come most mentioned first.
    let visible: Vec<(&Marker, Pos2)> = markers
        .iter()
        .map(|m| (m, memory.to_screen(rect, m.projected)))
        .filter(|(m, center)| rect.expand(scale.radius(m.mentions)).contains(*center))
        .collect();
    let symbols = if visible.len() > MAX_OVERLAP_MARKERS {
        cluster(&visible)
    } else {
        visible.iter().map(|&(m, center)| single(m, center)).collect()
    };
    separate(symbols, scale)
}

fn single<'m>(m: &'m Marker, center: Pos2) -> Symbol<'m> {
    Symbol { center, radius: 0.0, mentions: m.mentions, places: 1, top: m, members: vec![m] }
}

impl<'m> Symbol<'m> {
    /// Takes `m` in, moving the centre to the members' mention-weighted mean.
    fn absorb(&mut self, m: &'m Marker, center: Pos2) {
        self.absorb_symbol(single(m, center));
    }

    /// Takes `other`'s members in, moving the centre to the members' mention-weighted mean. The members are
    /// put in order (most mentioned first) by [`separate`], once.
    fn absorb_symbol(&mut self, other: Symbol<'m>) {
        let (before, added) = (self.mentions.max(1) as f32, other.mentions.max(1) as f32);
        self.center = pos2(
            (self.center.x * before + other.center.x * added) / (before + added),
            (self.center.y * before + other.center.y * added) / (before + added),
        );
        self.mentions += other.mentions;
        self.places += other.places;
        if other.top.mentions > self.top.mentions {
            self.top = other.top;
        }
        self.members.extend(other.members);
    }

    /// Sets the radius for the symbol's mentions (a cluster at least [`MIN_CLUSTER_RADIUS`]).
    fn size(&mut self, scale: RadiusScale) {
        self.radius = scale.radius(self.mentions);
        if self.places > 1 {
            self.radius = self.radius.max(MIN_CLUSTER_RADIUS);
        }
    }
}

/// Room left between two symbols' discs, in points.
const SYMBOL_GAP: f32 = 1.0;

/// Merges symbols whose discs overlap, the most mentioned first (each joins the first bigger one it overlaps),
/// again and again until none does: a merged symbol grows and moves, and may then overlap another. Zooming in
/// spreads the markers apart and the clusters split. Neighbours are found on a grid of cells as wide as the
/// largest pair of discs, so a pass costs the symbols, not their pairs.
fn separate<'m>(mut symbols: Vec<Symbol<'m>>, scale: RadiusScale) -> Vec<Symbol<'m>> {
    for symbol in &mut symbols {
        symbol.size(scale);
    }
    const CELL: f32 = 2.0 * MAX_RADIUS + SYMBOL_GAP;
    let cell_of = |p: Pos2| ((p.x / CELL).floor() as i32, (p.y / CELL).floor() as i32);
    loop {
        symbols.sort_by_key(|s| std::cmp::Reverse(s.mentions));
        let mut kept: Vec<Symbol<'m>> = Vec::with_capacity(symbols.len());
        let mut cells: HashMap<(i32, i32), Vec<usize>> = HashMap::new();
        let mut merged = false;
        for symbol in symbols {
            let (cx, cy) = cell_of(symbol.center);
            let overlapped = (cx - 1..=cx + 1)
                .flat_map(|x| (cy - 1..=cy + 1).map(move |y| (x, y)))
                .filter_map(|cell| cells.get(&cell))
                .flatten()
                .copied()
                .find(|&i| {
                    let other = &kept[i];
                    other.center.distance(symbol.center) < other.radius + symbol.radius + SYMBOL_GAP
                });
            match overlapped {
                Some(i) => {
                    // Its cell in `cells` may be out of date now; the next pass starts afresh.
                    kept[i].absorb_symbol(symbol);
                    kept[i].size(scale);
                    merged = true;
                }
                None => {
                    cells.entry((cx, cy)).or_default().push(kept.len());
                    kept.push(symbol);
                }
            }
        }
        symbols = kept;
        if !merged {
            break;
        }
    }
    for symbol in symbols.iter_mut().filter(|s| s.members.len() > 1) {
        symbol.members.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.place.cmp(&b.place)));
        symbol.top = symbol.members[0];
    }
    symbols
}

/// The density view's hexagons: centre to corner, in points.
const HEX_RADIUS: f32 = 15.0;

/// The density view: markers grouped by the hexagon of a screen grid they fall in, most mentioned first.
/// The hexagons tile the map without gaps or overlaps, and the grid is anchored to the earth, so a dragged
/// map moves its hexagons with it rather than shuffling places between them.
fn hex_symbols<'m>(markers: &'m [Marker], memory: &MapMemory, rect: Rect) -> Vec<Symbol<'m>> {
    let origin = memory.to_screen(rect, [0.0, 0.0]);
    let mut hexes: HashMap<(i32, i32), usize> = HashMap::new();
    let mut symbols: Vec<Symbol<'m>> = Vec::new();
    let mut centres = Vec::new();
    for m in markers {
        let center = memory.to_screen(rect, m.projected);
        if !rect.contains(center) {
            continue;
        }
        let hex = hex_of(center - origin, HEX_RADIUS);
        match hexes.get(&hex) {
            Some(&i) => symbols[i].absorb(m, center),
            None => {
                hexes.insert(hex, symbols.len());
                symbols.push(single(m, center));
                centres.push(origin + hex_center(hex, HEX_RADIUS));
            }
        }
    }
    for (symbol, center) in symbols.iter_mut().zip(centres) {
        // The hexagon's own centre, and the radius of the circle inside it, for clicks and rings.
        symbol.center = center;
        symbol.radius = HEX_RADIUS * 0.866;
    }
    symbols.sort_by_key(|s| std::cmp::Reverse(s.mentions));
    symbols
}

/// The axial coordinates of the pointy-top hexagon of `size` (centre to corner) that holds `offset`, with
/// hexagon (0, 0) centred on the origin (cube rounding, as in Red Blob Games' guide to hexagonal grids).
fn hex_of(offset: Vec2, size: f32) -> (i32, i32) {
    let q = (3f32.sqrt() / 3.0 * offset.x - offset.y / 3.0) / size;
    let r = (2.0 / 3.0 * offset.y) / size;
    let (x, z) = (q, r);
    let y = -x - z;
    let (mut rx, ry, mut rz) = (x.round(), y.round(), z.round());
    let (dx, dy, dz) = ((rx - x).abs(), (ry - y).abs(), (rz - z).abs());
    if dx > dy && dx > dz {
        rx = -ry - rz;
    } else if dy <= dz {
        rz = -rx - ry;
    }
    (rx as i32, rz as i32)
}

/// The offset of the centre of hexagon `(q, r)` from the grid's origin.
fn hex_center((q, r): (i32, i32), size: f32) -> Vec2 {
    Vec2::new(size * 3f32.sqrt() * (q as f32 + r as f32 / 2.0), size * 1.5 * r as f32)
}

fn hex_corners(center: Pos2, size: f32) -> Vec<Pos2> {
    (0..6)
        .map(|i| {
            let angle = std::f32::consts::PI / 180.0 * (60.0 * i as f32 - 30.0);
            center + size * Vec2::angled(angle)
        })
        .collect()
}

/// The density view's shade for a hexagon of `mentions`, the most in view being `most`: pale yellow to deep
/// red on a logarithmic scale (ColorBrewer's YlOrRd), so a capital does not wash out every town.
fn density_color(mentions: u32, most: u32) -> Color32 {
    const RAMP: [[u8; 3]; 5] =
        [[0xff, 0xff, 0xb2], [0xfe, 0xcc, 0x5c], [0xfd, 0x8d, 0x3c], [0xf0, 0x3b, 0x20], [0xbd, 0x00, 0x26]];
    let t = if most <= 1 { 1.0 } else { (mentions.max(1) as f32).ln() / (most as f32).ln() };
    let [r, g, b, _] = ramp_colour(&RAMP, t).to_array();
    Color32::from_rgba_unmultiplied(r, g, b, 215)
}

/// Groups markers by screen grid cell; a cell's symbol sits at its markers' mention-weighted centre.
fn cluster<'m>(visible: &[(&'m Marker, Pos2)]) -> Vec<Symbol<'m>> {
    let mut cells: HashMap<(i32, i32), usize> = HashMap::new();
    let mut symbols: Vec<Symbol<'m>> = Vec::new();
    for &(m, center) in visible {
        let cell = ((center.x / CLUSTER_CELL_PX).floor() as i32, (center.y / CLUSTER_CELL_PX).floor() as i32);
        match cells.get(&cell) {
            Some(&i) => symbols[i].absorb(m, center),
            None => {
                cells.insert(cell, symbols.len());
                symbols.push(single(m, center));
            }
        }
    }
    symbols
}

/// The basemap as tessellated for one view. Scrubbing the timeline does not move the map, so most frames
/// reuse it instead of tessellating a hundred thousand coastline points again.
#[derive(Clone, Default)]
struct BasemapFrame {
    view: Option<(Rect, [f64; 2], f64, f32)>,
    land: Arc<Mesh>,
    lines: Arc<Mesh>,
}

fn draw_basemap(ui: &egui::Ui, painter: &egui::Painter, rect: Rect, memory: &MapMemory, basemap: &Basemap) {
    let ctx = ui.ctx();
    let id = ui.scope_id().with("basemap frame");
    let view = Some((rect, memory.center, memory.zoom, ctx.pixels_per_point()));
    let mut frame = ctx.data(|d| d.get_temp::<BasemapFrame>(id)).unwrap_or_default();
    if frame.view != view {
        frame = tessellate_basemap(ctx, rect, memory, basemap);
        frame.view = view;
        ctx.data_mut(|d| d.insert_temp(id, frame.clone()));
    }
    painter.add(Shape::Mesh(frame.land));
    painter.add(Shape::Mesh(frame.lines));
}

fn tessellate_basemap(ctx: &egui::Context, rect: Rect, memory: &MapMemory, basemap: &Basemap) -> BasemapFrame {
    let to_screen = |p: &[f32; 2]| memory.to_screen(rect, [f64::from(p[0]), f64::from(p[1])]);
    let mut land = Mesh::default();
    land.vertices.reserve(basemap.land_vertices.len());
    for p in &basemap.land_vertices {
        land.colored_vertex(to_screen(p), LAND);
    }
    land.indices.clone_from(&basemap.land_indices);

    let options = ctx.tessellation_options(|o| *o);
    let mut tessellator = epaint::Tessellator::new(ctx.pixels_per_point(), options, [1, 1], Vec::new());
    tessellator.set_clip_rect(rect.expand(2.0));
    let mut lines = Mesh::default();
    let visible = rect.expand(2.0);
    let mut points: Vec<Pos2> = Vec::new();
    let (lo, hi) = (memory.from_screen(rect, visible.min), memory.from_screen(rect, visible.max));
    let in_view = |(min, max): &([f32; 2], [f32; 2])| {
        f64::from(max[0]) >= lo[0]
            && f64::from(min[0]) <= hi[0]
            && f64::from(max[1]) >= lo[1]
            && f64::from(min[1]) <= hi[1]
    };
    let divisions: Vec<&Vec<[f32; 2]>> = if memory.zoom >= DIVISIONS_FROM_ZOOM {
        let admin1 = basemap.admin1();
        admin1.lines.iter().zip(&admin1.bounds).filter(|(_, b)| in_view(b)).map(|(line, _)| line).collect()
    } else {
        Vec::new()
    };
    for (polylines, stroke) in [
        (divisions, Stroke::new(0.6, DIVISION)),
        (basemap.coastlines.iter().collect(), Stroke::new(0.7, COAST)),
        (basemap.borders.iter().collect(), Stroke::new(0.6, BORDER)),
    ] {
        for line in polylines {
            // Points closer than a pixel to the last one kept add nothing at this zoom.
            points.clear();
            for p in line.iter().map(to_screen) {
                if points.last().is_none_or(|last| last.distance_sq(p) >= 0.5) {
                    points.push(p);
                }
            }
            if points.len() > 1 && points.iter().any(|p| visible.contains(*p)) {
                let path = epaint::PathShape::line(std::mem::take(&mut points), stroke);
                tessellator.tessellate_path(&path, &mut lines);
                points = path.points;
            }
        }
    }
    BasemapFrame { view: None, land: Arc::new(land), lines: Arc::new(lines) }
}

#[cfg(test)]
mod fit_tests {
    use super::*;

    #[test]
    fn fitting_points_keeps_them_on_screen() {
        let rect = Rect::from_min_size(pos2(0.0, 0.0), Vec2::new(600.0, 400.0));
        let points = [[0.55, 0.30], [0.70, 0.45], [0.60, 0.38]];
        let mut memory = MapMemory::default();
        memory.fit_points(rect, points);
        for p in points {
            assert!(rect.shrink(10.0).contains(memory.to_screen(rect, p)), "{p:?}");
        }
        let mut world = MapMemory::default();
        world.fit_world(rect);
        assert!(memory.zoom > world.zoom, "zoomed in on the places");
        memory.fit_points(rect, []);
        assert_eq!(memory.zoom, world.zoom);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::vec2;

    #[test]
    fn arrow_keys_go_to_the_nearest_marker_that_way() {
        let centers =
            [pos2(100.0, 100.0), pos2(200.0, 110.0), pos2(150.0, 40.0), pos2(60.0, 100.0), pos2(400.0, 100.0)];
        let from = centers[0];
        assert_eq!(nearest_in_direction(&centers, from, Vec2::RIGHT), Some(1), "nearer than 4, and not 2 (up)");
        assert_eq!(nearest_in_direction(&centers, from, Vec2::LEFT), Some(3));
        assert_eq!(nearest_in_direction(&centers, from, Vec2::UP), Some(2));
        assert_eq!(nearest_in_direction(&centers, from, Vec2::DOWN), None, "nothing below");
        assert_eq!(nearest_in_direction(&centers, centers[4], Vec2::RIGHT), None, "the last one east");
    }

    #[test]
    fn screen_round_trip_and_zoom_anchor() {
        let rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(800.0, 600.0));
        let mut memory = MapMemory::default();
        let p = [0.6, 0.3];
        let back = memory.from_screen(rect, memory.to_screen(rect, p));
        assert!((back[0] - p[0]).abs() < 1e-6 && (back[1] - p[1]).abs() < 1e-6);
        let anchor = pos2(100.0, 200.0);
        let under = memory.from_screen(rect, anchor);
        memory.zoom_around(rect, anchor, 1.5);
        let still = memory.from_screen(rect, anchor);
        assert!((under[0] - still[0]).abs() < 1e-6 && (under[1] - still[1]).abs() < 1e-6);
        memory.zoom_around(rect, anchor, 100.0);
        assert_eq!(memory.zoom, MAX_ZOOM);
    }

    fn marker(place: PlaceId, mentions: u32) -> Marker {
        Marker { place, projected: [0.0, 0.0], mentions, title: format!("P{place}").into(), shade: None }
    }

    /// 5,000 markers over the world at world zoom, from a small deterministic generator.
    fn world_of_markers() -> Vec<Marker> {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        let mut markers: Vec<Marker> = (0..5000)
            .map(|i| Marker {
                place: i,
                // Bunched towards the middle of the map, as news is towards Europe.
                projected: [0.3 + 0.4 * next() * next().sqrt(), 0.25 + 0.4 * next()],
                mentions: 1 + (200.0 * next().powi(6)) as u32,
                title: format!("P{i}").into(),
                shade: None,
            })
            .collect();
        markers.sort_by_key(|m| std::cmp::Reverse(m.mentions));
        markers
    }

    /// Issue 17: the density view's hexagons tile the map (none overlaps another), hold every place in view
    /// once, each in the hexagon nearest it, and are shaded from pale (fewest mentions) to deep red (most).
    #[test]
    fn density_hexagons_tile_the_map_and_hold_every_place_once() {
        let rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(900.0, 560.0));
        let mut memory = MapMemory::default();
        memory.fit_world(rect);
        let markers = world_of_markers();
        for _ in 0..2 {
            let hexes = hex_symbols(&markers, &memory, rect);
            let in_view: Vec<&Marker> =
                markers.iter().filter(|m| rect.contains(memory.to_screen(rect, m.projected))).collect();
            assert!(in_view.len() > 2000, "{}", in_view.len());
            assert_eq!(hexes.iter().map(|h| h.places).sum::<usize>(), in_view.len());
            assert_eq!(hexes.iter().map(|h| h.mentions).sum::<u32>(), in_view.iter().map(|m| m.mentions).sum::<u32>());
            let width = 3f32.sqrt() * HEX_RADIUS;
            for (i, a) in hexes.iter().enumerate() {
                for b in &hexes[i + 1..] {
                    assert!(a.center.distance(b.center) >= width - 0.01, "{:?} and {:?} overlap", a.center, b.center);
                }
                for m in &a.members {
                    let at = memory.to_screen(rect, m.projected);
                    assert!(at.distance(a.center) <= HEX_RADIUS + 0.01);
                    let nearest = hexes.iter().map(|h| h.center.distance(at)).fold(f32::MAX, f32::min);
                    assert!(at.distance(a.center) <= nearest + 0.01, "in the nearest hexagon");
                }
            }
            assert!(hexes.windows(2).all(|w| w[0].mentions >= w[1].mentions), "most mentioned first");
            // Zoomed in, the same places spread over more hexagons.
            memory.zoom_around(rect, rect.center(), 1.0);
        }
        let most = 900;
        assert_eq!(density_color(most, most), Color32::from_rgba_unmultiplied(0xbd, 0x00, 0x26, 215));
        assert_eq!(density_color(1, most), Color32::from_rgba_unmultiplied(0xff, 0xff, 0xb2, 215));
        let shades: Vec<u8> = [1, 10, 100, 900].iter().map(|&m| density_color(m, most).g()).collect();
        assert!(shades.windows(2).all(|w| w[0] > w[1]), "darker with more mentions: {shades:?}");
    }

    #[test]
    fn clusters_join_markers_that_share_a_cell() {
        let (a, b, c) = (marker(1, 9), marker(2, 1), marker(3, 4));
        let visible = [(&a, pos2(10.0, 10.0)), (&b, pos2(20.0, 10.0)), (&c, pos2(200.0, 10.0))];
        let symbols = cluster(&visible);
        assert_eq!(symbols.len(), 2);
        assert_eq!((symbols[0].places, symbols[0].mentions, symbols[0].top.place), (2, 10, 1));
        assert!((symbols[0].center.x - 11.0).abs() < 1e-4, "weighted towards the bigger marker");
        assert_eq!(symbols[0].label(), "Cluster of 2 places, 10 mentions: P1; P2");
        assert_eq!((symbols[0].map_name().as_str(), symbols[1].map_name().as_str()), ("P1 +1", "P3"));
        assert!(matches!(symbols[0].action(), MapAction::ZoomTo(_)));
        assert_eq!(symbols[1].label(), "P3: 4 mentions");
        assert!(matches!(symbols[1].action(), MapAction::Select(3)));
        assert!(symbols[0].holds(Some(2)) && !symbols[0].holds(Some(3)));
    }

    /// Regression (issue 17): the hover over a cluster of two namesakes read "Doha, India; Doha, India".
    /// Regression (issue 17): the map did not re-fit when the window was resized.
    #[test]
    fn a_resized_map_keeps_its_view() {
        let before = Rect::from_min_size(pos2(0.0, 0.0), vec2(800.0, 600.0));
        let after = Rect::from_min_size(pos2(0.0, 0.0), vec2(400.0, 600.0));
        let mut memory = MapMemory { center: [0.3, 0.4], zoom: 4.0 };
        let west_east =
            |m: &MapMemory, r: Rect| (m.from_screen(r, r.left_center())[0], m.from_screen(r, r.right_center())[0]);
        let (w0, e0) = west_east(&memory, before);
        memory.keep_view_on_resize(before, after);
        let (w1, e1) = west_east(&memory, after);
        assert!((w0 - w1).abs() < 1e-9 && (e0 - e1).abs() < 1e-9, "{w0} {e0} -> {w1} {e1}");
        assert_eq!(memory.center, [0.3, 0.4]);
    }

    #[test]
    fn namesakes_in_a_cluster_are_named_once_with_their_number() {
        let named = |place, mentions| Marker { title: "Doha, India".into(), ..marker(place, mentions) };
        let (a, b, c) = (named(1, 3), marker(2, 2), named(3, 1));
        let visible = [(&a, pos2(10.0, 10.0)), (&b, pos2(12.0, 10.0)), (&c, pos2(14.0, 10.0))];
        let symbols = cluster(&visible);
        assert_eq!(symbols[0].label(), "Cluster of 3 places, 6 mentions: Doha, India (2 places); P2");
    }

    #[test]
    fn overlapping_markers_merge_and_split_when_zoomed_in() {
        let rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(800.0, 600.0));
        let at = |place, mentions, projected| Marker { projected, ..marker(place, mentions) };
        // A country's point and a city 3 degrees away, and a place across the world.
        let markers = [at(1, 6, [0.690, 0.330]), at(2, 3, [0.699, 0.322]), at(3, 2, [0.2, 0.4])];
        let mut memory = MapMemory { center: [0.5, 0.4], zoom: 1.7 };
        let scale = RadiusScale::for_most(6);
        let symbols = layout_symbols(&markers, &memory, rect, scale);
        assert_eq!(symbols.len(), 2, "the two neighbours are one symbol at world zoom");
        assert_eq!((symbols[0].places, symbols[0].mentions), (2, 9));
        assert!(symbols[0].radius >= MIN_CLUSTER_RADIUS);
        assert_eq!(symbols[0].label(), "Cluster of 2 places, 9 mentions: P1; P2");
        let center = symbols[0].center;
        memory.zoom_around(rect, center, 2.0);
        let symbols = layout_symbols(&markers, &memory, rect, scale);
        assert_eq!(symbols.iter().map(|s| s.places).collect::<Vec<_>>(), [1, 1], "split; the far one is out of view");
    }

    #[test]
    fn a_cluster_label_names_a_few_places_and_counts_the_rest() {
        let markers: Vec<Marker> = (1..=6).map(|p| marker(p, 1)).collect();
        let visible: Vec<(&Marker, Pos2)> = markers.iter().map(|m| (m, pos2(50.0, 50.0))).collect();
        let symbols = separate(visible.iter().map(|&(m, c)| single(m, c)).collect(), RadiusScale::for_most(1));
        assert_eq!(symbols.len(), 1);
        assert_eq!(symbols[0].label(), "Cluster of 6 places, 6 mentions: P1; P2; P3; P4; and 2 more");
    }

    #[test]
    fn marker_area_grows_with_mentions_and_the_largest_stays_small() {
        let small_folder = RadiusScale::for_most(11);
        assert_eq!(small_folder.radius(1), 3.0 + 17.0 * (1.0f32 / 46.0).sqrt(), "3 + 2.5 √mentions, as before");
        assert!(small_folder.radius(1) < small_folder.radius(4));
        let large_folder = RadiusScale::for_most(24_885);
        assert_eq!(large_folder.radius(24_885), MAX_RADIUS);
        assert!(large_folder.radius(1_000_000) <= MAX_RADIUS);
        // A quarter of the mentions, about half the radius past the smallest.
        let quarter = large_folder.radius(24_885 / 4);
        assert!((quarter - (MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) / 2.0)).abs() < 0.01, "{quarter}");
    }

    /// Issue 17: at world zoom, 5,000 places made "a red blob" of overlapping circles. Now no two symbols
    /// overlap at any zoom, every place in view is in one, and no name is written over another.
    #[test]
    fn markers_never_overlap_and_labels_never_collide_at_any_zoom() {
        let rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(900.0, 560.0));
        let mut memory = MapMemory::default();
        memory.fit_world(rect);
        let markers = world_of_markers();
        let scale = RadiusScale::for_most(markers[0].mentions);
        for zoom_step in 0..6 {
            let symbols = layout_symbols(&markers, &memory, rect, scale);
            let in_view =
                |m: &&Marker| rect.expand(scale.radius(m.mentions)).contains(memory.to_screen(rect, m.projected));
            let in_view = markers.iter().filter(in_view).count();
            assert_eq!(symbols.iter().map(|s| s.places).sum::<usize>(), in_view, "zoom step {zoom_step}");
            assert!(symbols.iter().all(|s| s.members.len() == s.places && s.top.place == s.members[0].place));
            for (i, a) in symbols.iter().enumerate() {
                assert!(a.radius <= MAX_RADIUS && a.radius >= MIN_RADIUS);
                for b in &symbols[i + 1..] {
                    let (gap, apart) = (a.center.distance(b.center), a.radius + b.radius + SYMBOL_GAP);
                    assert!(
                        gap >= apart - 1e-3,
                        "zoom step {zoom_step}: {a:?} and {b:?} overlap",
                        a = a.center,
                        b = b.center
                    );
                }
            }
            // Names laid out as an estimate of their text: none over another, all inside the map.
            let labels = place_labels(&symbols, rect, |name| ((), vec2(name.chars().count() as f32 * 6.5, 14.0)));
            assert!(labels.len() >= 10, "{}", labels.len());
            for (i, (_, a)) in labels.iter().enumerate() {
                assert!(rect.contains_rect(*a));
                assert!(labels[i + 1..].iter().all(|(_, b)| !a.intersects(*b)), "labels collide");
            }
            memory.zoom_around(rect, pos2(450.0, 200.0), 1.0);
        }
    }
}
