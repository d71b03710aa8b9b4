//! An on-disk cache of each note's open follow-ups (and, for a meeting
//! note, the keys of its ticked and carried items: [`Keys`]), so that a
//! second `followups` (or `people`) reads only the notes that changed.
//!
//! It lives in `.oneonone/cache/` in the notebook (a folder that ignores
//! itself in git), one file for each part of the notebook (a folder at its
//! top with everything under it, or a note at its top), readable by the
//! owner only, and is safe to delete at any time: a missing, unreadable or
//! doctored file is simply rebuilt. Each part's file is read and written
//! by the thread that scans the part, so that what is held at once stays
//! small however large the notebook. It is kept only where the notebook's
//! `.oneonone` folder already exists (a command that writes made it): a
//! command that only reads never creates that folder, which would make the
//! folder it runs in a notebook.
//!
//! An entry is used only when the file's size, modification time, change
//! time and inode are exactly those recorded. Any write to a file moves its
//! change time to the moment of the write, which no program can set back.
//! A file changed so recently (within [`RACY_SECONDS`] of the scan) that a
//! later write might fall in the same clock tick is not cached at all, as
//! git does with its index: so an edit in the same second, to the same
//! size, is never missed.
//!
//! The cache is trusted only as far as it can be checked:
//! - Each file carries a keyed BLAKE3 checksum (a MAC) under a random key
//!   kept in `.oneonone/cache-key`, readable by the owner only. A file
//!   edited by hand, or written by anything but oneonone with that key,
//!   fails the check and is rebuilt from the notes; its contents are not
//!   even parsed. It names the part it is of, so it is not read as
//!   another's.
//! - Each entry records a hash of the file's bytes. On every run, before
//!   anything is listed, a random sample of [`SAMPLE`] entries whose stamp
//!   still matches is checked against the bytes on disk; one mismatch (a
//!   stamp that lies: a clock set back, a file system that does not keep
//!   change times) throws the whole cache away. Checking every entry would be reading every note,
//!   which is what the cache saves.
//!
//! Neither the cache file nor its key is read through a symbolic link, and
//! only as a regular file.
//!
//! The body is binary ([postcard]): the version, rules and part first
//! (read alone, so a cache of another version is not parsed further), then
//! the entries folder by folder, each folder's path written once and each
//! note by its file name.

use std::path::Path;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::followup::{FollowUp, Keys, Owner};
use crate::fs::signed::{KEY_FILE, KEY_LEN, new_key, read_key};
use crate::fs::{CACHE_DIR, Modes, STATE_DIR};

/// The one cache file of an older oneonone, removed where it is found.
const OLD_FILE: &str = "cache-v1";

/// Files changed this recently are not cached.
pub const RACY_SECONDS: i128 = 2;

/// How many entries each run checks against the bytes of their files.
pub const SAMPLE: usize = 16;

/// What a cache must have been written by to be read: this version of
/// oneonone, keeping each item's mention as written, each meeting note's
/// keys (`[>]` items found at any indent), and whether each item is
/// private (a heading opening with a task box included).
const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    "+mentions+keys+indented-marks+private+postcard-by-folder+task-box-titles+by-unit"
);

/// The first line of the cache file, before the checksum.
const MAGIC: &[u8] = b"oneonone-cache ";

/// Far more than any notebook's cache (100,000 notes: about 20 MB); a
/// larger file is not read.
const MAX_CACHE_BYTES: u64 = 1 << 30;

/// What identifies one version of a file (written as a JSON array: the
/// cache of a large notebook stays small).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "(u64, i128, i128, u64)", into = "(u64, i128, i128, u64)")]
pub struct Stamp {
    size: u64,
    mtime_ns: i128,
    ctime_ns: i128,
    inode: u64,
}

impl From<(u64, i128, i128, u64)> for Stamp {
    fn from((size, mtime_ns, ctime_ns, inode): (u64, i128, i128, u64)) -> Self {
        Stamp {
            size,
            mtime_ns,
            ctime_ns,
            inode,
        }
    }
}

impl From<Stamp> for (u64, i128, i128, u64) {
    fn from(s: Stamp) -> Self {
        (s.size, s.mtime_ns, s.ctime_ns, s.inode)
    }
}

