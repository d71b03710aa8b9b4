//! A zone-of-genius map for a terminal: a 5x5 grid (skill across, joy
//! up) whose cells are shaded by zone and name the activities placed
//! there, several to a cell on lines of their own; the zones labelled,
//! a legend of every activity with its values under it, then what moved
//! since the previous map. Fits 80 columns; Unicode by default, plain
//! ASCII on request; colour only where the caller allows it. Names read
//! from notes are sanitized here, so the drawing can be written as it is.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};

use super::{Activity, Map, Move, RANGE, ZONES, Zone, moves};
use crate::output::sanitize;
use crate::render::{pad, shorten, width};

/// The characters a map is drawn with.
#[derive(Debug, Clone, Copy)]
pub struct Glyphs {
    fills: [char; 4],
    vertical: char,
    horizontal: char,
    corner: char,
    arrow: &'static str,
    /// What ends a name cut to fit its cell.
    ellipsis: &'static str,
}

/// Unicode box drawing and shading.
pub const UNICODE: Glyphs = Glyphs {
    fills: ['·', '░', '▒', '▓'],
    vertical: '│',
    horizontal: '─',
    corner: '└',
    arrow: " → ",
    ellipsis: "…",
};

/// Plain ASCII.
pub const ASCII: Glyphs = Glyphs {
    fills: ['.', ':', '=', '#'],
    vertical: '|',
    horizontal: '-',
    corner: '+',
    arrow: " -> ",
    ellipsis: "...",
};

/// The columns a cell's names get (one more separates cells).
const CELL: usize = 11;
/// The columns before the first cell: `  5 │ `.
const MARGIN: usize = 6;

impl Glyphs {
    fn fill(&self, zone: Zone) -> char {
        self.fills[zone as usize]
    }

    /// `name` (sanitized) in at most [`CELL`] columns, cut with the
    /// ellipsis when longer.
    fn fitted(&self, name: &str) -> String {
        let name = sanitize(name);
        if width(&name) <= CELL {
            return name.into_owned();
        }
        let room = CELL + 1 - width(self.ellipsis);
        let mut cut = shorten(&name, room);
        cut.pop();
        cut + self.ellipsis
    }
}

/// A zone's colour on a terminal.
fn zone_style(zone: Zone) -> Style {
    match zone {
        Zone::Incompetence => AnsiColor::Red.on_default(),
        Zone::Competence => AnsiColor::Yellow.on_default(),
        Zone::Excellence => AnsiColor::Blue.on_default(),
        Zone::Genius => AnsiColor::Green.on_default(),
    }
}

/// Writes `text` in `style` when `color`, plain otherwise.
fn paint(out: &mut String, color: bool, style: Style, text: impl std::fmt::Display) {
    if color {
        let _ = write!(out, "{style}{text}{style:#}");
    } else {
        let _ = write!(out, "{text}");
    }
}

/// The map as a grid with its legend, and what moved since `previous`
/// (`None` for a first map).
#[must_use]
pub fn draw(map: &Map, previous: Option<&Map>, glyphs: &Glyphs, color: bool) -> String {
    let mut out = String::new();
    grid(&mut out, &map.activities, glyphs, color);
    legend(&mut out, &map.activities, glyphs, color);
    out.push('\n');
    match previous {
        None => out.push_str("  A first map: nothing to compare with yet.\n"),
        Some(before) => {
            let moved = moves(&before.activities, &map.activities);
            let _ = write!(
                out,
                "  Since {} ({}):",
                before.date,
                sanitize(&crate::notebook::slash_path(&before.path))
            );
            if moved.is_empty() {
                out.push_str(" no activity changed zone\n");
            } else {
                out.push('\n');
                for m in &moved {
                    out.push_str("    ");
                    move_line(&mut out, m, glyphs, color);
                    out.push('\n');
                }
            }
        }
    }
    out
}

