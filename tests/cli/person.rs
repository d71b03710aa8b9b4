//! End-to-end tests of who a name means (issue 11): exact slug or display
//! name, an alias, a word prefix, a trailing `/`, accents and case; several
//! matches listed; a near miss suggested, and refused by `new` and
//! `agenda` unless `--new-person`; the "new person" notice; and who owns a
//! follow-up, resolved the same way, in `followups --json`, `--owner`,
//! `--theirs`, `prep`, across a warm cache.

use std::time::Duration;

use crate::fixtures::note;
use crate::{Item, Test, followups_json};

/// `agenda PERSON` (listing) names whom it resolved to: their display
/// name and folder.
fn resolves(t: &Test, typed: &str, name: &str, slug: &str) {
    t.run(&["agenda", typed]).ok().stdout("").stderr(format!(
        "oneonone: no open talking points for {name}; add one with `oneonone agenda {slug} \"...\"`\n"
    ));
}

/// A notebook of six people: names in person.yaml, in notes only, with
/// accents, and two Alexes.
fn people() -> Test {
    let t = Test::new();
    t.write(
        "mary-ann-walsh/person.yaml",
        "name: Mary Ann Walsh\naliases: [mary, ma]\n",
    );
    t.write("mary-jones/person.yaml", "name: Mary Jones\n");
    note(
        &t,
        "marcus-lee/2026-11-02.md",
        "Marcus Lee",
        "2026-11-02",
        "",
    );
    t.write("alex-kim/person.yaml", "name: Alex Kim\n");
    t.write("alex-ross/person.yaml", "name: Alex Ross\n");
    note(
        &t,
        "chloe-dubois/2026-11-03.md",
        "Chloé Dubois",
        "2026-11-03",
        "",
    );
    // A folder whose name is not its person's.
    t.write("mw/person.yaml", "name: Maxine Wu\n");
    t
}

#[test]
fn issue11_a_name_resolves_by_slug_display_name_alias_and_word_prefix() {
    let t = people();
    // Exact slug, and exact display name (the folder says nothing).
    resolves(&t, "alex-kim", "Alex Kim", "alex-kim");
    resolves(&t, "Maxine Wu", "Maxine Wu", "mw");
    // An alias, before the word prefix that would match two Marys.
    resolves(&t, "mary", "Mary Ann Walsh", "mary-ann-walsh");
    resolves(&t, "MA", "Mary Ann Walsh", "mary-ann-walsh");
    // Each word starts the matching word of the name or the slug.
    resolves(&t, "marc", "Marcus Lee", "marcus-lee");
    resolves(&t, "mary ann", "Mary Ann Walsh", "mary-ann-walsh");
    resolves(&t, "mary-ann", "Mary Ann Walsh", "mary-ann-walsh");
    resolves(&t, "alex k", "Alex Kim", "alex-kim");
    resolves(&t, "max w", "Maxine Wu", "mw");
    // The one-word rule of before.
    resolves(&t, "chloe", "Chloé Dubois", "chloe-dubois");
    // A trailing `/` (shell completion adds it), accents and case.
    resolves(&t, "alex-kim/", "Alex Kim", "alex-kim");
    resolves(&t, "CHLOÉ D", "Chloé Dubois", "chloe-dubois");
    resolves(&t, "Chloe Dubois", "Chloé Dubois", "chloe-dubois");
    // `export` takes a path too; a folder with its `/` is the person.
    t.run(&["export", "chloe-dubois/"])
        .ok()
        .stdout(t.read("chloe-dubois/2026-11-03.md"));
}

#[test]
fn issue11_several_matches_are_listed_with_name_and_folder() {
    let t = people();
    t.run(&["agenda", "alex"]).status(2).stdout("").stderr(
        "oneonone: error: \"alex\" matches more than one person; give more of the name:\n  \
         Alex Kim (alex-kim/)\n  \
         Alex Ross (alex-ross/)\n",
    );
    // The hint leads to one of them, not to a new `alex-k/`.
    t.run(&["new", "alex", "--date", "2026-11-24"])
        .status(2)
        .stderr(
            "oneonone: error: \"alex\" matches more than one person; give more of the name:\n  \
             Alex Kim (alex-kim/)\n  \
             Alex Ross (alex-ross/)\n",
        );
    t.run(&["new", "alex k", "--date", "2026-11-24", "--seed", "1"])
        .ok()
        .stdout("alex-kim/2026-11-24.md\n")
        .stderr("oneonone: created the 2026-11-24 note for Alex Kim (Listen, Learn, Lift)\n");
    assert!(!t.path("alex-k").exists());
}

