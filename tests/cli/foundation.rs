//! The foundation: new, the question bank, followups, the notebook folder.

use std::fs;
use std::path::PathBuf;

use crate::{Item, Test, followups_json, item};

// ---------------------------------------------------------------- new

#[test]
fn new_writes_the_dated_note_from_the_template() {
    let t = Test::new();
    let run = t
        .run(&["new", "Alice Smith", "--date", "2026-11-24", "--seed", "7"])
        .ok();
    assert_eq!(run.stdout, "alice-smith/2026-11-24.md\n");
    assert_eq!(
        run.stderr,
        "oneonone: created the 2026-11-24 note for Alice Smith (Listen, Learn, Lift)\n"
    );
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
    let run = t
        .run(&["new", "alice", "--date", "2026-11-24", "--seed", "2"])
        .ok();
    assert_eq!(run.stdout, "alice-smith/2026-11-24-2.md\n");
    let run = t.run(&["new", "Alice Smith", "--date", "2026-11-24"]).ok();
    assert_eq!(run.stdout, "alice-smith/2026-11-24-3.md\n");
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
    let run = t.run(&["--today", "2026-01-05", "new", "José Núñez"]).ok();
    assert_eq!(run.stdout, "jose-nunez/2026-01-05.md\n");
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
        let run = t.run(&["new", name]).status(2);
        assert_eq!(run.stdout, "");
        assert_eq!(
            run.stderr,
            format!("oneonone: error: cannot use {name:?} as a person: {reason}\n")
        );
    }
    assert_eq!(t.files(), Vec::<String>::new());
}

#[test]
fn ambiguous_short_name_is_an_error_listing_the_people() {
    let t = Test::new();
    t.run(&["new", "Alice Smith", "--date", "2026-11-24"]).ok();
    t.run(&["new", "Alice Jones", "--date", "2026-11-24"]).ok();
    let run = t.run(&["new", "alice"]).status(2);
    assert_eq!(
        run.stderr,
        "oneonone: error: \"alice\" matches more than one person: alice-jones, alice-smith; give more of the name\n"
    );
}

#[cfg(unix)]
#[test]
fn notes_and_folders_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let t = Test::new();
    t.run(&["--dir", "book", "new", "Alice", "--date", "2026-11-24"])
        .ok();
    let mode = |p: &str| fs::metadata(t.path(p)).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode("book"), 0o700);
    assert_eq!(mode("book/alice"), 0o700);
    assert_eq!(mode("book/alice/2026-11-24.md"), 0o600);
}

// ---------------------------------------------------------- notebook dir

#[test]
fn dir_flag_beats_env_which_beats_discovery() {
    let t = Test::new();
    t.write("found/oneonone.yaml", "framework: listen-learn-lift\n");
    fs::create_dir_all(t.path("found/alice/deep")).unwrap();

    // --dir, relative to the current folder, shown as given.
    let run = Test::run_cmd(t.cmd().env("ONEONONE_DIR", t.path("env")).args([
        "--dir",
        "flag",
        "new",
        "bob",
        "--date",
        "2026-11-24",
    ]))
    .ok();
    assert_eq!(run.stdout, "flag/bob/2026-11-24.md\n");

    // $ONEONONE_DIR when there is no --dir.
    let env_dir = t.path("env");
    let run = Test::run_cmd(t.cmd().env("ONEONONE_DIR", &env_dir).args([
        "new",
        "bob",
        "--date",
        "2026-11-24",
    ]))
    .ok();
    // An absolute folder inside the current one is shown relative to it.
    assert_eq!(run.stdout, "env/bob/2026-11-24.md\n");
    let elsewhere = tempfile::tempdir().unwrap();
    let run = Test::run_cmd(t.cmd().env("ONEONONE_DIR", elsewhere.path()).args([
        "new",
        "bob",
        "--date",
        "2026-11-24",
    ]))
    .ok();
    assert_eq!(
        PathBuf::from(run.stdout.trim_end()),
        elsewhere.path().join("bob/2026-11-24.md")
    );
    assert!(env_dir.join("bob/2026-11-24.md").is_file());

    // Neither: the nearest folder above holding oneonone.yaml, paths shown
    // relative to where we are.
    let run = Test::run_cmd(t.cmd().current_dir(t.path("found/alice/deep")).args([
        "new",
        "bob",
        "--date",
        "2026-11-24",
    ]))
    .ok();
    assert_eq!(run.stdout, "../../bob/2026-11-24.md\n");
    assert!(t.path("found/bob/2026-11-24.md").is_file());

    // Nothing at all: the current folder.
    let run = t.run(&["new", "carol", "--date", "2026-11-24"]).ok();
    assert_eq!(run.stdout, "carol/2026-11-24.md\n");
}

