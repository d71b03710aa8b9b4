//! Publishing a person's notes to their shared space, and bringing back
//! what the report did there: the plan behind the manager's `sync`.
//!
//! For each meeting note, three texts meet: the shared copy of the note
//! now (`mine`, [`crate::share::shared_copy`], the one place a copy is
//! made), the copy as last published (`base`, kept in the notebook's
//! `.oneonone/shared/<slug>/`), and the copy in the space (`theirs`).
//! Items are matched across them by their words (and which copy of those
//! words it is, for words written twice), never by line.
//!
//! - Ticks travel both ways. The side that changed a box since the base
//!   wins; an item with no base (new on both sides) is done when either
//!   side says so. So done on either side wins, and a reopen travels when
//!   the other side left the item alone. A tick reaches the manager's note
//!   as one byte. A tick the report gave an item the manager has carried
//!   on (`[>]`) reaches the open copy in the later note.
//! - The copy in the space is rewritten only when the report did not
//!   change its words (boxes aside). When they did, it is updated box by
//!   box, and a newer version of the manager's whose words changed too is
//!   a [`Conflict`], nothing written, unless forced.
//! - What the report added to a copy stays there: [`report_items`] finds
//!   the open ones for `followups` and `prep`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::followup::{self, FollowUp, Owner};
use crate::fs::{Change, Folder};
use crate::note::Note;
use crate::notebook::{Notebook, PersonNotes};
use crate::share::{Copier, private_ranges};
use crate::space::{STATE_DIR, Space};
use crate::task;

/// The state of an item's box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// `[ ]`.
    Open,
    /// `[x]` or `[X]`.
    Done,
    /// `[>]`: carried on to a later note.
    Carried,
}

impl State {
    fn byte(self) -> u8 {
        match self {
            State::Open => b' ',
            State::Done => b'x',
            State::Carried => b'>',
        }
    }
}

/// One box of a text: where its byte is, its state, its words.
#[derive(Debug, Clone)]
struct Item {
    at: usize,
    state: State,
    text: String,
}

/// Which item: its words folded ([`followup::normalized`]), and which
/// copy of those words in the text (0 for the first).
type Key = (String, usize);

/// The boxes of `text` (task items with words, and `[>]` items), in file
/// order, those inside `skip` (private parts) left out; each with its key.
fn boxes(text: &str, skip: &[std::ops::Range<usize>]) -> Vec<(Key, Item)> {
    let note = Note::split(text);
    let mut found: Vec<Item> = task::tasks(&note)
        .into_iter()
        .filter(|t| !t.text.is_empty())
        .map(|t| Item {
            at: t.checkbox,
            state: if t.checked { State::Done } else { State::Open },
            text: t.text,
        })
        .collect();
    found.extend(
        followup::carried_marks(&note)
            .into_iter()
            .filter_map(|m| {
                Some(Item {
                    at: m.mark?,
                    state: State::Carried,
                    text: m.text,
                })
            })
            .filter(|b| !b.text.is_empty()),
    );
    found.retain(|b| !skip.iter().any(|r| r.contains(&b.at)));
    found.sort_by_key(|b| b.at);
    let mut seen: HashMap<String, usize> = HashMap::new();
    found
        .into_iter()
        .map(|b| {
            let words = followup::normalized(&b.text);
            let n = seen.entry(words.clone()).or_default();
            let key = (words, *n);
            *n += 1;
            (key, b)
        })
        .collect()
}

/// The boxes by key.
fn by_key(boxes: &[(Key, Item)]) -> HashMap<&Key, &Item> {
    boxes.iter().map(|(k, b)| (k, b)).collect()
}

/// `text` with the byte of each box set to the state's.
fn set_boxes(text: &str, edits: &[(usize, State)]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for &(at, state) in edits {
        bytes[at] = state.byte();
    }
    // ASCII bytes for ASCII bytes: still UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_string())
}

