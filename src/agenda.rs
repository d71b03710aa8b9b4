//! The running agenda: `<slug>/agenda.md`, a plain markdown task list of
//! talking points that either side adds to before the meeting (it may be
//! shared through git). `oneonone new` moves its open points into the new
//! note's Agenda section and takes them out of agenda.md.
//!
//! A point is an open task item of a top-level list (not nested, not in a
//! block quote). Moving one takes its whole item: continuation lines and
//! sub-items go with it, so no word is left behind or lost.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::note::Note;
use crate::task::{self, Task};

/// The agenda file's name in a person's folder.
pub const AGENDA_FILE: &str = "agenda.md";

/// True for a notebook-relative `/` path that is a person's agenda.md.
#[must_use]
pub fn is_agenda_path(path: &str) -> bool {
    // Called for every follow-up of a listing: no allocation, and the
    // name first.
    path.strip_suffix(AGENDA_FILE)
        .is_some_and(|folder| folder.ends_with('/'))
        && path.split('/').count() == 2
}

/// An open talking point in agenda.md.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Point {
    /// The task behind it (line, checkbox offset, first line of text).
    pub task: Task,
    /// The whole list item's bytes in the file, line ending included.
    pub range: Range<usize>,
}

/// The open points of an agenda file's text, in file order.
#[must_use]
pub fn open_points(text: &str) -> Vec<Point> {
    let note = Note::split(text);
    points_among(&note, task::tasks(&note))
}

/// The open points among a note's tasks (in file order, as
/// [`task::tasks`] gives them): one walk over the tasks and the top-level
/// items together, both in file order, so an agenda of thousands of points
/// costs no more than reading it.
#[must_use]
pub fn points_among(note: &Note<'_>, tasks: Vec<Task>) -> Vec<Point> {
    let text = note.text;
    let items = top_level_items(note);
    let mut next_item = 0;
    // The start of the last item whose first task was looked at.
    let mut seen: Option<usize> = None;
    let mut points = Vec::new();
    for task in tasks {
        while items.get(next_item).is_some_and(|r| r.end <= task.checkbox) {
            next_item += 1;
        }
        let Some(range) = items.get(next_item) else {
            break;
        };
        // Only an item's first task can be its own checkbox; the others
        // belong to its sub-items.
        if !range.contains(&task.checkbox) || seen == Some(range.start) {
            continue;
        }
        seen = Some(range.start);
        if !task.is_open() {
            continue;
        }
        // The item's own checkbox, not one of a sub-item: only the list
        // marker and blanks stand between the item's start and `[`.
        let lead = &text[range.start..task.checkbox - 1];
        let own = !lead.contains('\n') && is_list_line(&format!("{} ", lead.trim()));
        if own {
            points.push(Point {
                task,
                range: range.clone(),
            });
        }
    }
    points
}

/// The byte ranges of the items of top-level lists, outside block quotes.
fn top_level_items(note: &Note<'_>) -> Vec<Range<usize>> {
    let base = note.body_start;
    let mut lists = 0usize;
    let mut quotes = 0usize;
    let mut items = Vec::new();
    for (event, range) in Parser::new_ext(note.body(), Options::ENABLE_TASKLISTS).into_offset_iter()
    {
        match event {
            Event::Start(Tag::List(_)) => lists += 1,
            Event::End(TagEnd::List(_)) => lists -= 1,
            Event::Start(Tag::BlockQuote(_)) => quotes += 1,
            Event::End(TagEnd::BlockQuote(_)) => quotes -= 1,
            Event::Start(Tag::Item) if lists == 1 && quotes == 0 => {
                items.push(base + range.start..base + range.end);
            }
            _ => {}
        }
    }
    items
}

/// The text of a new agenda.md for a person.
#[must_use]
pub fn new_file(name: &str) -> String {
    format!(
        "# Agenda: {name}\n\n\
         Talking points for the next 1:1, from either side. `oneonone new` moves the open\n\
         ones into the meeting's note.\n\n"
    )
}

