//! End-to-end tests of `oneonone rename` (issue 11): a person renamed or
//! merged into another, checked byte for byte; `--dry-run`; refusals; and
//! a failed rename undone.

use crate::Test;
use crate::fixtures::{
    alice_notebook, as_snapshot, run_with_size_limit, snapshot, temp_files, write_all,
};

/// The blurb under an agenda.md's heading.
const BLURB: &str = "Talking points for the next 1:1, from either side. `oneonone new` moves the open\n\
                     ones into the meeting's note.\n\n";

#[test]
fn issue11_rename_moves_the_folder_and_changes_only_the_names_bytes() {
    let t = Test::new();
    write_all(&t, &alice_notebook("Alice", "alice", "alice"));
    t.run(&["rename", "alice", "Mary Ann Walsh"])
        .ok()
        .stdout("")
        .stderr(
            "oneonone: renamed Alice (alice/) to Mary Ann Walsh (mary-ann-walsh/)\n\
             oneonone: the name is now Mary Ann Walsh in 19 notes and person.yaml\n\
             oneonone: updated 43 @alice mentions to @mary-ann-walsh, in 23 files\n",
        );
    // Every file, whole: the folder moved; `person:`, `name:` and the
    // mentions changed; not a byte else.
    let want = alice_notebook("Mary Ann Walsh", "mary-ann-walsh", "mary-ann-walsh");
    assert_eq!(snapshot(&t), as_snapshot(&want));
    assert!(!t.path("alice").exists());
    // The person answers to the new name.
    t.run(&["agenda", "mary", "--color", "never"])
        .ok()
        .stdout("mary-ann-walsh/agenda.md:6: Promo case for @mary-ann-walsh\n");
}

/// Alice Smith's folder, which Alice (alice/) is merged into: a note the
/// same day as Alice's first, an older one with another spelling of her
/// name, an agenda and a person.yaml.
fn alice_smith() -> Vec<(String, String)> {
    [
        (
            "alice-smith/2026-01-05.md",
            "---\nperson: Alice Smith\ndate: 2026-01-05\n---\nHer own first 1:1.\n".to_string(),
        ),
        (
            "alice-smith/2025-12-29.md",
            "---\nperson: A. Smith\ndate: 2025-12-29\n---\nEarlier.\n".into(),
        ),
        (
            "alice-smith/agenda.md",
            format!("# Agenda: Alice Smith\n\n{BLURB}- [ ] Her own point\n"),
        ),
        (
            "alice-smith/person.yaml",
            "name: Alice Smith\nrole: Staff Engineer\naliases: [al]\n".into(),
        ),
    ]
    .into_iter()
    .map(|(p, s)| (p.to_string(), s))
    .collect()
}

