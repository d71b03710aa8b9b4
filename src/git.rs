//! The installed `git` binary, run on one folder (a shared space, see
//! [`crate::space`]). oneonone has no network code of its own: fetching,
//! merging and pushing are git's, started as an argument list (never
//! through a shell) with `-C FOLDER`.
//!
//! Errors say what to do: git missing ("git is not installed or not on
//! PATH"), no identity to commit with (how to set `user.name` and
//! `user.email`), or a command that failed (its standard error, trimmed).
//! Variables that would point git at another repository (`GIT_DIR`,
//! `GIT_WORK_TREE`, ... as a git hook sets them) are not passed on.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::error::{Error, Result};

/// The message when `git` cannot be started.
pub const MISSING: &str = "git is not installed or not on PATH; install git (https://git-scm.com) to sync through a repository, or share a plain folder instead";

/// What would make git work on some other repository than the folder's.
const FOREIGN_VARIABLES: [&str; 8] = [
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR",
    "GIT_NAMESPACE",
    "GIT_PREFIX",
];

/// One folder, for git to work in.
#[derive(Debug, Clone)]
pub struct Git {
    /// The folder, as a path this process can open.
    dir: PathBuf,
    /// The folder as messages name it.
    shown: PathBuf,
    /// The paths whose untracked files [`Git::status`] sees and
    /// [`Git::commit_all`] commits (what it tracks is always seen); all of
    /// them when empty.
    only: Vec<String>,
}

/// How a `git pull` ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pulled {
    /// The remote has nothing this branch lacks (or nothing yet).
    Nothing,
    /// Up to date with the remote, its commits (if any) taken in.
    Merged,
    /// Git stopped on conflicts in these files (`/` paths in the folder),
    /// the rebase left for the user to finish.
    Conflicts(Vec<String>),
}

impl Git {
    /// Git in `dir`, named `shown` in messages.
    #[must_use]
    pub fn at(dir: &Path, shown: &Path) -> Git {
        Git {
            dir: dir.to_path_buf(),
            shown: shown.to_path_buf(),
            only: Vec::new(),
        }
    }

    /// The same repository, the new files it sees and commits kept to
    /// `paths`: a space commits what it owns, never another file that
    /// happens to be in its folder.
    #[must_use]
    pub fn only(mut self, paths: &[String]) -> Git {
        self.only = paths.to_vec();
        self
    }

    /// True when the folder is the top of a git working tree (it holds
    /// `.git`, a folder or, in a worktree or submodule, a file). Asks no
    /// git: a plain folder needs none.
    #[must_use]
    pub fn is_repository(dir: &Path) -> bool {
        std::fs::symlink_metadata(dir.join(".git")).is_ok()
    }

    /// Runs git with these arguments in the folder; its standard output.
    ///
    /// # Errors
    /// Git cannot be started, or it exits with an error (its standard
    /// error, trimmed, is the message).
    pub fn run(&self, args: &[&str]) -> Result<String> {
        let output = self.output(args)?;
        if output.status.success() {
            Ok(String::from_utf8_lossy(&output.stdout).into_owned())
        } else {
            Err(self.failed(args, &output))
        }
    }

