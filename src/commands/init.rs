//! `oneonone init [DIR]`: make a folder a notebook by writing a commented
//! oneonone.yaml (an existing one is never overwritten), and record it as
//! the user's default notebook when their config file names none yet.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use crate::cli::InitArgs;
use crate::commands::Outcome;
use crate::config::{CONFIG_FILE, CONFIG_TEMPLATE, UserConfig};
use crate::error::{Error, Result};
use crate::output::{Output, shell_quoted};
use crate::settings::{DirSource, Settings};

/// Writes `DIR/oneonone.yaml`, prints its path, and records DIR as the
/// default notebook unless `--no-default` or one is set already.
///
/// # Errors
/// The file exists already, the folder or file cannot be written, or the
/// user's config file cannot be read or does not parse (then nothing is
/// written).
pub fn run(args: &InitArgs, settings: &Settings, out: &mut Output) -> Result<Outcome> {
    let shown_dir = match (&args.dir, &settings.dir) {
        (Some(dir), _) | (None, DirSource::Flag(dir) | DirSource::Env(dir)) => dir.clone(),
        (None, DirSource::Discover) => PathBuf::new(),
    };
    let dir = settings.cwd.join(&shown_dir);
    let shown = shown_dir.join(CONFIG_FILE);
    // Read first: a config file that does not parse stops init before it
    // writes anything.
    let user_file = match (&settings.user_config, args.no_default) {
        (Some(path), false) => Some(UserFile::read(path, settings)?),
        _ => None,
    };
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
    // The folder as a shell reads it back, with the home folder as `~`.
    let cd = if shown_dir.as_os_str().is_empty() {
        String::new()
    } else {
        let dir = settings.tilde(&shown_dir);
        let word = match dir.strip_prefix("~") {
            Ok(rest) if dir != shown_dir && rest.as_os_str().is_empty() => "~".to_string(),
            Ok(rest) if dir != shown_dir => {
                format!("~/{}", shell_quoted(&rest.to_string_lossy()))
            }
            _ => shell_quoted(&dir.to_string_lossy()),
        };
        format!("cd {word} && ")
    };
    out.notice(format_args!(
        "created {}\n  next: {cd}oneonone new \"<name>\" writes your first note",
        settings.tilde(&shown).display()
    ));
    if args.no_default {
        return Ok(Outcome::Done);
    }
    let folder = dir.canonicalize().unwrap_or(dir);
    match user_file {
        Some(file) => {
            if let Err(e) = file.record(&folder, settings, out) {
                out.warn(&e);
            }
        }
        None => out.notice(format_args!(
            "no default notebook recorded: no home folder is known, so there is no config file \
             to keep it in; set ONEONONE_DIR={} instead",
            folder.display()
        )),
    }
    Ok(Outcome::Done)
}

/// The user's config file as `init` read it, before writing anything.
struct UserFile {
    path: PathBuf,
    shown: PathBuf,
    bytes: Option<Vec<u8>>,
    config: UserConfig,
}

impl UserFile {
    fn read(path: &Path, settings: &Settings) -> Result<Self> {
        let shown = settings.tilde(path);
        let (bytes, config) = UserConfig::read(path, &shown)?;
        Ok(UserFile {
            path: path.to_path_buf(),
            shown,
            bytes,
            config,
        })
    }

    /// Records `folder` as the default notebook, unless the file names one
    /// already; adds the one line to the file (or makes the file and its
    /// folder, private), atomically, every other byte kept.
    fn record(self, folder: &Path, settings: &Settings, out: &mut Output) -> Result<()> {
        let shown_folder = settings.tilde(folder);
        if let Some(named) = self.config.notebook_path(settings.home.as_deref()) {
            let same = named == folder || named.canonicalize().is_ok_and(|n| n == folder);
            if !same {
                out.notice(format_args!(
                    "default notebook unchanged: {} names {}; to make {} the default, \
                     change that `notebook:` line",
                    self.shown.display(),
                    self.config.notebook.as_deref().unwrap_or_default(),
                    shown_folder.display()
                ));
            }
            return Ok(());
        }
        let before = self
            .bytes
            .as_deref()
            .map(|b| std::str::from_utf8(b).unwrap_or_default());
        let Some(after) = UserConfig::with_notebook(before.unwrap_or_default(), folder) else {
            out.notice(format_args!(
                "no default notebook recorded: oneonone cannot add a `notebook:` line to {} \
                 as it is; add `notebook: {}` to it yourself",
                self.shown.display(),
                folder.display()
            ));
            return Ok(());
        };
        if self.bytes.is_none()
            && let Some(parent) = self.path.parent()
        {
            crate::fs::create_dir_private(parent).map_err(|e| {
                Error::io(
                    self.shown.parent().unwrap_or(&self.shown),
                    "cannot create the folder",
                    e,
                )
            })?;
        }
        let mut change = crate::fs::Transaction::new();
        change.push(crate::fs::Change {
            path: self.path,
            shown: self.shown.clone(),
            before: self.bytes,
            after: after.into_bytes(),
        });
        change.commit()?;
        out.notice(format_args!(
            "default notebook: {}, recorded in {}",
            shown_folder.display(),
            self.shown.display()
        ));
        Ok(())
    }
}
