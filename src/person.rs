//! A person: who the user means by a typed name (a folder of the
//! notebook), the name to show, and `<slug>/person.yaml`, what the notebook
//! knows about them beyond their notes: the name to show, their role, and
//! how often to meet.
//!
//! ```yaml
//! name: Alice Smith
//! role: Staff Engineer
//! cadence_days: 7     # overrides oneonone.yaml's cadence_days (default 14)
//! ```

use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::note::Note;
use crate::notebook::{Notebook, PROFILE_FILE, PersonNotes};
use crate::slug::slugify;

/// The person.yaml written for someone who has no note yet.
#[must_use]
pub fn new_file(name: &str) -> String {
    let name = serde_json::to_string(name).unwrap_or_default();
    format!(
        "# About this person, for oneonone. Every key is optional.\n\
         name: {name}\n\
         # role: Staff Engineer\n\
         # cadence_days: 14    # days between 1:1s\n"
    )
}

/// A person's profile; every field is optional.
///
/// Other keys (an email, a team) are the notebook's own business and are
/// left alone.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct Profile {
    /// The name notes and listings show.
    pub name: Option<String>,
    /// Their role, shown by `people` and `prep`.
    pub role: Option<String>,
    /// Days between 1:1s with them.
    #[serde(deserialize_with = "crate::config::cadence")]
    pub cadence_days: Option<u32>,
}

impl Profile {
    /// Reads `<folder>/person.yaml`; the default profile when there is none.
    /// `shown` names the folder in errors.
    ///
    /// # Errors
    /// The file exists but cannot be read or does not parse.
    pub fn load(folder: &Path, shown: &Path) -> Result<Self> {
        crate::config::load_yaml_file(folder, shown, PROFILE_FILE)
    }
}

/// A person, resolved from what the user typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// Their folder name.
    pub slug: String,
    /// Their name as notes show it.
    pub name: String,
    /// Whether their folder exists yet.
    pub exists: bool,
    /// Whether a one-word name was matched to a longer folder name.
    pub by_prefix: bool,
}

impl Person {
    /// Resolves what the user typed to a person: the folder with that slug
    /// (or whose name folds to it: `Alice/` for `alice`); else, for a
    /// one-word name, the one folder whose slug starts with it (`alice` for
    /// `alice-smith`); else, when `may_be_new`, a person without a folder.
    /// A full name never matches a longer one: "Alice Smith" is not
    /// `alice-smith-jones`.
    ///
    /// # Errors
    /// The name cannot be a slug, matches several folders, or (without
    /// `may_be_new`) matches none.
    pub fn resolve(notebook: &Notebook, typed: &str, may_be_new: bool) -> Result<Person> {
        let mut person = Self::find(notebook, typed, may_be_new)?;
        if person.exists
            && let Some(name) = display_name(notebook, &person.slug)
        {
            person.name = name;
        }
        Ok(person)
    }

    /// [`Person::resolve`] for a person who must exist, with their meeting
    /// notes, each read once: the name comes from those rather than from
    /// reading the latest notes again.
    ///
    /// # Errors
    /// As [`Person::resolve`] without `may_be_new`.
    pub fn resolve_with_notes(notebook: &Notebook, typed: &str) -> Result<(Person, PersonNotes)> {
        let mut person = Self::find(notebook, typed, false)?;
        let notes = PersonNotes::load(notebook, &person.slug);
        if let Some(name) = profile_name(notebook, &person.slug).or_else(|| name_in_notes(&notes)) {
            person.name = name;
        }
        Ok((person, notes))
    }

    /// Resolves the folder as [`Person::resolve`] says; the name is the
    /// one typed.
    fn find(notebook: &Notebook, typed: &str, may_be_new: bool) -> Result<Person> {
        let slug = slugify(typed)?;
        let existing = notebook.person_slugs()?;
        let folded: Vec<(String, Option<String>)> = existing
            .iter()
            .map(|f| (f.clone(), slugify(f).ok()))
            .collect();
        let mut candidates: Vec<String> = folded
            .iter()
            .filter(|(f, s)| *f == slug || s.as_deref() == Some(slug.as_str()))
            .map(|(f, _)| f.clone())
            .collect();
        let mut by_prefix = false;
        if candidates.is_empty() && !slug.contains('-') {
            let prefix = format!("{slug}-");
            candidates = folded
                .iter()
                .filter(|(_, s)| s.as_deref().is_some_and(|s| s.starts_with(&prefix)))
                .map(|(f, _)| f.clone())
                .collect();
            by_prefix = true;
        }
        if candidates.len() > 1 {
            return Err(Error::AmbiguousPerson {
                name: typed.to_string(),
                candidates,
            });
        }
        match candidates.pop() {
            Some(found) => Ok(Person {
                slug: found,
                name: typed.trim().to_string(),
                exists: true,
                by_prefix,
            }),
            None if may_be_new => Ok(Person {
                slug,
                name: typed.trim().to_string(),
                exists: false,
                by_prefix: false,
            }),
            None => Err(Error::UnknownPerson {
                name: typed.to_string(),
                known: existing,
            }),
        }
    }
}

/// The name to show for a person folder: person.yaml's `name`, else the
/// `person:` of the newest note that has one.
#[must_use]
pub fn display_name(notebook: &Notebook, folder: &str) -> Option<String> {
    profile_name(notebook, folder).or_else(|| latest_name(notebook, folder))
}

/// person.yaml's `name`, if it can be read and has one.
fn profile_name(notebook: &Notebook, folder: &str) -> Option<String> {
    Profile::load(
        &notebook.path(Path::new(folder)),
        &notebook.show(Path::new(folder)),
    )
    .ok()
    .and_then(|p| p.name)
}

/// The `person:` of the newest note in the folder that has one, reading
/// from the newest back until one does.
#[must_use]
pub fn latest_name(notebook: &Notebook, slug: &str) -> Option<String> {
    notebook.meetings(slug).iter().rev().find_map(|m| {
        let text =
            crate::notebook::read_note(notebook, &crate::notebook::NoteFile { rel: m.rel.clone() })
                .ok()?;
        named_in(&m.rel, &text)
    })
}

/// [`latest_name`] among notes already read.
#[must_use]
pub fn name_in_notes(notes: &PersonNotes) -> Option<String> {
    notes
        .notes()
        .iter()
        .rev()
        .find_map(|n| named_in(&n.meeting.rel, n.text()?))
}

/// The `person:` of a note whose frontmatter reads without a problem.
fn named_in(rel: &Path, text: &str) -> Option<String> {
    Note::split(text).frontmatter(rel).ok()?.person
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_keeps_unknown_keys_to_itself() {
        let p: Profile = crate::config::parse_yaml_or_default(
            "name: Alice\nrole: SRE\ncadence_days: 7\n",
            Path::new("p.yaml"),
        )
        .unwrap();
        assert_eq!(
            p,
            Profile {
                name: Some("Alice".into()),
                role: Some("SRE".into()),
                cadence_days: Some(7)
            }
        );
        // Keys of the notebook's own are left alone.
        let p: Profile = crate::config::parse_yaml_or_default(
            "name: Bo\nemail: bo@x.org\n",
            Path::new("p.yaml"),
        )
        .unwrap();
        assert_eq!(p.name.as_deref(), Some("Bo"));
        let err = crate::config::parse_yaml_or_default::<Profile>(
            "cadence_days: soon\n",
            Path::new("p.yaml"),
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("p.yaml:1:15: cadence_days: invalid type"),
            "{err}"
        );
    }
}
