//! The review as Markdown, ready to paste: headings, lists and tables as
//! GitHub shows them. Note text goes through the one sanitizer
//! ([`crate::output::sanitize`]) and stays Markdown as written.

use std::fmt::Write as _;

use super::{Item, Review, STUCK_AFTER};
use crate::output::sanitize;

/// The document.
#[must_use]
pub fn render(review: &Review) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# {}\n", sanitize(&title(review)));
    meetings(review, &mut s);
    themes(review, &mut s);
    lift(review, &mut s);
    follow_ups(review, &mut s);
    checkins(review, &mut s);
    zones(review, &mut s);
    let end = s.trim_end().len();
    s.truncate(end);
    s.push('\n');
    s
}

/// "Bob: 1:1s from 2026-09-01 to 2026-10-31".
#[must_use]
pub fn title(review: &Review) -> String {
    format!(
        "{}: 1:1s from {} to {}{}",
        review.name,
        review.since,
        review.until,
        if review.shared { " (shared)" } else { "" }
    )
}

/// "held 4 of 4 expected (every 14 days, 10 days away)".
#[must_use]
pub fn held_line(review: &Review) -> String {
    let m = &review.meetings;
    let mut line = format!(
        "{} held, {} expected (every {}",
        crate::render::plural(m.held, "1:1"),
        m.expected,
        crate::render::days_word(i64::from(m.cadence_days))
    );
    if m.days_away > 0 {
        let _ = write!(
            line,
            ", {} away not counted",
            crate::render::days_word(m.days_away)
        );
    }
    line.push_str(").");
    line
}

/// Each gap over the cadence as "2026-01-21 to 2026-03-04: 42 days,
/// 20 of them away: 8 over the cadence".
#[must_use]
pub fn gap_lines(review: &Review) -> Vec<String> {
    review
        .meetings
        .gaps
        .iter()
        .map(|g| {
            let mut line = format!(
                "{} to {}: {}",
                g.from,
                g.to,
                crate::render::days_word(g.days)
            );
            if g.away > 0 {
                let _ = write!(line, ", {} of them away", g.away);
            }
            let _ = write!(line, ": {} over the cadence", g.over);
            line
        })
        .collect()
}

/// The title of the gaps' list; with `: none.` when there is none.
pub const GAPS_TITLE: &str = "Gaps over the cadence";

fn meetings(review: &Review, s: &mut String) {
    let _ = writeln!(s, "## Meetings\n\n{}\n", held_line(review));
    let gaps = gap_lines(review);
    if gaps.is_empty() {
        let _ = writeln!(s, "{GAPS_TITLE}: none.\n");
        return;
    }
    let _ = writeln!(s, "{GAPS_TITLE}:\n");
    for g in gaps {
        let _ = writeln!(s, "- {g}");
    }
    s.push('\n');
}

