//! `oneonone done`: check off open follow-ups in place, by the `path:line`
//! that `followups` prints or by a piece of their text; `--reopen` unchecks
//! (and, by `path:line`, reopens a carried `[>]` item too, unless a later
//! note holds its open copy: `--force`). Ticking a `[>]` line is refused
//! with where its copy went. A `PATH:LINE` whose item is ticked already
//! is said to be "already done" and left as it is: the state asked for
//! holds, so the exit status is 0 (as `mkdir -p` on a folder that is
//! there), and nothing is written or journalled for it.
//!
//! Each item changes by exactly one byte (the space of `[ ]` becomes `x`,
//! or back); line endings, BOM and every other byte stay as they are. The
//! line must still hold the item when oneonone writes: a note edited since
//! `followups` ran is refused rather than guessed at.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::cli::DoneArgs;
use crate::commands::Outcome;
use crate::error::{Error, Result};
use crate::followup::{self, FollowUp};
use crate::fs::{Change, Transaction};
use crate::note::Note;
use crate::notebook::{NoteFile, Notebook};
use crate::output::{Output, Shown, sanitize};
use crate::settings::Settings;
use crate::task::{self, Task};

/// One item to change: the file and the task in it (for a carried `[>]`
/// item to reopen, its mark as a checked box: the `>` becomes a blank).
struct Target {
    rel: PathBuf,
    task: Task,
    carried: bool,
    /// Ticked already (without `--reopen`): said so, not changed.
    already: bool,
}

/// Checks off (or reopens) the items.
///
/// # Errors
/// A reference is malformed, outside the notebook, or no longer points at
/// an item in the expected state; `--match` finds no item or several; a
/// file cannot be written. Nothing is written unless every item is valid.
pub fn run(args: &DoneArgs, settings: &Settings, out: &mut Output) -> Result<Outcome> {
    let notebook = Notebook::open(settings, false)?;
    let lock = notebook.lock(&mut || out.notice(crate::notebook::WAITING_FOR_LOCK))?;
    let want_checked = args.reopen;
    let targets = targets(args, &notebook, settings, out)?;

    let mut by_file: BTreeMap<PathBuf, Vec<&Target>> = BTreeMap::new();
    for target in targets.iter().filter(|t| !t.already) {
        by_file.entry(target.rel.clone()).or_default().push(target);
    }
    // The command as it could be typed from the notebook's top: the items
    // it changed, each in its person's folder.
    let verb = if want_checked {
        "done --reopen"
    } else {
        "done"
    };
    let label: Vec<String> = std::iter::once(verb.to_string())
        .chain(
            targets
                .iter()
                .filter(|t| !t.already)
                .map(|t| format!("{}:{}", t.rel.display(), t.task.line)),
        )
        .collect();
    let label = label.join(" ");
    let mut tx = Transaction::new().staged(&lock).labelled(label);
    for (rel, items) in &by_file {
        // Read once more and check each item is still where it was found.
        let text = crate::notebook::read_note(&notebook, &NoteFile { rel: rel.clone() })?;
        let note = Note::split(&text);
        let now = task::tasks(&note);
        let marks = if items.iter().any(|t| t.carried) {
            followup::carried_marks(&note)
        } else {
            Vec::new()
        };
        let mut after = text.clone();
        for target in items {
            let still = if target.carried {
                marks
                    .iter()
                    .any(|m| m.mark == Some(target.task.checkbox) && m.line == target.task.line)
            } else {
                now.iter().any(|t| {
                    t.checkbox == target.task.checkbox
                        && t.line == target.task.line
                        && t.checked == want_checked
                })
            };
            if !still {
                return Err(Error::Invalid {
                    path: notebook.show(rel),
                    line: Some(target.task.line),
                    message: crate::fs::CHANGED.into(),
                });
            }
            after = task::toggle(&after, &target.task);
        }
        // A reopened `[>]` must read as an open task item.
        let reopened: Vec<usize> = items
            .iter()
            .filter(|t| t.carried)
            .map(|t| t.task.checkbox)
            .collect();
        if !reopened.is_empty() && !followup::reopens(&after, &reopened) {
            let first = items.iter().find(|t| t.carried).map(|t| t.task.line);
            return Err(Error::Invalid {
                path: notebook.show(rel),
                line: first,
                message:
                    "this `[>]` would not read as an open follow-up with `[ ]`; edit it by hand"
                        .into(),
            });
        }
        tx.push(Change {
            path: notebook.path(rel),
            shown: notebook.show(rel),
            before: Some(text.into_bytes()),
            after: after.into_bytes(),
        });
    }
    if !by_file.is_empty() {
        tx.commit()?;
    }
    let verb = if want_checked { "reopened" } else { "done" };
    for target in &targets {
        let verb = if target.already { "already done" } else { verb };
        out.notice(format_args!(
            "{verb}: {}:{}: {}",
            Shown(&notebook.show(&target.rel)),
            target.task.line,
            sanitize(&target.task.text)
        ));
    }
    for notice in lock.journal_notices() {
        out.notice(notice);
    }
    Ok(Outcome::Done)
}

