//! A shared space: the folder a manager shares with one report, usually a
//! git repository both clone. It is a oneonone notebook of its own holding
//! one person: `oneonone.yaml` marks it (`shared:` says whose it is and
//! the manager's name), `<slug>/agenda.md` is the running agenda both add
//! to, `<slug>/<date>.md` the shared copies of the manager's notes
//! ([`crate::share`] decides what a copy holds), `README.md` tells the
//! report how it works, `.gitattributes` merges concurrent agenda
//! additions (`merge=union`) and `.gitignore` keeps oneonone's private
//! `.oneonone/` out of git.
//!
//! The manager's notebook records the space in the person's
//! `person.yaml` (`shared: ~/spaces/alice`), and keeps what it last
//! published of each note in `.oneonone/shared/<slug>/` (private, never in
//! the space): the base `sync` tells changes on either side by.
//!
//! Nothing private goes in: only the shared copies, the agenda points and
//! the files named above are ever written there.

pub mod publish;

use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use crate::agenda::{self, AGENDA_FILE};
use crate::config::{CONFIG_FILE, Config, SharedSpace};
use crate::error::{Error, Result};
use crate::followup::{self, FollowUp, Owner};
use crate::fs::{Change, Folder, Lock, Modes, Transaction};
use crate::git::{Git, Pulled};
use crate::notebook::{Notebook, PROFILE_FILE};
use crate::person::{Person, Profile};

/// The space's note to the report.
pub const README_FILE: &str = "README.md";

/// The git settings that merge concurrent agenda additions line by line.
pub const GITATTRIBUTES_FILE: &str = ".gitattributes";

/// What git leaves out of the space.
pub const GITIGNORE_FILE: &str = ".gitignore";

/// The `.gitattributes` line: both sides' agenda lines are kept.
pub const UNION_LINE: &str = "*/agenda.md merge=union";

/// The `.gitignore` lines: oneonone's private folder (its lock, cache,
/// undo journal) and the temp files a killed command may leave.
pub const IGNORED_LINES: [&str; 2] = [".oneonone/", ".oneonone-*.tmp"];

/// The folder in the manager notebook's `.oneonone/` that keeps, per
/// person, the copy of each note last published.
pub const STATE_DIR: &str = "shared";

/// A person's shared space, as the manager's notebook names it.
#[derive(Debug, Clone)]
pub struct Space {
    /// The folder, absolute, as a path this process can open.
    root: PathBuf,
    /// The folder as messages name it (the home folder as `~`).
    shown: PathBuf,
    /// The person's folder, in the notebook and in the space.
    pub slug: String,
    /// The person's name.
    pub name: String,
}

impl Space {
    /// The space of the person in `slug` of the manager's notebook, from
    /// their `person.yaml`'s `shared:`; `None` when they have none.
    /// `home` is the home folder, for a path starting with `~`.
    ///
    /// # Errors
    /// The person.yaml names a space but cannot be read, the folder is
    /// missing, or it is not that person's space.
    pub fn of(notebook: &Notebook, slug: &str, home: Option<&Path>) -> Result<Option<Space>> {
        let folder = Path::new(slug);
        let profile_rel = folder.join(PROFILE_FILE);
        let profile = match Profile::load(&notebook.path(folder), &notebook.show(folder)) {
            Ok(profile) => profile,
            Err(e) => {
                // A broken person.yaml that names no space is the
                // person's business; one that may, stops the command:
                // points would go to the wrong agenda.
                let text = crate::notebook::read_note_optional(notebook, &profile_rel)
                    .ok()
                    .flatten()
                    .unwrap_or_default();
                if text.lines().any(|l| l.starts_with("shared")) {
                    return Err(e);
                }
                return Ok(None);
            }
        };
        Space::of_profile(notebook, slug, &profile, home)
    }

    /// [`Space::of`] from the person's `profile`, already read.
    ///
    /// # Errors
    /// The folder it names is missing, or it is not that person's space.
    pub fn of_profile(
        notebook: &Notebook,
        slug: &str,
        profile: &Profile,
        home: Option<&Path>,
    ) -> Result<Option<Space>> {
        let profile_rel = Path::new(slug).join(PROFILE_FILE);
        let Some(written) = profile.shared.as_deref().filter(|s| !s.trim().is_empty()) else {
            return Ok(None);
        };
        let root = resolve(notebook.root(), written, home);
        let shown = crate::settings::tilde(&root, home);
        let name = profile
            .name
            .clone()
            .or_else(|| crate::person::display_name(notebook, slug))
            .unwrap_or_else(|| slug.to_string());
        let space = Space {
            root,
            shown,
            slug: slug.to_string(),
            name,
        };
        let complain = |message: String| Error::Invalid {
            path: notebook.show(&profile_rel),
            line: None,
            message,
        };
        if !space.root.is_dir() {
            return Err(complain(format!(
                "shared: {}: the folder is not there; clone the space there (`git clone URL {}`), \
                 or run `oneonone share {slug} DIR` with where it is",
                space.shown.display(),
                space.shown.display()
            )));
        }
        match space.marker()? {
            Some(marker) if marker.person == slug => Ok(Some(space)),
            Some(marker) => Err(complain(format!(
                "shared: {}: that folder is the shared space of {}, not of {slug}",
                space.shown.display(),
                crate::output::sanitize(&marker.person)
            ))),
            None => Err(complain(format!(
                "shared: {}: that folder is not a shared space (its oneonone.yaml has no `shared:`); \
                 run `oneonone share {slug} {}` to make it one",
                space.shown.display(),
                space.shown.display()
            ))),
        }
    }

