//! The check-in charts as one standalone SVG picture, for a coaching moment
//! on a shared screen: the flow chart (challenge against skill, the three
//! zones, every check-in, the latest ringed) and energy over time. No
//! scripts, no external fonts, images or links: it opens in any browser.

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::checkin::{CheckIn, RANGE, Zone};

/// Picture size, in pixels.
pub const WIDTH: u32 = 840;
/// Picture height, in pixels.
pub const HEIGHT: u32 = 440;

const CELL: u32 = 56;
const FLOW_X: u32 = 70;
const TOP: u32 = 80;
const ENERGY_X: u32 = 470;
const ENERGY_W: u32 = 330;

fn zone_fill(zone: Zone) -> &'static str {
    match zone {
        Zone::Anxiety => "#f6c1c1",
        Zone::Flow => "#c7e8c9",
        Zone::Boredom => "#c4dcf5",
    }
}

/// Escapes text for XML.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// The picture for a person's check-ins.
#[must_use]
pub fn render(name: &str, checkins: &[CheckIn]) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        r##"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="13">
<title>Check-ins: {name}</title>
<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>
<text x="24" y="34" font-size="20" font-weight="bold" fill="#222222">{name}</text>"##,
        name = xml(name)
    );
    flow(&mut s, checkins);
    energy(&mut s, checkins);
    s.push_str("</svg>\n");
    s
}

fn flow(s: &mut String, checkins: &[CheckIn]) {
    let points: Vec<(&CheckIn, u8, u8)> = checkins
        .iter()
        .filter_map(|c| Some((c, c.values.challenge?, c.values.skill?)))
        .collect();
    let _ = writeln!(
        s,
        r##"<text x="{FLOW_X}" y="{}" font-weight="bold" fill="#222222">Challenge vs skill</text>"##,
        TOP - 14
    );
    let cx = |skill: u8| FLOW_X + u32::from(skill - 1) * CELL + CELL / 2;
    let cy = |challenge: u8| TOP + u32::from(5 - challenge) * CELL + CELL / 2;
    for challenge in RANGE {
        for skill in RANGE {
            let x = FLOW_X + u32::from(skill - 1) * CELL;
            let y = TOP + u32::from(5 - challenge) * CELL;
            let _ = writeln!(
                s,
                r##"<rect x="{x}" y="{y}" width="{CELL}" height="{CELL}" fill="{}" stroke="#ffffff"/>"##,
                zone_fill(Zone::of(challenge, skill))
            );
        }
    }
    let bottom = TOP + 5 * CELL;
    for n in RANGE {
        let _ = writeln!(
            s,
            r##"<text x="{}" y="{}" text-anchor="middle" fill="#555555">{n}</text>"##,
            cx(n),
            bottom + 18
        );
        let _ = writeln!(
            s,
            r##"<text x="{}" y="{}" text-anchor="end" fill="#555555">{n}</text>"##,
            FLOW_X - 8,
            cy(n) + 4
        );
    }
    let _ = writeln!(
        s,
        r##"<text x="{}" y="{}" text-anchor="middle" fill="#333333">skill →</text>"##,
        FLOW_X + 5 * CELL / 2,
        bottom + 38
    );
    let _ = writeln!(
        s,
        r##"<text x="{x}" y="{y}" text-anchor="middle" fill="#333333" transform="rotate(-90 {x} {y})">challenge →</text>"##,
        x = FLOW_X - 34,
        y = TOP + 5 * CELL / 2
    );
    let _ = writeln!(
        s,
        r##"<text x="{}" y="{}" font-size="12" fill="#a33">anxiety</text>"##,
        FLOW_X + 6,
        TOP + 16
    );
    let _ = writeln!(
        s,
        r##"<text x="{}" y="{}" font-size="12" text-anchor="end" fill="#2f5f9f">boredom</text>"##,
        FLOW_X + 5 * CELL - 6,
        bottom - 8
    );
    let _ = writeln!(
        s,
        r##"<text x="{}" y="{}" font-size="12" fill="#2e7d32">flow</text>"##,
        FLOW_X + 2 * CELL + 6,
        TOP + 2 * CELL + 16
    );
    flow_points(s, &points);
}

