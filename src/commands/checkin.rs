//! `oneonone checkin PERSON [--energy N] [--challenge N] [--skill N]`:
//! records a check-in on the person's latest note (or the note of
//! `--date`), editing only those frontmatter lines.

use std::path::Path;

use crate::checkin::{self, Field};
use crate::cli::CheckinArgs;
use crate::commands::Outcome;
use crate::error::{Error, Result};
use crate::fs::{Change, Transaction};
use crate::notebook::{NoteFile, Notebook};
use crate::output::{Output, sanitize};
use crate::settings::Settings;

/// Writes the values into the note.
///
/// # Errors
/// No value given, the person has no note (for that date), or the note
/// cannot be written.
pub fn run(args: &CheckinArgs, settings: &Settings, out: &mut Output) -> Result<Outcome> {
    let changes: Vec<(Field, u8)> = [
        (Field::Energy, args.energy),
        (Field::Challenge, args.challenge),
        (Field::Skill, args.skill),
    ]
    .into_iter()
    .filter_map(|(f, v)| Some((f, v?)))
    .collect();
    if changes.is_empty() {
        return Err(Error::Usage(
            "give at least one of --energy, --challenge, --skill (each 1 to 5)".into(),
        ));
    }
    let notebook = Notebook::open(settings, false)?;
    let lock = notebook.lock(&mut || out.notice(crate::notebook::WAITING_FOR_LOCK))?;
    let person = crate::person::Person::resolve(&notebook, &args.person, false, &mut |e| {
        out.warn(&e);
    })?;
    let date = args.date.map(|d| d.on(settings.today));
    let meeting = notebook.meeting(&person.slug, date, settings.today);
    let Some(meeting) = meeting else {
        let when = date.map_or_else(String::new, |d| format!(" on {d}"));
        return Err(Error::Usage(format!(
            "{} has no note{when}; write one with `oneonone new {}{}`",
            sanitize(&person.name),
            person.slug,
            date.map_or_else(String::new, |d| format!(" --date {d}"))
        )));
    };
    let rel = meeting.rel.clone();
    let text = crate::notebook::read_note(&notebook, &NoteFile { rel: rel.clone() })?;
    let after = checkin::set(&text, &notebook.show(&rel), &changes)?;
    let mut tx = Transaction::new()
        .staged(&lock)
        .labelled(format!("checkin {}", person.slug));
    tx.push(Change {
        path: notebook.path(&rel),
        shown: notebook.show(&rel),
        before: Some(text.into_bytes()),
        after: after.into_bytes(),
    });
    tx.commit()?;
    let shown: Vec<String> = changes.iter().map(|(f, v)| format!("{f} {v}")).collect();
    writeln!(out, "{}", notebook.show(Path::new(&rel)).display())?;
    out.notice(format_args!(
        "check-in for {}: {}",
        sanitize(&person.name),
        shown.join(", ")
    ));
    for notice in lock.journal_notices() {
        out.notice(notice);
    }
    Ok(Outcome::Done)
}
