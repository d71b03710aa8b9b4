//! `oneonone prep PERSON`: the brief to read two minutes before a 1:1,
//! on one screen (24 rows; lines cut to the terminal's width, whole when
//! piped). Days since the last one, open follow-ups (theirs and mine,
//! overdue first; at most eight, else seven and how many more), the agenda
//! (five, or four and how many more), what was said last time
//! ([`crate::said`], in the rows left), patterns, tags that keep coming
//! back, and the first question `new PERSON` writes today under each
//! section (the same pick: [`crate::bank::suggest`], seeded from the
//! person and the date unless `--seed` says otherwise).
//!
//! A follow-up in a private section of its note is marked `🔒`. With
//! `--shared`, for a screen the report sees, the brief holds nothing the
//! shared copy leaves out: no private follow-up (not even counted), no
//! tags (the shared frontmatter has none), no check-in values unless the
//! notebook shares them. "Last time" quotes no private part either way.

use std::fmt::Write as _;
use std::path::Path;

use chrono::NaiveDate;

use crate::agenda;
use crate::bank::{self, Bank, Question};
use crate::checkin::CheckIn;
use crate::cli::PrepArgs;
use crate::commands::Outcome;
use crate::error::{Error, Result};
use crate::followup::{self, FollowUp};
use crate::note::Note;
use crate::notebook::{Notebook, PersonNotes};
use crate::output::{Output, sanitize, style};
use crate::render::{PRIVATE_MARK, age, days_word, print_item, shorten, width};
use crate::said::{Said, TemplateText};
use crate::settings::Settings;
use crate::share::{self, Sharing};

/// The rows of the screen the brief fits: a terminal's default height.
const SCREEN_ROWS: usize = 24;
/// At most this many follow-ups are listed (the lists together); beyond,
/// one fewer and a line saying how many more, so the block never grows.
const MAX_ITEMS: usize = 8;
/// At most this many agenda points, in the same way.
const MAX_POINTS: usize = 5;

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
    // The notes read above are not read again.
    let texts: std::collections::HashMap<&Path, &str> = notes
        .notes()
        .iter()
        .filter_map(|n| Some((n.meeting.rel.as_path(), n.text()?)))
        .collect();
    let (scan, trails) =
        followup::scan_folder_known(&notebook, folder, &mut |e| out.warn(&e), true, &|rel| {
            texts.get(rel).copied()
        });
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
    header(&summary, settings, out)?;

    let (mut points, follow_ups): (Vec<&FollowUp>, Vec<&FollowUp>) =
        items.iter().partition(|i| agenda::is_agenda_path(&i.path));
    // The points waiting in their shared space's agenda come along too:
    // the next `new` takes them.
    let space_points = space_points(&notebook, folder, settings, out);
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
    // Everything but "Last time" is worked out first: it gets the rows
    // left over.
    let history = crate::checkin::history(&notebook, &mut notes, &mut |_| {});
    let checkins = !args.shared || rules.share_checkins;
    let patterns = patterns_line(&notes, &history, &summary, &items, today, checkins);
    // Today's note, once `new` wrote it, is the 1:1 this brief is for:
    // its questions are asked as `new` picked them, and "last time" is
    // the note before it.
    let recent = notes.recent_without(settings.today);
    // Tags are the manager's: the shared copy's frontmatter has none.
    let recurring = if args.shared {
        Vec::new()
    } else {
        recurring_tags(&recent)
    };
    let (framework, questions) = ask_today(&notebook, &bank, folder, settings, &recent)?;
    let said = last_time(&notebook, &notes, &bank, &rules, args.shared, settings)?;

    let lists = [
        ("Follow-ups they own", theirs),
        ("Follow-ups you own", mine),
        ("Follow-ups others own", others),
        ("Added by them in the shared notes", shared.iter().collect()),
    ];
    // The rows are counted so that the brief fits the screen: what must
    // stay is reserved first (the header, the first question of each
    // section, the patterns line, the heading of "Last time"), then the
    // lists get what is left of it, then "Last time" and the questions
    // share the rest.
    let all: usize = questions.iter().map(Vec::len).sum();
    let first = questions.iter().filter(|q| !q.is_empty()).count();
    let ask_rows = |asked: usize| usize::from(asked > 0) * (1 + asked);
    let facts = usize::from(patterns.is_some() || !recurring.is_empty());
    let said_heading = usize::from(said.is_some());
    let mut rows = 2;
    let agenda_rows = agenda_rows(points.len());
    let room =
        SCREEN_ROWS.saturating_sub(rows + agenda_rows + facts + said_heading + ask_rows(first));
    rows += follow_up_lists(&notebook, lists, (room, settings), &list_all, out)?;
    rows += agenda_block(&points, folder, settings, out)?;
    rows += facts;
    let said_rows = said.as_ref().map_or(0, |(_, lines)| 1 + lines.len());
    // Every question `new` writes when the screen has room for them
    // after all of "Last time"; else the first of each section, and
    // "Last time" gets the rows left.
    let every = rows + said_rows + ask_rows(all) <= SCREEN_ROWS;
    let asked = if every { all } else { first };
    let room = SCREEN_ROWS.saturating_sub(rows + ask_rows(asked));
    if let Some((note, lines)) = &said {
        print_last_time(&notebook, note, lines, (room, settings), out)?;
    }
    patterns_and_tags(patterns.as_deref(), &recurring, settings, out)?;
    print_ask_today(framework, questions, every, settings, out)?;
    Ok(Outcome::Done)
}

