//! `oneonone check`: what in the notebook needs a person's attention.
//! Every problem names its file (and line, where there is one) and says how
//! to fix it. [`check`] changes nothing; [`fix`] works out the repairs that
//! are safe to make (one byte each: an orphaned `[>]` reopened, the older
//! copy of a follow-up open twice marked `[>]`), for `check --fix` to
//! write.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::agenda;
use crate::bank::Bank;
use crate::error::Error;
use crate::followup::{CarriedMark, carried_marks, normalized};
use crate::note::{Note, conflict_marker};
use crate::notebook::PROFILE_FILE;
use crate::notebook::{Notebook, parse_meeting_name};
use crate::notebook::{read_listed_note, slash_path};
use crate::person::Profile;
use crate::task;

/// One thing to look at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
// `problem` is the field name `check --json` has always written.
#[allow(clippy::struct_field_names)]
pub struct Problem {
    /// The file, relative to the notebook root, with `/`.
    pub path: String,
    /// The 1-based line, where there is one.
    pub line: Option<usize>,
    /// The kind of problem.
    pub kind: Kind,
    /// What is wrong.
    pub problem: String,
    /// What to do about it.
    pub fix: String,
    /// The repairs `check --fix` makes for it (none when it cannot be
    /// repaired safely); not in `check --json`.
    #[serde(skip)]
    pub repairs: Vec<Repair>,
}

/// One byte `check --fix` changes in a note to repair a problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repair {
    /// The note, relative to the notebook root, with `/`.
    pub path: String,
    /// The 1-based line of the item.
    pub line: usize,
    /// The byte's offset in the file.
    pub at: usize,
    /// The byte there now (`>` of `[>]`, or the blank of `[ ]`).
    pub from: u8,
    /// The byte it becomes.
    pub to: u8,
    /// The [`crate::followup::cache::content_hash`] of the file as checked.
    pub hash: u64,
    /// What it does, in the past tense (`reopened ...`).
    pub done: String,
    /// The same, as a plan (`would reopen ...`).
    pub planned: String,
}

/// The kinds of problem `check` reports, as `check --json` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Kind {
    /// A file or folder that cannot be read (or is not UTF-8 text).
    #[serde(rename = "unreadable")]
    Unreadable,
    /// A meeting note with the same text as another of a different date.
    #[serde(rename = "duplicate")]
    Duplicate,
    /// A person.yaml that does not load.
    #[serde(rename = "person.yaml")]
    PersonYaml,
    /// Frontmatter that does not parse.
    #[serde(rename = "frontmatter")]
    Frontmatter,
    /// A check-in value that is not a whole number from 1 to 5.
    #[serde(rename = "check-in")]
    CheckIn,
    /// Unresolved git conflict markers.
    #[serde(rename = "conflict")]
    Conflict,
    /// A file that is neither a meeting note nor an agenda.
    #[serde(rename = "layout")]
    Layout,
    /// A file name and a frontmatter `date` that disagree.
    #[serde(rename = "date")]
    Date,
    /// A frontmatter `framework` the bank does not define.
    #[serde(rename = "framework")]
    Framework,
    /// An agenda.md whose open items `new` would never move.
    #[serde(rename = "agenda")]
    Agenda,
    /// A `[>]` item no later note holds.
    #[serde(rename = "carried")]
    Carried,
    /// A follow-up open in more than one place.
    #[serde(rename = "open twice")]
    OpenTwice,
    /// A symbolic link, which oneonone never follows.
    #[serde(rename = "link")]
    Link,
    /// The `.oneonone` folder, its lock or its temp folder of the wrong
    /// kind (a pipe, a file where a folder goes).
    #[serde(rename = "state")]
    State,
    /// A temp file a stopped command left behind.
    #[serde(rename = "leftover")]
    Leftover,
    /// A question bank that does not load.
    #[serde(rename = "question-bank")]
    QuestionBank,
    /// A note `check --fix` left as it is: another program holds it open
    /// for writing.
    #[serde(rename = "open elsewhere")]
    OpenElsewhere,
    /// A row of a zone-of-genius table whose skill or joy is not a whole
    /// number from 1 to 5, or that names no activity.
    #[serde(rename = "zone-value")]
    ZoneValue,
    /// A row of a zone-of-genius table naming an activity an earlier row
    /// of the table names (the first is used).
    #[serde(rename = "zone-duplicate")]
    ZoneDuplicate,
}

fn problem(path: &str, line: Option<usize>, kind: Kind, what: String, fix: &str) -> Problem {
    Problem {
        path: path.to_string(),
        line,
        kind,
        problem: what,
        fix: fix.to_string(),
        repairs: Vec::new(),
    }
}

