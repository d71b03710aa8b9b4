//! Safe reads and writes.
//!
//! Reading: nothing is read through a symbolic link, and only regular files
//! are read ([`read_regular`], [`read_beneath`]): a link planted in a
//! notebook (git stores links) could otherwise point at another person's
//! notes, at a file outside the notebook, or at `/dev/zero`; a pipe would
//! hang the command. Settings files are read up to a size cap.
//!
//! Writing: a new file appears whole or not at all and never replaces one
//! that is there: it is written to a temp file in the notebook's ignored
//! `.oneonone/tmp/` folder (or beside the file), synced, then moved into
//! place with a no-clobber rename. An edit of an existing file
//! ([`replace`]) is written the same way and swapped with it, keeping its
//! exact permissions and owner, after checking that the file still holds
//! exactly the bytes the edit was computed from; after the swap the old
//! file is checked once more, so that an editor saving in place at that
//! very moment gets its version back instead of losing it (where
//! `renameat2` cannot exchange, an editor that renames over the note in
//! the microseconds before oneonone's rename loses that save: a known
//! limit, in the README). A link is never
//! written through, and a file its owner made read-only is not edited.
//! A file oneonone owns entirely (the follow-up cache, its key) is written
//! the same way and renamed over the old one ([`write_owned`]).
//! Edits that belong together go through a [`Transaction`], which undoes
//! the ones made when a later one fails; it also moves files and folders
//! (never over anything, [`rename_noreplace`]) and removes files whose
//! words went elsewhere, for `rename`. Read-modify-write commands hold
//! the notebook's [`Lock`]; temp files a killed process left behind are
//! removed by the next one that takes it. A transaction committed under
//! the lock records what it did in the undo [`journal`], for `oneonone
//! undo`.
//!
//! Files and folders oneonone creates are readable by their owner only
//! (0600 / 0700 on Unix): notes about people are private by default.

use std::fs::File;
use std::io::{self, Read, Seek, Write};
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::error::{Error, Result};

pub mod journal;
pub mod signed;

/// The most a settings or question-bank file may hold (1 MiB).
pub const SETTINGS_CAP: u64 = 1 << 20;

/// What an error says about a symbolic link oneonone did not follow.
pub const LINK_REFUSED: &str = "is a symbolic link, and oneonone never follows links";

/// What an error says about a pipe, a device or a socket.
pub const NOT_REGULAR: &str =
    "is not a regular file (a pipe or a device?); oneonone reads only regular files";

/// What an error says about a file whose owner made it read-only.
pub const READ_ONLY: &str =
    "is read-only; oneonone edits only files you can write (chmod u+w to allow it)";

/// The temp files oneonone writes start and end so.
pub const TEMP_PREFIX: &str = ".oneonone-";
/// See [`TEMP_PREFIX`].
pub const TEMP_SUFFIX: &str = ".tmp";

/// The notebook's private folder, for the lock, the cache and temp files.
pub const STATE_DIR: &str = ".oneonone";

/// The folder in [`STATE_DIR`] that holds temp files while they are
/// written.
pub const TMP_DIR: &str = "tmp";

/// The folder of the follow-up cache's files in the notebook's state
/// folder (`crate::followup::cache`).
pub const CACHE_DIR: &str = "cache";

/// The file in the notebook's state folder that keeps the list of its
/// person folders (`crate::notebook::Notebook::person_slugs`).
pub const FOLDERS_FILE: &str = "folders";

/// How old a temp file beside the notes must be before it counts as left
/// behind by a killed process (one in `.oneonone/tmp/` counts at once:
/// only the lock holder writes there).
pub const STALE_AFTER: Duration = Duration::from_secs(60);

fn link_refused() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, LINK_REFUSED)
}

fn not_regular() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, NOT_REGULAR)
}

fn too_large(cap: u64) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!(
            "is larger than {} KiB, more than a settings file ever needs; not read",
            cap / 1024
        ),
    )
}

/// True when `path` itself is a symbolic link (not followed).
#[must_use]
pub fn is_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// Whether `path` is a folder, not a link to one.
#[must_use]
pub fn is_real_dir(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir())
}

/// Opens an existing file for reading: never through a symbolic link at
/// its last component, and only a regular file (a pipe is opened without
/// waiting, then refused).
///
/// # Errors
/// The file is missing, a link, not a regular file, or cannot be opened.
pub fn open_regular(path: &Path) -> io::Result<File> {
    open_regular_sized(path).map(|(file, _)| file)
}

/// [`open_regular`], and the file's size as its one `fstat` found it.
fn open_regular_sized(path: &Path) -> io::Result<(File, u64)> {
    #[cfg(unix)]
    {
        use rustix::fs::{CWD, OFlags};
        let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
        let fd = rustix::fs::openat(CWD, path, flags, rustix::fs::Mode::empty())
            .map_err(|e| explain_open(io::Error::from(e), path))?;
        regular_sized(File::from(fd))
    }
    #[cfg(not(unix))]
    {
        if std::fs::symlink_metadata(path)?.file_type().is_symlink() {
            return Err(link_refused());
        }
        regular_sized(File::open(path)?)
    }
}

/// A link opened with `O_NOFOLLOW` fails with `ELOOP` (or `ENOTDIR` for a
/// folder); say what it was.
#[cfg(unix)]
fn explain_open(e: io::Error, path: &Path) -> io::Error {
    let is_link = || is_link(path);
    match e.raw_os_error() {
        Some(code)
            if (code == rustix::io::Errno::LOOP.raw_os_error()
                || code == rustix::io::Errno::NOTDIR.raw_os_error())
                && is_link() =>
        {
            link_refused()
        }
        _ => e,
    }
}

fn regular(file: File) -> io::Result<File> {
    regular_sized(file).map(|(file, _)| file)
}

/// [`regular`], and the file's size.
fn regular_sized(file: File) -> io::Result<(File, u64)> {
    let meta = file.metadata()?;
    if meta.is_file() {
        Ok((file, meta.len()))
    } else {
        Err(not_regular())
    }
}

/// Reads a regular file whole, never through a link; with a `cap`, a file
/// larger than it is refused.
///
/// # Errors
/// As [`open_regular`], a read error, or a file over the cap.
pub fn read_regular(path: &Path, cap: Option<u64>) -> io::Result<Vec<u8>> {
    let (file, len) = open_regular_sized(path)?;
    read_sized(&file, len, cap)
}

fn read_open(file: &File, cap: Option<u64>) -> io::Result<Vec<u8>> {
    let len = file.metadata()?.len();
    read_sized(file, len, cap)
}

/// Reads an open file whose size was `len` when it was checked.
fn read_sized(file: &File, len: u64, cap: Option<u64>) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    read_sized_into(file, len, cap, &mut bytes)?;
    Ok(bytes)
}

/// [`read_sized`] into `bytes`, emptied first (a scan reading note after
/// note reuses one buffer). Always to the file's end, however long it grew
/// since its size was taken: a size that says less than the file holds (a
/// file system that reports it late) never cuts a note short.
fn read_sized_into(file: &File, len: u64, cap: Option<u64>, bytes: &mut Vec<u8>) -> io::Result<()> {
    bytes.clear();
    if let Some(cap) = cap
        && len > cap
    {
        return Err(too_large(cap));
    }
    bytes.reserve(usize::try_from(len).unwrap_or(0).saturating_add(1));
    // One byte more than the cap, so a file that grows is still caught.
    // Through `take` even without a cap: `File::read_to_end` would ask
    // for the size again (a `statx` and an `lseek` per note), and the
    // buffer already has room for it.
    file.take(cap.map_or(u64::MAX, |cap| cap + 1))
        .read_to_end(bytes)?;
    if let Some(cap) = cap
        && bytes.len() as u64 > cap
    {
        return Err(too_large(cap));
    }
    Ok(())
}

/// Reads the regular file `rel` below the folder `root`, refusing a
/// symbolic link anywhere between them (`root` itself may be one: the user
/// named it). A `..` in `rel` is refused.
///
/// # Errors
/// As [`read_regular`], or a link on the way.
pub fn read_beneath(root: &Path, rel: &Path, cap: Option<u64>) -> io::Result<Vec<u8>> {
    read_open(&open_beneath(root, rel)?, cap)
}

/// Reads the regular files `names` of the folder `folder` below `root`,
/// each as [`read_beneath`] would (the same refusals, the same errors),
/// opening the folders on the way once for all of them rather than once
/// per file.
pub fn read_each_beneath(
    root: &Path,
    folder: &Path,
    names: &[&std::ffi::OsStr],
    cap: Option<u64>,
) -> Vec<io::Result<Vec<u8>>> {
    let each = || {
        names
            .iter()
            .map(|name| read_beneath(root, &folder.join(name), cap))
            .collect()
    };
    #[cfg(unix)]
    {
        use rustix::fs::{Mode, OFlags};
        let dir_flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
        let open_folder = || -> Option<rustix::fd::OwnedFd> {
            let mut dir =
                rustix::fs::openat(rustix::fs::CWD, root, dir_flags, Mode::empty()).ok()?;
            for c in folder.components() {
                match c {
                    Component::Normal(name) => {
                        dir = rustix::fs::openat(
                            &dir,
                            name,
                            dir_flags | OFlags::NOFOLLOW,
                            Mode::empty(),
                        )
                        .ok()?;
                    }
                    Component::CurDir => {}
                    _ => return None,
                }
            }
            Some(dir)
        };
        // Anything unusual (a folder that cannot be opened, a name that is
        // not one file's) is read file by file, for the very same errors.
        let plain = names.iter().all(|name| {
            let mut parts = Path::new(name).components();
            matches!(
                (parts.next(), parts.next()),
                (Some(Component::Normal(_)), None)
            )
        });
        let Some(dir) = open_folder().filter(|_| plain) else {
            return each();
        };
        let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
        names
            .iter()
            .map(|name| {
                let fd = rustix::fs::openat(&dir, *name, flags, Mode::empty())
                    .map_err(|e| explain_open(io::Error::from(e), &root.join(folder).join(name)))?;
                regular_sized(File::from(fd)).and_then(|(file, len)| read_sized(&file, len, cap))
            })
            .collect()
    }
    #[cfg(not(unix))]
    each()
}

/// A folder held open to read several of its files, each as
/// [`read_regular`] reads its path (the same refusals, the same errors),
/// without the folder's path walked again for each: a scan reading a
/// person's notes one after another resolves their folder once.
#[derive(Debug)]
pub struct OpenFolder {
    path: PathBuf,
    #[cfg(unix)]
    fd: Option<rustix::fd::OwnedFd>,
}

