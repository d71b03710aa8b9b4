//! End-to-end tests of `oneonone followups`: exactly the open GFM tasks,
//! owners and due dates, bad and unreadable files named and skipped, colour
//! and a closed pipe.

use std::fs;
use std::process::Command;

use crate::fixtures::{NOTE_HEAD, note, section};
use crate::{Item, Test, followups_json, item};

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

#[cfg(unix)]
fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout == b"0\n")
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
    t.run(&["followups", "zed"]).status(2).stderr(
        "oneonone: error: no person matches \"zed\"\n  hint: people in this notebook: alice-smith, bob\n",
    );
}

#[test]
fn followups_grouped_by_person_newest_first_with_age() {
    let t = fixture();
    // Its `[>] carried elsewhere` has no copy in a later note (issue 12).
    let run = t.run(&["--today", "2026-11-27", "followups"]).ok().stderr(
        "oneonone: 1 carried follow-up of Alice Smith has no open copy: `oneonone check --fix`\n",
    );
    insta::assert_snapshot!("followups_grouped", run.stdout);
}

#[test]
fn empty_notebook_prints_an_empty_array() {
    let t = Test::new();
    t.run(&["followups", "--json"]).ok().stdout("[]\n");
    t.run(&["followups"]).ok().stdout("").stderr(format!(
        "oneonone: no open follow-ups in {}\n",
        t.root().display()
    ));
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
         oneonone: warning: carol/2026-11-03.md:3:7: did not find expected ',' or ']', while parsing a flow sequence at line 3 column 7\n"
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

#[test]
fn followups_on_a_missing_notebook_says_so() {
    let t = Test::new();
    let run = t.run(&["--dir", "nope", "followups"]).status(2);
    assert_eq!(
        run.stderr,
        "oneonone: error: nope: the notebook folder does not exist\n  hint: it is named by --dir\n  hint: check the name, or make it a notebook:\n    oneonone init nope\n"
    );
}

#[test]
fn owners_due_dates_and_their_filters() {
    let t = Test::new();
    note(
        &t,
        "alice/2026-11-03.md",
        "Alice",
        "2026-11-03",
        "- [ ] Mine, no date\n- [ ] @me mine overdue 📅 2026-11-20\n- [ ] Hers @alice due:2026-12-01\n- [ ] Hers overdue @alice due:2026-11-01\n",
    );
    let all = followups_json(&t, &["--person", "alice"]);
    let owners: Vec<(&str, Option<&str>)> = all
        .iter()
        .map(|i| (i.owner.as_str(), i.due.as_deref()))
        .collect();
    assert_eq!(
        owners,
        [
            ("me", None),
            ("me", Some("2026-11-20")),
            ("alice", Some("2026-12-01")),
            ("alice", Some("2026-11-01"))
        ]
    );
    let texts = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["--today", "2026-11-27", "followups", "--json"];
        all.extend_from_slice(args);
        let run = t.run(&all).ok();
        serde_json::from_str::<Vec<Item>>(&run.stdout)
            .unwrap()
            .into_iter()
            .map(|i| i.text)
            .collect()
    };
    assert_eq!(
        texts(&["--mine"]),
        ["Mine, no date", "@me mine overdue 📅 2026-11-20"]
    );
    assert_eq!(
        texts(&["--theirs"]),
        [
            "Hers @alice due:2026-12-01",
            "Hers overdue @alice due:2026-11-01"
        ]
    );
    assert_eq!(
        texts(&["--overdue"]),
        [
            "@me mine overdue 📅 2026-11-20",
            "Hers overdue @alice due:2026-11-01"
        ]
    );
    assert_eq!(
        texts(&["--overdue", "--theirs"]),
        ["Hers overdue @alice due:2026-11-01"]
    );

    // Overdue first, most overdue first, in the grouped view.
    t.run(&["--today", "2026-11-27", "followups", "--color", "never"])
        .ok()
        .stdout(
            "Alice (4 open)\n  \
         alice/2026-11-03.md:9: Hers overdue @alice · overdue 26 days · open 24 days\n  \
         alice/2026-11-03.md:7: @me mine overdue · overdue 7 days · open 24 days\n  \
         alice/2026-11-03.md:6: Mine, no date · open 24 days\n  \
         alice/2026-11-03.md:8: Hers @alice · due 2026-12-01 · open 24 days\n",
        );
}

