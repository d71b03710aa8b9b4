//! A zone-of-genius map as one standalone SVG picture: the 5x5 grid
//! (skill across, joy up) shaded and labelled by zone, each activity named
//! in its cell (several listed), a legend of every activity with its
//! values, and what moved since the previous map. No scripts, no external
//! fonts, images or links: it opens in any browser, and inlines in a page.

use std::fmt::Write as _;

use super::{Activity, Map, Move, RANGE, ZONES, Zone, moves};
use crate::svg::xml;

/// Picture width, in pixels (the height grows with the legend).
pub const WIDTH: u32 = 860;
/// Where the grid starts.
pub const GRID_X: u32 = 90;
/// Where the grid starts.
pub const GRID_Y: u32 = 90;
/// A cell's width.
pub const CELL_W: u32 = 120;
/// A cell's height.
pub const CELL_H: u32 = 80;
/// Names listed in one cell before `+N more`.
const PER_CELL: usize = 4;
/// The characters a name gets in a cell (the legend gives it whole).
const NAME_CHARS: usize = 16;
/// A legend line's height.
const LINE: u32 = 20;

/// A zone's fill.
#[must_use]
pub fn zone_fill(zone: Zone) -> &'static str {
    match zone {
        Zone::Incompetence => "#f6c1c1",
        Zone::Competence => "#fbe7a8",
        Zone::Excellence => "#c4dcf5",
        Zone::Genius => "#c7e8c9",
    }
}

/// A zone's label colour.
fn zone_ink(zone: Zone) -> &'static str {
    match zone {
        Zone::Incompetence => "#a33333",
        Zone::Competence => "#7a5c00",
        Zone::Excellence => "#2f5f9f",
        Zone::Genius => "#2e7d32",
    }
}

/// The picture of `map` for `name` (the person), with what moved since
/// `previous`.
#[must_use]
pub fn render(name: &str, map: &Map, previous: Option<&Map>) -> String {
    let moved = previous.map(|p| (p.date, moves(&p.activities, &map.activities)));
    let legend_top = GRID_Y + 5 * CELL_H + 64;
    let legend_lines = 1 + map.activities.len() as u32;
    let move_lines = moved.as_ref().map_or(0, |(_, m)| 2 + m.len().max(1) as u32);
    let height = legend_top + (legend_lines + move_lines) * LINE + 16;
    let mut s = String::new();
    let _ = writeln!(
        s,
        r##"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" font-family="sans-serif" font-size="13">
<title>Zone of genius: {name}, {date}</title>
<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>
<text x="24" y="34" font-size="20" font-weight="bold" fill="#222222">{name}</text>
<text x="24" y="56" fill="#555555">Zone of genius, {date}</text>"##,
        name = xml(name),
        date = map.date
    );
    grid(&mut s, &map.activities);
    legend(&mut s, &map.activities, legend_top);
    if let Some((date, moved)) = moved {
        moves_list(&mut s, date, &moved, legend_top + (legend_lines + 1) * LINE);
    }
    s.push_str("</svg>\n");
    s
}

fn grid(s: &mut String, activities: &[Activity]) {
    let left = |skill: u8| GRID_X + u32::from(skill - 1) * CELL_W;
    let top = |joy: u8| GRID_Y + u32::from(5 - joy) * CELL_H;
    for joy in RANGE {
        for skill in RANGE {
            let _ = writeln!(
                s,
                r##"<rect x="{}" y="{}" width="{CELL_W}" height="{CELL_H}" fill="{}" stroke="#ffffff" stroke-width="2"/>"##,
                left(skill),
                top(joy),
                zone_fill(Zone::of(skill, joy))
            );
        }
    }
    // The zones: the left-hand ones named over their columns, the
    // right-hand ones beside their rows.
    let label = |s: &mut String, zone: Zone, x: u32, y: u32, anchor: &str| {
        let _ = writeln!(
            s,
            r#"<text x="{x}" y="{y}" text-anchor="{anchor}" font-weight="bold" fill="{}">{}</text>"#,
            zone_ink(zone),
            zone.name()
        );
    };
    label(
        s,
        Zone::Incompetence,
        GRID_X + CELL_W,
        GRID_Y - 10,
        "middle",
    );
    label(
        s,
        Zone::Competence,
        GRID_X + 2 * CELL_W + CELL_W / 2,
        GRID_Y - 10,
        "middle",
    );
    let right = GRID_X + 5 * CELL_W + 12;
    label(s, Zone::Genius, right, GRID_Y + CELL_H + 5, "start");
    label(
        s,
        Zone::Excellence,
        right,
        GRID_Y + 2 * CELL_H + 3 * CELL_H / 2 + 5,
        "start",
    );
    let bottom = GRID_Y + 5 * CELL_H;
    for n in RANGE {
        let _ = writeln!(
            s,
            r##"<text x="{}" y="{}" text-anchor="middle" fill="#555555">{n}</text>"##,
            left(n) + CELL_W / 2,
            bottom + 18
        );
        let _ = writeln!(
            s,
            r##"<text x="{}" y="{}" text-anchor="end" fill="#555555">{n}</text>"##,
            GRID_X - 10,
            top(n) + CELL_H / 2 + 4
        );
    }
    let _ = writeln!(
        s,
        r##"<text x="{}" y="{}" text-anchor="middle" fill="#333333">skill →</text>"##,
        GRID_X + 5 * CELL_W / 2,
        bottom + 40
    );
    let _ = writeln!(
        s,
        r##"<text x="{x}" y="{y}" text-anchor="middle" fill="#333333" transform="rotate(-90 {x} {y})">joy →</text>"##,
        x = GRID_X - 40,
        y = GRID_Y + 5 * CELL_H / 2
    );
    names(s, activities);
}

