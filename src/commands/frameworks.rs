//! `oneonone frameworks`: the frameworks a note can follow, from the
//! built-in bank and the notebook's own.

use crate::bank::Bank;
use crate::commands::Outcome;
use crate::error::Result;
use crate::output::{Output, sanitize, style};
use crate::settings::Settings;

/// Lists the frameworks.
///
/// # Errors
/// The bank is broken, or standard output cannot be written.
pub fn run(settings: &Settings, out: &mut Output) -> Result<Outcome> {
    let (bank, default) = Bank::for_settings(settings)?;
    for (i, f) in bank.frameworks.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        out.styled(style::HEADING, &f.name)?;
        if f.name == default {
            out.styled(style::DIM, " (default)")?;
        }
        writeln!(out, "  {}", sanitize(f.title_or_name()))?;
        if !f.description.is_empty() {
            writeln!(out, "  {}", sanitize(&f.description))?;
        }
        let headings: Vec<&str> = f.sections.iter().map(|s| s.heading.as_str()).collect();
        out.styled(
            style::DIM,
            format_args!("  sections: {}", sanitize(&headings.join(" · "))),
        )?;
        writeln!(out)?;
    }
    Ok(Outcome::Done)
}
