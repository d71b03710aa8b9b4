//! A person: who the user means by a typed name (a folder of the
//! notebook), the name to show, and `<slug>/person.yaml`, what the notebook
//! knows about them beyond their notes: the name to show, other names
//! they go by, their role, and how often to meet.
//!
//! ```yaml
//! name: Alice Smith
//! aliases: [ali, al]  # other names that mean her, in commands and @mentions
//! role: Staff Engineer
//! cadence_days: 7     # overrides oneonone.yaml's cadence_days (default 14)
//! away:               # time off (`oneonone away`), both dates included
//!   - {from: 2026-12-01, to: 2026-12-21, why: holiday}
//! ```
//!
//! Days away do not count against the cadence ([`next_due`]).
//!
//! A typed name (or an `@mention`) means, in this order, the first rule
//! that one person fits: the folder named so, or the display name
//! (person.yaml's `name`, else the newest note's `person:`); an alias;
//! each given word starting the matching word of one person's name or
//! folder (`marc` is Marcus Lee, `alex k` Alex Kim, `mary-ann`
//! `mary-ann-walsh/`). Case and accents never matter, and a trailing `/`
//! (shell completion adds one) is ignored. Two people fitting the same
//! rule is an error listing both. When nobody fits, a person whose name
//! is near is suggested, and `new` and `agenda` make a new person then
//! only with `--new-person`. Near: each word of one name starts, or is a
//! slip away from, the word in the same place of the other (a slip: two
//! edits, one for words of four letters or fewer, never all of a word),
//! as "chole d" is near Chloé Dubois and "Alex Kim Jones" near Alex Kim;
//! or each typed word of two letters or more is a slip away from (or is)
//! some word of the person's name or folder, in any order, as "walsh",
//! "Mary Walsh" and "Walsh Mary Ann" are near Mary Ann Walsh.
//!
//! `--new-person` never takes someone's folder, but may take a name that
//! meant someone by their display name, an alias or a word prefix: it
//! means the new person from then on, and the user is told so.

use std::path::Path;

use chrono::NaiveDate;
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
    /// Other names that mean them (`aliases: [mary, ma]`).
    #[serde(deserialize_with = "aliases")]
    pub aliases: Vec<String>,
    /// The folder shared with them (see [`crate::space`]), as written:
    /// relative to the notebook, absolute, or starting with `~/`.
    pub shared: Option<String>,
    /// Their time off (`away: [{from: 2026-12-01, to: 2026-12-21}]`), as
    /// written; periods may overlap.
    #[serde(deserialize_with = "absences")]
    pub away: Vec<Absence>,
}

/// A period away (time off), both dates included.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Absence {
    /// The first day away.
    pub from: NaiveDate,
    /// The last day away.
    pub to: NaiveDate,
    /// Why, if said ("holiday").
    pub why: Option<String>,
}

impl<'de> Deserialize<'de> for Absence {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Self, D::Error> {
        /// The keys of an absence.
        #[derive(Deserialize)]
        #[serde(field_identifier, rename_all = "lowercase")]
        enum Key {
            From,
            To,
            Why,
        }
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Absence;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a period away: {from: YYYY-MM-DD, to: YYYY-MM-DD, why: ...}")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Absence, A::Error> {
                use serde::de::Error as _;
                let (mut from, mut to, mut why) = (None, None, None);
                // Checked as each date is read, so an error points at it.
                let order = |from: Option<NaiveDate>, to: Option<NaiveDate>| match (from, to) {
                    (Some(f), Some(t)) if t < f => Err(A::Error::custom(format!(
                        "`to: {t}` is before `from: {f}` (both days are included)"
                    ))),
                    _ => Ok(()),
                };
                while let Some(key) = map.next_key::<Key>()? {
                    match key {
                        Key::From if from.is_some() => {
                            return Err(A::Error::duplicate_field("from"));
                        }
                        Key::To if to.is_some() => return Err(A::Error::duplicate_field("to")),
                        Key::Why if why.is_some() => return Err(A::Error::duplicate_field("why")),
                        Key::From => {
                            from = Some(map.next_value::<Day>()?.0);
                            order(from, to)?;
                        }
                        Key::To => {
                            to = Some(map.next_value::<Day>()?.0);
                            order(from, to)?;
                        }
                        Key::Why => why = Some(map.next_value::<Option<String>>()?),
                    }
                }
                Ok(Absence {
                    from: from.ok_or_else(|| A::Error::missing_field("from"))?,
                    to: to.ok_or_else(|| A::Error::missing_field("to"))?,
                    why: why.flatten(),
                })
            }
        }
        deserializer.deserialize_map(Visitor)
    }
}

/// A date written `YYYY-MM-DD`.
struct Day(NaiveDate);

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Day;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a date (YYYY-MM-DD)")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> std::result::Result<Day, E> {
                NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
                    .map(Day)
                    .map_err(|_| E::custom(format!("`{s}` is not a date; write it as YYYY-MM-DD")))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

/// Reads `away:`: a list of [`Absence`]s (an empty `away:` is none).
fn absences<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<Vec<Absence>, D::Error> {
    Ok(Option::<Vec<Absence>>::deserialize(deserializer)?.unwrap_or_default())
}

/// The periods away merged where they overlap or touch, oldest first.
fn merged(away: &[Absence]) -> Vec<(NaiveDate, NaiveDate)> {
    let mut periods: Vec<(NaiveDate, NaiveDate)> = away.iter().map(|a| (a.from, a.to)).collect();
    periods.sort();
    let mut out: Vec<(NaiveDate, NaiveDate)> = Vec::with_capacity(periods.len());
    for (from, to) in periods {
        match out.last_mut() {
            Some(last) if from <= last.1.succ_opt().unwrap_or(NaiveDate::MAX) => {
                last.1 = last.1.max(to);
            }
            _ => out.push((from, to)),
        }
    }
    out
}

