//! End-to-end tests of `oneonone prep`: the brief, and that it never quotes a
//! private section.

use std::fs;

use crate::Test;
use crate::fixtures::note;

/// The brief for `person` two days after their note, in plain text.
fn prep(t: &Test, person: &str) -> String {
    let run = t
        .run(&[
            "--today",
            "2026-11-05",
            "prep",
            person,
            "--seed",
            "1",
            "--color",
            "never",
        ])
        .ok()
        .stderr("");
    run.stdout
}

#[test]
fn prep_brief_snapshot() {
    let t = Test::new();
    t.write("alice/person.yaml", "role: Staff Engineer\n");
    note(
        &t,
        "alice/2026-11-03.md",
        "Alice Smith",
        "2026-11-03",
        "## Lift\n\n- What's one way I can support you this week?\n  Intro to Priya.\n\n## Follow-ups\n\n- [ ] Book the offsite 📅 2026-11-20\n",
    );
    t.write(
        "alice/2026-11-17.md",
        "---\nperson: Alice Smith\ndate: 2026-11-17\ntags: [growth, hiring]\n---\n\
         ## Listen\n\n- What's on your mind this week?\n  The reorg.\n\n\
         ## Lift\n\n_End with action._\n\n- Is there anything I can take off your plate?\n  The hiring loop.\n\n\
         ## Follow-ups\n\n- [x] Send the promo doc\n- [ ] Draft the growth plan @alice\n- [ ] \n",
    );
    fs::write(
        t.path("alice/2026-11-03.md"),
        t.read("alice/2026-11-03.md")
            .replace("tags: []", "tags: [growth]"),
    )
    .unwrap();
    t.run(&["agenda", "alice", "Ask about the reorg"]).ok();
    let run = t
        .run(&[
            "--today",
            "2026-11-27",
            "prep",
            "alice",
            "--seed",
            "4",
            "--color",
            "never",
        ])
        .ok();
    insta::assert_snapshot!("prep_alice", run.stdout);
    // Questions asked in recent notes are not suggested again.
    let ask = run.stdout.split("Ask today").nth(1).unwrap();
    assert!(!ask.contains("What's on your mind this week?\n"), "{ask}");
}

#[test]
fn issue9_prep_never_quotes_the_private_section_of_a_start_stop_continue_note() {
    let t = Test::new();
    t.write(
        "alice/2026-11-03.md",
        "---\nperson: Alice\ndate: 2026-11-03\nframework: start-stop-continue\n---\n\
         # 1:1 with Alice, 2026-11-03\n\n\
         ## Start\n\n- What would you start doing?\n  Pairing on reviews.\n\n\
         ## Stop\n\n- What could we drop?\n  The Monday sync.\n\n\
         ## Continue\n\n_What's working: name it so it keeps happening._\n\n\
         - What should stay?\n  Demo days.\n\n\
         ## Follow-ups\n\n- [ ] Book the demo room\n\n\
         ## Private\n\n_For your eyes only._\n\nSECRET she is interviewing elsewhere\n",
    );
    let brief = prep(&t, "alice");
    assert!(!brief.contains("SECRET"), "{brief}");
    assert_eq!(
        brief,
        "Alice\n\
         Due 2026-11-17, in 12 days · last 1:1 2026-11-03 (2 days ago) · 1 note · every 14 days\n\
         Follow-ups you own (1)\n  alice/2026-11-03.md:27: Book the demo room · open 2 days\n\
         Last time (2026-11-03)\n\
         \x20 Start: - What would you start doing?\n\
         \x20          Pairing on reviews.\n\
         \x20 Stop: - What could we drop?\n\
         \x20         The Monday sync.\n\
         \x20 Continue: - What should stay?\n\
         \x20             Demo days.\n\
         Ask today\n\
         \x20 Listen: If you could redo one part of last week, what would it be?\n\
         \x20         Is there anything you'd like me to understand better about your situation?\n\
         \x20         Is there anything from our last chat you've kept thinking about?\n\
         \x20 Learn: Are you feeling challenged in the right ways?\n\
         \x20        How well do you understand why your current project matters?\n\
         \x20        Where is friction with another team slowing you down?\n\
         \x20 Lift: What would make this better?\n\
         \x20       What would help you feel more confident going into this?\n\
         \x20       What assumption here might be worth questioning?\n"
    );
}

#[test]
fn issue9_prep_never_quotes_the_private_section_of_a_rainbows_and_clouds_note() {
    let t = Test::new();
    t.write(
        "alice/2026-11-03.md",
        "---\nperson: Alice\ndate: 2026-11-03\nframework: rainbows-and-clouds\n---\n\
         # 1:1 with Alice, 2026-11-03\n\n\
         ## Rainbows\n\n- What went well?\n  The launch.\n\n\
         ## Clouds\n\n- What is in the way?\n  Waiting on legal.\n\n\
         _Watch for: same cloud as last time?_\n\n\
         ## Follow-ups\n\n- [ ] \n\n\
         ## Private\n\nSECRET health leave in January\n",
    );
    let brief = prep(&t, "alice");
    assert!(!brief.contains("SECRET"), "{brief}");
    assert_eq!(
        brief,
        "Alice\n\
         Due 2026-11-17, in 12 days · last 1:1 2026-11-03 (2 days ago) · 1 note · every 14 days\n\
         Last time (2026-11-03)\n\
         \x20 Rainbows: - What went well?\n\
         \x20             The launch.\n\
         \x20 Clouds: - What is in the way?\n\
         \x20           Waiting on legal.\n\
         \x20         _Watch for: same cloud as last time?_\n\
         Ask today\n\
         \x20 Listen: If you could redo one part of last week, what would it be?\n\
         \x20         Is there anything you'd like me to understand better about your situation?\n\
         \x20         Is there anything from our last chat you've kept thinking about?\n\
         \x20 Learn: Are you feeling challenged in the right ways?\n\
         \x20        How well do you understand why your current project matters?\n\
         \x20        Where is friction with another team slowing you down?\n\
         \x20 Lift: What would make this better?\n\
         \x20       What would help you feel more confident going into this?\n\
         \x20       What assumption here might be worth questioning?\n"
    );
}

