//! Notes, notebooks and readers shared by the tests of several commands.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::{Test, followups_json};

/// A note for `bob` on `date` with the given extra frontmatter and body.
pub fn bob(t: &Test, date: &str, frontmatter: &str, body: &str) {
    t.write(
        &format!("bob/{date}.md"),
        format!("---\nperson: Bob\ndate: {date}\n{frontmatter}---\n{body}"),
    );
}

pub const BOB: &str = "---\nperson: Bob\ndate: 2026-11-20\n---\n## Lift\n\n- [ ] Bob's shared item\n\n## Private\n\n- [ ] Talk to HR about Bob\n";

/// Bob's note, and Alice's folder with a note of her own.
pub fn two_people() -> Test {
    let t = Test::new();
    t.write("bob/2026-11-20.md", BOB);
    t.write(
        "alice/2026-11-10.md",
        "---\nperson: Alice\ndate: 2026-11-10\n---\n## Lift\n\n- [ ] Alice's item\n",
    );
    t
}

pub fn link(target: impl AsRef<Path>, at: &Path) {
    std::os::unix::fs::symlink(target, at).unwrap();
}

/// Every file below `dir` whose name marks a temp file of oneonone's,
/// hidden folders included, links not followed.
pub fn temp_files(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let kind = entry.file_type().unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if kind.is_dir() {
            found.extend(temp_files(&entry.path()));
        } else if Path::new(&name)
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("tmp"))
        {
            found.push(entry.path().display().to_string());
        }
    }
    found
}

/// Writes a note with frontmatter and the given body.
pub fn note(t: &Test, rel: &str, person: &str, date: &str, body: &str) {
    t.write(
        rel,
        format!("---\nperson: {person}\ndate: {date}\ntags: []\n---\n{body}"),
    );
}

pub fn count_open(t: &Test) -> usize {
    followups_json(t, &[]).len()
}

/// `check --json` read back as (path, line, kind, problem).
pub fn check(t: &Test, status: i32) -> Vec<(String, Option<u64>, String, String)> {
    let run = t.run(&["check", "--json"]).status(status);
    let problems: Vec<Value> = serde_json::from_str(&run.stdout).unwrap();
    problems
        .iter()
        .map(|p| {
            (
                p["path"].as_str().unwrap().to_string(),
                p["line"].as_u64(),
                p["kind"].as_str().unwrap().to_string(),
                p["problem"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

pub fn owned(
    problems: &[(&str, Option<u64>, &str, &str)],
) -> Vec<(String, Option<u64>, String, String)> {
    problems
        .iter()
        .map(|(p, l, k, m)| ((*p).to_string(), *l, (*k).to_string(), (*m).to_string()))
        .collect()
}

/// The text of the note's `## name` section, up to the next `## `.
pub fn section<'a>(note: &'a str, name: &str) -> &'a str {
    let start = note
        .find(&format!("## {name}\n"))
        .unwrap_or_else(|| panic!("no {name} in\n{note}"));
    let body = &note[start..];
    let end = body[3..].find("\n## ").map_or(body.len(), |i| i + 4);
    &body[..end]
}

pub const NOTE_HEAD: &str = "---\nperson: Alice\ndate: 2026-01-05\n---\n";

/// The state a `new` killed between its writes leaves: the new note is
/// written with the carried items, the old note is not yet marked `[>]`.
pub fn crash_leftover(t: &Test) {
    t.write(
        "alice/2026-01-05.md",
        format!("{NOTE_HEAD}## Follow-ups\n\n- [ ] Send the deck\n  - [ ] ask Priya\n- [ ] Book the room 📅 2026-02-01\n- [x] done\n"),
    );
    t.write(
        "alice/2026-01-12.md",
        "---\nperson: Alice\ndate: 2026-01-12\n---\n## Follow-ups\n\n- [ ] Send the deck (from 2026-01-05)\n  - [ ] ask Priya\n- [ ] Book the room (from 2026-01-05) 📅 2026-02-01\n- [ ] New this week\n- [ ] \n",
    );
}

/// ESC, an OSC title, BEL, a C1 CSI and an RLO: what a hostile file name
/// or note holds.
pub const HOSTILE: &str = "\u{1b}[2J\u{1b}]0;pwned\u{7}\u{9b}31m\u{202e}";
/// The same, as the terminal must see it.
pub const SHOWN: &str = "\u{fffd}[2J\u{fffd}]0;pwned\u{fffd}\u{fffd}31m\u{fffd}";

/// Alice's part of a notebook for the rename tests, as (path, text), with
/// her name, the slug her mentions use and her folder as given: 20 weekly
/// notes (one in CRLF, one with a comment after `person:`, one without
/// `person:`), agenda.md, person.yaml and a file that is not markdown; and
/// Bob's note and a page at the top that mention her. What a rename must
/// never change is written out as it is: `@alice` in code, in a comment, in
/// the frontmatter and in the text file, `@alice-x`, `@alicex`, an email.
pub fn alice_notebook(name: &str, mention: &str, folder: &str) -> Vec<(String, String)> {
    let first = chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    let mut files = Vec::new();
    for week in 0..20 {
        let date = first + chrono::Days::new(7 * week);
        let person = match week {
            7 => format!("person:  {name}   # as she writes it\n"),
            11 => String::new(),
            _ => format!("person: {name}\n"),
        };
        let mut text = format!(
            "---\n{person}date: {date}\ntags: [week-{week}]\nsummary: \"@alice, in frontmatter\"\n---\n\
             ## Listen\n\nWeek {week} with @{mention}. Mail alice@example.org, not @alice-x or @alicex.\n\n\
             ## Lift\n\n- [ ] (@{mention}) sends the week {week} doc\n- [ ] Check `@alice` in code\n\n\
             ```\n@alice stays in a code block\n```\n"
        );
        if week == 3 {
            text = text.replace('\n', "\r\n");
        }
        files.push((format!("{folder}/{date}.md"), text));
    }
    files.push((
        format!("{folder}/agenda.md"),
        format!(
            "# Agenda: Alice\n\n\
             Talking points for the next 1:1, from either side. `oneonone new` moves the open\n\
             ones into the meeting's note.\n\n\
             - [ ] Promo case for @{mention}\n- [x] Done: @alice-x's offsite\n"
        ),
    ));
    files.push((
        format!("{folder}/person.yaml"),
        format!(
            "name: {name} # as listings show it\nrole: Engineer\naliases:\n  - ally\nemail: alice@example.org\n"
        ),
    ));
    files.push((
        format!("{folder}/review.txt"),
        "@alice in a file that is not markdown\n".into(),
    ));
    files.push((
        "bob/2026-01-06.md".into(),
        format!(
            "---\nperson: Bob\ndate: 2026-01-06\n---\n## Lift\n\n- [ ] Pair with @{mention} on the doc\n\
             - [ ] Ask @alice-x too\n\nCode:\n\n    @alice in indented code\n"
        ),
    ));
    files.push((
        "ideas.md".into(),
        format!("Ideas: ask @{mention}. Not <!-- @alice --> in a comment.\n"),
    ));
    files
}

/// Writes (path, text) pairs into the notebook.
pub fn write_all(t: &Test, files: &[(String, String)]) {
    for (rel, text) in files {
        t.write(rel, text);
    }
}

/// Every file of the notebook (`.oneonone` aside) and its bytes, which
/// must be UTF-8 (as text, so that a difference reads as one).
pub fn snapshot(t: &Test) -> std::collections::BTreeMap<String, String> {
    t.files()
        .into_iter()
        .map(|f| {
            let bytes = fs::read(t.path(&f)).unwrap();
            (f, String::from_utf8(bytes).unwrap())
        })
        .collect()
}

/// (path, text) pairs as [`snapshot`] gives them.
pub fn as_snapshot(files: &[(String, String)]) -> std::collections::BTreeMap<String, String> {
    files.iter().cloned().collect()
}

/// Runs oneonone with a file size limit (bash's `ulimit -f`, in KiB) and
/// SIGXFSZ ignored, so that writing a file larger than `kib` fails with
/// EFBIG as on a full disk: a failure injected into a transaction.
pub fn run_with_size_limit(t: &Test, kib: u32, args: &str) -> crate::Run {
    let script = format!("trap '' XFSZ; ulimit -f {kib}; exec \"$0\" {args}");
    t.run_in_bash(&script)
}

/// Every file of the notebook and its bytes (for notes that need not be
/// UTF-8).
pub fn snapshot_bytes(t: &Test) -> Vec<(String, Vec<u8>)> {
    t.files()
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(t.path(&f)).unwrap();
            (f, bytes)
        })
        .collect()
}

/// Chromium, if here: `None` (and a note naming `test`) elsewhere; CI
/// must have it (.ci/run installs it).
pub fn chromium(test: &str) -> Option<&'static str> {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|c| {
            std::process::Command::new(c)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        });
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have Chromium: .ci/run installs it"
        );
        eprintln!("{test}: no Chromium here; install it to run this check");
    }
    found
}

