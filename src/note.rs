//! A note file as text: the optional UTF-8 byte order mark, the YAML
//! frontmatter between `---` fences, and the markdown body after it.
//!
//! Nothing here rewrites a note. [`Note::split`] only finds byte ranges, so
//! every offset it hands out points into the file exactly as it is on disk.

use std::ops::Range;

use chrono::NaiveDate;

/// The UTF-8 byte order mark some editors put at the start of a file.
const BOM: &str = "\u{feff}";

/// A note's text with its parts located.
#[derive(Debug, Clone)]
pub struct Note<'a> {
    /// The whole file, BOM included.
    pub text: &'a str,
    /// The YAML between the fences, if the file opens with frontmatter.
    pub frontmatter: Option<Range<usize>>,
    /// Where the markdown body starts (after the BOM and the frontmatter).
    pub body_start: usize,
}

impl<'a> Note<'a> {
    /// Locates the BOM, the frontmatter and the body of a note.
    ///
    /// Frontmatter is a first line of exactly `---` (trailing blanks allowed)
    /// closed by a later line of `---` or `...`. Without a closing fence the
    /// file has no frontmatter: GitHub renders such a first line as a rule.
    #[must_use]
    pub fn split(text: &'a str) -> Self {
        let start = if text.starts_with(BOM) { BOM.len() } else { 0 };
        let mut lines = LineSpans::new(text, start);
        let opens = lines
            .next()
            .is_some_and(|l| is_fence(&text[l.clone()], false));
        if opens {
            let yaml_start = lines.pos;
            for line in lines.by_ref() {
                // A block that is not `key: value` lines is not frontmatter
                // but a note opening with a rule (`---`): its text counts.
                if !looks_like_yaml(&text[line.clone()]) {
                    break;
                }
                if is_fence(&text[line.start..line.end], true) {
                    return Note {
                        text,
                        frontmatter: Some(yaml_start..line.start),
                        body_start: line_end_after(text, line.end),
                    };
                }
            }
        }
        Note {
            text,
            frontmatter: None,
            body_start: start,
        }
    }

    /// The markdown body.
    #[must_use]
    pub fn body(&self) -> &'a str {
        &self.text[self.body_start..]
    }
}

/// A heading of a note and the part of the note it heads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// 1 for `#`, 2 for `##`, ...
    pub level: usize,
    /// The heading's text as written, trimmed.
    pub title: String,
    /// 1-based line of the heading.
    pub line: usize,
    /// From the heading's first byte to the next heading of the same or a
    /// higher level (or the end of the file).
    pub range: Range<usize>,
    /// From after the heading's line to the end of `range`.
    pub content: Range<usize>,
}

impl Note<'_> {
    /// The line of the note's first `##` section, where the editor's
    /// cursor goes.
    #[must_use]
    pub fn first_section_line(&self) -> Option<usize> {
        self.sections()
            .iter()
            .find(|s| s.level >= 2)
            .map(|s| s.line)
    }

    /// The note's headings, in order, each with the range it heads, read
    /// without the task-list extension.
    #[must_use]
    pub fn sections(&self) -> Vec<Section> {
        use pulldown_cmark::{Options, Parser};
        let mut sections = SectionScan::new(self);
        for (event, range) in Parser::new_ext(self.body(), Options::empty()).into_offset_iter() {
            sections.step(&event, range);
        }
        sections.finish()
    }
}

/// A note's headings ([`Note::sections`]), read event by event: from the
/// events of a reading without the task-list extension, or of one with it
/// ([`SectionScan::finish_as_without_tasks`]).
#[derive(Debug)]
pub struct SectionScan<'a> {
    /// The whole note, and where its body starts.
    text: &'a str,
    base: usize,
    found: Vec<Section>,
    /// The heading being read: level, range, and its text as shown.
    open: Option<(usize, Range<usize>, String)>,
    /// Lines counted up to an offset: headings come in order, so a note
    /// of many headings is read once, not once per heading.
    counted: usize,
    line: usize,
    /// A task box was read where the extension makes other headings: in
    /// a heading, or with nothing after it on its line.
    moved: bool,
    /// Whether each heading's line is counted (see
    /// [`SectionScan::without_lines`]).
    lines: bool,
}

