//! `oneonone prep PERSON`: the brief to read two minutes before a 1:1.
//! Days since the last one, open follow-ups (theirs and mine, overdue
//! first), the agenda, what the last note said under Lift and Follow-ups,
//! tags that keep coming back, and one fresh question per section.

use std::collections::BTreeMap;
use std::path::Path;

use rand::SeedableRng;
use rand::rngs::StdRng;

use crate::agenda;
use crate::bank;
use crate::cli::PrepArgs;
use crate::commands::Outcome;
use crate::commands::followups::{age, days_word, print_item};
use crate::commands::new::RECENT_NOTES;
use crate::error::Result;
use crate::followup::{self, FollowUp, ME};
use crate::note::Note;
use crate::notebook::Notebook;
use crate::output::{Output, sanitize, style};
use crate::person;
use crate::settings::Settings;

/// At most this many lines of each list or quoted section, so the brief
/// fits one screen.
const MAX_LINES: usize = 8;

/// Prints the brief.
///
/// # Errors
/// The person cannot be resolved, the bank is broken, or standard output
/// cannot be written.
pub fn run(args: &PrepArgs, settings: &Settings, out: &mut Output) -> Result<Outcome> {
    let notebook = Notebook::open(settings, false)?;
    let person = notebook.resolve_person(&args.person, false)?;
    let today = settings.today;
    let folder = person.slug.as_str();
    let scan = followup::scan(&notebook, &mut |e| out.warn(&e));
    let items: Vec<FollowUp> = scan.into_iter().filter(|i| i.folder.as_deref() == Some(folder)).collect();
    let summary = person::summarize(&notebook, folder, &items, today, &mut |e| out.warn(&e));

    // Header.
    out.styled(style::HEADING, sanitize(&summary.name))?;
    if let Some(role) = &summary.role {
        out.print(format_args!(" · {}", sanitize(role)))?;
    }
    out.print(format_args!("\n"))?;
    match (summary.last, summary.days_since) {
        (Some(last), Some(days)) => out.print(format_args!("Last 1:1 {last} ({} ago)", age(days)))?,
        _ => out.print(format_args!("No 1:1 yet"))?,
    }
    out.print(format_args!(" · {} · every {} days", notes_word(summary.meetings), summary.cadence_days))?;
    if let Some(due) = summary.next_due {
        if summary.overdue {
            let late = today.signed_duration_since(due).num_days();
            out.styled(style::ERROR, format_args!(" · next was due {due}, {} ago", days_word(late)))?;
        } else {
            out.print(format_args!(" · next due {due}"))?;
        }
    }
    out.print(format_args!("\n"))?;

    // Open follow-ups, theirs then mine, overdue first.
    let (points, follow_ups): (Vec<&FollowUp>, Vec<&FollowUp>) = items.iter().partition(|i| agenda::is_agenda_path(&i.path));
    let (mine, theirs): (Vec<&FollowUp>, Vec<&FollowUp>) = follow_ups.into_iter().partition(|i| i.owner == ME);
    for (title, mut list) in [("Follow-ups they own", theirs), ("Follow-ups you own", mine)] {
        if list.is_empty() {
            continue;
        }
        list.sort_by(|a, b| {
            let overdue = |i: &FollowUp| i.due.filter(|d| *d < today);
            overdue(b).is_some().cmp(&overdue(a).is_some()).then(overdue(a).cmp(&overdue(b))).then(b.date.cmp(&a.date))
        });
        heading(out, title, list.len())?;
        for item in list.iter().take(MAX_LINES) {
            print_item(&notebook, today, item, out)?;
        }
        more(out, list.len(), &format!("oneonone followups {folder}"))?;
    }

    if !points.is_empty() {
        heading(out, "Agenda", points.len())?;
        for point in points.iter().take(MAX_LINES) {
            out.print(format_args!("  - {}\n", sanitize(&point.text)))?;
        }
        more(out, points.len(), &format!("oneonone agenda {folder}"))?;
    }

    // The last note's Lift (or last framework) section and its follow-ups.
    let meetings = notebook.meetings(folder);
    if let Some(last) = meetings.last()
        && let Ok(text) = std::fs::read_to_string(notebook.path(&last.rel))
    {
        let note = Note::split(&text);
        let sections = note.sections();
        let lift = sections
            .iter()
            .find(|s| s.title.eq_ignore_ascii_case("lift"))
            .or_else(|| sections.iter().rev().find(|s| s.level == 2 && !s.title.eq_ignore_ascii_case("follow-ups")));
        let follow = sections.iter().find(|s| s.title.eq_ignore_ascii_case("follow-ups"));
        for section in [lift, follow].into_iter().flatten() {
            let lines = meaningful_lines(&text[section.content.clone()]);
            if lines.is_empty() {
                continue;
            }
            out.print(format_args!("\n"))?;
            out.styled(style::HEADING, format_args!("Last time ({}): {}", last.date, sanitize(&section.title)))?;
            out.print(format_args!("\n"))?;
            for line in lines.iter().take(MAX_LINES) {
                out.print(format_args!("  {}\n", sanitize(line)))?;
            }
            more(out, lines.len(), &notebook.show(&last.rel).display().to_string())?;
        }
    }

    // Tags that come back in the latest notes.
    let recent: Vec<String> = meetings
        .iter()
        .rev()
        .take(RECENT_NOTES)
        .filter_map(|m| std::fs::read_to_string(notebook.path(&m.rel)).ok())
        .collect();
    let recurring = recurring_tags(&recent);
    if !recurring.is_empty() {
        out.print(format_args!("\n"))?;
        out.styled(style::HEADING, "Recurring tags")?;
        let shown: Vec<String> = recurring.iter().map(|(tag, n)| format!("{} ({n})", sanitize(tag))).collect();
        out.print(format_args!(": {}\n", shown.join(", ")))?;
    }

    // One question per section they have not been asked lately.
    let (bank, framework_name) = crate::commands::frameworks::bank_and_framework(settings)?;
    let framework = bank.framework(&framework_name)?;
    let asked = |q: &bank::Question| recent.iter().any(|text| text.contains(&q.text));
    let mut rng = StdRng::seed_from_u64(args.seed.unwrap_or_else(rand::random));
    out.print(format_args!("\n"))?;
    out.styled(style::HEADING, "Ask today")?;
    out.print(format_args!("\n"))?;
    for section in &framework.sections {
        let pool = bank.pool(section.pool.as_deref().unwrap_or_default());
        if let Some(q) = bank::pick_fresh(pool, 1, &mut rng, &asked).first() {
            out.styled(style::DIM, format_args!("  {}: ", sanitize(&section.heading)))?;
            out.print(format_args!("{}\n", sanitize(&q.text)))?;
        }
    }
    Ok(Outcome::Done)
}

