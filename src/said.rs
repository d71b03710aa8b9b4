//! What was said in a note: the lines the manager and the person wrote,
//! told apart from what oneonone wrote for them. `prep`'s "Last time",
//! `log`, `search` and `review` read it, and the shared copy
//! ([`crate::share`]) leaves out what [`kinds`] finds the template wrote.
//!
//! Left out, each found by reading the note's Markdown (pulldown-cmark,
//! with offsets), never by matching lines on their own:
//! - the frontmatter;
//! - headings of levels 1 and 2: the template's title and the sections,
//!   which each kept line names instead (a `###` a person typed stays);
//! - the template's prompts: a section's italic reminder, the `_Watch
//!   for: ..._` line and the template's own italic lines, each only as the
//!   template writes it, a line of its own in a paragraph outside any
//!   list or quote;
//! - a suggested question nobody answered: a top-level item with the
//!   bank's words exactly as `new` writes them and nothing written in the
//!   item under them (a paragraph after the list is about the section,
//!   not the last question). An answered question is kept, its line too
//!   (marked [`Said::asked`]): the answer alone ("Pairing with Priya.")
//!   would not say what it answers;
//! - an empty placeholder: a list item with nothing in it (`- `,
//!   `- [ ] `), and a table whose rows are all empty (the zone of genius
//!   before it is filled in), or the empty rows of one that is filled;
//! - a carried copy: a task item (`[ ]`, `[x]`, `[>]`, any mark) with a
//!   `(from DATE)` older than the note, as carry-over writes it; its words
//!   were said in the note it comes from (that note keeps them);
//! - blank lines.
//!
//! Everything else is kept as written, code blocks included (a code
//! block's lines are never read as questions or items, and are marked
//! [`Said::code`]: `search` leaves them to `--all`). The private
//! sections are the caller's to leave out ([`Said::start`] is the line's
//! offset, for [`crate::share::touches`]).

use rustc_hash::FxHashSet;
use std::ops::Range;

use chrono::NaiveDate;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::bank::Bank;
use crate::note::Note;

/// The words oneonone's template writes for the manager, not what was
/// said: the prompts and the suggested questions, each as `new` writes
/// it, from the bank ([`crate::template::prompts`],
/// [`crate::template::question_lines`]).
#[derive(Debug, Clone, Default)]
pub struct TemplateText {
    prompts: Lookup,
    questions: Lookup,
}

impl TemplateText {
    /// What the template writes with this bank (the built-in questions
    /// and prompts included).
    #[must_use]
    pub fn of(bank: &Bank) -> Self {
        TemplateText {
            prompts: Lookup::of(crate::template::prompts(bank)),
            questions: Lookup::of(crate::template::question_lines(bank)),
        }
    }
}

/// Lines to look lines up among: every paragraph line and list item of
/// every note searched is, so most are told apart by their length and
/// first byte before any is hashed (FxHash: SipHash showed in `search`'s
/// profile).
#[derive(Debug, Clone, Default)]
struct Lookup {
    lines: FxHashSet<String>,
    /// Whether a line of each length is among them (up to the longest).
    lengths: Vec<bool>,
    /// Whether a line starting with each byte is among them.
    firsts: Vec<bool>,
}

impl Lookup {
    fn of(lines: Vec<String>) -> Lookup {
        let mut lengths = vec![false; lines.iter().map(String::len).max().map_or(0, |n| n + 1)];
        let mut firsts = vec![false; 256];
        for line in &lines {
            lengths[line.len()] = true;
            firsts[usize::from(line.as_bytes().first().copied().unwrap_or(0))] = true;
        }
        Lookup {
            lines: lines.into_iter().collect(),
            lengths,
            firsts,
        }
    }

    fn contains(&self, line: &str) -> bool {
        let first = usize::from(line.as_bytes().first().copied().unwrap_or(0));
        self.lengths.get(line.len()).copied().unwrap_or(false)
            && self.firsts[first]
            && self.lines.contains(line)
    }
}

