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
        oneonone agenda alice \"Ask about the offsite\"\n  \
        oneonone prep alice\n  \
        oneonone new \"Alice Smith\" --edit\n  \
        oneonone followups --overdue\n  \
        oneonone done alice-smith/2026-11-24.md:41\n\n\
        The notebook is --dir, else $ONEONONE_DIR, else the nearest folder at or above \
        the current one holding oneonone.yaml or .oneonone/, else the `notebook:` in \
        your config file ($XDG_CONFIG_HOME/oneonone/config.yaml, by default \
        ~/.config/oneonone/config.yaml; `oneonone init DIR` records it there). With \
        none of these there is no notebook, and oneonone says so: it never makes a \
        notebook of a folder you did not name.",
    propagate_version = true
)]
pub struct Cli {
    /// The notebook folder [default: $ONEONONE_DIR, else the nearest folder at or above this one with oneonone.yaml or .oneonone/, else `notebook:` in ~/.config/oneonone/config.yaml]
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
    /// Make a folder a notebook by writing a commented oneonone.yaml, and your default one
    #[command(
        after_help = "Examples:\n  oneonone init\n  oneonone init ~/one-on-ones\n  \
        oneonone init ~/team-b --no-default\n\n\
        The first notebook made becomes your default: its path is recorded as `notebook:` \
        in your config file ($XDG_CONFIG_HOME/oneonone/config.yaml, by default \
        ~/.config/oneonone/config.yaml), used wherever no other notebook is named or \
        found. A default already set there is never changed."
    )]
    Init(InitArgs),

    /// Create today's note for a person, with suggested questions
    #[command(after_help = "Examples:\n  \
        oneonone new alice\n  \
        oneonone new \"Alice Smith\" --date 2026-11-24\n  \
        oneonone new alice --framework rainbows-and-clouds --edit\n  \
        $EDITOR \"$(oneonone new alice --no-carry)\"\n\n\
        The new note takes the open points of <person>/agenda.md and the open \
        follow-ups of the person's earlier notes (marked [>] there).")]
    New(NewArgs),

    /// Add a talking point to a person's running agenda, or list the open ones
    #[command(after_help = "Examples:\n  \
        oneonone agenda alice \"Ask about the offsite\"\n  \
        oneonone agenda alice\n  \
        oneonone agenda \"Ask about the offsite\"   # in a shared space\n\n\
        Points live in <person>/agenda.md, a task list either side can edit; \
        `oneonone new` moves the open ones into the new note. For a person with a shared \
        space (`oneonone share`), they live in the space's agenda.md.")]
    Agenda(AgendaArgs),

    /// List the open follow-ups (unchecked `- [ ]` items) across the notebook
    #[command(after_help = "Examples:\n  \
        oneonone followups\n  \
        oneonone followups alice\n  \
        oneonone followups --json | jq length")]
    Followups(FollowupsArgs),

    /// Check off open follow-ups, by path:line or by text
    #[command(after_help = "Examples:\n  \
        oneonone done alice-smith/2026-11-24.md:41\n  \
        oneonone done --match \"promo doc\" --person alice\n  \
        oneonone done --reopen alice-smith/2026-11-24.md:41")]
    Done(DoneArgs),

    /// List who is due a 1:1 within DAYS (7 unless given), soonest first
    #[command(after_help = "Examples:\n  \
        oneonone due\n  \
        oneonone due --within 14\n  \
        oneonone due >/dev/null || echo 'a 1:1 is overdue'\n\n\
        Exit status: 1 when someone's 1:1 is overdue (for a shell prompt or a cron job), \
        0 otherwise, 2 on an error.")]
    Due(DueArgs),

    /// One row per person: last 1:1, follow-ups, and when the next one is due
    #[command(
        after_help = "Examples:\n  oneonone people\n  oneonone people --sort name\n  oneonone people --json\n\nOn a terminal the table fits its width (ROLE is cut or left out first); piped, every column is whole."
    )]
    People(PeopleArgs),

    /// A one-screen brief to read before a 1:1
    #[command(after_help = "Examples:\n  oneonone prep alice")]
    Prep(PrepArgs),

    /// Open a person's latest note in your editor
    #[command(after_help = "Examples:\n  \
        oneonone open alice\n  \
        oneonone open alice --print\n\n\
        The editor is $VISUAL, else $EDITOR, else vi.")]
    Open(OpenArgs),

    /// Record time off for a person (days away do not count against the cadence), or list theirs
    #[command(after_help = "Examples:\n  \
        oneonone away alice --from 2026-12-01 --to 2026-12-21 --why holiday\n  \
        oneonone away alice\n\n\
        Both dates are included. The period is added to the `away:` list of the person's \
        person.yaml (which can be edited by hand); `oneonone undo` takes it back.")]
    Away(AwayArgs),

    /// Record a check-in (energy, challenge, skill: 1 to 5) on a person's latest note
    #[command(after_help = "Examples:\n  \
        oneonone checkin alice --energy 4 --challenge 3 --skill 2\n  \
        oneonone checkin alice --energy 2 --date 2026-11-24\n\n\
        The values go into the note's frontmatter (energy:, challenge:, skill:); \
        only those lines change.")]
    Checkin(CheckinArgs),

    /// Charts of a person's check-ins: challenge vs skill, and energy over time
    #[command(after_help = "Examples:\n  \
        oneonone trends alice\n  \
        oneonone trends alice --last 8 --ascii\n  \
        oneonone trends alice --svg alice-trends.svg")]
    Trends(TrendsArgs),

    /// Patterns in a person's notes: tags over time, stuck follow-ups, gaps, check-in averages
    #[command(
        after_help = "Examples:\n  oneonone patterns alice\n  oneonone patterns alice --json"
    )]
    Patterns(PatternsArgs),

    /// A person's zone of genius: their activities by skill and joy, and what moved since the last map
    #[command(after_help = "Examples:\n  \
        oneonone new alice --framework zone-of-genius   # a note with the table to fill in\n  \
        oneonone zones alice\n  \
        oneonone zones alice --ascii\n  \
        oneonone zones alice --svg alice-zones.svg\n\n\
        The map is the latest note holding a table `| activity | skill | joy |` with a row \
        filled in, skill and joy from 1 to 5. Skill at most 2 is incompetence; skill 3 is \
        competence; skill 4 or 5 with joy at most 3 is excellence; with joy 4 or 5, genius.")]
    Zones(ZonesArgs),

    /// A person's 1:1s, newest first: check-in, what was said, follow-ups opened and ticked
    #[command(after_help = "Examples:\n  \
        oneonone log alice\n  \
        oneonone log alice --since 2026-09-01 --section lift\n  \
        oneonone log alice | less\n\n\
        What was said leaves out the template's questions and prompts and the carried \
        copies of follow-ups. Private sections are shown, marked 🔒; --shared leaves \
        them out.")]
    Log(LogArgs),

    /// Find words in what was said across the notes (exit 1 when nothing matched)
    #[command(after_help = "Examples:\n  \
        oneonone search on-call\n  \
        oneonone search 'chloe \"on call\"' --since 2026-09-01\n  \
        oneonone search feedback --person alice --section lift\n  \
        oneonone search --tag growth promotion --json\n\n\
        Case and accents do not matter (cafe finds café). Several words must all be in \
        one block (a paragraph or a list item); \"a phrase\" in quotes matches its words \
        one after the other. The template's questions and prompts and the carried copies \
        of follow-ups are skipped; --all searches every line.")]
    Search(SearchArgs),

    /// A period of a person's 1:1s in one document, for a performance review or a promotion packet
    #[command(after_help = "Examples:\n  \
        oneonone review alice --since 2026-07-01\n  \
        oneonone review alice --since 2026-07-01 --until 2026-12-31 --shared\n  \
        oneonone review alice --since 2026-07-01 --html alice-review.html\n\n\
        Markdown on standard output: the meetings held against the cadence, themes, what was \
        said under Lift, follow-ups completed (theirs and yours), still open and stuck, the \
        check-ins by month and the latest zone-of-genius map. --shared leaves out every \
        private section and private follow-up (and the check-ins unless the notebook shares \
        them). --html writes one standalone page (no scripts, nothing fetched), charts inline; \
        it never overwrites a file.")]
    Review(ReviewArgs),

    /// Print a note, or a copy to share with the report (no private section)
    #[command(after_help = "Examples:\n  \
        oneonone export alice --shared\n  \
        oneonone export alice --date 2026-11-24 --shared | pbcopy\n  \
        oneonone export alice-smith/2026-11-24.md --shared")]
    Export(ExportArgs),

    /// Make a folder the space you share with a person: their agenda, and the shared copies of your notes
    #[command(after_help = "Examples:\n  \
        oneonone share alice ~/spaces/alice --git\n  \
        oneonone share alice ../alice-1on1      # a clone of a repository you both use\n\n\
        DIR becomes a notebook holding only that person: <person>/agenda.md (the open points \
        of your private agenda move there, and `oneonone agenda alice ...` writes there from \
        now on), a README.md for them, and git settings that merge both sides' agenda lines. \
        person.yaml records it as `shared: DIR`. `oneonone sync alice` then publishes the \
        shared copy of each note (never the private section) and brings their ticks back. \
        With --git, DIR becomes a git repository if it is not one; add a remote both of you \
        can reach (`git -C DIR remote add origin URL`) and sync pushes there.")]
    Share(ShareArgs),

    /// Publish your notes' shared copies to people's spaces and bring back their ticks and points (runs git)
    #[command(after_help = "Examples:\n  \
        oneonone sync               # every person with a shared space\n  \
        oneonone sync alice\n  \
        oneonone sync alice --force # overwrite shared copies that conflict\n\n\
        For each note new or changed since it was last published, sync writes its shared copy \
        to <space>/<person>/<date>.md. A follow-up ticked on either side is ticked on the other \
        (done wins; a reopen travels when the other side left the item alone). A shared copy \
        the person edited is only updated box by box; a newer version of yours that cannot be \
        merged that way is a conflict (exit 2) until --force. In a git repository it then \
        commits, pulls (rebase) and pushes. Run in a space (the report's clone), it commits, \
        pulls and pushes only.")]
    Sync(SyncArgs),

    /// Rename a person (folder, notes, person.yaml, @mentions), or merge them into another
    #[command(after_help = "Examples:\n  \
        oneonone rename alice \"Alice Smith\"\n  \
        oneonone rename \"mary ann\" \"Mary Ann Walsh\" --merge --dry-run\n\n\
        The folder moves to the new name's (alice-smith/); person: in the notes, \
        name: in person.yaml and @alice mentions across the notebook follow. When \
        that folder is there, --merge moves the notes into it (a 1:1 the same day \
        becomes DATE-2.md) and merges agenda.md and person.yaml.")]
    Rename(RenameArgs),

    /// Take back the last command that wrote (new, agenda, done, away, checkin, rename, check --fix) if its files are as it left it
    #[command(after_help = "Examples:\n  \
        oneonone undo --dry-run\n  \
        oneonone undo\n\n\
        Each command that writes records what it changed in .oneonone/undo/ (the last 10, \
        16 MiB at most). undo puts the newest back: a note `new` created is removed, the \
        [>] marks and agenda points it moved are restored, a folder it made goes if empty. \
        It refuses, changing nothing, when a file changed since, byte for byte, and names it. \
        Run it again to take back the command before; undo itself cannot be undone.")]
    Undo(UndoArgs),

    /// Check the notebook for problems: broken frontmatter, bad check-ins, lost carried items, ...
    #[command(
        after_help = "Examples:\n  oneonone check\n  oneonone check --json\n  \
        oneonone check --fix --dry-run\n  oneonone check --fix\n\n\
        --fix makes the repairs that are safe, one byte each: a `[>]` item no later note holds \
        is reopened (`[ ]`), and of a follow-up open in two notes the older copy is marked `[>]`. \
        A `[>]` whose copy a later note may hold reworded, and a note with conflict markers or \
        open in another program, are left as they are. \
        It prints each repair with its path:line, then the problems left to fix by hand.\n\n\
        Exit status: 0 when the notebook is clean (after --fix: when nothing is left), \
        1 when problems were found, 2 on an error."
    )]
    Check(CheckArgs),

    /// List the frameworks a note can follow
    #[command(
        after_help = "Examples:\n  oneonone frameworks\n  oneonone new alice --framework start-stop-continue"
    )]
    Frameworks,

    /// Suggest questions from the question bank
    #[command(after_help = "Examples:\n  \
        oneonone questions\n  \
        oneonone questions --section lift -n 3\n  \
        oneonone questions --all")]
    Questions(QuestionsArgs),

    /// Print the script that makes a shell complete oneonone's commands, flags and people
    #[command(
        after_help = "The script calls oneonone back on every Tab, so PERSON arguments \
        complete to the people of the notebook in use. Load it when the shell starts:\n\n\
        Examples:\n  \
        echo 'source <(oneonone completions bash)' >> ~/.bashrc\n  \
        echo 'source <(oneonone completions zsh)' >> ~/.zshrc\n  \
        echo 'oneonone completions fish | source' >> ~/.config/fish/config.fish"
    )]
    Completions(CompletionsArgs),
}

