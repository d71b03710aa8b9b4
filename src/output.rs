//! Where output goes. Data to standard output, everything else (notices,
//! warnings) to standard error, coloured or not as settled once in
//! [`crate::settings::Settings`]. The library never prints any other way.

use std::fmt;
use std::io::Write;

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
/// Colour escapes are written only where colour is on; everything else
/// that reaches a stream is plain (note text is sanitized), so nothing has
/// to be stripped on the way out, which keeps long listings cheap.
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

    /// Writes to standard output, for data.
    ///
    /// # Errors
    /// Standard output cannot be written.
    pub fn print(&mut self, args: fmt::Arguments<'_>) -> Result<()> {
        self.out.write_fmt(args).map_err(Error::Output)
    }

    /// Writes a value as pretty JSON to standard output, streamed.
    ///
    /// # Errors
    /// Standard output cannot be written.
    pub fn json<T: serde::Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        serde_json::to_writer_pretty(&mut self.out, value).map_err(|e| Error::Output(e.into()))?;
        self.out.write_all(b"\n").map_err(Error::Output)
    }

    /// Writes raw bytes to standard output (a completion script).
    ///
    /// # Errors
    /// Standard output cannot be written.
    pub fn print_bytes(&mut self, bytes: &[u8]) -> Result<()> {
        self.out.write_all(bytes).map_err(Error::Output)
    }

    /// Writes `text` in `style` to standard output.
    ///
    /// # Errors
    /// Standard output cannot be written.
    pub fn styled(&mut self, style: Style, text: impl fmt::Display) -> Result<()> {
        write!(self.out, "{}", Painted(self.color_out, style, &text)).map_err(Error::Output)
    }

    /// Writes a notice to standard error: `oneonone: <message>`.
    pub fn notice(&mut self, message: impl fmt::Display) {
        // A closed stderr is no reason to fail the command.
        let _ = writeln!(self.err, "oneonone: {message}");
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
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    // Line breaks of our own (a list of candidates) stay; any other
    // control character goes.
    text.split('\n')
        .map(sanitize)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Replaces control characters (an ANSI escape in a note, a carriage
/// return) with U+FFFD so text from a note cannot drive the terminal.
#[must_use]
pub fn sanitize(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(is_unsafe) {
        text.chars()
            .map(|c| if is_unsafe(c) { '\u{fffd}' } else { c })
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}

/// Control characters, and the invisible bidirectional overrides that can
/// make text read differently from what it is.
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
}

#[cfg(test)]
mod tests {
    use super::sanitize;

    #[test]
    fn sanitize_removes_escapes_but_keeps_text() {
        assert_eq!(sanitize("plain José\ttab"), "plain José\ttab");
        assert_eq!(
            sanitize("red \u{1b}[31mtext\r"),
            "red \u{fffd}[31mtext\u{fffd}"
        );
        assert_eq!(sanitize("abc\u{202e}fed"), "abc\u{fffd}fed");
    }
}
