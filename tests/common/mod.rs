//! Helpers shared by the UI test binaries.

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use newsatlas::app::NewsAtlasApp;

/// Steps the app until its background load has finished.
pub fn wait_for_load(harness: &mut Harness<'static, NewsAtlasApp>) {
    let started = Instant::now();
    harness.step();
    while harness.state().is_loading() {
        assert!(started.elapsed() < Duration::from_secs(120), "load did not finish");
        std::thread::sleep(Duration::from_millis(20));
        harness.step();
    }
    harness.run();
}
