//! `oneonone completions SHELL`: a completion script on standard output.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::commands::Outcome;
use crate::error::Result;
use crate::output::Output;

/// Writes the completion script for the shell.
///
/// # Errors
/// Standard output cannot be written.
pub fn run(args: &CompletionsArgs, out: &mut Output) -> Result<Outcome> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "oneonone", &mut script);
    out.print_bytes(&script)?;
    Ok(Outcome::Done)
}