#[test]
fn issue9_prep_never_quotes_a_private_sub_section_of_lift_or_follow_ups() {
    let t = Test::new();
    t.write(
        "alice/2026-11-03.md",
        "---\nperson: Alice\ndate: 2026-11-03\nframework: listen-learn-lift\n---\n\
         # 1:1 with Alice, 2026-11-03\n\n\
         ## Listen\n\n- How are you?\n  Tired.\n\n\
         ## Lift\n\n- What would help?\n  Intro to Priya.\n\n\
         ### Private\n\nSECRET-A burnout signs\n\n\
         ## Follow-ups\n\n- [ ] Send the doc\n\n\
         ### 🔒 Private\n\nSECRET-B ask HR first\n",
    );
    let brief = prep(&t, "alice");
    assert!(!brief.contains("SECRET"), "{brief}");
    assert!(!brief.contains("Private"), "{brief}");
    assert_eq!(
        brief,
        "Alice\n\
         Due 2026-11-17, in 12 days · last 1:1 2026-11-03 (2 days ago) · 1 note · every 14 days\n\
         Follow-ups you own (1)\n  alice/2026-11-03.md:24: Send the doc · open 2 days\n\
         Last time (2026-11-03)\n\
         \x20 Listen: - How are you?\n\
         \x20           Tired.\n\
         \x20 Lift: - What would help?\n\
         \x20         Intro to Priya.\n\
         Ask today\n\
         \x20 Listen: If you could redo one part of last week, what would it be?\n\
         \x20         Is there anything you'd like me to understand better about your situation?\n\
         \x20         Is there anything from our last chat you've kept thinking about?\n\
         \x20 Learn: Are you feeling challenged in the right ways?\n\
         \x20        How well do you understand why your current project matters?\n\
         \x20        Where is friction with another team slowing you down?\n\
         \x20 Lift: What would make this better?\n\
         \x20       What would help you feel more confident going into this?\n\
         \x20       What assumption here might be worth questioning?\n"
    );
}

/// prep takes everything from one reading of the person's notes: a note
/// that cannot be read is reported once (by the follow-up scan) and left
/// out of every part of the brief, and the others still feed the
/// patterns, the recurring tags and the name.
#[test]
fn issue10_prep_reports_an_unreadable_note_once_and_reads_the_rest() {
    let t = Test::new();
    for (date, energy) in [("2026-11-01", 2), ("2026-11-03", 4)] {
        t.write(
            &format!("bob/{date}.md"),
            format!(
                "---\nperson: Bob Jones\ndate: {date}\ntags: [growth]\nenergy: {energy}\n---\n## Lift\n\n- It went well.\n"
            ),
        );
    }
    t.write("bob/2026-11-04.md", b"## Lift\n\n- \xff\n");
    let run = t
        .run(&[
            "--today",
            "2026-11-05",
            "prep",
            "bob",
            "--seed",
            "1",
            "--color",
            "never",
        ])
        .status(2)
        .stderr("oneonone: warning: bob/2026-11-04.md:3: not UTF-8 text; skipped\n");
    assert_eq!(
        run.stdout.lines().take(5).collect::<Vec<_>>(),
        [
            "Bob Jones",
            "Due 2026-11-18, in 13 days · last 1:1 2026-11-04 (1 day ago) · 3 notes · every 14 days",
            "Patterns: check-in 2026-11-03, energy 4 · recurring tags: growth (2)",
            "Ask today",
            "  Listen: If you could redo one part of last week, what would it be?",
        ]
    );
    assert!(
        run.stdout.contains(" · recurring tags: growth (2)\n"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("Last time"), "{}", run.stdout);
}

#[test]
fn prep_lines_a_section_up_when_its_lines_start_with_different_blanks() {
    let t = Test::new();
    // The indent taken off every line of a section is counted in columns
    // as shown, never cut through a character: an em space is three
    // bytes and one column, so the two-spaced line keeps the column it
    // had more.
    t.write(
        "alice/2026-11-03.md",
        "---\nperson: Alice\ndate: 2026-11-03\n---\n## Listen\n\n\u{2003}Em-spaced line\n  two-spaced line\n",
    );
    let last_time = |t: &Test| {
        let brief = prep(t, "alice");
        let from = brief.find("Last time").unwrap();
        let to = brief.find("Ask today").unwrap();
        brief[from..to].to_string()
    };
    assert_eq!(
        last_time(&t),
        "Last time (2026-11-03)\n\
         \x20 Listen: Em-spaced line\n\
         \x20          two-spaced line\n"
    );
    // An ideographic space is two columns, as two spaces are.
    t.write(
        "alice/2026-11-03.md",
        "---\nperson: Alice\ndate: 2026-11-03\n---\n## Listen\n\n\u{3000}wide\n  narrow\n",
    );
    assert_eq!(
        last_time(&t),
        "Last time (2026-11-03)\n\
         \x20 Listen: wide\n\
         \x20         narrow\n"
    );
}
