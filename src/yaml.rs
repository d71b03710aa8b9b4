//! Every YAML text oneonone reads (oneonone.yaml, person.yaml, the
//! question bank, a note's frontmatter) goes through [`parse`], which
//! refuses a text that is larger than its cap or nested deeper than
//! [`MAX_DEPTH`] before the YAML parser sees it.
//!
//! libyaml's scanner (behind yaml_serde) pays the current nesting depth
//! for every token it reads, so a line of 80,000 `[` took seconds in every
//! command that read it. The depth is measured by [`nesting`], one linear
//! pass that follows libyaml's own rules for where a token starts (quoted
//! and block scalars, plain scalars over several lines, comments, tags):
//! a bracket the parser would read as text never counts, and one it reads
//! as structure always does, so the measure cannot be talked down.

use std::path::Path;

/// Words a YAML 1.1 parser reads as a boolean, null or number when they
/// stand unquoted (`no` is false, `off` is false, `nan` is a float).
const YAML11_KEYWORDS: &[&str] = &[
    "y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf",
];

/// True for a word some YAML parser takes for something other than a
/// string when it stands unquoted, whatever its case.
#[must_use]
pub fn is_keyword(word: &str) -> bool {
    YAML11_KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(word))
}

use crate::error::{Error, Result};

/// The deepest nesting of collections, flow (`[`, `{`) and block
/// (indentation, `- `) together, a YAML text may have.
pub const MAX_DEPTH: usize = 64;

/// The largest frontmatter of a note, in bytes.
pub const NOTE_CAP: usize = 64 * 1024;

/// The largest settings or question-bank file, in bytes.
pub const SETTINGS_CAP: usize = 1024 * 1024;

/// Parses a YAML text into `T` after [`guard`]; `path` names the file in
/// errors and `first_line` is the file's line on which the text starts.
///
/// # Errors
/// The text is refused by [`guard`], does not parse, or does not fit `T`.
pub fn parse<T: serde::de::DeserializeOwned>(
    text: &str,
    path: &Path,
    first_line: usize,
    cap: usize,
) -> Result<T> {
    guard(text, path, first_line, cap)?;
    serde_yaml::from_str(text).map_err(|e| Error::yaml(path, first_line, text, &e))
}

/// Refuses a YAML text longer than `cap` bytes or nested deeper than
/// [`MAX_DEPTH`], naming the file and the line where it goes too deep.
///
/// # Errors
/// The text is too large or too deeply nested.
pub fn guard(text: &str, path: &Path, first_line: usize, cap: usize) -> Result<()> {
    if text.len() > cap {
        return Err(Error::Invalid {
            path: path.to_path_buf(),
            line: Some(first_line),
            message: format!(
                "{} of YAML; oneonone reads at most {} here",
                size(text.len()),
                size(cap)
            ),
        });
    }
    match nesting(text, MAX_DEPTH) {
        Some(line) => Err(Error::Invalid {
            path: path.to_path_buf(),
            line: Some(first_line + line - 1),
            message: format!(
                "YAML nested more than {MAX_DEPTH} levels deep; oneonone does not read it"
            ),
        }),
        None => Ok(()),
    }
}

/// "80 KiB", "1 MiB", "300 bytes".
fn size(bytes: usize) -> String {
    if bytes >= 1024 * 1024 && bytes.is_multiple_of(1024 * 1024) {
        format!("{} MiB", bytes / (1024 * 1024))
    } else if bytes >= 1024 {
        format!("{} KiB", bytes.div_ceil(1024))
    } else {
        format!("{bytes} bytes")
    }
}

/// The 1-based line on which libyaml's nesting of collections would pass
/// `max`, or `None` when it never does. Linear in the text.
#[must_use]
pub fn nesting(text: &str, max: usize) -> Option<usize> {
    let mut scanner = Scanner::new(text);
    match scanner.run(max) {
        Ok(()) | Err(Stop::Parser) => None,
        Err(Stop::TooDeep) => Some(scanner.line + 1),
    }
}

/// Why the scan ended early.
enum Stop {
    /// libyaml stops here with an error: it reads nothing further.
    Parser,
    /// The nesting passed the bound.
    TooDeep,
}

/// A position as libyaml marks it (`index` in bytes).
#[derive(Clone, Copy)]
struct Mark {
    index: usize,
    line: usize,
}

