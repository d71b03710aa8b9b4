//! End-to-end tests of the shared copy (issue 13): what `export --shared`
//! prints (and `sync` publishes) is what was discussed, nothing else; and
//! `prep` and `followups` mark private follow-ups, or hide them with
//! `--shared`.

use std::fs;
use std::time::Duration;

use crate::{Test, followups_json};

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
    // Learn: a paragraph after the list (the section's, not an answer to
    // the last question: issue 15), then a private `<details>` block.
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
    edit(&t, "alice/2026-11-24.md", "tags: []", "tags: [promo]");
    t
}

/// Runs `args` two days after the second note, in plain text.
fn run(t: &Test, args: &[&str]) -> crate::Run {
    t.run(&[&["--today", "2026-11-26", "--color", "never"][..], args].concat())
}

/// What `export --shared` prints for Alice's note of `date`, with
/// nothing on stderr.
fn shared_copy_of(t: &Test, date: &str) -> String {
    t.run(&["export", "alice", "--date", date, "--shared"])
        .ok()
        .stderr("")
        .stdout
}

/// The notice `followups` gives for the carried item deleted by hand.
const ORPHAN: &str =
    "oneonone: 1 carried follow-up of Alice has no open copy: `oneonone check --fix`\n";

const BOTH: &str = "Alice (2 open)\n  \
                    alice/2026-11-24.md:44: Book the venue (from 2026-11-10) · open 16 days\n  \
                    alice/2026-11-24.md:51: 🔒 Talk to HR about the PIP timeline (from 2026-11-10) · open 16 days\n";

const SHARED: &str = "Alice (1 open)\n  \
                      alice/2026-11-24.md:44: Book the venue (from 2026-11-10) · open 16 days\n";

#[test]
fn issue13_followups_mark_a_private_item_and_shared_hides_it() {
    let t = month();
    run(&t, &["followups", "alice"])
        .ok()
        .stdout(BOTH)
        .stderr(ORPHAN);
    run(&t, &["followups", "alice", "--shared"])
        .ok()
        .stdout(SHARED)
        .stderr(ORPHAN);
    // In JSON, `"private": true`, only where it is.
    let items = followups_json(&t, &[]);
    let private: Vec<(&str, bool)> = items.iter().map(|i| (i.text.as_str(), i.private)).collect();
    assert_eq!(
        private,
        [
            ("Book the venue (from 2026-11-10)", false),
            ("Talk to HR about the PIP timeline (from 2026-11-10)", true)
        ]
    );
    let json = t.run(&["followups", "--json"]).ok().stdout;
    assert_eq!(json.matches("\"private\"").count(), 1, "{json}");
    let shared = followups_json(&t, &["--shared"]);
    let texts: Vec<&str> = shared.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(texts, ["Book the venue (from 2026-11-10)"]);
    // What a shared screen leaves nothing of is not said to be hidden.
    run(
        &t,
        &["followups", "alice", "--mine", "--overdue", "--shared"],
    )
    .ok()
    .stdout("")
    .stderr(format!(
        "{ORPHAN}oneonone: nothing of yours is overdue in Alice's notes; \
             `oneonone followups alice --shared` lists the 1 open\n"
    ));
}

