//! The calendar file `people --ics FILE` writes (issue 14): an iCalendar
//! (RFC 5545) file with one all-day event per person at their next due
//! date, and the rule for where it may be written.
//!
//! The `icalendar` crate writes it: CRLF line ends, text escaped, lines
//! folded at 75 octets on character boundaries. An event holds the
//! person's name and a date, nothing else of the notes. Its UID is the
//! person's folder and a hash of the notebook's path, the same on every
//! run, so importing a new export updates the events of the last one;
//! DTSTAMP is midnight UTC of today, so a later export wins.

use std::fmt::Write;
use std::io::ErrorKind;
use std::path::Path;

use chrono::NaiveDate;
use icalendar::{Calendar, Component, EventLike};

use crate::error::{Error, Result};

/// The PRODID of the files oneonone writes; an existing file is replaced
/// only if it has this one.
const PRODID: &str = "-//oneonone//oneonone people --ics//EN";
/// The most of an existing file read to tell whether oneonone wrote it.
const EXISTING_CAP: u64 = 64 << 20;

/// A person's next 1:1, as the calendar shows it.
#[derive(Debug, Clone, Copy)]
pub struct Due<'a> {
    /// Their folder: the UID is made of it.
    pub slug: &'a str,
    /// Their name, for the SUMMARY.
    pub name: &'a str,
    /// The day the next 1:1 is due.
    pub date: NaiveDate,
}

/// The calendar of these 1:1s, in this order, for the notebook at `root`
/// (its canonical path, for the UIDs) on `today` (the DTSTAMP).
#[must_use]
pub fn calendar(root: &Path, due: &[Due<'_>], today: NaiveDate) -> String {
    let mut calendar = Calendar::empty();
    calendar.append_property(("VERSION", "2.0"));
    calendar.append_property(("PRODID", PRODID));
    calendar.append_property(("CALSCALE", "GREGORIAN"));
    calendar.append_property(("METHOD", "PUBLISH"));
    let notebook = notebook_hash(root);
    let stamp = today.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
    for d in due {
        let mut event = icalendar::Event::new();
        event
            .uid(&uid(d.slug, &notebook))
            .timestamp(stamp)
            .summary(&format!("1:1 with {}", plain(d.name)))
            .starts(d.date)
            // The day after: DTEND is exclusive (RFC 5545 3.6.1), and the
            // crate's `all_day` gives the same day.
            .ends(d.date.succ_opt().unwrap_or(d.date))
            .add_property("TRANSP", "TRANSPARENT");
        calendar.push(event.done());
    }
    calendar.to_string()
}

/// A short, stable hash of the notebook's path.
fn notebook_hash(root: &Path) -> String {
    let hash = blake3::hash(root.as_os_str().as_encoded_bytes());
    hash.to_hex()[..16].to_string()
}

/// `<slug>@oneonone.<notebook hash>`, the slug's bytes outside
/// `[A-Za-z0-9._-]` percent-encoded (so two folders never share a UID).
fn uid(slug: &str, notebook: &str) -> String {
    let mut out = String::with_capacity(slug.len() + 30);
    for b in slug.bytes() {
        if b.is_ascii_alphanumeric() || b"._-".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    format!("{out}@oneonone.{notebook}")
}

/// A name without control characters, which iCalendar text may not hold
/// (the crate escapes `\`, `,`, `;` and line feeds; a name has no line).
fn plain(name: &str) -> String {
    name.chars().filter(|c| !c.is_control()).collect()
}

/// Where a calendar file may go: outside the folders of the notebook at
/// `root` (its top level is fine), never a `.md` file, and over an
/// existing file only if oneonone wrote it (an earlier export). `target`
/// is the full path, `shown` the path as the user typed it.
///
/// # Errors
/// The target breaks that rule, or an existing file there cannot be read.
/// Whether a file oneonone writes for the user (a calendar, a review
/// page) at `target` would sit among the notes of the notebook at `root`:
/// a `.md` file (read as a note), or anything in a folder below the
/// notebook's top (a person's folder, `.oneonone/`).
#[must_use]
pub fn among_notes(root: &Path, target: &Path) -> bool {
    let is_md = target
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md"));
    let folder = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let in_a_folder = match (folder.canonicalize(), root.canonicalize()) {
        (Ok(folder), Ok(root)) => folder != root && folder.starts_with(&root),
        // A folder not there: the write says so.
        _ => false,
    };
    is_md || in_a_folder
}

pub fn check_target(root: &Path, target: &Path, shown: &Path) -> Result<()> {
    let refuse = |message: &str| Error::Invalid {
        path: shown.to_path_buf(),
        line: None,
        message: message.to_string(),
    };
    let inside = "not a place for a calendar file\n  \
                  hint: write it outside the notebook's person folders, and not as a .md file";
    if among_notes(root, target) {
        return Err(refuse(inside));
    }
    match crate::fs::read_regular(target, Some(EXISTING_CAP)) {
        Ok(bytes) if is_ours(&bytes) => Ok(()),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
        _ => Err(refuse(
            "already exists and is not a calendar oneonone wrote; name another file",
        )),
    }
}

/// The file is a calendar oneonone wrote.
fn is_ours(bytes: &[u8]) -> bool {
    bytes.starts_with(b"BEGIN:VCALENDAR\r\n")
        && memchr::memmem::find(bytes, format!("\r\nPRODID:{PRODID}\r\n").as_bytes()).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn an_event_is_all_day_with_a_stable_uid_and_the_name_escaped_and_folded() {
        let long = "Zoë Featherstone-Smith, Principal; Staff\u{7} Engineer of Platforms 李娜";
        let due = [Due {
            slug: "zoë",
            name: long,
            date: date("2026-12-31"),
        }];
        let root = Path::new("/notes");
        let text = calendar(root, &due, date("2026-11-27"));
        assert_eq!(text, calendar(root, &due, date("2026-11-27")));
        let unfolded = text.replace("\r\n ", "");
        assert!(
            unfolded.contains(
                "\r\nSUMMARY:1:1 with Zoë Featherstone-Smith\\, Principal\\; Staff Engineer \
                 of Platforms 李娜\r\n"
            ),
            "{text}"
        );
        assert!(
            unfolded.contains("\r\nDTSTART;VALUE=DATE:20261231\r\n"),
            "{text}"
        );
        assert!(
            unfolded.contains("\r\nDTEND;VALUE=DATE:20270101\r\n"),
            "{text}"
        );
        assert!(
            unfolded.contains("\r\nDTSTAMP:20261127T000000Z\r\n"),
            "{text}"
        );
        let uid = format!("\r\nUID:zo%C3%AB@oneonone.{}\r\n", notebook_hash(root));
        assert!(unfolded.contains(&uid), "{text}");
        assert!(text.split("\r\n").all(|l| l.len() <= 75), "{text}");
        assert!(is_ours(text.as_bytes()));
    }
}
