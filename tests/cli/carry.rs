//! End-to-end tests of carrying follow-ups over (issue 12): the whole item
//! travels, dated on its first line; the old note keeps it as the record,
//! every open task of it marked `[>]`; an item open in two notes reaches
//! the new note once; conflict markers anywhere stop `new`.

use serde_json::{Value, json};

use crate::fixtures::snapshot_bytes;
use crate::{Item, Test, followups_json, item};

/// A notebook whose new notes suggest no questions, so a test can spell
/// out a whole new note.
fn notebook() -> Test {
    let t = Test::new();
    t.write("oneonone.yaml", "questions_per_section: 0\n");
    t
}

/// The note `new` writes for Bob on `date` with `followups` (whole lines)
/// carried over, in a notebook from [`notebook`].
fn new_note(date: &str, followups: &str) -> String {
    format!(
        "---\nperson: Bob\ndate: {date}\nframework: listen-learn-lift\ntags: []\nenergy:\nchallenge:\nskill:\n---\n\
         # 1:1 with Bob, {date}\n\n## Agenda\n\n- \n\n\
         ## Listen\n\n_Make space: this time is theirs._\n\n\
         ## Learn\n\n_Understand what is really going on; look for patterns._\n\n\
         _Watch for: clear on priorities? · ownership or just execution? · tension with other teams? · blockers quietly absorbed?_\n\n\
         ## Lift\n\n_End with action: support, a connection, a new perspective._\n\n\
         ## Follow-ups\n\n{followups}- [ ] \n\n\
         ## Private\n\n_For your eyes only: `oneonone export --shared` leaves this section out._\n"
    )
}

/// A note of Bob's written by hand.
fn bob(date: &str, body: &str) -> String {
    format!("---\nperson: Bob\ndate: {date}\n---\n{body}")
}

fn due(mut item: Item, date: &str) -> Item {
    item.due = Some(date.into());
    item
}

const VENUE: &str = "## Follow-ups\n\n\
    - [ ] Book the offsite venue 📅 2026-12-01\n  for forty people,\n  near the station\n  - [ ] ask Priya for dates\n  - [x] set the budget\n";

#[test]
fn issue12_a_multi_line_item_travels_whole_dated_on_its_first_line() {
    let t = notebook();
    t.write("bob/2026-11-01.md", bob("2026-11-01", VENUE));
    t.run(&["new", "bob", "--date", "2026-11-10"])
        .ok()
        .stdout("bob/2026-11-10.md\n")
        .stderr("oneonone: created the 2026-11-10 note for Bob (Listen, Learn, Lift); 2 follow-ups carried over\n");
    // The old note keeps the item as the record: two bytes changed, one
    // for each open task.
    t.file(
        "bob/2026-11-01.md",
        bob(
            "2026-11-01",
            "## Follow-ups\n\n\
             - [>] Book the offsite venue 📅 2026-12-01\n  for forty people,\n  near the station\n  - [>] ask Priya for dates\n  - [x] set the budget\n",
        ),
    );
    t.file(
        "bob/2026-11-10.md",
        new_note(
            "2026-11-10",
            "- [ ] Book the offsite venue (from 2026-11-01) 📅 2026-12-01\n  for forty people,\n  near the station\n  - [ ] ask Priya for dates (from 2026-11-01)\n  - [x] set the budget\n",
        ),
    );
    assert_eq!(
        t.files(),
        ["bob/2026-11-01.md", "bob/2026-11-10.md", "oneonone.yaml"]
    );
    // Open in one place each, with the date it first came from.
    assert_eq!(
        followups_json(&t, &[]),
        [
            due(
                item(
                    "Bob",
                    "2026-11-10",
                    "bob/2026-11-10.md",
                    32,
                    "Book the offsite venue (from 2026-11-01) 📅 2026-12-01"
                ),
                "2026-12-01"
            ),
            item(
                "Bob",
                "2026-11-10",
                "bob/2026-11-10.md",
                35,
                "ask Priya for dates (from 2026-11-01)"
            ),
        ]
    );
    t.run(&["check", "--json"]).ok().stdout("[]\n");
}

