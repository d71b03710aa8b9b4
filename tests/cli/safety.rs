//! Reliability and safety: concurrent runs, bad input of every kind, names
//! and paths, privacy, and `oneonone check`.

use std::fs;
use std::process::{Command, Stdio};

use serde::Deserialize;

use crate::{Test, followups_json};

/// Starts `n` copies of oneonone at once, each with its own arguments, and
/// waits for all of them; returns their exit codes.
fn run_parallel(t: &Test, args: impl Fn(usize) -> Vec<String>, n: usize) -> Vec<i32> {
    let children: Vec<_> = (0..n)
        .map(|i| {
            t.process(&[])
                .args(args(i))
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    children
        .into_iter()
        .map(|c| {
            let out = c.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            out.status.code().unwrap()
        })
        .collect()
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|s| (*s).to_string()).collect()
}

// ---------------------------------------------------------- concurrency

#[test]
fn twenty_concurrent_new_give_twenty_files() {
    let t = Test::new();
    run_parallel(
        &t,
        |_| strings(&["new", "alice", "--date", "2026-11-24"]),
        20,
    );
    let mut expected = vec!["alice/2026-11-24.md".to_string()];
    expected.extend((2..=20).map(|n| format!("alice/2026-11-24-{n}.md")));
    expected.sort();
    assert_eq!(t.files(), expected);
}

#[test]
fn twenty_concurrent_agenda_points_all_stay() {
    let t = Test::new();
    run_parallel(
        &t,
        |i| vec!["agenda".into(), "alice".into(), format!("point {i}")],
        20,
    );
    let agenda = t.read("alice/agenda.md");
    for i in 0..20 {
        assert_eq!(
            agenda.matches(&format!("- [ ] point {i}\n")).count(),
            1,
            "point {i}:\n{agenda}"
        );
    }
}

#[test]
fn concurrent_done_on_one_note_checks_every_item() {
    let t = Test::new();
    let body: String = (0..12).map(|i| format!("- [ ] item {i}\n")).collect();
    t.write("alice/2026-11-24.md", &body);
    run_parallel(
        &t,
        |i| vec!["done".into(), format!("alice/2026-11-24.md:{}", i + 1)],
        12,
    );
    let expected: String = (0..12).map(|i| format!("- [x] item {i}\n")).collect();
    assert_eq!(t.read("alice/2026-11-24.md"), expected);
}

#[test]
fn new_racing_done_never_loses_or_doubles_an_item() {
    for round in 0..5 {
        let t = Test::new();
        let body: String = (0..10).map(|i| format!("- [ ] item {i}\n")).collect();
        t.write("alice/2026-11-17.md", &body);
        let children: Vec<_> = (0..11)
            .map(|i| {
                let args: Vec<String> = if i == 5 {
                    strings(&["new", "alice", "--date", "2026-11-24"])
                } else {
                    let line = if i < 5 { i + 1 } else { i };
                    vec!["done".into(), format!("alice/2026-11-17.md:{line}")]
                };
                t.process(&[])
                    .args(args)
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for c in children {
            // A `done` that comes after `new` finds its item carried: refused.
            let _ = c.wait_with_output().unwrap();
        }
        let old = t.read("alice/2026-11-17.md");
        let new = t.read("alice/2026-11-24.md");
        for i in 0..10 {
            let checked = old.contains(&format!("- [x] item {i}\n"));
            let carried = old.contains(&format!("- [>] item {i}\n"));
            let open_in_new = new.contains(&format!("- [ ] item {i} (from 2026-11-17)\n"));
            assert!(
                checked ^ carried,
                "round {round}, item {i}: checked {checked}, carried {carried}\n{old}"
            );
            assert_eq!(carried, open_in_new, "round {round}, item {i}\n{new}");
        }
    }
}

// ------------------------------------------------------------ bad input

#[test]
fn every_kind_of_bad_file_is_named_and_the_rest_listed() {
    let t = Test::new();
    t.write("alice/2026-11-01.md", "- [ ] a good item\n");
    // An alias bomb in frontmatter finishes at once with an error.
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
    for (prev, name) in ["a", "b", "c", "d", "e", "f", "g", "h"]
        .iter()
        .zip(["b", "c", "d", "e", "f", "g", "h", "i"])
    {
        bomb.push_str(&format!(
            "{name}: &{name} [{}]\n",
            vec![format!("*{prev}"); 9].join(", ")
        ));
    }
    t.write(
        "bomb/2026-11-01.md",
        format!("---\n{bomb}---\n- [ ] under a bomb\n"),
    );
    t.write(
        "binary/2026-11-01.md",
        (0..=255u8).cycle().take(4096).collect::<Vec<u8>>(),
    );
    t.write("empty/2026-11-01.md", "");
    t.write("only-frontmatter/2026-11-01.md", "---\nperson: Only\n---\n");
    t.write("names/2026-11-01 copy with spaces.md", "- [ ] spaces\n");
    t.write("ünïcødé/2026-11-01.md", "- [ ] unicode\n");
    t.write("-dash/2026-11-01.md", "- [ ] leading dash\n");
    t.write(".git/objects/ab/cdef.md", "- [ ] in git\n");
    t.write(
        "deep/2026-11-01.md",
        format!("{}[ ] ten thousand levels down\n", "- ".repeat(10_000)),
    );
    t.write(
        "wide/2026-11-01.md",
        format!("- [ ] {}\n", "w".repeat(1 << 20)),
    );
    #[cfg(unix)]
    {
        fs::create_dir_all(t.path("loop")).unwrap();
        std::os::unix::fs::symlink("loop-b.md", t.path("loop/loop-a.md")).unwrap();
        std::os::unix::fs::symlink("loop-a.md", t.path("loop/loop-b.md")).unwrap();
        std::os::unix::fs::symlink("/etc/hostname", t.path("alice/outside.md")).unwrap();
    }
    let started = std::time::Instant::now();
    let run = t.run(&["followups", "--json"]).status(2);
    assert!(
        started.elapsed().as_secs() < 30,
        "took {:?}",
        started.elapsed()
    );
    let items: Vec<crate::Item> = serde_json::from_str(&run.stdout).unwrap();
    let mut texts: Vec<String> = items.into_iter().map(|i| i.text).collect();
    texts.sort();
    let mut expected = vec![
        "a good item".to_string(),
        "leading dash".into(),
        "spaces".into(),
        "ten thousand levels down".into(),
        "under a bomb".into(),
        "unicode".into(),
        "w".repeat(1 << 20),
    ];
    expected.sort();
    assert_eq!(texts, expected);
    let mut warnings: Vec<&str> = run.stderr.lines().collect();
    warnings.sort_unstable();
    let mut want = vec![
        "oneonone: warning: binary/2026-11-01.md:2: not UTF-8 text; skipped",
        "oneonone: warning: bomb/2026-11-01.md:2: repetition limit exceeded",
    ];
    #[cfg(unix)]
    want.extend([
        "oneonone: warning: alice/outside.md: symbolic link not followed; what it points to is not read",
        "oneonone: warning: loop/loop-a.md: symbolic link not followed; what it points to is not read",
        "oneonone: warning: loop/loop-b.md: symbolic link not followed; what it points to is not read",
    ]);
    want.sort_unstable();
    assert_eq!(warnings, want);
    // A name with a leading dash is reached after `--`.
    let run = t.run(&["done", "--", "-dash/2026-11-01.md:1"]).ok();
    assert_eq!(
        run.stderr,
        "oneonone: done: -dash/2026-11-01.md:1: leading dash\n"
    );
}

#[test]
fn a_fifty_megabyte_note_is_read_to_the_end() {
    let t = Test::new();
    let line = "Long notes from a long meeting, nothing but prose here at all.\n";
    let lines = 50 * 1024 * 1024 / line.len();
    t.write(
        "alice/2026-11-01.md",
        format!("{}- [ ] the last line\n", line.repeat(lines)),
    );
    let items = followups_json(&t, &[]);
    assert_eq!(items.len(), 1);
    assert_eq!(
        (items[0].line, items[0].text.as_str()),
        (lines + 1, "the last line")
    );
}

#[test]
fn an_alias_bomb_in_a_bank_file_is_an_error_at_once() {
    let t = Test::new();
    let mut bomb = String::from("questions:\n  listen:\n    - &a [x, x, x, x, x, x, x, x, x]\n");
    for (prev, name) in ["a", "b", "c", "d", "e", "f", "g"]
        .iter()
        .zip(["b", "c", "d", "e", "f", "g", "h"])
    {
        bomb.push_str(&format!(
            "    - &{name} [{}]\n",
            vec![format!("*{prev}"); 9].join(", ")
        ));
    }
    t.write("question-bank/bomb.yaml", bomb);
    let started = std::time::Instant::now();
    let run = t.run(&["questions"]).status(2);
    assert!(started.elapsed().as_secs() < 10);
    assert!(
        run.stderr
            .starts_with("oneonone: error: question-bank/bomb.yaml:"),
        "{}",
        run.stderr
    );
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_named_and_skipped() {
    use std::os::unix::fs::PermissionsExt;
    let t = Test::new();
    t.write("alice/2026-11-01.md", "- [ ] readable\n");
    t.write("alice/2026-11-02.md", "- [ ] secret\n");
    fs::set_permissions(
        t.path("alice/2026-11-02.md"),
        fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    for dir in [t.dir.path().to_path_buf(), t.path("alice")] {
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
    }
    fs::set_permissions(
        t.path("alice/2026-11-01.md"),
        fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    // Root reads anything: run as nobody then, as a manager would run.
    let wrapper: &[&str] = if is_root() {
        &[
            "setpriv",
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
        ]
    } else {
        &[]
    };
    let run = t.run_via(wrapper, &["followups", "--json"]).status(2);
    assert_eq!(
        run.stderr,
        "oneonone: warning: alice/2026-11-02.md: cannot read: Permission denied (os error 13)\n"
    );
    let items: Vec<crate::Item> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].text, "readable");
}

#[cfg(unix)]
fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout == b"0\n")
}

// --------------------------------------------------------------- privacy

#[cfg(unix)]
#[test]
fn privacy_can_be_relaxed_in_the_config() {
    use std::os::unix::fs::PermissionsExt;
    let t = Test::new();
    t.write("oneonone.yaml", "private_files: false\n");
    t.run(&["new", "bob", "--date", "2026-11-24"]).ok();
    let mode = |p: &str| fs::metadata(t.path(p)).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode("bob/2026-11-24.md"), 0o644);
    assert_eq!(mode("bob"), 0o755);
    t.run(&["agenda", "carol", "hi"]).ok();
    assert_eq!(mode("carol/agenda.md"), 0o644);
    assert_eq!(mode("carol/person.yaml"), 0o644);
}

#[test]
fn no_dependency_talks_to_the_network() {
    let lock = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.lock")).unwrap();
    let network = [
        "reqwest",
        "hyper",
        "ureq",
        "curl",
        "isahc",
        "attohttpc",
        "tokio",
        "async-std",
        "mio",
        "socket2",
        "rustls",
        "native-tls",
        "openssl",
        "h2",
        "tungstenite",
        "sentry",
        "opentelemetry",
    ];
    let found: Vec<&str> = network
        .iter()
        .copied()
        .filter(|name| lock.contains(&format!("name = \"{name}\"\n")))
        .collect();
    assert_eq!(found, Vec::<&str>::new());
}

// ----------------------------------------------------------------- check

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct CheckProblem {
    path: String,
    line: Option<usize>,
    kind: String,
    problem: String,
    fix: String,
}

/// `check --json` (which must find problems) read back.
fn check_json(t: &Test) -> (crate::Run, Vec<CheckProblem>) {
    let run = t.run(&["check", "--json"]).status(1);
    let problems = serde_json::from_str(&run.stdout).unwrap();
    (run, problems)
}

/// Path, line and kind of each problem.
fn where_and_what(problems: &[CheckProblem]) -> Vec<(&str, Option<usize>, &str)> {
    problems
        .iter()
        .map(|p| (p.path.as_str(), p.line, p.kind.as_str()))
        .collect()
}

#[test]
fn check_finds_each_kind_of_problem() {
    let t = Test::new();
    t.write(
        "alice/2026-11-01.md",
        "---\nperson: Alice\ndate: 2026-11-02\nframework: swot\nenergy: 9\n---\n- [>] lost item\n- [>] found item\n",
    );
    t.write(
        "alice/2026-11-08.md",
        "- [ ] found item (from 2026-11-01)\n",
    );
    t.write(
        "alice/2026-11-09.md",
        "- [ ] found item (from 2026-11-01)\n",
    );
    t.write("alice/ideas.md", "notes\n");
    t.write(
        "bob/agenda.md",
        "- [x] done\n  - [ ] orphan\n\n```\nunclosed\n",
    );
    t.write("bob/2026-11-01.md", "---\nperson: [bad\n---\n");
    t.write(
        "bob/2026-11-02.md",
        "<<<<<<< HEAD\n- [ ] a\n=======\n- [ ] b\n>>>>>>> x\n",
    );
    t.write("bob/person.yaml", "cadence_days: soon\n");
    t.write("README.md", "a repository readme is fine\n");
    let (run, problems) = check_json(&t);
    let got = where_and_what(&problems);
    assert_eq!(
        got,
        [
            ("alice/2026-11-01.md", Some(3), "date"),
            ("alice/2026-11-01.md", Some(4), "framework"),
            ("alice/2026-11-01.md", Some(5), "check-in"),
            ("alice/2026-11-01.md", Some(7), "carried"),
            ("alice/2026-11-09.md", None, "duplicate"),
            ("alice/ideas.md", None, "layout"),
            ("bob/2026-11-01.md", Some(3), "frontmatter"),
            ("bob/2026-11-02.md", Some(1), "conflict"),
            ("bob/agenda.md", None, "agenda"),
            ("bob/agenda.md", Some(2), "agenda"),
            ("bob/person.yaml", Some(1), "person.yaml"),
        ]
    );
    assert!(
        problems
            .iter()
            .all(|p| !p.problem.is_empty() && !p.fix.is_empty())
    );
    assert_eq!(run.stderr, "oneonone: 11 problems in 7 files\n");
    let text = t.run(&["check", "--color", "never"]).status(1).stdout;
    assert!(text.starts_with(
        "alice/2026-11-01.md:3: the file name says 2026-11-01, the frontmatter says 2026-11-02\n  fix: make the two agree (oneonone lists the frontmatter's date)\n"
    ), "{text}");
}

#[test]
fn check_is_quiet_on_a_clean_notebook() {
    let t = Test::new();
    t.run(&["agenda", "alice", "a point"]).ok();
    t.run(&["new", "alice", "--date", "2026-11-17"]).ok();
    let note = t
        .read("alice/2026-11-17.md")
        .replace("- [ ] \n\n## Private", "- [ ] one\n- [ ] \n\n## Private");
    fs::write(t.path("alice/2026-11-17.md"), note).unwrap();
    t.run(&["new", "alice", "--date", "2026-11-24"]).ok();
    t.run(&["checkin", "alice", "-e", "3"]).ok();
    let run = t.run(&["check", "--json"]).ok();
    assert_eq!(run.stdout, "[]\n");
    assert_eq!(run.stderr, "oneonone: no problems found in .\n");
}

// ------------------------------------------------------------ fast path

/// The benchmark's generated notebook, with every construct that trips a
/// line scan: the fast path (parallel, pre-filtered) finds exactly the
/// generator's count. (`followup::tests` compares it with the plain path.)
#[test]
fn followups_finds_exactly_the_generated_open_items() {
    let generator = std::path::Path::new(env!("CARGO_BIN_EXE_oneonone"))
        .parent()
        .unwrap()
        .join("examples/gen-corpus");
    assert!(
        generator.is_file(),
        "cargo test builds the gen-corpus example: {}",
        generator.display()
    );
    let t = Test::new();
    let out = Command::new(&generator)
        .arg(t.path("book"))
        .args(["--people", "7", "--notes", "400", "--seed", "3"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let expected: usize = String::from_utf8(out.stdout)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(expected > 100, "{expected}");
    let run = t.run(&["--dir", "book", "followups", "--json"]).ok();
    let items: Vec<crate::Item> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(items.len(), expected);
}

// ----------------------------------------------------------------- cache

/// The cache answers for unchanged notes, and never for a changed one, even
/// one edited within the same second to the same size.
#[test]
fn the_cache_is_never_stale() {
    let t = Test::new();
    // The cache is kept in a notebook's existing .oneonone/.
    fs::create_dir(t.path(".oneonone")).unwrap();
    t.write("alice/2026-11-01.md", "- [ ] first version\n");
    t.write("bob/2026-11-01.md", "- [ ] bob's item\n");
    // A note changed in the last two seconds is not cached (a later write
    // might fall in the same clock tick): wait that out once.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    assert_eq!(followups_json(&t, &[]).len(), 2);
    let cache_path = t.path(".oneonone/cache-v1");
    let cache = fs::read_to_string(&cache_path).unwrap();
    assert!(cache.contains("first version"), "{cache}");

    // A doctored cache is not trusted (tests/cli/cache.rs shows a signed
    // one answering for unchanged notes).
    fs::write(&cache_path, cache.replace("first version", "FROM CACHE!!")).unwrap();
    let texts: Vec<String> = followups_json(&t, &[])
        .into_iter()
        .map(|i| i.text)
        .collect();
    assert_eq!(texts, ["first version", "bob's item"]);

    // Edited right away, same size, same second: read again.
    t.write("alice/2026-11-01.md", "- [ ] other version\n");
    let texts: Vec<String> = followups_json(&t, &[])
        .into_iter()
        .map(|i| i.text)
        .collect();
    assert_eq!(texts, ["other version", "bob's item"]);
    // Ticked off by oneonone: gone from the list at once.
    t.run(&["done", "bob/2026-11-01.md:1"]).ok();
    let texts: Vec<String> = followups_json(&t, &[])
        .into_iter()
        .map(|i| i.text)
        .collect();
    assert_eq!(texts, ["other version"]);
    // Deleted: gone; a broken cache is rebuilt; `cache: false` never writes one.
    fs::remove_file(t.path("alice/2026-11-01.md")).unwrap();
    assert_eq!(followups_json(&t, &[]).len(), 0);
    fs::write(&cache_path, "not json").unwrap();
    t.write("carol/2026-11-01.md", "- [ ] carol\n");
    assert_eq!(followups_json(&t, &[]).len(), 1);
    t.write("oneonone.yaml", "cache: false\n");
    assert_eq!(followups_json(&t, &[]).len(), 1);
    assert!(!cache_path.exists(), "cache: false leaves no copy behind");
}

#[test]
fn check_follows_carried_items_across_notes() {
    let t = Test::new();
    // Carried from 11-01 into 11-08, then put back to open by hand: open
    // in two places. And a carried item with its text on the next line,
    // whose copy is gone.
    t.write(
        "bob/2026-11-01.md",
        "- [ ] Draft the plan\n- [>]\n  Next-line item\n",
    );
    t.write(
        "bob/2026-11-08.md",
        "- [ ] Draft the plan (from 2026-11-01)\n",
    );
    // Two meetings the same day, both still the empty template: no problem.
    t.write("bob/2026-11-15.md", "## Notes\n");
    t.write("bob/2026-11-15-2.md", "## Notes\n");
    let (_, problems) = check_json(&t);
    let got = where_and_what(&problems);
    assert_eq!(
        got,
        [
            ("bob/2026-11-01.md", Some(1), "open twice"),
            ("bob/2026-11-01.md", Some(2), "carried")
        ]
    );
    assert_eq!(problems[0].problem, "open here and in bob/2026-11-08.md:1");
    assert_eq!(
        problems[1].problem,
        "`[>] Next-line item` was carried, but no later note of bob holds it"
    );
}

#[test]
fn a_person_folder_is_not_taken_for_the_notebook() {
    let t = Test::new();
    t.run(&["new", "bob", "--date", "2026-11-24"]).ok();
    // From inside bob/, with no oneonone.yaml anywhere: the notebook is
    // still the folder the first note was written in.
    let run = Test::run_cmd(t.cmd().current_dir(t.path("bob")).args([
        "new",
        "carol",
        "--date",
        "2026-11-24",
    ]))
    .ok();
    assert_eq!(run.stdout, "../carol/2026-11-24.md\n");
    assert!(t.path("carol/2026-11-24.md").is_file());
}
