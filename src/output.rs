//! Where output goes. Data to standard output, everything else (notices,
//! warnings) to standard error, coloured or not as settled once in
//! [`crate::settings::Settings`]. The library never prints any other way.
//!
//! Everything written here passes the one sanitizer, [`sanitize`]: control
//! characters (C0 but tab and line feed, DEL, C1) and the invisible
//! bidirectional controls become U+FFFD, so no note text, file name or
//! question bank can drive the terminal or read as something it is not
//! (as ripgrep and fd escape control bytes in paths). `--json` escapes
//! them instead (`\u009b`), which keeps the data exact. The only ways
//! around it are named for what they carry: [`Output::print_bytes`] (a
//! file's exact bytes, for a pipe) and [`Output::print_drawn`] (a chart
//! oneonone drew, with its colours). [`Rendered`] text is sanitized as it
//! is built (on the thread that found it), so it is written as it is.

use std::borrow::Cow;
use std::fmt;
use std::io::{self, Write};
use std::path::Path;

use anstream::{AutoStream, ColorChoice};
use anstyle::{AnsiColor, Style};

use crate::error::{Error, Result};

/// The styles oneonone uses.
pub mod style {
    use super::{AnsiColor, Style};

    /// A person's name heading a group.
    pub const HEADING: Style = Style::new().bold();
    /// A file path.
    pub const PATH: Style = AnsiColor::Magenta.on_default();
    /// A line number.
    pub const LINE: Style = AnsiColor::Green.on_default();
    /// Secondary detail: ages, counts, tags.
    pub const DIM: Style = Style::new().dimmed();
    /// `warning:`.
    pub const WARNING: Style = AnsiColor::Yellow.on_default().bold();
    /// `error:`.
    pub const ERROR: Style = AnsiColor::Red.on_default().bold();
}

/// The two output streams, and a count of the warnings given.
///
/// Colour escapes are written only where colour is on, around text that
/// has been sanitized on its way in; nothing has to be stripped on the way
/// out, which keeps long listings cheap.
pub struct Output {
    out: AutoStream<Box<dyn Write>>,
    err: AutoStream<Box<dyn Write>>,
    color_out: bool,
    color_err: bool,
    warnings: usize,
}

/// `style` around `text` when `color`, else `text` alone.
struct Painted<'a, T>(bool, Style, &'a T);

impl<T: fmt::Display> fmt::Display for Painted<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Painted(color, style, text) = self;
        if *color {
            write!(f, "{style}{text}{style:#}")
        } else {
            write!(f, "{text}")
        }
    }
}

/// Output built away from [`Output`] (on the thread that found it, so a
/// long listing is formatted on every core), sanitized piece by piece as
/// it is built: what is read from a file only goes in through
/// [`Rendered::text`] and [`Rendered::styled`], which sanitize it.
#[derive(Debug, Default)]
pub struct Rendered {
    text: String,
    color: bool,
}

impl Rendered {
    /// Empty; styles are written as escapes only when `color`.
    #[must_use]
    pub fn new(color: bool) -> Self {
        Rendered {
            text: String::new(),
            color,
        }
    }

    /// Makes room for `more` bytes at once.
    pub fn reserve(&mut self, more: usize) {
        self.text.reserve(more);
    }

    /// Adds `text`, sanitized (a line break in it is replaced too).
    pub fn text(&mut self, text: &str) {
        self.text.push_str(&sanitize(text));
    }

    /// Adds `text` in `style`, sanitized.
    pub fn styled(&mut self, style: Style, text: &str) {
        use fmt::Write as _;
        if self.color {
            let _ = write!(self.text, "{style}");
        }
        self.text(text);
        if self.color {
            let _ = write!(self.text, "{style:#}");
        }
    }

    /// Adds a number in `style`.
    pub fn number(&mut self, style: Style, n: usize) {
        use fmt::Write as _;
        if self.color {
            let _ = write!(self.text, "{}", Painted(self.color, style, &n));
        } else {
            // Without the formatting machinery: a line number for every
            // line `search` prints.
            let mut digits = [0u8; 20];
            let mut at = digits.len();
            let mut n = n;
            loop {
                at -= 1;
                digits[at] = b'0' + (n % 10) as u8;
                n /= 10;
                if n == 0 {
                    break;
                }
            }
            self.text
                .extend(digits[at..].iter().map(|&d| char::from(d)));
        }
    }

    /// Adds oneonone's own words or punctuation, as they are.
    pub fn own(&mut self, words: &'static str) {
        self.text.push_str(words);
    }
}