    /// The space's `shared:` marker; `None` when its oneonone.yaml has
    /// none (or there is no such file).
    ///
    /// # Errors
    /// Its oneonone.yaml cannot be read or does not parse.
    pub fn marker(&self) -> Result<Option<SharedSpace>> {
        Ok(Config::load(&self.root, &self.shown)?.shared)
    }

    /// The folder, as a path this process can open.
    #[must_use]
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The folder as messages name it.
    #[must_use]
    pub fn shown_root(&self) -> &Path {
        &self.shown
    }

    /// A space-relative path as this process can open it.
    #[must_use]
    pub fn path(&self, rel: &Path) -> PathBuf {
        self.root.join(rel)
    }

    /// A space-relative path as messages name it.
    #[must_use]
    pub fn show(&self, rel: &Path) -> PathBuf {
        self.shown.join(rel)
    }

    /// The person's agenda in the space, space-relative.
    #[must_use]
    pub fn agenda_rel(&self) -> PathBuf {
        Path::new(&self.slug).join(AGENDA_FILE)
    }

    /// Reads a file of the space that may not be there (never through a
    /// link, only a regular file, UTF-8 text).
    ///
    /// # Errors
    /// It cannot be read, or is not UTF-8.
    pub fn read(&self, rel: &Path) -> Result<Option<String>> {
        read_text(&self.root, rel, &self.show(rel))
    }

    /// Why a transaction that writes here cannot be undone, for `undo`.
    #[must_use]
    pub fn why_no_undo(&self) -> String {
        format!(
            "it wrote to the shared space {}, which undo does not reach (the other side may have it already)",
            self.shown.display()
        )
    }

    /// [`Space::why_no_undo`], and on a line of its own what to do
    /// instead (`undo` says it last).
    #[must_use]
    pub fn why_no_undo_then(&self, instead: &str) -> String {
        format!("{}\n{instead}", self.why_no_undo())
    }

    /// The points of the space's agenda that the next `new` takes, as
    /// `agenda` lists them ([`agenda::points_to_take`]: a point taken is
    /// kept there as `[>]`, and a copy of it a merge brought back is no
    /// point), each an open item as a private agenda's points are, with
    /// the agenda's full path in the space.
    ///
    /// # Errors
    /// The agenda cannot be read (a link, not UTF-8).
    pub fn agenda_items(&self) -> Result<Vec<FollowUp>> {
        let rel = self.agenda_rel();
        let Some(text) = self.read(&rel)? else {
            return Ok(Vec::new());
        };
        let path: Arc<str> = self.path(&rel).to_string_lossy().into();
        let slug: Arc<str> = self.slug.as_str().into();
        Ok(agenda::points_to_take(&text)
            .0
            .into_iter()
            .map(|point| {
                let (mention, due) = followup::mention_and_due(&point.task.text);
                let (owner, mention) = Owner::written(mention);
                FollowUp {
                    person: Some(slug.clone()),
                    date: None,
                    path: path.clone(),
                    line: point.task.line,
                    text: point.task.text.as_str().into(),
                    owner,
                    mention,
                    due,
                    folder: Some(slug.clone()),
                    checkbox: point.task.checkbox,
                    private: false,
                }
            })
            .collect())
    }
}

/// The folder of the manager's notebook that keeps what was last
/// published to the space of the person in `slug` (`.oneonone/shared/<slug>/`),
/// notebook-relative.
#[must_use]
pub fn state_folder(slug: &str) -> PathBuf {
    Path::new(crate::fs::STATE_DIR).join(STATE_DIR).join(slug)
}

impl Space {
    /// The space's oneonone.yaml (its `text`) for the person once they are
    /// in `slug`, named `name` (a rename): written anew when it is as
    /// `share` wrote it, else with only the values of `person:` and
    /// `name:` under `shared:` changed (a missing `name:` added below
    /// `person:`); `None` when it says so already.
    ///
    /// # Errors
    /// It does not parse, or cannot be changed so by those values alone.
    pub fn renamed_marker(&self, text: &str, slug: &str, name: &str) -> Result<Option<String>> {
        let shown = self.show(Path::new(CONFIG_FILE));
        let read = |t: &str| crate::config::parse_yaml_or_default::<Config>(t, &shown);
        let before = read(text)?;
        let marker = before.shared.clone().unwrap_or_default();
        if marker.person == slug && marker.name.as_deref() == Some(name) {
            return Ok(None);
        }
        let manager = marker.manager.as_deref();
        let old_name = marker.name.as_deref().unwrap_or(&self.name);
        if text == marker_file(&self.slug, old_name, manager) {
            return Ok(Some(marker_file(slug, name, manager)));
        }
        let refuse = || Error::Invalid {
            path: shown.clone(),
            line: None,
            message: format!(
                "cannot set `person: {slug}` and `name: {}` under `shared:` by their values alone; \
                 set them by hand, then run the rename again",
                crate::frontmatter::yaml_scalar(name)
            ),
        };
        let after = set_in_block(
            text,
            "shared",
            &[
                ("person", crate::frontmatter::yaml_scalar(slug)),
                ("name", crate::frontmatter::yaml_scalar(name)),
            ],
        )
        .ok_or_else(refuse)?;
        // Read back: those two values, and nothing else changed.
        let now = read(&after).map_err(|_| refuse())?;
        let wanted = SharedSpace {
            person: slug.to_string(),
            name: Some(name.to_string()),
            manager: marker.manager.clone(),
        };
        let rest = |c: Config| Config { shared: None, ..c };
        if now.shared.as_ref() != Some(&wanted) || rest(now) != rest(before) {
            return Err(refuse());
        }
        Ok(Some(after))
    }

