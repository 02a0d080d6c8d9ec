//! What `newsatlas extract` and `newsatlas export` write, run as the built binary: `-o -`, outputs refused when
//! they would land in the input, files that appear whole or not at all (interrupted or raced), sizes that do not
//! wrap, spreadsheet-safe CSV, and file names that cannot play tricks on the terminal (issue 18).

#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const ARTICLE: &str = "Talks in Rabat\n\n13 January 2017\n\nDelegates met in Rabat and Santiago on 23 January.";

fn newsatlas(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsatlas")).args(args).current_dir(cwd).output().unwrap()
}

fn folder_with_article() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("in")).unwrap();
    std::fs::write(dir.path().join("in/a.txt"), ARTICLE).unwrap();
    dir
}

fn names(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(folder).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn dash_is_standard_output_for_extract_and_export() {
    let dir = folder_with_article();
    let extracted = newsatlas(&["extract", "in", "-o", "-"], dir.path());
    assert!(extracted.status.success(), "{}", stderr(&extracted));
    let line: serde_json::Value = serde_json::from_slice(&extracted.stdout).unwrap();
    assert_eq!(line["id"], "a.txt");
    let exported = newsatlas(&["export", "in", "--format", "geojson", "-o", "-"], dir.path());
    assert!(exported.status.success(), "{}", stderr(&exported));
    let collection: serde_json::Value = serde_json::from_slice(&exported.stdout).unwrap();
    assert_eq!(collection["type"], "FeatureCollection");
    assert_eq!(names(dir.path()), ["in"], "no file named -");
}

#[test]
fn an_output_that_is_an_input_or_inside_the_input_folder_is_refused() {
    let dir = folder_with_article();
    std::os::unix::fs::symlink(dir.path().join("in"), dir.path().join("link")).unwrap();
    std::fs::write(dir.path().join("session.json"), "{}").unwrap();
    let cases: &[&[&str]] = &[
        &["extract", "in", "-o", "in/a.txt"],
        &["extract", "in", "-o", "in/new.jsonl"],
        &["extract", "in/", "-o", "./in/../in/new.jsonl"],
        &["extract", "link", "-o", "in/new.jsonl"],
        &["extract", "in", "-o", "link/a.txt"],
        &["extract", "in/a.txt", "-o", "in/a.txt"],
        &["export", "in", "--format", "csv", "-o", "in/mentions.csv"],
        &["export", "in", "--format", "csv", "--session", "session.json", "-o", "session.json"],
    ];
    for args in cases {
        let output = newsatlas(args, dir.path());
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert!(stderr(&output).contains("refusing to write"), "{args:?}: {}", stderr(&output));
        assert!(output.stdout.is_empty(), "{args:?}");
        assert_eq!(names(&dir.path().join("in")), ["a.txt"], "{args:?}");
        assert_eq!(std::fs::read_to_string(dir.path().join("in/a.txt")).unwrap(), ARTICLE);
        assert_eq!(std::fs::read_to_string(dir.path().join("session.json")).unwrap(), "{}");
    }
    // Beside the input folder is fine, and so is a name that only starts like it.
    for out in ["out.jsonl", "in-out.jsonl"] {
        let output = newsatlas(&["extract", "in", "-o", out], dir.path());
        assert!(output.status.success(), "{}", stderr(&output));
        assert!(dir.path().join(out).exists());
    }
}

#[test]
fn a_huge_max_file_mb_does_not_wrap_round_to_zero() {
    let dir = folder_with_article();
    let output = newsatlas(&["extract", "in", "--max-file-mb", "17592186044416", "-o", "-"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!stderr(&output).contains("too large"), "{}", stderr(&output));
    assert_eq!(String::from_utf8_lossy(&output.stdout).lines().count(), 1);
    let output = newsatlas(&["extract", "in", "--max-file-mb", &u64::MAX.to_string(), "-o", "-"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_are_neutralised_and_numbers_are_not() {
    let dir = tempfile::tempdir().unwrap();
    let record = serde_json::json!({
        "id": "@SUM(1+1)",
        "title": "=HYPERLINK(\"http://evil.example\",\"click\")",
        "text": "=cmd|' /C calc'!A0\n\n-Delegates met in Rabat on 23 January 2017.",
    });
    std::fs::write(dir.path().join("a.jsonl"), format!("{record}\n")).unwrap();
    let output = newsatlas(&["export", "a.jsonl", "--format", "csv", "-o", "-"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
    let header = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let column = |row: &csv::StringRecord, name: &str| row[header.iter().position(|h| h == name).unwrap()].to_owned();
    let rabat = rows.iter().find(|r| column(r, "place") == "Rabat").expect("Rabat exported");
    assert_eq!(column(rabat, "article"), "'@SUM(1+1)");
    assert_eq!(column(rabat, "title"), "'=HYPERLINK(\"http://evil.example\",\"click\")");
    assert!(column(rabat, "passage").starts_with("'-Delegates"), "{}", column(rabat, "passage"));
    // Rabat lies west of Greenwich: its longitude is a negative number, written as one.
    let lon: f64 = column(rabat, "lon").parse().unwrap();
    assert!((-7.0..-6.0).contains(&lon), "{lon}");
    for row in &rows {
        for cell in row {
            assert!(!cell.starts_with(['=', '+', '@', '\t', '\r']), "{cell:?}");
        }
    }
}

/// Regression (issue 18): an ESC sequence in a file name recoloured the terminal, a newline faked a line.
#[test]
fn control_characters_in_file_names_are_escaped_on_standard_error() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("in");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("good.txt"), ARTICLE).unwrap();
    std::fs::write(folder.join("red\u{1b}[31m.pdf"), "x").unwrap();
    std::fs::write(folder.join("two\nskipped fake.txt: lines.pdf"), "x").unwrap();
    let output = newsatlas(&["extract", "in", "-o", "-"], dir.path());
    assert!(output.status.success());
    let err = stderr(&output);
    assert!(!err.contains('\u{1b}'), "{err:?}");
    assert!(err.contains("red\\u{1b}[31m.pdf"), "{err}");
    assert!(err.contains("two\\nskipped fake.txt: lines.pdf"), "{err}");
    assert_eq!(err.lines().filter(|l| l.starts_with("skipped")).count(), 2, "{err}");
    // And in the error of a run that fails.
    let output = newsatlas(&["extract", "no\u{1b}]0;title\u{7}such"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    assert!(!stderr(&output).contains(['\u{1b}', '\u{7}']), "{:?}", stderr(&output));
}

/// A folder of generated articles, large enough for extraction to take a while.
fn corpus(dir: &Path, count: usize) -> PathBuf {
    let folder = dir.join("corpus");
    let output = newsatlas(&["gen-corpus", &count.to_string(), folder.to_str().unwrap()], dir);
    assert!(output.status.success(), "{}", stderr(&output));
    folder
}

/// Regression (issue 18): SIGINT or SIGTERM mid-write left a truncated file that looked complete, and the old
/// file was already gone.
#[test]
fn an_interrupted_run_leaves_the_old_file_and_no_temporary() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus(dir.path(), 3000);
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    for (signal, code) in [(libc::SIGTERM, 143), (libc::SIGINT, 130)] {
        for (command, out) in [("extract", "x.jsonl"), ("export", "x.csv")] {
            let target = out_dir.join(out);
            std::fs::write(&target, "old").unwrap();
            let mut args = vec![command, corpus.to_str().unwrap(), "-o", target.to_str().unwrap()];
            if command == "export" {
                args.extend(["--format", "csv"]);
            }
            let mut child =
                Command::new(env!("CARGO_BIN_EXE_newsatlas")).args(&args).stderr(Stdio::null()).spawn().unwrap();
            // Wait for the temporary file: the run is writing.
            let started = Instant::now();
            while !names(&out_dir).iter().any(|name| name.starts_with('.')) {
                assert!(child.try_wait().unwrap().is_none(), "{command} ended before it was interrupted");
                assert!(started.elapsed() < Duration::from_secs(300), "no temporary file appeared");
                std::thread::sleep(Duration::from_millis(1));
            }
            unsafe { libc::kill(child.id() as libc::pid_t, signal) };
            let status = child.wait().unwrap();
            assert_eq!(status.code(), Some(code), "{command} after signal {signal}");
            assert_eq!(std::fs::read_to_string(&target).unwrap(), "old", "{command}");
            assert_eq!(names(&out_dir), [out], "{command}: no temporary left");
            std::fs::remove_file(&target).unwrap();
        }
    }
}

/// Regression (issue 18): two runs writing one `-o` interleaved their records. Each now renames a whole file
/// of its own; the last rename wins.
#[test]
fn two_runs_writing_one_output_leave_one_whole_file() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus(dir.path(), 600);
    let small = folder_with_article();
    let small_in = small.path().join("in");
    let alone = |input: &Path, name: &str| {
        let out = dir.path().join(name);
        let output = newsatlas(&["extract", input.to_str().unwrap(), "-o", out.to_str().unwrap()], dir.path());
        assert!(output.status.success());
        std::fs::read(out).unwrap()
    };
    let (big, little) = (alone(&corpus, "big.jsonl"), alone(&small_in, "small.jsonl"));
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let target = out_dir.join("x.jsonl");
    for _ in 0..3 {
        let run = |input: &Path| {
            Command::new(env!("CARGO_BIN_EXE_newsatlas"))
                .args(["extract", input.to_str().unwrap(), "-o", target.to_str().unwrap()])
                .stderr(Stdio::null())
                .spawn()
                .unwrap()
        };
        let (mut first, mut second) = (run(&corpus), run(&small_in));
        assert!(first.wait().unwrap().success() && second.wait().unwrap().success());
        let written = std::fs::read(&target).unwrap();
        assert!(written == big || written == little, "a mix of both runs ({} bytes)", written.len());
        assert_eq!(names(&out_dir), ["x.jsonl"]);
    }
}

/// Regression (issue 18): a JSON Lines file over the size limit (44 MB of 20,000 articles) was refused whole.
/// It is now read a record at a time: every record is extracted, in order, and only a record over the limit
/// is refused, with its line number.
#[test]
fn a_record_file_over_the_size_limit_is_streamed_record_by_record() {
    let dir = tempfile::tempdir().unwrap();
    let generated = newsatlas(&["gen-corpus", "600", "news.jsonl", "--jsonl"], dir.path());
    assert!(generated.status.success(), "{}", stderr(&generated));
    let mut file = std::fs::read(dir.path().join("news.jsonl")).unwrap();
    assert!(file.len() > 1 << 20, "the file is over the 1 MB limit used below");
    file.extend_from_slice(format!("{{\"id\":\"huge\",\"text\":\"{}\"}}\n", "Geneva ".repeat(200_000)).as_bytes());
    file.extend_from_slice(b"{\"id\":\"last\",\"text\":\"Delegates met in Astana.\"}\n");
    std::fs::write(dir.path().join("news.jsonl"), file).unwrap();
    let extracted = newsatlas(&["extract", "news.jsonl", "--max-file-mb", "1", "-o", "-"], dir.path());
    assert!(extracted.status.success(), "{}", stderr(&extracted));
    let ids: Vec<String> = String::from_utf8_lossy(&extracted.stdout)
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap()["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids.len(), 601);
    assert_eq!(ids[0], "000000000");
    assert_eq!(ids[599], "000000599");
    assert_eq!(ids[600], "last");
    let problems = stderr(&extracted);
    assert!(problems.contains("news.jsonl:601: too large"), "{problems}");
}

/// A command piped into a reader that stops early ends quietly, as other tools do: no panic from `println!`
/// (`bench-load`), no "Broken pipe" error (`extract`).
#[test]
fn a_command_piped_into_a_reader_that_stops_ends_quietly() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = corpus(tmp.path(), 400);
    for args in [vec!["extract", dir.to_str().unwrap()], vec!["bench-load", dir.to_str().unwrap()]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_newsatlas"))
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away before reading anything.
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked") && !stderr.contains("Broken pipe"), "{args:?}: {stderr}");
    }
}
