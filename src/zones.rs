//! The zone of genius: activities placed by how good a person is at them
//! (skill) and how much energy they give (joy), each 1 to 5, in four
//! zones. The one rule ([`Zone::of`]): skill at most 2 is incompetence;
//! skill 3 is competence; skill 4 or 5 with joy at most 3 is excellence
//! (good at it, but it drains: the trap); with joy 4 or 5, genius.
//!
//! A map is a GFM table whose header names `activity`, `skill` and `joy`
//! (case and accents aside, in any order, other columns allowed), in any
//! section of a note, as the `zone-of-genius` framework writes it; read
//! with pulldown-cmark's tables, never line by line. [`read`] gives its
//! rows, [`maps`] a person's maps over time, [`moves`] what changed from
//! one to the next; [`grid`] draws one for a terminal, [`svg`] as a
//! picture.

pub mod grid;
pub mod svg;

use std::ops::Range;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::note::{Note, line_number};

/// The framework whose notes hold a map.
pub const FRAMEWORK: &str = "zone-of-genius";

/// The lowest and highest skill and joy.
pub const RANGE: std::ops::RangeInclusive<u8> = 1..=5;

/// Where an activity sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Zone {
    /// Skill at most 2: others do it better.
    Incompetence,
    /// Skill 3: they do it fine, like many others.
    Competence,
    /// Skill 4 or 5, joy at most 3: good at it, but it drains (the trap).
    Excellence,
    /// Skill 4 or 5, joy 4 or 5: good at it, and it energizes.
    Genius,
}

/// The zones, from the lowest to genius.
pub const ZONES: [Zone; 4] = [
    Zone::Incompetence,
    Zone::Competence,
    Zone::Excellence,
    Zone::Genius,
];

impl Zone {
    /// The zone of a skill and joy pair: the one rule, used everywhere.
    #[must_use]
    pub fn of(skill: u8, joy: u8) -> Zone {
        match (skill, joy) {
            (..=2, _) => Zone::Incompetence,
            (3, _) => Zone::Competence,
            (_, ..=3) => Zone::Excellence,
            _ => Zone::Genius,
        }
    }

    /// Its name.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Zone::Incompetence => "incompetence",
            Zone::Competence => "competence",
            Zone::Excellence => "excellence",
            Zone::Genius => "genius",
        }
    }
}

impl std::fmt::Display for Zone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// One filled row of a map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    /// The activity, as written (inline markup dropped).
    pub name: String,
    /// How good they are at it, 1 to 5.
    pub skill: u8,
    /// How much energy it gives, 1 to 5.
    pub joy: u8,
    /// The 1-based line of its row.
    pub line: usize,
}

impl Activity {
    /// Its zone.
    #[must_use]
    pub fn zone(&self) -> Zone {
        Zone::of(self.skill, self.joy)
    }
}

/// A note's map: the filled rows of its activity/skill/joy tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Map {
    /// The meeting date.
    pub date: NaiveDate,
    /// The note, as shown to the user.
    pub path: PathBuf,
    /// The activities, in file order.
    pub activities: Vec<Activity>,
    /// The byte ranges of its tables in the note (to tell, say, whether
    /// one sits in a private section).
    pub tables: Vec<Range<usize>>,
}

/// The rows of a note's map tables, and the byte range of each table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Read {
    /// The filled rows whose values are good, in file order.
    pub activities: Vec<Activity>,
    /// The tables' byte ranges in the note.
    pub tables: Vec<Range<usize>>,
    /// Rows naming an activity already in their table
    /// ([`activity_key`]): left out, the first row is used.
    pub duplicates: Vec<Duplicate>,
}

/// A row naming an activity an earlier row of its table names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    /// The activity as this row writes it.
    pub name: String,
    /// This row's 1-based line.
    pub line: usize,
    /// The line of the row used.
    pub first: usize,
}

