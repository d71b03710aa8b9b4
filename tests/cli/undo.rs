//! End-to-end tests of `oneonone undo` and `oneonone new --dry-run`
//! (issue 12): each writing command taken back byte for byte, the note
//! `new` made removed with its `[>]` marks and agenda moves in one step,
//! refusals when a file changed since, the journal's bounds, and dry runs
//! that write nothing.

use std::path::Path;

use crate::Test;
use crate::fixtures::{alice_notebook, as_snapshot, run_with_size_limit, snapshot, write_all};

/// A framework without questions, so that a new note is short enough to
/// compare whole.
const PLAIN: &str = "frameworks:\n  - name: plain\n    title: Plain\n    sections:\n      - heading: Notes\n        pool: none\n";

const EARLIER: &str = "---\nperson: Alice\ndate: 2026-11-01\n---\n## Follow-ups\n\n- [ ] Send the doc\n- [x] Book a room\n- [ ] Ask about the offsite\n";
const LATER: &str =
    "---\nperson: Alice\ndate: 2026-11-15\n---\n## Follow-ups\n\n- [ ] Draft the review\n";
const AGENDA: &str =
    "# Agenda: Alice\n\n- [ ] Hiring plan\n- [x] Old point\n- [ ] Offsite budget\n";

/// The note `new alice --date 2026-11-29 --framework plain` writes.
const NEW_NOTE: &str = "---\nperson: Alice\ndate: 2026-11-29\nframework: plain\ntags: []\nenergy:\nchallenge:\nskill:\n---\n\
# 1:1 with Alice, 2026-11-29\n\n## Agenda\n\n- Hiring plan\n- Offsite budget\n\n## Notes\n\n## Follow-ups\n\n\
- [ ] Send the doc (from 2026-11-01)\n- [ ] Ask about the offsite (from 2026-11-01)\n- [ ] Draft the review (from 2026-11-15)\n- [ ] \n\n\
## Private\n\n_For your eyes only: `oneonone export --shared` leaves this section out._\n";

/// Alice's two notes with open follow-ups and her agenda with two open
/// points.
fn alice() -> Test {
    let t = Test::new();
    t.write("question-bank/mine.yaml", PLAIN);
    t.write("alice/2026-11-01.md", EARLIER);
    t.write("alice/2026-11-15.md", LATER);
    t.write("alice/agenda.md", AGENDA);
    t
}

const NEW: &[&str] = &[
    "new",
    "alice",
    "--date",
    "2026-11-29",
    "--framework",
    "plain",
];

/// The entries of the undo journal, by name.
fn journal(t: &Test) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(t.path(".oneonone/undo")) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Everything under `.oneonone/`, as paths.
fn state(t: &Test) -> Vec<String> {
    fn walk(dir: &Path, root: &Path, found: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            found.push(path.strip_prefix(root).unwrap().display().to_string());
            if path.is_dir() {
                walk(&path, root, found);
            }
        }
    }
    let mut found = Vec::new();
    walk(&t.path(".oneonone"), t.dir.path(), &mut found);
    found.sort();
    found
}

#[test]
fn issue12_undo_right_after_new_removes_the_note_and_restores_marks_and_agenda() {
    let t = alice();
    let before = snapshot(&t);
    t.run(NEW)
        .ok()
        .stdout("alice/2026-11-29.md\n")
        .stderr("oneonone: created the 2026-11-29 note for Alice (Plain); 2 agenda points, 3 follow-ups carried over\n");
    t.file("alice/2026-11-29.md", NEW_NOTE);
    t.file("alice/2026-11-01.md", EARLIER.replace("[ ]", "[>]"));
    t.file("alice/2026-11-15.md", LATER.replace("[ ]", "[>]"));
    t.file("alice/agenda.md", "# Agenda: Alice\n\n- [x] Old point\n");
    assert_eq!(journal(&t), ["00000001"]);

    // One step: the note gone, every mark and agenda point back.
    t.run(&["undo"]).ok().stdout("").stderr(
        "oneonone: undid `new alice`\n\
         oneonone: restored alice/agenda.md\n\
         oneonone: restored alice/2026-11-01.md\n\
         oneonone: restored alice/2026-11-15.md\n\
         oneonone: removed alice/2026-11-29.md\n",
    );
    assert_eq!(snapshot(&t), before, "every file byte for byte as before");
    assert!(!t.path("alice/2026-11-29.md").exists());
    assert_eq!(journal(&t), Vec::<String>::new(), "the entry is gone");
    // Undo is not recorded: there is nothing further back.
    t.run(&["undo"]).status(2).stderr(
        "oneonone: error: nothing to undo: no change is recorded in this notebook\n  \
         hint: undo takes back the last new, agenda, done, checkin, rename or\n    \
         check --fix, up to 10 of them, one at a time\n",
    );
}