/// A path as shown to the user: its control characters (line breaks
/// included) replaced, so a file name cannot fake a line or move the
/// cursor. `Output` sanitizes everything anyway; this also takes out the
/// line breaks that `print` and notices keep.
pub struct Shown<'a>(pub &'a Path);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&sanitize(&self.0.display().to_string()))
    }
}

/// A `fmt::Write` that sanitizes each piece on its way to a stream.
struct Clean<'a> {
    out: &'a mut dyn Write,
    /// Keep line feeds (and a carriage return right before one).
    lines: bool,
    error: Option<io::Error>,
}

impl fmt::Write for Clean<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let clean = if self.lines {
            sanitize_lines(s)
        } else {
            sanitize(s)
        };
        self.out.write_all(clean.as_bytes()).map_err(|e| {
            self.error = Some(e);
            fmt::Error
        })
    }
}

/// Formats `args` into `out`, sanitized.
fn write_clean(out: &mut dyn Write, args: fmt::Arguments<'_>, lines: bool) -> io::Result<()> {
    let mut clean = Clean {
        out,
        lines,
        error: None,
    };
    fmt::write(&mut clean, args).map_err(|_| {
        clean
            .error
            .take()
            .unwrap_or_else(|| io::Error::other("a value could not be formatted"))
    })
}

impl Output {
    /// Wraps the streams; `color_*` says whether each may carry colour.
    #[must_use]
    pub fn new(out: Box<dyn Write>, err: Box<dyn Write>, color_out: bool, color_err: bool) -> Self {
        // Pass-through: escapes are only written when colour is on.
        Output {
            out: AutoStream::new(out, ColorChoice::Always),
            err: AutoStream::new(err, ColorChoice::Always),
            color_out,
            color_err,
            warnings: 0,
        }
    }

    /// Writes to standard output, for data, sanitized (line breaks and
    /// tabs stay).
    ///
    /// # Errors
    /// Standard output cannot be written.
    pub fn print(&mut self, args: fmt::Arguments<'_>) -> Result<()> {
        write_clean(&mut self.out, args, true).map_err(Error::Output)
    }

    /// What `write!(out, ...)` and `writeln!(out, ...)` call: the same as
    /// [`Output::print`], so a command writes data as it would to any
    /// writer, sanitized.
    ///
    /// # Errors
    /// Standard output cannot be written.
    pub fn write_fmt(&mut self, args: fmt::Arguments<'_>) -> Result<()> {
        self.print(args)
    }

