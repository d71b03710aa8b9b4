//! Issue 9: what an adversarial probe broke, each a test that failed on
//! the binary before the fix. Files in a notebook may come from someone
//! else (a report pushing through git): links, pipes, huge or hostile
//! settings, folders others can write to.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::Test;

const BOB: &str = "---\nperson: Bob\ndate: 2026-11-20\n---\n## Lift\n\n- [ ] Bob's shared item\n\n## Private\n\n- [ ] Talk to HR about Bob\n";

/// Bob's note, and Alice's folder with a note of her own.
fn two_people() -> Test {
    let t = Test::new();
    t.write("bob/2026-11-20.md", BOB);
    t.write(
        "alice/2026-11-10.md",
        "---\nperson: Alice\ndate: 2026-11-10\n---\n## Lift\n\n- [ ] Alice's item\n",
    );
    t
}

fn link(target: impl AsRef<Path>, at: &Path) {
    std::os::unix::fs::symlink(target, at).unwrap();
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

/// Every file below `dir` whose name marks a temp file of oneonone's,
/// hidden folders included, links not followed.
fn temp_files(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let kind = entry.file_type().unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if kind.is_dir() {
            found.extend(temp_files(&entry.path()));
        } else if Path::new(&name)
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("tmp"))
        {
            found.push(entry.path().display().to_string());
        }
    }
    found
}

#[test]
fn issue9_a_linked_agenda_is_never_followed() {
    let t = two_people();
    link("../bob/2026-11-20.md", &t.path("alice/agenda.md"));

    // `new` would have moved Bob's follow-ups, private ones included, into
    // Alice's note and out of his.
    let run = t.run(&["new", "alice", "--date", "2026-11-29"]).status(2);
    assert_eq!(
        run.stderr,
        "oneonone: error: alice/agenda.md: cannot read: is a symbolic link, and oneonone never follows links\n"
    );
    assert_eq!(t.read("bob/2026-11-20.md"), BOB);
    assert!(!t.path("alice/2026-11-29.md").exists());

    // `agenda` would have appended to Bob's note.
    let run = t.run(&["agenda", "alice", "a point"]).status(2);
    assert_eq!(
        run.stderr,
        "oneonone: error: alice/agenda.md: cannot read: is a symbolic link, and oneonone never follows links\n"
    );
    assert_eq!(t.read("bob/2026-11-20.md"), BOB);
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
    let run = Test::run_cmd(&mut cmd).status(2);
    assert!(
        run.stderr
            .contains("alice/agenda.md: cannot read: is a symbolic link")
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
    let run = t.run(&["--dir", ".", "people"]).status(2);
    assert_eq!(
        run.stderr,
        "oneonone: error: oneonone.yaml: cannot read: is a symbolic link, and oneonone never follows links\n"
    );
    fs::remove_file(t.path("oneonone.yaml")).unwrap();

    t.write("question-bank/.keep", "");
    link(
        outside.path().join("secret.yaml"),
        &t.path("question-bank/mine.yaml"),
    );
    let run = t.run(&["new", "alice", "--date", "2026-11-29"]).status(2);
    assert_eq!(
        run.stderr,
        "oneonone: error: question-bank/mine.yaml: cannot read: is a symbolic link, and oneonone never follows links\n"
    );
    fs::remove_dir_all(t.path("question-bank")).unwrap();
    link(outside.path(), &t.path("question-bank"));
    let run = t.run(&["new", "alice", "--date", "2026-11-29"]).status(2);
    assert_eq!(
        run.stderr,
        "oneonone: error: question-bank: cannot read the folder: is a symbolic link, and oneonone never follows links\n"
    );
}

#[test]
fn issue9_a_settings_file_has_a_size_cap() {
    let t = two_people();
    let mut big = String::from("manager: Me\n");
    big.push_str(&"# padding\n".repeat(120_000));
    t.write("oneonone.yaml", big);
    let run = t.run(&["people"]).status(2);
    assert_eq!(
        run.stderr,
        "oneonone: error: oneonone.yaml: cannot read: is larger than 1024 KiB, more than a settings file ever needs; not read\n"
    );
}

#[test]
fn issue9_the_lock_and_its_folder_are_never_links() {
    let t = two_people();
    let elsewhere = tempfile::tempdir().unwrap();
    // A linked .oneonone folder.
    link(elsewhere.path(), &t.path(".oneonone"));
    // Found by looking upward, it marks no notebook, and is not passed by
    // either: that would make the folder below it a second notebook.
    let marks_nothing = "is a symbolic link, and oneonone never follows links, so it marks no notebook; put the file or folder itself there";
    let run = t.run(&["agenda", "alice", "x"]).status(2);
    assert_eq!(
        run.stderr,
        format!("oneonone: error: .oneonone: {marks_nothing}\n")
    );
    let mut cmd = t.cmd();
    cmd.current_dir(t.path("bob"))
        .args(["agenda", "alice", "x"]);
    let run = Test::run_cmd(&mut cmd).status(2);
    assert_eq!(
        run.stderr,
        format!("oneonone: error: ../.oneonone: {marks_nothing}\n")
    );
    assert!(!t.path("bob/.oneonone").exists());
    assert!(!t.path("bob/alice").exists());
    // Named with --dir, the lock refuses it.
    let run = t.run(&["--dir", ".", "agenda", "alice", "x"]).status(2);
    assert_eq!(
        run.stderr,
        "oneonone: error: .oneonone: cannot create the folder: is a symbolic link, and oneonone never follows links\n"
    );
    assert_eq!(fs::read_dir(elsewhere.path()).unwrap().count(), 0);
    fs::remove_file(t.path(".oneonone")).unwrap();

    // A linked lock created an empty file anywhere.
    fs::create_dir(t.path(".oneonone")).unwrap();
    let planted = elsewhere.path().join("planted");
    link(&planted, &t.path(".oneonone/lock"));
    let run = t.run(&["agenda", "alice", "x"]).status(2);
    assert_eq!(
        run.stderr,
        "oneonone: error: .oneonone/lock: cannot open: is a symbolic link, and oneonone never follows links\n"
    );
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
            "oneonone: warning: alice/person.yaml:1:15: cadence_days: invalid type: string (not shown), expected a number of days from 1 to 3650\n"
        ),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("PIP"));
}

