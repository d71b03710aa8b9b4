//! Which bytes of a note are private: the one answer that the shared copy,
//! `prep`'s "last time", carry-over and the follow-up scan (which marks
//! each item private or not) all use; and [`Sharing`], the notebook's rules
//! it is decided by. It depends on no other part of the shared copy, so
//! that the follow-up scan can ask it without a loop.
//!
//! What counts is what a reader sees rendered, not how it is spelled:
//! - a markdown heading, or an HTML `<h1>`..`<h6>` (in an HTML block or
//!   inline), whose text shows as the private name, starts a private
//!   section that runs to the next markdown heading of the same or a
//!   higher level that is one of the note's own sections;
//! - a `<details>` block whose first `<summary>` shows as the private name
//!   goes whole, to its matching `</details>` (or the end of the note).
//!
//! "Shows as" folds what a reader cannot tell apart: NFKC (fullwidth
//! `Ｐrivate`, mathematical letters), case, accents, look-alikes from other
//! scripts (UTS #39 confusable skeletons: Cyrillic `Р`), HTML tags and
//! entities, emoji and zero-width characters. When in doubt, more is
//! private: every range is whole lines.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::note::Note;

/// The heading of the private section when oneonone.yaml does not say.
pub const DEFAULT_PRIVATE_HEADING: &str = "Private";

/// What is private in a notebook's notes, and whether the check-ins are
/// shared.
#[derive(Debug, Clone)]
pub struct Sharing {
    /// Names that start a private section, folded as they show.
    pub private: Vec<Folded>,
    /// Headings that end one: the note's own sections (lowercase).
    pub sections: Vec<String>,
    /// Whether the check-in fields stay.
    pub share_checkins: bool,
}

impl Sharing {
    /// The rules for a notebook: its private heading and `Private`, and the
    /// sections of every framework plus Agenda and Follow-ups.
    #[must_use]
    pub fn new(
        private_heading: Option<&str>,
        framework_headings: &[String],
        share_checkins: bool,
    ) -> Self {
        let mut private = vec![Folded::new(DEFAULT_PRIVATE_HEADING)];
        if let Some(h) = private_heading.map(str::trim).filter(|h| !h.is_empty()) {
            private.push(Folded::new(h));
        }
        let mut sections: Vec<String> = framework_headings
            .iter()
            .map(|h| h.trim().to_lowercase())
            .collect();
        sections.extend(["agenda".to_string(), "follow-ups".to_string()]);
        Sharing {
            private,
            sections,
            share_checkins,
        }
    }

    /// The rules for a notebook, from its settings and its bank.
    #[must_use]
    pub fn for_notebook(config: &crate::config::Config, bank: &crate::bank::Bank) -> Self {
        let headings: Vec<String> = bank
            .frameworks
            .iter()
            .flat_map(|f| f.sections.iter().map(|s| s.heading.clone()))
            .collect();
        Sharing::new(
            config.private_section.as_deref(),
            &headings,
            config.share_checkins.unwrap_or(false),
        )
    }

    /// Whether a heading's or summary's text, as it shows, starts with one
    /// of the private names.
    #[must_use]
    pub fn is_private(&self, title: &str) -> bool {
        is_private_title(&self.private, title)
            || after_task_box(title).is_some_and(|rest| is_private_title(&self.private, rest))
    }

    /// A fingerprint of what decides the private ranges (the names and the
    /// sections that end them): what was found private under other rules
    /// is not reused (the follow-up cache keeps it beside its entries).
    #[must_use]
    pub fn fingerprint(&self) -> u64 {
        let mut hasher = blake3::Hasher::new();
        for name in &self.private {
            for part in [&name.dropped, &name.split] {
                hasher.update(part.as_bytes());
                hasher.update(b"\0");
            }
        }
        hasher.update(b"\x01");
        for section in &self.sections {
            hasher.update(section.as_bytes());
            hasher.update(b"\0");
        }
        let mut first = [0; 8];
        first.copy_from_slice(&hasher.finalize().as_bytes()[..8]);
        u64::from_le_bytes(first)
    }
}

