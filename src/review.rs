//! A person's 1:1s over a period in one document, for a performance review
//! or a promotion packet: the meetings held against the cadence, the
//! themes, what was said under Lift meeting by meeting, the follow-ups
//! completed, still open and stuck, the check-in trend by month and the
//! latest zone-of-genius map. [`gather`] reads the person's notes once
//! (their folder only: the time does not grow with the notebook); the
//! [`markdown`] and [`html`] modules write the document.
//!
//! Shared (`--shared`), every private range of every note
//! ([`crate::share::private_ranges`]) is left out of everything: what was
//! said, the follow-ups, the recurring words and the maps; so are the
//! tags (the manager's labels: the shared copy's frontmatter has none)
//! and the check-ins unless the notebook shares them.

pub mod html;
pub mod markdown;

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, NaiveDate};

use crate::checkin::{self, CheckIn, Field};
use crate::error::Error;
use crate::note::Note;
use crate::notebook::{Notebook, PersonNotes, slash_path};
use crate::person::{Absence, People};
use crate::said::{Said, TemplateText};
use crate::share::{Sharing, touches};
use crate::zones::{Map, Move};

/// How many times a follow-up is carried before it counts as stuck.
pub const STUCK_AFTER: usize = crate::patterns::STUCK_AFTER;

/// How many of the gaps over the cadence are listed (most over first).
const GAPS_SHOWN: usize = 3;

/// How many recurring words are listed.
const WORDS_SHOWN: usize = 10;

/// A word recurs when it is said in this many meetings or more.
const WORD_MEETINGS: usize = 3;

/// The section whose words are given meeting by meeting.
pub const LIFT: &str = "Lift";

/// Words too common to be a theme (folded: lowercase, no accents).
const STOP_WORDS: &[&str] = &[
    "about", "after", "again", "all", "also", "and", "any", "are", "because", "been", "before",
    "but", "can", "could", "did", "does", "doing", "done", "for", "from", "get", "got", "had",
    "has", "have", "her", "him", "his", "how", "into", "its", "just", "like", "more", "most",
    "much", "need", "needs", "next", "not", "now", "off", "one", "only", "other", "our", "out",
    "over", "said", "she", "should", "some", "still", "than", "that", "the", "their", "them",
    "then", "there", "these", "they", "this", "those", "too", "two", "very", "want", "wants",
    "was", "way", "week", "were", "what", "when", "where", "which", "who", "why", "will", "with",
    "would", "yes", "yet", "you", "your",
];

/// [`STOP_WORDS`], to look words up in.
fn stop_words() -> &'static HashSet<&'static str> {
    static SET: std::sync::OnceLock<HashSet<&'static str>> = std::sync::OnceLock::new();
    SET.get_or_init(|| STOP_WORDS.iter().copied().collect())
}

/// What `review` was asked for.
#[derive(Debug, Clone)]
pub struct Ask {
    /// The first day of the period.
    pub since: NaiveDate,
    /// The last day of the period.
    pub until: NaiveDate,
    /// Today: a note dated after it is a 1:1 to come, not one held.
    pub today: NaiveDate,
    /// Leave out everything private.
    pub shared: bool,
    /// Who was there: the person's name, folder and aliases, the
    /// manager's name. Their words are not themes.
    pub names: Vec<String>,
}

/// The document's content, every text as written in the notes (the
/// writers escape and sanitize it).
#[derive(Debug, Clone)]
pub struct Review {
    /// The person's name.
    pub name: String,
    /// The period's first day.
    pub since: NaiveDate,
    /// Its last day.
    pub until: NaiveDate,
    /// Whether private text was left out.
    pub shared: bool,
    /// The 1:1s held against the cadence.
    pub meetings: Meetings,
    /// Tags by the number of notes that carry them, most first (none
    /// when shared).
    pub tags: Vec<(String, usize)>,
    /// Words said in [`WORD_MEETINGS`] meetings or more, with how many,
    /// most first (at most [`WORDS_SHOWN`]).
    pub words: Vec<(String, usize)>,
    /// What was said under [`LIFT`], meeting by meeting (those with
    /// something said), oldest first.
    pub lift: Vec<Spoken>,
    /// Follow-ups ticked in the period's notes, by owner.
    pub done: Done,
    /// Follow-ups still open at the period's end.
    pub open: Vec<Item>,
    /// Of those, the ones carried [`STUCK_AFTER`] times or more by the
    /// period's end, with how many times.
    pub stuck: Vec<(Item, usize)>,
    /// The period's check-ins, oldest first; `None` when left out.
    pub checkins: Option<Vec<CheckIn>>,
    /// Check-in averages by month.
    pub months: Vec<Month>,
    /// The latest zone-of-genius map of the period, if any.
    pub zones: Option<Zones>,
}

