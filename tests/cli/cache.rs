//! The follow-up cache (issue 9): signed, bound to each file's bytes,
//! private, never followed through a link, never stale, never trusted over
//! the notes themselves.

use std::fs;
use std::time::Duration;

use crate::{Test, followups_json};

/// A note changed in the last two seconds is not cached (a later write
/// might fall in the same clock tick): wait that out.
fn wait_out_the_racy_window() {
    std::thread::sleep(Duration::from_millis(2100));
}

fn texts(t: &Test) -> Vec<String> {
    followups_json(t, &[]).into_iter().map(|i| i.text).collect()
}

/// A notebook with `.oneonone/` (as `new`, `agenda`, `done` leave it, and
/// `Test::new` makes it) and a warm cache.
fn cached() -> Test {
    let t = Test::new();
    t.write("alice/2026-11-01.md", "- [ ] real item\nSome prose.\n");
    t.write("bob/2026-11-01.md", "- [ ] bob's item\n");
    wait_out_the_racy_window();
    assert_eq!(texts(&t), ["real item", "bob's item"]);
    t
}

/// The cache file of a folder at the notebook's top (`alice/`) or of a
/// note there.
pub fn cache_file(t: &Test, unit: &str) -> std::path::PathBuf {
    t.path(&format!(
        ".oneonone/cache/{}",
        oneonone::cache_unit_file(unit)
    ))
}

/// Rewrites the entries of `unit`'s cache file and signs it again with the
/// notebook's key, as only oneonone can.
fn resign(t: &Test, unit: &str, change: impl FnOnce(&mut serde_json::Value)) {
    let key: [u8; 32] = fs::read(t.path(".oneonone/cache-key"))
        .unwrap()
        .try_into()
        .unwrap();
    let file = fs::read(cache_file(t, unit)).unwrap();
    let at = file.iter().position(|&b| b == b'\n').unwrap();
    let mut cache = oneonone::cache_body_to_json(&file[at + 1..]).unwrap();
    assert_eq!(cache["unit"], unit);
    change(&mut cache["entries"]);
    let body = oneonone::cache_body_from_json(&cache).unwrap();
    let mac = blake3::keyed_hash(&key, &body);
    let mut signed = format!("oneonone-cache {}\n", mac.to_hex()).into_bytes();
    signed.extend_from_slice(&body);
    fs::write(cache_file(t, unit), signed).unwrap();
}

/// Whether the (binary) cache file holds these bytes.
fn holds(cache: &[u8], what: &[u8]) -> bool {
    cache.windows(what.len()).any(|w| w == what)
}

/// The cache file with the first `what` replaced by `with`, as long.
fn replace(cache: &[u8], what: &[u8], with: &[u8]) -> Vec<u8> {
    assert_eq!(what.len(), with.len());
    let at = cache.windows(what.len()).position(|w| w == what).unwrap();
    let mut edited = cache.to_vec();
    edited[at..at + with.len()].copy_from_slice(with);
    edited
}

#[test]
fn issue9_a_doctored_cache_is_rebuilt_not_trusted() {
    let t = cached();
    let cache_path = cache_file(&t, "alice/");
    let cache = fs::read(&cache_path).unwrap();
    assert!(holds(&cache, b"real item"));
    // Edited by hand, stamps kept: a fake item in place of the real one.
    fs::write(&cache_path, replace(&cache, b"real item", b"fake item")).unwrap();
    assert_eq!(texts(&t), ["real item", "bob's item"]);
    // ... and rebuilt, with the real item again.
    let rebuilt = fs::read(&cache_path).unwrap();
    assert!(holds(&rebuilt, b"real item") && !holds(&rebuilt, b"fake item"));
    assert_eq!(texts(&t), ["real item", "bob's item"]);

    // A cache that is not even the right shape is rebuilt as well.
    fs::write(&cache_path, "not a cache").unwrap();
    assert_eq!(texts(&t), ["real item", "bob's item"]);
}

