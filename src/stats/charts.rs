//! Charts for `recall stats`: terminal text (Unicode blocks or plain ASCII,
//! fitted to a width) and SVG. Pure: stats in, text out.

use std::fmt::Write as _;

use super::{Ratio, Stats};
use crate::output::wrap;

const BLOCKS: [char; 9] = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const ASCII_LEVELS: [char; 9] = [' ', '.', '.', ':', ':', '=', '=', '#', '#'];
const SHADES: [char; 5] = ['·', '░', '▒', '▓', '█'];
const ASCII_SHADES: [char; 5] = ['.', '-', '+', '*', '#'];

fn pct(r: &Ratio) -> String {
    match r.share {
        Some(s) => format!("{:.0}% ({}/{})", s * 100.0, r.passed, r.total),
        None => "-".to_string(),
    }
}

fn duration(secs: i64) -> String {
    if secs >= 3600 {
        format!("{}h{:02}m", secs / 3600, (secs % 3600) / 60)
    } else {
        format!("{}m{:02}s", secs / 60, secs % 60)
    }
}

/// Rows of a vertical bar chart, `height` rows tall, one column per value,
/// each `col` characters wide.
pub fn bars(values: &[i64], height: usize, col: usize, ascii: bool) -> Vec<String> {
    let levels = if ascii { &ASCII_LEVELS } else { &BLOCKS };
    let max = values.iter().copied().max().unwrap_or(0).max(1);
    let mut rows = Vec::with_capacity(height);
    for row in (0..height).rev() {
        let mut line = String::new();
        for &v in values {
            // eighths of a row this value fills at this row
            let filled = (v * (height as i64) * 8 + max - 1) / max - (row as i64) * 8;
            let ch = levels[filled.clamp(0, 8) as usize];
            for _ in 0..col {
                line.push(ch);
            }
        }
        rows.push(line.trim_end().to_string());
    }
    rows
}

/// Shade level 0..=4 of a day count relative to the busiest day.
pub fn shade(count: i64, max: i64) -> usize {
    if count <= 0 || max <= 0 {
        0
    } else {
        (1 + (count - 1) * 4 / max).min(4) as usize
    }
}

fn cut(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(width.saturating_sub(1)).collect();
        t.push('~');
        t
    }
}

