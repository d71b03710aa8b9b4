//! End-to-end tests of issue 13: the shared space of one report (`share`),
//! the agenda both sides add to, `sync` publishing the shared copies and
//! carrying ticks both ways, through a bare git repository on local disk
//! with two clones (the manager's space and the report's). No network;
//! git runs with its own settings only (no system or user file).

use std::path::{Path, PathBuf};

use assert_cmd::Command;

use crate::{Run, Test};

/// The manager's notebook, and a folder beside it for the spaces, the
/// bare remote and the report's clone.
struct World {
    t: Test,
    other: tempfile::TempDir,
    /// The day commands run on (`--today`).
    today: std::cell::RefCell<&'static str>,
}

/// Who runs a command: the identity git commits with.
#[derive(Clone, Copy)]
enum Who {
    Sam,
    Alice,
}

impl World {
    fn new() -> World {
        let t = Test::new();
        std::fs::write(
            t.home.path().join("gitconfig"),
            "[init]\n\tdefaultBranch = main\n[user]\n\tuseConfigOnly = true\n[advice]\n\tdetachedHead = false\n",
        )
        .unwrap();
        World {
            t,
            other: tempfile::tempdir().unwrap(),
            today: std::cell::RefCell::new("2026-11-24"),
        }
    }

    /// A folder beside the notebook, as the binary sees it.
    fn at(&self, rel: &str) -> PathBuf {
        self.other.path().canonicalize().unwrap().join(rel)
    }

    fn at_str(&self, rel: &str) -> String {
        self.at(rel).to_string_lossy().into_owned()
    }

    /// Git's environment: no system or user settings but the test's own,
    /// and `who`'s identity (none for `None`).
    fn git_env(&self, cmd: &mut std::process::Command, who: Option<Who>) {
        cmd.env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", self.t.home.path().join("gitconfig"))
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE");
        for var in [
            "GIT_AUTHOR_NAME",
            "GIT_AUTHOR_EMAIL",
            "GIT_COMMITTER_NAME",
            "GIT_COMMITTER_EMAIL",
        ] {
            cmd.env_remove(var);
        }
        if let Some(who) = who {
            let (name, email) = match who {
                Who::Sam => ("Sam Manager", "sam@example.com"),
                Who::Alice => ("Alice Smith", "alice@example.com"),
            };
            cmd.env("GIT_AUTHOR_NAME", name)
                .env("GIT_AUTHOR_EMAIL", email)
                .env("GIT_COMMITTER_NAME", name)
                .env("GIT_COMMITTER_EMAIL", email);
        }
    }

    /// Runs git in `dir` as `who`; its standard output. A git that is
    /// missing fails the test (it never skips).
    fn git(&self, who: Who, dir: &Path, args: &[&str]) -> String {
        let mut cmd = std::process::Command::new("git");
        cmd.arg("-C").arg(dir).args(args);
        self.git_env(&mut cmd, Some(who));
        let output = cmd.output().expect("git must be installed for these tests");
        assert!(
            output.status.success(),
            "git {args:?} in {}: {}",
            dir.display(),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    }

    /// From now on, commands run on this day.
    fn on(&self, day: &'static str) {
        *self.today.borrow_mut() = day;
    }

    /// Runs oneonone in the notebook as Sam.
    fn sam(&self, args: &[&str]) -> Run {
        self.run_in(self.t.dir.path(), Some(Who::Sam), args)
    }

    /// Runs oneonone in `dir` as `who` (`None`: with no git identity).
    fn run_in(&self, dir: &Path, who: Option<Who>, args: &[&str]) -> Run {
        let mut std = self.t.process(&[]);
        std.current_dir(dir);
        self.git_env(&mut std, who);
        let today = format!("--today={}", self.today.borrow());
        Test::run_cmd(Command::from_std(std).arg(today).args(args))
    }
}

/// A file's text.
fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The README a new space gets, for Alice and Sam.
const README: &str = "# 1:1 space: Alice Smith and Sam

Hi Alice Smith! This folder holds what we share about our 1:1s, and nothing
else of Sam's notes:

- `alice-smith/agenda.md`: talking points for the next 1:1. Either of us adds
  to it, any time; when the 1:1 starts, the open points go into its note
  and are marked `[>]` here.
- `alice-smith/YYYY-MM-DD.md`: the notes of each 1:1, as Sam shares them
  after the meeting. Tick a follow-up there when it is done. Words or
  follow-ups you add there stay yours: Sam sees them, and they are
  never overwritten.

## Add a talking point

Add a line at the end of `alice-smith/agenda.md`, in any editor or on the git
host's web page:

    - [ ] What you would like to talk about

or, with oneonone installed (ask your manager for it), in this folder:

    oneonone agenda \"What you would like to talk about\"
    oneonone agenda                  # the open points

## Tick a follow-up

In the note, turn its `[ ]` into `[x]`; or:

    oneonone followups               # every open one, with its file:line
    oneonone done alice-smith/2026-11-24.md:12

## Sync

    oneonone sync

commits your changes, pulls Sam's and pushes yours (it runs git). By
hand it is:

