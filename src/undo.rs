//! Taking back the last writing command: the use case behind `oneonone
//! undo`. Each command that writes under the notebook lock (`new`,
//! `agenda`, `done`, `checkin`, `rename`, `check --fix`) leaves an entry
//! in the undo journal ([`crate::fs::journal`]); [`Undo::plan`] reads the
//! newest and checks that every file it names is exactly as the command
//! left it, byte for byte: each file it wrote still holds those bytes
//! (a note `new` created is still there, unchanged), each file it removed
//! is still absent, each file or folder it moved is still where it went
//! and nothing took its old place. Anything else stops the undo before a
//! byte changes, naming each file: a later change is never overwritten.
//!
//! [`Undo::commit`] then puts everything back as one transaction (undone
//! in turn if a step fails): the moves reversed, the files it removed
//! written back, the files it edited given their old bytes, the files it
//! created removed; then the folders it made, if they are empty. The
//! entry goes, so the next `undo` reaches the command before. `undo`
//! itself is not recorded: it cannot be undone (run the command again).

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::fs::journal::{self, Entry, Stored};
use crate::fs::{Change, Folder, Lock, Move, Removal, Transaction};
use crate::notebook::Notebook;
use crate::output::sanitize;
use crate::render::{line_splices, listed_creation, listed_edit, listed_path};

/// What one step of the undo does, on notebook-relative paths. Paths
/// are where the file is once the moves are reversed.
#[derive(Debug, Clone)]
enum Step {
    /// Moves `from` (where the command put it) back to `to`.
    MoveBack {
        from: PathBuf,
        to: PathBuf,
        folder: bool,
    },
    /// Writes back a file the command removed.
    Recreate { rel: PathBuf, bytes: Vec<u8> },
    /// Gives a file the command edited its old bytes.
    Restore {
        rel: PathBuf,
        now: Vec<u8>,
        before: Vec<u8>,
    },
    /// Removes a file the command created.
    Remove { rel: PathBuf, now: Vec<u8> },
    /// A file the command created that is gone already (the note `new`
    /// made, deleted by hand): the rest is still taken back.
    AlreadyGone { rel: PathBuf },
}

/// The plan for undoing the newest journal entry, checked against the
/// files. Nothing is written until [`Undo::commit`].
#[derive(Debug)]
pub struct Undo {
    stored: Stored,
    label: Option<String>,
    /// Folders to make first, so that what was in them can go back.
    folders: Vec<PathBuf>,
    steps: Vec<Step>,
    /// The folders the command made, newest first: removed if empty.
    made: Vec<PathBuf>,
}

/// True when the notebook's journal holds an entry (read without the
/// lock, so that a notebook with nothing to undo is not written to).
#[must_use]
pub fn anything_recorded(notebook: &Notebook) -> bool {
    journal::entries(notebook.root()).is_ok_and(|e| !e.is_empty())
}

impl Undo {
    /// Reads the newest entry of the journal and checks every file it
    /// names; reads, never writes.
    ///
    /// # Errors
    /// Nothing is recorded; the entry cannot be read or says the command
    /// cannot be undone; or a file changed since the command (each one
    /// named, with what happened to it).
    pub fn plan(notebook: &Notebook) -> Result<Undo> {
        let root = notebook.root();
        let journal_shown = notebook.show(&Path::new(crate::fs::STATE_DIR).join(journal::DIR));
        let stored = journal::entries(root)
            .map_err(|e| Error::io(&journal_shown, "cannot read the undo journal", e))?
            .pop()
            .ok_or_else(nothing_to_undo)?;
        let entry = journal::read(root, &stored)
            .map_err(|e| Error::io(notebook.show(&stored.rel), "cannot read", e))?;
        let named = named(entry.label.as_deref());
        if let Some(why) = &entry.cannot_undo {
            // Why, then (on a line of its own, if the command left one)
            // what to do instead.
            let (why, instead) = why.split_once('\n').unwrap_or((why, ""));
            let mut message = format!(
                "cannot undo {named}: {}; nothing was changed, and undo stops at it (the commands before it cannot be undone either)",
                sanitize(why)
            );
            if !instead.is_empty() {
                message.push('\n');
                message.push_str(&sanitize(instead));
            }
            return Err(Error::Usage(message));
        }
        let mut problems = Vec::new();
        let steps = check(root, &entry, &mut problems);
        if !problems.is_empty() {
            let list: Vec<String> = problems
                .iter()
                .map(|(rel, what)| format!("  {}: {what}", listed_path(rel, false)))
                .collect();
            return Err(Error::Usage(format!(
                "cannot undo {named}; nothing was changed\n{}\n  \
                 hint: undo only puts back files exactly as the command left them\n  \
                 hint: put {} back as {named} left {},\n    \
                 or make the change by hand",
                list.join("\n"),
                if problems.len() == 1 {
                    "that file"
                } else {
                    "those files"
                },
                if problems.len() == 1 { "it" } else { "them" },
            )));
        }
        let folders = folders_to_make(root, &steps);
        // Made before the moves: named as they are once those are reversed.
        let made = entry.folders.iter().rev().cloned().collect();
        Ok(Undo {
            stored,
            label: entry.label,
            folders,
            steps,
            made,
        })
    }