#[test]
fn issue11_merge_moves_the_notes_in_and_keeps_both_sides() {
    let t = Test::new();
    write_all(&t, &alice_notebook("Alice", "alice", "alice"));
    write_all(&t, &alice_smith());
    t.run(&["rename", "alice", "Alice Smith", "--merge"])
        .ok()
        .stdout("")
        .stderr(
            "oneonone: merged Alice (alice/) into Alice Smith (alice-smith/)\n\
             oneonone: moved 20 notes and 1 other file into alice-smith/\n\
             oneonone: alice/2026-01-05.md is now alice-smith/2026-01-05-2.md (a note of that day was there)\n\
             oneonone: added 1 agenda point to alice-smith/agenda.md\n\
             oneonone: person.yaml: role: kept Staff Engineer; alice/person.yaml's Engineer is a comment below it\n\
             oneonone: person.yaml: aliases: added ally from alice/person.yaml\n\
             oneonone: person.yaml: email: alice@example.org added from alice/person.yaml\n\
             oneonone: person.yaml: aliases: added Alice, the name of alice/\n\
             oneonone: the name is now Alice Smith in 20 notes\n\
             oneonone: updated 43 @alice mentions to @alice-smith, in 23 files\n\
             oneonone: removed the empty alice/\n",
        );

    // Alice's files as a rename would leave them, in alice-smith/ ...
    let mut want = alice_notebook("Alice Smith", "alice-smith", "alice-smith");
    for (rel, text) in &mut want {
        match rel.as_str() {
            // ... her first note beside the one of that day ...
            "alice-smith/2026-01-05.md" => *rel = "alice-smith/2026-01-05-2.md".into(),
            // ... her agenda after the target's, without its heading ...
            "alice-smith/agenda.md" => {
                *text = format!(
                    "# Agenda: Alice Smith\n\n{BLURB}- [ ] Her own point\n\
                     - [ ] Promo case for @alice-smith\n- [x] Done: @alice-x's offsite\n"
                );
            }
            // ... and person.yaml with the target's values first.
            "alice-smith/person.yaml" => {
                *text = "name: Alice Smith\nrole: Staff Engineer\n\
                         # alice/person.yaml had: role: Engineer\n\
                         aliases: [al, ally, Alice]\n\
                         # From alice/person.yaml, merged by `oneonone rename`:\n\
                         email: alice@example.org\n"
                    .into();
            }
            _ => {}
        }
    }
    // The target's own notes: the one of that day as it was, the other
    // with the name.
    let own = alice_smith();
    want.push(own[0].clone());
    want.push((
        own[1].0.clone(),
        own[1].1.replace("person: A. Smith", "person: Alice Smith"),
    ));
    assert_eq!(snapshot(&t), as_snapshot(&want));
    assert!(!t.path("alice").exists());
}

/// A small notebook: Alice with a note, an agenda and person.yaml; Bob's
/// note mentions her in a line longer than a terminal.
fn small() -> Test {
    let t = Test::new();
    t.write(
        "alice/2026-01-05.md",
        "---\nperson: Alice\ndate: 2026-01-05\n---\n- [ ] Ask @alice about the doc\n",
    );
    t.write(
        "alice/agenda.md",
        format!("# Agenda: Alice\n\n{BLURB}- [ ] Her promo\n"),
    );
    t.write("alice/person.yaml", "name: Alice\nrole: Engineer\n");
    t.write(
        "bob/2026-01-06.md",
        "---\nperson: Bob\ndate: 2026-01-06\n---\n\
         A long paragraph of notes from the meeting with Bob, who said that he would pair \
         with @alice on the migration plan next week.\n",
    );
    t
}

