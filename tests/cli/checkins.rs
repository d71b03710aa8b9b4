//! Check-ins and pictures: checkin, trends (terminal and SVG), patterns,
//! and the shareable copy.

use std::fs;
use std::path::Path;

use serde::Deserialize;

use crate::Test;

/// A note for `bob` on `date` with the given extra frontmatter and body.
fn bob(t: &Test, date: &str, frontmatter: &str, body: &str) {
    t.write(
        &format!("bob/{date}.md"),
        format!("---\nperson: Bob\ndate: {date}\n{frontmatter}---\n{body}"),
    );
}

/// Five check-ins over October.
fn october(t: &Test) {
    bob(t, "2026-10-01", "energy: 2\nchallenge: 2\nskill: 4\n", "");
    bob(t, "2026-10-08", "energy: 3\nchallenge: 3\nskill: 3\n", "");
    bob(t, "2026-10-15", "energy: 4\nchallenge: 3\nskill: 3\n", "");
    bob(t, "2026-10-22", "energy: 5\nchallenge: 4\nskill: 3\n", "");
    bob(t, "2026-10-29", "energy: 3\nchallenge: 5\nskill: 2\n", "");
}

// ------------------------------------------------------------- checkin

#[test]
fn checkin_changes_only_its_lines() {
    let t = Test::new();
    let before = "---\n# my notes on Bob\nperson: 'Bob'   # short for Robert\nenergy:\ntags: [a, b]\nchallenge: 2  # was hard\ndate: 2026-11-20\n---\nbody with energy: 1 in it\n";
    t.write("bob/2026-11-20.md", before);
    let run = t
        .run(&[
            "checkin",
            "bob",
            "--energy",
            "4",
            "--challenge",
            "5",
            "--skill",
            "3",
        ])
        .ok();
    assert_eq!(run.stdout, "bob/2026-11-20.md\n");
    assert_eq!(
        run.stderr,
        "oneonone: check-in for Bob: energy 4, challenge 5, skill 3\n"
    );
    assert_eq!(
        t.read("bob/2026-11-20.md"),
        "---\n# my notes on Bob\nperson: 'Bob'   # short for Robert\nenergy: 4\ntags: [a, b]\nchallenge: 5  # was hard\ndate: 2026-11-20\nskill: 3\n---\nbody with energy: 1 in it\n"
    );
}

#[test]
fn checkin_picks_the_note_and_checks_its_values() {
    let t = Test::new();
    bob(&t, "2026-11-01", "", "");
    bob(&t, "2026-11-20", "", "");
    t.run(&["checkin", "bob", "-e", "2", "--date", "2026-11-01"])
        .ok();
    assert!(t.read("bob/2026-11-01.md").contains("\nenergy: 2\n"));
    assert!(!t.read("bob/2026-11-20.md").contains("energy"));
    let run = t.run(&["checkin", "bob", "--energy", "6"]).status(2);
    assert!(
        run.stderr
            .contains("`6` is not a check-in value; use a whole number from 1 to 5"),
        "{}",
        run.stderr
    );
    let run = t.run(&["checkin", "bob"]).status(2);
    assert_eq!(
        run.stderr,
        "oneonone: error: give at least one of --energy, --challenge, --skill (each 1 to 5)\n"
    );
    let run = t
        .run(&["checkin", "bob", "-e", "3", "--date", "2026-11-02"])
        .status(2);
    assert_eq!(
        run.stderr,
        "oneonone: error: Bob has no note on 2026-11-02; write one with `oneonone new bob --date 2026-11-02`\n"
    );
}

// -------------------------------------------------------------- trends

#[test]
fn trends_in_unicode_and_ascii() {
    let t = Test::new();
    october(&t);
    let run = t.run(&["trends", "bob", "--color", "never"]).ok();
    insta::assert_snapshot!("trends_unicode", run.stdout);
    let run = t
        .run(&["trends", "bob", "--ascii", "--color", "never"])
        .ok();
    assert!(run.stdout.is_ascii());
    insta::assert_snapshot!("trends_ascii", run.stdout);
}

