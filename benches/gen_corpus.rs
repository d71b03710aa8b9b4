//! Writes a deterministic, realistic notebook for benchmarks, in oneonone's
//! own layout, and prints how many open follow-ups it holds so a run can
//! check the tool's count against it.
//!
//! ```text
//! cargo run --release --example gen-corpus -- DIR --people 300 --notes 100000 --seed 1
//! ```
//!
//! Notes are 1 to 6 KB: frontmatter, Listen/Learn/Lift sections, prose,
//! lists, a few follow-ups of which most are done, `[>]` carried items, and
//! the constructs that trip a line scan: `- [ ]` in code fences, in HTML
//! blocks, in prose and tables, tasks in block quotes and nested lists.
//! About one note in ten has CRLF line endings, one in fifty a BOM. Some
//! people have an agenda.md (not follow-ups). DIR must not exist.

use std::fmt::Write as _;
use std::path::PathBuf;

use chrono::{Days, NaiveDate};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

const WORDS: &[&str] = &[
    "team",
    "project",
    "launch",
    "review",
    "hiring",
    "roadmap",
    "customer",
    "deadline",
    "design",
    "feedback",
    "priorities",
    "migration",
    "on-call",
    "budget",
    "growth",
    "promotion",
    "offsite",
    "pairing",
    "metrics",
    "incident",
    "quarter",
    "planning",
    "mentoring",
    "backlog",
    "estimate",
    "demo",
    "stakeholder",
    "release",
    "the",
    "a",
    "we",
    "talked",
    "about",
    "next",
    "week",
    "is",
    "blocked",
    "by",
    "and",
    "it",
    "feels",
    "clear",
    "unclear",
    "slow",
    "good",
    "hard",
    "with",
    "for",
    "to",
    "of",
    "on",
];

struct Args {
    dir: PathBuf,
    people: usize,
    notes: usize,
    seed: u64,
}

fn parse_args() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let mut dir = None;
    let (mut people, mut notes, mut seed) = (300, 100_000, 1);
    while let Some(arg) = args.next() {
        let mut number = |name: &str| -> Result<u64, String> {
            args.next()
                .and_then(|v| v.parse().ok())
                .ok_or_else(|| format!("{name} takes a number"))
        };
        match arg.as_str() {
            "--people" => {
                people = usize::try_from(number("--people")?).map_err(|e| e.to_string())?;
            }
            "--notes" => notes = usize::try_from(number("--notes")?).map_err(|e| e.to_string())?,
            "--seed" => seed = number("--seed")?,
            other if dir.is_none() && !other.starts_with("--") => dir = Some(PathBuf::from(other)),
            other => return Err(format!("unexpected argument {other:?}")),
        }
    }
    let dir = dir.ok_or("usage: gen-corpus DIR [--people N] [--notes N] [--seed N]")?;
    if people == 0 {
        return Err("--people must be at least 1".into());
    }
    Ok(Args {
        dir,
        people,
        notes,
        seed,
    })
}

fn sentence(rng: &mut StdRng, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(WORDS[rng.random_range(0..WORDS.len())]);
    }
    s
}

