//! `oneonone sync [PERSON] [--force]`: for each person with a shared
//! space (or the one named), publishes the shared copies of their notes
//! there and brings back the report's ticks ([`crate::space::publish`]);
//! in a git repository, commits, pulls (rebase) and pushes around it. Run
//! in a space (the report's clone, or the manager's), it commits, pulls
//! and pushes, and nothing else.

use std::path::Path;

use crate::cli::SyncArgs;
use crate::commands::Outcome;
use crate::error::{Error, Result};
use crate::fs::Transaction;
use crate::notebook::Notebook;
use crate::output::{Output, Shown, sanitize};
use crate::person::{Person, Wanted};
use crate::render::plural;
use crate::settings::Settings;
use crate::share::Copier;
use crate::space::publish::{self, Plan};
use crate::space::{self, Repo, Space};

/// Syncs every space asked for; one that fails is reported and the others
/// still sync (exit 2 at the end).
///
/// # Errors
/// The notebook cannot be opened, the person matches nobody or has no
/// space, or (in a space) git fails.
pub fn run(args: &SyncArgs, settings: &Settings, out: &mut Output) -> Result<Outcome> {
    let notebook = Notebook::open(settings, false)?;
    if let Some(marker) = space::here(&notebook).cloned() {
        if let Some(typed) = &args.person {
            let person = Person::resolve(&notebook, typed, false, &mut |e| out.warn(&e))?;
            if person.slug != marker.person {
                return Err(Error::Usage(format!(
                    "this folder is the shared space of {}; run sync for {} where their space is",
                    sanitize(&marker.person),
                    sanitize(&person.name)
                )));
            }
        }
        let name = marker.name.clone().unwrap_or_else(|| marker.person.clone());
        return in_space(&notebook, &marker.person, &name, out);
    }
    let lock = notebook.lock(&mut || out.notice(crate::notebook::WAITING_FOR_LOCK))?;
    let spaces = spaces(&notebook, settings, args.person.as_deref(), out)?;
    if spaces.is_empty() {
        out.notice("no one has a shared space yet; `oneonone share PERSON DIR` makes one");
        return Ok(Outcome::Done);
    }
    let copier = Copier::for_notebook(&notebook)?;
    // One space that fails is an error; of several, each is warned about
    // and the others still sync.
    let only_one = spaces.len() == 1;
    for space in spaces {
        match sync_space(&notebook, &lock, &space, &copier, args.force, out) {
            Err(e) if only_one => return Err(e),
            Err(e) => out.warn(&e),
            Ok(()) => {}
        }
    }
    for notice in lock.journal_notices() {
        out.notice(notice);
    }
    Ok(Outcome::Done)
}

/// The spaces to sync: the named person's, else everyone's who has one
/// (a person.yaml naming a space that is not there is warned about).
fn spaces(
    notebook: &Notebook,
    settings: &Settings,
    typed: Option<&str>,
    out: &mut Output,
) -> Result<Vec<Space>> {
    let home = settings.home.as_deref();
    if let Some(typed) = typed {
        let person = Person::resolve_as(notebook, typed, Wanted::Existing, &mut |e| out.warn(&e))?;
        return match Space::of(notebook, &person.slug, home)? {
            Some(space) => Ok(vec![space]),
            None => Err(Error::Usage(format!(
                "{} has no shared space\n  hint: `oneonone share {} DIR` makes one",
                sanitize(&person.name),
                person.slug
            ))),
        };
    }
    let mut found = Vec::new();
    for slug in notebook.person_slugs()? {
        match Space::of(notebook, &slug, home) {
            Ok(Some(space)) => found.push(space),
            Ok(None) => {}
            Err(e) => out.warn(&e),
        }
    }
    Ok(found)
}