/// The talking points waiting in the person's shared space's agenda, if
/// they have a space; what cannot be read is warned about.
fn space_points(
    notebook: &Notebook,
    folder: &str,
    settings: &Settings,
    out: &mut Output,
) -> Vec<FollowUp> {
    match crate::space::Space::of(notebook, folder, settings.home.as_deref()) {
        Ok(Some(space)) => space.agenda_items().unwrap_or_else(|e| {
            out.warn(&e);
            Vec::new()
        }),
        Ok(None) => Vec::new(),
        Err(e) => {
            out.warn(&e);
            Vec::new()
        }
    }
}

/// The rows [`agenda_block`] takes for `points` points.
fn agenda_rows(points: usize) -> usize {
    if points == 0 {
        0
    } else {
        1 + fitting(points, MAX_POINTS) + usize::from(points > MAX_POINTS)
    }
}

/// The agenda's points, at most [`MAX_POINTS`] rows of them, the rest
/// pointed at; returns the rows written.
fn agenda_block(
    points: &[&FollowUp],
    folder: &str,
    settings: &Settings,
    out: &mut Output,
) -> Result<usize> {
    if points.is_empty() {
        return Ok(0);
    }
    let shown = fitting(points.len(), MAX_POINTS);
    heading(out, "Agenda", points.len())?;
    for point in points.iter().take(shown) {
        let lock = if point.private { PRIVATE_MARK } else { "" };
        let line = format!("  - {lock}{}", sanitize(&point.text));
        writeln!(out, "{}", cut(&line, settings))?;
    }
    let hidden = points.len() - shown;
    more(out, hidden, &format!("oneonone agenda {folder}"), settings)?;
    Ok(1 + shown + usize::from(hidden > 0))
}

/// The "Patterns" and "Recurring tags" lines, when there is something
/// to say.
fn patterns_and_tags(
    patterns: Option<&str>,
    recurring: &[(String, usize)],
    settings: &Settings,
    out: &mut Output,
) -> Result<()> {
    let tags: Vec<String> = recurring
        .iter()
        .map(|(tag, n)| format!("{} ({n})", sanitize(tag)))
        .collect();
    let facts: Vec<String> = patterns
        .map(str::to_string)
        .into_iter()
        .chain((!tags.is_empty()).then(|| format!("recurring tags: {}", tags.join(", "))))
        .collect();
    if facts.is_empty() {
        return Ok(());
    }
    let label = "Patterns: ";
    out.styled(style::HEADING, label.trim_end())?;
    let line = facts.join(" · ");
    let room = settings
        .listing_width()
        .map(|w| w.saturating_sub(width(label)));
    writeln!(
        out,
        " {}",
        room.map_or_else(|| line.clone(), |r| shorten(&line, r))
    )?;
    Ok(())
}
/// The "Ask today" lines: every question, or with `every` false the
/// first of each section; the section is named on its first line.
fn print_ask_today(
    framework: &crate::bank::Framework,
    questions: Vec<Vec<&Question>>,
    every: bool,
    settings: &Settings,
    out: &mut Output,
) -> Result<()> {
    if questions.iter().all(Vec::is_empty) {
        return Ok(());
    }
    out.styled(style::HEADING, "Ask today")?;
    writeln!(out)?;
    for (section, picked) in framework.sections.iter().zip(questions) {
        let label = format!("  {}: ", sanitize(&section.heading));
        let take = if every { picked.len() } else { 1 };
        for (i, q) in picked.into_iter().take(take).enumerate() {
            let room = settings
                .listing_width()
                .map(|w| w.saturating_sub(width(&label)));
            if i == 0 {
                out.styled(style::DIM, &label)?;
            } else {
                write!(out, "{}", " ".repeat(width(&label)))?;
            }
            let text = sanitize(&q.text);
            writeln!(
                out,
                "{}",
                room.map_or_else(|| text.to_string(), |r| shorten(&text, r))
            )?;
        }
    }
    Ok(())
}

