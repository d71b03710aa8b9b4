//! The meeting lifecycle: agenda before, carry-over after, done, people,
//! prep, frameworks and the editor.

use std::fs;

use serde::Deserialize;

use crate::{Item, Test, followups_json};

/// Writes a note with frontmatter and the given body.
fn note(t: &Test, rel: &str, person: &str, date: &str, body: &str) {
    t.write(
        rel,
        format!("---\nperson: {person}\ndate: {date}\ntags: []\n---\n{body}"),
    );
}

fn count_open(t: &Test) -> usize {
    followups_json(t, &[]).len()
}

// ------------------------------------------------------------- agenda

#[test]
fn agenda_adds_lists_and_is_moved_into_the_next_note_once() {
    let t = Test::new();
    let run = t
        .run(&["agenda", "Alice Smith", "Ask", "about", "the", "offsite"])
        .ok();
    assert_eq!(run.stdout, "alice-smith/agenda.md:6\n");
    assert_eq!(
        run.stderr,
        "oneonone: added to Alice Smith's agenda (1 open)\n"
    );
    t.run(&["agenda", "alice", "Hiring **plan**"]).ok();
    assert_eq!(
        t.read("alice-smith/agenda.md"),
        "# Agenda: Alice Smith\n\n\
         Talking points for the next 1:1, from either side. `oneonone new` moves the open\n\
         ones into the meeting's note.\n\n\
         - [ ] Ask about the offsite\n\
         - [ ] Hiring **plan**\n"
    );
    // A name with no note yet is kept in person.yaml.
    assert!(
        t.read("alice-smith/person.yaml")
            .contains("\nname: \"Alice Smith\"\n")
    );
    let run = t.run(&["agenda", "alice", "--color", "never"]).ok();
    assert_eq!(
        run.stdout,
        "alice-smith/agenda.md:6: Ask about the offsite\nalice-smith/agenda.md:7: Hiring **plan**\n"
    );

    // Agenda points are not follow-ups, but followups says they wait.
    let run = t.run(&["followups", "--json"]).ok();
    assert_eq!(run.stdout, "[]\n");
    assert_eq!(
        run.stderr,
        "oneonone: 2 talking points are waiting in agenda.md; `oneonone followups --agenda` lists them too\n"
    );
    assert_eq!(followups_json(&t, &["--agenda"]).len(), 2);

    let run = t
        .run(&["new", "alice", "--date", "2026-11-24", "--seed", "1"])
        .ok();
    assert_eq!(
        run.stderr,
        "oneonone: created the 2026-11-24 note for Alice Smith (Listen, Learn, Lift); 2 agenda points\n"
    );
    let text = t.read("alice-smith/2026-11-24.md");
    assert!(
        text.contains("\n## Agenda\n\n- Ask about the offsite\n- Hiring **plan**\n\n## Listen\n"),
        "{text}"
    );
    assert!(text.starts_with("---\nperson: Alice Smith\n"));
    assert!(
        t.read("alice-smith/agenda.md")
            .ends_with("ones into the meeting's note.\n\n")
    );
    // Moved exactly once: a second note the same day gets none of them.
    t.run(&["new", "alice", "--date", "2026-11-24", "--seed", "1"])
        .ok();
    assert!(
        t.read("alice-smith/2026-11-24-2.md")
            .contains("\n## Agenda\n\n- \n\n## Listen\n")
    );
    assert_eq!(count_open(&t), 0);
}

#[test]
fn agenda_keeps_the_files_own_lines_and_line_endings() {
    let t = Test::new();
    t.write(
        "bob/agenda.md",
        "# Bob\r\n\r\n- [x] old point\r\n- [ ] shared from git\r\n  with a second line",
    );
    t.run(&["agenda", "bob", "new point"]).ok();
    assert_eq!(
        t.read("bob/agenda.md"),
        "# Bob\r\n\r\n- [x] old point\r\n- [ ] shared from git\r\n  with a second line\r\n- [ ] new point\r\n"
    );
    t.run(&["new", "bob", "--date", "2026-11-24"]).ok();
    assert_eq!(t.read("bob/agenda.md"), "# Bob\r\n\r\n- [x] old point\r\n");
    let text = t.read("bob/2026-11-24.md");
    assert!(
        text.contains(
            "## Agenda\n\n- shared from git\n  with a second line\n- new point\n\n## Listen"
        ),
        "{text}"
    );
}

