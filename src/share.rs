//! The copy of a note to share with the report: what was discussed,
//! nothing else. `export --shared` prints it and `sync` publishes it, both
//! through [`shared_copy_of`].
//!
//! It leaves out, when in doubt a line rather than not:
//! - everything private, decided in one place, [`private_ranges`] (the
//!   `private` module): a heading or an HTML `<hN>` that shows as the
//!   configured name or `Private`, to the next of the note's own sections;
//!   a `<details>` block whose summary shows as one. `prep`, carry-over
//!   and the follow-up scan use the same ranges;
//! - what oneonone's template wrote, told apart in one place for every
//!   command, [`crate::said::kinds`]: the template's prompts (a section's
//!   italic reminder, the `_Watch for: ..._` line, the private section's
//!   blurb, each only as the template writes it, never an italic line a
//!   person typed); a suggested question nobody answered (only what its
//!   item holds under it answers it: a paragraph after the list is the
//!   section's); an empty placeholder (a list item with nothing in it,
//!   `- `, `- [ ] `; a table with nothing in its rows, or the empty rows
//!   of one filled in). What `said` leaves out for other reasons is kept
//!   here, by the rules below: the headings, the carried copies of
//!   follow-ups (`(from DATE)`), the frontmatter (written anew);
//! - a carried item (`[>]`) that no later note of the person holds outside
//!   its private sections; one that a later note holds stays, with the
//!   date of the first such note: `- [>] Book the venue (carried to
//!   2026-11-29)`. The only words the copy adds;
//! - a section left with nothing in it by the above, heading and all,
//!   except Agenda and Follow-ups, the places both sides add to;
//! - the frontmatter, written anew with `person`, `date` and `framework`
//!   (and the check-ins when the notebook shares them), read from the YAML:
//!   no comment, no other key, nothing of a value that does not parse.
//!
//! Where something is left out, the blank lines after it go too when a
//! blank line is already before it. A note whose frontmatter cannot be
//! told apart from its body (an opening `---` with no closing one, a TOML
//! `+++` block) is refused.

pub mod private;

pub use private::{DEFAULT_PRIVATE_HEADING, Sharing, private_ranges, touches};

use std::collections::HashSet;
use std::fmt::Write as _;
use std::ops::Range;
use std::path::Path;

use chrono::NaiveDate;
use pulldown_cmark::{Event, Options, Parser, Tag};

use crate::bank::Bank;
use crate::checkin::FIELDS;
use crate::error::Error;
use crate::note::Note;
use crate::notebook::{Meeting, NoteFile, Notebook};
use crate::said::{Kind, TemplateText};

/// The shared copy of a note of the notebook (`rel`, relative to it): what
/// `export --shared` prints and `sync` publishes. The rules are the
/// notebook's ([`Sharing::for_notebook`], [`TemplateText::of`] its bank); a
/// carried item is looked for in the person's later meeting notes.
///
/// # Errors
/// The note cannot be read, the bank is broken, or the note's frontmatter
/// cannot be told apart from its body (see [`shared_copy`]).
pub fn shared_copy_of(notebook: &Notebook, rel: &Path) -> Result<String, Error> {
    let text = crate::notebook::read_note(
        notebook,
        &NoteFile {
            rel: rel.to_path_buf(),
        },
    )?;
    Copier::for_notebook(notebook)?.copy(notebook, rel, &text)
}

/// What makes a notebook's shared copies: its rules of what is private and
/// what its template writes. `export --shared` and `sync` both copy
/// through it, so the two never differ.
#[derive(Debug, Clone)]
pub struct Copier {
    /// What is private.
    pub rules: Sharing,
    template: TemplateText,
}

impl Copier {
    /// The copier of a notebook: its rules and its bank's template words.
    ///
    /// # Errors
    /// The bank is broken.
    pub fn for_notebook(notebook: &Notebook) -> Result<Self, Error> {
        let bank = Bank::load(notebook.root(), notebook.shown())?;
        Ok(Copier {
            rules: Sharing::for_notebook(&notebook.config, &bank),
            template: TemplateText::of(&bank),
        })
    }