/// A model of libyaml's scanner (libyaml-rs, src/scanner.rs) that keeps
/// only what decides where tokens are: the flow level, the block
/// indentation stack, the one simple key of the block level, and whether
/// a simple key may start. Function names follow libyaml's.
struct Scanner {
    chars: Vec<char>,
    /// Where libyaml's reader stops: the end, or a character it refuses.
    end: usize,
    /// The next character, and its offset in bytes.
    pos: usize,
    byte: usize,
    line: usize,
    column: isize,
    flow_level: usize,
    /// Per open flow collection, whether it is a sequence and whether its
    /// current entry is a `key: value` pair, which the parser reads as a
    /// mapping of its own inside the sequence (one level more).
    flows: Vec<(bool, bool)>,
    /// How many of those pairs are open.
    pairs: usize,
    /// The deepest flow nesting inside the block level's simple key so
    /// far: once a `:` makes the key a mapping's, all of it sits one
    /// level deeper (`{}: x` under a key is three levels, not two).
    key_peak: usize,
    /// That depth, to check once the mapping it was a key of is counted.
    promoted_peak: usize,
    indent: isize,
    indents: Vec<isize>,
    /// The block level's possible simple key, and its column.
    simple_key: Option<(Mark, isize)>,
    simple_key_allowed: bool,
}

