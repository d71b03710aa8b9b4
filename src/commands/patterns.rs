//! `oneonone patterns PERSON [--json]`: tags over time, follow-ups carried
//! again and again, the longest gaps against the cadence, and check-in
//! averages per quarter.

use crate::checkin;
use crate::cli::PatternsArgs;
use crate::commands::Outcome;
use crate::error::Result;
use crate::followup;
use crate::notebook::Notebook;
use crate::output::{Output, Shown, sanitize, style};
use crate::patterns::{self, Patterns, STUCK_AFTER};
use crate::settings::Settings;

/// Prints the patterns.
///
/// # Errors
/// The person cannot be resolved, or standard output cannot be written.
pub fn run(args: &PatternsArgs, settings: &Settings, out: &mut Output) -> Result<Outcome> {
    let notebook = Notebook::open(settings, false)?;
    // Every note of theirs is read here, once, for all that follows.
    let (person, mut notes) =
        crate::person::Person::resolve_with_notes(&notebook, &args.person, &mut |e| out.warn(&e))?;
    let open = followup::scan_folder(&notebook, &person.slug, &mut |e| out.warn(&e));
    let summary =
        crate::people::summarize_notes(&notebook, &notes, &open, settings.today, &mut |e| {
            out.warn(&e);
        });
    let history = checkin::history(&notebook, &mut notes, &mut |e| out.warn(&e));
    let found = patterns::analyze(
        &notes,
        &history,
        &summary.name,
        summary.cadence_days,
        &summary.away,
        &open,
        settings.today,
    );
    if args.json {
        out.json(&found)?;
        return Ok(Outcome::Done);
    }
    print(&notebook, &found, out)?;
    Ok(Outcome::Done)
}

fn print(notebook: &Notebook, p: &Patterns, out: &mut Output) -> Result<()> {
    out.styled(style::HEADING, sanitize(&p.person))?;
    match (p.first, p.last) {
        (Some(first), Some(last)) => {
            let notes = crate::render::plural(p.notes, "note");
            writeln!(out, ": {notes}, {first} to {last}")?;
        }
        _ => writeln!(out, ": no 1:1 notes yet")?,
    }

    print_tags(p, out)?;
    print_stuck(notebook, p, out)?;
    print_gaps(p, out)?;
    print_checkins(p, out)
}

/// Each tag's notes per quarter, as a table.
fn print_tags(p: &Patterns, out: &mut Output) -> Result<()> {
    if !p.tags.is_empty() {
        let mut quarters: Vec<&String> = p.tags.iter().flat_map(|t| t.by_quarter.keys()).collect();
        quarters.sort();
        quarters.dedup();
        let width = p
            .tags
            .iter()
            .map(|t| crate::render::width(&sanitize(&t.tag)))
            .max()
            .unwrap_or(0)
            .max(4);
        section(out, "Tags by quarter (notes)")?;
        write!(out, "  {:width$}", "")?;
        for q in &quarters {
            write!(out, "  {q}")?;
        }
        writeln!(out, "  total")?;
        for t in &p.tags {
            write!(out, "  {}", crate::render::pad(&sanitize(&t.tag), width))?;
            for q in &quarters {
                let n = t
                    .by_quarter
                    .get(*q)
                    .map_or_else(|| "-".to_string(), ToString::to_string);
                write!(out, "  {n:>7}")?;
            }
            writeln!(out, "  {:>5}", t.total)?;
        }
    }

    Ok(())
}

/// The follow-ups carried again and again.
fn print_stuck(notebook: &Notebook, p: &Patterns, out: &mut Output) -> Result<()> {
    section(
        out,
        &format!("Follow-ups carried over {STUCK_AFTER} times or more"),
    )?;
    if p.stuck.is_empty() {
        writeln!(out, "  none")?;
    }
    for s in &p.stuck {
        write!(out, "  ")?;
        out.styled(
            style::PATH,
            Shown(&notebook.show(std::path::Path::new(&s.path))),
        )?;
        write!(out, ":")?;
        out.styled(style::LINE, s.line)?;
        write!(out, ": {} ", sanitize(&s.text))?;
        out.styled(
            style::WARNING,
            format_args!("(carried {} times)", s.carried),
        )?;
        writeln!(out)?;
    }

    Ok(())
}

/// The longest gaps against the cadence.
fn print_gaps(p: &Patterns, out: &mut Output) -> Result<()> {
    section(
        out,
        &format!(
            "Longest gaps between 1:1s (cadence {})",
            crate::render::days_word(i64::from(p.cadence_days))
        ),
    )?;
    if p.gaps.is_empty() {
        writeln!(out, "  none yet")?;
    }
    for g in &p.gaps {
        let to = if g.ongoing {
            "today".to_string()
        } else {
            g.to.to_string()
        };
        write!(
            out,
            "  {} → {to:<10}  {:>8}",
            g.from,
            crate::render::days_word(g.days)
        )?;
        if g.away > 0 {
            write!(out, "  ({} away)", crate::render::days_word(g.away))?;
        }
        if g.over > 0 {
            out.styled(style::WARNING, format_args!("  {} over", g.over))?;
        }
        writeln!(out)?;
    }

    Ok(())
}

/// Check-in averages per quarter, as a table.
fn print_checkins(p: &Patterns, out: &mut Output) -> Result<()> {
    if !p.checkins.is_empty() {
        section(out, "Check-ins by quarter (averages)")?;
        writeln!(out, "  quarter    n  energy  challenge  skill")?;
        let f = |v: Option<f64>| v.map_or_else(|| "-".to_string(), |v| format!("{v:.1}"));
        for q in &p.checkins {
            writeln!(
                out,
                "  {}  {:>2}  {:>6}  {:>9}  {:>5}",
                q.quarter,
                q.count,
                f(q.energy),
                f(q.challenge),
                f(q.skill)
            )?;
        }
    }
    Ok(())
}

fn section(out: &mut Output, title: &str) -> Result<()> {
    writeln!(out)?;
    out.styled(style::HEADING, title)?;
    writeln!(out)
}