/// `text` with a point appended as `- [ ] point`, in the file's own line
/// endings; nothing else in the file changes.
#[must_use]
pub fn append(text: &str, point: &str) -> String {
    let eol = crate::note::line_ending(text);
    let mut out = String::with_capacity(text.len() + point.len() + 8);
    out.push_str(text);
    if !out.is_empty() && !out.ends_with('\n') {
        out.push_str(eol);
    }
    let last = out
        .trim_end_matches(['\r', '\n'])
        .rsplit('\n')
        .next()
        .unwrap_or("");
    // After a list item (or its indented continuation) the point joins the
    // list; after anything else a blank line starts a new list.
    let after_list_or_blank = last.trim().is_empty()
        || is_list_line(last)
        || last.starts_with([' ', '\t'])
        || out.ends_with(&format!("{eol}{eol}"));
    if !after_list_or_blank {
        out.push_str(eol);
    }
    out.push_str("- [ ] ");
    out.push_str(point);
    out.push_str(eol);
    out
}

/// What merging the agenda `from` into the agenda `into` appends to
/// `into`: all of `from` but the heading [`new_file`] writes for one of
/// `names` (`# Agenda: NAME`, or a bare `# Agenda`) and the lines it
/// writes under it (its open points, and whatever else it holds, a heading
/// of the person's own words included, so no word is lost), in `into`'s
/// line endings; after a blank line unless it continues `into`'s list.
/// `None` when `from` holds nothing else. The caller checks that the
/// points read as points.
#[must_use]
pub fn merge_tail(into: &str, from: &str, names: &[&str]) -> Option<String> {
    let template = new_file("");
    let blurb: Vec<&str> = template.lines().skip(2).take(2).collect();
    let lines: Vec<&str> = from.split_inclusive('\n').collect();
    let blank = |l: &str| l.trim().is_empty();
    let mut at = 0;
    let skip_blank = |at: &mut usize| {
        while lines.get(*at).is_some_and(|l| blank(l)) {
            *at += 1;
        }
    };
    skip_blank(&mut at);
    let written = |l: &str| {
        let l = l.trim_end();
        l == "# Agenda"
            || l.strip_prefix("# Agenda: ")
                .is_some_and(|name| names.iter().any(|n| n.trim() == name))
    };
    if lines.get(at).is_some_and(|l| written(l)) {
        at += 1;
        skip_blank(&mut at);
        let says = |i: usize, want: &str| lines.get(i).is_some_and(|l| l.trim_end() == want);
        if says(at, blurb[0]) && says(at + 1, blurb[1]) {
            at += 2;
            skip_blank(&mut at);
        }
    }
    let rest: String = lines[at..].concat();
    if rest.trim().is_empty() {
        return None;
    }
    let eol = crate::note::line_ending(into);
    let mut tail = rest.replace("\r\n", "\n");
    if !tail.ends_with('\n') {
        tail.push('\n');
    }
    if eol != "\n" {
        tail = tail.replace('\n', eol);
    }
    if into.is_empty() {
        return Some(tail);
    }
    let mut lead = String::new();
    if !into.ends_with('\n') {
        lead.push_str(eol);
    }
    let last = into
        .trim_end_matches(['\r', '\n'])
        .rsplit('\n')
        .next()
        .unwrap_or("");
    let continues_list = is_list_line(tail.lines().next().unwrap_or(""))
        && (is_list_line(last) || last.starts_with([' ', '\t']));
    let ends_blank = last.trim().is_empty() || into.ends_with(&format!("{eol}{eol}"));
    if !continues_list && !ends_blank {
        lead.push_str(eol);
    }
    Some(lead + &tail)
}

/// `text` with whole items (as a point's bytes, `- [ ] point` with its
/// continuation lines and sub-items) appended in the file's own line
/// endings, joining its list or after a blank line; nothing else in the
/// file changes.
#[must_use]
pub fn append_items(text: &str, items: &[String]) -> String {
    let eol = crate::note::line_ending(text);
    let mut out = text.to_string();
    for item in items {
        let item = item.replace("\r\n", "\n");
        let item = item.trim_end_matches('\n');
        let (first, rest) = item.split_once('\n').unwrap_or((item, ""));
        // The first line through `append`, which knows where a list goes;
        // its words are all after the first `] `.
        let Some((_, words)) = first.split_once("] ") else {
            continue;
        };
        out = append(&out, words);
        if !rest.is_empty() {
            for line in rest.split('\n') {
                out.push_str(line.trim_end_matches('\r'));
                out.push_str(eol);
            }
        }
    }
    out
}

