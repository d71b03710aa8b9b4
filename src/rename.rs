//! Renaming a person, or merging them into another: the use case behind
//! `oneonone rename OLD NEW`. [`Rename::plan`] reads the notebook and works
//! out every step; planning writes nothing, [`Rename::commit`] writes the
//! plan as one transaction under the notebook lock.
//!
//! The name lives in a few places, and only those bytes change: the
//! person's folder (moved to the slug of the new name), `person:` in the
//! frontmatter of each of their notes (notes without one are left so),
//! `name:` in their person.yaml (added to one that has none; a person.yaml
//! is created only when no note of theirs holds a `person:` either, so the
//! new name would otherwise be lost), each value in the quotes it had
//! where the new one allows; and the mentions anywhere in the notebook
//! that meant the person before (by folder, display name, alias or word
//! prefix, as follow-up owners are resolved: `@chloe`, `@Chloé`,
//! `@chloe-dubois`), which would dangle or go to someone else otherwise:
//! each becomes `@new-slug`. Only whole mentions count (`@alice`,
//! `@Alice.`, not `@alice-x`), in text pulldown-cmark reads as text (never
//! in code, HTML or frontmatter); `@me` is always the manager.
//!
//! A new name that is someone else's already (their folder, display name
//! or an alias) is refused, naming them; `--merge` merges into that
//! person, who keeps their name when NEW was not their folder. A merge
//! moves the notes in: a note whose name is taken there (a 1:1 the same
//! day) gets the next free `DATE-N.md`. agenda.md is merged by appending
//! all of OLD's agenda but its heading (its open points, and any other
//! word in it) to the target's; person.yaml by keeping the target's
//! values, adding the keys only OLD has, taking the union of two lists of
//! plain values, and keeping OLD's differing value as a comment right
//! below the target's. OLD's display name and folder become aliases of
//! the target (but those it answers to already), so they still find the
//! person. Every other file or folder moves as it is; one whose name is
//! taken stops the merge before anything is written. The emptied folder
//! goes.
//!
//! A person with a shared space ([`crate::space`]) is renamed there in
//! the same transaction: their folder in the space moves to the new one
//! (`DIR/<old>/` to `DIR/<new>/`), the space's oneonone.yaml says who it
//! is now (written anew when it is as `share` wrote it, else only the
//! values of `person:` and `name:` change), its README is written anew
//! when nobody changed it, and in the space's files the name and the
//! mentions change as in the notebook; so do the copies the notebook
//! keeps of what it last published (`.oneonone/shared/<old>/`, moved to
//! `<new>/`), so that the next `sync` finds nothing new but the move,
//! which it commits. Such a rename cannot be undone (the other side may
//! have it already): renaming back does it. A merge takes OLD's space to
//! the target, and is refused when both have one.
//!
//! Order of writes, as one transaction ([`crate::fs::Transaction`]): the
//! moves, then the created file, the edits, and the removals of merged
//! files; on a failure every step made is undone.

use std::collections::{BTreeSet, HashMap};
use std::ffi::OsString;
use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde_yaml::{Mapping, Value};

use crate::agenda::{self, AGENDA_FILE};
use crate::error::{Error, Result};
use crate::frontmatter::{key_span, set_value, set_value_in, yaml_scalar};
use crate::fs::{Change, Lock, Move, Removal, Transaction};
use crate::note::{Note, line_ending};
use crate::notebook::{Notebook, PROFILE_FILE, parse_meeting_name, slash_path};
use crate::output::sanitize;
use crate::person::{Named, People, Person, Profile, Rule, Wanted, key};
use crate::render::{
    Splice, apply, between, line_splices, listed_creation, listed_edit, listed_path, plural,
};
use crate::slug::slugify;
use crate::space::{README_FILE, Space, state_folder};

/// What is asked: `oneonone rename`'s arguments.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// The person as typed, resolved as any command resolves a person.
    pub old: &'a str,
    /// The new name, as typed.
    pub new: &'a str,
    /// Whether a folder already there may be merged into.
    pub merge: bool,
    /// The home folder, for a shared space named from it (`~/...`).
    pub home: Option<&'a Path>,
}

/// One file the rename writes: an edit of a file there, or a new file.
#[derive(Debug, Clone)]
struct FileEdit {
    /// Where the file is written, after the moves; notebook-relative.
    lands: PathBuf,
    /// What it holds now; `None` for a file to create.
    before: Option<String>,
    /// The edits, on `before` (the whole text of a new file).
    splices: Vec<Splice>,
}

impl FileEdit {
    fn after(&self) -> String {
        apply(self.before.as_deref().unwrap_or(""), &self.splices)
    }
}

/// A file or folder moved; notebook-relative.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Moved {
    from: PathBuf,
    to: PathBuf,
    folder: bool,
}

/// A file removed once its words are in another.
#[derive(Debug, Clone)]
struct Removed {
    rel: PathBuf,
    before: String,
    into: PathBuf,
}

/// What [`Rename::edit_notes`] found besides the edits.
#[derive(Debug, Default)]
struct Walked {
    /// How many of the person's notes hold a `person:`.
    named_notes: usize,
    /// Each name mentioned, whether it means the person.
    resolved: HashMap<String, bool>,
    /// When both folders of a merge have an agenda: OLD's and the
    /// target's, each with its edits.
    agendas: [Option<(String, Vec<Splice>)>; 2],
}

/// What the rename changes, counted for the summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Notes whose `person:` changes.
    pub names: usize,
    /// Whether person.yaml is edited or created.
    pub profile: bool,
    /// Mentions rewritten, and in how many files.
    pub mentions: usize,
    /// See `mentions`.
    pub mention_files: usize,
    /// Meeting notes moved one by one (a merge).
    pub notes_moved: usize,
    /// Other files and folders moved one by one (a merge).
    pub others_moved: usize,
    /// Agenda points added to the target's agenda.md (a merge).
    pub agenda_points: usize,
}

/// The plan of a rename or a merge. Nothing is written until
/// [`Rename::commit`].
#[derive(Debug, Clone)]
pub struct Rename {
    /// The person's folder before.
    pub old_slug: String,
    /// The person's name before.
    pub old_name: String,
    /// Their folder after (the one merged into, when merging).
    pub new_slug: String,
    /// Their name after.
    pub new_name: String,
    /// True when merging into a folder that was there.
    pub merging: bool,
    /// What changes, counted.
    pub counts: Counts,
    /// Notes of a merge that take another name, as (from, to),
    /// notebook-relative.
    pub renumbered: Vec<(PathBuf, PathBuf)>,
    /// Where merged person.yaml files differ, and what was kept (each a
    /// line for the user).
    pub differences: Vec<String>,
    /// The mentions rewritten, each way they were written (`chloe`,
    /// `Chloé`), in the order found.
    mention_forms: Vec<String>,
    moves: Vec<Moved>,
    files: Vec<FileEdit>,
    removals: Vec<Removed>,
    /// What changes in the person's shared space, when they have one.
    in_space: Option<InSpace>,
}

/// What a rename does in the person's shared space, and to the copies of
/// what was last published there that the notebook keeps: paths as this
/// process opens them, and as the listing shows them.
#[derive(Debug, Clone)]
struct InSpace {
    space: Space,
    /// Whether the space is a git repository (`sync` commits the rename).
    git: bool,
    moves: Vec<OutsideMove>,
    edits: Vec<OutsideEdit>,
    /// The files of the space edited (but the shared copies), as named
    /// in the space.
    updated: Vec<String>,
    /// How many shared copies change.
    copies: usize,
    /// The space's README was changed since `share`: it is left as it is,
    /// naming the old folder.
    readme_kept: bool,
}

impl InSpace {
    /// Plans moving the person's folder in the space (`old` to `new`) and
    /// the notebook's copies of what was published there, then in each
    /// the files `renamed` (a note a merge renumbered); returns the folders
    /// there, each with its files' names (moved or not).
    ///
    /// # Errors
    /// A folder to move is not a folder (a link), or something is where a
    /// folder or a file would go; a folder cannot be read.
    fn plan_moves(
        &mut self,
        notebook: &Notebook,
        old: &str,
        new: &str,
        renamed: &HashMap<String, String>,
    ) -> Result<Vec<(Place, Vec<String>)>> {
        let space = &self.space;
        let state = (state_folder(old), state_folder(new));
        let places = [
            Place {
                in_space: true,
                from: space.path(Path::new(old)),
                to: space.path(Path::new(new)),
                shown: (space.show(Path::new(old)), space.show(Path::new(new))),
                listed: (space.show(Path::new(old)), space.show(Path::new(new))),
            },
            Place {
                in_space: false,
                from: notebook.path(&state.0),
                to: notebook.path(&state.1),
                shown: (notebook.show(&state.0), notebook.show(&state.1)),
                listed: state,
            },
        ];
        let there = |at: &Path| std::fs::symlink_metadata(at).is_ok();
        let taken = |shown: &Path, what: &Path, folder: bool| Error::Invalid {
            path: shown.to_path_buf(),
            line: None,
            message: format!(
                "is there already, so {} cannot move there; move it away, then run the rename again",
                listed_path(what, folder)
            ),
        };
        let mut found = Vec::new();
        for place in places {
            match std::fs::symlink_metadata(&place.from) {
                Ok(m) if m.is_dir() => {}
                Ok(_) => {
                    return Err(Error::Invalid {
                        path: place.shown.0,
                        line: None,
                        message: "is not a folder (a link?), and oneonone does not move it; \
                                  move it away, then run the rename again"
                            .into(),
                    });
                }
                // Nothing published yet: nothing to move.
                Err(_) => continue,
            }
            if old != new {
                if there(&place.to) {
                    return Err(taken(&place.shown.1, &place.listed.0, true));
                }
                self.moves.push(OutsideMove {
                    in_space: place.in_space,
                    folder: true,
                    from: place.from.clone(),
                    to: place.to.clone(),
                    shown: place.shown.0.clone(),
                    listed_from: place.listed.0.clone(),
                    listed_to: place.listed.1.clone(),
                });
            }
            let names = file_names(&place.from, &place.shown.0)?;
            found.push((place, names));
        }
        // Then the files a merge renumbers, each after the one whose name
        // it takes (`a` to `a-2` waits for `a-2` to move to `a-3`).
        for (place, names) in &found {
            let mut pending: Vec<(&String, &String)> = names
                .iter()
                .filter_map(|n| renamed.get(n).map(|to| (n, to)))
                .collect();
            for (_, to) in &pending {
                if there(&place.from.join(to)) && !pending.iter().any(|(n, _)| n == to) {
                    return Err(taken(
                        &place.shown.1.join(to),
                        &place.listed.1.join(to),
                        false,
                    ));
                }
            }
            while !pending.is_empty() {
                let Some(i) = pending
                    .iter()
                    .position(|(_, to)| !pending.iter().any(|(n, _)| n == to))
                else {
                    // Names that take each other's: a merge never plans
                    // so, and nothing is written.
                    return Err(taken(
                        &place.shown.1.join(pending[0].1),
                        &place.listed.1.join(pending[0].0),
                        false,
                    ));
                };
                let (name, to) = pending.remove(i);
                self.moves.push(OutsideMove {
                    in_space: place.in_space,
                    folder: false,
                    from: place.to.join(name),
                    to: place.to.join(to),
                    shown: place.shown.1.join(name),
                    listed_from: place.listed.1.join(name),
                    listed_to: place.listed.1.join(to),
                });
            }
        }
        Ok(found)
    }

