//! Follow-ups: the open task items of the notebook's notes, with the person
//! and meeting date they belong to, and who owns each: the manager, or the
//! person its first `@mention` names, resolved as a typed name is
//! ([`resolve_owners`]).

pub mod cache;

use std::path::Path;

use chrono::NaiveDate;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::note::{Note, parse_date_prefix};
use crate::notebook::{
    NoteFile, NoteReader, Notebook, Walked, person_folder, slash_path, walk_order,
};
use crate::person::People;
use crate::share::private::{Sharing, private_ranges, private_ranges_in, touches};
use crate::task;
use rustc_hash::FxHashMap;

/// One open follow-up, as `followups --json` prints it.
///
/// The strings every item of a file shares (person, path, folder) are
/// shared, not copied: a notebook can hold many thousands of items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FollowUp {
    /// The frontmatter's `person`, else the person folder's name; null for a
    /// file at the notebook's root without a `person`.
    pub person: Option<Arc<str>>,
    /// The frontmatter's `date`, else the date the file name starts with.
    pub date: Option<NaiveDate>,
    /// Path relative to the notebook root, with `/` separators.
    pub path: Arc<str>,
    /// 1-based line of the checkbox.
    pub line: usize,
    /// The item's text, without list marker and checkbox, trimmed.
    pub text: Arc<str>,
    /// Who owns it: written `me` (the manager, also when nobody is
    /// mentioned), or the folder of the person an `@mention` names (once
    /// [`resolve_owners`] has run; before, and for a mention of nobody in
    /// the notebook, the mention folded as a slug).
    pub owner: Owner,
    /// The `@mention` as written, when it is not the owner's slug
    /// (`@chloe` owned by `chloe-dubois`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mention: Option<Arc<str>>,
    /// The due date, from `📅 YYYY-MM-DD` or `due:YYYY-MM-DD`.
    pub due: Option<NaiveDate>,
    /// The person folder the file is in (not serialized).
    #[serde(skip)]
    pub folder: Option<Arc<str>>,
    /// Byte offset of the checkbox character in the file (not serialized).
    #[serde(skip)]
    pub checkbox: usize,
    /// Whether its box is in a private section of its note
    /// ([`crate::share::private::private_ranges`]): never in the shared
    /// copy, marked in a listing, hidden from a shared screen. Written
    /// only when true.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub private: bool,
}

/// Every open follow-up in the notebook, sorted by path then line, and
/// with `keyed` the [`Trail`] of every meeting note that holds a ticked
/// or carried item (for [`orphan_counts`]). Files that cannot be read or
/// parsed are reported to `warn` (in path order); what can be read of
/// them is still listed.
pub fn scan_keyed(
    notebook: &Notebook,
    warn: &mut dyn FnMut(Error),
    keyed: bool,
) -> (Vec<FollowUp>, Vec<Trail>) {
    scan_keyed_seeing(notebook, warn, keyed, &mut |_| {})
}

/// [`scan_keyed`], handing the walk's list of each part of the notebook
/// to `see` (`people` takes each person's meetings from it instead of
/// listing their folder again).
pub fn scan_keyed_seeing(
    notebook: &Notebook,
    warn: &mut dyn FnMut(Error),
    keyed: bool,
    see: &mut dyn FnMut(&[NoteFile]),
) -> (Vec<FollowUp>, Vec<Trail>) {
    let mut found = Vec::new();
    let mut trails = Vec::new();
    let warnings = scan_units(notebook, keyed, &mut |unit| {
        see(&unit.files);
        found.extend(unit.items);
        trails.extend(unit.trails);
    });
    for e in warnings {
        warn(e);
    }
    (found, trails)
}

/// What [`scan_units`] found in one part of the notebook: a folder at its
/// top with everything under it, or a note at its top.
#[derive(Debug, Default)]
pub struct UnitFound {
    /// Its notes, as the walk listed them.
    pub files: Vec<NoteFile>,
    /// Their open follow-ups, by path then line.
    pub items: Vec<FollowUp>,
    /// With `keyed`, the [`Trail`] of each of its meeting notes that
    /// holds a ticked or carried item.
    pub trails: Vec<Trail>,
    /// What its walk said (what cannot be listed, links, names), in the
    /// walk's order.
    said: Vec<Error>,
    /// What could not be read or parsed, in the walk's order.
    failed: Vec<Error>,
}

/// Notes to read in one part of the notebook from which they are read on
/// every core, not only on the thread that scans the part.
const LARGE_PART: usize = 512;

/// Parts scanned ahead of the one whose turn it is, per thread, before
/// the threads wait: what is held at once stays small however slowly the
/// parts are handed over.
const AHEAD: usize = 4;

/// A part of the notebook with its name as bytes, `/` after a folder's.
type Named = (Vec<u8>, Top);

/// One entry at the notebook's top, scanned as a whole.
enum Top {
    /// A folder, with everything under it: its path in the notebook.
    Folder(std::path::PathBuf),
    /// A note.
    Note(NoteFile),
    /// What the walk said of an entry (its place among the warnings kept
    /// aside).
    Said(usize),
}

