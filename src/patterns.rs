//! Patterns in one person's notes over time: how often each tag comes up
//! per quarter, follow-ups carried over again and again (a blocker quietly
//! absorbed?), the longest gaps between 1:1s against their cadence, and
//! check-in averages per quarter.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::checkin::{CheckIn, Field};
use crate::followup::FollowUp;
use crate::note::Note;
use crate::notebook::PersonNotes;
use crate::person::Absence;
use crate::task;

/// A follow-up carried this many times or more is reported as stuck.
pub const STUCK_AFTER: usize = 3;

/// How many of the longest gaps are listed.
const GAPS_SHOWN: usize = 5;

/// Everything `patterns` reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Patterns {
    /// The person's name.
    pub person: String,
    /// How many 1:1 notes were read.
    pub notes: usize,
    /// The first and last meeting dates.
    pub first: Option<NaiveDate>,
    /// The last meeting date.
    pub last: Option<NaiveDate>,
    /// Each tag, most frequent first, with its count per quarter.
    pub tags: Vec<TagTrend>,
    /// Open follow-ups carried over [`STUCK_AFTER`] times or more.
    pub stuck: Vec<Stuck>,
    /// Days between 1:1s expected.
    pub cadence_days: u32,
    /// The longest gaps between 1:1s (the one still open up to today
    /// included), longest first.
    pub gaps: Vec<Gap>,
    /// Check-in averages per quarter, oldest first.
    pub checkins: Vec<QuarterAverage>,
}

/// A tag and how often it came up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagTrend {
    /// The tag, lowercase.
    pub tag: String,
    /// In how many notes.
    pub total: usize,
    /// Notes per quarter (`2026-Q4`).
    pub by_quarter: BTreeMap<String, usize>,
}

/// An open follow-up that keeps being carried over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stuck {
    /// Its text where it is open now.
    pub text: String,
    /// Where it is open now.
    pub path: String,
    /// Its line there.
    pub line: usize,
    /// How many notes carried it on (`[>]`).
    pub carried: usize,
    /// The `(from DATE)` it carries, if any.
    pub since: Option<NaiveDate>,
}

/// Time between two 1:1s.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gap {
    /// The earlier 1:1.
    pub from: NaiveDate,
    /// The later 1:1, or today for the gap still open.
    pub to: NaiveDate,
    /// Days between them, the days away ([`Gap::away`]) left out.
    pub days: i64,
    /// Days of time off in the gap, not counted against the cadence (not
    /// in the JSON when none).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub away: i64,
    /// Days beyond the cadence (0 when within it).
    pub over: i64,
    /// True for the gap from the last 1:1 to today.
    pub ongoing: bool,
}

/// Average check-in values in a quarter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuarterAverage {
    /// `2026-Q4`.
    pub quarter: String,
    /// How many check-ins.
    pub count: usize,
    /// Average energy, if any was recorded.
    pub energy: Option<f64>,
    /// Average challenge.
    pub challenge: Option<f64>,
    /// Average skill.
    pub skill: Option<f64>,
}

/// For serde: a count of none.
#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_zero(n: &i64) -> bool {
    *n == 0
}

/// `2026-Q4`.
#[must_use]
pub fn quarter(date: NaiveDate) -> String {
    format!("{}-Q{}", date.year(), date.month0() / 3 + 1)
}

/// A follow-up's text without its `(from DATE)` note, for matching copies
/// (the words [`crate::carry::same_words`] gives, which `new` matches
/// copies by and the follow-up cache keys by).
pub use crate::followup::normalized;

/// Reads the patterns in a person's notes. `history` are their check-ins
/// ([`crate::checkin::history`] of the same notes), `open` the notebook's open
/// follow-ups, `away` their time off (not counted in the gaps).
#[must_use]
pub fn analyze(
    notes: &PersonNotes,
    history: &[CheckIn],
    name: &str,
    cadence_days: u32,
    away: &[Absence],
    open: &[FollowUp],
    today: NaiveDate,
) -> Patterns {
    let tallies = tally(notes);
    let mut dates: Vec<NaiveDate> = notes.notes().iter().map(|n| n.meeting.date).collect();
    dates.dedup();
    Patterns {
        person: name.to_string(),
        notes: notes.notes().len(),
        first: dates.first().copied(),
        last: dates.last().copied(),
        tags: tag_trends(tallies.tagged),
        stuck: stuck_items(open, notes.slug(), &tallies.carried_counts),
        cadence_days,
        gaps: longest_gaps(&dates, cadence_days, away, today),
        checkins: quarter_averages(history),
    }
}

