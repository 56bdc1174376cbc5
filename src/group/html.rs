//! The group report as one self-contained HTML page: inline styles, no
//! script, nothing fetched (a Content-Security-Policy forbids it, so a
//! hostile name in a summary cannot make the page load anything). The
//! parts of the document are rows coloured by the group's mastery; then
//! the items and cards the group misses most, every card, and the members
//! merged. The markup is also well-formed XML. Pure: report in, text out.

use std::fmt::Write as _;

use super::merge::Report;
use super::render::{colour, dark, esc, part_sentence, pct, quoted, rows, weakest};
use crate::output::ef;

const STYLE: &str = "
body { font-family: sans-serif; margin: 2em auto; max-width: 1100px; color: #222; padding: 0 1em; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; }
p.sub { color: #555; margin-top: 0; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { padding: 3px 10px; text-align: left; vertical-align: middle; }
th { border-bottom: 2px solid #888; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.section td { font-weight: bold; border-top: 1px solid #ccc; }
tr.part td.name { padding-left: 2em; }
td.cell { font-weight: bold; text-align: center; min-width: 3.5em; }
div.track { width: 240px; height: 12px; background: #eee; }
div.fill { height: 12px; background: #555; }
ul.weak li { margin: 0.2em 0; }
span.legend { display: inline-block; width: 22px; height: 14px; vertical-align: middle; }
.muted { color: #666; }
";

/// The page.
pub fn html(r: &Report) -> String {
    let mut o = String::new();
    let title = format!("What the group knows: {}", r.deck.name);
    let _ = writeln!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\"/>\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>",
        esc(&title)
    );
    let members = r.members.len();
    let _ = writeln!(o, "<h1>{}</h1>", esc(&title));
    let _ = writeln!(
        o,
        "<p class=\"sub\">Deck <code>{}</code>, {} member{}, summaries up to {}. {}.</p>",
        esc(&r.deck.id),
        members,
        if members == 1 { "" } else { "s" },
        esc(&r.date),
        esc(&capitalised(&r.rule.describe()))
    );

    let weak = weakest(r, 5);
    if !weak.is_empty() {
        let _ = writeln!(o, "<h2>Where the group stands</h2>\n<ul class=\"weak\">");
        for p in weak {
            let _ = writeln!(o, "<li>{}</li>", esc(&part_sentence(p)));
        }
        let _ = writeln!(o, "</ul>");
    }

    let _ = writeln!(
        o,
        "<h2>Parts of the document</h2>\n<table id=\"parts\">\n<thead><tr><th>part</th><th>cards</th>\
         <th>known</th><th>share of the group that knows its cards</th><th>seen</th><th>most missed</th></tr></thead>\n<tbody>"
    );
    for row in rows(r) {
        let p = row.part;
        let share = p.mastery.unwrap_or(0.0).clamp(0.0, 1.0);
        let _ = writeln!(
            o,
            "<tr class=\"{}\" data-part=\"{}\"><td class=\"name\">{}</td><td class=\"n\">{}</td>\
             <td class=\"cell\" style=\"background:{};color:{}\">{}</td>\
             <td><div class=\"track\"><div class=\"fill\" style=\"width:{:.1}%\"></div></div></td>\
             <td class=\"n\">{}</td><td>{}</td></tr>",
            if row.section { "section" } else { "part" },
            esc(&p.part),
            esc(&p.part),
            p.cards,
            colour(p.mastery),
            if dark(p.mastery) { "#fff" } else { "#222" },
            pct(p.mastery),
            share * 100.0,
            pct(p.seen_share),
            esc(&quoted(&p.most_missed))
        );
    }
    let _ = writeln!(o, "</tbody>\n</table>");
    let _ = write!(o, "<p class=\"muted\">Colour: ");
    for (k, label) in [(0, "0%"), (5, "50%"), (10, "100%")] {
        let _ = write!(
            o,
            "<span class=\"legend\" style=\"background:{}\"></span> {label} ",
            colour(Some(f64::from(k) / 10.0))
        );
    }
    let _ = writeln!(
        o,
        "of the group knows the part's cards (on average over its cards); seen: reviewed at least once.</p>"
    );

    if !r.most_missed.is_empty() {
        let _ = writeln!(
            o,
            "<h2>List items the group misses most</h2>\n<table id=\"missed\">\n<thead><tr><th>item</th><th>members who missed it</th>\
             <th>misses / attempts</th><th>card</th><th>part</th></tr></thead>\n<tbody>"
        );
        for m in &r.most_missed {
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td class=\"n\">{} of {}</td><td class=\"n\">{} / {}</td><td><code>{}</code></td><td>{}</td></tr>",
                esc(&m.item),
                m.members_missed,
                m.members_tried,
                m.misses,
                m.attempts,
                esc(&m.card),
                esc(&m.source)
            );
        }
        let _ = writeln!(o, "</tbody>\n</table>");
    }
    if !r.most_lapsed.is_empty() {
        let _ = writeln!(
            o,
            "<h2>Cards most members lapse on</h2>\n<table id=\"lapsed\">\n<thead><tr><th>members who lapsed</th>\
             <th>lapses</th><th>card</th><th>part</th><th>question</th></tr></thead>\n<tbody>"
        );
        for c in &r.most_lapsed {
            let _ = writeln!(
                o,
                "<tr><td class=\"n\">{} of {}</td><td class=\"n\">{}</td><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
                c.lapsed,
                c.members,
                c.lapses,
                esc(&c.card),
                esc(&c.source),
                esc(c.front.as_deref().unwrap_or(""))
            );
        }
        let _ = writeln!(o, "</tbody>\n</table>");
    }

    let _ = writeln!(
        o,
        "<details>\n<summary>Every card ({})</summary>\n<table id=\"cards\">\n<thead><tr><th>card</th><th>part</th>\
         <th>known</th><th>members</th><th>seen</th><th>lapsed</th><th>mean ef</th><th>question</th></tr></thead>\n<tbody>",
        r.cards.len()
    );
    for c in &r.cards {
        let _ = writeln!(
            o,
            "<tr><td><code>{}</code></td><td>{}</td><td class=\"cell\" style=\"background:{};color:{}\">{}</td>\
             <td class=\"n\">{} of {}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            esc(&c.id),
            esc(&c.source),
            colour(c.share),
            if dark(c.share) { "#fff" } else { "#222" },
            pct(c.share),
            c.known,
            c.members,
            c.seen,
            c.lapsed,
            c.mean_ef.map_or("-".to_string(), |e| ef(i64::from(e))),
            esc(c.front.as_deref().unwrap_or(""))
        );
    }
    let _ = writeln!(o, "</tbody>\n</table>\n</details>");

    let _ = writeln!(
        o,
        "<h2>Members merged ({members})</h2>\n<table id=\"members\">\n<thead><tr><th>member</th><th>summary of</th>\
         <th>deck version</th><th>file</th></tr></thead>\n<tbody>"
    );
    for m in &r.members {
        let mut version = if m.deck != r.deck.id {
            format!("of deck '{}', merged by card id", m.deck)
        } else if m.same_version {
            "the same".to_string()
        } else {
            "another".to_string()
        };
        if !m.cards_differ.is_empty() {
            version.push_str(&format!(
                "; changed since, left out: {}",
                m.cards_differ.join(", ")
            ));
        }
        if !m.cards_missing.is_empty() {
            version.push_str(&format!("; not in it: {}", m.cards_missing.join(", ")));
        }
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td></tr>",
            esc(&m.label),
            esc(&m.date),
            esc(&version),
            esc(&m.file)
        );
    }
    let _ = writeln!(o, "</tbody>\n</table>");
    if !r.skipped.is_empty() {
        let _ = writeln!(
            o,
            "<h2>Not merged ({})</h2>\n<ul id=\"skipped\">",
            r.skipped.len()
        );
        for s in &r.skipped {
            let _ = writeln!(
                o,
                "<li><code>{}</code>: {}</li>",
                esc(&s.file),
                esc(&s.reason)
            );
        }
        let _ = writeln!(o, "</ul>");
    }
    let _ = writeln!(
        o,
        "<p class=\"muted\">Made by <code>recall group report</code>.</p>\n</body>\n</html>"
    );
    o
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