impl<'a> SectionScan<'a> {
    /// A reading of `note`'s headings.
    #[must_use]
    pub fn new(note: &Note<'a>) -> Self {
        SectionScan {
            text: note.text,
            base: note.body_start,
            found: Vec::new(),
            open: None,
            counted: 0,
            line: 1,
            moved: false,
            lines: true,
        }
    }

    /// A reading of `note`'s headings for their ranges alone: each
    /// [`Section::line`] is 0. Counting lines to the last heading (most
    /// notes end with one) is a reading of the whole note, which the
    /// follow-up scan, wanting only what is private, need not make.
    #[must_use]
    pub fn without_lines(note: &Note<'a>) -> Self {
        SectionScan {
            lines: false,
            line: 0,
            ..SectionScan::new(note)
        }
    }

    /// Whether [`SectionScan::step`] has anything to do with `event`: a
    /// heading's start or end, a task box, or text in a heading. (Most
    /// events are none of them: the test is made where the events are
    /// read, not in a call for each.)
    #[inline]
    #[must_use]
    pub fn wants(&self, event: &pulldown_cmark::Event<'_>) -> bool {
        use pulldown_cmark::{Event, Tag, TagEnd};
        match event {
            Event::Start(Tag::Heading { .. })
            | Event::End(TagEnd::Heading(_))
            | Event::TaskListMarker(_) => true,
            Event::Text(_) | Event::Code(_) | Event::SoftBreak | Event::HardBreak => {
                self.open.is_some()
            }
            _ => false,
        }
    }

    /// Reads one event of the note's body, at `range` in the body.
    pub fn step(&mut self, event: &pulldown_cmark::Event<'_>, range: Range<usize>) {
        use pulldown_cmark::{Event, Tag, TagEnd};
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                self.open = Some((*level as usize, range, String::new()));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, title)) = self.open.as_mut() {
                    title.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, _, title)) = self.open.as_mut() {
                    title.push(' ');
                }
            }
            Event::TaskListMarker(_) => {
                // Without the extension, `[x] Title` over `===` is a
                // heading with the box in its title (so the heading starts
                // elsewhere too); a box alone on its line see
                // [`box_alone_may_move`]. Elsewhere the box is the start of
                // a paragraph either way, and changes no heading.
                let at = self.base + range.start;
                self.moved |= self.open.is_some() || box_alone_may_move(self.text, at);
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, heading, title)) = self.open.take() {
                    let start = self.base + heading.start;
                    if self.lines {
                        self.line += count_newlines(&self.text.as_bytes()[self.counted..start]);
                        self.counted = start;
                    }
                    // Invisible characters do not make a different title
                    // (most titles have none, and no blank to trim: kept).
                    let mut title = if title.chars().any(is_invisible) {
                        title.chars().filter(|c| !is_invisible(*c)).collect()
                    } else {
                        title
                    };
                    if title.trim().len() != title.len() {
                        title = title.trim().to_string();
                    }
                    self.found.push(Section {
                        level,
                        title,
                        line: self.line,
                        range: start..self.text.len(),
                        content: self.base + heading.end..self.text.len(),
                    });
                }
            }
            _ => {}
        }
    }

    /// The headings read.
    #[must_use]
    pub fn finish(self) -> Vec<Section> {
        let mut found = self.found;
        // Each section runs to the next heading at its level or above.
        for i in 0..found.len() {
            let level = found[i].level;
            if let Some(end) = found[i + 1..]
                .iter()
                .find(|s| s.level <= level)
                .map(|s| s.range.start)
            {
                found[i].range.end = end;
                found[i].content.end = end.max(found[i].content.start);
            }
        }
        found
    }

    /// From a reading with the task-list extension, the headings as
    /// [`Note::sections`] reads them without it: `None` when a task box
    /// stands where the two readings may differ (then read them again).
    #[must_use]
    pub fn finish_as_without_tasks(self) -> Option<Vec<Section>> {
        (!self.moved).then(|| self.finish())
    }
}

