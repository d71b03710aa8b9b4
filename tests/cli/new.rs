//! End-to-end tests of `oneonone new`: the dated note from the template and
//! the question bank, free names, refused names, carrying follow-ups over,
//! taking the agenda, and failing without changing anything.

use std::fmt::Write as _;
use std::fs;

use crate::fixtures::{
    NOTE_HEAD, count_open, crash_leftover, note, section, snapshot_bytes, temp_files,
};
use crate::{Test, followups_json};

fn followups_json_texts(t: &Test) -> Vec<String> {
    crate::followups_json(t, &[])
        .into_iter()
        .map(|i| i.text)
        .collect()
}

/// Runs oneonone from a real shell with a file size limit and SIGXFSZ at
/// its default (deadly) action, as a user's shell would.
fn run_with_size_limit(t: &Test, kib: u32, args: &str) -> crate::Run {
    // Bash cannot reset a signal ignored when it started: then the test
    // would prove nothing, so it fails (exit 99) instead.
    let script = format!(
        "trap - XFSZ; \
         [ $(( 0x$(awk '/^SigIgn/ {{print $2}}' /proc/$$/status) & 0x1000000 )) -eq 0 ] || exit 99; \
         ulimit -f {kib}; exec \"$0\" {args}"
    );
    t.run_in_bash(&script)
}

/// Runs oneonone with a file size limit, so that writing a file larger
/// than `kib` KiB fails as on a full disk.
fn run_with_size_limit_xfsz_ignored(t: &Test, kib: u32, args: &str) -> crate::Run {
    // bash counts `ulimit -f` in KiB; an ignored SIGXFSZ turns the signal
    // into an EFBIG error for the write.
    let script = format!("trap '' XFSZ; ulimit -f {kib}; exec \"$0\" {args}");
    t.run_in_bash(&script)
}

#[test]
fn new_writes_the_dated_note_from_the_template() {
    let t = Test::new();
    t.run(&["new", "Alice Smith", "--date", "2026-11-24", "--seed", "7"])
        .ok()
        .stdout("alice-smith/2026-11-24.md\n")
        .stderr("oneonone: new person: Alice Smith (alice-smith/)\noneonone: created the 2026-11-24 note for Alice Smith (Listen, Learn, Lift)\n");
    assert_eq!(t.files(), ["alice-smith/2026-11-24.md"]);
    let note = t.read("alice-smith/2026-11-24.md");
    // The placeholder keeps its trailing blank, which snapshots may hide.
    assert!(
        note.contains("\n## Follow-ups\n\n- [ ] \n\n## Private\n"),
        "{note:?}"
    );
    insta::assert_snapshot!("new_note_seed_7", note);
}

#[test]
fn new_is_reproducible_with_a_seed_and_varies_without() {
    let t = Test::new();
    t.run(&["new", "a", "--date", "2026-11-24", "--seed", "3"])
        .ok();
    t.run(&["new", "b", "--date", "2026-11-24", "--seed", "3"])
        .ok();
    let body = |p: &str| {
        t.read(p)
            .replace("person: a\n", "")
            .replace("person: b\n", "")
            .replace("with a,", "")
            .replace("with b,", "")
    };
    assert_eq!(body("a/2026-11-24.md"), body("b/2026-11-24.md"));
    t.run(&["new", "c", "--date", "2026-11-24", "--seed", "4"])
        .ok();
    assert_ne!(
        body("a/2026-11-24.md"),
        t.read("c/2026-11-24.md")
            .replace("person: c\n", "")
            .replace("with c,", "")
    );
}

#[test]
fn second_meeting_the_same_day_gets_the_next_free_name() {
    let t = Test::new();
    t.run(&["new", "Alice Smith", "--date", "2026-11-24", "--seed", "1"])
        .ok();
    let first = t.read("alice-smith/2026-11-24.md");
    t.run(&["new", "alice", "--date", "2026-11-24", "--seed", "2"])
        .ok()
        .stdout("alice-smith/2026-11-24-2.md\n");
    t.run(&["new", "Alice Smith", "--date", "2026-11-24"])
        .ok()
        .stdout("alice-smith/2026-11-24-3.md\n");
    assert_eq!(
        t.read("alice-smith/2026-11-24.md"),
        first,
        "the first note is untouched"
    );
    // `alice` found the existing folder and kept the name the notes use.
    assert!(
        t.read("alice-smith/2026-11-24-2.md")
            .starts_with("---\nperson: Alice Smith\n")
    );
}

