//! The notebook: a folder with one sub-folder per person and one dated
//! markdown file per meeting (`alice-smith/2026-11-24.md`, a second meeting
//! that day `2026-11-24-2.md`). This module finds the folder, names paths
//! the way the user can use them, walks the notes, and reads them: one by
//! one, or a person's all at once ([`PersonNotes`]) for a command that
//! uses them several ways.

use std::path::{Component, Path, PathBuf};

use chrono::NaiveDate;
use walkdir::WalkDir;

use crate::config::{CONFIG_FILE, Config, UserConfig};
use crate::error::{Error, Result};
use crate::note::parse_date_prefix;
use crate::settings::{DirSource, Settings};

/// The folder, inside a notebook, holding its own bank files.
pub const BANK_DIR: &str = "question-bank";

/// What a command says while another oneonone holds the notebook's lock.
pub const WAITING_FOR_LOCK: &str =
    "waiting for another oneonone command to finish with this notebook...";

/// A person's profile file in their folder (see [`crate::person`]).
pub const PROFILE_FILE: &str = "person.yaml";

/// How many of a person's latest notes count as "recent": questions asked
/// in them are not suggested again, and their tags are the recurring ones.
pub const RECENT_NOTES: usize = 6;

/// An open notebook.
#[derive(Debug, Clone)]
pub struct Notebook {
    /// The folder, as a path this process can open.
    root: PathBuf,
    /// The folder as shown to the user: relative to the current directory
    /// where it can be, empty for the current directory itself.
    shown: PathBuf,
    /// The folder as messages name it ([`notebook_name`]), never `.`.
    name: PathBuf,
    /// The current directory relative to the folder, when it is inside it
    /// (empty at the top): paths are then shown relative to it, as rg and
    /// fd do, `alice/x.md` as `x.md` from inside `alice/`.
    here: Option<PathBuf>,
    /// The folder was made, or holds no marker yet ([`Notebook::tell_if_new`]).
    is_new: bool,
    /// Where its `.oneonone/` is (the lock, temp files, the undo journal):
    /// the folder itself, except for a shared space, whose state is kept
    /// outside it ([`Notebook::lock`]); `None` then when no state folder
    /// is known.
    state: Option<PathBuf>,
    /// Its settings.
    pub config: Config,
}

/// A markdown file found in the notebook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteFile {
    /// Path relative to the notebook root.
    pub rel: PathBuf,
}

/// What a walk of the notebook finds ([`Notebook::top_entries`]).
#[derive(Debug)]
pub enum Walked {
    /// A note.
    Note(NoteFile),
    /// A folder at the top (its notebook-relative path), not gone into.
    Folder(PathBuf),
    /// What cannot be listed or read, at its notebook-relative path.
    Said(PathBuf, Error),
}

impl Walked {
    /// Its notebook-relative path.
    #[must_use]
    pub fn rel(&self) -> &Path {
        match self {
            Walked::Note(file) => &file.rel,
            Walked::Folder(rel) | Walked::Said(rel, _) => rel,
        }
    }
}

/// One meeting note of a person, from its file name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Meeting {
    /// The date in the file name.
    pub date: NaiveDate,
    /// 1 for `DATE.md`, N for `DATE-N.md`.
    pub number: u32,
    /// Path relative to the notebook root.
    pub rel: PathBuf,
}

impl Notebook {
    /// Finds the notebook folder: `--dir`, else `$ONEONONE_DIR`, else the
    /// nearest folder at or above the current one holding oneonone.yaml or
    /// `.oneonone/`, else the `notebook:` of the user's own config file;
    /// else there is none, and that is an error. With `create`, a missing
    /// folder that was named (not found) is made, private to the owner;
    /// without, it is an error.
    ///
    /// # Errors
    /// No notebook is named or found, the folder is missing (without
    /// `create`), cannot be made, or its oneonone.yaml, or the user's
    /// config file, is broken.
    pub fn open(settings: &Settings, create: bool) -> Result<Self> {
        let Located {
            root,
            shown,
            named_by,
        } = locate(settings)?;
        let name = notebook_name(settings, &root, &shown);
        let here = settings
            .cwd
            .strip_prefix(lexical_clean(&root))
            .ok()
            .map(Path::to_path_buf);
        if root.exists() && !root.is_dir() {
            return Err(Error::Invalid {
                path: name,
                line: None,
                message: "is not a folder; the notebook is a folder of notes".into(),
            });
        }
        let is_new = if root.is_dir() {
            // A folder named without a marker becomes a notebook with the
            // first note written there.
            named_by.is_some() && !is_marked(&root)
        } else if create && named_by.is_some() {
            crate::fs::create_dir_private(&root)
                .map_err(|e| Error::io(&name, "cannot create the notebook folder", e))?;
            true
        } else {
            return Err(Error::NoNotebook {
                path: name,
                // Found, then gone: only a folder removed meanwhile.
                named_by: named_by.unwrap_or_else(|| "found".into()),
            });
        };
        let config = Config::load(&root, &shown)?;
        let state = if config.shared.is_some() {
            settings
                .state_home
                .as_ref()
                .map(|home| space_state(home, &root))
        } else {
            Some(root.clone())
        };
        Ok(Notebook {
            root,
            shown,
            name,
            here,
            is_new,
            state,
            config,
        })
    }

    /// Opens the notebook a command writes a person's file to, making its
    /// folder if it was named and is missing; but first, when there is
    /// no notebook yet, checks that `person` can be a person's folder
    /// ([`crate::slug::slugify`]), so a name refused leaves no folder
    /// behind.
    ///
    /// # Errors
    /// The name is refused, or as [`Notebook::open`].
    pub fn open_for(settings: &Settings, person: &str) -> Result<Self> {
        if Notebook::open(settings, false).is_err() {
            crate::slug::slugify(person.trim_end_matches('/'))?;
        }
        Notebook::open(settings, true)
    }

    /// Says on standard error that the folder is becoming a notebook: this
    /// open made it, or it was named but holds no oneonone.yaml or
    /// `.oneonone/` yet, so the first note written there makes it one. A
    /// typo in `--dir` shows.
    pub fn tell_if_new(&self, out: &mut crate::output::Output) {
        if self.is_new {
            out.notice(format_args!("new notebook: {}", self.name.display()));
        }
    }

    /// The permissions for new notes and folders, per oneonone.yaml.
    #[must_use]
    pub fn modes(&self) -> crate::fs::Modes {
        if self.config.private_files.unwrap_or(true) {
            crate::fs::Modes::PRIVATE
        } else {
            crate::fs::Modes::SHARED
        }
    }