/// One note; returns its text and how many open follow-ups it holds.
fn note(rng: &mut StdRng, name: &str, date: NaiveDate) -> (String, usize) {
    let mut open = 0;
    let mut s = String::new();
    let _ = write!(
        s,
        "---\nperson: {name}\ndate: {date}\nframework: listen-learn-lift\ntags: [{}]\nenergy: {}\nchallenge: {}\nskill: {}\n---\n# 1:1 with {name}, {date}\n\n",
        ["growth", "hiring", "priorities", "blockers"][rng.random_range(0..4)],
        rng.random_range(1..=5),
        rng.random_range(1..=5),
        rng.random_range(1..=5)
    );
    let target = rng.random_range(1000..6000);
    for section in ["Listen", "Learn", "Lift"] {
        let _ = write!(s, "## {section}\n\n- {}?\n\n", sentence(rng, 8));
        while s.len()
            < target
                * (1 + ["Listen", "Learn", "Lift"]
                    .iter()
                    .position(|x| *x == section)
                    .unwrap_or(0))
                / 3
        {
            match rng.random_range(0..200) {
                0..=159 => {
                    let _ = write!(s, "{}.\n\n", sentence(rng, 25));
                }
                160..=179 => {
                    let _ = write!(
                        s,
                        "- {}\n  - {}\n- {}\n\n",
                        sentence(rng, 6),
                        sentence(rng, 5),
                        sentence(rng, 7)
                    );
                }
                // Decoys a line scan counts and GitHub does not.
                180..=186 => {
                    let _ = write!(s, "```\n- [ ] {} in code\n```\n\n", sentence(rng, 3));
                }
                187..=193 => {
                    let _ = write!(
                        s,
                        "Prose with [ ] brackets and | [ ] | a table-ish cell.\n\n<div>\n- [ ] {} in html\n</div>\n\n",
                        sentence(rng, 2)
                    );
                }
                // Tasks a line scan may miss and GitHub shows.
                194..=196 => {
                    let _ = write!(s, "> - [ ] {} quoted\n\n", sentence(rng, 4));
                    open += 1;
                }
                _ => {
                    let _ = write!(
                        s,
                        "- {}\n  - [ ] {} nested\n\n",
                        sentence(rng, 4),
                        sentence(rng, 3)
                    );
                    open += 1;
                }
            }
        }
    }
    s.push_str("## Follow-ups\n\n");
    for _ in 0..rng.random_range(1..5) {
        match rng.random_range(0..20) {
            0..=15 => {
                let _ = writeln!(s, "- [x] {}", sentence(rng, 6));
            }
            16 | 17 => {
                let _ = writeln!(s, "- [>] {}", sentence(rng, 6));
            }
            _ => {
                let _ = writeln!(s, "- [ ] {} 📅 {}", sentence(rng, 6), date + Days::new(7));
                open += 1;
            }
        }
    }
    s.push_str("- [ ] \n\n## Private\n\n_For your eyes only._\n");
    (s, open)
}

fn main() {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("gen-corpus: {message}");
            std::process::exit(2);
        }
    };
    if args.dir.exists() {
        eprintln!(
            "gen-corpus: {} exists; give a new folder",
            args.dir.display()
        );
        std::process::exit(2);
    }
    let mut rng = StdRng::seed_from_u64(args.seed);
    let start = NaiveDate::from_ymd_opt(2016, 1, 4).unwrap_or_default();
    let mut open = 0;
    let mut bytes = 0;
    for p in 0..args.people {
        let slug = format!("person-{p:04}");
        let folder = args.dir.join(&slug);
        std::fs::create_dir_all(&folder).unwrap_or_else(|e| panic!("{}: {e}", folder.display()));
        let name = format!("Person {p:04}");
        let count = args.notes / args.people + usize::from(p < args.notes % args.people);
        for k in 0..count {
            let date = start + Days::new(7 * k as u64 + p as u64 % 5);
            let (mut text, n) = note(&mut rng, &name, date);
            open += n;
            if rng.random_ratio(1, 10) {
                text = text.replace('\n', "\r\n");
            }
            if rng.random_ratio(1, 50) {
                text.insert(0, '\u{feff}');
            }
            bytes += text.len();
            std::fs::write(folder.join(format!("{date}.md")), text)
                .unwrap_or_else(|e| panic!("{e}"));
        }
        if p % 7 == 0 {
            std::fs::write(
                folder.join("agenda.md"),
                "# Agenda\n\n- [ ] a talking point, not a follow-up\n",
            )
            .unwrap_or_else(|e| panic!("{e}"));
        }
    }
    eprintln!(
        "gen-corpus: {} notes, {} people, {} MB",
        args.notes,
        args.people,
        bytes / (1 << 20)
    );
    println!("{open}");
}
