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
    let (person, mut notes) = crate::person::Person::resolve_with_notes(&notebook, &args.person)?;
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
            out.print(format_args!(": {} notes, {first} to {last}\n", p.notes))?;
        }
        _ => out.print(format_args!(": no 1:1 notes yet\n"))?,
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
        out.print(format_args!("  {:width$}", ""))?;
        for q in &quarters {
            out.print(format_args!("  {q}"))?;
        }
        out.print(format_args!("  total\n"))?;
        for t in &p.tags {
            out.print(format_args!(
                "  {}",
                crate::render::pad(&sanitize(&t.tag), width)
            ))?;
            for q in &quarters {
                let n = t
                    .by_quarter
                    .get(*q)
                    .map_or_else(|| "-".to_string(), ToString::to_string);
                out.print(format_args!("  {n:>7}"))?;
            }
            out.print(format_args!("  {:>5}\n", t.total))?;
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
        out.print(format_args!("  none\n"))?;
    }
    for s in &p.stuck {
        out.print(format_args!("  "))?;
        out.styled(
            style::PATH,
            Shown(&notebook.show(std::path::Path::new(&s.path))),
        )?;
        out.print(format_args!(":"))?;
        out.styled(style::LINE, s.line)?;
        out.print(format_args!(": {} ", sanitize(&s.text)))?;
        out.styled(
            style::WARNING,
            format_args!("(carried {} times)", s.carried),
        )?;
        out.print(format_args!("\n"))?;
    }

    Ok(())
}

/// The longest gaps against the cadence.
fn print_gaps(p: &Patterns, out: &mut Output) -> Result<()> {
    section(
        out,
        &format!(
            "Longest gaps between 1:1s (cadence {} days)",
            p.cadence_days
        ),
    )?;
    if p.gaps.is_empty() {
        out.print(format_args!("  none yet\n"))?;
    }
    for g in &p.gaps {
        let to = if g.ongoing {
            "today".to_string()
        } else {
            g.to.to_string()
        };
        out.print(format_args!(
            "  {} → {to:<10}  {:>8}",
            g.from,
            crate::render::days_word(g.days)
        ))?;
        if g.over > 0 {
            out.styled(style::WARNING, format_args!("  {} over", g.over))?;
        }
        out.print(format_args!("\n"))?;
    }

    Ok(())
}

/// Check-in averages per quarter, as a table.
fn print_checkins(p: &Patterns, out: &mut Output) -> Result<()> {
    if !p.checkins.is_empty() {
        section(out, "Check-ins by quarter (averages)")?;
        out.print(format_args!("  quarter    n  energy  challenge  skill\n"))?;
        let f = |v: Option<f64>| v.map_or_else(|| "-".to_string(), |v| format!("{v:.1}"));
        for q in &p.checkins {
            out.print(format_args!(
                "  {}  {:>2}  {:>6}  {:>9}  {:>5}\n",
                q.quarter,
                q.count,
                f(q.energy),
                f(q.challenge),
                f(q.skill)
            ))?;
        }
    }
    Ok(())
}

fn section(out: &mut Output, title: &str) -> Result<()> {
    out.print(format_args!("\n"))?;
    out.styled(style::HEADING, title)?;
    out.print(format_args!("\n"))
}