    /// The folder, as a path this process can open.
    #[must_use]
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The prefix that shows notebook paths to the user (empty for the
    /// current directory).
    #[must_use]
    pub fn shown(&self) -> &Path {
        &self.shown
    }

    /// The folder as messages name it: as the user typed it when that was
    /// a relative path below the current folder (`--dir book`), else its
    /// absolute path with the home folder as `~` (never `.`).
    #[must_use]
    pub fn shown_root(&self) -> PathBuf {
        self.name.clone()
    }

    /// A notebook-relative path as the user can use it from the current
    /// directory: relative to it, with `..` only for what is really outside
    /// it (`x.md` from inside `alice/` for `alice/x.md`, `../bob/y.md` for
    /// `bob/y.md`).
    #[must_use]
    pub fn show(&self, rel: &Path) -> PathBuf {
        match &self.here {
            Some(here) if !here.as_os_str().is_empty() => relative_from(here, rel),
            Some(_) => rel.to_path_buf(),
            None => self.shown.join(rel),
        }
    }

    /// A notebook-relative path as this process can open it.
    #[must_use]
    pub fn path(&self, rel: &Path) -> PathBuf {
        self.root.join(rel)
    }

    /// Every `*.md` file in the notebook, sorted by path. Hidden files and
    /// folders, the notebook's own question bank and symbolic links are
    /// skipped. Folders that cannot be read are reported to `warn` and the
    /// walk goes on.
    pub fn markdown_files(&self, warn: &mut dyn FnMut(Error)) -> Vec<NoteFile> {
        self.markdown_files_under(Path::new(""), warn)
    }

    /// Like [`Notebook::markdown_files`], below one notebook-relative folder.
    pub fn markdown_files_under(&self, under: &Path, warn: &mut dyn FnMut(Error)) -> Vec<NoteFile> {
        let mut files = Vec::new();
        self.walk(under, &mut |walked| match walked {
            Walked::Note(file) => files.push(file),
            Walked::Said(_, e) => warn(e),
            Walked::Folder(_) => {}
        });
        files
    }

    /// What is at the notebook's top, as [`Notebook::markdown_files`]
    /// walks it, without going into its folders: each folder (not a
    /// link), each note, and what the walk says of the rest, in the
    /// walk's order (by name).
    pub fn top_entries(&self) -> Vec<Walked> {
        // Listed, not walked: a walk opens every folder it meets, even
        // one it is not to go into.
        let entries = match std::fs::read_dir(&self.root) {
            Ok(entries) => entries,
            Err(e) => {
                let said = Error::io(self.shown_root(), "cannot read", e);
                return vec![Walked::Said(PathBuf::new(), said)];
            }
        };
        let mut found: Vec<Walked> = Vec::new();
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    let said = Error::io(self.shown_root(), "cannot read", e);
                    found.push(Walked::Said(PathBuf::new(), said));
                    continue;
                }
            };
            let name = entry.file_name();
            let path = entry.path();
            let Ok(kind) = entry
                .file_type()
                .or_else(|_| std::fs::symlink_metadata(&path).map(|m| m.file_type()))
            else {
                continue;
            };
            if is_skipped(&name, 1, kind.is_dir() || kind.is_symlink()) {
                continue;
            }
            found.extend(self.classify(&path, Path::new(&name), kind, true));
        }
        found.sort_by(|a, b| walk_order(a.rel(), b.rel()));
        found
    }

    /// Walks the notebook below `under`, handing `each` what it finds, by
    /// path (a folder's entries by name).
    fn walk(&self, under: &Path, each: &mut dyn FnMut(Walked)) {
        let start = self.root.join(under);
        if !under.as_os_str().is_empty() && !start.is_dir() {
            return;
        }
        let depth_offset = under.components().count();
        // Unsorted: what it finds is sorted once at the end, by paths as
        // bytes, not every folder's entries by names parsed out of their
        // paths at each comparison.
        let walk = WalkDir::new(&start)
            .follow_links(false)
            .into_iter()
            .filter_entry(move |e| {
                e.depth() == 0
                    || !is_skipped(
                        e.file_name(),
                        e.depth() + depth_offset,
                        // A linked bank folder is the bank's to report.
                        e.file_type().is_dir() || e.path_is_symlink(),
                    )
            });
        let mut found: Vec<Walked> = walk.filter_map(|e| self.walked(e)).collect();
        // Stable: a folder that cannot be read is said where it is listed.
        found.sort_by(|a, b| walk_order(a.rel(), b.rel()));
        for walked in found {
            each(walked);
        }
    }

    /// What an entry of a walk is to the notebook, if anything.
    fn walked(&self, entry: walkdir::Result<walkdir::DirEntry>) -> Option<Walked> {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let rel = e
                    .path()
                    .and_then(|p| p.strip_prefix(&self.root).ok())
                    .map(Path::to_path_buf);
                let shown = rel
                    .as_deref()
                    .map_or_else(|| self.shown_root(), |r| self.show(r));
                let source = e
                    .into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("file system loop"));
                return Some(Walked::Said(
                    rel.unwrap_or_default(),
                    Error::io(shown, "cannot read", source),
                ));
            }
        };
        let rel = entry.path().strip_prefix(&self.root).ok()?;
        self.classify(entry.path(), rel, entry.file_type(), false)
    }

    /// What the entry at `path` (`rel` in the notebook), of the kind
    /// `kind`, is to the notebook, if anything; with `top`, a folder is
    /// found as one, not gone into.
    fn classify(
        &self,
        path: &Path,
        rel: &Path,
        kind: std::fs::FileType,
        top: bool,
    ) -> Option<Walked> {
        let is_md = rel
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("md"));
        if kind.is_symlink() && (is_md || path.is_dir()) {
            let message = "symbolic link not followed; what it points to is not read";
            let said = Error::Invalid {
                path: self.show(rel),
                line: None,
                message: message.into(),
            };
            Some(Walked::Said(rel.to_path_buf(), said))
        } else if top && kind.is_dir() {
            Some(Walked::Folder(rel.to_path_buf()))
        } else if is_md && !kind.is_file() && !kind.is_dir() {
            // A pipe would hang a reader, a device never end.
            let not_regular =
                std::io::Error::new(std::io::ErrorKind::InvalidInput, crate::fs::NOT_REGULAR);
            let said = Error::io(self.show(rel), "cannot read", not_regular);
            Some(Walked::Said(rel.to_path_buf(), said))
        } else if kind.is_file() && is_md {
            if rel.to_str().is_none() {
                let message = "the file name is not valid UTF-8; rename it to have it read";
                let said = Error::Invalid {
                    path: self.show(rel),
                    line: None,
                    message: message.into(),
                };
                return Some(Walked::Said(rel.to_path_buf(), said));
            }
            Some(Walked::Note(NoteFile {
                rel: rel.to_path_buf(),
            }))
        } else {
            None
        }
    }

    /// The person folders whose names are not slugs already
    /// ([`is_folded_name`]), from the list kept in `.oneonone/folders`
    /// while it is of the notebook folder as it is now (see
    /// [`Notebook::person_slugs`]); `None` without such a list. With it,
    /// whether a typed name folded is a person folder's is one look at
    /// the folder, not a reading of every name (at 3,000 people, a fifth
    /// of an `open`).
    #[must_use]
    pub fn person_slugs_named_otherwise(&self) -> Option<Vec<String>> {
        if !self.keeps_cache() {
            return None;
        }
        person_folders_named_otherwise(&self.root)
    }

    /// Whether `name` is one of [`Notebook::person_slugs`], by one look at
    /// the folder it names: a folder (not a link), not hidden, not the
    /// question bank.
    #[must_use]
    pub fn is_person_folder(&self, name: &str) -> bool {
        !name.contains('/')
            && !is_skipped(std::ffi::OsStr::new(name), 1, true)
            && crate::fs::is_real_dir(&self.root.join(name))
    }

    /// The names of the person folders, sorted.
    ///
    /// # Errors
    /// The notebook folder cannot be read.
    pub fn person_slugs(&self) -> Result<Vec<String>> {
        self.person_folders_kept()
            .map_err(|e| Error::io(self.shown_root(), "cannot read the folder", e))
    }

    /// The person folders, as [`person_folders`] lists them, from the list
    /// kept in `.oneonone/folders` while the notebook's folder keeps the
    /// times and inode it had when that list was made (any folder added,
    /// removed or renamed in it moves them): a notebook of thousands of
    /// people is not listed again by every command about one of them. The
    /// list is signed as the cache is ([`crate::fs::signed`]), kept only
    /// where the cache is, and made only from a folder that changed more
    /// than two seconds before (a later change within the same tick of
    /// the clock would not move its times).
    fn person_folders_kept(&self) -> std::io::Result<Vec<String>> {
        person_folders_kept(&self.root, self.keeps_cache())
    }

    /// Whether oneonone may keep what it read here (`cache`, not off in
    /// the settings; never in a shared space, which holds nothing of
    /// oneonone's own).
    fn keeps_cache(&self) -> bool {
        self.config.cache.unwrap_or(true) && self.config.shared.is_none()
    }

    /// The notebook-relative path of a file inside the notebook, or `None`
    /// for anything outside it, hidden, not a regular file, or reached
    /// through a symbolic link inside the notebook (the folders above the
    /// notebook may be links: the user named them).
    #[must_use]
    pub fn relative(&self, path: &Path) -> Option<PathBuf> {
        let root = self.root.canonicalize().ok()?;
        let name = path.file_name()?;
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let file = folder.canonicalize().ok()?.join(name);
        let rel = file.strip_prefix(&root).ok()?;
        // The path as typed must end with the path found: `alice/x.md`
        // where `alice` links to `bob` resolves to `bob/x.md`, which is not
        // what was named.
        let typed: Vec<&std::ffi::OsStr> = lexical(path).into_iter().rev().collect();
        let found: Vec<&std::ffi::OsStr> = rel.iter().rev().collect();
        if typed.len() < found.len() || typed[..found.len()] != found[..] {
            return None;
        }
        let hidden = rel
            .components()
            .any(|c| c.as_os_str().as_encoded_bytes().starts_with(b"."));
        let regular = std::fs::symlink_metadata(&file).is_ok_and(|m| m.is_file());
        // The folders are canonical, so only the file itself could be a
        // link, and `regular` is false for one.
        (regular && !hidden).then(|| rel.to_path_buf())
    }

    /// The notebook-relative path of the file a user typed: read from the
    /// current folder `cwd` first, then, for a relative path, from the
    /// notebook folder (as `followups --json` prints paths), so both work
    /// from anywhere; `None` when neither reading is a file `accept`s
    /// (see [`Notebook::relative`]).
    ///
    /// # Errors
    /// The two readings are two different files `accept`s: which one is
    /// meant cannot be guessed.
    pub fn relative_typed(
        &self,
        cwd: &Path,
        typed: &str,
        accept: &dyn Fn(&Path) -> bool,
    ) -> Result<Option<PathBuf>> {
        let here = self.relative(&cwd.join(typed)).filter(|rel| accept(rel));
        if Path::new(typed).is_absolute() {
            return Ok(here);
        }
        let inside = self
            .relative(&self.root.join(typed))
            .filter(|rel| accept(rel));
        match (here, inside) {
            (Some(a), Some(b)) if a != b => Err(Error::Usage(format!(
                "{typed}: names two notes, {} from here and {} from the notebook folder; \
                 type the path of the one you mean as seen from here",
                crate::output::Shown(&self.show(&a)),
                crate::output::Shown(&self.show(&b))
            ))),
            (here, inside) => Ok(here.or(inside)),
        }
    }

    /// Takes the notebook's lock for a read-modify-write, calling `waiting`
    /// once first if another oneonone holds it (commands say so with
    /// [`WAITING_FOR_LOCK`]).
    ///
    /// # Errors
    /// The lock file cannot be created or locked.
    pub fn lock(&self, waiting: &mut dyn FnMut()) -> Result<crate::fs::Lock> {
        let lock = self.lock_unswept(waiting)?;
        let swept = self.sweep()();
        Ok(lock.swept(swept))
    }

    /// The lock, nothing swept yet.
    fn lock_unswept(&self, waiting: &mut dyn FnMut()) -> Result<crate::fs::Lock> {
        Ok(match &self.state {
            Some(state) if *state == self.root => {
                crate::fs::Lock::acquire(&self.root, &self.shown, waiting)?
            }
            // A shared space: nothing of oneonone's own goes in it (a synced
            // drive copies whatever is there), and no undo journal is kept
            // (what is shared cannot be taken back).
            Some(state) => {
                crate::fs::create_dir_private(state)
                    .map_err(|e| Error::io(state, "cannot create the folder", e))?;
                crate::fs::Lock::acquire(state, state, waiting)?.unjournaled()
            }
            None => {
                return Err(Error::Invalid {
                    path: self.name.clone(),
                    line: None,
                    message: "a shared space keeps its lock outside the folder, in \
                              ~/.local/state/oneonone, and no home folder is known; set HOME"
                        .into(),
                });
            }
        })
    }

    /// [`Notebook::lock`], the temp files a killed command left swept on
    /// a thread of their own while the command reads (at 3,000 people the
    /// sweep is a third of a `new`). It is done before anything is
    /// written under the lock ([`crate::fs::Transaction::staged`]) and
    /// before the lock is let go. Only for a command that neither lists
    /// temp files nor runs git while it holds the lock (`check` and
    /// `sync` would see what the sweep is removing).
    ///
    /// # Errors
    /// As [`Notebook::lock`].
    pub fn lock_sweeping(&self, waiting: &mut dyn FnMut()) -> Result<crate::fs::Lock> {
        let lock = self.lock_unswept(waiting)?;
        let sweep = self.sweep();
        if let Ok(sweeping) = std::thread::Builder::new().spawn(sweep) {
            return Ok(lock.sweeping(sweeping));
        }
        // No thread to be had: swept now, as `lock` does.
        let swept = self.sweep()();
        Ok(lock.swept(swept))
    }

    /// The sweep of the temp files a killed command left beside the notes:
    /// they may hold a whole note, Private section included, and git does
    /// not ignore them there, so the next command that writes removes
    /// them, at the top of the notebook and in each person folder.
    fn sweep(&self) -> impl FnOnce() -> Option<crate::fs::Swept> + Send + 'static {
        let root = self.root.clone();
        // The notebook's own state folder keeps when they were last swept.
        let stamp = (self.state.as_ref() == Some(&self.root)).then(|| {
            self.root
                .join(crate::fs::STATE_DIR)
                .join(crate::fs::SWEPT_FILE)
        });
        let cache = self.keeps_cache();
        move || {
            let folders = || person_folders_kept(&root, cache).unwrap_or_default();
            crate::fs::remove_stale_temps_in(&root, folders, stamp.as_deref())
        }
    }

    /// True for a notebook-relative path a walk lists: a `.md` file, not
    /// hidden, not in the question bank.
    #[must_use]
    pub fn is_note_path(rel: &Path) -> bool {
        let is_md = rel
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("md"));
        let parts = rel.components().count();
        let skipped = rel
            .components()
            .enumerate()
            .any(|(i, c)| is_skipped(c.as_os_str(), i + 1, i + 1 < parts));
        is_md && !skipped
    }

    /// Refuses to write into a person folder that is a symbolic link:
    /// oneonone never follows links, so notes written there would never be
    /// listed.
    ///
    /// # Errors
    /// The folder is a symbolic link.
    pub fn refuse_link(&self, folder: &str) -> Result<()> {
        if crate::fs::is_link(&self.root.join(folder)) {
            return Err(Error::Invalid {
                path: self.show(Path::new(folder)),
                line: None,
                message: "is a symbolic link; oneonone does not follow links, so notes there would never be listed".into(),
            });
        }
        Ok(())
    }

    /// The symbolic links among the files and folders oneonone reads
    /// besides notes (which the walk reports): `oneonone.yaml`, the
    /// question bank and its files, `.oneonone` and what it holds, and each
    /// person folder's `person.yaml`. Notebook-relative, sorted.
    #[must_use]
    pub fn links(&self) -> Vec<PathBuf> {
        let is_link = |rel: &Path| crate::fs::is_link(&self.root.join(rel));
        let mut candidates: Vec<PathBuf> = vec![
            PathBuf::from(CONFIG_FILE),
            PathBuf::from(BANK_DIR),
            PathBuf::from(crate::fs::STATE_DIR),
        ];
        for folder in [BANK_DIR, crate::fs::STATE_DIR] {
            if !is_link(Path::new(folder))
                && let Ok(entries) = std::fs::read_dir(self.root.join(folder))
            {
                candidates.extend(
                    entries
                        .flatten()
                        .map(|e| Path::new(folder).join(e.file_name())),
                );
            }
        }
        for slug in self.person_slugs().unwrap_or_default() {
            candidates.push(Path::new(&slug).join(PROFILE_FILE));
        }
        let mut links: Vec<PathBuf> = candidates.into_iter().filter(|rel| is_link(rel)).collect();
        links.sort();
        links
    }

    /// What in the notebook's `.oneonone` folder is not what oneonone
    /// made, so that a writing command would refuse to run: the folder
    /// itself, its lock or its temp folder of the wrong kind (a pipe, a
    /// file where a folder goes). Links are [`Notebook::links`]'s.
    #[must_use]
    pub fn odd_state(&self) -> Vec<(PathBuf, &'static str)> {
        let state = Path::new(crate::fs::STATE_DIR);
        let expected = [
            (state.to_path_buf(), true),
            (state.join("lock"), false),
            (state.join(crate::fs::TMP_DIR), true),
        ];
        expected
            .into_iter()
            .filter_map(|(rel, folder)| {
                let meta = std::fs::symlink_metadata(self.root.join(&rel)).ok()?;
                let fits = if folder {
                    meta.is_dir()
                } else {
                    meta.is_file()
                };
                (!fits && !meta.file_type().is_symlink()).then_some((
                    rel,
                    if folder {
                        "is not a folder; oneonone keeps its lock and temp files in a folder here"
                    } else {
                        "is not a regular file (a pipe or a device?); oneonone's lock must be one"
                    },
                ))
            })
            .collect()
    }

    /// Temp files a killed oneonone left behind (they may hold a copy of a
    /// note, private section included): in `.oneonone/tmp/` and beside the
    /// notes, untouched for [`crate::fs::STALE_AFTER`]. Notebook-relative,
    /// sorted. The next command that writes removes them.
    #[must_use]
    pub fn leftover_temps(&self) -> Vec<PathBuf> {
        let mut folders = vec![
            PathBuf::new(),
            PathBuf::from(crate::fs::STATE_DIR),
            Path::new(crate::fs::STATE_DIR).join(crate::fs::TMP_DIR),
            Path::new(crate::fs::STATE_DIR).join(crate::fs::CACHE_DIR),
        ];
        folders.extend(
            self.person_slugs()
                .unwrap_or_default()
                .into_iter()
                .map(PathBuf::from),
        );
        let mut found: Vec<PathBuf> = folders
            .iter()
            .flat_map(|folder| {
                crate::fs::stale_temps(&self.root.join(folder), crate::fs::STALE_AFTER)
                    .into_iter()
                    .filter_map(|p| p.file_name().map(|n| folder.join(n)))
            })
            .collect();
        found.sort();
        found
    }

    /// The person's note of that date (the last of the day), or with no
    /// date their current one (see [`current`]).
    #[must_use]
    pub fn meeting(
        &self,
        slug: &str,
        date: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Option<Meeting> {
        let meetings = self.meetings(slug);
        match date {
            Some(date) => meetings.into_iter().rev().find(|m| m.date == date),
            None => current(meetings, today),
        }
    }

    /// The meeting notes in a person's folder, oldest first.
    #[must_use]
    pub fn meetings(&self, slug: &str) -> Vec<Meeting> {
        let folder = self.root.join(slug);
        // A linked person folder is never followed.
        if crate::fs::is_link(&folder) {
            return Vec::new();
        }
        let Ok(entries) = std::fs::read_dir(&folder) else {
            return Vec::new();
        };
        let mut meetings: Vec<Meeting> = entries
            .flatten()
            // Links are never followed (a linked note is not listed either).
            .filter(|entry| entry.file_type().is_ok_and(|t| t.is_file()))
            .filter_map(|entry| {
                let name = entry.file_name();
                let (date, number) = parse_meeting_name(name.to_str()?)?;
                Some(Meeting {
                    date,
                    number,
                    rel: Path::new(slug).join(&name),
                })
            })
            .collect();
        meetings.sort();
        meetings
    }
}