#[test]
fn trends_limits_and_explains() {
    let t = Test::new();
    october(&t);
    let run = t
        .run(&[
            "trends", "bob", "--ascii", "--last", "2", "--color", "never",
        ])
        .ok();
    assert!(
        run.stdout
            .starts_with("Bob: 2 check-ins, 2026-10-22 to 2026-10-29\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("  energy  2026-10-22 53 2026-10-29\n"),
        "{}",
        run.stdout
    );
    let run = t
        .run(&["trends", "bob", "--since", "2026-10-15", "--color", "never"])
        .ok();
    assert!(
        run.stdout
            .starts_with("Bob: 3 check-ins, 2026-10-15 to 2026-10-29\n"),
        "{}",
        run.stdout
    );

    bob(&t, "2026-11-05", "energy: 9\nchallenge: lots\n", "");
    let run = t.run(&["trends", "bob", "--since", "2026-11-01"]).status(2);
    assert_eq!(
        run.stderr,
        "oneonone: warning: bob/2026-11-05.md:4: `energy: 9` is not a check-in value; use a whole number from 1 to 5 (skipped)\n\
         oneonone: warning: bob/2026-11-05.md:5: `challenge: lots` is not a check-in value; use a whole number from 1 to 5 (skipped)\n\
         oneonone: none of Bob's 5 check-ins is in that range\n"
    );
    bob(&t, "2026-11-06", "", "");
    t.write("carol/2026-11-06.md", "no check-in here\n");
    let run = t.run(&["trends", "carol"]).ok();
    assert_eq!(
        run.stderr,
        "oneonone: no check-ins for carol yet; record one with `oneonone checkin carol --energy 4 --challenge 3 --skill 3`\n"
    );
}

/// The SVG parses as XML, is self-contained, and draws the zones.
#[test]
fn trends_svg_is_standalone_valid_xml() {
    let t = Test::new();
    october(&t);
    let run = t.run(&["trends", "bob", "--svg", "bob.svg"]).ok();
    assert!(
        run.stderr.starts_with("oneonone: wrote bob.svg\n"),
        "{}",
        run.stderr
    );
    let svg = t.read("bob.svg");
    let doc = roxmltree::Document::parse(&svg).expect("the SVG is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("width"), Some("840"));
    assert_eq!(root.attribute("height"), Some("440"));
    for node in doc.descendants() {
        let name = node.tag_name().name();
        assert!(
            !["script", "image", "foreignObject", "a", "style"].contains(&name),
            "{name} in the SVG"
        );
        for attr in node.attributes() {
            assert!(
                !attr.name().starts_with("on"),
                "event handler {}",
                attr.name()
            );
            assert!(
                !attr.value().contains("http") || attr.name() == "xmlns",
                "link in {}",
                attr.name()
            );
        }
    }
    let fills: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect"))
        .filter_map(|n| n.attribute("fill"))
        .collect();
    assert_eq!(
        fills.iter().filter(|f| **f == "#f6c1c1").count(),
        6,
        "anxiety cells"
    );
    assert_eq!(
        fills.iter().filter(|f| **f == "#c4dcf5").count(),
        6,
        "boredom cells"
    );
    assert_eq!(
        fills.iter().filter(|f| **f == "#c7e8c9").count(),
        13,
        "flow cells"
    );
    let texts: Vec<&str> = doc.descendants().filter_map(|n| n.text()).collect();
    assert!(texts.contains(&"latest, 2026-10-29"));
    assert!(texts.contains(&"2026-10-01") && texts.contains(&"Bob"));
    // Never overwritten.
    let run = t.run(&["trends", "bob", "--svg", "bob.svg"]).status(2);
    assert_eq!(
        run.stderr,
        "oneonone: error: bob.svg: already exists; oneonone never overwrites a file\n"
    );
}

/// Renders the SVG in headless Chromium and looks at the pixels. CI
/// installs Chromium (.ci/run); elsewhere the test says it cannot run.
#[test]
fn trends_svg_renders_in_chromium() {
    let Some(chromium) = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|c| {
            std::process::Command::new(c)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
    else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have Chromium: .ci/run installs it"
        );
        eprintln!("trends_svg_renders_in_chromium: no Chromium here; install it to run this check");
        return;
    };
    let t = Test::new();
    october(&t);
    t.run(&["trends", "bob", "--svg", "bob.svg"]).ok();
    let shot = t.path("shot.png");
    let output = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            "--window-size=840,440",
        ])
        .arg(format!(
            "--user-data-dir={}",
            t.path("chromium-profile").display()
        ))
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", t.path("bob.svg").display()))
        .output()
        .unwrap();
    assert!(
        shot.is_file(),
        "no screenshot: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let decoder = png::Decoder::new(std::io::BufReader::new(fs::File::open(&shot).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    assert_eq!((info.width, info.height), (840, 440));
    let channels = info.color_type.samples();
    let at = |x: usize, y: usize| {
        let i = (y * info.width as usize + x) * channels;
        (pixels[i], pixels[i + 1], pixels[i + 2])
    };
    let near = |(r, g, b): (u8, u8, u8), (er, eg, eb): (u8, u8, u8)| {
        r.abs_diff(er) <= 8 && g.abs_diff(eg) <= 8 && b.abs_diff(eb) <= 8
    };
    // Corners of three cells, away from dots and labels.
    assert!(
        near(at(72 + 50, 80 + 3 * 56 - 4), (0xf6, 0xc1, 0xc1)),
        "anxiety cell at challenge 3, skill 1: {:?}",
        at(122, 244)
    );
    assert!(
        near(at(70 + 56 + 4, 80 + 4 * 56 + 4), (0xc7, 0xe8, 0xc9)),
        "flow cell: {:?}",
        at(130, 308)
    );
    assert!(
        near(at(70 + 4 * 56 + 4, 80 + 3 * 56 + 4), (0xc4, 0xdc, 0xf5)),
        "boredom cell: {:?}",
        at(298, 252)
    );
    // The energy line is drawn in orange somewhere in its panel.
    let orange = (470..800)
        .flat_map(|x| (80..360).map(move |y| (x, y)))
        .filter(|&(x, y)| near(at(x, y), (0xe0, 0x8a, 0x00)))
        .count();
    assert!(orange > 200, "energy line pixels: {orange}");
    let distinct: std::collections::HashSet<(u8, u8, u8)> = (0..840)
        .step_by(7)
        .flat_map(|x| (0..440).step_by(7).map(move |y| (x, y)))
        .map(|(x, y)| at(x, y))
        .collect();
    assert!(
        distinct.len() > 20,
        "a near-blank picture: {} colours",
        distinct.len()
    );
}