/// The line and message of an error about a file, without its path.
fn split_error(e: &Error) -> (Option<usize>, String) {
    match e {
        Error::Yaml {
            location, message, ..
        } => (Some(location.line), message.clone()),
        // Its hint lines go: the problem's `fix:` line says what to do.
        Error::Invalid { line, message, .. } => (
            *line,
            message
                .split("\n  hint: ")
                .next()
                .unwrap_or_default()
                .to_string(),
        ),
        Error::Io { action, source, .. } => (None, format!("{action}: {source}")),
        other => (None, other.to_string()),
    }
}

/// Checks the whole notebook; problems sorted by path, then line.
#[must_use]
pub fn check(notebook: &Notebook, bank: Option<&Bank>) -> Vec<Problem> {
    check_with(notebook, bank, &HashMap::new())
}

/// [`check`], with the notes in `overlay` (by `/` path) read as the text
/// it gives, not from disk: the notebook as it would be after repairs.
fn check_with(
    notebook: &Notebook,
    bank: Option<&Bank>,
    overlay: &HashMap<String, String>,
) -> Vec<Problem> {
    let mut found = Vec::new();
    let mut walk_errors = Vec::new();
    let files = notebook.markdown_files(&mut |e| walk_errors.push(e));
    for e in walk_errors {
        let path = error_path(notebook, &e);
        let (line, message) = split_error(&e);
        found.push(problem(
            &path,
            line,
            Kind::Unreadable,
            message,
            "fix or remove it; oneonone skips it",
        ));
    }
    // Per person folder, what each meeting note holds (not its text: a
    // notebook can be large), to follow carried items across notes.
    let mut by_folder: BTreeMap<String, Vec<Summary>> = BTreeMap::new();
    let mut copies = Copies::default();
    for file in &files {
        let rel = slash_path(&file.rel);
        // Listed by the walk, which found its folders are no links.
        let read = match overlay.get(&rel) {
            Some(text) => Ok(text.clone()),
            None => read_listed_note(notebook, file),
        };
        let text = match read {
            Ok(text) => text,
            Err(e) => {
                let (line, message) = split_error(&e);
                found.push(problem(
                    &rel,
                    line,
                    Kind::Unreadable,
                    message,
                    "save it as UTF-8 text, or remove it",
                ));
                continue;
            }
        };
        let parts: Vec<&str> = rel.split('/').collect();
        let written_date = check_note(bank, &rel, &parts, &text, &mut found);
        if let [folder, name] = parts[..]
            && let Some((date, number)) = parse_meeting_name(name)
        {
            let copy = copies.check(folder, &rel, date, &text, &mut found);
            let dated = written_date.unwrap_or(date);
            let mut summary = Summary::of(&rel, (date, number), dated, &text);
            // A copy of a whole note is reported as that; its items are not
            // reported again one by one.
            if copy {
                summary.open.clear();
            }
            by_folder
                .entry(folder.to_string())
                .or_default()
                .push(summary);
        }
    }
    let copies = crate::followup::holds_copies(notebook);
    for (folder, notes) in &mut by_folder {
        notes.sort_by_key(|n| std::cmp::Reverse(n.order));
        if !copies {
            check_carried(folder, notes, &mut found);
        }
        check_open_copies(notes, &mut found);
    }
    check_profiles(notebook, &mut found);
    found.sort_by(|a, b| a.path.cmp(&b.path).then(a.line.cmp(&b.line)));
    found
}

/// Meeting notes seen so far, by folder and a hash of their text, to find
/// a note that is a copy of another.
#[derive(Default)]
struct Copies {
    seen: BTreeMap<(String, u64), (String, chrono::NaiveDate)>,
}

impl Copies {
    /// Reports `rel` if an earlier note of the folder under another date
    /// holds the same text (two meetings the same day may well start from
    /// the same empty template); true when it does.
    fn check(
        &mut self,
        folder: &str,
        rel: &str,
        date: chrono::NaiveDate,
        text: &str,
        found: &mut Vec<Problem>,
    ) -> bool {
        let hash = crate::followup::cache::content_hash(text.as_bytes());
        match self.seen.get(&(folder.to_string(), hash)) {
            Some((other, other_date)) if *other_date != date => {
                found.push(problem(
                    rel,
                    None,
                    Kind::Duplicate,
                    format!("the same text as {other}"),
                    "keep one of the two files",
                ));
                true
            }
            Some(_) => false,
            None => {
                self.seen
                    .insert((folder.to_string(), hash), (rel.to_string(), date));
                false
            }
        }
    }
}

