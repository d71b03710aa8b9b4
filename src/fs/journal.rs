//! The undo journal: what each writing command changed, so that `oneonone
//! undo` can put it back.
//!
//! Every [`super::Transaction`] committed under the notebook lock records
//! one entry in `.oneonone/undo/` (private: 0700 / 0600, never through a
//! link): the command's label; the folders it made; the files and folders
//! it moved; and for each file it wrote or removed, its path (where it is
//! after the command), its bytes before (or that it was absent) and a
//! BLAKE3 hash of its bytes after (or that it is absent). The hash is what
//! lets `undo` refuse when a file changed since, byte for byte, without
//! keeping a second copy of every note.
//!
//! An entry is one file, `NNNNNNNN` (its number), written whole to a temp
//! file and then renamed into place, so a crash leaves either no entry or
//! a whole one. The journal is bounded: the last [`KEEP`] entries and at
//! most [`CAP`] bytes in all. A command whose entry alone would be larger
//! records a marker saying it cannot be undone (and the older entries go:
//! `undo` will not reach past it).
//!
//! The format is text where it can be, with every payload length-prefixed,
//! so that any bytes (a note that is not UTF-8, a path) survive:
//!
//! ```text
//! oneonone undo 1
//! label 9
//! new alice
//! folder 5
//! alice
//! move 5 11 folder
//! alice
//! alice-smith
//! file 19 - 2f1c…(64 hex digits)
//! alice/2026-11-29.md
//! file 15 31 2f1c…
//! alice/agenda.md
//! # Agenda: Alice
//!
//! - [ ] point
//!
//! end
//! ```
//!
//! `file PATH-LEN BEFORE-LEN AFTER-HASH`: `-` for a file that was absent
//! before, or that the command removed. `cannot-undo LEN` and its reason
//! mark an entry too large to keep.

use std::io;
use std::path::{Component, Path, PathBuf};

/// The folder in `.oneonone/` that holds the journal.
pub const DIR: &str = "undo";

/// How many entries are kept.
pub const KEEP: usize = 10;

/// The most the journal holds in all (16 MiB).
pub const CAP: u64 = 16 << 20;

/// The first line of an entry.
const HEADER: &str = "oneonone undo 1";

/// A BLAKE3 hash of a file's bytes.
pub type Hash = [u8; 32];

/// The hash of `bytes` as the journal records it.
#[must_use]
pub fn hash(bytes: &[u8]) -> Hash {
    *blake3::hash(bytes).as_bytes()
}

/// What one command changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    /// The command, as `undo` names it (`new alice`); `None` when the
    /// command gave no label.
    pub label: Option<String>,
    /// Why the entry cannot be undone (it was too large to keep); the
    /// other fields are then empty.
    pub cannot_undo: Option<String>,
    /// Folders the command made, notebook-relative, in order.
    pub folders: Vec<PathBuf>,
    /// Files and folders it moved, in order.
    pub moves: Vec<Moved>,
    /// Files it created, edited or removed.
    pub files: Vec<Written>,
}

/// A file or folder moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    /// Where it was, notebook-relative.
    pub from: PathBuf,
    /// Where it went.
    pub to: PathBuf,
    /// True for a folder.
    pub folder: bool,
}

/// A file created, edited or removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// Where it is after the command (after its moves), notebook-relative.
    pub path: PathBuf,
    /// Its bytes before; `None` for a file the command created.
    pub before: Option<Vec<u8>>,
    /// The hash of its bytes after; `None` for a file it removed.
    pub after: Option<Hash>,
}

impl Entry {
    /// How many bytes the entry's payloads take, about its size on disk.
    #[must_use]
    pub fn size(&self) -> u64 {
        let path = |p: &Path| p.as_os_str().len() as u64 + 16;
        let label = self.label.as_ref().map_or(0, |l| l.len() as u64);
        let folders: u64 = self.folders.iter().map(|f| path(f)).sum();
        let moves: u64 = self.moves.iter().map(|m| path(&m.from) + path(&m.to)).sum();
        let files: u64 = self
            .files
            .iter()
            .map(|f| path(&f.path) + f.before.as_ref().map_or(0, |b| b.len() as u64) + 90)
            .sum();
        label + folders + moves + files + 32
    }

    /// The marker kept instead of an entry too large to keep.
    #[must_use]
    pub fn too_large(label: Option<String>, size: u64) -> Entry {
        Entry {
            label,
            cannot_undo: Some(format!(
                "it changed {} MiB of files, more than the undo journal keeps ({} MiB)",
                size.div_ceil(1 << 20),
                CAP >> 20
            )),
            ..Entry::default()
        }
    }