#[test]
fn init_writes_a_commented_config_once() {
    let t = Test::new();
    let run = t.run(&["init", "book"]).ok();
    assert_eq!(run.stdout, "book/oneonone.yaml\n");
    assert_eq!(
        run.stderr,
        "oneonone: created book/oneonone.yaml; next: cd book && oneonone new \"<name>\" writes your first note\n"
    );
    let config = t.read("book/oneonone.yaml");
    assert!(
        config.starts_with("# oneonone notebook settings.\n"),
        "{config}"
    );
    assert!(config.contains("\nframework: listen-learn-lift\n"));
    assert!(config.contains("\nquestions_per_section: 3\n"));

    t.write("book/oneonone.yaml", "manager: Sam\n");
    let run = t.run(&["init", "book"]).status(2);
    assert_eq!(
        run.stderr,
        "oneonone: error: book/oneonone.yaml: already exists; oneonone never overwrites a file\n"
    );
    assert_eq!(t.read("book/oneonone.yaml"), "manager: Sam\n");
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
    let run = t.run(&["new", "Alice"]).status(2);
    assert_eq!(
        run.stderr,
        "oneonone: error: oneonone.yaml:2:1: unknown field `questions_per_sektion`, expected one of `manager`, `framework`, `questions_per_section`, `cadence_days`, `private_section`, `share_checkins`, `private_files`, `cache`\n"
    );
    assert_eq!(t.files(), ["oneonone.yaml"]);
}

#[test]
fn followups_on_a_missing_notebook_says_so() {
    let t = Test::new();
    let run = t.run(&["--dir", "nope", "followups"]).status(2);
    assert_eq!(
        run.stderr,
        "oneonone: error: nope: the notebook folder does not exist; create it, or run `oneonone init nope`\n"
    );
}

// ---------------------------------------------------------- question bank

#[test]
fn broken_bank_file_names_its_line() {
    let t = Test::new();
    t.write(
        "question-bank/mine.yaml",
        "questions:\n  listen:\n    - fine?\n    - [unclosed\n",
    );
    let run = t.run(&["new", "Alice"]).status(2);
    assert_eq!(
        run.stderr,
        "oneonone: error: question-bank/mine.yaml:4:7: questions.listen[1]: invalid type: sequence, \
         expected a question: a string, or a map with `text` and `tags`\n"
    );
    assert!(!t.path("alice").exists());
    t.write(
        "question-bank/mine.yaml",
        "questions:\n  listen:\n    - fine?\n  \tbad: tab\n",
    );
    let run = t.run(&["new", "Alice"]).status(2);
    assert!(
        run.stderr
            .starts_with("oneonone: error: question-bank/mine.yaml:4:"),
        "{}",
        run.stderr
    );
}