#[test]
fn issue12_a_quoted_item_of_a_crlf_note_travels_whole() {
    let t = notebook();
    let before = "---\r\nperson: Bob\r\ndate: 2026-11-01\r\n---\r\n## Follow-ups\r\n\r\n\
        > - [ ] Book the offsite venue due:2026-12-01\r\n>   for forty people,\r\n>\r\n>   - [ ] ask Priya\r\n>   - [x] set the budget\r\n\r\n\
        - [ ] Send the agenda\r\n";
    t.write("bob/2026-11-01.md", before);
    t.run(&["new", "bob", "--date", "2026-11-10"])
        .ok()
        .stderr("oneonone: created the 2026-11-10 note for Bob (Listen, Learn, Lift); 3 follow-ups carried over\n");
    t.file(
        "bob/2026-11-01.md",
        before
            .replace("> - [ ] Book", "> - [>] Book")
            .replace(">   - [ ] ask", ">   - [>] ask")
            .replace("- [ ] Send", "- [>] Send"),
    );
    t.file(
        "bob/2026-11-10.md",
        new_note(
            "2026-11-10",
            "- [ ] Book the offsite venue (from 2026-11-01) due:2026-12-01\n  for forty people,\n\n  - [ ] ask Priya (from 2026-11-01)\n  - [x] set the budget\n\
             - [ ] Send the agenda (from 2026-11-01)\n",
        ),
    );
}

#[test]
fn issue12_carried_three_times_the_item_keeps_its_first_date_and_is_stuck() {
    let t = notebook();
    t.write("bob/2026-11-01.md", bob("2026-11-01", VENUE));
    for date in ["2026-11-10", "2026-11-17", "2026-11-24"] {
        t.run(&["new", "bob", "--date", date]).ok();
    }
    let carried = "- [>] Book the offsite venue (from 2026-11-01) 📅 2026-12-01\n  for forty people,\n  near the station\n  - [>] ask Priya for dates (from 2026-11-01)\n  - [x] set the budget\n";
    for date in ["2026-11-10", "2026-11-17"] {
        t.file(&format!("bob/{date}.md"), new_note(date, carried));
    }
    t.file(
        "bob/2026-11-24.md",
        new_note("2026-11-24", &carried.replace("[>]", "[ ]")),
    );
    let texts: Vec<(String, usize)> = followups_json(&t, &[])
        .into_iter()
        .map(|i| (i.text, i.line))
        .collect();
    assert_eq!(
        texts,
        [
            (
                "Book the offsite venue (from 2026-11-01) 📅 2026-12-01".to_string(),
                32
            ),
            ("ask Priya for dates (from 2026-11-01)".to_string(), 35),
        ]
    );
    let run = t
        .run(&["--today", "2026-11-25", "patterns", "bob", "--json"])
        .ok();
    let patterns: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        patterns["stuck"],
        json!([
            {
                "text": "Book the offsite venue (from 2026-11-01) 📅 2026-12-01",
                "path": "bob/2026-11-24.md",
                "line": 32,
                "carried": 3,
                "since": "2026-11-01"
            },
            {
                "text": "ask Priya for dates (from 2026-11-01)",
                "path": "bob/2026-11-24.md",
                "line": 35,
                "carried": 3,
                "since": "2026-11-01"
            }
        ])
    );
}

#[test]
fn issue12_an_open_sub_item_of_an_item_not_open_travels_on_its_own() {
    let t = notebook();
    let body = "## Follow-ups\n\n\
        - [x] Plan the offsite\n  - [ ] send the invite\n    to the whole team\n\
        - Budget talk\n  - [ ] ask about travel\n    - [x] flights\n";
    t.write("bob/2026-11-01.md", bob("2026-11-01", body));
    t.run(&["new", "bob", "--date", "2026-11-10"])
        .ok()
        .stderr("oneonone: created the 2026-11-10 note for Bob (Listen, Learn, Lift); 2 follow-ups carried over\n");
    t.file(
        "bob/2026-11-01.md",
        bob("2026-11-01", &body.replace("- [ ] ", "- [>] ")),
    );
    t.file(
        "bob/2026-11-10.md",
        new_note(
            "2026-11-10",
            "- [ ] send the invite (from 2026-11-01)\n  to the whole team\n\
             - [ ] ask about travel (from 2026-11-01)\n  - [x] flights\n",
        ),
    );
}

