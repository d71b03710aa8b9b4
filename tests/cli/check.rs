//! End-to-end tests of `oneonone check`: each kind of problem named with its
//! place, quiet on a clean notebook, carried items followed across notes.

use std::fmt::Write as _;
use std::fs;
use std::time::{Duration, SystemTime};

use serde::Deserialize;

use crate::Test;
use crate::fixtures::{HOSTILE, SHOWN, check, crash_leftover, link, owned, two_people};

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct CheckProblem {
    path: String,
    line: Option<usize>,
    kind: String,
    problem: String,
    fix: String,
}

/// `check --json` (which must find problems) read back.
fn check_json(t: &Test) -> (crate::Run, Vec<CheckProblem>) {
    let run = t.run(&["check", "--json"]).status(1);
    let problems = serde_json::from_str(&run.stdout).unwrap();
    (run, problems)
}

/// Path, line and kind of each problem.
fn where_and_what(problems: &[CheckProblem]) -> Vec<(&str, Option<usize>, &str)> {
    problems
        .iter()
        .map(|p| (p.path.as_str(), p.line, p.kind.as_str()))
        .collect()
}

#[test]
fn check_finds_each_kind_of_problem() {
    let t = Test::new();
    t.write(
        "alice/2026-11-01.md",
        "---\nperson: Alice\ndate: 2026-11-02\nframework: swot\nenergy: 9\n---\n- [>] lost item\n- [>] found item\n",
    );
    t.write(
        "alice/2026-11-08.md",
        "- [ ] found item (from 2026-11-01)\n",
    );
    t.write(
        "alice/2026-11-09.md",
        "- [ ] found item (from 2026-11-01)\n",
    );
    t.write("alice/ideas.md", "notes\n");
    t.write(
        "bob/agenda.md",
        "- [x] done\n  - [ ] orphan\n\n```\nunclosed\n",
    );
    t.write("bob/2026-11-01.md", "---\nperson: [bad\n---\n");
    t.write(
        "bob/2026-11-02.md",
        "<<<<<<< HEAD\n- [ ] a\n=======\n- [ ] b\n>>>>>>> x\n",
    );
    t.write("bob/person.yaml", "cadence_days: soon\n");
    t.write("README.md", "a repository readme is fine\n");
    let (run, problems) = check_json(&t);
    let got = where_and_what(&problems);
    assert_eq!(
        got,
        [
            ("alice/2026-11-01.md", Some(3), "date"),
            ("alice/2026-11-01.md", Some(4), "framework"),
            ("alice/2026-11-01.md", Some(5), "check-in"),
            ("alice/2026-11-01.md", Some(7), "carried"),
            ("alice/2026-11-09.md", None, "duplicate"),
            ("alice/ideas.md", None, "layout"),
            ("bob/2026-11-01.md", Some(2), "frontmatter"),
            ("bob/2026-11-02.md", Some(1), "conflict"),
            ("bob/agenda.md", None, "agenda"),
            ("bob/agenda.md", Some(2), "agenda"),
            ("bob/person.yaml", Some(1), "person.yaml"),
        ]
    );
    assert!(
        problems
            .iter()
            .all(|p| !p.problem.is_empty() && !p.fix.is_empty())
    );
    assert_eq!(run.stderr, "oneonone: 11 problems in 7 files\n");
    let text = t.run(&["check", "--color", "never"]).status(1).stdout;
    assert!(text.starts_with(
        "alice/2026-11-01.md:3: the file name says 2026-11-01, the frontmatter says 2026-11-02\n  fix: make the two agree (oneonone lists the frontmatter's date)\n"
    ), "{text}");
}

#[test]
fn check_is_quiet_on_a_clean_notebook() {
    let t = Test::new();
    t.run(&["agenda", "alice", "a point"]).ok();
    t.run(&["new", "alice", "--date", "2026-11-17"]).ok();
    let note = t
        .read("alice/2026-11-17.md")
        .replace("- [ ] \n\n## Private", "- [ ] one\n- [ ] \n\n## Private");
    fs::write(t.path("alice/2026-11-17.md"), note).unwrap();
    t.run(&["new", "alice", "--date", "2026-11-24"]).ok();
    t.run(&["checkin", "alice", "-e", "3"]).ok();
    t.run(&["check", "--json"])
        .ok()
        .stdout("[]\n")
        .stderr(format!(
            "oneonone: no problems found in {}\n",
            t.root().display()
        ));
}

