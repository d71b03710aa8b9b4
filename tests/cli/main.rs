//! End-to-end tests: the real `oneonone` binary run in a temporary folder,
//! through a small builder (write files, run args, expect output, status
//! and file contents).
// Test helpers panic on purpose and are not an API.
#![allow(
    clippy::missing_panics_doc,
    clippy::must_use_candidate,
    clippy::return_self_not_must_use,
    clippy::new_without_default,
    clippy::too_many_lines,
    clippy::format_collect,
    clippy::format_push_string
)]

// One module per command, then what holds across commands.
mod agenda;
mod away;
mod carry;
mod check;
mod checkin;
mod completions;
mod done;
mod due;
mod export;
mod fix;
mod followups;
mod frameworks;
mod ics;
mod init;
mod messages;
mod messages80;
mod new;
mod notebook;
mod open;
mod patterns;
mod people;
mod person;
mod prep;
mod questions;
mod readme;
mod rename;
mod review;
mod shared_copy;
mod space;
mod trends;
mod undo;
mod zones;

mod cache;
mod fixtures;
mod log;
mod one_person;
mod polish14;
mod prep14;
mod safety;
mod search;
mod views;

use std::cell::RefCell;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use assert_cmd::Command;
use serde::Deserialize;
use tempfile::TempDir;

/// A temporary notebook and a way to run the binary in it, as a user whose
/// home folder (and so config file) is another temporary folder, never the
/// real one.
pub struct Test {
    pub dir: TempDir,
    /// `$HOME`, with `$XDG_CONFIG_HOME` its `.config`.
    pub home: TempDir,
}

