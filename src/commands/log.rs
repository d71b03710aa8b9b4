//! `oneonone log PERSON`: the person's 1:1s, newest first, as
//! [`crate::log`] reads each note: the date, framework and check-in, what
//! was said under each section (indented; wrapped to the terminal, whole
//! lines when piped), the follow-ups opened and those ticked since the
//! 1:1 before. Private sections and follow-ups are marked `🔒`;
//! `--shared` leaves them out. Plain lines, for a pager; `--json` prints
//! an array of meetings.

use crate::cli::LogArgs;
use crate::commands::Outcome;
use crate::error::Result;
use crate::log::{Entry, Item, Wanted};
use crate::notebook::Notebook;
use crate::output::{Output, sanitize, style};
use crate::render::PRIVATE_MARK;
use crate::said::TemplateText;
use crate::settings::Settings;

/// Prints the log.
///
/// # Errors
/// The notebook cannot be opened, the person matches no one, the bank
/// cannot be read, or standard output cannot be written. A `--section`
/// that no note of the period has is a negative answer (exit 1), with a
/// notice naming the sections there are.
pub fn run(args: &LogArgs, settings: &Settings, out: &mut Output) -> Result<Outcome> {
    let notebook = Notebook::open(settings, false)?;
    let (person, mut notes) =
        crate::person::Person::resolve_with_notes(&notebook, &args.person, &mut |e| out.warn(&e))?;
    let bank = crate::bank::Bank::load(notebook.root(), notebook.shown())?;
    let template = TemplateText::of(&bank);
    let rules = crate::followup::private_rules(&notebook);
    let wanted = Wanted {
        section: args.section.as_deref().map(crate::person::words),
        shared: args.shared,
    };
    let since = args.since.map(|d| d.on(settings.today));
    let until = args.until.map(|d| d.on(settings.today));
    let mut entries = Vec::new();
    // The sections of the notes read, while none has the one asked for.
    let mut sections: Vec<String> = Vec::new();
    for loaded in notes.notes_mut().iter_mut().rev() {
        let date = loaded.meeting.date;
        if since.is_some_and(|d| date < d) || until.is_some_and(|d| date > d) {
            continue;
        }
        let loaded = loaded.reported(&mut |e| out.warn(&e));
        let Some(text) = loaded.text() else { continue };
        let rel = &loaded.meeting.rel;
        match crate::log::entry(rel, date, text, &template, &rules, &wanted) {
            Some(entry) => entries.push(entry),
            // A section asked for and not in this note: its sections,
            // to name them if no note has the one asked for.
            None if entries.is_empty() => {
                let every = Wanted {
                    section: None,
                    ..wanted.clone()
                };
                let titles = crate::log::entry(rel, date, text, &template, &rules, &every)
                    .into_iter()
                    .flat_map(|e| e.sections)
                    .filter_map(|s| s.title);
                sections.extend(titles);
            }
            None => {}
        }
    }
    if let Some(typed) = &args.section
        && entries.is_empty()
    {
        if args.json {
            out.json(&entries)?;
        }
        let mut titles: Vec<String> = sections
            .into_iter()
            .map(|t| sanitize(&t).into_owned())
            .collect();
        titles.sort_by_key(|t| crate::search::fold(t));
        titles.dedup_by_key(|t| crate::search::fold(t));
        let titles = if titles.is_empty() {
            "none".to_string()
        } else {
            titles.join(", ")
        };
        out.notice(format_args!(
            "no section of {}'s notes starts with \"{}\"; the sections: {titles}",
            sanitize(&person.name),
            sanitize(typed)
        ));
        return Ok(Outcome::Negative);
    }
    if args.json {
        out.json(&entries)?;
        return Ok(Outcome::Done);
    }
    out.styled(style::HEADING, sanitize(&person.name))?;
    writeln!(out, ": {}", crate::render::plural(entries.len(), "meeting"))?;
    let width = settings.listing_width();
    for entry in &entries {
        writeln!(out)?;
        print_entry(entry, width, out)?;
    }
    Ok(Outcome::Done)
}

fn print_entry(entry: &Entry, width: Option<usize>, out: &mut Output) -> Result<()> {
    out.styled(style::HEADING, entry.date)?;
    if let Some(framework) = &entry.framework {
        write!(out, " · {}", sanitize(framework))?;
    }
    if let Some(values) = entry.checkin {
        let shown: Vec<String> = crate::checkin::FIELDS
            .iter()
            .filter_map(|&f| values.get(f).map(|v| format!("{} {v}", f.key())))
            .collect();
        write!(out, " · {}", shown.join(", "))?;
    }
    writeln!(out)?;
    for section in &entry.sections {
        let indent = if let Some(title) = &section.title {
            let lock = if section.private { PRIVATE_MARK } else { "" };
            writeln!(out, "  {lock}{}", sanitize(title))?;
            4
        } else {
            2
        };
        for line in &section.lines {
            // A private part of a shared section: its own lines marked.
            let lock = if line.private && !section.private {
                PRIVATE_MARK
            } else {
                ""
            };
            print_wrapped(
                &format!("{lock}{}", sanitize(&line.text)),
                indent,
                width,
                out,
            )?;
        }
    }
    print_items("Follow-ups opened", &entry.opened, width, out)?;
    print_items("Ticked since the 1:1 before", &entry.ticked, width, out)
}

fn print_items(title: &str, items: &[Item], width: Option<usize>, out: &mut Output) -> Result<()> {
    if items.is_empty() {
        return Ok(());
    }
    writeln!(out, "  {title}")?;
    for item in items {
        let lock = if item.private { PRIVATE_MARK } else { "" };
        let mark = item.state.mark();
        let text = format!("[{mark}] {lock}{}", sanitize(&item.text));
        print_wrapped(&text, 4, width, out)?;
    }
    Ok(())
}

/// A line `indent` columns in; on a terminal (`width`), its words wrapped
/// to fit, the lines after the first two columns further in.
fn print_wrapped(text: &str, indent: usize, width: Option<usize>, out: &mut Output) -> Result<()> {
    let lead = " ".repeat(indent);
    let Some(width) = width else {
        return writeln!(out, "{lead}{text}");
    };
    let room = width.saturating_sub(indent).max(20);
    let mut line = String::new();
    let mut first = true;
    // The text's own indent stays with its first word.
    let own = &text[..text.len() - text.trim_start().len()];
    for word in text.split_whitespace() {
        let used = crate::render::width(&line);
        let extra = if first { 0 } else { 2 };
        if !line.is_empty() && used + 1 + crate::render::width(word) + extra > room {
            let pad = if first { "" } else { "  " };
            writeln!(out, "{lead}{pad}{line}")?;
            first = false;
            line.clear();
        }
        if line.is_empty() {
            if first {
                line.push_str(own);
            }
        } else {
            line.push(' ');
        }
        line.push_str(word);
    }
    let pad = if first { "" } else { "  " };
    writeln!(out, "{lead}{pad}{line}")
}
