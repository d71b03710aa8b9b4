//! Renders a new note from the template in the bank
//! (`question-bank/note.md`) and a framework.
//!
//! Placeholders are `{{name}}`. In the frontmatter a value is written as a
//! YAML scalar (quoted when it needs to be), and a line whose placeholder has
//! no value is left out, so the frontmatter always parses. In the body values
//! are written as they are. The block placeholders stand alone on a line,
//! which they replace: `{{agenda}}` (the points moved from agenda.md, or an
//! empty bullet), `{{sections}}` (the framework's sections with their
//! questions) and `{{followups}}` (carried follow-ups, then an empty
//! `- [ ] ` to type the next one).

use std::fmt::Write as _;

use crate::bank::{Bank, Framework, NOTE_TEMPLATE, Question, Section};
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
    /// Agenda points for the Agenda section, each ending in a line break.
    pub agenda: Vec<String>,
    /// Carried follow-up lines (`- [ ] text (from DATE)`), no line breaks.
    pub carried: Vec<String>,
    /// Carried follow-ups from private sections, for the private section.
    pub carried_private: Vec<String>,
    /// The heading of the private section.
    pub private: &'a str,
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
        if !in_frontmatter && let Some(block) = block(line, fields, &sections) {
            out.push_str(&block);
            continue;
        }
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
                Some(v) if in_frontmatter => {
                    rendered.push_str(&crate::frontmatter::yaml_scalar(&v));
                }
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

/// The value of a block placeholder standing alone on its line.
fn block(line: &str, fields: &NoteFields<'_>, sections: &str) -> Option<String> {
    let name = line.trim().strip_prefix("{{")?.strip_suffix("}}")?.trim();
    match name {
        "sections" => Some(sections.to_string()),
        "agenda" if fields.agenda.is_empty() => Some("- \n".to_string()),
        "agenda" => Some(fields.agenda.concat()),
        "private_followups" if fields.carried_private.is_empty() => Some(String::new()),
        "private_followups" => {
            let mut out = String::from("\n");
            for line in &fields.carried_private {
                out.push_str(line);
                out.push('\n');
            }
            Some(out)
        }
        "followups" => {
            let mut out = String::new();
            for line in &fields.carried {
                out.push_str(line);
                out.push('\n');
            }
            out.push_str("- [ ] \n");
            Some(out)
        }
        _ => None,
    }
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
        "private" => Some(fields.private.to_string()),
        _ => None,
    }
}

/// The framework's sections: heading, reminder, questions, the table to
/// fill in, patterns to watch.
fn sections(fields: &NoteFields<'_>) -> String {
    let mut out = String::new();
    for (i, section) in fields.framework.sections.iter().enumerate() {
        let _ = writeln!(out, "## {}\n", section.heading);
        if let Some(reminder) = reminder_line(section) {
            let _ = writeln!(out, "{reminder}\n");
        }
        let questions = fields.questions.get(i).map_or(&[][..], Vec::as_slice);
        for q in questions {
            let _ = writeln!(out, "{}", question_line(q));
        }
        if !questions.is_empty() {
            out.push('\n');
        }
        let table = table_lines(section);
        if !table.is_empty() {
            for line in &table {
                let _ = writeln!(out, "{line}");
            }
            out.push('\n');
        }
        if let Some(watch) = watch_line(section) {
            let _ = writeln!(out, "{watch}\n");
        }
    }
    out
}

/// The italic reminder the template writes under a section's heading.
#[must_use]
pub fn reminder_line(section: &Section) -> Option<String> {
    let reminder = section.reminder.as_deref().filter(|r| !r.is_empty())?;
    Some(format!("_{reminder}_"))
}

/// The italic line of patterns to watch for that the template writes
/// under a section's questions.
#[must_use]
pub fn watch_line(section: &Section) -> Option<String> {
    (!section.watch.is_empty()).then(|| format!("_Watch for: {}_", section.watch.join(" · ")))
}

/// How many empty rows the template writes under a table's header.
pub const TABLE_ROWS: usize = 3;

/// The GFM table the template writes for a section with `table` columns,
/// one line each: the header, the delimiter row and [`TABLE_ROWS`] empty
/// rows (placeholders, which readers of the table skip). None without
/// columns.
#[must_use]
pub fn table_lines(section: &Section) -> Vec<String> {
    if section.table.is_empty() {
        return Vec::new();
    }
    let row = |cells: &mut dyn Iterator<Item = &str>| {
        let cells: Vec<&str> = cells.collect();
        format!("| {} |", cells.join(" | "))
    };
    let mut lines = vec![
        row(&mut section.table.iter().map(|c| c.trim())),
        row(&mut section.table.iter().map(|_| "---")),
    ];
    for _ in 0..TABLE_ROWS {
        lines.push(row(&mut section.table.iter().map(|_| "")));
    }
    lines
}

