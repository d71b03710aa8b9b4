//! Issue 12, every follow-up accounted for: a `[>]` whose open copy is
//! gone (the note `new` made, deleted) is named by `followups` and `check`
//! at any depth and reopened by `check --fix`; a `[>]` reopened by hand is
//! a copy open twice, which `check --fix` marks in the older note;
//! `done --reopen` takes a `[>]` line; agenda lines that look like points
//! but are not task items are named with the spelling that works.

use std::fs;
use std::time::Duration;

use crate::Test;

/// Chloé's first note: two follow-ups, one with an open sub-item, and one
/// done.
const FIRST: &str = "---\nperson: Chloé Dubois\ndate: 2026-11-01\n---\n# 1:1 with Chloé Dubois, 2026-11-01\n\n## Follow-ups\n\n- [ ] Book the offsite venue\n  - [ ] ask Priya for dates\n- [x] Send the deck\n- [ ] Review the hiring plan\n";

/// The same after `new` carried its open items: one byte each.
const CARRIED: &str = "---\nperson: Chloé Dubois\ndate: 2026-11-01\n---\n# 1:1 with Chloé Dubois, 2026-11-01\n\n## Follow-ups\n\n- [>] Book the offsite venue\n  - [>] ask Priya for dates\n- [x] Send the deck\n- [>] Review the hiring plan\n";

/// The offsets at which two texts of the same length differ.
fn differing(a: &str, b: &str) -> Vec<usize> {
    assert_eq!(a.len(), b.len());
    a.bytes()
        .zip(b.bytes())
        .enumerate()
        .filter(|(_, (x, y))| x != y)
        .map(|(i, _)| i)
        .collect()
}

/// Chloé's first note and a talking point, then `new` on 2026-11-08,
/// whose note is then deleted by hand.
fn deleted_fresh_note() -> Test {
    let t = Test::new();
    t.write("chloe-dubois/2026-11-01.md", FIRST);
    t.run(&["agenda", "chloe", "Talk about the reorg"]).ok();
    t.run(&["new", "chloe", "--date", "2026-11-08", "--seed", "1"])
        .ok()
        .stdout("chloe-dubois/2026-11-08.md\n");
    t.file("chloe-dubois/2026-11-01.md", CARRIED);
    assert_eq!(differing(FIRST, CARRIED).len(), 3);
    fs::remove_file(t.path("chloe-dubois/2026-11-08.md")).unwrap();
    t
}

const ORPHANS: &str =
    "oneonone: 3 carried follow-ups of Chloé Dubois have no open copy: `oneonone check --fix`\n";

#[test]
fn issue12_followups_names_the_carried_items_a_deleted_note_held() {
    let t = deleted_fresh_note();
    let root = t.root().display().to_string();
    // Nothing is open, but a clean slate is not reported silently: a
    // notice (like the one about waiting talking points), exit 0.
    t.run(&["followups", "chloe"])
        .status(0)
        .stdout("")
        .stderr(format!(
            "{ORPHANS}oneonone: no open follow-ups in Chloé Dubois's notes\n"
        ));
    t.run(&["followups"])
        .status(0)
        .stdout("")
        .stderr(format!("{ORPHANS}oneonone: no open follow-ups in {root}\n"));
    t.run(&["followups", "--json"])
        .status(0)
        .stdout("[]\n")
        .stderr(ORPHANS);
}

#[test]
fn issue12_check_finds_every_orphan_nested_too_and_fix_reopens_them() {
    let t = deleted_fresh_note();
    let root = t.root().display().to_string();
    let fix = "  fix: `oneonone check --fix` reopens it (`[>]` back to `[ ]`); or copy it into the latest note\n";
    t.run(&["check"])
        .status(1)
        .stdout(format!(
            "chloe-dubois/2026-11-01.md:9: `[>] Book the offsite venue` was carried, but no later note of chloe-dubois holds it\n{fix}\
             chloe-dubois/2026-11-01.md:10: `[>] ask Priya for dates` was carried, but no later note of chloe-dubois holds it\n{fix}\
             chloe-dubois/2026-11-01.md:12: `[>] Review the hiring plan` was carried, but no later note of chloe-dubois holds it\n{fix}"
        ))
        .stderr("oneonone: 3 problems in 1 file\n");

    // A dry run lists the repairs and writes nothing.
    t.run(&["check", "--fix", "--dry-run"])
        .status(1)
        .stdout(
            "chloe-dubois/2026-11-01.md:9: would reopen `Book the offsite venue`: carried, but no later note holds it\n\
             chloe-dubois/2026-11-01.md:10: would reopen `ask Priya for dates`: carried, but no later note holds it\n\
             chloe-dubois/2026-11-01.md:12: would reopen `Review the hiring plan`: carried, but no later note holds it\n",
        )
        .stderr(format!(
            "oneonone: dry run: 3 repairs in 1 file listed, nothing was written; no other problems in {root}\n"
        ));
    t.file("chloe-dubois/2026-11-01.md", CARRIED);

    // The repairs: each `[>]` back to `[ ]`, one byte each, so the note is
    // again exactly what it was before `new`.
    t.run(&["check", "--fix"])
        .status(0)
        .stdout(
            "chloe-dubois/2026-11-01.md:9: reopened `Book the offsite venue`: carried, but no later note holds it\n\
             chloe-dubois/2026-11-01.md:10: reopened `ask Priya for dates`: carried, but no later note holds it\n\
             chloe-dubois/2026-11-01.md:12: reopened `Review the hiring plan`: carried, but no later note holds it\n",
        )
        .stderr(format!(
            "oneonone: 3 repairs made in 1 file; no problems left in {root}\n"
        ));
    t.file("chloe-dubois/2026-11-01.md", FIRST);
    assert_eq!(
        t.files(),
        ["chloe-dubois/2026-11-01.md", "chloe-dubois/agenda.md"]
    );
    t.run(&["check"])
        .ok()
        .stdout("")
        .stderr(format!("oneonone: no problems found in {root}\n"));
    t.run(&["--today", "2026-11-08", "followups", "chloe"])
        .ok()
        .stdout(
            "Chloé Dubois (3 open)\n  \
             chloe-dubois/2026-11-01.md:9: Book the offsite venue · open 7 days\n  \
             chloe-dubois/2026-11-01.md:10: ask Priya for dates · open 7 days\n  \
             chloe-dubois/2026-11-01.md:12: Review the hiring plan · open 7 days\n",
        )
        .stderr("");
    // And nothing is left for a second run to do.
    t.run(&["check", "--fix"]).ok().stdout("").stderr(format!(
        "oneonone: nothing to repair; no problems found in {root}\n"
    ));
}

