//! End-to-end tests of `oneonone export`: the shared copy never holds a
//! private line, and what reaches a terminal or a pipe.

use std::fs;
use std::path::Path;

use crate::Test;

/// A note with `middle` between two shared sections, exported shared.
fn shared_with(middle: &str) -> String {
    let t = Test::new();
    t.write(
        "bob/2026-11-24.md",
        format!(
            "---\nperson: Bob\ndate: 2026-11-24\nframework: listen-learn-lift\n---\n\
             # 1:1 with Bob\n\n## Listen\n\nShared words.\n\n{middle}\n\n## Lift\n\nMore shared.\n"
        ),
    );
    let run = t.run(&["export", "bob/2026-11-24.md", "--shared"]).ok();
    assert!(!run.stdout.contains("SECRET"), "{}", run.stdout);
    run.stdout
}

const HEAD: &str = "---\nperson: Bob\ndate: 2026-11-24\nframework: listen-learn-lift\n---\n\
                    # 1:1 with Bob\n\n## Listen\n\nShared words.\n\n";

/// Runs oneonone in this process as if both streams were a terminal:
/// (exit code, stdout, stderr).
fn on_terminal(t: &Test, args: &[&str]) -> (i32, String, String) {
    let run = t.run_on_terminal(args);
    (run.status, run.stdout, run.stderr)
}

/// A note holding ESC, BEL, C1 (CSI, NEL), DEL and RLO, its text with
/// CRLF endings.
const NOTE: &str = "---\nperson: Bob\ndate: 2026-11-01\n---\n## Notes\r\n\r\nred \u{1b}[31malert\u{7} csi \u{9b}2J nel\u{85}x del\u{7f} rlo \u{202e}txet\r\n- [ ] over\rwrite\r\n";

#[test]
fn issue9_shared_copy_drops_details_whose_summary_is_bold() {
    assert_eq!(
        shared_with("<details>\n<summary><b>Private</b></summary>\n\nSECRET\n\n</details>"),
        format!("{HEAD}## Lift\n\nMore shared.\n")
    );
}

#[test]
fn issue9_shared_copy_drops_details_whose_summary_has_attributes() {
    assert_eq!(
        shared_with(
            "<details open>\n<summary class=\"note\" title='x'>🔒 Private notes</summary>\n\nSECRET\n\n</details>"
        ),
        format!("{HEAD}## Lift\n\nMore shared.\n")
    );
}

#[test]
fn issue9_shared_copy_drops_an_html_heading() {
    assert_eq!(
        shared_with("<h2>Private</h2>\n\nSECRET\n\n### Details\n\nSECRET too"),
        format!("{HEAD}## Lift\n\nMore shared.\n")
    );
}

#[test]
fn issue9_shared_copy_drops_a_fullwidth_heading() {
    assert_eq!(
        shared_with("## \u{ff30}rivate\n\nSECRET"),
        format!("{HEAD}## Lift\n\nMore shared.\n")
    );
}

#[test]
fn issue9_shared_copy_drops_a_cyrillic_look_alike_heading() {
    assert_eq!(
        shared_with("## \u{0420}rivate\n\nSECRET"),
        format!("{HEAD}## Lift\n\nMore shared.\n")
    );
}

#[test]
fn issue9_shared_copy_folds_the_configured_private_heading_too() {
    let t = Test::new();
    // The setting written with a Cyrillic М, the headings with a
    // fullwidth M and a Cyrillic О.
    t.write("oneonone.yaml", "private_section: \u{041c}anager only\n");
    t.write(
        "bob/2026-11-24.md",
        "# 1:1 with Bob\n\n## Listen\n\nShared.\n\n## Manager only\n\nSECRET-A\n\n\
         ## Lift\n\nMore shared.\n\n## \u{ff2d}anager \u{041e}nly\n\nSECRET-B\n",
    );
    t.run(&["export", "bob/2026-11-24.md", "--shared"])
        .ok()
        .stdout("# 1:1 with Bob\n\n## Listen\n\nShared.\n\n## Lift\n\nMore shared.\n");
}

#[test]
fn issue9_shared_copy_refuses_a_frontmatter_with_no_closing_fence() {
    let t = Test::new();
    t.write(
        "bob/2026-11-24.md",
        "---\nperson: Bob\ndate: 2026-11-24\nmanager_notes: SECRET on a PIP\n\n# 1:1 with Bob\n\nShared.\n",
    );
    t
        .run(&["export", "bob/2026-11-24.md", "--shared"])
        .status(2).stdout("").stderr("oneonone: error: bob/2026-11-24.md: it opens with `---` but oneonone cannot tell where its frontmatter ends; \
         fix the frontmatter (or remove the `---` lines)\n");
}

#[test]
fn issue9_shared_copy_refuses_a_toml_frontmatter() {
    let t = Test::new();
    t.write(
        "bob/2026-11-24.md",
        "+++\nperson = \"Bob\"\nmanager_notes = \"SECRET on a PIP\"\n+++\n# 1:1 with Bob\n\nShared.\n",
    );
    t
        .run(&["export", "bob/2026-11-24.md", "--shared"])
        .status(2).stdout("").stderr("oneonone: error: bob/2026-11-24.md: it opens with `+++`, a TOML frontmatter oneonone does not read, \
         so it cannot tell what to leave out; write the frontmatter as YAML between `---` lines\n");
}