    /// The command as undo names it: `` `new alice` ``, or "the last
    /// command", sanitized.
    #[must_use]
    pub fn named(&self) -> String {
        named(self.label.as_deref())
    }

    /// How many steps the undo takes: files and folders moved, written,
    /// removed, and folders removed.
    #[must_use]
    pub fn steps(&self) -> usize {
        self.steps.len() + self.made.len()
    }

    /// Every step, for `--dry-run`, in rename's listing: the moves back,
    /// the files written back (each line), the edits (each line before
    /// and after), the files and folders removed; paths relative to the
    /// notebook, where each file is by then, shown from the current folder.
    #[must_use]
    pub fn listing(&self, notebook: &Notebook, width: Option<usize>) -> Vec<String> {
        let listed_path = |rel: &Path, folder: bool| listed_path(&notebook.show(rel), folder);
        let mut lines = vec![format!("undo {}", self.named())];
        for step in &self.steps {
            match step {
                Step::MoveBack { from, to, folder } => lines.push(format!(
                    "move {} to {}",
                    listed_path(from, *folder),
                    listed_path(to, *folder)
                )),
                Step::Recreate { rel, bytes } => {
                    lines.extend(listed_creation(
                        &notebook.show(rel),
                        &String::from_utf8_lossy(bytes),
                        width,
                    ));
                }
                Step::Restore { rel, now, before } => {
                    let (now, before) = (
                        String::from_utf8_lossy(now),
                        String::from_utf8_lossy(before),
                    );
                    let splices = line_splices(&now, &before);
                    lines.extend(listed_edit(&notebook.show(rel), &now, &splices, width));
                }
                Step::Remove { rel, .. } => {
                    lines.push(format!("remove {}", listed_path(rel, false)));
                }
                Step::AlreadyGone { rel } => {
                    lines.push(format!("({} is gone already)", listed_path(rel, false)));
                }
            }
        }
        for folder in &self.made {
            lines.push(format!(
                "remove {} (if empty by then)",
                listed_path(folder, true)
            ));
        }
        lines
    }