impl OpenFolder {
    /// Opens `path` (following links on the way, as [`read_regular`]
    /// does); a folder that cannot be opened is read file by file.
    #[must_use]
    pub fn open(path: &Path) -> OpenFolder {
        OpenFolder {
            path: path.to_path_buf(),
            #[cfg(unix)]
            fd: {
                use rustix::fs::{Mode, OFlags};
                let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
                rustix::fs::openat(rustix::fs::CWD, path, flags, Mode::empty()).ok()
            },
        }
    }

    /// Reads its regular file `name` as [`read_regular`] reads
    /// `path/name`.
    ///
    /// # Errors
    /// As [`read_regular`].
    #[cfg(test)]
    pub fn read(&self, name: &std::ffi::OsStr, cap: Option<u64>) -> io::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        self.read_into(name, cap, &mut bytes)?;
        Ok(bytes)
    }

    /// Reads its regular file `name`, as [`read_regular`] reads
    /// `path/name`, into `bytes`, emptied first.
    ///
    /// # Errors
    /// As [`read_regular`].
    pub fn read_into(
        &self,
        name: &std::ffi::OsStr,
        cap: Option<u64>,
        bytes: &mut Vec<u8>,
    ) -> io::Result<()> {
        #[cfg(unix)]
        if let Some(dir) = &self.fd
            && !name.as_encoded_bytes().contains(&b'/')
            && name != ".."
            && name != "."
        {
            use rustix::fs::{Mode, OFlags};
            let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
            let fd = rustix::fs::openat(dir, name, flags, Mode::empty())
                .map_err(|e| explain_open(io::Error::from(e), &self.path.join(name)))?;
            let (file, len) = regular_sized(File::from(fd))?;
            return read_sized_into(&file, len, cap, bytes);
        }
        let (file, len) = open_regular_sized(&self.path.join(name))?;
        read_sized_into(&file, len, cap, bytes)
    }
}

/// Opens the regular file `rel` below `root` as [`read_beneath`] does.
///
/// # Errors
/// As [`read_beneath`].
pub fn open_beneath(root: &Path, rel: &Path) -> io::Result<File> {
    let mut parts: Vec<&std::ffi::OsStr> = Vec::new();
    for c in rel.components() {
        match c {
            Component::Normal(name) => parts.push(name),
            Component::CurDir => {}
            _ => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "is not a path inside the notebook",
                ));
            }
        }
    }
    let Some((last, folders)) = parts.split_last() else {
        return Err(not_regular());
    };
    #[cfg(unix)]
    {
        use rustix::fs::{Mode, OFlags};
        let dir_flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
        let mut dir = rustix::fs::openat(rustix::fs::CWD, root, dir_flags, Mode::empty())?;
        let mut walked = root.to_path_buf();
        for name in folders {
            walked.push(name);
            dir = rustix::fs::openat(&dir, *name, dir_flags | OFlags::NOFOLLOW, Mode::empty())
                .map_err(|e| explain_open(io::Error::from(e), &walked))?;
        }
        walked.push(last);
        let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
        let fd = rustix::fs::openat(&dir, *last, flags, Mode::empty())
            .map_err(|e| explain_open(io::Error::from(e), &walked))?;
        regular(File::from(fd))
    }
    #[cfg(not(unix))]
    {
        let mut walked = root.to_path_buf();
        for name in folders {
            walked.push(name);
            if std::fs::symlink_metadata(&walked)?.file_type().is_symlink() {
                return Err(link_refused());
            }
        }
        walked.push(last);
        open_regular(&walked)
    }
}

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
    create(path, contents, Modes::PRIVATE, None)
}

/// Creates `path` with `contents` and these permissions, atomically and
/// never over anything that is there (a dangling link included). The temp
/// file is written in `staging` when given (the notebook's ignored
/// `.oneonone/tmp/`), else beside `path`.
///
/// # Errors
/// Whatever the file system says; on error nothing is left behind.
pub fn create(
    path: &Path,
    contents: &[u8],
    modes: Modes,
    staging: Option<&Path>,
) -> io::Result<()> {
    let dir = parent(path);
    let mut tmp = temp_file(staging.unwrap_or(dir), Some(modes.file))?;
    // The file itself, not the wrapper, so errors do not name the temp file.
    tmp.as_file_mut().write_all(contents)?;
    tmp.as_file().sync_all()?;
    match tmp.persist_noclobber(path) {
        Ok(_) => {}
        // The staging folder is on another file system: write beside it.
        Err(e) if staging.is_some() && is_cross_device(&e.error) => {
            drop(e.file);
            return create(path, contents, modes, None);
        }
        Err(e) => return Err(e.error),
    }
    sync_dir(dir);
    Ok(())
}

/// Writes `contents` to `path`, a file oneonone owns entirely (the cache,
/// its key), over whatever is there: a temp file in the same folder,
/// synced, then renamed over `path`. A symbolic link at `path` is
/// replaced, never written through. The file gets `modes.file` (less the
/// umask).
///
/// Never for a note or anything a person writes: those are edited with
/// [`replace`], which keeps a version that changed meanwhile.
///
/// # Errors
/// Whatever the file system says; on error the temp file is removed.
pub fn write_owned(path: &Path, contents: &[u8], modes: Modes) -> io::Result<()> {
    let dir = parent(path);
    let mut tmp = temp_file(dir, Some(modes.file))?;
    // The file itself, not the wrapper, so errors do not name the temp file.
    tmp.as_file_mut().write_all(contents)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(dir);
    Ok(())
}

/// A new temp file in `dir`, named [`TEMP_PREFIX`]…[`TEMP_SUFFIX`]; with
/// `mode`, created with those permissions (less the umask).
fn temp_file(dir: &Path, mode: Option<u32>) -> io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .rand_bytes(6);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(mode.unwrap_or(0o600)));
    }
    #[cfg(not(unix))]
    let _ = mode;
    before_temp_in(dir);
    builder.tempfile_in(dir)
}

fn is_cross_device(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::CrossesDevices
}

/// Replaces the contents of the existing file `path` with `after`, if it
/// still holds exactly `before`; see [`replace_staged`] (for the tests,
/// which edit without a notebook).
///
/// # Errors
/// As [`replace_staged`].
#[cfg(test)]
pub fn replace(path: &Path, before: &[u8], after: &[u8]) -> io::Result<()> {
    replace_staged(path, before, after, None)
}

/// Replaces the contents of the existing file `path` with `after`, if it
/// still holds exactly `before`. The file keeps its exact permissions and,
/// where the system allows, its owner and group; a hard link to it is not
/// kept (the edited file is a new one). A symbolic link is refused, never
/// written through or replaced, and so is a file whose permissions do not
/// let the user write it (even root: `chmod 444` means "leave it alone").
///
/// The new text is swapped in atomically. Right after, the old file is
/// read once more through the descriptor opened at the start: if an editor
/// wrote to it meanwhile, the two are swapped back, so the file holds the
/// editor's version, and the edit is refused with [`CHANGED`].
///
/// # Errors
/// The file changed since `before` was read ([`CHANGED`]), is a link, not
/// a regular file or read-only, or the file system refused.
pub fn replace_staged(
    path: &Path,
    before: &[u8],
    after: &[u8],
    staging: Option<&Path>,
) -> io::Result<()> {
    replace_keeping(path, before, after, staging).map(drop)
}

/// [`replace_staged`], returning the old file itself, under a temp name
/// until the returned path is dropped, where the swap could keep it (an
/// exchange): a transaction that fails later puts the old file back by a
/// rename, which needs no room and no file size, rather than by writing
/// its words again.
fn replace_keeping(
    path: &Path,
    before: &[u8],
    after: &[u8],
    staging: Option<&Path>,
) -> io::Result<Option<tempfile::TempPath>> {
    let mut old = open_regular(path)?;
    let meta = old.metadata()?;
    refuse_read_only(&meta)?;
    // While it is held, an editor opening the file to write waits, and the
    // lease says so: that is how a save landing mid-swap is seen.
    let lease = Lease::take(&old)?;
    if read_from_start(&mut old)? != before {
        return Err(changed());
    }
    let dir = parent(path);
    let mut tmp = temp_file(staging.unwrap_or(dir), None)?;
    // The file itself, not the wrapper, so errors do not name the temp file.
    tmp.as_file_mut().write_all(after)?;
    keep_owner_and_mode(tmp.as_file(), &meta)?;
    tmp.as_file().sync_all()?;
    let tmp = tmp.into_temp_path();
    match swap_in(tmp, path, &mut old, &meta, before, lease) {
        Err(e) if staging.is_some() && is_cross_device(&e) => {
            replace_keeping(path, before, after, None)
        }
        Err(e) => Err(e),
        Ok(kept) => {
            sync_dir(dir);
            Ok(kept)
        }
    }
}

/// Puts the temp file `tmp` at `path`, where `old` (opened from `path`,
/// described by `meta`) must still be, holding `before`; returns the old
/// file under the temp name when an exchange kept it.
fn swap_in(
    tmp: tempfile::TempPath,
    path: &Path,
    old: &mut File,
    meta: &std::fs::Metadata,
    before: &[u8],
    lease: Lease,
) -> io::Result<Option<tempfile::TempPath>> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use rustix::fs::{CWD, RenameFlags};
        let exchange =
            |a: &Path, b: &Path| rustix::fs::renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE);
        match exchange(&tmp, path) {
            Ok(()) => {
                // `tmp` now names what was at `path`: it must be the file
                // read at the start, unchanged. An editor that opened it
                // to write before the swap will write to it after: the
                // lease tells. True when the swap stands.
                let mut settle = || -> io::Result<bool> {
                    let intact = std::fs::symlink_metadata(&tmp).is_ok_and(|m| same_file(&m, meta))
                        && read_from_start(old)? == before
                        && !lease.broken(old);
                    if !intact {
                        // Give the other version its place back, then let
                        // the editor go on with it; ours is dropped.
                        exchange(&tmp, path)?;
                        lease.release(old);
                    }
                    Ok(intact)
                };
                return match settle() {
                    // `tmp` names the old file: dropping it removes it.
                    Ok(true) => Ok(Some(tmp)),
                    // Dropping `tmp` removes our version.
                    Ok(false) => Err(changed()),
                    // Which version `tmp` holds is not known: it may be the
                    // person's words, so it is kept, never removed.
                    Err(e) => Err(set_aside(tmp, path, &e)),
                };
            }
            Err(rustix::io::Errno::NOENT) => return Err(changed()),
            // No exchange on this file system: rename below.
            Err(rustix::io::Errno::INVAL | rustix::io::Errno::NOSYS) => {}
            Err(e) => return Err(e.into()),
        }
    }
    // Last look before the rename: an editor may have saved meanwhile.
    let still = std::fs::symlink_metadata(path).is_ok_and(|m| same_file(&m, meta));
    if !still || read_from_start(old)? != before || lease.broken(old) {
        return Err(changed());
    }
    std::fs::rename(&tmp, path)?;
    // Moved into place: nothing of ours is left to remove.
    let _ = tmp.keep();
    let theirs = read_from_start(old)?;
    if theirs != before {
        // Written to in place between the look and the rename: put that
        // version back (it is the user's), as a file of its own.
        let mut back = temp_file(parent(path), None)?;
        back.as_file_mut().write_all(&theirs)?;
        keep_owner_and_mode(back.as_file(), meta)?;
        back.as_file().sync_all()?;
        back.persist(path).map_err(|e| e.error)?;
        return Err(changed());
    }
    Ok(None)
}