impl Command {
    /// The `--seed` given to a command that picks questions.
    #[must_use]
    pub fn seed(&self) -> Option<u64> {
        match self {
            Command::New(args) => args.seed,
            Command::Prep(args) => args.seed,
            Command::Questions(args) => args.seed,
            _ => None,
        }
    }
}

/// `oneonone init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to make a notebook [default: --dir, $ONEONONE_DIR, or .]; it also becomes your default notebook (`notebook:` in ~/.config/oneonone/config.yaml) when none is set there yet
    // Its own id: sharing the global `--dir`'s made `init --dir X` an error.
    #[arg(id = "init_dir", value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// Do not record DIR as your default notebook in your config file
    #[arg(long)]
    pub no_default: bool,
}

/// `oneonone new`.
#[derive(Debug, Args)]
#[allow(clippy::struct_excessive_bools)] // each is one independent command-line switch
pub struct NewArgs {
    /// The person's name ("Alice Smith") or the start of their folder name (alice)
    pub person: String,

    /// The meeting date: YYYY-MM-DD, today or yesterday [default: today]
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub date: Option<DateArg>,

    /// Seed for picking the suggested questions, for a reproducible note
    #[arg(long, value_name = "N", value_parser = seed, allow_negative_numbers = true)]
    pub seed: Option<u64>,