#[test]
fn issue12_undo_of_new_for_a_new_person_removes_their_folder() {
    let t = Test::new();
    t.write("question-bank/mine.yaml", PLAIN);
    let before = snapshot(&t);
    let new = [
        "new",
        "Chloé Dubois",
        "--framework",
        "plain",
        "--date",
        "2026-11-27",
    ];
    t.run(&new).ok().stdout("chloe-dubois/2026-11-27.md\n");
    t.run(&["undo"]).ok().stderr(
        "oneonone: undid `new chloe-dubois`\n\
         oneonone: removed chloe-dubois/2026-11-27.md\n\
         oneonone: removed the empty chloe-dubois/\n",
    );
    assert_eq!(snapshot(&t), before);
    assert!(
        !t.path("chloe-dubois").exists(),
        "the folder new made is gone"
    );

    // A folder new made keeps anything else put in it since.
    t.run(&new).ok();
    t.write("chloe-dubois/photo.txt", "mine\n");
    t.run(&["undo"]).ok().stderr(
        "oneonone: undid `new chloe-dubois`\n\
         oneonone: removed chloe-dubois/2026-11-27.md\n\
         oneonone: kept chloe-dubois/: something else is in it\n",
    );
    t.file("chloe-dubois/photo.txt", "mine\n");
}

#[test]
fn issue12_undo_refuses_after_a_later_hand_edit_and_changes_nothing() {
    let t = alice();
    t.run(NEW).ok();
    // Reopened by hand in an editor.
    t.write("alice/2026-11-15.md", LATER);
    let before = snapshot(&t);
    t.run(&["undo"]).status(2).stdout("").stderr(
        "oneonone: error: cannot undo `new alice`; nothing was changed\n  \
         alice/2026-11-15.md: changed since\n  \
         hint: undo only puts back files exactly as the command left them\n  \
         hint: put that file back as `new alice` left it,\n    \
         or make the change by hand\n",
    );
    assert_eq!(snapshot(&t), before, "nothing changed");
    assert_eq!(journal(&t), ["00000001"], "the entry stays");

    // With the note new made removed by hand too, the files that changed
    // are named; the note is not (its removal is what undo would do).
    std::fs::remove_file(t.path("alice/2026-11-29.md")).unwrap();
    t.write(
        "alice/agenda.md",
        "# Agenda: Alice\n\n- [x] Old point\n- [ ] Added since\n",
    );
    let before = snapshot(&t);
    t.run(&["undo", "--dry-run"]).status(2).stdout("").stderr(
        "oneonone: error: cannot undo `new alice`; nothing was changed\n  \
         alice/agenda.md: changed since\n  \
         alice/2026-11-15.md: changed since\n  \
         hint: undo only puts back files exactly as the command left them\n  \
         hint: put those files back as `new alice` left them,\n    \
         or make the change by hand\n",
    );
    t.run(&["undo"]).status(2);
    assert_eq!(snapshot(&t), before, "nothing changed");
}

/// Review: the note `new` made, deleted by hand (`rm`), took the agenda
/// points it held with it, and undo refused because the note was gone.
/// Its removal is what undo would do: the points and `[>]` marks go back.
#[test]
fn issue12_undo_after_the_new_note_was_deleted_by_hand_puts_back_the_rest() {
    let t = alice();
    let before = snapshot(&t);
    t.run(NEW).ok();
    std::fs::remove_file(t.path("alice/2026-11-29.md")).unwrap();
    t.run(&["undo"]).ok().stdout("").stderr(
        "oneonone: undid `new alice`\n\
         oneonone: restored alice/agenda.md\n\
         oneonone: restored alice/2026-11-01.md\n\
         oneonone: restored alice/2026-11-15.md\n\
         oneonone: alice/2026-11-29.md was removed already\n",
    );
    assert_eq!(snapshot(&t), before);
    assert_eq!(journal(&t), Vec::<String>::new());
}