/// The words of `text`: every box blank, so two texts that differ only by
/// their boxes compare equal.
fn words(text: &str) -> String {
    let edits: Vec<(usize, State)> = boxes(text, &[])
        .iter()
        .map(|(_, b)| (b.at, State::Open))
        .collect();
    set_boxes(text, &edits)
}

/// A shared copy the report changed, that a newer version of the
/// manager's cannot be merged into box by box.
#[derive(Debug, Clone)]
pub struct Conflict {
    /// The copy in the space, as shown.
    pub shown: PathBuf,
    /// The lines of the manager's version that the published one did not
    /// have (`+ LINE: text`), and those it no longer has (`- text`).
    pub lines: Vec<String>,
}

/// A tick brought back into one of the manager's notes.
#[derive(Debug, Clone)]
pub struct Tick {
    /// The note, as shown.
    pub shown: PathBuf,
    /// The item's line.
    pub line: usize,
    /// The item's words.
    pub text: String,
    /// Ticked (true) or reopened.
    pub done: bool,
}

/// What `sync` does for one person: every file it writes, and what to say.
#[derive(Debug, Default)]
pub struct Plan {
    /// The files to write: the manager's notes (ticks), the copies in the
    /// space, the bases.
    pub changes: Vec<Change>,
    /// The folders the bases go in.
    pub folders: Vec<Folder>,
    /// The copies written whole, new or changed (file names).
    pub published: Vec<String>,
    /// The copies of the report's updated box by box (file names).
    pub boxed: Vec<String>,
    /// Ticks brought back into the manager's notes.
    pub ticks: Vec<Tick>,
    /// How many boxes of the space's copies changed.
    pub ticked_there: usize,
    /// Copies not written: the report changed them, and so did the
    /// manager.
    pub conflicts: Vec<Conflict>,
    /// With `--force`: where the report's version of each copy it replaced
    /// is kept, in the manager's notebook (shown paths).
    pub kept_theirs: Vec<PathBuf>,
    /// Whether any file in the space changes.
    pub changes_space: bool,
    /// Open points of the space's agenda whose words are a point already
    /// taken into a note (a merge brought the line back): marked `[>]`.
    pub ghosts: usize,
}

impl Plan {
    /// What changed, in a few words, for a git commit message; `None`
    /// when nothing did.
    #[must_use]
    pub fn summary(&self, name: &str) -> Option<String> {
        let mut parts = Vec::new();
        if !self.published.is_empty() {
            parts.push(format!("publish {}", self.published.join(", ")));
        }
        if !self.boxed.is_empty() {
            parts.push(format!("tick boxes in {}", self.boxed.join(", ")));
        }
        if self.ghosts > 0 {
            parts.push("mark agenda points a merge brought back as taken".into());
        }
        (!parts.is_empty()).then(|| format!("{name}'s 1:1 notes: {}", parts.join("; ")))
    }
}

/// Where the base of a copy is kept, notebook-relative.
fn base_rel(slug: &str, name: &str) -> PathBuf {
    crate::space::state_folder(slug).join(name)
}