    /// Writes a value as pretty JSON to standard output, streamed, with
    /// every character [`sanitize`] would replace written as a `\u`
    /// escape: the same data, nothing a terminal acts on.
    ///
    /// # Errors
    /// Standard output cannot be written.
    pub fn json<T: serde::Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        let mut writer = serde_json::Serializer::with_formatter(
            &mut self.out,
            SafeJson(serde_json::ser::PrettyFormatter::new()),
        );
        value
            .serialize(&mut writer)
            .map_err(|e| Error::Output(e.into()))?;
        self.out.write_all(b"\n").map_err(Error::Output)
    }

    /// Writes one more value of a JSON list begun with a new [`JsonList`]
    /// (and ended with [`Output::json_end`]), each as it comes: the list
    /// reads as [`Output::json`] writes it whole.
    ///
    /// # Errors
    /// Standard output cannot be written.
    pub fn json_item<T: serde::Serialize + ?Sized>(
        &mut self,
        list: &mut JsonList,
        value: &T,
    ) -> Result<()> {
        use serde_json::ser::Formatter as _;
        let start: &[u8] = if list.started { b",\n  " } else { b"[\n  " };
        list.started = true;
        self.out.write_all(start).map_err(Error::Output)?;
        // One level in, as inside the list's `[` (written above).
        let mut formatter = SafeJson(serde_json::ser::PrettyFormatter::new());
        formatter
            .begin_array(&mut io::sink())
            .map_err(Error::Output)?;
        let mut writer = serde_json::Serializer::with_formatter(&mut self.out, formatter);
        value
            .serialize(&mut writer)
            .map_err(|e| Error::Output(e.into()))
    }

    /// Ends a JSON list written with [`Output::json_item`].
    ///
    /// # Errors
    /// Standard output cannot be written.
    #[allow(clippy::needless_pass_by_value)] // the list ends here: no value after
    pub fn json_end(&mut self, list: JsonList) -> Result<()> {
        let end: &[u8] = if list.started { b"\n]\n" } else { b"[]\n" };
        self.out.write_all(end).map_err(Error::Output)
    }

    /// Writes bytes to standard output exactly as they are, unsanitized:
    /// only for bytes that are not going to a terminal (`export` to a
    /// pipe) or that oneonone wrote itself (a completion script).
    ///
    /// # Errors
    /// Standard output cannot be written.
    pub fn print_bytes(&mut self, bytes: &[u8]) -> Result<()> {
        self.out.write_all(bytes).map_err(Error::Output)
    }

    /// Writes text built and sanitized as [`Rendered`].
    ///
    /// # Errors
    /// Standard output cannot be written.
    pub fn print_rendered(&mut self, rendered: &Rendered) -> Result<()> {
        self.out
            .write_all(rendered.text.as_bytes())
            .map_err(Error::Output)
    }

    /// Writes a chart oneonone drew, with its own colour escapes, as it
    /// is: it must hold no text read from a file.
    ///
    /// # Errors
    /// Standard output cannot be written.
    pub fn print_drawn(&mut self, drawn: &str) -> Result<()> {
        self.out.write_all(drawn.as_bytes()).map_err(Error::Output)
    }

    /// Writes `text` in `style` to standard output, sanitized (a line
    /// break in it is replaced too: styled text is a name, a path, a
    /// heading).
    ///
    /// # Errors
    /// Standard output cannot be written.
    pub fn styled(&mut self, style: Style, text: impl fmt::Display) -> Result<()> {
        let (before, after) = if self.color_out {
            (style.render().to_string(), style.render_reset().to_string())
        } else {
            (String::new(), String::new())
        };
        self.out
            .write_all(before.as_bytes())
            .and_then(|()| write_clean(&mut self.out, format_args!("{text}"), false))
            .and_then(|()| self.out.write_all(after.as_bytes()))
            .map_err(Error::Output)
    }

    /// Whether standard output carries colour.
    #[must_use]
    pub fn color_out(&self) -> bool {
        self.color_out
    }

    /// Writes a notice to standard error: `oneonone: <message>`, sanitized.
    pub fn notice(&mut self, message: impl fmt::Display) {
        // A closed stderr is no reason to fail the command.
        let _ = write_clean(&mut self.err, format_args!("oneonone: {message}\n"), true);
    }

    /// Reports a problem that did not stop the command.
    pub fn warn(&mut self, error: &Error) {
        self.warnings += 1;
        let label = Painted(self.color_err, style::WARNING, &"warning:");
        let _ = writeln!(self.err, "oneonone: {label} {}", chain(error));
    }

    /// Reports the error that stopped the command.
    pub fn error(&mut self, error: &Error) {
        let label = Painted(self.color_err, style::ERROR, &"error:");
        let _ = writeln!(self.err, "oneonone: {label} {}", chain(error));
    }

    /// Writes clap's own rendering (help, version, usage errors).
    pub fn clap(&mut self, error: &clap::Error) {
        let color = if error.use_stderr() {
            self.color_err
        } else {
            self.color_out
        };
        let rendered = error.render();
        let mut text = if color {
            rendered.ansi().to_string()
        } else {
            rendered.to_string()
        };
        // Usage errors read like every other error: `oneonone: error: ...`.
        if error.use_stderr() {
            text.insert_str(0, "oneonone: ");
        }
        let stream: &mut dyn Write = if error.use_stderr() {
            &mut self.err
        } else {
            &mut self.out
        };
        let _ = stream.write_all(text.as_bytes());
    }

    /// How many warnings were given.
    #[must_use]
    pub fn warnings(&self) -> usize {
        self.warnings
    }

    /// Flushes standard output.
    ///
    /// # Errors
    /// Standard output cannot be written.
    pub fn flush(&mut self) -> Result<()> {
        self.out.flush().map_err(Error::Output)?;
        let _ = self.err.flush();
        Ok(())
    }
}

/// An error and its causes on one line: `what: why: why`.
fn chain(error: &Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&plain_cause(&cause.to_string()));
        source = cause.source();
    }
    // Line breaks of our own (a list of candidates) stay; any other
    // control character goes.
    text.split('\n')
        .map(sanitize)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The system's words for a cause, without what is for programmers: the
