//! One module per subcommand. Each takes its parsed arguments, the
//! resolved settings and the output, and says how it went.

pub mod agenda;
pub mod away;
pub mod check;
pub mod checkin;
pub mod completions;
pub mod done;
pub mod due;
pub mod export;
pub mod followups;
pub mod frameworks;
pub mod init;
pub mod log;
pub mod new;
pub mod open;
pub mod patterns;
pub mod people;
pub mod prep;
pub mod questions;
pub mod rename;
pub mod review;
pub mod search;
pub mod share;
pub mod sync;
pub mod trends;
pub mod undo;
pub mod zones;

/// How a command that did not fail went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// It did what was asked (exit 0, or 2 if warnings were given).
    Done,
    /// It answered "no": a check found problems (exit 1).
    Negative,
}

/// The command line that runs `words` (a subcommand and its arguments)
/// again on the same notebook: `oneonone`, the `--dir` given if one was,
/// then each word quoted for a POSIX shell.
pub(crate) fn command_line(
    settings: &crate::settings::Settings,
    words: impl IntoIterator<Item = String>,
) -> String {
    let mut all = vec!["oneonone".to_string()];
    if let crate::settings::DirSource::Flag(dir) = &settings.dir {
        all.push("--dir".into());
        all.push(dir.to_string_lossy().into_owned());
    }
    all.extend(words);
    all.iter()
        .map(|w| crate::output::shell_quoted(w))
        .collect::<Vec<_>>()
        .join(" ")
}
