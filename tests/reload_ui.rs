//! Reload in the real app (egui_kittest): File > Reload reads new and changed files, drops deleted ones,
//! keeps the rest without reading them, and leaves the view (time window) as it was.

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use newsatlas::app::NewsAtlasApp;
use newsatlas::app::folder_picker::PickOutcome;

mod common;
use common::wait_for_load;

fn ids(harness: &Harness<'static, NewsAtlasApp>) -> Vec<String> {
    let mut ids: Vec<String> = harness.state().atlas().documents().iter().map(|d| d.article.id.clone()).collect();
    ids.sort();
    ids
}

#[test]
fn reload_rereads_changes_and_keeps_the_view() {
    let dir = tempfile::tempdir().unwrap();
    let root: PathBuf = dir.path().to_path_buf();
    std::fs::write(root.join("a.txt"), "Envoys met in Doha on 3 August 2015.").unwrap();
    std::fs::write(root.join("b.txt"), "Envoys met in Geneva on 23 February 2017.").unwrap();
    std::fs::write(root.join("junk.txt"), [0u8, 1, 2, 3]).unwrap();
    let app = NewsAtlasApp::new(Some(root.clone()), Box::new(|| PickOutcome::Cancelled));
    let mut harness =
        Harness::builder().with_size([1280.0, 800.0]).build_ui_state(|ui, app: &mut NewsAtlasApp| app.show(ui), app);
    wait_for_load(&mut harness);
    assert_eq!(ids(&harness), ["a.txt", "b.txt"]);
    assert_eq!(harness.state().problems().len(), 1);
    harness.state_mut().set_time_window(Some((16_000, 17_000)));

    // An edit (new size and time), a new file, a deleted file; junk.txt stays as it was.
    std::fs::write(root.join("a.txt"), "Envoys met in Doha and then in Muscat on 3 August 2015.").unwrap();
    let later = SystemTime::now() + Duration::from_secs(5);
    std::fs::File::options().append(true).open(root.join("a.txt")).unwrap().set_modified(later).unwrap();
    std::fs::write(root.join("c.md"), "# Talks in Astana\n\nDelegates arrived in Astana.").unwrap();
    std::fs::remove_file(root.join("b.txt")).unwrap();

    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Reload").click();
    wait_for_load(&mut harness);

    assert_eq!(ids(&harness), ["a.txt", "c.md"]);
    let a = harness.state().atlas().documents().iter().find(|d| d.article.id == "a.txt").unwrap();
    assert!(a.article.text.as_str().contains("Muscat"), "the edited file was read again");
    assert_eq!(harness.state().progress().files_total, Some(2), "only a.txt and c.md were read");
    assert_eq!(harness.state().problems().len(), 1, "junk.txt is still listed, once");
    assert_eq!(harness.state().time_window().days, Some((16_000, 17_000)), "the time window survives");
}
