//! `oneonone people`: one row per person: the latest 1:1 and how long ago,
//! how many there were, open follow-ups (mine / theirs), agenda points
//! (their shared space's too), and when the next 1:1 is due by their
//! cadence. Who is due soonest comes first (`--sort name|last|due`); on a
//! terminal the table fits its width, a pipe gets every column whole.

use std::path::Path;

use chrono::NaiveDate;

use crate::cli::{PeopleArgs, PeopleSort};
use crate::commands::Outcome;
use crate::error::{Error, Result};
use crate::followup;
use crate::ics;
use crate::notebook::Notebook;
use crate::output::{Output, Shown, sanitize, style};
use crate::people::{self, Summary};
use crate::render::{age, days_word, pad, plural, shorten, width};
use crate::settings::Settings;

/// Prints the table, or JSON.
///
/// # Errors
/// The notebook cannot be read, or standard output cannot be written.
pub fn run(args: &PeopleArgs, settings: &Settings, out: &mut Output) -> Result<Outcome> {
    let notebook = Notebook::open(settings, false)?;
    // Each person's meetings from the scan's walk (part by part, each
    // person's folder whole in one part): no folder listed again.
    let mut meetings = std::collections::HashMap::new();
    let (mut items, trails) =
        followup::scan_keyed_seeing(&notebook, &mut |e| out.warn(&e), true, &mut |files| {
            meetings.extend(crate::notebook::meetings_in(files));
        });
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
        let listed = meetings.get(&folder).map_or(&[][..], Vec::as_slice);
        rows.push(people::summarize_listed(
            &notebook,
            (&folder, listed),
            by_folder.get(&folder).map_or(&[][..], Vec::as_slice),
            settings.today,
            settings.home.as_deref(),
            &mut |e| out.warn(&e),
        ));
    }
    sort(&mut rows, args.sort, settings.today);
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
    if let Some(file) = &args.ics {
        write_ics(file, &rows, &notebook, settings, out)?;
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

/// Writes the rows' next 1:1s as a calendar to `file` (`-`: standard
/// output), each on the date the table shows (a first 1:1: today).
fn write_ics(
    file: &Path,
    rows: &[Summary],
    notebook: &Notebook,
    settings: &Settings,
    out: &mut Output,
) -> Result<()> {
    let due: Vec<ics::Due<'_>> = rows
        .iter()
        .map(|r| ics::Due {
            slug: &r.slug,
            name: &r.name,
            date: r.meet_from(settings.today),
        })
        .collect();
    let root = notebook.root();
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let text = ics::calendar(&root, &due, settings.today);
    let events = plural(due.len(), "event");
    if file == Path::new("-") {
        out.print_bytes(text.as_bytes())?;
        out.notice(format_args!("wrote {events} to standard output"));
        return Ok(());
    }
    let target = settings.cwd.join(file);
    ics::check_target(&root, &target, file)?;
    crate::fs::write_owned(&target, text.as_bytes(), notebook.modes())
        .map_err(|e| Error::io(file, "cannot write", e))?;
    out.notice(format_args!("wrote {events} to {}", Shown(file)));
    Ok(())
}

/// The rows in the order `--sort` asks for; ties by name.
fn sort(rows: &mut [Summary], by: PeopleSort, today: NaiveDate) {
    let name = |r: &Summary| (people::name_key(&r.name), r.name.clone(), r.slug.clone());
    match by {
        PeopleSort::Name => rows.sort_by_cached_key(name),
        // A first 1:1 not yet held is due now.
        PeopleSort::Due => rows.sort_by_cached_key(|r| (r.due_key(today), name(r))),
        // Never seen sorts first, then who was seen longest ago.
        PeopleSort::Last => rows.sort_by_cached_key(|r| (r.last, name(r))),
    }
}

/// One column of the table.
struct Column {
    header: &'static str,
    cells: Vec<String>,
    /// Its display width: the widest of the header and the cells.
    width: usize,
}

impl Column {
    fn new(header: &'static str, cells: Vec<String>) -> Self {
        let width = cells
            .iter()
            .map(|c| width(c))
            .fold(width(header), usize::max);
        Column {
            header,
            cells,
            width,
        }
    }

    /// Cut to `columns` (the header too, should it be wider).
    fn shorten(&mut self, columns: usize) {
        for cell in &mut self.cells {
            *cell = shorten(cell, columns);
        }
        self.width = columns;
    }
}

/// The columns of the table, by index.
const PERSON: usize = 0;
const ROLE: usize = 1;
const LAST: usize = 2;
const AGO: usize = 3;
const MEETINGS: usize = 4;
const OPEN: usize = 5;
const AGENDA: usize = 6;
/// What a terminal too narrow takes from the table, in turn, after ROLE:
/// names longer than [`KEPT_PERSON`] are cut first (a long name costs
/// more than any column), then the last 1:1's date (NEXT 1:1 follows from
/// it), the count of 1:1s, how long ago, the agenda points, the open
/// follow-ups, then names down to [`MIN_PERSON`]. NEXT 1:1 and DUE always
/// stay, so the narrowest table is [`MIN_PERSON`] + 10 + the DUE cell + 2
/// gaps: 47 columns with "in 7 days, note ready"; a terminal narrower
/// than that wraps. With names up to [`KEPT_PERSON`] the table keeps
/// AGENDA at 80 columns: 24 + 11 + 6 + 10 + 21 + 5 gaps = 80.
const STEPS: [Step; 7] = [
    Step::CutNames(KEPT_PERSON),
    Step::Drop(LAST),
    Step::Drop(MEETINGS),
    Step::Drop(AGO),
    Step::Drop(AGENDA),
    Step::Drop(OPEN),
    Step::CutNames(MIN_PERSON),
];
/// One way to make the table narrower.
#[derive(Clone, Copy)]
enum Step {
    /// Leave out this column.
    Drop(usize),
    /// Cut names, no narrower than this.
    CutNames(usize),
}
/// ROLE is cut no narrower than this; below, it goes.
const MIN_ROLE: usize = 8;
/// Names are cut to this before any column but ROLE goes.
const KEPT_PERSON: usize = 24;
/// A name is cut no narrower than this (a terminal narrower still wraps).
const MIN_PERSON: usize = 12;
/// Between two columns.
const GAP: usize = 2;

/// The rows as a table padded by display width, the next 1:1 and how soon
/// it is due last (in colour when overdue or never held). On a terminal
/// it fits the width: ROLE is cut, then dropped, then long names are cut,
/// then the least needed columns go ([`STEPS`]); a pipe gets every column
/// whole.
fn print_table(rows: &[Summary], settings: &Settings, out: &mut Output) -> Result<()> {
    let cells = |f: &dyn Fn(&Summary) -> String| rows.iter().map(f).collect::<Vec<_>>();
    let today = settings.today;
    let mut columns = vec![
        Column::new("PERSON", cells(&|r| sanitize(&r.name).into_owned())),
        Column::new(
            "ROLE",
            cells(&|r| sanitize(r.role.as_deref().unwrap_or("")).into_owned()),
        ),
        Column::new(
            "LAST 1:1",
            cells(&|r| r.last.map_or_else(|| "-".into(), |d| d.to_string())),
        ),
        Column::new(
            "AGO",
            cells(&|r| r.days_since.map_or_else(|| "-".into(), |d| format!("{d}d"))),
        ),
        Column::new("1:1S", cells(&|r| r.meetings.to_string())),
        Column::new(
            "MINE/THEIRS",
            cells(&|r| format!("{}/{}", r.open_mine, r.open_theirs)),
        ),
        Column::new("AGENDA", cells(&|r| r.agenda.to_string())),
        Column::new(
            "NEXT 1:1",
            // Someone away: the day after they are back, as the calendar
            // file and `due` say.
            cells(&|r| match r.next_due {
                None => "-".into(),
                Some(_) if r.away_until.is_some() => r.meet_from(today).to_string(),
                Some(d) => d.to_string(),
            }),
        ),
        Column::new("DUE", cells(&|r| due(r, today))),
    ];
    let mut shown: Vec<usize> = (0..columns.len()).collect();
    if let Some(room) = settings.listing_width() {
        fit(&mut columns, &mut shown, room);
    }
    let last = shown.len() - 1;
    let line = |cell: &dyn Fn(&Column) -> &str| -> Vec<String> {
        shown
            .iter()
            .enumerate()
            .map(|(i, &c)| {
                let text = cell(&columns[c]);
                if i == last {
                    text.to_string()
                } else {
                    pad(text, columns[c].width)
                }
            })
            .collect()
    };
    let header = line(&|c| c.header);
    out.styled(style::HEADING, header.join("  ").trim_end())?;
    writeln!(out)?;
    for (i, row) in rows.iter().enumerate() {
        let mut cells = line(&|c| &c.cells[i]);
        // The due cell is last, and in colour when it asks for a 1:1.
        let due = cells.pop().unwrap_or_default();
        let before = cells.join("  ");
        write!(out, "{before}  ")?;
        match row.next_due {
            None => out.styled(style::WARNING, due)?,
            Some(_) if row.overdue => out.styled(style::ERROR, due)?,
            Some(_) => write!(out, "{due}")?,
        }
        writeln!(out)?;
    }
    Ok(())
}

/// How soon the next 1:1 is: "overdue 3 days", "today", "in 4 days",
/// "in 7 days, note ready", "first 1:1 to hold", "away until 2026-12-21".
fn due(row: &Summary, today: NaiveDate) -> String {
    if let Some(until) = row.away_until {
        return format!("away until {until}");
    }
    let Some(due) = row.next_due else {
        return "first 1:1 to hold".into();
    };
    let days = due.signed_duration_since(today).num_days();
    if row.overdue {
        format!("overdue {}", days_word(-days))
    } else if row.ready {
        format!("{}, note ready", age(-days))
    } else {
        age(-days)
    }
}

/// Fits the `shown` columns into `room` display columns: ROLE cut (not
/// under [`MIN_ROLE`]) or dropped, then the [`STEPS`] in turn until it
/// fits.
fn fit(columns: &mut [Column], shown: &mut Vec<usize>, room: usize) {
    let total = |columns: &[Column], shown: &[usize]| -> usize {
        shown.iter().map(|&c| columns[c].width).sum::<usize>() + GAP * (shown.len() - 1)
    };
    let over = total(columns, shown).saturating_sub(room);
    if over == 0 {
        return;
    }
    let role = &mut columns[ROLE];
    if role.width.saturating_sub(over) >= MIN_ROLE.max(width(role.header)) {
        let keep = role.width - over;
        role.shorten(keep);
        return;
    }
    shown.retain(|&c| c != ROLE);
    for step in STEPS {
        let over = total(columns, shown).saturating_sub(room);
        if over == 0 {
            return;
        }
        match step {
            Step::Drop(column) => shown.retain(|&c| c != column),
            Step::CutNames(narrowest) => {
                let person = &mut columns[PERSON];
                let keep = person.width.saturating_sub(over).max(narrowest);
                if keep < person.width {
                    person.shorten(keep);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A table of one row: name, role, and the other columns at their
    /// header widths (the sum of all: 24 + 2 * 8 gaps + the rest).
    fn table(name: &str, role: &str) -> Vec<Column> {
        let headers = [
            "PERSON",
            "ROLE",
            "LAST 1:1",
            "AGO",
            "1:1S",
            "MINE/THEIRS",
            "AGENDA",
            "NEXT 1:1",
            "DUE",
        ];
        headers
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let cell = match i {
                    PERSON => name.to_string(),
                    ROLE => role.to_string(),
                    _ => String::new(),
                };
                Column::new(h, vec![cell])
            })
            .collect()
    }

    fn widths(columns: &[Column], shown: &[usize]) -> usize {
        shown.iter().map(|&c| columns[c].width).sum::<usize>() + GAP * (shown.len() - 1)
    }

    #[test]
    fn a_long_role_is_cut_when_that_is_enough() {
        let mut columns = table("李娜", "Principal Software Engineer, Platform");
        let mut shown: Vec<usize> = (0..columns.len()).collect();
        // 6 + 37 + 8 + 3 + 4 + 11 + 6 + 8 + 3 + 16 = 102.
        fit(&mut columns, &mut shown, 90);
        assert_eq!(shown.len(), 9);
        assert_eq!(columns[ROLE].cells, ["Principal Software Engin…"]);
        assert_eq!(widths(&columns, &shown), 90);
    }

    #[test]
    fn role_goes_then_long_names_are_cut_then_the_least_needed_columns() {
        let mut columns = table("Jose\u{301} Bartholomew Featherstone-Smith", "Staff");
        let mut shown: Vec<usize> = (0..columns.len()).collect();
        fit(&mut columns, &mut shown, 40);
        assert_eq!(shown, [PERSON, 7, 8]);
        assert_eq!(columns[PERSON].cells, ["Jose\u{301} Bartholomew Feathe…"]);
        assert_eq!(widths(&columns, &shown), 39);
    }

    #[test]
    fn a_name_is_cut_to_24_before_agenda_goes() {
        let mut columns = table("Jose\u{301} Bartholomew Featherstone-Smith", "Staff");
        let mut shown: Vec<usize> = (0..columns.len()).collect();
        // 24 + 11 + 6 + 8 + 3 + 4 gaps: AGO, 1:1S and LAST 1:1 went.
        fit(&mut columns, &mut shown, 60);
        assert_eq!(shown, [PERSON, OPEN, AGENDA, 7, 8]);
        assert_eq!(columns[PERSON].width, 24);
        assert_eq!(widths(&columns, &shown), 60);
    }

    #[test]
    fn names_are_never_cut_below_12() {
        let mut columns = table("Jose\u{301} Bartholomew Featherstone-Smith", "");
        let mut shown: Vec<usize> = (0..columns.len()).collect();
        fit(&mut columns, &mut shown, 10);
        assert_eq!(shown, [PERSON, 7, 8]);
        assert_eq!(columns[PERSON].cells, ["Jose\u{301} Bartho…"]);
        assert_eq!(widths(&columns, &shown), 12 + 8 + 3 + 2 * GAP);
    }
}
