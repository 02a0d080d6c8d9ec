//! The `newsatlas` binary: the desktop app, or a command-line tool when given a subcommand.

use clap::Parser;

fn main() {
    if let Err(err) = newsatlas::cli::run(newsatlas::cli::Cli::parse()) {
        // Each message is escaped on its own: a file name in one must not be able to fake a line or recolour the
        // terminal (see `terminal_safe`).
        let mut causes = err.chain().map(|cause| newsatlas::cli::terminal_safe(&cause.to_string()));
        eprintln!("Error: {}", causes.next().unwrap_or_default());
        let rest: Vec<String> = causes.collect();
        if !rest.is_empty() {
            eprintln!("\nCaused by:");
            for cause in rest {
                eprintln!("    {cause}");
            }
        }
        std::process::exit(1);
    }
}
