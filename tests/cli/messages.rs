//! End-to-end tests of what oneonone says (issue 14): paths shown from
//! where the user stands, notebook-relative paths taken from anywhere,
//! `--svg -`, matching by text without accents, numbers and dates refused
//! in words, YAML errors on the line of the mistake.

use crate::fixtures::note;
use crate::{Run, Test};

/// A notebook with Alice's note of 2026-11-20: two open items, lines 6-7.
fn alice() -> Test {
    let t = Test::new();
    note(
        &t,
        "alice/2026-11-20.md",
        "Alice",
        "2026-11-20",
        "- [ ] Book the café\n- [ ] send the report\n",
    );
    t.write(
        "bob/2026-11-21.md",
        "---\nperson: Bob\ndate: 2026-11-21\n---\n- [ ] ask Bob\n",
    );
    t
}

/// Runs `args` with the current folder `rel` inside the notebook.
fn run_in(t: &Test, rel: &str, args: &[&str]) -> Run {
    Test::run_cmd(t.cmd().current_dir(t.path(rel)).args(args))
}

#[test]
fn issue14_paths_print_relative_to_the_current_folder() {
    let t = alice();
    let inside = "Alice (2 open)\n  \
                  2026-11-20.md:6: Book the café · open 7 days\n  \
                  2026-11-20.md:7: send the report · open 7 days\n\n\
                  Bob (1 open)\n  \
                  ../bob/2026-11-21.md:5: ask Bob · open 6 days\n";
    run_in(&t, "alice", &["--today", "2026-11-27", "followups"])
        .ok()
        .stdout(inside);
    run_in(&t, "alice", &["agenda", "alice", "a point"])
        .ok()
        .stdout("agenda.md:6\n");
    // From the top, and from outside with --dir, as before.
    t.run(&["--today", "2026-11-27", "followups", "bob"])
        .ok()
        .stdout("Bob (1 open)\n  bob/2026-11-21.md:5: ask Bob · open 6 days\n");
    let outside = tempfile::tempdir().unwrap();
    let dir = t.root();
    Test::run_cmd(t.cmd().current_dir(outside.path()).args([
        "--dir",
        dir.to_str().unwrap(),
        "done",
        "--match",
        "ask bob",
    ]))
    .ok()
    .stderr(format!(
        "oneonone: done: {}/bob/2026-11-21.md:5: ask Bob\n",
        dir.display()
    ));
}

#[test]
fn issue14_done_takes_the_paths_followups_json_prints_from_any_folder() {
    let t = alice();
    run_in(&t, "alice", &["done", "alice/2026-11-20.md:6"])
        .ok()
        .stderr("oneonone: done: 2026-11-20.md:6: Book the café\n");
    run_in(&t, "bob", &["done", "2026-11-21.md:5"])
        .ok()
        .stderr("oneonone: done: 2026-11-21.md:5: ask Bob\n");
    run_in(&t, "bob", &["export", "alice/2026-11-20.md"])
        .ok()
        .stdout(t.read("alice/2026-11-20.md"));
    // Two notes by the two readings: neither is guessed.
    note(
        &t,
        "alice/alice/2026-11-20.md",
        "Alice",
        "2026-11-20",
        "- [ ] deep\n",
    );
    run_in(&t, "alice", &["export", "alice/2026-11-20.md"])
        .status(2)
        .stderr(
            "oneonone: error: alice/2026-11-20.md: names two notes, alice/2026-11-20.md \
             from here and 2026-11-20.md from the notebook folder; type the path of the one \
             you mean as seen from here\n",
        );
}

#[test]
fn issue14_svg_dash_writes_the_picture_to_stdout() {
    let t = Test::new();
    t.write(
        "bob/2026-11-01.md",
        "---\nperson: Bob\ndate: 2026-11-01\nenergy: 3\nchallenge: 4\nskill: 2\n---\n",
    );
    let run = t.run(&["trends", "bob", "--svg", "-"]).ok().stderr("");
    assert!(
        run.stdout.starts_with("<svg") || run.stdout.starts_with("<?xml"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.trim_end().ends_with("</svg>"), "{}", run.stdout);
    assert!(!t.path("-").exists());
}

#[test]
fn issue14_done_match_ignores_accents_and_case() {
    let t = alice();
    t.run(&["done", "--match", "BOOK THE CAFE"])
        .ok()
        .stderr("oneonone: done: alice/2026-11-20.md:6: Book the café\n");
}

#[test]
fn issue14_number_flags_are_refused_in_words() {
    let t = alice();
    for (args, value, flag, hint) in [
        (
            &["due", "--within", "abc"][..],
            "abc",
            "--within <DAYS>",
            "give a number of days, like 7",
        ),
        (
            &["questions", "-n", "x"][..],
            "x",
            "--count <N>",
            "give a count, like 3",
        ),
        (
            &["trends", "alice", "--last", "-1"][..],
            "-1",
            "--last <N>",
            "give a count, like 3",
        ),
        (
            &["new", "alice", "--seed", "x"][..],
            "x",
            "--seed <N>",
            "give a seed, like 42",
        ),
    ] {
        t.run(args).status(2).stderr(format!(
            "oneonone: error: invalid value '{value}' for '{flag}': not a whole number\n  \
             hint: {hint}\n\nFor more information, try '--help'.\n"
        ));
    }
    t.run(&["due", "--within", "99999999999"]).status(2).stderr(
        "oneonone: error: invalid value '99999999999' for '--within <DAYS>': too large\n  \
         hint: a number of days is at most 65535\n\nFor more information, try '--help'.\n",
    );
}

#[test]
fn issue14_yaml_errors_point_at_the_unclosed_quote_or_bracket() {
    let t = alice();
    t.write(
        "alice/person.yaml",
        "name: Alice\nrole: \"eng\ncadence_days: 7\n",
    );
    t.write(
        "bob/2026-11-22.md",
        "---\nperson: Bob\ndate: 2026-11-22\ntags: [a\n---\n",
    );
    let run = t.run(&["check"]).status(1);
    assert_eq!(
        run.stdout,
        "alice/person.yaml:2: found unexpected end of stream, while scanning a quoted scalar at line 2 column 7\n  \
         fix: fix the YAML (keys: name, role, cadence_days)\n\
         bob/2026-11-22.md:4: did not find expected ',' or ']', while parsing a flow sequence at line 4 column 7\n  \
         fix: fix the YAML between the `---` lines\n"
    );
}
