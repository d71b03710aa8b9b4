//! The promises the note parser and its rewrites keep, as one checker that
//! panics when one is broken. The property tests below and the fuzz target
//! in `fuzz/` both run it on arbitrary text; it is not for other use.
#![doc(hidden)]

use crate::agenda;
use crate::carry;
use crate::checkin;
use crate::note::Note;
use crate::share::{Sharing, shared_copy};
use crate::task::{self, Task};

/// Checks every invariant on one text.
///
/// # Panics
/// When an invariant does not hold: that is the point.
pub fn check(text: &str) {
    let note = Note::split(text);
    // The shortcut for plain frontmatter reads what the YAML parser reads.
    let (fast, fast_error) = note.frontmatter_lenient(std::path::Path::new("n.md"));
    let (slow, slow_error) = note.frontmatter_by_yaml(std::path::Path::new("n.md"));
    assert_eq!(fast, slow, "frontmatter shortcut differs");
    assert_eq!(fast_error.is_some(), slow_error.is_some());
    let mut warned = false;
    let by_yaml =
        checkin::read_by_yaml(&note, std::path::Path::new("n.md"), &mut |_| warned = true);
    let quick = checkin::read(&note, std::path::Path::new("n.md"), &mut |_| {});
    if !warned {
        assert_eq!(quick, by_yaml, "check-in shortcut differs");
    }
    let _ = note.sections();
    let _ = task::carried(&note);
    let tasks = task::tasks(&note);
    // The fast path's pre-filter never skips a file with an open item.
    if !crate::followup::may_hold_open_item(text) {
        assert!(
            !tasks.iter().any(Task::is_open),
            "the pre-filter skipped an open item"
        );
    }
    for t in &tasks {
        toggle_changes_one_byte(text, t);
    }
    carry_keeps_every_item(text, &tasks);
    agenda_edits_only_points(text);
    checkin_sets_what_it_says(text);
    shared_copy_only_has_note_lines(text);
    private_lines_stay_out_of_the_shared_copy(text);
}

/// Toggling changes exactly one byte, the box still reads as a task in the
/// other state, and toggling back restores the text (a ticked `[X]` comes
/// back as `[x]`, `[\t]` as `[ ]`: the same state, written the one way
/// oneonone writes it).
fn toggle_changes_one_byte(text: &str, t: &Task) {
    let once = task::toggle(text, t);
    let differing = text
        .bytes()
        .zip(once.bytes())
        .filter(|(a, b)| a != b)
        .count();
    assert_eq!(differing, 1, "toggle changed {differing} bytes");
    assert_eq!(once.len(), text.len());
    let flipped = task::tasks(&Note::split(&once))
        .into_iter()
        .find(|x| x.checkbox == t.checkbox)
        .expect("the toggled item is still a task");
    assert_eq!(flipped.checked, !t.checked);
    let twice = task::toggle(&once, &flipped);
    match text.as_bytes()[t.checkbox] {
        b' ' | b'x' => assert_eq!(twice, text, "toggling twice restores"),
        // `[X]` comes back as `[x]`, a tab in a box as a space: the same
        // state, written the one way oneonone writes it.
        other => {
            let canonical = if t.checked { b'x' } else { b' ' };
            assert_eq!(twice.as_bytes()[t.checkbox], canonical, "box {other:#x}");
            assert_eq!(
                twice
                    .bytes()
                    .zip(text.bytes())
                    .filter(|(a, b)| a != b)
                    .count(),
                1
            );
        }
    }
}