/// Chromium headless on the file `page` of the test folder, with `what`
/// (`--screenshot=...` or `--print-to-pdf=...`); its standard error.
pub fn headless(chromium: &str, t: &Test, page: &str, what: &str, size: (u32, u32)) -> String {
    let output = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--window-size={},{}", size.0, size.1))
        .arg(format!(
            "--user-data-dir={}",
            t.path("chromium-profile").display()
        ))
        .arg(what)
        .arg(format!("file://{}", t.path(page).display()))
        .output()
        .unwrap();
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A screenshot's pixels.
pub struct Shot {
    width: u32,
    channels: usize,
    pixels: Vec<u8>,
}

impl Shot {
    /// `page` shown by Chromium in a window of `size`, decoded; it must
    /// be that size.
    pub fn take(chromium: &str, t: &Test, page: &str, size: (u32, u32)) -> Shot {
        let shot = t.path("shot.png");
        let stderr = headless(
            chromium,
            t,
            page,
            &format!("--screenshot={}", shot.display()),
            size,
        );
        assert!(shot.is_file(), "no screenshot: {stderr}");
        let decoder = png::Decoder::new(std::io::BufReader::new(fs::File::open(&shot).unwrap()));
        let mut reader = decoder.read_info().unwrap();
        let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut pixels).unwrap();
        assert_eq!((info.width, info.height), size);
        Shot {
            width: info.width,
            channels: info.color_type.samples(),
            pixels,
        }
    }

    /// The colour at `(x, y)`.
    pub fn at(&self, x: u32, y: u32) -> (u8, u8, u8) {
        let i = ((y * self.width + x) as usize) * self.channels;
        (self.pixels[i], self.pixels[i + 1], self.pixels[i + 2])
    }

    /// How many pixels are [`near`] `colour`.
    pub fn count(&self, colour: (u8, u8, u8)) -> usize {
        self.pixels
            .chunks(self.channels)
            .filter(|p| near((p[0], p[1], p[2]), colour))
            .count()
    }
}

/// Whether two colours are the same but for anti-aliasing.
pub fn near((r, g, b): (u8, u8, u8), (er, eg, eb): (u8, u8, u8)) -> bool {
    r.abs_diff(er) <= 8 && g.abs_diff(eg) <= 8 && b.abs_diff(eb) <= 8
}