/// Scans the notebook part by part (each folder at its top, with
/// everything under it, and each note at its top) on every core, and
/// hands each part's follow-ups to `each` in path order as soon as the
/// parts before it are done: a listing can be written while the rest is
/// read, and what is held at once stays small however large the
/// notebook. Unchanged notes come from the part's cache file (read by the
/// thread that scans the part, and written back by it); the rest are
/// read, and cached. Gives what could not be read, in the order a walk
/// of the whole notebook says it: what the walk says first, then the
/// notes that cannot be read, each in the walk's order.
pub fn scan_units(notebook: &Notebook, keyed: bool, each: &mut dyn FnMut(UnitFound)) -> Vec<Error> {
    use crate::followup::cache::Store;
    let keyed = keyed && !holds_copies(notebook);
    let rules = private_rules(notebook);
    // A space keeps no cache: nothing of oneonone's own in a folder that
    // is shared (a synced drive copies whatever is in it).
    let cached = notebook.config.cache.unwrap_or(true) && !holds_copies(notebook);
    let mut store = if cached {
        Store::open(notebook.root(), rules.fingerprint())
    } else {
        Store::remove(notebook.root());
        Store::none(notebook.root())
    };
    let (tops, mut said) = tops(notebook);
    // The parts with a cache file: those named in UTF-8.
    let units: Vec<&str> = tops
        .iter()
        .filter(|(_, top)| !matches!(top, Top::Said(_)))
        .filter_map(|(unit, _)| std::str::from_utf8(unit).ok())
        .collect();
    store.check_sample(&units);
    let now = crate::followup::cache::now_ns();
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(tops.len())
        .max(1);
    // The next part to take, and the part whose turn it is: a thread
    // waits while it would be more than `AHEAD` parts per thread ahead.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let turn = (std::sync::Mutex::new(0_usize), std::sync::Condvar::new());
    let (tx, rx) = std::sync::mpsc::channel::<(usize, UnitFound)>();
    let (store, rules, tops, turn) = (&store, &rules, &tops, &turn);
    let mut warnings: Vec<(usize, UnitFound)> = Vec::new();
    std::thread::scope(|s| {
        for _ in 0..threads {
            let tx = tx.clone();
            let next = &next;
            s.spawn(move || {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some((unit, top)) = tops.get(i) else {
                        break;
                    };
                    if let Ok(mut due) = turn.0.lock() {
                        while i >= *due + AHEAD * threads {
                            match turn.1.wait(due) {
                                Ok(now_due) => due = now_due,
                                Err(_) => break,
                            }
                        }
                    }
                    let found = scan_unit(notebook, (unit, top), store, rules, keyed, now);
                    if tx.send((i, found)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut waiting = std::collections::BTreeMap::new();
        let mut due = 0;
        for (i, found) in rx {
            waiting.insert(i, found);
            while let Some(mut found) = waiting.remove(&due) {
                if let (_, Top::Said(at)) = &tops[due] {
                    found.said.extend(said[*at].take());
                }
                let (said, failed) = (
                    std::mem::take(&mut found.said),
                    std::mem::take(&mut found.failed),
                );
                if !said.is_empty() || !failed.is_empty() {
                    let kept = UnitFound {
                        said,
                        failed,
                        ..UnitFound::default()
                    };
                    warnings.push((due, kept));
                }
                each(found);
                due += 1;
                if let Ok(mut turn_due) = turn.0.lock() {
                    *turn_due = due;
                }
                turn.1.notify_all();
            }
        }
    });
    // A lie found in the sample was rebuilt part by part: nothing of the
    // files it was in is kept either.
    store.keep_only(&units);
    // In the order of a walk of the whole notebook: each folder's parts
    // before a name it is the start of (`alice/` before `alice-smith/`).
    warnings.sort_by(|a, b| {
        walk_order(
            Path::new(top_name(&tops[a.0].0)),
            Path::new(top_name(&tops[b.0].0)),
        )
    });
    let (said, failed): (Vec<Vec<Error>>, Vec<Vec<Error>>) = warnings
        .into_iter()
        .map(|(_, w)| (w.said, w.failed))
        .unzip();
    said.into_iter().chain(failed).flatten().collect()
}

/// The parts of the notebook ([`scan_units`]), in path order: a folder by
/// its name with its `/` (`alice-smith/` before `alice/`), so that each
/// part's paths all come between its neighbours'; names as bytes, so
/// that two names not UTF-8 are two parts. With them, what the listing
/// said of the entries it cannot take as parts.
fn tops(notebook: &Notebook) -> (Vec<Named>, Vec<Option<Error>>) {
    let mut said = Vec::new();
    let mut tops: Vec<Named> = notebook
        .top_entries()
        .into_iter()
        .map(|walked| match walked {
            Walked::Folder(rel) => {
                let mut key = rel.as_os_str().as_encoded_bytes().to_vec();
                key.push(b'/');
                (key, Top::Folder(rel))
            }
            Walked::Note(file) => (slash_path(&file.rel).into_bytes(), Top::Note(file)),
            Walked::Said(rel, e) => {
                said.push(Some(e));
                let key = rel.as_os_str().as_encoded_bytes().to_vec();
                (key, Top::Said(said.len() - 1))
            }
        })
        .collect();
    tops.sort_by(|a, b| a.0.cmp(&b.0));
    (tops, said)
}

/// The name of a part at the notebook's top, without the `/` after a
/// folder's.
fn top_name(key: &[u8]) -> &std::ffi::OsStr {
    let name = key.strip_suffix(b"/").unwrap_or(key);
    // The bytes of an `OsStr`, given back as they were taken.
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        std::ffi::OsStr::from_bytes(name)
    }
    #[cfg(not(unix))]
    {
        std::ffi::OsStr::new(std::str::from_utf8(name).unwrap_or_default())
    }
}

/// Scans one part of the notebook ([`scan_units`]): `unit` is its name,
/// with a `/` after a folder's.
fn scan_unit(
    notebook: &Notebook,
    (unit, top): (&[u8], &Top),
    store: &crate::followup::cache::Store,
    rules: &Sharing,
    keyed: bool,
    now: i128,
) -> UnitFound {
    let mut found = UnitFound::default();
    let (files, person) = match top {
        Top::Folder(rel) => (
            notebook.markdown_files_under(rel, &mut |e| found.said.push(e)),
            Some(Arc::<str>::from(rel.to_string_lossy())),
        ),
        Top::Note(file) => (vec![file.clone()], None),
        Top::Said(_) => return found,
    };
    // A part named in UTF-8 only has a cache file (its notes are all
    // named so too).
    let unit = std::str::from_utf8(unit).ok();
    let kept = store.is_kept() && unit.is_some();
    let mut cache = store.unit(unit.unwrap_or_default());
    // On Unix the walk's relative paths are `/` paths already (and UTF-8:
    // it lists no other).
    let paths: Vec<Arc<str>> = files
        .iter()
        .map(|f| match f.rel.to_str() {
            Some(rel) if cfg!(unix) => Arc::from(rel),
            _ => Arc::from(slash_path(&f.rel)),
        })
        .collect();
    // Each file stamped relative to its folder, held open, and looked up
    // among the folder's entries by name; what the cache answers for is
    // emitted at once. Nothing is stamped where nothing is kept.
    let mut misses: Vec<(usize, Option<crate::followup::cache::Stamp>)> = Vec::new();
    let mut answered = 0;
    let mut stamping = Folder::default();
    for (i, path) in paths.iter().enumerate() {
        if !kept {
            misses.push((i, None));
            continue;
        }
        let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
        let stamp = stamping.stamp(notebook, &cache, (dir, name), Path::new(&**path));
        let entry = stamp.and_then(|s| stamping.entries?.get(name).filter(|e| e.is_of(s)));
        match entry {
            Some(entry) => {
                answered += 1;
                entry.emit(path, person.as_ref(), &mut found.items);
                if keyed && let Some(keys) = entry.keys() {
                    found.trails.push(Trail {
                        path: path.clone(),
                        keys: keys.clone(),
                    });
                }
            }
            None => misses.push((i, stamp)),
        }
    }
    drop(stamping);
    if !misses.is_empty() {
        let miss_files: Vec<NoteFile> = misses.iter().map(|(i, _)| files[*i].clone()).collect();
        let mut failed = std::collections::HashSet::new();
        let read = scan_files_hashed(
            notebook,
            &miss_files,
            &mut |e| {
                failed.insert(e.path().to_path_buf());
                found.failed.push(e);
            },
            &task::Task::is_open,
            Scanning {
                open_only: true,
                hash: kept,
                // What is cached is complete (the keys too), whoever asks.
                keyed: keyed || kept,
                // A large part is read on every core too (0: every core).
                threads: usize::from(miss_files.len() < LARGE_PART),
            },
            rules,
            &|_| None,
        );
        if kept {
            let mut by_path: FxHashMap<&str, Vec<&FollowUp>> = FxHashMap::default();
            for item in &read.found {
                by_path.entry(&item.path).or_default().push(item);
            }
            for (((i, stamp), file), (hash, keys)) in misses
                .iter()
                .zip(&miss_files)
                .zip(read.hashes.iter().zip(&read.keys))
            {
                if let (Some(stamp), Some(hash)) = (stamp, hash)
                    && !failed.contains(&notebook.show(&file.rel))
                {
                    let items = by_path.get(&*paths[*i]).map_or(&[][..], Vec::as_slice);
                    cache.put(&paths[*i], *stamp, *hash, items, keys.as_ref(), now);
                }
            }
        }
        if keyed {
            found.trails.extend(trails(&miss_files, read.keys));
        }
        found.items = interleaved(std::mem::take(&mut found.items), read.found);
    }
    // Every entry answered for a file of the walk: none is of a file gone.
    if kept && answered != cache.len() {
        let walked: std::collections::HashSet<&str> = paths.iter().map(|p| &**p).collect();
        cache.retain(&|rel| walked.contains(rel));
    }
    if kept {
        store.save(&cache);
    }
    found.files = files;
    found
}

/// The folder whose files are being stamped, kept open.
#[derive(Default)]
struct Folder<'a> {
    /// It, open, when it could be opened.
    #[cfg(unix)]
    fd: Option<std::os::fd::OwnedFd>,
    /// Its path with `/` as the cache knows it.
    dir: Option<Box<str>>,
    /// Its entries in the cache.
    entries: Option<&'a crate::followup::cache::Folder>,
}

impl<'a> Folder<'a> {
    /// The stamp of the file `name` of the folder `dir` (its `/` path),
    /// at `rel`, taken relative to the folder (opened once for all the
    /// files listed in it). The folder's entries in `cache` are looked up
    /// once too.
    fn stamp(
        &mut self,
        notebook: &Notebook,
        cache: &'a crate::followup::cache::Cache,
        (dir, name): (&str, &str),
        rel: &Path,
    ) -> Option<crate::followup::cache::Stamp> {
        if self.dir.as_deref() != Some(dir) {
            self.dir = Some(dir.into());
            self.entries = cache.folder(dir);
            #[cfg(unix)]
            {
                use rustix::fs::{Mode, OFlags};
                let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
                let path = notebook.path(Path::new(dir));
                self.fd = rustix::fs::openat(rustix::fs::CWD, &path, flags, Mode::empty()).ok();
            }
        }
        #[cfg(unix)]
        if let Some(fd) = &self.fd {
            use std::os::fd::AsFd;
            return crate::followup::cache::Stamp::at(fd.as_fd(), std::ffi::OsStr::new(name));
        }
        let _ = name;
        crate::followup::cache::Stamp::of(&notebook.path(rel))
    }
}

/// The open follow-ups of one person folder only (for commands about one
/// person, which must not slow down as the notebook grows).
pub fn scan_folder(
    notebook: &Notebook,
    folder: &str,
    warn: &mut dyn FnMut(Error),
) -> Vec<FollowUp> {
    scan_folder_keyed(notebook, folder, warn, false).0
}

/// [`scan_folder`], and with `keyed` the folder's [`Trail`]s, as
/// [`scan_keyed`] gives them.
pub fn scan_folder_keyed(
    notebook: &Notebook,
    folder: &str,
    warn: &mut dyn FnMut(Error),
    keyed: bool,
) -> (Vec<FollowUp>, Vec<Trail>) {
    scan_folder_known(notebook, folder, warn, keyed, &|_| None)
}

/// A note's text already read, by its notebook-relative path; `None` to
/// read the file.
pub type Known<'k> = dyn Fn(&Path) -> Option<&'k str> + Sync + 'k;

/// [`scan_folder_keyed`], taking the texts `known` already holds instead
/// of reading those files again (a command that read the person's notes
/// reads each once).
pub fn scan_folder_known(
    notebook: &Notebook,
    folder: &str,
    warn: &mut dyn FnMut(Error),
    keyed: bool,
    known: &Known<'_>,
) -> (Vec<FollowUp>, Vec<Trail>) {
    let keyed = keyed && !holds_copies(notebook);
    let files = notebook.markdown_files_under(Path::new(folder), warn);
    let read = scan_open(
        notebook,
        &files,
        warn,
        keyed,
        &private_rules(notebook),
        known,
    );
    (read.found, trails(&files, read.keys))
}

/// The trails of the files that have keys.
fn trails(files: &[NoteFile], keys: Vec<Option<Keys>>) -> Vec<Trail> {
    files
        .iter()
        .zip(keys)
        .filter_map(|(file, keys)| {
            Some(Trail {
                path: Arc::from(slash_path(&file.rel)),
                keys: keys?,
            })
        })
        .collect()
}

/// Like [`scan_keyed`], for the task items `want` picks (open or checked ones).
pub fn scan_with(
    notebook: &Notebook,
    warn: &mut dyn FnMut(Error),
    want: &(dyn Fn(&task::Task) -> bool + Sync),
) -> Vec<FollowUp> {
    let files = notebook.markdown_files(warn);
    scan_files(
        notebook,
        &files,
        warn,
        want,
        false,
        &private_rules(notebook),
    )
}

/// What is private in the notebook's notes: its private heading, ended by
/// its bank's sections. A bank that cannot be read (its commands say why)
/// gives no sections, so that a private section runs on further: when in
/// doubt, more is private.
#[must_use]
pub fn private_rules(notebook: &Notebook) -> Sharing {
    match crate::bank::Bank::load(notebook.root(), notebook.shown()) {
        Ok(bank) => Sharing::for_notebook(&notebook.config, &bank),
        Err(_) => Sharing::new(
            notebook.config.private_section.as_deref(),
            &[],
            notebook.config.share_checkins.unwrap_or(false),
        ),
    }
}

/// What one scanning thread found, the errors, hashes and keys with the
/// index of their file.
#[derive(Default)]
struct Part {
    /// The items.
    found: Vec<FollowUp>,
    /// What could not be read or parsed.
    errors: Vec<(usize, Error)>,
    /// Content hashes, when asked for.
    hashes: Vec<(usize, u64)>,
    /// Meeting notes' keys, when asked for.
    keys: Vec<(usize, Keys)>,
}

/// What a scan of files reads besides the items.
#[derive(Clone, Copy)]
struct Scanning {
    /// Only open items are wanted: a file whose every `[ ]` is an empty
    /// placeholder is not parsed for them.
    open_only: bool,
    /// The [`crate::followup::cache::content_hash`] of each file read (for
    /// the cache: the hash is of the very bytes the items come from).
    hash: bool,
    /// The [`Keys`] of each meeting note.
    keyed: bool,
    /// Threads to read on: 0 for every core.
    threads: usize,
}

/// What [`scan_files_hashed`] found: the items, and by index in the files
/// given, hashes and keys as asked for.
struct Scanned {
    found: Vec<FollowUp>,
    hashes: Vec<Option<u64>>,
    keys: Vec<Option<Keys>>,
}

/// Reads and parses the files on every core. With `open_only`, a file
/// whose every `[ ]` is an empty placeholder is not parsed at all.
fn scan_files(
    notebook: &Notebook,
    files: &[NoteFile],
    warn: &mut dyn FnMut(Error),
    want: &(dyn Fn(&task::Task) -> bool + Sync),
    open_only: bool,
    rules: &Sharing,
) -> Vec<FollowUp> {
    let scanning = Scanning {
        open_only,
        hash: false,
        keyed: false,
        threads: 0,
    };
    scan_files_hashed(notebook, files, warn, want, scanning, rules, &|_| None).found
}

/// The open items of `files`, read without the cache (with `keyed`, the
/// keys of their carried items too).
fn scan_open(
    notebook: &Notebook,
    files: &[NoteFile],
    warn: &mut dyn FnMut(Error),
    keyed: bool,
    rules: &Sharing,
    known: &Known<'_>,
) -> Scanned {
    scan_files_hashed(
        notebook,
        files,
        warn,
        &task::Task::is_open,
        Scanning {
            open_only: true,
            hash: false,
            keyed,
            threads: 0,
        },
        rules,
        known,
    )
}

/// [`scan_files`], with hashes and keys as `scanning` asks.
fn scan_files_hashed(
    notebook: &Notebook,
    files: &[NoteFile],
    warn: &mut dyn FnMut(Error),
    want: &(dyn Fn(&task::Task) -> bool + Sync),
    scanning: Scanning,
    rules: &Sharing,
    known: &Known<'_>,
) -> Scanned {
    let Scanning {
        open_only,
        hash,
        keyed,
        threads,
    } = scanning;
    // A pool of its own, not rayon's: measured for issue 10, rayon's
    // fold keeps one list of items per piece of work instead of one per
    // core, which held 4 to 7 MB more at 100,000 notes and cost more CPU.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let threads = match threads {
        0 => std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
        n => n,
    }
    .min(files.len())
    .max(1);
    // Each thread keeps one flat list of items (moved once at the end, not
    // copied per file) and the errors with the index of their file.
    let work = || {
        let mut part = Part::default();
        // Each note read relative to its folder, held open, into a buffer
        // reused from note to note.
        let mut reader = NoteReader::new(notebook);
        let mut bytes = Vec::new();
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(file) = files.get(i) else { break };
            if bytes.capacity() > 1 << 20 {
                bytes = Vec::new();
            }
            let read = match known(&file.rel) {
                Some(text) => Ok(text),
                None => reader.read_into(file, &mut bytes),
            };
            if hash && let Ok(text) = &read {
                part.hashes
                    .push((i, crate::followup::cache::content_hash(text.as_bytes())));
            }
            let keyed = keyed && is_meeting_note(&file.rel);
            match read {
                // No open item: not parsed for them, and its keys, if
                // wanted, read line by line.
                Ok(text) if open_only && !may_hold_open_item(text) => {
                    if keyed
                        && may_hold_keys(text)
                        && let Some(keys) = Keys::unparsed(text)
                    {
                        part.keys.push((i, keys));
                    }
                }
                Ok(text) => {
                    let (found, keys) = note_items(
                        notebook,
                        &file.rel,
                        text,
                        &mut |e| part.errors.push((i, e)),
                        want,
                        keyed,
                        rules,
                    );
                    part.found.extend(found);
                    if let Some(keys) = keys {
                        part.keys.push((i, keys));
                    }
                }
                Err(e) => part.errors.push((i, e)),
            }
        }
        part
    };
    let mut parts: Vec<Part> = if threads == 1 {
        vec![work()]
    } else {
        std::thread::scope(|s| {
            let handles: Vec<_> = (0..threads).map(|_| s.spawn(work)).collect();
            handles.into_iter().filter_map(|h| h.join().ok()).collect()
        })
    };
    parts.sort_by_key(|part| std::cmp::Reverse(part.found.len()));
    let mut found = Vec::new();
    let mut errors = Vec::new();
    let mut hashes = vec![None; if hash { files.len() } else { 0 }];
    let mut keys = vec![None; if keyed { files.len() } else { 0 }];
    for mut part in parts {
        if found.is_empty() {
            found = part.found;
        } else {
            found.append(&mut part.found);
        }
        errors.append(&mut part.errors);
        for (i, h) in part.hashes {
            hashes[i] = Some(h);
        }
        for (i, k) in part.keys {
            keys[i] = Some(k);
        }
    }
    errors.sort_by_key(|(i, _)| *i);
    for (_, e) in errors {
        warn(e);
    }
    // The walk sorts by folder, then name; the promise is by path string
    // (`alice-smith/` before `alice/`), then line. Read on one thread, a
    // folder's items are in that order already, most often.
    if !found.is_sorted_by(|a, b| by_path(a, b).is_le()) {
        found.sort_by(by_path);
    }
    Scanned {
        found,
        hashes,
        keys,
    }
}