    /// The framework giving the note's sections [default: oneonone.yaml's, else listen-learn-lift]
    #[arg(long, short, value_name = "NAME")]
    pub framework: Option<String>,

    /// Leave open follow-ups in the earlier notes instead of carrying them over
    #[arg(long)]
    pub no_carry: bool,

    /// Open the new note in $VISUAL / $EDITOR
    #[arg(long, short)]
    pub edit: bool,

    /// Make a new person of the name even though it is near someone's
    #[arg(long)]
    pub new_person: bool,

    /// Print the note and every change elsewhere (agenda points moved, items marked [>]) without writing anything
    #[arg(long, conflicts_with = "edit")]
    pub dry_run: bool,
}

/// `oneonone agenda`.
#[derive(Debug, Args)]
pub struct AgendaArgs {
    /// The person [default: in a shared space, its person]
    pub person: Option<String>,

    /// Make a new person of the name even though it is near someone's (before TEXT)
    #[arg(long)]
    pub new_person: bool,

    /// The talking point to add; without it, the open points are listed
    #[arg(value_name = "TEXT", num_args = 0.., trailing_var_arg = true)]
    pub text: Vec<String>,
}

/// `oneonone rename`.
#[derive(Debug, Args)]
pub struct RenameArgs {
    /// The person
    pub person: String,

