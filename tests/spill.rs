//! Texts kept in the spill file (`corpus::spill`) read back as they were: in a process whose every
//! compressed text is spilled, a folder and a stored analysis without its articles (texts made of its
//! passages) export the same rows as the command line gives with its texts in memory.

#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::Command;

use clap::Parser;
use newsatlas::cli::{Cli, run};
use newsatlas::corpus::spill;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `newsatlas export PATH --format csv` from the binary, whose texts stay in memory (they are far below its
/// budget).
fn exported_by_the_binary(path: &Path) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_newsatlas"))
        .args(["export", path.to_str().unwrap(), "--format", "csv"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

/// The same export in this process, where every text is spilled.
fn exported_here(path: &Path, out: &Path) -> String {
    let args = ["newsatlas", "export", path.to_str().unwrap(), "--format", "csv", "-o", out.to_str().unwrap()];
    run(Cli::parse_from(args)).unwrap();
    std::fs::read_to_string(out).unwrap()
}

#[test]
fn spilled_texts_export_the_rows_of_texts_kept_in_memory() {
    let work = tempfile::tempdir().unwrap();
    spill::spill_texts_to(&work.path().join("spill"), 0).unwrap();

    let sample = repo().join("assets/sample");
    let here = exported_here(&sample, &work.path().join("sample.csv"));
    assert!(spill::spilled_bytes() > 0, "the sample's texts went to the spill file");
    assert!(here.lines().count() > 10, "{here}");
    assert_eq!(here, exported_by_the_binary(&sample));

    // A stored analysis whose articles are gone: its texts are stand-ins made of the stored passages.
    let articles = work.path().join("in");
    std::fs::create_dir(&articles).unwrap();
    for entry in std::fs::read_dir(&sample).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, articles.join(path.file_name().unwrap())).unwrap();
    }
    let stored = work.path().join("stored");
    let status = Command::new(env!("CARGO_BIN_EXE_newsatlas"))
        .args(["store", articles.to_str().unwrap(), stored.to_str().unwrap()])
        .status()
        .unwrap();
    assert!(status.success());
    std::fs::rename(&articles, work.path().join("gone")).unwrap();
    let before = spill::spilled_bytes();
    let here = exported_here(&stored, &work.path().join("stored.csv"));
    assert!(spill::spilled_bytes() > before);
    assert_eq!(here, exported_by_the_binary(&stored));
}
