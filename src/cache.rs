//! An on-disk cache of each note's open follow-ups, so that a second
//! `followups` (or `people`) reads only the notes that changed.
//!
//! It lives in `.oneonone/cache-v1` in the notebook (a folder that ignores
//! itself in git), readable by the owner only, and is safe to delete at any
//! time: a missing or unreadable cache is simply rebuilt. It is kept only
//! where the notebook's `.oneonone` folder already exists (a command that
//! writes made it): a command that only reads never creates that folder,
//! which would make the folder it runs in a notebook.
//!
//! An entry is used only when the file's size, modification time, change
//! time and inode are exactly those recorded. Any write to a file moves its
//! change time to the moment of the write, which no program can set back.
//! A file changed so recently (within [`RACY_SECONDS`] of the scan) that a
//! later write might fall in the same clock tick is not cached at all, as
//! git does with its index: so an edit in the same second, to the same
//! size, is never missed. (A system clock set back by more than that is
//! the one case this cannot see; delete the cache after one.)

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::followup::FollowUp;
use crate::fs::STATE_DIR;

/// The cache file's name in the notebook's `.oneonone` folder.
pub const CACHE_FILE: &str = "cache-v1";

/// Files changed this recently are not cached.
pub const RACY_SECONDS: i128 = 2;

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

    /// True when the file changed within [`RACY_SECONDS`] of `now_ns`.
    fn is_racy(&self, now_ns: i128) -> bool {
        self.mtime_ns.max(self.ctime_ns) >= now_ns - RACY_SECONDS * 1_000_000_000
    }
}

/// One cached item: line, checkbox offset, text, owner, due date.
type Item = (usize, usize, Arc<str>, Arc<str>, Option<NaiveDate>);

/// What a file held: its person, date and items (most files hold none).
type Found = (Option<Box<str>>, Option<NaiveDate>, Vec<Item>);

/// One file's cached result: its stamp, and what it held if anything.
type Entry = (Stamp, Option<Box<Found>>);

/// The cache, as read from disk.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Cache {
    /// The oneonone that wrote it: another version may read notes
    /// differently, so its cache is not used.
    version: String,
    entries: HashMap<Box<str>, Entry>,
    #[serde(skip)]
    changed: bool,
}

/// Nanoseconds since the epoch, now.
#[must_use]
pub fn now_ns() -> i128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i128::try_from(d.as_nanos()).unwrap_or(i128::MAX))
}

impl Cache {
    /// Reads the notebook's cache; empty when there is none or it does not
    /// read back.
    #[must_use]
    pub fn load(root: &Path) -> Cache {
        let path = root.join(STATE_DIR).join(CACHE_FILE);
        std::fs::read(path)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Cache>(&bytes).ok())
            .filter(|cache| cache.version == env!("CARGO_PKG_VERSION"))
            .unwrap_or_else(|| Cache {
                version: env!("CARGO_PKG_VERSION").to_string(),
                ..Cache::default()
            })
    }

    /// The cached items of `rel` (a `/` path), if the file is unchanged.
    #[must_use]
    pub fn get(&self, rel: &str, stamp: Stamp, folder: Option<&str>) -> Option<Vec<FollowUp>> {
        let (recorded, found) = self.entries.get(rel)?;
        if *recorded != stamp {
            return None;
        }
        let Some(found) = found else {
            return Some(Vec::new());
        };
        let (person, date, items) = &**found;
        let path: Arc<str> = Arc::from(rel);
        let person: Option<Arc<str>> = person.as_deref().map(Arc::from);
        let folder: Option<Arc<str>> = folder.map(Arc::from);
        Some(
            items
                .iter()
                .map(|(line, checkbox, text, owner, due)| FollowUp {
                    person: person.clone(),
                    date: *date,
                    path: path.clone(),
                    line: *line,
                    text: text.clone(),
                    owner: owner.clone(),
                    due: *due,
                    folder: folder.clone(),
                    checkbox: *checkbox,
                })
                .collect(),
        )
    }

    /// Records the items of a file just read (with no warning about it),
    /// unless it changed too recently to be trusted.
    pub fn put(&mut self, rel: &str, stamp: Stamp, items: &[FollowUp], now_ns: i128) {
        if stamp.is_racy(now_ns) {
            if self.entries.remove(rel).is_some() {
                self.changed = true;
            }
            return;
        }
        let found = items.first().map(|first| {
            Box::new((
                first.person.as_deref().map(Box::from),
                first.date,
                items
                    .iter()
                    .map(|i| (i.line, i.checkbox, i.text.clone(), i.owner.clone(), i.due))
                    .collect(),
            ))
        });
        self.entries.insert(Box::from(rel), (stamp, found));
        self.changed = true;
    }

    /// Forgets the files not in `keep` (deleted or renamed notes).
    pub fn retain(&mut self, keep: &std::collections::HashSet<&str>) {
        let before = self.entries.len();
        self.entries.retain(|rel, _| keep.contains(&**rel));
        self.changed |= self.entries.len() != before;
    }

    /// Removes the notebook's cache file, if there is one (`cache: false`
    /// leaves no copy of the notes' follow-ups behind).
    pub fn remove(root: &Path) {
        let _ = std::fs::remove_file(root.join(STATE_DIR).join(CACHE_FILE));
    }

    /// Writes the cache back if anything changed and the notebook has its
    /// `.oneonone` folder. Best effort: a cache that cannot be written is
    /// only a slower next run.
    pub fn save(&self, root: &Path) {
        let dir = root.join(STATE_DIR);
        // Never made here: a read-only command must not turn the folder it
        // runs in into a notebook. Nor written through a link.
        if !self.changed || !std::fs::symlink_metadata(&dir).is_ok_and(|m| m.is_dir()) {
            return;
        }
        let Ok(bytes) = serde_json::to_vec(self) else {
            return;
        };
        let Ok(mut tmp) = tempfile::Builder::new().prefix(".cache-").tempfile_in(&dir) else {
            return;
        };
        if std::io::Write::write_all(tmp.as_file_mut(), &bytes).is_ok() {
            let _ = tmp.persist(dir.join(CACHE_FILE));
        }
    }
}