    /// The shared copy of `text`, a version of the note `rel` of the
    /// notebook; a carried item is looked for in the person's later
    /// meeting notes.
    ///
    /// # Errors
    /// As [`shared_copy`].
    pub fn copy(&self, notebook: &Notebook, rel: &Path, text: &str) -> Result<String, Error> {
        let mut later = LaterNotes::new(notebook, &self.rules, rel);
        shared_copy_with(
            text,
            &notebook.show(rel),
            &self.rules,
            &self.template,
            &mut |item| later.holding(item),
        )
    }
}

/// The shared copy of a note's text by `rules` alone: no template words
/// known, and no carried item kept (none can be placed).
///
/// # Errors
/// The note (named `path` in the error) opens with `---` but its
/// frontmatter cannot be told apart from the body: rather than guess,
/// nothing is printed.
pub fn shared_copy(text: &str, path: &Path, rules: &Sharing) -> Result<String, Error> {
    shared_copy_with(text, path, rules, &TemplateText::default(), &mut |_| None)
}

/// The shared copy of a note's text (see the module's documentation):
/// `template` is what the template writes, `carried_to` gives the date of
/// the first later note that holds a carried item's text, if any.
///
/// # Errors
/// As [`shared_copy`].
pub fn shared_copy_with(
    text: &str,
    path: &Path,
    rules: &Sharing,
    template: &TemplateText,
    carried_to: &mut dyn FnMut(&str) -> Option<NaiveDate>,
) -> Result<String, Error> {
    let note = Note::split(text);
    undelimited_frontmatter(&note, path)?;
    let mut out = frontmatter(&note, rules);
    let body = Body::read(&note);
    let sections = note.sections();
    let mut cut = private::private_ranges_in(&note, rules, &sections);
    cut.extend(template_lines(text, template));
    let mut notes = Vec::new();
    for carried in body.carried {
        match carried_to(&carried.text) {
            Some(date) => notes.push((carried.end_of_text, format!(" (carried to {date})"))),
            None => cut.push(carried.range),
        }
    }
    let cut = private::merge(cut);
    let cut = emptied_sections(text, &sections, cut);
    out.push_str(&assemble(text, note.body_start, &cut, &notes));
    // What is left out at the end leaves the blank lines before it.
    let trimmed = out.trim_end_matches(['\n', '\r']).len();
    let eol = crate::note::line_ending(text);
    out.truncate(trimmed);
    if !out.is_empty() {
        out.push_str(eol);
    }
    Ok(out)
}

/// A person's meeting notes after one, read as they are asked for: where
/// each carried item of that note went.
struct LaterNotes<'n> {
    notebook: &'n Notebook,
    rules: &'n Sharing,
    /// The later meetings, oldest first, each with the keys of the items
    /// it shares once read (none for a note that could not be read).
    later: Vec<(Meeting, Option<HashSet<u64>>)>,
}

impl<'n> LaterNotes<'n> {
    /// The notes after `rel`; none when `rel` is not a meeting note in a
    /// person folder.
    fn new(notebook: &'n Notebook, rules: &'n Sharing, rel: &Path) -> Self {
        let this = rel
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(crate::notebook::parse_meeting_name);
        let later = match (crate::notebook::person_folder(rel), this) {
            (Some(slug), Some((date, number))) if rel.components().count() == 2 => notebook
                .meetings(&slug)
                .into_iter()
                .filter(|m| (m.date, m.number) > (date, number))
                .map(|m| (m, None))
                .collect(),
            _ => Vec::new(),
        };
        LaterNotes {
            notebook,
            rules,
            later,
        }
    }

    /// The date of the first later note holding an item with the words of
    /// `item` (open, ticked or carried on again) outside its private
    /// sections: a copy the report cannot see is not where it went.
    fn holding(&mut self, item: &str) -> Option<NaiveDate> {
        let key = crate::followup::key(item)?;
        for (meeting, keys) in &mut self.later {
            let keys = keys.get_or_insert_with(|| {
                let file = NoteFile {
                    rel: meeting.rel.clone(),
                };
                // A note that cannot be read holds nothing here.
                let Ok(text) = crate::notebook::read_note(self.notebook, &file) else {
                    return HashSet::new();
                };
                shared_keys(&Note::split(&text), self.rules)
            });
            if keys.contains(&key) {
                return Some(meeting.date);
            }
        }
        None
    }
}

