//! The map view: the basemap, and a marker per place sized by its mentions in the time window.
//!
//! Rebuilt every frame from a small [`MapMemory`] (centre and zoom), as walkers does. Markers are real
//! widgets with accessible labels, so screen readers and UI tests can find and click them.

use egui::{Color32, Mesh, Pos2, Rect, Sense, Shape, Stroke, Vec2, pos2};

use super::basemap::{Basemap, project};
use crate::gazetteer::PlaceId;

/// Pixels across the whole world at zoom 0.
const WORLD_PX_AT_ZOOM_0: f64 = 256.0;
const MIN_ZOOM: f64 = 0.0;
const MAX_ZOOM: f64 = 14.0;

const OCEAN: Color32 = Color32::from_rgb(0xd4, 0xe6, 0xf1);
const LAND: Color32 = Color32::from_rgb(0xf4, 0xf1, 0xe8);
const COAST: Color32 = Color32::from_rgb(0x9a, 0xb4, 0xc6);
const BORDER: Color32 = Color32::from_rgb(0xb8, 0xae, 0x9c);
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

    fn clamp(&mut self) {
        self.center[0] = self.center[0].clamp(0.0, 1.0);
        self.center[1] = self.center[1].clamp(0.0, 1.0);
    }
}

/// One marker to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    pub place: PlaceId,
    pub lon_deg: f64,
    pub lat_deg: f64,
    pub mentions: u32,
    /// Accessible label and hover text: "Moscow, Russia: 12 mentions".
    pub label: String,
}

/// Marker radius in points: grows with the square root of mentions so areas compare honestly.
pub fn marker_radius(mentions: u32) -> f32 {
    (3.0 + 2.5 * (mentions as f32).sqrt()).min(28.0)
}

/// Draws the map and its markers; returns the place whose marker was clicked.
pub fn map_ui(
    ui: &mut egui::Ui,
    memory: &mut MapMemory,
    basemap: &Basemap,
    markers: &[Marker],
    selected: Option<PlaceId>,
) -> Option<PlaceId> {
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
    }

    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, OCEAN);
    draw_basemap(&painter, rect, memory, basemap);

    let mut clicked = None;
    for marker in markers {
        let center = memory.to_screen(rect, project(marker.lon_deg, marker.lat_deg));
        let radius = marker_radius(marker.mentions);
        let hit = Rect::from_center_size(center, Vec2::splat(2.0 * radius.max(6.0)));
        if !rect.intersects(hit) {
            continue;
        }
        let is_selected = selected == Some(marker.place);
        let fill = if is_selected { MARKER_SELECTED } else { MARKER };
        painter.circle(center, radius, fill.gamma_multiply(0.75), Stroke::new(1.0, Color32::WHITE));
        let marker_response =
            ui.interact(hit.intersect(rect), ui.scope_id().with(("marker", marker.place)), Sense::click());
        marker_response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &marker.label));
        if marker_response.hovered() {
            painter.circle_stroke(center, radius + 2.0, Stroke::new(2.0, fill));
        }
        if marker_response.clicked() {
            clicked = Some(marker.place);
        }
        marker_response.on_hover_text(&marker.label);
    }
    clicked
}

fn draw_basemap(painter: &egui::Painter, rect: Rect, memory: &MapMemory, basemap: &Basemap) {
    let to_screen = |p: &[f32; 2]| memory.to_screen(rect, [f64::from(p[0]), f64::from(p[1])]);
    let mut mesh = Mesh::default();
    mesh.vertices.reserve(basemap.land_vertices.len());
    for p in &basemap.land_vertices {
        mesh.colored_vertex(to_screen(p), LAND);
    }
    mesh.indices.clone_from(&basemap.land_indices);
    painter.add(Shape::mesh(mesh));
    let visible = rect.expand(2.0);
    for (lines, stroke) in
        [(&basemap.coastlines, Stroke::new(0.7, COAST)), (&basemap.borders, Stroke::new(0.6, BORDER))]
    {
        for line in lines {
            let points: Vec<Pos2> = line.iter().map(to_screen).collect();
            if points.iter().any(|p| visible.contains(*p)) {
                painter.add(Shape::line(points, stroke));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::vec2;

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

    #[test]
    fn marker_area_grows_with_mentions() {
        assert!(marker_radius(1) < marker_radius(4));
        assert!(marker_radius(1_000_000) <= 28.0);
    }
}