/// The meeting notes among `files` (a walk's list), by person folder,
/// each folder's as [`Notebook::meetings`] lists them: the regular files
/// directly in it named as meeting notes, in order.
#[must_use]
pub fn meetings_in(files: &[NoteFile]) -> std::collections::HashMap<String, Vec<Meeting>> {
    let mut by_folder: std::collections::HashMap<String, Vec<Meeting>> =
        std::collections::HashMap::new();
    for file in files {
        let mut parts = file.rel.iter();
        let (Some(folder), Some(name), None) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        let (Some(folder), Some(name)) = (folder.to_str(), name.to_str()) else {
            continue;
        };
        if let Some((date, number)) = parse_meeting_name(name) {
            by_folder
                .entry(folder.to_string())
                .or_default()
                .push(Meeting {
                    date,
                    number,
                    rel: file.rel.clone(),
                });
        }
    }
    for meetings in by_folder.values_mut() {
        meetings.sort();
    }
    by_folder
}

/// The note a command without `--date` means, from a person's notes
/// (oldest first): the latest dated today or before; with none, the next
/// upcoming one. A note prepared for next week is not the last 1:1.
#[must_use]
pub fn current(mut meetings: Vec<Meeting>, today: NaiveDate) -> Option<Meeting> {
    let past = meetings.partition_point(|m| m.date <= today);
    if past > 0 {
        meetings.truncate(past);
        meetings.pop()
    } else {
        meetings.into_iter().next()
    }
}