/// The keys ([`crate::followup::key`]) of a note's items outside its
/// private sections: its task items, and its carried ones.
fn shared_keys(note: &Note<'_>, rules: &Sharing) -> HashSet<u64> {
    let private = private_ranges(note, rules);
    let shared = |at: usize| !touches(&private, &(at..at + 1));
    let tasks = crate::task::tasks(note)
        .into_iter()
        .filter(|t| shared(t.checkbox))
        .filter_map(|t| crate::followup::key(&t.text));
    let carried = crate::followup::carried_marks(note)
        .into_iter()
        .filter(|m| m.mark.is_some_and(shared))
        .filter_map(|m| crate::followup::key(&m.text));
    tasks.chain(carried).collect()
}

/// What one reading of a note's body finds for its shared copy, as byte
/// ranges of the whole text (whole lines).
#[derive(Debug, Default)]
struct Body {
    /// Every list item, in order, with the line it starts on.
    items: Vec<(usize, Range<usize>)>,
    /// Carried (`[>]`) items.
    carried: Vec<Carried>,
}

/// A `[>]` item.
#[derive(Debug)]
struct Carried {
    /// The whole item, sub-items included.
    range: Range<usize>,
    /// Where its text's line ends (before the line break): where the date
    /// it went to is written.
    end_of_text: usize,
    /// Its text, as [`crate::task::carried`] reads it.
    text: String,
}

impl Body {
    fn read(note: &Note<'_>) -> Body {
        let text = note.text;
        let base = note.body_start;
        let mut found = Body::default();
        let (mut counted, mut line) = (0, 1);
        // Most notes carry nothing: the parse for `[>]` only where one is.
        if !crate::followup::holds_marks(note.body()) {
            return found;
        }
        for (event, range) in
            Parser::new_ext(note.body(), Options::ENABLE_TASKLISTS).into_offset_iter()
        {
            if let Event::Start(Tag::Item) = event {
                let range = base + range.start..base + range.end;
                line += crate::note::count_newlines(&text.as_bytes()[counted..range.start]);
                counted = range.start;
                found.items.push((line, range));
            }
        }
        found.carried = carried_items(note, &found.items);
        found
    }
}

/// The lines of `text` that [`crate::said::kinds`] finds the template
/// wrote: its prompts, the questions nobody answered, the empty
/// placeholders; whole lines, their line breaks included. A line holding
/// a lone `\r` (several lines to Markdown, one to `said`) is kept: rather
/// a prompt shared than words lost.
fn template_lines(text: &str, template: &TemplateText) -> Vec<Range<usize>> {
    // Carried copies are kept here whatever their date: none is needed.
    let kinds = crate::said::kinds(text, None, template);
    let mut found = Vec::new();
    for (i, &(start, kind)) in kinds.iter().enumerate() {
        if !matches!(kind, Kind::Prompt | Kind::Question | Kind::Placeholder) {
            continue;
        }
        let end = kinds.get(i + 1).map_or(text.len(), |&(next, _)| next);
        let line = text[start..end].trim_end_matches(['\n', '\r']);
        if !line.contains('\r') {
            found.push(start..end);
        }
    }
    found
}

/// The note's `[>]` items ([`crate::task::carried`]), each with its range;
/// `starts` are the note's list items with their lines.
fn carried_items(note: &Note<'_>, starts: &[(usize, Range<usize>)]) -> Vec<Carried> {
    let text = note.text;
    let marks = crate::task::carried(note);
    // Each mark's item: the innermost item starting on its line.
    let mut found = Vec::new();
    for (at_line, item_text) in marks {
        // Lines only grow along the items: the last one starting there.
        let last = starts.partition_point(|(l, _)| *l <= at_line);
        let Some((_, range)) = last
            .checked_sub(1)
            .map(|i| &starts[i])
            .filter(|(l, _)| *l == at_line)
        else {
            continue;
        };
        let item = whole_lines(text, range);
        // The text is on the item's first line, else on its second.
        let first_end = line_end_before_break(text, range.start);
        let after_mark = text[range.start..first_end]
            .split_once("[>]")
            .map_or("", |(_, rest)| rest);
        let end_of_text = if after_mark.trim().is_empty() && first_end < item.end {
            line_end_before_break(text, next_line(text, first_end))
        } else {
            first_end
        };
        found.push(Carried {
            end_of_text: end_of_text.min(item.end),
            range: item,
            text: item_text,
        });
    }
    found
}

