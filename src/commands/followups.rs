//! `oneonone followups [PERSON] [--json]`: the open follow-ups across the
//! notebook, grouped by person with the newest meeting first, or as JSON.

use std::collections::BTreeMap;

use crate::cli::FollowupsArgs;
use crate::commands::Outcome;
use crate::error::Result;
use crate::followup::{self, FollowUp};
use crate::notebook::Notebook;
use crate::output::{Output, sanitize, style};
use crate::settings::Settings;
use crate::slug::slugify;

/// Lists the open follow-ups.
///
/// # Errors
/// The notebook cannot be opened, the person matches no folder, or
/// standard output cannot be written.
pub fn run(args: &FollowupsArgs, settings: &Settings, out: &mut Output) -> Result<Outcome> {
    let notebook = Notebook::open(settings, false)?;
    let only = match &args.person {
        Some(typed) => Some(notebook.resolve_person(typed, false)?.slug),
        None => None,
    };
    let mut warnings = Vec::new();
    let mut items = followup::scan(&notebook, &mut |e| warnings.push(e));
    for w in &warnings {
        out.warn(w);
    }
    if let Some(slug) = &only {
        items.retain(|item| belongs_to(item, slug));
    }
    if args.json {
        // Plain strings, numbers and dates: serializing them cannot fail.
        let json = serde_json::to_string_pretty(&items).unwrap_or_default();
        out.print(format_args!("{json}\n"))?;
    } else if items.is_empty() {
        out.notice(format_args!(
            "no open follow-ups in {}",
            notebook.shown_root().display()
        ));
    } else {
        print_grouped(&notebook, settings, items, out)?;
    }
    Ok(Outcome::Done)
}

/// True when the item is in the person's folder or names them.
fn belongs_to(item: &FollowUp, slug: &str) -> bool {
    item.folder.as_deref() == Some(slug)
        || item
            .person
            .as_deref()
            .and_then(|p| slugify(p).ok())
            .as_deref()
            == Some(slug)
}

/// Prints the items grouped by person (by name), newest meeting first.
fn print_grouped(
    notebook: &Notebook,
    settings: &Settings,
    items: Vec<FollowUp>,
    out: &mut Output,
) -> Result<()> {
    let mut groups: BTreeMap<(bool, String, String), Vec<FollowUp>> = BTreeMap::new();
    for item in items {
        let name = item.person.clone().unwrap_or_default();
        let key = (item.person.is_none(), name.to_lowercase(), name);
        groups.entry(key).or_default().push(item);
    }
    let mut first = true;
    for ((_, _, name), mut group) in groups {
        group.sort_by(|a, b| {
            b.date
                .cmp(&a.date)
                .then_with(|| a.path.cmp(&b.path))
                .then(a.line.cmp(&b.line))
        });
        if !first {
            out.print(format_args!("\n"))?;
        }
        first = false;
        let name = if name.is_empty() {
            "(no person)".to_string()
        } else {
            sanitize(&name).into_owned()
        };
        out.styled(style::HEADING, &name)?;
        out.styled(style::DIM, format_args!(" ({} open)\n", group.len()))?;
        for item in &group {
            let path = notebook.show(std::path::Path::new(&item.path));
            out.print(format_args!("  "))?;
            out.styled(style::PATH, path.display())?;
            out.print(format_args!(":"))?;
            out.styled(style::LINE, item.line)?;
            out.print(format_args!(": {}", sanitize(&item.text)))?;
            if let Some(date) = item.date {
                out.styled(
                    style::DIM,
                    format_args!(
                        " · {}",
                        age(settings.today.signed_duration_since(date).num_days())
                    ),
                )?;
            }
            out.print(format_args!("\n"))?;
        }
    }
    Ok(())
}

/// "today", "1 day", "12 days", "in 3 days".
fn age(days: i64) -> String {
    match days {
        0 => "today".into(),
        1 => "1 day".into(),
        -1 => "in 1 day".into(),
        d if d < 0 => format!("in {} days", -d),
        d => format!("{d} days"),
    }
}
