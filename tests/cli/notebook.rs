//! Which notebook (issue 11): `--dir`, else `$ONEONONE_DIR`, else the
//! nearest marked folder at or above the current one, else the `notebook:`
//! of the user's config file, else none: an error, and nothing written.
//! No command makes a notebook of a folder the user did not name.

use std::fs;
use std::path::Path;

use crate::Test;

/// What every command says where there is no notebook, run in `t`.
pub fn no_notebook(t: &Test) -> String {
    format!(
        "oneonone: error: no notebook here\n  \
         hint: no oneonone.yaml or .oneonone/ in this folder or any folder above it:\n    \
         {}\n  \
         hint: and no `notebook:` in ~/.config/oneonone/config.yaml\n  \
         hint: run `oneonone init DIR` to make DIR a notebook (and your default),\n    \
         or set ONEONONE_DIR to a notebook folder\n",
        t.root().display()
    )
}

/// What `new bob` says on 2026-11-29 after the notice about the notebook.
const CREATED_BOB: &str = "oneonone: new person: bob (bob/)\n\
     oneonone: created the 2026-11-29 note for bob (Listen, Learn, Lift)\n";

/// A second notebook in the home folder, with one open follow-up.
fn notebook_at_home(t: &Test, name: &str) {
    let root = t.home.path().join(name);
    fs::create_dir_all(root.join("alice")).unwrap();
    fs::write(root.join("oneonone.yaml"), "").unwrap();
    fs::write(root.join("alice/2026-11-20.md"), "- [ ] send the doc\n").unwrap();
}

#[test]
fn issue11_new_in_a_folder_that_is_not_a_notebook_writes_nothing() {
    let t = Test::bare();
    t.run(&["new", "bob", "--today", "2026-11-29"])
        .status(2)
        .stdout("")
        .stderr(no_notebook(&t));
    assert_eq!(t.files(), Vec::<String>::new());
    assert!(!t.path(".oneonone").exists());
    // Nor in a folder below it, nor in the home folder's config.
    fs::create_dir(t.path("src")).unwrap();
    let run = Test::run_cmd(
        t.cmd()
            .current_dir(t.path("src"))
            .args(["agenda", "bob", "x"]),
    );
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains(&format!(
            "or any folder above it:\n    {}\n",
            t.root().join("src").display()
        )),
        "{}",
        run.stderr
    );
    assert_eq!(t.files(), Vec::<String>::new());
    assert!(!t.config_home().exists());

    // The read-only commands say the same, with exit 2, not "nothing".
    for args in [
        &["followups"][..],
        &["people"],
        &["check"],
        &["prep", "bob"],
        &["agenda", "bob"],
    ] {
        t.run(args).status(2).stdout("").stderr(no_notebook(&t));
    }
    // The built-in questions need no notebook.
    t.run(&["frameworks"]).ok();
    assert_eq!(t.files(), Vec::<String>::new());
    assert!(!t.path(".oneonone").exists());
}

#[test]
fn issue11_oneonone_dir_pointing_nowhere() {
    let t = Test::bare();
    let nowhere = t.home.path().join("one-on-ones");
    let run_with_env =
        |args: &[&str]| Test::run_cmd(t.cmd().env("ONEONONE_DIR", &nowhere).args(args));
    run_with_env(&["followups"]).status(2).stdout("").stderr(
        "oneonone: error: ~/one-on-ones: the notebook folder does not exist\n  \
         hint: it is named by ONEONONE_DIR\n  \
         hint: check the name, or make it a notebook:\n    \
         oneonone init ~/one-on-ones\n",
    );
    run_with_env(&["people"]).status(2);
    assert!(!nowhere.exists());

    // `new` makes the folder it was told to use, and says so.
    run_with_env(&["new", "bob", "--today", "2026-11-29"])
        .ok()
        .stdout(format!("{}\n", nowhere.join("bob/2026-11-29.md").display()))
        .stderr(format!(
            "oneonone: new notebook: ~/one-on-ones\n{CREATED_BOB}"
        ));
    assert!(nowhere.join("bob/2026-11-29.md").is_file());
    assert!(nowhere.join(".oneonone").is_dir());
    // Once: the next note goes into a notebook.
    run_with_env(&["new", "bob", "--today", "2026-11-30"])
        .ok()
        .stderr("oneonone: created the 2026-11-30 note for bob (Listen, Learn, Lift)\n");
    assert_eq!(t.files(), Vec::<String>::new());
}

