//! Inline `#tags` in a note's text, as Obsidian reads them: `#` then
//! letters, digits, `-`, `_` or `/`, at the start of a line or after a
//! blank, with at least one character that is not a digit (`#1` is a
//! number). Never in a heading's `#`s, a code span or a code block (the
//! Markdown is read with pulldown-cmark), nor a URL's fragment
//! (`https://x.org/a#b`: no blank before the `#`). `patterns`, `prep`
//! and `search --tag` count them with the frontmatter's `tags:`.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The inline tags of a note's `body` (the text after its frontmatter),
/// in order, as written (without the `#`); a tag written twice is there
/// twice.
#[must_use]
pub fn inline(body: &str) -> Vec<String> {
    let mut found = Vec::new();
    // A cheap look first: most notes have no `#` outside their headings.
    if !memchr::memchr_iter(b'#', body.as_bytes()).any(|i| {
        body.as_bytes()
            .get(i + 1)
            .is_some_and(|&b| b != b'#' && b != b' ')
    }) {
        return found;
    }
    // The text of one run of inline content, joined so that a tag split
    // into several events is read whole.
    let mut run = String::new();
    let mut code = 0usize;
    let flush = |run: &mut String, found: &mut Vec<String>| {
        read_run(run, found);
        run.clear();
    };
    for event in Parser::new_ext(body, Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS) {
        match event {
            Event::Text(t) if code == 0 => run.push_str(&t),
            Event::SoftBreak | Event::HardBreak => run.push('\n'),
            Event::Start(Tag::CodeBlock(_)) => {
                flush(&mut run, &mut found);
                code += 1;
            }
            Event::End(TagEnd::CodeBlock) => code = code.saturating_sub(1),
            // A block's start or end, or a task's box, is a line's start.
            Event::TaskListMarker(_)
            | Event::Start(
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::Item
                | Tag::List(_)
                | Tag::BlockQuote(_)
                | Tag::TableCell,
            )
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::List(_)
                | TagEnd::BlockQuote(_)
                | TagEnd::TableCell,
            ) => flush(&mut run, &mut found),
            // A code span, a link's destination or HTML ends the run as a
            // blank would not: `x`#a is no tag either.
            _ => {
                flush(&mut run, &mut found);
                run.push('\u{1}');
            }
        }
    }
    flush(&mut run, &mut found);
    found
}

/// The tags in one run of text.
fn read_run(run: &str, found: &mut Vec<String>) {
    let is_tag_char = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '/');
    let mut before: Option<char> = None;
    let mut chars = run.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c == '#' && before.is_none_or(char::is_whitespace) {
            let rest = &run[at + 1..];
            let len = rest.find(|c: char| !is_tag_char(c)).unwrap_or(rest.len());
            let tag = &rest[..len];
            if tag.chars().any(|c| !c.is_ascii_digit()) {
                found.push(tag.to_string());
            }
            while chars.next_if(|&(i, _)| i < at + 1 + len).is_some() {}
            before = tag.chars().last().or(Some('#'));
        } else {
            before = Some(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_as_obsidian_reads_them() {
        let body = "# Title\n\n## Lift #growth\n\nTalked #on-call and #team/infra, \
#1 and #2026 are numbers; see https://x.org/a#frag and a#b.\n\
`#code` and\n\n```\n#not\n```\n\n- [ ] #hiring item\n\n#café at the start, #Growth again\n";
        assert_eq!(
            inline(body),
            [
                "growth",
                "on-call",
                "team/infra",
                "hiring",
                "café",
                "Growth"
            ]
        );
    }

    #[test]
    fn no_hash_no_parse() {
        assert!(inline("## Learn\n\nNothing here.\n").is_empty());
    }
}