/// After carrying, nothing is open in the old note, each open item changed
/// one byte, and every open item's text is in what was carried.
fn carry_keeps_every_item(text: &str, tasks: &[Task]) {
    let open: Vec<&Task> = tasks.iter().filter(|t| t.is_open()).collect();
    let Some(out) = carry::carry_out(text, chrono::NaiveDate::from_ymd_opt(2026, 1, 1), &[]) else {
        assert!(open.is_empty(), "open items but nothing carried");
        return;
    };
    assert_eq!(out.open, open.len());
    let still_open = task::tasks(&Note::split(&out.text))
        .iter()
        .filter(|t| t.is_open())
        .count();
    assert_eq!(still_open, 0, "open items left after carrying");
    let differing = text
        .bytes()
        .zip(out.text.bytes())
        .filter(|(a, b)| a != b)
        .count();
    assert_eq!(differing, open.len());
    assert_eq!(out.text.len(), text.len());
    // The copy may carry a `(from DATE)` inserted, or moved up from a
    // later line of the item; nothing else of the text changes.
    let carried = without_origins(&out.items.join("\n"));
    for t in open {
        assert!(
            carried.contains(&without_origins(&t.text)),
            "{:?} not carried",
            t.text
        );
    }
}

/// The text without any ` (from DATE)`.
fn without_origins(text: &str) -> String {
    let mut text = text.to_string();
    while let Some(date) = carry::origin(&text) {
        text = text
            .replace(&format!(" (from {date})"), "")
            .replace(&format!("(from {date})"), "");
    }
    text
}

/// Adding a point only adds; moving points only removes their items.
fn agenda_edits_only_points(text: &str) {
    let added = agenda::append(text, "probe point");
    assert!(added.starts_with(text));
    let points = agenda::open_points(text);
    let removed = agenda::remove(text, &points);
    let cut: usize = points.iter().map(|p| p.range.len()).sum();
    assert_eq!(removed.len() + cut, text.len());
    for p in &points {
        let _ = agenda::as_note_item(text, p);
    }
}

/// A check-in that is written reads back as written.
fn checkin_sets_what_it_says(text: &str) {
    if let Ok(out) = checkin::set(
        text,
        std::path::Path::new("n.md"),
        &[(checkin::Field::Energy, 4), (checkin::Field::Skill, 2)],
    ) {
        let values = checkin::read(
            &Note::split(&out),
            std::path::Path::new("n.md"),
            &mut |_| {},
        );
        assert_eq!((values.energy, values.skill), (Some(4), Some(2)), "{out:?}");
    }
}

/// Every body line of a shared copy is (part of) a line of the note: the
/// copy only leaves out, it never writes.
fn shared_copy_only_has_note_lines(text: &str) {
    let rules = Sharing::new(None, &["Listen".into()], false);
    let Ok(copy) = shared_copy(text, std::path::Path::new("n.md"), &rules) else {
        return;
    };
    // A lone `\r` ends a line too (pulldown-cmark reads it so).
    let original: Vec<&str> = text.split(['\n', '\r']).collect();
    let mut lines = copy.split(['\n', '\r']);
    let body: Vec<&str> = if Note::split(text).frontmatter.is_some() && copy.starts_with("---") {
        lines.by_ref().skip(1).find(|l| *l == "---");
        lines.collect()
    } else {
        lines.collect()
    };
    for line in body.into_iter().filter(|l| !l.is_empty()) {
        assert!(
            original.iter().any(|o| o.contains(line)),
            "{line:?} is not from the note"
        );
    }
}

