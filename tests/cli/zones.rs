//! End-to-end tests of the zone of genius (issue 15): the framework's
//! table, `zones` in Unicode, ASCII and SVG, and `check` on bad values.

use crate::Test;
use crate::fixtures::{Shot, bob, chromium, near};

/// The table as the person and the manager filled it in.
fn table(rows: &str) -> String {
    format!(
        "## Zone of genius\n\n| activity | skill | joy |\n| --- | --- | --- |\n{rows}|  |  |  |\n"
    )
}

/// Two maps, a note between them with none, and a later note whose table
/// is still empty (not a map).
fn two_maps(t: &Test) {
    bob(
        t,
        "2026-10-27",
        "framework: zone-of-genius\n",
        &table("| Code review | 4 | 3 |\n| status reports | 4 | 2 |\n| budgets | 2 | 2 |\n"),
    );
    bob(t, "2026-11-10", "", "## Listen\n\n- a | b\n");
    bob(
        t,
        "2026-11-24",
        "framework: zone-of-genius\n",
        "## Zone of genius\n\n| Activity | Skill | Jóy |\n| --- | :-: | :-: |\n\
         | code review | 4 | 5 |\n| mentoring | 5 | 5 |\n| budgets | 2 | 2 |\n\
         | hiring plan for the platform team | 2 | 2 |\n| onboarding | 3 | 4 |\n\
         | incidents | 5 | 1 |\n|  |  |  |\n",
    );
    bob(t, "2026-12-01", "framework: zone-of-genius\n", &table(""));
}

#[test]
fn issue15_new_zone_of_genius_writes_the_table() {
    let t = Test::new();
    t.run(&[
        "new",
        "bob",
        "--framework",
        "zone-of-genius",
        "--date",
        "2026-11-24",
        "--seed",
        "1",
    ])
    .ok();
    insta::assert_snapshot!("zone_of_genius_note", t.read("bob/2026-11-24.md"));
    // The new note's table is empty: no map yet, and nothing for check.
    t.run(&["zones", "bob"]).ok().stdout("").stderr(
        "oneonone: no zone-of-genius map for bob yet; start one with:\n  oneonone new bob --framework zone-of-genius\n  (a map is a table `| activity | skill | joy |` with a row filled in)\n",
    );
    t.run(&["check"]).ok().stdout("");
}