/// Whether a read lease is held on the file being replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lease {
    /// Held: another process opening the file to write waits for it, and
    /// [`Lease::broken`] says one tried.
    Held,
    /// Not available here (another owner, a file system without leases,
    /// not Linux): the checks before and after the swap are all there is.
    None,
}

impl Lease {
    /// Takes a read lease on `file`; a file another program holds open for
    /// writing is tried again for a short while, then refused.
    fn take(file: &File) -> io::Result<Lease> {
        #[cfg(any(target_os = "linux", target_os = "android"))]
        for attempt in 0..40 {
            match lease::take(file) {
                lease::Taken::Held => return Ok(Lease::Held),
                lease::Taken::Unsupported => return Ok(Lease::None),
                lease::Taken::OpenForWriting if attempt < 39 => {
                    std::thread::sleep(Duration::from_millis(5));
                }
                lease::Taken::OpenForWriting => {}
            }
        }
        #[cfg(any(target_os = "linux", target_os = "android"))]
        return Err(io::Error::new(io::ErrorKind::ResourceBusy, OPEN_ELSEWHERE));
        #[cfg(not(any(target_os = "linux", target_os = "android")))]
        {
            let _ = file;
            Ok(Lease::None)
        }
    }

    /// True when another process tried to open the file for writing since
    /// the lease was taken.
    fn broken(self, file: &File) -> bool {
        #[cfg(any(target_os = "linux", target_os = "android"))]
        if self == Lease::Held {
            return lease::broken(file);
        }
        let _ = file;
        false
    }

    /// Lets a process waiting to open the file go on.
    fn release(self, file: &File) {
        #[cfg(any(target_os = "linux", target_os = "android"))]
        if self == Lease::Held {
            lease::release(file);
        }
        let _ = file;
    }
}

/// What an error says about a note another program keeps open for writing.
pub const OPEN_ELSEWHERE: &str =
    "is open for writing in another program; save and close it there, then run the command again";

/// Linux file leases (`fcntl(F_SETLEASE)`), which no safe wrapper offers.
#[cfg(any(target_os = "linux", target_os = "android"))]
#[allow(unsafe_code)]
mod lease {
    use std::fs::File;
    use std::os::fd::AsRawFd;

    /// What [`take`] got.
    pub enum Taken {
        Held,
        OpenForWriting,
        Unsupported,
    }

    /// Takes a read lease. A writer's open then breaks it: the kernel sends
    /// SIGIO, whose default action would end the process, so a handler that
    /// does nothing is installed first (once).
    pub fn take(file: &File) -> Taken {
        static HANDLER: std::sync::Once = std::sync::Once::new();
        HANDLER.call_once(|| {
            let _ = signal_hook::flag::register(
                signal_hook::consts::SIGIO,
                std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false)),
            );
        });
        // SAFETY: F_SETLEASE takes an int argument, and the descriptor is
        // open for as long as `file` is borrowed.
        let done = unsafe { libc::fcntl(file.as_raw_fd(), libc::F_SETLEASE, libc::F_RDLCK) };
        if done == 0 {
            return Taken::Held;
        }
        match std::io::Error::last_os_error().raw_os_error() {
            Some(libc::EAGAIN) => Taken::OpenForWriting,
            _ => Taken::Unsupported,
        }
    }

    /// True unless the read lease is still held whole (a break pending
    /// reads as `F_UNLCK`).
    pub fn broken(file: &File) -> bool {
        // SAFETY: F_GETLEASE takes no argument; the descriptor is open.
        let kind = unsafe { libc::fcntl(file.as_raw_fd(), libc::F_GETLEASE) };
        kind != libc::F_RDLCK
    }

    /// Gives the lease up.
    pub fn release(file: &File) {
        // SAFETY: as in `take`.
        let _ = unsafe { libc::fcntl(file.as_raw_fd(), libc::F_SETLEASE, libc::F_UNLCK) };
    }
}

/// Keeps the file at `tmp` beside `path` as `<name>.oneonone-saved` (or
/// `-2`, `-3`, ... when taken), out of the temp folder the next command
/// empties, and says so in the error.
fn set_aside(tmp: tempfile::TempPath, path: &Path, cause: &io::Error) -> io::Error {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let kept = match tmp.keep() {
        Ok(kept) => kept,
        Err(e) => return io::Error::other(format!("{cause}; and {}", e.error)),
    };
    for n in 1..1000 {
        let saved = if n == 1 {
            path.with_file_name(format!("{name}.oneonone-saved"))
        } else {
            path.with_file_name(format!("{name}.oneonone-saved-{n}"))
        };
        // A hard link never replaces what is there.
        if std::fs::hard_link(&kept, &saved).is_ok() {
            let _ = std::fs::remove_file(&kept);
            return io::Error::other(format!(
                "{cause}; the other version of the file is kept beside it as {}",
                saved.file_name().unwrap_or_default().to_string_lossy()
            ));
        }
    }
    io::Error::other(format!(
        "{cause}; the other version of the file is kept as {}",
        kept.display()
    ))
}

/// Reads an open file whole, from its first byte.
fn read_from_start(file: &mut File) -> io::Result<Vec<u8>> {
    file.seek(io::SeekFrom::Start(0))?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// True when two descriptions are of the same file.
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        a.dev() == b.dev() && a.ino() == b.ino()
    }
    #[cfg(not(unix))]
    {
        a.len() == b.len() && a.modified().ok() == b.modified().ok()
    }
}

/// Refuses a file its permissions do not let the user write, as an editor
/// would; root is held to the write bits too.
fn refuse_read_only(meta: &std::fs::Metadata) -> io::Result<()> {
    #[cfg(unix)]
    let writable = {
        use std::os::unix::fs::MetadataExt;
        let mode = meta.mode();
        let uid = rustix::process::geteuid();
        let gid = rustix::process::getegid();
        if uid.is_root() {
            mode & 0o222 != 0
        } else if meta.uid() == uid.as_raw() {
            mode & 0o200 != 0
        } else if meta.gid() == gid.as_raw()
            || rustix::process::getgroups()
                .unwrap_or_default()
                .iter()
                .any(|g| g.as_raw() == meta.gid())
        {
            mode & 0o020 != 0
        } else {
            mode & 0o002 != 0
        }
    };
    #[cfg(not(unix))]
    let writable = !meta.permissions().readonly();
    if writable {
        Ok(())
    } else {
        Err(io::Error::new(io::ErrorKind::PermissionDenied, READ_ONLY))
    }
}

/// Gives a new file the exact permissions, owner and group of the one it
/// replaces, as far as the system lets this user (a group the user is not
/// in cannot be kept).
fn keep_owner_and_mode(file: &File, meta: &std::fs::Metadata) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let now = file.metadata()?;
        if now.uid() != meta.uid() || now.gid() != meta.gid() {
            let uid = (now.uid() != meta.uid()).then_some(meta.uid());
            let gid = (now.gid() != meta.gid()).then_some(meta.gid());
            // Not allowed (another owner, a group the user is not in): the
            // file keeps the user's own, as any editor's would.
            let _ = std::os::unix::fs::fchown(file, uid, gid);
        }
        // After the owner: a change of owner clears the set-id bits.
        file.set_permissions(std::fs::Permissions::from_mode(meta.mode() & 0o7777))?;
    }
    #[cfg(not(unix))]
    file.set_permissions(meta.permissions())?;
    Ok(())
}

/// The message of the error [`replace`] gives for a file edited meanwhile.
pub const CHANGED: &str =
    "the file changed while oneonone was editing it; nothing was written, run the command again";

fn changed() -> io::Error {
    io::Error::other(CHANGED)
}

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

/// A file or folder a [`Transaction`] moves to a new name in the same
/// notebook (a person folder renamed, a note merged into another folder).
#[derive(Debug, Clone)]
pub struct Move {
    /// Where it is.
    pub from: PathBuf,
    /// Where it goes; nothing may be there.
    pub to: PathBuf,
    /// `from` as shown to the user.
    pub shown: PathBuf,
}

/// A file a [`Transaction`] removes, once its words are elsewhere (an
/// agenda merged into another): it must still hold exactly `before`.
#[derive(Debug, Clone)]
pub struct Removal {
    /// The path to remove.
    pub path: PathBuf,
    /// The path as shown to the user.
    pub shown: PathBuf,
    /// What the file holds now.
    pub before: Vec<u8>,
}

/// A folder a [`Transaction`] makes if it is not there (a new person's).
#[derive(Debug, Clone)]
pub struct Folder {
    /// The folder; its parent must be there.
    pub path: PathBuf,
    /// The folder as shown to the user.
    pub shown: PathBuf,
}

/// Writes that must all happen or none: folders first, then moves, then
/// created files, then edits in order, then removals. When one fails, what
/// was already done is put back, newest first: edits are undone (each only
/// if the file still holds what oneonone wrote), created files removed,
/// removed files written back, moved files moved back and folders made
/// removed (if still empty).
///
/// Committed under the notebook lock ([`Transaction::staged`]), it records
/// what it did in the undo [`journal`], named by its label.
#[derive(Debug)]
pub struct Transaction {
    folders: Vec<Folder>,
    moves: Vec<Move>,
    changes: Vec<Change>,
    removals: Vec<Removal>,
    modes: Modes,
    staging: Option<PathBuf>,
    journal: Option<JournalAt>,
    label: Option<String>,
    cannot_undo: Option<String>,
}