#[test]
fn shared_copy_never_holds_a_private_line() {
    let t = Test::new();
    t.run(&["new", "Bob", "--date", "2026-11-24", "--seed", "1"])
        .ok();
    let note = t.read("bob/2026-11-24.md");
    assert!(note.ends_with(
        "## Private\n\n_For your eyes only: `oneonone export --shared` leaves this section out._\n"
    ));
    // Private words in the template's section, in a sub-section, and in a
    // second private section in the middle, at another level.
    let note = note
        .replace("manager_free: x\n", "")
        .replace(
            "## Listen\n",
            "### Private\n\nSECRET-A mid-note\n\n## Listen\n",
        )
        .replace(
            "_For your eyes only",
            "SECRET-B at the end\n\n### Details\n\nSECRET-C under it\n\n_For your eyes only",
        );
    fs::write(t.path("bob/2026-11-24.md"), &note).unwrap();
    t.run(&["checkin", "bob", "-e", "2"]).ok();
    let run = t.run(&["export", "bob", "--shared"]).ok();
    for secret in [
        "SECRET-A",
        "SECRET-B",
        "SECRET-C",
        "For your eyes only",
        "energy",
        "tags:",
    ] {
        assert!(
            !run.stdout.contains(secret),
            "{secret} leaked:\n{}",
            run.stdout
        );
    }
    // Nothing was written in it: the template's words go, and the
    // sections they leave empty, but Agenda and Follow-ups (issue 13).
    assert_eq!(
        run.stdout,
        "---\nperson: Bob\ndate: 2026-11-24\nframework: listen-learn-lift\n---\n\
         # 1:1 with Bob, 2026-11-24\n\n## Agenda\n\n## Follow-ups\n"
    );
    // Every line of the shared copy is a line of the note.
    for line in run.stdout.lines() {
        assert!(
            note.lines().any(|l| l == line),
            "{line:?} is not from the note"
        );
    }

    // Without --shared, the note as it is; by path too.
    let whole = t.run(&["export", "bob/2026-11-24.md"]).ok();
    assert_eq!(whole.stdout, t.read("bob/2026-11-24.md"));
    // The notebook can share check-ins and name its private heading.
    t.write(
        "oneonone.yaml",
        "private_section: Manager only\nshare_checkins: true\n",
    );
    let run = t
        .run(&["export", "bob", "--date", "2026-11-24", "--shared"])
        .ok();
    // `Private` sections stay private whatever the notebook calls its own.
    assert!(run.stdout.contains("\nenergy: 2\n") && !run.stdout.contains("SECRET-A"));
    t.run(&["export", "bob", "--date", "2026-01-01"])
        .status(2)
        .stderr("oneonone: error: Bob has no note on 2026-01-01\n");
    assert!(Path::new(&t.path("bob/2026-11-24.md")).is_file());
}

#[test]
fn issue9_export_to_a_terminal_escapes_control_characters() {
    let t = Test::new();
    t.write("bob/2026-11-01.md", NOTE);
    let escaped = "---\nperson: Bob\ndate: 2026-11-01\n---\n## Notes\r\n\r\nred \u{fffd}[31malert\u{fffd} csi \u{fffd}2J nel\u{fffd}x del\u{fffd} rlo \u{fffd}txet\r\n- [ ] over\u{fffd}write\r\n";
    for args in [
        &["export", "bob/2026-11-01.md"][..],
        &["export", "bob"],
        &["export", "bob", "--shared"],
    ] {
        let (code, stdout, stderr) = on_terminal(&t, args);
        assert_eq!((code, stderr.as_str()), (0, ""), "{args:?}");
        assert_eq!(stdout, escaped, "{args:?}");
    }
}

#[test]
fn issue9_export_to_a_pipe_keeps_the_exact_bytes() {
    let t = Test::new();
    t.write("bob/2026-11-01.md", NOTE);
    t.run(&["export", "bob/2026-11-01.md"]).ok().stdout(NOTE);
    t.run(&["export", "bob", "--shared"]).ok().stdout(NOTE);
}

#[test]
fn a_private_heading_in_a_task_item_stays_private() {
    // GitHub shows a box and then `Private`; read without the task-list
    // extension the heading's title is `[x] Private`.
    let t = Test::new();
    t.write(
        "bob/2026-11-24.md",
        "# 1:1 with Bob\n\n## Listen\n\nShared.\n\n- [x] Private\n  ===\n\n  SECRET-A\n  - [ ] SECRET-B item\n",
    );
    t.run(&["export", "bob/2026-11-24.md", "--shared"])
        .ok()
        .stdout("# 1:1 with Bob\n\n## Listen\n\nShared.\n");
    t.run(&["followups", "--json"]).ok().stdout(
        "[\n  {\n    \"person\": \"bob\",\n    \"date\": \"2026-11-24\",\n    \
         \"path\": \"bob/2026-11-24.md\",\n    \"line\": 11,\n    \"text\": \"SECRET-B item\",\n    \
         \"owner\": \"me\",\n    \"due\": null,\n    \"private\": true\n  }\n]\n",
    );
}