#[test]
fn issue11_dry_run_lists_every_change_and_writes_nothing() {
    let t = small();
    let before = snapshot(&t);
    t.run(&["rename", "alice", "Mary Ann Walsh", "--dry-run"])
        .ok()
        .stdout(
            "rename Alice (alice/) to Mary Ann Walsh (mary-ann-walsh/)\n\
             move alice/ to mary-ann-walsh/\n\
             edit bob/2026-01-06.md:5\n\
             \x20 - A long paragraph of notes from the meeting with Bob, who said that he would pair with @alice on the migration plan next week.\n\
             \x20 + A long paragraph of notes from the meeting with Bob, who said that he would pair with @mary-ann-walsh on the migration plan next week.\n\
             edit mary-ann-walsh/2026-01-05.md:2\n\
             \x20 - person: Alice\n\
             \x20 + person: Mary Ann Walsh\n\
             edit mary-ann-walsh/2026-01-05.md:5\n\
             \x20 - - [ ] Ask @alice about the doc\n\
             \x20 + - [ ] Ask @mary-ann-walsh about the doc\n\
             edit mary-ann-walsh/person.yaml:1\n\
             \x20 - name: Alice\n\
             \x20 + name: Mary Ann Walsh\n",
        )
        .stderr("oneonone: dry run: 4 steps listed, nothing was written\n");
    assert_eq!(snapshot(&t), before);
    // On a terminal, a long line is cut to its width around the change.
    let run = t.run_on_terminal(&["rename", "alice", "Mary Ann Walsh", "--dry-run"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "\n  - …, who said that he would pair with @alice on the migration plan next week.\n\
             \x20 + …d that he would pair with @mary-ann-walsh on the migration plan next week.\n"
        ),
        "{}",
        run.stdout
    );
    // Not even the lock: the state folder stays as the notebook had it.
    assert_eq!(
        std::fs::read_dir(t.path(".oneonone")).unwrap().count(),
        0,
        "a dry run left something in .oneonone/"
    );

    // A merge lists each note moved, the agenda and person.yaml merged, and
    // what is removed.
    t.write(
        "mary-ann-walsh/2026-01-05.md",
        "---\nperson: Mary Ann Walsh\ndate: 2026-01-05\n---\n",
    );
    t.write("mary-ann-walsh/agenda.md", "- [ ] Hers\n");
    t.write(
        "mary-ann-walsh/person.yaml",
        "name: Mary Ann Walsh\nrole: Lead\n",
    );
    let before = snapshot(&t);
    t.run(&["rename", "alice", "Mary Ann Walsh", "--merge", "--dry-run"])
        .ok()
        .stdout(
            "merge Alice (alice/) into Mary Ann Walsh (mary-ann-walsh/)\n\
             move alice/2026-01-05.md to mary-ann-walsh/2026-01-05-2.md\n\
             edit bob/2026-01-06.md:5\n\
             \x20 - A long paragraph of notes from the meeting with Bob, who said that he would pair with @alice on the migration plan next week.\n\
             \x20 + A long paragraph of notes from the meeting with Bob, who said that he would pair with @mary-ann-walsh on the migration plan next week.\n\
             edit mary-ann-walsh/2026-01-05-2.md:2\n\
             \x20 - person: Alice\n\
             \x20 + person: Mary Ann Walsh\n\
             edit mary-ann-walsh/2026-01-05-2.md:5\n\
             \x20 - - [ ] Ask @alice about the doc\n\
             \x20 + - [ ] Ask @mary-ann-walsh about the doc\n\
             edit mary-ann-walsh/agenda.md:2\n\
             \x20 + - [ ] Her promo\n\
             edit mary-ann-walsh/person.yaml:3\n\
             \x20 + # alice/person.yaml had: role: Engineer\n\
             \x20 + aliases: [Alice]\n\
             remove alice/agenda.md (merged into mary-ann-walsh/agenda.md)\n\
             remove alice/person.yaml (merged into mary-ann-walsh/person.yaml)\n\
             remove alice/ (empty by then)\n",
        )
        .stderr(
            "oneonone: person.yaml: role: kept Lead; alice/person.yaml's Engineer is a comment below it\n\
             oneonone: person.yaml: aliases: added Alice, the name of alice/\n\
             oneonone: dry run: 7 steps listed, nothing was written\n",
        );
    assert_eq!(snapshot(&t), before);
}

#[test]
fn issue11_rename_refuses_a_folder_that_is_there_without_merge() {
    let t = Test::new();
    write_all(&t, &alice_notebook("Alice", "alice", "alice"));
    write_all(&t, &alice_smith());
    let before = snapshot(&t);
    t.run(&["rename", "alice", "Alice Smith"])
        .status(2)
        .stdout("")
        .stderr(
            "oneonone: error: alice-smith/ is already there (Alice Smith); \
             to move the notes of Alice (alice/) into it, run:\n  \
             oneonone rename alice 'Alice Smith' --merge\n",
        );
    assert_eq!(snapshot(&t), before);

    // A merge that would put a file where one is stops before writing,
    // naming each.
    t.write("alice-smith/review.txt", "hers\n");
    t.write("alice/sub/x.md", "x\n");
    t.write("alice-smith/sub/y.md", "y\n");
    let before = snapshot(&t);
    t.run(&["rename", "alice", "Alice Smith", "--merge"])
        .status(2)
        .stdout("")
        .stderr(
            "oneonone: error: cannot merge alice/ into alice-smith/: nothing was written; \
             move or rename these first:\n  \
             alice/review.txt: alice-smith/review.txt is there too\n  \
             alice/sub: alice-smith/sub is there too\n",
        );
    assert_eq!(snapshot(&t), before);
}