    /// Plans the edits of the space's own files for the person renamed:
    /// its oneonone.yaml, and its README when nobody changed it.
    ///
    /// # Errors
    /// The oneonone.yaml cannot be read, or edited by its values alone.
    fn own_files(&mut self, rename: &Rename) -> Result<Vec<OutsideText>> {
        let (old, new) = (rename.old_slug.as_str(), rename.new_slug.as_str());
        let space = &self.space;
        let mut edits = Vec::new();
        let marker_rel = Path::new(crate::config::CONFIG_FILE);
        let marker_text = space.read(marker_rel)?.unwrap_or_default();
        if let Some(after) = space.renamed_marker(&marker_text, new, &rename.new_name)? {
            self.updated.push(slash_path(marker_rel));
            let shown = space.show(marker_rel);
            edits.push((
                space.path(marker_rel),
                shown.clone(),
                shown,
                marker_text,
                after,
            ));
        }
        let readme_rel = Path::new(README_FILE);
        if let (Some(text), Some(marker)) = (space.read(readme_rel)?, space.marker()?) {
            match space.renamed_readme(&text, &marker, new, &rename.new_name) {
                Some(after) => {
                    self.updated.push(README_FILE.to_string());
                    let shown = space.show(readme_rel);
                    edits.push((space.path(readme_rel), shown.clone(), shown, text, after));
                }
                None => self.readme_kept = old != new && text.contains(&format!("{old}/")),
            }
        }
        Ok(edits)
    }

    /// Plans the edits of the space's own files ([`InSpace::own_files`])
    /// and of the files of the `found` folders (where they land):
    /// in the space's person.yaml the name; in every markdown file the
    /// mentions `mentions` finds; in a shared copy (or the notebook's copy
    /// of one) its `person:`, as the copy of the renamed note has it.
    ///
    /// # Errors
    /// The space's oneonone.yaml cannot be edited by its values alone, or
    /// cannot be read.
    fn plan_edits(
        &mut self,
        rename: &Rename,
        notebook: &Notebook,
        found: &[(Place, Vec<String>)],
        renamed: &HashMap<String, String>,
        mentions: &mut Mentions<'_>,
        warn: &mut dyn FnMut(Error),
    ) -> Result<()> {
        let (old, new) = (rename.old_slug.as_str(), rename.new_slug.as_str());
        let mut edits = self.own_files(rename)?;
        let space = &self.space;
        for (place, names) in found {
            for name in names {
                let read = if place.in_space {
                    space.read(&Path::new(old).join(name))
                } else {
                    crate::notebook::read_note_optional(notebook, &place.listed.0.join(name))
                };
                let text = match read {
                    Ok(Some(text)) => text,
                    Ok(None) => continue,
                    // Moved as it is, unread.
                    Err(e) => {
                        warn(e);
                        continue;
                    }
                };
                let after = if place.in_space && name == PROFILE_FILE {
                    // Only names the person in the space: one that cannot
                    // be edited by its value is said, and moved as it is.
                    let shown = place.shown.0.join(name);
                    match profile_splices(
                        &text,
                        &shown,
                        None,
                        &rename.new_name,
                        &KeptNames::default(),
                    ) {
                        Ok(edit) => apply(&text, &edit.splices),
                        Err(e) => {
                            warn(e);
                            continue;
                        }
                    }
                } else if is_markdown(name.strip_suffix(".words").unwrap_or(name)) {
                    let mut splices = mentions(&text, warn);
                    let agenda = place.in_space && name == AGENDA_FILE;
                    // The space's agenda: its heading, as `share` wrote it.
                    let heading = format!("# Agenda: {}", rename.old_name);
                    if agenda
                        && text.starts_with(&agenda::new_file(&rename.old_name))
                        && !splices.iter().any(|s| s.range.start < heading.len())
                    {
                        splices.push(Splice {
                            range: 0..heading.len(),
                            with: format!("# Agenda: {}", rename.new_name),
                        });
                    }
                    if !agenda && let Some(splice) = copy_person_splice(&text, &rename.new_name) {
                        splices.push(splice);
                    }
                    apply(&text, &splices)
                } else {
                    continue;
                };
                if after == text {
                    continue;
                }
                let lands = renamed.get(name).unwrap_or(name);
                if place.in_space {
                    if parse_meeting_name(name).is_some() {
                        self.copies += 1;
                    } else {
                        self.updated.push(slash_path(&Path::new(new).join(lands)));
                    }
                }
                edits.push((
                    place.to.join(lands),
                    place.shown.1.join(lands),
                    place.listed.1.join(lands),
                    text,
                    after,
                ));
            }
        }
        self.edits = edits
            .into_iter()
            .map(|(path, shown, listed, before, after)| OutsideEdit {
                // Listed line by line.
                splices: line_splices(&before, &after),
                path,
                shown,
                listed,
                before,
                after,
            })
            .collect();
        Ok(())
    }
}

/// The splices that rewrite the mentions of the person in a text (a
/// person.yaml that cannot be read goes to the `warn` given).
type Mentions<'a> = dyn FnMut(&str, &mut dyn FnMut(Error)) -> Vec<Splice> + 'a;

/// A file to write outside the notebook's person folders: where it lands,
/// as shown and as listed, its text and what it becomes.
type OutsideText = (PathBuf, PathBuf, PathBuf, String, String);

/// A folder moved in the space, or the notebook's copies of what was
/// published there.
#[derive(Debug, Clone)]
struct OutsideMove {
    /// In the space (else the notebook's copies).
    in_space: bool,
    /// A folder (else a file).
    folder: bool,
    from: PathBuf,
    to: PathBuf,
    shown: PathBuf,
    listed_from: PathBuf,
    listed_to: PathBuf,
}

/// A file of the space, or a copy the notebook keeps, edited where it
/// lands after the moves.
#[derive(Debug, Clone)]
struct OutsideEdit {
    path: PathBuf,
    shown: PathBuf,
    listed: PathBuf,
    before: String,
    after: String,
    /// What changes, line by line, for the listing.
    splices: Vec<Splice>,
}

impl Rename {
    /// Plans the rename `request` asks for in `notebook`; reads, never
    /// writes. A note that cannot be read is reported to `warn` and left
    /// as it is. Run it under the notebook lock to commit the plan.
    ///
    /// # Errors
    /// OLD matches no person or several; NEW cannot be a name; NEW's folder
    /// is there and `merge` is not asked (or a file stands there); nothing
    /// would change; a file to edit cannot be read or edited by changing
    /// only the name's bytes; a merge would put a file where one is; the
    /// person's shared space cannot follow (see [`Rename::plan_space`]).
    #[allow(clippy::too_many_lines)] // one step after another, each a few lines
    pub fn plan(
        notebook: &Notebook,
        request: &Request<'_>,
        warn: &mut dyn FnMut(Error),
    ) -> Result<Rename> {
        // Who each name means, before anything moves: OLD, NEW, and every
        // mention.
        let mut people = People::new(notebook)?;
        let old = people.resolve(request.old, Wanted::Existing, warn)?;
        notebook.refuse_link(&old.slug)?;
        let mut new_name = request.new.trim().to_string();
        let new_slug = slugify(&new_name)?;
        let target = if new_slug == old.slug {
            None
        } else {
            match people.exactly(request.new, warn)? {
                Named::One(found, rule) if found.slug != old.slug => {
                    if !request.merge {
                        return Err(exists_without_merge(&old, &found, rule, request));
                    }
                    // Merged into someone by another name: theirs stays.
                    if rule != Rule::Folder {
                        new_name.clone_from(&found.name);
                    }
                    Some(found.slug)
                }
                Named::Several(people) => {
                    return Err(Error::Usage(format!(
                        "{} already means more than one person: {}; choose another name",
                        crate::error::quoted_name(request.new),
                        people.join(", ")
                    )));
                }
                _ => {
                    let found = existing_folder(notebook, &old.slug, &new_slug)?;
                    if let Some(found) = &found
                        && !request.merge
                    {
                        let name = crate::person::display_name(notebook, found)
                            .unwrap_or_else(|| found.clone());
                        let person = Person {
                            slug: found.clone(),
                            name,
                            exists: true,
                            by_prefix: false,
                            took_over: None,
                        };
                        return Err(exists_without_merge(&old, &person, Rule::Folder, request));
                    }
                    found
                }
            }
        };
        let dest = target.clone().unwrap_or(new_slug);
        notebook.refuse_link(&dest)?;
        let mut plan = Rename {
            old_slug: old.slug.clone(),
            old_name: old.name.clone(),
            new_slug: dest.clone(),
            new_name,
            merging: target.is_some(),
            counts: Counts::default(),
            renumbered: Vec::new(),
            differences: Vec::new(),
            mention_forms: Vec::new(),
            moves: Vec::new(),
            files: Vec::new(),
            removals: Vec::new(),
            in_space: None,
        };
        let mut merge = match &target {
            Some(found) => Some(MergePlan::new(notebook, &old.slug, found)?),
            None => None,
        };
        if merge.is_none() && dest != old.slug {
            plan.moves.push(Moved {
                from: PathBuf::from(&old.slug),
                to: PathBuf::from(&dest),
                folder: true,
            });
        }
        let mut walked = plan.edit_notes(notebook, &mut people, merge.as_ref(), warn)?;
        plan.in_space = plan.plan_space(
            notebook,
            merge.as_ref(),
            &mut people,
            &mut walked.resolved,
            request.home,
            warn,
        )?;
        if let Some(m) = merge.as_mut() {
            if m.both_agendas {
                plan.merge_agendas(notebook, walked.agendas)?;
            }
            plan.profiles(notebook, Some(&*m), walked.named_notes)?;
            plan.moves.append(&mut m.moves);
            plan.renumbered = std::mem::take(&mut m.renumbered);
            plan.counts.notes_moved = m.notes_moved;
            plan.counts.others_moved = m.others_moved;
        } else {
            plan.profiles(notebook, None, walked.named_notes)?;
        }
        if plan.steps() == 0 {
            return Err(Error::Usage(format!(
                "{} ({}/) is already named {}; nothing to rename",
                old.name,
                old.slug,
                crate::error::quoted_name(&plan.new_name)
            )));
        }
        plan.files.sort_by(|a, b| a.lands.cmp(&b.lands));
        Ok(plan)
    }