// ---------------------------------------------------------- carry-over

#[test]
fn carry_over_through_three_meetings_keeps_the_first_date_and_the_count() {
    let t = Test::new();
    t.run(&["new", "Bob", "--date", "2026-11-03", "--seed", "1"])
        .ok();
    let first = t.read("bob/2026-11-03.md").replace(
        "## Follow-ups\n\n- [ ] \n",
        "## Follow-ups\n\n- [ ] Send the doc 📅 2026-11-20\n- [x] Book a room\n- [ ] Ask Priya @bob\n- [ ] \n",
    );
    t.write("bob/2026-11-03.md", &first);
    assert_eq!(count_open(&t), 2);

    let run = t
        .run(&["new", "bob", "--date", "2026-11-10", "--seed", "2"])
        .ok();
    assert!(
        run.stderr.ends_with("; 2 follow-ups carried over\n"),
        "{}",
        run.stderr
    );
    assert_eq!(count_open(&t), 2);
    assert_eq!(
        t.read("bob/2026-11-03.md"),
        first
            .replace("- [ ] Send the doc", "- [>] Send the doc")
            .replace("- [ ] Ask Priya", "- [>] Ask Priya")
    );
    assert!(t.read("bob/2026-11-10.md").contains(
        "## Follow-ups\n\n- [ ] Send the doc (from 2026-11-03) 📅 2026-11-20\n- [ ] Ask Priya @bob (from 2026-11-03)\n- [ ] \n\n## Private"
    ));

    t.run(&["new", "bob", "--date", "2026-11-17", "--seed", "3"])
        .ok();
    assert_eq!(count_open(&t), 2);
    assert!(t.read("bob/2026-11-17.md").contains(
        "## Follow-ups\n\n- [ ] Send the doc (from 2026-11-03) 📅 2026-11-20\n- [ ] Ask Priya @bob (from 2026-11-03)\n- [ ] \n\n## Private"
    ));
    let items = followups_json(&t, &[]);
    let paths: Vec<&str> = items.iter().map(|i| i.path.as_str()).collect();
    assert_eq!(paths, ["bob/2026-11-17.md", "bob/2026-11-17.md"]);
    assert!(
        t.read("bob/2026-11-10.md")
            .contains("- [>] Send the doc (from 2026-11-03) 📅 2026-11-20\n")
    );

    // --no-carry leaves them where they are.
    t.run(&["new", "bob", "--date", "2026-11-24", "--no-carry"])
        .ok();
    assert!(
        t.read("bob/2026-11-24.md")
            .contains("## Follow-ups\n\n- [ ] \n\n## Private\n")
    );
    assert_eq!(followups_json(&t, &[])[0].path, "bob/2026-11-17.md");
}

#[test]
fn a_note_dated_earlier_does_not_take_later_follow_ups() {
    let t = Test::new();
    note(
        &t,
        "bob/2026-11-20.md",
        "Bob",
        "2026-11-20",
        "- [ ] later item\n",
    );
    t.run(&["new", "bob", "--date", "2026-11-10"]).ok();
    assert!(
        t.read("bob/2026-11-10.md")
            .contains("## Follow-ups\n\n- [ ] \n\n## Private\n")
    );
    assert_eq!(
        t.read("bob/2026-11-20.md")
            .matches("- [ ] later item")
            .count(),
        1
    );
}

/// Runs oneonone with a file size limit, so that writing a file larger
/// than `kib` KiB fails as on a full disk.
fn run_with_size_limit(t: &Test, kib: u32, args: &str) -> crate::Run {
    // bash counts `ulimit -f` in KiB; an ignored SIGXFSZ turns the signal
    // into an EFBIG error for the write.
    let script = format!("trap '' XFSZ; ulimit -f {kib}; exec \"$0\" {args}");
    t.run_in_bash(&script)
}