#[test]
fn issue12_the_orphan_notice_holds_on_a_warm_cache() {
    let t = Test::new();
    t.write(
        "bob/2026-11-01.md",
        "- [>] Draft the plan\n  - [>] ask Ana\n- [x] done\n",
    );
    t.write(
        "bob/2026-11-08.md",
        "- [ ] Draft the plan (from 2026-11-01)\n  - [x] ask Ana\n",
    );
    // Old enough to be cached; the first run fills the cache, the second
    // reads both notes from it.
    std::thread::sleep(Duration::from_millis(2100));
    for _ in 0..2 {
        t.run(&["followups", "--json"]).ok().stderr("");
    }
    let cache = fs::read(crate::cache::cache_file(&t, "bob/")).unwrap();
    let at = cache.iter().position(|&b| b == b'\n').unwrap();
    let cache = oneonone::cache_body_to_json(&cache[at + 1..]).unwrap();
    assert!(cache["entries"]["bob/2026-11-01.md"].is_array(), "{cache}");
    // The later note is deleted: the earlier one still comes from the
    // cache, with the keys of its `[>]` items.
    fs::remove_file(t.path("bob/2026-11-08.md")).unwrap();
    t.run(&["followups"]).ok().stderr(format!(
        "oneonone: 2 carried follow-ups of bob have no open copy: `oneonone check --fix`\n\
         oneonone: no open follow-ups in {}\n",
        t.root().display()
    ));
}

#[test]
fn issue12_a_carried_item_reopened_by_hand_is_open_twice_and_fix_marks_the_older() {
    let t = Test::new();
    let first = "---\nperson: Bob\ndate: 2026-11-01\n---\n- [ ] Draft the plan\n- [ ] Call Ana\n";
    t.write("bob/2026-11-01.md", first);
    t.run(&["new", "bob", "--date", "2026-11-08", "--seed", "1"])
        .ok();
    let carried = first.replace("- [ ]", "- [>]");
    t.file("bob/2026-11-01.md", &carried);
    let second = t.read("bob/2026-11-08.md");
    let line = |text: &str, item: &str| {
        1 + text
            .lines()
            .position(|l| l.starts_with(item))
            .unwrap_or_else(|| panic!("{item} in\n{text}"))
    };
    let copy = line(&second, "- [ ] Draft the plan (from 2026-11-01)");
    // Clicked open again in Obsidian: `[>]` becomes `[ ]`.
    let reopened = carried.replacen("- [>] Draft the plan", "- [ ] Draft the plan", 1);
    t.write("bob/2026-11-01.md", &reopened);
    let root = t.root().display().to_string();
    t.run(&["check"])
        .status(1)
        .stdout(format!(
            "bob/2026-11-01.md:5: open here and in bob/2026-11-08.md:{copy}\n  \
             fix: keep one open: `oneonone check --fix` marks the older copies `[>]`; or tick or remove the copies you do not want\n"
        ))
        .stderr("oneonone: 1 problem in 1 file\n");
    t.run(&["check", "--fix", "--dry-run"])
        .status(1)
        .stdout(format!(
            "bob/2026-11-01.md:5: would mark `[>] Draft the plan`: open in bob/2026-11-08.md:{copy}\n"
        ))
        .stderr(format!(
            "oneonone: dry run: 1 repair in 1 file listed, nothing was written; no other problems in {root}\n"
        ));
    t.file("bob/2026-11-01.md", &reopened);
    t.run(&["check", "--fix"])
        .ok()
        .stdout(format!(
            "bob/2026-11-01.md:5: marked `[>] Draft the plan`: open in bob/2026-11-08.md:{copy}\n"
        ))
        .stderr(format!(
            "oneonone: 1 repair made in 1 file; no problems left in {root}\n"
        ));
    // One byte back; the later note untouched.
    t.file("bob/2026-11-01.md", &carried);
    t.file("bob/2026-11-08.md", &second);
    t.run(&["check"]).ok();
}