#[test]
fn issue11_rename_refuses_what_it_cannot_do() {
    let t = small();
    let before = snapshot(&t);
    // An unknown person, as every command says it.
    let unknown = t.run(&["prep", "zed"]).status(2).stderr;
    t.run(&["rename", "zed", "Zed Smith"])
        .status(2)
        .stdout("")
        .stderr(unknown);
    // The same name.
    t.run(&["rename", "alice", "Alice"])
        .status(2)
        .stderr("oneonone: error: Alice (alice/) is already named \"Alice\"; nothing to rename\n");
    // A name that cannot be a folder.
    t.run(&["rename", "alice", "../mallory"])
        .status(2)
        .stderr("oneonone: error: cannot use \"../mallory\" as a person: a name cannot contain `/` or `\\`\n");
    // A file where the folder would go.
    t.write("alice-smith", "a file\n");
    let before_file = snapshot(&t);
    t.run(&["rename", "alice", "Alice Smith"])
        .status(2)
        .stderr("oneonone: error: alice-smith: is a file where the person's folder would go; move it away, then run the rename again\n");
    assert_eq!(snapshot(&t), before_file);
    std::fs::remove_file(t.path("alice-smith")).unwrap();
    assert_eq!(snapshot(&t), before);
    // A note whose `person:` cannot be changed by its value's bytes alone:
    // nothing is written, the note is named.
    t.write(
        "alice/2026-01-12.md",
        "---\nperson: Alice\ndate: [2026\n---\nx\n",
    );
    let before = snapshot(&t);
    t.run(&["rename", "alice", "Alice Smith"]).status(2).stderr(
        "oneonone: error: alice/2026-01-12.md:3:7: did not find expected ',' or ']', \
             while parsing a flow sequence at line 3 column 7; fix it, then run the rename again\n",
    );
    t.write(
        "alice/2026-01-12.md",
        "---\nperson: \"Alice\n  Smith\"\n---\nx\n",
    );
    t.run(&["rename", "alice", "Bo"]).status(2).stderr(
        "oneonone: error: alice/2026-01-12.md:2: cannot set `person:` by changing only its value \
             (a multi-line or quoted value?); edit it by hand, then run the rename again\n",
    );
    assert_eq!(snapshot(&t).len(), before.len());
    assert!(!t.path("bo").exists());
}

#[test]
fn issue11_rename_to_the_same_folder_changes_only_the_names() {
    let t = small();
    t.run(&["rename", "alice", "Alicé"]).ok().stderr(
        "oneonone: renamed Alice (alice/) to Alicé (alice/)\n\
             oneonone: the name is now Alicé in 1 note and person.yaml\n",
    );
    assert_eq!(
        t.files(),
        [
            "alice/2026-01-05.md",
            "alice/agenda.md",
            "alice/person.yaml",
            "bob/2026-01-06.md"
        ]
    );
    t.file(
        "alice/2026-01-05.md",
        "---\nperson: Alicé\ndate: 2026-01-05\n---\n- [ ] Ask @alice about the doc\n",
    );
    t.file("alice/person.yaml", "name: Alicé\nrole: Engineer\n");
}