#[test]
fn issue13_prep_marks_a_private_item_and_shared_leaves_out_what_is_private() {
    let t = month();
    let head = "Alice\nDue 2026-12-08, in 12 days · last 1:1 2026-11-24 (2 days ago) · 2 notes · every 14 days\n";
    // What was said last time: nothing but the template's questions and
    // the follow-ups listed above, so no "Last time" (issue 14).
    let ask = "Ask today\n  \
               Listen: Which task keeps sliding to next week?\n  \
               \x20       How are things going with the people you work with most?\n  \
               \x20       What's surprised you lately, good or bad?\n  \
               Learn: What kind of work gives you energy?\n  \
               \x20      What decision would you like more say in?\n  \
               \x20      What small annoyance costs you more time than it should?\n  \
               Lift: Is there someone I can connect you with?\n  \
               \x20     What could you let go of to make room for this?\n  \
               \x20     What's one resource or tool that would make your job easier?\n";
    run(&t, &["prep", "alice", "--seed", "1"])
        .ok()
        .stderr(ORPHAN)
        .stdout(format!(
            "{head}Follow-ups you own (2)\n  \
             alice/2026-11-24.md:44: Book the venue (from 2026-11-10) · open 16 days\n  \
             alice/2026-11-24.md:51: 🔒 Talk to HR about the PIP timeline (from 2026-11-10) · open 16 days\n\
             Patterns: check-in 2026-11-10, energy 2 · recurring tags: promo (2)\n{ask}"
        ));
    // For a shared screen: no private item, no check-in, no tags.
    run(&t, &["prep", "alice", "--seed", "1", "--shared"])
        .ok()
        .stderr(ORPHAN)
        .stdout(format!(
            "{head}Follow-ups you own (1)\n  \
             alice/2026-11-24.md:44: Book the venue (from 2026-11-10) · open 16 days\n\
             {ask}"
        ));
    // A notebook that shares check-ins shows them on a shared screen too.
    t.write("oneonone.yaml", "share_checkins: true\n");
    let shared = run(&t, &["prep", "alice", "--seed", "1", "--shared"])
        .ok()
        .stdout;
    assert!(
        shared.contains("\nPatterns: check-in 2026-11-10, energy 2\n")
            && !shared.contains("Talk to HR")
            && !shared.contains("promo"),
        "{shared}"
    );
}

/// The cache file's entry for `rel`, read back (its signature is checked
/// by oneonone, not here).
fn cached_items(t: &Test, rel: &str) -> serde_json::Value {
    let unit = format!("{}/", rel.split('/').next().unwrap());
    let file = fs::read(crate::cache::cache_file(t, &unit)).unwrap();
    let at = file.iter().position(|&b| b == b'\n').unwrap();
    let cache = oneonone::cache_body_to_json(&file[at + 1..]).unwrap();
    cache["entries"][rel][2][2].clone()
}

#[test]
fn issue13_a_warm_cache_marks_private_items_too() {
    let t = month();
    // The whole notebook's scan is the cached one. A note changed in the
    // last two seconds is not cached: wait that out.
    std::thread::sleep(Duration::from_millis(2100));
    run(&t, &["followups"]).ok().stdout(BOTH).stderr(ORPHAN);
    // Cached with whether each item is private ...
    let items = cached_items(&t, "alice/2026-11-24.md");
    let flags: Vec<Option<bool>> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i[5].as_bool())
        .collect();
    assert_eq!(flags, [Some(false), Some(true)], "{items}");
    // ... and a warm run marks and hides as a cold one does.
    run(&t, &["followups"]).ok().stdout(BOTH).stderr(ORPHAN);
    run(&t, &["followups", "--shared"])
        .ok()
        .stdout(SHARED)
        .stderr(ORPHAN);
}

#[test]
fn issue13_a_warm_cache_follows_the_rules_of_what_is_private() {
    let t = Test::new();
    t.write(
        "bob/2026-11-01.md",
        "## Private\n\n- [ ] Talk to HR\n\n## Retro\n\n- [ ] Team lunch\n",
    );
    std::thread::sleep(Duration::from_millis(2100));
    // `Retro` is no section of the notebook's: the private one runs on.
    let listed = |t: &Test| -> Vec<(String, bool)> {
        followups_json(t, &[])
            .into_iter()
            .map(|i| (i.text, i.private))
            .collect()
    };
    let both = vec![
        ("Talk to HR".to_string(), true),
        ("Team lunch".into(), true),
    ];
    assert_eq!(listed(&t), both);
    assert_eq!(listed(&t), both);
    // A framework with a Retro section ends it: the cache, written under
    // the old rules, is not used.
    t.write(
        "question-bank/retro.yaml",
        "frameworks:\n  - name: retro\n    sections:\n      - heading: Retro\n",
    );
    let now = vec![
        ("Talk to HR".to_string(), true),
        ("Team lunch".into(), false),
    ];
    assert_eq!(listed(&t), now);
    assert_eq!(listed(&t), now);
    t.run(&["export", "bob/2026-11-01.md", "--shared"])
        .ok()
        .stdout("## Retro\n\n- [ ] Team lunch\n");
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
    assert_eq!(
        shared_copy_of(&t, "2026-11-10"),
        "---\nperson: Alice\ndate: 2026-11-10\nframework: listen-learn-lift\n---\n\
             # 1:1 with Alice, 2026-11-10\n\n\
             ## Agenda\n\n- Plan the offsite\n  Venue shortlist is done.\n\n\
             ## Listen\n\n\
             - If you could redo one part of last week, what would it be?\n  The launch checklist.\n\n\
             ## Learn\n\n\
             Design review keeps slipping.\n\n\
             ## Follow-ups\n\n\
             - [x] Share the roadmap\n\
             - [>] Book the venue (carried to 2026-11-24)\n",
    );
    // Without --shared, the note as it is.
    t.run(&["export", "alice/2026-11-10.md"]).ok().stdout(note);
}