    /// Plans the edits of the notes: `person:` in the person's (both
    /// folders' when merging), and in every note of the notebook each
    /// mention that means the person (`people` says, as it says who owns a
    /// follow-up). When both folders of a merge have an agenda, those two
    /// are kept aside, with their edits, to be joined.
    fn edit_notes(
        &mut self,
        notebook: &Notebook,
        people: &mut People<'_>,
        merge: Option<&MergePlan>,
        warn: &mut dyn FnMut(Error),
    ) -> Result<Walked> {
        let files = notebook.markdown_files(warn);
        let both_agendas = merge.is_some_and(|m| m.both_agendas);
        let agenda_of = |slug: &str| Path::new(slug).join(AGENDA_FILE);
        let mut walked = Walked::default();
        // Each name mentioned, whether it means the person: asked once.
        let resolved = &mut walked.resolved;
        for file in files {
            let folder = crate::notebook::person_folder(&file.rel);
            let theirs = folder.as_deref() == Some(self.old_slug.as_str())
                || (self.merging && folder.as_deref() == Some(self.new_slug.as_str()));
            let text = match crate::notebook::read_listed_note(notebook, &file) {
                Ok(text) => text,
                Err(e) => {
                    warn(e);
                    continue;
                }
            };
            let mut splices = Vec::new();
            if theirs {
                walked.named_notes += usize::from(has_person(&text));
                if let Some(s) = person_splice(&text, &notebook.show(&file.rel), &self.new_name)? {
                    splices.push(s);
                    self.counts.names += 1;
                }
            }
            let mut found = Vec::new();
            for (range, name) in all_mentions(&text) {
                // `@me` is always the manager; a mention that names the
                // new folder already stays.
                let Ok(slug) = slugify(name) else { continue };
                if slug == "me" || slug == self.new_slug {
                    continue;
                }
                let is_them = *resolved.entry(name.to_string()).or_insert_with(|| {
                    people.owner(name, warn).as_deref() == Some(self.old_slug.as_str())
                });
                if is_them {
                    if !self.mention_forms.iter().any(|f| f == name) {
                        self.mention_forms.push(name.to_string());
                    }
                    found.push(range);
                }
            }
            self.counts.mentions += found.len();
            self.counts.mention_files += usize::from(!found.is_empty());
            splices.extend(found.into_iter().map(|range| Splice {
                range,
                with: self.new_slug.clone(),
            }));
            if both_agendas && file.rel == agenda_of(&self.old_slug) {
                walked.agendas[0] = Some((text, splices));
            } else if both_agendas && file.rel == agenda_of(&self.new_slug) {
                walked.agendas[1] = Some((text, splices));
            } else if !splices.is_empty() {
                self.files.push(FileEdit {
                    lands: self.lands(merge, &file.rel),
                    before: Some(text),
                    splices,
                });
            }
        }
        Ok(walked)
    }

    /// Plans the rename in the person's shared space, when they have one
    /// (see the module's doc); `resolved` says of each name mentioned
    /// whether it means the person, and gets the names asked about here.
    ///
    /// # Errors
    /// Their person.yaml names a space that is not there or not theirs; a
    /// merge's target has a space too; a folder to move is a link, or
    /// something is where it would go; the space's oneonone.yaml cannot
    /// be edited by its values alone, or a file of it cannot be read.
    fn plan_space(
        &self,
        notebook: &Notebook,
        merge: Option<&MergePlan>,
        people: &mut People<'_>,
        resolved: &mut HashMap<String, bool>,
        home: Option<&Path>,
        warn: &mut dyn FnMut(Error),
    ) -> Result<Option<InSpace>> {
        let Some(space) = Space::of(notebook, &self.old_slug, home)? else {
            return Ok(None);
        };
        let (old, new) = (self.old_slug.as_str(), self.new_slug.as_str());
        if self.merging {
            let folder = Path::new(new);
            let theirs = Profile::load(&notebook.path(folder), &notebook.show(folder))?
                .shared
                .filter(|s| !s.trim().is_empty());
            if let Some(theirs) = theirs {
                return Err(Error::Usage(format!(
                    "cannot merge {old}/ into {new}/: both have a shared space ({} and {}), and a person can have only one; \
                     stop sharing one of them first (delete the `shared:` line of {old}/{PROFILE_FILE} or \
                     {new}/{PROFILE_FILE}; the folder stays as it is), then run the merge again",
                    space.shown_root().display(),
                    sanitize(&theirs)
                )));
            }
        }
        let mut plan = InSpace {
            git: crate::git::Git::is_repository(space.root()),
            space,
            moves: Vec::new(),
            edits: Vec::new(),
            updated: Vec::new(),
            copies: 0,
            readme_kept: false,
        };
        // A note a merge renumbers: its copy, and the notebook's copies of
        // it, take its new name.
        let mut renamed: HashMap<String, String> = HashMap::new();
        for (name, to) in merge.iter().flat_map(|m| &m.placed) {
            if let (Some(name), Some(to)) = (name.to_str(), to.to_str())
                && name != to
                && parse_meeting_name(name).is_some()
            {
                renamed.insert(name.to_string(), to.to_string());
                renamed.insert(format!("{name}.words"), format!("{to}.words"));
            }
        }
        let found = plan.plan_moves(notebook, old, new, &renamed)?;
        plan.plan_edits(
            self,
            notebook,
            &found,
            &renamed,
            &mut |text, warn| {
                // The mentions that meant the person, as in the notebook.
                all_mentions(text)
                    .into_iter()
                    .filter_map(|(range, name)| {
                        let slug = slugify(name).ok()?;
                        if slug == "me" || slug == new {
                            return None;
                        }
                        let is_them = *resolved
                            .entry(name.to_string())
                            .or_insert_with(|| people.owner(name, warn).as_deref() == Some(old));
                        is_them.then(|| Splice {
                            range,
                            with: new.to_string(),
                        })
                    })
                    .collect()
            },
            warn,
        )?;
        Ok((!plan.moves.is_empty() || !plan.edits.is_empty()).then_some(plan))
    }

    /// Where a notebook-relative path is once the moves are made.
    fn lands(&self, merge: Option<&MergePlan>, rel: &Path) -> PathBuf {
        match merge {
            Some(m) => m.lands(rel),
            None => {
                rebase(rel, &self.old_slug, &self.new_slug).unwrap_or_else(|| rel.to_path_buf())
            }
        }
    }