/// The last day of the time off `day` falls in (periods that overlap or
/// touch count as one), if it does: "away until" that day.
#[must_use]
pub fn away_until(away: &[Absence], day: NaiveDate) -> Option<NaiveDate> {
    merged(away)
        .into_iter()
        .find(|(from, to)| (*from..=*to).contains(&day))
        .map(|(_, to)| to)
}

/// How many days after `after` up to `until` (included) are days away,
/// each counted once however many periods hold it.
#[must_use]
pub fn days_away(away: &[Absence], after: NaiveDate, until: NaiveDate) -> i64 {
    merged(away)
        .into_iter()
        .map(|(from, to)| {
            let start = from.max(after.succ_opt().unwrap_or(NaiveDate::MAX));
            let end = to.min(until);
            (end.signed_duration_since(start).num_days() + 1).max(0)
        })
        .sum()
}

/// When the next 1:1 is due by the cadence, days away not counted: once
/// `cadence_days` days on which they were not away have passed since the
/// `last` 1:1. Each day away between the last 1:1 and the due date pushes
/// it by a day, so it never falls in time off; so does each day of a time
/// off that began after the due date but by `today` (days away while
/// overdue do not count as overdue either). The date never moves back as
/// days pass: it only moves when time off is recorded. Someone away today
/// is not overdue (the caller asks [`away_until`]). The one rule `people`,
/// `due`, `prep` and `patterns` use.
#[must_use]
pub fn next_due(
    last: NaiveDate,
    cadence_days: u32,
    away: &[Absence],
    today: NaiveDate,
) -> Option<NaiveDate> {
    let mut due = last.checked_add_days(chrono::Days::new(u64::from(cadence_days)))?;
    for (from, to) in merged(away) {
        if to <= last {
            continue;
        }
        let start = from.max(last.succ_opt()?);
        if start > due && start > today {
            break;
        }
        let days = u64::try_from(to.signed_duration_since(start).num_days() + 1).ok()?;
        due = due.checked_add_days(chrono::Days::new(days))?;
    }
    Some(due)
}

/// Reads `aliases:`: a list of names, each with a letter or a digit (an
/// empty `aliases:` is none).
fn aliases<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<Vec<String>, D::Error> {
    struct Alias(String);
    impl<'de> Deserialize<'de> for Alias {
        fn deserialize<D: serde::Deserializer<'de>>(
            deserializer: D,
        ) -> std::result::Result<Self, D::Error> {
            struct Visitor;
            impl serde::de::Visitor<'_> for Visitor {
                type Value = Alias;
                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str("a name")
                }
                fn visit_str<E: serde::de::Error>(
                    self,
                    name: &str,
                ) -> std::result::Result<Alias, E> {
                    if key(name).is_empty() {
                        return Err(E::custom("an alias needs a letter or a digit"));
                    }
                    Ok(Alias(name.to_string()))
                }
            }
            deserializer.deserialize_str(Visitor)
        }
    }
    struct Visitor;
    impl<'de> serde::de::Visitor<'de> for Visitor {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a list of names")
        }
        fn visit_unit<E: serde::de::Error>(self) -> std::result::Result<Vec<String>, E> {
            Ok(Vec::new())
        }
        fn visit_none<E: serde::de::Error>(self) -> std::result::Result<Vec<String>, E> {
            Ok(Vec::new())
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> std::result::Result<Vec<String>, A::Error> {
            let mut names = Vec::new();
            while let Some(Alias(name)) = seq.next_element()? {
                names.push(name);
            }
            Ok(names)
        }
    }
    deserializer.deserialize_any(Visitor)
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

    /// As [`Profile::load`], but a bad entry of `away:` costs only that
    /// entry: the profile is read without it, and the error that names it
    /// comes back beside it to warn about. Any other error gives the
    /// default profile, with the error.
    pub fn load_lenient(folder: &Path, shown: &Path) -> (Self, Option<Error>) {
        let error = match Profile::load(folder, shown) {
            Ok(profile) => return (profile, None),
            Err(e) => e,
        };
        let fallback =
            crate::config::load_yaml_file::<serde_yaml::Value>(folder, shown, PROFILE_FILE)
                .ok()
                .and_then(|mut value| {
                    let away = value.as_mapping_mut()?.get_mut("away")?;
                    let entries = away.as_sequence_mut()?;
                    entries
                        .retain(|entry| serde_yaml::from_value::<Absence>(entry.clone()).is_ok());
                    serde_yaml::from_value::<Profile>(value).ok()
                });
        (fallback.unwrap_or_default(), Some(error))
    }
}

/// `{from: 2026-12-01, to: 2026-12-21, why: holiday}`: an absence as
/// `away` writes it in person.yaml.
#[must_use]
pub fn absence_entry(absence: &Absence) -> String {
    match &absence.why {
        Some(why) => format!(
            "{{from: {}, to: {}, why: {}}}",
            absence.from,
            absence.to,
            crate::frontmatter::yaml_scalar(why)
        ),
        None => format!("{{from: {}, to: {}}}", absence.from, absence.to),
    }
}