/// Plans publishing the person's notes to their space and merging back
/// the report's ticks; reads, never writes. A note that cannot be read or
/// copied goes to `warn` and is left out.
///
/// # Errors
/// A file of the space or a base cannot be read.
pub fn plan(
    notebook: &Notebook,
    space: &Space,
    copier: &Copier,
    force: bool,
    warn: &mut dyn FnMut(Error),
) -> Result<Plan> {
    let slug = space.slug.as_str();
    let mut notes = PersonNotes::load(notebook, slug);
    let mut out = Plan::default();
    let state = Path::new(crate::fs::STATE_DIR).join(STATE_DIR);
    for folder in [state.clone(), state.join(slug)] {
        out.folders.push(Folder {
            path: notebook.path(&folder),
            shown: notebook.show(&folder),
        });
    }
    // Lines of points already taken that a merge brought back: marked
    // taken again, so that neither side sees them as points.
    let agenda_rel = space.agenda_rel();
    if let Some(text) = space.read(&agenda_rel)?
        && crate::note::conflict_marker(&text).is_none()
    {
        let ghosts = crate::agenda::points_to_take(&text).1;
        if !ghosts.is_empty() {
            out.ghosts = ghosts.len();
            out.changes_space = true;
            out.changes.push(Change {
                path: space.path(&agenda_rel),
                shown: space.show(&agenda_rel),
                after: crate::agenda::mark_taken(&text, &ghosts).into_bytes(),
                before: Some(text.into_bytes()),
            });
        }
    }
    // Ticks the report gave items the manager had carried on: they reach
    // the open copy in a later note.
    let mut forwarded: Vec<String> = Vec::new();
    let mut people = crate::person::People::new(notebook)?;
    for loaded in notes.notes_mut() {
        let loaded = loaded.reported(warn);
        let Some(text) = loaded.text() else {
            continue;
        };
        let rel = loaded.meeting.rel.clone();
        // A note about someone else, saved in this folder by mistake, is
        // never shared with this person.
        if let Some(named) = about_someone_else(&mut people, slug, &rel, text) {
            warn(Error::Invalid {
                path: notebook.show(&rel),
                line: None,
                message: format!(
                    "its `person:` says {}, not {}: not shared; move it to that person's folder \
                     or correct its `person:`",
                    crate::output::sanitize(&named),
                    crate::output::sanitize(&space.name)
                ),
            });
            continue;
        }
        let Some(name) = rel.file_name().map(|n| n.to_string_lossy().into_owned()) else {
            continue;
        };
        let copy_rel = Path::new(slug).join(&name);
        let base_rel = base_rel(slug, &name);
        // A copy that cannot be read (a link, not UTF-8) is said and left
        // alone; the other notes still sync.
        let theirs = match space.read(&copy_rel) {
            Ok(theirs) => theirs,
            Err(e) => {
                warn(e);
                continue;
            }
        };
        let base = crate::notebook::read_note_optional(notebook, &base_rel)?;
        if let Some(line) = theirs.as_deref().and_then(crate::note::conflict_marker) {
            warn(Error::Invalid {
                path: space.show(&copy_rel),
                line: Some(line),
                message: "unresolved git conflict markers; resolve them, then sync again".into(),
            });
            continue;
        }
        let words_rel = base_rel.with_file_name(format!("{name}.words"));
        let note = NoteFiles {
            rel: &rel,
            shown: notebook.show(&rel),
            copy_rel: &copy_rel,
            base_rel: &base_rel,
            words_rel: &words_rel,
            name: &name,
        };
        if let Err(e) = one_note(
            notebook,
            space,
            copier,
            force,
            &note,
            (text, base.as_deref(), theirs.as_deref()),
            &mut forwarded,
            &mut out,
        ) {
            warn(e);
        }
    }
    Ok(out)
}

/// The `person:` of a note in `slug`'s folder when it names anyone but
/// them (another person of the notebook, or nobody it knows): such a note
/// is not theirs to see.
fn about_someone_else(
    people: &mut crate::person::People<'_>,
    slug: &str,
    rel: &Path,
    text: &str,
) -> Option<String> {
    let named = Note::split(text).frontmatter_lenient(rel).0.person?;
    // Their own name, or its first words ("Alice" in alice-smith/), even
    // where it alone would fit others too.
    if let Ok(folded) = crate::slug::slugify(&named)
        && (folded == slug || slug.starts_with(&format!("{folded}-")))
    {
        return None;
    }
    let found = people.resolve(&named, crate::person::Wanted::Existing, &mut |_| {});
    match found {
        Ok(person) if person.slug == slug => None,
        _ => Some(named),
    }
}