/// error number (`(os error 2)`), the temp file's path a library adds
/// (`at path "..."`), and the capital a message in the middle of a line
/// does not take ("No such file or directory" → "no such file or
/// directory").
fn plain_cause(cause: &str) -> String {
    let cause = cause.split(" at path \"").next().unwrap_or(cause);
    let cause = match cause.find(" (os error ") {
        Some(at) if cause.ends_with(')') => &cause[..at],
        _ => cause,
    };
    let mut chars = cause.chars();
    match (chars.next(), chars.next()) {
        // "No such file", not an acronym ("IO error").
        (Some(first), Some(second)) if first.is_uppercase() && second.is_lowercase() => first
            .to_lowercase()
            .chain(cause[first.len_utf8()..].chars())
            .collect(),
        _ => cause.to_string(),
    }
}

/// Replaces control characters (an ANSI escape in a note, a carriage
/// return, a line break) and bidirectional controls with U+FFFD so text
/// from a note cannot drive the terminal. Tabs stay.
#[must_use]
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !may_need_cleaning(text, false) || !text.chars().any(is_unsafe) {
        return text.into();
    }
    text.chars()
        .map(|c| if is_unsafe(c) { '\u{fffd}' } else { c })
        .collect::<String>()
        .into()
}

/// [`sanitize`] for text of several lines: line feeds stay, and so does a
/// carriage return right before one (a note with CRLF endings).
#[must_use]
pub fn sanitize_lines(text: &str) -> Cow<'_, str> {
    if !may_need_cleaning(text, true) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let keep = match c {
            '\n' => true,
            '\r' => chars.peek() == Some(&'\n'),
            c => !is_unsafe(c),
        };
        out.push(if keep { c } else { '\u{fffd}' });
    }
    if out == text { text.into() } else { out.into() }
}

/// False when no byte of `text` can start a character [`is_unsafe`] takes
/// (most text: plain ASCII, accents, punctuation), which is checked fast.
#[allow(clippy::needless_bitwise_bool)] // branch-free, so it is vectorized
fn may_need_cleaning(text: &str, lines: bool) -> bool {
    // C0 but a tab (and a line feed for `lines`) and DEL; the lead bytes
    // of C1 (U+0080..U+009F), of U+061C and of U+200E..U+2069. Without
    // short-circuits, and a chunk at a time, so that it is vectorized:
    // every line `search` prints goes through here.
    let needs = |b: u8| {
        (b < 0x20) & (b != b'\t') & ((b != b'\n') | !lines)
            | (b == 0x7f)
            | (b == 0xc2)
            | (b == 0xd8)
            | (b == 0xe2)
    };
    text.as_bytes()
        .chunks(32)
        .any(|chunk| chunk.iter().fold(false, |found, &b| found | needs(b)))
}

pub use crate::chars::is_unsafe;

/// serde_json's pretty layout, with the characters it leaves as they are
/// but a terminal acts on (DEL, C1, bidirectional controls) written as
/// `\uXXXX` escapes. Control characters below U+0020 serde_json escapes
/// itself.
/// A JSON list being written value by value ([`Output::json_item`]).
#[derive(Debug, Default)]
pub struct JsonList {
    /// A value was written.
    started: bool,
}

