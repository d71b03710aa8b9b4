//! GFM task items, found the way GitHub finds them.
//!
//! A task is a list item whose first paragraph starts with `[ ]`, `[x]` or
//! `[X]`, under any list marker, at any depth, inside block quotes too. A
//! `[ ]` in a code block, an HTML block or the frontmatter is not a task, and
//! neither are other marks such as `[>]` or `[-]`. pulldown-cmark does the
//! parsing; this module only turns its events into [`Task`]s with the exact
//! byte of the checkbox, so an edit can change that one byte and no other.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::note::Note;

/// One task item in a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    /// 1-based line of the checkbox.
    pub line: usize,
    /// Byte offset, in the whole file, of the character between the
    /// brackets: the space of `[ ]` or the `x` of `[x]`.
    pub checkbox: usize,
    /// Whether the box is ticked.
    pub checked: bool,
    /// The item's first line of text as written (markdown kept), trimmed;
    /// when the checkbox ends its line, the next line of the item.
    pub text: String,
}

impl Task {
    /// True for an unticked box that has something written next to it: the
    /// empty `- [ ]` a template leaves is a placeholder, not a follow-up.
    #[must_use]
    pub fn is_open(&self) -> bool {
        !self.checked && !self.text.is_empty()
    }
}

/// The text with the task's box flipped: `[ ]` becomes `[x]`, and a ticked
/// box (`[x]` or `[X]`) becomes `[ ]`. Exactly one byte changes.
#[must_use]
pub fn toggle(text: &str, task: &Task) -> String {
    let mut bytes = text.as_bytes().to_vec();
    bytes[task.checkbox] = if task.checked { b' ' } else { b'x' };
    // An ASCII byte replaced by an ASCII byte: still UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_string())
}

/// Every task item in the note's body, in file order.
#[must_use]
pub fn tasks(note: &Note<'_>) -> Vec<Task> {
    let mut tasks = TaskScan::new(note);
    for (event, range) in Parser::new_ext(note.body(), Options::ENABLE_TASKLISTS).into_offset_iter()
    {
        tasks.step(&event, range);
    }
    tasks.finish()
}

/// [`tasks`] (and with `carried`, [`carried_items`]) and the note's
/// [`Note::sections`] from one reading of it; the sections `None` where a
/// task box may change them (see
/// [`crate::note::SectionScan::finish_as_without_tasks`]), and their lines
/// not counted (0: see [`crate::note::SectionScan::without_lines`]).
#[must_use]
pub fn tasks_and_sections(
    note: &Note<'_>,
    carried: bool,
) -> (Vec<Task>, Vec<Task>, Option<Vec<crate::note::Section>>) {
    let mut tasks = TaskScan::new(note);
    let mut carrying = carried.then(|| CarriedScan::new(note));
    let mut sections = crate::note::SectionScan::without_lines(note);
    for (event, range) in Parser::new_ext(note.body(), Options::ENABLE_TASKLISTS).into_offset_iter()
    {
        if let Some(carrying) = carrying.as_mut() {
            carrying.step(&event, range.clone());
        }
        if sections.wants(&event) {
            sections.step(&event, range.clone());
        }
        tasks.step(&event, range);
    }
    (
        tasks.finish(),
        carrying.map(CarriedScan::finish).unwrap_or_default(),
        sections.finish_as_without_tasks(),
    )
}

/// The task items of a note, read event by event.
struct TaskScan<'a> {
    body: &'a str,
    base: usize,
    found: Vec<Task>,
    current: Option<Pending>,
    line: LineCounter<'a>,
}

impl<'a> TaskScan<'a> {
    fn new(note: &Note<'a>) -> Self {
        TaskScan {
            body: note.body(),
            base: note.body_start,
            found: Vec::new(),
            current: None,
            line: LineCounter::new(note.text),
        }
    }