/// Where a transaction records itself for `undo`: the notebook of the lock.
#[derive(Debug, Clone)]
struct JournalAt {
    /// The notebook's folder, as its paths start.
    root: PathBuf,
    /// The lock's temp folder.
    staging: PathBuf,
    /// The journal's folder as shown to the user.
    shown: PathBuf,
    /// What could not be recorded, for the command to tell.
    notices: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl Default for Transaction {
    fn default() -> Self {
        Transaction::with_modes(Modes::PRIVATE)
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
            folders: Vec::new(),
            moves: Vec::new(),
            changes: Vec::new(),
            removals: Vec::new(),
            modes,
            staging: None,
            journal: None,
            label: None,
            cannot_undo: None,
        }
    }

    /// Writes temp files in the notebook's `.oneonone/tmp/`, which git
    /// ignores and the next lock holder empties, instead of beside the
    /// notes; and records the commit in the notebook's undo journal.
    #[must_use]
    pub fn staged(mut self, lock: &Lock) -> Self {
        // Nothing is written while the lock's sweep runs.
        lock.wait_for_sweep();
        self.staging = Some(lock.staging.clone());
        self.journal = lock.journaling.then(|| lock.journal.clone());
        self
    }

    /// Names the command for `undo` (`new alice`, `done`); a commit without
    /// a label is "the last command" there.
    #[must_use]
    pub fn labelled(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Records the commit in the undo journal as one `undo` cannot take
    /// back, for `why` (it wrote outside the notebook, to a shared space):
    /// `undo` then says so and stops there.
    #[must_use]
    pub fn cannot_be_undone(mut self, why: impl Into<String>) -> Self {
        self.cannot_undo = Some(why.into());
        self
    }

    /// Leaves the commit out of the undo journal (`undo`'s own).
    #[must_use]
    pub fn unjournaled(mut self) -> Self {
        self.journal = None;
        self
    }

    /// Adds a folder to make if it is not there; folders are made first, in
    /// the order given.
    pub fn push_folder(&mut self, folder: Folder) {
        self.folders.push(folder);
    }

    /// Adds a change.
    pub fn push(&mut self, change: Change) {
        self.changes.push(change);
    }

    /// Adds a move (see [`rename_noreplace`]); moves happen first, in the
    /// order given, so changes name files where they land.
    pub fn push_move(&mut self, step: Move) {
        self.moves.push(step);
    }

    /// Adds a removal; removals happen last, in the order given.
    pub fn push_removal(&mut self, removal: Removal) {
        self.removals.push(removal);
    }

    /// Makes every move and writes every change.
    ///
    /// # Errors
    /// A step failed; every step already made has been undone, as far as
    /// the file system allowed (a failed undo is named in the error).
    pub fn commit(mut self) -> Result<()> {
        self.changes.sort_by_key(|c| c.before.is_some());
        let staging = self.staging.as_deref();
        let fail = |error: Error, failed: Vec<PathBuf>| {
            if failed.is_empty() {
                error
            } else {
                Error::Undo {
                    cause: Box::new(error),
                    paths: failed,
                }
            }
        };
        let mut folders_made = Vec::new();
        for folder in &self.folders {
            match ensure_dir(&folder.path, self.modes) {
                Ok(true) => folders_made.push(folder),
                Ok(false) => {}
                Err(e) => {
                    let failed = remove_folders(&folders_made);
                    return Err(fail(
                        Error::io(&folder.shown, "cannot create the folder", e),
                        failed,
                    ));
                }
            }
        }
        for (done, step) in self.moves.iter().enumerate() {
            if let Err(e) = rename_noreplace(&step.from, &step.to) {
                let mut failed = undo_moves(&self.moves[..done]);
                failed.extend(remove_folders(&folders_made));
                return Err(fail(Error::io(&step.shown, "cannot move", e), failed));
            }
        }
        // The old files, kept under temp names until every step stands:
        // putting one back is then a rename, which cannot fail for want of
        // room or of file size (`ulimit -f`), as writing its words could.
        let mut kept = Vec::new();
        for (done, change) in self.changes.iter().enumerate() {
            let written = match &change.before {
                None => create(&change.path, &change.after, self.modes, staging).map(|()| None),
                Some(before) => replace_keeping(&change.path, before, &change.after, staging),
            };
            match written {
                Ok(old) => kept.push(old),
                Err(e) => {
                    let mut failed = undo(&self.changes[..done], kept, staging);
                    let unmoved = undo_moves(&self.moves);
                    // Named where it is once the moves are undone.
                    let shown = if unmoved.is_empty() {
                        shown_unmoved(&self.moves, change)
                    } else {
                        change.shown.clone()
                    };
                    failed.extend(unmoved);
                    failed.extend(remove_folders(&folders_made));
                    let action = if change.before.is_some() {
                        "cannot write"
                    } else {
                        "cannot create"
                    };
                    return Err(fail(Error::io(shown, action, e), failed));
                }
            }
        }
        let mut removed = Vec::new();
        for removal in &self.removals {
            match remove_unchanged(removal, staging) {
                Ok(aside) => removed.push((removal, aside)),
                Err(e) => {
                    let mut failed = undo_removals(removed, staging);
                    failed.extend(undo(&self.changes, kept, staging));
                    failed.extend(undo_moves(&self.moves));
                    failed.extend(remove_folders(&folders_made));
                    return Err(fail(Error::io(&removal.shown, "cannot remove", e), failed));
                }
            }
        }
        if let Some(at) = &self.journal {
            let made: Vec<&Path> = folders_made.iter().map(|f| f.path.as_path()).collect();
            let entry = match &self.cannot_undo {
                Some(why) => Some(journal::Entry {
                    label: self.label.clone(),
                    cannot_undo: Some(why.clone()),
                    ..journal::Entry::default()
                }),
                None => self.entry(&at.root, &made),
            };
            at.record(entry.as_ref());
        }
        // Everything stands: dropping `kept` and `removed` removes the old
        // files.
        Ok(())
    }

    /// What the commit did, as the undo journal keeps it (paths relative
    /// to `root`); `made` are the folders it made.
    fn entry(&self, root: &Path, made: &[&Path]) -> Option<journal::Entry> {
        let rel = |p: &Path| p.strip_prefix(root).ok().map(Path::to_path_buf);
        let mut entry = journal::Entry {
            label: self.label.clone(),
            ..journal::Entry::default()
        };
        for folder in made {
            entry.folders.push(rel(folder)?);
        }
        for m in &self.moves {
            entry.moves.push(journal::Moved {
                from: rel(&m.from)?,
                to: rel(&m.to)?,
                folder: std::fs::symlink_metadata(&m.to).is_ok_and(|m| m.is_dir()),
            });
        }
        for c in &self.changes {
            entry.files.push(journal::Written {
                path: rel(&c.path)?,
                before: c.before.clone(),
                after: Some(journal::hash(&c.after)),
            });
        }
        for r in &self.removals {
            entry.files.push(journal::Written {
                path: rel(&r.path)?,
                before: Some(r.before.clone()),
                after: None,
            });
        }
        Some(entry)
    }
}

impl JournalAt {
    /// Adds the entry of a commit to the journal. Never fails the command,
    /// whose files are written: when the entry cannot be recorded (or
    /// names a path outside the notebook) the journal is emptied, so that
    /// `undo` cannot skip this command to revert an older one, and the
    /// command is told.
    fn record(&self, entry: Option<&journal::Entry>) {
        let recorded = match entry {
            Some(e)
                if e.cannot_undo.is_none()
                    && e.folders.is_empty()
                    && e.moves.is_empty()
                    && e.files.is_empty() =>
            {
                return;
            }
            Some(e) => journal::append(&self.root, &self.staging, e).map_err(|e| e.to_string()),
            None => Err("it wrote outside the notebook".into()),
        };
        if let Err(why) = recorded {
            let cleared = journal::clear(&self.root);
            let notice = format!(
                "{shown}: cannot record this change for `undo` ({why}); the change is made, but `undo` cannot revert it{}",
                if cleared.is_ok() {
                    " (nor anything before it)"
                } else {
                    ", and may take back an older command instead: remove the folder before using it"
                },
                shown = self.shown.display(),
            );
            if let Ok(mut notices) = self.notices.lock() {
                notices.push(notice);
            }
        }
    }
}

/// Removes the folders a failed commit made, newest first, if still
/// empty; returns those it could not.
fn remove_folders(made: &[&Folder]) -> Vec<PathBuf> {
    made.iter()
        .rev()
        .filter(|f| std::fs::remove_dir(&f.path).is_err())
        .map(|f| f.shown.clone())
        .collect()
}

/// Undoes changes, newest first, each with the old file `kept` for it (if
/// any); returns the files it could not restore.
fn undo(
    changes: &[Change],
    kept: Vec<Option<tempfile::TempPath>>,
    staging: Option<&Path>,
) -> Vec<PathBuf> {
    let mut failed = Vec::new();
    for (change, old) in changes.iter().zip(kept).rev() {
        let undone = match (&change.before, old) {
            (None, _) => read_regular(&change.path, None).and_then(|now| {
                if now == change.after {
                    std::fs::remove_file(&change.path)
                } else {
                    Err(changed())
                }
            }),
            (Some(_), Some(old)) => put_back(old, &change.path, &change.after),
            (Some(before), None) => replace_staged(&change.path, &change.after, before, staging),
        };
        if undone.is_err() {
            failed.push(change.shown.clone());
        }
    }
    failed
}

/// Puts the old file `old` back at `path`, over the version oneonone
/// wrote there (`ours`), and only over that: an editor's save since is
/// theirs.
fn put_back(old: tempfile::TempPath, path: &Path, ours: &[u8]) -> io::Result<()> {
    let mut now = open_regular(path)?;
    let meta = now.metadata()?;
    let lease = Lease::take(&now)?;
    if read_from_start(&mut now)? != ours {
        return Err(changed());
    }
    // Dropping what `swap_in` returns removes our version.
    swap_in(old, path, &mut now, &meta, ours, lease).map(drop)?;
    sync_dir(parent(path));
    Ok(())
}

/// Where the file of `change` is shown once `moves` are undone: under the
/// `from` of the last move whose `to` holds it.
fn shown_unmoved(moves: &[Move], change: &Change) -> PathBuf {
    moves
        .iter()
        .rev()
        .find_map(|m| {
            let rest = change.path.strip_prefix(&m.to).ok()?;
            Some(if rest.as_os_str().is_empty() {
                m.shown.clone()
            } else {
                m.shown.join(rest)
            })
        })
        .unwrap_or_else(|| change.shown.clone())
}

/// Moves back what was moved, newest first; returns what it could not.
fn undo_moves(moves: &[Move]) -> Vec<PathBuf> {
    moves
        .iter()
        .rev()
        .filter(|step| rename_noreplace(&step.to, &step.from).is_err())
        .map(|step| step.shown.clone())
        .collect()
}

/// Puts removed files back, newest first: renamed from where they were
/// set aside, else written with the permissions they had; returns what it
/// could not.
fn undo_removals(removed: Vec<(&Removal, Aside)>, staging: Option<&Path>) -> Vec<PathBuf> {
    removed
        .into_iter()
        .rev()
        .filter_map(|(r, aside)| {
            let back = match aside {
                Aside::Kept(old) => rename_noreplace(&old, &r.path).map(|()| {
                    // It is in its place again: nothing left to remove.
                    let _ = old.keep();
                }),
                Aside::Gone(mode) => {
                    let modes = Modes {
                        file: mode,
                        ..Modes::PRIVATE
                    };
                    create(&r.path, &r.before, modes, staging)
                }
            };
            back.is_err().then(|| r.shown.clone())
        })
        .collect()
}

/// Where a removed file went until its transaction stands.
enum Aside {
    /// Renamed into the staging folder; dropping the path removes it.
    Kept(tempfile::TempPath),
    /// Unlinked (no staging folder); it had these permission bits.
    Gone(u32),
}

/// Removes a regular file that still holds exactly `removal.before`: into
/// the staging folder under a temp name when there is one (so that undoing
/// is a rename), else for good.
fn remove_unchanged(removal: &Removal, staging: Option<&Path>) -> io::Result<Aside> {
    let mut file = open_regular(&removal.path)?;
    if read_from_start(&mut file)? != removal.before {
        return Err(changed());
    }
    if let Some(staging) = staging {
        let aside = temp_file(staging, None)?.into_temp_path();
        match std::fs::rename(&removal.path, &aside) {
            Ok(()) => {
                sync_dir(parent(&removal.path));
                return Ok(Aside::Kept(aside));
            }
            // Another file system: removed for good, below.
            Err(e) if is_cross_device(&e) => {}
            Err(e) => return Err(e),
        }
    }
    #[cfg(unix)]
    let mode = {
        use std::os::unix::fs::PermissionsExt;
        file.metadata()?.permissions().mode() & 0o7777
    };
    #[cfg(not(unix))]
    let mode = Modes::PRIVATE.file;
    std::fs::remove_file(&removal.path)?;
    sync_dir(parent(&removal.path));
    Ok(Aside::Gone(mode))
}

/// Moves the file or folder `from` to `to`, in one rename, never over
/// anything that is there (a dangling link included) and never a symbolic
/// link itself. Where the kernel offers it (Linux's `renameat2` with
/// `RENAME_NOREPLACE`) the check and the move are one step; elsewhere a
/// file is hard-linked to its new name then unlinked from the old, and a
/// folder's new name is claimed with an empty folder that the rename then
/// takes the place of (Windows: looked at, then renamed).
///
/// # Errors
/// `from` is a link or missing, `to` is taken, or the file system refused.
pub fn rename_noreplace(from: &Path, to: &Path) -> io::Result<()> {
    let meta = std::fs::symlink_metadata(from)?;
    if meta.file_type().is_symlink() {
        return Err(link_refused());
    }
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use rustix::fs::{CWD, RenameFlags};
        match rustix::fs::renameat_with(CWD, from, CWD, to, RenameFlags::NOREPLACE) {
            Ok(()) => {
                sync_dir(parent(to));
                sync_dir(parent(from));
                return Ok(());
            }
            // No RENAME_NOREPLACE on this file system: the way below.
            Err(rustix::io::Errno::INVAL | rustix::io::Errno::NOSYS) => {}
            Err(e) => return Err(e.into()),
        }
    }
    #[cfg(unix)]
    if meta.is_dir() {
        // mkdir fails on anything that is there; a folder renamed onto an
        // empty folder takes its place.
        std::fs::create_dir(to)?;
        if let Err(e) = std::fs::rename(from, to) {
            let _ = std::fs::remove_dir(to);
            return Err(e);
        }
    } else {
        std::fs::hard_link(from, to)?;
        if let Err(e) = std::fs::remove_file(from) {
            let _ = std::fs::remove_file(to);
            return Err(e);
        }
    }
    #[cfg(not(unix))]
    {
        if std::fs::symlink_metadata(to).is_ok() {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                "is already there; oneonone never moves over anything",
            ));
        }
        std::fs::rename(from, to)?;
    }
    sync_dir(parent(to));
    sync_dir(parent(from));
    Ok(())
}

