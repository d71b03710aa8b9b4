//! Private text never leaves the manager's view (issue 9, items 2 and 11):
//! `prep` never quotes it as "last time", `export --shared` leaves out
//! whatever renders as a private heading or a private `<details>` block,
//! refuses a note whose frontmatter it cannot delimit, and `new` carries a
//! follow-up from any such place into the new note's private section.

use crate::Test;

// ------------------------------------------------------------------ prep

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
        .ok();
    assert_eq!(run.stderr, "");
    run.stdout
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
         Last 1:1 2026-11-03 (2 days ago) · 1 note · every 14 days · next due 2026-11-17\n\n\
         Follow-ups you own (1)\n  alice/2026-11-03.md:27: Book the demo room · 2 days\n\n\
         Last time (2026-11-03): Continue\n  - What should stay?\n    Demo days.\n\n\
         Last time (2026-11-03): Follow-ups\n  - [ ] Book the demo room\n\n\
         Ask today\n\
         \x20 Start: Which decisions are you ready to start making without checking with me?\n\
         \x20 Stop: Is there a project we should stop or pause, and why?\n\
         \x20 Continue: What boundaries are working for you that you want to hold onto?\n"
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
         Last 1:1 2026-11-03 (2 days ago) · 1 note · every 14 days · next due 2026-11-17\n\n\
         Last time (2026-11-03): Clouds\n  - What is in the way?\n    Waiting on legal.\n\n\
         Ask today\n\
         \x20 Rainbows: What's going well outside of work that you'd like to share?\n\
         \x20 Clouds: Where do you feel stuck in your career right now?\n"
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
         Last 1:1 2026-11-03 (2 days ago) · 1 note · every 14 days · next due 2026-11-17\n\n\
         Follow-ups you own (1)\n  alice/2026-11-03.md:24: Send the doc · 2 days\n\n\
         Last time (2026-11-03): Lift\n  - What would help?\n    Intro to Priya.\n\n\
         Last time (2026-11-03): Follow-ups\n  - [ ] Send the doc\n\n\
         Ask today\n\
         \x20 Listen: What's something you wish I asked you about more often?\n\
         \x20 Learn: Where do you see yourself growing over the next year?\n\
         \x20 Lift: What would help you feel more confident going into this?\n"
    );
}

// -------------------------------------------------------- export --shared

/// A note with `middle` between two shared sections, exported shared.
fn shared_with(middle: &str) -> String {
    let t = Test::new();
    t.write(
        "bob/2026-11-24.md",
        format!(
            "---\nperson: Bob\ndate: 2026-11-24\nframework: listen-learn-lift\n---\n\
             # 1:1 with Bob\n\n## Listen\n\nShared words.\n\n{middle}\n\n## Lift\n\nMore shared.\n"
        ),
    );
    let run = t.run(&["export", "bob/2026-11-24.md", "--shared"]).ok();
    assert!(!run.stdout.contains("SECRET"), "{}", run.stdout);
    run.stdout
}

const HEAD: &str = "---\nperson: Bob\ndate: 2026-11-24\nframework: listen-learn-lift\n---\n\
                    # 1:1 with Bob\n\n## Listen\n\nShared words.\n\n";

#[test]
fn issue9_shared_copy_drops_details_whose_summary_is_bold() {
    assert_eq!(
        shared_with("<details>\n<summary><b>Private</b></summary>\n\nSECRET\n\n</details>"),
        format!("{HEAD}\n## Lift\n\nMore shared.\n")
    );
}

#[test]
fn issue9_shared_copy_drops_details_whose_summary_has_attributes() {
    assert_eq!(
        shared_with(
            "<details open>\n<summary class=\"note\" title='x'>🔒 Private notes</summary>\n\nSECRET\n\n</details>"
        ),
        format!("{HEAD}\n## Lift\n\nMore shared.\n")
    );
}

#[test]
fn issue9_shared_copy_drops_an_html_heading() {
    assert_eq!(
        shared_with("<h2>Private</h2>\n\nSECRET\n\n### Details\n\nSECRET too"),
        format!("{HEAD}## Lift\n\nMore shared.\n")
    );
}

#[test]
fn issue9_shared_copy_drops_a_fullwidth_heading() {
    assert_eq!(
        shared_with("## \u{ff30}rivate\n\nSECRET"),
        format!("{HEAD}## Lift\n\nMore shared.\n")
    );
}