/// The end of the line holding `at`, before its line break and any
/// trailing blanks.
fn line_end_before_break(text: &str, at: usize) -> usize {
    let end = text[at..].find(['\n', '\r']).map_or(text.len(), |i| at + i);
    at + text[at..end].trim_end().len()
}

/// The start of the line after the one ending at `at` (a line break).
fn next_line(text: &str, at: usize) -> usize {
    let end = text[at..].find(['\n', '\r']).map_or(text.len(), |i| at + i);
    if text[end..].starts_with("\r\n") {
        end + 2
    } else {
        (end + 1).min(text.len())
    }
}

/// `range` grown to whole lines, its trailing blank lines left out.
fn whole_lines(text: &str, range: &Range<usize>) -> Range<usize> {
    let start = private::line_start(text, range.start);
    let content_end = range.start + text[range.clone()].trim_end().len();
    start..private::line_end(text, content_end.max(start))
}

/// Whether `range` holds nothing but blanks outside the `cut` ranges
/// (sorted, merged).
fn is_blank_outside(text: &str, range: &Range<usize>, cut: &[Range<usize>]) -> bool {
    let mut from = range.start;
    let first = cut.partition_point(|c| c.end <= range.start);
    for c in &cut[first..] {
        if c.start >= range.end {
            break;
        }
        if c.start > from && !text[from..c.start].trim().is_empty() {
            return false;
        }
        from = from.max(c.end);
    }
    from >= range.end || text[from..range.end].trim().is_empty()
}

/// Whether `content` holds nothing but blanks outside the `cut` ranges
/// and the `subs` (disjoint, the last first).
fn is_blank_outside_both(
    text: &str,
    content: &Range<usize>,
    cut: &[Range<usize>],
    subs: &[Range<usize>],
) -> bool {
    let mut from = content.start;
    for sub in subs.iter().rev() {
        let to = sub.start.min(content.end);
        if to > from && !is_blank_outside(text, &(from..to), cut) {
            return false;
        }
        from = from.max(sub.end);
    }
    from >= content.end || is_blank_outside(text, &(from..content.end), cut)
}

/// The body from `from` without the `cut` ranges (sorted, merged, whole
/// lines), with each of `notes` (sorted by offset) written at its offset
/// when that is kept. Where something is cut after a blank line (or at
/// the start), the blank lines after it go too: one blank line between
/// two blocks, as before.
fn assemble(text: &str, from: usize, cut: &[Range<usize>], notes: &[(usize, String)]) -> String {
    let mut out = String::with_capacity(text.len() - from);
    let mut notes = notes.iter().peekable();
    let mut keep = |out: &mut String, range: Range<usize>| {
        let mut at = range.start;
        while let Some((offset, note)) = notes.peek() {
            if *offset < range.start {
                // In a part that is cut.
                notes.next();
                continue;
            }
            if *offset > range.end || (*offset == range.end && range.end < text.len()) {
                break;
            }
            out.push_str(&text[at..*offset]);
            out.push_str(note);
            at = *offset;
            notes.next();
        }
        out.push_str(&text[at..range.end]);
    };
    let mut at = from;
    for c in cut {
        if c.end <= at {
            continue;
        }
        if c.start > at {
            keep(&mut out, at..c.start);
        }
        at = c.end;
        if ends_with_blank_line(&out) {
            at = skip_blank_lines(text, at);
        }
    }
    if at < text.len() {
        keep(&mut out, at..text.len());
    }
    out
}

/// Whether `out` is empty or its last line, before its line break, is
/// blank.
fn ends_with_blank_line(out: &str) -> bool {
    if out.is_empty() {
        return true;
    }
    let Some(before) = out
        .strip_suffix("\r\n")
        .or_else(|| out.strip_suffix('\n'))
        .or_else(|| out.strip_suffix('\r'))
    else {
        return false;
    };
    let last = before
        .rfind(['\n', '\r'])
        .map_or(before, |i| &before[i + 1..]);
    last.trim().is_empty()
}

