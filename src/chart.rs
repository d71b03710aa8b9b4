//! Terminal pictures of check-ins: the flow chart (challenge against
//! skill, with the anxiety, flow and boredom zones) and an energy
//! sparkline. Unicode by default, plain ASCII on request; colour only where
//! the caller allows it.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};

use crate::checkin::{CheckIn, RANGE, Zone};

/// The characters a chart is drawn with.
#[derive(Debug, Clone, Copy)]
pub struct Glyphs {
    anxiety: char,
    flow: char,
    boredom: char,
    point: char,
    latest: char,
    vertical: char,
    horizontal: char,
    corner: char,
    arrow: &'static str,
    bars: [char; 5],
}

/// Unicode box drawing and shading.
pub const UNICODE: Glyphs = Glyphs {
    anxiety: '▓',
    flow: '·',
    boredom: '░',
    point: '●',
    latest: '◉',
    vertical: '│',
    horizontal: '─',
    corner: '└',
    arrow: " → ",
    bars: ['▁', '▂', '▄', '▆', '█'],
};

/// Plain ASCII.
pub const ASCII: Glyphs = Glyphs {
    anxiety: '#',
    flow: '.',
    boredom: ':',
    point: 'o',
    latest: '@',
    vertical: '|',
    horizontal: '-',
    corner: '+',
    arrow: " -> ",
    bars: ['1', '2', '3', '4', '5'],
};