#[test]
fn issue9_shared_copy_drops_a_cyrillic_look_alike_heading() {
    assert_eq!(
        shared_with("## \u{0420}rivate\n\nSECRET"),
        format!("{HEAD}## Lift\n\nMore shared.\n")
    );
}

#[test]
fn issue9_shared_copy_folds_the_configured_private_heading_too() {
    let t = Test::new();
    // The setting written with a Cyrillic М, the headings with a
    // fullwidth M and a Cyrillic О.
    t.write("oneonone.yaml", "private_section: \u{041c}anager only\n");
    t.write(
        "bob/2026-11-24.md",
        "# 1:1 with Bob\n\n## Listen\n\nShared.\n\n## Manager only\n\nSECRET-A\n\n\
         ## Lift\n\nMore shared.\n\n## \u{ff2d}anager \u{041e}nly\n\nSECRET-B\n",
    );
    let run = t.run(&["export", "bob/2026-11-24.md", "--shared"]).ok();
    assert_eq!(
        run.stdout,
        "# 1:1 with Bob\n\n## Listen\n\nShared.\n\n## Lift\n\nMore shared.\n"
    );
}

#[test]
fn issue9_shared_copy_refuses_a_frontmatter_with_no_closing_fence() {
    let t = Test::new();
    t.write(
        "bob/2026-11-24.md",
        "---\nperson: Bob\ndate: 2026-11-24\nmanager_notes: SECRET on a PIP\n\n# 1:1 with Bob\n\nShared.\n",
    );
    let run = t
        .run(&["export", "bob/2026-11-24.md", "--shared"])
        .status(2);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "oneonone: error: bob/2026-11-24.md: it opens with `---` but oneonone cannot tell where its frontmatter ends; \
         fix the frontmatter (or remove the `---` lines)\n"
    );
}

#[test]
fn issue9_shared_copy_refuses_a_toml_frontmatter() {
    let t = Test::new();
    t.write(
        "bob/2026-11-24.md",
        "+++\nperson = \"Bob\"\nmanager_notes = \"SECRET on a PIP\"\n+++\n# 1:1 with Bob\n\nShared.\n",
    );
    let run = t
        .run(&["export", "bob/2026-11-24.md", "--shared"])
        .status(2);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "oneonone: error: bob/2026-11-24.md: it opens with `+++`, a TOML frontmatter oneonone does not read, \
         so it cannot tell what to leave out; write the frontmatter as YAML between `---` lines\n"
    );
}

// ----------------------------------------------------------------- carry

#[test]
fn issue9_new_carries_follow_ups_from_private_html_into_the_private_section() {
    let t = Test::new();
    t.write(
        "bob/2026-11-24.md",
        "---\nperson: Bob\ndate: 2026-11-24\n---\n# 1:1 with Bob\n\n## Listen\n\n\
         <details>\n<summary class=\"x\"><b>Private</b></summary>\n\n- [ ] SECRET-A ask HR about the timeline\n\n</details>\n\n\
         - [ ] Plan the offsite\n\n  <details><summary>Private</summary>\n\n  - [ ] SECRET-B check the budget\n  </details>\n\n\
         ## Follow-ups\n\n- [ ] Send the doc\n\n\
         <h3>Private</h3>\n\n- [ ] SECRET-C talk to legal\n",
    );
    t.run(&["new", "bob", "--date", "2026-12-08", "--seed", "1"])
        .ok();
    let next = t.read("bob/2026-12-08.md");
    assert!(
        next.contains(
            "## Follow-ups\n\n- [ ] Send the doc (from 2026-11-24)\n- [ ] \n\n## Private\n"
        ),
        "{next}"
    );
    assert!(
        next.ends_with(
            "leaves this section out._\n\n\
             - [ ] SECRET-A ask HR about the timeline (from 2026-11-24)\n\
             - [ ] Plan the offsite (from 2026-11-24)\n\n  <details><summary>Private</summary>\n\n  - [ ] SECRET-B check the budget\n  </details>\n\
             - [ ] SECRET-C talk to legal (from 2026-11-24)\n"
        ),
        "{next}"
    );
    let shared = t.run(&["export", "bob", "--shared"]).ok().stdout;
    assert!(!shared.contains("SECRET"), "{shared}");
    assert!(
        shared.contains("- [ ] Send the doc (from 2026-11-24)\n"),
        "{shared}"
    );
}