/// Removes the temp files a killed oneonone left in `dir` (named
/// [`TEMP_PREFIX`]…[`TEMP_SUFFIX`], regular files, older than
/// [`STALE_AFTER`]). Best effort.
pub fn remove_stale_temps(dir: &Path) {
    for path in stale_temps(dir, STALE_AFTER) {
        let _ = std::fs::remove_file(path);
    }
}

/// The file in [`STATE_DIR`] whose modification time says when the person
/// folders were last swept and found without any temp file of ours.
pub const SWEPT_FILE: &str = "swept";

/// How much older than the last sweep a folder's modification time must be
/// for the folder to be skipped: file systems stamp times coarsely (a tick,
/// FAT's two seconds).
const SWEPT_SLACK: Duration = Duration::from_secs(3);

/// [`remove_stale_temps`] in the notebook folder `root` and in each of its
/// person folders (`folders`, asked for only when needed), skipping those
/// untouched since the last sweep that left none anywhere: a temp file is
/// created in a folder, which changes the folder's modification time, so a
/// folder older than that sweep has none (listing every folder of a big
/// notebook took most of a `new`'s time, and the notebook folder itself,
/// with a name for each person, is one of them). `stamp` ([`SWEPT_FILE`],
/// under the lock) keeps the sweep's time, by the file system's own clock;
/// without it every folder is listed. When the lock holder after that
/// sweep said which person folders it would write in
/// ([`Lock::writes_only_in`]), and no temp file was made in another since
/// ([`UNSWEPT_FILE`]), only those are looked at, with the notebook
/// folder: at 3,000 people, the time of every folder was a fifth of a
/// `new`. Returns the stamp of a sweep that left no temp file, for the
/// lock holder to say that with. Best effort.
pub fn remove_stale_temps_in(
    root: &Path,
    folders: impl FnOnce() -> Vec<String>,
    stamp: Option<&Path>,
) -> Option<Swept> {
    let swept = stamp.and_then(SweepStamp::begin);
    let since = swept.as_ref().and_then(|s| s.since);
    let folders = match swept.as_ref().and_then(|s| s.only.clone()) {
        Some(only) if since.is_some() => only,
        _ => folders(),
    };
    let mut clean = true;
    for name in std::iter::once(".").chain(folders.iter().map(String::as_str)) {
        let dir = root.join(name);
        let untouched = since.is_some_and(|since| {
            std::fs::symlink_metadata(&dir)
                .and_then(|m| m.modified())
                .is_ok_and(|t| t < since)
        });
        if !untouched {
            clean &= sweep(&dir);
        }
    }
    // A temp file too young to remove, or a folder that cannot be read:
    // the stamp stays empty, and every folder is listed next time.
    swept.filter(|_| clean).and_then(SweepStamp::finish)
}

/// What a stamp after a clean sweep holds: every folder may have changed
/// since, and is looked at by its time.
const SWEPT_ANY: &[u8] = b"1";

/// The first line of a stamp after a clean sweep whose lock holder writes
/// only in the person folders named on the lines after it
/// ([`Lock::writes_only_in`]).
const SWEPT_ONLY: &[u8] = b"2\n";

/// The folders a stamp's bytes name after [`SWEPT_ONLY`], one a line, or
/// `None` for any other stamp (one cut short too: its last line has no
/// end).
fn swept_only(bytes: &[u8]) -> Option<Vec<String>> {
    let names = std::str::from_utf8(bytes.strip_prefix(SWEPT_ONLY)?).ok()?;
    let names = names.strip_suffix('\n')?;
    Some(names.split('\n').map(str::to_owned).collect())
}

/// The file in [`STATE_DIR`] whose presence says a temp file was made in
/// a person folder no lock holder said it writes in
/// ([`Lock::writes_only_in`]): the next sweep looks at every folder
/// changed since the last, and no lock holder's word counts until then.
pub const UNSWEPT_FILE: &str = "unswept";

/// The stamp of a clean sweep ([`remove_stale_temps_in`]), held by the lock
/// holder until it says where it writes.
#[derive(Debug)]
pub struct Swept {
    file: File,
    start: SystemTime,
    /// The [`UNSWEPT_FILE`] beside the stamp.
    unswept: PathBuf,
    /// False when the sweep found that file: a temp file may have been
    /// made after the sweep looked at its folder, so the next sweep must
    /// look at every folder changed, whatever the lock holder says.
    vouches: bool,
}

impl Swept {
    /// Says that until the next sweep, temp files are made only in the
    /// person folders `folders` (and the notebook folder, whose time is
    /// always read): the next sweep looks at no other. A folder name that
    /// cannot be written on a line of its own leaves the stamp as it is.
    fn only(mut self, folders: &[&str]) {
        let unsayable =
            |f: &&str| f.is_empty() || f.contains(['\n', '\r', '/']) || *f == "." || *f == "..";
        // A temp file made where nobody said (the mark is made before the
        // file): the next sweep must look everywhere.
        if !self.vouches || folders.iter().any(unsayable) || self.unswept.exists() {
            return;
        }
        let mut bytes = SWEPT_ONLY.to_vec();
        for folder in folders {
            bytes.extend(folder.as_bytes());
            bytes.push(b'\n');
        }
        // Cut short, the stamp says nothing or less than it did: every
        // folder is looked at again.
        let written = self.file.set_len(0).is_ok()
            && self.file.seek(io::SeekFrom::Start(0)).is_ok()
            && self.file.write_all(&bytes).is_ok();
        if written {
            let _ = self.file.set_modified(self.start);
        }
    }
}