    /// The space's README (its `text`) for the person once they are in
    /// `slug`, named `name`: written anew when it is as `share` wrote it
    /// (by the marker's name and manager); `None` when it says so already,
    /// or someone changed it (it is theirs then, left as it is).
    #[must_use]
    pub fn renamed_readme(
        &self,
        text: &str,
        marker: &SharedSpace,
        slug: &str,
        name: &str,
    ) -> Option<String> {
        let manager = marker.manager.as_deref();
        let old_name = marker.name.as_deref().unwrap_or(&self.name);
        let after = readme(slug, name, manager);
        (text == readme(&self.slug, old_name, manager) && after != text).then_some(after)
    }
}

/// `text` (YAML) with the values of `values`' keys in the block under the
/// top-level `parent:` set, each value's bytes only; a key the block lacks
/// is added below the last one found, as indented. `None` when there is no
/// such block, or none of the keys is in it.
fn set_in_block(text: &str, parent: &str, values: &[(&str, String)]) -> Option<String> {
    let (line, _) = crate::frontmatter::key_span(text, 0..text.len(), parent)?;
    // The block: the lines below `parent:` that are indented, blank or
    // comments, up to the next key of the top level.
    let mut at = (line.end + 1).min(text.len());
    let mut found: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
    let mut last: Option<(usize, &str)> = None;
    for l in text[at..].split_inclusive('\n') {
        let body = l.trim_end_matches(['\n', '\r']);
        let content = body.trim_start_matches([' ', '\t']);
        let indent = body.len() - content.len();
        if !content.is_empty() && !content.starts_with('#') && indent == 0 {
            break;
        }
        for (i, (key, _)) in values.iter().enumerate() {
            let range = at + indent..at + body.len();
            if crate::frontmatter::key_span(text, range.clone(), key).is_some() {
                found.push((i, range));
                last = Some((at + l.len(), &body[..indent]));
            }
        }
        at += l.len();
    }
    let (after_last, indent) = last?;
    let eol = crate::note::line_ending(text);
    let mut out = text.to_string();
    // Added keys first (they go after every key found), then each value
    // from the end, so the earlier ranges still hold.
    let mut added = String::new();
    for (i, (key, value)) in values.iter().enumerate() {
        if !found.iter().any(|(f, _)| *f == i) {
            let _ = write!(added, "{indent}{key}: {value}{eol}");
        }
    }
    if !added.is_empty() && !out[..after_last].ends_with('\n') {
        added.insert_str(0, eol);
    }
    out.insert_str(after_last, &added);
    found.sort_by_key(|(_, r)| std::cmp::Reverse(r.start));
    for (i, range) in found {
        let (key, value) = &values[i];
        out = crate::frontmatter::set_value_in(out, range, key, value);
    }
    Some(out)
}

/// The open items the person added to the shared copies in their space
/// (see [`publish::report_items`]), for `followups` and `prep`; none when
/// they have no space.
///
/// # Errors
/// Their person.yaml names a space that is not there, or not theirs.
pub fn report_items(notebook: &Notebook, slug: &str, home: Option<&Path>) -> Result<Vec<FollowUp>> {
    Ok(match Space::of(notebook, slug, home)? {
        Some(space) => publish::report_items(notebook, &space),
        None => Vec::new(),
    })
}

/// The shared space a notebook is, when it is one: its `shared:` marker.
#[must_use]
pub fn here(notebook: &Notebook) -> Option<&SharedSpace> {
    notebook.config.shared.as_ref()
}

/// Refuses a folder holding anything but a space's own files: a space is
/// shared whole, so other people's spaces or your own files in it would be
/// shared too.
fn refuse_foreign(root: &Path, shown: &Path, slug: &str, name: &str) -> Result<()> {
    if !root.is_dir() {
        return Ok(());
    }
    let mut allowed = owned_paths(slug);
    allowed.extend([".git".to_string(), crate::fs::STATE_DIR.to_string()]);
    let mut others: Vec<String> = std::fs::read_dir(root)
        .map_err(|e| Error::io(shown, "cannot read the folder", e))?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| !allowed.contains(name))
        .collect();
    if others.is_empty() {
        return Ok(());
    }
    others.sort();
    let listed: Vec<String> = others
        .iter()
        .take(5)
        .map(|n| format!("`{}`", crate::output::sanitize(n)))
        .collect();
    Err(Error::Invalid {
        path: shown.to_path_buf(),
        line: None,
        message: format!(
            "holds {}{}\n  \
             hint: everything in a shared space is shared\n  \
             hint: choose an empty folder (or a clone of {}'s space)",
            listed.join(", "),
            if others.len() > 5 { ", ..." } else { "" },
            crate::output::sanitize(name)
        ),
    })
}