/// How much of a heading's or summary's text is read: enough to see
/// how it starts.
const TITLE_CAP: usize = 256;

/// Stands for an HTML tag in a captured title: gone in one reading
/// (`<b>Pri</b>vate`), a word break in the other (`Private<br>notes`).
const TAG: char = '\u{fffc}';

/// A name as it shows, folded for matching: lowercase skeleton letters and
/// digits, words split by single spaces. Two readings: symbols, emoji and
/// tags dropped (`Pri🔒vate` is `private`) or taken as word breaks
/// (`Private🔒notes` is `private notes`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folded {
    dropped: String,
    split: String,
}

impl Folded {
    /// Folds a heading or summary text, or a configured name.
    #[must_use]
    pub fn new(shown: &str) -> Self {
        Folded {
            dropped: fold(shown, false),
            split: fold(shown, true),
        }
    }

    /// Whether the title, as shown, starts with this name as a whole word
    /// (`Private notes`, `🔒 Private:`, not `Privately`) in either reading.
    fn starts(&self, title: &Folded) -> bool {
        [&title.dropped, &title.split].into_iter().any(|t| {
            [&self.dropped, &self.split].into_iter().any(|name| {
                !name.is_empty()
                    && t.strip_prefix(name.as_str())
                        .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
            })
        })
    }
}

/// A heading's title after a task box it opens with: a heading in a task
/// item (`- [x] Private` over a `===` line) is read here without the
/// task-list extension, so its box is text, where GitHub shows a box and
/// then `Private`. Only for what is private, never for what ends it: more
/// is private, never less.
fn after_task_box(title: &str) -> Option<&str> {
    let rest = title.trim_start();
    let rest = ["[ ]", "[x]", "[X]"]
        .into_iter()
        .find_map(|tick| rest.strip_prefix(tick))?;
    rest.starts_with(char::is_whitespace).then_some(rest)
}

/// Whether a title, as shown, starts with one of the private names.
#[must_use]
pub fn is_private_title(names: &[Folded], title: &str) -> bool {
    let title = Folded::new(title);
    names.iter().any(|name| name.starts(&title))
}

/// One reading of `s`, folded; see [`Folded`].
fn fold(s: &str, symbols_split: bool) -> String {
    // ASCII is its own NFKC form, and its letters fold by a table made
    // once: every heading of every note with an open item is folded by the
    // follow-up scan.
    static ASCII: std::sync::LazyLock<Vec<Vec<char>>> =
        std::sync::LazyLock::new(|| (0..128u8).map(|b| fold_char(char::from(b))).collect());
    let ascii = s.is_ascii();
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    let chars: Box<dyn Iterator<Item = char>> = if ascii {
        Box::new(s.chars())
    } else {
        Box::new(s.nfkc())
    };
    for c in chars {
        if c.is_alphanumeric() {
            let computed;
            let folded_chars: &[char] = if c.is_ascii() {
                &ASCII[c as usize]
            } else {
                computed = fold_char(c);
                &computed
            };
            for &folded in folded_chars {
                if folded.is_alphanumeric() {
                    if pending_space && !out.is_empty() {
                        out.push(' ');
                    }
                    pending_space = false;
                    out.push(if folded == 'l' { 'i' } else { folded });
                } else if !is_combining_mark(folded) {
                    pending_space = true;
                }
            }
        } else if c.is_whitespace() || c.is_ascii_punctuation() || symbols_split {
            pending_space = true;
        }
    }
    out
}

/// The letter or digit a reader takes `c` for, lowercase: its confusable
/// skeleton, read from the lowercase form first (`I` is `i`, not the `l`
/// the skeleton gives it), else from the character as written (Cyrillic
/// `Т` is `T`, its lowercase `т` has no Latin look-alike). `l` and `i` are
/// one letter to the caller: `I`, `l` and `1` look alike.
fn fold_char(c: char) -> Vec<char> {
    let ascii = |v: &String| v.is_ascii();
    // Latin letters go through the skeleton too (`m` is `rn`), so that a
    // look-alike folds to what the letter it looks like folds to.
    let canonical = |s: &str| -> String {
        let lower: String = s.chars().flat_map(char::to_lowercase).collect();
        unicode_security::skeleton(&lower)
            .flat_map(char::to_lowercase)
            .collect()
    };
    let lower = canonical(&c.to_string());
    if ascii(&lower) {
        return lower.chars().collect();
    }
    let as_written: String = unicode_security::skeleton(&c.to_string()).collect();
    if ascii(&as_written) {
        return canonical(&as_written).chars().collect();
    }
    lower.chars().collect()
}

