//! End-to-end tests of `review` (issue 15): a period of a person's 1:1s
//! in one document, in Markdown (snapshot), shared (no private text
//! anywhere, Markdown or HTML), and as a standalone HTML page parsed as
//! XML and rendered in headless Chromium.

use std::fs;

use crate::Test;
use crate::fixtures::{Shot, bob, chromium, headless};

/// Words that live only in private places of Bob's notes: none may show
/// in a shared review.
const SECRETS: [&str; 5] = [
    "PURPLE-GIRAFFE",
    "SECRET-WALRUS",
    "SECRET-BADGER",
    "HIDDEN-OTTER",
    "MUTED-HERON",
];

const TODAY: &str = "2026-11-29";

/// Bob's notes: one before the period, four in it (2026-09-01 to
/// 2026-10-31), one after; a follow-up carried four times, private
/// sections, a private `<details>` block, check-ins and two zone maps.
fn bob_autumn(t: &Test) {
    t.write(
        "bob/person.yaml",
        "name: Bob\ncadence_days: 14\naway:\n  - {from: 2026-09-24, to: 2026-09-30, why: holiday}\n",
    );
    bob(
        t,
        "2026-08-18",
        "tags: [oncall]\n",
        "## Lift\n\n- Rotation pain again.\n- [>] Write the on-call runbook @bob\n\n\
         ## Zone of genius\n\n| activity | skill | joy |\n| --- | --- | --- |\n\
         | code review | 4 | 3 |\n| incidents | 3 | 2 |\n",
    );
    bob(
        t,
        "2026-09-01",
        "tags: [oncall, growth]\nenergy: 3\nchallenge: 4\nskill: 3\n",
        "## Listen\n\n- Tired after the rotation week.\n\n\
         ## Lift\n\n- Wants to lead the rotation redesign.\n- <script>alert(1)</script> pasted from chat\n\
         - [>] Write the on-call runbook @bob (from 2026-08-18)\n- [x] Share the incident review @bob\n\n\
         ## Private\n\n- PURPLE-GIRAFFE: thinking about leaving?\n- [ ] Ask HR about SECRET-WALRUS\n",
    );
    bob(
        t,
        "2026-09-15",
        "tags: [growth]\nenergy: 4\nchallenge: 4\nskill: 4\n",
        "## Lift\n\n- Mentoring Priya on the rotation.\n\
         <details><summary>Private</summary>\n\nHIDDEN-OTTER compensation question\n\n</details>\n\n\
         - [>] Write the on-call runbook @bob (from 2026-08-18)\n- [x] Book the design review\n\n\
         ## Private\n\n- [x] Talk to HR about SECRET-BADGER\n",
    );
    bob(
        t,
        "2026-10-06",
        "tags: [growth, hiring]\nenergy: 2\nchallenge: 5\nskill: 3\n",
        "## Lift\n\n- Mentoring two new hires; the rotation is calmer.\n- Pasted \u{1b}[31mred\u{1b}[0m from a terminal\n\
         - [>] Write the on-call runbook @bob (from 2026-08-18)\n- [x] Send the promotion doc @me\n\n\
         ## Private\n\nMUTED-HERON\n",
    );
    bob(
        t,
        "2026-10-20",
        "tags: [Growth]\nenergy: 4\nchallenge: 3\nskill: 4\n",
        "## Lift\n\n- Mentoring is where the energy is.\n\
         - [ ] Write the on-call runbook @bob (from 2026-08-18)\n- [ ] Draft the hiring plan\n\n\
         ## Zone of genius\n\n| activity | skill | joy |\n| --- | --- | --- |\n\
         | code review | 4 | 5 |\n| incidents | 3 | 2 |\n| mentoring | 5 | 5 |\n",
    );
    bob(
        t,
        "2026-11-10",
        "tags: [later]\n",
        "## Lift\n\n- After the period.\n",
    );
}

#[test]
fn issue15_review_markdown_of_a_period() {
    let t = Test::new();
    bob_autumn(&t);
    let run = t
        .run(&[
            "--today",
            TODAY,
            "review",
            "bob",
            "--since",
            "2026-09-01",
            "--until",
            "2026-10-31",
        ])
        .ok();
    assert!(!run.stdout.contains('\u{1b}'));
    insta::assert_snapshot!("review_bob_autumn", run.stdout);
}