#[test]
fn issue11_rename_keeps_the_name_in_person_yaml_only_where_needed() {
    // A person.yaml without `name:` gets that one line.
    let t = Test::new();
    t.write(
        "alice/2026-01-05.md",
        "---\nperson: Alice\ndate: 2026-01-05\n---\n",
    );
    t.write("alice/person.yaml", "role: Engineer # since May");
    t.run(&["rename", "alice", "Alice Smith"]).ok();
    t.file(
        "alice-smith/person.yaml",
        "role: Engineer # since May\nname: Alice Smith\n",
    );

    // No person.yaml, and a note keeps the name: none is made.
    let t = Test::new();
    t.write(
        "alice/2026-01-05.md",
        "---\nperson: Alice\ndate: 2026-01-05\n---\n",
    );
    t.run(&["rename", "alice", "Alice Smith"]).ok();
    assert_eq!(t.files(), ["alice-smith/2026-01-05.md"]);

    // No note holds a name: person.yaml keeps it, as `agenda` would.
    let t = Test::new();
    t.write("alice/2026-01-05.md", "Notes without frontmatter.\n");
    t.run(&["rename", "alice", "Alice Smith"]).ok().stderr(
        "oneonone: renamed alice (alice/) to Alice Smith (alice-smith/)\n\
             oneonone: the name is now Alice Smith in person.yaml\n",
    );
    t.file(
        "alice-smith/person.yaml",
        "# About this person, for oneonone. Every key is optional.\n\
         name: \"Alice Smith\"\n# role: Staff Engineer\n# cadence_days: 14    # days between 1:1s\n",
    );
    t.run(&["people", "--json"]).ok();
}

/// Zoe's note, too large for the size limit, mentions Alice: its edit is
/// the last one, and fails.
fn zoe_too_large(t: &Test) {
    t.write(
        "zoe/2026-01-07.md",
        format!(
            "---\nperson: Zoe\ndate: 2026-01-07\n---\n{}- [ ] Ask @alice\n",
            "Long notes from that meeting.\n".repeat(400)
        ),
    );
}

#[test]
fn issue11_a_failed_rename_is_undone() {
    let t = Test::new();
    write_all(&t, &alice_notebook("Alice", "alice", "alice"));
    zoe_too_large(&t);
    let before = snapshot(&t);
    // The folder moves first, then 24 files are edited; the last fails.
    run_with_size_limit(&t, 8, "rename alice 'Mary Ann Walsh'")
        .status(2)
        .stdout("")
        .stderr("oneonone: error: zoe/2026-01-07.md: cannot write: file too large\n");
    assert_eq!(snapshot(&t), before);
    assert!(!t.path("mary-ann-walsh").exists());
    assert_eq!(temp_files(t.dir.path()), Vec::<String>::new());

    // A merge too: notes moved back, the edits undone.
    write_all(&t, &alice_smith());
    let before = snapshot(&t);
    run_with_size_limit(&t, 8, "rename alice 'Alice Smith' --merge")
        .status(2)
        .stdout("")
        .stderr("oneonone: error: zoe/2026-01-07.md: cannot write: file too large\n");
    assert_eq!(snapshot(&t), before);
    assert_eq!(temp_files(t.dir.path()), Vec::<String>::new());

    // With room, it goes through.
    t.run(&["rename", "alice", "Alice Smith", "--merge"]).ok();
    assert!(!t.path("alice").exists());
    assert!(
        t.read("zoe/2026-01-07.md")
            .ends_with("- [ ] Ask @alice-smith\n")
    );
}

/// The reviewer's case: the name gets shorter, so the first note, one
/// byte over the size limit, is written under it; the second is too large
/// to write. Putting the first back means a file larger than the limit:
/// it is renamed back, never written again.
#[test]
fn issue11_a_failed_rename_puts_back_files_larger_than_it_could_write() {
    let t = Test::new();
    let note = |name: &str, size: usize| {
        let head = format!("---\nperson: {name}\n---\n- [ ] Ask @alice-green\n");
        format!("{head}{}\n", "x".repeat(size - head.len() - 1))
    };
    t.write("alice-green/2026-10-13.md", note("Alice Green", 4097));
    t.write("alice-green/2026-10-20.md", note("Alice Green", 6000));
    let before = snapshot(&t);
    run_with_size_limit(&t, 4, "rename alice-green 'Alice Blue'")
        .status(2)
        .stdout("")
        .stderr("oneonone: error: alice-green/2026-10-20.md: cannot write: file too large\n");
    assert_eq!(snapshot(&t), before);
    assert!(!t.path("alice-blue").exists());
    assert_eq!(temp_files(t.dir.path()), Vec::<String>::new());
}