#[test]
fn issue12_undo_of_done_and_done_reopen() {
    let t = alice();
    let before = snapshot(&t);
    t.run(&["done", "alice/2026-11-01.md:7", "alice/2026-11-15.md:7"])
        .ok();
    t.file("alice/2026-11-01.md", EARLIER.replacen("[ ]", "[x]", 1));
    t.run(&["undo"]).ok().stderr(
        "oneonone: undid `done alice/2026-11-01.md:7 alice/2026-11-15.md:7`\n\
         oneonone: restored alice/2026-11-01.md\n\
         oneonone: restored alice/2026-11-15.md\n",
    );
    assert_eq!(snapshot(&t), before);

    t.run(&["done", "--reopen", "alice/2026-11-01.md:8"]).ok();
    t.run(&["undo"])
        .ok()
        .stderr(
            "oneonone: undid `done --reopen alice/2026-11-01.md:8`\noneonone: restored alice/2026-11-01.md\n",
        );
    assert_eq!(snapshot(&t), before);
}

#[test]
fn issue12_undo_of_agenda_and_of_agenda_for_a_new_person() {
    let t = alice();
    let before = snapshot(&t);
    t.run(&["agenda", "alice", "Ask about the move"])
        .ok()
        .stdout("alice/agenda.md:6\n");
    t.run(&["undo"])
        .ok()
        .stderr("oneonone: undid `agenda alice`\noneonone: restored alice/agenda.md\n");
    assert_eq!(snapshot(&t), before);

    // A person agenda made: their folder, person.yaml and agenda.md go.
    t.run(&["agenda", "Dan Lee", "Welcome"]).ok();
    assert!(t.path("dan-lee/person.yaml").exists());
    t.run(&["undo"]).ok().stderr(
        "oneonone: undid `agenda dan-lee`\n\
         oneonone: removed dan-lee/person.yaml\n\
         oneonone: removed dan-lee/agenda.md\n\
         oneonone: removed the empty dan-lee/\n",
    );
    assert_eq!(snapshot(&t), before);
    assert!(!t.path("dan-lee").exists());
}

#[test]
fn issue12_undo_of_checkin() {
    let t = alice();
    let before = snapshot(&t);
    t.run(&["checkin", "alice", "--energy", "4", "--skill", "2"])
        .ok();
    assert_ne!(snapshot(&t), before);
    t.run(&["undo"])
        .ok()
        .stderr("oneonone: undid `checkin alice`\noneonone: restored alice/2026-11-15.md\n");
    assert_eq!(snapshot(&t), before);
}

#[test]
fn issue12_undo_of_rename_moves_the_folder_back() {
    let t = Test::new();
    write_all(&t, &alice_notebook("Alice", "alice", "alice"));
    let before = snapshot(&t);
    t.run(&["rename", "alice", "Mary Ann Walsh"]).ok();
    assert!(!t.path("alice").exists());
    // Every file it edited, at its old name: the 20 notes, agenda.md and
    // person.yaml, and the 2 files elsewhere that mentioned her.
    let notes: String = (0..20)
        .map(|week| {
            let date =
                chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap() + chrono::Days::new(7 * week);
            format!("oneonone: restored alice/{date}.md\n")
        })
        .collect();
    t.run(&["undo"]).ok().stderr(format!(
        "oneonone: undid `rename alice mary-ann-walsh`\n\
         oneonone: moved mary-ann-walsh/ back to alice/\n\
         oneonone: restored bob/2026-01-06.md\n\
         oneonone: restored ideas.md\n\
         {notes}\
         oneonone: restored alice/agenda.md\n\
         oneonone: restored alice/person.yaml\n"
    ));
    assert_eq!(
        snapshot(&t),
        as_snapshot(&alice_notebook("Alice", "alice", "alice"))
    );
    assert_eq!(snapshot(&t), before);
    assert!(!t.path("mary-ann-walsh").exists());
}

