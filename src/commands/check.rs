//! `oneonone check [--json] [--fix [--dry-run]]`: validates the notebook.
//! Exit 1 when it finds problems, 0 when it is clean. With `--fix` it
//! makes the safe repairs first (one byte each, in one transaction under
//! the notebook's lock), prints each with its `path:line`, then the
//! problems left; exit 1 when some are left. A note another program holds
//! open for writing is left as it is and listed, and the rest repaired.

use std::collections::BTreeSet;
use std::path::Path;

use crate::check::{self, Problem};
use crate::cli::CheckArgs;
use crate::commands::Outcome;
use crate::error::{Error, Result};
use crate::fs::{Change, Transaction};
use crate::notebook::Notebook;
use crate::output::{Output, Shown, sanitize, style};
use crate::render::plural;
use crate::settings::Settings;

/// Prints the problems (with `--fix`, repairs them first).
///
/// # Errors
/// The notebook cannot be opened, a repaired note cannot be written (then
/// none is), or standard output cannot be written.
pub fn run(args: &CheckArgs, settings: &Settings, out: &mut Output) -> Result<Outcome> {
    let notebook = Notebook::open(settings, false)?;
    if args.fix {
        return fix(&notebook, args.dry_run, out);
    }
    let mut problems: Vec<Problem> = Vec::new();
    let bank = check::load_bank(&notebook, &mut problems);
    problems.extend(check::check(&notebook, bank.as_ref()));
    check::links_and_leftovers(&notebook, &mut problems);
    problems.sort_by(|a, b| a.path.cmp(&b.path).then(a.line.cmp(&b.line)));
    if args.json {
        out.json(&problems)?;
    } else {
        print_problems(&notebook, &problems, out)?;
    }
    if problems.is_empty() {
        out.notice(format_args!(
            "no problems found in {}",
            Shown(&notebook.shown_root())
        ));
        Ok(Outcome::Done)
    } else {
        out.notice(in_files(&problems));
        Ok(Outcome::Negative)
    }
}

/// `check --fix`: the repairs, made (or with `dry_run` only listed), then
/// the problems left.
fn fix(notebook: &Notebook, dry_run: bool, out: &mut Output) -> Result<Outcome> {
    // A dry run writes nothing, so it needs no lock (as `check`).
    let lock = if dry_run {
        None
    } else {
        Some(notebook.lock(&mut || out.notice(crate::notebook::WAITING_FOR_LOCK))?)
    };
    let mut problems: Vec<Problem> = Vec::new();
    let bank = check::load_bank(notebook, &mut problems);
    // Notes another program holds open for writing: left as they are, and
    // the rest repaired without them.
    let mut left_alone: std::collections::HashSet<String> = std::collections::HashSet::new();
    let fixing = loop {
        let fixing = check::fix(notebook, bank.as_ref(), &left_alone);
        let Some(lock) = &lock else { break fixing };
        if fixing.notes.is_empty() {
            break fixing;
        }
        // One transaction: every repaired note is written, or none; each
        // must still hold what was checked.
        let mut tx = Transaction::new().staged(lock).labelled("check --fix");
        for (rel, before, after) in &fixing.notes {
            let rel = Path::new(rel);
            tx.push(Change {
                path: notebook.path(rel),
                shown: notebook.show(rel),
                before: Some(before.clone().into_bytes()),
                after: after.clone().into_bytes(),
            });
        }
        match tx.commit() {
            Ok(()) => break fixing,
            Err(e) => match open_elsewhere(notebook, &fixing, &e) {
                Some(rel) if left_alone.insert(rel.clone()) => {}
                _ => return Err(e),
            },
        }
    };
    problems.extend(left_alone.iter().map(|rel| check::open_elsewhere(rel)));
    let journal_notices = lock.as_ref().map(crate::fs::Lock::journal_notices);
    drop(lock);
    for r in &fixing.repairs {
        out.styled(style::PATH, Shown(&notebook.show(Path::new(&r.path))))?;
        write!(out, ":")?;
        out.styled(style::LINE, r.line)?;
        let what = if dry_run { &r.planned } else { &r.done };
        writeln!(out, ": {}", sanitize(what))?;
    }
    problems.extend(fixing.left);
    check::links_and_leftovers(notebook, &mut problems);
    problems.sort_by(|a, b| a.path.cmp(&b.path).then(a.line.cmp(&b.line)));
    print_problems(notebook, &problems, out)?;
    let repairs = fixing.repairs.len();
    let files = fixing.notes.len();
    let left = if problems.is_empty() {
        None
    } else {
        Some(in_files(&problems))
    };
    let root = notebook.shown_root();
    match (repairs, dry_run) {
        (0, _) => out.notice(format_args!(
            "nothing to repair; {}",
            left.as_deref().map_or_else(
                || format!("no problems found in {}", Shown(&root)),
                |l| format!("{l} to fix by hand")
            )
        )),
        (_, true) => out.notice(format_args!(
            "dry run: {} in {} listed, nothing was written; {}",
            plural(repairs, "repair"),
            plural(files, "file"),
            left.as_deref().map_or_else(
                || format!("no other problems in {}", Shown(&root)),
                |l| format!("and {l} to fix by hand")
            )
        )),
        (_, false) => out.notice(format_args!(
            "{} made in {}; {}",
            plural(repairs, "repair"),
            plural(files, "file"),
            left.as_deref().map_or_else(
                || format!("no problems left in {}", Shown(&root)),
                |l| format!("{l} left to fix by hand")
            )
        )),
    }
    for notice in journal_notices.into_iter().flatten() {
        out.notice(notice);
    }
    // The notebook as it stands: a dry run repaired nothing.
    if left.is_some() || (dry_run && repairs > 0) {
        Ok(Outcome::Negative)
    } else {
        Ok(Outcome::Done)
    }
}

/// The note (`/` path) of `fixing` that a failed write `e` was refused
/// for because another program holds it open for writing; `None` for any
/// other failure (then nothing is retried).
fn open_elsewhere(notebook: &Notebook, fixing: &check::Fixing, e: &Error) -> Option<String> {
    let Error::Io { path, source, .. } = e else {
        return None;
    };
    if source.kind() != std::io::ErrorKind::ResourceBusy {
        return None;
    }
    fixing
        .notes
        .iter()
        .map(|(rel, _, _)| rel)
        .find(|rel| notebook.show(Path::new(rel.as_str())) == *path)
        .cloned()
}

/// Each problem, its place and how to fix it.
fn print_problems(notebook: &Notebook, problems: &[Problem], out: &mut Output) -> Result<()> {
    for p in problems {
        out.styled(style::PATH, Shown(&notebook.show(Path::new(&p.path))))?;
        if let Some(line) = p.line {
            write!(out, ":")?;
            out.styled(style::LINE, line)?;
        }
        writeln!(out, ": {}", sanitize(&p.problem))?;
        out.styled(style::DIM, format_args!("  fix: {}", p.fix))?;
        writeln!(out)?;
    }
    Ok(())
}

/// "2 problems in 1 file".
fn in_files(problems: &[Problem]) -> String {
    let files: BTreeSet<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    format!(
        "{} in {}",
        plural(problems.len(), "problem"),
        plural(files.len(), "file")
    )
}
