//! End-to-end tests of `oneonone checkin`: only its own frontmatter lines
//! change, values are checked.

use crate::Test;
use crate::fixtures::bob;

#[test]
fn checkin_changes_only_its_lines() {
    let t = Test::new();
    let before = "---\n# my notes on Bob\nperson: 'Bob'   # short for Robert\nenergy:\ntags: [a, b]\nchallenge: 2  # was hard\ndate: 2026-11-20\n---\nbody with energy: 1 in it\n";
    t.write("bob/2026-11-20.md", before);
    t.run(&[
        "checkin",
        "bob",
        "--energy",
        "4",
        "--challenge",
        "5",
        "--skill",
        "3",
    ])
    .ok()
    .stdout("bob/2026-11-20.md\n")
    .stderr("oneonone: check-in for Bob: energy 4, challenge 5, skill 3\n");
    t.file("bob/2026-11-20.md", "---\n# my notes on Bob\nperson: 'Bob'   # short for Robert\nenergy: 4\ntags: [a, b]\nchallenge: 5  # was hard\ndate: 2026-11-20\nskill: 3\n---\nbody with energy: 1 in it\n");
}

#[test]
fn checkin_picks_the_note_and_checks_its_values() {
    let t = Test::new();
    bob(&t, "2026-11-01", "", "");
    bob(&t, "2026-11-20", "", "");
    t.run(&["checkin", "bob", "-e", "2", "--date", "2026-11-01"])
        .ok();
    assert!(t.read("bob/2026-11-01.md").contains("\nenergy: 2\n"));
    assert!(!t.read("bob/2026-11-20.md").contains("energy"));
    let run = t.run(&["checkin", "bob", "--energy", "6"]).status(2);
    assert!(
        run.stderr.contains(
            "'6' for '--energy <1-5>': not a check-in value\n  hint: use a whole number from 1 to 5"
        ),
        "{}",
        run.stderr
    );
    t.run(&["checkin", "bob"]).status(2).stderr(
        "oneonone: error: give at least one of --energy, --challenge, --skill (each 1 to 5)\n",
    );
    t
        .run(&["checkin", "bob", "-e", "3", "--date", "2026-11-02"])
        .status(2).stderr("oneonone: error: Bob has no note on 2026-11-02; write one with `oneonone new bob --date 2026-11-02`\n");
}

#[test]
fn checkin_refuses_a_frontmatter_it_cannot_edit_line_by_line() {
    let t = Test::new();
    let before = "---\n{person: Bob, date: 2026-11-20, energy: 2}\n---\nbody\n";
    t.write("bob/2026-11-20.md", before);
    t.run(&["checkin", "bob", "-e", "4"]).status(2).stderr("oneonone: error: bob/2026-11-20.md: cannot set energy by changing only those lines (flow style, an anchor or a multi-line value?); edit the frontmatter by hand\n");
    t.file("bob/2026-11-20.md", before);
}
