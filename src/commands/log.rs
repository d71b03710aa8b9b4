//! `oneonone log PERSON`: placeholder until written.
use crate::cli::LogArgs;
use crate::commands::Outcome;
use crate::error::Result;
use crate::output::Output;
use crate::settings::Settings;

/// Prints the log.
///
/// # Errors
/// Standard output cannot be written.
pub fn run(_args: &LogArgs, _settings: &Settings, _out: &mut Output) -> Result<Outcome> {
    Ok(Outcome::Done)
}