/// One line somebody wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    /// Its 1-based line number in the note's file.
    pub line: usize,
    /// The `##` section it is under (the heading's text), none before the
    /// first.
    pub section: Option<String>,
    /// The line as written, without its line break and trailing blanks.
    pub text: String,
    /// The byte offset of the line's start in the note's text.
    pub start: usize,
    /// The line is a suggested question as `new` wrote it, kept because
    /// it was answered: what the words below it answer, not words anyone
    /// wrote (`prep`, short of room, leaves it out).
    pub asked: bool,
    /// The line is in a code block (its fences included).
    pub code: bool,
    /// The Markdown block it is part of, numbered in the note: the
    /// innermost list item holding it, else its paragraph, heading, code
    /// block or table. Lines with the same number are one block (`search`
    /// wants all its words in one).
    pub block: usize,
}

/// A list item being read.
struct OpenItem {
    start: usize,
    /// Something besides a task box is in it.
    filled: bool,
    /// It is a top-level item with a suggested question's words.
    question: bool,
    /// It is a task item carried from an earlier note.
    carried: bool,
}

/// The lines of `text` somebody wrote (see the module's documentation).
/// `date` is the note's date: a task item carried from before it is a
/// copy; without a date every `(from DATE)` item is one.
#[must_use]
pub fn said(text: &str, date: Option<NaiveDate>, template: &TemplateText) -> Vec<Said> {
    read(text, date, template, false).to_said(text)
}

/// What a line of a note is to what was said: kept, or why it is left
/// out ([`kinds`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Somebody wrote it, or it is blank ([`said`] leaves blank lines out
    /// as blank, not as the template's).
    Kept,
    /// A template prompt, as the template writes it.
    Prompt,
    /// A suggested question nobody answered.
    Question,
    /// An empty placeholder: an empty list item, an empty table or an
    /// empty row of a table.
    Placeholder,
    /// A carried copy (in an item of one, the whole item).
    Carried,
    /// A heading of level 1 or 2.
    Heading,
    /// The frontmatter.
    Frontmatter,
}

/// What each line of `text` is to what was said, in order: its start (a
/// byte offset) and its [`Kind`], by the rules of [`said`] (a line inside
/// what is left out for one reason is left out for the first found: an
/// empty item in a carried copy is a placeholder). The one reading of
/// what the template wrote: the shared copy ([`crate::share`]) leaves out
/// the lines [`said`] does for the same reasons.
#[must_use]
pub fn kinds(text: &str, date: Option<NaiveDate>, template: &TemplateText) -> Vec<(usize, Kind)> {
    let marks = mark(text, date, template);
    marks
        .lines
        .starts
        .iter()
        .enumerate()
        .filter(|&(_, &start)| start < text.len())
        .map(|(i, &start)| {
            let kind = if i < marks.first {
                Kind::Frontmatter
            } else {
                marks.per_line[i].kind
            };
            (start, kind)
        })
        .collect()
}

/// The inline `#tags` of what was said in `text` ([`tags_in`] of
/// [`said`]'s lines): a tag on a carried copy was counted in the note it
/// comes from. Prompts and questions are not told apart here (they hold
/// no tags).
#[must_use]
pub fn inline_tags(text: &str, date: Option<NaiveDate>) -> Vec<String> {
    if !may_hold_tag(text) {
        return Vec::new();
    }
    tags_in(text, &said(text, date, &TemplateText::default()))
}

/// The inline `#tags` ([`crate::tags::inline`]) of `lines` of `text`,
/// lines in code left out.
#[must_use]
pub fn tags_in(text: &str, lines: &[Said]) -> Vec<String> {
    let lines: Vec<&str> = lines
        .iter()
        .filter(|l| !l.code)
        .filter_map(|l| text.get(l.start..l.start + l.text.len()))
        .collect();
    crate::tags::inline(&lines.join("\n"))
}

/// False only when `text` certainly holds no inline tag, without reading
/// its lines: a tag is a `#` and then a letter, digit, `-`, `_` or `/` in
/// the text the parser gives, which comes from a `#` followed by something
/// other than `#` or a blank in the source (headings' `## ` are not), or
/// from the entity `&num;` (`&#35;` has a `#` before its digits).
fn may_hold_tag(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'#', bytes).any(|i| {
        bytes
            .get(i + 1)
            .is_some_and(|&b| !matches!(b, b'#' | b' ' | b'\t' | b'\r' | b'\n'))
    }) || memchr::memmem::find(bytes, b"&num;").is_some()
}

