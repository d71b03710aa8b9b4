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
    away_until: Option<String>,
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
                away_until: None,
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
                away_until: None,
                overdue: false,
            },
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
                away_until: None,
                overdue: false,
            },
        ]
    );
    t
        .run(&["--today", "2026-11-27", "people", "--color", "never"])
        .ok().stdout("PERSON       ROLE            LAST 1:1    AGO  1:1S  MINE/THEIRS  AGENDA  NEXT 1:1    DUE\n\
         Bob                          2026-11-10  17d  1     0/0          0       2026-11-17  overdue 10 days\n\
         Carol                        -           -    0     0/0          1       -           first 1:1 to hold\n\
         Alice Smith  Staff Engineer  2026-11-17  10d  2     2/1          0       2026-12-01  in 4 days\n");
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
            "PERSON  ROLE  LAST 1:1    AGO  1:1S  MINE/THEIRS  AGENDA  NEXT 1:1    DUE\n\
             Alice         2026-11-10  17d  1     1/0          0       2026-11-24  overdue 3 days\n\
             Bob           2026-11-20  7d   1     2/0          0       2026-12-04  in 7 days\n",
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
            "PERSON  ROLE  LAST 1:1    AGO  1:1S  MINE/THEIRS  AGENDA  NEXT 1:1    DUE\n\
             李娜          2026-11-20  9d   1     0/0          0       2026-12-04  in 5 days\n\
             Bob           2026-11-21  8d   1     0/0          0       2026-12-05  in 6 days\n\
             Jose\u{301}          2026-11-22  7d   1     0/0          0       2026-12-06  in 7 days\n",
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
            "PERSON  ROLE  LAST 1:1    AGO  1:1S  MINE/THEIRS  AGENDA  NEXT 1:1    DUE\n\
             alice         2026-11-20  9d   1     0/0          0       2026-12-06  in 7 days, note ready\n",
        );
    let run = t
        .run(&["--today", "2026-11-29", "prep", "alice", "--color", "never"])
        .ok();
    assert_eq!(
        run.stdout.lines().nth(1),
        Some(
            "Next 2026-12-06, in 7 days, note ready · last 1:1 2026-11-20 (9 days ago) · 1 note · every 14 days"
        ),
        "{}",
        run.stdout
    );
    // Once its day has come, it is the last 1:1.
    t.run(&["--today", "2026-12-06", "people", "--color", "never"])
        .ok()
        .stdout(
            "PERSON  ROLE  LAST 1:1    AGO  1:1S  MINE/THEIRS  AGENDA  NEXT 1:1    DUE\n\
             alice         2026-12-06  0d   2     0/0          0       2026-12-20  in 14 days\n",
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
    // The held note's one item is private: nothing to quote from it, and
    // nothing from the upcoming one.
    assert!(!prep.contains("Last time"), "{prep}");
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

/// A notebook for the issue 14 views: a name of 24 columns with a long
/// role and a note ready for the next 1:1, a CJK name overdue, a
/// decomposed accent, an emoji, and someone not yet met.
fn issue14_team() -> Test {
    let t = Test::new();
    let note = |path: &str, name: &str, date: &str| {
        t.write(path, format!("---\nperson: {name}\ndate: {date}\n---\n"));
    };
    note(
        "bartholomew/2026-11-20.md",
        "Bartholomew Featherstone",
        "2026-11-20",
    );
    note(
        "bartholomew/2026-12-04.md",
        "Bartholomew Featherstone",
        "2026-12-04",
    );
    t.write(
        "bartholomew/person.yaml",
        "role: Principal Software Engineer, Platform Infrastructure\n",
    );
    note("li-na/2026-11-03.md", "李娜", "2026-11-03");
    t.write("li-na/person.yaml", "role: Engineering Manager\n");
    note("jose/2026-11-20.md", "Jose\u{301}", "2026-11-20");
    note("sam/2026-11-25.md", "Sam 🚀 Park", "2026-11-25");
    t.write("sam/person.yaml", "role: Designer\n");
    t.run(&["agenda", "Carol", "First chat"]).ok();
    t
}

/// Every line of `text` fits in `columns` display columns.
fn fits(text: &str, columns: usize) {
    for line in text.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= columns,
            "{line:?} is wider than {columns}"
        );
    }
}

#[test]
fn issue14_people_fits_80_columns_soonest_due_first() {
    let t = issue14_team();
    let run = t.run_on_terminal(&["--color", "never", "people"]);
    fits(&run.stdout, 80);
    run.ok().stdout(
        "PERSON                    MINE/THEIRS  AGENDA  NEXT 1:1    DUE\n\
         李娜                      0/0          0       2026-11-17  overdue 10 days\n\
         Carol                     0/0          1       -           first 1:1 to hold\n\
         Bartholomew Featherstone  0/0          0       2026-12-04  in 7 days, note ready\n\
         Jose\u{301}                      0/0          0       2026-12-04  in 7 days\n\
         Sam 🚀 Park               0/0          0       2026-12-09  in 12 days\n",
    );
}