/// Whether the task box at `at` in `text`, alone on its line, may make the
/// headings read with the task-list extension differ from those read
/// without it. Without it the box is a paragraph's text, which the lines
/// after it may continue (lazily too) and a `===` or `---` below may make
/// a heading; with it the list item starts empty, and a line less indented
/// than the box, or one after a blank line, is read in another place.
/// True where that may matter: a line after it less indented than the box,
/// or after a blank line one indented as much; an underline before the
/// next blank line; anything in a block quote.
fn box_alone_may_move(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    let line_start = bytes[..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let prefix = &bytes[line_start..at];
    let rest = &bytes[at..];
    let end = memchr::memchr(b'\n', rest).map_or(rest.len(), |i| i + 1);
    // After the box (`[ ]`, three bytes): text, or nothing?
    let after_box = rest.get(3..end).unwrap_or_default();
    if !is_blank_line(after_box) {
        return false;
    }
    if prefix.contains(&b'>') {
        return true;
    }
    let column = indent_width(prefix, prefix.len());
    let mut lines = rest[end..].split(|&b| b == b'\n');
    let Some(next) = lines.next().filter(|_| end < rest.len()) else {
        return false;
    };
    let quoted = |line: &[u8]| line.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'>');
    let lead = |line: &[u8]| {
        line.iter()
            .take_while(|&&b| b == b' ' || b == b'\t')
            .count()
    };
    if is_blank_line(next) {
        return match lines.find(|line| !is_blank_line(line)) {
            Some(line) => quoted(line) || indent_width(line, lead(line)) >= column,
            None => false,
        };
    }
    if quoted(next) || indent_width(next, lead(next)) < column {
        return true;
    }
    std::iter::once(next)
        .chain(lines)
        .take_while(|line| !is_blank_line(line))
        .any(is_underline)
}

/// Only blanks (and a line end).
fn is_blank_line(line: &[u8]) -> bool {
    line.iter()
        .all(|&b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
}

/// Could underline a setext heading (or be a thematic break): only `=`,
/// or only `-`, among blanks.
fn is_underline(line: &[u8]) -> bool {
    let mut marks = line.iter().filter(|&&b| !matches!(b, b' ' | b'\t' | b'\r'));
    match marks.next() {
        Some(&first @ (b'=' | b'-')) => marks.all(|&b| b == first),
        _ => false,
    }
}

/// The columns the first `upto` bytes of `line` take, a tab to the next
/// multiple of 4 (as CommonMark counts indentation).
fn indent_width(line: &[u8], upto: usize) -> usize {
    line[..upto].iter().fold(0, |column, &b| {
        if b == b'\t' {
            column + 4 - column % 4
        } else {
            column + 1
        }
    })
}

/// Zero-width and other format characters that do not show.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{00ad}' | '\u{202a}'..='\u{202e}')
}

/// Reads `YYYY-MM-DD` at the start of `s` (a timestamp after it is allowed).
#[must_use]
pub fn parse_date_prefix(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let head = s.get(..10)?;
    let rest = &s[10..];
    if !(rest.is_empty() || rest.starts_with(['T', ' ', '-', '_', '.'])) {
        return None;
    }
    // Digits where a date written in full has them: read as they are
    // (every note file name is one, and `people` reads 100,000 of them;
    // chrono's parser took 5% of its time). Anything else as chrono
    // reads it.
    let b = head.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10) {
        let n = |r: std::ops::Range<usize>| head[r].parse::<u32>().ok();
        let year = i32::try_from(n(0..4)?).ok()?;
        return NaiveDate::from_ymd_opt(year, n(5..7)?, n(8..10)?);
    }
    NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
}

/// True for a line that can stand in YAML frontmatter: blank, a comment,
/// indented (a nested value), a list item, a `key:` line, or a fence.
fn looks_like_yaml(line: &str) -> bool {
    let l = line.trim_end_matches('\r');
    // Blank, comment, nested, list item, complex key (`? k` / `: v`),
    // flow mapping, or a fence.
    if l.trim().is_empty()
        || l.starts_with([' ', '\t', '#', '-', '?', ':', '{', '['])
        || is_fence(l, true)
    {
        return true;
    }
    // A key, plain or quoted, then (blanks and) a colon at the end or
    // before a blank.
    let key_end = if l.starts_with(['"', '\'']) {
        let quote = &l[..1];
        l[1..].find(quote).map(|i| i + 2)
    } else {
        l.find(": ")
            .or_else(|| l.find(":\t"))
            .or_else(|| l.ends_with(':').then(|| l.len() - 1))
    };
    key_end.is_some_and(|end| {
        let rest = l[end..].trim_start_matches([' ', '\t']);
        (rest == ":" || rest.starts_with(": ") || rest.starts_with(":\t"))
            && !l[..end].trim().is_empty()
    })
}

