//! `oneonone new PERSON`: scaffold the note for a meeting in
//! `<slug>/<date>.md` (or the next free `<date>-N.md`), with suggested
//! questions, the open points of the person's agenda.md, and the open
//! follow-ups of their earlier notes.
//!
//! The use case lives in [`crate::new_note`]: under the notebook lock this
//! asks for the plan, commits it and prints what was done; `--edit` then
//! opens the note once the lock is let go. `--dry-run` prints the plan's
//! every step instead, takes no lock and writes nothing.

use crate::cli::{DateArg, NewArgs};
use crate::commands::Outcome;
use crate::error::Result;
use crate::followup;
use crate::new_note::{NewNote, Request};
use crate::note::Note;
use crate::notebook::Notebook;
use crate::output::{Output, Shown};
use crate::settings::Settings;

/// How far ahead a note may be dated.
const MAX_DAYS_AHEAD: u64 = 366;

/// Creates the note and prints its path.
///
/// # Errors
/// The person's name is refused, the bank or settings are broken, a file
/// cannot be read, or the note cannot be written.
pub fn run(args: &NewArgs, settings: &Settings, out: &mut Output) -> Result<Outcome> {
    let date = args.date.map_or(settings.today, |d| d.on(settings.today));
    // The open follow-ups move into the new note: one dated years ahead
    // by a slip of the year would take them out of sight.
    if settings
        .today
        .checked_add_days(chrono::Days::new(MAX_DAYS_AHEAD))
        .is_some_and(|last| date > last)
    {
        return Err(crate::error::Error::Usage(format!(
            "--date {date} is more than a year ahead; a note is for a 1:1 held or planned within \
             the year (is the year right?)"
        )));
    }
    // A shared space holds the copies the manager publishes, not notes.
    if let Ok(notebook) = Notebook::open(settings, false)
        && let Some(marker) = crate::space::here(&notebook)
    {
        return Err(crate::error::Error::Usage(format!(
            "this folder is the shared space of {}: its notes are the copies `oneonone sync` publishes from the manager's notebook; run `oneonone new` there",
            crate::output::sanitize(&marker.person)
        )));
    }
    let request = Request {
        person: &args.person,
        date,
        framework: args.framework.as_deref(),
        seed: settings.seed,
        carry_over: !args.no_carry,
        new_person: args.new_person,
        home: settings.home.as_deref(),
    };
    if args.dry_run {
        return dry_run(&request, settings, out);
    }
    let notebook = Notebook::open_for(settings, &args.person)?;
    notebook.tell_if_new(out);
    // The sweep for temp files runs while the plan reads the notes.
    let lock = notebook.lock_sweeping(&mut || out.notice(crate::notebook::WAITING_FOR_LOCK))?;
    let plan = NewNote::plan(&notebook, &request, &mut |e| out.warn(&e))
        .map_err(|e| e.with_retry(|| retry(args, settings)))?;
    let orphans = orphans(&plan);
    // The next sweep need only look at the person's folder.
    let folders = plan.folders_written(&notebook);
    lock.writes_only_in(&folders.iter().map(String::as_str).collect::<Vec<_>>());
    plan.commit(&lock)?;

    writeln!(out, "{}", Shown(&plan.shown))?;
    if let Some(person) = &plan.new_person {
        out.notice(format_args!("new person: {person}"));
    }
    out.notice(format_args!("created {}", plan.summary()));
    let ahead = plan.date.signed_duration_since(settings.today).num_days();
    if ahead > 0 {
        out.notice(format_args!(
            "it is for an upcoming 1:1, {}; `people` and `prep` show it as the next one",
            crate::render::age(-ahead)
        ));
    }
    let notices = plan.notices.iter().cloned().chain(orphans);
    for notice in notices.chain(lock.journal_notices()) {
        out.notice(notice);
    }
    // The editor may take a while, and may run oneonone itself.
    drop(lock);
    if args.edit {
        out.flush()?;
        let line = Note::split(&plan.text).first_section_line();
        crate::editor::open(&settings.editor, &notebook.path(&plan.rel), line)?;
    }
    Ok(Outcome::Done)
}

/// Prints the plan's every step; takes no lock, and writes nothing (not
/// even a missing notebook folder).
fn dry_run(request: &Request<'_>, settings: &Settings, out: &mut Output) -> Result<Outcome> {
    let notebook = Notebook::open(settings, false)?;
    let plan = NewNote::plan(&notebook, request, &mut |e| out.warn(&e))?;
    for line in plan.listing(&notebook, settings.listing_width()) {
        writeln!(out, "{line}")?;
    }
    for notice in plan.notices.iter().cloned().chain(orphans(&plan)) {
        out.notice(notice);
    }
    out.notice(format_args!(
        "dry run: {} listed, nothing was written",
        crate::render::plural(plan.steps(), "step")
    ));
    Ok(Outcome::Done)
}

/// What `followups` says of the person's carried items that no later note
/// holds, as the notebook stands once the plan is written: `new` carries
/// only what is open, so a `[>]` whose copy is gone (a deleted note)
/// stays hidden until `check --fix` reopens it, and the person is told.
fn orphans(plan: &NewNote) -> Option<String> {
    (plan.orphans > 0).then(|| followup::orphan_notice(plan.orphans, &plan.person))
}

/// `oneonone new --new-person` with the name and the other flags given.
fn retry(args: &NewArgs, settings: &Settings) -> String {
    let mut words = vec![
        "new".to_string(),
        "--new-person".into(),
        args.person.clone(),
    ];
    if let Some(date) = args.date {
        words.push("--date".into());
        words.push(match date {
            DateArg::Day(day) => day.to_string(),
            DateArg::Today => "today".into(),
            DateArg::Yesterday => "yesterday".into(),
        });
    }
    if let Some(seed) = args.seed {
        words.extend(["--seed".into(), seed.to_string()]);
    }
    if let Some(framework) = &args.framework {
        words.extend(["--framework".into(), framework.clone()]);
    }
    for (given, flag) in [(args.no_carry, "--no-carry"), (args.edit, "--edit")] {
        if given {
            words.push(flag.into());
        }
    }
    crate::commands::command_line(settings, words)
}
