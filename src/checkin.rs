//! Check-ins: energy, challenge and skill, each 1 to 5, kept as optional
//! frontmatter fields of a note (`energy: 4`). They are read from any note
//! and written by `oneonone checkin` with a text edit of those lines only:
//! the person's YAML is never re-serialized, so key order, comments and
//! style stay as they were.

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_yaml::Value;

use crate::error::Error;
use crate::note::{Note, line_number};

/// One of the check-in fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// How much energy they have.
    Energy,
    /// How challenging their work is.
    Challenge,
    /// How skilled they feel at it.
    Skill,
}

/// The check-in fields, in the order notes list them.
pub const FIELDS: [Field; 3] = [Field::Energy, Field::Challenge, Field::Skill];

impl Field {
    /// Its frontmatter key (and its name on screen).
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Field::Energy => "energy",
            Field::Challenge => "challenge",
            Field::Skill => "skill",
        }
    }

    /// The field a frontmatter key names, if any.
    fn from_key(key: &str) -> Option<Field> {
        FIELDS.into_iter().find(|field| field.key() == key)
    }
}

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

/// The lowest and highest value of a check-in field.
pub const RANGE: std::ops::RangeInclusive<u8> = 1..=5;

/// One note's check-in values.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Values {
    /// How much energy they have, 1 to 5.
    pub energy: Option<u8>,
    /// How challenging their work is, 1 to 5.
    pub challenge: Option<u8>,
    /// How skilled they feel at it, 1 to 5.
    pub skill: Option<u8>,
}

impl Values {
    /// True when no field is set.
    #[must_use]
    pub fn is_empty(self) -> bool {
        self.energy.is_none() && self.challenge.is_none() && self.skill.is_none()
    }

    /// The value of a field.
    #[must_use]
    pub fn get(self, field: Field) -> Option<u8> {
        match field {
            Field::Energy => self.energy,
            Field::Challenge => self.challenge,
            Field::Skill => self.skill,
        }
    }

    fn set(&mut self, field: Field, value: u8) {
        let slot = match field {
            Field::Energy => &mut self.energy,
            Field::Challenge => &mut self.challenge,
            Field::Skill => &mut self.skill,
        };
        *slot = Some(value);
    }
}

/// A dated check-in from a note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckIn {
    /// The meeting date.
    pub date: NaiveDate,
    /// Its values.
    #[serde(flatten)]
    pub values: Values,
}

/// Reads the check-in fields of a note's frontmatter. A value that is not a
/// whole number from 1 to 5 is reported to `warn` with its line and left
/// out; a frontmatter that does not parse gives no values (the scan that
/// reads the note reports it).
pub fn read(note: &Note<'_>, path: &Path, warn: &mut dyn FnMut(Error)) -> Values {
    if let Some(values) = note
        .frontmatter
        .clone()
        .and_then(|range| plain_values(&note.text[range]))
    {
        return values;
    }
    read_by_yaml(note, path, warn)
}

/// [`read`] through the YAML parser alone (for the invariants that check
/// the shortcut).
#[doc(hidden)]
pub fn read_by_yaml(note: &Note<'_>, path: &Path, warn: &mut dyn FnMut(Error)) -> Values {
    let mut values = Values::default();
    let Some(range) = note.frontmatter.clone() else {
        return values;
    };
    let Ok(Value::Mapping(map)) = crate::yaml::parse::<Value>(
        &note.text[range.clone()],
        path,
        crate::note::line_number(note.text, range.start),
        crate::yaml::NOTE_CAP,
    ) else {
        return values;
    };
    for field in FIELDS {
        let value = match map.get(field.key()) {
            None | Some(Value::Null) => continue,
            Some(value) => value,
        };
        let number = match value {
            Value::Number(n) => n.as_u64().and_then(|n| u8::try_from(n).ok()),
            Value::String(s) => s.trim().parse::<u8>().ok(),
            _ => None,
        };
        if let Some(n) = number.filter(|n| RANGE.contains(n)) {
            values.set(field, n);
        } else {
            let line = crate::frontmatter::key_span(note.text, range.clone(), field.key())
                .map_or(range.start, |(l, _)| l.start);
            let shown = serde_yaml::to_string(value).unwrap_or_default();
            warn(Error::Invalid {
                path: path.to_path_buf(),
                line: Some(line_number(note.text, line)),
                message: format!(
                    "`{field}: {}` is not a check-in value (skipped)\n  \
                     hint: use a whole number from 1 to 5",
                    shown.trim()
                ),
            });
        }
    }
    values
}