#[test]
fn issue12_fix_reopens_an_orphan_and_then_marks_its_older_copy() {
    // 11-01 holds the item open (reopened by hand), 11-08 carried it on
    // into a note since deleted: reopened in 11-08, it is open twice, so
    // the older copy is marked. Nothing is lost, and it is open once.
    let t = Test::new();
    t.write("bob/2026-11-01.md", "- [ ] Draft the plan\n");
    t.write(
        "bob/2026-11-08.md",
        "- [>] Draft the plan (from 2026-11-01)\n",
    );
    t.run(&["check", "--fix"])
        .ok()
        .stdout(
            "bob/2026-11-08.md:1: reopened `Draft the plan (from 2026-11-01)`: carried, but no later note holds it\n\
             bob/2026-11-01.md:1: marked `[>] Draft the plan`: open in bob/2026-11-08.md:1\n",
        );
    t.file("bob/2026-11-01.md", "- [>] Draft the plan\n");
    t.file(
        "bob/2026-11-08.md",
        "- [ ] Draft the plan (from 2026-11-01)\n",
    );
}

#[test]
fn issue12_fix_leaves_what_it_cannot_repair_safely() {
    let t = Test::new();
    // A note with conflict markers is not written; copies open twice in
    // one note are the person's to sort out.
    let conflicted =
        "<<<<<<< HEAD\n- [>] Send the deck\n=======\n- [>] Send the slides\n>>>>>>> theirs\n";
    t.write("ann/2026-11-01.md", conflicted);
    let twice = "- [ ] Call Ana (from 2026-10-01)\n- [ ] Call Ana (from 2026-10-01)\n";
    t.write("ann/2026-11-08.md", twice);
    let carried = |line: usize, text: &str| {
        format!(
            "ann/2026-11-01.md:{line}: `[>] {text}` was carried, but no later note of ann holds it\n  \
             fix: resolve the conflict in this note first; then `oneonone check --fix` reopens it (`[>]` back to `[ ]`)\n"
        )
    };
    t.run(&["check", "--fix"])
        .status(1)
        .stdout(format!(
            "ann/2026-11-01.md:1: unresolved git conflict markers\n  \
             fix: resolve the conflict, keeping the lines you want\n\
             {}{}\
             ann/2026-11-08.md:1: open here and in ann/2026-11-08.md:2\n  \
             fix: keep one open: tick or remove the other copies\n",
            carried(2, "Send the deck"),
            carried(4, "Send the slides")
        ))
        .stderr("oneonone: nothing to repair; 4 problems in 2 files to fix by hand\n");
    t.file("ann/2026-11-01.md", conflicted);
    t.file("ann/2026-11-08.md", twice);
}

#[test]
fn issue12_done_reopen_takes_a_carried_line() {
    let t = Test::new();
    let text = "---\nperson: Bob\ndate: 2026-11-01\n---\n- [>] Draft the plan\n  - [>] ask Ana\n- [x] done\n";
    t.write("bob/2026-11-01.md", text);
    t.run(&["done", "--reopen", "bob/2026-11-01.md:6"])
        .ok()
        .stdout("")
        .stderr("oneonone: reopened: bob/2026-11-01.md:6: ask Ana\n");
    let after = text.replacen("- [>] ask Ana", "- [ ] ask Ana", 1);
    t.file("bob/2026-11-01.md", &after);
    assert_eq!(differing(text, &after).len(), 1);
    // A line with neither a ticked nor a carried item is still refused.
    t.run(&["done", "--reopen", "bob/2026-11-01.md:6"])
        .status(2)
        .stderr("oneonone: error: bob/2026-11-01.md:6: no checked or carried (`[>]`) follow-up on this line\n  hint: the note may have changed since it was listed\n  hint: run `oneonone followups` again\n");
    t.file("bob/2026-11-01.md", &after);
}

/// An agenda with the points `new` moves and the lines it never would.
const AGENDA: &str = "# Agenda: Chloé Dubois\n\nTalking points for the next 1:1, from either side. `oneonone new` moves the open\nones into the meeting's note.\n\n- [ ] Talk about the reorg\n-[ ] no space after the dash\n- [] an empty box\n* [ ]no space after the box\n- a bullet with no box\n- [x] done already\n\nPlan for Q1, written as plain text\n";

#[test]
fn issue12_agenda_names_lines_that_look_like_points_but_are_not() {
    let t = Test::new();
    t.write("chloe-dubois/2026-11-01.md", FIRST);
    t.write("chloe-dubois/agenda.md", AGENDA);
    let path = "chloe-dubois/agenda.md";
    t.run(&["agenda", "chloe"])
        .ok()
        .stdout(format!("{path}:6: Talk about the reorg\n"))
        .stderr(format!(
            "oneonone: {path}:7: `-[ ] no space after the dash` is not a talking point of its own; write it as `- [ ] no space after the dash`\n\
             oneonone: {path}:8: `- [] an empty box` is not a talking point of its own; write it as `- [ ] an empty box`\n\
             oneonone: {path}:9: `* [ ]no space after the box` is not a talking point of its own; write it as `* [ ] no space after the box`\n\
             oneonone: {path}:10: `- a bullet with no box` is not a talking point of its own; write it as `- [ ] a bullet with no box`\n\
             oneonone: {path}:13: `Plan for Q1, written as plain text` is not a talking point of its own; write it as `- [ ] Plan for Q1, written as plain text`\n"
        ));
    let problem = |line: usize, written: &str, spelling: &str| {
        format!(
            "{path}:{line}: `{written}` looks like a talking point, but is not a task item of its own\n  \
             fix: write it as `{spelling}`\n"
        )
    };
    t.run(&["check"])
        .status(1)
        .stdout(
            [
                problem(
                    7,
                    "-[ ] no space after the dash",
                    "- [ ] no space after the dash",
                ),
                problem(8, "- [] an empty box", "- [ ] an empty box"),
                problem(
                    9,
                    "* [ ]no space after the box",
                    "* [ ] no space after the box",
                ),
                problem(10, "- a bullet with no box", "- [ ] a bullet with no box"),
                problem(
                    13,
                    "Plan for Q1, written as plain text",
                    "- [ ] Plan for Q1, written as plain text",
                ),
            ]
            .concat(),
        )
        .stderr("oneonone: 5 problems in 1 file\n");
    // `check --fix` does not rewrite a person's words: it leaves them.
    t.run(&["check", "--fix"]).status(1);
    t.file(path, AGENDA);
    // The agenda oneonone writes, and points added to it, are clean.
    let t = Test::new();
    t.run(&["agenda", "Ann", "--new-person", "First point"])
        .ok();
    t.run(&["agenda", "ann"])
        .ok()
        .stdout("ann/agenda.md:6: First point\n")
        .stderr("");
    t.run(&["check"]).ok();
}

