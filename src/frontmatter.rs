//! A note's frontmatter: what oneonone reads from it (person, date, tags,
//! framework), with a shortcut for the plain YAML it writes itself, and the
//! few text edits oneonone makes to it: a scalar written so every YAML
//! parser reads it back as the same string, and one `key: value` line set
//! without touching any other byte.

use std::ops::Range;
use std::path::Path;

use chrono::NaiveDate;
use serde_yaml::Value;

use crate::error::{Error, Result};
use crate::note::{LineSpans, Note, line_number, parse_date_prefix};

/// What oneonone reads from a note's frontmatter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Frontmatter {
    /// `person:`, the person's display name.
    pub person: Option<String>,
    /// `date:`, the meeting date.
    pub date: Option<NaiveDate>,
    /// `tags:`, a list (or one tag) of free-form labels.
    pub tags: Vec<String>,
    /// `framework:`, the framework the note was written with.
    pub framework: Option<String>,
}

impl Note<'_> {
    /// Parses the frontmatter's `person` and `date`.
    ///
    /// # Errors
    /// The YAML does not parse, is not a mapping, or holds a `date` that is
    /// not `YYYY-MM-DD`; the error names `path` and the line.
    pub fn frontmatter(&self, path: &Path) -> Result<Frontmatter> {
        match self.frontmatter_lenient(path) {
            (fm, None) => Ok(fm),
            (_, Some(e)) => Err(e),
        }
    }

    /// The 1-based line of the top-level `key:` in the frontmatter.
    #[must_use]
    pub fn key_line(&self, key: &str) -> Option<usize> {
        let range = self.frontmatter.clone()?;
        let mut at = range.start;
        for line in self.text[range.clone()].split_inclusive('\n') {
            if line
                .strip_prefix(key)
                .is_some_and(|rest| rest.starts_with(':'))
            {
                return Some(line_number(self.text, at));
            }
            at += line.len();
        }
        None
    }

    /// Like [`Note::frontmatter`], but keeps what can be read: a bad `date`
    /// leaves `person` and `tags` in place. The error, if any, comes along.
    #[must_use]
    pub fn frontmatter_lenient(&self, path: &Path) -> (Frontmatter, Option<Error>) {
        self.frontmatter_lenient_at(|| path.to_path_buf())
    }

    /// [`Note::frontmatter_lenient`], with the path an error names made
    /// only for the YAML parser (a scan of every note reads most
    /// frontmatter without it).
    #[must_use]
    pub fn frontmatter_lenient_at(
        &self,
        path: impl FnOnce() -> std::path::PathBuf,
    ) -> (Frontmatter, Option<Error>) {
        if let Some(range) = self.frontmatter.clone()
            && let Some(simple) = simple_frontmatter(&self.text[range])
        {
            return (simple, None);
        }
        self.parse_frontmatter(&path())
    }

    /// The frontmatter as the YAML parser reads it, without the shortcut
    /// for plain frontmatter (for the invariants that check the shortcut).
    #[doc(hidden)]
    #[must_use]
    pub fn frontmatter_by_yaml(&self, path: &Path) -> (Frontmatter, Option<Error>) {
        self.parse_frontmatter(path)
    }

    pub(crate) fn parse_frontmatter(&self, path: &Path) -> (Frontmatter, Option<Error>) {
        let Some(range) = self.frontmatter.clone() else {
            return (Frontmatter::default(), None);
        };
        let yaml = &self.text[range.clone()];
        let first_line = line_number(self.text, range.start);
        let value: Value = match crate::yaml::parse(yaml, path, first_line, crate::yaml::NOTE_CAP) {
            Ok(v) => v,
            Err(e) => return (Frontmatter::default(), Some(e)),
        };
        let map = match value {
            Value::Mapping(map) => map,
            Value::Null => return (Frontmatter::default(), None),
            _ => {
                let e = Error::Invalid {
                    path: path.to_path_buf(),
                    line: Some(first_line),
                    message: "frontmatter is not a mapping of `key: value` lines".into(),
                };
                return (Frontmatter::default(), Some(e));
            }
        };
        let person = match map.get("person") {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => None,
        };
        let tags = match map.get("tags") {
            Some(Value::Sequence(items)) => items.iter().filter_map(scalar_string).collect(),
            Some(other) => scalar_string(other).into_iter().collect(),
            None => Vec::new(),
        };
        let framework = map.get("framework").and_then(scalar_string);
        let mut fm = Frontmatter {
            person,
            date: None,
            tags,
            framework,
        };
        let shown = match map.get("date") {
            None | Some(Value::Null) => return (fm, None),
            Some(Value::String(s)) => {
                if let Some(date) = parse_date_prefix(s) {
                    fm.date = Some(date);
                    return (fm, None);
                }
                format!("{s:?}")
            }
            Some(other) => format!("{other:?}"),
        };
        let e = bad_date(path, self.text, range, &shown);
        (fm, Some(e))
    }
}

