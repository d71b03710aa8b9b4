//! `oneonone new PERSON`: scaffold the note for a meeting in
//! `<slug>/<date>.md` (or the next free `<date>-N.md`), with suggested
//! questions, the open points of the person's agenda.md, and the open
//! follow-ups of their earlier notes.
//!
//! Order of writes, all under the notebook lock and as one transaction: the
//! new note is created first; then the earlier notes get their `[>]` marks
//! and agenda.md loses the moved points. If any write fails, what was done
//! is undone, so a failure leaves the notebook as it was: nothing moved
//! half-way, nothing in two places, nothing lost.

use std::path::Path;

use rand::SeedableRng;
use rand::rngs::StdRng;

use crate::agenda::{self, AGENDA_FILE};
use crate::bank::{self, Bank, DEFAULT_FRAMEWORK, NOTE_TEMPLATE};
use crate::carry;
use crate::cli::NewArgs;
use crate::commands::Outcome;
use crate::error::{Error, Result};
use crate::fs::{Change, Transaction};
use crate::note::Note;
use crate::notebook::{Meeting, Notebook, meeting_name};
use crate::output::{Output, Shown, sanitize};
use crate::render::{plural, plural_were};
use crate::settings::Settings;
use crate::share::Sharing;
use crate::task;
use crate::template::{self, NoteFields};

/// How many `-N` names to try before giving up on a day.
const MAX_MEETINGS_A_DAY: u32 = 999;

/// Creates the note and prints its path.
///
/// # Errors
/// The person's name is refused, the bank or settings are broken, a file
/// cannot be read, or the note cannot be written.
pub fn run(args: &NewArgs, settings: &Settings, out: &mut Output) -> Result<Outcome> {
    let notebook = Notebook::open(settings, true)?;
    let lock = notebook.lock(&mut || out.notice(crate::notebook::WAITING_FOR_LOCK))?;
    let bank = Bank::load(notebook.root(), notebook.shown())?;
    let framework_name = args
        .framework
        .as_deref()
        .or(notebook.config.framework.as_deref())
        .unwrap_or(DEFAULT_FRAMEWORK);
    let framework = bank.framework(framework_name)?;
    let person = crate::person::Person::resolve(&notebook, &args.person, true)?;
    notebook.refuse_link(&person.slug)?;
    let date = args.date.unwrap_or(settings.today);
    let meetings = notebook.meetings(&person.slug);
    let (number, rel) = free_name(&notebook, &person.slug, date)?;
    let mut tx = Transaction::with_modes(notebook.modes()).staged(&lock);

    // Questions asked in the latest notes are not suggested again.
    let recent = notebook.recent_notes(&person.slug);
    let mut rng = StdRng::seed_from_u64(args.seed.unwrap_or_else(rand::random));
    let per_section = notebook.config.questions_per_section();
    let questions = bank::pick_for_sections(&bank, framework, per_section, &mut rng, &recent);

    // The agenda is for the next meeting: a note back-dated behind the
    // latest one does not take it.
    let is_latest = meetings.iter().all(|m| (m.date, m.number) < (date, number));
    let agenda = if is_latest {
        take_agenda(&notebook, &person.slug, &mut tx)?
    } else {
        Vec::new()
    };
    let carried = if args.no_carry {
        Carried::default()
    } else {
        let earlier: Vec<&Meeting> = meetings
            .iter()
            .filter(|m| (m.date, m.number) < (date, number))
            .collect();
        carry_over(
            &notebook,
            &earlier,
            &Sharing::for_notebook(&notebook.config, &bank),
            &mut tx,
            out,
        )?
    };

    let text = template::render(
        NOTE_TEMPLATE,
        &NoteFields {
            person: &person.name,
            date: date.to_string(),
            framework,
            manager: notebook.config.manager.as_deref(),
            questions,
            agenda: agenda.clone(),
            carried: carried.items.clone(),
            carried_private: carried.private_items.clone(),
            private: notebook
                .config
                .private_section
                .as_deref()
                .unwrap_or(crate::share::DEFAULT_PRIVATE_HEADING),
        },
    );
    check_open_count(&notebook, &rel, &text, carried.open)?;
    let folder = notebook.path(Path::new(&person.slug));
    let new_folder = !folder.exists();
    crate::fs::create_dir_with(&folder, notebook.modes()).map_err(|e| {
        Error::io(
            notebook.show(Path::new(&person.slug)),
            "cannot create the folder",
            e,
        )
    })?;
    tx.push(Change {
        path: notebook.path(&rel),
        shown: notebook.show(&rel),
        before: None,
        after: text.clone().into_bytes(),
    });
    if let Err(e) = tx.commit() {
        if new_folder {
            // Only removes the folder if it is still empty.
            let _ = std::fs::remove_dir(&folder);
        }
        return Err(e);
    }

    out.print(format_args!("{}\n", Shown(&notebook.show(&rel))))?;
    out.notice(format_args!(
        "created the {date} note for {} ({}){}",
        sanitize(&person.name),
        sanitize(framework.title_or_name()),
        moved(agenda.len(), carried.open)
    ));
    if carried.dropped > 0 {
        out.notice(format_args!(
            "{} open in more than one note (an interrupted run?): every copy is marked `[>]`, and the new note holds each once",
            plural_were(carried.dropped, "follow-up")
        ));
    }
    // The editor may take a while, and may run oneonone itself.
    drop(lock);
    if args.edit {
        out.flush()?;
        let line = Note::split(&text).first_section_line();
        crate::editor::open(&settings.editor, &notebook.path(&rel), line)?;
    }
    Ok(Outcome::Done)
}