/// The folders to make for `root` (shown as `shown`) and any missing
/// above it, outermost first: `share alice ~/spaces/alice` on a machine
/// without `~/spaces`.
fn missing_folders(root: &Path, shown: &Path) -> Vec<Folder> {
    let mut made = Vec::new();
    let (mut path, mut show) = (root.to_path_buf(), shown.to_path_buf());
    while std::fs::symlink_metadata(&path).is_err() {
        made.push(Folder {
            path: path.clone(),
            shown: show.clone(),
        });
        match (path.parent(), show.parent()) {
            (Some(p), Some(s)) if !p.as_os_str().is_empty() => {
                (path, show) = (p.to_path_buf(), s.to_path_buf());
            }
            _ => break,
        }
    }
    if made.is_empty() {
        // There already: pushed still, as before (making it is a no-op).
        made.push(Folder {
            path: root.to_path_buf(),
            shown: shown.to_path_buf(),
        });
    }
    made.reverse();
    made
}

/// What a space owns, for git: its marker, the report's README, the git
/// settings oneonone writes, and the person's folder. Nothing else in the
/// folder is ever committed by oneonone.
#[must_use]
pub fn owned_paths(slug: &str) -> Vec<String> {
    [
        crate::config::CONFIG_FILE,
        "README.md",
        ".gitattributes",
        ".gitignore",
        slug,
    ]
    .iter()
    .map(ToString::to_string)
    .collect()
}

/// The folder a `shared:` value names: `~/...` in the home folder, an
/// absolute path, or a path relative to the notebook; `..` taken away as
/// written.
#[must_use]
pub fn resolve(notebook_root: &Path, written: &str, home: Option<&Path>) -> PathBuf {
    let path = match (written.strip_prefix('~'), home) {
        (Some(rest), Some(home)) if rest.is_empty() || rest.starts_with('/') => {
            home.join(rest.trim_start_matches('/'))
        }
        _ => notebook_root.join(written),
    };
    clean(&path)
}

/// A path with `.` and `..` taken away as written.
#[must_use]
pub fn clean(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The path with links resolved as far as it exists, the rest as
/// written: where a folder not made yet will be.
fn real(path: &Path) -> PathBuf {
    let mut rest = Vec::new();
    let mut at = path.to_path_buf();
    loop {
        if let Ok(found) = at.canonicalize() {
            return rest.into_iter().rev().fold(found, |p, name| p.join(name));
        }
        match (
            at.file_name().map(std::ffi::OsStr::to_os_string),
            at.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                at = parent.to_path_buf();
            }
            _ => return path.to_path_buf(),
        }
    }
}

/// Reads `rel` below `root` (shown as `shown`) as text; `None` when it is
/// not there.
fn read_text(root: &Path, rel: &Path, shown: &Path) -> Result<Option<String>> {
    match crate::fs::read_beneath(root, rel, None) {
        Ok(bytes) => String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| Error::Invalid {
                path: shown.to_path_buf(),
                line: None,
                message: "not UTF-8 text".into(),
            }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(shown, "cannot read", e)),
    }
}

/// A space that is a git repository, ready to sync: no rebase or merge
/// waits to be finished, and the remote (if any) is known.
#[derive(Debug)]
pub struct Repo {
    git: Git,
    shown: PathBuf,
    remote: Option<String>,
}

impl Repo {
    /// The repository at the top of `root` (shown as `shown`); `None`
    /// when the folder is no git repository (a plain folder: nothing to
    /// pull or push).
    ///
    /// # Errors
    /// Git is missing or fails, or a rebase or merge is unfinished there.
    pub fn open(root: &Path, shown: &Path, slug: &str) -> Result<Option<Repo>> {
        if !Git::is_repository(root) {
            return Ok(None);
        }
        let git = Git::at(root, shown).only(&owned_paths(slug));
        if git.is_busy()? {
            let files = git.conflicted()?;
            return Err(Error::Invalid {
                path: shown.to_path_buf(),
                line: None,
                message: format!(
                    "a git rebase or merge is not finished there{}; finish it (`git status` says how), then sync again",
                    if files.is_empty() {
                        String::new()
                    } else {
                        format!(" (conflicts in {})", files.join(", "))
                    }
                ),
            });
        }
        let remote = git.remote()?;
        Ok(Some(Repo {
            git,
            shown: shown.to_path_buf(),
            remote,
        }))
    }

    /// The remote it pulls from and pushes to, if it has one.
    #[must_use]
    pub fn remote(&self) -> Option<&str> {
        self.remote.as_deref()
    }