/// The items answered from the cache and those read, each in path order,
/// in path order: they interleave by file when both are there.
fn interleaved(mut cached: Vec<FollowUp>, read: Vec<FollowUp>) -> Vec<FollowUp> {
    if cached.is_empty() {
        return read;
    }
    cached.extend(read);
    cached.sort_unstable_by(by_path);
    cached
}

/// Whether `text` holds a `[>]` anywhere (most notes carry nothing, and
/// need no parse for it). The searcher is made once, not for each note.
pub fn holds_marks(text: &str) -> bool {
    static MARK: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"[>]"));
    MARK.find(text.as_bytes()).is_some()
}

/// The order of a listing: by path string, then line.
fn by_path(a: &FollowUp, b: &FollowUp) -> std::cmp::Ordering {
    a.path.cmp(&b.path).then(a.line.cmp(&b.line))
}

/// False only when the text certainly holds no open item: every `[ ]` in
/// it ends its line and is followed by a blank line or the end, which is
/// the template's empty `- [ ] ` placeholder and nothing else. (An item's
/// text may start on the next line, so a `[ ]` at the end of a line
/// followed by text still needs the parser.)
#[must_use]
pub fn may_hold_open_item(text: &str) -> bool {
    let bytes = text.as_bytes();
    let blank = |line: &[u8]| line.iter().all(|&b| b == b' ' || b == b'\t' || b == b'\r');
    // An unticked box is `[`, one blank of those the parser takes (space,
    // tab, vertical tab, form feed), `]`.
    let is_box = |at: usize| {
        at >= 2 && bytes[at - 2] == b'[' && matches!(bytes[at - 1], b' ' | b'\t' | 0x0b | 0x0c)
    };
    for close in memchr::memchr_iter(b']', bytes).filter(|&at| is_box(at)) {
        let rest = &bytes[close + 1..];
        let line_end = memchr::memchr(b'\n', rest);
        if !blank(&rest[..line_end.unwrap_or(rest.len())]) {
            return true;
        }
        let Some(end) = line_end else { return false };
        let next = &rest[end + 1..];
        if !blank(&next[..memchr::memchr(b'\n', next).unwrap_or(next.len())]) {
            return true;
        }
    }
    false
}

