//! Safe writes. A new file appears whole or not at all and never replaces
//! one that is there: it is written to a hidden temp file in the same folder,
//! synced, then moved into place with a no-clobber rename. An edit of an
//! existing file is written the same way and renamed over it, keeping its
//! permissions, after checking that the file still holds exactly the bytes
//! the edit was computed from. Edits that belong together go through a
//! [`Transaction`], which undoes the ones made when a later one fails.
//! Read-modify-write commands hold the notebook's [`Lock`].
//!
//! Files and folders oneonone creates are readable by their owner only
//! (0600 / 0700 on Unix): notes about people are private by default.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The permissions of files and folders oneonone creates (Unix only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Modes {
    /// For files.
    pub file: u32,
    /// For folders.
    pub dir: u32,
}

impl Modes {
    /// Readable by the owner only: the default, notes are about people.
    pub const PRIVATE: Modes = Modes {
        file: 0o600,
        dir: 0o700,
    };
    /// Readable by everyone on the machine (`private_files: false`).
    pub const SHARED: Modes = Modes {
        file: 0o644,
        dir: 0o755,
    };
}

/// Creates `path` with `contents`, atomically, private to the owner,
/// failing with [`io::ErrorKind::AlreadyExists`] if anything is there.
///
/// # Errors
/// Whatever the file system says; on error nothing is left behind.
pub fn write_new(path: &Path, contents: &[u8]) -> io::Result<()> {
    write_new_with(path, contents, Modes::PRIVATE)
}

/// [`write_new`] with the given permissions.
///
/// # Errors
/// Whatever the file system says; on error nothing is left behind.
pub fn write_new_with(path: &Path, contents: &[u8], modes: Modes) -> io::Result<()> {
    let dir = parent(path);
    let mut builder = tempfile::Builder::new();
    builder.prefix(".oneonone-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(modes.file));
    }
    #[cfg(not(unix))]
    let _ = modes;
    let mut tmp = builder.tempfile_in(dir)?;
    // The file itself, not the wrapper, so errors do not name the temp file.
    tmp.as_file_mut().write_all(contents)?;
    tmp.as_file().sync_all()?;
    tmp.persist_noclobber(path).map_err(|e| e.error)?;
    sync_dir(dir);
    Ok(())
}

/// Replaces the contents of the existing file `path` with `after`, if it
/// still holds exactly `before`. The file keeps its permissions; a symbolic
/// link is followed and its target edited, never replaced by a file.
///
/// # Errors
/// The file changed since `before` was read ([`io::ErrorKind::Other`] with
/// a message saying so), or the file system refused.
pub fn replace(path: &Path, before: &[u8], after: &[u8]) -> io::Result<()> {
    let target = if std::fs::symlink_metadata(path)?.file_type().is_symlink() {
        std::fs::canonicalize(path)?
    } else {
        path.to_path_buf()
    };
    let permissions = std::fs::metadata(&target)?.permissions();
    let dir = parent(&target);
    let mut tmp = tempfile::Builder::new()
        .prefix(".oneonone-")
        .suffix(".tmp")
        .permissions(permissions)
        .tempfile_in(dir)?;
    // The file itself, not the wrapper, so errors do not name the temp file.
    tmp.as_file_mut().write_all(after)?;
    tmp.as_file().sync_all()?;
    // Last look before the rename: an editor may have saved meanwhile.
    if std::fs::read(&target)? != before {
        return Err(io::Error::other(CHANGED));
    }
    tmp.persist(&target).map_err(|e| e.error)?;
    sync_dir(dir);
    Ok(())
}

/// The message of the error [`replace`] gives for a file edited meanwhile.
pub const CHANGED: &str =
    "the file changed while oneonone was editing it; nothing was written, run the command again";

/// One file a [`Transaction`] writes.
#[derive(Debug, Clone)]
pub struct Change {
    /// The path to open.
    pub path: PathBuf,
    /// The path as shown to the user.
    pub shown: PathBuf,
    /// What the file holds now; `None` for a file to create.
    pub before: Option<Vec<u8>>,
    /// What it must hold.
    pub after: Vec<u8>,
}

