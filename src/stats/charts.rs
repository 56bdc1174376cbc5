//! Charts for `recall stats`: terminal text (Unicode blocks or plain ASCII,
//! fitted to a width) and SVG. Pure: stats in, text out.

use std::fmt::Write as _;

use super::{Ratio, Stats};
use crate::output::{cut_words, ef, wrap};

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
    let average = s.average_ef.map_or("-".to_string(), ef);
    say("E-Factor", format!("{average} on average"));
    say("Time", format!("{} over 30 days", duration(s.seconds_30d)));

    // forecast: a scale on the left, days from today below
    let max = s.forecast.iter().copied().max().unwrap_or(0);
    let _ = writeln!(o, "\nCards due on each of the next 30 days:");
    let col = ((width.saturating_sub(8)) / 30).clamp(1, 3);
    let (vbar, corner, hbar) = if ascii {
        ('|', '+', '-')
    } else {
        ('│', '└', '─')
    };
    let rows = bars(&s.forecast, 5, col, ascii);
    let last = rows.len().saturating_sub(1);
    for (i, line) in rows.into_iter().enumerate() {
        let label = match i {
            0 => max.max(1).to_string(),
            _ if i == last => "0".to_string(),
            _ => String::new(),
        };
        let _ = writeln!(o, "{label:>5} {vbar}{line}");
    }
    let _ = writeln!(o, "      {corner}{}", hbar.to_string().repeat(30 * col));
    let mut axis = vec![' '; 30 * col + 8];
    for k in [0usize, 7, 14, 21, 28] {
        let label = if k == 0 {
            "today".to_string()
        } else {
            format!("+{k}")
        };
        for (i, ch) in label.chars().enumerate() {
            if let Some(slot) = axis.get_mut(k * col + i) {
                *slot = ch;
            }
        }
    }
    let axis = format!("       {}", axis.into_iter().collect::<String>().trim_end());
    let named = format!("{axis}  (days from today)");
    let _ = writeln!(
        o,
        "{}",
        if named.chars().count() <= width {
            named
        } else {
            axis
        }
    );

    // heatmap: weeks as columns, Monday on top, month names above
    let shades = if ascii { &ASCII_SHADES } else { &SHADES };
    let weeks_fit = width.saturating_sub(6).max(4);
    let days = &s.heatmap;
    let max = days.iter().map(|d| d.count).max().unwrap_or(0);
    let first_day = days
        .first()
        .and_then(|d| chrono::NaiveDate::parse_from_str(&d.day, "%Y-%m-%d").ok());
    let first_weekday = first_day.map_or(0, |d| {
        chrono::Datelike::weekday(&d).num_days_from_monday() as usize
    });
    let total_weeks = (first_weekday + days.len()).div_ceil(7);
    let skip = total_weeks.saturating_sub(weeks_fit);
    let _ = writeln!(
        o,
        "\nAnswers per day, last {} weeks (busiest day: {max}):",
        total_weeks - skip
    );
    if let Some(first) = first_day {
        let mut months = vec![' '; 5 + total_weeks - skip + 3];
        let mut free_from = 0;
        for w in skip..total_weeks {
            // the week's first day shown; a month is named over the week it starts in
            let start = (w * 7).saturating_sub(first_weekday);
            let end = (w * 7 + 6)
                .saturating_sub(first_weekday)
                .min(days.len() - 1);
            let starts = (start..=end).find(|&i| {
                let d = first + chrono::Days::new(i as u64);
                chrono::Datelike::day(&d) == 1 || (i == 0 && w == skip)
            });
            let pos = 5 + w - skip;
            if let (Some(i), true) = (starts, pos >= free_from) {
                let d = first + chrono::Days::new(i as u64);
                for (k, ch) in d.format("%b").to_string().chars().enumerate() {
                    if let Some(slot) = months.get_mut(pos + k) {
                        *slot = ch;
                    }
                }
                free_from = pos + 4;
            }
        }
        let line: String = months.into_iter().collect();
        let _ = writeln!(o, "{}", cut(line.trim_end(), width));
    }
    for (wd, name) in ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        .iter()
        .enumerate()
    {
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
    let legend: Vec<String> = shades.iter().map(char::to_string).collect();
    let _ = writeln!(o, "     less {} more", legend.join(" "));

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
            let head = format!("  {:>3}/{:<3} ", w.misses, w.attempts);
            let tail = format!("  [{} {}]", w.card, w.source);
            let room = width
                .saturating_sub(head.chars().count() + tail.chars().count())
                .max(10);
            let line = format!("{head}{}{tail}", cut_words(&w.item, room));
            let _ = writeln!(o, "{}", cut(&line, width));
        }
    }
    if !s.hardest.is_empty() {
        let _ = writeln!(o, "\nHardest cards (lowest E-Factor, most lapses):");
        for h in &s.hardest {
            let tail = format!("  [{} {}]", h.card, h.source);
            let head = format!("  ef {} lapses {:<2} ", ef(h.ef), h.lapses);
            let room = width
                .saturating_sub(head.chars().count() + tail.chars().count())
                .max(10);
            let line = format!("{head}{}{tail}", cut_words(&h.front, room));
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

/// An axis line.
fn line(o: &mut String, (x1, y1): (f64, f64), (x2, y2): (f64, f64)) {
    let _ = writeln!(
        o,
        r##"<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="#333333" stroke-width="1"/>"##
    );
}

/// A text label; `anchor` is start, middle or end.
fn label(o: &mut String, (x, y): (f64, f64), anchor: &str, text: &str) {
    let _ = writeln!(
        o,
        r##"<text x="{x}" y="{y}" text-anchor="{anchor}" fill="#333333">{}</text>"##,
        esc(text)
    );
}

/// Round tick values from 0 to `max` (at most three).
fn ticks(max: i64) -> Vec<i64> {
    let mut t = vec![0, max.max(1)];
    if max >= 4 {
        t.insert(1, max / 2);
    }
    t
}

/// The three charts as one SVG image: each with a title, axes, tick
/// labels and axis titles; the heatmap with month and weekday labels and
/// a legend.
pub fn svg(s: &Stats) -> String {
    let mut o = String::new();
    let (w, h) = (900, 660);
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
        r#"<text x="20" y="24" font-size="16" font-weight="bold">{}</text>"#,
        esc(&title)
    );

    // forecast: bars over days 0..29, a count axis on the left
    let (x0, top, base) = (70.0, 70.0, 190.0);
    let _ = writeln!(
        o,
        r#"<g id="forecast"><text x="20" y="52" font-weight="bold">Cards due on each of the next 30 days</text>"#
    );
    let max = s.forecast.iter().copied().max().unwrap_or(0).max(1);
    for (k, &v) in s.forecast.iter().enumerate() {
        let bh = (v as f64 / max as f64 * (base - top)).round();
        let x = x0 + 2.0 + k as f64 * 26.0;
        let _ = writeln!(
            o,
            r##"<rect x="{x}" y="{}" width="22" height="{bh}" fill="#4a78c2"><title>+{k}: {v}</title></rect>"##,
            base - bh
        );
    }
    line(&mut o, (x0, top), (x0, base));
    line(&mut o, (x0, base), (x0 + 30.0 * 26.0, base));
    for t in ticks(max) {
        let y = base - t as f64 / max as f64 * (base - top);
        line(&mut o, (x0 - 4.0, y), (x0, y));
        label(&mut o, (x0 - 7.0, y + 4.0), "end", &t.to_string());
    }
    for k in [0usize, 7, 14, 21, 28] {
        let x = x0 + 13.0 + k as f64 * 26.0;
        line(&mut o, (x, base), (x, base + 4.0));
        let text = if k == 0 {
            "today".to_string()
        } else {
            format!("+{k}")
        };
        label(&mut o, (x, base + 17.0), "middle", &text);
    }
    label(
        &mut o,
        (x0 + 15.0 * 26.0, base + 34.0),
        "middle",
        "days from today",
    );
    let _ = writeln!(
        o,
        r##"<text x="24" y="{}" text-anchor="middle" fill="#333333" transform="rotate(-90 24 {})">cards</text>"##,
        (top + base) / 2.0,
        (top + base) / 2.0
    );
    let _ = writeln!(o, "</g>");

    // heatmap: a column per week, Monday on top
    let (hx, hy) = (70.0, 275.0);
    let _ = writeln!(
        o,
        r#"<g id="heatmap"><text x="20" y="250" font-weight="bold">Answers per day, last year</text>"#
    );
    let max = s.heatmap.iter().map(|d| d.count).max().unwrap_or(0);
    let colours = ["#ebedf0", "#c6e48b", "#7bc96f", "#239a3b", "#196127"];
    let first = s
        .heatmap
        .first()
        .and_then(|d| chrono::NaiveDate::parse_from_str(&d.day, "%Y-%m-%d").ok());
    let first_weekday = first.map_or(0, |d| {
        chrono::Datelike::weekday(&d).num_days_from_monday() as usize
    });
    let mut last_month_x = f64::MIN;
    for (i, d) in s.heatmap.iter().enumerate() {
        let slot = i + first_weekday;
        let (x, y) = (hx + (slot / 7) as f64 * 15.0, hy + (slot % 7) as f64 * 15.0);
        let _ = writeln!(
            o,
            r#"<rect x="{x}" y="{y}" width="13" height="13" fill="{}"><title>{}: {}</title></rect>"#,
            colours[shade(d.count, max)],
            d.day,
            d.count
        );
        let date = chrono::NaiveDate::parse_from_str(&d.day, "%Y-%m-%d").ok();
        if let Some(date) = date {
            let starts = chrono::Datelike::day(&date) == 1 || i == 0;
            if starts && x >= last_month_x + 30.0 {
                label(
                    &mut o,
                    (x, hy - 6.0),
                    "start",
                    &date.format("%b").to_string(),
                );
                last_month_x = x;
            }
        }
    }
    for (wd, name) in ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        .iter()
        .enumerate()
    {
        label(
            &mut o,
            (hx - 6.0, hy + wd as f64 * 15.0 + 10.0),
            "end",
            name,
        );
    }
    let _ = writeln!(o, "</g>");
    let ly = hy + 7.0 * 15.0 + 12.0;
    let _ = writeln!(o, r#"<g id="legend">"#);
    label(&mut o, (hx + 28.0, ly + 10.0), "end", "less");
    for (k, c) in colours.iter().enumerate() {
        let _ = writeln!(
            o,
            r#"<rect x="{}" y="{ly}" width="13" height="13" fill="{c}"/>"#,
            hx + 34.0 + k as f64 * 15.0
        );
    }
    label(
        &mut o,
        (hx + 34.0 + 5.0 * 15.0 + 4.0, ly + 10.0),
        "start",
        "more",
    );
    label(
        &mut o,
        (hx + 160.0, ly + 10.0),
        "start",
        &format!("answers per day; busiest day: {max}"),
    );
    let _ = writeln!(o, "</g>");

    // intervals: horizontal bars, a count axis below
    let (ix, iy) = (80.0, 440.0);
    let _ = writeln!(
        o,
        r#"<g id="intervals"><text x="20" y="425" font-weight="bold">Intervals of studied cards</text>"#
    );
    let max = s
        .intervals
        .iter()
        .map(|b| b.count)
        .max()
        .unwrap_or(0)
        .max(1);
    let span = 600.0;
    for (k, b) in s.intervals.iter().enumerate() {
        let y = iy + k as f64 * 17.0;
        let bw = (b.count as f64 / max as f64 * span).round();
        label(&mut o, (ix - 6.0, y + 12.0), "end", &b.label);
        let _ = writeln!(
            o,
            r##"<rect x="{ix}" y="{y}" width="{bw}" height="14" fill="#c2784a"><title>{}: {}</title></rect>"##,
            esc(&b.label),
            b.count
        );
    }
    let ibase = iy + s.intervals.len() as f64 * 17.0 + 2.0;
    line(&mut o, (ix, iy - 2.0), (ix, ibase));
    line(&mut o, (ix, ibase), (ix + span, ibase));
    for t in ticks(max) {
        let x = ix + t as f64 / max as f64 * span;
        line(&mut o, (x, ibase), (x, ibase + 4.0));
        label(&mut o, (x, ibase + 17.0), "middle", &t.to_string());
    }
    label(&mut o, (ix + span / 2.0, ibase + 33.0), "middle", "cards");
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