/// The byte ranges of everything private in the note: sorted, merged,
/// whole lines.
#[must_use]
pub fn private_ranges(note: &Note<'_>, rules: &Sharing) -> Vec<Range<usize>> {
    private_ranges_in(note, rules, &note.sections())
}

/// [`private_ranges`] for a note whose [`Note::sections`] are read
/// already.
#[must_use]
pub fn private_ranges_in(
    note: &Note<'_>,
    rules: &Sharing,
    sections: &[crate::note::Section],
) -> Vec<Range<usize>> {
    let text = note.text;
    // Only a `<details` or an `<hN` tag can start a private range (an
    // entity like `&lt;` is text, not a tag): most notes need no second
    // reading for their HTML.
    let html = if may_hold_private_html(note.body().as_bytes()) {
        scan_html(note, &rules.private)
    } else {
        HtmlFinds::default()
    };
    let private: Vec<bool> = sections
        .iter()
        .map(|s| rules.is_private(&s.title))
        .collect();
    // What ends a private section at each level: the starts of the note's
    // own sections at that level or higher, in order (found by binary
    // search, so a note of many private headings stays linear-ish).
    let mut enders: [Vec<usize>; 7] = Default::default();
    for (s, &is_private) in sections.iter().zip(&private) {
        if !is_private && rules.sections.contains(&s.title.to_lowercase()) {
            for ends in enders.iter_mut().skip(s.level.min(6)) {
                ends.push(s.range.start);
            }
        }
    }
    let end_after = |at: usize, level: usize| {
        let ends = &enders[level.min(6)];
        ends.get(ends.partition_point(|&start| start <= at))
            .map_or(text.len(), |&start| line_start(text, start))
    };
    let mut cut = Vec::new();
    let headings = sections
        .iter()
        .zip(&private)
        .filter(|(_, is_private)| **is_private)
        .map(|(s, _)| (s.level, s.range.start))
        .chain(
            html.headings
                .iter()
                .filter(|h| rules.is_private(&h.title))
                .map(|h| (h.level, h.at)),
        );
    for (level, at) in headings {
        // Whole lines: a heading in a list item (`- ## Private`) takes its
        // marker along, and no two lines are joined.
        cut.push(line_start(text, at)..end_after(at, level));
    }
    cut.extend(html.details);
    merge(cut)
}

/// False only when `body` certainly holds no `<details` and no `<h1` to
/// `<h6` tag (in any case).
fn may_hold_private_html(body: &[u8]) -> bool {
    memchr::memchr_iter(b'<', body).any(|at| {
        let rest = &body[at + 1..];
        let details = rest
            .get(..7)
            .is_some_and(|name| name.eq_ignore_ascii_case(b"details"));
        let heading = matches!(rest, [b'h' | b'H', b'1'..=b'6', ..]);
        details || heading
    })
}

/// Whether `range` overlaps a private range; `private` sorted and merged,
/// as [`private_ranges`] gives it (a binary search, not a scan).
#[must_use]
pub fn touches(private: &[Range<usize>], range: &Range<usize>) -> bool {
    let first = private.partition_point(|p| p.end <= range.start);
    private.get(first).is_some_and(|p| p.start < range.end)
}

/// Sorted, with overlapping or touching ranges joined.
pub(super) fn merge(mut cut: Vec<Range<usize>>) -> Vec<Range<usize>> {
    cut.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(cut.len());
    for r in cut {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// The start of the line holding `offset`. A lone `\r` ends a line too,
/// as it does for pulldown-cmark: a note saved with old Mac line ends
/// has its private sections found and cut like any other.
pub(super) fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1)
}

