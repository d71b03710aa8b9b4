//! How things read on screen, shared by the commands: plurals, ages, the
//! one-line form of a follow-up, padding by display width, and the
//! listing of planned changes that `--dry-run` prints (`rename`, `new`,
//! `undo`): each file created with its lines, each edit as `path:line`
//! with the lines before (`-`) and after (`+`).

use std::ops::Range;
use std::path::Path;

use crate::error::Result;
use crate::followup::{self, FollowUp};
use crate::notebook::Notebook;
use crate::output::{Output, Shown, sanitize, style};

/// What a listing writes before the words of a private follow-up (one in
/// a private section of its note).
pub const PRIVATE_MARK: &str = "🔒 ";

/// One item: `  path:line: text · due DATE · open N days`, a private one
/// `  path:line: 🔒 text ...`. The due date is shown once, in its cell
/// (its `📅 DATE` or `due:DATE` left out of the text); the age counts from
/// the item's first date (its oldest `(from DATE)`, else its note's), not
/// from the note a carry-over put it in. With `width` (a terminal), the
/// text is cut with `…` so the line fits; without, it is whole.
///
/// # Errors
/// Standard output cannot be written.
pub fn print_item(
    notebook: &Notebook,
    today: chrono::NaiveDate,
    item: &FollowUp,
    width: Option<usize>,
    out: &mut Output,
) -> Result<()> {
    let path = notebook.show(Path::new(&*item.path));
    // A private item says so before its words: the screen may be shared
    // (`--shared` leaves it out).
    let lock = if item.private { PRIVATE_MARK } else { "" };
    let shown_path = Shown(&path).to_string();
    let lead = 2 + self::width(&shown_path) + 1 + item.line.to_string().len() + 2;
    let mut text = item.text.to_string();
    if item.due.is_some()
        && let Some(span) = followup::due_span(&text)
    {
        text.replace_range(span, "");
    }
    let text = sanitize(text.trim());
    let due = item.due.map(|due| {
        let days = due.signed_duration_since(today).num_days();
        if days < 0 {
            (style::ERROR, format!(" · overdue {}", days_word(-days)))
        } else {
            (style::DIM, format!(" · due {due}"))
        }
    });
    let age = item.date.map(|date| {
        let days = today.signed_duration_since(date).num_days();
        if days < 0 {
            // An item of a note prepared for an upcoming 1:1 has no age yet.
            format!(" · for the 1:1 {}", age(days))
        } else {
            let first = followup::first_date(&item.text).map_or(date, |f| f.min(date));
            match today.signed_duration_since(first).num_days() {
                d if d <= 0 => " · opened today".to_string(),
                d => format!(" · open {}", days_word(d)),
            }
        }
    });
    let (mut age, mut due) = (age, due);
    let text = match width {
        Some(columns) => {
            // On a terminal the age says what `(from DATE)` says.
            let text = without_from(&text);
            let room = |age: Option<&str>, due: Option<&str>| {
                let tail = due.map_or(0, self::width) + age.map_or(0, self::width);
                columns.saturating_sub(lead + self::width(lock) + tail)
            };
            let room_now = |age: &Option<String>, due: &Option<(_, String)>| {
                room(age.as_deref(), due.as_ref().map(|(_, d)| d.as_str()))
            };
            // A long path leaves little room: the age goes, then the due
            // date, before the words are cut below their fewest columns.
            if room_now(&age, &due) < MIN_TEXT && self::width(&text) > room_now(&age, &due) {
                age = None;
            }
            if room_now(&age, &due) < MIN_TEXT && self::width(&text) > room_now(&age, &due) {
                due = None;
            }
            // A path wider than the terminal: the start of the words still.
            cut(&text, room_now(&age, &due).max(4))
        }
        None => text.into_owned(),
    };
    write!(out, "  ")?;
    out.styled(style::PATH, &shown_path)?;
    write!(out, ":")?;
    out.styled(style::LINE, item.line)?;
    write!(out, ": {lock}{text}")?;
    if let Some((style, due)) = due {
        out.styled(style, due)?;
    }
    if let Some(age) = age {
        out.styled(style::DIM, age)?;
    }
    writeln!(out)
}