/// `--shared` in Markdown and in HTML: no private section, private
/// follow-up, private `<details>` block or check-in (the notebook does
/// not share them) anywhere, and the tags (the manager's) left out.
#[test]
fn issue15_review_shared_leaves_out_every_private_text() {
    let t = Test::new();
    bob_autumn(&t);
    let period = ["--since", "2026-09-01", "--until", "2026-10-31"];
    let mut markdown = vec!["--today", TODAY, "review", "bob", "--shared"];
    markdown.extend(period);
    let md = t.run(&markdown).ok().stdout;
    let mut html = markdown.clone();
    html.extend(["--html", "-"]);
    let page = t.run(&html).ok().stdout;
    for secret in SECRETS {
        assert!(
            !md.contains(secret),
            "{secret} in the shared markdown:\n{md}"
        );
        assert!(
            !page.contains(secret),
            "{secret} in the shared page:\n{page}"
        );
    }
    for output in [&md, &page] {
        assert!(!output.contains("Check-ins"), "{output}");
        assert!(!output.contains("oncall (1)"), "{output}");
    }
    // What is not private is all there.
    assert!(md.starts_with("# Bob: 1:1s from 2026-09-01 to 2026-10-31 (shared)\n"));
    assert!(
        md.contains(
            "### Completed, yours\n\n- Book the design review (2026-09-15)\n\
         - Send the promotion doc @me (2026-10-06)\n\n\
         ### Still open\n\n- Write the on-call runbook @bob (since 2026-08-18)\n\
         - Draft the hiring plan (since 2026-10-20)\n"
        ),
        "{md}"
    );
    assert!(
        md.contains(
            "### 2026-09-15\n\n- Mentoring Priya on the rotation.\n\n- [x] Book the design review\n"
        ),
        "{md}"
    );
    // Unshared, the same review holds them (the secrets are really there).
    let mut full = vec!["--today", TODAY, "review", "bob", "--html", "-"];
    full.extend(period);
    let page = t.run(&full).ok().stdout;
    for secret in ["HIDDEN-OTTER", "SECRET-WALRUS", "SECRET-BADGER"] {
        assert!(page.contains(secret), "{secret} missing unshared");
    }
}