/// Every person folder's person.yaml reads.
fn check_profiles(notebook: &Notebook, found: &mut Vec<Problem>) {
    let Ok(folders) = notebook.person_slugs() else {
        return;
    };
    for folder in folders {
        let dir = notebook.path(Path::new(&folder));
        if let Err(e) = Profile::load(&dir, &notebook.show(Path::new(&folder))) {
            let (line, message) = split_error(&e);
            let fix = match &e {
                Error::Io { .. } => "replace it with a plain file, or remove it",
                _ => "fix the YAML (keys: name, role, cadence_days)",
            };
            found.push(problem(
                &format!("{folder}/{PROFILE_FILE}"),
                line,
                Kind::PersonYaml,
                message,
                fix,
            ));
        }
    }
}

/// The rules for one note: its frontmatter and check-ins read, no conflict
/// markers, where it is, its date, its framework, and for agenda.md its
/// points. Gives the frontmatter's date, if any.
fn check_note(
    bank: Option<&Bank>,
    rel: &str,
    parts: &[&str],
    text: &str,
    found: &mut Vec<Problem>,
) -> Option<chrono::NaiveDate> {
    let note = Note::split(text);
    let shown = PathBuf::from(rel);
    let (frontmatter, yaml_problem) = note.frontmatter_lenient(&shown);
    if let Some(e) = yaml_problem {
        let (line, message) = split_error(&e);
        found.push(problem(
            rel,
            line,
            Kind::Frontmatter,
            message,
            "fix the YAML between the `---` lines",
        ));
    }
    // A frontmatter with no end: everything is read as the note's text,
    // and `export --shared` refuses the note.
    if let Err(e) = crate::share::undelimited_frontmatter(&note, &shown) {
        let (line, message) = split_error(&e);
        found.push(problem(
            rel,
            line.or(Some(1)),
            Kind::Frontmatter,
            message,
            "write the frontmatter as YAML between two `---` lines",
        ));
    }
    crate::checkin::read(&note, &shown, &mut |e| {
        let (line, message) = split_error(&e);
        found.push(problem(
            rel,
            line,
            Kind::CheckIn,
            message,
            "use a whole number from 1 to 5, or leave it empty",
        ));
    });
    let map = crate::zones::read(&note, &shown, &mut |e| {
        let (line, message) = split_error(&e);
        found.push(problem(
            rel,
            line,
            Kind::ZoneValue,
            message,
            "give skill and joy a whole number from 1 to 5 each, or empty the whole row",
        ));
    });
    for d in map.duplicates {
        found.push(problem(
            rel,
            Some(d.line),
            Kind::ZoneDuplicate,
            format!(
                "`{}`: the same activity as line {} (this row is not used)",
                d.name, d.first
            ),
            "keep one row per activity: merge the two rows, or rename one",
        ));
    }
    if let Some(line) = conflict_marker(text) {
        found.push(problem(
            rel,
            Some(line),
            Kind::Conflict,
            "unresolved git conflict markers".into(),
            "resolve the conflict, keeping the lines you want",
        ));
    }
    let is_agenda = agenda::is_agenda_path(rel);
    check_layout(rel, parts, is_agenda, found);
    check_date(rel, parts, &note, frontmatter.date, found);
    if let (Some(bank), Some(name)) = (bank, frontmatter.framework.as_deref()) {
        check_framework(rel, &note, bank, name, found);
    }
    if is_agenda {
        check_agenda(rel, text, &note, found);
    }
    frontmatter.date
}

/// A note belongs in a person's folder as YYYY-MM-DD.md (or is its
/// agenda.md, or the notebook's README).
fn check_layout(rel: &str, parts: &[&str], is_agenda: bool, found: &mut Vec<Problem>) {
    let layout_ok = match parts {
        [name] => name.eq_ignore_ascii_case("readme.md"),
        [_, name] => is_agenda || parse_meeting_name(name).is_some(),
        _ => false,
    };
    if !layout_ok {
        found.push(problem(
            rel,
            None,
            Kind::Layout,
            "not a meeting note (<person>/YYYY-MM-DD.md) nor an agenda; its follow-ups still count"
                .into(),
            "move it into a person's folder as YYYY-MM-DD.md, or leave it if that is what you want",
        ));
    }
}

/// The file name's date and the frontmatter's agree.
fn check_date(
    rel: &str,
    parts: &[&str],
    note: &Note<'_>,
    date: Option<chrono::NaiveDate>,
    found: &mut Vec<Problem>,
) {
    if let ([_, name], Some(date)) = (parts, date)
        && let Some((file_date, _)) = parse_meeting_name(name)
        && file_date != date
    {
        found.push(problem(
            rel,
            note.key_line("date"),
            Kind::Date,
            format!("the file name says {file_date}, the frontmatter says {date}"),
            "make the two agree (oneonone lists the frontmatter's date)",
        ));
    }
}