#[test]
fn notebook_bank_is_merged_with_the_built_in_one() {
    let t = Test::new();
    t.write(
        "question-bank/team.yaml",
        "questions:\n  listen:\n    - How was the on-call week?\n  retro:\n    - text: What surprised you?\n      tags: [growth]\n",
    );
    let run = t.run(&["questions", "--all", "--color", "never"]).ok();
    assert!(
        run.stdout
            .starts_with("listen (26)\n  What's on your mind this week?  [opener]\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("  How was the on-call week?\n"));
    assert!(
        run.stdout
            .contains("\nretro (1)\n  What surprised you?  [growth]\n"),
        "{}",
        run.stdout
    );
    let run = t.run(&["questions", "--section", "Retro"]).ok();
    assert_eq!(run.stdout, "What surprised you?\n");
}

#[test]
fn questions_are_picked_per_section() {
    let t = Test::new();
    let run = t
        .run(&["questions", "--section", "lift", "-n", "3", "--seed", "5"])
        .ok();
    let all = t
        .run(&[
            "questions",
            "--all",
            "--section",
            "lift",
            "--color",
            "never",
        ])
        .ok()
        .stdout;
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 3);
    for line in &lines {
        assert!(
            all.lines().any(|l| l.trim_start().starts_with(line)),
            "{line} not in lift"
        );
    }
    let again = t
        .run(&["questions", "--section", "lift", "-n", "3", "--seed", "5"])
        .ok();
    assert_eq!(run.stdout, again.stdout);

    let run = t
        .run(&["questions", "--seed", "1", "--color", "never"])
        .ok();
    let sections: Vec<&str> = run
        .stdout
        .lines()
        .map(|l| l.split(':').next().unwrap())
        .collect();
    assert_eq!(sections, ["listen", "learn", "lift"]);

    let run = t.run(&["questions", "--section", "nope"]).status(2);
    assert_eq!(
        run.stderr,
        "oneonone: error: no question section \"nope\"; sections: clouds, continue, learn, lift, listen, rainbows, start, stop\n"
    );
}

// -------------------------------------------------------------- followups

/// A notebook holding every construct the task scanner must get right.
fn fixture() -> Test {
    let t = Test::new();
    let alice = [
        "---",                              // 1
        "person: Alice Smith",              // 2
        "date: 2026-11-17",                 // 3
        "tags: [growth]",                   // 4
        "# - [ ] yaml comment, not a task", // 5
        "---",                              // 6
        "# 1:1 with Alice Smith",           // 7
        "",                                 // 8
        "## Follow-ups",                    // 9
        "",                                 // 10
        "- [ ] Send the promo doc",         // 11
        "* [ ] star marker",                // 12
        "+ [ ] plus marker",                // 13
        "1. [ ] ordered dot",               // 14
        "2) [ ] ordered paren",             // 15
        "- [x] done lower",                 // 16
        "- [X] done upper",                 // 17
        "- [>] carried elsewhere",          // 18
        "- [-] cancelled",                  // 19
        "- [ ] ",                           // 20: the template's placeholder
        "- [ ]",                            // 21
        "",                                 // 22
        "```",                              // 23
        "- [ ] fenced code",                // 24
        "```",                              // 25
        "",                                 // 26
        "~~~md",                            // 27
        "- [ ] tilde fence",                // 28
        "~~~",                              // 29
        "",                                 // 30
        "    - [ ] indented code",          // 31
        "",                                 // 32
        "<details>",                        // 33
        "- [ ] html block",                 // 34
        "</details>",                       // 35
        "",                                 // 36
        "> - [ ] in a block quote",         // 37
        "> continued",                      // 38
        "",                                 // 39
        "- parent",                         // 40
        "  - [ ] nested child",             // 41
        "    - [ ] **grand** child",        // 42
        "",                                 // 43
        "Prose with [ ] brackets.",         // 44
        "",                                 // 45
        "| a | b |",                        // 46
        "|---|---|",                        // 47
        "| [ ] | cell |",                   // 48
        "",                                 // 49
        "1. [ ]",                           // 50
        "   wrapped onto the next line",    // 51
    ];
    t.write("alice-smith/2026-11-17.md", alice.join("\n") + "\n");
    // CRLF line endings and a BOM, no frontmatter: person from the folder,
    // date from the file name.
    t.write(
        "bob/2026-11-20.md",
        "\u{feff}# Bob\r\n\r\n- [ ] crlf item\r\n- [x] crlf done\r\n  - [ ] crlf nested\r\n",
    );
    // Frontmatter date wins over the file name; a second meeting that day.
    t.write(
        "bob/2026-11-20-2.md",
        "---\ndate: 2026-11-21\n---\n- [ ] later that day\n",
    );
    // Files oneonone never reads.
    t.write(".git/objects/x.md", "- [ ] in git\n");
    t.write(".obsidian/notes.md", "- [ ] in obsidian\n");
    t.write("question-bank/readme.md", "- [ ] in the bank folder\n");
    t.write("alice-smith/notes.txt", "- [ ] not markdown\n");
    t
}

#[test]
fn followups_json_lists_exactly_the_open_gfm_tasks() {
    let t = fixture();
    let a = |line, text| {
        item(
            "Alice Smith",
            "2026-11-17",
            "alice-smith/2026-11-17.md",
            line,
            text,
        )
    };
    let expected = vec![
        a(11, "Send the promo doc"),
        a(12, "star marker"),
        a(13, "plus marker"),
        a(14, "ordered dot"),
        a(15, "ordered paren"),
        a(37, "in a block quote"),
        a(41, "nested child"),
        a(42, "**grand** child"),
        a(50, "wrapped onto the next line"),
        // Sorted by path: `-` sorts before `.`.
        item(
            "bob",
            "2026-11-21",
            "bob/2026-11-20-2.md",
            4,
            "later that day",
        ),
        item("bob", "2026-11-20", "bob/2026-11-20.md", 3, "crlf item"),
        item("bob", "2026-11-20", "bob/2026-11-20.md", 5, "crlf nested"),
    ];
    assert_eq!(followups_json(&t, &[]), expected);
}

#[test]
fn followups_for_one_person() {
    let t = fixture();
    let items = followups_json(&t, &["bob"]);
    let texts: Vec<&str> = items.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(texts, ["later that day", "crlf item", "crlf nested"]);
    let run = t.run(&["followups", "zed"]).status(2);
    assert_eq!(
        run.stderr,
        "oneonone: error: no person matches \"zed\"; people in this notebook: alice-smith, bob\n"
    );
}

#[test]
fn followups_grouped_by_person_newest_first_with_age() {
    let t = fixture();
    let run = t.run(&["--today", "2026-11-27", "followups"]).ok();
    assert_eq!(run.stderr, "");
    insta::assert_snapshot!("followups_grouped", run.stdout);
}

#[test]
fn empty_notebook_prints_an_empty_array() {
    let t = Test::new();
    let run = t.run(&["followups", "--json"]).ok();
    assert_eq!(run.stdout, "[]\n");
    let run = t.run(&["followups"]).ok();
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, "oneonone: no open follow-ups in .\n");
}

