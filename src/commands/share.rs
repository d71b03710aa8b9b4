//! `oneonone share PERSON DIR [--git]`: makes DIR the person's shared
//! space (see [`crate::space`]), made or adopted, and records it in their
//! person.yaml; the open points of their private agenda move there. With
//! `--git`, DIR becomes a git repository if it is not one.

use std::path::Path;

use crate::cli::ShareArgs;
use crate::commands::Outcome;
use crate::error::{Error, Result};
use crate::git::Git;
use crate::notebook::{Notebook, PROFILE_FILE};
use crate::output::{Output, Shown, sanitize};
use crate::settings::Settings;
use crate::space::{self, SharePlan, ShareRequest};

/// Makes or adopts the space and prints its folder.
///
/// # Errors
/// Run in a space, the person matches nobody, the folder is refused (see
/// [`SharePlan::plan`]), git is missing (with `--git`), or a write fails.
pub fn run(args: &ShareArgs, settings: &Settings, out: &mut Output) -> Result<Outcome> {
    let notebook = Notebook::open(settings, false)?;
    if let Some(marker) = space::here(&notebook) {
        return Err(Error::Usage(format!(
            "this folder is the shared space of {}; run `oneonone share` in your own notebook",
            sanitize(&marker.person)
        )));
    }
    let request = ShareRequest {
        person: &args.person,
        dir: &args.dir,
        cwd: &settings.cwd,
        home: settings.home.as_deref(),
    };
    let lock = notebook.lock(&mut || out.notice(crate::notebook::WAITING_FOR_LOCK))?;
    let plan = SharePlan::plan(&notebook, &request, &mut |e| out.warn(&e))?;
    let git = Git::at(plan.space.root(), plan.space.shown_root());
    // Before anything is written: `--git` without git writes nothing.
    if args.git {
        git.available()?;
    }
    let done = plan.is_done();
    if !done {
        plan.commit(&lock)?;
    }
    let init = args.git && !Git::is_repository(plan.space.root());
    if init {
        git.init()?;
    }

    let shown = plan.space.shown_root();
    writeln!(out, "{}", Shown(shown))?;
    let name = sanitize(&plan.person.name);
    if done {
        out.notice(format_args!(
            "{} is already {name}'s shared space; nothing to change",
            Shown(shown)
        ));
    } else {
        out.notice(format_args!("{name}'s shared space: {}", Shown(shown)));
    }
    if plan.moved > 0 {
        out.notice(format_args!(
            "{} moved from your private agenda to {}",
            crate::render::plural(plan.moved, "talking point"),
            Shown(&plan.space.show(&plan.space.agenda_rel()))
        ));
    }
    if !done {
        out.notice(format_args!(
            "{} records it: shared: {}",
            Shown(&notebook.show(&Path::new(&plan.person.slug).join(PROFILE_FILE))),
            sanitize(&plan.recorded)
        ));
    }
    for kept in plan.kept.iter().filter(|_| !done) {
        out.notice(format_args!(
            "{} was there already and is left as it is",
            Shown(&plan.space.show(kept))
        ));
    }
    if init {
        out.notice(format_args!(
            "{} is a git repository now; give it a remote you both reach: git -C {} remote add origin URL",
            Shown(shown),
            Shown(shown)
        ));
    }
    out.notice(format_args!(
        "next: `oneonone sync {}` publishes the shared copies of your notes there",
        plan.person.slug
    ));
    for notice in lock.journal_notices() {
        out.notice(notice);
    }
    Ok(Outcome::Done)
}
