//! Carry-over: the open follow-ups of a person's earlier notes move into
//! their new note, so each is open in exactly one place.
//!
//! The whole item travels: its first line, its continuation lines and its
//! sub-items (ticked ones too, as they stand), re-indented under a new
//! `- [ ] `. In the old note the item becomes `- [>] text`, the
//! bullet-journal mark for a migrated task (one byte changes), and so does
//! each open sub-item, whose open copy is now in the new note; the item's
//! other lines stay under it there, as the record. Each open task of the
//! copy says where it comes from on its first line, `(from 2026-11-17)`
//! before any due date or other Obsidian Tasks sign, and the date of the
//! note it first came from stays through later carries. An open sub-item
//! of an item that is not open (ticked, carried, or no task at all)
//! travels on its own.
//!
//! [`carry_out`] carries the items out of one note; [`hand_over`] joins
//! what several notes give, so that an item open in two of them (a `new`
//! stopped between its writes, a `[>]` reopened by hand) reaches the new
//! note once.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::note::{Note, parse_date_prefix};
use crate::task::{self, Task};

/// The mark a carried item gets in its old note.
pub const CARRIED_MARK: u8 = b'>';

/// What carrying the open items out of one note gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarriedOut {
    /// The note's text with every open item marked `[>]`.
    pub text: String,
    /// The items for the new note, each `- [ ] text (from DATE)` with its
    /// other lines after it (no final line break).
    pub items: Vec<String>,
    /// The same for items that stood in a private section: they go into
    /// the new note's private section.
    pub private_items: Vec<String>,
    /// How many open items moved (sub-items included).
    pub open: usize,
}

impl CarriedOut {
    /// Its items, shared ones first, as coming from the note `from`.
    #[must_use]
    pub fn items_from(&self, from: &Path) -> Vec<CarriedItem> {
        let item = |text: &String, private| CarriedItem {
            from: from.to_path_buf(),
            text: text.clone(),
            private,
        };
        self.items
            .iter()
            .map(|t| item(t, false))
            .chain(self.private_items.iter().map(|t| item(t, true)))
            .collect()
    }
}

/// One follow-up on its way to the new note, and the note it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarriedItem {
    /// The earlier note it is open in, relative to the notebook.
    pub from: PathBuf,
    /// The new note's copy: `- [ ] text (from DATE)` with its other lines
    /// after it (no final line break).
    pub text: String,
    /// Whether it stood in a private section: then it goes into the new
    /// note's private section.
    pub private: bool,
}

/// What the earlier notes hand on to the new one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Handover {
    /// The items the new note gets, oldest note first.
    pub items: Vec<CarriedItem>,
    /// How many open items they hold (sub-items included).
    pub open: usize,
    /// Copies of items open in more than one note: marked `[>]` where they
    /// stood, but not written again.
    pub dropped: usize,
}

