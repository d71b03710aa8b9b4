//! `oneonone agenda PERSON [TEXT]`: add a talking point to the person's
//! running agenda (`<slug>/agenda.md`), or list the open ones (and name
//! the lines that look like points but are not task items, which `new`
//! would never move: [`agenda::stray_lines`]).

use std::io::ErrorKind;
use std::path::Path;

use crate::agenda::{self, AGENDA_FILE};
use crate::cli::AgendaArgs;
use crate::commands::Outcome;
use crate::error::{Error, Result};
use crate::fs::{Change, Folder, Transaction};
use crate::notebook::Notebook;
use crate::notebook::PROFILE_FILE;
use crate::output::{Output, sanitize, style};
use crate::person;
use crate::settings::Settings;
use crate::space::Space;

/// Adds or lists talking points.
///
/// # Errors
/// The person cannot be resolved, agenda.md cannot be read or written, or
/// standard output cannot be written.
pub fn run(args: &AgendaArgs, settings: &Settings, out: &mut Output) -> Result<Outcome> {
    let asked = asked(args, settings)?;
    let point = asked
        .text
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if asked.text.is_empty() {
        list(&asked, settings, out)
    } else if point.is_empty() {
        Err(Error::Usage("the talking point is empty".into()))
    } else {
        add(&asked, &point, settings, out)
    }
}

/// The person and the words of the point, as the command line means them.
struct Asked {
    person: String,
    text: Vec<String>,
    new_person: bool,
}

/// Who and what: PERSON then TEXT; in a shared space, whose one person
/// PERSON may leave out, the first word is the person only when it names
/// them (else it starts the point).
fn asked(args: &AgendaArgs, settings: &Settings) -> Result<Asked> {
    let in_space = Notebook::open(settings, false)
        .ok()
        .and_then(|nb| crate::space::here(&nb).cloned().map(|marker| (nb, marker)));
    let new_person = args.new_person;
    match (in_space, &args.person) {
        (Some((notebook, marker)), Some(first)) => {
            let names_them = person::Person::resolve(&notebook, first, false, &mut |_| {})
                .is_ok_and(|p| p.slug == marker.person);
            let (person, text) = if names_them {
                (first.clone(), args.text.clone())
            } else {
                let mut text = vec![first.clone()];
                text.extend(args.text.iter().cloned());
                (marker.person, text)
            };
            Ok(Asked {
                person,
                text,
                new_person,
            })
        }
        (Some((_, marker)), None) => Ok(Asked {
            person: marker.person,
            text: Vec::new(),
            new_person,
        }),
        (None, Some(person)) => Ok(Asked {
            person: person.clone(),
            text: args.text.clone(),
            new_person,
        }),
        (None, None) => Err(Error::Usage(
            "name the person: `oneonone agenda PERSON [TEXT]`\n  \
             hint: only in a shared space may it be left out"
                .into(),
        )),
    }
}

fn add(args: &Asked, point: &str, settings: &Settings, out: &mut Output) -> Result<Outcome> {
    if point
        .chars()
        .any(|c| c.is_control() || crate::output::is_unsafe(c))
    {
        return Err(Error::Usage(
            "a talking point cannot contain control characters or invisible direction marks".into(),
        ));
    }
    let notebook = Notebook::open_for(settings, &args.person)?;
    notebook.tell_if_new(out);
    let lock = notebook.lock(&mut || out.notice(crate::notebook::WAITING_FOR_LOCK))?;
    let wanted = if args.new_person {
        person::Wanted::New
    } else {
        person::Wanted::MayBeNew
    };
    let person = person::Person::resolve_as(&notebook, &args.person, wanted, &mut |e| out.warn(&e))
        .map_err(|e| e.with_retry(|| retry(args, settings)))?;
    notebook.refuse_link(&person.slug)?;
    let rel = Path::new(&person.slug).join(AGENDA_FILE);
    // A person with a shared space: their agenda is the space's.
    let space = if person.exists {
        Space::of(&notebook, &person.slug, settings.home.as_deref())?
    } else {
        None
    };
    let (root, shown, path) = agenda_file(&notebook, space.as_ref(), &rel);
    let before = read_to_add(&root, &rel, &shown)?;
    // The same words as a point taken into a note already: that one is
    // done, and this is raised again, not a copy a merge brought back.
    let base = before.as_deref().map(|b| agenda::retire_taken(b, point));
    let after = agenda::append(
        base.as_deref().unwrap_or(&agenda::new_file(&person.name)),
        point,
    );
    // The point must be readable as the last open point; a file that ends
    // inside a code block or an HTML comment would swallow it.
    let points = agenda::open_points(&after);
    let Some(line) = points
        .last()
        .filter(|p| p.task.text == point)
        .map(|p| p.task.line)
    else {
        return Err(Error::Invalid {
            path: shown,
            line: None,
            message: "it ends inside a code block, an HTML block or a comment, where a new point would not show; \
                      close it, then add the point again"
                .into(),
        });
    };
    let mut tx = Transaction::with_modes(notebook.modes())
        .staged(&lock)
        .labelled(format!("agenda {}", person.slug));
    if let Some(space) = &space {
        tx = tx.cannot_be_undone(space.why_no_undo());
    }
    if !person.exists {
        // No note holds their name yet: person.yaml keeps it.
        let folder = Path::new(&person.slug);
        tx.push_folder(Folder {
            path: notebook.path(folder),
            shown: notebook.show(folder),
        });
        let profile = folder.join(PROFILE_FILE);
        tx.push(Change {
            path: notebook.path(&profile),
            shown: notebook.show(&profile),
            before: None,
            after: person::new_file(&person.name).into_bytes(),
        });
    }
    tx.push(Change {
        path: path.clone(),
        shown: shown.clone(),
        before: before.map(String::into_bytes),
        after: after.into_bytes(),
    });
    tx.commit()?;
    writeln!(out, "{}:{line}", shown.display())?;
    if !person.exists {
        out.notice(format_args!("new person: {}", person.shown()));
    }
    out.notice(format_args!(
        "added to {}'s agenda ({} open)",
        sanitize(&person.name),
        points.len()
    ));
    if let Some(line) = &person.took_over {
        out.notice(line);
    }
    for notice in lock.journal_notices() {
        out.notice(notice);
    }
    Ok(Outcome::Done)
}

