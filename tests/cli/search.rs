//! End-to-end tests of `oneonone search` (issue 15): what was said, found
//! again, the template's questions and carried copies skipped.

use serde_json::json;

use crate::Test;

/// Chloé's note: an unanswered suggested question, a paragraph of two
/// lines, another paragraph, an inline tag, a carried copy.
const CHLOE: &str = "---
person: Chloé Dubois
date: 2026-09-15
tags: [oncall]
---
# 1:1 with Chloé Dubois, 2026-09-15

## Listen

- What's on your mind this week?

## Learn

The on-call rotation is heavy.
She wants a café budget.

Another paragraph about rotation.

## Lift

- [ ] Ask about #growth budget

## Follow-ups

- [ ] Send the doc (from 2026-09-01)
";

const ALICE: &str = "---
person: Alice
date: 2026-10-06
---
## Learn

Chloé covered the on-call week.

## Lift

Coffee at the cafe.
";

fn notebook() -> Test {
    let t = Test::new();
    t.write("chloe-dubois/2026-09-15.md", CHLOE);
    t.write("alice/2026-10-06.md", ALICE);
    t
}

#[test]
fn issue15_search_skips_the_template_s_questions_unless_all() {
    let t = notebook();
    t.run(&["search", "mind"]).status(1).stdout("").stderr("");
    t.run(&["search", "mind", "--all"]).status(0).stdout(
        "Chloé Dubois\n\
         chloe-dubois/2026-09-15.md:10: [Listen] - What's on your mind this week?\n",
    );
    // A carried copy was said in the note it comes from.
    t.run(&["search", "doc"]).status(1).stdout("");
}

#[test]
fn issue15_search_ignores_case_and_accents() {
    let t = notebook();
    t.run(&["search", "cafe"]).status(0).stdout(
        "Alice\n\
         alice/2026-10-06.md:11: [Lift] Coffee at the cafe.\n\
         \n\
         Chloé Dubois\n\
         chloe-dubois/2026-09-15.md:15: [Learn] She wants a café budget.\n",
    );
    // The frontmatter and the title are not what was said.
    t.run(&["search", "Chloe"]).status(0).stdout(
        "Alice\n\
         alice/2026-10-06.md:7: [Learn] Chloé covered the on-call week.\n",
    );
    t.run(&["search", "CAFÉ", "--person", "alice"])
        .status(0)
        .stdout("Alice\nalice/2026-10-06.md:11: [Lift] Coffee at the cafe.\n");
}

#[test]
fn issue15_search_wants_every_word_in_one_block() {
    let t = notebook();
    // One paragraph over two lines: both lines are shown.
    t.run(&["search", "rotation", "budget"]).status(0).stdout(
        "Chloé Dubois\n\
         chloe-dubois/2026-09-15.md:14: [Learn] The on-call rotation is heavy.\n\
         chloe-dubois/2026-09-15.md:15: [Learn] She wants a café budget.\n",
    );
    // Two paragraphs are two blocks.
    t.run(&["search", "heavy another"]).status(1).stdout("");
}

#[test]
fn issue15_search_matches_a_phrase_word_after_word() {
    let t = notebook();
    t.run(&["search", "\"Rotation  is\""]).status(0).stdout(
        "Chloé Dubois\n\
         chloe-dubois/2026-09-15.md:14: [Learn] The on-call rotation is heavy.\n",
    );
    t.run(&["search", "\"is rotation\""]).status(1).stdout("");
    // A line break inside the phrase is a blank.
    t.run(&["search", "\"heavy. she\""]).status(0).stdout(
        "Chloé Dubois\n\
         chloe-dubois/2026-09-15.md:14: [Learn] The on-call rotation is heavy.\n\
         chloe-dubois/2026-09-15.md:15: [Learn] She wants a café budget.\n",
    );
}