/// Meetings held against the cadence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meetings {
    /// 1:1 notes dated in the period, up to today.
    pub held: usize,
    /// The period's days not away, divided by the cadence.
    pub expected: i64,
    /// Days between 1:1s.
    pub cadence_days: u32,
    /// Days away in the period.
    pub days_away: i64,
    /// The gaps between two 1:1s of the period that went over the
    /// cadence, most over first.
    pub gaps: Vec<Gap>,
}

/// The time between two 1:1s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    /// The earlier 1:1.
    pub from: NaiveDate,
    /// The later one.
    pub to: NaiveDate,
    /// Days between them.
    pub days: i64,
    /// Of those, days away.
    pub away: i64,
    /// Days beyond the cadence, days away left out.
    pub over: i64,
}

/// What was said in one meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spoken {
    /// The meeting date.
    pub date: NaiveDate,
    /// The note, relative to the notebook, with `/`.
    pub path: String,
    /// The lines, as written; an empty one where blank or left-out
    /// lines were between two (paragraphs stay apart).
    pub lines: Vec<Line>,
}

/// A line said under [`LIFT`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// As written.
    pub text: String,
    /// What the Markdown makes of it.
    pub shape: Shape,
}

/// What a said line is, as pulldown-cmark reads its note: the writers
/// show a heading a person wrote under a date heading of their own, and
/// a list item's marker as a bullet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    /// Any other line.
    Plain,
    /// An ATX heading (`### Private`): its text, without the `#`s.
    Heading(String),
    /// The first line of a bullet list item (`-`, `*` or `+`): the byte
    /// of the marker in the line.
    Bullet(usize),
}

/// Where a note's ATX headings and bullet list items start (byte offsets
/// in the whole file), read by pulldown-cmark.
fn shapes(note: &Note<'_>) -> (HashSet<usize>, HashSet<usize>) {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let base = note.body_start;
    let (mut headings, mut bullets) = (HashSet::new(), HashSet::new());
    // Whether each open list is a bullet list.
    let mut lists: Vec<bool> = Vec::new();
    for (event, range) in Parser::new_ext(
        note.body(),
        Options::ENABLE_TASKLISTS | Options::ENABLE_TABLES,
    )
    .into_offset_iter()
    {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                headings.insert(base + range.start);
            }
            Event::Start(Tag::List(first)) => lists.push(first.is_none()),
            Event::End(pulldown_cmark::TagEnd::List(_)) => {
                lists.pop();
            }
            Event::Start(Tag::Item) if lists.last() == Some(&true) => {
                bullets.insert(base + range.start);
            }
            _ => {}
        }
    }
    (headings, bullets)
}

/// The [`Shape`] of a said line starting at `start`, given [`shapes`].
fn shape(
    text: &str,
    start: usize,
    (headings, bullets): &(HashSet<usize>, HashSet<usize>),
) -> Shape {
    let indent = text.len() - text.trim_start().len();
    let at = start + indent;
    let rest = &text[indent..];
    if headings.contains(&at) && rest.starts_with('#') {
        let title = rest.trim_start_matches('#').trim();
        // An optional closing run of `#`s after a blank.
        let title = match title.trim_end_matches('#') {
            t if t.is_empty() || t.ends_with([' ', '\t']) => t.trim_end(),
            _ => title,
        };
        return Shape::Heading(title.to_string());
    }
    if bullets.contains(&at) && rest.starts_with(['-', '*', '+']) {
        return Shape::Bullet(indent);
    }
    Shape::Plain
}

/// A follow-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The date of the note holding it.
    pub date: NaiveDate,
    /// Its text, as written.
    pub text: String,
}

impl Item {
    /// Its text without the `(from DATE)` carry-over wrote, and the date
    /// it first came up: that one, else its note's.
    #[must_use]
    pub fn shown(&self) -> (String, NaiveDate) {
        match crate::carry::origin(&self.text) {
            Some(from) => {
                let text = self.text.replacen(&format!(" (from {from})"), "", 1);
                let text = text.replacen(&format!("(from {from})"), "", 1);
                (text.trim().to_string(), from)
            }
            None => (self.text.clone(), self.date),
        }
    }
}