/// Every file of the notebook and its bytes.
fn snapshot(t: &Test) -> Vec<(String, Vec<u8>)> {
    t.files()
        .into_iter()
        .map(|f| {
            let bytes = fs::read(t.path(&f)).unwrap();
            (f, bytes)
        })
        .collect()
}

#[test]
fn a_failed_new_changes_nothing_anywhere() {
    let t = Test::new();
    t.run(&["agenda", "bob", "a point"]).ok();
    // A big old note, so that rewriting it fails under the size limit
    // while the new note (small) could be written.
    let filler = "Some long notes from that meeting.\n".repeat(400);
    note(
        &t,
        "bob/2026-11-03.md",
        "Bob",
        "2026-11-03",
        &format!("{filler}- [ ] carry me\n"),
    );
    let before = snapshot(&t);

    // The new note is written first, then agenda.md, then the old note:
    // the old note fails, and everything before it is undone.
    let run = run_with_size_limit(&t, 8, "new bob --date 2026-11-10").status(2);
    assert!(
        run.stderr.contains("bob/2026-11-03.md: cannot write: "),
        "{}",
        run.stderr
    );
    assert_eq!(snapshot(&t), before);

    // A new note too big for the limit (every question of the bank): it is
    // the first write, and nothing else is touched.
    t.write("oneonone.yaml", "questions_per_section: 100\n");
    let before = snapshot(&t);
    let run = run_with_size_limit(&t, 2, "new bob --date 2026-11-10").status(2);
    assert_eq!(
        run.stderr,
        "oneonone: error: bob/2026-11-10.md: cannot create: File too large (os error 27)\n"
    );
    assert_eq!(snapshot(&t), before);
    fs::remove_file(t.path("oneonone.yaml")).unwrap();

    // And with room, it all goes through.
    t.run(&["new", "bob", "--date", "2026-11-10"]).ok();
    assert_eq!(count_open(&t), 1);
    assert!(t.read("bob/2026-11-10.md").contains("\n- a point\n"));
}

// ------------------------------------------------------------------ done

#[test]
fn done_changes_exactly_one_byte_even_with_crlf_and_bom() {
    let t = Test::new();
    let original =
        "\u{feff}---\r\nperson: Bob\r\ndate: 2026-11-03\r\n---\r\n- [ ] one\r\n- [ ] two\r\n";
    t.write("bob/2026-11-03.md", original);
    let run = t.run(&["done", "bob/2026-11-03.md:5"]).ok();
    assert_eq!(run.stderr, "oneonone: done: bob/2026-11-03.md:5: one\n");
    let after = fs::read(t.path("bob/2026-11-03.md")).unwrap();
    let differing: Vec<usize> = original
        .bytes()
        .zip(&after)
        .enumerate()
        .filter(|(_, (a, b))| a != *b)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(after.len(), original.len());
    assert_eq!(differing.len(), 1);
    assert_eq!(after[differing[0]], b'x');
    assert_eq!(
        followups_json(&t, &[])
            .iter()
            .map(|i| i.text.as_str())
            .collect::<Vec<_>>(),
        ["two"]
    );

    // --reopen puts it back, byte for byte.
    t.run(&["done", "--reopen", "bob/2026-11-03.md:5"]).ok();
    assert_eq!(t.read("bob/2026-11-03.md"), original);
}

