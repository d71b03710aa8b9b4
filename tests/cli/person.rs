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
        .stderr(near_refused(
            "chole",
            "Chloé Dubois (chloe-dubois/)",
            "oneonone new --new-person chole --date 2026-11-24",
        ));
    // A name that holds an existing one is near it too.
    t.run(&["new", "alex kim jones", "--date", "2026-11-24"])
        .status(2)
        .stderr(near_refused(
            "alex kim jones",
            "Alex Kim (alex-kim/)",
            "oneonone new --new-person 'alex kim jones' --date 2026-11-24",
        ));
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
    t.run(&["new", "ali"]).status(2).stderr(near_refused(
        "ali",
        "Al (al/)",
        "oneonone new --new-person ali",
    ));
}

#[test]
fn issue11_agenda_refuses_a_near_miss_and_creates_only_with_new_person() {
    let t = people();
    let before = t.files();
    t.run(&["agenda", "chole", "Ask about the move"])
        .status(2)
        .stdout("")
        .stderr(near_refused(
            "chole",
            "Chloé Dubois (chloe-dubois/)",
            "oneonone agenda --new-person chole 'Ask about the move'",
        ));
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
            "oneonone: error: no person matches \"chole\"\n  hint: did you mean Chloé Dubois (chloe-dubois/)?\n",
        );
    }
    t.run(&["prep", "alx"]).status(2).stderr(
        "oneonone: error: no person matches \"alx\"\n  hint: did you mean Alex Kim (alex-kim/) or Alex Ross (alex-ross/)?\n",
    );
    // Nothing near: the people there are.
    t.run(&["prep", "zed"]).status(2).stderr(
        "oneonone: error: no person matches \"zed\"\n  hint: people in this notebook: alex-kim, alex-ross, chloe-dubois, marcus-lee,\n    mary-ann-walsh, mary-jones, mw\n",
    );
}