/// The start of the first line at or after `at` that is not blank (or the
/// end of the text).
fn skip_blank_lines(text: &str, mut at: usize) -> usize {
    while at < text.len() {
        let end = text[at..].find(['\n', '\r']).map_or(text.len(), |i| at + i);
        if !text[at..end].trim().is_empty() {
            break;
        }
        at = next_line(text, end);
    }
    at
}

/// `cut` with each section that it left with nothing in it (and that had
/// something) cut too, heading and all; Agenda and Follow-ups stay.
fn emptied_sections(
    text: &str,
    sections: &[crate::note::Section],
    cut: Vec<Range<usize>>,
) -> Vec<Range<usize>> {
    // Sections nest or follow each other: from the last one back, a
    // section that is cut holds the ones cut just before it.
    let mut dropped: Vec<Range<usize>> = Vec::new();
    for section in sections.iter().rev() {
        let kept = ["agenda", "follow-ups"]
            .iter()
            .any(|name| section.title.eq_ignore_ascii_case(name));
        let start = private::line_start(text, section.range.start);
        if kept || touches(&cut, &(start..start + 1)) {
            continue;
        }
        let end = if section.range.end < text.len() {
            private::line_start(text, section.range.end)
        } else {
            text.len()
        };
        // The sub-sections cut already: the last ones pushed.
        let inner = dropped.iter().rev().take_while(|d| d.start < end).count();
        let subs = &dropped[dropped.len() - inner..];
        let content = section.content.start.min(end)..end;
        let removed = touches(&cut, &content) || inner > 0;
        let empty = removed && is_blank_outside_both(text, &content, &cut, subs);
        if empty {
            dropped.truncate(dropped.len() - inner);
            dropped.push(start..end);
        }
    }
    if dropped.is_empty() {
        return cut;
    }
    let mut cut = cut;
    cut.extend(dropped);
    private::merge(cut)
}

/// Refuses a note that opens like frontmatter whose end oneonone cannot
/// find: what is manager-only in it could not be told apart.
///
/// # Errors
/// The body opens with a `---` line (a frontmatter with no closing fence,
/// or not YAML) or a `+++` line (TOML); the error names the note as `path`.
pub fn undelimited_frontmatter(note: &Note<'_>, path: &Path) -> Result<(), Error> {
    if note.frontmatter.is_some() {
        return Ok(());
    }
    let first = note.body().lines().next().unwrap_or_default().trim_end();
    let message = if first.starts_with("---") {
        "it opens with `---` but oneonone cannot tell where its frontmatter ends; \
         fix the frontmatter (or remove the `---` lines)"
    } else if first.starts_with("+++") {
        "it opens with `+++`, a TOML frontmatter oneonone does not read, \
         so it cannot tell what to leave out; write the frontmatter as YAML between `---` lines"
    } else {
        return Ok(());
    };
    Err(Error::Invalid {
        path: path.to_path_buf(),
        line: None,
        message: message.into(),
    })
}