    /// The entry as it is stored.
    #[must_use]
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(usize::try_from(self.size()).unwrap_or(0));
        out.extend_from_slice(HEADER.as_bytes());
        out.push(b'\n');
        let mut record = |line: String, payloads: &[&[u8]]| {
            out.extend_from_slice(line.as_bytes());
            out.push(b'\n');
            for p in payloads {
                out.extend_from_slice(p);
                out.push(b'\n');
            }
        };
        if let Some(label) = &self.label {
            record(format!("label {}", label.len()), &[label.as_bytes()]);
        }
        if let Some(why) = &self.cannot_undo {
            record(format!("cannot-undo {}", why.len()), &[why.as_bytes()]);
        }
        for folder in &self.folders {
            let f = path_bytes(folder);
            record(format!("folder {}", f.len()), &[&f]);
        }
        for m in &self.moves {
            let (from, to) = (path_bytes(&m.from), path_bytes(&m.to));
            let kind = if m.folder { "folder" } else { "file" };
            record(
                format!("move {} {} {kind}", from.len(), to.len()),
                &[&from, &to],
            );
        }
        for file in &self.files {
            let path = path_bytes(&file.path);
            let before = file
                .before
                .as_ref()
                .map_or_else(|| "-".to_string(), |b| b.len().to_string());
            let after = file.after.as_ref().map_or_else(|| "-".to_string(), hex);
            let line = format!("file {} {before} {after}", path.len());
            match &file.before {
                Some(bytes) => record(line, &[&path, bytes]),
                None => record(line, &[&path]),
            }
        }
        record("end".into(), &[]);
        out
    }

    /// Reads an entry back.
    ///
    /// # Errors
    /// The bytes are not a whole entry of this format (what is wrong, in
    /// a few words).
    pub fn decode(bytes: &[u8]) -> Result<Entry, String> {
        let mut reader = Reader { bytes, at: 0 };
        if reader.line()? != HEADER {
            return Err("not an undo record of this version of oneonone".into());
        }
        let mut entry = Entry::default();
        loop {
            let line = reader.line()?;
            let words: Vec<&str> = line.split(' ').collect();
            match words.as_slice() {
                ["end"] => break,
                ["label", n] if entry.label.is_none() => {
                    entry.label = Some(reader.text(n)?);
                }
                ["cannot-undo", n] if entry.cannot_undo.is_none() => {
                    entry.cannot_undo = Some(reader.text(n)?);
                }
                ["folder", n] => entry.folders.push(reader.path(n)?),
                ["move", from, to, kind] => {
                    let folder = match *kind {
                        "folder" => true,
                        "file" => false,
                        _ => return Err(format!("a move of an unknown kind: {kind}")),
                    };
                    let from = reader.path(from)?;
                    let to = reader.path(to)?;
                    entry.moves.push(Moved { from, to, folder });
                }
                ["file", path, before, after] => {
                    let path = reader.path(path)?;
                    let before = match *before {
                        "-" => None,
                        n => Some(reader.payload(n)?.to_vec()),
                    };
                    let after = match *after {
                        "-" => None,
                        h => Some(unhex(h).ok_or("a hash that is not 64 hex digits")?),
                    };
                    if before.is_none() && after.is_none() {
                        return Err("a file neither there before nor after".into());
                    }
                    entry.files.push(Written {
                        path,
                        before,
                        after,
                    });
                }
                _ => return Err(format!("an unknown line: {line:?}")),
            }
        }
        if reader.at != bytes.len() {
            return Err("bytes after its end".into());
        }
        Ok(entry)
    }
}

