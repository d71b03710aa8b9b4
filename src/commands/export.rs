//! `oneonone export NOTE|PERSON [--date D] [--shared]`: prints a note; with
//! `--shared`, the copy to send to the report, exactly as `sync` publishes
//! it: what was discussed, nothing else (see [`crate::share`]).

use std::path::{Path, PathBuf};

use crate::cli::ExportArgs;
use crate::commands::Outcome;
use crate::error::{Error, Result};
use crate::notebook::{NoteFile, Notebook};
use crate::output::Output;
use crate::settings::Settings;
use crate::share::shared_copy_of;

/// Prints the note or its shared copy.
///
/// # Errors
/// The note cannot be found or read, or standard output cannot be written.
pub fn run(args: &ExportArgs, settings: &Settings, out: &mut Output) -> Result<Outcome> {
    let notebook = Notebook::open(settings, false)?;
    let rel = find(&notebook, settings, args, out)?;
    let text = if args.shared {
        shared_copy_of(&notebook, &rel)?
    } else {
        crate::notebook::read_note(&notebook, &NoteFile { rel: rel.clone() })?
    };
    // A terminal gets the text with its control characters escaped; a pipe
    // or a file gets the note's exact bytes.
    if settings.stdout_is_terminal {
        write!(out, "{text}")?;
    } else {
        out.print_bytes(text.as_bytes())?;
    }
    Ok(Outcome::Done)
}

/// The note: a path to a `.md` file in the notebook, else a person's latest
/// note or the one of `--date`.
fn find(
    notebook: &Notebook,
    settings: &Settings,
    args: &ExportArgs,
    out: &mut Output,
) -> Result<PathBuf> {
    let as_path = Path::new(&args.note);
    // A person's folder with the `/` shell completion adds is the person.
    let folder = args.note.strip_suffix('/').unwrap_or(&args.note);
    let looks_like_path = as_path
        .extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("md"))
        || folder.contains('/')
        || folder.contains('\\');
    if looks_like_path {
        return notebook
            .relative_typed(&settings.cwd, &args.note, &|_| true)?
            .ok_or_else(|| Error::Usage(format!("{}: not a note in the notebook", args.note)));
    }
    let person =
        crate::person::Person::resolve(notebook, &args.note, false, &mut |e| out.warn(&e))?;
    let meeting = notebook.meeting(
        &person.slug,
        args.date.map(|d| d.on(settings.today)),
        settings.today,
    );
    meeting.map(|m| m.rel.clone()).ok_or_else(|| {
        let when = args
            .date
            .map_or_else(String::new, |d| format!(" on {}", d.on(settings.today)));
        Error::Usage(format!("{} has no note{when}", person.name))
    })
}