    /// Their new name ("Mary Ann Walsh"); the folder becomes its slug (mary-ann-walsh)
    #[arg(value_name = "NEW")]
    pub new: String,

    /// If the new name's folder is there: move the notes into it, merging agenda.md and person.yaml
    #[arg(long)]
    pub merge: bool,

    /// Print every change (moves, each edited line before and after) without writing anything
    #[arg(long)]
    pub dry_run: bool,
}

/// `oneonone undo`.
#[derive(Debug, Args)]
pub struct UndoArgs {
    /// Print every change undo would make (files removed, each line restored) without writing anything
    #[arg(long)]
    pub dry_run: bool,
}

/// `oneonone done`.
#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("which").required(true).args(["refs", "text"]))]
pub struct DoneArgs {
    /// The items, as `path:line` (what `followups` prints)
    #[arg(value_name = "PATH:LINE")]
    pub refs: Vec<String>,

    /// Instead of a reference: the one open item whose text contains TEXT
    #[arg(
        long = "match",
        short = 'm',
        value_name = "TEXT",
        conflicts_with = "refs"
    )]
    pub text: Option<String>,

    /// With --match: only this person's items
    #[arg(long, short, value_name = "PERSON", requires = "text")]
    pub person: Option<String>,

    /// Uncheck instead: turn `[x]` (or, by PATH:LINE, a carried `[>]`) back into `[ ]`
    #[arg(long)]
    pub reopen: bool,

    /// With --reopen: reopen a carried `[>]` even though a later note holds its open copy
    #[arg(long, requires = "reopen")]
    pub force: bool,
}