/// The shared frontmatter, written anew from the parsed values.
fn frontmatter(note: &Note<'_>, rules: &Sharing) -> String {
    if note.frontmatter.is_none() {
        return String::new();
    }
    let (fm, problem) = note.frontmatter_lenient(Path::new(""));
    if problem.is_some() && fm.person.is_none() && fm.date.is_none() {
        return String::new();
    }
    let mut out = String::from("---\n");
    if let Some(person) = &fm.person {
        let _ = writeln!(out, "person: {}", crate::frontmatter::yaml_scalar(person));
    }
    if let Some(date) = fm.date {
        let _ = writeln!(out, "date: {date}");
    }
    if let Some(framework) = &fm.framework {
        let _ = writeln!(
            out,
            "framework: {}",
            crate::frontmatter::yaml_scalar(framework)
        );
    }
    if rules.share_checkins {
        let values = crate::checkin::read(note, Path::new(""), &mut |_| {});
        for field in FIELDS {
            if let Some(v) = values.get(field) {
                let _ = writeln!(out, "{field}: {v}");
            }
        }
    }
    out.push_str("---\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Bank;

    fn rules() -> Sharing {
        Sharing::new(
            None,
            &["Listen".into(), "Learn".into(), "Lift".into()],
            false,
        )
    }

    const NOTE: &str = "---\nperson: Alice\ndate: 2026-11-24  # told HR\n# my own reminder\nmanager: Sam\ntags:\n  - promo\n  - worried\nenergy: 2\nframework: listen-learn-lift\n---\n\
        # 1:1 with Alice\n\n## Listen\n\nShared words.\n\n### private\n\nNested private.\n\n## Lift\n\nMore shared.\n\n\
        Private\n-------\n\nSetext private.\n\n## Follow-ups\n\n- [ ] send doc\n\n# Private\n\nTop-level private, to the end.\n\n## Still private\n";

    #[test]
    fn drops_private_sections_at_any_level_and_position() {
        let copy = shared_copy(NOTE, Path::new("n.md"), &rules()).unwrap();
        assert_eq!(
            copy,
            "---\nperson: Alice\ndate: 2026-11-24\nframework: listen-learn-lift\n---\n\
             # 1:1 with Alice\n\n## Listen\n\nShared words.\n\n## Lift\n\nMore shared.\n\n\
             ## Follow-ups\n\n- [ ] send doc\n"
        );
    }

    #[test]
    fn headings_that_show_as_private_are_private() {
        for heading in [
            "## **Private**",
            "## _Private_",
            "## `Private`",
            "## [Private](#x)",
            "## Priv&#97;te",
            "## Private <!-- x -->",
            "## Private\u{200b}",
            "## Private notes",
            "## Private:",
            "## 🔒 Private",
            "## PRIVATE",
            "##Private_",
        ] {
            let text = format!("## Listen\n\nok\n\n{heading}\n\nSECRET\n\n## Lift\n\nok too\n");
            let copy = shared_copy(&text, Path::new("n.md"), &rules()).unwrap();
            assert!(
                !copy.contains("SECRET") || heading == "##Private_",
                "{heading}: {copy}"
            );
            assert!(copy.contains("ok too"), "{heading}: {copy}");
        }
        let text = "## Privately owned\n\nshared\n";
        assert_eq!(
            shared_copy(text, Path::new("n.md"), &rules()).unwrap(),
            text
        );
    }

    #[test]
    fn only_a_note_section_ends_a_private_one() {
        let text = "## Private\n\nHR call\n---\nSECRET 1\n\n# Fwd: email\n\nSECRET 2\n\n- item\n  # Sub\n  SECRET 3\n\n## Lift\n\nshared\n";
        assert_eq!(
            shared_copy(text, Path::new("n.md"), &rules()).unwrap(),
            "## Lift\n\nshared\n"
        );
    }

    #[test]
    fn private_details_blocks_go_whole() {
        let text = "## Listen\n\n<details>\n<summary>Private</summary>\n\nSECRET\n\n</details>\n\nshared\n";
        assert_eq!(
            shared_copy(text, Path::new("n.md"), &rules()).unwrap(),
            "## Listen\n\nshared\n"
        );
    }

    /// The copy of `text` with the built-in bank's template words known,
    /// and carried items held by a note of 2026-11-24 when their words
    /// start with "held".
    fn copy(text: &str) -> String {
        let template = TemplateText::of(&Bank::built_in());
        shared_copy_with(text, Path::new("n.md"), &rules(), &template, &mut |item| {
            item.starts_with("held")
                .then(|| NaiveDate::from_ymd_opt(2026, 11, 24).unwrap())
        })
        .unwrap()
    }

    #[test]
    fn template_words_go_only_as_the_template_writes_them() {
        let text = "## Listen\n\n_Make space: this time is theirs._\n\n\
                    _Make space, mine._\n\n\
                    ```\n_Make space: this time is theirs._\n- What's on your mind this week?\n```\n\n\
                    > _Make space: this time is theirs._\n\n\
                    They were tired.\n_Make space: this time is theirs._\n";
        assert_eq!(
            copy(text),
            "## Listen\n\n_Make space, mine._\n\n\
             ```\n_Make space: this time is theirs._\n- What's on your mind this week?\n```\n\n\
             > _Make space: this time is theirs._\n\nThey were tired.\n"
        );
    }

    #[test]
    fn a_question_stays_with_what_was_written_under_it() {
        let q1 = "- What's on your mind this week?";
        let q2 = "- How have you been feeling about work lately?";
        let q3 = "- What's been energizing or draining you?";
        // Under it in its item or in a sub-list; a question followed by
        // another, by a paragraph after the list (the section's, as
        // `said` reads it), by a heading, by a template line, by a private
        // block, or by nothing is left out.
        for (text, expected) in [
            (
                format!("## Listen\n\n{q1}\n  Tired.\n{q2}\n{q3}\n"),
                format!("## Listen\n\n{q1}\n  Tired.\n"),
            ),
            (
                format!("## Listen\n\n{q1}\n  - the reorg\n{q2}\n"),
                format!("## Listen\n\n{q1}\n  - the reorg\n"),
            ),
            (
                format!("## Listen\n\n{q1}\n{q2}\n\nThe reorg.\n"),
                "## Listen\n\nThe reorg.\n".to_string(),
            ),
            (
                format!(
                    "## Listen\n\n{q1}\n\n_Watch for: clear on priorities? · ownership or just execution? · tension with other teams? · blockers quietly absorbed?_\n\n### Private\n\nS\n\n## Lift\n\nok\n"
                ),
                "## Lift\n\nok\n".to_string(),
            ),
            (
                format!("## Listen\n\n{q1}: the reorg\n"),
                format!("## Listen\n\n{q1}: the reorg\n"),
            ),
            (
                format!("## Listen\n\n- {q1}\n"),
                format!("## Listen\n\n- {q1}\n"),
            ),
            (format!("## Listen\n\n{q1}\n- [ ] \n- \n"), String::new()),
        ] {
            assert_eq!(copy(&text), expected, "{text}");
        }
    }

    #[test]
    fn carried_items_say_where_they_went_or_go() {
        let text = "## Follow-ups\r\n\r\n- [>] held venue\r\n  - [x] called them\r\n\
                    - [>] lost item\r\n  more of it\r\n- [>]\r\n  held on the next line\r\n\
                    - [ ] open\r\n";
        assert_eq!(
            copy(text),
            "## Follow-ups\r\n\r\n- [>] held venue (carried to 2026-11-24)\r\n  - [x] called them\r\n\
             - [>]\r\n  held on the next line (carried to 2026-11-24)\r\n- [ ] open\r\n"
        );
        // At the very end, with no line break.
        assert_eq!(copy("- [>] held"), "- [>] held (carried to 2026-11-24)\n");
        assert_eq!(copy("- [ ] a\n- [>] lost"), "- [ ] a\n");
    }

    #[test]
    fn only_sections_emptied_here_go_and_agenda_and_follow_ups_stay() {
        let text = "# 1:1\n\n## Agenda\n\n- \n\n## Notes\n\n## Listen\n\n_Make space: this time is theirs._\n\n\
                    ### Deeper\n\n- [ ] \n\n## Learn\n\n### Kept\n\nwords\n\n## Follow-ups\n\n- [ ] \n";
        assert_eq!(
            copy(text),
            "# 1:1\n\n## Agenda\n\n## Notes\n\n## Learn\n\n### Kept\n\nwords\n\n## Follow-ups\n"
        );
    }

    #[test]
    fn frontmatter_keeps_only_shared_values() {
        let text = "---\nperson: \"Alice\"   # SECRET\n-manager: SECRET\ndate: 2026-11-24\ntags: [a,\n SECRET]\n'date: x': SECRET\n---\nbody\n";
        let copy = shared_copy(text, Path::new("n.md"), &rules()).unwrap();
        assert_eq!(copy, "---\nperson: Alice\ndate: 2026-11-24\n---\nbody\n");
        let keep = Sharing::new(Some("Manager only"), &[], true);
        let copy = shared_copy(
            "---\nperson: A\nenergy: 2\nskill: 9\n---\n## Manager only\nx\n## Private\ny\n",
            Path::new("n.md"),
            &keep,
        )
        .unwrap();
        assert_eq!(copy, "---\nperson: A\nenergy: 2\n---\n");
        assert!(
            shared_copy(
                "---\nthis is prose\n---\nbody\n",
                Path::new("n.md"),
                &rules()
            )
            .is_err()
        );
        // A heading inside code is not a section.
        let code = "```\n## Private\n```\nvisible\n";
        assert_eq!(
            shared_copy(code, Path::new("n.md"), &rules()).unwrap(),
            code
        );
    }
}