/// The page for `--html`: one standalone document, well-formed (parsed
/// as XML: the page keeps to HTML5's XML-compatible syntax), nothing
/// fetched, note text escaped, both charts inline; never overwritten.
#[test]
fn issue15_review_html_is_standalone_and_never_overwrites() {
    let t = Test::new();
    bob_autumn(&t);
    let args = [
        "--today",
        TODAY,
        "review",
        "bob",
        "--since",
        "2026-09-01",
        "--until",
        "2026-10-31",
        "--html",
        "bob.html",
    ];
    t.run(&args)
        .ok()
        .stdout("")
        .stderr("oneonone: wrote bob.html\n");
    let page = t.read("bob.html");
    for banned in [
        "http",
        "<script",
        "<link",
        "src=",
        "url(",
        "@import",
        "@font-face",
    ] {
        assert!(!page.contains(banned), "{banned} in the page");
    }
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; pasted from chat"));
    // Control characters go through the one sanitizer, in both outputs.
    assert!(page.contains("\u{2022} Pasted \u{fffd}[31mred\u{fffd}[0m from a terminal\n"));
    assert!(!page.contains('\u{1b}'));
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(&page, options).unwrap();
    let root = doc.root_element();
    assert!(root.has_tag_name("html"));
    let h2: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("h2"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(
        h2,
        [
            "Meetings",
            "Themes",
            "What was said under Lift",
            "Follow-ups",
            "Check-ins",
            "Zone of genius"
        ]
    );
    let svgs: Vec<roxmltree::Node> = doc
        .descendants()
        .filter(|n| n.has_tag_name("svg"))
        .collect();
    assert_eq!(svgs.len(), 2, "the flow chart and the zone map");
    for node in doc.descendants() {
        assert!(
            !node.has_tag_name("script") && !node.has_tag_name("img") && !node.has_tag_name("link"),
            "{:?}",
            node.tag_name()
        );
        for attr in node.attributes() {
            assert!(
                !attr.name().contains("href") && attr.name() != "src",
                "{}",
                attr.name()
            );
        }
    }
    let said: Vec<&str> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("said"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(
        said[0],
        "\u{2022} Wants to lead the rotation redesign.\n\
         \u{2022} <script>alert(1)</script> pasted from chat\n\
         \u{2022} [x] Share the incident review @bob"
    );
    // Never overwritten, said as `trends --svg` says it.
    t.run(&args)
        .status(2)
        .stdout("")
        .stderr("oneonone: error: bob.html: already exists; oneonone never overwrites a file\n");
    assert_eq!(t.read("bob.html"), page);
    // `-`: the same page on standard output, no file written.
    let mut to_stdout = args;
    to_stdout[args.len() - 1] = "-";
    t.run(&to_stdout).ok().stdout(&page).stderr("");
}

/// A period that ends before it starts is a usage error.
#[test]
fn issue15_review_until_before_since_is_refused() {
    let t = Test::new();
    bob_autumn(&t);
    t.run(&["review", "bob", "--since", "2026-10-01", "--until", "2026-09-01"])
        .status(2)
        .stdout("")
        .stderr(
            "oneonone: error: the period ends (2026-09-01) before it starts (2026-10-01); give --until on or after --since\n",
        );
}

/// The page in headless Chromium: a screenshot whose pixels show both
/// charts (the flow chart's zones and energy line, the zone map's
/// cells), and a PDF printed from it.
#[test]
fn issue15_review_html_renders_in_chromium() {
    let Some(chromium) = chromium("issue15_review_html_renders_in_chromium") else {
        return;
    };
    let t = Test::new();
    bob_autumn(&t);
    t.run(&[
        "--today",
        TODAY,
        "review",
        "bob",
        "--since",
        "2026-09-01",
        "--until",
        "2026-10-31",
        "--html",
        "bob.html",
    ])
    .ok();
    let (width, height) = (1000, 4000);
    let shot = Shot::take(chromium, &t, "bob.html", (width, height));
    let count = |colour| shot.count(colour);
    // The flow chart: its anxiety and boredom cells, and the energy line.
    assert!(count((0xf6, 0xc1, 0xc1)) > 10_000, "anxiety cells");
    assert!(
        count((0xc4, 0xdc, 0xf5)) > 10_000,
        "boredom and excellence cells"
    );
    assert!(count((0xe0, 0x8a, 0x00)) > 200, "energy line");
    // The zone map: its competence cells, a colour only it uses.
    assert!(count((0xfb, 0xe7, 0xa8)) > 10_000, "competence cells");
    // Printed to PDF from the browser.
    let pdf = t.path("bob.pdf");
    let stderr = headless(
        chromium,
        &t,
        "bob.html",
        &format!("--print-to-pdf={}", pdf.display()),
        (width, height),
    );
    let printed = fs::read(&pdf).unwrap_or_else(|e| panic!("no PDF ({e}): {stderr}"));
    assert!(printed.starts_with(b"%PDF-") && printed.len() > 10_000);
}

/// The part of a Markdown review from `## {from}` up to the next `## `
/// heading (or the end).
fn section(md: &str, from: &str) -> String {
    let start = md
        .find(&format!("\n## {from}\n"))
        .unwrap_or_else(|| panic!("no {from} in:\n{md}"));
    let rest = &md[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |e| e + 4);
    rest[..end].to_string()
}

/// A period in the past: what was open at its end (carried on since,
/// so marked `[>]` in its notes) is still open, and carried as many
/// times as it had been by then.
#[test]
fn issue15_review_of_a_past_period_lists_what_was_open_at_its_end() {
    let t = Test::new();
    bob_autumn(&t);
    let md = t
        .run(&[
            "--today",
            TODAY,
            "review",
            "bob",
            "--since",
            "2026-09-01",
            "--until",
            "2026-10-10",
        ])
        .ok()
        .stdout;
    assert_eq!(
        section(&md, "Follow-ups"),
        "## Follow-ups\n\n\
         ### Completed, theirs\n\n- Share the incident review @bob (2026-09-01)\n\n\
         ### Completed, yours\n\n- Book the design review (2026-09-15)\n\
         - Talk to HR about SECRET-BADGER (2026-09-15)\n\
         - Send the promotion doc @me (2026-10-06)\n\n\
         ### Still open\n\n- Ask HR about SECRET-WALRUS (since 2026-09-01)\n\
         - Write the on-call runbook @bob (since 2026-08-18)\n\n\
         ### Carried 3 times or more\n\n\
         - Write the on-call runbook @bob (since 2026-08-18, carried 3 times)\n\n"
    );
}

/// Inline tags count where they were said: a follow-up's `#tag` carried
/// through later notes (`[>]`, then `[ ] ... (from DATE)`) counts once,
/// in the note it came up in.
#[test]
fn issue15_review_tags_are_not_counted_from_carried_copies() {
    let t = Test::new();
    bob(
        &t,
        "2026-09-01",
        "tags: [growth]\n",
        "## Lift\n\n- [>] Plan the #mentoring talk\n",
    );
    bob(
        &t,
        "2026-09-15",
        "",
        "## Lift\n\n- [>] Plan the #mentoring talk (from 2026-09-01)\n",
    );
    bob(
        &t,
        "2026-09-29",
        "",
        "## Lift\n\n- [ ] Plan the #mentoring talk (from 2026-09-01)\n\n\
         ## Listen\n\nMore #mentoring ideas.\n",
    );
    let md = t
        .run(&[
            "--today",
            TODAY,
            "review",
            "bob",
            "--since",
            "2026-09-01",
            "--until",
            "2026-09-30",
        ])
        .ok()
        .stdout;
    assert_eq!(
        section(&md, "Themes"),
        "## Themes\n\n- Tags: mentoring (2), growth (1)\n\
         - Words said in 3 meetings or more: none\n\n"
    );
}

/// A heading a person wrote in Lift (`### Private` under `## Lift`) is
/// demoted to bold text: it must not sit beside the date headings in the
/// review's outline. In HTML, a list item's `- ` is a bullet.
#[test]
fn issue15_review_lift_headings_are_demoted_and_list_markers_are_bullets() {
    let t = Test::new();
    bob(
        &t,
        "2026-09-01",
        "",
        "## Lift\n\n- What would help?\n  More pairing.\n\n### Private\n\nThinking about leaving.\n",
    );
    let args = [
        "--today",
        TODAY,
        "review",
        "bob",
        "--since",
        "2026-09-01",
        "--until",
        "2026-09-30",
    ];
    let md = t.run(&args).ok().stdout;
    assert_eq!(
        section(&md, "What was said under Lift"),
        "## What was said under Lift\n\n### 2026-09-01\n\n\
         - What would help?\n  More pairing.\n\n**Private**\n\nThinking about leaving.\n\n"
    );
    let mut html = args.to_vec();
    html.extend(["--html", "-"]);
    let page = t.run(&html).ok().stdout;
    assert!(
        page.contains(
            "<h3>2026-09-01</h3>\n<pre class=\"said\">\u{2022} What would help?\n  More pairing.\n\n\
             <strong>Private</strong>\n\nThinking about leaving.</pre>\n"
        ),
        "{page}"
    );
}

/// The words of the person's name, folder and aliases and of the
/// manager's name are who was there, not a theme.
#[test]
fn issue15_review_words_leave_out_the_names_of_who_was_there() {
    let t = Test::new();
    t.write("oneonone.yaml", "manager: Maria Lopez\n");
    t.write(
        "bob-stone/person.yaml",
        "name: Bob Stone\naliases: [bobby]\n",
    );
    for date in ["2026-09-01", "2026-09-15", "2026-09-29"] {
        t.write(
            &format!("bob-stone/{date}.md"),
            format!(
                "---\nperson: Bob Stone\ndate: {date}\n---\n## Lift\n\n\
                 Bob (Bobby to Maria) on the rotation; Stone and Lopez agree.\n"
            ),
        );
    }
    let md = t
        .run(&[
            "--today",
            TODAY,
            "review",
            "bob",
            "--since",
            "2026-09-01",
            "--until",
            "2026-09-30",
        ])
        .ok()
        .stdout;
    assert_eq!(
        section(&md, "Themes"),
        "## Themes\n\n- Tags: none\n\
         - Words said in 3 meetings or more: agree (3), rotation (3)\n\n"
    );
}

/// Each gap says its whole length, the days away in it, and how far it
/// went over the cadence; only gaps over the cadence are listed.
#[test]
fn issue15_review_lists_only_gaps_over_the_cadence() {
    let t = Test::new();
    t.write(
        "bob/person.yaml",
        "name: Bob\ncadence_days: 14\naway:\n  - {from: 2026-09-10, to: 2026-09-19}\n",
    );
    for date in ["2026-09-01", "2026-09-29", "2026-10-31", "2026-11-10"] {
        bob(&t, date, "", "## Lift\n\nFine.\n");
    }
    let review = |until: &str| {
        t.run(&[
            "--today",
            TODAY,
            "review",
            "bob",
            "--since",
            "2026-09-01",
            "--until",
            until,
        ])
        .ok()
        .stdout
    };
    assert_eq!(
        section(&review("2026-11-15"), "Meetings"),
        "## Meetings\n\n4 1:1s held, 4 expected (every 14 days, 10 days away not counted).\n\n\
         Gaps over the cadence:\n\n\
         - 2026-09-29 to 2026-10-31: 32 days: 18 over the cadence\n\
         - 2026-09-01 to 2026-09-29: 28 days, 10 of them away: 4 over the cadence\n\n"
    );
    assert_eq!(
        section(&review("2026-09-28"), "Meetings"),
        "## Meetings\n\n1 1:1 held, 1 expected (every 14 days, 10 days away not counted).\n\n\
         Gaps over the cadence: none.\n\n"
    );
}

/// A period with no zone-of-genius map says so, as one with no
/// check-in does, in Markdown and in HTML.
#[test]
fn issue15_review_without_a_zone_map_says_so() {
    let t = Test::new();
    bob(&t, "2026-09-01", "energy: 3\n", "## Lift\n\nFine.\n");
    let args = [
        "--today",
        TODAY,
        "review",
        "bob",
        "--since",
        "2026-09-01",
        "--until",
        "2026-09-30",
    ];
    let md = t.run(&args).ok().stdout;
    assert_eq!(
        section(&md, "Zone of genius"),
        "## Zone of genius\n\nNo zone-of-genius map in the period.\n"
    );
    let mut html = args.to_vec();
    html.extend(["--html", "-"]);
    let page = t.run(&html).ok().stdout;
    assert!(
        page.contains("<h2>Zone of genius</h2>\n<p>No zone-of-genius map in the period.</p>\n"),
        "{page}"
    );
}

/// The flow chart's "latest, DATE" label stays inside the chart's grid
/// (it crossed its right edge for a latest check-in in the right-hand
/// columns, its top edge in the top row).
#[test]
fn issue15_review_latest_label_stays_inside_the_flow_grid() {
    // (challenge, skill) of the latest check-in.
    for (challenge, skill) in [(3, 4), (5, 5), (5, 1), (1, 3)] {
        let t = Test::new();
        bob(
            &t,
            "2026-09-01",
            &format!("challenge: {challenge}\nskill: {skill}\n"),
            "## Lift\n\nFine.\n",
        );
        let page = t
            .run(&[
                "--today",
                TODAY,
                "review",
                "bob",
                "--since",
                "2026-09-01",
                "--until",
                "2026-09-30",
                "--html",
                "-",
            ])
            .ok()
            .stdout;
        let options = roxmltree::ParsingOptions {
            allow_dtd: true,
            ..roxmltree::ParsingOptions::default()
        };
        let doc = roxmltree::Document::parse_with_options(&page, options).unwrap();
        let label = doc
            .descendants()
            .find(|n| n.text() == Some("latest, 2026-09-01"))
            .unwrap();
        let at = |name: &str| label.attribute(name).unwrap().parse::<f64>().unwrap();
        let (x, y) = (at("x"), at("y"));
        // 18 characters of a 12px sans-serif font: at most 7px each; an
        // ascent of at most 10px above the baseline.
        let width = 18.0 * 7.0;
        let (left, right) = match label.attribute("text-anchor") {
            Some("end") => (x - width, x),
            _ => (x, x + width),
        };
        // The flow grid: 5 cells of 56px from (70, 80).
        assert!(
            left >= 70.0 && right <= 350.0 && y - 10.0 >= 80.0 && y <= 360.0,
            "challenge {challenge}, skill {skill}: label at {x},{y} ({left}..{right})"
        );
    }
}

/// A page is never written where it would be read as a note.
#[test]
fn issue15_review_html_never_goes_among_the_notes() {
    let t = Test::new();
    bob_autumn(&t);
    let before = t.files();
    for target in ["bob/review.html", "bob/2026-12-01.md", "review.md"] {
        t.run(&[
            "--today",
            TODAY,
            "review",
            "bob",
            "--since",
            "2026-09-01",
            "--html",
            target,
        ])
        .status(2)
        .stdout("")
        .stderr(format!(
            "oneonone: error: {target}: not a place for a review page\n  \
             hint: write it outside the notebook's person folders, and not as a .md file\n"
        ));
    }
    assert_eq!(t.files(), before);
}
