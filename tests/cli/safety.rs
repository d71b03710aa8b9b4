//! What holds across commands: concurrent runs and races, the notebook lock,
//! links, devices and pipes, size limits, leftover temp files, where the
//! notebook is found, file permissions, and names that could drive a
//! terminal.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, SystemTime};

use serde_json::Value;

use crate::Test;
use crate::fixtures::{BOB, NOTE_HEAD, check, link, owned, temp_files, two_people};

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

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

/// What the sanitizer replaces.
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(unix)]
#[test]
fn notes_and_folders_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let t = Test::new();
    t.run(&["--dir", "book", "new", "Alice", "--date", "2026-11-24"])
        .ok();
    let mode = |p: &str| fs::metadata(t.path(p)).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode("book"), 0o700);
    assert_eq!(mode("book/alice"), 0o700);
    assert_eq!(mode("book/alice/2026-11-24.md"), 0o600);
}

#[test]
fn dir_flag_beats_env_which_beats_discovery() {
    let t = Test::new();
    t.write("found/oneonone.yaml", "framework: listen-learn-lift\n");
    fs::create_dir_all(t.path("found/alice/deep")).unwrap();

    // --dir, relative to the current folder, shown as given.
    Test::run_cmd(t.cmd().env("ONEONONE_DIR", t.path("env")).args([
        "--dir",
        "flag",
        "new",
        "bob",
        "--date",
        "2026-11-24",
    ]))
    .ok()
    .stdout("flag/bob/2026-11-24.md\n");

    // $ONEONONE_DIR when there is no --dir.
    let env_dir = t.path("env");
    let run = Test::run_cmd(t.cmd().env("ONEONONE_DIR", &env_dir).args([
        "new",
        "bob",
        "--date",
        "2026-11-24",
    ]))
    .ok();
    // An absolute folder inside the current one is shown relative to it.
    assert_eq!(run.stdout, "env/bob/2026-11-24.md\n");
    let elsewhere = tempfile::tempdir().unwrap();
    let run = Test::run_cmd(t.cmd().env("ONEONONE_DIR", elsewhere.path()).args([
        "new",
        "bob",
        "--date",
        "2026-11-24",
    ]))
    .ok();
    assert_eq!(
        PathBuf::from(run.stdout.trim_end()),
        elsewhere.path().join("bob/2026-11-24.md")
    );
    assert!(env_dir.join("bob/2026-11-24.md").is_file());

    // Neither: the nearest folder above holding oneonone.yaml, paths shown
    // relative to where we are.
    Test::run_cmd(t.cmd().current_dir(t.path("found/alice/deep")).args([
        "new",
        "bob",
        "--date",
        "2026-11-24",
    ]))
    .ok()
    .stdout("../../bob/2026-11-24.md\n");
    assert!(t.path("found/bob/2026-11-24.md").is_file());

    // Neither, in the current folder: it is a notebook (`.oneonone/`).
    t.run(&["new", "carol", "--date", "2026-11-24"])
        .ok()
        .stdout("carol/2026-11-24.md\n");
}