/// The grid, joy 5 at the top; a row as tall as its fullest cell.
fn grid(out: &mut String, activities: &[Activity], glyphs: &Glyphs, color: bool) {
    let _ = writeln!(out, "  joy");
    for joy in RANGE.rev() {
        let cells: Vec<Vec<&Activity>> = RANGE
            .map(|skill| {
                activities
                    .iter()
                    .filter(|a| a.skill == skill && a.joy == joy)
                    .collect()
            })
            .collect();
        let height = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
        for line in 0..height {
            if line == 0 {
                let _ = write!(out, "  {joy} {} ", glyphs.vertical);
            } else {
                let _ = write!(out, "    {} ", glyphs.vertical);
            }
            for (skill, cell) in RANGE.zip(&cells) {
                let zone = Zone::of(skill, joy);
                let shown = match cell.get(line) {
                    Some(a) => pad(&glyphs.fitted(&a.name), CELL),
                    None => glyphs.fill(zone).to_string().repeat(CELL),
                };
                paint(out, color, zone_style(zone), shown);
                out.push(' ');
            }
            // The zones of the right-hand cells, named on the top row of each.
            let label = match (line, joy) {
                (0, 5) => Some(Zone::Genius),
                (0, 3) => Some(Zone::Excellence),
                _ => None,
            };
            if let Some(zone) = label {
                paint(out, color, zone_style(zone), zone.name());
            }
            out.truncate(out.trim_end_matches(' ').len());
            out.push('\n');
        }
    }
    let _ = writeln!(
        out,
        "    {}{}",
        glyphs.corner,
        glyphs.horizontal.to_string().repeat(5 * (CELL + 1))
    );
    let mut axis = " ".repeat(MARGIN + CELL / 2);
    for skill in RANGE {
        let _ = write!(axis, "{skill}{}", " ".repeat(CELL));
    }
    axis.truncate(axis.trim_end_matches(' ').len());
    let _ = writeln!(out, "{axis}      skill");
    // The zones of the left-hand columns, centred under them.
    let mut labels = " ".repeat(MARGIN);
    let centred = |text: &str, columns: usize| {
        let left = (columns - text.len()) / 2;
        (" ".repeat(left), " ".repeat(columns - text.len() - left))
    };
    for (zone, columns) in [(Zone::Incompetence, 2 * CELL + 1), (Zone::Competence, CELL)] {
        let (left, right) = centred(zone.name(), columns);
        labels.push_str(&left);
        paint(&mut labels, color, zone_style(zone), zone.name());
        labels.push_str(&right);
        labels.push(' ');
    }
    let _ = writeln!(out, "{}", labels.trim_end_matches(' '));
}

/// The zones' shading, then every activity by zone (genius first) with
/// its values, in full.
fn legend(out: &mut String, activities: &[Activity], glyphs: &Glyphs, color: bool) {
    out.push_str("\n ");
    for zone in ZONES {
        out.push(' ');
        let fill = glyphs.fill(zone);
        paint(out, color, zone_style(zone), format!("{fill}{fill}"));
        let _ = write!(out, " {} ", zone.name());
    }
    out.truncate(out.trim_end_matches(' ').len());
    out.push('\n');
    for zone in ZONES.iter().rev() {
        let mut first = true;
        for a in activities.iter().filter(|a| a.zone() == *zone) {
            out.push_str("  ");
            if first {
                paint(out, color, zone_style(*zone), pad(zone.name(), 13));
                first = false;
            } else {
                out.push_str(&" ".repeat(13));
            }
            let _ = writeln!(
                out,
                "{} (skill {}, joy {})",
                sanitize(&a.name),
                a.skill,
                a.joy
            );
        }
    }
}