#[test]
fn issue12_undo_of_a_merge_makes_the_old_folder_again() {
    let t = Test::new();
    t.write(
        "alice/2026-01-05.md",
        "---\nperson: Alice\ndate: 2026-01-05\n---\n- [ ] Ask @alice\n",
    );
    t.write("alice/agenda.md", "# Agenda: Alice\n\n- [ ] Her promo\n");
    t.write(
        "mary/2026-01-05.md",
        "---\nperson: Mary\ndate: 2026-01-05\n---\nHers.\n",
    );
    t.write("mary/agenda.md", "# Agenda: Mary\n\n- [ ] Hers\n");
    let before = snapshot(&t);
    t.run(&["rename", "alice", "Mary", "--merge"]).ok();
    assert!(
        !t.path("alice").exists(),
        "the merge removed the old folder"
    );
    t.run(&["undo"]).ok().stderr(
        "oneonone: undid `rename alice mary --merge`\n\
         oneonone: moved mary/2026-01-05-2.md back to alice/2026-01-05.md\n\
         oneonone: restored alice/agenda.md\n\
         oneonone: restored alice/2026-01-05.md\n\
         oneonone: restored mary/agenda.md\n\
         oneonone: removed mary/person.yaml\n",
    );
    assert_eq!(snapshot(&t), before);
}

#[test]
fn issue12_repeated_undo_walks_back_and_the_journal_keeps_the_last_10() {
    let t = alice();
    for n in 1..=11 {
        t.run(&["agenda", "alice", &format!("point {n}")]).ok();
    }
    assert_eq!(
        journal(&t),
        (2..=11).map(|n| format!("{n:08}")).collect::<Vec<_>>(),
        "the oldest dropped"
    );
    for _ in 0..10 {
        t.run(&["undo"])
            .ok()
            .stderr("oneonone: undid `agenda alice`\noneonone: restored alice/agenda.md\n");
    }
    // The first command is out of reach: its point stays.
    t.run(&["undo"]).status(2);
    t.file("alice/agenda.md", format!("{AGENDA}- [ ] point 1\n"));
    assert_eq!(journal(&t), Vec::<String>::new());
}

#[test]
fn issue12_new_dry_run_prints_the_note_and_every_change_and_writes_nothing() {
    let t = alice();
    let before = snapshot(&t);
    t.run(&[NEW, &["--dry-run"]].concat())
        .ok()
        .stdout(
            "the 2026-11-29 note for Alice (Plain); 2 agenda points, 3 follow-ups carried over\n\
             create alice/2026-11-29.md\n\
             \x20 + ---\n\
             \x20 + person: Alice\n\
             \x20 + date: 2026-11-29\n\
             \x20 + framework: plain\n\
             \x20 + tags: []\n\
             \x20 + energy:\n\
             \x20 + challenge:\n\
             \x20 + skill:\n\
             \x20 + ---\n\
             \x20 + # 1:1 with Alice, 2026-11-29\n\
             \x20 + \n\
             \x20 + ## Agenda\n\
             \x20 + \n\
             \x20 + - Hiring plan\n\
             \x20 + - Offsite budget\n\
             \x20 + \n\
             \x20 + ## Notes\n\
             \x20 + \n\
             \x20 + ## Follow-ups\n\
             \x20 + \n\
             \x20 + - [ ] Send the doc (from 2026-11-01)\n\
             \x20 + - [ ] Ask about the offsite (from 2026-11-01)\n\
             \x20 + - [ ] Draft the review (from 2026-11-15)\n\
             \x20 + - [ ] \n\
             \x20 + \n\
             \x20 + ## Private\n\
             \x20 + \n\
             \x20 + _For your eyes only: `oneonone export --shared` leaves this section out._\n\
             edit alice/agenda.md:3\n\
             \x20 - - [ ] Hiring plan\n\
             edit alice/agenda.md:5\n\
             \x20 - - [ ] Offsite budget\n\
             edit alice/2026-11-01.md:7\n\
             \x20 - - [ ] Send the doc\n\
             \x20 + - [>] Send the doc\n\
             edit alice/2026-11-01.md:9\n\
             \x20 - - [ ] Ask about the offsite\n\
             \x20 + - [>] Ask about the offsite\n\
             edit alice/2026-11-15.md:7\n\
             \x20 - - [ ] Draft the review\n\
             \x20 + - [>] Draft the review\n",
        )
        .stderr("oneonone: dry run: 4 steps listed, nothing was written\n");
    assert_eq!(snapshot(&t), before);
    // Not the lock, the cache, the journal nor a temp folder.
    assert_eq!(state(&t), Vec::<String>::new());

    // A new person: their folder is listed, and not made.
    let dan = [
        "new",
        "Dan Lee",
        "--framework",
        "plain",
        "--date",
        "2026-11-27",
        "--dry-run",
    ];
    t.run(&dan)
        .ok()
        .stderr("oneonone: dry run: 2 steps listed, nothing was written\n");
    assert!(!t.path("dan-lee").exists());
    assert_eq!(state(&t), Vec::<String>::new());
    let run = t.run(&dan);
    assert_eq!(
        run.stdout.lines().take(3).collect::<Vec<_>>(),
        [
            "the 2026-11-27 note for Dan Lee (Plain)",
            "create dan-lee/",
            "create dan-lee/2026-11-27.md"
        ]
    );
}