/// The frontmatter's framework is one the bank knows.
fn check_framework(rel: &str, note: &Note<'_>, bank: &Bank, name: &str, found: &mut Vec<Problem>) {
    if bank.framework(name).is_err() {
        let known: Vec<&str> = bank.frameworks.iter().map(|f| f.name.as_str()).collect();
        found.push(problem(
            rel,
            note.key_line("framework"),
            Kind::Framework,
            format!("unknown framework {name:?}"),
            &format!(
                "use one of {}, or define it in question-bank/",
                known.join(", ")
            ),
        ));
    }
}

/// Open items in agenda.md that are not points (nested or quoted) never
/// move into a note, nor do lines that look like points but are not task
/// items ([`agenda::stray_lines`]); a file ending inside a code block
/// swallows new ones.
fn check_agenda(rel: &str, text: &str, note: &Note<'_>, found: &mut Vec<Problem>) {
    for stray in agenda::stray_lines(text) {
        found.push(problem(
            rel,
            Some(stray.line),
            Kind::Agenda,
            format!(
                "`{}` looks like a talking point, but is not a task item of its own",
                stray.written
            ),
            &format!("write it as `{}`", stray.spelling),
        ));
    }
    let tasks = task::tasks(note);
    let points = agenda::points_among(note, tasks.clone());
    // Points are in file order and do not overlap: the one that could
    // hold an item is the first that ends after it.
    let in_a_point = |checkbox: usize| {
        let at = points.partition_point(|p| p.range.end <= checkbox);
        points.get(at).is_some_and(|p| p.range.contains(&checkbox))
    };
    for t in tasks.into_iter().filter(task::Task::is_open) {
        if !in_a_point(t.checkbox) {
            found.push(problem(
                rel,
                Some(t.line),
                Kind::Agenda,
                "an open item that is not a top-level point (nested under a done one, or quoted); `new` will never move it".into(),
                "make it a top-level `- [ ]` item, or tick it",
            ));
        }
    }
    let probe = agenda::append(text, "probe");
    let swallowed = agenda::open_points(&probe)
        .last()
        .is_none_or(|p| p.task.text != "probe");
    if swallowed {
        found.push(problem(
            rel,
            None,
            Kind::Agenda,
            "it ends inside a code block, an HTML block or a comment; points added now would not show".into(),
            "close the block at the end of the file",
        ));
    }
}

/// What `check` keeps of one meeting note.
struct Summary {
    rel: String,
    order: (chrono::NaiveDate, u32),
    /// The hash of the text it was read from, for repairs.
    hash: u64,
    /// It has conflict markers: no repair touches it, nor relies on it.
    conflicted: bool,
    /// `[>]` items, with their normalized text and the date they first
    /// came from (their `(from DATE)`, else the note's date).
    carried: Vec<(CarriedMark, String, chrono::NaiveDate)>,
    /// The date its items' copies say they come from, `(from DATE)`: its
    /// frontmatter's, else its file name's.
    dated: chrono::NaiveDate,
    /// Items, open, ticked or carried, that say where they came from,
    /// `(from DATE)`: copies of an earlier note's items, possibly reworded
    /// since.
    copies: Vec<Copy>,
    /// Normalized texts of every other item, open or ticked.
    texts: Vec<String>,
    /// Open items.
    open: Vec<OpenItem>,
    /// Items first written in this note (no `(from DATE)`), open, ticked
    /// or carried: how many of each normalized text.
    written_here: HashMap<String, usize>,
}

/// An item of a meeting note that says which note's item it is a copy
/// of: its `(from DATE)`.
struct Copy {
    line: usize,
    /// Its text as written, and normalized.
    written: String,
    text: String,
    origin: chrono::NaiveDate,
}

/// An open item of a meeting note.
struct OpenItem {
    line: usize,
    /// The offset of its box's blank, and that byte.
    checkbox: usize,
    blank: u8,
    /// Its text as written, and normalized.
    written: String,
    text: String,
    /// The date it first came from: its `(from DATE)`, else the note's.
    origin: chrono::NaiveDate,
}

