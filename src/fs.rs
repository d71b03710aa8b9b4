//! Safe writes. A new file appears whole or not at all and never replaces
//! one that is there: it is written to a hidden temp file in the same folder,
//! synced, then moved into place with a no-clobber rename.
//!
//! Files and folders oneonone creates are readable by their owner only
//! (0600 / 0700 on Unix): notes about people are private by default.

use std::io::{self, Write};
use std::path::Path;

/// Creates `path` with `contents`, atomically, failing with
/// [`io::ErrorKind::AlreadyExists`] if anything is already there.
///
/// # Errors
/// Whatever the file system says; on error nothing is left behind.
pub fn write_new(path: &Path, contents: &[u8]) -> io::Result<()> {
    let dir = parent(path);
    let mut tmp = tempfile::Builder::new()
        .prefix(".oneonone-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(contents)?;
    tmp.as_file().sync_all()?;
    tmp.persist_noclobber(path).map_err(|e| e.error)?;
    sync_dir(dir);
    Ok(())
}

/// Creates a folder and its missing parents, private to the owner.
///
/// # Errors
/// Whatever the file system says.
pub fn create_dir_private(path: &Path) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
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