impl Stamp {
    /// The stamp of a file, not following links; `None` when it cannot be
    /// read (the scan then reads the file and reports what is wrong).
    #[must_use]
    pub fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::symlink_metadata(path).ok()?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Some(Stamp {
                size: meta.len(),
                mtime_ns: i128::from(meta.mtime()) * 1_000_000_000 + i128::from(meta.mtime_nsec()),
                ctime_ns: i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec()),
                inode: meta.ino(),
            })
        }
        #[cfg(not(unix))]
        {
            let ns = |t: std::io::Result<SystemTime>| {
                t.ok()
                    .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                    .map_or(0, |d| i128::try_from(d.as_nanos()).unwrap_or(i128::MAX))
            };
            Some(Stamp {
                size: meta.len(),
                mtime_ns: ns(meta.modified()),
                ctime_ns: ns(meta.created()),
                inode: 0,
            })
        }
    }

    /// The stamp of the file `name` in the open folder `dir`, not
    /// following links: the same as [`Stamp::of`] its path, without
    /// walking the whole path again for every file of a folder.
    #[cfg(unix)]
    #[must_use]
    pub fn at(dir: std::os::fd::BorrowedFd<'_>, name: &std::ffi::OsStr) -> Option<Stamp> {
        let st = rustix::fs::statat(dir, name, rustix::fs::AtFlags::SYMLINK_NOFOLLOW).ok()?;
        let ns = |s, n| i128::from(s) * 1_000_000_000 + i128::from(n);
        Some(Stamp {
            size: u64::try_from(st.st_size).ok()?,
            mtime_ns: ns(st.st_mtime, st.st_mtime_nsec),
            ctime_ns: ns(st.st_ctime, st.st_ctime_nsec),
            #[allow(clippy::useless_conversion)] // u64 on 64-bit Linux, not everywhere
            inode: u64::from(st.st_ino),
        })
    }

    /// True when the file changed within [`RACY_SECONDS`] of `now_ns`.
    fn is_racy(&self, now_ns: i128) -> bool {
        self.mtime_ns.max(self.ctime_ns) >= now_ns - RACY_SECONDS * 1_000_000_000
    }
}

// The cache's records are written as JSON arrays, not objects (the cache
// of a large notebook stays small, and the field names are not repeated
// in every item): each `Serialize` below writes its fields in order, which
// the derived `Deserialize` reads back, as serde reads any struct from an
// array.

/// One cached item: what [`FollowUp`] holds that is not the same for the
/// whole file.
#[derive(Debug, PartialEq, Eq, Deserialize)]
struct Item {
    /// 1-based line of the checkbox.
    line: usize,
    /// Byte offset of the checkbox character.
    checkbox: usize,
    /// The item's text.
    text: Arc<str>,
    /// Its `@mention` as written: whom it names depends on the people
    /// of the notebook (their folders, names, aliases), which may change
    /// while the note does not, so it is resolved after each load.
    mention: Option<Arc<str>>,
    /// When it is due.
    due: Option<NaiveDate>,
    /// Whether it is in a private section, by the rules the cache was
    /// written under ([`Cache::load`] checks them).
    private: bool,
}

impl Serialize for Item {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (
            &self.line,
            &self.checkbox,
            &self.text,
            &self.mention,
            &self.due,
            &self.private,
        )
            .serialize(serializer)
    }
}

/// What a file held, when it held any item (most files hold none).
#[derive(Debug, PartialEq, Eq, Deserialize)]
struct Found {
    /// The frontmatter's `person`, else the person folder's name.
    person: Option<Box<str>>,
    /// The note's date.
    date: Option<NaiveDate>,
    /// Its items, in file order.
    items: Vec<Item>,
}

impl Serialize for Found {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (&self.person, &self.date, &self.items).serialize(serializer)
    }
}

/// One file's cached result.
#[derive(Debug, PartialEq, Eq, Deserialize)]
pub struct Entry {
    /// The version of the file it is about.
    stamp: Stamp,
    /// The [`content_hash`] of the file's bytes.
    hash: u64,
    /// What it held, if anything.
    found: Option<Box<Found>>,
    /// Its keys, if it is a meeting note with ticked or carried items.
    keys: Option<Keys>,
}

impl Serialize for Entry {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (&self.stamp, &self.hash, &self.found, &self.keys).serialize(serializer)
    }
}

impl Entry {
    /// True when it is about this version of the file.
    #[must_use]
    pub fn is_of(&self, stamp: Stamp) -> bool {
        self.stamp == stamp
    }

    /// The file's keys, if it has any.
    #[must_use]
    pub fn keys(&self) -> Option<&Keys> {
        self.keys.as_ref()
    }

    /// Adds the file's items to `items`, with its `path` and person
    /// `folder` shared, not copied.
    pub fn emit(&self, path: &Arc<str>, folder: Option<&Arc<str>>, items: &mut Vec<FollowUp>) {
        let Some(found) = &self.found else { return };
        let person: Option<Arc<str>> = found.person.as_deref().map(Arc::from);
        items.extend(found.items.iter().map(|item| {
            let (owner, mention) = Owner::written(item.mention.as_deref());
            FollowUp {
                person: person.clone(),
                date: found.date,
                path: path.clone(),
                line: item.line,
                text: item.text.clone(),
                owner,
                mention,
                due: item.due,
                folder: folder.cloned(),
                checkbox: item.checkbox,
                private: item.private,
            }
        }));
    }
}