/// "growth (3), on-call (2)".
#[must_use]
pub fn counted(list: &[(String, usize)]) -> String {
    list.iter()
        .map(|(w, n)| format!("{} ({n})", sanitize(w)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn themes(review: &Review, s: &mut String) {
    let _ = writeln!(s, "## Themes\n");
    if !review.shared {
        let tags = if review.tags.is_empty() {
            "none".to_string()
        } else {
            counted(&review.tags)
        };
        let _ = writeln!(s, "- Tags: {tags}");
    }
    let words = if review.words.is_empty() {
        "none".to_string()
    } else {
        counted(&review.words)
    };
    let _ = writeln!(s, "- Words said in 3 meetings or more: {words}\n");
}

fn lift(review: &Review, s: &mut String) {
    let _ = writeln!(s, "## What was said under {}\n", super::LIFT);
    if review.lift.is_empty() {
        let _ = writeln!(s, "Nothing written under {} in the period.\n", super::LIFT);
    }
    for meeting in &review.lift {
        let _ = writeln!(s, "### {}\n", meeting.date);
        for line in &meeting.lines {
            // A heading of the note's under the date's: bold text.
            match &line.shape {
                super::Shape::Heading(title) => {
                    let _ = writeln!(s, "**{}**", sanitize(title));
                }
                _ => {
                    let _ = writeln!(s, "{}", sanitize(&line.text));
                }
            }
        }
        s.push('\n');
    }
}

/// A follow-up as listed: "Send the doc (2026-10-06)" for one
/// completed, "Write the runbook (since 2026-08-18)" for one open, with
/// how many times it was carried when `carried` says.
#[must_use]
pub fn item_line(item: &Item, open: bool, carried: Option<usize>) -> String {
    let (text, since) = item.shown();
    let date = if open {
        format!("since {since}")
    } else {
        item.date.to_string()
    };
    match carried {
        Some(n) => format!("{text} ({date}, carried {n} times)"),
        None => format!("{text} ({date})"),
    }
}

fn items(s: &mut String, title: &str, list: &[Item], (open, always): (bool, bool)) {
    if list.is_empty() && !always {
        return;
    }
    let _ = writeln!(s, "### {title}\n");
    if list.is_empty() {
        let _ = writeln!(s, "None.");
    }
    for item in list {
        let _ = writeln!(s, "- {}", sanitize(&item_line(item, open, None)));
    }
    s.push('\n');
}

fn follow_ups(review: &Review, s: &mut String) {
    let _ = writeln!(s, "## Follow-ups\n");
    items(s, "Completed, theirs", &review.done.theirs, (false, true));
    items(s, "Completed, yours", &review.done.yours, (false, true));
    items(s, "Completed, others'", &review.done.others, (false, false));
    items(s, "Still open", &review.open, (true, true));
    let _ = writeln!(s, "### Carried {STUCK_AFTER} times or more\n");
    if review.stuck.is_empty() {
        let _ = writeln!(s, "None.");
    }
    for (item, n) in &review.stuck {
        let _ = writeln!(s, "- {}", sanitize(&item_line(item, true, Some(*n))));
    }
    s.push('\n');
}

/// A month's average, or `-`.
#[must_use]
pub fn average(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_string(), |v| format!("{v:.1}"))
}

fn checkins(review: &Review, s: &mut String) {
    let Some(list) = &review.checkins else {
        return;
    };
    let _ = writeln!(s, "## Check-ins\n");
    if list.is_empty() {
        let _ = writeln!(s, "No check-in in the period.\n");
        return;
    }
    let _ = writeln!(
        s,
        "| month | check-ins | energy | challenge | skill | zone |\n|---|--:|--:|--:|--:|---|"
    );
    for m in &review.months {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} |",
            m.name,
            m.count,
            average(m.energy),
            average(m.challenge),
            average(m.skill),
            m.zone.map_or("-", crate::checkin::Zone::name)
        );
    }
    s.push('\n');
}

/// "code review: excellence -> genius".
#[must_use]
pub fn move_line(m: &crate::zones::Move) -> String {
    use crate::zones::Move;
    match m {
        Move::Moved { activity, from, to } => format!("{activity}: {from} -> {to}"),
        Move::New { activity, zone } => format!("{activity}: new, {zone}"),
        Move::Dropped { activity, zone } => format!("{activity}: dropped (was {zone})"),
    }
}

/// What the zone-of-genius section says when the period has no map.
pub const NO_MAP: &str = "No zone-of-genius map in the period.";

fn zones(review: &Review, s: &mut String) {
    let _ = writeln!(s, "## Zone of genius\n");
    let Some(z) = &review.zones else {
        let _ = writeln!(s, "{NO_MAP}\n");
        return;
    };
    let _ = writeln!(s, "Latest map: {}.\n", z.latest.date);
    let _ = writeln!(s, "| activity | skill | joy | zone |\n|---|--:|--:|---|");
    for a in &z.latest.activities {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} |",
            sanitize(&a.name).replace('|', "\\|"),
            a.skill,
            a.joy,
            a.zone()
        );
    }
    s.push('\n');
    if let Some(previous) = &z.previous {
        let _ = writeln!(s, "Moved since {}:\n", previous.date);
        if z.moves.is_empty() {
            let _ = writeln!(s, "- nothing");
        }
        for m in &z.moves {
            let _ = writeln!(s, "- {}", sanitize(&move_line(m)));
        }
        s.push('\n');
    }
}