/// What a person's notes hold, counted in one pass over them.
#[derive(Default)]
struct Tallies {
    /// Each note's tags, with the date it counts on.
    tagged: Vec<(Vec<String>, NaiveDate)>,
    /// How many times each item was carried. A carried item is known by
    /// its text and the date it first came from: a weekly "Send the
    /// update", done each week, is not one stuck item.
    carried_counts: BTreeMap<(String, Option<NaiveDate>), usize>,
}

/// Goes over each readable note once for its tags and carried items (the
/// follow-up scan reports the unreadable ones).
fn tally(notes: &PersonNotes) -> Tallies {
    let mut tallies = Tallies::default();
    for loaded in notes.notes() {
        let Some(text) = loaded.text() else {
            continue;
        };
        let meeting = &loaded.meeting;
        let note = Note::split(text);
        let fm = note.frontmatter_lenient(&meeting.rel).0;
        let note_date = fm.date.unwrap_or(meeting.date);
        let mut tags = fm.tags;
        tags.extend(crate::said::inline_tags(text, Some(note_date)));
        tallies.tagged.push((tags, note_date));
        // Only a note with a `[>]` in it can hold a carried item: no parse.
        let carried = if text.contains("[>]") {
            task::carried(&note)
        } else {
            Vec::new()
        };
        for (_, text) in carried {
            let origin = crate::carry::origin(&text).unwrap_or(note_date);
            *tallies
                .carried_counts
                .entry((normalized(&text), Some(origin)))
                .or_default() += 1;
        }
    }
    tallies
}

/// Tags by how many notes carry them, most first, then by name, with the
/// count per quarter. `notes` gives each note's tags and the date it
/// counts on; a note counts once per tag, whatever the case it is written
/// in. `patterns` counts every note this way, `prep` the recent ones.
#[must_use]
pub fn tag_trends(notes: impl IntoIterator<Item = (Vec<String>, NaiveDate)>) -> Vec<TagTrend> {
    let mut tag_notes: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for (tags, date) in notes {
        let mut tags: Vec<String> = tags.iter().map(|t| t.to_lowercase()).collect();
        tags.sort();
        tags.dedup();
        let q = quarter(date);
        for tag in tags {
            *tag_notes
                .entry(tag)
                .or_default()
                .entry(q.clone())
                .or_default() += 1;
        }
    }
    let mut tags: Vec<TagTrend> = tag_notes
        .into_iter()
        .map(|(tag, by_quarter)| TagTrend {
            total: by_quarter.values().sum(),
            tag,
            by_quarter,
        })
        .collect();
    tags.sort_by(|a, b| b.total.cmp(&a.total).then(a.tag.cmp(&b.tag)));
    tags
}

/// The person's open follow-ups carried at least [`STUCK_AFTER`] times.
fn stuck_items(
    open: &[FollowUp],
    folder: &str,
    carried_counts: &BTreeMap<(String, Option<NaiveDate>), usize>,
) -> Vec<Stuck> {
    open.iter()
        .filter(|f| f.folder.as_deref() == Some(folder) && !crate::agenda::is_agenda_path(&f.path))
        .filter_map(|f| {
            let origin = crate::carry::origin(&f.text).or(f.date);
            let carried = carried_counts
                .get(&(normalized(&f.text), origin))
                .copied()
                .unwrap_or(0);
            (carried >= STUCK_AFTER).then(|| Stuck {
                text: f.text.to_string(),
                path: f.path.to_string(),
                line: f.line,
                carried,
                since: crate::carry::origin(&f.text),
            })
        })
        .collect()
}

