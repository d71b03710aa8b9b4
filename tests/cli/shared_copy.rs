//! End-to-end tests of the shared copy (issue 13): what `export --shared`
//! prints (and `sync` publishes) is what was discussed, nothing else; and
//! `prep` and `followups` mark private follow-ups, or hide them with
//! `--shared`.

use std::fs;

use crate::Test;

/// Replaces the one place `from` is in the note at `rel` with `to`.
fn edit(t: &Test, rel: &str, from: &str, to: &str) {
    let text = t.read(rel);
    assert_eq!(text.matches(from).count(), 1, "{from:?} in {text}");
    fs::write(t.path(rel), text.replacen(from, to, 1)).unwrap();
}

/// A month with Alice: a note made by `new` with the built-in bank, filled
/// in partly (some questions answered, private words at three levels, a
/// private follow-up), then the next note, which takes the open items;
/// one carried item was then deleted from it by hand.
fn month() -> Test {
    let t = Test::new();
    t.run(&["agenda", "Alice", "Plan the offsite"]).ok();
    t.run(&["new", "Alice", "--date", "2026-11-10", "--seed", "1"])
        .ok();
    let first = "alice/2026-11-10.md";
    edit(&t, first, "tags: []", "tags: [promo, worried]");
    edit(&t, first, "energy:\n", "energy: 2\n");
    edit(
        &t,
        first,
        "- Plan the offsite\n",
        "- Plan the offsite\n  Venue shortlist is done.\n",
    );
    // Listen: the first question answered under it, the others not.
    edit(
        &t,
        first,
        "- If you could redo one part of last week, what would it be?\n",
        "- If you could redo one part of last week, what would it be?\n  The launch checklist.\n",
    );
    // Learn: the last question answered after the list, then a private
    // `<details>` block.
    edit(
        &t,
        first,
        "slowing you down?\n\n",
        "slowing you down?\n\nDesign review keeps slipping.\n\n\
         <details>\n<summary>Private</summary>\n\nSECRET-DETAILS: seems checked out\n\n</details>\n\n",
    );
    // Lift: nothing answered, a private sub-section.
    edit(
        &t,
        first,
        "worth questioning?\n\n",
        "worth questioning?\n\n### Private\n\nSECRET-LIFT: raise the PIP\n\n",
    );
    edit(
        &t,
        first,
        "## Follow-ups\n\n- [ ] \n",
        "## Follow-ups\n\n- [x] Share the roadmap\n- [ ] Book the venue\n- [ ] Send the design doc\n- [ ] \n",
    );
    edit(
        &t,
        first,
        "leaves this section out._\n",
        "leaves this section out._\n\n- [ ] Talk to HR about the PIP timeline\n",
    );
    t.run(&["new", "Alice", "--date", "2026-11-24", "--seed", "2"])
        .ok();
    edit(
        &t,
        "alice/2026-11-24.md",
        "- [ ] Send the design doc (from 2026-11-10)\n",
        "",
    );
    t
}

#[test]
fn issue13_shared_copy_is_what_was_discussed_nothing_else() {
    let t = month();
    let note = t.read("alice/2026-11-10.md");
    // What `new` carried is marked in the note it left.
    assert!(
        note.contains("- [>] Book the venue\n- [>] Send the design doc\n- [ ] \n"),
        "{note}"
    );
    assert!(note.contains("- [>] Talk to HR about the PIP timeline\n"));
    t.run(&["export", "alice", "--date", "2026-11-10", "--shared"])
        .ok()
        .stderr("")
        .stdout(
            "---\nperson: Alice\ndate: 2026-11-10\nframework: listen-learn-lift\n---\n\
             # 1:1 with Alice, 2026-11-10\n\n\
             ## Agenda\n\n- Plan the offsite\n  Venue shortlist is done.\n\n\
             ## Listen\n\n\
             - If you could redo one part of last week, what would it be?\n  The launch checklist.\n\n\
             ## Learn\n\n\
             - Where is friction with another team slowing you down?\n\n\
             Design review keeps slipping.\n\n\
             ## Follow-ups\n\n\
             - [x] Share the roadmap\n\
             - [>] Book the venue (carried to 2026-11-24)\n",
        );
    // Without --shared, the note as it is.
    t.run(&["export", "alice/2026-11-10.md"]).ok().stdout(note);
}

#[test]
fn issue13_shared_copy_of_the_next_note_keeps_empty_agenda_and_follow_ups() {
    let t = month();
    let run = t
        .run(&["export", "alice", "--date", "2026-11-24", "--shared"])
        .ok();
    assert_eq!(
        run.stdout,
        "---\nperson: Alice\ndate: 2026-11-24\nframework: listen-learn-lift\n---\n\
         # 1:1 with Alice, 2026-11-24\n\n\
         ## Agenda\n\n\
         ## Follow-ups\n\n\
         - [ ] Book the venue (from 2026-11-10)\n"
    );
}