/// Syncs one person's space: git first takes in the other side's commits,
/// then the copies are published and the ticks brought back, then git
/// commits and pushes that.
fn sync_space(
    notebook: &Notebook,
    lock: &crate::fs::Lock,
    space: &Space,
    copier: &Copier,
    force: bool,
    out: &mut Output,
) -> Result<()> {
    let repo = Repo::open(space.root(), space.shown_root(), &space.slug)?;
    let whose = format!("{}'s 1:1 space", space.name);
    let mut steps = Vec::new();
    if let Some(repo) = &repo {
        if repo.commit_changes(&whose)? {
            steps.push("committed local changes".to_string());
        }
        if repo.pull()? {
            steps.push("pulled".to_string());
        }
    }
    let plan = publish::plan(notebook, space, copier, force, &mut |e| out.warn(&e))?;
    if !plan.changes.is_empty() {
        let mut tx = Transaction::with_modes(notebook.modes())
            .staged(lock)
            .labelled(format!("sync {}", space.slug));
        if plan.changes_space {
            tx = tx.cannot_be_undone(space.why_no_undo());
        }
        for folder in &plan.folders {
            tx.push_folder(folder.clone());
        }
        for change in &plan.changes {
            tx.push(change.clone());
        }
        tx.commit()?;
    }
    tell(space, &plan, out);
    let mut names = plan.published.clone();
    names.extend(plan.boxed.iter().cloned());
    steps.push(if names.is_empty() {
        "nothing new to publish".to_string()
    } else {
        format!("published {}", names.join(", "))
    });
    if !plan.ticks.is_empty() {
        steps.push(format!("{} brought back", plural(plan.ticks.len(), "tick")));
    }
    if plan.ghosts > 0 {
        steps.push(format!(
            "{} already taken into a note, brought back by a merge, marked taken again",
            plural(plan.ghosts, "agenda point")
        ));
    }
    if let Some(repo) = &repo {
        let message = plan
            .summary(&space.name)
            .unwrap_or_else(|| format!("{whose}: sync"));
        if repo.commit(&message)? {
            steps.push("committed".to_string());
        }
        if repo.push()? {
            steps.push("pushed".to_string());
        }
        if repo.remote().is_none() {
            steps.push("no git remote to pull from or push to".to_string());
        }
    }
    out.notice(format_args!(
        "{}: {}",
        Shown(space.shown_root()),
        sanitize(&steps.join("; "))
    ));
    Ok(())
}

/// Says each tick brought back and each conflict (a warning: exit 2).
fn tell(space: &Space, plan: &Plan, out: &mut Output) {
    for tick in &plan.ticks {
        // Who did it, and where it now is in your notes.
        out.notice(format_args!(
            "{} {}: {}:{}: {}",
            sanitize(&space.name),
            if tick.done { "ticked" } else { "reopened" },
            Shown(&tick.shown),
            tick.line,
            sanitize(&tick.text)
        ));
    }
    for kept in &plan.kept_theirs {
        out.notice(format_args!(
            "{}'s version of the copy --force replaced is kept in {}",
            sanitize(&space.name),
            Shown(kept)
        ));
    }
    for conflict in &plan.conflicts {
        out.warn(&Error::Invalid {
            path: conflict.shown.clone(),
            line: None,
            message: format!(
                "{} changed this shared copy, and your note changed since it was last published, \
                 in more than its boxes; it was not overwritten. Your version's changes:\n  {}\n\
                 Copy what they need into it by hand, or run `oneonone sync {} --force` to replace it with yours",
                sanitize(&space.name),
                conflict
                    .lines
                    .iter()
                    .map(|l| sanitize(l).into_owned())
                    .collect::<Vec<_>>()
                    .join("\n  "),
                space.slug
            ),
        });
    }
}

/// In a space: commit, pull, push; nothing else.
fn in_space(notebook: &Notebook, slug: &str, name: &str, out: &mut Output) -> Result<Outcome> {
    let lock = notebook.lock(&mut || out.notice(crate::notebook::WAITING_FOR_LOCK))?;
    let shown = notebook.shown_root();
    let Some(repo) = Repo::open(notebook.root(), &shown, slug)? else {
        out.notice(format_args!(
            "{} is not a git repository: nothing to pull or push (the folder is shared as it is)",
            Shown(&shown)
        ));
        return Ok(Outcome::Done);
    };
    let mut steps = Vec::new();
    if repo.commit_changes(&format!("{name}'s 1:1 space"))? {
        steps.push("committed");
    }
    if repo.pull()? {
        steps.push("pulled");
    }
    if repo.push()? {
        steps.push("pushed");
    }
    if repo.remote().is_none() {
        steps.push("no git remote to pull from or push to");
    }
    if steps.is_empty() {
        steps.push("up to date");
    }
    drop(lock);
    out.notice(format_args!(
        "{}: {}",
        Shown(Path::new(&shown)),
        steps.join("; ")
    ));
    Ok(Outcome::Done)
}