/// The hash of a file's bytes an entry records (the first 64 bits of its
/// BLAKE3 hash: the entries are already signed as a whole, so this only
/// has to notice a file that is not what its stamp says).
#[must_use]
pub fn content_hash(bytes: &[u8]) -> u64 {
    let hash = blake3::hash(bytes);
    let mut first = [0; 8];
    first.copy_from_slice(&hash.as_bytes()[..8]);
    u64::from_le_bytes(first)
}

/// One folder's entries, sorted by file name (a list, not a map: no
/// empty slots, and the walk lists a folder's notes in that order, so
/// entries are added at the end).
#[derive(Debug, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Folder(Vec<(Box<str>, Entry)>);

impl<'de> Deserialize<'de> for Folder {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Folder, D::Error> {
        let mut entries: Vec<(Box<str>, Entry)> = Vec::deserialize(deserializer)?;
        if !entries.is_sorted_by(|a, b| a.0 < b.0) {
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            entries.dedup_by(|a, b| a.0 == b.0);
        }
        Ok(Folder(entries))
    }
}

impl Folder {
    /// The entry of the file `name`.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&Entry> {
        let at = self.0.binary_search_by(|(n, _)| (**n).cmp(name)).ok()?;
        Some(&self.0[at].1)
    }

    fn insert(&mut self, name: &str, entry: Entry) {
        match self.0.binary_search_by(|(n, _)| (**n).cmp(name)) {
            Ok(at) => self.0[at].1 = entry,
            Err(at) => self.0.insert(at, (name.into(), entry)),
        }
    }

    fn remove(&mut self, name: &str) -> bool {
        match self.0.binary_search_by(|(n, _)| (**n).cmp(name)) {
            Ok(at) => {
                self.0.remove(at);
                true
            }
            Err(_) => false,
        }
    }

    fn len(&self) -> usize {
        self.0.len()
    }
}

/// The cache of one part of the notebook (a folder at its top, with
/// everything under it, or a note at its top), as read from its file.
#[derive(Debug, Default)]
pub struct Cache {
    /// The part: its name at the notebook's top, with a `/` after a
    /// folder's ([`unit_file`] names its file).
    unit: Box<str>,
    /// The entries by folder (the notebook-relative path of the file's
    /// folder, with `/`; empty at the top), then by file name.
    folders: FxHashMap<Box<str>, Folder>,
    changed: bool,
}

/// A `/` path split into its folder and its file name.
fn split(rel: &str) -> (&str, &str) {
    rel.rsplit_once('/').unwrap_or(("", rel))
}

/// The folders in the order they are written: a file's bytes depend on
/// its entries only.
fn sorted(folders: &FxHashMap<Box<str>, Folder>) -> Vec<(&str, &Folder)> {
    let mut sorted: Vec<(&str, &Folder)> = folders.iter().map(|(k, v)| (&**k, v)).collect();
    sorted.sort_unstable_by_key(|(k, _)| *k);
    sorted
}

/// The body of a cache file: the version, the rules and the part it is
/// of, then the folders.
fn encode(
    version: &str,
    rules: u64,
    unit: &str,
    folders: &FxHashMap<Box<str>, Folder>,
) -> Option<Vec<u8>> {
    let mut body = postcard::to_stdvec(&(version, rules, unit)).ok()?;
    body.extend(postcard::to_stdvec(&sorted(folders)).ok()?);
    Some(body)
}

/// What a cache body holds.
type Decoded = (String, u64, String, FxHashMap<Box<str>, Folder>);

/// The version, rules, part and folders of a cache body; the folders
/// only when the version, rules and part are `want`'s.
fn decode(body: &[u8], want: Option<(&str, u64, &str)>) -> Option<Decoded> {
    let ((version, rules, unit), rest): ((String, u64, String), &[u8]) =
        postcard::take_from_bytes(body).ok()?;
    if want.is_some_and(|(v, r, u)| v != version || r != rules || u != unit) {
        return None;
    }
    let folders: Vec<(Box<str>, Folder)> = postcard::from_bytes(rest).ok()?;
    Some((version, rules, unit, folders.into_iter().collect()))
}

