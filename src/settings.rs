//! Everything a command may know about the world, resolved once: the
//! notebook folder's sources (`--dir`, `$ONEONONE_DIR`, the user's own
//! config file), the home folder, today's date, and whether to colour.
//! Commands never read the environment, the clock or the terminal
//! themselves.

use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::cli::{Cli, ColorWhen};

/// What the process was started with, captured once.
#[derive(Debug, Clone)]
#[allow(clippy::struct_excessive_bools)] // each is one independent fact
pub struct Environment {
    /// The current directory.
    pub cwd: PathBuf,
    /// `$ONEONONE_DIR`, when set and not empty.
    pub oneonone_dir: Option<OsString>,
    /// `$NO_COLOR` is set to something.
    pub no_color: bool,
    /// `$TERM` is `dumb`.
    pub term_dumb: bool,
    /// Standard output is a terminal.
    pub stdout_is_terminal: bool,
    /// Standard error is a terminal.
    pub stderr_is_terminal: bool,
    /// Today, local time.
    pub today: NaiveDate,
    /// `$VISUAL`, else `$EDITOR`, when set and not empty.
    pub editor: Option<String>,
    /// Standard output's width in columns, when it is a terminal.
    pub terminal_width: Option<usize>,
    /// A random seed, for picks the user did not seed with `--seed`.
    pub random_seed: u64,
    /// The user's home folder, when known.
    pub home: Option<PathBuf>,
    /// Where oneonone keeps the state of a shared space (its lock), which
    /// never goes in the space: `$XDG_STATE_HOME/oneonone`, by default
    /// `~/.local/state/oneonone`.
    pub state_home: Option<PathBuf>,
    /// The user's own config file, [`USER_CONFIG`] in the platform's
    /// config folder, when a home folder is known.
    pub user_config: Option<PathBuf>,
}

/// The user's own config file, in their config folder:
/// `$XDG_CONFIG_HOME/oneonone/config.yaml` (when that variable is an
/// absolute path), else `~/.config/oneonone/config.yaml`, on Linux and
/// macOS alike; `%APPDATA%\oneonone\config.yaml` on Windows.
pub const USER_CONFIG: &str = "oneonone/config.yaml";

impl Environment {
    /// Reads the real process environment.
    #[must_use]
    pub fn capture() -> Self {
        use etcetera::BaseStrategy as _;
        let non_empty = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
        // XDG on every Unix, macOS included: a command-line tool's users
        // look in ~/.config, not ~/Library/Application Support.
        let base = etcetera::choose_base_strategy().ok();
        Environment {
            cwd: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
            oneonone_dir: non_empty("ONEONONE_DIR"),
            no_color: non_empty("NO_COLOR").is_some(),
            term_dumb: std::env::var_os("TERM").is_some_and(|t| t == "dumb"),
            stdout_is_terminal: std::io::stdout().is_terminal(),
            stderr_is_terminal: std::io::stderr().is_terminal(),
            today: chrono::Local::now().date_naive(),
            terminal_width: terminal_size::terminal_size_of(std::io::stdout())
                .map(|(terminal_size::Width(w), _)| usize::from(w)),
            editor: non_empty("VISUAL")
                .or_else(|| non_empty("EDITOR"))
                .map(|e| e.to_string_lossy().into_owned()),
            random_seed: rand::random(),
            home: base.as_ref().map(|b| b.home_dir().to_path_buf()),
            state_home: base
                .as_ref()
                .and_then(etcetera::BaseStrategy::state_dir)
                .map(|d| d.join("oneonone")),
            user_config: base.map(|b| user_config_file(&b.config_dir())),
        }
    }
}

/// The user's config file in `config_dir`. A link there (dotfiles kept in
/// a repository by stow or home-manager) is the user's own doing, outside
/// any notebook: it names the file, which is then read and edited where it
/// is, the link kept.
fn user_config_file(config_dir: &std::path::Path) -> PathBuf {
    let path = config_dir.join(USER_CONFIG);
    match std::fs::symlink_metadata(&path) {
        Ok(meta) if meta.file_type().is_symlink() => path.canonicalize().unwrap_or(path),
        _ => path,
    }
}

/// Where the notebook folder was named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DirSource {
    /// `--dir`.
    Flag(PathBuf),
    /// `$ONEONONE_DIR`.
    Env(PathBuf),
    /// Neither: look upward from the current folder, then the `notebook:`
    /// of the user's own config file.
    Discover,
}