/// False only when the text certainly holds no ticked and no carried
/// item: no `[x]`, `[X]` or `[>]` anywhere.
fn may_hold_keys(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b']', bytes)
        .any(|at| at >= 2 && bytes[at - 2] == b'[' && matches!(bytes[at - 1], b'x' | b'X' | b'>'))
}

/// True for `<folder>/YYYY-MM-DD.md` (or `-N.md`): a meeting note.
fn is_meeting_note(rel: &Path) -> bool {
    let mut parts = rel.iter();
    matches!(
        (parts.next(), parts.next().and_then(|n| n.to_str()), parts.next()),
        (Some(_), Some(name), None) if crate::notebook::parse_meeting_name(name).is_some()
    )
}

/// The wanted task items of one note's text, as follow-ups (each private
/// or not by `rules`), and with `keyed` the note's [`Keys`] (when it has
/// any).
fn note_items(
    notebook: &Notebook,
    rel: &Path,
    text: &str,
    warn: &mut dyn FnMut(Error),
    want: &dyn Fn(&task::Task) -> bool,
    keyed: bool,
    rules: &Sharing,
) -> (Vec<FollowUp>, Option<Keys>) {
    let note = Note::split(text);
    let mut keys = None;
    let mut sections = None;
    // In agenda.md only the top-level points count, as `agenda` and `new`
    // see them.
    let open: Vec<task::Task> = if crate::agenda::is_agenda_path(&slash_path(rel)) {
        crate::agenda::open_points(text)
            .into_iter()
            .map(|p| p.task)
            .filter(|t| want(t))
            .collect()
    } else {
        // One reading for the items, the carried ones and the headings
        // that say what is private.
        let with_marks = keyed && holds_marks(note.body());
        let (tasks, marked, read) = task::tasks_and_sections(&note, with_marks);
        if with_marks {
            let carried: Vec<u64> = marked.iter().filter_map(|t| key(&t.text)).collect();
            keys = Some(Keys::with_carried(carried, &tasks)).filter(|k| !k.is_empty());
        } else if keyed {
            // No `[>]`: nothing carried to look for again.
            keys = Some(Keys::with_carried(Vec::new(), &tasks)).filter(|k| !k.is_empty());
        }
        sections = read;
        tasks.into_iter().filter(|t| want(t)).collect()
    };
    if open.is_empty() {
        return (Vec::new(), keys);
    }
    // Frontmatter matters (and is read) only for files with items to list.
    let (frontmatter, problem) = note.frontmatter_lenient_at(|| notebook.show(rel));
    if let Some(e) = problem {
        warn(e);
    }
    let folder: Option<Arc<str>> = person_folder(rel).map(Arc::from);
    let person: Option<Arc<str>> = frontmatter.person.map(Arc::from).or_else(|| folder.clone());
    let date = frontmatter.date.or_else(|| {
        rel.file_stem()
            .and_then(|s| s.to_str())
            .and_then(parse_date_prefix)
    });
    let path: Arc<str> = Arc::from(slash_path(rel));
    let private = match &sections {
        Some(sections) => private_ranges_in(&note, rules, sections),
        None => private_ranges(&note, rules),
    };
    let found = open
        .into_iter()
        .map(|t| {
            let (mention, due) = mention_and_due(&t.text);
            let (owner, mention) = Owner::written(mention);
            FollowUp {
                private: touches(&private, &(t.checkbox..t.checkbox + 1)),
                person: person.clone(),
                date,
                path: path.clone(),
                line: t.line,
                text: Arc::from(t.text),
                owner,
                mention,
                due,
                folder: folder.clone(),
                checkbox: t.checkbox,
            }
        })
        .collect();
    (found, keys)
}

impl FollowUp {
    /// The `@mention` as written, if any (`@me` may come back as `None`:
    /// it is the manager whoever the notebook's people are).
    #[must_use]
    pub fn written_mention(&self) -> Option<Arc<str>> {
        match (&self.mention, &self.owner) {
            (Some(mention), _) => Some(mention.clone()),
            (None, Owner::Person(slug)) => Some(slug.clone()),
            (None, Owner::Me) => None,
        }
    }

    /// True when the person whose notes hold it owns it (`--theirs`).
    #[must_use]
    pub fn is_theirs(&self) -> bool {
        matches!((&self.owner, &self.folder), (Owner::Person(owner), Some(folder)) if owner == folder)
    }
}

/// Gives each item the person its `@mention` names, by the rules that
/// resolve a typed name (without suggestions): `@chloe` is owned by
/// `chloe-dubois`. A mention of nobody, or of several people, stays as
/// written. Each distinct mention is resolved once; a person.yaml that
/// cannot be read goes to `warn` (once) when a mention needed the names.
/// A listing of the whole notebook also checks every person.yaml
/// ([`People::check_profiles`]); one about one person need not open
/// every other person's.
pub fn resolve_owners(
    items: &mut [FollowUp],
    people: &mut People<'_>,
    warn: &mut dyn FnMut(Error),
) {
    let mut resolved: std::collections::HashMap<Arc<str>, Option<Arc<str>>> =
        std::collections::HashMap::new();
    for item in items {
        if item.owner.is_me() {
            continue;
        }
        let Some(mention) = item.written_mention() else {
            continue;
        };
        let owner = resolved
            .entry(mention.clone())
            .or_insert_with(|| people.owner(&mention, warn).map(Arc::from));
        if let Some(owner) = owner {
            item.mention = (**owner != *mention).then_some(mention);
            item.owner = Owner::Person(owner.clone());
        }
    }
}

/// A follow-up's text without its `(from DATE)` note, blanks folded and
/// lowercased: two items with the same key are the same follow-up
/// ([`crate::carry::same_words`], which `new` matches copies by).
#[must_use]
pub fn normalized(text: &str) -> String {
    crate::carry::same_words(text)
}

/// A short, stable key of a follow-up's [`normalized`] text, as the cache
/// keeps it: the first 64 bits of its BLAKE3 hash; `None` for an item with
/// no text.
#[must_use]
pub fn key(text: &str) -> Option<u64> {
    let text = normalized(text);
    (!text.is_empty()).then(|| crate::followup::cache::content_hash(text.as_bytes()))
}

/// What a meeting note holds besides its open follow-ups, to tell whether
/// the items it carried on (`[>]`) are held by a later note: the [`key`]s
/// of its `[>]` items (with some text) and of all its other items (open or
/// ticked). Kept in the cache beside the open items, so a warm `followups`
/// need not read the notes again; shared, not copied, from there. Written
/// as one array: how many are carried, then the carried keys, then the
/// others.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keys {
    /// The carried keys, then the others.
    all: Arc<[u64]>,
    /// How many of `all` are carried.
    carried: usize,
}

impl Keys {
    /// The keys of a note whose task items are `tasks` (the scan, which
    /// knows already whether the note has a `[>]`, builds them itself).
    #[cfg(test)]
    #[must_use]
    pub fn of(note: &Note<'_>, tasks: &[task::Task]) -> Keys {
        // Most notes carry nothing: the parse for `[>]` only where one is.
        Keys::with_carried(carried_keys(note), tasks)
    }

    /// The keys of a note whose `[>]` items have the keys `carried` and
    /// whose task items are `tasks`.
    fn with_carried(mut all: Vec<u64>, tasks: &[task::Task]) -> Keys {
        let carried = all.len();
        all.extend(tasks.iter().filter_map(|t| key(&t.text)));
        Keys {
            all: all.into(),
            carried,
        }
    }