#[test]
fn new_defaults_to_today_and_folds_accents() {
    let t = Test::new();
    t.run(&["--today", "2026-01-05", "new", "José Núñez"])
        .ok()
        .stdout("jose-nunez/2026-01-05.md\n");
    assert!(
        t.read("jose-nunez/2026-01-05.md")
            .starts_with("---\nperson: José Núñez\ndate: 2026-01-05\n")
    );
}

#[test]
fn refused_names_create_nothing() {
    let t = Test::new();
    for (name, reason) in [
        ("..", "a name cannot contain `..`"),
        ("../escape", "a name cannot contain `/` or `\\`"),
        ("a/b", "a name cannot contain `/` or `\\`"),
        (
            ".hidden",
            "a name cannot start with a dot (hidden folders are never read)",
        ),
        (
            "!!!",
            "it has no letters or digits to make a folder name from",
        ),
        (
            "Question Bank",
            "`question-bank` is a name the notebook uses itself",
        ),
        ("nul", "`nul` is a reserved file name on Windows"),
    ] {
        t.run(&["new", name]).status(2).stdout("").stderr(format!(
            "oneonone: error: cannot use {name:?} as a person: {reason}\n"
        ));
    }
    assert_eq!(t.files(), Vec::<String>::new());
}

#[test]
fn ambiguous_short_name_is_an_error_listing_the_people() {
    let t = Test::new();
    t.run(&["new", "Alice Smith", "--date", "2026-11-24"]).ok();
    t.run(&["new", "Alice Jones", "--date", "2026-11-24"]).ok();
    t.run(&["new", "alice"]).status(2).stderr("oneonone: error: \"alice\" matches more than one person; give more of the name:\n  Alice Jones (alice-jones/)\n  Alice Smith (alice-smith/)\n");
}

#[test]
fn config_sets_manager_and_question_count() {
    let t = Test::new();
    t.write(
        "oneonone.yaml",
        "manager: 'Sam: the boss'\nquestions_per_section: 1\n",
    );
    t.run(&["new", "Alice", "--date", "2026-11-24", "--seed", "1"])
        .ok();
    let note = t.read("alice/2026-11-24.md");
    assert!(note.contains("\nmanager: \"Sam: the boss\"\n"), "{note}");
    let questions = note
        .lines()
        .filter(|l| l.starts_with("- ") && !l.starts_with("- [") && l.trim() != "-")
        .count();
    assert_eq!(questions, 3, "{note}");
}

#[test]
fn broken_config_names_file_and_line() {
    let t = Test::new();
    t.write(
        "oneonone.yaml",
        "framework: listen-learn-lift\nquestions_per_sektion: 2\n",
    );
    t.run(&["new", "Alice"]).status(2).stderr("oneonone: error: oneonone.yaml:2:1: unknown field `questions_per_sektion`, expected one of `manager`, `framework`, `questions_per_section`, `cadence_days`, `private_section`, `share_checkins`, `private_files`, `cache`, `shared`\n");
    assert_eq!(t.files(), ["oneonone.yaml"]);
}