/// One move: `code review: excellence → genius`.
fn move_line(out: &mut String, m: &Move, glyphs: &Glyphs, color: bool) {
    let zone = |out: &mut String, z: Zone| paint(out, color, zone_style(z), z.name());
    match m {
        Move::Moved { activity, from, to } => {
            let _ = write!(out, "{}: ", sanitize(activity));
            zone(out, *from);
            out.push_str(glyphs.arrow);
            zone(out, *to);
        }
        Move::New {
            activity,
            zone: now,
        } => {
            let _ = write!(out, "{}: new, ", sanitize(activity));
            zone(out, *now);
        }
        Move::Dropped {
            activity,
            zone: then,
        } => {
            let _ = write!(out, "{}: dropped, was ", sanitize(activity));
            zone(out, *then);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use std::path::PathBuf;

    fn map(day: u32, rows: &[(&str, u8, u8)]) -> Map {
        Map {
            date: NaiveDate::from_ymd_opt(2026, 11, day).unwrap(),
            path: PathBuf::from(format!("bob/2026-11-{day:02}.md")),
            activities: rows
                .iter()
                .map(|&(name, skill, joy)| Activity {
                    name: name.into(),
                    skill,
                    joy,
                    line: 1,
                })
                .collect(),
            tables: Vec::new(),
        }
    }

    #[test]
    fn unicode_grid_names_every_activity_and_fits_80_columns() {
        let before = map(3, &[("code review", 4, 3), ("status reports", 4, 2)]);
        let after = map(
            24,
            &[
                ("code review", 4, 5),
                ("mentoring", 5, 5),
                ("budgets", 2, 2),
                ("hiring plan for the platform team", 2, 2),
            ],
        );
        let drawn = draw(&after, Some(&before), &UNICODE, false);
        insta::assert_snapshot!(drawn, @r"
        joy
        5 │ ··········· ··········· ░░░░░░░░░░░ code review mentoring   genius
        4 │ ··········· ··········· ░░░░░░░░░░░ ▓▓▓▓▓▓▓▓▓▓▓ ▓▓▓▓▓▓▓▓▓▓▓
        3 │ ··········· ··········· ░░░░░░░░░░░ ▒▒▒▒▒▒▒▒▒▒▒ ▒▒▒▒▒▒▒▒▒▒▒ excellence
        2 │ ··········· budgets     ░░░░░░░░░░░ ▒▒▒▒▒▒▒▒▒▒▒ ▒▒▒▒▒▒▒▒▒▒▒
          │ ··········· hiring pla… ░░░░░░░░░░░ ▒▒▒▒▒▒▒▒▒▒▒ ▒▒▒▒▒▒▒▒▒▒▒
        1 │ ··········· ··········· ░░░░░░░░░░░ ▒▒▒▒▒▒▒▒▒▒▒ ▒▒▒▒▒▒▒▒▒▒▒
          └────────────────────────────────────────────────────────────
                 1           2           3           4           5      skill
                 incompetence       competence

        ·· incompetence  ░░ competence  ▒▒ excellence  ▓▓ genius
        genius       code review (skill 4, joy 5)
                     mentoring (skill 5, joy 5)
        incompetence budgets (skill 2, joy 2)
                     hiring plan for the platform team (skill 2, joy 2)

        Since 2026-11-03 (bob/2026-11-03.md):
          code review: excellence → genius
          mentoring: new, genius
          budgets: new, incompetence
          hiring plan for the platform team: new, incompetence
          status reports: dropped, was excellence
        ");
        assert!(drawn.lines().all(|l| crate::render::width(l) <= 80));
    }

    #[test]
    fn ascii_and_colour() {
        let m = map(24, &[("mentoring", 5, 5)]);
        let plain = draw(&m, None, &ASCII, false);
        assert!(plain.is_ascii(), "{plain}");
        assert!(!plain.contains('\u{1b}'));
        let coloured = draw(&m, None, &UNICODE, true);
        assert!(
            coloured.contains("\u{1b}[32mmentoring  \u{1b}[0m"),
            "{coloured}"
        );
    }
}