    /// The keys of a note with no open item, without parsing it for its
    /// ticked ones: each line that starts as a task item (blanks, quote
    /// marks and a list marker before a box with `x`, `X` or a blank in
    /// it) gives the rest of the line, or the next line where it is
    /// empty. That finds every item pulldown-cmark would, and may find
    /// more (a `- [x]` in a code block): they only ever count as held, so
    /// the orphans `followups` counts from them are never more than there
    /// are (`check` parses every note, and is exact). The carried items
    /// are parsed for, where there is a `[>]`. `None` when there is none
    /// of either.
    #[must_use]
    pub fn unparsed(text: &str) -> Option<Keys> {
        let note = Note::split(text);
        let body = note.body();
        let mut all = carried_keys(&note);
        let carried = all.len();
        // Lines found with memchr: most of a note is prose.
        let bytes = body.as_bytes();
        let mut start = 0;
        let mut lines = memchr::memchr_iter(b'\n', bytes)
            .chain(std::iter::once(bytes.len()))
            .map(|end| {
                let line = &body[start..end];
                start = end + 1;
                line
            })
            .peekable();
        while let Some(line) = lines.next() {
            let lead = line
                .bytes()
                .take_while(|b| {
                    matches!(
                        b,
                        b' ' | b'\t' | b'>' | b'-' | b'*' | b'+' | b'.' | b')' | b'0'..=b'9'
                    )
                })
                .count();
            let rest = &line.as_bytes()[lead..];
            if rest.len() < 3 || rest[0] != b'[' || rest[2] != b']' {
                continue;
            }
            if !matches!(rest[1], b'x' | b'X' | b' ' | b'\t') {
                continue;
            }
            let mut words = line[lead + 3..].trim();
            if words.is_empty() {
                words = lines
                    .peek()
                    .map_or("", |next| next.trim().trim_start_matches('>').trim());
            }
            all.extend(key(words));
        }
        (!all.is_empty()).then(|| Keys {
            all: all.into(),
            carried,
        })
    }

    /// Keys from the carried ones and the others.
    #[cfg(test)]
    #[must_use]
    pub fn new(carried: &[u64], others: &[u64]) -> Keys {
        Keys {
            all: carried.iter().chain(others).copied().collect(),
            carried: carried.len(),
        }
    }

    /// The keys of the `[>]` items.
    #[must_use]
    pub fn carried(&self) -> &[u64] {
        &self.all[..self.carried]
    }

    /// The keys of the other items, open or ticked.
    #[must_use]
    pub fn others(&self) -> &[u64] {
        &self.all[self.carried..]
    }

    /// True when the note has no item with text.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.all.is_empty()
    }
}

// Written as one string, `COUNT:` and then every key in 16 hex digits
// (carried first): the cache of a large notebook holds tens of thousands
// of keys, and one string per note reads back far faster than as many
// JSON numbers.
// In a binary format (the cache's), one byte string: the count as 8
// bytes, then every key as 8, little-endian.
impl Serialize for Keys {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use std::fmt::Write as _;
        if !serializer.is_human_readable() {
            let mut bytes = Vec::with_capacity(8 * (1 + self.all.len()));
            bytes.extend_from_slice(&(self.carried as u64).to_le_bytes());
            for key in self.all.iter() {
                bytes.extend_from_slice(&key.to_le_bytes());
            }
            return serializer.serialize_bytes(&bytes);
        }
        let mut written = String::with_capacity(8 + 16 * self.all.len());
        let _ = write!(written, "{}:", self.carried);
        for key in self.all.iter() {
            let _ = write!(written, "{key:016x}");
        }
        serializer.serialize_str(&written)
    }
}

impl<'de> Deserialize<'de> for Keys {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Keys, D::Error> {
        struct Written;
        impl serde::de::Visitor<'_> for Written {
            type Value = Keys;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a count of carried keys, `:`, then keys in hex")
            }
            fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Keys, E> {
                let bad = || E::custom("not a list of keys");
                if v.len() < 8 || !v.len().is_multiple_of(8) {
                    return Err(bad());
                }
                let word = |w: &[u8]| u64::from_le_bytes(w.try_into().unwrap_or_default());
                let carried = usize::try_from(word(&v[..8])).map_err(|_| bad())?;
                let all: Arc<[u64]> = v[8..].chunks_exact(8).map(word).collect();
                if carried > all.len() {
                    return Err(bad());
                }
                Ok(Keys { all, carried })
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Keys, E> {
                let bad = || E::custom("not a list of keys");
                let colon = memchr::memchr(b':', v.as_bytes()).ok_or_else(bad)?;
                let carried: usize = v[..colon].parse().map_err(|_| bad())?;
                let hex = &v.as_bytes()[colon + 1..];
                if !hex.len().is_multiple_of(16) || carried > hex.len() / 16 {
                    return Err(bad());
                }
                // Read in one pass into one allocation (the iterator's
                // length is exact); a digit that is not one spoils it all.
                let mut valid = true;
                let all: Arc<[u64]> = hex
                    .chunks_exact(16)
                    .map(|digits| {
                        let (n, ok) = from_hex(digits);
                        valid &= ok;
                        n
                    })
                    .collect();
                if valid {
                    Ok(Keys { all, carried })
                } else {
                    Err(bad())
                }
            }
        }
        if !deserializer.is_human_readable() {
            return deserializer.deserialize_bytes(Written);
        }
        deserializer.deserialize_str(Written)
    }
}

/// The number lowercase hex digits write, and whether they all are ones.
fn from_hex(digits: &[u8]) -> (u64, bool) {
    // 0 to 15 for a digit, 16 for anything else.
    const VALUE: [u8; 256] = {
        let mut table = [16u8; 256];
        let mut d = 0;
        while d < 10 {
            table[b'0' as usize + d] = d as u8;
            d += 1;
        }
        let mut d = 0;
        while d < 6 {
            table[b'a' as usize + d] = 10 + d as u8;
            d += 1;
        }
        table
    };
    let mut n = 0u64;
    let mut seen = 0u8;
    for &d in digits {
        let v = VALUE[usize::from(d)];
        seen |= v;
        n = n << 4 | u64::from(v & 15);
    }
    (n, seen < 16)
}

/// One meeting note's [`Keys`], as a keyed scan gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trail {
    /// The note, relative to the notebook, with `/`.
    pub path: Arc<str>,
    /// What it holds.
    pub keys: Keys,
}

/// The `[>]` items that no later note holds: `notes` are one person's
/// meeting notes, newest first, each as the keys of its `[>]` items and
/// the keys of its other items. A carried item is accounted for when a
/// later note holds an item with the same key, whatever its state: open,
/// ticked, or carried on again (that later `[>]` is judged in its turn).
/// Gives, for each note, the indices of its orphaned `[>]` items. `S`
/// hashes the keys (see [`KeyHasher`] for keys that are hashes already).
#[must_use]
pub fn orphans<K, S>(notes: &[(&[K], &[K])]) -> Vec<Vec<usize>>
where
    K: Eq + std::hash::Hash,
    S: std::hash::BuildHasher + Default,
{
    let total = notes.iter().map(|(c, o)| c.len() + o.len()).sum();
    let mut later: std::collections::HashSet<&K, S> =
        std::collections::HashSet::with_capacity_and_hasher(total, S::default());
    notes
        .iter()
        .map(|(carried, others)| {
            let orphaned = (0..carried.len())
                .filter(|&i| !later.contains(&carried[i]))
                .collect();
            later.extend(carried.iter().chain(others.iter()));
            orphaned
        })
        .collect()
}

/// Hashes a [`key`], which is a hash already, as itself.
#[derive(Debug, Default, Clone, Copy)]
pub struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 ^= n;
    }
}

/// How many `[>]` items of each person folder no later note holds (see
/// [`orphans`]), from the trails of its meeting notes; folders with none
/// are left out. Cheap on a warm `followups` of a large notebook: trails
/// come folder by folder (the walk's order), so a folder is looked up
/// where it changes, and notes are ordered by numbers, not dates.
#[must_use]
pub fn orphan_counts(trails: &[Trail]) -> std::collections::BTreeMap<String, usize> {
    type Dated<'a> = ((u32, u32), &'a Keys);
    let mut groups: Vec<(&str, Vec<Dated<'_>>)> = Vec::new();
    let mut where_is: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for trail in trails {
        let Some(slash) = memchr::memchr(b'/', trail.path.as_bytes()) else {
            continue;
        };
        let (folder, name) = (&trail.path[..slash], &trail.path[slash + 1..]);
        let Some(order) = meeting_order(name) else {
            continue;
        };
        let group = match groups.last() {
            Some((last, _)) if *last == folder => groups.len() - 1,
            _ => *where_is.entry(folder).or_insert_with(|| {
                groups.push((folder, Vec::new()));
                groups.len() - 1
            }),
        };
        groups[group].1.push((order, &trail.keys));
    }
    let mut counts = std::collections::BTreeMap::new();
    for (folder, mut notes) in groups {
        notes.sort_by_key(|(order, _)| std::cmp::Reverse(*order));
        let sides: Vec<(&[u64], &[u64])> = notes
            .iter()
            .map(|(_, k)| (k.carried(), k.others()))
            .collect();
        let orphaned = orphans::<u64, std::hash::BuildHasherDefault<KeyHasher>>(&sides);
        let count: usize = orphaned.iter().map(Vec::len).sum();
        if count > 0 {
            counts.insert(folder.to_string(), count);
        }
    }
    counts
}