    /// Puts everything back as one transaction, under `lock` (held since
    /// before planning), then removes the folders the command made if
    /// they are empty, and the journal entry. Returns what was done, a
    /// line each (sanitized), paths shown from the current folder.
    ///
    /// # Errors
    /// A step failed (a file changed since planning, the disk): every
    /// step made is undone, and the entry stays.
    pub fn commit(&self, notebook: &Notebook, lock: &Lock) -> Result<Vec<String>> {
        let path = |rel: &Path| notebook.path(rel);
        let show = |rel: &Path| notebook.show(rel);
        // Paths as every other message names them: from where the user
        // stands (`person.yaml` inside `alice/`).
        let listed_path = |rel: &Path, folder: bool| listed_path(&show(rel), folder);
        let mut tx = Transaction::with_modes(notebook.modes())
            .staged(lock)
            .unjournaled();
        for folder in &self.folders {
            tx.push_folder(Folder {
                path: path(folder),
                shown: show(folder),
            });
        }
        let mut done = vec![format!("undid {}", self.named())];
        for step in &self.steps {
            match step {
                Step::MoveBack { from, to, folder } => {
                    tx.push_move(Move {
                        from: path(from),
                        to: path(to),
                        shown: show(from),
                    });
                    done.push(format!(
                        "moved {} back to {}",
                        listed_path(from, *folder),
                        listed_path(to, *folder)
                    ));
                }
                Step::Recreate { rel, bytes } => {
                    tx.push(Change {
                        path: path(rel),
                        shown: show(rel),
                        before: None,
                        after: bytes.clone(),
                    });
                    done.push(format!("restored {}", listed_path(rel, false)));
                }
                Step::Restore { rel, now, before } => {
                    tx.push(Change {
                        path: path(rel),
                        shown: show(rel),
                        before: Some(now.clone()),
                        after: before.clone(),
                    });
                    done.push(format!("restored {}", listed_path(rel, false)));
                }
                Step::Remove { rel, now } => {
                    tx.push_removal(Removal {
                        path: path(rel),
                        shown: show(rel),
                        before: now.clone(),
                    });
                    done.push(format!("removed {}", listed_path(rel, false)));
                }
                Step::AlreadyGone { rel } => {
                    done.push(format!("{} was removed already", listed_path(rel, false)));
                }
            }
        }
        tx.commit()?;
        for folder in &self.made {
            // Only an empty folder goes: anything new in it stays.
            done.push(if std::fs::remove_dir(path(folder)).is_ok() {
                format!("removed the empty {}", listed_path(folder, true))
            } else {
                format!(
                    "kept {}: something else is in it",
                    listed_path(folder, true)
                )
            });
        }
        if let Err(e) = journal::remove(notebook.root(), &self.stored) {
            done.push(format!(
                "{}: cannot remove this undo record ({e}); the files are back, and a second `undo` would refuse",
                listed_path(&self.stored.rel, false)
            ));
        }
        Ok(done)
    }
}

/// The error for an empty journal.
fn nothing_to_undo() -> Error {
    Error::Usage(
        "nothing to undo: no change is recorded in this notebook\n  \
         hint: undo takes back the last new, agenda, done, checkin, rename or\n    \
         check --fix, up to 10 of them, one at a time"
            .into(),
    )
}

/// `` `new alice` ``, or "the last command" for an entry without a label.
fn named(label: Option<&str>) -> String {
    label.map_or_else(
        || "the last command".to_string(),
        |l| format!("`{}`", sanitize(l)),
    )
}

/// Where the path `rel` (as it is after the command) was before the
/// command's moves.
fn back(entry: &Entry, rel: &Path) -> PathBuf {
    let mut rel = rel.to_path_buf();
    for m in entry.moves.iter().rev() {
        if let Ok(rest) = rel.strip_prefix(&m.to) {
            rel = if rest.as_os_str().is_empty() {
                m.from.clone()
            } else {
                m.from.join(rest)
            };
        }
    }
    rel
}

/// The first folder on the way from `root` to `rel` (`rel` itself
/// included) that is a symbolic link.
fn link_on_the_way(root: &Path, rel: &Path) -> Option<PathBuf> {
    let mut walked = PathBuf::new();
    for part in rel.components() {
        walked.push(part);
        if crate::fs::is_link(&root.join(&walked)) {
            return Some(walked);
        }
    }
    None
}