#[cfg(unix)]
#[test]
fn issue9_a_linked_cache_is_not_read() {
    let t = cached();
    // The real cache moved away and linked back: not read, and not
    // written through either (the link is replaced by a file).
    fs::rename(cache_file(&t, "alice/"), t.path("elsewhere")).unwrap();
    std::os::unix::fs::symlink(t.path("elsewhere"), cache_file(&t, "alice/")).unwrap();
    let before = fs::read(t.path("elsewhere")).unwrap();
    resign(&t, "alice/", |entries| {
        entries["alice/2026-11-01.md"][2][2][0][2] = "FROM CACHE".into();
    });
    let signed = fs::read(t.path("elsewhere")).unwrap();
    assert_ne!(before, signed);
    assert_eq!(texts(&t), ["real item", "bob's item"]);
    assert_eq!(fs::read(t.path("elsewhere")).unwrap(), signed);
    assert!(
        !fs::symlink_metadata(cache_file(&t, "alice/"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    // Nor is a linked folder of cache files read or written through.
    fs::rename(t.path(".oneonone/cache"), t.path("elsewhere-folder")).unwrap();
    std::os::unix::fs::symlink(t.path("elsewhere-folder"), t.path(".oneonone/cache")).unwrap();
    resign(&t, "alice/", |entries| {
        entries["alice/2026-11-01.md"][2][2][0][2] = "FROM CACHE".into();
    });
    let signed = fs::read(
        t.path("elsewhere-folder")
            .join(oneonone::cache_unit_file("alice/")),
    )
    .unwrap();
    assert_eq!(texts(&t), ["real item", "bob's item"]);
    let after = fs::read(
        t.path("elsewhere-folder")
            .join(oneonone::cache_unit_file("alice/")),
    )
    .unwrap();
    assert_eq!(after, signed);
}

/// The cache's own key signs it: a cache that checks out is what answers
/// for an unchanged note (which is what makes a second run fast) ...
#[test]
fn issue9_a_signed_cache_answers_for_unchanged_notes() {
    let t = cached();
    resign(&t, "alice/", |entries| {
        entries["alice/2026-11-01.md"][2][2][0][2] = "FROM CACHE".into();
    });
    assert_eq!(texts(&t), ["FROM CACHE", "bob's item"]);
}

/// ... unless a note's bytes are not those its entry was made from (a
/// stamp that lies: a clock set back, a file system without change
/// times): then the whole cache is thrown away.
#[test]
fn issue9_an_entry_is_bound_to_its_file_s_bytes() {
    let t = cached();
    resign(&t, "alice/", |entries| {
        entries["alice/2026-11-01.md"][2][2][0][2] = "FROM CACHE".into();
    });
    resign(&t, "bob/", |entries| {
        let hash = entries["bob/2026-11-01.md"][1].as_u64().unwrap();
        entries["bob/2026-11-01.md"][1] = (hash ^ 1).into();
    });
    assert_eq!(texts(&t), ["real item", "bob's item"]);
}

/// `done path:line` reads the note itself: a line a cache (or anything
/// else) claims holds an item, but does not, is refused and nothing is
/// written; the item it ticks is the one on that line of the file, and it
/// says which.
#[test]
fn issue9_done_acts_on_the_file_not_on_the_cache() {
    let t = cached();
    let cache_path = cache_file(&t, "alice/");
    let cache = fs::read(&cache_path).unwrap();
    fs::write(&cache_path, replace(&cache, b"real item", b"fake item")).unwrap();
    let run = t.run(&["done", "alice/2026-11-01.md:2"]).status(2);
    assert_eq!(
        run.stderr,
        "oneonone: error: alice/2026-11-01.md:2: no open follow-up on this line\n  hint: the note may have changed since it was listed\n  hint: run `oneonone followups` again\n"
    );
    t.file("alice/2026-11-01.md", "- [ ] real item\nSome prose.\n");
    t.run(&["done", "alice/2026-11-01.md:1"])
        .ok()
        .stderr("oneonone: done: alice/2026-11-01.md:1: real item\n");
    t.file("alice/2026-11-01.md", "- [x] real item\nSome prose.\n");
}

/// A command that only reads never creates `.oneonone/`: that folder marks
/// a notebook, and would capture every command run below it.
#[test]
fn issue9_read_only_commands_never_make_a_notebook_marker() {
    // A notebook marked by its settings file alone.
    let t = Test::bare();
    t.write("oneonone.yaml", "");
    t.write("bob/2026-11-01.md", "- [ ] an item\n");
    wait_out_the_racy_window();
    for args in [
        &["followups"][..],
        &["followups", "--json"],
        &["people"],
        &["check"],
        &["prep", "bob"],
        &["patterns", "bob"],
        &["export", "bob"],
        &["agenda", "bob"],
        &["trends", "bob"],
        &["questions"],
        &["frameworks"],
    ] {
        t.run(args).ok();
        assert!(!t.path(".oneonone").exists(), "{args:?} made .oneonone/");
    }
    // Nor is anything cached elsewhere in the folder.
    assert_eq!(t.files(), ["bob/2026-11-01.md", "oneonone.yaml"]);
    // Where the notebook has its folder, the cache is kept.
    fs::create_dir(t.path(".oneonone")).unwrap();
    t.run(&["followups"]).ok();
    assert!(cache_file(&t, "bob/").is_file());
}

#[cfg(unix)]
#[test]
fn issue9_the_cache_and_its_key_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let t = cached();
    for (file, private) in [
        (cache_file(&t, "alice/"), 0o600),
        (cache_file(&t, "bob/"), 0o600),
        (t.path(".oneonone/cache-key"), 0o600),
        (t.path(".oneonone/cache"), 0o700),
    ] {
        let mode = fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, private, "{}", file.display());
    }
    // A key others can read is not trusted: a new one is made, and the
    // cache signed with the old one is rebuilt.
    let key = t.path(".oneonone/cache-key");
    let old = fs::read(&key).unwrap();
    fs::set_permissions(&key, fs::Permissions::from_mode(0o644)).unwrap();
    resign(&t, "alice/", |entries| {
        entries["alice/2026-11-01.md"][2][2][0][2] = "FROM CACHE".into();
    });
    assert_eq!(texts(&t), ["real item", "bob's item"]);
    assert_ne!(fs::read(&key).unwrap(), old);
    assert_eq!(
        fs::metadata(&key).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

/// The cache answers for unchanged notes, and never for a changed one, even
/// one edited within the same second to the same size.
#[test]
fn the_cache_is_never_stale() {
    // The cache is kept in a notebook's existing .oneonone/ (`Test::new`
    // makes it).
    let t = Test::new();
    t.write("alice/2026-11-01.md", "- [ ] first version\n");
    t.write("bob/2026-11-01.md", "- [ ] bob's item\n");
    // A note changed in the last two seconds is not cached (a later write
    // might fall in the same clock tick): wait that out once.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    assert_eq!(followups_json(&t, &[]).len(), 2);
    let cache_path = cache_file(&t, "alice/");
    let cache = fs::read(&cache_path).unwrap();
    assert!(holds(&cache, b"first version"));

    // The cache answers for unchanged notes: a signed entry edited here
    // is what comes back (a hand-edited, unsigned one is not trusted).
    resign(&t, "alice/", |entries| {
        entries["alice/2026-11-01.md"][2][2][0][2] = "FROM CACHE!!".into();
    });
    let texts: Vec<String> = followups_json(&t, &[])
        .into_iter()
        .map(|i| i.text)
        .collect();
    assert_eq!(texts, ["FROM CACHE!!", "bob's item"]);
    fs::write(
        &cache_path,
        replace(&cache, b"first version", b"FROM CACHE!!!"),
    )
    .unwrap();
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
    assert!(!t.path(".oneonone/cache").exists());
}

/// The cache is compact (issue 16): binary, a file for each folder at the
/// notebook's top, each folder's path written once for all its notes (the
/// JSON cache wrote it in every note's path; here once more, to name the
/// part the file is of), and what it answers is what the notes say.
#[test]
fn issue16_the_cache_writes_each_folder_once() {
    let t = Test::new();
    for day in ["01", "08", "15"] {
        t.write(
            &format!("wxyz/2026-11-{day}.md"),
            format!("---\nperson: Ana\n---\n- [ ] item of the {day}th\n"),
        );
    }
    wait_out_the_racy_window();
    let listed = ["item of the 01th", "item of the 08th", "item of the 15th"];
    assert_eq!(texts(&t), listed);
    let cache = fs::read(cache_file(&t, "wxyz/")).unwrap();
    let body = &cache[cache.iter().position(|&b| b == b'\n').unwrap() + 1..];
    assert_eq!(body.windows(4).filter(|w| w == b"wxyz").count(), 2);
    assert!(serde_json::from_slice::<serde_json::Value>(body).is_err());
    // Read back from the cache, the same.
    assert_eq!(texts(&t), listed);
}

/// The whole notebook's JSON list is written part by part as the scan
/// reads it (issue 16), each folder at the top with all under it: still in
/// path order (`alice-smith/` before `alice/`, a note at the top between
/// folders), what it says on standard error in the order a walk of the
/// whole notebook says it (what the walk says, then what cannot be read,
/// each `alice/` before `alice-smith/`), notices after, and the same
/// bytes from the cache as from the notes.
#[cfg(unix)]
#[test]
fn issue16_the_list_written_part_by_part_is_in_path_order() {
    let t = Test::new();
    for rel in [
        "alice/2026-11-01.md",
        "alice/sub/2026-10-01.md",
        "alice-smith/2026-11-01.md",
        "alice.md",
        "zed.md",
        "bob/2026-11-01.md",
        "bob/agenda.md",
    ] {
        t.write(rel, format!("- [ ] in {rel}\n"));
    }
    fs::write(t.path("alice/2026-11-02.md"), b"- [ ] \xff\n").unwrap();
    fs::write(t.path("alice-smith/2026-11-02.md"), b"- [ ] \xff\n").unwrap();
    fs::write(t.path("bob.md"), b"- [ ] \xfe\n").unwrap();
    for rel in ["alice-smith/link.md", "alice/link.md", "bob/link.md"] {
        std::os::unix::fs::symlink("/nowhere", t.path(rel)).unwrap();
    }
    t.write("carol/2026-11-01.md", "- [>] carried once\n");
    wait_out_the_racy_window();
    let expected_paths = [
        "alice-smith/2026-11-01.md",
        "alice.md",
        "alice/2026-11-01.md",
        "alice/sub/2026-10-01.md",
        "bob/2026-11-01.md",
        "zed.md",
    ];
    let expected_err = "\
oneonone: warning: alice/link.md: symbolic link not followed; what it points to is not read
oneonone: warning: alice-smith/link.md: symbolic link not followed; what it points to is not read
oneonone: warning: bob/link.md: symbolic link not followed; what it points to is not read
oneonone: warning: alice/2026-11-02.md:1: not UTF-8 text; skipped
oneonone: warning: alice-smith/2026-11-02.md:1: not UTF-8 text; skipped
oneonone: warning: bob.md:1: not UTF-8 text; skipped
oneonone: 1 carried follow-up of carol has no open copy: `oneonone check --fix`
oneonone: 1 talking point is waiting in bob/agenda.md
  hint: `oneonone followups --agenda` lists them too
";
    let mut lists = Vec::new();
    // Cold, then warm from the cache.
    for _ in 0..2 {
        // Exit 2: a note could not be read.
        let run = t.run(&["followups", "--json"]).status(2);
        assert_eq!(run.stderr, expected_err);
        let items: Vec<crate::Item> = serde_json::from_str(&run.stdout).unwrap();
        let paths: Vec<&str> = items.iter().map(|i| i.path.as_str()).collect();
        assert_eq!(paths, expected_paths);
        lists.push(run.stdout);
    }
    assert_eq!(lists[0], lists[1]);
    // The same list as the one written whole (with its points, taken out).
    let whole = t.run(&["followups", "--json", "--agenda"]).status(2);
    assert_eq!(
        whole.stderr,
        expected_err
            .lines()
            .take(7)
            .map(|l| format!("{l}\n"))
            .collect::<String>()
    );
    let mut items: Vec<serde_json::Value> = serde_json::from_str(&whole.stdout).unwrap();
    items.retain(|i| i["path"] != "bob/agenda.md");
    let streamed: Vec<serde_json::Value> = serde_json::from_str(&lists[0]).unwrap();
    assert_eq!(items, streamed);

    // Output that cannot be written: everything is still said, then why.
    let run = t
        .process(&[])
        .args(["followups", "--json"])
        .stdout(fs::File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(run.stderr).unwrap(),
        format!("{expected_err}oneonone: error: cannot write output: no space left on device\n")
    );
}

/// A folder at the notebook's top whose name is not UTF-8 is walked under
/// its own name (its notes are said to be unreadable, as before), never
/// under another folder's.
#[cfg(target_os = "linux")]
#[test]
fn issue16_a_top_folder_named_in_other_bytes_is_its_own_part() {
    use std::os::unix::ffi::OsStrExt;
    let t = Test::new();
    let odd = std::ffi::OsStr::from_bytes(b"caf\xe9");
    fs::create_dir(t.path("").join(odd)).unwrap();
    fs::write(t.path("").join(odd).join("2026-11-01.md"), "- [ ] odd\n").unwrap();
    // The folder its name reads as, where it is read with U+FFFD.
    t.write("caf\u{fffd}/2026-11-01.md", "- [ ] replaced\n");
    for _ in 0..2 {
        let run = t.run(&["followups", "--json"]).status(2);
        assert_eq!(
            run.stderr,
            "oneonone: warning: caf\u{fffd}/2026-11-01.md: the file name is not valid UTF-8; rename it to have it read\n"
        );
        let items: Vec<crate::Item> = serde_json::from_str(&run.stdout).unwrap();
        let texts: Vec<&str> = items.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(texts, ["replaced"]);
    }
}

/// `cache: false` removes the cache where oneonone keeps it, never
/// through a linked `.oneonone` (whatever the link points to is not
/// oneonone's); and a sampled lie leaves no cache file to be read again.
#[cfg(unix)]
#[test]
fn issue16_nothing_is_removed_through_a_linked_state_folder() {
    let t = Test::bare();
    t.write("oneonone.yaml", "cache: false\n");
    t.write("alice/2026-11-01.md", "- [ ] an item\n");
    let elsewhere = tempfile::tempdir().unwrap();
    fs::create_dir(elsewhere.path().join("cache")).unwrap();
    fs::write(elsewhere.path().join("cache/precious.txt"), "keep me").unwrap();
    fs::write(elsewhere.path().join("cache-key"), "not a key").unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), t.path(".oneonone")).unwrap();
    assert_eq!(texts(&t), ["an item"]);
    assert_eq!(
        fs::read_to_string(elsewhere.path().join("cache/precious.txt")).unwrap(),
        "keep me"
    );
    assert!(elsewhere.path().join("cache-key").exists());
}

#[test]
fn issue16_a_sampled_lie_leaves_no_cache_file_behind() {
    let t = cached();
    resign(&t, "bob/", |entries| {
        let hash = entries["bob/2026-11-01.md"][1].as_u64().unwrap();
        entries["bob/2026-11-01.md"][1] = (hash ^ 1).into();
    });
    let before: Vec<_> = ["alice/", "bob/"]
        .iter()
        .map(|u| fs::metadata(cache_file(&t, u)).unwrap().modified().unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(20));
    assert_eq!(texts(&t), ["real item", "bob's item"]);
    // Both written again from the notes, not only the one that lied.
    for (unit, before) in ["alice/", "bob/"].iter().zip(before) {
        let after = fs::metadata(cache_file(&t, unit))
            .unwrap()
            .modified()
            .unwrap();
        assert!(after > before, "{unit}");
    }
}

/// The names of the person folders, kept with the times of the notebook's
/// folder (issue 16): used while those times hold, so a command about one
/// person does not list a folder of thousands; listed again as soon as a
/// folder is added; never trusted unsigned.
#[test]
fn issue16_the_kept_list_of_folders_is_used_only_while_it_holds() {
    let t = cached();
    let names = |t: &Test| -> Vec<String> {
        let run = t.run(&["people", "--json"]).ok();
        let rows: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
        let mut names: Vec<String> = rows
            .iter()
            .map(|r| r["slug"].as_str().unwrap().to_string())
            .collect();
        names.sort();
        names
    };
    assert_eq!(names(&t), ["alice", "bob"]);
    let path = t.path(".oneonone/folders");
    let file = String::from_utf8(fs::read(&path).unwrap()).unwrap();
    let mut lines = file.splitn(4, '\n');
    let (_, stamp) = (lines.next(), lines.next().unwrap());
    let (named_otherwise, names_kept) = (lines.next().unwrap(), lines.next().unwrap());
    assert_eq!(stamp.split(' ').count(), 3, "{stamp}");
    assert_eq!(named_otherwise, "[]");
    assert_eq!(names_kept, r#"["alice","bob"]"#);
    // Signed with the notebook's key, the list is what is used ...
    let key: [u8; 32] = fs::read(t.path(".oneonone/cache-key"))
        .unwrap()
        .try_into()
        .unwrap();
    let body = format!("{stamp}\n[]\n[\"alice\",\"bob\",\"carol\"]").into_bytes();
    let mac = blake3::keyed_hash(&key, &body);
    let mut signed = format!("oneonone-folders-2 {}\n", mac.to_hex()).into_bytes();
    signed.extend_from_slice(&body);
    fs::write(&path, &signed).unwrap();
    assert_eq!(names(&t), ["alice", "bob", "carol"]);
    // ... unsigned, or signed wrong, it is not.
    let mut forged = signed.clone();
    forged[20] = if forged[20] == b'0' { b'1' } else { b'0' };
    fs::write(&path, &forged).unwrap();
    assert_eq!(names(&t), ["alice", "bob"]);
    // A folder added moves the notebook folder's times: listed again.
    fs::write(&path, &signed).unwrap();
    t.write("dave/2026-11-01.md", "- [ ] dave's\n");
    assert_eq!(names(&t), ["alice", "bob", "dave"]);
    // `cache: false`: not used, and gone after any command about a person.
    wait_out_the_racy_window();
    t.run(&["open", "alice", "--print"]).ok();
    assert!(path.exists());
    t.write("oneonone.yaml", "cache: false\n");
    t.run(&["open", "alice", "--print"]).ok();
    assert!(!path.exists());
}

/// With the kept list of folders, a name is found by looking for its
/// folder; a folder not named as a slug (on the list's first line) is
/// still found by its folded name, and two folders folding alike still
/// both fit.
#[test]
fn issue16_with_the_kept_list_a_name_is_found_by_its_folder() {
    let t = cached();
    t.write("Carol_Ann/2026-11-01.md", "- [ ] carol's\n");
    wait_out_the_racy_window();
    t.run(&["people", "--json"]).ok();
    let file = String::from_utf8(fs::read(t.path(".oneonone/folders")).unwrap()).unwrap();
    let lines: Vec<&str> = file.lines().collect();
    assert_eq!(
        lines[2..],
        [r#"["Carol_Ann"]"#, r#"["Carol_Ann","alice","bob"]"#]
    );
    t.run(&["open", "alice", "--print"])
        .ok()
        .stdout("alice/2026-11-01.md\n");
    t.run(&["open", "carol-ann", "--print"])
        .ok()
        .stdout("Carol_Ann/2026-11-01.md\n");
    t.run(&["open", "zed", "--print"]).status(2).stderr(
        "oneonone: error: no person matches \"zed\"\n  \
         hint: people in this notebook: Carol_Ann, alice, bob\n",
    );
    t.write("carol-ann/2026-11-02.md", "- [ ] carol's too\n");
    wait_out_the_racy_window();
    t.run(&["people", "--json"]).ok();
    let file = String::from_utf8(fs::read(t.path(".oneonone/folders")).unwrap()).unwrap();
    assert_eq!(file.lines().nth(2), Some(r#"["Carol_Ann"]"#));
    t.run(&["open", "carol-ann", "--print"]).status(2).stderr(
        "oneonone: error: \"carol-ann\" matches more than one person; give more of the name:\n  \
         Carol_Ann (Carol_Ann/)\n  carol-ann (carol-ann/)\n",
    );
}