/// A whole number as a flag takes it, or a message in words (clap's own
/// names a Rust type: "invalid digit found in string"): a short first
/// line after clap's `invalid value 'X' for '--flag <N>': `, then a hint.
/// `what` is what the number counts, `like` an example of one.
fn whole_number<T>(s: &str, what: &str, like: &str) -> Result<T, String>
where
    T: std::str::FromStr + Into<u64> + Copy,
{
    match s.parse::<T>() {
        Ok(n) => Ok(n),
        Err(_) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => Err(format!(
            "too large\n  hint: {what} is at most {}",
            max_of::<T>()
        )),
        Err(_) => Err(format!(
            "not a whole number\n  hint: give {what}, like {like}"
        )),
    }
}

/// The largest value of `T`, found by parsing down from `u64::MAX`.
fn max_of<T: std::str::FromStr + Into<u64>>() -> u64 {
    let mut max = u64::MAX;
    while max.to_string().parse::<T>().is_err() {
        max >>= 1;
    }
    max
}

/// `due --within`: a whole number of days.
fn days(s: &str) -> Result<u32, String> {
    whole_number::<u16>(s, "a number of days", "7").map(u32::from)
}

/// `questions -n`, `trends --last`: how many.
fn count(s: &str) -> Result<usize, String> {
    whole_number::<u32>(s, "a count", "3").map(|n| n as usize)
}

/// `--seed`: any whole number from 0 up.
fn seed(s: &str) -> Result<u64, String> {
    whole_number(s, "a seed", "42")
}

/// A check-in value, 1 to 5.
fn check_in_value(s: &str) -> Result<u8, String> {
    match s.parse::<u8>() {
        Ok(n) if (1..=5).contains(&n) => Ok(n),
        _ => Err("not a check-in value\n  hint: use a whole number from 1 to 5".into()),
    }
}

/// `oneonone checkin`.
#[derive(Debug, Args)]
pub struct CheckinArgs {
    /// The person
    pub person: String,

    /// Energy, 1 (drained) to 5 (full of it)
    #[arg(long, short, value_name = "1-5", value_parser = check_in_value)]
    pub energy: Option<u8>,

    /// How challenging their work is, 1 to 5
    #[arg(long, short, value_name = "1-5", value_parser = check_in_value)]
    pub challenge: Option<u8>,

    /// How skilled they feel at it, 1 to 5
    #[arg(long, short, value_name = "1-5", value_parser = check_in_value)]
    pub skill: Option<u8>,

    /// The note of this meeting date: YYYY-MM-DD, today or yesterday [default: the latest
    /// note]
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub date: Option<DateArg>,
}

/// `oneonone trends`.
#[derive(Debug, Args)]
pub struct TrendsArgs {
    /// The person
    pub person: String,

    /// Only check-ins on or after this date: YYYY-MM-DD, today or yesterday
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub since: Option<DateArg>,

    /// Only the last N check-ins
    #[arg(long, value_name = "N", value_parser = count, allow_negative_numbers = true)]
    pub last: Option<usize>,

    /// Plain ASCII instead of Unicode
    #[arg(long)]
    pub ascii: bool,

    /// Also write both charts as a standalone SVG picture to FILE (`-`: print it instead of the charts)
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
}

/// `oneonone zones`.
#[derive(Debug, Args)]
pub struct ZonesArgs {
    /// The person
    pub person: String,

