//! The review as one standalone HTML page: no script, no external font,
//! image, style sheet or link; the charts inline SVG; print-friendly CSS
//! (it prints to PDF from a browser). Every text from a note is sanitized
//! ([`crate::output::sanitize`]) then escaped: a note's `<script>` shows
//! as text. The page is well-formed XML too (HTML5's XML-compatible
//! syntax, no named entity besides XML's), so a strict XML reader can
//! check it.

use std::fmt::Write as _;

use super::markdown::{
    GAPS_TITLE, NO_MAP, average, counted, gap_lines, held_line, item_line, move_line, title,
};
use super::{Item, Review, STUCK_AFTER};
use crate::output::sanitize;

/// The page's style: readable on screen and printed.
const STYLE: &str = "
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif;
  color: #222222; background: #ffffff; line-height: 1.45; max-width: 56rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: 0.5rem; }
h2 { font-size: 1.25rem; border-bottom: 1px solid #cccccc; padding-bottom: 0.2rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin-bottom: 0.3rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #bbbbbb; padding: 0.2rem 0.6rem; text-align: left; }
td.n { text-align: right; }
pre.said { white-space: pre-wrap; overflow-wrap: anywhere; font-family: inherit; margin: 0 0 1rem; }
figure { margin: 1rem 0; }
svg { display: block; max-width: 100%; height: auto; }
@page { margin: 15mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  figure, table, pre.said { break-inside: avoid; page-break-inside: avoid; }
}
";

/// Escapes note text for HTML, after the sanitizer (a tab, which it
/// keeps, stays a tab: an indent in a said line).
fn text(s: &str) -> String {
    sanitize(s)
        .split('\t')
        .map(crate::svg::xml)
        .collect::<Vec<_>>()
        .join("\t")
}

/// An SVG picture to put inside the page: without its XML declaration
/// and its namespace (HTML gives `<svg>` its own).
fn inline_svg(picture: &str) -> String {
    let body = picture
        .strip_prefix(r#"<?xml version="1.0" encoding="UTF-8"?>"#)
        .unwrap_or(picture)
        .trim_start();
    body.replacen(r#" xmlns="http://www.w3.org/2000/svg""#, "", 1)
}

/// The page.
#[must_use]
pub fn render(review: &Review) -> String {
    let mut s = String::new();
    let title = text(&title(review));
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{title}</h1>\n"
    );
    let _ = writeln!(s, "<h2>Meetings</h2>\n<p>{}</p>", text(&held_line(review)));
    let gaps = gap_lines(review);
    if gaps.is_empty() {
        let _ = writeln!(s, "<p>{GAPS_TITLE}: none.</p>");
    } else {
        let _ = writeln!(s, "<p>{GAPS_TITLE}:</p>\n<ul>");
        for g in gaps {
            let _ = writeln!(s, "<li>{}</li>", text(&g));
        }
        let _ = writeln!(s, "</ul>");
    }
    themes(review, &mut s);
    lift(review, &mut s);
    follow_ups(review, &mut s);
    checkins(review, &mut s);
    zones(review, &mut s);
    s.push_str("</body>\n</html>\n");
    s
}

fn themes(review: &Review, s: &mut String) {
    let _ = writeln!(s, "<h2>Themes</h2>\n<ul>");
    let or_none = |list: &[(String, usize)]| {
        if list.is_empty() {
            "none".to_string()
        } else {
            text(&counted(list))
        }
    };
    if !review.shared {
        let _ = writeln!(s, "<li>Tags: {}</li>", or_none(&review.tags));
    }
    let _ = writeln!(
        s,
        "<li>Words said in 3 meetings or more: {}</li>\n</ul>",
        or_none(&review.words)
    );
}

fn lift(review: &Review, s: &mut String) {
    let _ = writeln!(s, "<h2>What was said under {}</h2>", super::LIFT);
    if review.lift.is_empty() {
        let _ = writeln!(
            s,
            "<p>Nothing written under {} in the period.</p>",
            super::LIFT
        );
    }
    for meeting in &review.lift {
        let lines: Vec<String> = meeting.lines.iter().map(said_line).collect();
        let _ = writeln!(
            s,
            "<h3>{}</h3>\n<pre class=\"said\">{}</pre>",
            meeting.date,
            lines.join("\n")
        );
    }
}

/// A line said under Lift, escaped: a heading the note holds in bold, a
/// bullet item's marker as a bullet.
fn said_line(line: &super::Line) -> String {
    match &line.shape {
        super::Shape::Heading(title) => format!("<strong>{}</strong>", text(title)),
        super::Shape::Bullet(at) => format!(
            "{}\u{2022}{}",
            text(&line.text[..*at]),
            text(&line.text[at + 1..])
        ),
        super::Shape::Plain => text(&line.text),
    }
}

fn items(s: &mut String, title: &str, list: &[Item], (open, always): (bool, bool)) {
    if list.is_empty() && !always {
        return;
    }
    let _ = writeln!(s, "<h3>{title}</h3>");
    if list.is_empty() {
        let _ = writeln!(s, "<p>None.</p>");
        return;
    }
    let _ = writeln!(s, "<ul>");
    for item in list {
        let _ = writeln!(s, "<li>{}</li>", text(&item_line(item, open, None)));
    }
    let _ = writeln!(s, "</ul>");
}

fn follow_ups(review: &Review, s: &mut String) {
    let _ = writeln!(s, "<h2>Follow-ups</h2>");
    items(s, "Completed, theirs", &review.done.theirs, (false, true));
    items(s, "Completed, yours", &review.done.yours, (false, true));
    items(s, "Completed, others’", &review.done.others, (false, false));
    items(s, "Still open", &review.open, (true, true));
    let _ = writeln!(s, "<h3>Carried {STUCK_AFTER} times or more</h3>");
    if review.stuck.is_empty() {
        let _ = writeln!(s, "<p>None.</p>");
        return;
    }
    let _ = writeln!(s, "<ul>");
    for (item, n) in &review.stuck {
        let _ = writeln!(s, "<li>{}</li>", text(&item_line(item, true, Some(*n))));
    }
    let _ = writeln!(s, "</ul>");
}

fn checkins(review: &Review, s: &mut String) {
    let Some(list) = &review.checkins else {
        return;
    };
    let _ = writeln!(s, "<h2>Check-ins</h2>");
    if list.is_empty() {
        let _ = writeln!(s, "<p>No check-in in the period.</p>");
        return;
    }
    let _ = writeln!(
        s,
        "<table>\n<thead><tr><th>month</th><th>check-ins</th><th>energy</th><th>challenge</th>\
         <th>skill</th><th>zone</th></tr></thead>\n<tbody>"
    );
    for m in &review.months {
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{}</td><td>{}</td></tr>",
            m.name,
            m.count,
            average(m.energy),
            average(m.challenge),
            average(m.skill),
            m.zone.map_or("-", crate::checkin::Zone::name)
        );
    }
    let _ = writeln!(s, "</tbody>\n</table>");
    let _ = writeln!(
        s,
        "<figure class=\"flow\">\n{}</figure>",
        inline_svg(&crate::svg::render(&review.name, list))
    );
}

fn zones(review: &Review, s: &mut String) {
    let _ = writeln!(s, "<h2>Zone of genius</h2>");
    let Some(z) = &review.zones else {
        let _ = writeln!(s, "<p>{NO_MAP}</p>");
        return;
    };
    let _ = writeln!(
        s,
        "<p>Latest map: {}.</p>\n<table>\n<thead><tr><th>activity</th>\
         <th>skill</th><th>joy</th><th>zone</th></tr></thead>\n<tbody>",
        z.latest.date
    );
    for a in &z.latest.activities {
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            text(&a.name),
            a.skill,
            a.joy,
            a.zone()
        );
    }
    let _ = writeln!(s, "</tbody>\n</table>");
    if let Some(previous) = &z.previous {
        let _ = writeln!(s, "<p>Moved since {}:</p>\n<ul>", previous.date);
        if z.moves.is_empty() {
            let _ = writeln!(s, "<li>nothing</li>");
        }
        for m in &z.moves {
            let _ = writeln!(s, "<li>{}</li>", text(&move_line(m)));
        }
        let _ = writeln!(s, "</ul>");
    }
    let _ = writeln!(
        s,
        "<figure class=\"zones\">\n{}</figure>",
        inline_svg(&crate::zones::svg::render(
            &review.name,
            &z.latest,
            z.previous.as_ref()
        ))
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_goes_inline_without_declaration_or_namespace() {
        let picture = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\"></svg>\n";
        assert_eq!(inline_svg(picture), "<svg width=\"1\"></svg>\n");
    }

    #[test]
    fn note_text_is_escaped_and_sanitized() {
        assert_eq!(
            text("<script>alert('x')</script> & \u{1b}[31m\t\u{202e}"),
            "&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; \u{fffd}[31m\t\u{fffd}"
        );
    }
}
