//! `oneonone frameworks`: the frameworks a note can follow, from the
//! built-in bank and the notebook's own.

use crate::bank::{Bank, DEFAULT_FRAMEWORK};
use crate::commands::Outcome;
use crate::error::{Error, Result};
use crate::notebook::Notebook;
use crate::output::{Output, sanitize, style};
use crate::settings::{DirSource, Settings};

/// Lists the frameworks.
///
/// # Errors
/// The bank is broken, or standard output cannot be written.
pub fn run(settings: &Settings, out: &mut Output) -> Result<Outcome> {
    let (bank, default) = bank_and_framework(settings)?;
    for (i, f) in bank.frameworks.iter().enumerate() {
        if i > 0 {
            out.print(format_args!("\n"))?;
        }
        out.styled(style::HEADING, &f.name)?;
        if f.name == default {
            out.styled(style::DIM, " (default)")?;
        }
        out.print(format_args!("  {}\n", sanitize(f.title_or_name())))?;
        if !f.description.is_empty() {
            out.print(format_args!("  {}\n", sanitize(&f.description)))?;
        }
        let headings: Vec<&str> = f.sections.iter().map(|s| s.heading.as_str()).collect();
        out.styled(
            style::DIM,
            format_args!("  sections: {}", sanitize(&headings.join(" · "))),
        )?;
        out.print(format_args!("\n"))?;
    }
    Ok(Outcome::Done)
}

/// The bank and the default framework's name: the notebook's when there is
/// one; the built-in ones when no notebook was named and the current folder
/// is not one.
///
/// # Errors
/// A named notebook is missing, or the bank or settings are broken.
pub fn bank_and_framework(settings: &Settings) -> Result<(Bank, String)> {
    match Notebook::open(settings, false) {
        Ok(nb) => Ok((
            Bank::load(nb.root(), nb.shown())?,
            nb.config
                .framework
                .clone()
                .unwrap_or_else(|| DEFAULT_FRAMEWORK.into()),
        )),
        Err(Error::NoNotebook { .. }) if settings.dir == DirSource::Discover => {
            Ok((Bank::built_in(), DEFAULT_FRAMEWORK.into()))
        }
        Err(e) => Err(e),
    }
}