#[test]
fn issue9_a_huge_cadence_is_an_error_not_a_panic() {
    let t = two_people();
    t.write(
        "alice/person.yaml",
        "name: Alice\ncadence_days: 100000000\n",
    );
    let warning = "oneonone: warning: alice/person.yaml:2:15: cadence_days: 100000000 days; it must be from 1 to 3650\n";
    let run = t.run(&["people"]).status(2);
    assert!(run.stderr.contains(warning), "{}", run.stderr);
    // The rest of the notebook is still listed.
    assert!(run.stdout.contains("Bob"), "{}", run.stdout);
    for args in [&["prep", "alice"][..], &["patterns", "alice"]] {
        let run = t.run(args);
        assert_eq!(run.status, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(warning), "{}", run.stderr);
    }
    t.write("oneonone.yaml", "cadence_days: 0\n");
    let run = t.run(&["people"]).status(2);
    assert_eq!(
        run.stderr,
        "oneonone: error: oneonone.yaml:1:15: cadence_days: 0 days; it must be from 1 to 3650\n"
    );
}

/// Runs oneonone from a real shell with a file size limit and SIGXFSZ at
/// its default (deadly) action, as a user's shell would.
fn run_with_size_limit(t: &Test, kib: u32, args: &str) -> crate::Run {
    let script = format!("trap - XFSZ; ulimit -f {kib}; exec \"$0\" {args}");
    t.run_in_bash(&script)
}

#[test]
fn issue9_a_file_size_limit_fails_cleanly_instead_of_killing_new() {
    let t = Test::new();
    let filler = "Some long notes from that meeting.\n".repeat(400);
    let old = format!("---\nperson: Bob\ndate: 2026-11-03\n---\n{filler}- [ ] carry me\n");
    t.write("bob/2026-11-03.md", &old);
    t.run(&["agenda", "bob", "a point"]).ok();
    let agenda = t.read("bob/agenda.md");

    let run = run_with_size_limit(&t, 8, "new bob --date 2026-11-10").status(2);
    assert_eq!(
        run.stderr,
        "oneonone: error: bob/2026-11-03.md: cannot write: File too large (os error 27)\n"
    );
    assert_eq!(t.read("bob/2026-11-03.md"), old);
    assert_eq!(t.read("bob/agenda.md"), agenda);
    assert!(!t.path("bob/2026-11-10.md").exists());
    assert_eq!(temp_files(t.dir.path()), Vec::<String>::new());
}

