//! `oneonone prep PERSON`: the brief to read two minutes before a 1:1.
//! Days since the last one, open follow-ups (theirs and mine, overdue
//! first), the agenda, what the last note said under Lift and Follow-ups,
//! tags that keep coming back, and one fresh question per section.
//!
//! A follow-up in a private section of its note is marked `🔒`. With
//! `--shared`, for a screen the report sees, the brief holds nothing the
//! shared copy leaves out: no private follow-up (not even counted), no
//! tags (the shared frontmatter has none), no check-in values unless the
//! notebook shares them. "Last time" quotes no private part either way.

use std::fmt::Write as _;
use std::path::Path;

use chrono::NaiveDate;
use rand::SeedableRng;
use rand::rngs::StdRng;

use crate::agenda;
use crate::bank::{self, Bank};
use crate::checkin::CheckIn;
use crate::cli::PrepArgs;
use crate::commands::Outcome;
use crate::error::{Error, Result};
use crate::followup::{self, FollowUp};
use crate::note::{Note, Section};
use crate::notebook::{Notebook, PersonNotes};
use crate::output::{Output, sanitize, style};
use crate::render::{PRIVATE_MARK, age, days_word, print_item};
use crate::settings::Settings;
use crate::share::{self, Sharing};

/// At most this many lines of each list or quoted section, so the brief
/// fits one screen.
const MAX_LINES: usize = 5;

/// Prints the brief.
///
/// # Errors
/// The person cannot be resolved, the bank is broken, or standard output
/// cannot be written.
pub fn run(args: &PrepArgs, settings: &Settings, out: &mut Output) -> Result<Outcome> {
    let notebook = Notebook::open(settings, false)?;
    // Every note of theirs is read here, once, for all that follows.
    let mut people = crate::person::People::new(&notebook)?;
    // A person.yaml that cannot be read is said once: their own as the
    // header reads it, below; anyone else's with what it means for names.
    let mut said = Vec::new();
    let found = people.resolve_with_notes(&args.person, &mut |e| said.push(e));
    let own = found
        .as_ref()
        .ok()
        .map(|(p, _)| notebook.show(&Path::new(&p.slug).join(crate::notebook::PROFILE_FILE)));
    let others = |e: &Error| own.as_deref() != Some(e.path());
    for e in said.iter().filter(|e| others(e)) {
        out.warn(e);
    }
    let (person, mut notes) = found?;
    let bank = Bank::load(notebook.root(), notebook.shown())?;
    let rules = Sharing::for_notebook(&notebook.config, &bank);
    let today = settings.today;
    let folder = person.slug.as_str();
    let (scan, trails) =
        followup::scan_folder_keyed(&notebook, folder, &mut |e| out.warn(&e), true);
    if let Some(&count) = followup::orphan_counts(&trails).get(folder) {
        out.notice(followup::orphan_notice(count, &person.name));
    }
    // On a shared screen a private item is not there at all.
    let mut items: Vec<FollowUp> = scan
        .into_iter()
        .filter(|i| i.folder.as_deref() == Some(folder) && !(args.shared && i.private))
        .collect();
    followup::resolve_owners(&mut items, &mut people, &mut |e| {
        if others(&e) {
            out.warn(&e);
        }
    });
    let summary =
        crate::people::summarize_notes(&notebook, &notes, &items, today, &mut |e| out.warn(&e));
    header(&summary, today, out)?;

    let (mut points, follow_ups): (Vec<&FollowUp>, Vec<&FollowUp>) =
        items.iter().partition(|i| agenda::is_agenda_path(&i.path));
    // The points waiting in their shared space's agenda come along too:
    // the next `new` takes them.
    let space_points = match crate::space::Space::of(&notebook, folder, settings.home.as_deref()) {
        Ok(Some(space)) => space.agenda_items().unwrap_or_else(|e| {
            out.warn(&e);
            Vec::new()
        }),
        Ok(None) => Vec::new(),
        Err(e) => {
            out.warn(&e);
            Vec::new()
        }
    };
    points.extend(space_points.iter());
    // Theirs is what they own: an item in their note that names someone
    // else ("Ask @marcus to pair") is that person's.
    let (mine, not_mine): (Vec<&FollowUp>, Vec<&FollowUp>) =
        follow_ups.into_iter().partition(|i| i.owner.is_me());
    let (theirs, others): (Vec<&FollowUp>, Vec<&FollowUp>) =
        not_mine.into_iter().partition(|i| i.is_theirs());
    // What they added to the shared copies in their space.
    let shared = crate::space::report_items(&notebook, folder, settings.home.as_deref())
        .unwrap_or_else(|e| {
            out.warn(&e);
            Vec::new()
        });
    // What `… and N more` suggests keeps the screen shared.
    let list_all = if args.shared {
        format!("oneonone followups {folder} --shared")
    } else {
        format!("oneonone followups {folder}")
    };
    for (title, list) in [
        ("Follow-ups they own", theirs),
        ("Follow-ups you own", mine),
        ("Follow-ups others own", others),
        ("Added by them in the shared notes", shared.iter().collect()),
    ] {
        follow_up_list(&notebook, title, list, settings, &list_all, out)?;
    }
    if !points.is_empty() {
        heading(out, "Agenda", points.len())?;
        for point in points.iter().take(MAX_LINES) {
            let lock = if point.private { PRIVATE_MARK } else { "" };
            writeln!(out, "  - {lock}{}", sanitize(&point.text))?;
        }
        more(out, points.len(), &format!("oneonone agenda {folder}"))?;
    }
    last_time(&notebook, &notes, today, &rules, args.shared, out)?;
    // The follow-up scan has reported the notes that cannot be read.
    let history = crate::checkin::history(&notebook, &mut notes, &mut |_| {});
    let checkins = !args.shared || rules.share_checkins;
    patterns_line(&notes, &history, &summary, &items, today, checkins, out)?;

    let recent = notes.recent();
    // Tags are the manager's: the shared copy's frontmatter has none.
    let recurring = if args.shared {
        Vec::new()
    } else {
        recurring_tags(&recent)
    };
    if !recurring.is_empty() {
        writeln!(out)?;
        out.styled(style::HEADING, "Recurring tags")?;
        let shown: Vec<String> = recurring
            .iter()
            .map(|(tag, n)| format!("{} ({n})", sanitize(tag)))
            .collect();
        writeln!(out, ": {}", shown.join(", "))?;
    }

    ask_today(&notebook, &bank, &recent, settings.seed, out)?;
    Ok(Outcome::Done)
}

