//! End-to-end tests of `oneonone agenda`: talking points added, listed,
//! kept byte for byte, and refused when a note could not hold them.

use crate::fixtures::count_open;
use crate::{Test, followups_json};

#[test]
fn agenda_adds_lists_and_is_moved_into_the_next_note_once() {
    let t = Test::new();
    t.run(&["agenda", "Alice Smith", "Ask", "about", "the", "offsite"])
        .ok()
        .stdout("alice-smith/agenda.md:6\n")
        .stderr("oneonone: new person: Alice Smith (alice-smith/)\noneonone: added to Alice Smith's agenda (1 open)\n");
    t.run(&["agenda", "alice", "Hiring **plan**"]).ok();
    t.file(
        "alice-smith/agenda.md",
        "# Agenda: Alice Smith\n\n\
         Talking points for the next 1:1, from either side. `oneonone new` moves the open\n\
         ones into the meeting's note.\n\n\
         - [ ] Ask about the offsite\n\
         - [ ] Hiring **plan**\n",
    );
    // A name with no note yet is kept in person.yaml.
    assert!(
        t.read("alice-smith/person.yaml")
            .contains("\nname: \"Alice Smith\"\n")
    );
    t.run(&["agenda", "alice", "--color", "never"]).ok().stdout("alice-smith/agenda.md:6: Ask about the offsite\nalice-smith/agenda.md:7: Hiring **plan**\n");

    // Agenda points are not follow-ups, but followups says they wait.
    t.run(&["followups", "--json"]).ok().stdout("[]\n").stderr("oneonone: 2 talking points are waiting in alice-smith/agenda.md\n  hint: `oneonone followups --agenda` lists them too\n");
    assert_eq!(followups_json(&t, &["--agenda"]).len(), 2);

    t
        .run(&["new", "alice", "--date", "2026-11-24", "--seed", "1"])
        .ok().stderr("oneonone: created the 2026-11-24 note for Alice Smith (Listen, Learn, Lift); 2 agenda points\n");
    let text = t.read("alice-smith/2026-11-24.md");
    assert!(
        text.contains("\n## Agenda\n\n- Ask about the offsite\n- Hiring **plan**\n\n## Listen\n"),
        "{text}"
    );
    assert!(text.starts_with("---\nperson: Alice Smith\n"));
    assert!(
        t.read("alice-smith/agenda.md")
            .ends_with("ones into the meeting's note.\n\n")
    );
    // Moved exactly once: a second note the same day gets none of them.
    t.run(&["new", "alice", "--date", "2026-11-24", "--seed", "1"])
        .ok();
    assert!(
        t.read("alice-smith/2026-11-24-2.md")
            .contains("\n## Agenda\n\n- \n\n## Listen\n")
    );
    assert_eq!(count_open(&t), 0);
}

#[test]
fn agenda_keeps_the_files_own_lines_and_line_endings() {
    let t = Test::new();
    t.write(
        "bob/agenda.md",
        "# Bob\r\n\r\n- [x] old point\r\n- [ ] shared from git\r\n  with a second line",
    );
    t.run(&["agenda", "bob", "new point"]).ok();
    t.file("bob/agenda.md", "# Bob\r\n\r\n- [x] old point\r\n- [ ] shared from git\r\n  with a second line\r\n- [ ] new point\r\n");
    t.run(&["new", "bob", "--date", "2026-11-24"]).ok();
    t.file("bob/agenda.md", "# Bob\r\n\r\n- [x] old point\r\n");
    let text = t.read("bob/2026-11-24.md");
    assert!(
        text.contains(
            "## Agenda\n\n- shared from git\n  with a second line\n- new point\n\n## Listen"
        ),
        "{text}"
    );
}

#[test]
fn agenda_points_are_the_same_for_every_command() {
    let t = Test::new();
    t.write(
        "bob/agenda.md",
        "- [ ] top one\n  - [ ] its sub-point\n- [x] done\n  - [ ] under a done one\n> - [ ] quoted\n- [ ] top two\n",
    );
    let listed = t.run(&["agenda", "bob", "--color", "never"]).ok().stdout;
    assert_eq!(
        listed,
        "bob/agenda.md:1: top one\nbob/agenda.md:6: top two\n"
    );
    let texts: Vec<String> = followups_json(&t, &["--agenda"])
        .into_iter()
        .map(|i| i.text)
        .collect();
    assert_eq!(texts, ["top one", "top two"]);
    t.run(&["new", "bob", "--date", "2026-11-24"]).ok();
    let note = t.read("bob/2026-11-24.md");
    // The sub-point moves with its point, and no checkbox comes along.
    assert!(
        note.contains("## Agenda\n\n- top one\n  - its sub-point\n- top two\n\n"),
        "{note}"
    );
    assert_eq!(count_open(&t), 0);
    t.file(
        "bob/agenda.md",
        "- [x] done\n  - [ ] under a done one\n> - [ ] quoted\n",
    );
}

#[test]
fn a_point_that_would_be_swallowed_is_refused() {
    let t = Test::new();
    let before = "- [ ] one\n\n```\nsnippet, never closed\n";
    t.write("bob/agenda.md", before);
    t.run(&["agenda", "bob", "new point"]).status(2).stderr("oneonone: error: bob/agenda.md: it ends inside a code block, an HTML block or a comment, where a new point would not show; close it, then add the point again\n");
    t.file("bob/agenda.md", before);
}

#[test]
fn issue9_a_talking_point_with_a_direction_mark_is_refused() {
    let t = Test::new();
    t.run(&["agenda", "bob", "pay \u{202e}gnp.exe"]).status(2).stderr("oneonone: error: a talking point cannot contain control characters or invisible direction marks\n");
    assert_eq!(t.files(), Vec::<String>::new());
}

/// Review: a point added to an agenda.md with git conflict markers was
/// appended after them (and a space's sync then pushed the markers).
#[test]
fn issue13_agenda_refuses_a_file_with_conflict_markers() {
    let t = Test::new();
    let conflicted =
        "# Agenda: Bob\n\n<<<<<<< HEAD\n- [ ] Mine\n=======\n- [ ] Theirs\n>>>>>>> other\n";
    t.write("bob/agenda.md", conflicted);
    t.run(&["agenda", "bob", "A new point"])
        .status(2)
        .stdout("")
        .stderr(
            "oneonone: error: bob/agenda.md:3: git conflict markers: resolve the conflict (keep \
             the points of both sides), then add the point again\n",
        );
    t.file("bob/agenda.md", conflicted);
}
