//! End-to-end tests of `oneonone done`: exactly one byte changed, stale and
//! outside references refused, matching by text.

use std::fs;

use crate::fixtures::{HOSTILE, SHOWN, note};
use crate::{Test, followups_json};

#[test]
fn done_changes_exactly_one_byte_even_with_crlf_and_bom() {
    let t = Test::new();
    let original =
        "\u{feff}---\r\nperson: Bob\r\ndate: 2026-11-03\r\n---\r\n- [ ] one\r\n- [ ] two\r\n";
    t.write("bob/2026-11-03.md", original);
    t.run(&["done", "bob/2026-11-03.md:5"])
        .ok()
        .stderr("oneonone: done: bob/2026-11-03.md:5: one\n");
    let after = fs::read(t.path("bob/2026-11-03.md")).unwrap();
    let differing: Vec<usize> = original
        .bytes()
        .zip(&after)
        .enumerate()
        .filter(|(_, (a, b))| a != *b)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(after.len(), original.len());
    assert_eq!(differing.len(), 1);
    assert_eq!(after[differing[0]], b'x');
    assert_eq!(
        followups_json(&t, &[])
            .iter()
            .map(|i| i.text.as_str())
            .collect::<Vec<_>>(),
        ["two"]
    );

    // --reopen puts it back, byte for byte.
    t.run(&["done", "--reopen", "bob/2026-11-03.md:5"]).ok();
    t.file("bob/2026-11-03.md", original);
}

#[test]
fn done_refuses_stale_and_outside_references() {
    let t = Test::new();
    note(
        &t,
        "bob/2026-11-03.md",
        "Bob",
        "2026-11-03",
        "- [ ] one\n- [x] two\n",
    );
    let before = t.read("bob/2026-11-03.md");
    // A ticked item is done already (issue 14): said so, nothing written.
    t.run(&["done", "bob/2026-11-03.md:7"])
        .ok()
        .stderr("oneonone: already done: bob/2026-11-03.md:7: two\n");
    let run = t.run(&["done", "bob/2026-11-03.md:2"]).status(2);
    assert_eq!(
        run.stderr,
        "oneonone: error: bob/2026-11-03.md:2: no open follow-up on this line\n  hint: the note may have changed since it was listed\n  hint: run `oneonone followups` again\n"
    );
    let run = t
        .run(&["done", "bob/2026-11-03.md:6", "bob/2026-11-03.md:1"])
        .status(2);
    assert!(
        run.stderr
            .contains("bob/2026-11-03.md:1: no open follow-up"),
        "{}",
        run.stderr
    );
    assert_eq!(t.read("bob/2026-11-03.md"), before, "all or nothing");

    let outside = tempfile::NamedTempFile::new().unwrap();
    fs::write(outside.path(), "- [ ] not in the notebook\n").unwrap();
    let reference = format!("{}:1", outside.path().display());
    t.run(&["done", &reference]).status(2).stderr(format!(
            "oneonone: error: {reference}: not a note in the notebook\n  hint: oneonone only edits the notes it lists\n"
        ));
    let run = t.run(&["done", "bob/2026-11-03.md"]).status(2);
    assert!(
        run.stderr.contains("not a `path:line` reference"),
        "{}",
        run.stderr
    );
}

#[test]
fn done_by_text_needs_exactly_one_match() {
    let t = Test::new();
    note(
        &t,
        "alice/2026-11-03.md",
        "Alice",
        "2026-11-03",
        "- [ ] Send the promo doc\n- [ ] Send the budget\n",
    );
    note(
        &t,
        "bob/2026-11-03.md",
        "Bob",
        "2026-11-03",
        "- [ ] Send the promo doc to Bob\n",
    );
    t.run(&["done", "--match", "promo"]).status(2).stderr("oneonone: error: 2 open follow-ups match \"promo\"; give more of the text, --person, or a path:line:\n  \
         alice/2026-11-03.md:6: Send the promo doc\n  bob/2026-11-03.md:6: Send the promo doc to Bob\n");
    t.run(&["done", "--match", "PROMO", "--person", "bob"])
        .ok()
        .stderr("oneonone: done: bob/2026-11-03.md:6: Send the promo doc to Bob\n");
    t.run(&["done", "-m", "nothing like it"])
        .status(2)
        .stderr("oneonone: error: no open follow-up matches \"nothing like it\"\n");
    let left: Vec<String> = followups_json(&t, &[])
        .into_iter()
        .map(|i| i.text)
        .collect();
    assert_eq!(left, ["Send the promo doc", "Send the budget"]);
}

#[test]
fn done_edits_only_notes_it_lists() {
    let t = Test::new();
    t.write("question-bank/readme.md", "- [ ] not a follow-up\n");
    t.write("bob/todo.txt", "- [ ] not markdown\n");
    for reference in ["question-bank/readme.md:1", "bob/todo.txt:1"] {
        t.run(&["done", reference]).status(2).stderr(format!(
                "oneonone: error: {reference}: not a note in the notebook\n  hint: oneonone only edits the notes it lists\n"
            ));
    }
    t.file("question-bank/readme.md", "- [ ] not a follow-up\n");
}

#[test]
fn issue9_done_shows_a_hostile_file_name_escaped() {
    let t = Test::new();
    let name = format!("alice/x{HOSTILE}.md");
    t.write(&name, "- [ ] Call Bob\n");
    t.run(&["done", &format!("{name}:1")])
        .ok()
        .stderr(format!("oneonone: done: alice/x{SHOWN}.md:1: Call Bob\n"));
    assert_eq!(t.read(&name), "- [x] Call Bob\n");
    // Several matches list their files in the error, escaped too.
    t.write(&name, "- [ ] Call Bob\n- [ ] Call Bob again\n");
    t.run(&["done", "--match", "call bob"]).status(2).stderr(format!(
            "oneonone: error: 2 open follow-ups match \"call bob\"; give more of the text, --person, or a path:line:\n  alice/x{SHOWN}.md:1: Call Bob\n  alice/x{SHOWN}.md:2: Call Bob again\n"
        ));
}

#[test]
fn issue14_a_text_that_matches_nothing_is_quoted_as_typed() {
    let t = Test::new();
    t.write("alice/2026-11-10.md", "- [ ] Book the room\n");
    t.run(&["done", "--match", "zzz Jose\u{301}"])
        .status(2)
        .stderr("oneonone: error: no open follow-up matches \"zzz Jose\u{301}\"\n");
    // An invisible character is shown as an escape, so the message says
    // which one.
    t.run(&["done", "--match", "zzz\u{202e}x"])
        .status(2)
        .stderr("oneonone: error: no open follow-up matches \"zzz\\u{202e}x\"\n");
}