/// The check-ins on the flow chart: one dot per cell, bigger and numbered
/// when several check-ins share it; the latest ringed and dated.
fn flow_points(s: &mut String, points: &[(&CheckIn, u8, u8)]) {
    let cx = |skill: u8| FLOW_X + u32::from(skill - 1) * CELL + CELL / 2;
    let cy = |challenge: u8| TOP + u32::from(5 - challenge) * CELL + CELL / 2;
    let Some(&(latest, latest_c, latest_s)) = points.last() else {
        let _ = writeln!(
            s,
            r##"<text x="{}" y="{}" text-anchor="middle" fill="#555555">no challenge/skill check-ins yet</text>"##,
            FLOW_X + 5 * CELL / 2,
            TOP + 5 * CELL / 2
        );
        return;
    };
    let mut cells: Vec<(u8, u8, Vec<NaiveDate>)> = Vec::new();
    for (c, challenge, skill) in points {
        match cells
            .iter_mut()
            .find(|(a, b, _)| a == challenge && b == skill)
        {
            Some(cell) => cell.2.push(c.date),
            None => cells.push((*challenge, *skill, vec![c.date])),
        }
    }
    for (challenge, skill, dates) in &cells {
        let (x, y) = (cx(*skill), cy(*challenge));
        let count = u32::try_from(dates.len()).unwrap_or(u32::MAX);
        let radius = (6 + 2 * (count - 1)).min(16);
        let is_latest = (*challenge, *skill) == (latest_c, latest_s);
        let dates: Vec<String> = dates.iter().map(ToString::to_string).collect();
        let _ = writeln!(
            s,
            r##"<circle cx="{x}" cy="{y}" r="{radius}" fill="{}" stroke="#ffffff" stroke-width="1.5"><title>challenge {challenge}, skill {skill}: {}</title></circle>"##,
            if is_latest { "#111111" } else { "#555555" },
            dates.join(", ")
        );
        if count > 1 {
            let _ = writeln!(
                s,
                r##"<text x="{x}" y="{}" text-anchor="middle" font-size="11" font-weight="bold" fill="#ffffff">{count}</text>"##,
                y + 4
            );
        }
    }
    let (x, y) = (cx(latest_s), cy(latest_c));
    let _ = writeln!(
        s,
        r##"<circle cx="{x}" cy="{y}" r="19" fill="none" stroke="#111111" stroke-width="2"/>"##
    );
    // The label stays inside the grid: toward the left from the two
    // right-hand columns, below the ring in the top row.
    let (label_x, anchor) = if latest_s >= 4 {
        (x - 4, "end")
    } else {
        (x + 4, "start")
    };
    let label_y = if latest_c == 5 { y + 32 } else { y - 22 };
    let _ = writeln!(
        s,
        r##"<text x="{label_x}" y="{label_y}" text-anchor="{anchor}" font-size="12" fill="#111111">latest, {}</text>"##,
        latest.date
    );
}

fn energy(s: &mut String, checkins: &[CheckIn]) {
    let points: Vec<(&CheckIn, u8)> = checkins
        .iter()
        .filter_map(|c| Some((c, c.values.energy?)))
        .collect();
    let height = 5 * CELL;
    let _ = writeln!(
        s,
        r##"<text x="{ENERGY_X}" y="{}" font-weight="bold" fill="#222222">Energy</text>"##,
        TOP - 14
    );
    let _ = writeln!(
        s,
        r##"<rect x="{ENERGY_X}" y="{TOP}" width="{ENERGY_W}" height="{height}" fill="#fafafa" stroke="#dddddd"/>"##
    );
    let y = |e: u8| TOP + 12 + u32::from(5 - e) * (height - 24) / 4;
    for e in RANGE {
        let _ = writeln!(
            s,
            r##"<line x1="{ENERGY_X}" x2="{}" y1="{}" y2="{}" stroke="#e4e4e4"/>"##,
            ENERGY_X + ENERGY_W,
            y(e),
            y(e)
        );
        let _ = writeln!(
            s,
            r##"<text x="{}" y="{}" text-anchor="end" fill="#555555">{e}</text>"##,
            ENERGY_X - 8,
            y(e) + 4
        );
    }
    if points.is_empty() {
        let _ = writeln!(
            s,
            r##"<text x="{}" y="{}" text-anchor="middle" fill="#555555">no energy check-ins yet</text>"##,
            ENERGY_X + ENERGY_W / 2,
            TOP + height / 2
        );
        return;
    }
    // Spread the points over the panel's width, however many there are.
    let span = f64::from(ENERGY_W - 40);
    let gaps = points.len().saturating_sub(1).max(1) as f64;
    let x = |i: usize| format!("{:.1}", f64::from(ENERGY_X + 20) + span * i as f64 / gaps);
    let line: Vec<String> = points
        .iter()
        .enumerate()
        .map(|(i, (_, e))| format!("{},{}", x(i), y(*e)))
        .collect();
    let _ = writeln!(
        s,
        r##"<polyline points="{}" fill="none" stroke="#e08a00" stroke-width="3"/>"##,
        line.join(" ")
    );
    for (i, (c, e)) in points.iter().enumerate() {
        let _ = writeln!(
            s,
            r##"<circle cx="{}" cy="{}" r="5" fill="#e08a00"><title>{}: energy {e}</title></circle>"##,
            x(i),
            y(*e),
            c.date
        );
    }
    let bottom = TOP + height;
    let first = points[0].0.date;
    let last = points[points.len() - 1].0.date;
    let _ = writeln!(
        s,
        r##"<text x="{ENERGY_X}" y="{}" fill="#555555">{first}</text>"##,
        bottom + 18
    );
    let _ = writeln!(
        s,
        r##"<text x="{}" y="{}" text-anchor="end" fill="#555555">{last}</text>"##,
        ENERGY_X + ENERGY_W,
        bottom + 18
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_names() {
        assert_eq!(
            xml("A & <B> \"C\" 'D'"),
            "A &amp; &lt;B&gt; &quot;C&quot; &apos;D&apos;"
        );
    }
}