/// The person.yaml `text` (at `shown`) with `absence` added at the end of
/// its `away:` list, changing only the bytes that must: a `- ` line after
/// the last item of a block list, `, {...}` before the `]` of a list on
/// one line, or a new `away:` block at the end. Every comment and other
/// key stays; the result is read back and must mean the same plus the
/// absence.
///
/// # Errors
/// The file does not read as a profile, or `away:` is written in a way
/// this cannot add to (then it is edited by hand).
pub fn with_absence(text: &str, shown: &Path, absence: &Absence) -> Result<String> {
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let entry = absence_entry(absence);
    let before: Profile = crate::config::parse_yaml_or_default(text, shown)?;
    let cannot = |line: usize| Error::Invalid {
        path: shown.to_path_buf(),
        line: Some(line),
        message: "cannot add to `away:` (write it as a list of {from: ..., to: ...}); \
                  edit the file by hand"
            .into(),
    };
    // Each line with its start.
    let mut lines = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        lines.push((at, line));
        at += line.len();
    }
    let key = lines.iter().position(|(_, l)| {
        l.strip_prefix("away")
            .is_some_and(|rest| rest.trim_start_matches([' ', '\t']).starts_with(':'))
    });
    let mut after = String::with_capacity(text.len() + entry.len() + 16);
    match key {
        None => {
            after.push_str(text);
            if !text.is_empty() && !text.ends_with('\n') {
                after.push_str(eol);
            }
            for part in ["away:", eol, "  - ", &entry, eol] {
                after.push_str(part);
            }
        }
        Some(i) => {
            let (start, line) = lines[i];
            let colon = line.find(':').unwrap_or(0) + 1;
            let rest = line[colon..].trim_end_matches(['\r', '\n']);
            // The value, without a comment after it.
            let value_end = rest
                .char_indices()
                .find(|&(j, c)| c == '#' && (j == 0 || rest[..j].ends_with([' ', '\t'])))
                .map_or(rest.len(), |(j, _)| j);
            let value = rest[..value_end].trim();
            if value.is_empty() {
                // A block list: after its last item line.
                let mut last = i;
                let mut indent: Option<&str> = None;
                for (j, (_, l)) in lines.iter().enumerate().skip(i + 1) {
                    let bare = l.trim_end_matches(['\r', '\n']);
                    let content = bare.trim_start_matches([' ', '\t']);
                    if content.is_empty() || content.starts_with('#') {
                        continue;
                    }
                    let leading = &bare[..bare.len() - content.len()];
                    if leading.is_empty() && !content.starts_with('-') {
                        break;
                    }
                    if indent.is_none() && content.starts_with('-') {
                        indent = Some(leading);
                    }
                    last = j;
                }
                let (at, l) = lines[last];
                let end = at + l.len();
                after.push_str(&text[..end]);
                if !l.ends_with('\n') {
                    after.push_str(eol);
                }
                for part in [indent.unwrap_or("  "), "- ", &entry, eol] {
                    after.push_str(part);
                }
                after.push_str(&text[end..]);
            } else if value.starts_with('[') && value.ends_with(']') {
                // A list on one line: before its `]`.
                let close = start + colon + rest[..value_end].trim_end().len() - 1;
                let inside = value[1..value.len() - 1].trim();
                after.push_str(&text[..close]);
                if !inside.is_empty() {
                    after.push_str(", ");
                }
                after.push_str(&entry);
                after.push_str(&text[close..]);
            } else {
                return Err(cannot(i + 1));
            }
        }
    }
    // Read back: the same profile, and the same values, plus the absence.
    let mut want = before;
    want.away.push(absence.clone());
    if !reads_as(text, &after, shown, &want) {
        return Err(cannot(key.map_or(1, |i| i + 1)));
    }
    Ok(after)
}

/// True when `after` reads as the profile `want`, and as `before` but for
/// `away:` key by key (other keys, the notebook's own, included).
fn reads_as(before: &str, after: &str, shown: &Path, want: &Profile) -> bool {
    let values = |t: &str| {
        crate::config::parse_yaml_or_default::<serde_yaml::Value>(t, shown)
            .ok()
            .map(|v| {
                let mut v = match v {
                    serde_yaml::Value::Null => {
                        serde_yaml::Value::Mapping(serde_yaml::Mapping::new())
                    }
                    v => v,
                };
                if let Some(m) = v.as_mapping_mut() {
                    m.remove("away");
                }
                v
            })
    };
    crate::config::parse_yaml_or_default::<Profile>(after, shown).is_ok_and(|now| now == *want)
        && values(before) == values(after)
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
    /// Whether the name was matched by more than its folder or display
    /// name (an alias, or the start of each word).
    pub by_prefix: bool,
    /// When `--new-person` gave the new person a name that meant someone
    /// else until now: a line saying so, for the user (sanitized).
    pub took_over: Option<String>,
}

/// What a command can do with a typed name that matches nobody.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wanted {
    /// Nothing: the person must exist.
    Existing,
    /// Make a new person of it, unless it is near someone (`new`,
    /// `agenda`).
    MayBeNew,
    /// Make a new person of it even when it is near someone, or means
    /// someone by an alias, a word prefix or a display name (said in
    /// [`Person::took_over`]); never when it is someone's folder
    /// (`--new-person`).
    New,
}

impl Person {
    /// Resolves what the user typed to a person, by the rules the module
    /// gives; else, when `may_be_new`, a person without a folder, unless
    /// the name is near someone's. A person.yaml that cannot be read goes
    /// to `warn` when the name is found without it.
    ///
    /// # Errors
    /// The name cannot be a slug, fits several people, is near someone
    /// (then `new` needs `--new-person`), or (without `may_be_new`) fits
    /// nobody; it fits nobody and a person.yaml cannot be read.
    pub fn resolve(
        notebook: &Notebook,
        typed: &str,
        may_be_new: bool,
        warn: &mut dyn FnMut(Error),
    ) -> Result<Person> {
        let wanted = if may_be_new {
            Wanted::MayBeNew
        } else {
            Wanted::Existing
        };
        Self::resolve_as(notebook, typed, wanted, warn)
    }

    /// [`Person::resolve`], saying what a name that fits nobody may be.
    ///
    /// # Errors
    /// As [`People::resolve`].
    pub fn resolve_as(
        notebook: &Notebook,
        typed: &str,
        wanted: Wanted,
        warn: &mut dyn FnMut(Error),
    ) -> Result<Person> {
        People::new(notebook)?.resolve(typed, wanted, warn)
    }

    /// [`Person::resolve`] for a person who must exist, with their meeting
    /// notes, each read once: the name comes from those rather than from
    /// reading the latest notes again.
    ///
    /// # Errors
    /// As [`Person::resolve`] without `may_be_new`.
    pub fn resolve_with_notes(
        notebook: &Notebook,
        typed: &str,
        warn: &mut dyn FnMut(Error),
    ) -> Result<(Person, PersonNotes)> {
        People::new(notebook)?.resolve_with_notes(typed, warn)
    }

