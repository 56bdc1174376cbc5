//! Anaphoric series: consecutive paragraphs or lines that open the same
//! way ("to save …", "to reaffirm …", "to establish …"; "We will …";
//! "Everyone has the right …") are one list of what varies, asked from the
//! line that leads into them.
//!
//! Staged series: consecutive sentences that open with the same
//! preposition and a short varying phrase ("At fifteen, I had my mind bent
//! on learning. At thirty, I stood firm. At forty, …") are one ordered
//! card: the stages stay in the question, what each says is asked.

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
    let mut rest = text[start..].to_string();
    let mut cut = rest.find([',', ';', ':', '.', '(']).unwrap_or(rest.len());
    // "to ensure, by the acceptance of principles …, that armed force
    // shall not be used": an aside right after the opener's verb is left
    // out
    if words(&rest[..cut]).len() < 2 && rest[cut..].starts_with(", ") {
        let aside = &rest[cut + 2..];
        let opens_aside = words(aside).first().is_some_and(|w| {
            matches!(
                fold(w.text).as_str(),
                "by" | "in" | "with" | "for" | "through" | "as" | "under" | "at"
            )
        });
        if let (true, Some(close)) = (opens_aside, aside.find(", ")) {
            rest = format!("{} {}", &rest[..cut], &aside[close + 2..]);
            cut = rest.find([',', ';', ':', '.', '(']).unwrap_or(rest.len());
        }
    }
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
    // … but never inside a relative clause it opened ("establish
    // conditions | under which justice and respect …") nor just before an
    // "of" ("employ international machinery | for the promotion | of …"):
    // the item stops at the phrase boundary before (blind readers dropped
    // "establish conditions under which justice and respect" as garbled)
    let boundary = |k: usize| {
        let x = fold(w[k].text);
        super::text::TRAILING_CUTS.contains(&x.as_str()) && x != "of" && x != "to"
    };
    let relative = (2..end).find(|&k| {
        matches!(
            fold(w[k].text).as_str(),
            "which" | "that" | "who" | "whose" | "where"
        )
    });
    if let Some(k) = relative {
        end = if k > 2 && boundary(k - 1) { k - 1 } else { k };
    } else if w.get(end).is_some_and(|x| fold(x.text) == "of") {
        if let Some(k) = (2..end).rev().find(|&k| boundary(k)) {
            end = k;
        }
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

/// Prepositions that open the stages of a series.
const STAGE_PREPOSITIONS: &[&str] = &[
    "at", "in", "by", "on", "after", "before", "from", "until", "under",
];

/// Longest stage label ("fifteen", "the age of thirty"), in words.
const MAX_STAGE_WORDS: usize = 4;

/// One stage of a staged series: its speaker intro ("The Master said"),
/// preposition, label and what it says.
struct Stage<'a> {
    speaker: Option<&'a str>,
    prep: String,
    label: &'a str,
    said: String,
}

fn stage(sentence: &str) -> Option<Stage<'_>> {
    // "The Master said, 'At fifteen, …": the speaker leads in
    let (speaker, rest) = super::text::speaker_and_rest(sentence);
    let rest = rest.trim_start_matches(['\'', '"', '\u{2018}', '\u{201c}', ' ']);
    let comma = rest.find(", ")?;
    let head = &rest[..comma];
    let w = words(head);
    let prep = fold(w.first()?.text);
    if !STAGE_PREPOSITIONS.contains(&prep.as_str())
        || !(2..=MAX_STAGE_WORDS + 1).contains(&w.len())
        || !rest.starts_with(char::is_uppercase)
    {
        return None;
    }
    let label = head[w[1].start..].trim();
    let body = &rest[comma + 2..];
    let cut = body
        .find([',', ';', ':', '.', '?', '!'])
        .unwrap_or(body.len());
    let said = body[..cut]
        .trim()
        .trim_end_matches(['\'', '"', '\u{2019}', '\u{201d}']);
    let n = word_count(said);
    if !(2..=super::outline::MAX_BULLET_WORDS).contains(&n) {
        return None;
    }
    Some(Stage {
        speaker,
        prep,
        label,
        said: said.to_string(),
    })
}