/// `text` without the `(from YYYY-MM-DD)` notes carry-over writes, and
/// the blank before each.
fn without_from(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("(from ") {
        let note = &rest[at..];
        let is_date = note
            .get(6..16)
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        if is_date.is_some() && note.get(16..17) == Some(")") {
            out.push_str(rest[..at].trim_end());
            rest = &note[17..];
        } else {
            out.push_str(&rest[..at + 6]);
            rest = &note[6..];
        }
    }
    out.push_str(rest);
    out
}

/// The fewest columns a follow-up's text is cut to, however little room
/// its line leaves.
const MIN_TEXT: usize = 12;

/// `text` (sanitized) in at most `columns` display columns: a longer one
/// is cut, and ends with `…`.
#[must_use]
pub fn cut(text: &str, columns: usize) -> String {
    if width(text) <= columns {
        return text.to_string();
    }
    let mut shown = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = char_width(c);
        if used + w + 1 > columns {
            break;
        }
        shown.push(c);
        used += w;
    }
    shown.push('…');
    shown
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

/// `text` in at most `columns` display columns: a longer one is cut on a
/// character and ends with `…` (a wide character that would straddle the
/// edge goes whole).
#[must_use]
pub fn shorten(text: &str, columns: usize) -> String {
    if width(text) <= columns {
        return text.to_string();
    }
    let mut shown = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        // Room for the closing `…`.
        if used + w + 1 > columns {
            break;
        }
        shown.push(c);
        used += w;
    }
    if columns > 0 {
        shown.push('…');
    }
    shown
}

/// The narrowest a `--dry-run` listing is cut to, however narrow the
/// terminal says it is.
const MIN_COLUMNS: usize = 40;

/// A piece of a file's text replaced by another: the one kind of edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Splice {
    /// The bytes replaced (empty for an insertion).
    pub range: Range<usize>,
    /// What goes in their place.
    pub with: String,
}

/// `text` with the splices made (sorted by start; insertions at one place
/// in the order given).
#[must_use]
pub fn apply(text: &str, splices: &[Splice]) -> String {
    let mut sorted: Vec<&Splice> = splices.iter().collect();
    sorted.sort_by_key(|s| s.range.start);
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for s in sorted {
        out.push_str(&text[from..s.range.start]);
        out.push_str(&s.with);
        from = s.range.end;
    }
    out.push_str(&text[from..]);
    out
}

/// The one splice that turns `before` into `after`, when they differ in one
/// stretch (the common start and end kept).
#[must_use]
pub fn between(before: &str, after: &str) -> Option<Splice> {
    if before == after {
        return None;
    }
    let (b, a) = (before.as_bytes(), after.as_bytes());
    let mut start = b.iter().zip(a).take_while(|(x, y)| x == y).count();
    while !before.is_char_boundary(start) {
        start -= 1;
    }
    let most = b.len().min(a.len()) - start;
    let mut end = b
        .iter()
        .rev()
        .zip(a.iter().rev())
        .take(most)
        .take_while(|(x, y)| x == y)
        .count();
    while !before.is_char_boundary(b.len() - end) || !after.is_char_boundary(a.len() - end) {
        end -= 1;
    }
    Some(Splice {
        range: start..b.len() - end,
        with: after[start..a.len() - end].to_string(),
    })
}

/// The most line pairs compared one by one to find what two versions of
/// a file share (a 2000-line note against itself); past it, lines are
/// paired in order.
const DIFF_CELLS: usize = 1 << 22;