    git add --all && git commit -m \"1:1 notes\" && git pull --rebase && git push

or edit and commit the files on the git host's web page.
";

const AGENDA_HEAD: &str = "# Agenda: Alice Smith\n\n\
    Talking points for the next 1:1, from either side. `oneonone new` moves the open\n\
    ones into the meeting's note.\n\n";

const PROFILE: &str = "# About this person, for oneonone. Every key is optional.\n\
    name: \"Alice Smith\"\n\
    # role: Staff Engineer\n\
    # cadence_days: 14    # days between 1:1s\n";

#[test]
fn issue13_share_makes_the_space_moves_the_open_points_and_records_it() {
    let w = World::new();
    w.t.write("oneonone.yaml", "manager: Sam\n");
    w.t.write(
        "alice-smith/person.yaml",
        "name: Alice Smith\nrole: Staff Engineer  # since May\n",
    );
    w.t.write(
        "alice-smith/agenda.md",
        format!("{AGENDA_HEAD}- [x] talked already\n- [ ] Ask about the offsite\n  with the details\n- [ ] Hiring plan\n"),
    );
    w.t.write("bob/agenda.md", "- [ ] Bob's own point\n");
    let space = w.at("spaces/alice");
    std::fs::create_dir(w.at("spaces")).unwrap();
    let dir = w.at_str("spaces/alice");
    w.sam(&["share", "alice", &dir, "--git"])
        .ok()
        .stdout(format!("{dir}\n"))
        .stderr(format!(
            "oneonone: Alice Smith's shared space: {dir}\n\
             oneonone: 2 talking points moved from your private agenda to {dir}/alice-smith/agenda.md\n\
             oneonone: alice-smith/person.yaml records it: shared: {dir}\n\
             oneonone: {dir} is a git repository now; give it a remote you both reach: git -C {dir} remote add origin URL\n\
             oneonone: next: `oneonone sync alice-smith` publishes the shared copies of your notes there\n"
        ));
    assert_eq!(
        w.git(Who::Sam, &space, &["status", "--porcelain"]),
        "?? .gitattributes\n?? .gitignore\n?? README.md\n?? alice-smith/\n?? oneonone.yaml\n"
    );
    let file = |rel: &str| read(&space.join(rel));
    assert_eq!(
        file("oneonone.yaml"),
        "# The shared 1:1 space of Alice Smith: talking points both sides add to\n\
         # (alice-smith/agenda.md) and the shared copies of the 1:1 notes (alice-smith/).\n\
         # oneonone commands run in this folder work on it (see README.md).\n\
         shared:\n  person: alice-smith\n  name: Alice Smith\n  manager: Sam\n"
    );
    assert_eq!(
        file("alice-smith/agenda.md"),
        format!(
            "{AGENDA_HEAD}- [ ] Ask about the offsite\n  with the details\n- [ ] Hiring plan\n"
        )
    );
    assert_eq!(file("alice-smith/person.yaml"), PROFILE);
    assert_eq!(file("README.md"), README);
    assert_eq!(file(".gitattributes"), "*/agenda.md merge=union\n");
    assert_eq!(file(".gitignore"), ".oneonone/\n.oneonone-*.tmp\n");
    // Only the person's own files: nothing of Bob's.
    let mut listed: Vec<String> = walk(&space)
        .into_iter()
        .filter(|p| !p.starts_with(".git/"))
        .collect();
    listed.sort();
    assert_eq!(
        listed,
        [
            ".gitattributes",
            ".gitignore",
            "README.md",
            "alice-smith/agenda.md",
            "alice-smith/person.yaml",
            "oneonone.yaml"
        ]
    );
    // The private agenda keeps what was not open; person.yaml gains one
    // line, every other byte kept.
    w.t.file(
        "alice-smith/agenda.md",
        format!("{AGENDA_HEAD}- [x] talked already\n"),
    );
    w.t.file(
        "alice-smith/person.yaml",
        format!("name: Alice Smith\nrole: Staff Engineer  # since May\nshared: \"{dir}\"\n"),
    );
    // Again: nothing to change.
    w.sam(&["share", "alice", &dir]).ok().stderr(format!(
        "oneonone: {dir} is already Alice Smith's shared space; nothing to change\n\
         oneonone: next: `oneonone sync alice-smith` publishes the shared copies of your notes there\n"
    ));
    // undo says why it cannot take the share back.
    w.sam(&["undo"]).status(2).stderr(format!(
        "oneonone: error: cannot undo `share alice-smith {dir}`: it wrote to the shared space {dir}, which undo does not reach \
         (the other side may have it already); nothing was changed, and undo stops at it (the commands before it cannot be undone either)\n\
         to stop sharing, delete the `shared:` line of alice-smith/person.yaml; the space stays as it is\n"
    ));
}

#[test]
fn issue13_share_refuses_the_notebook_a_folder_holding_it_and_someone_elses_space() {
    let w = World::new();
    w.t.write("alice/2026-11-01.md", "---\nperson: Alice\n---\nhi\n");
    w.t.write("bob/2026-11-01.md", "---\nperson: Bob\n---\nhi\n");
    let root = w.t.root();
    let inside = root.join("shared");
    w.sam(&["share", "alice", &inside.to_string_lossy()])
        .status(2)
        .stderr(format!(
            "oneonone: error: {}: is inside the notebook, where your private notes are; a shared space is a folder of its own, outside it (for example beside it)\n",
            inside.display()
        ));
    let above = root.parent().unwrap();
    w.sam(&["share", "alice", &above.to_string_lossy()])
        .status(2)
        .stderr(format!(
            "oneonone: error: {}: holds the notebook, and everything in a shared space is shared; choose a folder of its own, outside it\n",
            above.display()
        ));
    let dir = w.at_str("alice-space");
    w.sam(&["share", "alice", &dir]).ok();
    w.sam(&["share", "bob", &dir]).status(2).stderr(format!(
        "oneonone: error: {dir}: is already the shared space of alice; each person has a space of their own\n"
    ));
    let other = w.at_str("elsewhere");
    w.sam(&["share", "alice", &other]).status(2).stderr(format!(
        "oneonone: error: {other}: Alice already shares {dir}; to move the space, move that folder and change `shared:` in alice/person.yaml\n"
    ));
    // A notebook is no space.
    std::fs::create_dir(w.at("book")).unwrap();
    std::fs::write(w.at("book/oneonone.yaml"), "manager: Sam\n").unwrap();
    w.sam(&["share", "bob", &w.at_str("book")]).status(2).stderr(format!(
        "oneonone: error: {}: is a oneonone notebook (it has a oneonone.yaml); a shared space is a folder of its own\n",
        w.at_str("book")
    ));
    assert!(!w.at("elsewhere").exists());
}

#[test]
fn issue13_git_missing_is_said_and_nothing_is_written() {
    let w = World::new();
    w.t.write("alice/2026-11-01.md", "---\nperson: Alice\n---\nhi\n");
    let dir = w.at_str("alice-space");
    let empty = w.at("no-git-here");
    std::fs::create_dir(&empty).unwrap();
    let mut std = w.t.process(&[]);
    std.env("PATH", &empty);
    Test::run_cmd(Command::from_std(std).args(["share", "alice", &dir, "--git"]))
        .status(2)
        .stderr(
            "oneonone: error: git is not installed or not on PATH; install git (https://git-scm.com) to sync through a repository, or share a plain folder instead\n",
        );
    assert!(!w.at("alice-space").exists());
    w.t.file("alice/2026-11-01.md", "---\nperson: Alice\n---\nhi\n");
    assert!(!w.t.path("alice/person.yaml").exists());
}

#[test]
fn issue13_both_sides_add_to_the_space_agenda_and_new_takes_each_point_once() {
    let w = World::new();
    w.t.write("alice-smith/person.yaml", "name: Alice Smith\n");
    let dir = w.at_str("space");
    let space = w.at("space");
    w.sam(&["share", "alice", &dir]).ok();
    // Sam adds from the notebook; Alice in the space, without PERSON.
    w.sam(&["agenda", "alice", "Ask about the offsite"])
        .ok()
        .stdout(format!("{dir}/alice-smith/agenda.md:6\n"));
    w.run_in(&space, Some(Who::Alice), &["agenda", "Career", "growth"])
        .ok()
        .stdout("alice-smith/agenda.md:7\n")
        .stderr("oneonone: added to Alice Smith's agenda (2 open)\n");
    w.run_in(
        &space,
        Some(Who::Alice),
        &["agenda", "alice", "My promo doc"],
    )
    .ok()
    .stdout("alice-smith/agenda.md:8\n");
    w.run_in(&space, Some(Who::Alice), &["agenda", "--color", "never"])
        .ok()
        .stdout(
            "alice-smith/agenda.md:6: Ask about the offsite\n\
         alice-smith/agenda.md:7: Career growth\n\
         alice-smith/agenda.md:8: My promo doc\n",
        );
    w.sam(&["agenda", "alice", "--color", "never"])
        .ok()
        .stdout(format!(
            "{dir}/alice-smith/agenda.md:6: Ask about the offsite\n\
         {dir}/alice-smith/agenda.md:7: Career growth\n\
         {dir}/alice-smith/agenda.md:8: My promo doc\n"
        ));
    w.sam(&["new", "alice", "--date", "2026-11-24", "--seed", "1"])
        .ok()
        .stdout("alice-smith/2026-11-24.md\n")
        .stderr(
            "oneonone: created the 2026-11-24 note for Alice Smith (Listen, Learn, Lift); 3 agenda points\n",
        );
    let note = w.t.read("alice-smith/2026-11-24.md");
    assert!(
        note.contains(
            "\n## Agenda\n\n- Ask about the offsite\n- Career growth\n- My promo doc\n\n## Listen\n"
        ),
        "{note}"
    );
    // Marked taken, one byte each, never removed.
    assert_eq!(
        read(&space.join("alice-smith/agenda.md")),
        format!(
            "{AGENDA_HEAD}- [>] Ask about the offsite\n- [>] Career growth\n- [>] My promo doc\n"
        )
    );
    // Notes are written in the manager's notebook, not in the space.
    w.run_in(&space, Some(Who::Alice), &["new", "alice"])
        .status(2)
        .stderr(
            "oneonone: error: this folder is the shared space of alice-smith: its notes are the copies `oneonone sync` publishes from the manager's notebook; run `oneonone new` there\n",
        );
    w.run_in(&space, Some(Who::Alice), &["agenda"]).ok().stdout("").stderr(
        "oneonone: no open talking points for Alice Smith; add one with `oneonone agenda \"...\"`\n",
    );
    // A copy of a taken point (as a merge may bring back) is not taken
    // twice.
    std::fs::write(
        space.join("alice-smith/agenda.md"),
        format!("{AGENDA_HEAD}- [>] Ask about the offsite\n- [>] Career growth\n- [>] My promo doc\n- [ ] Career growth\n- [ ] New one\n"),
    )
    .unwrap();
    w.on("2026-12-08");
    w.sam(&["new", "alice", "--date", "2026-12-08", "--seed", "1"])
        .ok()
        .stderr(format!(
            "oneonone: created the 2026-12-08 note for Alice Smith (Listen, Learn, Lift); 1 agenda point\n\
             oneonone: {dir}/alice-smith/agenda.md:9: `Career growth` is a point already taken into a note (a merge brought its line back?), so it is not taken again; to raise it again, word it differently\n"
        ));
    assert!(
        w.t.read("alice-smith/2026-12-08.md")
            .contains("\n## Agenda\n\n- New one\n\n## Listen\n")
    );
}

/// Every file below `dir`, relative, `/`-separated.
fn walk(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(at) = stack.pop() {
        for entry in std::fs::read_dir(&at).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                found.push(
                    path.strip_prefix(dir)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    found
}

/// A bare repository as the remote, the manager's clone made Alice's
/// space (and synced, so the remote holds it), and Alice's clone.
fn two_clones(w: &World) -> (PathBuf, PathBuf, PathBuf) {
    let remote = w.at("remote.git");
    w.git(
        Who::Sam,
        w.other.path(),
        &["init", "--quiet", "--bare", &w.at_str("remote.git")],
    );
    let sam = w.at("sam-space");
    let alice = w.at("alice-space");
    w.git(
        Who::Sam,
        w.other.path(),
        &[
            "clone",
            "--quiet",
            &w.at_str("remote.git"),
            &w.at_str("sam-space"),
        ],
    );
    w.sam(&["share", "alice", &w.at_str("sam-space")]).ok();
    w.sam(&["sync", "alice"]).ok();
    w.git(
        Who::Alice,
        w.other.path(),
        &[
            "clone",
            "--quiet",
            &w.at_str("remote.git"),
            &w.at_str("alice-space"),
        ],
    );
    (remote, sam, alice)
}

/// Replaces `from` with `to` in the file at `path`, which must hold it.
fn edit(path: &Path, from: &str, to: &str) {
    let text = read(path);
    assert!(
        text.contains(from),
        "{}: no {from:?} in\n{text}",
        path.display()
    );
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// The 1-based line of the first line of `text` holding `words`.
fn line_of(text: &str, words: &str) -> usize {
    text.lines()
        .position(|l| l.contains(words))
        .unwrap_or_else(|| panic!("no {words:?} in\n{text}"))
        + 1
}

/// The lines of the section `## title` of `text`, up to the next `## `.
fn section(text: &str, title: &str) -> String {
    let start = text
        .find(&format!("\n## {title}\n"))
        .unwrap_or_else(|| panic!("no {title} in\n{text}"))
        + 1;
    let rest = &text[start..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |e| e + 4);
    rest[..end].to_string()
}

#[test]
fn issue13_a_two_sided_month() {
    let w = World::new();
    w.t.write("oneonone.yaml", "manager: Sam\n");
    w.t.write("alice-smith/person.yaml", "name: Alice Smith\n");
    w.t.write(
        "bob/2026-11-20.md",
        "---\nperson: Bob\ndate: 2026-11-20\n---\n## Lift\n\nBob's salary talk\n\n## Follow-ups\n\n- [ ] Bob's review\n",
    );
    let (remote, sam, alice) = two_clones(&w);
    let (sam_dir, alice_dir) = (sam.display().to_string(), alice.display().to_string());

    // Both add points; neither has seen the other's.
    w.sam(&["agenda", "alice", "Sam's point: the offsite"]).ok();
    w.run_in(
        &alice,
        Some(Who::Alice),
        &["agenda", "Alice's point: my promo"],
    )
    .ok();
    w.run_in(&alice, Some(Who::Alice), &["sync"])
        .ok()
        .stderr(format!("oneonone: {alice_dir}: committed; pushed\n"));
    // The 1:1: Sam's note takes the point his clone has.
    w.sam(&["new", "alice", "--date", "2026-11-24", "--seed", "1"])
        .ok();
    let note = w.t.path("alice-smith/2026-11-24.md");
    edit(
        &note,
        "## Follow-ups\n\n- [ ] \n",
        "## Follow-ups\n\n- [ ] Send Alice the promo packet\n- [ ] Alice drafts the growth plan @alice-smith\n- [ ] Book the offsite room\n",
    );
    edit(
        &note,
        "## Private\n",
        "## Private\n\nWorried about the PIP timeline.\n\n- [ ] Talk to HR about the PIP timeline\n",
    );
    assert_eq!(
        section(&read(&note), "Agenda"),
        "## Agenda\n\n- Sam's point: the offsite\n\n"
    );
    // Sam's sync: his agenda mark, her point (merged line by line), the
    // copy.
    w.sam(&["sync"]).ok().stderr(format!(
        "oneonone: {sam_dir}: committed local changes; pulled; published 2026-11-24.md; committed; pushed\n"
    ));
    let exported = |rel: &str| w.sam(&["export", rel, "--shared"]).ok().stdout;
    let copy = read(&sam.join("alice-smith/2026-11-24.md"));
    assert_eq!(copy, exported("alice-smith/2026-11-24.md"));
    assert_eq!(
        read(&sam.join("alice-smith/agenda.md")),
        format!("{AGENDA_HEAD}- [ ] Alice's point: my promo\n- [>] Sam's point: the offsite\n")
    );
    w.run_in(&alice, Some(Who::Alice), &["sync"])
        .ok()
        .stderr(format!("oneonone: {alice_dir}: pulled\n"));
    let alice_copy = alice.join("alice-smith/2026-11-24.md");
    assert_eq!(read(&alice_copy), copy);
    assert_eq!(
        read(&alice.join("alice-smith/agenda.md")),
        read(&sam.join("alice-smith/agenda.md"))
    );

    // Alice ticks one with oneonone and adds one by hand; Sam ticks
    // another.
    let plan_line = line_of(&copy, "Alice drafts the growth plan");
    w.run_in(
        &alice,
        Some(Who::Alice),
        &["done", &format!("alice-smith/2026-11-24.md:{plan_line}")],
    )
    .ok();
    edit(
        &alice_copy,
        "- [ ] Book the offsite room\n",
        "- [ ] Book the offsite room\n- [ ] Alice shares the offsite doc\n",
    );
    let her_copy = read(&alice_copy);
    w.run_in(&alice, Some(Who::Alice), &["sync"])
        .ok()
        .stderr(format!("oneonone: {alice_dir}: committed; pushed\n"));
    w.sam(&["done", "--match", "promo packet"]).ok();
    let before = read(&note);
    let note_line = line_of(&before, "Alice drafts the growth plan");
    w.sam(&["sync"]).ok().stderr(format!(
        "oneonone: Alice Smith ticked: alice-smith/2026-11-24.md:{note_line}: Alice drafts the growth plan @alice-smith\n\
         oneonone: {sam_dir}: pulled; published 2026-11-24.md; 1 tick brought back; committed; pushed\n"
    ));
    // One byte in Sam's note; one byte in her copy, her words kept.
    let ticked = before.replacen(
        "- [ ] Alice drafts the growth plan",
        "- [x] Alice drafts the growth plan",
        1,
    );
    assert_eq!(read(&note), ticked);
    assert_eq!(
        read(&sam.join("alice-smith/2026-11-24.md")),
        her_copy.replacen(
            "- [ ] Send Alice the promo packet",
            "- [x] Send Alice the promo packet",
            1
        )
    );
    // Her own item is listed as hers, in the shared notes.
    let added = line_of(&her_copy, "Alice shares the offsite doc");
    let hr = line_of(&ticked, "Talk to HR");
    let offsite = line_of(&ticked, "Book the offsite room");
    w.sam(&["followups", "alice", "--color", "never"])
        .ok()
        .stdout(format!(
            "Alice Smith (2 open)\n  \
         alice-smith/2026-11-24.md:{offsite}: Book the offsite room · opened today\n  \
         alice-smith/2026-11-24.md:{hr}: 🔒 Talk to HR about the PIP timeline · opened today\n\n\
         Alice Smith, in the shared notes (1 open)\n  \
         {sam_dir}/alice-smith/2026-11-24.md:{added}: Alice shares the offsite doc · opened today\n"
        ));
    let prep = w
        .sam(&["prep", "alice", "--color", "never", "--seed", "1"])
        .ok()
        .stdout;
    assert!(
        prep.contains(&format!(
            "\nAdded by them in the shared notes (1)\n  {sam_dir}/alice-smith/2026-11-24.md:{added}: Alice shares the offsite doc · opened today\n"
        )),
        "{prep}"
    );

    // The next 1:1 carries exactly what is open, and her point once.
    w.on("2026-12-08");
    w.sam(&["new", "alice", "--date", "2026-12-08", "--seed", "1"])
        .ok()
        .stderr(
            "oneonone: created the 2026-12-08 note for Alice Smith (Listen, Learn, Lift); 1 agenda point, 2 follow-ups carried over\n",
        );
    let next = w.t.read("alice-smith/2026-12-08.md");
    assert_eq!(
        section(&next, "Agenda"),
        "## Agenda\n\n- Alice's point: my promo\n\n"
    );
    assert_eq!(
        section(&next, "Follow-ups"),
        "## Follow-ups\n\n- [ ] Book the offsite room (from 2026-11-24)\n- [ ] \n\n"
    );
    assert!(
        next.ends_with("\n- [ ] Talk to HR about the PIP timeline (from 2026-11-24)\n"),
        "{next}"
    );
    w.sam(&["sync"]).ok().stderr(format!(
        "oneonone: {sam_dir}: committed local changes; published 2026-12-08.md, 2026-11-24.md; committed; pushed\n"
    ));
    w.run_in(&alice, Some(Who::Alice), &["sync"])
        .ok()
        .stderr(format!("oneonone: {alice_dir}: pulled\n"));
    assert_eq!(
        read(&alice.join("alice-smith/2026-12-08.md")),
        exported("alice-smith/2026-12-08.md")
    );
    // Her copy of the first: her words, both ticks, the carried item's
    // box.
    assert_eq!(
        read(&alice_copy),
        her_copy
            .replacen(
                "- [ ] Send Alice the promo packet",
                "- [x] Send Alice the promo packet",
                1
            )
            .replacen(
                "- [ ] Book the offsite room",
                "- [>] Book the offsite room",
                1
            )
    );
    assert_eq!(
        read(&alice.join("alice-smith/agenda.md")),
        format!("{AGENDA_HEAD}- [>] Alice's point: my promo\n- [>] Sam's point: the offsite\n")
    );
    // Sam's clone holds the space's files and git's, nothing else (no
    // lock, no cache, no temp file).
    let mut here: Vec<String> = walk(&sam)
        .into_iter()
        .filter(|f| !f.starts_with(".git/"))
        .collect();
    here.sort();
    assert_eq!(
        here,
        [
            ".gitattributes",
            ".gitignore",
            "README.md",
            "alice-smith/2026-11-24.md",
            "alice-smith/2026-12-08.md",
            "alice-smith/agenda.md",
            "alice-smith/person.yaml",
            "oneonone.yaml"
        ]
    );
    // Nothing private, nothing of Bob's, ever reached the remote.
    let log = w.git(Who::Sam, &remote, &["log", "-p", "--all"]);
    for private in [
        "PIP",
        "HR",
        "Worried",
        "Bob",
        "salary",
        "energy:",
        "manager: Sam\n---",
    ] {
        assert!(!log.contains(private), "{private:?} in\n{log}");
    }
    let mut files: Vec<String> = w
        .git(Who::Sam, &remote, &["ls-tree", "-r", "--name-only", "main"])
        .lines()
        .map(str::to_string)
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            ".gitattributes",
            ".gitignore",
            "README.md",
            "alice-smith/2026-11-24.md",
            "alice-smith/2026-12-08.md",
            "alice-smith/agenda.md",
            "alice-smith/person.yaml",
            "oneonone.yaml"
        ]
    );
}

#[test]
fn issue13_a_point_new_took_never_comes_back_after_a_merge() {
    // Whichever side syncs first, git's line merge (`merge=union`) brings
    // the taken points' open lines back beside their `[>]` ones: they are
    // never taken again.
    for alice_first in [true, false] {
        let w = World::new();
        w.t.write("alice-smith/person.yaml", "name: Alice Smith\n");
        let (_remote, sam, alice) = two_clones(&w);
        let (sam_dir, alice_dir) = (sam.display().to_string(), alice.display().to_string());
        w.sam(&["agenda", "alice", "Budget for Q1"]).ok();
        w.sam(&["agenda", "alice", "Hiring plan"]).ok();
        w.sam(&["sync"]).ok();
        w.run_in(&alice, Some(Who::Alice), &["sync"]).ok();
        // Sam's `new` takes both points while Alice adds a third, right
        // after them, in her clone.
        w.sam(&["new", "alice", "--date", "2026-11-24", "--seed", "1"])
            .ok();
        w.run_in(&alice, Some(Who::Alice), &["agenda", "The offsite"])
            .ok();
        let ghosts = format!(
            "oneonone: {sam_dir}: committed local changes; pulled; published 2026-11-24.md; \
             2 agenda points already taken into a note, brought back by a merge, marked taken again; committed; pushed\n"
        );
        let expected = if alice_first {
            w.run_in(&alice, Some(Who::Alice), &["sync"])
                .ok()
                .stderr(format!("oneonone: {alice_dir}: committed; pushed\n"));
            w.sam(&["sync"]).ok().stderr(ghosts);
            "- [>] Budget for Q1\n- [>] Hiring plan\n- [ ] The offsite\n- [>] Budget for Q1\n- [>] Hiring plan\n"
        } else {
            w.sam(&["sync"]).ok().stderr(format!(
                "oneonone: {sam_dir}: committed local changes; published 2026-11-24.md; committed; pushed\n"
            ));
            w.run_in(&alice, Some(Who::Alice), &["sync"])
                .ok()
                .stderr(format!(
                    "oneonone: {alice_dir}: committed; pulled; pushed\n"
                ));
            w.sam(&["sync"]).ok().stderr(format!(
                "oneonone: {sam_dir}: pulled; nothing new to publish; \
                 2 agenda points already taken into a note, brought back by a merge, marked taken again; committed; pushed\n"
            ));
            "- [>] Budget for Q1\n- [>] Hiring plan\n- [>] Budget for Q1\n- [>] Hiring plan\n- [ ] The offsite\n"
        };
        w.run_in(&alice, Some(Who::Alice), &["sync"])
            .ok()
            .stderr(format!("oneonone: {alice_dir}: pulled\n"));
        let agenda = format!("{AGENDA_HEAD}{expected}");
        assert_eq!(read(&sam.join("alice-smith/agenda.md")), agenda);
        assert_eq!(read(&alice.join("alice-smith/agenda.md")), agenda);
        // Listed on both sides: only the new point.
        let line = line_of(&agenda, "[ ] The offsite");
        w.sam(&["agenda", "alice", "--color", "never"])
            .ok()
            .stdout(format!(
                "{sam_dir}/alice-smith/agenda.md:{line}: The offsite\n"
            ));
        w.run_in(&alice, Some(Who::Alice), &["agenda", "--color", "never"])
            .ok()
            .stdout(format!("alice-smith/agenda.md:{line}: The offsite\n"));
        // The next note takes it, once; the taken ones never again.
        w.on("2026-12-08");
        w.sam(&["new", "alice", "--date", "2026-12-08", "--seed", "1"])
            .ok()
            .stderr(
                "oneonone: created the 2026-12-08 note for Alice Smith (Listen, Learn, Lift); 1 agenda point\n",
            );
        assert_eq!(
            section(&w.t.read("alice-smith/2026-11-24.md"), "Agenda"),
            "## Agenda\n\n- Budget for Q1\n- Hiring plan\n\n"
        );
        assert_eq!(
            section(&w.t.read("alice-smith/2026-12-08.md"), "Agenda"),
            "## Agenda\n\n- The offsite\n\n"
        );
        assert_eq!(
            read(&sam.join("alice-smith/agenda.md")),
            agenda.replace("[ ] The offsite", "[>] The offsite")
        );
    }
}

/// A note for Alice on 2026-11-24 with three follow-ups and a private
/// part, as Sam writes it after `new`.
const NOTE: &str = "---\nperson: Alice Smith\ndate: 2026-11-24\n---\n# 1:1 with Alice Smith\n\n## Lift\n\nTalked about the promo.\n\n## Follow-ups\n\n- [ ] Send the promo packet\n- [ ] Alice drafts the plan @alice-smith\n- [ ] Book the room\n\n## Private\n\nThe PIP timeline worries me.\n- [ ] Ask HR about the PIP\n";

#[test]
fn issue13_a_copy_both_sides_changed_is_a_conflict_until_forced() {
    let w = World::new();
    w.t.write("alice-smith/person.yaml", "name: Alice Smith\n");
    w.t.write("alice-smith/2026-11-24.md", NOTE);
    let dir = w.at_str("space");
    let space = w.at("space");
    w.sam(&["share", "alice", &dir]).ok();
    w.sam(&["sync"])
        .ok()
        .stderr(format!("oneonone: {dir}: published 2026-11-24.md\n"));
    let copy_path = space.join("alice-smith/2026-11-24.md");
    let published = read(&copy_path);
    assert_eq!(
        published,
        "---\nperson: Alice Smith\ndate: 2026-11-24\n---\n# 1:1 with Alice Smith\n\n## Lift\n\nTalked about the promo.\n\n## Follow-ups\n\n- [ ] Send the promo packet\n- [ ] Alice drafts the plan @alice-smith\n- [ ] Book the room\n"
    );
    // Alice adds her words and ticks one; Sam adds words of his.
    edit(
        &copy_path,
        "Talked about the promo.\n",
        "Talked about the promo.\nAlice: I'd like a date for it.\n",
    );
    edit(&copy_path, "- [ ] Alice drafts", "- [x] Alice drafts");
    let hers = read(&copy_path);
    let note = w.t.path("alice-smith/2026-11-24.md");
    edit(
        &note,
        "Talked about the promo.\n",
        "Talked about the promo.\nPromised an answer by Friday.\n",
    );
    // Her tick still comes back; the copy is left as she wrote it.
    w.sam(&["sync"]).status(2).stderr(format!(
        "oneonone: Alice Smith ticked: alice-smith/2026-11-24.md:15: Alice drafts the plan @alice-smith\n\
         oneonone: warning: {dir}/alice-smith/2026-11-24.md: Alice Smith changed this shared copy, and your note changed since it was last published, in more than its boxes; it was not overwritten. Your version's changes:\n  \
         + 10: Promised an answer by Friday.\n\
         Copy what they need into it by hand, or run `oneonone sync alice-smith --force` to replace it with yours\n\
         oneonone: {dir}: nothing new to publish; 1 tick brought back\n"
    ));
    assert_eq!(read(&copy_path), hers);
    assert_eq!(
        read(&note),
        NOTE.replace("- [ ] Alice drafts", "- [x] Alice drafts")
            .replace(
                "Talked about the promo.\n",
                "Talked about the promo.\nPromised an answer by Friday.\n"
            )
    );
    // Again: still a conflict, still nothing overwritten.
    w.sam(&["sync"]).status(2);
    assert_eq!(read(&copy_path), hers);
    // --force: the copy is Sam's.
    w.sam(&["sync", "alice", "--force"]).ok().stderr(format!(
        "oneonone: Alice Smith's version of the copy --force replaced is kept in \
             .oneonone/shared/alice-smith/2026-11-24.md.theirs\n\
             oneonone: {dir}: published 2026-11-24.md\n"
    ));
    // Her words are not lost: kept, privately, in Sam's notebook.
    w.t.file(".oneonone/shared/alice-smith/2026-11-24.md.theirs", &hers);
    assert_eq!(
        read(&copy_path),
        published
            .replace("- [ ] Alice drafts", "- [x] Alice drafts")
            .replace(
                "Talked about the promo.\n",
                "Talked about the promo.\nPromised an answer by Friday.\n"
            )
    );
    w.sam(&["sync"])
        .ok()
        .stderr(format!("oneonone: {dir}: nothing new to publish\n"));
}

#[test]
fn issue13_a_conflict_git_cannot_merge_stops_with_the_files_named_and_nothing_lost() {
    let w = World::new();
    w.t.write("oneonone.yaml", "manager: Sam\n");
    w.t.write("alice-smith/person.yaml", "name: Alice Smith\n");
    let (_remote, sam, alice) = two_clones(&w);
    let sam_dir = sam.display().to_string();
    // Both change the same line of the README.
    edit(
        &alice.join("README.md"),
        "# 1:1 space: Alice Smith and Sam\n",
        "# Alice's 1:1s\n",
    );
    w.run_in(&alice, Some(Who::Alice), &["sync"]).ok();
    edit(
        &sam.join("README.md"),
        "# 1:1 space: Alice Smith and Sam\n",
        "# Our 1:1 space\n",
    );
    w.sam(&["sync"]).status(2).stderr(format!(
        "oneonone: error: {sam_dir}: git could not merge the other side's changes to README.md; nothing is lost (every change is committed), \
         and the rebase is left for you to finish there: edit each file to what it should say, `git add` it and `git rebase --continue` \
         (or `git rebase --abort` to go back), then sync again\n"
    ));
    // Sam's words are committed, in the commit the rebase stopped at.
    let stopped = w.git(Who::Sam, &sam, &["show", "REBASE_HEAD:README.md"]);
    assert!(stopped.starts_with("# Our 1:1 space\n"), "{stopped}");
    assert!(read(&sam.join("README.md")).contains("<<<<<<<"));
    w.sam(&["sync"]).status(2).stderr(format!(
        "oneonone: error: {sam_dir}: a git rebase or merge is not finished there (conflicts in README.md); finish it (`git status` says how), then sync again\n"
    ));
    // Git finishes it; sync goes on.
    let readme = README.replace("# 1:1 space: Alice Smith and Sam\n", "# Our 1:1s\n");
    std::fs::write(sam.join("README.md"), &readme).unwrap();
    w.git(Who::Sam, &sam, &["add", "README.md"]);
    w.git(
        Who::Sam,
        &sam,
        &["-c", "core.editor=true", "rebase", "--continue"],
    );
    w.sam(&["sync"]).ok().stderr(format!(
        "oneonone: {sam_dir}: nothing new to publish; pushed\n"
    ));
    w.run_in(&alice, Some(Who::Alice), &["sync"]).ok();
    assert_eq!(read(&alice.join("README.md")), readme);
}

#[test]
fn issue13_a_plain_folder_space_works_without_git() {
    let w = World::new();
    w.t.write("alice-smith/person.yaml", "name: Alice Smith\n");
    w.t.write("alice-smith/2026-11-24.md", NOTE);
    let dir = w.at_str("space");
    let space = w.at("space");
    w.sam(&["share", "alice", &dir]).ok();
    w.sam(&["sync"])
        .ok()
        .stderr(format!("oneonone: {dir}: published 2026-11-24.md\n"));
    // Alice, in the folder (a synced drive), with oneonone but no git.
    let copy = read(&space.join("alice-smith/2026-11-24.md"));
    let line = line_of(&copy, "Book the room");
    w.run_in(&space, None, &["followups", "--color", "never"])
        .ok()
        .stdout(format!(
            "Alice Smith (3 open)\n  \
         alice-smith/2026-11-24.md:13: Send the promo packet · opened today\n  \
         alice-smith/2026-11-24.md:14: Alice drafts the plan @alice-smith · opened today\n  \
         alice-smith/2026-11-24.md:{line}: Book the room · opened today\n"
        ));
    w.run_in(
        &space,
        None,
        &["done", &format!("alice-smith/2026-11-24.md:{line}")],
    )
    .ok();
    w.run_in(
        &space,
        None,
        &["agenda", "Can we move the 1:1 to Tuesdays?"],
    )
    .ok();
    w.run_in(&space, None, &["sync"]).ok().stderr(format!(
        "oneonone: {dir} is not a git repository: nothing to pull or push (the folder is shared as it is)\n"
    ));
    // Sam's sync brings the tick back; his next note takes her point.
    w.sam(&["sync"]).ok().stderr(format!(
        "oneonone: Alice Smith ticked: alice-smith/2026-11-24.md:{line}: Book the room\n\
         oneonone: {dir}: nothing new to publish; 1 tick brought back\n"
    ));
    w.t.file(
        "alice-smith/2026-11-24.md",
        NOTE.replace("- [ ] Book the room", "- [x] Book the room"),
    );
    w.on("2026-12-08");
    w.sam(&["new", "alice", "--date", "2026-12-08", "--seed", "1"])
        .ok()
        .stderr("oneonone: created the 2026-12-08 note for Alice Smith (Listen, Learn, Lift); 1 agenda point, 3 follow-ups carried over\n");
    let next = w.t.read("alice-smith/2026-12-08.md");
    assert_eq!(
        section(&next, "Agenda"),
        "## Agenda\n\n- Can we move the 1:1 to Tuesdays?\n\n"
    );
    assert_eq!(
        section(&next, "Follow-ups"),
        "## Follow-ups\n\n- [ ] Send the promo packet (from 2026-11-24)\n- [ ] Alice drafts the plan @alice-smith (from 2026-11-24)\n- [ ] \n\n"
    );
    assert!(!walk(&space).iter().any(|f| f.contains(".oneonone-")));
}

#[test]
fn issue13_the_report_works_by_hand_with_plain_edits_and_git() {
    let w = World::new();
    w.t.write("alice-smith/person.yaml", "name: Alice Smith\n");
    w.t.write("alice-smith/2026-11-24.md", NOTE);
    let (_remote, sam, alice) = two_clones(&w);
    let sam_dir = sam.display().to_string();
    // Alice: an editor and git, no oneonone.
    let agenda = alice.join("alice-smith/agenda.md");
    std::fs::write(
        &agenda,
        format!("{}- [ ] Conference budget\n", read(&agenda)),
    )
    .unwrap();
    edit(
        &alice.join("alice-smith/2026-11-24.md"),
        "- [ ] Send the promo packet",
        "- [x] Send the promo packet",
    );
    w.git(
        Who::Alice,
        &alice,
        &["commit", "--quiet", "-am", "My point, and a tick"],
    );
    w.git(Who::Alice, &alice, &["pull", "--quiet", "--rebase"]);
    w.git(Who::Alice, &alice, &["push", "--quiet"]);
    w.sam(&["sync"]).ok().stderr(format!(
        "oneonone: Alice Smith ticked: alice-smith/2026-11-24.md:13: Send the promo packet\n\
         oneonone: {sam_dir}: pulled; nothing new to publish; 1 tick brought back\n"
    ));
    w.t.file(
        "alice-smith/2026-11-24.md",
        NOTE.replace("- [ ] Send the promo packet", "- [x] Send the promo packet"),
    );
    w.on("2026-12-08");
    w.sam(&["new", "alice", "--date", "2026-12-08", "--seed", "1"])
        .ok();
    assert_eq!(
        section(&w.t.read("alice-smith/2026-12-08.md"), "Agenda"),
        "## Agenda\n\n- Conference budget\n\n"
    );
    w.sam(&["sync"]).ok();
    w.git(Who::Alice, &alice, &["pull", "--quiet", "--rebase"]);
    assert_eq!(
        read(&agenda),
        format!("{AGENDA_HEAD}- [>] Conference budget\n")
    );
    assert_eq!(
        read(&alice.join("alice-smith/2026-12-08.md")),
        w.sam(&["export", "alice-smith/2026-12-08.md", "--shared"])
            .ok()
            .stdout
    );
}

#[test]
fn issue13_no_git_identity_is_said_with_how_to_set_one() {
    let w = World::new();
    w.t.write("alice-smith/person.yaml", "name: Alice Smith\n");
    let dir = w.at_str("space");
    w.sam(&["share", "alice", &dir, "--git"]).ok();
    w.run_in(w.t.dir.path(), None, &["sync"]).status(2).stderr(format!(
        "oneonone: error: {dir}: git does not know who you are, so it cannot commit; set your name and email once with \
         `git config --global user.name \"Your Name\"` and `git config --global user.email you@example.com` \
         (or without --global, in this folder only)\n"
    ));
}

#[test]
fn issue13_a_reopen_travels_when_the_other_side_left_the_item_alone_and_links_are_not_followed() {
    let w = World::new();
    w.t.write("alice-smith/person.yaml", "name: Alice Smith\n");
    w.t.write(
        "alice-smith/2026-11-24.md",
        NOTE.replace("- [ ] Book the room", "- [x] Book the room"),
    );
    w.t.write(
        "alice-smith/2026-11-10.md",
        "---\nperson: Alice Smith\ndate: 2026-11-10\n---\n## Follow-ups\n\n- [ ] Old item\n",
    );
    let dir = w.at_str("space");
    let space = w.at("space");
    w.sam(&["share", "alice", &dir]).ok();
    w.sam(&["sync"]).ok();
    // Alice reopens what Sam ticked; Sam reopens nothing.
    let copy = space.join("alice-smith/2026-11-24.md");
    edit(&copy, "- [x] Book the room", "- [ ] Book the room");
    w.sam(&["sync"]).ok().stderr(format!(
        "oneonone: Alice Smith reopened: alice-smith/2026-11-24.md:15: Book the room\n\
         oneonone: {dir}: nothing new to publish; 1 tick brought back\n"
    ));
    w.t.file("alice-smith/2026-11-24.md", NOTE);
    // Sam ticks it again; her copy follows.
    w.sam(&["done", "alice-smith/2026-11-24.md:15"]).ok();
    w.sam(&["sync"])
        .ok()
        .stderr(format!("oneonone: {dir}: published 2026-11-24.md\n"));
    assert!(read(&copy).contains("- [x] Book the room\n"));
    // A copy made a link in the space is never read or written through.
    let old = space.join("alice-smith/2026-11-10.md");
    std::fs::remove_file(&old).unwrap();
    std::os::unix::fs::symlink(w.t.path("alice-smith/2026-11-24.md"), &old).unwrap();
    w.sam(&["sync"]).status(2).stderr(format!(
        "oneonone: warning: {dir}/alice-smith/2026-11-10.md: cannot read: is a symbolic link, and oneonone never follows links\n\
         oneonone: {dir}: nothing new to publish\n"
    ));
    w.t.file(
        "alice-smith/2026-11-24.md",
        NOTE.replace("- [ ] Book the room", "- [x] Book the room"),
    );
}

/// Review: `share bob ~/spaces` adopted a folder holding Carol's space,
/// and `sync` committed and pushed all of it. A folder holding anything
/// but a space's own files is refused; `share` makes missing parents.
#[test]
fn issue13_share_refuses_a_folder_holding_anything_else_and_makes_its_parents() {
    let w = World::new();
    w.t.write("alice-smith/person.yaml", "name: Alice Smith\n");
    w.t.write("carol-king/person.yaml", "name: Carol King\n");
    let spaces = w.at_str("spaces");
    w.sam(&["share", "carol", &format!("{spaces}/carol")]).ok();
    w.sam(&["share", "alice", &spaces])
        .status(2)
        .stdout("")
        .stderr(format!(
            "oneonone: error: {spaces}: holds `carol`\n  \
             hint: everything in a shared space is shared\n  \
             hint: choose an empty folder (or a clone of Alice Smith's space)\n"
        ));
    assert!(!w.at("spaces/alice-smith").exists());
    // Two folders that do not exist yet are made.
    let deep = w.at_str("deep/er/alice");
    w.sam(&["share", "alice", &deep]).ok();
    assert!(w.at("deep/er/alice/alice-smith/agenda.md").is_file());
}

/// Review: sync committed every file in the space's folder. It commits
/// only what the space owns: a file of the report's own in their clone,
/// or one dropped in the manager's space, stays out of every commit.
#[test]
fn issue13_sync_commits_only_what_the_space_owns() {
    let w = World::new();
    w.t.write("alice-smith/person.yaml", "name: Alice Smith\n");
    w.t.write("alice-smith/2026-11-24.md", NOTE);
    let remote = w.at("remote.git");
    w.git(
        Who::Sam,
        &w.at(""),
        &["init", "--quiet", "--bare", remote.to_str().unwrap()],
    );
    let dir = w.at_str("space");
    w.sam(&["share", "alice", &dir, "--git"]).ok();
    w.git(
        Who::Sam,
        &w.at("space"),
        &["remote", "add", "origin", remote.to_str().unwrap()],
    );
    std::fs::write(w.at("space/SECRET-stray.txt"), "SECRET-STRAY\n").unwrap();
    w.sam(&["sync"]).ok();
    let log = w.git(Who::Sam, &remote, &["log", "-p", "--all"]);
    assert!(!log.contains("SECRET-STRAY"), "{log}");
    assert!(log.contains("alice-smith/2026-11-24.md"), "{log}");
    // Alice's clone: her own scratch file stays hers.
    let clone = w.at("clone");
    w.git(
        Who::Alice,
        &w.at(""),
        &[
            "clone",
            "--quiet",
            remote.to_str().unwrap(),
            clone.to_str().unwrap(),
        ],
    );
    std::fs::write(clone.join("my-scratch.txt"), "SECRET-SCRATCH\n").unwrap();
    w.run_in(&clone, Some(Who::Alice), &["agenda", "Career growth"])
        .ok();
    w.run_in(&clone, Some(Who::Alice), &["sync"]).ok();
    let log = w.git(Who::Sam, &remote, &["log", "-p", "--all"]);
    assert!(!log.contains("SECRET-SCRATCH"), "{log}");
    assert!(log.contains("+- [ ] Career growth"), "{log}");
}

/// Review: a note about Bob saved in Alice's folder by mistake was
/// published to Alice's space. A note whose `person:` names someone else
/// is never shared, and the manager is told.
#[test]
fn issue13_a_note_about_someone_else_is_never_published() {
    let w = World::new();
    w.t.write("alice-smith/person.yaml", "name: Alice Smith\n");
    w.t.write("bob-jones/person.yaml", "name: Bob Jones\n");
    w.t.write("alice-smith/2026-11-24.md", NOTE);
    w.t.write(
        "alice-smith/2026-11-20.md",
        "---\nperson: Bob Jones\ndate: 2026-11-20\n---\n## Notes\n\nSECRET-BOB is leaving\n",
    );
    w.t.write(
        "alice-smith/2026-11-10.md",
        "---\nperson: Alice\ndate: 2026-11-10\n---\n## Notes\n\nHers, by her first name.\n",
    );
    let dir = w.at_str("space");
    w.sam(&["share", "alice", &dir]).ok();
    let run = w.sam(&["sync"]).status(2);
    assert!(
        run.stderr.starts_with(
            "oneonone: warning: alice-smith/2026-11-20.md: its `person:` says Bob Jones, not \
             Alice Smith: not shared; move it to that person's folder or correct its `person:`\n"
        ),
        "{}",
        run.stderr
    );
    assert!(!w.at("space/alice-smith/2026-11-20.md").exists());
    assert!(w.at("space/alice-smith/2026-11-10.md").is_file());
    assert!(w.at("space/alice-smith/2026-11-24.md").is_file());
}

/// Review: `sync --force` settled the one conflict and also overwrote a
/// copy only the report had changed, losing her words. It replaces the
/// conflicting copies only.
#[test]
fn issue13_force_replaces_only_the_copies_in_conflict() {
    let w = World::new();
    w.t.write("alice-smith/person.yaml", "name: Alice Smith\n");
    w.t.write("alice-smith/2026-11-24.md", NOTE);
    w.t.write(
        "alice-smith/2026-11-10.md",
        NOTE.replace("2026-11-24", "2026-11-10"),
    );
    let dir = w.at_str("space");
    let space = w.at("space");
    w.sam(&["share", "alice", &dir]).ok();
    w.sam(&["sync"]).ok();
    // She adds words to both copies; Sam changes the words of the later
    // note only.
    for name in ["2026-11-10.md", "2026-11-24.md"] {
        edit(
            &space.join("alice-smith").join(name),
            "Talked about the promo.\n",
            "Talked about the promo.\nAlice: my own words.\n",
        );
    }
    let hers = read(&space.join("alice-smith/2026-11-10.md"));
    edit(
        &w.t.path("alice-smith/2026-11-24.md"),
        "Talked about the promo.\n",
        "Talked about the promo.\nPromised an answer by Friday.\n",
    );
    w.sam(&["sync"]).status(2);
    w.sam(&["sync", "alice", "--force"]).ok().stderr(format!(
        "oneonone: Alice Smith's version of the copy --force replaced is kept in \
             .oneonone/shared/alice-smith/2026-11-24.md.theirs\n\
             oneonone: {dir}: published 2026-11-24.md\n"
    ));
    assert_eq!(read(&space.join("alice-smith/2026-11-10.md")), hers);
    assert!(read(&space.join("alice-smith/2026-11-24.md")).contains("Promised an answer"));
}

/// Review: in the report's copy of the space, every `[>] X (carried to D)`
/// line was taken for an orphan: followups warned on every run and check
/// failed. A space's notes are copies: their carried lines are no orphans.
#[test]
fn issue13_carried_lines_in_a_space_are_not_orphans() {
    let w = World::new();
    w.t.write("alice-smith/person.yaml", "name: Alice Smith\n");
    w.t.write(
        "alice-smith/2026-11-10.md",
        "---\nperson: Alice Smith\ndate: 2026-11-10\n---\n## Follow-ups\n\n- [ ] Book the room\n",
    );
    w.sam(&["new", "alice", "--date", "2026-11-24", "--seed", "1"])
        .ok();
    let dir = w.at_str("space");
    let space = w.at("space");
    w.sam(&["share", "alice", &dir]).ok();
    w.sam(&["sync"]).ok();
    assert!(
        read(&space.join("alice-smith/2026-11-10.md"))
            .contains("- [>] Book the room (carried to 2026-11-24)\n")
    );
    w.run_in(&space, None, &["followups", "--color", "never"])
        .ok()
        .stderr("");
    w.run_in(&space, None, &["check"]).ok();
    // Writing there (a point, a tick) takes its lock outside the folder,
    // and reading keeps no cache: nothing of oneonone's own is shared.
    w.run_in(&space, None, &["agenda", "Career growth"]).ok();
    let line = line_of(
        &read(&space.join("alice-smith/2026-11-24.md")),
        "Book the room",
    );
    w.run_in(
        &space,
        None,
        &["done", &format!("alice-smith/2026-11-24.md:{line}")],
    )
    .ok();
    // The cache keeps only files older than its clock's grain.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    for _ in 0..2 {
        w.run_in(&space, None, &["followups"]).ok();
    }
    assert!(!space.join(".oneonone").exists());
    assert!(
        w.t.home
            .path()
            .join(".local/state/oneonone/spaces")
            .is_dir()
    );
}

/// Review: a talking point raised again with the words of one taken into
/// a note already ("Feedback", "Career growth") was taken for a copy a
/// merge brought back: listed nowhere, never taken. Added with `agenda`,
/// the old one is marked done and the new one is a point.
#[test]
fn issue13_a_point_raised_again_is_a_point() {
    let w = World::new();
    w.t.write("pat-lee/person.yaml", "name: Pat Lee\n");
    let dir = w.at_str("space");
    let space = w.at("space");
    w.sam(&["share", "pat", &dir]).ok();
    w.sam(&["agenda", "pat", "Feedback"]).ok();
    w.sam(&["new", "pat", "--date", "2026-11-10", "--seed", "1"])
        .ok();
    w.sam(&["agenda", "pat", "Feedback"]).ok();
    let agenda = read(&space.join("pat-lee/agenda.md"));
    assert!(
        agenda.ends_with("- [x] Feedback\n- [ ] Feedback\n"),
        "{agenda}"
    );
    w.sam(&["agenda", "pat"])
        .ok()
        .stdout(format!("{dir}/pat-lee/agenda.md:7: Feedback\n"));
    w.sam(&["new", "pat", "--date", "2026-11-24", "--seed", "1"])
        .ok();
    assert!(read(&w.t.path("pat-lee/2026-11-24.md")).contains("## Agenda\n\n- Feedback\n"));
}

/// Alice's space holds two points to take, besides one taken before
/// (`[>]`), the copy of it a merge brought back and a ticked one, none of
/// them a point; her private agenda holds one more, added by hand after
/// `share`; Bob has no space.
fn points_in_the_space_and_out(w: &World) -> String {
    w.t.write("oneonone.yaml", "manager: Sam\n");
    w.t.write("alice-smith/person.yaml", "name: Alice Smith\n");
    w.t.write(
        "alice-smith/2026-11-10.md",
        "---\nperson: Alice Smith\ndate: 2026-11-10\n---\n## Follow-ups\n\n- [ ] Send the promo packet\n",
    );
    w.t.write("bob/agenda.md", "- [ ] Bob's point\n");
    let dir = w.at_str("space");
    w.sam(&["share", "alice", &dir]).ok();
    std::fs::write(
        w.at("space/alice-smith/agenda.md"),
        format!(
            "{AGENDA_HEAD}- [>] Hiring plan\n- [ ] Ask about the offsite\n- [ ] Hiring plan\n\
             - [x] Talked already\n- [ ] Career growth @alice-smith\n"
        ),
    )
    .unwrap();
    w.t.write("alice-smith/agenda.md", "- [ ] Her raise\n");
    dir
}

#[test]
fn issue13_people_counts_the_points_of_the_space_agenda() {
    let w = World::new();
    points_in_the_space_and_out(&w);
    // What `agenda alice` lists (2) and the private point `new` takes too.
    w.sam(&["people", "--color", "never"]).ok().stdout(
        "PERSON       ROLE  LAST 1:1    AGO  1:1S  MINE/THEIRS  AGENDA  NEXT 1:1    DUE\n\
         Alice Smith        2026-11-10  14d  1     1/0          3       2026-11-24  today\n\
         bob                -           -    0     0/0          1       -           first 1:1 to hold\n",
    );
    let rows: serde_json::Value =
        serde_json::from_str(&w.sam(&["people", "--json"]).ok().stdout).unwrap();
    assert_eq!(rows[0]["agenda"], 3);
}

#[test]
fn issue13_followups_agenda_lists_the_points_of_the_space_with_their_paths() {
    let w = World::new();
    let dir = points_in_the_space_and_out(&w);
    w.sam(&["followups", "--agenda", "--color", "never"])
        .ok()
        .stdout(format!(
            "Alice Smith (4 open)\n  \
             alice-smith/2026-11-10.md:7: Send the promo packet · open 14 days\n  \
             {dir}/alice-smith/agenda.md:7: Ask about the offsite\n  \
             {dir}/alice-smith/agenda.md:10: Career growth @alice-smith\n  \
             alice-smith/agenda.md:1: Her raise\n\n\
             bob (1 open)\n  \
             bob/agenda.md:1: Bob's point\n"
        ))
        .stderr("");
    // Without --agenda they are counted with the others.
    w.sam(&["followups", "--color", "never"])
        .ok()
        .stdout(
            "Alice Smith (1 open)\n  \
             alice-smith/2026-11-10.md:7: Send the promo packet · open 14 days\n",
        )
        .stderr(
            "oneonone: 4 talking points are waiting in agenda.md\n  \
             hint: `oneonone followups --agenda` lists them too\n",
        );
    // Filters take them as they take the private ones (a listing of
    // points alone is headed by the folder, as for private ones).
    w.sam(&[
        "followups",
        "alice",
        "--agenda",
        "--theirs",
        "--color",
        "never",
    ])
    .ok()
    .stdout(format!(
        "alice-smith (1 open)\n  {dir}/alice-smith/agenda.md:10: Career growth @alice-smith\n"
    ));
    // In JSON, with their paths in the space, marked shared.
    let items: Vec<crate::Item> = serde_json::from_str(
        &w.sam(&["followups", "alice", "--agenda", "--json"])
            .ok()
            .stdout,
    )
    .unwrap();
    let point = |line: usize, text: &str, owner: &str| crate::Item {
        person: Some("alice-smith".into()),
        date: None,
        path: format!("{dir}/alice-smith/agenda.md"),
        line,
        text: text.into(),
        owner: owner.into(),
        due: None,
        mention: None,
        private: false,
        shared: true,
    };
    let mut private = crate::item("alice-smith", "x", "alice-smith/agenda.md", 1, "Her raise");
    private.date = None;
    assert_eq!(
        items,
        [
            point(7, "Ask about the offsite", "me"),
            point(10, "Career growth @alice-smith", "alice-smith"),
            crate::item(
                "Alice Smith",
                "2026-11-10",
                "alice-smith/2026-11-10.md",
                7,
                "Send the promo packet"
            ),
            private,
        ]
    );
}

#[test]
fn issue13_followups_json_holds_what_the_report_added_in_the_shared_notes() {
    let w = World::new();
    let (dir, space) = alice_sharing(&w);
    let copy = space.join("alice-smith/2026-11-24.md");
    edit(
        &copy,
        "- [ ] Book the room\n",
        "- [ ] Book the room\n- [ ] Alice shares the offsite doc 📅 2026-11-20\n- [x] Alice sent the slides\n",
    );
    let json = |args: &[&str]| -> Vec<crate::Item> {
        let mut all = vec!["followups", "--json"];
        all.extend_from_slice(args);
        serde_json::from_str(&w.sam(&all).ok().stdout).unwrap()
    };
    let note = |line: usize, text: &str| {
        crate::item(
            "Alice Smith",
            "2026-11-24",
            "alice-smith/2026-11-24.md",
            line,
            text,
        )
    };
    let mut drafts = note(14, "Alice drafts the plan @alice-smith");
    drafts.owner = "alice-smith".into();
    let mut hr = note(20, "Ask HR about the PIP");
    hr.private = true;
    let mut hers = crate::item(
        "Alice Smith",
        "2026-11-24",
        &format!("{dir}/alice-smith/2026-11-24.md"),
        16,
        "Alice shares the offsite doc 📅 2026-11-20",
    );
    hers.owner = "alice-smith".into();
    hers.due = Some("2026-11-20".into());
    hers.shared = true;
    assert_eq!(
        json(&["alice"]),
        [
            note(13, "Send the promo packet"),
            drafts,
            note(15, "Book the room"),
            hr,
            hers
        ]
    );
    // As the listing has them: on a shared screen too, never as mine.
    let listed = w
        .sam(&["followups", "alice", "--theirs", "--color", "never"])
        .ok()
        .stdout;
    assert_eq!(
        listed,
        format!(
            "Alice Smith (1 open)\n  alice-smith/2026-11-24.md:14: Alice drafts the plan @alice-smith · opened today\n\n\
             Alice Smith, in the shared notes (1 open)\n  \
             {dir}/alice-smith/2026-11-24.md:16: Alice shares the offsite doc · overdue 4 days · opened today\n"
        )
    );
    let theirs = json(&["alice", "--theirs"]);
    assert_eq!(theirs.len(), 2);
    assert!(theirs[1].shared);
    assert_eq!(json(&["alice", "--shared"]).len(), 4);
    assert_eq!(json(&["alice", "--overdue"]).len(), 1);
    assert_eq!(json(&["alice", "--mine"]).len(), 3);
    // Without a person too: every open follow-up, hers in the space
    // included (issue 14's README walk found them missing).
    let all = json(&[]);
    assert_eq!(all.len(), 5);
    assert!(all[4].shared && all[4].text == "Alice shares the offsite doc 📅 2026-11-20");
    let listed = w.sam(&["followups", "--color", "never"]).ok().stdout;
    assert!(
        listed.ends_with(&format!(
            "\n\nAlice Smith, in the shared notes (1 open)\n  \
             {dir}/alice-smith/2026-11-24.md:16: Alice shares the offsite doc · overdue 4 days · opened today\n"
        )),
        "{listed}"
    );
}

#[test]
fn issue13_undo_after_share_says_it_wrote_to_the_space_and_how_to_stop_sharing() {
    let w = World::new();
    w.t.write("alice-smith/person.yaml", "name: Alice Smith\n");
    let dir = w.at_str("space");
    w.sam(&["share", "alice", &dir]).ok();
    w.sam(&["undo"]).status(2).stderr(format!(
        "oneonone: error: cannot undo `share alice-smith {dir}`: it wrote to the shared space {dir}, \
         which undo does not reach (the other side may have it already); nothing was changed, and undo \
         stops at it (the commands before it cannot be undone either)\n\
         to stop sharing, delete the `shared:` line of alice-smith/person.yaml; the space stays as it is\n"
    ));
    // A command after it can be undone; then undo stops at the share again.
    w.sam(&["agenda", "--new-person", "bob", "Bob's point"])
        .ok();
    w.sam(&["undo"]).ok();
    w.sam(&["undo"]).status(2);
}

#[test]
fn issue13_rename_moves_the_persons_folder_in_the_space_and_the_next_sync_commits_it() {
    let w = World::new();
    w.t.write("oneonone.yaml", "manager: Sam\n");
    w.t.write("alice-smith/person.yaml", "name: Alice Smith\n");
    w.t.write("alice-smith/2026-11-24.md", NOTE);
    w.t.write(
        "bob/2026-11-20.md",
        "---\nperson: Bob\ndate: 2026-11-20\n---\n- [ ] Pair with @alice-smith\n",
    );
    let dir = w.at_str("space");
    let space = w.at("space");
    w.sam(&["share", "alice", &dir, "--git"]).ok();
    w.sam(&["agenda", "alice", "Ask @alice-smith about the offsite"])
        .ok();
    w.sam(&["sync"]).ok();
    // An item of her own in the copy.
    let old_copy = space.join("alice-smith/2026-11-24.md");
    edit(
        &old_copy,
        "- [ ] Book the room\n",
        "- [ ] Book the room\n- [ ] Alice shares the offsite doc\n",
    );
    let her_copy = read(&old_copy);
    let before: Vec<String> = walk(&space);
    // The dry run lists the steps in the space too, and writes nothing.
    let listed = w
        .sam(&["rename", "alice", "Alice Jones", "--dry-run"])
        .ok()
        .stdout;
    let steps: Vec<&str> = listed.lines().filter(|l| !l.starts_with("  ")).collect();
    let state = ".oneonone/shared";
    assert_eq!(
        steps,
        [
            "rename Alice Smith (alice-smith/) to Alice Jones (alice-jones/)".to_string(),
            "move alice-smith/ to alice-jones/".into(),
            format!("move {dir}/alice-smith/ to {dir}/alice-jones/"),
            format!("move {state}/alice-smith/ to {state}/alice-jones/"),
            "edit alice-jones/2026-11-24.md:2".into(),
            "edit alice-jones/2026-11-24.md:14".into(),
            "edit alice-jones/person.yaml:1".into(),
            "edit bob/2026-11-20.md:5".into(),
            format!("edit {dir}/oneonone.yaml:1"),
            format!("edit {dir}/oneonone.yaml:2"),
            format!("edit {dir}/oneonone.yaml:5"),
            format!("edit {dir}/oneonone.yaml:6"),
            format!("edit {dir}/README.md:1"),
            format!("edit {dir}/README.md:3"),
            format!("edit {dir}/README.md:6"),
            format!("edit {dir}/README.md:9"),
            format!("edit {dir}/README.md:16"),
            format!("edit {dir}/README.md:31"),
            format!("edit {dir}/alice-jones/2026-11-24.md:2"),
            format!("edit {dir}/alice-jones/2026-11-24.md:14"),
            format!("edit {dir}/alice-jones/agenda.md:1"),
            format!("edit {dir}/alice-jones/agenda.md:6"),
            format!("edit {dir}/alice-jones/person.yaml:2"),
            format!("edit {state}/alice-jones/2026-11-24.md:2"),
            format!("edit {state}/alice-jones/2026-11-24.md:14"),
            format!("edit {state}/alice-jones/2026-11-24.md.words:2"),
            format!("edit {state}/alice-jones/2026-11-24.md.words:14"),
        ]
    );
    assert_eq!(walk(&space), before);
    w.sam(&["rename", "alice", "Alice Jones"]).ok().stderr(format!(
        "oneonone: renamed Alice Smith (alice-smith/) to Alice Jones (alice-jones/)\n\
         oneonone: the name is now Alice Jones in 1 note and person.yaml\n\
         oneonone: updated 2 @alice-smith mentions to @alice-jones, in 2 files\n\
         oneonone: moved alice-smith/ to alice-jones/ in the shared space {dir}, and updated oneonone.yaml, \
         README.md, alice-jones/agenda.md, alice-jones/person.yaml and 1 shared copy; \
         `oneonone sync alice-jones` commits it\n"
    ));
    // The space: her folder moved, the space says whose it is, every
    // word of hers kept.
    let mut listed: Vec<String> = walk(&space)
        .into_iter()
        .filter(|p| !p.starts_with(".git/"))
        .collect();
    listed.sort();
    assert_eq!(
        listed,
        [
            ".gitattributes",
            ".gitignore",
            "README.md",
            "alice-jones/2026-11-24.md",
            "alice-jones/agenda.md",
            "alice-jones/person.yaml",
            "oneonone.yaml"
        ]
    );
    let file = |rel: &str| read(&space.join(rel));
    assert_eq!(
        file("oneonone.yaml"),
        "# The shared 1:1 space of Alice Jones: talking points both sides add to\n\
         # (alice-jones/agenda.md) and the shared copies of the 1:1 notes (alice-jones/).\n\
         # oneonone commands run in this folder work on it (see README.md).\n\
         shared:\n  person: alice-jones\n  name: Alice Jones\n  manager: Sam\n"
    );
    assert_eq!(
        file("README.md"),
        README
            .replace("alice-smith", "alice-jones")
            .replace("Alice Smith", "Alice Jones")
    );
    assert_eq!(
        file("alice-jones/2026-11-24.md"),
        her_copy
            .replace("person: Alice Smith", "person: Alice Jones")
            .replace("@alice-smith", "@alice-jones")
    );
    assert_eq!(
        file("alice-jones/agenda.md"),
        format!("{AGENDA_HEAD}- [ ] Ask @alice-jones about the offsite\n")
            .replace("Alice Smith", "Alice Jones")
    );
    assert_eq!(
        file("alice-jones/person.yaml"),
        PROFILE.replace("Alice Smith", "Alice Jones")
    );
    w.t.file(
        "alice-jones/person.yaml",
        format!("name: Alice Jones\nshared: \"{dir}\"\n"),
    );
    assert!(
        w.t.path(".oneonone/shared/alice-jones/2026-11-24.md")
            .is_file()
    );
    assert!(!w.t.path(".oneonone/shared/alice-smith").exists());
    // The next sync has nothing new to publish: it commits the rename.
    w.sam(&["sync"]).ok().stderr(format!(
        "oneonone: {dir}: committed local changes; nothing new to publish; no git remote to pull from or push to\n"
    ));
    assert_eq!(w.git(Who::Sam, &space, &["status", "--porcelain"]), "");
    assert_eq!(
        w.git(Who::Sam, &space, &["log", "-1", "--format=%s"]),
        "Alice Jones's 1:1 space: add alice-jones/2026-11-24.md, alice-jones/agenda.md, alice-jones/person.yaml; \
         change README.md, oneonone.yaml; remove alice-smith/2026-11-24.md, alice-smith/agenda.md, alice-smith/person.yaml\n"
    );
    // Her item is still hers; the agenda is hers under her new name.
    let hers = line_of(&her_copy, "Alice shares the offsite doc");
    let listing = w
        .sam(&["followups", "alice-jones", "--color", "never"])
        .ok()
        .stdout;
    assert!(
        listing.ends_with(&format!(
            "\n\nAlice Jones, in the shared notes (1 open)\n  {dir}/alice-jones/2026-11-24.md:{hers}: Alice shares the offsite doc · opened today\n"
        )),
        "{listing}"
    );
    w.sam(&["agenda", "alice-jones", "--color", "never"])
        .ok()
        .stdout(format!(
            "{dir}/alice-jones/agenda.md:6: Ask @alice-jones about the offsite\n"
        ));
    // Undo cannot take it back; renaming back does.
    w.sam(&["undo"]).status(2).stderr(format!(
        "oneonone: error: cannot undo `rename alice-smith alice-jones`: it wrote to the shared space {dir}, \
         which undo does not reach (the other side may have it already); nothing was changed, and undo stops at it \
         (the commands before it cannot be undone either)\n\
         to take it back, rename again: oneonone rename alice-jones 'Alice Smith'\n"
    ));
    w.sam(&["rename", "alice-jones", "Alice Smith"]).ok();
    w.sam(&["sync"]).ok().stderr(format!(
        "oneonone: {dir}: committed local changes; nothing new to publish; no git remote to pull from or push to\n"
    ));
    assert_eq!(read(&old_copy), her_copy);
    assert_eq!(file("README.md"), README);
}

#[test]
fn issue13_a_merge_takes_the_space_along_and_is_refused_when_both_have_one() {
    let w = World::new();
    w.t.write("oneonone.yaml", "manager: Sam\n");
    w.t.write("al/person.yaml", "name: Al\n");
    // A 1:1 on the day of one of Alice Smith's: renumbered by the merge.
    w.t.write(
        "al/2026-11-24.md",
        "---\nperson: Al\ndate: 2026-11-24\n---\n## Follow-ups\n\n- [ ] Al drafts the plan @al\n",
    );
    w.t.write(
        "alice-smith/person.yaml",
        "name: Alice Smith\nrole: Staff Engineer\n",
    );
    w.t.write("alice-smith/2026-11-24.md", NOTE);
    w.t.write("bob/person.yaml", "name: Bob\n");
    let (dir, bob_dir) = (w.at_str("space"), w.at_str("bob-space"));
    let space = w.at("space");
    w.sam(&["share", "al", &dir]).ok();
    w.sam(&["share", "bob", &bob_dir]).ok();
    w.sam(&["sync"]).ok();
    // Al made the README his own.
    std::fs::write(
        space.join("README.md"),
        "# Al and Sam\n\nSee al/agenda.md.\n",
    )
    .unwrap();
    let copy = read(&space.join("al/2026-11-24.md"));
    // Both have a space: refused, nothing written.
    w.sam(&["rename", "al", "bob", "--merge"]).status(2).stderr(format!(
        "oneonone: error: cannot merge al/ into bob/: both have a shared space ({dir} and {bob_dir}), and a person \
         can have only one; stop sharing one of them first (delete the `shared:` line of al/person.yaml or \
         bob/person.yaml; the folder stays as it is), then run the merge again\n"
    ));
    assert!(w.t.path("al/2026-11-24.md").is_file());
    assert_eq!(read(&space.join("al/2026-11-24.md")), copy);
    // Only Al has one: Alice Smith takes it, with his copy under its new
    // name.
    w.sam(&["rename", "al", "Alice Smith", "--merge"]).ok().stderr(format!(
        "oneonone: merged Al (al/) into Alice Smith (alice-smith/)\n\
         oneonone: moved 1 note into alice-smith/\n\
         oneonone: al/2026-11-24.md is now alice-smith/2026-11-24-2.md (a note of that day was there)\n\
         oneonone: person.yaml: shared: {dir} added from al/person.yaml\n\
         oneonone: person.yaml: aliases: added Al, the name of al/\n\
         oneonone: the name is now Alice Smith in 1 note\n\
         oneonone: updated 1 @al mention to @alice-smith, in 1 file\n\
         oneonone: moved al/ to alice-smith/ in the shared space {dir}, and updated oneonone.yaml, \
         alice-smith/agenda.md, alice-smith/person.yaml and 1 shared copy\n\
         oneonone: {dir}/README.md was changed since `share`, so it is left as it is; it still names al/\n\
         oneonone: removed the empty al/\n"
    ));
    w.t.file(
        "alice-smith/person.yaml",
        format!(
            "name: Alice Smith\nrole: Staff Engineer\n# From al/person.yaml, merged by `oneonone rename`:\n\
             shared: \"{dir}\"\naliases: [Al]\n"
        ),
    );
    let mut listed = walk(&space);
    listed.sort();
    assert_eq!(
        listed,
        [
            ".gitattributes",
            ".gitignore",
            "README.md",
            "alice-smith/2026-11-24-2.md",
            "alice-smith/agenda.md",
            "alice-smith/person.yaml",
            "oneonone.yaml"
        ]
    );
    assert_eq!(
        read(&space.join("alice-smith/2026-11-24-2.md")),
        copy.replace("person: Al\n", "person: Alice Smith\n")
            .replace("@al\n", "@alice-smith\n")
    );
    assert_eq!(
        read(&space.join("README.md")),
        "# Al and Sam\n\nSee al/agenda.md.\n"
    );
    assert_eq!(read(&space.join("alice-smith/agenda.md")), AGENDA_HEAD);
    assert!(
        read(&space.join("oneonone.yaml"))
            .contains("shared:\n  person: alice-smith\n  name: Alice Smith\n")
    );
    // Her own note is published beside it; his, renumbered, is not new.
    w.sam(&["sync"]).ok().stderr(format!(
        "oneonone: {dir}: published 2026-11-24.md\noneonone: {bob_dir}: nothing new to publish\n"
    ));
    w.sam(&["agenda", "alice", "Career growth"])
        .ok()
        .stdout(format!("{dir}/alice-smith/agenda.md:6\n"));
}

#[test]
fn issue13_rename_refuses_what_it_cannot_move_in_the_space_and_writes_nothing() {
    let w = World::new();
    w.t.write("alice-smith/person.yaml", "name: Alice Smith\n");
    let dir = w.at_str("space");
    let space = w.at("space");
    w.sam(&["share", "alice", &dir]).ok();
    std::fs::create_dir(space.join("alice-jones")).unwrap();
    w.sam(&["rename", "alice", "Alice Jones"]).status(2).stderr(format!(
        "oneonone: error: {dir}/alice-jones: is there already, so {dir}/alice-smith/ cannot move there; \
         move it away, then run the rename again\n"
    ));
    w.t.file(
        "alice-smith/person.yaml",
        format!("name: Alice Smith\nshared: \"{dir}\"\n"),
    );
    // A space that is not there: the rename would leave it behind.
    std::fs::remove_dir(space.join("alice-jones")).unwrap();
    std::fs::rename(&space, w.at("elsewhere")).unwrap();
    w.sam(&["rename", "alice", "Alice Jones"]).status(2).stderr(format!(
        "oneonone: error: alice-smith/person.yaml: shared: {dir}: the folder is not there; clone the space there \
         (`git clone URL {dir}`), or run `oneonone share alice-smith DIR` with where it is\n"
    ));
    assert!(w.t.path("alice-smith/person.yaml").is_file());
}

/// Review: with open points in the space's agenda, `prep` showed no
/// Agenda at all. It lists them with the private ones (what the next
/// `new` takes).
#[test]
fn issue13_prep_lists_the_points_of_the_space_agenda() {
    let w = World::new();
    points_in_the_space_and_out(&w);
    let prep = w
        .sam(&["prep", "alice", "--color", "never", "--seed", "1"])
        .ok()
        .stdout;
    assert!(
        prep.contains(
            "\nAgenda (3)\n  - Her raise\n  - Ask about the offsite\n  - Career growth @alice-smith\n"
        ),
        "{prep}"
    );
}

/// Review: a person given a new space after an earlier one (its folder
/// gone, `shared:` removed) got no notes in it: the publish state of the
/// old space said they were published. A new space starts afresh.
#[test]
fn issue13_a_new_space_gets_every_note_again() {
    let w = World::new();
    w.t.write("alice-smith/person.yaml", "name: Alice Smith\n");
    w.t.write("alice-smith/2026-11-24.md", NOTE);
    let first = w.at_str("first");
    w.sam(&["share", "alice", &first]).ok();
    w.sam(&["sync"]).ok();
    std::fs::remove_dir_all(w.at("first")).unwrap();
    w.t.write("alice-smith/person.yaml", "name: Alice Smith\n");
    let second = w.at_str("second");
    w.sam(&["share", "alice", &second]).ok();
    w.sam(&["sync"])
        .ok()
        .stderr(format!("oneonone: {second}: published 2026-11-24.md\n"));
    assert!(w.at("second/alice-smith/2026-11-24.md").is_file());
}

/// Review: `done` on the path `followups alice` prints for an item she
/// added in the shared notes failed with "not a note in the notebook".
/// It names the command that ticks it in her space, which works.
#[test]
fn issue13_done_on_a_shared_note_names_the_command_that_ticks_it_there() {
    let w = World::new();
    let (dir, space) = alice_sharing(&w);
    let copy = space.join("alice-smith/2026-11-24.md");
    edit(
        &copy,
        "- [ ] Book the room\n",
        "- [ ] Book the room\n- [ ] Alice shares the offsite doc\n",
    );
    let line = line_of(&read(&copy), "Alice shares the offsite doc");
    let reference = format!("{dir}/alice-smith/2026-11-24.md:{line}");
    let there = format!("oneonone --dir {dir} done {reference}");
    w.sam(&["done", &reference])
        .status(2)
        .stdout("")
        .stderr(format!(
            "oneonone: error: {reference}: in a shared space, which is not this notebook; tick it \
         there: `{there}`\n"
        ));
    let words: Vec<&str> = there.split(' ').skip(1).collect();
    w.sam(&words).ok();
    assert!(read(&copy).contains("- [x] Alice shares the offsite doc\n"));
}

#[test]
fn issue14_what_the_report_writes_with_at_me_is_hers() {
    let w = World::new();
    let (_, space) = alice_sharing(&w);
    edit(
        &space.join("alice-smith/2026-11-24.md"),
        "- [ ] Book the room\n",
        "- [ ] Book the room\n- [ ] Send Sam the design doc @me\n",
    );
    let items: Vec<crate::Item> =
        serde_json::from_str(&w.sam(&["followups", "alice", "--json"]).ok().stdout).unwrap();
    let hers = items.iter().find(|i| i.shared).unwrap();
    assert_eq!(
        (hers.text.as_str(), hers.owner.as_str()),
        ("Send Sam the design doc @me", "alice-smith")
    );
}

/// Alice's note shared with her: her space made in `space` and synced.
/// The space's folder, as typed and as a path.
fn alice_sharing(w: &World) -> (String, std::path::PathBuf) {
    w.t.write("alice-smith/person.yaml", "name: Alice Smith\n");
    w.t.write("alice-smith/2026-11-24.md", NOTE);
    let dir = w.at_str("space");
    w.sam(&["share", "alice", &dir]).ok();
    w.sam(&["sync"]).ok();
    (dir, w.at("space"))
}
