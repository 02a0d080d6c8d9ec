//! Runs place extraction over the benchmark's synthetic corpus for a profiler (`valgrind --tool=callgrind`,
//! `perf record`): `cargo run --release --example profile_places -- ROUNDS`.

use newsatlas::gazetteer::Gazetteer;
use newsatlas::geoparse::find_places;

fn main() {
    let rounds: usize = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(1);
    let gazetteer = Gazetteer::bundled();
    let dir = tempfile::tempdir().expect("a temporary folder");
    newsatlas::synth::generate(400, dir.path(), 42, gazetteer).expect("writing the synthetic corpus");
    let (articles, _) = newsatlas::corpus::read_folder(dir.path(), &Default::default());
    let texts: Vec<String> = articles.into_iter().map(|a| a.text.as_str().into_owned()).collect();
    let mut mentions = 0;
    for _ in 0..rounds {
        mentions += texts.iter().map(|t| find_places(t, gazetteer).len()).sum::<usize>();
    }
    println!("{mentions} mentions");
}
