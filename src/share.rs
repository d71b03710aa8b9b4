//! The copy of a note to share with the report: without the manager's
//! private sections and with a frontmatter of shared fields only.
//!
//! When in doubt, a line is left out:
//! - A private section is a heading whose text, as shown, starts with the
//!   configured name or with `Private` (any level, any case; `## 🔒 Private
//!   notes` counts), and everything under it up to the next heading of the
//!   same or a higher level that is one of the note's own sections (Agenda,
//!   a framework's sections, Follow-ups); with no such heading, to the end.
//!   A pasted email's `# Fwd:` inside it does not end it.
//! - A `<details>` block whose `<summary>` says Private goes whole.
//! - The frontmatter is written anew with `person`, `date` and `framework`
//!   (and the check-ins when the notebook shares them), read from the YAML:
//!   no comment, no other key, nothing of a value that does not parse.

use std::fmt::Write as _;
use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::checkin::FIELDS;
use crate::note::Note;

/// The heading of the private section when oneonone.yaml does not say.
pub const DEFAULT_PRIVATE_HEADING: &str = "Private";

/// What a shared copy leaves out and keeps.
#[derive(Debug, Clone)]
pub struct Sharing {
    /// Heading names that start a private section (lowercase).
    pub private: Vec<String>,
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
        let mut private = vec![DEFAULT_PRIVATE_HEADING.to_lowercase()];
        if let Some(h) = private_heading.map(str::trim).filter(|h| !h.is_empty()) {
            private.push(h.to_lowercase());
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

    fn is_private(&self, title: &str) -> bool {
        let shown = title
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        self.private.iter().any(|name| {
            shown
                .strip_prefix(name.as_str())
                .is_some_and(|rest| !rest.starts_with(char::is_alphanumeric))
        })
    }
}

/// The shared copy of a note's text.
///
/// # Errors
/// The note opens with `---` but its frontmatter cannot be told apart from
/// the body: rather than guess, nothing is printed.
pub fn shared_copy(text: &str, rules: &Sharing) -> Result<String, String> {
    let note = Note::split(text);
    let body_text = note.body();
    if note.frontmatter.is_none() && opens_with_fence(body_text) {
        return Err(
            "it opens with `---` but oneonone cannot tell where its frontmatter ends; \
                    fix the frontmatter (or remove the `---` lines)"
                .into(),
        );
    }
    let mut out = frontmatter(&note, rules);
    let cut = private_ranges(&note, rules);
    let mut from = note.body_start;
    for range in cut {
        if range.start >= from {
            out.push_str(&text[from..range.start]);
        }
        from = from.max(range.end);
    }
    if from < text.len() {
        out.push_str(&text[from..]);
    }
    // A private section at the end leaves the blank line before it.
    let trimmed = out.trim_end_matches(['\n', '\r']).len();
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    out.truncate(trimmed);
    if !out.is_empty() {
        out.push_str(eol);
    }
    Ok(out)
}

fn opens_with_fence(body: &str) -> bool {
    let first = body.lines().next().unwrap_or_default();
    first.starts_with("---") && body.lines().skip(1).any(|l| l.trim_end() == "---")
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
        let _ = writeln!(out, "person: {}", crate::template::yaml_scalar(person));
    }
    if let Some(date) = fm.date {
        let _ = writeln!(out, "date: {date}");
    }
    if let Some(framework) = &fm.framework {
        let _ = writeln!(
            out,
            "framework: {}",
            crate::template::yaml_scalar(framework)
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

/// The byte ranges of everything private in the note, in order.
#[must_use]
pub fn private_ranges(note: &Note<'_>, rules: &Sharing) -> Vec<Range<usize>> {
    let mut cut = private_sections(note, rules);
    cut.extend(private_details(note));
    cut.sort_by_key(|r| r.start);
    cut
}

/// The byte ranges of the private sections.
fn private_sections(note: &Note<'_>, rules: &Sharing) -> Vec<Range<usize>> {
    let sections = note.sections();
    let mut cut = Vec::new();
    for (i, s) in sections.iter().enumerate() {
        if !rules.is_private(&s.title) {
            continue;
        }
        let end = sections[i + 1..]
            .iter()
            .find(|next| {
                next.level <= s.level
                    && rules.sections.contains(&next.title.to_lowercase())
                    && !rules.is_private(&next.title)
            })
            .map_or(note.text.len(), |next| {
                line_start(note.text, next.range.start)
            });
        // Whole lines: a heading in a list item (`- ## Private`) takes its
        // marker along, and no two lines are joined.
        cut.push(line_start(note.text, s.range.start)..end);
    }
    cut
}

/// The start of the line holding `offset`.
fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |i| i + 1)
}

/// `<details>` blocks whose `<summary>` says Private, to their `</details>`
/// (or the end of the note).
fn private_details(note: &Note<'_>) -> Vec<Range<usize>> {
    let base = note.body_start;
    let mut cut = Vec::new();
    let mut open: Option<usize> = None;
    let mut block: Option<usize> = None;
    for (event, range) in Parser::new_ext(note.body(), Options::empty()).into_offset_iter() {
        match event {
            Event::Start(Tag::HtmlBlock) => block = Some(range.start),
            Event::End(TagEnd::HtmlBlock) => {
                let html = note.body()[block.unwrap_or(range.start)..range.end].to_lowercase();
                if open.is_none() {
                    let summary = html
                        .find("<summary>")
                        .map(|at| html[at + "<summary>".len()..].trim_start().to_string());
                    if html.contains("<details")
                        && summary.is_some_and(|s| s.starts_with("private"))
                    {
                        open = Some(base + block.unwrap_or(range.start));
                    }
                }
                if let Some(start) = open
                    && html.contains("</details>")
                {
                    cut.push(start..base + range.end);
                    open = None;
                }
                block = None;
            }
            _ => {}
        }
    }
    if let Some(start) = open {
        cut.push(start..note.text.len());
    }
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let copy = shared_copy(NOTE, &rules()).unwrap();
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
            let copy = shared_copy(&text, &rules()).unwrap();
            assert!(
                !copy.contains("SECRET") || heading == "##Private_",
                "{heading}: {copy}"
            );
            assert!(copy.contains("ok too"), "{heading}: {copy}");
        }
        let text = "## Privately owned\n\nshared\n";
        assert_eq!(shared_copy(text, &rules()).unwrap(), text);
    }

    #[test]
    fn only_a_note_section_ends_a_private_one() {
        let text = "## Private\n\nHR call\n---\nSECRET 1\n\n# Fwd: email\n\nSECRET 2\n\n- item\n  # Sub\n  SECRET 3\n\n## Lift\n\nshared\n";
        assert_eq!(shared_copy(text, &rules()).unwrap(), "## Lift\n\nshared\n");
    }

    #[test]
    fn private_details_blocks_go_whole() {
        let text = "## Listen\n\n<details>\n<summary>Private</summary>\n\nSECRET\n\n</details>\n\nshared\n";
        assert_eq!(
            shared_copy(text, &rules()).unwrap(),
            "## Listen\n\n\nshared\n"
        );
    }

    #[test]
    fn frontmatter_keeps_only_shared_values() {
        let text = "---\nperson: \"Alice\"   # SECRET\n-manager: SECRET\ndate: 2026-11-24\ntags: [a,\n SECRET]\n'date: x': SECRET\n---\nbody\n";
        let copy = shared_copy(text, &rules()).unwrap();
        assert_eq!(copy, "---\nperson: Alice\ndate: 2026-11-24\n---\nbody\n");
        let keep = Sharing::new(Some("Manager only"), &[], true);
        let copy = shared_copy(
            "---\nperson: A\nenergy: 2\nskill: 9\n---\n## Manager only\nx\n## Private\ny\n",
            &keep,
        )
        .unwrap();
        assert_eq!(copy, "---\nperson: A\nenergy: 2\n---\n");
        assert!(shared_copy("---\nthis is prose\n---\nbody\n", &rules()).is_err());
        // A heading inside code is not a section.
        let code = "```\n## Private\n```\nvisible\n";
        assert_eq!(shared_copy(code, &rules()).unwrap(), code);
    }
}