    /// Plans person.yaml: the target's merged with OLD's, or the one
    /// person.yaml given the new name, or a new one when nothing else would
    /// keep the name.
    fn profiles(
        &mut self,
        notebook: &Notebook,
        merge: Option<&MergePlan>,
        named_notes: usize,
    ) -> Result<()> {
        let old_rel = Path::new(&self.old_slug).join(PROFILE_FILE);
        let old_text = read_optional(notebook, &old_rel)?;
        // The file edited: where it is now, where it is written, its text,
        // and OLD's to merge into it.
        let (now_rel, lands, text, other) = if let Some(m) = merge {
            let target_rel = Path::new(&m.target).join(PROFILE_FILE);
            match (read_optional(notebook, &target_rel)?, old_text) {
                (Some(target), Some(old)) => {
                    self.removals.push(Removed {
                        rel: old_rel.clone(),
                        before: old.clone(),
                        into: target_rel.clone(),
                    });
                    let now = target_rel.clone();
                    (now, target_rel, Some(target), Some((old, old_rel)))
                }
                (Some(target), None) => (target_rel.clone(), target_rel, Some(target), None),
                (None, old) => (old_rel.clone(), m.lands(&old_rel), old, None),
            }
        } else {
            let lands =
                rebase(&old_rel, &self.old_slug, &self.new_slug).unwrap_or_else(|| old_rel.clone());
            (old_rel, lands, old_text, None)
        };
        // A merged person's names stay theirs, as aliases.
        let kept = if merge.is_some() {
            KeptNames::new(
                &self.old_name,
                &self.old_slug,
                &self.new_slug,
                &self.new_name,
            )
        } else {
            KeptNames::default()
        };
        let Some(text) = text else {
            let same = self.new_slug == self.old_slug && self.new_name == self.old_name;
            let made = if kept.names.is_empty() {
                (named_notes == 0 && !same).then(|| crate::person::new_file(&self.new_name))
            } else {
                let added: Vec<&(String, &'static str)> = kept.names.iter().collect();
                self.differences.push(kept.said(&added));
                Some(kept.new_profile(&self.new_name))
            };
            if let Some(made) = made {
                self.counts.profile = true;
                self.files.push(FileEdit {
                    // A merge's target gets it: OLD's folder goes.
                    lands: if merge.is_some() {
                        Path::new(&self.new_slug).join(PROFILE_FILE)
                    } else {
                        lands
                    },
                    before: None,
                    splices: vec![Splice {
                        range: 0..0,
                        with: made,
                    }],
                });
            }
            return Ok(());
        };
        let edit = profile_splices(
            &text,
            &notebook.show(&now_rel),
            other.as_ref().map(|(t, rel)| (t.as_str(), rel.as_path())),
            &self.new_name,
            &kept,
        )?;
        self.differences = edit.differences;
        self.counts.profile = edit.renamed;
        let splices = edit.splices;
        if !splices.is_empty() {
            self.files.push(FileEdit {
                lands,
                before: Some(text),
                splices,
            });
        }
        Ok(())
    }

    /// Plans the target's agenda.md taking all of OLD's (`agendas`: OLD's
    /// and the target's texts, each with its own edits).
    fn merge_agendas(
        &mut self,
        notebook: &Notebook,
        agendas: [Option<(String, Vec<Splice>)>; 2],
    ) -> Result<()> {
        let old_rel = Path::new(&self.old_slug).join(AGENDA_FILE);
        let target_rel = Path::new(&self.new_slug).join(AGENDA_FILE);
        let unreadable = |rel: &Path| Error::Invalid {
            path: notebook.show(rel),
            line: None,
            message:
                "cannot be read as text, so it cannot be merged; fix it, then run the rename again"
                    .into(),
        };
        let [old, target] = agendas;
        let (old_text, old_splices) = old.ok_or_else(|| unreadable(&old_rel))?;
        let (target_text, mut splices) = target.ok_or_else(|| unreadable(&target_rel))?;
        let old_edited = apply(&old_text, &old_splices);
        let target_edited = apply(&target_text, &splices);
        // The heading `agenda` wrote names them by their old name or folder.
        let names = [self.old_name.as_str(), self.old_slug.as_str()];
        if let Some(tail) = agenda::merge_tail(&target_edited, &old_edited, &names) {
            let texts = |t: &str| -> Vec<String> {
                agenda::open_points(t)
                    .into_iter()
                    .map(|p| p.task.text)
                    .collect()
            };
            let mut want = texts(&target_edited);
            let added = texts(&old_edited);
            self.counts.agenda_points = added.len();
            want.extend(added);
            if texts(&format!("{target_edited}{tail}")) != want {
                return Err(Error::Invalid {
                    path: notebook.show(&target_rel),
                    line: None,
                    message: format!(
                        "it ends inside a code block, an HTML block or a comment, where the points of {} would not show; \
                         close it, then run the rename again",
                        slash_path(&old_rel)
                    ),
                });
            }
            splices.push(Splice {
                range: target_text.len()..target_text.len(),
                with: tail,
            });
        }
        if !splices.is_empty() {
            self.files.push(FileEdit {
                lands: target_rel.clone(),
                before: Some(target_text),
                splices,
            });
        }
        self.removals.insert(
            0,
            Removed {
                rel: old_rel,
                before: old_text,
                into: target_rel,
            },
        );
        Ok(())
    }

    /// Every step, as lines of at most 80 columns for `--dry-run`: the
    /// moves, the new file and the edits (each edited line before and
    /// after, paths where the file is by then), the removals; paths
    /// shown from the current folder, text sanitized for a terminal.
    #[must_use]
    pub fn listing(&self, notebook: &Notebook, width: Option<usize>) -> Vec<String> {
        let mut lines = vec![self.title()];
        let slash = |rel: &Path, folder: bool| listed_path(&notebook.show(rel), folder);
        for m in &self.moves {
            lines.push(format!(
                "move {} to {}",
                slash(&m.from, m.folder),
                slash(&m.to, m.folder)
            ));
        }
        let in_space = self.in_space.as_ref();
        for m in in_space.iter().flat_map(|s| &s.moves) {
            lines.push(format!(
                "move {} to {}",
                listed_path(&m.listed_from, m.folder),
                listed_path(&m.listed_to, m.folder)
            ));
        }
        for file in &self.files {
            match &file.before {
                None => {
                    let shown = notebook.show(&file.lands);
                    lines.extend(listed_creation(&shown, &file.after(), width));
                }
                Some(before) => {
                    let shown = notebook.show(&file.lands);
                    lines.extend(listed_edit(&shown, before, &file.splices, width));
                }
            }
        }
        for edit in in_space.iter().flat_map(|s| &s.edits) {
            lines.extend(listed_edit(
                &edit.listed,
                &edit.before,
                &edit.splices,
                width,
            ));
        }
        for r in &self.removals {
            lines.push(format!(
                "remove {} (merged into {})",
                slash(&r.rel, false),
                slash(&r.into, false)
            ));
        }
        if self.merging {
            lines.push(format!(
                "remove {} (empty by then)",
                slash(Path::new(&self.old_slug), true)
            ));
        }
        lines
    }

    /// "rename Alice (alice/) to Mary Ann Walsh (mary-ann-walsh/)", or
    /// "merge ... into ...".
    #[must_use]
    pub fn title(&self) -> String {
        let verb = if self.merging { "merge" } else { "rename" };
        let to = if self.merging { "into" } else { "to" };
        format!(
            "{verb} {} ({}/) {to} {} ({}/)",
            sanitize(&self.old_name),
            sanitize(&self.old_slug),
            sanitize(&self.new_name),
            sanitize(&self.new_slug)
        )
    }

    /// What the commit did, a line each (sanitized), for a run without
    /// `--dry-run`; `folder_removed` is what [`Rename::commit`] returned.
    #[must_use]
    pub fn summary(&self, folder_removed: bool) -> Vec<String> {
        let past = self.title().replacen("rename", "renamed", 1);
        let mut lines = vec![if self.merging {
            past.replacen("merge", "merged", 1)
        } else {
            past
        }];
        let c = &self.counts;
        let target = sanitize(&self.new_slug).into_owned();
        if self.merging {
            let mut moved = plural(c.notes_moved, "note");
            if c.others_moved > 0 {
                let _ = write!(moved, " and {}", plural(c.others_moved, "other file"));
            }
            lines.push(format!("moved {moved} into {target}/"));
            for (from, to) in &self.renumbered {
                lines.push(format!(
                    "{} is now {} (a note of that day was there)",
                    sanitize(&slash_path(from)),
                    sanitize(&slash_path(to))
                ));
            }
            if c.agenda_points > 0 {
                lines.push(format!(
                    "added {} to {target}/{AGENDA_FILE}",
                    plural(c.agenda_points, "agenda point")
                ));
            }
            lines.extend(self.differences.iter().map(|d| sanitize(d).into_owned()));
        }
        let mut named = Vec::new();
        if c.names > 0 {
            named.push(plural(c.names, "note"));
        }
        if c.profile {
            named.push(PROFILE_FILE.to_string());
        }
        if !named.is_empty() {
            lines.push(format!(
                "the name is now {} in {}",
                sanitize(&self.new_name),
                named.join(" and ")
            ));
        }
        if c.mentions > 0 {
            let old = slugify(&self.old_slug).unwrap_or_else(|_| self.old_slug.clone());
            let as_folder = self
                .mention_forms
                .iter()
                .all(|f| slugify(f).is_ok_and(|s| s == old));
            let which = if as_folder {
                plural(c.mentions, &format!("@{} mention", sanitize(&old)))
            } else {
                let forms: Vec<String> = self
                    .mention_forms
                    .iter()
                    .map(|f| format!("@{}", sanitize(f)))
                    .collect();
                format!(
                    "{} of {} ({})",
                    plural(c.mentions, "@mention"),
                    sanitize(&self.old_name),
                    forms.join(", ")
                )
            };
            lines.push(format!(
                "updated {which} to @{}, in {}",
                sanitize(&self.new_slug),
                plural(c.mention_files, "file")
            ));
        }
        if let Some(in_space) = &self.in_space {
            lines.extend(self.space_summary(in_space));
        }
        if self.merging {
            let old = sanitize(&self.old_slug);
            lines.push(if folder_removed {
                format!("removed the empty {old}/")
            } else {
                format!("kept {old}/: something new is in it")
            });
        }
        lines
    }

    /// What was done in the shared space, a line each: the folder moved
    /// there and the files updated (and whether `sync` commits it); a
    /// README left as it is.
    fn space_summary(&self, in_space: &InSpace) -> Vec<String> {
        let (old, new) = (sanitize(&self.old_slug), sanitize(&self.new_slug));
        let dir = in_space.space.shown_root().display().to_string();
        let dir = sanitize(&dir);
        let moved = in_space.moves.iter().any(|m| m.in_space && m.folder);
        let mut line = if moved {
            format!("moved {old}/ to {new}/ in the shared space {dir}")
        } else {
            format!("in the shared space {dir}")
        };
        let mut updated: Vec<String> = in_space
            .updated
            .iter()
            .map(|f| sanitize(f).into_owned())
            .collect();
        if in_space.copies > 0 {
            updated.push(if in_space.copies == 1 {
                "1 shared copy".to_string()
            } else {
                format!("{} shared copies", in_space.copies)
            });
        }
        if !updated.is_empty() {
            let last = updated.pop().unwrap_or_default();
            let joined = if updated.is_empty() {
                last
            } else {
                format!("{} and {last}", updated.join(", "))
            };
            let _ = write!(
                line,
                "{}updated {joined}",
                if moved { ", and " } else { ": " }
            );
        }
        if in_space.git {
            let _ = write!(line, "; `oneonone sync {new}` commits it");
        }
        let mut lines = vec![line];
        if in_space.readme_kept {
            lines.push(format!(
                "{dir}/{README_FILE} was changed since `share`, so it is left as it is; it still names {old}/"
            ));
        }
        lines
    }

    /// How many files the commit writes, moves or removes.
    #[must_use]
    pub fn steps(&self) -> usize {
        self.moves.len()
            + self.files.len()
            + self.removals.len()
            + self
                .in_space
                .as_ref()
                .map_or(0, |s| s.moves.len() + s.edits.len())
    }

    /// Writes the plan as one transaction; `lock` is the notebook's lock,
    /// held since before planning. A merge then removes OLD's folder if it
    /// is empty; true when it did (or there was none to remove).
    ///
    /// # Errors
    /// A step failed (a file changed since planning, a name taken
    /// meanwhile, the disk); every step made is undone.
    pub fn commit(&self, notebook: &Notebook, lock: &Lock) -> Result<bool> {
        let label = format!(
            "rename {} {}{}",
            self.old_slug,
            self.new_slug,
            if self.merging { " --merge" } else { "" }
        );
        let mut tx = Transaction::with_modes(notebook.modes())
            .staged(lock)
            .labelled(label);
        if let Some(in_space) = &self.in_space {
            // Renaming back takes it back; a merge, only by hand.
            let quote = crate::output::shell_quoted;
            tx = tx.cannot_be_undone(if self.merging {
                in_space.space.why_no_undo()
            } else {
                in_space.space.why_no_undo_then(&format!(
                    "to take it back, rename again: oneonone rename {} {}",
                    self.new_slug,
                    quote(&self.old_name)
                ))
            });
        }
        for m in &self.moves {
            tx.push_move(Move {
                from: notebook.path(&m.from),
                to: notebook.path(&m.to),
                shown: notebook.show(&m.from),
            });
        }
        for m in self.in_space.iter().flat_map(|s| &s.moves) {
            tx.push_move(Move {
                from: m.from.clone(),
                to: m.to.clone(),
                shown: m.shown.clone(),
            });
        }
        for file in &self.files {
            tx.push(Change {
                path: notebook.path(&file.lands),
                shown: notebook.show(&file.lands),
                before: file.before.clone().map(String::into_bytes),
                after: file.after().into_bytes(),
            });
        }
        for edit in self.in_space.iter().flat_map(|s| &s.edits) {
            tx.push(Change {
                path: edit.path.clone(),
                shown: edit.shown.clone(),
                before: Some(edit.before.clone().into_bytes()),
                after: edit.after.clone().into_bytes(),
            });
        }
        for r in &self.removals {
            tx.push_removal(Removal {
                path: notebook.path(&r.rel),
                shown: notebook.show(&r.rel),
                before: r.before.clone().into_bytes(),
            });
        }
        tx.commit()?;
        if self.merging {
            // Only an empty folder goes: anything new in it stays.
            return Ok(std::fs::remove_dir(notebook.path(Path::new(&self.old_slug))).is_ok());
        }
        Ok(true)
    }
}

/// What a merge does with the entries of OLD's folder.
struct MergePlan {
    /// OLD's folder.
    old: String,
    /// The folder merged into.
    target: String,
    /// Each entry of OLD's folder moved, as (its name, its name in the
    /// target).
    placed: Vec<(OsString, OsString)>,
    /// The moves, in order.
    moves: Vec<Moved>,
    /// Meeting notes that take another name.
    renumbered: Vec<(PathBuf, PathBuf)>,
    notes_moved: usize,
    others_moved: usize,
    /// Whether both folders hold an agenda.md (OLD's then merges).
    both_agendas: bool,
}

impl MergePlan {
    /// Works out where each entry of OLD's folder goes in the target.
    ///
    /// # Errors
    /// A folder cannot be read; an entry is a symbolic link or its name is
    /// taken in the target (all of them named).
    fn new(notebook: &Notebook, old: &str, target: &str) -> Result<MergePlan> {
        let entries = |slug: &str| -> Result<Vec<(OsString, std::fs::FileType)>> {
            let folder = Path::new(slug);
            let read = std::fs::read_dir(notebook.path(folder))
                .map_err(|e| Error::io(notebook.show(folder), "cannot read the folder", e))?;
            let mut found: Vec<(OsString, std::fs::FileType)> = read
                .flatten()
                .filter_map(|e| Some((e.file_name(), e.file_type().ok()?)))
                .collect();
            found.sort_by(|a, b| a.0.cmp(&b.0));
            Ok(found)
        };
        let mut taken: BTreeSet<OsString> = entries(target)?.into_iter().map(|e| e.0).collect();
        // A file of the target's own, not a link: one to merge into.
        let target_has = |name: &str| {
            std::fs::symlink_metadata(notebook.path(&Path::new(target).join(name)))
                .is_ok_and(|m| m.is_file())
        };
        let mut plan = MergePlan {
            old: old.to_string(),
            target: target.to_string(),
            placed: Vec::new(),
            moves: Vec::new(),
            renumbered: Vec::new(),
            notes_moved: 0,
            others_moved: 0,
            both_agendas: false,
        };
        let mut problems = Vec::new();
        let mut meetings = Vec::new();
        for (name, kind) in entries(old)? {
            let rel = Path::new(old).join(&name);
            let text_name = name.to_str();
            if kind.is_symlink() {
                problems.push(format!(
                    "  {}: a symbolic link; oneonone does not move links",
                    sanitize(&slash_path(&rel))
                ));
                continue;
            }
            let merged_file =
                |file: &str| text_name == Some(file) && kind.is_file() && target_has(file);
            if merged_file(AGENDA_FILE) {
                plan.both_agendas = true;
                continue;
            }
            if merged_file(PROFILE_FILE) {
                continue;
            }
            if let Some(meeting) = text_name
                .filter(|_| kind.is_file())
                .and_then(parse_meeting_name)
            {
                meetings.push((meeting, name));
                continue;
            }
            if taken.contains(&name) {
                problems.push(format!(
                    "  {}: {} is there too",
                    sanitize(&slash_path(&rel)),
                    sanitize(&slash_path(&Path::new(target).join(&name)))
                ));
                continue;
            }
            taken.insert(name.clone());
            plan.place(name.clone(), name, kind.is_dir());
            plan.others_moved += 1;
        }
        if !problems.is_empty() {
            return Err(Error::Usage(format!(
                "cannot merge {old}/ into {target}/: nothing was written; move or rename these first:\n{}",
                problems.join("\n")
            )));
        }
        meetings.sort();
        for ((date, number), name) in meetings {
            let free = |n: u32| {
                let candidate = OsString::from(crate::notebook::meeting_name(date, n));
                (!taken.contains(&candidate)).then_some(candidate)
            };
            let to = free(number)
                .or_else(|| (2..=MAX_MEETINGS_A_DAY).find_map(free))
                .ok_or_else(|| Error::Exists {
                    path: notebook.show(
                        &Path::new(target)
                            .join(crate::notebook::meeting_name(date, MAX_MEETINGS_A_DAY)),
                    ),
                })?;
            taken.insert(to.clone());
            if to != name {
                plan.renumbered
                    .push((Path::new(old).join(&name), Path::new(target).join(&to)));
            }
            plan.place(name, to, false);
            plan.notes_moved += 1;
        }
        plan.moves.sort_by(|a, b| a.from.cmp(&b.from));
        Ok(plan)
    }