#[test]
fn issue9_a_linked_agenda_is_never_followed() {
    let t = two_people();
    link("../bob/2026-11-20.md", &t.path("alice/agenda.md"));

    // `new` would have moved Bob's follow-ups, private ones included, into
    // Alice's note and out of his.
    t.run(&["new", "alice", "--date", "2026-11-29"]).status(2).stderr("oneonone: error: alice/agenda.md: cannot read: is a symbolic link, and oneonone never follows links\n");
    t.file("bob/2026-11-20.md", BOB);
    assert!(!t.path("alice/2026-11-29.md").exists());

    // `agenda` would have appended to Bob's note.
    t.run(&["agenda", "alice", "a point"]).status(2).stderr("oneonone: error: alice/agenda.md: cannot read: is a symbolic link, and oneonone never follows links\n");
    t.file("bob/2026-11-20.md", BOB);
    assert!(
        fs::symlink_metadata(t.path("alice/agenda.md"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn issue9_a_link_out_of_the_notebook_is_not_written_through() {
    let t = two_people();
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("somewhere.md");
    fs::write(&target, "- [ ] not a notebook file\n").unwrap();
    link(&target, &t.path("alice/agenda.md"));
    t.run(&["agenda", "alice", "a point"]).status(2);
    t.run(&["new", "alice", "--date", "2026-11-29"]).status(2);
    assert_eq!(
        fs::read_to_string(&target).unwrap(),
        "- [ ] not a notebook file\n"
    );
}

#[test]
fn issue9_a_device_or_a_pipe_is_refused_at_once() {
    let t = two_people();
    // A link to /dev/zero ate the memory; a FIFO hung the command.
    link("/dev/zero", &t.path("alice/agenda.md"));
    let mut cmd = t.cmd();
    cmd.args(["new", "alice"]).timeout(Duration::from_secs(20));
    Test::run_cmd(&mut cmd).status(2).stderr(
        "oneonone: error: alice/agenda.md: cannot read: is a symbolic link, and oneonone never follows links\n",
    );

    fs::remove_file(t.path("alice/agenda.md")).unwrap();
    let status = std::process::Command::new("mkfifo")
        .arg(t.path("alice/agenda.md"))
        .status()
        .unwrap();
    assert!(status.success());
    for args in [
        &["new", "alice"][..],
        &["agenda", "alice", "x"],
        &["agenda", "alice"],
    ] {
        let mut cmd = t.cmd();
        cmd.args(args).timeout(Duration::from_secs(20));
        let run = Test::run_cmd(&mut cmd).status(2);
        assert_eq!(
            run.stderr,
            "oneonone: error: alice/agenda.md: cannot read: is not a regular file (a pipe or a device?); oneonone reads only regular files\n",
            "{args:?}"
        );
    }
}

#[test]
fn issue9_settings_files_are_not_read_through_links() {
    let t = two_people();
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.yaml"), "name: Secret\n").unwrap();

    link(
        outside.path().join("secret.yaml"),
        &t.path("alice/person.yaml"),
    );
    let run = t.run(&["people"]).status(2);
    assert!(
        run.stderr.contains(
            "oneonone: warning: alice/person.yaml: cannot read: is a symbolic link, and oneonone never follows links\n"
        ),
        "{}",
        run.stderr
    );
    assert!(!run.stdout.contains("Secret"), "{}", run.stdout);
    fs::remove_file(t.path("alice/person.yaml")).unwrap();

    link(outside.path().join("secret.yaml"), &t.path("oneonone.yaml"));
    t.run(&["--dir", ".", "people"]).status(2).stderr("oneonone: error: oneonone.yaml: cannot read: is a symbolic link, and oneonone never follows links\n");
    fs::remove_file(t.path("oneonone.yaml")).unwrap();

    t.write("question-bank/.keep", "");
    link(
        outside.path().join("secret.yaml"),
        &t.path("question-bank/mine.yaml"),
    );
    t.run(&["new", "alice", "--date", "2026-11-29"]).status(2).stderr("oneonone: error: question-bank/mine.yaml: cannot read: is a symbolic link, and oneonone never follows links\n");
    fs::remove_dir_all(t.path("question-bank")).unwrap();
    link(outside.path(), &t.path("question-bank"));
    t.run(&["new", "alice", "--date", "2026-11-29"]).status(2).stderr("oneonone: error: question-bank: cannot read the folder: is a symbolic link, and oneonone never follows links\n");
}

#[test]
fn issue9_a_settings_file_has_a_size_cap() {
    let t = two_people();
    let mut big = String::from("manager: Me\n");
    big.push_str(&"# padding\n".repeat(120_000));
    t.write("oneonone.yaml", big);
    t.run(&["people"]).status(2).stderr("oneonone: error: oneonone.yaml: cannot read: is larger than 1024 KiB, more than a settings file ever needs; not read\n");
}

#[test]
fn issue9_the_lock_and_its_folder_are_never_links() {
    let t = two_people();
    let elsewhere = tempfile::tempdir().unwrap();
    // A linked .oneonone folder.
    fs::remove_dir(t.path(".oneonone")).unwrap();
    link(elsewhere.path(), &t.path(".oneonone"));
    // Found by looking upward, it marks no notebook, and is not passed by
    // either: that would make the folder below it a second notebook.
    let marks_nothing = "is a symbolic link, and oneonone never follows links, so it marks no notebook; put the file or folder itself there";
    t.run(&["agenda", "alice", "x"])
        .status(2)
        .stderr(format!("oneonone: error: .oneonone: {marks_nothing}\n"));
    let mut cmd = t.cmd();
    cmd.current_dir(t.path("bob"))
        .args(["agenda", "alice", "x"]);
    Test::run_cmd(&mut cmd)
        .status(2)
        .stderr(format!("oneonone: error: ../.oneonone: {marks_nothing}\n"));
    assert!(!t.path("bob/.oneonone").exists());
    assert!(!t.path("bob/alice").exists());
    // Named with --dir, the lock refuses it.
    t.run(&["--dir", ".", "agenda", "alice", "x"]).status(2).stderr("oneonone: error: .oneonone: cannot create the folder: is a symbolic link, and oneonone never follows links\n");
    assert_eq!(fs::read_dir(elsewhere.path()).unwrap().count(), 0);
    fs::remove_file(t.path(".oneonone")).unwrap();

    // A linked lock created an empty file anywhere.
    fs::create_dir(t.path(".oneonone")).unwrap();
    let planted = elsewhere.path().join("planted");
    link(&planted, &t.path(".oneonone/lock"));
    t.run(&["agenda", "alice", "x"]).status(2).stderr("oneonone: error: .oneonone/lock: cannot open: is a symbolic link, and oneonone never follows links\n");
    assert!(!planted.exists());
}

#[test]
fn issue9_yaml_errors_do_not_quote_what_the_file_says() {
    let t = two_people();
    t.write(
        "alice/person.yaml",
        "cadence_days: Talk to HR about the PIP\n",
    );
    let run = t.run(&["people"]).status(2);
    assert!(
        run.stderr.contains(
            "oneonone: warning: alice/person.yaml:1:15: cadence_days: not a number of days; write a whole number from 1 to 3650\n"
        ),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("PIP"));
}

#[test]
fn issue9_an_edit_keeps_the_exact_mode_and_refuses_a_read_only_note() {
    let t = two_people();
    let note = t.path("alice/2026-11-10.md");
    // A mode no umask gives (group-writable, other-readable).
    fs::set_permissions(&note, fs::Permissions::from_mode(0o664)).unwrap();
    let ticked = "---\nperson: Alice\ndate: 2026-11-10\n---\n## Lift\n\n- [x] Alice's item\n";
    t.run(&["done", "alice/2026-11-10.md:7"]).ok();
    t.file("alice/2026-11-10.md", ticked);
    // Not 0644, as a 022 umask would have made it.
    assert_eq!(mode(&note), 0o664);

    fs::set_permissions(&note, fs::Permissions::from_mode(0o444)).unwrap();
    t
        .run(&["done", "--reopen", "alice/2026-11-10.md:7"])
        .status(2).stderr("oneonone: error: alice/2026-11-10.md: cannot write: is read-only; oneonone edits only files you can write (chmod u+w to allow it)\n");
    t.file("alice/2026-11-10.md", ticked);
    assert_eq!(mode(&note), 0o444);
}

#[test]
fn issue9_no_save_is_lost_while_done_races_an_editor() {
    use std::io::Write;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    let t = Test::new();
    t.write(
        "alice/2026-11-10.md",
        "---\nperson: Alice\ndate: 2026-11-10\n---\n## Lift\n\n- [ ] the item\n\n## Notes\n\n",
    );
    let path = t.path("alice/2026-11-10.md");
    let stop = Arc::new(AtomicBool::new(false));
    // An editor saving in place: append a line every 0 to 20 ms.
    let writer = {
        let (stop, path) = (stop.clone(), path.clone());
        std::thread::spawn(move || {
            let mut written = 0u32;
            let mut seed = 0x2545_f491_u32;
            while !stop.load(Ordering::Relaxed) {
                let mut file = fs::OpenOptions::new().append(true).open(&path).unwrap();
                writeln!(file, "saved line {written}").unwrap();
                drop(file);
                written += 1;
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                std::thread::sleep(Duration::from_millis(u64::from(seed % 21)));
            }
            written
        })
    };
    let started = SystemTime::now();
    let (mut rounds, mut refused) = (0, 0);
    // 1,500 alternations, or as many as fit in two minutes on a slow machine.
    while rounds < 1500 && started.elapsed().unwrap() < Duration::from_secs(120) {
        let open = fs::read_to_string(&path)
            .unwrap()
            .contains("- [ ] the item");
        let args: &[&str] = if open {
            &["done", "--match", "the item"]
        } else {
            &["done", "--reopen", "--match", "the item"]
        };
        let run = t.run(args);
        match run.status {
            0 => {}
            2 => {
                // Refused only because the editor wrote meanwhile.
                let expected = [
                    "oneonone: error: alice/2026-11-10.md: cannot write: the file changed while oneonone was editing it; nothing was written, run the command again\n",
                    "oneonone: error: alice/2026-11-10.md:7: the note changed while oneonone was reading it; run the command again\n",
                ];
                assert!(expected.contains(&run.stderr.as_str()), "{}", run.stderr);
                refused += 1;
            }
            other => panic!("exit {other}: {}", run.stderr),
        }
        rounds += 1;
    }
    stop.store(true, Ordering::Relaxed);
    let written = writer.join().unwrap();
    let text = fs::read_to_string(&path).unwrap();
    let lost: Vec<u32> = (0..written)
        .filter(|n| text.matches(&format!("saved line {n}\n")).count() != 1)
        .collect();
    assert_eq!(
        lost,
        Vec::<u32>::new(),
        "{rounds} rounds, {refused} refused, {written} saves"
    );
    assert!(
        written > 50 && rounds > 200,
        "{rounds} rounds, {written} saves"
    );
    // A `done` that refused every time would lose nothing either. How many
    // runs meet a save depends on how long each takes: on a loaded machine
    // (two cores shared with a compiler) over half may; never nine in ten.
    assert!(
        refused * 10 < rounds * 9 && rounds - refused >= 100,
        "{refused} of {rounds} refused"
    );
}

#[test]
fn issue9_discovery_stops_at_a_folder_others_can_write() {
    let t = Test::new();
    // A world-writable folder with a planted notebook that would make
    // every note written below it readable by all.
    t.write("shared/oneonone.yaml", "private_files: false\n");
    fs::create_dir(t.path("shared/mine")).unwrap();
    fs::set_permissions(t.path("shared"), fs::Permissions::from_mode(0o777)).unwrap();
    let mut cmd = t.cmd();
    cmd.current_dir(t.path("shared/mine"))
        .args(["new", "bob", "--date", "2026-11-29"]);
    Test::run_cmd(&mut cmd).status(2).stderr("oneonone: error: ../oneonone.yaml: not used as the notebook: others may write to it; name the notebook with --dir or ONEONONE_DIR to use it anyway\n");
    assert!(!t.path("shared/bob").exists());
    assert!(!t.path("shared/mine/bob").exists());

    // Named on purpose, it is used.
    let mut cmd = t.cmd();
    cmd.current_dir(t.path("shared/mine")).args([
        "--dir",
        "..",
        "new",
        "bob",
        "--date",
        "2026-11-29",
    ]);
    Test::run_cmd(&mut cmd).ok();
    assert!(t.path("shared/bob/2026-11-29.md").exists());
}

#[test]
fn issue9_leftover_temp_files_are_removed_by_the_next_write() {
    let t = two_people();
    let long_ago = SystemTime::now() - Duration::from_secs(3600);
    let stale = |rel: &str| {
        t.write(rel, "Private words of a killed write");
        fs::File::options()
            .write(true)
            .open(t.path(rel))
            .unwrap()
            .set_modified(long_ago)
            .unwrap();
    };
    stale("alice/.oneonone-aB3dE9.tmp");
    stale("bob/.oneonone-Qr5sT7.tmp");
    stale(".oneonone/tmp/.oneonone-x1Y2z3.tmp");
    // One that may be another command's, still being written, stays.
    t.write("bob/.oneonone-Fr35h1.tmp", "being written");
    // Writing in Alice's folder cleans Bob's too.
    t.run(&["done", "alice/2026-11-10.md:7"]).ok();
    assert_eq!(
        temp_files(t.dir.path()),
        [t.path("bob/.oneonone-Fr35h1.tmp").display().to_string()]
    );
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
    t.run(&["followups", "--json"]).status(2).stdout("[]\n").stderr("oneonone: warning: bob/2026-11-01.md: symbolic link not followed; what it points to is not read\n");
}

#[test]
fn issue9_yaml_nested_too_deep_is_refused_naming_the_file() {
    // The YAML parser pays the depth for every token: a line of `[` took
    // seconds. 100 levels is refused before the parser sees it.
    let deep = format!("{}1{}", "[".repeat(100), "]".repeat(100));
    let refused = "YAML nested more than 64 levels deep; oneonone does not read it";

    let t = Test::new();
    t.write("oneonone.yaml", format!("manager: Sam\nx: {deep}\n"));
    t.run(&["people"])
        .status(2)
        .stderr(format!("oneonone: error: oneonone.yaml:2: {refused}\n"));

    let t = Test::new();
    t.write(
        "question-bank/mine.yaml",
        format!("questions:\n  listen: {deep}\n"),
    );
    t.run(&["new", "alice", "--date", "2026-02-02"])
        .status(2)
        .stderr(format!(
            "oneonone: error: question-bank/mine.yaml:2: {refused}\n"
        ));
    assert_eq!(t.files(), ["question-bank/mine.yaml"]);

    let t = Test::new();
    t.write(
        "alice/person.yaml",
        format!("name: Alice\nrole:\n  - {deep}\n"),
    );
    t.write("alice/2026-01-05.md", format!("{NOTE_HEAD}- [ ] hi\n"));
    t.run(&["people", "--json"]).status(2).stderr(format!(
        "oneonone: warning: alice/person.yaml:3: {refused}\n"
    ));

    // A note's frontmatter: its follow-ups still count; `check` says why.
    let t = Test::new();
    t.write(
        "alice/2026-01-05.md",
        format!("---\nperson: Alice\nx: {deep}\n---\n- [ ] still listed\n"),
    );
    let run = t.run(&["followups", "--json"]).status(2);
    let items: Vec<Value> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["text"], "still listed");
    assert_eq!(
        run.stderr,
        format!("oneonone: warning: alice/2026-01-05.md:3: {refused}\n")
    );
    assert_eq!(
        check(&t, 1),
        owned(&[("alice/2026-01-05.md", Some(3), "frontmatter", refused)])
    );
}

#[test]
fn issue9_frontmatter_over_64_kib_is_refused() {
    // An 80 KB line of `[` (seconds in every command that read it), and
    // 70 KB of plain keys: both larger than a note's frontmatter may be.
    for yaml in [
        format!("x: {}\n", "[".repeat(80_000)),
        (0..7000).map(|i| format!("k{i:05}: v\n")).collect(),
    ] {
        let t = Test::new();
        let kib = (yaml.len() + "person: Alice\n".len()).div_ceil(1024);
        t.write(
            "alice/2026-01-05.md",
            format!("---\nperson: Alice\n{yaml}---\n- [ ] still listed\n"),
        );
        let run = t.run(&["followups", "--json"]).status(2);
        let items: Vec<Value> = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0]["text"], "still listed");
        assert_eq!(
            run.stderr,
            format!(
                "oneonone: warning: alice/2026-01-05.md:2: {kib} KiB of YAML; oneonone reads at most 64 KiB here\n"
            )
        );
    }
}

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
    t.file("alice/2026-11-24.md", expected);
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

#[test]
fn a_person_folder_is_not_taken_for_the_notebook() {
    let t = Test::new();
    t.run(&["new", "bob", "--date", "2026-11-24"]).ok();
    // From inside bob/, with no oneonone.yaml anywhere: the notebook is
    // still the folder the first note was written in.
    Test::run_cmd(t.cmd().current_dir(t.path("bob")).args([
        "new",
        "carol",
        "--date",
        "2026-11-24",
    ]))
    .ok()
    .stdout("../carol/2026-11-24.md\n");
    assert!(t.path("carol/2026-11-24.md").is_file());
}

#[test]
fn issue9_names_with_control_or_direction_characters_are_refused() {
    let t = Test::new();
    for (args, name) in [
        (&["new", "Alice\u{202e}htims"][..], "Alice\u{202e}htims"),
        (&["new", "Eve\u{9b}2J"], "Eve\u{9b}2J"),
        (&["new", "Dan\u{61c}"], "Dan\u{61c}"),
        (&["agenda", "Bob\u{2066}", "a point"], "Bob\u{2066}"),
        (&["agenda", "Carol\u{200f}x", "a point"], "Carol\u{200f}x"),
    ] {
        let run = t.run(args).status(2);
        let shown: String = format!("{name:?}")
            .chars()
            .map(|c| if is_unsafe(c) { '\u{fffd}' } else { c })
            .collect();
        assert_eq!(
            run.stderr,
            format!(
                "oneonone: error: cannot use {shown} as a person: a name cannot contain control characters (line breaks, tabs, escapes) or invisible direction marks\n"
            ),
            "{args:?}"
        );
        assert_eq!(t.files(), Vec::<String>::new(), "{args:?}");
    }
}