/// The items the command names: the one `--match` finds, else each
/// `PATH:LINE` (the same item named twice counted once).
fn targets(
    args: &DoneArgs,
    notebook: &Notebook,
    settings: &Settings,
    out: &mut Output,
) -> Result<Vec<Target>> {
    let want_checked = args.reopen;
    if let Some(text) = &args.text {
        return Ok(vec![by_text(
            notebook,
            text,
            args.person.as_deref(),
            want_checked,
            out,
        )?]);
    }
    let mut targets: Vec<Target> = Vec::new();
    for reference in &args.refs {
        let target = by_reference(notebook, settings, reference, want_checked, args.force)?;
        if !targets
            .iter()
            .any(|t| t.rel == target.rel && t.task.checkbox == target.task.checkbox)
        {
            targets.push(target);
        }
    }
    Ok(targets)
}

/// For a path in a person's shared space (as `followups PERSON` lists what
/// they added there), the command that ticks it in that space.
fn in_a_space(notebook: &Notebook, settings: &Settings, path: &str, line: usize) -> Option<String> {
    let full = settings.cwd.join(path);
    notebook.person_slugs().ok()?.into_iter().find_map(|slug| {
        let space = crate::space::Space::of(notebook, &slug, settings.home.as_deref())
            .ok()
            .flatten()?;
        full.strip_prefix(space.root()).ok()?;
        let words = [
            "oneonone".to_string(),
            "--dir".into(),
            // Absolute: a quoted `~` is no home folder to the shell.
            space.root().to_string_lossy().into_owned(),
            "done".into(),
            format!("{}:{line}", full.to_string_lossy()),
        ];
        Some(
            words
                .iter()
                .map(|w| crate::output::shell_quoted(w))
                .collect::<Vec<_>>()
                .join(" "),
        )
    })
}

/// Resolves `path:line`, relative to the current folder, else to the
/// notebook folder (as `followups --json` prints it). A carried `[>]`
/// item is reopened (`want_checked`) only if no later note holds its open
/// copy, or with `force`; to tick it, the error names where its copy is.
fn by_reference(
    notebook: &Notebook,
    settings: &Settings,
    reference: &str,
    want_checked: bool,
    force: bool,
) -> Result<Target> {
    let bad = |message: String| Error::Usage(format!("{reference}: {message}"));
    let (path, line) = reference
        .rsplit_once(':')
        .and_then(|(p, l)| Some((p, l.parse::<usize>().ok().filter(|&l| l > 0)?)))
        .ok_or_else(|| {
            bad("not a `path:line` reference (as `oneonone followups` prints them)".into())
        })?;
    let rel = notebook
        .relative_typed(&settings.cwd, path, &Notebook::is_note_path)?
        .ok_or_else(|| match in_a_space(notebook, settings, path, line) {
            Some(there) => bad(format!(
                "in a shared space, which is not this notebook; tick it there: `{there}`"
            )),
            None => bad(
                "not a note in the notebook\n  hint: oneonone only edits the notes it lists".into(),
            ),
        })?;
    let text = crate::notebook::read_note(notebook, &NoteFile { rel: rel.clone() })?;
    let note = Note::split(&text);
    let tasks = task::tasks(&note);
    // To tick, a ticked one is found too: it is done already, left alone.
    let state = |t: &Task| t.checked || (!want_checked && t.is_open());
    if let Some(task) = tasks.iter().find(|t| t.line == line && state(t)) {
        return Ok(Target {
            rel,
            task: task.clone(),
            carried: false,
            already: !want_checked && task.checked,
        });
    }
    // A carried item is reopened by its mark: `[>]` becomes `[ ]`.
    let mark = followup::carried_marks(&note)
        .into_iter()
        .find_map(|m| match m.mark {
            Some(at) if m.line == line => Some((at, m.text)),
            _ => None,
        });
    let refused = |message: String| Error::Invalid {
        path: notebook.show(&rel),
        line: Some(line),
        message,
    };
    match mark {
        Some((checkbox, text)) if want_checked => {
            let open = followup::later_copies(notebook, &rel, &text)
                .into_iter()
                .rev()
                .find(|c| !c.done);
            if let Some(copy) = open.filter(|_| !force) {
                return Err(refused(format!(
                    "carried (`[>]`), and still open in {}:{}; reopened here it would be open twice: tick or edit it there, or add --force to reopen it here anyway",
                    Shown(&notebook.show(&copy.rel)),
                    copy.line
                )));
            }
            Ok(Target {
                rel,
                task: Task {
                    line,
                    checkbox,
                    checked: true,
                    text,
                },
                carried: true,
                already: false,
            })
        }
        Some((_, text)) => {
            let copies = followup::later_copies(notebook, &rel, &text);
            let here = format!("{}:{line}", Shown(&notebook.show(&rel)));
            let place =
                |c: &followup::LaterCopy| format!("{}:{}", Shown(&notebook.show(&c.rel)), c.line);
            Err(refused(
                match (
                    copies.iter().rev().find(|c| !c.done),
                    copies.iter().rev().find(|c| c.done),
                ) {
                    (Some(open), _) => format!(
                        "carried (`[>]`) to a later note: its open copy is {0}; tick it there: `oneonone done {0}`",
                        place(open)
                    ),
                    (None, Some(done)) => format!(
                        "carried (`[>]`) to a later note, and done there: {}",
                        place(done)
                    ),
                    (None, None) => format!(
                        "carried (`[>]`), but no later note holds it: `oneonone done --reopen {here}` reopens it here (`oneonone check --fix` reopens every such item)"
                    ),
                },
            ))
        }
        None => Err(refused(format!(
            "no {} follow-up on this line\n  \
             hint: the note may have changed since it was listed\n  \
             hint: run `oneonone followups` again",
            if want_checked {
                "checked or carried (`[>]`)"
            } else {
                "open"
            }
        ))),
    }
}

