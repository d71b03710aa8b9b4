//! `oneonone zones PERSON`: the person's latest zone-of-genius map as a
//! grid in the terminal, or with `--svg FILE` as a picture (then only a
//! notice is printed), with what moved since the previous map.

use std::io::ErrorKind;

use crate::cli::ZonesArgs;
use crate::commands::Outcome;
use crate::error::{Error, Result};
use crate::notebook::{Notebook, slash_path};
use crate::output::{Output, Shown, sanitize, style};
use crate::settings::Settings;
use crate::zones::grid::{ASCII, UNICODE};

/// Prints the map (and writes the SVG).
///
/// # Errors
/// The person cannot be resolved, the SVG cannot be written (or its file
/// exists), or standard output cannot be written.
pub fn run(args: &ZonesArgs, settings: &Settings, out: &mut Output) -> Result<Outcome> {
    let notebook = Notebook::open(settings, false)?;
    let (person, mut notes) =
        crate::person::Person::resolve_with_notes(&notebook, &args.person, &mut |e| out.warn(&e))?;
    let maps = crate::zones::maps(&notebook, &mut notes, &mut |e| out.warn(&e));
    let name = sanitize(&person.name).into_owned();
    let Some((latest, earlier)) = maps.split_last() else {
        let start = crate::commands::command_line(
            settings,
            [
                "new".to_string(),
                person.slug.clone(),
                "--framework".into(),
                crate::zones::FRAMEWORK.into(),
            ],
        );
        out.notice(format_args!(
            "no zone-of-genius map for {name} yet; start one with:\n  \
             {start}\n  \
             (a map is a table `| activity | skill | joy |` with a row filled in)"
        ));
        return Ok(Outcome::Done);
    };
    let previous = earlier.last();
    if let Some(path) = &args.svg {
        let picture = crate::zones::svg::render(&person.name, latest, previous);
        if path.as_os_str() == "-" {
            out.print_bytes(picture.as_bytes())?;
            return Ok(Outcome::Done);
        }
        let target = settings.cwd.join(path);
        match crate::fs::write_new(&target, picture.as_bytes()) {
            // The picture was asked for: the grid is for a run without it.
            Ok(()) => {
                out.notice(format_args!("wrote {}", Shown(path)));
                return Ok(Outcome::Done);
            }
            Err(e) if e.kind() == ErrorKind::AlreadyExists => {
                return Err(Error::Exists { path: path.clone() });
            }
            Err(e) => return Err(Error::io(path, "cannot write", e)),
        }
    }
    out.styled(style::HEADING, &name)?;
    writeln!(
        out,
        ": zone of genius, {} ({})\n",
        latest.date,
        sanitize(&slash_path(&latest.path))
    )?;
    let glyphs = if args.ascii { &ASCII } else { &UNICODE };
    out.print_drawn(&crate::zones::grid::draw(
        latest,
        previous,
        glyphs,
        settings.color_stdout,
    ))?;
    Ok(Outcome::Done)
}
