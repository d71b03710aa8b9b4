//! The `people` report: where things stand with each person (the latest
//! 1:1, open follow-ups, agenda points, when the next one is due).

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::agenda;
use crate::error::Error;
use crate::followup::FollowUp;
use crate::notebook::{Meeting, Notebook, PersonNotes};
use crate::person::{Absence, Profile, latest_name_in, name_in_notes};
use crate::space::Space;

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
    /// Talking points waiting in agenda.md (in `people`, their shared
    /// space's too).
    pub agenda: usize,
    /// Days between 1:1s.
    pub cadence_days: u32,
    /// When the next 1:1 is due: the latest plus the cadence, days away
    /// not counted ([`crate::person::next_due`]); none before the first
    /// 1:1.
    pub next_due: Option<NaiveDate>,
    /// The last day of the time off they are in today (none when here).
    pub away_until: Option<NaiveDate>,
    /// Their time off, from person.yaml. Not in the JSON.
    #[serde(skip)]
    pub away: Vec<Absence>,
    /// The next 1:1 is past due.
    pub overdue: bool,
    /// The next 1:1 already has its note (dated after today): `next_due`
    /// is that note's date. Not in the JSON, which says the same through
    /// `next_due`.
    #[serde(skip)]
    pub ready: bool,
}

impl Summary {
    /// The first day the next 1:1 can be held: its due date, today for a
    /// first 1:1 or one overdue, and the day after they are back for
    /// someone away. What `people --ics` puts in the calendar, and the
    /// order of `people` and `due`.
    #[must_use]
    pub fn meet_from(&self, today: NaiveDate) -> NaiveDate {
        let due = self.next_due.unwrap_or(today).max(today);
        match self.away_until.and_then(|to| to.succ_opt()) {
            Some(back) => due.max(back),
            None => due,
        }
    }

    /// How `people` and `due` order people, soonest first: overdue by
    /// their due date (the longest overdue first), then by
    /// [`Summary::meet_from`].
    #[must_use]
    pub fn due_key(&self, today: NaiveDate) -> NaiveDate {
        match self.next_due {
            Some(due) if self.overdue => due,
            _ => self.meet_from(today),
        }
    }
}

/// The key `people` sorts names by: the name folded to ASCII (deunicode:
/// `José` and `Jose\u{301}` as `jose`, `李娜` as `li na`) and lowercased,
/// so accents, case and the way an accent was typed do not move a name.
/// Not a full locale collation (no per-language rules such as Swedish `ö`
/// after `z`); the same folding person lookup uses, emoji and other
/// symbols left out as in slugs (`🦊 Renard` sorts under R).
#[must_use]
pub fn name_key(name: &str) -> String {
    deunicode::deunicode(&crate::slug::without_symbols(name)).to_lowercase()
}

/// Summarizes one person folder. `items` are the open items of the whole
/// notebook (follow-ups and agenda points); those of other folders are
/// ignored. The points of the person's shared space's agenda count too
/// (`home` is the home folder, for a space named from it). A broken
/// person.yaml, or a space it names that is not there, is reported to
/// `warn`.
pub fn summarize(
    notebook: &Notebook,
    folder: &str,
    items: &[FollowUp],
    today: NaiveDate,
    home: Option<&Path>,
    warn: &mut dyn FnMut(Error),
) -> Summary {
    summarize_listed(
        notebook,
        (folder, &notebook.meetings(folder)),
        items,
        today,
        home,
        warn,
    )
}

/// [`summarize`], given the folder's meetings as [`Notebook::meetings`]
/// lists them.
pub fn summarize_listed(
    notebook: &Notebook,
    (folder, meetings): (&str, &[Meeting]),
    items: &[FollowUp],
    today: NaiveDate,
    home: Option<&Path>,
    warn: &mut dyn FnMut(Error),
) -> Summary {
    let name = || latest_name_in(notebook, meetings);
    let facts = NoteFacts::of(meetings.iter().map(|m| m.date), today, &name);
    summary(
        notebook,
        folder,
        &facts,
        items,
        today,
        SharedAgenda::Counted(home),
        warn,
    )
}

/// [`summarize`] from the person's notes, already read.
pub fn summarize_notes(
    notebook: &Notebook,
    notes: &PersonNotes,
    items: &[FollowUp],
    today: NaiveDate,
    warn: &mut dyn FnMut(Error),
) -> Summary {
    let name = || name_in_notes(notes);
    let facts = NoteFacts::of(notes.notes().iter().map(|n| n.meeting.date), today, &name);
    summary(
        notebook,
        notes.slug(),
        &facts,
        items,
        today,
        SharedAgenda::Skipped,
        warn,
    )
}

