//! The follow-up cache (issue 9, item 8): kept only in a notebook's
//! existing `.oneonone/` folder.

use std::fs;
use std::time::Duration;

use crate::Test;

/// A note changed in the last two seconds is not cached (a later write
/// might fall in the same clock tick): wait that out.
fn wait_out_the_racy_window() {
    std::thread::sleep(Duration::from_millis(2100));
}

/// A command that only reads never creates `.oneonone/`: that folder marks
/// a notebook, and would capture every command run below it.
#[test]
fn issue9_read_only_commands_never_make_a_notebook_marker() {
    let t = Test::new();
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
        t.run(args);
        assert!(!t.path(".oneonone").exists(), "{args:?} made .oneonone/");
    }
    // Nor is anything cached elsewhere in the folder.
    assert_eq!(t.files(), ["bob/2026-11-01.md"]);
    // Where the notebook has its folder, the cache is kept.
    fs::create_dir(t.path(".oneonone")).unwrap();
    t.run(&["followups"]).ok();
    assert!(t.path(".oneonone/cache-v1").is_file());
}
