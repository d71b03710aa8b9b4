//! Opening a note in the user's editor: `$VISUAL`, else `$EDITOR`, else
//! `vi`, with the cursor on a given line where the editor takes one.
//! An editor command with arguments (`code --wait`) is split like a shell
//! would split it.

use std::ffi::OsString;
use std::path::Path;
use std::process::Command;

use crate::error::{Error, Result};

/// The editor when neither `$VISUAL` nor `$EDITOR` is set.
pub const FALLBACK: &str = "vi";

/// How an editor is told which line to open on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineStyle {
    /// `+N FILE` (vi, vim, nvim, nano, emacs, micro, kak, ...).
    Plus,
    /// `--goto FILE:N` (VS Code and its forks).
    Goto,
    /// `FILE:N` (Sublime Text, Zed, Helix).
    Colon,
    /// Unknown editor: the file alone.
    None,
}

fn line_style(program: &str) -> LineStyle {
    let name = Path::new(program)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(program)
        .to_ascii_lowercase();
    match name.as_str() {
        "vi" | "vim" | "nvim" | "gvim" | "mvim" | "view" | "nano" | "pico" | "emacs"
        | "emacsclient" | "micro" | "kak" | "joe" | "jed" | "ne" | "mg" | "mcedit" | "ed"
        | "vis" => LineStyle::Plus,
        "code" | "code-insiders" | "codium" | "vscodium" | "cursor" => LineStyle::Goto,
        "subl" | "sublime_text" | "zed" | "hx" | "helix" => LineStyle::Colon,
        _ => LineStyle::None,
    }
}

/// The program and arguments that open `path` at `line` with `editor`.
///
/// # Errors
/// The editor command is empty or its quoting is broken.
pub fn command_line(
    editor: &str,
    path: &Path,
    line: Option<usize>,
) -> Result<(String, Vec<OsString>)> {
    let words = shlex::split(editor)
        .filter(|w| !w.is_empty())
        .ok_or_else(|| Error::Editor {
            editor: editor.to_string(),
            message: "cannot split the editor command; check its quotes".into(),
        })?;
    let (program, args) = words.split_first().ok_or_else(|| Error::Editor {
        editor: editor.to_string(),
        message: "the editor command is empty".into(),
    })?;
    let mut command_args: Vec<OsString> = args.iter().map(OsString::from).collect();
    let with_line = |sep: &str, n: usize| {
        let mut s = path.as_os_str().to_os_string();
        s.push(format!("{sep}{n}"));
        s
    };
    match (line_style(program), line) {
        (LineStyle::Plus, Some(n)) => {
            command_args.push(format!("+{n}").into());
            command_args.push(path.into());
        }
        (LineStyle::Goto, Some(n)) => {
            command_args.push("--goto".into());
            command_args.push(with_line(":", n));
        }
        (LineStyle::Colon, Some(n)) => command_args.push(with_line(":", n)),
        _ => command_args.push(path.into()),
    }
    Ok((program.clone(), command_args))
}

/// Opens the file and waits for the editor to exit.
///
/// # Errors
/// The editor cannot be started or exits with a failure.
pub fn open(editor: &str, path: &Path, line: Option<usize>) -> Result<()> {
    let (program, args) = command_line(editor, path, line)?;
    let status = Command::new(&program)
        .args(&args)
        .status()
        .map_err(|e| Error::Editor {
            editor: editor.to_string(),
            message: format!("cannot start it ({e}); set $VISUAL or $EDITOR to your editor"),
        })?;
    if status.success() {
        Ok(())
    } else {
        Err(Error::Editor {
            editor: editor.to_string(),
            message: format!("it exited with {status}"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(editor: &str, line: Option<usize>) -> (String, Vec<String>) {
        let (p, a) = command_line(editor, Path::new("a b/n.md"), line).unwrap();
        (p, a.into_iter().map(|s| s.into_string().unwrap()).collect())
    }

    #[test]
    fn line_goes_where_each_editor_wants_it() {
        assert_eq!(
            argv("vim", Some(9)),
            ("vim".into(), vec!["+9".into(), "a b/n.md".into()])
        );
        assert_eq!(
            argv("/usr/bin/nvim -p", Some(9)).1,
            ["-p", "+9", "a b/n.md"]
        );
        assert_eq!(
            argv("code --wait", Some(9)).1,
            ["--wait", "--goto", "a b/n.md:9"]
        );
        assert_eq!(argv("hx", Some(9)).1, ["a b/n.md:9"]);
        assert_eq!(
            argv("'my editor' --flag", Some(9)),
            ("my editor".into(), vec!["--flag".into(), "a b/n.md".into()])
        );
        assert_eq!(argv("vim", None).1, ["a b/n.md"]);
        assert!(command_line("  ", Path::new("x"), None).is_err());
        assert!(command_line("vim 'open", Path::new("x"), None).is_err());
    }
}