fn heading(out: &mut Output, title: &str, count: usize) -> Result<()> {
    out.print(format_args!("\n"))?;
    out.styled(style::HEADING, title)?;
    out.styled(style::DIM, format_args!(" ({count})"))?;
    out.print(format_args!("\n"))
}

fn more(out: &mut Output, total: usize, hint: &str) -> Result<()> {
    if total > MAX_LINES {
        out.styled(style::DIM, format_args!("  … and {} more: {hint}", total - MAX_LINES))?;
        out.print(format_args!("\n"))?;
    }
    Ok(())
}

fn notes_word(n: usize) -> String {
    if n == 1 { "1 note".into() } else { format!("{n} notes") }
}

/// A section's lines worth showing: not blank, not the template's italic
/// reminder, not an empty placeholder item.
fn meaningful_lines(content: &str) -> Vec<String> {
    content
        .lines()
        .map(|l| l.trim_end_matches('\r').trim_end())
        .filter(|l| {
            let t = l.trim();
            !t.is_empty() && !(t.starts_with('_') && t.ends_with('_')) && t != "- [ ]" && t != "-"
        })
        .map(str::to_string)
        .collect()
}

/// Frontmatter tags found in two or more of the notes, most frequent first.
fn recurring_tags(notes: &[String]) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for text in notes {
        let fm = Note::split(text).frontmatter_lenient(Path::new("")).0;
        let mut seen: Vec<String> = fm.tags.into_iter().map(|t| t.to_lowercase()).collect();
        seen.sort();
        seen.dedup();
        for tag in seen {
            *counts.entry(tag).or_default() += 1;
        }
    }
    let mut tags: Vec<(String, usize)> = counts.into_iter().filter(|(_, n)| *n >= 2).collect();
    tags.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    tags
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recurring_tags_count_notes_not_mentions() {
        let notes = vec![
            "---\ntags: [growth, Hiring]\n---\n".to_string(),
            "---\ntags: [growth, growth]\n---\n".to_string(),
            "---\ntags: [hiring]\n---\n".to_string(),
            "---\ntags: [once]\n---\n".to_string(),
        ];
        assert_eq!(recurring_tags(&notes), [("growth".to_string(), 2), ("hiring".to_string(), 2)]);
    }

    #[test]
    fn meaningful_lines_skip_template_noise() {
        let content = "\n_End with action._\n\n- What would help?\n  Pairing with Priya.\n- [ ] \n";
        assert_eq!(meaningful_lines(content), ["- What would help?", "  Pairing with Priya."]);
    }
}