/// Series of 3–8 consecutive sentences in one section that open with the
/// same preposition and a short stage label.
pub fn stages(doc: &Doc, prefixes: &[Option<String>], out: &mut Vec<Candidate>) {
    // (block, sentence) in document order
    let units = sentence_units(doc);
    let parsed: Vec<Option<Stage<'_>>> = units.iter().map(|(_, s)| stage(s)).collect();
    let mut i = 0;
    while i < units.len() {
        let Some(first) = &parsed[i] else {
            i += 1;
            continue;
        };
        let section = doc.blocks[units[i].0].section;
        let mut j = i + 1;
        while j < units.len()
            && doc.blocks[units[j].0].section == section
            && parsed[j]
                .as_ref()
                .is_some_and(|st| st.prep == first.prep && st.speaker.is_none())
        {
            j += 1;
        }
        let n = j - i;
        let stages: Vec<&Stage<'_>> = parsed[i..j].iter().flatten().collect();
        let labels_differ = stages
            .iter()
            .enumerate()
            .all(|(k, a)| stages[..k].iter().all(|b| fold(b.label) != fold(a.label)));
        if (3..=8).contains(&n) && labels_differ {
            let steps: Vec<String> = stages
                .iter()
                .map(|st| format!("{} {}, ___.", super::text::capitalise(&st.prep), st.label))
                .collect();
            let lead = match first.speaker {
                Some(sp) => format!("{sp}: {}", steps.join(" ")),
                None => steps.join(" "),
            };
            let items = stages.iter().map(|st| st.said.clone()).collect();
            let label = format!("({n} items, in order)");
            out.push(series_card(
                doc,
                prefixes,
                &units[i..j],
                &lead,
                &label,
                items,
                "stages",
            ));
            i = j;
        } else {
            i += 1;
        }
    }
}

/// Every sentence of the document's paragraphs, points and bullets, with
/// its block, in document order.
fn sentence_units(doc: &Doc) -> Vec<(usize, &str)> {
    doc.blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| {
            matches!(
                b.kind,
                BlockKind::Para | BlockKind::Bullet | BlockKind::Point
            )
        })
        .flat_map(|(bi, b)| b.sentences.iter().map(move |s| (bi, s.as_str())))
        .collect()
}

/// The ordered card of a series of sentences: its lead with a gap per
/// member, the section's name before it, what each member says as items.
fn series_card(
    doc: &Doc,
    prefixes: &[Option<String>],
    units: &[(usize, &str)],
    lead: &str,
    label: &str,
    items: Vec<String>,
    origin: &'static str,
) -> Candidate {
    let b0 = units[0].0;
    let section = doc.blocks[b0].section;
    let front = match prefixes.get(section).cloned().flatten() {
        Some(p) => format!("{p}: {lead} {label}"),
        None => format!("{lead} {label}"),
    };
    Candidate {
        kind: CardKind::Outline,
        front,
        back: String::new(),
        items,
        ordered: true,
        block: b0,
        sentence: 0,
        locator: doc.blocks[b0].locator.clone(),
        context: units.iter().map(|(_, s)| *s).collect::<Vec<_>>().join(" "),
        score: prior::OUTLINE,
        origin,
    }
}

/// A rhetorical question ("Is it not pleasant to learn …?"): its opening
/// ("Is it not") and what it asserts, cut at its first comma.
fn rhetorical_question(sentence: &str) -> Option<(Option<&str>, String, String)> {
    let (speaker, rest) = super::text::speaker_and_rest(sentence);
    let rest = rest.trim_start_matches(['\'', '"', '\u{2018}', '\u{201c}', ' ']);
    let body = rest.trim_end_matches(['\'', '"', '\u{2019}', '\u{201d}', ' ']);
    if !body.ends_with('?') {
        return None;
    }
    let w = words(body);
    let opens = w.len() >= 5
        && matches!(
            fold(w[0].text).as_str(),
            "is" | "are" | "was" | "were" | "do" | "does" | "did" | "can" | "shall" | "will"
        )
        && matches!(
            fold(w[1].text).as_str(),
            "it" | "he" | "she" | "they" | "we" | "this" | "that"
        )
        && fold(w[2].text) == "not";
    if !opens {
        return None;
    }
    let opening = body[..w[2].end].to_string();
    let said = &body[w[3].start..];
    let cut = said.find([',', ';', '?', '!']).unwrap_or(said.len());
    let said = said[..cut].trim();
    let n = word_count(said);
    (2..=super::outline::MAX_BULLET_WORDS)
        .contains(&n)
        .then(|| (speaker, opening, said.to_string()))
}

