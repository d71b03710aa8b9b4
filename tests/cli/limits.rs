//! Large and hostile input (issue 9, items 7 and 13). Inputs that once ran
//! for minutes get exactly the right answer (at sizes that keep a
//! quadratic regression visible in a debug build, without slowing the
//! suite: benches/hostile.sh times the full sizes); YAML nested too deep
//! or too large is refused, naming the file; and what a `new` killed
//! between its writes leaves behind is carried once and reported by
//! `check`.

use std::fmt::Write as _;

use serde_json::Value;

use crate::Test;

/// `check --json` read back as (path, line, kind, problem).
fn check(t: &Test, status: i32) -> Vec<(String, Option<u64>, String, String)> {
    let run = t.run(&["check", "--json"]).status(status);
    let problems: Vec<Value> = serde_json::from_str(&run.stdout).unwrap();
    problems
        .iter()
        .map(|p| {
            (
                p["path"].as_str().unwrap().to_string(),
                p["line"].as_u64(),
                p["kind"].as_str().unwrap().to_string(),
                p["problem"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn owned(
    problems: &[(&str, Option<u64>, &str, &str)],
) -> Vec<(String, Option<u64>, String, String)> {
    problems
        .iter()
        .map(|(p, l, k, m)| ((*p).to_string(), *l, (*k).to_string(), (*m).to_string()))
        .collect()
}

/// The text of the note's `## name` section, up to the next `## `.
fn section<'a>(note: &'a str, name: &str) -> &'a str {
    let start = note
        .find(&format!("## {name}\n"))
        .unwrap_or_else(|| panic!("no {name} in\n{note}"));
    let body = &note[start..];
    let end = body[3..].find("\n## ").map_or(body.len(), |i| i + 4);
    &body[..end]
}

const NOTE_HEAD: &str = "---\nperson: Alice\ndate: 2026-01-05\n---\n";

// ------------------------------------------------------------ item 7

#[test]
fn issue9_yaml_nested_too_deep_is_refused_naming_the_file() {
    // The YAML parser pays the depth for every token: a line of `[` took
    // seconds. 100 levels is refused before the parser sees it.
    let deep = format!("{}1{}", "[".repeat(100), "]".repeat(100));
    let refused = "YAML nested more than 64 levels deep; oneonone does not read it";

    let t = Test::new();
    t.write("oneonone.yaml", format!("manager: Sam\nx: {deep}\n"));
    let run = t.run(&["people"]).status(2);
    assert_eq!(
        run.stderr,
        format!("oneonone: error: oneonone.yaml:2: {refused}\n")
    );

    let t = Test::new();
    t.write(
        "question-bank/mine.yaml",
        format!("questions:\n  listen: {deep}\n"),
    );
    let run = t.run(&["new", "alice", "--date", "2026-02-02"]).status(2);
    assert_eq!(
        run.stderr,
        format!("oneonone: error: question-bank/mine.yaml:2: {refused}\n")
    );
    assert_eq!(t.files(), ["question-bank/mine.yaml"]);

    let t = Test::new();
    t.write(
        "alice/person.yaml",
        format!("name: Alice\nrole:\n  - {deep}\n"),
    );
    t.write("alice/2026-01-05.md", format!("{NOTE_HEAD}- [ ] hi\n"));
    let run = t.run(&["people", "--json"]).status(2);
    assert_eq!(
        run.stderr,
        format!("oneonone: warning: alice/person.yaml:3: {refused}\n")
    );

    // A note's frontmatter: its follow-ups still count; `check` says why.
    let t = Test::new();
    t.write(
        "alice/2026-01-05.md",
        format!("---\nperson: Alice\nx: {deep}\n---\n- [ ] still listed\n"),
    );
    let run = t.run(&["followups", "--json"]).status(2);
    let items: Vec<Value> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["text"], "still listed");
    assert_eq!(
        run.stderr,
        format!("oneonone: warning: alice/2026-01-05.md:3: {refused}\n")
    );
    assert_eq!(
        check(&t, 1),
        owned(&[("alice/2026-01-05.md", Some(3), "frontmatter", refused)])
    );
}

#[test]
fn issue9_frontmatter_over_64_kib_is_refused() {
    // An 80 KB line of `[` (seconds in every command that read it), and
    // 70 KB of plain keys: both larger than a note's frontmatter may be.
    for yaml in [
        format!("x: {}\n", "[".repeat(80_000)),
        (0..7000).map(|i| format!("k{i:05}: v\n")).collect(),
    ] {
        let t = Test::new();
        let kib = (yaml.len() + "person: Alice\n".len()).div_ceil(1024);
        t.write(
            "alice/2026-01-05.md",
            format!("---\nperson: Alice\n{yaml}---\n- [ ] still listed\n"),
        );
        let run = t.run(&["followups", "--json"]).status(2);
        let items: Vec<Value> = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0]["text"], "still listed");
        assert_eq!(
            run.stderr,
            format!(
                "oneonone: warning: alice/2026-01-05.md:2: {kib} KiB of YAML; oneonone reads at most 64 KiB here\n"
            )
        );
    }
}

