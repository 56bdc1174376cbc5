//! The group report as an SVG image: the document's parts as rows, each
//! with its number of cards, a cell coloured by the group's mastery (the
//! share in it), a bar of the same length, and the items most missed; a
//! colour legend below. Pure: report in, SVG text out.

use std::fmt::Write as _;

use super::merge::Report;
use super::render::{colour, dark, esc, pct, quoted, rows};

/// Row height, in pixels.
pub const ROW: f64 = 22.0;
/// Width of the image.
pub const WIDTH: f64 = 960.0;
/// Where the rows start.
pub const TOP: f64 = 92.0;
const BAR_X: f64 = 330.0;
const BAR_W: f64 = 260.0;

fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// The image.
pub fn svg(r: &Report) -> String {
    let rows = rows(r);
    let h = TOP + rows.len() as f64 * ROW + 80.0;
    let mut o = String::new();
    let _ = writeln!(
        o,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{h}" viewBox="0 0 {WIDTH} {h}" font-family="sans-serif" font-size="12">"#
    );
    let _ = writeln!(
        o,
        r##"<rect x="0" y="0" width="{WIDTH}" height="{h}" fill="#ffffff"/>"##
    );
    let _ = writeln!(
        o,
        r##"<text x="20" y="28" font-size="17" font-weight="bold" fill="#222222">{}</text>"##,
        esc(&format!("What the group knows: {}", r.deck.name))
    );
    let members = r.members.len();
    let _ = writeln!(
        o,
        r##"<text x="20" y="48" fill="#555555">{}</text>"##,
        esc(&format!(
            "{} member{}, summaries up to {}; a member knows a card at an interval of {}+ days and a last grade of {}+",
            members,
            if members == 1 { "" } else { "s" },
            r.date,
            r.rule.min_interval,
            r.rule.min_grade
        ))
    );
    // column heads
    let head_y = TOP - 10.0;
    for (x, anchor, text) in [
        (20.0, "start", "part of the document"),
        (250.0, "end", "cards"),
        (290.0, "middle", "known"),
        (BAR_X, "start", "share of the group that knows its cards"),
        (BAR_X + BAR_W + 16.0, "start", "most missed"),
    ] {
        let _ = writeln!(
            o,
            r##"<text x="{x}" y="{head_y}" text-anchor="{anchor}" font-weight="bold" fill="#333333">{text}</text>"##
        );
    }
    let _ = writeln!(o, r#"<g id="parts">"#);
    for (k, row) in rows.iter().enumerate() {
        let p = row.part;
        let y = TOP + k as f64 * ROW;
        let fill = colour(p.mastery);
        let text_fill = if dark(p.mastery) {
            "#ffffff"
        } else {
            "#222222"
        };
        let weight = if row.section { "bold" } else { "normal" };
        let (lx, room) = if row.section { (20.0, 30) } else { (34.0, 28) };
        let _ = writeln!(
            o,
            r#"<g class="{}" data-part="{}"><title>{}</title>"#,
            if row.section { "section" } else { "part" },
            esc(&p.part),
            esc(&format!(
                "{}: {} of the group knows it ({} of {} member-cards), {} seen",
                p.part,
                pct(p.mastery),
                p.known,
                p.pairs,
                pct(p.seen_share)
            ))
        );
        if row.section && k > 0 {
            let _ = writeln!(
                o,
                r##"<line x1="20" y1="{y}" x2="{}" y2="{y}" stroke="#dddddd" stroke-width="1"/>"##,
                WIDTH - 20.0
            );
        }
        let _ = writeln!(
            o,
            r##"<text x="{lx}" y="{}" font-weight="{weight}" fill="#222222">{}</text>"##,
            y + 15.0,
            esc(&cut(&p.part, room))
        );
        let _ = writeln!(
            o,
            r##"<text x="250" y="{}" text-anchor="end" fill="#333333">{}</text>"##,
            y + 15.0,
            p.cards
        );
        let _ = writeln!(
            o,
            r#"<rect class="cell" x="262" y="{}" width="56" height="{}" fill="{fill}"/>"#,
            y + 2.0,
            ROW - 4.0
        );
        let _ = writeln!(
            o,
            r#"<text x="290" y="{}" text-anchor="middle" font-weight="bold" fill="{text_fill}">{}</text>"#,
            y + 15.0,
            pct(p.mastery)
        );
        let share = p.mastery.unwrap_or(0.0).clamp(0.0, 1.0);
        let _ = writeln!(
            o,
            r##"<rect x="{BAR_X}" y="{}" width="{BAR_W}" height="{}" fill="#eeeeee"/>"##,
            y + 5.0,
            ROW - 10.0
        );
        let _ = writeln!(
            o,
            r##"<rect class="bar" x="{BAR_X}" y="{}" width="{:.1}" height="{}" fill="#555555"/>"##,
            y + 5.0,
            share * BAR_W,
            ROW - 10.0
        );
        if !p.most_missed.is_empty() {
            let _ = writeln!(
                o,
                r##"<text x="{}" y="{}" fill="#444444">{}</text>"##,
                BAR_X + BAR_W + 16.0,
                y + 15.0,
                esc(&cut(&quoted(&p.most_missed), 52))
            );
        }
        let _ = writeln!(o, "</g>");
    }
    let _ = writeln!(o, "</g>");
    // legend: the scale from nobody to everybody
    let ly = TOP + rows.len() as f64 * ROW + 24.0;
    let _ = writeln!(o, r#"<g id="legend">"#);
    let _ = writeln!(
        o,
        r##"<text x="20" y="{}" fill="#333333">share of the group that knows a part:</text>"##,
        ly + 13.0
    );
    for k in 0..=10 {
        let s = f64::from(k) / 10.0;
        let _ = writeln!(
            o,
            r#"<rect x="{}" y="{ly}" width="24" height="18" fill="{}"/>"#,
            250.0 + f64::from(k) * 26.0,
            colour(Some(s))
        );
    }
    for (k, text) in [(0, "0%"), (5, "50%"), (10, "100%")] {
        let _ = writeln!(
            o,
            r##"<text x="{}" y="{}" text-anchor="middle" fill="#333333">{text}</text>"##,
            262.0 + f64::from(k) * 26.0,
            ly + 32.0
        );
    }
    let _ = writeln!(
        o,
        r##"<rect x="550" y="{ly}" width="24" height="18" fill="{}"/><text x="580" y="{}" fill="#333333">no member has these cards</text>"##,
        colour(None),
        ly + 13.0
    );
    let _ = writeln!(o, "</g>\n</svg>");
    o
}