/// The one item (open, or checked with `--reopen`) whose text contains
/// `needle`, ignoring case and accents.
fn by_text(
    notebook: &Notebook,
    needle: &str,
    person: Option<&str>,
    want_checked: bool,
    out: &mut Output,
) -> Result<Target> {
    let folder = match person {
        Some(p) => {
            Some(crate::person::Person::resolve(notebook, p, false, &mut |e| out.warn(&e))?.slug)
        }
        None => None,
    };
    // Accents and case ignored, as a typed person's name is matched.
    let wanted = crate::slug::fold(needle);
    let want = |t: &Task| {
        (if want_checked { t.checked } else { t.is_open() })
            && crate::slug::fold(&t.text).contains(&wanted)
    };
    let mut warnings = Vec::new();
    let mut found: Vec<FollowUp> = followup::scan_with(notebook, &mut |e| warnings.push(e), &want);
    for w in &warnings {
        out.warn(w);
    }
    // Talking points are not follow-ups: `new` moves them.
    found.retain(|f| {
        (folder.is_none() || f.folder.as_deref() == folder.as_deref())
            && !crate::agenda::is_agenda_path(&f.path)
    });
    let what = if want_checked { "checked" } else { "open" };
    match found.len() {
        0 => Err(Error::Usage(format!(
            "no {what} follow-up matches {}",
            crate::error::quoted_name(needle)
        ))),
        1 => {
            let item = found.remove(0);
            let rel = PathBuf::from(&*item.path);
            let text = crate::notebook::read_note(notebook, &NoteFile { rel: rel.clone() })?;
            let task = task::tasks(&Note::split(&text))
                .into_iter()
                .find(|t| t.checkbox == item.checkbox)
                .ok_or_else(|| Error::Invalid {
                    path: notebook.show(&rel),
                    line: Some(item.line),
                    message:
                        "the note changed while oneonone was reading it; run the command again"
                            .into(),
                })?;
            Ok(Target {
                rel,
                task,
                carried: false,
                already: false,
            })
        }
        _ => {
            let list: Vec<String> = found
                .iter()
                .map(|f| {
                    format!(
                        "  {}:{}: {}",
                        Shown(&notebook.show(Path::new(&*f.path))),
                        f.line,
                        sanitize(&f.text)
                    )
                })
                .collect();
            Err(Error::Usage(format!(
                "{} {what} follow-ups match {needle:?}; give more of the text, --person, or a path:line:\n{}",
                found.len(),
                list.join("\n")
            )))
        }
    }
}