/// A talking point's words as two copies of it are compared: blanks
/// folded, lowercase.
#[must_use]
pub fn point_key(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The open points of a shared space's agenda, split in two: those to
/// take into the next note, and those whose words are a point already
/// taken (a `[>]` item of the file, which `new` leaves in a shared agenda
/// as the record of what it took): a copy a merge brought back, never
/// taken twice.
#[must_use]
pub fn points_to_take(text: &str) -> (Vec<Point>, Vec<Point>) {
    let note = Note::split(text);
    let taken: std::collections::HashSet<String> = task::carried(&note)
        .iter()
        .map(|(_, words)| point_key(words))
        .collect();
    open_points(text)
        .into_iter()
        .partition(|p| !taken.contains(&point_key(&p.task.text)))
}

/// `text` with each point's box marked `[>]`, taken into a note: one byte
/// per point (a shared agenda keeps the line, so that a merge cannot bring
/// the point back as new).
#[must_use]
pub fn mark_taken(text: &str, points: &[Point]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for point in points {
        bytes[point.task.checkbox] = b'>';
    }
    // An ASCII byte for an ASCII byte: still UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_string())
}

/// `text` with the taken (`[>]`) points whose words are `words` marked
/// done (`[x]`), one byte each: a point raised again on purpose is a point,
/// not a copy of the old one that a merge brought back.
#[must_use]
pub fn retire_taken(text: &str, words: &str) -> String {
    let key = point_key(words);
    let mut bytes = text.as_bytes().to_vec();
    for item in task::carried_items(&Note::split(text)) {
        if point_key(&item.text) == key {
            bytes[item.checkbox] = b'x';
        }
    }
    // An ASCII byte for an ASCII byte: still UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_string())
}

/// `text` without the given points' items.
#[must_use]
pub fn remove(text: &str, points: &[Point]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    let mut ranges: Vec<&Range<usize>> = points.iter().map(|p| &p.range).collect();
    ranges.sort_by_key(|r| r.start);
    for range in ranges {
        out.push_str(&text[from..range.start]);
        from = range.end;
    }
    out.push_str(&text[from..]);
    out
}

/// A point as it goes into the note's Agenda section: the item with the
/// checkboxes of it and its open sub-items taken out (`- [ ] Ask about X`
/// becomes `- Ask about X`), so talking points do not turn into follow-ups;
/// ending in a line break.
#[must_use]
pub fn as_note_item(text: &str, point: &Point) -> String {
    as_note_items(text, std::slice::from_ref(point))
        .pop()
        .unwrap_or_default()
}

/// [`as_note_item`] for each of the points (in file order, as
/// [`open_points`] gives them), reading the text once.
#[must_use]
pub fn as_note_items(text: &str, points: &[Point]) -> Vec<String> {
    let note = Note::split(text);
    let boxes: Vec<usize> = task::tasks(&note)
        .into_iter()
        .filter(Task::is_open)
        .map(|t| t.checkbox)
        .collect();
    let mut next_box = 0;
    let mut items = Vec::with_capacity(points.len());
    for point in points {
        // Boxes before this point belong to no point.
        while boxes.get(next_box).is_some_and(|&b| b < point.range.start) {
            next_box += 1;
        }
        let mut item = String::new();
        let mut from = point.range.start;
        while let Some(&checkbox) = boxes.get(next_box).filter(|&&b| point.range.contains(&b)) {
            next_box += 1;
            // `[ ]` and one blank after it go.
            let open = checkbox - 1;
            item.push_str(&text[from..open]);
            from = open + 3;
            if text[from..].starts_with(' ') {
                from += 1;
            }
        }
        item.push_str(&text[from..point.range.end]);
        let trimmed = item.trim_end_matches(['\r', '\n', ' ']).len();
        item.truncate(trimmed);
        item.push('\n');
        items.push(item.replace("\r\n", "\n"));
    }
    items
}

/// A line of agenda.md that looks like a talking point but is not a task
/// item of its own: `new` never moves it as a point (it may go along
/// inside the point above it, as its continuation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stray {
    /// Its 1-based line.
    pub line: usize,
    /// The line as written, trimmed.
    pub written: String,
    /// The spelling that works: `- [ ] text`, with the list marker the
    /// line had.
    pub spelling: String,
}