/// How many of `total` lines a block of at most `max` shows: all when
/// they fit, else one fewer, for the line saying how many more.
fn fitting(total: usize, max: usize) -> usize {
    if total > max {
        max.saturating_sub(1)
    } else {
        total
    }
}

/// `line` cut to the terminal's width with `…`; whole when piped.
fn cut(line: &str, settings: &Settings) -> String {
    settings
        .listing_width()
        .map_or_else(|| line.to_string(), |w| shorten(line, w))
}

/// "Ask today": the questions `new PERSON` writes today (the brief shows
/// the first of each section), picked the same
/// way ([`bank::suggest`]): the notebook's framework, its questions per
/// section, the questions of the `recent` notes avoided, seeded with
/// `--seed` or else from the person and the date.
fn ask_today<'b>(
    notebook: &Notebook,
    bank: &'b Bank,
    slug: &str,
    settings: &Settings,
    recent: &[&str],
) -> Result<(&'b crate::bank::Framework, Vec<Vec<&'b Question>>)> {
    let framework = bank.framework(bank::framework_name(None, &notebook.config))?;
    let seed = settings
        .seed
        .unwrap_or_else(|| bank::default_seed(slug, settings.today));
    let per_section = notebook.config.questions_per_section();
    Ok((
        framework,
        bank::suggest(bank, framework, per_section, seed, recent),
    ))
}

/// Name and role; the last 1:1, the count, the cadence, the next due date.
fn header(summary: &crate::people::Summary, settings: &Settings, out: &mut Output) -> Result<()> {
    let today = settings.today;
    let mut name = sanitize(&summary.name).into_owned();
    if let Some(role) = &summary.role {
        name = format!("{name} · {}", sanitize(role));
    }
    out.styled(style::HEADING, cut(&name, settings))?;
    writeln!(out)?;
    // When the next 1:1 is comes first: on a narrow terminal the line is
    // cut at its end.
    let (status, late) = match summary.next_due {
        _ if summary.away_until.is_some() => (
            format!(
                "Away until {}, due {}",
                summary.away_until.unwrap_or(today),
                summary.meet_from(today)
            ),
            false,
        ),
        None => ("First 1:1 to hold".to_string(), false),
        Some(due) if summary.overdue => {
            let late = today.signed_duration_since(due).num_days();
            (format!("Overdue {} (due {due})", days_word(late)), true)
        }
        Some(due) if summary.ready => {
            let days = due.signed_duration_since(today).num_days();
            (format!("Next {due}, {}, note ready", age(-days)), false)
        }
        Some(due) if due == today => ("Due today".to_string(), false),
        Some(due) => {
            let days = due.signed_duration_since(today).num_days();
            (format!("Due {due}, {}", age(-days)), false)
        }
    };
    let last = match (summary.last, summary.days_since) {
        (Some(last), Some(0)) => format!("last 1:1 {last} (today)"),
        (Some(last), Some(days)) if days < 0 => format!("last 1:1 {last} ({})", age(days)),
        (Some(last), Some(days)) => format!("last 1:1 {last} ({} ago)", days_word(days)),
        _ => "no 1:1 yet".to_string(),
    };
    let every = days_word(i64::from(summary.cadence_days));
    let rest = if summary.meetings == 0 && summary.last.is_none() {
        format!(" · every {every}")
    } else {
        format!(
            " · {last} · {} · every {every}",
            notes_word(summary.meetings)
        )
    };
    let rest = match settings.listing_width() {
        Some(w) => shorten(&rest, w.saturating_sub(width(&status))),
        None => rest,
    };
    if late {
        out.styled(style::ERROR, &status)?;
    } else {
        write!(out, "{status}")?;
    }
    writeln!(out, "{rest}")
}