    fn step(&mut self, event: &Event<'_>, range: Range<usize>) {
        if let Event::TaskListMarker(checked) = *event {
            if let Some(done) = self.current.take() {
                self.found
                    .push(done.finish(self.body, self.base, &mut self.line));
            }
            self.current = Some(Pending::new(self.body, range, checked));
            return;
        }
        let ended = self.current.as_mut().is_some_and(|p| !p.feed(event, range));
        if ended && let Some(done) = self.current.take() {
            self.found
                .push(done.finish(self.body, self.base, &mut self.line));
        }
    }

    fn finish(mut self) -> Vec<Task> {
        if let Some(done) = self.current.take() {
            self.found
                .push(done.finish(self.body, self.base, &mut self.line));
        }
        self.found
    }
}

/// The byte ranges, in the whole file, of every list item of the note.
#[must_use]
pub fn item_ranges(note: &Note<'_>) -> Vec<Range<usize>> {
    let base = note.body_start;
    Parser::new_ext(note.body(), Options::ENABLE_TASKLISTS)
        .into_offset_iter()
        .filter(|(event, _)| matches!(event, Event::Start(Tag::Item)))
        .map(|(_, r)| base + r.start..base + r.end)
        .collect()
}

/// Items marked `[>]`: follow-ups carried to a later note. Found as list
/// items by pulldown-cmark (so not in code), at any depth and whatever
/// their indent (a tab, four spaces, under a plain bullet, in a quote):
/// an item whose first paragraph starts with `[>]` and a blank (or ends
/// there), as a task's starts with `[ ]`. Returns each one's line and
/// text, read as a task's [`Task::text`] is.
#[must_use]
pub fn carried(note: &Note<'_>) -> Vec<(usize, String)> {
    carried_items(note)
        .into_iter()
        .map(|t| (t.line, t.text))
        .collect()
}

/// The `[>]` items of [`carried`], each as a [`Task`] whose `checkbox` is
/// the offset of its `>` in the whole file (`checked` is true).
#[must_use]
pub fn carried_items(note: &Note<'_>) -> Vec<Task> {
    let mut carried = CarriedScan::new(note);
    for (event, range) in Parser::new_ext(note.body(), Options::ENABLE_TASKLISTS).into_offset_iter()
    {
        carried.step(&event, range);
    }
    carried.finish()
}

/// The `[>]` items of a note, read event by event.
struct CarriedScan<'a> {
    body: &'a str,
    base: usize,
    found: Vec<Task>,
    line: LineCounter<'a>,
    /// The `]` of the mark being read, and the text collected after it.
    current: Option<(usize, Pending)>,
    /// Just inside a list item, before its first content.
    item_start: bool,
}

impl<'a> CarriedScan<'a> {
    fn new(note: &Note<'a>) -> Self {
        CarriedScan {
            body: note.body(),
            base: note.body_start,
            found: Vec::new(),
            line: LineCounter::new(note.text),
            current: None,
            item_start: false,
        }
    }

    fn step(&mut self, event: &Event<'_>, range: Range<usize>) {
        let body = self.body;
        if let Some((close, pending)) = self.current.as_mut() {
            // The mark itself is not the item's text: what of an event
            // lies before its end is cut off (never a reversed range).
            let after = *close + 1;
            let range = range.start.max(after)..range.end.max(after);
            let fed =
                (range.is_empty() && matches!(event, Event::Text(_))) || pending.feed(event, range);
            if fed {
                return;
            }
            if let Some((_, done)) = self.current.take() {
                self.found
                    .push(done.finish(body, self.base, &mut self.line));
            }
        }
        // The item's first content is its first paragraph's first text.
        if self.item_start && matches!(event, Event::Start(Tag::Paragraph)) {
            return;
        }
        if self.item_start
            && matches!(event, Event::Text(_))
            && let Some(close) = carried_mark(body, range.start)
        {
            self.item_start = false;
            // The `>` stands where a task's box does.
            let mut pending = Pending::new(body, range.start..close, true);
            if range.end > close + 1 {
                pending.feed(event, close + 1..range.end);
            }
            self.current = Some((close, pending));
            return;
        }
        self.item_start = matches!(event, Event::Start(Tag::Item));
    }

    fn finish(mut self) -> Vec<Task> {
        if let Some((_, done)) = self.current.take() {
            self.found
                .push(done.finish(self.body, self.base, &mut self.line));
        }
        self.found
    }
}