/// Chloé Dubois (alias coco), Marcus Lee, two Alexes, and notes that
/// mention Chloé every way a name resolves.
fn chloe() -> Test {
    let t = Test::new();
    t.write(
        "chloe-dubois/person.yaml",
        "name: Chloé Dubois\naliases: [coco]\n",
    );
    t.write(
        "chloe-dubois/2026-01-05.md",
        "---\nperson: Chloé Dubois\ndate: 2026-01-05\n---\n- [ ] @chloe sends the doc\n- [ ] Ask @Chloé.\n",
    );
    t.write(
        "marcus-lee/2026-01-06.md",
        "---\nperson: Marcus Lee\ndate: 2026-01-06\n---\n\
         - [ ] @coco and @chloe-dubois review it, @chlo too\n\
         - [ ] Not @chloe-x, @alex, @me or `@chloe`\n",
    );
    t.write("alex-kim/person.yaml", "name: Alex Kim\n");
    t.write("alex-ross/person.yaml", "name: Alex Ross\n");
    t
}

#[test]
fn issue11_rename_rewrites_every_mention_that_meant_the_person() {
    let t = chloe();
    t.run(&["rename", "chloe-dubois", "Zoe Martin", "--dry-run"])
        .ok()
        .stdout(
            "rename Chloé Dubois (chloe-dubois/) to Zoe Martin (zoe-martin/)\n\
             move chloe-dubois/ to zoe-martin/\n\
             edit marcus-lee/2026-01-06.md:5\n\
             \x20 - - [ ] @coco and @chloe-dubois review it, @chlo too\n\
             \x20 + - [ ] @zoe-martin and @zoe-martin review it, @zoe-martin too\n\
             edit zoe-martin/2026-01-05.md:2\n\
             \x20 - person: Chloé Dubois\n\
             \x20 + person: Zoe Martin\n\
             edit zoe-martin/2026-01-05.md:5\n\
             \x20 - - [ ] @chloe sends the doc\n\
             \x20 + - [ ] @zoe-martin sends the doc\n\
             edit zoe-martin/2026-01-05.md:6\n\
             \x20 - - [ ] Ask @Chloé.\n\
             \x20 + - [ ] Ask @zoe-martin.\n\
             edit zoe-martin/person.yaml:1\n\
             \x20 - name: Chloé Dubois\n\
             \x20 + name: Zoe Martin\n",
        )
        .stderr("oneonone: dry run: 4 steps listed, nothing was written\n");
    t.run(&["rename", "chloe-dubois", "Zoe Martin"])
        .ok()
        .stderr(
            "oneonone: renamed Chloé Dubois (chloe-dubois/) to Zoe Martin (zoe-martin/)\n\
             oneonone: the name is now Zoe Martin in 1 note and person.yaml\n\
             oneonone: updated 5 @mentions of Chloé Dubois (@chloe, @Chloé, @coco, @chloe-dubois, \
             @chlo) to @zoe-martin, in 2 files\n",
        );
    t.file(
        "zoe-martin/2026-01-05.md",
        "---\nperson: Zoe Martin\ndate: 2026-01-05\n---\n- [ ] @zoe-martin sends the doc\n- [ ] Ask @zoe-martin.\n",
    );
    t.file(
        "marcus-lee/2026-01-06.md",
        "---\nperson: Marcus Lee\ndate: 2026-01-06\n---\n\
         - [ ] @zoe-martin and @zoe-martin review it, @zoe-martin too\n\
         - [ ] Not @chloe-x, @alex, @me or `@chloe`\n",
    );
    t.file(
        "zoe-martin/person.yaml",
        "name: Zoe Martin\naliases: [coco]\n",
    );
}