    /// Plain ASCII instead of Unicode
    #[arg(long)]
    pub ascii: bool,

    /// Also write the map as a standalone SVG picture to FILE (`-`: to standard output, instead of the grid)
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
}

/// `oneonone review`.
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The person
    pub person: String,

    /// The period's first day: YYYY-MM-DD, today or yesterday
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub since: DateArg,

    /// The period's last day: YYYY-MM-DD, today or yesterday (default: today)
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub until: Option<DateArg>,

    /// Leave out every private section and private follow-up (and the check-ins unless the notebook shares them)
    #[arg(long)]
    pub shared: bool,

    /// Write one standalone HTML page to FILE instead (`-`: to standard output); never overwrites a file
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
}

/// `oneonone patterns`.
#[derive(Debug, Args)]
pub struct PatternsArgs {
    /// The person
    pub person: String,

    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

/// `oneonone export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// A note's path, or a person (their latest note, or the one of --date)
    #[arg(value_name = "NOTE|PERSON")]
    pub note: String,

    /// With a person: the note of this meeting date (YYYY-MM-DD, today or yesterday)
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub date: Option<DateArg>,

    /// The copy to share: without the private section and manager-only fields
    #[arg(long)]
    pub shared: bool,
}

/// `oneonone share`.
#[derive(Debug, Args)]
pub struct ShareArgs {
    /// The person
    pub person: String,

    /// The folder to share with them: made if missing, or an existing folder or clone adopted
    // Its own id: sharing the global `--dir`'s would mix the two.
    #[arg(id = "space_dir", value_name = "DIR")]
    pub dir: PathBuf,

    /// Make DIR a git repository (`git init`) if it is not one
    #[arg(long)]
    pub git: bool,
}

/// `oneonone sync`.
#[derive(Debug, Args)]
pub struct SyncArgs {
    /// Only this person's space [default: everyone with one; in a space, that space]
    #[arg(value_name = "PERSON")]
    pub person: Option<String>,

    /// Overwrite shared copies the person changed in ways that cannot be merged box by box
    #[arg(long)]
    pub force: bool,
}

/// `oneonone check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Print a JSON array of problems instead of text
    #[arg(long, conflicts_with = "fix")]
    pub json: bool,

    /// Make the safe repairs (reopen orphaned `[>]` items, mark the older of two open copies `[>]`) and print each
    #[arg(long)]
    pub fix: bool,

    /// With --fix: print the repairs without writing anything
    #[arg(long, requires = "fix")]
    pub dry_run: bool,
}

/// `oneonone away`.
#[derive(Debug, Args)]
pub struct AwayArgs {
    /// The person
    pub person: String,

    /// The first day away: YYYY-MM-DD, today or yesterday [with --to; without either: list
    /// their time off]
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg, requires = "to")]
    pub from: Option<DateArg>,

    /// The last day away (included): YYYY-MM-DD, today or yesterday
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg, requires = "from")]
    pub to: Option<DateArg>,

    /// Why (holiday, parental leave...)
    #[arg(long, value_name = "TEXT", requires = "from")]
    pub why: Option<String>,
}

/// `oneonone due`.
#[derive(Debug, Args)]
pub struct DueArgs {
    /// How many days ahead to look
    #[arg(
        long,
        value_name = "DAYS",
        default_value_t = 7,
        value_parser = days,
        allow_negative_numbers = true
    )]
    pub within: u32,
}

/// `oneonone people`.
#[derive(Debug, Args)]
pub struct PeopleArgs {
    /// Print a JSON array instead of the table
    #[arg(long)]
    pub json: bool,

    /// The order of the rows (and of the JSON array)
    #[arg(long, value_enum, default_value_t = PeopleSort::Due)]
    pub sort: PeopleSort,

    /// Write an iCalendar file instead: one all-day event per person on their next due date (`-`: standard output)
    #[arg(long, value_name = "FILE", conflicts_with = "json")]
    pub ics: Option<PathBuf>,
}

/// `people --sort`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PeopleSort {
    /// Who is due soonest first: overdue at the top; a first 1:1 not yet held is due today
    Due,
    /// By name, accents and case folded
    Name,
    /// Who was seen longest ago first (never seen at the top)
    Last,
}

