//! `oneonone undo`: take back the last command that wrote to the notebook,
//! when every file it touched is as it left it.
//!
//! The use case lives in [`crate::undo`]: under the notebook lock this
//! asks for the plan (which refuses when a file changed since), commits it
//! and says what was put back; `--dry-run` prints the plan's every step
//! instead, takes no lock and writes nothing.

use crate::cli::UndoArgs;
use crate::commands::Outcome;
use crate::error::Result;
use crate::notebook::Notebook;
use crate::output::Output;
use crate::render::plural;
use crate::settings::Settings;
use crate::undo::{self, Undo};

/// Undoes the newest journal entry, or lists what that would do.
///
/// # Errors
/// Nothing is recorded, the command cannot be undone, a file it touched
/// changed since (named), or a write failed (and was undone).
pub fn run(args: &UndoArgs, settings: &Settings, out: &mut Output) -> Result<Outcome> {
    let notebook = Notebook::open(settings, false)?;
    if args.dry_run {
        let plan = Undo::plan(&notebook)?;
        for line in plan.listing(&notebook, settings.listing_width()) {
            writeln!(out, "{line}")?;
        }
        out.notice(format_args!(
            "dry run: {} listed, nothing was written",
            plural(plan.steps(), "step")
        ));
        return Ok(Outcome::Done);
    }
    if !undo::anything_recorded(&notebook) {
        // Says so without taking the lock, which would write .oneonone/.
        Undo::plan(&notebook)?;
    }
    let lock = notebook.lock(&mut || out.notice(crate::notebook::WAITING_FOR_LOCK))?;
    let plan = Undo::plan(&notebook)?;
    for line in plan.commit(&notebook, &lock)? {
        out.notice(line);
    }
    Ok(Outcome::Done)
}