/// The end of the line that the byte range ending at `end` ends on, its
/// line break included.
pub(super) fn line_end(text: &str, end: usize) -> usize {
    let before = &text[..end];
    let from = if before.ends_with('\n') || before.is_empty() {
        return end;
    } else if before.ends_with('\r') {
        end - 1
    } else {
        match text[end..].find(['\n', '\r']) {
            Some(i) => end + i,
            None => return text.len(),
        }
    };
    if text[from..].starts_with("\r\n") {
        from + 2
    } else {
        from + 1
    }
}

/// What the note's HTML says: private `<hN>` headings and private
/// `<details>` blocks.
#[derive(Debug, Default)]
struct HtmlFinds {
    headings: Vec<HtmlHeading>,
    details: Vec<Range<usize>>,
}

#[derive(Debug)]
struct HtmlHeading {
    level: usize,
    at: usize,
    title: String,
}

/// An open `<details>`.
#[derive(Debug)]
struct Details {
    start: usize,
    private: bool,
    /// Its first `<summary>` has not been seen yet.
    awaiting_summary: bool,
}

/// Reads the HTML of a note, tag by tag: the raw HTML of HTML blocks and
/// inline HTML, with the text between the tags (and the markdown text
/// around inline tags) as the tags' content.
#[derive(Debug)]
struct HtmlScan<'r> {
    /// The private names, folded.
    names: &'r [Folded],
    found: HtmlFinds,
    details: Vec<Details>,
    summary: Option<String>,
    heading: Option<HtmlHeading>,
    /// A tag or comment that goes on in the next piece of raw HTML.
    partial: Option<String>,
}

fn scan_html(note: &Note<'_>, names: &[Folded]) -> HtmlFinds {
    let base = note.body_start;
    let text = note.text;
    let mut scan = HtmlScan {
        names,
        found: HtmlFinds::default(),
        details: Vec::new(),
        summary: None,
        heading: None,
        partial: None,
    };
    for (event, range) in Parser::new_ext(note.body(), Options::empty()).into_offset_iter() {
        let at = base + range.start;
        let end = base + range.end;
        match event {
            Event::Html(raw) | Event::InlineHtml(raw) => scan.raw(text, &raw, at, end),
            Event::Text(t) | Event::Code(t) => {
                scan.partial = None;
                // Already decoded: a `&lt;` is not a tag.
                scan.content(&t.replace('<', " "));
            }
            Event::SoftBreak | Event::HardBreak => scan.content(" "),
            // A tag does not go on past its block. A summary's or
            // heading's text does: GitHub shows `<summary>`, a blank line,
            // `**Private**` as a summary in bold.
            Event::End(_) | Event::Start(Tag::HtmlBlock) => scan.partial = None,
            _ => {}
        }
    }
    scan.end_heading();
    scan.end_summary();
    // A private block left open runs to the end of the note.
    if let Some(open) = scan.details.iter().find(|d| d.private) {
        scan.found.details.push(open.start..text.len());
    }
    scan.found
}