/// Called before a temp file is made in `dir`: when `dir` is a person
/// folder of a notebook (wherever it is reached from: the path is
/// resolved first) that the stamp does not name as written in
/// ([`Lock::writes_only_in`]), the [`UNSWEPT_FILE`] is made, and the next
/// sweep lists every folder changed since: a temp file a killed command
/// leaves there is found, whoever made it, with the lock or without
/// (`trends --svg` writes anywhere), even while a sweep is under way.
fn before_temp_in(dir: &Path) {
    let Ok(dir) = dir.canonicalize() else {
        return;
    };
    let (Some(notebook), Some(name)) = (dir.parent(), dir.file_name()) else {
        return;
    };
    // `.oneonone` itself, or any hidden folder: never a person folder, and
    // never swept.
    if name.as_encoded_bytes().starts_with(b".") {
        return;
    }
    let state = notebook.join(STATE_DIR);
    let Ok(mut stamp) = open_stamp(&state.join(SWEPT_FILE)) else {
        return;
    };
    let mut bytes = Vec::new();
    let named = stamp.read_to_end(&mut bytes).is_ok()
        && swept_only(&bytes)
            .is_some_and(|only| only.iter().any(|f| std::ffi::OsStr::new(f) == name));
    if !named {
        let _ = open_read_write(&state.join(UNSWEPT_FILE), true);
    }
}

/// The [`SWEPT_FILE`] of a sweep under way.
struct SweepStamp {
    file: File,
    /// Folders untouched since then need no listing: when the last clean
    /// sweep began, less the slack of coarse clocks.
    since: Option<SystemTime>,
    /// The only person folders written in since then, when the lock
    /// holder said so ([`Lock::writes_only_in`]) and no temp file was made
    /// elsewhere ([`UNSWEPT_FILE`]).
    only: Option<Vec<String>>,
    /// The [`UNSWEPT_FILE`] beside the stamp, and whether it was there
    /// (taken away by this sweep).
    unswept: PathBuf,
    marked: bool,
    /// When this sweep began, by the file system's clock.
    start: SystemTime,
}

impl SweepStamp {
    /// Reads when the last clean sweep began, then empties the stamp for
    /// the time of this one: a sweep cut short (a killed command) leaves
    /// it saying nothing, so the next lists every folder again.
    fn begin(stamp: &Path) -> Option<SweepStamp> {
        let mut file = open_lock(stamp).ok()?;
        let before = file.metadata().ok()?;
        let mut said = Vec::new();
        file.read_to_end(&mut said).ok()?;
        let since = (!said.is_empty())
            .then(|| before.modified().ok())
            .flatten()
            .and_then(|t| t.checked_sub(SWEPT_SLACK));
        file.set_len(0).ok()?;
        file.seek(io::SeekFrom::Start(0)).ok()?;
        // Taken away in one step, which says whether it was there: one
        // made after it is there for the lock holder and the next sweep.
        // Only once the stamp says nothing: a sweep that stops before
        // leaves it for the next.
        let unswept = stamp.with_file_name(UNSWEPT_FILE);
        let marked = std::fs::remove_file(&unswept).is_ok();
        let only = swept_only(&said).filter(|_| !marked);
        // Stamped now, by the file system's own clock, before any folder
        // is listed: one changed while they are listed is listed again
        // next time.
        #[cfg(unix)]
        {
            let now = rustix::fs::Timespec {
                tv_sec: 0,
                tv_nsec: rustix::fs::UTIME_NOW,
            };
            rustix::fs::futimens(
                &file,
                &rustix::fs::Timestamps {
                    last_access: now,
                    last_modification: now,
                },
            )
            .ok()?;
        }
        #[cfg(not(unix))]
        file.set_modified(SystemTime::now()).ok()?;
        let start = file.metadata().ok()?.modified().ok()?;
        Some(SweepStamp {
            file,
            since,
            only,
            unswept,
            marked,
            start,
        })
    }

    /// After a sweep that left no temp file anywhere: the stamp says when
    /// it began, and that any folder may have changed since (until the
    /// lock holder says otherwise with what is returned).
    fn finish(mut self) -> Option<Swept> {
        self.file.write_all(SWEPT_ANY).ok()?;
        self.file.set_modified(self.start).ok()?;
        Some(Swept {
            file: self.file,
            start: self.start,
            unswept: self.unswept,
            vouches: !self.marked,
        })
    }
}

/// Opens the [`SWEPT_FILE`] `path` to read and write, if it is there
/// (never through a link).
fn open_stamp(path: &Path) -> io::Result<File> {
    open_read_write(path, false)
}

/// [`remove_stale_temps`] in one listing, true when no temp file of ours
/// is left in `dir` (nor is `dir` there unreadable).
fn sweep(dir: &Path) -> bool {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => return e.kind() == io::ErrorKind::NotFound,
    };
    let now = SystemTime::now();
    let mut left = false;
    for entry in entries {
        let Ok(entry) = entry else {
            left = true;
            continue;
        };
        if let Some(stale) = temp_entry(&entry, now, STALE_AFTER) {
            left |= !stale || std::fs::remove_file(entry.path()).is_err();
        }
    }
    !left
}

/// For a temp file of ours in a folder's listing: whether it is a regular
/// file untouched for at least `age` at `now` (one that cannot be read is
/// not). `None` for any other entry.
#[must_use]
pub fn temp_entry(entry: &std::fs::DirEntry, now: SystemTime, age: Duration) -> Option<bool> {
    if !is_temp_name(entry.file_name().as_encoded_bytes()) {
        return None;
    }
    // `DirEntry::metadata` does not follow links.
    Some(entry.metadata().is_ok_and(|m| {
        m.is_file()
            && m.modified()
                .ok()
                .and_then(|t| now.duration_since(t).ok())
                .is_some_and(|d| d >= age)
    }))
}

/// True for a name oneonone's temp files have: the prefix, six random
/// letters or digits, the suffix (a file a person named otherwise, even
/// `.oneonone-notes.tmp`, is never taken for one).
fn is_temp_name(name: &[u8]) -> bool {
    name.strip_prefix(TEMP_PREFIX.as_bytes())
        .and_then(|rest| rest.strip_suffix(TEMP_SUFFIX.as_bytes()))
        .is_some_and(|random| random.len() == 6 && random.iter().all(u8::is_ascii_alphanumeric))
}

/// The temp files in `dir` untouched for at least `age`.
#[must_use]
pub fn stale_temps(dir: &Path, age: Duration) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let now = SystemTime::now();
    let mut found: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| temp_entry(e, now, age) == Some(true))
        .map(|e| e.path())
        .collect();
    found.sort();
    found
}

/// An exclusive lock on the notebook, held while a command reads, changes
/// and writes notes, so that two oneonone processes never interleave their
/// edits. It is an advisory lock on `.oneonone/lock` in the notebook (the
/// folder ignores itself in git); it is released when dropped, or when the
/// process ends however it ends.
#[derive(Debug)]
pub struct Lock {
    _file: File,
    staging: PathBuf,
    journal: JournalAt,
    /// Whether the transactions staged under it record an undo entry.
    journaling: bool,
    /// The sweep of temp files left beside the notes, when it runs on a
    /// thread of its own ([`Lock::sweeping`]).
    sweep: std::sync::Mutex<Option<std::thread::JoinHandle<Option<Swept>>>>,
    /// The stamp of the sweep, once done and clean.
    swept: std::sync::Mutex<Option<Swept>>,
}

impl Drop for Lock {
    /// The sweep is done before the lock is let go: it is the lock
    /// holder's to do.
    fn drop(&mut self) {
        self.wait_for_sweep();
    }
}

impl Lock {
    /// Takes the notebook's lock, calling `waiting` once first if another
    /// process holds it (then it waits for it). Temp files a killed
    /// process left in `.oneonone/tmp/` are removed once it is held.
    ///
    /// # Errors
    /// The lock file cannot be created or locked, or `.oneonone` or the
    /// lock is a symbolic link.
    pub fn acquire(root: &Path, shown_root: &Path, waiting: &mut dyn FnMut()) -> Result<Lock> {
        let dir = root.join(STATE_DIR);
        let shown = shown_root.join(STATE_DIR);
        ensure_state_dir(&dir).map_err(|e| Error::io(&shown, "cannot create the folder", e))?;
        let path = dir.join("lock");
        let file = open_lock(&path).map_err(|e| Error::io(shown.join("lock"), "cannot open", e))?;
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
        let staging = dir.join(TMP_DIR);
        ensure_private_dir(&staging)
            .map_err(|e| Error::io(shown.join(TMP_DIR), "cannot create the folder", e))?;
        // Only the lock holder writes there: whatever is there is left over.
        for path in stale_temps(&staging, Duration::ZERO) {
            let _ = std::fs::remove_file(path);
        }
        // Saved without the lock: only old temps are left over. Those of
        // the cache's own folder, a file for each person, go when a scan
        // of the whole notebook lists it ([`crate::followup::cache`]).
        remove_stale_temps(&dir);
        Ok(Lock {
            _file: file,
            journal: JournalAt {
                root: root.to_path_buf(),
                staging: staging.clone(),
                shown: shown.join(journal::DIR),
                notices: std::sync::Arc::default(),
            },
            staging,
            journaling: true,
            sweep: std::sync::Mutex::default(),
            swept: std::sync::Mutex::default(),
        })
    }

    /// The same lock, with the sweep of the temp files left beside the
    /// notes running on `sweep`'s thread: it is waited for before any
    /// transaction is staged under the lock, and before the lock is let go.
    #[must_use]
    pub fn sweeping(self, sweep: std::thread::JoinHandle<Option<Swept>>) -> Self {
        // One at a time: a sweep already running is not left behind.
        self.wait_for_sweep();
        if let Ok(mut slot) = self.sweep.lock() {
            *slot = Some(sweep);
        }
        self
    }

    /// The same lock, after a sweep done on this thread: `swept` is its
    /// stamp when it was clean.
    #[must_use]
    pub fn swept(self, swept: Option<Swept>) -> Self {
        self.wait_for_sweep();
        if let Ok(mut slot) = self.swept.lock() {
            *slot = swept;
        }
        self
    }

    /// Waits for the sweep, if one runs (best effort, as the sweep is: a
    /// sweep that panicked only leaves temp files for the next).
    pub fn wait_for_sweep(&self) {
        let sweep = self.sweep.lock().ok().and_then(|mut slot| slot.take());
        if let Some(sweep) = sweep
            && let Ok(swept) = sweep.join()
            && let Ok(mut slot) = self.swept.lock()
        {
            *slot = swept;
        }
    }

