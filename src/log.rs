//! A person's 1:1s as a log (`oneonone log`): per meeting, its date,
//! framework and check-in, what was said under each section
//! ([`crate::said`]), the follow-ups opened in it and those ticked since
//! the meeting before. A follow-up ticked since then is a carried copy
//! (`(from DATE)` older than the note) ticked in this note: it was open
//! when the last 1:1 ended. Private sections and follow-ups are marked;
//! the caller may leave them out.

use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use crate::checkin::Values;
use crate::note::Note;
use crate::said::TemplateText;
use crate::share::private::{Sharing, private_ranges, touches};

/// One meeting in the log.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// The meeting's date, from its file name.
    pub date: NaiveDate,
    /// The note, relative to the notebook, with `/`.
    pub path: String,
    /// The frontmatter's `framework:`.
    pub framework: Option<String>,
    /// The check-in values, when any is set.
    pub checkin: Option<Values>,
    /// What was said, section by section, in the note's order.
    pub sections: Vec<Section>,
    /// Follow-ups written in this note (not carried copies), open, done
    /// or carried on since.
    pub opened: Vec<Item>,
    /// Carried copies ticked in this note.
    pub ticked: Vec<Item>,
}

/// What was said under one `##` section.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// The heading's text; none before the first.
    pub title: Option<String>,
    /// The whole section is private (its lines never go to a shared
    /// space); a private part of it marks only its own lines.
    pub private: bool,
    /// Its lines.
    pub lines: Vec<Line>,
}

/// A line that was said.
// `line` is the JSON field `log --json` has always had.
#[allow(clippy::struct_field_names)]
#[derive(Debug, Clone, Serialize)]
pub struct Line {
    /// 1-based line in the note.
    pub line: usize,
    /// As written.
    pub text: String,
    /// In a private range (a `### Private` under a shared section).
    pub private: bool,
}

/// A follow-up.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    /// 1-based line of its box.
    pub line: usize,
    /// Its text, as [`crate::task::Task::text`].
    pub text: String,
    /// Open, done, or carried to a later note (`[>]`).
    pub state: State,
    /// In a private section.
    pub private: bool,
}

/// Where a follow-up stands in its note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// `[ ]`.
    Open,
    /// `[x]`.
    Done,
    /// `[>]`: carried to a later note.
    Carried,
}

impl State {
    /// What goes between its brackets.
    #[must_use]
    pub fn mark(self) -> char {
        match self {
            State::Open => ' ',
            State::Done => 'x',
            State::Carried => '>',
        }
    }
}

/// What to keep of each note.
#[derive(Debug, Clone, Default)]
pub struct Wanted {
    /// Only the sections these words start ([`crate::person::words`] of what
    /// was typed, matched by [`starts_section`]); the follow-up lists
    /// are then left out.
    pub section: Option<Vec<String>>,
    /// Leave out private sections and follow-ups, and the check-in
    /// unless [`Sharing::share_checkins`].
    pub shared: bool,
}

/// Whether each of `typed` (a `--section` folded by
/// [`crate::person::words`]) starts the matching word of the section
/// `title`, as a person is matched by the start of each word of their
/// name: `zone` and `zone of g` are "Zone of genius".
#[must_use]
pub fn starts_section(typed: &[String], title: &str) -> bool {
    crate::person::starts_each(typed, &crate::person::words(title))
}

/// The log entry of one note. `None` when `wanted` leaves nothing of it.
#[must_use]
pub fn entry(
    rel: &Path,
    date: NaiveDate,
    text: &str,
    template: &TemplateText,
    rules: &Sharing,
    wanted: &Wanted,
) -> Option<Entry> {
    let note = Note::split(text);
    let fm = note.frontmatter_lenient(rel).0;
    let values = crate::checkin::read(&note, rel, &mut |_| {});
    let private = private_ranges(&note, rules);
    let is_private = |start: usize, len: usize| touches(&private, &(start..start + len.max(1)));
    let mut tasks = crate::task::tasks(&note);
    let carried_on = crate::task::carried_items(&note);
    let carried_lines: Vec<usize> = carried_on.iter().map(|t| t.line).collect();
    tasks.extend(carried_on);
    tasks.sort_by_key(|t| t.line);
    let carried = |t: &crate::task::Task| {
        let line_start = text[..t.checkbox].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[t.checkbox..]
            .find('\n')
            .map_or(text.len(), |i| t.checkbox + i);
        crate::followup::first_date(&text[line_start..line_end]).is_some_and(|from| from < date)
    };
    let mut opened = Vec::new();
    let mut ticked = Vec::new();
    for t in &tasks {
        let state = if carried_lines.contains(&t.line) {
            State::Carried
        } else if t.checked {
            State::Done
        } else {
            State::Open
        };
        let item = Item {
            line: t.line,
            text: t.text.clone(),
            state,
            private: is_private(t.checkbox, 1),
        };
        if item.text.is_empty() || (wanted.shared && item.private) {
            continue;
        }
        if !carried(t) {
            opened.push(item);
        } else if state == State::Done {
            ticked.push(item);
        }
    }
    // A follow-up's line is in its list, not among what was said.
    let task_lines: Vec<usize> = tasks.iter().map(|t| t.line).collect();
    let mut sections: Vec<Section> = Vec::new();
    for said in crate::said::said(text, Some(date), template) {
        if task_lines.contains(&said.line) {
            continue;
        }
        if let Some(only) = &wanted.section
            && said
                .section
                .as_deref()
                .is_none_or(|s| !starts_section(only, s))
        {
            continue;
        }
        let private = is_private(said.start, said.text.len());
        if wanted.shared && private {
            continue;
        }
        let line = Line {
            line: said.line,
            text: said.text,
            private,
        };
        match sections.last_mut() {
            Some(last) if last.title == said.section => {
                last.private &= private;
                last.lines.push(line);
            }
            _ => sections.push(Section {
                title: said.section,
                private,
                lines: vec![line],
            }),
        }
    }
    if wanted.section.is_some() {
        if sections.is_empty() {
            return None;
        }
        opened.clear();
        ticked.clear();
    }
    Some(Entry {
        date,
        path: crate::notebook::slash_path(rel),
        framework: fm.framework,
        checkin: (!values.is_empty() && (!wanted.shared || rules.share_checkins)).then_some(values),
        sections,
        opened,
        ticked,
    })
}