    /// "Mary Ann (mary-ann/)": the name and the folder, for a terminal.
    #[must_use]
    pub fn shown(&self) -> String {
        shown(&self.name, &self.slug)
    }
}

/// "Mary Ann (mary-ann/)", sanitized for a terminal.
fn shown(name: &str, slug: &str) -> String {
    format!(
        "{} ({}/)",
        crate::output::sanitize(name),
        crate::output::sanitize(slug)
    )
}

/// The words of a name as folders fold them: accents and case gone, split
/// at anything but a letter or a digit (`Chloé Dubois`, `chloe-dubois`:
/// `chloe`, `dubois`). A section's title is folded so too (`log --section`).
#[must_use]
pub fn words(name: &str) -> Vec<String> {
    deunicode::deunicode(name)
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// A name folded as a slug (`Chloé Dubois`: `chloe-dubois`), without
/// refusing anything.
#[must_use]
pub fn key(name: &str) -> String {
    // Most folder names are folded already: taken as they are (a notebook
    // of thousands of people folds every folder's name for each command
    // about one of them).
    if crate::notebook::is_folded_name(name) {
        return name.to_string();
    }
    words(name).join("-")
}

/// The notebook's people, for resolving typed names and `@mentions`: the
/// folders read once; their names and aliases read on first need, once.
/// Build it once per command and ask it everything.
///
/// A person.yaml that cannot be read leaves its person known by folder
/// and notes only: a name found among the others goes on, with a warning
/// about the file (once); a name found nowhere is an error naming it, as
/// its aliases may be what was meant.
pub struct People<'a> {
    notebook: &'a Notebook,
    /// The person folders, sorted, each with its name folded as a slug
    /// where that is not the name itself (most are folded already: at
    /// 3,000 people, no copy of each name for every command). Read on
    /// first need when `named_otherwise` is known.
    folders: Option<Vec<(String, Option<String>)>>,
    /// The person folders whose names are not slugs already, when the
    /// notebook keeps their list ([`Notebook::person_slugs_named_otherwise`]):
    /// a typed name is then found by its folder without reading every name.
    named_otherwise: Option<Vec<String>>,
    /// The names and aliases, once read.
    entries: Option<Vec<Entry>>,
    /// The person.yaml files that could not be read, in folder order.
    broken: Vec<Error>,
    /// Whether `broken` is known: the names were read, or the profiles
    /// checked.
    checked: bool,
    /// Whether `broken` has been reported.
    warned: bool,
}

/// One person, as names are matched against them.
struct Entry {
    slug: String,
    /// The folder's name folded as a slug (`Alice/`: `alice`).
    slug_key: String,
    /// The name to show.
    name: String,
    /// The name folded as a slug.
    name_key: String,
    name_words: Vec<String>,
    slug_words: Vec<String>,
    /// The aliases folded as slugs.
    aliases: Vec<String>,
}

impl Entry {
    /// Reads what names the person of `slug`: person.yaml's name and
    /// aliases, else the newest note's `person:`. A person.yaml that
    /// cannot be read is given back beside what the notes say.
    fn read(notebook: &Notebook, slug: &str, slug_key: &str) -> (Entry, Option<Error>) {
        let folder = Path::new(slug);
        let (profile, broken) = match Profile::load(&notebook.path(folder), &notebook.show(folder))
        {
            Ok(profile) => (profile, None),
            Err(e) => (Profile::default(), Some(e)),
        };
        let name = profile
            .name
            .or_else(|| latest_name(notebook, slug))
            .unwrap_or_else(|| slug.to_string());
        let entry = Entry {
            slug: slug.to_string(),
            slug_key: slug_key.to_string(),
            name_key: key(&name),
            name_words: words(&name),
            slug_words: words(slug),
            aliases: profile.aliases.iter().map(|a| key(a)).collect(),
            name,
        };
        (entry, broken)
    }
}

/// The rule a name was matched by, from the first tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rule {
    /// The person's folder.
    Folder,
    /// Their display name.
    Name,
    /// One of their aliases.
    Alias,
    /// The start of each word of their name or folder.
    Prefix,
}

/// Person folders, each with its name folded where that differs.
fn keyed_folders(folders: Vec<String>) -> Vec<(String, Option<String>)> {
    folders
        .into_iter()
        .map(|f| {
            let k = key(&f);
            let k = (k != f).then_some(k);
            (f, k)
        })
        .collect()
}

/// Whether a person fits a rule.
type Fits<'f> = &'f dyn Fn(&Entry) -> bool;

/// Who a name fits, by the first rule anyone fits.
enum Fit {
    /// Nobody.
    Nobody,
    /// One person: their folder, name, and the rule.
    One(String, String, Rule),
    /// Several people, shown ("Alex Kim (alex-kim/)").
    Several(Vec<String>),
}

/// Who a name means by its folder, display name or alias only
/// ([`People::exactly`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Named {
    /// Nobody.
    Nobody,
    /// One person, and the rule that found them.
    One(Person, Rule),
    /// Several people, shown ("Alex Kim (alex-kim/)").
    Several(Vec<String>),
}

impl<'a> People<'a> {
    /// The notebook's person folders.
    ///
    /// # Errors
    /// The notebook folder cannot be read.
    pub fn new(notebook: &'a Notebook) -> Result<Self> {
        let named_otherwise = notebook.person_slugs_named_otherwise();
        let folders = match named_otherwise {
            Some(_) => None,
            None => Some(keyed_folders(notebook.person_slugs()?)),
        };
        Ok(People {
            notebook,
            folders,
            named_otherwise,
            entries: None,
            broken: Vec::new(),
            checked: false,
            warned: false,
        })
    }

    /// The person folders ([`People::folders`]), read now if they were
    /// not (the kept list they come from was there a moment ago: a
    /// notebook folder that cannot be read now has none).
    fn folders(&mut self) -> &[(String, Option<String>)] {
        let notebook = self.notebook;
        self.folders
            .get_or_insert_with(|| keyed_folders(notebook.person_slugs().unwrap_or_default()))
    }

