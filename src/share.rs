//! The copy of a note to share with the report: without the manager's
//! private sections and with a frontmatter of shared fields only.
//!
//! When in doubt, a line is left out:
//! - What is private is decided in one place, [`private_ranges`] (the
//!   `private` module): a heading or an HTML `<hN>` that shows as the
//!   configured name or `Private`, to the next of the note's own sections;
//!   a `<details>` block whose summary shows as one. `prep` and carry-over
//!   use the same ranges.
//! - The frontmatter is written anew with `person`, `date` and `framework`
//!   (and the check-ins when the notebook shares them), read from the YAML:
//!   no comment, no other key, nothing of a value that does not parse.
//! - A note whose frontmatter cannot be told apart from its body (an
//!   opening `---` with no closing one, a TOML `+++` block) is refused.

mod private;

pub use private::{Folded, private_ranges, touches};

use std::fmt::Write as _;
use std::ops::Range;
use std::path::Path;

use crate::checkin::FIELDS;
use crate::error::Error;
use crate::note::Note;

/// The heading of the private section when oneonone.yaml does not say.
pub const DEFAULT_PRIVATE_HEADING: &str = "Private";

/// What a shared copy leaves out and keeps.
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
        private::is_private_title(&self.private, title)
    }
}

/// The shared copy of a note's text.
///
/// # Errors
/// The note (named `path` in the error) opens with `---` but its
/// frontmatter cannot be told apart from the body: rather than guess,
/// nothing is printed.
pub fn shared_copy(text: &str, path: &Path, rules: &Sharing) -> Result<String, Error> {
    let note = Note::split(text);
    undelimited_frontmatter(&note, path)?;
    let mut out = frontmatter(&note, rules);
    let cut = private_ranges(&note, rules);
    out.push_str(&public_text(text, note.body_start..text.len(), &cut));
    // A private section at the end leaves the blank line before it.
    let trimmed = out.trim_end_matches(['\n', '\r']).len();
    let eol = crate::note::line_ending(text);
    out.truncate(trimmed);
    if !out.is_empty() {
        out.push_str(eol);
    }
    Ok(out)
}

/// The text of `range` without the parts in `private` (sorted, as
/// [`private_ranges`] gives them).
#[must_use]
pub fn public_text(text: &str, range: Range<usize>, private: &[Range<usize>]) -> String {
    let mut out = String::new();
    let mut from = range.start;
    for cut in private {
        if cut.end <= from {
            continue;
        }
        if cut.start >= range.end {
            break;
        }
        if cut.start > from {
            out.push_str(&text[from..cut.start]);
        }
        from = cut.end;
    }
    if from < range.end {
        out.push_str(&text[from..range.end]);
    }
    out
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
            "## Listen\n\n\nshared\n"
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
