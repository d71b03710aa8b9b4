//! `oneonone trends PERSON`: where a person sits on the flow chart and how
//! their energy moved, in the terminal, and with `--svg FILE` as a picture.

use std::io::ErrorKind;

use crate::chart::{self, ASCII, UNICODE};
use crate::checkin::{self, CheckIn};
use crate::cli::TrendsArgs;
use crate::commands::Outcome;
use crate::error::{Error, Result};
use crate::notebook::Notebook;
use crate::output::{Output, Shown, sanitize, style};
use crate::settings::Settings;

/// Prints the charts (and writes the SVG).
///
/// # Errors
/// The person cannot be resolved, the SVG cannot be written (or its file
/// exists), or standard output cannot be written.
pub fn run(args: &TrendsArgs, settings: &Settings, out: &mut Output) -> Result<Outcome> {
    let notebook = Notebook::open(settings, false)?;
    let (person, mut notes) =
        crate::person::Person::resolve_with_notes(&notebook, &args.person, &mut |e| out.warn(&e))?;
    let mut checkins: Vec<CheckIn> = checkin::history(&notebook, &mut notes, &mut |e| out.warn(&e));
    let recorded = checkins.len();
    if let Some(since) = args.since {
        let since = since.on(settings.today);
        checkins.retain(|c| c.date >= since);
    }
    if let Some(last) = args.last {
        checkins.drain(..checkins.len().saturating_sub(last));
    }
    let name = sanitize(&person.name).into_owned();
    // `--svg -`: the picture is the output, the charts are left out.
    let svg_to_stdout = args.svg.as_deref() == Some(std::path::Path::new("-"));
    if svg_to_stdout {
        out.print_bytes(crate::svg::render(&person.name, &checkins).as_bytes())?;
    } else if let Some(path) = &args.svg {
        let picture = crate::svg::render(&person.name, &checkins);
        let target = settings.cwd.join(path);
        match crate::fs::write_new(&target, picture.as_bytes()) {
            Ok(()) => out.notice(format_args!("wrote {}", Shown(path))),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => {
                return Err(Error::Exists { path: path.clone() });
            }
            Err(e) => return Err(Error::io(path, "cannot write", e)),
        }
    }
    if checkins.is_empty() && recorded > 0 {
        out.notice(format_args!(
            "none of {name}'s {recorded} check-ins is in that range"
        ));
        return Ok(Outcome::Done);
    }
    if checkins.is_empty() {
        out.notice(format_args!(
            "no check-ins for {name} yet; record one with:\n  \
             oneonone checkin {} --energy 4 --challenge 3 --skill 3",
            person.slug
        ));
        return Ok(Outcome::Done);
    }
    if svg_to_stdout {
        return Ok(Outcome::Done);
    }
    let glyphs = if args.ascii { &ASCII } else { &UNICODE };
    let color = settings.color_stdout;
    let (first, last) = (checkins[0].date, checkins[checkins.len() - 1].date);
    out.styled(style::HEADING, &name)?;
    writeln!(
        out,
        ": {} check-in{}, {first} to {last}\n",
        checkins.len(),
        if checkins.len() == 1 { "" } else { "s" }
    )?;
    let flow = chart::flow_chart(&checkins, glyphs, color);
    if flow.is_empty() {
        writeln!(out, "  (no check-in has both challenge and skill yet)")?;
    } else {
        out.print_drawn(&flow)?;
    }
    let energy = chart::energy_line(&checkins, glyphs, settings.width);
    if !energy.is_empty() {
        write!(out, "\n{energy}")?;
    }
    Ok(Outcome::Done)
}