/// The resolved settings every command runs with.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The current directory.
    pub cwd: PathBuf,
    /// Where the notebook folder comes from.
    pub dir: DirSource,
    /// Today's date.
    pub today: NaiveDate,
    /// Colour standard output.
    pub color_stdout: bool,
    /// Colour standard error.
    pub color_stderr: bool,
    /// Standard output is a terminal (`export` escapes control characters
    /// there, and writes a note's exact bytes anywhere else).
    pub stdout_is_terminal: bool,
    /// The editor command.
    pub editor: String,
    /// Columns for charts: the terminal's width, else 80.
    pub width: usize,
    /// The command's `--seed`, when given: it overrides every default
    /// seed of the question picks.
    pub seed: Option<u64>,
    /// A random seed, for `questions` without `--seed` (`new` and `prep`
    /// seed theirs from the person and the date instead,
    /// [`crate::bank::default_seed`]).
    pub random_seed: u64,
    /// The user's home folder, when known.
    pub home: Option<PathBuf>,
    /// Where oneonone keeps the state of a shared space (its lock), which
    /// never goes in the space: `$XDG_STATE_HOME/oneonone`, by default
    /// `~/.local/state/oneonone`.
    pub state_home: Option<PathBuf>,
    /// The user's own config file, when a home folder is known.
    pub user_config: Option<PathBuf>,
}

impl Settings {
    /// Resolves the parsed flags against the environment.
    #[must_use]
    pub fn new(cli: &Cli, env: &Environment) -> Self {
        let dir = match (&cli.dir, &env.oneonone_dir) {
            (Some(flag), _) => DirSource::Flag(flag.clone()),
            (None, Some(var)) => DirSource::Env(PathBuf::from(var)),
            (None, None) => DirSource::Discover,
        };
        let color = |is_terminal: bool| color(cli.color, is_terminal, env);
        Settings {
            cwd: env.cwd.clone(),
            dir,
            today: cli.today.unwrap_or(env.today),
            color_stdout: color(env.stdout_is_terminal),
            color_stderr: color(env.stderr_is_terminal),
            stdout_is_terminal: env.stdout_is_terminal,
            editor: env
                .editor
                .clone()
                .unwrap_or_else(|| crate::editor::FALLBACK.to_string()),
            width: env.terminal_width.unwrap_or(80),
            seed: cli.command.seed(),
            random_seed: env.random_seed,
            home: env.home.clone(),
            state_home: env.state_home.clone(),
            user_config: env.user_config.clone(),
        }
    }

    /// A path as shown to the user: the home folder as `~` (a relative
    /// path is left as it is).
    #[must_use]
    pub fn tilde(&self, path: &Path) -> PathBuf {
        tilde(path, self.home.as_deref())
    }
}

/// `path` with the `home` folder at its start shown as `~`. The root
/// folder is no home to abbreviate.
#[must_use]
pub fn tilde(path: &Path, home: Option<&Path>) -> PathBuf {
    let Some(home) = home.filter(|h| h.is_absolute() && h.parent().is_some()) else {
        return path.to_path_buf();
    };
    // The current folder comes with links resolved; `$HOME` may not.
    let rest = path.strip_prefix(home).ok().or_else(|| {
        let real = home.canonicalize().ok()?;
        let rest = path.strip_prefix(&real).ok()?;
        Some(rest).filter(|_| real.parent().is_some())
    });
    match rest {
        Some(rest) if rest.as_os_str().is_empty() => PathBuf::from("~"),
        Some(rest) => Path::new("~").join(rest),
        None => path.to_path_buf(),
    }
}

#[cfg(test)]
impl Settings {
    /// Settings for a unit test: a fixed day (2026-02-01), no colour, no
    /// terminal, seed 0.
    #[must_use]
    pub fn for_tests(cwd: &std::path::Path, dir: DirSource) -> Settings {
        Settings {
            cwd: cwd.to_path_buf(),
            dir,
            today: NaiveDate::from_ymd_opt(2026, 2, 1).unwrap_or_default(),
            color_stdout: false,
            color_stderr: false,
            stdout_is_terminal: false,
            editor: "vi".into(),
            width: 80,
            seed: Some(0),
            random_seed: 0,
            home: None,
            state_home: None,
            user_config: None,
        }
    }
}

impl Settings {
    /// The columns a listing of whole lines is cut to: the terminal's
    /// width on a terminal, else none (a pipe or a file gets whole lines).
    #[must_use]
    pub fn listing_width(&self) -> Option<usize> {
        self.stdout_is_terminal.then_some(self.width)
    }
}

/// Whether a stream gets colour: `--color always` or `never` say so; `auto`
/// means a terminal, `NO_COLOR` unset and `TERM` not `dumb`. The one place
/// that decides (clap's own errors ask it too).
#[must_use]
pub fn color(when: ColorWhen, is_terminal: bool, env: &Environment) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => is_terminal && !env.no_color && !env.term_dumb,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_home_folder_is_shown_as_a_tilde() {
        let home = Some(Path::new("/home/sam"));
        let shown =
            |path: &str, home: Option<&Path>| tilde(Path::new(path), home).display().to_string();
        assert_eq!(shown("/home/sam", home), "~");
        assert_eq!(shown("/home/sam/one-on-ones", home), "~/one-on-ones");
        assert_eq!(shown("/home/samuel/notes", home), "/home/samuel/notes");
        assert_eq!(shown("book", home), "book");
        assert_eq!(shown("/srv/x", Some(Path::new("/"))), "/srv/x");
        assert_eq!(shown("/srv/x", None), "/srv/x");
    }
}