// ------------------------------------------------------------ patterns

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
             check-in 2026-10-27: flow (challenge 3, skill 3), energy 4\n"
        ),
        "{prep}"
    );
}

// -------------------------------------------------------------- export

#[test]
fn shared_copy_never_holds_a_private_line() {
    let t = Test::new();
    t.run(&["new", "Bob", "--date", "2026-11-24", "--seed", "1"])
        .ok();
    let note = t.read("bob/2026-11-24.md");
    assert!(note.ends_with(
        "## Private\n\n_For your eyes only: `oneonone export --shared` leaves this section out._\n"
    ));
    // Private words in the template's section, in a sub-section, and in a
    // second private section in the middle, at another level.
    let note = note
        .replace("manager_free: x\n", "")
        .replace(
            "## Listen\n",
            "### Private\n\nSECRET-A mid-note\n\n## Listen\n",
        )
        .replace(
            "_For your eyes only",
            "SECRET-B at the end\n\n### Details\n\nSECRET-C under it\n\n_For your eyes only",
        );
    fs::write(t.path("bob/2026-11-24.md"), &note).unwrap();
    t.run(&["checkin", "bob", "-e", "2"]).ok();
    let run = t.run(&["export", "bob", "--shared"]).ok();
    for secret in [
        "SECRET-A",
        "SECRET-B",
        "SECRET-C",
        "For your eyes only",
        "energy",
        "tags:",
    ] {
        assert!(
            !run.stdout.contains(secret),
            "{secret} leaked:\n{}",
            run.stdout
        );
    }
    assert!(run.stdout.starts_with("---\nperson: Bob\ndate: 2026-11-24\nframework: listen-learn-lift\n---\n# 1:1 with Bob, 2026-11-24\n"));
    assert!(
        run.stdout.contains("## Listen\n") && run.stdout.ends_with("- [ ] \n"),
        "{}",
        run.stdout
    );
    // Every line of the shared copy is a line of the note.
    for line in run.stdout.lines() {
        assert!(
            note.lines().any(|l| l == line),
            "{line:?} is not from the note"
        );
    }

    // Without --shared, the note as it is; by path too.
    let whole = t.run(&["export", "bob/2026-11-24.md"]).ok();
    assert_eq!(whole.stdout, t.read("bob/2026-11-24.md"));
    // The notebook can share check-ins and name its private heading.
    t.write(
        "oneonone.yaml",
        "private_section: Manager only\nshare_checkins: true\n",
    );
    let run = t
        .run(&["export", "bob", "--date", "2026-11-24", "--shared"])
        .ok();
    // `Private` sections stay private whatever the notebook calls its own.
    assert!(run.stdout.contains("\nenergy: 2\n") && !run.stdout.contains("SECRET-A"));
    let run = t.run(&["export", "bob", "--date", "2026-01-01"]).status(2);
    assert_eq!(
        run.stderr,
        "oneonone: error: Bob has no note on 2026-01-01\n"
    );
    assert!(Path::new(&t.path("bob/2026-11-24.md")).is_file());
}