impl Summary {
    /// `dated` is the note's date as a carry writes it in `(from DATE)`:
    /// its frontmatter's, else its file name's.
    fn of(
        rel: &str,
        order: (chrono::NaiveDate, u32),
        dated: chrono::NaiveDate,
        text: &str,
    ) -> Summary {
        let note = Note::split(text);
        let tasks = task::tasks(&note);
        let carried: Vec<(CarriedMark, String, chrono::NaiveDate)> = carried_marks(&note)
            .into_iter()
            .map(|m| {
                let key = normalized(&m.text);
                let origin = crate::carry::origin(&m.text).unwrap_or(dated);
                (m, key, origin)
            })
            .collect();
        let texts: Vec<String> = tasks.iter().map(|t| normalized(&t.text)).collect();
        // Most notes say of no item where it came from: no parse.
        let origins = if text.contains("(from ") {
            crate::carry::explicit_origins(&note, &tasks)
        } else {
            vec![None; tasks.len()]
        };
        let copy = |line: usize, written: &String, origin: chrono::NaiveDate| Copy {
            line,
            written: written.clone(),
            text: normalized(written),
            origin,
        };
        let mut copies: Vec<Copy> = tasks
            .iter()
            .zip(&origins)
            .filter(|(t, _)| !t.text.is_empty())
            .filter_map(|(t, o)| o.map(|origin| copy(t.line, &t.text, origin)))
            .collect();
        copies.extend(carried.iter().filter_map(|(m, _, _)| {
            crate::carry::origin(&m.text).map(|origin| copy(m.line, &m.text, origin))
        }));
        let mut written_here: HashMap<String, usize> = HashMap::new();
        let firsts = tasks
            .iter()
            .zip(&origins)
            .filter(|(t, o)| {
                if t.is_open() {
                    o.is_none()
                } else {
                    crate::carry::origin(&t.text).is_none()
                }
            })
            .map(|(t, _)| &t.text)
            .chain(
                carried
                    .iter()
                    .map(|(m, _, _)| &m.text)
                    .filter(|t| crate::carry::origin(t).is_none()),
            );
        for text in firsts {
            *written_here.entry(normalized(text)).or_default() += 1;
        }
        let open = tasks
            .into_iter()
            .zip(origins)
            .filter(|(t, _)| t.is_open())
            .map(|(t, o)| OpenItem {
                line: t.line,
                checkbox: t.checkbox,
                blank: text.as_bytes()[t.checkbox],
                text: normalized(&t.text),
                written: t.text,
                origin: o.unwrap_or(order.0),
            })
            .collect();
        Summary {
            rel: rel.to_string(),
            order,
            hash: crate::followup::cache::content_hash(text.as_bytes()),
            conflicted: conflict_marker(text).is_some(),
            carried,
            dated,
            copies,
            texts,
            open,
            written_here,
        }
    }
}

/// Every `[>]` item should have a copy in a later note of the same person
/// (see [`crate::followup::orphans`]); one that has none is reopened by
/// `check --fix`, one byte, unless its note has conflict markers (then
/// the conflict comes first), or unless it may have been reworded: a
/// later note holds an item (open, ticked or carried on) that says it
/// comes from the same date, `(from DATE)`, but is none of the items
/// written in the notes of that date. Reopening that one could leave the
/// follow-up open twice, so it is left to the person, with both places
/// named. A `[>]` whose copies are all gone (a deleted note) is reopened.
/// `notes` newest first.
fn check_carried(folder: &str, notes: &[Summary], found: &mut Vec<Problem>) {
    let keys: Vec<(Vec<&String>, Vec<&String>)> = notes
        .iter()
        .map(|n| {
            let carried = n.carried.iter().map(|(_, k, _)| k);
            let others = n.texts.iter().filter(|t| !t.is_empty());
            (carried.collect(), others.collect())
        })
        .collect();
    let sides: Vec<(&[&String], &[&String])> = keys
        .iter()
        .map(|(c, o)| (c.as_slice(), o.as_slice()))
        .collect();
    let orphaned = crate::followup::orphans::<_, std::hash::RandomState>(&sides);
    // The items first written on each date: a copy from that date that
    // is none of them has been reworded.
    let mut written_on: HashMap<chrono::NaiveDate, std::collections::HashSet<&str>> =
        HashMap::new();
    for note in notes {
        written_on
            .entry(note.dated)
            .or_default()
            .extend(note.written_here.keys().map(String::as_str));
    }
    let none = std::collections::HashSet::new();
    for (n, (note, orphaned)) in notes.iter().zip(orphaned).enumerate() {
        for i in orphaned {
            let (mark, key, origin) = &note.carried[i];
            if key.is_empty() {
                continue;
            }
            let written = written_on.get(origin).unwrap_or(&none);
            // Later notes come first in `notes`.
            let reworded: Vec<String> = notes[..n]
                .iter()
                .rev()
                .flat_map(|later| {
                    later
                        .copies
                        .iter()
                        .filter(|c| c.origin == *origin && !written.contains(c.text.as_str()))
                        .map(|c| format!("`{}` at {}:{}", c.written, later.rel, c.line))
                })
                .collect();
            let mut p = orphan_problem(folder, note, mark, &reworded);
            if let Some(at) = mark
                .mark
                .filter(|_| !note.conflicted && reworded.is_empty())
            {
                p.repairs.push(Repair {
                    path: note.rel.clone(),
                    line: mark.line,
                    at,
                    from: crate::carry::CARRIED_MARK,
                    to: b' ',
                    hash: note.hash,
                    done: format!(
                        "reopened `{}`: carried, but no later note holds it",
                        mark.text
                    ),
                    planned: format!(
                        "would reopen `{}`: carried, but no later note holds it",
                        mark.text
                    ),
                });
            }
            found.push(p);
        }
    }
}