#[test]
fn issue9_check_on_a_large_agenda_reports_exactly_the_stuck_items() {
    // Was cubic: the agenda was parsed again for every item in it.
    let t = Test::new();
    let mut agenda = String::from("# Agenda: Alice\n\n");
    for i in 1..=2000 {
        let _ = write!(agenda, "- [ ] point {i}\n  - [ ] sub {i}\n");
    }
    // Line 4003 is done; its open sub-item (4004) and the quoted item
    // (4006) never move: those two are the problems.
    agenda.push_str("- [x] done\n  - [ ] orphan\n\n> - [ ] quoted\n");
    t.write("alice/agenda.md", &agenda);
    let stuck = "an open item that is not a top-level point (nested under a done one, or quoted); `new` will never move it";
    assert_eq!(
        check(&t, 1),
        owned(&[
            ("alice/agenda.md", Some(4004), "agenda", stuck),
            ("alice/agenda.md", Some(4006), "agenda", stuck),
        ])
    );
}

#[test]
fn issue9_new_moves_every_point_of_a_large_agenda() {
    // Was quadratic: each point was cut out of a fresh parse of the file.
    let t = Test::new();
    let mut agenda = String::from("# Agenda: Alice\n\n");
    let mut expected = String::from("## Agenda\n\n");
    for i in 1..=4000 {
        if i % 1000 == 0 {
            let _ = write!(agenda, "- [ ] point {i}\n  more of {i}\n  - [ ] sub {i}\n");
            let _ = write!(expected, "- point {i}\n  more of {i}\n  - sub {i}\n");
        } else {
            let _ = writeln!(agenda, "- [ ] point {i}");
            let _ = writeln!(expected, "- point {i}");
        }
    }
    expected.push('\n');
    agenda.push_str("- [x] done already\n");
    t.write("alice/agenda.md", &agenda);
    let run = t
        .run(&["new", "alice", "--date", "2026-02-02", "--seed", "1"])
        .ok();
    assert_eq!(
        run.stderr,
        "oneonone: created the 2026-02-02 note for alice (Listen, Learn, Lift); 4000 agenda points\n"
    );
    assert_eq!(
        t.read("alice/agenda.md"),
        "# Agenda: Alice\n\n- [x] done already\n"
    );
    assert_eq!(section(&t.read("alice/2026-02-02.md"), "Agenda"), expected);
}

#[test]
fn issue9_new_carries_every_item_of_a_large_note() {
    // Was quadratic in the items of one note.
    let t = Test::new();
    let mut note = format!("{NOTE_HEAD}## Follow-ups\n\n");
    let mut expected = String::from("## Follow-ups\n\n");
    for i in 1..=20_000 {
        let _ = writeln!(note, "- [ ] item {i}");
        let _ = writeln!(expected, "- [ ] item {i} (from 2026-01-05)");
    }
    expected.push_str("- [ ] \n\n");
    t.write("alice/2026-01-05.md", &note);
    let run = t
        .run(&["new", "alice", "--date", "2026-02-02", "--seed", "1"])
        .ok();
    assert_eq!(
        run.stderr,
        "oneonone: created the 2026-02-02 note for Alice (Listen, Learn, Lift); 20000 follow-ups carried over\n"
    );
    assert_eq!(
        t.read("alice/2026-01-05.md"),
        note.replace("- [ ]", "- [>]")
    );
    assert_eq!(
        section(&t.read("alice/2026-02-02.md"), "Follow-ups"),
        expected
    );
}

// ----------------------------------------------------------- item 13

/// The state a `new` killed between its writes leaves: the new note is
/// written with the carried items, the old note is not yet marked `[>]`.
fn crash_leftover(t: &Test) {
    t.write(
        "alice/2026-01-05.md",
        format!("{NOTE_HEAD}## Follow-ups\n\n- [ ] Send the deck\n  - [ ] ask Priya\n- [ ] Book the room 📅 2026-02-01\n- [x] done\n"),
    );
    t.write(
        "alice/2026-01-12.md",
        "---\nperson: Alice\ndate: 2026-01-12\n---\n## Follow-ups\n\n- [ ] Send the deck (from 2026-01-05)\n  - [ ] ask Priya\n- [ ] Book the room (from 2026-01-05) 📅 2026-02-01\n- [ ] New this week\n- [ ] \n",
    );
}

