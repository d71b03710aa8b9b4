//! End-to-end tests of `oneonone people --ics FILE` (issue 14): one
//! all-day event per person at their next due date, with a stable UID,
//! read back with an independent parser (the `ical` crate), and nothing
//! of the notes in it but the dates.

use crate::Test;
use crate::fixtures::note;

/// One VEVENT as the `ical` parser reads it: (UID, SUMMARY, DTSTART,
/// DTEND), with DTSTART's `VALUE` parameter.
#[derive(Debug, PartialEq)]
struct Event {
    uid: String,
    summary: String,
    start: String,
    end: String,
    start_is_date: bool,
}

/// The events of an iCalendar text, in file order, and the calendar's
/// VERSION and PRODID.
fn parse(text: &str) -> (Vec<Event>, String, String) {
    let mut calendars = ical::IcalParser::new(text.as_bytes());
    let calendar = calendars.next().expect("one calendar").expect("it parses");
    assert!(calendars.next().is_none(), "one calendar only");
    let prop = |props: &[ical::property::Property], name: &str| -> String {
        props
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
            .unwrap_or_else(|| panic!("no {name}"))
    };
    let events = calendar
        .events
        .iter()
        .map(|e| {
            for required in ["DTSTAMP", "UID", "DTSTART"] {
                prop(&e.properties, required);
            }
            let start = e.properties.iter().find(|p| p.name == "DTSTART").unwrap();
            Event {
                uid: prop(&e.properties, "UID"),
                summary: prop(&e.properties, "SUMMARY"),
                start: prop(&e.properties, "DTSTART"),
                end: prop(&e.properties, "DTEND"),
                start_is_date: start.params.as_ref().is_some_and(|ps| {
                    ps.iter()
                        .any(|(k, v)| k == "VALUE" && v.iter().any(|x| x == "DATE"))
                }),
            }
        })
        .collect();
    (
        events,
        prop(&calendar.properties, "VERSION"),
        prop(&calendar.properties, "PRODID"),
    )
}

/// Three people met, one never met: Alice overdue (every 14 days, last on
/// 2026-11-03), 李娜 due in the future, Bob with a note already written for
/// 2026-12-02, Carol never met (an agenda point only). Secrets in notes,
/// in a follow-up and in a private section.
fn team() -> Test {
    let t = Test::new();
    t.write("oneonone.yaml", "cadence_days: 14\n");
    note(
        &t,
        "alice/2026-11-03.md",
        "Alice Smith",
        "2026-11-03",
        "## Notes\n\nSECRET-NOTE the reorg\n\n## Follow-ups\n\n- [ ] SECRET-FOLLOWUP raise\n\n\
         ## Private\n\nSECRET-PRIVATE interviewing elsewhere\n",
    );
    note(
        &t,
        "li-na/2026-11-20.md",
        "李娜",
        "2026-11-20",
        "SECRET-NOTE a long promotion case\n",
    );
    note(&t, "bob/2026-11-10.md", "Bob", "2026-11-10", "nothing\n");
    note(
        &t,
        "bob/2026-12-02.md",
        "Bob",
        "2026-12-02",
        "SECRET-NOTE plan\n",
    );
    t.run(&["agenda", "Carol", "SECRET-AGENDA first chat"]).ok();
    t
}

/// The UID's part before the notebook's hash.
fn slug_of(uid: &str) -> &str {
    uid.split('@').next().unwrap()
}

#[test]
fn issue14_people_ics_writes_one_all_day_event_per_person_at_the_next_due_date() {
    let t = team();
    let outside = tempfile::tempdir().unwrap();
    let file = outside.path().join("1on1s.ics");
    let file_arg = file.to_str().unwrap();
    t.run(&["--today", "2026-11-27", "people", "--ics", file_arg])
        .ok()
        .stdout("")
        .stderr(format!("oneonone: wrote 4 events to {file_arg}\n"));
    let text = std::fs::read_to_string(&file).unwrap();
    let (events, version, prodid) = parse(&text);
    assert_eq!(version, "2.0");
    assert!(prodid.contains("oneonone"), "{prodid}");
    // Due first, as `people` lists them: Alice overdue, Carol today, Bob's
    // note ready, then 李娜.
    let got: Vec<(&str, &str, &str, &str, bool)> = events
        .iter()
        .map(|e| {
            (
                slug_of(&e.uid),
                e.summary.as_str(),
                e.start.as_str(),
                e.end.as_str(),
                e.start_is_date,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                // Overdue since 2026-11-17: the next 1:1 is today.
                "alice",
                "1:1 with Alice Smith",
                "20261127",
                "20261128",
                true
            ),
            ("carol", "1:1 with Carol", "20261127", "20261128", true),
            ("bob", "1:1 with Bob", "20261202", "20261203", true),
            ("li-na", "1:1 with 李娜", "20261204", "20261205", true),
        ]
    );
    // CRLF everywhere, no content line over 75 octets.
    assert!(text.ends_with("END:VCALENDAR\r\n"), "{text:?}");
    for line in text.split("\r\n") {
        assert!(!line.contains('\n'), "a bare LF in {line:?}");
        assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
    }
    assert!(!text.contains("SECRET"), "{text}");
}