    fn place(&mut self, name: OsString, to: OsString, folder: bool) {
        self.moves.push(Moved {
            from: Path::new(&self.old).join(&name),
            to: Path::new(&self.target).join(&to),
            folder,
        });
        self.placed.push((name, to));
    }

    /// Where a notebook-relative path of OLD's folder is after the moves.
    fn lands(&self, rel: &Path) -> PathBuf {
        let Ok(rest) = rel.strip_prefix(&self.old) else {
            return rel.to_path_buf();
        };
        let mut parts = rest.components();
        let Some(Component::Normal(first)) = parts.next() else {
            return rel.to_path_buf();
        };
        let Some((_, to)) = self.placed.iter().find(|(name, _)| name == first) else {
            return rel.to_path_buf();
        };
        let mut lands = Path::new(&self.target).join(to);
        // Joining an empty path would add a `/`.
        if !parts.as_path().as_os_str().is_empty() {
            lands.push(parts.as_path());
        }
        lands
    }
}

/// How many `-N` names to try before giving up on a day (as `new`).
const MAX_MEETINGS_A_DAY: u32 = 999;

/// The folder other than `old` that `slug` names: the one spelled so, or
/// one whose name folds to it (`Mary-Ann/` for `mary-ann`).
///
/// # Errors
/// The notebook cannot be read, or a file (or a link) stands where the
/// folder would go.
fn existing_folder(notebook: &Notebook, old: &str, slug: &str) -> Result<Option<String>> {
    let found = notebook
        .person_slugs()?
        .into_iter()
        .find(|f| f != old && (f == slug || slugify(f).ok().as_deref() == Some(slug)));
    if found.is_some() {
        return Ok(found);
    }
    let rel = Path::new(slug);
    notebook.refuse_link(slug)?;
    if std::fs::symlink_metadata(notebook.path(rel)).is_ok() {
        return Err(Error::Invalid {
            path: notebook.show(rel),
            line: None,
            message: "is a file where the person's folder would go; move it away, then run the rename again"
                .into(),
        });
    }
    Ok(None)
}

/// The error for a new name that is someone else's (their folder, their
/// display name or an alias), without `--merge`: it says how to merge.
fn exists_without_merge(old: &Person, found: &Person, rule: Rule, request: &Request<'_>) -> Error {
    let quote = crate::output::shell_quoted;
    let (slug, name) = (sanitize(&found.slug), sanitize(&found.name));
    let (there, into) = if rule == Rule::Folder {
        (
            format!("{slug}/ is already there ({name})"),
            "it".to_string(),
        )
    } else {
        (
            format!(
                "{} already means {name} ({slug}/)",
                crate::error::quoted_name(request.new)
            ),
            format!("{slug}/"),
        )
    };
    Error::Usage(format!(
        "{there}; to move the notes of {} ({}/) into {into}, run:\n  oneonone rename {} {} --merge",
        sanitize(&old.name),
        sanitize(&old.slug),
        quote(request.old),
        quote(request.new)
    ))
}

/// `rel` with its first folder `from` replaced by `to`; `None` when it is
/// not in `from`.
fn rebase(rel: &Path, from: &str, to: &str) -> Option<PathBuf> {
    rel.strip_prefix(from)
        .ok()
        .map(|rest| Path::new(to).join(rest))
}

/// A folder that a rename moves outside the person's folder (their folder
/// in a shared space, or the notebook's copies of what was published
/// there): where it is and where it lands, as opened, shown and listed.
struct Place {
    in_space: bool,
    from: PathBuf,
    to: PathBuf,
    shown: (PathBuf, PathBuf),
    listed: (PathBuf, PathBuf),
}

/// The names of the regular files in `folder` (shown as `shown`), sorted;
/// links and folders are left out.
///
/// # Errors
/// The folder cannot be read.
fn file_names(folder: &Path, shown: &Path) -> Result<Vec<String>> {
    let read =
        std::fs::read_dir(folder).map_err(|e| Error::io(shown, "cannot read the folder", e))?;
    let mut names: Vec<String> = read
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    names.sort();
    Ok(names)
}

/// True for a file name ending in `.md`.
fn is_markdown(name: &str) -> bool {
    Path::new(name).extension().is_some_and(|e| e == "md")
}

/// The splice that gives a shared copy (or the notebook's copy of one)
/// the `person:` the copy of the renamed note has: the name as the copy
/// writes it ([`yaml_scalar`]); `None` when it has no `person:` or has
/// that one.
fn copy_person_splice(text: &str, name: &str) -> Option<Splice> {
    let range = Note::split(text).frontmatter?;
    key_span(text, range, "person")?;
    between(text, &set_value(text, "person", &yaml_scalar(name)))
}

/// Reads a text file of the notebook that may be missing, never through a
/// link.
fn read_optional(notebook: &Notebook, rel: &Path) -> Result<Option<String>> {
    crate::notebook::read_note_optional(notebook, rel)
}

/// True when the note's frontmatter has a top-level `person:`.
fn has_person(text: &str) -> bool {
    let note = Note::split(text);
    note.frontmatter
        .is_some_and(|range| key_span(text, range, "person").is_some())
}

/// The YAML of a frontmatter or a person.yaml (the file `shown`, from
/// its line `first_line`) as a mapping, empty for an empty text.
///
/// # Errors
/// It does not parse, or is not a mapping; the error names the file and
/// the line, and says to fix it first.
fn mapping(yaml: &str, shown: &Path, first_line: usize, cap: usize) -> Result<Mapping> {
    const FIX: &str = "fix it, then run the rename again";
    match crate::yaml::parse::<Value>(yaml, shown, first_line, cap) {
        Ok(Value::Mapping(map)) => Ok(map),
        Ok(Value::Null) => Ok(Mapping::new()),
        Ok(_) => Err(Error::Invalid {
            path: shown.to_path_buf(),
            line: Some(first_line),
            message: format!("not a mapping of `key: value` lines; {FIX}"),
        }),
        Err(Error::Yaml {
            path,
            location,
            message,
        }) => Err(Error::Yaml {
            path,
            location,
            message: format!("{message}; {FIX}"),
        }),
        Err(e) => Err(e),
    }
}

/// The edit that sets a note's `person:` to `name`, changing only the
/// value's bytes; `None` when the note has no `person:` or it says `name`
/// already.
///
/// # Errors
/// The frontmatter does not parse, or the edit would change anything but
/// `person` (a multi-line value, a comment-like quote).
fn person_splice(text: &str, shown: &Path, name: &str) -> Result<Option<Splice>> {
    let note = Note::split(text);
    let Some(range) = note.frontmatter.clone() else {
        return Ok(None);
    };
    let Some((line, _)) = key_span(text, range.clone(), "person") else {
        return Ok(None);
    };
    let line = crate::note::line_number(text, line.start);
    let refuse = |message: String| Error::Invalid {
        path: shown.to_path_buf(),
        line: Some(line),
        message,
    };
    let first = crate::note::line_number(text, range.start);
    let before = mapping(&text[range.clone()], shown, first, crate::yaml::NOTE_CAP)?;
    if before.get("person").and_then(Value::as_str).map(str::trim) == Some(name) {
        return Ok(None);
    }
    let after = set_value(
        text,
        "person",
        &in_style_of(text, range.clone(), "person", name),
    );
    let ok = Note::split(&after)
        .frontmatter
        .and_then(|r| mapping(&after[r], shown, first, crate::yaml::NOTE_CAP).ok())
        .is_some_and(|mut map| {
            let set = map.remove("person") == Some(Value::String(name.to_string()));
            let mut rest = before.clone();
            rest.remove("person");
            set && map == rest
        });
    if !ok {
        return Err(refuse(
            "cannot set `person:` by changing only its value (a multi-line or quoted value?); \
             edit it by hand, then run the rename again"
                .into(),
        ));
    }
    Ok(between(text, &after))
}

/// `value` as YAML for `key:` in the YAML text at `range` of `text`,
/// quoted as the value there is (`"Alice Smith"` stays in double quotes,
/// `'Alice'` in single ones), else plain where YAML allows.
fn in_style_of(text: &str, range: Range<usize>, key: &str, value: &str) -> String {
    let first = key_span(text, range, key)
        .and_then(|(line, colon)| text[colon + 1..line.end].trim_start().chars().next());
    match first {
        // A JSON string is a valid YAML double-quoted scalar.
        Some('"') => serde_json::to_string(value).unwrap_or_default(),
        // Single quotes escape nothing but themselves.
        Some('\'') if !value.chars().any(char::is_control) => {
            format!("'{}'", value.replace('\'', "''"))
        }
        _ => yaml_scalar(value),
    }
}

/// The markdown a note is read as, GitHub's.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
}