/// The problem of the orphaned `[>]` item `mark` of `note`, in the words
/// that fit: a conflict to resolve first, a copy that may have been
/// reworded (`reworded`, the places of the copies), or neither.
fn orphan_problem(
    folder: &str,
    note: &Summary,
    mark: &CarriedMark,
    reworded: &[String],
) -> Problem {
    let what = format!(
        "`[>] {}` was carried, but no later note of {folder} holds it",
        mark.text
    );
    let reopen = "`oneonone check --fix` reopens it (`[>]` back to `[ ]`)";
    let (what, fix) = if note.conflicted {
        (
            what,
            format!("resolve the conflict in this note first; then {reopen}"),
        )
    } else if reworded.is_empty() {
        (what, format!("{reopen}; or copy it into the latest note"))
    } else {
        (
            format!(
                "{what} as written; perhaps reworded as {}",
                reworded.join(" or ")
            ),
            format!(
                "if it is the same follow-up, nothing is lost: make the two read the same; \
                 if not, `oneonone done --reopen {}:{}` reopens it (`check --fix` leaves it)",
                note.rel, mark.line
            ),
        )
    };
    problem(&note.rel, Some(mark.line), Kind::Carried, what, &fix)
}

/// A follow-up is open in one place. The same item (the same text once
/// its `(from DATE)` is set aside) open in two notes of a person is a
/// `[>]` put back by hand, or what a `new` stopped between its writes
/// leaves: `check --fix` marks the older copies `[>]` (one byte each),
/// keeping the one in the newest note open, unless a note involved has
/// conflict markers. Copies in one note only are left to the person: as
/// many as the note the item was first written in holds are fine (a
/// person may write the same words twice); more are reported. `notes`
/// newest first.
fn check_open_copies(notes: &[Summary], found: &mut Vec<Problem>) {
    let mut places: HashMap<&str, Vec<(usize, &OpenItem)>> = HashMap::new();
    for (i, note) in notes.iter().enumerate() {
        for item in note.open.iter().filter(|o| !o.text.is_empty()) {
            places
                .entry(item.text.as_str())
                .or_default()
                .push((i, item));
        }
    }
    for (text, mut at) in places {
        if at.len() < 2 {
            continue;
        }
        // Oldest first; `notes` are newest first.
        at.sort_by_key(|&(i, item)| (std::cmp::Reverse(i), item.line));
        let newest = at.iter().map(|&(i, _)| i).min().unwrap_or(0);
        if at.iter().all(|&(i, _)| i == newest) {
            check_copies_in_one_note(notes, text, &at, found);
            continue;
        }
        let others: Vec<String> = at[1..]
            .iter()
            .map(|&(i, item)| format!("{}:{}", notes[i].rel, item.line))
            .collect();
        let (first, item) = at[0];
        let mut p = problem(
            &notes[first].rel,
            Some(item.line),
            Kind::OpenTwice,
            format!("open here and in {}", others.join(", ")),
            "keep one open: `oneonone check --fix` marks the older copies `[>]`; or tick or remove the copies you do not want",
        );
        let (kept, kept_item) = at
            .iter()
            .find(|&&(i, _)| i == newest)
            .copied()
            .unwrap_or(at[0]);
        let safe = at.iter().all(|&(i, _)| !notes[i].conflicted);
        for &(i, item) in at.iter().filter(|&&(i, _)| i != newest) {
            if !safe {
                break;
            }
            let keeper = format!("{}:{}", notes[kept].rel, kept_item.line);
            p.repairs.push(Repair {
                path: notes[i].rel.clone(),
                line: item.line,
                at: item.checkbox,
                from: item.blank,
                to: crate::carry::CARRIED_MARK,
                hash: notes[i].hash,
                done: format!("marked `[>] {}`: open in {keeper}", item.written),
                planned: format!("would mark `[>] {}`: open in {keeper}", item.written),
            });
        }
        found.push(p);
    }
}

