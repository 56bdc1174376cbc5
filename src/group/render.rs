//! What the three renderers of a group report share: the rows they show
//! (sections with their parts), percentages, text made safe to print, and
//! the mastery colour scale. Pure.

use super::merge::{PartRow, Report};

/// One row of the parts table.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    pub part: &'a PartRow,
    /// A section's row (bold, not indented).
    pub section: bool,
}

/// Sections in document order, each followed by its parts; a section of
/// one part by the same name is one row.
pub fn rows(r: &Report) -> Vec<Row<'_>> {
    let mut out = Vec::with_capacity(r.sections.len() + r.parts.len());
    for s in &r.sections {
        let parts: Vec<&PartRow> = r.parts.iter().filter(|p| p.section == s.part).collect();
        out.push(Row {
            part: s,
            section: true,
        });
        if let [only] = parts.as_slice() {
            if only.part == s.part {
                continue;
            }
        }
        out.extend(parts.into_iter().map(|p| Row {
            part: p,
            section: false,
        }));
    }
    out
}

/// A share as a whole percentage (`33%`), `-` when there is none.
pub fn pct(share: Option<f64>) -> String {
    share.map_or("-".to_string(), |s| format!("{:.0}%", s * 100.0))
}

/// Text from a summary or deck file made safe to print on one line:
/// control characters (a terminal's escape sequences among them) become
/// spaces.
pub fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Text for XML (SVG, HTML): [`clean`]ed and escaped.
pub fn esc(s: &str) -> String {
    clean(s)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// `'fairness', 'democracy'`.
pub fn quoted(items: &[String]) -> String {
    items
        .iter()
        .map(|i| format!("'{}'", clean(i)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The sentence for a weak part: "part III.(2): 40% of the group knows
/// it; most missed: 'fairness', 'democracy'".
pub fn part_sentence(p: &PartRow) -> String {
    let mut s = format!(
        "part {}: {} of the group knows it",
        clean(&p.part),
        pct(p.mastery)
    );
    if !p.most_missed.is_empty() {
        s.push_str(&format!("; most missed: {}", quoted(&p.most_missed)));
    }
    s
}

/// The parts to spend the next meeting on: the least known first (at
/// most `n`, none the whole group knows).
pub fn weakest(r: &Report, n: usize) -> Vec<&PartRow> {
    let mut parts: Vec<&PartRow> = r
        .parts
        .iter()
        .filter(|p| p.mastery.is_some_and(|m| m < 1.0))
        .collect();
    // stable: document order among equals
    parts.sort_by(|a, b| {
        a.mastery
            .partial_cmp(&b.mastery)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(b.cards.cmp(&a.cards))
    });
    parts.truncate(n);
    parts
}

/// Colour stops of the mastery scale: red-orange (nobody knows it),
/// pale, blue (everybody does). Red against blue stays apart for the
/// common colour-vision deficiencies.
const STOPS: [(f64, [u8; 3]); 3] = [
    (0.0, [0xd7, 0x30, 0x1f]),
    (0.5, [0xf7, 0xf4, 0xe0]),
    (1.0, [0x21, 0x66, 0xac]),
];

/// The colour of a mastery share (`#rrggbb`); grey when there is none.
pub fn colour(share: Option<f64>) -> String {
    let Some(s) = share else {
        return "#bdbdbd".to_string();
    };
    let s = s.clamp(0.0, 1.0);
    let (lo, hi) = if s <= STOPS[1].0 {
        (STOPS[0], STOPS[1])
    } else {
        (STOPS[1], STOPS[2])
    };
    let t = (s - lo.0) / (hi.0 - lo.0);
    let mix =
        |k: usize| (f64::from(lo.1[k]) + (f64::from(hi.1[k]) - f64::from(lo.1[k])) * t).round();
    format!(
        "#{:02x}{:02x}{:02x}",
        mix(0) as u8,
        mix(1) as u8,
        mix(2) as u8
    )
}

/// Whether text on `colour` should be white (a dark background).
pub fn dark(share: Option<f64>) -> bool {
    share.is_some_and(|s| !(0.2..=0.8).contains(&s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_scale_ends_and_middle() {
        assert_eq!(colour(Some(0.0)), "#d7301f");
        assert_eq!(colour(Some(0.5)), "#f7f4e0");
        assert_eq!(colour(Some(1.0)), "#2166ac");
        assert_eq!(colour(None), "#bdbdbd");
        assert_eq!(pct(Some(1.0 / 3.0)), "33%");
        assert_eq!(pct(None), "-");
    }

    #[test]
    fn escapes_and_cleans() {
        assert_eq!(
            esc("<a href=\"x\">&'\u{1b}[2J"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39; [2J"
        );
    }
}