    /// Runs git; its output whether it succeeded or not.
    fn output(&self, args: &[&str]) -> Result<Output> {
        let mut command = Command::new("git");
        command.arg("-C").arg(&self.dir).args(args);
        for name in FOREIGN_VARIABLES {
            command.env_remove(name);
        }
        // Never wait on a pager or an editor; a password prompt (ssh, a
        // credential helper) still reaches the terminal.
        command
            .env("GIT_PAGER", "cat")
            .env("GIT_EDITOR", "true")
            .stdin(Stdio::inherit())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        command.output().map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                Error::Usage(MISSING.into())
            } else {
                Error::io(&self.shown, "cannot run git", e)
            }
        })
    }

    /// The error for a git command that failed.
    fn failed(&self, args: &[&str], output: &Output) -> Error {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let stdout = String::from_utf8_lossy(&output.stdout);
        let said = if stderr.trim().is_empty() {
            stdout.trim()
        } else {
            stderr.trim()
        };
        let said = if said.is_empty() {
            format!("it exited with {}", output.status)
        } else {
            said.to_string()
        };
        Error::Invalid {
            path: self.shown.clone(),
            line: None,
            message: format!("`git {}` failed: {said}", args.join(" ")),
        }
    }

    /// Says that git can be run at all.
    ///
    /// # Errors
    /// Git is missing ([`MISSING`]) or fails.
    pub fn available(&self) -> Result<()> {
        self.output(&["--version"]).map(drop)
    }

    /// `git init`, quietly.
    ///
    /// # Errors
    /// As [`Git::run`].
    pub fn init(&self) -> Result<()> {
        self.run(&["init", "--quiet"]).map(drop)
    }

    /// Refuses to go on when git has no name and email to commit with.
    ///
    /// # Errors
    /// No identity (the message says how to set one), or git fails.
    pub fn identity(&self) -> Result<()> {
        let output = self.output(&["var", "GIT_COMMITTER_IDENT"])?;
        if output.status.success() {
            return Ok(());
        }
        Err(Error::Invalid {
            path: self.shown.clone(),
            line: None,
            message: "git does not know who you are, so it cannot commit; set your name and email \
                      once with `git config --global user.name \"Your Name\"` and \
                      `git config --global user.email you@example.com` (or without --global, \
                      in this folder only)"
                .into(),
        })
    }

    /// What is not committed yet: `git status --porcelain` entries, as
    /// (two-letter status, `/` path); when it is kept to some paths, an
    /// untracked file counts only inside them.
    ///
    /// # Errors
    /// As [`Git::run`].
    pub fn status(&self) -> Result<Vec<(String, String)>> {
        let text = self.run(&["status", "--porcelain=v1", "-z", "--untracked-files=all"])?;
        let mut entries = Vec::new();
        let mut parts = text.split('\0').filter(|p| !p.is_empty());
        while let Some(entry) = parts.next() {
            let (code, path) = entry.split_at(entry.len().min(3));
            let code = code.trim_end().to_string();
            // A rename names its old path next.
            if code.starts_with('R') || code.starts_with('C') {
                parts.next();
            }
            // Kept to its paths, a repository still follows what it
            // tracks (a folder renamed away); of the files it does not,
            // only those in its paths count.
            if code == "??" && !self.owns(path) {
                continue;
            }
            entries.push((code, path.to_string()));
        }
        Ok(entries)
    }

    /// Whether `path` (`/`-separated, from the top) is one of the paths it
    /// is kept to, or inside one; true for any path when it is kept to none.
    fn owns(&self, path: &str) -> bool {
        self.only.is_empty()
            || self.only.iter().any(|own| {
                path == own
                    || path
                        .strip_prefix(own.as_str())
                        .is_some_and(|rest| rest.starts_with('/'))
            })
    }

    /// The files git has stopped on with conflicts (`/` paths).
    ///
    /// # Errors
    /// As [`Git::run`].
    pub fn conflicted(&self) -> Result<Vec<String>> {
        let text = self.run(&["diff", "--name-only", "--diff-filter=U", "-z"])?;
        Ok(text
            .split('\0')
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect())
    }

    /// True while a rebase or a merge waits for the user to finish it.
    ///
    /// # Errors
    /// As [`Git::run`].
    pub fn is_busy(&self) -> Result<bool> {
        for name in ["rebase-merge", "rebase-apply", "MERGE_HEAD"] {
            let path = self.run(&["rev-parse", "--git-path", name])?;
            let path = Path::new(path.trim());
            let path = if path.is_absolute() {
                path.to_path_buf()
            } else {
                self.dir.join(path)
            };
            if std::fs::symlink_metadata(path).is_ok() {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Commits everything in the folder, or in the paths it is kept to
    /// (`git add --all`, then `git commit`), with `message`; false when
    /// there was nothing to commit.
    ///
    /// # Errors
    /// No identity, or git fails.
    pub fn commit_all(&self, message: &str) -> Result<bool> {
        let status = self.status()?;
        if status.is_empty() {
            return Ok(false);
        }
        self.identity()?;
        if self.only.is_empty() {
            self.run(&["add", "--all"])?;
            self.run(&["commit", "--quiet", "--no-verify", "-m", message])?;
        } else {
            // The changed files themselves: a pathspec naming a file that
            // was never there would stop git.
            let mut add = vec!["add", "--all", "--"];
            add.extend(status.iter().map(|(_, path)| path.as_str()));
            self.run(&add)?;
            let mut commit = vec!["commit", "--quiet", "--no-verify", "-m", message, "--"];
            commit.extend(status.iter().map(|(_, path)| path.as_str()));
            self.run(&commit)?;
        }
        Ok(true)
    }

    /// The remote to pull from and push to: the current branch's
    /// upstream's, else the only one, else `origin`; `None` without one.
    ///
    /// # Errors
    /// As [`Git::run`].
    pub fn remote(&self) -> Result<Option<String>> {
        let remotes: Vec<String> = self
            .run(&["remote"])?
            .lines()
            .map(str::to_string)
            .filter(|r| !r.is_empty())
            .collect();
        if remotes.is_empty() {
            return Ok(None);
        }
        if let Some(branch) = self.branch()? {
            let key = format!("branch.{branch}.remote");
            let configured = self.output(&["config", "--get", &key])?;
            let name = String::from_utf8_lossy(&configured.stdout)
                .trim()
                .to_string();
            if configured.status.success() && remotes.contains(&name) {
                return Ok(Some(name));
            }
        }
        if remotes.len() == 1 {
            return Ok(remotes.into_iter().next());
        }
        Ok(remotes.into_iter().find(|r| r == "origin"))
    }

    /// The current branch; `None` on a detached head.
    fn branch(&self) -> Result<Option<String>> {
        let output = self.output(&["symbolic-ref", "--quiet", "--short", "HEAD"])?;
        let name = String::from_utf8_lossy(&output.stdout).trim().to_string();
        Ok((output.status.success() && !name.is_empty()).then_some(name))
    }

    /// True when `rev` names a commit.
    fn resolves(&self, rev: &str) -> Result<bool> {
        let output = self.output(&["rev-parse", "--verify", "--quiet", rev])?;
        Ok(output.status.success())
    }

    /// `git pull --rebase` from `remote`: fetches, then rebases the
    /// branch's own commits onto the remote's, when the remote has the
    /// branch. Conflicts stop the rebase where it is, for the user to
    /// finish.
    ///
    /// # Errors
    /// Git fails otherwise (the network, a refused fetch).
    pub fn pull(&self, remote: &str) -> Result<Pulled> {
        let Some(branch) = self.branch()? else {
            return Err(Error::Invalid {
                path: self.shown.clone(),
                line: None,
                message: "git is not on a branch (a detached HEAD); check out the branch to sync, \
                          then run the command again"
                    .into(),
            });
        };
        self.run(&["fetch", "--quiet", remote])?;
        let theirs = format!("refs/remotes/{remote}/{branch}");
        if !self.resolves(&theirs)? {
            return Ok(Pulled::Nothing);
        }
        if !self.resolves("HEAD")? {
            // Nothing committed here yet: take theirs as it is.
            self.run(&["merge", "--quiet", "--ff-only", &theirs])?;
            return Ok(Pulled::Merged);
        }
        let new = self.run(&["rev-list", "--count", &format!("HEAD..{theirs}")])?;
        if new.trim() == "0" {
            return Ok(Pulled::Nothing);
        }
        let output = self.output(&["rebase", "--quiet", &theirs])?;
        if output.status.success() {
            return Ok(Pulled::Merged);
        }
        let conflicts = self.conflicted()?;
        if conflicts.is_empty() {
            return Err(self.failed(&["rebase", &theirs], &output));
        }
        Ok(Pulled::Conflicts(conflicts))
    }

    /// Pushes the current branch to `remote` when it has commits the
    /// remote has not (setting the upstream the first time); true when it
    /// pushed.
    ///
    /// # Errors
    /// Git fails (the remote moved on meanwhile, the network, no right to
    /// push).
    pub fn push(&self, remote: &str) -> Result<bool> {
        let Some(branch) = self.branch()? else {
            return Ok(false);
        };
        if !self.resolves("HEAD")? {
            return Ok(false);
        }
        let theirs = format!("refs/remotes/{remote}/{branch}");
        if self.resolves(&theirs)? {
            let ahead = self.run(&["rev-list", "--count", &format!("{theirs}..HEAD")])?;
            if ahead.trim() == "0" {
                return Ok(false);
            }
        }
        self.run(&[
            "push",
            "--quiet",
            "--set-upstream",
            remote,
            &format!("HEAD:refs/heads/{branch}"),
        ])?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Git with its own settings only (no system or user file), and an
    /// identity.
    fn git(dir: &Path) -> Command {
        let mut command = Command::new("git");
        command
            .arg("-C")
            .arg(dir)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null");
        command
    }

    #[test]
    fn a_folder_is_a_repository_when_it_holds_git() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!Git::is_repository(dir.path()));
        assert!(
            git(dir.path())
                .args(["init", "-q"])
                .status()
                .unwrap()
                .success()
        );
        assert!(Git::is_repository(dir.path()));
    }

    #[test]
    fn a_failing_command_says_what_git_said() {
        let dir = tempfile::tempdir().unwrap();
        let err = Git::at(dir.path(), Path::new("space"))
            .run(&["log"])
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("space: `git log` failed: fatal: not a git repository"),
            "{err}"
        );
    }
}