#[test]
fn issue11_rename_onto_someone_elses_alias_or_name_is_a_merge() {
    let t = chloe();
    t.write("mw/person.yaml", "name: Maxine Wu\n");
    let before = snapshot(&t);
    t.run(&["rename", "marcus", "coco"])
        .status(2)
        .stdout("")
        .stderr(
            "oneonone: error: \"coco\" already means Chloé Dubois (chloe-dubois/); \
         to move the notes of Marcus Lee (marcus-lee/) into chloe-dubois/, run:\n  \
         oneonone rename marcus coco --merge\n",
        );
    t.run(&["rename", "marcus", "maxine wu"]).status(2).stderr(
        "oneonone: error: \"maxine wu\" already means Maxine Wu (mw/); \
         to move the notes of Marcus Lee (marcus-lee/) into mw/, run:\n  \
         oneonone rename marcus 'maxine wu' --merge\n",
    );
    assert_eq!(snapshot(&t), before);
    // Their own alias is no one else's.
    t.run(&["rename", "chloe", "coco", "--dry-run"])
        .ok()
        .stdout(
            "rename Chloé Dubois (chloe-dubois/) to coco (coco/)\n\
             move chloe-dubois/ to coco/\n\
             edit coco/2026-01-05.md:2\n\
             \x20 - person: Chloé Dubois\n\
             \x20 + person: coco\n\
             edit coco/2026-01-05.md:5\n\
             \x20 - - [ ] @chloe sends the doc\n\
             \x20 + - [ ] @coco sends the doc\n\
             edit coco/2026-01-05.md:6\n\
             \x20 - - [ ] Ask @Chloé.\n\
             \x20 + - [ ] Ask @coco.\n\
             edit coco/person.yaml:1\n\
             \x20 - name: Chloé Dubois\n\
             \x20 + name: coco\n\
             edit marcus-lee/2026-01-06.md:5\n\
             \x20 - - [ ] @coco and @chloe-dubois review it, @chlo too\n\
             \x20 + - [ ] @coco and @coco review it, @coco too\n",
        );
    // With --merge, into the person the name means, under their name.
    t.run(&["rename", "marcus", "coco", "--merge"]).ok().stderr(
        "oneonone: merged Marcus Lee (marcus-lee/) into Chloé Dubois (chloe-dubois/)\n\
         oneonone: moved 1 note into chloe-dubois/\n\
         oneonone: person.yaml: aliases: added Marcus Lee, the name of marcus-lee/\n\
         oneonone: the name is now Chloé Dubois in 1 note\n\
         oneonone: removed the empty marcus-lee/\n",
    );
    t.file(
        "chloe-dubois/2026-01-06.md",
        "---\nperson: Chloé Dubois\ndate: 2026-01-06\n---\n\
         - [ ] @coco and @chloe-dubois review it, @chlo too\n\
         - [ ] Not @chloe-x, @alex, @me or `@chloe`\n",
    );
    t.file(
        "chloe-dubois/person.yaml",
        "name: Chloé Dubois\naliases: [coco, Marcus Lee]\n",
    );
    assert!(!t.path("marcus-lee").exists());
}

#[test]
fn issue11_merge_keeps_the_merged_persons_name_as_an_alias() {
    let t = Test::new();
    t.write(
        "aj/2026-01-05.md",
        "---\nperson: AJ\ndate: 2026-01-05\n---\nNotes.\n",
    );
    t.write("aj/person.yaml", "name: AJ\nrole: Engineer\n");
    t.write(
        "alice-jones/2026-01-12.md",
        "---\nperson: Alice Jones\ndate: 2026-01-12\n---\nMore.\n",
    );
    t.write(
        "alice-jones/person.yaml",
        "name: Alice Jones\nrole: Engineer\n",
    );
    t.run(&["rename", "aj", "Alice Jones", "--merge"])
        .ok()
        .stderr(
            "oneonone: merged AJ (aj/) into Alice Jones (alice-jones/)\n\
             oneonone: moved 1 note into alice-jones/\n\
             oneonone: person.yaml: aliases: added AJ, the name of aj/\n\
             oneonone: the name is now Alice Jones in 1 note\n\
             oneonone: removed the empty aj/\n",
        );
    t.file(
        "alice-jones/person.yaml",
        "name: Alice Jones\nrole: Engineer\naliases: [AJ]\n",
    );
    t.run(&["agenda", "aj"]).ok().stderr(
        "oneonone: no open talking points for Alice Jones; add one with `oneonone agenda alice-jones \"...\"`\n",
    );

    // A folder named otherwise than its person: both names stay, in the
    // list's own style.
    let t = Test::new();
    t.write("al/person.yaml", "name: Alice\naliases:\n  - ali\n");
    t.write(
        "alice-smith/person.yaml",
        "name: Alice Smith\naliases:\n  - smithy\n",
    );
    t.run(&["rename", "al", "Alice Smith", "--merge"])
        .ok()
        .stderr(
            "oneonone: merged Alice (al/) into Alice Smith (alice-smith/)\n\
             oneonone: moved 0 notes into alice-smith/\n\
             oneonone: person.yaml: aliases: added ali from al/person.yaml\n\
             oneonone: person.yaml: aliases: added Alice, al, the name and folder of al/\n\
             oneonone: removed the empty al/\n",
        );
    t.file(
        "alice-smith/person.yaml",
        "name: Alice Smith\naliases:\n  - smithy\n  - ali\n  - Alice\n  - al\n",
    );
}

