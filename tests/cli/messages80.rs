//! End-to-end tests of the messages a new user meets in week one (issue
//! 14): each fits 80 columns in the house shape, a short first line
//! `oneonone: error: WHAT` and indented `  hint:` lines; and `--dry-run`
//! listings show paths from the current folder.

use crate::fixtures::note;
use crate::{Run, Test};

/// Runs `args` with the current folder `rel` inside the notebook.
fn run_in(t: &Test, rel: &str, args: &[&str]) -> Run {
    Test::run_cmd(t.cmd().current_dir(t.path(rel)).args(args))
}

/// Alice Smith with one note (an open item on line 6, a ticked one on 7)
/// and Alex Kim, for near misses and two matches.
fn week_one() -> Test {
    let t = Test::new();
    note(
        &t,
        "alice-smith/2026-11-20.md",
        "Alice Smith",
        "2026-11-20",
        "- [ ] send the report\n- [x] book the room\n",
    );
    note(&t, "alex-kim/2026-11-20.md", "Alex Kim", "2026-11-20", "");
    t
}

#[test]
fn issue14_no_notebook_is_a_short_line_and_hints() {
    let t = Test::bare();
    t.run(&["people"])
        .status(2)
        .stdout("")
        .stderr(crate::notebook::no_notebook(&t));
}

#[test]
fn issue14_person_refusals_put_the_choices_on_hint_lines() {
    let t = week_one();
    t.run(&["new", "Alise"]).status(2).stderr(
        "oneonone: error: no person matches \"Alise\"\n  \
         hint: did you mean Alice Smith (alice-smith/)?\n  \
         hint: to add a new person named \"Alise\", run:\n    \
         oneonone new --new-person Alise\n",
    );
    t.run(&["prep", "zed"]).status(2).stderr(
        "oneonone: error: no person matches \"zed\"\n  \
         hint: people in this notebook: alex-kim, alice-smith\n",
    );
    t.run(&["new", "-f", "nope", "alice"]).status(2).stderr(
        "oneonone: error: unknown framework \"nope\"\n  \
         hint: known frameworks: listen-learn-lift, start-stop-continue,\n    \
         rainbows-and-clouds, zone-of-genius\n",
    );
    t.run(&["agenda"]).status(2).stderr(
        "oneonone: error: name the person: `oneonone agenda PERSON [TEXT]`\n  \
         hint: only in a shared space may it be left out\n",
    );
}

#[test]
fn issue14_a_bad_date_names_the_flag_in_a_short_line() {
    let t = week_one();
    t.run(&["new", "alice", "--date", "2026-13-01"])
        .status(2)
        .stderr(
            "oneonone: error: invalid value '2026-13-01' for '--date <DATE>': not a date\n  \
             hint: write it as YYYY-MM-DD, or today, or yesterday\n\n\
             For more information, try '--help'.\n",
        );
}

#[test]
fn issue14_done_on_a_wrong_line_and_undo_with_nothing_hint_on_their_own_lines() {
    let t = week_one();
    t.run(&["done", "alice-smith/2026-11-20.md:2"])
        .status(2)
        .stderr(
            "oneonone: error: alice-smith/2026-11-20.md:2: no open follow-up on this line\n  \
             hint: the note may have changed since it was listed\n  \
             hint: run `oneonone followups` again\n",
        );
    t.run(&["undo"]).status(2).stderr(
        "oneonone: error: nothing to undo: no change is recorded in this notebook\n  \
         hint: undo takes back the last new, agenda, done, checkin, rename or\n    \
         check --fix, up to 10 of them, one at a time\n",
    );
}

#[test]
fn issue14_sync_and_share_refusals_hint_on_their_own_lines() {
    let t = week_one();
    t.run(&["sync", "alice"]).status(2).stderr(
        "oneonone: error: Alice Smith has no shared space\n  \
         hint: `oneonone share alice-smith DIR` makes one\n",
    );
    let space = tempfile::tempdir().unwrap();
    std::fs::write(space.path().join("x"), "").unwrap();
    let dir = space.path().canonicalize().unwrap();
    t.run(&["share", "alice", dir.to_str().unwrap()])
        .status(2)
        .stderr(format!(
            "oneonone: error: {}: holds `x`\n  \
             hint: everything in a shared space is shared\n  \
             hint: choose an empty folder (or a clone of Alice Smith's space)\n",
            dir.display()
        ));
}

