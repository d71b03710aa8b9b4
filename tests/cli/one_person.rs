//! Issue 16: commands on one person read that person's folder, not the
//! whole notebook; what they skip could not have changed.

use std::fs;
use std::time::{Duration, SystemTime};

use crate::Test;
use crate::fixtures::{temp_files, two_people};

/// Writes a temp file as a killed write leaves it, untouched for an hour.
fn stale(t: &Test, rel: &str) {
    t.write(rel, "Private words of a killed write");
    age(t, rel);
}

/// Sets a file's or a folder's modification time an hour back.
fn age(t: &Test, rel: &str) {
    fs::File::open(t.path(rel))
        .unwrap()
        .set_modified(SystemTime::now() - Duration::from_secs(3600))
        .unwrap();
}

#[test]
fn issue16_a_temp_left_after_a_sweep_is_removed_by_the_next_write() {
    let t = two_people();
    // The first write lists every folder and keeps when.
    t.run(&["done", "alice/2026-11-10.md:7"]).ok();
    assert_eq!(temp_files(t.dir.path()), Vec::<String>::new());
    // A later crash leaves one in Bob's folder: the folder changed since.
    stale(&t, "bob/.oneonone-Qr5sT7.tmp");
    t.run(&["new", "alice", "--date", "2026-11-24", "--no-carry"])
        .ok();
    assert_eq!(temp_files(t.dir.path()), Vec::<String>::new());
}

#[test]
fn issue16_a_temp_too_young_to_remove_is_looked_for_again() {
    let t = two_people();
    // Maybe another command's, still being written: it stays, and the
    // folders are all listed again by the next write.
    t.write("bob/.oneonone-Fr35h1.tmp", "being written");
    age(&t, "bob");
    t.run(&["done", "alice/2026-11-10.md:7"]).ok();
    assert_eq!(
        temp_files(t.dir.path()),
        [t.path("bob/.oneonone-Fr35h1.tmp").display().to_string()]
    );
    // Its writer was killed: an hour on, Bob's folder is unchanged.
    age(&t, "bob/.oneonone-Fr35h1.tmp");
    t.run(&["new", "alice", "--date", "2026-11-24", "--no-carry"])
        .ok();
    assert_eq!(temp_files(t.dir.path()), Vec::<String>::new());
}

#[test]
fn issue16_new_sweeps_while_it_reads_and_is_done_however_it_ends() {
    let t = two_people();
    stale(&t, "bob/.oneonone-Qr5sT7.tmp");
    // A `new` that stops at its plan (conflict markers in Alice's last
    // note) still sweeps Bob's folder before it exits.
    t.write(
        "alice/2026-11-10.md",
        "## Lift\n\n<<<<<<< ours\n- [ ] a\n=======\n- [ ] b\n>>>>>>> theirs\n",
    );
    t.run(&["new", "alice", "--date", "2026-11-24"])
        .status(2)
        .stderr(
            "oneonone: error: alice/2026-11-10.md:3: unresolved git conflict markers; \
             resolve them, then run `oneonone new` again\n",
        );
    assert_eq!(temp_files(t.dir.path()), Vec::<String>::new());
    // And one that writes.
    stale(&t, "bob/.oneonone-Ab3cD4.tmp");
    t.run(&["new", "bob", "--date", "2026-11-24"]).ok();
    assert_eq!(temp_files(t.dir.path()), Vec::<String>::new());
}

#[test]
fn issue16_a_temp_left_at_the_top_after_a_sweep_is_removed_by_the_next_write() {
    let t = two_people();
    t.run(&["done", "alice/2026-11-10.md:7"]).ok();
    // The notebook folder is swept as a person folder is: only when it
    // changed since the last clean sweep, as a temp made in it changes it.
    stale(&t, ".oneonone-Tp9xQ2.tmp");
    t.run(&["new", "alice", "--date", "2026-11-24", "--no-carry"])
        .ok();
    assert_eq!(temp_files(t.dir.path()), Vec::<String>::new());
}

#[test]
fn issue16_the_cache_s_temps_go_when_the_whole_notebook_is_read() {
    let t = two_people();
    t.run(&["followups"]).ok();
    stale(&t, ".oneonone/cache/.oneonone-Kc4vB8.tmp");
    // Maybe another `followups`' save, still being written: it stays.
    t.write(".oneonone/cache/.oneonone-Yz7wN1.tmp", "being written");
    t.run(&["followups"]).ok();
    assert_eq!(
        temp_files(t.dir.path()),
        [t.path(".oneonone/cache/.oneonone-Yz7wN1.tmp")
            .display()
            .to_string()]
    );
}

#[test]
fn issue16_a_folder_named_otherwise_is_found_by_its_folded_name() {
    let t = Test::new();
    t.write("oneonone.yaml", "");
    let note =
        |who: &str| format!("---\nperson: {who}\ndate: 2026-11-10\n---\n## Lift\n\n- [ ] a\n");
    t.write("Alice/2026-11-10.md", note("Alice"));
    t.write("Bob_Lee/2026-11-10.md", note("Bob Lee"));
    t.run(&["open", "bob-lee", "--print"])
        .ok()
        .stdout("Bob_Lee/2026-11-10.md\n");
    t.run(&["open", "alice", "--print"])
        .ok()
        .stdout("Alice/2026-11-10.md\n");
    // A folder named as the other folds: both fit.
    t.write("alice/2026-11-10.md", note("Alice"));
    t.run(&["open", "alice", "--print"]).status(2).stderr(
        "oneonone: error: \"alice\" matches more than one person; give more of the name:\n  \
         Alice (Alice/)\n  Alice (alice/)\n",
    );
}