/// Follow-ups completed, by who owned them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Done {
    /// The person's own (`@` them): their wins.
    pub theirs: Vec<Item>,
    /// The manager's (`@me`, or nobody named).
    pub yours: Vec<Item>,
    /// Someone else's.
    pub others: Vec<Item>,
}

/// Check-in averages in a month.
#[derive(Debug, Clone, PartialEq)]
pub struct Month {
    /// `2026-09`.
    pub name: String,
    /// How many check-ins.
    pub count: usize,
    /// Average energy.
    pub energy: Option<f64>,
    /// Average challenge.
    pub challenge: Option<f64>,
    /// Average skill.
    pub skill: Option<f64>,
    /// The flow zone of the rounded averages ([`checkin::Zone::of`]).
    pub zone: Option<checkin::Zone>,
}

/// The latest map of the period and what moved since the one before.
#[derive(Debug, Clone)]
pub struct Zones {
    /// The latest map in the period.
    pub latest: Map,
    /// The map before it (of the period or not), if any.
    pub previous: Option<Map>,
    /// What moved from `previous` to `latest`.
    pub moves: Vec<Move>,
}

/// One note as [`gather`] reads it.
struct Read<'t> {
    date: NaiveDate,
    rel: String,
    note: Note<'t>,
    /// What is left out: the private ranges when shared, else nothing.
    hidden: Vec<std::ops::Range<usize>>,
    tags: Vec<String>,
}

/// Reads the person's notes (`notes`, loaded once) into the review.
/// Unreadable notes, bad check-in values and bad map rows go to `warn`.
#[allow(clippy::too_many_arguments)]
pub fn gather(
    notebook: &Notebook,
    people: &mut People<'_>,
    (name, slug): (&str, &str),
    notes: &mut PersonNotes,
    (cadence_days, away): (u32, &[Absence]),
    (template, questions, rules): (&TemplateText, &HashSet<String>, &Sharing),
    ask: &Ask,
    warn: &mut dyn FnMut(Error),
) -> Review {
    for loaded in notes.notes_mut() {
        loaded.reported(warn);
    }
    let end = ask.until;
    let held_end = ask.until.min(ask.today);
    let mut read: Vec<Read<'_>> = Vec::new();
    for loaded in notes.notes() {
        let Some(text) = loaded.text() else { continue };
        if loaded.meeting.date > end {
            continue;
        }
        let note = Note::split(text);
        let shown = notebook.show(&loaded.meeting.rel);
        // The inline tags are added from what was said ([`said`]).
        let tags = note.frontmatter_lenient(&shown).0.tags;
        // Before the period only a map is read (see [`zones`]).
        let hidden = if ask.shared && loaded.meeting.date >= ask.since {
            crate::share::private_ranges(&note, rules)
        } else {
            Vec::new()
        };
        read.push(Read {
            date: loaded.meeting.date,
            rel: slash_path(&loaded.meeting.rel),
            note,
            hidden,
            tags,
        });
    }
    let in_period = |r: &&Read<'_>| r.date >= ask.since;
    let period: Vec<&Read<'_>> = read.iter().filter(in_period).collect();

    let mut dates: Vec<NaiveDate> = period
        .iter()
        .map(|r| r.date)
        .filter(|d| *d <= held_end)
        .collect();
    dates.dedup();
    let meetings = meetings(&dates, cadence_days, away, ask);

    let names: HashSet<String> = ask.names.iter().flat_map(|n| words(n)).collect();
    let (lift, word_meetings, inline) = said(&period, template, (questions, &names));

    let tags = if ask.shared {
        Vec::new()
    } else {
        crate::patterns::tag_trends(period.iter().zip(inline).map(|(r, inline)| {
            let mut tags = r.tags.clone();
            tags.extend(inline);
            (tags, r.date)
        }))
        .into_iter()
        .map(|t| (t.tag, t.total))
        .collect()
    };

    let (done, open) = follow_ups(&period, people, slug, warn);
    let stuck = stuck(&read, &open);
    let checkins = (!ask.shared || rules.share_checkins).then(|| {
        period
            .iter()
            .filter_map(|r| {
                let values =
                    checkin::read(&r.note, &notebook.show(std::path::Path::new(&r.rel)), warn);
                (!values.is_empty()).then_some(CheckIn {
                    date: r.date,
                    values,
                })
            })
            .collect::<Vec<_>>()
    });
    let months = checkins.as_deref().map(months).unwrap_or_default();
    let zones = zones(notebook, &read, (ask, rules), warn);
    Review {
        name: name.to_string(),
        since: ask.since,
        until: ask.until,
        shared: ask.shared,
        meetings,
        tags,
        words: recurring(&word_meetings),
        lift,
        done,
        open,
        stuck,
        checkins,
        months,
        zones,
    }
}