/// Joins the items carried out of several notes (each note's
/// [`CarriedOut::items_from`], oldest note first; `open` how many open
/// items they hold in all, the sum of their [`CarriedOut::open`]).
///
/// The same follow-up can be open in two notes of a person: a `new`
/// stopped between its writes, or a `[>]` turned back into `[ ]` by hand
/// (clicking the box in Obsidian does that). Every open copy is marked
/// `[>]` where it stood, but it reaches the new note once: a copy whose
/// every open task (the item and its open sub-items, known by
/// [`same_words`]) is also open in the copies kept from later notes is not
/// written, and those copies take its earlier `(from DATE)`. The latest
/// copy is the one written, with what was done on it since; a note still
/// hands on as many copies of the same words as it holds itself.
#[must_use]
pub fn hand_over(notes: Vec<Vec<CarriedItem>>, open: usize) -> Handover {
    // The open tasks of every copy: the words that name them, and where
    // their `(from DATE)` is.
    let tasks: Vec<Vec<Vec<CopyTask>>> = notes
        .iter()
        .map(|items| items.iter().map(|i| copy_tasks(&i.text)).collect())
        .collect();
    // The earliest date each task of a kept copy stands for.
    let mut earliest: HashMap<Slot, NaiveDate> = HashMap::new();
    // The open tasks of the copies kept so far (from later notes), by
    // words; each older note takes them in order, from the first it has
    // not taken yet.
    let mut pool: HashMap<&str, Taken> = HashMap::new();
    let mut keep: Vec<Vec<bool>> = notes.iter().map(|i| vec![true; i.len()]).collect();
    let mut open = open;
    let mut dropped = 0;
    for n in (0..notes.len()).rev() {
        for (k, mine) in tasks[n].iter().enumerate() {
            if mine.is_empty() {
                continue;
            }
            // Every open task of the copy must find one of its own.
            let mut wanted: HashMap<&str, usize> = HashMap::new();
            let mut chosen: Vec<Slot> = Vec::with_capacity(mine.len());
            for task in mine {
                let words = task.words.as_str();
                let Some(slot) = pool.get(words).and_then(|taken| {
                    let ahead = wanted.entry(words).or_default();
                    let slot = taken.slots.get(taken.next(n) + *ahead)?;
                    *ahead += 1;
                    Some(*slot)
                }) else {
                    break;
                };
                chosen.push(slot);
            }
            if chosen.len() < mine.len() {
                continue;
            }
            keep[n][k] = false;
            dropped += 1;
            open = open.saturating_sub(mine.len());
            for (words, count) in wanted {
                if let Some(taken) = pool.get_mut(words) {
                    taken.by = Some((n, taken.next(n) + count));
                }
            }
            for (task, slot) in mine.iter().zip(chosen) {
                if let Some(date) = task.date {
                    let e = earliest.entry(slot).or_insert(date);
                    *e = (*e).min(date);
                }
            }
        }
        // This note's kept copies stand for the copies of older notes.
        for (k, mine) in tasks[n].iter().enumerate() {
            if keep[n][k] {
                for (t, task) in mine.iter().enumerate() {
                    pool.entry(task.words.as_str())
                        .or_default()
                        .slots
                        .push((n, k, t));
                }
            }
        }
    }
    let items = notes
        .into_iter()
        .enumerate()
        .flat_map(|(n, items)| items.into_iter().enumerate().map(move |(k, i)| (n, k, i)))
        .filter(|(n, k, _)| keep[*n][*k])
        .map(|(n, k, mut item)| {
            let earlier: Vec<(&CopyTask, NaiveDate)> = tasks[n][k]
                .iter()
                .enumerate()
                .filter_map(|(t, task)| {
                    let date = *earliest.get(&(n, k, t))?;
                    (task.date.is_none_or(|d| date < d)).then_some((task, date))
                })
                .collect();
            if !earlier.is_empty() {
                item.text = with_dates(&item.text, &earlier);
            }
            item
        })
        .collect();
    Handover {
        items,
        open,
        dropped,
    }
}

/// A task of a copy: (note, copy, task), in [`hand_over`].
type Slot = (usize, usize, usize);

/// The open tasks of the kept copies with the same words, and how many of
/// them the note taking them last has taken.
#[derive(Debug, Default)]
struct Taken {
    slots: Vec<Slot>,
    by: Option<(usize, usize)>,
}

impl Taken {
    /// The first slot note `n` has not taken.
    fn next(&self, n: usize) -> usize {
        match self.by {
            Some((by, taken)) if by == n => taken,
            _ => 0,
        }
    }
}

/// An open task in a copy for the new note.
#[derive(Debug)]
struct CopyTask {
    /// Its words, as [`same_words`] gives them.
    words: String,
    /// Its `(from DATE)`.
    date: Option<NaiveDate>,
    /// The 0-based line of the copy its text is on.
    line: usize,
}

/// The open tasks of a copy (`- [ ] text (from DATE)` and its lines).
fn copy_tasks(copy: &str) -> Vec<CopyTask> {
    task::tasks(&Note::split(copy))
        .into_iter()
        .filter(Task::is_open)
        .map(|t| CopyTask {
            words: same_words(&t.text),
            date: origin(&t.text),
            line: text_line(copy, &t) - 1,
        })
        .collect()
}

/// The copy with the `(from DATE)` of some of its tasks set to an earlier
/// date.
fn with_dates(copy: &str, dates: &[(&CopyTask, NaiveDate)]) -> String {
    let mut lines: Vec<String> = copy.split('\n').map(str::to_string).collect();
    for (task, date) in dates {
        let Some(line) = lines.get_mut(task.line) else {
            continue;
        };
        *line = match task.date {
            Some(old) => line.replacen(&format!("(from {old})"), &format!("(from {date})"), 1),
            None => with_origin(line, *date),
        };
    }
    lines.join("\n")
}

