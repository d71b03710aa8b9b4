//! `oneonone away` (issue 14): time off recorded in person.yaml, and the
//! cadence not counting it in `people`, `due`, `prep` and `patterns`.

use crate::Test;

/// Alice, met on 2026-11-10 (cadence 14 days, so due 2026-11-24), with a
/// person.yaml holding comments and an earlier absence.
fn alice() -> Test {
    let t = Test::new();
    t.write(
        "alice/2026-11-10.md",
        "---\nperson: Alice Smith\ndate: 2026-11-10\n---\n",
    );
    t.write(
        "alice/person.yaml",
        "# About Alice\nname: Alice Smith\naway:\n  - {from: 2026-10-01, to: 2026-10-03}  # autumn break\nrole: SRE  # since June\n",
    );
    t
}

#[test]
fn issue14_away_appends_to_the_list_keeping_comments_lists_and_is_undone() {
    let t = alice();
    t.run(&[
        "away",
        "alice",
        "--from",
        "2026-11-20",
        "--to",
        "2026-12-05",
        "--why",
        "holiday",
    ])
    .ok()
    .stdout("")
    .stderr(
        "oneonone: Alice Smith away 2026-11-20 to 2026-12-05 (16 days, holiday): alice/person.yaml\n",
    );
    t.file(
        "alice/person.yaml",
        "# About Alice\nname: Alice Smith\naway:\n  - {from: 2026-10-01, to: 2026-10-03}  # autumn break\n  - {from: 2026-11-20, to: 2026-12-05, why: holiday}\nrole: SRE  # since June\n",
    );
    t.run(&["away", "alice"]).ok().stderr("").stdout(
        "2026-10-01 to 2026-10-03 (3 days)\n\
         2026-11-20 to 2026-12-05 (16 days, holiday)\n",
    );
    t.run(&["undo"]).ok();
    t.file(
        "alice/person.yaml",
        "# About Alice\nname: Alice Smith\naway:\n  - {from: 2026-10-01, to: 2026-10-03}  # autumn break\nrole: SRE  # since June\n",
    );
}

#[test]
fn issue14_away_adds_an_away_list_to_a_person_yaml_without_one() {
    let t = Test::new();
    t.write("bob/2026-11-20.md", "---\nperson: Bob\n---\n");
    t.write("bob/person.yaml", "name: Bob  # the name\naliases: [bo]");
    t.write("eve/2026-11-20.md", "---\nperson: Eve\n---\n");
    t.write(
        "eve/person.yaml",
        "away: [{from: 2026-01-05, to: 2026-01-09}]  # ski\n",
    );
    t.run(&["away", "bob", "--from", "2026-12-24", "--to", "2026-12-24"])
        .ok();
    t.file(
        "bob/person.yaml",
        "name: Bob  # the name\naliases: [bo]\naway:\n  - {from: 2026-12-24, to: 2026-12-24}\n",
    );
    t.run(&[
        "away",
        "eve",
        "--from",
        "2026-12-01",
        "--to",
        "2026-12-02",
        "--why",
        "on call: no",
    ])
    .ok();
    t.file(
        "eve/person.yaml",
        "away: [{from: 2026-01-05, to: 2026-01-09}, {from: 2026-12-01, to: 2026-12-02, why: \"on call: no\"}]  # ski\n",
    );
    t.run(&["away", "eve"]).ok().stdout(
        "2026-01-05 to 2026-01-09 (5 days)\n\
         2026-12-01 to 2026-12-02 (2 days, on call: no)\n",
    );
}

#[test]
fn issue14_away_to_before_from_is_a_usage_error() {
    let t = alice();
    t.run(&["away", "alice", "--from", "2026-12-05", "--to", "2026-12-01"])
        .status(2)
        .stdout("")
        .stderr(
            "oneonone: error: --to 2026-12-01 is before --from 2026-12-05\n  hint: both days are included, so a single day is:\n    --from 2026-12-05 --to 2026-12-05\n",
        );
}