impl HtmlScan<'_> {
    /// One piece of raw HTML at `at..end` in the note.
    fn raw(&mut self, text: &str, raw: &str, at: usize, end: usize) {
        let joined;
        let mut rest = match self.partial.take() {
            Some(mut before) => {
                before.push_str(raw);
                joined = before;
                joined.as_str()
            }
            None => raw,
        };
        while !rest.is_empty() {
            let Some(lt) = rest.find('<') else {
                self.content(&decode(rest));
                return;
            };
            self.content(&decode(&rest[..lt]));
            rest = &rest[lt..];
            if rest.starts_with("<!--") {
                let Some(close) = rest.find("-->") else {
                    self.partial = Some(rest.to_string());
                    return;
                };
                rest = &rest[close + 3..];
                continue;
            }
            let Some(close) = tag_end(rest) else {
                // `<` then a letter or `/`: a tag that goes on in the next
                // line of the block; anything else is text.
                if rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/') {
                    self.partial = Some(rest.to_string());
                    return;
                }
                self.content("<");
                rest = &rest[1..];
                continue;
            };
            self.tag(text, &rest[..close], at, end);
            rest = &rest[close..];
        }
    }

    /// One tag, `<...>`, of the raw HTML at `at..end`.
    fn tag(&mut self, text: &str, tag: &str, at: usize, end: usize) {
        let inner = &tag[1..tag.len() - 1];
        let (closing, inner) = match inner.strip_prefix('/') {
            Some(rest) => (true, rest),
            None => (false, inner),
        };
        let name: String = inner
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        let heading_level = name
            .strip_prefix('h')
            .and_then(|n| n.parse::<usize>().ok())
            .filter(|n| (1..=6).contains(n));
        match (closing, name.as_str(), heading_level) {
            (false, "details", _) => {
                self.end_summary();
                self.details.push(Details {
                    start: line_start(text, at),
                    private: false,
                    awaiting_summary: true,
                });
            }
            (true, "details", _) => {
                self.end_summary();
                if let Some(done) = self.details.pop()
                    && done.private
                    && !self.details.iter().any(|d| d.private)
                {
                    self.found.details.push(done.start..line_end(text, end));
                }
            }
            (false, "summary", _) => {
                if let Some(open) = self.details.last_mut()
                    && open.awaiting_summary
                {
                    open.awaiting_summary = false;
                    self.summary = Some(String::new());
                }
            }
            (true, "summary", _) => self.end_summary(),
            (false, _, Some(level)) => {
                self.end_heading();
                self.heading = Some(HtmlHeading {
                    level,
                    at,
                    title: String::new(),
                });
            }
            (true, _, Some(_)) => self.end_heading(),
            _ => self.content(&TAG.to_string()),
        }
    }

    /// Text a reader sees, inside whatever is being read; only how it
    /// starts matters.
    fn content(&mut self, shown: &str) {
        for title in [
            self.summary.as_mut(),
            self.heading.as_mut().map(|h| &mut h.title),
        ]
        .into_iter()
        .flatten()
        {
            if title.len() < TITLE_CAP {
                title.push_str(shown);
            }
        }
    }

    fn end_summary(&mut self) {
        if let Some(summary) = self.summary.take()
            && let Some(open) = self.details.last_mut()
        {
            open.private = is_private_title(self.names, &summary);
        }
    }

    fn end_heading(&mut self) {
        if let Some(heading) = self.heading.take() {
            self.found.headings.push(heading);
        }
    }
}