/// Reads the map tables of a note (`path` as shown, for errors). A row
/// with a bad value (empty, not a whole number from 1 to 5, no activity)
/// is reported to `warn` with its line and left out; an empty row (the
/// template's placeholders) is skipped silently; a row naming an activity
/// already in its table is left out and listed in [`Read::duplicates`].
pub fn read(note: &Note<'_>, path: &Path, warn: &mut dyn FnMut(Error)) -> Read {
    let text = note.text;
    let body = note.body();
    let mut found = Read::default();
    // Most notes hold no table: no parse.
    if memchr::memchr(b'|', body.as_bytes()).is_none() {
        return found;
    }
    let base = note.body_start;
    let mut table: Option<Table> = None;
    for (event, range) in Parser::new_ext(body, Options::ENABLE_TABLES).into_offset_iter() {
        match event {
            Event::Start(Tag::Table(_)) => {
                table = Some(Table {
                    start: base + range.start,
                    ..Table::default()
                });
            }
            Event::End(TagEnd::Table) => {
                if let Some(t) = table.take()
                    && t.columns.is_some()
                {
                    found.tables.push(t.start..base + range.end);
                }
            }
            Event::End(TagEnd::TableHead) => {
                if let Some(t) = table.as_mut() {
                    t.columns = columns(&t.cells);
                    t.cells.clear();
                }
            }
            Event::Start(Tag::TableRow) => {
                if let Some(t) = table.as_mut() {
                    t.cells.clear();
                    t.row_line = line_number(text, base + range.start);
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let Some(t) = table.as_mut()
                    && let Some(cols) = t.columns
                {
                    match row(&t.cells, cols, t.row_line) {
                        Ok(Some(activity)) => {
                            let key = activity_key(&activity.name);
                            if let Some((_, first)) = t.seen.iter().find(|(k, _)| *k == key) {
                                found.duplicates.push(Duplicate {
                                    name: activity.name,
                                    line: activity.line,
                                    first: *first,
                                });
                            } else {
                                t.seen.push((key, activity.line));
                                found.activities.push(activity);
                            }
                        }
                        Ok(None) => {}
                        Err(message) => warn(Error::Invalid {
                            path: path.to_path_buf(),
                            line: Some(t.row_line),
                            message,
                        }),
                    }
                }
            }
            Event::Start(Tag::TableCell) => {
                if let Some(t) = table.as_mut() {
                    t.cells.push(String::new());
                }
            }
            Event::Text(s) | Event::Code(s) | Event::InlineHtml(s) => {
                if let Some(cell) = table.as_mut().and_then(|t| t.cells.last_mut()) {
                    cell.push_str(&s);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(cell) = table.as_mut().and_then(|t| t.cells.last_mut()) {
                    cell.push(' ');
                }
            }
            _ => {}
        }
    }
    found
}

/// A table being read.
#[derive(Default)]
struct Table {
    start: usize,
    /// Where activity, skill and joy are, once the header says so; `None`
    /// for another table.
    columns: Option<[usize; 3]>,
    /// The cells of the row being read.
    cells: Vec<String>,
    row_line: usize,
    /// The activities of its rows so far ([`activity_key`]), with their
    /// lines.
    seen: Vec<(String, usize)>,
}

/// A header cell as compared: accents and case gone, trimmed.
fn folded(text: &str) -> String {
    deunicode::deunicode(text)
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The positions of the activity, skill and joy columns, if the header
/// names all three.
fn columns(header: &[String]) -> Option<[usize; 3]> {
    let at = |name: &str| header.iter().position(|h| folded(h) == name);
    Some([at("activity")?, at("skill")?, at("joy")?])
}

/// One row: `None` when it is empty, an activity when its values are good;
/// else a short message and a `hint:` line (warnings stay under 80
/// columns; `check` shows the message with its own `fix:`).
fn row(cells: &[String], [a, s, j]: [usize; 3], line: usize) -> Result<Option<Activity>, String> {
    let cell = |i: usize| cells.get(i).map_or("", |c| c.trim());
    let (name, skill, joy) = (cell(a), cell(s), cell(j));
    if name.is_empty() && skill.is_empty() && joy.is_empty() {
        return Ok(None);
    }
    if name.is_empty() {
        return Err(
            "a row with no activity\n  hint: name the activity, or empty the row; the row is skipped"
                .to_string(),
        );
    }
    let shown = crate::render::shorten(name, 16);
    let value = |what: &str, v: &str| -> Result<u8, String> {
        const SKIPPED: &str = "\n  hint: use a whole number from 1 to 5; the row is skipped";
        match v.parse::<u8>() {
            Ok(n) if RANGE.contains(&n) && !v.starts_with('+') => Ok(n),
            _ if v.is_empty() => Err(format!("`{shown}`: {what} is empty{SKIPPED}")),
            _ => Err(format!(
                "`{shown}`: {what} `{}` is not 1 to 5{SKIPPED}",
                crate::render::shorten(v, 6)
            )),
        }
    };
    let skill = value("skill", skill)?;
    let joy = value("joy", joy)?;
    Ok(Some(Activity {
        name: name.to_string(),
        skill,
        joy,
        line,
    }))
}

/// A person's maps, oldest first: each note holding at least one filled
/// row. Bad rows and unreadable notes are reported to `warn`, in note
/// order.
pub fn maps(
    notebook: &crate::notebook::Notebook,
    notes: &mut crate::notebook::PersonNotes,
    warn: &mut dyn FnMut(Error),
) -> Vec<Map> {
    let mut found = Vec::new();
    for loaded in notes.notes_mut() {
        let loaded = loaded.reported(warn);
        let Some(text) = loaded.text() else {
            continue;
        };
        let note = Note::split(text);
        let shown = notebook.show(&loaded.meeting.rel);
        let read = read(&note, &shown, warn);
        if read.activities.is_empty() {
            continue;
        }
        let date = note
            .frontmatter_lenient(&shown)
            .0
            .date
            .unwrap_or(loaded.meeting.date);
        found.push(Map {
            date,
            path: shown,
            activities: read.activities,
            tables: read.tables,
        });
    }
    // Stable: two maps of one day stay in file order.
    found.sort_by_key(|m| m.date);
    found
}

/// How an activity changed from one map to the next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Move {
    /// In both maps, in another zone now.
    Moved {
        /// The activity, as the later map writes it.
        activity: String,
        /// Its zone before.
        from: Zone,
        /// Its zone now.
        to: Zone,
    },
    /// Only in the later map.
    New {
        /// The activity.
        activity: String,
        /// Its zone.
        zone: Zone,
    },
    /// Only in the earlier map.
    Dropped {
        /// The activity.
        activity: String,
        /// Its zone then.
        zone: Zone,
    },
}

/// An activity's name as maps are matched: accents, case and spacing
/// aside (`Code review` and `code  review` are one).
#[must_use]
pub fn activity_key(name: &str) -> String {
    folded(name)
}

/// What moved from `before` to `after`, matched by activity name
/// ([`activity_key`]): the zone changes in `after`'s order, then the new
/// activities, then the dropped ones. An activity whose zone stayed is
/// not listed.
#[must_use]
pub fn moves(before: &[Activity], after: &[Activity]) -> Vec<Move> {
    let find = |list: &[Activity], key: &str| -> Option<usize> {
        list.iter().position(|a| activity_key(&a.name) == key)
    };
    let mut moved = Vec::new();
    let mut new = Vec::new();
    for (i, a) in after.iter().enumerate() {
        let key = activity_key(&a.name);
        // A name written twice counts once.
        if find(after, &key) != Some(i) {
            continue;
        }
        match find(before, &key) {
            Some(b) if before[b].zone() != a.zone() => moved.push(Move::Moved {
                activity: a.name.clone(),
                from: before[b].zone(),
                to: a.zone(),
            }),
            Some(_) => {}
            None => new.push(Move::New {
                activity: a.name.clone(),
                zone: a.zone(),
            }),
        }
    }
    let dropped = before.iter().enumerate().filter_map(|(i, b)| {
        let key = activity_key(&b.name);
        (find(before, &key) == Some(i) && find(after, &key).is_none()).then(|| Move::Dropped {
            activity: b.name.clone(),
            zone: b.zone(),
        })
    });
    moved.into_iter().chain(new).chain(dropped).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_zone_rule_at_every_cell() {
        // Rows: joy 5 down to 1; columns: skill 1 to 5.
        let expected = [
            ["inc", "inc", "com", "gen", "gen"],
            ["inc", "inc", "com", "gen", "gen"],
            ["inc", "inc", "com", "exc", "exc"],
            ["inc", "inc", "com", "exc", "exc"],
            ["inc", "inc", "com", "exc", "exc"],
        ];
        for (row, joy) in expected.iter().zip((1..=5u8).rev()) {
            for (want, skill) in row.iter().zip(1..=5u8) {
                assert_eq!(
                    &Zone::of(skill, joy).name()[..3],
                    *want,
                    "skill {skill}, joy {joy}"
                );
            }
        }
        assert_eq!(Zone::of(2, 5), Zone::Incompetence);
        assert_eq!(Zone::of(3, 5), Zone::Competence);
        assert_eq!(Zone::of(3, 1), Zone::Competence);
        assert_eq!(Zone::of(4, 3), Zone::Excellence);
        assert_eq!(Zone::of(4, 4), Zone::Genius);
        assert_eq!(Zone::of(5, 3), Zone::Excellence);
        assert_eq!(Zone::of(5, 4), Zone::Genius);
    }

    fn read_text(text: &str) -> (Read, Vec<String>) {
        let mut errors = Vec::new();
        let read = read(&Note::split(text), Path::new("bob/n.md"), &mut |e| {
            errors.push(e.to_string());
        });
        (read, errors)
    }

    #[test]
    fn reads_filled_rows_skips_empty_ones_and_reports_bad_values() {
        const SKIPPED: &str = "\n  hint: use a whole number from 1 to 5; the row is skipped";
        let text = "---\ndate: 2026-11-24\n---\n## Zone of genius\n\n\
            | Activity | Skill | Jóy |\n| --- | --- | --- |\n\
            | code review | 4 | 5 |\n|  |  |  |\n\
            | **hiring** `plan` | 2 | 1 |\n\
            | budgets | 0 | 3 |\n| status | 6 | 3 |\n| talks | 4.5 | 3 |\n\
            | docs | four | 3 |\n| oncall |  | 3 |\n|  | 3 | 3 |\n\n\
            | other | table |\n| --- | --- |\n| x | 9 |\n";
        let (read, errors) = read_text(text);
        let got: Vec<(&str, u8, u8, usize)> = read
            .activities
            .iter()
            .map(|a| (a.name.as_str(), a.skill, a.joy, a.line))
            .collect();
        assert_eq!(got, [("code review", 4, 5, 8), ("hiring plan", 2, 1, 10)]);
        assert_eq!(
            errors,
            [
                format!("bob/n.md:11: `budgets`: skill `0` is not 1 to 5{SKIPPED}"),
                format!("bob/n.md:12: `status`: skill `6` is not 1 to 5{SKIPPED}"),
                format!("bob/n.md:13: `talks`: skill `4.5` is not 1 to 5{SKIPPED}"),
                format!("bob/n.md:14: `docs`: skill `four` is not 1 to 5{SKIPPED}"),
                format!("bob/n.md:15: `oncall`: skill is empty{SKIPPED}"),
                "bob/n.md:16: a row with no activity\n  \
                 hint: name the activity, or empty the row; the row is skipped"
                    .to_string(),
            ]
        );
        assert_eq!(read.tables.len(), 1);
        assert!(text[read.tables[0].clone()].starts_with("| Activity |"));
    }

    #[test]
    fn a_second_row_of_an_activity_is_a_duplicate() {
        let (read, errors) = read_text(
            "| activity | skill | joy |\n|---|---|---|\n| writing | 4 | 5 |\n| **Writing** | 2 | 1 |\n\n\
             | activity | skill | joy |\n|---|---|---|\n| writing | 3 | 3 |\n",
        );
        assert!(errors.is_empty());
        let got: Vec<(u8, usize)> = read.activities.iter().map(|a| (a.skill, a.line)).collect();
        assert_eq!(got, [(4, 3), (3, 8)], "one per table, the first");
        assert_eq!(
            read.duplicates,
            [Duplicate {
                name: "Writing".into(),
                line: 4,
                first: 3
            }]
        );
    }

    #[test]
    fn columns_in_any_order_and_no_table_in_code() {
        let (read, errors) = read_text(
            "| joy | notes | activity | skill |\n|---|---|---|---|\n| 5 | yes | mentoring | 4 |\n\n```\n| activity | skill | joy |\n|---|---|---|\n| x | 9 | 9 |\n```\n",
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            read.activities,
            [Activity {
                name: "mentoring".into(),
                skill: 4,
                joy: 5,
                line: 3
            }]
        );
        let (read, _) = read_text("no table | here\n");
        assert_eq!(read, Read::default());
    }

    #[test]
    fn moves_match_names_folded() {
        let a = |name: &str, skill, joy| Activity {
            name: name.into(),
            skill,
            joy,
            line: 1,
        };
        let before = [
            a("Code review", 4, 3),
            a("budgets", 2, 2),
            a("status reports", 4, 1),
        ];
        let after = [
            a("code  review", 4, 5),
            a("Budgets", 2, 3),
            a("mentoring", 5, 5),
        ];
        assert_eq!(
            moves(&before, &after),
            [
                Move::Moved {
                    activity: "code  review".into(),
                    from: Zone::Excellence,
                    to: Zone::Genius
                },
                Move::New {
                    activity: "mentoring".into(),
                    zone: Zone::Genius
                },
                Move::Dropped {
                    activity: "status reports".into(),
                    zone: Zone::Excellence
                },
            ]
        );
    }
}