// ------------------------------------------------ found in review, kept fixed

#[test]
fn a_private_follow_up_is_carried_into_the_private_section() {
    let t = Test::new();
    t.run(&["new", "gus", "--date", "2026-01-05"]).ok();
    let note = t.read("gus/2026-01-05.md");
    fs::write(
        t.path("gus/2026-01-05.md"),
        format!("{note}- [ ] SECRET ask HR about the timeline\n"),
    )
    .unwrap();
    t.run(&["new", "gus", "--date", "2026-01-19"]).ok();
    let next = t.read("gus/2026-01-19.md");
    assert!(
        next.ends_with("leaves this section out._\n\n- [ ] SECRET ask HR about the timeline (from 2026-01-05)\n"),
        "{next}"
    );
    let shared = t.run(&["export", "gus", "--shared"]).ok().stdout;
    assert!(!shared.contains("SECRET"), "{shared}");
    assert_eq!(
        followups_json_texts(&t),
        ["SECRET ask HR about the timeline (from 2026-01-05)"]
    );
}

fn followups_json_texts(t: &Test) -> Vec<String> {
    crate::followups_json(t, &[])
        .into_iter()
        .map(|i| i.text)
        .collect()
}

#[test]
fn checkin_refuses_a_frontmatter_it_cannot_edit_line_by_line() {
    let t = Test::new();
    let before = "---\n{person: Bob, date: 2026-11-20, energy: 2}\n---\nbody\n";
    t.write("bob/2026-11-20.md", before);
    let run = t.run(&["checkin", "bob", "-e", "4"]).status(2);
    assert_eq!(
        run.stderr,
        "oneonone: error: bob/2026-11-20.md: cannot set energy by changing only those lines (flow style, an anchor or a multi-line value?); edit the frontmatter by hand\n"
    );
    assert_eq!(t.read("bob/2026-11-20.md"), before);
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