#[test]
fn done_refuses_stale_and_outside_references() {
    let t = Test::new();
    note(
        &t,
        "bob/2026-11-03.md",
        "Bob",
        "2026-11-03",
        "- [ ] one\n- [x] two\n",
    );
    let before = t.read("bob/2026-11-03.md");
    let run = t.run(&["done", "bob/2026-11-03.md:7"]).status(2);
    assert_eq!(
        run.stderr,
        "oneonone: error: bob/2026-11-03.md:7: no open follow-up on this line (the note may have changed since it was listed); run `oneonone followups` again\n"
    );
    let run = t
        .run(&["done", "bob/2026-11-03.md:6", "bob/2026-11-03.md:1"])
        .status(2);
    assert!(
        run.stderr
            .contains("bob/2026-11-03.md:1: no open follow-up"),
        "{}",
        run.stderr
    );
    assert_eq!(t.read("bob/2026-11-03.md"), before, "all or nothing");

    let outside = tempfile::NamedTempFile::new().unwrap();
    fs::write(outside.path(), "- [ ] not in the notebook\n").unwrap();
    let reference = format!("{}:1", outside.path().display());
    let run = t.run(&["done", &reference]).status(2);
    assert_eq!(
        run.stderr,
        format!(
            "oneonone: error: {reference}: not a note in the notebook; oneonone only edits the notes it lists\n"
        )
    );
    let run = t.run(&["done", "bob/2026-11-03.md"]).status(2);
    assert!(
        run.stderr.contains("not a `path:line` reference"),
        "{}",
        run.stderr
    );
}

#[test]
fn done_by_text_needs_exactly_one_match() {
    let t = Test::new();
    note(
        &t,
        "alice/2026-11-03.md",
        "Alice",
        "2026-11-03",
        "- [ ] Send the promo doc\n- [ ] Send the budget\n",
    );
    note(
        &t,
        "bob/2026-11-03.md",
        "Bob",
        "2026-11-03",
        "- [ ] Send the promo doc to Bob\n",
    );
    let run = t.run(&["done", "--match", "promo"]).status(2);
    assert_eq!(
        run.stderr,
        "oneonone: error: 2 open follow-ups match \"promo\"; give more of the text, --person, or a path:line:\n  \
         alice/2026-11-03.md:6: Send the promo doc\n  bob/2026-11-03.md:6: Send the promo doc to Bob\n"
    );
    let run = t.run(&["done", "--match", "PROMO", "--person", "bob"]).ok();
    assert_eq!(
        run.stderr,
        "oneonone: done: bob/2026-11-03.md:6: Send the promo doc to Bob\n"
    );
    let run = t.run(&["done", "-m", "nothing like it"]).status(2);
    assert_eq!(
        run.stderr,
        "oneonone: error: no open follow-up matches \"nothing like it\"\n"
    );
    let left: Vec<String> = followups_json(&t, &[])
        .into_iter()
        .map(|i| i.text)
        .collect();
    assert_eq!(left, ["Send the promo doc", "Send the budget"]);
}

// ----------------------------------------------------- owners and dates

#[test]
fn owners_due_dates_and_their_filters() {
    let t = Test::new();
    note(
        &t,
        "alice/2026-11-03.md",
        "Alice",
        "2026-11-03",
        "- [ ] Mine, no date\n- [ ] @me mine overdue 📅 2026-11-20\n- [ ] Hers @alice due:2026-12-01\n- [ ] Hers overdue @alice due:2026-11-01\n",
    );
    let all = followups_json(&t, &["--person", "alice"]);
    let owners: Vec<(&str, Option<&str>)> = all
        .iter()
        .map(|i| (i.owner.as_str(), i.due.as_deref()))
        .collect();
    assert_eq!(
        owners,
        [
            ("me", None),
            ("me", Some("2026-11-20")),
            ("alice", Some("2026-12-01")),
            ("alice", Some("2026-11-01"))
        ]
    );
    let texts = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["--today", "2026-11-27", "followups", "--json"];
        all.extend_from_slice(args);
        let run = t.run(&all).ok();
        serde_json::from_str::<Vec<Item>>(&run.stdout)
            .unwrap()
            .into_iter()
            .map(|i| i.text)
            .collect()
    };
    assert_eq!(
        texts(&["--mine"]),
        ["Mine, no date", "@me mine overdue 📅 2026-11-20"]
    );
    assert_eq!(
        texts(&["--theirs"]),
        [
            "Hers @alice due:2026-12-01",
            "Hers overdue @alice due:2026-11-01"
        ]
    );
    assert_eq!(
        texts(&["--overdue"]),
        [
            "@me mine overdue 📅 2026-11-20",
            "Hers overdue @alice due:2026-11-01"
        ]
    );
    assert_eq!(
        texts(&["--overdue", "--theirs"]),
        ["Hers overdue @alice due:2026-11-01"]
    );

    // Overdue first, most overdue first, in the grouped view.
    let run = t
        .run(&["--today", "2026-11-27", "followups", "--color", "never"])
        .ok();
    assert_eq!(
        run.stdout,
        "Alice (4 open)\n  \
         alice/2026-11-03.md:9: Hers overdue @alice due:2026-11-01 · overdue 26 days · 24 days\n  \
         alice/2026-11-03.md:7: @me mine overdue 📅 2026-11-20 · overdue 7 days · 24 days\n  \
         alice/2026-11-03.md:6: Mine, no date · 24 days\n  \
         alice/2026-11-03.md:8: Hers @alice due:2026-12-01 · due 2026-12-01 · 24 days\n"
    );
}

