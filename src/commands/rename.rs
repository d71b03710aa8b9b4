//! `oneonone rename OLD NEW`: give a person a new name, or merge them into
//! the person whose folder the new name has, with `--merge`.
//!
//! The use case lives in [`crate::rename`]: under the notebook lock this
//! asks for the plan, commits it and says what was done; `--dry-run`
//! prints the plan's every step instead, takes no lock and writes nothing.

use crate::cli::RenameArgs;
use crate::commands::Outcome;
use crate::error::Result;
use crate::notebook::Notebook;
use crate::output::Output;
use crate::rename::{Rename, Request};
use crate::settings::Settings;

/// Renames or merges the person, or lists what that would do.
///
/// # Errors
/// The person or the new name is refused, the new name's folder is there
/// without `--merge`, a file cannot be read or edited by its name's bytes
/// alone, or a write failed (and was undone).
pub fn run(args: &RenameArgs, settings: &Settings, out: &mut Output) -> Result<Outcome> {
    let notebook = Notebook::open(settings, false)?;
    let request = Request {
        old: &args.person,
        new: &args.new,
        merge: args.merge,
        home: settings.home.as_deref(),
    };
    if args.dry_run {
        let plan = Rename::plan(&notebook, &request, &mut |e| out.warn(&e))?;
        for line in plan.listing(&notebook, settings.listing_width()) {
            writeln!(out, "{line}")?;
        }
        for difference in &plan.differences {
            out.notice(difference);
        }
        out.notice(format_args!(
            "dry run: {} listed, nothing was written",
            crate::render::plural(plan.steps(), "step")
        ));
        return Ok(Outcome::Done);
    }
    let lock = notebook.lock(&mut || out.notice(crate::notebook::WAITING_FOR_LOCK))?;
    let plan = Rename::plan(&notebook, &request, &mut |e| out.warn(&e))?;
    let folder_removed = plan.commit(&notebook, &lock)?;
    for line in plan.summary(folder_removed) {
        out.notice(line);
    }
    for notice in lock.journal_notices() {
        out.notice(notice);
    }
    drop(lock);
    Ok(Outcome::Done)
}
