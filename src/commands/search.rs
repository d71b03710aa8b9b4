//! `oneonone search QUERY`: what was said, found again. Lines are listed
//! as ripgrep lists them, grouped by person (the heading is the person's
//! name), `path:line: [Section] text`, the matches highlighted when
//! colour is on; `--json` prints an array of {person, date, path, line,
//! section, text}. Exit 0 when something matched, 1 when nothing did
//! (as grep), 2 on an error. The matching rules are [`crate::search`]'s.

use std::rc::Rc;

use serde::Serialize;

use crate::cli::SearchArgs;
use crate::commands::Outcome;
use crate::error::{Error, Result};
use crate::notebook::{NoteFile, Notebook};
use crate::output::{Output, Rendered, sanitize, style};
use crate::person::{People, Wanted};
use crate::said::TemplateText;
use crate::search::{Candidate, Filters, NoteHits, Query};
use crate::settings::Settings;

/// A match, highlighted: ripgrep's colour.
const MATCH: anstyle::Style = anstyle::AnsiColor::Red.on_default().bold();

/// One matching line, as `--json` prints it.
#[derive(Debug, Serialize)]
struct Found<'a> {
    person: Rc<str>,
    date: chrono::NaiveDate,
    path: Rc<str>,
    line: usize,
    section: Option<&'a str>,
    text: &'a str,
}

/// Searches the notes.
///
/// # Errors
/// The query holds no word, the notebook cannot be opened, the person
/// matches no one, the bank cannot be read, or standard output cannot be
/// written.
pub fn run(args: &SearchArgs, settings: &Settings, out: &mut Output) -> Result<Outcome> {
    let typed = args.query.join(" ");
    let query = Query::parse(&typed)
        .ok_or_else(|| Error::Usage(format!("nothing to search for in {typed:?}")))?;
    let notebook = Notebook::open(settings, false)?;
    let slugs = match &args.person {
        Some(typed) => {
            let mut people = People::new(&notebook)?;
            vec![
                people
                    .resolve(typed, Wanted::Existing, &mut |e| out.warn(&e))?
                    .slug,
            ]
        }
        None => notebook.person_slugs()?,
    };
    let since = args.since.map(|d| d.on(settings.today));
    let until = args.until.map(|d| d.on(settings.today));
    // Listed as the search goes (see `search::scan`).
    let notes = slugs
        .iter()
        .flat_map(|slug| notebook.meetings(slug))
        .filter(|m| since.is_none_or(|d| m.date >= d) && until.is_none_or(|d| m.date <= d))
        .map(|m| Candidate {
            file: NoteFile { rel: m.rel },
            date: m.date,
        });
    let bank = crate::bank::Bank::load(notebook.root(), notebook.shown())?;
    let template = TemplateText::of(&bank);
    let filters = Filters {
        section: args.section.as_deref().map(crate::search::fold),
        tag: args
            .tag
            .as_deref()
            .map(|t| crate::search::fold(t.trim_start_matches('#'))),
        all: args.all,
    };
    let scanning = (&template, &query, &filters);
    let color = out.color_out();
    if args.json {
        return print_json(&notebook, notes, scanning, out);
    }
    let render = |note: &Candidate, hits: &NoteHits<'_>| lines(&notebook, note, hits, color);
    // Written as found, grouped by person under their name.
    let mut names = Names::new(&notebook);
    let mut last_person: Option<String> = None;
    let mut any = false;
    let mut print = |note: &Candidate, lines: std::result::Result<Rendered, Error>| -> Result<()> {
        let lines = match lines {
            Ok(lines) => lines,
            Err(e) => {
                // Beside the note's place in the listing, on a terminal
                // or where both streams go to one file.
                out.flush()?;
                out.warn(&e);
                return Ok(());
            }
        };
        let slug = crate::notebook::person_folder(&note.file.rel).unwrap_or_default();
        if last_person.as_deref() != Some(&slug) {
            if last_person.is_some() {
                writeln!(out)?;
            }
            out.styled(style::HEADING, sanitize(&names.of(&slug)))?;
            writeln!(out)?;
            last_person = Some(slug);
        }
        any = true;
        out.print_rendered(&lines)
    };
    crate::search::scan(&notebook, notes, scanning, &render, &mut print)?;
    Ok(if any {
        Outcome::Done
    } else {
        Outcome::Negative
    })
}