/// The longest [`GAPS_SHOWN`] gaps between meeting dates (sorted, no
/// repeats), the one since the last meeting included while it lasts; the
/// days away in a gap do not count in it.
fn longest_gaps(
    dates: &[NaiveDate],
    cadence_days: u32,
    away: &[Absence],
    today: NaiveDate,
) -> Vec<Gap> {
    let gap = |from: NaiveDate, to: NaiveDate, ongoing: bool| {
        let days_away = crate::person::days_away(away, from, to);
        let days = to.signed_duration_since(from).num_days() - days_away;
        Gap {
            from,
            to,
            days,
            away: days_away,
            over: (days - i64::from(cadence_days)).max(0),
            ongoing,
        }
    };
    let mut gaps: Vec<Gap> = dates.windows(2).map(|w| gap(w[0], w[1], false)).collect();
    if let Some(&last) = dates.last().filter(|d| **d < today) {
        gaps.push(gap(last, today, true));
    }
    gaps.sort_by(|a, b| b.days.cmp(&a.days).then(a.from.cmp(&b.from)));
    gaps.truncate(GAPS_SHOWN);
    gaps
}

/// Check-in averages per quarter.
#[must_use]
pub fn quarter_averages(history: &[CheckIn]) -> Vec<QuarterAverage> {
    let mut by_quarter: BTreeMap<String, Vec<&CheckIn>> = BTreeMap::new();
    for c in history {
        by_quarter.entry(quarter(c.date)).or_default().push(c);
    }
    by_quarter
        .into_iter()
        .map(|(quarter, list)| {
            let average = |field: Field| {
                let values: Vec<f64> = list
                    .iter()
                    .filter_map(|c| c.values.get(field))
                    .map(f64::from)
                    .collect();
                if values.is_empty() {
                    None
                } else {
                    // Two decimals are plenty and keep the JSON stable.
                    Some((values.iter().sum::<f64>() / values.len() as f64 * 100.0).round() / 100.0)
                }
            };
            QuarterAverage {
                count: list.len(),
                energy: average(Field::Energy),
                challenge: average(Field::Challenge),
                skill: average(Field::Skill),
                quarter,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkin::Values;

    #[test]
    fn quarters_and_normalized_text() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(quarter(d("2026-01-01")), "2026-Q1");
        assert_eq!(quarter(d("2026-03-31")), "2026-Q1");
        assert_eq!(quarter(d("2026-04-01")), "2026-Q2");
        assert_eq!(quarter(d("2026-12-31")), "2026-Q4");
        assert_eq!(
            normalized("Draft  the plan (from 2026-09-01) 📅 2026-12-01"),
            "draft the plan 📅 2026-12-01"
        );
        assert_eq!(
            normalized("Draft the plan 📅 2026-12-01"),
            "draft the plan 📅 2026-12-01"
        );
    }

    #[test]
    fn tags_count_notes_per_quarter_most_first() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let tags = |t: &[&str]| t.iter().map(ToString::to_string).collect::<Vec<_>>();
        let trends = tag_trends([
            (tags(&["Growth", "growth", "hiring"]), d("2026-09-30")),
            (tags(&["growth"]), d("2026-10-01")),
            (tags(&["alpha"]), d("2026-10-02")),
        ]);
        let totals: Vec<(&str, usize)> = trends.iter().map(|t| (t.tag.as_str(), t.total)).collect();
        assert_eq!(totals, [("growth", 2), ("alpha", 1), ("hiring", 1)]);
        assert_eq!(
            trends[0].by_quarter,
            [("2026-Q3".to_string(), 1), ("2026-Q4".to_string(), 1)].into()
        );
    }

    #[test]
    fn averages_per_quarter() {
        let c = |date: &str, e, ch, s| CheckIn {
            date: NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
            values: Values {
                energy: e,
                challenge: ch,
                skill: s,
            },
        };
        let history = [
            c("2026-09-01", Some(2), Some(3), None),
            c("2026-09-20", Some(3), None, None),
            c("2026-10-02", Some(5), Some(4), Some(2)),
        ];
        assert_eq!(
            quarter_averages(&history),
            [
                QuarterAverage {
                    quarter: "2026-Q3".into(),
                    count: 2,
                    energy: Some(2.5),
                    challenge: Some(3.0),
                    skill: None
                },
                QuarterAverage {
                    quarter: "2026-Q4".into(),
                    count: 1,
                    energy: Some(5.0),
                    challenge: Some(4.0),
                    skill: Some(2.0)
                },
            ]
        );
    }
}