    /// Says, before anything is written, that this lock holder makes temp
    /// files only in the person folders `folders` (and the notebook folder
    /// or `.oneonone`): after a clean sweep, the next sweep lists no other
    /// person folder, nor reads their times. A temp file made anywhere
    /// else all the same leaves [`UNSWEPT_FILE`] first ([`temp_file`]), so
    /// the next sweep looks at every folder changed again. Without a clean
    /// sweep under this lock, or with that file there, nothing is said.
    pub fn writes_only_in(&self, folders: &[&str]) {
        self.wait_for_sweep();
        let swept = self.swept.lock().ok().and_then(|mut slot| slot.take());
        if let Some(swept) = swept {
            swept.only(folders);
        }
    }

    /// The same lock, its transactions recording no undo entry (a shared
    /// space: what is shared cannot be taken back).
    #[must_use]
    pub fn unjournaled(mut self) -> Self {
        self.journaling = false;
        self
    }

    /// What the transactions committed under this lock could not record
    /// for `undo`, a sentence each (taken: asked twice, the second answer
    /// is empty). A command tells them after its commit.
    #[must_use]
    pub fn journal_notices(&self) -> Vec<String> {
        self.journal
            .notices
            .lock()
            .map(|mut n| std::mem::take(&mut *n))
            .unwrap_or_default()
    }
}

/// Opens (creating) the lock file, never through a link.
fn open_lock(path: &Path) -> io::Result<File> {
    open_read_write(path, true)
}

/// Opens `path` to read and write, never through a link, creating it
/// (private) when `create` says so.
fn open_read_write(path: &Path, create: bool) -> io::Result<File> {
    #[cfg(unix)]
    {
        use rustix::fs::{CWD, Mode, OFlags};
        let mut flags = OFlags::RDWR | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
        if create {
            flags |= OFlags::CREATE;
        }
        let fd = rustix::fs::openat(CWD, path, flags, Mode::from_raw_mode(0o600))
            .map_err(|e| explain_open(io::Error::from(e), path))?;
        regular(File::from(fd))
    }
    #[cfg(not(unix))]
    {
        if is_link(path) {
            return Err(link_refused());
        }
        std::fs::OpenOptions::new()
            .create(create)
            .truncate(false)
            .read(true)
            .write(true)
            .open(path)
    }
}