#[test]
fn carry_over_through_three_meetings_keeps_the_first_date_and_the_count() {
    let t = Test::new();
    t.run(&["new", "Bob", "--date", "2026-11-03", "--seed", "1"])
        .ok();
    let first = t.read("bob/2026-11-03.md").replace(
        "## Follow-ups\n\n- [ ] \n",
        "## Follow-ups\n\n- [ ] Send the doc 📅 2026-11-20\n- [x] Book a room\n- [ ] Ask Priya @bob\n- [ ] \n",
    );
    t.write("bob/2026-11-03.md", &first);
    assert_eq!(count_open(&t), 2);

    let run = t
        .run(&["new", "bob", "--date", "2026-11-10", "--seed", "2"])
        .ok();
    assert!(
        run.stderr.ends_with("; 2 follow-ups carried over\n"),
        "{}",
        run.stderr
    );
    assert_eq!(count_open(&t), 2);
    t.file(
        "bob/2026-11-03.md",
        first
            .replace("- [ ] Send the doc", "- [>] Send the doc")
            .replace("- [ ] Ask Priya", "- [>] Ask Priya"),
    );
    assert!(t.read("bob/2026-11-10.md").contains(
        "## Follow-ups\n\n- [ ] Send the doc (from 2026-11-03) 📅 2026-11-20\n- [ ] Ask Priya @bob (from 2026-11-03)\n- [ ] \n\n## Private"
    ));

    t.run(&["new", "bob", "--date", "2026-11-17", "--seed", "3"])
        .ok();
    assert_eq!(count_open(&t), 2);
    assert!(t.read("bob/2026-11-17.md").contains(
        "## Follow-ups\n\n- [ ] Send the doc (from 2026-11-03) 📅 2026-11-20\n- [ ] Ask Priya @bob (from 2026-11-03)\n- [ ] \n\n## Private"
    ));
    let items = followups_json(&t, &[]);
    let paths: Vec<&str> = items.iter().map(|i| i.path.as_str()).collect();
    assert_eq!(paths, ["bob/2026-11-17.md", "bob/2026-11-17.md"]);
    assert!(
        t.read("bob/2026-11-10.md")
            .contains("- [>] Send the doc (from 2026-11-03) 📅 2026-11-20\n")
    );

    // --no-carry leaves them where they are.
    t.run(&["new", "bob", "--date", "2026-11-24", "--no-carry"])
        .ok();
    assert!(
        t.read("bob/2026-11-24.md")
            .contains("## Follow-ups\n\n- [ ] \n\n## Private\n")
    );
    assert_eq!(followups_json(&t, &[])[0].path, "bob/2026-11-17.md");
}

#[test]
fn a_note_dated_earlier_does_not_take_later_follow_ups() {
    let t = Test::new();
    note(
        &t,
        "bob/2026-11-20.md",
        "Bob",
        "2026-11-20",
        "- [ ] later item\n",
    );
    t.run(&["new", "bob", "--date", "2026-11-10"]).ok();
    assert!(
        t.read("bob/2026-11-10.md")
            .contains("## Follow-ups\n\n- [ ] \n\n## Private\n")
    );
    assert_eq!(
        t.read("bob/2026-11-20.md")
            .matches("- [ ] later item")
            .count(),
        1
    );
}

#[test]
fn a_failed_new_changes_nothing_anywhere() {
    let t = Test::new();
    t.run(&["agenda", "bob", "a point"]).ok();
    // A big old note, so that rewriting it fails under the size limit
    // while the new note (small) could be written.
    let filler = "Some long notes from that meeting.\n".repeat(400);
    note(
        &t,
        "bob/2026-11-03.md",
        "Bob",
        "2026-11-03",
        &format!("{filler}- [ ] carry me\n"),
    );
    let before = snapshot_bytes(&t);

    // The new note is written first, then agenda.md, then the old note:
    // the old note fails, and everything before it is undone.
    let run = run_with_size_limit_xfsz_ignored(&t, 8, "new bob --date 2026-11-10").status(2);
    assert!(
        run.stderr.contains("bob/2026-11-03.md: cannot write: "),
        "{}",
        run.stderr
    );
    assert_eq!(snapshot_bytes(&t), before);

    // A new note too big for the limit (every question of the bank): it is
    // the first write, and nothing else is touched.
    t.write("oneonone.yaml", "questions_per_section: 100\n");
    let before = snapshot_bytes(&t);
    run_with_size_limit_xfsz_ignored(&t, 2, "new bob --date 2026-11-10")
        .status(2)
        .stderr("oneonone: error: bob/2026-11-10.md: cannot create: file too large\n");
    assert_eq!(snapshot_bytes(&t), before);
    fs::remove_file(t.path("oneonone.yaml")).unwrap();

    // And with room, it all goes through.
    t.run(&["new", "bob", "--date", "2026-11-10"]).ok();
    assert_eq!(count_open(&t), 1);
    assert!(t.read("bob/2026-11-10.md").contains("\n- a point\n"));
}