/// Every task-like line of the person's notes: (note, state, text with its
/// `(from DATE)` set aside), `state` the character in the box.
fn items(t: &Test, folder: &str) -> Vec<(String, char, String)> {
    let mut found = Vec::new();
    for rel in t.files() {
        if !rel.starts_with(&format!("{folder}/20")) {
            continue;
        }
        for line in t.read(&rel).lines() {
            let l = line.trim_start();
            let Some(rest) = l.strip_prefix("- [") else {
                continue;
            };
            let mut chars = rest.chars();
            let (Some(state), Some(']')) = (chars.next(), chars.next()) else {
                continue;
            };
            let text = chars.as_str().trim();
            let text = match text.find(" (from ") {
                Some(at) => &text[..at],
                None => text,
            };
            if !text.is_empty() {
                found.push((rel.clone(), state, text.to_string()));
            }
        }
    }
    found
}

#[test]
fn issue12_after_check_fix_every_item_is_open_once_or_done_whatever_happened() {
    use rand::{RngExt, SeedableRng};
    // Weighted: `new` most, deleting a note least; 5 is `undo`.
    const OPS: [u8; 23] = [
        0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 4, 4, 4, 5, 5, 5,
    ];
    let mut undone = (0, 0);
    let mut repaired = (0, 0);
    for seed in 0..16 {
        let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
        let t = Test::new();
        t.write(
            "ann/2026-01-05.md",
            "---\nperson: Ann\ndate: 2026-01-05\n---\n## Follow-ups\n\n- [ ] item 1\n  - [ ] sub 1\n- [ ] item 2\n- [ ] item 3\n- [x] item 4\n",
        );
        let written = ["item 1", "sub 1", "item 2", "item 3", "item 4"];
        let mut date = chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        let mut log = Vec::new();
        for step in 0..20 {
            let op = if step == 19 {
                4
            } else {
                OPS[rng.random_range(0..OPS.len())]
            };
            log.push(op);
            match op {
                0 => {
                    date = date + chrono::Days::new(7);
                    let date = date.to_string();
                    t.run(&["new", "ann", "--date", &date, "--seed", "1"]).ok();
                }
                1 => {
                    let open = crate::followups_json(&t, &[]);
                    if !open.is_empty() {
                        let item = &open[rng.random_range(0..open.len())];
                        t.run(&["done", &format!("{}:{}", item.path, item.line)])
                            .ok();
                    }
                }
                2 => {
                    // A `[>]` clicked open again, by hand.
                    let carried: Vec<(String, char, String)> = items(&t, "ann")
                        .into_iter()
                        .filter(|(_, state, _)| *state == '>')
                        .collect();
                    if !carried.is_empty() {
                        let (rel, _, text) = &carried[rng.random_range(0..carried.len())];
                        let note = t.read(rel);
                        let at = note.find(&format!("[>] {text}")).unwrap();
                        t.write(rel, format!("{}[ ]{}", &note[..at], &note[at + 3..]));
                    }
                }
                3 => {
                    // A note other than the first deleted by hand.
                    let notes: Vec<String> = t
                        .files()
                        .into_iter()
                        .filter(|f| f.starts_with("ann/20") && f != "ann/2026-01-05.md")
                        .collect();
                    if !notes.is_empty() {
                        fs::remove_file(t.path(&notes[rng.random_range(0..notes.len())])).unwrap();
                    }
                }
                5 => {
                    // Taken back, or refused after a hand edit: then
                    // nothing changes.
                    let before = crate::fixtures::snapshot(&t);
                    let run = t.run(&["undo"]);
                    if run.status == 0 {
                        undone.0 += 1;
                    } else {
                        assert_eq!(run.status, 2, "seed {seed}, ops {log:?}: {}", run.stderr);
                        assert_eq!(
                            crate::fixtures::snapshot(&t),
                            before,
                            "seed {seed}, ops {log:?}"
                        );
                        undone.1 += 1;
                    }
                }
                _ => {
                    let fixed = t.run(&["check", "--fix"]).stdout;
                    repaired.0 += fixed.matches(": reopened `").count();
                    repaired.1 += fixed.matches(": marked `").count();
                    let all = items(&t, "ann");
                    for text in written {
                        let open: Vec<&String> = all
                            .iter()
                            .filter(|(_, s, x)| *s == ' ' && x == text)
                            .map(|(rel, _, _)| rel)
                            .collect();
                        let notes: std::collections::BTreeSet<&String> =
                            open.iter().copied().collect();
                        let done = all.iter().any(|(_, s, x)| *s == 'x' && x == text);
                        assert!(
                            notes.len() == 1 || (notes.is_empty() && done),
                            "seed {seed}, ops {log:?}: {text} open in {open:?}, done {done}\n{all:#?}"
                        );
                    }
                    let run = t.run(&["check", "--json"]);
                    let problems: Vec<serde_json::Value> =
                        serde_json::from_str(&run.stdout).unwrap();
                    for p in &problems {
                        let kind = p["kind"].as_str().unwrap();
                        let across = kind == "open twice"
                            && !p["problem"]
                                .as_str()
                                .unwrap()
                                .split(", ")
                                .all(|place| place.contains(p["path"].as_str().unwrap()));
                        assert!(
                            kind != "carried" && !across,
                            "seed {seed}, ops {log:?}: {p}"
                        );
                    }
                }
            }
            // Whatever happened, no item's words are lost.
            let all = items(&t, "ann");
            for text in written {
                assert!(
                    all.iter().any(|(_, _, x)| x == text),
                    "seed {seed}, ops {log:?}: {text} is gone\n{all:#?}"
                );
            }
        }
    }
    // Both kinds of repair were made along the way, and undo both took
    // commands back and refused.
    assert!(repaired.0 > 0 && repaired.1 > 0, "{repaired:?}");
    assert!(undone.0 > 0 && undone.1 > 0, "{undone:?}");
}