/// The byte ranges of the names (after the `@`) of the mentions in a note
/// that name `key`: those of [`all_mentions`] that fold to it (`@Alice` is
/// `alice`, `@alice-x` is not).
#[cfg(test)]
fn mentions(text: &str, key: &str) -> Vec<Range<usize>> {
    all_mentions(text)
        .into_iter()
        .filter(|(_, name)| slugify(name).ok().as_deref() == Some(key))
        .map(|(range, _)| range)
        .collect()
}

/// The mentions in a note, each the byte range of its name (after the
/// `@`) and the name: a mention starts a word (after a blank, the start,
/// or an opening bracket or quote) and its name runs over letters, digits,
/// `-`, `_` and `.` (a last `.` ends the sentence), as follow-up owners are
/// read. Only text markdown shows as text counts: never code, HTML or the
/// frontmatter.
fn all_mentions(text: &str) -> Vec<(Range<usize>, &str)> {
    // Most notes mention nobody: no parse for them.
    if !text.contains('@') {
        return Vec::new();
    }
    let note = Note::split(text);
    let base = note.body_start;
    let mut spans: Vec<Range<usize>> = Vec::new();
    let mut code = 0usize;
    for (event, range) in Parser::new_ext(note.body(), options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => code += 1,
            Event::End(TagEnd::CodeBlock) => code = code.saturating_sub(1),
            Event::Text(_) if code == 0 => {
                let range = base + range.start..base + range.end;
                match spans.last_mut() {
                    // Text split by the parser (at `_`, say) is one text.
                    Some(last) if last.end == range.start => last.end = range.end,
                    _ => spans.push(range),
                }
            }
            _ => {}
        }
    }
    let is_name_char = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '.');
    let mut found = Vec::new();
    for span in spans {
        for (i, _) in text[span.clone()].match_indices('@') {
            let at = span.start + i;
            let lead = text[..at].trim_end_matches(['(', '[', '{', '"', '\'']);
            if !(lead.is_empty() || lead.ends_with(char::is_whitespace)) {
                continue;
            }
            let rest = &text[at + 1..span.end];
            let end = rest.find(|c| !is_name_char(c)).unwrap_or(rest.len());
            // A name that runs on past the text is not whole here.
            if end == rest.len() && text[span.end..].starts_with(is_name_char) {
                continue;
            }
            let name = rest[..end].trim_end_matches('.');
            if !name.is_empty() {
                found.push((at + 1..at + 1 + name.len(), name));
            }
        }
    }
    found
}

/// What [`profile_splices`] does to a person.yaml.
#[derive(Debug)]
struct ProfileEdit {
    splices: Vec<Splice>,
    /// A line for each difference between merged files.
    differences: Vec<String>,
    /// Whether `name:` changes (or is added).
    renamed: bool,
}

/// The splices that give a person.yaml the name `name` and, when merging,
/// the values of `other` (its text and path): keys only it has are added
/// at the end, under a line saying where they come from; a list of plain
/// values both have gets the items it lacks; a value that differs stays,
/// with `other`'s as a comment right below it. Also says, for each
/// difference, what was kept.
///
/// # Errors
/// A file does not parse or is not a mapping of plain keys, or the edit
/// would change more than it means to (nothing is written then).
fn profile_splices(
    text: &str,
    shown: &Path,
    other: Option<(&str, &Path)>,
    name: &str,
    kept: &KeptNames,
) -> Result<ProfileEdit> {
    let mut edit = ProfileMerge::new(text, shown)?;
    let renamed = edit.set_name(name);
    edit.defer_aliases = !kept.names.is_empty();
    if let Some((other_text, other_rel)) = other {
        edit.take(other_text, other_rel)?;
    }
    edit.keep_names(kept, other.map(|(_, rel)| rel))?;
    edit.finish(renamed, other.map(|(_, rel)| rel))
}

