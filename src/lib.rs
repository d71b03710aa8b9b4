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
pub(crate) mod chars;
pub(crate) mod chart;
pub(crate) mod check;
pub(crate) mod checkin;
pub mod cli;
pub mod commands;
pub(crate) mod complete;
pub(crate) mod config;
pub(crate) mod editor;
pub mod error;
pub(crate) mod followup;
pub(crate) mod frontmatter;
pub(crate) mod fs;
pub(crate) mod git;
pub(crate) mod ics;
pub mod invariants;
pub(crate) mod log;
pub(crate) mod new_note;
pub(crate) mod note;
pub(crate) mod notebook;
pub mod output;
pub(crate) mod patterns;
pub(crate) mod people;
pub(crate) mod person;
pub(crate) mod rename;
pub(crate) mod render;
pub(crate) mod review;
pub(crate) mod said;
pub(crate) mod search;
pub mod settings;
pub(crate) mod share;
pub(crate) mod slug;
pub(crate) mod space;
pub(crate) mod svg;
pub(crate) mod tags;
pub(crate) mod task;
pub(crate) mod template;
pub(crate) mod undo;
pub(crate) mod yaml;
pub(crate) mod zones;

/// The follow-up cache's binary body as JSON and back, for the tests that
/// doctor a cache.
#[doc(hidden)]
pub use crate::followup::cache::{
    body_from_json as cache_body_from_json, body_to_json as cache_body_to_json,
    unit_file as cache_unit_file,
};

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
    // Under `ONEONONE_COMPLETE=SHELL` the shell is asking for completions:
    // answer and exit.
    clap_complete::CompleteEnv::with_factory(completing_command)
        .var(cli::COMPLETE_VAR)
        .complete();
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
    let result = dispatch(&cli.command, args.first(), &settings, &mut out)
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
    match flag_value(args, "--color")?.to_str()? {
        "always" => Some(ColorWhen::Always),
        "never" => Some(ColorWhen::Never),
        "auto" => Some(ColorWhen::Auto),
        _ => None,
    }
}

/// The value of the last `FLAG VALUE` or `FLAG=VALUE` in arguments that
/// clap could not (or did not yet) parse.
fn flag_value(args: &[OsString], flag: &str) -> Option<OsString> {
    let mut value = None;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let Some(rest) = arg.to_str().and_then(|a| a.strip_prefix(flag)) else {
            continue;
        };
        if rest.is_empty() {
            value = iter.next().cloned().or(value);
        } else if let Some(given) = rest.strip_prefix('=') {
            value = Some(given.into());
        }
    }
    value
}

/// The command line clap completes: [`Cli`] with every argument that names
/// a person completing to the people of the notebook.
fn completing_command() -> clap::Command {
    use clap::CommandFactory;
    Cli::command().mut_subcommands(|sub| {
        // `mut_args` keeps the arguments' order (positionals go by it).
        sub.mut_args(|arg| {
            if cli::names_a_person(&arg) {
                arg.add(clap_complete::ArgValueCompleter::new(complete_person))
            } else {
                arg
            }
        })
    })
}

/// The people offered for a PERSON argument, from the notebook the command
/// line names with `--dir` (as typed; `~/` is the home folder), else the
/// one any command would use.
fn complete_person(current: &std::ffi::OsStr) -> Vec<clap_complete::CompletionCandidate> {
    let Some(typed) = current.to_str() else {
        return Vec::new();
    };
    let words: Vec<OsString> = std::env::args_os().collect();
    let mut argv = vec![OsString::from("oneonone")];
    if let Some(dir) = flag_value(&words, "--dir") {
        let home = std::env::var_os("HOME").filter(|h| !h.is_empty());
        let dir = match (dir.to_str().and_then(|d| d.strip_prefix("~/")), home) {
            (Some(rest), Some(home)) => std::path::Path::new(&home).join(rest).into(),
            _ => dir,
        };
        argv.extend(["--dir".into(), dir]);
    }
    argv.push("people".into());
    let Ok(cli) = Cli::try_parse_from(argv) else {
        return Vec::new();
    };
    let settings = Settings::new(&cli, &Environment::capture());
    complete::people(&settings, typed)
        .into_iter()
        .map(|c| clap_complete::CompletionCandidate::new(c.value).help(c.help.map(Into::into)))
        .collect()
}

/// How the shell should call this binary back: the path it was started
/// by when that is a path (made absolute), else its name, found on `PATH`.
fn program(args_zero: Option<&OsString>, cwd: &std::path::Path) -> String {
    let started = args_zero.map(std::path::Path::new);
    match started {
        Some(path) if path.components().count() > 1 => cwd
            .join(path)
            .components()
            .filter(|c| *c != std::path::Component::CurDir)
            .collect::<std::path::PathBuf>()
            .to_string_lossy()
            .into_owned(),
        _ => "oneonone".to_string(),
    }
}

fn dispatch(
    command: &Command,
    args_zero: Option<&OsString>,
    settings: &Settings,
    out: &mut Output,
) -> error::Result<Outcome> {
    match command {
        Command::Init(args) => commands::init::run(args, settings, out),
        Command::New(args) => commands::new::run(args, settings, out),
        Command::Questions(args) => commands::questions::run(args, settings, out),
        Command::Agenda(args) => commands::agenda::run(args, settings, out),
        Command::Done(args) => commands::done::run(args, settings, out),
        Command::Rename(args) => commands::rename::run(args, settings, out),
        Command::Undo(args) => commands::undo::run(args, settings, out),
        Command::People(args) => commands::people::run(args, settings, out),
        Command::Prep(args) => commands::prep::run(args, settings, out),
        Command::Open(args) => commands::open::run(args, settings, out),
        Command::Frameworks => commands::frameworks::run(settings, out),
        Command::Checkin(args) => commands::checkin::run(args, settings, out),
        Command::Trends(args) => commands::trends::run(args, settings, out),
        Command::Zones(args) => commands::zones::run(args, settings, out),
        Command::Review(args) => commands::review::run(args, settings, out),
        Command::Patterns(args) => commands::patterns::run(args, settings, out),
        Command::Export(args) => commands::export::run(args, settings, out),
        Command::Share(args) => commands::share::run(args, settings, out),
        Command::Sync(args) => commands::sync::run(args, settings, out),
        Command::Check(args) => commands::check::run(args, settings, out),
        Command::Due(args) => commands::due::run(args, settings, out),
        Command::Away(args) => commands::away::run(args, settings, out),
        Command::Followups(args) => commands::followups::run(args, settings, out),
        Command::Log(args) => commands::log::run(args, settings, out),
        Command::Search(args) => commands::search::run(args, settings, out),
        Command::Completions(args) => {
            commands::completions::run(args, &program(args_zero, &settings.cwd), out)
        }
    }
}