/// The splices that turn `before` into `after`, found line by line: lines
/// both keep stay; a line changed in place (most of it kept, as a `[ ]`
/// that became `[>]`) is one splice of the bytes that differ, listed on
/// its own line; other lines removed or added are whole-line splices.
#[must_use]
pub fn line_splices(before: &str, after: &str) -> Vec<Splice> {
    let old: Vec<&str> = before.split_inclusive('\n').collect();
    let new: Vec<&str> = after.split_inclusive('\n').collect();
    let mut starts = Vec::with_capacity(old.len() + 1);
    let mut at = 0;
    for line in &old {
        starts.push(at);
        at += line.len();
    }
    starts.push(at);
    let mut splices = Vec::new();
    for (o, n) in changed_runs(&old, &new, &|a, b| a == b) {
        // Within a run, a line that is mostly kept pairs with its new
        // form.
        let pieces = changed_runs(&old[o.clone()], &new[n.clone()], &alike);
        // Where the next stretch of alike lines starts, in old and new.
        let mut next = (0, 0);
        let mut spans: Vec<(Range<usize>, Range<usize>)> = Vec::new();
        let alike_from = |(i, j): (usize, usize), until: usize| {
            (i..until).zip(j..).map(|(i, j)| (i..i + 1, j..j + 1))
        };
        for (po, pn) in pieces {
            spans.extend(alike_from(next, po.start));
            next = (po.end, pn.end);
            spans.push((po, pn));
        }
        spans.extend(alike_from(next, o.len()));
        for (po, pn) in spans {
            let range = starts[o.start + po.start]..starts[o.start + po.end];
            let with: String = new[n.start + pn.start..n.start + pn.end].concat();
            if let Some(s) = between(&before[range.clone()], &with) {
                splices.push(Splice {
                    range: range.start + s.range.start..range.start + s.range.end,
                    with: s.with,
                });
            }
        }
    }
    splices
}

/// True for two lines of which most is the same: what they share at the
/// start and the end is at least half the longer one.
fn alike(a: &str, b: &str) -> bool {
    let longer = a.len().max(b.len());
    let changed = between(a, b).map_or(0, |s| s.range.len().max(s.with.len()));
    !a.trim().is_empty() && (longer - changed) * 2 >= longer
}