/// The names of a person merged into another that the target keeps as
/// aliases, so that they still find them: their display name and folder,
/// but those the target answers to already.
#[derive(Debug, Default)]
struct KeptNames {
    /// Each name, and what it was ("name", "folder").
    names: Vec<(String, &'static str)>,
    /// The merged person's folder, for the message.
    folder: String,
}

impl KeptNames {
    /// The names of `old_name` (`old_slug/`) that `target/`, named
    /// `new_name`, does not answer to by its own folder or name.
    fn new(old_name: &str, old_slug: &str, target: &str, new_name: &str) -> Self {
        let taken = [key(target), key(new_name)];
        let mut names: Vec<(String, &'static str)> = Vec::new();
        for (name, what) in [(old_name, "name"), (old_slug, "folder")] {
            let k = key(name);
            if k.is_empty() || taken.contains(&k) || names.iter().any(|(n, _)| key(n) == k) {
                continue;
            }
            names.push((name.trim().to_string(), what));
        }
        KeptNames {
            names,
            folder: old_slug.to_string(),
        }
    }

    /// A person.yaml for a target that has none: the name, and the
    /// aliases.
    fn new_profile(&self, name: &str) -> String {
        let aliases: Vec<String> = self.names.iter().map(|(n, _)| yaml_scalar(n)).collect();
        format!(
            "{}aliases: [{}]\n",
            crate::person::new_file(name),
            aliases.join(", ")
        )
    }

    /// "person.yaml: aliases: added AJ, the name of aj/", for those of
    /// `names` added.
    fn said(&self, added: &[&(String, &'static str)]) -> String {
        let names: Vec<&str> = added.iter().map(|(n, _)| n.as_str()).collect();
        let what = if added.len() > 1 {
            "name and folder"
        } else {
            added.first().map_or("name", |(_, w)| *w)
        };
        format!(
            "person.yaml: aliases: added {}, the {what} of {}/",
            names.join(", "),
            self.folder
        )
    }
}

/// A person.yaml being edited by [`profile_splices`]: the splices so far,
/// the lines to add at its end, and the values it must read back as.
struct ProfileMerge<'a> {
    text: &'a str,
    shown: &'a Path,
    mine: Mapping,
    eol: &'static str,
    splices: Vec<Splice>,
    tail: String,
    expected: Mapping,
    differences: Vec<String>,
    /// Whether the other file's aliases, when this one has none, wait for
    /// [`ProfileMerge::keep_names`] to write them with the kept names.
    defer_aliases: bool,
    /// Those aliases.
    deferred: Option<Value>,
}

impl<'a> ProfileMerge<'a> {
    fn new(text: &'a str, shown: &'a Path) -> Result<Self> {
        let mine = parse_profile(text, shown)?;
        Ok(ProfileMerge {
            text,
            shown,
            expected: mine.clone(),
            mine,
            eol: line_ending(text),
            splices: Vec::new(),
            tail: String::new(),
            differences: Vec::new(),
            defer_aliases: false,
            deferred: None,
        })
    }

    /// Adds the kept names of a merged person to `aliases:` (the list
    /// there, in its own style; else a new line, with the other file's
    /// aliases that waited for it), but those it holds already.
    fn keep_names(&mut self, kept: &KeptNames, other: Option<&Path>) -> Result<()> {
        let list = |v: Option<&Value>| -> Vec<Value> {
            v.and_then(Value::as_sequence).cloned().unwrap_or_default()
        };
        let current = list(self.expected.get("aliases"));
        let theirs = list(self.deferred.as_ref());
        let known: Vec<String> = current
            .iter()
            .chain(&theirs)
            .filter_map(Value::as_str)
            .map(key)
            .collect();
        let added: Vec<&(String, &'static str)> = kept
            .names
            .iter()
            .filter(|(n, _)| !known.contains(&key(n)))
            .collect();
        let names = added.iter().map(|(n, _)| Value::String(n.clone()));
        if self.mine.contains_key("aliases") {
            if added.is_empty() {
                return Ok(());
            }
            let mut want = current.clone();
            want.extend(names);
            let block = blocks(self.text, &self.mine)
                .and_then(|b| b.into_iter().find(|(k, _)| k == "aliases"))
                .map(|(_, r)| r);
            let (splice, union) = block
                .and_then(|block| {
                    union_splice(
                        self.text,
                        block,
                        &Value::Sequence(current),
                        &Value::Sequence(want),
                        self.eol,
                    )
                })
                .ok_or_else(|| Error::Invalid {
                    path: self.shown.to_path_buf(),
                    line: None,
                    message: "cannot add to `aliases:` by adding to its list (not a list of plain names?); \
                              fix it, then run the rename again"
                        .into(),
                })?;
            self.splices.push(splice);
            self.expected
                .insert("aliases".into(), Value::Sequence(union));
        } else {
            let mut all = theirs;
            all.extend(names);
            if all.is_empty() {
                return Ok(());
            }
            let written: Vec<String> = all
                .iter()
                .map(|v| match v {
                    Value::String(s) => yaml_scalar(s),
                    other => show_value(other),
                })
                .collect();
            let _ = write!(self.tail, "aliases: [{}]{}", written.join(", "), self.eol);
            self.expected.insert("aliases".into(), Value::Sequence(all));
            if let (Some(value), Some(rel)) = (self.deferred.take(), other) {
                self.differences.push(format!(
                    "person.yaml: aliases: {} added from {}",
                    show_value(&value),
                    slash_path(rel)
                ));
            }
        }
        if !added.is_empty() {
            self.differences.push(kept.said(&added));
        }
        Ok(())
    }

    /// Sets `name:` by its value, or adds the line; true when it changes.
    fn set_name(&mut self, name: &str) -> bool {
        let text = self.text;
        if self.mine.get("name").and_then(Value::as_str).map(str::trim) == Some(name) {
            return false;
        }
        self.expected
            .insert("name".into(), Value::String(name.to_string()));
        if key_span(text, 0..text.len(), "name").is_some() {
            let value = in_style_of(text, 0..text.len(), "name", name);
            let after = set_value_in(text.to_string(), 0..text.len(), "name", &value);
            self.splices.extend(between(text, &after));
        } else {
            let _ = write!(self.tail, "name: {}{}", yaml_scalar(name), self.eol);
        }
        true
    }

    /// Takes in the values of the person.yaml `other_text` (at
    /// `other_rel`), but its name.
    fn take(&mut self, other_text: &str, other_rel: &Path) -> Result<()> {
        let other_shown = slash_path(other_rel);
        let theirs = parse_profile(other_text, other_rel)?;
        let cannot = || cannot_merge(self.shown, other_rel);
        let my_blocks = blocks(self.text, &self.mine).ok_or_else(cannot)?;
        let their_blocks = blocks(other_text, &theirs).ok_or_else(cannot)?;
        let mut added = String::new();
        for (key, value) in &theirs {
            let key = key.as_str().ok_or_else(cannot)?;
            if key == "name" {
                continue;
            }
            let raw = their_blocks
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, r)| other_text[r.clone()].replace("\r\n", "\n"))
                .unwrap_or_default();
            let Some(kept) = self.mine.get(key).cloned() else {
                if key == "aliases" && self.defer_aliases {
                    self.deferred = Some(value.clone());
                    continue;
                }
                added.push_str(&raw);
                if !added.ends_with('\n') {
                    added.push('\n');
                }
                self.expected.insert(key.into(), value.clone());
                self.differences.push(format!(
                    "person.yaml: {key}: {} added from {other_shown}",
                    show_value(value)
                ));
                continue;
            };
            if kept != *value {
                let block = my_blocks
                    .iter()
                    .find(|(k, _)| k == key)
                    .map(|(_, r)| r.clone())
                    .ok_or_else(cannot)?;
                self.differ(key, &kept, value, block, &raw, &other_shown);
            }
        }
        // Comments of OLD's own, not the ones person.yaml starts with.
        let template = crate::person::new_file("");
        let in_block = |at: usize| their_blocks.iter().any(|(_, r)| r.contains(&at));
        let mut at = 0;
        for line in other_text.split_inclusive('\n') {
            let bare = line.trim_end();
            let from_template = template.lines().any(|t| t.trim_end() == bare);
            if bare.starts_with('#') && !in_block(at) && !from_template {
                added.push_str(bare);
                added.push('\n');
            }
            at += line.len();
        }
        if !added.is_empty() {
            let eol = self.eol;
            let _ = write!(
                self.tail,
                "# From {other_shown}, merged by `oneonone rename`:{eol}"
            );
            self.tail.push_str(&added.replace('\n', eol));
        }
        Ok(())
    }

    /// A key both have, with different values: the union of two lists of
    /// plain values, else the kept value and the other as a comment below
    /// it (`raw`, its lines in the other file).
    fn differ(
        &mut self,
        key: &str,
        kept: &Value,
        theirs: &Value,
        block: Range<usize>,
        raw: &str,
        other_shown: &str,
    ) {
        let eol = self.eol;
        if let Some((splice, union)) = union_splice(self.text, block.clone(), kept, theirs, eol) {
            let new_items: Vec<String> = union[kept.as_sequence().map_or(0, Vec::len)..]
                .iter()
                .map(show_value)
                .collect();
            self.expected.insert(key.into(), Value::Sequence(union));
            self.splices.push(splice);
            self.differences.push(format!(
                "person.yaml: {key}: added {} from {other_shown}",
                new_items.join(", ")
            ));
            return;
        }
        let lines: Vec<&str> = raw.lines().collect();
        let comment = if let [one] = lines[..] {
            format!("# {other_shown} had: {one}{eol}")
        } else {
            let mut comment = format!("# {other_shown} had:{eol}");
            for line in lines {
                let _ = write!(comment, "#   {line}{eol}");
            }
            comment
        };
        // After the block's last line, which has a line break: see finish.
        self.splices.push(Splice {
            range: block.end..block.end,
            with: comment,
        });
        self.differences.push(format!(
            "person.yaml: {key}: kept {}; {other_shown}'s {} is a comment below it",
            show_value(kept),
            show_value(theirs)
        ));
    }

    /// The splices, checked: the file must read back as the values meant.
    fn finish(mut self, renamed: bool, other: Option<&Path>) -> Result<ProfileEdit> {
        let text = self.text;
        let end = text.len()..text.len();
        if !self.tail.is_empty() {
            self.splices.push(Splice {
                range: end.clone(),
                with: std::mem::take(&mut self.tail),
            });
        }
        if self.splices.is_empty() {
            return Ok(ProfileEdit {
                splices: Vec::new(),
                differences: self.differences,
                renamed,
            });
        }
        // A last line without its line break gets one before anything
        // added after it (first among the insertions at the end).
        if !text.is_empty() && !text.ends_with('\n') {
            self.splices.insert(
                0,
                Splice {
                    range: end,
                    with: self.eol.to_string(),
                },
            );
        }
        let after = apply(text, &self.splices);
        let read_back = mapping(&after, self.shown, 1, crate::yaml::SETTINGS_CAP);
        if read_back.is_ok_and(|m| m == self.expected) {
            return Ok(ProfileEdit {
                splices: self.splices,
                differences: self.differences,
                renamed,
            });
        }
        let message = match other {
            Some(rel) => format!(
                "cannot merge {} into it by adding lines (nested values?); merge them by hand, then run the rename again",
                slash_path(rel)
            ),
            None => {
                "cannot set `name:` by changing only its value (a multi-line or quoted value?); \
                     edit it by hand, then run the rename again"
                    .into()
            }
        };
        Err(Error::Invalid {
            path: self.shown.to_path_buf(),
            line: None,
            message,
        })
    }
}

/// A person.yaml's values.
///
/// # Errors
/// It does not parse, or is not a mapping.
fn parse_profile(text: &str, shown: &Path) -> Result<Mapping> {
    mapping(text, shown, 1, crate::yaml::SETTINGS_CAP)
}

fn cannot_merge(shown: &Path, other: &Path) -> Error {
    Error::Invalid {
        path: shown.to_path_buf(),
        line: None,
        message: format!(
            "cannot merge {} into it by adding lines (keys that are not plain names?); merge them by hand, then run the rename again",
            slash_path(other)
        ),
    }
}

/// A YAML value on one line, for a message.
fn show_value(value: &Value) -> String {
    serde_yaml::to_string(value)
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The lines of each top-level key of a YAML mapping: from the key's line
/// through its indented lines (and `- ` items), blank lines at the end left
/// out; in file order. `None` when a key cannot be found by its line.
fn blocks(text: &str, map: &Mapping) -> Option<Vec<(String, Range<usize>)>> {
    let mut found = Vec::new();
    for key in map.keys() {
        let key = key.as_str()?;
        let (line, _) = key_span(text, 0..text.len(), key)?;
        let mut end = if text[line.end..].starts_with('\n') {
            line.end + 1
        } else {
            line.end
        };
        let mut kept_end = end;
        for next in text[end..].split_inclusive('\n') {
            let goes_on = next.starts_with([' ', '\t'])
                || ((next.starts_with("- ") || next.trim_end() == "-") && !next.starts_with("---"));
            if next.trim().is_empty() {
                end += next.len();
            } else if goes_on {
                end += next.len();
                kept_end = end;
            } else {
                break;
            }
        }
        found.push((key.to_string(), line.start..kept_end));
    }
    found.sort_by_key(|(_, r)| r.start);
    Some(found)
}

/// The splice that adds to the list `kept` (at `block` of `text`) the plain
/// values of `theirs` it lacks, in its own style (`[a, b]` on the key's
/// line, or `- item` lines); with the list it makes. `None` when either is
/// not a list of plain values or the list is written otherwise.
fn union_splice(
    text: &str,
    block: Range<usize>,
    kept: &Value,
    theirs: &Value,
    eol: &str,
) -> Option<(Splice, Vec<Value>)> {
    let plain = |v: &Value| matches!(v, Value::String(_) | Value::Number(_) | Value::Bool(_));
    let (mine, other) = (kept.as_sequence()?, theirs.as_sequence()?);
    if !mine.iter().chain(other).all(plain) {
        return None;
    }
    let missing: Vec<&Value> = other.iter().filter(|v| !mine.contains(v)).collect();
    let written: Vec<String> = missing
        .iter()
        .map(|v| match v {
            Value::String(s) => yaml_scalar(s),
            other => show_value(other),
        })
        .collect();
    let mut union = mine.clone();
    union.extend(missing.into_iter().cloned());
    let block_text = &text[block.clone()];
    let first_line = block_text.split_inclusive('\n').next()?;
    let value = first_line.split_once(':')?.1;
    let value = value.split(" #").next()?.trim();
    let splice = if value.starts_with('[') {
        // One line, `key: [a, b]`.
        if !value.ends_with(']') || block_text.trim_end().contains('\n') {
            return None;
        }
        let close = block.start + first_line.find(value)? + value.len() - 1;
        // `kept` may have grown by an earlier splice at the same place.
        let sep = if mine.is_empty() { "" } else { ", " };
        Splice {
            range: close..close,
            with: format!("{sep}{}", written.join(", ")),
        }
    } else if value.is_empty() {
        let item = block_text
            .split_inclusive('\n')
            .nth(1)?
            .trim_end_matches(['\r', '\n']);
        let indent = &item[..item.find('-')?];
        if !item[indent.len()..].starts_with("- ") || !indent.trim().is_empty() {
            return None;
        }
        let lead = if block_text.ends_with('\n') { "" } else { eol };
        let mut lines = String::new();
        for w in &written {
            let _ = write!(lines, "{indent}- {w}{eol}");
        }
        Splice {
            range: block.end..block.end,
            with: format!("{lead}{lines}"),
        }
    } else {
        return None;
    };
    Some((splice, union))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notebook::test_notebook as notebook;

    fn key_texts(text: &str, key: &str) -> Vec<String> {
        mentions(text, key)
            .into_iter()
            .map(|r| text[r.start - 1..r.end].to_string())
            .collect()
    }

    #[test]
    fn only_whole_mentions_in_text_are_found() {
        let text = "---\nperson: Alice\nnote: \"@alice\"\n---\n\
            - [ ] Ask @alice about it, and (@Alice) too.\n\
            - [ ] @alice. @alice's doc; @alice-x, @alicex, @alice.smith, bob@alice.com\n\
            \n`@alice` in code, \\@alice escaped, *@alice* emphasised, [@alice](x)\n\
            \n```\n@alice in a block\n```\n\n    @alice indented code\n\n\
            <!-- @alice in a comment -->\n\n| a |\n|---|\n| @alice |\n\n@alice_\n";
        assert_eq!(
            key_texts(text, "alice"),
            [
                "@alice", "@Alice", "@alice", "@alice", "@alice", "@alice", "@alice_"
            ]
        );
        // Only the name's bytes: `@alice.` keeps its full stop.
        let found = mentions("@alice.\n", "alice");
        assert_eq!(found, vec![1..6]);
        // `@me` and names that fold otherwise.
        assert!(mentions("@me\n", "alice").is_empty());
        assert_eq!(key_texts("ask @José\n", "jose"), ["@José"]);
    }

    #[test]
    fn the_person_edit_changes_only_the_value() {
        let text =
            "---\r\ndate: 2026-01-05\r\nperson:  Alice   # her\r\ntags: [a]\r\n---\r\nbody\r\n";
        let s = person_splice(text, Path::new("n.md"), "Mary Ann Walsh")
            .unwrap()
            .unwrap();
        assert_eq!(
            apply(text, &[s]),
            "---\r\ndate: 2026-01-05\r\nperson:  Mary Ann Walsh   # her\r\ntags: [a]\r\n---\r\nbody\r\n"
        );
        let quoted = "---\nperson: Alice\n---\n";
        let s = person_splice(quoted, Path::new("n.md"), "No")
            .unwrap()
            .unwrap();
        assert_eq!(apply(quoted, &[s]), "---\nperson: \"No\"\n---\n");
        // Already so, or no `person:`: nothing.
        assert_eq!(
            person_splice("---\nperson: Bo\n---\n", Path::new("n.md"), "Bo").unwrap(),
            None
        );
        assert_eq!(
            person_splice("---\ndate: 2026-01-05\n---\n", Path::new("n.md"), "Bo").unwrap(),
            None
        );
        // A value on two lines cannot be changed by its line.
        let err = person_splice(
            "---\nperson: \"Alice\n  Smith\"\n---\n",
            Path::new("n.md"),
            "Bo",
        )
        .unwrap_err();
        assert!(
            err.to_string().starts_with("n.md:2: cannot set `person:`"),
            "{err}"
        );
    }

    #[test]
    fn between_finds_the_one_changed_stretch() {
        assert_eq!(
            between("person: Al\n", "person: Alice\n"),
            Some(Splice {
                range: 10..10,
                with: "ice".into()
            })
        );
        assert_eq!(between("same", "same"), None);
        // On characters, never inside one.
        let s = between("é1", "è1").unwrap();
        assert_eq!((s.range, s.with.as_str()), (0..2, "è"));
    }

    #[test]
    fn person_yaml_gets_the_name_by_its_value_or_one_line() {
        let edit = profile_splices(
            "name: Alice # display\nrole: SRE\n",
            Path::new("p"),
            None,
            "Mary Ann",
            &KeptNames::default(),
        )
        .unwrap();
        assert!(edit.differences.is_empty() && edit.renamed);
        let s = edit.splices;
        assert_eq!(
            apply("name: Alice # display\nrole: SRE\n", &s),
            "name: Mary Ann # display\nrole: SRE\n"
        );
        let none = KeptNames::default();
        let s = profile_splices("role: SRE", Path::new("p"), None, "Mary Ann", &none)
            .unwrap()
            .splices;
        assert_eq!(apply("role: SRE", &s), "role: SRE\nname: Mary Ann\n");
        let edit = profile_splices("name: Bo\n", Path::new("p"), None, "Bo", &none).unwrap();
        assert!(edit.splices.is_empty() && !edit.renamed);
    }

    #[test]
    fn merged_person_yaml_keeps_both_sides() {
        let mine = "# About this person, for oneonone. Every key is optional.\n\
                    name: Mary Ann Walsh\nrole: Staff Engineer\naliases: [mary]\n\
                    teams:\n  - infra\ncadence_days: 7\n";
        let theirs = "name: Mary Ann\nrole: Engineer   # since May\naliases: [ma, mary]\n\
                      teams:\n- infra\n- web\ncadence_days: 7\nemail: ma@example.org\n\
                      # met at the offsite\n# role: Staff Engineer\n";
        let edit = profile_splices(
            mine,
            Path::new("mary-ann-walsh/person.yaml"),
            Some((theirs, Path::new("mary-ann/person.yaml"))),
            "Mary Ann Walsh",
            &KeptNames::new("Mary Ann", "mary-ann", "mary-ann-walsh", "Mary Ann Walsh"),
        )
        .unwrap();
        let (s, differences) = (edit.splices, edit.differences);
        assert!(!edit.renamed);
        // Her name of before stays, after the aliases of that file.
        assert_eq!(
            apply(mine, &s),
            "# About this person, for oneonone. Every key is optional.\n\
             name: Mary Ann Walsh\nrole: Staff Engineer\n\
             # mary-ann/person.yaml had: role: Engineer   # since May\n\
             aliases: [mary, ma, Mary Ann]\nteams:\n  - infra\n  - web\ncadence_days: 7\n\
             # From mary-ann/person.yaml, merged by `oneonone rename`:\n\
             email: ma@example.org\n# met at the offsite\n"
        );
        assert_eq!(
            differences,
            [
                "person.yaml: role: kept Staff Engineer; mary-ann/person.yaml's Engineer is a comment below it",
                "person.yaml: aliases: added ma from mary-ann/person.yaml",
                "person.yaml: teams: added web from mary-ann/person.yaml",
                "person.yaml: email: ma@example.org added from mary-ann/person.yaml",
                "person.yaml: aliases: added Mary Ann, the name of mary-ann/",
            ]
        );
    }

    #[test]
    fn merged_names_join_the_aliases_in_their_style_or_one_line() {
        let merged = |mine: &str, theirs: &str| {
            let kept = KeptNames::new("AJ", "aj", "alice-jones", "Alice Jones");
            let edit = profile_splices(
                mine,
                Path::new("alice-jones/person.yaml"),
                Some((theirs, Path::new("aj/person.yaml"))),
                "Alice Jones",
                &kept,
            )
            .unwrap();
            (apply(mine, &edit.splices), edit.differences)
        };
        // Only the other file had aliases: one line for all of them.
        let (after, said) = merged("name: Alice Jones\n", "name: AJ\naliases:\n  - jonesy\n");
        assert_eq!(after, "name: Alice Jones\naliases: [jonesy, AJ]\n");
        assert_eq!(
            said,
            [
                "person.yaml: aliases: - jonesy added from aj/person.yaml",
                "person.yaml: aliases: added AJ, the name of aj/"
            ]
        );
        // An empty list, and one of lines.
        let (after, _) = merged(
            "name: Alice Jones\naliases: []\n",
            "name: AJ\naliases: [jo]\n",
        );
        assert_eq!(after, "name: Alice Jones\naliases: [jo, AJ]\n");
        let (after, _) = merged(
            "name: Alice Jones\naliases:\n  - al\nrole: x\n",
            "name: AJ\naliases: [jo]\n",
        );
        assert_eq!(
            after,
            "name: Alice Jones\naliases:\n  - al\n  - jo\n  - AJ\nrole: x\n"
        );
        // A name it answers to already is not added again.
        let (after, said) = merged("name: Alice Jones\naliases: [aj]\n", "name: AJ\n");
        assert_eq!(after, "name: Alice Jones\naliases: [aj]\n");
        assert!(said.is_empty(), "{said:?}");
    }

    #[test]
    fn the_new_name_keeps_the_values_quotes() {
        let set = |text: &str, name: &str| {
            let edit =
                profile_splices(text, Path::new("p"), None, name, &KeptNames::default()).unwrap();
            apply(text, &edit.splices)
        };
        assert_eq!(
            set("name: \"Al\"\n", "Alice Jones"),
            "name: \"Alice Jones\"\n"
        );
        assert_eq!(set("name: 'Al' # x\n", "O'Neil"), "name: 'O''Neil' # x\n");
        assert_eq!(set("name: Al\n", "Alice Jones"), "name: Alice Jones\n");
        assert_eq!(set("name: Al\n", "yes"), "name: \"yes\"\n");
        let note = "---\nperson: \"Al\"\n---\n";
        let s = person_splice(note, Path::new("n.md"), "Alice Jones")
            .unwrap()
            .unwrap();
        assert_eq!(apply(note, &[s]), "---\nperson: \"Alice Jones\"\n---\n");
    }

    #[test]
    fn a_merge_plan_numbers_same_day_notes_and_writes_nothing() {
        let (dir, notebook) = notebook(&[
            ("al/2026-01-05.md", "---\nperson: Al\n---\n"),
            ("al/2026-01-05-2.md", "second\n"),
            ("al/2026-01-12.md", "---\nperson: Al\n---\n"),
            ("al/notes.txt", "x\n"),
            ("alice-smith/2026-01-05.md", "hers\n"),
            ("alice-smith/2026-01-05-3.md", "hers too\n"),
        ]);
        let request = Request {
            old: "al",
            new: "Alice Smith",
            merge: true,
            home: None,
        };
        let plan = Rename::plan(&notebook, &request, &mut |e| panic!("{e}")).unwrap();
        assert!(plan.merging);
        let moved: Vec<(String, String)> = plan
            .moves
            .iter()
            .map(|m| (slash_path(&m.from), slash_path(&m.to)))
            .collect();
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        // In the day's order, each keeps its name where it is free, else
        // takes the first free one.
        assert_eq!(
            moved,
            [
                pair("al/2026-01-05-2.md", "alice-smith/2026-01-05-4.md"),
                pair("al/2026-01-05.md", "alice-smith/2026-01-05-2.md"),
                pair("al/2026-01-12.md", "alice-smith/2026-01-12.md"),
                pair("al/notes.txt", "alice-smith/notes.txt"),
            ]
        );
        let edited: Vec<String> = plan.files.iter().map(|f| slash_path(&f.lands)).collect();
        // Neither has a person.yaml: the target gets one, keeping Al's
        // name.
        assert_eq!(
            edited,
            [
                "alice-smith/2026-01-05-2.md",
                "alice-smith/2026-01-12.md",
                "alice-smith/person.yaml"
            ]
        );
        assert_eq!(
            plan.files[2].after(),
            format!("{}aliases: [Al]\n", crate::person::new_file("Alice Smith"))
        );
        assert_eq!(plan.counts.names, 2);
        assert!(dir.path().join("al/2026-01-05.md").exists());
        assert!(!dir.path().join("alice-smith/2026-01-05-2.md").exists());

        // Without --merge: refused, naming the fix.
        let err = Rename::plan(
            &notebook,
            &Request {
                merge: false,
                home: None,
                ..request
            },
            &mut |e| panic!("{e}"),
        )
        .unwrap_err();
        assert!(err.to_string().ends_with(" --merge"), "{err}");
    }
}
