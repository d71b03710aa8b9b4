//! End-to-end tests of `oneonone log` (issue 15): a person's 1:1s,
//! newest first, with what was said and the follow-ups.

use crate::Test;

const FIRST: &str = "---
person: Chloé Dubois
date: 2026-09-01
framework: listen-learn-lift
energy: 3
---
# 1:1 with Chloé Dubois, 2026-09-01

## Listen

_Make space: this time is theirs._

On-call is heavy this month.

- What would make this better?

## Follow-ups

- [>] Book the room
- [>] Send the rota doc @chloe-dubois

## Private

Seems tired.
";

const SECOND: &str = "---
person: Chloé Dubois
date: 2026-09-15
framework: rainbows-and-clouds
energy: 4
challenge: 3
skill: 2
---
# 1:1 with Chloé Dubois, 2026-09-15

## Learn

The rota is better since the swap; she wants to mentor the new hire and would like to
pair on the migration.

## Follow-ups

- [x] Book the room (from 2026-09-01)
- [>] Send the rota doc @chloe-dubois (from 2026-09-01)
- [>] Ask Priya to pair
";

const THIRD: &str = "---
person: Chloé Dubois
date: 2026-09-29
---
# 1:1 with Chloé Dubois, 2026-09-29

## Lift

- What would make this better?
  A quieter week.

## Follow-ups

- [x] Send the rota doc @chloe-dubois (from 2026-09-01)
- [ ] Ask Priya to pair (from 2026-09-15)
- [ ] Plan the offsite

## Private

- [ ] Talk to HR about leave
";

fn notebook() -> Test {
    let t = Test::new();
    t.write("chloe-dubois/2026-09-01.md", FIRST);
    t.write("chloe-dubois/2026-09-15.md", SECOND);
    t.write("chloe-dubois/2026-09-29.md", THIRD);
    t
}

#[test]
fn issue15_log_lists_three_meetings_newest_first() {
    let t = notebook();
    t.run(&["log", "chloe"]).status(0).stderr("").stdout(
        "Chloé Dubois: 3 meetings\n\
         \n\
         2026-09-29\n\
        \x20 Lift\n\
        \x20   - What would make this better?\n\
        \x20     A quieter week.\n\
        \x20 Follow-ups opened\n\
        \x20   [ ] Plan the offsite\n\
        \x20   [ ] 🔒 Talk to HR about leave\n\
        \x20 Ticked since the 1:1 before\n\
        \x20   [x] Send the rota doc @chloe-dubois (from 2026-09-01)\n\
         \n\
         2026-09-15 · rainbows-and-clouds · energy 4, challenge 3, skill 2\n\
        \x20 Learn\n\
        \x20   The rota is better since the swap; she wants to mentor the new hire and would like to\n\
        \x20   pair on the migration.\n\
        \x20 Follow-ups opened\n\
        \x20   [>] Ask Priya to pair\n\
        \x20 Ticked since the 1:1 before\n\
        \x20   [x] Book the room (from 2026-09-01)\n\
         \n\
         2026-09-01 · listen-learn-lift · energy 3\n\
        \x20 Listen\n\
        \x20   On-call is heavy this month.\n\
        \x20 🔒 Private\n\
        \x20   Seems tired.\n\
        \x20 Follow-ups opened\n\
        \x20   [>] Book the room\n\
        \x20   [>] Send the rota doc @chloe-dubois\n",
    );
}

#[test]
fn issue15_log_filters_by_date_and_section_and_leaves_private_out_when_shared() {
    let t = notebook();
    t.run(&["log", "chloe", "--since", "2026-09-02", "--until", "2026-09-15"])
        .status(0)
        .stdout(
            "Chloé Dubois: 1 meeting\n\
             \n\
             2026-09-15 · rainbows-and-clouds · energy 4, challenge 3, skill 2\n\
            \x20 Learn\n\
            \x20   The rota is better since the swap; she wants to mentor the new hire and would like to\n\
            \x20   pair on the migration.\n\
            \x20 Follow-ups opened\n\
            \x20   [>] Ask Priya to pair\n\
            \x20 Ticked since the 1:1 before\n\
            \x20   [x] Book the room (from 2026-09-01)\n",
        );
    // Only the meetings with something under the section, without the
    // follow-up lists.
    t.run(&["log", "chloe", "--section", "LISTEN"])
        .status(0)
        .stdout(
            "Chloé Dubois: 1 meeting\n\
         \n\
         2026-09-01 · listen-learn-lift · energy 3\n\
        \x20 Listen\n\
        \x20   On-call is heavy this month.\n",
        );
    t.run(&["log", "chloe", "--shared", "--since", "2026-09-29"])
        .status(0)
        .stdout(
            "Chloé Dubois: 1 meeting\n\
             \n\
             2026-09-29\n\
            \x20 Lift\n\
            \x20   - What would make this better?\n\
            \x20     A quieter week.\n\
            \x20 Follow-ups opened\n\
            \x20   [ ] Plan the offsite\n\
            \x20 Ticked since the 1:1 before\n\
            \x20   [x] Send the rota doc @chloe-dubois (from 2026-09-01)\n",
        );
    t.run(&["log", "chloe", "--shared", "--until", "2026-09-01"])
        .status(0)
        .stdout(
            "Chloé Dubois: 1 meeting\n\
             \n\
             2026-09-01 · listen-learn-lift\n\
            \x20 Listen\n\
            \x20   On-call is heavy this month.\n\
            \x20 Follow-ups opened\n\
            \x20   [>] Book the room\n\
            \x20   [>] Send the rota doc @chloe-dubois\n",
        );
    t.run(&["log", "nobody"]).status(2).stdout("");
}