#[test]
fn issue11_a_typo_in_dir_is_named_and_shown() {
    let t = Test::new();
    t.write("notebook/alice/2026-11-20.md", "- [ ] send the doc\n");
    t.run(&["--dir", "notbook", "followups"])
        .status(2)
        .stdout("")
        .stderr(
            "oneonone: error: notbook: the notebook folder does not exist\n  \
             hint: it is named by --dir\n  \
             hint: check the name, or make it a notebook:\n    \
             oneonone init notbook\n",
        );
    assert!(!t.path("notbook").exists());
    // As in the README, on a fresh machine: `--dir DIR new` makes the
    // folder, and says so, so that the typo shows.
    t.run(&["--dir", "notbook", "new", "bob", "--today", "2026-11-29"])
        .ok()
        .stdout("notbook/bob/2026-11-29.md\n")
        .stderr(format!("oneonone: new notebook: notbook\n{CREATED_BOB}"));
    // A folder named with --dir that is not a notebook yet becomes one:
    // said too, by `agenda` as by `new`, and only the first time.
    fs::create_dir(t.path("plain")).unwrap();
    t.run(&["--dir", "plain", "new", "bob", "--today", "2026-11-29"])
        .ok()
        .stdout("plain/bob/2026-11-29.md\n")
        .stderr(format!("oneonone: new notebook: plain\n{CREATED_BOB}"));
    fs::create_dir(t.path("plain2")).unwrap();
    let run = t
        .run(&["--dir", "plain2", "agenda", "bob", "ask about the move"])
        .ok();
    assert!(
        run.stderr.starts_with("oneonone: new notebook: plain2\n"),
        "{}",
        run.stderr
    );
    let run = t
        .run(&["--dir", "plain2", "agenda", "bob", "and the team"])
        .ok();
    assert!(!run.stderr.contains("new notebook"), "{}", run.stderr);
}

#[test]
fn issue11_the_user_config_names_the_notebook_used_from_anywhere() {
    let t = Test::bare();
    notebook_at_home(&t, "one-on-ones");
    t.user_config("# mine\nnotebook: ~/one-on-ones\n");
    let book = t.home.path().join("one-on-ones");
    t.run(&["followups", "--today", "2026-11-29"])
        .ok()
        .stdout(format!(
            "alice (1 open)\n  {}:1: send the doc · open 9 days\n",
            book.join("alice/2026-11-20.md").display()
        ));
    t.run(&["new", "bob", "--today", "2026-11-29"])
        .ok()
        .stdout(format!("{}\n", book.join("bob/2026-11-29.md").display()))
        .stderr(CREATED_BOB);
    assert!(book.join("bob/2026-11-29.md").is_file());
    // Nothing in the folder it ran in.
    assert_eq!(t.files(), Vec::<String>::new());
    assert!(!t.path(".oneonone").exists());

    // An absolute path works the same; a missing folder is named, with
    // the file that named it.
    let gone = t.home.path().join("gone");
    t.user_config(format!("notebook: {}\n", gone.display()));
    t.run(&["people"]).status(2).stdout("").stderr(
        "oneonone: error: ~/gone: the notebook folder does not exist\n  \
         hint: it is named by `notebook:` in ~/.config/oneonone/config.yaml\n  \
         hint: check the name, or make it a notebook:\n    \
         oneonone init ~/gone\n",
    );
    // `new` makes it, as for --dir: the user named it.
    t.run(&["new", "bob", "--today", "2026-11-29"])
        .ok()
        .stderr(format!("oneonone: new notebook: ~/gone\n{CREATED_BOB}"));
    assert!(gone.join("bob/2026-11-29.md").is_file());
}

#[test]
fn issue11_a_notebook_found_at_or_above_beats_the_user_config() {
    let t = Test::new();
    notebook_at_home(&t, "default");
    t.user_config("notebook: ~/default\n");
    t.write("alice/2026-11-21.md", "- [ ] here\n");
    fs::create_dir(t.path("alice/old")).unwrap();
    t.run(&["followups", "--today", "2026-11-29"])
        .ok()
        .stdout("alice (1 open)\n  alice/2026-11-21.md:1: here · open 8 days\n");
    Test::run_cmd(t.cmd().current_dir(t.path("alice/old")).args([
        "new",
        "bob",
        "--date",
        "2026-11-29",
    ]))
    .ok()
    .stdout("../../bob/2026-11-29.md\n")
    .stderr(CREATED_BOB);
    assert!(t.path("bob/2026-11-29.md").is_file());
    assert!(!t.home.path().join("default/bob").exists());
    // Outside it, the config's notebook is the one.
    let default_item = format!(
        "alice (1 open)\n  {}:1: send the doc · open 9 days\n",
        t.home.path().join("default/alice/2026-11-20.md").display()
    );
    Test::run_cmd(
        t.cmd()
            .current_dir(t.home.path())
            .args(["followups", "--today", "2026-11-29"]),
    )
    .ok()
    // Inside the current folder, shown relative to it.
    .stdout("alice (1 open)\n  default/alice/2026-11-20.md:1: send the doc · open 9 days\n");
    // --dir and ONEONONE_DIR beat both.
    Test::run_cmd(
        t.cmd()
            .env("ONEONONE_DIR", t.home.path().join("default"))
            .args(["followups", "--today", "2026-11-29"]),
    )
    .ok()
    .stdout(&default_item);
    Test::run_cmd(t.cmd().current_dir(t.home.path()).args([
        "--dir",
        t.dir.path().to_str().unwrap(),
        "followups",
        "--today",
        "2026-11-29",
    ]))
    .ok()
    .stdout(format!(
        "alice (1 open)\n  {}:1: here · open 8 days\n",
        t.path("alice/2026-11-21.md").display()
    ));
}