#[test]
fn issue14_a_bad_away_entry_is_an_error_naming_person_yaml_and_its_line() {
    let t = alice();
    t.write(
        "alice/person.yaml",
        "name: Alice Smith\naway:\n  - {from: 2026-10-01, to: 2026-10-03}\n  - {from: 2026-12-05, to: 2026-12-01}\n",
    );
    t.run(&["away", "alice"]).status(2).stdout("").stderr(
        "oneonone: error: alice/person.yaml:4:5: away[1]: `to: 2026-12-01` is before `from: 2026-12-05` (both days are included)\n",
    );
    t.write(
        "alice/person.yaml",
        "away:\n  - {from: 2026-10-01, until: 2026-10-03}\n",
    );
    t.run(&["away", "alice", "--from", "2026-12-01", "--to", "2026-12-02"])
        .status(2)
        .stderr(
            "oneonone: error: alice/person.yaml:2:24: away[0]: unknown field `until`, expected one of `from`, `to`, `why`\n",
        );
}

#[test]
fn issue14_people_shows_away_until_and_pushes_the_due_date_at_80_columns() {
    let t = alice();
    t.write(
        "bob/2026-11-20.md",
        "---\nperson: Bob\ndate: 2026-11-20\n---\n",
    );
    t.run(&[
        "away",
        "alice",
        "--from",
        "2026-11-20",
        "--to",
        "2026-12-05",
    ])
    .ok();
    // On 2026-11-27 Alice is away: not overdue, due 14 days present after
    // 11-10 (9 before she left, 5 after she is back).
    t.run_on_terminal(&["--color", "never", "people"])
        .ok()
        .stdout(
            "PERSON       AGO  1:1S  MINE/THEIRS  AGENDA  NEXT 1:1    DUE\n\
             Bob          7d   1     0/0          0       2026-12-04  in 7 days\n\
             Alice Smith  17d  1     0/0          0       2026-12-10  away until 2026-12-05\n",
        );
    let run = t.run(&[
        "--today",
        "2026-11-27",
        "people",
        "--json",
        "--sort",
        "name",
    ]);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&run.ok().stdout).unwrap();
    let field = |i: usize, key: &str| rows[i][key].clone();
    assert_eq!(field(0, "away_until"), "2026-12-05");
    assert_eq!(field(0, "next_due"), "2026-12-10");
    assert_eq!(field(1, "away_until"), serde_json::Value::Null);
}

#[test]
fn issue14_due_exits_0_for_someone_overdue_but_away() {
    let t = alice();
    // Due 2026-11-24, overdue on 11-27 ...
    t.run(&["--today", "2026-11-27", "due"])
        .status(1)
        .stdout("Alice Smith  overdue 3 days (due 2026-11-24)\n");
    // ... unless she left before: away from 11-25, the due date (a day she
    // is here) stays 11-24, but while she is away she is due the day after
    // she is back.
    t.run(&[
        "away",
        "alice",
        "--from",
        "2026-11-25",
        "--to",
        "2026-11-30",
    ])
    .ok();
    t.run(&["--today", "2026-11-27", "due"])
        .ok()
        .stdout("Alice Smith  away until 2026-11-30, due 2026-12-01\n");
    // prep's cadence line agrees.
    let prep = t.run(&["--today", "2026-11-27", "prep", "alice"]).ok();
    assert!(
        prep.stdout.contains(
            "Away until 2026-11-30, due 2026-12-01 · last 1:1 2026-11-10 (17 days ago) · 1 note · every 14 days\n"
        ),
        "{}",
        prep.stdout
    );
}