    /// Commits whatever changed in the folder, with a message naming the
    /// files (`{whose}: add ...; change ...`); false when nothing changed.
    ///
    /// # Errors
    /// Git has no identity, or fails.
    pub fn commit_changes(&self, whose: &str) -> Result<bool> {
        let status = self.git.status()?;
        if status.is_empty() {
            return Ok(false);
        }
        let mut added = Vec::new();
        let mut changed = Vec::new();
        let mut removed = Vec::new();
        for (code, path) in status {
            if code == "??" || code.contains('A') {
                added.push(path);
            } else if code.contains('D') {
                removed.push(path);
            } else {
                changed.push(path);
            }
        }
        let mut parts = Vec::new();
        for (verb, files) in [("add", added), ("change", changed), ("remove", removed)] {
            if !files.is_empty() {
                parts.push(format!("{verb} {}", files.join(", ")));
            }
        }
        self.commit(&format!("{whose}: {}", parts.join("; ")))
    }

    /// Commits everything with `message`; false when nothing changed.
    ///
    /// # Errors
    /// Git has no identity, or fails.
    pub fn commit(&self, message: &str) -> Result<bool> {
        self.git.commit_all(message)
    }

    /// Pulls the remote's commits, the folder's own rebased on them; false
    /// without a remote or when it has none yet.
    ///
    /// # Errors
    /// Git fails; or stops on conflicts, which are named, the rebase left
    /// for the user to finish (every change is committed: nothing is
    /// lost).
    pub fn pull(&self) -> Result<bool> {
        let Some(remote) = &self.remote else {
            return Ok(false);
        };
        match self.git.pull(remote)? {
            Pulled::Nothing => Ok(false),
            Pulled::Merged => Ok(true),
            Pulled::Conflicts(files) => Err(Error::Invalid {
                path: self.shown.clone(),
                line: None,
                message: format!(
                    "git could not merge the other side's changes to {}; nothing is lost (every change is committed), \
                     and the rebase is left for you to finish there: edit each file to what it should say, \
                     `git add` it and `git rebase --continue` (or `git rebase --abort` to go back), then sync again",
                    files.join(", ")
                ),
            }),
        }
    }

    /// Pushes the folder's commits the remote lacks; false when there was
    /// nothing to push or no remote.
    ///
    /// # Errors
    /// Git fails (the remote moved on meanwhile: sync again).
    pub fn push(&self) -> Result<bool> {
        match &self.remote {
            Some(remote) => self.git.push(remote),
            None => Ok(false),
        }
    }
}

/// What `oneonone share` is asked for.
#[derive(Debug, Clone, Copy)]
pub struct ShareRequest<'a> {
    /// The person as typed.
    pub person: &'a str,
    /// The folder as typed, relative to `cwd`.
    pub dir: &'a Path,
    /// The current folder.
    pub cwd: &'a Path,
    /// The home folder, when known.
    pub home: Option<&'a Path>,
}

/// The plan of `oneonone share`: the files it writes in the space and in
/// the notebook. Nothing is written until [`SharePlan::commit`].
#[derive(Debug)]
pub struct SharePlan {
    /// The space.
    pub space: Space,
    /// The person.
    pub person: Person,
    /// How many talking points move from the private agenda.
    pub moved: usize,
    /// The `shared:` value person.yaml gets, as written.
    pub recorded: String,
    /// Files of the space left as they were (a README the git host made).
    pub kept: Vec<PathBuf>,
    folders: Vec<Folder>,
    changes: Vec<Change>,
    /// What an earlier space of theirs left in the notebook's publish
    /// state: a new space starts with none, so every note is published.
    stale: Vec<crate::fs::Removal>,
    modes: Modes,
}

