//! One module per subcommand. Each takes its parsed arguments, the
//! resolved settings and the output, and says how it went.

pub mod agenda;
pub mod check;
pub mod checkin;
pub mod completions;
pub mod done;
pub mod export;
pub mod followups;
pub mod frameworks;
pub mod init;
pub mod new;
pub mod open;
pub mod patterns;
pub mod people;
pub mod prep;
pub mod questions;
pub mod rename;
pub mod trends;
pub mod undo;

/// How a command that did not fail went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// It did what was asked (exit 0, or 2 if warnings were given).
    Done,
    /// It answered "no": a check found problems (exit 1).
    Negative,
}