fn zone_style(zone: Zone) -> Style {
    match zone {
        Zone::Anxiety => AnsiColor::Red.on_default(),
        Zone::Flow => AnsiColor::Green.on_default(),
        Zone::Boredom => AnsiColor::Blue.on_default(),
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

/// The flow chart of the check-ins that have both challenge and skill, the
/// latest highlighted, and a line on where the latest sits and how the last
/// few moved. Empty when no check-in has both.
#[must_use]
pub fn flow_chart(checkins: &[CheckIn], glyphs: &Glyphs, color: bool) -> String {
    let points: Vec<(&CheckIn, u8, u8)> = checkins
        .iter()
        .filter_map(|c| Some((c, c.values.challenge?, c.values.skill?)))
        .collect();
    let Some(&(latest, latest_c, latest_s)) = points.last() else {
        return String::new();
    };
    let mut out = String::new();
    let _ = writeln!(out, "  challenge");
    for challenge in RANGE.rev() {
        let _ = write!(out, "  {challenge} {} ", glyphs.vertical);
        for skill in RANGE {
            let count = points
                .iter()
                .filter(|(_, c, s)| *c == challenge && *s == skill)
                .count();
            let is_latest = (challenge, skill) == (latest_c, latest_s);
            let zone = Zone::of(challenge, skill);
            paint(
                &mut out,
                color,
                zone_style(zone),
                cell(glyphs, zone, count, is_latest),
            );
        }
        out.truncate(out.trim_end_matches(' ').len());
        out.push('\n');
    }
    axis_and_legend(&mut out, glyphs, color);
    let zone = Zone::of(latest_c, latest_s);
    let _ = write!(
        out,
        "  Latest ({}): challenge {latest_c}, skill {latest_s}: ",
        latest.date
    );
    paint(&mut out, color, zone_style(zone), zone.name());
    let _ = write!(out, " ({})", zone.meaning());
    let recent: Vec<&str> = points
        .iter()
        .rev()
        .take(4)
        .rev()
        .map(|(_, c, s)| Zone::of(*c, *s).name())
        .collect();
    if recent.len() > 1 {
        let _ = write!(
            out,
            "; last {}: {}",
            recent.len(),
            recent.join(glyphs.arrow)
        );
    }
    out.push('\n');
    out
}

/// One cell of the flow chart: the zone's fill, with one mark when check-ins
/// sit there and the count after it when several share it (`+` past 9), so
/// no check-in hides behind another.
fn cell(glyphs: &Glyphs, zone: Zone, count: usize, is_latest: bool) -> String {
    let fill = match zone {
        Zone::Anxiety => glyphs.anxiety,
        Zone::Flow => glyphs.flow,
        Zone::Boredom => glyphs.boredom,
    };
    let count_mark = |n: usize| {
        if n > 9 {
            '+'
        } else {
            char::from_digit(u32::try_from(n).unwrap_or(9), 10).unwrap_or('+')
        }
    };
    match (is_latest, count) {
        (_, 0) => format!("{fill}{fill}{fill} "),
        (true, 1) => format!("{fill}{}{fill} ", glyphs.latest),
        (true, n) => format!("{fill}{}{} ", glyphs.latest, count_mark(n)),
        (false, 1) => format!("{fill}{}{fill} ", glyphs.point),
        (false, n) => format!("{fill}{}{fill} ", count_mark(n)),
    }
}

/// The skill axis under the chart and the legend of zones and marks.
fn axis_and_legend(out: &mut String, glyphs: &Glyphs, color: bool) {
    let _ = writeln!(
        out,
        "    {}{}",
        glyphs.corner,
        glyphs.horizontal.to_string().repeat(21)
    );
    let _ = writeln!(out, "      1   2   3   4   5   skill");
    let _ = write!(out, "  ");
    for (zone, fill) in [
        (Zone::Anxiety, glyphs.anxiety),
        (Zone::Flow, glyphs.flow),
        (Zone::Boredom, glyphs.boredom),
    ] {
        paint(out, color, zone_style(zone), format!("{fill}{fill}"));
        let _ = write!(out, " {}  ", zone.name());
    }
    let _ = writeln!(out, "{} check-in  {} latest", glyphs.point, glyphs.latest);
}

/// The energy sparkline: one bar per check-in, the dates of the first and
/// last shown, fitted to `width` columns (the latest kept when they do not
/// all fit). Empty without energy values.
#[must_use]
pub fn energy_line(checkins: &[CheckIn], glyphs: &Glyphs, width: usize) -> String {
    let points: Vec<(&CheckIn, u8)> = checkins
        .iter()
        .filter_map(|c| Some((c, c.values.energy?)))
        .collect();
    if points.is_empty() {
        return String::new();
    }
    // "  energy  2026-01-05 " + bars + " 2026-11-24"
    let room = width.saturating_sub(2 + 8 + 11 + 11).max(5);
    let shown = &points[points.len().saturating_sub(room)..];
    let bars: String = shown
        .iter()
        .map(|(_, e)| glyphs.bars[usize::from(*e - 1)])
        .collect();
    let first = shown[0].0.date;
    let last = shown[shown.len() - 1].0.date;
    let mut out = format!("  energy  {first} {bars} {last}\n");
    let average =
        f64::from(shown.iter().map(|(_, e)| u32::from(*e)).sum::<u32>()) / shown.len() as f64;
    let _ = write!(
        out,
        "          latest {}, average {average:.1}",
        shown[shown.len() - 1].1
    );
    if shown.len() < points.len() {
        let _ = write!(
            out,
            " (the last {} of {} check-ins fit)",
            shown.len(),
            points.len()
        );
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkin::Values;
    use chrono::NaiveDate;

    fn checkins() -> Vec<CheckIn> {
        let v = |d: u32, e, c, s| CheckIn {
            date: NaiveDate::from_ymd_opt(2026, 10, d).unwrap(),
            values: Values {
                energy: e,
                challenge: c,
                skill: s,
            },
        };
        vec![
            v(1, Some(2), Some(2), Some(4)),
            v(8, Some(3), Some(3), Some(3)),
            v(15, None, Some(3), Some(3)),
            v(22, Some(5), None, None),
            v(29, Some(4), Some(5), Some(2)),
        ]
    }

    #[test]
    fn unicode_flow_chart() {
        insta::assert_snapshot!(flow_chart(&checkins(), &UNICODE, false), @r"
          challenge
          5 │ ▓▓▓ ▓◉▓ ▓▓▓ ··· ···
          4 │ ▓▓▓ ▓▓▓ ··· ··· ···
          3 │ ▓▓▓ ··· ·2· ··· ░░░
          2 │ ··· ··· ··· ░●░ ░░░
          1 │ ··· ··· ░░░ ░░░ ░░░
            └─────────────────────
              1   2   3   4   5   skill
          ▓▓ anxiety  ·· flow  ░░ boredom  ● check-in  ◉ latest
          Latest (2026-10-29): challenge 5, skill 2: anxiety (challenge well above skill); last 4: boredom → flow → flow → anxiety
        ");
    }

    #[test]
    fn ascii_chart_and_sparkline() {
        let chart = flow_chart(&checkins(), &ASCII, false);
        assert!(chart.contains("  5 | ### #@# ### ... ...\n"), "{chart}");
        assert!(chart.is_ascii());
        assert_eq!(
            energy_line(&checkins(), &ASCII, 80),
            "  energy  2026-10-01 2354 2026-10-29\n          latest 4, average 3.5\n"
        );
        assert_eq!(
            energy_line(&checkins(), &UNICODE, 80),
            "  energy  2026-10-01 ▂▄█▆ 2026-10-29\n          latest 4, average 3.5\n"
        );
    }

    #[test]
    fn sparkline_keeps_the_latest_when_narrow() {
        let many: Vec<CheckIn> = (1..=28)
            .map(|d| CheckIn {
                date: NaiveDate::from_ymd_opt(2026, 2, d).unwrap(),
                values: Values {
                    energy: Some(u8::try_from(d % 5 + 1).unwrap()),
                    ..Values::default()
                },
            })
            .collect();
        let line = energy_line(&many, &ASCII, 40);
        assert_eq!(
            line,
            "  energy  2026-02-21 23451234 2026-02-28\n          latest 4, average 3.0 (the last 8 of 28 check-ins fit)\n"
        );
    }

    #[test]
    fn colour_marks_zones_only_when_asked() {
        let plain = flow_chart(&checkins(), &UNICODE, false);
        assert!(!plain.contains('\u{1b}'));
        let coloured = flow_chart(&checkins(), &UNICODE, true);
        assert!(coloured.contains("\u{1b}[31m▓▓▓"), "{coloured}");
    }

    #[test]
    fn nothing_to_draw_without_values() {
        assert_eq!(flow_chart(&[], &UNICODE, false), "");
        assert_eq!(energy_line(&[], &UNICODE, 80), "");
    }
}