/// Copies of one item open in one note, `at` in line order: more than the
/// note the item was first written in holds, from the same first date,
/// are reported (not repaired: which copy to keep is the person's call).
fn check_copies_in_one_note(
    notes: &[Summary],
    text: &str,
    at: &[(usize, &OpenItem)],
    found: &mut Vec<Problem>,
) {
    let mut by_origin: BTreeMap<chrono::NaiveDate, Vec<&OpenItem>> = BTreeMap::new();
    for &(_, item) in at {
        by_origin.entry(item.origin).or_default().push(item);
    }
    let note = &notes[at[0].0];
    for (origin, copies) in by_origin {
        let written: usize = notes
            .iter()
            .filter(|n| n.order.0 == origin)
            .map(|n| n.written_here.get(text).copied().unwrap_or(0))
            .sum();
        if copies.len() <= written.max(1) {
            continue;
        }
        let others: Vec<String> = copies[1..]
            .iter()
            .map(|item| format!("{}:{}", note.rel, item.line))
            .collect();
        found.push(problem(
            &note.rel,
            Some(copies[0].line),
            Kind::OpenTwice,
            format!("open here and in {}", others.join(", ")),
            "keep one open: tick or remove the other copies",
        ));
    }
}

/// The problem of a note `check --fix` left as it is because another
/// program holds it open for writing (`rel` with `/`).
#[must_use]
pub fn open_elsewhere(rel: &str) -> Problem {
    problem(
        rel,
        None,
        Kind::OpenElsewhere,
        "left as it is: open for writing in another program".into(),
        "save and close it there, then run `oneonone check --fix` again",
    )
}

/// What `check --fix` does, or with `--dry-run` would do.
#[derive(Debug, Default)]
pub struct Fixing {
    /// The repairs, in the order they are made: a pass over the notebook
    /// at a time (a reopened item may show a copy to mark in the next),
    /// each pass by path and line.
    pub repairs: Vec<Repair>,
    /// The notes to write: path (relative, `/`), text now, text after.
    pub notes: Vec<(String, String, String)>,
    /// The problems left once the repairs are made.
    pub left: Vec<Problem>,
}

/// Works out the safe repairs (see [`Problem::repairs`]) and the notes
/// they change, none in the notes `leave` names (by `/` path), without
/// writing anything: checks the notebook, makes the
/// repairs in memory, and checks again (a reopened orphan may be open in
/// an older note too, which the next pass marks), until no new repair
/// comes up. A repair is made only if its note still reads as it did
/// when checked, and only if, once made, each changed byte reads as
/// meant (a reopened mark an open task, a marked box a `[>]` item); a
/// note where one does not is left as it is, its problems reported.
#[must_use]
pub fn fix(
    notebook: &Notebook,
    bank: Option<&Bank>,
    leave: &std::collections::HashSet<String>,
) -> Fixing {
    let mut overlay: HashMap<String, String> = HashMap::new();
    let mut originals: BTreeMap<String, String> = BTreeMap::new();
    // A repair that needs a note left alone is not made: a copy is marked
    // `[>]` only where the other is reopened.
    let mut refused = leave.clone();
    let mut fixing = Fixing::default();
    // Each pass but the last makes repairs, which only lead to others of
    // an item reopened (its older copies marked): two passes in practice.
    for _ in 0..PASSES {
        let mut left = check_with(notebook, bank, &overlay);
        let mut by_note: BTreeMap<String, Vec<Repair>> = BTreeMap::new();
        for p in &mut left {
            if refused.contains(&p.path) || p.repairs.iter().any(|r| refused.contains(&r.path)) {
                continue;
            }
            for r in std::mem::take(&mut p.repairs) {
                by_note.entry(r.path.clone()).or_default().push(r);
            }
        }
        if by_note.is_empty() {
            fixing.left = left;
            break;
        }
        fixing.left = left;
        for (rel, mut repairs) in by_note {
            repairs.sort_by_key(|r| r.at);
            repairs.dedup_by_key(|r| r.at);
            let now = match overlay.get(&rel) {
                Some(text) => Some(text.clone()),
                None => crate::notebook::read_note(
                    notebook,
                    &crate::notebook::NoteFile {
                        rel: PathBuf::from(&rel),
                    },
                )
                .ok(),
            };
            match now.and_then(|text| repaired(&text, &repairs).map(|after| (text, after))) {
                Some((text, after)) => {
                    originals.entry(rel.clone()).or_insert(text);
                    overlay.insert(rel, after);
                    fixing.repairs.extend(repairs);
                }
                None => {
                    refused.insert(rel);
                }
            }
        }
    }
    fixing.notes = originals
        .into_iter()
        .filter_map(|(rel, before)| {
            let after = overlay.remove(&rel)?;
            Some((rel, before, after))
        })
        .collect();
    fixing
}