/// The titled lists of follow-ups, each overdue first, then newest: at
/// most [`MAX_ITEMS`] items together, else one fewer and a line pointing
/// at `all`, the command that lists them all. Returns the rows written.
fn follow_up_lists(
    notebook: &Notebook,
    lists: [(&str, Vec<&FollowUp>); 4],
    (rows, settings): (usize, &Settings),
    all: &str,
    out: &mut Output,
) -> Result<usize> {
    let today = settings.today;
    let total: usize = lists.iter().map(|(_, l)| l.len()).sum();
    let headings = lists.iter().filter(|(_, l)| !l.is_empty()).count();
    // At most MAX_ITEMS items, and no more than the rows allow with the
    // headings; when some are left out, one of those rows says so.
    let most = MAX_ITEMS.min(rows.saturating_sub(headings)).max(1);
    let shown = fitting(total, most);
    let mut left = shown;
    let mut written = 0;
    for (title, mut list) in lists {
        if list.is_empty() {
            continue;
        }
        list.sort_by(|a, b| followup::overdue_first(a, b, today));
        heading(out, title, list.len())?;
        written += 1;
        for item in list.iter().take(left) {
            print_item(notebook, today, item, settings.listing_width(), out)?;
            written += 1;
        }
        left = left.saturating_sub(list.len());
    }
    let hidden = total - shown;
    more(out, hidden, all, settings)?;
    Ok(written + usize::from(hidden > 0))
}

/// "Last time": what was said in the last note held (the lines people
/// wrote, [`crate::said`]), by section, with the note they are from; none
/// when nothing was said. Its Follow-ups section is left out: the open
/// items are listed above. Never a private part: what
/// `export --shared` leaves out is never quoted. With `shared` the lines
/// are read from the shared copy itself, or there are none when there is
/// no copy.
fn last_time<'n>(
    notebook: &Notebook,
    notes: &'n PersonNotes,
    bank: &Bank,
    rules: &Sharing,
    shared: bool,
    settings: &Settings,
) -> Result<Option<(&'n crate::notebook::Meeting, Vec<Said>)>> {
    // A note prepared for an upcoming 1:1 is not "last time".
    let held = notes.last_before(settings.today);
    let Some((last, text)) = held.and_then(|n| Some((&n.meeting, n.text()?))) else {
        return Ok(None);
    };
    let copy;
    let text = if shared {
        let Ok(shared) = share::shared_copy_of(notebook, &last.rel) else {
            return Ok(None);
        };
        copy = shared;
        copy.as_str()
    } else {
        text
    };
    let private = if shared {
        Vec::new()
    } else {
        share::private_ranges(&Note::split(text), rules)
    };
    let lines: Vec<Said> = crate::said::said(text, Some(last.date), &TemplateText::of(bank))
        .into_iter()
        .filter(|l| !share::touches(&private, &(l.start..l.start + 1)))
        // What was written, not the question it answers: a screen has no
        // room for the template's words.
        .filter(|l| !l.asked)
        // The open follow-ups are listed above: each item once.
        .filter(|l| {
            !l.section
                .as_deref()
                .is_some_and(|s| s.eq_ignore_ascii_case("follow-ups"))
        })
        .collect();
    Ok((!lines.is_empty()).then_some((last, lines)))
}

