//! End-to-end tests of `oneonone people`: cadence and open follow-ups per
//! person.

use serde::Deserialize;

use crate::Test;
use crate::fixtures::{note, two_people};

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct PersonRow {
    slug: String,
    name: String,
    role: Option<String>,
    last: Option<String>,
    days_since: Option<i64>,
    meetings: usize,
    open_mine: usize,
    open_theirs: usize,
    agenda: usize,
    cadence_days: u32,
    next_due: Option<String>,
    overdue: bool,
}

#[test]
fn people_lists_cadence_and_follow_ups() {
    let t = Test::new();
    t.write("oneonone.yaml", "cadence_days: 7\n");
    note(
        &t,
        "alice/2026-11-03.md",
        "Alice Smith",
        "2026-11-03",
        "- [ ] mine\n",
    );
    note(
        &t,
        "alice/2026-11-17.md",
        "Alice Smith",
        "2026-11-17",
        "- [ ] hers @alice\n- [ ] mine too\n",
    );
    t.write(
        "alice/person.yaml",
        "role: Staff Engineer\ncadence_days: 14\n",
    );
    note(
        &t,
        "bob/2026-11-10.md",
        "Bob",
        "2026-11-10",
        "nothing open\n",
    );
    t.run(&["agenda", "Carol", "First chat"]).ok();
    let run = t.run(&["--today", "2026-11-27", "people", "--json"]).ok();
    let rows: Vec<PersonRow> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        rows,
        [
            PersonRow {
                slug: "alice".into(),
                name: "Alice Smith".into(),
                role: Some("Staff Engineer".into()),
                last: Some("2026-11-17".into()),
                days_since: Some(10),
                meetings: 2,
                open_mine: 2,
                open_theirs: 1,
                agenda: 0,
                cadence_days: 14,
                next_due: Some("2026-12-01".into()),
                overdue: false,
            },
            PersonRow {
                slug: "bob".into(),
                name: "Bob".into(),
                role: None,
                last: Some("2026-11-10".into()),
                days_since: Some(17),
                meetings: 1,
                open_mine: 0,
                open_theirs: 0,
                agenda: 0,
                cadence_days: 7,
                next_due: Some("2026-11-17".into()),
                overdue: true,
            },
            PersonRow {
                slug: "carol".into(),
                name: "Carol".into(),
                role: None,
                last: None,
                days_since: None,
                meetings: 0,
                open_mine: 0,
                open_theirs: 0,
                agenda: 1,
                cadence_days: 7,
                next_due: None,
                overdue: false,
            },
        ]
    );
    t
        .run(&["--today", "2026-11-27", "people", "--color", "never"])
        .ok().stdout("PERSON       ROLE            LAST 1:1    AGO  1:1S  MINE/THEIRS  AGENDA  NEXT 1:1\n\
         Alice Smith  Staff Engineer  2026-11-17  10d  2     2/1          0       2026-12-01\n\
         Bob                          2026-11-10  17d  1     0/0          0       2026-11-17 overdue 10 days\n\
         Carol                        -           -    0     0/0          1       first 1:1 to hold\n");
}

#[test]
fn issue9_a_huge_cadence_is_an_error_not_a_panic() {
    let t = two_people();
    t.write(
        "alice/person.yaml",
        "name: Alice\ncadence_days: 100000000\n",
    );
    let warning = "oneonone: warning: alice/person.yaml:2:15: cadence_days: 100000000 days; it must be from 1 to 3650\n";
    // The rest of the notebook is still listed; Alice on the default.
    t.run(&["--today", "2026-11-27", "people", "--color", "never"])
        .status(2)
        .stderr(warning)
        .stdout(
            "PERSON  ROLE  LAST 1:1    AGO  1:1S  MINE/THEIRS  AGENDA  NEXT 1:1\n\
             Alice         2026-11-10  17d  1     1/0          0       2026-11-24 overdue 3 days\n\
             Bob           2026-11-20  7d   1     2/0          0       2026-12-04\n",
        );
    for args in [&["prep", "alice"][..], &["patterns", "alice"]] {
        t.run(args).status(2).stderr(warning);
    }
    t.write("oneonone.yaml", "cadence_days: 0\n");
    t.run(&["people"]).status(2).stderr(
        "oneonone: error: oneonone.yaml:1:15: cadence_days: 0 days; it must be from 1 to 3650\n",
    );
}

