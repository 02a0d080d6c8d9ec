//! Frame time while the date window is dragged across a large atlas: the app's whole CPU side (our queries,
//! egui layout, tessellation), headless, on 100,000 articles with a million mentions.
//!
//! `cargo bench --bench frame_time` prints the median and 99th percentile, on the markers, on the density
//! view, with the article table open, and zoomed in with the division lines drawn. Options: `-- DOCS MENTIONS FRAMES LOAD_DOCS [WORD]`, WORD a search typed as the load starts.
//!
//! Then frame time while a search over all those articles runs, and how long until its result is on the map.
//!
//! Then frame time while a folder loads: LOAD_DOCS (default 20,000) synthetic articles written to a temporary
//! folder (`newsatlas gen-corpus`) are opened as a user would, and frames are drawn while the loader thread
//! reads them, until the last one is on the map; it prints the frame times, when the first markers showed
//! and when the whole folder was in; then a search over its articles, as above.

use std::time::{Duration, Instant};

use newsatlas::app::NewsAtlasApp;
use newsatlas::app::folder_picker::PickOutcome;
use newsatlas::gazetteer::Gazetteer;
use newsatlas::synth::synthetic_atlas;

fn main() {
    let args: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    // A word that is not a number: searched for from the start of the load, as a user typing while it runs.
    let search_while_loading = std::env::args().skip(1).find(|a| a != "--bench" && a.parse::<usize>().is_err());
    let documents = args.first().copied().unwrap_or(100_000);
    let mentions = args.get(1).copied().unwrap_or(10);
    let frames = args.get(2).copied().unwrap_or(300);
    let load_documents = args.get(3).copied().unwrap_or(20_000);
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
    let frame = |app: &mut NewsAtlasApp| draw(&ctx, app, input());
    // Warm up: the first frames build the time index and lay out fonts.
    for _ in 0..5 {
        frame(&mut app);
    }

    // A 90-day window dragged across the whole range, a few days per frame, as a user scrubs: on the markers,
    // then on the density view's hexagons.
    let span = (last - first).max(1);
    let views: [(&str, SetUp); 4] = [
        ("", |_| {}),
        (" (density view)", |app| app.set_density(true)),
        // The article table open beside the map, listing the articles with a mention in the window.
        (" (article table open)", |app| {
            app.set_density(false);
            app.show_article_table(true);
        }),
        // Zoomed in on the United States, with the lines between states drawn.
        (" (zoomed in, division lines)", |app| {
            app.show_article_table(false);
            app.look_at(-95.0, 39.0, 4.5);
        }),
    ];
    for (view, set_up) in views {
        set_up(&mut app);
        frame(&mut app);
        let times: Vec<Duration> = (0..frames)
            .map(|i| {
                let start = first + (i as i32 * 30) % span;
                app.set_time_window(Some((start, start + 90)));
                frame(&mut app)
            })
            .collect();
        println!("frame time over {frames} frames while dragging the window{view}: {}", spread(times));
    }
    app.look_at(0.0, 20.0, 2.0);

    frames_while_searching(&mut app, "0012345", &|app| frame(app));

    frames_while_loading(load_documents, search_while_loading.as_deref(), input);
}

/// Puts the app in one of the views whose frames are timed.
type SetUp = fn(&mut NewsAtlasApp);

/// Opens a folder of `documents` synthetic articles and draws frames until it has loaded, searching for
/// `search` from the start if given.
fn frames_while_loading(documents: usize, search: Option<&str>, input: impl Fn() -> egui::RawInput) {
    let folder = std::env::temp_dir().join(format!("newsatlas-frame-time-{}", std::process::id()));
    if let Err(err) = newsatlas::synth::generate(documents, &folder, 7, Gazetteer::bundled()) {
        println!("cannot write the corpus to load: {err}");
        return;
    }
    let data = folder.with_extension("data");
    let started = Instant::now();
    let mut app =
        NewsAtlasApp::new(Some(folder.clone()), Box::new(|| PickOutcome::Cancelled)).with_data_folder(data.clone());
    let ctx = egui::Context::default();
    let mut times = Vec::new();
    let mut first_markers = None;
    if let Some(text) = search {
        app.search(text);
    }
    loop {
        let frame_time = draw(&ctx, &mut app, input());
        times.push(frame_time);
        if first_markers.is_none() && !app.markers().is_empty() {
            first_markers = Some(started.elapsed());
        }
        if !app.is_loading() && times.len() > 1 {
            break;
        }
        // A display refreshing at 60 Hz.
        std::thread::sleep(Duration::from_millis(16).saturating_sub(frame_time));
    }
    let total = started.elapsed();
    let searching = search.map_or_else(String::new, |text| format!(" (searched for {text:?} meanwhile)"));
    println!("frame time over {} frames while {documents} articles load{searching}: {}", times.len(), spread(times));
    println!(
        "opening {documents} articles: first markers on the map after {:.2} s, all loaded after {:.2} s",
        first_markers.unwrap_or(total).as_secs_f64(),
        total.as_secs_f64()
    );
    frames_while_searching(&mut app, "Geneva", &|app| draw(&ctx, app, input()));
    let _ = std::fs::remove_dir_all(&folder);
    let _ = std::fs::remove_dir_all(&data);
}

/// Searches for `text` and draws frames, at most 60 a second, until the result is on the map.
fn frames_while_searching(app: &mut NewsAtlasApp, text: &str, frame: &dyn Fn(&mut NewsAtlasApp) -> Duration) {
    let started = Instant::now();
    app.search(text);
    let mut times = Vec::new();
    while times.len() < 3 || app.is_searching() {
        let frame_time = frame(app);
        times.push(frame_time);
        std::thread::sleep(Duration::from_millis(16).saturating_sub(frame_time));
    }
    println!(
        "frame time over {} frames while {} articles are searched: {}; result on the map after {:.0} ms",
        times.len(),
        app.atlas().documents().len(),
        spread(times),
        started.elapsed().as_secs_f64() * 1e3
    );
}

/// One frame of the app's CPU side: our queries, egui layout and tessellation.
fn draw(ctx: &egui::Context, app: &mut NewsAtlasApp, input: egui::RawInput) -> Duration {
    let started = Instant::now();
    let output = ctx.run_ui(input, |ui| app.show(ui));
    std::hint::black_box(ctx.tessellate(output.shapes, output.pixels_per_point));
    started.elapsed()
}

/// "median 6.30 ms, p99 6.83 ms, max 7.10 ms".
fn spread(mut times: Vec<Duration>) -> String {
    times.sort();
    let pct = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize].as_secs_f64() * 1e3;
    format!("median {:.2} ms, p99 {:.2} ms, max {:.2} ms", pct(0.5), pct(0.99), pct(1.0))
}
