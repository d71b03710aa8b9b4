//! How things read on screen, shared by the commands: plurals, ages, the
//! one-line form of a follow-up, and padding by display width.

use std::path::Path;

use crate::error::Result;
use crate::followup::FollowUp;
use crate::notebook::Notebook;
use crate::output::{Output, Shown, sanitize, style};

/// One item: `  path:line: text · due DATE · N days`.
///
/// # Errors
/// Standard output cannot be written.
pub fn print_item(
    notebook: &Notebook,
    today: chrono::NaiveDate,
    item: &FollowUp,
    out: &mut Output,
) -> Result<()> {
    let path = notebook.show(Path::new(&*item.path));
    write!(out, "  ")?;
    out.styled(style::PATH, Shown(&path))?;
    write!(out, ":")?;
    out.styled(style::LINE, item.line)?;
    write!(out, ": {}", sanitize(&item.text))?;
    if let Some(due) = item.due {
        let days = due.signed_duration_since(today).num_days();
        if days < 0 {
            out.styled(
                style::ERROR,
                format_args!(" · overdue {}", days_word(-days)),
            )?;
        } else {
            out.styled(style::DIM, format_args!(" · due {due}"))?;
        }
    }
    if let Some(date) = item.date {
        let days = today.signed_duration_since(date).num_days();
        // An item of a note prepared for an upcoming 1:1 has no age yet.
        let upcoming = if days < 0 { "for the 1:1 " } else { "" };
        out.styled(style::DIM, format_args!(" · {upcoming}{}", age(days)))?;
    }
    writeln!(out)
}

/// "1 day", "12 days".
#[must_use]
pub fn days_word(days: i64) -> String {
    if days == 1 {
        "1 day".into()
    } else {
        format!("{days} days")
    }
}

/// "today", "1 day", "12 days", "in 3 days".
#[must_use]
pub fn age(days: i64) -> String {
    match days {
        0 => "today".into(),
        d if d < 0 => format!("in {}", days_word(-d)),
        d => days_word(d),
    }
}

/// "1 agenda point", "3 agenda points".
#[must_use]
pub fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// "1 follow-up was", "2 follow-ups were".
#[must_use]
pub fn plural_were(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what} was")
    } else {
        format!("{n} {what}s were")
    }
}

/// How many terminal columns `text` takes: a CJK character or an emoji
/// two, a combining accent (`José` typed on macOS) none.
#[must_use]
pub fn width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// `text` padded with spaces to `columns` display columns (never cut).
#[must_use]
pub fn pad(text: &str, columns: usize) -> String {
    format!("{text}{}", " ".repeat(columns.saturating_sub(width(text))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padding_counts_columns_not_characters() {
        assert_eq!(pad("Bob", 6), "Bob   ");
        // Two columns each.
        assert_eq!(pad("李娜", 6), "李娜  ");
        // `e` and a combining acute: one column.
        assert_eq!(pad("Jose\u{301}", 6), "Jose\u{301}  ");
        assert_eq!(pad("too long", 3), "too long");
    }
}