/// Every line of `text` after its frontmatter that is not blank, the
/// template's included (`search --all`), numbered and named as [`said`]
/// does.
#[must_use]
#[cfg(test)]
pub fn every_line(text: &str) -> Vec<Said> {
    read(text, None, &TemplateText::default(), true).to_said(text)
}

/// [`said`] without a copy of each line: what `search` reads every line
/// of, keeping few.
#[must_use]
pub fn said_lines(text: &str, date: Option<NaiveDate>, template: &TemplateText) -> SaidLines {
    read(text, date, template, false)
}

/// [`every_line`] without a copy of each line.
#[must_use]
pub fn every_line_lines(text: &str) -> SaidLines {
    read(text, None, &TemplateText::default(), true)
}

/// The lines [`said`] keeps, as places in the note's text.
#[derive(Debug, Clone, Default)]
pub struct SaidLines {
    /// The lines, in order.
    pub lines: Vec<SaidLine>,
    /// The `##` sections' titles, which [`SaidLine::section`] indexes.
    pub sections: Vec<String>,
}

/// One line somebody wrote, as a place in the note's text: [`Said`]
/// without its copies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaidLine {
    /// [`Said::line`].
    pub line: usize,
    /// The index of its section's title in [`SaidLines::sections`].
    pub section: Option<usize>,
    /// The byte range of [`Said::text`] in the note's text; it starts at
    /// [`Said::start`].
    pub text: Range<usize>,
    /// [`Said::asked`].
    pub asked: bool,
    /// [`Said::code`].
    pub code: bool,
    /// [`Said::block`].
    pub block: usize,
}

impl SaidLines {
    /// The section title of `line`.
    #[must_use]
    pub fn section(&self, line: &SaidLine) -> Option<&str> {
        line.section.map(|i| self.sections[i].as_str())
    }

    /// `line` as a [`Said`], its text copied from the note's `text`.
    #[must_use]
    pub fn said(&self, text: &str, line: &SaidLine) -> Said {
        Said {
            line: line.line,
            section: self.section(line).map(str::to_string),
            text: text[line.text.clone()].to_string(),
            start: line.text.start,
            asked: line.asked,
            code: line.code,
            block: line.block,
        }
    }

    fn to_said(&self, text: &str) -> Vec<Said> {
        self.lines.iter().map(|l| self.said(text, l)).collect()
    }
}

fn read(text: &str, date: Option<NaiveDate>, template: &TemplateText, keep_all: bool) -> SaidLines {
    let mut marks = mark(text, date, template);
    if keep_all {
        for line in &mut marks.per_line {
            line.kind = Kind::Kept;
            line.asked = false;
        }
    }
    kept(text, marks)
}

/// One reading of a note: each line's [`Kind`] and what [`said`] tells
/// of the lines it keeps.
struct Marks {
    lines: Lines,
    /// Per line (one list, not one per field: a note is read for every
    /// `search`).
    per_line: Vec<LineMark>,
    /// The first line of the body (none when the note is only
    /// frontmatter: the number of lines).
    first: usize,
    headings: Vec<Heading>,
}

/// What one reading tells of a line.
#[derive(Debug, Clone, Copy)]
struct LineMark {
    /// Kept, or why it is left out; the frontmatter's lines (before
    /// [`Marks::first`]) are [`Kind::Kept`] here.
    kind: Kind,
    /// An answered question's.
    asked: bool,
    /// In a code block.
    code: bool,
    /// Its block's number.
    block: usize,
}

/// Marks line `i` left out for `why`, unless it already is for another
/// reason (the first found, the innermost).
fn leave_out(marks: &mut [LineMark], i: usize, why: Kind) {
    if marks[i].kind == Kind::Kept {
        marks[i].kind = why;
    }
}