/// The lines of an agenda that look like talking points but are not task
/// items. pulldown-cmark says what is a task item (GitHub's rules); of the
/// rest, outside code, HTML, block quotes and the lines of task items
/// (their wrapped lines and sub-items are theirs), a line looks like a
/// point when it is:
/// - the first line of a top-level list item with no checkbox, or one
///   spelled wrong (`- point`, `- [] point`, `* [ ]point`);
/// - a line of a paragraph that starts as a task item spelled wrong
///   (`-[ ] point`, `[ ] point`, `+[]point`), also where it continues a
///   point (`-[ ] point` right under `- [ ] one` is read as more words of
///   `one`, and would move with it as such);
/// - a line of a paragraph that comes after the file's first top-level
///   list: a point written as plain text under the points.
///
/// Never flagged: headings, the blurb [`new_file`] writes, other prose
/// before the first list, table rows, and a box with a mark in it
/// (`-[x] point` reads as done).
#[must_use]
pub fn stray_lines(text: &str) -> Vec<Stray> {
    let note = Note::split(text);
    let body = note.body();
    let base = note.body_start;
    let template = new_file("");
    let blurb: Vec<&str> = template.lines().skip(2).take(2).collect();
    // Top-level list items (with whether they are tasks) and paragraphs
    // outside lists and quotes, by their ranges in the body.
    let mut items: Vec<(Range<usize>, bool)> = Vec::new();
    let mut paragraphs: Vec<Range<usize>> = Vec::new();
    let mut first_list: Option<usize> = None;
    let (mut lists, mut quotes) = (0usize, 0usize);
    let mut open_items: Vec<(Range<usize>, bool, bool)> = Vec::new();
    // Where the lines that continue an item's text start.
    let mut continued: Vec<usize> = Vec::new();
    let mut after_break = false;
    for (event, range) in Parser::new_ext(body, Options::ENABLE_TASKLISTS).into_offset_iter() {
        if after_break {
            after_break = false;
            continued.push(range.start);
        }
        match event {
            Event::SoftBreak if lists > 0 && quotes == 0 => after_break = true,
            Event::Start(Tag::List(_)) => {
                if lists == 0 && quotes == 0 && first_list.is_none() {
                    first_list = Some(range.start);
                }
                lists += 1;
            }
            Event::End(TagEnd::List(_)) => lists -= 1,
            Event::Start(Tag::BlockQuote(_)) => quotes += 1,
            Event::End(TagEnd::BlockQuote(_)) => quotes -= 1,
            Event::Start(Tag::Item) => open_items.push((range, false, lists == 1 && quotes == 0)),
            Event::TaskListMarker(_) => {
                if let Some(item) = open_items.last_mut() {
                    item.1 = true;
                }
            }
            Event::End(TagEnd::Item) => {
                if let Some((range, task, top)) = open_items.pop()
                    && top
                {
                    items.push((range, task));
                }
            }
            Event::Start(Tag::Paragraph) if lists == 0 && quotes == 0 => paragraphs.push(range),
            _ => {}
        }
    }
    let mut found: Vec<(usize, String, String)> = Vec::new();
    for (range, task) in items {
        if task {
            continue;
        }
        let line = body[range.clone()].split('\n').next().unwrap_or_default();
        if let Some((spelling, _)) = spelled(line, false) {
            found.push((range.start, line.trim().to_string(), spelling));
        }
    }
    for at in continued {
        let start = body[..at].rfind('\n').map_or(0, |i| i + 1);
        let line = body[start..].split('\n').next().unwrap_or_default();
        if let Some((spelling, true)) = spelled(line, false)
            && !is_list_line(line)
        {
            found.push((start, line.trim().to_string(), spelling));
        }
    }
    for range in paragraphs {
        let after_list = first_list.is_some_and(|at| at < range.start);
        let mut at = range.start;
        for line in body[range.clone()].split_inclusive('\n') {
            let trimmed = line.trim();
            if !trimmed.is_empty()
                && !blurb.contains(&trimmed)
                && let Some((spelling, _)) = spelled(line, after_list)
            {
                found.push((at, trimmed.to_string(), spelling));
            }
            at += line.len();
        }
    }
    found.sort_by_key(|(at, _, _)| *at);
    // What `new` does move is never a stray, however it is spelled.
    let points: std::collections::HashSet<usize> =
        open_points(text).iter().map(|p| p.task.line).collect();
    let mut lines = 1;
    let mut counted = 0;
    found
        .into_iter()
        .map(|(at, written, spelling)| {
            lines += crate::note::count_newlines(&text.as_bytes()[counted..base + at]);
            counted = base + at;
            Stray {
                line: lines,
                written,
                spelling,
            }
        })
        .filter(|stray| !points.contains(&stray.line))
        .collect()
}