/// Where one note's texts are.
struct NoteFiles<'a> {
    rel: &'a Path,
    shown: PathBuf,
    copy_rel: &'a Path,
    base_rel: &'a Path,
    /// The words of the note's copy at the last publish ([`blank_copy`]).
    words_rel: &'a Path,
    name: &'a str,
}

/// [`plan`] for one note: `texts` are the note, the base and the space's
/// copy.
#[allow(clippy::too_many_arguments)] // the one step of `plan`, with its state
fn one_note(
    notebook: &Notebook,
    space: &Space,
    copier: &Copier,
    force: bool,
    files: &NoteFiles<'_>,
    (text, base, theirs): (&str, Option<&str>, Option<&str>),
    forwarded: &mut Vec<String>,
    out: &mut Plan,
) -> Result<()> {
    let private = private_ranges(&Note::split(text), &copier.rules);
    let mine_boxes = boxes(text, &private);
    let base_boxes = base.map(|b| boxes(b, &[])).unwrap_or_default();
    let theirs_boxes = theirs.map(|t| boxes(t, &[])).unwrap_or_default();
    let edits = ticks_from_theirs(&mine_boxes, &base_boxes, &theirs_boxes, forwarded);
    let text_now = if edits.is_empty() {
        text.to_string()
    } else {
        let after = set_boxes(text, &edits);
        for &(at, state) in &edits {
            let words = mine_boxes
                .iter()
                .find(|(_, b)| b.at == at)
                .map(|(_, b)| b.text.clone())
                .unwrap_or_default();
            out.ticks.push(Tick {
                shown: files.shown.clone(),
                line: crate::note::line_number(text, at),
                text: words,
                done: state == State::Done,
            });
        }
        out.changes.push(Change {
            path: notebook.path(files.rel),
            shown: files.shown.clone(),
            before: Some(text.as_bytes().to_vec()),
            after: after.clone().into_bytes(),
        });
        after
    };
    // The copy as it is to be now, and its words.
    let mine = copier.copy(notebook, files.rel, &text_now)?;
    let mine_words = blank_copy(notebook, files.rel, &text_now, copier)?;
    let base_words = crate::notebook::read_note_optional(notebook, files.words_rel)?;
    let note_boxes = boxes(&text_now, &private);
    let versions = Versions {
        note_boxes: &note_boxes,
        mine: &mine,
        mine_words: &mine_words,
        base,
        base_words: base_words.as_deref(),
        theirs,
    };
    if publish_copy(space, force, files, &versions, &theirs_boxes, out) {
        // A copy `--force` wrote over held the report's words: they are
        // kept, privately, beside the base.
        if let (true, Some(theirs)) = (force, theirs)
            && out.published.iter().any(|p| p == files.name)
            && base.is_none_or(|b| words(b) != words(theirs))
        {
            let rel = files
                .base_rel
                .with_file_name(format!("{}.theirs", files.name));
            let before = crate::notebook::read_note_optional(notebook, &rel)?;
            out.changes.push(Change {
                path: notebook.path(&rel),
                shown: notebook.show(&rel),
                before: before.map(String::into_bytes),
                after: theirs.as_bytes().to_vec(),
            });
            out.kept_theirs.push(notebook.show(&rel));
        }
        for (rel, before, after) in [
            (files.base_rel, base, mine.as_str()),
            (files.words_rel, base_words.as_deref(), mine_words.as_str()),
        ] {
            if before != Some(after) {
                out.changes.push(Change {
                    path: notebook.path(rel),
                    shown: notebook.show(rel),
                    before: before.map(|b| b.as_bytes().to_vec()),
                    after: after.as_bytes().to_vec(),
                });
            }
        }
    }
    Ok(())
}

/// The shared copy of a note with every box blank: its words, however
/// the copy shows a ticked or carried item. Two versions of a note whose
/// words are the same differ only by their boxes.
///
/// # Errors
/// As [`shared_copy`].
fn blank_copy(notebook: &Notebook, rel: &Path, text: &str, copier: &Copier) -> Result<String> {
    let blank: Vec<(usize, State)> = boxes(text, &[])
        .iter()
        .map(|(_, b)| (b.at, State::Open))
        .collect();
    copier.copy(notebook, rel, &set_boxes(text, &blank))
}