/// A string as a one-line YAML scalar that every YAML parser, 1.1 or 1.2,
/// reads back as the same string: plain when it is only letters, digits,
/// blanks and `.-'` starting with a letter and is no YAML 1.1 keyword
/// (`no`, `on`, `null`, ...) or a date; double-quoted otherwise.
pub fn yaml_scalar(value: &str) -> String {
    let plain = value.chars().next().is_some_and(char::is_alphabetic)
        && value
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '.' | '-' | '\''))
        && !value.ends_with(' ')
        && !crate::yaml::is_keyword(value);
    let date = crate::note::parse_date_prefix(value).is_some() && value.len() == 10;
    if plain || date {
        value.to_string()
    } else {
        // A JSON string is a valid YAML double-quoted scalar.
        serde_json::to_string(value).unwrap_or_default()
    }
}

/// Sets the top-level `key:` of the frontmatter to `value` (written as
/// given), changing only the value's bytes on its line: its comment, the
/// blanks around it and every other line stay. A missing key is added at
/// the end of the frontmatter, a missing frontmatter at the start of the
/// note, in the file's own line endings. Unchecked: the caller re-reads the
/// YAML to prove nothing else changed.
pub(crate) fn set_value(text: &str, key: &str, value: &str) -> String {
    let eol = crate::note::line_ending(text);
    let mut out = text.to_string();
    let note = Note::split(&out);
    let Some(range) = note.frontmatter.clone() else {
        let start = note.body_start;
        out.insert_str(start, &format!("---{eol}{key}: {value}{eol}---{eol}"));
        return out;
    };
    set_value_in(out, range, key, value)
}

/// [`set_value`] in the YAML text at `range` of `text` (a whole
/// `person.yaml` too): a missing key is added at the end of the range.
pub(crate) fn set_value_in(text: String, range: Range<usize>, key: &str, value: &str) -> String {
    let eol = crate::note::line_ending(&text);
    let mut out = text;
    if let Some((line, colon)) = key_span(&out, range.clone(), key) {
        let key_end = colon + 1;
        let rest = &out[key_end..line.end];
        let rest = rest.strip_suffix('\r').unwrap_or(rest);
        let comment = rest
            .find(" #")
            .or_else(|| rest.find("\t#"))
            .unwrap_or(rest.len());
        let leading = rest.len() - rest.trim_start().len();
        let value_start = key_end + leading.min(comment);
        let value_end = key_end + rest[..comment].trim_end().len().max(leading.min(comment));
        // YAML needs a blank between the colon and the value.
        let after_colon = out.as_bytes()[value_start - 1] == b':';
        let replacement = if after_colon {
            format!(" {value}")
        } else {
            value.to_string()
        };
        out.replace_range(value_start..value_end, &replacement);
    } else {
        out.insert_str(range.end, &format!("{key}: {value}{eol}"));
    }
    out
}

/// The top-level `key:` line in the frontmatter (the key plain or
/// quoted, blanks allowed before the colon): its range without the line
/// break, and the offset of its colon.
pub(crate) fn key_span(
    text: &str,
    frontmatter: Range<usize>,
    key: &str,
) -> Option<(Range<usize>, usize)> {
    let mut start = frontmatter.start;
    while start < frontmatter.end {
        let end = text[start..frontmatter.end]
            .find('\n')
            .map_or(frontmatter.end, |i| start + i);
        let line = &text[start..end];
        let after_key = [key.to_string(), format!("\"{key}\""), format!("'{key}'")]
            .iter()
            .find_map(|spelled| {
                line.strip_prefix(spelled.as_str())
                    .map(|rest| line.len() - rest.len())
            });
        if let Some(key_len) = after_key {
            let rest = &line[key_len..];
            let blanks = rest.len() - rest.trim_start_matches([' ', '\t']).len();
            if rest[blanks..].starts_with(':') {
                return Some((start..end, start + key_len + blanks));
            }
        }
        start = end + 1;
    }
    None
}

