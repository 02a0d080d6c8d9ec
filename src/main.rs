//! The `newsatlas` binary: the desktop app, or a command-line tool when given a subcommand.

use clap::Parser;

/// mimalloc instead of the system allocator: extraction allocates many small, short-lived vectors on both
/// cores, and glibc's malloc spent about a tenth of the time there (see BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> anyhow::Result<()> {
    newsatlas::cli::run(newsatlas::cli::Cli::parse())
}