impl SharePlan {
    /// Plans making `request.dir` the person's space; reads, never writes.
    ///
    /// # Errors
    /// The person matches nobody; the folder is inside the notebook (or
    /// holds it), is a file, is a notebook or someone else's space; the
    /// person already shares another folder; a file cannot be read.
    pub fn plan(
        notebook: &Notebook,
        request: &ShareRequest<'_>,
        warn: &mut dyn FnMut(Error),
    ) -> Result<SharePlan> {
        let person = Person::resolve(notebook, request.person, false, warn)?;
        let slug = person.slug.clone();
        notebook.refuse_link(&slug)?;
        let root = clean(&request.cwd.join(request.dir));
        let shown = crate::settings::tilde(&root, request.home);
        let refuse = |message: String| Error::Invalid {
            path: shown.clone(),
            line: None,
            message,
        };
        let (real_root, real_notebook) = (real(&root), real(notebook.root()));
        if real_root.starts_with(&real_notebook) {
            return Err(refuse(
                "is inside the notebook, where your private notes are; a shared space is a \
                 folder of its own, outside it (for example beside it)"
                    .into(),
            ));
        }
        if real_notebook.starts_with(&real_root) {
            return Err(refuse(
                "holds the notebook, and everything in a shared space is shared; choose a \
                 folder of its own, outside it"
                    .into(),
            ));
        }
        if std::fs::symlink_metadata(&root).is_ok_and(|m| !m.is_dir()) && !root.is_dir() {
            return Err(refuse("is not a folder".into()));
        }
        let space = Space {
            root: root.clone(),
            shown: shown.clone(),
            slug: slug.clone(),
            name: person.name.clone(),
        };
        let existing = if root.is_dir() {
            match read_text(&root, Path::new(CONFIG_FILE), &shown.join(CONFIG_FILE))? {
                Some(_) => Some(space.marker()?),
                None => None,
            }
        } else {
            None
        };
        match &existing {
            Some(Some(marker)) if marker.person != slug => {
                return Err(refuse(format!(
                    "is already the shared space of {}; each person has a space of their own",
                    crate::output::sanitize(&marker.person)
                )));
            }
            Some(None) => {
                return Err(refuse(
                    "is a oneonone notebook (it has a oneonone.yaml); a shared space is a folder \
                     of its own"
                        .into(),
                ));
            }
            _ => {}
        }
        refuse_foreign(&root, &shown, &slug, &person.name)?;
        // Already sharing: the same folder again is fine, another is not.
        let current = Space::of(notebook, &slug, request.home);
        let stale = if matches!(current, Ok(Some(_))) {
            Vec::new()
        } else {
            stale_bases(notebook, &slug)?
        };
        if let Ok(Some(current)) = current
            && real(current.root()) != real_root
        {
            return Err(refuse(format!(
                "{} already shares {}; to move the space, move that folder and change `shared:` in {}",
                crate::output::sanitize(&person.name),
                current.shown_root().display(),
                notebook
                    .show(&Path::new(&slug).join(PROFILE_FILE))
                    .display()
            )));
        }
        let recorded = recorded_path(&root, request.home);
        let modes = notebook.modes();
        let mut plan = SharePlan {
            space,
            person,
            moved: 0,
            recorded,
            kept: Vec::new(),
            folders: missing_folders(&root, &shown)
                .into_iter()
                .chain([Folder {
                    path: root.join(&slug),
                    shown: shown.join(&slug),
                }])
                .collect(),
            changes: Vec::new(),
            stale,
            modes,
        };
        plan.plan_space_files(notebook, existing.is_some())?;
        plan.plan_agenda(notebook)?;
        plan.plan_profile(notebook)?;
        Ok(plan)
    }

    /// The space's own files: each written when missing; `.gitattributes`
    /// and `.gitignore` get their lines added when they lack them.
    fn plan_space_files(&mut self, notebook: &Notebook, adopted: bool) -> Result<()> {
        let manager = notebook.config.manager.as_deref();
        let (slug, name) = (self.person.slug.clone(), self.person.name.clone());
        let profile = Path::new(&slug).join(PROFILE_FILE);
        for file in [
            CONFIG_FILE,
            README_FILE,
            GITATTRIBUTES_FILE,
            GITIGNORE_FILE,
            &*profile.to_string_lossy(),
        ] {
            let rel = Path::new(file);
            let now = if self.space.root.is_dir() {
                self.space.read(rel)?
            } else {
                None
            };
            let after = match file {
                GITATTRIBUTES_FILE => with_lines(now.as_deref(), &[UNION_LINE]),
                GITIGNORE_FILE => with_lines(now.as_deref(), &IGNORED_LINES),
                _ if now.is_some() => None,
                CONFIG_FILE => Some(marker_file(&slug, &name, manager)),
                README_FILE => Some(readme(&slug, &name, manager)),
                // Their name, for commands run in the space.
                _ => Some(crate::person::new_file(&name)),
            };
            match after {
                Some(after) => self.changes.push(Change {
                    path: self.space.path(rel),
                    shown: self.space.show(rel),
                    before: now.map(String::into_bytes),
                    after: after.into_bytes(),
                }),
                None if adopted && file == README_FILE => self.kept.push(rel.to_path_buf()),
                None => {}
            }
        }
        Ok(())
    }

    /// The open points of the private agenda move to the space's.
    fn plan_agenda(&mut self, notebook: &Notebook) -> Result<()> {
        let private_rel = Path::new(&self.person.slug).join(AGENDA_FILE);
        let private = crate::notebook::read_note_optional(notebook, &private_rel)?;
        let points = private
            .as_deref()
            .map(agenda::open_points)
            .unwrap_or_default();
        let shared_rel = self.space.agenda_rel();
        let shared = if self.space.root.is_dir() {
            self.space.read(&shared_rel)?
        } else {
            None
        };
        if let Some(line) = shared.as_deref().and_then(crate::note::conflict_marker) {
            return Err(Error::Invalid {
                path: self.space.show(&shared_rel),
                line: Some(line),
                message:
                    "unresolved git conflict markers; resolve them, then run `oneonone share` again"
                        .into(),
            });
        }
        let items: Vec<String> = points
            .iter()
            .filter_map(|p| private.as_deref()?.get(p.range.clone()).map(str::to_string))
            .collect();
        if shared.is_some() && items.is_empty() {
            return Ok(());
        }
        let base = shared
            .clone()
            .unwrap_or_else(|| agenda::new_file(&self.person.name));
        let after = agenda::append_items(&base, &items);
        self.changes.push(Change {
            path: self.space.path(&shared_rel),
            shown: self.space.show(&shared_rel),
            before: shared.map(String::into_bytes),
            after: after.into_bytes(),
        });
        if let (Some(text), false) = (private, points.is_empty()) {
            self.moved = points.len();
            self.changes.push(Change {
                path: notebook.path(&private_rel),
                shown: notebook.show(&private_rel),
                after: agenda::remove(&text, &points).into_bytes(),
                before: Some(text.into_bytes()),
            });
        }
        Ok(())
    }

