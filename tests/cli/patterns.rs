//! End-to-end tests of `oneonone patterns`: stuck follow-ups, gaps, tags and
//! quarterly averages.

use std::fs;

use serde::Deserialize;

use crate::Test;
use crate::fixtures::{HOSTILE, SHOWN, bob};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Patterns {
    person: String,
    notes: usize,
    first: Option<String>,
    last: Option<String>,
    tags: Vec<TagTrend>,
    stuck: Vec<Stuck>,
    cadence_days: u32,
    gaps: Vec<Gap>,
    checkins: Vec<QuarterAverage>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct TagTrend {
    tag: String,
    total: usize,
    by_quarter: std::collections::BTreeMap<String, usize>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct Stuck {
    text: String,
    path: String,
    line: usize,
    carried: usize,
    since: Option<String>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct Gap {
    from: String,
    to: String,
    days: i64,
    over: i64,
    ongoing: bool,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct QuarterAverage {
    quarter: String,
    count: usize,
    energy: Option<f64>,
    challenge: Option<f64>,
    skill: Option<f64>,
}

#[test]
fn patterns_find_stuck_follow_ups_gaps_tags_and_averages() {
    let t = Test::new();
    bob(
        &t,
        "2026-09-01",
        "tags: [growth]\nenergy: 2\n",
        "- [ ] Draft the growth plan\n- [ ] one-off\n",
    );
    for date in ["2026-09-15", "2026-10-20", "2026-10-27"] {
        t.run(&["new", "bob", "--date", date]).ok();
    }
    // Done with the one-off along the way; the plan keeps moving.
    let last = t.read("bob/2026-10-27.md");
    fs::write(
        t.path("bob/2026-10-27.md"),
        last.replace("- [ ] one-off", "- [x] one-off")
            .replace("tags: []", "tags: [growth, hiring]"),
    )
    .unwrap();
    t.run(&["checkin", "bob", "-e", "4", "-c", "3", "-s", "3"])
        .ok();
    t.run(&["new", "bob", "--date", "2026-11-03"]).ok();

    let run = t
        .run(&["--today", "2026-11-27", "patterns", "bob", "--json"])
        .ok();
    let p: Patterns = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!((p.person.as_str(), p.notes, p.cadence_days), ("Bob", 5, 14));
    assert_eq!(
        (p.first.as_deref(), p.last.as_deref()),
        (Some("2026-09-01"), Some("2026-11-03"))
    );
    let plan_line = t
        .read("bob/2026-11-03.md")
        .lines()
        .position(|l| l.contains("Draft the growth plan"))
        .unwrap()
        + 1;
    assert_eq!(
        p.stuck,
        [Stuck {
            text: "Draft the growth plan (from 2026-09-01)".into(),
            path: "bob/2026-11-03.md".into(),
            line: plan_line,
            carried: 4,
            since: Some("2026-09-01".into()),
        }]
    );
    assert_eq!(
        p.gaps[..2],
        [
            Gap {
                from: "2026-09-15".into(),
                to: "2026-10-20".into(),
                days: 35,
                over: 21,
                ongoing: false
            },
            Gap {
                from: "2026-11-03".into(),
                to: "2026-11-27".into(),
                days: 24,
                over: 10,
                ongoing: true
            },
        ]
    );
    assert_eq!(
        p.tags,
        [
            TagTrend {
                tag: "growth".into(),
                total: 2,
                by_quarter: [("2026-Q3".into(), 1), ("2026-Q4".into(), 1)].into()
            },
            TagTrend {
                tag: "hiring".into(),
                total: 1,
                by_quarter: [("2026-Q4".into(), 1)].into()
            },
        ]
    );
    assert_eq!(
        p.checkins,
        [
            QuarterAverage {
                quarter: "2026-Q3".into(),
                count: 1,
                energy: Some(2.0),
                challenge: None,
                skill: None
            },
            QuarterAverage {
                quarter: "2026-Q4".into(),
                count: 1,
                energy: Some(4.0),
                challenge: Some(3.0),
                skill: Some(3.0)
            },
        ]
    );
    let text = t
        .run(&[
            "--today",
            "2026-11-27",
            "patterns",
            "bob",
            "--color",
            "never",
        ])
        .ok()
        .stdout;
    assert!(
        text.contains("Draft the growth plan (from 2026-09-01) (carried 4 times)\n"),
        "{text}"
    );
    assert!(
        text.contains("  2026-09-15 → 2026-10-20   35 days  21 over\n"),
        "{text}"
    );
    // prep carries the short form.
    let prep = t
        .run(&["--today", "2026-11-27", "prep", "bob", "--color", "never"])
        .ok()
        .stdout;
    assert!(
        prep.contains(
            "\nPatterns: 1 follow-up carried 3+ times · longest gap 35 days (21 over cadence) · \
             check-in 2026-10-27: flow (challenge 3, skill 3), energy 4 · recurring tags: growth (2)\n"
        ),
        "{prep}"
    );
}

#[test]
fn a_weekly_item_done_each_week_is_not_stuck() {
    let t = Test::new();
    // Each week it is carried once, then done in the next note.
    for (date, previous) in [
        ("2026-10-05", None),
        ("2026-10-12", Some("2026-10-05")),
        ("2026-10-19", Some("2026-10-12")),
        ("2026-10-26", Some("2026-10-19")),
    ] {
        let done = previous.map_or_else(String::new, |p| {
            format!("- [x] Send the weekly update (from {p})\n")
        });
        bob(
            &t,
            date,
            "",
            &format!("{done}- [>] Send the weekly update\n"),
        );
    }
    bob(
        &t,
        "2026-11-02",
        "",
        "- [x] Send the weekly update (from 2026-10-26)\n- [>] Send the weekly update\n",
    );
    bob(
        &t,
        "2026-11-09",
        "",
        "- [ ] Send the weekly update (from 2026-11-02)\n",
    );
    let run = t.run(&["patterns", "bob", "--json"]).ok();
    let p: Patterns = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(p.stuck, []);
}

#[test]
fn issue9_patterns_shows_a_hostile_file_name_escaped() {
    let t = Test::new();
    t.write("alice/2026-11-01.md", "- [>] Fix the build\n");
    t.write(
        "alice/2026-11-08.md",
        "- [>] Fix the build (from 2026-11-01)\n",
    );
    t.write(
        "alice/2026-11-15.md",
        "- [>] Fix the build (from 2026-11-01)\n",
    );
    t.write(
        &format!("alice/x{HOSTILE}.md"),
        "- [ ] Fix the build (from 2026-11-01)\n",
    );
    let run = t
        .run(&[
            "--today",
            "2026-11-20",
            "patterns",
            "alice",
            "--color",
            "never",
        ])
        .ok();
    assert!(
        run.stdout.contains(&format!(
            "\nFollow-ups carried over 3 times or more\n  alice/x{SHOWN}.md:1: Fix the build (from 2026-11-01) (carried 3 times)\n"
        )),
        "{:?}",
        run.stdout
    );
    assert!(!run.stdout.contains('\u{1b}'), "{:?}", run.stdout);
}