/// The versions of a note's copy [`publish_copy`] weighs.
struct Versions<'a> {
    /// The boxes of the note now, private ones left out.
    note_boxes: &'a [(Key, Item)],
    /// The shared copy of the note now.
    mine: &'a str,
    /// Its words ([`blank_copy`]).
    mine_words: &'a str,
    /// The copy as last published, if it was.
    base: Option<&'a str>,
    /// The words of the note's copy then.
    base_words: Option<&'a str>,
    /// The copy in the space, if it is there.
    theirs: Option<&'a str>,
}

/// The boxes of the manager's note to change: ticks and reopens from the
/// space's copy (the side that changed a box since the base wins; with no
/// base, done wins), and ticks `forwarded` from an earlier note whose
/// item was carried here (each taken once it lands).
fn ticks_from_theirs(
    mine: &[(Key, Item)],
    base: &[(Key, Item)],
    theirs: &[(Key, Item)],
    forwarded: &mut Vec<String>,
) -> Vec<(usize, State)> {
    let (base_at, theirs_at) = (by_key(base), by_key(theirs));
    let mut edits = Vec::new();
    for (key, item) in mine {
        if item.state == State::Open
            && let Some(i) = forwarded.iter().position(|w| *w == key.0)
        {
            forwarded.remove(i);
            edits.push((item.at, State::Done));
            continue;
        }
        let Some(their) = theirs_at.get(key) else {
            continue;
        };
        let was = base_at.get(key).map(|b| b.state);
        match (item.state, their.state) {
            // Carried on here: the tick goes to the later note.
            (State::Carried, State::Done) if was != Some(State::Done) => {
                forwarded.push(key.0.clone());
            }
            (m, s) if m == s || m == State::Carried || s == State::Carried => {}
            // They changed it since the base: theirs wins.
            (m, s) if was == Some(m) => edits.push((item.at, s)),
            // Only the manager changed it: the copy follows.
            (_, s) if was == Some(s) => {}
            // New on both sides, or no base: done wins.
            (State::Open, _) => edits.push((item.at, State::Done)),
            _ => {}
        }
    }
    edits
}

/// Plans writing the space's copy of a note as `mine` (the shared copy of
/// the note now), against the `base` last published and `theirs` (the copy
/// in the space, with its boxes): whole when the report did not change its
/// words, else box by box when the note's words did not change either,
/// else a conflict (which `force` settles by writing `mine` whole). True
/// when the copy is (or will be) as published, so the base moves on.
fn publish_copy(
    space: &Space,
    force: bool,
    files: &NoteFiles<'_>,
    versions: &Versions<'_>,
    theirs_boxes: &[(Key, Item)],
    out: &mut Plan,
) -> bool {
    let (mine, base, theirs) = (versions.mine, versions.base, versions.theirs);
    let theirs_at = by_key(theirs_boxes);
    let write_copy = |out: &mut Plan, after: &str| {
        out.changes_space = true;
        // Boxes the copy changes are ticks there.
        out.ticked_there += boxes(after, &[])
            .iter()
            .filter(|(k, b)| theirs_at.get(k).is_some_and(|t| t.state != b.state))
            .count();
        out.changes.push(Change {
            path: space.path(files.copy_rel),
            shown: space.show(files.copy_rel),
            before: theirs.map(|t| t.as_bytes().to_vec()),
            after: after.as_bytes().to_vec(),
        });
    };
    let Some(theirs) = theirs else {
        // Removed from the space: written again only when there is news.
        if base == Some(mine) {
            return false;
        }
        write_copy(out, mine);
        out.published.push(files.name.to_string());
        return true;
    };
    if theirs == mine {
        return true;
    }
    let their_words = words(theirs);
    let edited = base.is_none_or(|b| words(b) != their_words);
    // The note's words since the last publish, whatever the copy makes
    // of its boxes (a carried item may show otherwise than as a box).
    let mine_changed = match (versions.base_words, base) {
        (Some(then), _) => then != versions.mine_words,
        (None, Some(b)) => words(b) != words(mine),
        (None, None) => their_words != words(mine),
    };
    // `--force` settles a conflict, and only that: a copy whose words
    // only the report changed keeps them, forced or not.
    if !edited || (mine_changed && force) {
        write_copy(out, mine);
        out.published.push(files.name.to_string());
        return true;
    }
    if mine_changed {
        out.conflicts.push(Conflict {
            shown: space.show(files.copy_rel),
            lines: changed_lines(base.unwrap_or(theirs), mine),
        });
        return false;
    }
    // Their words stay; only the boxes follow, as the note has them.
    let box_edits: Vec<(usize, State)> = versions
        .note_boxes
        .iter()
        .filter_map(|(key, m)| {
            let t = theirs_at.get(key)?;
            // A tick of theirs forwarded to a later note stays.
            let keep = t.state == m.state || (m.state == State::Carried && t.state == State::Done);
            (!keep).then_some((t.at, m.state))
        })
        .collect();
    if !box_edits.is_empty() {
        write_copy(out, &set_boxes(theirs, &box_edits));
        out.boxed.push(files.name.to_string());
    }
    true
}