#[test]
fn issue15_search_filters_by_person_section_tag_and_date() {
    let t = notebook();
    t.run(&["search", "cafe", "--section", "LIFT"])
        .status(0)
        .stdout("Alice\nalice/2026-10-06.md:11: [Lift] Coffee at the cafe.\n");
    t.run(&["search", "cafe", "--person", "chloe"])
        .status(0)
        .stdout("Chloé Dubois\nchloe-dubois/2026-09-15.md:15: [Learn] She wants a café budget.\n");
    // An inline tag, then one from the frontmatter.
    t.run(&["search", "budget", "--tag", "#growth"])
        .status(0)
        .stdout(
            "Chloé Dubois\n\
         chloe-dubois/2026-09-15.md:15: [Learn] She wants a café budget.\n\
         chloe-dubois/2026-09-15.md:21: [Lift] - [ ] Ask about #growth budget\n",
        );
    t.run(&["search", "cafe", "--tag", "oncall"])
        .status(0)
        .stdout("Chloé Dubois\nchloe-dubois/2026-09-15.md:15: [Learn] She wants a café budget.\n");
    t.run(&["search", "cafe", "--tag", "nothing"])
        .status(1)
        .stdout("");
    t.run(&["search", "cafe", "--since", "2026-10-01"])
        .status(0)
        .stdout("Alice\nalice/2026-10-06.md:11: [Lift] Coffee at the cafe.\n");
    t.run(&["search", "cafe", "--until", "2026-09-30"])
        .status(0)
        .stdout("Chloé Dubois\nchloe-dubois/2026-09-15.md:15: [Learn] She wants a café budget.\n");
}

#[test]
fn issue15_search_json_lists_each_line() {
    let t = notebook();
    let run = t.run(&["search", "cafe", "--json"]).status(0);
    let found: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        found,
        json!([
            {"person": "Alice", "date": "2026-10-06", "path": "alice/2026-10-06.md",
             "line": 11, "section": "Lift", "text": "Coffee at the cafe."},
            {"person": "Chloé Dubois", "date": "2026-09-15",
             "path": "chloe-dubois/2026-09-15.md", "line": 15, "section": "Learn",
             "text": "She wants a café budget."},
        ])
    );
    t.run(&["search", "nowhere", "--json"])
        .status(1)
        .stdout("[]\n");
}

#[test]
fn issue15_search_exit_codes_and_highlight() {
    let t = notebook();
    t.run(&["search", "\"\""])
        .status(2)
        .stdout("")
        .stderr("oneonone: error: nothing to search for in \"\\\"\\\"\"\n");
    t.run(&["search", "cafe", "--person", "zed"])
        .status(2)
        .stdout("");
    t.run(&["--color", "always", "search", "cafe", "--person", "alice"])
        .status(0)
        .stdout(
            "\u{1b}[1mAlice\u{1b}[0m\n\
             \u{1b}[35malice/2026-10-06.md\u{1b}[0m:\u{1b}[32m11\u{1b}[0m: [Lift] Coffee at the \
             \u{1b}[1m\u{1b}[31mcafe\u{1b}[0m.\n",
        );
}

#[test]
fn issue15_patterns_and_prep_count_inline_tags() {
    let t = Test::new();
    t.write(
        "ana/2026-09-15.md",
        "---\nperson: Ana\ndate: 2026-09-15\ntags: [growth]\n---\n## Learn\n\nWorking on #hiring and #growth.\n",
    );
    t.write(
        "ana/2026-10-15.md",
        "---\nperson: Ana\ndate: 2026-10-15\n---\n## Learn\n\nMore #Hiring, see `#code` and #1.\n\n```\n#not-a-tag\n```\n",
    );
    // A note counts once per tag, frontmatter and inline together.
    t.run(&["--today", "2026-10-20", "patterns", "ana"])
        .status(0)
        .stdout(
            "Ana: 2 notes, 2026-09-15 to 2026-10-15\n\
             \n\
             Tags by quarter (notes)\n\
            \x20         2026-Q3  2026-Q4  total\n\
            \x20 hiring        1        1      2\n\
            \x20 growth        1        -      1\n\
             \n\
             Follow-ups carried over 3 times or more\n\
            \x20 none\n\
             \n\
             Longest gaps between 1:1s (cadence 14 days)\n\
            \x20 2026-09-15 → 2026-10-15   30 days  16 over\n\
            \x20 2026-10-15 → today         5 days\n",
        );
    let prep = t
        .run(&["--today", "2026-10-20", "prep", "ana", "--seed", "1"])
        .status(0);
    assert!(
        prep.stdout.contains(" · recurring tags: hiring (2)\n"),
        "{}",
        prep.stdout
    );
}