/// The agenda file's text before a point is added (`None`: no file yet):
/// never read through a link (a planted `agenda.md -> ../bob/note.md`
/// would append to Bob's note), only a regular file of UTF-8 text, and
/// without git conflict markers: a point added to a conflict would be
/// pushed with the markers, or lost in the resolving.
fn read_to_add(root: &Path, rel: &Path, shown: &Path) -> Result<Option<String>> {
    let before = match crate::fs::read_beneath(root, rel, None) {
        Ok(bytes) => Some(String::from_utf8(bytes).map_err(|_| Error::Invalid {
            path: shown.to_path_buf(),
            line: None,
            message: "not UTF-8 text; fix it before adding to it".into(),
        })?),
        Err(e) if e.kind() == ErrorKind::NotFound => None,
        Err(e) => return Err(Error::io(shown, "cannot read", e)),
    };
    if let Some(line) = before.as_deref().and_then(crate::note::conflict_marker) {
        return Err(Error::Invalid {
            path: shown.to_path_buf(),
            line: Some(line),
            message: "git conflict markers: resolve the conflict (keep the points of both sides), \
                      then add the point again"
                .into(),
        });
    }
    Ok(before)
}

/// Where the agenda file `rel` is: in the person's shared space when
/// they have one, else in the notebook; as (the folder it is below, the
/// path to show, the path to write).
fn agenda_file(
    notebook: &Notebook,
    space: Option<&Space>,
    rel: &Path,
) -> (std::path::PathBuf, std::path::PathBuf, std::path::PathBuf) {
    match space {
        Some(space) => (
            space.root().to_path_buf(),
            space.show(&space.agenda_rel()),
            space.path(&space.agenda_rel()),
        ),
        None => (
            notebook.root().to_path_buf(),
            notebook.show(rel),
            notebook.path(rel),
        ),
    }
}

/// `oneonone agenda --new-person` with the name and the point, the flag
/// where clap reads it (after the point, it is words of the point).
fn retry(args: &Asked, settings: &Settings) -> String {
    let words = ["agenda", "--new-person", &args.person]
        .into_iter()
        .chain(
            args.text
                .iter()
                .map(String::as_str)
                .filter(|w| *w != "--new-person"),
        )
        .map(str::to_string);
    crate::commands::command_line(settings, words)
}

fn list(args: &Asked, settings: &Settings, out: &mut Output) -> Result<Outcome> {
    let notebook = Notebook::open(settings, false)?;
    if args.new_person {
        return Err(Error::Usage(
            "--new-person makes a new person with a talking point; give one".into(),
        ));
    }
    let person = person::Person::resolve(&notebook, &args.person, false, &mut |e| out.warn(&e))?;
    let rel = Path::new(&person.slug).join(AGENDA_FILE);
    let space = Space::of(&notebook, &person.slug, settings.home.as_deref())?;
    let (text, shown) = match &space {
        Some(space) => (
            space.read(&space.agenda_rel())?.unwrap_or_default(),
            space.show(&space.agenda_rel()),
        ),
        None => (
            crate::notebook::read_note_optional(&notebook, &rel)?.unwrap_or_default(),
            notebook.show(&rel),
        ),
    };
    // A shared agenda keeps the points taken into a note as `[>]`: a copy
    // of one a merge brought back is not a point.
    let points = if space.is_some() || crate::space::here(&notebook).is_some() {
        agenda::points_to_take(&text).0
    } else {
        agenda::open_points(&text)
    };
    // Lines meant as points that are not points of their own: say so,
    // and how to write them.
    for stray in agenda::stray_lines(&text) {
        out.notice(format_args!(
            "{}:{}: `{}` is not a talking point of its own; write it as `{}`",
            shown.display(),
            stray.line,
            stray.written,
            stray.spelling
        ));
    }
    if points.is_empty() {
        let whom = if crate::space::here(&notebook).is_some() {
            String::new()
        } else {
            format!("{} ", person.slug)
        };
        out.notice(format_args!(
            "no open talking points for {}; add one with `oneonone agenda {whom}\"...\"`",
            sanitize(&person.name),
        ));
    }
    for point in points {
        out.styled(style::PATH, shown.display())?;
        write!(out, ":")?;
        out.styled(style::LINE, point.task.line)?;
        writeln!(out, ": {}", sanitize(&point.task.text))?;
    }
    Ok(Outcome::Done)
}
