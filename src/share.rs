//! The copy of a note to share with the report: without the manager's
//! private section(s) and without manager-only frontmatter fields.
//!
//! A private section is a heading named like the configured one (`Private`
//! by default, any level, any case) and everything under it up to the next
//! heading of the same or a higher level, wherever it stands in the note.
//! The frontmatter keeps only `person`, `date` and `framework` (and the
//! check-in fields when the notebook shares them); comments go too.

use std::ops::Range;

use crate::checkin::FIELDS;
use crate::note::Note;

/// Frontmatter keys a shared copy keeps.
pub const SHARED_KEYS: [&str; 3] = ["person", "date", "framework"];

/// The heading of the private section when oneonone.yaml does not say.
pub const DEFAULT_PRIVATE_HEADING: &str = "Private";

/// The shared copy of a note's text.
#[must_use]
pub fn shared_copy(text: &str, private_heading: &str, share_checkins: bool) -> String {
    let note = Note::split(text);
    let mut cut: Vec<Range<usize>> = note
        .sections()
        .into_iter()
        .filter(|s| s.title.trim().eq_ignore_ascii_case(private_heading.trim()))
        .map(|s| s.range)
        .collect();
    if let Some(yaml) = note.frontmatter.clone() {
        cut.extend(private_fields(text, yaml, share_checkins));
    }
    cut.sort_by_key(|r| r.start);
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for range in cut {
        if range.start >= from {
            out.push_str(&text[from..range.start]);
            from = range.end;
        } else {
            from = from.max(range.end);
        }
    }
    out.push_str(&text[from..]);
    // A private section at the end leaves the blank line before it.
    let trimmed = out.trim_end_matches(['\n', '\r']).len();
    if trimmed < out.len() {
        let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
        out.truncate(trimmed);
        out.push_str(eol);
    }
    out
}

/// The line ranges of the frontmatter that do not go into a shared copy:
/// every top-level key not shared, with its indented or list lines, and
/// comment lines.
fn private_fields(text: &str, yaml: Range<usize>, share_checkins: bool) -> Vec<Range<usize>> {
    let mut cut = Vec::new();
    let mut keep = true;
    let mut start = yaml.start;
    while start < yaml.end {
        let end = text[start..yaml.end]
            .find('\n')
            .map_or(yaml.end, |i| start + i + 1);
        let line = &text[start..end];
        let continuation = line.starts_with([' ', '\t', '-']) || line.trim().is_empty();
        if line.trim_start().starts_with('#') {
            cut.push(start..end);
        } else if !continuation {
            let key = line
                .split(':')
                .next()
                .unwrap_or_default()
                .trim()
                .trim_matches(['"', '\'']);
            keep = SHARED_KEYS.contains(&key) || (share_checkins && FIELDS.contains(&key));
            if !keep {
                cut.push(start..end);
            }
        } else if !keep {
            cut.push(start..end);
        }
        start = end;
    }
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOTE: &str = "---\nperson: Alice\ndate: 2026-11-24\n# my own reminder\nmanager: Sam\ntags:\n  - promo\n  - worried\nenergy: 2\nframework: listen-learn-lift\n---\n\
        # 1:1 with Alice\n\n## Listen\n\nShared words.\n\n### private\n\nNested private.\n\n## Lift\n\nMore shared.\n\n\
        Private\n-------\n\nSetext private.\n\n## Follow-ups\n\n- [ ] send doc\n\n# Private\n\nTop-level private, to the end.\n\n## Still private\n";

    #[test]
    fn drops_private_sections_at_any_level_and_position() {
        let copy = shared_copy(NOTE, "Private", false);
        assert_eq!(
            copy,
            "---\nperson: Alice\ndate: 2026-11-24\nframework: listen-learn-lift\n---\n\
             # 1:1 with Alice\n\n## Listen\n\nShared words.\n\n## Lift\n\nMore shared.\n\n\
             ## Follow-ups\n\n- [ ] send doc\n"
        );
        for secret in [
            "Nested private",
            "Setext private",
            "Top-level private",
            "Still private",
            "Sam",
            "promo",
            "my own reminder",
            "energy",
        ] {
            assert!(!copy.contains(secret), "{secret} leaked");
        }
    }

    #[test]
    fn keeps_checkins_when_shared_and_honours_the_heading_name() {
        let copy = shared_copy(NOTE, "Private", true);
        assert!(copy.contains("\nenergy: 2\n"));
        let text = "## Notes\n\nshared\n\n## Manager only\n\nsecret\n\n## Next\n\nshared too\n";
        assert_eq!(
            shared_copy(text, "manager only", false),
            "## Notes\n\nshared\n\n## Next\n\nshared too\n"
        );
        // A heading inside code is not a section.
        let code = "```\n## Private\n```\nvisible\n";
        assert_eq!(shared_copy(code, "Private", false), code);
    }
}