#[test]
fn check_follows_carried_items_across_notes() {
    let t = Test::new();
    // Carried from 11-01 into 11-08, then put back to open by hand: open
    // in two places. And a carried item with its text on the next line,
    // whose copy is gone.
    t.write(
        "bob/2026-11-01.md",
        "- [ ] Draft the plan\n- [>]\n  Next-line item\n",
    );
    t.write(
        "bob/2026-11-08.md",
        "- [ ] Draft the plan (from 2026-11-01)\n",
    );
    // Two meetings the same day, both still the empty template: no problem.
    t.write("bob/2026-11-15.md", "## Notes\n");
    t.write("bob/2026-11-15-2.md", "## Notes\n");
    let (_, problems) = check_json(&t);
    let got = where_and_what(&problems);
    assert_eq!(
        got,
        [
            ("bob/2026-11-01.md", Some(1), "open twice"),
            ("bob/2026-11-01.md", Some(2), "carried")
        ]
    );
    assert_eq!(problems[0].problem, "open here and in bob/2026-11-08.md:1");
    assert_eq!(
        problems[1].problem,
        "`[>] Next-line item` was carried, but no later note of bob holds it"
    );
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
            // The sub-item too (issue 12: the same text open in two
            // notes, whatever its `(from DATE)`).
            (
                "alice/2026-01-05.md",
                Some(8),
                "open twice",
                "open here and in alice/2026-01-12.md:8"
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
fn issue9_check_names_every_link_pipe_and_leftover() {
    let t = two_people();
    let outside = tempfile::tempdir().unwrap();
    link("../bob/2026-11-20.md", &t.path("alice/agenda.md"));
    link(outside.path().join("x.yaml"), &t.path("alice/person.yaml"));
    fs::create_dir_all(t.path(".oneonone/tmp")).unwrap();
    link(outside.path().join("cache"), &t.path(".oneonone/cache"));
    let status = std::process::Command::new("mkfifo")
        .arg(t.path("bob/2026-11-27.md"))
        .status()
        .unwrap();
    assert!(status.success());
    let long_ago = SystemTime::now() - Duration::from_secs(3600);
    for rel in [
        "bob/.oneonone-aB3dE9.tmp",
        ".oneonone/tmp/.oneonone-x1Y2z3.tmp",
    ] {
        t.write(rel, "words of a killed write");
        fs::File::options()
            .write(true)
            .open(t.path(rel))
            .unwrap()
            .set_modified(long_ago)
            .unwrap();
    }
    let mut cmd = t.cmd();
    cmd.args(["check", "--json"])
        .timeout(Duration::from_secs(20));
    let run = Test::run_cmd(&mut cmd).status(1);
    let problems: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    let found: Vec<(&str, &str)> = problems
        .iter()
        .map(|p| (p["path"].as_str().unwrap(), p["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            (".oneonone/cache", "link"),
            (".oneonone/tmp/.oneonone-x1Y2z3.tmp", "leftover"),
            ("alice/agenda.md", "unreadable"),
            ("alice/person.yaml", "person.yaml"),
            ("bob/.oneonone-aB3dE9.tmp", "leftover"),
            ("bob/2026-11-27.md", "unreadable"),
        ]
    );
    // Nothing it found was changed or removed.
    assert!(t.path("bob/.oneonone-aB3dE9.tmp").exists());
}

#[test]
fn issue9_check_names_a_lock_or_temp_folder_of_the_wrong_kind() {
    let t = two_people();
    let status = std::process::Command::new("mkfifo")
        .arg(t.path(".oneonone/lock"))
        .status()
        .unwrap();
    assert!(status.success());
    t.write(".oneonone/tmp", "not a folder");
    // What a writing command refuses, check names.
    let mut cmd = t.cmd();
    cmd.args(["agenda", "alice", "x"])
        .timeout(Duration::from_secs(20));
    Test::run_cmd(&mut cmd).status(2).stderr("oneonone: error: .oneonone/lock: cannot open: is not a regular file (a pipe or a device?); oneonone reads only regular files\n");
    let mut cmd = t.cmd();
    cmd.args(["check"]).timeout(Duration::from_secs(20));
    Test::run_cmd(&mut cmd).status(1).stdout(".oneonone/lock: is not a regular file (a pipe or a device?); oneonone's lock must be one\n  \
         fix: remove it; oneonone makes it again as it should be\n\
         .oneonone/tmp: is not a folder; oneonone keeps its lock and temp files in a folder here\n  \
         fix: remove it; oneonone makes it again as it should be\n");
}

#[test]
fn issue9_check_shows_a_hostile_file_name_escaped() {
    let t = Test::new();
    t.write("alice/2026-11-01.md", "# Notes\n");
    t.write(&format!("alice/notes{HOSTILE}.md"), "hi\n");
    t.run(&["check", "--color", "never"]).status(1).stdout(format!(
            "alice/notes{SHOWN}.md: not a meeting note (<person>/YYYY-MM-DD.md) nor an agenda; its follow-ups still count\n  fix: move it into a person's folder as YYYY-MM-DD.md, or leave it if that is what you want\n"
        )).stderr("oneonone: 1 problem in 1 file\n");
    // With colour, the only escapes are oneonone's own.
    let run = t.run(&["check", "--color", "always"]).status(1);
    assert!(
        run.stdout.starts_with(&format!(
            "\u{1b}[35malice/notes{SHOWN}.md\u{1b}[0m: not a meeting note"
        )),
        "{:?}",
        run.stdout
    );
    // JSON keeps the name exactly (escaped as JSON).
    let run = t.run(&["check", "--json"]).status(1);
    assert!(
        run.stdout
            .contains(r#""path": "alice/notes\u001b[2J\u001b]0;pwned\u0007\u009b31m\u202e.md""#)
    );
}

#[test]
fn issue14_check_names_a_frontmatter_with_no_end() {
    let t = Test::new();
    t.write(
        "frank/2026-11-20.md",
        "---\nperson: Frank\ndate: 2026-11-20\n\n- [ ] x\n",
    );
    t.run(&["check"]).status(1).stdout(
        "frank/2026-11-20.md:1: it opens with `---` but oneonone cannot tell where its frontmatter ends; fix the frontmatter (or remove the `---` lines)\n  \
         fix: write the frontmatter as YAML between two `---` lines\n",
    );
}