    /// `shared:` in person.yaml: the value's bytes, or a line added (or
    /// the file, when there is none).
    fn plan_profile(&mut self, notebook: &Notebook) -> Result<()> {
        let rel = Path::new(&self.person.slug).join(PROFILE_FILE);
        let shown = notebook.show(&rel);
        let before = crate::notebook::read_note_optional(notebook, &rel)?;
        let value = crate::frontmatter::yaml_scalar(&self.recorded);
        let mut text = before
            .clone()
            .unwrap_or_else(|| crate::person::new_file(&self.person.name));
        if !text.is_empty() && !text.ends_with('\n') {
            text.push_str(crate::note::line_ending(&text));
        }
        let len = text.len();
        let after = crate::frontmatter::set_value_in(text, 0..len, "shared", &value);
        // Read back: the new value, and nothing else changed.
        let read = |t: &str| crate::config::parse_yaml_or_default::<Profile>(t, &shown);
        let now = read(&after)?;
        let was = match &before {
            Some(text) => read(text)?,
            None => read(&crate::person::new_file(&self.person.name))?,
        };
        let same_else = Profile {
            shared: None,
            ..now.clone()
        } == Profile {
            shared: None,
            ..was.clone()
        };
        if now.shared.as_deref() != Some(self.recorded.as_str()) || !same_else {
            return Err(Error::Invalid {
                path: shown,
                line: None,
                message: format!(
                    "cannot add `shared: {value}` to it without changing what else it says; \
                     add that line by hand"
                ),
            });
        }
        if before.as_deref() != Some(after.as_str()) {
            self.changes.push(Change {
                path: notebook.path(&rel),
                shown,
                before: before.map(String::into_bytes),
                after: after.into_bytes(),
            });
        }
        Ok(())
    }

    /// True when there is nothing to write: the folder is already the
    /// person's space, with its files, recorded in person.yaml.
    #[must_use]
    pub fn is_done(&self) -> bool {
        self.changes.is_empty() && self.space.root.join(&self.person.slug).is_dir()
    }

    /// Writes the plan as one transaction under the notebook's `lock`.
    ///
    /// # Errors
    /// A folder cannot be made (the space's parent folder must exist), or
    /// a write failed; what was written is undone.
    pub fn commit(&self, lock: &Lock) -> Result<()> {
        let profile = Path::new(&self.person.slug).join(PROFILE_FILE);
        let mut tx = Transaction::with_modes(self.modes)
            .staged(lock)
            .labelled(format!(
                "share {} {}",
                self.person.slug,
                crate::output::shell_quoted(&self.recorded)
            ))
            .cannot_be_undone(self.space.why_no_undo_then(&format!(
                "to stop sharing, delete the `shared:` line of {}; the space stays as it is",
                crate::notebook::slash_path(&profile)
            )));
        for folder in &self.folders {
            tx.push_folder(folder.clone());
        }
        for change in &self.changes {
            tx.push(change.clone());
        }
        for removal in &self.stale {
            tx.push_removal(removal.clone());
        }
        tx.commit()
    }
}

/// The files an earlier space of the person left in the notebook's
/// publish state (`.oneonone/shared/<slug>/`): each to remove, so that a
/// new space gets every note.
///
/// # Errors
/// One of them cannot be read.
fn stale_bases(notebook: &Notebook, slug: &str) -> Result<Vec<crate::fs::Removal>> {
    let folder = Path::new(crate::fs::STATE_DIR).join(STATE_DIR).join(slug);
    let Ok(entries) = std::fs::read_dir(notebook.path(&folder)) else {
        return Ok(Vec::new());
    };
    let mut stale = Vec::new();
    for entry in entries.flatten() {
        if !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        let rel = folder.join(entry.file_name());
        let before = crate::fs::read_beneath(notebook.root(), &rel, None)
            .map_err(|e| Error::io(notebook.show(&rel), "cannot read", e))?;
        stale.push(crate::fs::Removal {
            path: notebook.path(&rel),
            shown: notebook.show(&rel),
            before,
        });
    }
    Ok(stale)
}

/// The `shared:` value for a folder: from the home folder as `~/...`,
/// else absolute.
fn recorded_path(root: &Path, home: Option<&Path>) -> String {
    let shown = crate::settings::tilde(root, home);
    shown.to_string_lossy().into_owned()
}

/// `text` (or an empty file) with each line added that it lacks; `None`
/// when it has them all.
fn with_lines(text: Option<&str>, lines: &[&str]) -> Option<String> {
    let now = text.unwrap_or_default();
    let missing: Vec<&&str> = lines
        .iter()
        .filter(|l| !now.lines().any(|have| have.trim() == **l))
        .collect();
    if missing.is_empty() && text.is_some() {
        return None;
    }
    let eol = crate::note::line_ending(now);
    let mut out = now.to_string();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push_str(eol);
    }
    for line in missing {
        out.push_str(line);
        out.push_str(eol);
    }
    Some(out)
}