/// A suggested question as the template writes it: one list item.
#[must_use]
pub fn question_line(question: &Question) -> String {
    format!("- {}", question.text)
}

/// Every line the template writes for the manager to read, not to
/// answer: the reminders and watch lines of the bank's frameworks (the
/// built-in ones too, which a notebook's may have replaced since a note
/// was written), and the italic lines of the note template itself (the
/// private section's blurb). Each as written, one line.
#[must_use]
pub fn prompts(bank: &Bank) -> Vec<String> {
    let built_in = Bank::built_in();
    let mut lines: Vec<String> = bank
        .frameworks
        .iter()
        .chain(&built_in.frameworks)
        .flat_map(|f| &f.sections)
        .flat_map(|s| [reminder_line(s), watch_line(s)])
        .flatten()
        .collect();
    let template = NOTE_TEMPLATE;
    let body = &template[Note::split(template).body_start..];
    lines.extend(
        body.lines()
            .map(str::trim)
            .filter(|l| l.len() > 2 && l.starts_with('_') && l.ends_with('_'))
            .filter(|l| !l.contains("{{"))
            .map(str::to_string),
    );
    lines.sort();
    lines.dedup();
    lines
}

/// Every suggested question of the bank (a notebook's bank holds the
/// built-in questions too), as the template writes it ([`question_line`]).
#[must_use]
pub fn question_lines(bank: &Bank) -> Vec<String> {
    let mut lines: Vec<String> = bank.pools.values().flatten().map(question_line).collect();
    lines.sort();
    lines.dedup();
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::DEFAULT_FRAMEWORK;
    use crate::frontmatter::yaml_scalar;

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
            agenda: Vec::new(),
            carried: Vec::new(),
            carried_private: Vec::new(),
            private: "Private",
        }
    }

    #[test]
    fn renders_the_built_in_template() {
        let bank = Bank::built_in();
        let note = render(NOTE_TEMPLATE, &fields(&bank, "Alice Smith", None));
        assert_eq!(
            note,
            "---\nperson: Alice Smith\ndate: 2026-11-24\nframework: listen-learn-lift\ntags: []\nenergy:\nchallenge:\nskill:\n---\n\
             # 1:1 with Alice Smith, 2026-11-24\n\n\
             ## Agenda\n\n- \n\n\
             ## Listen\n\n_Make space: this time is theirs._\n\n- What's on your mind this week?\n\n\
             ## Learn\n\n_Understand what is really going on; look for patterns._\n\n\
             - What's going well in your current projects?\n\n\
             _Watch for: clear on priorities? · ownership or just execution? · tension with other teams? · blockers quietly absorbed?_\n\n\
             ## Lift\n\n_End with action: support, a connection, a new perspective._\n\n\
             - What's one thing we should follow up on next time?\n\n\
             ## Follow-ups\n\n- [ ] \n\n\
             ## Private\n\n_For your eyes only: `oneonone export --shared` leaves this section out._\n"
        );
    }

    #[test]
    fn scalars_are_plain_only_when_every_yaml_parser_agrees() {
        assert_eq!(yaml_scalar("Alice Smith"), "Alice Smith");
        assert_eq!(yaml_scalar("José O'Brien-Núñez"), "José O'Brien-Núñez");
        assert_eq!(yaml_scalar("2026-11-24"), "2026-11-24");
        assert_eq!(yaml_scalar("No"), "\"No\"");
        assert_eq!(yaml_scalar("off"), "\"off\"");
        assert_eq!(yaml_scalar("1:20"), "\"1:20\"");
        assert_eq!(yaml_scalar("Sam: boss"), "\"Sam: boss\"");
    }

    #[test]
    fn agenda_and_carried_items_fill_their_sections() {
        let bank = Bank::built_in();
        let mut f = fields(&bank, "Bob", None);
        f.agenda = vec![
            "- Ask about the offsite\n".into(),
            "- Hiring plan\n  - two roles\n".into(),
        ];
        f.carried = vec!["- [ ] Send doc (from 2026-11-10)".into()];
        let note = render(NOTE_TEMPLATE, &f);
        assert!(
            note.contains(
                "## Agenda\n\n- Ask about the offsite\n- Hiring plan\n  - two roles\n\n## Listen\n"
            ),
            "{note}"
        );
        assert!(
            note.contains(
                "## Follow-ups\n\n- [ ] Send doc (from 2026-11-10)\n- [ ] \n\n## Private\n"
            ),
            "{note}"
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
            assert!(note.contains("manager: \"Sam: boss\"\n"), "{note}");
        }
    }
}