/// The check-in values of plain frontmatter (what oneonone writes), read
/// without the YAML parser; `None` when anything needs the parser's
/// judgement (or a warning), which then reads it.
fn plain_values(yaml: &str) -> Option<Values> {
    crate::frontmatter::simple_frontmatter(yaml)?;
    let mut values = Values::default();
    for line in yaml.lines() {
        let Some((key, rest)) = line.strip_suffix('\r').unwrap_or(line).split_once(':') else {
            continue;
        };
        let Some(field) = Field::from_key(key) else {
            continue;
        };
        let value = rest
            .split(" #")
            .next()
            .unwrap_or_default()
            .trim_matches([' ', '\t']);
        if value.is_empty() {
            continue;
        }
        let n: u8 = value
            .parse()
            .ok()
            .filter(|n| RANGE.contains(n) && value.len() == 1)?;
        values.set(field, n);
    }
    Some(values)
}

/// The text with the given check-in fields set, changing only their lines:
/// an existing `field:` line keeps its key, spacing and comment and gets the
/// new value; a missing one is added just before the closing `---`; a note
/// without frontmatter gets one at the top.
///
/// # Errors
/// The edit cannot be made without touching anything else: the frontmatter
/// does not parse, a field is written in a form a line edit cannot change
/// safely (flow style `{energy: 2}`, an anchor, a block scalar), or the
/// note opens with `---` but has no frontmatter oneonone can read. The
/// error names the note as `path` and says what to do; nothing is written.
pub fn set(text: &str, path: &Path, changes: &[(Field, u8)]) -> Result<String, Error> {
    let refuse = |message: String| Error::Invalid {
        path: path.to_path_buf(),
        line: None,
        message,
    };
    let note = Note::split(text);
    let before = match note.frontmatter.clone() {
        Some(range) => crate::yaml::parse::<Value>(
            &text[range.clone()],
            Path::new("frontmatter"),
            line_number(text, range.start),
            crate::yaml::NOTE_CAP,
        )
        .map_err(|e| {
            refuse(format!(
                "its frontmatter does not parse ({e}); fix it, then record the check-in"
            ))
        })?,
        None if note.body().starts_with("---") => {
            return Err(refuse(
                "it opens with `---` but has no frontmatter oneonone can read; fix it first".into(),
            ));
        }
        None => Value::Null,
    };
    let after = set_lines(text, changes);
    let yaml = Note::split(&after)
        .frontmatter
        .map(|r| after[r].to_string())
        .unwrap_or_default();
    let ok = crate::yaml::parse::<Value>(&yaml, Path::new("frontmatter"), 1, crate::yaml::NOTE_CAP)
        .ok()
        .is_some_and(|after_value| {
            let strip = |v: &Value| -> serde_yaml::Mapping {
                let mut map = match v {
                    Value::Mapping(m) => m.clone(),
                    _ => serde_yaml::Mapping::new(),
                };
                for (field, _) in changes {
                    map.remove(field.key());
                }
                map
            };
            let set_right = changes.iter().all(|(field, value)| {
                after_value.get(field.key()).and_then(Value::as_u64) == Some(u64::from(*value))
            });
            set_right && strip(&before) == strip(&after_value)
        });
    if ok {
        Ok(after)
    } else {
        let fields: Vec<&str> = changes.iter().map(|(f, _)| f.key()).collect();
        Err(refuse(format!(
            "cannot set {} by changing only those lines (flow style, an anchor or a multi-line value?); \
             edit the frontmatter by hand",
            fields.join(", ")
        )))
    }
}

/// The line edit behind [`set`], unchecked.
fn set_lines(text: &str, changes: &[(Field, u8)]) -> String {
    let mut out = text.to_string();
    for (field, value) in changes {
        out = crate::frontmatter::set_value(&out, field.key(), &value.to_string());
    }
    out
}