/// `check --fix` is a writing command like the others: `undo` takes it
/// back, byte for byte.
#[test]
fn issue12_undo_takes_back_check_fix() {
    let t = deleted_fresh_note();
    t.run(&["check", "--fix"]).ok();
    t.file("chloe-dubois/2026-11-01.md", FIRST);
    t.run(&["undo"]).ok().stdout("").stderr(
        "oneonone: undid `check --fix`\n\
         oneonone: restored chloe-dubois/2026-11-01.md\n",
    );
    t.file("chloe-dubois/2026-11-01.md", CARRIED);
}

/// Bob's note with sub-items indented more than their parent needs: a tab,
/// four spaces, three under a plain bullet, four in a quote.
const INDENTED: &str = "---\nperson: Bob\ndate: 2026-11-01\n---\n## Follow-ups\n\n- [ ] Draft the plan\n\t- [ ] ask Ana\n- [ ] Book the venue\n    - [ ] call them\n- a plain bullet\n   - [ ] send the invite\n> - [ ] Renew the license\n>     - [ ] ask finance\n";

#[test]
fn issue12_carried_items_indented_more_than_their_parent_are_found() {
    let t = Test::new();
    t.write("bob/2026-11-01.md", INDENTED);
    t.run(&["new", "bob", "--date", "2026-11-08", "--seed", "1"])
        .ok()
        .stderr("oneonone: created the 2026-11-08 note for Bob (Listen, Learn, Lift); 7 follow-ups carried over\n");
    let carried = INDENTED.replace("[ ]", "[>]");
    t.file("bob/2026-11-01.md", &carried);
    fs::remove_file(t.path("bob/2026-11-08.md")).unwrap();
    let root = t.root().display().to_string();
    t.run(&["followups", "bob"]).ok().stdout("").stderr(
        "oneonone: 7 carried follow-ups of Bob have no open copy: `oneonone check --fix`\n\
         oneonone: no open follow-ups in Bob's notes\n",
    );
    let fix = "  fix: `oneonone check --fix` reopens it (`[>]` back to `[ ]`); or copy it into the latest note\n";
    let orphan = |line: usize, text: &str| {
        format!(
            "bob/2026-11-01.md:{line}: `[>] {text}` was carried, but no later note of bob holds it\n{fix}"
        )
    };
    t.run(&["check"])
        .status(1)
        .stdout(
            [
                orphan(7, "Draft the plan"),
                orphan(8, "ask Ana"),
                orphan(9, "Book the venue"),
                orphan(10, "call them"),
                orphan(12, "send the invite"),
                orphan(13, "Renew the license"),
                orphan(14, "ask finance"),
            ]
            .concat(),
        )
        .stderr("oneonone: 7 problems in 1 file\n");
    // The tab-indented child's line is a `[>]` line for `done --reopen`.
    t.run(&["done", "--reopen", "bob/2026-11-01.md:8"])
        .ok()
        .stderr("oneonone: reopened: bob/2026-11-01.md:8: ask Ana\n");
    t.file(
        "bob/2026-11-01.md",
        carried.replacen("\t- [>] ask Ana", "\t- [ ] ask Ana", 1),
    );
    let reopened = |line: usize, text: &str| {
        format!(
            "bob/2026-11-01.md:{line}: reopened `{text}`: carried, but no later note holds it\n"
        )
    };
    t.run(&["check", "--fix"])
        .ok()
        .stdout(
            [
                reopened(7, "Draft the plan"),
                reopened(9, "Book the venue"),
                reopened(10, "call them"),
                reopened(12, "send the invite"),
                reopened(13, "Renew the license"),
                reopened(14, "ask finance"),
            ]
            .concat(),
        )
        .stderr(format!(
            "oneonone: 6 repairs made in 1 file; no problems left in {root}\n"
        ));
    // One byte each: the note is again as it was before `new`.
    t.file("bob/2026-11-01.md", INDENTED);
}