/// The lines of `new` whose words `old` does not have (`+ LINE: text`),
/// then the lines of `old` whose words `new` does not have (`- text`),
/// boxes aside: a multiset difference, enough to show what changed
/// without a diff of the whole.
fn changed_lines(old: &str, new: &str) -> Vec<String> {
    let (old_words, new_words) = (words(old), words(new));
    let pair = |raw: &'_ str, plain: &'_ str| -> Vec<(String, String)> {
        raw.lines()
            .zip(plain.lines())
            .map(|(r, p)| (r.to_string(), p.to_string()))
            .collect()
    };
    let (old_lines, new_lines) = (pair(old, &old_words), pair(new, &new_words));
    let count = |lines: &[(String, String)]| {
        let mut n: HashMap<String, usize> = HashMap::new();
        for (_, plain) in lines {
            *n.entry(plain.clone()).or_default() += 1;
        }
        n
    };
    let (mut in_old, mut in_new) = (count(&old_lines), count(&new_lines));
    let mut lines = Vec::new();
    for (i, (raw, plain)) in new_lines.iter().enumerate() {
        match in_old.get_mut(plain) {
            Some(n) if *n > 0 => *n -= 1,
            _ => lines.push(format!("+ {}: {raw}", i + 1)),
        }
    }
    for (raw, plain) in &old_lines {
        match in_new.get_mut(plain) {
            Some(n) if *n > 0 => *n -= 1,
            _ => lines.push(format!("- {raw}")),
        }
    }
    lines
}