/// "Ask today": one question per section of their latest note's framework
/// that none of the `recent` notes asked.
fn ask_today(
    notebook: &Notebook,
    bank: &Bank,
    recent: &[&str],
    seed: u64,
    out: &mut Output,
) -> Result<()> {
    // One question per section they have not been asked lately.
    // The framework of their latest note, if the bank knows it.
    let default = bank::framework_name(None, &notebook.config).to_string();
    let latest = recent.first().and_then(|text| {
        Note::split(text)
            .frontmatter_lenient(Path::new(""))
            .0
            .framework
    });
    let framework = latest
        .and_then(|name| bank.framework(&name).ok())
        .map_or_else(|| bank.framework(&default), Ok)?;
    let mut rng = StdRng::seed_from_u64(seed);
    let picks = bank::pick_for_sections(bank, framework, 1, &mut rng, recent);
    writeln!(out)?;
    out.styled(style::HEADING, "Ask today")?;
    writeln!(out)?;
    for (section, picked) in framework.sections.iter().zip(picks) {
        for q in picked {
            out.styled(
                style::DIM,
                format_args!("  {}: ", sanitize(&section.heading)),
            )?;
            writeln!(out, "{}", sanitize(&q.text))?;
        }
    }
    Ok(())
}

/// Name and role; the last 1:1, the count, the cadence, the next due date.
fn header(summary: &crate::people::Summary, today: NaiveDate, out: &mut Output) -> Result<()> {
    out.styled(style::HEADING, sanitize(&summary.name))?;
    if let Some(role) = &summary.role {
        write!(out, " · {}", sanitize(role))?;
    }
    writeln!(out)?;
    match (summary.last, summary.days_since) {
        (Some(last), Some(0)) => write!(out, "Last 1:1 {last} (today)")?,
        (Some(last), Some(days)) if days < 0 => {
            write!(out, "Last 1:1 {last} ({})", age(days))?;
        }
        (Some(last), Some(days)) => {
            write!(out, "Last 1:1 {last} ({} ago)", days_word(days))?;
        }
        _ => write!(out, "No 1:1 yet")?,
    }
    write!(
        out,
        " · {} · every {}",
        notes_word(summary.meetings),
        days_word(i64::from(summary.cadence_days))
    )?;
    if let Some(due) = summary.next_due {
        if summary.overdue {
            let late = today.signed_duration_since(due).num_days();
            out.styled(
                style::ERROR,
                format_args!(" · next was due {due}, {} ago", days_word(late)),
            )?;
        } else if summary.ready {
            let days = due.signed_duration_since(today).num_days();
            write!(out, " · next {due}, {}, note ready", age(-days))?;
        } else {
            write!(out, " · next due {due}")?;
        }
    }
    writeln!(out)
}