/// A person's meeting notes, each read once: a command that looks at them
/// several ways (patterns, check-ins, recently asked questions, the last
/// note) takes them all from here instead of reading every file per use.
#[derive(Debug)]
pub struct PersonNotes {
    /// The person folder.
    slug: String,
    /// The notes, oldest first.
    notes: Vec<LoadedNote>,
}

/// One meeting note as [`PersonNotes`] read it.
#[derive(Debug)]
pub struct LoadedNote {
    /// The meeting, from its file name.
    pub meeting: Meeting,
    /// Its text; `None` when it could not be read.
    text: Option<String>,
    /// Why it could not be read, until a use reports it.
    error: Option<Error>,
}

impl PersonNotes {
    /// Reads every meeting note of a person folder, through [`read_note`].
    /// Nothing is reported here: a note that cannot be read keeps its
    /// error for the one use that reports it ([`LoadedNote::reported`]).
    #[must_use]
    pub fn load(notebook: &Notebook, slug: &str) -> Self {
        Self::read(notebook, slug, notebook.meetings(slug))
    }

    /// [`PersonNotes::load`] of the person's `meetings`, already listed;
    /// without `all`, only the latest [`RECENT_NOTES`]: what
    /// [`PersonNotes::recent`] needs.
    #[must_use]
    pub fn of(notebook: &Notebook, slug: &str, mut meetings: Vec<Meeting>, all: bool) -> Self {
        if !all {
            meetings.drain(..meetings.len().saturating_sub(RECENT_NOTES));
        }
        Self::read(notebook, slug, meetings)
    }

    fn read(notebook: &Notebook, slug: &str, meetings: Vec<Meeting>) -> Self {
        // The folder is opened once for all its notes.
        let folder = Path::new(slug);
        let names: Option<Vec<&std::ffi::OsStr>> = meetings
            .iter()
            .map(|m| m.rel.file_name().filter(|_| m.rel.parent() == Some(folder)))
            .collect();
        let mut read: Vec<std::io::Result<Vec<u8>>> = match names {
            Some(names) => crate::fs::read_each_beneath(notebook.root(), folder, &names, None),
            None => meetings
                .iter()
                .map(|m| crate::fs::read_beneath(notebook.root(), &m.rel, None))
                .collect(),
        };
        read.reverse();
        let notes = meetings
            .into_iter()
            .map(|meeting| {
                let file = NoteFile {
                    rel: meeting.rel.clone(),
                };
                let bytes = read
                    .pop()
                    .unwrap_or_else(|| Err(std::io::ErrorKind::NotFound.into()));
                let (text, error) = match note_text(notebook, &file, bytes) {
                    Ok(text) => (Some(text), None),
                    Err(e) => (None, Some(e)),
                };
                LoadedNote {
                    meeting,
                    text,
                    error,
                }
            })
            .collect();
        PersonNotes {
            slug: slug.to_string(),
            notes,
        }
    }

