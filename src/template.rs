//! Renders a new note from the template in the bank
//! (`question-bank/note.md`) and a framework.
//!
//! Placeholders are `{{name}}`. In the frontmatter a value is written as a
//! YAML scalar (quoted when it needs to be), and a line whose placeholder has
//! no value is left out, so the frontmatter always parses. In the body values
//! are written as they are; `{{sections}}` becomes the framework's sections.

use std::fmt::Write as _;

use crate::bank::{Framework, Question};
use crate::note::Note;

/// What goes into a new note.
#[derive(Debug, Clone)]
pub struct NoteFields<'a> {
    /// The person's name.
    pub person: &'a str,
    /// The meeting date, `YYYY-MM-DD`.
    pub date: String,
    /// The framework giving the sections.
    pub framework: &'a Framework,
    /// The manager's name, if configured.
    pub manager: Option<&'a str>,
    /// The suggested questions, one list per framework section.
    pub questions: Vec<Vec<&'a Question>>,
}

/// Renders `template` with `fields`.
#[must_use]
pub fn render(template: &str, fields: &NoteFields<'_>) -> String {
    let frontmatter_end = Note::split(template).frontmatter.map_or(0, |r| r.end);
    let sections = sections(fields);
    let mut out = String::with_capacity(template.len() + sections.len());
    let mut offset = 0;
    for line in template.split_inclusive('\n') {
        let in_frontmatter = offset < frontmatter_end;
        offset += line.len();
        let mut rendered = String::with_capacity(line.len());
        let mut rest = line;
        let mut missing = false;
        while let Some(open) = rest.find("{{") {
            let Some(close) = rest[open..].find("}}") else {
                break;
            };
            rendered.push_str(&rest[..open]);
            let name = rest[open + 2..open + close].trim();
            match value(name, fields, &sections) {
                Some(v) if in_frontmatter => rendered.push_str(&yaml_scalar(&v)),
                Some(v) => rendered.push_str(&v),
                None if in_frontmatter => missing = true,
                // An unknown placeholder in the body stays visible.
                None => rendered.push_str(&rest[open..open + close + 2]),
            }
            rest = &rest[open + close + 2..];
        }
        rendered.push_str(rest);
        if !missing {
            out.push_str(&rendered);
        }
    }
    out
}

fn value(name: &str, fields: &NoteFields<'_>, sections: &str) -> Option<String> {
    match name {
        "person" => Some(fields.person.to_string()),
        "date" => Some(fields.date.clone()),
        "framework" => Some(fields.framework.name.clone()),
        "manager" => fields
            .manager
            .filter(|m| !m.trim().is_empty())
            .map(str::to_string),
        "sections" => Some(sections.to_string()),
        _ => None,
    }
}

/// The framework's sections: heading, reminder, questions, patterns to watch.
fn sections(fields: &NoteFields<'_>) -> String {
    let mut out = String::new();
    for (i, section) in fields.framework.sections.iter().enumerate() {
        let _ = writeln!(out, "## {}\n", section.heading);
        if let Some(reminder) = section.reminder.as_deref().filter(|r| !r.is_empty()) {
            let _ = writeln!(out, "_{reminder}_\n");
        }
        let questions = fields.questions.get(i).map_or(&[][..], Vec::as_slice);
        for q in questions {
            let _ = writeln!(out, "- {}", q.text);
        }
        if !questions.is_empty() {
            out.push('\n');
        }
        if !section.watch.is_empty() {
            let _ = writeln!(out, "_Watch for: {}_\n", section.watch.join(" · "));
        }
    }
    // The template's own line break after `{{sections}}` makes the last
    // blank line.
    out.truncate(out.trim_end_matches('\n').len());
    out.push('\n');
    out
}

/// A string as a one-line YAML scalar, quoted only when it has to be.
fn yaml_scalar(value: &str) -> String {
    serde_yaml::to_string(value).map_or_else(
        |_| format!("{value:?}"),
        |s| s.trim_end_matches('\n').to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{Bank, DEFAULT_FRAMEWORK, NOTE_TEMPLATE};

    fn fields<'a>(bank: &'a Bank, person: &'a str, manager: Option<&'a str>) -> NoteFields<'a> {
        let framework = bank.framework(DEFAULT_FRAMEWORK).unwrap();
        let questions = framework
            .sections
            .iter()
            .map(|s| {
                bank.pool(s.pool.as_deref().unwrap())
                    .iter()
                    .take(1)
                    .collect()
            })
            .collect();
        NoteFields {
            person,
            date: "2026-11-24".into(),
            framework,
            manager,
            questions,
        }
    }

    #[test]
    fn renders_the_built_in_template() {
        let bank = Bank::built_in();
        let note = render(NOTE_TEMPLATE, &fields(&bank, "Alice Smith", None));
        assert_eq!(
            note,
            "---\nperson: Alice Smith\ndate: 2026-11-24\nframework: listen-learn-lift\ntags: []\n---\n\
             # 1:1 with Alice Smith, 2026-11-24\n\n\
             ## Listen\n\n_Make space: this time is theirs._\n\n- What's on your mind this week?\n\n\
             ## Learn\n\n_Understand what is really going on; look for patterns._\n\n\
             - What's going well in your current projects?\n\n\
             _Watch for: clear on priorities? · ownership or just execution? · tension with other teams? · blockers quietly absorbed?_\n\n\
             ## Lift\n\n_End with action: support, a connection, a new perspective._\n\n\
             - What's one thing we should follow up on next time?\n\n\
             ## Follow-ups\n\n- [ ] \n"
        );
    }

    #[test]
    fn frontmatter_values_are_quoted_when_yaml_needs_it() {
        let bank = Bank::built_in();
        for name in [
            "Dr. Who: the 2nd",
            "yes",
            "#1 fan",
            "O'Brien",
            "[x]",
            "José",
        ] {
            let note = render(NOTE_TEMPLATE, &fields(&bank, name, Some("Sam: boss")));
            let parsed = Note::split(&note)
                .frontmatter(std::path::Path::new("n.md"))
                .unwrap();
            assert_eq!(parsed.person.as_deref(), Some(name), "{note}");
            assert!(note.contains(&format!("# 1:1 with {name}, 2026-11-24\n")));
            assert!(note.contains("manager: 'Sam: boss'\n"), "{note}");
        }
    }
}
