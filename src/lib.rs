//! oneonone: plain-markdown notes for managers' 1:1 meetings.
//!
//! The binary is a thin shell around [`run`]. Everything else lives here so
//! tests and other front ends can reach it: [`settings`] resolves the flags
//! and the environment once, [`commands`] holds one module per subcommand,
//! and the domain modules ([`note`], [`task`], [`bank`], [`notebook`], ...)
//! hold the types they are named after.
//!
//! Exit codes: 0 success; 1 a negative answer (a check found problems);
//! 2 an error, or a command that finished but had to skip something it
//! warned about (an unreadable file, broken frontmatter). A closed pipe
//! (`oneonone followups | head`) is not an error.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub(crate) mod agenda;
pub(crate) mod bank;
pub(crate) mod carry;
pub(crate) mod chart;
pub(crate) mod check;
pub(crate) mod checkin;
pub mod cli;
pub mod commands;
pub(crate) mod config;
pub(crate) mod editor;
pub mod error;
pub(crate) mod followup;
pub(crate) mod frontmatter;
pub(crate) mod fs;
pub mod invariants;
pub(crate) mod new_note;
pub(crate) mod note;
pub(crate) mod notebook;
pub mod output;
pub(crate) mod patterns;
pub(crate) mod people;
pub(crate) mod person;
pub(crate) mod rename;
pub(crate) mod render;
pub mod settings;
pub(crate) mod share;
pub(crate) mod slug;
pub(crate) mod svg;
pub(crate) mod task;
pub(crate) mod template;
pub(crate) mod yaml;

use std::ffi::OsString;
use std::io::Write;

use clap::Parser;

use crate::cli::{Cli, ColorWhen, Command};
use crate::commands::Outcome;
use crate::output::Output;
use crate::settings::{Environment, Settings};

/// Exit code: success.
pub const EXIT_OK: u8 = 0;
/// Exit code: a negative answer.
pub const EXIT_NEGATIVE: u8 = 1;
/// Exit code: an error, or warnings.
pub const EXIT_ERROR: u8 = 2;

/// Runs oneonone with these arguments against the real process
/// environment, standard output and standard error; returns the exit code.
pub fn run<I, T>(args: I) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    survive_file_size_limit();
    run_with(
        args,
        &Environment::capture(),
        // Buffered: a long listing is a few large writes, not one per line.
        Box::new(std::io::BufWriter::with_capacity(
            64 * 1024,
            std::io::stdout(),
        )),
        Box::new(std::io::stderr()),
    )
}

/// Under `ulimit -f`, a write past the limit sends SIGXFSZ, whose default
/// action kills the process halfway through a transaction (a follow-up
/// open in two notes, a truncated temp file left behind). With a handler
/// installed the write fails with EFBIG instead, and the transaction undoes
/// itself. A handler, unlike SIG_IGN, is reset to the default in the
/// programs oneonone starts (the editor).
fn survive_file_size_limit() {
    #[cfg(unix)]
    {
        use std::sync::Arc;
        use std::sync::atomic::AtomicBool;
        // If it cannot be installed, the default stays: nothing worse than
        // before.
        let _ = signal_hook::flag::register(
            signal_hook::consts::SIGXFSZ,
            Arc::new(AtomicBool::new(false)),
        );
    }
}

/// Runs oneonone against a given environment and output streams.
pub fn run_with<I, T>(
    args: I,
    env: &Environment,
    stdout: Box<dyn Write>,
    stderr: Box<dyn Write>,
) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) => {
            // No parsed flags to go by: find --color by hand.
            let when = color_flag(&args).unwrap_or(ColorWhen::Auto);
            let color = |is_terminal: bool| settings::color(when, is_terminal, env);
            let mut out = Output::new(
                stdout,
                stderr,
                color(env.stdout_is_terminal),
                color(env.stderr_is_terminal),
            );
            out.clap(&e);
            let _ = out.flush();
            return u8::try_from(e.exit_code()).unwrap_or(EXIT_ERROR);
        }
    };
    let settings = Settings::new(&cli, env);
    let mut out = Output::new(stdout, stderr, settings.color_stdout, settings.color_stderr);
    let result = dispatch(&cli.command, &settings, &mut out)
        .and_then(|outcome| out.flush().map(|()| outcome));
    match result {
        Ok(Outcome::Negative) => EXIT_NEGATIVE,
        Ok(Outcome::Done) if out.warnings() > 0 => EXIT_ERROR,
        Ok(Outcome::Done) => EXIT_OK,
        // The reader went away (`| head`): not an error, unless something
        // was already warned about.
        Err(e) if e.is_broken_pipe() => {
            if out.warnings() > 0 {
                EXIT_ERROR
            } else {
                EXIT_OK
            }
        }
        Err(e) => {
            out.error(&e);
            EXIT_ERROR
        }
    }
}

/// The value of the last `--color WHEN` or `--color=WHEN` in the arguments.
fn color_flag(args: &[OsString]) -> Option<ColorWhen> {
    let mut when = None;
    let mut iter = args.iter().map(|a| a.to_str().unwrap_or_default());
    while let Some(arg) = iter.next() {
        let value = match arg.strip_prefix("--color") {
            Some("") => iter.next(),
            Some(rest) => rest.strip_prefix('='),
            None => None,
        };
        when = match value {
            Some("always") => Some(ColorWhen::Always),
            Some("never") => Some(ColorWhen::Never),
            Some("auto") => Some(ColorWhen::Auto),
            _ => when,
        };
    }
    when
}

fn dispatch(command: &Command, settings: &Settings, out: &mut Output) -> error::Result<Outcome> {
    match command {
        Command::Init(args) => commands::init::run(args, settings, out),
        Command::New(args) => commands::new::run(args, settings, out),
        Command::Questions(args) => commands::questions::run(args, settings, out),
        Command::Agenda(args) => commands::agenda::run(args, settings, out),
        Command::Done(args) => commands::done::run(args, settings, out),
        Command::Rename(args) => commands::rename::run(args, settings, out),
        Command::People(args) => commands::people::run(args, settings, out),
        Command::Prep(args) => commands::prep::run(args, settings, out),
        Command::Open(args) => commands::open::run(args, settings, out),
        Command::Frameworks => commands::frameworks::run(settings, out),
        Command::Checkin(args) => commands::checkin::run(args, settings, out),
        Command::Trends(args) => commands::trends::run(args, settings, out),
        Command::Patterns(args) => commands::patterns::run(args, settings, out),
        Command::Export(args) => commands::export::run(args, settings, out),
        Command::Check(args) => commands::check::run(args, settings, out),
        Command::Followups(args) => commands::followups::run(args, settings, out),
        Command::Completions(args) => commands::completions::run(args, out),
    }
}