/// Checks every file and folder the entry names against what is there,
/// and plans the steps; each file not as the command left it goes to
/// `problems`, with what happened to it.
fn check(root: &Path, entry: &Entry, problems: &mut Vec<(PathBuf, String)>) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut problem = |rel: &Path, what: &str| problems.push((rel.to_path_buf(), what.to_string()));
    let through_link = |rel: &Path| {
        link_on_the_way(root, rel).map(|link| {
            format!(
                "is reached through {}, a symbolic link now",
                listed_path(&link, false)
            )
        })
    };
    // Each move is undone where it was made: after the later ones are.
    for m in entry.moves.iter().rev() {
        let kind = if m.folder { "folder" } else { "file" };
        match std::fs::symlink_metadata(root.join(&m.to)) {
            Err(_) => problem(&m.to, &format!("the {kind} moved here is no longer there")),
            Ok(meta) if meta.file_type().is_symlink() => problem(&m.to, "is a symbolic link now"),
            Ok(meta) if meta.is_dir() != m.folder => {
                problem(&m.to, &format!("is no longer the {kind} moved here"));
            }
            Ok(_) => {}
        }
        if std::fs::symlink_metadata(root.join(&m.from)).is_ok() {
            problem(
                &m.from,
                "something is there again, where the move took it from",
            );
        }
        for rel in [&m.to, &m.from] {
            if let Some(what) = rel.parent().and_then(through_link) {
                problem(rel, &what);
            }
        }
        steps.push(Step::MoveBack {
            from: m.to.clone(),
            to: m.from.clone(),
            folder: m.folder,
        });
    }
    let mut recreated = Vec::new();
    let mut restored = Vec::new();
    let mut removed = Vec::new();
    for file in &entry.files {
        let rel = back(entry, &file.path);
        if let Some(what) = through_link(&file.path).or_else(|| through_link(&rel)) {
            problem(&file.path, &what);
            continue;
        }
        let Some(hash) = file.after else {
            // Removed by the command: still absent?
            if std::fs::symlink_metadata(root.join(&file.path)).is_ok() {
                problem(&file.path, "is there again (the command removed it)");
            } else if let Some(bytes) = &file.before {
                recreated.push(Step::Recreate {
                    rel,
                    bytes: bytes.clone(),
                });
            }
            continue;
        };
        match crate::fs::read_beneath(root, &file.path, None) {
            Ok(now) if journal::hash(&now) == hash => match &file.before {
                Some(before) => restored.push(Step::Restore {
                    rel,
                    now,
                    before: before.clone(),
                }),
                None => removed.push(Step::Remove { rel, now }),
            },
            Ok(_) => problem(&file.path, "changed since"),
            // Created by the command and deleted since: what undo would
            // do to it is done. The agenda points and `[>]` marks of a
            // note deleted by hand still go back.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && file.before.is_none() => {
                removed.push(Step::AlreadyGone { rel });
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                problem(&file.path, "was removed or moved since");
            }
            Err(e) => problem(&file.path, &e.to_string()),
        }
    }
    steps.extend(recreated);
    steps.extend(restored);
    steps.extend(removed);
    steps
}

/// The folders that must be made before the steps: a folder the command
/// emptied and removed (`rename --merge` removes the old one), which the
/// files moved or written back need. A folder a move back puts in place
/// is not made.
fn folders_to_make(root: &Path, steps: &[Step]) -> Vec<PathBuf> {
    let put_back: Vec<&PathBuf> = steps
        .iter()
        .filter_map(|s| match s {
            Step::MoveBack { to, .. } => Some(to),
            _ => None,
        })
        .collect();
    let mut folders: Vec<PathBuf> = Vec::new();
    let landing = steps.iter().filter_map(|s| match s {
        Step::MoveBack { to, .. } => Some(to),
        Step::Recreate { rel, .. } => Some(rel),
        _ => None,
    });
    for rel in landing {
        let mut ancestors: Vec<&Path> = rel
            .ancestors()
            .skip(1)
            .filter(|a| !a.as_os_str().is_empty())
            .collect();
        ancestors.reverse();
        for folder in ancestors {
            let moved_in = put_back.iter().any(|p| folder.starts_with(p));
            let missing = std::fs::symlink_metadata(root.join(folder)).is_err();
            if missing && !moved_in && !folders.iter().any(|f| f == folder) {
                folders.push(folder.to_path_buf());
            }
        }
    }
    folders
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fs::journal::Moved;

    #[test]
    fn paths_go_back_through_the_moves() {
        let entry = Entry {
            moves: vec![Moved {
                from: PathBuf::from("alice"),
                to: PathBuf::from("mary-ann"),
                folder: true,
            }],
            ..Entry::default()
        };
        assert_eq!(
            back(&entry, Path::new("mary-ann/n.md")),
            Path::new("alice/n.md")
        );
        assert_eq!(back(&entry, Path::new("mary-ann")), Path::new("alice"));
        assert_eq!(
            back(&entry, Path::new("mary-ann-x/n.md")),
            Path::new("mary-ann-x/n.md")
        );
        assert_eq!(back(&entry, Path::new("bob/n.md")), Path::new("bob/n.md"));
    }
}