#[test]
fn issue11_new_mary_ann_is_mary_ann_walsh_and_takes_her_waiting_agenda() {
    let t = Test::new();
    t.run(&["agenda", "Mary Ann Walsh", "Ask about the offsite"])
        .ok()
        .stdout("mary-ann-walsh/agenda.md:6\n")
        .stderr(
            "oneonone: new person: Mary Ann Walsh (mary-ann-walsh/)\n\
             oneonone: added to Mary Ann Walsh's agenda (1 open)\n",
        );
    t.run(&["new", "mary ann", "--date", "2026-11-24", "--seed", "1"])
        .ok()
        .stdout("mary-ann-walsh/2026-11-24.md\n")
        .stderr(
            "oneonone: created the 2026-11-24 note for Mary Ann Walsh (Listen, Learn, Lift); 1 agenda point\n",
        );
    assert_eq!(
        t.files(),
        [
            "mary-ann-walsh/2026-11-24.md",
            "mary-ann-walsh/agenda.md",
            "mary-ann-walsh/person.yaml"
        ]
    );
    let text = t.read("mary-ann-walsh/2026-11-24.md");
    assert!(
        text.starts_with("---\nperson: Mary Ann Walsh\n")
            && text.contains("\n## Agenda\n\n- Ask about the offsite\n\n## Listen\n"),
        "{text}"
    );
    // From then on, `mary` is her, not two people.
    resolves(&t, "mary", "Mary Ann Walsh", "mary-ann-walsh");
}

#[test]
fn issue11_new_refuses_a_near_miss_and_creates_only_with_new_person() {
    let t = people();
    let before = t.files();
    t.run(&["new", "chole", "--date", "2026-11-24"])
        .status(2)
        .stdout("")
        .stderr(
            "oneonone: error: no person matches \"chole\"; did you mean Chloé Dubois (chloe-dubois/)? \
             To add a new person named \"chole\", run it again with --new-person\n",
        );
    // A name that holds an existing one is near it too.
    t.run(&["new", "alex kim jones", "--date", "2026-11-24"])
        .status(2)
        .stderr(
            "oneonone: error: no person matches \"alex kim jones\"; did you mean Alex Kim (alex-kim/)? \
             To add a new person named \"alex kim jones\", run it again with --new-person\n",
        );
    assert_eq!(t.files(), before, "a refused `new` wrote something");

    t.run(&[
        "new",
        "chole",
        "--new-person",
        "--date",
        "2026-11-24",
        "--seed",
        "1",
    ])
    .ok()
    .stdout("chole/2026-11-24.md\n")
    .stderr(
        "oneonone: new person: chole (chole/)\n\
         oneonone: created the 2026-11-24 note for chole (Listen, Learn, Lift)\n",
    );
    assert!(
        t.read("chole/2026-11-24.md")
            .starts_with("---\nperson: chole\n")
    );
    // --new-person never writes into someone's folder.
    t.run(&["new", "Alex Kim", "--new-person"])
        .status(2)
        .stderr(
            "oneonone: error: \"Alex Kim\" is already a person: Alex Kim (alex-kim/); \
         leave out --new-person to use their folder\n",
        );
}

#[test]
fn issue11_a_short_word_is_near_only_one_letter_away() {
    let t = Test::new();
    t.write("al/person.yaml", "name: Al\n");
    // `bo` is two letters from `al`: someone else, no question asked.
    t.run(&["new", "bo", "--date", "2026-11-24", "--seed", "1"])
        .ok()
        .stderr(
            "oneonone: new person: bo (bo/)\n\
             oneonone: created the 2026-11-24 note for bo (Listen, Learn, Lift)\n",
        );
    // `ali` is one letter from `al`... and starts with it: a near miss.
    t.run(&["new", "ali"]).status(2).stderr(
        "oneonone: error: no person matches \"ali\"; did you mean Al (al/)? \
         To add a new person named \"ali\", run it again with --new-person\n",
    );
}

