//! End-to-end tests of the command line itself: `--version`, `--help`,
//! `completions`, usage errors.

use crate::Test;

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
    let run = t.run(&["completions", "bash"]).ok();
    assert!(
        run.stdout.starts_with("_oneonone() {"),
        "{}",
        &run.stdout[..80]
    );
    assert!(run.stdout.contains("followups"));
    let run = t.run(&["frobnicate"]).status(2);
    assert!(
        run.stderr
            .starts_with("oneonone: error: unrecognized subcommand 'frobnicate'"),
        "{}",
        run.stderr
    );
    let run = t.run(&["new", "a", "--date", "2026-13-01"]).status(2);
    assert!(
        run.stderr
            .contains("`2026-13-01` is not a date; write it as YYYY-MM-DD"),
        "{}",
        run.stderr
    );
}