#[test]
fn issue12_an_item_open_in_two_notes_is_carried_once() {
    let t = notebook();
    // Carried on 2026-11-10, then reopened by hand in the old note: the
    // item itself, and a sub-item of another.
    t.write(
        "bob/2026-11-01.md",
        bob(
            "2026-11-01",
            "## Follow-ups\n\n\
             - [ ] Book the venue\n  for forty\n  - [>] ask Priya\n\
             - [>] Call the caterer\n  - [ ] confirm the menu\n",
        ),
    );
    t.write(
        "bob/2026-11-10.md",
        bob(
            "2026-11-10",
            "## Follow-ups\n\n\
             - [ ] Book the venue (from 2026-11-01)\n  for forty\n  - [x] ask Priya\n\
             - [ ] Call the caterer (from 2026-11-01)\n  - [ ] confirm the menu (from 2026-11-01)\n\
             - [ ] Send the agenda\n",
        ),
    );
    t.run(&["new", "bob", "--date", "2026-11-17"])
        .ok()
        .stderr(
            "oneonone: created the 2026-11-17 note for Bob (Listen, Learn, Lift); 4 follow-ups carried over\n\
             oneonone: 2 follow-ups were open in more than one note (an interrupted run, or a `[>]` reopened by hand?): \
             every copy is marked `[>]`, and the new note holds each once\n",
        );
    t.file(
        "bob/2026-11-01.md",
        bob(
            "2026-11-01",
            "## Follow-ups\n\n\
             - [>] Book the venue\n  for forty\n  - [>] ask Priya\n\
             - [>] Call the caterer\n  - [>] confirm the menu\n",
        ),
    );
    t.file(
        "bob/2026-11-10.md",
        bob(
            "2026-11-10",
            "## Follow-ups\n\n\
             - [>] Book the venue (from 2026-11-01)\n  for forty\n  - [x] ask Priya\n\
             - [>] Call the caterer (from 2026-11-01)\n  - [>] confirm the menu (from 2026-11-01)\n\
             - [>] Send the agenda\n",
        ),
    );
    t.file(
        "bob/2026-11-17.md",
        new_note(
            "2026-11-17",
            "- [ ] Book the venue (from 2026-11-01)\n  for forty\n  - [x] ask Priya\n\
             - [ ] Call the caterer (from 2026-11-01)\n  - [ ] confirm the menu (from 2026-11-01)\n\
             - [ ] Send the agenda (from 2026-11-10)\n",
        ),
    );
    t.run(&["check", "--json"]).ok().stdout("[]\n");
}

const CONFLICT_STDERR: &str =
    "unresolved git conflict markers; resolve them, then run `oneonone new` again\n";

#[test]
fn issue12_conflict_markers_in_a_note_of_carried_items_only_stop_new() {
    let t = notebook();
    t.write(
        "bob/2026-11-01.md",
        bob(
            "2026-11-01",
            "## Follow-ups\n\n<<<<<<< HEAD\n- [>] Book the venue\n=======\n- [x] Book the venue\n>>>>>>> theirs\n",
        ),
    );
    t.write(
        "bob/2026-11-10.md",
        bob("2026-11-10", "- [ ] Book the venue (from 2026-11-01)\n"),
    );
    t.run(&["agenda", "bob", "Ask about the offsite"]).ok();
    let before = snapshot_bytes(&t);
    for args in [
        &["new", "bob", "--date", "2026-11-17"][..],
        &["new", "bob", "--date", "2026-11-17", "--no-carry"],
    ] {
        t.run(args).status(2).stdout("").stderr(format!(
            "oneonone: error: bob/2026-11-01.md:7: {CONFLICT_STDERR}"
        ));
        assert_eq!(snapshot_bytes(&t), before);
    }
}

#[test]
fn issue12_conflict_markers_in_the_agenda_stop_new() {
    let t = notebook();
    // No open point: nothing would move out of it.
    t.write(
        "bob/agenda.md",
        "# Agenda: Bob\n\n<<<<<<< HEAD\n- [x] Ask about the offsite\n=======\n>>>>>>> theirs\n",
    );
    t.write(
        "bob/2026-11-10.md",
        bob("2026-11-10", "- [ ] Send the agenda\n"),
    );
    let before = snapshot_bytes(&t);
    t.run(&["new", "bob", "--date", "2026-11-17"])
        .status(2)
        .stdout("")
        .stderr(format!(
            "oneonone: error: bob/agenda.md:3: {CONFLICT_STDERR}"
        ));
    assert_eq!(snapshot_bytes(&t), before);
}