/// Found by a fresh-eyes review: carried `[>]` copies repeated once per
/// note, a question followed by a paragraph taken as answered, code and
/// tags of carried copies searched.
#[test]
fn issue15_search_finds_a_follow_up_once_and_skips_what_nobody_said_here() {
    let t = Test::new();
    t.write(
        "chloe/2026-01-05.md",
        "---\nperson: Chloé\ndate: 2026-01-05\n---\n## Learn\n\n\
         - How sustainable does your workload feel right now?\n\n\
         Busy quarter, nothing alarming.\n\n\
         ```\nkubectl rollout restart zebrafish\n```\n\n\
         ## Follow-ups\n\n- [>] Chloé drafts the billing migration plan #growth\n",
    );
    t.write(
        "chloe/2026-01-19.md",
        "---\nperson: Chloé\ndate: 2026-01-19\n---\n## Follow-ups\n\n\
         - [>] Chloé drafts the billing migration plan #growth (from 2026-01-05)\n",
    );
    t.write(
        "chloe/2026-02-02.md",
        "---\nperson: Chloé\ndate: 2026-02-02\n---\n## Follow-ups\n\n\
         - [ ] Chloé drafts the billing migration plan #growth (from 2026-01-05)\n",
    );
    t.run(&["search", "billing"]).ok().stdout(
        "Chloé\n\
         chloe/2026-01-05.md:17: [Follow-ups] - [>] Chloé drafts the billing migration plan #growth\n",
    );
    // The question has no answer in it: the paragraph is the section's.
    t.run(&["search", "sustainable"]).status(1).stdout("");
    t.run(&["search", "zebrafish"]).status(1).stdout("");
    t.run(&["search", "zebrafish", "--all"])
        .ok()
        .stdout("Chloé\nchloe/2026-01-05.md:12: [Learn] kubectl rollout restart zebrafish\n");
    // The tag is in one note: the copies carry it, but did not say it.
    t.run(&["search", "drafts", "--tag", "growth", "--json"])
        .ok()
        .stdout(
            "[\n  {\n    \"person\": \"Chloé\",\n    \"date\": \"2026-01-05\",\n    \
             \"path\": \"chloe/2026-01-05.md\",\n    \"line\": 17,\n    \
             \"section\": \"Follow-ups\",\n    \
             \"text\": \"- [>] Chloé drafts the billing migration plan #growth\"\n  }\n]\n",
        );
}

#[test]
fn issue15_search_finds_the_answer_not_the_question_it_answers() {
    let t = Test::new();
    t.write(
        "chloe/2026-01-05.md",
        "---\nperson: Chloé\ndate: 2026-01-05\n---\n## Learn\n\n\
         - Where would you like more feedback than you're getting?\n  \
         On design reviews; feedback comes late.\n",
    );
    t.run(&["search", "feedback"]).ok().stdout(
        "Chloé\nchloe/2026-01-05.md:8: [Learn]   On design reviews; feedback comes late.\n",
    );
    t.run(&["search", "getting"]).status(1).stdout("");
    t.run(&["search", "getting", "--all"]).ok().stdout(
        "Chloé\nchloe/2026-01-05.md:7: [Learn] - Where would you like more feedback than you're getting?\n",
    );
}

#[test]
fn issue15_search_of_many_notes_lists_them_in_order_with_warnings_in_place() {
    // More notes than the scan hands a thread at once, over three people,
    // one of them not text, and more output than one buffer of stdout:
    // every hit in person and date order, the bad note named once, and
    // where both streams go to one file, its warning where it would have
    // been listed.
    let t = Test::new();
    let long = "budget ".repeat(150);
    let mut expected = String::new();
    let mut combined = String::new();
    let warning = "oneonone: warning: bob/2026-03-17.md:3: not UTF-8 text; skipped\n";
    for (p, person) in ["ada", "bob", "cy"].iter().enumerate() {
        if p > 0 {
            expected.push('\n');
            combined.push('\n');
        }
        expected.push_str(&format!("{person}\n"));
        combined.push_str(&format!("{person}\n"));
        for day in 1..=28 {
            let date = format!("2026-03-{day:02}");
            let rel = format!("{person}/{date}.md");
            if *person == "bob" && day == 17 {
                t.write(&rel, b"## Learn\n\nbudget \xff\n".as_slice());
                combined.push_str(warning);
                continue;
            }
            t.write(&rel, format!("## Learn\n\nThe {long}day {day}.\n"));
            let line = format!("{rel}:3: [Learn] The {long}day {day}.\n");
            expected.push_str(&line);
            combined.push_str(&line);
        }
        for day in 1..=9 {
            let rel = format!("{person}/2026-04-0{day}.md");
            t.write(&rel, format!("## Lift\n\nNo word here, {day}.\n"));
        }
    }
    assert!(expected.len() > 64 * 1024);
    // Exit 2, as ripgrep's: something could not be searched.
    t.run(&["search", "budget"])
        .status(2)
        .stdout(expected)
        .stderr(warning);
    t.run_in_bash("exec \"$0\" search budget 2>&1")
        .status(2)
        .stdout(combined)
        .stderr("");
}