/// A cache body as JSON, `{"version", "rules", "unit", "entries": {path:
/// entry}}` (each entry as an array), for tests that doctor a cache.
#[doc(hidden)]
#[must_use]
pub fn body_to_json(body: &[u8]) -> Option<serde_json::Value> {
    let (version, rules, unit, folders) = decode(body, None)?;
    let mut entries = serde_json::Map::new();
    for (folder, names) in &folders {
        for (name, entry) in &names.0 {
            let rel = if folder.is_empty() {
                name.to_string()
            } else {
                format!("{folder}/{name}")
            };
            entries.insert(rel, serde_json::to_value(entry).ok()?);
        }
    }
    Some(serde_json::json!({"version": version, "rules": rules, "unit": unit, "entries": entries}))
}

/// The cache body [`body_to_json`] gives back from its JSON.
#[doc(hidden)]
#[must_use]
pub fn body_from_json(json: &serde_json::Value) -> Option<Vec<u8>> {
    let version = json.get("version")?.as_str()?;
    let rules = json.get("rules")?.as_u64()?;
    let unit = json.get("unit")?.as_str()?;
    let mut folders: FxHashMap<Box<str>, Folder> = FxHashMap::default();
    for (rel, entry) in json.get("entries")?.as_object()? {
        let (folder, name) = split(rel);
        let entry: Entry = serde_json::from_value(entry.clone()).ok()?;
        folders
            .entry(folder.into())
            .or_default()
            .insert(name, entry);
    }
    encode(version, rules, unit, &folders)
}

/// The name of the file in `.oneonone/cache/` that holds the cache of
/// `unit` (a name at the notebook's top, with a `/` after a folder's):
/// part of a hash of it, so that any name gives a short file name and
/// none a path.
#[doc(hidden)]
#[must_use]
pub fn unit_file(unit: &str) -> String {
    let hash = blake3::hash(unit.as_bytes());
    hash.to_hex()[..32].to_string()
}

/// Nanoseconds since the epoch, now.
#[must_use]
pub fn now_ns() -> i128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i128::try_from(d.as_nanos()).unwrap_or(i128::MAX))
}

impl Cache {
    /// An empty cache of `unit`.
    fn empty(unit: &str) -> Cache {
        Cache {
            unit: unit.into(),
            ..Cache::default()
        }
    }

    /// How many files it has entries for.
    #[must_use]
    pub fn len(&self) -> usize {
        self.folders.values().map(Folder::len).sum()
    }

    /// The entries of the files in `folder` (a `/` path, empty at the top).
    #[must_use]
    pub fn folder(&self, folder: &str) -> Option<&Folder> {
        self.folders.get(folder)
    }

    /// The cached items of `rel` (a `/` path) and its keys, if the file is
    /// unchanged.
    #[cfg(test)]
    #[must_use]
    pub fn get(
        &self,
        rel: &str,
        stamp: Stamp,
        folder: Option<&str>,
    ) -> Option<(Vec<FollowUp>, Option<Keys>)> {
        let (dir, name) = split(rel);
        let entry = self.folder(dir)?.get(name).filter(|e| e.is_of(stamp))?;
        let mut items = Vec::new();
        entry.emit(&Arc::from(rel), folder.map(Arc::from).as_ref(), &mut items);
        Some((items, entry.keys().cloned()))
    }

    /// Records the items of a file just read (with no warning about it,
    /// owners as written or resolved: the mention is what is kept) and its
    /// keys, with the [`content_hash`] of the bytes they were read from,
    /// unless it changed too recently to be trusted.
    pub fn put(
        &mut self,
        rel: &str,
        stamp: Stamp,
        hash: u64,
        items: &[&FollowUp],
        keys: Option<&Keys>,
        now_ns: i128,
    ) {
        let (dir, name) = split(rel);
        if stamp.is_racy(now_ns) {
            if let Some(names) = self.folders.get_mut(dir)
                && names.remove(name)
            {
                self.changed = true;
            }
            return;
        }
        let found = items.first().map(|first| {
            Box::new(Found {
                person: first.person.as_deref().map(Box::from),
                date: first.date,
                items: items
                    .iter()
                    .map(|i| Item {
                        line: i.line,
                        checkbox: i.checkbox,
                        text: i.text.clone(),
                        mention: i.written_mention(),
                        due: i.due,
                        private: i.private,
                    })
                    .collect(),
            })
        });
        let keys = keys.filter(|k| !k.is_empty()).cloned();
        self.folders.entry(dir.into()).or_default().insert(
            name,
            Entry {
                stamp,
                hash,
                found,
                keys,
            },
        );
        self.changed = true;
    }

