//! The `newsatlas` binary: the desktop app, or a command-line tool when given a subcommand.

use clap::Parser;

fn main() {
    let cli = newsatlas::cli::Cli::parse();
    // A command whose output is piped into `head` stops when the reader does, quietly, as other command-line tools
    // do: Rust ignores SIGPIPE, and a write to the closed pipe would be an error ("Broken pipe") or, from
    // `println!`, a panic. The app itself keeps ignoring it.
    #[cfg(unix)]
    if cli.command.is_some() {
        // SAFETY: run before any other thread starts; restores the signal's default disposition.
        unsafe {
            libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        }
    }
    if let Err(err) = newsatlas::cli::run(cli) {
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