#[test]
fn issue11_agenda_refuses_a_near_miss_and_creates_only_with_new_person() {
    let t = people();
    let before = t.files();
    t.run(&["agenda", "chole", "Ask about the move"])
        .status(2)
        .stdout("")
        .stderr(
            "oneonone: error: no person matches \"chole\"; did you mean Chloé Dubois (chloe-dubois/)? \
             To add a new person named \"chole\", run it again with --new-person\n",
        );
    assert_eq!(t.files(), before, "a refused `agenda` wrote something");
    t.run(&["agenda", "--new-person", "chole", "Ask about the move"])
        .ok()
        .stdout("chole/agenda.md:6\n")
        .stderr(
            "oneonone: new person: chole (chole/)\n\
             oneonone: added to chole's agenda (1 open)\n",
        );
    t.file("chole/person.yaml", "# About this person, for oneonone. Every key is optional.\nname: \"chole\"\n# role: Staff Engineer\n# cadence_days: 14    # days between 1:1s\n");
    // An existing person gets the message of before, and no "new person".
    t.run(&["agenda", "chloe", "Ask about the offsite"])
        .ok()
        .stdout("chloe-dubois/agenda.md:6\n")
        .stderr("oneonone: added to Chloé Dubois's agenda (1 open)\n");
}

#[test]
fn issue11_other_commands_suggest_the_near_person() {
    let t = people();
    for args in [
        &["prep", "chole"][..],
        &["followups", "chole"],
        &["followups", "--owner", "chole"],
        &["open", "chole", "--print"],
        &["agenda", "chole"],
    ] {
        t.run(args).status(2).stdout("").stderr(
            "oneonone: error: no person matches \"chole\"; did you mean Chloé Dubois (chloe-dubois/)?\n",
        );
    }
    t.run(&["prep", "alx"]).status(2).stderr(
        "oneonone: error: no person matches \"alx\"; did you mean Alex Kim (alex-kim/) or Alex Ross (alex-ross/)?\n",
    );
    // Nothing near: the people there are.
    t.run(&["prep", "zed"]).status(2).stderr(
        "oneonone: error: no person matches \"zed\"; people in this notebook: alex-kim, alex-ross, chloe-dubois, marcus-lee, mary-ann-walsh, mary-jones, mw\n",
    );
}

#[test]
fn issue11_aliases_must_be_a_list_of_names() {
    let t = people();
    t.write("mw/person.yaml", "name: Maxine Wu\naliases: max\n");
    t.run(&["agenda", "maxine"]).status(2).stderr(
        "oneonone: error: mw/person.yaml:2:10: aliases: invalid type: string (not shown), expected a list of names\n",
    );
    t.write(
        "mw/person.yaml",
        "name: Maxine Wu\naliases:\n  - max\n  - [x]\n",
    );
    t.run(&["agenda", "maxine"]).status(2).stderr(
        "oneonone: error: mw/person.yaml:4:5: aliases[1]: invalid type: sequence, expected a name\n",
    );
}

/// The owners of the follow-ups in Chloé's and Bob's notes.
fn owners() -> Test {
    let t = people();
    note(
        &t,
        "chloe-dubois/2026-11-10.md",
        "Chloé Dubois",
        "2026-11-10",
        "## Follow-ups\n\n\
         - [ ] Ask @marcus to pair with Chloé\n\
         - [ ] @chloe-dubois writes the design doc\n\
         - [ ] Book the room\n",
    );
    note(
        &t,
        "bob/2026-11-12.md",
        "Bob",
        "2026-11-12",
        "## Follow-ups\n\n\
         - [ ] @Chloe reviews Bob's plan\n\
         - [ ] @zed from finance sends the numbers\n\
         - [ ] @alex signs off\n\
         - [ ] @Marcus.\n",
    );
    note(
        &t,
        "marcus-lee/2026-11-13.md",
        "Marcus Lee",
        "2026-11-13",
        "- [ ] @me call Marcus back\n- [ ] Marcus sends his slides @marcus-lee\n",
    );
    t
}