    /// The person folder.
    #[must_use]
    pub fn slug(&self) -> &str {
        &self.slug
    }

    /// The notes, oldest first, unreadable ones included.
    #[must_use]
    pub fn notes(&self) -> &[LoadedNote] {
        &self.notes
    }

    /// The notes, to report the unreadable ones as they are used.
    pub fn notes_mut(&mut self) -> &mut [LoadedNote] {
        &mut self.notes
    }

    /// The latest note dated before `today`: "last time" for a 1:1 held
    /// today, whose note may be written already.
    #[must_use]
    pub fn last_before(&self, today: NaiveDate) -> Option<&LoadedNote> {
        self.notes.iter().rev().find(|n| n.meeting.date < today)
    }

    /// [`PersonNotes::recent`] as it was before the notes dated `day` were
    /// written: what `new` saw when it wrote that day's note.
    #[must_use]
    pub fn recent_without(&self, day: NaiveDate) -> Vec<&str> {
        self.notes
            .iter()
            .rev()
            .filter(|n| n.meeting.date != day)
            .take(RECENT_NOTES)
            .filter_map(LoadedNote::text)
            .collect()
    }

    /// The texts of the latest [`RECENT_NOTES`] notes, newest first
    /// (unreadable ones left out): questions asked in them are not
    /// suggested again, and their tags are the recurring ones.
    #[must_use]
    pub fn recent(&self) -> Vec<&str> {
        self.notes
            .iter()
            .rev()
            .take(RECENT_NOTES)
            .filter_map(LoadedNote::text)
            .collect()
    }
}

impl LoadedNote {
    /// Its text; `None` when it could not be read.
    #[must_use]
    pub fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }

    /// Reports why it could not be read to `warn`, the first time only
    /// (a note is reported once however many uses skip it); then it is
    /// there to read.
    pub fn reported(&mut self, warn: &mut dyn FnMut(Error)) -> &LoadedNote {
        if let Some(e) = self.error.take() {
            warn(e);
        }
        self
    }
}

/// Reads a notebook file that may not exist: `None` when it does not.
///
/// # Errors
/// As [`read_note`], for any other reason.
pub fn read_note_optional(notebook: &Notebook, rel: &Path) -> Result<Option<String>> {
    match read_note(
        notebook,
        &NoteFile {
            rel: rel.to_path_buf(),
        },
    ) {
        Ok(text) => Ok(Some(text)),
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Reads a note as UTF-8 text: never through a link on the way from the
/// notebook folder, only a regular file.
///
/// # Errors
/// The file cannot be read or is not UTF-8; the error names the line.
pub fn read_note(notebook: &Notebook, file: &NoteFile) -> Result<String> {
    let bytes = crate::fs::read_beneath(notebook.root(), &file.rel, None);
    note_text(notebook, file, bytes)
}

/// [`read_note`] for a file the notebook's walk listed, whose folders the
/// walk found not to be links: only the file itself is opened without
/// following a link (one system call, not one per folder).
///
/// # Errors
/// As [`read_note`].
pub fn read_listed_note(notebook: &Notebook, file: &NoteFile) -> Result<String> {
    let bytes = crate::fs::read_regular(&notebook.path(&file.rel), None);
    note_text(notebook, file, bytes)
}

/// Reads listed notes one after another as [`read_listed_note`] does,
/// keeping the folder of the last one open: notes read in order, a
/// person's together, have their folder's path walked once.
#[derive(Debug)]
pub struct NoteReader<'n> {
    notebook: &'n Notebook,
    /// The folder open, with its notebook-relative path.
    folder: Option<(PathBuf, crate::fs::OpenFolder)>,
}

impl<'n> NoteReader<'n> {
    /// A reader of `notebook`'s notes.
    #[must_use]
    pub fn new(notebook: &'n Notebook) -> Self {
        NoteReader {
            notebook,
            folder: None,
        }
    }

    /// The text of a note, as [`read_listed_note`] gives it, read into
    /// `buffer` (emptied first, and reused from note to note) and
    /// borrowed from it.
    ///
    /// # Errors
    /// As [`read_listed_note`].
    pub fn read_into<'b>(&mut self, file: &NoteFile, buffer: &'b mut Vec<u8>) -> Result<&'b str> {
        let read = self.read_bytes(file, buffer);
        let shown = || self.notebook.show(&file.rel);
        read.map_err(|e| Error::io(shown(), "cannot read", e))?;
        std::str::from_utf8(buffer).map_err(|e| not_utf8(shown(), &buffer[..e.valid_up_to()]))
    }

    fn read_bytes(&mut self, file: &NoteFile, bytes: &mut Vec<u8>) -> std::io::Result<()> {
        // The relative path's parts: no path joined for every note.
        let (Some(parent), Some(name)) = (file.rel.parent(), file.rel.file_name()) else {
            *bytes = crate::fs::read_regular(&self.notebook.path(&file.rel), None)?;
            return Ok(());
        };
        let folder = match self.folder.take() {
            Some((at, open)) if at == parent => (at, open),
            _ => (
                parent.to_path_buf(),
                crate::fs::OpenFolder::open(&self.notebook.path(parent)),
            ),
        };
        let read = folder.1.read_into(name, None, bytes);
        self.folder = Some(folder);
        read
    }
}

fn note_text(
    notebook: &Notebook,
    file: &NoteFile,
    bytes: std::io::Result<Vec<u8>>,
) -> Result<String> {
    let shown = notebook.show(&file.rel);
    let bytes = bytes.map_err(|e| Error::io(&shown, "cannot read", e))?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        not_utf8(shown, &e.as_bytes()[..at])
    })
}

/// A note that is not UTF-8 from the end of `valid`, its valid start.
fn not_utf8(shown: PathBuf, valid: &[u8]) -> Error {
    Error::Invalid {
        path: shown,
        line: Some(1 + crate::note::count_newlines(valid)),
        message: "not UTF-8 text; skipped".into(),
    }
}

/// Where the state of the shared space at `root` is kept: a folder of
/// `state_home` named by a hash of the space's path.
fn space_state(state_home: &Path, root: &Path) -> PathBuf {
    let real = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let hash = blake3::hash(real.as_os_str().as_encoded_bytes()).to_hex();
    state_home.join("spaces").join(&hash.as_str()[..16])
}

/// The order of a sorted walk: folder by folder, each folder's entries by
/// name, a folder's contents right after it (`b`, `b/x.md`, `b-c`,
/// `b.md`): the order of the paths' parts, compared as bytes.
#[must_use]
pub fn walk_order(a: &Path, b: &Path) -> std::cmp::Ordering {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let (a, b) = (a.as_os_str().as_bytes(), b.as_os_str().as_bytes());
        // Where they first differ, the end of a part comes before any
        // byte: a `/` ranks lowest.
        let rank = |at: Option<&u8>| at.map(|&c| if c == b'/' { 0 } else { u16::from(c) + 1 });
        let same = a.iter().zip(b).take_while(|(x, y)| x == y).count();
        rank(a.get(same)).cmp(&rank(b.get(same)))
    }
    #[cfg(not(unix))]
    a.cmp(b)
}

/// The first folder of a notebook-relative path, if the file is in one.
#[must_use]
pub fn person_folder(rel: &Path) -> Option<String> {
    let mut parts = rel.components();
    match (parts.next(), parts.next()) {
        (Some(Component::Normal(dir)), Some(_)) => Some(dir.to_string_lossy().into_owned()),
        _ => None,
    }
}

