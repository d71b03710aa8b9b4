//! End-to-end tests of `oneonone init`: a commented settings file, written
//! once.

use crate::Test;

#[test]
fn init_writes_a_commented_config_once() {
    let t = Test::new();
    t.run(&["init", "book"]).ok().stdout("book/oneonone.yaml\n").stderr(format!("oneonone: created book/oneonone.yaml\n  next: cd book && oneonone new \"<name>\" writes your first note\noneonone: default notebook: {}, recorded in ~/.config/oneonone/config.yaml\n", t.root().join("book").display()));
    let config = t.read("book/oneonone.yaml");
    assert!(
        config.starts_with("# oneonone notebook settings.\n"),
        "{config}"
    );
    assert!(config.contains("\nframework: listen-learn-lift\n"));
    assert!(config.contains("\nquestions_per_section: 3\n"));

    t.write("book/oneonone.yaml", "manager: Sam\n");
    t.run(&["init", "book"]).status(2).stderr(
        "oneonone: error: book/oneonone.yaml: already exists; oneonone never overwrites a file\n",
    );
    t.file("book/oneonone.yaml", "manager: Sam\n");
}

#[test]
fn issue14_init_names_a_folder_in_home_with_a_tilde_and_a_cd_the_shell_reads_back() {
    let t = Test::bare();
    let home = t.home.path().canonicalize().unwrap();
    let dir = home.join("my notes");
    let dir = dir.to_str().unwrap();
    t.run(&["init", dir, "--no-default"])
        .ok()
        .stdout(format!("{dir}/oneonone.yaml\n"))
        .stderr(
            "oneonone: created ~/my notes/oneonone.yaml\n  \
             next: cd ~/'my notes' && oneonone new \"<name>\" writes your first note\n",
        );
}
