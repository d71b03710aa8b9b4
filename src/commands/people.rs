//! `oneonone people`: one row per person: the latest 1:1 and how long ago,
//! how many there were, open follow-ups (mine / theirs), agenda points
//! (their shared space's too), and when the next 1:1 is due by their
//! cadence.

use crate::cli::PeopleArgs;
use crate::commands::Outcome;
use crate::error::Result;
use crate::followup;
use crate::notebook::Notebook;
use crate::output::{Output, sanitize, style};
use crate::people::{self, Summary};
use crate::render::{age, days_word, pad, width};
use crate::settings::Settings;

/// Prints the table, or JSON.
///
/// # Errors
/// The notebook cannot be read, or standard output cannot be written.
pub fn run(args: &PeopleArgs, settings: &Settings, out: &mut Output) -> Result<Outcome> {
    let notebook = Notebook::open(settings, false)?;
    let (mut items, trails) = followup::scan_keyed(&notebook, &mut |e| out.warn(&e), true);
    // Whose each item is counts in their row.
    let mut people = crate::person::People::new(&notebook)?;
    // Every person.yaml is read for its row below, which says what cannot
    // be: said once, there.
    followup::resolve_owners(&mut items, &mut people, &mut |_| {});
    // Grouped once by folder: each person then looks at their own items.
    let mut by_folder: std::collections::HashMap<String, Vec<followup::FollowUp>> =
        std::collections::HashMap::new();
    for item in items {
        by_folder
            .entry(item.folder.as_deref().unwrap_or_default().to_string())
            .or_default()
            .push(item);
    }
    let mut rows: Vec<Summary> = Vec::new();
    for folder in notebook.person_slugs()? {
        rows.push(people::summarize(
            &notebook,
            &folder,
            by_folder.get(&folder).map_or(&[][..], Vec::as_slice),
            settings.today,
            settings.home.as_deref(),
            &mut |e| out.warn(&e),
        ));
    }
    rows.sort_by_key(|r| r.name.to_lowercase());
    // Their open counts leave out the carried items no later note holds.
    let orphans = followup::orphan_counts(&trails);
    for row in &rows {
        if let Some(&count) = orphans.get(&row.slug) {
            out.notice(followup::orphan_notice(count, &row.name));
        }
    }
    if args.json {
        out.json(&rows)?;
        return Ok(Outcome::Done);
    }
    if rows.is_empty() {
        out.notice(format_args!(
            "no people yet; start with `oneonone new \"<name>\"`"
        ));
        return Ok(Outcome::Done);
    }
    print_table(&rows, settings, out)?;
    Ok(Outcome::Done)
}

/// The rows as a table padded by display width, the next 1:1 last (in
/// colour when overdue or never held).
fn print_table(rows: &[Summary], settings: &Settings, out: &mut Output) -> Result<()> {
    let cells: Vec<[String; 7]> = rows
        .iter()
        .map(|r| {
            [
                sanitize(&r.name).into_owned(),
                sanitize(r.role.as_deref().unwrap_or("")).into_owned(),
                r.last.map_or_else(|| "-".into(), |d| d.to_string()),
                r.days_since.map_or_else(|| "-".into(), |d| format!("{d}d")),
                r.meetings.to_string(),
                format!("{}/{}", r.open_mine, r.open_theirs),
                r.agenda.to_string(),
            ]
        })
        .collect();
    let headers = [
        "PERSON",
        "ROLE",
        "LAST 1:1",
        "AGO",
        "1:1S",
        "MINE/THEIRS",
        "AGENDA",
    ];
    let mut widths: Vec<usize> = headers.iter().map(|h| width(h)).collect();
    for row in &cells {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(cell));
        }
    }
    let header: Vec<String> = headers
        .iter()
        .zip(&widths)
        .map(|(h, w)| pad(h, *w))
        .collect();
    out.styled(
        style::HEADING,
        format_args!("{}  NEXT 1:1", header.join("  ")),
    )?;
    writeln!(out)?;
    for (row, cells) in rows.iter().zip(&cells) {
        let line: Vec<String> = cells.iter().zip(&widths).map(|(c, w)| pad(c, *w)).collect();
        write!(out, "{}  ", line.join("  "))?;
        match row.next_due {
            None => out.styled(style::WARNING, "first 1:1 to hold")?,
            Some(due) if row.overdue => {
                let late = settings.today.signed_duration_since(due).num_days();
                out.styled(
                    style::ERROR,
                    format_args!("{due} overdue {}", days_word(late)),
                )?;
            }
            Some(due) if row.ready => {
                let days = due.signed_duration_since(settings.today).num_days();
                write!(out, "{due}, {}, note ready", age(-days))?;
            }
            Some(due) => write!(out, "{due}")?,
        }
        writeln!(out)?;
    }
    Ok(())
}
