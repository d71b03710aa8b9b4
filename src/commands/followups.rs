//! `oneonone followups`: the open follow-ups across the notebook, grouped
//! by person with overdue items first and then the newest meeting first, or
//! as JSON. Talking points waiting in agenda.md files are counted, and
//! listed with `--agenda`. Carried items (`[>]`) that no later note holds
//! (the note `new` carried them into was deleted) are hidden from the
//! listing: each person who has some is named on standard error with the
//! command that reopens them, as the waiting talking points are (a notice:
//! the listing itself is whole, so the exit status stays 0).

use std::collections::BTreeMap;

use crate::agenda;
use crate::cli::FollowupsArgs;
use crate::commands::Outcome;
use crate::error::Result;
use crate::followup::{self, FollowUp, Owner};
use crate::notebook::Notebook;
use crate::output::{Output, Shown, sanitize, style};
use crate::person::{People, Wanted};
use crate::render::{self, print_item};
use crate::settings::Settings;

/// Lists the open follow-ups.
///
/// # Errors
/// The notebook cannot be opened, the person or the owner matches no one,
/// or standard output cannot be written.
pub fn run(args: &FollowupsArgs, settings: &Settings, out: &mut Output) -> Result<Outcome> {
    let notebook = Notebook::open(settings, false)?;
    // Who the names and the mentions mean, read once for all of them.
    let mut people = People::new(&notebook)?;
    let person = args.person.as_ref().or(args.person_flag.as_ref());
    let only = match person {
        Some(typed) => Some(people.resolve(typed, Wanted::Existing)?.slug),
        None => None,
    };
    // `me` is the manager, as in a follow-up's `@me`.
    let owner = match &args.owner {
        Some(typed) if typed.trim().eq_ignore_ascii_case("me") => Some(Owner::Me),
        Some(typed) => Some(Owner::named(&people.resolve(typed, Wanted::Existing)?.slug)),
        None => None,
    };
    let (mut items, trails) = match &only {
        Some(folder) => followup::scan_folder_keyed(&notebook, folder, &mut |e| out.warn(&e), true),
        None => followup::scan_keyed(&notebook, &mut |e| out.warn(&e), true),
    };
    tell_orphans(&notebook, &items, &trails, only.as_deref(), out);
    if let Some(folder) = &only {
        items.retain(|item| item.folder.as_deref() == Some(folder.as_str()));
    }
    let today = settings.today;
    // Whether an item is the manager's needs no resolving: filter first.
    let mine = args.mine || owner == Some(Owner::Me);
    let someone = args.theirs || owner.as_ref().is_some_and(|o| !o.is_me());
    items.retain(|i| {
        (!mine || i.owner.is_me())
            && (!someone || !i.owner.is_me())
            && (!args.overdue || i.due.is_some_and(|d| d < today))
    });
    followup::resolve_owners(&mut items, &mut people, &mut |e| out.warn(&e));
    if someone {
        items.retain(|i| {
            (!args.theirs || i.is_theirs()) && owner.as_ref().is_none_or(|o| i.owner == *o)
        });
    }
    // Taken out, not copied: a notebook may hold many thousands of items.
    let points: Vec<FollowUp> = items
        .extract_if(.., |i| agenda::is_agenda_path(&i.path))
        .collect();
    if args.agenda {
        items.extend(points.iter().cloned());
        items.sort_by(|a, b| a.path.cmp(&b.path).then(a.line.cmp(&b.line)));
    } else if !points.is_empty() {
        out.notice(format_args!(
            "{} waiting in agenda.md; `oneonone followups --agenda` lists them too",
            if points.len() == 1 {
                "1 talking point is".to_string()
            } else {
                format!("{} talking points are", points.len())
            }
        ));
    }
    if args.json {
        out.json(&items)?;
    } else if items.is_empty() {
        out.notice(format_args!(
            "no open follow-ups in {}",
            Shown(&notebook.shown_root())
        ));
    } else {
        print_grouped(&notebook, settings, items, out)?;
    }
    Ok(Outcome::Done)
}

/// Names each person (or with `only`, that person) whose carried items no
/// later note holds, with how many and the command that reopens them.
fn tell_orphans(
    notebook: &Notebook,
    items: &[FollowUp],
    trails: &[followup::Trail],
    only: Option<&str>,
    out: &mut Output,
) {
    let orphaned = followup::orphan_counts(trails);
    // Named as the listing heads their follow-ups (the newest note's
    // `person`); read from their folder only when none is open.
    let mut named: BTreeMap<&str, &FollowUp> = BTreeMap::new();
    // Items come by path, so by folder: each folder's newest is found in
    // one run, and looked up once.
    let mut run: Option<(&str, bool, Option<&FollowUp>)> = None;
    for item in items {
        let Some(folder) = item.folder.as_deref() else {
            continue;
        };
        if run.is_none_or(|(last, _, _)| last != folder) {
            if let Some((last, true, Some(newest))) = run {
                named.insert(last, newest);
            }
            run = Some((folder, orphaned.contains_key(folder), None));
        }
        if let Some((_, true, newest)) = &mut run
            && newest.is_none_or(|n| item.date >= n.date)
            && !agenda::is_agenda_path(&item.path)
        {
            // As the listing's heading: the last of the newest.
            *newest = Some(item);
        }
    }
    if let Some((last, true, Some(newest))) = run {
        named.insert(last, newest);
    }
    for (folder, count) in &orphaned {
        if only.is_some_and(|o| o != folder) {
            continue;
        }
        let name = named
            .get(folder.as_str())
            .and_then(|i| i.person.as_deref().map(str::to_string))
            .or_else(|| crate::person::display_name(notebook, folder))
            .unwrap_or_else(|| folder.clone());
        let count = *count;
        out.notice(format_args!(
            "{} of {} {} no open copy: `oneonone check --fix`",
            render::plural(count, "carried follow-up"),
            sanitize(&name),
            if count == 1 { "has" } else { "have" }
        ));
    }
}

/// Prints the items grouped by person folder (named by the newest note's
/// `person`), overdue first, then newest meeting first.
fn print_grouped(
    notebook: &Notebook,
    settings: &Settings,
    items: Vec<FollowUp>,
    out: &mut Output,
) -> Result<()> {
    let today = settings.today;
    let mut groups: BTreeMap<Option<std::sync::Arc<str>>, Vec<FollowUp>> = BTreeMap::new();
    for item in items {
        groups.entry(item.folder.clone()).or_default().push(item);
    }
    let mut groups: Vec<(String, Vec<FollowUp>)> = groups
        .into_iter()
        .map(|(folder, mut group)| {
            group.sort_by(|a, b| followup::overdue_first(a, b, today));
            let name = group
                .iter()
                .filter(|i| !agenda::is_agenda_path(&i.path))
                .max_by_key(|i| i.date)
                .and_then(|i| i.person.as_deref())
                .or(folder.as_deref())
                .map_or_else(|| "(no person)".to_string(), str::to_string);
            (name, group)
        })
        .collect();
    groups.sort_by_key(|g| g.0.to_lowercase());
    for (i, (name, group)) in groups.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        out.styled(style::HEADING, sanitize(name))?;
        out.styled(style::DIM, format_args!(" ({} open)", group.len()))?;
        writeln!(out)?;
        for item in group {
            print_item(notebook, today, item, out)?;
        }
    }
    Ok(())
}
