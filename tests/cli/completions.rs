//! End-to-end tests of the command line itself: `--version`, `--help`,
//! `completions`, usage errors.

use crate::Test;

/// A notebook of three people, one with a name and an alias of her own.
fn three_people() -> Test {
    let t = Test::new();
    t.write("alice/person.yaml", "name: Alice Smith\naliases: [ally]\n")
        .write("alex-kim/2026-11-02.md", "---\nperson: Alex Kim\n---\n")
        .write("bob/2026-11-02.md", "---\nperson: bob\n---\n");
    t
}

/// Asks the binary for completions as the shell's script does:
/// `ONEONONE_COMPLETE=SHELL oneonone -- WORDS...`.
fn complete(t: &Test, shell: &str, vars: &[(&str, &str)], words: &[&str]) -> crate::Run {
    let mut cmd = t.cmd();
    cmd.env("ONEONONE_COMPLETE", shell)
        .envs(vars.iter().copied());
    cmd.arg("--").args(words);
    Test::run_cmd(&mut cmd)
}

#[test]
fn issue11_person_arguments_complete_to_the_notebooks_people() {
    let t = three_people();
    // fish: one value per line, the name after a tab when it says more.
    complete(&t, "fish", &[], &["oneonone", "prep", "al"])
        .ok()
        .stdout("alex-kim\tAlex Kim\nalice\tAlice Smith\nally\tAlice Smith (alice/)\n")
        .stderr("");
    complete(&t, "fish", &[], &["oneonone", "agenda", "a"])
        .ok()
        .stdout("alex-kim\tAlex Kim\nalice\tAlice Smith\nally\tAlice Smith (alice/)\n");
    // Accents and case fold; an option that names a person completes too.
    complete(
        &t,
        "fish",
        &[],
        &["oneonone", "followups", "--person", "BÖ"],
    )
    .ok()
    .stdout("bob\n");
    // zsh: the index of the word and a separator come from its script.
    complete(
        &t,
        "zsh",
        &[("_CLAP_COMPLETE_INDEX", "2"), ("_CLAP_IFS", "\n")],
        &["oneonone", "new", "a"],
    )
    .ok()
    .stdout("alex-kim:Alex Kim\nalice:Alice Smith\nally:Alice Smith (alice/)");
    // Every command that takes a person.
    for words in [
        &["oneonone", "new", "b"][..],
        &["oneonone", "agenda", "b"],
        &["oneonone", "done", "x.md:1", "--person", "b"],
        &["oneonone", "checkin", "b"],
        &["oneonone", "trends", "b"],
        &["oneonone", "patterns", "b"],
        &["oneonone", "prep", "b"],
        &["oneonone", "open", "b"],
        &["oneonone", "followups", "b"],
        &["oneonone", "followups", "-p", "b"],
    ] {
        let run = complete(&t, "fish", &[], words).ok();
        assert_eq!(run.stdout, "bob\n", "{words:?}");
    }
    // --dir on the command line names the notebook to complete from.
    let other = Test::new();
    complete(
        &other,
        "fish",
        &[],
        &[
            "oneonone",
            "--dir",
            t.dir.path().to_str().unwrap(),
            "open",
            "b",
        ],
    )
    .ok()
    .stdout("bob\n");
    // No notebook there: nothing offered, nothing said, nothing made.
    complete(
        &t,
        "fish",
        &[],
        &["oneonone", "--dir", "nowhere", "prep", "a"],
    )
    .ok()
    .stdout("")
    .stderr("");
    assert!(!t.path("nowhere").exists());
}

#[test]
fn issue11_the_bash_script_completes_people_in_a_real_bash() {
    let t = three_people();
    let run = t.run(&["completions", "bash"]).ok();
    let bin = env!("CARGO_BIN_EXE_oneonone");
    assert!(
        run.stdout.contains(&format!(
            "ONEONONE_COMPLETE=\"bash\" \\\n        \"{bin}\" -- \"${{words[@]}}\""
        )),
        "{}",
        run.stdout
    );
    // Source the script and press Tab after `oneonone new al`.
    let script = "source <(\"$0\" completions bash) && \
         COMP_WORDS=(oneonone new al) COMP_CWORD=2 && \
         _clap_complete_oneonone oneonone al new && \
         printf '%s\\n' \"${COMPREPLY[@]}\"";
    t.run_in_bash(script)
        .ok()
        .stdout("alex-kim\nalice\nally\n")
        .stderr("");
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let run = t.run(&["completions", shell]).ok();
        assert!(
            run.stdout.contains("ONEONONE_COMPLETE"),
            "{shell}: {}",
            run.stdout
        );
    }
}

#[test]
fn version_help_and_completions() {
    let t = Test::new();
    t.run(&["--version"])
        .ok()
        .stdout(format!("oneonone {}\n", env!("CARGO_PKG_VERSION")));
    let run = t.run(&["followups", "--help"]).ok();
    assert!(
        run.stdout.contains("Examples:\n  oneonone followups\n"),
        "{}",
        run.stdout
    );
    let run = t.run(&["frobnicate"]).status(2);
    assert!(
        run.stderr
            .starts_with("oneonone: error: unrecognized subcommand 'frobnicate'"),
        "{}",
        run.stderr
    );
    let run = t.run(&["new", "a", "--date", "2026-13-01"]).status(2);
    assert!(
        run.stderr.contains(
            "'2026-13-01' for '--date <DATE>': not a date\n  hint: write it as YYYY-MM-DD"
        ),
        "{}",
        run.stderr
    );
}
