//! A new meeting note, planned before anything is written: the use case
//! behind `oneonone new`. [`NewNote::plan`] reads the notebook and works
//! out the note's file (`<slug>/<date>.md`, or the next free
//! `<date>-N.md`) and text: suggested questions, the open points of the
//! person's agenda.md, and the open follow-ups of their earlier notes.
//! Planning writes nothing; [`NewNote::commit`] writes the plan.
//!
//! Order of writes, all under the notebook lock and as one transaction: the
//! new note is created first; then the earlier notes get their `[>]` marks
//! and agenda.md loses the moved points. If any write fails, what was done
//! is undone, so a failure leaves the notebook as it was: nothing moved
//! half-way, nothing in two places, nothing lost. Each edit re-checks the
//! bytes it was planned on, so a file changed since planning stops the
//! commit instead of losing the change.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::agenda::{self, AGENDA_FILE};
use crate::bank::{self, Bank, NOTE_TEMPLATE};
use crate::carry::{self, CarriedItem, Handover};
use crate::error::{Error, Result};
use crate::fs::{Change, Folder, Lock, Modes, Transaction};
use crate::note::Note;
use crate::notebook::{LoadedNote, Meeting, Notebook, PersonNotes, meeting_name};
use crate::output::sanitize;
use crate::person::{Person, Wanted};
use crate::render::{plural, plural_were};
use crate::share::Sharing;
use crate::space::Space;
use crate::task;
use crate::template::{self, NoteFields};

/// How many `-N` names to try before giving up on a day.
const MAX_MEETINGS_A_DAY: u32 = 999;

/// What a new note is asked for: `oneonone new`'s arguments, resolved.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// The person as typed: their name, or the start of their folder name.
    pub person: &'a str,
    /// The meeting date.
    pub date: NaiveDate,
    /// The framework asked for by name, if any.
    pub framework: Option<&'a str>,
    /// The seed for picking the suggested questions (`--seed`); without
    /// one, [`bank::default_seed`] of the person and the date.
    pub seed: Option<u64>,
    /// Whether the open follow-ups of the earlier notes move into the new
    /// one.
    pub carry_over: bool,
    /// Whether a name near someone's makes a new person (`--new-person`).
    pub new_person: bool,
    /// The home folder, for a shared space named from it (`~/...`).
    pub home: Option<&'a Path>,
}

/// The plan for a new meeting note: the file it creates, the agenda points
/// it moves and the follow-ups it carries over. Nothing is written until
/// [`NewNote::commit`].
#[derive(Debug, Clone)]
pub struct NewNote {
    /// The person's name as the note gives it.
    pub person: String,
    /// "Mary Ann (mary-ann/)" when the note makes a new person (their
    /// folder does not exist yet).
    pub new_person: Option<String>,
    /// The meeting date.
    pub date: NaiveDate,
    /// The framework's title (its name when it has none).
    pub framework: String,
    /// The new note's path, relative to the notebook.
    pub rel: PathBuf,
    /// The new note's path as shown to the user.
    pub shown: PathBuf,
    /// The new note's text.
    pub text: String,
    /// The points moved out of the person's agenda.md, as the new note's
    /// items.
    pub agenda: Vec<String>,
    /// The follow-ups carried over, each with the note it comes from, in
    /// the new note's order (the private ones go to its private section).
    // Read by the tests, and by the `--dry-run` that issue 12 asks for.
    #[allow(dead_code)]
    pub carried: Vec<CarriedItem>,
    /// How many open items the carried follow-ups hold (sub-items
    /// included).
    pub carried_open: usize,
    /// How many of the person's `[>]` items no later note holds once the
    /// plan is written ([`crate::followup::orphan_count_with`]).
    pub orphans: usize,
    /// Notices for the person running the command (already sanitized for a
    /// terminal).
    pub notices: Vec<String>,
    /// Every file the commit writes: the edits of agenda.md and the earlier
    /// notes in order, then the new note.
    changes: Vec<Change>,
    /// The person's folder, which the commit creates if needed, and how it
    /// is shown.
    folder: PathBuf,
    folder_shown: PathBuf,
    /// The permissions of what the commit creates.
    modes: Modes,
    /// Why `undo` cannot take the commit back: it changes the person's
    /// shared space (its agenda's points are marked taken).
    beyond: Option<String>,
}