/// How a line that may be a point is spelled as one (`- [ ] text`), when
/// it is one, and whether it has a box: it starts as a box spelled wrong
/// (`-[ ]`, `[]`, a list marker with no box), or `plain` text counts too. `None` for a line
/// with no text, a table row, or one with a mark in its box (`[x]` done,
/// `[>]`, `[-]`).
fn spelled(line: &str, plain: bool) -> Option<(String, bool)> {
    let l = line.trim();
    if l.starts_with('|') {
        return None;
    }
    let digits = l.bytes().take_while(u8::is_ascii_digit).count();
    let marker_len = if l.starts_with(['-', '*', '+']) {
        1
    } else if digits > 0 && l[digits..].starts_with(['.', ')']) {
        digits + 1
    } else {
        0
    };
    let (marker, rest) = l.split_at(marker_len);
    let rest = rest.trim_start();
    // A list opened on the same line (`- - [ ] x`) is a nested item: not
    // a would-be point (check names an open one as never moved).
    if marker_len > 0 && is_list_line(&format!("{rest} ")) {
        return None;
    }
    let (boxed, rest) = match rest.strip_prefix('[') {
        Some(inner) => match inner.find(']') {
            Some(close) if inner[..close].trim().is_empty() => (true, &inner[close + 1..]),
            // A mark (`[x]` done, `[>]`, `[-]`): not an open point.
            Some(close) if inner[..close].trim().chars().count() == 1 => return None,
            _ => (false, rest),
        },
        None => (false, rest),
    };
    let words = rest.trim();
    if words.is_empty() || !(boxed || marker_len > 0 || plain) {
        return None;
    }
    // A paragraph line that starts with `-` but no blank after it is
    // prose (`-- a dash`), unless a box follows.
    if marker_len > 0 && !boxed && !l[marker_len..].starts_with([' ', '\t']) && !plain {
        return None;
    }
    let marker = if marker.is_empty() { "-" } else { marker };
    let spelling = format!("{marker} [ ] {words}");
    // Only a spelling that does read as one point is offered (not words
    // that open a block of their own: `- > quote`).
    (open_points(&format!("{spelling}\n")).len() == 1).then_some((spelling, boxed))
}