// -------------------------------------------------------- people, prep

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct PersonRow {
    slug: String,
    name: String,
    role: Option<String>,
    last: Option<String>,
    days_since: Option<i64>,
    meetings: usize,
    open_mine: usize,
    open_theirs: usize,
    agenda: usize,
    cadence_days: u32,
    next_due: Option<String>,
    overdue: bool,
}

#[test]
fn people_lists_cadence_and_follow_ups() {
    let t = Test::new();
    t.write("oneonone.yaml", "cadence_days: 7\n");
    note(
        &t,
        "alice/2026-11-03.md",
        "Alice Smith",
        "2026-11-03",
        "- [ ] mine\n",
    );
    note(
        &t,
        "alice/2026-11-17.md",
        "Alice Smith",
        "2026-11-17",
        "- [ ] hers @alice\n- [ ] mine too\n",
    );
    t.write(
        "alice/person.yaml",
        "role: Staff Engineer\ncadence_days: 14\n",
    );
    note(
        &t,
        "bob/2026-11-10.md",
        "Bob",
        "2026-11-10",
        "nothing open\n",
    );
    t.run(&["agenda", "Carol", "First chat"]).ok();
    let run = t.run(&["--today", "2026-11-27", "people", "--json"]).ok();
    let rows: Vec<PersonRow> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        rows,
        [
            PersonRow {
                slug: "alice".into(),
                name: "Alice Smith".into(),
                role: Some("Staff Engineer".into()),
                last: Some("2026-11-17".into()),
                days_since: Some(10),
                meetings: 2,
                open_mine: 2,
                open_theirs: 1,
                agenda: 0,
                cadence_days: 14,
                next_due: Some("2026-12-01".into()),
                overdue: false,
            },
            PersonRow {
                slug: "bob".into(),
                name: "Bob".into(),
                role: None,
                last: Some("2026-11-10".into()),
                days_since: Some(17),
                meetings: 1,
                open_mine: 0,
                open_theirs: 0,
                agenda: 0,
                cadence_days: 7,
                next_due: Some("2026-11-17".into()),
                overdue: true,
            },
            PersonRow {
                slug: "carol".into(),
                name: "Carol".into(),
                role: None,
                last: None,
                days_since: None,
                meetings: 0,
                open_mine: 0,
                open_theirs: 0,
                agenda: 1,
                cadence_days: 7,
                next_due: None,
                overdue: false,
            },
        ]
    );
    let run = t
        .run(&["--today", "2026-11-27", "people", "--color", "never"])
        .ok();
    assert_eq!(
        run.stdout,
        "PERSON       ROLE            LAST 1:1    AGO  1:1S  MINE/THEIRS  AGENDA  NEXT 1:1\n\
         Alice Smith  Staff Engineer  2026-11-17  10d  2     2/1          0       2026-12-01\n\
         Bob                          2026-11-10  17d  1     0/0          0       2026-11-17 overdue 10 days\n\
         Carol                        -           -    0     0/0          1       first 1:1 to hold\n"
    );
}