#[test]
fn new_skips_questions_asked_in_the_last_six_notes() {
    let t = Test::new();
    t.write("oneonone.yaml", "questions_per_section: 2\n");
    let all = t
        .run(&[
            "questions",
            "--all",
            "--section",
            "listen",
            "--color",
            "never",
        ])
        .ok()
        .stdout;
    let listen: Vec<&str> = all
        .lines()
        .skip(1)
        .map(|l| l.trim().split("  [").next().unwrap())
        .collect();
    // Six notes that asked every listen question but the 4th and the 9th.
    let asked: String = listen
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != 3 && *i != 8)
        .map(|(_, q)| ["- ", q, "\n"].concat())
        .collect();
    for day in 1..=6 {
        note(
            &t,
            &format!("bob/2026-11-0{day}.md"),
            "Bob",
            &format!("2026-11-0{day}"),
            &asked,
        );
    }
    for seed in ["1", "2", "3"] {
        t.run(&["new", "bob", "--date", "2026-11-20", "--seed", seed])
            .ok();
        let text = t.read("bob/2026-11-20.md");
        let listen_section = text
            .split("## Listen")
            .nth(1)
            .unwrap()
            .split("## Learn")
            .next()
            .unwrap();
        let picked: Vec<&str> = listen_section
            .lines()
            .filter_map(|l| l.strip_prefix("- "))
            .collect();
        assert_eq!(picked, [listen[3], listen[8]], "seed {seed}");
        fs::remove_file(t.path("bob/2026-11-20.md")).unwrap();
    }
}

#[test]
fn conflict_markers_stop_new_before_anything_moves() {
    let t = Test::new();
    note(
        &t,
        "bob/2026-11-03.md",
        "Bob",
        "2026-11-03",
        "<<<<<<< HEAD\n- [ ] mine\n=======\n- [ ] theirs\n>>>>>>> branch\n",
    );
    let before = t.read("bob/2026-11-03.md");
    let run = t.run(&["new", "bob", "--date", "2026-11-10"]).status(2);
    assert_eq!(
        run.stderr,
        "oneonone: error: bob/2026-11-03.md:6: unresolved git conflict markers; resolve them, then run `oneonone new` again\n"
    );
    t.file("bob/2026-11-03.md", before);
    assert!(!t.path("bob/2026-11-10.md").exists());
}