/// "3 carried follow-ups of Chloé Dubois have no open copy: `oneonone
/// check --fix`": what `followups`, `new`, `prep` and `people` say of a
/// person whose `[>]` items no later note holds (`count` of them, see
/// [`orphan_counts`]), so a clean slate is never shown while items are
/// hidden. Sanitized for a terminal.
#[must_use]
pub fn orphan_notice(count: usize, name: &str) -> String {
    // Worded here, not by `render`, which reads this module.
    let name = crate::output::sanitize(name);
    if count == 1 {
        format!("1 carried follow-up of {name} has no open copy: `oneonone check --fix`")
    } else {
        format!("{count} carried follow-ups of {name} have no open copy: `oneonone check --fix`")
    }
}

/// How many `[>]` items of the person `folder` no later note holds (see
/// [`orphan_counts`]), with the meeting notes in `changed` (each its path
/// relative to the notebook, with `/`, and its text) read as given: the
/// folder as a plan (`new --dry-run`) would leave it. The others come from
/// `known` where it holds them, else are read; a note that cannot be read
/// counts as holding nothing (its reader reports it).
#[must_use]
pub fn orphan_count_with(
    notebook: &Notebook,
    folder: &str,
    changed: &[(String, &str)],
    known: &Known<'_>,
) -> usize {
    let (_, mut trails) = scan_folder_known(notebook, folder, &mut |_| {}, true, known);
    for (path, text) in changed {
        trails.retain(|t| &*t.path != path.as_str());
        if let Some(keys) = Keys::unparsed(text) {
            trails.push(Trail {
                path: Arc::from(path.as_str()),
                keys,
            });
        }
    }
    orphan_counts(&trails).get(folder).copied().unwrap_or(0)
}

/// A copy of a carried item in a later note ([`later_copies`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LaterCopy {
    /// The note, relative to the notebook.
    pub rel: std::path::PathBuf,
    /// The 1-based line of its box.
    pub line: usize,
    /// Ticked (`[x]`), not open.
    pub done: bool,
}

/// The open and ticked items with the [`key`] of `text` in the meeting
/// notes of the same person that come after the note `rel` (by date, then
/// number), oldest first: where a `[>]` item of `rel` went. Notes that
/// cannot be read are passed over.
#[must_use]
pub fn later_copies(notebook: &Notebook, rel: &Path, text: &str) -> Vec<LaterCopy> {
    let Some(wanted) = key(text) else {
        return Vec::new();
    };
    let (Some(folder), Some(name)) = (
        rel.parent().and_then(|p| p.to_str()),
        rel.file_name().and_then(|n| n.to_str()),
    ) else {
        return Vec::new();
    };
    let Some(this) = crate::notebook::parse_meeting_name(name) else {
        return Vec::new();
    };
    let mut copies = Vec::new();
    for meeting in notebook.meetings(folder) {
        if (meeting.date, meeting.number) <= this {
            continue;
        }
        let file = NoteFile {
            rel: meeting.rel.clone(),
        };
        let Ok(text) = crate::notebook::read_note(notebook, &file) else {
            continue;
        };
        for t in task::tasks(&Note::split(&text)) {
            if !t.text.is_empty() && key(&t.text) == Some(wanted) {
                copies.push(LaterCopy {
                    rel: meeting.rel.clone(),
                    line: t.line,
                    done: t.checked,
                });
            }
        }
    }
    copies
}

/// The order of a meeting note's file name, as (YYYYMMDD, number):
/// `2026-11-01.md` before `2026-11-01-2.md` before `2026-11-08.md`. Read
/// without a date parser (the scan keyed only meeting notes); `None` for
/// another name.
fn meeting_order(name: &str) -> Option<(u32, u32)> {
    let stem = name.strip_suffix(".md")?;
    let date = stem.get(..10)?;
    let day = date.bytes().filter(|&b| b != b'-').try_fold(0u32, |n, b| {
        b.is_ascii_digit()
            .then(|| n.wrapping_mul(10).wrapping_add(u32::from(b - b'0')))
    })?;
    let number = match &stem[10..] {
        "" => 1,
        rest => rest.strip_prefix('-')?.parse().ok()?,
    };
    Some((day, number))
}

/// One `[>]` item of a note, with the byte to change to reopen it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarriedMark {
    /// 1-based line of the item.
    pub line: usize,
    /// Byte offset, in the whole file, of the `>` between the brackets,
    /// when it could be placed (see [`carried_marks`]).
    pub mark: Option<usize>,
    /// The item's text, as [`task::carried`] reads it.
    pub text: String,
}

/// The note's `[>]` items ([`task::carried_items`]) with the offset of
/// each one's `>`. Whoever turns a mark into a blank checks that the item
/// then reads as an open task ([`reopens`]).
#[must_use]
pub fn carried_marks(note: &Note<'_>) -> Vec<CarriedMark> {
    task::carried_items(note)
        .into_iter()
        .map(|t| CarriedMark {
            line: t.line,
            mark: Some(t.checkbox),
            text: t.text,
        })
        .collect()
}

/// True when each of the offsets `at` in `text` is the box of an
/// unticked task item: what a reopened `[>]` must read as.
#[must_use]
pub fn reopens(text: &str, at: &[usize]) -> bool {
    let boxes: std::collections::HashSet<usize> = task::tasks(&Note::split(text))
        .into_iter()
        .filter(|t| !t.checked)
        .map(|t| t.checkbox)
        .collect();
    at.iter().all(|a| boxes.contains(a))
}

/// The order follow-ups are shown in: overdue first (most overdue first),
/// then the newest meeting first, then by place in the notebook.
#[must_use]
pub fn overdue_first(a: &FollowUp, b: &FollowUp, today: NaiveDate) -> std::cmp::Ordering {
    let overdue = |i: &FollowUp| i.due.filter(|d| *d < today);
    overdue(b)
        .is_some()
        .cmp(&overdue(a).is_some())
        .then(overdue(a).cmp(&overdue(b)))
        .then(b.date.cmp(&a.date))
        .then(a.path.cmp(&b.path))
        .then(a.line.cmp(&b.line))
}

/// How the manager is named, in a follow-up's text (`@me`) and as its
/// owner in `followups --json`.
const ME: &str = "me";

/// Who owns a follow-up. Written as a string (`followups --json`, the
/// cache): `me`, or the person's slug.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Owner {
    /// The manager: `@me`, or nobody mentioned.
    Me,
    /// The person an `@mention` names, by the slug of the name (never
    /// `me`: [`Owner::named`] makes that [`Owner::Me`]).
    Person(Arc<str>),
}

impl Owner {
    /// The owner a slug names: `me` is the manager (`@Mé` slugs to it
    /// too), any other slug a person.
    #[must_use]
    pub fn named(slug: &str) -> Owner {
        if slug == ME {
            Owner::Me
        } else {
            Owner::Person(Arc::from(slug))
        }
    }

    /// The owner an `@mention` as written names before it is resolved to
    /// a person (none, or `me` in any case: the manager; else the mention
    /// folded as a slug), and the mention to keep beside it: the one
    /// written, when it is not that slug.
    #[must_use]
    pub fn written(mention: Option<&str>) -> (Owner, Option<Arc<str>>) {
        let Some(mention) = mention else {
            return (Owner::Me, None);
        };
        let owner = if mention.eq_ignore_ascii_case(ME) {
            Owner::Me
        } else {
            crate::slug::slugify(mention).map_or(Owner::Me, |slug| Owner::named(&slug))
        };
        let kept = (owner.as_str() != mention).then(|| Arc::from(mention));
        (owner, kept)
    }

    /// True for the manager.
    #[must_use]
    pub fn is_me(&self) -> bool {
        matches!(self, Owner::Me)
    }

    /// As it is written: `me`, or the person's slug.
    #[must_use]
    pub fn as_str(&self) -> &str {
        match self {
            Owner::Me => ME,
            Owner::Person(slug) => slug,
        }
    }
}