#[test]
fn issue12_patterns_lists_a_stuck_sub_item_indented_by_a_tab() {
    let t = Test::new();
    t.write(
        "bob/2026-10-01.md",
        "---\nperson: Bob\ndate: 2026-10-01\n---\n## Follow-ups\n\n- [ ] Draft the plan\n\t- [ ] ask Ana\n",
    );
    for date in ["2026-10-08", "2026-10-15", "2026-10-22"] {
        t.run(&["new", "bob", "--date", date, "--seed", "1"]).ok();
    }
    t.run(&["--today", "2026-10-29", "patterns", "bob"])
        .ok()
        .stdout(
            "Bob: 4 notes, 2026-10-01 to 2026-10-22\n\n\
             Follow-ups carried over 3 times or more\n  \
             bob/2026-10-22.md:44: Draft the plan (from 2026-10-01) (carried 3 times)\n  \
             bob/2026-10-22.md:45: ask Ana (from 2026-10-01) (carried 3 times)\n\n\
             Longest gaps between 1:1s (cadence 14 days)\n  \
             2026-10-01 → 2026-10-08    7 days\n  \
             2026-10-08 → 2026-10-15    7 days\n  \
             2026-10-15 → 2026-10-22    7 days\n  \
             2026-10-22 → today         7 days\n",
        )
        .stderr("");
}

#[test]
fn issue12_a_conflict_quoted_in_a_code_block_does_not_stop_new() {
    let t = Test::new();
    let note = "---\nperson: Bob\ndate: 2026-11-01\n---\n## Notes\n\nWhat git left in the wiki page:\n\n```\n<<<<<<< HEAD\nmine\n=======\ntheirs\n>>>>>>> branch\n```\n\n- [ ] Draft the plan\n";
    t.write("bob/2026-11-01.md", note);
    // Each marker in a code block of its own.
    t.write(
        "bob/agenda.md",
        "# Agenda: Bob\n\n~~~\n<<<<<<< HEAD\n~~~\n\n- [ ] Ask about the merge\n\n~~~\n>>>>>>> theirs\n~~~\n",
    );
    let root = t.root().display().to_string();
    t.run(&["check"])
        .ok()
        .stdout("")
        .stderr(format!("oneonone: no problems found in {root}\n"));
    t.run(&["new", "bob", "--date", "2026-11-08", "--seed", "1"])
        .ok()
        .stdout("bob/2026-11-08.md\n")
        .stderr("oneonone: created the 2026-11-08 note for Bob (Listen, Learn, Lift); 1 agenda point, 1 follow-up carried over\n");
    t.file("bob/2026-11-01.md", note.replace("- [ ]", "- [>]"));
    t.file(
        "bob/agenda.md",
        "# Agenda: Bob\n\n~~~\n<<<<<<< HEAD\n~~~\n\n~~~\n>>>>>>> theirs\n~~~\n",
    );
    // A conflict outside code still stops it.
    t.write(
        "bob/2026-11-08.md",
        format!(
            "<<<<<<< HEAD\n{}=======\n>>>>>>> theirs\n",
            t.read("bob/2026-11-08.md")
        ),
    );
    t.run(&["new", "bob", "--date", "2026-11-15", "--seed", "1"])
        .status(2)
        .stdout("")
        .stderr("oneonone: error: bob/2026-11-08.md:1: unresolved git conflict markers; resolve them, then run `oneonone new` again\n");
}

#[test]
fn issue12_an_orphan_in_a_conflicted_note_says_to_resolve_the_conflict_first() {
    let t = Test::new();
    let conflicted = "---\nperson: Bob\ndate: 2026-11-01\n---\n<<<<<<< HEAD\n- [>] Draft the plan\n=======\n- [x] Draft the plan\n>>>>>>> theirs\n";
    t.write("bob/2026-11-01.md", conflicted);
    let expected = "bob/2026-11-01.md:5: unresolved git conflict markers\n  \
         fix: resolve the conflict, keeping the lines you want\n\
         bob/2026-11-01.md:6: `[>] Draft the plan` was carried, but no later note of bob holds it\n  \
         fix: resolve the conflict in this note first; then `oneonone check --fix` reopens it (`[>]` back to `[ ]`)\n";
    t.run(&["check"])
        .status(1)
        .stdout(expected)
        .stderr("oneonone: 2 problems in 1 file\n");
    t.run(&["check", "--fix"])
        .status(1)
        .stdout(expected)
        .stderr("oneonone: nothing to repair; 2 problems in 1 file to fix by hand\n");
    t.file("bob/2026-11-01.md", conflicted);
}

/// Bob's first note, and the copies `new` made of its items.
const RENEW: &str = "---\nperson: Bob\ndate: 2026-11-01\n---\n## Follow-ups\n\n- [ ] Renew license\n- [ ] Call Ana\n";