/// The offset of the `]` when the body holds `[>]` at `at`, followed by a
/// blank or the end of its line.
fn carried_mark(body: &str, at: usize) -> Option<usize> {
    let rest = body.get(at..)?.strip_prefix("[>]")?;
    (rest.is_empty() || rest.starts_with([' ', '\t', '\r', '\n'])).then_some(at + 2)
}

/// A task whose text is still being collected from the events after its
/// checkbox.
struct Pending {
    /// Offset of the checkbox character in the body.
    checkbox: usize,
    checked: bool,
    /// Nesting of inline tags opened since the checkbox.
    depth: usize,
    /// Source span of the line being collected, if any inline event was seen.
    span: Option<Range<usize>>,
    /// The first non-empty line's span, once complete.
    first: Option<Range<usize>>,
}

impl Pending {
    fn new(body: &str, marker: Range<usize>, checked: bool) -> Self {
        // The marker's range may start with the blanks after the list
        // marker; the checkbox is the character after its `[`.
        let open = body[marker.clone()]
            .find('[')
            .map_or(marker.start, |i| marker.start + i);
        Pending {
            checkbox: open + 1,
            checked,
            depth: 0,
            span: None,
            first: None,
        }
    }

    /// Takes one event; false once the item's first paragraph is over or
    /// its first line of text is known.
    fn feed(&mut self, event: &Event<'_>, range: Range<usize>) -> bool {
        match event {
            Event::Start(tag) if is_inline(tag) => {
                self.depth += 1;
                self.extend(range);
            }
            Event::End(tag) if self.depth > 0 && is_inline_end(*tag) => {
                self.depth -= 1;
                self.extend(range);
            }
            Event::Text(_)
            | Event::Code(_)
            | Event::InlineHtml(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::FootnoteReference(_) => self.extend(range),
            Event::SoftBreak | Event::HardBreak => {
                if self.depth == 0 && self.span.is_some() {
                    self.first = self.span.take();
                    return false;
                }
            }
            // Any block boundary ends the first paragraph of the item.
            _ => {
                self.first = self.span.take();
                return false;
            }
        }
        true
    }

    fn extend(&mut self, range: Range<usize>) {
        self.span = Some(match self.span.take() {
            Some(s) => s.start.min(range.start)..s.end.max(range.end),
            None => range,
        });
    }

    fn finish(mut self, body: &str, base: usize, line: &mut LineCounter<'_>) -> Task {
        let span = self.first.take().or(self.span.take());
        // An inline span (emphasis, a link) may run onto the next line;
        // the text is the first line of it.
        let text = span
            .map_or("", |s| {
                body[s].split('\n').next().unwrap_or_default().trim()
            })
            .to_string();
        let checkbox = base + self.checkbox;
        Task {
            line: line.line_of(checkbox),
            checkbox,
            checked: self.checked,
            text,
        }
    }
}

fn is_inline(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn is_inline_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// Turns increasing byte offsets into 1-based line numbers in one pass.
struct LineCounter<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter {
            bytes: text.as_bytes(),
            pos: 0,
            line: 1,
        }
    }