impl Serialize for Owner {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Owner {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Owner, D::Error> {
        let written = Arc::<str>::deserialize(deserializer)?;
        Ok(if &*written == ME {
            Owner::Me
        } else {
            Owner::Person(written)
        })
    }
}

/// Reads whom a follow-up mentions and when it is due from its text: the
/// first `@me` or `@name` mention (the name as written), and the first
/// `📅 DATE` (Obsidian Tasks, Dataview) or `due:DATE` (todo.txt).
#[must_use]
pub fn mention_and_due(text: &str) -> (Option<&str>, Option<NaiveDate>) {
    let mut mention = None;
    let mut due = None;
    let mut tokens = text.split_whitespace().peekable();
    while let Some(token) = tokens.next() {
        let token = token.trim_start_matches(['(', '[', '{', '"', '\'']);
        if mention.is_none()
            && let Some(name) = token.strip_prefix('@')
        {
            // The name runs to the first character a slug cannot hold:
            // `@me's` is `me`, `@alice-smith,` is `alice-smith`.
            let end = name
                .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_' || c == '.'))
                .unwrap_or(name.len());
            let name = name[..end].trim_end_matches('.');
            // One that cannot be a person's name is no mention.
            if name.eq_ignore_ascii_case(ME) || crate::slug::slugify(name).is_ok() {
                mention = Some(name);
            }
        }
        if due.is_none() {
            let rest = token
                .strip_prefix("due:")
                .or_else(|| token.strip_prefix('📅'));
            if let Some(rest) = rest {
                let date = if rest.is_empty() {
                    tokens.peek().copied().unwrap_or_default()
                } else {
                    rest
                };
                due = date_token(date);
            }
        }
    }
    (mention, due)
}

/// The day an item was first written: the oldest `(from YYYY-MM-DD)` in
/// its text (each carry-over keeps the first one, but an item merged by
/// hand may hold several), none when it was never carried.
#[must_use]
pub fn first_date(text: &str) -> Option<NaiveDate> {
    text.match_indices("(from ")
        .filter_map(|(at, _)| {
            let rest = &text[at + "(from ".len()..];
            rest.get(10..)?
                .starts_with(')')
                .then(|| parse_date_prefix(&rest[..10]))
                .flatten()
        })
        .min()
}

/// The bytes of the due date [`mention_and_due`] reads (`📅 DATE` or
/// `due:DATE`, with the blanks before it), for a listing that shows the
/// date in a cell of its own; none when there is no such date, or when
/// it opens a bracket (`(due:2026-12-04)`), whose words would be left
/// half.
#[must_use]
pub fn due_span(text: &str) -> Option<std::ops::Range<usize>> {
    let mut tokens = text
        .split_whitespace()
        .map(|t| (t.as_ptr() as usize - text.as_ptr() as usize, t))
        .peekable();
    while let Some((at, written)) = tokens.next() {
        let token = written.trim_start_matches(['(', '[', '{', '"', '\'']);
        let rest = token
            .strip_prefix("due:")
            .or_else(|| token.strip_prefix('📅'));
        let Some(rest) = rest else {
            continue;
        };
        let (date_at, date) = if rest.is_empty() {
            tokens.peek().copied().unwrap_or((text.len(), ""))
        } else {
            (at + token.len() - rest.len(), rest)
        };
        if date_token(date).is_none() {
            continue;
        }
        if token.len() != written.len() {
            return None;
        }
        let start = text[..at].trim_end().len();
        // What follows the date (`.`, `)`) stays with the words.
        return Some(start..date_at + 10);
    }
    None
}

/// `YYYY-MM-DD` with nothing after it but punctuation (`2026-11-10.`,
/// `2026-11-10)`).
fn date_token(token: &str) -> Option<NaiveDate> {
    let rest = token.get(10..)?;
    if !rest.chars().all(|c| c.is_ascii_punctuation()) {
        return None;
    }
    NaiveDate::parse_from_str(&token[..10], "%Y-%m-%d").ok()
}

/// True for a shared space: its notes are copies, whose `[>] text
/// (carried to DATE)` lines say where the manager's item went, so they are
/// never orphans (their open copies are in the manager's notes).
#[must_use]
pub fn holds_copies(notebook: &Notebook) -> bool {
    notebook.config.shared.is_some()
}

/// The keys of a note's carried (`[>]`) items; most notes carry nothing,
/// so the note is parsed for them only where a `[>]` is.
fn carried_keys(note: &Note<'_>) -> Vec<u64> {
    if !holds_marks(note.body()) {
        return Vec::new();
    }
    task::carried(note)
        .iter()
        .filter_map(|(_, text)| key(text))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }

    #[test]
    fn the_first_date_is_the_oldest_from() {
        assert_eq!(
            first_date("Ship (from 2026-10-02) x (from 2026-09-01) (from 2026-1)"),
            d("2026-09-01")
        );
        assert_eq!(first_date("Ship it"), None);
    }

    #[test]
    fn the_due_span_is_the_date_mention_and_due_reads() {
        let cut = |t: &str| due_span(t).map(|r| format!("{}{}", &t[..r.start], &t[r.end..]));
        assert_eq!(
            cut("Ship 📅 2026-12-04 (from 2026-11-01)").as_deref(),
            Some("Ship (from 2026-11-01)")
        );
        assert_eq!(cut("Ship due:2026-12-04.").as_deref(), Some("Ship."));
        assert_eq!(cut("Ship 📅2026-12-04").as_deref(), Some("Ship"));
        assert_eq!(
            cut("Ship due:soon due:2026-12-04").as_deref(),
            Some("Ship due:soon")
        );
        assert_eq!(cut("Ship (due:2026-12-04)"), None);
        assert_eq!(cut("Ship 📅"), None);
    }

    #[test]
    fn fast_and_plain_paths_agree() {
        use rand::{RngExt, SeedableRng};
        const PIECES: &[&str] = &[
            "- ",
            "* ",
            "1. ",
            "[ ] ",
            "[ ]",
            "[x] ",
            "[>] ",
            "> ",
            "  ",
            "\n",
            "\n\n",
            "\r\n",
            "```\n",
            "<div>\n",
            "text ",
            "## Lift\n",
            "---\n",
            "person: A\n",
        ];
        let dir = tempfile::tempdir().unwrap();
        let mut rng = rand::rngs::StdRng::seed_from_u64(5);
        for n in 0..300 {
            let text: String = (0..rng.random_range(0..60))
                .map(|_| PIECES[rng.random_range(0..PIECES.len())])
                .collect();
            let folder = dir.path().join(format!("p{}", n % 7));
            std::fs::create_dir_all(&folder).unwrap();
            std::fs::write(
                folder.join(format!("2026-01-{:02}-{n}.md", n % 28 + 1)),
                text,
            )
            .unwrap();
        }
        let settings = crate::settings::Settings::for_tests(
            dir.path(),
            crate::settings::DirSource::Flag(dir.path().to_path_buf()),
        );
        let notebook = Notebook::open(&settings, false).unwrap();
        let fast = scan_keyed(&notebook, &mut |_| {}, false).0;
        let plain = scan_with(&notebook, &mut |_| {}, &task::Task::is_open);
        assert!(fast.len() > 10, "{}", fast.len());
        assert_eq!(fast, plain);
    }