#[test]
fn prep_brief_snapshot() {
    let t = Test::new();
    t.write("alice/person.yaml", "role: Staff Engineer\n");
    note(
        &t,
        "alice/2026-11-03.md",
        "Alice Smith",
        "2026-11-03",
        "## Lift\n\n- What's one way I can support you this week?\n  Intro to Priya.\n\n## Follow-ups\n\n- [ ] Book the offsite 📅 2026-11-20\n",
    );
    t.write(
        "alice/2026-11-17.md",
        "---\nperson: Alice Smith\ndate: 2026-11-17\ntags: [growth, hiring]\n---\n\
         ## Listen\n\n- What's on your mind this week?\n  The reorg.\n\n\
         ## Lift\n\n_End with action._\n\n- Is there anything I can take off your plate?\n  The hiring loop.\n\n\
         ## Follow-ups\n\n- [x] Send the promo doc\n- [ ] Draft the growth plan @alice\n- [ ] \n",
    );
    fs::write(
        t.path("alice/2026-11-03.md"),
        t.read("alice/2026-11-03.md")
            .replace("tags: []", "tags: [growth]"),
    )
    .unwrap();
    t.run(&["agenda", "alice", "Ask about the reorg"]).ok();
    let run = t
        .run(&[
            "--today",
            "2026-11-27",
            "prep",
            "alice",
            "--seed",
            "4",
            "--color",
            "never",
        ])
        .ok();
    insta::assert_snapshot!("prep_alice", run.stdout);
    // Questions asked in recent notes are not suggested again.
    assert!(!run.stdout.contains("What's on your mind this week?\n"));
}

// ------------------------------------------------------------ frameworks

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
            "rainbows-and-clouds  Rainbows and Clouds"
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

    let run = t.run(&["new", "bob", "--framework", "swot"]).status(2);
    assert_eq!(
        run.stderr,
        "oneonone: error: unknown framework \"swot\"; known frameworks: listen-learn-lift, start-stop-continue, rainbows-and-clouds\n"
    );

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
    let run = t.run(&["frameworks"]).status(2);
    assert_eq!(
        run.stderr,
        "oneonone: error: question-bank/broken.yaml:3:5: frameworks[0]: unknown field `sectons`, expected one of `name`, `title`, `description`, `sections`\n"
    );
}

#[test]
fn new_skips_questions_asked_in_the_last_six_notes() {
    let t = Test::new();
    t.write("oneonone.yaml", "questions_per_section: 2\n");
    let all = t
        .run(&[
            "questions",
            "--all",
            "--section",
            "listen",
            "--color",
            "never",
        ])
        .ok()
        .stdout;
    let listen: Vec<&str> = all
        .lines()
        .skip(1)
        .map(|l| l.trim().split("  [").next().unwrap())
        .collect();
    // Six notes that asked every listen question but the 4th and the 9th.
    let asked: String = listen
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != 3 && *i != 8)
        .map(|(_, q)| ["- ", q, "\n"].concat())
        .collect();
    for day in 1..=6 {
        note(
            &t,
            &format!("bob/2026-11-0{day}.md"),
            "Bob",
            &format!("2026-11-0{day}"),
            &asked,
        );
    }
    for seed in ["1", "2", "3"] {
        t.run(&["new", "bob", "--date", "2026-11-20", "--seed", seed])
            .ok();
        let text = t.read("bob/2026-11-20.md");
        let listen_section = text
            .split("## Listen")
            .nth(1)
            .unwrap()
            .split("## Learn")
            .next()
            .unwrap();
        let picked: Vec<&str> = listen_section
            .lines()
            .filter_map(|l| l.strip_prefix("- "))
            .collect();
        assert_eq!(picked, [listen[3], listen[8]], "seed {seed}");
        fs::remove_file(t.path("bob/2026-11-20.md")).unwrap();
    }
}

// --------------------------------------------------------------- editor

/// A fake editor that records its arguments, one per line.
fn fake_editor(t: &Test) -> String {
    let script = t.path("fake-editor.sh");
    fs::write(&script, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > \"$(dirname \"$0\")/editor-args\"\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).unwrap();
    }
    format!("'{}'", script.display())
}