/// A relative path with `/` between its parts, whatever the platform (an
/// absolute one starts with one `/`).
#[must_use]
pub fn slash_path(rel: &Path) -> String {
    // A clean path in UTF-8 is its own `/` form on Unix: no parts to
    // split and join again (the follow-up scan names every note so).
    #[cfg(unix)]
    if let Some(path) = rel.to_str()
        && !path.ends_with('/')
        && !path.contains("//")
        && path.split('/').all(|part| part != ".")
    {
        return path.to_owned();
    }
    rel.components()
        .map(|c| match c {
            // The root is the empty part before the first `/`.
            std::path::Component::RootDir => std::borrow::Cow::Borrowed(""),
            c => c.as_os_str().to_string_lossy(),
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The meeting file name for a date and a number (`2026-11-24.md`,
/// `2026-11-24-2.md`).
#[must_use]
pub fn meeting_name(date: NaiveDate, number: u32) -> String {
    if number <= 1 {
        format!("{date}.md")
    } else {
        format!("{date}-{number}.md")
    }
}

/// Reads a meeting file name back: `DATE.md` or `DATE-N.md`.
#[must_use]
pub fn parse_meeting_name(name: &str) -> Option<(NaiveDate, u32)> {
    let stem = name.strip_suffix(".md")?;
    let date = parse_date_prefix(stem.get(..10)?)?;
    match &stem[10..] {
        "" => Some((date, 1)),
        rest => {
            // Digits only: `u32`'s parser takes a `+` too (`-+2`).
            let digits = rest.strip_prefix('-')?;
            if !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let n: u32 = digits.parse().ok()?;
            (n >= 2 && !rest.starts_with("-0")).then_some((date, n))
        }
    }
}

/// [`Notebook::person_slugs`] of the notebook at `root`, from the list
/// kept where `cache` allows it (see `Notebook::person_folders_kept`).
fn person_folders_kept(root: &Path, cache: bool) -> std::io::Result<Vec<String>> {
    use crate::fs::signed;
    let state = root.join(crate::fs::STATE_DIR);
    let real = crate::fs::is_real_dir(&state);
    if !cache || !real {
        // `cache: false` leaves no list behind, whichever command runs
        // first (never removed through a link).
        if real {
            let _ = std::fs::remove_file(state.join(crate::fs::FOLDERS_FILE));
        }
        return person_folders(root);
    }
    // Before the folder's times are read and it is listed: a change in
    // the same tick as the times read, made after the listing, must not
    // pass for settled however long the listing took.
    let now = crate::followup::cache::now_ns();
    let stamp = folder_stamp(root)?;
    let stamped = stamp_line(stamp);
    if let Some(lists) = kept_folder_lists(&state, &stamped)
        && let Some((_, all)) = split_lists(&lists)
        && let Ok(names) = serde_json::from_slice::<Vec<String>>(all)
    {
        return Ok(names);
    }
    let names = person_folders(root)?;
    let settled = stamp.1.max(stamp.2) < now - crate::followup::cache::RACY_SECONDS * 1_000_000_000;
    let others: Vec<&String> = names.iter().filter(|n| !is_folded_name(n)).collect();
    if settled
        && let Some(key) = signed::read_key(&state).or_else(|| signed::new_key(&state))
        && let Ok(listed) = serde_json::to_vec(&names)
        && let Ok(others) = serde_json::to_vec(&others)
    {
        let body = [stamped.as_bytes(), &others, b"\n", &listed].concat();
        let bytes = signed::signed(&key, FOLDERS_MAGIC, &body);
        // Best effort: without it, the next command lists the folder.
        let _ = crate::fs::write_owned(
            &state.join(crate::fs::FOLDERS_FILE),
            &bytes,
            crate::fs::Modes::PRIVATE,
        );
    }
    Ok(names)
}

/// The person folders of the notebook at `root` whose names are not
/// folded already ([`is_folded_name`]), from `.oneonone/folders` when it
/// is of the notebook folder as it is now; `None` without it.
fn person_folders_named_otherwise(root: &Path) -> Option<Vec<String>> {
    let state = root.join(crate::fs::STATE_DIR);
    if !crate::fs::is_real_dir(&state) {
        return None;
    }
    let stamped = stamp_line(folder_stamp(root).ok()?);
    let lists = kept_folder_lists(&state, &stamped)?;
    serde_json::from_slice(split_lists(&lists)?.0).ok()
}

/// The first line of the kept list's body: the notebook folder's
/// [`folder_stamp`].
fn stamp_line(stamp: (u64, i128, i128)) -> String {
    format!("{} {} {}\n", stamp.0, stamp.1, stamp.2)
}

/// The two lists of `.oneonone/folders` in `state` (the names not folded
/// already, a line, then all names), when it is signed and of the folder
/// stamped `stamped`.
fn kept_folder_lists(state: &Path, stamped: &str) -> Option<Vec<u8>> {
    use crate::fs::signed;
    let path = state.join(crate::fs::FOLDERS_FILE);
    let bytes = crate::fs::read_regular(&path, Some(1 << 26)).ok()?;
    // The stamp first, in the clear: a list of another time is not
    // checked or read further.
    let of_now = bytes
        .iter()
        .position(|&b| b == b'\n')
        .is_some_and(|end| bytes[end + 1..].starts_with(stamped.as_bytes()));
    if !of_now {
        return None;
    }
    let key = signed::read_key(state)?;
    let body = signed::verified(&key, FOLDERS_MAGIC, &bytes)?.len();
    // The lists, in the bytes read (no copy of 3,000 names).
    let mut lists = bytes;
    lists.drain(..lists.len() - body + stamped.len());
    Some(lists)
}

/// The kept lists' two JSON lines.
fn split_lists(lists: &[u8]) -> Option<(&[u8], &[u8])> {
    let end = memchr::memchr(b'\n', lists)?;
    Some((&lists[..end], &lists[end + 1..]))
}

/// True for a name folded as a slug already: words of lowercase ASCII
/// letters and digits, each joined to the next by one `-`. Such a name is
/// its own slug ([`crate::person::key`]), so a person folder so named is
/// found by looking for it.
#[must_use]
pub fn is_folded_name(name: &str) -> bool {
    name.split('-').all(|w| {
        !w.is_empty()
            && w.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    })
}

/// The first line of `.oneonone/folders`, before its checksum; then the
/// [`folder_stamp`] of the notebook's folder when it was listed (a line
/// of three numbers), then its person folders not named as slugs (a JSON
/// list, on a line), then all of them (a JSON list).
const FOLDERS_MAGIC: &[u8] = b"oneonone-folders-2 ";

/// The inode, modification and change times (in nanoseconds) of a folder.
fn folder_stamp(path: &Path) -> std::io::Result<(u64, i128, i128)> {
    let meta = std::fs::metadata(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let ns = |s: i64, n: i64| i128::from(s) * 1_000_000_000 + i128::from(n);
        Ok((
            meta.ino(),
            ns(meta.mtime(), meta.mtime_nsec()),
            ns(meta.ctime(), meta.ctime_nsec()),
        ))
    }
    #[cfg(not(unix))]
    {
        // No change time to trust: never the same, never kept.
        let _ = meta;
        Ok((0, i128::MAX, i128::MAX))
    }
}

/// The names of the person folders of the notebook at `root`, sorted
/// ([`Notebook::person_slugs`]).
fn person_folders(root: &Path) -> std::io::Result<Vec<String>> {
    let mut slugs = Vec::new();
    for entry in std::fs::read_dir(root)?.flatten() {
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        let name = entry.file_name();
        if is_dir
            && !is_skipped(&name, 1, true)
            && let Some(name) = name.to_str()
        {
            slugs.push(name.to_string());
        }
    }
    slugs.sort();
    Ok(slugs)
}

/// True for what a walk of the notebook never enters or lists: hidden
/// entries and, at the top, the question bank.
fn is_skipped(name: &std::ffi::OsStr, depth: usize, is_dir: bool) -> bool {
    name.as_encoded_bytes().starts_with(b".") || (depth == 1 && is_dir && name == BANK_DIR)
}

/// Where the notebook is: the path to open, the path to show, and who
/// named it (`None` when it was found by looking upward).
#[derive(Debug)]
struct Located {
    root: PathBuf,
    shown: PathBuf,
    named_by: Option<String>,
}

/// Finds the notebook: `--dir`, `$ONEONONE_DIR`, the nearest marked folder
/// at or above the current one, the user config's `notebook:`, in that
/// order.
///
/// Discovery looks upward for a folder holding `oneonone.yaml` or the
/// `.oneonone` folder (neither a link), and stops at a folder that belongs
/// to someone else or that others may write to (as git does with
/// `safe.directory`): a notebook planted above the user's folders, say in
/// a world-writable `/tmp/shared/`, would otherwise capture the notes
/// written below it. Finding such a notebook is an error naming it.
///
/// The user's config file is read only when nothing else names or marks a
/// notebook, so a broken one stops no command run in a notebook.
fn locate(settings: &Settings) -> Result<Located> {
    let (given, named_by) = match &settings.dir {
        DirSource::Flag(p) => (p.clone(), "named by --dir".to_string()),
        DirSource::Env(p) => (p.clone(), "named by ONEONONE_DIR".to_string()),
        DirSource::Discover => {
            for (up, dir) in settings.cwd.ancestors().enumerate() {
                if let Some((root, shown)) = notebook_at(dir, up)? {
                    return Ok(Located {
                        root,
                        shown,
                        named_by: None,
                    });
                }
                if untrusted(dir).is_some() {
                    break;
                }
            }
            let config = settings.user_config.as_deref();
            let shown_config = config.map(|c| settings.tilde(c));
            let folder = match (config, &shown_config) {
                (Some(path), Some(shown)) => {
                    UserConfig::load(path, shown)?.notebook_path(settings.home.as_deref())
                }
                _ => None,
            };
            let Some(folder) = folder else {
                return Err(Error::NoNotebookFound {
                    searched_from: settings.tilde(&settings.cwd),
                    config: shown_config,
                });
            };
            let named_by = format!(
                "named by `notebook:` in {}",
                shown_config.unwrap_or_default().display()
            );
            (folder, named_by)
        }
    };
    let root = settings.cwd.join(&given);
    // An absolute path inside the current folder is shown relative to it.
    let shown = match root.strip_prefix(&settings.cwd) {
        Ok(rel) if given.is_absolute() => rel.to_path_buf(),
        _ if given == Path::new(".") => PathBuf::new(),
        _ => given,
    };
    Ok(Located {
        root,
        shown,
        named_by: Some(named_by),
    })
}

/// How messages name the notebook folder: the path shown, when it is one
/// the user typed below the current folder (`book`); else the folder's
/// absolute path with the home folder as `~` (the current folder or one
/// above it is never shown as `.` or `../..`, an absolute one not with the
/// home spelled out).
fn notebook_name(settings: &Settings, root: &Path, shown: &Path) -> PathBuf {
    let only_up = shown
        .components()
        .all(|c| matches!(c, Component::ParentDir | Component::CurDir));
    if shown.is_relative() && !only_up {
        return shown.to_path_buf();
    }
    // Taken apart as written: the name is for reading, not for opening.
    settings.tilde(&lexical_clean(root))
}

/// `path` with its `.` and `..` parts taken apart as written (`a/./b/..`
/// is `a`), to compare with the current directory.
fn lexical_clean(path: &Path) -> PathBuf {
    let mut clean = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                clean.pop();
            }
            other => clean.push(other),
        }
    }
    clean
}

/// The notebook-relative `rel` seen from the notebook-relative folder
/// `here`: the parts they share dropped, a `..` for each part of `here`
/// left; `.` for `here` itself.
fn relative_from(here: &Path, rel: &Path) -> PathBuf {
    let here: Vec<Component> = here.components().collect();
    let rel: Vec<Component> = rel.components().collect();
    let shared = here.iter().zip(&rel).take_while(|(a, b)| a == b).count();
    let mut shown: PathBuf =
        std::iter::repeat_n(Component::ParentDir, here.len() - shared).collect();
    shown.extend(&rel[shared..]);
    if shown.as_os_str().is_empty() {
        shown.push(".");
    }
    shown
}

/// True when `dir` holds oneonone.yaml or `.oneonone` in any form.
fn is_marked(dir: &Path) -> bool {
    [CONFIG_FILE, crate::fs::STATE_DIR]
        .iter()
        .any(|name| std::fs::symlink_metadata(dir.join(name)).is_ok())
}

/// The notebook whose marker is in `dir`, `up` levels above the current
/// folder, as (path to open, path to show); `None` when `dir` holds no
/// marker.
///
/// # Errors
/// A marker is a link (it marks nothing, and passing it by would quietly
/// make a folder below it a second notebook), or the folder or the marker
/// belongs to another user or may be written by others.
fn notebook_at(dir: &Path, up: usize) -> Result<Option<(PathBuf, PathBuf)>> {
    let above: PathBuf = std::iter::repeat_n(Component::ParentDir, up).collect();
    for name in [CONFIG_FILE, crate::fs::STATE_DIR] {
        let path = dir.join(name);
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        let kind_ok = if name == CONFIG_FILE {
            meta.is_file()
        } else {
            meta.is_dir()
        };
        let why = if meta.file_type().is_symlink() {
            // A link planted in a folder others may write to is theirs:
            // pass it by, as the folder itself is.
            if untrusted(dir).is_some() {
                return Ok(None);
            }
            "is a symbolic link, and oneonone never follows links, so it marks no notebook; \
             put the file or folder itself there"
                .to_string()
        } else if !kind_ok {
            continue;
        } else if let Some(why) = untrusted(dir).or_else(|| untrusted(&path)) {
            format!(
                "not used as the notebook: {why}; name the notebook with --dir or ONEONONE_DIR to use it anyway"
            )
        } else {
            // oneonone.yaml marks a notebook; so does the `.oneonone`
            // folder the first `new` made.
            return Ok(Some((dir.to_path_buf(), above)));
        };
        return Err(Error::Invalid {
            path: above.join(name),
            line: None,
            message: why,
        });
    }
    Ok(None)
}

/// Why a file or folder cannot be trusted to be the user's: it belongs to
/// someone else, or others may write to it.
fn untrusted(path: &Path) -> Option<&'static str> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let me = rustix::process::geteuid().as_raw();
        let m = std::fs::symlink_metadata(path).ok()?;
        if m.uid() != me {
            Some("it belongs to another user")
        } else if m.mode() & 0o002 != 0 {
            Some("others may write to it")
        } else {
            None
        }
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// The names of a path's folders and file, with `.` and `..` taken away
/// as written (not as links would resolve them).
fn lexical(path: &Path) -> Vec<&std::ffi::OsStr> {
    let mut names = Vec::new();
    for c in path.components() {
        match c {
            Component::Normal(name) => names.push(name),
            Component::ParentDir => {
                names.pop();
            }
            _ => {}
        }
    }
    names
}

/// A notebook in a temp folder holding `files` (for unit tests).
#[cfg(test)]
pub(crate) fn test_notebook(files: &[(&str, &str)]) -> (tempfile::TempDir, Notebook) {
    use crate::settings::{DirSource, Settings};
    let dir = tempfile::tempdir().unwrap();
    for (rel, text) in files {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let settings = Settings::for_tests(dir.path(), DirSource::Flag(dir.path().to_path_buf()));
    let notebook = Notebook::open(&settings, false).unwrap();
    (dir, notebook)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_walk_gives_each_folder_s_meetings_as_listing_it_does() {
        let dir = tempfile::tempdir().unwrap();
        for rel in [
            "alice/2026-01-05.md",
            "alice/2026-01-05-2.md",
            "alice/2025-12-01.md",
            "alice/agenda.md",
            "alice/2026-01-06.MD",
            "alice/2026-13-01.md",
            "alice/notes/2026-01-07.md",
            "alice/.2026-01-08.md",
            "bob/2026-02-01.md",
            "2026-03-01.md",
            "question-bank/2026-01-01.md",
            ".hidden/2026-01-01.md",
        ] {
            let path = dir.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x\n").unwrap();
        }
        std::fs::create_dir_all(dir.path().join("carol/2026-01-09.md")).unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(
                dir.path().join("bob/2026-02-01.md"),
                dir.path().join("bob/2026-02-02.md"),
            )
            .unwrap();
            std::os::unix::fs::symlink(dir.path().join("bob"), dir.path().join("dave")).unwrap();
        }
        let settings = crate::settings::Settings::for_tests(
            dir.path(),
            crate::settings::DirSource::Flag(dir.path().to_path_buf()),
        );
        let notebook = Notebook::open(&settings, false).unwrap();
        let walked = meetings_in(&notebook.markdown_files(&mut |_| {}));
        let slugs = notebook.person_slugs().unwrap();
        assert_eq!(slugs, ["alice", "bob", "carol"]);
        for slug in &slugs {
            assert_eq!(
                walked.get(slug).cloned().unwrap_or_default(),
                notebook.meetings(slug),
                "{slug}"
            );
        }
        let alice: Vec<String> = walked["alice"].iter().map(|m| slash_path(&m.rel)).collect();
        assert_eq!(
            alice,
            [
                "alice/2025-12-01.md",
                "alice/2026-01-05.md",
                "alice/2026-01-05-2.md"
            ]
        );
    }

    #[test]
    fn walk_order_is_the_order_of_the_parts() {
        // Parts of bytes around `/` (`-` and `.` sort before it, `é`'s
        // bytes after everything ASCII): every pair, both ways.
        let parts = ["b", "b-c", "b.md", "bc", "b c", "é", "a", "ba"];
        let mut paths = Vec::new();
        for first in parts {
            paths.push(PathBuf::from(first));
            for second in parts {
                paths.push(Path::new(first).join(second));
                paths.push(Path::new(first).join(second).join(first));
            }
        }
        for a in &paths {
            for b in &paths {
                assert_eq!(
                    walk_order(a, b),
                    a.cmp(b),
                    "{} {}",
                    a.display(),
                    b.display()
                );
            }
        }
        let mut sorted = vec![
            Path::new("b.md"),
            Path::new("b/x.md"),
            Path::new("b-c/y.md"),
            Path::new("b"),
        ];
        sorted.sort_by(|a, b| walk_order(a, b));
        assert_eq!(
            sorted,
            [
                Path::new("b"),
                Path::new("b/x.md"),
                Path::new("b-c/y.md"),
                Path::new("b.md")
            ]
        );
    }

    #[test]
    fn person_folder_and_slash_path() {
        assert_eq!(
            person_folder(Path::new("alice/2026-11-24.md")).as_deref(),
            Some("alice")
        );
        assert_eq!(
            person_folder(Path::new("alice/old/x.md")).as_deref(),
            Some("alice")
        );
        assert_eq!(person_folder(Path::new("ideas.md")), None);
        assert_eq!(
            slash_path(&Path::new("alice").join("old").join("x.md")),
            "alice/old/x.md"
        );
    }

    /// The shortcut for a clean path gives what the parts joined give,
    /// and paths that are not clean still go through their parts.
    #[test]
    fn slash_path_of_clean_and_unclean_paths() {
        for (path, slashed) in [
            ("alice/2026-11-24.md", "alice/2026-11-24.md"),
            ("ideas.md", "ideas.md"),
            ("", ""),
            ("/abs/x.md", "/abs/x.md"),
            ("../bob/y.md", "../bob/y.md"),
            ("a/../b.md", "a/../b.md"),
            ("./a/b.md", "./a/b.md"),
            ("a/./b.md", "a/b.md"),
            ("a//b.md", "a/b.md"),
            ("a/b/", "a/b"),
            ("a/b/.", "a/b"),
            ("a/.b.md", "a/.b.md"),
            ("a/b..md", "a/b..md"),
        ] {
            assert_eq!(slash_path(Path::new(path)), slashed, "{path:?}");
        }
    }

    #[test]
    fn person_notes_are_read_once_and_an_unreadable_one_reported_once() {
        let dir = tempfile::tempdir().unwrap();
        let notebook = Notebook {
            root: dir.path().to_path_buf(),
            shown: PathBuf::new(),
            name: dir.path().to_path_buf(),
            here: None,
            is_new: false,
            state: Some(dir.path().to_path_buf()),
            config: Config::default(),
        };
        std::fs::create_dir(dir.path().join("bob")).unwrap();
        for day in 1..=8 {
            let text: &[u8] = if day == 7 { b"\xff" } else { b"a note" };
            std::fs::write(dir.path().join(format!("bob/2026-11-0{day}.md")), text).unwrap();
        }
        std::fs::write(dir.path().join("bob/agenda.md"), "- a point\n").unwrap();

        let mut notes = PersonNotes::load(&notebook, "bob");
        assert_eq!(notes.slug(), "bob");
        assert_eq!(notes.notes().len(), 8);
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        let before = |today: u32| notes.last_before(day(today)).map(|n| n.meeting.date);
        assert_eq!(before(30), Some(day(8)));
        // Neither today's note nor one dated after today.
        assert_eq!(before(5), Some(day(4)));
        assert_eq!(before(1), None);
        // What `new` saw before today's note: the others, newest first.
        assert_eq!(notes.recent_without(day(8)).len(), 5);
        assert_eq!(notes.recent_without(day(1)).len(), 5);
        let meetings = || notebook.meetings("bob");
        assert_eq!(current(meetings(), day(4)).map(|m| m.date), Some(day(4)));
        // With none held yet, the next one.
        let before = NaiveDate::from_ymd_opt(2026, 10, 30).unwrap();
        assert_eq!(current(meetings(), before).map(|m| m.date), Some(day(1)));
        // The latest six, newest first, the unreadable one left out.
        assert_eq!(notes.recent().len(), 5);
        let mut warned = Vec::new();
        for _ in 0..2 {
            for note in notes.notes_mut() {
                let _ = note.reported(&mut |e| warned.push(e.to_string()));
            }
        }
        assert_eq!(warned, ["bob/2026-11-07.md:1: not UTF-8 text; skipped"]);

        let recent = PersonNotes::of(&notebook, "bob", notebook.meetings("bob"), false);
        assert_eq!(recent.notes().len(), RECENT_NOTES);
        assert_eq!(recent.notes()[0].meeting.date.to_string(), "2026-11-03");
        assert_eq!(recent.recent(), notes.recent());
    }

    #[test]
    fn meeting_names_round_trip() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        assert_eq!(meeting_name(d, 1), "2026-11-24.md");
        assert_eq!(meeting_name(d, 3), "2026-11-24-3.md");
        assert_eq!(parse_meeting_name("2026-11-24.md"), Some((d, 1)));
        assert_eq!(parse_meeting_name("2026-11-24-12.md"), Some((d, 12)));
        for bad in [
            "2026-11-24-1.md",
            "2026-11-24-02.md",
            "2026-11-24-+2.md",
            "2026-11-24- 2.md",
            "2026-11-24-2x.md",
            "2026-11-24x.md",
            "agenda.md",
            "2026-11-24.txt",
        ] {
            assert_eq!(parse_meeting_name(bad), None, "{bad}");
        }
    }
}