/// How many of the person's `[>]` items no later note holds, as the folder
/// stands once `changes` are written; the notes read for the plan are not
/// read again.
fn orphans(notebook: &Notebook, folder: &str, changes: &[Change], notes: &PersonNotes) -> usize {
    let written: Vec<(String, std::borrow::Cow<'_, str>)> = changes
        .iter()
        .filter_map(|c| {
            let rel = c.path.strip_prefix(notebook.root()).ok()?;
            Some((
                crate::notebook::slash_path(rel),
                String::from_utf8_lossy(&c.after),
            ))
        })
        .collect();
    let edits: Vec<(String, &str)> = written
        .iter()
        .map(|(rel, text)| (rel.clone(), text.as_ref()))
        .collect();
    let texts: std::collections::HashMap<&Path, &str> = notes
        .notes()
        .iter()
        .filter_map(|n| Some((n.meeting.rel.as_path(), n.text()?)))
        .collect();
    crate::followup::orphan_count_with(notebook, folder, &edits, &|rel| texts.get(rel).copied())
}

impl NewNote {
    /// Plans the note `request` asks for in `notebook`; reads, never
    /// writes. A note that cannot be read keeps its follow-ups, and goes
    /// to `warn`. Run it under the notebook lock to commit the plan.
    ///
    /// # Errors
    /// The person's name is refused, the bank or settings are broken, the
    /// framework is unknown, the day has no free name left, a file to
    /// change has git conflict markers, or the bank would hide carried
    /// follow-ups in the new note.
    pub fn plan(
        notebook: &Notebook,
        request: &Request<'_>,
        warn: &mut dyn FnMut(Error),
    ) -> Result<NewNote> {
        let bank = Bank::load(notebook.root(), notebook.shown())?;
        let framework =
            bank.framework(bank::framework_name(request.framework, &notebook.config))?;
        let wanted = if request.new_person {
            Wanted::New
        } else {
            Wanted::MayBeNew
        };
        let person = Person::resolve_as(notebook, request.person, wanted, warn)?;
        notebook.refuse_link(&person.slug)?;
        let date = request.date;
        let meetings = notebook.meetings(&person.slug);
        let (number, rel) = free_name(notebook, &person.slug, date)?;
        let before_new = |m: &&Meeting| (m.date, m.number) < (date, number);
        let mut changes = Vec::new();

        // Each note is read once: all of them when their follow-ups move,
        // else the latest, whose questions are not suggested again (and
        // the others only for conflict markers).
        let mut notes =
            PersonNotes::of(notebook, &person.slug, meetings.clone(), request.carry_over);
        let agenda_rel = Path::new(&person.slug).join(AGENDA_FILE);
        let agenda_text = crate::notebook::read_note_optional(notebook, &agenda_rel)?;
        refuse_any_conflicts(
            notebook,
            (&agenda_rel, agenda_text.as_deref()),
            &meetings,
            &notes,
        )?;
        let seed = request
            .seed
            .unwrap_or_else(|| bank::default_seed(&person.slug, date));
        let per_section = notebook.config.questions_per_section();
        let questions = bank::suggest(&bank, framework, per_section, seed, &notes.recent());

        // Their shared space's agenda, when they have one.
        let space = Space::of(notebook, &person.slug, request.home)?;
        let space_agenda = space.map(shared_agenda).transpose()?.flatten();
        // The agenda is for the next meeting: a note back-dated behind the
        // latest one does not take it.
        let mut notices = Vec::new();
        let (agenda, beyond) = if meetings.iter().all(|m| before_new(&m)) {
            let private = (agenda_rel.as_path(), agenda_text.as_deref());
            take_agendas(
                notebook,
                private,
                space_agenda.as_ref(),
                &mut changes,
                &mut notices,
            )
        } else {
            (Vec::new(), None)
        };
        let handover = if request.carry_over {
            // The meetings are in order: the earlier ones come first.
            let earlier = notes
                .notes_mut()
                .iter_mut()
                .take_while(|n| before_new(&&n.meeting));
            let rules = Sharing::for_notebook(&notebook.config, &bank);
            carry_over(notebook, earlier, &rules, &mut changes, warn)?
        } else {
            Handover::default()
        };

        let text = render_note(
            notebook,
            &person.name,
            date,
            framework,
            questions,
            &agenda,
            &handover,
        );
        check_open_count(notebook, &rel, &text, handover.open)?;
        changes.push(Change {
            path: notebook.path(&rel),
            shown: notebook.show(&rel),
            before: None,
            after: text.clone().into_bytes(),
        });
        // `--new-person` took a name that meant someone else.
        notices.splice(0..0, person.took_over.iter().cloned());
        if handover.dropped > 0 {
            notices.push(format!(
                "{} open in more than one note (an interrupted run, or a `[>]` reopened by hand?): every copy is marked `[>]`, and the new note holds each once",
                plural_were(handover.dropped, "follow-up")
            ));
        }
        let slug = Path::new(&person.slug);
        Ok(NewNote {
            new_person: (!person.exists).then(|| person.shown()),
            person: person.name,
            date,
            framework: framework.title_or_name().to_string(),
            shown: notebook.show(&rel),
            rel,
            text,
            agenda,
            carried: handover.items,
            carried_open: handover.open,
            orphans: orphans(notebook, &person.slug, &changes, &notes),
            notices,
            changes,
            folder: notebook.path(slug),
            folder_shown: notebook.show(slug),
            modes: notebook.modes(),
            beyond,
        })
    }

    /// Every file the commit writes, in order: the edits (agenda.md, then
    /// the earlier notes, oldest first), then the new note (`before` is
    /// `None`). The transaction creates the new note first.
    // Read by the tests, and by the `--dry-run` that issue 12 asks for.
    #[allow(dead_code)]
    #[must_use]
    pub fn changes(&self) -> &[Change] {
        &self.changes
    }

    /// The plan in a few words: `the 2026-11-24 note for Alice (Listen,
    /// learn, lift); 2 agenda points, 3 follow-ups carried over`, sanitized
    /// for a terminal.
    #[must_use]
    pub fn summary(&self) -> String {
        format!(
            "the {} note for {} ({}){}",
            self.date,
            sanitize(&self.person),
            sanitize(&self.framework),
            moved(self.agenda.len(), self.carried_open)
        )
    }

    /// Every step, as lines for `--dry-run` (cut to `width` columns when
    /// there is one), in `rename --dry-run`'s listing: the plan in a few
    /// words, the person's
    /// folder if it is new, the new note (each line), then each edit of
    /// agenda.md and the earlier notes (each changed line before and
    /// after); paths shown from the current folder, text sanitized.
    #[must_use]
    pub fn listing(&self, notebook: &Notebook, width: Option<usize>) -> Vec<String> {
        let root = notebook.root();
        let mut lines = vec![self.summary()];
        if self.new_folder() {
            let slug = self.rel.parent().unwrap_or(Path::new(""));
            lines.push(format!(
                "create {}",
                crate::render::listed_path(&notebook.show(slug), true)
            ));
        }
        for change in self.changes.iter().filter(|c| c.before.is_none()) {
            let rel = change.path.strip_prefix(root).unwrap_or(&change.path);
            lines.extend(crate::render::listed_creation(
                &notebook.show(rel),
                &String::from_utf8_lossy(&change.after),
                width,
            ));
        }
        for change in &self.changes {
            let Some(before) = &change.before else {
                continue;
            };
            let rel = change.path.strip_prefix(root).unwrap_or(&change.path);
            let (before, after) = (
                String::from_utf8_lossy(before),
                String::from_utf8_lossy(&change.after),
            );
            let splices = crate::render::line_splices(&before, &after);
            let shown = notebook.show(rel);
            lines.extend(crate::render::listed_edit(&shown, &before, &splices, width));
        }
        lines
    }

    /// How many steps the commit takes: the folder if it is new, the files
    /// it writes.
    #[must_use]
    pub fn steps(&self) -> usize {
        self.changes.len() + usize::from(self.new_folder())
    }

    /// True when the person's folder is not there yet.
    fn new_folder(&self) -> bool {
        std::fs::symlink_metadata(&self.folder).is_err()
    }

    /// The person folders of `notebook` the commit writes in, by name:
    /// the person's own (a file at the notebook's top, or outside it, is
    /// in none).
    #[must_use]
    pub fn folders_written(&self, notebook: &Notebook) -> Vec<String> {
        let mut folders: Vec<String> = self
            .changes
            .iter()
            .filter_map(|c| c.path.strip_prefix(notebook.root()).ok())
            .filter(|rel| rel.components().count() > 1)
            .filter_map(|rel| rel.components().next())
            .map(|top| top.as_os_str().to_string_lossy().into_owned())
            .collect();
        folders.sort();
        folders.dedup();
        folders
    }

    /// Writes the plan: the person's folder if it is new, then every
    /// change, as one transaction (recorded for `undo` as `new SLUG`).
    /// `lock` is the notebook's lock, held since before planning.
    ///
    /// # Errors
    /// The folder cannot be made, or a write failed (a file changed since
    /// planning, the new note's name was taken meanwhile, the disk); what
    /// was written is undone, and a folder made for the note is removed.
    pub fn commit(&self, lock: &Lock) -> Result<()> {
        let slug = self.rel.parent().unwrap_or(Path::new(""));
        let mut tx = Transaction::with_modes(self.modes)
            .staged(lock)
            .labelled(format!("new {}", slug.display()));
        if let Some(why) = &self.beyond {
            tx = tx.cannot_be_undone(why.clone());
        }
        tx.push_folder(Folder {
            path: self.folder.clone(),
            shown: self.folder_shown.clone(),
        });
        for change in &self.changes {
            tx.push(change.clone());
        }
        tx.commit()
    }
}

/// The first free `DATE.md` / `DATE-N.md` in the person's folder.
fn free_name(notebook: &Notebook, slug: &str, date: NaiveDate) -> Result<(u32, PathBuf)> {
    let rel = |n| Path::new(slug).join(meeting_name(date, n));
    (1..=MAX_MEETINGS_A_DAY)
        .find(|&n| !notebook.path(&rel(n)).exists())
        .map(|n| (n, rel(n)))
        .ok_or_else(|| Error::Exists {
            path: notebook.show(&rel(MAX_MEETINGS_A_DAY)),
        })
}

/// The new note's text: the framework's sections with their questions,
/// the agenda points taken, and the carried items (private ones in the
/// private section).
fn render_note(
    notebook: &Notebook,
    person: &str,
    date: NaiveDate,
    framework: &bank::Framework,
    questions: Vec<Vec<&bank::Question>>,
    agenda: &[String],
    handover: &Handover,
) -> String {
    let in_section = |private: bool| -> Vec<String> {
        handover
            .items
            .iter()
            .filter(|i| i.private == private)
            .map(|i| i.text.clone())
            .collect()
    };
    template::render(
        NOTE_TEMPLATE,
        &NoteFields {
            person,
            date: date.to_string(),
            framework,
            manager: notebook.config.manager.as_deref(),
            questions,
            agenda: agenda.to_vec(),
            carried: in_section(false),
            carried_private: in_section(true),
            private: notebook
                .config
                .private_section
                .as_deref()
                .unwrap_or(crate::share::DEFAULT_PRIVATE_HEADING),
        },
    )
}

/// Plans taking the open points out of the person's agenda.md (`rel`,
/// holding `text` if it exists); returns them as note items.
fn take_agenda(
    notebook: &Notebook,
    rel: &Path,
    text: Option<&str>,
    changes: &mut Vec<Change>,
) -> Vec<String> {
    let Some(text) = text else {
        return Vec::new();
    };
    let points = agenda::open_points(text);
    if points.is_empty() {
        return Vec::new();
    }
    changes.push(Change {
        path: notebook.path(rel),
        shown: notebook.show(rel),
        before: Some(text.as_bytes().to_vec()),
        after: agenda::remove(text, &points).into_bytes(),
    });
    agenda::as_note_items(text, &points)
}

/// Plans taking the open points of the person's agenda.md (its path and
/// text, if it exists) and of their shared space's agenda (the space, the
/// path and the text), in that order; returns them as note items, and why
/// `undo` cannot take the note back when the space changes.
fn take_agendas(
    notebook: &Notebook,
    (rel, text): (&Path, Option<&str>),
    shared: Option<&(Space, PathBuf, String)>,
    changes: &mut Vec<Change>,
    notices: &mut Vec<String>,
) -> (Vec<String>, Option<String>) {
    let mut agenda = take_agenda(notebook, rel, text, changes);
    let beyond = shared.and_then(|(space, rel, text)| {
        agenda.extend(take_shared_agenda(space, rel, text, changes, notices)?);
        Some(space.why_no_undo())
    });
    (agenda, beyond)
}

/// A shared space's agenda: the space, the file's path in it and its text;
/// `None` when there is no such file.
///
/// # Errors
/// It cannot be read, or it holds git conflict markers.
fn shared_agenda(space: Space) -> Result<Option<(Space, PathBuf, String)>> {
    let rel = space.agenda_rel();
    let Some(text) = space.read(&rel)? else {
        return Ok(None);
    };
    if let Some(line) = crate::note::conflict_marker(&text) {
        return Err(Error::Invalid {
            path: space.show(&rel),
            line: Some(line),
            message: "unresolved git conflict markers; resolve them, then run `oneonone new` again"
                .into(),
        });
    }
    Ok(Some((space, rel, text)))
}

/// Plans taking the open points out of a shared space's agenda (`rel` in
/// `space`, holding `text`): each is marked `[>]` there, not removed, so
/// that a git merge with the other side's additions cannot bring it back
/// as a new point. A point whose words are those of one taken before (a
/// copy a merge brought back) is marked too, but not taken again, and
/// said in `notices`. Returns the points as note items; `None` when
/// nothing changes there.
fn take_shared_agenda(
    space: &Space,
    rel: &Path,
    text: &str,
    changes: &mut Vec<Change>,
    notices: &mut Vec<String>,
) -> Option<Vec<String>> {
    let (take, again) = agenda::points_to_take(text);
    if take.is_empty() && again.is_empty() {
        return None;
    }
    for point in &again {
        notices.push(format!(
            "{}:{}: `{}` is a point already taken into a note (a merge brought its line back?), so it is not taken again; to raise it again, word it differently",
            space.show(rel).display(),
            point.task.line,
            sanitize(&point.task.text)
        ));
    }
    let mut marked: Vec<agenda::Point> = take.clone();
    marked.extend(again);
    changes.push(Change {
        path: space.path(rel),
        shown: space.show(rel),
        before: Some(text.as_bytes().to_vec()),
        after: agenda::mark_taken(text, &marked).into_bytes(),
    });
    Some(agenda::as_note_items(text, &take))
}

/// Plans marking the open follow-ups of the earlier notes (oldest first)
/// as carried; returns what they hand on (see [`carry::hand_over`]). A
/// note that cannot be read keeps its items, and goes to `warn`.
fn carry_over<'a>(
    notebook: &Notebook,
    earlier: impl Iterator<Item = &'a mut LoadedNote>,
    rules: &Sharing,
    changes: &mut Vec<Change>,
    warn: &mut dyn FnMut(Error),
) -> Result<Handover> {
    let mut per_note = Vec::new();
    let mut open = 0;
    for loaded in earlier {
        let loaded = loaded.reported(warn);
        let (meeting, Some(text)) = (&loaded.meeting, loaded.text()) else {
            continue;
        };
        // Nothing can move out of a note without an open item: no parse.
        if !crate::followup::may_hold_open_item(text) {
            continue;
        }
        let note = Note::split(text);
        // Open items looked for first: the frontmatter and the private
        // sections are read only for a note that has some (a `- [ ]` in a
        // code block or in prose passes the byte test above).
        if !crate::task::tasks(&note)
            .iter()
            .any(crate::task::Task::is_open)
        {
            continue;
        }
        let note_date = note
            .frontmatter_lenient(&meeting.rel)
            .0
            .date
            .unwrap_or(meeting.date);
        let private = crate::share::private_ranges(&note, rules);
        if let Some(carried) = carry::carry_out(text, Some(note_date), &private) {
            per_note.push(carried.items_from(&meeting.rel));
            open += carried.open;
            changes.push(Change {
                path: notebook.path(&meeting.rel),
                shown: notebook.show(&meeting.rel),
                before: Some(text.as_bytes().to_vec()),
                after: carried.text.into_bytes(),
            });
        }
    }
    Ok(carry::hand_over(per_note, open))
}