/// What a run produced.
pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Test {
    /// A notebook: a temporary folder marked as one by an empty, private
    /// `.oneonone/` (as the first `new` leaves it; hidden from
    /// [`Test::files`]).
    pub fn new() -> Self {
        let t = Test::bare();
        let mut folder = fs::DirBuilder::new();
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut folder, 0o700);
        folder.create(t.path(".oneonone")).unwrap();
        t
    }

    /// A temporary folder that is not a notebook.
    pub fn bare() -> Self {
        Test {
            dir: tempfile::tempdir().unwrap(),
            home: tempfile::tempdir().unwrap(),
        }
    }

    /// The temporary folder as the binary sees it (symbolic links in the
    /// system's temp path resolved), for messages that name it.
    pub fn root(&self) -> PathBuf {
        self.dir.path().canonicalize().unwrap()
    }

    /// `$XDG_CONFIG_HOME`: `.config` in the home folder.
    pub fn config_home(&self) -> PathBuf {
        self.home.path().join(".config")
    }

    /// The user's config file, `oneonone/config.yaml` in
    /// [`Test::config_home`].
    pub fn user_config_path(&self) -> PathBuf {
        self.config_home().join("oneonone/config.yaml")
    }

    /// Writes the user's config file.
    pub fn user_config(&self, contents: impl AsRef<[u8]>) -> &Self {
        let path = self.user_config_path();
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, contents).unwrap();
        self
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> &Self {
        let path = self.path(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, contents).unwrap();
        self
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// Files under the notebook, relative, sorted, `/`-separated.
    pub fn files(&self) -> Vec<String> {
        let mut files: Vec<String> = walkdir(self.dir.path())
            .into_iter()
            .filter(|p| !p.components().any(|c| c.as_os_str() == ".oneonone"))
            .map(|p| {
                p.strip_prefix(self.dir.path())
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        files.sort();
        files
    }

    /// Expects the file at `rel` to hold exactly `contents`.
    pub fn file(&self, rel: &str, contents: impl AsRef<str>) -> &Self {
        assert_eq!(self.read(rel), contents.as_ref(), "{rel}");
        self
    }

    /// The one place that says how oneonone is started: `wrapper` (a
    /// program and its arguments, e.g. `bash -c ...` or `setpriv ...`), if
    /// any, then the binary, in the notebook, with a clean environment and
    /// the test's own home and config folders.
    /// Every runner below builds on it; spawn it directly to run many at
    /// once.
    pub fn process(&self, wrapper: &[&str]) -> std::process::Command {
        let bin = env!("CARGO_BIN_EXE_oneonone");
        let mut cmd = match wrapper.split_first() {
            None => std::process::Command::new(bin),
            Some((program, args)) => {
                let mut cmd = std::process::Command::new(program);
                cmd.args(args).arg(bin);
                cmd
            }
        };
        cmd.current_dir(self.dir.path())
            .env("HOME", self.home.path())
            .env("XDG_CONFIG_HOME", self.config_home())
            .env_remove("XDG_STATE_HOME")
            .env_remove("ONEONONE_DIR")
            .env_remove("NO_COLOR")
            .env("TERM", "xterm");
        cmd
    }

    /// The binary, ready for more arguments or environment; run it with
    /// [`Test::run_cmd`].
    pub fn cmd(&self) -> Command {
        Command::from_std(self.process(&[]))
    }

    /// Runs `args` and returns what the run produced; chain `.status()`,
    /// `.stdout()`, `.stderr()` to expect it.
    pub fn run(&self, args: &[&str]) -> Run {
        Self::run_cmd(self.cmd().args(args))
    }

    /// Runs `args` behind `wrapper` (see [`Test::process`]).
    pub fn run_via(&self, wrapper: &[&str], args: &[&str]) -> Run {
        Self::run_cmd(Command::from_std(self.process(wrapper)).args(args))
    }

    /// Runs `script` in bash with `"$0"` the binary (so `exec "$0" args`
    /// runs it), e.g. to set a `ulimit` first.
    pub fn run_in_bash(&self, script: &str) -> Run {
        self.run_via(&["bash", "-c", script], &[])
    }

    pub fn run_cmd(cmd: &mut Command) -> Run {
        let output = cmd.output().unwrap();
        Run {
            status: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8(output.stdout).unwrap(),
            stderr: String::from_utf8(output.stderr).unwrap(),
        }
    }

    /// Runs oneonone in this process (`oneonone::run_with`) as if both
    /// streams were a terminal, on 2026-11-27, 80 columns wide.
    pub fn run_on_terminal(&self, args: &[&str]) -> Run {
        self.run_on_terminal_of(80, args)
    }

    /// As [`Test::run_on_terminal`], on a terminal `columns` wide.
    pub fn run_on_terminal_of(&self, columns: usize, args: &[&str]) -> Run {
        let env = oneonone::settings::Environment {
            cwd: self.dir.path().to_path_buf(),
            oneonone_dir: None,
            no_color: false,
            term_dumb: false,
            stdout_is_terminal: true,
            stderr_is_terminal: true,
            today: chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
            editor: None,
            terminal_width: Some(columns),
            random_seed: 0,
            home: Some(self.home.path().to_path_buf()),
            state_home: Some(self.home.path().join(".local/state/oneonone")),
            user_config: Some(self.user_config_path()),
        };
        let (out, err) = (Captured::default(), Captured::default());
        let mut all = vec!["oneonone"];
        all.extend_from_slice(args);
        let code = oneonone::run_with(all, &env, Box::new(out.clone()), Box::new(err.clone()));
        Run {
            status: i32::from(code),
            stdout: out.text(),
            stderr: err.text(),
        }
    }
}

/// A stream the test can read back after an in-process run.
#[derive(Clone, Default)]
struct Captured(Rc<RefCell<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8(self.0.borrow().clone()).unwrap()
    }
}

impl Run {
    pub fn ok(self) -> Self {
        assert_eq!(
            self.status, 0,
            "stdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    pub fn status(self, code: i32) -> Self {
        assert_eq!(
            self.status, code,
            "stdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// Expects exactly this standard output.
    pub fn stdout(self, expected: impl AsRef<str>) -> Self {
        assert_eq!(self.stdout, expected.as_ref(), "stderr:\n{}", self.stderr);
        self
    }

    /// Expects exactly this standard error.
    pub fn stderr(self, expected: impl AsRef<str>) -> Self {
        assert_eq!(self.stderr, expected.as_ref(), "stdout:\n{}", self.stdout);
        self
    }
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walkdir(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// `followups --json` read back.
#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub person: Option<String>,
    pub date: Option<String>,
    pub path: String,
    pub line: usize,
    pub text: String,
    pub owner: String,
    pub due: Option<String>,
    #[serde(default)]
    pub mention: Option<String>,
    #[serde(default)]
    pub private: bool,
    /// In the person's shared space, not in the notebook.
    #[serde(default)]
    pub shared: bool,
}

pub fn item(person: &str, date: &str, path: &str, line: usize, text: &str) -> Item {
    Item {
        person: Some(person.into()),
        date: Some(date.into()),
        path: path.into(),
        line,
        text: text.into(),
        owner: "me".into(),
        due: None,
        mention: None,
        private: false,
        shared: false,
    }
}

pub fn followups_json(t: &Test, args: &[&str]) -> Vec<Item> {
    let mut all = vec!["followups", "--json"];
    all.extend_from_slice(args);
    let run = t.run(&all).ok();
    serde_json::from_str(&run.stdout).unwrap()
}
