//! The command line, as clap derive types. Nothing here acts: `lib.rs`
//! resolves these into [`crate::settings::Settings`] and runs a command.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

/// Plain-markdown notes for your 1:1 meetings: Listen, Learn, Lift.
#[derive(Debug, Parser)]
#[command(
    name = "oneonone",
    version,
    about,
    long_about = "Plain-markdown notes for your 1:1 meetings.\n\n\
        A good 1:1 listens (makes space), learns (understands what is really going on) \
        and lifts (ends with action and follow-ups). oneonone keeps one folder per \
        person and one dated note per meeting, suggests questions for each section, \
        and lists the follow-ups still open across the whole notebook.",
    after_help = "Examples:\n  \
        oneonone init ~/one-on-ones\n  \
        oneonone new \"Alice Smith\"\n  \
        oneonone followups\n\n\
        The notebook is --dir, else $ONEONONE_DIR, else the nearest folder above the \
        current one holding oneonone.yaml, else the current folder.",
    propagate_version = true
)]
pub struct Cli {
    /// The notebook folder [default: $ONEONONE_DIR, else the nearest folder with oneonone.yaml, else .]
    #[arg(long, global = true, value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// When to colour the output
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,

    /// Pretend today is this date (for tests and reproducible output)
    #[arg(long, global = true, value_name = "YYYY-MM-DD", value_parser = parse_date, hide = true)]
    pub today: Option<NaiveDate>,

    /// What to do
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Make a folder a notebook by writing a commented oneonone.yaml
    #[command(after_help = "Examples:\n  oneonone init\n  oneonone init ~/one-on-ones")]
    Init(InitArgs),

    /// Create today's note for a person, with suggested questions
    #[command(after_help = "Examples:\n  \
        oneonone new alice\n  \
        oneonone new \"Alice Smith\" --date 2026-11-24\n  \
        $EDITOR \"$(oneonone new alice)\"")]
    New(NewArgs),

    /// Suggest questions from the question bank
    #[command(after_help = "Examples:\n  \
        oneonone questions\n  \
        oneonone questions --section lift -n 3\n  \
        oneonone questions --all")]
    Questions(QuestionsArgs),

    /// List the open follow-ups (unchecked `- [ ]` items) across the notebook
    #[command(after_help = "Examples:\n  \
        oneonone followups\n  \
        oneonone followups alice\n  \
        oneonone followups --json | jq length")]
    Followups(FollowupsArgs),

    /// Print a shell completion script
    #[command(after_help = "Examples:\n  \
        oneonone completions bash > ~/.local/share/bash-completion/completions/oneonone\n  \
        oneonone completions zsh > ~/.zfunc/_oneonone")]
    Completions(CompletionsArgs),
}

/// `oneonone init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to make a notebook [default: --dir, $ONEONONE_DIR, or .]
    pub dir: Option<PathBuf>,
}

/// `oneonone new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The person's name ("Alice Smith") or the start of their folder name (alice)
    pub person: String,

    /// The meeting date [default: today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<NaiveDate>,

    /// Seed for picking the suggested questions, for a reproducible note
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
}

/// `oneonone questions`.
#[derive(Debug, Args)]
pub struct QuestionsArgs {
    /// Only this section's questions (listen, learn, lift, or a pool of your own)
    #[arg(long, short, value_name = "SECTION")]
    pub section: Option<String>,

    /// How many questions per section
    #[arg(short = 'n', long = "count", value_name = "N", default_value_t = 1)]
    pub count: usize,

    /// Seed for the pick, for a reproducible list
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,

    /// List the whole bank, by section
    #[arg(long, conflicts_with_all = ["count", "seed"])]
    pub all: bool,
}

/// `oneonone followups`.
#[derive(Debug, Args)]
pub struct FollowupsArgs {
    /// Only this person's follow-ups
    pub person: Option<String>,

    /// Print a JSON array instead of the grouped list
    #[arg(long)]
    pub json: bool,
}

/// `oneonone completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to write completions for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Colour when writing to a terminal, `NO_COLOR` is unset and `TERM` is not `dumb`
    Auto,
    /// Always colour
    Always,
    /// Never colour
    Never,
}

/// Parses `YYYY-MM-DD`.
fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date; write it as YYYY-MM-DD"))
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