#[cfg(unix)]
#[test]
fn issue11_init_records_the_default_notebook_once() {
    use std::os::unix::fs::PermissionsExt;
    let t = Test::bare();
    let book = t.root().join("book");
    t.run(&["init", "book"])
        .ok()
        .stdout("book/oneonone.yaml\n")
        .stderr(format!(
            "oneonone: created book/oneonone.yaml\n  next: cd book && oneonone new \"<name>\" writes \
         your first note\noneonone: default notebook: {}, recorded in \
         ~/.config/oneonone/config.yaml\n",
            book.display()
        ));
    let config = t.user_config_path();
    assert_eq!(
        fs::read_to_string(&config).unwrap(),
        format!(
            "# oneonone's own settings: the notebook used where no other is named or found.\n\
             notebook: {}\n",
            book.display()
        )
    );
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&config), 0o600);
    assert_eq!(mode(config.parent().unwrap()), 0o700);

    // From an unrelated folder, that notebook is used.
    Test::run_cmd(
        t.cmd()
            .current_dir(t.home.path())
            .args(["new", "bob", "--date", "2026-11-29"]),
    )
    .ok()
    .stdout(format!("{}\n", book.join("bob/2026-11-29.md").display()))
    .stderr(CREATED_BOB);

    // A second notebook does not take its place; the message says how.
    t.run(&["init", "team-b"]).ok().stderr(format!(
        "oneonone: created team-b/oneonone.yaml\n  next: cd team-b && oneonone new \"<name>\" \
         writes your first note\noneonone: default notebook unchanged: \
         ~/.config/oneonone/config.yaml names {}; to make {} the default, change that \
         `notebook:` line\n",
        book.display(),
        t.root().join("team-b").display()
    ));
    // Nor does one made with --no-default, which says nothing of it.
    t.run(&["init", "team-c", "--no-default"]).ok().stderr(
        "oneonone: created team-c/oneonone.yaml\n  next: cd team-c && oneonone new \"<name>\" \
             writes your first note\n",
    );
    // The folder may be named with --dir too.
    t.run(&["init", "--dir", "team-d", "--no-default"])
        .ok()
        .stdout("team-d/oneonone.yaml\n");
    assert_eq!(
        fs::read_to_string(&config).unwrap(),
        format!(
            "# oneonone's own settings: the notebook used where no other is named or found.\n\
             notebook: {}\n",
            book.display()
        )
    );
}

#[test]
fn issue11_init_adds_only_the_notebook_line_to_an_existing_config() {
    let t = Test::bare();
    // No newline at the end, and a notebook: that is empty is not one.
    t.user_config("# my settings\n# notebook: not this one");
    t.run(&["init", "--no-default", "skipped"]).ok();
    t.run(&["init"]).ok().stdout("oneonone.yaml\n");
    assert_eq!(
        fs::read_to_string(t.user_config_path()).unwrap(),
        format!(
            "# my settings\n# notebook: not this one\nnotebook: {}\n",
            t.root().display()
        )
    );
    // A `notebook:` line with no value yet cannot take a second one: the
    // file is left alone, and the message says what to add.
    let t = Test::bare();
    t.user_config("notebook:\n");
    t.run(&["init", "book"]).ok().stderr(format!(
        "oneonone: created book/oneonone.yaml\n  next: cd book && oneonone new \"<name>\" writes \
         your first note\noneonone: no default notebook recorded: oneonone cannot add a \
         `notebook:` line to ~/.config/oneonone/config.yaml as it is; add `notebook: {}` to \
         it yourself\n",
        t.root().join("book").display()
    ));
    assert_eq!(
        fs::read_to_string(t.user_config_path()).unwrap(),
        "notebook:\n"
    );
    // ... and with it empty, there is still no notebook.
    t.run(&["people"]).status(2).stderr(no_notebook(&t));
}