    /// True once the names and aliases have been read.
    fn has_names(&self) -> bool {
        self.entries.is_some()
    }

    /// The names and aliases, read the first time they are needed.
    fn entries(&mut self) -> &[Entry] {
        if self.entries.is_none() {
            // A person.yaml and a note or two per person: on every core (a
            // few hundred people take a few milliseconds each way).
            let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
            let notebook = self.notebook;
            let folders = self.folders();
            let chunk = folders.len().div_ceil(threads).max(1);
            let parts: Vec<Vec<(Entry, Option<Error>)>> = std::thread::scope(|s| {
                let handles: Vec<_> = folders
                    .chunks(chunk)
                    .map(|folders| {
                        s.spawn(move || {
                            folders
                                .iter()
                                .map(|(slug, slug_key)| {
                                    Entry::read(notebook, slug, slug_key.as_deref().unwrap_or(slug))
                                })
                                .collect()
                        })
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                    .collect()
            });
            let mut entries = Vec::with_capacity(parts.iter().map(Vec::len).sum());
            let mut broken = Vec::new();
            for (entry, error) in parts.into_iter().flatten() {
                entries.push(entry);
                broken.extend(error);
            }
            // The same files as a check of the profiles finds.
            self.broken = broken;
            self.checked = true;
            self.entries = Some(entries);
        }
        self.entries.as_deref().unwrap_or_default()
    }

    /// Reads every person.yaml, unless the names were read already, and
    /// warns about those that cannot be read (once a run): for reports
    /// that need no name but must not be silent about a broken file.
    pub fn check_profiles(&mut self, warn: &mut dyn FnMut(Error)) {
        if !self.checked {
            let notebook = self.notebook;
            self.broken = self
                .folders()
                .iter()
                .filter_map(|(slug, _)| {
                    let folder = Path::new(slug);
                    Profile::load(&notebook.path(folder), &notebook.show(folder)).err()
                })
                .collect();
            self.checked = true;
        }
        self.report(warn);
    }

    /// Warns about each person.yaml that cannot be read, once, when they
    /// are known.
    fn report(&mut self, warn: &mut dyn FnMut(Error)) {
        if self.checked && !self.warned {
            self.warned = true;
            for e in &self.broken {
                warn(aliases_unused(e));
            }
        }
    }

    /// The error for a name that fits nobody while a person.yaml cannot be
    /// read: it may hold the name.
    fn broken_error(&mut self, typed: &str) -> Error {
        self.warned = true;
        let (files, them) = match &self.broken[..] {
            [one] => (
                format!("{} cannot be read, and its aliases", one.path().display()),
                "it",
            ),
            _ => (
                "these person.yaml files cannot be read, and their aliases".to_string(),
                "them",
            ),
        };
        let mut message = format!(
            "no person matches {typed:?}, but {files} may name them; fix {them}, then run the command again:"
        );
        for e in &self.broken {
            message.push_str("\n  ");
            message.push_str(&with_causes(e));
        }
        Error::Usage(message)
    }

    /// The one folder named `slug` (or whose name folds to it).
    fn folder(&mut self, slug: &str) -> Option<String> {
        let mut named = self.folders_named(slug);
        match named.len() {
            1 => named.pop(),
            _ => None,
        }
    }

    /// The folders named `slug`, or whose name folds to it. While only the
    /// folders named otherwise than as slugs are known, and none of them
    /// is named `slug` or folds to it, the one folder that can be is
    /// `slug` itself: looked for, not listed.
    fn folders_named(&mut self, slug: &str) -> Vec<String> {
        if self.folders.is_none()
            && let Some(otherwise) = &self.named_otherwise
            && !otherwise.iter().any(|f| f == slug || key(f) == slug)
        {
            return if self.notebook.is_person_folder(slug) {
                vec![slug.to_string()]
            } else {
                Vec::new()
            };
        }
        self.folders()
            .iter()
            .filter(|(f, k)| f == slug || k.as_deref() == Some(slug))
            .map(|(f, _)| f.clone())
            .collect()
    }

    /// Who `slug` (a typed name folded) and its `words` fit, by the first
    /// rule anyone fits: the folder, else (reading the names) the display
    /// name, an alias, the start of each word; the rules up to `upto`.
    fn fit(&mut self, slug: &str, words: &[String], upto: Rule) -> Fit {
        // The folder first, before reading any person.yaml.
        if let Some(folder) = self.folder(slug) {
            let name = self
                .entries
                .as_ref()
                .and_then(|entries| entries.iter().find(|e| e.slug == folder))
                .map(|e| e.name.clone());
            return Fit::One(folder.clone(), name.unwrap_or(folder), Rule::Folder);
        }
        let entries = self.entries();
        let rules: [(Rule, Fits<'_>); 3] = [
            (Rule::Name, &|e| e.slug_key == slug || e.name_key == slug),
            (Rule::Alias, &|e| e.aliases.iter().any(|a| a == slug)),
            (Rule::Prefix, &|e| {
                starts_each(words, &e.name_words) || starts_each(words, &e.slug_words)
            }),
        ];
        for (rule, fits) in rules.iter().filter(|(rule, _)| *rule <= upto) {
            let found: Vec<&Entry> = entries.iter().filter(|e| fits(e)).collect();
            match found[..] {
                [] => {}
                [one] => return Fit::One(one.slug.clone(), one.name.clone(), *rule),
                _ => {
                    return Fit::Several(found.iter().map(|e| shown(&e.name, &e.slug)).collect());
                }
            }
        }
        Fit::Nobody
    }

    /// The people whose name is near `words` (see the module's rules),
    /// shown.
    fn near(&mut self, words: &[String]) -> Vec<String> {
        self.entries()
            .iter()
            .filter(|e| {
                [&e.name_words, &e.slug_words]
                    .iter()
                    .any(|name| nearly_each(words, name) || nearly_each(name, words))
                    || nearly_any(words, &e.name_words, &e.slug_words)
            })
            .map(|e| shown(&e.name, &e.slug))
            .collect()
    }

    /// Resolves what the user typed to a person (see the module's rules),
    /// with the name to show; a name that fits nobody is a new person as
    /// `wanted` allows, with the name as typed. A person.yaml that cannot
    /// be read goes to `warn` (once) when the name is found without it.
    ///
    /// # Errors
    /// The name cannot be a slug; it fits several people; it fits nobody
    /// and `wanted` is [`Wanted::Existing`], or [`Wanted::MayBeNew`] and it
    /// is near someone; it is someone's folder and `wanted` is
    /// [`Wanted::New`]; or it fits nobody, is near nobody and a
    /// person.yaml cannot be read.
    pub fn resolve(
        &mut self,
        typed: &str,
        wanted: Wanted,
        warn: &mut dyn FnMut(Error),
    ) -> Result<Person> {
        let found = self.find(typed, wanted);
        self.report(warn);
        let mut person = found?;
        if person.exists
            && !self.has_names()
            && let Some(name) = display_name(self.notebook, &person.slug)
        {
            person.name = name;
        }
        Ok(person)
    }

    /// [`People::resolve`] for a person who must exist, with their meeting
    /// notes, each read once: the name comes from those rather than from
    /// reading the latest notes again.
    ///
    /// # Errors
    /// As [`People::resolve`] for [`Wanted::Existing`].
    pub fn resolve_with_notes(
        &mut self,
        typed: &str,
        warn: &mut dyn FnMut(Error),
    ) -> Result<(Person, PersonNotes)> {
        let found = self.find(typed, Wanted::Existing);
        self.report(warn);
        let mut person = found?;
        let notes = PersonNotes::load(self.notebook, &person.slug);
        if !self.has_names()
            && let Some(name) =
                profile_name(self.notebook, &person.slug).or_else(|| name_in_notes(&notes))
        {
            person.name = name;
        }
        Ok((person, notes))
    }

    /// Who `typed` means by a folder, a display name or an alias only (no
    /// word prefix, no suggestion): for a new name that must not be
    /// someone else's.
    ///
    /// # Errors
    /// The name cannot be a slug.
    pub fn exactly(&mut self, typed: &str, warn: &mut dyn FnMut(Error)) -> Result<Named> {
        let (trimmed, slug) = folded(typed)?;
        let fit = self.fit(&slug, &words(trimmed), Rule::Alias);
        self.report(warn);
        Ok(match fit {
            Fit::Nobody => Named::Nobody,
            Fit::Several(people) => Named::Several(people),
            Fit::One(slug, name, rule) => {
                let name = if self.has_names() {
                    name
                } else {
                    display_name(self.notebook, &slug).unwrap_or(name)
                };
                Named::One(
                    Person {
                        slug,
                        name,
                        exists: true,
                        by_prefix: rule >= Rule::Alias,
                        took_over: None,
                    },
                    rule,
                )
            }
        })
    }

    /// Resolves what the user typed to a person's folder (see the module's
    /// rules); a name that fits nobody is a new person as `wanted` allows.
    /// The name is the one read, if the names were read, else as typed;
    /// errors as [`People::resolve`] says.
    fn find(&mut self, typed: &str, wanted: Wanted) -> Result<Person> {
        let (trimmed, slug) = folded(typed)?;
        let words = words(trimmed);
        if wanted == Wanted::New {
            return self.new_person(typed, trimmed, slug, &words);
        }
        match self.fit(&slug, &words, Rule::Prefix) {
            Fit::One(slug, name, rule) => Ok(Person {
                slug,
                name,
                exists: true,
                by_prefix: rule >= Rule::Alias,
                took_over: None,
            }),
            Fit::Several(candidates) => Err(Error::AmbiguousPerson {
                name: typed.to_string(),
                candidates,
            }),
            Fit::Nobody => {
                let near = self.near(&words);
                if near.is_empty() && !self.broken.is_empty() {
                    return Err(self.broken_error(typed));
                }
                if wanted == Wanted::Existing || !near.is_empty() {
                    return Err(Error::UnknownPerson {
                        name: typed.to_string(),
                        known: self.folders().iter().map(|(f, _)| f.clone()).collect(),
                        near,
                        may_be_new: wanted != Wanted::Existing,
                        retry: None,
                    });
                }
                Ok(Person {
                    slug,
                    name: trimmed.to_string(),
                    exists: false,
                    by_prefix: false,
                    took_over: None,
                })
            }
        }
    }

    /// The new person `--new-person` asks for: refused when the name is
    /// someone's folder; when it meant someone else until now, said so.
    fn new_person(
        &mut self,
        typed: &str,
        trimmed: &str,
        slug: String,
        words: &[String],
    ) -> Result<Person> {
        let folders: Vec<String> = self.folders_named(&slug);
        if !folders.is_empty() {
            let people: Vec<String> = folders
                .iter()
                .map(|found| {
                    let name = self
                        .entries
                        .as_ref()
                        .and_then(|entries| entries.iter().find(|e| e.slug == *found))
                        .map(|e| e.name.clone())
                        .or_else(|| display_name(self.notebook, found))
                        .unwrap_or_else(|| found.clone());
                    shown(&name, found)
                })
                .collect();
            return Err(Error::Usage(format!(
                "{typed:?} is already a person: {}; leave out --new-person to use their folder",
                people.join(", ")
            )));
        }
        let meant = match self.fit(&slug, words, Rule::Prefix) {
            Fit::Nobody => Vec::new(),
            Fit::One(folder, name, _) => vec![shown(&name, &folder)],
            Fit::Several(people) => people,
        };
        let took_over = (!meant.is_empty()).then(|| {
            format!(
                "note: {typed:?} meant {} until now; from now on it means the new {} — @{slug} mentions included",
                meant.join(" or "),
                shown(trimmed, &slug)
            )
        });
        Ok(Person {
            slug,
            name: trimmed.to_string(),
            exists: false,
            by_prefix: false,
            took_over: took_over.map(|t| crate::output::sanitize(&t).into_owned()),
        })
    }

    /// The folder of the one person an `@mention` names, by the same
    /// rules as a typed name, without suggestions; `None` for nobody or
    /// several (someone outside the notebook, or a mention to make
    /// clearer). A person.yaml that cannot be read goes to `warn` (once),
    /// and its aliases are not matched.
    pub fn owner(&mut self, mention: &str, warn: &mut dyn FnMut(Error)) -> Option<String> {
        let slug = slugify(mention).ok()?;
        let fit = self.fit(&slug, &words(mention), Rule::Prefix);
        self.report(warn);
        match fit {
            Fit::One(slug, _, _) => Some(slug),
            _ => None,
        }
    }
}

/// What the user typed, trimmed (a trailing `/` too, as shell completion
/// adds one to a folder), and folded as a slug.
///
/// # Errors
/// The name cannot be a slug.
fn folded(typed: &str) -> Result<(&str, String)> {
    let trimmed = typed.trim();
    let trimmed = trimmed.strip_suffix('/').unwrap_or(trimmed).trim_end();
    Ok((trimmed, slugify(trimmed)?))
}

/// The warning for a person.yaml that cannot be read: what is wrong, and
/// that its aliases do not count meanwhile.
fn aliases_unused(e: &Error) -> Error {
    const UNUSED: &str = "its aliases are not used until it is fixed";
    match e {
        Error::Yaml {
            path,
            location,
            message,
        } => Error::Yaml {
            path: path.clone(),
            location: *location,
            message: format!("{message}; {UNUSED}"),
        },
        Error::Invalid {
            path,
            line,
            message,
        } => Error::Invalid {
            path: path.clone(),
            line: *line,
            message: format!("{message}; {UNUSED}"),
        },
        other => {
            let path = other.path().to_path_buf();
            let text = with_causes(other);
            let what = text
                .strip_prefix(&format!("{}: ", path.display()))
                .unwrap_or(&text);
            Error::Invalid {
                message: format!("{what}; {UNUSED}"),
                path,
                line: None,
            }
        }
    }
}

/// An error's message and its causes, on one line.
fn with_causes(e: &Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// True when each of `given` starts the matching word of `name`
/// (`alex k` and Alex Kim; `mary ann` and Mary Ann Walsh).
#[must_use]
pub fn starts_each(given: &[String], name: &[String]) -> bool {
    !given.is_empty()
        && given.len() <= name.len()
        && given
            .iter()
            .zip(name)
            .all(|(g, w)| w.starts_with(g.as_str()))
}

/// True when each of `given` starts the matching word of `name` or is
/// [`near`] it.
fn nearly_each(given: &[String], name: &[String]) -> bool {
    !given.is_empty()
        && given.len() <= name.len()
        && given
            .iter()
            .zip(name)
            .all(|(g, w)| w.starts_with(g.as_str()) || near(g, w))
}

/// True when each of `given` is [`near`] (or the same as) some word of
/// `name` or `slug`, in any order (`walsh`, `Walsh Mary Ann` and `Mary
/// Walsh` for Mary Ann Walsh); a one-letter word only starts the word in
/// its own place, as in [`nearly_each`], or it would be near everyone.
fn nearly_any(given: &[String], name: &[String], slug: &[String]) -> bool {
    !given.is_empty()
        && given.iter().enumerate().all(|(i, g)| {
            if g.len() == 1 {
                [name, slug]
                    .iter()
                    .any(|words| words.get(i).is_some_and(|w| w.starts_with(g.as_str())))
            } else {
                name.iter().chain(slug).any(|w| near(g, w))
            }
        })
}

/// Two words a slip of the keyboard apart: at most two edits (an added,
/// left out, changed or swapped letter), one when either word has four
/// letters or fewer (`bo` is not near `al`), and never the whole of the
/// shorter word (`a` is not near `b`).
fn near(a: &str, b: &str) -> bool {
    let shorter = a.len().min(b.len());
    let most = if shorter <= 4 { 1 } else { 2 };
    let distance = strsim::osa_distance(a, b);
    distance <= most && distance < shorter
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
    latest_name_in(notebook, &notebook.meetings(slug))
}

/// [`latest_name`] given the folder's meetings as [`Notebook::meetings`]
/// lists them.
#[must_use]
pub fn latest_name_in(
    notebook: &Notebook,
    meetings: &[crate::notebook::Meeting],
) -> Option<String> {
    meetings.iter().rev().find_map(|m| {
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

    fn w(name: &str) -> Vec<String> {
        words(name)
    }

    #[test]
    fn names_fold_to_words_as_slugs_do() {
        assert_eq!(w("Chloé  Dubois"), ["chloe", "dubois"]);
        assert_eq!(w("mary-ann/"), ["mary", "ann"]);
        assert_eq!(key("O'Brien, Zoë"), "o-brien-zoe");
        assert!(w("—").is_empty());
    }

    #[test]
    fn a_name_folded_already_keys_as_its_words_would() {
        for name in [
            "", "-", "a", "alice", "mary-ann", "bob2", "2024-q1", "a--b", "-a", "a-", "Alice",
            "mary_ann", "mary ann", "chloé", "ab1-2c-d", "A-b",
        ] {
            assert_eq!(key(name), words(name).join("-"), "{name:?}");
        }
    }

    #[test]
    fn each_word_starts_the_matching_one() {
        assert!(starts_each(&w("alex k"), &w("Alex Kim")));
        assert!(starts_each(&w("mary ann"), &w("Mary Ann Walsh")));
        assert!(!starts_each(&w("alex kim jones"), &w("Alex Kim")));
        assert!(!starts_each(&w("kim"), &w("Alex Kim")));
        assert!(!starts_each(&[], &w("Alex Kim")));
    }

    #[test]
    fn near_is_a_slip_not_another_name() {
        // A swapped pair is one edit.
        assert!(near("chole", "chloe"));
        assert!(near("dubos", "dubois"));
        assert!(near("marcsu", "marcus"));
        // Two edits in a long word, one in a short one.
        assert!(near("alexandre", "alexander"));
        assert!(near("alx", "alex"));
        assert!(!near("bo", "al"));
        assert!(!near("eve", "ava"));
        // Never the whole of a word.
        assert!(!near("a", "b"));
        assert!(nearly_each(&w("chole d"), &w("Chloé Dubois")));
        assert!(nearly_each(&w("Alex Kim"), &w("alex kim jones")));
        assert!(!nearly_each(&w("marc dupont"), &w("Marcus Lee")));
        // Each word near some word, in any order; one letter only in its
        // place.
        let (name, slug) = (w("Mary Ann Walsh"), w("mary-ann-walsh"));
        assert!(nearly_any(&w("walsh"), &name, &slug));
        assert!(nearly_any(&w("Walsh Mary Anne"), &name, &slug));
        assert!(nearly_any(&w("m walsh"), &name, &slug));
        assert!(!nearly_any(&w("a walsh"), &name, &slug));
        assert!(!nearly_any(&w("sam walsh"), &name, &slug));
        assert!(!nearly_any(&[], &name, &slug));
    }

    #[test]
    fn aliases_are_a_list_of_names() {
        let parse = |text: &str| {
            crate::config::parse_yaml_or_default::<Profile>(text, Path::new("p.yaml"))
                .map(|p| p.aliases)
                .map_err(|e| e.to_string())
        };
        assert_eq!(
            parse("aliases: [mary, 'M.A.']\n").unwrap(),
            ["mary", "M.A."]
        );
        assert_eq!(parse("aliases:\n").unwrap(), Vec::<String>::new());
        assert_eq!(parse("name: x\n").unwrap(), Vec::<String>::new());
        assert_eq!(
            parse("aliases: [ok, '!!']\n").unwrap_err(),
            "p.yaml:1:15: aliases[1]: an alias needs a letter or a digit"
        );
        assert_eq!(
            parse("aliases: {a: b}\n").unwrap_err(),
            "p.yaml:1:10: aliases: invalid type: map, expected a list of names"
        );
    }

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
                cadence_days: Some(7),
                aliases: Vec::new(),
                shared: None,
                away: Vec::new(),
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
        assert_eq!(
            err.to_string(),
            "p.yaml:1:15: cadence_days: not a number of days; write a whole number from 1 to 3650"
        );
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn off(from: &str, to: &str) -> Absence {
        Absence {
            from: day(from),
            to: day(to),
            why: None,
        }
    }

    #[test]
    fn days_away_push_the_due_date_and_overlaps_count_once() {
        let last = day("2026-11-10");
        let today = day("2026-11-12");
        // No time off: the cadence.
        assert_eq!(next_due(last, 14, &[], today), Some(day("2026-11-24")));
        // Before the last 1:1 or after the due date: nothing moves.
        let early = [
            off("2026-10-01", "2026-11-10"),
            off("2026-11-25", "2026-11-30"),
        ];
        assert_eq!(next_due(last, 14, &early, today), Some(day("2026-11-24")));
        // Overlapping and touching periods: 11-20 to 12-05, 16 days.
        let away = [
            off("2026-11-20", "2026-11-30"),
            off("2026-11-25", "2026-12-01"),
            off("2026-12-02", "2026-12-05"),
        ];
        assert_eq!(next_due(last, 14, &away, today), Some(day("2026-12-10")));
        assert_eq!(days_away(&away, last, day("2026-12-31")), 16);
        assert_eq!(
            away_until(&away, day("2026-11-26")),
            Some(day("2026-12-05"))
        );
        assert_eq!(away_until(&away, day("2026-12-06")), None);
        // A push that reaches the next period is pushed by it too.
        let two = [
            off("2026-11-20", "2026-11-29"),
            off("2026-12-01", "2026-12-03"),
        ];
        assert_eq!(next_due(last, 14, &two, today), Some(day("2026-12-07")));
        // Away after the due date passed: the days away from then on do
        // not count as overdue, and the date never moves back as days
        // pass (it was 2026-11-24; away from the 26th to the 30th).
        let later = [off("2026-11-26", "2026-11-30")];
        let due_on = |today: &str| next_due(last, 14, &later, day(today));
        assert_eq!(due_on("2026-11-25"), Some(day("2026-11-24")));
        for today in ["2026-11-26", "2026-11-28", "2026-12-01", "2026-12-20"] {
            assert_eq!(due_on(today), Some(day("2026-11-29")), "{today}");
        }
    }

    #[test]
    fn an_absence_is_added_to_the_list_as_written() {
        let add = |text: &str| {
            with_absence(text, Path::new("p.yaml"), &off("2026-12-01", "2026-12-02"))
                .map_err(|e| e.to_string())
        };
        assert_eq!(
            add("name: A\r\naway:\r\n- {from: 2026-01-01, to: 2026-01-01}").unwrap(),
            "name: A\r\naway:\r\n- {from: 2026-01-01, to: 2026-01-01}\r\n- {from: 2026-12-01, to: 2026-12-02}\r\n"
        );
        assert_eq!(
            add("away:  # time off\n\nrole: x\n").unwrap(),
            "away:  # time off\n  - {from: 2026-12-01, to: 2026-12-02}\n\nrole: x\n"
        );
        assert_eq!(
            add("").unwrap(),
            "away:\n  - {from: 2026-12-01, to: 2026-12-02}\n"
        );
        assert_eq!(
            add("name: A\naway: none\n").unwrap_err(),
            "p.yaml:2:7: away: invalid type: string (not shown), expected a sequence"
        );
        // A list over several lines is left to the hand.
        assert_eq!(
            add("away: [\n  {from: 2026-01-01, to: 2026-01-01}]\n").unwrap_err(),
            "p.yaml:1: cannot add to `away:` (write it as a list of {from: ..., to: ...}); edit the file by hand"
        );
    }
}
