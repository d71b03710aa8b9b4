//! What reaches a terminal (issue 9, item 5): file names, bank titles, note
//! text and `export` all go through the one sanitizer, which replaces
//! control characters (C0, DEL, C1) and bidirectional controls with U+FFFD;
//! `--json` escapes them; `export` to a pipe keeps a note's exact bytes;
//! and names holding them are refused before they are written anywhere.

use crate::Test;

/// ESC, an OSC title, BEL, a C1 CSI and an RLO: what a hostile file name
/// or note holds.
const HOSTILE: &str = "\u{1b}[2J\u{1b}]0;pwned\u{7}\u{9b}31m\u{202e}";
/// The same, as the terminal must see it.
const SHOWN: &str = "\u{fffd}[2J\u{fffd}]0;pwned\u{fffd}\u{fffd}31m\u{fffd}";

/// What the sanitizer replaces.
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Runs oneonone in this process as if both streams were a terminal:
/// (exit code, stdout, stderr).
fn on_terminal(t: &Test, args: &[&str]) -> (i32, String, String) {
    let run = t.run_on_terminal(args);
    (run.status, run.stdout, run.stderr)
}

#[test]
fn issue9_check_shows_a_hostile_file_name_escaped() {
    let t = Test::new();
    t.write("alice/2026-11-01.md", "# Notes\n");
    t.write(&format!("alice/notes{HOSTILE}.md"), "hi\n");
    let run = t.run(&["check", "--color", "never"]).status(1);
    assert_eq!(
        run.stdout,
        format!(
            "alice/notes{SHOWN}.md: not a meeting note (<person>/YYYY-MM-DD.md) nor an agenda; its follow-ups still count\n  fix: move it into a person's folder as YYYY-MM-DD.md, or leave it if that is what you want\n"
        )
    );
    assert_eq!(run.stderr, "oneonone: 1 problem in 1 file\n");
    // With colour, the only escapes are oneonone's own.
    let run = t.run(&["check", "--color", "always"]).status(1);
    assert!(
        run.stdout.starts_with(&format!(
            "\u{1b}[35malice/notes{SHOWN}.md\u{1b}[0m: not a meeting note"
        )),
        "{:?}",
        run.stdout
    );
    // JSON keeps the name exactly (escaped as JSON).
    let run = t.run(&["check", "--json"]).status(1);
    assert!(
        run.stdout
            .contains(r#""path": "alice/notes\u001b[2J\u001b]0;pwned\u0007\u009b31m\u202e.md""#)
    );
}

#[test]
fn issue9_patterns_shows_a_hostile_file_name_escaped() {
    let t = Test::new();
    t.write("alice/2026-11-01.md", "- [>] Fix the build\n");
    t.write(
        "alice/2026-11-08.md",
        "- [>] Fix the build (from 2026-11-01)\n",
    );
    t.write(
        "alice/2026-11-15.md",
        "- [>] Fix the build (from 2026-11-01)\n",
    );
    t.write(
        &format!("alice/x{HOSTILE}.md"),
        "- [ ] Fix the build (from 2026-11-01)\n",
    );
    let run = t
        .run(&[
            "--today",
            "2026-11-20",
            "patterns",
            "alice",
            "--color",
            "never",
        ])
        .ok();
    assert!(
        run.stdout.contains(&format!(
            "\nFollow-ups carried over 3 times or more\n  alice/x{SHOWN}.md:1: Fix the build (from 2026-11-01) (carried 3 times)\n"
        )),
        "{:?}",
        run.stdout
    );
    assert!(!run.stdout.contains('\u{1b}'), "{:?}", run.stdout);
}

#[test]
fn issue9_done_shows_a_hostile_file_name_escaped() {
    let t = Test::new();
    let name = format!("alice/x{HOSTILE}.md");
    t.write(&name, "- [ ] Call Bob\n");
    let run = t.run(&["done", &format!("{name}:1")]).ok();
    assert_eq!(
        run.stderr,
        format!("oneonone: done: alice/x{SHOWN}.md:1: Call Bob\n")
    );
    assert_eq!(t.read(&name), "- [x] Call Bob\n");
    // Several matches list their files in the error, escaped too.
    t.write(&name, "- [ ] Call Bob\n- [ ] Call Bob again\n");
    let run = t.run(&["done", "--match", "call bob"]).status(2);
    assert_eq!(
        run.stderr,
        format!(
            "oneonone: error: 2 open follow-ups match \"call bob\"; give more of the text, --person, or a path:line:\n  alice/x{SHOWN}.md:1: Call Bob\n  alice/x{SHOWN}.md:2: Call Bob again\n"
        )
    );
}

#[test]
fn issue9_new_shows_a_bank_framework_title_escaped() {
    let t = Test::new();
    // YAML's "\e" is ESC, "\x9b" a C1 CSI, "\u202e" a right-to-left override.
    t.write(
        "question-bank/mine.yaml",
        "frameworks:\n  - name: evil\n    title: \"Evil \\e[31mred\\x9b2J \\u202eeman\"\n    sections:\n      - heading: Wins\n        pool: rainbows\n",
    );
    let run = t
        .run(&[
            "new",
            "alice",
            "--framework",
            "evil",
            "--date",
            "2026-11-24",
            "--seed",
            "1",
        ])
        .ok();
    assert_eq!(run.stdout, "alice/2026-11-24.md\n");
    assert_eq!(
        run.stderr,
        "oneonone: created the 2026-11-24 note for alice (Evil \u{fffd}[31mred\u{fffd}2J \u{fffd}eman)\n"
    );
}

#[test]
fn issue9_trends_svg_path_is_echoed_escaped() {
    let t = Test::new();
    t.write("bob/2026-11-01.md", "# Notes\n");
    let file = format!("chart{HOSTILE}.svg");
    let run = t.run(&["trends", "bob", "--svg", &file]).ok();
    assert_eq!(
        run.stderr,
        format!(
            "oneonone: wrote chart{SHOWN}.svg\noneonone: no check-ins for bob yet; record one with `oneonone checkin bob --energy 4 --challenge 3 --skill 3`\n"
        )
    );
    assert!(t.path(&file).is_file());
}

/// A note holding ESC, BEL, C1 (CSI, NEL), DEL and RLO, its text with
/// CRLF endings.
const NOTE: &str = "---\nperson: Bob\ndate: 2026-11-01\n---\n## Notes\r\n\r\nred \u{1b}[31malert\u{7} csi \u{9b}2J nel\u{85}x del\u{7f} rlo \u{202e}txet\r\n- [ ] over\rwrite\r\n";

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
    let run = t.run(&["export", "bob/2026-11-01.md"]).ok();
    assert_eq!(run.stdout, NOTE);
    let run = t.run(&["export", "bob", "--shared"]).ok();
    assert_eq!(run.stdout, NOTE);
}

