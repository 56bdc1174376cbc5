//! Anaphoric series: consecutive paragraphs or lines that open the same
//! way ("to save …", "to reaffirm …", "to establish …"; "We will …";
//! "Everyone has the right …") are one list of what varies, asked from the
//! line that leads into them.

use super::candidate::{prior, Candidate};
use super::document::{BlockKind, Doc};
use super::text::{fold, word_count, words};
use crate::model::CardKind;

/// Longest item, in words (a clause, cut at its first comma).
pub const MAX_ITEM_WORDS: usize = 8;

fn opener(text: &str) -> Option<String> {
    let w = words(text);
    let first = fold(w.first()?.text);
    // an article or a conjunction says nothing about parallel structure
    if matches!(
        first.as_str(),
        "the"
            | "a"
            | "an"
            | "and"
            | "but"
            | "or"
            | "this"
            | "it"
            | "in"
            | "of"
            | "he"
            | "she"
            | "i"
    ) {
        return None;
    }
    Some(first)
}

/// The varying part of one line: after the shared opener, up to the first
/// clause boundary, at most [`MAX_ITEM_WORDS`] words.
fn item(text: &str, opener_words: usize) -> Option<String> {
    let w = words(text);
    let start = w.get(opener_words)?.start;
    let rest = &text[start..];
    let cut = rest.find([',', ';', ':', '.', '(']).unwrap_or(rest.len());
    let clause = rest[..cut].trim();
    let w = words(clause);
    // a comma right after the opener leaves a fragment ("to ensure, by …")
    if w.len() < 2 {
        return None;
    }
    if w.len() <= MAX_ITEM_WORDS {
        return Some(clause.to_string());
    }
    // a long clause keeps its first words, ending on a content word
    let mut end = MAX_ITEM_WORDS;
    while end > 3 && super::text::is_stop(w[end - 1].text) {
        end -= 1;
    }
    Some(clause[..w[end - 1].end].to_string())
}

/// Series of 3–7 blocks in one section with the same opening word.
pub fn extract(doc: &Doc, prefixes: &[Option<String>], out: &mut Vec<Candidate>) {
    // questions ("How …?", "What …?") are prompts to the reader, not content
    let eligible = |k: usize| {
        doc.blocks.get(k).is_some_and(|b| {
            matches!(b.kind, BlockKind::Para | BlockKind::Bullet)
                && !b.text.trim_end().ends_with('?')
        })
    };
    let mut i = 0;
    while i < doc.blocks.len() {
        let Some(op) = eligible(i).then(|| opener(&doc.blocks[i].text)).flatten() else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while eligible(j)
            && doc.blocks[j].section == doc.blocks[i].section
            && opener(&doc.blocks[j].text).as_deref() == Some(op.as_str())
        {
            j += 1;
        }
        let n = j - i;
        if (3..=7).contains(&n) {
            let items: Vec<String> = doc.blocks[i..j]
                .iter()
                .filter_map(|b| item(&b.text, 1))
                .collect();
            // the line before leads into the series ("WE THE PEOPLES …
            // DETERMINED", "For these ends")
            let lead = i
                .checked_sub(1)
                .and_then(|k| doc.blocks.get(k))
                .filter(|b| !b.text.trim_end().ends_with('?'))
                .map(|b| b.text.trim().trim_end_matches([':', ',']).to_string())
                .filter(|t| {
                    (2..=15).contains(&word_count(t)) && super::outline::numbered_label(t).is_none()
                });
            if items.len() == n {
                if let Some(lead) = lead {
                    let lead = match prefixes.get(doc.blocks[i].section).cloned().flatten() {
                        Some(p) if !lead.contains(&p) => format!("{p}: {lead}"),
                        _ => lead,
                    };
                    out.push(Candidate {
                        kind: CardKind::Outline,
                        front: format!(
                            "{lead} {} ___ ({n} items)",
                            words(&doc.blocks[i].text)[0].text
                        ),
                        back: String::new(),
                        items,
                        ordered: false,
                        block: i,
                        sentence: 0,
                        locator: doc.blocks[i].locator.clone(),
                        context: doc.blocks[i..j]
                            .iter()
                            .map(|b| b.text.as_str())
                            .collect::<Vec<_>>()
                            .join(" "),
                        score: prior::OUTLINE,
                        origin: "anaphora",
                    });
                }
            }
        }
        i = j.max(i + 1);
    }
}