#[test]
fn issue14_waiting_talking_points_name_the_agenda_they_wait_in() {
    let t = week_one();
    t.run(&["agenda", "alice", "the offsite"]).ok();
    t.run(&["--today", "2026-11-27", "followups"]).ok().stderr(
        "oneonone: 1 talking point is waiting in alice-smith/agenda.md\n  \
             hint: `oneonone followups --agenda` lists them too\n",
    );
    run_in(&t, "alice-smith", &["--today", "2026-11-27", "followups"])
        .ok()
        .stderr(
            "oneonone: 1 talking point is waiting in agenda.md\n  \
             hint: `oneonone followups --agenda` lists them too\n",
        );
    // Two people's: no one file to name.
    t.run(&["agenda", "alex", "the budget"]).ok();
    t.run(&["--today", "2026-11-27", "followups"]).ok().stderr(
        "oneonone: 2 talking points are waiting in agenda.md\n  \
             hint: `oneonone followups --agenda` lists them too\n",
    );
}

/// The exemption: a line that is one path or one command to copy (a
/// single word, or a line starting with `oneonone `) may be as long as
/// it must; every other line of stderr fits 80 display columns.
fn too_wide(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .filter(|line| unicode_width::UnicodeWidthStr::width(*line) > 80)
        .filter(|line| {
            let word = line.trim();
            word.contains(' ') && !word.starts_with("oneonone ")
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn issue14_week_one_errors_fit_80_columns() {
    let bare = Test::bare();
    let t = week_one();
    let space = tempfile::tempdir().unwrap();
    std::fs::write(space.path().join("x"), "").unwrap();
    let space = space.path().to_str().unwrap().to_string();
    let mut wide = Vec::new();
    let mut try_it = |run: Run, what: &str| {
        assert_ne!(run.stderr, "", "{what} says something");
        for line in too_wide(&run.stderr) {
            wide.push(format!("{what}: {line}"));
        }
    };
    try_it(bare.run(&["people"]), "no notebook");
    try_it(t.run(&["new", "Alise"]), "near miss");
    try_it(t.run(&["agenda", "Alise", "x"]), "near miss in agenda");
    try_it(t.run(&["new", "al"]), "two matches");
    try_it(t.run(&["prep", "zed"]), "unknown person");
    try_it(t.run(&["new", "alice", "--date", "2026-13-01"]), "bad date");
    try_it(
        t.run(&["checkin", "alice", "--energy", "9"]),
        "bad check-in",
    );
    try_it(t.run(&["new", "-f", "nope", "alice"]), "unknown framework");
    try_it(
        t.run(&["questions", "--section", "nope"]),
        "unknown section",
    );
    try_it(
        t.run(&["done", "alice-smith/2026-11-20.md:2"]),
        "done on a wrong line",
    );
    try_it(t.run(&["done", "alice-smith/nope.md:3"]), "not a note");
    try_it(t.run(&["agenda"]), "agenda without a person");
    try_it(t.run(&["undo"]), "nothing to undo");
    try_it(t.run(&["sync", "alice"]), "sync without a space");
    try_it(t.run(&["share", "alice", &space]), "share a full folder");
    try_it(t.run(&["trends", "alice"]), "no check-ins");
    try_it(t.run(&["zones", "alice"]), "no zone map");
    try_it(
        t.run(&["review", "alice", "--since", "2026-13-01"]),
        "bad review date",
    );
    try_it(t.run(&["log", "alice", "--until", "x"]), "bad log date");
    try_it(
        t.run(&["people", "--ics", "alice-smith/cal.ics"]),
        "calendar in a person folder",
    );
    try_it(
        t.run(&[
            "away",
            "alice",
            "--from",
            "2026-02-01",
            "--to",
            "2026-01-01",
        ]),
        "away backwards",
    );
    try_it(t.run(&["--dir", "nope", "people"]), "--dir missing");
    t.run(&["agenda", "alice", "a point"]).ok();
    try_it(t.run(&["followups"]), "talking points waiting");
    assert_eq!(wide, Vec::<String>::new(), "lines over 80 columns");
}

#[test]
fn issue14_dry_run_listings_show_paths_from_the_current_folder() {
    let t = week_one();
    let run = run_in(
        &t,
        "alice-smith",
        &["--today", "2026-11-27", "new", "alice", "--dry-run"],
    )
    .ok();
    let listed: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| !l.starts_with("  "))
        .collect();
    assert_eq!(
        listed,
        [
            "the 2026-11-27 note for Alice Smith (Listen, Learn, Lift); 1 follow-up carried over",
            "create 2026-11-27.md",
            "edit 2026-11-20.md:6",
        ]
    );
    t.run(&["agenda", "alex", "the budget"]).ok();
    run_in(&t, "alice-smith", &["undo", "--dry-run"])
        .ok()
        .stdout("undo `agenda alex-kim`\nremove ../alex-kim/agenda.md\n");
    let run = run_in(&t, "alex-kim", &["rename", "alice", "Alicia", "--dry-run"]).ok();
    let listed: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| !l.starts_with("  "))
        .collect();
    assert_eq!(
        listed,
        [
            "rename Alice Smith (alice-smith/) to Alicia (alicia/)",
            "move ../alice-smith/ to ../alicia/",
            "edit ../alicia/2026-11-20.md:2",
        ]
    );
}