#[test]
fn a_back_dated_note_leaves_the_agenda_for_the_next_meeting() {
    let t = Test::new();
    note(&t, "bob/2026-11-20.md", "Bob", "2026-11-20", "notes\n");
    t.run(&["agenda", "bob", "for next time"]).ok();
    t.run(&["new", "bob", "--date", "2026-11-10"]).ok();
    assert!(t.read("bob/2026-11-10.md").contains("## Agenda\n\n- \n"));
    assert!(t.read("bob/agenda.md").ends_with("- [ ] for next time\n"));
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
    t
        .run(&["new", "alice", "--date", "2026-02-02", "--seed", "1"])
        .ok().stderr("oneonone: created the 2026-02-02 note for alice (Listen, Learn, Lift); 4000 agenda points\n");
    t.file("alice/agenda.md", "# Agenda: Alice\n\n- [x] done already\n");
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
    t
        .run(&["new", "alice", "--date", "2026-02-02", "--seed", "1"])
        .ok().stderr("oneonone: created the 2026-02-02 note for Alice (Listen, Learn, Lift); 20000 follow-ups carried over\n");
    t.file("alice/2026-01-05.md", note.replace("- [ ]", "- [>]"));
    assert_eq!(
        section(&t.read("alice/2026-02-02.md"), "Follow-ups"),
        expected
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
         oneonone: 2 follow-ups were open in more than one note (an interrupted run, or a `[>]` reopened by hand?): every copy is marked `[>]`, and the new note holds each once\n"
    );
    assert_eq!(
        section(&t.read("alice/2026-01-19.md"), "Follow-ups"),
        "## Follow-ups\n\n\
         - [ ] Send the deck (from 2026-01-05)\n  - [ ] ask Priya (from 2026-01-05)\n\
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
    t.run(&["check", "--json"]).ok().stdout("[]\n");
}

#[test]
fn issue9_new_carries_follow_ups_from_private_html_into_the_private_section() {
    let t = Test::new();
    t.write(
        "bob/2026-11-24.md",
        "---\nperson: Bob\ndate: 2026-11-24\n---\n# 1:1 with Bob\n\n## Listen\n\n\
         <details>\n<summary class=\"x\"><b>Private</b></summary>\n\n- [ ] SECRET-A ask HR about the timeline\n\n</details>\n\n\
         - [ ] Plan the offsite\n\n  <details><summary>Private</summary>\n\n  - [ ] SECRET-B check the budget\n  </details>\n\n\
         ## Follow-ups\n\n- [ ] Send the doc\n\n\
         <h3>Private</h3>\n\n- [ ] SECRET-C talk to legal\n",
    );
    t.run(&["new", "bob", "--date", "2026-12-08", "--seed", "1"])
        .ok();
    let next = t.read("bob/2026-12-08.md");
    assert!(
        next.contains(
            "## Follow-ups\n\n- [ ] Send the doc (from 2026-11-24)\n- [ ] \n\n## Private\n"
        ),
        "{next}"
    );
    assert!(
        next.ends_with(
            "leaves this section out._\n\n\
             - [ ] SECRET-A ask HR about the timeline (from 2026-11-24)\n\
             - [ ] Plan the offsite (from 2026-11-24)\n\n  <details><summary>Private</summary>\n\n  - [ ] SECRET-B check the budget (from 2026-11-24)\n  </details>\n\
             - [ ] SECRET-C talk to legal (from 2026-11-24)\n"
        ),
        "{next}"
    );
    let shared = t
        .run(&["export", "bob", "--shared", "--date", "2026-12-08"])
        .ok()
        .stdout;
    assert!(!shared.contains("SECRET"), "{shared}");
    assert!(
        shared.contains("- [ ] Send the doc (from 2026-11-24)\n"),
        "{shared}"
    );
}

#[test]
fn a_private_follow_up_is_carried_into_the_private_section() {
    let t = Test::new();
    t.run(&["new", "gus", "--date", "2026-01-05"]).ok();
    let note = t.read("gus/2026-01-05.md");
    fs::write(
        t.path("gus/2026-01-05.md"),
        format!("{note}- [ ] SECRET ask HR about the timeline\n"),
    )
    .unwrap();
    t.run(&["new", "gus", "--date", "2026-01-19"]).ok();
    let next = t.read("gus/2026-01-19.md");
    assert!(
        next.ends_with("leaves this section out._\n\n- [ ] SECRET ask HR about the timeline (from 2026-01-05)\n"),
        "{next}"
    );
    let shared = t.run(&["export", "gus", "--shared"]).ok().stdout;
    assert!(!shared.contains("SECRET"), "{shared}");
    assert_eq!(
        followups_json_texts(&t),
        ["SECRET ask HR about the timeline (from 2026-01-05)"]
    );
}

#[test]
fn issue9_a_file_size_limit_fails_cleanly_instead_of_killing_new() {
    let t = Test::new();
    let filler = "Some long notes from that meeting.\n".repeat(400);
    let old = format!("---\nperson: Bob\ndate: 2026-11-03\n---\n{filler}- [ ] carry me\n");
    t.write("bob/2026-11-03.md", &old);
    t.run(&["agenda", "bob", "a point"]).ok();
    let agenda = t.read("bob/agenda.md");

    run_with_size_limit(&t, 8, "new bob --date 2026-11-10")
        .status(2)
        .stderr("oneonone: error: bob/2026-11-03.md: cannot write: file too large\n");
    t.file("bob/2026-11-03.md", old);
    t.file("bob/agenda.md", agenda);
    assert!(!t.path("bob/2026-11-10.md").exists());
    assert_eq!(temp_files(t.dir.path()), Vec::<String>::new());
}

#[test]
fn issue9_new_shows_a_bank_framework_title_escaped() {
    let t = Test::new();
    // YAML's "\e" is ESC, "\x9b" a C1 CSI, "\u202e" a right-to-left override.
    t.write(
        "question-bank/mine.yaml",
        "frameworks:\n  - name: evil\n    title: \"Evil \\e[31mred\\x9b2J \\u202eeman\"\n    sections:\n      - heading: Wins\n        pool: rainbows\n",
    );
    t
        .run(&[
            "new",
            "alice",
            "--framework",
            "evil",
            "--date",
            "2026-11-24",
            "--seed",
            "1",
        ])
        .ok().stdout("alice/2026-11-24.md\n").stderr("oneonone: new person: alice (alice/)\noneonone: created the 2026-11-24 note for alice (Evil \u{fffd}[31mred\u{fffd}2J \u{fffd}eman)\n");
}

/// `new` reads each of the person's notes once, and reports one that
/// cannot be read only where carrying over would have read it: once for
/// an earlier note, never for a later one (a back-dated note carries
/// nothing from it) nor with `--no-carry`.
#[test]
fn issue10_new_reports_an_unreadable_note_only_where_it_carries_from_it() {
    let notes = |t: &Test| {
        t.write("bob/2026-11-02.md", b"x\n\xff\n- [ ] hidden\n");
        t.write(
            "bob/2026-11-03.md",
            "---\nperson: Bob\ndate: 2026-11-03\n---\n## Follow-ups\n\n- [ ] Send the doc\n",
        );
        t.write("bob/2026-11-09.md", b"\xff\n");
    };
    let earlier = "oneonone: warning: bob/2026-11-02.md:2: not UTF-8 text; skipped\n";
    let t = Test::new();
    notes(&t);
    t.run(&["new", "bob", "--date", "2026-11-05", "--seed", "1"])
        .status(2)
        .stdout("bob/2026-11-05.md\n")
        .stderr(format!("{earlier}oneonone: created the 2026-11-05 note for Bob (Listen, Learn, Lift); 1 follow-up carried over\n"));
    let t = Test::new();
    notes(&t);
    t.run(&["new", "bob", "--date", "2026-11-20", "--no-carry"])
        .ok()
        .stderr("oneonone: created the 2026-11-20 note for Bob (Listen, Learn, Lift)\n");
    let t = Test::new();
    notes(&t);
    t.run(&["new", "bob", "--date", "2026-11-20"])
        .status(2)
        .stderr(format!("{earlier}oneonone: warning: bob/2026-11-09.md:1: not UTF-8 text; skipped\n\
             oneonone: created the 2026-11-20 note for Bob (Listen, Learn, Lift); 1 follow-up carried over\n"));
}

#[test]
fn issue11_date_is_strict_and_takes_today_and_yesterday() {
    let t = Test::new();
    t.run(&["new", "alice", "--date", "2026-1-5"])
        .status(2)
        .stderr(
            "oneonone: error: invalid value '2026-1-5' for '--date <DATE>': \
             not a date\n  hint: write it as YYYY-MM-DD: 2026-01-05\n\n\
             For more information, try '--help'.\n",
        );
    assert_eq!(t.files(), Vec::<String>::new());
    // `yesterday` moves with --today, as the clock would.
    t.run(&[
        "--today",
        "2026-03-01",
        "new",
        "alice",
        "--date",
        "yesterday",
    ])
    .ok()
    .stdout("alice/2026-02-28.md\n");
    t.run(&["--today", "2026-03-01", "new", "alice", "--date", "today"])
        .ok()
        .stdout("alice/2026-03-01.md\n");
}

#[test]
fn issue14_a_refused_name_leaves_no_notebook_folder_behind() {
    let t = Test::bare();
    for args in [
        &["new", "Bad\\Name", "--new-person", "--dir", "nb"][..],
        &[
            "agenda",
            "Bad\\Name",
            "a point",
            "--new-person",
            "--dir",
            "nb",
        ],
    ] {
        t.run(args).status(2).stderr(
            "oneonone: error: cannot use \"Bad\\Name\" as a person: a name cannot contain `/` or `\\`\n",
        );
        assert!(!t.path("nb").exists(), "{args:?}");
    }
}
