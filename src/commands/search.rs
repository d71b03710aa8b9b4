//! `oneonone search QUERY`: what was said, found again. Lines are listed
//! as ripgrep lists them, grouped by person (the heading is the person's
//! name), `path:line: [Section] text`, the matches highlighted when
//! colour is on; `--json` prints an array of {person, date, path, line,
//! section, text}. Exit 0 when something matched, 1 when nothing did
//! (as grep), 2 on an error. The matching rules are [`crate::search`]'s.

use serde::Serialize;

use crate::cli::SearchArgs;
use crate::commands::Outcome;
use crate::error::{Error, Result};
use crate::notebook::{NoteFile, Notebook};
use crate::output::{Output, sanitize, style};
use crate::person::{People, Wanted};
use crate::said::TemplateText;
use crate::search::{Candidate, Filters, Hit, Query};
use crate::settings::Settings;

/// A match, highlighted: ripgrep's colour.
const MATCH: anstyle::Style = anstyle::AnsiColor::Red.on_default().bold();

/// One matching line, as `--json` prints it.
#[derive(Debug, Serialize)]
struct Found<'a> {
    person: &'a str,
    date: chrono::NaiveDate,
    path: String,
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
    let notes: Vec<Candidate> = slugs
        .iter()
        .flat_map(|slug| notebook.meetings(slug))
        .filter(|m| since.is_none_or(|d| m.date >= d) && until.is_none_or(|d| m.date <= d))
        .map(|m| Candidate {
            file: NoteFile { rel: m.rel },
            date: m.date,
        })
        .collect();
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
    let found = crate::search::scan(&notebook, &notes, &template, &query, &filters, &mut |e| {
        out.warn(&e);
    });
    if found.is_empty() {
        if args.json {
            out.json(&Vec::<Found>::new())?;
        }
        return Ok(Outcome::Negative);
    }
    // The name of each person with a match, read once.
    let mut names: Vec<(String, String)> = Vec::new();
    let mut name_of = |slug: &str| -> String {
        if let Some((_, name)) = names.iter().find(|(s, _)| s == slug) {
            return name.clone();
        }
        let name = crate::person::display_name(&notebook, slug).unwrap_or_else(|| slug.to_string());
        names.push((slug.to_string(), name.clone()));
        name
    };
    if args.json {
        let mut all = Vec::new();
        let mut people = Vec::new();
        for (i, _) in &found {
            let slug = crate::notebook::person_folder(&notes[*i].file.rel).unwrap_or_default();
            people.push(name_of(&slug));
        }
        for ((i, hits), person) in found.iter().zip(&people) {
            let note = &notes[*i];
            for hit in hits {
                all.push(Found {
                    person,
                    date: note.date,
                    path: crate::notebook::slash_path(&note.file.rel),
                    line: hit.said.line,
                    section: hit.said.section.as_deref(),
                    text: &hit.said.text,
                });
            }
        }
        out.json(&all)?;
        return Ok(Outcome::Done);
    }
    print(&notebook, &notes, &found, &mut name_of, out)?;
    Ok(Outcome::Done)
}

/// The matches grouped by person, as ripgrep lists them.
fn print(
    notebook: &Notebook,
    notes: &[Candidate],
    found: &[(usize, Vec<Hit>)],
    name_of: &mut dyn FnMut(&str) -> String,
    out: &mut Output,
) -> Result<()> {
    let mut last_person: Option<String> = None;
    for (i, hits) in found {
        let note = &notes[*i];
        let slug = crate::notebook::person_folder(&note.file.rel).unwrap_or_default();
        if last_person.as_deref() != Some(&slug) {
            if last_person.is_some() {
                writeln!(out)?;
            }
            out.styled(style::HEADING, sanitize(&name_of(&slug)))?;
            writeln!(out)?;
            last_person = Some(slug);
        }
        let path = notebook.show(&note.file.rel);
        if !out.color_out() {
            // Without colour, each line is built whole and written once:
            // the same text, far fewer writes (a common word has
            // hundreds of thousands of lines).
            let path = sanitize(&path.to_string_lossy()).into_owned();
            let mut line = String::new();
            for hit in hits {
                use std::fmt::Write as _;
                line.clear();
                let _ = write!(line, "{path}:{}: ", hit.said.line);
                if let Some(section) = &hit.said.section {
                    line.push('[');
                    line.push_str(&sanitize(section));
                    line.push_str("] ");
                }
                line.push_str(&sanitize(&hit.said.text));
                line.push('\n');
                write!(out, "{line}")?;
            }
            continue;
        }
        for hit in hits {
            out.styled(style::PATH, path.display())?;
            write!(out, ":")?;
            out.styled(style::LINE, hit.said.line)?;
            write!(out, ": ")?;
            if let Some(section) = &hit.said.section {
                write!(out, "[{}] ", sanitize(section))?;
            }
            let text = &hit.said.text;
            let mut at = 0;
            for mark in &hit.marks {
                write!(out, "{}", sanitize(&text[at..mark.start]))?;
                out.styled(MATCH, sanitize(&text[mark.clone()]))?;
                at = mark.end;
            }
            writeln!(out, "{}", sanitize(&text[at..]))?;
        }
    }
    Ok(())
}