/// Reads frontmatter written in the plainest YAML, the kind oneonone writes
/// (`key: word words`, `key: 3`, `key: [a, b]`, comments), without a YAML
/// parser: a parse costs more than the rest of a note. Such lines can hold
/// no YAML error, and every value reads as the YAML parser would read it.
/// Anything else (quotes, anchors, nesting, a value starting with a digit
/// that is not a date or a small number, `true`, a repeated key) gives
/// `None`, and the YAML parser decides.
pub(crate) fn simple_frontmatter(yaml: &str) -> Option<Frontmatter> {
    fn plain(v: &str) -> bool {
        let starts_ok = v.starts_with(|c: char| c.is_alphabetic());
        let chars_ok = v.chars().all(|c| {
            c.is_alphanumeric() || matches!(c, ' ' | '_' | '.' | '-' | '/' | '(' | ')' | '+')
        });
        let keyword = crate::yaml::is_keyword(v);
        starts_ok && chars_ok && !keyword && !v.ends_with(' ') && !v.contains("  ")
    }
    let date_like = |v: &str| v.len() == 10 && parse_date_prefix(v).is_some();
    let number = |v: &str| {
        !v.is_empty()
            && v.len() <= 9
            && v.bytes().all(|b| b.is_ascii_digit())
            && !(v.len() > 1 && v.starts_with('0'))
    };
    // Too large for the YAML parser is too large here too.
    if yaml.len() > crate::yaml::NOTE_CAP {
        return None;
    }
    // YAML refuses control characters anywhere, comments included.
    if yaml.chars().any(|c| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
            || matches!(c, '\u{feff}' | '\u{fffe}' | '\u{ffff}')
    }) {
        return None;
    }
    let mut fm = Frontmatter::default();
    let mut keys: Vec<&str> = Vec::new();
    for line in yaml.lines() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim_matches([' ', '\t']).is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, rest) = line.split_once(':')?;
        // Plain lowercase keys only: `True:`, `null:`, `1:` or a key past
        // 1024 bytes mean something else (or an error) to a YAML parser.
        let key_ok = key.len() <= 1024
            && key.starts_with(|c: char| c.is_ascii_lowercase())
            && key
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
            && !crate::yaml::is_keyword(key);
        if !key_ok {
            return None;
        }
        if keys.contains(&key) {
            return None;
        }
        keys.push(key);
        if !(rest.is_empty() || rest.starts_with(' ')) {
            return None;
        }
        let value = rest.trim_start_matches([' ', '\t']);
        // A trailing comment needs a blank before the `#`.
        let value = match value.find(" #") {
            Some(at) => value[..at].trim_end_matches([' ', '\t']),
            None if value.starts_with('#') => "",
            None => value.trim_end_matches([' ', '\t']),
        };
        if let Some(inner) = value.strip_prefix('[') {
            let inner = inner.strip_suffix(']')?;
            let items: Vec<&str> = if inner.trim_matches(' ').is_empty() {
                Vec::new()
            } else {
                inner.split(',').map(|i| i.trim_matches(' ')).collect()
            };
            if !items.iter().all(|i| plain(i) || number(i)) {
                return None;
            }
            if key == "tags" {
                fm.tags = items.iter().map(|i| (*i).to_string()).collect();
            }
            continue;
        }
        let ok = value.is_empty() || plain(value) || number(value) || date_like(value);
        if !ok {
            return None;
        }
        match key {
            "person" if !value.is_empty() => fm.person = Some(value.to_string()),
            "date" if date_like(value) => fm.date = parse_date_prefix(value),
            // Anything else in `date` is for the YAML parser to judge.
            "date" if !value.is_empty() => return None,
            "framework" if !value.is_empty() => fm.framework = Some(value.to_string()),
            "tags" if !value.is_empty() => fm.tags = vec![value.to_string()],
            _ => {}
        }
    }
    Some(fm)
}

/// A YAML scalar as a non-empty string.
fn scalar_string(value: &Value) -> Option<String> {
    let s = match value {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => return None,
    };
    (!s.is_empty()).then_some(s)
}

/// The error for a `date:` that is not a date, pointing at its line.
fn bad_date(path: &Path, text: &str, yaml: Range<usize>, shown: &str) -> Error {
    let offset = LineSpans::new(text, yaml.start)
        .take_while(|l| l.start < yaml.end)
        .find(|l| text[l.clone()].starts_with("date:"))
        .map_or(yaml.start, |l| l.start);
    Error::Invalid {
        path: path.to_path_buf(),
        line: Some(line_number(text, offset)),
        message: format!("`date: {shown}` is not a date; write it as YYYY-MM-DD"),
    }
}