/// `oneonone prep`.
#[derive(Debug, Args)]
pub struct PrepArgs {
    /// The person
    pub person: String,

    /// Seed for the suggested questions, for a reproducible brief
    #[arg(long, value_name = "N", value_parser = seed, allow_negative_numbers = true)]
    pub seed: Option<u64>,

    /// For a screen you share: leave out private follow-ups, tags, and check-ins (unless shared)
    #[arg(long)]
    pub shared: bool,
}

/// `oneonone open`.
#[derive(Debug, Args)]
pub struct OpenArgs {
    /// The person
    pub person: String,

    /// Print the note's path instead of opening it
    #[arg(long)]
    pub print: bool,
}

/// `oneonone questions`.
#[derive(Debug, Args)]
pub struct QuestionsArgs {
    /// Only this pool's questions (listen, learn, lift, start, stop, continue, rainbows, clouds, or your own)
    #[arg(long, short, value_name = "SECTION")]
    pub section: Option<String>,

    /// How many questions per section
    #[arg(
        short = 'n',
        long = "count",
        value_name = "N",
        default_value_t = 1,
        value_parser = count,
        allow_negative_numbers = true
    )]
    pub count: usize,

    /// Seed for the pick, for a reproducible list
    #[arg(long, value_name = "N", value_parser = seed, allow_negative_numbers = true)]
    pub seed: Option<u64>,

    /// List the whole bank, by section
    #[arg(long, conflicts_with_all = ["count", "seed"])]
    pub all: bool,
}

/// `oneonone log`.
#[derive(Debug, Args)]
pub struct LogArgs {
    /// Whose 1:1s
    pub person: String,

    /// Only meetings on or after this date: YYYY-MM-DD, today or yesterday
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub since: Option<DateArg>,

    /// Only meetings on or before this date: YYYY-MM-DD, today or yesterday
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub until: Option<DateArg>,

    /// Only what was said under this section, by the start of its words (e.g. lift, zone)
    #[arg(long, value_name = "SECTION")]
    pub section: Option<String>,

    /// Leave out the private sections and private follow-ups (and the check-ins unless shared)
    #[arg(long)]
    pub shared: bool,

    /// Print a JSON array of meetings
    #[arg(long)]
    pub json: bool,
}

/// `oneonone search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words, and "phrases" in quotes
    #[arg(value_name = "QUERY", required = true, num_args = 1..)]
    pub query: Vec<String>,

    /// Only this person's notes
    #[arg(long, short, value_name = "PERSON")]
    pub person: Option<String>,

    /// Only what is under this section (e.g. lift)
    #[arg(long, value_name = "SECTION")]
    pub section: Option<String>,

    /// Only notes with this tag (frontmatter `tags:` or an inline #tag)
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,

    /// Only notes dated on or after this date: YYYY-MM-DD, today or yesterday
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub since: Option<DateArg>,

    /// Only notes dated on or before this date: YYYY-MM-DD, today or yesterday
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub until: Option<DateArg>,

    /// Search every line, the template's questions and code blocks included
    #[arg(long)]
    pub all: bool,

    /// Print a JSON array of matching lines
    #[arg(long)]
    pub json: bool,
}

/// `oneonone followups`.
#[derive(Debug, Args)]
#[allow(clippy::struct_excessive_bools)] // independent filter flags
pub struct FollowupsArgs {
    /// Only this person's follow-ups
    #[arg(value_name = "PERSON")]
    pub person: Option<String>,

    /// Only this person's follow-ups (same as the PERSON argument)
    #[arg(
        long = "person",
        short = 'p',
        value_name = "PERSON",
        conflicts_with = "person"
    )]
    pub person_flag: Option<String>,

    /// Only follow-ups you own (`@me`, or no mention)
    #[arg(long, conflicts_with_all = ["theirs", "owner"])]
    pub mine: bool,

    /// Only follow-ups the person whose note holds them owns (`@name`)
    #[arg(long, conflicts_with = "owner")]
    pub theirs: bool,

    /// Only follow-ups this person owns (`@name`), in anyone's notes
    #[arg(long, value_name = "PERSON")]
    pub owner: Option<String>,

    /// Only follow-ups past their due date
    #[arg(long)]
    pub overdue: bool,

    /// Also list the talking points waiting in agenda.md files
    #[arg(long)]
    pub agenda: bool,

    /// Print a JSON array instead of the grouped list
    #[arg(long)]
    pub json: bool,

    /// For a screen you share: leave out private follow-ups (those in a private section)
    #[arg(long)]
    pub shared: bool,
}