#[test]
fn issue9_an_edit_keeps_the_exact_mode_and_refuses_a_read_only_note() {
    let t = two_people();
    let note = t.path("alice/2026-11-10.md");
    fs::set_permissions(&note, fs::Permissions::from_mode(0o660)).unwrap();
    t.run(&["done", "alice/2026-11-10.md:7"]).ok();
    assert!(t.read("alice/2026-11-10.md").contains("- [x] Alice's item"));
    // Not 0640, as the umask would have made it.
    assert_eq!(mode(&note), 0o660);

    fs::set_permissions(&note, fs::Permissions::from_mode(0o444)).unwrap();
    let run = t
        .run(&["done", "--reopen", "alice/2026-11-10.md:7"])
        .status(2);
    assert_eq!(
        run.stderr,
        "oneonone: error: alice/2026-11-10.md: cannot write: is read-only; oneonone edits only files you can write (chmod u+w to allow it)\n"
    );
    assert!(t.read("alice/2026-11-10.md").contains("- [x] Alice's item"));
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
                assert!(run.stderr.contains("changed"), "{}", run.stderr);
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
    let run = Test::run_cmd(&mut cmd).status(2);
    assert_eq!(
        run.stderr,
        "oneonone: error: ../oneonone.yaml: not used as the notebook: others may write to it; name the notebook with --dir or ONEONONE_DIR to use it anyway\n"
    );
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
    // Writing in Alice's folder cleans Bob's too.
    t.run(&["done", "alice/2026-11-10.md:7"]).ok();
    assert_eq!(temp_files(t.dir.path()), Vec::<String>::new());
}

#[test]
fn issue9_a_talking_point_with_a_direction_mark_is_refused() {
    let t = Test::new();
    let run = t.run(&["agenda", "bob", "pay \u{202e}gnp.exe"]).status(2);
    assert_eq!(
        run.stderr,
        "oneonone: error: a talking point cannot contain control characters or invisible direction marks\n"
    );
    assert_eq!(t.files(), Vec::<String>::new());
}

#[test]
fn issue9_check_names_every_link_pipe_and_leftover() {
    let t = two_people();
    let outside = tempfile::tempdir().unwrap();
    link("../bob/2026-11-20.md", &t.path("alice/agenda.md"));
    link(outside.path().join("x.yaml"), &t.path("alice/person.yaml"));
    fs::create_dir_all(t.path(".oneonone/tmp")).unwrap();
    link(outside.path().join("cache"), &t.path(".oneonone/cache-v1"));
    let status = std::process::Command::new("mkfifo")
        .arg(t.path("bob/2026-11-27.md"))
        .status()
        .unwrap();
    assert!(status.success());
    let long_ago = SystemTime::now() - Duration::from_secs(3600);
    for rel in [
        "bob/.oneonone-aB3dE9.tmp",
        ".oneonone/tmp/.oneonone-x1Y2z3.tmp",
    ] {
        t.write(rel, "words of a killed write");
        fs::File::options()
            .write(true)
            .open(t.path(rel))
            .unwrap()
            .set_modified(long_ago)
            .unwrap();
    }
    let mut cmd = t.cmd();
    cmd.args(["check", "--json"])
        .timeout(Duration::from_secs(20));
    let run = Test::run_cmd(&mut cmd).status(1);
    let problems: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    let found: Vec<(&str, &str)> = problems
        .iter()
        .map(|p| (p["path"].as_str().unwrap(), p["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            (".oneonone/cache-v1", "link"),
            (".oneonone/tmp/.oneonone-x1Y2z3.tmp", "leftover"),
            ("alice/agenda.md", "unreadable"),
            ("alice/person.yaml", "person.yaml"),
            ("bob/.oneonone-aB3dE9.tmp", "leftover"),
            ("bob/2026-11-27.md", "unreadable"),
        ]
    );
    // Nothing it found was changed or removed.
    assert!(t.path("bob/.oneonone-aB3dE9.tmp").exists());
}

#[test]
fn issue9_check_names_a_lock_or_temp_folder_of_the_wrong_kind() {
    let t = two_people();
    fs::create_dir(t.path(".oneonone")).unwrap();
    let status = std::process::Command::new("mkfifo")
        .arg(t.path(".oneonone/lock"))
        .status()
        .unwrap();
    assert!(status.success());
    t.write(".oneonone/tmp", "not a folder");
    // What a writing command refuses, check names.
    let mut cmd = t.cmd();
    cmd.args(["agenda", "alice", "x"])
        .timeout(Duration::from_secs(20));
    let run = Test::run_cmd(&mut cmd).status(2);
    assert_eq!(
        run.stderr,
        "oneonone: error: .oneonone/lock: cannot open: is not a regular file (a pipe or a device?); oneonone reads only regular files\n"
    );
    let mut cmd = t.cmd();
    cmd.args(["check"]).timeout(Duration::from_secs(20));
    let run = Test::run_cmd(&mut cmd).status(1);
    assert_eq!(
        run.stdout,
        ".oneonone/lock: is not a regular file (a pipe or a device?); oneonone's lock must be one\n  \
         fix: remove it; oneonone makes it again as it should be\n\
         .oneonone/tmp: is not a folder; oneonone keeps its lock and temp files in a folder here\n  \
         fix: remove it; oneonone makes it again as it should be\n"
    );
}
