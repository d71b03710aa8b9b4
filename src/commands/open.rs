//! `oneonone open PERSON`: the person's latest note in the editor, with the
//! cursor on its first section; `--print` prints its path instead.

use crate::cli::OpenArgs;
use crate::commands::Outcome;
use crate::error::{Error, Result};
use crate::notebook::Notebook;
use crate::output::Output;
use crate::settings::Settings;

/// Opens (or prints) the latest note.
///
/// # Errors
/// The person has no notes, or the editor fails.
pub fn run(args: &OpenArgs, settings: &Settings, out: &mut Output) -> Result<Outcome> {
    let notebook = Notebook::open(settings, false)?;
    let person = crate::person::Person::resolve(&notebook, &args.person, false, &mut |e| {
        out.warn(&e);
    })?;
    let Some(latest) = notebook.meeting(&person.slug, None, settings.today) else {
        return Err(Error::Usage(format!(
            "{} has no notes yet; start one with `oneonone new {}`",
            person.name, person.slug
        )));
    };
    if args.print {
        writeln!(out, "{}", notebook.show(&latest.rel).display())?;
        return Ok(Outcome::Done);
    }
    let path = notebook.path(&latest.rel);
    let line = crate::notebook::read_note(
        &notebook,
        &crate::notebook::NoteFile {
            rel: latest.rel.clone(),
        },
    )
    .ok()
    .and_then(|text| crate::note::Note::split(&text).first_section_line());
    out.flush()?;
    crate::editor::open(&settings.editor, &path, line)?;
    Ok(Outcome::Done)
}
