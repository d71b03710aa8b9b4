//! Carry-over: the open follow-ups of a person's earlier notes move into
//! their new note, so each is open in exactly one place.
//!
//! In the old note the item becomes `- [>] text`, the bullet-journal mark
//! for a migrated task (one byte changes); in the new note it is
//! `- [ ] text (from 2026-11-17)`, and the date of the note it first came
//! from stays through later carries.

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
    /// The items for the new note, each `- [ ] text (from DATE)`.
    pub items: Vec<String>,
}

/// Marks every open item of a note as carried and returns the lines the new
/// note gets for them; `date` is the note's meeting date. `None` when the
/// note has no open item.
#[must_use]
pub fn carry_out(text: &str, date: Option<NaiveDate>) -> Option<CarriedOut> {
    let open: Vec<Task> = task::tasks(&Note::split(text))
        .into_iter()
        .filter(Task::is_open)
        .collect();
    if open.is_empty() {
        return None;
    }
    let mut bytes = text.as_bytes().to_vec();
    let mut items = Vec::with_capacity(open.len());
    for task in &open {
        debug_assert_eq!(bytes[task.checkbox], b' ');
        bytes[task.checkbox] = CARRIED_MARK;
        items.push(carried_line(&task.text, date));
    }
    // Only an ASCII space became an ASCII '>': still UTF-8.
    let text = String::from_utf8(bytes).ok()?;
    Some(CarriedOut { text, items })
}

/// `- [ ] text (from DATE)`, keeping a `(from DATE)` the text already has.
/// The note goes before a `📅 DATE` due date, which Obsidian Tasks reads
/// only at the end of the line.
#[must_use]
pub fn carried_line(text: &str, date: Option<NaiveDate>) -> String {
    match date {
        Some(date) if origin(text).is_none() => match text.find(" 📅") {
            Some(at) => format!("- [ ] {} (from {date}){}", &text[..at], &text[at..]),
            None => format!("- [ ] {text} (from {date})"),
        },
        _ => format!("- [ ] {text}"),
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
        let out = carry_out(text, day("2026-11-17")).unwrap();
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
        assert_eq!(carry_out("- [x] all done\n", day("2026-11-17")), None);
    }

    #[test]
    fn keeps_the_first_date_through_repeated_carries() {
        assert_eq!(
            carried_line("Send doc (from 2026-11-03)", day("2026-11-17")),
            "- [ ] Send doc (from 2026-11-03)"
        );
        assert_eq!(carried_line("Send doc", None), "- [ ] Send doc");
        assert_eq!(
            carried_line("Send doc 📅 2026-12-01", day("2026-11-17")),
            "- [ ] Send doc (from 2026-11-17) 📅 2026-12-01"
        );
        assert_eq!(
            carried_line(
                "Send doc (from 2026-11-03) 📅 2026-12-01",
                day("2026-11-17")
            ),
            "- [ ] Send doc (from 2026-11-03) 📅 2026-12-01"
        );
        assert_eq!(origin("x (from 2026-11-03)"), day("2026-11-03"));
        assert_eq!(origin("x (from someday)"), None);
    }
}