/// What was said under [`LIFT`] in each meeting of the period (those
/// with something said), the words said in each meeting (any section,
/// the bank's questions and the `names` of who was there aside) and the
/// inline tags said in each.
fn said(
    period: &[&Read<'_>],
    template: &TemplateText,
    (questions, names): (&HashSet<String>, &HashSet<String>),
) -> (Vec<Spoken>, Vec<HashSet<String>>, Vec<Vec<String>>) {
    let mut lift = Vec::new();
    let mut word_meetings: Vec<HashSet<String>> = Vec::new();
    let mut tags: Vec<Vec<String>> = Vec::new();
    for r in period {
        let said: Vec<Said> = crate::said::said(r.note.text, Some(r.date), template)
            .into_iter()
            .filter(|l| !touches(&r.hidden, &(l.start..l.start + l.text.len().max(1))))
            .collect();
        tags.push(crate::said::tags_in(r.note.text, &said));
        word_meetings.push(
            said.iter()
                .filter(|l| !questions.contains(l.text.trim()))
                .flat_map(|l| words(&l.text))
                .filter(|w| !names.contains(w))
                .collect(),
        );
        let mut lines: Vec<Line> = Vec::new();
        // The end of the last line kept: a blank line between it and the
        // next keeps two paragraphs apart.
        let mut last_end: Option<usize> = None;
        let mut found = None;
        for l in said.into_iter().filter(|l| {
            l.section
                .as_deref()
                .is_some_and(|s| s.trim().eq_ignore_ascii_case(LIFT))
        }) {
            if let Some(end) = last_end
                && blank_between(r.note.text.get(end..l.start).unwrap_or(""))
            {
                lines.push(Line {
                    text: String::new(),
                    shape: Shape::Plain,
                });
            }
            last_end = Some(l.start + l.text.len());
            let found = found.get_or_insert_with(|| shapes(&r.note));
            lines.push(Line {
                shape: shape(&l.text, l.start, found),
                text: l.text,
            });
        }
        if !lines.is_empty() {
            lift.push(Spoken {
                date: r.date,
                path: r.rel.clone(),
                lines,
            });
        }
    }

    (lift, word_meetings, tags)
}

/// Whether the text from the end of one line to the start of another
/// holds a blank line.
fn blank_between(between: &str) -> bool {
    let parts: Vec<&str> = between.split('\n').collect();
    parts.len() > 2
        && parts[1..parts.len() - 1]
            .iter()
            .any(|p| p.trim().is_empty())
}

/// The meetings held (`dates`, sorted, no repeats) against the cadence.
fn meetings(dates: &[NaiveDate], cadence_days: u32, away: &[Absence], ask: &Ask) -> Meetings {
    let days = ask.until.signed_duration_since(ask.since).num_days() + 1;
    let before = ask.since.pred_opt().unwrap_or(ask.since);
    let days_away = crate::person::days_away(away, before, ask.until);
    let expected = (days - days_away).max(0) / i64::from(cadence_days.max(1));
    let mut gaps: Vec<Gap> = dates
        .windows(2)
        .map(|w| {
            let away = crate::person::days_away(away, w[0], w[1]);
            let days = w[1].signed_duration_since(w[0]).num_days();
            Gap {
                from: w[0],
                to: w[1],
                days,
                away,
                over: (days - away - i64::from(cadence_days)).max(0),
            }
        })
        .filter(|g| g.over > 0)
        .collect();
    gaps.sort_by(|a, b| b.over.cmp(&a.over).then(a.from.cmp(&b.from)));
    gaps.truncate(GAPS_SHOWN);
    Meetings {
        held: dates.len(),
        expected,
        cadence_days,
        days_away,
        gaps,
    }
}

/// The words of a line, folded (lowercase, accents off), for themes:
/// three letters or more, not only digits, not a stop word.
fn words(line: &str) -> impl Iterator<Item = String> + '_ {
    // An `@mention` names an owner, not a theme.
    line.split_whitespace()
        .filter(|w| !w.starts_with('@'))
        .flat_map(|w| w.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(|w| {
            if w.is_ascii() {
                w.to_ascii_lowercase()
            } else {
                deunicode::deunicode(w).to_lowercase()
            }
        })
        .filter(|w| {
            w.chars().count() >= 3
                && w.chars().all(|c| c.is_ascii_alphanumeric())
                && !w.chars().all(|c| c.is_ascii_digit())
                && !stop_words().contains(w.as_str())
        })
}

/// The words said in [`WORD_MEETINGS`] meetings or more, most first.
fn recurring(meetings: &[HashSet<String>]) -> Vec<(String, usize)> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for words in meetings {
        for w in words {
            *counts.entry(w).or_default() += 1;
        }
    }
    let mut found: Vec<(String, usize)> = counts
        .into_iter()
        .filter(|(_, n)| *n >= WORD_MEETINGS)
        .map(|(w, n)| (w.to_string(), n))
        .collect();
    found.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    found.truncate(WORDS_SHOWN);
    found
}

