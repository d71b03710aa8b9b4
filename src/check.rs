//! `oneonone check`: what in the notebook needs a person's attention.
//! Every problem names its file (and line, where there is one) and says how
//! to fix it. Nothing is changed.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::agenda;
use crate::bank::Bank;
use crate::error::Error;
use crate::note::{Note, conflict_marker};
use crate::notebook::PROFILE_FILE;
use crate::notebook::{Notebook, parse_meeting_name};
use crate::notebook::{read_listed_note, slash_path};
use crate::patterns::normalized;
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
}

fn problem(path: &str, line: Option<usize>, kind: Kind, what: String, fix: &str) -> Problem {
    Problem {
        path: path.to_string(),
        line,
        kind,
        problem: what,
        fix: fix.to_string(),
    }
}

/// The line and message of an error about a file, without its path.
fn split_error(e: &Error) -> (Option<usize>, String) {
    match e {
        Error::Yaml {
            location, message, ..
        } => (Some(location.line), message.clone()),
        Error::Invalid { line, message, .. } => (*line, message.clone()),
        Error::Io { action, source, .. } => (None, format!("{action}: {source}")),
        other => (None, other.to_string()),
    }
}

/// Checks the whole notebook; problems sorted by path, then line.
#[must_use]
pub fn check(notebook: &Notebook, bank: Option<&Bank>) -> Vec<Problem> {
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
        let text = match read_listed_note(notebook, file) {
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
        check_note(bank, &rel, &parts, &text, &mut found);
        if let [folder, name] = parts[..]
            && let Some((date, number)) = parse_meeting_name(name)
        {
            let copy = copies.check(folder, &rel, date, &text, &mut found);
            let mut summary = Summary::of(&rel, (date, number), &text);
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
    for (folder, notes) in &mut by_folder {
        check_carried(folder, notes, &mut found);
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
/// points.
fn check_note(
    bank: Option<&Bank>,
    rel: &str,
    parts: &[&str],
    text: &str,
    found: &mut Vec<Problem>,
) {
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
/// move into a note; a file ending inside a code block swallows new ones.
fn check_agenda(rel: &str, text: &str, note: &Note<'_>, found: &mut Vec<Problem>) {
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
    /// `[>]` items: line, normalized text, text as written.
    carried: Vec<(usize, String, String)>,
    /// Normalized texts of every item, open, ticked or carried.
    texts: Vec<String>,
    /// Open items: line, normalized text, and the date the follow-up
    /// first came from (its `(from DATE)`, else this note's date).
    open: Vec<(usize, String, chrono::NaiveDate)>,
    /// Items first written in this note (no `(from DATE)`), open, ticked
    /// or carried: how many of each normalized text.
    written_here: HashMap<String, usize>,
}

impl Summary {
    fn of(rel: &str, order: (chrono::NaiveDate, u32), text: &str) -> Summary {
        let note = Note::split(text);
        let tasks = task::tasks(&note);
        let carried: Vec<(usize, String, String)> = task::carried(&note)
            .into_iter()
            .map(|(l, t)| (l, normalized(&t), t))
            .collect();
        let mut texts: Vec<String> = tasks.iter().map(|t| normalized(&t.text)).collect();
        texts.extend(carried.iter().map(|(_, t, _)| t.clone()));
        let (open_tasks, closed): (Vec<task::Task>, Vec<task::Task>) =
            tasks.into_iter().partition(task::Task::is_open);
        let origins = crate::carry::explicit_origins(&note, &open_tasks);
        let mut written_here: HashMap<String, usize> = HashMap::new();
        let firsts = closed
            .iter()
            .map(|t| &t.text)
            .chain(carried.iter().map(|(_, _, written)| written))
            .filter(|t| crate::carry::origin(t).is_none())
            .chain(
                open_tasks
                    .iter()
                    .zip(&origins)
                    .filter(|(_, o)| o.is_none())
                    .map(|(t, _)| &t.text),
            );
        for text in firsts {
            *written_here.entry(normalized(text)).or_default() += 1;
        }
        let open = open_tasks
            .iter()
            .zip(origins)
            .map(|(t, o)| (t.line, normalized(&t.text), o.unwrap_or(order.0)))
            .collect();
        Summary {
            rel: rel.to_string(),
            order,
            carried,
            texts,
            open,
            written_here,
        }
    }
}

/// Every `[>]` item should have a copy in a later note of the same person.
/// One pass, newest note first.
fn check_carried(folder: &str, notes: &mut [Summary], found: &mut Vec<Problem>) {
    notes.sort_by_key(|n| std::cmp::Reverse(n.order));
    let mut later: std::collections::HashSet<String> = std::collections::HashSet::new();
    for note in notes.iter() {
        for (line, text, written) in &note.carried {
            if !text.is_empty() && !later.contains(text) {
                found.push(problem(
                    &note.rel,
                    Some(*line),
                    Kind::Carried,
                    format!("`[>] {written}` was carried, but no later note of {folder} holds it"),
                    "turn `[>]` back into `[ ]` so it is open again, or copy it into the latest note",
                ));
            }
        }
        later.extend(note.texts.iter().cloned());
    }
}

/// A follow-up is open in one place: copies of it (the same text once its
/// `(from DATE)` is set aside, from the same first date) open in several
/// notes, or twice in one, are what a `new` stopped between its writes
/// leaves behind. As many copies as the note it was first written in holds
/// are fine: a person may write the same words twice.
fn check_open_copies(notes: &[Summary], found: &mut Vec<Problem>) {
    let mut places: HashMap<(&str, chrono::NaiveDate), Vec<(usize, usize)>> = HashMap::new();
    for (i, note) in notes.iter().enumerate() {
        for (line, text, origin) in note.open.iter().filter(|(_, t, _)| !t.is_empty()) {
            places
                .entry((text.as_str(), *origin))
                .or_default()
                .push((i, *line));
        }
    }
    let mut by_date: HashMap<chrono::NaiveDate, Vec<&Summary>> = HashMap::new();
    for note in notes {
        by_date.entry(note.order.0).or_default().push(note);
    }
    for ((text, origin), mut at) in places {
        if at.len() < 2 {
            continue;
        }
        let written: usize = by_date.get(&origin).map_or(0, |first| {
            first
                .iter()
                .map(|n| n.written_here.get(text).copied().unwrap_or(0))
                .sum()
        });
        if at.len() <= written.max(1) {
            continue;
        }
        at.sort_by_key(|&(i, line)| (notes[i].order, line));
        let others: Vec<String> = at[1..]
            .iter()
            .map(|&(i, line)| format!("{}:{line}", notes[i].rel))
            .collect();
        let (first, line) = at[0];
        found.push(problem(
            &notes[first].rel,
            Some(line),
            Kind::OpenTwice,
            format!("open here and in {}", others.join(", ")),
            "keep one open: tick or remove the other copies, or mark them `[>]`",
        ));
    }
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
        ];
        let written = serde_json::to_string(&kinds).unwrap();
        assert_eq!(
            written,
            r#"["unreadable","duplicate","person.yaml","frontmatter","check-in","conflict","layout","date","framework","agenda","carried","open twice","link","state","leftover","question-bank"]"#
        );
        let read: Vec<Kind> = serde_json::from_str(&written).unwrap();
        assert_eq!(read, kinds);
    }
}