#[test]
fn issue10_people_aligns_wide_and_decomposed_names_by_display_width() {
    let t = Test::new();
    // 李娜 takes four columns in two characters; José typed on macOS is
    // five characters in four columns.
    for (name, date) in [
        ("李娜", "2026-11-20"),
        ("Bob", "2026-11-21"),
        ("Jose\u{301}", "2026-11-22"),
    ] {
        t.run(&["new", name, "--date", date]).ok();
    }
    t.run(&["--today", "2026-11-29", "people", "--color", "never"])
        .ok()
        .stdout(
            "PERSON  ROLE  LAST 1:1    AGO  1:1S  MINE/THEIRS  AGENDA  NEXT 1:1\n\
             Bob           2026-11-21  8d   1     0/0          0       2026-12-05\n\
             Jose\u{301}          2026-11-22  7d   1     0/0          0       2026-12-06\n\
             李娜          2026-11-20  9d   1     0/0          0       2026-12-04\n",
        );
}

#[test]
fn issue11_a_note_dated_after_today_is_the_next_1_1_not_the_last() {
    let t = Test::new();
    t.run(&[
        "--today",
        "2026-11-29",
        "new",
        "alice",
        "--date",
        "2026-11-20",
    ])
    .ok();
    t.run(&["--today", "2026-11-29", "new", "alice", "--date", "2026-12-06"])
        .ok()
        .stderr(
            "oneonone: created the 2026-12-06 note for alice (Listen, Learn, Lift)\n\
             oneonone: it is for an upcoming 1:1, in 7 days; `people` and `prep` show it as the next one\n",
        );
    t.run(&["--today", "2026-11-29", "people", "--color", "never"])
        .ok()
        .stdout(
            "PERSON  ROLE  LAST 1:1    AGO  1:1S  MINE/THEIRS  AGENDA  NEXT 1:1\n\
             alice         2026-11-20  9d   1     0/0          0       2026-12-06, in 7 days, note ready\n",
        );
    let run = t
        .run(&["--today", "2026-11-29", "prep", "alice", "--color", "never"])
        .ok();
    assert_eq!(
        run.stdout.lines().nth(1),
        Some(
            "Last 1:1 2026-11-20 (9 days ago) · 1 note · every 14 days · next 2026-12-06, in 7 days, note ready"
        ),
        "{}",
        run.stdout
    );
    // Once its day has come, it is the last 1:1.
    t.run(&["--today", "2026-12-06", "people", "--color", "never"])
        .ok()
        .stdout(
            "PERSON  ROLE  LAST 1:1    AGO  1:1S  MINE/THEIRS  AGENDA  NEXT 1:1\n\
             alice         2026-12-06  0d   2     0/0          0       2026-12-20\n",
        );
}

/// Review: with a note prepared for next week, the commands that take the
/// latest note took that one; an item carried into it read "in 7 days" as
/// if due; a year typed wrong moved every open item out of sight.
#[test]
fn issue11_an_upcoming_note_is_not_the_latest_note() {
    let t = Test::new();
    let today = ["--today", "2026-11-29", "--color", "never"];
    let run = |args: &[&str]| t.run(&[&today[..], args].concat());
    run(&["new", "dana", "--date", "2026-11-20", "--new-person"]).ok();
    t.write(
        "dana/2026-11-20.md",
        t.read("dana/2026-11-20.md") + "- [ ] Send the doc\n",
    );
    run(&["new", "dana", "--date", "2026-12-06"]).ok();
    // Written at the end, in the template's private section: private
    // (issue 13), and carried into the next note's private section.
    run(&["followups"]).ok().stdout(
        "dana (1 open)\n  \
         dana/2026-12-06.md:50: 🔒 Send the doc (from 2026-11-20) · for the 1:1 in 7 days\n",
    );
    let prep = run(&["prep", "dana"]).ok().stdout;
    assert!(prep.contains("\nLast time (2026-11-20): Lift\n"), "{prep}");
    run(&["open", "dana", "--print"])
        .ok()
        .stdout("dana/2026-11-20.md\n");
    run(&["checkin", "dana", "--energy", "4"]).ok();
    assert!(t.read("dana/2026-11-20.md").contains("\nenergy: 4\n"));
    assert!(t.read("dana/2026-12-06.md").contains("\nenergy:\n"));
    // With only the upcoming note, it is the one they mean.
    run(&["new", "eve", "--date", "2026-12-01", "--new-person"]).ok();
    run(&["open", "eve", "--print"])
        .ok()
        .stdout("eve/2026-12-01.md\n");
    // More than a year ahead is a slip of the year: refused, nothing moved.
    let before = t.read("dana/2026-12-06.md");
    run(&["new", "dana", "--date", "2027-12-01"])
        .status(2)
        .stdout("")
        .stderr(
            "oneonone: error: --date 2027-12-01 is more than a year ahead; a note is for a 1:1 \
             held or planned within the year (is the year right?)\n",
        );
    t.file("dana/2026-12-06.md", before);
    run(&["new", "dana", "--date", "2027-11-30"]).ok();
}