#[test]
fn issue12_fix_leaves_a_carried_item_whose_copy_was_reworded() {
    let t = Test::new();
    t.write("oneonone.yaml", "questions_per_section: 0\n");
    t.write("bob/2026-11-01.md", RENEW);
    t.run(&["new", "bob", "--date", "2026-11-08", "--seed", "1"])
        .ok();
    let carried = RENEW.replace("[ ]", "[>]");
    t.file("bob/2026-11-01.md", &carried);
    // The open copy reworded in the newest note, its `(from ...)` kept.
    let second = t.read("bob/2026-11-08.md");
    assert!(
        second.contains(
            "\n- [ ] Renew license (from 2026-11-01)\n- [ ] Call Ana (from 2026-11-01)\n"
        )
    );
    let reworded = second.replace("Renew license (from", "Renew the Figma license (from");
    t.write("bob/2026-11-08.md", &reworded);
    let line = 1 + reworded.lines().position(|l| l.contains("Figma")).unwrap();
    let expected = format!(
        "bob/2026-11-01.md:7: `[>] Renew license` was carried, but no later note of bob holds it as written; \
         perhaps reworded as `Renew the Figma license (from 2026-11-01)` at bob/2026-11-08.md:{line}\n  \
         fix: if it is the same follow-up, nothing is lost: make the two read the same; \
         if not, `oneonone done --reopen bob/2026-11-01.md:7` reopens it (`check --fix` leaves it)\n"
    );
    t.run(&["check"])
        .status(1)
        .stdout(&expected)
        .stderr("oneonone: 1 problem in 1 file\n");
    // Not reopened: the follow-up stays open once, in the newest note.
    t.run(&["check", "--fix"])
        .status(1)
        .stdout(&expected)
        .stderr("oneonone: nothing to repair; 1 problem in 1 file to fix by hand\n");
    t.file("bob/2026-11-01.md", &carried);
    t.file("bob/2026-11-08.md", &reworded);

    // Carried on again, then that note deleted: the copy reworded in
    // 11-08 is reopened there, the original still left alone.
    t.run(&["new", "bob", "--date", "2026-11-15", "--seed", "1"])
        .ok();
    fs::remove_file(t.path("bob/2026-11-15.md")).unwrap();
    let call = 1 + reworded
        .lines()
        .position(|l| l.contains("Call Ana"))
        .unwrap();
    t.run(&["check", "--fix"])
        .status(1)
        .stdout(format!(
            "bob/2026-11-08.md:{line}: reopened `Renew the Figma license (from 2026-11-01)`: carried, but no later note holds it\n\
             bob/2026-11-08.md:{call}: reopened `Call Ana (from 2026-11-01)`: carried, but no later note holds it\n\
             {expected}"
        ))
        .stderr("oneonone: 2 repairs made in 1 file; 1 problem in 1 file left to fix by hand\n");
    t.file("bob/2026-11-01.md", &carried);
    t.file("bob/2026-11-08.md", &reworded);

    // The deleted-note case is still repaired: nothing later holds an
    // item from 11-01 once 11-08 is gone.
    fs::remove_file(t.path("bob/2026-11-08.md")).unwrap();
    t.run(&["check", "--fix"])
        .ok()
        .stdout(
            "bob/2026-11-01.md:7: reopened `Renew license`: carried, but no later note holds it\n\
             bob/2026-11-01.md:8: reopened `Call Ana`: carried, but no later note holds it\n",
        )
        .stderr(format!(
            "oneonone: 2 repairs made in 1 file; no problems left in {}\n",
            t.root().display()
        ));
    t.file("bob/2026-11-01.md", RENEW);
}

#[test]
fn issue12_fix_leaves_a_note_open_in_another_program_and_repairs_the_rest() {
    let t = Test::new();
    t.write("ann/2026-11-01.md", "- [>] Call Ana\n");
    t.write("bob/2026-11-01.md", "- [>] Draft the plan\n");
    let root = t.root().display().to_string();
    // An editor holding Bob's note open for writing.
    let editor = fs::OpenOptions::new()
        .append(true)
        .open(t.path("bob/2026-11-01.md"))
        .unwrap();
    t.run(&["check", "--fix"])
        .status(1)
        .stdout(
            "ann/2026-11-01.md:1: reopened `Call Ana`: carried, but no later note holds it\n\
             bob/2026-11-01.md: left as it is: open for writing in another program\n  \
             fix: save and close it there, then run `oneonone check --fix` again\n\
             bob/2026-11-01.md:1: `[>] Draft the plan` was carried, but no later note of bob holds it\n  \
             fix: `oneonone check --fix` reopens it (`[>]` back to `[ ]`); or copy it into the latest note\n",
        )
        .stderr("oneonone: 1 repair made in 1 file; 2 problems in 1 file left to fix by hand\n");
    t.file("ann/2026-11-01.md", "- [ ] Call Ana\n");
    t.file("bob/2026-11-01.md", "- [>] Draft the plan\n");
    // Closed there, the next run repairs it.
    drop(editor);
    t.run(&["check", "--fix"])
        .ok()
        .stdout(
            "bob/2026-11-01.md:1: reopened `Draft the plan`: carried, but no later note holds it\n",
        )
        .stderr(format!(
            "oneonone: 1 repair made in 1 file; no problems left in {root}\n"
        ));
    t.file("bob/2026-11-01.md", "- [ ] Draft the plan\n");
}

#[test]
fn issue12_done_reopen_refuses_a_carried_item_still_open_later_unless_forced() {
    let t = Test::new();
    t.write("bob/2026-11-01.md", "- [>] Draft the plan\n");
    t.write(
        "bob/2026-11-08.md",
        "- [ ] Draft the plan (from 2026-11-01)\n",
    );
    t.run(&["done", "--reopen", "bob/2026-11-01.md:1"])
        .status(2)
        .stdout("")
        .stderr("oneonone: error: bob/2026-11-01.md:1: carried (`[>]`), and still open in bob/2026-11-08.md:1; reopened here it would be open twice: tick or edit it there, or add --force to reopen it here anyway\n");
    t.file("bob/2026-11-01.md", "- [>] Draft the plan\n");
    t.run(&["done", "--reopen", "--force", "bob/2026-11-01.md:1"])
        .ok()
        .stderr("oneonone: reopened: bob/2026-11-01.md:1: Draft the plan\n");
    t.file("bob/2026-11-01.md", "- [ ] Draft the plan\n");
    t.file(
        "bob/2026-11-08.md",
        "- [ ] Draft the plan (from 2026-11-01)\n",
    );
}