/// The private ranges are sorted, apart and whole lines, and no line of
/// the shared copy is a line the note holds only inside them.
fn private_lines_stay_out_of_the_shared_copy(text: &str) {
    let rules = Sharing::new(Some("Manager only"), &["Listen".into()], false);
    let note = Note::split(text);
    let cut = crate::share::private_ranges(&note, &rules);
    let is_line_start = |at: usize| at == 0 || matches!(text.as_bytes()[at - 1], b'\n' | b'\r');
    let mut after = 0;
    for r in &cut {
        assert!(
            after <= r.start && r.start < r.end && r.end <= text.len(),
            "{cut:?}"
        );
        assert!(is_line_start(r.start), "{r:?} starts mid-line");
        assert!(
            r.end == text.len() || is_line_start(r.end),
            "{r:?} ends mid-line"
        );
        after = r.end + 1;
    }
    let Ok(copy) = shared_copy(text, std::path::Path::new("n.md"), &rules) else {
        return;
    };
    let lines = |s: &str, from: usize| -> Vec<(usize, usize)> {
        let mut spans = Vec::new();
        let mut start = from;
        for (i, b) in s.bytes().enumerate().skip(from) {
            if matches!(b, b'\n' | b'\r') {
                spans.push((start, i));
                start = i + 1;
            }
        }
        spans.push((start, s.len()));
        spans
    };
    let public: std::collections::HashSet<&str> = lines(text, note.body_start)
        .into_iter()
        .filter(|&(a, b)| !crate::share::touches(&cut, &(a..b.max(a + 1))))
        .map(|(a, b)| &text[a..b])
        .collect();
    let mut copy_lines = lines(&copy, 0);
    if note.frontmatter.is_some() && copy.starts_with("---") {
        // The frontmatter is written anew: its lines are checked elsewhere.
        if let Some(close) = copy_lines
            .iter()
            .skip(1)
            .position(|&(a, b)| &copy[a..b] == "---")
        {
            copy_lines.drain(..close + 2);
        }
    }
    for (a, b) in copy_lines {
        let line = &copy[a..b];
        assert!(
            line.is_empty() || public.contains(line),
            "{line:?} is not a public line of the note"
        );
    }
}

/// Markdown made of list pieces (markers, boxes, quotes, indents, fences,
/// headings, HTML), for property tests that compare a one-pass search with
/// the plain one.
#[cfg(test)]
pub fn list_markdown() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let piece = prop_oneof![
        Just("- "),
        Just("* "),
        Just("1. "),
        Just("2) "),
        Just("[ ] "),
        Just("[x] "),
        Just("> "),
        Just("  "),
        Just("    "),
        Just("\n"),
        Just("\r\n"),
        Just("```\n"),
        Just("---\n"),
        Just("# h\n"),
        Just("<div>\n"),
        Just("word "),
        Just("\t"),
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|p| p.concat())
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    /// Markdown made of the pieces that matter, in any order.
    fn markdown() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("- ".to_string()),
            Just("* ".to_string()),
            Just("1. ".to_string()),
            Just("2) ".to_string()),
            Just("[ ] ".to_string()),
            Just("[x] ".to_string()),
            Just("[X]".to_string()),
            Just("[\t] ".to_string()),
            Just("[>] ".to_string()),
            Just("> ".to_string()),
            Just("  ".to_string()),
            Just("    ".to_string()),
            Just("\n".to_string()),
            Just("\r\n".to_string()),
            Just("```\n".to_string()),
            Just("~~~".to_string()),
            Just("---\n".to_string()),
            Just("## Private\n".to_string()),
            Just("### \u{420}rivate\n".to_string()),
            Just("## Manager only\n".to_string()),
            Just("<details>\n".to_string()),
            Just("<summary><b>Private</b></summary>\n".to_string()),
            Just("</details>\n".to_string()),
            Just("<h2>Private</h2>".to_string()),
            Just("\r".to_string()),
            Just("# Listen\n".to_string()),
            Just("<div>\n".to_string()),
            Just("<!-- ".to_string()),
            Just("*emph*".to_string()),
            Just("`code`".to_string()),
            Just("energy: 3\n".to_string()),
            Just("person: A\n".to_string()),
            Just("tags: [a, b]\n".to_string()),
            Just("date: 2026-01-05\n".to_string()),
            Just("person: 'Q'\n".to_string()),
            Just("\u{feff}".to_string()),
            Just("📅 2026-01-02".to_string()),
            Just(" (from 2025-12-01)".to_string()),
            "[a-zé ]{1,8}",
        ];
        proptest::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn invariants_hold_on_markdown_like_text(text in markdown()) {
            super::check(&text);
        }

        #[test]
        fn invariants_hold_on_any_text(text in "\\PC{0,200}") {
            super::check(&text);
        }
    }

    #[test]
    fn invariants_hold_on_the_fuzz_corpus() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/corpus/note");
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            if let Ok(text) = std::fs::read_to_string(entry.path()) {
                super::check(&text);
            }
        }
    }
}