/// The benchmark's generated notebook, with every construct that trips a
/// line scan: the fast path (parallel, pre-filtered) finds exactly the
/// generator's count. (`followup::tests` compares it with the plain path.)
#[test]
fn followups_finds_exactly_the_generated_open_items() {
    let generator = std::path::Path::new(env!("CARGO_BIN_EXE_oneonone"))
        .parent()
        .unwrap()
        .join("examples/gen-corpus");
    assert!(
        generator.is_file(),
        "cargo test builds the gen-corpus example: {}",
        generator.display()
    );
    let t = Test::new();
    let out = Command::new(&generator)
        .arg(t.path("book"))
        .args(["--people", "7", "--notes", "400", "--seed", "3"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let expected: usize = String::from_utf8(out.stdout)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(expected > 100, "{expected}");
    let run = t.run(&["--dir", "book", "followups", "--json"]).ok();
    let items: Vec<crate::Item> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(items.len(), expected);
}

#[test]
fn every_kind_of_bad_file_is_named_and_the_rest_listed() {
    let t = Test::new();
    t.write("alice/2026-11-01.md", "- [ ] a good item\n");
    // An alias bomb in frontmatter finishes at once with an error.
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
    for (prev, name) in ["a", "b", "c", "d", "e", "f", "g", "h"]
        .iter()
        .zip(["b", "c", "d", "e", "f", "g", "h", "i"])
    {
        bomb.push_str(&format!(
            "{name}: &{name} [{}]\n",
            vec![format!("*{prev}"); 9].join(", ")
        ));
    }
    t.write(
        "bomb/2026-11-01.md",
        format!("---\n{bomb}---\n- [ ] under a bomb\n"),
    );
    t.write(
        "binary/2026-11-01.md",
        (0..=255u8).cycle().take(4096).collect::<Vec<u8>>(),
    );
    t.write("empty/2026-11-01.md", "");
    t.write("only-frontmatter/2026-11-01.md", "---\nperson: Only\n---\n");
    t.write("names/2026-11-01 copy with spaces.md", "- [ ] spaces\n");
    t.write("ünïcødé/2026-11-01.md", "- [ ] unicode\n");
    t.write("-dash/2026-11-01.md", "- [ ] leading dash\n");
    t.write(".git/objects/ab/cdef.md", "- [ ] in git\n");
    t.write(
        "deep/2026-11-01.md",
        format!("{}[ ] ten thousand levels down\n", "- ".repeat(10_000)),
    );
    t.write(
        "wide/2026-11-01.md",
        format!("- [ ] {}\n", "w".repeat(1 << 20)),
    );
    #[cfg(unix)]
    {
        fs::create_dir_all(t.path("loop")).unwrap();
        std::os::unix::fs::symlink("loop-b.md", t.path("loop/loop-a.md")).unwrap();
        std::os::unix::fs::symlink("loop-a.md", t.path("loop/loop-b.md")).unwrap();
        std::os::unix::fs::symlink("/etc/hostname", t.path("alice/outside.md")).unwrap();
    }
    let started = std::time::Instant::now();
    let run = t.run(&["followups", "--json"]).status(2);
    assert!(
        started.elapsed().as_secs() < 30,
        "took {:?}",
        started.elapsed()
    );
    let items: Vec<crate::Item> = serde_json::from_str(&run.stdout).unwrap();
    let mut texts: Vec<String> = items.into_iter().map(|i| i.text).collect();
    texts.sort();
    let mut expected = vec![
        "a good item".to_string(),
        "leading dash".into(),
        "spaces".into(),
        "ten thousand levels down".into(),
        "under a bomb".into(),
        "unicode".into(),
        "w".repeat(1 << 20),
    ];
    expected.sort();
    assert_eq!(texts, expected);
    let mut warnings: Vec<&str> = run.stderr.lines().collect();
    warnings.sort_unstable();
    let mut want = vec![
        "oneonone: warning: binary/2026-11-01.md:2: not UTF-8 text; skipped",
        "oneonone: warning: bomb/2026-11-01.md:2: repetition limit exceeded",
    ];
    #[cfg(unix)]
    want.extend([
        "oneonone: warning: alice/outside.md: symbolic link not followed; what it points to is not read",
        "oneonone: warning: loop/loop-a.md: symbolic link not followed; what it points to is not read",
        "oneonone: warning: loop/loop-b.md: symbolic link not followed; what it points to is not read",
    ]);
    want.sort_unstable();
    assert_eq!(warnings, want);
    // A name with a leading dash is reached after `--`.
    t.run(&["done", "--", "-dash/2026-11-01.md:1"])
        .ok()
        .stderr("oneonone: done: -dash/2026-11-01.md:1: leading dash\n");
}

#[test]
fn a_fifty_megabyte_note_is_read_to_the_end() {
    let t = Test::new();
    let line = "Long notes from a long meeting, nothing but prose here at all.\n";
    let lines = 50 * 1024 * 1024 / line.len();
    t.write(
        "alice/2026-11-01.md",
        format!("{}- [ ] the last line\n", line.repeat(lines)),
    );
    let items = followups_json(&t, &[]);
    assert_eq!(items.len(), 1);
    assert_eq!(
        (items[0].line, items[0].text.as_str()),
        (lines + 1, "the last line")
    );
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_named_and_skipped() {
    use std::os::unix::fs::PermissionsExt;
    // Named with --dir: run as another user below, a notebook found by
    // looking upward would be refused as theirs.
    let t = Test::bare();
    t.write("alice/2026-11-01.md", "- [ ] readable\n");
    t.write("alice/2026-11-02.md", "- [ ] secret\n");
    fs::set_permissions(
        t.path("alice/2026-11-02.md"),
        fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    for dir in [t.dir.path().to_path_buf(), t.path("alice")] {
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
    }
    fs::set_permissions(
        t.path("alice/2026-11-01.md"),
        fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    // Root reads anything: run as nobody then, as a manager would run.
    let wrapper: &[&str] = if is_root() {
        &[
            "setpriv",
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
        ]
    } else {
        &[]
    };
    let run = t
        .run_via(wrapper, &["--dir", ".", "followups", "--json"])
        .status(2)
        .stderr("oneonone: warning: alice/2026-11-02.md: cannot read: permission denied\n");
    let items: Vec<crate::Item> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].text, "readable");
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

#[test]
fn issue9_json_escapes_what_a_terminal_would_act_on() {
    let t = Test::new();
    let text = "csi \u{9b}2J del\u{7f} rlo \u{202e}txet lri\u{2066} alm\u{61c}";
    t.write("bob/2026-11-01.md", format!("- [ ] {text}\n"));
    let run = t.run(&["followups", "--json"]).ok();
    assert!(
        run.stdout
            .contains(r#""text": "csi \u009b2J del\u007f rlo \u202etxet lri\u2066 alm\u061c","#),
        "{}",
        run.stdout
    );
    // The same data, read back.
    let items: Vec<crate::Item> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(items[0].text, text);
}
