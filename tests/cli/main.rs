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

mod cache;
mod checkins;
mod foundation;
mod hardening;
mod lifecycle;
mod limits;
mod privacy;
mod safety;
mod terminal;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde::Deserialize;
use tempfile::TempDir;

/// A temporary notebook and a way to run the binary in it.
pub struct Test {
    pub dir: TempDir,
}

/// What a run produced.
pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Test {
    pub fn new() -> Self {
        Test {
            dir: tempfile::tempdir().unwrap(),
        }
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

    pub fn cmd(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_oneonone"));
        cmd.current_dir(self.dir.path())
            .env_remove("ONEONONE_DIR")
            .env_remove("NO_COLOR")
            .env("TERM", "xterm");
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Run {
        Self::run_cmd(self.cmd().args(args))
    }

    pub fn run_cmd(cmd: &mut Command) -> Run {
        let output = cmd.output().unwrap();
        Run {
            status: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8(output.stdout).unwrap(),
            stderr: String::from_utf8(output.stderr).unwrap(),
        }
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
    }
}

pub fn followups_json(t: &Test, args: &[&str]) -> Vec<Item> {
    let mut all = vec!["followups", "--json"];
    all.extend_from_slice(args);
    let run = t.run(&all).ok();
    serde_json::from_str(&run.stdout).unwrap()
}
