//! The `newsatlas` binary: the desktop app, or a command-line tool when given a subcommand.

use clap::Parser;

fn main() -> anyhow::Result<()> {
    newsatlas::cli::run(newsatlas::cli::Cli::parse())
}