#[test]
fn issue15_frameworks_lists_the_zone_of_genius() {
    let t = Test::new();
    let run = t.run(&["frameworks", "--color", "never"]).ok();
    assert!(
        run.stdout.ends_with(
            "\nzone-of-genius  Zone of genius\n  Map what they do by skill and joy; move work toward what they are great at and love.\n  sections: Listen · Zone of genius · Lift\n"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn issue15_zones_in_unicode_and_ascii_with_what_moved() {
    let t = Test::new();
    two_maps(&t);
    let run = t.run(&["zones", "bob", "--color", "never"]).ok().stderr("");
    assert!(
        run.stdout
            .contains("\n    code review: excellence → genius\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 80)
    );
    insta::assert_snapshot!("zones_unicode", run.stdout);
    let run = t
        .run(&["zones", "bob", "--ascii", "--color", "never"])
        .ok()
        .stderr("");
    assert!(run.stdout.is_ascii(), "{}", run.stdout);
    insta::assert_snapshot!("zones_ascii", run.stdout);
    let run = t.run(&["zones", "bob", "--color", "always"]).ok();
    assert!(
        run.stdout.contains("\u{1b}[32mmentoring  \u{1b}[0m"),
        "{}",
        run.stdout
    );
}

#[test]
fn issue15_zones_without_a_map_says_how_to_start() {
    let t = Test::new();
    bob(&t, "2026-11-24", "", "## Listen\n\nfine\n");
    t.run(&["zones", "bob", "--svg", "bob.svg"])
        .ok()
        .stdout("")
        .stderr(
            "oneonone: no zone-of-genius map for Bob yet; start one with:\n  oneonone new bob --framework zone-of-genius\n  (a map is a table `| activity | skill | joy |` with a row filled in)\n",
        );
    assert!(!t.path("bob.svg").exists());
}

#[test]
fn issue15_bad_values_are_reported_with_their_line() {
    let t = Test::new();
    bob(
        &t,
        "2026-11-24",
        "",
        &table(
            "| code review | 4 | 5 |\n| mentoring | 6 | 5 |\n| docs | 4.5 | 3 |\n| oncall |  | 3 |\n|  | 3 | 3 |\n",
        ),
    );
    let fix =
        "\n  fix: give skill and joy a whole number from 1 to 5 each, or empty the whole row\n";
    t.run(&["check", "--color", "never"])
        .status(1)
        .stdout(format!(
            "bob/2026-11-24.md:10: `mentoring`: skill `6` is not 1 to 5{fix}\
             bob/2026-11-24.md:11: `docs`: skill `4.5` is not 1 to 5{fix}\
             bob/2026-11-24.md:12: `oncall`: skill is empty{fix}\
             bob/2026-11-24.md:13: a row with no activity{fix}"
        ))
        .stderr("oneonone: 4 problems in 1 file\n");
    let run = t.run(&["check", "--json"]).status(1);
    let found: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(found.len(), 4);
    assert_eq!(found[0]["kind"], "zone-value");
    assert_eq!(found[0]["line"], 10);
    // `zones` draws the good rows and warns about the others (exit 2),
    // each warning in two lines under 80 columns.
    let run = t.run(&["zones", "bob", "--color", "never"]).status(2);
    let skipped = "\n  hint: use a whole number from 1 to 5; the row is skipped\n";
    assert_eq!(
        run.stderr,
        format!(
            "oneonone: warning: bob/2026-11-24.md:10: `mentoring`: skill `6` is not 1 to 5{skipped}\
             oneonone: warning: bob/2026-11-24.md:11: `docs`: skill `4.5` is not 1 to 5{skipped}\
             oneonone: warning: bob/2026-11-24.md:12: `oncall`: skill is empty{skipped}\
             oneonone: warning: bob/2026-11-24.md:13: a row with no activity\n\
            \x20 hint: name the activity, or empty the row; the row is skipped\n"
        )
    );
    assert!(
        run.stderr.lines().all(|l| l.chars().count() < 80),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout
            .contains("  genius       code review (skill 4, joy 5)\n"),
        "{}",
        run.stdout
    );
}

/// The SVG of the latest map, as a parsed document.
fn svg_texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("the SVG is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("width"), Some("860"));
    for node in doc.descendants() {
        let name = node.tag_name().name();
        assert!(
            !["script", "image", "foreignObject", "a", "style", "use"].contains(&name),
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
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .map(String::from)
        .collect()
}

#[test]
fn issue15_zones_svg_names_each_activity_and_zone() {
    let t = Test::new();
    two_maps(&t);
    let run = t
        .run(&["zones", "bob", "--svg", "bob.svg", "--color", "never"])
        .ok()
        .stderr("oneonone: wrote bob.svg\n");
    // With --svg FILE only the notice: the grid is for a run without it.
    assert_eq!(run.stdout, "");
    let svg = t.read("bob.svg");
    let texts = svg_texts(&svg);
    // Each activity in its cell (the long name cut) and in the legend.
    for name in [
        "code review",
        "mentoring",
        "budgets",
        "hiring plan for…",
        "onboarding",
        "incidents",
    ] {
        assert_eq!(
            texts.iter().filter(|t| *t == name).count(),
            1,
            "{name} in {texts:?}"
        );
    }
    for line in [
        "code review: genius (skill 4, joy 5)",
        "hiring plan for the platform team: incompetence (skill 2, joy 2)",
        "incidents: excellence (skill 5, joy 1)",
        "Since 2026-10-27",
        "code review: excellence → genius",
        "status reports: dropped, was excellence",
        "incompetence",
        "competence",
        "excellence",
        "genius",
    ] {
        assert!(texts.iter().any(|t| t == line), "{line} in {texts:?}");
    }
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let fills: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect") && n.attribute("width") == Some("120"))
        .filter_map(|n| n.attribute("fill"))
        .collect();
    let count = |fill: &str| fills.iter().filter(|f| **f == fill).count();
    assert_eq!(
        [
            count("#f6c1c1"),
            count("#fbe7a8"),
            count("#c4dcf5"),
            count("#c7e8c9")
        ],
        [10, 5, 6, 4],
        "incompetence, competence, excellence, genius cells"
    );
    // Never overwritten; `-` writes it to standard output, alone.
    t.run(&["zones", "bob", "--svg", "bob.svg"])
        .status(2)
        .stderr("oneonone: error: bob.svg: already exists; oneonone never overwrites a file\n");
    t.run(&["zones", "bob", "--svg", "-"])
        .ok()
        .stdout(&svg)
        .stderr("");
}

/// Renders the SVG in headless Chromium and looks at the pixels, as
/// `trends_svg_renders_in_chromium` does. CI installs Chromium.
#[test]
fn issue15_zones_svg_renders_in_chromium() {
    let Some(chromium) = chromium("issue15_zones_svg_renders_in_chromium") else {
        return;
    };
    let t = Test::new();
    two_maps(&t);
    t.run(&["zones", "bob", "--svg", "bob.svg"]).ok();
    let svg = t.read("bob.svg");
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let height: u32 = doc
        .root_element()
        .attribute("height")
        .unwrap()
        .parse()
        .unwrap();
    let shot = Shot::take(chromium, &t, "bob.svg", (860, height));
    let at = |x: u32, y: u32| shot.at(x, y);
    // The lower right corner of a cell of each zone, away from names.
    let corner = |skill: u32, joy: u32| (90 + skill * 120 - 8, 90 + (6 - joy) * 80 - 8);
    for (skill, joy, zone, colour) in [
        (1, 1, "incompetence", (0xf6, 0xc1, 0xc1)),
        (2, 5, "incompetence", (0xf6, 0xc1, 0xc1)),
        (3, 4, "competence", (0xfb, 0xe7, 0xa8)),
        (4, 3, "excellence", (0xc4, 0xdc, 0xf5)),
        (5, 1, "excellence", (0xc4, 0xdc, 0xf5)),
        (4, 4, "genius", (0xc7, 0xe8, 0xc9)),
        (5, 5, "genius", (0xc7, 0xe8, 0xc9)),
    ] {
        let (x, y) = corner(skill, joy);
        assert!(
            near(at(x, y), colour),
            "{zone} at skill {skill}, joy {joy}: {:?}",
            at(x, y)
        );
    }
    // Names are drawn: dark pixels in the top left of the genius cell
    // holding "code review" and "mentoring".
    let dark = |x0: u32, y0: u32| {
        (x0..x0 + 100)
            .flat_map(|x| (y0..y0 + 24).map(move |y| (x, y)))
            .filter(|&(x, y)| {
                let (r, g, b) = at(x, y);
                r < 100 && g < 100 && b < 100
            })
            .count()
    };
    assert!(
        dark(90 + 3 * 120, 90) > 30,
        "code review: {}",
        dark(450, 90)
    );
    assert!(dark(90 + 4 * 120, 90) > 30, "mentoring: {}", dark(570, 90));
    // The empty incompetence cell at skill 1, joy 5 has none.
    assert_eq!(dark(90, 90), 0);
}

/// Two rows of one table naming the same activity (folded the same:
/// `writing` and `**writing**`): `check` reports the second with both
/// lines, and `zones` uses the first.
#[test]
fn issue15_a_duplicate_activity_is_reported_and_the_first_is_used() {
    let t = Test::new();
    bob(
        &t,
        "2026-11-24",
        "",
        &table("| writing | 4 | 5 |\n| code review | 3 | 3 |\n| **Writing** | 2 | 1 |\n"),
    );
    t.run(&["check", "--color", "never"])
        .status(1)
        .stdout(
            "bob/2026-11-24.md:11: `Writing`: the same activity as line 9 (this row is not used)\n  \
             fix: keep one row per activity: merge the two rows, or rename one\n",
        )
        .stderr("oneonone: 1 problem in 1 file\n");
    let run = t.run(&["check", "--json"]).status(1);
    let found: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(found[0]["kind"], "zone-duplicate");
    assert_eq!(found[0]["line"], 11);
    let run = t.run(&["zones", "bob", "--ascii", "--color", "never"]).ok();
    assert!(
        run.stdout.contains("writing (skill 4, joy 5)") && !run.stdout.contains("joy 1)"),
        "{}",
        run.stdout
    );
}