#[test]
fn issue14_people_ics_uids_are_stable_across_runs_and_differ_per_person() {
    let t = team();
    let first = t
        .run(&["--today", "2026-11-27", "people", "--ics", "-"])
        .ok()
        .stdout;
    // A day later, after Alice's 1:1 was held: same UIDs, new dates.
    note(
        &t,
        "alice/2026-11-28.md",
        "Alice Smith",
        "2026-11-28",
        "x\n",
    );
    let second = t
        .run(&[
            "--today",
            "2026-11-28",
            "people",
            "--ics",
            "-",
            "--sort",
            "name",
        ])
        .ok()
        .stdout;
    let uids = |text: &str| {
        let mut uids: Vec<String> = parse(text).0.into_iter().map(|e| e.uid).collect();
        uids.sort();
        uids
    };
    assert_eq!(uids(&first), uids(&second));
    let mut distinct = uids(&first);
    distinct.dedup();
    assert_eq!(distinct.len(), 4, "{distinct:?}");
    // The notebook's hash makes them its own: every UID ends alike.
    let hosts: Vec<&str> = distinct
        .iter()
        .map(|u| u.split('@').nth(1).unwrap())
        .collect();
    assert!(
        hosts
            .iter()
            .all(|h| *h == hosts[0] && h.starts_with("oneonone.")),
        "{hosts:?}"
    );
    let alice = parse(&second)
        .0
        .into_iter()
        .find(|e| slug_of(&e.uid) == "alice")
        .unwrap();
    assert_eq!(alice.start, "20261212");
}

#[test]
fn issue14_people_ics_to_stdout_says_how_many_events_on_stderr() {
    let t = Test::new();
    note(
        &t,
        "alice/2026-11-03.md",
        "Alice Smith",
        "2026-11-03",
        "x\n",
    );
    let run = t
        .run(&["--today", "2026-11-27", "people", "--ics", "-"])
        .ok()
        .stderr("oneonone: wrote 1 event to standard output\n");
    let (events, _, _) = parse(&run.stdout);
    assert_eq!(events.len(), 1);
    assert!(
        run.stdout.starts_with("BEGIN:VCALENDAR\r\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("\r\nDTSTAMP:20261127T000000Z\r\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn issue14_people_ics_replaces_its_own_export_but_no_other_file() {
    let t = team();
    let today = ["--today", "2026-11-27", "people", "--ics"];
    t.run(&[&today[..], &["cal.ics"]].concat()).ok();
    let before = t.read("cal.ics");
    // A later export replaces the earlier one.
    t.run(&["--today", "2026-11-28", "people", "--ics", "cal.ics"])
        .ok()
        .stderr("oneonone: wrote 4 events to cal.ics\n");
    assert_ne!(t.read("cal.ics"), before);
    // Anything else is left alone.
    t.write("plans.ics", "my own words\n");
    t.run(&[&today[..], &["plans.ics"]].concat())
        .status(2)
        .stdout("")
        .stderr(
            "oneonone: error: plans.ics: already exists and is not a calendar oneonone wrote; \
             name another file\n",
        );
    t.file("plans.ics", "my own words\n");
    // Never into the notebook's folders, nor over a note.
    for target in [
        "alice/cal.ics",
        "alice/2026-11-03.md",
        ".oneonone/cal.ics",
        "notes.md",
    ] {
        t.run(&[&today[..], &[target]].concat())
            .status(2)
            .stdout("")
            .stderr(format!(
                "oneonone: error: {target}: not a place for a calendar file\n  \
                 hint: write it outside the notebook's person folders, and not as a .md file\n"
            ));
    }
    assert!(!t.path("alice/cal.ics").exists());
    assert!(!t.path("notes.md").exists());
}

#[test]
fn issue14_people_ics_and_json_conflict() {
    let t = Test::new();
    let run = t.run(&["people", "--ics", "-", "--json"]).status(2);
    assert!(
        run.stderr
            .contains("'--ics <FILE>' cannot be used with '--json'"),
        "{}",
        run.stderr
    );
}

#[test]
fn issue14_a_folder_that_is_not_there_is_said_in_words() {
    let t = Test::new();
    t.write(
        "bob/2026-11-20.md",
        "---\nperson: Bob\ndate: 2026-11-20\n---\n",
    );
    t.run(&["people", "--ics", "no/such/cal.ics"])
        .status(2)
        .stderr("oneonone: error: no/such/cal.ics: cannot write: no such file or directory\n");
}