/// True for a fence line: `---`, or `...` when closing.
fn is_fence(line: &str, closing: bool) -> bool {
    let line = line.trim_end_matches([' ', '\t', '\r']);
    // An opening fence may carry a comment: `--- # about Alice`.
    let opening_with_comment = !closing
        && line
            .strip_prefix("---")
            .is_some_and(|r| r.trim_start().starts_with('#') && r.starts_with([' ', '\t']));
    line == "---" || opening_with_comment || (closing && line == "...")
}

/// The offset just past the line ending that follows `end`, if any.
fn line_end_after(text: &str, end: usize) -> usize {
    match text.as_bytes().get(end) {
        Some(b'\n') => end + 1,
        _ => end,
    }
}

/// The line of the first git conflict marker (`<<<<<<< ` at the start of
/// a line outside a code block), when the text holds a whole conflict (a
/// `>>>>>>> ` line after it, wherever it stands: a side of the conflict
/// may open a code block the other closes). A conflict quoted in a code
/// block is an example, not a conflict.
#[must_use]
pub fn conflict_marker(text: &str) -> Option<usize> {
    const OPENS: &str = "<<<<<<< ";
    // Most notes have none: no parse.
    let candidate = memchr::memmem::find(text.as_bytes(), OPENS.as_bytes())?;
    let code = code_blocks(text);
    let in_code = |at: usize| code.iter().any(|r| r.contains(&at));
    let mut first = None;
    let mut start = 0;
    for (n, line) in text.split('\n').enumerate() {
        let at = start;
        start += line.len() + 1;
        if first.is_none() {
            if at + line.len() >= candidate && line.starts_with(OPENS) && !in_code(at) {
                first = Some(n + 1);
            }
        } else if line.starts_with(">>>>>>> ") {
            return first;
        }
    }
    None
}

/// The byte ranges, in the whole text, of the code blocks (fenced or
/// indented) of its body, as GitHub reads them.
fn code_blocks(text: &str) -> Vec<Range<usize>> {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let note = Note::split(text);
    let base = note.body_start;
    Parser::new_ext(note.body(), Options::ENABLE_TASKLISTS)
        .into_offset_iter()
        .filter(|(event, _)| matches!(event, Event::Start(Tag::CodeBlock(_))))
        .map(|(_, r)| base + r.start..base + r.end)
        .collect()
}

/// The line ending a text uses: `\r\n` when it has any, else `\n`. Lines
/// oneonone adds to a file use it, so a CRLF file stays CRLF.
#[must_use]
pub fn line_ending(text: &str) -> &'static str {
    if text.contains("\r\n") { "\r\n" } else { "\n" }
}

/// The 1-based line number of a byte offset.
#[must_use]
pub fn line_number(text: &str, offset: usize) -> usize {
    1 + count_newlines(&text.as_bytes()[..offset])
}

/// How many `\n` bytes there are.
#[must_use]
pub fn count_newlines(bytes: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', bytes).count()
}

/// Iterates over the lines of `text` from `pos`, yielding each line's range
/// without its `\n` (a `\r` before it stays, for the caller to trim).
pub(crate) struct LineSpans<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> LineSpans<'a> {
    pub(crate) fn new(text: &'a str, pos: usize) -> Self {
        LineSpans { text, pos }
    }
}