fn owned(path: &str, line: usize, text: &str, owner: &str, mention: Option<&str>) -> Item {
    let (person, date) = match path.split('/').next().unwrap() {
        "bob" => ("Bob", "2026-11-12"),
        "chloe-dubois" => ("Chloé Dubois", "2026-11-10"),
        _ => ("Marcus Lee", "2026-11-13"),
    };
    Item {
        person: Some(person.into()),
        date: Some(date.into()),
        path: path.into(),
        line,
        text: text.into(),
        owner: owner.into(),
        due: None,
        mention: mention.map(Into::into),
    }
}

#[test]
fn issue11_mentions_resolve_to_people_and_unknown_ones_stay_as_written() {
    let t = owners();
    assert_eq!(
        followups_json(&t, &[]),
        [
            owned(
                "bob/2026-11-12.md",
                8,
                "@Chloe reviews Bob's plan",
                "chloe-dubois",
                Some("Chloe")
            ),
            // Someone outside the notebook, or one of two Alexes: as written.
            owned(
                "bob/2026-11-12.md",
                9,
                "@zed from finance sends the numbers",
                "zed",
                None
            ),
            owned("bob/2026-11-12.md", 10, "@alex signs off", "alex", None),
            owned(
                "bob/2026-11-12.md",
                11,
                "@Marcus.",
                "marcus-lee",
                Some("Marcus")
            ),
            owned(
                "chloe-dubois/2026-11-10.md",
                8,
                "Ask @marcus to pair with Chloé",
                "marcus-lee",
                Some("marcus")
            ),
            owned(
                "chloe-dubois/2026-11-10.md",
                9,
                "@chloe-dubois writes the design doc",
                "chloe-dubois",
                None
            ),
            owned(
                "chloe-dubois/2026-11-10.md",
                10,
                "Book the room",
                "me",
                None
            ),
            owned(
                "marcus-lee/2026-11-13.md",
                6,
                "@me call Marcus back",
                "me",
                None
            ),
            owned(
                "marcus-lee/2026-11-13.md",
                7,
                "Marcus sends his slides @marcus-lee",
                "marcus-lee",
                None
            ),
        ]
    );
}

fn texts(t: &Test, args: &[&str]) -> Vec<String> {
    followups_json(t, args)
        .into_iter()
        .map(|i| i.text)
        .collect()
}

#[test]
fn issue11_owner_lists_what_one_person_owes_across_the_notebook() {
    let t = owners();
    assert_eq!(
        texts(&t, &["--owner", "marc"]),
        [
            "@Marcus.",
            "Ask @marcus to pair with Chloé",
            "Marcus sends his slides @marcus-lee"
        ]
    );
    assert_eq!(
        texts(&t, &["--owner", "Chloé Dubois"]),
        [
            "@Chloe reviews Bob's plan",
            "@chloe-dubois writes the design doc"
        ]
    );
    // `me` is the manager, as in `@me`.
    assert_eq!(
        texts(&t, &["marcus", "--owner", "me"]),
        ["@me call Marcus back"]
    );
    // With a person: what they owe in that person's notes.
    assert_eq!(
        texts(&t, &["chloe", "--owner", "marcus"]),
        ["Ask @marcus to pair with Chloé"]
    );
    t.run(&["followups", "--owner", "alex"]).status(2).stderr(
        "oneonone: error: \"alex\" matches more than one person; give more of the name:\n  \
         Alex Kim (alex-kim/)\n  \
         Alex Ross (alex-ross/)\n",
    );
    // Someone outside the notebook owes nothing that can be listed.
    t.run(&["followups", "--owner", "zed"]).status(2).stderr(
        "oneonone: error: no person matches \"zed\"; people in this notebook: alex-kim, alex-ross, bob, chloe-dubois, marcus-lee, mary-ann-walsh, mary-jones, mw\n",
    );
}