#[test]
fn issue11_a_failed_merge_names_the_file_where_it_is_again() {
    let t = Test::new();
    let big = format!(
        "---\nperson: Alice\ndate: 2026-01-05\n---\n{}\n",
        "x".repeat(4100)
    );
    t.write("alice/2026-01-05.md", &big);
    t.write(
        "alice-smith/2026-01-05.md",
        "---\nperson: Alice Smith\ndate: 2026-01-05\n---\n",
    );
    t.write("alice-smith/person.yaml", "name: Alice Smith\n");
    let before = snapshot(&t);
    // The note moves to alice-smith/2026-01-05-2.md, its edit fails, and
    // it moves back.
    run_with_size_limit(&t, 4, "rename alice 'Alice Smith' --merge")
        .status(2)
        .stdout("")
        .stderr("oneonone: error: alice/2026-01-05.md: cannot write: file too large\n");
    assert_eq!(snapshot(&t), before);
}

#[test]
fn issue11_rename_keeps_the_names_quotes() {
    let t = Test::new();
    t.write(
        "alice-smith/person.yaml",
        "name: \"Alice Smith\"  # hers\nrole: Engineer\n",
    );
    t.write(
        "alice-smith/2026-01-05.md",
        "---\nperson: 'Alice Smith'\ndate: 2026-01-05\n---\n",
    );
    t.write(
        "alice-smith/2026-01-12.md",
        "---\nperson: Alice Smith\ndate: 2026-01-12\n---\n",
    );
    t.run(&["rename", "alice-smith", "Alice O'Neil"]).ok();
    t.file(
        "alice-o-neil/person.yaml",
        "name: \"Alice O'Neil\"  # hers\nrole: Engineer\n",
    );
    t.file(
        "alice-o-neil/2026-01-05.md",
        "---\nperson: 'Alice O''Neil'\ndate: 2026-01-05\n---\n",
    );
    t.file(
        "alice-o-neil/2026-01-12.md",
        "---\nperson: Alice O'Neil\ndate: 2026-01-12\n---\n",
    );
}

/// Review: a merge dropped the old agenda's first line whenever it began
/// with `# Agenda`, words of the person's own included, then removed the
/// file. Only the heading `agenda` writes goes; any other stays.
#[test]
fn issue11_merge_keeps_an_agenda_heading_the_person_wrote() {
    let t = Test::new();
    t.write(
        "bob/agenda.md",
        "# Agenda for Bob: keep these on comp\n- [ ] His raise\n",
    );
    t.write("alice/agenda.md", "# Agenda: Alice\n\n- [ ] Hers\n");
    t.run(&["rename", "bob", "alice", "--merge"]).ok();
    t.file(
        "alice/agenda.md",
        "# Agenda: Alice\n\n- [ ] Hers\n\n# Agenda for Bob: keep these on comp\n- [ ] His raise\n",
    );
    assert!(!t.path("bob").exists());
}