/// The words that make two follow-ups the same item: the text with its
/// `(from DATE)` set aside, blanks folded, in lower case.
#[must_use]
pub fn same_words(text: &str) -> String {
    let without;
    // Most items have no `(`: no `(from DATE)` to look for.
    let from = memchr::memchr(b'(', text.as_bytes()).and_then(|_| origin(text));
    let text = match from {
        Some(date) => {
            without = text
                .replace(&format!(" (from {date})"), "")
                .replace(&format!("(from {date})"), "");
            &without
        }
        None => text,
    };
    // One pass, one allocation (keys are made of every item of a
    // notebook); lowercasing word by word is lowercasing the whole, as
    // no case mapping makes or takes a blank. ASCII: the bytes will do.
    // Its blanks for `split_whitespace` are these six (a vertical tab
    // among them, which `split_ascii_whitespace` would keep).
    if text.is_ascii() {
        let mut bytes = Vec::with_capacity(text.len());
        let mut blank = false;
        for &b in text.as_bytes() {
            if matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
                blank = true;
                continue;
            }
            if blank && !bytes.is_empty() {
                bytes.push(b' ');
            }
            blank = false;
            bytes.push(b.to_ascii_lowercase());
        }
        // Only ASCII bytes were pushed.
        return String::from_utf8(bytes).unwrap_or_default();
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word.to_lowercase());
    }
    out
}

/// Marks every open item of a note as carried and returns the items the
/// new note gets for them; `date` is the note's meeting date, `private`
/// the byte ranges of the note's private sections. `None` when the note
/// has no open item.
#[must_use]
pub fn carry_out(
    text: &str,
    date: Option<NaiveDate>,
    private: &[Range<usize>],
) -> Option<CarriedOut> {
    let note = Note::split(text);
    let open: Vec<Task> = task::tasks(&note)
        .into_iter()
        .filter(Task::is_open)
        .collect();
    if open.is_empty() {
        return None;
    }
    let own = own_items(&task::item_ranges(&note), &open);
    let ranges: Vec<Range<usize>> = own.iter().map(|o| o.range.clone()).collect();
    let outermost = outermost(&ranges);
    let mut bytes = text.as_bytes().to_vec();
    for task in &open {
        bytes[task.checkbox] = CARRIED_MARK;
    }
    let mut carried_items = Vec::new();
    let mut private_items = Vec::new();
    for &i in &outermost {
        // The open tasks inside it travel with it: the ones after it in
        // file order, up to the first beyond its end.
        let end = (i..open.len())
            .find(|&j| !ranges[i].contains(&open[j].checkbox))
            .unwrap_or(open.len());
        let item = carried_item(text, &open, i..end, &own, date);
        // An item with any private part (a private `<details>` among its
        // lines) goes whole to the private section.
        if crate::share::private::touches(private, &ranges[i]) {
            private_items.push(item);
        } else {
            carried_items.push(item);
        }
    }
    // Only ASCII blanks became ASCII '>': still UTF-8.
    let text = String::from_utf8(bytes).ok()?;
    Some(CarriedOut {
        text,
        items: carried_items,
        private_items,
        open: open.len(),
    })
}

/// The `(from DATE)` each open task has, looked for where [`carry_out`]
/// looks before adding one: in the task's own part of its item (its
/// lines before its first sub-item); `None` for an item written where it
/// stands. `open` in file order.
#[must_use]
pub fn explicit_origins(note: &Note<'_>, open: &[Task]) -> Vec<Option<NaiveDate>> {
    if open.is_empty() {
        return Vec::new();
    }
    own_items(&task::item_ranges(note), open)
        .iter()
        .zip(open)
        .map(|(own, t)| origin(own.words(note.text, t)))
        .collect()
}

/// A task's own list item.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Own {
    /// The item's bytes, sub-items included.
    range: Range<usize>,
    /// Where its first sub-item starts (else the item's end): what comes
    /// before is the task's own.
    own_end: usize,
}

impl Own {
    /// The task's own words: from its checkbox to its first sub-item.
    fn words<'t>(&self, text: &'t str, task: &Task) -> &'t str {
        text.get(task.checkbox..self.own_end.max(task.checkbox))
            .unwrap_or_default()
    }
}

/// Each task's own item: the innermost of `items` (list items in file
/// order, as the parser gives them: nested or apart, never crossing)
/// holding its checkbox. One walk with a stack of the items around the
/// current task, so a note of many thousand items costs no more than
/// reading it.
fn own_items(items: &[Range<usize>], tasks: &[Task]) -> Vec<Own> {
    let mut around: Vec<usize> = Vec::new();
    let mut next = 0;
    tasks
        .iter()
        .map(|t| {
            while let Some(item) = items.get(next).filter(|r| r.start <= t.checkbox) {
                while around.last().is_some_and(|&a| items[a].end <= item.start) {
                    around.pop();
                }
                around.push(next);
                next += 1;
            }
            while around.last().is_some_and(|&a| items[a].end <= t.checkbox) {
                around.pop();
            }
            match around.last().filter(|&&a| items[a].contains(&t.checkbox)) {
                Some(&a) => {
                    let range = items[a].clone();
                    // The next item in file order, if it starts inside
                    // this one, is its first sub-item.
                    let own_end = items
                        .get(a + 1)
                        .filter(|n| n.start < range.end)
                        .map_or(range.end, |n| n.start);
                    Own { range, own_end }
                }
                None => Own {
                    range: t.checkbox..t.checkbox + 1,
                    own_end: t.checkbox + 1,
                },
            }
        })
        .collect()
}