    /// Forgets the files for which `keep` is false (deleted or renamed
    /// notes), given their `/` paths.
    pub fn retain(&mut self, keep: &dyn Fn(&str) -> bool) {
        let before = self.len();
        let mut rel = String::new();
        for (folder, names) in &mut self.folders {
            names.0.retain(|(name, _)| {
                rel.clear();
                if !folder.is_empty() {
                    rel.push_str(folder);
                    rel.push('/');
                }
                rel.push_str(name);
                keep(&rel)
            });
        }
        self.folders.retain(|_, names| names.len() > 0);
        self.changed |= self.len() != before;
    }

    /// Whether an entry of `picks` (positions among its entries, sorted)
    /// whose stamp still matches has other bytes than it records.
    fn lies(&self, root: &Path, picks: &[usize]) -> bool {
        let mut picks = picks.iter().copied().peekable();
        let all = sorted(&self.folders)
            .into_iter()
            .flat_map(|(folder, names)| names.0.iter().map(move |(name, e)| (folder, name, e)));
        for (i, (folder, name, entry)) in all.enumerate() {
            if picks.peek().is_none() {
                break;
            }
            if picks.peek() != Some(&i) {
                continue;
            }
            while picks.peek() == Some(&i) {
                picks.next();
            }
            let path = root.join(folder).join(&**name);
            // A file whose stamp changed is read again anyway.
            if Stamp::of(&path) != Some(entry.stamp) {
                continue;
            }
            let bytes = crate::fs::read_regular(&path, Some(entry.stamp.size.saturating_add(1)));
            if bytes.is_ok_and(|bytes| content_hash(&bytes) != entry.hash) {
                return true;
            }
        }
        false
    }
}

/// The notebook's cache: one signed file per part of the notebook in
/// `.oneonone/cache/`, each read by the thread that scans its part and
/// let go with it, so that what is held at once stays small however
/// large the notebook.
#[derive(Debug)]
pub struct Store {
    /// The notebook's root.
    root: std::path::PathBuf,
    /// The fingerprint of the rules that said which items are private
    /// ([`crate::share::private::Sharing::fingerprint`]): under other
    /// rules (another private heading, another bank), a file is not used.
    rules: u64,
    /// The notebook has its `.oneonone` folder, so the cache can be kept.
    kept: bool,
    /// The key the files are signed with: read at the start, made by the
    /// first part saved when there is none.
    key: std::sync::OnceLock<Option<[u8; KEY_LEN]>>,
    /// No sampled entry lied: the files are read.
    trusted: bool,
}

impl Store {
    /// The cache of the notebook at `root`, under `rules`. It is kept only
    /// where the notebook's `.oneonone` folder is.
    #[must_use]
    pub fn open(root: &Path, rules: u64) -> Store {
        let state = root.join(STATE_DIR);
        // Never read or written through a link.
        let linked = crate::fs::is_link(&state.join(CACHE_DIR));
        let kept = crate::fs::is_real_dir(&state) && !linked;
        let key = std::sync::OnceLock::new();
        if kept {
            if let Some(found) = read_key(&state) {
                let _ = key.set(Some(found));
            }
            // The one file of an older oneonone: its notes' items, left
            // behind unread.
            let _ = std::fs::remove_file(state.join(OLD_FILE));
        }
        Store {
            root: root.to_path_buf(),
            rules,
            kept,
            key,
            trusted: true,
        }
    }

    /// A cache that reads and keeps nothing.
    #[must_use]
    pub fn none(root: &Path) -> Store {
        Store {
            root: root.to_path_buf(),
            rules: 0,
            kept: false,
            key: std::sync::OnceLock::new(),
            trusted: false,
        }
    }

    /// True when the notebook has its `.oneonone` folder, where the cache
    /// is kept; elsewhere nothing is saved, so nothing need be recorded.
    #[must_use]
    pub fn is_kept(&self) -> bool {
        self.kept
    }

    /// The folder of the cache files.
    fn dir(&self) -> std::path::PathBuf {
        self.root.join(STATE_DIR).join(CACHE_DIR)
    }

    /// The cache of `unit`: empty when it has none, it does not read back,
    /// it fails its checksum, it was written under other rules or for
    /// another part, or a sampled entry lied.
    #[must_use]
    pub fn unit(&self, unit: &str) -> Cache {
        let key = self.key.get().copied().flatten();
        let (Some(key), true, true) = (key, self.kept, self.trusted) else {
            return Cache::empty(unit);
        };
        let path = self.dir().join(unit_file(unit));
        let folders = crate::fs::read_regular(&path, Some(MAX_CACHE_BYTES))
            .ok()
            .and_then(|bytes| {
                let body = crate::fs::signed::verified(&key, MAGIC, &bytes)?;
                decode(body, Some((VERSION, self.rules, unit)))
            });
        let mut cache = Cache::empty(unit);
        if let Some((_, _, _, folders)) = folders {
            cache.folders = folders;
        }
        cache
    }