#[test]
fn issue13_a_carried_item_whose_copy_is_private_now_is_left_out() {
    let t = month();
    // The manager moves the venue into the next note's private section:
    // the report could not find it where the copy would say it went.
    edit(
        &t,
        "alice/2026-11-24.md",
        "- [ ] Book the venue (from 2026-11-10)\n",
        "",
    );
    edit(
        &t,
        "alice/2026-11-24.md",
        "- [ ] Talk to HR about the PIP timeline (from 2026-11-10)\n",
        "- [ ] Talk to HR about the PIP timeline (from 2026-11-10)\n\
         - [ ] Book the venue (from 2026-11-10)\n",
    );
    let copy = t
        .run(&["export", "alice", "--date", "2026-11-10", "--shared"])
        .ok()
        .stdout;
    assert!(
        copy.ends_with("\n## Follow-ups\n\n- [x] Share the roadmap\n"),
        "{copy}"
    );
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

/// A zone-of-genius note made by `new`, then written in: a question
/// answered in its item, the last Listen question followed by a paragraph
/// after the list, the table left empty, an italic line typed by hand.
fn zone_note() -> Test {
    let t = Test::new();
    t.run(&[
        "new",
        "Alice",
        "--date",
        "2026-11-10",
        "--seed",
        "1",
        "--framework",
        "zone-of-genius",
    ])
    .ok();
    let rel = "alice/2026-11-10.md";
    edit(
        &t,
        rel,
        "kept thinking about?\n\n",
        "kept thinking about?\n\nThe offsite budget came up again.\n\n",
    );
    edit(
        &t,
        rel,
        "|  |  |  |\n\n",
        "|  |  |  |\n\n_She scores herself next month._\n\n",
    );
    edit(
        &t,
        rel,
        "- What would make this better?\n",
        "- What would make this better?\n  Fewer status meetings.\n",
    );
    t
}

#[test]
fn issue15_shared_copy_and_search_and_prep_agree_on_what_the_template_wrote() {
    let t = zone_note();
    // The shared copy: the question before the paragraph was not answered
    // (only what its item holds answers it), the empty table and the
    // prompts are the template's, the italic line typed by hand stays.
    assert_eq!(
        shared_copy_of(&t, "2026-11-10"),
        "---\nperson: Alice\ndate: 2026-11-10\nframework: zone-of-genius\n---\n\
             # 1:1 with Alice, 2026-11-10\n\n\
             ## Agenda\n\n\
             ## Listen\n\n\
             The offsite budget came up again.\n\n\
             ## Zone of genius\n\n\
             _She scores herself next month._\n\n\
             ## Lift\n\n\
             - What would make this better?\n  Fewer status meetings.\n\n\
             ## Follow-ups\n",
    );
    // `search` finds what was said, not the question before it...
    run(&t, &["search", "thinking"]).status(1).stdout("");
    run(&t, &["search", "offsite"])
        .ok()
        .stdout("Alice\nalice/2026-11-10.md:24: [Listen] The offsite budget came up again.\n");
    run(&t, &["search", "activity"]).status(1).stdout("");
    run(&t, &["search", "scores"]).ok().stdout(
        "Alice\nalice/2026-11-10.md:36: [Zone of genius] _She scores herself next month._\n",
    );
    // ... and `prep` quotes the same lines, from the note or from the
    // shared copy.
    let last = "Last time (2026-11-10)\n  \
                Listen: The offsite budget came up again.\n  \
                Zone of genius: _She scores herself next month._\n  \
                Lift: Fewer status meetings.\n";
    for shared in [false, true] {
        let args: &[&str] = if shared {
            &["prep", "alice", "--seed", "1", "--shared"]
        } else {
            &["prep", "alice", "--seed", "1"]
        };
        let out = run(&t, args).ok().stdout;
        assert!(out.contains(last), "shared: {shared}\n{out}");
    }
}