/// The first free `DATE.md` / `DATE-N.md` in the person's folder.
fn free_name(
    notebook: &Notebook,
    slug: &str,
    date: chrono::NaiveDate,
) -> Result<(u32, std::path::PathBuf)> {
    let rel = |n| Path::new(slug).join(meeting_name(date, n));
    (1..=MAX_MEETINGS_A_DAY)
        .find(|&n| !notebook.path(&rel(n)).exists())
        .map(|n| (n, rel(n)))
        .ok_or_else(|| Error::Exists {
            path: notebook.show(&rel(MAX_MEETINGS_A_DAY)),
        })
}

/// Plans taking the open points out of the person's agenda.md; returns them
/// as note items.
fn take_agenda(notebook: &Notebook, slug: &str, tx: &mut Transaction) -> Result<Vec<String>> {
    let rel = Path::new(slug).join(AGENDA_FILE);
    let Some(text) = crate::notebook::read_note_optional(notebook, &rel)? else {
        return Ok(Vec::new());
    };
    let points = agenda::open_points(&text);
    if points.is_empty() {
        return Ok(Vec::new());
    }
    refuse_conflicts(notebook, &rel, &text)?;
    tx.push(Change {
        path: notebook.path(&rel),
        shown: notebook.show(&rel),
        before: Some(text.clone().into_bytes()),
        after: agenda::remove(&text, &points).into_bytes(),
    });
    Ok(agenda::as_note_items(&text, &points))
}

/// Plans marking the open follow-ups of the earlier notes as carried;
/// returns the lines for the new note, oldest note first (see
/// [`carry::hand_over`]). A note that cannot be read keeps its items (a
/// warning says so).
fn carry_over(
    notebook: &Notebook,
    earlier: &[&Meeting],
    rules: &Sharing,
    tx: &mut Transaction,
    out: &mut Output,
) -> Result<Carried> {
    let mut per_note = Vec::new();
    let mut open = 0;
    for meeting in earlier {
        let file = crate::notebook::NoteFile {
            rel: meeting.rel.clone(),
        };
        let text = match crate::notebook::read_note(notebook, &file) {
            Ok(text) => text,
            Err(e) => {
                out.warn(&e);
                continue;
            }
        };
        // Nothing can move out of a note without an open item: no parse.
        if !crate::followup::may_hold_open_item(&text) {
            continue;
        }
        refuse_conflicts(notebook, &meeting.rel, &text)?;
        let note = Note::split(&text);
        let note_date = note
            .frontmatter_lenient(&meeting.rel)
            .0
            .date
            .unwrap_or(meeting.date);
        let private = crate::share::private_ranges(&note, rules);
        if let Some(carried) = carry::carry_out(&text, Some(note_date), &private) {
            per_note.push(carried.items_from(&meeting.rel));
            open += carried.open;
            tx.push(Change {
                path: notebook.path(&meeting.rel),
                shown: notebook.show(&meeting.rel),
                before: Some(text.into_bytes()),
                after: carried.text.into_bytes(),
            });
        }
    }
    let handover = carry::hand_over(per_note, open);
    let mut carried = Carried {
        open: handover.open,
        dropped: handover.dropped,
        ..Carried::default()
    };
    for item in handover.items {
        if item.private {
            carried.private_items.push(item.text);
        } else {
            carried.items.push(item.text);
        }
    }
    Ok(carried)
}

/// What the earlier notes hand on to the new one.
#[derive(Debug, Default)]
struct Carried {
    items: Vec<String>,
    private_items: Vec<String>,
    open: usize,
    /// Copies of items open in more than one note, marked but not written.
    dropped: usize,
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

/// Refuses to move anything out of a file with unresolved git conflict
/// markers: which side a line belongs to is for a person to decide.
fn refuse_conflicts(notebook: &Notebook, rel: &Path, text: &str) -> Result<()> {
    match crate::note::conflict_marker(text) {
        Some(line) => Err(Error::Invalid {
            path: notebook.show(rel),
            line: Some(line),
            message: "unresolved git conflict markers; resolve them, then run `oneonone new` again"
                .into(),
        }),
        None => Ok(()),
    }
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