#[cfg(unix)]
#[test]
fn open_and_new_edit_run_the_editor_at_the_first_section() {
    let t = Test::new();
    let editor = fake_editor(&t);
    let run = Test::run_cmd(t.cmd().env("EDITOR", "vi").args(["open", "bob"])).status(2);
    assert_eq!(
        run.stderr,
        "oneonone: error: no person matches \"bob\"; people in this notebook: none yet\n"
    );
    t.run(&["agenda", "bob", "x"]).ok();
    let run = Test::run_cmd(t.cmd().env("EDITOR", "vi").args(["open", "bob"])).status(2);
    assert_eq!(
        run.stderr,
        "oneonone: error: bob has no notes yet; start one with `oneonone new bob`\n"
    );

    // --edit: $VISUAL wins over $EDITOR; arguments in it are kept.
    Test::run_cmd(
        t.cmd()
            .env("VISUAL", format!("{editor} --wait"))
            .env("EDITOR", "false")
            .args(["new", "bob", "--date", "2026-11-24", "--edit"]),
    )
    .ok();
    assert_eq!(
        t.read("editor-args"),
        format!("--wait\n{}\n", t.path("bob/2026-11-24.md").display())
    );

    // An editor known to take +N gets the line of the first section.
    let vim = t.path("bin/vim");
    fs::create_dir_all(vim.parent().unwrap()).unwrap();
    fs::copy(t.path("fake-editor.sh"), &vim).unwrap();
    let run = Test::run_cmd(
        t.cmd()
            .env("EDITOR", vim.display().to_string())
            .args(["open", "bob"]),
    )
    .ok();
    assert_eq!(run.stdout, "");
    let line = t
        .read("bob/2026-11-24.md")
        .lines()
        .position(|l| l == "## Agenda")
        .unwrap()
        + 1;
    assert_eq!(
        fs::read_to_string(t.path("bin/editor-args")).unwrap(),
        format!("+{line}\n{}\n", t.path("bob/2026-11-24.md").display())
    );

    let run = t.run(&["open", "bob", "--print"]).ok();
    assert_eq!(run.stdout, "bob/2026-11-24.md\n");

    let run = Test::run_cmd(t.cmd().env("EDITOR", "false").args(["open", "bob"])).status(2);
    assert_eq!(
        run.stderr,
        "oneonone: error: editor `false`: it exited with exit status: 1\n"
    );
}

// ------------------------------------------------ found in review, kept fixed

#[cfg(unix)]
#[test]
fn the_editor_runs_without_the_notebook_lock() {
    let t = Test::new();
    // An editor that runs oneonone itself: with the lock still held by
    // `new --edit`, this would wait forever (here: time out).
    let script = t.path("edit-and-add.sh");
    fs::write(
        &script,
        format!(
            "#!/bin/sh\ntimeout 10 '{}' agenda bob 'added from the editor'\n",
            env!("CARGO_BIN_EXE_oneonone")
        ),
    )
    .unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).unwrap();
    }
    Test::run_cmd(t.cmd().env("EDITOR", script.display().to_string()).args([
        "new",
        "bob",
        "--date",
        "2026-11-24",
        "--edit",
    ]))
    .ok();
    assert!(
        t.read("bob/agenda.md")
            .ends_with("- [ ] added from the editor\n")
    );
}

#[test]
fn agenda_points_are_the_same_for_every_command() {
    let t = Test::new();
    t.write(
        "bob/agenda.md",
        "- [ ] top one\n  - [ ] its sub-point\n- [x] done\n  - [ ] under a done one\n> - [ ] quoted\n- [ ] top two\n",
    );
    let listed = t.run(&["agenda", "bob", "--color", "never"]).ok().stdout;
    assert_eq!(
        listed,
        "bob/agenda.md:1: top one\nbob/agenda.md:6: top two\n"
    );
    let texts: Vec<String> = followups_json(&t, &["--agenda"])
        .into_iter()
        .map(|i| i.text)
        .collect();
    assert_eq!(texts, ["top one", "top two"]);
    t.run(&["new", "bob", "--date", "2026-11-24"]).ok();
    let note = t.read("bob/2026-11-24.md");
    // The sub-point moves with its point, and no checkbox comes along.
    assert!(
        note.contains("## Agenda\n\n- top one\n  - its sub-point\n- top two\n\n"),
        "{note}"
    );
    assert_eq!(count_open(&t), 0);
    assert_eq!(
        t.read("bob/agenda.md"),
        "- [x] done\n  - [ ] under a done one\n> - [ ] quoted\n"
    );
}