/// The matching lines as a JSON array of {person, date, path, line,
/// section, text}.
fn print_json(
    notebook: &Notebook,
    notes: impl Iterator<Item = Candidate>,
    scanning: (&TemplateText, &Query, &Filters),
    out: &mut Output,
) -> Result<Outcome> {
    let mut found = Vec::new();
    crate::search::scan(notebook, notes, scanning, &json_hits, &mut |note, hits| {
        match hits {
            Ok(hits) => found.push((note.clone(), hits)),
            Err(e) => out.warn(&e),
        }
        Ok(())
    })?;
    let mut all = Vec::new();
    let mut names = Names::new(notebook);
    for (note, hits) in &found {
        let slug = crate::notebook::person_folder(&note.file.rel).unwrap_or_default();
        let person: Rc<str> = names.of(&slug).into();
        let path: Rc<str> = crate::notebook::slash_path(&note.file.rel).into();
        all.extend(hits.iter().map(|hit| Found {
            person: person.clone(),
            date: note.date,
            path: path.clone(),
            line: hit.line,
            section: hit.section.as_deref(),
            text: &hit.text,
        }));
    }
    out.json(&all)?;
    Ok(if found.is_empty() {
        Outcome::Negative
    } else {
        Outcome::Done
    })
}

/// A matching line as `--json` takes it from a note.
struct JsonHit {
    line: usize,
    section: Option<String>,
    text: String,
}

/// A note's hits, copied for `--json`.
fn json_hits(_: &Candidate, hits: &NoteHits<'_>) -> Vec<JsonHit> {
    hits.iter()
        .map(|hit| JsonHit {
            line: hit.line,
            section: hit.section.map(str::to_string),
            text: hit.text.to_string(),
        })
        .collect()
}

/// The name of each person with a match, read once.
struct Names<'n> {
    notebook: &'n Notebook,
    known: Vec<(String, String)>,
}

impl<'n> Names<'n> {
    fn new(notebook: &'n Notebook) -> Self {
        Names {
            notebook,
            known: Vec::new(),
        }
    }

    fn of(&mut self, slug: &str) -> String {
        if let Some((_, name)) = self.known.iter().find(|(s, _)| s == slug) {
            return name.clone();
        }
        let name =
            crate::person::display_name(self.notebook, slug).unwrap_or_else(|| slug.to_string());
        self.known.push((slug.to_string(), name.clone()));
        name
    }
}

/// A note's matching lines as ripgrep lists them: `path:line: [Section]
/// text`, the matches highlighted when colour is on.
fn lines(notebook: &Notebook, note: &Candidate, hits: &NoteHits<'_>, color: bool) -> Rendered {
    let path = notebook.show(&note.file.rel);
    let path = path.to_string_lossy();
    let mut shown = Rendered::new(color);
    shown.reserve(
        hits.iter()
            .map(|hit| path.len() + hit.text.len() + 32)
            .sum(),
    );
    for hit in hits.iter() {
        shown.styled(style::PATH, &path);
        shown.own(":");
        shown.number(style::LINE, hit.line);
        shown.own(": ");
        if let Some(section) = hit.section {
            shown.own("[");
            shown.text(section);
            shown.own("] ");
        }
        let mut at = 0;
        for mark in hit.marks {
            shown.text(&hit.text[at..mark.start]);
            shown.styled(MATCH, &hit.text[mark.clone()]);
            at = mark.end;
        }
        shown.text(&hit.text[at..]);
        shown.own("\n");
    }
    shown
}