#[test]
fn issue11_aliases_must_be_a_list_of_names() {
    let t = people();
    t.write("mw/person.yaml", "name: Maxine Wu\naliases: max\n");
    // Her name was in it: nobody else is "maxine", and the file says why.
    t.run(&["agenda", "maxine"]).status(2).stderr(
        "oneonone: error: no person matches \"maxine\", but mw/person.yaml cannot be read, \
         and its aliases may name them; fix it, then run the command again:\n  \
         mw/person.yaml:2:10: aliases: invalid type: string (not shown), expected a list of names\n",
    );
    t.write(
        "mw/person.yaml",
        "name: Maxine Wu\naliases:\n  - max\n  - [x]\n",
    );
    t.run(&["agenda", "maxine"]).status(2).stderr(
        "oneonone: error: no person matches \"maxine\", but mw/person.yaml cannot be read, \
         and its aliases may name them; fix it, then run the command again:\n  \
         mw/person.yaml:4:5: aliases[1]: invalid type: sequence, expected a name\n",
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
        private: false,
        shared: false,
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
    let follow_ups = run.stdout.split("Ask today").next().unwrap();
    assert_eq!(
        follow_ups,
        "Chloé Dubois\n\
         Due 2026-11-24, in 7 days · last 1:1 2026-11-10 (7 days ago) · 2 notes · every 14 days\n\
         Follow-ups they own (1)\n  \
         chloe-dubois/2026-11-10.md:9: @chloe-dubois writes the design doc · open 7 days\n\
         Follow-ups you own (1)\n  \
         chloe-dubois/2026-11-10.md:10: Book the room · open 7 days\n\
         Follow-ups others own (1)\n  \
         chloe-dubois/2026-11-10.md:8: Ask @marcus to pair with Chloé · open 7 days\n"
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
    assert!(t.path(".oneonone/cache").is_dir());
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
fn issue11_a_broken_person_yaml_is_warned_about_and_the_others_still_own() {
    let t = owners();
    t.write("mw/person.yaml", "name: [Maxine\n");
    let run = t
        .run(&["followups", "--json", "--owner", "marcus"])
        .status(2);
    assert_eq!(
        run.stderr,
        "oneonone: warning: mw/person.yaml:1:7: name: invalid type: sequence, expected a string; \
         its aliases are not used until it is fixed\n"
    );
    // `@marcus` still needs the names: the readable ones are used.
    let items: Vec<Item> = serde_json::from_str(&run.stdout).unwrap();
    let texts: Vec<&str> = items.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "@Marcus.",
            "Ask @marcus to pair with Chloé",
            "Marcus sends his slides @marcus-lee"
        ]
    );
}

/// The refusal of a near name by `new` or `agenda`: who it may be, and the
/// command that makes a new person anyway.
fn near_refused(typed: &str, who: &str, command: &str) -> String {
    format!(
        "oneonone: error: no person matches {typed:?}\n  \
         hint: did you mean {who}?\n  \
         hint: to add a new person named {typed:?}, run:\n    {command}\n"
    )
}

#[test]
fn issue11_a_surname_or_the_words_in_any_order_are_near() {
    let t = Test::new();
    t.write("mary-ann-walsh/person.yaml", "name: Mary Ann Walsh\n");
    t.write("alex-kim/person.yaml", "name: Alex Kim\n");
    let before = t.files();
    let mary = "Mary Ann Walsh (mary-ann-walsh/)";
    t.run(&["agenda", "walsh", "x"])
        .status(2)
        .stdout("")
        .stderr(near_refused(
            "walsh",
            mary,
            "oneonone agenda --new-person walsh x",
        ));
    t.run(&["agenda", "kim", "x"])
        .status(2)
        .stderr(near_refused(
            "kim",
            "Alex Kim (alex-kim/)",
            "oneonone agenda --new-person kim x",
        ));
    t.run(&["new", "Mary Walsh"]).status(2).stderr(near_refused(
        "Mary Walsh",
        mary,
        "oneonone new --new-person 'Mary Walsh'",
    ));
    // A slip in a word, in any order.
    t.run(&["new", "Walsh Mary Anne"])
        .status(2)
        .stderr(near_refused(
            "Walsh Mary Anne",
            mary,
            "oneonone new --new-person 'Walsh Mary Anne'",
        ));
    assert_eq!(t.files(), before, "a refused command wrote something");
    // Every other command suggests her.
    t.run(&["prep", "ann walsh"]).status(2).stdout("").stderr(
        "oneonone: error: no person matches \"ann walsh\"\n  hint: did you mean Mary Ann Walsh (mary-ann-walsh/)?\n",
    );
    // A one-letter word is only the start of the word in its place: "z kim"
    // is nobody's.
    t.run(&["agenda", "z kim", "x"])
        .ok()
        .stdout("z-kim/agenda.md:6\n")
        .stderr(
            "oneonone: new person: z kim (z-kim/)\n\
             oneonone: added to z kim's agenda (1 open)\n",
        );
    // A word of someone's name among others is not enough.
    t.run(&["agenda", "Sam Kim", "x"])
        .ok()
        .stdout("sam-kim/agenda.md:6\n");
}

#[test]
fn issue11_new_person_taking_a_name_that_meant_someone_says_so() {
    let t = people();
    t.write(
        "mary-jones/person.yaml",
        "name: Mary Jones\naliases: [mj]\n",
    );
    t.write("mw/person.yaml", "name: Maxine Wu\naliases: [mj]\n");
    // By a word prefix.
    t.run(&[
        "new",
        "chloe",
        "--new-person",
        "--date",
        "2026-11-24",
        "--seed",
        "1",
    ])
    .ok()
    .stdout("chloe/2026-11-24.md\n")
    .stderr(
        "oneonone: new person: chloe (chloe/)\n\
         oneonone: created the 2026-11-24 note for chloe (Listen, Learn, Lift)\n\
         oneonone: note: \"chloe\" meant Chloé Dubois (chloe-dubois/) until now; \
         from now on it means the new chloe (chloe/) — @chloe mentions included\n",
    );
    resolves(&t, "chloe", "chloe", "chloe");
    // By an alias of two people.
    t.run(&["agenda", "--new-person", "mj", "Talk"])
        .ok()
        .stdout("mj/agenda.md:6\n")
        .stderr(
            "oneonone: new person: mj (mj/)\n\
             oneonone: added to mj's agenda (1 open)\n\
             oneonone: note: \"mj\" meant Mary Jones (mary-jones/) or Maxine Wu (mw/) until now; \
             from now on it means the new mj (mj/) — @mj mentions included\n",
        );
    // By a display name whose folder is another.
    t.run(&["agenda", "--new-person", "Maxine Wu", "Talk"])
        .ok()
        .stdout("maxine-wu/agenda.md:6\n")
        .stderr(
            "oneonone: new person: Maxine Wu (maxine-wu/)\n\
             oneonone: added to Maxine Wu's agenda (1 open)\n\
             oneonone: note: \"Maxine Wu\" meant Maxine Wu (mw/) until now; \
             from now on it means the new Maxine Wu (maxine-wu/) — @maxine-wu mentions included\n",
        );
    // A name nobody had: no note.
    t.run(&["agenda", "--new-person", "chole", "Talk"])
        .ok()
        .stderr(
            "oneonone: new person: chole (chole/)\n\
             oneonone: added to chole's agenda (1 open)\n",
        );
}

#[test]
fn issue11_owner_lists_a_mention_of_someone_outside_the_notebook() {
    let t = owners();
    assert_eq!(
        followups_json(&t, &["--owner", "zed"]),
        [owned(
            "bob/2026-11-12.md",
            9,
            "@zed from finance sends the numbers",
            "zed",
            None
        )]
    );
    t.run(&[
        "--today",
        "2026-11-17",
        "followups",
        "--owner",
        "Zed",
        "--color",
        "never",
    ])
    .ok()
    .stdout(
        "Bob (1 open)\n  bob/2026-11-12.md:9: @zed from finance sends the numbers · open 5 days\n",
    )
    .stderr("");
    // Nobody by that name, and no item of theirs: the usual error.
    t.run(&["followups", "--owner", "zoe"]).status(2).stderr(
        "oneonone: error: no person matches \"zoe\"\n  hint: people in this notebook: alex-kim, alex-ross, bob, chloe-dubois,\n    marcus-lee, mary-ann-walsh, mary-jones, mw\n",
    );
    t.run(&["followups", "--owner", "chole"]).status(2).stderr(
        "oneonone: error: no person matches \"chole\"\n  hint: did you mean Chloé Dubois (chloe-dubois/)?\n",
    );
}

/// Alex Kim, Chloé Dubois (with a note), and Bob, whose person.yaml does
/// not parse.
fn broken_bob() -> Test {
    let t = Test::new();
    t.write("alex-kim/person.yaml", "name: Alex Kim\n");
    note(
        &t,
        "chloe-dubois/2026-11-03.md",
        "Chloé Dubois",
        "2026-11-03",
        "- [ ] @alex sends the plan\n- [ ] @chloe reviews it\n",
    );
    t.write("bob/person.yaml", "name: Bob\naliases: [b\n");
    t
}

const BROKEN_BOB: &str = "oneonone: warning: bob/person.yaml:2:10: did not find expected ',' or ']', \
     while parsing a flow sequence at line 2 column 10; its aliases are not used until it is fixed\n";

#[test]
fn issue11_a_broken_person_yaml_blocks_only_the_names_it_may_hold() {
    let t = broken_bob();
    // Found among the others: warned about, and done.
    t.run(&["prep", "alex", "--seed", "1", "--color", "never"])
        .status(2)
        .stdout(
            "Alex Kim\nFirst 1:1 to hold · every 14 days\nAsk today\n  \
             Listen: If you could redo one part of last week, what would it be?\n  \
             \x20       Is there anything you'd like me to understand better about your situation?\n  \
             \x20       Is there anything from our last chat you've kept thinking about?\n  \
             Learn: Are you feeling challenged in the right ways?\n  \
             \x20      How well do you understand why your current project matters?\n  \
             \x20      Where is friction with another team slowing you down?\n  \
             Lift: What would make this better?\n  \
             \x20     What would help you feel more confident going into this?\n  \
             \x20     What assumption here might be worth questioning?\n",
        )
        .stderr(BROKEN_BOB);
    t.run(&["agenda", "alex", "Talk"])
        .status(2)
        .stdout("alex-kim/agenda.md:6\n")
        .stderr(format!(
            "{BROKEN_BOB}oneonone: added to Alex Kim's agenda (1 open)\n"
        ));
    t.run(&[
        "new",
        "chloe",
        "--date",
        "2026-11-24",
        "--seed",
        "1",
        "--no-carry",
    ])
    .status(2)
    .stdout("chloe-dubois/2026-11-24.md\n")
    .stderr(format!(
        "{BROKEN_BOB}oneonone: created the 2026-11-24 note for Chloé Dubois (Listen, Learn, Lift)\n"
    ));
    t.run(&["rename", "alex", "Alex King"])
        .status(2)
        .stderr(format!(
            "{BROKEN_BOB}oneonone: renamed Alex Kim (alex-kim/) to Alex King (alex-king/)\n\
             oneonone: the name is now Alex King in person.yaml\n\
             oneonone: updated 1 @mention of Alex Kim (@alex) to @alex-king, in 1 file\n"
        ));
    // Found nowhere: bob's file may be the one meant.
    let before = t.files();
    t.run(&["agenda", "Zed Q", "x"])
        .status(2)
        .stdout("")
        .stderr(
            "oneonone: error: no person matches \"Zed Q\", but bob/person.yaml cannot be read, \
         and its aliases may name them; fix it, then run the command again:\n  \
         bob/person.yaml:2:10: did not find expected ',' or ']', while parsing a flow sequence \
         at line 2 column 10\n",
        );
    assert_eq!(t.files(), before);
    // Reports say it once, whether or not a mention needed the names
    // (`people`, which reads every person.yaml for its rows, as before).
    t.run(&["followups", "--json"]).status(2).stderr(format!(
        "{BROKEN_BOB}oneonone: 1 talking point is waiting in alex-king/agenda.md\n  \
         hint: `oneonone followups --agenda` lists them too\n"
    ));
    t.run(&["people", "--json"]).status(2).stderr(
        "oneonone: warning: bob/person.yaml:2:10: did not find expected ',' or ']', \
         while parsing a flow sequence at line 2 column 10\n",
    );
    let t = Test::new();
    t.write("bob/person.yaml", "name: Bob\naliases: [b\n");
    note(
        &t,
        "al/2026-11-03.md",
        "Al",
        "2026-11-03",
        "- [ ] Book the room\n",
    );
    t.run(&["followups", "--json"]).status(2).stderr(BROKEN_BOB);
}

#[test]
fn issue16_a_one_person_command_opens_no_other_person_yaml_unless_a_name_needs_it() {
    // `prep` of someone named by their folder, whose follow-ups mention
    // nobody by a name only a person.yaml holds, does not open everyone
    // else's person.yaml (3,000 of them in a big notebook): bob's broken
    // file is not its business. A mention that needs the names reads
    // them, and says so; the whole notebook's listing always does.
    let t = broken_bob();
    note(
        &t,
        "alex-kim/2026-11-03.md",
        "Alex Kim",
        "2026-11-03",
        "- [ ] Book the room\n",
    );
    t.run(&["prep", "alex-kim", "--seed", "1", "--color", "never"])
        .status(0)
        .stderr("");
    t.run(&["prep", "chloe-dubois", "--seed", "1", "--color", "never"])
        .status(2)
        .stderr(BROKEN_BOB);
    t.run(&["followups", "alex-kim", "--json"])
        .status(2)
        .stderr(BROKEN_BOB);
}

#[test]
fn issue11_new_person_in_the_wrong_place_is_shown_where_it_goes() {
    let t = people();
    let before = t.files();
    // clap took the flag for words of the point: the command to run puts
    // it before.
    t.run(&["agenda", "chole", "Ask about the move", "--new-person"])
        .status(2)
        .stdout("")
        .stderr(near_refused(
            "chole",
            "Chloé Dubois (chloe-dubois/)",
            "oneonone agenda --new-person chole 'Ask about the move'",
        ));
    t.run(&[
        "--dir",
        ".",
        "new",
        "chole",
        "--date",
        "2026-11-24",
        "--seed",
        "1",
        "--no-carry",
        "-f",
        "start-stop-continue",
    ])
    .status(2)
    .stderr(near_refused(
        "chole",
        "Chloé Dubois (chloe-dubois/)",
        "oneonone --dir . new --new-person chole --date 2026-11-24 --seed 1 --framework start-stop-continue --no-carry",
    ));
    assert_eq!(t.files(), before);
}

#[test]
fn issue11_an_empty_filter_says_what_was_filtered() {
    let t = owners();
    let empty = |args: &[&str], says: &str| {
        let mut all = vec!["--today", "2026-11-17", "followups"];
        all.extend_from_slice(args);
        t.run(&all)
            .ok()
            .stdout("")
            .stderr(format!("oneonone: {says}\n"));
    };
    empty(
        &["bob", "--theirs"],
        "nothing of Bob's own is open; `oneonone followups bob` lists the 4 open",
    );
    empty(
        &["--owner", "mary-ann-walsh"],
        "nothing owned by Mary Ann Walsh is open; `oneonone followups` lists the 9 open",
    );
    empty(
        &["--overdue"],
        "nothing is overdue; `oneonone followups` lists the 9 open",
    );
    empty(
        &["bob", "--mine"],
        "nothing of yours is open in Bob's notes; `oneonone followups bob` lists the 4 open",
    );
    empty(
        &["--owner", "chloe", "--overdue"],
        "nothing owned by Chloé Dubois is overdue; `oneonone followups` lists the 9 open",
    );
    empty(&["mary"], "no open follow-ups in Mary Ann Walsh's notes");
}

#[test]
fn issue14_a_cadence_that_is_not_a_number_of_days_is_said_in_words() {
    let t = Test::new();
    t.write(
        "alice/2026-11-20.md",
        "---\nperson: Alice\ndate: 2026-11-20\n---\n",
    );
    for (value, message) in [
        ("-3", "-3 days; it must be from 1 to 3650"),
        (
            "2.5",
            "not a whole number of days; it must be from 1 to 3650",
        ),
        (
            "often",
            "not a number of days; write a whole number from 1 to 3650",
        ),
    ] {
        t.write("alice/person.yaml", format!("cadence_days: {value}\n"));
        t.run(&["people"]).status(2).stderr(format!(
            "oneonone: warning: alice/person.yaml:1:15: cadence_days: {message}\n"
        ));
    }
}