/// The check-ins of a person, oldest first: every meeting note of theirs
/// with at least one value, dated by its frontmatter `date` (else its file
/// name). Bad values and unreadable notes (those no other use reported
/// yet) are reported to `warn`, in the order of the notes.
pub fn history(
    notebook: &crate::notebook::Notebook,
    notes: &mut crate::notebook::PersonNotes,
    warn: &mut dyn FnMut(Error),
) -> Vec<CheckIn> {
    let mut found = Vec::new();
    for loaded in notes.notes_mut() {
        let loaded = loaded.reported(warn);
        let Some(text) = loaded.text() else {
            continue;
        };
        let note = Note::split(text);
        let shown = notebook.show(&loaded.meeting.rel);
        let values = read(&note, &shown, warn);
        if !values.is_empty() {
            let date = note
                .frontmatter_lenient(&shown)
                .0
                .date
                .unwrap_or(loaded.meeting.date);
            found.push(CheckIn { date, values });
        }
    }
    found.sort_by_key(|c| c.date);
    found
}

/// Where a check-in sits on the flow chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Zone {
    /// Challenge well above skill (two or more points).
    Anxiety,
    /// Challenge and skill within a point of each other.
    Flow,
    /// Skill well above challenge (two or more points).
    Boredom,
}

impl Zone {
    /// The zone of a challenge and skill pair.
    #[must_use]
    pub fn of(challenge: u8, skill: u8) -> Zone {
        let diff = i16::from(challenge) - i16::from(skill);
        if diff >= 2 {
            Zone::Anxiety
        } else if diff <= -2 {
            Zone::Boredom
        } else {
            Zone::Flow
        }
    }

