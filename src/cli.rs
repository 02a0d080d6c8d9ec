//! The command line: `newsatlas [PATH]` opens the app, `newsatlas extract PATH` writes what was found.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::{Parser, Subcommand};
use rayon::prelude::*;

use crate::corpus::{self, Article, ReadOptions};
use crate::export::extract_record;
use crate::gazetteer::Gazetteer;
use crate::index::analyze;

#[derive(Debug, Parser)]
#[command(name = "newsatlas", version, about = "Explore where and when the news happened.")]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// Folder of articles to open in the app (the bundled sample articles when omitted).
    pub path: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract places and dates, one JSON line per article.
    Extract {
        /// A folder of articles, or a .jsonl file (one {"id","text",...} object a line).
        path: PathBuf,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Skip files larger than this many megabytes.
        #[arg(long, default_value_t = corpus::DEFAULT_MAX_FILE_BYTES >> 20)]
        max_file_mb: u64,
    },
}

pub fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Some(Command::Extract { path, output, max_file_mb }) => {
            let options = ReadOptions { max_file_bytes: max_file_mb << 20 };
            extract(&path, output.as_deref(), &options)
        }
        None => crate::app::run(cli.path),
    }
}

/// Reads `path`, extracts every article in parallel, writes records in input order; problems go to stderr.
pub fn extract(path: &Path, output: Option<&Path>, options: &ReadOptions) -> anyhow::Result<()> {
    if !path.exists() {
        anyhow::bail!("{}: no such file or folder", path.display());
    }
    let (articles, problems) = corpus::read_folder(path, options);
    for problem in &problems {
        eprintln!("skipped {problem}");
    }
    let gazetteer = Gazetteer::bundled();
    let lines: Vec<String> = articles
        .into_par_iter()
        .map(|article: Article| {
            let document = analyze(article, gazetteer);
            serde_json::to_string(&extract_record(&document, gazetteer))
        })
        .collect::<Result<_, _>>()?;
    let mut out: Box<dyn Write> = match output {
        Some(file) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(file).with_context(|| format!("cannot create {}", file.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    for line in lines {
        writeln!(out, "{line}")?;
    }
    out.flush()?;
    Ok(())
}
