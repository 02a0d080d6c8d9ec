//! Place extraction speed on one core, and gazetteer load time.
//!
//! `cargo bench --bench geoparse` loads the bundled gazetteer a few times and prints the best time, then
//! runs [`newsatlas::geoparse::find_places`] over a synthetic news corpus (`newsatlas gen-corpus`'s
//! generator: agency-style articles of about 2.5 KB with datelines, people, dates and a dozen places each)
//! and prints MB/s. Criterion reports the same throughput with its confidence interval.

use std::time::Instant;

use criterion::{Criterion, Throughput};
use newsatlas::gazetteer::Gazetteer;
use newsatlas::geoparse::find_places;

/// Articles in the measured corpus (about 1 MB).
const ARTICLES: usize = 400;

fn corpus(gazetteer: &Gazetteer) -> Vec<String> {
    let dir = tempfile::tempdir().expect("a temporary folder");
    newsatlas::synth::generate(ARTICLES, dir.path(), 42, gazetteer).expect("writing the synthetic corpus");
    let (articles, _) = newsatlas::corpus::read_folder(dir.path(), &Default::default());
    articles.into_iter().map(|a| a.text.as_str().into_owned()).collect()
}

/// This thread's time on a CPU so far, from /proc (Linux only).
fn thread_cpu_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn main() {
    let mut load_secs = f64::INFINITY;
    for _ in 0..3 {
        let started = Instant::now();
        let gazetteer = Gazetteer::from_tsv_gz(Gazetteer::bundled_bytes()).expect("the bundled gazetteer parses");
        load_secs = load_secs.min(started.elapsed().as_secs_f64());
        std::hint::black_box(gazetteer);
    }
    println!("gazetteer load (decompress, parse, index): {:.0} ms (best of 3)", load_secs * 1e3);

    let gazetteer = Gazetteer::bundled();
    let texts = corpus(gazetteer);
    let bytes: usize = texts.iter().map(String::len).sum();
    let mentions: usize = texts.iter().map(|t| find_places(t, gazetteer).len()).sum();
    let started = Instant::now();
    let cpu_started = thread_cpu_secs();
    let mut rounds = 0;
    while started.elapsed().as_secs_f64() < 3.0 {
        for text in &texts {
            std::hint::black_box(find_places(text, gazetteer));
        }
        rounds += 1;
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "place extraction, one core: {:.1} MB/s ({} articles, {:.2} MB, {} mentions, {rounds} rounds in {secs:.1} s)",
        (bytes * rounds) as f64 / 1e6 / secs,
        texts.len(),
        bytes as f64 / 1e6,
        mentions
    );
    // On a shared machine the wall clock counts time the thread spent waiting for a core; the thread's own
    // CPU time does not.
    if let (Some(before), Some(after)) = (cpu_started, thread_cpu_secs()) {
        println!(
            "place extraction: {:.1} MB/s per second of this thread's CPU time",
            (bytes * rounds) as f64 / 1e6 / (after - before)
        );
    }

    let mut criterion = Criterion::default().configure_from_args();
    let mut group = criterion.benchmark_group("geoparse");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    group.bench_function("find_places over the synthetic corpus", |b| {
        b.iter(|| texts.iter().map(|t| find_places(t, gazetteer).len()).sum::<usize>())
    });
    group.finish();
    criterion.final_summary();
}