/// The runs of lines that differ between `old` and `new` (as `same` sees
/// them), as (old lines, new lines), in order, from a longest common
/// subsequence of lines.
fn changed_runs(
    old: &[&str],
    new: &[&str],
    same: &dyn Fn(&str, &str) -> bool,
) -> Vec<(Range<usize>, Range<usize>)> {
    let head = old.iter().zip(new).take_while(|(a, b)| same(a, b)).count();
    let tail = old[head..]
        .iter()
        .rev()
        .zip(new[head..].iter().rev())
        .take_while(|(a, b)| same(a, b))
        .count();
    let (o, n) = (&old[head..old.len() - tail], &new[head..new.len() - tail]);
    if o.is_empty() && n.is_empty() {
        return Vec::new();
    }
    let shift = |(a, b): (Range<usize>, Range<usize>)| {
        (a.start + head..a.end + head, b.start + head..b.end + head)
    };
    if o.len().saturating_mul(n.len()) > DIFF_CELLS {
        // Too large to compare every pair: same length, line for line;
        // else one run.
        if o.len() != n.len() {
            return vec![shift((0..o.len(), 0..n.len()))];
        }
        return (0..o.len())
            .filter(|&i| !same(o[i], n[i]))
            .map(|i| shift((i..i + 1, i..i + 1)))
            .collect();
    }
    // common[i][j]: the longest common subsequence of o[i..] and n[j..].
    let width = n.len() + 1;
    let mut common = vec![0u32; (o.len() + 1) * width];
    for i in (0..o.len()).rev() {
        for j in (0..n.len()).rev() {
            common[i * width + j] = if same(o[i], n[j]) {
                common[(i + 1) * width + j + 1] + 1
            } else {
                common[(i + 1) * width + j].max(common[i * width + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut runs = Vec::new();
    let mut run: Option<(usize, usize)> = None;
    while i < o.len() || j < n.len() {
        if i < o.len()
            && j < n.len()
            && same(o[i], n[j])
            && common[i * width + j] == common[(i + 1) * width + j + 1] + 1
        {
            if let Some((a, b)) = run.take() {
                runs.push(shift((a..i, b..j)));
            }
            i += 1;
            j += 1;
            continue;
        }
        run.get_or_insert((i, j));
        if j < n.len() && (i == o.len() || common[i * width + j + 1] >= common[(i + 1) * width + j])
        {
            j += 1;
        } else {
            i += 1;
        }
    }
    if let Some((a, b)) = run {
        runs.push(shift((a..i, b..j)));
    }
    runs
}

/// An edited stretch of a file, for the listing: the lines before and
/// after.
struct Hunk {
    /// The 1-based line of the first old line (or where the new ones go).
    line: usize,
    old: String,
    new: String,
    /// The byte in the first line where the change starts.
    focus: usize,
}

/// The splices of `text` as whole lines before and after, neighbours
/// joined.
fn hunks(text: &str, splices: &[Splice]) -> Vec<Hunk> {
    // On bytes: `at` may be inside a character (the last byte of one).
    let bytes = text.as_bytes();
    let line_start = |at: usize| memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
    let line_end =
        |at: usize| memchr::memchr(b'\n', &bytes[at..]).map_or(text.len(), |i| at + i + 1);
    let mut groups: Vec<(Range<usize>, Vec<&Splice>)> = Vec::new();
    let mut sorted: Vec<&Splice> = splices.iter().collect();
    sorted.sort_by_key(|s| s.range.start);
    for s in sorted {
        let start = line_start(s.range.start);
        let whole_lines = s.range.is_empty() && s.range.start == start && s.with.ends_with('\n');
        let end = if whole_lines {
            start
        } else if s.range.is_empty() {
            line_end(s.range.start)
        } else {
            line_end(s.range.end - 1)
        };
        match groups.last_mut() {
            Some((r, group)) if start < r.end || (start == r.end && whole_lines) => {
                r.end = r.end.max(end);
                group.push(s);
            }
            _ => groups.push((start..end, vec![s])),
        }
    }
    groups
        .into_iter()
        .map(|(region, group)| {
            let focus = group[0].range.start - region.start;
            let shifted: Vec<Splice> = group
                .iter()
                .map(|s| Splice {
                    range: s.range.start - region.start..s.range.end - region.start,
                    with: s.with.clone(),
                })
                .collect();
            let old = &text[region.clone()];
            Hunk {
                line: crate::note::line_number(text, region.start),
                old: old.to_string(),
                new: apply(old, &shifted),
                focus,
            }
        })
        .collect()
}

/// A path as a listing shows it (a notebook path through `Notebook::show`
/// first, so from the current folder): `/`-separated,
/// sanitized, a folder ending in `/`.
#[must_use]
pub fn listed_path(rel: &Path, folder: bool) -> String {
    let mut s = sanitize(&crate::notebook::slash_path(rel)).into_owned();
    if folder {
        s.push('/');
    }
    s
}

/// The listing of a file to create: `create PATH`, then each of its lines
/// as `  + line`, cut to `width` columns when there is one (a terminal).
#[must_use]
pub fn listed_creation(rel: &Path, text: &str, width: Option<usize>) -> Vec<String> {
    let mut lines = vec![format!("create {}", listed_path(rel, false))];
    lines.extend(text.lines().map(|line| fit("  + ", line, 0, width)));
    lines
}

/// The listing of an edit of the file `rel`, which holds `before`: for
/// each stretch changed, `edit PATH:LINE`, then the lines as they are
/// (`  - line`) and as they will be (`  + line`), cut to `width` columns
/// when there is one (a terminal), around the change.
#[must_use]
pub fn listed_edit(
    rel: &Path,
    before: &str,
    splices: &[Splice],
    width: Option<usize>,
) -> Vec<String> {
    let path = listed_path(rel, false);
    let mut lines = Vec::new();
    for hunk in hunks(before, splices) {
        lines.push(format!("edit {path}:{}", hunk.line));
        for (i, line) in hunk.old.lines().enumerate() {
            lines.push(fit(
                "  - ",
                line,
                if i == 0 { hunk.focus } else { 0 },
                width,
            ));
        }
        for (i, line) in hunk.new.lines().enumerate() {
            lines.push(fit(
                "  + ",
                line,
                if i == 0 { hunk.focus } else { 0 },
                width,
            ));
        }
    }
    lines
}

/// The columns one character takes, as the sanitizer shows it.
#[must_use]
pub fn char_width(c: char) -> usize {
    width(&sanitize(c.encode_utf8(&mut [0; 4])))
}

/// `prefix` and `line` (sanitized) in at most `columns` columns (none: the
/// whole line, for a pipe or a file): a longer line is cut to a window
/// around the byte `focus`, marked with `…`.
fn fit(prefix: &str, line: &str, focus: usize, columns: Option<usize>) -> String {
    let line = line.trim_end_matches('\r');
    let clean = sanitize(line);
    let Some(columns) = columns else {
        return format!("{prefix}{clean}");
    };
    let room = columns.max(MIN_COLUMNS) - width(prefix);
    if width(&clean) <= room {
        return format!("{prefix}{clean}");
    }
    // The window starts a little before the change, on a character.
    let mut focus = focus.min(line.len());
    while !line.is_char_boundary(focus) {
        focus -= 1;
    }
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let at = chars.iter().position(|(i, _)| *i >= focus).unwrap_or(0);
    // Some of what comes before, more when what follows is short.
    let after: usize = chars[at..].iter().map(|(_, c)| char_width(*c)).sum();
    let budget = (room / 4).max(room.saturating_sub(after + 2));
    let mut start = at;
    let mut back = 0;
    while start > 0 && back + char_width(chars[start - 1].1) <= budget {
        start -= 1;
        back += char_width(chars[start].1);
    }
    let mut shown = String::new();
    if start > 0 {
        shown.push('…');
    }
    let mut used = width(&shown);
    for (_, c) in &chars[start..] {
        let piece = sanitize(c.encode_utf8(&mut [0; 4])).into_owned();
        let w = width(&piece);
        // Room for a closing `…`.
        if used + w + 1 > room {
            shown.push('…');
            break;
        }
        shown.push_str(&piece);
        used += w;
    }
    format!("{prefix}{shown}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortening_counts_columns_and_marks_the_cut() {
        assert_eq!(shorten("Staff Engineer", 20), "Staff Engineer");
        assert_eq!(shorten("Staff Engineer", 6), "Staff…");
        // 李娜张 is six columns: a wide character never straddles the edge.
        assert_eq!(shorten("李娜张", 4), "李…");
        assert_eq!(width(&shorten("Jose\u{301} Garcia", 5)), 5);
        assert_eq!(shorten("Jose\u{301} Garcia", 5), "Jose\u{301}…");
    }

    #[test]
    fn padding_counts_columns_not_characters() {
        assert_eq!(pad("Bob", 6), "Bob   ");
        // Two columns each.
        assert_eq!(pad("李娜", 6), "李娜  ");
        // `e` and a combining acute: one column.
        assert_eq!(pad("Jose\u{301}", 6), "Jose\u{301}  ");
        assert_eq!(pad("too long", 3), "too long");
    }

    #[test]
    fn hunks_show_whole_lines_and_fit_80_columns() {
        let text = "a @al b\nline two\n";
        let splices = [
            Splice {
                range: 3..5,
                with: "mary".into(),
            },
            Splice {
                range: 17..17,
                with: "new line\n".into(),
            },
        ];
        let got: Vec<(usize, String, String)> = hunks(text, &splices)
            .into_iter()
            .map(|h| (h.line, h.old, h.new))
            .collect();
        assert_eq!(
            got,
            [
                (1, "a @al b\n".into(), "a @mary b\n".into()),
                (3, String::new(), "new line\n".into()),
            ]
        );
        let long = format!("{}@alice{}", "x".repeat(100), "y".repeat(100));
        let shown = fit("  - ", &long, 100, Some(80));
        assert_eq!(width(&shown), 80, "{shown}");
        assert!(shown.starts_with("  - …x"), "{shown}");
        assert!(shown.contains("@alice"), "{shown}");
        assert!(shown.ends_with("y…"), "{shown}");
        assert_eq!(fit("  + ", "short", 0, Some(80)), "  + short");
        // A wider terminal shows more; a pipe gets the whole line.
        assert_eq!(width(&fit("  - ", &long, 100, Some(120))), 120);
        assert_eq!(fit("  - ", &long, 100, None), format!("  - {long}"));
    }

    #[test]
    fn line_splices_list_each_changed_line_and_rebuild_the_text() {
        let before = "# Notes\n- [ ] one\n- [ ] two\nkept\n- [ ] three\npoint\nend";
        let after = "# Notes\n- [>] one\n- [>] two\nkept\nadded\n- [>] three\nend";
        let splices = line_splices(before, after);
        assert_eq!(apply(before, &splices), after);
        assert_eq!(
            listed_edit(Path::new("a/n.md"), before, &splices, Some(80)),
            [
                "edit a/n.md:2",
                "  - - [ ] one",
                "  + - [>] one",
                "edit a/n.md:3",
                "  - - [ ] two",
                "  + - [>] two",
                "edit a/n.md:5",
                "  + added",
                "edit a/n.md:5",
                "  - - [ ] three",
                "  + - [>] three",
                "edit a/n.md:6",
                "  - point",
            ]
        );
        // The case proptest once shrank a failure to: a text ending in a
        // letter of two bytes, after an item, against one item.
        let (before, after) = ("- [x] é\né", "- [ ] ");
        let splices = line_splices(before, after);
        assert_eq!(apply(before, &splices), after);
        let _ = listed_edit(Path::new("n.md"), before, &splices, Some(40));
        // Every pair of small texts is rebuilt exactly.
        let texts = [
            "", "a\n", "a", "a\nb\n", "b\na\n", "a\n\na\n", "x\ny\nz", "\n\n",
        ];
        for before in texts {
            for after in texts {
                let splices = line_splices(before, after);
                assert_eq!(apply(before, &splices), after, "{before:?} -> {after:?}");
            }
        }
        // Too large to compare every pair: line for line, still exact.
        let before = "- [ ] x\n".repeat(3000);
        let after = "- [>] x\n".repeat(3000);
        let splices = line_splices(&before, &after);
        assert_eq!(splices.len(), 3000);
        assert_eq!(apply(&before, &splices), after);
        let shorter = "- [>] x\n".repeat(2999);
        assert_eq!(apply(&before, &line_splices(&before, &shorter)), shorter);
    }

    proptest::proptest! {
        /// Whatever the two texts, the splices rebuild the second from the
        /// first, and the listing never panics.
        #[test]
        fn line_splices_rebuild_any_text(
            before in proptest::collection::vec("(- \\[[ x>]\\] [ab]{0,3}|[ab]{0,2}|é)\n?", 0..12),
            after in proptest::collection::vec("(- \\[[ x>]\\] [ab]{0,3}|[ab]{0,2}|é)\n?", 0..12),
        ) {
            let (before, after) = (before.concat(), after.concat());
            let splices = line_splices(&before, &after);
            proptest::prop_assert_eq!(apply(&before, &splices), after);
            let _ = listed_edit(Path::new("n.md"), &before, &splices, Some(40));
        }
    }
}
