//! The group report on a terminal: the weakest parts in a sentence each,
//! the parts of the document as a table with bars, the items and cards the
//! group misses most, and the members merged. Pure: report in, text out.

use std::fmt::Write as _;

use super::merge::Report;
use super::render::{clean, part_sentence, pct, quoted, rows, weakest};
use crate::output::{cut_words, plural, width_of, wrap};

/// `s` cut to `w` columns, with `…` when something was cut.
fn fit(s: &str, w: usize) -> String {
    if width_of(s) <= w {
        return s.to_string();
    }
    let (mut out, mut used) = (String::new(), 0);
    for ch in s.chars() {
        let cw = width_of(ch.encode_utf8(&mut [0; 4]));
        if used + cw + 1 > w {
            break;
        }
        out.push(ch);
        used += cw;
    }
    out.push('…');
    out
}

fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(width_of(s))))
}

/// A bar of `w` cells, the first `share × w` full.
fn bar(share: Option<f64>, w: usize, ascii: bool) -> String {
    let (full, empty) = if ascii { ('#', '.') } else { ('█', '░') };
    let n = share.map_or(0, |s| (s.clamp(0.0, 1.0) * w as f64).round() as usize);
    let mut out: String = std::iter::repeat_n(full, n).collect();
    out.extend(std::iter::repeat_n(empty, w - n));
    out
}

