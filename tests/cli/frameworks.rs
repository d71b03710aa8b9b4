//! End-to-end tests of `oneonone frameworks`: listed, and chosen for a note.

use crate::Test;

#[test]
fn frameworks_are_listed_and_chosen() {
    let t = Test::new();
    let run = t.run(&["frameworks", "--color", "never"]).ok();
    let names: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| !l.starts_with(' ') && !l.is_empty())
        .collect();
    assert_eq!(
        names,
        [
            "listen-learn-lift (default)  Listen, Learn, Lift",
            "start-stop-continue  Start, Stop, Continue",
            "rainbows-and-clouds  Rainbows and Clouds",
            "zone-of-genius  Zone of genius"
        ]
    );
    assert!(
        run.stdout
            .contains("\n  sections: Start · Stop · Continue\n"),
        "{}",
        run.stdout
    );
    t.run(&[
        "new",
        "bob",
        "--framework",
        "start-stop-continue",
        "--date",
        "2026-11-24",
    ])
    .ok();
    let text = t.read("bob/2026-11-24.md");
    let headings: Vec<&str> = text.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        headings,
        [
            "## Agenda",
            "## Start",
            "## Stop",
            "## Continue",
            "## Follow-ups",
            "## Private"
        ]
    );
    assert!(text.contains("\nframework: start-stop-continue\n"));

    t.write("oneonone.yaml", "framework: rainbows-and-clouds\n");
    t.run(&["new", "bob", "--date", "2026-11-25"]).ok();
    let headings: Vec<String> = t
        .read("bob/2026-11-25.md")
        .lines()
        .filter(|l| l.starts_with("## "))
        .map(String::from)
        .collect();
    assert_eq!(
        headings,
        [
            "## Agenda",
            "## Rainbows",
            "## Clouds",
            "## Follow-ups",
            "## Private"
        ]
    );

    t.run(&["new", "bob", "--framework", "swot"]).status(2).stderr("oneonone: error: unknown framework \"swot\"\n  hint: known frameworks: listen-learn-lift, start-stop-continue,\n    rainbows-and-clouds, zone-of-genius\n");

    // A notebook's own framework, from its question bank.
    t.write(
        "question-bank/mine.yaml",
        "frameworks:\n  - name: quick\n    title: Quick\n    sections:\n      - heading: Wins\n        pool: rainbows\n",
    );
    t.run(&["new", "bob", "--framework", "quick", "--date", "2026-11-26"])
        .ok();
    assert!(t.read("bob/2026-11-26.md").contains("\n## Wins\n"));
    t.write(
        "question-bank/broken.yaml",
        "frameworks:\n  - name: x\n    sectons: []\n",
    );
    t.run(&["frameworks"]).status(2).stderr("oneonone: error: question-bank/broken.yaml:3:5: frameworks[0]: unknown field `sectons`, expected one of `name`, `title`, `description`, `sections`\n");
}