    /// Checks [`SAMPLE`] entries picked at random among those of `units`
    /// whose stamp still matches against their files' bytes; on any
    /// mismatch (a clock set back, a file system that does not keep
    /// change times), no file of the cache is read this time, and each
    /// is written again from the notes.
    pub fn check_sample(&mut self, units: &[&str]) {
        if units.is_empty() || !self.kept || self.key.get().copied().flatten().is_none() {
            return;
        }
        // Each part drawn once or more; a few parts, each of them.
        let mut drawn: Vec<usize> = if units.len() <= SAMPLE {
            (0..units.len()).collect()
        } else {
            Vec::new()
        };
        while drawn.len() < SAMPLE {
            drawn.push(rand::random_range(0..units.len()));
        }
        drawn.sort_unstable();
        for run in drawn.chunk_by(|a, b| a == b) {
            let cache = self.unit(units[run[0]]);
            let total = cache.len();
            if total == 0 {
                continue;
            }
            // A part of few entries, each of them.
            let mut picks: Vec<usize> = if total <= run.len() {
                (0..total).collect()
            } else {
                (0..run.len())
                    .map(|_| rand::random_range(0..total))
                    .collect()
            };
            picks.sort_unstable();
            if cache.lies(&self.root, &picks) {
                self.trusted = false;
                // No file of it is left to be read again, whether or not
                // this scan reaches its part.
                self.keep_only(&[]);
                return;
            }
        }
    }

    /// Writes `cache` back, signed, if anything changed and the notebook
    /// has its `.oneonone` folder. Best effort: a cache that cannot be
    /// written is only a slower next run.
    pub fn save(&self, cache: &Cache) {
        let state = self.root.join(STATE_DIR);
        // Never made here: a read-only command must not turn the folder it
        // runs in into a notebook. Nor written through a link.
        if !cache.changed || !self.kept || !crate::fs::is_real_dir(&state) {
            return;
        }
        let Some(key) = *self.key.get_or_init(|| new_key(&state)) else {
            return;
        };
        let dir = self.dir();
        if !crate::fs::is_real_dir(&dir)
            && crate::fs::create_dir_private(&dir).is_err()
            && !crate::fs::is_real_dir(&dir)
        {
            return;
        }
        let Some(body) = encode(VERSION, self.rules, &cache.unit, &cache.folders) else {
            return;
        };
        let bytes = crate::fs::signed::signed(&key, MAGIC, &body);
        let _ = crate::fs::write_owned(&dir.join(unit_file(&cache.unit)), &bytes, Modes::PRIVATE);
    }

