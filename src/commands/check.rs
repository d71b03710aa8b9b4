//! `oneonone check [--json]`: validates the notebook. Exit 1 when it finds
//! problems, 0 when it is clean.

use std::path::Path;

use crate::check::{self, Problem};
use crate::cli::CheckArgs;
use crate::commands::Outcome;
use crate::error::Result;
use crate::notebook::Notebook;
use crate::output::{Output, Shown, sanitize, style};
use crate::settings::Settings;

/// Prints the problems.
///
/// # Errors
/// The notebook cannot be opened, or standard output cannot be written.
pub fn run(args: &CheckArgs, settings: &Settings, out: &mut Output) -> Result<Outcome> {
    let notebook = Notebook::open(settings, false)?;
    let mut problems: Vec<Problem> = Vec::new();
    let bank = check::load_bank(&notebook, &mut problems);
    problems.extend(check::check(&notebook, bank.as_ref()));
    check::links_and_leftovers(&notebook, &mut problems);
    problems.sort_by(|a, b| a.path.cmp(&b.path).then(a.line.cmp(&b.line)));
    if args.json {
        out.json(&problems)?;
    } else {
        for p in &problems {
            out.styled(style::PATH, Shown(&notebook.show(Path::new(&p.path))))?;
            if let Some(line) = p.line {
                write!(out, ":")?;
                out.styled(style::LINE, line)?;
            }
            writeln!(out, ": {}", sanitize(&p.problem))?;
            out.styled(style::DIM, format_args!("  fix: {}", p.fix))?;
            writeln!(out)?;
        }
    }
    if problems.is_empty() {
        out.notice(format_args!(
            "no problems found in {}",
            Shown(&notebook.shown_root())
        ));
        Ok(Outcome::Done)
    } else {
        let files: std::collections::BTreeSet<&str> =
            problems.iter().map(|p| p.path.as_str()).collect();
        out.notice(format_args!(
            "{} problem{} in {} file{}",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" },
            files.len(),
            if files.len() == 1 { "" } else { "s" }
        ));
        Ok(Outcome::Negative)
    }
}