/// The indices of the ranges that lie inside no other (larger) one: only
/// those items travel, the ones inside them go along. Sorted by start,
/// longest first, a range lies inside an earlier one exactly when one of
/// those reaches at least as far.
fn outermost(ranges: &[Range<usize>]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..ranges.len()).collect();
    order.sort_by_key(|&i| (ranges[i].start, std::cmp::Reverse(ranges[i].end)));
    let mut keep = vec![false; ranges.len()];
    // The farthest end among the ranges sorted before the current run of
    // equal ones (an equal range does not hold another), and that run's.
    let mut reach = 0;
    let mut run_end = 0;
    let mut previous: Option<&Range<usize>> = None;
    for &i in &order {
        let r = &ranges[i];
        if previous != Some(r) {
            reach = reach.max(run_end);
            run_end = r.end;
            previous = Some(r);
        }
        keep[i] = reach < r.end;
    }
    (0..ranges.len()).filter(|&i| keep[i]).collect()
}

/// The 1-based line a task's text is on: its checkbox's, or the next one
/// when the checkbox ends its line (as [`Task::text`] reads it).
fn text_line(text: &str, task: &Task) -> usize {
    let rest = text.get(task.checkbox + 2..).unwrap_or_default();
    let first = rest.split('\n').next().unwrap_or_default();
    task.line + usize::from(first.trim().is_empty())
}

/// The new note's copy of one item, `open[tasks.start]`, with the open
/// tasks inside it (`tasks`, `own` their items): `- [ ] ` and the rest of
/// its first line, then its other lines re-indented under the new `- `
/// marker. Each open task's text line gets its `(from DATE)`: the one its
/// own lines hold (moved to that line if it stood on a later one), else
/// `date`.
fn carried_item(
    text: &str,
    open: &[Task],
    tasks: Range<usize>,
    own: &[Own],
    date: Option<NaiveDate>,
) -> String {
    let task = &open[tasks.start];
    let range = &own[tasks.start].range;
    let line_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    // What stands before the item on its first line: quote markers, and
    // the markers of the list items it is the first thing in.
    let prefix = &text[line_start..range.start];
    let quotes = prefix.matches('>').count();
    // The item's content starts at its checkbox's `[`.
    let content_col = columns(&text[line_start..task.checkbox - 1], 0);
    let after_box = (task.checkbox + 2).min(text.len());
    let block = &text[after_box..range.end];
    let mut lines: Vec<String> = Vec::new();
    for (n, line) in block.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if n == 0 {
            lines.push(format!("- [ ] {}", line.trim()));
            continue;
        }
        lines.push(reindented(line, quotes, content_col));
    }
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    // Lines left empty by a date moved up, dropped at the end.
    let mut gone = vec![false; lines.len()];
    for j in tasks {
        let t = &open[j];
        let Some(at) = text_line(text, t).checked_sub(task.line) else {
            continue;
        };
        if at >= lines.len() {
            continue;
        }
        let words = own[j].words(text, t);
        let Some((found, origin)) = origin_at(words)
            .map(|(o, d)| (Some(o), d))
            .or(date.map(|d| (None, d)))
        else {
            continue;
        };
        if let Some(offset) = found {
            let box_line = t.line - task.line;
            let written = box_line + crate::note::count_newlines(&words.as_bytes()[..offset]);
            if written == at {
                continue;
            }
            // A copy made before the date went on the first line.
            let Some(old) = lines.get_mut(written) else {
                continue;
            };
            let note = format!(" (from {origin})");
            let note = if old.contains(&note) {
                note.as_str()
            } else {
                &note[1..]
            };
            *old = old.replacen(note, "", 1);
            if old.trim().is_empty() {
                gone[written] = true;
            }
        }
        lines[at] = with_origin(&lines[at], origin);
    }
    lines
        .into_iter()
        .zip(gone)
        .filter_map(|(l, gone)| (!gone).then_some(l))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A continuation line of a carried item, under the copy's `- ` marker:
/// the item's `quotes` quote markers taken off, and its indent beyond the
/// item's `content_col` kept, in spaces (columns counted as the parser
/// counts them, a tab to the next multiple of 4). A line indented less (a
/// lazy continuation) loses only its quote markers.
fn reindented(line: &str, quotes: usize, content_col: usize) -> String {
    let mut rest = line;
    let mut col = 0;
    for _ in 0..quotes {
        let marker = rest.trim_start_matches(' ');
        let blanks = rest.len() - marker.len();
        let Some(after) = marker.strip_prefix('>').filter(|_| blanks <= 3) else {
            break;
        };
        col += blanks + 1;
        rest = after;
        // The blank after the marker is part of it.
        if let Some(after) = rest.strip_prefix(' ') {
            col += 1;
            rest = after;
        }
    }
    let words = rest.trim_start_matches([' ', '\t']);
    if words.is_empty() {
        return String::new();
    }
    let indent = columns(&rest[..rest.len() - words.len()], col);
    match indent.checked_sub(content_col) {
        Some(more) => format!("  {}{words}", " ".repeat(more)),
        None => rest.to_string(),
    }
}

/// The column `text` ends at, starting at column `start`, with tabs to
/// the next multiple of 4.
fn columns(text: &str, start: usize) -> usize {
    text.chars().fold(start, |col, c| {
        if c == '\t' {
            col + 4 - col % 4
        } else {
            col + 1
        }
    })
}

/// What Obsidian Tasks reads only at the end of a line (due, scheduled,
/// start, created, done and cancelled dates, recurrence, priority, ids),
/// and todo.txt's `due:`.
const END_SIGNS: &[&str] = &[
    "📅", "due:", "⏳", "🛫", "➕", "✅", "❌", "🔁", "⏫", "🔼", "🔽", "⏬", "🔺", "🆔", "⛔",
];

/// `line (from DATE)`, the note put before the first of the
/// [`END_SIGNS`] after a blank.
fn with_origin(line: &str, date: NaiveDate) -> String {
    let sign = END_SIGNS
        .iter()
        .filter_map(|s| {
            line.match_indices(s)
                .map(|(at, _)| at)
                .find(|&at| line[..at].ends_with([' ', '\t']))
        })
        .min();
    match sign {
        Some(at) => {
            let before = line[..at].trim_end_matches([' ', '\t']);
            format!("{before} (from {date}){}", &line[before.len()..])
        }
        None => format!("{line} (from {date})"),
    }
}

/// The date of a `(from YYYY-MM-DD)` in the text.
#[must_use]
pub fn origin(text: &str) -> Option<NaiveDate> {
    origin_at(text).map(|(_, d)| d)
}