/// Makes the notebook's private `.oneonone` folder, which keeps itself out
/// of the notebook's git history. A link there is refused.
///
/// # Errors
/// The folder or its `.gitignore` cannot be written, or it is a link.
pub fn ensure_state_dir(dir: &Path) -> io::Result<()> {
    if ensure_private_dir(dir)? {
        match write_new(&dir.join(".gitignore"), b"*\n") {
            Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

/// Makes one private folder whose parent exists, unless it is there; a
/// link or a file in its place is an error. True when it was made.
fn ensure_private_dir(dir: &Path) -> io::Result<bool> {
    ensure_dir(dir, Modes::PRIVATE)
}

/// Makes one folder whose parent exists, with these permissions, unless
/// it is there; a link or a file in its place is an error. True when it
/// was made.
fn ensure_dir(dir: &Path, modes: Modes) -> io::Result<bool> {
    match std::fs::symlink_metadata(dir) {
        Ok(m) if m.file_type().is_symlink() => Err(link_refused()),
        Ok(m) if m.is_dir() => Ok(false),
        Ok(_) => Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "is a file where a folder should be",
        )),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            let mut builder = std::fs::DirBuilder::new();
            #[cfg(unix)]
            {
                use std::os::unix::fs::DirBuilderExt;
                builder.mode(modes.dir);
            }
            #[cfg(not(unix))]
            let _ = modes;
            match builder.create(dir) {
                Ok(()) => Ok(true),
                // Made by another process meanwhile: look again.
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    ensure_dir(dir, modes).map(|_| false)
                }
                Err(e) => Err(e),
            }
        }
        Err(e) => Err(e),
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

    #[cfg(unix)]
    #[test]
    fn write_owned_replaces_whole_and_never_writes_through_a_link() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache");
        write_owned(&path, b"first", Modes::PRIVATE).unwrap();
        write_owned(&path, b"second", Modes::PRIVATE).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);

        let target = dir.path().join("target.md");
        std::fs::write(&target, b"someone's words").unwrap();
        let link = dir.path().join("key");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_owned(&link, b"key", Modes::PRIVATE).unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"someone's words");
        assert!(std::fs::symlink_metadata(&link).unwrap().is_file());
        assert_eq!(std::fs::read(&link).unwrap(), b"key");

        let mut names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        assert_eq!(names, ["cache", "key", "target.md"], "no temp file left");
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
    fn replace_keeps_the_exact_mode_and_refuses_links() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target.md");
        std::fs::write(&target, b"old").unwrap();
        // 0660 would become 0640 through a 022 umask: it must stay 0660.
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o660)).unwrap();
        replace(&target, b"old", b"new").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o7777;
        assert_eq!(mode(&target), 0o660);

        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let err = replace(&link, b"new", b"through the link").unwrap_err();
        assert_eq!(err.to_string(), LINK_REFUSED);
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&target).unwrap(), b"new");

        // Read-only means read-only, even for root.
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o444)).unwrap();
        let err = replace(&target, b"new", b"newer").unwrap_err();
        assert_eq!(err.to_string(), READ_ONLY);
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
    }

    #[cfg(unix)]
    #[test]
    fn reads_refuse_links_pipes_and_oversized_settings() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("bob")).unwrap();
        std::fs::write(root.join("bob/n.md"), b"bob's words").unwrap();
        std::fs::create_dir(root.join("alice")).unwrap();
        std::os::unix::fs::symlink("../bob/n.md", root.join("alice/agenda.md")).unwrap();
        std::os::unix::fs::symlink("bob", root.join("carol")).unwrap();
        std::os::unix::fs::symlink("/dev/zero", root.join("alice/zero.md")).unwrap();
        let refused = |r: io::Result<Vec<u8>>| r.unwrap_err().to_string();
        assert_eq!(
            refused(read_regular(&root.join("alice/agenda.md"), None)),
            LINK_REFUSED
        );
        assert_eq!(
            refused(read_beneath(root, Path::new("alice/agenda.md"), None)),
            LINK_REFUSED
        );
        assert_eq!(
            refused(read_beneath(root, Path::new("carol/n.md"), None)),
            LINK_REFUSED
        );
        assert_eq!(
            refused(read_beneath(root, Path::new("alice/zero.md"), None)),
            LINK_REFUSED
        );
        assert_eq!(
            read_beneath(root, Path::new("bob/n.md"), None).unwrap(),
            b"bob's words"
        );

        // A pipe is refused at once instead of hanging the command.
        let fifo = root.join("alice/fifo.md");
        rustix::fs::mknodat(
            rustix::fs::CWD,
            &fifo,
            rustix::fs::FileType::Fifo,
            rustix::fs::Mode::from_raw_mode(0o600),
            0,
        )
        .unwrap();
        assert_eq!(refused(read_regular(&fifo, None)), NOT_REGULAR);

        std::fs::write(root.join("big.yaml"), vec![b'#'; 2048]).unwrap();
        assert_eq!(
            refused(read_regular(&root.join("big.yaml"), Some(1024))),
            "is larger than 1 KiB, more than a settings file ever needs; not read"
        );

        // A folder held open reads each of its files as its path is read:
        // the same bytes, the same refusals, the same errors.
        let alice = OpenFolder::open(&root.join("alice"));
        let name = |n: &str| std::ffi::OsString::from(n);
        for n in ["agenda.md", "zero.md", "fifo.md", "gone.md"] {
            assert_eq!(
                refused(alice.read(&name(n), None)),
                refused(read_regular(&root.join("alice").join(n), None)),
                "{n}"
            );
        }
        assert_eq!(refused(alice.read(&name("agenda.md"), None)), LINK_REFUSED);
        // A name that is a path is read as that path.
        assert_eq!(
            alice.read(&name("../bob/n.md"), None).unwrap(),
            b"bob's words"
        );
        assert_eq!(
            refused(alice.read(&name("gone.md"), None)),
            "No such file or directory (os error 2)"
        );
        let top = OpenFolder::open(root);
        assert_eq!(
            refused(top.read(&name("big.yaml"), Some(1024))),
            refused(read_regular(&root.join("big.yaml"), Some(1024)))
        );
        assert_eq!(top.read(&name("big.yaml"), None).unwrap(), vec![b'#'; 2048]);
        assert_eq!(
            OpenFolder::open(&root.join("bob"))
                .read(&name("n.md"), None)
                .unwrap(),
            b"bob's words"
        );
    }

    #[test]
    fn a_file_is_read_to_its_end_whatever_size_was_taken() {
        // A size taken before the file grew, or one that says less than
        // it holds: the file is read to its end all the same.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("n.md");
        std::fs::write(&path, b"one two three").unwrap();
        let file = File::open(&path).unwrap();
        let mut bytes = b"left over".to_vec();
        read_sized_into(&file, 3, None, &mut bytes).unwrap();
        assert_eq!(bytes, b"one two three");
        let file = File::open(&path).unwrap();
        read_sized_into(&file, 100, None, &mut bytes).unwrap();
        assert_eq!(bytes, b"one two three");
        // A cap is kept: one byte over it is caught.
        let file = File::open(&path).unwrap();
        assert_eq!(
            read_sized_into(&file, 3, Some(5), &mut bytes)
                .unwrap_err()
                .kind(),
            too_large(5).kind()
        );
        let folder = OpenFolder::open(dir.path());
        folder
            .read_into(std::ffi::OsStr::new("n.md"), None, &mut bytes)
            .unwrap();
        assert_eq!(bytes, b"one two three");
    }

    #[test]
    fn a_file_of_unknown_version_is_set_aside_never_removed() {
        let dir = tempfile::tempdir().unwrap();
        let note = dir.path().join("n.md");
        std::fs::write(&note, b"ours").unwrap();
        std::fs::write(dir.path().join("n.md.oneonone-saved"), b"earlier").unwrap();
        let tmp = temp_file(dir.path(), None).unwrap();
        std::fs::write(tmp.path(), b"the person's words").unwrap();
        let tmp_name = tmp.path().to_path_buf();
        let err = set_aside(tmp.into_temp_path(), &note, &io::Error::other("disk gone"));
        assert_eq!(
            err.to_string(),
            "disk gone; the other version of the file is kept beside it as n.md.oneonone-saved-2"
        );
        assert!(!tmp_name.exists());
        assert_eq!(
            std::fs::read(dir.path().join("n.md.oneonone-saved-2")).unwrap(),
            b"the person's words"
        );
        // What was there before is untouched.
        assert_eq!(
            std::fs::read(dir.path().join("n.md.oneonone-saved")).unwrap(),
            b"earlier"
        );
        assert_eq!(std::fs::read(&note).unwrap(), b"ours");
    }

    #[cfg(unix)]
    #[test]
    fn issue16_reading_a_folder_at_once_refuses_and_errs_as_file_by_file() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("bob")).unwrap();
        std::fs::write(root.join("bob/a.md"), "a").unwrap();
        std::fs::write(root.join("outside.md"), "out").unwrap();
        std::os::unix::fs::symlink(root.join("outside.md"), root.join("bob/link.md")).unwrap();
        std::os::unix::fs::symlink(root.join("bob"), root.join("linked")).unwrap();
        let names: Vec<&std::ffi::OsStr> = ["a.md", "link.md", "gone.md"]
            .iter()
            .map(std::ffi::OsStr::new)
            .collect();
        for folder in ["bob", "linked"] {
            let at_once = read_each_beneath(root, Path::new(folder), &names, None);
            let one_by_one: Vec<_> = names
                .iter()
                .map(|n| read_beneath(root, &Path::new(folder).join(n), None))
                .collect();
            let shown = |r: &[io::Result<Vec<u8>>]| -> Vec<String> {
                r.iter().map(|r| format!("{r:?}")).collect()
            };
            assert_eq!(shown(&at_once), shown(&one_by_one), "{folder}");
        }
        let read = read_each_beneath(root, Path::new("bob"), &names, None);
        assert_eq!(read[0].as_ref().unwrap(), b"a");
        assert!(read[1].is_err() && read[2].is_err());
    }

    #[test]
    fn stale_temps_are_found_by_name_and_age() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join(".oneonone-abc123.tmp");
        std::fs::write(&old, b"x").unwrap();
        std::fs::write(dir.path().join("note.md"), b"x").unwrap();
        assert_eq!(
            stale_temps(dir.path(), Duration::ZERO),
            std::slice::from_ref(&old)
        );
        assert!(stale_temps(dir.path(), Duration::from_secs(3600)).is_empty());
        let long_ago = SystemTime::now() - Duration::from_secs(3600);
        File::options()
            .write(true)
            .open(&old)
            .unwrap()
            .set_modified(long_ago)
            .unwrap();
        // A file a person named so, not by the temp pattern, stays.
        let theirs = dir.path().join(".oneonone-my-notes.tmp");
        std::fs::write(&theirs, b"mine").unwrap();
        File::options()
            .write(true)
            .open(&theirs)
            .unwrap()
            .set_modified(long_ago)
            .unwrap();
        remove_stale_temps(dir.path());
        assert!(!old.exists());
        assert!(theirs.exists());
        assert!(dir.path().join("note.md").exists());
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
    fn moves_never_replace_and_never_move_links() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("alice")).unwrap();
        std::fs::write(root.join("alice/n.md"), b"alice").unwrap();
        std::fs::create_dir(root.join("bob")).unwrap();
        std::fs::write(root.join("bob/n.md"), b"bob").unwrap();
        // A folder onto a folder, empty or not, and a file onto a file.
        std::fs::create_dir(root.join("empty")).unwrap();
        for (from, to) in [
            ("alice", "bob"),
            ("alice", "empty"),
            ("alice/n.md", "bob/n.md"),
        ] {
            let err = rename_noreplace(&root.join(from), &root.join(to)).unwrap_err();
            assert_eq!(err.kind(), io::ErrorKind::AlreadyExists, "{from} -> {to}");
        }
        assert_eq!(std::fs::read(root.join("bob/n.md")).unwrap(), b"bob");
        rename_noreplace(&root.join("alice"), &root.join("carol")).unwrap();
        assert_eq!(std::fs::read(root.join("carol/n.md")).unwrap(), b"alice");
        assert!(!root.join("alice").exists());
        rename_noreplace(&root.join("carol/n.md"), &root.join("bob/m.md")).unwrap();
        assert_eq!(std::fs::read(root.join("bob/m.md")).unwrap(), b"alice");
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("bob", root.join("link")).unwrap();
            let err = rename_noreplace(&root.join("link"), &root.join("dan")).unwrap_err();
            assert_eq!(err.to_string(), LINK_REFUSED);
            assert!(is_link(&root.join("link")));
        }
    }

    #[test]
    fn a_failed_transaction_moves_back_and_writes_back() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("alice")).unwrap();
        std::fs::write(root.join("alice/a.md"), b"a-before").unwrap();
        std::fs::write(root.join("agenda.md"), b"points").unwrap();
        std::fs::write(root.join("other.md"), b"other").unwrap();
        let mut tx = Transaction::new();
        tx.push_move(Move {
            from: root.join("alice"),
            to: root.join("alice-smith"),
            shown: PathBuf::from("alice"),
        });
        // Named where it lands: moves come first.
        tx.push(Change {
            path: root.join("alice-smith/a.md"),
            shown: PathBuf::from("alice-smith/a.md"),
            before: Some(b"a-before".to_vec()),
            after: b"a-after".to_vec(),
        });
        tx.push_removal(Removal {
            path: root.join("agenda.md"),
            shown: PathBuf::from("agenda.md"),
            before: b"points".to_vec(),
        });
        // Stale: the last step fails, and every other one is undone.
        tx.push_removal(Removal {
            path: root.join("other.md"),
            shown: PathBuf::from("other.md"),
            before: b"stale".to_vec(),
        });
        let err = tx.commit().unwrap_err();
        assert_eq!(err.to_string(), "other.md: cannot remove");
        assert_eq!(std::fs::read(root.join("alice/a.md")).unwrap(), b"a-before");
        assert_eq!(std::fs::read(root.join("agenda.md")).unwrap(), b"points");
        assert_eq!(std::fs::read(root.join("other.md")).unwrap(), b"other");
        assert!(!root.join("alice-smith").exists());
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

    #[test]
    fn a_sweep_cut_short_leaves_the_stamp_saying_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let stamp = dir.path().join(SWEPT_FILE);
        // A first sweep says nothing of the folders; a clean one says when
        // it began.
        let first = SweepStamp::begin(&stamp).unwrap();
        assert_eq!(first.since, None);
        let began = first.start;
        first.finish();
        let second = SweepStamp::begin(&stamp).unwrap();
        assert_eq!(second.since, began.checked_sub(SWEPT_SLACK));
        // Killed before it finished: the next lists every folder.
        drop(second);
        assert_eq!(SweepStamp::begin(&stamp).unwrap().since, None);
    }

    /// After `new alice`'s sweep, only `alice/` (and the notebook folder)
    /// is looked at next; a temp file made anywhere else by any writer,
    /// however its folder is spelled, and even while the sweep is under
    /// way, makes the next sweep list every folder again.
    #[test]
    fn a_sweep_after_a_lock_holder_that_writes_only_in_one_folder() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for folder in ["alice", "bob", "bob/x", STATE_DIR] {
            std::fs::create_dir(root.join(folder)).unwrap();
        }
        let stamp = root.join(STATE_DIR).join(SWEPT_FILE);
        let unswept = root.join(STATE_DIR).join(UNSWEPT_FILE);
        let stamp_says = || std::fs::read(&stamp).unwrap();
        let every = || vec!["alice".to_string(), "bob".to_string()];
        let unasked = || -> Vec<String> { panic!("every folder listed") };
        let swept = remove_stale_temps_in(root, every, Some(&stamp)).unwrap();
        assert_eq!(stamp_says(), b"1");
        swept.only(&["alice"]);
        assert_eq!(stamp_says(), b"2\nalice\n");
        // A temp file a killed writer left in bob/ without going through
        // `temp_file` (so without a word), two minutes old.
        let left = root
            .join("bob")
            .join(format!("{TEMP_PREFIX}abc123{TEMP_SUFFIX}"));
        std::fs::write(&left, "words").unwrap();
        let old = SystemTime::now() - Duration::from_secs(120);
        File::options()
            .write(true)
            .open(&left)
            .unwrap()
            .set_modified(old)
            .unwrap();
        let swept = remove_stale_temps_in(root, unasked, Some(&stamp)).unwrap();
        assert!(left.exists(), "bob/ was listed");
        swept.only(&["alice"]);
        // Temp files in alice/ and .oneonone/ leave no mark.
        for folder in ["alice", STATE_DIR] {
            drop(temp_file(&root.join(folder), None).unwrap());
            assert!(!unswept.exists(), "{folder}");
        }
        // One in bob/, reached the long way round, does.
        drop(temp_file(&root.join("bob/x/.."), None).unwrap());
        assert!(unswept.exists());
        assert_eq!(stamp_says(), b"2\nalice\n");
        let swept = remove_stale_temps_in(root, every, Some(&stamp)).unwrap();
        assert!(!left.exists(), "bob/ was not listed");
        assert!(!unswept.exists());
        // That sweep vouches for nothing: a temp file may have come in
        // after it looked at bob/.
        swept.only(&["alice"]);
        assert_eq!(stamp_says(), b"1");
        // Nor does a sweep during which one was made in bob/.
        let swept = remove_stale_temps_in(root, every, Some(&stamp)).unwrap();
        drop(temp_file(&root.join("bob"), None).unwrap());
        swept.only(&["alice"]);
        assert_eq!(stamp_says(), b"1");
        assert!(unswept.exists(), "the next sweep must see it");
    }

    #[test]
    fn a_sweep_on_its_own_thread_is_done_before_a_write_and_before_the_lock_goes() {
        let dir = tempfile::tempdir().unwrap();
        let done = dir.path().join("swept");
        let sweep = |done: PathBuf| {
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(200));
                std::fs::write(done, "").unwrap();
                None
            })
        };
        let lock = Lock::acquire(dir.path(), Path::new(""), &mut || {})
            .unwrap()
            .sweeping(sweep(done.clone()));
        let _tx = Transaction::new().staged(&lock);
        assert!(done.exists(), "staged before the sweep was done");
        std::fs::remove_file(&done).unwrap();
        let lock = lock.sweeping(sweep(done.clone()));
        drop(lock);
        assert!(done.exists(), "the lock let go before the sweep was done");
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