#[test]
fn issue14_people_piped_keeps_every_column_whole() {
    let t = issue14_team();
    t.run(&["--today", "2026-11-27", "people"]).ok().stdout(
        "PERSON                    ROLE                                                  LAST 1:1    AGO  1:1S  MINE/THEIRS  AGENDA  NEXT 1:1    DUE\n\
         李娜                      Engineering Manager                                   2026-11-03  24d  1     0/0          0       2026-11-17  overdue 10 days\n\
         Carol                                                                           -           -    0     0/0          1       -           first 1:1 to hold\n\
         Bartholomew Featherstone  Principal Software Engineer, Platform Infrastructure  2026-11-20  7d   1     0/0          0       2026-12-04  in 7 days, note ready\n\
         Jose\u{301}                                                                            2026-11-20  7d   1     0/0          0       2026-12-04  in 7 days\n\
         Sam 🚀 Park               Designer                                              2026-11-25  2d   1     0/0          0       2026-12-09  in 12 days\n",
    );
}

#[test]
fn issue14_people_sorts_by_name_and_by_last_1_1() {
    let t = issue14_team();
    let header = "PERSON                    MINE/THEIRS  AGENDA  NEXT 1:1    DUE\n";
    let bart = "Bartholomew Featherstone  0/0          0       2026-12-04  in 7 days, note ready\n";
    let carol = "Carol                     0/0          1       -           first 1:1 to hold\n";
    let jose = "Jose\u{301}                      0/0          0       2026-12-04  in 7 days\n";
    let li = "李娜                      0/0          0       2026-11-17  overdue 10 days\n";
    let sam = "Sam 🚀 Park               0/0          0       2026-12-09  in 12 days\n";
    let sorted = |by: &str| {
        t.run_on_terminal(&["--color", "never", "people", "--sort", by])
            .ok()
            .stdout
    };
    // By the folded name: 李娜 as "li na", José however typed as "jose".
    assert_eq!(
        sorted("name"),
        [header, bart, carol, jose, li, sam].concat()
    );
    // Never met first, then who was seen longest ago.
    assert_eq!(
        sorted("last"),
        [header, carol, li, bart, jose, sam].concat()
    );
    assert_eq!(sorted("due"), [header, li, carol, bart, jose, sam].concat());
    // The JSON array follows the same order.
    let run = t.run(&[
        "--today",
        "2026-11-27",
        "people",
        "--json",
        "--sort",
        "name",
    ]);
    let rows: Vec<PersonRow> = serde_json::from_str(&run.ok().stdout).unwrap();
    let slugs: Vec<&str> = rows.iter().map(|r| r.slug.as_str()).collect();
    assert_eq!(slugs, ["bartholomew", "carol", "jose", "li-na", "sam"]);
    t.run(&["people", "--sort", "age"]).status(2);
}

#[test]
fn issue14_people_at_80_columns_drops_role_for_short_names_too() {
    let t = issue14_team();
    std::fs::remove_dir_all(t.path("bartholomew")).unwrap();
    t.run_on_terminal(&["--color", "never", "people"])
        .ok()
        .stdout(
            "PERSON       AGO  1:1S  MINE/THEIRS  AGENDA  NEXT 1:1    DUE\n\
         李娜         24d  1     0/0          0       2026-11-17  overdue 10 days\n\
         Carol        -    0     0/0          1       -           first 1:1 to hold\n\
         Jose\u{301}         7d   1     0/0          0       2026-12-04  in 7 days\n\
         Sam 🚀 Park  2d   1     0/0          0       2026-12-09  in 12 days\n",
        );
}

#[test]
fn issue14_people_colours_the_due_cell_alone() {
    let t = issue14_team();
    // The date stays plain; only the words that ask for a 1:1 are red
    // (overdue) or yellow (never held), in a cell of their own.
    t.run_on_terminal(&["people"]).ok().stdout(
        "\u{1b}[1mPERSON                    MINE/THEIRS  AGENDA  NEXT 1:1    DUE\u{1b}[0m\n\
         李娜                      0/0          0       2026-11-17  \u{1b}[1m\u{1b}[31moverdue 10 days\u{1b}[0m\n\
         Carol                     0/0          1       -           \u{1b}[1m\u{1b}[33mfirst 1:1 to hold\u{1b}[0m\n\
         Bartholomew Featherstone  0/0          0       2026-12-04  in 7 days, note ready\n\
         Jose\u{301}                      0/0          0       2026-12-04  in 7 days\n\
         Sam 🚀 Park               0/0          0       2026-12-09  in 12 days\n",
    );
}

#[test]
fn issue14_people_cuts_a_name_too_long_for_80_columns() {
    let t = issue14_team();
    t.write(
        "max/2026-11-25.md",
        "---\nperson: Maximiliana Oberhausen-Kowalczyk\ndate: 2026-11-25\n---\n",
    );
    let run = t.run_on_terminal(&["--color", "never", "people"]);
    fits(&run.stdout, 80);
    // Cut to 24 columns before any column goes: the agenda stays.
    run.ok().stdout(
        "PERSON                    MINE/THEIRS  AGENDA  NEXT 1:1    DUE\n\
         李娜                      0/0          0       2026-11-17  overdue 10 days\n\
         Carol                     0/0          1       -           first 1:1 to hold\n\
         Bartholomew Featherstone  0/0          0       2026-12-04  in 7 days, note ready\n\
         Jose\u{301}                      0/0          0       2026-12-04  in 7 days\n\
         Maximiliana Oberhausen-…  0/0          0       2026-12-09  in 12 days\n\
         Sam 🚀 Park               0/0          0       2026-12-09  in 12 days\n",
    );
    // A pipe gets the whole name.
    let piped = t.run(&["--today", "2026-11-27", "people"]).ok().stdout;
    assert!(
        piped.contains("\nMaximiliana Oberhausen-Kowalczyk  "),
        "{piped}"
    );
}