#[test]
fn issue9_json_escapes_what_a_terminal_would_act_on() {
    let t = Test::new();
    let text = "csi \u{9b}2J del\u{7f} rlo \u{202e}txet lri\u{2066} alm\u{61c}";
    t.write("bob/2026-11-01.md", format!("- [ ] {text}\n"));
    let run = t.run(&["followups", "--json"]).ok();
    assert!(
        run.stdout
            .contains(r#""text": "csi \u009b2J del\u007f rlo \u202etxet lri\u2066 alm\u061c","#),
        "{}",
        run.stdout
    );
    // The same data, read back.
    let items: Vec<crate::Item> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(items[0].text, text);
}

#[test]
fn issue9_names_with_control_or_direction_characters_are_refused() {
    let t = Test::new();
    for (args, name) in [
        (&["new", "Alice\u{202e}htims"][..], "Alice\u{202e}htims"),
        (&["new", "Eve\u{9b}2J"], "Eve\u{9b}2J"),
        (&["new", "Dan\u{61c}"], "Dan\u{61c}"),
        (&["agenda", "Bob\u{2066}", "a point"], "Bob\u{2066}"),
        (&["agenda", "Carol\u{200f}x", "a point"], "Carol\u{200f}x"),
    ] {
        let run = t.run(args).status(2);
        let shown: String = format!("{name:?}")
            .chars()
            .map(|c| if is_unsafe(c) { '\u{fffd}' } else { c })
            .collect();
        assert_eq!(
            run.stderr,
            format!(
                "oneonone: error: cannot use {shown} as a person: a name cannot contain control characters (line breaks, tabs, escapes) or invisible direction marks\n"
            ),
            "{args:?}"
        );
        assert_eq!(t.files(), Vec::<String>::new(), "{args:?}");
    }
}