/// A titled list of follow-ups, overdue first, then newest; `all` is the
/// command that lists them all.
fn follow_up_list(
    notebook: &Notebook,
    title: &str,
    mut list: Vec<&FollowUp>,
    settings: &Settings,
    all: &str,
    out: &mut Output,
) -> Result<()> {
    if list.is_empty() {
        return Ok(());
    }
    let today = settings.today;
    list.sort_by(|a, b| followup::overdue_first(a, b, today));
    heading(out, title, list.len())?;
    for item in list.iter().take(MAX_LINES) {
        print_item(notebook, today, item, settings.listing_width(), out)?;
    }
    more(out, list.len(), all)
}

/// The last note's Lift section (or its last framework section) and its
/// Follow-ups section, without their private parts: what `export
/// --shared` leaves out is never quoted as "last time". With `shared`,
/// they are quoted from the shared copy itself (no unanswered question,
/// a carried item with where it went), or not at all when there is none.
fn last_time(
    notebook: &Notebook,
    notes: &PersonNotes,
    today: NaiveDate,
    rules: &Sharing,
    shared: bool,
    out: &mut Output,
) -> Result<()> {
    // A note prepared for an upcoming 1:1 is not "last time".
    let held = notes.last_held(today);
    let Some((last, text)) = held.and_then(|n| Some((&n.meeting, n.text()?))) else {
        return Ok(());
    };
    let copy;
    let text = if shared {
        let Ok(shared) = share::shared_copy_of(notebook, &last.rel) else {
            return Ok(());
        };
        copy = shared;
        copy.as_str()
    } else {
        text
    };
    let note = Note::split(text);
    let private = if shared {
        Vec::new()
    } else {
        share::private_ranges(&note, rules)
    };
    let sections: Vec<Section> = note
        .sections()
        .into_iter()
        .filter(|s| !share::touches(&private, &(s.range.start..s.range.start + 1)))
        .collect();
    let lift = sections
        .iter()
        .find(|s| s.title.eq_ignore_ascii_case("lift"))
        .or_else(|| {
            sections
                .iter()
                .rev()
                .find(|s| s.level == 2 && !s.title.eq_ignore_ascii_case("follow-ups"))
        });
    let follow = sections
        .iter()
        .find(|s| s.title.eq_ignore_ascii_case("follow-ups"));
    for section in [lift, follow].into_iter().flatten() {
        let lines = meaningful_lines(&share::public_text(text, section.content.clone(), &private));
        if lines.is_empty() {
            continue;
        }
        writeln!(out)?;
        out.styled(
            style::HEADING,
            format_args!("Last time ({}): {}", last.date, sanitize(&section.title)),
        )?;
        writeln!(out)?;
        for line in lines.iter().take(MAX_LINES) {
            writeln!(out, "  {}", sanitize(line))?;
        }
        more(
            out,
            lines.len(),
            &notebook.show(&last.rel).display().to_string(),
        )?;
    }
    Ok(())
}

