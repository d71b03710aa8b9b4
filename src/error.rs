//! The library's one error type. Each variant carries what a person needs
//! to act on it: the file, the line, and the cause.

use std::fmt;
use std::path::PathBuf;

/// Everything that can stop a command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing a file or folder failed.
    #[error("{}: {action}", path.display())]
    Io {
        /// The file or folder, as shown to the user.
        path: PathBuf,
        /// What we were doing, e.g. "cannot read".
        action: &'static str,
        /// The operating system's answer.
        #[source]
        source: std::io::Error,
    },
    /// A YAML file (bank, config, frontmatter) does not parse.
    #[error("{}:{}: {message}", path.display(), location)]
    Yaml {
        /// The file, as shown to the user.
        path: PathBuf,
        /// Where in the file, 1-based.
        location: Location,
        /// What the parser said, without its own position suffix.
        message: String,
    },
    /// A file holds something oneonone cannot use (not UTF-8, a bad value).
    #[error("{}{}: {message}", path.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
    Invalid {
        /// The file, as shown to the user.
        path: PathBuf,
        /// The 1-based line, when one is known.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// A file we would create is already there.
    #[error("{}: already exists; oneonone never overwrites a file", path.display())]
    Exists {
        /// The file, as shown to the user.
        path: PathBuf,
    },
    /// A person's name that cannot become a folder in the notebook.
    #[error("cannot use {name:?} as a person: {reason}")]
    PersonName {
        /// The name as given.
        name: String,
        /// Why it is refused.
        reason: String,
    },
    /// A short name that fits more than one person folder.
    #[error("{name:?} matches more than one person: {}; give more of the name", candidates.join(", "))]
    AmbiguousPerson {
        /// The name as given.
        name: String,
        /// The folders it matches.
        candidates: Vec<String>,
    },
    /// A framework name the bank does not define.
    #[error("unknown framework {name:?}; known frameworks: {}", known.join(", "))]
    UnknownFramework {
        /// The name asked for.
        name: String,
        /// The names the bank defines.
        known: Vec<String>,
    },
    /// The notebook folder is missing.
    #[error("{}: the notebook folder does not exist; create it, or run `oneonone init {}`", path.display(), path.display())]
    NoNotebook {
        /// The folder, as shown to the user.
        path: PathBuf,
    },
    /// Writing to standard output or error failed (other than a closed pipe).
    #[error("cannot write output")]
    Output(#[source] std::io::Error),
}

/// A 1-based line and column in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    /// 1-based line.
    pub line: usize,
    /// 1-based column; 0 when unknown.
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.column == 0 {
            write!(f, "{}", self.line)
        } else {
            write!(f, "{}:{}", self.line, self.column)
        }
    }
}

impl Error {
    /// Wraps an I/O error with the path and what was being done.
    pub fn io(path: impl Into<PathBuf>, action: &'static str, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            action,
            source,
        }
    }

    /// Turns a YAML error into one that names the file and the line, where
    /// `first_line` is the 1-based line of the file on which the YAML text
    /// starts (frontmatter starts on line 2).
    pub fn yaml(path: impl Into<PathBuf>, first_line: usize, err: &serde_yaml::Error) -> Self {
        let mut message = err.to_string();
        let location = if let Some(loc) = err.location() {
            // The parser appends " at line L column C"; we say it up front.
            if let Some(cut) = message.rfind(" at line ") {
                message.truncate(cut);
            }
            Location {
                line: first_line + loc.line() - 1,
                column: loc.column(),
            }
        } else {
            Location {
                line: first_line,
                column: 0,
            }
        };
        Error::Yaml {
            path: path.into(),
            location,
            message,
        }
    }

    /// True when the error is only a reader that went away (`| head`).
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Output(e) if e.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
