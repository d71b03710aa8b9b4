//! `<slug>/person.yaml`: what the notebook knows about a person beyond
//! their notes: the name to show, their role, and how often to meet.
//!
//! ```yaml
//! name: Alice Smith
//! role: Staff Engineer
//! cadence_days: 7     # overrides oneonone.yaml's cadence_days (default 14)
//! ```

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::agenda;
use crate::error::{Error, Result};
use crate::followup::{FollowUp, ME};
use crate::notebook::Notebook;

/// The profile's file name in a person's folder.
pub const PROFILE_FILE: &str = "person.yaml";

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

/// Where things stand with one person, as `people` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Their folder.
    pub slug: String,
    /// Their name.
    pub name: String,
    /// Their role, from person.yaml.
    pub role: Option<String>,
    /// The date of the latest 1:1 note.
    pub last: Option<NaiveDate>,
    /// Days from the latest 1:1 to today.
    pub days_since: Option<i64>,
    /// How many 1:1 notes there are.
    pub meetings: usize,
    /// Open follow-ups the manager owns.
    pub open_mine: usize,
    /// Open follow-ups someone else owns.
    pub open_theirs: usize,
    /// Talking points waiting in agenda.md.
    pub agenda: usize,
    /// Days between 1:1s.
    pub cadence_days: u32,
    /// When the next 1:1 is due: the latest plus the cadence (none before
    /// the first 1:1).
    pub next_due: Option<NaiveDate>,
    /// The next 1:1 is past due.
    pub overdue: bool,
}

/// Summarizes one person folder. `items` are the open items of the whole
/// notebook (follow-ups and agenda points); those of other folders are
/// ignored. A broken person.yaml is reported to `warn`.
pub fn summarize(
    notebook: &Notebook,
    folder: &str,
    items: &[FollowUp],
    today: NaiveDate,
    warn: &mut dyn FnMut(Error),
) -> Summary {
    let profile = Profile::load(
        &notebook.path(Path::new(folder)),
        &notebook.show(Path::new(folder)),
    )
    .unwrap_or_else(|e| {
        warn(e);
        Profile::default()
    });
    let meetings = notebook.meetings(folder);
    let last = meetings.last().map(|m| m.date);
    let cadence_days = profile
        .cadence_days
        .unwrap_or_else(|| notebook.config.cadence_days());
    let next_due =
        last.and_then(|d| d.checked_add_days(chrono::Days::new(u64::from(cadence_days))));
    let mine = |i: &&FollowUp| i.folder.as_deref() == Some(folder);
    let follow_ups = items
        .iter()
        .filter(mine)
        .filter(|i| !agenda::is_agenda_path(&i.path));
    let (open_mine, open_theirs) = follow_ups.fold((0, 0), |(m, t), i| {
        if &*i.owner == ME {
            (m + 1, t)
        } else {
            (m, t + 1)
        }
    });
    let name = profile
        .name
        .clone()
        .or_else(|| notebook.display_name(folder))
        .unwrap_or_else(|| folder.to_string());
    Summary {
        slug: folder.to_string(),
        name,
        role: profile.role,
        last,
        days_since: last.map(|d| today.signed_duration_since(d).num_days()),
        meetings: meetings.len(),
        open_mine,
        open_theirs,
        agenda: items
            .iter()
            .filter(mine)
            .filter(|i| agenda::is_agenda_path(&i.path))
            .count(),
        cadence_days,
        next_due,
        overdue: next_due.is_some_and(|d| d < today),
    }
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
