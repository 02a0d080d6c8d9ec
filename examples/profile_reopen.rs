//! Times the steps of reopening a folder from its analysis cache, one at a time, for a profiler or by eye:
//! `cargo run --release --example profile_reopen -- PATH`. The first run analyses PATH and writes the cache
//! (into a temporary folder); every step after that reads it. `-- PATH N` runs the whole loader N times at the
//! end, for a profile made mostly of reopens.

use std::sync::atomic::AtomicBool;
use std::time::Instant;

use newsatlas::cache::{Cache, CacheOptions, engine_version};
use newsatlas::corpus::{Snapshot, list_folder};
use newsatlas::gazetteer::Gazetteer;
use newsatlas::index::load::{LoadOptions, load_folder};
use newsatlas::index::{Atlas, TimeIndex};
use rayon::prelude::*;

fn main() {
    let path = std::path::PathBuf::from(std::env::args().nth(1).expect("usage: profile_reopen PATH"));
    let gazetteer = Gazetteer::bundled();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let cache = CacheOptions { file: dir.path().join("p.cache"), engine: engine_version(), limit_bytes: u64::MAX };
    let options = LoadOptions { cache: Some(cache.clone()), ..LoadOptions::default() };
    load_folder(&path, &options, &Snapshot::default(), &AtomicBool::new(false), &|_| {});

    let step = |name: &str, started: Instant| println!("{name:<34} {:>7.3} s", started.elapsed().as_secs_f64());
    let started = Instant::now();
    let listing = list_folder(&path);
    step("list the folder", started);
    let started = Instant::now();
    let opened = Cache::open(&cache.file, &cache.engine);
    step("open the cache (index)", started);
    let started = Instant::now();
    let records: Vec<_> =
        listing.files.par_iter().filter_map(|f| opened.read(&f.path, opened.get(&f.path, f.stamp)?)).collect();
    step("read the records", started);
    let started = Instant::now();
    let documents: Vec<_> = records
        .par_iter()
        .flat_map_iter(|r| r.decode(gazetteer.places().len()).map(|(parts, _)| parts).unwrap_or_default())
        .flatten()
        .collect();
    step("decode the records", started);
    let started = Instant::now();
    let mut atlas = Atlas::new();
    for document in documents {
        atlas.add(document);
    }
    step("add to the atlas (one thread)", started);
    let started = Instant::now();
    let index = TimeIndex::build(&atlas);
    step("build the time index", started);
    drop(index);

    let times: usize = std::env::args().nth(2).and_then(|n| n.parse().ok()).unwrap_or(1);
    for _ in 0..times {
        let load = newsatlas::cli::timed_load(&path, &options);
        println!(
            "{:<34} {:>7.3} s ({} mentions)",
            "the loader, all of it",
            load.finished_secs,
            load.atlas.events().len()
        );
    }
}