/// Writes that must all happen or none: created files first, then edits in
/// order. When one fails, the edits already made are put back (each only if
/// the file still holds what oneonone wrote) and created files are removed.
#[derive(Debug)]
pub struct Transaction {
    changes: Vec<Change>,
    modes: Modes,
}

impl Default for Transaction {
    fn default() -> Self {
        Transaction {
            changes: Vec::new(),
            modes: Modes::PRIVATE,
        }
    }
}

impl Transaction {
    /// An empty transaction; files it creates are private.
    #[must_use]
    pub fn new() -> Self {
        Transaction::default()
    }

    /// An empty transaction whose new files get these permissions.
    #[must_use]
    pub fn with_modes(modes: Modes) -> Self {
        Transaction {
            changes: Vec::new(),
            modes,
        }
    }

    /// Adds a change.
    pub fn push(&mut self, change: Change) {
        self.changes.push(change);
    }

    /// True when there is nothing to write.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// Writes every change.
    ///
    /// # Errors
    /// A write failed; every change already made has been undone, as far
    /// as the file system allowed (a failed undo is named in the error).
    pub fn commit(mut self) -> Result<()> {
        self.changes.sort_by_key(|c| c.before.is_some());
        for (done, change) in self.changes.iter().enumerate() {
            let written = match &change.before {
                None => write_new_with(&change.path, &change.after, self.modes),
                Some(before) => replace(&change.path, before, &change.after),
            };
            if let Err(e) = written {
                let undo_failures = undo(&self.changes[..done]);
                let action = if change.before.is_some() {
                    "cannot write"
                } else {
                    "cannot create"
                };
                let mut error = Error::io(&change.shown, action, e);
                if !undo_failures.is_empty() {
                    error = Error::Undo {
                        cause: Box::new(error),
                        paths: undo_failures,
                    };
                }
                return Err(error);
            }
        }
        Ok(())
    }
}

/// Undoes changes, newest first; returns the files it could not restore.
fn undo(changes: &[Change]) -> Vec<PathBuf> {
    let mut failed = Vec::new();
    for change in changes.iter().rev() {
        let undone = match &change.before {
            None => std::fs::read(&change.path).and_then(|now| {
                if now == change.after {
                    std::fs::remove_file(&change.path)
                } else {
                    Err(io::Error::other(CHANGED))
                }
            }),
            Some(before) => replace(&change.path, &change.after, before),
        };
        if undone.is_err() {
            failed.push(change.shown.clone());
        }
    }
    failed
}

/// An exclusive lock on the notebook, held while a command reads, changes
/// and writes notes, so that two oneonone processes never interleave their
/// edits. It is an advisory lock on `.oneonone/lock` in the notebook (the
/// folder ignores itself in git); it is released when dropped, or when the
/// process ends however it ends.
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

/// The notebook's private folder, for the lock.
pub const STATE_DIR: &str = ".oneonone";