/// Reads an entry's bytes in order.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    /// The next line, without its line break; a record line is ASCII.
    fn line(&mut self) -> Result<&'a str, String> {
        let rest = &self.bytes[self.at..];
        let end = memchr::memchr(b'\n', rest).ok_or("it is cut short")?;
        let line = std::str::from_utf8(&rest[..end])
            .ok()
            .filter(|l| l.is_ascii())
            .ok_or("a record line that is not ASCII")?;
        self.at += end + 1;
        Ok(line)
    }

    /// The next `n` bytes and the line break after them.
    fn payload(&mut self, n: &str) -> Result<&'a [u8], String> {
        let n: usize = n
            .parse()
            .map_err(|_| format!("a length that is not a number: {n:?}"))?;
        let end = self
            .at
            .checked_add(n)
            .filter(|&end| end < self.bytes.len() && self.bytes[end] == b'\n')
            .ok_or("it is cut short")?;
        let payload = &self.bytes[self.at..end];
        self.at = end + 1;
        Ok(payload)
    }

    fn text(&mut self, n: &str) -> Result<String, String> {
        String::from_utf8(self.payload(n)?.to_vec()).map_err(|_| "a label that is not UTF-8".into())
    }

    /// A notebook-relative path: no root, no `..`, not empty.
    fn path(&mut self, n: &str) -> Result<PathBuf, String> {
        let bytes = self.payload(n)?;
        let path = bytes_path(bytes).ok_or("a path this system cannot name")?;
        let inside = path.components().count() > 0
            && path.components().all(|c| matches!(c, Component::Normal(_)));
        if inside {
            Ok(path)
        } else {
            Err(format!(
                "a path outside the notebook: {:?}",
                String::from_utf8_lossy(bytes)
            ))
        }
    }
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str().as_bytes().to_vec()
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> Vec<u8> {
    // Only Unix paths may be any bytes; elsewhere a path oneonone made is
    // text.
    path.to_string_lossy().replace('\\', "/").into_bytes()
}

#[cfg(unix)]
fn bytes_path(bytes: &[u8]) -> Option<PathBuf> {
    use std::os::unix::ffi::OsStrExt;
    Some(PathBuf::from(std::ffi::OsStr::from_bytes(bytes)))
}

#[cfg(not(unix))]
fn bytes_path(bytes: &[u8]) -> Option<PathBuf> {
    std::str::from_utf8(bytes).ok().map(PathBuf::from)
}

fn hex(hash: &Hash) -> String {
    use std::fmt::Write as _;
    hash.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

fn unhex(text: &str) -> Option<Hash> {
    if text.len() != 64 || !text.is_ascii() {
        return None;
    }
    let mut hash = [0; 32];
    for (i, byte) in hash.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(hash)
}

/// One entry as it is stored: its number and file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// Its number: the newest has the largest.
    pub number: u64,
    /// Its file, notebook-relative (`.oneonone/undo/00000012`).
    pub rel: PathBuf,
    /// Its size in bytes.
    pub size: u64,
}

/// The journal of the notebook at `root`: `.oneonone/undo/`.
fn folder(root: &Path) -> PathBuf {
    root.join(super::STATE_DIR).join(DIR)
}

/// The stored entries, oldest first; none when there is no journal. A
/// file of another name, or anything but a regular file, is no entry.
///
/// # Errors
/// The journal folder is a link, or cannot be read.
pub fn entries(root: &Path) -> io::Result<Vec<Stored>> {
    let dir = folder(root);
    match std::fs::symlink_metadata(&dir) {
        Ok(m) if m.file_type().is_symlink() => return Err(super::link_refused()),
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    }
    let mut found = Vec::new();
    for entry in std::fs::read_dir(&dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let Some(number) = name
            .to_str()
            .filter(|n| n.len() >= 8 && n.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|n| n.parse::<u64>().ok())
        else {
            continue;
        };
        // `DirEntry::metadata` does not follow links.
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        if meta.is_file() {
            found.push(Stored {
                number,
                rel: Path::new(super::STATE_DIR).join(DIR).join(&name),
                size: meta.len(),
            });
        }
    }
    found.sort_by_key(|s| s.number);
    Ok(found)
}

/// Reads a stored entry, never through a link.
///
/// # Errors
/// It cannot be read, or is not an entry (the message says why).
pub fn read(root: &Path, stored: &Stored) -> io::Result<Entry> {
    // A little over the cap: an entry is never written larger.
    let bytes = super::read_beneath(root, &stored.rel, Some(CAP + (1 << 20)))?;
    Entry::decode(&bytes).map_err(|why| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("is not a whole undo record ({why})"),
        )
    })
}

/// Removes a stored entry (undone, or too old to keep).
///
/// # Errors
/// The file system refused.
pub fn remove(root: &Path, stored: &Stored) -> io::Result<()> {
    // Removing a name never follows a link.
    std::fs::remove_file(root.join(&stored.rel))
}