#[test]
fn bad_files_are_warned_about_and_the_rest_still_listed() {
    let t = Test::new();
    t.write("alice/2026-11-01.md", "- [ ] good item\n");
    t.write("bob/2026-11-02.md", b"- [ ] caf\xe9 latin-1\n".as_slice());
    t.write(
        "carol/2026-11-03.md",
        "---\nperson: Carol\ndate: [2026\n---\n- [ ] item under broken yaml\n",
    );
    let run = t.run(&["followups", "--json"]).status(2);
    let items: Vec<Item> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        items,
        [
            item("alice", "2026-11-01", "alice/2026-11-01.md", 1, "good item"),
            item(
                "carol",
                "2026-11-03",
                "carol/2026-11-03.md",
                5,
                "item under broken yaml"
            ),
        ]
    );
    assert_eq!(
        run.stderr,
        "oneonone: warning: bob/2026-11-02.md:1: not UTF-8 text; skipped\n\
         oneonone: warning: carol/2026-11-03.md:4:1: did not find expected ',' or ']', while parsing a flow sequence at line 3 column 7\n"
    );
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_a_warning_not_a_failure() {
    use std::os::unix::fs::PermissionsExt;
    let t = Test::new();
    t.write("alice/2026-11-01.md", "- [ ] good item\n");
    t.write("alice/2026-11-02.md", "- [ ] secret\n");
    fs::set_permissions(
        t.path("alice/2026-11-02.md"),
        fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    if fs::read(t.path("alice/2026-11-02.md")).is_ok() {
        return; // running as root: permissions do not stop reads
    }
    let run = t.run(&["followups", "--json"]).status(2);
    assert!(
        run.stderr
            .contains("alice/2026-11-02.md: cannot read: Permission denied"),
        "{}",
        run.stderr
    );
}

#[test]
fn note_text_cannot_drive_the_terminal() {
    let t = Test::new();
    t.write("alice/2026-11-01.md", "- [ ] red \u{1b}[31malert\u{7}\n");
    let run = t
        .run(&["--today", "2026-11-01", "followups", "--color", "always"])
        .ok();
    assert!(!run.stdout.contains("\u{1b}[31malert"), "{:?}", run.stdout);
    assert!(
        run.stdout.contains("red \u{fffd}[31malert\u{fffd}"),
        "{:?}",
        run.stdout
    );
}

#[test]
fn colour_follows_the_flag() {
    let t = fixture();
    let always = t.run(&["followups", "--color", "always"]).ok();
    assert!(always.stdout.contains("\u{1b}["));
    let never = t.run(&["followups", "--color", "never"]).ok();
    assert!(!never.stdout.contains('\u{1b}'));
    // Not a terminal: auto means no colour.
    let auto = t.run(&["followups"]).ok();
    assert!(!auto.stdout.contains('\u{1b}'));
}

#[test]
fn closed_pipe_is_not_an_error() {
    use std::io::Read;
    use std::process::Stdio;
    let t = Test::new();
    let many = "- [ ] an item of a long list\n".repeat(20_000);
    t.write("alice/2026-11-01.md", many);
    let mut child = t
        .process(&[])
        .args(["followups"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut head = [0u8; 64];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut head)
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

// ------------------------------------------------------------------ CLI

#[test]
fn version_help_and_completions() {
    let t = Test::new();
    let run = t.run(&["--version"]).ok();
    assert_eq!(
        run.stdout,
        format!("oneonone {}\n", env!("CARGO_PKG_VERSION"))
    );
    let run = t.run(&["followups", "--help"]).ok();
    assert!(
        run.stdout.contains("Examples:\n  oneonone followups\n"),
        "{}",
        run.stdout
    );
    let run = t.run(&["completions", "bash"]).ok();
    assert!(
        run.stdout.starts_with("_oneonone() {"),
        "{}",
        &run.stdout[..80]
    );
    assert!(run.stdout.contains("followups"));
    let run = t.run(&["frobnicate"]).status(2);
    assert!(
        run.stderr
            .starts_with("oneonone: error: unrecognized subcommand 'frobnicate'"),
        "{}",
        run.stderr
    );
    let run = t.run(&["new", "a", "--date", "2026-13-01"]).status(2);
    assert!(
        run.stderr
            .contains("`2026-13-01` is not a date; write it as YYYY-MM-DD"),
        "{}",
        run.stderr
    );
}