#[test]
fn issue9_check_names_every_place_a_crash_left_an_item_open() {
    let t = Test::new();
    crash_leftover(&t);
    assert_eq!(
        check(&t, 1),
        owned(&[
            (
                "alice/2026-01-05.md",
                Some(7),
                "open twice",
                "open here and in alice/2026-01-12.md:7"
            ),
            (
                "alice/2026-01-05.md",
                Some(9),
                "open twice",
                "open here and in alice/2026-01-12.md:9"
            ),
        ])
    );
}

#[test]
fn issue9_new_carries_a_crash_leftover_once() {
    let t = Test::new();
    crash_leftover(&t);
    let run = t
        .run(&["new", "alice", "--date", "2026-01-19", "--seed", "1"])
        .ok();
    assert_eq!(
        run.stderr,
        "oneonone: created the 2026-01-19 note for Alice (Listen, Learn, Lift); 4 follow-ups carried over\n\
         oneonone: 2 follow-ups were open in more than one note (an interrupted run?): every copy is marked `[>]`, and the new note holds each once\n"
    );
    assert_eq!(
        section(&t.read("alice/2026-01-19.md"), "Follow-ups"),
        "## Follow-ups\n\n\
         - [ ] Send the deck (from 2026-01-05)\n  - [ ] ask Priya\n\
         - [ ] Book the room (from 2026-01-05) 📅 2026-02-01\n\
         - [ ] New this week (from 2026-01-12)\n\
         - [ ] \n\n"
    );
    assert!(t.read("alice/2026-01-05.md").ends_with(
        "- [>] Send the deck\n  - [>] ask Priya\n- [>] Book the room 📅 2026-02-01\n- [x] done\n"
    ));
    assert!(t.read("alice/2026-01-12.md").ends_with(
        "- [>] Send the deck (from 2026-01-05)\n  - [>] ask Priya\n- [>] Book the room (from 2026-01-05) 📅 2026-02-01\n- [>] New this week\n- [ ] \n"
    ));
    let run = t.run(&["check", "--json"]).ok();
    assert_eq!(run.stdout, "[]\n");
}

#[test]
fn issue9_check_finds_copies_carried_on_from_an_earlier_note() {
    // Carried 01-05 -> 01-12; a `new` on 01-19 killed before marking
    // 01-12: both later notes hold the item open, with the first date.
    let t = Test::new();
    t.write("alice/2026-01-05.md", "- [>] Send the deck\n");
    t.write(
        "alice/2026-01-12.md",
        "- [ ] Send the deck (from 2026-01-05)\n",
    );
    t.write(
        "alice/2026-01-19.md",
        "- [ ] Send the deck (from 2026-01-05)\n- [ ] \n",
    );
    assert_eq!(
        check(&t, 1),
        owned(&[(
            "alice/2026-01-12.md",
            Some(1),
            "open twice",
            "open here and in alice/2026-01-19.md:1"
        )])
    );
}

#[test]
fn issue9_check_finds_an_item_doubled_in_one_note() {
    // What the next `new` used to make of a crash leftover: every copy in
    // one note, then doubled again by the next crash.
    let t = Test::new();
    t.write("alice/2026-01-05.md", "- [>] Send the deck\n");
    t.write(
        "alice/2026-01-19.md",
        "- [ ] Send the deck (from 2026-01-05)\n- [ ] Send the deck (from 2026-01-05)\n- [ ] send the  deck (from 2026-01-05)\n",
    );
    assert_eq!(
        check(&t, 1),
        owned(&[(
            "alice/2026-01-19.md",
            Some(1),
            "open twice",
            "open here and in alice/2026-01-19.md:2, alice/2026-01-19.md:3"
        )])
    );
}

#[test]
fn issue9_the_same_words_written_twice_are_two_items() {
    // Two follow-ups a person wrote with the same words stay two: in the
    // note they were written in, and carried together into the next.
    let t = Test::new();
    t.write(
        "alice/2026-01-05.md",
        format!("{NOTE_HEAD}## Project A\n\n- [ ] Follow up\n\n## Project B\n\n- [ ] Follow up\n"),
    );
    t.run(&["check"]).ok();
    t.run(&["new", "alice", "--date", "2026-01-12", "--seed", "1"])
        .ok();
    assert_eq!(
        section(&t.read("alice/2026-01-12.md"), "Follow-ups"),
        "## Follow-ups\n\n- [ ] Follow up (from 2026-01-05)\n- [ ] Follow up (from 2026-01-05)\n- [ ] \n\n"
    );
    t.run(&["check"]).ok();
    t.run(&["new", "alice", "--date", "2026-01-19", "--seed", "1"])
        .ok();
    assert_eq!(
        section(&t.read("alice/2026-01-19.md"), "Follow-ups"),
        "## Follow-ups\n\n- [ ] Follow up (from 2026-01-05)\n- [ ] Follow up (from 2026-01-05)\n- [ ] \n\n"
    );
    t.run(&["check"]).ok();
}