/// The whole terminal report at `width` columns.
pub fn text(s: &Stats, width: usize, ascii: bool) -> String {
    let mut o = String::new();
    let scope = s
        .deck
        .as_deref()
        .map_or("all decks".to_string(), |d| format!("deck {d}"));
    let mut say =
        |label: &str, body: String| o.push_str(&wrap(&format!("{label:<10} "), &body, width));
    say("recall", format!("stats for {scope}, study day {}", s.day));
    say(
        "Today",
        format!(
            "{} done, {} due, {} new left, {} spent",
            s.today.done,
            s.today.due,
            s.today.new_left,
            duration(s.today.seconds)
        ),
    );
    say(
        "Streak",
        format!("{} day{}", s.streak, if s.streak == 1 { "" } else { "s" }),
    );
    let st = &s.states;
    say(
        "Cards",
        format!(
            "{} new, {} learning, {} young, {} mature; {} suspended, {} leech{}",
            st.new,
            st.learning,
            st.young,
            st.mature,
            st.suspended,
            st.leeches,
            if st.leeches == 1 { "" } else { "es" }
        ),
    );
    say(
        "Retention",
        format!(
            "{} over 30 days; young {}; mature {}",
            pct(&s.retention.all),
            pct(&s.retention.young),
            pct(&s.retention.mature)
        ),
    );
    let ef = s
        .average_ef
        .map_or("-".to_string(), |e| format!("{:.2}", e as f64 / 1000.0));
    say("E-Factor", format!("{ef} on average"));
    say("Time", format!("{} over 30 days", duration(s.seconds_30d)));

    // forecast
    let max = s.forecast.iter().copied().max().unwrap_or(0);
    let _ = writeln!(o, "\nDue in the next 30 days (busiest day: {max}):");
    let col = ((width.saturating_sub(2)) / 30).clamp(1, 3);
    for line in bars(&s.forecast, 5, col, ascii) {
        let _ = writeln!(o, "  {line}");
    }
    let mut axis = vec![' '; 30 * col];
    for (k, label) in [(0usize, "today"), (10, "+10"), (20, "+20")] {
        for (i, ch) in label.chars().enumerate() {
            if let Some(slot) = axis.get_mut(k * col + i) {
                *slot = ch;
            }
        }
    }
    let _ = writeln!(o, "  {}", axis.into_iter().collect::<String>().trim_end());

    // heatmap: weeks as columns, Monday on top
    let shades = if ascii { &ASCII_SHADES } else { &SHADES };
    let weeks_fit = width.saturating_sub(6).max(4);
    let days = &s.heatmap;
    let max = days.iter().map(|d| d.count).max().unwrap_or(0);
    let first_weekday = days
        .first()
        .and_then(|d| chrono::NaiveDate::parse_from_str(&d.day, "%Y-%m-%d").ok())
        .map_or(0, |d| {
            chrono::Datelike::weekday(&d).num_days_from_monday() as usize
        });
    let total_weeks = (first_weekday + days.len()).div_ceil(7);
    let skip = total_weeks.saturating_sub(weeks_fit);
    let _ = writeln!(
        o,
        "\nAnswers per day, last {} weeks (busiest day: {max}):",
        total_weeks - skip
    );
    for (wd, name) in ["Mon", "", "Wed", "", "Fri", "", "Sun"].iter().enumerate() {
        let mut line = format!("{name:<4} ");
        for w in skip..total_weeks {
            let idx = (w * 7 + wd) as isize - first_weekday as isize;
            let ch = if idx < 0 || idx as usize >= days.len() {
                ' '
            } else {
                shades[shade(days[idx as usize].count, max)]
            };
            line.push(ch);
        }
        let _ = writeln!(o, "{}", line.trim_end());
    }

    // interval histogram
    let max = s
        .intervals
        .iter()
        .map(|b| b.count)
        .max()
        .unwrap_or(0)
        .max(1);
    let bar_w = width.saturating_sub(16).max(10);
    let full = if ascii { '#' } else { '█' };
    let _ = writeln!(o, "\nIntervals of studied cards:");
    for b in &s.intervals {
        let n = ((b.count * bar_w as i64) + max - 1) / max;
        let bar: String = std::iter::repeat_n(full, n as usize).collect();
        let _ = writeln!(o, "  {:>5} {:>6} {}", b.label, b.count, bar);
    }

    if !s.weak_items.is_empty() {
        let _ = writeln!(o, "\nList items missed most (reread the source):");
        for w in &s.weak_items {
            let line = format!(
                "  {:>3}/{:<3} {}  [{} {}]",
                w.misses, w.attempts, w.item, w.card, w.source
            );
            let _ = writeln!(o, "{}", cut(&line, width));
        }
    }
    if !s.hardest.is_empty() {
        let _ = writeln!(o, "\nHardest cards (lowest E-Factor, most lapses):");
        for h in &s.hardest {
            let tail = format!("  [{} {}]", h.card, h.source);
            let head = format!("  ef {:.2} lapses {:<2} ", h.ef as f64 / 1000.0, h.lapses);
            let room = width
                .saturating_sub(head.chars().count() + tail.chars().count())
                .max(10);
            let line = format!("{head}{}{tail}", cut(&h.front, room));
            let _ = writeln!(o, "{}", cut(&line, width));
        }
    }
    o
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The three charts as one SVG image.
pub fn svg(s: &Stats) -> String {
    let mut o = String::new();
    let (w, h) = (860, 520);
    let _ = writeln!(
        o,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="sans-serif" font-size="12">"#
    );
    let _ = writeln!(
        o,
        r##"<rect x="0" y="0" width="{w}" height="{h}" fill="#ffffff"/>"##
    );
    let title = format!("recall stats, study day {}", s.day);
    let _ = writeln!(
        o,
        r#"<text x="20" y="24" font-size="16">{}</text>"#,
        esc(&title)
    );
    // forecast
    let _ = writeln!(
        o,
        r#"<g id="forecast"><text x="20" y="50">Due in the next 30 days</text>"#
    );
    let max = s.forecast.iter().copied().max().unwrap_or(0).max(1);
    for (k, &v) in s.forecast.iter().enumerate() {
        let bh = (v as f64 / max as f64 * 100.0).round();
        let x = 20 + k * 26;
        let _ = writeln!(
            o,
            r##"<rect x="{x}" y="{}" width="22" height="{bh}" fill="#4a78c2"><title>+{k}: {v}</title></rect>"##,
            160.0 - bh
        );
    }
    let _ = writeln!(o, "</g>");
    // heatmap
    let _ = writeln!(
        o,
        r#"<g id="heatmap"><text x="20" y="190">Answers per day, last year</text>"#
    );
    let max = s.heatmap.iter().map(|d| d.count).max().unwrap_or(0);
    let colours = ["#ebedf0", "#c6e48b", "#7bc96f", "#239a3b", "#196127"];
    let first_weekday = s
        .heatmap
        .first()
        .and_then(|d| chrono::NaiveDate::parse_from_str(&d.day, "%Y-%m-%d").ok())
        .map_or(0, |d| {
            chrono::Datelike::weekday(&d).num_days_from_monday() as usize
        });
    for (i, d) in s.heatmap.iter().enumerate() {
        let slot = i + first_weekday;
        let (x, y) = (20 + (slot / 7) * 15, 200 + (slot % 7) * 15);
        let _ = writeln!(
            o,
            r#"<rect x="{x}" y="{y}" width="13" height="13" fill="{}"><title>{}: {}</title></rect>"#,
            colours[shade(d.count, max)],
            d.day,
            d.count
        );
    }
    let _ = writeln!(o, "</g>");
    // intervals
    let _ = writeln!(
        o,
        r#"<g id="intervals"><text x="20" y="330">Intervals of studied cards</text>"#
    );
    let max = s
        .intervals
        .iter()
        .map(|b| b.count)
        .max()
        .unwrap_or(0)
        .max(1);
    for (k, b) in s.intervals.iter().enumerate() {
        let y = 340 + k * 19;
        let bw = (b.count as f64 / max as f64 * 600.0).round();
        let _ = writeln!(o, r#"<text x="20" y="{}">{}</text>"#, y + 13, esc(&b.label));
        let _ = writeln!(
            o,
            r##"<rect x="80" y="{y}" width="{bw}" height="15" fill="#c2784a"><title>{}: {}</title></rect>"##,
            esc(&b.label),
            b.count
        );
    }
    let _ = writeln!(o, "</g>\n</svg>");
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_tallest() {
        let rows = bars(&[0, 4, 8], 2, 1, false);
        assert_eq!(rows, vec!["  █", " ██"]);
        let rows = bars(&[1, 2], 1, 2, true);
        assert_eq!(rows, vec!["::##"]);
    }

    #[test]
    fn shades() {
        assert_eq!(shade(0, 10), 0);
        assert_eq!(shade(1, 10), 1);
        assert_eq!(shade(10, 10), 4);
        assert_eq!(shade(5, 0), 0);
    }
}