/// A follow-up as carry-over knows it from copy to copy: its words
/// ([`crate::followup::normalized`]) and the date it first came up (its
/// `(from DATE)`, else its note's), as `patterns` counts them.
fn carry_key(text: &str, date: NaiveDate) -> (String, NaiveDate) {
    (
        crate::followup::normalized(text),
        crate::carry::origin(text).unwrap_or(date),
    )
}

/// The follow-ups ticked in the period's notes, by owner, and those still
/// open at the period's end: an item (followed from copy to copy by its
/// [`carry_key`]) whose last copy in the period is open or carried on
/// (`[>]`: open then, carried to a later note since), each once, where it
/// was last written.
fn follow_ups(
    period: &[&Read<'_>],
    people: &mut People<'_>,
    slug: &str,
    warn: &mut dyn FnMut(Error),
) -> (Done, Vec<Item>) {
    let mut done = Done::default();
    // Every copy of the period, in note order: its key, the item, open.
    let mut copies: Vec<((String, NaiveDate), Item, bool)> = Vec::new();
    let mut owners: HashMap<String, Option<String>> = HashMap::new();
    for r in period {
        let carried = if r.note.text.contains("[>]") {
            crate::task::carried_items(&r.note)
        } else {
            Vec::new()
        };
        let mut tasks: Vec<(crate::task::Task, bool)> = crate::task::tasks(&r.note)
            .into_iter()
            .map(|t| (t, false))
            .chain(carried.into_iter().map(|t| (t, true)))
            .collect();
        tasks.sort_by_key(|(t, _)| t.checkbox);
        for (task, carried_on) in tasks {
            if touches(&r.hidden, &(task.checkbox..task.checkbox + 1)) || task.text.is_empty() {
                continue;
            }
            let item = Item {
                date: r.date,
                text: task.text.clone(),
            };
            let key = carry_key(&task.text, r.date);
            if carried_on || !task.checked {
                copies.push((key, item, true));
                continue;
            }
            copies.push((key, item.clone(), false));
            let (mention, _) = crate::followup::mention_and_due(&task.text);
            let owner = match mention {
                None => None,
                Some(m) if m.eq_ignore_ascii_case("me") => None,
                Some(m) => owners
                    .entry(m.to_string())
                    .or_insert_with(|| Some(people.owner(m, warn).unwrap_or_default()))
                    .clone(),
            };
            match owner {
                None => done.yours.push(item),
                Some(owner) if owner == slug => done.theirs.push(item),
                Some(_) => done.others.push(item),
            }
        }
    }
    // Each item once, as its last copy of the period left it.
    let mut seen = HashSet::new();
    let mut open: Vec<Item> = copies
        .into_iter()
        .rev()
        .filter(|(key, _, _)| seen.insert(key.clone()))
        .filter(|(_, _, open)| *open)
        .map(|(_, item, _)| item)
        .collect();
    open.reverse();
    (done, open)
}

/// The open items carried [`STUCK_AFTER`] times or more by the period's
/// end: the `[>]` marks of each one's copies in the notes before its
/// last copy of the period (that copy was open then, whatever it became
/// since), known by [`carry_key`].
fn stuck(read: &[Read<'_>], open: &[Item]) -> Vec<(Item, usize)> {
    let mut marks: HashMap<(String, NaiveDate), Vec<NaiveDate>> = HashMap::new();
    for r in read {
        if !r.note.text.contains("[>]") {
            continue;
        }
        for task in crate::task::carried_items(&r.note) {
            marks
                .entry(carry_key(&task.text, r.date))
                .or_default()
                .push(r.date);
        }
    }
    open.iter()
        .filter_map(|item| {
            let n = marks
                .get(&carry_key(&item.text, item.date))
                .map_or(0, |dates| dates.iter().filter(|d| **d < item.date).count());
            (n >= STUCK_AFTER).then(|| (item.clone(), n))
        })
        .collect()
}

/// Check-in averages by month, oldest first.
fn months(checkins: &[CheckIn]) -> Vec<Month> {
    let mut by_month: BTreeMap<String, Vec<&CheckIn>> = BTreeMap::new();
    for c in checkins {
        by_month
            .entry(format!("{}-{:02}", c.date.year(), c.date.month()))
            .or_default()
            .push(c);
    }
    by_month
        .into_iter()
        .map(|(name, list)| {
            let average = |field: Field| {
                let values: Vec<f64> = list
                    .iter()
                    .filter_map(|c| c.values.get(field))
                    .map(f64::from)
                    .collect();
                (!values.is_empty()).then(|| {
                    (values.iter().sum::<f64>() / values.len() as f64 * 100.0).round() / 100.0
                })
            };
            let (challenge, skill) = (average(Field::Challenge), average(Field::Skill));
            // Averages of values from 1 to 5: rounded, they fit in a u8.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let zone = challenge
                .zip(skill)
                .map(|(c, s)| checkin::Zone::of(c.round() as u8, s.round() as u8));
            Month {
                name,
                count: list.len(),
                energy: average(Field::Energy),
                challenge,
                skill,
                zone,
            }
        })
        .collect()
}

/// The latest map of the period and the one before it. Shared, a map
/// with a table in a private range is left out whole.
fn zones(
    notebook: &Notebook,
    read: &[Read<'_>],
    (ask, rules): (&Ask, &Sharing),
    warn: &mut dyn FnMut(Error),
) -> Option<Zones> {
    // The notes are in date order: from the newest back, the first map
    // must be of the period, and the one before it ends the search (the
    // older notes are not parsed).
    let mut maps: Vec<Map> = Vec::new();
    for r in read.iter().rev() {
        if maps.is_empty() && r.date < ask.since {
            return None;
        }
        // Only a note with a table row can hold a map: no parse.
        if !r.note.text.contains('|') {
            continue;
        }
        let shown = notebook.show(std::path::Path::new(&r.rel));
        let found = crate::zones::read(&r.note, &shown, warn);
        if found.activities.is_empty() {
            continue;
        }
        if ask.shared {
            let hidden = if r.date >= ask.since {
                r.hidden.clone()
            } else {
                crate::share::private_ranges(&r.note, rules)
            };
            if found.tables.iter().any(|t| touches(&hidden, t)) {
                continue;
            }
        }
        maps.push(Map {
            date: r.date,
            path: shown,
            activities: found.activities,
            tables: found.tables,
        });
        if maps.len() == 2 {
            break;
        }
    }
    let mut maps = maps.into_iter();
    let latest = maps.next()?;
    let previous = maps.next();
    let moves = previous
        .as_ref()
        .map(|p| crate::zones::moves(&p.activities, &latest.activities))
        .unwrap_or_default();
    Some(Zones {
        latest,
        previous,
        moves,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_and_folded() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(
            STOP_WORDS
                .iter()
                .all(|w| w.bytes().all(|b| b.is_ascii_lowercase()))
        );
    }

    #[test]
    fn words_are_folded_and_filtered() {
        let found: Vec<String> =
            words("- [x] Chloé's ON-CALL rota, 2026 and the API @priya").collect();
        assert_eq!(found, ["chloe", "call", "rota", "api"]);
    }

    #[test]
    fn a_blank_line_between_two_lines_is_seen() {
        assert!(blank_between("\n\n"));
        assert!(blank_between(" \n  \n- [>] carried\n"));
        assert!(!blank_between("\n"));
        assert!(!blank_between("\n- [>] carried\n"));
    }

    #[test]
    fn recurring_words_need_three_meetings() {
        let m = |w: &[&str]| w.iter().map(ToString::to_string).collect::<HashSet<_>>();
        let found = recurring(&[
            m(&["oncall", "rota"]),
            m(&["oncall", "rota"]),
            m(&["oncall"]),
        ]);
        assert_eq!(found, [("oncall".to_string(), 3)]);
    }
}
