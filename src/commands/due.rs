//! `oneonone due [--within DAYS]`: who is due a 1:1 in the coming days,
//! soonest first; exit 1 when someone's is overdue, for a shell prompt or
//! a cron job.

use chrono::NaiveDate;

use crate::cli::DueArgs;
use crate::commands::Outcome;
use crate::error::Result;
use crate::notebook::Notebook;
use crate::output::{Output, sanitize, style};
use crate::people::{self, Summary};
use crate::render::{age, days_word, pad, width};
use crate::settings::Settings;

/// Lists the people whose next 1:1 falls within `--within` days (overdue
/// ones first), and those who never had one.
///
/// # Errors
/// The notebook cannot be read, or standard output cannot be written.
pub fn run(args: &DueArgs, settings: &Settings, out: &mut Output) -> Result<Outcome> {
    let notebook = Notebook::open(settings, false)?;
    let today = settings.today;
    let last_day = today
        .checked_add_days(chrono::Days::new(u64::from(args.within)))
        .unwrap_or(NaiveDate::MAX);
    let mut due: Vec<Summary> = Vec::new();
    let mut later: Option<Summary> = None;
    for folder in notebook.person_slugs()? {
        // Only the dates matter here: no follow-up is read.
        let row = people::summarize(
            &notebook,
            &folder,
            &[],
            today,
            settings.home.as_deref(),
            &mut |e| out.warn(&e),
        );
        // Someone away is listed once they can be met.
        let from = row.meet_from(today);
        if from > last_day {
            if later.as_ref().is_none_or(|l| l.meet_from(today) > from) {
                later = Some(row);
            }
        } else {
            due.push(row);
        }
    }
    // Overdue first, the longest first; then soonest (a first 1:1 to
    // hold: today), as `people` orders them.
    due.sort_by_cached_key(|r| (r.due_key(today), people::name_key(&r.name), r.slug.clone()));
    if due.is_empty() {
        match later {
            Some(next) => out.notice(format_args!(
                "no 1:1 due within {}; the next: {} on {}",
                days_word(i64::from(args.within)),
                sanitize(&next.name),
                next.meet_from(today)
            )),
            None => out.notice(format_args!(
                "no people yet; start with `oneonone new \"<name>\"`"
            )),
        }
        return Ok(Outcome::Done);
    }
    let widest = due
        .iter()
        .map(|r| width(&sanitize(&r.name)))
        .max()
        .unwrap_or(0);
    for row in &due {
        write!(out, "{}  ", pad(&sanitize(&row.name), widest))?;
        when(row, today, out)?;
        writeln!(out)?;
    }
    if due.iter().any(|r| r.overdue) {
        Ok(Outcome::Negative)
    } else {
        Ok(Outcome::Done)
    }
}

/// When the person's next 1:1 is: overdue (in colour), today, or a date.
fn when(row: &Summary, today: NaiveDate, out: &mut Output) -> Result<()> {
    if let Some(until) = row.away_until {
        return write!(out, "away until {until}, due {}", row.meet_from(today));
    }
    let Some(next) = row.next_due else {
        return out.styled(style::ERROR, "first 1:1 to hold");
    };
    let days = next.signed_duration_since(today).num_days();
    if row.overdue {
        out.styled(
            style::ERROR,
            format_args!("overdue {} (due {next})", days_word(-days)),
        )
    } else if days == 0 {
        write!(out, "due today")
    } else if row.ready {
        write!(out, "{next}, {}, note ready", age(-days))
    } else {
        write!(out, "due {next}, {}", age(-days))
    }
}