/// What a summary needs of the person's notes.
struct NoteFacts<'a> {
    /// The date of the latest 1:1 held (today's included).
    last: Option<NaiveDate>,
    /// How many have been held.
    count: usize,
    /// The earliest note dated after today: an upcoming 1:1, prepared.
    upcoming: Option<NaiveDate>,
    /// The `person:` of the newest that has one.
    latest_name: &'a dyn Fn() -> Option<String>,
}

impl<'a> NoteFacts<'a> {
    /// The facts of notes with these dates (oldest first): a note dated
    /// after today is a 1:1 to come, never the last one held.
    fn of(
        dates: impl Iterator<Item = NaiveDate>,
        today: NaiveDate,
        latest_name: &'a dyn Fn() -> Option<String>,
    ) -> Self {
        let (mut last, mut count, mut upcoming) = (None, 0, None);
        for date in dates {
            if date <= today {
                last = Some(date);
                count += 1;
            } else if upcoming.is_none_or(|u| date < u) {
                upcoming = Some(date);
            }
        }
        NoteFacts {
            last,
            count,
            upcoming,
            latest_name,
        }
    }
}

/// Whether a summary counts the points of the person's shared agenda.
#[derive(Debug, Clone, Copy)]
enum SharedAgenda<'a> {
    /// Not counted: what reads the summary does not show agenda points.
    Skipped,
    /// Counted; a `shared: ~/...` starts from this home folder, if known.
    Counted(Option<&'a Path>),
}

/// The summary of one person, from what is known of their notes.
fn summary(
    notebook: &Notebook,
    folder: &str,
    facts: &NoteFacts<'_>,
    items: &[FollowUp],
    today: NaiveDate,
    shared_agenda: SharedAgenda<'_>,
    warn: &mut dyn FnMut(Error),
) -> Summary {
    // A bad period in `away:` costs that period, not the profile.
    let (profile, error) = Profile::load_lenient(
        &notebook.path(Path::new(folder)),
        &notebook.show(Path::new(folder)),
    );
    if let Some(e) = error {
        warn(e);
    }
    let last = facts.last;
    let cadence_days = profile
        .cadence_days
        .unwrap_or_else(|| notebook.config.cadence_days());
    let away_until = crate::person::away_until(&profile.away, today);
    let next_due = facts.upcoming.or_else(|| {
        last.and_then(|d| crate::person::next_due(d, cadence_days, &profile.away, today))
    });
    let mine = |i: &&FollowUp| i.folder.as_deref() == Some(folder);
    let follow_ups = items
        .iter()
        .filter(mine)
        .filter(|i| !agenda::is_agenda_path(&i.path));
    // Theirs is what they own, not what their notes ask of someone else.
    let (open_mine, open_theirs) = follow_ups.fold((0, 0), |(m, t), i| {
        if i.owner.is_me() {
            (m + 1, t)
        } else if i.is_theirs() {
            (m, t + 1)
        } else {
            (m, t)
        }
    });
    // What the next `new` takes: their private agenda's points, and their
    // shared space's (the profile read above says where it is).
    let shared_points = match shared_agenda {
        SharedAgenda::Skipped => 0,
        SharedAgenda::Counted(home) => Space::of_profile(notebook, folder, &profile, home)
            .and_then(|space| space.map_or(Ok(Vec::new()), |s| s.agenda_items()))
            .map_or_else(
                |e| {
                    warn(e);
                    0
                },
                |points| points.len(),
            ),
    };
    // The profile was read above: a missing name there falls to the notes.
    let name = profile
        .name
        .clone()
        .or_else(facts.latest_name)
        .unwrap_or_else(|| folder.to_string());
    Summary {
        slug: folder.to_string(),
        name,
        role: profile.role,
        away_until,
        away: profile.away,
        last,
        days_since: last.map(|d| today.signed_duration_since(d).num_days()),
        meetings: facts.count,
        open_mine,
        open_theirs,
        agenda: items
            .iter()
            .filter(mine)
            .filter(|i| agenda::is_agenda_path(&i.path))
            .count()
            + shared_points,
        cadence_days,
        next_due,
        // Someone away is not overdue, whatever the date says.
        overdue: next_due.is_some_and(|d| d < today) && away_until.is_none(),
        ready: facts.upcoming.is_some(),
    }
}

#[cfg(test)]
mod tests {
    use super::name_key;

    #[test]
    fn names_sort_by_their_letters_not_their_emoji() {
        assert_eq!(name_key("🦊 Renard"), "renard");
        assert_eq!(name_key("Sam 🚀 Park"), "sam  park");
        assert_eq!(name_key("Jose\u{301}"), "jose");
        let mut names = ["🦊 Renard", "Greta ✨", "Pia"];
        names.sort_by_key(|n| name_key(n));
        assert_eq!(names, ["Greta ✨", "Pia", "🦊 Renard"]);
    }
}