/// Each activity named in its cell, several listed, `+N more` past what
/// fits.
fn names(s: &mut String, activities: &[Activity]) {
    let left = |skill: u8| GRID_X + u32::from(skill - 1) * CELL_W;
    let top = |joy: u8| GRID_Y + u32::from(5 - joy) * CELL_H;
    for joy in RANGE {
        for skill in RANGE {
            let here: Vec<&Activity> = activities
                .iter()
                .filter(|a| a.skill == skill && a.joy == joy)
                .collect();
            let shown = if here.len() > PER_CELL {
                PER_CELL - 1
            } else {
                here.len()
            };
            for (i, a) in here.iter().take(shown).enumerate() {
                let _ = writeln!(
                    s,
                    r##"<text x="{}" y="{}" fill="#111111">{}</text>"##,
                    left(skill) + 8,
                    top(joy) + 20 + 16 * i as u32,
                    xml(&crate::render::shorten(&a.name, NAME_CHARS))
                );
            }
            if here.len() > shown {
                let _ = writeln!(
                    s,
                    r##"<text x="{}" y="{}" fill="#555555" font-style="italic">+{} more</text>"##,
                    left(skill) + 8,
                    top(joy) + 20 + 16 * shown as u32,
                    here.len() - shown
                );
            }
        }
    }
}

/// Every activity, genius first, with its zone and values.
fn legend(s: &mut String, activities: &[Activity], top: u32) {
    let _ = writeln!(
        s,
        r##"<text x="24" y="{top}" font-weight="bold" fill="#222222">Activities</text>"##
    );
    let mut y = top;
    for zone in ZONES.iter().rev() {
        for a in activities.iter().filter(|a| a.zone() == *zone) {
            y += LINE;
            let _ = writeln!(
                s,
                r#"<rect x="24" y="{}" width="12" height="12" fill="{}"/>"#,
                y - 11,
                zone_fill(*zone)
            );
            let _ = writeln!(
                s,
                r##"<text x="44" y="{y}" fill="#222222">{}: {} (skill {}, joy {})</text>"##,
                xml(&a.name),
                zone.name(),
                a.skill,
                a.joy
            );
        }
    }
}

/// What moved since the previous map.
fn moves_list(s: &mut String, since: chrono::NaiveDate, moved: &[Move], top: u32) {
    let _ = writeln!(
        s,
        r##"<text x="24" y="{top}" font-weight="bold" fill="#222222">Since {since}</text>"##
    );
    if moved.is_empty() {
        let _ = writeln!(
            s,
            r##"<text x="24" y="{}" fill="#555555">no activity changed zone</text>"##,
            top + LINE
        );
    }
    for (i, m) in moved.iter().enumerate() {
        let line = match m {
            Move::Moved { activity, from, to } => format!("{activity}: {from} → {to}"),
            Move::New { activity, zone } => format!("{activity}: new, {zone}"),
            Move::Dropped { activity, zone } => format!("{activity}: dropped, was {zone}"),
        };
        let _ = writeln!(
            s,
            r##"<text x="24" y="{}" fill="#222222">{}</text>"##,
            top + LINE * (i as u32 + 1),
            xml(&line)
        );
    }
}