#[test]
fn a_point_that_would_be_swallowed_is_refused() {
    let t = Test::new();
    let before = "- [ ] one\n\n```\nsnippet, never closed\n";
    t.write("bob/agenda.md", before);
    let run = t.run(&["agenda", "bob", "new point"]).status(2);
    assert_eq!(
        run.stderr,
        "oneonone: error: bob/agenda.md: it ends inside a code block, an HTML block or a comment, where a new point would not show; close it, then add the point again\n"
    );
    assert_eq!(t.read("bob/agenda.md"), before);
}

#[test]
fn a_back_dated_note_leaves_the_agenda_for_the_next_meeting() {
    let t = Test::new();
    note(&t, "bob/2026-11-20.md", "Bob", "2026-11-20", "notes\n");
    t.run(&["agenda", "bob", "for next time"]).ok();
    t.run(&["new", "bob", "--date", "2026-11-10"]).ok();
    assert!(t.read("bob/2026-11-10.md").contains("## Agenda\n\n- \n"));
    assert!(t.read("bob/agenda.md").ends_with("- [ ] for next time\n"));
}

#[test]
fn conflict_markers_stop_new_before_anything_moves() {
    let t = Test::new();
    note(
        &t,
        "bob/2026-11-03.md",
        "Bob",
        "2026-11-03",
        "<<<<<<< HEAD\n- [ ] mine\n=======\n- [ ] theirs\n>>>>>>> branch\n",
    );
    let before = t.read("bob/2026-11-03.md");
    let run = t.run(&["new", "bob", "--date", "2026-11-10"]).status(2);
    assert_eq!(
        run.stderr,
        "oneonone: error: bob/2026-11-03.md:6: unresolved git conflict markers; resolve them, then run `oneonone new` again\n"
    );
    assert_eq!(t.read("bob/2026-11-03.md"), before);
    assert!(!t.path("bob/2026-11-10.md").exists());
}

#[cfg(unix)]
#[test]
fn a_linked_note_is_neither_listed_nor_edited() {
    let t = Test::new();
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("x.md");
    fs::write(&target, "- [ ] outside item\n").unwrap();
    fs::create_dir_all(t.path("bob")).unwrap();
    std::os::unix::fs::symlink(&target, t.path("bob/2026-11-01.md")).unwrap();
    let run = t.run(&["new", "bob", "--date", "2026-11-10"]).ok();
    assert!(!run.stderr.contains("carried"), "{}", run.stderr);
    assert_eq!(fs::read_to_string(&target).unwrap(), "- [ ] outside item\n");
    let run = t.run(&["followups", "--json"]).status(2);
    assert_eq!(run.stdout, "[]\n");
    assert_eq!(
        run.stderr,
        "oneonone: warning: bob/2026-11-01.md: symbolic link not followed; what it points to is not read\n"
    );
}

#[test]
fn done_edits_only_notes_it_lists() {
    let t = Test::new();
    t.write("question-bank/readme.md", "- [ ] not a follow-up\n");
    t.write("bob/todo.txt", "- [ ] not markdown\n");
    for reference in ["question-bank/readme.md:1", "bob/todo.txt:1"] {
        let run = t.run(&["done", reference]).status(2);
        assert_eq!(
            run.stderr,
            format!(
                "oneonone: error: {reference}: not a note in the notebook; oneonone only edits the notes it lists\n"
            )
        );
    }
    assert_eq!(t.read("question-bank/readme.md"), "- [ ] not a follow-up\n");
}