#[allow(clippy::too_many_lines)] // one pass over the events, an arm per kind
fn mark(text: &str, date: Option<NaiveDate>, template: &TemplateText) -> Marks {
    let note = Note::split(text);
    let base = note.body_start;
    let lines = Lines::of(text);
    let mut marks = vec![
        LineMark {
            kind: Kind::Kept,
            asked: false,
            code: false,
            block: 0,
        };
        lines.starts.len()
    ];
    let drop = |range: Range<usize>, why: Kind, marks: &mut Vec<LineMark>| {
        for i in lines.of_range(text, &range) {
            leave_out(marks, i, why);
        }
    };
    // Every heading with its line, level and title.
    let mut headings: Vec<Heading> = Vec::new();
    let mut heading: Option<Heading> = None;
    let mut items: Vec<OpenItem> = Vec::new();
    let (mut lists, mut quotes) = (0usize, 0usize);
    let mut next_block = 0;
    for (event, range) in Parser::new_ext(
        note.body(),
        Options::ENABLE_TASKLISTS | Options::ENABLE_TABLES,
    )
    .into_offset_iter()
    {
        let range = base + range.start..base + range.end;
        // An item is one block, whatever it holds; outside items, each
        // leaf block is one (a later, inner item takes its lines back).
        let is_block = match &event {
            Event::Start(Tag::Item) => true,
            Event::Start(
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::CodeBlock(_)
                | Tag::Table(_)
                | Tag::HtmlBlock,
            ) => items.is_empty(),
            _ => false,
        };
        if is_block {
            next_block += 1;
            for i in lines.of_range(text, &range) {
                marks[i].block = next_block;
            }
        }
        let is_marker = matches!(event, Event::TaskListMarker(_));
        if !is_marker
            && !matches!(event, Event::End(TagEnd::Item))
            && let Some(open) = items.last_mut()
        {
            open.filled = true;
        }
        match event {
            Event::Start(Tag::List(_)) => lists += 1,
            Event::End(TagEnd::List(_)) => lists = lists.saturating_sub(1),
            Event::Start(Tag::BlockQuote(_)) => quotes += 1,
            Event::End(TagEnd::BlockQuote(_)) => quotes = quotes.saturating_sub(1),
            Event::Start(Tag::Item) => {
                let first = first_line(text, &range);
                items.push(OpenItem {
                    start: range.start,
                    filled: false,
                    question: lists == 1
                        && quotes == 0
                        && is_question(first, range.start, &lines, template),
                    // The whole item goes, its sub-items too, at its end.
                    carried: is_carried_copy(first, date),
                });
            }
            Event::Start(Tag::CodeBlock(_)) => {
                for i in lines.of_range(text, &range) {
                    marks[i].code = true;
                }
            }
            Event::End(TagEnd::Table) => drop_empty_rows(text, &lines, &range, &mut marks),
            Event::End(TagEnd::Item) => {
                if let Some(item) = items.pop() {
                    let whole = item.start..range.end;
                    if item.carried {
                        drop(whole, Kind::Carried, &mut marks);
                    } else if !item.filled {
                        drop(whole, Kind::Placeholder, &mut marks);
                    } else if item.question {
                        // The question's own line; only what the item
                        // holds under it answers it.
                        let span = lines.of_range(text, &whole);
                        let first = span.start;
                        let answered = (first + 1..span.end)
                            .any(|i| marks[i].kind == Kind::Kept && !lines.is_blank(text, i));
                        if answered {
                            marks[first].asked = true;
                        } else {
                            leave_out(&mut marks, first, Kind::Question);
                        }
                    }
                }
            }
            Event::Start(Tag::Paragraph) if lists == 0 && quotes == 0 => {
                for i in lines.of_range(text, &range) {
                    let shown = text[lines.starts[i]..lines.end(text, i)].trim();
                    if !shown.is_empty() && template.prompts.contains(shown) {
                        leave_out(&mut marks, i, Kind::Prompt);
                    }
                }
            }
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((lines.index(range.start), level, String::new()));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, title)) = heading.as_mut() {
                    title.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((at, level, mut title)) = heading.take() {
                    if level <= HeadingLevel::H2 {
                        for i in lines.of_range(text, &range) {
                            leave_out(&mut marks, i, Kind::Heading);
                        }
                    }
                    // Trimmed in place: most titles need none.
                    let end = title.trim_end().len();
                    title.truncate(end);
                    let blanks = title.len() - title.trim_start().len();
                    title.drain(..blanks);
                    headings.push((at, level, title));
                }
            }
            _ => {}
        }
    }
    // The first line of the body: none when the note is only frontmatter.
    let first = lines.starts.partition_point(|&s| s < base);
    Marks {
        lines,
        per_line: marks,
        first,
        headings,
    }
}