impl Iterator for LineSpans<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        if self.pos >= self.text.len() {
            return None;
        }
        let start = self.pos;
        let end = memchr::memchr(b'\n', &self.text.as_bytes()[start..])
            .map_or(self.text.len(), |i| start + i);
        self.pos = if end < self.text.len() { end + 1 } else { end };
        Some(start..end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Error, Result};
    use crate::frontmatter::{Frontmatter, simple_frontmatter};
    use std::path::Path;

    fn fm(text: &str) -> Result<Frontmatter> {
        Note::split(text).frontmatter(Path::new("n.md"))
    }

    #[test]
    fn splits_frontmatter_and_body() {
        let text = "---\nperson: Alice\ndate: 2026-11-24\n---\n# Hi\n";
        let note = Note::split(text);
        assert_eq!(
            &text[note.frontmatter.clone().unwrap()],
            "person: Alice\ndate: 2026-11-24\n"
        );
        assert_eq!(note.body(), "# Hi\n");
        assert_eq!(
            fm(text).unwrap(),
            Frontmatter {
                person: Some("Alice".into()),
                date: NaiveDate::from_ymd_opt(2026, 11, 24),
                ..Frontmatter::default()
            }
        );
        let tags = fm("---\ntags: [growth, 2026]\nframework: start-stop-continue\n---\n").unwrap();
        assert_eq!(tags.tags, ["growth", "2026"]);
        assert_eq!(tags.framework.as_deref(), Some("start-stop-continue"));
        assert_eq!(fm("---\ntags: solo\n---\n").unwrap().tags, ["solo"]);
    }

    #[test]
    fn handles_bom_crlf_and_dots_fence() {
        let text = "\u{feff}---\r\nperson: 'Zoë'\r\n...\r\nbody\r\n";
        let note = Note::split(text);
        assert_eq!(note.body(), "body\r\n");
        assert_eq!(fm(text).unwrap().person.as_deref(), Some("Zoë"));
    }

    #[test]
    fn a_rule_then_prose_is_not_frontmatter() {
        let text = "---\nSome intro text, not YAML.\n\n- [ ] a task\n---\nmore\n";
        assert_eq!(Note::split(text).frontmatter, None);
        let yaml =
            "---\nperson: A\n\"quoted key\": 1\nlist:\n  - x\n- y\n# c\nurl: http://x\n---\n";
        assert!(Note::split(yaml).frontmatter.is_some());
    }

    #[test]
    fn no_frontmatter_without_closing_fence_or_at_start() {
        for text in [
            "---\nperson: A\n# no close\n",
            "\n---\nperson: A\n---\n",
            "x\n",
        ] {
            let note = Note::split(text);
            assert_eq!(note.frontmatter, None, "{text:?}");
            assert_eq!(note.body_start, 0);
        }
        assert_eq!(fm("---\n---\nbody").unwrap(), Frontmatter::default());
    }

    #[test]
    fn frontmatter_errors_name_the_line() {
        let err = fm("---\nperson: Alice\ndate: [2026\n---\n").unwrap_err();
        let shown = err.to_string();
        assert!(shown.starts_with("n.md:"), "{shown}");
        let Error::Yaml { location, .. } = err else {
            panic!("{err:?}")
        };
        assert!(location.line >= 3, "{location:?}");

        let err = fm("---\nperson: Alice\ndate: someday\n---\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "n.md:3: `date: \"someday\"` is not a date; write it as YYYY-MM-DD"
        );
        let err = fm("---\n- a\n- b\n---\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "n.md:2: frontmatter is not a mapping of `key: value` lines"
        );
    }

    #[test]
    fn reads_date_prefixes() {
        assert_eq!(
            parse_date_prefix("2026-11-24"),
            NaiveDate::from_ymd_opt(2026, 11, 24)
        );
        assert_eq!(
            parse_date_prefix("2026-11-24-2"),
            NaiveDate::from_ymd_opt(2026, 11, 24)
        );
        assert_eq!(
            parse_date_prefix("2026-11-24T10:00"),
            NaiveDate::from_ymd_opt(2026, 11, 24)
        );
        assert_eq!(parse_date_prefix("2026-11-245"), None);
        assert_eq!(parse_date_prefix("2026-13-01"), None);
        assert_eq!(parse_date_prefix("notes"), None);
    }

    #[test]
    fn issue16_the_fast_date_read_is_chrono_s() {
        // Every day of every month (and the days that are not) of a few
        // years, and heads chrono reads its own way: the same answer.
        let chrono = |s: &str| {
            let s = s.trim();
            let rest_ok = s
                .get(10..)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(['T', ' ', '-', '_', '.']));
            s.get(..10)
                .filter(|_| rest_ok)
                .and_then(|head| NaiveDate::parse_from_str(head, "%Y-%m-%d").ok())
        };
        let mut tried = 0;
        for year in ["0000", "0001", "1999", "2024", "2026", "9999"] {
            for month in 0..=13 {
                for day in 0..=32 {
                    let s = format!("{year}-{month:02}-{day:02}.md");
                    assert_eq!(parse_date_prefix(&s), chrono(&s), "{s}");
                    tried += 1;
                }
            }
        }
        for s in [
            "02026-1-05",
            "+202-01-05",
            "2026-1-5xx",
            "2026-1-055",
            " 2026-02-29",
            "2024-02-29",
            "2026-02-3a",
            "２０２６-01-01",
            "2026/01/01",
            "2026-01-01x",
        ] {
            assert_eq!(parse_date_prefix(s), chrono(s), "{s}");
        }
        assert_eq!(tried, 6 * 14 * 33);
    }

    #[test]
    fn finds_sections_and_their_extent() {
        let text = "---\nperson: A\n---\n# Title\n\n## Lift\nhelp\n### Sub\nmore\n## Follow-ups\n- [ ] x\n";
        let sections = Note::split(text).sections();
        let titles: Vec<(&str, usize, usize)> = sections
            .iter()
            .map(|s| (s.title.as_str(), s.level, s.line))
            .collect();
        assert_eq!(
            titles,
            [
                ("Title", 1, 4),
                ("Lift", 2, 6),
                ("Sub", 3, 8),
                ("Follow-ups", 2, 10)
            ]
        );
        assert_eq!(&text[sections[1].content.clone()], "help\n### Sub\nmore\n");
        assert_eq!(&text[sections[3].content.clone()], "- [ ] x\n");
        assert_eq!(sections[0].range.end, text.len());
        let setext = Note::split("Agenda\n======\n\ntext\n").sections();
        assert_eq!(setext[0].title, "Agenda");
    }

    #[test]
    fn simple_frontmatter_reads_as_the_yaml_parser_does() {
        for yaml in [
            "person: Alice Smith\ndate: 2026-11-24\nframework: listen-learn-lift\ntags: []\nenergy: 3\nchallenge:\nskill: 12\n",
            "person: José O-Brien  # the new lead\n# a comment\ntags: [growth, hiring, 2026]\ndate: 2026-01-05\n",
            "person: 42\ntags: solo\n",
            "person:\ndate:\n",
        ] {
            let text = format!("---\n{yaml}---\n");
            let note = Note::split(&text);
            let simple = simple_frontmatter(&text[note.frontmatter.clone().unwrap()]).expect(yaml);
            assert_eq!(
                Some(simple),
                note.parse_frontmatter(Path::new("n.md")).0.into(),
                "{yaml}"
            );
        }
        for yaml in [
            "person: 'Alice'\n",
            "person: true\n",
            "person: 007\n",
            "date: 2026-11-24T10:00\n",
            "a: 1\na: 2\n",
            "person: Alice: Smith\n",
            "tags: [a, [b]]\n",
            "nested:\n  key: v\n",
            "person: &a Bo\n",
            "p:x\n",
            "date: someday\n",
            "person: Alice  Smith\n",
        ] {
            assert_eq!(simple_frontmatter(yaml), None, "{yaml}");
        }
    }

    #[test]
    fn counts_lines() {
        assert_eq!(line_number("a\nb\r\nc", 0), 1);
        assert_eq!(line_number("a\nb\r\nc", 2), 2);
        assert_eq!(line_number("a\nb\r\nc", 5), 3);
    }

    #[test]
    fn conflict_markers_count_outside_code_only() {
        let conflict = "<<<<<<< HEAD\nmine\n=======\ntheirs\n>>>>>>> branch\n";
        assert_eq!(conflict_marker(conflict), Some(1));
        assert_eq!(
            conflict_marker(&format!("---\nperson: A\n---\n{conflict}")),
            Some(4)
        );
        // Quoted in a fenced code block, or not at the start of a line.
        assert_eq!(
            conflict_marker(&format!("intro\n\n```\n{conflict}```\n")),
            None
        );
        assert_eq!(
            conflict_marker(&format!("~~~md\n{conflict}~~~\n- [>] x\n")),
            None
        );
        assert_eq!(conflict_marker(" <<<<<<< HEAD\nx\n>>>>>>> b\n"), None);
        // A side may open a code block: the closing marker counts anywhere.
        let opened = "<<<<<<< HEAD\n```\nmine\n=======\ntheirs\n>>>>>>> branch\n";
        assert_eq!(conflict_marker(opened), Some(1));
        // After an example, a real conflict is found.
        let both = format!("```\n{conflict}```\n\n{conflict}");
        assert_eq!(conflict_marker(&both), Some(9));
        // Conflicted frontmatter counts.
        assert_eq!(
            conflict_marker(&format!("---\n{conflict}---\nbody\n")),
            Some(2)
        );
    }
}