#[test]
fn issue11_a_relative_or_broken_notebook_in_the_user_config_is_an_error() {
    let t = Test::bare();
    t.user_config("# mine\nnotebook: one-on-ones\n");
    t.run(&["new", "bob"]).status(2).stdout("").stderr(
        "oneonone: error: ~/.config/oneonone/config.yaml:2:11: notebook: is a relative path, \
         which would name a different folder wherever oneonone runs; give the notebook \
         folder's absolute path, or one that starts with ~/\n",
    );
    t.user_config("notebook: [~/one-on-ones]\n");
    t.run(&["followups"]).status(2).stdout("").stderr(
        "oneonone: error: ~/.config/oneonone/config.yaml:1:11: notebook: invalid type: \
         sequence, expected the notebook folder's absolute path, or one that starts with ~/\n",
    );
    t.user_config("# mine\nnotebook: \"~/one-on-ones\n");
    let run = t.run(&["followups"]).status(2).stdout("");
    assert!(
        run.stderr
            .starts_with("oneonone: error: ~/.config/oneonone/config.yaml:2:11: "),
        "{}",
        run.stderr
    );
    t.user_config("notebok: ~/one-on-ones\n");
    let run = t.run(&["people"]).status(2);
    assert!(
        run.stderr.starts_with(
            "oneonone: error: ~/.config/oneonone/config.yaml:1:1: unknown field `notebok`"
        ),
        "{}",
        run.stderr
    );
    // init reads it before writing anything.
    t.run(&["init", "book"]).status(2);
    assert_eq!(t.files(), Vec::<String>::new());
    assert_eq!(
        fs::read_to_string(t.user_config_path()).unwrap(),
        "notebok: ~/one-on-ones\n"
    );
    // In a notebook, the config file is not read at all.
    let t = Test::new();
    t.user_config("notebook: one-on-ones\n");
    t.run(&["people"]).ok();
}

#[test]
fn issue11_messages_name_the_notebook_by_its_path_never_dot() {
    let t = Test::new();
    t.run(&["followups"]).ok().stdout("").stderr(format!(
        "oneonone: no open follow-ups in {}\n",
        t.root().display()
    ));
    fs::create_dir(t.path("sub")).unwrap();
    Test::run_cmd(t.cmd().current_dir(t.path("sub")).arg("check"))
        .ok()
        .stderr(format!(
            "oneonone: no problems found in {}\n",
            t.root().display()
        ));
    // A notebook in the home folder is named from there.
    let book = t.home.path().join("book");
    fs::create_dir_all(book.join(".oneonone")).unwrap();
    Test::run_cmd(t.cmd().current_dir(&book).arg("followups"))
        .ok()
        .stderr("oneonone: no open follow-ups in ~/book\n");
    Test::run_cmd(t.cmd().current_dir(&book).args(["--dir", ".", "followups"]))
        .ok()
        .stderr("oneonone: no open follow-ups in ~/book\n");
    // One named by a relative path keeps the name it was given.
    t.run(&["--dir", "sub", "followups"])
        .ok()
        .stderr("oneonone: no open follow-ups in sub\n");
}

/// Review: a config file kept in a dotfiles repository and linked into
/// ~/.config (stow, home-manager) was refused as a link. It is the user's
/// own: read where it points, and `init` adds its line there, the link
/// kept.
#[test]
fn issue11_a_linked_user_config_is_read_and_edited_where_it_points() {
    let t = Test::bare();
    let dotfiles = t.home.path().join("dotfiles/oneonone.yaml");
    fs::create_dir_all(dotfiles.parent().unwrap()).unwrap();
    fs::write(&dotfiles, "# from my dotfiles\n").unwrap();
    let link = t.user_config_path();
    fs::create_dir_all(link.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(&dotfiles, &link).unwrap();
    t.run(&["init", "book"]).ok().stderr(format!(
        "oneonone: created book/oneonone.yaml\n  next: cd book && oneonone new \"<name>\" writes \
         your first note\n\
         oneonone: default notebook: {}, recorded in ~/dotfiles/oneonone.yaml\n",
        t.root().join("book").display()
    ));
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        fs::read_to_string(&dotfiles).unwrap(),
        format!(
            "# from my dotfiles\nnotebook: {}\n",
            t.root().join("book").display()
        )
    );
    t.run(&["new", "bob", "--today", "2026-11-29"]).ok();
    assert!(t.path("book/bob/2026-11-29.md").is_file());
}