/// `oneonone completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to write completions for
    #[arg(value_enum)]
    pub shell: Shell,
}

/// A shell `oneonone completions` writes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Elvish,
    Fish,
    #[value(name = "powershell")]
    PowerShell,
    Zsh,
}

/// The variable under which the shell asks the binary for completions.
pub const COMPLETE_VAR: &str = "ONEONONE_COMPLETE";

/// Whether an argument names a person (a `person` positional, or any
/// argument whose value is a PERSON): those complete to the people of the
/// notebook.
#[must_use]
pub fn names_a_person(arg: &clap::Arg) -> bool {
    arg.get_id() == "person"
        || arg
            .get_value_names()
            .is_some_and(|names| names.iter().any(|n| n == "PERSON"))
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

/// A day given on the command line: a date, or `today` or `yesterday`
/// (resolved against the settings' today, so `--today` moves them too).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateArg {
    /// `YYYY-MM-DD`.
    Day(NaiveDate),
    /// `today`.
    Today,
    /// `yesterday`.
    Yesterday,
}

impl DateArg {
    /// The date this names, when today is `today`.
    #[must_use]
    pub fn on(self, today: NaiveDate) -> NaiveDate {
        match self {
            DateArg::Day(date) => date,
            DateArg::Today => today,
            DateArg::Yesterday => today.pred_opt().unwrap_or(today),
        }
    }
}

/// Parses `YYYY-MM-DD` strictly: four digits, two, two (`2026-1-5` is
/// refused, with the spelling that works).
fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let shape_ok = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    let date = if shape_ok {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    } else {
        None
    };
    date.ok_or_else(|| {
        // Say how to write what was probably meant.
        let parts: Vec<&str> = s.split('-').collect();
        let fixed = match parts[..] {
            [y, m, d]
                if y.len() == 4
                    && !m.is_empty()
                    && m.len() <= 2
                    && !d.is_empty()
                    && d.len() <= 2 =>
            {
                Some(format!("{y}-{m:0>2}-{d:0>2}"))
            }
            _ => None,
        }
        .filter(|f| NaiveDate::parse_from_str(f, "%Y-%m-%d").is_ok());
        match fixed {
            Some(fixed) => {
                format!("not a date\n  hint: write it as YYYY-MM-DD: {fixed}")
            }
            None => "not a date\n  hint: write it as YYYY-MM-DD, or today, or yesterday".into(),
        }
    })
}

/// Parses `YYYY-MM-DD`, `today` or `yesterday`.
fn parse_date_arg(s: &str) -> Result<DateArg, String> {
    match s.trim().to_ascii_lowercase().as_str() {
        "today" => Ok(DateArg::Today),
        "yesterday" => Ok(DateArg::Yesterday),
        _ => parse_date(s).map(DateArg::Day),
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        super::Cli::command().debug_assert();
    }

    #[test]
    fn dates_are_read_strictly_and_today_and_yesterday_move_with_today() {
        use super::{DateArg, parse_date_arg};
        let day = |s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(
            parse_date_arg("2026-01-05"),
            Ok(DateArg::Day(day("2026-01-05")))
        );
        assert_eq!(
            parse_date_arg("2026-1-5"),
            Err("not a date\n  hint: write it as YYYY-MM-DD: 2026-01-05".into())
        );
        assert_eq!(
            parse_date_arg("tomorrow"),
            Err("not a date\n  hint: write it as YYYY-MM-DD, or today, or yesterday".into())
        );
        assert!(parse_date_arg("2026-02-30").is_err());
        assert!(parse_date_arg("+2026-01-05").is_err());
        let today = day("2026-03-01");
        assert_eq!(parse_date_arg("today").unwrap().on(today), today);
        assert_eq!(
            parse_date_arg("Yesterday").unwrap().on(today),
            day("2026-02-28")
        );
    }
}