#[test]
fn issue14_an_absence_removes_a_gap_in_patterns() {
    let t = Test::new();
    for date in ["2026-09-01", "2026-09-15", "2026-10-20", "2026-11-03"] {
        t.write(
            &format!("alice/{date}.md"),
            format!("---\nperson: Alice\ndate: {date}\n---\n"),
        );
    }
    // Five weeks from 09-15 to 10-20, three of them away: 14 days.
    t.write(
        "alice/person.yaml",
        "name: Alice\naway: [{from: 2026-09-22, to: 2026-10-12, why: holiday}]\n",
    );
    t.run(&["--today", "2026-11-10", "patterns", "alice"])
        .ok()
        .stdout(
            "Alice: 4 notes, 2026-09-01 to 2026-11-03\n\
             \n\
             Follow-ups carried over 3 times or more\n  \
             none\n\
             \n\
             Longest gaps between 1:1s (cadence 14 days)\n  \
             2026-09-01 → 2026-09-15   14 days\n  \
             2026-09-15 → 2026-10-20   14 days  (21 days away)\n  \
             2026-10-20 → 2026-11-03   14 days\n  \
             2026-11-03 → today         7 days\n",
        );
}

#[test]
fn issue14_a_bad_away_entry_costs_that_entry_not_the_profile() {
    let t = Test::new();
    t.write(
        "marcus/2026-11-10.md",
        "---\nperson: Marcus Lee\ndate: 2026-11-10\n---\n",
    );
    t.write(
        "marcus/person.yaml",
        "name: Marcus Lee\nrole: SRE\ncadence_days: 7\naway:\n  \
         - {from: 2026-11-12, to: 2026-11-14}\n  \
         - {from: 2027-03-01, to: 2027-02-28, why: ski}\n",
    );
    // The good period still pushes the due date (11-17 by 3 days), the
    // cadence and role still count; the bad entry is named.
    t.run(&["--today", "2026-11-18", "people"])
        .status(2)
        .stdout(
            "PERSON      ROLE  LAST 1:1    AGO  1:1S  MINE/THEIRS  AGENDA  NEXT 1:1    DUE\n\
             Marcus Lee  SRE   2026-11-10  8d   1     0/0          0       2026-11-20  in 2 days\n",
        )
        .stderr(
            "oneonone: warning: marcus/person.yaml:6:5: away[1]: `to: 2027-02-28` is before \
             `from: 2027-03-01` (both days are included)\n",
        );
}

#[test]
fn issue14_a_due_date_never_moves_back_as_days_pass() {
    let t = Test::new();
    t.write(
        "ann/2026-11-01.md",
        "---\nperson: Ann\ndate: 2026-11-01\n---\n",
    );
    // Due 11-15, then away 11-18 to 11-25 while overdue: those days are
    // not days overdue, and the date does not jump back on her return.
    t.run(&["away", "ann", "--from", "2026-11-18", "--to", "2026-11-25"])
        .ok();
    t.run(&["--today", "2026-11-17", "due"])
        .status(1)
        .stdout("Ann  overdue 2 days (due 2026-11-15)\n");
    t.run(&["--today", "2026-11-20", "due", "--within", "7"])
        .ok()
        .stdout("Ann  away until 2026-11-25, due 2026-11-26\n");
    t.run(&["--today", "2026-11-26", "due"])
        .status(1)
        .stdout("Ann  overdue 3 days (due 2026-11-23)\n");
}

#[test]
fn issue14_next_1_1_of_someone_away_is_the_day_after_they_are_back() {
    let t = Test::new();
    t.write(
        "chloe/2026-11-24.md",
        "---\nperson: Chloé\ndate: 2026-11-24\n---\n",
    );
    t.write(
        "chloe/person.yaml",
        "cadence_days: 21\naway: [{from: 2026-12-20, to: 2026-12-25}]\n",
    );
    // Overdue since 12-15 when the time off begins: the table, `due` and
    // the calendar file all say the 26th.
    t.run(&["--today", "2026-12-22", "people"]).ok().stdout(
        "PERSON  ROLE  LAST 1:1    AGO  1:1S  MINE/THEIRS  AGENDA  NEXT 1:1    DUE\n\
         Chloé         2026-11-24  28d  1     0/0          0       2026-12-26  away until 2026-12-25\n",
    );
    let ics = t
        .run(&["--today", "2026-12-22", "people", "--ics", "-"])
        .ok()
        .stdout;
    assert!(ics.contains("DTSTART;VALUE=DATE:20261226\r\n"), "{ics}");
}
