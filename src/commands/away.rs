//! `oneonone away PERSON --from D --to D [--why TEXT]`: record time off in
//! the person's person.yaml (`away:`), which the cadence does not count
//! ([`crate::person::next_due`]); without dates, list what is recorded.

use std::path::Path;

use crate::cli::AwayArgs;
use crate::commands::Outcome;
use crate::error::{Error, Result};
use crate::fs::{Change, Transaction};
use crate::notebook::{Notebook, PROFILE_FILE};
use crate::output::{Output, Shown, sanitize};
use crate::person::{Absence, Person, Profile};
use crate::render::days_word;
use crate::settings::Settings;

/// Adds the absence, or lists the person's time off.
///
/// # Errors
/// The person is not found, `--to` is before `--from` (a usage error),
/// person.yaml cannot be read or added to, or the write failed.
pub fn run(args: &AwayArgs, settings: &Settings, out: &mut Output) -> Result<Outcome> {
    let notebook = Notebook::open(settings, false)?;
    let (Some(from), Some(to)) = (args.from, args.to) else {
        let person = Person::resolve(&notebook, &args.person, false, &mut |e| out.warn(&e))?;
        return list(&notebook, &person, out);
    };
    let (from, to) = (from.on(settings.today), to.on(settings.today));
    if to < from {
        return Err(Error::Usage(format!(
            "--to {to} is before --from {from}\n  \
             hint: both days are included, so a single day is:\n    \
             --from {from} --to {from}"
        )));
    }
    let absence = Absence {
        from,
        to,
        why: args
            .why
            .as_deref()
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .map(str::to_string),
    };
    let lock = notebook.lock(&mut || out.notice(crate::notebook::WAITING_FOR_LOCK))?;
    let person = Person::resolve(&notebook, &args.person, false, &mut |e| out.warn(&e))?;
    let rel = Path::new(&person.slug).join(PROFILE_FILE);
    let (path, shown) = (notebook.path(&rel), notebook.show(&rel));
    let before = match crate::fs::read_regular(&path, Some(crate::fs::SETTINGS_CAP)) {
        Ok(bytes) => Some(String::from_utf8(bytes).map_err(|e| Error::Invalid {
            path: shown.clone(),
            line: Some(
                1 + crate::note::count_newlines(&e.as_bytes()[..e.utf8_error().valid_up_to()]),
            ),
            message: "not UTF-8 text".into(),
        })?),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(Error::io(&shown, "cannot read", e)),
    };
    let text = before
        .clone()
        .unwrap_or_else(|| crate::person::new_file(&person.name));
    let after = crate::person::with_absence(&text, &shown, &absence)?;
    let mut tx = Transaction::new()
        .staged(&lock)
        .labelled(format!("away {}", person.slug));
    tx.push(Change {
        path,
        shown: shown.clone(),
        before: before.map(String::into_bytes),
        after: after.into_bytes(),
    });
    tx.commit()?;
    out.notice(format_args!(
        "{} away {}: {}",
        sanitize(&person.name),
        period(&absence),
        Shown(&shown)
    ));
    for notice in lock.journal_notices() {
        out.notice(notice);
    }
    Ok(Outcome::Done)
}

/// "2026-12-01 to 2026-12-21 (21 days, holiday)".
fn period(a: &Absence) -> String {
    let days = days_word(a.to.signed_duration_since(a.from).num_days() + 1);
    match &a.why {
        Some(why) => format!("{} to {} ({days}, {})", a.from, a.to, sanitize(why)),
        None => format!("{} to {} ({days})", a.from, a.to),
    }
}

/// Prints the person's time off, earliest first, one period a line.
fn list(notebook: &Notebook, person: &Person, out: &mut Output) -> Result<Outcome> {
    let folder = Path::new(&person.slug);
    let profile = Profile::load(&notebook.path(folder), &notebook.show(folder))?;
    if profile.away.is_empty() {
        out.notice(format_args!(
            "no time off recorded for {}; add some with `oneonone away {} --from YYYY-MM-DD --to YYYY-MM-DD`",
            person.shown(),
            crate::output::shell_quoted(&person.slug)
        ));
        return Ok(Outcome::Done);
    }
    let mut away = profile.away;
    away.sort_by_key(|a| (a.from, a.to));
    for a in &away {
        writeln!(out, "{}", period(a))?;
    }
    Ok(Outcome::Done)
}
