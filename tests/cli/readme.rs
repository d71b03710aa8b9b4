//! The README's console examples, run: every ```` ```console ```` block is
//! a session on a fresh machine, and what it shows must be what the tool
//! prints.
//!
//! A block runs in a new temporary home folder (shown as `/home/you`), with
//! no notebook and no config, `$EDITOR` set to a script that stands for
//! the meeting (it writes a line under Lift, and two follow-ups in place
//! of the note's empty `- [ ] `), and today 2026-11-24. In a block:
//!
//! - `$ oneonone ARGS` runs the binary (`~` is the home folder; a trailing
//!   `# comment` is not an argument); `$ cd DIR` changes folder;
//! - a comment starting `# N days later` (or `weeks`) moves today on first;
//! - the lines up to the next `$` are what the command printed, standard
//!   output and standard error as they came; `...` stands for any lines and
//!   `[..]` for any text within a line; `? N` ends them with the exit code
//!   (0 when not given).
//!
//! A block right after an HTML comment `<!-- readme-test: continue -->`
//! goes on where the block before it ended (same folders, clock and
//! current folder). A console block that should not run is an `sh` block.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

/// What the meeting writes: a line under Lift, and the follow-ups the
/// tour's `new alice --edit` ends with, in place of the empty `- [ ] `
/// placeholder.
const MEETING_EDITOR: &str = r#"#!/bin/sh
note="$1"
sed -e 's/^- \[ \] $/- [ ] Send Alice the promo packet 📅 2026-11-28\
- [ ] Draft the growth plan @alice/' \
    -e 's/^## Lift$/## Lift\
\
Wants to lead the offsite planning; needs a budget owner./' \
    "$note" > "$note.meeting" && mv "$note.meeting" "$note"
"#;

/// The day every block starts on.
const FIRST_DAY: &str = "2026-11-24";

/// One `$` line and what follows it.
struct Step {
    /// The README line of the command.
    line: usize,
    command: String,
    expected: Vec<String>,
    status: i32,
}

/// A console block: its steps, and whether it goes on from the block
/// before.
struct Block {
    continues: bool,
    steps: Vec<Step>,
}

/// The console blocks of a markdown text.
fn console_blocks(markdown: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current: Option<(usize, String)> = None;
    let mut continues = false;
    for (event, range) in Parser::new(markdown).into_offset_iter() {
        match event {
            Event::Html(html) if html.contains("readme-test: continue") => continues = true,
            Event::Start(Tag::Paragraph | Tag::Heading { .. }) => continues = false,
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                if info.split_whitespace().next() == Some("console") =>
            {
                // The first line of the block's text is the one after the fence.
                let line = markdown[..range.start].matches('\n').count() + 2;
                current = Some((line, String::new()));
            }
            Event::Text(text) => {
                if let Some((_, body)) = current.as_mut() {
                    body.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((line, body)) = current.take() {
                    blocks.push(Block {
                        continues: std::mem::take(&mut continues),
                        steps: steps(line, &body),
                    });
                }
            }
            _ => {}
        }
    }
    blocks
}

fn steps(first_line: usize, body: &str) -> Vec<Step> {
    let mut steps: Vec<Step> = Vec::new();
    for (i, text) in body.lines().enumerate() {
        if let Some(command) = text.strip_prefix("$ ") {
            steps.push(Step {
                line: first_line + i,
                command: command.to_string(),
                expected: Vec::new(),
                status: 0,
            });
            continue;
        }
        let step = steps
            .last_mut()
            .unwrap_or_else(|| panic!("README.md:{}: output before any `$` line", first_line + i));
        if let Some(code) = text.strip_prefix("? ") {
            step.status = code.trim().parse().expect("`? N` takes an exit code");
        } else {
            step.expected.push(text.to_string());
        }
    }
    steps
}

/// A `# N days later` comment's days.
fn days_later(comment: &str) -> Option<i64> {
    let mut words = comment.split_whitespace();
    let n: i64 = words.next()?.parse().ok()?;
    let unit = words.next()?;
    (words
        .next()?
        .trim_end_matches(|c: char| c.is_ascii_punctuation())
        == "later")
        .then_some(())?;
    match unit {
        "day" | "days" => Some(n),
        "week" | "weeks" => Some(7 * n),
        _ => None,
    }
}

/// Whether `actual` reads as `expected`, with `[..]` matching any text.
fn line_matches(expected: &str, actual: &str) -> bool {
    let mut parts = expected.split("[..]");
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = actual.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    for (i, part) in parts.iter().enumerate() {
        if i + 1 == parts.len() {
            return rest.ends_with(part);
        }
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.is_empty()
}

/// Whether the lines read as the expected ones, `...` matching any lines.
fn lines_match(expected: &[String], actual: &[&str]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((first, rest)) if first == "..." => {
            (0..=actual.len()).any(|skip| lines_match(rest, &actual[skip..]))
        }
        Some((first, rest)) => actual
            .split_first()
            .is_some_and(|(line, more)| line_matches(first, line) && lines_match(rest, more)),
    }
}

/// A fresh machine: a home folder, the meeting's editor, and a clock.
struct Machine {
    _root: tempfile::TempDir,
    home: PathBuf,
    cwd: PathBuf,
    editor: PathBuf,
    today: chrono::NaiveDate,
}

impl Machine {
    fn new() -> Self {
        let root = tempfile::tempdir().unwrap();
        let base = root.path().canonicalize().unwrap();
        let home = base.join("home");
        fs::create_dir(&home).unwrap();
        let editor = base.join("meeting");
        fs::write(&editor, MEETING_EDITOR).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&editor, fs::Permissions::from_mode(0o755)).unwrap();
        }
        Machine {
            _root: root,
            cwd: home.clone(),
            home,
            editor,
            today: FIRST_DAY.parse().unwrap(),
        }
    }

    fn expand(&self, word: &str) -> String {
        match word.strip_prefix('~') {
            Some(rest) if rest.is_empty() || rest.starts_with('/') => {
                format!("{}{rest}", self.home.display())
            }
            _ => word.to_string(),
        }
    }

    /// Runs one step: its output (both streams, in order) and exit code.
    fn run(&mut self, step: &Step) -> (String, i32) {
        let (command, comment) = match step.command.split_once(" # ") {
            Some((command, comment)) => (command, comment.trim()),
            None => (step.command.as_str(), ""),
        };
        if let Some(days) = days_later(comment) {
            self.today += chrono::TimeDelta::days(days);
        }
        let words = shlex::split(command)
            .unwrap_or_else(|| panic!("README.md:{}: cannot split the command", step.line));
        let words: Vec<String> = words.iter().map(|w| self.expand(w)).collect();
        match words.first().map(String::as_str) {
            Some("cd") => {
                self.cwd = self.cwd.join(&words[1]);
                (String::new(), 0)
            }
            Some("oneonone") => self.oneonone(&words[1..]),
            _ => panic!(
                "README.md:{}: only `oneonone` and `cd` run in a console block; use ```sh for others",
                step.line
            ),
        }
    }

    fn oneonone(&self, args: &[String]) -> (String, i32) {
        let out = self.home.parent().unwrap().join("output");
        let file = fs::File::create(&out).unwrap();
        let status = Command::new(env!("CARGO_BIN_EXE_oneonone"))
            .arg("--today")
            .arg(self.today.to_string())
            .args(args)
            .current_dir(&self.cwd)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", &self.home)
            .env("XDG_CONFIG_HOME", self.home.join(".config"))
            .env("EDITOR", &self.editor)
            .env("NO_COLOR", "1")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .stdin(Stdio::null())
            .stdout(file.try_clone().unwrap())
            .stderr(file)
            .status()
            .unwrap();
        let text = fs::read_to_string(&out).unwrap();
        let home = self.home.display().to_string();
        (
            text.replace(&home, "/home/you"),
            status.code().unwrap_or(-1),
        )
    }
}

