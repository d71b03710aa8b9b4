//! `oneonone sync [PERSON] [--force]`.

use crate::cli::SyncArgs;
use crate::commands::Outcome;
use crate::error::{Error, Result};
use crate::output::Output;
use crate::settings::Settings;

/// Syncs.
///
/// # Errors
/// Not yet.
pub fn run(_args: &SyncArgs, _settings: &Settings, _out: &mut Output) -> Result<Outcome> {
    Err(Error::Usage("sync: not yet".into()))
}
