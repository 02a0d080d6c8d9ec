//! Snapshot images of the main views, rendered with wgpu (software Vulkan on CI: `mesa-vulkan-drivers`) and
//! compared with the PNGs in `tests/snapshots/`. After a change to how the app looks, look at the
//! `*.new.png` and `*.diff.png` files a failing run leaves there, then accept the new images with
//! `UPDATE_SNAPSHOTS=1 WGPU_BACKEND=vulkan cargo test --test snapshots`.
//!
//! Without a Vulkan driver these tests say so and pass, so `cargo test` works on any machine; `.ci/run`
//! installs the driver and sets `NEWSATLAS_REQUIRE_SNAPSHOTS=1`, which turns a missing driver into a failure.

use std::path::Path;

use egui_kittest::kittest::Queryable;
use egui_kittest::{Harness, SnapshotOptions};
use newsatlas::app::NewsAtlasApp;
use newsatlas::app::folder_picker::PickOutcome;

mod common;
use common::wait_for_load;

/// The status bar says how long the load took ("in 1.2 s"), which differs from run to run: these few
/// pixels may differ, while any change to the layout, the map or the colours changes many more.
const LOAD_TIME_PIXELS: usize = 400;

/// Whether images can be rendered here; without a driver, says why and returns false (see the module doc).
fn can_render() -> bool {
    // The renderer panics when no adapter answers; its message is the test's output.
    let renderer = std::panic::catch_unwind(egui_kittest::wgpu::WgpuTestRenderer::new);
    if renderer.is_ok() {
        return true;
    }
    assert!(
        std::env::var_os("NEWSATLAS_REQUIRE_SNAPSHOTS").is_none(),
        "no GPU adapter to render snapshots with (install mesa-vulkan-drivers)"
    );
    eprintln!("skipped: no GPU adapter to render snapshots with (apt install mesa-vulkan-drivers)");
    false
}

fn sample_app() -> Harness<'static, NewsAtlasApp> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample");
    let data = tempfile::tempdir().unwrap().keep();
    let app = NewsAtlasApp::new(Some(folder), Box::new(|| PickOutcome::Cancelled)).with_data_folder(data);
    let mut harness =
        Harness::builder().with_size([1280.0, 800.0]).build_ui_state(|ui, app: &mut NewsAtlasApp| app.show(ui), app);
    wait_for_load(&mut harness);
    harness
}

fn snapshot(harness: &mut Harness<'static, NewsAtlasApp>, name: &str) {
    harness.snapshot_options(name, &SnapshotOptions::new().max_failed_pixels(LOAD_TIME_PIXELS));
}

#[test]
fn snapshots_of_the_main_views() {
    if !can_render() {
        return;
    }
    // The folder as it opens: every place on the map, every date on the timeline.
    let mut harness = sample_app();
    snapshot(&mut harness, "overview");

    // A place chosen in the list: its marker and its bars on the timeline in blue, its passages in the reader.
    harness.get_by_label("Moscow, Russia").click();
    harness.run();
    snapshot(&mut harness, "place_selected");

    // A passage opened: the whole article with its places and dates marked, its places ringed on the map.
    harness.get_by_label_contains("Officials in Moscow said invitations").click();
    harness.run();
    harness.get_by_label("Back to passages");
    snapshot(&mut harness, "article");
}

#[test]
fn snapshot_of_a_date_window() {
    if !can_render() {
        return;
    }
    let mut harness = sample_app();
    for (field, day) in [("From", "2016-12-01"), ("to", "2017-01-31")] {
        harness.get_by_role_and_label(egui::accesskit::Role::TextInput, field).focus();
        harness.run();
        harness.get_by_role_and_label(egui::accesskit::Role::TextInput, field).type_text(day);
        harness.run();
    }
    harness.get_by_label("Apply dates").click();
    harness.run();
    snapshot(&mut harness, "date_window");
}

#[test]
fn snapshot_of_the_review_queue() {
    if !can_render() {
        return;
    }
    let mut harness = sample_app();
    harness.get_by_label("Edit").click();
    harness.run();
    harness.get_by_label("Review uncertain places…").click();
    harness.run();
    snapshot(&mut harness, "review");
}

/// Issue 17: a folder of 5,000 articles at world zoom, as markers (clustered where they would overlap, the
/// names of the largest beside them) and as the density view's hexagons. The layout's guarantees (no two
/// markers overlap, no two names collide, hexagons tile the map) are asserted in `src/app/map.rs`.
#[test]
fn snapshots_of_a_large_folder_as_markers_and_as_density() {
    if !can_render() {
        return;
    }
    let gazetteer = newsatlas::gazetteer::Gazetteer::bundled();
    let atlas = newsatlas::synth::synthetic_atlas(5000, 10, 42, gazetteer);
    let app = NewsAtlasApp::with_atlas(atlas, Box::new(|| PickOutcome::Cancelled));
    let mut harness =
        Harness::builder().with_size([1280.0, 800.0]).build_ui_state(|ui, app: &mut NewsAtlasApp| app.show(ui), app);
    for _ in 0..10 {
        harness.run();
    }
    assert!(harness.query_all_by_label_contains("Cluster of ").count() > 10, "clusters at world zoom");
    snapshot(&mut harness, "large_markers");
    harness.state_mut().set_density(true);
    harness.run();
    snapshot(&mut harness, "large_density");
}
