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
    #[error("cannot use {} as a person: {reason}", quoted_name(name))]
    PersonName {
        /// The name as given.
        name: String,
        /// Why it is refused.
        reason: String,
    },
    /// A name that fits more than one person.
    #[error("{} matches more than one person; give more of the name:\n  {}", quoted_name(name), candidates.join("\n  "))]
    AmbiguousPerson {
        /// The name as given.
        name: String,
        /// The people it fits, shown: "Alex Kim (alex-kim/)".
        candidates: Vec<String>,
    },
    /// A name that matches no person: the people it is near, else the
    /// folders there are; and, where a new person may be made of it, how.
    #[error("no person matches {}\n{}", quoted_name(name), unknown_person(name, known, near, *may_be_new, retry.as_deref()))]
    UnknownPerson {
        /// The name as given.
        name: String,
        /// The person folders there are.
        known: Vec<String>,
        /// The people whose name is near, shown: "Chloé Dubois (chloe-dubois/)".
        near: Vec<String>,
        /// The command would make a new person of it with `--new-person`.
        may_be_new: bool,
        /// The command line that would ([`Error::with_retry`]).
        retry: Option<String>,
    },
    /// A framework name the bank does not define.
    #[error(
        "unknown framework {}\n{}",
        quoted_name(name),
        hint_list("known frameworks:", known)
    )]
    UnknownFramework {
        /// The name asked for.
        name: String,
        /// The names the bank defines.
        known: Vec<String>,
    },
    /// A question section the bank does not have.
    #[error(
        "no question section {}\n{}",
        quoted_name(name),
        hint_list("sections:", known)
    )]
    UnknownSection {
        /// The name asked for.
        name: String,
        /// The sections there are.
        known: Vec<String>,
    },
    /// The notebook folder named by `--dir`, `$ONEONONE_DIR` or the user's
    /// config file is missing.
    #[error("{}: the notebook folder does not exist\n  hint: it is {named_by}\n  hint: check the name, or make it a notebook:\n    oneonone init {}", path.display(), shell_word(path))]
    NoNotebook {
        /// The folder, as shown to the user.
        path: PathBuf,
        /// Who named it: "named by --dir", "named by ONEONONE_DIR", or
        /// "named by `notebook:` in <config file>".
        named_by: String,
    },
    /// No notebook was named, none was found at or above the current
    /// folder, and the user's config file names none.
    #[error("no notebook here\n  \
             hint: no oneonone.yaml or .oneonone/ in this folder or any folder above it:\n    \
             {}\n  \
             hint: and {}\n  \
             hint: run `oneonone init DIR` to make DIR a notebook (and your default),\n    \
             or set ONEONONE_DIR to a notebook folder",
        searched_from.display(),
        config.as_ref().map_or_else(|| "no user config file (no home folder is known)".to_string(), |c| format!("no `notebook:` in {}", c.display())))]
    NoNotebookFound {
        /// The folder the search started from, as shown to the user.
        searched_from: PathBuf,
        /// The user's config file, as shown to the user.
        config: Option<PathBuf>,
    },
    /// The editor could not be run.
    #[error("editor `{editor}`: {message}")]
    Editor {
        /// The editor command.
        editor: String,
        /// What went wrong.
        message: String,
    },
    /// The command's arguments do not make sense together.
    #[error("{0}")]
    Usage(String),
    /// A multi-file change failed and could not be fully undone.
    #[error("{cause}; these files could not be put back as they were: {}", paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "))]
    Undo {
        /// What failed first.
        cause: Box<Error>,
        /// The files left changed.
        paths: Vec<PathBuf>,
    },
    /// Writing to standard output or error failed (other than a closed pipe).
    #[error("cannot write output")]
    Output(#[source] std::io::Error),
}

