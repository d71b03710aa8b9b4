//! Issue 14, views that fit a terminal: `followups` fits one (one line
//! per item, cut with `…` by display width), ages count from an item's
//! first date, a due date is shown once; `done` on a ticked line says it
//! is already done; counts agree with their nouns.

use crate::Test;

/// Alice's notes: an item carried twice (first written on 2026-10-30), a
/// long one with a due date, one in Japanese, one with a decomposed accent.
fn notebook() -> Test {
    let t = Test::new();
    t.write(
        "alice/2026-10-30.md",
        "---\nperson: Alice\ndate: 2026-10-30\n---\n- [>] Book the room\n",
    );
    t.write(
        "alice/2026-11-13.md",
        "---\nperson: Alice\ndate: 2026-11-13\n---\n- [>] Book the room (from 2026-10-30)\n",
    );
    t.write(
        "alice/2026-11-20.md",
        "---\nperson: Alice\ndate: 2026-11-20\n---\n\
         - [ ] Book the room (from 2026-10-30)\n\
         - [ ] Write the migration plan for the billing service with the platform team 📅 2026-12-04\n\
         - [ ] 日本語のテキストがとても長い場合にも正しく切り詰められるかを確認する\n\
         - [ ] Thank Jose\u{301} for the long and careful review of the onboarding guide\n",
    );
    t
}

#[test]
fn issue14_followups_fit_80_columns_by_display_width() {
    let t = notebook();
    let run = t.run_on_terminal(&["followups", "--color", "never"]);
    assert_eq!((run.status, run.stderr.as_str()), (0, ""));
    assert_eq!(
        run.stdout,
        "Alice (4 open)\n  \
         alice/2026-11-20.md:5: Book the room · open 28 days\n  \
         alice/2026-11-20.md:6: Write the migration pla… · due 2026-12-04 · open 7 days\n  \
         alice/2026-11-20.md:7: 日本語のテキストがとても長い場合にも正し… · open 7 days\n  \
         alice/2026-11-20.md:8: Thank Jose\u{301} for the long and careful revi… · open 7 days\n"
    );
    for line in run.stdout.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 80,
            "wider than 80 columns: {line}"
        );
    }
}

#[test]
fn issue14_a_long_folder_name_gives_up_the_age_and_due_cells_before_the_line_overflows() {
    let t = Test::new();
    let folder = "maximiliano-alejandro-fernandez-castellanos";
    t.write(
        &format!("{folder}/2026-11-17.md"),
        "---\nperson: Maximiliano\ndate: 2026-11-17\n---\n\
         - [ ] Approve the budget for the conference trip (from 2026-08-20) 📅 2026-08-25\n\
         - [ ] Ok\n",
    );
    let run = t.run_on_terminal(&["--today", "2026-11-27", "followups", "--color", "never"]);
    assert_eq!(
        run.stdout,
        format!(
            "Maximiliano (2 open)\n  \
             {folder}/2026-11-17.md:5: Approve the budg…\n  \
             {folder}/2026-11-17.md:6: Ok · open 10 days\n"
        )
    );
    for line in run.stdout.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 80, "{line}");
    }
}

#[test]
fn issue14_followups_piped_and_json_keep_the_whole_text() {
    let t = notebook();
    t.run(&["--today", "2026-11-27", "followups"])
        .ok()
        .stdout(
            "Alice (4 open)\n  \
             alice/2026-11-20.md:5: Book the room (from 2026-10-30) · open 28 days\n  \
             alice/2026-11-20.md:6: Write the migration plan for the billing service with the platform team · due 2026-12-04 · open 7 days\n  \
             alice/2026-11-20.md:7: 日本語のテキストがとても長い場合にも正しく切り詰められるかを確認する · open 7 days\n  \
             alice/2026-11-20.md:8: Thank Jose\u{301} for the long and careful review of the onboarding guide · open 7 days\n",
        );
    // JSON is the item as written, its due date in its text too.
    let run = t
        .run(&["--today", "2026-11-27", "followups", "--json"])
        .ok();
    let items: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    let texts: Vec<&str> = items.iter().map(|i| i["text"].as_str().unwrap()).collect();
    assert_eq!(
        texts,
        [
            "Book the room (from 2026-10-30)",
            "Write the migration plan for the billing service with the platform team 📅 2026-12-04",
            "日本語のテキストがとても長い場合にも正しく切り詰められるかを確認する",
            "Thank Jose\u{301} for the long and careful review of the onboarding guide",
        ]
    );
    assert_eq!(items[1]["due"], "2026-12-04");
}

