//! Issue 14: `prep` is one screen (24 rows of 80 columns), lists each
//! follow-up once, quotes what was said last time rather than the
//! template, and asks the questions `new` then writes.

use crate::Test;
use crate::fixtures::note;

/// `José Ñúñez`, typed on macOS (decomposed accents).
const JOSE: &str = "Jose\u{301} N\u{303}u\u{301}n\u{303}ez";

const ITEMS: [&str; 9] = [
    "Introduce José to Priya",
    "Draft the on-call proposal",
    "Book the offsite venue",
    "Review the hiring rubric",
    "Share the Q4 roadmap",
    "Ask finance about the training budget",
    "Write the promotion case",
    "Plan the team lunch",
    "Send the survey results",
];

/// José's notebook: a held note with answered and unanswered questions,
/// prompts, a private section and `items` open follow-ups; `points`
/// agenda points.
fn notebook(items: usize, points: usize) -> Test {
    let t = Test::new();
    note(
        &t,
        "jose-nunez/2026-11-13.md",
        JOSE,
        "2026-11-13",
        "# 1:1 with José Ñúñez, 2026-11-13\n\n\
         ## Listen\n\n_Make space: this time is theirs._\n\n\
         - What's on your mind this week?\n  The on-call rota is wearing the team down, nights especially.\n\n\
         ## Learn\n\n- What's going well in your current projects?\n\n\
         ## Lift\n\n_End with action: support, a connection, a new perspective._\n\n\
         - Is there someone I can connect you with?\n  Priya, for the rota tooling.\n\n\
         ## Follow-ups\n\n\
         - [ ] \n\n\
         ## Private\n\nMight be looking elsewhere.\n",
    );
    let items: String = ITEMS[..items]
        .iter()
        .map(|i| format!("- [ ] {i}\n"))
        .collect();
    let text = t.read("jose-nunez/2026-11-13.md");
    t.write(
        "jose-nunez/2026-11-13.md",
        text.replace("## Follow-ups\n\n", &format!("## Follow-ups\n\n{items}")),
    );
    let all = ["Rota", "Offsite", "Hiring", "Roadmap", "Budget", "Lunch"];
    for point in &all[..points] {
        t.run(&["agenda", "jose", point]).ok();
    }
    t
}

#[test]
fn issue14_prep_fits_24_rows_of_80_columns_each_item_once() {
    let t = notebook(9, 6);
    let run = t.run_on_terminal(&["prep", "jose", "--color", "never"]);
    assert_eq!((run.status, run.stderr.as_str()), (0, ""));
    insta::assert_snapshot!("issue14_prep_jose_80_columns", run.stdout);
    assert!(run.stdout.lines().count() <= 24, "{}", run.stdout);
    for line in run.stdout.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 80,
            "wider than 80 columns: {line}"
        );
    }
    // Each item once: none is quoted again under "Last time".
    assert_eq!(
        run.stdout.matches("Introduce Jos").count(),
        1,
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("Might be looking"), "{}", run.stdout);
}

#[test]
fn issue14_prep_last_time_quotes_what_was_written_not_the_template() {
    let t = notebook(2, 1);
    let run = t
        .run(&["--today", "2026-11-27", "prep", "jose", "--color", "never"])
        .ok()
        .stderr("");
    let last = run.stdout.split("Last time").nth(1).unwrap();
    let last: String = last
        .lines()
        .take_while(|l| !l.starts_with("Ask today"))
        .collect::<Vec<_>>()
        .join("\n");
    // Piped: whole lines; the answers, not the questions they answer; no
    // prompt, no unanswered question, no follow-up, nothing private.
    assert_eq!(
        last,
        " (2026-11-13)\n  \
         Listen: The on-call rota is wearing the team down, nights especially.\n  \
         Lift: Priya, for the rota tooling."
    );
}

/// The questions under each section of a note, in order.
fn questions_of(note: &str) -> Vec<(String, String)> {
    let mut section = String::new();
    let mut found = Vec::new();
    for line in note.lines() {
        if let Some(h) = line.strip_prefix("## ") {
            section = h.to_string();
        } else if let Some(q) = line.strip_prefix("- ")
            && line.ends_with('?')
            && ["Listen", "Learn", "Lift"].contains(&section.as_str())
        {
            found.push((section.clone(), q.to_string()));
        }
    }
    found
}

