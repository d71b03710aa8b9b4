//! Carry-over: the open follow-ups of a person's earlier notes move into
//! their new note, so each is open in exactly one place.
//!
//! In the old note the item becomes `- [>] text`, the bullet-journal mark
//! for a migrated task (one byte changes); in the new note it is
//! `- [ ] text (from 2026-11-17)`, and the date of the note it first came
//! from stays through later carries. The whole item travels: its wrapped
//! lines and sub-items come along (open sub-items are marked `[>]` in the
//! old note too, since their open copy is now in the new one).
//!
//! [`carry_out`] carries the items out of one note; [`hand_over`] joins
//! what several notes give, so that an item open in two of them (a `new`
//! stopped between its writes) reaches the new note once.

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

impl CarriedItem {
    /// What makes two copies the same item: the same words (with the same
    /// `(from DATE)`), in the same kind of section.
    fn key(&self) -> (bool, &str) {
        (self.private, &self.text)
    }
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
/// A `new` stopped between its writes leaves a follow-up open in two
/// notes: the note it wrote, and the earlier one not yet marked `[>]`.
/// Every open copy is marked `[>]`, but an item that comes out exactly the
/// same from several notes (same words, same `(from DATE)`) is written
/// once, from the latest note; only as many times as one note holds it.
#[must_use]
pub fn hand_over(notes: Vec<Vec<CarriedItem>>, open: usize) -> Handover {
    // How many copies of each item to write: the most one note holds.
    let mut wanted: HashMap<(bool, &str), usize> = HashMap::new();
    for items in &notes {
        let mut here: HashMap<(bool, &str), usize> = HashMap::new();
        for item in items {
            *here.entry(item.key()).or_default() += 1;
        }
        for (key, n) in here {
            let w = wanted.entry(key).or_default();
            *w = (*w).max(n);
        }
    }
    // Keep the latest copies: walk from the newest note back.
    let mut keep: Vec<Vec<bool>> = notes.iter().map(|i| vec![true; i.len()]).collect();
    let mut open = open;
    let mut dropped = 0;
    for (n, items) in notes.iter().enumerate().rev() {
        for (k, item) in items.iter().enumerate().rev() {
            let Some(left) = wanted.get_mut(&item.key()) else {
                continue;
            };
            if *left == 0 {
                keep[n][k] = false;
                dropped += 1;
                // Its open sub-items are not written either.
                let within = task::tasks(&Note::split(&item.text))
                    .iter()
                    .filter(|t| t.is_open())
                    .count();
                open = open.saturating_sub(within);
            } else {
                *left -= 1;
            }
        }
    }
    let items = notes
        .into_iter()
        .zip(keep)
        .flat_map(|(items, keep)| items.into_iter().zip(keep))
        .filter_map(|(item, keep)| keep.then_some(item))
        .collect();
    Handover {
        items,
        open,
        dropped,
    }
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
    let ranges = own_items(&task::item_ranges(&note), &open);
    let outermost = outermost(&ranges);
    let mut bytes = text.as_bytes().to_vec();
    for task in &open {
        bytes[task.checkbox] = CARRIED_MARK;
    }
    let mut carried_items = Vec::new();
    let mut private_items = Vec::new();
    for &i in &outermost {
        let item = carried_item(text, &open[i], &ranges[i], date);
        // An item with any private part (a private `<details>` among its
        // lines) goes whole to the private section.
        if crate::share::touches(private, &ranges[i]) {
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

/// The `(from DATE)` each open task's item carries, looked for where
/// [`carry_out`] looks before adding one (anywhere in the item); `None`
/// for an item written where it stands. `open` in file order.
#[must_use]
pub fn explicit_origins(note: &Note<'_>, open: &[Task]) -> Vec<Option<NaiveDate>> {
    if open.is_empty() {
        return Vec::new();
    }
    own_items(&task::item_ranges(note), open)
        .into_iter()
        .map(|r| origin(&note.text[r]))
        .collect()
}

/// Each task's own item: the innermost of `items` (list items in file
/// order, as the parser gives them: nested or apart, never crossing)
/// holding its checkbox. One walk with a stack of the items around the
/// current task, so a note of many thousand items costs no more than
/// reading it.
fn own_items(items: &[Range<usize>], tasks: &[Task]) -> Vec<Range<usize>> {
    let mut around: Vec<&Range<usize>> = Vec::new();
    let mut next = 0;
    tasks
        .iter()
        .map(|t| {
            while let Some(item) = items.get(next).filter(|r| r.start <= t.checkbox) {
                while around.last().is_some_and(|a| a.end <= item.start) {
                    around.pop();
                }
                around.push(item);
                next += 1;
            }
            while around.last().is_some_and(|a| a.end <= t.checkbox) {
                around.pop();
            }
            around
                .last()
                .filter(|r| r.contains(&t.checkbox))
                .map_or(t.checkbox..t.checkbox + 1, |r| (*r).clone())
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

/// The new note's copy of one item: `- [ ] ` and the rest of its first
/// line, then its other lines re-indented under the new `- ` marker, with
/// `(from DATE)` at the end of its first paragraph.
fn carried_item(text: &str, task: &Task, range: &Range<usize>, date: Option<NaiveDate>) -> String {
    let line_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let prefix = &text[line_start..range.start];
    // The original marker's width, up to the checkbox: `- ` 2, `10. ` 4.
    let marker_width = task.checkbox - 1 - range.start;
    let after_box = (task.checkbox + 2).min(text.len());
    let block = &text[after_box..range.end];
    let mut lines: Vec<String> = Vec::new();
    for (n, line) in block.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if n == 0 {
            lines.push(format!("- [ ] {}", line.trim()));
            continue;
        }
        let line = line.strip_prefix(prefix).unwrap_or(line);
        let indent = line.len() - line.trim_start_matches(' ').len();
        let line = if indent >= marker_width {
            format!("  {}", &line[marker_width..])
        } else {
            line.to_string()
        };
        lines.push(line);
    }
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    if let Some(date) = date
        && origin(&lines.join("\n")).is_none()
    {
        // The first paragraph ends at a blank line or a nested block.
        let last = lines
            .iter()
            .skip(1)
            .position(|l| {
                let t = l.trim_start();
                t.is_empty()
                    || t.starts_with(['-', '*', '+', '>', '`', '~'])
                    || t.starts_with(|c: char| c.is_ascii_digit())
            })
            .map_or(lines.len() - 1, |p| p);
        lines[last] = with_origin(&lines[last], date);
    }
    lines.join("\n")
}

/// `line (from DATE)`, the note put before a `📅 DATE` due date, which
/// Obsidian Tasks reads only at the end of the line.
fn with_origin(line: &str, date: NaiveDate) -> String {
    match line.find(" 📅") {
        Some(at) => format!("{} (from {date}){}", &line[..at], &line[at..]),
        None => format!("{line} (from {date})"),
    }
}

/// The date of a `(from YYYY-MM-DD)` in the text.
#[must_use]
pub fn origin(text: &str) -> Option<NaiveDate> {
    text.match_indices("(from ").find_map(|(at, _)| {
        let rest = &text[at + "(from ".len()..];
        let date = rest.get(..10)?;
        rest[10..]
            .starts_with(')')
            .then(|| parse_date_prefix(date))
            .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn the_whole_item_travels_with_its_sub_items() {
        let text = "1. [ ] Send the budget doc to\n   finance by *Friday\n   noon*\n\n   - [ ] ask Priya\n   - [x] booked\n2. [x] parent done\n   - [ ] orphan child\n";
        let out = carry_out(text, day("2026-11-17"), &[]).unwrap();
        assert_eq!(
            out.text,
            "1. [>] Send the budget doc to\n   finance by *Friday\n   noon*\n\n   - [>] ask Priya\n   - [x] booked\n2. [x] parent done\n   - [>] orphan child\n"
        );
        assert_eq!(
            out.items,
            [
                "- [ ] Send the budget doc to\n  finance by *Friday\n  noon* (from 2026-11-17)\n\n  - [ ] ask Priya\n  - [x] booked",
                "- [ ] orphan child (from 2026-11-17)"
            ]
        );
        assert_eq!(out.open, 3);
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
            let ranges = own_items(&items, &open);
            proptest::prop_assert_eq!(&ranges, &plain);
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

    #[test]
    fn hand_over_writes_an_item_open_in_two_notes_once_from_the_latest() {
        let item = |from: &str, text: &str, private| CarriedItem {
            from: PathBuf::from(from),
            text: text.into(),
            private,
        };
        let twice = "- [ ] Send doc (from 2026-01-05)\n  - [ ] ask Priya";
        let handover = hand_over(
            vec![
                vec![
                    item("a/2026-01-05.md", twice, false),
                    item("a/2026-01-05.md", "- [ ] Ask HR (from 2026-01-05)", true),
                    item("a/2026-01-05.md", "- [ ] same words", false),
                ],
                vec![
                    item("a/2026-01-12.md", twice, false),
                    item("a/2026-01-12.md", "- [ ] Ask HR (from 2026-01-05)", false),
                    item("a/2026-01-12.md", "- [ ] same words", false),
                    item("a/2026-01-12.md", "- [ ] same words", false),
                ],
            ],
            10,
        );
        assert_eq!(
            handover.items,
            [
                item("a/2026-01-05.md", "- [ ] Ask HR (from 2026-01-05)", true),
                item("a/2026-01-12.md", twice, false),
                item("a/2026-01-12.md", "- [ ] Ask HR (from 2026-01-05)", false),
                item("a/2026-01-12.md", "- [ ] same words", false),
                item("a/2026-01-12.md", "- [ ] same words", false),
            ]
        );
        assert_eq!(handover.dropped, 2);
        // The dropped copies held 2 open items and 1.
        assert_eq!(handover.open, 7);
        assert_eq!(hand_over(Vec::new(), 0), Handover::default());
    }

    #[test]
    fn outermost_keeps_equal_ranges_and_drops_inner_ones() {
        assert_eq!(outermost(&[0..10, 2..5, 0..10, 12..14, 12..13]), [0, 2, 3]);
        assert_eq!(outermost(&[]), Vec::<usize>::new());
    }
}