/// The length of the tag at the start of `s` (`<` first), quotes in its
/// attributes honoured, or `None` when it does not close in `s`.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// Raw HTML text with its character references decoded (`Priv&#97;te`),
/// its blanks at either end kept as word breaks.
fn decode(raw: &str) -> String {
    if !raw.contains('&') {
        return raw.to_string();
    }
    let mut out = String::new();
    if raw.starts_with(char::is_whitespace) {
        out.push(' ');
    }
    for event in Parser::new_ext(raw, Options::empty()) {
        if let Event::Text(t) | Event::Code(t) = event {
            out.push_str(&t);
        }
    }
    if raw.ends_with(char::is_whitespace) {
        out.push(' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn look_alikes_fold_to_the_letters_they_look_like() {
        let private = Folded::new("Private");
        for shown in [
            "Private",
            "PRIVATE",
            "private notes",
            "\u{ff30}rivate",
            "\u{0420}rivate",
            "\u{0420}RIV\u{0410}\u{0422}\u{0415}",
            "\u{1d40f}\u{1d42b}\u{1d422}\u{1d42f}\u{1d41a}\u{1d42d}\u{1d41e}",
            "Pr\u{ed}vate",
            "Pri\u{200b}vate",
            "🔒 Private:",
            "Pri🔒vate",
            "Private🔒notes",
            "Private\u{fffc}notes",
            "P\u{0433}ivate",
        ] {
            assert!(private.starts(&Folded::new(shown)), "{shown}");
        }
        for shown in ["Privately", "Privacy", "Prime", "Pri vate", "Not private"] {
            assert!(!private.starts(&Folded::new(shown)), "{shown}");
        }
        let manager = Folded::new("\u{041c}anager only");
        assert!(manager.starts(&Folded::new("Manager only")));
        assert!(manager.starts(&Folded::new("\u{ff2d}anager \u{041e}nly")));
        assert!(!manager.starts(&Folded::new("Manager")));
    }

    #[test]
    fn html_is_read_only_where_a_private_tag_may_be() {
        for body in [
            "<details>",
            "<DETAILS open>",
            "a <h2>x</h2>",
            "<H6 id=x>",
            "<details",
        ] {
            assert!(may_hold_private_html(body.as_bytes()), "{body}");
        }
        for body in [
            "<div>",
            "<h7>",
            "<hr>",
            "&lt;details>",
            "< details>",
            "<detail>",
            "<",
        ] {
            assert!(!may_hold_private_html(body.as_bytes()), "{body}");
        }
    }

    /// The note with its private ranges replaced by `|`.
    fn marked(text: &str) -> String {
        let rules = Sharing::new(None, &["Listen".into(), "Lift".into()], false);
        let cut = private_ranges(&Note::split(text), &rules);
        let mut out = String::new();
        let mut from = 0;
        for r in cut {
            out.push_str(&text[from..r.start]);
            out.push('|');
            from = r.end;
        }
        out.push_str(&text[from..]);
        out
    }

    #[test]
    fn private_html_is_found_however_it_is_written() {
        for (text, expected) in [
            // Markdown in a summary, GitHub's way.
            (
                "a\n\n<details>\n<summary>\n\n**Private**\n\n</summary>\n\nS\n\n</details>\n\nb\n",
                "a\n\n|\nb\n",
            ),
            // Nested blocks: the outer one's end ends it.
            (
                "<details><summary>Priv&#97;te</summary>\n<details><summary>x</summary>\nS\n</details>\nS\n</details>\nb\n",
                "|b\n",
            ),
            // A tag over two lines, attributes with `>` in quotes.
            (
                "<details>\n<summary\n  title=\"a>b\">🔒 <b>Private</b> notes</summary>\nS\n</details>\nb\n",
                "|b\n",
            ),
            // Not private: a summary that only mentions it, a comment, code.
            (
                "<details><summary>Not Private</summary>\nok\n</details>\n",
                "<details><summary>Not Private</summary>\nok\n</details>\n",
            ),
            (
                "<!-- <details><summary>Private</summary> -->\nok\n",
                "<!-- <details><summary>Private</summary> -->\nok\n",
            ),
            (
                "`<details><summary>Private</summary>`\nok\n",
                "`<details><summary>Private</summary>`\nok\n",
            ),
            // Left open: to the end.
            (
                "a\n<details><summary>Private</summary>\nS\n\n## Lift\nS\n",
                "a\n|",
            ),
            // HTML headings, in a block or inline, to the next own section.
            // (An HTML block runs to a blank line: `## Lift` is in it.)
            (
                "a\n\n<h3 id=x><em>Private</em></h3>\nS\n## Lift\nS\n",
                "a\n\n|",
            ),
            (
                "a\n\n<h3 id=x><em>Private</em></h3>\nS\n\n## Lift\nb\n",
                "a\n\n|## Lift\nb\n",
            ),
            ("a <h2>Private</h2> S\n\nS\n\n# Lift\nb\n", "|# Lift\nb\n"),
            (
                "<h2>Private</h2>\n\nS\n### Lift\nS\n## Listen\nb\n",
                "|## Listen\nb\n",
            ),
            // Old Mac line ends.
            ("## Private\rS\r## Lift\rb", "|## Lift\rb"),
            (
                "<details><summary>Private</summary>\rS\r</details>\r\nb",
                "|b",
            ),
            // A private heading inside a private block: one range.
            (
                "<details><summary>Private</summary>\n\n## Private\n\nS\n</details>\n",
                "|",
            ),
        ] {
            assert_eq!(marked(text), expected, "{text:?}");
        }
    }
}