    #[test]
    fn warnings_come_in_file_order_from_every_core() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(crate::fs::STATE_DIR)).unwrap();
        let mut bad = Vec::new();
        for n in 0..400 {
            let folder = format!("p{:02}", n % 13);
            let name = format!("2026-01-01-{n:03}.md");
            std::fs::create_dir_all(dir.path().join(&folder)).unwrap();
            let path = dir.path().join(&folder).join(&name);
            if n % 3 == 0 {
                // Not UTF-8: a warning, and the scan goes on.
                std::fs::write(&path, b"- [ ] \xff\n").unwrap();
                bad.push(format!("{folder}/{name}"));
            } else if n % 3 == 1 {
                // A frontmatter that does not parse: a warning; the item
                // is still listed.
                std::fs::write(&path, "---\ndate: [\n---\n- [ ] ask\n").unwrap();
                bad.push(format!("{folder}/{name}"));
            } else {
                std::fs::write(&path, "- [ ] ask\n").unwrap();
            }
        }
        bad.sort();
        let settings =
            crate::settings::Settings::for_tests(dir.path(), crate::settings::DirSource::Discover);
        let notebook = Notebook::open(&settings, false).unwrap();
        // Read and cached, then (the bad files are never cached) read
        // again, then without the cache.
        for round in 0..3 {
            let mut warned = Vec::new();
            let mut warn = |e: Error| warned.push(slash_path(e.path()));
            let found = if round < 2 {
                scan_keyed(&notebook, &mut warn, false).0
            } else {
                scan_with(&notebook, &mut warn, &task::Task::is_open)
            };
            assert_eq!((warned, found.len()), (bad.clone(), 266), "round {round}");
        }
    }

    #[test]
    fn prefilter_skips_only_certain_placeholders() {
        assert!(!may_hold_open_item("no boxes here\n"));
        assert!(!may_hold_open_item(
            "## Follow-ups\n\n- [ ] \n\n## Private\n"
        ));
        assert!(!may_hold_open_item("- [ ]\r\n\r\nend"));
        assert!(!may_hold_open_item("- [ ] "));
        assert!(may_hold_open_item("- [ ] task\n"));
        assert!(may_hold_open_item("- [ ]\n  text on the next line\n"));
        assert!(may_hold_open_item("- [ ]\nlazy\n"));
        assert!(may_hold_open_item("- [ ] \n\n- [ ] second\n"));
        // The parser takes a tab (and other blanks) in the box too.
        assert!(may_hold_open_item("- [\t] one\n"));
        assert!(may_hold_open_item("- [\u{c}] one\n"));
    }

    #[test]
    fn orphans_are_carried_items_no_later_note_holds() {
        // Newest first: 11-15 carried `b` on (its copy gone), 11-08 holds
        // `a` ticked and carried `b`, 11-01 carried both and `c`.
        let keys = |k: &[&'static str]| k.to_vec();
        let notes = [
            (keys(&["b"]), keys(&[])),
            (keys(&["b"]), keys(&["a"])),
            (keys(&["a", "b", "c"]), keys(&["d"])),
        ];
        let sides: Vec<(&[&str], &[&str])> = notes
            .iter()
            .map(|(c, o)| (c.as_slice(), o.as_slice()))
            .collect();
        let found = orphans::<_, std::hash::RandomState>(&sides);
        assert_eq!(found, [vec![0], vec![], vec![2]]);
        assert_eq!(meeting_order("2026-11-01.md"), Some((20_261_101, 1)));
        assert_eq!(meeting_order("2026-11-01-12.md"), Some((20_261_101, 12)));
        assert!(meeting_order("2026-11-01-2.md") < meeting_order("2026-11-01-12.md"));
        assert!(meeting_order("2026-11-30-9.md") < meeting_order("2026-12-01.md"));
        assert_eq!(meeting_order("agenda.md"), None);
        assert_eq!(from_hex(b"00000000000000ff"), (255, true));
        assert!(!from_hex(b"00000000000000FF").1);
        assert!(!from_hex(b"000000000000000g").1);
    }

    #[test]
    fn keys_set_the_from_date_aside_and_count_only_meeting_notes() {
        assert_eq!(
            key("Send  the DOC (from 2026-11-01)").unwrap(),
            key("send the doc").unwrap()
        );
        assert_ne!(key("send the doc").unwrap(), key("send the docs").unwrap());
        let text = "- [>] Send the doc\n  - [>] ask Ana\n- [x] done\n- [ ] open (from 2026-11-01)\n- [ ] \n";
        let note = Note::split(text);
        let keys = Keys::of(&note, &task::tasks(&note));
        assert_eq!(
            keys.carried(),
            [key("send the doc").unwrap(), key("ask ana").unwrap()]
        );
        assert_eq!(keys.others(), [key("done").unwrap(), key("open").unwrap()]);
        let written = serde_json::to_string(&keys).unwrap();
        assert_eq!(serde_json::from_str::<Keys>(&written).unwrap(), keys);
        assert_eq!(
            serde_json::to_string(&Keys::new(&[1], &[u64::MAX])).unwrap(),
            r#""1:0000000000000001ffffffffffffffff""#
        );
        for bad in [r#""2:0000000000000001""#, r#""0:00x0""#, r#""""#, "[1]"] {
            assert!(serde_json::from_str::<Keys>(bad).is_err(), "{bad}");
        }
        let trails = [
            Trail {
                path: "ann/2026-11-01.md".into(),
                keys: keys.clone(),
            },
            Trail {
                path: "ann/2026-11-08.md".into(),
                keys: Keys::new(&[], &[key("Send the doc (from 2026-11-01)").unwrap()]),
            },
            // Not a meeting note: left out.
            Trail {
                path: "ann/ideas.md".into(),
                keys: Keys::new(&[key("x").unwrap()], &[]),
            },
        ];
        assert_eq!(
            orphan_counts(&trails).into_iter().collect::<Vec<_>>(),
            [("ann".to_string(), 1)]
        );
        assert!(is_meeting_note(Path::new("ann/2026-11-01-2.md")));
        assert!(!is_meeting_note(Path::new("ann/agenda.md")));
        assert!(!is_meeting_note(Path::new("2026-11-01.md")));
        assert!(!is_meeting_note(Path::new("a/b/2026-11-01.md")));
    }

    #[test]
    fn normalized_folds_blanks_and_case_and_sets_the_from_date_aside() {
        let plain = |t: &str| {
            let mut out = t.to_string();
            if let Some(date) = crate::carry::origin(t) {
                out = out
                    .replace(&format!(" (from {date})"), "")
                    .replace(&format!("(from {date})"), "");
            }
            out.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        for t in [
            "  Send  the DOC\t(from 2026-11-01) 📅 2026-12-01 ",
            "ΟΔΥΣΣΕΥΣ and Σ alone",
            "İstanbul\u{3000}ÉTÉ",
            "(from 2026-11-01)x",
            "a\u{b}b\u{c}c\r\nd",
            "",
        ] {
            assert_eq!(normalized(t), plain(t), "{t:?}");
        }
    }

    #[test]
    fn keys_read_line_by_line_hold_every_parsed_one() {
        let text = "---\nperson: A\n---\n- [x] done\r\n  * [X] nested\n> 1. [x] quoted\n- [x]\n  next line\n- [>] carried (from 2026-01-05)\n```\n- [x] in code\n```\nProse [x] here\n";
        let note = Note::split(text);
        let parsed = Keys::of(&note, &task::tasks(&note));
        let unparsed = Keys::unparsed(text).unwrap();
        assert_eq!(unparsed.carried(), parsed.carried());
        assert_eq!(unparsed.carried(), [key("carried").unwrap()]);
        for k in parsed.others() {
            assert!(unparsed.others().contains(k), "{k}");
        }
        // And more, which can only hide an orphan, never make one.
        assert!(unparsed.others().contains(&key("in code").unwrap()));
        assert_eq!(Keys::unparsed("no items\n- [ ] \n"), None);
    }

    #[test]
    fn carried_marks_give_the_byte_that_reopens_each() {
        let text = "---\nperson: A\n---\n- [>] one\r\n  1. [>] nested\n> - [>] quoted\n- [>]\n  next line\n- - [>] same line\n```\n- [>] code\n```\n";
        let marks = carried_marks(&Note::split(text));
        let mut reopened = text.as_bytes().to_vec();
        for at in marks.iter().filter_map(|m| m.mark) {
            reopened[at] = b' ';
        }
        let reopened = String::from_utf8(reopened).unwrap();
        let at: Vec<usize> = marks.iter().filter_map(|m| m.mark).collect();
        assert!(reopens(&reopened, &at));
        assert!(!reopens(text, &at[..1]));
        let found: Vec<(usize, &str, bool)> = marks
            .iter()
            .map(|m| (m.line, m.text.as_str(), m.mark.is_some()))
            .collect();
        assert_eq!(
            found,
            [
                (4, "one", true),
                (5, "nested", true),
                (6, "quoted", true),
                (7, "next line", true),
                (9, "same line", true),
            ]
        );
        for m in &marks {
            let at = m.mark.unwrap();
            assert_eq!(&text[at - 1..at + 2], "[>]", "{m:?}");
        }
    }

    /// The owner as written and the due date, as the scan reads them.
    fn owner_and_due(text: &str) -> (Owner, Option<NaiveDate>) {
        let (mention, due) = mention_and_due(text);
        (Owner::written(mention).0, due)
    }

    #[test]
    fn reads_owner_and_due_date() {
        assert_eq!(owner_and_due("Send the doc"), (Owner::Me, None));
        assert_eq!(
            owner_and_due("@me send the doc 📅 2026-12-01"),
            (Owner::Me, d("2026-12-01"))
        );
        assert_eq!(
            owner_and_due("Draft the plan (@Alice-Smith), due:2026-12-02"),
            (Owner::Person("alice-smith".into()), d("2026-12-02"))
        );
        assert_eq!(
            owner_and_due("ask @bob. then @carol 📅2026-12-03"),
            (Owner::Person("bob".into()), d("2026-12-03"))
        );
        assert_eq!(
            owner_and_due("mail bob@example.com due:soon"),
            (Owner::Me, None)
        );
        assert_eq!(
            owner_and_due("📅 2026-13-40 @José"),
            (Owner::Person("jose".into()), None)
        );
        assert_eq!(
            owner_and_due("@me's task due:2026-11-10."),
            (Owner::Me, d("2026-11-10"))
        );
        assert_eq!(
            owner_and_due("call (📅 2026-11-10) due:2026-12-01"),
            (Owner::Me, d("2026-11-10"))
        );
        assert_eq!(
            owner_and_due("call due: 2026-11-12"),
            (Owner::Me, d("2026-11-12"))
        );
        assert_eq!(owner_and_due("due:2026-11-123"), (Owner::Me, None));
    }
}