#[test]
fn issue11_theirs_is_what_the_person_of_the_note_owns() {
    let t = owners();
    assert_eq!(
        texts(&t, &["chloe", "--theirs"]),
        ["@chloe-dubois writes the design doc"]
    );
    assert_eq!(
        texts(&t, &["--theirs"]),
        [
            "@chloe-dubois writes the design doc",
            "Marcus sends his slides @marcus-lee"
        ]
    );
    // `people` counts it neither as hers nor as mine.
    let run = t.run(&["people", "--json"]).ok();
    let rows: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    let chloe = rows.iter().find(|r| r["slug"] == "chloe-dubois").unwrap();
    assert_eq!(
        (&chloe["open_mine"], &chloe["open_theirs"]),
        (&1.into(), &1.into())
    );
    // Chloé's brief: Marcus's item is not hers.
    let run = t
        .run(&[
            "--today",
            "2026-11-17",
            "prep",
            "chloe",
            "--seed",
            "1",
            "--color",
            "never",
        ])
        .ok();
    let follow_ups = run.stdout.split("\nLast time").next().unwrap();
    assert_eq!(
        follow_ups,
        "Chloé Dubois\n\
         Last 1:1 2026-11-10 (7 days ago) · 2 notes · every 14 days · next due 2026-11-24\n\n\
         Follow-ups they own (1)\n  \
         chloe-dubois/2026-11-10.md:9: @chloe-dubois writes the design doc · 7 days\n\n\
         Follow-ups you own (1)\n  \
         chloe-dubois/2026-11-10.md:10: Book the room · 7 days\n\n\
         Follow-ups others own (1)\n  \
         chloe-dubois/2026-11-10.md:8: Ask @marcus to pair with Chloé · 7 days\n"
    );
}

#[test]
fn issue11_a_new_alias_or_person_changes_the_owner_on_the_next_warm_run() {
    let t = Test::new();
    note(
        &t,
        "bob/2026-11-12.md",
        "Bob",
        "2026-11-12",
        "- [ ] @mw sends the plan\n- [ ] @priya reviews it\n",
    );
    t.write("mary-ann-walsh/person.yaml", "name: Mary Ann Walsh\n");
    // Older than the cache's racy window: the next runs read the cache.
    std::thread::sleep(Duration::from_millis(2100));
    let owners = |t: &Test| -> Vec<(String, Option<String>)> {
        followups_json(t, &[])
            .into_iter()
            .map(|i| (i.owner, i.mention))
            .collect()
    };
    assert_eq!(
        owners(&t),
        [("mw".into(), None), ("priya".into(), None)],
        "cold"
    );
    assert!(t.path(".oneonone/cache-v1").exists());
    assert_eq!(
        owners(&t),
        [("mw".into(), None), ("priya".into(), None)],
        "warm"
    );
    t.write(
        "mary-ann-walsh/person.yaml",
        "name: Mary Ann Walsh\naliases: [mw]\n",
    );
    assert_eq!(
        owners(&t),
        [
            ("mary-ann-walsh".into(), Some("mw".into())),
            ("priya".into(), None)
        ],
        "an alias added"
    );
    t.write("priya-patel/person.yaml", "name: Priya Patel\n");
    assert_eq!(
        owners(&t),
        [
            ("mary-ann-walsh".into(), Some("mw".into())),
            ("priya-patel".into(), Some("priya".into()))
        ],
        "a person added"
    );
    // The note itself was never read again, nor changed.
    t.file(
        "bob/2026-11-12.md",
        "---\nperson: Bob\ndate: 2026-11-12\ntags: []\n---\n- [ ] @mw sends the plan\n- [ ] @priya reviews it\n",
    );
}

#[test]
fn issue11_a_broken_person_yaml_is_warned_about_and_mentions_match_folders_only() {
    let t = owners();
    t.write("mw/person.yaml", "name: [Maxine\n");
    let run = t.run(&["followups", "--json", "--theirs"]).status(2);
    assert_eq!(
        run.stderr,
        "oneonone: warning: mw/person.yaml:1:7: name: invalid type: sequence, expected a string\n"
    );
    // `@marcus-lee` is still his folder; `@marcus` needs the names.
    let items: Vec<Item> = serde_json::from_str(&run.stdout).unwrap();
    let texts: Vec<&str> = items.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "@chloe-dubois writes the design doc",
            "Marcus sends his slides @marcus-lee"
        ]
    );
}