    fn line_of(&mut self, offset: usize) -> usize {
        if offset < self.pos {
            self.pos = 0;
            self.line = 1;
        }
        self.line += crate::note::count_newlines(&self.bytes[self.pos..offset]);
        self.pos = offset;
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The headings read along with the tasks are those of a reading
    /// without the task-list extension whenever they are given at all:
    /// notes made of lines where a task box meets a heading, a setext
    /// underline, a list, a quote, a code block.
    #[test]
    fn headings_read_with_the_tasks_are_those_read_without_them() {
        const LINES: &[&str] = &[
            "- [ ] ",
            "- [ ]",
            "- [x] Private",
            "* [X] Lift",
            "1. [ ] Learn",
            "- [ ]\tafter a tab",
            "  - [x] nested",
            "> - [ ] quoted",
            "- [ ] # Private",
            "- [ ] > not a quote",
            "===",
            "  ===",
            "   ---",
            "---",
            "  ---",
            "# Private",
            "## Lift",
            "Private",
            "text",
            "",
            "  text",
            "```",
            "    code",
            "- item",
            "<details>",
            "[ ] alone",
            "- [y] not a box",
            "-   [ ]",
            "1.  [ ] ",
            "\t- [ ]",
            "  - [ ]",
            "foo",
            "    Private",
            "    ===",
            "      code",
            "\tPrivate",
            "  ## Lift",
            "> ",
            ">   text",
            "- [ ]\r",
            "Learn\r",
            "=== x",
            "> - [ ]",
            ">",
            "> ===",
            ">     Private",
            "> foo",
        ];
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = |n: usize| {
            // xorshift: the same notes every run.
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let (mut given, mut read_again) = (0, 0);
        for _ in 0..200_000 {
            let count = 1 + next(8);
            let mut text = String::new();
            for _ in 0..count {
                text.push_str(LINES[next(LINES.len())]);
                text.push('\n');
            }
            let note = Note::split(&text);
            match tasks_and_sections(&note, next(2) == 0).2 {
                Some(sections) => {
                    given += 1;
                    let mut lined = note.sections();
                    for section in &mut lined {
                        section.line = 0;
                    }
                    assert_eq!(sections, lined, "{text:?}");
                }
                None => read_again += 1,
            }
        }
        assert!(
            given > 100_000 && read_again > 5_000,
            "{given} {read_again}"
        );
    }

    fn open(text: &str) -> Vec<(usize, String)> {
        tasks(&Note::split(text))
            .into_iter()
            .filter(Task::is_open)
            .map(|t| (t.line, t.text))
            .collect()
    }

    fn owned(items: &[(usize, &str)]) -> Vec<(usize, String)> {
        items.iter().map(|(l, t)| (*l, (*t).to_string())).collect()
    }

    #[test]
    fn finds_items_under_every_marker() {
        let text = "- [ ] dash\n* [ ] star\n+ [ ] plus\n1. [ ] dot\n2) [ ] paren\n";
        assert_eq!(
            open(text),
            owned(&[
                (1, "dash"),
                (2, "star"),
                (3, "plus"),
                (4, "dot"),
                (5, "paren")
            ])
        );
    }

    #[test]
    fn skips_code_html_frontmatter_and_other_marks() {
        let text = "---\ntodo: \"- [ ] in yaml\"\n---\n\
                    ```\n- [ ] fenced\n```\n\n    - [ ] indented code\n\n\
                    <div>\n- [ ] html\n</div>\n\n\
                    - [x] done\n- [X] Done\n- [>] carried\n- [-] cancelled\n- [ ]\n- [ ] \n\
                    not a list [ ] item\n";
        assert_eq!(open(text), owned(&[]));
        let all = tasks(&Note::split(text));
        assert_eq!(all.iter().filter(|t| t.checked).count(), 2);
    }

    #[test]
    fn finds_items_in_quotes_and_nested_lists() {
        let text = "> - [ ] quoted\n>\n> > - [ ] deeper\n\n- parent\n  - [ ] child\n    1. [ ] grandchild\n";
        assert_eq!(
            open(text),
            owned(&[
                (1, "quoted"),
                (3, "deeper"),
                (6, "child"),
                (7, "grandchild")
            ])
        );
    }

    #[test]
    fn keeps_inline_markdown_and_first_line_only() {
        let text =
            "- [ ] Send **the doc** to [Bob](http://x) `now`\n  and more\n- [ ]   spaced  \n";
        assert_eq!(
            open(text),
            owned(&[
                (1, "Send **the doc** to [Bob](http://x) `now`"),
                (3, "spaced")
            ])
        );
    }

    #[test]
    fn text_is_one_line_even_when_emphasis_wraps() {
        assert_eq!(
            open("- [ ] *emph\n  continues* tail\n"),
            owned(&[(1, "*emph")])
        );
        assert_eq!(
            open("- [ ] see [the\r\n  doc](x)\r\n"),
            owned(&[(1, "see [the")])
        );
    }

    #[test]
    fn carried_items_are_found_outside_code_only() {
        let text = "- [>] moved on\n* [ ] open\n1. [>] numbered\n> - [>] quoted\n```\n- [>] code\n```\n- [>]x not a mark\n- text [>] later\n- [>]\n  on the next line\n";
        let found = carried(&Note::split(text));
        let expected: Vec<(usize, String)> = vec![
            (1, "moved on".into()),
            (3, "numbered".into()),
            (4, "quoted".into()),
            (10, "on the next line".into()),
        ];
        assert_eq!(found, expected);
    }

    #[test]
    fn carried_items_are_found_at_any_indent() {
        let text = "- [>] A\n\t- [>] tab child\n- [>] B\n    - [>] four spaces\n- plain\n   - [>] three spaces\n> - [>] Q\n>     - [>] quoted child\n- [ ] open\n\t- [>]\n\t  on the next line\n";
        let note = Note::split(text);
        let found = carried(&note);
        let expected: Vec<(usize, String)> = [
            (1, "A"),
            (2, "tab child"),
            (3, "B"),
            (4, "four spaces"),
            (6, "three spaces"),
            (7, "Q"),
            (8, "quoted child"),
            (10, "on the next line"),
        ]
        .iter()
        .map(|(l, t)| (*l, (*t).to_string()))
        .collect();
        assert_eq!(found, expected);
        for item in carried_items(&note) {
            assert_eq!(&text[item.checkbox - 1..item.checkbox + 2], "[>]");
        }
        // A loose list, CRLF, and a mark that ends the file.
        let text = "- [>] loose\r\n\r\n  \t- [>] *emph* child\r\n\r\n- [>]";
        let found = carried(&Note::split(text));
        let expected: Vec<(usize, String)> = vec![
            (1, "loose".into()),
            (3, "*emph* child".into()),
            (5, String::new()),
        ];
        assert_eq!(found, expected);
    }

    #[test]
    fn one_reading_gives_the_tasks_and_the_carried_items_two_give() {
        for text in [
            "- [>] moved on\n* [ ] open\n1. [>] numbered\n> - [>] quoted\n```\n- [>] code\n```\n- [>]x not a mark\n- text [>] later\n- [>]\n  on the next line\n",
            "- [>] A\n\t- [>] tab child\n- [x] B\n    - [ ] four spaces\n- plain\n   - [>] three spaces\n> - [>] Q\n>     - [ ] quoted child\n- [ ] open\n\t- [>]\n\t  on the next line\n",
            "---\nperson: A\n---\n- [>] loose\r\n\r\n  \t- [ ] *emph* child\r\n\r\n- [x] [link](x) done\r\n- [>]",
            "- [ ] see [the\n  doc](x)\n- [>] carried *on\n  two* lines\n- [ ]\n",
        ] {
            let note = Note::split(text);
            let (found, carried, _) = tasks_and_sections(&note, true);
            assert_eq!(
                (found, carried),
                (tasks(&note), carried_items(&note)),
                "{text}"
            );
            let (found, carried, _) = tasks_and_sections(&note, false);
            assert_eq!((found, carried), (tasks(&note), Vec::new()), "{text}");
        }
    }

    #[test]
    fn text_on_the_next_line_counts() {
        assert_eq!(
            open("- [ ]\n  wrapped text\n"),
            owned(&[(1, "wrapped text")])
        );
    }

    #[test]
    fn checkbox_offset_points_inside_the_brackets_with_bom_and_crlf() {
        let text = "\u{feff}---\r\nperson: A\r\n---\r\nintro\r\n\r\n- [ ] one\r\n  * [x] two\r\n";
        let found = tasks(&Note::split(text));
        assert_eq!(found.len(), 2);
        assert_eq!(&text[found[0].checkbox - 1..found[0].checkbox + 2], "[ ]");
        assert_eq!(&text[found[1].checkbox - 1..found[1].checkbox + 2], "[x]");
        assert_eq!((found[0].line, found[0].text.as_str()), (6, "one"));
        assert_eq!((found[1].line, found[1].text.as_str()), (7, "two"));
    }
}