/// Adds `entry` to the journal of the notebook at `root` (temp files in
/// `staging`), then drops the oldest entries beyond [`KEEP`] or [`CAP`].
/// An entry too large for the cap is replaced by a marker that it cannot
/// be undone, and every older entry goes: `undo` stops at the marker.
///
/// # Errors
/// The journal folder cannot be made or written; the caller then calls
/// [`clear`], so that `undo` cannot skip this command.
pub fn append(root: &Path, staging: &Path, entry: &Entry) -> io::Result<()> {
    let dir = folder(root);
    super::ensure_dir(&dir, super::Modes::PRIVATE)?;
    let size = entry.size();
    let too_large = size > CAP;
    let bytes = if too_large {
        Entry::too_large(entry.label.clone(), size).encode()
    } else {
        entry.encode()
    };
    let before = entries(root)?;
    let mut number = before.last().map_or(1, |s| s.number + 1);
    loop {
        let name = format!("{number:08}");
        match super::create(
            &dir.join(&name),
            &bytes,
            super::Modes::PRIVATE,
            Some(staging),
        ) {
            // Something of that name is there (made by hand?): the next.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && number < u64::MAX => {
                number += 1;
            }
            Err(e) => return Err(e),
            Ok(()) => break,
        }
    }
    let mut kept = entries(root)?;
    kept.retain(|s| s.number != number);
    let mut total = bytes.len() as u64 + kept.iter().map(|s| s.size).sum::<u64>();
    let mut count = kept.len() + 1;
    for old in kept {
        if !too_large && count <= KEEP && total <= CAP {
            break;
        }
        remove(root, &old)?;
        count -= 1;
        total -= old.size;
    }
    Ok(())
}