/// The open items the report added to the shared copies in the space:
/// those of a copy that its base (what was last published) does not
/// hold. Each is a follow-up whose path is the copy's full path.
#[must_use]
pub fn report_items(notebook: &Notebook, space: &Space) -> Vec<FollowUp> {
    let slug = space.slug.as_str();
    let mut found = Vec::new();
    for meeting in notebook.meetings(slug) {
        let Some(name) = meeting
            .rel
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
        else {
            continue;
        };
        let copy_rel = Path::new(slug).join(&name);
        let (Ok(Some(theirs)), Ok(Some(base))) = (
            space.read(&copy_rel),
            crate::notebook::read_note_optional(notebook, &base_rel(slug, &name)),
        ) else {
            continue;
        };
        let published = boxes(&base, &[]);
        let published = by_key(&published);
        let path: std::sync::Arc<str> = space.path(&copy_rel).to_string_lossy().into();
        let person: std::sync::Arc<str> = space.name.as_str().into();
        for (key, item) in boxes(&theirs, &[]) {
            if item.state != State::Open || published.contains_key(&key) {
                continue;
            }
            let (mention, due) = followup::mention_and_due(&item.text);
            // What she writes with no mention, or with `@me`, is hers.
            let (owner, mention) = match mention {
                Some(m) if !m.eq_ignore_ascii_case("me") => Owner::written(Some(m)),
                _ => (Owner::Person(slug.into()), None),
            };
            found.push(FollowUp {
                person: Some(person.clone()),
                date: Some(meeting.date),
                path: path.clone(),
                line: crate::note::line_number(&theirs, item.at),
                text: item.text.into(),
                owner,
                mention,
                due,
                folder: Some(slug.into()),
                checkbox: item.at,
                // In the space, so shared by the report's own hand.
                private: false,
            });
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxes_are_keyed_by_words_and_copy() {
        let text = "- [ ] a\n- [x] b\n- [>] a\n- [ ] \n  - [X] c (from 2026-01-05)\n";
        let found: Vec<(Key, State)> = boxes(text, &[])
            .into_iter()
            .map(|(k, b)| (k, b.state))
            .collect();
        assert_eq!(
            found,
            [
                (("a".into(), 0), State::Open),
                (("b".into(), 0), State::Done),
                (("a".into(), 1), State::Carried),
                (("c".into(), 0), State::Done),
            ]
        );
        assert_eq!(words("- [x] b\n- [>] a\n"), "- [ ] b\n- [ ] a\n");
    }

    /// What the manager's note becomes, for one item with these boxes in
    /// the note, the base (if any) and the space's copy.
    fn merged(mine: &str, base: Option<&str>, theirs: &str) -> String {
        let text = |b: &str| format!("- [{b}] send the doc\n");
        let mine_text = text(mine);
        let (m, t) = (boxes(&mine_text, &[]), boxes(&text(theirs), &[]));
        let b = base.map(|b| boxes(&text(b), &[])).unwrap_or_default();
        let edits = ticks_from_theirs(&m, &b, &t, &mut Vec::new());
        set_boxes(&mine_text, &edits)
    }

    #[test]
    fn the_side_that_changed_wins_and_without_a_base_done_wins() {
        // Ticked there: ticked here.
        assert_eq!(merged(" ", Some(" "), "x"), "- [x] send the doc\n");
        // Reopened there, left alone here: reopened here.
        assert_eq!(merged("x", Some("x"), " "), "- [ ] send the doc\n");
        // Reopened here, left alone there: stays open here (the copy
        // follows).
        assert_eq!(merged(" ", Some("x"), "x"), "- [ ] send the doc\n");
        // No base: done on either side wins.
        assert_eq!(merged(" ", None, "x"), "- [x] send the doc\n");
        assert_eq!(merged("x", None, " "), "- [x] send the doc\n");
        // Carried on here: a tick there goes to the later note instead.
        let mut forwarded = Vec::new();
        let (m, t) = (
            boxes("- [>] send the doc\n", &[]),
            boxes("- [x] send the doc\n", &[]),
        );
        assert!(ticks_from_theirs(&m, &[], &t, &mut forwarded).is_empty());
        assert_eq!(forwarded, ["send the doc"]);
        let later = boxes("- [ ] send the doc (from 2026-11-24)\n", &[]);
        assert_eq!(
            set_boxes(
                "- [ ] send the doc (from 2026-11-24)\n",
                &ticks_from_theirs(&later, &[], &[], &mut forwarded)
            ),
            "- [x] send the doc (from 2026-11-24)\n"
        );
        assert!(forwarded.is_empty());
    }

    #[test]
    fn changed_lines_name_what_is_new_and_what_went() {
        assert_eq!(
            changed_lines("a\nb\nc\n", "a\nB\nc\nd\n"),
            ["+ 2: B", "+ 4: d", "- b"]
        );
    }
}