/// The whole report at `width` columns.
pub fn text(r: &Report, width: usize, ascii: bool) -> String {
    let mut o = String::new();
    let members = r.members.len();
    let head = format!(
        "{} ({}): {} member{}, summaries up to {}",
        clean(&r.deck.name),
        clean(&r.deck.id),
        members,
        if members == 1 { "" } else { "s" },
        r.date
    );
    o.push_str(&wrap("Group report: ", &head, width));
    let version = if r.deck.version_from == "deck file" {
        format!(
            "the deck file's (hash {})",
            &r.deck.hash[..r.deck.hash.len().min(12)]
        )
    } else {
        format!(
            "the one most members have (hash {}; pass --deck-file to choose)",
            &r.deck.hash[..r.deck.hash.len().min(12)]
        )
    };
    o.push_str(&wrap("Version: ", &version, width));
    let ge = if ascii { ">=" } else { "≥" };
    o.push_str(&wrap(
        "Known: ",
        &format!(
            "interval {ge} {} days and last grade {ge} {}",
            r.rule.min_interval, r.rule.min_grade
        ),
        width,
    ));

    let weak = weakest(r, 5);
    if !weak.is_empty() {
        o.push('\n');
        o.push_str(&wrap(
            "",
            "Where the group stands (least known first):",
            width,
        ));
        for p in weak {
            o.push_str(&wrap("  ", &part_sentence(p), width));
        }
    }

    // the table: part, cards, a bar of the share known, the share, seen
    let rows = rows(r);
    let label_w = rows
        .iter()
        .map(|x| width_of(&clean(&x.part.part)) + if x.section { 0 } else { 2 })
        .max()
        .unwrap_or(4)
        .clamp(4, 28);
    // label, space, cards (5), 2 spaces, bar, space, pct (4), 2 spaces, seen (4)
    let bar_w = width
        .saturating_sub(label_w + 1 + 5 + 2 + 1 + 4 + 2 + 4)
        .clamp(10, 40);
    let _ = writeln!(
        o,
        "\n{} {:>5}  {} {:>4}  {:>4}",
        pad("part", label_w),
        "cards",
        pad(
            if bar_w >= 18 {
                "known by the group"
            } else {
                "known"
            },
            bar_w
        ),
        "",
        "seen"
    );
    for x in &rows {
        let p = x.part;
        let label = if x.section {
            fit(&clean(&p.part), label_w)
        } else {
            format!("  {}", fit(&clean(&p.part), label_w - 2))
        };
        let _ = writeln!(
            o,
            "{} {:>5}  {} {:>4}  {:>4}",
            pad(&label, label_w),
            p.cards,
            bar(p.mastery, bar_w, ascii),
            pct(p.mastery),
            pct(p.seen_share)
        );
    }
    o.push_str(&wrap(
        "",
        "(known: the share of the group that knows each card, averaged over the part; seen: reviewed at least once)",
        width,
    ));

    if !r.most_missed.is_empty() {
        let _ = writeln!(o, "\nList items the group misses most:");
        for m in &r.most_missed {
            let line = format!(
                "  {} of {} members missed {} ({} misses in {} attempts)  [{} {}]",
                m.members_missed,
                m.members_tried,
                quoted(std::slice::from_ref(&m.item)),
                m.misses,
                m.attempts,
                clean(&m.card),
                clean(&m.source)
            );
            let _ = writeln!(o, "{}", fit(&line, width));
        }
    }
    if !r.most_lapsed.is_empty() {
        let _ = writeln!(o, "\nCards most members lapse on:");
        for c in &r.most_lapsed {
            let head = format!(
                "  {} of {} members, {} lapse{}  [{} {}]",
                c.lapsed,
                c.members,
                c.lapses,
                if c.lapses == 1 { "" } else { "s" },
                clean(&c.card),
                clean(&c.source)
            );
            let line = match &c.front {
                Some(f) => {
                    let room = width.saturating_sub(width_of(&head) + 1).max(10);
                    format!("{head} {}", cut_words(&clean(f), room))
                }
                None => head,
            };
            let _ = writeln!(o, "{}", fit(&line, width));
        }
    }
    let least: Vec<_> = {
        let mut cards: Vec<_> = r.cards.iter().filter(|c| c.members > 0).collect();
        cards.sort_by(|a, b| {
            a.share
                .partial_cmp(&b.share)
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        cards
            .into_iter()
            .filter(|c| c.share < Some(1.0))
            .take(10)
            .collect()
    };
    if !least.is_empty() {
        let _ = writeln!(o, "\nCards the fewest members know:");
        for c in least {
            let head = format!(
                "  {} of {} know it, {} seen it  [{} {}]",
                c.known,
                c.members,
                c.seen,
                clean(&c.id),
                clean(&c.source)
            );
            let line = match &c.front {
                Some(f) => {
                    let room = width.saturating_sub(width_of(&head) + 1).max(10);
                    format!("{head} {}", cut_words(&clean(f), room))
                }
                None => head,
            };
            let _ = writeln!(o, "{}", fit(&line, width));
        }
    }
    if r.cards.iter().all(|c| c.front.is_none()) {
        let _ = writeln!(
            o,
            "{}",
            fit(
                "(cards are named by id: pass --deck-file DECK.toml to show their questions)",
                width
            )
        );
    }

    let _ = writeln!(o, "\nMembers merged ({members}):");
    let label_w = r
        .members
        .iter()
        .map(|m| width_of(&fit(&clean(&m.label), 24)))
        .max()
        .unwrap_or(0);
    for m in &r.members {
        let mut note = if m.deck != r.deck.id {
            format!("a summary of deck '{}', merged by card id", clean(&m.deck))
        } else if m.same_version {
            "same deck version".to_string()
        } else {
            "another deck version".to_string()
        };
        let list = |ids: &[String]| {
            let shown: Vec<String> = ids.iter().take(5).map(|i| clean(i)).collect();
            let more = ids.len().saturating_sub(5);
            if more > 0 {
                format!("{}, … {more} more", shown.join(", "))
            } else {
                shown.join(", ")
            }
        };
        let cards = |ids: &[String]| plural(ids.len() as i64, "card", "cards");
        if !m.cards_differ.is_empty() {
            let _ = write!(
                note,
                "; {} changed since, left out: {}",
                cards(&m.cards_differ),
                list(&m.cards_differ)
            );
        }
        if !m.cards_missing.is_empty() {
            let _ = write!(
                note,
                "; {} not in it: {}",
                cards(&m.cards_missing),
                list(&m.cards_missing)
            );
        }
        if !m.cards_extra.is_empty() {
            let _ = write!(note, "; {} no longer in the deck", cards(&m.cards_extra));
        }
        let head = format!(
            "  {}  {}  ",
            pad(&fit(&clean(&m.label), 24), label_w),
            m.date
        );
        let note = format!("{note}  ({})", clean(&m.file));
        if width_of(&head) + 20 > width {
            // a narrow terminal: the note under the name
            let _ = writeln!(o, "{}", head.trim_end());
            o.push_str(&wrap("    ", &note, width));
        } else {
            o.push_str(&wrap(&head, &note, width));
        }
    }
    if !r.skipped.is_empty() {
        let _ = writeln!(o, "\nNot merged ({}):", r.skipped.len());
        for s in &r.skipped {
            o.push_str(&wrap(
                "  ",
                &format!("{}: {}", clean(&s.file), clean(&s.reason)),
                width,
            ));
        }
    }
    o
}