/// Three or more rhetorical questions in a row ("Is it not pleasant to
/// learn …? Is it not delightful to have friends …? Is he not a man of
/// complete virtue …?"): each asserts what it asks, so they are one list
/// of what they assert.
pub fn rhetorical(doc: &Doc, prefixes: &[Option<String>], out: &mut Vec<Candidate>) {
    let units = sentence_units(doc);
    let parsed: Vec<_> = units.iter().map(|(_, s)| rhetorical_question(s)).collect();
    let mut i = 0;
    while i < units.len() {
        let Some((speaker, _, _)) = &parsed[i] else {
            i += 1;
            continue;
        };
        let section = doc.blocks[units[i].0].section;
        let mut j = i + 1;
        while j < units.len()
            && doc.blocks[units[j].0].section == section
            && parsed[j].as_ref().is_some_and(|q| q.0.is_none())
        {
            j += 1;
        }
        let n = j - i;
        if !(3..=6).contains(&n) {
            i = j;
            continue;
        }
        let qs: Vec<&(Option<&str>, String, String)> = parsed[i..j].iter().flatten().collect();
        let asked = qs
            .iter()
            .map(|q| format!("{} ___?", q.1))
            .collect::<Vec<_>>()
            .join(" ");
        let lead = match speaker {
            Some(sp) => format!("{sp}: {asked}"),
            None => asked,
        };
        let items = qs.iter().map(|q| q.2.clone()).collect();
        let label = format!("({n} items)");
        out.push(series_card(
            doc,
            prefixes,
            &units[i..j],
            &lead,
            &label,
            items,
            "rhetorical",
        ));
        i = j;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<Candidate> {
        let doc = super::super::document::parse(text);
        let prefixes = vec![None; doc.sections.len() + 1];
        let mut out = Vec::new();
        stages(&doc, &prefixes, &mut out);
        out
    }

    #[test]
    fn sentences_opening_with_stages_are_one_ordered_card() {
        let got = run("1. The Master said, 'At fifteen, I had my mind bent on learning.\n\n2. 'At thirty, I stood firm.\n\n3. 'At forty, I had no doubts.'\n");
        assert_eq!(got.len(), 1);
        let c = &got[0];
        assert_eq!(
            c.front,
            "The Master said: At fifteen, ___. At thirty, ___. At forty, ___. (3 items, in order)"
        );
        assert_eq!(
            c.items,
            vec![
                "I had my mind bent on learning",
                "I stood firm",
                "I had no doubts"
            ]
        );
        assert!(c.ordered);
        // within one paragraph too
        let got = run("In spring, the fields are sown. In summer, the crops ripen slowly. In autumn, the harvest is brought in.\n");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].items.len(), 3);
    }

    #[test]
    fn an_aside_after_the_openers_verb_is_left_out_of_its_item() {
        let doc = super::super::document::parse("AND FOR THESE ENDS\n\nto practice tolerance and live together in peace, and\n\nto unite our strength to keep the peace, and\n\nto ensure, by the acceptance of principles, that armed force shall not be used, and\n");
        let prefixes = vec![None; doc.sections.len() + 1];
        let mut out = Vec::new();
        extract(&doc, &prefixes, &mut out);
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(out[0].items[2], "ensure that armed force shall not be used");
    }

    #[test]
    fn a_long_item_is_cut_at_a_phrase_boundary() {
        assert_eq!(
            item("to employ international machinery for the promotion of the economic and social advancement of all peoples,", 1).as_deref(),
            Some("employ international machinery")
        );
        assert_eq!(
            item("to establish conditions under which justice and respect for the obligations arising from treaties can be maintained, and", 1).as_deref(),
            Some("establish conditions")
        );
    }

    #[test]
    fn rhetorical_questions_in_a_row_are_one_list_of_what_they_assert() {
        let doc = super::super::document::parse("CHAPTER I. 1. The Master said, 'Is it not pleasant to learn with perseverance?\n\n2. 'Is it not delightful to have friends coming from distant quarters?'\n\n3. 'Is he not a man of complete virtue, who feels no discomposure?'\n");
        let prefixes = vec![None; doc.sections.len() + 1];
        let mut out = Vec::new();
        rhetorical(&doc, &prefixes, &mut out);
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(
            out[0].front,
            "The Master said: Is it not ___? Is it not ___? Is he not ___? (3 items)"
        );
        assert_eq!(
            out[0].items,
            vec![
                "pleasant to learn with perseverance",
                "delightful to have friends coming from distant quarters",
                "a man of complete virtue"
            ]
        );
        // questions that ask are no series
        let doc =
            super::super::document::parse("What is a comment? What is a name? What is a module?\n");
        let mut out = Vec::new();
        rhetorical(&doc, &prefixes, &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn two_stages_or_mixed_openings_are_no_series() {
        assert!(run("In spring, the fields are sown. In summer, the crops ripen.\n").is_empty());
        assert!(run("In spring, the fields are sown. By summer, the crops ripen. At harvest, the grain is in.\n").is_empty());
        // a long opening phrase is no stage label
        assert!(run("In the first years of the long war, the fields were sown. In the second year of the war, the crops failed. In the third year of the war, the people starved.\n").is_empty());
    }
}
