//! `oneonone completions SHELL`: the script that registers oneonone's
//! completions with the shell. The script calls the binary back (under
//! [`COMPLETE_VAR`]) for every Tab, so what it offers is always this
//! version's commands and flags, and the people of the notebook in use.

use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Zsh};

use crate::cli::{COMPLETE_VAR, CompletionsArgs, Shell};
use crate::commands::Outcome;
use crate::error::Result;
use crate::output::Output;

/// Writes the registration script for the shell; `program` is how the
/// shell should call oneonone back.
///
/// # Errors
/// Standard output cannot be written.
pub fn run(args: &CompletionsArgs, program: &str, out: &mut Output) -> Result<Outcome> {
    let shell: &dyn EnvCompleter = match args.shell {
        Shell::Bash => &Bash,
        Shell::Elvish => &Elvish,
        Shell::Fish => &Fish,
        Shell::PowerShell => &Powershell,
        Shell::Zsh => &Zsh,
    };
    let mut script = Vec::new();
    shell
        .write_registration(COMPLETE_VAR, "oneonone", "oneonone", program, &mut script)
        .map_err(|e| crate::error::Error::io("the completion script", "cannot write", e))?;
    out.print_bytes(&script)?;
    Ok(Outcome::Done)
}
