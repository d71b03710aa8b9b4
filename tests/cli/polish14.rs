//! Issue 14, polish: `people` keeps AGENDA and cuts long names before it
//! drops columns; `undo` speaks from where the user stands and names whose
//! change it took back; a duplicate YAML key is reported where it is; an
//! emoji in a name stays out of the person's folder.

use crate::Test;
use crate::fixtures::note;

/// 45 display columns.
const LONG: &str = "Bartholomew Featherstone-Oberhausen Kowalczyk";

/// A team with a 45-column name, CJK and emoji names, roles, and five
/// agenda points for 李娜.
fn team() -> Test {
    let t = Test::new();
    let held =
        |rel: &str, name: &str, date: &str| note(&t, rel, name, date, "## Notes\n\nTalked.\n");
    held("bart/2026-11-20.md", LONG, "2026-11-20");
    t.write(
        "bart/person.yaml",
        "role: Principal Software Engineer, Platform\n",
    );
    held("li-na/2026-11-03.md", "李娜", "2026-11-03");
    t.write("li-na/person.yaml", "role: Engineering Manager\n");
    held("sam/2026-11-25.md", "Sam 🚀 Park", "2026-11-25");
    // Their next note is written already: the widest DUE cell.
    held("jo/2026-11-20.md", "Jose\u{301} Ñúñez", "2026-11-20");
    held("jo/2026-12-04.md", "Jose\u{301} Ñúñez", "2026-12-04");
    for point in ["Rota", "Budget", "Hiring", "Offsite", "Promotion"] {
        t.run(&["agenda", "li-na", point]).ok();
    }
    t
}

fn widest(text: &str) -> usize {
    text.lines()
        .map(unicode_width::UnicodeWidthStr::width)
        .max()
        .unwrap_or(0)
}

#[test]
fn issue14_people_at_80_columns_cuts_long_names_and_keeps_agenda() {
    let t = team();
    let run = t
        .run_on_terminal_of(80, &["--color", "never", "people"])
        .ok();
    assert!(widest(&run.stdout) <= 80, "{}", run.stdout);
    // Names cut to 24 first; then LAST 1:1, 1:1S and AGO go; AGENDA stays.
    run.stdout(
        "PERSON                    MINE/THEIRS  AGENDA  NEXT 1:1    DUE\n\
         李娜                      0/0          5       2026-11-17  overdue 10 days\n\
         Bartholomew Featherston…  0/0          0       2026-12-04  in 7 days\n\
         Jose\u{301} Ñúñez                0/0          0       2026-12-04  in 7 days, note ready\n\
         Sam 🚀 Park               0/0          0       2026-12-09  in 12 days\n",
    );
}

#[test]
fn issue14_people_at_100_columns_cuts_a_long_name_before_dropping_columns() {
    let t = team();
    let run = t
        .run_on_terminal_of(100, &["--color", "never", "people"])
        .ok();
    assert!(widest(&run.stdout) <= 100, "{}", run.stdout);
    // Only LAST 1:1 goes once the name is cut to 24.
    run.stdout(
        "PERSON                    AGO  1:1S  MINE/THEIRS  AGENDA  NEXT 1:1    DUE\n\
         李娜                      24d  1     0/0          5       2026-11-17  overdue 10 days\n\
         Bartholomew Featherston…  7d   1     0/0          0       2026-12-04  in 7 days\n\
         Jose\u{301} Ñúñez                7d   1     0/0          0       2026-12-04  in 7 days, note ready\n\
         Sam 🚀 Park               2d   1     0/0          0       2026-12-09  in 12 days\n",
    );
}

#[test]
fn issue14_people_at_40_columns_keeps_names_12_wide_and_the_due_cell() {
    let t = team();
    // The narrowest table: 12 + 10 + 21 + 2 gaps = 47 columns; it wraps.
    t.run_on_terminal_of(40, &["--color", "never", "people"])
        .ok()
        .stdout(
            "PERSON        NEXT 1:1    DUE\n\
             李娜          2026-11-17  overdue 10 days\n\
             Bartholomew…  2026-12-04  in 7 days\n\
             Jose\u{301} Ñúñez    2026-12-04  in 7 days, note ready\n\
             Sam 🚀 Park   2026-12-09  in 12 days\n",
        );
}

/// Runs `args` with the current folder `rel` inside the notebook.
fn run_in(t: &Test, rel: &str, args: &[&str]) -> crate::Run {
    Test::run_cmd(t.cmd().current_dir(t.path(rel)).args(args))
}

