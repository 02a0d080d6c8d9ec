//! Speed of date extraction on one core, on generated news text: `cargo bench --bench timex`.
//!
//! Prints a plain MB/s figure first (a few timed passes over the whole corpus, one article at a time, as the
//! loader calls it), then criterion's measurement of the same work.

use std::hint::black_box;
use std::time::Instant;

use chrono::{Days, NaiveDate};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsatlas::synth::{MONTHS, WEEKDAYS, push_sentence};
use newsatlas::timex::find_timexes;

const CITIES: [&str; 10] =
    ["Ankara", "Nairobi", "Lima", "Jakarta", "Kyiv", "Manila", "Lagos", "Quito", "Hanoi", "Tbilisi"];
const ORGS: [&str; 6] =
    ["the central bank", "the ministry", "the company", "the electoral commission", "the union", "the regulator"];
const SHORT_MONTHS: [&str; 12] =
    ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."];

/// Sentences written for this benchmark. `{C}` city, `{O}` organisation, `{M}` month, `{m}` short month,
/// `{W}` weekday, `{D}` day of month, `{Y}` year, `{N}` number.
const SENTENCES: [&str; 24] = [
    "{O} said on {W} that it would cut {N} jobs by the end of next year.",
    "Shares fell {N} cents to ${N}.{N} in trading on {W}, the lowest close since {m} {D}.",
    "Officials in {C} said the talks, which began in late {M}, could last several more weeks.",
    "Net income in the third quarter rose {N}% to ${N} million from ${N} million a year earlier.",
    "The ministry has not published figures since {D} {M}, {Y}.",
    "Residents described long queues at petrol stations and shops that had run out of bread.",
    "Analysts expect growth to slow to {N} percent this year before recovering in {Y}.",
    "The agreement, signed in {Y}, expires in {M} {Y}.",
    "Police said the suspect, a {N}-year-old man, was arrested at his home in {C} yesterday.",
    "Talks will resume on {W} in {C}, a spokeswoman told reporters.",
    "The river has burst its banks twice in the past decade, most recently in the spring of {Y}.",
    "Many of the families have lived in the valley for generations and say they have nowhere else to go.",
    "The committee meets every month and publishes its minutes two weeks later.",
    "Voters will go to the polls on {M} {D}, {O} announced.",
    "Inflation stood at {N}.{N} percent in {M}, the statistics office said on {W}.",
    "The firm, founded in {Y}, employs about {N} people in {N} countries.",
    "Hundreds of people gathered in the central square of {C}, chanting slogans and waving flags.",
    "The government has promised to rebuild the bridge, but work has not yet started.",
    "Critics say the plan does little to address the underlying causes of the shortage.",
    "A spokesman for {O} declined to comment on the report, citing an ongoing investigation.",
    "The strike, now in its third week, has shut ports from {C} to {C}.",
    "Prices have risen more than {N} percent since the start of the year, and are expected to keep rising.",
    "Earlier this month, {O} warned that reserves could run out within six months.",
    "The envoy arrived in {C} on {m} {D} and is due to leave on {W} morning.",
];

/// Articles of about 3 KB with their dates, `total_bytes` in all, the same for the same seed.
fn corpus(total_bytes: usize, seed: u64) -> Vec<(String, NaiveDate)> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let base = NaiveDate::from_ymd_opt(2012, 1, 1).unwrap_or_default();
    let mut articles = Vec::new();
    let mut total = 0;
    while total < total_bytes {
        let date = base.checked_add_days(Days::new(rng.u64(0..4000))).unwrap_or(base);
        let mut text = String::with_capacity(3300);
        while text.len() < 3000 {
            for _ in 0..rng.usize(2..6) {
                let mut sentence = SENTENCES[rng.usize(..SENTENCES.len())].to_owned();
                for (slot, pick) in [
                    ("{C}", &CITIES[..]),
                    ("{O}", &ORGS[..]),
                    ("{M}", &MONTHS[..]),
                    ("{m}", &SHORT_MONTHS[..]),
                    ("{W}", &WEEKDAYS[..]),
                ] {
                    while let Some(at) = sentence.find(slot) {
                        sentence.replace_range(at..at + slot.len(), pick[rng.usize(..pick.len())]);
                    }
                }
                while let Some(at) = sentence.find("{D}") {
                    sentence.replace_range(at..at + 3, &rng.u32(1..29).to_string());
                }
                while let Some(at) = sentence.find("{Y}") {
                    sentence.replace_range(at..at + 3, &rng.i32(1990..2024).to_string());
                }
                while let Some(at) = sentence.find("{N}") {
                    sentence.replace_range(at..at + 3, &rng.u32(2..900).to_string());
                }
                push_sentence(&mut text, &sentence);
            }
            text.push_str("\n\n");
        }
        total += text.len();
        articles.push((text, date));
    }
    articles
}

/// This thread's time on a CPU so far, from /proc (Linux only).
fn thread_cpu_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn extract_all(articles: &[(String, NaiveDate)]) -> usize {
    articles.iter().map(|(text, date)| find_timexes(black_box(text), Some(*date)).len()).sum()
}

fn timex_speed(c: &mut Criterion) {
    let articles = corpus(8 << 20, 7);
    let bytes: usize = articles.iter().map(|(t, _)| t.len()).sum();
    let mb = bytes as f64 / 1e6;

    let passes = 3;
    let started = Instant::now();
    let cpu_started = thread_cpu_secs();
    let mut found = 0;
    for _ in 0..passes {
        found = extract_all(&articles);
    }
    let secs = started.elapsed().as_secs_f64() / passes as f64;
    println!(
        "timex: {:.1} MB/s on one core, wall clock ({mb:.1} MB, {} articles, {found} expressions, {:.0} ms a pass)",
        mb / secs,
        articles.len(),
        secs * 1e3
    );
    // On a shared machine the wall clock counts time the thread spent waiting for a core; the thread's own
    // CPU time does not.
    if let (Some(before), Some(after)) = (cpu_started, thread_cpu_secs()) {
        println!("timex: {:.1} MB/s per second of this thread's CPU time", mb * passes as f64 / (after - before));
    }

    let mut group = c.benchmark_group("timex");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("find_timexes", |b| b.iter(|| extract_all(&articles)));
    group.finish();
}

criterion_group!(benches, timex_speed);
criterion_main!(benches);