/// Whether a list item (top level, not quoted) that starts at byte
/// `start` with the line `first` opens with a suggested question as `new`
/// writes it: its first line, at the start of a line (an answer may be
/// written under it, in the item).
fn is_question(first: &str, start: usize, lines: &Lines, template: &TemplateText) -> bool {
    let at_line_start = lines.starts[lines.index(start)] == start;
    at_line_start && template.questions.contains(first.trim_end())
}

/// A heading: its line, level and title.
type Heading = (usize, HeadingLevel, String);

/// The first line of the text at `range`.
fn first_line<'t>(text: &'t str, range: &Range<usize>) -> &'t str {
    // As `str::lines` gives it: a `\r` goes only before a `\n`.
    let text = &text[range.clone()];
    match memchr::memchr(b'\n', text.as_bytes()) {
        Some(end) => text[..end].strip_suffix('\r').unwrap_or(&text[..end]),
        None => text,
    }
}

/// Whether a list item's first line is a carried copy: a task box of any
/// mark, and a `(from DATE)` older than the note's `date` (any, without a
/// date).
fn is_carried_copy(line: &str, date: Option<NaiveDate>) -> bool {
    let rest = line.trim_start();
    let rest = rest.strip_prefix(['-', '*', '+']).or_else(|| {
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        (digits > 0)
            .then(|| rest[digits..].strip_prefix(['.', ')']))
            .flatten()
    });
    let Some(rest) = rest.map(str::trim_start) else {
        return false;
    };
    let boxed = rest.as_bytes().first() == Some(&b'[') && rest.chars().nth(2) == Some(']');
    boxed && crate::followup::first_date(rest).is_some_and(|from| date.is_none_or(|d| from < d))
}

/// Marks the rows of the table at `range` whose cells are all empty, and
/// its head too when every row is: a form nobody filled in says nothing.
fn drop_empty_rows(text: &str, lines: &Lines, range: &Range<usize>, marks: &mut [LineMark]) {
    let span = lines.of_range(text, range);
    let empty = |i: usize| {
        text[lines.starts[i]..lines.end(text, i)]
            .chars()
            .all(|c| c == '|' || c.is_whitespace())
    };
    // The head and the delimiter row, then the body.
    let body = span.start + 2..span.end;
    let rows: Vec<usize> = body.filter(|&i| !lines.is_blank(text, i)).collect();
    let filled = rows.iter().any(|&i| !empty(i));
    for i in rows.into_iter().filter(|&i| empty(i)) {
        leave_out(marks, i, Kind::Placeholder);
    }
    if !filled {
        for i in span {
            leave_out(marks, i, Kind::Placeholder);
        }
    }
}

/// The lines from the body's first on that are [`Kind::Kept`] and not
/// blank, each with the `##` section it is under.
fn kept(text: &str, marks: Marks) -> SaidLines {
    let lines = &marks.lines;
    let mut section: Option<usize> = None;
    let mut sections = Vec::new();
    let mut next_heading = marks.headings.into_iter().peekable();
    let mut found = Vec::with_capacity(lines.starts.len().saturating_sub(marks.first));
    for i in marks.first..lines.starts.len() {
        while let Some((_, level, title)) = next_heading.next_if(|h| h.0 <= i) {
            match level {
                HeadingLevel::H1 => section = None,
                HeadingLevel::H2 => {
                    section = Some(sections.len());
                    sections.push(title);
                }
                _ => {}
            }
        }
        let mark = marks.per_line[i];
        if mark.kind != Kind::Kept || lines.starts[i] >= text.len() {
            continue;
        }
        let start = lines.starts[i];
        let shown = text[start..lines.end(text, i)].trim_end();
        if shown.trim_start().is_empty() {
            continue;
        }
        found.push(SaidLine {
            line: i + 1,
            section,
            text: start..start + shown.len(),
            asked: mark.asked,
            code: mark.code,
            block: mark.block,
        });
    }
    SaidLines {
        lines: found,
        sections,
    }
}

/// The line starts of a text.
struct Lines {
    starts: Vec<usize>,
    /// The line [`Lines::index`] found last: the events of a note come
    /// in order, so the next is most often on it or a few lines on, found
    /// by stepping there rather than by a binary search.
    last: std::cell::Cell<usize>,
}