fn is_list_line(line: &str) -> bool {
    let l = line.trim_start();
    l.starts_with("- ") || l.starts_with("* ") || l.starts_with("+ ") || {
        let digits = l.bytes().take_while(u8::is_ascii_digit).count();
        digits > 0 && (l[digits..].starts_with(". ") || l[digits..].starts_with(") "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_top_level_open_points_only() {
        let text = "# Agenda\n\n- [ ] one\n  more of one\n  - [ ] sub of one\n- [x] done\n- [ ] \n> - [ ] quoted\n\n1. [ ] two\n";
        let points = open_points(text);
        let firsts: Vec<&str> = points.iter().map(|p| p.task.text.as_str()).collect();
        assert_eq!(firsts, ["one", "two"]);
        assert_eq!(
            &text[points[0].range.clone()],
            "- [ ] one\n  more of one\n  - [ ] sub of one\n"
        );
        assert_eq!(
            as_note_item(text, &points[0]),
            "- one\n  more of one\n  - sub of one\n"
        );
        assert_eq!(as_note_item(text, &points[1]), "1. two\n");
        assert_eq!(
            remove(text, &points),
            "# Agenda\n\n- [x] done\n- [ ] \n> - [ ] quoted\n\n"
        );
    }

    #[test]
    fn append_keeps_everything_and_the_line_endings() {
        assert_eq!(append("", "a"), "- [ ] a\n");
        assert_eq!(append("- [ ] a", "b"), "- [ ] a\n- [ ] b\n");
        assert_eq!(append("- [ ] a\r\n", "b"), "- [ ] a\r\n- [ ] b\r\n");
        assert_eq!(
            append("# Agenda\n\nSome prose.\n", "b"),
            "# Agenda\n\nSome prose.\n\n- [ ] b\n"
        );
        let fresh = new_file("Alice");
        let once = append(&fresh, "first");
        assert!(once.starts_with(&fresh));
        assert!(
            once.ends_with("ones into the meeting's note.\n\n- [ ] first\n"),
            "{once}"
        );
        assert_eq!(open_points(&append(&once, "second")).len(), 2);
    }

    #[test]
    fn a_merged_agenda_keeps_every_word_but_the_header() {
        let into = "# Agenda: Mary Ann Walsh\n\n- [ ] hers\n";
        let from = format!("{}- [ ] his\n  more\n- [x] talked\n", new_file("Mary Ann"));
        let tail = merge_tail(into, &from, &["Mary Ann"]).unwrap();
        assert_eq!(tail, "- [ ] his\n  more\n- [x] talked\n");
        let merged = format!("{into}{tail}");
        let open: Vec<String> = open_points(&merged)
            .into_iter()
            .map(|p| p.task.text)
            .collect();
        assert_eq!(open, ["hers", "his"]);
        // Only the header: nothing to carry.
        assert_eq!(merge_tail(into, &new_file("Mary Ann"), &["Mary Ann"]), None);
        assert_eq!(merge_tail(into, "\n", &[]), None);
        // A heading of the person's own words is theirs: it travels.
        assert_eq!(
            merge_tail(
                into,
                "# Agenda for Bob: keep these on comp\n- [ ] b\n",
                &["Bob"]
            )
            .unwrap(),
            "\n# Agenda for Bob: keep these on comp\n- [ ] b\n"
        );
        // Prose after a list gets a blank line; the file's line endings.
        assert_eq!(
            merge_tail("- [ ] a\r\n", "# Agenda: B\nSome words.\n- [ ] b", &["B"]).unwrap(),
            "\r\nSome words.\r\n- [ ] b\r\n"
        );
        assert_eq!(
            merge_tail("Prose", "- [ ] b\n", &[]).unwrap(),
            "\n\n- [ ] b\n"
        );
        assert_eq!(merge_tail("", "- [ ] b\n", &[]).unwrap(), "- [ ] b\n");
    }

    fn strays(text: &str) -> Vec<(usize, String, String)> {
        stray_lines(text)
            .into_iter()
            .map(|s| (s.line, s.written, s.spelling))
            .collect()
    }

    #[test]
    fn stray_lines_are_would_be_points_only() {
        let text = "---\nperson: A\n---\n# Agenda: A\n\nIntro prose is fine.\n-[ ] but not this\n\n- [ ] one\n  wrapped words of one\n  [ ] a lazy box\n  - sub bullet of one\n- [] empty box\n2) numbered\n- [x] done\n-  \n\n```\n- code\n```\n\n> quoted prose\n\nplain line\n| a | b |\n[>] marked\n";
        let want = |line: usize, written: &str, spelling: &str| {
            (line, written.to_string(), spelling.to_string())
        };
        assert_eq!(
            strays(text),
            [
                want(7, "-[ ] but not this", "- [ ] but not this"),
                want(11, "[ ] a lazy box", "- [ ] a lazy box"),
                want(13, "- [] empty box", "- [ ] empty box"),
                want(14, "2) numbered", "2) [ ] numbered"),
                want(24, "plain line", "- [ ] plain line"),
            ]
        );
        // What oneonone writes is clean, CRLF too.
        let fresh = append(&append(&new_file("Chloé Dubois"), "one"), "two");
        assert_eq!(strays(&fresh), []);
        assert_eq!(strays(&fresh.replace('\n', "\r\n")), []);
        assert_eq!(strays(&new_file("A")), []);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 512, failure_persistence: None, ..Default::default() })]

        /// A stray line is never a line a point starts on, and its
        /// spelling reads as a point.
        #[test]
        fn strays_are_never_points(text in crate::invariants::list_markdown()) {
            let lines: Vec<usize> = open_points(&text).iter().map(|p| p.task.line).collect();
            for stray in stray_lines(&text) {
                proptest::prop_assert!(!lines.contains(&stray.line), "{stray:?}");
                let spelled = open_points(&format!("{}\n", stray.spelling));
                proptest::prop_assert_eq!(spelled.len(), 1, "{:?}", stray);
            }
        }
    }

    /// The points as found before the one-walk search: every item searched
    /// for every task.
    fn plain_points(text: &str) -> Vec<Point> {
        let note = Note::split(text);
        let items = top_level_items(&note);
        task::tasks(&note)
            .into_iter()
            .filter(Task::is_open)
            .filter_map(|task| {
                let range = items.iter().find(|r| r.contains(&task.checkbox))?.clone();
                let lead = &text[range.start..task.checkbox - 1];
                let own = !lead.contains('\n') && is_list_line(&format!("{} ", lead.trim()));
                own.then_some(Point { task, range })
            })
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 512, failure_persistence: None, ..Default::default() })]

        #[test]
        fn points_and_note_items_match_the_plain_search(text in crate::invariants::list_markdown()) {
            let points = open_points(&text);
            proptest::prop_assert_eq!(&points, &plain_points(&text));
            let one_by_one: Vec<String> = points.iter().map(|p| as_note_item(&text, p)).collect();
            proptest::prop_assert_eq!(as_note_items(&text, &points), one_by_one);
        }
    }
}