/// The space's `oneonone.yaml`.
fn marker_file(slug: &str, name: &str, manager: Option<&str>) -> String {
    use crate::frontmatter::yaml_scalar;
    let mut text = format!(
        "# The shared 1:1 space of {name}: talking points both sides add to\n\
         # ({slug}/agenda.md) and the shared copies of the 1:1 notes ({slug}/).\n\
         # oneonone commands run in this folder work on it (see README.md).\n\
         shared:\n  person: {}\n  name: {}\n",
        yaml_scalar(slug),
        yaml_scalar(name)
    );
    if let Some(manager) = manager {
        text.push_str("  manager: ");
        text.push_str(&yaml_scalar(manager));
        text.push('\n');
    }
    text
}

/// The space's README, addressed to the report.
fn readme(slug: &str, name: &str, manager: Option<&str>) -> String {
    let manager = manager.unwrap_or("your manager");
    format!(
        "# 1:1 space: {name} and {manager}\n\
         \n\
         Hi {name}! This folder holds what we share about our 1:1s, and nothing\n\
         else of {manager}'s notes:\n\
         \n\
         - `{slug}/agenda.md`: talking points for the next 1:1. Either of us adds\n\
         \x20 to it, any time; when the 1:1 starts, the open points go into its note\n\
         \x20 and are marked `[>]` here.\n\
         - `{slug}/YYYY-MM-DD.md`: the notes of each 1:1, as {manager} shares them\n\
         \x20 after the meeting. Tick a follow-up there when it is done. Words or\n\
         \x20 follow-ups you add there stay yours: {manager} sees them, and they are\n\
         \x20 never overwritten.\n\
         \n\
         ## Add a talking point\n\
         \n\
         Add a line at the end of `{slug}/agenda.md`, in any editor or on the git\n\
         host's web page:\n\
         \n\
         \x20   - [ ] What you would like to talk about\n\
         \n\
         or, with oneonone installed (ask your manager for it), in this folder:\n\
         \n\
         \x20   oneonone agenda \"What you would like to talk about\"\n\
         \x20   oneonone agenda                  # the open points\n\
         \n\
         ## Tick a follow-up\n\
         \n\
         In the note, turn its `[ ]` into `[x]`; or:\n\
         \n\
         \x20   oneonone followups               # every open one, with its file:line\n\
         \x20   oneonone done {slug}/2026-11-24.md:12\n\
         \n\
         ## Sync\n\
         \n\
         \x20   oneonone sync\n\
         \n\
         commits your changes, pulls {manager}'s and pushes yours (it runs git). By\n\
         hand it is:\n\
         \n\
         \x20   git add --all && git commit -m \"1:1 notes\" && git pull --rebase && git push\n\
         \n\
         or edit and commit the files on the git host's web page.\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_values_resolve_from_home_absolute_or_the_notebook() {
        let home = Some(Path::new("/home/sam"));
        let nb = Path::new("/home/sam/notes");
        assert_eq!(
            resolve(nb, "~/spaces/alice", home),
            PathBuf::from("/home/sam/spaces/alice")
        );
        assert_eq!(resolve(nb, "/srv/alice", home), PathBuf::from("/srv/alice"));
        assert_eq!(
            resolve(nb, "../alice-space", home),
            PathBuf::from("/home/sam/alice-space")
        );
    }

    #[test]
    fn lines_are_added_once() {
        assert_eq!(with_lines(None, &["a"]).as_deref(), Some("a\n"));
        assert_eq!(with_lines(Some("x"), &["a"]).as_deref(), Some("x\na\n"));
        assert_eq!(with_lines(Some("a\r\n"), &["a"]), None);
    }

    #[test]
    fn a_block_gets_its_values_by_their_bytes_and_a_missing_key_below() {
        let values = [("person", "bob".to_string()), ("name", "Bob".to_string())];
        assert_eq!(
            set_in_block(
                "# mine\nshared:\n  # who\n  person: 'alice'  # her\n  manager: Sam\n  name: Alice\nother: 1\nname: x\n",
                "shared",
                &values
            )
            .as_deref(),
            Some("# mine\nshared:\n  # who\n  person: bob  # her\n  manager: Sam\n  name: Bob\nother: 1\nname: x\n")
        );
        assert_eq!(
            set_in_block("shared:\r\n    person: alice", "shared", &values).as_deref(),
            Some("shared:\r\n    person: bob\r\n    name: Bob\r\n")
        );
        assert_eq!(
            set_in_block("shared: {person: a}\n", "shared", &values),
            None
        );
        assert_eq!(set_in_block("person: a\n", "shared", &values), None);
    }

    #[test]
    fn the_readme_holds_no_task_item() {
        let text = readme("alice", "Alice", Some("Sam"));
        let note = crate::note::Note::split(&text);
        assert!(crate::task::tasks(&note).is_empty(), "{text}");
        let marker: Config = crate::config::parse_yaml_or_default(
            &marker_file("alice", "Alice", Some("Sam")),
            Path::new("x"),
        )
        .unwrap();
        assert_eq!(
            marker.shared,
            Some(SharedSpace {
                person: "alice".into(),
                name: Some("Alice".into()),
                manager: Some("Sam".into()),
            })
        );
    }
}