impl Lines {
    fn of(text: &str) -> Lines {
        // Sized for lines of 32 bytes, so that a note is seldom read
        // twice (once to count its lines) nor the list regrown.
        let mut starts = Vec::with_capacity(text.len() / 32 + 2);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        // A text ending in a line break has no line after it.
        if starts.last() == Some(&text.len()) && starts.len() > 1 {
            starts.pop();
        }
        Lines {
            starts,
            last: std::cell::Cell::new(0),
        }
    }

    /// The 0-based line holding byte `at`.
    fn index(&self, at: usize) -> usize {
        /// Lines stepped over before a binary search is the quicker.
        const STEPS: usize = 8;
        let mut i = self.last.get();
        if self.starts.get(i).is_some_and(|&s| s <= at) {
            for _ in 0..STEPS {
                match self.starts.get(i + 1) {
                    Some(&next) if next <= at => i += 1,
                    _ => {
                        self.last.set(i);
                        return i;
                    }
                }
            }
        }
        let i = self.starts.partition_point(|&s| s <= at).saturating_sub(1);
        self.last.set(i);
        i
    }

    /// Where line `i` ends, before its line break.
    fn end(&self, text: &str, i: usize) -> usize {
        let end = self.starts.get(i + 1).map_or(text.len(), |&s| s - 1);
        if text[..end].ends_with('\r') {
            end - 1
        } else {
            end
        }
    }

    /// Whether line `i` holds nothing but blanks.
    fn is_blank(&self, text: &str, i: usize) -> bool {
        text[self.starts[i]..self.end(text, i)].trim().is_empty()
    }