#[test]
fn issue12_done_on_a_carried_line_says_where_its_copy_is() {
    let t = Test::new();
    t.write("bob/2026-11-01.md", "- [>] Draft the plan\n");
    t.write(
        "bob/2026-11-08.md",
        "- [ ] Draft the plan (from 2026-11-01)\n",
    );
    t.run(&["done", "bob/2026-11-01.md:1"])
        .status(2)
        .stdout("")
        .stderr("oneonone: error: bob/2026-11-01.md:1: carried (`[>]`) to a later note: its open copy is bob/2026-11-08.md:1; tick it there: `oneonone done bob/2026-11-08.md:1`\n");
    t.run(&["done", "bob/2026-11-08.md:1"]).ok();
    t.run(&["done", "bob/2026-11-01.md:1"])
        .status(2)
        .stderr("oneonone: error: bob/2026-11-01.md:1: carried (`[>]`) to a later note, and done there: bob/2026-11-08.md:1\n");
    fs::remove_file(t.path("bob/2026-11-08.md")).unwrap();
    t.run(&["done", "bob/2026-11-01.md:1"])
        .status(2)
        .stderr("oneonone: error: bob/2026-11-01.md:1: carried (`[>]`), but no later note holds it: `oneonone done --reopen bob/2026-11-01.md:1` reopens it here (`oneonone check --fix` reopens every such item)\n");
    t.file("bob/2026-11-01.md", "- [>] Draft the plan\n");
}

#[test]
fn issue12_new_prep_and_people_tell_of_the_items_a_deleted_note_hid() {
    let t = Test::new();
    t.write("oneonone.yaml", "questions_per_section: 0\n");
    let first = "---\nperson: Alice Martin\ndate: 2026-11-01\n---\n## Follow-ups\n\n- [ ] Renew license\n- [ ] Call Ana\n";
    t.write("alice/2026-11-01.md", first);
    t.run(&["new", "alice", "--date", "2026-11-08", "--seed", "1"])
        .ok();
    fs::remove_file(t.path("alice/2026-11-08.md")).unwrap();
    let orphans = "oneonone: 2 carried follow-ups of Alice Martin have no open copy: `oneonone check --fix`\n";
    let note = "---\nperson: Alice Martin\ndate: 2026-11-15\nframework: listen-learn-lift\ntags: []\nenergy:\nchallenge:\nskill:\n---\n\
                # 1:1 with Alice Martin, 2026-11-15\n\n## Agenda\n\n- \n\n\
                ## Listen\n\n_Make space: this time is theirs._\n\n\
                ## Learn\n\n_Understand what is really going on; look for patterns._\n\n\
                _Watch for: clear on priorities? · ownership or just execution? · tension with other teams? · blockers quietly absorbed?_\n\n\
                ## Lift\n\n_End with action: support, a connection, a new perspective._\n\n\
                ## Follow-ups\n\n- [ ] \n\n\
                ## Private\n\n_For your eyes only: `oneonone export --shared` leaves this section out._\n";
    // The dry run says so before anything is written, as the run does.
    let listed: String = note
        .lines()
        .map(|l| {
            if l.starts_with("_Watch for") {
                "  + _Watch for: clear on priorities? · ownership or just execution? · tension with other teams? · blockers quietly absorbed?_\n"
                    .to_string()
            } else {
                format!("  + {l}\n")
            }
        })
        .collect();
    t.run(&["new", "alice", "--date", "2026-11-15", "--seed", "1", "--dry-run"])
        .ok()
        .stdout(format!(
            "the 2026-11-15 note for Alice Martin (Listen, Learn, Lift)\ncreate alice/2026-11-15.md\n{listed}"
        ))
        .stderr(format!(
            "{orphans}oneonone: dry run: 1 step listed, nothing was written\n"
        ));
    // `new` does not carry them (a `[>]` may be a copy reworded since:
    // `check --fix` tells), but says they are hidden.
    t.run(&[
        "--today",
        "2026-11-15",
        "new",
        "alice",
        "--date",
        "2026-11-15",
        "--seed",
        "1",
    ])
    .ok()
    .stdout("alice/2026-11-15.md\n")
    .stderr(format!(
        "oneonone: created the 2026-11-15 note for Alice Martin (Listen, Learn, Lift)\n{orphans}"
    ));
    t.file("alice/2026-11-15.md", note);
    t.file("alice/2026-11-01.md", first.replace("[ ]", "[>]"));
    t.run(&["--today", "2026-11-16", "prep", "alice", "--seed", "1"])
        .ok()
        .stdout(
            "Alice Martin\n\
             Due 2026-11-29, in 13 days · last 1:1 2026-11-15 (1 day ago) · 2 notes · every 14 days\n",
        )
        .stderr(orphans);
    t.run(&["--today", "2026-11-16", "people"])
        .ok()
        .stdout(
            "PERSON        ROLE  LAST 1:1    AGO  1:1S  MINE/THEIRS  AGENDA  NEXT 1:1    DUE\n\
             Alice Martin        2026-11-15  1d   2     0/0          0       2026-11-29  in 13 days\n",
        )
        .stderr(orphans);
    // Reopened, they are open again and the notices stop.
    t.run(&["check", "--fix"]).ok();
    t.run(&["--today", "2026-11-16", "people"])
        .ok()
        .stdout(
            "PERSON        ROLE  LAST 1:1    AGO  1:1S  MINE/THEIRS  AGENDA  NEXT 1:1    DUE\n\
             Alice Martin        2026-11-15  1d   2     2/0          0       2026-11-29  in 13 days\n",
        )
        .stderr("");
}
