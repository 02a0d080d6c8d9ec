//! Frame time while the date window is dragged across a large atlas: the app's whole CPU side (our queries,
//! egui layout, tessellation), headless, on 100,000 articles with a million mentions.
//!
//! `cargo bench --bench frame_time` prints the median and 99th percentile. Options: `-- DOCS MENTIONS FRAMES`.

use std::time::{Duration, Instant};

use newsatlas::app::NewsAtlasApp;
use newsatlas::app::folder_picker::PickOutcome;
use newsatlas::gazetteer::Gazetteer;
use newsatlas::synth::synthetic_atlas;

fn main() {
    let args: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let documents = args.first().copied().unwrap_or(100_000);
    let mentions = args.get(1).copied().unwrap_or(10);
    let frames = args.get(2).copied().unwrap_or(300);
    let input = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 800.0))),
        ..Default::default()
    };

    // Cold start, app side: decoding the basemap and drawing the first frame of an empty window. (Window and
    // GPU set-up by eframe come on top; the gazetteer loads later, on the loader thread.)
    let started = Instant::now();
    let mut empty = NewsAtlasApp::new(None, Box::new(|| PickOutcome::Cancelled));
    let cold_ctx = egui::Context::default();
    let output = cold_ctx.run_ui(input(), |ui| empty.show(ui));
    std::hint::black_box(cold_ctx.tessellate(output.shapes, output.pixels_per_point));
    println!("cold start to first frame (app side): {:.0} ms", started.elapsed().as_secs_f64() * 1e3);

    let started = Instant::now();
    let atlas = synthetic_atlas(documents, mentions, 42, Gazetteer::bundled());
    println!(
        "synthetic atlas: {documents} articles, {} mentions, built in {:.1} s",
        atlas.events().len(),
        started.elapsed().as_secs_f64()
    );
    let (first, last) = atlas.day_extent().unwrap_or((0, 0));
    let mut app = NewsAtlasApp::with_atlas(atlas, Box::new(|| PickOutcome::Cancelled));

    let ctx = egui::Context::default();
    let frame = |app: &mut NewsAtlasApp| {
        let started = Instant::now();
        let output = ctx.run_ui(input(), |ui| app.show(ui));
        let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
        std::hint::black_box(primitives);
        started.elapsed()
    };
    // Warm up: the first frames build the time index and lay out fonts.
    for _ in 0..5 {
        frame(&mut app);
    }

    // A 90-day window dragged across the whole range, a few days per frame, as a user scrubs.
    let span = (last - first).max(1);
    let mut times: Vec<Duration> = (0..frames)
        .map(|i| {
            let start = first + (i as i32 * 30) % span;
            app.set_time_window(Some((start, start + 90)));
            frame(&mut app)
        })
        .collect();
    times.sort();
    let pct = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize].as_secs_f64() * 1e3;
    println!(
        "frame time over {frames} frames while dragging the window: median {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        pct(0.5),
        pct(0.99),
        pct(1.0)
    );
}