struct SafeJson(serde_json::ser::PrettyFormatter<'static>);

impl serde_json::ser::Formatter for SafeJson {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        if !may_need_cleaning(fragment, true) {
            return writer.write_all(fragment.as_bytes());
        }
        let mut start = 0;
        for (at, c) in fragment.char_indices() {
            if is_unsafe(c) {
                writer.write_all(&fragment.as_bytes()[start..at])?;
                write!(writer, "\\u{:04x}", u32::from(c))?;
                start = at + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

/// `word` as one word a POSIX shell reads back as it is (for a command
/// to copy), or as it is when it cannot be quoted (a NUL).
#[must_use]
pub fn shell_quoted(word: &str) -> String {
    shlex::try_quote(word).map_or_else(|_| word.to_string(), std::borrow::Cow::into_owned)
}

#[cfg(test)]
mod tests {
    use super::{Output, Rendered, sanitize, sanitize_lines, style};

    #[test]
    fn rendered_numbers_are_written_as_formatted() {
        let mut shown = Rendered::new(false);
        for n in [0, 7, 10, 12_345, usize::MAX] {
            shown.number(style::LINE, n);
            shown.own(" ");
        }
        assert_eq!(shown.text, format!("0 7 10 12345 {} ", usize::MAX));
    }

    #[test]
    fn sanitize_reads_past_its_first_chunk() {
        for at in [31, 32, 33, 63, 64, 100] {
            let (head, tail) = ("a".repeat(at), "b".repeat(40));
            for (bad, lines) in [("\u{1b}", false), ("\u{202e}", true), ("\n", false)] {
                let text = format!("{head}{bad}{tail}");
                let want = format!("{head}\u{fffd}{tail}");
                if lines {
                    assert_eq!(sanitize_lines(&text), want, "{at} {bad:?}");
                } else {
                    assert_eq!(sanitize(&text), want, "{at} {bad:?}");
                }
            }
        }
        assert_eq!(
            sanitize_lines(&format!("{}\n", "a".repeat(70))),
            format!("{}\n", "a".repeat(70))
        );
    }

    #[test]
    fn sanitize_removes_escapes_but_keeps_text() {
        assert_eq!(
            sanitize("plain José\ttab — “quoted” ·"),
            "plain José\ttab — “quoted” ·"
        );
        assert_eq!(
            sanitize("red \u{1b}[31mtext\r"),
            "red \u{fffd}[31mtext\u{fffd}"
        );
        assert_eq!(sanitize("abc\u{202e}fed"), "abc\u{fffd}fed");
        // C1 (CSI, NEL), DEL and every bidirectional control, like C0.
        assert_eq!(
            sanitize("a\u{9b}2Jb\u{85}c\u{7f}d"),
            "a\u{fffd}2Jb\u{fffd}c\u{fffd}d"
        );
        for bidi in [
            '\u{061c}', '\u{200e}', '\u{200f}', '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}',
            '\u{202e}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
        ] {
            assert_eq!(sanitize(&format!("x{bidi}y")), "x\u{fffd}y", "{bidi:?}");
        }
        assert_eq!(sanitize("two\nlines"), "two\u{fffd}lines");
    }

    #[test]
    fn sanitize_lines_keeps_line_ends_only() {
        assert_eq!(sanitize_lines("a\nb\r\nc\td"), "a\nb\r\nc\td");
        assert_eq!(
            sanitize_lines("over\rwrite\n\u{1b}]0;title\u{7}\n"),
            "over\u{fffd}write\n\u{fffd}]0;title\u{fffd}\n"
        );
        assert_eq!(sanitize_lines("end\r"), "end\u{fffd}");
    }

    /// Everything through `Output` is sanitized, colour or not; JSON keeps
    /// the data and escapes what serde_json would leave raw.
    #[test]
    fn output_sanitizes_every_stream() {
        use std::sync::{Arc, Mutex};
        #[derive(Clone, Default)]
        struct Buf(Arc<Mutex<Vec<u8>>>);
        impl std::io::Write for Buf {
            fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
                self.0.lock().unwrap().extend_from_slice(b);
                Ok(b.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let (out, err) = (Buf::default(), Buf::default());
        let mut o = Output::new(Box::new(out.clone()), Box::new(err.clone()), true, false);
        o.print(format_args!("{}\n", "a\u{1b}[2Jb")).unwrap();
        o.styled(super::style::PATH, "p\u{9b}\nq").unwrap();
        o.notice(format_args!("n\u{2066}"));
        o.flush().unwrap();
        let text =
            |buf: &Buf| String::from_utf8(std::mem::take(&mut *buf.0.lock().unwrap())).unwrap();
        assert_eq!(
            text(&out),
            "a\u{fffd}[2Jb\n\u{1b}[35mp\u{fffd}\u{fffd}q\u{1b}[0m"
        );
        assert_eq!(text(&err), "oneonone: n\u{fffd}\n");
        let data = ["x\u{1b}\u{7f}\u{85}\u{202e}y"];
        o.json(&data).unwrap();
        o.flush().unwrap();
        let json = text(&out);
        assert_eq!(json, "[\n  \"x\\u001b\\u007f\\u0085\\u202ey\"\n]\n");
        assert_eq!(serde_json::from_str::<Vec<String>>(&json).unwrap(), data);

        // A list written value by value reads as the whole list does:
        // empty, one value, nested values, strings with line breaks.
        let nested = serde_json::json!({"a": [1, {"b": "two\nlines\u{1b}"}], "c": {}, "d": []});
        let lists: [&[serde_json::Value]; 4] = [
            &[],
            &[serde_json::json!(1)],
            &[
                nested.clone(),
                serde_json::json!("x\n"),
                serde_json::json!([]),
            ],
            &[serde_json::json!({}), nested],
        ];
        for values in lists {
            o.json(values).unwrap();
            o.flush().unwrap();
            let whole = text(&out);
            let mut list = super::JsonList::default();
            for value in values {
                o.json_item(&mut list, value).unwrap();
            }
            o.json_end(list).unwrap();
            o.flush().unwrap();
            assert_eq!(text(&out), whole);
        }
    }
}