fn run_block(machine: &mut Machine, steps: &[Step], report: &mut String) {
    for step in steps {
        let (output, status) = machine.run(step);
        let actual: Vec<&str> = output.lines().collect();
        if !lines_match(&step.expected, &actual) || status != step.status {
            let _ = writeln!(
                report,
                "README.md:{}: $ {}\n--- the README shows (exit {}):\n{}\n--- the tool printed (exit {status}):\n{}\n",
                step.line,
                step.command,
                step.status,
                step.expected.join("\n"),
                output.trim_end()
            );
        }
    }
}

fn readme() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    fs::read_to_string(path).unwrap()
}

#[test]
fn readme_console_examples_print_what_they_show() {
    let blocks = console_blocks(&readme());
    assert!(!blocks.is_empty(), "the README has no console example");
    assert!(
        !blocks[0].continues,
        "the first console block has none to go on from"
    );
    let mut report = String::new();
    let mut machine = Machine::new();
    for block in &blocks {
        if !block.continues {
            machine = Machine::new();
        }
        run_block(&mut machine, &block.steps, &mut report);
    }
    assert!(report.is_empty(), "{report}");
}

#[test]
fn the_runner_matches_wildcards_and_reads_steps() {
    let lines = |s: &str| s.lines().map(String::from).collect::<Vec<_>>();
    assert!(lines_match(&lines("a\n...\nd"), &["a", "b", "c", "d"]));
    assert!(lines_match(&lines("a\n..."), &["a"]));
    assert!(!lines_match(&lines("a\nd"), &["a", "b", "d"]));
    assert!(lines_match(&lines("x [..] z"), &["x yy z"]));
    assert!(!lines_match(&lines("x [..] z"), &["x yy zz!"]));
    assert!(!lines_match(&lines("a"), &["a", "b"]));
    assert_eq!(days_later("3 days later, before the next one"), Some(3));
    assert_eq!(days_later("2 weeks later"), Some(14));
    assert_eq!(days_later("the notebook"), None);
    let blocks = console_blocks(
        "text\n\n```console\n$ oneonone x\nout\n? 1\n$ cd y\n```\n\n\
         <!-- readme-test: continue -->\n\n```console\n$ cd z\n```\n\n\
         <!-- readme-test: continue -->\n\ntext\n\n```console\n$ cd z\n```\n",
    );
    let continues: Vec<bool> = blocks.iter().map(|b| b.continues).collect();
    assert_eq!(continues, [false, true, false]);
    let [first, second] = &blocks[0].steps[..] else {
        panic!("two steps")
    };
    assert_eq!((first.line, first.command.as_str()), (4, "oneonone x"));
    assert_eq!(
        (first.expected.clone(), first.status),
        (vec!["out".to_string()], 1)
    );
    assert_eq!((second.line, second.command.as_str()), (7, "cd y"));
}