    /// Its name.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Zone::Anxiety => "anxiety",
            Zone::Flow => "flow",
            Zone::Boredom => "boredom",
        }
    }

    /// What it means, in a few words.
    #[must_use]
    pub fn meaning(self) -> &'static str {
        match self {
            Zone::Anxiety => "challenge well above skill",
            Zone::Flow => "challenge matches skill",
            Zone::Boredom => "skill well above challenge",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> (Values, Vec<String>) {
        let mut warnings = Vec::new();
        let v = read(&Note::split(text), Path::new("n.md"), &mut |e| {
            warnings.push(e.to_string());
        });
        (v, warnings)
    }

    #[test]
    fn reads_values_and_warns_about_bad_ones() {
        let (v, w) = values("---\nperson: A\nenergy: 4\nchallenge: '3'\nskill:\n---\n");
        assert_eq!(
            v,
            Values {
                energy: Some(4),
                challenge: Some(3),
                skill: None
            }
        );
        assert!(w.is_empty());
        let (v, w) = values("---\nenergy: 7\nchallenge: high\nskill: 2.5\n---\n");
        assert!(v.is_empty());
        assert_eq!(
            w,
            [
                "n.md:2: `energy: 7` is not a check-in value (skipped)\n  hint: use a whole number from 1 to 5",
                "n.md:3: `challenge: high` is not a check-in value (skipped)\n  hint: use a whole number from 1 to 5",
                "n.md:4: `skill: 2.5` is not a check-in value (skipped)\n  hint: use a whole number from 1 to 5",
            ]
        );
    }

    #[test]
    fn set_changes_only_the_value_bytes() {
        let text = "---\n# check-ins below\nperson: 'Alice'   # quoted on purpose\nenergy:\nchallenge: 2  # was hard\nskill: 3\ntags: [a,b]\n---\nbody energy: 1\n";
        let out = set(
            text,
            Path::new("n.md"),
            &[(Field::Energy, 4), (Field::Challenge, 5)],
        )
        .unwrap();
        assert_eq!(
            out,
            "---\n# check-ins below\nperson: 'Alice'   # quoted on purpose\nenergy: 4\nchallenge: 5  # was hard\nskill: 3\ntags: [a,b]\n---\nbody energy: 1\n"
        );
    }

    #[test]
    fn set_adds_missing_fields_in_the_files_line_endings() {
        let ok =
            |text: &str, changes: &[(Field, u8)]| set(text, Path::new("n.md"), changes).unwrap();
        let text = "\u{feff}---\r\nperson: A\r\n---\r\nbody\r\n";
        assert_eq!(
            ok(text, &[(Field::Skill, 2)]),
            "\u{feff}---\r\nperson: A\r\nskill: 2\r\n---\r\nbody\r\n"
        );
        assert_eq!(
            ok("just body\n", &[(Field::Energy, 3)]),
            "---\nenergy: 3\n---\njust body\n"
        );
        assert_eq!(
            ok("---\nenergy:   \n---\n", &[(Field::Energy, 1)]),
            "---\nenergy:   1\n---\n"
        );
        assert_eq!(
            ok("---\nenergy: #how?\n---\n", &[(Field::Energy, 1)]),
            "---\nenergy: 1 #how?\n---\n"
        );
        // A key that merely starts the same is not the field.
        assert_eq!(
            ok("---\nenergy_note: x\n---\n", &[(Field::Energy, 2)]),
            "---\nenergy_note: x\nenergy: 2\n---\n"
        );
        // Quoted keys and a blank before the colon are the field too.
        assert_eq!(
            ok(
                "---\n\"energy\": 3\nenergy_x: 1\n---\n",
                &[(Field::Energy, 5)]
            ),
            "---\n\"energy\": 5\nenergy_x: 1\n---\n"
        );
        assert_eq!(
            ok("---\nenergy : 3  # ok\n---\n", &[(Field::Energy, 5)]),
            "---\nenergy : 5  # ok\n---\n"
        );
    }

    #[test]
    fn set_refuses_what_a_line_edit_cannot_do_safely() {
        for text in [
            "---\n{person: A, energy: 2}\n---\n",
            "---\nenergy: &e 3\nskill: *e\n---\n",
            "---\nenergy: |\n  3\n---\n",
            "---\nperson: [broken\n---\n",
            "--- # fm\nthis is: [not closed\n---\n",
        ] {
            assert!(
                set(text, Path::new("n.md"), &[(Field::Energy, 5)]).is_err(),
                "{text:?}"
            );
        }
        let err = set(
            "---\nenergy: |\n  3\n---\n",
            Path::new("n.md"),
            &[(Field::Energy, 5)],
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with("n.md: cannot set energy by changing only those lines"),
            "{err}"
        );
        let refused = |text: &str| {
            set(text, Path::new("n.md"), &[(Field::Skill, 1)])
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            refused("---\nenergy: 2\nno closing fence\n"),
            "n.md: it opens with `---` but has no frontmatter oneonone can read; fix it first"
        );
        let broken = refused("---\nperson: [broken\n---\n");
        assert!(
            broken.starts_with("n.md: its frontmatter does not parse (frontmatter:")
                && broken.ends_with("); fix it, then record the check-in"),
            "{broken}"
        );
    }

    #[test]
    fn fields_are_their_lowercase_keys() {
        let keys: Vec<&str> = FIELDS.iter().map(|f| f.key()).collect();
        assert_eq!(keys, ["energy", "challenge", "skill"]);
        for field in FIELDS {
            assert_eq!(Field::from_key(field.key()), Some(field));
            assert_eq!(field.to_string(), field.key());
        }
        assert_eq!(Field::from_key("Energy"), None);
        assert_eq!(Field::from_key("energy "), None);
    }

    #[test]
    fn zones_at_their_boundaries() {
        assert_eq!(Zone::of(3, 1), Zone::Anxiety);
        assert_eq!(Zone::of(5, 3), Zone::Anxiety);
        assert_eq!(Zone::of(3, 2), Zone::Flow);
        assert_eq!(Zone::of(3, 3), Zone::Flow);
        assert_eq!(Zone::of(2, 3), Zone::Flow);
        assert_eq!(Zone::of(1, 3), Zone::Boredom);
        assert_eq!(Zone::of(3, 5), Zone::Boredom);
        assert_eq!(Zone::of(1, 5), Zone::Boredom);
        assert_eq!(Zone::of(5, 1), Zone::Anxiety);
    }
}