/// Every carried item must be open in the new note, exactly once: a bank
/// string that opens a code block or a comment would hide them.
fn check_open_count(
    notebook: &Notebook,
    rel: &Path,
    text: &str,
    carried_open: usize,
) -> Result<()> {
    let open_in_new = task::tasks(&Note::split(text))
        .iter()
        .filter(|t| t.is_open())
        .count();
    if open_in_new == carried_open {
        return Ok(());
    }
    Err(Error::Invalid {
        path: notebook.show(rel),
        line: None,
        message: format!(
            "the new note would hold {open_in_new} open follow-ups instead of the {carried_open} carried over; \
             check the question bank and the frameworks for text that opens a code block, a comment or a task; \
             nothing was written"
        ),
    })
}

/// Refuses to plan anything while the person's agenda.md (its path, and
/// its text if it exists) or any of their notes (`meetings`, some of them
/// read into `notes`) has unresolved git conflict markers, whatever else
/// it holds: which side a line belongs to is for a person to decide, and
/// a `[>]` on one side may be the record of an item open on the other.
/// The first such file is named (agenda.md, then the notes oldest first);
/// a note that cannot be read is left to the carry, which reports it.
fn refuse_any_conflicts(
    notebook: &Notebook,
    agenda: (&Path, Option<&str>),
    meetings: &[Meeting],
    notes: &PersonNotes,
) -> Result<()> {
    let refuse = |rel: &Path, text: &str| match crate::note::conflict_marker(text) {
        Some(line) => Err(Error::Invalid {
            path: notebook.show(rel),
            line: Some(line),
            message: "unresolved git conflict markers; resolve them, then run `oneonone new` again"
                .into(),
        }),
        None => Ok(()),
    };
    if let (rel, Some(text)) = agenda {
        refuse(rel, text)?;
    }
    let loaded: std::collections::HashMap<&Path, Option<&str>> = notes
        .notes()
        .iter()
        .map(|n| (n.meeting.rel.as_path(), n.text()))
        .collect();
    for meeting in meetings {
        let rel = meeting.rel.as_path();
        match loaded.get(rel) {
            Some(Some(text)) => refuse(rel, text)?,
            Some(None) => {}
            // Not read for anything else: read for this only.
            None => {
                let file = crate::notebook::NoteFile {
                    rel: rel.to_path_buf(),
                };
                if let Ok(text) = crate::notebook::read_note(notebook, &file) {
                    refuse(rel, &text)?;
                }
            }
        }
    }
    Ok(())
}