#[test]
fn issue14_a_due_date_is_shown_once_and_an_upcoming_note_keeps_its_wording() {
    let t = Test::new();
    t.write(
        "bob/2026-11-20.md",
        "---\ndate: 2026-11-20\n---\n- [ ] Send the numbers due:2026-11-25.\n- [ ] Ship 📅 2026-12-04 (from 2026-11-06)\n",
    );
    t.write(
        "bob/2026-12-01.md",
        "---\ndate: 2026-12-01\n---\n- [ ] Ask about the offsite\n",
    );
    t.run(&["--today", "2026-11-27", "followups"]).ok().stdout(
        "bob (3 open)\n  \
             bob/2026-11-20.md:4: Send the numbers. · overdue 2 days · open 7 days\n  \
             bob/2026-12-01.md:4: Ask about the offsite · for the 1:1 in 4 days\n  \
             bob/2026-11-20.md:5: Ship (from 2026-11-06) · due 2026-12-04 · open 21 days\n",
    );
}

#[test]
fn issue14_done_on_a_ticked_line_says_already_done_and_writes_nothing() {
    let t = Test::new();
    let note =
        "---\nperson: Bob\ndate: 2026-11-20\n---\n- [x] Send the numbers\n- [ ] Book the room\n";
    t.write("bob/2026-11-20.md", note);
    // Already as asked: said so, exit 0, the note untouched.
    t.run(&["done", "bob/2026-11-20.md:5"])
        .ok()
        .stdout("")
        .stderr("oneonone: already done: bob/2026-11-20.md:5: Send the numbers\n");
    t.file("bob/2026-11-20.md", note);
    // With an open one: that one is ticked, the other said to be done.
    t.run(&["done", "bob/2026-11-20.md:5", "bob/2026-11-20.md:6"])
        .ok()
        .stderr(
            "oneonone: already done: bob/2026-11-20.md:5: Send the numbers\n\
             oneonone: done: bob/2026-11-20.md:6: Book the room\n",
        );
    t.file(
        "bob/2026-11-20.md",
        "---\nperson: Bob\ndate: 2026-11-20\n---\n- [x] Send the numbers\n- [x] Book the room\n",
    );
}

#[test]
fn issue14_counts_agree_with_their_nouns() {
    let t = Test::new();
    t.write("dana/person.yaml", "name: Dana\ncadence_days: 1\n");
    t.write(
        "dana/2026-11-20.md",
        "---\nperson: Dana\ndate: 2026-11-20\n---\n- [ ] Send the plan\n",
    );
    let run = t
        .run(&[
            "--today",
            "2026-11-27",
            "patterns",
            "dana",
            "--color",
            "never",
        ])
        .ok();
    let head: Vec<&str> = run.stdout.lines().take(1).collect();
    assert_eq!(head, ["Dana: 1 note, 2026-11-20 to 2026-11-20"]);
    assert!(
        run.stdout
            .contains("\nLongest gaps between 1:1s (cadence 1 day)\n"),
        "{}",
        run.stdout
    );
    let run = t
        .run(&["--today", "2026-11-27", "prep", "dana", "--color", "never"])
        .ok();
    let second: Vec<&str> = run.stdout.lines().skip(1).take(1).collect();
    assert_eq!(
        second,
        [
            "Overdue 6 days (due 2026-11-21) · last 1:1 2026-11-20 (7 days ago) · 1 note · every 1 day"
        ]
    );
}
