//! `oneonone init [DIR]`: make a folder a notebook by writing a commented
//! oneonone.yaml. An existing one is never overwritten.

use std::io::ErrorKind;
use std::path::PathBuf;

use crate::cli::InitArgs;
use crate::commands::Outcome;
use crate::config::{CONFIG_FILE, CONFIG_TEMPLATE};
use crate::error::{Error, Result};
use crate::output::Output;
use crate::settings::{DirSource, Settings};

/// Writes `DIR/oneonone.yaml` and prints its path.
///
/// # Errors
/// The file exists already, or the folder or file cannot be written.
pub fn run(args: &InitArgs, settings: &Settings, out: &mut Output) -> Result<Outcome> {
    let shown_dir = match (&args.dir, &settings.dir) {
        (Some(dir), _) | (None, DirSource::Flag(dir) | DirSource::Env(dir)) => dir.clone(),
        (None, DirSource::Discover) => PathBuf::new(),
    };
    let dir = settings.cwd.join(&shown_dir);
    let shown = shown_dir.join(CONFIG_FILE);
    crate::fs::create_dir_private(&dir)
        .map_err(|e| Error::io(&shown_dir, "cannot create the folder", e))?;
    match crate::fs::write_new(&dir.join(CONFIG_FILE), CONFIG_TEMPLATE.as_bytes()) {
        Ok(()) => {}
        Err(e) if e.kind() == ErrorKind::AlreadyExists => {
            return Err(Error::Exists { path: shown });
        }
        Err(e) => return Err(Error::io(&shown, "cannot write", e)),
    }
    writeln!(out, "{}", shown.display())?;
    let cd = if shown_dir.as_os_str().is_empty() {
        String::new()
    } else {
        format!("cd {} && ", shown_dir.display())
    };
    out.notice(format_args!(
        "created {}; next: {cd}oneonone new \"<name>\" writes your first note",
        shown.display()
    ));
    Ok(Outcome::Done)
}