/// "; 2 agenda points, 3 follow-ups carried over", or nothing.
fn moved(agenda: usize, carried: usize) -> String {
    let mut moved = Vec::new();
    if agenda > 0 {
        moved.push(plural(agenda, "agenda point"));
    }
    if carried > 0 {
        moved.push(format!("{} carried over", plural(carried, "follow-up")));
    }
    if moved.is_empty() {
        String::new()
    } else {
        format!("; {}", moved.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    use crate::notebook::test_notebook as notebook;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// Every file and folder under `root`, with the files' bytes.
    fn tree(root: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
        let mut found = BTreeMap::new();
        let mut stack = vec![root.to_path_buf()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                let rel = path.strip_prefix(root).unwrap().to_path_buf();
                if path.is_dir() {
                    stack.push(path);
                    found.insert(rel, None);
                } else {
                    found.insert(rel, Some(std::fs::read(&path).unwrap()));
                }
            }
        }
        found
    }

    fn request<'a>(person: &'a str, date: &str) -> Request<'a> {
        Request {
            person,
            date: day(date),
            framework: None,
            seed: Some(7),
            carry_over: true,
            new_person: false,
            home: None,
        }
    }

    fn plan(notebook: &Notebook, request: &Request<'_>) -> NewNote {
        NewNote::plan(notebook, request, &mut |e| panic!("warned: {e}")).unwrap()
    }

    const AGENDA: &str =
        "# Agenda: Alice\n\n- [ ] Ask about the offsite\n- [x] old point\n- [ ] Hiring plan\n";
    const EARLIER: &str = "---\nperson: Alice\ndate: 2026-01-05\n---\n## Follow-ups\n\n- [ ] Send the doc\n- [x] Book a room\n\n## Private\n\n- [ ] Ask HR\n";

    #[test]
    fn a_plan_lists_what_moves_and_writes_nothing() {
        let (dir, notebook) = notebook(&[
            ("alice/agenda.md", AGENDA),
            ("alice/2026-01-05.md", EARLIER),
        ]);
        let before = tree(dir.path());
        let plan = plan(&notebook, &request("alice", "2026-01-12"));
        assert_eq!(tree(dir.path()), before, "planning wrote something");

        assert_eq!(plan.rel, Path::new("alice").join("2026-01-12.md"));
        assert_eq!(plan.person, "Alice");
        assert_eq!(
            plan.agenda,
            ["- Ask about the offsite\n", "- Hiring plan\n"]
        );
        let from = Path::new("alice").join("2026-01-05.md");
        assert_eq!(
            plan.carried,
            [
                CarriedItem {
                    from: from.clone(),
                    text: "- [ ] Send the doc (from 2026-01-05)".into(),
                    private: false,
                },
                CarriedItem {
                    from: from.clone(),
                    text: "- [ ] Ask HR (from 2026-01-05)".into(),
                    private: true,
                },
            ]
        );
        assert_eq!(plan.carried_open, 2);
        assert!(plan.notices.is_empty(), "{:?}", plan.notices);
        assert_eq!(
            plan.summary(),
            "the 2026-01-12 note for Alice (Listen, Learn, Lift); 2 agenda points, 2 follow-ups carried over"
        );
        // The new note holds what moved; the private item in its private
        // section.
        let private_at = plan.text.find("## Private").unwrap();
        let at = |s: &str| plan.text.find(s).unwrap_or_else(|| panic!("{s:?} missing"));
        assert!(at("- Ask about the offsite\n") < private_at);
        assert!(at("- [ ] Send the doc (from 2026-01-05)") < private_at);
        assert!(at("- [ ] Ask HR (from 2026-01-05)") > private_at);

        let changes: Vec<(&Path, bool)> = plan
            .changes()
            .iter()
            .map(|c| (c.path.strip_prefix(dir.path()).unwrap(), c.before.is_some()))
            .collect();
        assert_eq!(
            changes,
            [
                (Path::new("alice/agenda.md"), true),
                (from.as_path(), true),
                (plan.rel.as_path(), false),
            ]
        );
    }

    #[test]
    fn committing_the_plan_writes_exactly_it() {
        let (dir, notebook) = notebook(&[
            ("alice/agenda.md", AGENDA),
            ("alice/2026-01-05.md", EARLIER),
        ]);
        let plan = plan(&notebook, &request("alice", "2026-01-12"));
        let lock = notebook.lock(&mut || {}).unwrap();
        plan.commit(&lock).unwrap();
        let read = |rel: &str| std::fs::read_to_string(dir.path().join(rel)).unwrap();
        assert_eq!(read("alice/2026-01-12.md"), plan.text);
        assert_eq!(
            read("alice/agenda.md"),
            "# Agenda: Alice\n\n- [x] old point\n"
        );
        assert_eq!(read("alice/2026-01-05.md"), EARLIER.replace("[ ]", "[>]"));
    }

    #[test]
    fn a_back_dated_note_takes_no_agenda_and_carries_only_from_before_it() {
        let (dir, notebook) = notebook(&[
            ("alice/agenda.md", AGENDA),
            ("alice/2026-01-05.md", EARLIER),
            ("alice/2026-01-20.md", "- [ ] later item\n"),
        ]);
        let plan = plan(&notebook, &request("alice", "2026-01-12"));
        assert!(plan.agenda.is_empty());
        let texts: Vec<&str> = plan.carried.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "- [ ] Send the doc (from 2026-01-05)",
                "- [ ] Ask HR (from 2026-01-05)"
            ]
        );
        let edited: Vec<&Path> = plan
            .changes()
            .iter()
            .filter(|c| c.before.is_some())
            .map(|c| c.path.strip_prefix(dir.path()).unwrap())
            .collect();
        assert_eq!(edited, [Path::new("alice/2026-01-05.md")]);
    }

    #[test]
    fn without_carrying_only_the_agenda_moves() {
        let (_dir, notebook) = notebook(&[
            ("alice/agenda.md", AGENDA),
            ("alice/2026-01-05.md", EARLIER),
        ]);
        let plan = plan(
            &notebook,
            &Request {
                carry_over: false,
                ..request("alice", "2026-01-12")
            },
        );
        assert_eq!(plan.agenda.len(), 2);
        assert!(plan.carried.is_empty());
        assert_eq!(plan.carried_open, 0);
        assert_eq!(plan.changes().len(), 2);
    }

    #[test]
    fn planning_for_a_new_person_makes_no_folder() {
        let (dir, notebook) = notebook(&[]);
        let before = tree(dir.path());
        let plan = plan(&notebook, &request("Bob Jones", "2026-01-12"));
        assert_eq!(tree(dir.path()), before, "planning wrote something");
        assert_eq!(plan.rel, Path::new("bob-jones").join("2026-01-12.md"));
        let lock = notebook.lock(&mut || {}).unwrap();
        plan.commit(&lock).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join(&plan.rel)).unwrap(),
            plan.text
        );
    }

    #[test]
    fn the_next_note_the_same_day_gets_the_next_free_name() {
        let (_dir, notebook) = notebook(&[
            ("alice/2026-01-12.md", "first\n"),
            ("alice/2026-01-12-2.md", "second\n"),
        ]);
        let plan = plan(&notebook, &request("alice", "2026-01-12"));
        assert_eq!(plan.rel, Path::new("alice").join("2026-01-12-3.md"));
    }

    #[test]
    fn an_unreadable_note_is_warned_about_and_keeps_its_items() {
        let (dir, notebook) = notebook(&[("alice/2026-01-06.md", "- [ ] b\n")]);
        std::fs::write(dir.path().join("alice/2026-01-05.md"), b"- [ ] a\n\xff\n").unwrap();
        let mut warned = Vec::new();
        let plan = NewNote::plan(&notebook, &request("alice", "2026-01-12"), &mut |e| {
            warned.push(e.to_string());
        })
        .unwrap();
        assert_eq!(warned.len(), 1, "{warned:?}");
        assert!(warned[0].contains("2026-01-05.md"), "{warned:?}");
        assert!(warned[0].contains("not UTF-8"), "{warned:?}");
        let texts: Vec<&str> = plan.carried.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["- [ ] b (from 2026-01-06)"]);
        assert_eq!(plan.changes().len(), 2);
    }

    #[test]
    fn conflict_markers_anywhere_stop_the_plan_whatever_the_file_holds() {
        let conflicted = "<<<<<<< HEAD\n- [>] mine\n=======\n- [x] mine\n>>>>>>> theirs\n";
        for (rel, carry_over) in [
            ("alice/2026-01-05.md", true),
            ("alice/2026-01-05.md", false),
            ("alice/agenda.md", true),
            // A note after the new one gives nothing, and still stops it.
            ("alice/2026-01-20.md", true),
        ] {
            // Six notes after the conflicted one: without carrying, only
            // those are read for their questions.
            let (_dir, notebook) = notebook(&[
                ("alice/2026-01-06.md", "- [ ] b\n"),
                ("alice/2026-01-07.md", ""),
                ("alice/2026-01-08.md", ""),
                ("alice/2026-01-09.md", ""),
                ("alice/2026-01-10.md", ""),
                ("alice/2026-01-11.md", ""),
                (rel, conflicted),
            ]);
            let request = Request {
                carry_over,
                ..request("alice", "2026-01-12")
            };
            let error = NewNote::plan(&notebook, &request, &mut |e| panic!("warned: {e}"))
                .map(|_| ())
                .unwrap_err();
            assert_eq!(
                error.to_string(),
                format!(
                    "{rel}:1: unresolved git conflict markers; resolve them, then run `oneonone new` again"
                ),
                "{rel}, carry_over: {carry_over}"
            );
        }
    }

    #[test]
    fn a_named_framework_wins_over_the_notebooks_over_the_default() {
        use crate::bank::DEFAULT_FRAMEWORK;
        use crate::config::Config;
        let mut config = Config::default();
        assert_eq!(bank::framework_name(None, &config), DEFAULT_FRAMEWORK);
        config.framework = Some("grow".into());
        assert_eq!(bank::framework_name(None, &config), "grow");
        assert_eq!(
            bank::framework_name(Some("start-stop-continue"), &config),
            "start-stop-continue"
        );
    }
}