/// Prints "Last time" in at most `rows` rows (its heading included,
/// which points at the note when lines are left out).
fn print_last_time(
    notebook: &Notebook,
    last: &crate::notebook::Meeting,
    lines: &[Said],
    (rows, settings): (usize, &Settings),
    out: &mut Output,
) -> Result<()> {
    // Beyond its rows, the heading says where the rest is.
    let shown = lines.len().min(rows.saturating_sub(1));
    out.styled(style::HEADING, format_args!("Last time ({})", last.date))?;
    if shown < lines.len() {
        let left_out = lines.len() - shown;
        let rest = format!(
            " · {}: {}",
            if shown == 0 {
                crate::render::plural(left_out, "line")
            } else {
                format!("{left_out} more")
            },
            notebook.show(&last.rel).display()
        );
        let room = settings
            .listing_width()
            .map(|w| w.saturating_sub(width("Last time (YYYY-MM-DD)")));
        out.styled(
            style::DIM,
            room.map_or_else(|| rest.clone(), |r| shorten(&rest, r)),
        )?;
    }
    writeln!(out)?;
    let mut section: Option<&str> = None;
    let mut indent = 0;
    // The indent every shown line of a section has goes: an answer
    // written under a question left out reads on its own, and one under a
    // line still shown stays under it.
    // Counted in columns as shown, not bytes: lines may start with
    // different blanks (an em space is three bytes and one column, an
    // ideographic space two columns), and the cut falls between
    // characters. A blank is one column at least (a tab too).
    let columns = |c: char| crate::render::char_width(c).max(1);
    let lead = |l: &Said| -> usize {
        l.text
            .chars()
            .take_while(|c| c.is_whitespace())
            .map(columns)
            .sum()
    };
    let mut strip = 0;
    for (i, line) in lines[..shown].iter().enumerate() {
        let this = line.section.as_deref().unwrap_or("");
        if section != Some(this) {
            strip = lines[i..shown]
                .iter()
                .take_while(|l| l.section.as_deref().unwrap_or("") == this)
                .map(lead)
                .min()
                .unwrap_or(0);
        }
        // The section is named on its first line; the others line up.
        if section == Some(this) {
            write!(out, "  {}", " ".repeat(indent))?;
        } else {
            section = Some(this);
            let label = if this.is_empty() {
                String::new()
            } else {
                format!("{}: ", sanitize(this))
            };
            indent = width(&label);
            out.styled(style::DIM, format_args!("  {label}"))?;
        }
        // The leading blanks that fit in the columns taken off.
        let mut taken = 0;
        let cut = line
            .text
            .char_indices()
            .find(|&(_, c)| {
                let fits = c.is_whitespace() && taken + columns(c) <= strip;
                taken += columns(c);
                !fits
            })
            .map_or(line.text.len(), |(at, _)| at);
        let text = sanitize(&line.text[cut..]);
        let room = settings
            .listing_width()
            .map(|w| w.saturating_sub(2 + indent));
        writeln!(
            out,
            "{}",
            room.map_or_else(|| text.to_string(), |r| shorten(&text, r))
        )?;
    }
    Ok(())
}

/// The short form of `oneonone patterns`: stuck follow-ups, the longest
/// gap against the cadence, and with `checkins` the latest check-in;
/// none when there is nothing to say.
fn patterns_line(
    notes: &PersonNotes,
    history: &[CheckIn],
    summary: &crate::people::Summary,
    open: &[FollowUp],
    today: NaiveDate,
    checkins: bool,
) -> Option<String> {
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
    (!parts.is_empty()).then(|| parts.join(" · "))
}

fn heading(out: &mut Output, title: &str, count: usize) -> Result<()> {
    out.styled(style::HEADING, title)?;
    out.styled(style::DIM, format_args!(" ({count})"))?;
    writeln!(out)
}

/// "… and N more: `hint`" when `hidden` is more than none.
fn more(out: &mut Output, hidden: usize, hint: &str, settings: &Settings) -> Result<()> {
    if hidden > 0 {
        let line = format!("  … and {hidden} more: {hint}");
        out.styled(style::DIM, cut(&line, settings))?;
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

/// Tags (the frontmatter's and inline `#tags`) found in two or more of the notes, most frequent first.
fn recurring_tags(notes: &[&str]) -> Vec<(String, usize)> {
    // Only the totals count here, not the quarters: any date will do.
    let tagged = notes.iter().map(|text| {
        let note = Note::split(text);
        let fm = note.frontmatter_lenient(Path::new("")).0;
        let mut tags = fm.tags;
        tags.extend(crate::said::inline_tags(text, fm.date));
        (tags, NaiveDate::MIN)
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
}