#[test]
fn issue15_log_wraps_to_the_terminal() {
    let t = notebook();
    let run = t.run_on_terminal(&["--color", "never", "log", "chloe", "--section", "learn"]);
    assert_eq!(
        run.stdout,
        "Chloé Dubois: 1 meeting\n\
         \n\
         2026-09-15 · rainbows-and-clouds · energy 4, challenge 3, skill 2\n\
        \x20 Learn\n\
        \x20   The rota is better since the swap; she wants to mentor the new hire and\n\
        \x20     would like to\n\
        \x20   pair on the migration.\n"
    );
}

#[test]
fn issue15_log_json_is_an_array_of_meetings() {
    let t = notebook();
    let run = t.run(&[
        "log",
        "chloe",
        "--json",
        "--since",
        "2026-09-15",
        "--until",
        "2026-09-15",
    ]);
    let found: serde_json::Value = serde_json::from_str(&run.status(0).stdout).unwrap();
    assert_eq!(
        found,
        serde_json::json!([{
            "date": "2026-09-15",
            "path": "chloe-dubois/2026-09-15.md",
            "framework": "rainbows-and-clouds",
            "checkin": {"energy": 4, "challenge": 3, "skill": 2},
            "sections": [{"title": "Learn", "private": false, "lines": [
                {"line": 13, "text": "The rota is better since the swap; she wants to mentor the new hire and would like to", "private": false},
                {"line": 14, "text": "pair on the migration.", "private": false},
            ]}],
            "opened": [{"line": 20, "text": "Ask Priya to pair", "state": "carried", "private": false}],
            "ticked": [{"line": 18, "text": "Book the room (from 2026-09-01)", "state": "done", "private": false}],
        }])
    );
}

/// `--shared` leaves the check-in out unless the notebook shares
/// check-ins (`share_checkins: true`), as `review --shared` does.
#[test]
fn issue15_log_shared_shows_checkins_only_when_the_notebook_shares_them() {
    let t = notebook();
    let args = ["log", "chloe", "--shared", "--section", "listen"];
    let shown = |checkin: &str| {
        format!(
            "Chloé Dubois: 1 meeting\n\n2026-09-01 · listen-learn-lift{checkin}\n\
             \x20 Listen\n\x20   On-call is heavy this month.\n"
        )
    };
    t.run(&args).status(0).stderr("").stdout(shown(""));
    t.write("oneonone.yaml", "share_checkins: true\n");
    t.run(&args)
        .status(0)
        .stderr("")
        .stdout(shown(" · energy 3"));
}

/// A `### Private` sub-section under `## Lift`: only its lines are
/// marked private (and left out shared), not the Lift's public words.
#[test]
fn issue15_log_marks_only_the_private_sub_section() {
    let t = Test::new();
    t.write(
        "chloe/2026-09-01.md",
        "---\nperson: Chloe\ndate: 2026-09-01\n---\n## Lift\n\nWants to lead the redesign.\n\n\
         ### Private\n\nThinking about leaving.\n\n## Listen\n\nTired.\n",
    );
    t.run(&["log", "chloe"]).status(0).stderr("").stdout(
        "Chloe: 1 meeting\n\n2026-09-01\n\
         \x20 Lift\n\
         \x20   Wants to lead the redesign.\n\
         \x20   🔒 ### Private\n\
         \x20   🔒 Thinking about leaving.\n\
         \x20 Listen\n\
         \x20   Tired.\n",
    );
    t.run(&["log", "chloe", "--shared"])
        .status(0)
        .stderr("")
        .stdout(
            "Chloe: 1 meeting\n\n2026-09-01\n\
         \x20 Lift\n\
         \x20   Wants to lead the redesign.\n\
         \x20 Listen\n\
         \x20   Tired.\n",
        );
}

/// `--section` matches a section by the start of each of its words,
/// folded, as person names are matched (`zone` is "Zone of genius");
/// when none matches, a notice names the sections there are and the
/// exit code is 1, as `search` finding nothing.
#[test]
fn issue15_log_section_matches_word_starts_and_names_the_sections_when_none_does() {
    let t = notebook();
    t.write(
        "chloe-dubois/2026-10-13.md",
        "---\nperson: Chloé Dubois\ndate: 2026-10-13\n---\n## Zone of genius\n\nMostly reviews.\n",
    );
    t.run(&["log", "chloe", "--section", "zone"])
        .status(0)
        .stderr("")
        .stdout(
            "Chloé Dubois: 1 meeting\n\n2026-10-13\n\
            \x20 Zone of genius\n\
            \x20   Mostly reviews.\n",
        );
    t.run(&["log", "chloe", "--section", "ZONE OF G"])
        .status(0)
        .stderr("");
    t.run(&["log", "chloe", "--section", "nosuch"])
        .status(1)
        .stdout("")
        .stderr(
            "oneonone: no section of Chloé Dubois's notes starts with \"nosuch\"; \
             the sections: Learn, Lift, Listen, Private, Zone of genius\n",
        );
    t.run(&["log", "chloe", "--section", "nosuch", "--json"])
        .status(1)
        .stdout("[]\n");
}
