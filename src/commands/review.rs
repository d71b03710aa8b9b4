//! `oneonone review PERSON --since D [--until D] [--shared] [--html FILE]`:
//! a period of a person's 1:1s in one document ([`crate::review`]), as
//! Markdown on standard output or as one standalone HTML page.

use std::collections::HashSet;
use std::io::ErrorKind;
use std::path::Path;

use crate::bank::Bank;
use crate::cli::ReviewArgs;
use crate::commands::Outcome;
use crate::error::{Error, Result};
use crate::notebook::Notebook;
use crate::output::{Output, Shown};
use crate::person::{People, Profile};
use crate::review::{self, Ask};
use crate::said::TemplateText;
use crate::settings::Settings;
use crate::share::Sharing;

/// Prints the review (or writes the page).
///
/// # Errors
/// The period ends before it starts, the person cannot be resolved, the
/// bank is broken, the page cannot be written (or its file exists), or
/// standard output cannot be written.
pub fn run(args: &ReviewArgs, settings: &Settings, out: &mut Output) -> Result<Outcome> {
    let since = args.since.on(settings.today);
    let until = args.until.map_or(settings.today, |u| u.on(settings.today));
    if until < since {
        return Err(Error::Usage(format!(
            "the period ends ({until}) before it starts ({since}); give --until on or after --since"
        )));
    }
    let notebook = Notebook::open(settings, false)?;
    let mut people = People::new(&notebook)?;
    let (person, mut notes) = people.resolve_with_notes(&args.person, &mut |e| out.warn(&e))?;
    let folder = Path::new(&person.slug);
    let profile =
        Profile::load(&notebook.path(folder), &notebook.show(folder)).unwrap_or_else(|e| {
            out.warn(&e);
            Profile::default()
        });
    let cadence_days = profile
        .cadence_days
        .unwrap_or_else(|| notebook.config.cadence_days());
    let bank = Bank::load(notebook.root(), notebook.shown())?;
    let template = TemplateText::of(&bank);
    // An answered question's own line is kept as said, but its words are
    // the bank's, not a theme.
    let questions: HashSet<String> = crate::template::question_lines(&bank)
        .iter()
        .map(|q| q.trim().to_string())
        .collect();
    let rules = Sharing::for_notebook(&notebook.config, &bank);
    let ask = Ask {
        since,
        until,
        today: settings.today,
        shared: args.shared,
        names: [&person.name, &person.slug]
            .into_iter()
            .chain(&profile.aliases)
            .chain(&notebook.config.manager)
            .cloned()
            .collect(),
    };
    let found = review::gather(
        &notebook,
        &mut people,
        (&person.name, &person.slug),
        &mut notes,
        (cadence_days, &profile.away),
        (&template, &questions, &rules),
        &ask,
        &mut |e| out.warn(&e),
    );
    let Some(path) = &args.html else {
        out.print_bytes(review::markdown::render(&found).as_bytes())?;
        return Ok(Outcome::Done);
    };
    let page = review::html::render(&found);
    if path.as_os_str() == "-" {
        out.print_bytes(page.as_bytes())?;
        return Ok(Outcome::Done);
    }
    let target = settings.cwd.join(path);
    // Never where a page would be read as a note, or sit among them.
    if crate::ics::among_notes(notebook.root(), &target) {
        return Err(Error::Invalid {
            path: path.clone(),
            line: None,
            message: "not a place for a review page\n  \
                      hint: write it outside the notebook's person folders, and not as a .md file"
                .into(),
        });
    }
    match crate::fs::write_new(&target, page.as_bytes()) {
        Ok(()) => out.notice(format_args!("wrote {}", Shown(path))),
        Err(e) if e.kind() == ErrorKind::AlreadyExists => {
            return Err(Error::Exists { path: path.clone() });
        }
        Err(e) => return Err(Error::io(path, "cannot write", e)),
    }
    Ok(Outcome::Done)
}