#[test]
fn issue14_undo_inside_a_person_folder_names_files_from_there_and_whose_change() {
    let t = Test::new();
    note(
        &t,
        "li-nuo/2026-11-20.md",
        "Li Nuo",
        "2026-11-20",
        "## Follow-ups\n\n- [ ] Send the deck\n",
    );
    t.write("li-nuo/person.yaml", "role: SRE\n");
    run_in(
        &t,
        "li-nuo",
        &[
            "away",
            "li-nuo",
            "--from",
            "2026-12-01",
            "--to",
            "2026-12-05",
        ],
    )
    .ok()
    .stderr("oneonone: Li Nuo away 2026-12-01 to 2026-12-05 (5 days): person.yaml\n");
    run_in(&t, "li-nuo", &["undo", "--dry-run"]).ok().stdout(
        "undo `away li-nuo`\n\
         edit person.yaml:2\n\
         \x20 - away:\n\
         \x20 -   - {from: 2026-12-01, to: 2026-12-05}\n",
    );
    run_in(&t, "li-nuo", &["undo"])
        .ok()
        .stdout("")
        .stderr("oneonone: undid `away li-nuo`\noneonone: restored person.yaml\n");
    t.file("li-nuo/person.yaml", "role: SRE\n");

    // `done` names the items it ticked, from the notebook's top.
    run_in(&t, "li-nuo", &["done", "2026-11-20.md:8"]).ok();
    run_in(&t, "li-nuo", &["undo"]).ok().stderr(
        "oneonone: undid `done li-nuo/2026-11-20.md:8`\noneonone: restored 2026-11-20.md\n",
    );
    t.run(&["done", "--match", "deck"]).ok();
    t.run(&["done", "--reopen", "li-nuo/2026-11-20.md:8"]).ok();
    t.run(&["undo"]).ok().stderr(
        "oneonone: undid `done --reopen li-nuo/2026-11-20.md:8`\noneonone: restored li-nuo/2026-11-20.md\n",
    );
    t.run(&["undo"]).ok().stderr(
        "oneonone: undid `done li-nuo/2026-11-20.md:8`\noneonone: restored li-nuo/2026-11-20.md\n",
    );
}

#[test]
fn issue14_a_duplicate_yaml_key_is_reported_at_its_second_line() {
    let t = Test::new();
    note(&t, "alice/2026-11-20.md", "Alice", "2026-11-20", "");
    t.write(
        "alice/person.yaml",
        "# About Alice\nname: Alice\nrole: SRE\naway:\n  - {from: 2026-10-01, to: 2026-10-03}\n\
         cadence_days: 14\n# later\naway:\n  - {from: 2026-12-01, to: 2026-12-03}\n",
    );
    t.run(&["away", "alice"])
        .status(2)
        .stdout("")
        .stderr("oneonone: error: alice/person.yaml:8:1: duplicate field `away`\n");
    // Nested: the key of an `away:` entry, and a note's frontmatter.
    t.write(
        "alice/person.yaml",
        "away:\n  - from: 2026-10-01\n    to: 2026-10-03\n    from: 2026-10-02\n",
    );
    t.run(&["away", "alice"])
        .status(2)
        .stdout("")
        .stderr("oneonone: error: alice/person.yaml:4:5: away[0]: duplicate field `from`\n");
    t.write(
        "bob/2026-11-20.md",
        "---\nperson: Bob\ndate: 2026-11-20\nperson: Bobby\n---\n",
    );
    t.run(&["check"])
        .status(1)
        .stderr("oneonone: 2 problems in 2 files\n")
        .stdout(
            "alice/person.yaml:4: away[0]: duplicate field `from`\n\
         \x20 fix: fix the YAML (keys: name, role, cadence_days)\n\
         bob/2026-11-20.md:4: duplicate entry with key \"person\"\n\
         \x20 fix: fix the YAML between the `---` lines\n",
        );
}

#[test]
fn issue14_an_emoji_in_a_name_stays_out_of_the_folder_and_the_sort() {
    let t = Test::new();
    t.run(&["--today", "2026-11-20", "new", "🦊 Renard"]).ok();
    t.run(&["--today", "2026-11-20", "new", "Greta ✨"]).ok();
    t.run(&["--today", "2026-11-20", "new", "Pia"]).ok();
    assert_eq!(
        t.files(),
        [
            "greta/2026-11-20.md",
            "pia/2026-11-20.md",
            "renard/2026-11-20.md"
        ]
    );
    // `renard` finds him as typed, with no did-you-mean.
    t.run(&["agenda", "renard", "Offsite"])
        .ok()
        .stderr("oneonone: added to 🦊 Renard's agenda (1 open)\n");
    let run = t
        .run(&["--today", "2026-11-20", "people", "--sort", "name"])
        .ok();
    let names: Vec<&str> = run
        .stdout
        .lines()
        .skip(1)
        .map(|l| l.split("  ").next().unwrap())
        .collect();
    assert_eq!(names, ["Greta ✨", "Pia", "🦊 Renard"]);
}
