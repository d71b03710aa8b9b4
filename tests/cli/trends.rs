//! End-to-end tests of `oneonone trends`: Unicode, ASCII and SVG charts.

use crate::Test;
use crate::fixtures::{HOSTILE, SHOWN, Shot, bob, chromium, near};

/// Five check-ins over October.
fn october(t: &Test) {
    bob(t, "2026-10-01", "energy: 2\nchallenge: 2\nskill: 4\n", "");
    bob(t, "2026-10-08", "energy: 3\nchallenge: 3\nskill: 3\n", "");
    bob(t, "2026-10-15", "energy: 4\nchallenge: 3\nskill: 3\n", "");
    bob(t, "2026-10-22", "energy: 5\nchallenge: 4\nskill: 3\n", "");
    bob(t, "2026-10-29", "energy: 3\nchallenge: 5\nskill: 2\n", "");
}

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
    t.run(&["trends", "bob", "--since", "2026-11-01"]).status(2).stderr("oneonone: warning: bob/2026-11-05.md:4: `energy: 9` is not a check-in value (skipped)\n  hint: use a whole number from 1 to 5\n\
         oneonone: warning: bob/2026-11-05.md:5: `challenge: lots` is not a check-in value (skipped)\n  hint: use a whole number from 1 to 5\n\
         oneonone: none of Bob's 5 check-ins is in that range\n");
    bob(&t, "2026-11-06", "", "");
    t.write("carol/2026-11-06.md", "no check-in here\n");
    t.run(&["trends", "carol"]).ok().stderr("oneonone: no check-ins for carol yet; record one with:\n  oneonone checkin carol --energy 4 --challenge 3 --skill 3\n");
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
    t.run(&["trends", "bob", "--svg", "bob.svg"])
        .status(2)
        .stderr("oneonone: error: bob.svg: already exists; oneonone never overwrites a file\n");
}

/// Renders the SVG in headless Chromium and looks at the pixels. CI
/// installs Chromium (.ci/run); elsewhere the test says it cannot run.
#[test]
fn trends_svg_renders_in_chromium() {
    let Some(chromium) = chromium("trends_svg_renders_in_chromium") else {
        return;
    };
    let t = Test::new();
    october(&t);
    t.run(&["trends", "bob", "--svg", "bob.svg"]).ok();
    let shot = Shot::take(chromium, &t, "bob.svg", (840, 440));
    let at = |x: u32, y: u32| shot.at(x, y);
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

#[test]
fn issue9_trends_svg_path_is_echoed_escaped() {
    let t = Test::new();
    t.write("bob/2026-11-01.md", "# Notes\n");
    let file = format!("chart{HOSTILE}.svg");
    t.run(&["trends", "bob", "--svg", &file]).ok().stderr(format!(
            "oneonone: wrote chart{SHOWN}.svg\noneonone: no check-ins for bob yet; record one with:\n  oneonone checkin bob --energy 4 --challenge 3 --skill 3\n"
        ));
    assert!(t.path(&file).is_file());
}

/// Each note is read once for the whole command, yet the warnings still
/// come in note order: a note that cannot be read is reported where it
/// falls among the bad check-in values, once.
#[test]
fn issue10_trends_reports_an_unreadable_note_once_in_note_order() {
    let t = Test::new();
    bob(&t, "2026-11-01", "energy: 9\n", "");
    t.write("bob/2026-11-02.md", b"x\n\xff\n");
    bob(&t, "2026-11-03", "energy: 4\nchallenge: lots\n", "");
    t.run(&["trends", "bob", "--color", "never"]).status(2).stderr(
        "oneonone: warning: bob/2026-11-01.md:4: `energy: 9` is not a check-in value (skipped)\n  hint: use a whole number from 1 to 5\n\
         oneonone: warning: bob/2026-11-02.md:2: not UTF-8 text; skipped\n\
         oneonone: warning: bob/2026-11-03.md:5: `challenge: lots` is not a check-in value (skipped)\n  hint: use a whole number from 1 to 5\n",
    );
}