/// The hint lines under "no person matches NAME": "did you mean A or B?"
/// (and with `may_be_new`, how to make a new person anyway), else the
/// folders there are.
fn unknown_person(
    name: &str,
    known: &[String],
    near: &[String],
    may_be_new: bool,
    retry: Option<&str>,
) -> String {
    let (last, rest) = match near.split_last() {
        None if known.is_empty() => return "  hint: people in this notebook: none yet".to_string(),
        None => return hint_list("people in this notebook:", known),
        Some((last, [])) => (last, String::new()),
        Some((last, rest)) => (last, format!("{} or ", rest.join(", "))),
    };
    let create = match (may_be_new, retry) {
        (true, Some(command)) => {
            format!(
                "\n  hint: to add a new person named {}, run:\n    {command}",
                quoted_name(name)
            )
        }
        (true, None) => {
            format!(
                "\n  hint: to add a new person named {}, run it again with --new-person",
                quoted_name(name)
            )
        }
        (false, _) => String::new(),
    };
    format!("  hint: did you mean {rest}{last}?{create}")
}

/// `  hint: LABEL a, b, c`, the items wrapped onto indented lines so that no
/// line passes 80 columns (an item longer than a line stays whole).
fn hint_list(label: &str, items: &[String]) -> String {
    const WIDTH: usize = 80;
    let mut text = format!("  hint: {label}");
    let mut line_len = unicode_width::UnicodeWidthStr::width(text.as_str());
    for (i, item) in items.iter().enumerate() {
        let piece = if i + 1 < items.len() {
            format!("{item},")
        } else {
            item.clone()
        };
        let len = unicode_width::UnicodeWidthStr::width(piece.as_str());
        if line_len + 1 + len > WIDTH && line_len > 4 {
            text.push_str("\n    ");
            line_len = 4;
        } else {
            text.push(' ');
            line_len += 1;
        }
        text.push_str(&piece);
        line_len += len;
    }
    text
}

/// Where the quote or bracket a YAML error is about was opened, from its
/// message (`..., while scanning a quoted scalar at line 2 column 7`): the
/// parser fails only at the end of the text, but the mistake is where the
/// unclosed quote or bracket is.
fn opened_at(message: &str) -> Option<Location> {
    const OPENED: [&str; 3] = [
        "while scanning a quoted scalar at line ",
        "while parsing a flow sequence at line ",
        "while parsing a flow mapping at line ",
    ];
    let rest = OPENED
        .iter()
        .find_map(|what| message.split_once(what).map(|(_, rest)| rest))?;
    let (line, rest) = rest.split_once(" column ")?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some(Location {
        line: line.parse().ok()?,
        column: column.parse().ok()?,
    })
}

/// The key of a "duplicate field `key`" message (a struct's field), or of
/// a `duplicate entry with key "key"` one (a free mapping's key).
fn duplicated(message: &str) -> Option<&str> {
    if let Some((_, rest)) = message.split_once("duplicate field `") {
        return Some(rest.split_once('`')?.0);
    }
    let rest = message.split_once("duplicate entry with key \"")?.1;
    // A key with escapes is not searched for as written.
    Some(rest.split_once('"')?.0).filter(|key| !key.contains('\\'))
}