#[test]
fn issue14_prep_asks_what_new_then_writes_and_repeats_itself() {
    let t = notebook(9, 6);
    let prep = |t: &Test| {
        t.run(&["--today", "2026-11-27", "prep", "jose", "--color", "never"])
            .ok()
            .stdout
    };
    let first = prep(&t);
    assert_eq!(first, prep(&t), "two runs, two picks");
    let asked: Vec<(String, String)> = first
        .split("Ask today\n")
        .nth(1)
        .unwrap()
        .lines()
        .map(|l| {
            let (s, q) = l.trim().split_once(": ").unwrap();
            (s.to_string(), q.to_string())
        })
        .collect();
    assert_eq!(asked.len(), 3, "{first}");
    t.run(&["--today", "2026-11-27", "new", "jose"]).ok();
    let written = questions_of(&t.read("jose-nunez/2026-11-27.md"));
    // The brief shows the first question `new` writes under each section.
    let firsts: Vec<(String, String)> = ["Listen", "Learn", "Lift"]
        .iter()
        .filter_map(|s| written.iter().find(|(w, _)| w == s).cloned())
        .collect();
    assert_eq!(asked, firsts, "{written:?}");
    // `--seed` still overrides.
    let seeded = t
        .run(&[
            "--today",
            "2026-11-27",
            "prep",
            "jose",
            "--color",
            "never",
            "--seed",
            "99",
        ])
        .ok()
        .stdout;
    assert_ne!(
        seeded.split("Ask today").nth(1),
        first.split("Ask today").nth(1)
    );
}

#[test]
fn issue14_prep_fits_24_rows_with_three_lists_five_points_and_patterns() {
    let t = notebook(0, 5);
    // Eight items in three lists (theirs, yours, someone else's), tags
    // that recur, a check-in: every block asks for rows.
    t.write(
        "bartholomew-castellanos-oyelaran/2026-11-01.md",
        "---\nperson: Bartholomew Castellanos-Oyelaran\ndate: 2026-11-01\n---\n",
    );
    let text = t.read("jose-nunez/2026-11-13.md");
    let items = "- [ ] @jose drafts the rota proposal with the platform team\n\
                 - [ ] @jose reviews the incident timeline\n\
                 - [ ] @jose books the training\n\
                 - [ ] Ask @bartholomew to pair with José on the migration runbook\n\
                 - [ ] Ask @bartholomew for the budget numbers\n\
                 - [ ] Send the offsite agenda to everyone on the team before Friday\n\
                 - [ ] Book the room\n\
                 - [ ] Share the roadmap\n";
    t.write(
        "jose-nunez/2026-11-13.md",
        text.replace("## Follow-ups\n\n", &format!("## Follow-ups\n\n{items}"))
            .replace("tags: []\n", "tags: [oncall]\nenergy: 2\n"),
    );
    note(
        &t,
        "jose-nunez/2026-10-30.md",
        JOSE,
        "2026-10-30",
        "#oncall\n",
    );
    let run = t.run_on_terminal(&["--today", "2026-11-27", "prep", "jose", "--color", "never"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let rows: Vec<&str> = run.stdout.lines().collect();
    assert!(rows.len() <= 24, "{} rows:\n{}", rows.len(), run.stdout);
    for row in &rows {
        assert!(
            unicode_width::UnicodeWidthStr::width(*row) <= 80,
            "wider than 80 columns: {row}"
        );
    }
    // Every list is there, and what is left out is pointed at.
    for heading in [
        "Follow-ups they own (3)",
        "Follow-ups you own (3)",
        "Follow-ups others own (2)",
        "Agenda (5)",
        "Ask today",
    ] {
        assert!(rows.contains(&heading), "{heading}:\n{}", run.stdout);
    }
    assert!(run.stdout.contains("Patterns: "), "{}", run.stdout);
}

#[test]
fn issue14_prep_after_new_the_same_day_reads_that_note_as_the_1_1_to_come() {
    let t = notebook(2, 0);
    let prep = |t: &Test| {
        t.run(&["--today", "2026-11-27", "prep", "jose", "--color", "never"])
            .ok()
            .stdout
    };
    let before = prep(&t);
    t.run(&["--today", "2026-11-27", "new", "jose"]).ok();
    let after = prep(&t);
    // The same questions (those `new` just wrote) and the same "last
    // time" (the note before today's, not today's empty one).
    let part = |brief: &str, from: &str, to: &str| -> String {
        let rest = brief.split(from).nth(1).unwrap_or_default();
        rest.split(to).next().unwrap_or_default().to_string()
    };
    assert_eq!(
        part(&after, "Ask today", "\u{0}"),
        part(&before, "Ask today", "\u{0}"),
        "{before}\n---\n{after}"
    );
    assert_eq!(
        part(&after, "Last time", "Ask today"),
        part(&before, "Last time", "Ask today")
    );
    assert!(after.contains("Last time (2026-11-13)"), "{after}");
}
