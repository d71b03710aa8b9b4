//! End-to-end tests of `oneonone open` (and `new --edit`): the editor at the
//! first section, run without the notebook lock.

use std::fs;

use crate::Test;

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
    Test::run_cmd(t.cmd().env("EDITOR", "vi").args(["open", "bob"]))
        .status(2)
        .stderr("oneonone: error: no person matches \"bob\"\n  hint: people in this notebook: none yet\n");
    t.run(&["agenda", "bob", "x"]).ok();
    Test::run_cmd(t.cmd().env("EDITOR", "vi").args(["open", "bob"]))
        .status(2)
        .stderr("oneonone: error: bob has no notes yet; start one with `oneonone new bob`\n");

    // --edit: $VISUAL wins over $EDITOR; arguments in it are kept.
    Test::run_cmd(
        t.cmd()
            .env("VISUAL", format!("{editor} --wait"))
            .env("EDITOR", "false")
            .args(["new", "bob", "--date", "2026-11-24", "--edit"]),
    )
    .ok();
    t.file(
        "editor-args",
        format!("--wait\n{}\n", t.path("bob/2026-11-24.md").display()),
    );

    // An editor known to take +N gets the line of the first section.
    let vim = t.path("bin/vim");
    fs::create_dir_all(vim.parent().unwrap()).unwrap();
    fs::copy(t.path("fake-editor.sh"), &vim).unwrap();
    Test::run_cmd(
        t.cmd()
            .env("EDITOR", vim.display().to_string())
            .args(["open", "bob"]),
    )
    .ok()
    .stdout("");
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

    t.run(&["open", "bob", "--print"])
        .ok()
        .stdout("bob/2026-11-24.md\n");

    Test::run_cmd(t.cmd().env("EDITOR", "false").args(["open", "bob"]))
        .status(2)
        .stderr("oneonone: error: editor `false`: it exited with exit status: 1\n");
}

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