/// Where `key` appears a second time in the block mapping of `text` that
/// starts at `line` and `column` (1-based): a line at the mapping's
/// indentation that starts with the key (plain or quoted) and a colon.
/// The mapping ends at a line indented less; `None` when the key is not
/// found twice (a flow mapping, say).
fn second_key(text: &str, key: &str, line: usize, column: usize) -> Option<Location> {
    let indent = column.checked_sub(1)?;
    let is_key = |content: &str| {
        [key.to_string(), format!("\"{key}\""), format!("'{key}'")]
            .iter()
            .any(|k| {
                content.strip_prefix(k.as_str()).is_some_and(|rest| {
                    let rest = rest.trim_start_matches(' ');
                    rest == ":" || rest.starts_with(": ") || rest.starts_with(":\t")
                })
            })
    };
    let mut seen = 0;
    for (i, text_line) in text.lines().enumerate().skip(line.checked_sub(1)?) {
        let content = if i + 1 == line {
            // The first key stands where the mapping starts (after `- `).
            let start = text_line.char_indices().nth(indent).map(|(b, _)| b)?;
            &text_line[start..]
        } else {
            let content = text_line.trim_start_matches(' ');
            if content.is_empty() || content.starts_with('#') {
                continue;
            }
            let here = text_line.len() - content.len();
            if here < indent {
                break;
            }
            if here > indent {
                continue;
            }
            content
        };
        if is_key(content) {
            seen += 1;
            if seen == 2 {
                return Some(Location {
                    line: i + 1,
                    column,
                });
            }
        }
    }
    None
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

    /// Turns a YAML error in `text` into one that names the file and the
    /// line, where `first_line` is the 1-based line of the file on which
    /// the YAML text starts (frontmatter starts on line 2).
    pub fn yaml(
        path: impl Into<PathBuf>,
        first_line: usize,
        text: &str,
        err: &serde_yaml::Error,
    ) -> Self {
        let shifted = shift_marks(&err.to_string(), first_line - 1);
        // The parser marks a duplicate key at the start of its mapping:
        // the second occurrence is the line to fix.
        let at = err.location().map(|loc| {
            duplicated(&shifted)
                .and_then(|key| second_key(text, key, loc.line(), loc.column()))
                .unwrap_or(Location {
                    line: loc.line(),
                    column: loc.column(),
                })
        });
        let location = at.map_or(
            Location {
                line: first_line,
                column: 0,
            },
            |loc| Location {
                line: first_line + loc.line - 1,
                column: loc.column,
            },
        );
        let location = opened_at(&shifted).unwrap_or(location);
        let message = redact_values(&shifted);
        Error::Yaml {
            path: path.into(),
            location,
            message,
        }
    }

    /// The file the error is about, as shown to the user (empty when it is
    /// about no file).
    #[must_use]
    pub fn path(&self) -> &std::path::Path {
        match self {
            Error::Io { path, .. }
            | Error::Invalid { path, .. }
            | Error::Yaml { path, .. }
            | Error::Exists { path } => path,
            _ => std::path::Path::new(""),
        }
    }

    /// A name refused as near someone, with the command line that makes
    /// a new person of it anyway (`command`, asked for only then); any
    /// other error as it is.
    #[must_use]
    pub fn with_retry(mut self, command: impl FnOnce() -> String) -> Self {
        if let Error::UnknownPerson {
            may_be_new: true,
            retry,
            ..
        } = &mut self
        {
            *retry = Some(command());
        }
        self
    }

    /// True when the error is only a reader that went away (`| head`).
    #[must_use]
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Output(e) if e.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

/// Takes the file's own words out of a YAML error: serde quotes a value of
/// the wrong type (`invalid type: string "Talk to HR about…", expected
/// u32`), and an error message may reach a shared screen or a bug report.
/// The line and column already say where to look.
fn redact_values(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    loop {
        let next = [("string \"", '"'), ("character '", '\'')]
            .into_iter()
            .filter_map(|(open, close)| rest.find(open).map(|at| (at, open, close)))
            .min_by_key(|(at, _, _)| *at);
        let Some((at, open, close)) = next else {
            out.push_str(rest);
            return out;
        };
        let kind = &open[..open.len() - 2];
        out.push_str(&rest[..at]);
        out.push_str(kind);
        out.push_str(" (not shown)");
        // The quoted text is Rust-escaped: skip to the unescaped close.
        let body = &rest[at + open.len()..];
        let mut escaped = false;
        let end = body
            .char_indices()
            .find(|&(_, c)| {
                let closes = !escaped && c == close;
                escaped = !escaped && c == '\\';
                closes
            })
            .map_or(body.len(), |(i, c)| i + c.len_utf8());
        rest = &body[end..];
    }
}

/// Rewrites the parser's " at line L column C" marks for a YAML text that
/// starts `offset` lines into its file. The first mark is the error's own
/// position, which the message already leads with, so it is dropped.
fn shift_marks(message: &str, offset: usize) -> String {
    const MARK: &str = " at line ";
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    let mut first = true;
    while let Some(at) = rest.find(MARK) {
        out.push_str(&rest[..at]);
        let after = &rest[at + MARK.len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let Ok(line) = after[..digits].parse::<usize>() else {
            out.push_str(MARK);
            rest = after;
            continue;
        };
        let tail = &after[digits..];
        let column_len = tail.strip_prefix(" column ").map_or(0, |c| {
            " column ".len() + c.bytes().take_while(u8::is_ascii_digit).count()
        });
        if !first {
            out.push_str(MARK);
            out.push_str(&(line + offset).to_string());
            out.push_str(&tail[..column_len]);
        }
        first = false;
        rest = &tail[column_len..];
    }
    out.push_str(rest);
    out
}

/// A path as one word a shell reads back as that path (for a command to
/// copy), or as it is when it needs no quoting or cannot be quoted.
fn shell_word(path: &std::path::Path) -> String {
    let text = path.to_string_lossy();
    match shlex::try_quote(&text) {
        // `~` must stay unquoted for the shell to expand it.
        Ok(quoted) if !text.starts_with("~/") || quoted == text => quoted.into_owned(),
        _ => text.into_owned(),
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A refused name in quotes, as typed; with its invisible characters
/// written as escapes (`"Alice\u{202e}x"`) when it has any, so the
/// message shows which one.
pub fn quoted_name(name: &str) -> String {
    if name.chars().any(crate::chars::is_unsafe) {
        format!("{name:?}")
    } else {
        format!("\"{name}\"")
    }
}

#[cfg(test)]
mod tests {
    use super::{Location, redact_values, second_key, shift_marks};

    #[test]
    fn a_duplicate_key_is_named_by_either_message() {
        assert_eq!(
            super::duplicated("away[0]: duplicate field `from`"),
            Some("from")
        );
        assert_eq!(
            super::duplicated("duplicate entry with key \"person\""),
            Some("person")
        );
        assert_eq!(
            super::duplicated("duplicate entry with key \"a\\\"b\""),
            None
        );
        assert_eq!(super::duplicated("unknown field `x`"), None);
    }

    #[test]
    fn a_duplicate_key_is_found_at_its_second_line() {
        let text = "# c\na: 1\nb:\n  a: 2\n  c: [a]\n'a': 3\nd: 4\n";
        assert_eq!(
            second_key(text, "a", 2, 1),
            Some(Location { line: 6, column: 1 })
        );
        // In a sequence entry: the first key follows `- `, the mapping ends
        // at the next entry.
        let text = "x:\n  - a: 1\n    b: 2\n  - a: 3\n    a: 4\n";
        assert_eq!(second_key(text, "a", 2, 5), None);
        assert_eq!(
            second_key(text, "a", 4, 5),
            Some(Location { line: 5, column: 5 })
        );
        assert_eq!(second_key("{a: 1, a: 2}\n", "a", 1, 1), None);
        assert_eq!(
            second_key("ab: 1\na b: 2\nab : 3\n", "ab", 1, 1),
            Some(Location { line: 3, column: 1 })
        );
    }

    #[test]
    fn yaml_errors_do_not_quote_the_file() {
        assert_eq!(
            redact_values(
                r#"cadence_days: invalid type: string "Talk to HR \"now\"", expected u32"#
            ),
            "cadence_days: invalid type: string (not shown), expected u32"
        );
        assert_eq!(
            redact_values("invalid type: character 'x', expected a map; string \"b\" too"),
            "invalid type: character (not shown), expected a map; string (not shown) too"
        );
        assert_eq!(redact_values("unknown field `x`"), "unknown field `x`");
    }

    #[test]
    fn marks_are_shifted_to_file_lines() {
        assert_eq!(
            shift_marks(
                "did not find expected ',' at line 2 column 1, while parsing a flow sequence at line 1 column 9",
                1
            ),
            "did not find expected ',', while parsing a flow sequence at line 2 column 9"
        );
        assert_eq!(
            shift_marks("unknown field `x` at line 3 column 1", 0),
            "unknown field `x`"
        );
        assert_eq!(shift_marks("no marks here", 5), "no marks here");
    }
}