    /// Removes the files of the parts not in `units` (folders deleted or
    /// renamed), after a scan of the whole notebook, and the temp files a
    /// killed save left (in the same listing: a command that takes the
    /// lock does not list this folder of a file for each person).
    pub fn keep_only(&self, units: &[&str]) {
        if !self.kept {
            return;
        }
        let Ok(entries) = std::fs::read_dir(self.dir()) else {
            return;
        };
        let keep: std::collections::HashSet<String> = units.iter().map(|u| unit_file(u)).collect();
        let now = std::time::SystemTime::now();
        for entry in entries.flatten() {
            let name = entry.file_name();
            let is_cache = name.to_str().is_some_and(|n| {
                n.len() == 32 && n.bytes().all(|b| b.is_ascii_hexdigit()) && !keep.contains(n)
            });
            let stale = crate::fs::temp_entry(&entry, now, crate::fs::STALE_AFTER) == Some(true);
            if is_cache || stale {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }

    /// Removes the notebook's cache files, the list of its folders and
    /// their key, if they are there (`cache: false` leaves no copy of the
    /// notes' follow-ups behind).
    pub fn remove(root: &Path) {
        let state = root.join(STATE_DIR);
        // Nothing is removed through a link.
        if !crate::fs::is_real_dir(&state) {
            return;
        }
        let _ = std::fs::remove_file(state.join(OLD_FILE));
        let dir = state.join(CACHE_DIR);
        if crate::fs::is_real_dir(&dir) {
            let _ = std::fs::remove_dir_all(&dir);
        } else {
            let _ = std::fs::remove_file(&dir);
        }
        let _ = std::fs::remove_file(state.join(crate::fs::FOLDERS_FILE));
        let _ = std::fs::remove_file(state.join(KEY_FILE));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A time long after the files were written: none of them is racy.
    const LATER: i128 = i128::MAX;

    fn stamped(dir: &Path, rel: &str, text: &str) -> Stamp {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        Stamp::of(&path).unwrap()
    }

    /// A notebook folder with its `.oneonone` folder.
    fn notebook() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(STATE_DIR)).unwrap();
        dir
    }

    /// Saves, for the part `a/`, its note `a/2026-01-01.md` as holding
    /// nothing, with the hash `hash`.
    fn save_one(dir: &Path, stamp: Stamp, hash: u64) {
        let store = Store::open(dir, 0);
        let mut cache = store.unit("a/");
        cache.put("a/2026-01-01.md", stamp, hash, &[], None, LATER);
        store.save(&cache);
    }

    #[test]
    fn a_sampled_entry_whose_bytes_differ_throws_the_cache_away() {
        let dir = notebook();
        let stamp = stamped(dir.path(), "a/2026-01-01.md", "- [ ] one\n");
        let right = content_hash(b"- [ ] one\n");
        save_one(dir.path(), stamp, right);
        let mut store = Store::open(dir.path(), 0);
        store.check_sample(&["a/", "b/"]);
        assert!(store.trusted, "the bytes match: kept");
        assert_eq!(store.unit("a/").len(), 1);

        // The same stamp, other bytes (as a clock set back would leave it).
        save_one(dir.path(), stamp, right ^ 1);
        let mut store = Store::open(dir.path(), 0);
        store.check_sample(&["a/"]);
        assert!(!store.trusted);
        assert_eq!(store.unit("a/").len(), 0, "no file is read");
    }

    #[test]
    fn a_changed_file_is_not_sampled_but_missed() {
        let dir = notebook();
        let stamp = stamped(dir.path(), "a/2026-01-01.md", "- [ ] one\n");
        save_one(dir.path(), stamp, 0);
        std::fs::write(dir.path().join("a/2026-01-01.md"), "- [ ] one, longer\n").unwrap();
        let mut store = Store::open(dir.path(), 0);
        store.check_sample(&["a/"]);
        let cache = store.unit("a/");
        assert_eq!(cache.len(), 1);
        let now = Stamp::of(&dir.path().join("a/2026-01-01.md")).unwrap();
        assert_eq!(cache.get("a/2026-01-01.md", now, Some("a")), None);
    }

    #[test]
    fn a_same_size_rewrite_at_once_misses_the_cache_by_its_stamp() {
        let dir = tempfile::tempdir().unwrap();
        let stamp = stamped(dir.path(), "a/2026-01-01.md", "- [ ] first version\n");
        let mut cache = Cache::empty("a/");
        cache.put("a/2026-01-01.md", stamp, 0, &[], None, LATER);
        // Same size, same second: the stamp alone must tell (no sample).
        std::fs::write(dir.path().join("a/2026-01-01.md"), "- [ ] other version\n").unwrap();
        let now = Stamp::of(&dir.path().join("a/2026-01-01.md")).unwrap();
        assert_ne!(now, stamp);
        assert_eq!(cache.get("a/2026-01-01.md", now, Some("a")), None);
        assert_eq!(
            cache.get("a/2026-01-01.md", stamp, Some("a")),
            Some((Vec::new(), None))
        );
    }

    #[test]
    fn what_is_saved_reads_back_as_the_same_items() {
        let dir = notebook();
        let rel = "alice/2026-01-05.md";
        let text = "- [ ] send the doc 📅 2026-02-01\n- [ ] @bob reviews it\n";
        let stamp = stamped(dir.path(), rel, text);
        let date = NaiveDate::from_ymd_opt(2026, 1, 5);
        let item =
            |line: usize, checkbox: usize, text: &str, owner: Owner, due, private| FollowUp {
                person: Some(Arc::from("Alice")),
                date,
                path: Arc::from(rel),
                line,
                text: Arc::from(text),
                owner,
                mention: None,
                due,
                folder: Some(Arc::from("alice")),
                checkbox,
                private,
            };
        let items = [
            item(
                1,
                3,
                "send the doc 📅 2026-02-01",
                Owner::Me,
                NaiveDate::from_ymd_opt(2026, 2, 1),
                false,
            ),
            item(
                2,
                40,
                "@bob reviews it",
                Owner::Person("bob".into()),
                None,
                true,
            ),
        ];
        let keys = Keys::new(&[1, u64::MAX], &[3]);
        let store = Store::open(dir.path(), 0);
        let mut cache = store.unit("alice/");
        let hash = content_hash(text.as_bytes());
        cache.put(
            rel,
            stamp,
            hash,
            &[&items[0], &items[1]],
            Some(&keys),
            LATER,
        );
        store.save(&cache);
        let back = Store::open(dir.path(), 0).unit("alice/");
        assert_eq!(
            back.get(rel, stamp, Some("alice")).unwrap(),
            (items.to_vec(), Some(keys))
        );
        // Under other rules of what is private, none of it is used; nor
        // is the file read as another part's.
        let other_rules = Store::open(dir.path(), 1).unit("alice/");
        assert_eq!(other_rules.get(rel, stamp, Some("alice")), None);
        let cache_dir = dir.path().join(STATE_DIR).join(CACHE_DIR);
        std::fs::copy(
            cache_dir.join(unit_file("alice/")),
            cache_dir.join(unit_file("bob/")),
        )
        .unwrap();
        assert_eq!(Store::open(dir.path(), 0).unit("bob/").len(), 0);
    }

    #[test]
    fn the_files_of_parts_gone_and_the_older_cache_are_removed() {
        let dir = notebook();
        let state = dir.path().join(STATE_DIR);
        std::fs::write(state.join(OLD_FILE), "items").unwrap();
        let stamp = stamped(dir.path(), "a/2026-01-01.md", "x\n");
        save_one(dir.path(), stamp, content_hash(b"x\n"));
        assert!(!state.join(OLD_FILE).exists());
        let store = Store::open(dir.path(), 0);
        let mut cache = store.unit("b.md");
        cache.put("b.md", stamp, 0, &[], None, LATER);
        store.save(&cache);
        let files = || {
            let mut names: Vec<String> = std::fs::read_dir(state.join(CACHE_DIR))
                .unwrap()
                .map(|e| e.unwrap().file_name().into_string().unwrap())
                .collect();
            names.sort();
            names
        };
        let mut both = vec![unit_file("a/"), unit_file("b.md")];
        both.sort();
        assert_eq!(files(), both);
        store.keep_only(&["b.md", "c/"]);
        assert_eq!(files(), [unit_file("b.md")]);
        Store::remove(dir.path());
        assert!(!state.join(CACHE_DIR).exists());
        assert!(!state.join(KEY_FILE).exists());
    }

    #[test]
    fn entries_are_written_as_arrays() {
        let entry = || Entry {
            stamp: Stamp::from((10, 1, 2, 3)),
            hash: 4,
            found: Some(Box::new(Found {
                person: Some("Alice".into()),
                date: NaiveDate::from_ymd_opt(2026, 1, 5),
                items: vec![Item {
                    line: 7,
                    checkbox: 99,
                    text: "@bob reviews it".into(),
                    mention: Some("Bob".into()),
                    due: None,
                    private: true,
                }],
            })),
            keys: Some(Keys::new(&[5], &[6, 7])),
        };
        let written = serde_json::to_string(&entry()).unwrap();
        assert_eq!(
            written,
            r#"[[10,1,2,3],4,["Alice","2026-01-05",[[7,99,"@bob reviews it","Bob",null,true]]],"1:000000000000000500000000000000060000000000000007"]"#
        );
        assert_eq!(serde_json::from_str::<Entry>(&written).unwrap(), entry());

        // In the file, binary: the folder once, the note by its name; its
        // JSON view is the same array, and reads back to the same bytes.
        let mut folders: FxHashMap<Box<str>, Folder> = FxHashMap::default();
        folders
            .entry("alice".into())
            .or_default()
            .insert("2026-01-05.md", entry());
        let body = encode("v", 3, "alice/", &folders).unwrap();
        assert_eq!(decode(&body, Some(("v", 3, "alice/"))).unwrap().3, folders);
        assert!(
            decode(&body, Some(("w", 3, "alice/"))).is_none(),
            "another version"
        );
        assert!(
            decode(&body, Some(("v", 4, "alice/"))).is_none(),
            "other rules"
        );
        assert!(
            decode(&body, Some(("v", 3, "bob/"))).is_none(),
            "another part"
        );
        let json = body_to_json(&body).unwrap();
        assert_eq!(json["entries"]["alice/2026-01-05.md"].to_string(), written);
        assert_eq!(body_from_json(&json).unwrap(), body);
        assert!(body.len() < written.len(), "{} bytes", body.len());
    }

    #[test]
    fn nothing_is_kept_without_the_state_folder() {
        let dir = tempfile::tempdir().unwrap();
        let stamp = stamped(dir.path(), "a/2026-01-01.md", "x\n");
        let store = Store::open(dir.path(), 0);
        assert!(!store.is_kept());
        let mut cache = store.unit("a/");
        cache.put("a/2026-01-01.md", stamp, 0, &[], None, LATER);
        store.save(&cache);
        assert!(!dir.path().join(STATE_DIR).exists());

        std::fs::create_dir(dir.path().join(STATE_DIR)).unwrap();
        save_one(dir.path(), stamp, content_hash(b"x\n"));
        assert_eq!(Store::open(dir.path(), 0).unit("a/").len(), 1);
    }
}