impl Lock {
    /// Takes the notebook's lock, calling `waiting` once first if another
    /// process holds it (then it waits for it).
    ///
    /// # Errors
    /// The lock file cannot be created or locked.
    pub fn acquire(root: &Path, shown_root: &Path, waiting: &mut dyn FnMut()) -> Result<Lock> {
        let dir = root.join(STATE_DIR);
        let shown = shown_root.join(STATE_DIR);
        ensure_state_dir(&dir).map_err(|e| Error::io(&shown, "cannot create the folder", e))?;
        let path = dir.join("lock");
        let mut options = std::fs::OpenOptions::new();
        options.create(true).truncate(false).write(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let file = options
            .open(&path)
            .map_err(|e| Error::io(shown.join("lock"), "cannot open", e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                waiting();
                file.lock()
                    .map_err(|e| Error::io(shown.join("lock"), "cannot lock", e))?;
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(Error::io(shown.join("lock"), "cannot lock", e));
            }
        }
        Ok(Lock { _file: file })
    }
}

/// Makes the notebook's private `.oneonone` folder, which keeps itself out
/// of the notebook's git history.
///
/// # Errors
/// The folder or its `.gitignore` cannot be written.
pub fn ensure_state_dir(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    create_dir_private(dir)?;
    match write_new(&dir.join(".gitignore"), b"*\n") {
        Err(e) if e.kind() != io::ErrorKind::AlreadyExists => Err(e),
        _ => Ok(()),
    }
}

/// Creates a folder and its missing parents, private to the owner.
///
/// # Errors
/// Whatever the file system says.
pub fn create_dir_private(path: &Path) -> io::Result<()> {
    create_dir_with(path, Modes::PRIVATE)
}

/// Creates a folder and its missing parents with the given permissions.
///
/// # Errors
/// Whatever the file system says.
pub fn create_dir_with(path: &Path, modes: Modes) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(modes.dir);
    }
    #[cfg(not(unix))]
    let _ = modes;
    builder.create(path)
}

/// The folder a file is in ("." for a bare name).
fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Makes a rename durable. Best effort: not every platform can open a folder.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_new_never_overwrites_and_leaves_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("note.md");
        write_new(&path, b"first").unwrap();
        let err = write_new(&path, b"second").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).unwrap(), b"first");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["note.md"]);
    }

    #[test]
    fn replace_edits_in_place_only_if_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("n.md");
        std::fs::write(&path, b"one").unwrap();
        replace(&path, b"one", b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let err = replace(&path, b"one", b"three").unwrap_err();
        assert_eq!(err.to_string(), CHANGED);
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
    }

    #[cfg(unix)]
    #[test]
    fn replace_keeps_permissions_and_follows_links() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target.md");
        std::fs::write(&target, b"old").unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        replace(&link, b"old", b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
        assert_eq!(
            std::fs::metadata(&target).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }

    #[test]
    fn a_failed_transaction_puts_everything_back() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.md");
        let b = dir.path().join("b.md");
        std::fs::write(&a, b"a-before").unwrap();
        std::fs::write(&b, b"b-before").unwrap();
        let change = |path: &Path, before: Option<&[u8]>, after: &[u8]| Change {
            path: path.to_path_buf(),
            shown: path.to_path_buf(),
            before: before.map(<[u8]>::to_vec),
            after: after.to_vec(),
        };
        let mut tx = Transaction::new();
        tx.push(change(&a, Some(b"a-before"), b"a-after"));
        // b's expected contents are stale, so this edit fails.
        tx.push(change(&b, Some(b"stale"), b"b-after"));
        tx.push(change(&dir.path().join("new.md"), None, b"new"));
        let err = tx.commit().unwrap_err();
        assert!(err.to_string().contains("b.md: cannot write"), "{err}");
        assert_eq!(std::fs::read(&a).unwrap(), b"a-before");
        assert_eq!(std::fs::read(&b).unwrap(), b"b-before");
        assert!(!dir.path().join("new.md").exists());
    }

    #[test]
    fn lock_is_exclusive_and_ignored_by_git() {
        let dir = tempfile::tempdir().unwrap();
        let lock = Lock::acquire(dir.path(), Path::new(""), &mut || {}).unwrap();
        let file = File::open(dir.path().join(".oneonone/lock")).unwrap();
        assert!(file.try_lock().is_err(), "a second lock must wait");
        drop(lock);
        assert!(file.try_lock().is_ok());
        assert_eq!(
            std::fs::read(dir.path().join(".oneonone/.gitignore")).unwrap(),
            b"*\n"
        );
    }

    #[cfg(unix)]
    #[test]
    fn new_files_and_folders_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("a/b");
        create_dir_private(&sub).unwrap();
        write_new(&sub.join("n.md"), b"x").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&sub), 0o700);
        assert_eq!(mode(&sub.join("n.md")), 0o600);
    }
}