/// The first `(from YYYY-MM-DD)` in the text: its offset and date.
fn origin_at(text: &str) -> Option<(usize, NaiveDate)> {
    text.match_indices("(from ").find_map(|(at, _)| {
        let rest = &text[at + "(from ".len()..];
        let date = rest.get(..10)?;
        rest[10..]
            .starts_with(')')
            .then(|| parse_date_prefix(date))
            .flatten()
            .map(|d| (at, d))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one pass over ASCII gives what the words split and lowercased
    /// give, whatever the blanks.
    #[test]
    fn same_words_of_ascii_is_that_of_the_words() {
        let by_words = |text: &str| {
            text.split_whitespace()
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
                .join(" ")
        };
        for text in [
            "",
            " ",
            "Call Bob",
            "  Call\tBob \n",
            "a\u{b}b",
            "a\u{c}b\r\nC",
            "\u{b}lead and trail\u{b}",
            "MiXeD   CaSe @Alice due:2026-12-01",
            "x\u{1c}y",
        ] {
            assert_eq!(same_words(text), by_words(text), "{text:?}");
        }
    }

    fn day(s: &str) -> Option<NaiveDate> {
        parse_date_prefix(s)
    }

    #[test]
    fn marks_open_items_and_keeps_everything_else() {
        let text = "\u{feff}---\r\ndate: 2026-11-17\r\n---\r\n- [ ] one\r\n- [x] done\r\n```\r\n- [ ] code\r\n```\r\n> - [ ] quoted\r\n- [ ] \r\n";
        let out = carry_out(text, day("2026-11-17"), &[]).unwrap();
        assert_eq!(
            out.text,
            "\u{feff}---\r\ndate: 2026-11-17\r\n---\r\n- [>] one\r\n- [x] done\r\n```\r\n- [ ] code\r\n```\r\n> - [>] quoted\r\n- [ ] \r\n"
        );
        assert_eq!(
            out.items,
            [
                "- [ ] one (from 2026-11-17)",
                "- [ ] quoted (from 2026-11-17)"
            ]
        );
        assert_eq!(out.open, 2);
        assert_eq!(carry_out("- [x] all done\n", day("2026-11-17"), &[]), None);
    }

    #[test]
    fn the_whole_item_travels_with_its_sub_items_dated_on_their_first_lines() {
        let text = "1. [ ] Send the budget doc to\n   finance by *Friday\n   noon* due:2026-12-01\n\n   - [ ] ask Priya 📅 2026-11-20\n   - [x] booked\n2. [x] parent done\n   - [ ] orphan child\n     - [ ] grandchild (from 2026-11-01)\n";
        let out = carry_out(text, day("2026-11-17"), &[]).unwrap();
        assert_eq!(
            out.text,
            "1. [>] Send the budget doc to\n   finance by *Friday\n   noon* due:2026-12-01\n\n   - [>] ask Priya 📅 2026-11-20\n   - [x] booked\n2. [x] parent done\n   - [>] orphan child\n     - [>] grandchild (from 2026-11-01)\n"
        );
        assert_eq!(
            out.items,
            [
                "- [ ] Send the budget doc to (from 2026-11-17)\n  finance by *Friday\n  noon* due:2026-12-01\n\n  - [ ] ask Priya (from 2026-11-17) 📅 2026-11-20\n  - [x] booked",
                "- [ ] orphan child (from 2026-11-17)\n  - [ ] grandchild (from 2026-11-01)"
            ]
        );
        assert_eq!(out.open, 4);
    }

    #[test]
    fn a_quoted_crlf_item_travels_unquoted_and_a_date_written_below_moves_up() {
        // As the carry before issue 12 wrote it: the date at the end of
        // the first paragraph.
        let text = "> - [ ] Book the venue\r\n>   for forty (from 2026-10-01)\r\n>\r\n>   - [ ]\r\n>     call them\r\n";
        let out = carry_out(text, day("2026-11-17"), &[]).unwrap();
        assert_eq!(
            out.text,
            "> - [>] Book the venue\r\n>   for forty (from 2026-10-01)\r\n>\r\n>   - [>]\r\n>     call them\r\n"
        );
        assert_eq!(
            out.items,
            [
                "- [ ] Book the venue (from 2026-10-01)\n  for forty\n\n  - [ ]\n    call them (from 2026-11-17)"
            ]
        );
    }

    #[test]
    fn tab_indents_are_counted_in_columns() {
        // Obsidian indents with tabs; a `1. ` item's lines sit 3 columns in.
        let text = "- [ ] parent\n\tmore\n\t- [ ] child\n\t\tdeeper\n1. [ ] ```\n\t  - [ ] sub\n";
        let out = carry_out(text, day("2026-11-17"), &[]).unwrap();
        assert_eq!(
            out.items,
            [
                // A tab is 4 columns, 2 beyond the content: kept.
                "- [ ] parent (from 2026-11-17)\n    more\n    - [ ] child (from 2026-11-17)\n        deeper",
                "- [ ] ``` (from 2026-11-17)\n     - [ ] sub (from 2026-11-17)"
            ]
        );
        for item in &out.items {
            crate::invariants::check(item);
        }
        let reread: usize = out.items.iter().map(|i| copy_tasks(i).len()).sum();
        assert_eq!(reread, out.open);
    }

    #[test]
    fn the_date_goes_before_every_end_of_line_sign() {
        let d = day("2026-11-17").unwrap();
        assert_eq!(with_origin("- [ ] a", d), "- [ ] a (from 2026-11-17)");
        assert_eq!(
            with_origin("- [ ] a ⏫ 🔁 every week 📅 2026-12-01", d),
            "- [ ] a (from 2026-11-17) ⏫ 🔁 every week 📅 2026-12-01"
        );
        assert_eq!(
            with_origin("- [ ] a  due:2026-12-01", d),
            "- [ ] a (from 2026-11-17)  due:2026-12-01"
        );
        // Only a sign after a blank counts.
        assert_eq!(
            with_origin("- [ ] overdue:none", d),
            "- [ ] overdue:none (from 2026-11-17)"
        );
    }

    #[test]
    fn explicit_origins_read_only_the_tasks_own_lines() {
        let text = "- [ ] parent\n  - [ ] child (from 2026-01-05)\n- [ ] wrapped\n  line (from 2026-01-06)\n";
        let note = Note::split(text);
        let open: Vec<Task> = task::tasks(&note)
            .into_iter()
            .filter(Task::is_open)
            .collect();
        assert_eq!(
            explicit_origins(&note, &open),
            [None, day("2026-01-05"), day("2026-01-06")]
        );
    }

    #[test]
    fn private_items_stay_private() {
        let text = "- [ ] shared\n## Private\n- [ ] SECRET ask HR\n";
        let private = std::ops::Range {
            start: text.find("## Private").unwrap(),
            end: text.len(),
        };
        let out = carry_out(text, day("2026-01-05"), std::slice::from_ref(&private)).unwrap();
        assert_eq!(out.items, ["- [ ] shared (from 2026-01-05)"]);
        assert_eq!(out.private_items, ["- [ ] SECRET ask HR (from 2026-01-05)"]);
        assert_eq!(out.open, 2);
    }

    #[test]
    fn keeps_the_first_date_through_repeated_carries() {
        let out = carry_out(
            "- [ ] Send doc (from 2026-11-03) 📅 2026-12-01\n",
            day("2026-11-17"),
            &[],
        )
        .unwrap();
        assert_eq!(
            out.items,
            ["- [ ] Send doc (from 2026-11-03) 📅 2026-12-01"]
        );
        let out = carry_out("- [ ] Send doc 📅 2026-12-01\n", day("2026-11-17"), &[]).unwrap();
        assert_eq!(
            out.items,
            ["- [ ] Send doc (from 2026-11-17) 📅 2026-12-01"]
        );
        let out = carry_out("- [ ] Send doc\n", None, &[]).unwrap();
        assert_eq!(out.items, ["- [ ] Send doc"]);
        assert_eq!(origin("x (from 2026-11-03)"), day("2026-11-03"));
        assert_eq!(origin("x (from someday)"), None);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 512, failure_persistence: None, ..Default::default() })]

        /// The one-walk search finds what searching every item for every
        /// task finds.
        #[test]
        fn own_and_outermost_items_match_the_plain_search(text in crate::invariants::list_markdown()) {
            let note = Note::split(&text);
            let open: Vec<Task> = task::tasks(&note).into_iter().filter(Task::is_open).collect();
            let items = task::item_ranges(&note);
            let plain: Vec<Range<usize>> = open
                .iter()
                .map(|t| {
                    items
                        .iter()
                        .filter(|r| r.contains(&t.checkbox))
                        .min_by_key(|r| r.len())
                        .cloned()
                        .unwrap_or(t.checkbox..t.checkbox + 1)
                })
                .collect();
            let own = own_items(&items, &open);
            let ranges: Vec<Range<usize>> = own.iter().map(|o| o.range.clone()).collect();
            proptest::prop_assert_eq!(&ranges, &plain);
            // A task's own part ends where the first item inside its own
            // one starts.
            for o in &own {
                let first_inside = items
                    .iter()
                    .filter(|r| o.range.start < r.start && r.start < o.range.end)
                    .map(|r| r.start)
                    .min();
                let plain_end = if o.range.len() == 1 { o.range.end } else { first_inside.unwrap_or(o.range.end) };
                proptest::prop_assert_eq!(o.own_end, plain_end);
            }
            let plain_outermost: Vec<usize> = (0..plain.len())
                .filter(|&i| {
                    !plain.iter().enumerate().any(|(j, r)| {
                        j != i && r.start <= plain[i].start && plain[i].end <= r.end && r.len() > plain[i].len()
                    })
                })
                .collect();
            proptest::prop_assert_eq!(outermost(&ranges), plain_outermost);
        }
    }

    fn copy(from: &str, text: &str, private: bool) -> CarriedItem {
        CarriedItem {
            from: PathBuf::from(from),
            text: text.into(),
            private,
        }
    }

    #[test]
    fn hand_over_writes_an_item_open_in_two_notes_once_from_the_latest() {
        let old = "- [ ] Send doc (from 2026-01-05)\n  - [ ] ask Priya (from 2026-01-05)";
        // Changed since: a sub-item ticked, one added, a line written.
        let new = "- [ ] send  the doc (from 2026-01-12)\n  more words\n  - [x] ask Priya\n  - [ ] and Bob (from 2026-01-12)";
        let handover = hand_over(
            vec![
                vec![
                    copy(
                        "a/2026-01-05.md",
                        "- [ ] Send the doc (from 2026-01-05)",
                        false,
                    ),
                    copy("a/2026-01-05.md", "- [ ] Ask HR (from 2026-01-05)", true),
                    copy(
                        "a/2026-01-05.md",
                        "- [ ] same words (from 2026-01-05)",
                        false,
                    ),
                    copy(
                        "a/2026-01-05.md",
                        "- [ ] same words (from 2026-01-05)",
                        false,
                    ),
                    copy("a/2026-01-05.md", old, false),
                ],
                vec![
                    copy("a/2026-01-12.md", new, false),
                    copy("a/2026-01-12.md", "- [ ] Ask HR (from 2026-01-12)", true),
                    copy(
                        "a/2026-01-12.md",
                        "- [ ] same words (from 2026-01-12)",
                        false,
                    ),
                ],
            ],
            11,
        );
        assert_eq!(
            handover.items,
            [
                // A note hands on as many copies of the same words as it
                // holds itself.
                copy(
                    "a/2026-01-05.md",
                    "- [ ] same words (from 2026-01-05)",
                    false
                ),
                // Its open sub-item is open in no later copy.
                copy("a/2026-01-05.md", old, false),
                copy(
                    "a/2026-01-12.md",
                    "- [ ] send  the doc (from 2026-01-05)\n  more words\n  - [x] ask Priya\n  - [ ] and Bob (from 2026-01-12)",
                    false
                ),
                copy("a/2026-01-12.md", "- [ ] Ask HR (from 2026-01-05)", true),
                copy(
                    "a/2026-01-12.md",
                    "- [ ] same words (from 2026-01-05)",
                    false
                ),
            ]
        );
        assert_eq!(handover.dropped, 3);
        assert_eq!(handover.open, 8);
        assert_eq!(hand_over(Vec::new(), 0), Handover::default());
    }

    #[test]
    fn hand_over_drops_a_reopened_sub_item_its_later_parent_holds() {
        // A `[>]` sub-item reopened by hand travels on its own; its parent
        // carried earlier holds it already.
        let handover = hand_over(
            vec![
                vec![copy(
                    "a/2026-01-05.md",
                    "- [ ] ask Priya (from 2026-01-05)",
                    false,
                )],
                vec![copy(
                    "a/2026-01-12.md",
                    "- [ ] Send doc (from 2026-01-05)\n  - [ ] ask Priya",
                    false,
                )],
            ],
            3,
        );
        assert_eq!(
            handover.items,
            [copy(
                "a/2026-01-12.md",
                "- [ ] Send doc (from 2026-01-05)\n  - [ ] ask Priya (from 2026-01-05)",
                false
            )]
        );
        assert_eq!((handover.dropped, handover.open), (1, 2));
    }

    #[test]
    fn a_date_moved_up_keeps_the_invariants() {
        crate::invariants::check("- [ ] ab 📅 2026-01-02\n  c (from 2025-12-01)\n");
        crate::invariants::check("- [ ] a 📅 2026-01-02 (from 2025-12-01)\n");
        crate::invariants::check("> - [ ]\n>   a (from 2025-12-01)\n>   - [ ] b\n");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 256, failure_persistence: None, ..Default::default() })]

        /// Whatever the notes hold, every open task they hand on is open
        /// in a copy the new note gets, and the count `new` checks the
        /// new note against is the count of those copies.
        #[test]
        fn hand_over_loses_no_open_task(
            texts in proptest::collection::vec(crate::invariants::list_markdown(), 1..4),
            again in proptest::bool::ANY,
        ) {
            let mut per_note = Vec::new();
            let mut open = 0;
            let mut words = std::collections::BTreeSet::new();
            for (n, text) in texts.iter().enumerate() {
                let date = NaiveDate::from_ymd_opt(2026, 1, 1 + u32::try_from(n).unwrap());
                let Some(out) = carry_out(text, date, &[]) else { continue };
                let items = out.items_from(Path::new("n.md"));
                // A lazy line that reads as a list item once it stands
                // under the narrower `- [ ] `: `new` finds the count
                // changed and writes nothing; not what is tested here.
                let reread: usize = items.iter().map(|i| copy_tasks(&i.text).len()).sum();
                proptest::prop_assume!(reread == out.open);
                // A copy of the items open again in a later note, as a
                // stopped `new` or a reopened `[>]` leaves them.
                if again {
                    per_note.push(items.clone());
                    open += out.open;
                }
                words.extend(items.iter().flat_map(|i| copy_tasks(&i.text)).map(|t| t.words));
                per_note.push(items);
                open += out.open;
            }
            let handover = hand_over(per_note, open);
            let kept: Vec<String> = handover
                .items
                .iter()
                .flat_map(|i| copy_tasks(&i.text))
                .map(|t| t.words)
                .collect();
            proptest::prop_assert_eq!(kept.len(), handover.open);
            for w in &words {
                proptest::prop_assert!(kept.contains(w), "{:?} lost", w);
            }
        }
    }

    #[test]
    fn outermost_keeps_equal_ranges_and_drops_inner_ones() {
        assert_eq!(outermost(&[0..10, 2..5, 0..10, 12..14, 12..13]), [0, 2, 3]);
        assert_eq!(outermost(&[]), Vec::<usize>::new());
    }
}