/// The short form of `oneonone patterns`: stuck follow-ups, the longest
/// gap against the cadence, and with `checkins` the latest check-in.
fn patterns_line(
    notes: &PersonNotes,
    history: &[CheckIn],
    summary: &crate::people::Summary,
    open: &[FollowUp],
    today: NaiveDate,
    checkins: bool,
    out: &mut Output,
) -> Result<()> {
    let found = crate::patterns::analyze(
        notes,
        history,
        &summary.name,
        summary.cadence_days,
        &summary.away,
        open,
        today,
    );
    let mut parts = Vec::new();
    if !found.stuck.is_empty() {
        parts.push(format!(
            "{} carried {}+ times",
            if found.stuck.len() == 1 {
                "1 follow-up".to_string()
            } else {
                format!("{} follow-ups", found.stuck.len())
            },
            crate::patterns::STUCK_AFTER
        ));
    }
    if let Some(gap) = found.gaps.first().filter(|g| g.over > 0) {
        parts.push(format!(
            "longest gap {} ({} over cadence)",
            days_word(gap.days),
            gap.over
        ));
    }
    if let Some(latest) = history.last().filter(|_| checkins) {
        let mut check = format!("check-in {}", latest.date);
        if let (Some(c), Some(s)) = (latest.values.challenge, latest.values.skill) {
            let zone = crate::checkin::Zone::of(c, s);
            let _ = write!(check, ": {} (challenge {c}, skill {s})", zone.name());
        }
        if let Some(e) = latest.values.energy {
            let _ = write!(check, ", energy {e}");
        }
        parts.push(check);
    }
    if parts.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    out.styled(style::HEADING, "Patterns")?;
    writeln!(out, ": {}", parts.join(" · "))
}

fn heading(out: &mut Output, title: &str, count: usize) -> Result<()> {
    writeln!(out)?;
    out.styled(style::HEADING, title)?;
    out.styled(style::DIM, format_args!(" ({count})"))?;
    writeln!(out)
}

fn more(out: &mut Output, total: usize, hint: &str) -> Result<()> {
    if total > MAX_LINES {
        out.styled(
            style::DIM,
            format_args!("  … and {} more: {hint}", total - MAX_LINES),
        )?;
        writeln!(out)?;
    }
    Ok(())
}

fn notes_word(n: usize) -> String {
    if n == 1 {
        "1 note".into()
    } else {
        format!("{n} notes")
    }
}

/// A section's lines worth showing: not blank, not the template's italic
/// reminder, not an empty placeholder item.
fn meaningful_lines(content: &str) -> Vec<String> {
    content
        .lines()
        .map(|l| l.trim_end_matches('\r').trim_end())
        .filter(|l| {
            let t = l.trim();
            let reminder = t.starts_with('_') && t.ends_with('_');
            !t.is_empty() && !reminder && t != "- [ ]" && t != "-"
        })
        .map(str::to_string)
        .collect()
}

/// Frontmatter tags found in two or more of the notes, most frequent first.
fn recurring_tags(notes: &[&str]) -> Vec<(String, usize)> {
    // Only the totals count here, not the quarters: any date will do.
    let tagged = notes.iter().map(|text| {
        let fm = Note::split(text).frontmatter_lenient(Path::new("")).0;
        (fm.tags, NaiveDate::MIN)
    });
    crate::patterns::tag_trends(tagged)
        .into_iter()
        .filter(|t| t.total >= 2)
        .map(|t| (t.tag, t.total))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recurring_tags_count_notes_not_mentions() {
        let notes = [
            "---\ntags: [growth, Hiring]\n---\n",
            "---\ntags: [growth, growth]\n---\n",
            "---\ntags: [hiring]\n---\n",
            "---\ntags: [once]\n---\n",
        ];
        assert_eq!(
            recurring_tags(&notes),
            [("growth".to_string(), 2), ("hiring".to_string(), 2)]
        );
    }

    #[test]
    fn meaningful_lines_skip_template_noise() {
        let content = "\n_End with action._\n\n- What would help?\n  Pairing with Priya.\n- [ ] \n";
        assert_eq!(
            meaningful_lines(content),
            ["- What would help?", "  Pairing with Priya."]
        );
    }
}