#[test]
fn issue12_undo_dry_run_lists_every_step_and_writes_nothing() {
    let t = alice();
    t.run(NEW).ok();
    let before = snapshot(&t);
    let state_before = state(&t);
    t.run(&["undo", "--dry-run"])
        .ok()
        .stdout(
            "undo `new alice`\n\
             edit alice/agenda.md:3\n\
             \x20 + - [ ] Hiring plan\n\
             edit alice/agenda.md:4\n\
             \x20 + - [ ] Offsite budget\n\
             edit alice/2026-11-01.md:7\n\
             \x20 - - [>] Send the doc\n\
             \x20 + - [ ] Send the doc\n\
             edit alice/2026-11-01.md:9\n\
             \x20 - - [>] Ask about the offsite\n\
             \x20 + - [ ] Ask about the offsite\n\
             edit alice/2026-11-15.md:7\n\
             \x20 - - [>] Draft the review\n\
             \x20 + - [ ] Draft the review\n\
             remove alice/2026-11-29.md\n",
        )
        .stderr("oneonone: dry run: 4 steps listed, nothing was written\n");
    assert_eq!(snapshot(&t), before);
    assert_eq!(state(&t), state_before);
}

#[test]
fn issue12_nothing_to_undo_writes_nothing() {
    let t = Test::new();
    t.run(&["undo"]).status(2).stdout("").stderr(
        "oneonone: error: nothing to undo: no change is recorded in this notebook\n  \
         hint: undo takes back the last new, agenda, done, checkin, rename or\n    \
         check --fix, up to 10 of them, one at a time\n",
    );
    t.run(&["undo", "--dry-run"]).status(2);
    assert_eq!(state(&t), Vec::<String>::new(), "not even the lock");
}

#[test]
fn issue12_followups_after_undo_list_the_items_again() {
    let t = alice();
    // The cache is written, then the files change under it twice.
    let first = crate::followups_json(&t, &[]);
    assert_eq!(first.len(), 3);
    t.run(NEW).ok();
    assert_eq!(
        crate::followups_json(&t, &[])
            .iter()
            .map(|i| i.path.as_str())
            .collect::<Vec<_>>(),
        ["alice/2026-11-29.md"; 3]
    );
    t.run(&["undo"]).ok();
    assert_eq!(crate::followups_json(&t, &[]), first);
}

#[test]
fn issue12_a_journal_that_cannot_be_written_never_fails_the_command() {
    let t = alice();
    // Two long notes: each fits under the limit, the journal entry that
    // holds both does not.
    let filler = "Notes from that meeting, at some length.\n".repeat(120);
    t.write("alice/2026-11-01.md", format!("{EARLIER}\n{filler}"));
    t.write("alice/2026-11-15.md", format!("{LATER}\n{filler}"));
    t.run(&["agenda", "alice", "Earlier point"]).ok();
    assert_eq!(journal(&t).len(), 1);
    run_with_size_limit(&t, 8, "new alice --date 2026-11-29 --framework plain")
        .ok()
        .stdout("alice/2026-11-29.md\n")
        .stderr(
            "oneonone: created the 2026-11-29 note for Alice (Plain); 3 agenda points, 3 follow-ups carried over\n\
             oneonone: .oneonone/undo: cannot record this change for `undo` (File too large (os error 27)); \
             the change is made, but `undo` cannot revert it (nor anything before it)\n",
        );
    assert!(t.path("alice/2026-11-29.md").exists());
    // Undo never skips it to take back the older `agenda`.
    assert_eq!(journal(&t), Vec::<String>::new());
    t.run(&["undo"]).status(2);
}

#[cfg(unix)]
#[test]
fn issue12_the_journal_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let t = alice();
    t.run(NEW).ok();
    let mode = |rel: &str| std::fs::metadata(t.path(rel)).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(".oneonone/undo"), 0o700);
    assert_eq!(mode(".oneonone/undo/00000001"), 0o600);
}