/// Removes every entry: a command that changed files could not be
/// recorded, and `undo` must not reach past it to an older one.
///
/// # Errors
/// An entry cannot be removed.
pub fn clear(root: &Path) -> io::Result<()> {
    for stored in entries(root)? {
        remove(root, &stored)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Entry {
        Entry {
            label: Some("rename alice Mary Ann".into()),
            cannot_undo: None,
            folders: vec![PathBuf::from("alice")],
            moves: vec![Moved {
                from: PathBuf::from("alice"),
                to: PathBuf::from("mary-ann"),
                folder: true,
            }],
            files: vec![
                Written {
                    path: PathBuf::from("mary-ann/2026-11-29.md"),
                    before: None,
                    after: Some(hash(b"new note\n")),
                },
                Written {
                    // Any bytes survive: line breaks, no line break at
                    // the end, not UTF-8.
                    path: PathBuf::from("mary-ann/agenda.md"),
                    before: Some(b"# Agenda\n\nend\n\xff no newline".to_vec()),
                    after: Some(hash(b"# Agenda\n")),
                },
                Written {
                    path: PathBuf::from("alice/person.yaml"),
                    before: Some(b"name: Alice\n".to_vec()),
                    after: None,
                },
                Written {
                    path: PathBuf::from("empty.md"),
                    before: Some(Vec::new()),
                    after: Some(hash(b"x")),
                },
            ],
        }
    }

    #[test]
    fn an_entry_reads_back_as_it_was_written() {
        let entry = sample();
        assert_eq!(Entry::decode(&entry.encode()).unwrap(), entry);
        let marker = Entry::too_large(Some("new alice".into()), 20 << 20);
        assert_eq!(Entry::decode(&marker.encode()).unwrap(), marker);
        assert_eq!(
            marker.cannot_undo.as_deref(),
            Some("it changed 20 MiB of files, more than the undo journal keeps (16 MiB)")
        );
        assert_eq!(
            Entry::decode(&Entry::default().encode()).unwrap(),
            Entry::default()
        );
    }

    #[test]
    fn the_format_is_text_with_lengths() {
        let entry = Entry {
            label: Some("done".into()),
            files: vec![
                Written {
                    path: PathBuf::from("a/n.md"),
                    before: Some(b"- [ ] x\n".to_vec()),
                    after: Some([0xab; 32]),
                },
                Written {
                    path: PathBuf::from("a/new.md"),
                    before: None,
                    after: Some([1; 32]),
                },
            ],
            ..Entry::default()
        };
        let ab = "ab".repeat(32);
        let one = "01".repeat(32);
        assert_eq!(
            String::from_utf8(entry.encode()).unwrap(),
            format!(
                "oneonone undo 1\nlabel 4\ndone\nfile 6 8 {ab}\na/n.md\n- [ ] x\n\n\
                 file 8 - {one}\na/new.md\nend\n"
            )
        );
    }

    #[test]
    fn a_cut_or_doctored_entry_is_refused() {
        let whole = sample().encode();
        // Every cut short of the whole is refused: a crash mid-write could
        // never pass for an entry (the rename makes that moot, but still).
        for len in 0..whole.len() {
            assert!(Entry::decode(&whole[..len]).is_err(), "cut at {len}");
        }
        let bad = |text: &str| Entry::decode(text.as_bytes()).unwrap_err();
        assert_eq!(
            bad("oneonone undo 2\nend\n"),
            "not an undo record of this version of oneonone"
        );
        assert_eq!(
            bad("oneonone undo 1\nfolder 2\n..\nend\n"),
            "a path outside the notebook: \"..\""
        );
        assert_eq!(
            bad("oneonone undo 1\nfolder 4\n/etc\nend\n"),
            "a path outside the notebook: \"/etc\""
        );
        assert_eq!(
            bad("oneonone undo 1\nfile 3 - -\na.md\nend\n"),
            "it is cut short"
        );
        assert_eq!(
            bad("oneonone undo 1\nfile 4 - -\na.md\nend\n"),
            "a file neither there before nor after"
        );
        assert_eq!(
            bad("oneonone undo 1\nfile 4 - abc\na.md\nend\n"),
            "a hash that is not 64 hex digits"
        );
        assert_eq!(
            bad("oneonone undo 1\nrm -rf\nend\n"),
            "an unknown line: \"rm -rf\""
        );
        assert_eq!(bad("oneonone undo 1\nend\nmore"), "bytes after its end");
    }

    #[test]
    fn the_journal_keeps_the_last_entries_within_the_cap() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let staging = root.join(".oneonone/tmp");
        std::fs::create_dir_all(&staging).unwrap();
        let labelled = |n: usize| Entry {
            label: Some(format!("command {n}")),
            ..Entry::default()
        };
        for n in 1..=KEEP + 2 {
            append(root, &staging, &labelled(n)).unwrap();
        }
        let stored = entries(root).unwrap();
        let numbers: Vec<u64> = stored.iter().map(|s| s.number).collect();
        assert_eq!(numbers, (3..=12).collect::<Vec<u64>>());
        assert_eq!(
            read(root, &stored[0]).unwrap().label.as_deref(),
            Some("command 3")
        );
        assert_eq!(
            stored[9].rel,
            Path::new(".oneonone/undo/00000012"),
            "numbered, zero-padded"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&root.join(".oneonone/undo")), 0o700);
            assert_eq!(mode(&root.join(&stored[9].rel)), 0o600);
        }
        assert!(
            std::fs::read_dir(&staging).unwrap().next().is_none(),
            "no temp file left"
        );

        // Two entries of 6 MiB fit; a third pushes the oldest out, however
        // few entries there are.
        clear(root).unwrap();
        let big = |n: usize| Entry {
            label: Some(format!("big {n}")),
            files: vec![Written {
                path: PathBuf::from("a.md"),
                before: Some(vec![b'x'; 6 << 20]),
                after: Some(hash(b"")),
            }],
            ..Entry::default()
        };
        for n in 1..=3 {
            append(root, &staging, &big(n)).unwrap();
        }
        let labels: Vec<String> = entries(root)
            .unwrap()
            .iter()
            .map(|s| read(root, s).unwrap().label.unwrap())
            .collect();
        assert_eq!(labels, ["big 2", "big 3"]);

        // One too large for the cap is kept as a marker, alone.
        let huge = Entry {
            label: Some("huge".into()),
            files: vec![Written {
                path: PathBuf::from("a.md"),
                before: Some(vec![b'x'; (CAP + 1) as usize]),
                after: Some(hash(b"")),
            }],
            ..Entry::default()
        };
        append(root, &staging, &huge).unwrap();
        let stored = entries(root).unwrap();
        assert_eq!(stored.len(), 1);
        let marker = read(root, &stored[0]).unwrap();
        assert_eq!(marker.label.as_deref(), Some("huge"));
        assert!(marker.cannot_undo.is_some());
        assert!(marker.files.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn the_journal_follows_no_link() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let elsewhere = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(root.join(".oneonone/tmp")).unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), root.join(".oneonone/undo")).unwrap();
        let err = append(root, &root.join(".oneonone/tmp"), &sample()).unwrap_err();
        assert_eq!(err.to_string(), super::super::LINK_REFUSED);
        assert!(entries(root).is_err());
        assert!(
            std::fs::read_dir(elsewhere.path())
                .unwrap()
                .next()
                .is_none()
        );

        // An entry that is a link is no entry.
        std::fs::remove_file(root.join(".oneonone/undo")).unwrap();
        std::fs::create_dir(root.join(".oneonone/undo")).unwrap();
        std::fs::write(elsewhere.path().join("x"), sample().encode()).unwrap();
        std::os::unix::fs::symlink(
            elsewhere.path().join("x"),
            root.join(".oneonone/undo/00000001"),
        )
        .unwrap();
        assert_eq!(entries(root).unwrap(), []);
    }
}