impl Scanner {
    fn new(text: &str) -> Self {
        let mut chars: Vec<char> = text.chars().collect();
        // The reader drops a leading byte order mark.
        if chars.first() == Some(&'\u{feff}') {
            chars.remove(0);
        }
        // The reader refuses control characters: nothing after one is read.
        let end = chars
            .iter()
            .position(|&c| {
                !matches!(c, '\t' | '\n' | '\r' | ' '..='~' | '\u{85}' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
            })
            .unwrap_or(chars.len());
        Scanner {
            chars,
            end,
            pos: 0,
            byte: 0,
            line: 0,
            column: 0,
            flow_level: 0,
            flows: Vec::new(),
            pairs: 0,
            key_peak: 0,
            promoted_peak: 0,
            indent: -1,
            indents: Vec::new(),
            simple_key: None,
            simple_key_allowed: true,
        }
    }

    /// The character `k` ahead, `'\0'` past the end.
    fn at(&self, k: usize) -> char {
        let i = self.pos + k;
        if i < self.end { self.chars[i] } else { '\0' }
    }

    fn is_end(&self) -> bool {
        self.pos >= self.end
    }

    fn blankz_at(&self, k: usize) -> bool {
        let c = self.at(k);
        is_blank(c) || is_break(c) || c == '\0'
    }

    fn skip(&mut self) {
        self.byte += self.at(0).len_utf8();
        self.pos += 1;
        self.column += 1;
    }

    fn skip_line(&mut self) {
        if self.at(0) == '\r' && self.at(1) == '\n' {
            self.pos += 2;
            self.byte += 2;
        } else {
            self.byte += self.at(0).len_utf8();
            self.pos += 1;
        }
        self.column = 0;
        self.line += 1;
    }

    fn mark(&self) -> Mark {
        Mark {
            index: self.byte,
            line: self.line,
        }
    }

    fn document_indicator(&self) -> bool {
        self.column == 0
            && (self.at(0) == '-' && self.at(1) == '-' && self.at(2) == '-'
                || self.at(0) == '.' && self.at(1) == '.' && self.at(2) == '.')
            && self.blankz_at(3)
    }

    fn run(&mut self, max: usize) -> Result<(), Stop> {
        loop {
            self.scan_to_next_token();
            self.stale_simple_keys();
            self.unroll_indent(self.column);
            if self.is_end() {
                return Ok(());
            }
            self.fetch_next_token()?;
            let flow = self.flow_level + self.pairs;
            if self.simple_key.is_some() {
                self.key_peak = self.key_peak.max(flow);
            }
            let promoted = std::mem::take(&mut self.promoted_peak);
            if self.indents.len() + flow.max(promoted) > max {
                return Err(Stop::TooDeep);
            }
        }
    }

    fn fetch_next_token(&mut self) -> Result<(), Stop> {
        let c = self.at(0);
        if self.column == 0 && c == '%' {
            // A directive: no structure on its line.
            self.unroll_indent(-1);
            self.remove_simple_key();
            self.simple_key_allowed = false;
            while !is_breakz(self.at(0)) {
                self.skip();
            }
            return Ok(());
        }
        if self.document_indicator() {
            self.unroll_indent(-1);
            self.remove_simple_key();
            self.simple_key_allowed = false;
            for _ in 0..3 {
                self.skip();
            }
            return Ok(());
        }
        match c {
            '[' | '{' => {
                self.save_simple_key();
                self.flow_level += 1;
                self.flows.push((c == '[', false));
                self.simple_key_allowed = true;
                self.skip();
            }
            ']' | '}' => {
                self.remove_simple_key();
                self.flow_level = self.flow_level.saturating_sub(1);
                if let Some((_, true)) = self.flows.pop() {
                    self.pairs -= 1;
                }
                self.simple_key_allowed = false;
                self.skip();
            }
            ',' => {
                self.end_pair();
                self.remove_simple_key();
                self.simple_key_allowed = true;
                self.skip();
            }
            '-' if self.blankz_at(1) => {
                self.roll_indent(self.column);
                self.remove_simple_key();
                self.simple_key_allowed = true;
                self.skip();
            }
            '?' if self.flow_level > 0 || self.blankz_at(1) => {
                self.start_pair();
                self.roll_indent(self.column);
                self.remove_simple_key();
                self.simple_key_allowed = self.flow_level == 0;
                self.skip();
            }
            ':' if self.flow_level > 0 || self.blankz_at(1) => {
                self.start_pair();
                self.fetch_value();
                self.skip();
            }
            '*' | '&' => {
                self.save_simple_key();
                self.simple_key_allowed = false;
                self.skip();
                while is_alpha(self.at(0)) {
                    self.skip();
                }
            }
            '!' => {
                self.save_simple_key();
                self.simple_key_allowed = false;
                self.scan_tag();
            }
            '|' | '>' if self.flow_level == 0 => {
                self.remove_simple_key();
                self.simple_key_allowed = true;
                self.scan_block_scalar()?;
            }
            '\'' | '"' => {
                self.save_simple_key();
                self.simple_key_allowed = false;
                self.scan_flow_scalar(c)?;
            }
            _ if self.plain_may_start(c) => {
                self.save_simple_key();
                self.simple_key_allowed = false;
                self.scan_plain_scalar()?;
            }
            // "found character that cannot start any token"
            _ => return Err(Stop::Parser),
        }
        Ok(())
    }

    fn plain_may_start(&self, c: char) -> bool {
        let indicator = is_blank(c) || is_breakz(c) || "-?:,[]{}#&*!|>'\"%@`".contains(c);
        !indicator
            || (c == '-' && !is_blank(self.at(1)))
            || (self.flow_level == 0 && (c == '?' || c == ':') && !self.blankz_at(1))
    }

    fn scan_to_next_token(&mut self) {
        loop {
            if self.column == 0 && self.at(0) == '\u{feff}' {
                self.skip();
            }
            while self.at(0) == ' '
                || ((self.flow_level > 0 || !self.simple_key_allowed) && self.at(0) == '\t')
            {
                self.skip();
            }
            if self.at(0) == '#' {
                while !is_breakz(self.at(0)) {
                    self.skip();
                }
            }
            if !is_break(self.at(0)) {
                return;
            }
            self.skip_line();
            if self.flow_level == 0 {
                self.simple_key_allowed = true;
            }
        }
    }

    /// A `key: value` (or `? key`) entry of a flow sequence opens a
    /// mapping of one pair there.
    fn start_pair(&mut self) {
        if let Some((true, open @ false)) = self.flows.last_mut() {
            *open = true;
            self.pairs += 1;
        }
    }

    /// A `,` ends the entry, and its pair if it had one.
    fn end_pair(&mut self) {
        if let Some((_, open @ true)) = self.flows.last_mut() {
            *open = false;
            self.pairs -= 1;
        }
    }

    /// Only the block level's key matters here (it places a mapping's
    /// indentation); keys inside flow collections change nothing counted.
    fn stale_simple_keys(&mut self) {
        if let Some((mark, _)) = self.simple_key
            && (mark.line < self.line || mark.index + 1024 < self.byte)
        {
            self.simple_key = None;
        }
    }

    fn save_simple_key(&mut self) {
        if self.simple_key_allowed && self.flow_level == 0 {
            self.simple_key = Some((self.mark(), self.column));
            self.key_peak = 0;
        }
    }

    fn remove_simple_key(&mut self) {
        if self.flow_level == 0 {
            self.simple_key = None;
        }
    }

    fn roll_indent(&mut self, column: isize) {
        if self.flow_level == 0 && self.indent < column {
            self.indents.push(self.indent);
            self.indent = column;
        }
    }

    fn unroll_indent(&mut self, column: isize) {
        if self.flow_level > 0 {
            return;
        }
        while self.indent > column {
            self.indent = self.indents.pop().unwrap_or(-1);
        }
    }

    fn fetch_value(&mut self) {
        if self.flow_level > 0 {
            self.simple_key_allowed = false;
        } else if let Some((_, column)) = self.simple_key.take() {
            self.roll_indent(column);
            self.promoted_peak = self.key_peak;
            self.simple_key_allowed = false;
        } else {
            self.roll_indent(self.column);
            self.simple_key_allowed = true;
        }
    }

    /// `!<uri>`, or `!handle!suffix` / `!suffix`: inside `<...>` even
    /// brackets and commas belong to the tag.
    fn scan_tag(&mut self) {
        let verbatim = self.at(1) == '<';
        self.skip();
        if verbatim {
            self.skip();
        }
        while is_uri_char(self.at(0), verbatim) {
            self.skip();
        }
        if verbatim && self.at(0) == '>' {
            self.skip();
        }
    }

    fn scan_block_scalar(&mut self) -> Result<(), Stop> {
        self.skip();
        let mut increment: isize = 0;
        let digit = |c: char| c.to_digit(10).and_then(|d| isize::try_from(d).ok());
        if matches!(self.at(0), '+' | '-') {
            self.skip();
            if let Some(d) = digit(self.at(0)) {
                if d == 0 {
                    return Err(Stop::Parser);
                }
                increment = d;
                self.skip();
            }
        } else if let Some(d) = digit(self.at(0)) {
            if d == 0 {
                return Err(Stop::Parser);
            }
            increment = d;
            self.skip();
            if matches!(self.at(0), '+' | '-') {
                self.skip();
            }
        }
        while is_blank(self.at(0)) {
            self.skip();
        }
        if self.at(0) == '#' {
            while !is_breakz(self.at(0)) {
                self.skip();
            }
        }
        if !is_breakz(self.at(0)) {
            return Err(Stop::Parser);
        }
        if is_break(self.at(0)) {
            self.skip_line();
        }
        let mut indent: isize = if increment == 0 {
            0
        } else if self.indent >= 0 {
            self.indent + increment
        } else {
            increment
        };
        self.scan_block_scalar_breaks(&mut indent)?;
        while self.column == indent && !self.is_end() {
            while !is_breakz(self.at(0)) {
                self.skip();
            }
            if self.is_end() {
                break;
            }
            self.skip_line();
            self.scan_block_scalar_breaks(&mut indent)?;
        }
        Ok(())
    }

    fn scan_block_scalar_breaks(&mut self, indent: &mut isize) -> Result<(), Stop> {
        let mut max_indent: isize = 0;
        loop {
            while (*indent == 0 || self.column < *indent) && self.at(0) == ' ' {
                self.skip();
            }
            max_indent = max_indent.max(self.column);
            if (*indent == 0 || self.column < *indent) && self.at(0) == '\t' {
                return Err(Stop::Parser);
            }
            if !is_break(self.at(0)) {
                break;
            }
            self.skip_line();
        }
        if *indent == 0 {
            *indent = max_indent.max(self.indent + 1).max(1);
        }
        Ok(())
    }

    /// A quoted scalar, over as many lines as it takes.
    fn scan_flow_scalar(&mut self, quote: char) -> Result<(), Stop> {
        let single = quote == '\'';
        self.skip();
        loop {
            if self.document_indicator() || self.is_end() {
                return Err(Stop::Parser);
            }
            while !self.blankz_at(0) {
                let c = self.at(0);
                if single && c == '\'' && self.at(1) == '\'' {
                    self.skip();
                    self.skip();
                    continue;
                }
                if c == quote {
                    break;
                }
                if !single && c == '\\' && is_break(self.at(1)) {
                    self.skip();
                    self.skip_line();
                    break;
                }
                if !single && c == '\\' {
                    let code_length = match self.at(1) {
                        '0' | 'a' | 'b' | 't' | '\t' | 'n' | 'v' | 'f' | 'r' | 'e' | ' ' | '"'
                        | '/' | '\\' | 'N' | '_' | 'L' | 'P' => 0,
                        'x' => 2,
                        'u' => 4,
                        'U' => 8,
                        _ => return Err(Stop::Parser),
                    };
                    self.skip();
                    self.skip();
                    for _ in 0..code_length {
                        if !self.at(0).is_ascii_hexdigit() {
                            return Err(Stop::Parser);
                        }
                        self.skip();
                    }
                    continue;
                }
                self.skip();
            }
            if self.at(0) == quote {
                self.skip();
                return Ok(());
            }
            while is_blank(self.at(0)) || is_break(self.at(0)) {
                if is_blank(self.at(0)) {
                    self.skip();
                } else {
                    self.skip_line();
                }
            }
        }
    }

    /// A plain scalar: in a block, it goes on over the lines indented
    /// deeper than the collection it is in; in a flow, up to an indicator.
    fn scan_plain_scalar(&mut self) -> Result<(), Stop> {
        let indent = self.indent + 1;
        let mut leading_blanks = false;
        loop {
            if self.document_indicator() || self.at(0) == '#' {
                break;
            }
            while !self.blankz_at(0) {
                let c = self.at(0);
                if self.flow_level > 0 && c == ':' && ",?[]{}".contains(self.at(1)) {
                    return Err(Stop::Parser);
                }
                if (c == ':' && self.blankz_at(1)) || (self.flow_level > 0 && ",[]{}".contains(c)) {
                    break;
                }
                self.skip();
            }
            if !(is_blank(self.at(0)) || is_break(self.at(0))) {
                break;
            }
            while is_blank(self.at(0)) || is_break(self.at(0)) {
                if is_blank(self.at(0)) {
                    if leading_blanks && self.column < indent && self.at(0) == '\t' {
                        return Err(Stop::Parser);
                    }
                    self.skip();
                } else {
                    self.skip_line();
                    leading_blanks = true;
                }
            }
            if self.flow_level == 0 && self.column < indent {
                break;
            }
        }
        if leading_blanks {
            self.simple_key_allowed = true;
        }
        Ok(())
    }
}

fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t'
}