    /// The lines `range` spans, its trailing blanks left out.
    fn of_range(&self, text: &str, range: &Range<usize>) -> Range<usize> {
        let first = self.index(range.start);
        let content = text[range.clone()].trim_end().len();
        let last = self.index(range.start + content.saturating_sub(1));
        first..last.max(first) + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_item_s_first_line_is_what_str_lines_gives() {
        for text in [
            "", "a", "aaa\r", "a\r\r", "\r\n", "a\r\r\n", "\r", "x\ny", "x\r\ny", "\n", "é\r\n",
        ] {
            assert_eq!(
                first_line(text, &(0..text.len())),
                text.lines().next().unwrap_or(""),
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_line_is_found_from_the_last_as_by_a_binary_search() {
        use rand::{RngExt, SeedableRng};
        let mut rng = rand::rngs::StdRng::seed_from_u64(16);
        for _ in 0..200 {
            let text: String = (0..rng.random_range(0..200))
                .map(|_| ['a', '\n', ' ', '\r'][rng.random_range(0..4)])
                .collect();
            let lines = Lines::of(&text);
            let by_search =
                |at: usize| lines.starts.partition_point(|&s| s <= at).saturating_sub(1);
            // In order, as the events come, and then anywhere.
            for at in (0..=text.len()).chain((0..50).map(|_| rng.random_range(0..=text.len()))) {
                assert_eq!(lines.index(at), by_search(at), "{text:?} {at}");
            }
        }
    }

    #[test]
    fn issue15_a_lookup_finds_exactly_its_lines() {
        let lookup = Lookup::of(vec!["_Watch for it._".into(), "- Q?".into(), String::new()]);
        for line in ["_Watch for it._", "- Q?", ""] {
            assert!(lookup.contains(line), "{line:?}");
        }
        // The same length, the same first byte, or longer than any.
        for line in [
            "_Watch for is._",
            "- Q!",
            "x Q?",
            "_",
            "- Q? and more than any line",
        ] {
            assert!(!lookup.contains(line), "{line:?}");
        }
        assert!(!Lookup::default().contains(""));
    }

    #[test]
    fn issue16_tags_are_looked_for_only_where_one_may_be() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 10);
        // Headings, a lone `#`, a `#` before a blank: no tag, no parse.
        let plain = "---\nperson: A\n---\n## Lift\n\n### Notes ##\n\n- [ ] item #\n- a # b\n";
        assert!(!may_hold_tag(plain));
        assert!(inline_tags(plain, day).is_empty());
        // An entity is left to the parser and the tag reader.
        assert!(may_hold_tag("## Lift\n\nTalked &num;growth\n"));
        // Every way to write one is still read.
        for (text, tag) in [
            ("## Lift\n\nTalked #growth\n", "growth"),
            ("## Lift\n\n- [ ] ask #team/infra\n", "team/infra"),
        ] {
            assert!(may_hold_tag(text), "{text}");
            assert_eq!(inline_tags(text, day), [tag], "{text}");
        }
    }

    fn lines(text: &str) -> Vec<String> {
        let template = TemplateText::of(&Bank::built_in());
        let date = NaiveDate::from_ymd_opt(2026, 11, 24);
        let found = said(text, date, &template);
        found
            .iter()
            .map(|s| {
                // The offset is the line's.
                assert!(text[s.start..].starts_with(&s.text), "{s:?}");
                format!(
                    "{}{} {}: {}",
                    s.line,
                    if s.asked { "?" } else { "" },
                    s.section.as_deref().unwrap_or("-"),
                    s.text
                )
            })
            .collect()
    }

    #[test]
    fn keeps_what_people_wrote_and_leaves_out_the_template() {
        let text = "---\nperson: Ana\ndate: 2026-11-24\ntags: [growth]\n---\n\
# 1:1 with Ana, 2026-11-24\n\n\
## Agenda\n\n- \n\n\
## Listen\n\n_Make space: this time is theirs._\n\n\
- What's on your mind this week?\n\n\
## Learn\n\n_Understand what is really going on; look for patterns._\n\n\
- What's going well in your current projects?\n  The migration, finally.\n\n\
_Watch for: clear on priorities? · ownership or just execution? · tension with other teams? · blockers quietly absorbed?_\n\n\
```\n- What's on your mind this week?\n- [ ] Send doc (from 2026-11-10)\n```\n\n\
## Lift\n\n_End with action: support, a connection, a new perspective._\n\n\
- What's one thing we should follow up on next time?\n\n\
She wants to lead the next offsite.\n\n\
## Follow-ups\n\n\
- [ ] Send the doc (from 2026-11-10)\n  - with the numbers\n\
- [x] Book the room (from 2026-11-17)\n\
- [ ] Ask Priya to pair\n\
- [ ] \n\n\
## Private\n\n_For your eyes only: `oneonone export --shared` leaves this section out._\n\nTired lately.\n";
        assert_eq!(
            lines(text),
            [
                // The answered questions, marked `asked` ("?" here).
                "22? Learn: - What's going well in your current projects?",
                "23 Learn:   The migration, finally.",
                "27 Learn: ```",
                "28 Learn: - What's on your mind this week?",
                "29 Learn: - [ ] Send doc (from 2026-11-10)",
                "30 Learn: ```",
                // A paragraph after the list is the section's, not the
                // last question's answer: that question is left out.
                "38 Lift: She wants to lead the next offsite.",
                "45 Follow-ups: - [ ] Ask Priya to pair",
                "52 Private: Tired lately.",
            ]
        );
    }

    #[test]
    fn carried_copies_of_any_mark_empty_tables_and_code_are_told_apart() {
        let text = "---\nperson: Ana\ndate: 2026-11-24\n---\n\
## Follow-ups\n\n\
- [>] Draft the plan (from 2026-11-10)\n\
- [x] Book the room (from 2026-11-17)\n\
1. [ ] Numbered copy (from 2026-11-03)\n\
> - [>] Quoted copy (from 2026-11-03)\n\n\
- [>] Written here, carried on\n\
- [ ] Written today (from 2026-11-24)\n\n\
## Zone of genius\n\n\
| activity | skill | joy |\n| --- | --- | --- |\n|  |  |  |\n|  |  |  |\n\n\
| activity | skill | joy |\n| --- | --- | --- |\n| code review | 4 | 5 |\n|  |  |  |\n\n\
```\nkubectl rollout restart\n```\n";
        let found = said(
            text,
            NaiveDate::from_ymd_opt(2026, 11, 24),
            &TemplateText::default(),
        );
        let shown: Vec<(usize, bool, &str)> = found
            .iter()
            .map(|s| (s.line, s.code, s.text.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                (12, false, "- [>] Written here, carried on"),
                (13, false, "- [ ] Written today (from 2026-11-24)"),
                (22, false, "| activity | skill | joy |"),
                (23, false, "| --- | --- | --- |"),
                (24, false, "| code review | 4 | 5 |"),
                (27, true, "```"),
                (28, true, "kubectl rollout restart"),
                (29, true, "```"),
            ]
        );
    }

    #[test]
    fn kinds_say_why_each_line_is_left_out() {
        use Kind::{Carried, Frontmatter, Heading, Kept, Placeholder, Prompt, Question};
        let text = "---\ndate: 2026-11-24\n---\n## Listen\n\n_Make space: this time is theirs._\n\n\
- What's on your mind this week?\n\nSaid.\n\n| a | b |\n| --- | --- |\n|  |  |\n\n\
- [ ] Send (from 2026-11-10)\n  - [ ] \n- [ ] \n";
        let template = TemplateText::of(&Bank::built_in());
        let found: Vec<Kind> = kinds(text, NaiveDate::from_ymd_opt(2026, 11, 24), &template)
            .into_iter()
            .map(|(_, kind)| kind)
            .collect();
        assert_eq!(
            found,
            [
                Frontmatter,
                Frontmatter,
                Frontmatter,
                Heading,
                Kept,
                Prompt,
                Kept,
                Question,
                Kept,
                Kept,
                Kept,
                Placeholder,
                Placeholder,
                Placeholder,
                Kept,
                Carried,
                // The innermost reason first.
                Placeholder,
                Placeholder,
            ]
        );
    }

    #[test]
    fn inline_tags_are_read_from_what_was_said_only() {
        let text = "---\ndate: 2026-09-15\n---\n## Lift\n\n- [ ] Plan #carried (from 2026-09-01)\n\
                    - [>] Plan #carried-on (from 2026-09-01)\n- Said #here\n\n```\n#include <x.h>\n```\n";
        let date = NaiveDate::from_ymd_opt(2026, 9, 15);
        assert_eq!(inline_tags(text, date), ["here"]);
        let lines = said(text, date, &TemplateText::default());
        assert_eq!(tags_in(text, &lines), ["here"]);
    }

    #[test]
    fn a_note_that_is_only_frontmatter_said_nothing() {
        assert!(lines("---\nperson: Ana\ndate: 2026-11-24\n---\n").is_empty());
        assert!(lines("---\nperson: Ana\n---").is_empty());
    }

    #[test]
    fn an_item_dated_the_note_s_own_day_or_later_is_not_a_copy() {
        let text = "## Follow-ups\r\n\r\n- [ ] Typed (from 2026-11-24)\r\n- [>] Moved on\r\n\r\n### Ideas\r\n\r\n- [ ] Old (from 2026-01-01)\r\n";
        assert_eq!(
            lines(text),
            [
                "3 Follow-ups: - [ ] Typed (from 2026-11-24)",
                "4 Follow-ups: - [>] Moved on",
                "6 Follow-ups: ### Ideas",
            ]
        );
    }
}

#[cfg(test)]
mod block_tests {
    use super::*;

    fn blocks(found: &[Said]) -> Vec<(usize, usize)> {
        let first = found.first().map_or(0, |s| s.block);
        found.iter().map(|s| (s.line, s.block - first)).collect()
    }

    #[test]
    fn a_block_is_an_item_or_a_paragraph() {
        let text = "## Learn\n\nOn call\nis heavy.\n\nAnother one.\n\n- An item\n  going on\n  - inner\n  back out\n- next\n\n```\ncode\n```\n";
        let found = said(text, None, &TemplateText::default());
        assert_eq!(
            blocks(&found),
            [
                (3, 0),
                (4, 0),
                (6, 1),
                (8, 2),
                (9, 2),
                (10, 3),
                // A lazy continuation line of the inner item.
                (11, 3),
                (12, 4),
                (14, 5),
                (15, 5),
                (16, 5)
            ]
        );
    }

    #[test]
    fn every_line_keeps_the_template_too() {
        let text = "---\ndate: 2026-11-24\n---\n## Listen\n\n- What's on your mind this week?\n";
        let found: Vec<String> = every_line(text).into_iter().map(|s| s.text).collect();
        assert_eq!(found, ["## Listen", "- What's on your mind this week?"]);
    }
}