/// At most this many passes of [`fix`] over the notebook.
const PASSES: usize = 8;

/// `text` with the repairs made, if it is the text they were worked out
/// on and each changed byte then reads as meant.
fn repaired(text: &str, repairs: &[Repair]) -> Option<String> {
    let hash = crate::followup::cache::content_hash(text.as_bytes());
    let mut bytes = text.as_bytes().to_vec();
    for r in repairs {
        if r.hash != hash || bytes.get(r.at) != Some(&r.from) {
            return None;
        }
        bytes[r.at] = r.to;
    }
    let after = String::from_utf8(bytes).ok()?;
    let note = Note::split(&after);
    let boxes: std::collections::HashSet<usize> = task::tasks(&note)
        .into_iter()
        .filter(|t| !t.checked)
        .map(|t| t.checkbox)
        .collect();
    let marks: std::collections::HashSet<usize> = carried_marks(&note)
        .into_iter()
        .filter_map(|m| m.mark)
        .collect();
    // A reopened mark is an open task's box; a marked box a `[>]` item's
    // mark, and no task's box any more.
    let reads_as_meant = repairs.iter().all(|r| {
        if r.to == crate::carry::CARRIED_MARK {
            marks.contains(&r.at) && !boxes.contains(&r.at)
        } else {
            boxes.contains(&r.at)
        }
    });
    reads_as_meant.then_some(after)
}

fn error_path(notebook: &Notebook, e: &Error) -> String {
    let path = e.path();
    slash_path(path.strip_prefix(notebook.shown()).unwrap_or(path))
}

/// Adds the symbolic links that no problem in `found` names already (the
/// lock, the cache, a bank file after the first bad one: reads that
/// report a link name it themselves), and the temp files a stopped
/// command left behind. Keeps `found` sorted by path, then line.
pub fn links_and_leftovers(notebook: &Notebook, found: &mut Vec<Problem>) {
    let named: std::collections::HashSet<String> = found.iter().map(|p| p.path.clone()).collect();
    for rel in notebook.links() {
        if named.contains(&slash_path(&rel)) {
            continue;
        }
        found.push(problem(
            &slash_path(&rel),
            None,
            Kind::Link,
            "is a symbolic link; oneonone never follows links, so what it points to is not read"
                .into(),
            "replace the link with the file or folder itself, or remove it",
        ));
    }
    for (rel, what) in notebook.odd_state() {
        if named.contains(&slash_path(&rel)) {
            continue;
        }
        found.push(problem(
            &slash_path(&rel),
            None,
            Kind::State,
            what.into(),
            "remove it; oneonone makes it again as it should be",
        ));
    }
    for rel in notebook.leftover_temps() {
        found.push(problem(
            &slash_path(&rel),
            None,
            Kind::Leftover,
            "a temp file left by a oneonone command that was stopped; it may hold a copy of a note, Private section included".into(),
            "remove it (the next oneonone command that writes in this notebook removes it too)",
        ));
    }
    found.sort_by(|a, b| a.path.cmp(&b.path).then(a.line.cmp(&b.line)));
}

/// Loads what `check` needs besides the notes: the bank, as a problem if
/// it does not load.
pub fn load_bank(notebook: &Notebook, found: &mut Vec<Problem>) -> Option<Bank> {
    match Bank::load(notebook.root(), notebook.shown()) {
        Ok(bank) => Some(bank),
        Err(e) => {
            let path = error_path(notebook, &e);
            let (line, message) = split_error(&e);
            found.push(problem(
                &path,
                line,
                Kind::QuestionBank,
                message,
                "fix the bank file; `new` refuses to run until then",
            ));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_keep_their_json_names() {
        let kinds = [
            Kind::Unreadable,
            Kind::Duplicate,
            Kind::PersonYaml,
            Kind::Frontmatter,
            Kind::CheckIn,
            Kind::Conflict,
            Kind::Layout,
            Kind::Date,
            Kind::Framework,
            Kind::Agenda,
            Kind::Carried,
            Kind::OpenTwice,
            Kind::Link,
            Kind::State,
            Kind::Leftover,
            Kind::QuestionBank,
            Kind::OpenElsewhere,
            Kind::ZoneValue,
            Kind::ZoneDuplicate,
        ];
        let written = serde_json::to_string(&kinds).unwrap();
        assert_eq!(
            written,
            r#"["unreadable","duplicate","person.yaml","frontmatter","check-in","conflict","layout","date","framework","agenda","carried","open twice","link","state","leftover","question-bank","open elsewhere","zone-value","zone-duplicate"]"#
        );
        let read: Vec<Kind> = serde_json::from_str(&written).unwrap();
        assert_eq!(read, kinds);
    }
}