fn is_break(c: char) -> bool {
    matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

fn is_breakz(c: char) -> bool {
    is_break(c) || c == '\0'
}

fn is_alpha(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

fn is_uri_char(c: char, verbatim: bool) -> bool {
    is_alpha(c) || ";/?:@&=+$.%!~*'()".contains(c) || (verbatim && ",[]".contains(c))
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;

    fn depth_ok(text: &str, max: usize) -> bool {
        nesting(text, max).is_none()
    }

    #[test]
    fn counts_flow_and_block_nesting() {
        assert!(depth_ok("a: [[[x]]]\n", 4));
        assert_eq!(nesting("a: [[[x]]]\n", 3), Some(1));
        assert_eq!(nesting("a:\n  b:\n    c: {d: [1]}\n", 4), Some(3));
        assert!(depth_ok("a:\n  b:\n    c: {d: [1]}\n", 5));
        assert_eq!(nesting("- - - - x\n", 3), Some(1));
        assert!(depth_ok("- - - x\n- y\n", 3));
        // Siblings do not add up.
        let many: String = (0..500).fold(String::new(), |mut out, i| {
            let _ = writeln!(out, "k{i}: [a, [b], {{c: d}}]");
            out
        });
        assert!(depth_ok(&many, 4));
        assert_eq!(nesting(&"[".repeat(80_000), MAX_DEPTH), Some(1));
    }

    #[test]
    fn brackets_in_text_do_not_count() {
        for text in [
            "a: \"[[[[[[\"\n",
            "a: '[[[[[['\n",
            "a: '[[''[[[['\n",
            "a: \"[[\\\"[[[[\"\n",
            "a: x [[[[[[\n",
            "a: x\n  [[[[[[ more of x\n",
            "a: | \n  [[[[[[\n  {{{{{{\nb: 1\n",
            "a: >-\n  [[[[[[\nb: 1\n",
            "a: 1 # [[[[[[\n",
            "# [[[[[[\na: 1\n",
            "a: !<tag:[[[[[[> x\n",
            "a: \"multi\n  [[[[[[ line\"\n",
            "[a, \"]]]]]]\n]]]]]]\", b]\n",
        ] {
            assert!(depth_ok(text, 2), "{text:?}");
        }
    }

    #[test]
    fn text_cannot_hide_brackets_the_parser_reads() {
        // Each of these once fooled a simpler count: the parser reads the
        // brackets after the quote, or inside the flow, as structure.
        let deep = "[".repeat(10);
        for text in [
            // An apostrophe inside a plain scalar starts no string.
            format!("a: it's\nb: {deep}\n"),
            // A quote opened in the middle of a flow plain scalar is text.
            format!("[a 'b, {deep}\n"),
            // A multi-line quoted string in a flow closes its brackets.
            format!("{deep}\"\n]]]]]]]]]]\", {deep}\n"),
            // A block scalar ends where the indentation says.
            format!("- a: |\n  b: {deep}\n"),
            format!("a: |\n  'x\nb: {deep}\nc: '\n"),
            // A flow collection as a key sits inside the mapping.
            format!("x:\n {}: y\n", "[".repeat(8) + &"]".repeat(8)),
            // A pair in a flow sequence is a mapping of its own.
            format!("x: {}\n", "[k: ".repeat(5)),
            // A comment needs a blank before it only in a plain scalar.
            format!("a: [x]#\nb: {deep}\n"),
        ] {
            assert!(!depth_ok(&text, 9), "{text:?}");
        }
    }

    #[test]
    fn guard_names_file_and_line() {
        let err = guard("a: 1\nb: [[[[\n", Path::new("x.yaml"), 2, 100);
        assert!(err.is_ok());
        let text = format!("a: 1\nb: {}\n", "[".repeat(100));
        let err = guard(&text, Path::new("x.yaml"), 2, 1000).unwrap_err();
        assert_eq!(
            err.to_string(),
            "x.yaml:3: YAML nested more than 64 levels deep; oneonone does not read it"
        );
        let err = guard(&"a: b\n".repeat(20_000), Path::new("n.md"), 2, NOTE_CAP).unwrap_err();
        assert_eq!(
            err.to_string(),
            "n.md:2: 98 KiB of YAML; oneonone reads at most 64 KiB here"
        );
    }

    #[test]
    fn the_built_in_bank_and_template_pass() {
        for text in [
            include_str!("../question-bank/questions.yaml"),
            include_str!("../question-bank/frameworks.yaml"),
            include_str!("oneonone.yaml"),
        ] {
            assert!(depth_ok(text, 6), "{text}");
        }
    }

    /// The nesting the scan measures.
    fn measured(text: &str) -> usize {
        (0..=text.len())
            .find(|&m| nesting(text, m).is_none())
            .unwrap_or(0)
    }

    fn value_depth(v: &serde_yaml::Value) -> usize {
        match v {
            serde_yaml::Value::Sequence(items) => {
                1 + items.iter().map(value_depth).max().unwrap_or(0)
            }
            serde_yaml::Value::Mapping(map) => {
                1 + map
                    .iter()
                    .map(|(k, v)| value_depth(k).max(value_depth(v)))
                    .max()
                    .unwrap_or(0)
            }
            serde_yaml::Value::Tagged(t) => value_depth(&t.value),
            _ => 0,
        }
    }

    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 1000, failure_persistence: None, ..ProptestConfig::default() })]

        /// Any text is scanned to its end without a panic.
        #[test]
        fn any_text_is_scanned(text in "\\PC{0,300}", tail in "[\\[\\]{}'\"#|>:,\\- \\n\\t\\\\a!&*?%]{0,60}") {
            let _ = nesting(&format!("{text}{tail}"), 3);
            let _ = nesting(&format!("{tail}{text}{tail}"), MAX_DEPTH);
        }

        /// Whatever the parser reads as nested, the scan counts at least
        /// as deep (no `-`: an indentless sequence under a key is one
        /// level the scan does not need to count).
        #[test]
        fn the_scan_never_counts_less_than_the_parser_reads(pieces in proptest::collection::vec(prop_oneof![
            Just("["), Just("]"), Just("{"), Just("}"), Just(","), Just(", "), Just(": "),
            Just(":"), Just("'"), Just("\""), Just("''"), Just("\\"), Just("#"), Just(" #"),
            Just(" "), Just("\n"), Just("\n "), Just("\n  "), Just("a"), Just("b c"), Just("? "),
            Just("!t "), Just("!<x[]> "), Just("&a "), Just("*a"), Just("|"), Just(">"), Just("\t"),
            Just("x'y"), Just("\r\n"), Just("k: "), Just("..."),
        ], 0..30)) {
            let text = format!("x: {}", pieces.concat());
            if let Ok(value) = serde_yaml::from_str::<serde_yaml::Value>(&text) {
                prop_assert!(value_depth(&value) <= measured(&text), "{text:?}");
            }
        }
    }
}
